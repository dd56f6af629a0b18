import Foundation
import Testing
@_spi(Internals) @testable import AllianceGraph
@testable import AllianceGraphExperiments

/// The run plan: numbering, seeds, cells, samples and shards.
@Suite("Experiment run plan")
struct RunPlanTests {
    static let members =
        #""command": "crisis", "settings": {"attacker": "AUH", "target": "YUG"}, "seed": 99, "replicates": 5, "#
        + #""parameters": {"transparency": [0, 0.5, 1], "offenseDefense": {"from": 0.5, "to": 2, "step": 0.5}}"#

    @Test("Runs are numbered cell-major with the first parameter slowest; seeds depend on the run alone")
    func numberingAndSeeds() throws {
        let folder = try ExperimentFolder()
        let plan = try Experiment.load(path: try folder.spec(Self.members)).plan
        #expect(plan.cellCount == 12)
        #expect(plan.runCount == 60)
        let run = plan.run(37)
        #expect(run.cell == 7 && run.replicate == 2)
        #expect(run.values == [0.5, 2])
        #expect(run.seed == SeededRandom.derivedSeed(99, stream: 37))
        #expect(plan.run(0).values == [0, 0.5])
        #expect(plan.run(59).values == [1, 2])
        #expect(Set((0..<60).map { plan.run($0).seed }).count == 60)
    }

    @Test("Several scenarios are the outermost factor; a missing one names its index")
    func scenarios() throws {
        let folder = try ExperimentFolder()
        let list = ["europe-1914.json", "europe-1936.json"].map { "\"\(TestSupport.network($0))\"" }
        let members =
            #""command": "simulate", "replicates": 2, "parameters": {"noise": [0.1, 0.2, 0.3]}, "scenarios": "#
        let experiment = try Experiment.load(
            path: try folder.spec(members + "[\(list.joined(separator: ", "))]", scenario: false))
        #expect(experiment.plan.runCount == 12)
        #expect((0..<12).map { experiment.plan.run($0).scenario } == [0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1])
        #expect(experiment.plan.run(8).values == [0.2])
        let missing = try folder.spec(members + "[\(list[0]), \"absent.json\"]", name: "missing.json", scenario: false)
        let error = try #require(inputError { _ = try Experiment.load(path: missing) })
        #expect(error.location == "scenarios[1]")
        #expect(error.message.contains("absent.json"))
    }

    @Test("A range includes its end despite rounding (0.1 steps to 1)")
    func rangeEnd() throws {
        let folder = try ExperimentFolder()
        let experiment = try Experiment.load(
            path: try folder.spec(
                #""command": "crisis", "settings": {"attacker": "AUH", "target": "YUG"}, "#
                    + #""parameters": {"transparency": {"from": 0, "to": 1, "step": 0.1}}"#))
        let values = experiment.plan.grid[0]
        #expect(values.count == 11)
        #expect(values.last == 1)
        #expect(values[3] == 0.30000000000000004)
    }

    @Test("A Latin hypercube puts one point in each stratum of each parameter, within its range")
    func latinHypercube() {
        let sample = ParameterSample(method: .latinHypercube, points: 20, seed: 5)
        let values = sample.values([(0, 1, false), (10, 30, false)])
        for (j, (low, high)) in [(0.0, 1.0), (10.0, 30.0)].enumerated() {
            let strata = values.map { Int((($0[j] - low) / (high - low) * 20).rounded(.down)) }
            #expect(strata.sorted() == Array(0..<20), "parameter \(j): \(strata)")
        }
        #expect(sample.values([(0, 1, false), (10, 30, false)]) == values)
        #expect(
            ParameterSample(method: .latinHypercube, points: 20, seed: 6).values([(0, 1, false)])
                != values.map { [$0[0]] })
    }

    @Test("A random sample is uniform in range and fixed by its seed; integer parameters are whole")
    func randomSample() {
        let sample = ParameterSample(method: .random, points: 200, seed: 1)
        let values = sample.values([(2, 3, false), (1, 9, true)])
        #expect(values.allSatisfy { (2..<3).contains($0[0]) && (1...9).contains($0[1]) && $0[1] == $0[1].rounded() })
        #expect(Set(values.map { $0[1] }).count > 5)
        #expect(sample.values([(2, 3, false), (1, 9, true)]) == values)
    }

    @Test("Shards K/N partition the runs; K/N text is checked", arguments: [1, 3, 4, 7])
    func shards(count: Int) {
        let runs = 50
        var seen = [Int](repeating: 0, count: runs)
        for k in 0..<count {
            let shard = Shard(index: k, count: count)
            let mine = (0..<runs).filter(shard.contains)
            #expect(mine.count == shard.size(of: runs))
            for r in mine { seen[r] += 1 }
        }
        #expect(seen.allSatisfy { $0 == 1 })
        #expect(Shard("2/\(count)") == (count > 2 ? Shard(index: 2, count: count) : nil))
        #expect(Shard("\(count)/\(count)") == nil)
        #expect(Shard("-1/\(count)") == nil)
    }
}
