/// The chain-ganging cascade of docs/MODEL.md section 4, compiled once per network so that it can be
/// rerun cheaply (ensembles, exposure) with different seeds, attackers and targets.
///
/// Construction turns the network into flat arrays: the obligations grouped by committed state
/// in CSR form (Int32 offsets and partners, kind codes, credibility and honour value
/// `kappa * l`), the rivalries in CSR form, and the war plans. A run reads those arrays and
/// writes only into a `CrisisScratch` that the caller reuses, so steps allocate nothing.
///
/// Rules as implemented (docs/CRISIS.md lists every choice docs/MODEL.md leaves open):
/// - Step 0: the initiator is an entrant on side A; the target a victim on side B.
/// - At step t every state still out (not a belligerent, not already decided) reads the frozen
///   snapshot of step t - 1. `defense`, `guarantee` and `patronage` to j trigger when j is a
///   victim; `offense` to j when j is any belligerent. `neutrality`/`nonaggression` toward a
///   belligerent forbid joining the side against it; `consultation` with a belligerent on a side
///   raises the honour value of pledges that would make the state join that side.
/// - Honour value `v = kappa * l`, raised to `v + beta * kappa_c * (1 - v)` by consultation.
///   Deterministic: honoured when `v >= threshold`. Stochastic: when `u_ij < v`, with `u_ij` a
///   uniform drawn once per crisis for state i's word to partner j (a pure function of the run
///   seed and the dyad, shared by i's several fighting pledges to j).
/// - Pledges to both sides: vetoes first, then the side with the larger best honour value; a tie
///   keeps the state out. A decided state enters `delay` steps after the snapshot that moved it,
///   `delay = 1` when theta >= 1, `ceil(1 / theta)` otherwise, and does not reconsider.
/// - A war plan is scheduled when its actor is a belligerent at war with one of its trigger
///   states, and executed `delay` steps later: each attack state not on the actor's side becomes a
///   victim on the other side (a state already there is marked as attacked).
/// - Pledges of belligerents are not consulted: a state at war against its own protégé (Germany,
///   guarantor of Belgium) has broken that pledge; `CrisisResult.brokenPledges` lists them.
/// - Opportunism (optional): see `CrisisOptions`; on summed power of the belligerents.
/// - The crisis ends after a step that changes nothing with no decided entry, scheduled plan or
///   watching opportunist left, or at `maxSteps`.
public struct CrisisEngine: Sendable {
    /// The network the crisis runs on (ties already restricted to those in force).
    public let network: AllianceNetwork
    public let environment: SecurityEnvironment
    public let warPlans: [WarPlan]
    public let options: CrisisOptions
    /// Steps between a decision and the entry: 1 when theta >= 1, ceil(1 / theta) otherwise.
    public let entryDelay: Int

    let stateCount: Int
    let power: [Double]
    let capability: [Double]
    let totalCapability: Double
    // Obligations by committed state (CSR).
    let oblOffsets: [Int32]
    let oblPartner: [Int32]
    let oblKind: [UInt8]
    let oblCredibility: [Double]
    let oblHonour: [Double]
    // Rivalries (symmetric, CSR).
    let rivOffsets: [Int32]
    let rivTargets: [Int32]
    // War plans.
    let planActor: [Int32]
    let planTriggerOffsets: [Int32]
    let planTriggers: [Int32]
    let planAttackOffsets: [Int32]
    let planAttacks: [Int32]
    /// Standard deviation of the log power ratio an opportunist perceives (stochastic mode).
    let perceptionNoise: Double

    /// Kind codes of the obligation arrays.
    enum Kind {
        static let defense: UInt8 = 0, offense: UInt8 = 1, neutrality: UInt8 = 2, nonaggression: UInt8 = 3
        static let consultation: UInt8 = 4, guarantee: UInt8 = 5, patronage: UInt8 = 6

        static func code(_ kind: CommitmentKind) -> UInt8 {
            switch kind {
            case .defense: return defense
            case .offense: return offense
            case .neutrality: return neutrality
            case .nonaggression: return nonaggression
            case .consultation: return consultation
            case .guarantee: return guarantee
            case .patronage: return patronage
            }
        }

