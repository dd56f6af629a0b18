import AllianceGraph
import AllianceGraphFormats
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
            files, except run.json's "timing" member. Rules: \(RuleKind.allCases.map(\.rawValue).joined(separator: ", ")) \
            (default: all but triads). Parameters for --set: \(SimulationParameters.names.joined(separator: ", ")). \
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

    func validate() throws {
        if rounds < 0 { throw ValidationError("--rounds must be >= 0.") }
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

    func run() throws {
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
            var simulation = try Simulation(network: network, configuration: configuration)
            let showProgress = !quiet && isatty(STDERR_FILENO) == 1
            try simulation.run { round, total in
                if showProgress { FileHandle.standardError.write(Data("\rround \(round)/\(total)".utf8)) }
            }
            if showProgress { FileHandle.standardError.write(Data("\n".utf8)) }
            let wall = Date().timeIntervalSince(start)
            let report =
                chosen.contains(.burdenSharing) ? BurdenSharingReport(initial: network, final: simulation.network) : nil

            let rounds = SimulationOutput.roundsCSV(simulation)
            let system = SimulationOutput.systemCSV(simulation)
            let final = try SimulationOutput.finalScenarioJSON(scenario, simulation)
            let run = SimulationOutput.runJSON(
                simulation, input: file, inputBytes: bytes, wallSeconds: wall, burdenSharing: report)
            var isFolder: ObjCBool = false
            let existed = FileManager.default.fileExists(atPath: output, isDirectory: &isFolder)
            if existed && !isFolder.boolValue {
                throw OutputError(path: output, message: "is a file; --output names the folder for the run's files")
            }
            if !existed {
                // Registered first, so that an interruption at any point removes it while empty.
                OutputLedger.shared.created(folder: output)
                do {
                    try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
                } catch {
                    throw OutputError(path: output, message: "can't create the folder: \(error.localizedDescription)")
                }
            }
            let folder = URL(fileURLWithPath: output)
            var files = [("rounds.csv", rounds), ("system.csv", system), ("final.json", final), ("run.json", run)]
            if charts {
                files += zip(
                    SimulationCharts.fileNames,
                    SimulationCharts.charts(simulation.records, network: network).map { $0.svg() }
                )
                .map { ($0, $1) }
            }
            // All files or none: each is written to a temporary file, then all are renamed.
            try FileOutput.writeAll(files.map { (folder.appendingPathComponent($0.0).path, $0.1) })
            if !quiet {
                Diagnostics.print(
                    "\(simulation.round) rounds\(simulation.reachedEquilibrium ? " (equilibrium)" : ""), "
                        + "\(network.count) states; wrote \(output)/{\(files.map(\.0).joined(separator: ","))}")
            }
        }
    }
}

extension SystemMetricsLevel: ExpressibleByArgument {}
