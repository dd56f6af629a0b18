@_spi(Internals) import AllianceGraph
@_spi(Internals) import AllianceGraphFormats
import AllianceGraphRender
import ArgumentParser

/// `alliancectl info FILE`: what a scenario holds, and whether it is sound.
struct InfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Summarise a scenario: states, commitments by kind, rivalries, components, checks."
    )

    @Argument(
        help: ArgumentHelp(
            "Scenario file (alliancegraph/1 JSON), or a graph file that `convert` reads.", valueName: "file"))
    var file: String

    @Option(help: "Describe the network as it stood in this year (default: the scenario's year).")
    var year: Int?

    @OptionGroup var output: OutputOptions

    func validate() throws {
        try output.validateOutput(inputs: [file])
    }

    func run() throws {
        try reportingErrors {
            let progress = ProgressReporter("info", quiet: output.quiet)
            defer { progress.finish() }  // also before an error message
            progress.stage("reading \(file)")
            let scenario = try loadScenario(file)
            progress.stage("summarising \(scenario.network.count) states")
            let summary = ScenarioSummary(scenario, year: year)
            progress.finish()
            switch output.format {
            case .json: try output.emit(summary.json())
            case .csv: try output.emit(summary.csv())
            case .table: try output.emit(summary.text())
            }
        }
    }
}
