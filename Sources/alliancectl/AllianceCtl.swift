@_spi(Internals) import AllianceGraph
@_spi(Internals) import AllianceGraphFormats
import AllianceGraphRender
import ArgumentParser
import Foundation

/// `alliancectl`: the command-line face of the AllianceGraph library.
@main
struct AllianceCtl: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alliancectl",
        abstract: "Analyse and simulate networks of alliances between states.",
        discussion: """
            Scenario files use the alliancegraph/1 JSON format (docs/FORMAT.md). Machine output goes \
            to standard output or --output; diagnostics go to standard error.
            Exit status: 0 success, 1 runtime failure, 64 usage error, 65 bad input data, 130/143 \
            interrupted by SIGINT/SIGTERM (no partial output file is left).
            """,
        version: AllianceGraphVersion.string,
        subcommands: [
            InfoCommand.self, MetricsCommand.self, SimulateCommand.self, CrisisCommand.self,
            LandscapeCommand.self, ConvertCommand.self, ImportCommand.self, RenderCommand.self,
            ReportCommand.self, DeterrenceCommand.self, GenerateCommand.self, BacktestCommand.self,
            CalibrateCommand.self, PanelCommand.self, SweepCommand.self, MergeCommand.self, PlotCommand.self,
        ]
    )

    /// The process entry point: signal handling first (before any other thread starts), then
    /// argument parsing and the subcommand. A mistyped subcommand gets a did-you-mean hint, and a
    /// usage error found while a subcommand runs shows that subcommand's usage (exit 64).
    static func main() {
        InterruptHandling.install()
        let arguments = Array(CommandLine.arguments.dropFirst())
        if let message = CommandErrors.unknownSubcommand(arguments) {
            Diagnostics.print(message)
            Foundation.exit(ExitStatus.usage)
        }
        var command: ParsableCommand
        do { command = try parseAsRoot(arguments) } catch { exit(withError: error) }
        do {
            try command.run()
        } catch {
            if let message = CommandErrors.usageMessage(for: error, command: type(of: command)) {
                Diagnostics.print(message)
                Foundation.exit(ExitStatus.usage)
            }
            exit(withError: error)
        }
    }
}
