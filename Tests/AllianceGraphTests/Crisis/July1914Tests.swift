import Testing
@_spi(Internals) @testable import AllianceGraph
@_spi(Internals) @testable import AllianceGraphFormats
@testable import AllianceGraphRender

@Suite("July 1914 crisis")
struct July1914Tests {
    static func scenario() throws -> Scenario {
        try ScenarioLoader.load(path: TestSupport.network("europe-1914.json"))
    }

    static func id(_ scenario: Scenario, _ code: String) throws -> StateID {
        try #require(scenario.network.id(forCode: code))
    }

    @Test("AUH attacks YUG: RUS, MNG, GMY; then FRN, LUX, BEL under the war plan; then UKG; then JPN")
    func cascade() throws {
        let scenario = try Self.scenario()
        let engine = try CrisisEngine(scenario: scenario)
        let result = try engine.run(attacker: Self.id(scenario, "AUH"), target: Self.id(scenario, "YUG"))
        func code(_ id: StateID) -> String { scenario.network[id].code }
        let timeline = result.events.map { "\($0.step) \(code($0.state)) \($0.side) \($0.role.rawValue)" }
        #expect(
            timeline == [
                "0 AUH A initiator", "0 YUG B victim",
                "1 RUS B entrant", "1 GMY A entrant", "1 MNG B entrant",
                "2 FRN B victim", "2 BEL B victim", "2 LUX B victim",
                "3 UKG B entrant",
                "4 JPN B entrant",
            ])
        let byCode = Dictionary(
            uniqueKeysWithValues: result.events.filter { $0.role != .attacked }.map { (code($0.state), $0) })
        let expected: [(String, Int, CrisisSide, CrisisEvent.Role)] = [
            ("AUH", 0, .a, .initiator), ("YUG", 0, .b, .victim),
            ("RUS", 1, .b, .entrant), ("MNG", 1, .b, .entrant), ("GMY", 1, .a, .entrant),
            ("FRN", 2, .b, .victim), ("LUX", 2, .b, .victim), ("BEL", 2, .b, .victim),
            ("UKG", 3, .b, .entrant), ("JPN", 4, .b, .entrant),
        ]
        #expect(byCode.count == expected.count, "belligerents: \(byCode.keys.sorted())")
        for (state, step, side, role) in expected {
            let event = try #require(byCode[state], "\(state) did not enter")
            #expect(event.step == step, "\(state) step")
            #expect(event.side == side, "\(state) side")
            #expect(event.role == role, "\(state) role")
        }
        // Causes: which tie or plan.
        func pledge(_ state: String) -> Obligation? {
            if case .pledge(let o, _) = byCode[state]?.cause { return o }
            return nil
        }
        #expect(pledge("RUS")?.kind == .patronage && pledge("RUS").map { code($0.partner) } == "YUG")
        #expect(pledge("GMY")?.kind == .offense && pledge("GMY").map { code($0.partner) } == "AUH")
        #expect(pledge("MNG").map { code($0.partner) } == "YUG")
        #expect(pledge("UKG")?.kind == .guarantee && pledge("UKG").map { code($0.partner) } == "BEL")
        #expect(pledge("JPN")?.kind == .offense && pledge("JPN").map { code($0.partner) } == "UKG")
        for state in ["FRN", "LUX", "BEL"] {
            guard case .warPlan(_, let actor) = byCode[state]?.cause else {
                Issue.record("\(state) should be attacked under a war plan"); continue
            }
            #expect(code(actor) == "GMY")
        }
        // Italy, Romania and Portugal stay out because their partners were not attacked.
        for (state, partners) in [("ITA", ["GMY", "AUH"]), ("ROM", ["GMY", "AUH"]), ("POR", ["UKG"])] {
            let abstention = try #require(result.abstention(of: Self.id(scenario, state)), "\(state) entered")
            for partner in partners {
                let check = abstention.checks.first {
                    $0.obligation.kind == .defense && code($0.obligation.partner) == partner
                }
                #expect(check?.outcome == .partnerNotAttacked, "\(state)'s defence pledge to \(partner)")
            }
        }
        for state in ["GRC", "BUL", "TUR", "USA", "NTH"] {
            #expect(result.abstention(of: try Self.id(scenario, state)) != nil, "\(state) stays out")
        }
        // Germany's guarantee of Belgium is broken by its own war plan.
        #expect(
            result.brokenPledges.contains {
                code($0.committed) == "GMY" && code($0.partner) == "BEL" && $0.kind == .guarantee
            })
        #expect(result.warSize.statesA == 2 && result.warSize.statesB == 8)
        #expect(result.steps == 4 && !result.stoppedAtStepLimit)
    }

    @Test("negative control: with only the formal defence pledges the war stays inside the defence groups")
    func defenceOnly() throws {
        let scenario = try Self.scenario()
        var network = scenario.activeNetwork()
        network.commitments = network.commitments.filter { $0.kind == .defense }
        try network.validate()
        let engine = try CrisisEngine(network: network, environment: scenario.parameters, warPlans: scenario.warPlans)
        let auh = try Self.id(scenario, "AUH"), yug = try Self.id(scenario, "YUG")
        let result = try engine.run(attacker: auh, target: yug)
        // Defence groups: connected components of the defence pledges.
        var group = Array(0..<network.count)
        func find(_ x: Int) -> Int { var x = x; while group[x] != x { x = group[x] }; return x }
        for c in network.commitments { group[find(c.from.index)] = find(c.to.index) }
        let allowed = Set([find(auh.index), find(yug.index)])
        for state in result.belligerents {
            #expect(
                allowed.contains(find(state.index)),
                "\(network[state].code) is outside the defence groups of AUH and YUG")
        }
        #expect(Set(result.belligerents.map { network[$0].code }) == ["AUH", "YUG", "MNG"])
    }

    @Test("the deterministic crisis does not depend on the seed")
    func deterministicIgnoresSeed() throws {
        let scenario = try Self.scenario()
        let engine = try CrisisEngine(scenario: scenario)
        let a = try engine.run(attacker: Self.id(scenario, "AUH"), target: Self.id(scenario, "YUG"), seed: 1)
        var b = try engine.run(attacker: Self.id(scenario, "AUH"), target: Self.id(scenario, "YUG"), seed: 99)
        b.seed = a.seed
        #expect(a == b)
    }
}
