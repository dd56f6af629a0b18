@_spi(Internals) import AllianceGraph
@_spi(Internals) import AllianceGraphFormats
import Foundation

/// An experiment ready to run: its spec, its scenarios read and checked, its outcomes resolved
/// to columns and its run plan; every cell's parameters checked before any run starts.
package struct Experiment: Sendable {
    /// One scenario of the experiment: the path as written, the file's digest, the scenario and
    /// its network with the ties in force in the chosen year.
    package struct Input: Sendable {
        package var path: String
        /// The path the file was read from (relative paths resolved against the spec's folder).
        package var resolvedPath: String
        package var digest: String
        package var bytes: Int
        package var scenario: Scenario
        package var network: AllianceNetwork
        /// The crisis's attacker and target in this network.
        package var attacker: StateID?
        package var target: StateID?
    }

    package let spec: ExperimentSpec
    package let specPath: String
    /// FNV-1a 64 of the spec file's bytes.
    package let specDigest: String
    package let inputs: [Input]
    /// Outcomes recorded once per run, in column order.
    package let outcomes: [ExperimentOutcome]
    /// Indicators recorded after every round (the rounds table's columns), in spec order.
    package let roundIndicators: [SimulationIndicator]
    package let plan: RunPlan
    /// The profile of `settings.profile`, read (a file relative to the spec's folder); nil for none.
    package let profile: ProfileReference?

    /// The experiment's identity: a digest of the spec's and the scenarios' bytes. Shards of one
    /// experiment share it; `merge` refuses shards whose identities differ.
    package var identity: String {
        // A profile file is input too (a built-in profile is named in the spec's bytes).
        let parts = [specDigest] + inputs.map(\.digest) + (profile?.digest.map { ["profile:" + $0] } ?? [])
        return FNV1a64.hex(Array(parts.joined(separator: ",").utf8))
    }

    /// Reads the spec at `path` and everything it names. Errors name the spec file and the field.
    package static func load(path: String) throws(InputError) -> Experiment {
        let bytes = try FileInput.readBytes(path: path, limit: 64 << 20)
        let spec: ExperimentSpec
        do { spec = try ExperimentSpec.parse(bytes) } catch { throw error.inFile(path) }
        do {
            return try Experiment(spec: spec, path: path, bytes: bytes)
        } catch {
            throw error.file == nil ? error.inFile(path) : error
        }
    }

    init(spec: ExperimentSpec, path: String, bytes: [UInt8]) throws(InputError) {
        self.spec = spec
        specPath = path
        specDigest = FNV1a64.hex(bytes)
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        do {
            profile = try spec.settings.profile.map { reference throws(InputError) in
                try ProfileReference.resolve(reference, relativeTo: folder)
            }
        } catch {
            throw error.file == nil ? InputError(location: "settings.profile", error.message) : error
        }
        var inputs: [Input] = []
        for (k, relative) in spec.scenarios.enumerated() {
            let location =
                spec.scenarios.count == 1 && spec.document.hasKey("scenario") ? "scenario" : "scenarios[\(k)]"
            let resolved = relative.hasPrefix("/") ? relative : folder.appendingPathComponent(relative).path
            guard FileManager.default.fileExists(atPath: resolved) else {
                throw InputError(location: location, "no scenario file at \"\(relative)\" (looked for \(resolved))")
            }
            // Any file the commands read (scenario JSON, a snapshot, graph files), with its digest.
            let (scenario, digest) = try ScenarioLoader.loadWithDigest(path: resolved)
            var input = Input(
                path: relative, resolvedPath: resolved, digest: digest.fnv1a64, bytes: digest.byteCount,
                scenario: scenario,
                network: scenario.activeNetwork(year: spec.settings.year))
            if spec.command == .crisis {
                input.attacker = try Self.state(spec.settings.attacker, "settings.attacker", input, relative)
                input.target = try Self.state(spec.settings.target, "settings.target", input, relative)
                if input.attacker == input.target {
                    throw InputError(location: "settings.target", "the attacker and the target must differ")
                }
            }
            inputs.append(input)
        }
        self.inputs = inputs
        let resolved = try Self.resolveOutcomes(spec, first: inputs[0].network, all: inputs)
        outcomes = resolved.filter { !$0.isPerRound }
        roundIndicators = resolved.compactMap {
            if case .perRound(let indicator) = $0 { return indicator }
            return nil
        }
        plan = try RunPlan(spec: spec)
        try checkCells()
    }

    private static func state(_ code: String, _ field: String, _ input: Input, _ path: String) throws(InputError)
        -> StateID
    {
        if let id = input.network.id(forCode: code) { return id }
        let hint = NameSuggestion.hint(for: code, among: input.network.states.map(\.code))
        throw InputError(location: field, "no state \"\(code.prefix(40))\" in \(path)\(hint)")
    }

    /// The spec's outcome names as outcomes (`entry.*` expanded over the first scenario's states).
    private static func resolveOutcomes(_ spec: ExperimentSpec, first: AllianceNetwork, all: [Input])
        throws(InputError) -> [ExperimentOutcome]
    {
        var result: [ExperimentOutcome] = []
        for (k, name) in spec.outcomes.enumerated() {
            let path = "outcomes[\(k)]"
            let parts = name.split(separator: ".", maxSplits: 1).map(String.init)
            var found: [ExperimentOutcome] = []
            switch spec.command {
            case .simulate:
                if name == "roundsRun" { found = [.roundsRun] }
                if name == "equilibrium" { found = [.equilibrium] }
                if parts.count == 2, SimulationIndicator.names.contains(parts[1]) {
                    let indicator = SimulationIndicator(name: parts[1])
                    if parts[0] == "final" { found = [.final(indicator)] }
                    if parts[0] == "rounds" { found = [.perRound(indicator)] }
                    if !found.isEmpty && SimulationIndicator.fullOnly.contains(parts[1])
                        && spec.settings.systemMetrics == .light
                    {
                        throw InputError(location: path, "\(name) needs settings.systemMetrics \"full\"")
                    }
                }
            case .crisis:
                if let measure = CrisisMeasure(rawValue: name) { found = [.crisis(measure)] }
                let sides: [String: CrisisSide?] = ["entry": nil, "sideA": .a, "sideB": .b]
                if parts.count == 2, let side = sides[parts[0]] {
                    let codes = parts[1] == "*" ? first.states.map(\.code) : [parts[1]]
                    for code in codes {
                        for input in all where input.network.id(forCode: code) == nil {
                            let hint = NameSuggestion.hint(for: code, among: input.network.states.map(\.code))
                            throw InputError(location: path, "no state \"\(code.prefix(40))\" in \(input.path)\(hint)")
                        }
                        found.append(.entry(code: code, side: side))
                    }
                }
            }
            guard !found.isEmpty else {
                let catalogue = ExperimentOutcome.catalogue(spec.command)
                let hint = NameSuggestion.hint(for: name, among: catalogue)
                throw InputError(
                    location: path,
                    "unknown outcome \"\(name.prefix(60))\" for \(spec.command.rawValue)\(hint); known: "
                        + catalogue.joined(separator: ", "))
            }
            for outcome in found where result.contains(outcome) {
                throw InputError(location: path, "\(outcome.name) is listed twice")
            }
            result += found
        }
        return result
    }

    /// Checks the parameters of every cell (a range or sample may leave a parameter's domain).
    private func checkCells() throws(InputError) {
        for c in 0..<plan.cellCount {
            let cell = plan.cell(c)
            do {
                _ = try RunExecutor.configure(self, scenario: cell.scenario, values: cell.values)
            } catch {
                let described = zip(plan.columns, cell.values).map { "\($0.0.name)=\(NumberFormat.json($0.1))" }
                let at = described.isEmpty ? "" : " (cell \(c): \(described.joined(separator: ", ")))"
                var name = error.location ?? ""
                if name.hasPrefix("parameters.") { name.removeFirst("parameters.".count) }
                let field =
                    plan.columns.contains { $0.name == name }
                    ? "parameters.\(name)" : spec.fixed.contains { $0.name == name } ? "fixed.\(name)" : "parameters"
                throw InputError(location: field, error.message + at)
            }
        }
    }
}

extension JSONValue {
    /// Whether this is an object with a member `key`.
    func hasKey(_ key: String) -> Bool {
        if case .object(let members) = self { return members.contains { $0.key == key } }
        return false
    }
}
