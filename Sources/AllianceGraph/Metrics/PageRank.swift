/// PageRank of an undirected weighted graph, computed natively by power iteration over its CSR
/// adjacency (Brin & Page 1998). The `pagerank` metric (MetricCatalogue) uses this kernel;
/// igraph's `igraph_pagerank` (PRPACK) is kept as its cross-check in the tests.
///
/// **Definition.** With damping `alpha` (0.85), strengths `s_j = sum_k w_jk`, and D the set of
/// dangling vertices (strength 0: the isolated states), PageRank is the stationary distribution
/// `x` of the random walk that, from vertex j, follows a tie to i with probability
/// `w_ji / s_j`, and with probability `1 - alpha` (always, from a dangling vertex) jumps to a
/// uniformly random vertex:
///
///     x_i = (1 - alpha) / n + (alpha / n) sum_{j in D} x_j + alpha sum_j w_ij x_j / s_j,
///     sum_i x_i = 1.
///
/// These are igraph 0.10.2's conventions for `igraph_pagerank(..., directed = false, damping,
/// weights)` with PRPACK: every undirected edge is a pair of opposite arcs with the edge's
/// weight, weights are strengths (not lengths), a vertex without arcs is dangling and its walk
/// restarts uniformly (PRPACK's `u` = `v` = uniform), and the scores are normalised to sum 1.
/// (PRPACK drops edges of weight <= 0; here non-positive weights are an error instead.)
///
/// **Iteration.** `x(0) = 1/n`; each step applies the right-hand side above to `x(t)`. Mass is
/// conserved, so every iterate sums to 1 up to rounding. The map is a contraction with factor
/// `alpha` in the L1 norm, so after a step that changed x by `delta = ||x(t+1) - x(t)||_1` the
/// distance to the fixed point is at most `delta * alpha / (1 - alpha)` (5.7 x delta at 0.85).
/// The iteration stops at the first step with `delta < tolerance` (default 1e-13, so the L1
/// error is below 6e-13); on random alliance-like graphs that takes about 30 steps, on
/// bipartite graphs (stars, paths) up to about 190 (the slowest mode decays as `alpha^t`). In
/// general at most about `log(tolerance) / log(alpha)` steps, so a damping close to 1 (0.999:
/// about 30,000) needs a larger `maxIterations`.
///
/// **Cost.** One pass over the CSR per step: O(n + arcs) time, reading each arc's target and
/// weight once; O(n) extra memory (three vectors and a dangling list), allocated once before
/// the loop. The loop reads the arrays through unsafe buffers after `CSRAdjacency` validated
/// them, and allocates nothing.
@_spi(Internals) public enum PageRank {
    /// igraph's and networkx's default damping.
    public static let defaultDamping = 0.85
    /// Stop when one step changes the scores by less than this in the L1 norm.
    public static let defaultTolerance = 1e-13
    /// A safety cap; with damping 0.85 the tolerance is reached in a few hundred steps at most.
    public static let defaultMaxIterations = 10_000

    /// Scores and how the iteration ended.
    public struct Result: Hashable, Sendable {
        /// PageRank of each vertex; sums to 1 (empty for an empty graph).
        public let scores: [Double]
        /// Power-iteration steps taken.
        public let iterations: Int
        /// L1 change of the last step.
        public let lastChange: Double
        /// True when the last step changed the scores by less than the tolerance.
        public let converged: Bool
    }

    /// PageRank of the alliance graph (strengths as weights).
    public static func compute(
        _ view: AllianceGraphView, damping: Double = defaultDamping,
        tolerance: Double = defaultTolerance,
        maxIterations: Int = defaultMaxIterations
    ) throws(ComputationError) -> Result {
        try compute(view.adjacency, damping: damping, tolerance: tolerance, maxIterations: maxIterations)
    }

    /// PageRank of the undirected graph whose **symmetric** adjacency is `adjacency` (each edge
    /// stored as two opposite arcs with the same weight, as `AllianceGraphView.adjacency` builds
    /// it). Weights are strengths and must be > 0.
    ///
    /// Throws when the damping is outside [0, 1), the tolerance is not positive, a weight is not
    /// positive, or the iteration did not converge within `maxIterations` steps.
    public static func compute(
        _ adjacency: CSRAdjacency, damping: Double = defaultDamping,
        tolerance: Double = defaultTolerance,
        maxIterations: Int = defaultMaxIterations
    ) throws(ComputationError) -> Result {
        guard damping >= 0, damping < 1 else {
            throw ComputationError(operation: "PageRank", reason: "damping \(damping) is outside [0, 1)")
        }
        guard tolerance > 0, maxIterations > 0 else {
            throw ComputationError(
                operation: "PageRank",
                reason: "tolerance \(tolerance) and maximum iterations \(maxIterations) must be positive")
        }
        if let k = adjacency.weights.firstIndex(where: { !($0 > 0) }) {
            throw ComputationError(
                operation: "PageRank",
                reason: "weight \(adjacency.weights[k]) of arc \(k) is invalid; expected a number > 0")
        }
        let result = iterate(adjacency, damping: damping, tolerance: tolerance, maxIterations: maxIterations)
        guard result.converged else {
            throw ComputationError(
                operation: "PageRank",
                reason: "no convergence in \(result.iterations) steps (last L1 change \(result.lastChange))")
        }
        return result
    }

