/// Every parameter of a run, addressable by name (`alliancectl simulate --set name=value`).
///
/// Environment names are the scenario file's `parameters` fields (`offenseDefense`,
/// `armsControl.maxEffort`, ...); rule names are `rule.parameter` (`arming.eta`, `triads.p`).
/// `entries` lists them all in a fixed order, which is how `run.json` records them.
public struct SimulationParameters: Hashable, Sendable {
    public var environment: SecurityEnvironment
    public var rules: RuleParameters

    public init(environment: SecurityEnvironment = SecurityEnvironment(), rules: RuleParameters = RuleParameters()) {
        self.environment = environment
        self.rules = rules
    }

    /// A named numeric setting.
    private struct Setting: Sendable {
        let name: String
        let get: @Sendable (SimulationParameters) -> Double?
        let set: @Sendable (inout SimulationParameters, Double?) -> Void
        var optional = false
    }

    private static let settings: [Setting] = [
        Setting(
            name: "offenseDefense", get: { $0.environment.offenseDefense },
            set: { $0.environment.offenseDefense = $1 ?? 1 }),
        Setting(
            name: "distinguishability", get: { $0.environment.distinguishability },
            set: { $0.environment.distinguishability = $1 ?? 0.5 }),
        Setting(
            name: "transparency", get: { $0.environment.transparency }, set: { $0.environment.transparency = $1 ?? 0.5 }
        ),
        Setting(name: "noise", get: { $0.environment.noise }, set: { $0.environment.noise = $1 ?? 0.3 }),
        Setting(
            name: "entanglement", get: { $0.environment.entanglement }, set: { $0.environment.entanglement = $1 ?? 0.5 }
        ),
        Setting(
            name: "reliability", get: { $0.environment.reliability },
            set: { $0.environment.reliability = $1 ?? 0.745 }),
        Setting(name: "reaction", get: { $0.environment.reaction }, set: { $0.environment.reaction = $1 ?? 0.1 }),
        Setting(name: "fatigue", get: { $0.environment.fatigue }, set: { $0.environment.fatigue = $1 ?? 0.2 }),
        Setting(name: "grievance", get: { $0.environment.grievance }, set: { $0.environment.grievance = $1 ?? 0.05 }),
        Setting(
            name: "armsControl.maxEffort", get: { $0.environment.armsControl?.maxEffort },
            set: { p, v in p.environment.setArmsControl { $0.maxEffort = v } }, optional: true),
        Setting(
            name: "armsControl.maxEffortGrowth", get: { $0.environment.armsControl?.maxEffortGrowth },
            set: { p, v in p.environment.setArmsControl { $0.maxEffortGrowth = v } }, optional: true),
        Setting(name: "arming.eta", get: { $0.rules.armingRate }, set: { $0.rules.armingRate = $1 ?? 1 }),
        Setting(name: "arming.minEffort", get: { $0.rules.minEffort }, set: { $0.rules.minEffort = $1 ?? 0.005 }),
        Setting(name: "arming.maxEffort", get: { $0.rules.maxEffort }, set: { $0.rules.maxEffort = $1 ?? 0.25 }),
        Setting(
            name: "balancing.threshold", get: { $0.rules.balancingThreshold },
            set: { $0.rules.balancingThreshold = $1 ?? 1 }),
        Setting(
            name: "balancing.share", get: { $0.rules.balancingShare }, set: { $0.rules.balancingShare = $1 ?? 0.25 }),
        Setting(
            name: "balancing.credibility", get: { $0.rules.newAllianceCredibility },
            set: { $0.rules.newAllianceCredibility = $1 ?? 0.5 }),
        Setting(
            name: "balancing.spiral", get: { $0.rules.spiralIntensity },
            set: { $0.rules.spiralIntensity = $1 ?? 0 }),
        Setting(
            name: "bandwagoning.powerRatio", get: { $0.rules.bandwagonPowerRatio },
            set: { $0.rules.bandwagonPowerRatio = $1 ?? 0.2 }),
        Setting(
            name: "bandwagoning.security", get: { $0.rules.bandwagonSecurity },
            set: { $0.rules.bandwagonSecurity = $1 ?? 0.3 }),
        Setting(
            name: "bandwagoning.rivalPowerRatio", get: { $0.rules.bandwagonRivalPowerRatio },
            set: { $0.rules.bandwagonRivalPowerRatio = $1 ?? 0.05 }),
        Setting(name: "burdenSharing.loss", get: { $0.rules.burdenLoss }, set: { $0.rules.burdenLoss = $1 ?? 0.1 }),
        Setting(
            name: "burdenSharing.recovery", get: { $0.rules.burdenRecovery },
            set: { $0.rules.burdenRecovery = $1 ?? 0.02 }),
        Setting(
            name: "burdenSharing.dissolveBelow", get: { $0.rules.dissolveThreshold },
            set: { $0.rules.dissolveThreshold = $1 ?? 0.1 }),
        Setting(name: "chainGang.rate", get: { $0.rules.chainGangRate }, set: { $0.rules.chainGangRate = $1 ?? 0.02 }),
        Setting(name: "triads.p", get: { $0.rules.triadP }, set: { $0.rules.triadP = $1 ?? 0 }),
        Setting(name: "triads.rate", get: { $0.rules.triadRate }, set: { $0.rules.triadRate = $1 ?? 1 }),
        Setting(
            name: "triads.rivalryIntensity", get: { $0.rules.triadRivalryIntensity },
            set: { $0.rules.triadRivalryIntensity = $1 ?? 0.5 }),
        Setting(
            name: "triads.credibility", get: { $0.rules.triadAllianceCredibility },
            set: { $0.rules.triadAllianceCredibility = $1 ?? 0.5 }),
        Setting(
            name: "initiation.threshold", get: { $0.rules.initiationThreshold },
            set: { $0.rules.initiationThreshold = $1 ?? 0 }),
    ]

