/// The parameters of the rules (docs/DYNAMICS.md lists each with its source and default).
///
/// The security environment (theta, delta, tau, alpha, reliability, Richardson k, a, g, arms
/// control) lives in `SecurityEnvironment`; these are the rules' own constants, which docs/MODEL.md
/// leaves open or fixes by name.
public struct RuleParameters: Hashable, Sendable {
    /// How the arming rule scales threat into a reaction.
    public enum ThreatScale: String, CaseIterable, Hashable, Sendable {
        /// `k * T_i / A_i` with the current support A_i (docs/MODEL.md section 3; default). Arming raises
        /// one's own A_i, which damps the reaction: races settle unless hostility keeps rising.
        case current
        /// `k * T_i / A_i(0)` with the support at the start of the run: the linear Richardson
        /// system, which runs away exactly when the reaction matrix's spectral radius exceeds the
        /// fatigue a (two states: k * l > a * b).
        case baseline
    }

    // Arming (Richardson 1960).
    /// Step size eta: the share of a Richardson time unit that one round covers.
    public var armingRate = 1.0
    /// Budget floor m_min (share of GDP).
    public var minEffort = 0.005
    /// Budget ceiling m_max (share of GDP): full peacetime mobilisation.
    public var maxEffort = 0.25
    public var threatScale = ThreatScale.current

    // Balancing (Walt 1987).
    /// A state balances when its security ratio is below this (docs/MODEL.md: 1).
    public var balancingThreshold = 1.0
    /// A partner qualifies when the balancer's main threat is at least this share of its own
    /// total threat (docs/MODEL.md: 0.25).
    public var balancingShare = 0.25
    /// Credibility of a new defence pact, both directions (docs/MODEL.md: 0.5).
    public var newAllianceCredibility = 0.5
    /// Alliance spiral (Snyder 1984; Jervis 1976): when a defence pact forms between j and k,
    /// every rival r of j that is neither k's partner nor k's rival starts a rivalry with k of
    /// this intensity times r's rivalry with j, scaled down so that k is not feared more than j
    /// (0: off). See `RoundProposals` step 8.
    public var spiralIntensity = 0.0

    // Bandwagoning (Walt 1987; Schweller 1994).
    /// Weak: P_i below this share of the main threat's power (docs/MODEL.md: 0.2).
    public var bandwagonPowerRatio = 0.2
    /// Isolated: security ratio below this (docs/MODEL.md: 0.3).
    public var bandwagonSecurity = 0.3
    /// A state bandwagons with a **rival** only when that rival's power overwhelms it:
    /// `P_i < bandwagoning.rivalPowerRatio * P_s` (0.05, a twentieth); 0 forbids it.
    public var bandwagonRivalPowerRatio = 0.05

    // Burden-sharing (Olson & Zeckhauser 1966).
    /// lambda: credibility lost per round at full relative shortfall `(m_l - m_i) / m_l = 1`.
    public var burdenLoss = 0.1
    /// lambda': credibility regained per round by a pledge to a partner that spends as much.
    public var burdenRecovery = 0.02
    /// A commitment whose every pledge fell below this in a round dissolves (abandonment).
    public var dissolveThreshold = 0.1

    // Chain-ganging and buck-passing (Christensen & Snyder 1990).
    /// lambda_cg: credibility change per round.
    public var chainGangRate = 0.02

    // Structural balance (Antal, Krapivsky & Redner 2005).
    /// p: probability that an imbalanced ++- triad is resolved by befriending.
    public var triadP = 0.0
    /// AKR time units per round: the rule makes `round(triadRate * M)` triangle updates, M the
    /// number of signed ties.
    public var triadRate = 1.0
    /// Intensity of a rivalry created when a friendly tie turns hostile.
    public var triadRivalryIntensity = 0.5
    /// Credibility of the consultation pact created when a hostile tie turns friendly.
    public var triadAllianceCredibility = 0.5

    // War initiation (Bueno de Mesquita 1981).
    /// A motivated state attacks when its expected utility of attacking exceeds this (units of the
    /// stake; `WarOutcomeModel`).
    public var initiationThreshold = 0.0

    public init() {}

    /// Checks every range; the location is the `--set` name.
    public func validate() throws(InputError) {
        func check(_ value: Double, _ name: String, _ expected: String, _ ok: (Double) -> Bool) throws(InputError) {
            if !value.isFinite || !ok(value) {
                throw InputError(location: name, "\(value) is out of range; expected \(expected)")
            }
        }
        try check(armingRate, "arming.eta", "a number in (0, 2]") { $0 > 0 && $0 <= 2 }
        try check(minEffort, "arming.minEffort", "a share of GDP in (0, 1], at least 1e-9") {
            AllianceNetwork.effortRange.contains($0)
        }
        try check(maxEffort, "arming.maxEffort", "a share of GDP in (0, 1], at least arming.minEffort") {
            $0 > 0 && $0 <= 1 && $0 >= minEffort
        }
        try check(balancingThreshold, "balancing.threshold", "a number >= 0") { $0 >= 0 }
        try check(balancingShare, "balancing.share", "a number in [0, 1]") { (0...1).contains($0) }
        try check(newAllianceCredibility, "balancing.credibility", "a number in (0, 1]") { $0 > 0 && $0 <= 1 }
        try check(bandwagonPowerRatio, "bandwagoning.powerRatio", "a number >= 0") { $0 >= 0 }
        try check(bandwagonSecurity, "bandwagoning.security", "a number >= 0") { $0 >= 0 }
        try check(bandwagonRivalPowerRatio, "bandwagoning.rivalPowerRatio", "a number >= 0") { $0 >= 0 }
        try check(spiralIntensity, "balancing.spiral", "a number in [0, 1]") { (0...1).contains($0) }
        try check(burdenLoss, "burdenSharing.loss", "a number in [0, 1]") { (0...1).contains($0) }
        try check(burdenRecovery, "burdenSharing.recovery", "a number in [0, 1]") { (0...1).contains($0) }
        try check(dissolveThreshold, "burdenSharing.dissolveBelow", "a number in [0, 1]") { (0...1).contains($0) }
        try check(chainGangRate, "chainGang.rate", "a number in [0, 1]") { (0...1).contains($0) }
        try check(triadP, "triads.p", "a probability in [0, 1]") { (0...1).contains($0) }
        try check(triadRate, "triads.rate", "a number in [0, 100]") { $0 >= 0 && $0 <= 100 }
        try check(triadRivalryIntensity, "triads.rivalryIntensity", "a number in (0, 1]") { $0 > 0 && $0 <= 1 }
        try check(initiationThreshold, "initiation.threshold", "a number in [-10, 10]") { abs($0) <= 10 }
        try check(triadAllianceCredibility, "triads.credibility", "a number in (0, 1]") { $0 > 0 && $0 <= 1 }
    }
}

#if canImport(Foundation)
    import Foundation
#endif
