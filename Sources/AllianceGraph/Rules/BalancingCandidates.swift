/// Balancing's partner search for every state at once, in O(C N log N + sum of exclusions)
/// instead of O(N) per balancing state (O(N^2) per round when most states balance).
///
/// `Balancing.partner(for:in:)` picks, among the states j that qualify for i's main threat s,
/// the one with the largest `P_j * T_{j,s}` (ties: lowest id). Whether j qualifies splits into a
/// part that depends only on s (`j != s`, not aligned with s, `T_j > 0`, `T_{j,s} / T_j >= balancing.share`) and a
/// few exclusions that depend on i (`j != i`, no `defense` pact with i, not i's rival). So the
/// states that qualify for s are ranked once per distinct main threat s (at most C, the number
/// of threat sources, and C = 16 when N > 256), and each balancing state walks its threat's
/// ranking to the first state it does not exclude: the same partner as the scan, exactly
/// (`BalancingTests` compares the two on every state of several networks).
struct BalancingCandidates {
    /// For each main threat that some balancing state has, the qualifying states, best first.
    private var ranking: [Int: [Int32]] = [:]

    init(_ snapshot: RoundSnapshot) {
        let assessment = snapshot.assessment
        let parameters = snapshot.parameters
        var threats: [Int] = []
        var seen = Set<Int>()
        for i in 0..<snapshot.network.count where assessment.securityRatio[i] < parameters.balancingThreshold {
            if let s = assessment.mainThreat[i], seen.insert(s.index).inserted { threats.append(s.index) }
        }
        for s in threats {
            let threat = StateID(s)
            var list: [(score: Double, id: Int32)] = []
            for j in 0..<snapshot.network.count where j != s && !snapshot.areAligned(StateID(j), threat) {
                let total = assessment.totalThreat[j]
                let shared = assessment.threat(to: StateID(j), from: threat)
                guard total > 0, shared / total >= parameters.balancingShare else { continue }
                list.append((assessment.power[j] * shared, Int32(j)))
            }
            list.sort { $0.score != $1.score ? $0.score > $1.score : $0.id < $1.id }
            ranking[s] = list.map(\.id)
        }
    }

    /// The same answer as `Balancing.partner(for: i, in: snapshot)`.
    func partner(for i: StateID, in snapshot: RoundSnapshot) -> StateID? {
        let assessment = snapshot.assessment
        guard assessment.securityRatio[i.index] < snapshot.parameters.balancingThreshold,
            let threat = assessment.mainThreat[i.index], let list = ranking[threat.index]
        else { return nil }
        for id in list {
            let j = StateID(Int(id))
            if j == i || snapshot.hasCommitment(.defense, between: i, j) || snapshot.areRivals(i, j) { continue }
            return Balancing.entrapment(of: j, allyingWith: i, in: snapshot) > assessment.power[i.index] ? nil : j
        }
        return nil
    }
}
