/// The signed view of a network (docs/MODEL.md section 1.2): +1 between states joined by a
/// `defense`, `offense`, `guarantee`, `patronage` or `consultation` commitment (either
/// direction, credibility > 0), -1 between rivals. A pair that is both allied and rival is
/// negative: an active rivalry outweighs a pledge (e.g. Italy and Austria-Hungary in 1913).
/// `neutrality` and `nonaggression` pacts carry no sign.
@_spi(Internals) public struct SignedGraphView: Hashable, Sendable {
    public let vertexCount: Int
    /// Signed edges, `low < high`, sorted by (low, high).
    public let edges: [SignedEdge]

    /// A signed edge; 12 bytes (ids stored in 32 bits).
    public struct SignedEdge: Hashable, Sendable {
        private let storedLow: Int32
        private let storedHigh: Int32
        private let storedSign: Int32
        public var low: Int { Int(storedLow) }
        public var high: Int { Int(storedHigh) }
        /// +1 or -1.
        public var sign: Int { Int(storedSign) }

        init(low: Int, high: Int, sign: Int) {
            storedLow = Int32(low)
            storedHigh = Int32(high)
            storedSign = Int32(sign)
        }
    }

    /// Built by sorting (pair, sign) entries, 16 bytes per tie, rather than through a dictionary.
    public init(_ network: AllianceNetwork) {
        var entries: [(key: UInt64, sign: Int8)] = []
        entries.reserveCapacity(network.commitments.count + network.rivalries.count)
        for c in network.commitments where c.kind.sign > 0 && (c.credibility > 0 || (c.reverseCredibility ?? 0) > 0) {
            entries.append((SpellOverlap.pairKey(c.pair.low, c.pair.high), 1))
        }
        for rivalry in network.rivalries {
            entries.append((SpellOverlap.pairKey(rivalry.pair.low, rivalry.pair.high), -1))
        }
        // Sorting by (key, sign) puts a pair's rivalry first: an active rivalry outweighs a pledge.
        entries.sort { $0.key != $1.key ? $0.key < $1.key : $0.sign < $1.sign }
        var edges: [SignedEdge] = []
        edges.reserveCapacity(entries.count)
        var previous: UInt64?
        for entry in entries where entry.key != previous {
            previous = entry.key
            edges.append(
                SignedEdge(low: Int(entry.key >> 32), high: Int(entry.key & 0xFFFF_FFFF), sign: Int(entry.sign)))
        }
        vertexCount = network.count
        self.edges = edges
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
            guard sign == 1 || sign == -1 else {
                throw InputError(location: "edges[\(k)]", "sign \(sign) is not +1 or -1")
            }
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
