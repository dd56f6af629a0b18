/// What every state perceives in one round (docs/MODEL.md section 2): direct and propagated threat
/// per source, total threat, main threat, support and security ratio.
///
/// Matrices are row-major `N x C` with one column per threat source (`sources`, ascending ids):
/// `direct[i * C + c]` is D_{i, sources[c]} and `threat[i * C + c]` is T_{i, sources[c]}. Threat and
/// support are in capability units (the units of `State.capability`).
public struct ThreatAssessment: Hashable, Sendable {
    public let stateCount: Int
    /// The threat sources S, ascending: every state when N <= `ThreatModel.allSourcesLimit`,
    /// else the K states with the largest noise-free outgoing direct threat.
    public let sources: [StateID]
    /// Column of each state in the matrices, or -1 when it is not a source.
    public let sourceColumn: [Int]
    /// D, direct threat, `N x C`.
    public let direct: [Double]
    /// T, propagated threat, `N x C`.
    public let threat: [Double]
    /// T_i = sum_s T_is.
    public let totalThreat: [Double]
    /// s*_i = argmax_s T_is (ties: lowest id); nil when T_i = 0.
    public let mainThreat: [StateID?]
    /// P_i, military power this round.
    public let power: [Double]
    /// A_i = P_i + sum_{l committed to i} kappa_li * reliability * P_l.
    public let support: [Double]
    /// sigma_i = A_i / max(T_i, 1e-12).
    public let securityRatio: [Double]
    /// Propagation passes run, and whether the largest change fell below the tolerance.
    public let iterations: Int
    public let converged: Bool

    /// T_{i,s}: the threat `source` poses to `state` after propagation (0 when `source` is not a
    /// threat source this round).
    public func threat(to state: StateID, from source: StateID) -> Double {
        let column = sourceColumn[source.index]
        return column < 0 ? 0 : threat[state.index * sources.count + column]
    }

    /// D_{i,s}: direct threat (0 when `source` is not a threat source).
    public func directThreat(to state: StateID, from source: StateID) -> Double {
        let column = sourceColumn[source.index]
        return column < 0 ? 0 : direct[state.index * sources.count + column]
    }
}
