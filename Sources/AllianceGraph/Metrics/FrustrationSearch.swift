/// Exact frustration of one connected signed component by Russian-doll branch and bound (see
/// `Frustration` for the method and its bound).
enum FrustrationSearch {
    /// Optimal splits are counted up to this number; beyond it the count is reported as unknown.
    static let countLimit = 1_000_000

    struct Result {
        /// The frustration index of the component.
        let value: Int
        /// Optimal splits, 0/1 per local vertex, vertex 0 in camp 0; at most `maxSplits`.
        let splits: [[Int]]
        /// The number of optimal splits, or nil beyond `countLimit`.
        let count: Int?
    }

    /// The exact frustration of `graph` (assumed connected), or nil with the best proven lower
    /// bound when `nodeBudget` search nodes were not enough.
    static func solve(_ graph: LocalSignedGraph, maxSplits: Int, nodeBudget: Int) -> (result: Result?, lowerBound: Int)
    {
        let n = graph.vertexCount
        if n <= 1 { return (Result(value: 0, splits: [[Int](repeating: 0, count: n)], count: 1), 0) }
        var search = Search(graph)
        var budget = nodeBudget
        // Russian dolls: exact frustration of every suffix of the order, last first.
        for k in stride(from: n - 2, through: 0, by: -1) {
            guard search.solveSuffix(k, budget: &budget) else {
                return (nil, search.bound[k + 1])
            }
        }
        let value = search.bound[0]
        var splits: [[Int]] = []
        let count = search.enumerateOptima(value: value, maxSplits: max(1, maxSplits), limit: countLimit, into: &splits)
        let local = splits.map { split -> [Int] in
            var camps = [Int](repeating: 0, count: n)
            for i in 0..<n { camps[search.order[i]] = split[i] }
            return camps[0] == 0 ? camps : camps.map { 1 - $0 }
        }
        return (Result(value: value, splits: local, count: count), value)
    }

    /// Search state over the vertices relabelled by the branching order.
    private struct Search {
        let n: Int
        /// order[i]: the original local vertex at position i.
        let order: [Int]
        /// Flat lists of later neighbours (position > i) of each position, with signs.
        let laterOffsets: [Int]
        let laterTargets: [Int]
        let laterSigns: [Int]
        /// bound[d]: exact frustration of the subgraph induced by positions d..<n.
        var bound: [Int]
        /// Best split of each solved suffix (camps by position; entries before the suffix unused).
        var suffixSolution: [Int]
        var camp: [Int]
        var costA: [Int]
        var costB: [Int]
        var cost = 0
        var sumMin = 0
        var best = 0
        var bestCamps: [Int] = []
        var nodes = 0

        init(_ graph: LocalSignedGraph) {
            n = graph.vertexCount
            // Order: highest degree first, then the vertex with most ties to those already
            // ordered (ties: higher degree, then lower index).
            var placed = [Bool](repeating: false, count: n)
            var links = [Int](repeating: 0, count: n)
            var order: [Int] = []
            for _ in 0..<n {
                var pick = -1
                for v in 0..<n where !placed[v] {
                    if pick < 0 || links[v] > links[pick]
                        || (links[v] == links[pick] && graph.neighbours[v].count > graph.neighbours[pick].count)
                    {
                        pick = v
                    }
                }
                placed[pick] = true
                order.append(pick)
                for (w, _) in graph.neighbours[pick] { links[w] += 1 }
            }
            self.order = order
            var position = [Int](repeating: 0, count: n)
            for (i, v) in order.enumerated() { position[v] = i }
            var offsets = [0], targets: [Int] = [], signs: [Int] = []
            for i in 0..<n {
                let later = graph.neighbours[order[i]].map { (position[$0.vertex], $0.sign) }.filter { $0.0 > i }.sorted
                { $0.0 < $1.0 }
                for (j, s) in later { targets.append(j); signs.append(s) }
                offsets.append(targets.count)
            }
            laterOffsets = offsets
            laterTargets = targets
            laterSigns = signs
            bound = [Int](repeating: 0, count: n + 1)
            suffixSolution = [Int](repeating: 0, count: n)
            camp = [Int](repeating: 0, count: n)
            costA = [Int](repeating: 0, count: n)
            costB = [Int](repeating: 0, count: n)
        }

