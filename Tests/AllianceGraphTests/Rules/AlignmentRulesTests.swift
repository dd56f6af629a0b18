import Testing
@_spi(Internals) @testable import AllianceGraph
@_spi(Internals) @testable import AllianceGraphFormats
@testable import AllianceGraphRender

@Suite("Balancing, bandwagoning, burden-sharing, chain-ganging")
struct AlignmentRulesTests {
    static func simulate(
        _ network: AllianceNetwork, rules: [RuleKind], rounds: Int, seed: UInt64 = 1,
        _ edit: (inout SimulationParameters) throws -> Void = { _ in }
    ) throws -> Simulation {
        var p = SimulationParameters()
        try edit(&p)
        var simulation = try Simulation(
            network: network,
            configuration: .init(
                parameters: p, rules: rules, rounds: rounds, seed: seed,
                stopAtEquilibrium: false, systemMetrics: .light))
        try simulation.run()
        return simulation
    }

    /// Largest connected group of states joined by defence pacts, among `members`.
    static func largestDefenseBloc(_ network: AllianceNetwork, members: Set<Int>) -> Int {
        var parent = Array(0..<network.count)
        func find(_ x: Int) -> Int { var x = x; while parent[x] != x { x = parent[x] }; return x }
        for c in network.commitments
        where c.kind == .defense && members.contains(c.from.index) && members.contains(c.to.index) {
            parent[find(c.from.index)] = find(c.to.index)
        }
        var sizes: [Int: Int] = [:]
        for m in members { sizes[find(m), default: 0] += 1 }
        return sizes.values.max() ?? 0
    }

