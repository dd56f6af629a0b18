/// Arming (docs/MODEL.md section 3, step 2): Richardson's (1960) arms race, bounded by the budget and
/// by any arms-control agreement.
///
/// With `x_i = m_i / m_i(0)` (effort relative to its baseline):
/// `dm_i = m_i(0) * eta * (k * T_i / A_i - a * (x_i - 1) + g * (2 h_i - 1))`
/// where T_i is the round's (noisy) total threat, A_i the support (`RuleParameters.ThreatScale`:
/// current support, or the support at the start of the run for the linear Richardson form), k the
/// reaction, a the fatigue and g the grievance weight of `SecurityEnvironment`, h_i hawkishness.
/// The new effort `m_i + dm_i` is then bounded, in this order: the rise is at most
/// `armsControl.maxEffortGrowth`; the level is clamped to [m_min, m_max]; and it is at most
/// `armsControl.maxEffort` (a state above the cap comes down to it: compliance).
/// A state with A_i = 0 (no capability, no allies) does not react to threat.
package enum Arming {
    /// The new effort of every state.
    package static func propose(_ snapshot: RoundSnapshot, into proposals: inout RoundProposals) {
        let environment = snapshot.environment
        let parameters = snapshot.parameters
        for (index, state) in snapshot.network.states.enumerated() {
            let scale =
                parameters.threatScale == .current ? snapshot.assessment.support[index] : snapshot.initialSupport[index]
            let reaction = scale > 0 ? environment.reaction * snapshot.assessment.totalThreat[index] / scale : 0
            let relative = state.effort / state.baselineEffort
            let drive =
                reaction - environment.fatigue * (relative - 1) + environment.grievance * (2 * state.hawkishness - 1)
            proposals.effort[index] = bounded(
                state.effort + state.baselineEffort * parameters.armingRate * drive,
                from: state.effort, parameters: parameters, armsControl: environment.armsControl)
        }
    }

    /// `proposed` bounded by the growth cap, the budget and the level cap (in that order).
    package static func bounded(
        _ proposed: Double, from current: Double, parameters: RuleParameters,
        armsControl: ArmsControl?
    ) -> Double {
        var value = proposed
        if let growth = armsControl?.maxEffortGrowth { value = min(value, current + growth) }
        value = min(parameters.maxEffort, max(parameters.minEffort, value))
        if let cap = armsControl?.maxEffort { value = min(value, cap) }
        return value
    }
}
