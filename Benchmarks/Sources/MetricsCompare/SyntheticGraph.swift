@_spi(Internals) import AllianceGraph
@_spi(Internals) import AllianceGraphFormats

/// A seeded random undirected graph for the PageRank comparison: `vertexCount` vertices and
/// `edgeCount` distinct edges drawn uniformly among all pairs (no self-loops), each with a
/// strength (credibility) uniform in [0.05, 1). Every draw comes from `SeededRandom(seed:)`: the
/// same arguments give the same graph. Isolated vertices are kept (they are dangling nodes).
struct SyntheticGraph {
    let vertexCount: Int
    /// Edge endpoints with `low < high`, sorted by (low, high).
    let low: [Int32]
    let high: [Int32]
    let strengths: [Double]

    init(vertexCount n: Int, edgeCount m: Int, seed: UInt64) {
        precondition(n >= 2 && m <= n * (n - 1) / 2 && n < Int(Int32.max))
        var random = SeededRandom(seed: seed)
        var keys: [UInt64] = []
        keys.reserveCapacity(m)
        // Draw the missing edges, drop duplicates, repeat until there are m distinct pairs.
        while keys.count < m {
            for _ in keys.count..<m {
                var a = UInt64(random.next() % UInt64(n)), b = UInt64(random.next() % UInt64(n))
                while a == b { b = UInt64(random.next() % UInt64(n)) }
                if a > b { swap(&a, &b) }
                keys.append(a << 32 | b)
            }
            keys.sort()
            var unique = 0
            for k in keys.indices where k == 0 || keys[k] != keys[k - 1] {
                keys[unique] = keys[k]
                unique += 1
            }
            keys.removeLast(keys.count - unique)
        }
        vertexCount = n
        low = keys.map { Int32(truncatingIfNeeded: $0 >> 32) }
        high = keys.map { Int32(truncatingIfNeeded: $0 & 0xFFFF_FFFF) }
        strengths = keys.map { _ in 0.05 + 0.95 * random.nextUnit() }
    }

    var edgeCount: Int { low.count }

    /// The symmetric CSR adjacency (each edge as two arcs), built by counting sort in O(n + m).
    func adjacency() throws -> CSRAdjacency {
        var offsets = [Int32](repeating: 0, count: vertexCount + 1)
        for k in 0..<edgeCount {
            offsets[Int(low[k]) + 1] += 1
            offsets[Int(high[k]) + 1] += 1
        }
        for i in 0..<vertexCount { offsets[i + 1] += offsets[i] }
        var cursor = offsets
        var targets = [Int32](repeating: 0, count: 2 * edgeCount)
        var weights = [Double](repeating: 0, count: 2 * edgeCount)
        for k in 0..<edgeCount {
            let a = Int(low[k]), b = Int(high[k])
            targets[Int(cursor[a])] = Int32(b); weights[Int(cursor[a])] = strengths[k]; cursor[a] += 1
            targets[Int(cursor[b])] = Int32(a); weights[Int(cursor[b])] = strengths[k]; cursor[b] += 1
        }
        return try CSRAdjacency(vertexCount: vertexCount, offsets: offsets, targets: targets, weights: weights)
    }
}
