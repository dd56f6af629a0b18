/// The changes the rules propose in one round (phase two input), and the one place they are
/// applied.
///
/// Rules only add to this value; `apply(to:)` merges everything in this fixed order, which
/// makes the result independent of the order of states and of rules:
/// 1. **Efforts**: the arming rule's new effort per state (one proposer).
/// 2. **Credibility**: the deltas of every rule for each directed pledge are summed, then the
///    pledge is clamped to [0, 1].
/// 3. **Abandonment**: a commitment whose credibility changed this round and whose every pledge is
///    now below `RuleParameters.dissolveThreshold` (or 0) dissolves.
/// 4. **Commitment removals** proposed by rules (bandwagoning, triads), by index in the snapshot.
/// 5. **Rivalry removals**, by pair.
/// 6. **Rivalry additions**, sorted by pair, skipping pairs that are (still) rivals.
/// 7. **Commitment additions**, sorted by (kind, pair), skipping a kind that already joins the
///    pair, and aligning kinds between pairs that are rivals after step 6.
/// 8. **Alliance spiral** (`balancing.spiral` > 0; Snyder 1984, Jervis 1976): for each defence pact
///    added in step 7 between j and k (in step 7's order), each rival r of j (rivalries after
///    step 6, ascending) that is not k, not yet k's rival and not k's partner starts a rivalry
///    with k; and the same with j and k swapped. Outsiders read a new pact among their rivals as
///    added threat, so alliances breed counter-alliances. The fear of k is derived from the fear
///    of j and never exceeds it: the intensity is
///    `balancing.spiral * rho_rj * min(1, (P_j * pi_rj) / (P_k * pi_rk))`, so that r's direct threat
///    from k, at equal arming signals, is at most `balancing.spiral` times what r's rivalry with j
///    alone makes of j (a distant great power that allies with a small neighbour's rival does not
///    become more feared than that rival). When several new pacts make k r's rival in the same
///    round the largest intensity is kept. The rivalry's note names its source (r, k and j).
/// 9. **Derived rivalries re-bounded** (`balancing.spiral` > 0): every derived rivalry is lowered to
///    the intensity its source gives at this round's powers and intensities, never raised, and
///    ends when its pact or the rivalry r-j has gone. So the bound of step 8 holds in every round,
///    not only in the one the rivalry formed in (AllianceSpiral.swift).
/// Commitment and rivalry arrays keep their order (removal compacts them); state ids never change.
package struct RoundProposals: Sendable {
    /// New effort per state, nil to leave it.
    package var effort: [Double?]
    /// Summed credibility deltas per commitment: (`from -> to`, `to -> from`).
    package var credibilityDelta: [(forward: Double, reverse: Double)]
    package var removeCommitment: [Bool]
    package var removeRivalry: [StatePair] = []
    package var addRivalries: [Rivalry] = []
    package var addCommitments: [Commitment] = []
    /// Counters for the round's record.
    package var bandwagons = 0
    package var triadFlips = 0

    init(network: AllianceNetwork) {
        effort = [Double?](repeating: nil, count: network.count)
        credibilityDelta = [(Double, Double)](repeating: (0, 0), count: network.commitments.count)
        removeCommitment = [Bool](repeating: false, count: network.commitments.count)
    }

    /// Adds `delta` to the pledge of `committed` within commitment `index`.
    mutating func changeCredibility(
        commitment index: Int, committed: StateID, by delta: Double, in network: AllianceNetwork
    ) {
        if network.commitments[index].from == committed {
            credibilityDelta[index].forward += delta
        } else {
            credibilityDelta[index].reverse += delta
        }
    }

    /// What the merge did.
    package struct Outcome: Hashable, Sendable {
        package var commitmentsAdded = 0
        package var commitmentsRemoved = 0
        package var abandoned = 0
        package var rivalriesAdded = 0
        package var rivalriesRemoved = 0
        package var largestCredibilityChange = 0.0
        package var largestEffortChange = 0.0
        /// Whether any tie was added or removed.
        package var tiesChanged: Bool { commitmentsAdded + commitmentsRemoved + rivalriesAdded + rivalriesRemoved > 0 }
    }

    /// Applies the proposals to `network` in the documented order.
    func apply(to network: inout AllianceNetwork, parameters: RuleParameters) -> Outcome {
        var outcome = Outcome()
        // 1. Efforts.
        for (index, proposal) in effort.enumerated() {
            guard let value = proposal else { continue }
            outcome.largestEffortChange = max(outcome.largestEffortChange, abs(value - network.states[index].effort))
            network.states[index].effort = value
        }
        // 2-3. Credibility and abandonment.
        var remove = removeCommitment
        for index in network.commitments.indices {
            let delta = credibilityDelta[index]
            if delta.forward == 0 && delta.reverse == 0 { continue }
            var commitment = network.commitments[index]
            let before = (commitment.credibility, commitment.reverseCredibility)
            commitment.credibility = min(1, max(0, commitment.credibility + delta.forward))
            if let reverse = commitment.reverseCredibility {
                commitment.reverseCredibility = min(1, max(0, reverse + delta.reverse))
            }
            outcome.largestCredibilityChange = max(
                outcome.largestCredibilityChange, abs(commitment.credibility - before.0),
                abs((commitment.reverseCredibility ?? 0) - (before.1 ?? 0)))
            network.commitments[index] = commitment
            let strongest = max(commitment.credibility, commitment.reverseCredibility ?? 0)
            if strongest < parameters.dissolveThreshold || strongest == 0 {
                if !remove[index] { outcome.abandoned += 1 }
                remove[index] = true
            }
        }
        // 4. Commitment removals.
        if remove.contains(true) {
            // Compacted in place (no second array of millions of commitments).
            var write = 0
            for index in network.commitments.indices {
                if remove[index] { outcome.commitmentsRemoved += 1; continue }
                if write != index { network.commitments[write] = network.commitments[index] }
                write += 1
            }
            network.commitments.removeLast(network.commitments.count - write)
        }
        // 5. Rivalry removals.
        if !removeRivalry.isEmpty {
            let pairs = Set(removeRivalry)
            let before = network.rivalries.count
            network.rivalries.removeAll { pairs.contains($0.pair) }
            outcome.rivalriesRemoved = before - network.rivalries.count
        }
        // 6. Rivalry additions.
        var rivalPairs = Set(network.rivalries.map(\.pair))
        for rivalry in addRivalries.sorted(by: { ($0.pair.low, $0.pair.high) < ($1.pair.low, $1.pair.high) })
        where !rivalPairs.contains(rivalry.pair) {
            rivalPairs.insert(rivalry.pair)
            network.rivalries.append(rivalry)
            outcome.rivalriesAdded += 1
        }
        // 7. Commitment additions.
        var addedPacts: [StatePair] = []
        let additions = addCommitments.sorted(by: {
            ($0.kind, $0.pair.low, $0.pair.high) < ($1.kind, $1.pair.low, $1.pair.high)
        })
        let present = Self.slotsPresent(additions, in: network)
        for (k, commitment) in additions.enumerated() {
            if present[k] { continue }
            // A slot proposed twice is settled by its first proposal (adjacent in this order):
            // whether that one was added or barred by a rivalry, the later ones are skipped.
            if k > 0 && additions[k - 1].kind == commitment.kind && additions[k - 1].pair == commitment.pair {
                continue
            }
            if commitment.kind.sign > 0 && rivalPairs.contains(commitment.pair) { continue }
            network.commitments.append(commitment)
            outcome.commitmentsAdded += 1
            if commitment.kind == .defense { addedPacts.append(commitment.pair) }
        }
        // 8. Alliance spiral.
        if parameters.spiralIntensity > 0 && !addedPacts.isEmpty {
            outcome.rivalriesAdded += Self.spiral(
                after: addedPacts, in: &network, rivalPairs: &rivalPairs, intensity: parameters.spiralIntensity)
        }
        // 9. Derived rivalries re-bounded by their sources.
        if parameters.spiralIntensity > 0 {
            outcome.rivalriesRemoved += Self.boundDerivedRivalries(in: &network, intensity: parameters.spiralIntensity)
        }
        return outcome
    }

    /// For each proposed addition, whether `network` already has a commitment of its kind
    /// between its pair (in either direction). The proposals are bucketed by their pair's lower
    /// state (a counting sort), and each commitment of the network looks only in its own bucket:
    /// O(commitments + proposals + N) array reads, where a set of slots hashed every commitment
    /// (1.4 s a round at 10 million ties).
    private static func slotsPresent(_ additions: [Commitment], in network: AllianceNetwork) -> [Bool] {
        var present = [Bool](repeating: false, count: additions.count)
        guard !additions.isEmpty else { return present }
        let n = network.count
        var start = [Int](repeating: 0, count: n + 1)
        for addition in additions { start[addition.pair.low.index + 1] += 1 }
        for v in 0..<n { start[v + 1] += start[v] }
        var fill = start
        var bucket = [Int32](repeating: 0, count: additions.count)
        for (k, addition) in additions.enumerated() {
            let low = addition.pair.low.index
            bucket[fill[low]] = Int32(k)
            fill[low] += 1
        }
        for commitment in network.commitments {
            let pair = commitment.pair
            for position in start[pair.low.index]..<start[pair.low.index + 1] {
                let k = Int(bucket[position])
                if additions[k].kind == commitment.kind && additions[k].pair.high == pair.high { present[k] = true }
            }
        }
        return present
    }
}
