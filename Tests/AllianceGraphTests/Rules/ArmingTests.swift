import Testing
@_spi(Internals) @testable import AllianceGraph
@_spi(Internals) @testable import AllianceGraphFormats
@testable import AllianceGraphRender

@Suite("Arming: Richardson races and the security dilemma")
struct ArmingTests {
    /// Two rival neighbours A (capability 1) and B (capability 2), no intent, no allies.
    static func dyad(rivalry: Double?, baseline: Double = 0.02) throws -> AllianceNetwork {
        try AllianceNetwork(
            states: [
                State(code: "A", capability: 1, effort: baseline), State(code: "B", capability: 2, effort: baseline),
            ],
            rivalries: rivalry.map { [Rivalry(StateID(0), StateID(1), intensity: $0)] } ?? [],
            contiguity: [Contiguity(StateID(0), StateID(1), type: 1)])
    }

    static func run(_ network: AllianceNetwork, _ parameters: SimulationParameters, rounds: Int, seed: UInt64 = 1)
        throws -> Simulation
    {
        var simulation = try Simulation(
            network: network,
            configuration: .init(
                parameters: parameters, rules: [.arming], rounds: rounds,
                seed: seed, stopAtEquilibrium: false, systemMetrics: .light))
        try simulation.run()
        return simulation
    }

    /// The linear Richardson setting: saturated hostility (rivalry 1), no noise, no grievance,
    /// threat scaled by the initial support, reaction k = 0.2. Effective reactions: A to B
    /// k * c_B / c_A = 0.4, B to A 0.1; their product 0.04 = 0.2^2.
    static func richardson(fatigue: Double) -> SimulationParameters {
        var p = SimulationParameters()
        p.environment.distinguishability = 1
        p.environment.transparency = 1
        p.environment.grievance = 0
        p.environment.entanglement = 0
        p.environment.reaction = 0.2
        p.environment.fatigue = fatigue
        p.rules.threatScale = .baseline
        p.rules.minEffort = 0.0001
        p.rules.maxEffort = 1
        return p
    }

    @Test("the reaction matrix of two states holds Richardson's k and l, and stability is a - sqrt(k l)")
    func reactionMatrixTwoStates() throws {
        let network = try Self.dyad(rivalry: 1)
        let p = Self.richardson(fatigue: 0.3)
        let k = ArmsRaceStability.reactionMatrix(network, p.environment)
        #expect(abs(k[1] - 0.4) < 1e-12)
        #expect(abs(k[2] - 0.1) < 1e-12)
        #expect(k[0] == 0 && k[3] == 0)
        let result = ArmsRaceStability.compute(network, p.environment)
        #expect(abs(result.spectralRadius - 0.2) < 1e-9)
        #expect(abs(result.margin - 0.1) < 1e-9)
    }

    @Test("a two-state race runs away exactly when k*l > a*b", arguments: [0.19, 0.195, 0.205, 0.21])
    func richardsonBoundary(fatigue: Double) throws {
        let network = try Self.dyad(rivalry: 1, baseline: 0.001)
        let parameters = Self.richardson(fatigue: fatigue)
        let kl = 0.4 * 0.1, ab = fatigue * fatigue
        #expect(ArmsRaceStability.compute(network, parameters.environment).isStable == (ab > kl))
        let simulation = try Self.run(network, parameters, rounds: 6000)
        let effort = simulation.network.states.map(\.effort)
        if kl > ab {
            // Runaway: the race grows until the budget ceiling binds.
            #expect(effort.contains(1))
        } else {
            // Settles at the fixed point x* = a (aI - K)^-1 1 (relative efforts).
            let det = fatigue * fatigue - kl
            let xA = fatigue * (fatigue + 0.4) / det, xB = fatigue * (fatigue + 0.1) / det
            #expect(abs(effort[0] / 0.001 - xA) < 1e-6 * xA)
            #expect(abs(effort[1] / 0.001 - xB) < 1e-6 * xB)
            #expect(effort.allSatisfy { $0 < 1 })
        }
    }

    /// Two states with no hostile intent and no rivalry; offence dominant (theta = 3).
    static func dilemma(distinguishability: Double, transparency: Double) -> SimulationParameters {
        var p = SimulationParameters()
        p.environment.offenseDefense = 3
        p.environment.distinguishability = distinguishability
        p.environment.transparency = transparency
        return p
    }

    @Test("indistinguishable postures under offence dominance spiral; distinguishable or transparent ones do not")
    func securityDilemma() throws {
        let network = try Self.dyad(rivalry: nil)
        func finalRelativeEffort(_ p: SimulationParameters) throws -> Double {
            var total = 0.0
            for seed in UInt64(1)...4 {
                let simulation = try Self.run(network, p, rounds: 60, seed: seed)
                total += simulation.network.states.map { $0.effort / $0.baselineEffort }.reduce(0, +) / 2
            }
            return total / 4
        }
        let spiral = try finalRelativeEffort(Self.dilemma(distinguishability: 0, transparency: 0.5))
        let distinguishable = try finalRelativeEffort(Self.dilemma(distinguishability: 1, transparency: 0.5))
        let transparent = try finalRelativeEffort(Self.dilemma(distinguishability: 0, transparency: 1))
        #expect(spiral > 2)
        #expect(distinguishable < 1.2)
        #expect(transparent == 1)
    }

    @Test("an arms-control cap bounds effort, and a growth cap bounds each round's rise")
    func armsControl() throws {
        let network = try Self.dyad(rivalry: nil)
        var capped = Self.dilemma(distinguishability: 0, transparency: 0.5)
        try capped.set("armsControl.maxEffort", to: "0.025")
        let simulation = try Self.run(network, capped, rounds: 60)
        for record in simulation.records { #expect(record.effort.allSatisfy { $0 <= 0.025 + 1e-15 }) }
        #expect(simulation.records.last!.effort.contains { $0 > 0.0249 })

        var slow = Self.dilemma(distinguishability: 0, transparency: 0.5)
        try slow.set("armsControl.maxEffortGrowth", to: "0.0005")
        let growth = try Self.run(network, slow, rounds: 40)
        for (previous, next) in zip(growth.records, growth.records.dropFirst()) {
            for i in 0..<2 { #expect(next.effort[i] - previous.effort[i] <= 0.0005 + 1e-15) }
        }
    }
}
