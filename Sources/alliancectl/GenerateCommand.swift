@_spi(Internals) import AllianceGraph
@_spi(Internals) import AllianceGraphFormats
import AllianceGraphRender
import ArgumentParser
import Foundation

extension SyntheticNetworkModel: ExpressibleByArgument {}

/// `alliancectl generate --states N --ties M`: a synthetic scenario for benchmarks and for
/// studying large systems (the models are defined in `SyntheticNetwork`).
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Generate a synthetic scenario: states with capabilities, commitments, rivalries and contiguity.",
        discussion: """
            regional: states on a seeded map, 90 % of ties among near neighbours; scale-free: ties by \
            preferential attachment. Both draw contiguity (3 nearest neighbours) and floor(N/4) rivalries \
            from the map and capabilities from a Pareto(1.2) law normalised to sum 1. The same options \
            give the same bytes. The output is an alliancegraph/1 scenario every command reads. See \
            docs/CLI.md for the exact definitions.
            """
    )

    @Option(help: "Number of states (1 to 50,000,000).")
    var states: Int

    @Option(help: "Number of commitments: distinct pairs, at most half of all pairs, n(n-1)/4.")
    var ties: Int

    @Option(help: "Seed of the generator.")
    var seed: UInt64 = 0

    @Option(help: "How ties are placed: regional or scale-free.")
    var model: SyntheticNetworkModel = .regional

    @Option(
        name: .shortAndLong,
        help: ArgumentHelp(
            "Write the scenario to this file (default: standard output).",
            valueName: "file"))
    var output: String = "-"

    @Flag(name: .shortAndLong, help: "Print no notes on standard error.")
    var quiet = false

    var specification: SyntheticNetwork {
        SyntheticNetwork(states: states, ties: ties, seed: seed, model: model)
    }

    func validate() throws {
        do { try specification.validate() } catch { throw ValidationError("\(FlagNames.naming(error))") }
        try OutputPathCheck.validate(output, option: "--output", inputs: [])
    }

    func run() throws {
        try reportingErrors {
            // Steps of seconds at a million states, named on a terminal.
            let progress = ProgressReporter("generate", quiet: quiet)
            defer { progress.finish() }  // also before an error message
            progress.stage("building the network")
            let scenario = try specification.scenario()
            progress.stage("writing \(output)")
            try ScenarioWriter.write(scenario, to: output)
            progress.finish()
            if !quiet && output != "-" {
                let n = scenario.network
                Diagnostics.print(
                    "Wrote \(output): \(n.count) states, \(n.commitments.count) commitments, "
                        + "\(n.rivalries.count) rivalries, \(n.contiguity.count) contiguity entries")
            }
        }
    }
}
