import Foundation
import Testing
@_spi(Internals) @testable import AllianceGraph
@_spi(Internals) @testable import AllianceGraphFormats
@testable import AllianceGraphRender

@Suite("Synthetic networks")
struct SyntheticNetworkTests {
    static func degrees(_ network: AllianceNetwork) -> [Int] {
        var degree = [Int](repeating: 0, count: network.count)
        for c in network.commitments { degree[c.from.index] += 1; degree[c.to.index] += 1 }
        return degree
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.isEmpty ? .nan : sorted[sorted.count / 2]
    }

    /// Euclidean length of every commitment on the generator's map.
    static func tieLengths(_ spec: SyntheticNetwork, _ network: AllianceNetwork) -> [Double] {
        let (x, y) = spec.mapPositions()
        return network.commitments.map { c in
            let dx = x[c.from.index] - x[c.to.index], dy = y[c.from.index] - y[c.to.index]
            return (dx * dx + dy * dy).squareRoot()
        }
    }

    @Test(
        "the same specification gives the same bytes; another seed gives another network",
        arguments: SyntheticNetworkModel.allCases)
    func deterministic(model: SyntheticNetworkModel) throws {
        let spec = SyntheticNetwork(states: 300, ties: 1200, seed: 7, model: model)
        let first = ScenarioWriter.json(try spec.scenario())
        #expect(ScenarioWriter.json(try spec.scenario()) == first)
        var other = spec
        other.seed = 8
        #expect(ScenarioWriter.json(try other.scenario()) != first)
    }

    @Test(
        "counts: N states, M distinct ties, floor(N/4) rivalries on untied pairs, capability sums to 1",
        arguments: SyntheticNetworkModel.allCases)
    func counts(model: SyntheticNetworkModel) throws {
        let spec = SyntheticNetwork(states: 500, ties: 2500, seed: 3, model: model)
        let network = try spec.scenario().network
        #expect(network.count == 500)
        #expect(network.commitments.count == 2500)
        #expect(Set(network.commitments.map(\.pair)).count == 2500, "one commitment per pair")
        #expect(network.rivalries.count == 125)
        let tied = Set(network.commitments.map(\.pair))
        #expect(network.rivalries.allSatisfy { !tied.contains($0.pair) })
        #expect(abs(network.states.map(\.capability).reduce(0, +) - 1) < 1e-9)
        #expect(network.states.filter(\.major).count == spec.majorPowerCount)
        #expect(spec.majorPowerCount == 9, "ceil(log2(501))")
        #expect(!network.contiguity.isEmpty)
        let kinds = Dictionary(grouping: network.commitments, by: \.kind).mapValues(\.count)
        #expect(kinds[.defense, default: 0] > 1000 && kinds[.defense, default: 0] < 1500, "about 50 % defence pacts")
        #expect(
            network.commitments.filter { !$0.isSymmetric }.allSatisfy {
                network[$0.from].capability >= network[$0.to].capability
            }, "guarantees and patronage run from the more capable state")
    }

    @Test("the scenario is valid: it writes, reads back equal, and the streamed file has the same bytes")
    func roundTrip() throws {
        let scenario = try SyntheticNetwork(states: 200, ties: 700, seed: 1, model: .regional).scenario()
        let text = ScenarioWriter.json(scenario)
        #expect(try ScenarioReader.parse(text) == scenario)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("synthetic-\(UUID().uuidString).json")
            .path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try ScenarioWriter.write(scenario, to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == text)
    }

    @Test("the streamed writer gives the document writer's bytes for short lists too (Europe 1914)")
    func streamedShortLists() throws {
        let scenario = try ScenarioLoader.load(path: TestSupport.network("europe-1914.json"))
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("streamed-\(UUID().uuidString).json")
            .path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try ScenarioWriter.write(scenario, to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == ScenarioWriter.json(scenario))
    }

    @Test("regional ties are short: their median length is a small share of a random pair's")
    func regionalTiesAreShort() throws {
        let regional = SyntheticNetwork(states: 2000, ties: 8000, seed: 5, model: .regional)
        let scaleFree = SyntheticNetwork(states: 2000, ties: 8000, seed: 5, model: .scaleFree)
        let local = Self.median(Self.tieLengths(regional, try regional.scenario().network))
        let random = Self.median(Self.tieLengths(scaleFree, try scaleFree.scenario().network))
        // A random pair on the unit square is about 0.51 apart (median); the 16 nearest of 2,000
        // states lie within about 0.05.
        #expect(random > 0.4)
        #expect(local < 0.1 * random)
    }

    @Test("scale-free degrees have a heavy tail: hubs far above the mean, unlike the regional model")
    func scaleFreeDegreeTail() throws {
        let mean = 2.0 * 10_000 / 2_000
        let scaleFree = Self.degrees(
            try SyntheticNetwork(states: 2000, ties: 10_000, seed: 2, model: .scaleFree).scenario().network)
        let regional = Self.degrees(
            try SyntheticNetwork(states: 2000, ties: 10_000, seed: 2, model: .regional).scenario().network)
        #expect(Double(scaleFree.max()!) > 8 * mean)
        #expect(Double(regional.max()!) < 3 * mean)
        // P(k >= 3 <k>) under a Poisson law of mean 10 is below 1e-6; a k^-3 tail keeps a few percent.
        let tail = scaleFree.filter { Double($0) >= 3 * mean }.count
        #expect(tail >= 20)
    }

    @Test("contiguity joins each state to its nearest neighbours, land borders the shortest")
    func contiguityFromTheMap() throws {
        let spec = SyntheticNetwork(states: 400, ties: 800, seed: 9)
        let network = try spec.scenario().network
        let (x, y) = spec.mapPositions()
        var bordered = Set<Int>()
        for entry in network.contiguity {
            bordered.insert(entry.pair.low.index); bordered.insert(entry.pair.high.index)
            let dx = x[entry.pair.low.index] - x[entry.pair.high.index],
                dy = y[entry.pair.low.index] - y[entry.pair.high.index]
            let d = (dx * dx + dy * dy).squareRoot() * 20  // spacing 1 / sqrt(400)
            if case .cowType(let type) = entry.kind { #expect(type == 1 ? d <= 0.75 : d > 0.75) }
        }
        #expect(bordered.count == 400, "every state has a neighbour")
        #expect(network.contiguity.count >= 600 && network.contiguity.count <= 1200)
    }

    @Test("sizes out of range are refused with the option named", arguments: [(0, 0), (10, 23), (-1, 0)])
    func refusesBadSizes(states: Int, ties: Int) {
        #expect(throws: InputError.self) { try SyntheticNetwork(states: states, ties: ties).validate() }
    }

    @Test("edge cases: one state, no ties, and the densest allowed network")
    func edgeCases() throws {
        let one = try SyntheticNetwork(states: 1, ties: 0).scenario().network
        #expect(one.count == 1 && one.commitments.isEmpty && one.contiguity.isEmpty)
        for model in SyntheticNetworkModel.allCases {
            let dense = try SyntheticNetwork(
                states: 12, ties: SyntheticNetwork.maxTies(states: 12), seed: 4, model: model
            ).scenario().network
            #expect(dense.commitments.count == 33)
        }
    }
}
