/// Structural-balance dynamics (MODEL.md section 3, step 7): Antal, Krapivsky & Redner (2005),
/// "Dynamics of social balance on networks", Physical Review E 72, 036121, local triad dynamics.
///
/// One update picks a triangle of signed ties uniformly at random (AKR pick among imbalanced
/// triangles only; picking among all and skipping balanced ones rescales time and leaves the
/// stationary state unchanged). If it is imbalanced:
/// - `++-`: with probability p the negative tie turns positive; otherwise one of the two positive
///   ties (chosen uniformly) turns negative;
/// - `---`: one tie (chosen uniformly) turns positive.
/// On a complete graph the density of friendly ties settles at `1 / (sqrt(3 (1 - 2p)) + 1)` for
/// p < 1/2 and reaches 1 for p >= 1/2; every finite graph ends balanced.
///
/// As a rule: the signed view's ties (`SignedGraphView`) evolve for `round(triads.rate * M)`
/// updates per round on a private copy (M = number of signed ties); the pairs whose sign changed
/// become proposals. A tie that turns hostile drops the pair's aligning commitments and becomes
/// a rivalry of intensity `triads.rivalryIntensity` (0.5); a tie that turns friendly ends the
/// rivalry and becomes a `consultation` pact of credibility `triads.credibility` (0.5). Random
/// numbers come from the run's generator after the round's perception noise.
public struct TriadDynamics: Sendable {
    public let vertexCount: Int
    /// Sign of each tie, parallel to `pairs`: +1 or -1.
    public private(set) var signs: [Int8]
    /// The ties, `low < high`, sorted.
    public let pairs: [(low: Int, high: Int)]
    /// Triangles as indices into `pairs`.
    let triangles: [(Int32, Int32, Int32)]

    /// Dynamics over explicit signed ties (e.g. a complete graph for the AKR test).
    public init(_ graph: SignedGraphView) {
        vertexCount = graph.vertexCount
        pairs = graph.edges.map { ($0.low, $0.high) }
        signs = graph.edges.map { Int8($0.sign) }
        // The edges are sorted by (low, high), so each vertex's higher neighbours are one run of
        // them; a third edge (b, c) is found by binary search in b's run (no pair dictionary).
        let edges = graph.edges
        var start = [Int](repeating: 0, count: graph.vertexCount + 1)
        for e in edges { start[e.low + 1] += 1 }
        for v in 0..<graph.vertexCount { start[v + 1] += start[v] }
        func edgeIndex(_ b: Int, _ c: Int) -> Int? {
            var lo = start[b], hi = start[b + 1]
            while lo < hi {
                let mid = (lo + hi) / 2
                if edges[mid].high < c { lo = mid + 1 } else { hi = mid }
            }
            return lo < start[b + 1] && edges[lo].high == c ? lo : nil
        }
        var triangles: [(Int32, Int32, Int32)] = []
        for a in 0..<graph.vertexCount {
            for x in start[a]..<start[a + 1] {
                let b = edges[x].high
                for y in (x + 1)..<max(x + 1, start[a + 1]) {
                    if let bc = edgeIndex(b, edges[y].high) { triangles.append((Int32(x), Int32(y), Int32(bc))) }
                }
            }
        }
        self.triangles = triangles
    }

    /// The complete graph on `n` vertices with each tie friendly with probability `density`.
    public static func complete(_ n: Int, friendlyDensity density: Double, random: inout SeededRandom) -> TriadDynamics {
        var edges: [(Int, Int, Int)] = []
        for a in 0..<n { for b in (a + 1)..<max(a + 1, n) { edges.append((a, b, random.nextUnit() < density ? 1 : -1)) } }
        // Valid by construction.
        return TriadDynamics(try! SignedGraphView(vertexCount: n, edges: edges))
    }

    public var triangleCount: Int { triangles.count }

    /// Share of ties that are friendly (NaN without ties).
    public var friendlyDensity: Double {
        signs.isEmpty ? .nan : Double(signs.reduce(0) { $0 + ($1 > 0 ? 1 : 0) }) / Double(signs.count)
    }

    /// Number of imbalanced triangles (odd number of negative ties). O(triangles).
    public var imbalancedTriangles: Int {
        triangles.reduce(0) { $0 + (Int(signs[Int($1.0)]) * Int(signs[Int($1.1)]) * Int(signs[Int($1.2)]) < 0 ? 1 : 0) }
    }

    public var isBalanced: Bool { imbalancedTriangles == 0 }

    /// Runs `updates` triangle updates with parameter `p`; returns how many ties flipped.
    @discardableResult
    public mutating func run(updates: Int, p: Double, random: inout SeededRandom) -> Int {
        guard !triangles.isEmpty else { return 0 }
        var flips = 0
        let count = UInt64(triangles.count)
        for _ in 0..<updates {
            let t = triangles[Int(random.next() % count)]
            let a = Int(t.0), b = Int(t.1), c = Int(t.2)
            let negatives = (signs[a] < 0 ? 1 : 0) + (signs[b] < 0 ? 1 : 0) + (signs[c] < 0 ? 1 : 0)
            if negatives == 1 {
                let negative = signs[a] < 0 ? a : (signs[b] < 0 ? b : c)
                if random.nextUnit() < p {
                    signs[negative] = 1
                } else {
                    // The two positive ties, in (a, b, c) order; pick one uniformly.
                    let first = negative == a ? b : a
                    let second = negative == c ? b : c
                    signs[random.next() % 2 == 0 ? first : second] = -1
                }
                flips += 1
            } else if negatives == 3 {
                let pick = random.next() % 3
                signs[pick == 0 ? a : (pick == 1 ? b : c)] = 1
                flips += 1
            }
        }
        return flips
    }

    /// The rule: proposals for the pairs whose sign changed during this round's updates.
    public static func propose(_ snapshot: RoundSnapshot, random: inout SeededRandom, into proposals: inout RoundProposals) {
        let parameters = snapshot.parameters
        var dynamics = TriadDynamics(SignedGraphView(snapshot.network))
        let start = dynamics.signs
        let updates = Int((parameters.triadRate * Double(dynamics.pairs.count)).rounded())
        dynamics.run(updates: updates, p: parameters.triadP, random: &random)
        let network = snapshot.network
        // The pairs turned hostile drop their aligning commitments: one pass over the commitments.
        var hostile = Set<StatePair>()
        for k in dynamics.pairs.indices where dynamics.signs[k] != start[k] && dynamics.signs[k] < 0 {
            hostile.insert(StatePair(StateID(dynamics.pairs[k].low), StateID(dynamics.pairs[k].high)))
        }
        if !hostile.isEmpty {
            for (index, commitment) in network.commitments.enumerated() where commitment.kind.sign > 0 && hostile.contains(commitment.pair) {
                proposals.removeCommitment[index] = true
            }
        }
        for k in dynamics.pairs.indices where dynamics.signs[k] != start[k] {
            let pair = StatePair(StateID(dynamics.pairs[k].low), StateID(dynamics.pairs[k].high))
            proposals.triadFlips += 1
            if dynamics.signs[k] < 0 {
                proposals.addRivalries.append(Rivalry(pair.low, pair.high, intensity: parameters.triadRivalryIntensity,
                                                      note: "triad dynamics, round \(snapshot.round)"))
            } else {
                proposals.removeRivalry.append(pair)
                proposals.addCommitments.append(.symmetric(.consultation, pair.low, pair.high,
                                                           credibility: parameters.triadAllianceCredibility,
                                                           reverseCredibility: parameters.triadAllianceCredibility,
                                                           note: "triad dynamics, round \(snapshot.round)"))
            }
        }
    }
}
