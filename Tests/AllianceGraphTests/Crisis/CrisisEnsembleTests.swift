import Foundation
import Testing
@testable import AllianceGraph

@Suite("Crisis ensembles")
struct CrisisEnsembleTests {
    /// Full-size statistical tests behind ALLIANCEGRAPH_FULL_TESTS=1.
    static let full = ProcessInfo.processInfo.environment["ALLIANCEGRAPH_FULL_TESTS"] == "1"

    @Test("results are identical for 1 and 2 workers")
    func workerCountInvariance() throws {
        let scenario = try ScenarioReader.read(path: TestSupport.network("europe-1914.json"))
        var options = CrisisOptions()
        options.opportunism = true
        let engine = try CrisisEngine(scenario: scenario, options: options)
        let a = try #require(scenario.network.id(forCode: "AUH")), b = try #require(scenario.network.id(forCode: "YUG"))
        let one = try CrisisEnsemble.run(engine: engine, attacker: a, target: b, runs: 3000, seed: 7, workers: 1)
        let two = try CrisisEnsemble.run(engine: engine, attacker: a, target: b, runs: 3000, seed: 7, workers: 2)
        #expect(one == two)
        let other = try CrisisEnsemble.run(engine: engine, attacker: a, target: b, runs: 3000, seed: 8, workers: 2)
        #expect(one != other, "another seed gives another sample")
    }

    @Test("a stochastic run with reliability 1 and credibility 1 pledges equals the deterministic run")
    func certainPledges() throws {
        let scenario = try ScenarioReader.read(path: TestSupport.network("nato-2024.json"))
        var environment = scenario.parameters
        environment.reliability = 1
        let engine = try CrisisEngine(network: scenario.activeNetwork(), environment: environment)
        let rus = try #require(scenario.network.id(forCode: "RUS")), est = try #require(scenario.network.id(forCode: "EST"))
        let deterministic = try engine.run(attacker: rus, target: est)
        let stochastic = try engine.run(attacker: rus, target: est, mode: .stochastic, seed: 3)
        #expect(deterministic.sides == stochastic.sides)
    }

    @Test("NATO 2024: Russia attacks Estonia; every member enters (deterministic); expected entrants 31 x 0.745 (stochastic)")
    func nato() throws {
        let scenario = try ScenarioReader.read(path: TestSupport.network("nato-2024.json"))
        let network = scenario.activeNetwork()
        let engine = try CrisisEngine(scenario: scenario)
        let rus = try #require(network.id(forCode: "RUS")), est = try #require(network.id(forCode: "EST"))
        // Members: the states with a defence pledge to Estonia.
        let pledges = network.obligations.filter { $0.kind == .defense && $0.partner == est }
        let members = Set(pledges.map(\.committed))
        #expect(members.count == 31)
        let result = try engine.run(attacker: rus, target: est)
        for member in members {
            #expect(result.sides[member.index] == .b, "\(network[member].code) should defend Estonia")
        }
        #expect(result.warSize.statesB == 32 && result.warSize.statesA == 1, "no one joins Russia: Belarus's pledge needs Russia attacked")

        let runs = Self.full ? 100_000 : 4_000
        let ensemble = try CrisisEnsemble.run(engine: engine, attacker: rus, target: est, runs: runs, seed: 2024)
        let l = scenario.parameters.reliability
        #expect(l == 0.745)
        // Analytical: only Estonia is a victim, so member i enters iff its own pledge is honoured,
        // independently with probability kappa_i * l: E[entrants] = sum_i kappa_i l.
        let expected = pledges.reduce(0) { $0 + $1.credibility * l }
        let variance = pledges.reduce(0) { $0 + $1.credibility * l * (1 - $1.credibility * l) }
        let standardError = (variance / Double(runs)).squareRoot()
        #expect(abs(expected - 23.095) < 1e-9)
        #expect(abs(ensemble.meanAdditionalBelligerents - expected) < 5 * standardError,
                "mean entrants \(ensemble.meanAdditionalBelligerents), expected \(expected) +- \(standardError)")
        let perStateSE = (l * (1 - l) / Double(runs)).squareRoot()
        for member in members {
            #expect(abs(ensemble.entryProbability(member.index) - l) < 5 * perStateSE, "\(network[member].code)")
            #expect(ensemble.sideACount[member.index] == 0)
        }
    }
}
