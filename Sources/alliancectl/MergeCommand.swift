@_spi(Internals) import AllianceGraph
import AllianceGraphExperiments
@_spi(Internals) import AllianceGraphFormats
import ArgumentParser
import Foundation

/// `alliancectl merge SHARD... -o DIR`: checks that shard stores cover one experiment exactly
/// once and merges them into DIR/results.sqlite (and exports).
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge the shard stores of a sweep (alliancectl sweep --shard K/N) into one.",
        discussion: """
            Each SHARD is a shard-K-of-N.sqlite file, or a folder whose shard-*-of-*.sqlite files are \
            taken. The shards must belong to one experiment, each complete, every K from 0 to N-1 exactly \
            once; otherwise merge names the missing, doubled or foreign shards, exits 65 and writes \
            nothing. Writes DIR/results.sqlite and DIR/experiment.json, and with --export the tables, \
            byte-identical to an unsharded sweep's.
            """
    )

    @Argument(help: ArgumentHelp("Shard stores, or folders holding them.", valueName: "shard"))
    var shards: [String]

    @Option(
        name: .shortAndLong, help: ArgumentHelp("Folder for the merged store (created if missing).", valueName: "dir"))
    var output: String

    @Option(help: "Also export the merged table: csv or jsonl.")
    var export: ExperimentExport.Format?

    @Flag(name: .shortAndLong, help: "Print no notes on standard error.")
    var quiet = false

    func validate() throws {
        if shards.isEmpty { throw ValidationError("Give at least one shard file or folder.") }
    }

    func run() throws {
        try reportingExperimentErrors {
            let paths = try expand(shards)
            let checked = try ExperimentMerge.check(paths)
            let base = URL(fileURLWithPath: output)
            let destination = base.appendingPathComponent("results.sqlite").path
            if FileManager.default.fileExists(atPath: destination) {
                throw ValidationError("\(destination) exists: remove it, or merge into another folder.")
            }
            try SweepFolder.create(output)
            // Built under a temporary name and renamed last, so a failure leaves no results.sqlite.
            let temporary = base.appendingPathComponent(".results.sqlite.merging-\(getpid())").path
            defer {
                for suffix in ["", "-wal", "-shm"] { unlink(temporary + suffix) }
            }
            var files: [(String, String)] = []
            do {
                let store = try ExperimentMerge.merge(checked, into: temporary)
                if let export { files = try ExperimentExport.files(store, format: export) }
                try store.database.execute("PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode=DELETE")
            }
            let record = try ExperimentRecord.withExports(checked[0].record, files)
            try FileOutput.writeAll(
                (files + [("experiment.json", record)]).map { (base.appendingPathComponent($0.0).path, $0.1) })
            guard rename(temporary, destination) == 0 else {
                throw OutputError(path: destination, message: "can't rename the merged store into place")
            }
            if !quiet {
                Diagnostics.print(
                    "merged \(checked.count) shards (\(checked[0].runs) runs) into \(destination)"
                        + files.map { ", \(output)/\($0.0)" }.joined())
            }
        }
    }

    /// Files as given; folders replaced by their `shard-*-of-*.sqlite` files (sorted).
    private func expand(_ arguments: [String]) throws -> [String] {
        var paths: [String] = []
        for argument in arguments {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: argument, isDirectory: &isFolder), isFolder.boolValue {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: argument)) ?? []
                let found = names.filter { $0.hasPrefix("shard-") && $0.hasSuffix(".sqlite") }.sorted()
                if found.isEmpty { throw InputError(file: argument, "no shard-*-of-*.sqlite files in this folder") }
                paths += found.map { URL(fileURLWithPath: argument).appendingPathComponent($0).path }
            } else {
                paths.append(argument)
            }
        }
        return paths
    }
}
