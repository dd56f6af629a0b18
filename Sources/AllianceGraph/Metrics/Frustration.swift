/// The frustration index (line index of imbalance) of a signed network and its best two-camp
/// splits (Harary 1959; Doreian & Mrvar 1996; Aref, Mason & Wilson 2018).
///
/// Definition: the minimum, over all splits of the states into two camps, of the number of
/// *frustrated* ties: a positive tie across the camps or a negative tie inside a camp. It is
/// also the minimum number of ties whose removal (equivalently, whose sign flip) leaves a
/// 2-balanced network (Cartwright & Harary 1956). Unweighted: every tie counts 1. 0 for a
/// balanced network; higher is less balanced (direction: lower is more balanced). Not
/// normalised; divide by the number of ties for a share. Only 2-balance is considered (Davis's
/// weak balance, with more than two camps, is not).
///
/// Method (exact, `FrustrationSearch`): the signed graph splits into connected components,
/// whose frustrations add up. Each component of at most `exactLimit` states is solved by
/// branch and bound in Russian-doll order (Verfaillie, Lemaître & Schiex 1996): the states are
/// ordered (most-connected-to-the-already-ordered first) and the suffixes of that order are
/// solved exactly from the last to the first, so that when a search has fixed the camps of the
/// first d states, the bound
///   `violated ties among the fixed + sum over free states of min(cost in camp A, cost in camp B)
///    against the fixed + exact frustration of the free states' own subgraph`
/// is valid (the three groups of ties are disjoint) and tight. The first state of each
/// subproblem is fixed to camp A (a split and its mirror image are the same split). A node
/// budget guards against pathological inputs; when it runs out the result reports bounds.
///
/// Beyond the limit (`FrustrationBounds`): a lower bound, the number of edge-disjoint
/// imbalanced closed walks found greedily (each contains an imbalanced cycle, and every
/// imbalanced cycle needs at least one frustrated tie), raised to the exact frustration of the
/// largest suffix solved when available; and an upper bound, the best of seeded multi-start
/// steepest-descent local searches (single-state camp switches). Both are reported as such
/// (`isExact` false unless they meet).
package struct Frustration: Hashable, Sendable {
    /// A proven lower bound on the frustration index.
    package let lowerBound: Int
    /// The number of frustrated ties of `camps`: an upper bound, equal to the index when exact.
    package let upperBound: Int
    /// Camp (0 or 1) of each state in a best split found. In each connected component of the
    /// signed graph the lowest-numbered state is in camp 0 (components are independent, so
    /// their relative orientation carries no information; an isolated state is in camp 0).
    package let camps: [Int]
    /// Every optimal split (same convention), when the index is exact and there are at most
    /// `maxSplits` of them; otherwise the first `maxSplits` found.
    package let optimalSplits: [[Int]]
    /// The number of optimal splits under the convention above, when exact and at most
    /// `FrustrationSearch.countLimit`; nil otherwise.
    package let optimalSplitCount: Int?
    /// How the value was obtained: "exact (branch and bound)", "bounds (heuristic)", ...
    package let method: String

    /// True when the lower and upper bounds meet: `value` is the frustration index.
    package var isExact: Bool { lowerBound == upperBound }
    /// The frustration index, when proven.
    package var value: Int? { isExact ? upperBound : nil }

    /// Default largest component solved exactly.
    package static let defaultExactLimit = 64
    /// Default number of optimal splits listed.
    package static let defaultMaxSplits = 16

    /// The frustration of `graph`. Components of at most `exactLimit` states are solved
    /// exactly (unless `nodeBudget` branch-and-bound nodes per component are exhausted); larger
    /// ones get bounds, the heuristic seeded from `seed`. Deterministic.
    package init(
        _ graph: SignedGraphView, exactLimit: Int = Frustration.defaultExactLimit,
        maxSplits: Int = Frustration.defaultMaxSplits, nodeBudget: Int = 200_000_000, seed: UInt64 = 0
    ) {
        let components = SignedComponents(graph)
        var lower = 0, upper = 0
        var camps = [Int](repeating: 0, count: graph.vertexCount)
        var perComponentSplits: [[[Int]]] = []
        var count: Int? = 1
        var allExact = true
        for (index, component) in components.members.enumerated() {
            let local = components.localGraph(index)
            var result: FrustrationSearch.Result?
            var provenLower = 0
            // Beyond the limit the search still runs, on a twentieth of the budget: when it
            // finishes the value is exact anyway, otherwise its solved suffixes give a bound.
            (result, provenLower) = FrustrationSearch.solve(
                local, maxSplits: maxSplits, nodeBudget: component.count <= exactLimit ? nodeBudget : nodeBudget / 20)
            if let result {
                lower += result.value
                upper += result.value
                for (k, v) in component.enumerated() { camps[v] = result.splits[0][k] }
                perComponentSplits.append(result.splits)
                if let c = result.count, let total = count, c <= FrustrationSearch.countLimit / max(1, total) {
                    count = total * c
                } else {
                    count = nil
                }
            } else {
                allExact = false
                let bounds = FrustrationBounds(local, seed: SeededRandom.derivedSeed(seed, stream: UInt64(index)))
                lower += max(bounds.lowerBound, provenLower)
                upper += bounds.upperBound
                var split = bounds.camps
                if split.first == 1 { split = split.map { 1 - $0 } }
                for (k, v) in component.enumerated() { camps[v] = split[k] }
                perComponentSplits.append([split])
                count = nil
            }
        }
        lowerBound = lower
        upperBound = upper
        self.camps = camps
        method =
            allExact
            ? "exact (Russian-doll branch and bound)"
            : "bounds (edge-disjoint imbalanced-cycle packing; multi-start local search)"
        // Cartesian product of the components' optimal splits, at most maxSplits of them.
        var splits: [[Int]] = [camps]
        if allExact || lower == upper {
            splits = [[Int](repeating: 0, count: graph.vertexCount)]
            for (index, component) in components.members.enumerated() {
                var next: [[Int]] = []
                outer: for partial in splits {
                    for local in perComponentSplits[index] {
                        var split = partial
                        for (k, v) in component.enumerated() { split[v] = local[k] }
                        next.append(split)
                        if next.count >= maxSplits { break outer }
                    }
                }
                splits = next
            }
        }
        optimalSplits = splits
        optimalSplitCount = allExact ? count : nil
    }

    /// The number of ties of `graph` frustrated by `camps` (0/1 per state).
    package static func frustratedTies(_ graph: SignedGraphView, camps: [Int]) -> Int {
        graph.edges.reduce(0) { total, edge in
            let across = camps[edge.low] != camps[edge.high]
            return total + ((edge.sign > 0) == across ? 1 : 0)
        }
    }
}

