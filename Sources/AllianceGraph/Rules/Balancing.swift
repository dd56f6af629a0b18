/// Balancing (docs/MODEL.md section 3, step 3; Walt 1987, "The Origins of Alliances").
///
/// A state i with security ratio `sigma_i < balancing.threshold` (1) and a main threat s = s*_i
/// seeks one new `defense` pact per round. Its candidate is the state j that maximises
/// `P_j * T_{j,s}` (ties: lowest id) among the states that are not i or s, have no `defense`
/// commitment with i already, are not i's rivals, are not aligned with s (no defence, offence,
/// guarantee, patronage or consultation pact with the threat itself: one does not balance a
/// threat with its own allies), and for which s is a real threat:
/// `T_{j,s} / T_j >= balancing.share` (0.25). The candidate accepts unless the **entrapment** it
/// would take on exceeds i's power:
/// `E_ij = alpha * sum_{r in rivals(i), r not in rivals(j), r != j} pi_jr * P_r > P_i`
/// (the power of i's rivals that j would newly face, weighted by entanglement and by their
/// proximity to j). Only the best candidate is asked; if it refuses, i finds no partner this
/// round. An accepted pact is symmetric with credibility `balancing.credibility` (0.5) both ways.
package enum Balancing {
    /// The partner i would ally with this round, or nil (no need, no candidate, or refusal).
    package static func partner(for i: StateID, in snapshot: RoundSnapshot) -> StateID? {
        let assessment = snapshot.assessment
        let parameters = snapshot.parameters
        guard assessment.securityRatio[i.index] < parameters.balancingThreshold,
            let threat = assessment.mainThreat[i.index]
        else { return nil }
        var best: (id: StateID, score: Double)?
        for j in snapshot.network.ids where j != i && j != threat {
            if snapshot.hasCommitment(.defense, between: i, j) || snapshot.areRivals(i, j) { continue }
            if snapshot.areAligned(j, threat) { continue }
            let total = assessment.totalThreat[j.index]
            let shared = assessment.threat(to: j, from: threat)
            guard total > 0, shared / total >= parameters.balancingShare else { continue }
            let score = assessment.power[j.index] * shared
            if best == nil || score > best!.score { best = (j, score) }
        }
        guard let candidate = best?.id else { return nil }
        return entrapment(of: candidate, allyingWith: i, in: snapshot) > assessment.power[i.index] ? nil : candidate
    }

    /// E_ij: the rival power j would newly face by allying with i.
    package static func entrapment(of j: StateID, allyingWith i: StateID, in snapshot: RoundSnapshot) -> Double {
        var sum = 0.0
        for r in snapshot.rivals[i.index] where r != j && !snapshot.areRivals(j, r) {
            sum += snapshot.proximity(of: r, from: j) * snapshot.assessment.power[r.index]
        }
        return snapshot.environment.entanglement * sum
    }

    /// Every state's partner this round (nil: none), by `partner(for:in:)` when N <= 256 and by
    /// the equivalent ranked search of `BalancingCandidates` in larger networks.
    package static func partners(in snapshot: RoundSnapshot) -> [StateID?] {
        if snapshot.network.count <= ThreatModel.allSourcesLimit {
            return snapshot.network.ids.map { partner(for: $0, in: snapshot) }
        }
        let candidates = BalancingCandidates(snapshot)
        return snapshot.network.ids.map { candidates.partner(for: $0, in: snapshot) }
    }

    package static func propose(_ snapshot: RoundSnapshot, into proposals: inout RoundProposals) {
        let credibility = snapshot.parameters.newAllianceCredibility
        let partners = partners(in: snapshot)
        for i in snapshot.network.ids {
            guard let j = partners[i.index] else { continue }
            proposals.addCommitments.append(
                .symmetric(
                    .defense, min(i, j), max(i, j), credibility: credibility,
                    reverseCredibility: credibility, note: "balancing, round \(snapshot.round)"))
        }
    }
}
