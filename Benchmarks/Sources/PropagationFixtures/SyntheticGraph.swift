@_spi(Internals) import AllianceGraph
@_spi(Internals) import AllianceGraphFormats

/// Seeded synthetic entanglement graphs for the propagation benchmarks and the side-by-side
/// comparison (Benchmarks/Compare/10-propagation). Same seed, same graph, on every machine.
package enum SyntheticGraph {
    /// How arc targets are drawn.
    package enum Shape: String, Sendable, CaseIterable {
        /// Targets uniform over all vertices: no locality to recover.
        case uniform
        /// "Geographic": vertices sit on a ring and 90 % of the arcs join states at most about 64
        /// positions apart (the rest uniform), but the ids are a random permutation of the
        /// positions, as in data imported in arbitrary id order: locality exists and is hidden.
        case shuffledLocal = "shuffled-local"
    }

    /// A row-normalised W with `vertices` rows and exactly `arcs` arcs: each arc's source is
    /// uniform (so degrees are about Poisson(arcs / vertices)), its target drawn by `shape` and
    /// never the source itself, its raw weight uniform in (0, 1]. O(vertices + arcs).
    package static func make(vertices n: Int, arcs: Int, seed: UInt64, shape: Shape = .uniform) -> CSRAdjacency {
        precondition(n >= 2 && arcs >= 0 && arcs < Int(Int32.max), "benchmark sizes only")
        var random = SeededRandom(seed: seed)
        // Position -> id (identity for the uniform shape).
        var label = [Int32](repeating: 0, count: n)
        for p in 0..<n { label[p] = Int32(p) }
        if shape == .shuffledLocal {
            for p in stride(from: n - 1, to: 0, by: -1) { label.swapAt(p, Int(random.next() % UInt64(p + 1))) }
        }
        var sourcePosition = [Int32](repeating: 0, count: arcs)
        var targetPosition = [Int32](repeating: 0, count: arcs)
        var raw = [Double](repeating: 0, count: arcs)
        for e in 0..<arcs {
            let s = Int(random.next() % UInt64(n))
            var t: Int
            if shape == .shuffledLocal && random.next() % 10 != 0 {
                let distance = 1 + Int(random.next() % 64)
                t = random.next() & 1 == 0 ? (s + distance) % n : (s - distance % n + n) % n
            } else {
                t = Int(random.next() % UInt64(n))
            }
            if t == s { t = (s + 1) % n }
            sourcePosition[e] = Int32(s)
            targetPosition[e] = Int32(t)
            raw[e] = 1 - random.nextUnit()
        }
        // Counting sort by source id; arcs keep their draw order within a row.
        var offsets = [Int32](repeating: 0, count: n + 1)
        for e in 0..<arcs { offsets[Int(label[Int(sourcePosition[e])]) + 1] += 1 }
        for i in 0..<n { offsets[i + 1] += offsets[i] }
        var fill = offsets
        var targets = [Int32](repeating: 0, count: arcs)
        var weights = [Double](repeating: 0, count: arcs)
        for e in 0..<arcs {
            let row = Int(label[Int(sourcePosition[e])])
            let k = Int(fill[row]); fill[row] += 1
            targets[k] = label[Int(targetPosition[e])]
            weights[k] = raw[e]
        }
        do {
            return try CSRAdjacency(vertexCount: n, offsets: offsets, targets: targets, weights: weights)
                .rowNormalised()
        } catch {
            preconditionFailure("synthetic CSR is valid by construction: \(error)")
        }
    }

    /// `count` seeded values uniform in [0, 1): a D (or T) block.
    package static func block(count: Int, seed: UInt64) -> [Double] {
        var random = SeededRandom(seed: seed)
        return (0..<count).map { _ in random.nextUnit() }
    }

    /// The benchmark sizes of issue 7: 200 states / 2,000 ties and 1M states / 10M ties.
    package static let small = (vertices: 200, arcs: 2_000)
    package static let large = (vertices: 1_000_000, arcs: 10_000_000)
}
