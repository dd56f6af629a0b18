import Foundation
import Testing
@_spi(Internals) @testable import AllianceGraph
@testable import AllianceGraphExperiments

/// The exported tables depend on the experiment alone: not on the worker count, the sharding,
/// the order of runs or an interruption. The full sizes of the issue (10,000 crisis runs here;
/// 1,000 fifty-round simulations with ALLIANCEGRAPH_FULL_SWEEPS=1 or
/// scripts/experiments/full_sweep_check.sh) are compared too.
@Suite("Experiment sweeps: same bytes for any workers, shards and interruptions")
struct ExperimentSweepTests {
    static let crisisMembers =
        #""command": "crisis", "seed": 2026, "settings": {"attacker": "AUH", "target": "YUG"}, "#
        + #""parameters": {"transparency": [0, 0.5, 1], "offenseDefense": {"from": 0.5, "to": 2, "step": 0.5}, "#
        + #""reliability": [0.6, 0.9]}, "outcomes": ["warSize", "capabilityShare", "steps", "entry.GMY", "sideA.RUS"], "#

    static func simulateMembers(replicates: Int, rounds: Int) -> String {
        #""command": "simulate", "seed": 7, "replicates": \#(replicates), "#
            + #""settings": {"rounds": \#(rounds), "systemMetrics": "light"}, "#
            + #""parameters": {"offenseDefense": [0.8, 1.6]}, "#
            + #""outcomes": ["final.balance", "final.commitments", "final.meanEffort", "roundsRun", "rounds.meanEffort"]"#
    }

    /// Single store with `workers`, then `shards` shard stores merged: the exports must agree.
    static func compare(_ members: String, shards: Int, workers: [Int]) throws -> (runs: Int, bytes: Int) {
        let folder = try ExperimentFolder()
        let experiment = try Experiment.load(path: try folder.spec(members))
        var reference: [String]?
        for (k, count) in workers.enumerated() {
            let exported = try ExperimentFolder.exported(
                try folder.sweep(experiment, into: "w\(k).sqlite", workers: count))
            if let reference { #expect(exported == reference, "\(count) workers") } else { reference = exported }
        }
        for k in 0..<shards {
            _ = try folder.sweep(
                experiment, into: "shard-\(k).sqlite", shard: Shard(index: k, count: shards), workers: 2)
        }
        // Given out of order: the merge sorts them.
        let checked = try ExperimentMerge.check((0..<shards).reversed().map { folder.path("shard-\($0).sqlite") })
        let merged = try ExperimentMerge.merge(checked, into: folder.path("merged.sqlite"))
        #expect(try ExperimentFolder.exported(merged) == reference)
        #expect(
            try ExperimentFolder.exported(merged, .jsonl)
                == ExperimentFolder.exported(try ExperimentStore.open(path: folder.path("w0.sqlite")), .jsonl))
        #expect(try merged.metadata()["shards"] == "1")
        return (experiment.plan.runCount, reference!.joined().utf8.count)
    }

