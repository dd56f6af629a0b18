import Foundation
import Testing
@_spi(Internals) @testable import AllianceGraph
@_spi(Internals) @testable import AllianceGraphFormats

/// The binary snapshot (`ScenarioSnapshot`): every scenario survives the round trip exactly, the
/// bytes are deterministic, and no damaged or hand-made snapshot crashes the reader or gives a
/// network its JSON form would refuse.
@Suite("Scenario snapshot")
struct ScenarioSnapshotTests {
    static func snapshot(_ scenario: Scenario) -> [UInt8] { [UInt8](ScenarioSnapshotWriter.encode(scenario)) }

    static func decode(_ bytes: [UInt8]) -> Result<Scenario, InputError> {
        Result { () throws(InputError) in try ScenarioSnapshotReader.decode(bytes) }
    }

    /// `bytes` with its trailing checksum recomputed, as a hand-made file would carry it.
    static func resealed(_ bytes: [UInt8]) -> [UInt8] {
        var body = Array(bytes.dropLast(8))
        let sum = body.withUnsafeBytes { ScenarioSnapshot.checksum($0) }
        withUnsafeBytes(of: sum.littleEndian) { body.append(contentsOf: $0) }
        return body
    }

    /// Every scenario file among the bundled networks and the fixtures that reads.
    static func readableScenarios() -> [(String, Scenario)] {
        let folders = [
            TestSupport.repositoryRoot.appendingPathComponent("Networks"), TestSupport.fixture("hostile/scenario"),
            TestSupport.fixture("invalid"),
        ]
        var found: [(String, Scenario)] = []
        for folder in folders {
            for file in ScenarioFastReaderTests.fixtures(folder) {
                guard let data = try? Data(contentsOf: file) else { continue }
                if let scenario = try? ScenarioReader.parse([UInt8](data)) {
                    found.append((file.lastPathComponent, scenario))
                }
            }
        }
        return found
    }

    @Test("bundled networks and readable fixtures: equal after the round trip, same bytes twice, same JSON")
    func roundTrip() throws {
        let scenarios = Self.readableScenarios()
        #expect(scenarios.count >= 8)
        var sawNote = false, sawSpell = false, sawDirected = false, sawWarPlan = false, sawProximity = false
        for (name, scenario) in scenarios {
            let bytes = Self.snapshot(scenario)
            #expect(bytes == Self.snapshot(scenario), "\(name): not deterministic")
            let back = try ScenarioSnapshotReader.decode(bytes)
            #expect(back == scenario, "\(name)")
            #expect(ScenarioWriter.json(back) == ScenarioWriter.json(scenario), "\(name)")
            let n = scenario.network
            sawNote = sawNote || n.commitments.contains { $0.note != nil } && n.states.contains { $0.note != nil }
            sawSpell = sawSpell || n.commitments.contains { $0.since != nil || $0.until != nil }
            sawDirected = sawDirected || n.commitments.contains { !$0.isSymmetric }
            sawWarPlan = sawWarPlan || !scenario.warPlans.isEmpty
            sawProximity =
                sawProximity || n.contiguity.contains { if case .proximity = $0.kind { true } else { false } }
        }
        #expect(sawNote && sawSpell && sawDirected && sawWarPlan, "the inputs cover every optional field")
        _ = sawProximity
    }

    @Test("the file's kind numbers cover every kind once")
    func kindNumbers() {
        #expect(Set(ScenarioSnapshot.kinds) == Set(CommitmentKind.allCases))
        #expect(ScenarioSnapshot.kinds.count == CommitmentKind.allCases.count)
    }

    @Test("every optional field, edge values and non-ASCII text survive")
    func edgeValues() throws {
        let a = StateID(0), b = StateID(1), c = StateID(2)
        let network = try AllianceNetwork(
            states: [
                State(
                    code: "AAA", ccode: 999, name: "Ärø — 国", capability: 1e-12, gdp: 1e15, effort: 1e-9,
                    baselineEffort: 1, major: true, hawkishness: 0, intent: 1, note: "tab\there\nline", growth: -0.5),
                State(code: "B-b_9", name: "B", capability: 0, gdp: 2, growth: 0.5),
                State(code: "C", capability: 0.3),
            ],
            commitments: [
                .symmetric(.defense, a, b, credibility: 0, reverseCredibility: 1, since: Int.min + 1, until: 2024),
                .directed(.guarantee, from: c, to: a, credibility: 0.125, until: -5, note: ""),
                .symmetric(.consultation, b, c, note: "n"),
            ],
            rivalries: [Rivalry(a, c, intensity: 1e-300, since: 1816, note: "r"), Rivalry(b, c, intensity: 1)],
            contiguity: [Contiguity(a, b, type: 5), Contiguity(a, c, proximity: 0, note: "sea")])
        let scenario = try Scenario(
            name: "edge", year: -44, description: "d\r\n", codes: .custom, sources: ["s1", ""],
            network: network, warPlans: [WarPlan(actor: a, trigger: [b], attack: [c], note: "plan")],
            propensities: [Propensity(a, b, value: -3.5)])
        let back = try ScenarioSnapshotReader.decode(Self.snapshot(scenario))
        #expect(back == scenario)
        #expect(back.network.commitments[0].reverseCredibility == 1)
        #expect(back.network.commitments[1].reverseCredibility == nil)
        #expect(back.network.commitments[1].note == "")
        #expect(back.propensities == scenario.propensities)
    }

