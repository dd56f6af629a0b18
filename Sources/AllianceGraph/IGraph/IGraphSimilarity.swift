import CIgraph

/// igraph's vertex-similarity routines (0.10.2, `igraph_cocitation.h`), the scores of the
/// link-prediction baselines (`LinkPredictor`). Each returns the full N x N matrix, row-major,
/// of an undirected, unweighted graph; the diagonal is set to 0 (a state never allies with itself).
/// Cost: O(N^2) memory; igraph's own cost is O(N d^2) (d: the mean degree).
extension IGraphSession {
    /// Common neighbours `|N(i) & N(j)|`: `igraph_cocitation` on an undirected graph counts, for
    /// each pair, the vertices adjacent to both.
    func commonNeighbours() throws(ComputationError) -> [Double] {
        let matrix = IGraphRealMatrix(rows: 0, columns: 0)
        try IGraph.check(igraph_cocitation(graph.pointer, matrix.pointer, igraph_vss_all()), "common neighbours")
        return Self.rowMajor(matrix, n: view.vertexCount)
    }

    /// Jaccard similarity `|N(i) & N(j)| / |N(i) | N(j)|` (`igraph_similarity_jaccard`, loops
    /// not counted); 0 for two isolated vertices.
    func jaccard() throws(ComputationError) -> [Double] {
        let matrix = IGraphRealMatrix(rows: 0, columns: 0)
        try IGraph.check(
            igraph_similarity_jaccard(graph.pointer, matrix.pointer, igraph_vss_all(), IGRAPH_ALL, false),
            "Jaccard similarity")
        return Self.rowMajor(matrix, n: view.vertexCount)
    }

    /// Adamic-Adar `sum over common neighbours z of 1 / ln(deg z)`
    /// (`igraph_similarity_inverse_log_weighted`; a common neighbour has degree >= 2).
    func adamicAdar() throws(ComputationError) -> [Double] {
        let matrix = IGraphRealMatrix(rows: 0, columns: 0)
        try IGraph.check(
            igraph_similarity_inverse_log_weighted(graph.pointer, matrix.pointer, igraph_vss_all(), IGRAPH_ALL),
            "Adamic-Adar similarity")
        return Self.rowMajor(matrix, n: view.vertexCount)
    }

    private static func rowMajor(_ matrix: borrowing IGraphRealMatrix, n: Int) -> [Double] {
        var result = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for j in 0..<n where j != i { result[i * n + j] = matrix[i, j] }
        }
        return result
    }
}
