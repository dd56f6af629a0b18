/// Burden-sharing (MODEL.md section 3, step 5; Olson & Zeckhauser 1966, "An Economic Theory of
/// Alliances").
///
/// Along every pledge l -> i of a kind that obliges l to fight (defense, offense, guarantee,
/// patronage), l's credibility toward i falls by `lambda * (m_l - m_i) / m_l` when i spends a
/// smaller share of its GDP than l (`burdenSharing.loss`, lambda = 0.1), and recovers by lambda'
/// otherwise (`burdenSharing.recovery`, 0.02); the merge clamps it to [0, 1]. A commitment whose
/// every pledge falls below `burdenSharing.dissolveBelow` (0.1) dissolves: abandonment
/// (`RoundProposals` step 3). Nothing forces the large to carry more: free riding by small allies
/// and the loss of the pledges they receive emerge from effort differences alone.
package enum BurdenSharing {
    package static func propose(_ snapshot: RoundSnapshot, into proposals: inout RoundProposals) {
        let network = snapshot.network
        let loss = snapshot.parameters.burdenLoss, recovery = snapshot.parameters.burdenRecovery
        for (index, commitment) in network.commitments.enumerated() where commitment.kind.obligesToFight {
            for obligation in commitment.obligations {
                let giver = network.states[obligation.committed.index].effort
                let receiver = network.states[obligation.partner.index].effort
                let delta = receiver < giver ? -loss * (giver - receiver) / giver : recovery
                proposals.changeCredibility(commitment: index, committed: obligation.committed, by: delta, in: network)
            }
        }
    }
}
