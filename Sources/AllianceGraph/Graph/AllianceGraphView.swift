/// The alliance graph used by centrality, blocs and connectivity metrics: a simple undirected
/// weighted graph over the states (docs/MODEL.md sections 1.2 and 5).
///
/// Two states are joined when any commitment (of the selected kinds) joins them, in either
/// direction, with a strength above 0. The edge's weight is the dyad's **strength**: the largest,
/// over the pair's commitments, of the commitment's **mean pledge** — `(kappa_ij + kappa_ji) / 2`
/// for a symmetric commitment, `kappa` for a directed one (a guarantee or patronage has one pledge
/// by design). So one-sided abandonment shows: a defence pact whose one side still pledges 1 while
/// the other has fallen to 0 has strength 0.5, not 1. (A pair with a defence pact, a neutrality
/// clause and a consultation clause is one alliance, not three; taking the maximum over
/// commitments keeps multi-clause treaties such as ATOP's from inflating strength.) igraph reads
/// the strengths as weights (PageRank, eigenvector, Leiden); path-based measures use the length
/// `1 / strength`; graph exports write them as the `strength` attribute.
@_spi(Internals) public struct AllianceGraphView: Hashable, Sendable {
    public let vertexCount: Int
    /// Edges with `low < high`, sorted.
    public let edges: [(low: Int, high: Int)]
    /// Strength of each edge, in (0, 1].
    public let strengths: [Double]

    public static func == (lhs: AllianceGraphView, rhs: AllianceGraphView) -> Bool {
        lhs.vertexCount == rhs.vertexCount && lhs.strengths == rhs.strengths
            && lhs.edges.elementsEqual(rhs.edges) { $0 == $1 }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(vertexCount)
        hasher.combine(strengths)
        for edge in edges { hasher.combine(edge.low); hasher.combine(edge.high) }
    }

    /// The number of edges `AllianceGraphView(network)` has (pairs joined by a commitment of any
    /// kind with a strength above 0), counted without building the view: the higher states
    /// bucketed by the lower (a counting sort), each bucket sorted, distinct entries counted.
    /// O(E), 4 bytes per commitment (the view holds 24 per edge); at 10 million ties 0.5 s
    /// instead of 1.1 s.
    package static func edgeCount(of network: AllianceNetwork) -> Int {
        let n = network.count, commitments = network.commitments
        var next = [Int](repeating: 0, count: n + 1)
        for c in commitments where strength(of: c) > 0 { next[c.pair.low.index + 1] += 1 }
        for v in 0..<n { next[v + 1] += next[v] }
        let starts = next
        var highs = [UInt32](repeating: 0, count: starts[n])
        for c in commitments where strength(of: c) > 0 {
            let low = c.pair.low.index
            highs[next[low]] = UInt32(c.pair.high.index)
            next[low] += 1
        }
        var count = 0
        highs.withUnsafeMutableBufferPointer { highs in
            for low in 0..<n where starts[low + 1] > starts[low] {
                var row = UnsafeMutableBufferPointer(rebasing: highs[starts[low]..<starts[low + 1]])
                row.sort()
                count += 1
                for k in 1..<row.count where row[k] != row[k - 1] { count += 1 }
            }
        }
        return count
    }