        /// Fixes position `d` in camp `c`, updating the later positions' costs.
        @inline(__always) mutating func assign(_ d: Int, _ c: Int) {
            camp[d] = c
            cost += c == 0 ? costA[d] : costB[d]
            sumMin -= min(costA[d], costB[d])
            for e in laterOffsets[d]..<laterOffsets[d + 1] {
                let j = laterTargets[e]
                let old = min(costA[j], costB[j])
                // Negative tie: same camp frustrated; positive: different camps frustrated.
                if (laterSigns[e] < 0) == (c == 0) { costA[j] += 1 } else { costB[j] += 1 }
                sumMin += min(costA[j], costB[j]) - old
            }
        }

        @inline(__always) mutating func unassign(_ d: Int, _ c: Int) {
            for e in laterOffsets[d]..<laterOffsets[d + 1] {
                let j = laterTargets[e]
                let old = min(costA[j], costB[j])
                if (laterSigns[e] < 0) == (c == 0) { costA[j] -= 1 } else { costB[j] -= 1 }
                sumMin += min(costA[j], costB[j]) - old
            }
            sumMin += min(costA[d], costB[d])
            cost -= c == 0 ? costA[d] : costB[d]
        }

        /// Solves the subproblem on positions k..<n exactly; false when the budget ran out.
        mutating func solveSuffix(_ k: Int, budget: inout Int) -> Bool {
            // Incumbent: the next suffix's optimum extended by the cheaper camp for k.
            var viol = [0, 0]
            for e in laterOffsets[k]..<laterOffsets[k + 1] {
                let j = laterTargets[e], s = laterSigns[e]
                let differs0 = suffixSolution[j] != 0
                if (s > 0) == differs0 { viol[0] += 1 }
                if (s > 0) == !differs0 { viol[1] += 1 }
            }
            best = bound[k + 1] + min(viol[0], viol[1])
            bestCamps = suffixSolution
            bestCamps[k] = viol[0] <= viol[1] ? 0 : 1
            if bestCamps[k] == 1 { for j in k..<n { bestCamps[j] = 1 - bestCamps[j] } }
            if best > bound[k + 1] {
                for j in k..<n { costA[j] = 0; costB[j] = 0 }
                cost = 0
                sumMin = 0
                nodes = 0
                assign(k, 0)
                let finished = descend(k + 1, budget: budget)
                unassign(k, 0)
                budget -= nodes
                if !finished { return false }
            }
            bound[k] = best
            for j in k..<n { suffixSolution[j] = bestCamps[j] }
            return true
        }

        /// Depth-first search below position d, improving `best`; false when out of budget.
        mutating func descend(_ d: Int, budget: Int) -> Bool {
            nodes += 1
            if nodes > budget { return false }
            if cost + sumMin + bound[d] >= best { return true }
            if d == n {
                best = cost
                for j in 0..<n { bestCamps[j] = camp[j] }
                return true
            }
            let first = costA[d] <= costB[d] ? 0 : 1
            for c in [first, 1 - first] {
                assign(d, c)
                let ok = descend(d + 1, budget: budget)
                unassign(d, c)
                if !ok { return false }
            }
            return true
        }

        /// Lists the splits of the whole graph with `value` frustrated ties (position 0 in
        /// camp 0); returns their number, or nil beyond `limit`.
        mutating func enumerateOptima(value: Int, maxSplits: Int, limit: Int, into splits: inout [[Int]]) -> Int? {
            for j in 0..<n { costA[j] = 0; costB[j] = 0 }
            cost = 0
            sumMin = 0
            var count = 0
            assign(0, 0)
            collect(1, value: value, maxSplits: maxSplits, limit: limit, count: &count, splits: &splits)
            unassign(0, 0)
            return count > limit ? nil : count
        }

        private mutating func collect(
            _ d: Int, value: Int, maxSplits: Int, limit: Int, count: inout Int,
            splits: inout [[Int]]
        ) {
            if count > limit || cost + sumMin + bound[d] > value { return }
            if d == n {
                count += 1
                if splits.count < maxSplits { splits.append(camp) }
                return
            }
            for c in 0...1 {
                assign(d, c)
                collect(d + 1, value: value, maxSplits: maxSplits, limit: limit, count: &count, splits: &splits)
                unassign(d, c)
            }
        }
    }
}
