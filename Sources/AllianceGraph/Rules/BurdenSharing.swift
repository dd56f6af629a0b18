/// Burden-sharing (MODEL.md section 3, step 5; Olson & Zeckhauser 1966, "An Economic Theory of
/// Alliances").
///
/// Along every pledge l -> i of a kind that obliges l to fight (defense, offense, guarantee,
/// patronage), l's credibility toward i falls when i spends a smaller share of its GDP than l, by
/// `lambda * shortfall * size * (1 - shared)`, and recovers by lambda' (`burdenSharing.recovery`,
/// 0.02) otherwise; the merge clamps it to [0, 1]:
/// - `shortfall = (m_l - m_i) / m_l`: the relative gap in effort (share of GDP), as before;
/// - `size = min(1, y_i / y_l)` with y the `gdp`: free riding is judged by **absolute**
///   contributions. An ally whose economy is a hundredth of l's withholds a hundredth of what an
///   equal ally would: Olson and Zeckhauser's point that the small ally's contribution hardly
///   changes the collective good, so the large ally does not punish it (it is "exploited", and
///   keeps its pledge);
/// - `shared = T_{l, s*_i} / T_l` (0 when i has no main threat or l no threat): the share of l's own
///   threat that comes from i's main threat. Defending an ally against one's own main threat is
///   defending oneself, so a pledge backed by a common threat does not erode (Walt 1987; Snyder
///   1984's "alliance security dilemma": abandonment is feared least when interests coincide).
/// `lambda` is `burdenSharing.loss` (0.1). A commitment whose every pledge falls below
/// `burdenSharing.dissolveBelow` (0.1) dissolves: abandonment (`RoundProposals` step 3).
/// Cost: O(commitments).
public enum BurdenSharing {
    /// The credibility change of the pledge `giver -> receiver` this round.
    public static func delta(giver l: StateID, receiver i: StateID, in snapshot: RoundSnapshot) -> Double {
        let network = snapshot.network
        let giver = network.states[l.index], receiver = network.states[i.index]
        guard receiver.effort < giver.effort else { return snapshot.parameters.burdenRecovery }
        let shortfall = (giver.effort - receiver.effort) / giver.effort
        let size = min(1, receiver.gdp / giver.gdp)
        let assessment = snapshot.assessment
        var shared = 0.0
        if let threat = assessment.mainThreat[i.index], threat != l, assessment.totalThreat[l.index] > 0 {
            shared = min(1, max(0, assessment.threat(to: l, from: threat) / assessment.totalThreat[l.index]))
        }
        return -snapshot.parameters.burdenLoss * shortfall * size * (1 - shared)
    }

    public static func propose(_ snapshot: RoundSnapshot, into proposals: inout RoundProposals) {
        let network = snapshot.network
        for (index, commitment) in network.commitments.enumerated() where commitment.kind.obligesToFight {
            commitment.forEachObligation { obligation in
                let change = delta(giver: obligation.committed, receiver: obligation.partner, in: snapshot)
                proposals.changeCredibility(commitment: index, committed: obligation.committed, by: change, in: network)
            }
        }
    }
}
