import Testing
@_spi(Internals) @testable import AllianceGraph

/// `BurdenSharingReport` matches each initial pledge to its final credibility by giver buckets;
/// these tests hold it to the plain definition: a map from (giver, receiver, kind) to the final
/// credibility, filled in the final network's pledge order (the later pledge wins), 0 when absent.
@Suite("Burden-sharing report: received credibility matched pledge by pledge")
struct BurdenSharingReportTests {
    /// The definition, with a dictionary.
    static func reference(initial: AllianceNetwork, final: AllianceNetwork) -> [Double] {
        struct Key: Hashable {
            var giver: Int
            var receiver: Int
            var kind: CommitmentKind
        }
        var finalValue: [Key: Double] = [:]
        for o in final.obligations where o.kind.obligesToFight {
            finalValue[Key(giver: o.committed.index, receiver: o.partner.index, kind: o.kind)] = o.credibility
        }
        var after = [Double](repeating: 0, count: initial.count), count = after
        for o in initial.obligations where o.kind.obligesToFight {
            after[o.partner.index] +=
                finalValue[Key(giver: o.committed.index, receiver: o.partner.index, kind: o.kind)] ?? 0
            count[o.partner.index] += 1
        }
        return (0..<initial.count).map { count[$0] > 0 ? after[$0] / count[$0] : .nan }
    }

    @Test("equal to the map-based definition after runs that drop, add and weaken pledges", arguments: 1...6)
    func matchesDefinition(seed: Int) throws {
        let model: SyntheticNetworkModel = seed % 2 == 0 ? .regional : .scaleFree
        let network = try SyntheticNetwork(states: 150, ties: 700, seed: UInt64(seed), model: model).scenario().network
        var parameters = SimulationParameters()
        parameters.rules.spiralIntensity = 0.3
        var simulation = try Simulation(
            network: network,
            configuration: .init(
                parameters: parameters, rounds: 8, seed: UInt64(seed), stopAtEquilibrium: false,
                systemMetrics: .light))
        try simulation.run()
        let final = simulation.network
        #expect(final.commitments != network.commitments)
        let report = BurdenSharingReport(initial: network, final: final)
        let expected = Self.reference(initial: network, final: final)
        #expect(report.receivedAfter.map(\.bitPattern) == expected.map(\.bitPattern))
        // The lookups split over two cores (as for millions of pledges) give the same report.
        let split = BurdenSharingReport(
            baseline: BurdenSharingReport.Baseline(initial: network), final: final, parallelMinimumPledges: 0)
        #expect(split.receivedAfter.map(\.bitPattern) == expected.map(\.bitPattern))
    }

    @Test("a pledge given twice in the final network takes the later credibility; a missing one counts 0")
    func duplicatesAndMissing() throws {
        let states = ["A", "B", "C"].map { State(code: $0, capability: 0.1) }
        let initial = try AllianceNetwork(
            states: states,
            commitments: [
                .symmetric(.defense, StateID(0), StateID(1), credibility: 0.8),
                .symmetric(.defense, StateID(0), StateID(2), credibility: 0.6),
            ])
        // The validated network refuses duplicate ties; the report reads arrays as they are.
        var final = initial
        final.commitments = [
            .symmetric(.defense, StateID(0), StateID(1), credibility: 0.5),
            .symmetric(.defense, StateID(0), StateID(1), credibility: 0.3),
        ]
        let report = BurdenSharingReport(initial: initial, final: final)
        #expect(report.receivedAfter[1] == 0.3)
        #expect(report.receivedAfter[2] == 0)
        #expect(report.receivedAfter[0] == (0.3 + 0) / 2)
        #expect(report.receivedBefore[0] == (0.8 + 0.6) / 2)
        #expect(
            report.receivedAfter.map(\.bitPattern) == Self.reference(initial: initial, final: final).map(\.bitPattern))
        let split = BurdenSharingReport(
            baseline: BurdenSharingReport.Baseline(initial: initial), final: final, parallelMinimumPledges: 0)
        #expect(split.receivedAfter.map(\.bitPattern) == report.receivedAfter.map(\.bitPattern))
    }
}
