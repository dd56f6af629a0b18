@_spi(Internals) import AllianceGraph
@_spi(Internals) import AllianceGraphFormats
import AllianceGraphRender
import ArgumentParser

/// `alliancectl metrics FILE`: centrality, blocs and system metrics of a scenario's network.
struct MetricsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "metrics",
        abstract: "Compute per-state and system metrics of a scenario's alliance network.",
        discussion: "CSV output has one row per state; use --scope system for the system metrics."
    )

    @Argument(
        help: ArgumentHelp(
            "Scenario file (alliancegraph/1 JSON), or a graph file that `convert` reads.", valueName: "file"))
    var file: String?

    @Option(help: "Use the ties in force in this year (default: the scenario's year).")
    var year: Int?

    @Option(help: ArgumentHelp("Only these metrics, comma-separated or repeated (see --list).", valueName: "names"))
    var only: [String] = []

    @Option(
        help: ArgumentHelp(
            "Leave these metrics out, comma-separated or repeated: the complement of --only (see --list, column cost).",
            valueName: "names"))
    var skip: [String] = []

    @Flag(help: "List every metric with its cost class (low, medium, high) and definition, and exit.")
    var list = false

    @Option(help: "CSV output: state rows (default) or system metrics.")
    var scope: MetricDefinition.Scope = .state

    @Option(help: "Seed for randomised steps (Leiden restarts).")
    var seed: UInt64 = 0

    @Option(
        help: ArgumentHelp(
            "Also report the alliance-portfolio similarity S of this pair of states.",
            valueName: "A,B"))
    var similarity: String?

    @Flag(help: "Also report the matrix of portfolio similarity S for every pair (with --format csv: the matrix only).")
    var similarityMatrix = false

    @OptionGroup var output: OutputOptions

    @OptionGroup var kindSelection: KindOptions

    /// The names given to `--only` or `--skip` (comma-separated, repeatable), trimmed.
    private static func names(_ values: [String]) -> [String] {
        values.flatMap { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } }
    }

    /// The metrics to compute: those of `--only` (default: all) minus those of `--skip`; nil for
    /// all of them.
    var selectedNames: Set<String>? {
        if only.isEmpty && skip.isEmpty { return nil }
        let chosen = only.isEmpty ? Set(MetricCatalogue.all.map(\.name)) : Set(Self.names(only))
        return chosen.subtracting(Self.names(skip))
    }

    @OptionGroup var resources: ResourceOptions

    func validate() throws {
        if !list && file == nil { throw ValidationError("Missing scenario file (or use --list).") }
        try output.validateOutput(inputs: [file])
        if let similarity, similarity.split(separator: ",").count != 2 {
            throw ValidationError("--similarity takes two state codes separated by a comma, e.g. FRN,RUS.")
        }
        for (flag, values) in [("--only", only), ("--skip", skip)] {
            for name in Self.names(values) where MetricCatalogue.definition(named: name) == nil {
                let hint = NameSuggestion.hint(for: name, among: MetricCatalogue.all.map(\.name))
                throw ValidationError("\(flag): Unknown metric \"\(name)\"\(hint). See --list.")
            }
        }
        if let selectedNames, selectedNames.isEmpty {
            throw ValidationError("--skip leaves no metric to compute (every metric asked for is skipped).")
        }
    }

    func run() throws {
        resources.apply()
        try reportingErrors {
            if list {
                var table = TextTable(headers: ["metric", "scope", "cost", "definition"])
                for definition in MetricCatalogue.all {
                    table.append([
                        definition.name, definition.scope.rawValue, definition.cost.rawValue, definition.summary,
                    ])
                }
                try output.emit(table.render())
                return
            }
            guard let file else { return }
            let progress = ProgressReporter("metrics", quiet: output.quiet)
            defer { progress.finish() }  // also before an error message
            progress.stage("reading \(file)")
            let scenario = kindSelection.apply(to: try loadScenario(file))
            let effectiveYear = year ?? scenario.year
            let network = scenario.activeNetwork(year: year)
            if similarityMatrix { try PortfolioSimilarity.checkMemory(states: network.count) }
            progress.stage("computing the metrics of \(network.count) states, \(network.commitments.count) commitments")
            var report = try NetworkMetrics.compute(
                network, seed: seed, environment: scenario.parameters,
                warPlans: scenario.warPlans, only: selectedNames)
            if let similarity, !Self.names(skip).contains(MetricCatalogue.similarity.name) {
                let codes = similarity.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
                var ids: [StateID] = []
                for code in codes {
                    guard let id = network.id(forCodeOrNumber: code) else {
                        let hint = NameSuggestion.hint(for: code, among: network.states.map(\.code))
                        throw ValidationError("--similarity: unknown state code \"\(code)\"\(hint).")
                    }
                    ids.append(id)
                }
                NetworkMetrics.appendSimilarity(&report, network, ids[0], ids[1])
            }
            let matrix = similarityMatrix ? PortfolioSimilarity(network).matrix : nil
            progress.finish()
            switch output.format {
            case .json:
                try output.emit(MetricsOutput.json(report, similarityMatrix: matrix))
            case .csv:
                if let matrix {
                    try output.emit(MetricsOutput.similarityCSV(codes: report.codes, matrix: matrix))
                } else {
                    try output.emit(scope == .state ? MetricsOutput.stateCSV(report) : MetricsOutput.systemCSV(report))
                }
            case .table:
                let title =
                    "\(scenario.name)" + (effectiveYear.map { " (ties in force in \($0))" } ?? "")
                    + ": \(network.count) states, \(network.commitments.count) commitments"
                var text = MetricsOutput.table(report, title: title)
                if let matrix { text += "\n" + MetricsOutput.similarityTable(codes: report.codes, matrix: matrix) }
                try output.emit(text)
            }
        }
    }
}

extension MetricDefinition.Scope: ExpressibleByArgument {}
