@_spi(Internals) import AllianceGraph
import AllianceGraphExperiments
@_spi(Internals) import AllianceGraphFormats
import ArgumentParser
import Foundation

extension ExperimentExport.Format: ExpressibleByArgument {}

/// `alliancectl sweep SPEC -o DIR`: runs an experiment (parameter sweep with replicates) into an
/// SQLite store, optionally one shard of it, and exports the tidy table.
struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Run a parameter sweep with replicates (an experiment file) into an SQLite store.",
        discussion: """
            Writes DIR/results.sqlite (or DIR/shard-K-of-N.sqlite with --shard), one row per run committed \
            as it finishes (WAL mode: readable while the sweep runs), and DIR/experiment.json (spec, \
            version, digests). --export csv|jsonl also writes DIR/runs.csv (and rounds.csv for per-round \
            outcomes), byte-identical whatever the worker count, sharding or interruptions. Run r's seed \
            derives from the experiment seed and r alone: --run r recomputes and prints that run. \
            See docs/EXPERIMENTS.md.
            """
    )

    @Argument(help: ArgumentHelp("Experiment file (alliancegraph-experiment/1 JSON).", valueName: "spec"))
    var spec: String

    @Option(
        name: .shortAndLong,
        help: ArgumentHelp("Folder for the store and exports (created if missing).", valueName: "dir"))
    var output: String?

    @Option(help: "Worker threads (default: all cores); results do not depend on it.")
    var workers: Int?

    @Flag(help: "Continue the store in DIR: skip the runs already stored.")
    var resume = false

    @Option(help: ArgumentHelp("Run only shard K of N (runs r with r mod N = K), 0 <= K < N.", valueName: "K/N"))
    var shard: String?

    @Option(help: "Export the results table when the sweep is complete: csv or jsonl.")
    var export: ExperimentExport.Format?

    @Option(
        name: .customLong("run"),
        help: ArgumentHelp("Compute run K alone and print its row (in --export's format, default csv).", valueName: "K")
    )
    var single: Int?

    @Flag(name: .shortAndLong, help: "Print no progress or notes on standard error.")
    var quiet = false

    /// Set by the sweep for its worker processes (`SweepWorkerProcesses`): run stripe w of W.
    @Option(name: .customLong("worker-stripe"), help: .hidden)
    var stripe: String?

    func validate() throws {
        if let workers, workers < 1 { throw ValidationError("--workers must be at least 1.") }
        if let shard, Shard(shard) == nil {
            throw ValidationError("--shard \(shard): expected K/N with 0 <= K < N, e.g. 0/4.")
        }
        if let single {
            if single < 0 { throw ValidationError("--run must be >= 0.") }
            if resume || shard != nil {
                throw ValidationError("--run computes one run alone; drop --resume and --shard.")
            }
        } else if output == nil {
            throw ValidationError("Missing expected argument '--output <dir>'.")
        }
        if export != nil, let shard, Shard(shard)?.count ?? 1 > 1 {
            throw ValidationError("--export with --shard: export the merged results (alliancectl merge --export).")
        }
    }

    func run() throws {
        try reportingExperimentErrors {
            let experiment = try Experiment.load(path: spec)
            if let single { return try replay(experiment, single) }
            try sweep(experiment, into: output!, shard: shard.flatMap(Shard.init) ?? .whole)
        }
    }

    /// `--run K`: the run's row, computed alone (with `-o`: the run's full files).
    private func replay(_ experiment: Experiment, _ index: Int) throws {
        guard index < experiment.plan.runCount else {
            throw ValidationError("--run \(index): the experiment has runs 0...\(experiment.plan.runCount - 1).")
        }
        if let output { return try SweepReplay.write(experiment, experiment.plan.run(index), to: output, quiet: quiet) }
        let result = try RunExecutor.execute(experiment, experiment.plan.run(index))
        let format = export ?? .csv
        let (names, values) = SweepRow.values(result, experiment)
        var text = format == .csv ? names.map(CSV.field).joined(separator: ",") + "\n" : ""
        text += ExperimentExport.row(values, names: names, format: format) + "\n"
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    private func sweep(_ experiment: Experiment, into folder: String, shard: Shard) throws {
        let name = shard.count == 1 ? "results.sqlite" : "shard-\(shard.index)-of-\(shard.count).sqlite"
        let path = URL(fileURLWithPath: folder).appendingPathComponent(name).path
        let exists = FileManager.default.fileExists(atPath: path)
        if let stripe { return try runStripe(stripe, experiment, path: path, shard: shard) }
        if exists && !resume {
            throw ValidationError("\(path) exists: continue it with --resume, or remove it to start again.")
        }
        try SweepFolder.create(folder)
        let record = ExperimentRecord.json(experiment)
        let store: ExperimentStore
        if exists {
            store = try ExperimentStore.open(path: path)
            try SweepFolder.checkBelongs(store, experiment, shard: shard, path: path)
        } else {
            store = try ExperimentStore.create(path: path, experiment: experiment, shard: shard, record: record)
        }
        try FileOutput.write(record, to: URL(fileURLWithPath: folder).appendingPathComponent("experiment.json").path)
        let stored = Set(try store.storedRuns())
        let mine = stride(from: shard.index, to: experiment.plan.runCount, by: shard.count)
        let pending = mine.filter { !stored.contains($0) }
        InterruptHandling.note.withLock {
            $0 = "every run committed so far is in \(path): continue with alliancectl sweep --resume"
        }
        let workerCount = workers ?? CrisisEnsemble.defaultWorkers
        let started = Date()
        let meter = SweepProgress(enabled: !quiet && isatty(STDERR_FILENO) == 1, started: started)
        let progress: ((Int, Int) -> Void)? = meter.isEnabled ? { meter.update($0, $1) } : nil
        if SweepWorkerProcesses.needed(experiment) && workerCount > 1 && pending.count > 1 {
            var arguments = ["sweep", spec, "-o", folder]
            if shard.count > 1 { arguments += ["--shard", shard.description] }
            try SweepWorkerProcesses.run(
                arguments: arguments, count: min(workerCount, pending.count), storePath: path, shard: shard,
                pending: pending.count, meter: meter)
            let missing = pending.count - (try store.storedRuns().count - stored.count)
            if missing != 0 {
                throw OutputError(path: path, message: "the worker processes ended with \(missing) runs not stored")
            }
        } else {
            try ExperimentSweep.run(experiment, runs: pending, store: store, workers: workerCount, progress: progress)
        }
        meter.finish()
        let seconds = Date().timeIntervalSince(started)
        var wrote = [path, "\(folder)/experiment.json"]
        if let export {
            let files = try ExperimentExport.files(store, format: export)
            let full = try ExperimentRecord.withExports(record, files)
            let base = URL(fileURLWithPath: folder)
            try FileOutput.writeAll(
                (files + [("experiment.json", full)]).map { (base.appendingPathComponent($0.0).path, $0.1) })
            wrote += files.map { "\(folder)/\($0.0)" }
        }
        if !quiet {
            let rate =
                pending.isEmpty ? "" : ", \(NumberFormat.fixed(Double(pending.count) / seconds, digits: 1)) runs/s"
            Diagnostics.print(
                "\(experiment.spec.name): \(pending.count) runs computed, \(stored.count) already stored"
                    + (shard.count > 1 ? " (shard \(shard) of \(experiment.plan.runCount) runs)" : "")
                    + ", \(workerCount) workers, "
                    + "\(NumberFormat.fixed(seconds, digits: 2)) s\(rate); wrote \(wrote.joined(separator: ", "))")
        }
    }
}

