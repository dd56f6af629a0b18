/// Louvain optimisation of signed modularity: the multilevel method of Blondel, Guillaume,
/// Lambiotte & Lefebvre (2008, J. Stat. Mech. P10008) with the signed gain of Gómez, Jensen &
/// Arenas (2009, Physical Review E 80: 016114), the objective that igraph's spinglass with negative
/// ties (Traag & Bruggeman 2009) anneals at gamma = gamma_minus = 1.
///
/// Objective (unit weights, `w+`/`w-` the numbers of positive and negative ties, `k+_v`/`k-_v` a
/// state's positive and negative degrees, `K+_c`/`K-_c` their sums over bloc c):
/// `Q = [2 w+ Q+ - 2 w- Q-] / (2 w+ + 2 w-)`, with `2 w+ Q+ = sum_c (2 in+_c - (K+_c)^2 / 2w+)` and
/// likewise for the negative ties. Moving a state v (taken out of its bloc) into bloc c changes
/// `(2 w+ + 2 w-) Q` by `2 [(l+_vc - k+_v K+_c / 2w+) - (l-_vc - k-_v K-_c / 2w-)]`, where `l+_vc`
/// and `l-_vc` count v's positive and negative ties into c (a term is 0 when there are no ties of
/// its sign). A bloc of its own (gain 0) is always a candidate, so a state whose only ties into
/// its bloc are hostile leaves it.
///
/// Each level moves every node, in an order drawn from the seed, to the candidate of largest gain
/// (staying wins ties; otherwise the first candidate met) until a pass moves nothing; the blocs
/// then become the nodes of the next level (ties between blocs summed, per sign). When a level
/// moves nothing, a last pass of single-state moves runs on the original network from the final
/// blocs. `restarts` runs with independent orders are made and the partition of highest Q kept
/// (ties: the earliest run).
///
/// Cost: O(restarts * passes * ties) time, O(states + ties) memory; on the ~190 states and ~4,400
/// signed ties of ATOP 2016 about a millisecond per run. Deterministic for a seed.
enum SignedLouvain {
    /// The blocs of `graph` (unnormalised labels; `SignedBlocPartition` canonicalises them).
    static func partition(_ graph: SignedGraphView, seed: UInt64, restarts: Int, perturbations: Int) -> [Int] {
        let base = Level(graph)
        let singletons = Array(0..<base.count)
        var best: (membership: [Int], q: Double)?
        func consider(_ membership: [Int]) {
            let q = SignedBlocPartition.signedModularity(graph, membership: membership)
            if best == nil || q > best!.q + 1e-12 { best = (membership, q) }
        }
        for run in 0..<max(1, restarts) {
            var random = SeededRandom(seed: SeededRandom.derivedSeed(seed, stream: UInt64(run)))
            consider(optimise(base, start: singletons, &random))
        }
        var random = SeededRandom(seed: SeededRandom.derivedSeed(seed, stream: 0x5052_5442))
        for _ in 0..<perturbations {
            guard let current = best?.membership else { break }
            consider(optimise(base, start: perturbed(current, &random), &random))
        }
        return best?.membership ?? []
    }

    /// `membership` with one random bloc of two or more states split at random into two, and
    /// about one state in twenty moved to a random bloc: a start from which `optimise` can leave
    /// the local optimum `membership` is in.
    static func perturbed(_ membership: [Int], _ random: inout SeededRandom) -> [Int] {
        var result = membership
        let n = membership.count
        guard n > 1 else { return result }
        let labelCount = (membership.max() ?? 0) + 1
        var size = [Int](repeating: 0, count: labelCount)
        for c in membership { size[c] += 1 }
        let splittable = (0..<labelCount).filter { size[$0] >= 2 }
        if !splittable.isEmpty {
            let bloc = splittable[Int(random.next() % UInt64(splittable.count))]
            for v in 0..<n where membership[v] == bloc && random.next() & 1 == 1 { result[v] = labelCount }
        }
        for v in 0..<n where random.next() % 20 == 0 { result[v] = Int(random.next() % UInt64(labelCount + 1)) }
        return BlocPartition.canonical(result)  // labels 0 ..< n, as `LocalMoves` needs
    }

