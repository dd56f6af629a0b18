import Foundation
import Testing
@_spi(Internals) @testable import AllianceGraph
@_spi(Internals) @testable import AllianceGraphFormats

@Suite("Expected war outcome")
struct WarOutcomeTests {
    /// Two states with a land border, a third (a great power) far away with a defence pledge to B.
    static func triangle(credibility: Double = 1, theta: Double = 1) throws -> CrisisEngine {
        let network = try AllianceNetwork(
            states: [
                State(code: "AAA", capability: 0.3, intent: 0.5),
                State(code: "BBB", capability: 0.1),
                State(code: "CCC", capability: 0.4, major: true),
            ],
            commitments: [.directed(.defense, from: StateID(2), to: StateID(1), credibility: credibility)],
            rivalries: [Rivalry(StateID(0), StateID(1), intensity: 0.5)],
            contiguity: [Contiguity(StateID(0), StateID(1), type: 1)])
        var environment = SecurityEnvironment()
        environment.offenseDefense = theta
        return try CrisisEngine(network: network, environment: environment)
    }

    @Test("strength at the theatre follows the loss-of-strength gradient; the contest uses theta")
    func formulas() throws {
        let engine = try Self.triangle(theta: 2)
        let ensemble = try WarOutcomeEnsemble(engine: engine)
        let s = ensemble.strengths(target: StateID(1))
        // A: land border (pi 1); B at home; C distant but a great power (pi 0.5).
        #expect(s == [0.3, 0.1, 0.2])
        var steep = WarOutcomeModel()
        steep.gradient = 2
        let steepStrengths = try WarOutcomeEnsemble(engine: engine, model: steep).strengths(target: StateID(1))
        #expect(abs(steepStrengths[2] - 0.1) < 1e-15)
        let o = try ensemble.outcome(
            attacker: StateID(0), target: StateID(1), runs: 2000, seed: 3, coalitions: true,
            worker: ensemble.makeWorker())
        // Alone: 2 * 0.3 / (2 * 0.3 + 0.1).
        #expect(abs(o.prevailAlone - 0.6 / 0.7) < 1e-12)
        // C honours its pledge with probability 0.745: P = 0.745 * 0.6/0.9 + 0.255 * 0.6/0.7.
        let expected = 0.745 * (0.6 / 0.9) + 0.255 * (0.6 / 0.7)
        #expect(abs(o.prevail - expected) < 0.01)
        #expect(abs(o.probability(StateID(2), side: .b) - 0.745) < 0.03)
        // Stake: 1 - (1 - 0.5)(1 - 0.5) = 0.75.
        #expect(abs(o.stake - 0.75) < 1e-12)
        let size = o.warSize
        #expect(abs(o.expectedUtility - (0.75 * (2 * o.prevail - 1) - 0.25 * size)) < 1e-9)
    }

    @Test("a much stronger revisionist's attack is attractive; a weaker one's is deterred")
    func deterrence() throws {
        let strong = try AllianceNetwork(
            states: [State(code: "REV", capability: 0.9, intent: 1), State(code: "SQO", capability: 0.1)],
            contiguity: [Contiguity(StateID(0), StateID(1), type: 1)])
        let weak = try AllianceNetwork(
            states: [State(code: "REV", capability: 0.2, intent: 1), State(code: "SQO", capability: 0.8)],
            contiguity: [Contiguity(StateID(0), StateID(1), type: 1)])
        for (network, attractive) in [(strong, true), (weak, false)] {
            let ensemble = try WarOutcomeEnsemble(engine: try CrisisEngine(network: network))
            let o = try ensemble.outcome(
                attacker: StateID(0), target: StateID(1), runs: 64, seed: 1, worker: ensemble.makeWorker())
            #expect(o.attractive == attractive, "P \(o.prevail), EU \(o.expectedUtility)")
            // Reverse direction: the status-quo state has no motive.
            let back = try ensemble.outcome(
                attacker: StateID(1), target: StateID(0), runs: 64, seed: 1, worker: ensemble.makeWorker())
            #expect(!back.motivated && !back.attractive)
        }
    }

    @Test("the coalitions are those of the crisis ensemble with the same seed, lockstep or unbatched")
    func coalitionsMatchTheEnsemble() throws {
        let scenario = try ScenarioLoader.load(path: TestSupport.network("europe-1914.json"))
        let a = try #require(scenario.network.id(forCode: "AUH")), b = try #require(scenario.network.id(forCode: "YUG"))
        let engine = try CrisisEngine(scenario: scenario)
        let ensemble = try WarOutcomeEnsemble(engine: engine)
        let o = try ensemble.outcome(
            attacker: a, target: b, runs: 1000, seed: 9, coalitions: true, worker: ensemble.makeWorker())
        let reference = try CrisisEnsemble.run(engine: engine, attacker: a, target: b, runs: 1000, seed: 9, workers: 1)
        #expect(o.sideACount == reference.sideACount && o.sideBCount == reference.sideBCount)
        #expect(abs(o.statesA - reference.warSize("states_A").mean) < 1e-12)
        var options = CrisisOptions()
        options.opportunism = true
        let opportunist = try CrisisEngine(scenario: scenario, options: options)
        let slow = try WarOutcomeEnsemble(engine: opportunist)
        let u = try slow.outcome(
            attacker: a, target: b, runs: 200, seed: 9, coalitions: true, worker: slow.makeWorker())
        let ur = try CrisisEnsemble.run(engine: opportunist, attacker: a, target: b, runs: 200, seed: 9, workers: 1)
        #expect(u.sideACount == ur.sideACount && u.sideBCount == ur.sideBCount)
    }

    @Test("dropping a state's pledges removes only the obligations it owes")
    func withoutPledges() throws {
        let network = try AllianceNetwork(
            states: ["A", "B", "C"].map { State(code: $0, capability: 0.1) },
            commitments: [
                .symmetric(.defense, StateID(0), StateID(1), credibility: 0.9),
                .directed(.guarantee, from: StateID(0), to: StateID(2)),
                .directed(.guarantee, from: StateID(2), to: StateID(0)),
            ])
        let reduced = network.withoutPledges(of: [StateID(0)])
        let owed = reduced.obligations.filter { $0.credibility > 0 }.map {
            "\(reduced[$0.committed].code)->\(reduced[$0.partner].code)"
        }
        #expect(owed.sorted() == ["B->A", "C->A"])
        #expect(reduced.states == network.states)
        #expect(network.withoutPledges(of: []) == network)
    }
}
