import AllianceGraphExperiments
import Foundation
import Testing

/// `alliancectl sweep` and `alliancectl merge` through the built binary: exit codes and
/// messages, --run, sharding and merging, and a sweep killed mid-way then resumed.
@Suite("sweep and merge commands")
struct SweepCommandTests {
    static let network = CLITestSupport.path("Networks/europe-1914.json")

    /// A crisis spec of `replicates` x 6 cells (each run an ensemble of `runs` crises).
    static func crisisSpec(replicates: Int, runs: Int = 1) -> String {
        #"{"format": "alliancegraph-experiment/1", "name": "cli", "command": "crisis", "scenario": "\#(network)", "#
            + #""seed": 5, "replicates": \#(replicates), "#
            + #""settings": {"attacker": "AUH", "target": "YUG", "runs": \#(runs)}, "#
            + #""parameters": {"transparency": [0.2, 0.8], "offenseDefense": [0.5, 1, 2]}, "#
            + #""outcomes": ["warSize", "steps", "entry.GMY"]}"#
    }

    static func write(_ text: String, _ folder: URL, _ name: String = "spec.json") throws -> String {
        let path = folder.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test("A bad spec exits 65 naming the file and field; bad options exit 64")
    func badInput() throws {
        let folder = try CLITestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let bad = try Self.write(
            Self.crisisSpec(replicates: 2).replacingOccurrences(of: "\"offenseDefense\"", with: "\"offenceDefense\""),
            folder)
        let out = folder.appendingPathComponent("out").path
        guard let outcome = try CLITestSupport.run(["sweep", bad, "-o", out]) else { return }
        #expect(outcome.status == 65)
        #expect(outcome.stderr.contains("\(bad): parameters.offenceDefense: unknown parameter"), "\(outcome.stderr)")
        #expect(outcome.stderr.contains("did you mean \"offenseDefense\""))
        #expect(!FileManager.default.fileExists(atPath: out), "output written for a bad spec")
        let zero = try Self.write(Self.crisisSpec(replicates: 0), folder, "zero.json")
        let replicates = try #require(try CLITestSupport.run(["sweep", zero, "-o", out]))
        #expect(replicates.status == 65)
        #expect(replicates.stderr.contains("replicates: 0 is out of range"), "\(replicates.stderr)")
        let good = try Self.write(Self.crisisSpec(replicates: 2), folder, "good.json")
        let shard = try #require(try CLITestSupport.run(["sweep", good, "-o", out, "--shard", "4/4"]))
        #expect(shard.status == 64)
        #expect(shard.stderr.contains("--shard 4/4: expected K/N with 0 <= K < N"))
        let noOutput = try #require(try CLITestSupport.run(["sweep", good]))
        #expect(noOutput.status == 64)
        let run = try #require(try CLITestSupport.run(["sweep", good, "--run", "12"]))
        #expect(run.status == 64)
        #expect(run.stderr.contains("--run 12: the experiment has runs 0...11"), "\(run.stderr)")
    }

    @Test("--run K prints the row that the full sweep exports for run K")
    func replayOneRun() throws {
        let folder = try CLITestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let spec = try Self.write(Self.crisisSpec(replicates: 3, runs: 20), folder)
        let out = folder.appendingPathComponent("out").path
        guard let sweep = try CLITestSupport.run(["sweep", spec, "-o", out, "--export", "jsonl", "--workers", "2"])
        else { return }
        #expect(sweep.status == 0, "\(sweep.stderr)")
        let lines = try String(contentsOfFile: out + "/runs.jsonl", encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 18)
        let replay = try #require(try CLITestSupport.run(["sweep", spec, "--run", "13", "--export", "jsonl"]))
        #expect(replay.status == 0)
        #expect(replay.stdout == lines[13] + "\n")
        // Started again without --resume: refused, the store untouched.
        let again = try #require(try CLITestSupport.run(["sweep", spec, "-o", out]))
        #expect(again.status == 64)
        #expect(again.stderr.contains("exists: continue it with --resume"))
        // Resumed when complete: nothing computed, the same export.
        let resumed = try #require(try CLITestSupport.run(["sweep", spec, "-o", out, "--resume", "--export", "jsonl"]))
        #expect(resumed.stderr.contains("0 runs computed, 18 already stored"), "\(resumed.stderr)")
        #expect(try String(contentsOfFile: out + "/runs.jsonl", encoding: .utf8).split(separator: "\n") == lines)
        // Resumed with a changed spec (another seed): refused as another experiment.
        try Self.crisisSpec(replicates: 3, runs: 20).replacingOccurrences(of: "\"seed\": 5", with: "\"seed\": 6")
            .write(toFile: spec, atomically: true, encoding: .utf8)
        let changed = try #require(try CLITestSupport.run(["sweep", spec, "-o", out, "--resume"]))
        #expect(changed.status == 65)
        #expect(
            changed.stderr.contains("the spec, a scenario or the profile file changed since it was started"),
            "\(changed.stderr)")
    }

