import CIgraph

/// Community detection on signed graphs through igraph.
enum IGraphSignedCommunity {
    /// `igraph_community_spinglass` with negative ties (`IGRAPH_SPINCOMM_IMP_NEG`; Traag &
    /// Bruggeman 2009): at most `spins` communities, `gamma` (positive ties) and `gammaMinus`
    /// (negative ties) 1, the configuration-model null (`IGRAPH_SPINCOMM_UPDATE_CONFIG`),
    /// sequential updates, simulated annealing from temperature 1 to 0.01 by factor 0.99
    /// (igraph's defaults). `weights` are signed and non-zero. The graph must be connected
    /// (igraph 0.10.2 refuses others). Uses igraph's RNG: call inside `IGraph.run(seed:)`.
    static func spinglass(
        vertexCount: Int, edges: [(Int, Int)], weights: [Double], spins: Int = 25,
        gamma: Double = 1, gammaMinus: Double = 1
    ) throws(ComputationError) -> [Int] {
        guard weights.count == edges.count else {
            throw ComputationError(
                operation: "signed spinglass", reason: "expected \(edges.count) weights, got \(weights.count)")
        }
        for (k, w) in weights.enumerated() where !w.isFinite || w == 0 {
            throw ComputationError(
                operation: "signed spinglass", reason: "weight \(w) of edge \(k) must be finite and non-zero")
        }
        let graph = try IGraphGraph(vertexCount: vertexCount, edges: edges)
        let weightVector = IGraphRealVector(weights)
        let membership = IGraphIntegerVector(count: vertexCount)
        var modularity: igraph_real_t = 0
        var temperature: igraph_real_t = 0
        try IGraph.check(
            igraph_community_spinglass(
                graph.pointer, weightVector.pointer, &modularity, &temperature,
                membership.pointer, nil, igraph_integer_t(spins), false,
                1, 0.01, 0.99, IGRAPH_SPINCOMM_UPDATE_CONFIG, gamma,
                IGRAPH_SPINCOMM_IMP_NEG, gammaMinus), "signed spinglass blocs")
        return membership.array
    }
}
