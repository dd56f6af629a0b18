import AllianceGraph
import ArgumentParser
import Foundation

/// `alliancectl report FILE -o report.html`: one self-contained HTML report.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write a self-contained HTML report: network picture, summary, metrics tables.",
        discussion: """
            The file inlines its SVG and CSS and loads nothing from the network. Simulation charts \
            and crisis timelines are added by the library's HTMLReport.sections (see docs/FORMATS.md).
            """
    )

    @Argument(help: ArgumentHelp("Scenario or graph file (any format `convert` reads).", valueName: "file"))
    var file: String

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the HTML here (default: standard output).", valueName: "file"))
    var output: String?

    @Option(help: "Report on the ties in force in this year (default: the scenario's year).")
    var year: Int?

    @Option(help: "Seed of the layout and the bloc detection (same blocs as `metrics --seed`).")
    var seed: UInt64 = 1

    @Flag(name: .shortAndLong, help: "Print no notes on standard error.")
    var quiet = false

    func run() throws {
        try reportingErrors {
            let scenario = try GraphIO.read(path: file)
            let html = try HTMLReport(scenario: scenario, year: year, seed: seed).render()
            if let output {
                try FileOutput.write(html, to: output)
                if !quiet { Diagnostics.print("Wrote \(output)") }
            } else {
                FileHandle.standardOutput.write(Data(html.utf8))
            }
        }
    }
}