    /// The power iteration itself, on validated input.
    static func iterate(
        _ adjacency: CSRAdjacency, damping alpha: Double, tolerance: Double,
        maxIterations: Int
    ) -> Result {
        let n = adjacency.vertexCount
        if n == 0 { return Result(scores: [], iterations: 0, lastChange: 0, converged: true) }

        // Per vertex: alpha / s_j (0 when dangling), and the list of dangling vertices.
        var scaledInverseStrength = [Double](repeating: 0, count: n)
        var dangling: [Int32] = []
        for j in 0..<n {
            let s = adjacency.rowSum(j)
            if s > 0 { scaledInverseStrength[j] = alpha / s } else { dangling.append(Int32(j)) }
        }
        var scores = [Double](repeating: 1 / Double(n), count: n)
        var next = [Double](repeating: 0, count: n)
        // flow[j] = alpha x_j / s_j: what each of j's arcs carries per unit weight.
        var flow = [Double](repeating: 0, count: n)
        let teleport = (1 - alpha) / Double(n)
        let danglingShare = alpha / Double(n)
        var iterations = 0
        var change = Double.infinity

        adjacency.offsets.withUnsafeBufferPointer { offsets in
            adjacency.targets.withUnsafeBufferPointer { targets in
                adjacency.weights.withUnsafeBufferPointer { weights in
                    scaledInverseStrength.withUnsafeBufferPointer { inverse in
                        dangling.withUnsafeBufferPointer { dangling in
                            scores.withUnsafeMutableBufferPointer { scoresBuffer in
                                next.withUnsafeMutableBufferPointer { nextBuffer in
                                    flow.withUnsafeMutableBufferPointer { flow in
                                        var x = scoresBuffer.baseAddress!
                                        var y = nextBuffer.baseAddress!
                                        let offsets = offsets.baseAddress!, targets = targets.baseAddress!,
                                            weights = weights.baseAddress!
                                        let inverse = inverse.baseAddress!, flow = flow.baseAddress!
                                        for j in 0..<n { flow[j] = x[j] * inverse[j] }
                                        while iterations < maxIterations && !(change < tolerance) {
                                            var danglingMass = 0.0
                                            for d in dangling { danglingMass += x[Int(d)] }
                                            let base = teleport + danglingShare * danglingMass
                                            var delta = 0.0
                                            var start = Int(offsets[0])
                                            for i in 0..<n {
                                                let end = Int(offsets[i + 1])
                                                // Four partial sums, so the additions don't wait on each other.
                                                var sum0 = 0.0, sum1 = 0.0, sum2 = 0.0, sum3 = 0.0
                                                var k = start
                                                while k + 4 <= end {
                                                    sum0 += weights[k] * flow[Int(targets[k])]
                                                    sum1 += weights[k + 1] * flow[Int(targets[k + 1])]
                                                    sum2 += weights[k + 2] * flow[Int(targets[k + 2])]
                                                    sum3 += weights[k + 3] * flow[Int(targets[k + 3])]
                                                    k += 4
                                                }
                                                while k < end {
                                                    sum0 += weights[k] * flow[Int(targets[k])]
                                                    k += 1
                                                }
                                                let sum = (sum0 + sum1) + (sum2 + sum3)
                                                start = end
                                                y[i] = base + sum
                                                delta += abs(y[i] - x[i])
                                            }
                                            // flow is read by every row of the pass above, so it is refreshed only now.
                                            for j in 0..<n { flow[j] = y[j] * inverse[j] }
                                            swap(&x, &y)
                                            change = delta
                                            iterations += 1
                                        }
                                        // The latest iterate is in x; leave it in `scores`.
                                        if x != scoresBuffer.baseAddress! {
                                            scoresBuffer.baseAddress!.update(from: x, count: n)
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        // Iterates sum to 1 up to rounding; normalise exactly as igraph does.
        let total = scores.reduce(0, +)
        for i in 0..<n { scores[i] /= total }
        return Result(scores: scores, iterations: iterations, lastChange: change, converged: change < tolerance)
    }
}
