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
            "Parameter profile applied before --set: defaults, calibrated (docs/VALIDATION.md) or a profile file "
                + "written by `calibrate --output`.",
            valueName: "name-or-file"))
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
            do { try ProfileReference.checkName(profile) } catch { throw ValidationError(error.message) }
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
            // Read and check everything before writing anything. The input scenario and its network
            // live only in this scope: the run owns the one copy of the network it changes, and
            // what the outputs need of the input (metadata, the burden-sharing baseline) is kept
            // apart, so a network of millions of ties is not held twice.
            var simulation: Simulation
            let header: SimulationOutput.ScenarioMetadata, digest: InputDigest, start: Date
            let baseline: BurdenSharingReport.Baseline?
            // Each step that can take more than a second at a million states says so (on a terminal).
            let progress = ProgressReporter("simulate", quiet: quiet)
            defer { progress.finish() }  // also before an error message
            do {
                progress.stage("reading \(file)")
                let (scenario, inputDigest) = try ScenarioLoader.loadWithDigest(path: file)
                var parameters = SimulationParameters(environment: scenario.parameters)
                if let profile { try ProfileReference.resolve(profile).apply(to: &parameters) }
                do { try parameters.apply(settings) } catch { throw ValidationError("--set: \(error)") }
                let chosen =
                    try rules.map { text throws(InputError) in try RuleKind.parseList(text) } ?? RuleKind.defaults
                let network = scenario.activeNetwork(year: year)
                let configuration = Simulation.Configuration(
                    parameters: parameters, rules: chosen, rounds: rounds, seed: seed,
                    stopAtEquilibrium: !noEquilibriumStop, systemMetrics: systemMetrics)
                // What run.json's burden-sharing report needs of the start, outside the timed run.
                progress.stage("round 0: the starting network's assessment")
                baseline = chosen.contains(.burdenSharing) ? BurdenSharingReport.Baseline(initial: network) : nil
                start = Date()
                // Only the latest round's record is kept: every round is written out as it is made.
                simulation = try Simulation(network: network, configuration: configuration, keepingRecords: false)
                header = SimulationOutput.ScenarioMetadata(scenario)
                digest = inputDigest
            }
            progress.finish()
            if !quiet { for note in simulation.skippedSystemMetrics { Diagnostics.print("note: \(note)") } }
            let names = try OutputFolder.staged(output) { folder in
                try stream(
                    &simulation, into: folder, scenario: header, digest: digest, start: start, baseline: baseline,
                    progress: progress)
            }
            progress.finish()
            removeChartsOfEarlierRun()
            if !quiet {
                Diagnostics.print(
                    "\(simulation.round) rounds\(simulation.reachedEquilibrium ? " (equilibrium)" : ""), "
                        + "\(simulation.network.count) states; wrote \(output)/{\(names.joined(separator: ","))}")
            }
        }
    }
}

extension SimulateCommand {
    /// Plays the run and writes its files into the staged folder (`OutputFolder.staged`: visible
    /// only once all are complete, all or none), returning their names in the order written.
    ///
    /// rounds.csv, system.csv and wars.csv are written round by round as the records are made
    /// (through 64 KiB buffers), so memory does not grow with --rounds: the run keeps one round's
    /// record (about 64 bytes a state). The charts (--charts) keep their series,
    /// `SimulationCharts.Series`: at most 27 points (16 bytes each) a round, whatever the number
    /// of states. final.json and run.json are written after the last round. run.json's
    /// `timing.wallSeconds` is, as before streaming, the run's own time: from `start` to the
    /// last round, less the time spent writing rows (seconds of wall clock).
    func stream(
        _ simulation: inout Simulation, into folder: OutputFolder.StagedFolder,
        scenario: SimulationOutput.ScenarioMetadata, digest: InputDigest, start: Date,
        baseline: BurdenSharingReport.Baseline?, progress: ProgressReporter
    ) throws -> [String] {
        // The starting states (codes for the rows); the initial network itself is not kept.
        // Wall-clock seconds spent on output within the timed stretch, left out of run.json's timing.
        var writing: TimeInterval = 0
        let mark = Date()
        let initiation = simulation.configuration.rules.contains(.initiation)
        let names =
            Self.fileNames + (initiation ? ["wars.csv"] : []) + (charts ? SimulationCharts.fileNames : [])
        // Every destination is checked (and its staging file created) before the first round.
        var files: [String: StagedOutput.File] = [:]
        for name in names { files[name] = try folder.open(name) }
        let rounds = files["rounds.csv"]!, system = files["system.csv"]!, wars = files["wars.csv"]
        // The codes, not the states: holding the states array would make the first merge copy it.
        let codes = simulation.network.states.map(\.code)
        let full = simulation.configuration.systemMetrics == .full
        var series = charts ? SimulationCharts.Series(network: simulation.network) : nil
        func take(_ record: RoundRecord, _ roundWars: [Simulation.War]) throws {
            let begin = Date()
            defer { writing += Date().timeIntervalSince(begin) }
            try rounds.write(SimulationOutput.roundsCSVRows(record, codes: codes))
            try system.write(SimulationOutput.systemCSVRow(record, full: full))
            try wars?.write(SimulationOutput.warsCSVRows(roundWars, codes: codes))
            series?.add(record)
        }
        try rounds.write(SimulationOutput.roundsCSVHeader)
        try system.write(SimulationOutput.systemCSVHeader(full: full))
        try wars?.write(SimulationOutput.warsCSVHeader)
        writing += Date().timeIntervalSince(mark)
        try take(simulation.records[0], [])
        // The round under way (each is announced before it is played), then each output step.
        let total = simulation.configuration.rounds
        if !simulation.isFinished { progress.stage("round 1/\(total)") }
        try simulation.run(
            progress: { round, total in if round < total { progress.stage("round \(round + 1)/\(total)") } },
            observe: take)
        let wall = max(0, Date().timeIntervalSince(start) - writing)
        progress.stage("writing final.json")
        let burden = baseline.map { BurdenSharingReport(baseline: $0, final: simulation.network) }
        // Streamed: a network of millions of ties is never held as one string.
        let finalFile = files["final.json"]!
        try ScenarioWriter.streamBytes(try SimulationOutput.finalScenario(scenario, simulation)) {
            chunk throws(OutputError) in
            try finalFile.write(bytes: chunk)
        }
        try files["run.json"]!.write(
            SimulationOutput.runJSON(
                simulation, input: file, digest: digest, wallSeconds: wall, burdenSharing: burden))
        if let series {
            for (name, chart) in zip(SimulationCharts.fileNames, series.charts()) {
                try files[name]!.write(chart.svg())
            }
        }
        return names
    }

    /// Charts of an earlier run in the folder are removed when this run writes none, so that
    /// the folder never mixes two runs.
    func removeChartsOfEarlierRun() {
        guard !charts else { return }
        let folder = URL(fileURLWithPath: output)
        for name in SimulationCharts.fileNames {
            let path = folder.appendingPathComponent(name).path
            var info = stat()
            if lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG, unlink(path) == 0, !quiet {
                Diagnostics.print("removed \(path): a chart of an earlier run (this run wrote no charts)")
            }
        }
    }
}

extension SystemMetricsLevel: ExpressibleByArgument {}
