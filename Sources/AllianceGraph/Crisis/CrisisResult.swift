/// Why a state is at war (or was attacked): the tie, plan or calculation behind it.
public enum CrisisCause: Hashable, Sendable {
    /// It started the war.
    case initiator
    /// It is the original target, attacked by `by`.
    case initialAttack(by: StateID)
    /// It entered to honour `obligation` (committed -> partner), whose honour value was `honour`
    /// (`kappa * l`, raised by consultation).
    case pledge(Obligation, honour: Double)
    /// It was attacked under war plan number `index` (scenario order) of `actor`.
    case warPlan(index: Int, actor: StateID)
    /// It joined the side it expected to win, against its rival `against`, seeing that side's
    /// summed power at `ratio` times the other's.
    case opportunism(against: StateID, ratio: Double)
    /// It was attacked by the opportunistic entrant `by`.
    case opportunistAttack(by: StateID)
}

/// One line of a crisis timeline.
public struct CrisisEvent: Hashable, Sendable {
    public enum Role: String, Hashable, Sendable {
        /// The state that started the war.
        case initiator
        /// A state that chose to fight.
        case entrant
        /// A state brought in by an attack (the original target, war-plan and opportunist targets).
        case victim
        /// A belligerent attacked after it entered (its defensive partners may now be triggered).
        case attacked
    }

    public var step: Int
    public var state: StateID
    public var side: CrisisSide
    public var role: Role
    public var cause: CrisisCause
}

/// How one pledge of a state that stayed out was judged at the end of the crisis.
public struct PledgeCheck: Hashable, Sendable {
    public enum Outcome: Hashable, Sendable {
        /// A defensive pledge (`defense`, `guarantee`, `patronage`) whose partner entered by
        /// choice and was never attacked: the casus foederis did not arise.
        case partnerNotAttacked
        /// Triggered but not honoured: below the threshold (deterministic) or not drawn
        /// (stochastic).
        case notHonoured
        /// Triggered, but joining the partner's side is forbidden by the state's neutrality or
        /// non-aggression pledge toward `by`, a victim (attacked) on the other side.
        case vetoed(by: StateID)
        /// The state has fighting pledges to belligerents on both sides (`BothSidesRule.cancel`):
        /// they cancel and it stays out.
        case bothSides
        /// Honoured pledges to both sides of equal strength: the state stays out.
        case tie
        /// A `neutrality` or `nonaggression` pledge to a belligerent: forbids joining against it.
        case restrains
        /// A `consultation` pledge: never triggers on its own.
        case consultation
        /// Honoured, but the state had not entered when the crisis stopped (step limit).
        case stillPending
    }

    public var obligation: Obligation
    /// The side of the partner.
    public var partnerSide: CrisisSide
    /// Honour value `kappa * l`, raised by consultation for the partner's side.
    public var honour: Double
    public var outcome: Outcome
}

/// A state that stayed out, with every pledge it had to a belligerent (empty: none).
public struct CrisisAbstention: Hashable, Sendable {
    public var state: StateID
    public var checks: [PledgeCheck]
}

/// The size of a war: belligerents and their capability per side.
public struct WarSize: Hashable, Sendable {
    public var statesA: Int
    public var statesB: Int
    /// Capability of each side's belligerents as a share of the network's total capability.
    public var capabilityShareA: Double
    public var capabilityShareB: Double

    public var states: Int { statesA + statesB }
    public var capabilityShare: Double { capabilityShareA + capabilityShareB }
}

/// The full record of one crisis (docs/MODEL.md section 4 output).
public struct CrisisResult: Hashable, Sendable {
    public var attacker: StateID
    public var target: StateID
    public var mode: CrisisMode
    public var seed: UInt64
    /// The timeline: one event per entry, plus `attacked` events, ordered by step, then by role
    /// (initiator, victims, entrants, attacked), then by state id.
    public var events: [CrisisEvent]
    /// Each state's side, nil for states that stayed out.
    public var sides: [CrisisSide?]
    /// Each state's entry step, nil for states that stayed out.
    public var entrySteps: [Int?]
    /// The states that stayed out, in id order, with their pledges to belligerents judged.
    public var abstentions: [CrisisAbstention]
    /// Pledges of belligerents to belligerents on the other side (e.g. Germany's guarantee of
    /// Belgium): broken by the war.
    public var brokenPledges: [Obligation]
    public var warSize: WarSize
    /// The last step that changed the war.
    public var steps: Int
    /// True when the crisis stopped at the step limit with entries still pending.
    public var stoppedAtStepLimit: Bool

