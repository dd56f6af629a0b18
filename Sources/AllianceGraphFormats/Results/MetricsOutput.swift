@_spi(Internals) import AllianceGraph
/// Writes a `MetricsReport` as a table for people, tidy CSV or JSON for programs.
package enum MetricsOutput {
    /// JSON: `{"states": [{"code": ..., "name": ..., "<metric>": ...}], "system": {...}}`.
    /// NaN values are written as `null`. With `similarityMatrix`, a top-level
    /// `"similarity": {"codes": [...], "matrix": [[...]]}` follows.
    public static func json(
        _ report: MetricsReport, extra: [(String, String)] = [],
        similarityMatrix: [[Double]]? = nil
    ) -> String {
        var states: [JSONValue] = []
        for (row, code) in report.codes.enumerated() {
            var members = [
                JSONMember(key: "code", value: .string(code)),
                JSONMember(key: "name", value: .string(report.names[row])),
            ]
            for column in report.stateColumns {
                members.append(JSONMember(key: column.definition.name, value: jsonValue(column.values[row])))
            }
            states.append(.object(members))
        }
        var system: [JSONMember] = extra.map { JSONMember(key: $0.0, value: .string($0.1)) }
        for entry in report.systemValues {
            system.append(JSONMember(key: entry.definition.name, value: jsonValue(entry.value)))
        }
        var root = [
            JSONMember(key: "states", value: .array(states)), JSONMember(key: "system", value: .object(system)),
        ]
        if let similarityMatrix {
            root.append(
                JSONMember(
                    key: "similarity",
                    value: .object([
                        JSONMember(key: "codes", value: .array(report.codes.map { .string($0) })),
                        JSONMember(
                            key: "matrix", value: .array(similarityMatrix.map { .array($0.map { .number($0) }) })),
                    ])))
        }
        return JSONWriter.serialize(.object(root))
    }

    /// The portfolio-similarity matrix as CSV: `code,<code>...`, one row per state.
    public static func similarityCSV(codes: [String], matrix: [[Double]]) -> String {
        var lines = [(["code"] + codes).map(CSV.field).joined(separator: ",")]
        for (i, code) in codes.enumerated() {
            lines.append(([CSV.field(code)] + matrix[i].map(NumberFormat.csv)).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The portfolio-similarity matrix as a table for people (3 decimals).
    public static func similarityTable(codes: [String], matrix: [[Double]]) -> String {
        var table = TextTable(headers: ["S"] + codes, alignments: [.left] + codes.map { _ in .right })
        for (i, code) in codes.enumerated() {
            table.append([code] + matrix[i].map { NumberFormat.fixed($0, digits: 3) })
        }
        return "Alliance-portfolio similarity S (Signorino & Ritter 1999; valued ties, unweighted):\n" + table.render()
    }

    /// Tidy CSV of the state metrics: one row per state, `code,name,<metric>...`; NaN as `NA`.
    public static func stateCSV(_ report: MetricsReport) -> String {
        var lines = [
            (["code", "name"] + report.stateColumns.map(\.definition.name)).map(CSV.field).joined(separator: ",")
        ]
        for (row, code) in report.codes.enumerated() {
            var cells = [CSV.field(code), CSV.field(report.names[row])]
            for column in report.stateColumns { cells.append(csvCell(column.values[row])) }
            lines.append(cells.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Tidy CSV of the system metrics: `metric,value`, one row per metric.
    public static func systemCSV(_ report: MetricsReport) -> String {
        var lines = ["metric,value"]
        for entry in report.systemValues { lines.append("\(entry.definition.name),\(csvCell(entry.value))") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A table for people: one row per state (in network order) with a legend of the columns,
    /// then the system metrics grouped by theme with their definitions. Reals are printed with
    /// a fixed number of decimals per column, enough for two significant digits of the column's
    /// smallest non-zero value (3 to 6); `-` is NaN (e.g. the closeness of a state without allies).
    public static func table(_ report: MetricsReport, title: String? = nil) -> String {
        var out = ""
        if let title { out += TextTable.printable(title) + "\n\n" }
        if !report.stateColumns.isEmpty {
            var table = TextTable(
                headers: ["code", "name"] + report.stateColumns.map(\.definition.name),
                alignments: [.left, .left] + report.stateColumns.map { _ in .right })
            let decimals = report.stateColumns.map { columnDecimals($0.values) }
            for (row, code) in report.codes.enumerated() {
                table.append(
                    [code, String(report.names[row].prefix(24))]
                        + report.stateColumns.indices.map {
                            tableCell(report.stateColumns[$0].values[row], decimals: decimals[$0])
                        })
            }
            out += table.render()
            let width = report.stateColumns.map(\.definition.name.count).max() ?? 0
            out += "\nColumns (alliance ties weighted by credibility; path lengths 1/credibility; - = undefined):\n"
            for column in report.stateColumns {
                out +=
                    "  " + column.definition.name.padding(toLength: width, withPad: " ", startingAt: 0)
                    + "  " + column.definition.summary + "\n"
            }
        }
        if !report.systemValues.isEmpty {
            if !out.isEmpty { out += "\n" }
            var table = TextTable(
                headers: ["system metric", "value", "definition"], alignments: [.left, .right, .left])
            let groups = systemGroups
            for (group, names) in groups {
                let entries = report.systemValues.filter { names.contains($0.definition.name) }
                if entries.isEmpty { continue }
                table.append([group + ":", "", ""])
                for entry in entries {
                    table.append([
                        "  " + entry.definition.name, tableCell(entry.value, decimals: 4), entry.definition.summary,
                    ])
                }
            }
            let grouped = Set(groups.flatMap(\.names))
            let others = report.systemValues.filter { !grouped.contains($0.definition.name) }
            if !others.isEmpty {
                table.append(["other:", "", ""])
                for entry in others {
                    table.append([
                        "  " + entry.definition.name, tableCell(entry.value, decimals: 4), entry.definition.summary,
                    ])
                }
            }
            out += table.render()
        }
        return out
    }

    /// Themes of the system table, in order (metrics not listed go under "other").
    static let systemGroups: [(group: String, names: [String])] = [
        ("connectivity", ["density", "components", "transitivity"]),
        ("blocs", ["blocs", "modularity", "signed_blocs", "signed_modularity", "polarity"]),
        (
            "structural balance",
            [
                "balance", "triangles_ppp", "triangles_pnn", "triangles_ppn", "triangles_nnn",
                "frustration", "frustration_lower", "frustration_upper",
            ]
        ),
        ("capability and burdens", ["concentration", "burden_sharing", "mean_credibility"]),
        ("portfolio similarity", ["similarity"]),
    ]

    /// Decimals for a column of reals: two significant digits of the smallest non-zero
    /// magnitude, between 3 and 6 (4 when the column has no non-zero real).
    static func columnDecimals(_ values: [MetricValue]) -> Int {
        var smallest = Double.infinity
        for value in values {
            if case .real(let v) = value, v.isFinite, v != 0 { smallest = min(smallest, abs(v)) }
        }
        guard smallest.isFinite else { return 4 }
        var decimals = 1
        var scaled = smallest
        while scaled < 1 && decimals < 6 { scaled *= 10; decimals += 1 }
        return min(6, max(3, decimals))
    }

    static func jsonValue(_ value: MetricValue) -> JSONValue {
        switch value {
        case .integer(let v): return .integer(v)
        case .real(let v): return .number(v)
        case .flag(let v): return .bool(v)
        case .label(let v): return .string(v)
        }
    }

    static func csvCell(_ value: MetricValue) -> String {
        switch value {
        case .real(let v): return NumberFormat.csv(v)
        case .label(let v): return CSV.field(v)
        default: return value.description
        }
    }

    static func tableCell(_ value: MetricValue, decimals: Int = 4) -> String {
        switch value {
        case .real(let v) where v.isFinite && abs(v) >= 1e6: return NumberFormat.scientific(v, significant: 3)
        case .real(let v): return NumberFormat.fixed(v, digits: decimals)
        case .flag(let v): return v ? "yes" : "-"
        default: return value.description
        }
    }
}

/// RFC 4180 CSV fields.
@_spi(Internals) public enum CSV {
    /// `text` quoted when it contains a comma, quote, CR or LF (quotes doubled). Scalars, not
    /// Characters: "\r\n" is one Character, equal to neither "\r" nor "\n".
    public static func field(_ text: String) -> String {
        if text.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return text
    }
}

#if canImport(Foundation)
    import Foundation
#endif
