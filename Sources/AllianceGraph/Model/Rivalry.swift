/// A strategic rivalry: a symmetric hostile tie (Thompson & Dreyer 2011), the negative edges of
/// the signed view (docs/MODEL.md section 1.2).
public struct Rivalry: Hashable, Sendable {
    public var pair: StatePair
    /// Intensity rho in (0, 1].
    public var intensity: Double
    /// First year in force, inclusive.
    public var since: Int?
    /// Last year in force, inclusive.
    public var until: Int?
    public var note: String?

    public init(
        _ a: StateID, _ b: StateID, intensity: Double = 1, since: Int? = nil, until: Int? = nil,
        note: String? = nil
    ) {
        self.pair = StatePair(a, b)
        self.intensity = intensity
        self.since = since
        self.until = until
        self.note = note
    }

    /// Whether the rivalry is active in `year` (always, when `year` is nil).
    public func isInForce(in year: Int?) -> Bool {
        guard let year else { return true }
        if let since, year < since { return false }
        if let until, year > until { return false }
        return true
    }
}
