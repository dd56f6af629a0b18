@_spi(Internals) import AllianceGraph
/// A strict RFC 4180 CSV reader with line numbers, for importers and Gephi tables.
///
/// Fields may be quoted (`"a, b"`, quotes doubled inside); CRLF and LF line ends; a UTF-8
/// byte-order mark is skipped; blank lines are ignored. Every row must have as many fields as
/// the header, and every field must be valid UTF-8 (an error names the line and the field).
/// Cost: O(bytes); rows are handed to a callback, so a large file is never held as strings all
/// at once.
package struct CSVReader: Sendable {
    package let header: [String]
    private let bytes: [UInt8]
    private let bodyStart: Int
    /// The file name used in errors.
    package let file: String?

    /// Reads the header of `bytes`; throws for an empty file.
    package init(bytes: [UInt8], file: String? = nil) throws(InputError) {
        self.bytes = bytes
        self.file = file
        var position = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var line = 1
        var header: [String]?
        while position < bytes.count, header == nil {
            let fields = try Self.parseRow(bytes, &position, &line, file: file)
            if fields != [""] { header = fields }
        }
        guard let header else { throw InputError(file: file, "the CSV file is empty; expected a header row") }
        self.header = header.map { $0.trimmingCharacters(in: .whitespaces) }
        bodyStart = position
        bodyLineStart = line
        try Self.refuseAmbiguousColumns(self.header, file: file)
    }

    /// Refuses a header with two non-empty columns whose names are equal or differ only in case
    /// (`Id` and `ID`, `defense` twice): columns are looked up without regard to case and the first
    /// match wins, so the other would be dropped silently. Empty names (a spreadsheet's unnamed
    /// row-number column) are never looked up and may repeat.
    private static func refuseAmbiguousColumns(_ header: [String], file: String?) throws(InputError) {
        var seen: [String: (name: String, column: Int)] = [:]
        for (k, name) in header.enumerated() where !name.isEmpty {
            if let earlier = seen[name.lowercased()] {
                let what =
                    earlier.name == name
                    ? "column \"\(name.prefix(40))\" appears twice"
                    : "columns \"\(earlier.name.prefix(40))\" and \"\(name.prefix(40))\" differ only in case"
                throw InputError(
                    file: file, location: "line 1",
                    what + " (columns \(earlier.column + 1) and \(k + 1)); "
                        + "which one to read is ambiguous: keep one of them")
            }
            seen[name.lowercased()] = (name, k)
        }
    }

    private let bodyLineStart: Int

    /// Reads the file at `path`.
    package init(path: String, limit: Int = 1 << 31) throws(InputError) {
        try self.init(bytes: try FileInput.readBytes(path: path, limit: limit), file: path)
    }

    /// The index of the first header column named one of `names` (case-insensitive).
    package func column(_ names: String...) -> Int? {
        for name in names {
            if let k = header.firstIndex(where: { $0.lowercased() == name.lowercased() }) { return k }
        }
        return nil
    }

    /// The index of column `name`, or an error naming the file and the columns found.
    package func requireColumn(_ name: String, layout: String) throws(InputError) -> Int {
        guard let k = column(name) else {
            let found = header.joined(separator: ",").prefix(200)
            throw InputError(
                file: file, location: "line 1",
                "missing column \"\(name)\"; expected the \(layout) layout, found columns: \(found)")
        }
        return k
    }

    /// Calls `body` with each data row's fields and its line number.
    package func forEachRow(_ body: ([String], Int) throws(InputError) -> Void) throws(InputError) {
        var position = bodyStart
        var line = bodyLineStart
        while position < bytes.count {
            let start = line
            let fields = try Self.parseRow(bytes, &position, &line, file: file)
            if fields == [""] { continue }
            guard fields.count == header.count else {
                throw InputError(
                    file: file, location: "line \(start)",
                    "has \(fields.count) fields; the header has \(header.count)")
            }
            try body(fields, start)
        }
    }

    private static func parseRow(
        _ bytes: [UInt8], _ position: inout Int, _ line: inout Int,
        file: String?
    ) throws(InputError) -> [String] {
        var fields: [String] = []
        var field: [UInt8] = []
        var quoted = false
        var wasQuoted = false
        let startLine = line
        while position < bytes.count {
            let byte = bytes[position]
            if quoted {
                if byte == UInt8(ascii: "\"") {
                    if position + 1 < bytes.count, bytes[position + 1] == UInt8(ascii: "\"") {
                        field.append(byte)
                        position += 2
                        continue
                    }
                    quoted = false
                    position += 1
                    continue
                }
                if byte == UInt8(ascii: "\n") { line += 1 }
                field.append(byte)
                position += 1
                continue
            }
            switch byte {
            case UInt8(ascii: "\""):
                if !field.isEmpty || wasQuoted {
                    throw InputError(
                        file: file, location: "line \(line)", "a quote inside an unquoted field; quote the whole field")
                }
                quoted = true
                wasQuoted = true
                position += 1
            case UInt8(ascii: ","):
                fields.append(try text(field, fields.count, line: line, file: file))
                field.removeAll(keepingCapacity: true)
                wasQuoted = false
                position += 1
            case UInt8(ascii: "\r"):
                position += 1
            case UInt8(ascii: "\n"):
                position += 1
                fields.append(try text(field, fields.count, line: line, file: file))
                line += 1
                return fields
            default:
                if wasQuoted {
                    throw InputError(file: file, location: "line \(line)", "text after a closing quote")
                }
                field.append(byte)
                position += 1
            }
        }
        if quoted { throw InputError(file: file, location: "line \(startLine)", "unterminated quoted field") }
        fields.append(try text(field, fields.count, line: line, file: file))
        return fields
    }

    /// The field's bytes as a string; invalid UTF-8 is an error, never silently replaced.
    private static func text(_ bytes: [UInt8], _ index: Int, line: Int, file: String?) throws(InputError) -> String {
        guard let string = String(validating: bytes, as: UTF8.self) else {
            throw InputError(
                file: file, location: "line \(line)", "field \(index + 1) is not valid UTF-8; save the file as UTF-8")
        }
        return string
    }
}

#if canImport(Foundation)
    import Foundation
#endif
