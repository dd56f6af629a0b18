import CThreadPlacement
import Dispatch
import Synchronization

/// Many seeded stochastic runs of one crisis, in parallel on all cores (docs/MODEL.md section 4).
///
/// Run r uses the seed `SeededRandom.derivedSeed(seed, stream: r)`. Runs are split into fixed
/// chunks of `chunkSize`; workers take chunks in turn, each with its own scratch. Per-state counts
/// are integers summed into one partial per worker and the partials are added in worker order;
/// integer sums are exact, so the totals do not depend on which worker ran which chunk. The war
/// sizes of each run go into the worker's `EnsembleTally` (histograms and counts by value), merged
/// the same way, so nothing is kept per run and memory does not grow with the number of runs. The
/// result is therefore identical for any number of workers, and identical for both kernels
/// (`Kernel`): the lockstep kernel gives each run its own seed and draws.
public enum CrisisEnsemble {
    /// Runs per chunk (fixed, so that chunking never depends on the worker count).
    public static let chunkSize = 1024

    /// Throws when the tallies of `workers` workers exceed `MemoryBudget`. The tallies do not
    /// grow with the number of runs: per-run results are aggregated as the runs finish
    /// (`EnsembleTally`).
    package static func checkMemory(workers: Int, stateCount: Int, maxSteps: Int) throws(ComputationError) {
        let each = EnsembleTally.maximumBytes(stateCount: stateCount, maxSteps: maxSteps)
        try MemoryBudget.check(
            "crisis ensemble", count: workers, elementSize: each,
            what: "the war-size tallies of \(workers) worker\(workers == 1 ? "" : "s") "
                + "(\(MemoryBudget.describe(each)) each, whatever the number of runs)",
            avoid: "use fewer --workers")
    }

    /// The default worker count: the active processor count.
    public static var defaultWorkers: Int { max(1, ProcessorCount.active) }

    /// The processor count the start gate waits for, read once per process: Foundation's
    /// `activeProcessorCount` reads cgroup files on Linux (21 mallocs a call).
    private static let gateCores = defaultWorkers

    /// How the runs of a chunk are simulated. Both give the same `CrisisEnsembleResult`.
    public enum Kernel: String, Hashable, Sendable, CaseIterable {
        /// 64 runs at a time in lockstep, one per bit of a lane mask (`CrisisLockstep`); the
        /// default. Without opportunism only: with `CrisisOptions.opportunism` on, the runs are
        /// unbatched whatever the kernel asked for.
        case lockstep
        /// One run at a time through `CrisisEngine.simulate` (the reference path).
        case unbatched
    }

    /// The kernel that will actually run for `engine` when `kernel` is asked for.
    public static func effectiveKernel(_ kernel: Kernel, for engine: CrisisEngine) -> Kernel {
        engine.options.opportunism ? .unbatched : kernel
    }

    /// Runs `runs` stochastic crises `attacker -> target`. `progress`, when given, is called
    /// from worker threads after each chunk with (runs done, runs in all).
    ///
    /// `spreadWorkers` (off by default) turns on the start gate (`StartGate`): the first workers
    /// wait for each other for at most 2 ms and a worker that shares a CPU with another moves off
    /// it by narrowing its own affinity mask for an instant (Linux only). It changes only when and
    /// where workers start, never the result; it helps the first short ensembles of a process
    /// reach two cores' speed (Benchmarks/README.md, "Start gate"). A library should not touch
    /// its callers' thread affinity unasked, so it is an explicit choice.
    /// As `run(engine:attacker:target:runs:seed:...)` with `StateID`s, the two states named by
    /// code or COW number (`CrisisEngine.stateID(named:)`), on all cores with the lockstep kernel.
    public static func run(
        engine: CrisisEngine, attacker: String, target: String, runs: Int, seed: UInt64
    ) throws -> CrisisEnsembleResult {
        try run(
            engine: engine, attacker: try engine.stateID(named: attacker, field: "attacker"),
            target: try engine.stateID(named: target, field: "target"), runs: runs, seed: seed)
    }

