import CIgraph

/// Graph layouts through igraph, for pictures.
package enum IGraphLayout {
    /// Fruchterman-Reingold positions (`igraph_layout_fruchterman_reingold`, 0.10.2) of the
    /// alliance graph: `iterations` steps from random starting positions drawn from igraph's RNG,
    /// seeded with `seed` inside the lock, so the same graph and seed give the same layout.
    /// Edge weights: strength / min(degree of either end), so that stronger ties pull harder
    /// while a dense bloc (NATO's 32-member clique) does not collapse into a ball next to the
    /// rest of the picture. Coordinates are in igraph's units (roughly sqrt(n) across); callers
    /// scale them.
    package static func fruchtermanReingold(_ view: AllianceGraphView, seed: UInt64, iterations: Int = 500)
        throws(ComputationError) -> [(x: Double, y: Double)]
    {
        let n = view.vertexCount
        if n == 0 { return [] }
        return try IGraph.run(seed: seed) { () throws(ComputationError) -> [(x: Double, y: Double)] in
            let graph = try IGraphGraph(view)
            var degree = [Int](repeating: 0, count: n)
            for edge in view.edges { degree[edge.low] += 1; degree[edge.high] += 1 }
            let scaled = zip(view.edges, view.strengths).map { edge, strength in
                strength / Double(max(1, min(degree[edge.low], degree[edge.high])))
            }
            let weights = IGraphRealVector(
                try validatedWeights(scaled, count: view.edgeCount, positive: true, "layout"))
            let matrix = IGraphRealMatrix(rows: n, columns: 2)
            try IGraph.check(
                igraph_layout_fruchterman_reingold(
                    graph.pointer, matrix.pointer, false, igraph_integer_t(max(1, iterations)),
                    Double(n).squareRoot(), IGRAPH_LAYOUT_NOGRID,
                    view.edgeCount == 0 ? nil : weights.pointer, nil, nil, nil, nil),
                "Fruchterman-Reingold layout")
            return (0..<n).map { (matrix[$0, 0], matrix[$0, 1]) }
        }
    }
}

extension IGraphLayout {
    /// Kamada-Kawai positions (`igraph_layout_kamada_kawai`, 0.10.2) of the alliance graph: springs
    /// whose rest lengths are the shortest-path distances with edge lengths 1/strength, started
    /// from a circle (no random numbers: the same graph gives the same layout), at most 50 n
    /// iterations, igraph's default spring constant n. Cost O(n^2) memory and per iteration;
    /// meant for networks of up to a few thousand states. Coordinates in igraph's units.
    package static func kamadaKawai(_ view: AllianceGraphView) throws(ComputationError) -> [(x: Double, y: Double)] {
        let n = view.vertexCount
        if n == 0 { return [] }
        return try IGraph.run(seed: 0) { () throws(ComputationError) -> [(x: Double, y: Double)] in
            let graph = try IGraphGraph(view)
            let lengths = IGraphRealVector(
                try validatedWeights(view.strengths.map { 1 / $0 }, count: view.edgeCount, positive: true, "layout"))
            let matrix = IGraphRealMatrix(rows: n, columns: 2)
            try IGraph.check(
                igraph_layout_kamada_kawai(
                    graph.pointer, matrix.pointer, false, igraph_integer_t(50 * n), 0, Double(n),
                    view.edgeCount == 0 ? nil : lengths.pointer, nil, nil, nil, nil),
                "Kamada-Kawai layout")
            return (0..<n).map { (matrix[$0, 0], matrix[$0, 1]) }
        }
    }
}

/// An `igraph_matrix_t` (reals, column-major), owned; destroyed in `deinit`.
struct IGraphRealMatrix: ~Copyable {
    let pointer: UnsafeMutablePointer<igraph_matrix_t>

    init(rows: Int, columns: Int) {
        pointer = .allocate(capacity: 1)
        precondition(
            igraph_matrix_init(pointer, igraph_integer_t(rows), igraph_integer_t(columns)) == IGRAPH_SUCCESS,
            "igraph: out of memory")
    }

    subscript(row: Int, column: Int) -> Double {
        let rows = Int(pointer.pointee.nrow)
        return pointer.pointee.data.stor_begin[rows * column + row]
    }

    deinit {
        igraph_matrix_destroy(pointer)
        pointer.deallocate()
    }
}
