extension Simulation {
    /// One war started by the initiation rule (`RuleKind.initiation`; docs/DYNAMICS.md, "War
    /// initiation: deterrence against spiral").
    public struct War: Hashable, Sendable {
        public var round: Int
        public var attacker: StateID
        public var target: StateID
        /// The attacker's expected utility of attacking and P(its side prevails), estimated
        /// before the war from `Initiation.runs` crises.
        public var expectedUtility: Double
        public var prevail: Double
        /// Belligerents of the war that was fought (one stochastic crisis) on each side.
        public var sideA: [StateID]
        public var sideB: [StateID]
        /// Whether the attacker's side won.
        public var attackerWon: Bool
    }
}

/// War initiation (deterrence model): after each round's merge, a state with a motive (intent
/// r > 0, or a rivalry) considers attacking each of its rivals and, when revisionist, each state
/// it borders (COW contiguity types 1-2 or proximity >= 0.8); it attacks the target with the largest
/// expected utility of attacking (`WarOutcomeModel`) when that exceeds `threshold`. Attacks are
/// taken in order of expected utility (then attacker, target); a state fights at most one war per
/// round. Each war is one stochastic crisis on the current network (the coalitions), and the
/// attacker's side wins when a seeded uniform falls below that crisis's `p`.
///
/// After a war: every loser's capability (and GDP) falls by `loss` (a fifth); every pledge that the
/// attack triggered and its holder did not honour (a `defense`, `guarantee` or `patronage` pledge
/// to the target, an `offense` pledge to the attacker, held by a state that stayed out) loses
/// half its credibility; the attacker and the target become rivals of intensity 1. The crisis
/// runs without war plans. Every random choice derives from the run's seed, the round and the
/// pair, so every war is reproducible. `threshold` is `RuleParameters.initiationThreshold`.
package enum Initiation {
    /// Crises per candidate attack to estimate its expected utility.
    package static let runs = 200
    /// Share of capability a loser loses.
    package static let loss = 0.2
    /// Factor applied to the credibility of a triggered pledge that was not honoured.
    package static let brokenFactor = 0.5

    /// The candidate targets of `a`: its rivals, and its neighbours when it is revisionist.
    static func targets(_ network: AllianceNetwork, _ a: StateID) -> [StateID] {
        var result = Set<StateID>()
        for r in network.rivalries where r.pair.low == a || r.pair.high == a { result.insert(r.pair.other(than: a)) }
        if network[a].intent > 0 {
            for c in network.contiguity where (c.pair.low == a || c.pair.high == a) && c.proximity >= 0.8 {
                result.insert(c.pair.other(than: a))
            }
        }
        return result.sorted()
    }

    /// Plays the round's wars on `network` and applies their consequences; returns them in order.
    package static func play(
        _ network: inout AllianceNetwork, environment: SecurityEnvironment, threshold: Double, round: Int,
        seed: UInt64
    ) throws(InputError) -> [Simulation.War] {
        let engine = try CrisisEngine(network: network, environment: environment)
        let ensemble = try WarOutcomeEnsemble(engine: engine)
        let worker = ensemble.makeWorker()
        let roundSeed = SeededRandom.derivedSeed(seed, stream: 0x5741_5200_0000_0000 &+ UInt64(round))
        var candidates: [(eu: Double, p: Double, a: StateID, b: StateID)] = []
        for a in network.ids {
            let motivated =
                network[a].intent > 0 || network.rivalries.contains { $0.pair.low == a || $0.pair.high == a }
            if !motivated { continue }
            for b in targets(network, a) {
                let o = try ensemble.outcome(
                    attacker: a, target: b, runs: runs,
                    seed: DeterrenceMap.pairSeed(roundSeed, a, b, count: network.count), worker: worker)
                if o.expectedUtility > threshold { candidates.append((o.expectedUtility, o.prevail, a, b)) }
            }
        }
        candidates.sort { ($0.eu, $1.a, $1.b) > ($1.eu, $0.a, $0.b) }
        var busy = Set<StateID>()
        var wars: [Simulation.War] = []
        for c in candidates where !busy.contains(c.a) && !busy.contains(c.b) {
            let warSeed = SeededRandom.derivedSeed(roundSeed, stream: UInt64(c.a.index) << 32 | UInt64(c.b.index))
            let crisis = try engine.run(attacker: c.a, target: c.b, mode: .stochastic, seed: warSeed)
            let strength = ensemble.strengths(target: c.b)
            var sA = 0.0, sB = 0.0
            var sideA: [StateID] = [], sideB: [StateID] = []
            for (i, side) in crisis.sides.enumerated() {
                if side == .a { sA += strength[i]; sideA.append(StateID(i)) }
                if side == .b { sB += strength[i]; sideB.append(StateID(i)) }
            }
            var draw = SeededRandom(seed: SeededRandom.derivedSeed(warSeed, stream: 1))
            let won = draw.nextUnit() < WarOutcomeModel.prevail(sA, sB, theta: environment.offenseDefense)
            busy.formUnion(sideA + sideB)
            wars.append(
                Simulation.War(
                    round: round, attacker: c.a, target: c.b, expectedUtility: c.eu, prevail: c.p, sideA: sideA,
                    sideB: sideB, attackerWon: won))
        }
        for war in wars { apply(war, to: &network) }
        return wars
    }

    /// The consequences of `war` (see the type's comment).
    static func apply(_ war: Simulation.War, to network: inout AllianceNetwork) {
        let losers = war.attackerWon ? war.sideB : war.sideA
        for id in losers {
            let i = id.index
            network.states[i].capability *= 1 - loss
            network.states[i].gdp = max(network.states[i].gdp * (1 - loss), AllianceNetwork.magnitudeRange.lowerBound)
        }
        let fought = Set(war.sideA + war.sideB)
        func broken(_ kind: CommitmentKind, _ holder: StateID, _ partner: StateID) -> Bool {
            if fought.contains(holder) { return false }
            switch kind {
            case .defense, .guarantee, .patronage: return partner == war.target
            case .offense: return partner == war.attacker
            default: return false
            }
        }
        for k in network.commitments.indices {
            let c = network.commitments[k]
            if broken(c.kind, c.from, c.to) { network.commitments[k].credibility *= brokenFactor }
            if c.isSymmetric, let reverse = c.reverseCredibility, broken(c.kind, c.to, c.from) {
                network.commitments[k].reverseCredibility = reverse * brokenFactor
            }
        }
        let pair = StatePair(war.attacker, war.target)
        if let k = network.rivalries.firstIndex(where: { $0.pair == pair && $0.until == nil }) {
            network.rivalries[k].intensity = 1
        } else if !network.rivalries.contains(where: { $0.pair == pair }) {
            network.rivalries.append(Rivalry(war.attacker, war.target, intensity: 1))
        }
    }
}
