@_spi(Internals) import AllianceGraph
@_spi(Internals) import AllianceGraphFormats

/// The tidy tables of a results store, as CSV or JSON Lines.
///
/// `runs.csv` / `runs.jsonl`: one row per run, ordered by run index, columns as in the store's
/// `runs` table (run, cell, replicate, seed, scenario, the varied parameters, the outcomes).
/// `rounds.csv` / `rounds.jsonl` (per-round outcomes only): one row per run and round, ordered
/// by run then round. Numbers in the locale-free shortest round-trip form (`NumberFormat`); a
/// missing value is `NA` in CSV and `null` in JSON. The bytes depend only on the stored values,
/// so the same experiment gives the same files whatever the worker count, sharding or
/// interruptions.
package enum ExperimentExport {
    package enum Format: String, CaseIterable, Sendable {
        case csv, jsonl
    }

    /// The export files of `store`: (file name, contents), runs first.
    package static func files(_ store: ExperimentStore, format: Format) throws(SQLiteError) -> [(String, String)] {
        var files = [("runs.\(format.rawValue)", try table(store, "SELECT * FROM runs ORDER BY run", format: format))]
        if try store.hasRounds() {
            files.append(
                (
                    "rounds.\(format.rawValue)",
                    try table(store, "SELECT * FROM rounds ORDER BY run, round", format: format)
                ))
        }
        return files
    }

    /// One table as text.
    package static func table(_ store: ExperimentStore, _ sql: String, format: Format) throws(SQLiteError) -> String {
        let statement = try store.database.prepare(sql)
        let names = (0..<statement.columnCount).map(statement.columnName)
        var out = format == .csv ? names.map(CSV.field).joined(separator: ",") + "\n" : ""
        while try statement.step() {
            let values = (0..<names.count).map(statement.column)
            out += format == .csv ? csvRow(values, names: names) : jsonRow(values, names: names)
            out += "\n"
        }
        return out
    }

    /// One row of `values` (columns `names`) as text, without the line end.
    package static func row(_ values: [SQLiteDatabase.Statement.Value], names: [String], format: Format) -> String {
        format == .csv ? csvRow(values, names: names) : jsonRow(values, names: names)
    }

    private static func csvRow(_ values: [SQLiteDatabase.Statement.Value], names: [String]) -> String {
        values.map { value -> String in
            switch value {
            case .null: return "NA"
            case .integer(let number): return String(number)
            case .real(let number): return NumberFormat.csv(number)
            case .text(let text): return CSV.field(text)
            }
        }.joined(separator: ",")
    }

    private static func jsonRow(_ values: [SQLiteDatabase.Statement.Value], names: [String]) -> String {
        let members = zip(names, values).map { name, value -> JSONMember in
            switch value {
            case .null: return JSONMember(key: name, value: .null)
            case .integer(let number):
                return JSONMember(key: name, value: .number(Double(number), text: String(number)))
            case .real(let number): return JSONMember(key: name, value: .number(number))
            case .text(let text):
                // The seed is a 64-bit unsigned integer: written as a JSON number, digits exact.
                if name == "seed", UInt64(text) != nil { return JSONMember(key: name, value: .number(0, text: text)) }
                return JSONMember(key: name, value: .string(text))
            }
        }
        return JSONWriter.serialize(.object(members), pretty: false)
    }
}
