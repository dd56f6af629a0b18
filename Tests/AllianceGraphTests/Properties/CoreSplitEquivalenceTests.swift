import Foundation
import Testing

@_spi(Internals) @testable import AllianceGraph
@_spi(Internals) @testable import AllianceGraphFormats

/// Work that large networks split over the cores (CSR rows, source scores, tie snapshots, the
/// streamed scenario writer) gives the same bits as the one-thread path. The thresholds are
/// lowered so that small networks take the split path; the two results are compared exactly.
@Suite("Work split over cores gives the one-thread bits")
struct CoreSplitEquivalenceTests {
    /// Random arcs with parallel arcs and (often) empty rows; weights in (0, 1].
    static func arcs(seed: UInt64, vertices: Int, count: Int) -> [(Int, Int, Double)] {
        var random = SeededRandom(seed: seed)
        let drawn = (0..<count).map { _ in
            // Sources skewed to low rows, so that the parts split by arcs get different row counts.
            let source = Int(random.next() % UInt64(max(1, vertices / 3 + Int(random.next() % UInt64(vertices)))))
            let target = Int(random.next() % UInt64(vertices))
            return (min(source, vertices - 1), target, 0.01 + 0.99 * random.nextUnit())
        }
        // Some parallel arcs for certain: the first ones again, weaker and stronger.
        return drawn + drawn.prefix(5).map { ($0.0, $0.1, $0.2 / 2) } + drawn.suffix(3).map { ($0.0, $0.1, 1) }
    }

