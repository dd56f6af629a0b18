/// The global parameters of the security environment (docs/MODEL.md section 1.3).
public struct SecurityEnvironment: Hashable, Sendable {
    /// Offence-defence balance theta > 0; above 1 the offence dominates (Jervis 1978).
    public var offenseDefense: Double = 1
    /// Distinguishability delta in [0, 1]: can defensive postures be told from offensive ones.
    public var distinguishability: Double = 0.5
    /// Transparency tau in [0, 1]: signalling quality; misperception noise sigma = sigma0 (1 - tau).
    public var transparency: Double = 0.5
    /// Base misperception noise sigma0 >= 0.
    public var noise: Double = 0.3
    /// Entanglement alpha in [0, 1): how much of an ally's threat becomes one's own.
    public var entanglement: Double = 0.5
    /// Reliability l in (0, 1]: the chance that a triggered pledge is honoured. Leeds, Long &
    /// Mitchell (2000) measured 0.745.
    public var reliability: Double = 0.745
    /// Richardson reaction coefficient k >= 0 (reaction to threat).
    public var reaction: Double = 0.1
    /// Richardson fatigue coefficient a >= 0 (the cost of arms).
    public var fatigue: Double = 0.2
    /// Richardson grievance weight g >= 0.
    public var grievance: Double = 0.05
    /// Arms-control limits; nil when there is no agreement.
    public var armsControl: ArmsControl?

    public init() {}

    /// Misperception noise standard deviation sigma = sigma0 (1 - tau).
    public var noiseStandardDeviation: Double { noise * (1 - transparency) }
}

/// An arms-control agreement: a cap on effort growth per round and/or on the effort level.
public struct ArmsControl: Hashable, Sendable {
    /// Largest rise of effort per round (effort units, share of GDP); nil for no cap.
    public var maxEffortGrowth: Double?
    /// Highest effort allowed, in (0, 1]; nil for no cap.
    public var maxEffort: Double?

    public init(maxEffortGrowth: Double? = nil, maxEffort: Double? = nil) {
        self.maxEffortGrowth = maxEffortGrowth
        self.maxEffort = maxEffort
    }
}
