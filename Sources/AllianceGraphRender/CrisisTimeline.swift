@_spi(Internals) import AllianceGraph
@_spi(Internals) import AllianceGraphFormats
/// A crisis timeline as SVG: who entered the war at which step, on which side, and why
/// (chain-ganging cascades, docs/MODEL.md section 4).
///
/// Input is plain rows of (step, state, side, cause) in the order states entered, so that any
/// cascade record can be drawn. Each state gets a row; a marker at its entry step coloured by
/// side (sides in order of first appearance), with the cause written beside it; vertical guides
/// mark the steps.
package struct CrisisTimeline: Sendable {
    package struct Entry: Sendable {
        /// Cascade step (0 = the initial attack).
        package var step: Int
        /// State code or name.
        package var state: String
        /// Side label, e.g. "Central Powers" or "A".
        package var side: String
        /// Why it entered: "attacked by GMY", "defence pact with FRN", "war plan", ...
        package var cause: String

        package init(step: Int, state: String, side: String, cause: String) {
            self.step = step
            self.state = state
            self.side = side
            self.cause = cause
        }
    }

    package var title: String
    package var entries: [Entry]
    package var width: Double = 720
    /// Colours for the sides in order of first appearance (default: blue, orange, green, ...).
    package var sideColours: [String]?

    package init(title: String, entries: [Entry]) {
        self.title = title
        self.entries = entries
    }

    /// Lines of cause text a row holds at most; a longer cause ends in an ellipsis (the full text
    /// is in the marker's tooltip).
    static let maxCauseLines = 3

    package func svg() -> String {
        let baseRowHeight = 22.0, lineHeight = 14.0, top = 70.0, left = 92.0, right = 16.0
        let maxStep = max(entries.map(\.step).max() ?? 0, 1)
        let trackWidth = min(width * 0.45, Double(maxStep + 1) * 60)
        let maxChars = max(10, Int((width - right - (left + trackWidth + 8)) / 6.2))
        let causes = entries.map { SVG.wrap($0.cause, width: maxChars, maxLines: Self.maxCauseLines) }
        let rowHeights = causes.map { max(baseRowHeight, Double($0.count) * lineHeight + 8) }
        let height = top + (entries.isEmpty ? baseRowHeight : rowHeights.reduce(0, +)) + 40
        var sides: [String] = []
        for entry in entries where !sides.contains(entry.side) { sides.append(entry.side) }
        let palette = sideColours ?? SVG.palette
        func colour(_ side: String) -> String { palette[(sides.firstIndex(of: side) ?? 0) % palette.count] }
        func x(_ step: Int) -> Double { left + 10 + Double(step) / Double(maxStep) * (trackWidth - 20) }

        var out = SVG.open(width: width, height: height, title: title)
        out += """
            <text x="16" y="24" font-size="15" font-weight="600" fill="\(SVG.ink)">\(SVG.escape(title))</text>

            """
        // Side legend.
        var lx = 16.0
        out += "<g id=\"sides\" font-size=\"11.5\" fill=\"\(SVG.ink)\">\n"
        for side in sides {
            out += "  <circle cx=\"\(SVG.n(lx + 6))\" cy=\"42\" r=\"5.5\" fill=\"\(colour(side))\"/>\n"
            out += "  <text x=\"\(SVG.n(lx + 16))\" y=\"46\">\(SVG.escape(side))</text>\n"
            lx += 30 + Double(side.count) * 6.5
        }
        out += "</g>\n"
        // Step guides.
        out += "<g id=\"steps\" font-size=\"10.5\" fill=\"\(SVG.muted)\" stroke=\"#e6e9ef\">\n"
        let stepStride = max(1, (maxStep + 1) / 12)
        for step in stride(from: 0, through: maxStep, by: stepStride) {
            let sx = SVG.n(x(step))
            out += """
                  <line x1="\(sx)" y1="\(SVG.n(top - 8))" x2="\(sx)" y2="\(SVG.n(height - 34))"/>
                  <text x="\(sx)" y="\(SVG.n(height - 20))" text-anchor="middle" stroke="none">\(step)</text>

                """
        }
        out += """
              <text x="\(SVG.n(left + trackWidth / 2))" y="\(SVG.n(height - 6))" text-anchor="middle" \
            stroke="none">Step</text>

            """
        out += "</g>\n"
        out += "<g id=\"entries\" font-size=\"11.5\" fill=\"\(SVG.ink)\">\n"
        var rowTop = top
        for (row, entry) in entries.enumerated() {
            let rowHeight = rowHeights[row]
            let y = rowTop + rowHeight / 2
            rowTop += rowHeight
            if row % 2 == 0 {
                out += """
                      <rect x="8" y="\(SVG.n(y - rowHeight / 2))" width="\(SVG.n(width - 16))" \
                    height="\(SVG.n(rowHeight))" fill="#f7f8fa"/>

                    """
            }
            let state = SVG.escape(SVG.wrap(entry.state, width: 14, maxLines: 1).first ?? "")
            let tip = SVG.escape("\(entry.state): step \(entry.step), \(entry.side), \(entry.cause)")
            out += """
                  <text x="\(SVG.n(left - 10))" y="\(SVG.n(y + 4))" text-anchor="end" font-weight="600">\(state)</text>
                  <line x1="\(SVG.n(x(0)))" y1="\(SVG.n(y))" x2="\(SVG.n(x(entry.step)))" y2="\(SVG.n(y))" \
                stroke="\(colour(entry.side))" stroke-opacity="0.35" stroke-width="2"/>
                  <circle cx="\(SVG.n(x(entry.step)))" cy="\(SVG.n(y))" r="6" fill="\(colour(entry.side))">\
                <title>\(tip)</title></circle>

                """
            let lines = causes[row]
            let causeX = SVG.n(left + trackWidth + 8)
            let firstY = y + 4 - Double(lines.count - 1) * lineHeight / 2
            out += "  <text x=\"\(causeX)\" y=\"\(SVG.n(firstY))\" fill=\"\(SVG.muted)\">"
            for (k, line) in lines.enumerated() {
                out +=
                    k == 0
                    ? SVG.escape(line)
                    : "<tspan x=\"\(causeX)\" dy=\"\(SVG.n(lineHeight))\">\(SVG.escape(line))</tspan>"
            }
            out += "</text>\n"
        }
        out += "</g>\n"
        return out + "</svg>\n"
    }
}
