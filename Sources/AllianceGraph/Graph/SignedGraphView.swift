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

    /// Built by bucketing the ties by their lower state (a counting sort, O(E), 4 bytes per tie
    /// beside the buckets' offsets) and sorting each bucket's keys `2 * high + (sign > 0 ? 1 : 0)`
    /// (so a pair's rivalry comes before its pledges: an active rivalry outweighs a pledge),
    /// rather than through a dictionary or a sort of every tie. States are ids below `Int32.max`,
    /// so a key fits in 32 bits.
    public init(_ network: AllianceNetwork) {
        let n = network.count, commitments = network.commitments, rivalries = network.rivalries
        func signed(_ c: Commitment) -> Bool {
            c.kind.sign > 0 && (c.credibility > 0 || (c.reverseCredibility ?? 0) > 0)
        }
        var next = [Int](repeating: 0, count: n + 1)
        for c in commitments where signed(c) { next[c.pair.low.index + 1] += 1 }
        for rivalry in rivalries { next[rivalry.pair.low.index + 1] += 1 }
        for v in 0..<n { next[v + 1] += next[v] }
        let starts = next
        var keys = [UInt32](repeating: 0, count: starts[n])
        for c in commitments where signed(c) {
            let low = c.pair.low.index
            keys[next[low]] = UInt32(c.pair.high.index) << 1 | 1
            next[low] += 1
        }
        for rivalry in rivalries {
            let low = rivalry.pair.low.index
            keys[next[low]] = UInt32(rivalry.pair.high.index) << 1
            next[low] += 1
        }
        var edges: [SignedEdge] = []
        edges.reserveCapacity(starts[n])
        keys.withUnsafeMutableBufferPointer { keys in
            for low in 0..<n where starts[low + 1] > starts[low] {
                var row = UnsafeMutableBufferPointer(rebasing: keys[starts[low]..<starts[low + 1]])
                row.sort()
                var previous = UInt32.max
                for key in row where key >> 1 != previous {
                    previous = key >> 1
                    edges.append(SignedEdge(low: low, high: Int(previous), sign: key & 1 == 1 ? 1 : -1))
                }
            }
        }
        vertexCount = n
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
