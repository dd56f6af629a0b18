@_spi(Internals) import AllianceGraph
@_spi(Internals) import AllianceGraphFormats

/// The general-deterrence map as an SVG heat map: one row per attacker, one column per target
/// (targets most exposed first, attackers by their mean P over the targets), each cell shaded by
/// P(attacker's side prevails) from white (0) to dark red (1), outlined when the attacker has a
/// motive; pairs not computed stay grey. With dropped pledges a second panel shows the same map
/// without them, in the same order (docs/CRISIS.md, "Expected war outcome and deterrence").
package struct DeterrenceHeatMap: Sendable {
    package var analysis: DeterrenceAnalysis
    package var title: String
    /// Side of a cell in px (shrinks for large maps so that the picture stays under ~1,400 px).
    package var cell: Double

    package init(_ analysis: DeterrenceAnalysis, title: String) {
        self.analysis = analysis
        self.title = title
        let count = max(analysis.map.exposures.count, 1)
        cell = max(3, min(18, 1_200 / Double(count)))
    }

    /// Attackers by mean P(prevail) over their targets, highest first, then id.
    func attackers(_ map: DeterrenceMap) -> [StateID] {
        var sums: [StateID: (Double, Int)] = [:]
        for o in map.outcomes {
            sums[o.attacker, default: (0, 0)].0 += o.prevail; sums[o.attacker, default: (0, 0)].1 += 1
        }
        return sums.keys.sorted {
            let x = sums[$0] ?? (0, 1), y = sums[$1] ?? (0, 1)
            return (-x.0 / Double(x.1), $0) < (-y.0 / Double(y.1), $1)
        }
    }

    /// White -> dark red for p in [0, 1].
    static func colour(_ p: Double) -> String {
        let t = min(1, max(0, p.isFinite ? p : 0))
        let (r, g, b) = (255 - 75 * t, 255 - 235 * t, 255 - 225 * t)
        func hex(_ v: Double) -> String {
            let s = String(Int(v.rounded()), radix: 16)
            return s.count == 1 ? "0" + s : s
        }
        return "#" + hex(r) + hex(g) + hex(b)
    }

    package func svg() -> String {
        let network = analysis.engine.network
        let targets = analysis.map.exposures.map(\.target), rows = attackers(analysis.map)
        let labels = cell >= 9, margin = labels ? 44.0 : 12.0
        let panel = Double(targets.count) * cell, gap = 40.0
        let panels: [(String, DeterrenceMap)] =
            [("as given", analysis.map)]
            + (analysis.withoutDropped.map {
                [("without the pledges of \(DeterrenceOutput.droppedLabel(analysis))", $0)]
            }
                ?? [])
        let width = margin + Double(panels.count) * (panel + gap) + 20
        let height = 70 + margin + Double(rows.count) * cell + 50
        var out = SVG.open(width: width, height: height, title: title)
        out += "<text x=\"12\" y=\"22\" font-size=\"14\" fill=\"\(SVG.ink)\">\(SVG.escape(title))</text>\n"
        for (k, (name, map)) in panels.enumerated() {
            let x0 = margin + Double(k) * (panel + gap), y0 = 56 + margin
            out +=
                "<text x=\"\(SVG.n(x0))\" y=\"44\" font-size=\"11\" fill=\"\(SVG.muted)\">\(SVG.escape(name))</text>\n"
            var byPair: [StatePair: [WarOutcome]] = [:]
            for o in map.outcomes { byPair[StatePair(o.attacker, o.target), default: []].append(o) }
            for (r, a) in rows.enumerated() {
                let y = y0 + Double(r) * cell
                if labels && k == 0 {
                    out +=
                        "<text x=\"\(SVG.n(x0 - 4))\" y=\"\(SVG.n(y + cell * 0.75))\" "
                        + "font-size=\"\(SVG.n(cell * 0.6))\" text-anchor=\"end\" fill=\"\(SVG.ink)\">"
                        + "\(SVG.escape(network[a].code))</text>\n"
                }
                for (c, b) in targets.enumerated() {
                    let x = x0 + Double(c) * cell
                    let o = byPair[StatePair(a, b)]?.first { $0.attacker == a }
                    let fill = a == b ? "#ffffff" : o.map { Self.colour($0.prevail) } ?? "#e6e6e6"
                    let stroke = o?.motivated == true ? " stroke=\"\(SVG.ink)\" stroke-width=\"1\"" : ""
                    let tip = o.map {
                        "\(network[a].code) -> \(network[b].code): P = \(NumberFormat.fixed($0.prevail, digits: 3))"
                    }
                    out +=
                        "<rect x=\"\(SVG.n(x))\" y=\"\(SVG.n(y))\" width=\"\(SVG.n(cell))\" height=\"\(SVG.n(cell))\" "
                        + "fill=\"\(fill)\"\(stroke)>" + (tip.map { "<title>\(SVG.escape($0))</title>" } ?? "")
                        + "</rect>\n"
                }
            }
            if labels {
                for (c, b) in targets.enumerated() {
                    let x = x0 + Double(c) * cell + cell * 0.7, y = y0 - 4
                    out +=
                        "<text x=\"\(SVG.n(x))\" y=\"\(SVG.n(y))\" font-size=\"\(SVG.n(cell * 0.6))\" "
                        + "transform=\"rotate(-60 \(SVG.n(x)) \(SVG.n(y)))\" fill=\"\(SVG.ink)\">"
                        + "\(SVG.escape(network[b].code))</text>\n"
                }
            }
        }
        out += legend(x: margin, y: height - 30)
        return out + "</svg>\n"
    }

    /// The colour scale and the meaning of rows, columns and outlines.
    func legend(x: Double, y: Double) -> String {
        var out = ""
        for k in 0...10 {
            let p = Double(k) / 10
            out +=
                "<rect x=\"\(SVG.n(x + Double(k) * 14))\" y=\"\(SVG.n(y))\" width=\"14\" height=\"10\" "
                + "fill=\"\(Self.colour(p))\" stroke=\"#cccccc\" stroke-width=\"0.5\"/>\n"
        }
        out +=
            "<text x=\"\(SVG.n(x + 160))\" y=\"\(SVG.n(y + 9))\" font-size=\"10\" fill=\"\(SVG.muted)\">"
            + "P(attacker's side prevails) 0 to 1; rows attackers, columns targets (most exposed first); "
            + "outlined: attacker with a motive</text>\n"
        return out
    }
}
