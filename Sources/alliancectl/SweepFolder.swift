@_spi(Internals) import AllianceGraph
import AllianceGraphExperiments
@_spi(Internals) import AllianceGraphFormats
import ArgumentParser
import Foundation

/// The output folder of a sweep or merge, and the checks on a store found in it.
enum SweepFolder {
    /// Creates `folder` when missing (registered with the output ledger, so an interruption
    /// removes it while empty); a file in its place is an error.
    static func create(_ folder: String) throws {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) {
            if !isFolder.boolValue { throw OutputError(path: folder, message: "is a file; --output names a folder") }
            return
        }
        OutputLedger.shared.created(folder: folder)
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw OutputError(path: folder, message: "can't create the folder: \(error.localizedDescription)")
        }
    }

    /// Checks that the store at `path` holds `experiment`'s `shard` (for `--resume`).
    static func checkBelongs(_ store: ExperimentStore, _ experiment: Experiment, shard: Shard, path: String) throws {
        let meta = try store.metadata()
        if meta["identity"] != experiment.identity {
            throw InputError(
                file: path, location: "experiment.identity",
                "the store belongs to experiment \(meta["identity"] ?? "?"), not to \(experiment.specPath) "
                    + "(\(experiment.identity)): the spec, a scenario or the profile file changed since it was started")
        }
        if meta["shard"] != String(shard.index) || meta["shards"] != String(shard.count) {
            throw InputError(
                file: path, location: "experiment.shard",
                "the store holds shard \(meta["shard"] ?? "?")/\(meta["shards"] ?? "?"), not \(shard)")
        }
    }
}

/// `reportingErrors` plus the store's errors: SQLite failures exit 1.
func reportingExperimentErrors(_ body: () throws -> Void) throws {
    try reportingErrors {
        do {
            try body()
        } catch let error as SQLiteError {
            Diagnostics.print("error: \(error)")
            throw ExitCode(ExitStatus.runtimeFailure)
        }
    }
}
