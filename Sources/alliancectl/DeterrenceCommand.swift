@_spi(Internals) import AllianceGraph
@_spi(Internals) import AllianceGraphFormats
import AllianceGraphRender
import ArgumentParser
import Foundation

/// `alliancectl deterrence FILE`: the general-deterrence map: for every ordered pair (or the
/// `--attacker`/`--target` subsets), the attacker's probability of prevailing and its expected
/// utility of attacking, targets sorted by exposure; `--drop` compares with a state's pledges removed.
struct DeterrenceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deterrence",
        abstract: "Map who could attack whom and win: P(prevail) and the expected utility of attacking.",
        discussion: """
            Each attack runs a seeded ensemble of stochastic crises (as `crisis --mode stochastic`); \
            each run's coalitions give P(attacker's side prevails) from power discounted by distance to \
            the target (loss-of-strength gradient) and the offence-defence balance. The expected \
            utility weighs the stake (intent, rivalry) against the war's size. Targets are listed most \
            exposed first. --drop STATE (repeatable) adds the same map without that state's pledges. \
            Model and defaults: docs/CRISIS.md, "Expected war outcome and deterrence".
            """
    )

    @Argument(help: ArgumentHelp("Scenario file, or a graph file that `convert` reads.", valueName: "file"))
    var file: String

    @Option(
        help: ArgumentHelp("Attackers to evaluate (repeatable or comma-separated; default all).", valueName: "code"))
    var attacker: [String] = []

    @Option(help: ArgumentHelp("Targets to evaluate (repeatable or comma-separated; default all).", valueName: "code"))
    var target: [String] = []

    @Option(help: ArgumentHelp("Also evaluate without this state's pledges (repeatable).", valueName: "code"))
    var drop: [String] = []

    @Option(help: "Stochastic crisis runs per attack (default 1000).")
    var runs = 1000

    @Option(help: "Seed (attack a -> b uses a seed derived from it and the pair).")
    var seed: UInt64 = 1

    @Option(help: "Use the ties in force in this year (default: the scenario's year).")
    var year: Int?

    @Option(help: "Override the scenario's reliability l in (0, 1].")
    var reliability: Double?

    @Option(name: .customLong("offense-defense"), help: "Override the scenario's offence-defence balance theta > 0.")
    var offenseDefense: Double?

    @Option(help: "Steepness gamma of the loss-of-strength gradient, in [0, 10] (default 1; 0: no loss).")
    var gradient: Double = 1

    @Option(name: .customLong("cost-weight"), help: "Weight of the war's size in the expected utility (default 0.25).")
    var costWeight: Double = 0.25

    @Flag(help: "Let rivals of belligerents join the side they expect to win (slower: runs unbatched).")
    var opportunism = false

    @Flag(help: "List attacks without a motive in the table too (CSV and JSON always list every attack).")
    var all = false

    @Option(help: ArgumentHelp("Also write the heat map as SVG.", valueName: "file"))
    var svg: String?

    @Option(help: "Worker threads (default: all cores); results do not depend on it.")
    var workers: Int?

    @OptionGroup var output: OutputOptions

    func validate() throws {
        if !(1...100_000_000).contains(runs) { throw ValidationError("--runs must be in 1...100000000.") }
        if let workers, workers < 1 { throw ValidationError("--workers must be at least 1.") }
        try output.validateOutput(inputs: [file])
        try OutputPathCheck.validate(svg, option: "--svg", inputs: [file])
    }

    func run() throws {
        try reportingErrors { try execute() }
    }

    /// The ids of comma-separated or repeated codes (all states when none is given).
    func ids(_ codes: [String], option: String, in network: AllianceNetwork, allWhenEmpty: Bool) throws -> [StateID] {
        let split = codes.flatMap { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } }
        if split.isEmpty { return allWhenEmpty ? network.ids : [] }
        var result: [StateID] = []
        for code in split {
            guard let id = network.id(forCode: code) else {
                let hint = NameSuggestion.hint(for: code, among: network.states.map(\.code))
                throw ValidationError("--\(option): no state \"\(code)\" in \(file)\(hint).")
            }
            if !result.contains(id) { result.append(id) }
        }
        return result
    }

    private func execute() throws {
        let (scenario, input) = try ScenarioLoader.loadWithDigest(path: file)
        let network = scenario.activeNetwork(year: year)
        var environment = scenario.parameters
        if let reliability { environment.reliability = reliability }
        if let offenseDefense { environment.offenseDefense = offenseDefense }
        var options = CrisisOptions()
        options.opportunism = opportunism
        let engine: CrisisEngine
        let model = WarOutcomeModel(gradient: gradient, costWeight: costWeight)
        do {
            try model.validate()
            engine = try CrisisEngine(
                network: network, environment: environment, warPlans: scenario.warPlans, options: options)
        } catch {
            throw ValidationError("Invalid option: \(error)")
        }
        let attackers = try ids(attacker, option: "attacker", in: network, allWhenEmpty: true)
        let targets = try ids(target, option: "target", in: network, allWhenEmpty: true)
        let dropped = try ids(drop, option: "drop", in: network, allWhenEmpty: false)
        let pairs = DeterrenceMap.pairs(attackers: attackers, targets: targets)
        if pairs.isEmpty { throw ValidationError("--attacker and --target leave no pair of different states.") }
        let analysis = try DeterrenceAnalysis.compute(
            engine: engine, model: model, pairs: pairs, drop: dropped, runs: runs, seed: seed,
            workers: workers ?? CrisisEnsemble.defaultWorkers, progress: progressReporter())
        let ties = (year ?? scenario.year).map { " (ties in force in \($0))" } ?? ""
        let title =
            "\(scenario.name)\(ties): deterrence map, \(pairs.count) attacks x \(runs) runs, seed \(seed); "
            + "offense-defense \(NumberFormat.json(environment.offenseDefense)), reliability "
            + "\(NumberFormat.json(environment.reliability)), gradient \(NumberFormat.json(gradient)), cost weight "
            + "\(NumberFormat.json(costWeight))"
        let text: String
        switch output.format {
        case .table: text = DeterrenceOutput.table(analysis, title: title, all: all)
        case .csv: text = DeterrenceOutput.csv(analysis)
        case .json:
            text = DeterrenceOutput.json(analysis, scenarioName: scenario.name, inputDigest: input.fnv1a64)
        }
        var files: [(path: String, contents: String)] = []
        if let svg { files.append((svg, DeterrenceHeatMap(analysis, title: "\(scenario.name): deterrence map").svg())) }
        if let path = output.output {
            files.append((path, text))
            try FileOutput.writeAll(files)
        } else {
            if !files.isEmpty { try FileOutput.writeAll(files) }
            try StandardStreams.writeStandardOutput(text)
        }
    }

    /// Progress on a terminal, unless --quiet.
    private func progressReporter() -> (@Sendable (Int, Int) -> Void)? {
        guard !output.quiet && isatty(STDERR_FILENO) != 0 else { return nil }
        return { done, total in
            if done % 64 == 0 || done == total {
                Diagnostics.write("\rdeterrence: \(done)/\(total) attacks" + (done == total ? "\n" : ""))
            }
        }
    }
}