/// The connected components of a signed graph (ties of either sign), each with its states in
/// increasing order and its ties in local numbering.
struct SignedComponents {
    let members: [[Int]]
    private let localIndex: [Int]
    private let componentOf: [Int]
    private let graph: SignedGraphView

    init(_ graph: SignedGraphView) {
        self.graph = graph
        let n = graph.vertexCount
        var parent = Array(0..<n)
        func find(_ x: Int) -> Int {
            var x = x
            while parent[x] != x { parent[x] = parent[parent[x]]; x = parent[x] }
            return x
        }
        for edge in graph.edges {
            let a = find(edge.low), b = find(edge.high)
            if a != b { parent[max(a, b)] = min(a, b) }
        }
        var componentOf = [Int](repeating: -1, count: n)
        var localIndex = [Int](repeating: 0, count: n)
        var members: [[Int]] = []
        var rootComponent: [Int: Int] = [:]
        for v in 0..<n {
            let root = find(v)
            let c: Int
            if let existing = rootComponent[root] {
                c = existing
            } else {
                c = members.count
                rootComponent[root] = c
                members.append([])
            }
            componentOf[v] = c
            localIndex[v] = members[c].count
            members[c].append(v)
        }
        self.members = members
        self.localIndex = localIndex
        self.componentOf = componentOf
    }

    /// Component `index` as a local signed edge list over `0..<members[index].count`.
    func localGraph(_ index: Int) -> LocalSignedGraph {
        var edges: [(Int, Int, Int)] = []
        for edge in graph.edges where componentOf[edge.low] == index {
            edges.append((localIndex[edge.low], localIndex[edge.high], edge.sign))
        }
        return LocalSignedGraph(vertexCount: members[index].count, edges: edges)
    }
}

/// A small signed graph in adjacency-list form for the frustration kernels.
struct LocalSignedGraph {
    let vertexCount: Int
    let edges: [(Int, Int, Int)]
    /// Neighbours of each vertex with the tie's sign.
    let neighbours: [[(vertex: Int, sign: Int)]]

    init(vertexCount: Int, edges: [(Int, Int, Int)]) {
        self.vertexCount = vertexCount
        self.edges = edges
        var lists = [[(vertex: Int, sign: Int)]](repeating: [], count: vertexCount)
        for (a, b, s) in edges {
            lists[a].append((b, s))
            lists[b].append((a, s))
        }
        neighbours = lists
    }

    /// Frustrated ties of a split (0/1 per vertex).
    func cost(_ camps: [Int]) -> Int {
        edges.reduce(0) { $0 + (($1.2 > 0) == (camps[$1.0] != camps[$1.1]) ? 1 : 0) }
    }
}
