/// What a run records after every round (docs/MODEL.md section 3): per-state values and system values.
///
/// Round 0 is the network at the start. Round r >= 1 is the network after round r's changes
/// were applied; its threat, main threat and security ratio are the noise-free perception of
/// that network (the noisy perception that drove the round's decisions is not recorded), so a
/// row always describes one consistent network.
public struct RoundRecord: Hashable, Sendable {
    public var round: Int
    /// Per state, in network order.
    public var effort: [Double]
    public var power: [Double]
    public var threat: [Double]
    public var securityRatio: [Double]
    public var mainThreat: [StateID?]
    /// Commitments (of any kind) the state is party to.
    public var commitments: [Int]
    public var system: SystemRecord
}

/// System values of one round.
public struct SystemRecord: Hashable, Sendable {
    /// Commitments by kind, in `CommitmentKind.allCases` order.
    public var commitmentsByKind: [Int]
    public var rivalries: Int
    /// Leiden blocs and their modularity (nil with `SystemMetricsLevel.light`).
    public var blocs: Int?
    public var modularity: Double?
    /// Share of balanced signed triangles (NaN without triangles).
    public var balance: Double
    /// Concentration CON of military power.
    public var concentration: Double
    public var meanEffort: Double
    /// Mean credibility over the directed pledges with credibility > 0
    /// (`SystemIndicators.meanCredibility`; NaN without any).
    public var meanCredibility: Double
    /// Arms-race stability margin a - rho(K) (nil with `SystemMetricsLevel.light`).
    public var armsRaceStability: Double?
    /// What the round's merge did (0 in round 0).
    public var commitmentsAdded = 0
    public var commitmentsRemoved = 0
    public var abandoned = 0
    public var bandwagons = 0
    public var triadFlips = 0
    /// Propagation passes of the round's (noisy) perception; 0 in round 0.
    public var propagationIterations = 0
}

/// How much of the system record to compute each round.
public enum SystemMetricsLevel: String, CaseIterable, Hashable, Sendable {
    /// Everything, including Leiden blocs and modularity (igraph) and arms-race stability (dense N x N).
    case full
    /// Only the metrics computed in O(N + ties): no blocs, modularity or arms-race stability.
    case light
}
