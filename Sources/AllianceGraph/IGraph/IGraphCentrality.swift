import CIgraph

/// Thin wrappers, one per igraph routine, over an alliance view. Each runs inside `IGraph.run`
/// (callers batch several in one run through `IGraphSession`).
struct IGraphSession: ~Copyable {
    let graph: IGraphGraph
    let view: AllianceGraphView

    init(_ view: AllianceGraphView) throws(ComputationError) {
        self.view = view
        graph = try IGraphGraph(view)
    }

    private var n: Int { view.vertexCount }
    private var m: Int { view.edgeCount }

    /// `igraph_betweenness`, undirected, weights read as lengths (1/strength).
    func betweenness() throws(ComputationError) -> [Double] {
        let lengths = IGraphRealVector(try validatedWeights(view.lengths, count: m, positive: true, "betweenness"))
        let result = IGraphRealVector()
        try IGraph.check(
            igraph_betweenness(graph.pointer, result.pointer, igraph_vss_all(), false, lengths.pointer),
            "betweenness")
        return result.array
    }

    /// `igraph_closeness`, normalised: `(r - 1) / sum of distances to the r - 1 reachable others`,
    /// lengths 1/strength; NaN for an isolated vertex.
    func closeness() throws(ComputationError) -> [Double] {
        let lengths = IGraphRealVector(try validatedWeights(view.lengths, count: m, positive: true, "closeness"))
        let result = IGraphRealVector()
        try IGraph.check(
            igraph_closeness(
                graph.pointer, result.pointer, nil, nil, igraph_vss_all(), IGRAPH_ALL,
                lengths.pointer, true), "closeness")
        return result.array
    }

    /// `igraph_harmonic_centrality`, normalised: mean of 1/d over the n - 1 others (lengths 1/strength).
    func harmonic() throws(ComputationError) -> [Double] {
        let lengths = IGraphRealVector(
            try validatedWeights(view.lengths, count: m, positive: true, "harmonic closeness"))
        let result = IGraphRealVector()
        try IGraph.check(
            igraph_harmonic_centrality(
                graph.pointer, result.pointer, igraph_vss_all(), IGRAPH_ALL,
                lengths.pointer, true), "harmonic closeness")
        return result.array
    }

    /// `igraph_eigenvector_centrality`, undirected, weights read as strengths, scaled to max 1.
    /// All zeros for a graph without edges.
    func eigenvector() throws(ComputationError) -> [Double] {
        if m == 0 { return [Double](repeating: 0, count: n) }
        let weights = IGraphRealVector(
            try validatedWeights(view.strengths, count: m, positive: true, "eigenvector centrality"))
        let result = IGraphRealVector()
        var value: igraph_real_t = 0
        try IGraph.check(
            igraph_eigenvector_centrality(
                graph.pointer, result.pointer, &value, false, true,
                weights.pointer, nil), "eigenvector centrality")
        return result.array
    }

    /// `igraph_pagerank` (PRPACK), undirected, damping 0.85, weights read as strengths. The
    /// `pagerank` metric is computed natively (`PageRank`); this is its cross-check in the tests.
    func pagerank(damping: Double = 0.85) throws(ComputationError) -> [Double] {
        let weights = IGraphRealVector(try validatedWeights(view.strengths, count: m, positive: true, "PageRank"))
        let result = IGraphRealVector()
        var value: igraph_real_t = 0
        try IGraph.check(
            igraph_pagerank(
                graph.pointer, IGRAPH_PAGERANK_ALGO_PRPACK, result.pointer, &value,
                igraph_vss_all(), false, damping, weights.pointer, nil), "PageRank")
        return result.array
    }

    /// `igraph_coreness`: the k-core number of each vertex (unweighted).
    func coreness() throws(ComputationError) -> [Int] {
        let result = IGraphIntegerVector()
        try IGraph.check(igraph_coreness(graph.pointer, result.pointer, IGRAPH_ALL), "coreness")
        return result.array
    }

    /// `igraph_articulation_points`: whether removing each vertex splits its component.
    func articulationPoints() throws(ComputationError) -> [Bool] {
        let result = IGraphIntegerVector()
        try IGraph.check(igraph_articulation_points(graph.pointer, result.pointer), "articulation points")
        var flags = [Bool](repeating: false, count: n)
        for vertex in result.array { flags[vertex] = true }
        return flags
    }

    /// `igraph_connected_components` (weak): the component index of each vertex and the count.
    func components() throws(ComputationError) -> (membership: [Int], count: Int) {
        let membership = IGraphIntegerVector()
        var count: igraph_integer_t = 0
        try IGraph.check(
            igraph_connected_components(graph.pointer, membership.pointer, nil, &count, IGRAPH_WEAK),
            "connected components")
        return (membership.array, Int(count))
    }

    /// `igraph_transitivity_undirected`: the global clustering coefficient
    /// (3 x triangles / connected triples); NaN when there is no connected triple.
    func transitivity() throws(ComputationError) -> Double {
        var value: igraph_real_t = 0
        try IGraph.check(igraph_transitivity_undirected(graph.pointer, &value, IGRAPH_TRANSITIVITY_NAN), "transitivity")
        return value
    }

    /// `igraph_modularity` of `membership` with strengths as weights, resolution 1.
    func modularity(of membership: [Int]) throws(ComputationError) -> Double {
        if m == 0 { return .nan }
        let weights = IGraphRealVector(try validatedWeights(view.strengths, count: m, positive: true, "modularity"))
        let groups = IGraphIntegerVector(membership)
        var value: igraph_real_t = 0
        try IGraph.check(
            igraph_modularity(graph.pointer, groups.pointer, weights.pointer, 1, false, &value), "modularity")
        return value
    }

    /// `igraph_community_leiden` optimising modularity: node weights = strength and resolution
    /// 1/(2m) (with m the total strength), `iterations` > 0 passes (negative counts misbehave in
    /// 0.10.2). Uses igraph's RNG, which the caller seeds through `IGraph.run(seed:)` or
    /// `IGraph.seed(_:)`. `nodeWeights`: the strengths per vertex, `view.adjacency.rowSums` (built
    /// here when not given; a caller running several restarts builds them once).
    func leiden(iterations: Int = 10, beta: Double = 0.01, nodeWeights: [Double]? = nil) throws(ComputationError)
        -> [Int]
    {
        if m == 0 { return Array(0..<n) }
        let strengthsPerVertex = nodeWeights ?? view.adjacency.rowSums
        let total = view.strengths.reduce(0, +)
        let edgeWeights = IGraphRealVector(try validatedWeights(view.strengths, count: m, positive: true, "Leiden"))
        let nodeWeights = IGraphRealVector(strengthsPerVertex)
        let membership = IGraphIntegerVector(count: n)
        var clusters: igraph_integer_t = 0
        var quality: igraph_real_t = 0
        try IGraph.check(
            igraph_community_leiden(
                graph.pointer, edgeWeights.pointer, nodeWeights.pointer,
                1 / (2 * total), beta, false, igraph_integer_t(max(1, iterations)),
                membership.pointer, &clusters, &quality), "Leiden blocs")
        return membership.array
    }
}

extension CSRAdjacency {
    /// The sum of every row (a vertex's strength when the weights are strengths).
    var rowSums: [Double] { (0..<vertexCount).map(rowSum) }
}
