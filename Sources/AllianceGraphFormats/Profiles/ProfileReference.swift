@_spi(Internals) import AllianceGraph
import Foundation

/// A parameter profile as a command names it with `--profile`: a built-in name (`defaults`,
/// `calibrated`: `ParameterProfile`) or the path of a profile file that `alliancectl calibrate
/// --output` writes.
///
/// A profile is an ordered list of `name=value` assignments, applied to the scenario's parameters
/// before any `--set`. The file is JSON (docs/FORMAT.md, "Profile files"):
///
///     {"format": "alliancegraph-profile/1", "name": "calibrated-k10",
///      "assignments": ["balancing.threshold=0.25", "balancing.share=0.25", "balancing.spiral=0.3"],
///      "fitted": {...}}
///
/// read strictly: unknown members, unknown parameter names and values out of range are input
/// errors naming the file and the member (`assignments[1]`); `fitted` (optional, any object) says
/// how the profile was obtained and is not read further.
package struct ProfileReference: Hashable, Sendable {
    package static let formatTag = "alliancegraph-profile/1"
    /// Profile files are small; a larger file is refused before it is read.
    package static let sizeLimit = 1 << 20

    package var name: String
    package var assignments: [String]
    /// The file it was read from (as given), nil for a built-in profile.
    package var path: String?
    /// FNV-1a 64 digest of the file's bytes (hex), nil for a built-in profile.
    package var digest: String?

    package init(name: String, assignments: [String], path: String? = nil, digest: String? = nil) {
        self.name = name
        self.assignments = assignments
        self.path = path
        self.digest = digest
    }

    /// The built-in profile.
    package init(_ profile: ParameterProfile) {
        self.init(name: profile.rawValue, assignments: profile.assignments)
    }

    /// `parameters` with the profile's assignments applied, in order.
    package func apply(to parameters: inout SimulationParameters) throws(InputError) {
        do { try parameters.apply(assignments) } catch {
            guard let path else { throw error }
            throw InputError(file: path, location: "assignments", error.description)
        }
    }

    /// Whether `reference` names a file rather than a built-in profile: it contains a slash or
    /// ends in `.json`.
    package static func namesFile(_ reference: String) -> Bool {
        reference.contains("/") || reference.hasSuffix(".json")
    }

    /// Checks a `--profile` value before anything is read: a built-in name, or a file path.
    /// Throws a usage message listing the built-in names.
    package static func checkName(_ reference: String) throws(InputError) {
        if namesFile(reference) || ParameterProfile(rawValue: reference) != nil { return }
        do { _ = try ParameterProfile.named(reference) } catch {
            throw InputError(
                location: "--profile", error.message + ", or the path of a profile file (ending in .json)")
        }
    }

    /// The profile `reference` names: a built-in profile, or the file at that path (relative
    /// paths are taken from `folder` when given, else from the working directory).
    package static func resolve(_ reference: String, relativeTo folder: URL? = nil) throws(InputError)
        -> ProfileReference
    {
        guard namesFile(reference) else { return ProfileReference(try ParameterProfile.named(reference)) }
        let resolved =
            reference.hasPrefix("/") || folder == nil
            ? reference : folder!.appendingPathComponent(reference).path
        let bytes = try FileInput.readBytes(path: resolved, limit: sizeLimit)
        do {
            var profile = try parse(bytes)
            profile.path = reference
            profile.digest = FNV1a64.hex(bytes)
            return profile
        } catch {
            throw error.file == nil ? error.inFile(reference) : error
        }
    }

    /// Reads a profile file's bytes (errors carry the member; the caller adds the file).
    package static func parse(_ bytes: [UInt8]) throws(InputError) -> ProfileReference {
        var object = try JSONObjectReader(try JSONParser.parse(bytes), path: "")
        let format = try object.requiredString("format")
        guard format == formatTag else {
            throw InputError(location: "format", "\"\(format.prefix(40))\" is not \"\(formatTag)\"")
        }
        let name = try object.requiredString("name")
        if name.isEmpty || name.count > 200 {
            throw InputError(location: "name", "expected 1 to 200 characters")
        }
        try AllianceNetwork.checkText(name, at: "name", lineBreaks: false)
        guard let list = try object.array("assignments") else {
            throw InputError(location: "assignments", "required field \"assignments\" is missing")
        }
        var assignments: [String] = []
        var probe = SimulationParameters()
        for (k, element) in list.enumerated() {
            let assignment = try JSONObjectReader.string(element, at: "assignments[\(k)]")
            do { try probe.apply([assignment]) } catch {
                throw InputError(location: "assignments[\(k)]", error.description)
            }
            assignments.append(assignment)
        }
        if let fitted = object.value("fitted") {
            guard case .object = fitted else {
                throw InputError(location: "fitted", "expected an object, found \(fitted.typeName)")
            }
        }
        try object.rejectUnknownFields()
        return ProfileReference(name: name, assignments: assignments)
    }

    /// The profile file for `name` and `assignments`, with `fitted` (how it was obtained) as its
    /// last member; what `parse` reads back.
    package static func document(name: String, assignments: [String], fitted: [JSONMember]) -> String {
        let members = [
            JSONMember(key: "format", value: .string(formatTag)), JSONMember(key: "name", value: .string(name)),
            JSONMember(key: "assignments", value: .array(assignments.map(JSONValue.string))),
            JSONMember(key: "fitted", value: .object(fitted)),
        ]
        return JSONWriter.serialize(.object(members)) + "\n"
    }
}