    public static func run(
        engine: CrisisEngine, attacker: StateID, target: StateID, runs: Int, seed: UInt64,
        workers: Int = CrisisEnsemble.defaultWorkers, kernel: Kernel = .lockstep, spreadWorkers: Bool = false,
        progress: (@Sendable (Int, Int) -> Void)? = nil
    ) throws -> CrisisEnsembleResult {
        try engine.validate(attacker: attacker, target: target)
        if runs < 1 || runs > 1_000_000_000 {
            throw InputError(location: "runs", "\(runs) is out of range; expected 1...1000000000")
        }
        let n = engine.stateCount
        let chunkCount = (runs + chunkSize - 1) / chunkSize
        let workerCount = max(1, min(workers, chunkCount))
        let maxSteps = engine.options.maxSteps
        try checkMemory(workers: workerCount, stateCount: n, maxSteps: maxSteps)
        let partials = EnsemblePartials(workers: workerCount, stateCount: n)
        let nextChunk = Atomic<Int>(0)
        let done = Atomic<Int>(0)
        let a = attacker.index, b = target.index
        let gated = spreadWorkers && workerCount > 1
        let gate = StartGate(workers: gated ? min(workerCount, gateCores) : 1, workerCount: workerCount)
        let started = Atomic<Int>(0)
        let effective = effectiveKernel(kernel, for: engine)
        let lockstep = effective == .lockstep ? CrisisLockstep(engine: engine) : nil
        let tallies = TallySlots(workers: workerCount)
        do {
            switch effective {
            case .unbatched:
                DispatchQueue.concurrentPerform(iterations: workerCount) { w in
                    let counts = partials.start(worker: w)
                    var tally = EnsembleTally(stateCount: n, maxSteps: maxSteps)
                    var scratch = engine.makeScratch()
                    gate.arrive(worker: w, started)
                    while true {
                        let chunk = nextChunk.wrappingAdd(1, ordering: .relaxed).oldValue
                        if chunk >= chunkCount { break }
                        let first = chunk * chunkSize, last = min(runs, first + chunkSize)
                        for r in first..<last {
                            engine.simulate(
                                attacker: a, target: b, stochastic: true,
                                runSeed: SeededRandom.derivedSeed(seed, stream: UInt64(r)), scratch: &scratch)
                            EnsembleRecorder.record(counts: counts, tally: &tally, scratch: scratch, engine: engine)
                        }
                        let finished = done.wrappingAdd(last - first, ordering: .relaxed).newValue
                        progress?(finished, runs)
                    }
                    tallies.store(tally, worker: w)
                }
            case .lockstep:
                let lockstep = lockstep!
                let lanes = CrisisLockstep.lanes
                DispatchQueue.concurrentPerform(iterations: workerCount) { w in
                    let counts = partials.start(worker: w)
                    var tally = EnsembleTally(stateCount: n, maxSteps: maxSteps)
                    let scratch = lockstep.makeScratch()
                    gate.arrive(worker: w, started)
                    while true {
                        let chunk = nextChunk.wrappingAdd(1, ordering: .relaxed).oldValue
                        if chunk >= chunkCount { break }
                        let first = chunk * chunkSize, last = min(runs, first + chunkSize)
                        var group = first
                        while group < last {
                            let count = min(lanes, last - group)
                            let valid: UInt64 = count == lanes ? ~0 : (UInt64(1) << UInt64(count)) &- 1
                            for l in 0..<count {
                                scratch.seeds[l] = SeededRandom.derivedSeed(seed, stream: UInt64(group + l))
                            }
                            lockstep.simulate(attacker: a, target: b, valid: valid, scratch: scratch)
                            EnsembleRecorder.record(
                                count: count, counts: counts, tally: &tally, scratch: scratch, lockstep: lockstep)
                            group += count
                        }
                        let finished = done.wrappingAdd(last - first, ordering: .relaxed).newValue
                        progress?(finished, runs)
                    }
                    tallies.store(tally, worker: w)
                }
            }
        }
        let (enter, sideA, stepSum, limited) = partials.merge()
        let sizes = tallies.merge(stateCount: n, maxSteps: maxSteps)
        return CrisisEnsembleResult(
            attacker: attacker, target: target, runs: runs, seed: seed,
            enterCount: enter, sideACount: sideA, sideBCount: zip(enter, sideA).map { $0 - $1 },
            entryStepSum: stepSum, warSizeValues: sizes.summaries, belligerentsHistogram: sizes.histogram,
            capabilitySharesBinned: sizes.binned, runsStoppedAtStepLimit: limited)
    }
}

