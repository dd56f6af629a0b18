/// What `alliancectl deterrence` computes: the deterrence map of a network (`DeterrenceMap`),
/// optionally the same map with some states' pledges dropped (`withoutPledges(of:)`), and, for
/// a single attack, its expected coalitions (docs/CRISIS.md, "Expected war outcome and
/// deterrence").
package struct DeterrenceAnalysis: Sendable {
    /// The engine of the network as given.
    package var engine: CrisisEngine
    package var model: WarOutcomeModel
    package var map: DeterrenceMap
    /// The states whose pledges were dropped, and the map without them (nil when none).
    package var dropped: [StateID]
    package var withoutDropped: DeterrenceMap?
    /// For a single attack: its outcome with per-state side counts (and without the dropped pledges).
    package var detail: WarOutcome?
    package var detailWithoutDropped: WarOutcome?

    /// Runs the analysis of `pairs` on `engine`'s network, and again without the pledges of `drop`.
    package static func compute(
        engine: CrisisEngine, model: WarOutcomeModel = WarOutcomeModel(), pairs: [(StateID, StateID)],
        drop: [StateID] = [], runs: Int, seed: UInt64, workers: Int = CrisisEnsemble.defaultWorkers,
        progress: (@Sendable (Int, Int) -> Void)? = nil
    ) throws(InputError) -> DeterrenceAnalysis {
        if pairs.isEmpty { throw InputError(location: "pairs", "no attack to evaluate (attacker and target equal)") }
        let ensemble = try WarOutcomeEnsemble(engine: engine, model: model)
        let total = pairs.count * (drop.isEmpty ? 1 : 2)
        let map = try DeterrenceMap.compute(
            ensemble, pairs: pairs, runs: runs, seed: seed, workers: workers,
            progress: shifted(progress, by: 0, total: total))
        var result = DeterrenceAnalysis(
            engine: engine, model: model, map: map, dropped: drop, withoutDropped: nil, detail: nil,
            detailWithoutDropped: nil)
        var reduced: WarOutcomeEnsemble?
        if !drop.isEmpty {
            let network = engine.network.withoutPledges(of: Set(drop))
            let engineWithout = try CrisisEngine(
                network: network, environment: engine.environment, warPlans: engine.warPlans, options: engine.options)
            let ensembleWithout = try WarOutcomeEnsemble(engine: engineWithout, model: model)
            reduced = ensembleWithout
            result.withoutDropped = try DeterrenceMap.compute(
                ensembleWithout, pairs: pairs, runs: runs, seed: seed, workers: workers,
                progress: shifted(progress, by: pairs.count, total: total))
        }
        if pairs.count == 1 {
            let (a, b) = pairs[0]
            let pairSeed = DeterrenceMap.pairSeed(seed, a, b, count: engine.stateCount)
            result.detail = try ensemble.outcome(
                attacker: a, target: b, runs: runs, seed: pairSeed, coalitions: true, worker: ensemble.makeWorker())
            if let reduced {
                result.detailWithoutDropped = try reduced.outcome(
                    attacker: a, target: b, runs: runs, seed: pairSeed, coalitions: true, worker: reduced.makeWorker())
            }
        }
        return result
    }

    /// `progress` reporting `offset + done` of `total`.
    private static func shifted(
        _ progress: (@Sendable (Int, Int) -> Void)?, by offset: Int, total: Int
    ) -> (@Sendable (Int, Int) -> Void)? {
        guard let progress else { return nil }
        return { done, _ in progress(offset + done, total) }
    }
}