    /// The alliance graph of `network`, counting commitments of `kinds` (all kinds by default).
    /// Pledges with credibility 0 don't count.
    public init(_ network: AllianceNetwork, kinds: Set<CommitmentKind> = Set(CommitmentKind.allCases)) {
        // Bucketed by the pair's lower state (a counting sort), each bucket sorted by the higher
        // state and merged by taking the strongest: O(E) for networks of millions of ties, 12
        // bytes per commitment instead of a dictionary of pairs.
        var included = [Bool](repeating: false, count: CommitmentKind.allCases.count)
        for kind in kinds { included[kind.ordinal] = true }
        let n = network.count, commitments = network.commitments
        var next = [Int](repeating: 0, count: n + 1)
        for c in commitments where included[c.kind.ordinal] && Self.strength(of: c) > 0 {
            next[min(c.from.index, c.to.index) + 1] += 1
        }
        for v in 0..<n { next[v + 1] += next[v] }
        let starts = next
        var highs = [Int32](repeating: 0, count: starts[n])
        var values = [Double](repeating: 0, count: starts[n])
        for c in commitments where included[c.kind.ordinal] {
            let strength = Self.strength(of: c)
            guard strength > 0 else { continue }
            let low = min(c.from.index, c.to.index)
            highs[next[low]] = Int32(max(c.from.index, c.to.index))
            values[next[low]] = strength
            next[low] += 1
        }
        var edges: [(low: Int, high: Int)] = []
        var strengths: [Double] = []
        var row: [(high: Int32, strength: Double)] = []
        for low in 0..<n where starts[low + 1] > starts[low] {
            row.removeAll(keepingCapacity: true)
            for k in starts[low]..<starts[low + 1] { row.append((highs[k], values[k])) }
            row.sort { $0.high < $1.high }
            for (high, strength) in row {
                if let last = edges.last, last.low == low, last.high == Int(high) {
                    strengths[strengths.count - 1] = max(strengths[strengths.count - 1], strength)
                } else {
                    edges.append((low, Int(high)))
                    strengths.append(strength)
                }
            }
        }
        vertexCount = n
        self.edges = edges
        self.strengths = strengths
    }

    /// A graph from explicit edges (for tests and generated networks). Edges are normalised to
    /// `low < high` and sorted; self-loops and duplicates are rejected, strengths must be in (0, 1].
    public init(vertexCount: Int, edges: [(Int, Int, Double)]) throws(InputError) {
        var list: [(Int, Int, Double)] = []
        for (k, (a, b, w)) in edges.enumerated() {
            guard (0..<vertexCount).contains(a), (0..<vertexCount).contains(b) else {
                throw InputError(location: "edges[\(k)]", "vertex out of range 0..<\(vertexCount)")
            }
            guard a != b else { throw InputError(location: "edges[\(k)]", "self-loop on vertex \(a)") }
            guard w.isFinite, w > 0, w <= 1 else {
                throw InputError(location: "edges[\(k)]", "strength \(w) is out of range; expected (0, 1]")
            }
            list.append((min(a, b), max(a, b), w))
        }
        list.sort { ($0.0, $0.1) < ($1.0, $1.1) }
        for k in list.indices.dropFirst() where list[k].0 == list[k - 1].0 && list[k].1 == list[k - 1].1 {
            throw InputError("duplicate edge \(list[k].0)-\(list[k].1)")
        }
        self.vertexCount = vertexCount
        self.edges = list.map { ($0.0, $0.1) }
        strengths = list.map(\.2)
    }

    public var edgeCount: Int { edges.count }

    /// A commitment's strength: the mean of its pledges (one pledge for a directed kind).
    public static func strength(of commitment: Commitment) -> Double {
        guard let reverse = commitment.reverseCredibility else { return commitment.credibility }
        return (commitment.credibility + reverse) / 2
    }

    /// Lengths `1 / strength` for path-based measures.
    public var lengths: [Double] { strengths.map { 1 / $0 } }

    /// Symmetric CSR adjacency with strengths as weights.
    public var adjacency: CSRAdjacency {
        // Two passes over the edges (no list of all arcs, which took 24 bytes an arc and a sort):
        // the same CSR, each row sorted by target (the edges are distinct pairs: nothing merges).
        let edges = edges, strengths = strengths
        return
            (try? CSRAdjacency(vertexCount: vertexCount) { emit in
                for (k, edge) in edges.enumerated() {
                    emit(edge.low, edge.high, strengths[k])
                    emit(edge.high, edge.low, strengths[k])
                }
            }) ?? .empty(vertexCount: vertexCount)
    }
}
