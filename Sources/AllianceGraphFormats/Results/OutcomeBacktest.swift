@_spi(Internals) import AllianceGraph

/// One COW war scored by `backtest outcomes`: the opening attack, whether the initiators won,
/// and the forecasts of P(the initiators' side prevails).
package struct ScoredOutcome: Sendable {
    package var war: Int
    package var year: Int
    package var attacker: String
    package var target: String
    /// True when the opening came from the derivation rule (the attacker is then an initiator).
    package var derived: Bool
    /// COW: every initiator won (true) or every initiator lost (false).
    package var initiatorsWon: Bool
    /// P(the initiators' side prevails) from the model with the expected coalitions.
    package var model: Double
    /// The same for the opening pair alone (distance and theta, no allies).
    package var alone: Double
    /// The capability ratio of the opening pair, `c_init / (c_init + c_other)` (1/2 when both are 0).
    package var capabilityRatio: Double
    /// Mean belligerents on the initiators' side and on the other, in the model's runs.
    package var statesInitiator: Double
    package var statesOther: Double
}

/// Brier score and accuracy of one method over one period.
package struct OutcomeBacktestTotal: Sendable {
    package var method: String
    package var period: WarBacktestTotal.Period
    package var score: ProbabilityScore
    /// Wars where the forecast was on the right side of 1/2 (1/2 counts as half right).
    package var correct: Double
}

/// The result of `backtest outcomes`.
package struct OutcomeBacktestResult: Sendable {
    package var scored: [ScoredOutcome]
    package var skipped: [SkippedWar]
    /// Share of scored wars before 1946 that the initiators won (the constant baseline).
    package var baseRate: Double
    package var runs: Int
    package var seed: UInt64
    package var totals: [OutcomeBacktestTotal]

    /// The methods in table order.
    package static let methods = ["model", "alone", "capability", "constant"]
}

/// `alliancectl backtest outcomes`: for every COW inter-state war that ended in a win or a loss for
/// its initiators, the expected-outcome model's P(the initiators' side prevails) on the opening
/// attack (the network of the year before, as in `backtest wars`), scored by Brier score against
/// COW's outcome and against baselines: the opening pair alone, the capability ratio of the
/// pair, and a constant rate fitted on the wars before 1946 (docs/VALIDATION.md, "Who wins").
package enum OutcomeBacktest {
    /// Runs the backtest; errors as `WarBacktest.run`.
    package static func run(
        _ options: WarBacktestOptions, model: WarOutcomeModel = WarOutcomeModel(),
        progress: ((Int, Int) -> Void)? = nil
    ) throws(InputError) -> OutcomeBacktestResult {
        try options.crisis.validate()
        try options.environment.validate()
        try model.validate()
        if options.runs < 1 || options.runs > 10_000_000 {
            throw InputError(location: "runs", "\(options.runs) is out of range; expected 1...10000000")
        }
        let wars = try COWWarFile.read(path: options.warFile)
        let openings = try options.openings.map { (p: String) throws(InputError) in try WarOpeningsFile.read(path: p) }
        let sources = ImportSourceCache()
        var scored: [ScoredOutcome] = []
        var skipped: [SkippedWar] = []
        for (k, war) in wars.enumerated() {
            progress?(k, wars.count)
            guard let won = war.initiatorsWon else {
                let codes = war.initiatorOutcomes.sorted().map(String.init).joined(separator: ", ")
                skipped.append(
                    SkippedWar(
                        war: war.number, year: war.firstYear,
                        reason: "initiators' outcome \(codes.isEmpty ? "missing" : codes) is not a win or a loss"))
                continue
            }
            let scenario = try WarBacktest.network(for: war, options: options, sources: sources)
            switch try WarBacktest.choose(war, openings?[war.number], scenario.network, options: options) {
            case .skip(let reason):
                skipped.append(SkippedWar(war: war.number, year: war.firstYear, reason: reason))
            case .play(let a, let b, let derived):
                scored.append(
                    try score(war, won: won, scenario.network, a, b, derived: derived, options: options, model: model))
            }
        }
        progress?(wars.count, wars.count)
        return finish(scored, skipped, options)
    }

    /// The forecasts for one war, turned to the initiators' side.
    static func score(
        _ war: COWWar, won: Bool, _ network: AllianceNetwork, _ a: StateID, _ b: StateID, derived: Bool,
        options: WarBacktestOptions, model: WarOutcomeModel
    ) throws(InputError) -> ScoredOutcome {
        let engine = try CrisisEngine(network: network, environment: options.environment, options: options.crisis)
        let ensemble = try WarOutcomeEnsemble(engine: engine, model: model)
        let outcome = try ensemble.outcome(
            attacker: a, target: b, runs: options.runs,
            seed: SeededRandom.derivedSeed(options.seed, stream: UInt64(war.number)), worker: ensemble.makeWorker())
        let ca = network[a].capability, cb = network[b].capability
        let ratio = ca + cb > 0 ? ca / (ca + cb) : 0.5
        // The initiators' COW side; the attacker is on it unless an --openings line says otherwise.
        let initiatorSide = war.initiators.sorted().first.flatMap { war.sides[$0] }
        let attackerSide =
            network[a].ccode.flatMap { war.sides[$0] } ?? network[b].ccode.flatMap { war.sides[$0] }.map { 3 - $0 }
        let flip = initiatorSide != nil && attackerSide != nil && initiatorSide != attackerSide
        func turn(_ p: Double) -> Double { flip ? 1 - p : p }
        return ScoredOutcome(
            war: war.number, year: war.firstYear, attacker: network[a].code, target: network[b].code, derived: derived,
            initiatorsWon: won, model: turn(outcome.prevail), alone: turn(outcome.prevailAlone),
            capabilityRatio: turn(ratio), statesInitiator: flip ? outcome.statesB : outcome.statesA,
            statesOther: flip ? outcome.statesA : outcome.statesB)
    }

    /// Totals per method and period; the constant rate is fitted before 1946.
    static func finish(_ scored: [ScoredOutcome], _ skipped: [SkippedWar], _ options: WarBacktestOptions)
        -> OutcomeBacktestResult
    {
        let fit = scored.filter { WarBacktestTotal.Period.before1946.contains($0.year) }
        let rate = fit.isEmpty ? 0.5 : Double(fit.filter(\.initiatorsWon).count) / Double(fit.count)
        var totals: [OutcomeBacktestTotal] = []
        for method in OutcomeBacktestResult.methods {
            for period in WarBacktestTotal.Period.allCases {
                var score = ProbabilityScore()
                var correct = 0.0
                for war in scored where period.contains(war.year) {
                    let p: Double
                    switch method {
                    case "model": p = war.model
                    case "alone": p = war.alone
                    case "capability": p = war.capabilityRatio
                    default: p = rate
                    }
                    score.add(p, war.initiatorsWon)
                    correct += p == 0.5 ? 0.5 : (p > 0.5) == war.initiatorsWon ? 1 : 0
                }
                totals.append(OutcomeBacktestTotal(method: method, period: period, score: score, correct: correct))
            }
        }
        return OutcomeBacktestResult(
            scored: scored, skipped: skipped, baseRate: rate, runs: options.runs, seed: options.seed, totals: totals)
    }
}
