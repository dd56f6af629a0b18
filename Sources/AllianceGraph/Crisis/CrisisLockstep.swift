/// Sixty-four stochastic crises of one engine run in lockstep, one per bit of a `UInt64`
/// (SIMD pays only on contiguous lanes: the 64 runs of a state are the bits of one word).
///
/// The per-run state of the cascade is stored as lane masks, one word per state: bit `l` of
/// `bellA[j]` says that in run `l` of the group state j is a belligerent on side A, and likewise
/// `bellB`, `victim` (attacked), `pending` (decided, not yet entered) and `pendingA` (decided for
/// side A). One pass of the step loop then evaluates a pledge for all 64 runs with a few bitwise
/// operations: `trigger = (A | B) & victim[j] & candidates & ~veto`, where `A = bellA[j]` and
/// `B = bellB[j]`. Only the lanes where a pledge is actually triggered fall back to scalar work:
/// the run's own draw `u_ij = CrisisEngine.pledgeUniform(runSeed, i * N + j)` (a pure function of
/// the run seed and the dyad, so the draws and their order are exactly those of
/// `CrisisEngine.simulate`), the consultation boost and the choice of side. The loop runs until
/// every lane has stopped; a stopped lane is a fixed point of the rules and is masked out.
///
/// The rules are those of `CrisisEngine.simulate` in stochastic mode without opportunism (docs/
/// CRISIS.md); per run, the sides, entry steps, last step and step-limit flag are bit-for-bit
/// those of the unbatched cascade (pinned by `CrisisLockstepTests`). Opportunism (power sums,
/// perception noise, watch periods) is not batched: `CrisisEnsemble` runs it unbatched.
///
/// Only states whose inputs changed are re-evaluated: a state's decision reads its own open lanes
/// and its partners' masks (`bellA`, `bellB`, `victim`) in the snapshot, and the draws are pure
/// functions of the run seed and the dyad, so a state none of whose partners changed since its
/// last evaluation, and whose own lanes were not reopened by a called-off entry, would decide
/// exactly as before: nothing for its open lanes. Every state is evaluated at step 1; afterwards a
/// change of state j's masks marks the states pledged to j (`reverseOffsets`/`reverseSources`) and
/// a called-off entry marks the state itself (`CrisisLaneScratch.dirty`).
///
/// Cost per step: O(obligations of the marked states still out in some lane) word operations for
/// all 64 runs, plus O(1) scalar work per triggered (run, pledge) pair. No allocation after `init`.
final class CrisisLockstep: @unchecked Sendable {
    /// Runs per group: the bits of a `UInt64`.
    static let lanes = 64

    let stateCount: Int
    let planCount: Int
    let delay: Int32
    let maxSteps: Int
    let boost: Double
    /// `BothSidesRule.cancel`: fighting pledges to both sides keep the state out.
    let cancelBoth: Bool
    // Copies of the engine's CSR arrays (read-only after init), freed with the kernel.
    let oblOffsets: RawBuffer<Int32>
    let oblPartner: RawBuffer<Int32>
    let oblKind: RawBuffer<UInt8>
    let oblCredibility: RawBuffer<Double>
    let oblHonour: RawBuffer<Double>
    /// For each state j, the states with an obligation toward j (CSR; a state once per j).
    let reverseOffsets: RawBuffer<Int32>
    let reverseSources: RawBuffer<Int32>
    let planActor: RawBuffer<Int32>
    let planTriggerOffsets: RawBuffer<Int32>
    let planTriggers: RawBuffer<Int32>
    let planAttackOffsets: RawBuffer<Int32>
    let planAttacks: RawBuffer<Int32>
    /// Capability c_i of each state (for the war-size shares).
    let capability: RawBuffer<Double>
    let totalCapability: Double