    @Test(
        "generated networks, both models, from memory and from a mapped file named without the extension",
        arguments: SyntheticNetworkModel.allCases)
    func generated(model: SyntheticNetworkModel) throws {
        let scenario = try SyntheticNetwork(states: 1500, ties: 9000, seed: 5, model: model).scenario()
        let bytes = Self.snapshot(scenario)
        #expect(try ScenarioSnapshotReader.decode(bytes) == scenario)
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("snapshot-\(model)-\(getpid())-\(UUID().uuidString)").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try ScenarioLoader.load(path: path) == scenario)
        #expect(try ScenarioLoader.loadWithBytes(path: path).scenario == scenario)
    }

    @Test("every truncation and every single changed byte is refused as damaged, never read")
    func damage() throws {
        let scenario = try ScenarioReader.read(path: TestSupport.network("europe-1914.json"))
        let bytes = Self.snapshot(scenario)
        for length in 0..<bytes.count {
            guard case .failure = Self.decode(Array(bytes[0..<length])) else {
                Issue.record("a snapshot cut at \(length) of \(bytes.count) bytes was read")
                return
            }
        }
        for position in Swift.stride(from: 0, to: bytes.count, by: 3) {
            var changed = bytes
            changed[position] ^= 0x20
            guard case .failure(let error) = Self.decode(changed) else {
                Issue.record("a snapshot with byte \(position) changed was read")
                return
            }
            if position >= 8 && position < bytes.count - 8 && position >= 12 {
                #expect(error.message.contains("checksum"), "byte \(position): \(error)")
            }
        }
    }

    @Test("hand-made snapshots (valid checksum): a named error or a valid scenario, never a crash")
    func resealedMutations() throws {
        let scenario = try ScenarioReader.read(path: TestSupport.network("nato-2024.json"))
        let bytes = Self.snapshot(scenario)
        var random = SeededRandom(seed: 17)
        var refused = 0, read = 0
        for _ in 0..<1500 {
            var mutated = Array(bytes.dropLast(8))
            for _ in 0..<Int(random.next() % 3 + 1) {
                let position = Int(random.next() % UInt64(mutated.count))
                mutated[position] = UInt8(truncatingIfNeeded: random.next())
            }
            mutated.append(contentsOf: [0, 0, 0, 0, 0, 0, 0, 0])
            switch Self.decode(Self.resealed(mutated)) {
            case .failure(let error):
                refused += 1
                #expect(!error.message.isEmpty)
            case .success(let decoded):
                read += 1
                // What reads is a valid scenario: it survives its own round trip.
                #expect(try ScenarioSnapshotReader.decode(Self.snapshot(decoded)) == decoded)
            }
        }
        #expect(refused > 100 && read > 100, "refused \(refused), read \(read)")
    }

    @Test("errors name the field in the scenario format's terms")
    func namedErrors() throws {
        let a = StateID(0), b = StateID(1)
        let network = try AllianceNetwork(
            states: [State(code: "A", capability: 1), State(code: "B", capability: 1)],
            commitments: [.symmetric(.defense, a, b)], rivalries: [Rivalry(a, b, intensity: 0.5)])
        let bytes = Self.snapshot(try Scenario(name: "two", network: network))
        /// Where the commitments' count starts: after the states.
        let headerLength = Int(bytes[16]) | Int(bytes[17]) << 8
        let statesStart = 24 + headerLength
        // Two states: "A"/"A" and "B"/"B", no notes: 4+1, 4+1, 4, 1, 4, 56 bytes each.
        let commitmentsStart = statesStart + 8 + 2 * (5 + 5 + 4 + 1 + 4 + 56)
        let first = commitmentsStart + 8

        func error(_ edit: (inout [UInt8]) -> Void) -> InputError? {
            var copy = bytes
            edit(&copy)
            if case .failure(let e) = Self.decode(Self.resealed(copy)) { return e }
            return nil
        }
        #expect(try #require(error { $0[8] = 2 }).location == "version")
        #expect(try #require(error { $0[first] = 200 }).location == "commitments[0].kind")
        #expect(try #require(error { $0[first + 1] |= 0x40 }).location == "commitments[0].flags")
        let outOfRange = try #require(error { $0[first + 6] = 7 })
        #expect(outOfRange.location == "commitments[0].between[1]" && outOfRange.message.contains("out of range"))
        let selfTie = try #require(error { $0[first + 6] = 0 })
        #expect(selfTie.location == "commitments[0].between[1]", "\(selfTie)")
        let credibility = try #require(
            error { $0.replaceSubrange((first + 10)..<(first + 18), with: [0, 0, 0, 0, 0, 0, 0xF8, 0x7F]) })
        #expect(credibility.location == "commitments[0].credibility", "\(credibility)")
        let count = try #require(error { $0[commitmentsStart + 7] = 0x10 })
        #expect(count.location == "commitments" && count.message.contains("bytes left"), "\(count)")
        let code = try #require(error { $0[statesStart + 12] = 0x20 })  // "A" -> " "
        #expect(code.location == "states[0].code", "\(code)")
        let utf8 = try #require(error { $0[statesStart + 17] = 0xC3 })  // name "A" -> a lone lead byte
        #expect(utf8.location == "states[0].name" && utf8.message.contains("UTF-8"), "\(utf8)")
        let header = try #require(error { $0[24] = UInt8(ascii: "[") })
        #expect(header.message.contains("JSON") || header.location == "header", "\(header)")
        #expect(try #require(error { $0.insert(1, at: $0.count - 8) }).message.contains("follow the last section"))
    }
}
