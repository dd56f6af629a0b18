/// A sovereign state: a node of the alliance network (docs/MODEL.md section 1.1).
///
/// Military power at round t is `P_i(t) = c_i * m_i(t) / m_i(0)`: the capability, scaled by how
/// far effort has moved from its starting level, so that power equals capability at t = 0.
public struct State: Hashable, Sendable {
    /// Unique code, the COW 3-letter abbreviation where one exists (`USA`, `GMY`, `RUS`).
    public var code: String
    /// COW numeric country code, when known.
    public var ccode: Int?
    /// Display name; defaults to the code.
    public var name: String
    /// Material capability c_i >= 0, e.g. the COW Composite Index of National Capability (CINC),
    /// a share of the world total. The base of military power.
    public var capability: Double
    /// Economic base y_i > 0 for burden-sharing; defaults to `capability`.
    public var gdp: Double
    /// Military effort m_i in (0, 1]: the share of `gdp` spent on defence (0.02 = 2 %).
    public var effort: Double
    /// Effort at the start of a run, m_i(0); the reference for power and for arming.
    public var baselineEffort: Double
    /// A great power that projects power globally.
    public var major: Bool
    /// Domestic pressure toward arming and hard lines, h_i in [0, 1].
    public var hawkishness: Double
    /// True revisionism r_i in [0, 1]; others see it only through noisy signals.
    public var intent: Double
    /// Capability trend g_i in [-0.5, 0.5]: the relative change of capability (and of `gdp`) per
    /// round, `c_i <- c_i (1 + g_i)` after each round's merge: rising (g > 0) and declining (g < 0)
    /// powers (Gilpin 1981; Organski 1958). 0 by default; the backtest sets it from NMC.
    public var growth: Double
    /// Where the figures came from.
    public var note: String?

    public static let defaultEffort = 0.02
    public static let defaultHawkishness = 0.5

    public init(
        code: String, ccode: Int? = nil, name: String? = nil, capability: Double,
        gdp: Double? = nil, effort: Double = State.defaultEffort, baselineEffort: Double? = nil,
        major: Bool = false, hawkishness: Double = State.defaultHawkishness,
        intent: Double = 0, note: String? = nil, growth: Double = 0
    ) {
        self.code = code
        self.ccode = ccode
        self.name = name ?? code
        self.capability = capability
        self.gdp = gdp ?? capability
        self.effort = effort
        self.baselineEffort = baselineEffort ?? effort
        self.major = major
        self.hawkishness = hawkishness
        self.intent = intent
        self.note = note
        self.growth = growth
    }

    /// Military power `P_i = c_i * m_i / m_i(0)` (capability units).
    public var power: Double { capability * effort / baselineEffort }
}