    /// Builds the record of the run held in `scratch`.
    package init(engine: CrisisEngine, scratch: borrowing CrisisScratch, mode: CrisisMode, seed: UInt64) {
        let n = engine.stateCount
        attacker = StateID(scratch.attacker)
        target = StateID(scratch.target)
        self.mode = mode
        self.seed = seed
        steps = Int(scratch.lastStep)
        stoppedAtStepLimit = scratch.stoppedByLimit
        let sides = (0..<n).map { CrisisSide(rawValue: scratch.side[$0]) }
        let entrySteps = (0..<n).map {
            scratch.entryStep[$0] == CrisisEngine.never ? nil : Int(scratch.entryStep[$0])
        }
        self.sides = sides
        self.entrySteps = entrySteps
        events = Self.events(engine: engine, scratch: scratch, sides: sides, entrySteps: entrySteps)
        warSize = Self.warSize(engine: engine, sides: sides)
        var broken: [Obligation] = []
        var abstentions: [CrisisAbstention] = []
        for i in 0..<n {
            let pledges = Int(engine.oblOffsets[i])..<Int(engine.oblOffsets[i + 1])
            if let own = sides[i] {
                for k in pledges
                where sides[Int(engine.oblPartner[k])] == own.opposite
                    && engine.oblKind[k] != CrisisEngine.Kind.consultation
                {
                    broken.append(engine.obligation(k))
                }
            } else {
                abstentions.append(Self.abstention(i, engine: engine, scratch: scratch, sides: sides))
            }
        }
        self.abstentions = abstentions
        brokenPledges = broken
    }

    /// The entries (and later attacks on entrants) of the run, ordered by step, then role
    /// (initiator, victim, entrant, attacked), then state.
    private static func events(
        engine: CrisisEngine, scratch: borrowing CrisisScratch, sides: [CrisisSide?], entrySteps: [Int?]
    ) -> [CrisisEvent] {
        func cause(_ code: UInt8, _ ref: Int32, _ value: Double) -> CrisisCause {
            switch code {
            case CauseCode.initiator: return .initiator
            case CauseCode.initialAttack: return .initialAttack(by: StateID(Int(ref)))
            case CauseCode.pledge: return .pledge(engine.obligation(Int(ref)), honour: value)
            case CauseCode.warPlan: return .warPlan(index: Int(ref), actor: StateID(Int(engine.planActor[Int(ref)])))
            case CauseCode.opportunism: return .opportunism(against: StateID(Int(ref)), ratio: value)
            default: return .opportunistAttack(by: StateID(Int(ref)))
            }
        }
        var events: [CrisisEvent] = []
        for i in 0..<engine.stateCount {
            guard let side = sides[i], let step = entrySteps[i] else { continue }
            let code = scratch.entryCause[i]
            let role: CrisisEvent.Role =
                code == CauseCode.initiator
                ? .initiator
                : (code == CauseCode.initialAttack || code == CauseCode.warPlan) ? .victim : .entrant
            events.append(
                CrisisEvent(
                    step: step, state: StateID(i), side: side, role: role,
                    cause: cause(code, scratch.entryRef[i], scratch.entryValue[i])))
            let attackedAt = scratch.victimStep[i]
            if attackedAt != CrisisEngine.never && role != .victim {
                events.append(
                    CrisisEvent(
                        step: Int(attackedAt), state: StateID(i), side: side, role: .attacked,
                        cause: cause(scratch.victimCause[i], scratch.victimRef[i], 0)))
            }
        }
        let rank: [CrisisEvent.Role: Int] = [.initiator: 0, .victim: 1, .entrant: 2, .attacked: 3]
        events.sort { ($0.step, rank[$0.role] ?? 0, $0.state.index) < ($1.step, rank[$1.role] ?? 0, $1.state.index) }
        return events
    }