        static let kinds: [CommitmentKind] = [
            .defense, .offense, .neutrality, .nonaggression, .consultation, .guarantee, .patronage,
        ]
    }

    /// An engine for the scenario's network as it stood in `year` (default: the scenario's
    /// year), with the scenario's security environment and war plans.
    public init(scenario: Scenario, year: Int? = nil, options: CrisisOptions = CrisisOptions()) throws(InputError) {
        try self.init(
            network: scenario.activeNetwork(year: year), environment: scenario.parameters,
            warPlans: scenario.warPlans, options: options)
    }

    /// An engine for `network` (use `inForce(in:)` first to pick a year).
    public init(
        network: AllianceNetwork, environment: SecurityEnvironment = SecurityEnvironment(),
        warPlans: [WarPlan] = [], options: CrisisOptions = CrisisOptions()
    ) throws(InputError) {
        try environment.validate()
        try options.validate()
        let n = network.count
        for (index, plan) in warPlans.enumerated() {
            for id in [plan.actor] + plan.trigger + plan.attack where !(0..<n).contains(id.index) {
                throw InputError(
                    location: "warPlans[\(index)]", "state id \(id.index) is out of range; the network has \(n) states")
            }
        }
        self.network = network
        self.environment = environment
        self.warPlans = warPlans
        self.options = options
        let theta = environment.offenseDefense
        entryDelay = theta >= 1 ? 1 : max(1, Int((1 / theta).rounded(.up)))
        stateCount = n
        power = network.states.map(\.power)
        capability = network.states.map(\.capability)
        totalCapability = capability.reduce(0, +)
        perceptionNoise = environment.noiseStandardDeviation

        let obligations = network.obligations.filter { $0.credibility > 0 }
            .sorted { ($0.committed, $0.partner, Kind.code($0.kind)) < ($1.committed, $1.partner, Kind.code($1.kind)) }
        var offsets = [Int32](repeating: 0, count: n + 1)
        for o in obligations { offsets[o.committed.index + 1] += 1 }
        for i in 0..<n { offsets[i + 1] += offsets[i] }
        oblOffsets = offsets
        oblPartner = obligations.map { Int32($0.partner.index) }
        oblKind = obligations.map { Kind.code($0.kind) }
        oblCredibility = obligations.map(\.credibility)
        oblHonour = obligations.map { $0.credibility * environment.reliability }

        var rivalLists = [[Int32]](repeating: [], count: n)
        for rivalry in network.rivalries {
            rivalLists[rivalry.pair.low.index].append(Int32(rivalry.pair.high.index))
            rivalLists[rivalry.pair.high.index].append(Int32(rivalry.pair.low.index))
        }
        var rOffsets: [Int32] = [0]
        var rTargets: [Int32] = []
        for list in rivalLists {
            rTargets += Array(Set(list)).sorted()
            rOffsets.append(Int32(rTargets.count))
        }
        rivOffsets = rOffsets
        rivTargets = rTargets

        planActor = warPlans.map { Int32($0.actor.index) }
        var tOffsets: [Int32] = [0], aOffsets: [Int32] = [0]
        var triggers: [Int32] = [], attacks: [Int32] = []
        for plan in warPlans {
            triggers += plan.trigger.map { Int32($0.index) }
            attacks += plan.attack.map { Int32($0.index) }
            tOffsets.append(Int32(triggers.count))
            aOffsets.append(Int32(attacks.count))
        }
        planTriggerOffsets = tOffsets
        planTriggers = triggers
        planAttackOffsets = aOffsets
        planAttacks = attacks
    }

    /// The number of directed obligations the engine holds (pledges with credibility > 0).
    public var obligationCount: Int { oblPartner.count }

    /// The obligation with engine index `k` (CSR order: committed state, partner, kind).
    package func obligation(_ k: Int) -> Obligation {
        var committed = 0
        while Int(oblOffsets[committed + 1]) <= k { committed += 1 }
        return Obligation(
            kind: Kind.kinds[Int(oblKind[k])], committed: StateID(committed),
            partner: StateID(Int(oblPartner[k])), credibility: oblCredibility[k])
    }

    /// A fresh scratch for this engine (one per worker thread).
    @_spi(Internals) public func makeScratch() -> CrisisScratch {
        CrisisScratch(stateCount: stateCount, planCount: planActor.count)
    }

