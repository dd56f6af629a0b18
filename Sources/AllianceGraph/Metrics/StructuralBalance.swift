/// Structural balance of the signed network (Heider 1946; Cartwright & Harary 1956).
///
/// A closed triangle is balanced when the product of its three signs is positive: `+++` (my
/// friend's friend is my friend) and `+--` (my enemies' enemy is my friend); `++-` and `---` are
/// imbalanced. The balance index is the share of closed triangles that are balanced (NaN when
/// there are none). Each triangle `a < b < c` is counted once, at its edge `(a, b)`: the common
/// neighbours above `b` of `a` and `b`, found by walking their sorted lists of higher neighbours
/// together (O(sum over edges of those lists' lengths)), or, when one list is more than 16 times
/// the other (a hub), by a binary search of the short list in the long one.
package struct StructuralBalance: Hashable, Sendable {
    /// Triangles with three positive ties.
    package let positivePositivePositive: Int
    /// Triangles with one positive and two negative ties (balanced).
    package let positiveNegativeNegative: Int
    /// Triangles with two positive ties and one negative (imbalanced).
    package let positivePositiveNegative: Int
    /// Triangles with three negative ties (imbalanced).
    package let negativeNegativeNegative: Int

    package var triangles: Int {
        positivePositivePositive + positiveNegativeNegative + positivePositiveNegative + negativeNegativeNegative
    }
    package var balancedTriangles: Int { positivePositivePositive + positiveNegativeNegative }
    package var imbalancedTriangles: Int { positivePositiveNegative + negativeNegativeNegative }

    /// Share of closed triangles that are balanced, in [0, 1]; NaN without triangles.
    package var index: Double { triangles == 0 ? .nan : Double(balancedTriangles) / Double(triangles) }

    /// Counts the triangles of `graph`; with at least `parallelMinimumEdges` edges, in 16 chunks
    /// of edges on all cores (integer counts: the same result on any number of cores).
    package init(_ graph: SignedGraphView, parallelMinimumEdges: Int = StructuralBalance.parallelMinimumEdges) {
        // Each vertex's higher neighbours, ascending: the edges sorted by (low, high) are these
        // rows one after the other, so they are read in place (one sequential pass, 4 bytes an
        // edge: the neighbour, with the tie's sign in the top bit).
        let n = graph.vertexCount, edges = graph.edges
        var start = [Int](repeating: 0, count: n + 1)
        for e in edges { start[e.low + 1] += 1 }
        for v in 0..<n { start[v + 1] += start[v] }
        let rows = HigherRows(
            start: start, entry: edges.map { UInt32($0.high) | ($0.sign < 0 ? HigherRows.negative : 0) })
        // Integer counts: the chunks' sums are the same whatever the number of workers.
        let chunkCount = edges.count >= parallelMinimumEdges ? 16 : 1
        let chunkSize = (edges.count + chunkCount - 1) / max(1, chunkCount)
        let perChunk =
            (try? ParallelMap.run(count: chunkCount, workers: ProcessorCount.active, progress: nil) { chunk -> [Int] in
                let lower = min(edges.count, chunk * chunkSize), upper = min(edges.count, lower + chunkSize)
                return rows.countTriangles(lower..<upper, of: edges)
            }) ?? []
        var counts = [0, 0, 0, 0]  // by number of negative ties
        for chunk in perChunk { for k in 0..<4 { counts[k] += chunk[k] } }
        positivePositivePositive = counts[0]
        positivePositiveNegative = counts[1]
        positiveNegativeNegative = counts[2]
        negativeNegativeNegative = counts[3]
    }

    /// Networks with at least this many signed edges count their triangles on all cores.
    static let parallelMinimumEdges = 200_000

    /// Every vertex's higher neighbours in ascending order (CSR), each entry the neighbour with the
    /// tie's sign in its top bit; entry `p` is edge `p` of the signed view.
    private struct HigherRows: Sendable {
        let start: [Int]
        let entry: [UInt32]

        /// The top bit of an entry: the tie is negative.
        static let negative: UInt32 = 1 << 31

        /// The position of `vertex` in `row`, or -1.
        func find(_ vertex: UInt32, inRow row: Int) -> Int {
            var lo = start[row], hi = start[row + 1]
            while lo < hi {
                let mid = (lo + hi) / 2
                if entry[mid] & ~Self.negative < vertex { lo = mid + 1 } else { hi = mid }
            }
            return lo < start[row + 1] && entry[lo] & ~Self.negative == vertex ? lo : -1
        }

        /// Triangles low < high < w closed over each of `edges` (positions `range` of the signed
        /// view's edges), by number of negative ties.
        func countTriangles(_ range: Range<Int>, of edges: [SignedGraphView.SignedEdge]) -> [Int] {
            var counts = [0, 0, 0, 0]
            for p in range {
                let edge = edges[p]
                // Common neighbours above `high`: low's row after this edge, and high's whole row.
                var i = p + 1, j = start[edge.high]
                let iEnd = start[edge.low + 1], jEnd = start[edge.high + 1]
                if i == iEnd || j == jEnd { continue }
                let edgeNegative = edge.sign < 0 ? 1 : 0
                if (iEnd - i) > 16 * (jEnd - j) || (jEnd - j) > 16 * (iEnd - i) {
                    // Rows of very different lengths (a hub): look the short row up in the long
                    // one, O(short * log long) instead of O(short + long).
                    let lowShorter = iEnd - i <= jEnd - j
                    let (shortStart, shortEnd, longRow) = lowShorter ? (i, iEnd, edge.high) : (j, jEnd, edge.low)
                    for k in shortStart..<shortEnd {
                        let other = find(entry[k] & ~Self.negative, inRow: longRow)
                        if other >= 0 {
                            counts[edgeNegative + Self.negatives(entry[k]) + Self.negatives(entry[other])] += 1
                        }
                    }
                    continue
                }
                while i < iEnd && j < jEnd {
                    let a = entry[i] & ~Self.negative, b = entry[j] & ~Self.negative
                    if a < b { i += 1; continue }
                    if a > b { j += 1; continue }
                    counts[edgeNegative + Self.negatives(entry[i]) + Self.negatives(entry[j])] += 1
                    i += 1
                    j += 1
                }
            }
            return counts
        }

        /// 1 for an entry of a negative tie, else 0.
        static func negatives(_ entry: UInt32) -> Int { Int(entry >> 31) }
    }
}
