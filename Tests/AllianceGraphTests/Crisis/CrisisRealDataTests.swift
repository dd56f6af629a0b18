import Testing
@testable import AllianceGraph
@testable import AllianceGraphFormats

/// Crises on networks imported straight from ATOP (../shared/data; skipped without it) and the
/// war inside one alliance on the bundled NATO network.
@Suite("Crisis on real alliance data")
struct CrisisRealDataTests {
    /// NATO members in 2016 besides Estonia (COW letter codes).
    static let nato2016 = [
        "USA", "CAN", "UKG", "NTH", "BEL", "LUX", "FRN", "SPN", "POR", "GMY", "POL", "HUN", "CZR", "SLO", "ITA",
        "ALB", "CRO", "SLV", "GRC", "BUL", "ROM", "LAT", "LIT", "NOR", "DEN", "ICE", "TUR",
    ]

    /// The ATOP import of `year` with NMC capabilities and the COW state list, or nil (with a
    /// message) when ../shared/data is absent.
    static func importATOP(_ year: Int) throws -> Scenario? {
        guard let atop = TestSupport.sharedDataFile("atop5_1dy.csv"),
            let nmc = TestSupport.sharedDataFile("NMC-60-abridged.csv"),
            let states = TestSupport.sharedDataFile("states2016.csv")
        else {
            print("skipping: ../shared/data (atop5_1dy.csv, NMC-60-abridged.csv, states2016.csv) is absent")
            return nil
        }
        var options = AllianceImportOptions(source: .atop, year: year)
        options.capabilities = nmc
        options.states = states
        return try AllianceImporter.run(allianceFile: atop, options: options).scenario
    }

    static func id(_ scenario: Scenario, _ code: String) throws -> StateID {
        try #require(scenario.network.id(forCode: code), "\(code) is not in the network")
    }

    @Test("ATOP 2016: RUS -> EST brings in the NATO members pledged to defend Estonia; PRK -> ROK the USA")
    func atop2016() throws {
        guard let scenario = try Self.importATOP(2016) else { return }
        let network = scenario.network
        let engine = try CrisisEngine(scenario: scenario)
        let rus = try Self.id(scenario, "RUS"), est = try Self.id(scenario, "EST")
        let baltic = try engine.run(attacker: rus, target: est)
        let defenders = network.obligations.filter { $0.kind == .defense && $0.partner == est }.map(\.committed)
        let natoDefenders = try Self.nato2016.map { try Self.id(scenario, $0) }.filter(defenders.contains)
        #expect(natoDefenders.count >= 25, "NATO members with a defence pledge to EST: \(natoDefenders.count)")
        for member in natoDefenders {
            #expect(baltic.sides[member.index] == .b, "\(network[member].code) stays out")
        }
        #expect(baltic.sides[rus.index] == .a && baltic.warSize.statesA == 1)

        let prk = try Self.id(scenario, "PRK"), rok = try Self.id(scenario, "ROK"), usa = try Self.id(scenario, "USA")
        let korea = try engine.run(attacker: prk, target: rok)
        #expect(korea.sides[usa.index] == .b)
        #expect(
            korea.entry(of: usa).map { if case .pledge(let o, _) = $0.cause { o.partner == rok } else { false } }
                == true)
    }

    @Test("ATOP 1913 plus the informal ties of July 1914: Italy, Romania and Portugal stay out")
    func atop1913() throws {
        guard let imported = try Self.importATOP(1913) else { return }
        var network = imported.network
        func id(_ code: String) throws -> StateID { try Self.id(imported, code) }
        let (rus, yug, ukg, bel, gmy, auh, frn) = try (
            id("RUS"), id("YUG"), id("UKG"), id("BEL"), id("GMY"), id("AUH"), id("FRN")
        )
        network.commitments += [
            .directed(.patronage, from: rus, to: yug), .directed(.guarantee, from: ukg, to: bel),
            .directed(.offense, from: gmy, to: auh),
        ]
        try network.validate()
        let plan = WarPlan(actor: gmy, trigger: [rus, frn], attack: [bel, frn])
        let engine = try CrisisEngine(network: network, warPlans: [plan])
        let result = try engine.run(attacker: auh, target: yug)
        for code in ["ITA", "ROM", "POR"] {
            #expect(result.sides[try id(code).index] == nil, "\(code) enters")
        }
        let expected: [(String, Int, CrisisSide)] = [
            ("GMY", 1, .a), ("RUS", 1, .b), ("FRN", 2, .b), ("BEL", 2, .b), ("UKG", 3, .b), ("JPN", 4, .b),
        ]
        for (code, step, side) in expected {
            let state = try id(code)
            #expect(result.sides[state.index] == side && result.entrySteps[state.index] == step, "\(code)")
        }
        #expect(result.warSize.statesA == 2, "side A: AUH and GMY only")
        // Italy's offensive clause with Germany is barred once France, its neutrality partner, is attacked.
        let italy = try #require(result.abstention(of: try id("ITA")))
        let offense = italy.checks.first { $0.obligation.kind == .offense && $0.obligation.partner == gmy }
        #expect(offense?.outcome == .vetoed(by: frn))
    }

    @Test("NATO 2024: TUR -> GRC is a war inside one alliance; the other members' pledges cancel")
    func warInsideNATO() throws {
        let scenario = try ScenarioReader.read(path: TestSupport.network("nato-2024.json"))
        let engine = try CrisisEngine(scenario: scenario)
        let tur = try Self.id(scenario, "TUR"), grc = try Self.id(scenario, "GRC")
        let result = try engine.run(attacker: tur, target: grc)
        #expect(result.belligerents == [tur, grc])
        let usa = try #require(result.abstention(of: try Self.id(scenario, "USA")))
        #expect(usa.checks.contains { $0.obligation.partner == grc && $0.outcome == .bothSides })
        #expect(usa.checks.contains { $0.obligation.partner == tur && $0.outcome == .partnerNotAttacked })
        // The old rule (strongest triggered pledge) brought in every other member against Turkey.
        var options = CrisisOptions()
        options.bothSides = .strongest
        let old = try CrisisEngine(scenario: scenario, options: options).run(attacker: tur, target: grc)
        #expect(old.warSize.statesB == 31 && old.warSize.statesA == 1)
        // An attack from outside still brings in the alliance.
        let outside = try engine.run(attacker: try Self.id(scenario, "RUS"), target: try Self.id(scenario, "EST"))
        #expect(outside.warSize.statesB == 32)
    }
}
