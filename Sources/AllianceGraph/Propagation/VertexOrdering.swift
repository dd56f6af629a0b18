/// Vertex orderings that improve the memory locality of a propagation pass.
///
/// A pass reads the rows `T[t]` of every arc's target t: when the targets of neighbouring rows
/// are close in number, those reads hit cache lines already loaded. Reverse Cuthill-McKee
/// (Cuthill and McKee 1969; George 1971) numbers the vertices breadth first, from a low-degree
/// vertex, neighbours in ascending degree, and reverses the result: the nonzeros of the permuted
/// matrix gather near the diagonal.
@_spi(Internals) public enum PropagationOrdering: Sendable, Hashable {
    /// The graph's own vertex numbering.
    case natural
    /// Reverse Cuthill-McKee on the symmetrised pattern of W (arcs in either direction).
    case reverseCuthillMcKee
}

enum VertexOrdering {
    /// The reverse Cuthill-McKee order of `graph`: element p is the original vertex placed at
    /// position p. Components are taken in turn, each from its unvisited vertex of smallest degree
    /// (ties: lowest id); neighbours are queued in ascending (degree, id). Deterministic.
    /// O(N + E log(max degree)) time, O(N + E) memory.
    static func reverseCuthillMcKee(_ graph: CSRAdjacency) -> [Int32] {
        let n = graph.vertexCount
        guard n > 0 else { return [] }
        // Symmetrised adjacency (both directions; duplicates are harmless).
        var degree = [Int32](repeating: 0, count: n)
        for i in 0..<n {
            for k in Int(graph.offsets[i])..<Int(graph.offsets[i + 1]) {
                let j = Int(graph.targets[k])
                if j == i { continue }
                degree[i] += 1
                degree[j] += 1
            }
        }
        var start = [Int](repeating: 0, count: n + 1)
        for i in 0..<n { start[i + 1] = start[i] + Int(degree[i]) }
        var fill = start
        var adjacency = [Int32](repeating: 0, count: start[n])
        for i in 0..<n {
            for k in Int(graph.offsets[i])..<Int(graph.offsets[i + 1]) {
                let j = Int(graph.targets[k])
                if j == i { continue }
                adjacency[fill[i]] = Int32(j); fill[i] += 1
                adjacency[fill[j]] = Int32(i); fill[j] += 1
            }
        }
        adjacency.withUnsafeMutableBufferPointer { adj in
            degree.withUnsafeBufferPointer { deg in
                for i in 0..<n where start[i + 1] - start[i] > 1 {
                    var list = UnsafeMutableBufferPointer(rebasing: adj[start[i]..<start[i + 1]])
                    list.sort { (a: Int32, b: Int32) -> Bool in
                        let da = deg[Int(a)], db = deg[Int(b)]
                        return da != db ? da < db : a < b
                    }
                }
            }
        }
        // Vertices by ascending (degree, id): the starting points of the components.
        let byDegree = (0..<n).sorted { (a: Int, b: Int) -> Bool in
            let da = degree[a], db = degree[b]
            return da != db ? da < db : a < b
        }
        var order = [Int32](repeating: 0, count: n)
        var visited = [Bool](repeating: false, count: n)
        var tail = 0
        for root in byDegree where !visited[root] {
            visited[root] = true
            var head = tail
            order[tail] = Int32(root); tail += 1
            while head < tail {
                let v = Int(order[head]); head += 1
                for k in start[v]..<start[v + 1] {
                    let u = Int(adjacency[k])
                    if !visited[u] {
                        visited[u] = true
                        order[tail] = Int32(u); tail += 1
                    }
                }
            }
        }
        order.reverse()
        return order
    }

    /// The inverse of a permutation: `rank[order[p]] = p`.
    static func inverse(_ order: [Int32]) -> [Int32] {
        var rank = [Int32](repeating: 0, count: order.count)
        for (p, v) in order.enumerated() { rank[Int(v)] = Int32(p) }
        return rank
    }

    /// `graph` renumbered: row p is the original row `order[p]`, its arcs in their original order
    /// with targets renamed by `rank`. Keeping the arc order keeps every row's sum bitwise equal.
    /// O(N + E).
    static func permute(_ graph: CSRAdjacency, order: [Int32], rank: [Int32]) -> CSRAdjacency {
        let n = graph.vertexCount
        var offsets = [Int32](repeating: 0, count: n + 1)
        var targets = [Int32](repeating: 0, count: graph.arcCount)
        var weights = [Double](repeating: 0, count: graph.arcCount)
        var next = 0
        for p in 0..<n {
            let v = Int(order[p])
            for k in Int(graph.offsets[v])..<Int(graph.offsets[v + 1]) {
                targets[next] = rank[Int(graph.targets[k])]
                weights[next] = graph.weights[k]
                next += 1
            }
            offsets[p + 1] = Int32(next)
        }
        // A permutation of a valid CSR is valid.
        return try! CSRAdjacency(vertexCount: n, offsets: offsets, targets: targets, weights: weights)
    }
}
