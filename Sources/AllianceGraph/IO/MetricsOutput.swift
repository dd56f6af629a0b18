/// Writes a `MetricsReport` as a table for people, tidy CSV or JSON for programs.
public enum MetricsOutput {
    /// JSON: `{"states": [{"code": ..., "name": ..., "<metric>": ...}], "system": {...}}`.
    /// NaN values are written as `null`.
    public static func json(_ report: MetricsReport, extra: [(String, String)] = []) -> String {
        var states: [JSONValue] = []
        for (row, code) in report.codes.enumerated() {
            var members = [JSONMember(key: "code", value: .string(code)),
                           JSONMember(key: "name", value: .string(report.names[row]))]
            for column in report.stateColumns {
                members.append(JSONMember(key: column.definition.name, value: jsonValue(column.values[row])))
            }
            states.append(.object(members))
        }
        var system: [JSONMember] = extra.map { JSONMember(key: $0.0, value: .string($0.1)) }
        for entry in report.systemValues {
            system.append(JSONMember(key: entry.definition.name, value: jsonValue(entry.value)))
        }
        return JSONWriter.serialize(.object([JSONMember(key: "states", value: .array(states)),
                                             JSONMember(key: "system", value: .object(system))]))
    }

    /// Tidy CSV of the state metrics: one row per state, `code,name,<metric>...`; NaN as `NA`.
    public static func stateCSV(_ report: MetricsReport) -> String {
        var lines = [(["code", "name"] + report.stateColumns.map(\.definition.name)).map(CSV.field).joined(separator: ",")]
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

    /// A table for people: one row per state (sorted as in the network), then the system metrics.
    public static func table(_ report: MetricsReport, title: String? = nil) -> String {
        var out = ""
        if let title { out += title + "\n\n" }
        if !report.stateColumns.isEmpty {
            var table = TextTable(headers: ["code", "name"] + report.stateColumns.map(\.definition.name),
                                  alignments: [.left, .left] + report.stateColumns.map { _ in .right })
            for (row, code) in report.codes.enumerated() {
                table.append([code, String(report.names[row].prefix(24))] + report.stateColumns.map { tableCell($0.values[row]) })
            }
            out += table.render()
        }
        if !report.systemValues.isEmpty {
            if !out.isEmpty { out += "\n" }
            var table = TextTable(headers: ["system metric", "value"], alignments: [.left, .right])
            for entry in report.systemValues { table.append([entry.definition.name, tableCell(entry.value)]) }
            out += table.render()
        }
        return out
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

    static func tableCell(_ value: MetricValue) -> String {
        switch value {
        case .real(let v): return NumberFormat.fixed(v, digits: 4)
        case .flag(let v): return v ? "yes" : "-"
        default: return value.description
        }
    }
}

/// RFC 4180 CSV fields.
public enum CSV {
    /// `text` quoted when it contains a comma, quote, CR or LF (quotes doubled).
    public static func field(_ text: String) -> String {
        if text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return text
    }
}

#if canImport(Foundation)
import Foundation
#endif
