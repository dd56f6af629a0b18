/// The signed view of a network (MODEL.md section 1.2): +1 between states joined by a
/// `defense`, `offense`, `guarantee`, `patronage` or `consultation` commitment (either
/// direction, credibility > 0), -1 between rivals. A pair that is both allied and rival is
/// negative: an active rivalry outweighs a pledge (e.g. Italy and Austria-Hungary in 1913).
/// `neutrality` and `nonaggression` pacts carry no sign.
public struct SignedGraphView: Hashable, Sendable {
    public let vertexCount: Int
    /// Signed edges, `low < high`, sorted by (low, high).
    public let edges: [SignedEdge]

    public struct SignedEdge: Hashable, Sendable {
        public let low: Int
        public let high: Int
        /// +1 or -1.
        public let sign: Int
    }

    public init(_ network: AllianceNetwork) {
        var signs: [StatePair: Int] = [:]
        for obligation in network.obligations where obligation.kind.sign > 0 && obligation.credibility > 0 {
            signs[StatePair(obligation.committed, obligation.partner)] = 1
        }
        for rivalry in network.rivalries { signs[rivalry.pair] = -1 }
        self.init(vertexCount: network.count,
                  uncheckedEdges: signs.map { SignedEdge(low: $0.key.low.index, high: $0.key.high.index, sign: $0.value) })
    }

    /// A signed graph from explicit `(a, b, sign)` triples (sign +1 or -1, no self-loops or
    /// duplicate pairs).
    public init(vertexCount: Int, edges: [(Int, Int, Int)]) throws(InputError) {
        var seen = Set<[Int]>()
        var list: [SignedEdge] = []
        for (k, (a, b, sign)) in edges.enumerated() {
            guard (0..<vertexCount).contains(a), (0..<vertexCount).contains(b), a != b else {
                throw InputError(location: "edges[\(k)]", "vertex out of range or self-loop")
            }
            guard sign == 1 || sign == -1 else { throw InputError(location: "edges[\(k)]", "sign \(sign) is not +1 or -1") }
            guard seen.insert([min(a, b), max(a, b)]).inserted else {
                throw InputError(location: "edges[\(k)]", "duplicate pair \(a)-\(b)")
            }
            list.append(SignedEdge(low: min(a, b), high: max(a, b), sign: sign))
        }
        self.init(vertexCount: vertexCount, uncheckedEdges: list)
    }

    private init(vertexCount: Int, uncheckedEdges: [SignedEdge]) {
        self.vertexCount = vertexCount
        edges = uncheckedEdges.sorted { ($0.low, $0.high) < ($1.low, $1.high) }
    }

    /// Sign of the pair (0 when not joined). O(log E).
    public func sign(_ a: Int, _ b: Int) -> Int {
        let key = (min(a, b), max(a, b))
        var lo = 0, hi = edges.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if (edges[mid].low, edges[mid].high) < key { lo = mid + 1 } else { hi = mid }
        }
        return lo < edges.count && edges[lo].low == key.0 && edges[lo].high == key.1 ? edges[lo].sign : 0
    }

    /// Neighbour lists with signs, sorted by neighbour.
    public var neighbourLists: [[(vertex: Int, sign: Int)]] {
        var lists = [[(vertex: Int, sign: Int)]](repeating: [], count: vertexCount)
        for edge in edges {
            lists[edge.low].append((edge.high, edge.sign))
            lists[edge.high].append((edge.low, edge.sign))
        }
        return lists.map { $0.sorted { $0.vertex < $1.vertex } }
    }
}
