@_spi(Internals) import AllianceGraph
@_spi(Internals) import AllianceGraphFormats
import AllianceGraphRender
import ArgumentParser
import Foundation

/// `alliancectl backtest alliances`: the peacetime rules scored against ATOP, window by window.
struct BacktestAlliancesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alliances",
        abstract: "Score alliance formation and ends against ATOP over rolling windows, next to baselines.",
        discussion: """
            For each start year Y from --from to --to minus k and each horizon k (--horizon), the network of \
            Y is built from ATOP with NMC capabilities, contiguity, rivalries and major powers of Y (as \
            `import atop` builds it), the rules run k * --rounds-per-year rounds (one round is \
            1/--rounds-per-year years) in --replicates seeded runs, and the result is scored against the \
            ATOP network of Y + k: new defence pacts (AUC-PR, precision and recall at --top), ends of \
            defence pacts, and system indicators. Baselines are scored the same way: persistence, igraph's \
            common neighbours, Jaccard and Adamic-Adar, and preferential attachment. --data names a folder \
            holding atop5_1dy.csv, NMC-60-abridged.csv, states2016.csv, contdir.csv, td_rivalries.csv and \
            majors2016.csv; the file options override single files. The table shows the totals; csv and \
            json hold one row per window and method plus the totals. See docs/VALIDATION.md.
            """
    )

    @OptionGroup var dataFiles: AllianceDataOptions

    @Option(help: "First start year.")
    var from: Int = 1816

    @Option(help: "Last year scored (a window of horizon k starts at most at --to minus k).")
    var to: Int = 2008

    @Option(help: ArgumentHelp("Horizons k in years, comma-separated (e.g. 1,5,10).", valueName: "years"))
    var horizon: String = "10"

    @Option(help: "Years between two window starts.")
    var step: Int = 1

    @Option(help: "Rounds per year of a window (one round = 1/rounds-per-year years).")
    var roundsPerYear: Int = 1

    @Option(
        help: "Years before the start year over which capability trends are measured (NMC; 0: none).")
    var trendYears: Int = 5

    @Option(help: "Replicate runs per window.")
    var replicates: Int = 32

    @Option(help: "n of precision and recall at n.")
    var top: Int = 20

    @Option(help: "Seed of the run's random generators.")
    var seed: UInt64 = 1

    @Option(help: "Worker threads (default: all cores). The results do not depend on it.")
    var workers: Int?

    @Option(help: ArgumentHelp("Rules to switch on, comma-separated.", valueName: "names"))
    var rules: String?

    @Option(
        help: ArgumentHelp(
            "Parameter profile applied before --set: defaults, calibrated (docs/VALIDATION.md) or a profile file "
                + "written by `calibrate --output`.",
            valueName: "name-or-file"))
    var profile: String?

    @Option(
        name: .customLong("set"),
        help: ArgumentHelp("Set a parameter (repeatable), e.g. --set balancing.share=0.4.", valueName: "name=value"))
    var settings: [String] = []

    @Option(help: ArgumentHelp("Also write the HTML report with the curves here.", valueName: "file"))
    var html: String?

    @OptionGroup var outputOptions: OutputOptions

    /// The horizons of `--horizon`.
    var horizons: [Int] {
        horizon.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
    }

    func validate() throws {
        let parts = horizon.split(separator: ",", omittingEmptySubsequences: false)
        if parts.isEmpty || horizons.count != parts.count || horizons.contains(where: { $0 < 1 }) {
            throw ValidationError("--horizon must be a comma-separated list of whole years >= 1, e.g. 1,5,10.")
        }
        if from > to { throw ValidationError("--from (\(from)) is after --to (\(to)).") }
        if step < 1 { throw ValidationError("--step must be at least 1.") }
        if trendYears < 0 { throw ValidationError("--trend-years must be >= 0.") }
        if roundsPerYear < 1 { throw ValidationError("--rounds-per-year must be at least 1.") }
        if replicates < 1 { throw ValidationError("--replicates must be at least 1.") }
        if top < 1 { throw ValidationError("--top must be at least 1.") }
        if let workers, workers < 1 { throw ValidationError("--workers must be at least 1.") }
        try dataFiles.validate()
        if let rules {
            do { _ = try RuleKind.parseList(rules) } catch { throw ValidationError(error.message) }
        }
        if let profile {
            do { try ProfileReference.checkName(profile) } catch { throw ValidationError(error.message) }
        }
        var probe = SimulationParameters()
        do { try probe.apply(settings) } catch { throw ValidationError("--set: \(error.message)") }
        if let k = horizons.max(), from + k > to {
            throw ValidationError("no window fits: --from \(from) plus horizon \(k) is after --to \(to).")
        }
    }

    func run() throws {
        try reportingErrors {
            let history = try dataFiles.history(years: max(1, from - trendYears)...to, quiet: outputOptions.quiet)
            if history.years.lowerBound > from || history.years.upperBound < to {
                throw InputError(
                    location: "--from/--to",
                    "the data files cover \(history.years.lowerBound)-\(history.years.upperBound) together"
                        + (history.limits.isEmpty ? "" : " (\(history.limits))") + "; \(from)-\(to) is not inside"
                )
            }
            let windows = try history.windows(
                horizons: horizons, from: from, to: to, step: step, trendYears: trendYears, roundsPerYear: roundsPerYear
            )
            var parameters = SimulationParameters()
            if let profile { try ProfileReference.resolve(profile).apply(to: &parameters) }
            try parameters.apply(settings)
            let chosen = try rules.map { text throws(InputError) in try RuleKind.parseList(text) } ?? RuleKind.defaults
            let configuration = AllianceBacktest.Configuration(
                simulation: Simulation.Configuration(parameters: parameters, rules: chosen),
                roundsPerYear: roundsPerYear, replicates: replicates, top: top, seed: seed,
                workers: workers ?? ProcessInfo.processInfo.activeProcessorCount)
            let progress = SerialProgress(ProgressReporter("Backtest runs", quiet: outputOptions.quiet))
            let started = Date()
            let results = try AllianceBacktest.run(windows, configuration: configuration) { done, total in
                progress.update(done, of: total)
            }
            progress.finish()
            let summary = BacktestSummary(results)
            let info = BacktestOutput.RunInfo(from: from, to: to, configuration: configuration, profile: profile)
            let text: String
            switch outputOptions.format {
            case .table: text = BacktestOutput.table(summary, top: top)
            case .csv: text = BacktestOutput.csv(results, summary: summary)
            case .json: text = BacktestOutput.json(results, summary: summary, info: info)
            }
            var files: [(path: String, contents: String)] = []
            if let html {
                files.append((html, AllianceBacktestReport(results: results, summary: summary, info: info).render()))
            }
            if let output = outputOptions.output { files.append((output, text)) }
            try FileOutput.writeAll(files)
            if outputOptions.output == nil { FileHandle.standardOutput.write(Data(text.utf8)) }
            outputOptions.note(
                "\(windows.count) windows x \(replicates) replicates in "
                    + "\(NumberFormat.fixed(Date().timeIntervalSince(started), digits: 1)) s"
                    + (html.map { "; wrote \($0)" } ?? ""))
        }
    }
}

/// A progress reporter called from worker threads one at a time (the backtest serialises its
/// progress calls under a lock).
final class SerialProgress: @unchecked Sendable {
    private let reporter: ProgressReporter

    init(_ reporter: ProgressReporter) { self.reporter = reporter }

    func update(_ done: Int, of total: Int) { reporter.update(done, of: total) }

    func finish() { reporter.finish() }
}
