import Testing
@_spi(Internals) @testable import AllianceGraph
@_spi(Internals) @testable import AllianceGraphFormats

@Suite("War initiation rule")
struct InitiationTests {
    static func pair(revisionist: Double, statusQuo: Double) throws -> AllianceNetwork {
        try AllianceNetwork(
            states: [
                State(code: "REV", capability: revisionist, intent: 0.9), State(code: "SQO", capability: statusQuo),
            ],
            contiguity: [Contiguity(StateID(0), StateID(1), type: 1)])
    }

    static func run(_ network: AllianceNetwork, seed: UInt64, rounds: Int = 3) throws -> Simulation {
        var simulation = try Simulation(
            network: network,
            configuration: Simulation.Configuration(
                rules: RuleKind.defaults + [.initiation], rounds: rounds, seed: seed, stopAtEquilibrium: false,
                systemMetrics: .light))
        try simulation.run()
        return simulation
    }

    @Test("a much stronger revisionist attacks in the first round; a deterred one never does")
    func strongAttacksWeakDoesNot() throws {
        let strong = try Self.run(try Self.pair(revisionist: 0.9, statusQuo: 0.1), seed: 1)
        let first = try #require(strong.wars.first)
        #expect(first.round == 1 && first.attacker == StateID(0) && first.target == StateID(1))
        #expect(first.prevail > 0.85 && first.expectedUtility > 0)
        let weak = try Self.run(try Self.pair(revisionist: 0.2, statusQuo: 0.8), seed: 1, rounds: 10)
        #expect(weak.wars.isEmpty)
    }

    @Test("every war is reproducible from the seed; a war leaves the loser weaker and a rivalry")
    func reproducible() throws {
        let scenario = try ScenarioLoader.load(path: TestSupport.network("nato-2024.json"))
        let one = try Self.run(scenario.network, seed: 7, rounds: 4)
        let two = try Self.run(scenario.network, seed: 7, rounds: 4)
        #expect(!one.wars.isEmpty && one.wars == two.wars && one.network == two.network)
        let network = try Self.pair(revisionist: 0.9, statusQuo: 0.1)
        let simulation = try Self.run(network, seed: 3, rounds: 1)
        let war = try #require(simulation.wars.first)
        let loser = war.attackerWon ? 1 : 0
        #expect(abs(simulation.network.states[loser].capability - network.states[loser].capability * 0.8) < 1e-12)
        #expect(simulation.network.rivalries.contains { $0.pair == StatePair(StateID(0), StateID(1)) })
    }

    @Test("an unhonoured triggered pledge loses half its credibility")
    func brokenPledges() throws {
        var network = try AllianceNetwork(
            states: ["A", "B", "C"].map { State(code: $0, capability: 0.1) },
            commitments: [.directed(.defense, from: StateID(2), to: StateID(1), credibility: 0.8)])
        let war = Simulation.War(
            round: 1, attacker: StateID(0), target: StateID(1), expectedUtility: 1, prevail: 0.9,
            sideA: [StateID(0)], sideB: [StateID(1)], attackerWon: true)
        Initiation.apply(war, to: &network)
        #expect(network.commitments[0].credibility == 0.4)
        #expect(RuleKind.defaults.contains(.initiation) == false)
        #expect(try RuleKind.parseList("+initiation") == RuleKind.defaults + [.initiation])
    }
}
