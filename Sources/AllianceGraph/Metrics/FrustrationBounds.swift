/// Bounds on the frustration of one connected signed component, for components beyond the
/// exact search (see `Frustration`).
///
/// - Lower bound: a greedy packing of edge-disjoint imbalanced closed walks. Ties are taken in
///   order; for a tie (u, v) not yet used, a breadth-first search over the signed double cover
///   (vertex, sign of the walk so far) of the unused ties finds a shortest u-v walk whose sign
///   makes the closed walk negative. Its ties are marked used. A negative closed walk contains
///   an imbalanced cycle, and every imbalanced cycle holds at least one frustrated tie, so the
///   number of walks packed is a lower bound.
/// - Upper bound: the fewest frustrated ties over `starts` seeded local searches, each from a
///   random split (the first from the split induced by a breadth-first spanning tree), moving
///   by steepest descent: switch the state whose switch removes the most frustrated ties (ties:
///   lowest index) until no switch helps.
struct FrustrationBounds {
    let lowerBound: Int
    let upperBound: Int
    /// The split reaching `upperBound`, 0/1 per local vertex.
    let camps: [Int]

    init(_ graph: LocalSignedGraph, seed: UInt64, starts: Int = 64) {
        lowerBound = Self.packing(graph)
        var random = SeededRandom(seed: seed)
        var bestCamps = Self.treeSplit(graph)
        var best = Self.descend(graph, &bestCamps)
        for _ in 1..<max(1, starts) {
            var camps = (0..<graph.vertexCount).map { _ in Int(random.next() & 1) }
            let cost = Self.descend(graph, &camps)
            if cost < best { best = cost; bestCamps = camps }
        }
        upperBound = best
        camps = bestCamps
    }

    /// The split that satisfies every tie of a breadth-first spanning tree from vertex 0.
    static func treeSplit(_ graph: LocalSignedGraph) -> [Int] {
        var camps = [Int](repeating: -1, count: graph.vertexCount)
        for root in 0..<graph.vertexCount where camps[root] < 0 {
            camps[root] = 0
            var queue = [root], head = 0
            while head < queue.count {
                let u = queue[head]; head += 1
                for (w, s) in graph.neighbours[u] where camps[w] < 0 {
                    camps[w] = s > 0 ? camps[u] : 1 - camps[u]
                    queue.append(w)
                }
            }
        }
        return camps
    }

    /// Steepest descent from `camps`; returns the frustrated ties of the local minimum reached.
    static func descend(_ graph: LocalSignedGraph, _ camps: inout [Int]) -> Int {
        let n = graph.vertexCount
        // delta[v]: change in frustrated ties if v switches = satisfied - frustrated at v.
        var delta = [Int](repeating: 0, count: n)
        for v in 0..<n {
            for (w, s) in graph.neighbours[v] {
                let frustrated = (s > 0) == (camps[v] != camps[w])
                delta[v] += frustrated ? -1 : 1
            }
        }
        while true {
            var pick = -1
            for v in 0..<n where delta[v] < 0 && (pick < 0 || delta[v] < delta[pick]) { pick = v }
            if pick < 0 { break }
            camps[pick] = 1 - camps[pick]
            delta[pick] = -delta[pick]
            for (w, s) in graph.neighbours[pick] {
                // The tie pick-w flipped state: frustrated <-> satisfied.
                let nowFrustrated = (s > 0) == (camps[pick] != camps[w])
                delta[w] += nowFrustrated ? -2 : 2
            }
        }
        return graph.cost(camps)
    }

    /// Greedy packing of edge-disjoint negative closed walks.
    static func packing(_ graph: LocalSignedGraph) -> Int {
        let n = graph.vertexCount
        var adjacency = [[(vertex: Int, sign: Int, edge: Int)]](repeating: [], count: n)
        for (k, (a, b, s)) in graph.edges.enumerated() {
            adjacency[a].append((b, s, k))
            adjacency[b].append((a, s, k))
        }
        var used = [Bool](repeating: false, count: graph.edges.count)
        var packed = 0
        // Parent pointers over the double cover: state = 2 * vertex + parity (1 = negative).
        var parentState = [Int](repeating: -1, count: 2 * n)
        var parentEdge = [Int](repeating: -1, count: 2 * n)
        var visited = [Bool](repeating: false, count: 2 * n)
        for (k, (u, v, s)) in graph.edges.enumerated() where !used[k] {
            used[k] = true
            for i in 0..<(2 * n) { visited[i] = false }
            // Closed walk sign = s * (walk sign); negative needs walk parity = (s > 0 ? 1 : 0).
            let goal = 2 * v + (s > 0 ? 1 : 0)
            visited[2 * u] = true
            var queue = [2 * u], head = 0
            var found = false
            while head < queue.count && !found {
                let state = queue[head]; head += 1
                let x = state / 2, parity = state % 2
                for (w, sign, edge) in adjacency[x] where !used[edge] {
                    let next = 2 * w + (sign < 0 ? 1 - parity : parity)
                    if visited[next] { continue }
                    visited[next] = true
                    parentState[next] = state
                    parentEdge[next] = edge
                    if next == goal { found = true; break }
                    queue.append(next)
                }
            }
            if found {
                packed += 1
                var state = goal
                while state != 2 * u {
                    used[parentEdge[state]] = true
                    state = parentState[state]
                }
            } else {
                used[k] = false
            }
        }
        return packed
    }
}
