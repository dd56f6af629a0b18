import Foundation
import Testing
@_spi(Internals) @testable import AllianceGraph
@_spi(Internals) @testable import AllianceGraphFormats
@testable import AllianceGraphRender

/// Files written by networkx 3.6 and python-igraph 0.10.2 (scripts/formats/make_fixtures.py).
@Suite("Graph files written by networkx and python-igraph")
struct ForeignGraphFilesTests {
    static let files = [
        "networkx.graphml", "networkx.nodelink.json", "networkx-links.nodelink.json", "igraph.graphml", "igraph.gml",
    ]

    @Test("the hand-made 1914 sketch is read with every state, tie kind, strength and direction", arguments: files)
    func sketch(file: String) throws {
        let scenario = try ScenarioLoader.load(path: TestSupport.fixture("formats/\(file)").path)
        let n = scenario.network
        #expect(scenario.name == "Hand-made 1914 sketch")
        #expect(scenario.year == 1914)
        #expect(n.states.map(\.code) == ["FRN", "RUS", "GMY", "BEL"])
        #expect(n.states.map(\.name) == ["France", "Russia", "Germany", "Belgium"])
        #expect(n.states.map(\.capability) == [0.12, 0.10, 0.15, 0.01])
        #expect(n.states.map(\.major) == [true, true, true, false])
        let ties = n.commitments.map { c in
            "\(c.kind.rawValue) \(n[c.from].code)\(c.isSymmetric ? "-" : ">")\(n[c.to].code) \(c.credibility)"
        }
        // networkx lists a multigraph's edges by node adjacency, igraph by edge id: compare as sets.
        #expect(
            ties.sorted()
                == [
                    "defense FRN-RUS 0.9", "consultation FRN-RUS 1.0", "nonaggression GMY-BEL 0.5",
                    "guarantee FRN>BEL 0.6",
                ].sorted())
        #expect(n.rivalries.count == 1)
        #expect(
            n.rivalries.first.map { n[$0.pair.low].code + n[$0.pair.high].code + " \($0.intensity)" } == "FRNGMY 0.9")
    }

    @Test("a plain networkx graph: codes from the name attribute, defence ties, weight not read as strength")
    func plain() throws {
        let scenario = try ScenarioLoader.load(path: TestSupport.fixture("formats/networkx-plain.nodelink.json").path)
        let n = scenario.network
        #expect(n.states.map(\.code) == ["AAA", "BBB", "CCC"])
        #expect(n.states.allSatisfy { abs($0.capability - 1.0 / 3) < 1e-15 })
        #expect(n.commitments.map(\.kind) == [.defense, .defense])
        #expect(n.commitments.allSatisfy { $0.credibility == 1 })
        #expect(scenario.name == "networkx-plain.nodelink")
    }
}

@Suite("Foreign graphs: codes and names")
struct ForeignCodeTests {
    @Test("a name attribute holding display names falls back to the node ids as codes")
    func displayNames() throws {
        let text = """
            {"nodes": [{"id": "UKG", "name": "United Kingdom"}, {"id": "FRN", "name": "France"}],
             "edges": [{"source": "UKG", "target": "FRN", "kind": "consultation"}]}
            """
        let path = FormatFixtures.temporaryPath("names.nodelink.json")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let n = try ScenarioLoader.load(path: path).network
        #expect(n.states.map(\.code) == ["UKG", "FRN"])
        #expect(n.states.map(\.name) == ["United Kingdom", "France"])
        #expect(n.commitments.map(\.kind) == [.consultation])
    }
}
