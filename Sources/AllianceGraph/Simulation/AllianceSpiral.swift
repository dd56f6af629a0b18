/// The alliance spiral (Snyder 1984, "The security dilemma in alliance politics"; Jervis 1976):
/// outsiders read a new defence pact among their rivals as added threat, so alliances breed
/// counter-alliances. Merge steps 8 and 9 of `RoundProposals`.
///
/// **Derived intensity.** When a defence pact joins j and k, a rival r of j fears k by
///
///     rho_rk = s * rho_rj * min(1, (P_j * pi_rj) / (P_k * pi_rk))
///
/// where s is `balancing.spiral` (dimensionless, in [0, 1]), rho the rivalry intensities, P the
/// states' power (capability times effort) and pi the proximity of the second state as seen from r.
/// At equal arming signals, r's direct threat from k is then at most s times what r's rivalry
/// with j makes of j: a distant great power that allies with a small neighbour's rival does not
/// become more feared than that rival.
///
/// **Source.** The derived rivalry r-k has one source, the pact that provoked it: k's defence pact
/// with j, a rival of r. (When several new pacts of one round make k r's rival, the one giving the
/// largest intensity is the source.) It is written in the rivalry's note,
/// `alliance spiral: R fears K, ally of its rival J` (state codes), so that the rivalry says why it
/// exists and a run continued from a scenario file written by `simulate` treats it the same way.
///
/// **Every round** (step 9) the derived rivalry is lowered to the intensity its source gives at the
/// round's powers and rivalry intensities, never raised; it ends when its source has gone (the
/// pact j-k dissolved, or the rivalry r-j ended). The spiral is a reaction to a new pact: a pact
/// that already existed when the run began provoked nothing, so it does not keep a derived rivalry
/// alive either. All bounds of a round are taken from the intensities before step 9, so the result
/// does not depend on the order of the rivalries. A rivalry whose note is not of this form (one
/// from a file, whatever its note says) is never re-bounded.
extension RoundProposals {
    /// The start of the note of a rivalry derived by the alliance spiral (`SpiralSource.note`).
    package static let spiralNote = "alliance spiral"

    /// Step 8: the rivalries that new defence pacts provoke; returns how many were added.
    static func spiral(
        after pacts: [StatePair], in network: inout AllianceNetwork, rivalPairs: inout Set<StatePair>,
        intensity: Double
    ) -> Int {
        var rivalsOf: [StateID: [(rival: StateID, intensity: Double)]] = [:]
        for rivalry in network.rivalries {
            rivalsOf[rivalry.pair.low, default: []].append((rivalry.pair.high, rivalry.intensity))
            rivalsOf[rivalry.pair.high, default: []].append((rivalry.pair.low, rivalry.intensity))
        }
        let derive = DerivedFear(network: network, spiral: intensity)
        var candidates: [StatePair] = []
        var strongest: [StatePair: (value: Double, source: SpiralSource)] = [:]
        for pact in pacts {
            for (j, k) in [(pact.low, pact.high), (pact.high, pact.low)] {
                for (r, rho) in (rivalsOf[j] ?? []).sorted(by: { $0.rival < $1.rival }) where r != k {
                    let pair = StatePair(r, k), value = derive(r: r, j: j, k: k, rho: rho)
                    if let known = strongest[pair] {
                        // The first of equal candidates stays (pacts in step 7's order).
                        if value > known.value { strongest[pair] = (value, SpiralSource(r: r, k: k, j: j)) }
                    } else {
                        strongest[pair] = (value, SpiralSource(r: r, k: k, j: j))
                        candidates.append(pair)
                    }
                }
            }
        }
        var partners = Set<StatePair>()
        for commitment in network.commitments where strongest[commitment.pair] != nil {
            partners.insert(commitment.pair)
        }
        var added = 0
        for pair in candidates where !rivalPairs.contains(pair) && !partners.contains(pair) {
            guard let (value, source) = strongest[pair], value > 0 else { continue }
            rivalPairs.insert(pair)
            network.rivalries.append(
                Rivalry(pair.low, pair.high, intensity: value, note: source.note(in: network)))
            added += 1
        }
        return added
    }