    @Test("--run K -o DIR writes the run's files exactly as simulate does with its seed and parameters")
    func replayWritesSimulateFiles() throws {
        let folder = try CLITestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let spec = try Self.write(
            #"{"format": "alliancegraph-experiment/1", "command": "simulate", "scenario": "\#(Self.network)", "#
                + #""seed": 3, "replicates": 3, "settings": {"rounds": 8}, "parameters": {"noise": [0.1, 0.5]}}"#,
            folder)
        let replay = folder.appendingPathComponent("replay").path
        guard let written = try CLITestSupport.run(["sweep", spec, "--run", "4", "-o", replay]) else { return }
        #expect(written.status == 0, "\(written.stderr)")
        let row = try #require(try CLITestSupport.run(["sweep", spec, "--run", "4"]))
        let seed = try #require(row.stdout.split(separator: "\n").last?.split(separator: ",")[3])
        let direct = folder.appendingPathComponent("direct").path
        let simulate = try #require(
            try CLITestSupport.run([
                "simulate", Self.network, "--rounds", "8", "--seed", String(seed), "--set", "noise=0.5", "-o", direct,
                "-q",
            ]))
        #expect(simulate.status == 0)
        for name in ["rounds.csv", "system.csv", "final.json"] {
            let a = FileManager.default.contents(atPath: "\(replay)/\(name)")
            #expect(a != nil && a == FileManager.default.contents(atPath: "\(direct)/\(name)"), "\(name) differs")
        }
    }

    @Test("plot charts the mean of a column per series; an unknown column exits 65 naming it")
    func plotTable() throws {
        let folder = try CLITestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let table = try Self.write(
            "run,tau,theta,size\n0,0,0.5,4\n1,0,0.5,6\n2,0,1.5,3\n3,1,0.5,8\n4,1,1.5,NA\n5,1,1.5,9\n", folder,
            "runs.csv")
        let svg = folder.appendingPathComponent("chart.svg").path
        guard
            let plot = try CLITestSupport.run([
                "plot", table, "--x", "theta", "--y", "size", "--series", "tau", "-o", svg,
            ])
        else { return }
        #expect(plot.status == 0, "\(plot.stderr)")
        let text = try String(contentsOfFile: svg, encoding: .utf8)
        #expect(text.contains("<title>tau = 0</title>") && text.contains("<title>tau = 1</title>"))
        #expect(text.contains(">0.6<") && text.contains(">1.4<"), "x ticks in the parameter's units")
        let missing = try #require(
            try CLITestSupport.run(["plot", table, "--x", "theta", "--y", "warSize", "-o", svg + "2"]))
        #expect(missing.status == 65)
        #expect(missing.stderr.contains("warSize"), "\(missing.stderr)")
        #expect(!FileManager.default.fileExists(atPath: svg + "2"))
    }

    @Test("Shards merged by the CLI give the single run's bytes; a missing shard exits 65 writing nothing")
    func shardAndMerge() throws {
        let folder = try CLITestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let spec = try Self.write(Self.crisisSpec(replicates: 5), folder)
        let single = folder.appendingPathComponent("single").path
        let shards = folder.appendingPathComponent("shards").path
        guard let whole = try CLITestSupport.run(["sweep", spec, "-o", single, "--export", "csv"]) else { return }
        #expect(whole.status == 0)
        for k in 0..<4 {
            let shard = try #require(try CLITestSupport.run(["sweep", spec, "-o", shards, "--shard", "\(k)/4", "-q"]))
            #expect(shard.status == 0, "\(shard.stderr)")
        }
        let mergedFolder = folder.appendingPathComponent("merged").path
        let merge = try #require(try CLITestSupport.run(["merge", shards, "-o", mergedFolder, "--export", "csv"]))
        #expect(merge.status == 0, "\(merge.stderr)")
        for name in ["runs.csv", "experiment.json"] {
            #expect(
                FileManager.default.contents(atPath: "\(single)/\(name)")
                    == FileManager.default.contents(atPath: "\(mergedFolder)/\(name)"), "\(name) differs")
        }
        try FileManager.default.removeItem(atPath: shards + "/shard-2-of-4.sqlite")
        let failed = folder.appendingPathComponent("failed").path
        let missing = try #require(try CLITestSupport.run(["merge", shards, "-o", failed, "--export", "csv"]))
        #expect(missing.status == 65)
        #expect(missing.stderr.contains("missing shard 2/4"), "\(missing.stderr)")
        #expect(!FileManager.default.fileExists(atPath: failed), "merge wrote output despite a missing shard")
        let doubled = try #require(
            try CLITestSupport.run([
                "merge", shards + "/shard-0-of-4.sqlite", shards + "/shard-1-of-4.sqlite",
                shards + "/shard-3-of-4.sqlite",
                single + "/results.sqlite", "-o", failed,
            ]))
        #expect(doubled.status == 65)
        #expect(doubled.stderr.contains("is shard 0/1 of 30 runs"), "\(doubled.stderr)")
        #expect(!FileManager.default.fileExists(atPath: failed))
    }

    struct Interruption: Sendable, CustomTestStringConvertible {
        var signal: Int32
        /// Simulations with full metrics run in worker processes; crises in threads.
        var processes: Bool
        var testDescription: String {
            "\(signal == SIGINT ? "SIGINT" : "SIGKILL"), \(processes ? "worker processes" : "threads")"
        }
    }

    static let interruptions = [SIGKILL, SIGINT].flatMap { signal in
        [false, true].map { Interruption(signal: signal, processes: $0) }
    }

    /// 60 runs, about 4 s (crises: 20,000 per run) or 10 s (ten-round simulations with Leiden
    /// blocs) of work in a debug build, so that the signal (sent once 5 runs are stored) lands mid-way.
    static func longSpec(processes: Bool) -> String {
        guard processes else { return crisisSpec(replicates: 10, runs: 20000) }
        return #"{"format": "alliancegraph-experiment/1", "command": "simulate", "scenario": "\#(network)", "#
            + #""seed": 3, "replicates": 30, "settings": {"rounds": 10}, "parameters": {"noise": [0.1, 0.5]}, "#
            + #""outcomes": ["final.balance", "final.blocs", "rounds.modularity"]}"#
    }

    @Test("A sweep killed mid-way resumes without recomputing and ends with the same bytes", arguments: interruptions)
    func interruptedSweepResumes(_ interruption: Interruption) throws {
        guard let binary = CLITestSupport.binary else { return }
        let folder = try CLITestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let spec = try Self.write(Self.longSpec(processes: interruption.processes), folder)
        let reference = folder.appendingPathComponent("reference").path
        let whole = try #require(try CLITestSupport.run(["sweep", spec, "-o", reference, "--export", "csv"]))
        #expect(whole.status == 0, "\(whole.stderr)")
        let out = folder.appendingPathComponent("out").path
        let process = try GuardedProcess.start(binary, ["sweep", spec, "-o", out, "--workers", "2"], logFolder: folder)
        let store = out + "/results.sqlite"
        let started = process.waitUntil(limit: 120) { ((try? Self.storedRuns(store)) ?? 0) >= 5 }
        process.send(interruption.signal)
        let killed = try process.wait(limit: 60)
        #expect(started, "the sweep ended or stalled before it could be interrupted: \(killed.stderr.prefix(300))")
        if interruption.signal == SIGINT {
            #expect(killed.status == 130)
            #expect(killed.stderr.contains("continue with alliancectl sweep --resume"), "\(killed.stderr)")
        } else {
            #expect(killed.signal == SIGKILL)
        }
        // Worker processes stop with their parent (SIGTERM from it, or their own parent watch).
        let deadline = Date().addingTimeInterval(10)
        while Self.workerProcesses(of: out) > 0 && Date() < deadline { usleep(50_000) }
        #expect(Self.workerProcesses(of: out) == 0, "worker processes outlived the sweep")
        let before = try Self.storedRuns(store)
        #expect(before >= 5 && before < 60, "\(before) runs stored when interrupted")
        let resumed = try #require(try CLITestSupport.run(["sweep", spec, "-o", out, "--resume", "--export", "csv"]))
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stderr.contains("\(60 - before) runs computed, \(before) already stored"), "\(resumed.stderr)")
        for table in ["runs.csv"] + (interruption.processes ? ["rounds.csv"] : []) {
            #expect(
                FileManager.default.contents(atPath: "\(out)/\(table)")
                    == FileManager.default.contents(atPath: "\(reference)/\(table)"), "\(table) differs")
        }
    }

    /// Live processes whose command line has `--worker-stripe` and `folder`.
    static func workerProcesses(of folder: String) -> Int {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.filter { entry in
            guard Int(entry) != nil,
                let data = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline"),
                let status = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                !status.contains(") Z ")
            else { return false }
            let line = String(decoding: data.map { $0 == 0 ? 32 : $0 }, as: UTF8.self)
            return line.contains("--worker-stripe") && line.contains(folder)
        }.count
    }

    /// Runs committed in a store, read by a second connection while the sweep may be writing.
    static func storedRuns(_ path: String) throws -> Int {
        guard FileManager.default.fileExists(atPath: path) else { return 0 }
        return try ExperimentStore.open(path: path, readOnly: true).storedRuns().count
    }
}
