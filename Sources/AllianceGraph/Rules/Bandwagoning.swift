/// Bandwagoning (docs/MODEL.md section 3, step 4; Walt 1987; Schweller 1994).
///
/// A weak state (`P_i < bandwagoning.powerRatio * P_{s*_i}`, 0.2) that is isolated
/// (`sigma_i < bandwagoning.security`, 0.3) and found no balancing partner this round (see
/// `Balancing.partner`; always true when balancing is switched off) aligns with its main threat
/// s*: it drops its commitments to s*'s rivals (every commitment between i and a rival of s*,
/// either direction), ends its rivalry with s*, and takes a symmetric `neutrality` pact with s*
/// (credibility 1) unless one exists. The thresholds make bandwagoning rarer than balancing.
/// **Plausibility**: a state does not bandwagon with a rival unless the rival's power overwhelms
/// it, `P_i < bandwagoning.rivalPowerRatio * P_{s*}` (0.05): states rarely join a rival they are
/// in a strategic rivalry with (Walt 1987, ch. 5: bandwagoning is the exception, and rarest
/// where intentions are known to be hostile; Ukraine did not align with Russia after 2014).
/// **Last resort**: with balancing on, "found no balancing partner" means the state looked for
/// one, so it must also be insecure enough to balance: `sigma_i < min(bandwagoning.security,
/// balancing.threshold)`. Otherwise a balancing threshold below 0.3 (the calibrated profile's
/// 0.25) would make states between the two thresholds bandwagon without ever trying to balance,
/// and bandwagoning more common than balancing (Walt 1987: it is the weak state's last resort).
/// The ties to drop are found in one pass over the commitments for all bandwagoners (not one
/// pass each), and in networks of more than 256 states the balancing check uses
/// `BalancingCandidates`, which gives the same answer as `Balancing.partner`.
package enum Bandwagoning {
    /// Whether `i` bandwagons this round.
    public static func bandwagons(_ i: StateID, in snapshot: RoundSnapshot, balancingOn: Bool) -> Bool {
        guard isWeakAndIsolated(i, in: snapshot, balancingOn: balancingOn) else { return false }
        return !balancingOn || Balancing.partner(for: i, in: snapshot) == nil
    }

    /// Weak against its main threat (more so when the threat is a rival) and isolated (insecure
    /// enough to seek a balancing partner too, when balancing is on).
    static func isWeakAndIsolated(_ i: StateID, in snapshot: RoundSnapshot, balancingOn: Bool) -> Bool {
        let assessment = snapshot.assessment
        let parameters = snapshot.parameters
        guard let threat = assessment.mainThreat[i.index] else { return false }
        let ratio =
            snapshot.areRivals(i, threat)
            ? min(parameters.bandwagonPowerRatio, parameters.bandwagonRivalPowerRatio) : parameters.bandwagonPowerRatio
        return assessment.power[i.index] < ratio * assessment.power[threat.index]
            && assessment.securityRatio[i.index] < parameters.bandwagonSecurity
            && (!balancingOn || assessment.securityRatio[i.index] < parameters.balancingThreshold)
    }

    public static func propose(_ snapshot: RoundSnapshot, balancingOn: Bool, into proposals: inout RoundProposals) {
        let network = snapshot.network
        let assessment = snapshot.assessment
        // Weak and isolated states first; the balancing search only for them.
        var weak: [StateID] = []
        for i in network.ids where isWeakAndIsolated(i, in: snapshot, balancingOn: balancingOn) { weak.append(i) }
        guard !weak.isEmpty else { return }
        let candidates =
            balancingOn && network.count > ThreatModel.allSourcesLimit ? BalancingCandidates(snapshot) : nil
        var threatOf = [Int32](repeating: -1, count: network.count)
        var bandwagoners: [(state: StateID, threat: StateID)] = []
        for i in weak {
            let found: StateID?
            if !balancingOn {
                found = nil
            } else if let candidates {
                found = candidates.partner(for: i, in: snapshot)
            } else {
                found = Balancing.partner(for: i, in: snapshot)
            }
            guard found == nil, let threat = assessment.mainThreat[i.index] else { continue }
            threatOf[i.index] = Int32(threat.index)
            bandwagoners.append((i, threat))
        }
        // One pass over the commitments: drop each bandwagoner's ties to its threat's rivals.
        for (index, commitment) in network.commitments.enumerated() {
            let a = commitment.from, b = commitment.to
            if threatOf[a.index] >= 0 && snapshot.areRivals(StateID(Int(threatOf[a.index])), b) {
                proposals.removeCommitment[index] = true
            }
            if threatOf[b.index] >= 0 && snapshot.areRivals(StateID(Int(threatOf[b.index])), a) {
                proposals.removeCommitment[index] = true
            }
        }
        for (i, threat) in bandwagoners {
            if snapshot.areRivals(i, threat) { proposals.removeRivalry.append(StatePair(i, threat)) }
            if !snapshot.hasCommitment(.neutrality, between: i, threat) {
                proposals.addCommitments.append(
                    .symmetric(
                        .neutrality, min(i, threat), max(i, threat),
                        note: "bandwagoning, round \(snapshot.round)"))
            }
            proposals.bandwagons += 1
        }
    }
}
