@_spi(Internals) import AllianceGraph

extension WarBacktest {
    /// Runs every method on one war and scores it against COW's participants.
    static func score(
        _ war: COWWar, _ network: AllianceNetwork, _ a: StateID, _ b: StateID, derived: Bool,
        options: WarBacktestOptions
    ) throws(InputError) -> ScoredWar {
        let n = network.count
        let codeOf = { (c: Int) -> String in
            network.states.first { $0.ccode == c }?.code ?? CountryCodes.cowCode(c) ?? "C\(c)"
        }
        // COW side of the attacker (or, if it did not fight, the other side of the target's).
        let attackerSide =
            network[a].ccode.flatMap { war.sides[$0] }
            ?? (network[b].ccode.flatMap { war.sides[$0] }.map { 3 - $0 } ?? 1)
        var actual: [String: CrisisSide] = [:]
        var inNetwork = Set<Int>()
        for state in network.states { if let c = state.ccode { inNetwork.insert(c) } }
        let pair = Set([network[a].ccode, network[b].ccode].compactMap { $0 })
        for (c, side) in war.sides where !pair.contains(c) {
            actual[codeOf(c)] = side == attackerSide ? .a : .b
        }
        let missing = war.sides.keys.filter { !inNetwork.contains($0) && !pair.contains($0) }.count

        var predicted: [WarBacktestMethod: [String: CrisisSide]] = [:]
        var forecast: [WarBacktestMethod: [Double]] = [:]
        let engine = try CrisisEngine(
            network: network, environment: options.environment, options: options.crisis)
        let cascade = try engine.run(attacker: a, target: b)
        predicted[.model] = sides(cascade.sides, a, b, network)
        let ensemble: CrisisEnsembleResult
        do {
            ensemble = try CrisisEnsemble.run(
                engine: engine, attacker: a, target: b, runs: options.runs,
                seed: SeededRandom.derivedSeed(options.seed, stream: UInt64(war.number)), workers: options.workers)
        } catch let error as InputError {
            throw error
        } catch {
            throw InputError(location: "runs", "\(error)")
        }
        var ensembleSides = [CrisisSide?](repeating: nil, count: n)
        for i in 0..<n where ensemble.entryProbability(StateID(i)) >= 0.5 {
            let id = StateID(i)
            ensembleSides[i] = ensemble.probability(id, side: .a) > ensemble.probability(id, side: .b) ? .a : .b
        }
        predicted[.ensemble] = sides(ensembleSides, a, b, network)
        forecast[.ensemble] = (0..<n).map { ensemble.entryProbability(StateID($0)) }
        predicted[.none] = [:]
        predicted[.allies] = sides(allies(network, a, b), a, b, network)
        predicted[.contiguity] = sides(neighbours(network, a, b), a, b, network)

        var result = ScoredWar(
            war: war.number, year: war.firstYear, attacker: network[a].code, target: network[b].code,
            derived: derived, actual: actual, predicted: predicted, scores: [:], probabilities: [:],
            candidates: n - 2 + missing, joiners: actual.count)
        for method in WarBacktestMethod.predicting {
            let guess = predicted[method] ?? [:]
            result.scores[method] = JoinerScore(predicted: guess, actual: actual)
            var probability = ProbabilityScore()
            for i in 0..<n where i != a.index && i != b.index {
                let p = forecast[method]?[i] ?? (guess[network.states[i].code] != nil ? 1 : 0)
                probability.add(p, actual[network.states[i].code] != nil)
            }
            for _ in 0..<missing { probability.add(0, true) }
            result.probabilities[method] = probability
        }
        return result
    }

    /// Joiners (all but the opening pair) by COW letter code.
    static func sides(_ sides: [CrisisSide?], _ a: StateID, _ b: StateID, _ network: AllianceNetwork)
        -> [String: CrisisSide]
    {
        var result: [String: CrisisSide] = [:]
        for (i, side) in sides.enumerated() where i != a.index && i != b.index {
            if let side { result[network.states[i].code] = side }
        }
        return result
    }

    /// The allies baseline: defence partners of the target on its side, then the other defence
    /// partners of the attacker on the attacker's side.
    static func allies(_ network: AllianceNetwork, _ a: StateID, _ b: StateID) -> [CrisisSide?] {
        var sides = [CrisisSide?](repeating: nil, count: network.count)
        for o in network.obligations where o.kind == .defense && o.credibility > 0 && o.partner == b {
            sides[o.committed.index] = .b
        }
        for o in network.obligations where o.kind == .defense && o.credibility > 0 && o.partner == a {
            if sides[o.committed.index] == nil { sides[o.committed.index] = .a }
        }
        return sides
    }

    /// The contiguity baseline: land neighbours (COW type 1) of the target join it.
    static func neighbours(_ network: AllianceNetwork, _ a: StateID, _ b: StateID) -> [CrisisSide?] {
        var sides = [CrisisSide?](repeating: nil, count: network.count)
        for c in network.contiguity {
            guard case .cowType(1) = c.kind, c.pair.low == b || c.pair.high == b else { continue }
            let other = c.pair.low == b ? c.pair.high : c.pair.low
            if other != a { sides[other.index] = .b }
        }
        return sides
    }

    /// Totals per method and period, and the constant baseline fitted before 1946.
    static func finish(scored: [ScoredWar], skipped: [SkippedWar], options: WarBacktestOptions) -> WarBacktestResult {
        let fit = scored.filter { WarBacktestTotal.Period.before1946.contains($0.year) }
        let candidates = fit.reduce(0) { $0 + $1.candidates }, joiners = fit.reduce(0) { $0 + $1.joiners }
        let rate = candidates > 0 ? Double(joiners) / Double(candidates) : 0
        var totals: [WarBacktestTotal] = []
        for method in WarBacktestMethod.allCases {
            for period in WarBacktestTotal.Period.allCases {
                let wars = scored.filter { period.contains($0.year) }
                var score = JoinerScore()
                var probability = ProbabilityScore()
                for war in wars {
                    if method == .constant {
                        for _ in 0..<war.joiners { probability.add(rate, true) }
                        for _ in 0..<(war.candidates - war.joiners) { probability.add(rate, false) }
                        continue
                    }
                    score = score + (war.scores[method] ?? JoinerScore())
                    if let p = war.probabilities[method] { probability.merge(p) }
                }
                totals.append(
                    WarBacktestTotal(
                        method: method, period: period, wars: wars.count, score: score, probability: probability))
            }
        }
        return WarBacktestResult(
            scored: scored, skipped: skipped, constantRate: rate, runs: options.runs, seed: options.seed,
            totals: totals)
    }
}
