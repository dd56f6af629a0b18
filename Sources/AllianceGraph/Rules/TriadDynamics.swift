/// Structural-balance dynamics (docs/MODEL.md section 3, step 7): Antal, Krapivsky & Redner (2005),
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
package struct TriadDynamics: Sendable {
    package let vertexCount: Int
    /// Sign of each tie, parallel to `pairs`: +1 or -1.
    package private(set) var signs: [Int8]
    /// The ties, `low < high`, sorted (built from the compact 32-bit ends on each access: O(ties)).
    package var pairs: [(low: Int, high: Int)] { (0..<pairCount).map { pair($0) } }
    /// The number of ties.
    package var pairCount: Int { lows.count }
    /// Tie `k`, `low < high`.
    package func pair(_ k: Int) -> (low: Int, high: Int) { (Int(lows[k]), Int(highs[k])) }
    /// The ties' lower ends (the higher ends are `highs`).
    private let lows: [Int32]
    /// Triangles as indices into `pairs`, when there are at most `listedTriangleLimit`
    /// (empty otherwise: see `triangle(_:)`).
    let triangles: [(Int32, Int32, Int32)]
    package let triangleCount: Int
    /// The pairs' higher ends in pair order, and where each vertex's run starts.
    private let highs: [Int32]
    private let runStart: [Int]
    /// Triangles before vertex a's (prefix sums of the triangles whose lowest vertex is a), and
    /// the triangles whose first two vertices are tie x's ends; both empty when the triangles
    /// are listed.
    private let trianglesBefore: [Int]
    private let trianglesOfTie: [Int32]

    /// Above this many triangles (12 bytes each) the list is not kept: triangle number t is
    /// found from the per-vertex prefix counts and an enumeration of one vertex's pairs, the same
    /// triangle the list would hold, so the dynamics are identical. Memory O(N) instead of
    /// O(triangles); each update costs O(log N + d log d) instead of O(1) (d: the degree).
    package static let listedTriangleLimit = 2_000_000

    /// Dynamics over explicit signed ties (e.g. a complete graph for the AKR test);
    /// `listingAtMost` triangles are listed (tests lower it to check both ways agree).
    package init(_ graph: SignedGraphView, listingAtMost limit: Int = TriadDynamics.listedTriangleLimit) {
        vertexCount = graph.vertexCount
        lows = graph.edges.map { Int32($0.low) }
        signs = graph.edges.map { Int8($0.sign) }
        // The edges are sorted by (low, high), so each vertex's higher neighbours are one run of
        // them; a third edge (b, c) is found by binary search in b's run (no pair dictionary).
        let n = graph.vertexCount
        var start = [Int](repeating: 0, count: n + 1)
        for e in graph.edges { start[e.low + 1] += 1 }
        for v in 0..<n { start[v + 1] += start[v] }
        highs = graph.edges.map { Int32($0.high) }
        runStart = start
        // Count first; list the triangles only when there are few enough.
        var before = [Int](repeating: 0, count: n + 1)
        var ofTie = [Int32](repeating: 0, count: highs.count)
        for a in 0..<n {
            var count = 0
            Self.forEachTriangle(of: a, highs: highs, runStart: start) { ab, _, _ in
                count += 1
                ofTie[ab] += 1
                return true
            }
            before[a + 1] = before[a] + count
        }
        triangleCount = before[n]
        if triangleCount <= limit {
            var triangles: [(Int32, Int32, Int32)] = []
            triangles.reserveCapacity(triangleCount)
            for a in 0..<n {
                Self.forEachTriangle(of: a, highs: highs, runStart: start) { ab, ac, bc in
                    triangles.append((Int32(ab), Int32(ac), Int32(bc)))
                    return true
                }
            }
            self.triangles = triangles
            trianglesBefore = []
            trianglesOfTie = []
        } else {
            triangles = []
            trianglesBefore = before
            trianglesOfTie = ofTie
        }
    }

    /// Calls `body` with the pair indices (ab, ac, bc) of each triangle a < b < c, for b, then c,
    /// ascending among a's higher neighbours; stops when `body` returns false.
    private static func forEachTriangle(
        of a: Int, highs: [Int32], runStart: [Int],
        _ body: (Int, Int, Int) -> Bool
    ) {
        let end = runStart[a + 1]
        for x in runStart[a]..<end {
            let b = Int(highs[x])
            for y in (x + 1)..<max(x + 1, end) {
                let c = highs[y]
                var lo = runStart[b], hi = runStart[b + 1]
                let bEnd = hi
                while lo < hi {
                    let mid = (lo + hi) / 2
                    if highs[mid] < c { lo = mid + 1 } else { hi = mid }
                }
                if lo < bEnd && highs[lo] == c && !body(x, y, lo) { return }
            }
        }
    }

    /// Triangle number `t` (0 ..< triangleCount) in the enumeration order.
    func triangle(_ t: Int) -> (Int32, Int32, Int32) {
        if !triangles.isEmpty || trianglesBefore.isEmpty { return triangles[t] }
        // The vertex a with trianglesBefore[a] <= t < trianglesBefore[a + 1].
        var lo = 0, hi = trianglesBefore.count - 1
        while lo + 1 < hi {
            let mid = (lo + hi) / 2
            if trianglesBefore[mid] <= t { lo = mid } else { hi = mid }
        }
        // Then the tie x = (a, b) of a's run that holds it, then its c.
        var remaining = t - trianglesBefore[lo]
        var x = runStart[lo]
        while remaining >= Int(trianglesOfTie[x]) { remaining -= Int(trianglesOfTie[x]); x += 1 }
        let b = Int(highs[x]), end = runStart[lo + 1]
        for y in (x + 1)..<end {
            let c = highs[y]
            var low = runStart[b], high = runStart[b + 1]
            let bEnd = high
            while low < high {
                let mid = (low + high) / 2
                if highs[mid] < c { low = mid + 1 } else { high = mid }
            }
            if low < bEnd && highs[low] == c {
                if remaining == 0 { return (Int32(x), Int32(y), Int32(low)) }
                remaining -= 1
            }
        }
        preconditionFailure("triangle \(t) is out of range")
    }

    /// The complete graph on `n` vertices with each tie friendly with probability `density`.
    package static func complete(_ n: Int, friendlyDensity density: Double, random: inout SeededRandom) -> TriadDynamics
    {
        var edges: [(Int, Int, Int)] = []
        for a in 0..<n {
            for b in (a + 1)..<max(a + 1, n) { edges.append((a, b, random.nextUnit() < density ? 1 : -1)) }
        }
        // Valid by construction.
        return TriadDynamics(try! SignedGraphView(vertexCount: n, edges: edges))
    }

    /// Share of ties that are friendly (NaN without ties).
    package var friendlyDensity: Double {
        signs.isEmpty ? .nan : Double(signs.reduce(0) { $0 + ($1 > 0 ? 1 : 0) }) / Double(signs.count)
    }

    /// Number of imbalanced triangles (odd number of negative ties). O(triangles).
    package var imbalancedTriangles: Int {
        (0..<triangleCount).reduce(0) { count, t in
            let (a, b, c) = triangle(t)
            return count + (Int(signs[Int(a)]) * Int(signs[Int(b)]) * Int(signs[Int(c)]) < 0 ? 1 : 0)
        }
    }

    package var isBalanced: Bool { imbalancedTriangles == 0 }

    /// Runs `updates` triangle updates with parameter `p`; returns how many ties flipped.
    @discardableResult
    package mutating func run(updates: Int, p: Double, random: inout SeededRandom) -> Int {
        guard triangleCount > 0 else { return 0 }
        var flips = 0
        let count = UInt64(triangleCount)
        for _ in 0..<updates {
            let t = triangle(Int(random.next() % count))
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
    package static func propose(
        _ snapshot: RoundSnapshot, random: inout SeededRandom, into proposals: inout RoundProposals
    ) {
        let parameters = snapshot.parameters
        var dynamics = TriadDynamics(SignedGraphView(snapshot.network))
        let start = dynamics.signs
        let updates = Int((parameters.triadRate * Double(dynamics.pairCount)).rounded())
        dynamics.run(updates: updates, p: parameters.triadP, random: &random)
        let network = snapshot.network
        // The pairs turned hostile drop their aligning commitments: one pass over the commitments.
        var hostile = Set<StatePair>()
        for k in 0..<dynamics.pairCount where dynamics.signs[k] != start[k] && dynamics.signs[k] < 0 {
            hostile.insert(StatePair(StateID(dynamics.pair(k).low), StateID(dynamics.pair(k).high)))
        }
        if !hostile.isEmpty {
            for (index, commitment) in network.commitments.enumerated()
            where commitment.kind.sign > 0 && hostile.contains(commitment.pair) {
                proposals.removeCommitment[index] = true
            }
        }
        for k in 0..<dynamics.pairCount where dynamics.signs[k] != start[k] {
            let pair = StatePair(StateID(dynamics.pair(k).low), StateID(dynamics.pair(k).high))
            proposals.triadFlips += 1
            if dynamics.signs[k] < 0 {
                proposals.addRivalries.append(
                    Rivalry(
                        pair.low, pair.high, intensity: parameters.triadRivalryIntensity,
                        note: "triad dynamics, round \(snapshot.round)"))
            } else {
                proposals.removeRivalry.append(pair)
                proposals.addCommitments.append(
                    .symmetric(
                        .consultation, pair.low, pair.high,
                        credibility: parameters.triadAllianceCredibility,
                        reverseCredibility: parameters.triadAllianceCredibility,
                        note: "triad dynamics, round \(snapshot.round)"))
            }
        }
    }
}