/// Holds the first workers of an ensemble (as many as there are cores) until all of them have
/// started, for at most `timeout`, and spreads them over distinct CPUs; a worker arriving after
/// the gate has opened passes at once.
///
/// Why: Linux often places a new thread on its parent's CPU even when another CPU is idle
/// (`perf sched`: `sched_wakeup_new` with the parent's CPU as target), and the two then share
/// that CPU until the load balancer moves one, several milliseconds later. The first ensemble of
/// a process creates dispatch's worker thread, so its second worker started 0.2 - 3.7 ms after
/// the first (half of 12 runs over 2 ms) and the two shared a core for longer still: 400,000
/// runs of 1914 took 22 ms on two workers when they started apart and up to 28 ms when not. A
/// plain C test (two threads, 20 ms of work each, on idle cores) showed the same: 27.5 - 40.6 ms
/// instead of 27. Sleeping at the gate is not enough (the woken thread is often placed on the
/// waker's CPU). So each worker notes its CPU on arrival; the first ones sleep, which lets a
/// queued new thread run; the last to arrive, if it shares a CPU with another, moves itself off
/// the others' CPUs (`ag_move_off_cpus`: its affinity mask is narrowed, which migrates it at once,
/// then restored, so no thread stays pinned) and wakes the others. A woken worker can still be
/// placed on its waker's CPU (for instance while dispatch's own new threads briefly hold its
/// previous one): it checks again and, if so, moves off the others' CPUs in the same way. A
/// waiter that times out just starts; a worker count above the core count
/// leaves the extra workers ungated. The gate only affects when and where workers start; which
/// worker runs which chunk never affects the result.
private struct StartGate: ~Copyable, @unchecked Sendable {
    /// Workers the gate waits for.
    let workers: Int
    /// Nil for fewer than two workers (nothing to wait for).
    let semaphore: DispatchSemaphore?
    /// Per worker index (`0 ..< slotCount`): its CPU on arrival, -1 if unknown, -2 until then.
    let slots: UnsafeMutablePointer<Atomic<Int>>?
    let slotCount: Int
    /// Scratch lists of the other workers' CPUs, one part of `slotCount` per gate worker.
    let others: UnsafeMutablePointer<Int32>?
    /// Bound on the wait, so that a dispatch pool busy with other work cannot hold an ensemble up
    /// for long (a new thread normally starts within 0.1 - 0.3 ms here).
    static let timeout = DispatchTimeInterval.milliseconds(2)

    /// A gate for the first `workers` of `workerCount` workers.
    init(workers: Int, workerCount: Int) {
        self.workers = workers
        slotCount = workerCount
        if workers > 1 {
            semaphore = DispatchSemaphore(value: 0)
            let slots = UnsafeMutablePointer<Atomic<Int>>.allocate(capacity: workerCount)
            for w in 0..<workerCount { (slots + w).initialize(to: Atomic(-2)) }
            self.slots = slots
            others = .allocate(capacity: workers * workerCount)
        } else {
            semaphore = nil; slots = nil; others = nil
        }
    }

