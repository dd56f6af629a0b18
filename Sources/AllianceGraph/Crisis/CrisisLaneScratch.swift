/// The mutable state of one lockstep group of 64 runs (`CrisisLockstep`), reused from group to
/// group (one per worker thread) so that a group allocates nothing. Lane masks per state, Int32
/// steps per state and lane (`i * 64 + l`), and per-lane seeds, best honour values and last steps.
final class CrisisLaneScratch: @unchecked Sendable {
    /// Per state, bit l set when, in run l: it fights on side A (`bellA`), on side B (`bellB`);
    /// it has been attacked (`victim`); it has decided to enter (`pending`), for side A (`pendingA`).
    let bellA, bellB, victim, pending, pendingA: UnsafeMutablePointer<UInt64>
    /// Per state, 1 when its decision must be re-evaluated at the next step (`CrisisLockstep`).
    let dirty: UnsafeMutablePointer<UInt64>
    /// Per state and lane (`i * 64 + l`): the step of a pending entry; the step it entered.
    let pendingStep, entryStep: UnsafeMutablePointer<Int32>
    /// Per war plan, bit l set when, in run l, it is still unscheduled (`planFresh`) or scheduled
    /// and not yet executed (`planScheduled`); `planDue[p * 64 + l]` is its execution step.
    let planFresh, planScheduled: UnsafeMutablePointer<UInt64>
    let planDue: UnsafeMutablePointer<Int32>
    /// The run seed of each lane.
    let seeds: UnsafeMutablePointer<UInt64>
    let bestA, bestB: UnsafeMutablePointer<Double>
    /// Per lane, the consultation credibility of the state being decided toward side A / B.
    let consultA, consultB: UnsafeMutablePointer<Double>
    let lastStep: UnsafeMutablePointer<Int32>
    /// Per-lane sums for the ensemble's outputs.
    let countA, countB: UnsafeMutablePointer<Int32>
    let capabilityA, capabilityB: UnsafeMutablePointer<Double>
    /// Lanes stopped at the step limit with entries or plans pending.
    var limited: UInt64 = 0

    /// One cache-line-aligned block holds every buffer, each starting on its own 64-byte line,
    /// so that two workers' scratches never share a line.
    private let block: RawBuffer<UInt8>

    init(stateCount n: Int, planCount: Int) {
        let lanes = CrisisLockstep.lanes
        // 8-byte buffers
        let counts8 = [n, n, n, n, n, n, planCount, planCount, lanes, lanes, lanes, lanes, lanes, lanes, lanes]
        let counts4 = [n * lanes, n * lanes, planCount * lanes, lanes, lanes, lanes]  // 4-byte buffers
        func lines(_ bytes: Int) -> Int { (max(bytes, 1) + 63) / 64 * 64 }
        let total = counts8.reduce(0) { $0 + lines($1 * 8) } + counts4.reduce(0) { $0 + lines($1 * 4) }
        block = RawBuffer(repeating: 0, count: total)
        let base = UnsafeMutableRawPointer(block.base)
        var offset = 0
        func carve<T>(_ count: Int, as type: T.Type) -> UnsafeMutablePointer<T> {
            let p = (base + offset).bindMemory(to: T.self, capacity: max(count, 1))
            offset += lines(count * MemoryLayout<T>.stride)
            return p
        }
        bellA = carve(n, as: UInt64.self); bellB = carve(n, as: UInt64.self); victim = carve(n, as: UInt64.self)
        pending = carve(n, as: UInt64.self); pendingA = carve(n, as: UInt64.self)
        dirty = carve(n, as: UInt64.self)
        planFresh = carve(planCount, as: UInt64.self); planScheduled = carve(planCount, as: UInt64.self)
        seeds = carve(lanes, as: UInt64.self)
        bestA = carve(lanes, as: Double.self); bestB = carve(lanes, as: Double.self)
        consultA = carve(lanes, as: Double.self); consultB = carve(lanes, as: Double.self)
        capabilityA = carve(lanes, as: Double.self); capabilityB = carve(lanes, as: Double.self)
        pendingStep = carve(n * lanes, as: Int32.self); entryStep = carve(n * lanes, as: Int32.self)
        planDue = carve(planCount * lanes, as: Int32.self)
        lastStep = carve(lanes, as: Int32.self); countA = carve(lanes, as: Int32.self);
        countB = carve(lanes, as: Int32.self)
        precondition(offset == total)
    }
}
