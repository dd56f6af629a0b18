/// Chain-ganging or buck-passing (docs/MODEL.md section 3, step 6; Christensen & Snyder 1990,
/// "Chain Gangs and Passed Bucks").
///
/// When the offence dominates (theta > 1) every pledge i -> l of a fighting kind (defense,
/// offense, guarantee, patronage) between partners with the same main threat gains
/// `chainGang.rate` (lambda_cg = 0.02) credibility: tight alliances. When the defence dominates
/// (theta < 1) a secure state (sigma_i > 1) lowers its pledges toward partners whose main threat
/// differs from its own by lambda_cg: it passes the buck. At theta = 1 the
/// rule does nothing.
package enum ChainGang {
    package static func propose(_ snapshot: RoundSnapshot, into proposals: inout RoundProposals) {
        let theta = snapshot.environment.offenseDefense
        guard theta != 1 else { return }
        let rate = snapshot.parameters.chainGangRate
        let assessment = snapshot.assessment
        for (index, commitment) in snapshot.network.commitments.enumerated() where commitment.kind.obligesToFight {
            for obligation in commitment.obligations where obligation.credibility > 0 {
                let i = obligation.committed.index, l = obligation.partner.index
                let mine = assessment.mainThreat[i], theirs = assessment.mainThreat[l]
                if theta > 1 {
                    if let mine, mine == theirs {
                        proposals.changeCredibility(
                            commitment: index, committed: obligation.committed, by: rate, in: snapshot.network)
                    }
                } else if assessment.securityRatio[i] > 1 && mine != theirs {
                    proposals.changeCredibility(
                        commitment: index, committed: obligation.committed, by: -rate, in: snapshot.network)
                }
            }
        }
    }
}