    /// Compiles `engine` for lockstep runs. Precondition: `engine.options.opportunism` is off.
    init(engine: CrisisEngine) {
        precondition(!engine.options.opportunism, "the lockstep cascade does not model opportunism")
        stateCount = engine.stateCount
        planCount = engine.planActor.count
        delay = Int32(engine.entryDelay)
        maxSteps = engine.options.maxSteps
        boost = engine.options.consultationBoost
        cancelBoth = engine.options.bothSides == .cancel
        oblOffsets = RawBuffer(copying: engine.oblOffsets)
        oblPartner = RawBuffer(copying: engine.oblPartner)
        oblKind = RawBuffer(copying: engine.oblKind)
        oblCredibility = RawBuffer(copying: engine.oblCredibility)
        oblHonour = RawBuffer(copying: engine.oblHonour)
        let reverse = Self.reverse(engine)
        reverseOffsets = RawBuffer(copying: reverse.offsets)
        reverseSources = RawBuffer(copying: reverse.sources)
        planActor = RawBuffer(copying: engine.planActor)
        planTriggerOffsets = RawBuffer(copying: engine.planTriggerOffsets)
        planTriggers = RawBuffer(copying: engine.planTriggers)
        planAttackOffsets = RawBuffer(copying: engine.planAttackOffsets)
        planAttacks = RawBuffer(copying: engine.planAttacks)
        capability = RawBuffer(copying: engine.capability)
        totalCapability = engine.totalCapability
    }

    /// The states with an obligation toward each state, in CSR form (sources ascending, no repeats).
    static func reverse(_ engine: CrisisEngine) -> (offsets: [Int32], sources: [Int32]) {
        let n = engine.stateCount
        var lists = [[Int32]](repeating: [], count: n)
        for i in 0..<n {
            for k in Int(engine.oblOffsets[i])..<Int(engine.oblOffsets[i + 1]) {
                let j = Int(engine.oblPartner[k])
                if lists[j].last != Int32(i) { lists[j].append(Int32(i)) }
            }
        }
        var offsets: [Int32] = [0]
        var sources: [Int32] = []
        for list in lists {
            sources += list
            offsets.append(Int32(sources.count))
        }
        return (offsets, sources)
    }

    /// Marks for re-evaluation every state with an obligation toward `j` (its masks changed).
    @inline(__always)
    func markPledgedTo(_ j: Int, _ dirty: UnsafeMutablePointer<UInt64>) {
        let offsets = reverseOffsets.base, sources = reverseSources.base
        for q in Int(offsets[j])..<Int(offsets[j + 1]) { dirty[Int(sources[q])] = 1 }
    }

    /// A fresh scratch for this kernel (one per worker thread).
    func makeScratch() -> CrisisLaneScratch {
        CrisisLaneScratch(stateCount: stateCount, planCount: planCount)
    }

    /// Calls off, in every state, the lanes whose entry is due at step `t` and now blocked
    /// (`blockedLanes`); returns the lanes in which some entry was called off.
    @inline(__always)
    func callOffBlockedLanes(at t: Int32, active: UInt64, _ s: CrisisLaneScratch) -> UInt64 {
        let lanes = CrisisLockstep.lanes
        let pending = s.pending, pendingA = s.pendingA, pendingStep = s.pendingStep
        var calledOff: UInt64 = 0
        for i in 0..<stateCount {
            var waiting = pending[i] & active
            if waiting == 0 { continue }
            var due: UInt64 = 0
            while waiting != 0 {
                let l = waiting.trailingZeroBitCount
                waiting &= waiting &- 1
                if pendingStep[i &* lanes &+ l] == t { due |= UInt64(1) << UInt64(l) }
            }
            if due == 0 { continue }
            let blocked = due & blockedLanes(i, pendingA: pendingA[i], bellA: s.bellA, bellB: s.bellB, victim: s.victim)
            if blocked == 0 { continue }
            pending[i] &= ~blocked
            s.dirty[i] = 1
            pendingA[i] &= ~blocked
            calledOff |= blocked
        }
        return calledOff
    }

    /// The lanes in which state `i`, decided for side A where `pendingA` has a bit and for side B
    /// elsewhere, may no longer enter: a neutrality or non-aggression partner is a victim on the
    /// other side, or (cancel rule) i has fighting pledges to belligerents on both sides. The
    /// lane-mask form of `CrisisEngine.entryBlocked`.
    @inline(__always)
    func blockedLanes(
        _ i: Int, pendingA: UInt64, bellA: UnsafeMutablePointer<UInt64>, bellB: UnsafeMutablePointer<UInt64>,
        victim: UnsafeMutablePointer<UInt64>
    ) -> UInt64 {
        var barA: UInt64 = 0, barB: UInt64 = 0, fightA: UInt64 = 0, fightB: UInt64 = 0
        for k in Int(oblOffsets[i])..<Int(oblOffsets[i + 1]) {
            let j = Int(oblPartner[k])
            switch oblKind[k] {
            case CrisisEngine.Kind.neutrality, CrisisEngine.Kind.nonaggression:
                barA |= bellB[j] & victim[j]
                barB |= bellA[j] & victim[j]
            case CrisisEngine.Kind.consultation: continue
            default:
                fightA |= bellA[j]
                fightB |= bellB[j]
            }
        }
        var blocked = (pendingA & barA) | (~pendingA & barB)
        if cancelBoth { blocked |= fightA & fightB }
        return blocked
    }

