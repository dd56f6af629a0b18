import Foundation

/// Runs the crisis ensembles of `WarOutcomeModel` for attacks on one network: for each attack,
/// `runs` stochastic cascades (run r seeded `SeededRandom.derivedSeed(seed, stream: r)`, the
/// seeds `CrisisEnsemble` uses, so the coalitions are those of `crisis --mode stochastic` with
/// the same seed), each turned into the probability that the attacker's side prevails.
///
/// Without opportunism the cascades run 64 at a time in lockstep (`CrisisLockstep`); with it,
/// one at a time (`CrisisEngine.simulate`). Either way an outcome depends only on the engine,
/// the attack, `runs` and `seed`. Cost per attack: the crises (O(steps x obligations) word
/// operations per 64 runs) plus O(N) per 64 runs to sum the sides; one `Worker` per thread, no
/// allocation per attack beyond the optional per-state counts.
@_spi(Internals) public struct WarOutcomeEnsemble: Sendable {
    package let engine: CrisisEngine
    package let model: WarOutcomeModel
    let lockstep: CrisisLockstep?
    let proximity: ProximityTable
    let rivalry: [StatePair: Double]
    let theta: Double

    public init(engine: CrisisEngine, model: WarOutcomeModel = WarOutcomeModel()) throws(InputError) {
        try model.validate()
        self.engine = engine
        self.model = model
        lockstep = engine.options.opportunism ? nil : CrisisLockstep(engine: engine)
        proximity = ProximityTable(engine.network)
        rivalry = WarOutcomeModel.rivalryIntensities(engine.network)
        theta = engine.environment.offenseDefense
    }

    /// The per-thread scratch of the ensembles.
    package final class Worker: @unchecked Sendable {
        let lanes: CrisisLaneScratch?
        var single: CrisisScratch
        var strengthA = [Double](repeating: 0, count: CrisisLockstep.lanes)
        var strengthB = [Double](repeating: 0, count: CrisisLockstep.lanes)
        var capability = [Double](repeating: 0, count: CrisisLockstep.lanes)

        init(_ ensemble: WarOutcomeEnsemble) {
            lanes = ensemble.lockstep?.makeScratch()
            single = ensemble.engine.makeScratch()
        }
    }

    /// A fresh scratch (one per worker thread).
    package func makeWorker() -> Worker { Worker(self) }

    /// Each state's strength at the theatre of an attack on `target` (`WarOutcomeModel`).
    package func strengths(target: StateID) -> [Double] {
        model.strengths(engine.network, proximity: proximity, target: target.index)
    }

    /// The expected outcome of `attacker -> target`; `coalitions` keeps per-state side counts.
    package func outcome(
        attacker: StateID, target: StateID, runs: Int, seed: UInt64, coalitions: Bool = false,
        worker: Worker
    ) throws(InputError) -> WarOutcome {
        try engine.validate(attacker: attacker, target: target)
        if runs < 1 || runs > 100_000_000 {
            throw InputError(location: "runs", "\(runs) is out of range; expected 1...100000000")
        }
        let strength = strengths(target: target)
        return outcome(attacker.index, target.index, runs, seed, strength, coalitions, worker)
    }

    /// Sums of the per-run quantities (the outcome divides them by the runs).
    struct Sums {
        var prevail = 0.0, utility = 0.0, strengthA = 0.0, strengthB = 0.0
        var statesA = 0, statesB = 0
        var size = 0.0
    }

