@_spi(Internals) import AllianceGraph
@_spi(Internals) import AllianceGraphFormats
import ArgumentParser
import Foundation

/// `alliancectl calibrate`: the rule parameters that best forecast new alliances before 1946,
/// scored on 1946-2008.
struct CalibrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calibrate",
        abstract: "Search rule parameters on a training period of the alliance backtest; report the held-out score.",
        discussion: """
            A coordinate search over balancing.threshold (1, 0.5, 0.25), balancing.share (0.25, 0.5) and \
            balancing.spiral (0, 0.3, 0.6), in that order, maximising the model's mean AUC-PR of new \
            defence pacts over the training windows (start and end years in --from .. --split minus 1). \
            The best setting and the defaults are then scored on the held-out windows (--split .. --to). \
            Prints every trial and the assignments of the fitted profile; the built-in profile \
            `calibrated` (--profile calibrated) is the result of this command with its default options. \
            See docs/VALIDATION.md.
            """
    )

    @OptionGroup var dataFiles: AllianceDataOptions

    @Option(help: "First year of the training period.")
    var from: Int = 1816

    @Option(help: "First year of the held-out period (training ends the year before).")
    var split: Int = 1946

    @Option(help: "Last year of the held-out period.")
    var to: Int = 2008

    @Option(help: "Horizon k in years.")
    var horizon: Int = 5

    @Option(help: "Replicate runs per window.")
    var replicates: Int = 8

    @Option(help: "Seed of the run's random generators.")
    var seed: UInt64 = 1

    @Option(help: "Worker threads (default: all cores). The results do not depend on it.")
    var workers: Int?

    @Flag(name: .shortAndLong, help: "Print no progress on standard error.")
    var quiet = false

    @Option(
        name: .shortAndLong,
        help: ArgumentHelp(
            "Also write the fitted profile to this file (JSON, ending in .json), which --profile accepts "
                + "in simulate, backtest alliances, report and sweeps.",
            valueName: "file"))
    var output: String?

    @Option(help: "The fitted profile's name in --output (default: the file's name without .json).")
    var name: String?

    func validate() throws {
        if horizon < 1 { throw ValidationError("--horizon must be at least 1.") }
        if replicates < 1 { throw ValidationError("--replicates must be at least 1.") }
        if let workers, workers < 1 { throw ValidationError("--workers must be at least 1.") }
        if !(from + horizon < split && split + horizon <= to) {
            throw ValidationError("need --from + --horizon < --split and --split + --horizon <= --to.")
        }
        if let output {
            guard output.hasSuffix(".json") else {
                throw ValidationError("--output: a profile file's name ends in .json (\"\(output)\").")
            }
            try OutputPathCheck.validate(outputs: [output], option: "--output", inputs: dataFiles.paths)
        }
        if let name, name.isEmpty || name.count > 200 {
            throw ValidationError("--name: expected 1 to 200 characters.")
        }
    }

    func run() throws {
        try reportingErrors {
            let history = try dataFiles.history(years: max(1, from - 5)...to, quiet: quiet)
            if history.years.lowerBound > from || history.years.upperBound < to {
                throw InputError(
                    location: "--from/--to",
                    "the data files cover \(history.years.lowerBound)-\(history.years.upperBound) together"
                        + (history.limits.isEmpty ? "" : " (\(history.limits))") + "; \(from)-\(to) is not inside")
            }
            let training = try history.windows(horizons: [horizon], from: from, to: split - 1)
            let heldOut = try history.windows(horizons: [horizon], from: split, to: to)
            let configuration = AllianceBacktest.Configuration(
                replicates: replicates, seed: seed, workers: workers ?? ProcessInfo.processInfo.activeProcessorCount)
            var table = TextTable(
                headers: ["trial", "setting", "training AUC-PR"], alignments: [.right, .left, .right])
            let (trials, best) = try BacktestCalibration.search(windows: training, configuration: configuration) {
                if !quiet { Diagnostics.print("trial: \($0.assignments.joined(separator: " ")): \($0.score)") }
            }
            for (k, trial) in trials.enumerated() {
                table.append([
                    String(k + 1), trial.assignments.joined(separator: " "), NumberFormat.fixed(trial.score, digits: 4),
                ])
            }
            var fitted = configuration
            try fitted.simulation.parameters.apply(best)
            let heldBest = BacktestCalibration.score(try AllianceBacktest.run(heldOut, configuration: fitted))
            let heldDefaults = BacktestCalibration.score(
                try AllianceBacktest.run(heldOut, configuration: configuration))
            var text = table.render()
            text += "\nfitted profile: \(best.joined(separator: " "))\n"
            text += "held-out \(split)-\(to), k = \(horizon): mean AUC-PR \(NumberFormat.fixed(heldBest, digits: 4)) "
            text += "(defaults \(NumberFormat.fixed(heldDefaults, digits: 4)))\n"
            if let output {
                let profileName = name ?? URL(fileURLWithPath: output).deletingPathExtension().lastPathComponent
                try AllianceNetwork.checkText(profileName, at: "--name", lineBreaks: false)
                let document = ProfileReference.document(
                    name: profileName, assignments: best,
                    fitted: fittedMembers(trials: trials, heldOut: heldBest, heldOutDefaults: heldDefaults))
                try FileOutput.write(document, to: output)
                text += "wrote \(output) (--profile \(output))\n"
            }
            FileHandle.standardOutput.write(Data(text.utf8))
        }
    }

    /// How the profile was fitted: the command's options, every trial and the scores.
    private func fittedMembers(
        trials: [BacktestCalibration.Trial], heldOut: Double, heldOutDefaults: Double
    ) -> [JSONMember] {
        [
            JSONMember(key: "by", value: .string("alliancectl calibrate \(AllianceGraphVersion.string)")),
            JSONMember(key: "training", value: .string("\(from)-\(split - 1)")),
            JSONMember(key: "heldOut", value: .string("\(split)-\(to)")),
            JSONMember(key: "horizon", value: .integer(horizon)),
            JSONMember(key: "replicates", value: .integer(replicates)),
            JSONMember(key: "seed", value: .number(Double(seed), text: String(seed))),
            JSONMember(key: "score", value: .string("mean AUC-PR of new defence pacts over the windows")),
            JSONMember(
                key: "trials",
                value: .array(
                    trials.map { trial in
                        .object([
                            JSONMember(key: "assignments", value: .array(trial.assignments.map(JSONValue.string))),
                            JSONMember(key: "training", value: JSONValue.number(trial.score)),
                        ])
                    })),
            JSONMember(key: "heldOutScore", value: JSONValue.number(heldOut)),
            JSONMember(key: "heldOutScoreDefaults", value: JSONValue.number(heldOutDefaults)),
        ]
    }
}
