/// The peacetime round engine (docs/MODEL.md section 3).
///
/// Each round has two phases. **Phase one**: the round's perception (direct threat with noise,
/// then propagation) is computed once, and every switched-on rule reads that one frozen
/// `RoundSnapshot` and adds proposals to `RoundProposals`; rules are asked in `RuleKind` order
/// (only the triad rule draws random numbers, after the perception noise). **Phase two**:
/// `RoundProposals.apply` merges the proposals in its fixed, documented order, once. The result
/// never depends on the order of states or on the order rules are listed in.
///
/// A run stops after `rounds` rounds, or (with `stopAtEquilibrium`) when `equilibriumRounds`
/// (3) rounds in a row changed nothing: no tie added or removed and no credibility or effort
/// moved by more than 1e-9. (docs/MODEL.md says "change no tie"; counting efforts and credibility too
/// keeps a run from stopping while an arms race or a drift is still moving.)
/// In debug builds every round ends with the network's invariants checked.
public struct Simulation: Sendable {
    public struct Configuration: Hashable, Sendable {
        public var parameters: SimulationParameters
        /// The rules switched on (any order; run in `RuleKind` order).
        public var rules: [RuleKind]
        public var rounds: Int
        public var seed: UInt64
        public var stopAtEquilibrium: Bool
        public var equilibriumRounds: Int
        public var systemMetrics: SystemMetricsLevel
        /// With `full` system metrics, the largest alliance graph (allied pairs at the start)
        /// whose Leiden blocs the records compute (`Simulation.recordsBlocs`).
        public var blocsPairLimit = Simulation.defaultBlocsPairLimit

        public init(
            parameters: SimulationParameters = SimulationParameters(), rules: [RuleKind] = RuleKind.defaults,
            rounds: Int = 50, seed: UInt64 = 0, stopAtEquilibrium: Bool = true, equilibriumRounds: Int = 3,
            systemMetrics: SystemMetricsLevel = .full
        ) {
            self.parameters = parameters
            self.rules = Array(Set(rules)).sorted()
            self.rounds = rounds
            self.seed = seed
            self.stopAtEquilibrium = stopAtEquilibrium
            self.equilibriumRounds = equilibriumRounds
            self.systemMetrics = systemMetrics
        }
    }

    public let configuration: Configuration
    /// The network as it stands now.
    public private(set) var network: AllianceNetwork
    /// Rounds completed.
    public private(set) var round = 0
    /// Round 0 and every completed round; only the latest record when the run was made with
    /// `keepingRecords: false` (see `keepsAllRecords`).
    public private(set) var records: [RoundRecord] = []
    /// The wars of the initiation rule, in the order they were fought (empty without the rule);
    /// only the latest round's wars when the run was made with `keepingRecords: false`.
    public private(set) var wars: [War] = []
    /// Whether `records` and `wars` keep every round (the default) or only the latest one.
    ///
    /// A run that keeps every round holds about `bytesPerStateRound` (64) bytes per state and
    /// round, so its memory grows with `rounds`; a run that keeps only the latest holds one
    /// record (64 bytes per state) whatever the number of rounds, and its caller reads each
    /// round's record as it is made: the result of `step()`, or `run(progress:observe:)`'s
    /// `observe`. Both runs play the same rounds and make the same records.
    public let keepsAllRecords: Bool
    /// Whether the run reached equilibrium (and stopped there).
    public private(set) var reachedEquilibrium = false
    /// Whether the records carry Leiden blocs and modularity: `full` system metrics on a network
    /// whose alliance graph has at most `Configuration.blocsPairLimit` allied pairs at the start.
    /// Above it they are NA in every round (decided once, so the columns of a run never change meaning).
    public let recordsBlocs: Bool
    /// The default largest alliance graph (allied pairs) whose Leiden blocs the records compute
    /// (`Configuration.blocsPairLimit`). igraph's
    /// Leiden with `NetworkMetrics.leidenRestarts` restarts costs about 40 microseconds per pair
    /// on this project's 2-core reference machine (5 s a round at 200,000 pairs, 41 s at 1
    /// million, minutes at 10 million), so the default `full` stays usable on any network; the
    /// metric itself (`metrics --only blocs`) has no limit.
    public static let defaultBlocsPairLimit = 250_000
    private var random: SeededRandom
    private var model: ThreatModel
    private let initialSupport: [Double]
    private var quietRounds = 0

    /// What `full` system metrics leave out on this network, and why (empty when nothing is left
    /// out or the run records `light` metrics): for run.json and a note on standard error.
    public var skippedSystemMetrics: [String] {
        guard configuration.systemMetrics == .full else { return [] }
        var skipped: [String] = []
        if !recordsBlocs {
            skipped.append(
                "blocs and modularity are NA: the alliance graph has more than \(configuration.blocsPairLimit) "
                    + "allied pairs "
                    + "(igraph's Leiden with \(NetworkMetrics.leidenRestarts) restarts would take minutes a round); "
                    + "`alliancectl metrics --only blocs` computes them for one network")
        }
        if network.count > ArmsRaceStability.denseLimit {
            skipped.append(
                "arms_race_stability is NA: more than \(ArmsRaceStability.denseLimit) states "
                    + "(its reaction matrix is dense, N x N)")
        }
        return skipped
    }

