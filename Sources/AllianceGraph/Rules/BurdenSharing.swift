/// Burden-sharing (docs/MODEL.md section 3, step 5; Olson & Zeckhauser 1966, "An Economic Theory of
/// Alliances").
///
/// Along every pledge l -> i of a kind that obliges l to fight (defense, offense, guarantee,
/// patronage), l weighs how much i free-rides:
/// `gap = shortfall * size * (1 - shared)` in [0, 1], with
/// - `shortfall = max(0, (m_l - m_i) / m_l)`: the relative gap in effort (share of GDP);
/// - `size = min(1, y_i / y_l)`, y the `gdp`: free riding is judged by **absolute**
///   contributions. An ally whose economy is a hundredth of l's withholds a hundredth of what an
///   equal ally would; Olson and Zeckhauser's small ally hardly changes the collective good, and
///   the large ally does not punish it (it is "exploited" and keeps its pledge);
/// - `shared = sum over threat sources s (not l or i) of min(T_{l,s} / T_l, T_{i,s} / T_i)`: the
///   overlap of the two threat profiles, 1 when both fear the same states in the same
///   proportions, 0 when they share no threat (0 when either faces none). Defending an ally
///   against one's own threats is defending oneself (Walt 1987; Snyder 1984: abandonment is least
///   likely where interests coincide).
/// The pledge moves toward the level `kappa* = 1 - gap` that this free riding justifies: down by
/// at most `lambda * gap` per round (`burdenSharing.loss`, lambda = 0.1) while above it, up by at
/// most lambda' (`burdenSharing.recovery`, 0.02) while below it, never past it. So free riding
/// lowers a pledge only as far as it warrants: one-way collapse needs a near-total, unshared
/// shortfall. A commitment whose every pledge falls below `burdenSharing.dissolveBelow` (0.1)
/// dissolves: abandonment (`RoundProposals` step 3). Cost: O(commitments x threat sources).
package enum BurdenSharing {
    /// The credibility change of the pledge `l -> i` (credibility `kappa`) this round.
    public static func delta(
        giver l: StateID, receiver i: StateID, credibility kappa: Double, in snapshot: RoundSnapshot
    )
        -> Double
    {
        let gap = freeRiding(giver: l, receiver: i, in: snapshot)
        let target = 1 - gap
        if kappa > target { return max(target - kappa, -snapshot.parameters.burdenLoss * gap) }
        return min(snapshot.parameters.burdenRecovery, target - kappa)
    }

    /// `gap = shortfall * size * (1 - shared)` of the pledge `l -> i`, in [0, 1].
    public static func freeRiding(giver l: StateID, receiver i: StateID, in snapshot: RoundSnapshot) -> Double {
        let giver = snapshot.network.states[l.index], receiver = snapshot.network.states[i.index]
        guard receiver.effort < giver.effort else { return 0 }
        let shortfall = (giver.effort - receiver.effort) / giver.effort
        let size = min(1, receiver.gdp / giver.gdp)
        return shortfall * size * (1 - sharedThreat(l, i, snapshot.assessment))
    }

    /// The overlap of two states' threat profiles (see the type's comment), in [0, 1].
    public static func sharedThreat(_ l: StateID, _ i: StateID, _ assessment: ThreatAssessment) -> Double {
        let totalL = assessment.totalThreat[l.index], totalI = assessment.totalThreat[i.index]
        guard totalL > 0, totalI > 0 else { return 0 }
        let c = assessment.sources.count
        precondition(assessment.threat.count >= max(l.index, i.index) * c + c, "threat block smaller than N x sources")
        var overlap = 0.0
        assessment.sources.withUnsafeBufferPointer { sources in
            assessment.threat.withUnsafeBufferPointer { threat in
                let rowL = l.index * c, rowI = i.index * c
                for column in 0..<c where sources[column] != l && sources[column] != i {
                    let a = threat[rowL + column] / totalL
                    let b = threat[rowI + column] / totalI
                    overlap += max(0, min(a, b))
                }
            }
        }
        return min(1, overlap)
    }

    /// Networks with at least this many commitments compute their pledges' changes on two cores.
    static let parallelMinimum = 100_000

    /// Adds the change of every fighting pledge to `proposals`. Each change reads only the frozen
    /// snapshot, so large networks compute them for two halves of the commitments on two cores,
    /// then add them in commitment order: the same proposals either way.
    public static func propose(_ snapshot: RoundSnapshot, into proposals: inout RoundProposals) {
        propose(snapshot, into: &proposals, parallelMinimum: parallelMinimum)
    }

    static func propose(_ snapshot: RoundSnapshot, into proposals: inout RoundProposals, parallelMinimum: Int) {
        let network = snapshot.network
        let count = network.commitments.count, half = count / 2
        let (first, second) = ConcurrentPair.run(
            parallel: count >= parallelMinimum,
            { changes(snapshot, 0..<half) },
            { changes(snapshot, half..<count) })
        for (index, commitment) in network.commitments.enumerated() where commitment.kind.obligesToFight {
            let change = index < half ? first[index] : second[index - half]
            proposals.changeCredibility(commitment: index, committed: commitment.from, by: change.forward, in: network)
            if commitment.isSymmetric, commitment.reverseCredibility != nil {
                proposals.changeCredibility(
                    commitment: index, committed: commitment.to, by: change.reverse, in: network)
            }
        }
    }

    /// The changes of the pledges `from -> to` and `to -> from` (0 where there is none) of the
    /// commitments in `range`.
    private static func changes(_ snapshot: RoundSnapshot, _ range: Range<Int>) -> [(forward: Double, reverse: Double)]
    {
        let commitments = snapshot.network.commitments
        var result = [(forward: Double, reverse: Double)](repeating: (0, 0), count: range.count)
        for index in range where commitments[index].kind.obligesToFight {
            let commitment = commitments[index]
            result[index - range.lowerBound].forward = delta(
                giver: commitment.from, receiver: commitment.to, credibility: commitment.credibility, in: snapshot)
            if commitment.isSymmetric, let reverse = commitment.reverseCredibility {
                result[index - range.lowerBound].reverse = delta(
                    giver: commitment.to, receiver: commitment.from, credibility: reverse, in: snapshot)
            }
        }
        return result
    }
}
