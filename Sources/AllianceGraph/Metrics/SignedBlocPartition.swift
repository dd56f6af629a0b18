/// Blocs of the signed network: groups with dense positive ties inside and negative ties
/// between them, found by igraph's spinglass community detection with negative ties
/// (Traag & Bruggeman 2009, Physical Review E 80: 036115; igraph_community_spinglass with
/// `IGRAPH_SPINCOMM_IMP_NEG`).
///
/// Ties: the `SignedGraphView` (+1 for aligning commitments, -1 for rivalries), unweighted
/// (weights +1 and -1; credibility and rivalry intensity are not used, so that the blocs depend
/// on the sign pattern only). gamma = gamma_minus = 1, at most 25 blocs.
///
/// igraph 0.10.2's spinglass needs a connected graph, so each connected component of the
/// signed graph is partitioned on its own (a state without signed ties is a bloc of its own).
/// For each component, `restarts` runs are seeded from `seed`, and the partition with the
/// highest signed modularity of the component is kept (ties: the earliest run).
///
/// Signed modularity (Gómez, Jensen & Arenas 2009, Physical Review E 80: 016114):
/// `Q = [2 w+ Q+ - 2 w- Q-] / (2 w+ + 2 w-)`, where `Q+` and `Q-` are Newman's modularity of
/// the partition over the positive and the negative ties (`w+`, `w-` their total weights; a
/// term is 0 when there are no ties of that sign). In [-1, 1]; higher means friends inside and
/// enemies across. NaN without ties.
@_spi(Internals) public struct SignedBlocPartition: Hashable, Sendable {
    /// Bloc of each state, numbered from 0 by size: the bloc with the most states first (ties: the
    /// bloc of the lowest-numbered state first), as `BlocPartition.membership`.
    public let membership: [Int]
    /// Signed modularity of `membership` over the whole signed network.
    public let signedModularity: Double

    public var count: Int { (membership.max() ?? -1) + 1 }

    public static let defaultRestarts = 5

    /// Restarts of the Louvain method (each about a millisecond on ATOP 2016).
    public static let defaultLouvainRestarts = 32
    /// Perturbations of the best partition, each followed by a multilevel run from it.
    public static let defaultLouvainPerturbations = 64

    /// The blocs by Louvain optimisation of signed modularity (`SignedLouvain`): the default
    /// method, thousands of times faster than spinglass at equal or higher signed modularity.
    public static func louvain(
        _ graph: SignedGraphView, seed: UInt64, restarts: Int = defaultLouvainRestarts,
        perturbations: Int = defaultLouvainPerturbations
    ) -> SignedBlocPartition {
        let membership = BlocPartition.canonical(
            SignedLouvain.partition(graph, seed: seed, restarts: restarts, perturbations: perturbations))
        return SignedBlocPartition(
            membership: membership, signedModularity: signedModularity(graph, membership: membership))
    }

    /// Signed modularity of `membership` over the ties of `graph`.
    public static func signedModularity(_ graph: SignedGraphView, membership: [Int]) -> Double {
        signedModularity(
            vertexCount: graph.vertexCount, edges: graph.edges.map { ($0.low, $0.high, $0.sign) },
            membership: membership)
    }

    public static func spinglass(
        _ graph: SignedGraphView, seed: UInt64,
        restarts: Int = defaultRestarts
    ) throws(ComputationError) -> SignedBlocPartition {
        let components = SignedComponents(graph)
        var labels = [Int](repeating: 0, count: graph.vertexCount)
        var nextLabel = 0
        for (index, members) in components.members.enumerated() {
            if members.count == 1 {
                labels[members[0]] = nextLabel
                nextLabel += 1
                continue
            }
            let local = components.localGraph(index)
            let edges = local.edges.map { ($0.0, $0.1) }
            let weights = local.edges.map { Double($0.2) }
            var best: (membership: [Int], q: Double)?
            for run in 0..<max(1, restarts) {
                let runSeed = SeededRandom.derivedSeed(seed, stream: UInt64(index) << 16 | UInt64(run))
                let membership = try IGraph.run(seed: runSeed) { () throws(ComputationError) -> [Int] in
                    try IGraphSignedCommunity.spinglass(vertexCount: members.count, edges: edges, weights: weights)
                }
                let q = signedModularity(vertexCount: members.count, edges: local.edges, membership: membership)
                if best == nil || q > best!.q { best = (membership, q) }
            }
            let canonical = BlocPartition.canonical(best!.membership)
            for (k, v) in members.enumerated() { labels[v] = nextLabel + canonical[k] }
            nextLabel += (canonical.max() ?? -1) + 1
        }
        let membership = BlocPartition.canonical(labels)
        let all = graph.edges.map { ($0.low, $0.high, $0.sign) }
        return SignedBlocPartition(
            membership: membership,
            signedModularity: signedModularity(
                vertexCount: graph.vertexCount, edges: all,
                membership: membership))
    }

    /// Signed modularity (see the type's documentation) of `membership` over signed ties
    /// `(a, b, sign)` with unit weights.
    public static func signedModularity(vertexCount: Int, edges: [(Int, Int, Int)], membership: [Int]) -> Double {
        var kPlus = [Double](repeating: 0, count: vertexCount), kMinus = kPlus
        var wPlus = 0.0, wMinus = 0.0, insidePlus = 0.0, insideMinus = 0.0
        for (a, b, s) in edges {
            if s > 0 {
                kPlus[a] += 1; kPlus[b] += 1; wPlus += 1
                if membership[a] == membership[b] { insidePlus += 1 }
            } else {
                kMinus[a] += 1; kMinus[b] += 1; wMinus += 1
                if membership[a] == membership[b] { insideMinus += 1 }
            }
        }
        guard wPlus + wMinus > 0 else { return .nan }
        let groups = (membership.max() ?? -1) + 1
        var sumPlus = [Double](repeating: 0, count: groups), sumMinus = sumPlus
        for v in 0..<vertexCount { sumPlus[membership[v]] += kPlus[v]; sumMinus[membership[v]] += kMinus[v] }
        // 2w Q = 2 * (inside weight) - sum_c (K_c)^2 / 2w.
        var twoWQPlus = 0.0, twoWQMinus = 0.0
        if wPlus > 0 { twoWQPlus = 2 * insidePlus - sumPlus.reduce(0) { $0 + $1 * $1 } / (2 * wPlus) }
        if wMinus > 0 { twoWQMinus = 2 * insideMinus - sumMinus.reduce(0) { $0 + $1 * $1 } / (2 * wMinus) }
        return (twoWQPlus - twoWQMinus) / (2 * wPlus + 2 * wMinus)
    }
}
