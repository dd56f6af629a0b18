import Testing
@_spi(Internals) @testable import AllianceGraph
@_spi(Internals) @testable import AllianceGraphFormats

@Suite("Rule repairs: alliance spiral, balancing partners, capability trends, profiles")
struct RuleRepairTests {
    static func simulate(
        _ network: AllianceNetwork, rules: [RuleKind], rounds: Int,
        _ edit: (inout SimulationParameters) -> Void = { _ in }
    ) throws -> Simulation {
        var p = SimulationParameters()
        edit(&p)
        var simulation = try Simulation(
            network: network,
            configuration: .init(
                parameters: p, rules: rules, rounds: rounds, seed: 1, stopAtEquilibrium: false, systemMetrics: .light))
        try simulation.run()
        return simulation
    }

    /// A (strong) threatens B and C, who balance together; R is B's rival but not C's.
    static func spiralNetwork() throws -> AllianceNetwork {
        try AllianceNetwork(
            states: [
                State(code: "A", capability: 0.6, intent: 1), State(code: "B", capability: 0.2),
                State(code: "C", capability: 0.2), State(code: "R", capability: 0.05),
            ],
            rivalries: [
                Rivalry(StateID(0), StateID(1)), Rivalry(StateID(0), StateID(2)), Rivalry(StateID(1), StateID(3)),
            ],
            contiguity: [
                Contiguity(StateID(0), StateID(1), type: 1), Contiguity(StateID(0), StateID(2), type: 1),
                Contiguity(StateID(1), StateID(2), type: 1),
            ])
    }

    @Test("a new defence pact gives each side's rivals a rivalry with the other side, only with balancing.spiral > 0")
    func spiral() throws {
        let off = try Self.simulate(try Self.spiralNetwork(), rules: [.balancing], rounds: 1).network
        #expect(off.commitments.map(\.pair) == [StatePair(StateID(1), StateID(2))])
        #expect(off.rivalries.count == 3)
        let on = try Self.simulate(try Self.spiralNetwork(), rules: [.balancing], rounds: 1) {
            $0.rules.spiralIntensity = 0.3
        }.network
        // B-C forms; R (B's rival) now rivals C; A already rivals both, so nothing else is added.
        let added = on.rivalries.filter { $0.note?.hasPrefix("alliance spiral") == true }
        #expect(added.map(\.pair) == [StatePair(StateID(2), StateID(3))])
        #expect(added.first?.intensity == 0.3)
        // The note names the pact that provoked it: R fears C, the new ally of its rival B.
        #expect(added.first?.note == "alliance spiral: R fears C, ally of its rival B")
    }

    @Test("the spiral's fear of the new partner is bounded by the fear of the rival it derives from")
    func spiralBoundedBySource() throws {
        // As spiralNetwork, but C is a major power four times B's capability: R (distant from both)
        // sees C at the major-power reach 0.5 and B at 0.1, so C's unbounded rivalry would make it
        // R's main threat at 0.3 * 0.5 * 0.8 = 0.12 against B's 1 * 0.1 * 0.2 = 0.02.
        let base = try Self.spiralNetwork()
        var states = base.states
        states[2].capability = 0.8
        states[2].major = true
        states[0].capability = 2
        let network = try AllianceNetwork(states: states, rivalries: base.rivalries, contiguity: base.contiguity)
        let on = try Self.simulate(network, rules: [.balancing], rounds: 1) { $0.rules.spiralIntensity = 0.3 }.network
        let added = on.rivalries.filter { $0.note?.hasPrefix("alliance spiral") == true }
        try #require(added.map(\.pair) == [StatePair(StateID(2), StateID(3))])
        // rho = 0.3 * rho_RB (1) * (P_B * pi_RB) / (P_C * pi_RC) = 0.3 * (0.2 * 0.1) / (0.8 * 0.5).
        let expected = 0.3 * (states[1].power * 0.1) / (states[2].power * 0.5)
        #expect(abs(added[0].intensity - expected) < 1e-15)
        // So R's direct threat from C is 0.3 times what its rivalry makes of B, not six times.
        #expect(states[2].power * 0.5 * added[0].intensity <= 0.3 * states[1].power * 0.1 + 1e-15)
    }

    @Test("balancing never picks a partner aligned with the threat itself")
    func noPartnerOfTheThreat() throws {
        // Without the rule C would be B's partner; C has a consultation pact with A, the threat.
        var states = try Self.spiralNetwork().states
        states[2].capability = 0.3
        let network = try AllianceNetwork(
            states: states, commitments: [.symmetric(.consultation, StateID(0), StateID(2))],
            rivalries: [Rivalry(StateID(0), StateID(1))],
            contiguity: [Contiguity(StateID(0), StateID(1), type: 1), Contiguity(StateID(1), StateID(2), type: 1)])
        let final = try Self.simulate(network, rules: [.balancing], rounds: 1).network
        #expect(!final.commitments.contains { $0.kind == .defense && $0.pair == StatePair(StateID(1), StateID(2)) })
    }

    @Test("capability trends compound every round, gdp with them; they survive a scenario round trip")
    func capabilityTrends() throws {
        let network = try AllianceNetwork(states: [
            State(code: "UP", capability: 0.1, growth: 0.1), State(code: "DN", capability: 0.2, growth: -0.05),
            State(code: "FX", capability: 0.3),
        ])
        let final = try Self.simulate(network, rules: [], rounds: 3).network
        #expect(abs(final.states[0].capability - 0.1 * 1.1 * 1.1 * 1.1) < 1e-15)
        #expect(abs(final.states[0].gdp - final.states[0].capability) < 1e-15)
        #expect(abs(final.states[1].capability - 0.2 * 0.95 * 0.95 * 0.95) < 1e-15)
        #expect(final.states[2].capability == 0.3)
        let scenario = try Scenario(name: "trends", network: network)
        #expect(try ScenarioReader.parse(ScenarioWriter.json(scenario)) == scenario)
        #expect(throws: InputError.self) {
            try AllianceNetwork(states: [State(code: "X", capability: 1, growth: 0.9)])
        }
    }

    @Test("the backtest's trends come from the capabilities of the years before the start")
    func backtestTrends() throws {
        let earlier = try AllianceNetwork(states: [
            State(code: "A", capability: 0.1), State(code: "B", capability: 0.4),
        ])
        let start = try AllianceNetwork(states: [
            State(code: "A", capability: 0.2), State(code: "B", capability: 0.1), State(code: "N", capability: 0.3),
        ])
        var window = BacktestWindow(startYear: 1900, horizon: 1, start: start, target: start)
        window.setCapabilityTrends(from: earlier, years: 5, roundsPerYear: 1)
        #expect(abs(window.start.states[0].growth - (pow(2.0, 0.2) - 1)) < 1e-12)
        #expect(window.start.states[1].growth == -0.2)  // (1/4)^(1/5) - 1 = -0.24, clamped
        #expect(window.start.states[2].growth == 0)
    }

    @Test("profiles: calibrated changes only its assignments; unknown names are input errors with the list")
    func profiles() throws {
        var p = SimulationParameters()
        try ParameterProfile.calibrated.apply(to: &p)
        #expect(p.rules.balancingThreshold == 0.25 && p.rules.balancingShare == 0.25 && p.rules.spiralIntensity == 0.3)
        var q = SimulationParameters()
        try ParameterProfile.defaults.apply(to: &q)
        #expect(q == SimulationParameters())
        let error = try #require(throws: InputError.self) { try ParameterProfile.named("calibrate") }
        #expect(error.message.contains("did you mean \"calibrated\""))
    }
}

#if canImport(Foundation)
    import Foundation
#endif
