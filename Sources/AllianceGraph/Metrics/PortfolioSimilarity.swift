/// Alliance-portfolio similarity S (Signorino & Ritter 1999, "Tau-b or not tau-b: measuring the
/// similarity of foreign policy positions", International Studies Quarterly 43(1): 115-144).
///
/// Each state's portfolio is its vector of alliance ties to every state of the system:
/// `x_ik` = the strength of the i-k alliance tie (`AllianceGraphView`: the largest credibility of
/// any commitment between them, either direction, in [0, 1]; 0 without one), and `x_ii = 1` (a
/// state is fully aligned with itself, the convention of Bueno de Mesquita's and Signorino &
/// Ritter's portfolios). With dimension weights `v_k` (default 1: the unweighted S),
///   `d_ij = sum_k v_k |x_ik - x_jk|`, `d_max = sum_k v_k * (max - min) = sum_k v_k`,
///   `S_ij = 1 - 2 d_ij / d_max`,
/// in [-1, 1]: 1 for identical portfolios, -1 for opposite ones. Symmetric, `S_ii = 1`.
/// Variant used: valued ties (credibility, not ATOP/COW ordinal codes), L1 distance, the
/// self-tie included, all N states as dimensions. Capability-weighted S (Signorino & Ritter's
/// S_w) is `PortfolioSimilarity(network, weights: capabilities)`.
package struct PortfolioSimilarity: Hashable, Sendable {
    package let count: Int
    /// Portfolios, row-major n x n.
    private let portfolio: [Double]
    private let weights: [Double]
    private let totalWeight: Double

    package init(_ network: AllianceNetwork, weights: [Double]? = nil) {
        let view = AllianceGraphView(network)
        let n = network.count
        var x = [Double](repeating: 0, count: n * n)
        for i in 0..<n { x[i * n + i] = 1 }
        for (k, edge) in view.edges.enumerated() {
            x[edge.low * n + edge.high] = view.strengths[k]
            x[edge.high * n + edge.low] = view.strengths[k]
        }
        count = n
        portfolio = x
        self.weights = weights ?? [Double](repeating: 1, count: n)
        totalWeight = self.weights.reduce(0, +)
    }

    /// Throws when the portfolios and the matrix of S of `n` states (two N x N tables of doubles,
    /// and about as much again for their text) exceed `MemoryBudget`.
    package static func checkMemory(states n: Int) throws(ComputationError) {
        try MemoryBudget.check(
            "portfolio similarity matrix", count: MemoryBudget.product(4, n, n), elementSize: 8,
            what: "the \(n) x \(n) matrix and its text",
            avoid: "ask for one pair with --similarity A,B instead of --similarity-matrix")
    }

    /// S between states `i` and `j` of `network` (unweighted), from their two portfolios only:
    /// O(N + ties) time and O(N) memory, where `PortfolioSimilarity(network)` holds N x N.
    package static func pair(_ network: AllianceNetwork, _ i: Int, _ j: Int) -> Double {
        let n = network.count
        guard n > 0 else { return .nan }
        let view = AllianceGraphView(network)
        var rowI = [Double](repeating: 0, count: n), rowJ = [Double](repeating: 0, count: n)
        rowI[i] = 1
        rowJ[j] = 1
        for (k, edge) in view.edges.enumerated() {
            if edge.low == i { rowI[edge.high] = view.strengths[k] }
            if edge.high == i { rowI[edge.low] = view.strengths[k] }
            if edge.low == j { rowJ[edge.high] = view.strengths[k] }
            if edge.high == j { rowJ[edge.low] = view.strengths[k] }
        }
        var d = 0.0
        for k in 0..<n { d += abs(rowI[k] - rowJ[k]) }
        return 1 - 2 * d / Double(n)
    }

    /// S between states i and j; NaN when the weights sum to 0.
    package func value(_ i: Int, _ j: Int) -> Double {
        guard totalWeight > 0 else { return .nan }
        var d = 0.0
        for k in 0..<count { d += weights[k] * abs(portfolio[i * count + k] - portfolio[j * count + k]) }
        return 1 - 2 * d / totalWeight
    }

    /// The n x n matrix of S.
    package var matrix: [[Double]] {
        (0..<count).map { i in (0..<count).map { j in value(i, j) } }
    }
}