    /// For every lane l in `lanesIn`: the largest credibility of the state's consultation pledges
    /// (obligations `lo ..< hi`) to states in `side` in lane l (0 if none), into `out[l]`. One
    /// pass over the obligations for all lanes; the same maxima as lane by lane.
    @inline(__always)
    func consultationCredibilities(
        _ lo: Int, _ hi: Int, _ side: UnsafeMutablePointer<UInt64>, _ lanesIn: UInt64,
        into out: UnsafeMutablePointer<Double>
    ) {
        var m = lanesIn
        while m != 0 {
            let l = m.trailingZeroBitCount
            m &= m &- 1
            out[l] = 0
        }
        let kind = oblKind.base, partner = oblPartner.base, credibility = oblCredibility.base
        for k in lo..<hi where kind[k] == CrisisEngine.Kind.consultation {
            var hit = side[Int(partner[k])] & lanesIn
            let c = credibility[k]
            while hit != 0 {
                let l = hit.trailingZeroBitCount
                hit &= hit &- 1
                out[l] = max(out[l], c)
            }
        }
    }

    /// Runs the stochastic cascade `attacker -> target` for the lanes in `valid`, lane l with the
    /// run seed `scratch.seeds[l]`, into `scratch` (reset first). Afterwards, per lane:
    /// `bellA`/`bellB` bits (sides), `entryStep[i * 64 + l]` (valid where the lane's bit is set in
    /// `bellA[i] | bellB[i]`), `lastStep[l]`, and `scratch.limited` (lanes stopped at the step
    /// limit with entries or plans pending).
    func simulate(attacker: Int, target: Int, valid: UInt64, scratch s: CrisisLaneScratch) {
        let n = stateCount, planCount = self.planCount, delay = self.delay, boost = self.boost
        let offsets = oblOffsets.base, partner = oblPartner.base, kind = oblKind.base
        let honour = oblHonour.base
        let actorOf = planActor.base, trigOff = planTriggerOffsets.base,
            trig = planTriggers.base
        let attOff = planAttackOffsets.base, att = planAttacks.base
        let bellA = s.bellA, bellB = s.bellB, victim = s.victim, pending = s.pending, pendingA = s.pendingA
        let pendingStep = s.pendingStep, entryStep = s.entryStep
        let planFresh = s.planFresh, planScheduled = s.planScheduled, planDue = s.planDue
        let seeds = s.seeds, bestA = s.bestA, bestB = s.bestB, lastStep = s.lastStep
        let consultA = s.consultA, consultB = s.consultB
        let lanes = CrisisLockstep.lanes
        let neutrality = CrisisEngine.Kind.neutrality, nonaggression = CrisisEngine.Kind.nonaggression
        let consultation = CrisisEngine.Kind.consultation, offense = CrisisEngine.Kind.offense

        let dirty = s.dirty
        for i in 0..<n {
            bellA[i] = 0; bellB[i] = 0; victim[i] = 0; pending[i] = 0; pendingA[i] = 0; dirty[i] = 1
        }
        for p in 0..<planCount { planFresh[p] = valid; planScheduled[p] = 0 }
        for l in 0..<lanes {
            lastStep[l] = 0
            entryStep[attacker &* lanes &+ l] = 0
            entryStep[target &* lanes &+ l] = 0
        }
        bellA[attacker] = valid
        bellB[target] = valid
        victim[target] = valid
        s.limited = 0

        var active = valid
        var t: Int32 = 1
        while active != 0 {
            if Int(t) > maxSteps {
                var busy: UInt64 = 0
                for i in 0..<n { busy |= pending[i] }
                for p in 0..<planCount { busy |= planScheduled[p] }
                s.limited = active & busy
                break
            }
            let prev = t &- 1
            // 1. Decisions from the snapshot of step t - 1 (the masks are not written until 3.).
            for i in 0..<n {
                if dirty[i] == 0 { continue }
                dirty[i] = 0
                let open = active & ~(bellA[i] | bellB[i] | pending[i])
                if open == 0 { continue }
                let lo = Int(offsets[i]), hi = Int(offsets[i + 1])
                var vetoA: UInt64 = 0, vetoB: UInt64 = 0, consA: UInt64 = 0, consB: UInt64 = 0
                var fightA: UInt64 = 0, fightB: UInt64 = 0
                for k in lo..<hi {
                    let j = Int(partner[k])
                    let a = bellA[j], b = bellB[j]
                    let kd = kind[k]
                    if kd == neutrality || kd == nonaggression {
                        // A veto protects only a partner that is a victim (attacked).
                        let v = victim[j]
                        vetoA |= b & v; vetoB |= a & v
                    } else if kd == consultation {
                        consA |= a; consB |= b
                    } else {
                        fightA |= a; fightB |= b
                    }
                }
                if (fightA | fightB) & open == 0 { continue }
                let candidates = cancelBoth ? open & ~(fightA & fightB) : open
                if candidates == 0 { continue }
                var gotA: UInt64 = 0, gotB: UInt64 = 0
                // Whether the consultation credibilities toward side A / B are in `consultA` / `consultB`
                // for this state (they depend on the state, the side and the lane only).
                var cachedA: UInt64 = 0, cachedB: UInt64 = 0
                for k in lo..<hi {
                    let kd = kind[k]
                    if kd == neutrality || kd == nonaggression || kd == consultation { continue }
                    let j = Int(partner[k])
                    let a = bellA[j], b = bellB[j]
                    let attacked = kd == offense ? ~UInt64(0) : victim[j]
                    var laneSetA = a & attacked & candidates & ~vetoA
                    var laneSetB = b & attacked & candidates & ~vetoB
                    if laneSetA | laneSetB == 0 { continue }
                    let p = honour[k]
                    let dyad = i &* n &+ j
                    while laneSetA != 0 {
                        let l = laneSetA.trailingZeroBitCount
                        let bit = UInt64(1) << UInt64(l)
                        laneSetA &= laneSetA &- 1
                        var c = 0.0
                        if consA & bit != 0 {
                            if cachedA == 0 {
                                consultationCredibilities(lo, hi, bellA, consA, into: consultA)
                                cachedA = ~0
                            }
                            c = consultA[l]
                        }
                        let v = p + boost * c * (1 - p)
                        if CrisisEngine.pledgeUniform(seeds[l], dyad) < v {
                            if gotA & bit == 0 || v > bestA[l] { bestA[l] = v }
                            gotA |= bit
                        }
                    }
                    while laneSetB != 0 {
                        let l = laneSetB.trailingZeroBitCount
                        let bit = UInt64(1) << UInt64(l)
                        laneSetB &= laneSetB &- 1
                        var c = 0.0
                        if consB & bit != 0 {
                            if cachedB == 0 {
                                consultationCredibilities(lo, hi, bellB, consB, into: consultB)
                                cachedB = ~0
                            }
                            c = consultB[l]
                        }
                        let v = p + boost * c * (1 - p)
                        if CrisisEngine.pledgeUniform(seeds[l], dyad) < v {
                            if gotB & bit == 0 || v > bestB[l] { bestB[l] = v }
                            gotB |= bit
                        }
                    }
                }
                // Both sides honoured: the larger best honour value wins; a tie keeps the state out.
                var both = gotA & gotB
                var decidedA = gotA & ~gotB, decidedB = gotB & ~gotA
                while both != 0 {
                    let l = both.trailingZeroBitCount
                    let bit = UInt64(1) << UInt64(l)
                    both &= both &- 1
                    if bestA[l] > bestB[l] { decidedA |= bit } else if bestB[l] > bestA[l] { decidedB |= bit }
                }
                var decided = decidedA | decidedB
                if decided == 0 { continue }
                pending[i] |= decided
                pendingA[i] |= decidedA
                let due = prev &+ delay
                while decided != 0 {
                    let l = decided.trailingZeroBitCount
                    decided &= decided &- 1
                    pendingStep[i &* lanes &+ l] = due
                }
            }
            // 2. War plans whose condition holds in the snapshot are scheduled.
            for p in 0..<planCount {
                let fresh = planFresh[p] & active
                if fresh == 0 { continue }
                let actor = Int(actorOf[p])
                let actorA = bellA[actor] & fresh, actorB = bellB[actor] & fresh
                if actorA | actorB == 0 { continue }
                var hit: UInt64 = 0
                for q in Int(trigOff[p])..<Int(trigOff[p + 1]) {
                    let z = Int(trig[q])
                    hit |= (actorA & bellB[z]) | (actorB & bellA[z])
                }
                if hit == 0 { continue }
                planFresh[p] &= ~hit
                planScheduled[p] |= hit
                let due = prev &+ delay
                while hit != 0 {
                    let l = hit.trailingZeroBitCount
                    hit &= hit &- 1
                    planDue[p &* lanes &+ l] = due
                }
            }
            var changed: UInt64 = 0
            // 3. War plans due now are executed, in plan order.
            for p in 0..<planCount {
                var scheduled = planScheduled[p] & active
                if scheduled == 0 { continue }
                var due: UInt64 = 0
                while scheduled != 0 {
                    let l = scheduled.trailingZeroBitCount
                    scheduled &= scheduled &- 1
                    if planDue[p &* lanes &+ l] == t { due |= UInt64(1) << UInt64(l) }
                }
                if due == 0 { continue }
                planScheduled[p] &= ~due
                let actor = Int(actorOf[p])
                let ownA = bellA[actor] & due, ownB = bellB[actor] & due
                for q in Int(attOff[p])..<Int(attOff[p + 1]) {
                    let z = Int(att[q])
                    let fighting = (bellA[z] | bellB[z]) & due
                    // Already at war on the other side: marked as attacked.
                    let marked = ((ownA & bellB[z]) | (ownB & bellA[z])) & ~victim[z]
                    victim[z] |= marked
                    changed |= marked
                    if marked != 0 { markPledgedTo(z, dirty) }
                    let out = due & ~fighting
                    // A decision for the actor's side stands; one for the other side is superseded.
                    let ownPending = pending[z] & out & ((pendingA[z] & ownA) | (~pendingA[z] & ownB))
                    var hitLanes = out & ~ownPending
                    if hitLanes == 0 { continue }
                    pending[z] &= ~hitLanes
                    pendingA[z] &= ~hitLanes
                    bellB[z] |= hitLanes & ownA
                    bellA[z] |= hitLanes & ownB
                    victim[z] |= hitLanes
                    changed |= hitLanes
                    markPledgedTo(z, dirty)
                    while hitLanes != 0 {
                        let l = hitLanes.trailingZeroBitCount
                        hitLanes &= hitLanes &- 1
                        entryStep[z &* lanes &+ l] = t
                    }
                }
            }
            // 4. Decided entries due now that the war as it now stands forbids are called off (all
            // checked before any enters); the state decides again from this step's snapshot.
            let calledOff = callOffBlockedLanes(at: t, active: active, s)
            // 5. Decided entries due now.
            for i in 0..<n {
                var waiting = pending[i] & active
                if waiting == 0 { continue }
                var due: UInt64 = 0
                while waiting != 0 {
                    let l = waiting.trailingZeroBitCount
                    waiting &= waiting &- 1
                    if pendingStep[i &* lanes &+ l] == t { due |= UInt64(1) << UInt64(l) }
                }
                if due == 0 { continue }
                let toA = pendingA[i] & due
                pending[i] &= ~due
                pendingA[i] &= ~due
                bellA[i] |= toA
                bellB[i] |= due & ~toA
                changed |= due
                markPledgedTo(i, dirty)
                while due != 0 {
                    let l = due.trailingZeroBitCount
                    due &= due &- 1
                    entryStep[i &* lanes &+ l] = t
                }
            }
            var busy = changed | calledOff
            var marks = changed
            while marks != 0 {
                let l = marks.trailingZeroBitCount
                marks &= marks &- 1
                lastStep[l] = t
            }
            for i in 0..<n { busy |= pending[i] }
            for p in 0..<planCount { busy |= planScheduled[p] }
            active &= busy
            t &+= 1
        }
    }
}
