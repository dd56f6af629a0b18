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

    /// The workers tally each run's war size as it finishes (`EnsembleTally`, no per-run arrays)
    /// and sum the per-state counts into one partial per worker: the result must not depend on
    /// the worker count, nor on which worker ran which chunk, and the tallied summaries must be
    /// those of the stored single runs (issue 19): probabilities, histogram, minima, maxima and
    /// quantiles exactly, integer means exactly, the rest to rounding.
    @Test(
        "results are identical for any worker count, both kernels; the tallies equal the stored runs' summaries",
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
        // The war sizes and the per-state counts agree, and the summaries are those of the single
        // runs with their derived seeds (exact quantiles from the tallies).
        #expect(reference.enterCount[a.index] == runs && reference.enterCount[b.index] == runs)
        let belligerents = reference.warSizeHistogram.enumerated().reduce(0) { $0 + $1.offset * $1.element }
        #expect(belligerents == reference.enterCount.reduce(0, +))
        #expect(reference.warSizeHistogram.reduce(0, +) == runs && !reference.capabilitySharesBinned)
        var samples = [[Double]](repeating: [], count: CrisisEnsembleResult.warSizeNames.count)
        var entered = [Int](repeating: 0, count: engine.stateCount), onSideA = entered
        var histogram = [Int](repeating: 0, count: engine.stateCount + 1)
        for r in 0..<runs {
            let single = try engine.run(
                attacker: a, target: b, mode: .stochastic, seed: SeededRandom.derivedSeed(11, stream: UInt64(r)))
            for (i, side) in single.sides.enumerated() where side != nil {
                entered[i] += 1
                onSideA[i] += side == .a ? 1 : 0
            }
            let w = single.warSize
            histogram[w.states] += 1
            for (k, v) in [
                Double(w.states), Double(w.statesA), Double(w.statesB), w.capabilityShare, w.capabilityShareA,
                w.capabilityShareB, Double(single.steps),
            ].enumerated() { samples[k].append(v) }
        }
        #expect(reference.enterCount == entered && reference.sideACount == onSideA)
        #expect(reference.warSizeHistogram == histogram)
        for (k, name) in CrisisEnsembleResult.warSizeNames.enumerated() {
            let expected = DistributionSummary(samples[k]), got = reference.warSizeValues[k]
            #expect(got.count == expected.count && got.minimum == expected.minimum && got.maximum == expected.maximum)
            #expect(
                [got.q05, got.q25, got.median, got.q75, got.q95]
                    == [expected.q05, expected.q25, expected.median, expected.q75, expected.q95], "\(name)")
            if name.hasPrefix("capability") {
                // Σ v / n exact up to 2^-64 per value; the stored runs' sequential sum is within
                // about n eps of it, a compensated sum within a few ulps.
                #expect(abs(got.mean - expected.mean) <= 1e-12, "\(name)")
                #expect(abs(got.mean - Self.compensatedMean(samples[k])) <= 1e-15, "\(name)")
            } else {
                #expect(got.mean == expected.mean, "\(name): integer sums are exact")
            }
            #expect(abs(got.standardDeviation - expected.standardDeviation) <= 1e-12, "\(name)")
        }
        // More workers than chunks, and a single run.
        for count in [1, 63, 65] {
            let one = try CrisisEnsemble.run(
                engine: engine, attacker: a, target: b, runs: count, seed: 3, workers: 1, kernel: kernel)
            let many = try CrisisEnsemble.run(
                engine: engine, attacker: a, target: b, runs: count, seed: 3, workers: 8, kernel: kernel)
            #expect(one == many, "\(count) runs")
        }
    }

    /// The mean of `values` by Neumaier's compensated sum: within a few ulps of the exact mean,
    /// where a plain running sum of n values can be n eps off.
    static func compensatedMean(_ values: [Double]) -> Double {
        var sum = 0.0, compensation = 0.0
        for v in values {
            let t = sum + v
            compensation += abs(sum) >= abs(v) ? (sum - t) + v : (v - t) + sum
            sum = t
        }
        return (sum + compensation) / Double(values.count)
    }

    /// The ensemble keeps no per-run arrays: capability shares are counted by value up to
    /// `ShareCounts.limit` distinct values and in bins past it, and the split between workers
    /// never changes the merged summary (issue 19: 10^9 runs in bounded memory). Exactly `limit`
    /// distinct values stay exact whatever the split (a part that reached the limit used to move
    /// to bins on its next value, even an old one).
    @Test("share tallies: exact up to the limit, binned past it, the same for any split between workers")
    func shareTallies() {
        var rng = SeededRandom(seed: 5)
        let few = (0..<5000).map { _ in Double(Int.random(in: 0..<300, using: &rng)) / 300 }
        let atLimit = (0..<ShareCounts.limit).map { Double($0) / Double(ShareCounts.limit) } + [0.5, 0.25, 0.75]
        let many = (0..<(ShareCounts.limit + 5000)).map { Double($0) / Double(ShareCounts.limit + 5000) }
        for values in [few, atLimit, many] {
            let distinct = Set(values).count
            var summaries: [DistributionSummary] = []
            for split in [1, 2, 7] {
                var parts = [ShareCounts](repeating: ShareCounts(), count: split)
                for (k, v) in values.enumerated() { parts[k % split].add(v) }
                summaries.append(ShareCounts.merge(parts))
                for k in parts.indices { parts[k].release() }
            }
            #expect(summaries.allSatisfy { $0 == summaries[0] }, "\(distinct) distinct values")
            let exact = DistributionSummary(values), tallied = summaries[0]
            #expect(tallied.approximate == (distinct > ShareCounts.limit))
            #expect(tallied.count == exact.count)
            #expect(tallied.minimum == exact.minimum && tallied.maximum == exact.maximum)
            #expect(abs(tallied.mean - Self.compensatedMean(values)) <= 1e-15)
            let quantiles = [tallied.q05, tallied.q25, tallied.median, tallied.q75, tallied.q95]
            let expected = [exact.q05, exact.q25, exact.median, exact.q75, exact.q95]
            if distinct <= ShareCounts.limit {
                #expect(quantiles == expected)
                #expect(abs(tallied.standardDeviation - exact.standardDeviation) <= 1e-14)
            } else {
                let halfBin = 0.5 / Double(ShareCounts.binCount)
                #expect(zip(quantiles, expected).allSatisfy { abs($0 - $1) <= halfBin + 1e-12 }, "\(quantiles)")
                #expect(abs(tallied.standardDeviation - exact.standardDeviation) <= halfBin)
            }
        }
        // Without capability every share is NaN, and so is every statistic, as from stored runs.
        var nan = ShareCounts()
        for _ in 0..<10 { nan.add(.nan) }
        let summary = ShareCounts.merge([nan])
        #expect(summary.count == 10 && summary.mean.isNaN && summary.median.isNaN && summary.maximum.isNaN)
        nan.release()
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