    /// One multilevel run from the blocs `start` of the original states, then a last pass of
    /// single-state moves on the original network.
    static func optimise(_ base: Level, start: [Int], _ random: inout SeededRandom) -> [Int] {
        var nodeOf = Array(0..<base.count)  // original state -> node of the current level
        var level = base
        var levelStart = start
        while true {
            var local = LocalMoves(level, start: levelStart)
            _ = local.run(&random)
            let (labels, blocCount) = local.compactLabels()
            for v in nodeOf.indices { nodeOf[v] = labels[nodeOf[v]] }
            if blocCount == level.count { break }
            level = level.aggregated(labels, blocCount: blocCount)
            levelStart = Array(0..<blocCount)
        }
        var last = LocalMoves(base, start: nodeOf)
        _ = last.run(&random)
        return last.compactLabels().labels
    }

    /// A graph of nodes (states, or blocs of a lower level): CSR rows of the ties to other nodes
    /// with their summed positive and negative weights, and each node's positive and negative
    /// degree (ties inside a bloc included).
    struct Level {
        let count: Int
        let offsets: [Int]
        let neighbours: [Int]
        let plus: [Double]
        let minus: [Double]
        let kPlus: [Double]
        let kMinus: [Double]
        /// Number of positive and negative ties of the original network (`w+`, `w-`).
        let totalPlus: Double
        let totalMinus: Double

        init(_ graph: SignedGraphView) {
            let n = graph.vertexCount
            var degree = [Int](repeating: 0, count: n)
            var kp = [Double](repeating: 0, count: n), km = kp
            var wp = 0.0, wm = 0.0
            for e in graph.edges {
                degree[e.low] += 1; degree[e.high] += 1
                if e.sign > 0 {
                    kp[e.low] += 1; kp[e.high] += 1; wp += 1
                } else {
                    km[e.low] += 1; km[e.high] += 1; wm += 1
                }
            }
            var offsets = [Int](repeating: 0, count: n + 1)
            for v in 0..<n { offsets[v + 1] = offsets[v] + degree[v] }
            var fill = Array(offsets.dropLast())
            var neighbours = [Int](repeating: 0, count: offsets[n])
            var plus = [Double](repeating: 0, count: offsets[n]), minus = plus
            for e in graph.edges {
                for (a, b) in [(e.low, e.high), (e.high, e.low)] {
                    neighbours[fill[a]] = b
                    if e.sign > 0 { plus[fill[a]] = 1 } else { minus[fill[a]] = 1 }
                    fill[a] += 1
                }
            }
            self.init(
                count: n, offsets: offsets, neighbours: neighbours, plus: plus, minus: minus, kPlus: kp, kMinus: km,
                totalPlus: wp, totalMinus: wm)
        }

        init(
            count: Int, offsets: [Int], neighbours: [Int], plus: [Double], minus: [Double], kPlus: [Double],
            kMinus: [Double], totalPlus: Double, totalMinus: Double
        ) {
            self.count = count
            self.offsets = offsets
            self.neighbours = neighbours
            self.plus = plus
            self.minus = minus
            self.kPlus = kPlus
            self.kMinus = kMinus
            self.totalPlus = totalPlus
            self.totalMinus = totalMinus
        }

        /// The level whose nodes are the blocs `labels` (0 ..< blocCount) of this one.
        func aggregated(_ labels: [Int], blocCount k: Int) -> Level {
            var members = [[Int]](repeating: [], count: k)
            var kp = [Double](repeating: 0, count: k), km = kp
            for v in 0..<count {
                members[labels[v]].append(v)
                kp[labels[v]] += kPlus[v]; km[labels[v]] += kMinus[v]
            }
            var offsets = [0], neighbours: [Int] = [], plus: [Double] = [], minus: [Double] = []
            var slot = [Int](repeating: -1, count: k)
            for c in 0..<k {
                let rowStart = neighbours.count
                for v in members[c] {
                    for e in ties(of: v) {
                        let d = labels[self.neighbours[e]]
                        if d == c { continue }
                        if slot[d] < rowStart {
                            slot[d] = neighbours.count
                            neighbours.append(d); plus.append(0); minus.append(0)
                        }
                        plus[slot[d]] += self.plus[e]; minus[slot[d]] += self.minus[e]
                    }
                }
                offsets.append(neighbours.count)
            }
            return Level(
                count: k, offsets: offsets, neighbours: neighbours, plus: plus, minus: minus, kPlus: kp, kMinus: km,
                totalPlus: totalPlus, totalMinus: totalMinus)
        }

        /// The tie slots of node v.
        @inline(__always)
        func ties(of v: Int) -> Range<Int> { offsets[v]..<offsets[v + 1] }
    }

