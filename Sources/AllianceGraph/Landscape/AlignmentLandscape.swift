/// The alignment landscape of Axelrod & Bennett (1993), "A landscape theory of aggregation",
/// British Journal of Political Science 23(2): 211-233 (docs/MODEL.md section 6).
///
/// States have sizes `s_i >= 0` and symmetric propensities `p_ij` (positive = affinity). A
/// configuration splits the states into two camps; `d_ij = 1` when i and j are in different
/// camps, else 0. Then
/// - the frustration of state i is `F_i = sum_j s_j p_ij d_ij`: how much it suffers from being
///   apart from those it likes (and gains from being apart from those it dislikes, negative
///   terms); units: size x propensity;
/// - the energy of the configuration is `E = sum_{i<j} s_i s_j p_ij d_ij = (1/2) sum_i s_i F_i`.
///
/// Lower energy is a more stable configuration; predicted alignments are the local minima of E
/// under single-state camp switches (`LandscapeSearch`).
///
/// Sizes are the states' capabilities `c_i` (COW CINC in the bundled networks). Propensities are
/// the scenario's explicit `propensities` list when present (pairs not listed: 0). Otherwise
/// they are derived from the ties in force: `p_ij = kappa_ij - rho_ij`, where `kappa_ij` is the
/// strength of the pair's aligning commitments (the largest credibility, either direction, of
/// a `defense`, `offense`, `guarantee`, `patronage` or `consultation` pledge; `neutrality` and
/// `nonaggression` pacts restrain rather than align and count 0) and `rho_ij` the intensity of
/// their rivalry (0 if none). Derived propensities lie in [-1, 1].
public struct AlignmentLandscape: Hashable, Sendable {
    /// State codes, in network order.
    public let codes: [String]
    /// Sizes s_i.
    public let sizes: [Double]
    /// Propensities, dense and symmetric, row-major n x n, zero diagonal.
    public let propensities: [Double]
    /// Where the propensities came from ("explicit" or "derived from ties").
    public let propensitySource: String

    public var count: Int { codes.count }

    /// A landscape from explicit values. `propensities` is a symmetric n x n matrix (rows).
    public init(codes: [String], sizes: [Double], propensities: [[Double]], source: String = "explicit")
        throws(InputError)
    {
        let n = codes.count
        guard sizes.count == n, propensities.count == n, propensities.allSatisfy({ $0.count == n }) else {
            throw InputError("landscape: \(n) states need \(n) sizes and an \(n) x \(n) propensity matrix")
        }
        for (i, s) in sizes.enumerated() where !s.isFinite || s < 0 {
            throw InputError(location: "sizes[\(i)]", "size \(s) is out of range; expected a finite number >= 0")
        }
        var flat = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for j in 0..<n where i != j {
                let p = propensities[i][j]
                guard p.isFinite, p == propensities[j][i] else {
                    throw InputError(location: "propensities[\(i)][\(j)]", "propensities must be finite and symmetric")
                }
                flat[i * n + j] = p
            }
        }
        self.codes = codes
        self.sizes = sizes
        self.propensities = flat
        propensitySource = source
    }

    /// The landscape of a scenario's network in `year` (default: the scenario's year):
    /// capabilities as sizes, explicit propensities when the scenario has them, otherwise
    /// propensities derived from the ties in force.
    ///
    /// Memory: three N x N tables of doubles at most (propensities, the derivation's scratch,
    /// the search's weights), checked against `MemoryBudget` before any is allocated.
    public init(_ scenario: Scenario, year: Int? = nil) throws(ComputationError) {
        let network = scenario.activeNetwork(year: year)
        let n = network.count
        try MemoryBudget.check(
            "alignment landscape", count: MemoryBudget.product(3, n, n), elementSize: 8,
            what: "three \(n) x \(n) tables of doubles",
            avoid: "the landscape is meant for up to a few thousand states (select a region or --year)")
        var flat = [Double](repeating: 0, count: n * n)
        if let explicit = scenario.propensities {
            for p in explicit {
                flat[p.pair.low.index * n + p.pair.high.index] = p.value
                flat[p.pair.high.index * n + p.pair.low.index] = p.value
            }
            propensitySource = "explicit (scenario propensities)"
        } else {
            flat = Self.derivedPropensities(network)
            propensitySource = "derived from ties (credibility - rivalry intensity)"
        }
        codes = network.states.map(\.code)
        sizes = network.states.map(\.capability)
        propensities = flat
    }

    /// `p_ij = kappa_ij - rho_ij` from the ties of `network` (row-major n x n); see the type's
    /// documentation.
    public static func derivedPropensities(_ network: AllianceNetwork) -> [Double] {
        let n = network.count
        var kappa = [Double](repeating: 0, count: n * n)
        for o in network.obligations where o.kind.sign > 0 {
            let a = o.committed.index, b = o.partner.index
            kappa[a * n + b] = max(kappa[a * n + b], o.credibility)
            kappa[b * n + a] = kappa[a * n + b]
        }
        for r in network.rivalries {
            let a = r.pair.low.index, b = r.pair.high.index
            kappa[a * n + b] -= r.intensity
            kappa[b * n + a] -= r.intensity
        }
        return kappa
    }

    /// The propensity p_ij.
    public func propensity(_ i: Int, _ j: Int) -> Double { propensities[i * count + j] }

    /// Energy `E = sum_{i<j} s_i s_j p_ij d_ij` of a configuration (camp 0 or 1 per state).
    public func energy(camps: [Int]) -> Double {
        var e = 0.0
        for i in 0..<count {
            for j in (i + 1)..<max(i + 1, count) where camps[i] != camps[j] {
                e += sizes[i] * sizes[j] * propensity(i, j)
            }
        }
        return e
    }

    /// Frustration of every state, `F_i = sum_j s_j p_ij d_ij`, in a configuration.
    public func frustration(camps: [Int]) -> [Double] {
        (0..<count).map { i in
            var f = 0.0
            for j in 0..<count where camps[i] != camps[j] { f += sizes[j] * propensity(i, j) }
            return f
        }
    }

    /// Pairwise weights `w_ij = s_i s_j p_ij`, row-major.
    var weights: [Double] {
        var w = [Double](repeating: 0, count: count * count)
        for i in 0..<count {
            for j in 0..<count { w[i * count + j] = sizes[i] * sizes[j] * propensity(i, j) }
        }
        return w
    }
}
