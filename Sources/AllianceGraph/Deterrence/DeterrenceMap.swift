import Dispatch
import Synchronization

/// The general-deterrence map of a network: the expected outcome (`WarOutcome`) of every attack
/// in a list of ordered pairs, and each target's exposure (docs/CRISIS.md, "Expected war outcome
/// and deterrence").
///
/// Attack `a -> b` runs `runs` crises from the pair seed `SeededRandom.derivedSeed(seed, stream:
/// a * N + b)`, so an outcome does not depend on which other pairs are computed, on the worker
/// count or on the order; a network whose pledges were dropped (`withoutPledges(of:)`) keeps its
/// state ids and so sees the same draws (common random numbers for before/after comparisons).
///
/// Exposure of a target b: the largest P(attacker's side prevails) over the attackers with a
/// motive against b (stake > 0: intent or rivalry), NaN when none has one; the worst case is the
/// largest over all attackers computed. Cost: pairs x runs crises, spread over `workers` threads
/// one pair at a time.
@_spi(Internals) public struct DeterrenceMap: Sendable {
    package var outcomes: [WarOutcome]
    public var runs: Int
    package var seed: UInt64

    /// One target's exposure.
    package struct Exposure: Hashable, Sendable {
        package var target: StateID
        /// Largest P(prevail) of a motivated attacker (NaN when no attacker has a motive).
        package var exposure: Double
        package var attacker: StateID?
        /// Largest P(prevail) of any attacker computed, and that attacker.
        package var worstCase: Double
        package var worstAttacker: StateID
    }

    /// The seed of the ensemble of `attacker -> target` in a network of `count` states.
    package static func pairSeed(_ seed: UInt64, _ attacker: StateID, _ target: StateID, count: Int) -> UInt64 {
        SeededRandom.derivedSeed(seed, stream: UInt64(attacker.index) &* UInt64(count) &+ UInt64(target.index))
    }

    /// Every ordered pair of `attackers` x `targets` with two different states, attacker-major.
    public static func pairs(attackers: [StateID], targets: [StateID]) -> [(StateID, StateID)] {
        var result: [(StateID, StateID)] = []
        for a in attackers { for b in targets where a != b { result.append((a, b)) } }
        return result
    }

    /// Computes the outcomes of `pairs` (in that order). `progress` is called from worker threads
    /// with (pairs done, pairs in all).
    public static func compute(
        _ ensemble: WarOutcomeEnsemble, pairs: [(StateID, StateID)], runs: Int, seed: UInt64,
        workers: Int = CrisisEnsemble.defaultWorkers, progress: (@Sendable (Int, Int) -> Void)? = nil
    ) throws(InputError) -> DeterrenceMap {
        if runs < 1 || runs > 100_000_000 {
            throw InputError(location: "runs", "\(runs) is out of range; expected 1...100000000")
        }
        for (a, b) in pairs { try ensemble.engine.validate(attacker: a, target: b) }
        let n = ensemble.engine.stateCount
        let workerCount = max(1, min(workers, pairs.count))
        let next = Atomic<Int>(0), done = Atomic<Int>(0)
        let results = Mutex<[(Int, WarOutcome)]>([])
        DispatchQueue.concurrentPerform(iterations: workerCount) { _ in
            let worker = ensemble.makeWorker()
            var mine: [(Int, WarOutcome)] = []
            while true {
                let k = next.wrappingAdd(1, ordering: .relaxed).oldValue
                if k >= pairs.count { break }
                let (a, b) = pairs[k]
                let strength = ensemble.strengths(target: b)
                let outcome = ensemble.outcome(
                    a.index, b.index, runs, pairSeed(seed, a, b, count: n), strength, false, worker)
                mine.append((k, outcome))
                let finished = done.wrappingAdd(1, ordering: .relaxed).newValue
                progress?(finished, pairs.count)
            }
            results.withLock { $0 += mine }
        }
        let outcomes = results.withLock { all in all.sorted { $0.0 < $1.0 }.map(\.1) }
        return DeterrenceMap(outcomes: outcomes, runs: runs, seed: seed)
    }

    /// Each target's exposure, most exposed first: by exposure (NaN last), then worst case, then id.
    package var exposures: [Exposure] {
        var byTarget: [Int: Exposure] = [:]
        for o in outcomes {
            var e =
                byTarget[o.target.index]
                ?? Exposure(target: o.target, exposure: .nan, attacker: nil, worstCase: -1, worstAttacker: o.attacker)
            if o.motivated && (e.exposure.isNaN || o.prevail > e.exposure) {
                e.exposure = o.prevail
                e.attacker = o.attacker
            }
            if o.prevail > e.worstCase {
                e.worstCase = o.prevail
                e.worstAttacker = o.attacker
            }
            byTarget[o.target.index] = e
        }
        return byTarget.values.sorted(by: Self.moreExposed)
    }

    static func moreExposed(_ x: Exposure, _ y: Exposure) -> Bool {
        let ex = x.exposure.isNaN ? -1 : x.exposure, ey = y.exposure.isNaN ? -1 : y.exposure
        if ex != ey { return ex > ey }
        if x.worstCase != y.worstCase { return x.worstCase > y.worstCase }
        return x.target < y.target
    }

    /// The outcome of `attacker -> target`, if computed.
    package func outcome(_ attacker: StateID, _ target: StateID) -> WarOutcome? {
        outcomes.first { $0.attacker == attacker && $0.target == target }
    }
}