    @Test("10,000 crisis runs: 1 or 3 workers and 4 merged shards give the same table")
    func crisisTenThousand() throws {
        let (runs, bytes) = try Self.compare(Self.crisisMembers + #""replicates": 417"#, shards: 4, workers: [1, 3])
        #expect(runs == 10_008)
        #expect(bytes > 500_000)
    }

    @Test("Fifty-round simulations: 1 or 2 workers and 4 merged shards give the same tables")
    func simulations() throws {
        let full = ProcessInfo.processInfo.environment["ALLIANCEGRAPH_FULL_SWEEPS"] == "1"
        // 1,000 runs take about 12 minutes of CPU in a debug build; the default size keeps the suite short.
        let (runs, _) = try Self.compare(
            Self.simulateMembers(replicates: full ? 500 : 3, rounds: 50), shards: 4, workers: full ? [2] : [1, 2])
        #expect(runs == (full ? 1000 : 6))
    }

    @Test("An interrupted sweep resumes with the runs left and ends with the same bytes")
    func resumeAfterInterruption() throws {
        let folder = try ExperimentFolder()
        let experiment = try Experiment.load(path: try folder.spec(Self.crisisMembers + #""replicates": 10"#))
        let reference = try ExperimentFolder.exported(try folder.sweep(experiment, into: "whole.sqlite", workers: 2))
        // A sweep stopped after some runs (in any order), then resumed from its store.
        let done = Array(stride(from: 0, to: experiment.plan.runCount, by: 3).reversed())
        do { _ = try folder.sweep(experiment, into: "part.sqlite", workers: 2, runs: done) }
        let store = try ExperimentStore.open(path: folder.path("part.sqlite"))
        let stored = try store.storedRuns()
        #expect(stored == done.sorted())
        let left = (0..<experiment.plan.runCount).filter { !Set(stored).contains($0) }
        try ExperimentSweep.run(experiment, runs: left, store: store, workers: 2)
        #expect(try ExperimentFolder.exported(store) == reference)
    }

    @Test("Merge refuses missing, doubled, incomplete and foreign shards, naming them")
    func mergeChecks() throws {
        let folder = try ExperimentFolder()
        let experiment = try Experiment.load(path: try folder.spec(Self.crisisMembers + #""replicates": 2"#))
        for k in 0..<3 {
            _ = try folder.sweep(experiment, into: "s\(k).sqlite", shard: Shard(index: k, count: 3), workers: 1)
        }
        _ = try folder.sweep(experiment, into: "again1.sqlite", shard: Shard(index: 1, count: 3), workers: 1)
        _ = try folder.sweep(
            experiment, into: "part2.sqlite", shard: Shard(index: 2, count: 3), workers: 1, runs: [2, 5])
        let other = try Experiment.load(
            path: try folder.spec(Self.crisisMembers + #""replicates": 3"#, name: "other.json"))
        _ = try folder.sweep(other, into: "other0.sqlite", shard: Shard(index: 0, count: 3), workers: 1)
        let p = folder.path
        let missing = inputError { _ = try ExperimentMerge.check([p("s0.sqlite"), p("s2.sqlite")]) }
        #expect(missing?.message == "missing shard 1/3")
        let doubled = inputError {
            _ = try ExperimentMerge.check([p("s0.sqlite"), p("s1.sqlite"), p("again1.sqlite"), p("s2.sqlite")])
        }
        #expect(doubled?.message.contains("shard 1/3 given twice") == true, "\(String(describing: doubled))")
        let incomplete = inputError {
            _ = try ExperimentMerge.check([p("s0.sqlite"), p("s1.sqlite"), p("part2.sqlite")])
        }
        #expect(incomplete?.file == p("part2.sqlite"))
        #expect(incomplete?.message.contains("incomplete") == true)
        let foreign = inputError {
            _ = try ExperimentMerge.check([p("s1.sqlite"), p("other0.sqlite"), p("s2.sqlite")])
        }
        #expect(foreign?.file == p("other0.sqlite"))
        #expect(foreign?.message.contains("not shards of one experiment") == true)
        let same = inputError { _ = try ExperimentMerge.check([p("s0.sqlite"), p("s0.sqlite")]) }
        #expect(same?.message.contains("given twice") == true)
        let notStore = inputError { _ = try ExperimentMerge.check([p("spec.json")]) }
        #expect(notStore?.message.contains("not a readable results database") == true)
    }

    @Test("The store is readable by another connection while a sweep holds it open (WAL)")
    func readableWhileOpen() throws {
        let folder = try ExperimentFolder()
        let experiment = try Experiment.load(path: try folder.spec(Self.crisisMembers + #""replicates": 1"#))
        let store = try folder.sweep(experiment, into: "live.sqlite", workers: 1, runs: [0, 1, 2])
        let reader = try SQLiteDatabase(path: folder.path("live.sqlite"), readOnly: true)
        let count = try reader.prepare("SELECT count(*) FROM runs")
        _ = try count.step()
        #expect(count.integer(0) == 3)
        let mode = try store.database.prepare("PRAGMA journal_mode")
        _ = try mode.step()
        #expect(mode.text(0) == "wal")
    }
}