extension SweepCommand {
    /// A worker process (`--worker-stripe w/W`): the pending runs of the shard at positions
    /// w, w + W, ... of its run list, one at a time, into the store the parent created.
    func runStripe(_ stripe: String, _ experiment: Experiment, path: String, shard: Shard) throws {
        guard let part = Shard(stripe) else { throw ValidationError("--worker-stripe \(stripe): expected w/W.") }
        InterruptHandling.silent.withLock { $0 = true }
        SweepWorkerProcesses.watchParent()
        let store = try ExperimentStore.open(path: path)
        try SweepFolder.checkBelongs(store, experiment, shard: shard, path: path)
        let stored = Set(try store.storedRuns())
        let mine = Array(stride(from: shard.index, to: experiment.plan.runCount, by: shard.count))
        let runs = stride(from: part.index, to: mine.count, by: part.count).map { mine[$0] }.filter {
            !stored.contains($0)
        }
        try ExperimentSweep.run(experiment, runs: runs, store: store, workers: 1)
    }
}

/// The row of one run as the export writes it: (column names, values).
enum SweepRow {
    static func values(_ result: RunResult, _ experiment: Experiment) -> ([String], [SQLiteDatabase.Statement.Value]) {
        let planned = result.planned
        let names =
            ["run", "cell", "replicate", "seed", "scenario"] + experiment.plan.columns.map(\.name)
            + experiment.outcomes.map(\.name)
        let values: [SQLiteDatabase.Statement.Value] =
            [
                .integer(Int64(planned.run)), .integer(Int64(planned.cell)), .integer(Int64(planned.replicate)),
                .text(String(planned.seed)), .text(experiment.inputs[planned.scenario].path),
            ] + (planned.values + result.outcomes).map { $0.isFinite ? .real($0) : .null }
        return (names, values)
    }
}