    /// Checks that `attacker` and `target` name two different states of the network.
    public func validate(attacker: StateID, target: StateID) throws(InputError) {
        for (label, id) in [("attacker", attacker), ("target", target)] where !(0..<stateCount).contains(id.index) {
            throw InputError(
                location: label, "state id \(id.index) is out of range; the network has \(stateCount) states")
        }
        if attacker == target {
            throw InputError(location: "target", "the target must differ from the attacker")
        }
    }

    /// The state named by `name`: its code (`"GMY"`), else its COW number (`"255"`) when exactly
    /// one state holds it. Throws an error naming `field` when no state matches.
    public func stateID(named name: String, field: String = "state") throws(InputError) -> StateID {
        guard let id = network.id(forCodeOrNumber: name) else {
            throw InputError(location: field, "no state has the code or COW number \"\(name)\"")
        }
        return id
    }

    /// As `run(attacker:target:mode:seed:)`, with the two states named by code or COW number
    /// (`try engine.run(attacker: "AUH", target: "YUG")`).
    public func run(
        attacker: String, target: String, mode: CrisisMode = .deterministic, seed: UInt64 = 0
    ) throws(InputError) -> CrisisResult {
        try run(
            attacker: try stateID(named: attacker, field: "attacker"),
            target: try stateID(named: target, field: "target"),
            mode: mode, seed: seed)
    }

    /// Runs one crisis and returns the full record: timeline, causes, abstentions and war size.
    /// `seed` drives the stochastic mode (ignored in deterministic mode).
    public func run(
        attacker: StateID, target: StateID, mode: CrisisMode = .deterministic,
        seed: UInt64 = 0
    ) throws(InputError) -> CrisisResult {
        try validate(attacker: attacker, target: target)
        var scratch = makeScratch()
        simulate(
            attacker: attacker.index, target: target.index, stochastic: mode == .stochastic,
            runSeed: seed, scratch: &scratch)
        return CrisisResult(engine: self, scratch: scratch, mode: mode, seed: seed)
    }

    // MARK: - The cascade

    static let never = Int32.max

    /// The uniform draw in [0, 1) for the word of state i to partner j (`dyad = i * N + j`) in
    /// the run seeded `runSeed`. A pure function, so the draw is made once per pledge per crisis
    /// whatever the order of evaluation. One draw per directed dyad, shared by all of i's
    /// fighting pledges to j (ATOP codes one treaty's `defense` and `offense` obligations as two
    /// pledges; independent draws would let a state honour "one of them" more often than either):
    /// a pledge with honour value v is honoured when u < v.
    @inline(__always)
    static func pledgeUniform(_ runSeed: UInt64, _ dyad: Int) -> Double {
        Double(SeededRandom.derivedSeed(runSeed, stream: UInt64(dyad)) >> 11) * 0x1.0p-53
    }

    /// Multiplicative misperception exp(eps_i), eps_i ~ Normal(0, sigma^2), of state i's view
    /// of the power ratio, drawn once per state per crisis.
    func perceptionFactor(_ runSeed: UInt64, _ i: Int) -> Double {
        guard perceptionNoise > 0 else { return 1 }
        var rng = SeededRandom(seed: SeededRandom.derivedSeed(runSeed, stream: 0x1_0000_0000 &+ UInt64(i)))
        return exp(perceptionNoise * rng.nextGaussian())
    }

