/// Small system indicators of docs/MODEL.md section 5: polarity, burden-sharing and mean credibility.
package enum SystemIndicators {
    /// Polarity: the number of blocs holding at least `threshold` (10 %) of the system's
    /// capability (military power `P_i`, equal to capability c_i at t = 0). Blocs are the Leiden
    /// blocs of the alliance graph (`BlocPartition`), so an unallied great power is a pole of
    /// its own. 0 when total power is 0. Higher = more poles (1 unipolar, 2 bipolar, ...).
    package static func polarity(blocs membership: [Int], power: [Double], threshold: Double = 0.10) -> Int {
        let total = power.reduce(0, +)
        guard total > 0 else { return 0 }
        var share: [Int: Double] = [:]
        for (state, bloc) in membership.enumerated() { share[bloc, default: 0] += power[state] / total }
        return share.values.filter { $0 >= threshold - 1e-12 }.count
    }

    /// Burden-sharing: Spearman's rank correlation between capability c_i and military effort
    /// m_i (share of GDP spent on defence) over the states with at least one ally (alliance
    /// graph degree >= 1), average ranks for ties (`RankCorrelation`). Positive: the larger
    /// allies carry a larger share of their economy (Olson & Zeckhauser 1966's exploitation of
    /// the great by the small); near 0 or negative: no such pattern. NaN with fewer than 3 allied
    /// states or constant capability or effort among them.
    package static func burdenSharing(_ network: AllianceNetwork) -> Double {
        // A state is allied when it is an end of an edge of the alliance graph (`AllianceGraphView`:
        // a commitment of any kind with strength above 0); read off the commitments directly,
        // without building the graph (a bucket sort of every pair at millions of ties).
        var allied = [Bool](repeating: false, count: network.count)
        for commitment in network.commitments where AllianceGraphView.strength(of: commitment) > 0 {
            allied[commitment.from.index] = true
            allied[commitment.to.index] = true
        }
        let members = network.states.indices.filter { allied[$0] }
        guard members.count >= 3 else { return .nan }
        return RankCorrelation.spearman(
            members.map { network.states[$0].capability },
            members.map { network.states[$0].effort })
    }

    /// Mean credibility: the mean credibility kappa over the directed obligations in force with
    /// credibility > 0 (a pledge of 0, the silent direction of a one-sided commitment, is not an
    /// obligation). In (0, 1]; NaN without obligations. The one definition: the `metrics` command
    /// and the simulation's `system.csv` both use it. O(commitments), no allocation.
    public static func meanCredibility(_ network: AllianceNetwork) -> Double {
        var sum = 0.0, count = 0
        for commitment in network.commitments {
            commitment.forEachObligation { obligation in
                if obligation.credibility > 0 {
                    sum += obligation.credibility
                    count += 1
                }
            }
        }
        return count == 0 ? .nan : sum / Double(count)
    }
}