    /// Called once by worker `w` before its first chunk; `arrived` counts the calls (from 0).
    func arrive(worker w: Int, _ arrived: borrowing Atomic<Int>) {
        guard let semaphore, let slots else { return }
        slots[w].store(Int(ag_current_cpu()), ordering: .relaxed)
        // Release: the CPU stored above is visible to the worker whose increment comes later.
        let k = arrived.wrappingAdd(1, ordering: .acquiringAndReleasing).newValue
        if k > workers { return }
        if k < workers {
            _ = semaphore.wait(timeout: .now() + Self.timeout)
            // Woken, this worker may have been placed on the CPU of the one that woke it (for
            // instance when dispatch's own new threads briefly hold its previous CPU).
            spread(worker: w, part: k - 1)
            return
        }
        // The last of the gate's workers: the CPUs of the earlier ones are visible (acquire).
        spread(worker: w, part: k - 1)
        for _ in 1..<workers { semaphore.signal() }
    }

    /// If another worker's last known CPU is this thread's, moves it off every CPU the others
    /// are known to use, and publishes its new CPU. `others` is written only here, by the last
    /// arriver before it wakes the waiters, and by woken waiters; to keep them apart each caller
    /// uses its own part of `others`, by arrival order `part` (`part * slotCount ..< (part + 1) * slotCount`).
    private func spread(worker w: Int, part: Int) {
        guard let slots, let others else { return }
        let cpu = Int(ag_current_cpu())
        guard cpu >= 0 else { return }
        let mine = others + part * slotCount
        var count = 0, shared = false
        for v in 0..<slotCount where v != w {
            let c = slots[v].load(ordering: .acquiring)
            if c < 0 { continue }
            mine[count] = Int32(c)
            count += 1
            shared = shared || c == cpu
        }
        if shared && ag_move_off_cpus(mine, Int32(count)) == 1 {
            slots[w].store(Int(ag_current_cpu()), ordering: .releasing)
        }
    }

    deinit {
        guard let slots, let others else { return }
        slots.deinitialize(count: slotCount)
        slots.deallocate()
        others.deallocate()
    }
}

/// One partial sum of the per-state counts per worker, in one allocation; each worker's slice
/// starts on its own 64-byte line so that two workers never write the same cache line. A slice
/// holds enter counts, side-A counts, entry-step sums (n each), then the number of runs stopped
/// at the step limit. Each worker zeroes its own slice (`start`) before its first run.
private struct EnsemblePartials: ~Copyable, @unchecked Sendable {
    let stateCount: Int
    let workers: Int
    /// Ints per slice: 3n + 1 rounded up to whole cache lines.
    let stride: Int
    /// The slices, one after the other; each worker initialises its own.
    private let storage: RawBuffer<Int>
    private var base: UnsafeMutablePointer<Int> { storage.base }

    init(workers: Int, stateCount n: Int) {
        self.workers = workers
        stateCount = n
        stride = (3 * n + 1 + 7) / 8 * 8
        storage = RawBuffer(uninitializedCount: workers * stride)
    }

    /// Zeroes and returns worker `w`'s slice (called once, by that worker).
    func start(worker w: Int) -> UnsafeMutablePointer<Int> {
        let slice = base + w * stride
        slice.initialize(repeating: 0, count: stride)
        return slice
    }

    /// The totals, adding the slices in worker order (integer sums: exact in any order).
    func merge() -> (enter: [Int], sideA: [Int], stepSum: [Int], limited: Int) {
        let n = stateCount
        var enter = [Int](repeating: 0, count: n), sideA = [Int](repeating: 0, count: n)
        var stepSum = [Int](repeating: 0, count: n)
        var limited = 0
        for w in 0..<workers {
            let slice = base + w * stride
            for i in 0..<n {
                enter[i] += slice[i]
                sideA[i] += slice[n + i]
                stepSum[i] += slice[2 * n + i]
            }
            limited += slice[3 * n]
        }
        return (enter, sideA, stepSum, limited)
    }
}

/// One tally per worker (`EnsembleTally`), each stored by its worker when it has run its last
/// chunk (every worker of `concurrentPerform` runs once, so every slot is filled), then merged
/// and freed on the calling thread.
private struct TallySlots: ~Copyable, @unchecked Sendable {
    let workers: Int
    private let slots: UnsafeMutablePointer<EnsembleTally>