    /// What state `i` would do from the snapshot of step `prev`: the side it joins (0 = none)
    /// and the pledge that moves it, plus the vetoes an opportunist obeys (a neutrality or
    /// non-aggression partner among the belligerents of the other side, victim or not).
    ///
    /// Pledge vetoes bar a side only when the partner the state is pledged not to fight is a
    /// victim (attacked); a partner that attacked or chose to fight has no such protection.
    /// Under `BothSidesRule.cancel` a state with fighting pledges to belligerents on both sides
    /// stays out.
    @inline(__always)
    func decide(
        _ i: Int, prev: Int32, stochastic: Bool, runSeed: UInt64,
        scratch: borrowing CrisisScratch
    ) -> (side: Int8, obligation: Int32, honour: Double, vetoA: Bool, vetoB: Bool) {
        let lo = Int(oblOffsets[i]), hi = Int(oblOffsets[i + 1])
        var vetoA = false, vetoB = false, anyVetoA = false, anyVetoB = false
        var consA = 0.0, consB = 0.0
        var fightA = false, fightB = false
        for k in lo..<hi {
            let j = Int(oblPartner[k])
            guard scratch.entryStep[j] <= prev else { continue }
            let sj = scratch.side[j]
            switch oblKind[k] {
            case Kind.neutrality, Kind.nonaggression:
                let victim = scratch.victimStep[j] <= prev
                if sj == 2 {
                    anyVetoA = true; vetoA = vetoA || victim
                } else {
                    anyVetoB = true; vetoB = vetoB || victim
                }
            case Kind.consultation:
                if sj == 1 { consA = max(consA, oblCredibility[k]) } else { consB = max(consB, oblCredibility[k]) }
            default:
                if sj == 1 { fightA = true } else { fightB = true }
            }
        }
        guard fightA || fightB else { return (0, -1, 0, anyVetoA, anyVetoB) }
        if fightA && fightB && options.bothSides == .cancel { return (0, -1, 0, anyVetoA, anyVetoB) }
        var bestA = -1.0, bestB = -1.0
        var oblA: Int32 = -1, oblB: Int32 = -1
        let boost = options.consultationBoost, threshold = options.threshold - 1e-12
        for k in lo..<hi {
            let kind = oblKind[k]
            if kind == Kind.neutrality || kind == Kind.nonaggression || kind == Kind.consultation { continue }
            let j = Int(oblPartner[k])
            guard scratch.entryStep[j] <= prev else { continue }
            if kind != Kind.offense && scratch.victimStep[j] > prev { continue }
            let sj = scratch.side[j]
            if (sj == 1 && vetoA) || (sj == 2 && vetoB) { continue }
            let p = oblHonour[k]
            let v = p + boost * (sj == 1 ? consA : consB) * (1 - p)
            let honoured = stochastic ? CrisisEngine.pledgeUniform(runSeed, i &* stateCount &+ j) < v : v >= threshold
            guard honoured else { continue }
            if sj == 1 {
                if v > bestA { bestA = v; oblA = Int32(k) }
            } else if v > bestB {
                bestB = v; oblB = Int32(k)
            }
        }
        if oblA >= 0 && oblB >= 0 {
            if bestA > bestB { return (1, oblA, bestA, anyVetoA, anyVetoB) }
            if bestB > bestA { return (2, oblB, bestB, anyVetoA, anyVetoB) }
            return (0, -1, 0, anyVetoA, anyVetoB)
        }
        if oblA >= 0 { return (1, oblA, bestA, anyVetoA, anyVetoB) }
        if oblB >= 0 { return (2, oblB, bestB, anyVetoA, anyVetoB) }
        return (0, -1, 0, anyVetoA, anyVetoB)
    }

    /// Calls off the pledge entries due at step `t` that `entryBlocked` forbids; true if any was.
    @inline(__always)
    func callOffBlockedEntries(at t: Int32, pendingCount: inout Int, _ scratch: inout CrisisScratch) -> Bool {
        var calledOff = false
        for i in 0..<stateCount
        where scratch.pendingSide[i] != 0 && scratch.pendingStep[i] == t
            && scratch.pendingCause[i] == CauseCode.pledge
            && entryBlocked(i, side: scratch.pendingSide[i], scratch: scratch)
        {
            scratch.pendingSide[i] = 0
            pendingCount -= 1
            calledOff = true
        }
        return calledOff
    }

    /// True when state `i`, decided for `side`, may no longer enter it at the current step: a
    /// neutrality or non-aggression partner of i is now a victim on the other side, or (under
    /// `BothSidesRule.cancel`) i now has fighting pledges to belligerents on both sides. Judged
    /// on the war as it stands after the war plans of the step, before its entries.
    @inline(__always)
    func entryBlocked(_ i: Int, side: Int8, scratch: borrowing CrisisScratch) -> Bool {
        let never = CrisisEngine.never
        var fightA = false, fightB = false
        for k in Int(oblOffsets[i])..<Int(oblOffsets[i + 1]) {
            let j = Int(oblPartner[k])
            let sj = scratch.side[j]
            guard sj != 0 else { continue }
            switch oblKind[k] {
            case Kind.neutrality, Kind.nonaggression:
                if sj != side && scratch.victimStep[j] != never { return true }
            case Kind.consultation: continue
            default:
                if sj == 1 { fightA = true } else { fightB = true }
            }
        }
        return fightA && fightB && options.bothSides == .cancel
    }