    /// The number of states on each side and their shares of the system's capability.
    private static func warSize(engine: CrisisEngine, sides: [CrisisSide?]) -> WarSize {
        var capA = 0.0, capB = 0.0, countA = 0, countB = 0
        for i in 0..<engine.stateCount {
            if sides[i] == .a { countA += 1; capA += engine.capability[i] }
            if sides[i] == .b { countB += 1; capB += engine.capability[i] }
        }
        let total = engine.totalCapability
        return WarSize(
            statesA: countA, statesB: countB,
            capabilityShareA: total > 0 ? capA / total : .nan,
            capabilityShareB: total > 0 ? capB / total : .nan)
    }

    /// Why state `i`, which stayed out, did not act on each of its pledges to belligerents: the
    /// checks of `CrisisEngine.decide` replayed on the final war (same draws in stochastic runs).
    private static func abstention(
        _ i: Int, engine: CrisisEngine, scratch: borrowing CrisisScratch, sides: [CrisisSide?]
    ) -> CrisisAbstention {
        let pledges = Int(engine.oblOffsets[i])..<Int(engine.oblOffsets[i + 1])
        var consultation: [CrisisSide: Double] = [:]
        var vetoBy: [CrisisSide: StateID] = [:]
        var fighting: Set<CrisisSide> = []
        for k in pledges {
            let j = Int(engine.oblPartner[k])
            guard let sj = sides[j] else { continue }
            switch engine.oblKind[k] {
            case CrisisEngine.Kind.consultation:
                consultation[sj] = max(consultation[sj] ?? 0, engine.oblCredibility[k])
            case CrisisEngine.Kind.neutrality, CrisisEngine.Kind.nonaggression:
                if vetoBy[sj.opposite] == nil && scratch.victimStep[j] != CrisisEngine.never {
                    vetoBy[sj.opposite] = StateID(j)
                }
            default: fighting.insert(sj)
            }
        }
        let cancelled = fighting.count == 2 && engine.options.bothSides == .cancel
        var checks: [PledgeCheck] = []
        for k in pledges {
            let j = Int(engine.oblPartner[k])
            guard let sj = sides[j] else { continue }
            let kind = engine.oblKind[k]
            let p = engine.oblHonour[k]
            let v = p + engine.options.consultationBoost * (consultation[sj] ?? 0) * (1 - p)
            let outcome: PledgeCheck.Outcome
            switch kind {
            case CrisisEngine.Kind.consultation: outcome = .consultation
            case CrisisEngine.Kind.neutrality, CrisisEngine.Kind.nonaggression: outcome = .restrains
            default:
                if kind != CrisisEngine.Kind.offense && scratch.victimStep[j] == CrisisEngine.never {
                    outcome = .partnerNotAttacked
                } else if cancelled {
                    outcome = .bothSides
                } else if let by = vetoBy[sj] {
                    outcome = .vetoed(by: by)
                } else {
                    let honoured =
                        scratch.stochastic
                        ? CrisisEngine.pledgeUniform(scratch.runSeed, i * engine.stateCount + j) < v
                        : v >= engine.options.threshold - 1e-12
                    outcome = !honoured ? .notHonoured : scratch.pendingSide[i] != 0 ? .stillPending : .tie
                }
            }
            checks.append(PledgeCheck(obligation: engine.obligation(k), partnerSide: sj, honour: v, outcome: outcome))
        }
        return CrisisAbstention(state: StateID(i), checks: checks)
    }

    /// The event that brought `state` into the war, if it entered.
    public func entry(of state: StateID) -> CrisisEvent? {
        events.first { $0.state == state && $0.role != .attacked }
    }

    /// The abstention record of `state`, if it stayed out.
    public func abstention(of state: StateID) -> CrisisAbstention? {
        abstentions.first { $0.state == state }
    }

    /// The belligerents, in timeline order.
    public var belligerents: [StateID] {
        events.filter { $0.role != .attacked }.map(\.state)
    }
}
