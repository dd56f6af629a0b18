/// Bandwagoning (MODEL.md section 3, step 4; Walt 1987; Schweller 1994).
///
/// A weak state (`P_i < bandwagoning.powerRatio * P_{s*_i}`, 0.2) that is isolated
/// (`sigma_i < bandwagoning.security`, 0.3) and found no balancing partner this round (see
/// `Balancing.partner`; always true when balancing is switched off) aligns with its main threat
/// s*: it drops its commitments to s*'s rivals (every commitment between i and a rival of s*,
/// either direction), ends its rivalry with s*, and takes a symmetric `neutrality` pact with s*
/// (credibility 1) unless one exists. The thresholds make bandwagoning rarer than balancing.
public enum Bandwagoning {
    /// Whether `i` bandwagons this round.
    public static func bandwagons(_ i: StateID, in snapshot: RoundSnapshot, balancingOn: Bool) -> Bool {
        let assessment = snapshot.assessment
        guard let threat = assessment.mainThreat[i.index] else { return false }
        guard assessment.power[i.index] < snapshot.parameters.bandwagonPowerRatio * assessment.power[threat.index],
              assessment.securityRatio[i.index] < snapshot.parameters.bandwagonSecurity else { return false }
        return !balancingOn || Balancing.partner(for: i, in: snapshot) == nil
    }

    public static func propose(_ snapshot: RoundSnapshot, balancingOn: Bool, into proposals: inout RoundProposals) {
        let network = snapshot.network
        for i in network.ids where bandwagons(i, in: snapshot, balancingOn: balancingOn) {
            guard let threat = snapshot.assessment.mainThreat[i.index] else { continue }
            let enemies = Set(snapshot.rivals[threat.index])
            for (index, commitment) in network.commitments.enumerated() where commitment.from == i || commitment.to == i {
                let other = commitment.pair.other(than: i)
                if enemies.contains(other) { proposals.removeCommitment[index] = true }
            }
            if snapshot.areRivals(i, threat) { proposals.removeRivalry.append(StatePair(i, threat)) }
            if !snapshot.hasCommitment(.neutrality, between: i, threat) {
                proposals.addCommitments.append(.symmetric(.neutrality, min(i, threat), max(i, threat),
                                                           note: "bandwagoning, round \(snapshot.round)"))
            }
            proposals.bandwagons += 1
        }
    }
}
