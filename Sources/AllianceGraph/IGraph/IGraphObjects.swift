import CIgraph

/// An igraph graph owned for the duration of one `IGraph.run` body; destroyed in `deinit`.
///
/// Vertex ids are validated in Swift before `igraph_create` (which would otherwise silently add
/// vertices for out-of-range ids).
struct IGraphGraph: ~Copyable {
    let pointer: UnsafeMutablePointer<igraph_t>

    /// An undirected (or directed) graph on `vertexCount` vertices with the given edges.
    init(vertexCount: Int, edges: [(Int, Int)], directed: Bool = false) throws(ComputationError) {
        for (k, (a, b)) in edges.enumerated() where !(0..<vertexCount).contains(a) || !(0..<vertexCount).contains(b) {
            throw ComputationError(
                operation: "building an igraph graph",
                reason: "edge \(k) (\(a), \(b)) names a vertex outside 0..<\(vertexCount)")
        }
        let flat = IGraphIntegerVector(edges.flatMap { [$0.0, $0.1] })
        let storage = UnsafeMutablePointer<igraph_t>.allocate(capacity: 1)
        let code = igraph_create(storage, flat.pointer, igraph_integer_t(vertexCount), directed)
        if code != IGRAPH_SUCCESS {
            storage.deallocate()
            try IGraph.check(code, "building an igraph graph")
        }
        pointer = storage
    }

    deinit {
        igraph_destroy(pointer)
        pointer.deallocate()
    }
}

/// An `igraph_vector_t` (reals), owned; destroyed in `deinit`.
struct IGraphRealVector: ~Copyable {
    let pointer: UnsafeMutablePointer<igraph_vector_t>

    init(count: Int = 0) {
        pointer = .allocate(capacity: 1)
        // Allocation failure is the only error here; igraph's handler records it and we trap
        // like any other allocation failure in Swift.
        precondition(igraph_vector_init(pointer, igraph_integer_t(count)) == IGRAPH_SUCCESS, "igraph: out of memory")
    }

    init(_ values: [Double]) {
        self.init(count: values.count)
        for (k, value) in values.enumerated() { pointer.pointee.stor_begin[k] = value }
    }

    var array: [Double] {
        let count = Int(igraph_vector_size(pointer))
        return (0..<count).map { pointer.pointee.stor_begin[$0] }
    }

    deinit {
        igraph_vector_destroy(pointer)
        pointer.deallocate()
    }
}

/// An `igraph_vector_int_t`, owned; destroyed in `deinit`.
struct IGraphIntegerVector: ~Copyable {
    let pointer: UnsafeMutablePointer<igraph_vector_int_t>

    init(count: Int = 0) {
        pointer = .allocate(capacity: 1)
        precondition(
            igraph_vector_int_init(pointer, igraph_integer_t(count)) == IGRAPH_SUCCESS, "igraph: out of memory")
    }

    init(_ values: [Int]) {
        self.init(count: values.count)
        for (k, value) in values.enumerated() { pointer.pointee.stor_begin[k] = igraph_integer_t(value) }
    }

    var array: [Int] {
        let count = Int(igraph_vector_int_size(pointer))
        return (0..<count).map { Int(pointer.pointee.stor_begin[$0]) }
    }

    deinit {
        igraph_vector_int_destroy(pointer)
        pointer.deallocate()
    }
}

extension IGraphGraph {
    /// The graph of an alliance view (undirected, one edge per allied dyad).
    init(_ view: AllianceGraphView) throws(ComputationError) {
        try self.init(vertexCount: view.vertexCount, edges: view.edges.map { ($0.low, $0.high) })
    }
}

/// Checks weights before igraph sees them: igraph 0.10.2 rejects zero, negative and NaN lengths
/// with an error, but PageRank silently accepts negative weights, so every weight vector is
/// validated here.
func validatedWeights(_ weights: [Double], count: Int, positive: Bool, _ operation: String) throws(ComputationError)
    -> [Double]
{
    guard weights.count == count else {
        throw ComputationError(operation: operation, reason: "expected \(count) weights, got \(weights.count)")
    }
    for (k, w) in weights.enumerated() where !w.isFinite || (positive ? w <= 0 : w < 0) {
        throw ComputationError(
            operation: operation,
            reason: "weight \(w) of edge \(k) is invalid; expected a finite number \(positive ? "> 0" : ">= 0")")
    }
    return weights
}
