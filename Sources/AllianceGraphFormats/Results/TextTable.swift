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
    package func render() -> String {
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
}