    /// Step 9: lowers every derived rivalry to the intensity its source gives now and removes the
    /// ones whose source has gone; returns how many were removed. O(rivalries + defence pacts)
    /// when there is a derived rivalry, O(rivalries) otherwise.
    static func boundDerivedRivalries(in network: inout AllianceNetwork, intensity: Double) -> Int {
        var derived: [(index: Int, source: SpiralSource)] = []
        for (index, rivalry) in network.rivalries.enumerated() {
            if let source = SpiralSource(note: rivalry.note, pair: rivalry.pair, in: network) {
                derived.append((index, source))
            }
        }
        guard !derived.isEmpty else { return 0 }
        var wanted = Set<StatePair>()
        for (_, source) in derived {
            wanted.insert(StatePair(source.j, source.k))
            wanted.insert(StatePair(source.r, source.j))
        }
        var pacts = Set<StatePair>()
        for commitment in network.commitments where commitment.kind == .defense && wanted.contains(commitment.pair) {
            pacts.insert(commitment.pair)
        }
        var rivalIntensity: [StatePair: Double] = [:]
        for rivalry in network.rivalries where wanted.contains(rivalry.pair) {
            rivalIntensity[rivalry.pair] = rivalry.intensity
        }
        let derive = DerivedFear(network: network, spiral: intensity)
        var bounds: [(index: Int, bound: Double)] = []
        bounds.reserveCapacity(derived.count)
        for (index, source) in derived {
            var bound = 0.0
            if pacts.contains(StatePair(source.j, source.k)), let rho = rivalIntensity[StatePair(source.r, source.j)] {
                bound = derive(r: source.r, j: source.j, k: source.k, rho: rho)
            }
            bounds.append((index, bound))
        }
        // Pairs are unique among rivalries, so the ended ones are removed by pair (as in step 5).
        var ended = Set<StatePair>()
        for (index, bound) in bounds {
            if bound > 0 {
                network.rivalries[index].intensity = min(network.rivalries[index].intensity, bound)
            } else {
                ended.insert(network.rivalries[index].pair)
            }
        }
        guard !ended.isEmpty else { return 0 }
        network.rivalries.removeAll { ended.contains($0.pair) }
        return ended.count
    }

    /// The pact that provoked a derived rivalry: r fears k, the new ally of r's rival j.
    struct SpiralSource: Hashable {
        var r: StateID
        var k: StateID
        var j: StateID

        init(r: StateID, k: StateID, j: StateID) {
            self.r = r
            self.k = k
            self.j = j
        }

        /// `alliance spiral: R fears K, ally of its rival J`, with the states' codes.
        func note(in network: AllianceNetwork) -> String {
            let (r, k, j) = (network[r].code, network[k].code, network[j].code)
            return "\(RoundProposals.spiralNote): \(r) fears \(k), ally of its rival \(j)"
        }

        /// The source a rivalry's note names, nil unless the note has exactly the form `note(in:)`
        /// writes, names three distinct states of `network`, and r and k are the rivalry's pair.
        init?(note: String?, pair: StatePair, in network: AllianceNetwork) {
            guard let note, note.hasPrefix(RoundProposals.spiralNote + ": ") else { return nil }
            let words = note.dropFirst(RoundProposals.spiralNote.count + 2).split(
                separator: " ", omittingEmptySubsequences: false)
            guard words.count == 8, words[1] == "fears", words[2].hasSuffix(","), words[3] == "ally", words[4] == "of",
                words[5] == "its", words[6] == "rival",
                let r = network.id(forCode: String(words[0])),
                let k = network.id(forCode: String(words[2].dropLast())),
                let j = network.id(forCode: String(words[7])),
                r != k, j != r, j != k, StatePair(r, k) == pair
            else { return nil }
            self.init(r: r, k: k, j: j)
        }
    }

    /// The derived intensity of r's rivalry with k through k's pact with r's rival j (the formula
    /// in the doc comment of this extension), at the network's current powers.
    private struct DerivedFear {
        let states: [State]
        let proximity: ProximityTable
        let spiral: Double

        init(network: AllianceNetwork, spiral: Double) {
            states = network.states
            proximity = ProximityTable(network)
            self.spiral = spiral
        }

        func callAsFunction(r: StateID, j: StateID, k: StateID, rho: Double) -> Double {
            let fromJ = states[j.index].power * proximity.value(of: j.index, from: r.index)
            let fromK = states[k.index].power * proximity.value(of: k.index, from: r.index)
            let scale = fromK > fromJ ? fromJ / fromK : 1
            return spiral * rho * scale
        }
    }
}
