@_spi(Internals) import AllianceGraph
import AllianceGraphExperiments
@_spi(Internals) import AllianceGraphFormats
import Foundation

/// `sweep SPEC --run K -o DIR`: one run of an experiment written in full, as the command itself
/// would write it with the run's settings and seed: `simulate`'s rounds.csv, system.csv,
/// final.json and run.json, or `crisis --format json`'s ensemble record as crisis.json.
enum SweepReplay {
    static func write(_ experiment: Experiment, _ planned: PlannedRun, to folder: String, quiet: Bool) throws {
        let input = experiment.inputs[planned.scenario]
        var files: [(String, String)]
        switch experiment.spec.command {
        case .simulate:
            let start = Date()
            let simulation = try RunExecutor.simulation(experiment, planned)
            let wall = Date().timeIntervalSince(start)
            let report =
                simulation.configuration.rules.contains(.burdenSharing)
                ? BurdenSharingReport(initial: input.network, final: simulation.network) : nil
            files = [
                ("rounds.csv", SimulationOutput.roundsCSV(simulation)),
                ("system.csv", SimulationOutput.systemCSV(simulation)),
                ("final.json", try SimulationOutput.finalScenarioJSON(input.scenario, simulation)),
                (
                    "run.json",
                    SimulationOutput.runJSON(
                        simulation, input: input.path,
                        digest: InputDigest(byteCount: input.bytes, fnv1a64: input.digest),
                        wallSeconds: wall, burdenSharing: report)
                ),
            ]
        case .crisis:
            let (engine, ensemble) = try RunExecutor.crisis(experiment, planned)
            files = [
                (
                    "crisis.json",
                    CrisisOutput.json(
                        ensemble, engine: engine, scenarioName: input.scenario.name, inputDigest: input.digest)
                )
            ]
        }
        try SweepFolder.create(folder)
        let base = URL(fileURLWithPath: folder)
        try FileOutput.writeAll(files.map { (base.appendingPathComponent($0.0).path, $0.1) })
        if !quiet {
            Diagnostics.print(
                "run \(planned.run) (cell \(planned.cell), replicate \(planned.replicate), seed \(planned.seed)); "
                    + "wrote \(folder)/{\(files.map(\.0).joined(separator: ","))}")
        }
    }
}
