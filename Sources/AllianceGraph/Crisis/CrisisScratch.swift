/// The mutable state of one crisis run, reused from run to run (one per worker thread) so that a
/// run allocates nothing. Made by `CrisisEngine.makeScratch()`; read after a run through
/// `CrisisResult(engine:scratch:mode:seed:)` or the accessors below.
///
/// Per state: its side (0 out, 1 A, 2 B), the step it entered and the step it was attacked
/// (`Int32.max` when never), why, and its pending decision or opportunistic watch.
@_spi(Internals) public struct CrisisScratch: Sendable {
    var side: [Int8]
    var entryStep: [Int32]
    var victimStep: [Int32]
    var entryCause: [UInt8]
    var entryRef: [Int32]
    var entryValue: [Double]
    var victimCause: [UInt8]
    var victimRef: [Int32]
    var pendingSide: [Int8]
    var pendingStep: [Int32]
    var pendingCause: [UInt8]
    var pendingRef: [Int32]
    var pendingValue: [Double]
    var watchSide: [Int8]
    var watchSince: [Int32]
    var perception: [Double]
    var planDue: [Int32]
    var lastStep: Int32 = 0
    var stoppedByLimit = false
    var attacker = 0
    var target = 0
    var runSeed: UInt64 = 0
    var stochastic = false

    init(stateCount n: Int, planCount: Int) {
        side = Array(repeating: 0, count: n)
        entryStep = Array(repeating: CrisisEngine.never, count: n)
        victimStep = Array(repeating: CrisisEngine.never, count: n)
        entryCause = Array(repeating: 0, count: n)
        entryRef = Array(repeating: -1, count: n)
        entryValue = Array(repeating: 0, count: n)
        victimCause = Array(repeating: 0, count: n)
        victimRef = Array(repeating: -1, count: n)
        pendingSide = Array(repeating: 0, count: n)
        pendingStep = Array(repeating: CrisisEngine.never, count: n)
        pendingCause = Array(repeating: 0, count: n)
        pendingRef = Array(repeating: -1, count: n)
        pendingValue = Array(repeating: 0, count: n)
        watchSide = Array(repeating: 0, count: n)
        watchSince = Array(repeating: 0, count: n)
        perception = Array(repeating: .nan, count: n)
        planDue = Array(repeating: CrisisEngine.never, count: planCount)
    }

    mutating func reset(runSeed: UInt64, stochastic: Bool, attacker: Int, target: Int) {
        let never = CrisisEngine.never
        for i in side.indices {
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
        for p in planDue.indices { planDue[p] = never }
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