    @Test("CSR rows sorted and merged in parts equal the rows of one pass", arguments: 1...12)
    func csrRows(seed: UInt64) throws {
        let vertices = 5 + Int(seed * 37 % 200)
        let arcs = Self.arcs(seed: seed, vertices: vertices, count: 40 + Int(seed * 311 % 3000))
        for normalising in [false, true] {
            func build(_ minimum: Int) throws -> CSRAdjacency {
                try CSRAdjacency(
                    vertexCount: vertices, normalisingRows: normalising, parallelArcMinimum: minimum
                ) { emit in for (s, t, w) in arcs { emit(s, t, w) } }
            }
            let one = try build(.max), split = try build(0)
            #expect(split == one, "seed \(seed), normalising \(normalising)")
            #expect(split.arcCount < arcs.count, "parallel arcs were merged (seed \(seed))")
            // And both agree with the arc-list constructor (keeps the largest of parallel arcs).
            if !normalising {
                #expect(
                    one
                        == (try CSRAdjacency(
                            vertexCount: vertices, arcs: arcs.map { (source: $0.0, target: $0.1, weight: $0.2) })))
            }
        }
    }

    @Test("threat assessments with sources scored and ties built on every core are the same bits", arguments: 1...3)
    func assessment(seed: UInt64) throws {
        // Above allSourcesLimit, so the top sources are selected.
        let network = try SyntheticNetwork(states: 400, ties: 1600, seed: seed, model: .regional).scenario().network
        var one = ThreatModel(network), split = ThreatModel(network)
        one.parallelMinimum = .max
        split.parallelMinimum = 0
        #expect(one.assess(network, SecurityEnvironment()) == split.assess(network, SecurityEnvironment()))
        var r1 = SeededRandom(seed: seed), r2 = SeededRandom(seed: seed)
        let noisyOne = one.assess(network, SecurityEnvironment(), random: &r1)
        let noisySplit = split.assess(network, SecurityEnvironment(), random: &r2)
        #expect(noisyOne == noisySplit)
        #expect(noisyOne.sources.count == one.topSources)
        let tiesOne = ThreatModel.ties(network, power: noisyOne.power, reliability: 0.8, parallelMinimum: .max)
        let tiesSplit = ThreatModel.ties(network, power: noisyOne.power, reliability: 0.8, parallelMinimum: 0)
        #expect(tiesOne.partners == tiesSplit.partners && tiesOne.rivals == tiesSplit.rivals)
        #expect(tiesOne.entanglement == tiesSplit.entanglement && tiesOne.support == tiesSplit.support)
    }

    @Test("list elements written inline as bytes give the document writer's bytes, every field and escape")
    func inlineCommitments() throws {
        let synthetic = try SyntheticNetwork(states: 120, ties: 400, seed: 6, model: .regional).scenario()
        let notes = [
            "", "pact of 1907", "a \"quoted\" clause\nand a line break \\ tab\t", String(repeating: "long ", count: 40),
        ]
        let commitments = synthetic.network.commitments.enumerated().map { k, c in
            Commitment(
                kind: c.kind, from: c.from, to: c.to, isSymmetric: c.isSymmetric,
                credibility: k % 4 == 0 ? 0.37 : c.credibility,
                reverseCredibility: c.isSymmetric && k % 6 == 0 ? 0.125 : c.reverseCredibility,
                since: k % 5 == 0 ? 1880 + k % 40 : nil, until: k % 10 == 0 ? 1950 : nil,
                note: k % 3 == 0 ? notes[k % notes.count] : nil)
        }
        // Codes of every allowed length and character, read from the writer's table of quoted codes.
        var states = synthetic.network.states
        states[3].code = "A"
        states[7].code = "under_score-dash"
        states[11].code = "Z9"
        // Rivalries and contiguity entries with every field, more than `streamedMinimum` of each.
        let n = states.count
        let rivalries = (0..<90).map { k in
            Rivalry(
                StateID(k % n), StateID((k * 7 + 1) % n),
                intensity: k % 3 == 0 ? 1 : 0.1 + Double(k) / 200, since: k % 4 == 0 ? 1900 + k : nil,
                until: k % 8 == 0 ? 2000 : nil, note: k % 5 == 0 ? notes[k % notes.count] : nil)
        }
        let contiguity = (0..<80).map { k in
            let a = StateID(k % n), b = StateID((k + 1 + k % 9) % n)
            return k % 2 == 0
                ? Contiguity(a, b, type: 1 + k % 5, note: k % 7 == 0 ? notes[k % notes.count] : nil)
                : Contiguity(a, b, proximity: Double(k) / 97, note: k % 6 == 1 ? notes[k % notes.count] : nil)
        }
        let network = try AllianceNetwork(
            states: states, commitments: commitments, rivalries: rivalries, contiguity: contiguity)
        let scenario = try Scenario(name: "inline", network: network)
        var bytes: [UInt8] = []
        try ScenarioWriter.streamBytes(scenario) { bytes.append(contentsOf: $0) }
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text == ScenarioWriter.json(scenario))
        // Each list: some elements took the byte writer and some (the long notes and codes) did
        // not; those that did wrote the document's one-line form.
        let writer = try #require(ScenarioInlineWriter(network))
        func check<Element>(
            _ elements: [Element], _ write: (Element, inout [UInt8]) -> Bool, _ document: (Element) -> JSONValue
        ) {
            var inline = 0
            for element in elements {
                var bytes: [UInt8] = []
                if write(element, &bytes) {
                    inline += 1
                    var expected: [UInt8] = []
                    JSONWriter.append(document(element), to: &expected, indent: 4)
                    #expect(bytes == expected)
                } else {
                    #expect(bytes.isEmpty)
                }
            }
            #expect(inline > 0 && inline < elements.count)
        }
        check(commitments, writer.commitment, { ScenarioWriter.commitmentDocument($0, network) })
        check(rivalries, writer.rivalry, { ScenarioWriter.rivalryDocument($0, network) })
        check(contiguity, writer.contiguity, { ScenarioWriter.contiguityDocument($0, network) })
    }

    @Test("the streamed writer's background emission keeps the chunks' order and stops at the first failed one")
    func backgroundEmission() throws {
        let scenario = try SyntheticNetwork(states: 300, ties: 1000, seed: 5, model: .regional).scenario()
        // Bytes, in order, through the writer thread (every list counts as large).
        var bytes: [UInt8] = []
        try ScenarioWriter.streamBytes(scenario, parallelMinimum: 0, blockSize: 3) { bytes.append(contentsOf: $0) }
        #expect(String(decoding: bytes, as: UTF8.self) == ScenarioWriter.json(scenario))
        // A failing emission: its error is thrown, and no chunk is emitted after it.
        var calls = 0
        let failure = OutputError(path: "final.json", message: "can't be written: No space left on device")
        let thrown = #expect(throws: OutputError.self) {
            try ScenarioWriter.streamBytes(scenario, parallelMinimum: 0, blockSize: 3) { _ throws(OutputError) in
                calls += 1
                // Waits first, so that the writer's queue is full when the failure comes: the
                // queued chunks must then be dropped, not emitted.
                if calls == 5 {
                    usleep(100_000)
                    throw failure
                }
            }
        }
        #expect(thrown?.description == failure.description)
        #expect(calls == 5)
    }

    @Test("the streamed writer's blocks written on every core give the document writer's bytes")
    func streamedBlocks() throws {
        let scenario = try SyntheticNetwork(states: 300, ties: 1000, seed: 4, model: .regional).scenario()
        let expected = ScenarioWriter.json(scenario)
        for blockSize in [1, 7, 64, 5000] {
            var bytes: [UInt8] = []
            try ScenarioWriter.streamBytes(scenario, parallelMinimum: 0, blockSize: blockSize) {
                bytes.append(contentsOf: $0)
            }
            let text = String(decoding: bytes, as: UTF8.self)
            #expect(text == expected, "block size \(blockSize)")
        }
    }
}
