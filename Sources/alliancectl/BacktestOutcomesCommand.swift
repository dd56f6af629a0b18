@_spi(Internals) import AllianceGraph
import AllianceGraphFormats
import ArgumentParser
import Foundation

/// `alliancectl backtest outcomes WARFILE --atop FILE --nmc FILE ...`: who wins each COW war, as
/// forecast by the expected-outcome model on the opening attack, scored against COW's outcomes.
struct BacktestOutcomesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outcomes",
        abstract: "Forecast whether each COW war's initiators win and score the forecasts (Brier).",
        discussion: """
            For each war of the COW inter-state war file (with its outcome1 column) that its initiators \
            won or lost, the ATOP network of the year before and the opening attack (as in `backtest \
            wars`), the model's P(initiators' side prevails) from the crisis ensemble, the same for the \
            opening pair alone, the pair's capability ratio, and the initiators' win rate before 1946. \
            Totals (all wars, before 1946, from 1946), then one row per war. docs/VALIDATION.md.
            """
    )

    @Argument(help: ArgumentHelp("COW inter-state war file, directed dyad-year layout.", valueName: "file"))
    var warFile: String

    @Option(help: ArgumentHelp("ATOP 5.1 dyad-year file (atop5_1dy.csv).", valueName: "file"))
    var atop: String

    @Option(help: ArgumentHelp("COW NMC file (capabilities).", valueName: "file"))
    var nmc: String

    @Option(help: ArgumentHelp("COW state system membership file (states2016.csv).", valueName: "file"))
    var states: String?

    @Option(help: ArgumentHelp("COW direct contiguity file (contdir.csv).", valueName: "file"))
    var contiguity: String?

    @Option(help: ArgumentHelp("COW major powers file (majors2016.csv): great powers' reach.", valueName: "file"))
    var majors: String?

    @Option(help: ArgumentHelp("Thompson-Dreyer rivalries file.", valueName: "file"))
    var rivalries: String?

    @Option(help: ArgumentHelp("CSV war,attacker,target overriding the derived openings.", valueName: "file"))
    var openings: String?

    @Option(help: "Ensemble runs per war (default 1000).")
    var runs = 1000

    @Option(help: "Seed of the ensembles (war w uses a seed derived from it and w).")
    var seed: UInt64 = 1

    @Option(help: "Steepness gamma of the loss-of-strength gradient (default 1).")
    var gradient: Double = 1

    @OptionGroup var output: OutputOptions

    func validate() throws {
        if !(1...10_000_000).contains(runs) { throw ValidationError("--runs must be in 1...10000000.") }
        try output.validateOutput(inputs: [warFile, atop, nmc])
    }

    func run() throws {
        try reportingErrors { try execute() }
    }

    private func execute() throws {
        var options = WarBacktestOptions(warFile: warFile, allianceFile: atop)
        options.capabilities = nmc
        options.states = states
        options.contiguity = contiguity
        options.majors = majors
        options.rivalries = rivalries
        options.openings = openings
        options.runs = runs
        options.seed = seed
        if contiguity == nil { output.note("note: without --contiguity every pair is distant (proximity 0.1)") }
        let showProgress = !output.quiet && isatty(STDERR_FILENO) != 0
        let result = try OutcomeBacktest.run(options, model: WarOutcomeModel(gradient: gradient)) { done, total in
            if showProgress {
                Diagnostics.write("\rbacktest outcomes: \(done)/\(total) wars" + (done == total ? "\n" : ""))
            }
        }
        let title =
            "Who wins: \(result.scored.count) COW wars won or lost by their initiators, \(result.skipped.count) "
            + "skipped; P(initiators' side prevails), ensembles of \(runs) runs, seed \(seed), gradient "
            + NumberFormat.json(gradient)
        switch output.format {
        case .table: try output.emit(OutcomeBacktestOutput.table(result, title: title))
        case .csv: try output.emit(OutcomeBacktestOutput.csv(result))
        case .json: try output.emit(OutcomeBacktestOutput.json(result))
        }
    }
}
