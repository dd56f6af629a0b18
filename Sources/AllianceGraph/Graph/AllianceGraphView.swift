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

    /// The alliance graph of `network`, counting commitments of `kinds` (all kinds by default).
    /// Pledges with credibility 0 don't count.
    public init(_ network: AllianceNetwork, kinds: Set<CommitmentKind> = Set(CommitmentKind.allCases)) {
        var strongest: [StatePair: Double] = [:]
        for commitment in network.commitments where kinds.contains(commitment.kind) {
            let strength = Self.strength(of: commitment)
            guard strength > 0 else { continue }
            strongest[commitment.pair] = max(strongest[commitment.pair] ?? 0, strength)
        }
        let sorted = strongest.sorted { ($0.key.low, $0.key.high) < ($1.key.low, $1.key.high) }
        vertexCount = network.count
        edges = sorted.map { ($0.key.low.index, $0.key.high.index) }
        strengths = sorted.map(\.value)
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
        var arcs: [(source: Int, target: Int, weight: Double)] = []
        arcs.reserveCapacity(edges.count * 2)
        for (k, edge) in edges.enumerated() {
            arcs.append((edge.low, edge.high, strengths[k]))
            arcs.append((edge.high, edge.low, strengths[k]))
        }
        return try! CSRAdjacency(vertexCount: vertexCount, arcs: arcs)
    }
}
