@_spi(Internals) import AllianceGraph
import Foundation

/// Merging shard stores into one: checks first, then one new database.
///
/// `check` refuses (as `InputError`, exit 65) files that are not results stores, shards of
/// different experiments or of different shard counts, a shard given twice (the same file, or
/// two files for one index), missing shards, and incomplete shards (a shard must hold exactly
/// its runs: `run mod N = K`, all of them). `merge` copies every shard's rows into a new store
/// (shard 0/1); the exported table is then byte-identical to an unsharded run's.
package enum ExperimentMerge {
    /// One checked shard.
    package struct ShardFile: Sendable {
        package var path: String
        package var shard: Shard
        package var identity: String
        package var runs: Int
        package var record: String
    }

    /// Checks that `paths` are the shards of one experiment, each complete, covering it once.
    package static func check(_ paths: [String]) throws(InputError) -> [ShardFile] {
        guard !paths.isEmpty else { throw InputError(location: "shards", "no shard files given") }
        var files: [ShardFile] = []
        var seen: [String: String] = [:]
        for path in paths {
            let real = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
            if let earlier = seen[real] {
                throw InputError(file: path, "the same file is given twice (as \(earlier) and \(path))")
            }
            seen[real] = path
            files.append(try read(path))
        }
        let first = files[0]
        for file in files.dropFirst() {
            if file.identity != first.identity {
                throw InputError(
                    file: file.path,
                    "belongs to experiment \(file.identity), but \(first.path) to \(first.identity): "
                        + "not shards of one experiment")
            }
            if file.shard.count != first.shard.count || file.runs != first.runs {
                throw InputError(
                    file: file.path,
                    "is shard \(file.shard) of \(file.runs) runs, but \(first.path) is shard \(first.shard) "
                        + "of \(first.runs)")
            }
        }
        let count = first.shard.count
        var byIndex: [Int: [String]] = [:]
        for file in files { byIndex[file.shard.index, default: []].append(file.path) }
        let doubled = byIndex.filter { $0.value.count > 1 }.sorted { $0.key < $1.key }
        let missing = (0..<count).filter { byIndex[$0] == nil }
        var problems: [String] = []
        for (index, holders) in doubled {
            problems.append("shard \(index)/\(count) given twice (\(holders.joined(separator: ", ")))")
        }
        if !missing.isEmpty {
            let names = missing.map { "\($0)/\(count)" }.joined(separator: ", ")
            problems.append("missing shard\(missing.count == 1 ? "" : "s") \(names)")
        }
        guard problems.isEmpty else { throw InputError(location: "shards", problems.joined(separator: "; ")) }
        return files.sorted { $0.shard.index < $1.shard.index }
    }

    /// Reads one shard's metadata and checks that it is complete.
    private static func read(_ path: String) throws(InputError) -> ShardFile {
        guard FileManager.default.fileExists(atPath: path) else { throw InputError(file: path, "no such file") }
        do {
            let store = try ExperimentStore.open(path: path, readOnly: true)
            let meta = try store.metadata()
            guard let runs = Int(meta["runs"] ?? ""), let index = Int(meta["shard"] ?? ""),
                let count = Int(meta["shards"] ?? ""), let identity = meta["identity"], let record = meta["record"]
            else { throw InputError(file: path, "the experiment table is incomplete") }
            let shard = Shard(index: index, count: count)
            let statement = try store.database.prepare(
                "SELECT count(*), coalesce(sum(run % ?1 != ?2 OR run < 0 OR run >= ?3), 0) FROM runs")
            try statement.bind([.integer(Int64(count)), .integer(Int64(index)), .integer(Int64(runs))])
            _ = try statement.step()
            let stored = Int(statement.integer(0)), foreign = Int(statement.integer(1))
            if foreign > 0 {
                throw InputError(file: path, "holds \(foreign) runs that are not shard \(shard)'s")
            }
            let expected = shard.size(of: runs)
            if stored != expected {
                throw InputError(
                    file: path,
                    "shard \(shard) is incomplete: \(expected - stored) of its \(expected) runs are missing; "
                        + "finish it with alliancectl sweep --shard \(shard) --resume")
            }
            return ShardFile(path: path, shard: shard, identity: identity, runs: runs, record: record)
        } catch let error as SQLiteError {
            throw InputError(file: path, "not a readable results database: \(error.message)")
        } catch let error as InputError {
            throw error
        } catch {
            throw InputError(file: path, "\(error)")
        }
    }

    /// Writes the merged store of the checked `shards` to `path` (which must not exist).
    package static func merge(_ shards: [ShardFile], into path: String) throws(SQLiteError) -> ExperimentStore {
        let first = try ExperimentStore.open(path: shards[0].path, readOnly: true)
        let schema = try first.database.prepare(
            "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name IN ('experiment', 'runs', 'rounds')")
        var tables: [(String, String)] = []
        while try schema.step() { tables.append((schema.text(0), schema.text(1))) }
        let db = try SQLiteDatabase(path: path, create: true)
        try db.execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL")
        try db.transaction { () throws(SQLiteError) in
            for (_, sql) in tables { try db.execute(sql) }
        }
        for file in shards {
            let attach = try db.prepare("ATTACH DATABASE ? AS shard")
            try attach.run([.text(file.path)])
            try db.transaction { () throws(SQLiteError) in
                for (name, _) in tables where name != "experiment" {
                    try db.execute("INSERT INTO main.\(name) SELECT * FROM shard.\(name)")
                }
                if file.shard.index == 0 {
                    try db.execute(
                        "INSERT INTO main.experiment SELECT key, CASE key WHEN 'shard' THEN '0' WHEN 'shards' THEN '1' "
                            + "ELSE value END FROM shard.experiment")
                }
            }
            try db.execute("DETACH DATABASE shard")
        }
        return try ExperimentStore.open(path: path)
    }
}
