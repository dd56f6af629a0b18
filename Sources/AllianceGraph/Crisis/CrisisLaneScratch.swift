/// The mutable state of one lockstep group of 64 runs (`CrisisLockstep`), reused from group to
/// group (one per worker thread) so that a group allocates nothing. Lane masks per state, Int32
/// steps per state and lane (`i * 64 + l`), and per-lane seeds, best honour values and last steps.
final class CrisisLaneScratch: @unchecked Sendable {
    let bellA, bellB, victim, pending, pendingA: UnsafeMutablePointer<UInt64>
    let pendingStep, entryStep: UnsafeMutablePointer<Int32>
    let planFresh, planScheduled: UnsafeMutablePointer<UInt64>
    let planDue: UnsafeMutablePointer<Int32>
    /// The run seed of each lane.
    let seeds: UnsafeMutablePointer<UInt64>
    let bestA, bestB: UnsafeMutablePointer<Double>
    let lastStep: UnsafeMutablePointer<Int32>
    /// Per-lane sums for the ensemble's outputs.
    let countA, countB: UnsafeMutablePointer<Int32>
    let capabilityA, capabilityB: UnsafeMutablePointer<Double>
    /// Lanes stopped at the step limit with entries or plans pending.
    var limited: UInt64 = 0
    private let stateCount: Int, planCount: Int

    init(stateCount n: Int, planCount: Int) {
        let lanes = CrisisLockstep.lanes
        self.stateCount = n
        self.planCount = planCount
        func masks(_ count: Int) -> UnsafeMutablePointer<UInt64> {
            let p = UnsafeMutablePointer<UInt64>.allocate(capacity: max(1, count)); p.initialize(repeating: 0, count: max(1, count)); return p
        }
        func steps(_ count: Int) -> UnsafeMutablePointer<Int32> {
            let p = UnsafeMutablePointer<Int32>.allocate(capacity: max(1, count)); p.initialize(repeating: 0, count: max(1, count)); return p
        }
        func reals(_ count: Int) -> UnsafeMutablePointer<Double> {
            let p = UnsafeMutablePointer<Double>.allocate(capacity: count); p.initialize(repeating: 0, count: count); return p
        }
        bellA = masks(n); bellB = masks(n); victim = masks(n); pending = masks(n); pendingA = masks(n)
        pendingStep = steps(n * lanes); entryStep = steps(n * lanes)
        planFresh = masks(planCount); planScheduled = masks(planCount); planDue = steps(planCount * lanes)
        seeds = masks(lanes)
        bestA = reals(lanes); bestB = reals(lanes)
        lastStep = steps(lanes)
        countA = steps(lanes); countB = steps(lanes)
        capabilityA = reals(lanes); capabilityB = reals(lanes)
    }

    deinit {
        for p in [bellA, bellB, victim, pending, pendingA, planFresh, planScheduled, seeds] { p.deallocate() }
        for p in [pendingStep, entryStep, planDue, lastStep, countA, countB] { p.deallocate() }
        for p in [bestA, bestB, capabilityA, capabilityB] { p.deallocate() }
    }
}
