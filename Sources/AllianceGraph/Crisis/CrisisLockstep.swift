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
        let pending = s.pending, pendingA = s.pendingA
        var calledOff: UInt64 = 0
        for i in 0..<stateCount {
            let waiting = pending[i] & active
            if waiting == 0 { continue }
            let due = dueLanes(waiting, row: i, steps: s.pendingStep, at: t)
            if due == 0 { continue }
            let blocked = due & blockedLanes(i, pendingA: pendingA[i], bellA: s.bellA, bellB: s.bellB, victim: s.victim)
            if blocked == 0 { continue }
            pending[i] &= ~blocked
            pendingA[i] &= ~blocked
            s.dirty[i] = 1
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

    /// Runs the stochastic cascade `attacker -> target` for the lanes in `valid`, lane l with the
    /// run seed `scratch.seeds[l]`, into `scratch` (reset first). Afterwards, per lane:
    /// `bellA`/`bellB` bits (sides), `entryStep[i * 64 + l]` (valid where the lane's bit is set in
    /// `bellA[i] | bellB[i]`), `lastStep[l]`, and `scratch.limited` (lanes stopped at the step
    /// limit with entries or plans pending).
    ///
    /// Each step has the five phases of `CrisisEngine.simulate`: decisions from the snapshot of
    /// step t - 1 (the masks are not written until phase 3), war plans scheduled, war plans due
    /// executed, due entries the war now forbids called off, due entries made.
    func simulate(attacker: Int, target: Int, valid: UInt64, scratch s: CrisisLaneScratch) {
        reset(attacker: attacker, target: target, valid: valid, s)
        var active = valid
        var t: Int32 = 1
        while active != 0 {
            if Int(t) > maxSteps {
                s.limited = active & busyLanes(s)
                break
            }
            let decidedAt = t &- 1
            for i in 0..<stateCount where s.dirty[i] != 0 {
                s.dirty[i] = 0
                let open = active & ~(s.bellA[i] | s.bellB[i] | s.pending[i])
                if open != 0 { decide(i, open: open, decidedAt: decidedAt, s) }
            }
            schedulePlans(active: active, decidedAt: decidedAt, s)
            var changed = executePlans(at: t, active: active, s)
            let calledOff = callOffBlockedLanes(at: t, active: active, s)
            changed |= enterDueLanes(at: t, active: active, s)
            var marks = changed
            while marks != 0 {
                let l = marks.trailingZeroBitCount
                marks &= marks &- 1
                s.lastStep[l] = t
            }
            active &= changed | calledOff | busyLanes(s)
            t &+= 1
        }
    }

    /// Empties `s` and starts the war in the lanes `valid`: the attacker on side A and the
    /// target, attacked, on side B, both entered at step 0.
    @inline(__always)
    private func reset(attacker: Int, target: Int, valid: UInt64, _ s: CrisisLaneScratch) {
        for i in 0..<stateCount {
            s.bellA[i] = 0; s.bellB[i] = 0; s.victim[i] = 0; s.pending[i] = 0; s.pendingA[i] = 0
            s.dirty[i] = 1
        }
        for p in 0..<planCount { s.planFresh[p] = valid; s.planScheduled[p] = 0 }
        let lanes = CrisisLockstep.lanes
        for l in 0..<lanes {
            s.lastStep[l] = 0
            s.entryStep[attacker &* lanes &+ l] = 0
            s.entryStep[target &* lanes &+ l] = 0
        }
        s.bellA[attacker] = valid
        s.bellB[target] = valid
        s.victim[target] = valid
        s.limited = 0
    }

    /// The lanes with an entry decided but not made, or a war plan scheduled but not executed.
    @inline(__always)
    private func busyLanes(_ s: CrisisLaneScratch) -> UInt64 {
        var busy: UInt64 = 0
        for i in 0..<stateCount { busy |= s.pending[i] }
        for p in 0..<planCount { busy |= s.planScheduled[p] }
        return busy
    }

    /// What state i's pledges say in each lane, from the belligerent masks of its partners:
    /// `vetoA` (`vetoB`) are the lanes where a neutrality or non-aggression partner is a victim on
    /// side B (A), so i may not join A (B); `consA`/`consB` the lanes with a consultation partner
    /// at war on that side; `fightA`/`fightB` the lanes with a fighting-pledge partner at war on
    /// that side.
    private struct PledgeMasks {
        var vetoA: UInt64 = 0, vetoB: UInt64 = 0
        var consA: UInt64 = 0, consB: UInt64 = 0
        var fightA: UInt64 = 0, fightB: UInt64 = 0
    }

    @inline(__always)
    private func pledgeMasks(_ lo: Int, _ hi: Int, _ s: CrisisLaneScratch) -> PledgeMasks {
        let partner = oblPartner.base, kind = oblKind.base
        let bellA = s.bellA, bellB = s.bellB, victim = s.victim
        var m = PledgeMasks()
        for k in lo..<hi {
            let j = Int(partner[k])
            let a = bellA[j], b = bellB[j]
            let kd = kind[k]
            if kd == CrisisEngine.Kind.neutrality || kd == CrisisEngine.Kind.nonaggression {
                // A veto protects only a partner that is a victim (attacked).
                let v = victim[j]
                m.vetoA |= b & v; m.vetoB |= a & v
            } else if kd == CrisisEngine.Kind.consultation {
                m.consA |= a; m.consB |= b
            } else {
                m.fightA |= a; m.fightB |= b
            }
        }
        return m
    }

    /// Phase 1 for state `i` in the lanes `open` (out of the war, nothing decided): every fighting
    /// pledge to a partner at war (attacked, unless the pledge is offensive) and not vetoed is
    /// drawn against its honour probability, raised by consultation; the state decides for the
    /// side whose best honoured pledge is larger, a tie keeps it out. A decision enters after
    /// the entry delay.
    @inline(__always)
    private func decide(_ i: Int, open: UInt64, decidedAt: Int32, _ s: CrisisLaneScratch) {
        let lo = Int(oblOffsets[i]), hi = Int(oblOffsets[i + 1])
        let m = pledgeMasks(lo, hi, s)
        if (m.fightA | m.fightB) & open == 0 { return }
        let candidates = cancelBoth ? open & ~(m.fightA & m.fightB) : open
        if candidates == 0 { return }
        let partner = oblPartner.base, kind = oblKind.base, honour = oblHonour.base
        let bellA = s.bellA, bellB = s.bellB, victim = s.victim, bestA = s.bestA, bestB = s.bestB
        let n = stateCount
        var gotA: UInt64 = 0, gotB: UInt64 = 0
        // Whether this state's consultation credibilities toward side A / B are in `consultA` /
        // `consultB` (they depend on the state, the side and the lane only).
        var cachedA = false, cachedB = false
        for k in lo..<hi {
            let kd = kind[k]
            if kd == CrisisEngine.Kind.neutrality || kd == CrisisEngine.Kind.nonaggression
                || kd == CrisisEngine.Kind.consultation
            {
                continue
            }
            let j = Int(partner[k])
            let attacked = kd == CrisisEngine.Kind.offense ? ~UInt64(0) : victim[j]
            let laneSetA = bellA[j] & attacked & candidates & ~m.vetoA
            let laneSetB = bellB[j] & attacked & candidates & ~m.vetoB
            if laneSetA | laneSetB == 0 { continue }
            let dyad = i &* n &+ j
            if laneSetA != 0 {
                gotA = honourDraws(
                    laneSetA, honour: honour[k], dyad: dyad, consulted: m.consA, side: bellA, best: bestA, got: gotA,
                    consultation: s.consultA, cached: &cachedA, lo, hi, s.seeds)
            }
            if laneSetB != 0 {
                gotB = honourDraws(
                    laneSetB, honour: honour[k], dyad: dyad, consulted: m.consB, side: bellB, best: bestB, got: gotB,
                    consultation: s.consultB, cached: &cachedB, lo, hi, s.seeds)
            }
        }
        record(i, gotA: gotA, gotB: gotB, due: decidedAt &+ delay, s)
    }

    /// Draws one pledge of honour probability `honour` in the lanes `laneSet`: in lane l it is
    /// honoured when `pledgeUniform(seed_l, dyad) < v`, with `v = honour + boost * c * (1 - honour)`
    /// and c the largest credibility of the state's consultation pledges to `side` in that lane
    /// (0 outside `consulted`), computed for all lanes of `consulted` on first use and kept in
    /// `consultation` (`cached` says whether it is filled). Keeps the best honoured `v` per lane in
    /// `best`; returns `got` with the honouring lanes added.
    @inline(__always)
    private func honourDraws(
        _ laneSet: UInt64, honour p: Double, dyad: Int, consulted: UInt64, side: UnsafeMutablePointer<UInt64>,
        best: UnsafeMutablePointer<Double>, got: UInt64, consultation: UnsafeMutablePointer<Double>,
        cached: inout Bool, _ lo: Int, _ hi: Int, _ seeds: UnsafeMutablePointer<UInt64>
    ) -> UInt64 {
        var got = got, lanesLeft = laneSet
        while lanesLeft != 0 {
            let l = lanesLeft.trailingZeroBitCount
            let bit = UInt64(1) << UInt64(l)
            lanesLeft &= lanesLeft &- 1
            var c = 0.0
            if consulted & bit != 0 {
                if !cached {
                    consultationCredibilities(lo, hi, side, consulted, into: consultation)
                    cached = true
                }
                c = consultation[l]
            }
            let v = p + boost * c * (1 - p)
            if CrisisEngine.pledgeUniform(seeds[l], dyad) < v {
                if got & bit == 0 || v > best[l] { best[l] = v }
                got |= bit
            }
        }
        return got
    }

    /// For every lane l in `lanesIn`: the largest credibility of the consultation pledges
    /// (obligations `lo ..< hi`) to states in `side` in lane l (0 if none), into `out[l]`. One pass
    /// over the obligations for all lanes; the same maxima as lane by lane.
    @inline(__always)
    private func consultationCredibilities(
        _ lo: Int, _ hi: Int, _ side: UnsafeMutablePointer<UInt64>, _ lanesIn: UInt64,
        into out: UnsafeMutablePointer<Double>
    ) {
        var m = lanesIn
        while m != 0 {
            let l = m.trailingZeroBitCount
            m &= m &- 1
            out[l] = 0
        }
        let partner = oblPartner.base, kind = oblKind.base, credibility = oblCredibility.base
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

    /// Records state i's decisions: side A where only A's pledges were honoured, B likewise; where
    /// both were, the larger best honour value wins and a tie keeps the state out. Each decision
    /// is due at step `due`.
    @inline(__always)
    private func record(_ i: Int, gotA: UInt64, gotB: UInt64, due: Int32, _ s: CrisisLaneScratch) {
        var both = gotA & gotB
        var decidedA = gotA & ~gotB, decidedB = gotB & ~gotA
        while both != 0 {
            let l = both.trailingZeroBitCount
            let bit = UInt64(1) << UInt64(l)
            both &= both &- 1
            if s.bestA[l] > s.bestB[l] { decidedA |= bit } else if s.bestB[l] > s.bestA[l] { decidedB |= bit }
        }
        var decided = decidedA | decidedB
        if decided == 0 { return }
        s.pending[i] |= decided
        s.pendingA[i] |= decidedA
        let lanes = CrisisLockstep.lanes
        while decided != 0 {
            let l = decided.trailingZeroBitCount
            decided &= decided &- 1
            s.pendingStep[i &* lanes &+ l] = due
        }
    }

    /// Phase 2: a war plan not yet triggered whose actor is at war with one of its triggers (in the
    /// snapshot of step `decidedAt`) is scheduled for `decidedAt + delay`.
    @inline(__always)
    private func schedulePlans(active: UInt64, decidedAt: Int32, _ s: CrisisLaneScratch) {
        let actorOf = planActor.base, trigOff = planTriggerOffsets.base, trig = planTriggers.base
        let lanes = CrisisLockstep.lanes
        for p in 0..<planCount {
            let fresh = s.planFresh[p] & active
            if fresh == 0 { continue }
            let actor = Int(actorOf[p])
            let actorA = s.bellA[actor] & fresh, actorB = s.bellB[actor] & fresh
            if actorA | actorB == 0 { continue }
            var hit: UInt64 = 0
            for q in Int(trigOff[p])..<Int(trigOff[p + 1]) {
                let z = Int(trig[q])
                hit |= (actorA & s.bellB[z]) | (actorB & s.bellA[z])
            }
            if hit == 0 { continue }
            s.planFresh[p] &= ~hit
            s.planScheduled[p] |= hit
            let due = decidedAt &+ delay
            while hit != 0 {
                let l = hit.trailingZeroBitCount
                hit &= hit &- 1
                s.planDue[p &* lanes &+ l] = due
            }
        }
    }

    /// The lanes of `candidates` whose entry (per-lane step in `steps`, 64 per row `row`) is due at
    /// step `t`.
    @inline(__always)
    private func dueLanes(_ candidates: UInt64, row: Int, steps: UnsafeMutablePointer<Int32>, at t: Int32) -> UInt64 {
        var waiting = candidates, due: UInt64 = 0
        let lanes = CrisisLockstep.lanes
        while waiting != 0 {
            let l = waiting.trailingZeroBitCount
            waiting &= waiting &- 1
            if steps[row &* lanes &+ l] == t { due |= UInt64(1) << UInt64(l) }
        }
        return due
    }

    /// Phase 3: the war plans due at step `t` are executed, in plan order: each target not yet at
    /// war is attacked and joins the side opposite the actor (a pending decision for the actor's
    /// side stands, one for the other side is superseded); a target already at war on the other
    /// side is marked as attacked. Returns the lanes where something changed.
    @inline(__always)
    private func executePlans(at t: Int32, active: UInt64, _ s: CrisisLaneScratch) -> UInt64 {
        let actorOf = planActor.base, attOff = planAttackOffsets.base, att = planAttacks.base
        var changed: UInt64 = 0
        for p in 0..<planCount {
            let scheduled = s.planScheduled[p] & active
            if scheduled == 0 { continue }
            let due = dueLanes(scheduled, row: p, steps: s.planDue, at: t)
            if due == 0 { continue }
            s.planScheduled[p] &= ~due
            let actor = Int(actorOf[p])
            let ownA = s.bellA[actor] & due, ownB = s.bellB[actor] & due
            for q in Int(attOff[p])..<Int(attOff[p + 1]) {
                changed |= attack(Int(att[q]), ownA: ownA, ownB: ownB, due: due, at: t, s)
            }
        }
        return changed
    }

    /// One attack of a war plan on `z` in the lanes `due`, by an actor on side A in `ownA` and on
    /// side B in `ownB`. Returns the lanes where z's state changed.
    @inline(__always)
    private func attack(_ z: Int, ownA: UInt64, ownB: UInt64, due: UInt64, at t: Int32, _ s: CrisisLaneScratch)
        -> UInt64
    {
        let fighting = (s.bellA[z] | s.bellB[z]) & due
        // Already at war on the other side: marked as attacked.
        let marked = ((ownA & s.bellB[z]) | (ownB & s.bellA[z])) & ~s.victim[z]
        s.victim[z] |= marked
        if marked != 0 { markPledgedTo(z, s.dirty) }
        let out = due & ~fighting
        // A decision for the actor's side stands; one for the other side is superseded.
        let ownPending = s.pending[z] & out & ((s.pendingA[z] & ownA) | (~s.pendingA[z] & ownB))
        var hitLanes = out & ~ownPending
        if hitLanes == 0 { return marked }
        s.pending[z] &= ~hitLanes
        s.pendingA[z] &= ~hitLanes
        s.bellB[z] |= hitLanes & ownA
        s.bellA[z] |= hitLanes & ownB
        s.victim[z] |= hitLanes
        markPledgedTo(z, s.dirty)
        let changed = marked | hitLanes
        let lanes = CrisisLockstep.lanes
        while hitLanes != 0 {
            let l = hitLanes.trailingZeroBitCount
            hitLanes &= hitLanes &- 1
            s.entryStep[z &* lanes &+ l] = t
        }
        return changed
    }

    /// Phase 5: the decided entries due at step `t` are made. Returns the lanes where a state
    /// entered.
    @inline(__always)
    private func enterDueLanes(at t: Int32, active: UInt64, _ s: CrisisLaneScratch) -> UInt64 {
        var changed: UInt64 = 0
        let lanes = CrisisLockstep.lanes
        for i in 0..<stateCount {
            let waiting = s.pending[i] & active
            if waiting == 0 { continue }
            var due = dueLanes(waiting, row: i, steps: s.pendingStep, at: t)
            if due == 0 { continue }
            let toA = s.pendingA[i] & due
            s.pending[i] &= ~due
            s.pendingA[i] &= ~due
            s.bellA[i] |= toA
            s.bellB[i] |= due & ~toA
            changed |= due
            markPledgedTo(i, s.dirty)
            while due != 0 {
                let l = due.trailingZeroBitCount
                due &= due &- 1
                s.entryStep[i &* lanes &+ l] = t
            }
        }
        return changed
    }
}