    /// Bytes of the records kept per state and round (four doubles, the main threat, the
    /// commitment count, with their arrays' share).
    package static let bytesPerStateRound = 64

    /// Throws when keeping every round's records of `states` states for `rounds` rounds (all are
    /// kept until the run ends, unless the run was made with `keepingRecords: false`) would
    /// exceed `MemoryBudget`.
    package static func checkMemory(states: Int, rounds: Int, bytesPerStateRound: Int = bytesPerStateRound)
        throws(ComputationError)
    {
        try MemoryBudget.check(
            "simulation", count: MemoryBudget.product(states, rounds + 1), elementSize: bytesPerStateRound,
            what: "the records of \(rounds + 1) rounds of \(states) states (\(bytesPerStateRound) bytes each)",
            avoid: "use fewer --rounds")
    }

    /// A run on `network`; records round 0. Throws when a parameter is out of range, when a
    /// system metric fails, or (`keepingRecords`, the default) when the records of every round
    /// would exceed `MemoryBudget` (`checkMemory`). With `keepingRecords: false` only the latest
    /// record and the latest round's wars are kept (`keepsAllRecords`), and no budget applies.
    public init(network: AllianceNetwork, configuration: Configuration, keepingRecords: Bool = true) throws {
        try configuration.parameters.validate()
        if configuration.rounds < 0 { throw InputError(location: "rounds", "the number of rounds must be >= 0") }
        if keepingRecords { try Self.checkMemory(states: network.count, rounds: configuration.rounds) }
        keepsAllRecords = keepingRecords
        self.configuration = configuration
        self.network = network
        random = SeededRandom(seed: configuration.seed)
        recordsBlocs =
            configuration.systemMetrics == .full
            && (network.commitments.count <= configuration.blocsPairLimit
                || AllianceGraphView.edgeCount(of: network) <= configuration.blocsPairLimit)
        model = ThreatModel(network)
        // Round 1's perception reads the ties of this assessment (same network), when it comes.
        model.keepsTiesForNextPerception = configuration.rounds > 0
        let first = model.assess(network, configuration.parameters.environment)
        initialSupport = first.support
        records.append(try record(round: 0, assessment: first, outcome: nil, counters: nil))
    }

    /// A run on `scenario`'s network as in force in `year` (default: the scenario's year) with the
    /// scenario's own security environment (its `parameters`), and the rule parameters, rules,
    /// rounds and seed of `configuration`; `configuration.parameters.environment` is replaced by
    /// the scenario's. `init(network:configuration:keepingRecords:)` takes the environment from
    /// `configuration`, whose default is the model's default, not a scenario's.
    public init(
        scenario: Scenario, year: Int? = nil, configuration: Configuration = Configuration(),
        keepingRecords: Bool = true
    ) throws {
        var configuration = configuration
        configuration.parameters.environment = scenario.parameters
        try self.init(
            network: scenario.activeNetwork(year: year), configuration: configuration, keepingRecords: keepingRecords)
    }

    /// Whether the run is over (all rounds done, or equilibrium reached).
    public var isFinished: Bool { round >= configuration.rounds || reachedEquilibrium }

    /// Plays one round and returns its record.
    @discardableResult
    public mutating func step() throws -> RoundRecord {
        let environment = configuration.parameters.environment
        let parameters = configuration.parameters.rules
        round += 1
        // Phase one: perceive, then every rule reads the same snapshot.
        // Each phase's values end with its scope, so the next phase mutates the only copy of the
        // network's arrays and of the perception buffers instead of copying them (gigabytes at
        // 10 million ties).
        let outcome: RoundProposals.Outcome
        let counters: (bandwagons: Int, triadFlips: Int, iterations: Int)
        do {
            // The network is the one the last assessment (round 0's, or the last record's) read:
            // its ties are reused.
            let perception = model.assess(network, environment, noise: true, random: &random, reusingTies: true)
            // Allocated after the perception, whose peak (the CSR snapshots) it would add to.
            var proposals = RoundProposals(network: network)
            let iterations = perception.iterations
            do {
                let snapshot = RoundSnapshot(
                    round: round, network: network, environment: environment, parameters: parameters,
                    assessment: perception, initialSupport: initialSupport, proximity: model.proximity)
                let on = Set(configuration.rules)
                for rule in configuration.rules {
                    switch rule {
                    case .arming: Arming.propose(snapshot, into: &proposals)
                    case .balancing: Balancing.propose(snapshot, into: &proposals)
                    case .bandwagoning:
                        Bandwagoning.propose(snapshot, balancingOn: on.contains(.balancing), into: &proposals)
                    case .burdenSharing: BurdenSharing.propose(snapshot, into: &proposals)
                    case .chainGang: ChainGang.propose(snapshot, into: &proposals)
                    case .triads: TriadDynamics.propose(snapshot, random: &random, into: &proposals)
                    case .initiation: break  // after the merge, below
                    }
                }
            }
            // Phase two: merge once.
            outcome = proposals.apply(to: &network, parameters: parameters)
            network.applyCapabilityTrends()
            counters = (proposals.bandwagons, proposals.triadFlips, iterations)
        }
        var roundWars: [War] = []
        if configuration.rules.contains(.initiation) {
            roundWars = try Initiation.play(
                &network, environment: environment, threshold: parameters.initiationThreshold, round: round,
                seed: configuration.seed)
            if keepsAllRecords { wars += roundWars } else { wars = roundWars }
        }
        #if DEBUG
            checkInvariants()
        #endif
        let quiet =
            roundWars.isEmpty && !outcome.tiesChanged && outcome.largestCredibilityChange <= 1e-9
            && outcome.largestEffortChange <= 1e-9
        quietRounds = quiet ? quietRounds + 1 : 0
        if configuration.stopAtEquilibrium && quietRounds >= configuration.equilibriumRounds {
            reachedEquilibrium = true
        }
        // The next round's perception reads the ties of this assessment (same network), if one follows.
        model.keepsTiesForNextPerception = !isFinished
        let after = model.assess(network, environment)
        let entry = try record(round: round, assessment: after, outcome: outcome, counters: counters)
        if keepsAllRecords { records.append(entry) } else { records = [entry] }
        return entry
    }

