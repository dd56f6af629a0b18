@_spi(Internals) import AllianceGraph

/// The command a sweep runs once per run: a peacetime simulation or a stochastic crisis.
package enum ExperimentCommand: String, CaseIterable, Sendable {
    /// `alliancectl simulate`: the peacetime rounds; outcomes are system indicators.
    case simulate
    /// `alliancectl crisis --mode stochastic`: one seeded crisis ensemble per run (`settings.runs`
    /// crises, 1 by default); outcomes are war sizes and entry probabilities.
    case crisis

    /// The parameters a spec may vary or fix for this command, in catalogue order.
    package var parameterNames: [String] {
        switch self {
        case .simulate: return SimulationParameters.names.filter { $0 != "arming.threatScale" }
        case .crisis: return CrisisParameters.names
        }
    }

    /// Whether `name` takes whole numbers only (sampled values are rounded down).
    package func isInteger(_ name: String) -> Bool {
        self == .crisis && CrisisParameters.integerNames.contains(name)
    }

    /// The settings (non-parameter options) a spec's `settings` object may hold.
    package var settingNames: [String] {
        switch self {
        case .simulate: return ["rounds", "rules", "systemMetrics", "stopAtEquilibrium", "year"]
        case .crisis: return ["attacker", "target", "opportunism", "runs", "year"]
        }
    }
}

/// The numeric parameters of a crisis, by the names `alliancectl crisis` options use (in
/// camelCase): three of the scenario's environment, five of `CrisisOptions`.
package enum CrisisParameters {
    package static let names = [
        "reliability", "offenseDefense", "transparency", "threshold", "consultationBoost", "opportunismFactor",
        "opportunismDelay", "maxSteps",
    ]
    package static let integerNames: Set<String> = ["opportunismDelay", "maxSteps"]

    /// Sets `name` to `value` in `environment` or `options` (`name` is one of `names`).
    package static func apply(
        _ name: String, _ value: Double, environment: inout SecurityEnvironment, options: inout CrisisOptions
    ) {
        switch name {
        case "reliability": environment.reliability = value
        case "offenseDefense": environment.offenseDefense = value
        case "transparency": environment.transparency = value
        case "threshold": options.threshold = value
        case "consultationBoost": options.consultationBoost = value
        case "opportunismFactor": options.opportunismFactor = value
        case "opportunismDelay": options.opportunismDelay = Int(value)
        case "maxSteps": options.maxSteps = Int(value)
        default: preconditionFailure("not a crisis parameter: \(name)")
        }
    }
}
