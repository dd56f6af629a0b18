/// The mutable state of one crisis run, reused from run to run (one per worker thread) so that a
/// run allocates nothing. Made by `CrisisEngine.makeScratch()`; read after a run through
/// `CrisisResult(engine:scratch:mode:seed:)` or the accessors below.
///
/// Per state: its side (0 out, 1 A, 2 B), the step it entered and the step it was attacked
/// (`Int32.max` when never), why, and its pending decision or opportunistic watch.
///
/// The per-state arrays are `RawBuffer`s (no uniqueness or bounds checks in the cascade's inner
/// loops), so a scratch is `~Copyable`: it is lent to the engine `inout` and freed once.
@_spi(Internals) public struct CrisisScratch: ~Copyable, Sendable {
    let side: RawBuffer<Int8>
    let entryStep: RawBuffer<Int32>
    let victimStep: RawBuffer<Int32>
    let entryCause: RawBuffer<UInt8>
    let entryRef: RawBuffer<Int32>
    let entryValue: RawBuffer<Double>
    let victimCause: RawBuffer<UInt8>
    let victimRef: RawBuffer<Int32>
    let pendingSide: RawBuffer<Int8>
    let pendingStep: RawBuffer<Int32>
    let pendingCause: RawBuffer<UInt8>
    let pendingRef: RawBuffer<Int32>
    let pendingValue: RawBuffer<Double>
    let watchSide: RawBuffer<Int8>
    let watchSince: RawBuffer<Int32>
    let perception: RawBuffer<Double>
    let planDue: RawBuffer<Int32>
    let stateCount: Int
    var lastStep: Int32 = 0
    var stoppedByLimit = false
    var attacker = 0
    var target = 0
    var runSeed: UInt64 = 0
    var stochastic = false

    init(stateCount n: Int, planCount: Int) {
        stateCount = n
        side = RawBuffer(repeating: 0, count: n)
        entryStep = RawBuffer(repeating: CrisisEngine.never, count: n)
        victimStep = RawBuffer(repeating: CrisisEngine.never, count: n)
        entryCause = RawBuffer(repeating: 0, count: n)
        entryRef = RawBuffer(repeating: -1, count: n)
        entryValue = RawBuffer(repeating: 0, count: n)
        victimCause = RawBuffer(repeating: 0, count: n)
        victimRef = RawBuffer(repeating: -1, count: n)
        pendingSide = RawBuffer(repeating: 0, count: n)
        pendingStep = RawBuffer(repeating: CrisisEngine.never, count: n)
        pendingCause = RawBuffer(repeating: 0, count: n)
        pendingRef = RawBuffer(repeating: -1, count: n)
        pendingValue = RawBuffer(repeating: 0, count: n)
        watchSide = RawBuffer(repeating: 0, count: n)
        watchSince = RawBuffer(repeating: 0, count: n)
        perception = RawBuffer(repeating: .nan, count: n)
        planDue = RawBuffer(repeating: CrisisEngine.never, count: planCount)
    }

    mutating func reset(runSeed: UInt64, stochastic: Bool, attacker: Int, target: Int) {
        let never = CrisisEngine.never
        for i in 0..<stateCount {
            side[i] = 0
            entryStep[i] = never
            victimStep[i] = never
            entryCause[i] = 0
            entryRef[i] = -1
            victimCause[i] = 0
            victimRef[i] = -1
            pendingSide[i] = 0
            watchSide[i] = 0
            perception[i] = .nan
        }
        for p in 0..<planDue.count { planDue[p] = never }
        lastStep = 0
        stoppedByLimit = false
        self.runSeed = runSeed
        self.stochastic = stochastic
        self.attacker = attacker
        self.target = target
    }

    /// The side of state `i` after the run, or nil if it stayed out.
    public func side(of i: Int) -> CrisisSide? { CrisisSide(rawValue: side[i]) }

    /// The step at which state `i` entered, or nil.
    public func entryStep(of i: Int) -> Int? { entryStep[i] == CrisisEngine.never ? nil : Int(entryStep[i]) }

    /// The last step that changed the war.
    public var steps: Int { Int(lastStep) }
}