    /// Runs the cascade `attacker -> target` into `scratch` (which is reset first). No
    /// allocation once the scratch exists.
    ///
    /// Each step t has five phases, all reading the war as it stood at step t - 1 unless said:
    /// decisions (pledges, then opportunism), war plans scheduled, war plans due executed, due
    /// pledge entries the war now forbids called off, due entries made. The cascade stops when a
    /// step changes nothing and nothing is pending, or at `options.maxSteps`.
    @_spi(Internals) public func simulate(
        attacker: Int, target: Int, stochastic: Bool, runSeed: UInt64, scratch: inout CrisisScratch
    ) {
        scratch.reset(runSeed: runSeed, stochastic: stochastic, attacker: attacker, target: target)
        startWar(attacker: attacker, target: target, &scratch)
        var open = OpenWork()
        var lastStep: Int32 = 0
        var t: Int32 = 1
        var stoppedByLimit = false
        let draw = Draw(stochastic: stochastic, runSeed: runSeed)
        while true {
            if Int(t) > options.maxSteps {
                stoppedByLimit = !open.isEmpty
                break
            }
            makeDecisions(at: t, draw, &open, &scratch)
            schedulePlans(decidedAt: t - 1, &open, &scratch)
            var changed = open.plansScheduled > 0 && executePlans(at: t, &open, &scratch)
            // All due entries are checked before any enters, so the order of states does not matter.
            let calledOff = open.pending > 0 && callOffBlockedEntries(at: t, pendingCount: &open.pending, &scratch)
            if open.pending > 0 && enterDueStates(at: t, &open, &scratch) { changed = true }
            if changed { lastStep = t }
            if !changed && !calledOff && open.isEmpty { break }
            t += 1
        }
        scratch.lastStep = lastStep
        scratch.stoppedByLimit = stoppedByLimit
    }

    /// What keeps a cascade going: entries decided but not made, states watching for an
    /// opportunity, war plans scheduled but not executed.
    struct OpenWork {
        var pending = 0, watching = 0, plansScheduled = 0
        var isEmpty: Bool { pending == 0 && watching == 0 && plansScheduled == 0 }
    }

    /// The run's mode and seed: stochastic runs draw pledges and perceptions from `runSeed`.
    struct Draw {
        let stochastic: Bool
        let runSeed: UInt64
    }

    /// Step 0: the attacker on side 1, the target attacked on side 2.
    @inline(__always)
    private func startWar(attacker: Int, target: Int, _ scratch: inout CrisisScratch) {
        scratch.side[attacker] = 1
        scratch.entryStep[attacker] = 0
        scratch.entryCause[attacker] = CauseCode.initiator
        scratch.side[target] = 2
        scratch.entryStep[target] = 0
        scratch.victimStep[target] = 0
        scratch.entryCause[target] = CauseCode.initialAttack
        scratch.entryRef[target] = Int32(attacker)
        scratch.victimCause[target] = CauseCode.initialAttack
        scratch.victimRef[target] = Int32(attacker)
    }

    /// Phase 1: every state out of the war with nothing decided decides from the snapshot of step
    /// t - 1: an honoured pledge enters after the entry delay; otherwise, with opportunism on, it
    /// may watch for, and then take, the chance to join the side expected to win.
    @inline(__always)
    private func makeDecisions(at t: Int32, _ draw: Draw, _ open: inout OpenWork, _ scratch: inout CrisisScratch) {
        let never = CrisisEngine.never, prev = t - 1
        let powers = options.opportunism ? coalitionPowers(at: prev, scratch) : (0, 0)
        for i in 0..<stateCount {
            if scratch.entryStep[i] != never || scratch.pendingSide[i] != 0 { continue }
            let d = decide(i, prev: prev, stochastic: draw.stochastic, runSeed: draw.runSeed, scratch: scratch)
            if d.side != 0 {
                scratch.pendingSide[i] = d.side
                scratch.pendingStep[i] = prev + Int32(entryDelay)
                scratch.pendingCause[i] = CauseCode.pledge
                scratch.pendingRef[i] = d.obligation
                scratch.pendingValue[i] = d.honour
                open.pending += 1
                if scratch.watchSide[i] != 0 { scratch.watchSide[i] = 0; open.watching -= 1 }
                continue
            }
            guard options.opportunism else { continue }
            considerOpportunity(
                i, at: t, vetoA: d.vetoA, vetoB: d.vetoB, powers: powers, draw, &open, &scratch)
        }
    }

