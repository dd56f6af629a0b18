import Foundation
import Testing
@_spi(Internals) @testable import AllianceGraph
@_spi(Internals) @testable import AllianceGraphFormats

/// The bundled cases that issue 13 found implausible, run with the repaired rules over several
/// seeds (ALLIANCEGRAPH_FULL_CASES=1: 8 seeds; default: 3). Where a criterion holds for one
/// parameter profile only, the test names that profile and docs/VALIDATION.md says why.
@Suite("Cases: NATO 2024 and Europe 1914 after 50 rounds")
struct CaseAcceptanceTests {
    static let seeds: [UInt64] =
        ProcessInfo.processInfo.environment["ALLIANCEGRAPH_FULL_CASES"] == nil ? [1, 2, 3] : Array(1...8)

    static func run(_ file: String, seed: UInt64, profile: ParameterProfile = .defaults) throws -> Simulation {
        let scenario = try ScenarioReader.read(path: TestSupport.network(file))
        var parameters = SimulationParameters(environment: scenario.parameters)
        try profile.apply(to: &parameters)
        var simulation = try Simulation(
            network: scenario.activeNetwork(),
            configuration: .init(
                parameters: parameters, rounds: 50, seed: seed, stopAtEquilibrium: false, systemMetrics: .light))
        try simulation.run()
        return simulation
    }

    @Test(
        "NATO 2024: no member's pledges to more than a quarter of its allies fall below 0.1",
        arguments: ParameterProfile.allCases, seeds)
    func natoPledgesHold(profile: ParameterProfile, seed: UInt64) throws {
        let final = try Self.run("nato-2024.json", seed: seed, profile: profile).network
        let members = Set(final.states.map(\.code)).subtracting(["RUS", "BLR", "UKR", "CHN"])
        for code in members.sorted() {
            let id = try #require(final.id(forCode: code))
            var pledges: [Double] = []
            for c in final.commitments where c.kind == .defense {
                for o in c.obligations where o.committed == id && members.contains(final[o.partner].code) {
                    pledges.append(o.credibility)
                }
            }
            let weak = pledges.filter { $0 < 0.1 }.count
            #expect(
                weak * 4 <= pledges.count, "seed \(seed): \(code) pledges < 0.1 to \(weak) of \(pledges.count) allies")
        }
    }

    @Test("NATO 2024: Ukraine does not align with Russia", arguments: ParameterProfile.allCases, seeds)
    func natoUkraine(profile: ParameterProfile, seed: UInt64) throws {
        let final = try Self.run("nato-2024.json", seed: seed, profile: profile).network
        let ukr = try #require(final.id(forCode: "UKR")), rus = try #require(final.id(forCode: "RUS"))
        #expect(!final.commitments.contains { $0.pair == StatePair(ukr, rus) && $0.kind.sign > 0 })
        #expect(!final.commitments.contains { $0.pair == StatePair(ukr, rus) && $0.kind == .neutrality })
        #expect(final.rivalries.contains { $0.pair == StatePair(ukr, rus) })
    }

    /// Before bandwagoning required a state to have sought a balancing partner, the calibrated
    /// profile's balancing threshold (0.25, below bandwagoning.security 0.3) made Belarus drop its
    /// pacts with Russia by bandwagoning in 6 of 8 seeds (docs/DYNAMICS.md, "Bandwagoning").
    @Test("NATO 2024: Belarus keeps its defence pact with Russia", arguments: ParameterProfile.allCases, seeds)
    func natoBelarus(profile: ParameterProfile, seed: UInt64) throws {
        let final = try Self.run("nato-2024.json", seed: seed, profile: profile).network
        let blr = try #require(final.id(forCode: "BLR")), rus = try #require(final.id(forCode: "RUS"))
        #expect(
            final.commitments.contains { $0.pair == StatePair(blr, rus) && $0.kind == .defense },
            "\(profile), seed \(seed)")
    }

    /// Both profiles. Before the alliance spiral's derived rivalries were bounded by the fear of the
    /// rival they derive from, the calibrated profile's Russia-China pact made China the whole
    /// flank's main threat in 5 of 8 seeds. With that bound applied only when the rivalry formed,
    /// and a great power's proximity the plain floor 0.5, Romania's main threat was still China
    /// in 7 of 8 seeds: it saw Russia across the Black Sea (COW type 4, 0.4, raised to 0.5) exactly
    /// as near as China. Two general rules closed it (docs/VALIDATION.md, "Rule changes after
    /// calibration"): the bound now holds in every round, and a great power's reach lifts the
    /// proximity scale instead of flattening it (Russia 0.667 from Romania, China 0.5).
    @Test("NATO 2024: the eastern flank's main threat is Russia", arguments: ParameterProfile.allCases, seeds)
    func natoThreats(profile: ParameterProfile, seed: UInt64) throws {
        let simulation = try Self.run("nato-2024.json", seed: seed, profile: profile)
        let rus = try #require(simulation.network.id(forCode: "RUS"))
        let final = simulation.network
        let record = try #require(simulation.records.last)
        for code in ["POL", "EST", "LAT", "LIT", "ROM", "FIN"] {
            let id = try #require(final.id(forCode: code))
            #expect(record.mainThreat[id.index] == rus, "\(profile), seed \(seed): \(code)'s main threat")
        }
    }

    /// Calibrated profile only: with the defaults every state of 1914 stays insecure (offence
    /// dominance) and balances every round, reaching 45 % of the dyads by round 50.
    @Test(
        "Europe 1914 (calibrated profile): defence pacts never cover more dyads than in ATOP's densest European year",
        arguments: seeds)
    func europe1914Density(seed: UInt64) throws {
        // ATOP 5.1: the densest year for European states (COW 200-399 in the state system) is 2016,
        // with 479 of 1,128 dyads (42.5 %) in defence pacts.
        let simulation = try Self.run("europe-1914.json", seed: seed, profile: .calibrated)
        let n = simulation.network.count
        for record in simulation.records {
            let pacts = Double(record.system.commitmentsByKind[0])
            #expect(pacts / Double(n * (n - 1) / 2) <= 479.0 / 1128, "seed \(seed), round \(record.round)")
        }
    }
}
