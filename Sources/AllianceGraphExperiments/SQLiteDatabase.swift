import CSQLite

/// A failed SQLite call: the database file, what was being done and SQLite's own message.
package struct SQLiteError: Error, CustomStringConvertible, Sendable {
    package var path: String
    package var code: Int32
    package var message: String
    package var description: String { "\(path): \(message) (SQLite code \(code))" }
}

/// One open SQLite database: the single owner of a `sqlite3*` handle, closed in `deinit`.
///
/// A thin internal wrapper over the system libsqlite3: prepared statements (`Statement`), typed
/// errors (`SQLiteError`), and `transaction(_:)`, which commits a block or rolls it back. Not
/// thread-safe by itself: callers serialise access (the sweep writes from one lock).
package final class SQLiteDatabase {
    package let path: String
    private let handle: OpaquePointer

    /// Opens (or, with `create`, creates) the database at `path`; `readOnly` opens it for reading.
    package init(path: String, create: Bool = false, readOnly: Bool = false) throws(SQLiteError) {
        self.path = path
        var db: OpaquePointer?
        let flags =
            readOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0))
        let status = sqlite3_open_v2(path, &db, flags | SQLITE_OPEN_NOMUTEX, nil)
        guard status == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "can't open the database"
            if let db { sqlite3_close_v2(db) }
            throw SQLiteError(path: path, code: status, message: message)
        }
        handle = db
        sqlite3_busy_timeout(db, 10_000)
    }

    deinit { sqlite3_close_v2(handle) }

    /// Runs one or more statements without results (schema, pragmas).
    package func execute(_ sql: String) throws(SQLiteError) {
        var error: UnsafeMutablePointer<CChar>?
        let status = sqlite3_exec(handle, sql, nil, nil, &error)
        if status != SQLITE_OK {
            let message = error.map { String(cString: $0) } ?? "error"
            sqlite3_free(error)
            throw SQLiteError(path: path, code: status, message: "\(message) in \(sql.prefix(80))")
        }
    }

    /// A prepared statement for `sql`.
    package func prepare(_ sql: String) throws(SQLiteError) -> Statement {
        var statement: OpaquePointer?
        let status = sqlite3_prepare_v2(handle, sql, -1, &statement, nil)
        guard status == SQLITE_OK, let statement else { throw failure(status, sql) }
        return Statement(database: self, handle: statement, sql: sql)
    }

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    package func transaction<T>(_ body: () throws(SQLiteError) -> T) throws(SQLiteError) -> T {
        try execute("BEGIN IMMEDIATE")
        do {
            let value = try body()
            try execute("COMMIT")
            return value
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    func failure(_ status: Int32, _ sql: String) -> SQLiteError {
        SQLiteError(
            path: path, code: status, message: "\(String(cString: sqlite3_errmsg(handle))) in \(sql.prefix(80))")
    }

    /// One prepared statement, finalised in `deinit`. Bind with `bind`, then `step` for each row
    /// (or `run` for a statement without results); `reset` before reusing it.
    package final class Statement {
        let database: SQLiteDatabase
        let handle: OpaquePointer
        let sql: String

        init(database: SQLiteDatabase, handle: OpaquePointer, sql: String) {
            self.database = database
            self.handle = handle
            self.sql = sql
        }

        deinit { sqlite3_finalize(handle) }

        /// A value to bind: NULL, a 64-bit integer, a double or text.
        package enum Value: Hashable, Sendable {
            case null
            case integer(Int64)
            case real(Double)
            case text(String)
        }

        /// Binds `values` to parameters 1, 2, ... (non-finite doubles are bound as NULL).
        package func bind(_ values: [Value]) throws(SQLiteError) {
            sqlite3_reset(handle)
            sqlite3_clear_bindings(handle)
            for (offset, value) in values.enumerated() {
                let index = Int32(offset + 1)
                let status: Int32
                switch value {
                case .null: status = sqlite3_bind_null(handle, index)
                case .integer(let number): status = sqlite3_bind_int64(handle, index, number)
                case .real(let number):
                    status =
                        number.isFinite ? sqlite3_bind_double(handle, index, number) : sqlite3_bind_null(handle, index)
                case .text(let text):
                    status = sqlite3_bind_text(handle, index, text, -1, allianceGraphSQLiteTransient())
                }
                if status != SQLITE_OK { throw database.failure(status, sql) }
            }
        }

        /// Advances to the next row: true while there is one.
        package func step() throws(SQLiteError) -> Bool {
            let status = sqlite3_step(handle)
            if status == SQLITE_ROW { return true }
            if status == SQLITE_DONE { return false }
            throw database.failure(status, sql)
        }

        /// Binds `values` and runs the statement to its end.
        package func run(_ values: [Value] = []) throws(SQLiteError) {
            try bind(values)
            while try step() {}
        }

        package var columnCount: Int { Int(sqlite3_column_count(handle)) }

        package func columnName(_ index: Int) -> String { String(cString: sqlite3_column_name(handle, Int32(index))) }

        /// Column `index` of the current row (integers as `.integer`, reals as `.real`).
        package func column(_ index: Int) -> Value {
            let i = Int32(index)
            switch sqlite3_column_type(handle, i) {
            case SQLITE_INTEGER: return .integer(sqlite3_column_int64(handle, i))
            case SQLITE_FLOAT: return .real(sqlite3_column_double(handle, i))
            case SQLITE_NULL: return .null
            default: return .text(String(cString: sqlite3_column_text(handle, i)))
            }
        }

        package func integer(_ index: Int) -> Int64 { sqlite3_column_int64(handle, Int32(index)) }

        package func text(_ index: Int) -> String {
            guard let text = sqlite3_column_text(handle, Int32(index)) else { return "" }
            return String(cString: text)
        }
    }
}
