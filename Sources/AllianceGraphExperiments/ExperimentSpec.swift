@_spi(Internals) import AllianceGraph
@_spi(Internals) import AllianceGraphFormats

/// An experiment file (`alliancegraph-experiment/1` JSON; docs/EXPERIMENTS.md): which scenarios,
/// which command, its fixed settings and parameters, the varied parameters, the replicates per
/// cell and the outcomes to record.
///
/// Read strictly: unknown fields and parameter names are errors with a "did you mean" hint, and
/// every error names its field (`parameters.transparency.step`).
package struct ExperimentSpec: Sendable {
    package static let formatTag = "alliancegraph-experiment/1"

    package var name: String
    package var command: ExperimentCommand
    /// Scenario paths as written (relative paths are relative to the spec file's folder).
    package var scenarios: [String]
    package var seed: UInt64
    package var replicates: Int
    package var settings: ExperimentSettings
    /// Parameters held at one value, in file order.
    package var fixed: [(name: String, value: Double)]
    /// Varied parameters, in file order (the column order of the results).
    package var parameters: [(name: String, domain: ParameterDomain)]
    package var sample: ParameterSample?
    /// The outcome names as written (`entry.*` not yet expanded).
    package var outcomes: [String]
    /// The whole document, echoed into experiment.json.
    package var document: JSONValue

    /// Parses the spec's bytes (errors carry JSON paths; the caller adds the file name).
    package static func parse(_ bytes: [UInt8]) throws(InputError) -> ExperimentSpec {
        let document = try JSONParser.parse(bytes)
        var object = try JSONObjectReader(document, path: "")
        let format = try object.requiredString("format")
        guard format == formatTag else {
            throw InputError(location: "format", "\"\(format.prefix(40))\" is not \"\(formatTag)\"")
        }
        let name = try object.string("name") ?? "experiment"
        let commandName = try object.requiredString("command")
        guard let command = ExperimentCommand(rawValue: commandName) else {
            let hint = NameSuggestion.hint(for: commandName, among: ExperimentCommand.allCases.map(\.rawValue))
            throw InputError(
                location: "command", "unknown command \"\(commandName.prefix(40))\"\(hint); expected simulate or crisis"
            )
        }
        let scenarios = try decodeScenarios(&object)
        let seed = try decodeSeed(object.value("seed"), at: "seed")
        let replicates = try object.integer("replicates") ?? 1
        guard (1...1_000_000_000).contains(replicates) else {
            throw InputError(location: "replicates", "\(replicates) is out of range; expected 1...1000000000")
        }
        let settings = try ExperimentSettings.decode(object.value("settings"), command: command)
        let fixed = try decodeFixed(object.value("fixed"), command: command)
        let parameters = try decodeParameters(object.value("parameters"), command: command)
        for (name, _) in parameters where fixed.contains(where: { $0.name == name }) {
            throw InputError(location: "parameters.\(name)", "\"\(name)\" is also in fixed; give it in one place")
        }
        let sample = try decodeSample(object.value("sample"))
        let sampled = parameters.contains { $0.domain.gridValues == nil }
        if sampled && sample == nil {
            throw InputError(
                location: "sample", "parameters with min/max need a sample: {\"method\", \"points\", \"seed\"}")
        }
        if !sampled && sample != nil {
            throw InputError(location: "sample", "no parameter has min/max, so there is nothing to sample")
        }
        var outcomes: [String] = []
        if let list = try object.array("outcomes") {
            guard !list.isEmpty else { throw InputError(location: "outcomes", "the list is empty") }
            for (k, element) in list.enumerated() {
                outcomes.append(try JSONObjectReader.string(element, at: "outcomes[\(k)]"))
            }
        } else {
            outcomes = command == .simulate ? ExperimentOutcome.simulateDefaults : ExperimentOutcome.crisisDefaults
        }
        try object.rejectUnknownFields()
        return ExperimentSpec(
            name: name, command: command, scenarios: scenarios, seed: seed, replicates: replicates,
            settings: settings, fixed: fixed, parameters: parameters, sample: sample, outcomes: outcomes,
            document: document)
    }

    private static func decodeScenarios(_ object: inout JSONObjectReader) throws(InputError) -> [String] {
        if let single = try object.string("scenario") {
            if object.has("scenarios") {
                throw InputError(location: "scenarios", "give \"scenario\" or \"scenarios\", not both")
            }
            return [single]
        }
        guard let list = try object.array("scenarios") else {
            throw InputError(location: "scenario", "required field \"scenario\" (or \"scenarios\") is missing")
        }
        guard !list.isEmpty else { throw InputError(location: "scenarios", "the list is empty") }
        var paths: [String] = []
        for (k, element) in list.enumerated() {
            paths.append(try JSONObjectReader.string(element, at: "scenarios[\(k)]"))
        }
        return paths
    }

    private static func decodeSeed(_ value: JSONValue?, at path: String) throws(InputError) -> UInt64 {
        guard let value else { return 0 }
        guard case .number(_, let text) = value, let seed = UInt64(text) else {
            throw InputError(location: path, "expected a whole number in 0...18446744073709551615")
        }
        return seed
    }

    private static func checkName(_ name: String, command: ExperimentCommand, at path: String) throws(InputError) {
        guard command.parameterNames.contains(name) else {
            let hint = NameSuggestion.hint(for: name, among: command.parameterNames)
            throw InputError(
                location: path,
                "unknown parameter \"\(name.prefix(60))\" for \(command.rawValue)\(hint); known: "
                    + command.parameterNames.joined(separator: ", "))
        }
    }

    private static func decodeFixed(_ value: JSONValue?, command: ExperimentCommand) throws(InputError)
        -> [(name: String, value: Double)]
    {
        guard let value else { return [] }
        guard case .object(let members) = value else {
            throw InputError(location: "fixed", "expected an object, found \(value.typeName)")
        }
        var fixed: [(name: String, value: Double)] = []
        for member in members {
            let path = "fixed.\(member.key)"
            try checkName(member.key, command: command, at: path)
            let number = try JSONObjectReader.number(member.value, at: path)
            if command.isInteger(member.key) && number != number.rounded() {
                throw InputError(location: path, "\(NumberFormat.json(number)) is not a whole number")
            }
            fixed.append((member.key, number))
        }
        return fixed
    }

    private static func decodeParameters(_ value: JSONValue?, command: ExperimentCommand) throws(InputError)
        -> [(name: String, domain: ParameterDomain)]
    {
        guard let value else { return [] }
        guard case .object(let members) = value else {
            throw InputError(location: "parameters", "expected an object, found \(value.typeName)")
        }
        var parameters: [(name: String, domain: ParameterDomain)] = []
        for member in members {
            let path = "parameters.\(member.key)"
            try checkName(member.key, command: command, at: path)
            let domain = try ParameterDomain.decode(member.value, path: path, integer: command.isInteger(member.key))
            parameters.append((member.key, domain))
        }
        return parameters
    }

    private static func decodeSample(_ value: JSONValue?) throws(InputError) -> ParameterSample? {
        guard let value else { return nil }
        var object = try JSONObjectReader(value, path: "sample")
        let methodName = try object.requiredString("method")
        guard let method = ParameterSample.Method(rawValue: methodName) else {
            let hint = NameSuggestion.hint(for: methodName, among: ParameterSample.Method.allCases.map(\.rawValue))
            throw InputError(
                location: "sample.method",
                "unknown method \"\(methodName.prefix(40))\"\(hint); expected random or latinHypercube")
        }
        guard let points = try object.integer("points"), (1...10_000_000).contains(points) else {
            throw InputError(location: "sample.points", "expected a whole number of points in 1...10000000")
        }
        let seed = try decodeSeed(object.value("seed"), at: "sample.seed")
        try object.rejectUnknownFields()
        return ParameterSample(method: method, points: points, seed: seed)
    }
}
