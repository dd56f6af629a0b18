/// A partition of the states into blocs (communities of the alliance graph).
@_spi(Internals) public struct BlocPartition: Hashable, Sendable {
    /// Bloc of each state, numbered from 0 by size: the bloc with the most states first (ties: the
    /// bloc of the lowest-numbered state first), so isolated states, blocs of one, come last.
    public let membership: [Int]
    /// Modularity Q of the partition (strength weights, resolution 1); NaN without ties.
    public let modularity: Double

    public var count: Int { (membership.max() ?? -1) + 1 }

    /// The modularity-maximising partition found by Leiden (igraph_community_leiden with node
    /// weights = strength and resolution 1/(2m), so that its quality is modularity), keeping the
    /// best of `restarts` runs seeded from `seed` (ties: the earliest run). Isolated states form
    /// blocs of their own. Traag, Waltman & van Eck (2019). The restarts share one igraph graph
    /// and one vector of node weights; igraph's generator is reseeded before each, so each run
    /// is what a run on a graph of its own would give.
    public static func leiden(_ view: AllianceGraphView, seed: UInt64, restarts: Int = 10) throws(ComputationError)
        -> BlocPartition
    {
        let runs = view.edgeCount == 0 ? 1 : max(1, restarts)
        let nodeWeights = view.adjacency.rowSums
        return try IGraph.run { () throws(ComputationError) -> BlocPartition in
            let session = try IGraphSession(view)
            var best: BlocPartition?
            for run in 0..<runs {
                try IGraph.seed(SeededRandom.derivedSeed(seed, stream: UInt64(run)))
                let membership = canonical(try session.leiden(nodeWeights: nodeWeights))
                let modularity = try session.modularity(of: membership)
                let candidate = BlocPartition(membership: membership, modularity: modularity)
                if best == nil || candidate.modularity > best!.modularity { best = candidate }
            }
            return best!
        }
    }

    /// Relabels blocs 0, 1, 2, ... by size, largest first; blocs of one size in order of first
    /// appearance.
    static func canonical(_ membership: [Int]) -> [Int] {
        var first: [Int: Int] = [:]
        var size: [Int: Int] = [:]
        for (k, label) in membership.enumerated() {
            if first[label] == nil { first[label] = k }
            size[label, default: 0] += 1
        }
        let order = first.keys.sorted { a, b in
            size[a]! != size[b]! ? size[a]! > size[b]! : first[a]! < first[b]!
        }
        var map: [Int: Int] = [:]
        for (rank, label) in order.enumerated() { map[label] = rank }
        return membership.map { map[$0]! }
    }
}