    /// Every settable name, in `entries` order (`arming.threatScale` included).
    public static let names: [String] = settings.map(\.name) + ["arming.threatScale"]

    /// Sets `name` from its text form. Numbers use `.` as the decimal mark; the arms-control
    /// caps also accept `none`; `arming.threatScale` takes `current` or `baseline`. Unknown names
    /// and values out of range throw, the message naming the setting (and the closest name).
    public mutating func set(_ name: String, to text: String) throws(InputError) {
        let value = text.trimmingCharacters(in: .whitespaces)
        if name == "arming.threatScale" {
            guard let scale = RuleParameters.ThreatScale(rawValue: value) else {
                throw InputError(
                    location: name, "\"\(value.prefix(40))\" is not a threat scale; expected current or baseline")
            }
            rules.threatScale = scale
            return
        }
        guard let setting = Self.settings.first(where: { $0.name == name }) else {
            let hint = NameSuggestion.hint(for: name, among: Self.names)
            throw InputError(location: name, "unknown parameter\(hint); see docs/DYNAMICS.md for the list")
        }
        if setting.optional && value == "none" {
            setting.set(&self, nil)
        } else {
            guard let number = Double(value), number.isFinite else {
                throw InputError(location: name, "\"\(value.prefix(40))\" is not a finite number")
            }
            setting.set(&self, number)
        }
        try validate()
    }

    /// Applies `name=value` assignments in order.
    public mutating func apply(_ assignments: [String]) throws(InputError) {
        for assignment in assignments {
            guard let equals = assignment.firstIndex(of: "=") else {
                throw InputError(location: "parameter assignment", "\"\(assignment.prefix(60))\" is not name=value")
            }
            try set(
                String(assignment[..<equals]).trimmingCharacters(in: .whitespaces),
                to: String(assignment[assignment.index(after: equals)...]))
        }
    }

    /// Checks the environment and the rule parameters.
    public func validate() throws(InputError) {
        try environment.validate()
        try rules.validate()
    }

    /// Every parameter with its value (nil for an absent arms-control cap), in `names` order;
    /// `arming.threatScale` is reported through `threatScale`.
    public var entries: [(name: String, value: Double?)] {
        Self.settings.map { ($0.name, $0.get(self)) }
    }
}

extension SecurityEnvironment {
    /// Edits the arms-control agreement, creating it when absent and dropping it when both caps
    /// end up nil.
    mutating func setArmsControl(_ edit: (inout ArmsControl) -> Void) {
        var arms = armsControl ?? ArmsControl()
        edit(&arms)
        armsControl = arms.maxEffort == nil && arms.maxEffortGrowth == nil ? nil : arms
    }
}

#if canImport(Foundation)
    import Foundation
#endif