    /// Sum of the power of the belligerents on each side at step `prev`.
    @inline(__always)
    private func coalitionPowers(at prev: Int32, _ scratch: borrowing CrisisScratch) -> (a: Double, b: Double) {
        var powerA = 0.0, powerB = 0.0
        for j in 0..<stateCount where scratch.entryStep[j] <= prev {
            if scratch.side[j] == 1 { powerA += power[j] } else { powerB += power[j] }
        }
        return (powerA, powerB)
    }

    /// Opportunism for state `i` (no pledge honoured): the side whose power ratio, seen through i's
    /// perception bias, reaches `opportunismFactor` is the expected winner; when i has a rival on
    /// the losing side and no veto against the winner, i watches, and after `opportunismDelay`
    /// consecutive steps of the same expectation it enters at once.
    @inline(__always)
    private func considerOpportunity(
        _ i: Int, at t: Int32, vetoA: Bool, vetoB: Bool, powers: (a: Double, b: Double), _ draw: Draw,
        _ open: inout OpenWork, _ scratch: inout CrisisScratch
    ) {
        let prev = t - 1, factor = options.opportunismFactor
        var winner: Int8 = 0
        var ratio = 0.0
        if powers.a > 0 || powers.b > 0 {
            if draw.stochastic && scratch.perception[i].isNaN {
                scratch.perception[i] = perceptionFactor(draw.runSeed, i)
            }
            let bias = draw.stochastic ? scratch.perception[i] : 1
            ratio = (powers.b > 0 ? powers.a / powers.b : .infinity) * bias
            if ratio >= factor { winner = 1 } else if ratio * factor <= 1 { winner = 2 }
        }
        var rival: Int32 = -1
        if winner != 0 && !(winner == 1 ? vetoA : vetoB) {
            let loser: Int8 = 3 - winner
            for r in Int(rivOffsets[i])..<Int(rivOffsets[i + 1]) {
                let j = Int(rivTargets[r])
                if scratch.entryStep[j] <= prev && scratch.side[j] == loser { rival = Int32(j); break }
            }
        }
        if rival < 0 {
            if scratch.watchSide[i] != 0 { scratch.watchSide[i] = 0; open.watching -= 1 }
            return
        }
        if scratch.watchSide[i] != winner {
            if scratch.watchSide[i] == 0 { open.watching += 1 }
            scratch.watchSide[i] = winner
            scratch.watchSince[i] = prev
        }
        if prev - scratch.watchSince[i] + 1 >= Int32(options.opportunismDelay) {
            scratch.watchSide[i] = 0
            open.watching -= 1
            scratch.pendingSide[i] = winner
            scratch.pendingStep[i] = t
            scratch.pendingCause[i] = CauseCode.opportunism
            scratch.pendingRef[i] = rival
            scratch.pendingValue[i] = winner == 1 ? ratio : 1 / ratio
            open.pending += 1
        }
    }

    /// Phase 2: a war plan not yet scheduled whose actor is at war with one of its triggers at
    /// step `decidedAt` is scheduled for `decidedAt + entryDelay`.
    @inline(__always)
    private func schedulePlans(decidedAt prev: Int32, _ open: inout OpenWork, _ scratch: inout CrisisScratch) {
        for p in 0..<planActor.count where scratch.planDue[p] == CrisisEngine.never {
            let actor = Int(planActor[p])
            guard scratch.entryStep[actor] <= prev else { continue }
            let enemy: Int8 = 3 - scratch.side[actor]
            for q in Int(planTriggerOffsets[p])..<Int(planTriggerOffsets[p + 1]) {
                let z = Int(planTriggers[q])
                if scratch.entryStep[z] <= prev && scratch.side[z] == enemy {
                    scratch.planDue[p] = prev + Int32(entryDelay)
                    open.plansScheduled += 1
                    break
                }
            }
        }
    }