    init(workers: Int) {
        self.workers = workers
        slots = .allocate(capacity: workers)
    }

    /// Stores worker `w`'s finished tally (once, by that worker).
    func store(_ tally: EnsembleTally, worker w: Int) { (slots + w).initialize(to: tally) }

    /// The merged tallies (`EnsembleTally.merge`), after which the tallies are freed.
    func merge(stateCount n: Int, maxSteps: Int) -> EnsembleTally.Merged {
        let all = Array(UnsafeBufferPointer(start: slots, count: workers))
        return EnsembleTally.merge(all, stateCount: n, maxSteps: maxSteps)
    }

    deinit {
        for w in 0..<workers { slots[w].release() }
        slots.deinitialize(count: workers)
        slots.deallocate()
    }
}

/// Records each finished run into its worker's per-state counts and tally (`EnsembleTally`);
/// nothing is kept per run.
private enum EnsembleRecorder {
    /// Records the unbatched run held in `scratch`; its counts go to the worker's `counts`.
    @inline(__always)
    static func record(
        counts: UnsafeMutablePointer<Int>, tally: inout EnsembleTally, scratch: borrowing CrisisScratch,
        engine: CrisisEngine
    ) {
        let n = engine.stateCount
        var countA: Int32 = 0, countB: Int32 = 0, capA = 0.0, capB = 0.0
        for i in 0..<n {
            let s = scratch.side[i]
            if s == 0 { continue }
            counts[i] += 1
            counts[n + i] += s == 1 ? 1 : 0
            counts[2 * n + i] += Int(scratch.entryStep[i])
            if s == 1 { countA += 1; capA += engine.capability[i] } else { countB += 1; capB += engine.capability[i] }
        }
        let total = engine.totalCapability
        tally.add(
            statesA: countA, statesB: countB, shareA: total > 0 ? capA / total : .nan,
            shareB: total > 0 ? capB / total : .nan, steps: scratch.lastStep)
        if scratch.stoppedByLimit { counts[3 * n] += 1 }
    }

    /// Records the `count` lockstep runs held in `scratch` (lanes `0 ..< count`); their counts go
    /// to the worker's `counts`. Capability is summed per run in state order, as in the unbatched
    /// path, so the shares are bit-for-bit equal.
    @inline(__always)
    static func record(
        count: Int, counts: UnsafeMutablePointer<Int>, tally: inout EnsembleTally, scratch: CrisisLaneScratch,
        lockstep: CrisisLockstep
    ) {
        let n = lockstep.stateCount, lanes = CrisisLockstep.lanes
        let bellA = scratch.bellA, bellB = scratch.bellB, entryStep = scratch.entryStep
        let countA = scratch.countA, countB = scratch.countB, capA = scratch.capabilityA, capB = scratch.capabilityB
        let capability = lockstep.capability.base
        for l in 0..<lanes { countA[l] = 0; countB[l] = 0; capA[l] = 0; capB[l] = 0 }
        for i in 0..<n {
            let inA = bellA[i], inB = bellB[i]
            counts[i] += (inA | inB).nonzeroBitCount
            counts[n + i] += inA.nonzeroBitCount
            var stepSum = 0
            var lanesIn = inA | inB
            while lanesIn != 0 {
                let l = lanesIn.trailingZeroBitCount
                lanesIn &= lanesIn &- 1
                stepSum += Int(entryStep[i &* lanes &+ l])
            }
            counts[2 * n + i] += stepSum
            let c = capability[i]
            var m = inA
            while m != 0 {
                let l = m.trailingZeroBitCount
                m &= m &- 1
                countA[l] &+= 1; capA[l] += c
            }
            m = inB
            while m != 0 {
                let l = m.trailingZeroBitCount
                m &= m &- 1
                countB[l] &+= 1; capB[l] += c
            }
        }
        let total = lockstep.totalCapability
        for l in 0..<count {
            tally.add(
                statesA: countA[l], statesB: countB[l], shareA: total > 0 ? capA[l] / total : .nan,
                shareB: total > 0 ? capB[l] / total : .nan, steps: scratch.lastStep[l])
        }
        counts[3 * n] += scratch.limited.nonzeroBitCount
    }
}

