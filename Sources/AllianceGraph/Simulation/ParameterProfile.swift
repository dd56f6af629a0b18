/// Named parameter sets that the commands accept as `--profile NAME` (applied before any `--set`).
///
/// - `defaults`: the values of docs/DYNAMICS.md (docs/MODEL.md's where it fixes one);
/// - `calibrated`: the values that scored best on the backtest's training period (new defence
///   pacts, AUC-PR at k = 5, windows 1816-1945; docs/VALIDATION.md gives the search, the
///   training score and the held-out score 1946-2008). Only the assignments listed differ from
///   `defaults`.
package enum ParameterProfile: String, CaseIterable, Hashable, Sendable {
    case defaults
    case calibrated

    /// The `name=value` assignments of the profile, in the order they are applied.
    package var assignments: [String] {
        switch self {
        case .defaults: return []
        case .calibrated: return Self.calibratedAssignments
        }
    }

    static let calibratedAssignments = [
        "balancing.threshold=0.25", "balancing.share=0.25", "balancing.spiral=0.3",
    ]

    /// `parameters` with the profile's assignments applied.
    package func apply(to parameters: inout SimulationParameters) throws(InputError) {
        try parameters.apply(assignments)
    }

    /// The profile called `name`; throws with the list of names.
    package static func named(_ name: String) throws(InputError) -> ParameterProfile {
        guard let profile = ParameterProfile(rawValue: name) else {
            throw InputError(
                location: "--profile",
                "unknown profile \"\(name.prefix(40))\""
                    + NameSuggestion.hint(for: name, among: allCases.map(\.rawValue))
                    + "; profiles: \(allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return profile
    }
}
