/// The expected-outcome model of an attack `a -> b`: how the two coalitions of a crisis run turn
/// into a probability that the attacker's side prevails, and the attacker's expected utility of
/// attacking (docs/CRISIS.md, "Expected war outcome and deterrence").
///
/// Strength at the theatre. The war is fought where the attack lands, on the target's territory.
/// A state's power is discounted by its distance from there with a loss-of-strength gradient
/// (Boulding 1962, as used by Bueno de Mesquita 1981, The War Trap, ch. 4, who discounts CINC by
/// the miles to the theatre over the miles an army moves per day): `s_i(b) = P_i * pi(b, i)^gamma`,
/// where `P_i` is the state's power (capability scaled by effort) and `pi(b, i)` the scenario's
/// proximity of `i` seen from `b` (1 land border; 0.8, 0.6, 0.4, 0.2 for water of 12, 24, 150,
/// 400 miles; 0.1 otherwise; a great power's global reach lifts it to at least 0.5, geography still
/// counting above that: `Contiguity.proximity(base:major:)`). The target fights at
/// home: `s_b(b) = P_b`. Scenarios carry proximity classes, not miles, so the gradient acts on
/// them; `gamma` (default 1) sets its steepness (0: no loss of strength).
///
/// Probability of prevailing, per run with coalitions `A` and `B` (a ratio contest: Bueno de
/// Mesquita's `P = C_A / (C_A + C_B)`), with the offence-defence balance theta favouring the
/// attacker when offence dominates (theta > 1) and the defender when defence does (Jervis 1978):
/// `p = theta * S_A / (theta * S_A + S_B)`, `S_X = sum over X of s_i(b)`; 1/2 when both are 0.
///
/// Expected utility of attacking, in units of the stake: `EU = stake * (2 p - 1) - cost * W`,
/// averaged over runs, where winning gains the stake, losing forfeits it (Bueno de Mesquita's
/// `P (U_win) + (1 - P) (U_lose)` with the status quo at 0), `stake = 1 - (1 - r_a)(1 - rho_ab)`
/// (the attacker's intent r_a and its rivalry with the target rho_ab, combined as independent
/// motives; 0 without either), and `W` is the share of the network's capability drawn into the
/// war (both sides), weighted by `cost` (default 0.25: a war of the whole system costs a quarter
/// of the stake). An attack is deterred when `EU <= 0`.
@_spi(Internals) public struct WarOutcomeModel: Hashable, Sendable {
    /// Steepness gamma >= 0 of the loss-of-strength gradient (default 1).
    package var gradient: Double = 1
    /// Cost weight >= 0 of the expected war size (default 0.25, in units of the stake).
    package var costWeight: Double = 0.25

    public init(gradient: Double = 1, costWeight: Double = 0.25) {
        self.gradient = gradient
        self.costWeight = costWeight
    }

    /// Checks the parameters' ranges.
    package func validate() throws(InputError) {
        try AllianceNetwork.check(gradient, at: "gradient", "a number in [0, 10]") { (0...10).contains($0) }
        try AllianceNetwork.check(costWeight, at: "costWeight", "a number in [0, 100]") { (0...100).contains($0) }
    }

    /// Each state's strength at the theatre of an attack on `target` (capability units), O(N log d).
    func strengths(_ network: AllianceNetwork, proximity: ProximityTable, target: Int) -> [Double] {
        let states = network.states
        var result = [Double](repeating: 0, count: states.count)
        for i in states.indices {
            let reach = i == target ? 1 : proximity.value(of: i, from: target)
            result[i] = states[i].power * Self.discount(reach, gradient)
        }
        return result
    }

    /// `pi^gamma`, exactly 1 for gamma = 0 and exactly pi for gamma = 1.
    static func discount(_ pi: Double, _ gamma: Double) -> Double {
        gamma == 1 ? pi : gamma == 0 ? 1 : pow(pi, gamma)
    }

    /// The probability that a side of strength `attacking` prevails against one of `defending`.
    @inline(__always)
    static func prevail(_ attacking: Double, _ defending: Double, theta: Double) -> Double {
        let total = theta * attacking + defending
        return total > 0 ? theta * attacking / total : 0.5
    }

    /// The stake of `a` in attacking `b`: `1 - (1 - r_a)(1 - rho_ab)` in [0, 1].
    static func stake(_ network: AllianceNetwork, rivalry: [StatePair: Double], _ a: Int, _ b: Int) -> Double {
        let r = network.states[a].intent
        let rho = rivalry[StatePair(StateID(a), StateID(b))] ?? 0
        return 1 - (1 - r) * (1 - rho)
    }

    /// The strongest rivalry intensity of each pair (rivalries already restricted to a year).
    static func rivalryIntensities(_ network: AllianceNetwork) -> [StatePair: Double] {
        var result: [StatePair: Double] = [:]
        for r in network.rivalries { result[r.pair] = max(result[r.pair] ?? 0, r.intensity) }
        return result
    }
}

#if canImport(Foundation)
    import Foundation
#endif