/// The outcome of an ensemble: per-state entry frequencies and the distributions of the war
/// size, aggregated as the runs finished (`EnsembleTally`): nothing is kept per run.
public struct CrisisEnsembleResult: Hashable, Sendable {
    public var attacker: StateID
    public var target: StateID
    public var runs: Int
    public var seed: UInt64
    /// Runs in which each state was a belligerent (initiator and target: every run).
    @_spi(Internals) public var enterCount: [Int]
    @_spi(Internals) public var sideACount: [Int]
    @_spi(Internals) public var sideBCount: [Int]
    /// Sum of entry steps over the runs in which the state entered.
    @_spi(Internals) public var entryStepSum: [Int]
    /// The war-size summaries, in the order of `warSizeNames`. Exact for the integer measures
    /// (belligerents, steps: histograms); for the capability shares exact up to
    /// `ShareCounts.limit` distinct values, binned past it (`capabilitySharesBinned`).
    @_spi(Internals) public var warSizeValues: [DistributionSummary]
    /// Runs by total number of belligerents (N + 1 slots): element k counts runs with k.
    @_spi(Internals) public var belligerentsHistogram: [Int]
    /// True when the ensemble had more than `ShareCounts.limit` (65,536) distinct values of a
    /// capability share: that share's quantiles then come from 131,072 bins over [0, 1] and are
    /// within half a bin (2^-18, 3.8e-6) of the exact ones (`ShareCounts.merge`).
    @_spi(Internals) public var capabilitySharesBinned: Bool
    public var runsStoppedAtStepLimit: Int

    /// Share of runs in which `state` was a belligerent.
    public func entryProbability(_ state: StateID) -> Double { Double(enterCount[state.index]) / Double(runs) }
    /// Share of runs in which `state` fought on `side`.
    public func probability(_ state: StateID, side: CrisisSide) -> Double {
        Double(side == .a ? sideACount[state.index] : sideBCount[state.index]) / Double(runs)
    }
    /// Mean entry step of `state` over the runs in which it entered; NaN if it never did.
    public func meanEntryStep(_ state: StateID) -> Double {
        let i = state.index
        return enterCount[i] > 0 ? Double(entryStepSum[i]) / Double(enterCount[i]) : .nan
    }

    /// Mean number of belligerents besides the initiator and the original target (belligerents
    /// minus 2), over the runs.
    public var meanAdditionalBelligerents: Double {
        var sum = 0
        for (k, count) in belligerentsHistogram.enumerated() { sum += (k - 2) * count }
        return Double(sum) / Double(runs)
    }

    /// Runs by total number of belligerents: element k counts runs with k belligerents.
    public var warSizeHistogram: [Int] { belligerentsHistogram }

    /// The names of the war-size measures, in the order of `warSizeValues`.
    package static let warSizeNames = [
        "states", "states_A", "states_B", "capability_share", "capability_share_A", "capability_share_B", "steps",
    ]

    /// Distribution summaries of the war size, one per measure, in a fixed order.
    package var warSizeSummaries: [(name: String, summary: DistributionSummary)] {
        Array(zip(Self.warSizeNames, warSizeValues))
    }

    /// The summary of the war-size measure `name` (one of `warSizeNames`).
    package func warSize(_ name: String) -> DistributionSummary {
        warSizeValues[Self.warSizeNames.firstIndex(of: name)!]
    }
}

/// Mean, standard deviation and quantiles of a sample. Quantiles are of type 7 (linear
/// interpolation between order statistics, R's default and numpy's `linear`).
@_spi(Internals) public struct DistributionSummary: Hashable, Sendable {
    public var count: Int
    public var mean: Double
    /// Sample standard deviation (n - 1); 0 for one value.
    public var standardDeviation: Double
    public var minimum: Double
    public var q05: Double
    public var q25: Double
    public var median: Double
    public var q75: Double
    public var q95: Double
    public var maximum: Double
    /// True when the summary comes from binned values (`ShareCounts.merge`): count, mean,
    /// minimum and maximum exact, quantiles and standard deviation within half a bin.
    public var approximate = false