    /// Local moving on one level: node -> bloc, with the blocs' degree sums and sizes.
    struct LocalMoves {
        /// Up to this many nodes, a node with hostile ties also weighs every bloc it has no tie
        /// to (O(nodes) per move); above it, only the blocs of its neighbours.
        static let allBlocsLimit = 4096
        let level: Level
        var bloc: [Int]
        var blocPlus: [Double]
        var blocMinus: [Double]
        var size: [Int]
        /// Bloc labels with no node, reused for a node that leaves to a bloc of its own.
        var free: [Int]
        // Scratch for one node's ties into neighbouring blocs.
        var linkPlus: [Double]
        var linkMinus: [Double]
        var touched: [Int] = []

        init(_ level: Level, start: [Int]) {
            self.level = level
            bloc = start
            let n = level.count
            var plus = [Double](repeating: 0, count: n), minus = plus
            var size = [Int](repeating: 0, count: n)
            for v in 0..<n {
                plus[start[v]] += level.kPlus[v]; minus[start[v]] += level.kMinus[v]; size[start[v]] += 1
            }
            blocPlus = plus
            blocMinus = minus
            self.size = size
            free = (0..<n).reversed().filter { size[$0] == 0 }
            linkPlus = [Double](repeating: 0, count: n)
            linkMinus = linkPlus
        }

        /// Passes in a random order until one moves nothing. Returns true when any node moved.
        mutating func run(_ random: inout SeededRandom) -> Bool {
            var order = Array(0..<level.count)
            for i in stride(from: order.count - 1, to: 0, by: -1) {
                order.swapAt(i, Int(random.next() % UInt64(i + 1)))
            }
            var movedAny = false
            while true {
                var moved = false
                for v in order where move(v) { moved = true }
                if !moved { return movedAny }
                movedAny = true
            }
        }

        /// The gain (up to the constant factor 2 / (2 w+ + 2 w-)) of adding a node of degrees
        /// `kp`, `km` with `lp`, `lm` ties into a bloc of degree sums `bp`, `bm`.
        @inline(__always)
        func gain(_ lp: Double, _ lm: Double, _ kp: Double, _ km: Double, _ bp: Double, _ bm: Double) -> Double {
            let positive = level.totalPlus > 0 ? lp - kp * bp / (2 * level.totalPlus) : 0
            let negative = level.totalMinus > 0 ? lm - km * bm / (2 * level.totalMinus) : 0
            return positive - negative
        }

        /// Moves node v to its best bloc; true when the bloc changed.
        mutating func move(_ v: Int) -> Bool {
            let current = bloc[v], kp = level.kPlus[v], km = level.kMinus[v]
            for e in level.ties(of: v) {
                let c = bloc[level.neighbours[e]]
                if linkPlus[c] == 0 && linkMinus[c] == 0 { touched.append(c) }
                linkPlus[c] += level.plus[e]; linkMinus[c] += level.minus[e]
            }
            blocPlus[current] -= kp; blocMinus[current] -= km; size[current] -= 1
            var best = current
            var bestGain = gain(linkPlus[current], linkMinus[current], kp, km, blocPlus[current], blocMinus[current])
            for c in touched where c != current {
                let g = gain(linkPlus[c], linkMinus[c], kp, km, blocPlus[c], blocMinus[c])
                if g > bestGain + 1e-12 { best = c; bestGain = g }
            }
            // With hostile ties, a bloc the node has no tie to can gain too (its negative degree
            // sum makes the expected hostility inside it, which the node's own would exceed).
            if km > 0 && level.count <= Self.allBlocsLimit {
                for c in 0..<level.count where size[c] > 0 && c != current && linkPlus[c] == 0 && linkMinus[c] == 0 {
                    let g = gain(0, 0, kp, km, blocPlus[c], blocMinus[c])
                    if g > bestGain + 1e-12 { best = c; bestGain = g }
                }
            }
            // A bloc of its own gains 0.
            if bestGain < -1e-12 && size[current] > 0, let empty = free.popLast() { best = empty }
            for c in touched { linkPlus[c] = 0; linkMinus[c] = 0 }
            touched.removeAll(keepingCapacity: true)
            if size[current] == 0 && best != current { free.append(current) }
            blocPlus[best] += kp; blocMinus[best] += km; size[best] += 1
            bloc[v] = best
            return best != current
        }

        /// The blocs renumbered 0 ..< k in order of first node, and k.
        func compactLabels() -> (labels: [Int], count: Int) {
            var map = [Int](repeating: -1, count: level.count)
            var next = 0
            let labels = bloc.map { c -> Int in
                if map[c] < 0 { map[c] = next; next += 1 }
                return map[c]
            }
            return (labels, next)
        }
    }
}