    /// Plays rounds until the run is over. After each round, `observe` is called with the
    /// round's record and the wars fought in the round (empty without the initiation rule), and
    /// may throw to stop the run (the error is rethrown); then `progress(round, rounds)` is
    /// called. Round 0's record, made by `init`, is `records[0]` before the first call. With
    /// `keepingRecords: false` this is how a caller sees every round (to write it out, say)
    /// while the run holds one round's record at a time.
    public mutating func run(
        progress: ((Int, Int) -> Void)? = nil, observe: ((RoundRecord, [War]) throws -> Void)? = nil
    ) throws {
        while !isFinished {
            let before = keepsAllRecords ? wars.count : 0
            let record = try step()
            try observe?(record, Array(wars[before...]))
            progress?(round, configuration.rounds)
        }
    }

    private func record(
        round: Int, assessment: ThreatAssessment, outcome: RoundProposals.Outcome?,
        counters: (bandwagons: Int, triadFlips: Int, iterations: Int)?
    ) throws -> RoundRecord {
        let n = network.count
        var commitmentCount = [Int](repeating: 0, count: n)
        var byKind = [Int](repeating: 0, count: CommitmentKind.allCases.count)
        for commitment in network.commitments {
            commitmentCount[commitment.from.index] += 1
            commitmentCount[commitment.to.index] += 1
            byKind[commitment.kind.ordinal] += 1
        }
        let efforts = network.states.map(\.effort)
        var system = SystemRecord(
            commitmentsByKind: byKind, rivalries: network.rivalries.count, blocs: nil, modularity: nil,
            balance: StructuralBalance(SignedGraphView(network)).index,
            concentration: CapabilityConcentration.value(network),
            meanEffort: efforts.reduce(0, +) / Double(n),
            meanCredibility: SystemIndicators.meanCredibility(network),
            armsRaceStability: nil)
        if configuration.systemMetrics == .full {
            if recordsBlocs {
                let partition = try BlocPartition.leiden(
                    AllianceGraphView(network),
                    seed: SeededRandom.derivedSeed(configuration.seed, stream: UInt64(round) + (1 << 32)),
                    restarts: NetworkMetrics.leidenRestarts)
                system.blocs = partition.count
                system.modularity = partition.modularity
            }
            if n <= ArmsRaceStability.denseLimit {
                // The record follows an assessment of this network: the model's ties are its ties.
                system.armsRaceStability =
                    ArmsRaceStability.compute(
                        network, configuration.parameters.environment, ties: model.keptTies,
                        proximity: model.proximity, solver: model.keptSolver
                    ).margin
            }
        }
        if let outcome, let counters {
            system.commitmentsAdded = outcome.commitmentsAdded
            system.commitmentsRemoved = outcome.commitmentsRemoved
            system.abandoned = outcome.abandoned
            system.bandwagons = counters.bandwagons
            system.triadFlips = counters.triadFlips
            system.propagationIterations = counters.iterations
        }
        return RoundRecord(
            round: round, effort: efforts, power: assessment.power, threat: assessment.totalThreat,
            securityRatio: assessment.securityRatio, mainThreat: assessment.mainThreat,
            commitments: commitmentCount, system: system)
    }

    /// The invariants every round must keep: the network validates
    /// (ids in range, no self-ties, credibility in [0, 1], no duplicate ties), efforts in the
    /// budget, power finite and >= 0 (> 0 where capability is).
    func checkInvariants() {
        do {
            try network.validate()
        } catch {
            assertionFailure("round \(round): invalid network: \(error)")
        }
        for state in network.states {
            assert(
                state.effort > 0 && state.effort <= 1,
                "round \(round): effort \(state.effort) of \(state.code) out of (0, 1]")
            assert(
                state.power.isFinite && state.power >= 0 && (state.capability == 0 || state.power > 0),
                "round \(round): power \(state.power) of \(state.code)")
        }
    }
}