    /// Phase 3: the war plans due at step `t` are executed, in plan order. A target out of the war
    /// is attacked and joins the side opposite the actor (a decision for the actor's side stands;
    /// one for the other side, or a watch, is dropped); a target already at war on the other side
    /// is marked as attacked. Returns true when something changed.
    @inline(__always)
    private func executePlans(at t: Int32, _ open: inout OpenWork, _ scratch: inout CrisisScratch) -> Bool {
        let never = CrisisEngine.never
        var changed = false
        for p in 0..<planActor.count where scratch.planDue[p] == t {
            scratch.planDue[p] = -1
            open.plansScheduled -= 1
            let own = scratch.side[Int(planActor[p])], enemy: Int8 = 3 - own
            for q in Int(planAttackOffsets[p])..<Int(planAttackOffsets[p + 1]) {
                let z = Int(planAttacks[q])
                if scratch.entryStep[z] != never {
                    if scratch.side[z] == enemy && scratch.victimStep[z] == never {
                        scratch.victimStep[z] = t
                        scratch.victimCause[z] = CauseCode.warPlan
                        scratch.victimRef[z] = Int32(p)
                        changed = true
                    }
                    continue
                }
                if scratch.pendingSide[z] == own { continue }
                if scratch.pendingSide[z] != 0 { scratch.pendingSide[z] = 0; open.pending -= 1 }
                if scratch.watchSide[z] != 0 { scratch.watchSide[z] = 0; open.watching -= 1 }
                scratch.side[z] = enemy
                scratch.entryStep[z] = t
                scratch.victimStep[z] = t
                scratch.entryCause[z] = CauseCode.warPlan
                scratch.entryRef[z] = Int32(p)
                scratch.victimCause[z] = CauseCode.warPlan
                scratch.victimRef[z] = Int32(p)
                changed = true
            }
        }
        return changed
    }

    /// Phase 5: the decided entries due at step `t` are made, in state order; an opportunist's
    /// entry attacks its rivals at war on the other side. Returns true when a state entered.
    @inline(__always)
    private func enterDueStates(at t: Int32, _ open: inout OpenWork, _ scratch: inout CrisisScratch) -> Bool {
        var changed = false
        for i in 0..<stateCount where scratch.pendingSide[i] != 0 && scratch.pendingStep[i] == t {
            let s = scratch.pendingSide[i]
            scratch.pendingSide[i] = 0
            open.pending -= 1
            scratch.side[i] = s
            scratch.entryStep[i] = t
            scratch.entryCause[i] = scratch.pendingCause[i]
            scratch.entryRef[i] = scratch.pendingRef[i]
            scratch.entryValue[i] = scratch.pendingValue[i]
            changed = true
            if scratch.pendingCause[i] == CauseCode.opportunism { attackRivals(of: i, side: s, at: t, &scratch) }
        }
        return changed
    }

    /// An opportunist `i` entering on `side` attacks its rivals at war on the other side that are
    /// not yet victims.
    @inline(__always)
    private func attackRivals(of i: Int, side: Int8, at t: Int32, _ scratch: inout CrisisScratch) {
        let never = CrisisEngine.never, enemy: Int8 = 3 - side
        for r in Int(rivOffsets[i])..<Int(rivOffsets[i + 1]) {
            let j = Int(rivTargets[r])
            if scratch.entryStep[j] != never && scratch.side[j] == enemy && scratch.victimStep[j] == never {
                scratch.victimStep[j] = t
                scratch.victimCause[j] = CauseCode.opportunistAttack
                scratch.victimRef[j] = Int32(i)
            }
        }
    }
}

/// Codes for why a state is at war, stored in the scratch.
enum CauseCode {
    static let none: UInt8 = 0, initiator: UInt8 = 1, initialAttack: UInt8 = 2, pledge: UInt8 = 3
    static let warPlan: UInt8 = 4, opportunism: UInt8 = 5, opportunistAttack: UInt8 = 6
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
