/// Structural balance of the signed network (Heider 1946; Cartwright & Harary 1956).
///
/// A closed triangle is balanced when the product of its three signs is positive: `+++` (my
/// friend's friend is my friend) and `+--` (my enemies' enemy is my friend); `++-` and `---` are
/// imbalanced. The balance index is the share of closed triangles that are balanced (NaN when
/// there are none). Counting walks each edge's common neighbours over sorted adjacency lists:
/// O(sum over edges of the endpoints' degrees), or, when one endpoint's list is more than 16
/// times the other's (a hub), a binary search of the short list in the long one.
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
        // Sorted neighbour rows as a CSR: the edges are sorted by (low, high), so filling rows in
        // edge order lists each vertex's lower neighbours, then its higher ones, both ascending.
        let n = graph.vertexCount, edges = graph.edges
        var start = [Int](repeating: 0, count: n + 1)
        for e in edges { start[e.low + 1] += 1; start[e.high + 1] += 1 }
        for v in 0..<n { start[v + 1] += start[v] }
        var fill = start
        var neighbour = [Int32](repeating: 0, count: 2 * edges.count)
        var negative = [Bool](repeating: false, count: 2 * edges.count)
        for e in edges {
            neighbour[fill[e.low]] = Int32(e.high); negative[fill[e.low]] = e.sign < 0; fill[e.low] += 1
            neighbour[fill[e.high]] = Int32(e.low); negative[fill[e.high]] = e.sign < 0; fill[e.high] += 1
        }
        let rows = SortedRows(start: start, neighbour: neighbour, negative: negative)
        // Integer counts: the chunks' sums are the same whatever the number of workers.
        let chunkCount = edges.count >= parallelMinimumEdges ? 16 : 1
        let chunkSize = (edges.count + chunkCount - 1) / max(1, chunkCount)
        let perChunk =
            (try? ParallelMap.run(count: chunkCount, workers: ProcessorCount.active, progress: nil) { chunk -> [Int] in
                let lower = min(edges.count, chunk * chunkSize), upper = min(edges.count, lower + chunkSize)
                return rows.countTriangles(edges[lower..<upper])
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

    /// Every vertex's neighbours in ascending order (CSR), with the sign of each tie.
    private struct SortedRows: Sendable {
        let start: [Int]
        let neighbour: [Int32]
        let negative: [Bool]

        /// The first position in `row` whose neighbour exceeds `vertex` (rows are sorted).
        func firstAbove(_ vertex: Int, inRow row: Int) -> Int {
            var lo = start[row], hi = start[row + 1]
            while lo < hi {
                let mid = (lo + hi) / 2
                if Int(neighbour[mid]) <= vertex { lo = mid + 1 } else { hi = mid }
            }
            return lo
        }

        /// The position of `vertex` in `row`, or -1.
        func find(_ vertex: Int32, inRow row: Int) -> Int {
            var lo = start[row], hi = start[row + 1]
            while lo < hi {
                let mid = (lo + hi) / 2
                if neighbour[mid] < vertex { lo = mid + 1 } else { hi = mid }
            }
            return lo < start[row + 1] && neighbour[lo] == vertex ? lo : -1
        }

        /// Triangles low < high < w closed over each of `edges`, by number of negative ties.
        func countTriangles(_ edges: ArraySlice<SignedGraphView.SignedEdge>) -> [Int] {
            var counts = [0, 0, 0, 0]
            for edge in edges {
                // Only common neighbours w > high count (each triangle once, at its lowest edge):
                // both rows are entered at their first neighbour above `high`.
                var i = firstAbove(edge.high, inRow: edge.low), j = firstAbove(edge.high, inRow: edge.high)
                let iEnd = start[edge.low + 1], jEnd = start[edge.high + 1]
                if i == iEnd || j == jEnd { continue }
                let edgeNegative = edge.sign < 0 ? 1 : 0
                if (iEnd - i) > 16 * (jEnd - j) || (jEnd - j) > 16 * (iEnd - i) {
                    // Rows of very different lengths (a hub): look the short row up in the long
                    // one, O(short * log long) instead of O(short + long).
                    let lowShorter = iEnd - i <= jEnd - j
                    let (shortStart, shortEnd, longRow) = lowShorter ? (i, iEnd, edge.high) : (j, jEnd, edge.low)
                    for k in shortStart..<shortEnd {
                        let other = find(neighbour[k], inRow: longRow)
                        if other >= 0 {
                            counts[edgeNegative + (negative[k] ? 1 : 0) + (negative[other] ? 1 : 0)] += 1
                        }
                    }
                    continue
                }
                while i < iEnd && j < jEnd {
                    if neighbour[i] < neighbour[j] { i += 1; continue }
                    if neighbour[i] > neighbour[j] { j += 1; continue }
                    counts[edgeNegative + (negative[i] ? 1 : 0) + (negative[j] ? 1 : 0)] += 1
                    i += 1
                    j += 1
                }
            }
            return counts
        }
    }
}
