@_spi(Internals) import AllianceGraph
@_spi(Internals) import AllianceGraphFormats
import AllianceGraphRender
import ArgumentParser
import Foundation

/// `alliancectl simulate FILE`: runs the peacetime rounds and writes the run's folder.
struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Run the security-dilemma dynamics (threat, arming, alignment rules) on a scenario.",
        discussion: """
            Writes rounds.csv (one row per round and state), system.csv (one row per round), final.json \
            (a scenario file of the final network) and run.json (seed, parameters, input digest, version, \
            timing) into the --output folder. The same input, parameters and seed give byte-identical \
            files, except run.json's "timing" member. Rules: \
            \(RuleKind.allCases.map(\.rawValue).joined(separator: ", ")) (default: all but triads). \
            Parameters for --set: \(SimulationParameters.names.joined(separator: ", ")). \
            See docs/DYNAMICS.md.
            """
    )

    @Argument(
        help: ArgumentHelp(
            "Scenario file (alliancegraph/1 JSON), or a graph file that `convert` reads.", valueName: "file"))
    var file: String

    @Option(help: "Number of rounds (the run may stop earlier at equilibrium).")
    var rounds: Int = 50

    @Option(help: "Seed of the run's random generator.")
    var seed: UInt64 = 0

    @Option(help: ArgumentHelp("Rules to switch on, comma-separated.", valueName: "names"))
    var rules: String?

    @Option(
        help: ArgumentHelp(
            "Parameter profile applied before --set: defaults or calibrated (docs/VALIDATION.md).",
            valueName: "name"))
    var profile: String?

    @Option(
        name: .customLong("set"),
        help: ArgumentHelp(
            "Set a parameter (repeatable), e.g. --set offenseDefense=1.5.",
            valueName: "name=value"))
    var settings: [String] = []

    @Option(
        name: .shortAndLong, help: ArgumentHelp("Folder for the run's files (created if missing).", valueName: "dir"))
    var output: String

    @Option(help: "System metrics per round: full (with Leiden blocs, modularity, arms-race stability) or light.")
    var systemMetrics: SystemMetricsLevel = .full

    @Flag(help: "Also write SVG charts (effort.svg, threat.svg, commitments.svg, balance.svg) into the folder.")
    var charts = false

    @Flag(help: "Play all rounds even when the network reaches equilibrium.")
    var noEquilibriumStop = false

    @Option(help: "Use the ties in force in this year (default: the scenario's year).")
    var year: Int?

    @Flag(name: .shortAndLong, help: "Print no progress or notes on standard error.")
    var quiet = false

    @OptionGroup var resources: ResourceOptions

    func validate() throws {
        if rounds < 0 { throw ValidationError("--rounds must be >= 0.") }
        if output.isEmpty { throw ValidationError("--output needs a folder name (got an empty one).") }
        let names = Self.fileNames + (charts ? SimulationCharts.fileNames : [])
        try OutputPathCheck.validate(
            outputs: names.map { URL(fileURLWithPath: output).appendingPathComponent($0).path }, option: "--output",
            inputs: [file])
        if let rules {
            do { _ = try RuleKind.parseList(rules) } catch { throw ValidationError(error.message) }
        }
        if let profile {
            do { _ = try ParameterProfile.named(profile) } catch { throw ValidationError(error.message) }
        }
        var probe = SimulationParameters()
        for assignment in settings {
            do {
                try probe.apply([assignment])
            } catch {
                // Range errors depend on the scenario's own values; only names and syntax are checked here.
                if error.message.hasPrefix("unknown parameter") || error.message.contains("not name=value")
                    || error.message.contains("not a finite number") || error.message.contains("not a threat scale")
                {
                    throw ValidationError("--set \(assignment): \(error.message)")
                }
            }
        }
    }

    /// The files every run writes into its folder (the charts come on top with --charts).
    static let fileNames = ["rounds.csv", "system.csv", "final.json", "run.json"]

    func run() throws {
        resources.apply()
        try reportingErrors {
            // Read and check everything before writing anything.
            let (scenario, bytes) = try loadScenarioAndBytes(file)
            var parameters = SimulationParameters(environment: scenario.parameters)
            if let profile { try ParameterProfile.named(profile).apply(to: &parameters) }
            do { try parameters.apply(settings) } catch { throw ValidationError("--set: \(error)") }
            let chosen = try rules.map { text throws(InputError) in try RuleKind.parseList(text) } ?? RuleKind.defaults
            let network = scenario.activeNetwork(year: year)
            let configuration = Simulation.Configuration(
                parameters: parameters, rules: chosen, rounds: rounds, seed: seed,
                stopAtEquilibrium: !noEquilibriumStop, systemMetrics: systemMetrics)
            let start = Date()
            // The records, and the text of rounds.csv built from them (about 250 bytes a row).
            try Simulation.checkMemory(states: network.count, rounds: rounds, bytesPerStateRound: 320)
            var simulation = try Simulation(network: network, configuration: configuration)
            let showProgress = !quiet && isatty(STDERR_FILENO) == 1
            try simulation.run { round, total in
                if showProgress { Diagnostics.write("\rround \(round)/\(total)") }
            }
            if showProgress { Diagnostics.write("\n") }
            let wall = Date().timeIntervalSince(start)
            let report =
                chosen.contains(.burdenSharing) ? BurdenSharingReport(initial: network, final: simulation.network) : nil

            let rounds = SimulationOutput.roundsCSV(simulation)
            let system = SimulationOutput.systemCSV(simulation)
            let final = try SimulationOutput.finalScenarioJSON(scenario, simulation)
            let run = SimulationOutput.runJSON(
                simulation, input: file, inputBytes: bytes, wallSeconds: wall, burdenSharing: report)
            var files = [("rounds.csv", rounds), ("system.csv", system), ("final.json", final), ("run.json", run)]
            if chosen.contains(.initiation) { files.append(("wars.csv", SimulationOutput.warsCSV(simulation))) }
            if charts {
                files += zip(
                    SimulationCharts.fileNames,
                    SimulationCharts.charts(simulation.records, network: network).map { $0.svg() }
                )
                .map { ($0, $1) }
            }
            try writeRun(files)
            if !quiet {
                Diagnostics.print(
                    "\(simulation.round) rounds\(simulation.reachedEquilibrium ? " (equilibrium)" : ""), "
                        + "\(network.count) states; wrote \(output)/{\(files.map(\.0).joined(separator: ","))}")
            }
        }
    }
}

extension SimulateCommand {
    /// Writes the run's files into the --output folder as one unit (`OutputFolder.write`: all or
    /// none, the folder created if needed and removed again when the write fails).
    /// Charts of an earlier run in the folder are removed when this run writes none, so that
    /// the folder never mixes two runs.
    func writeRun(_ files: [(String, String)]) throws {
        try OutputFolder.write(files, to: output)
        let folder = URL(fileURLWithPath: output)
        if !charts {
            for name in SimulationCharts.fileNames {
                let path = folder.appendingPathComponent(name).path
                var info = stat()
                if lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG, unlink(path) == 0, !quiet {
                    Diagnostics.print("removed \(path): a chart of an earlier run (this run wrote no charts)")
                }
            }
        }
    }
}

extension SystemMetricsLevel: ExpressibleByArgument {}
