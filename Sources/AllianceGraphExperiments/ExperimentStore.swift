@_spi(Internals) import AllianceGraph
@_spi(Internals) import AllianceGraphFormats

/// The results database of a sweep or of one shard: SQLite, one row per run, committed run by
/// run (one transaction each), in WAL mode so that other processes (the `sqlite3` shell, R,
/// pandas) can read it while the sweep writes.
///
/// Tables:
/// - `experiment(key, value)`: `format` (`alliancegraph-results/1`), `identity` (the
///   experiment's digest), `runs` (runs in the whole plan), `shard` and `shards` (this file's
///   slice, `0` and `1` when unsharded), `record` (the experiment.json body), `version`.
/// - `runs(run, cell, replicate, seed, scenario, <parameters>, <outcomes>)`: `run` is the
///   primary key; `seed` is text (a 64-bit unsigned decimal); parameters and outcomes are REAL,
///   NULL where undefined (SQLite stores no NaN).
/// - `rounds(run, round, <indicators>)`: only when the spec asks for per-round outcomes.
package final class ExperimentStore {
    package static let formatTag = "alliancegraph-results/1"
    package let database: SQLiteDatabase
    private var insertRun: SQLiteDatabase.Statement?
    private var insertRound: SQLiteDatabase.Statement?

    private init(database: SQLiteDatabase) {
        self.database = database
    }

    /// A double-quoted SQL identifier.
    static func quoted(_ name: String) -> String { "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

    /// Creates a new store at `path` for `experiment`'s `shard`.
    package static func create(path: String, experiment: Experiment, shard: Shard, record: String) throws(SQLiteError)
        -> ExperimentStore
    {
        let store = ExperimentStore(database: try SQLiteDatabase(path: path, create: true))
        let db = store.database
        try db.execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL")
        let values = (experiment.plan.columns.map(\.name) + experiment.outcomes.map(\.name)).map {
            quoted($0) + " REAL"
        }
        try db.transaction { () throws(SQLiteError) in
            try db.execute("CREATE TABLE experiment (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
            try db.execute(
                "CREATE TABLE runs (run INTEGER PRIMARY KEY, cell INTEGER NOT NULL, replicate INTEGER NOT NULL, "
                    + "seed TEXT NOT NULL, scenario TEXT NOT NULL"
                    + values.map { ", " + $0 }.joined() + ")")
            if !experiment.roundIndicators.isEmpty {
                try db.execute(
                    "CREATE TABLE rounds (run INTEGER NOT NULL, round INTEGER NOT NULL"
                        + experiment.roundIndicators.map { ", " + quoted($0.name) + " REAL" }.joined()
                        + ", PRIMARY KEY (run, round)) WITHOUT ROWID")
            }
            let meta = try db.prepare("INSERT INTO experiment (key, value) VALUES (?, ?)")
            let entries = [
                ("format", formatTag), ("identity", experiment.identity), ("runs", String(experiment.plan.runCount)),
                ("shard", String(shard.index)), ("shards", String(shard.count)), ("record", record),
                ("version", AllianceGraphVersion.string),
            ]
            for (key, value) in entries { try meta.run([.text(key), .text(value)]) }
        }
        return store
    }

    /// Opens an existing store (read-write, or read-only for merging and checking).
    package static func open(path: String, readOnly: Bool = false) throws(SQLiteError) -> ExperimentStore {
        let store = ExperimentStore(database: try SQLiteDatabase(path: path, readOnly: readOnly))
        if !readOnly { try store.database.execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL") }
        return store
    }

    /// The `experiment` table as a dictionary; throws when the file is not a results store.
    package func metadata() throws(SQLiteError) -> [String: String] {
        let statement: SQLiteDatabase.Statement
        do {
            statement = try database.prepare("SELECT key, value FROM experiment")
        } catch {
            throw SQLiteError(path: database.path, code: error.code, message: "not an alliancectl results database")
        }
        var result: [String: String] = [:]
        while try statement.step() { result[statement.text(0)] = statement.text(1) }
        guard result["format"] == Self.formatTag, result["identity"] != nil, result["runs"] != nil else {
            throw SQLiteError(path: database.path, code: 0, message: "not an alliancectl results database")
        }
        return result
    }

    /// The runs already stored, ascending.
    package func storedRuns() throws(SQLiteError) -> [Int] {
        let statement = try database.prepare("SELECT run FROM runs ORDER BY run")
        var runs: [Int] = []
        while try statement.step() { runs.append(Int(statement.integer(0))) }
        return runs
    }

    /// Stores one run (and its rounds) in one transaction. A run already stored is left as it is:
    /// a run's values depend on its index alone, so a second copy (from a worker process that
    /// outlived its killed parent while a resumed sweep ran the same run) is the same row.
    package func insert(_ result: RunResult, scenario: String) throws(SQLiteError) {
        let planned = result.planned
        if insertRun == nil {
            let count = 5 + planned.values.count + result.outcomes.count
            insertRun = try database.prepare(
                "INSERT OR IGNORE INTO runs VALUES (" + Array(repeating: "?", count: count).joined(separator: ", ")
                    + ")")
        }
        if insertRound == nil, let first = result.rounds.first {
            insertRound = try database.prepare(
                "INSERT OR IGNORE INTO rounds VALUES ("
                    + Array(repeating: "?", count: 2 + first.count).joined(separator: ", ")
                    + ")")
        }
        try database.transaction { () throws(SQLiteError) in
            try insertRun!.run(
                [
                    .integer(Int64(planned.run)), .integer(Int64(planned.cell)), .integer(Int64(planned.replicate)),
                    .text(String(planned.seed)), .text(scenario),
                ] + (planned.values + result.outcomes).map { .real($0) })
            for (round, values) in result.rounds.enumerated() {
                try insertRound!.run([.integer(Int64(planned.run)), .integer(Int64(round))] + values.map { .real($0) })
            }
        }
    }

    /// Whether the store has a rounds table.
    package func hasRounds() throws(SQLiteError) -> Bool {
        let statement = try database.prepare(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'rounds'")
        _ = try statement.step()
        return statement.integer(0) > 0
    }
}
