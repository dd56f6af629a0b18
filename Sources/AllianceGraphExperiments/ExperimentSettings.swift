@_spi(Internals) import AllianceGraph
@_spi(Internals) import AllianceGraphFormats

/// The fixed, non-numeric options of an experiment's command (the spec's `settings` object).
///
/// Simulate: `rounds` (default 50), `rules` (list of rule names; default all but triads),
/// `systemMetrics` (`full` or `light`; default `full`), `stopAtEquilibrium` (default true),
/// `year` (ties in force in that year; default the scenario's), `profile` (a parameter profile
/// applied before the fixed and varied parameters: `defaults`, `calibrated` or a profile file,
/// relative to the spec's folder). Crisis: `attacker` and `target`
/// (state codes, required), `opportunism` (default false), `runs` (stochastic crises per sweep
/// run, default 1: with more, crisis outcomes are means and entry probabilities over them),
/// `year`.
package struct ExperimentSettings: Hashable, Sendable {
    package var rounds = 50
    package var rules = RuleKind.defaults
    package var systemMetrics = SystemMetricsLevel.full
    package var stopAtEquilibrium = true
    package var year: Int?
    package var attacker = ""
    package var target = ""
    package var opportunism = false
    package var runs = 1
    /// The parameter profile as written (simulate only), nil for none.
    package var profile: String?

    static func decode(_ value: JSONValue?, command: ExperimentCommand) throws(InputError) -> ExperimentSettings {
        var settings = ExperimentSettings()
        guard let value else {
            if command == .crisis {
                throw InputError(
                    location: "settings", "a crisis experiment needs settings.attacker and settings.target")
            }
            return settings
        }
        var object = try JSONObjectReader(value, path: "settings")
        settings.year = try object.integer("year")
        switch command {
        case .simulate:
            if let rounds = try object.integer("rounds") {
                guard (0...100_000).contains(rounds) else {
                    throw InputError(location: "settings.rounds", "\(rounds) is out of range; expected 0...100000")
                }
                settings.rounds = rounds
            }
            if let rules = try object.array("rules") {
                var names: [String] = []
                for (k, rule) in rules.enumerated() {
                    names.append(try JSONObjectReader.string(rule, at: "settings.rules[\(k)]"))
                }
                do { settings.rules = try RuleKind.parseList(names.joined(separator: ",")) } catch {
                    throw InputError(location: "settings.rules", error.message)
                }
            }
            if let level = try object.string("systemMetrics") {
                guard let parsed = SystemMetricsLevel(rawValue: level) else {
                    throw InputError(
                        location: "settings.systemMetrics", "\"\(level.prefix(40))\" is not full or light")
                }
                settings.systemMetrics = parsed
            }
            settings.stopAtEquilibrium = try object.bool("stopAtEquilibrium") ?? true
            if let profile = try object.string("profile") {
                do { try ProfileReference.checkName(profile) } catch {
                    throw InputError(location: "settings.profile", error.message)
                }
                settings.profile = profile
            }
        case .crisis:
            settings.attacker = try object.requiredString("attacker")
            settings.target = try object.requiredString("target")
            settings.opportunism = try object.bool("opportunism") ?? false
            if let runs = try object.integer("runs") {
                guard (1...1_000_000).contains(runs) else {
                    throw InputError(location: "settings.runs", "\(runs) is out of range; expected 1...1000000")
                }
                settings.runs = runs
            }
        }
        try object.rejectUnknownFields()
        return settings
    }
}
