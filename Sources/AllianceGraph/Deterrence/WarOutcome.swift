/// The expected outcome of one attack `attacker -> target` over an ensemble of stochastic crisis
/// runs (`WarOutcomeModel` gives the formulas; docs/CRISIS.md, "Expected war outcome and
/// deterrence"). Probabilities are means over the runs; strengths are in capability units at the
/// theatre (the target's territory).
package struct WarOutcome: Hashable, Sendable {
    package var attacker: StateID
    package var target: StateID
    package var runs: Int
    /// The seed of the ensemble: run r uses `SeededRandom.derivedSeed(seed, stream: r)`.
    package var seed: UInt64
    /// P(the attacker's side prevails): the mean over runs of `theta S_A / (theta S_A + S_B)`.
    package var prevail: Double
    /// The same for the attacker and the target alone (no state joins): what alliances change.
    package var prevailAlone: Double
    /// Mean strength at the theatre of side A and of side B.
    package var strengthA: Double
    package var strengthB: Double
    /// Mean number of belligerents on each side (the attacker and the target included).
    package var statesA: Double
    package var statesB: Double
    /// Mean share of the network's capability drawn into the war, both sides (W).
    package var warSize: Double
    /// The attacker's stake in [0, 1] (intent and rivalry; 0 means no motive).
    package var stake: Double
    /// Expected utility of attacking, `mean(stake (2 p - 1)) - cost W`; deterred when <= 0.
    package var expectedUtility: Double
    /// Per state, runs in which it fought on side A and on side B (empty unless asked for).
    package var sideACount: [Int]
    package var sideBCount: [Int]

    /// Whether the attacker has a motive (a stake > 0).
    package var motivated: Bool { stake > 0 }
    /// Whether attacking has a positive expected utility.
    package var attractive: Bool { expectedUtility > 0 }
    /// How much the alliances on both sides move the attacker's chance: `prevail - prevailAlone`.
    package var allianceEffect: Double { prevail - prevailAlone }

    /// Share of runs in which `state` fought on `side` (NaN when the coalitions were not kept).
    package func probability(_ state: StateID, side: CrisisSide) -> Double {
        let counts = side == .a ? sideACount : sideBCount
        return counts.isEmpty ? .nan : Double(counts[state.index]) / Double(runs)
    }
}