    /// The outcome of `a -> b` with the theatre strengths `strength` (validated arguments).
    func outcome(
        _ a: Int, _ b: Int, _ runs: Int, _ seed: UInt64, _ strength: [Double], _ coalitions: Bool,
        _ worker: Worker
    ) -> WarOutcome {
        let n = engine.stateCount
        var countA = coalitions ? [Int](repeating: 0, count: n) : []
        var countB = coalitions ? [Int](repeating: 0, count: n) : []
        let stake = WarOutcomeModel.stake(engine.network, rivalry: rivalry, a, b)
        var sums = Sums()
        if let lockstep, let lanes = worker.lanes {
            var group = 0
            while group < runs {
                let count = min(CrisisLockstep.lanes, runs - group)
                let valid: UInt64 = count == CrisisLockstep.lanes ? ~0 : (UInt64(1) << UInt64(count)) &- 1
                for l in 0..<count { lanes.seeds[l] = SeededRandom.derivedSeed(seed, stream: UInt64(group + l)) }
                lockstep.simulate(attacker: a, target: b, valid: valid, scratch: lanes)
                addLanes(count, valid, lanes, strength, stake, &sums, &countA, &countB, worker)
                group += count
            }
        } else {
            for r in 0..<runs {
                engine.simulate(
                    attacker: a, target: b, stochastic: true,
                    runSeed: SeededRandom.derivedSeed(seed, stream: UInt64(r)), scratch: &worker.single)
                addRun(worker.single, strength, stake, &sums, &countA, &countB)
            }
        }
        let total = Double(runs)
        let size = sums.size / total
        return WarOutcome(
            attacker: StateID(a), target: StateID(b), runs: runs, seed: seed, prevail: sums.prevail / total,
            prevailAlone: WarOutcomeModel.prevail(strength[a], strength[b], theta: theta),
            strengthA: sums.strengthA / total, strengthB: sums.strengthB / total,
            statesA: Double(sums.statesA) / total, statesB: Double(sums.statesB) / total, warSize: size,
            stake: stake, expectedUtility: sums.utility / total - model.costWeight * size,
            sideACount: countA, sideBCount: countB)
    }

    /// Adds the `count` lockstep runs held in `lanes`.
    private func addLanes(
        _ count: Int, _ valid: UInt64, _ lanes: CrisisLaneScratch, _ strength: [Double], _ stake: Double,
        _ sums: inout Sums, _ countA: inout [Int], _ countB: inout [Int], _ worker: Worker
    ) {
        let n = engine.stateCount, keep = !countA.isEmpty
        let capability = engine.capability
        for l in 0..<count { worker.strengthA[l] = 0; worker.strengthB[l] = 0; worker.capability[l] = 0 }
        for i in 0..<n {
            let inA = lanes.bellA[i] & valid, inB = lanes.bellB[i] & valid
            if inA | inB == 0 { continue }
            sums.statesA += inA.nonzeroBitCount
            sums.statesB += inB.nonzeroBitCount
            if keep { countA[i] += inA.nonzeroBitCount; countB[i] += inB.nonzeroBitCount }
            let s = strength[i], c = capability[i]
            var m = inA
            while m != 0 {
                let l = m.trailingZeroBitCount
                m &= m &- 1
                worker.strengthA[l] += s; worker.capability[l] += c
            }
            m = inB
            while m != 0 {
                let l = m.trailingZeroBitCount
                m &= m &- 1
                worker.strengthB[l] += s; worker.capability[l] += c
            }
        }
        for l in 0..<count {
            addTotals(worker.strengthA[l], worker.strengthB[l], worker.capability[l], stake, &sums)
        }
    }

    /// Adds one unbatched run held in `scratch`.
    private func addRun(
        _ scratch: borrowing CrisisScratch, _ strength: [Double], _ stake: Double, _ sums: inout Sums,
        _ countA: inout [Int], _ countB: inout [Int]
    ) {
        var sA = 0.0, sB = 0.0, c = 0.0
        for i in 0..<engine.stateCount where scratch.side[i] != 0 {
            c += engine.capability[i]
            if scratch.side[i] == 1 {
                sA += strength[i]; sums.statesA += 1
                if !countA.isEmpty { countA[i] += 1 }
            } else {
                sB += strength[i]; sums.statesB += 1
                if !countB.isEmpty { countB[i] += 1 }
            }
        }
        addTotals(sA, sB, c, stake, &sums)
    }

    @inline(__always)
    private func addTotals(_ sA: Double, _ sB: Double, _ capability: Double, _ stake: Double, _ sums: inout Sums) {
        let p = WarOutcomeModel.prevail(sA, sB, theta: theta)
        sums.prevail += p
        sums.utility += stake * (2 * p - 1)
        sums.strengthA += sA
        sums.strengthB += sB
        let total = engine.totalCapability
        sums.size += total > 0 ? capability / total : 0
    }
}
