@_spi(Internals) import AllianceGraph
/// Plain-text tables for people: columns padded to their widest cell, numbers right-aligned.
package struct TextTable: Sendable {
    package enum Alignment: Sendable { case left, right }

    package var headers: [String]
    package var alignments: [Alignment]
    package var rows: [[String]] = []

    package init(headers: [String], alignments: [Alignment]? = nil) {
        self.headers = headers
        self.alignments = alignments ?? headers.map { _ in .left }
    }

    package mutating func append(_ row: [String]) { rows.append(row) }

    /// The table with a header rule, e.g.
    /// ```
    /// code  degree  strength
    /// ----  ------  --------
    /// FRN        2    1.7000
    /// ```
    ///
    /// Control characters in cells (a name holding ESC would otherwise drive the terminal that
    /// shows the table) are written as `\u{1B}` escapes (`printable`).
    package func render() -> String {
        let headers = headers.map(Self.printable)
        let rows = rows.map { $0.map(Self.printable) }
        var widths = headers.map(\.count)
        for row in rows {
            for (k, cell) in row.enumerated() where k < widths.count { widths[k] = max(widths[k], cell.count) }
        }
        func line(_ cells: [String]) -> String {
            var parts: [String] = []
            for (k, cell) in cells.enumerated() {
                let pad = String(repeating: " ", count: max(0, widths[k] - cell.count))
                parts.append(alignments[k] == .right ? pad + cell : cell + pad)
            }
            var text = parts.joined(separator: "  ")
            while text.hasSuffix(" ") { text.removeLast() }
            return text
        }
        var lines = [line(headers), line(widths.map { String(repeating: "-", count: $0) })]
        lines += rows.map(line)
        return lines.joined(separator: "\n") + "\n"
    }

    /// `text` with every control character (C0, DEL, C1, and the line and paragraph separators)
    /// written as a `\u{XX}` escape, so that names from a file can't move the cursor, recolour
    /// or retitle the terminal that shows them.
    package static func printable(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            if isControl(scalar) {
                out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.value == 0x2028 || scalar.value == 0x2029
    }
}
