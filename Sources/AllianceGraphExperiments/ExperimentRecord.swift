@_spi(Internals) import AllianceGraph
@_spi(Internals) import AllianceGraphFormats

/// `experiment.json`: what an experiment's results are the results of.
///
/// Members: `format` (`alliancegraph-experiment-record/1`), `version` (of AllianceGraph),
/// `identity` (digest of the spec and scenario bytes, shared by all shards), `spec` (file name,
/// FNV-1a 64 digest, and the whole spec document), `scenarios` (file, name, bytes, digest),
/// `runs`, `cells`, `replicates`, `columns` (of the runs table) and `roundColumns`, then
/// `exports` (each exported file's bytes and digest) once a table is exported. Nothing in it
/// depends on the worker count, the sharding or the time, so a merged experiment's record is
/// byte-identical to a single run's.
package enum ExperimentRecord {
    package static let formatTag = "alliancegraph-experiment-record/1"

    /// The record of `experiment` without exports (stored in each results database).
    package static func json(_ experiment: Experiment) -> String {
        let spec = experiment.spec
        let file = experiment.specPath.split(separator: "/").last.map(String.init) ?? experiment.specPath
        let head: [JSONMember] = [
            JSONMember(key: "format", value: .string(formatTag)),
            JSONMember(key: "version", value: .string(AllianceGraphVersion.string)),
            JSONMember(key: "identity", value: .string(experiment.identity)),
            JSONMember(
                key: "spec",
                value: .object([
                    JSONMember(key: "file", value: .string(file)),
                    JSONMember(key: "fnv1a64", value: .string(experiment.specDigest)),
                    JSONMember(key: "document", value: spec.document),
                ])),
            JSONMember(
                key: "scenarios",
                value: .array(
                    experiment.inputs.map { input in
                        .object([
                            JSONMember(key: "file", value: .string(input.path)),
                            JSONMember(key: "name", value: .string(input.scenario.name)),
                            JSONMember(key: "bytes", value: .integer(input.bytes)),
                            JSONMember(key: "fnv1a64", value: .string(input.digest)),
                        ])
                    })),
        ]
        var profile: [JSONMember] = []
        if let reference = experiment.profile {
            var fields = [
                JSONMember(key: "name", value: .string(reference.name)),
                JSONMember(key: "assignments", value: .array(reference.assignments.map(JSONValue.string))),
            ]
            if let path = reference.path, let digest = reference.digest {
                fields += [
                    JSONMember(key: "file", value: .string(path)), JSONMember(key: "fnv1a64", value: .string(digest)),
                ]
            }
            profile = [JSONMember(key: "profile", value: .object(fields))]
        }
        let members: [JSONMember] =
            head + profile + [
                JSONMember(key: "runs", value: .integer(experiment.plan.runCount)),
                JSONMember(key: "cells", value: .integer(experiment.plan.cellCount)),
                JSONMember(key: "replicates", value: .integer(experiment.plan.replicates)),
                JSONMember(
                    key: "columns",
                    value: .array(
                        (["run", "cell", "replicate", "seed", "scenario"] + experiment.plan.columns.map(\.name)
                            + experiment.outcomes.map(\.name)).map { .string($0) })),
                JSONMember(
                    key: "roundColumns",
                    value: .array(
                        (experiment.roundIndicators.isEmpty
                            ? [] : ["run", "round"] + experiment.roundIndicators.map(\.name))
                            .map { .string($0) })),
            ]
        return JSONWriter.serialize(.object(members))
    }

    /// The stored record with `exports` (file name, contents) added: their bytes and digests.
    package static func withExports(_ record: String, _ exports: [(String, String)]) throws(InputError) -> String {
        guard case .object(var members) = try JSONParser.parse(Array(record.utf8)) else { return record }
        if !exports.isEmpty {
            members.append(
                JSONMember(
                    key: "exports",
                    value: .object(
                        exports.map { name, contents in
                            JSONMember(
                                key: name,
                                value: .object([
                                    JSONMember(key: "bytes", value: .integer(contents.utf8.count)),
                                    JSONMember(key: "fnv1a64", value: .string(FNV1a64.hex(contents.utf8))),
                                ]))
                        })))
        }
        return JSONWriter.serialize(.object(members))
    }
}
