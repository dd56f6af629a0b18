import Foundation
import Testing
@_spi(Internals) @testable import AllianceGraph
@_spi(Internals) @testable import AllianceGraphFormats
@testable import AllianceGraphRender

@Suite("Crisis ensembles")
struct CrisisEnsembleTests {
    /// Full-size statistical tests behind ALLIANCEGRAPH_FULL_TESTS=1.
    static let full = ProcessInfo.processInfo.environment["ALLIANCEGRAPH_FULL_TESTS"] == "1"

    @Test("results are identical for 1 and 2 workers")
    func workerCountInvariance() throws {
        let scenario = try ScenarioLoader.load(path: TestSupport.network("europe-1914.json"))
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

    /// The workers write each run's outputs straight into the result arrays and sum the
    /// per-state counts into one partial per worker (merged in worker order): the result must not
    /// depend on the worker count, nor on which worker ran which chunk, and every per-run slot
    /// must be written (the arrays are created uninitialised).
    @Test(
        "results are identical for any worker count, both kernels; every run's slots are written",
        arguments: CrisisEnsemble.Kernel.allCases)
    func anyWorkerCount(kernel: CrisisEnsemble.Kernel) throws {
        let scenario = try ScenarioLoader.load(path: TestSupport.network("europe-1914.json"))
        let engine = try CrisisEngine(scenario: scenario)
        let a = try #require(scenario.network.id(forCode: "AUH")), b = try #require(scenario.network.id(forCode: "YUG"))
        let runs = 5 * CrisisEnsemble.chunkSize + 77  // six chunks, the last partial (one partial lane group)
        let reference = try CrisisEnsemble.run(
            engine: engine, attacker: a, target: b, runs: runs, seed: 11,
            workers: 1, kernel: .unbatched)
        for workers in [1, 2, 3, 4, 7, 64] {
            for spread in [false, true] {
                let result = try CrisisEnsemble.run(
                    engine: engine, attacker: a, target: b, runs: runs, seed: 11,
                    workers: workers, kernel: kernel, spreadWorkers: spread)
                #expect(result == reference, "\(kernel), \(workers) workers, start gate \(spread)")
            }
        }
        // The per-run outputs and the per-state counts agree, and each run is its own single run.
        #expect(reference.enterCount[a.index] == runs && reference.enterCount[b.index] == runs)
        let belligerents = zip(reference.statesA, reference.statesB).reduce(0) { $0 + Int($1.0) + Int($1.1) }
        #expect(belligerents == reference.enterCount.reduce(0, +))
        #expect(
            reference.statesA.count == runs && reference.steps.count == runs && reference.capabilityShareB.count == runs
        )
        for r in stride(from: 0, to: runs, by: 97) + [runs - 1] {
            let single = try engine.run(
                attacker: a, target: b, mode: .stochastic, seed: SeededRandom.derivedSeed(11, stream: UInt64(r)))
            #expect(
                Int(reference.statesA[r]) == single.warSize.statesA
                    && Int(reference.statesB[r]) == single.warSize.statesB,
                "run \(r)")
        }
        // More workers than chunks, and a single run; run r does not depend on the number of runs.
        let longer = try CrisisEnsemble.run(
            engine: engine, attacker: a, target: b, runs: 65, seed: 3, workers: 1, kernel: .unbatched)
        for count in [1, 63, 65] {
            let one = try CrisisEnsemble.run(
                engine: engine, attacker: a, target: b, runs: count, seed: 3, workers: 1, kernel: kernel)
            let many = try CrisisEnsemble.run(
                engine: engine, attacker: a, target: b, runs: count, seed: 3, workers: 8, kernel: kernel)
            #expect(one == many, "\(count) runs")
            #expect(
                one.statesA == Array(longer.statesA.prefix(count)) && one.steps == Array(longer.steps.prefix(count))
                    && one.capabilityShareA == Array(longer.capabilityShareA.prefix(count)), "\(count) runs")
        }
    }

    @Test("a stochastic run with reliability 1 and credibility 1 pledges equals the deterministic run")
    func certainPledges() throws {
        let scenario = try ScenarioLoader.load(path: TestSupport.network("nato-2024.json"))
        var environment = scenario.parameters
        environment.reliability = 1
        let engine = try CrisisEngine(network: scenario.activeNetwork(), environment: environment)
        let rus = try #require(scenario.network.id(forCode: "RUS")),
            est = try #require(scenario.network.id(forCode: "EST"))
        let deterministic = try engine.run(attacker: rus, target: est)
        let stochastic = try engine.run(attacker: rus, target: est, mode: .stochastic, seed: 3)
        #expect(deterministic.sides == stochastic.sides)
    }

    @Test(
        "NATO 2024: Russia attacks Estonia; every member enters (deterministic); expected entrants 31 x 0.745 (stochastic)"
    )
    func nato() throws {
        let scenario = try ScenarioLoader.load(path: TestSupport.network("nato-2024.json"))
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
        #expect(
            result.warSize.statesB == 32 && result.warSize.statesA == 1,
            "no one joins Russia: Belarus's pledge needs Russia attacked")

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
        #expect(
            abs(ensemble.meanAdditionalBelligerents - expected) < 5 * standardError,
            "mean entrants \(ensemble.meanAdditionalBelligerents), expected \(expected) +- \(standardError)")
        let perStateSE = (l * (1 - l) / Double(runs)).squareRoot()
        for member in members {
            #expect(abs(ensemble.entryProbability(member) - l) < 5 * perStateSE, "\(network[member].code)")
            #expect(ensemble.sideACount[member.index] == 0)
        }
    }
}

import CThreadPlacement

/// The two scheduler calls behind `CrisisEnsemble`'s start gate.
@Suite("Thread placement shim")
struct ThreadPlacementTests {
    @Test("moving off one's own CPU moves the thread (when another CPU is allowed); moving off every CPU is refused")
    func moveOffCPUs() {
        let own = ag_current_cpu()
        #if os(Linux)
            #expect(own >= 0)
        #endif
        let all = (0..<1024).map(Int32.init)
        #expect(ag_move_off_cpus(all, Int32(all.count)) == 0, "no CPU left to run on: nothing happens")
        guard own >= 0 else { return }
        if ag_move_off_cpus([own], 1) == 1 {
            #expect(ag_current_cpu() != own)
        }
    }
}
