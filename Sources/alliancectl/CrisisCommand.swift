@_spi(Internals) import AllianceGraph
@_spi(Internals) import AllianceGraphFormats
import AllianceGraphRender
import ArgumentParser
import Foundation

extension CrisisMode: ExpressibleByArgument {}
extension BothSidesRule: ExpressibleByArgument {}

/// `alliancectl crisis FILE --attacker CODE --target CODE`: the chain-ganging cascade of one
/// attack, as a timeline (deterministic or one seeded run) or as an ensemble of seeded runs.
struct CrisisCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crisis",
        abstract: "Simulate the chain-ganging cascade of one attack (docs/MODEL.md section 4).",
        discussion: """
            Deterministic mode prints the timeline: step, state, side, role and cause (the tie, war \
            plan or opportunism that brought each state in), then the states that stayed out with \
            their reasons. Stochastic mode runs --runs seeded replicates in parallel and prints each \
            state's entry probability, side and mean entry step, and the war-size distribution \
            (--runs 1 prints that one run's timeline). Rules: docs/CRISIS.md.
            """
    )

    @Argument(
        help: ArgumentHelp(
            "Scenario file (alliancegraph/1 JSON), or a graph file that `convert` reads.", valueName: "file"))
    var file: String

    @Option(help: ArgumentHelp("Code of the state that attacks.", valueName: "code"))
    var attacker: String

    @Option(help: ArgumentHelp("Code of the state attacked.", valueName: "code"))
    var target: String

    @Option(help: "deterministic (honour when credibility x reliability >= threshold) or stochastic.")
    var mode: CrisisMode = .deterministic

    @Option(help: "Stochastic runs (default 1000; 1 prints that run's timeline).")
    var runs: Int?

    @Option(help: "Seed of the stochastic runs (run r uses a seed derived from it).")
    var seed: UInt64 = 1

    @Flag(help: "Let rivals of belligerents join the side they expect to win.")
    var opportunism = false

    @Option(help: "Use the ties in force in this year (default: the scenario's year).")
    var year: Int?

    @Option(help: "Deterministic honouring threshold on credibility x reliability (default 0.5).")
    var threshold: Double?

    @Option(help: "Override the scenario's reliability l in (0, 1].")
    var reliability: Double?

    @Option(name: .customLong("offense-defense"), help: "Override the scenario's offence-defence balance theta > 0.")
    var offenseDefense: Double?

    @Option(help: "Override the scenario's transparency tau in [0, 1] (opportunists' misperception).")
    var transparency: Double?

    @Option(name: .customLong("consultation-boost"), help: "Consultation weight beta in [0, 1] (default 0.25).")
    var consultationBoost: Double?

    @Option(name: .customLong("opportunism-factor"), help: "Power ratio an opportunist waits for (default 1.5).")
    var opportunismFactor: Double?

    @Option(name: .customLong("opportunism-delay"), help: "Steps the opportunist's condition must hold (default 3).")
    var opportunismDelay: Int?

    @Option(
        name: .customLong("both-sides"),
        help: "Fighting pledges to both sides: cancel (stay out; default) or strongest (larger honour wins).")
    var bothSides: BothSidesRule = .cancel

    @Option(name: .customLong("max-steps"), help: "Step limit (default 50).")
    var maxSteps: Int?

    @Option(help: "Worker threads for ensembles (default: all cores); results do not depend on it.")
    var workers: Int?

    @Option(
        help: ArgumentHelp(
            "Remove the pledges this state owes to others before the crisis (repeatable).", valueName: "code"))
    var drop: [String] = []

    @Flag(
        name: .customLong("spread-workers"),
        help: """
            Start ensemble workers on distinct CPUs (Linux: a worker sharing a CPU narrows its own \
            affinity for an instant). Speeds up short ensembles; never changes results.
            """)
    var spreadWorkers = false

    @OptionGroup var output: OutputOptions

    @OptionGroup var kindSelection: KindOptions

    @OptionGroup var resources: ResourceOptions

    func validate() throws {
        if let runs, !(1...1_000_000_000).contains(runs) { throw ValidationError("--runs must be in 1...1000000000.") }
        if runs != nil && mode == .deterministic { throw ValidationError("--runs needs --mode stochastic.") }
        if let workers, workers < 1 { throw ValidationError("--workers must be at least 1.") }
        try output.validateOutput(inputs: [file])
    }

    /// The crisis options from the command line.
    var crisisOptions: CrisisOptions {
        var options = CrisisOptions()
        if let threshold { options.threshold = threshold }
        if let consultationBoost { options.consultationBoost = consultationBoost }
        if let opportunismFactor { options.opportunismFactor = opportunismFactor }
        if let opportunismDelay { options.opportunismDelay = opportunismDelay }
        if let maxSteps { options.maxSteps = maxSteps }
        options.opportunism = opportunism
        options.bothSides = bothSides
        return options
    }

    func run() throws {
        resources.apply()
        try reportingErrors { try execute() }
    }

    private func execute() throws {
        do {
            let (loaded, input) = try ScenarioLoader.loadWithDigest(path: file)
            let scenario = kindSelection.apply(to: loaded)
            let digest = input.fnv1a64
            let given = scenario.activeNetwork(year: year)
            let dropped = try Set(drop.map { try stateID($0, option: "drop", in: given) })
            let network = given.withoutPledges(of: dropped)
            var environment = scenario.parameters
            if let reliability { environment.reliability = reliability }
            if let offenseDefense { environment.offenseDefense = offenseDefense }
            if let transparency { environment.transparency = transparency }
            let engine: CrisisEngine
            do {
                engine = try CrisisEngine(
                    network: network, environment: environment, warPlans: scenario.warPlans,
                    options: crisisOptions)
            } catch {
                throw ValidationError("Invalid option: \(error)")
            }
            let a = try stateID(attacker, option: "attacker", in: network)
            let b = try stateID(target, option: "target", in: network)
            if a == b { throw ValidationError("--attacker and --target must differ.") }
            let effectiveYear = year ?? scenario.year
            let ties = effectiveYear.map { " (ties in force in \($0))" } ?? ""
            let rules =
                "reliability \(NumberFormat.json(environment.reliability)), offense-defense "
                + "\(NumberFormat.json(environment.offenseDefense)) (entry delay \(engine.entryDelay)), "
                + (mode == .deterministic ? "threshold \(NumberFormat.json(engine.options.threshold))" : "seed \(seed)")
                + (opportunism ? ", opportunism on" : "")
                + (dropped.isEmpty ? "" : ", without the pledges of " + drop.joined(separator: "+"))
            let title =
                "\(scenario.name)\(ties): \(network[a].code) attacks \(network[b].code); \(mode.rawValue); \(rules)"

            let runCount = runs ?? 1000
            if mode == .deterministic || runCount == 1 {
                let result = try engine.run(attacker: a, target: b, mode: mode, seed: seed)
                switch output.format {
                case .table: try output.emit(CrisisOutput.table(result, engine: engine, title: title))
                case .csv: try output.emit(CrisisOutput.csv(result, engine: engine))
                case .json:
                    try output.emit(
                        CrisisOutput.json(result, engine: engine, scenarioName: scenario.name, inputDigest: digest))
                }
                return
            }
            let showProgress = !output.quiet && isatty(STDERR_FILENO) != 0
            var progress: (@Sendable (Int, Int) -> Void)?
            if showProgress {
                progress = { (done: Int, total: Int) -> Void in
                    Diagnostics.write("\rcrisis ensemble: \(done)/\(total) runs")
                }
            }
            let started = Date()
            let ensemble = try CrisisEnsemble.run(
                engine: engine, attacker: a, target: b, runs: runCount, seed: seed,
                workers: workers ?? CrisisEnsemble.defaultWorkers, spreadWorkers: spreadWorkers, progress: progress)
            if showProgress {
                let seconds = NumberFormat.fixed(Date().timeIntervalSince(started), digits: 2)
                Diagnostics.write("\rcrisis ensemble: \(runCount) runs in \(seconds) s\n")
            }
            let ensembleTitle = "\(title), \(runCount) runs"
            switch output.format {
            case .table: try output.emit(CrisisOutput.table(ensemble, engine: engine, title: ensembleTitle))
            case .csv: try output.emit(CrisisOutput.csv(ensemble, engine: engine))
            case .json:
                try output.emit(
                    CrisisOutput.json(ensemble, engine: engine, scenarioName: scenario.name, inputDigest: digest))
            }
        }
    }

    func stateID(_ code: String, option: String, in network: AllianceNetwork) throws -> StateID {
        if let id = network.id(forCodeOrNumber: code) { return id }
        let hint = NameSuggestion.hint(for: code, among: network.states.map(\.code))
        throw ValidationError("--\(option): no state \"\(code)\" in \(file)\(hint).")
    }
}

extension Diagnostics {
    /// Writes `text` to standard error as is (no newline added): progress lines.
    static func write(_ text: String) {
        StandardStreams.writeStandardError(text)
    }
}