    @Test("a rising hegemon in a 10-state region draws a counter-coalition within a few rounds")
    func balancingAgainstHegemon() throws {
        var states = [State(code: "HEG", capability: 4, major: true, hawkishness: 1, intent: 0.8)]
        states += (1..<10).map { State(code: "S\($0)", capability: 0.8 + 0.05 * Double($0)) }
        var contiguity: [Contiguity] = []
        for a in 0..<10 { for b in (a + 1)..<10 { contiguity.append(Contiguity(StateID(a), StateID(b), type: 1)) } }
        let network = try AllianceNetwork(states: states, contiguity: contiguity)
        for seed in UInt64(1)...3 {
            let simulation = try Self.simulate(network, rules: [.arming, .balancing], rounds: 4, seed: seed)
            let final = simulation.network
            #expect(Self.largestDefenseBloc(final, members: Set(1..<10)) >= 6, "seed \(seed)")
            #expect(
                !final.commitments.contains { $0.from.index == 0 || $0.to.index == 0 }, "nobody allies with the hegemon"
            )
            #expect(simulation.network.states[0].effort > states[0].effort, "the hegemon rises")
        }
    }

    @Test(
        "a weak isolated state beside a strong threat bandwagons; a strong one does not; a rival only when overwhelmed")
    func bandwagoning() throws {
        func dyad(_ capability: Double, rival: Bool = true) throws -> AllianceNetwork {
            try AllianceNetwork(
                states: [State(code: "BIG", capability: 10, intent: 1), State(code: "SML", capability: capability)],
                rivalries: rival ? [Rivalry(StateID(0), StateID(1), intensity: 0.6)] : [],
                contiguity: [Contiguity(StateID(0), StateID(1), type: 1)])
        }
        let rules: [RuleKind] = [.balancing, .bandwagoning]
        // A rival with 4 % of the threat's power is overwhelmed (bandwagoning.rivalPowerRatio 0.05).
        let overwhelmed = try Self.simulate(try dyad(0.4), rules: rules, rounds: 1).network
        #expect(overwhelmed.rivalries.isEmpty)
        #expect(overwhelmed.commitments.map(\.kind) == [.neutrality])
        // With 10 % it is weak (powerRatio 0.2) but does not join its rival; without the rivalry it does.
        let rivalWeak = try Self.simulate(try dyad(1), rules: rules, rounds: 3).network
        #expect(rivalWeak.rivalries.count == 1 && rivalWeak.commitments.isEmpty)
        let weak = try Self.simulate(try dyad(1, rival: false), rules: rules, rounds: 1).network
        #expect(weak.commitments.map(\.kind) == [.neutrality])
        // Last resort: a state not insecure enough to seek a balancing partner (sigma above
        // balancing.threshold) does not bandwagon either, whatever bandwagoning.security says.
        let lone = try dyad(1, rival: false)
        var model = ThreatModel(lone)
        let sigma = model.assess(lone, SecurityEnvironment()).securityRatio[1]
        #expect(sigma < 0.3)
        let notLooking = try Self.simulate(lone, rules: rules, rounds: 3, seed: 1) {
            $0.rules.balancingThreshold = sigma / 4
        }.network
        #expect(notLooking.commitments.isEmpty)
        let alone = try Self.simulate(lone, rules: [.bandwagoning], rounds: 1) {
            $0.rules.balancingThreshold = sigma / 4
        }.network
        #expect(alone.commitments.map(\.kind) == [.neutrality], "without balancing, bandwagoning.security alone")
        let before = try Self.simulate(try dyad(1), rules: rules, rounds: 1) {
            $0.rules.bandwagonRivalPowerRatio = 0.2
        }.network
        #expect(before.rivalries.isEmpty, "rivalPowerRatio = powerRatio is the rule without the plausibility check")
        let strong = try Self.simulate(try dyad(5), rules: rules, rounds: 3).network
        #expect(strong.rivalries.count == 1)
        #expect(strong.commitments.isEmpty)
    }

    @Test("a weak state drops its ties to the threat's rivals when it bandwagons")
    func bandwagoningDropsTies() throws {
        // SML is allied with RIV, BIG's rival; RIV is strong enough not to bandwagon itself.
        let network = try AllianceNetwork(
            states: [
                State(code: "BIG", capability: 10, intent: 1), State(code: "SML", capability: 0.4),
                State(code: "RIV", capability: 3),
            ],
            commitments: [.symmetric(.defense, StateID(1), StateID(2), credibility: 0.3)],
            rivalries: [Rivalry(StateID(0), StateID(1)), Rivalry(StateID(0), StateID(2))],
            contiguity: [Contiguity(StateID(0), StateID(1), type: 1), Contiguity(StateID(0), StateID(2), type: 1)])
        let final = try Self.simulate(network, rules: [.bandwagoning], rounds: 1).network
        #expect(!final.commitments.contains { $0.kind == .defense })
        #expect(final.commitments.contains { $0.kind == .neutrality && $0.pair == StatePair(StateID(0), StateID(1)) })
        #expect(final.rivalries.map(\.pair) == [StatePair(StateID(0), StateID(2))])
    }

    @Test(
        "burden-sharing: pledges to allies that spend less lose credibility by their absolute shortfall, to those that spend more regain it"
    )
    func burdenSharingDrift() throws {
        func pair(gdp: Double?) throws -> AllianceNetwork {
            try AllianceNetwork(
                states: [
                    State(code: "BIG", capability: 5, effort: 0.04),
                    State(code: "SML", capability: 1, gdp: gdp, effort: 0.01),
                ],
                commitments: [.symmetric(.defense, StateID(0), StateID(1), credibility: 0.8, reverseCredibility: 0.8)])
        }
        // No threat: gap = (m_l - m_i) / m_l * min(1, y_i / y_l) = 0.75 * 0.2 (gdp defaults to
        // capability), so BIG's pledge moves toward 1 - 0.15 = 0.85: up by lambda' = 0.02.
        let small = try Self.simulate(try pair(gdp: nil), rules: [.burdenSharing], rounds: 1).network.commitments[0]
        #expect(abs(small.credibility - 0.82) < 1e-12)
        #expect(abs(small.reverseCredibility! - 0.82) < 1e-12)
        // An ally with as large an economy that spends a quarter as much: gap 0.75, target 0.25,
        // down by lambda * gap = 0.075 per round, and never below the target.
        let large = try Self.simulate(try pair(gdp: 5), rules: [.burdenSharing], rounds: 1).network.commitments[0]
        #expect(abs(large.credibility - (0.8 - 0.1 * 0.75)) < 1e-12)
        let settled = try Self.simulate(try pair(gdp: 5), rules: [.burdenSharing], rounds: 30).network.commitments[0]
        #expect(abs(settled.credibility - 0.25) < 1e-12)
    }

    @Test("burden-sharing: a pledge backed by a common main threat does not erode")
    func burdenSharingSharedThreat() throws {
        // BIG and SML share one threat, THR (the only source of threat): shared = 1, no loss.
        let network = try AllianceNetwork(
            states: [
                State(code: "BIG", capability: 5, effort: 0.04), State(code: "SML", capability: 5, effort: 0.01),
                State(code: "THR", capability: 8, intent: 1),
            ],
            commitments: [.symmetric(.defense, StateID(0), StateID(1), credibility: 0.8, reverseCredibility: 0.8)],
            rivalries: [Rivalry(StateID(0), StateID(2)), Rivalry(StateID(1), StateID(2))],
            contiguity: [Contiguity(StateID(0), StateID(2), type: 1), Contiguity(StateID(1), StateID(2), type: 1)])
        let final = try Self.simulate(network, rules: [.burdenSharing], rounds: 3).network
        #expect(final.commitments[0].credibility >= 0.8 - 1e-9)
    }

    @Test("a commitment whose pledges all fall below the threshold dissolves (abandonment)")
    func abandonment() throws {
        let network = try AllianceNetwork(
            states: [State(code: "A", capability: 1, effort: 0.04), State(code: "B", capability: 1, effort: 0.002)],
            commitments: [.directed(.guarantee, from: StateID(0), to: StateID(1), credibility: 0.15)])
        let simulation = try Self.simulate(network, rules: [.burdenSharing], rounds: 1)
        #expect(simulation.network.commitments.isEmpty)
        #expect(simulation.records.last!.system.abandoned == 1)
    }

    @Test("offence dominance tightens pledges among partners with one main threat; defence dominance passes the buck")
    func chainGangAndBuckPassing() throws {
        // A and B are allied and both face T; C is allied with A but its main threat is U.
        let states = [
            State(code: "A", capability: 3), State(code: "B", capability: 1),
            State(code: "T", capability: 2, intent: 1),
            State(code: "C", capability: 1), State(code: "U", capability: 2, intent: 1),
        ]
        let network = try AllianceNetwork(
            states: states,
            commitments: [
                .symmetric(.defense, StateID(0), StateID(1), credibility: 0.5),
                .symmetric(.defense, StateID(0), StateID(3), credibility: 0.5),
            ],
            contiguity: [
                Contiguity(StateID(0), StateID(2), type: 1), Contiguity(StateID(1), StateID(2), type: 1),
                Contiguity(StateID(3), StateID(4), type: 1),
            ])
        let gang = try Self.simulate(network, rules: [.chainGang], rounds: 1) {
            $0.environment.offenseDefense = 2; $0.environment.transparency = 1
        }.network
        #expect(abs(gang.commitments[0].credibility - 0.52) < 1e-12)
        #expect(abs(gang.commitments[0].reverseCredibility! - 0.52) < 1e-12)
        let buck = try Self.simulate(network, rules: [.chainGang], rounds: 1) {
            $0.environment.offenseDefense = 0.5; $0.environment.transparency = 1
        }.network
        // A is secure (sigma > 1) and C's main threat differs: A's pledge to C falls.
        let before = try Self.simulate(network, rules: [], rounds: 0)
        #expect(before.records[0].securityRatio[0] > 1)
        #expect(before.records[0].mainThreat[0] == StateID(2) && before.records[0].mainThreat[3] == StateID(4))
        #expect(abs(buck.commitments[1].credibility - 0.48) < 1e-12)
        #expect(buck.commitments[0].credibility == 0.5)
    }

    @Test(
        "burden-sharing on NATO 2024: free riders lose the credibility they receive; size-effort rank correlation is reported"
    )
    func natoBurdenSharing() throws {
        let scenario = try ScenarioLoader.load(path: TestSupport.network("nato-2024.json"))
        let network = scenario.activeNetwork()
        let simulation = try Self.simulate(network, rules: [.burdenSharing], rounds: 20)
        let report = BurdenSharingReport(initial: network, final: simulation.network)
        // Members spending below the median lose received credibility; the others do not. Since
        // the repair (shared threat, absolute contributions) the loss is small: NATO's members
        // share their threats, and the free riders are mostly small economies.
        #expect(report.meanReceivedChange(freeRiders: true) < -0.005)
        #expect(report.meanReceivedChange(freeRiders: false) > report.meanReceivedChange(freeRiders: true))
        #expect(report.sizeEffortCorrelation.isFinite)
    }
}
