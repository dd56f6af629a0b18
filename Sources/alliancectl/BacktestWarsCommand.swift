import AllianceGraph
import AllianceGraphFormats
import AllianceGraphRender
import ArgumentParser
import Foundation

/// `alliancectl backtest wars WARFILE --atop FILE ...`: who joins each COW inter-state war, as
/// forecast by the crisis model and by baselines, scored against who did.
struct BacktestWarsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wars",
        abstract: "Forecast who joins every COW inter-state war and score the forecasts.",
        discussion: """
            For each war of the COW inter-state war file (directed dyad-year layout), the ATOP network \
            of the year before, the opening attack (derived, or from --openings), and five methods: the \
            deterministic cascade, its ensemble, no diffusion, allies (defence partners join) and \
            contiguity (land neighbours of the target join). One row per war and method, then totals \
            (all wars, before 1946, from 1946: the held-out wars). docs/VALIDATION.md.
            """
    )

    @Argument(help: ArgumentHelp("COW inter-state war file, directed dyad-year layout.", valueName: "file"))
    var warFile: String

    @Option(help: ArgumentHelp("ATOP 5.1 dyad-year file (atop5_1dy.csv).", valueName: "file"))
    var atop: String

    @Option(help: ArgumentHelp("COW NMC file (capabilities).", valueName: "file"))
    var nmc: String?

    @Option(help: ArgumentHelp("COW state system membership file (states2016.csv).", valueName: "file"))
    var states: String?

    @Option(help: ArgumentHelp("COW direct contiguity file (contdir.csv).", valueName: "file"))
    var contiguity: String?

    @Option(help: ArgumentHelp("Thompson-Dreyer rivalries file.", valueName: "file"))
    var rivalries: String?

    @Option(help: ArgumentHelp("CSV war,attacker,target overriding the derived openings.", valueName: "file"))
    var openings: String?

    @Option(help: "Ensemble runs per war (default 10000).")
    var runs = 10_000

    @Option(help: "Seed of the ensembles (war w uses a seed derived from it and w).")
    var seed: UInt64 = 1

    @Option(help: "Worker threads for the ensembles (default: all cores); results do not depend on it.")
    var workers: Int?

    @Option(
        help: ArgumentHelp("Also write an HTML report: totals, calibration plot, per-war table.", valueName: "file"))
    var report: String?

    @OptionGroup var output: OutputOptions

    func run() throws {
        try reportingErrors { try execute() }
    }

    private func execute() throws {
        if let workers, workers < 1 { throw ValidationError("--workers must be at least 1.") }
        var options = WarBacktestOptions(warFile: warFile, allianceFile: atop)
        options.capabilities = nmc
        options.states = states
        options.contiguity = contiguity
        options.rivalries = rivalries
        options.openings = openings
        options.runs = runs
        options.seed = seed
        options.workers = workers ?? CrisisEnsemble.defaultWorkers
        if contiguity == nil {
            output.note(
                "note: without --contiguity the contiguity baseline predicts no joiner and derived openings "
                    + "do not prefer a land neighbour as the target")
        }
        let showProgress = !output.quiet && isatty(STDERR_FILENO) != 0
        let result = try WarBacktest.run(options) { done, total in
            if showProgress {
                Diagnostics.write("\rbacktest wars: \(done)/\(total) wars" + (done == total ? "\n" : ""))
            }
        }
        let title =
            "Who joins wars: \(result.scored.count) COW wars scored, \(result.skipped.count) skipped; "
            + "ensembles of \(runs) runs, seed \(seed)"
        let text: String
        switch output.format {
        case .table: text = WarBacktestOutput.table(result, title: title)
        case .csv: text = WarBacktestOutput.csv(result)
        case .json: text = WarBacktestOutput.json(result)
        }
        var files: [(path: String, contents: String)] = []
        if let report { files.append((report, BacktestReport.html(result, title: title))) }
        if let path = output.output {
            files.append((path, text))
            try FileOutput.writeAll(files)
        } else {
            if !files.isEmpty { try FileOutput.writeAll(files) }
            FileHandle.standardOutput.write(Data(text.utf8))
        }
    }
}
