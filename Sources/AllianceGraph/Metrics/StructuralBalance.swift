/// Structural balance of the signed network (Heider 1946; Cartwright & Harary 1956).
///
/// A closed triangle is balanced when the product of its three signs is positive: `+++` (my
/// friend's friend is my friend) and `+--` (my enemies' enemy is my friend); `++-` and `---` are
/// imbalanced. The balance index is the share of closed triangles that are balanced (NaN when
/// there are none). Counting walks each edge's common neighbours over sorted adjacency lists:
/// O(sum over edges of the endpoints' degrees).
public struct StructuralBalance: Hashable, Sendable {
    /// Triangles with three positive ties.
    public let positivePositivePositive: Int
    /// Triangles with one positive and two negative ties (balanced).
    public let positiveNegativeNegative: Int
    /// Triangles with two positive ties and one negative (imbalanced).
    public let positivePositiveNegative: Int
    /// Triangles with three negative ties (imbalanced).
    public let negativeNegativeNegative: Int

    public var triangles: Int {
        positivePositivePositive + positiveNegativeNegative + positivePositiveNegative + negativeNegativeNegative
    }
    public var balancedTriangles: Int { positivePositivePositive + positiveNegativeNegative }
    public var imbalancedTriangles: Int { positivePositiveNegative + negativeNegativeNegative }

    /// Share of closed triangles that are balanced, in [0, 1]; NaN without triangles.
    public var index: Double { triangles == 0 ? .nan : Double(balancedTriangles) / Double(triangles) }

    public init(_ graph: SignedGraphView) {
        let lists = graph.neighbourLists
        var counts = [0, 0, 0, 0] // by number of negative ties
        for edge in graph.edges {
            // Common neighbours w > high of (low, high): each triangle counted once (low < high < w).
            let a = lists[edge.low], b = lists[edge.high]
            var i = 0, j = 0
            while i < a.count && j < b.count {
                if a[i].vertex < b[j].vertex { i += 1; continue }
                if a[i].vertex > b[j].vertex { j += 1; continue }
                if a[i].vertex > edge.high {
                    let negatives = (edge.sign < 0 ? 1 : 0) + (a[i].sign < 0 ? 1 : 0) + (b[j].sign < 0 ? 1 : 0)
                    counts[negatives] += 1
                }
                i += 1
                j += 1
            }
        }
        positivePositivePositive = counts[0]
        positivePositiveNegative = counts[1]
        positiveNegativeNegative = counts[2]
        negativeNegativeNegative = counts[3]
    }
}