    public init(_ values: [Double]) {
        let sorted = values.sorted()
        count = sorted.count
        guard !sorted.isEmpty else {
            mean = .nan; standardDeviation = .nan; minimum = .nan; q05 = .nan; q25 = .nan
            median = .nan; q75 = .nan; q95 = .nan; maximum = .nan
            return
        }
        var sum = 0.0
        for v in values { sum += v }
        mean = sum / Double(count)
        var squares = 0.0
        for v in values { squares += (v - mean) * (v - mean) }
        standardDeviation = count > 1 ? (squares / Double(count - 1)).squareRoot() : 0
        minimum = sorted[0]
        maximum = sorted[count - 1]
        q05 = Self.quantile(sorted, 0.05)
        q25 = Self.quantile(sorted, 0.25)
        median = Self.quantile(sorted, 0.5)
        q75 = Self.quantile(sorted, 0.75)
        q95 = Self.quantile(sorted, 0.95)
    }

    /// The summary of a sample given as ascending distinct values with their counts (each
    /// positive), without expanding it: n = Σ c, mean Σ c v / n (or `mean`, when the caller
    /// has it more exactly), sd = sqrt(Σ c (v - mean)^2 / (n - 1)) summed in ascending order of
    /// v, quantiles of type 7 from the cumulative counts. Minimum, maximum and quantiles equal
    /// those of `init(_:)` on the expanded sample, and so does the mean when the values and
    /// counts are integers (every sum is then exact below 2^53); the standard deviation can
    /// differ from it in the last bits (another summation order).
    public init(counts pairs: [(value: Double, count: Int)], mean knownMean: Double? = nil) {
        count = pairs.reduce(0) { $0 + $1.count }
        guard count > 0, !pairs.contains(where: { $0.value.isNaN }) else {
            mean = .nan; standardDeviation = .nan; minimum = .nan; q05 = .nan; q25 = .nan
            median = .nan; q75 = .nan; q95 = .nan; maximum = .nan
            return
        }
        if let knownMean {
            mean = knownMean
        } else {
            var sum = 0.0
            for (v, c) in pairs { sum += v * Double(c) }
            mean = sum / Double(count)
        }
        var squares = 0.0
        for (v, c) in pairs { squares += Double(c) * ((v - mean) * (v - mean)) }
        standardDeviation = count > 1 ? (squares / Double(count - 1)).squareRoot() : 0
        var ends: [Int] = []  // ends[j]: the number of values up to and including pairs[j]
        var running = 0
        for (_, c) in pairs {
            running += c
            ends.append(running)
        }
        /// The k-th smallest value (from 0).
        func order(_ k: Int) -> Double {
            var lo = 0, hi = pairs.count - 1
            while lo < hi {
                let mid = (lo + hi) / 2
                if ends[mid] > k { hi = mid } else { lo = mid + 1 }
            }
            return pairs[lo].value
        }
        let n = count
        func quantile(_ p: Double) -> Double {
            let h = Double(n - 1) * p
            let lo = Int(h.rounded(.down)), hi = min(lo + 1, n - 1)
            let low = order(lo)
            return low + (h - Double(lo)) * (order(hi) - low)
        }
        minimum = pairs[0].value
        maximum = pairs[pairs.count - 1].value
        q05 = quantile(0.05)
        q25 = quantile(0.25)
        median = quantile(0.5)
        q75 = quantile(0.75)
        q95 = quantile(0.95)
    }

    /// Type-7 quantile of an ascending, non-empty sample.
    public static func quantile(_ sorted: [Double], _ p: Double) -> Double {
        let h = Double(sorted.count - 1) * p
        let lo = Int(h.rounded(.down)), hi = min(lo + 1, sorted.count - 1)
        return sorted[lo] + (h - Double(lo)) * (sorted[hi] - sorted[lo])
    }
}
