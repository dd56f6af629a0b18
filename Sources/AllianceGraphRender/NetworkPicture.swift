@_spi(Internals) import AllianceGraph
@_spi(Internals) import AllianceGraphFormats
/// An SVG drawing of an alliance network, for papers and reports.
///
/// - Layout: Fruchterman-Reingold through igraph on the alliance graph (strength-weighted),
///   seeded, so the same scenario and seed give the same file byte for byte (coordinates are
///   rounded to 0.1 px).
/// - Nodes: area proportional to capability; colour by bloc (the Leiden partition that
///   `alliancectl metrics` reports as `bloc`, same seed); grey for states without ties; major
///   powers with a dark outline and bold label.
/// - Ties: one line per pair of states, in the style of its most binding commitment
///   (`CommitmentStyle.precedence`), opacity rising with credibility (and lighter when there
///   are more than 80 lines); guarantees and patronage
///   with an arrow toward the protected state; rivalries as dashed red curves.
/// - A legend (tie kinds present, blocs with their largest members, node-size key), a title and a
///   caption that states the conventions.
public struct NetworkPicture: Sendable {
    public var width: Double = 1000
    public var height: Double = 700
    /// Seed of the layout and of the bloc detection.
    public var seed: UInt64 = 1
    /// Title; defaults to the scenario's name.
    public var title: String?
    /// Whether to add the caption line under the drawing.
    public var showCaption = true
    /// Whether to draw the title and subtitle (off when a page around it has them).
    public var showHeader = true

    public init() {}

    private static let legendWidth = 250.0
    private var top: Double { showHeader ? 64 : 8 }
    private var bottom: Double { showCaption ? 56 : 8 }

    /// The SVG drawing of `scenario`'s network as in force in `year` (default: the scenario's year).
    public func svg(_ scenario: Scenario, year: Int? = nil) throws(ComputationError) -> String {
        let network = scenario.activeNetwork(year: year)
        let effectiveYear = year ?? scenario.year
        let view = AllianceGraphView(network)
        let n = network.count
        let raw = try IGraphLayout.fruchtermanReingold(view, seed: seed)
        let partition = try BlocPartition.leiden(view, seed: seed, restarts: NetworkMetrics.leidenRestarts)

        // Scale the layout into the plot area.
        let maxCapability = max(network.states.map(\.capability).max() ?? 1, 1e-12)
        let rMax = min(30, max(9, 220 / Double(max(n, 1)).squareRoot()))
        let radius = network.states.map { max(2.5, rMax * ($0.capability / maxCapability).squareRoot()) }
        let plot = (x: 24.0, y: top + 10, w: width - Self.legendWidth - 48, h: height - top - bottom - 20)
        let xs = raw.map(\.x), ys = raw.map(\.y)
        let (minX, maxX) = (xs.min() ?? 0, xs.max() ?? 1), (minY, maxY) = (ys.min() ?? 0, ys.max() ?? 1)
        let pad = rMax + 14
        let scale = min((plot.w - 2 * pad) / max(maxX - minX, 1e-9), (plot.h - 2 * pad) / max(maxY - minY, 1e-9))
        let offsetX = plot.x + pad + ((plot.w - 2 * pad) - (maxX - minX) * scale) / 2
        let offsetY = plot.y + pad + ((plot.h - 2 * pad) - (maxY - minY) * scale) / 2
        let points: [(x: Double, y: Double)] = raw.map {
            (
                ((($0.x - minX) * scale + offsetX) * 10).rounded() / 10,
                ((($0.y - minY) * scale + offsetY) * 10).rounded() / 10
            )
        }

        // Colours: blocs ordered by total capability, isolated states grey.
        var degree = [Int](repeating: 0, count: n)
        for edge in view.edges { degree[edge.low] += 1; degree[edge.high] += 1 }
        let blocCount = partition.count
        var blocCapability = [Double](repeating: 0, count: blocCount)
        var blocMembers = [[Int]](repeating: [], count: blocCount)
        for k in 0..<n where degree[k] > 0 {
            blocCapability[partition.membership[k]] += network.states[k].capability
            blocMembers[partition.membership[k]].append(k)
        }
        let rankedBlocs = (0..<blocCount).filter { !blocMembers[$0].isEmpty }
            .sorted { blocCapability[$0] != blocCapability[$1] ? blocCapability[$0] > blocCapability[$1] : $0 < $1 }
        var blocColour = [String](repeating: SVG.isolateColour, count: blocCount)
        for (rank, bloc) in rankedBlocs.enumerated() { blocColour[bloc] = SVG.palette[rank % SVG.palette.count] }
        let colour = (0..<n).map { degree[$0] > 0 ? blocColour[partition.membership[$0]] : SVG.isolateColour }

        // One drawn tie per pair: the most binding kind; credibility the largest pledge.
        struct Drawn { var kind: CommitmentKind; var from: Int; var to: Int; var credibility: Double }
        var drawn: [StatePair: Drawn] = [:]
        let rank = Dictionary(uniqueKeysWithValues: CommitmentStyle.precedence.enumerated().map { ($1, $0) })
        for c in network.commitments {
            let pair = StatePair(c.from, c.to)
            let credibility = max(c.credibility, c.reverseCredibility ?? 0)
            let candidate = Drawn(kind: c.kind, from: c.from.index, to: c.to.index, credibility: credibility)
            if let existing = drawn[pair] {
                if rank[c.kind]! < rank[existing.kind]! {
                    drawn[pair] = candidate
                } else if c.kind == existing.kind {
                    drawn[pair]!.credibility = max(existing.credibility, credibility)
                }
            } else {
                drawn[pair] = candidate
            }
        }
        let ties = drawn.sorted { a, b in
            if rank[a.value.kind]! != rank[b.value.kind]! { return rank[a.value.kind]! > rank[b.value.kind]! }
            return (a.key.low, a.key.high) < (b.key.low, b.key.high)
        }.map(\.value)
        let kindsPresent = CommitmentStyle.precedence.filter { kind in ties.contains { $0.kind == kind } }

        let title = self.title ?? scenario.name
        var out = SVG.open(width: width, height: height, title: title)
        out += "<defs>\n"
        for kind in kindsPresent where CommitmentStyle.style(forKind: kind.rawValue).arrow {
            let style = CommitmentStyle.style(forKind: kind.rawValue)
            out +=
                "  <marker id=\"arrow-\(kind.rawValue)\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" markerUnits=\"userSpaceOnUse\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"\(style.colour)\"/></marker>\n"
        }
        out += "</defs>\n"
        // Title block.
        if showHeader {
            out +=
                "<text x=\"24\" y=\"34\" font-size=\"20\" font-weight=\"600\" fill=\"\(SVG.ink)\">\(SVG.escape(title))</text>\n"
            var subtitle: [String] = []
            if let effectiveYear { subtitle.append("Ties in force in \(effectiveYear)") }
            subtitle.append("\(n) states")
            subtitle.append("\(network.commitments.count) commitments")
            if !network.rivalries.isEmpty { subtitle.append("\(network.rivalries.count) rivalries") }
            out +=
                "<text x=\"24\" y=\"54\" font-size=\"12.5\" fill=\"\(SVG.muted)\">\(SVG.escape(subtitle.joined(separator: " \u{00B7} ")))</text>\n"
            out +=
                "<line x1=\"24\" y1=\"\(SVG.n(top))\" x2=\"\(SVG.n(width - 24))\" y2=\"\(SVG.n(top))\" stroke=\"#d8dde6\" stroke-width=\"1\"/>\n"
        }

        // Rivalries: dashed red curves.
        let rivalryStyle = CommitmentStyle.style(forKind: ScenarioGraphMapping.rivalryKind)
        out +=
            "<g id=\"rivalries\" fill=\"none\" stroke=\"\(rivalryStyle.colour)\" stroke-width=\"\(SVG.n(rivalryStyle.width))\" stroke-dasharray=\"\(rivalryStyle.dashArray)\" stroke-opacity=\"0.85\">\n"
        for rivalry in network.rivalries {
            let a = points[rivalry.pair.low.index], b = points[rivalry.pair.high.index]
            let mx = (a.x + b.x) / 2, my = (a.y + b.y) / 2
            let dx = b.x - a.x, dy = b.y - a.y
            let bend = 0.12
            let cx = mx - dy * bend, cy = my + dx * bend
            out +=
                "  <path d=\"M\(SVG.n(a.x)),\(SVG.n(a.y)) Q\(SVG.n(cx)),\(SVG.n(cy)) \(SVG.n(b.x)),\(SVG.n(b.y))\"><title>\(SVG.escape("Rivalry: \(network[rivalry.pair.low].name) - \(network[rivalry.pair.high].name), intensity \(NumberFormat.json(rivalry.intensity))"))</title></path>\n"
        }
        out += "</g>\n"

        // Commitments. Dense pictures (hundreds of lines) get lighter lines so blocs stay legible.
        let density = min(1, (80 / Double(max(ties.count, 1))).squareRoot())
        out += "<g id=\"commitments\" fill=\"none\" stroke-linecap=\"round\">\n"
        for tie in ties {
            let style = CommitmentStyle.style(forKind: tie.kind.rawValue)
            let a = points[tie.from], b = points[tie.to]
            var end = b
            if style.arrow {
                let dx = b.x - a.x, dy = b.y - a.y
                let length = max((dx * dx + dy * dy).squareRoot(), 1e-9)
                let back = radius[tie.to] + 2
                end = (b.x - dx / length * back, b.y - dy / length * back)
            }
            let opacity = (0.35 + 0.6 * min(max(tie.credibility, 0), 1)) * density
            var attributes =
                "stroke=\"\(style.colour)\" stroke-width=\"\(SVG.n(style.width))\" stroke-opacity=\"\(NumberFormat.fixed(opacity, digits: 2))\""
            if !style.dashArray.isEmpty { attributes += " stroke-dasharray=\"\(style.dashArray)\"" }
            if style.arrow { attributes += " marker-end=\"url(#arrow-\(tie.kind.rawValue))\"" }
            let tip =
                "\(style.label): \(network.states[tie.from].name) - \(network.states[tie.to].name), credibility \(NumberFormat.json(tie.credibility))"
            out +=
                "  <line x1=\"\(SVG.n(a.x))\" y1=\"\(SVG.n(a.y))\" x2=\"\(SVG.n(end.x))\" y2=\"\(SVG.n(end.y))\" \(attributes)><title>\(SVG.escape(tip))</title></line>\n"
        }
        out += "</g>\n"

        // Nodes, largest first so small states stay visible.
        let order = (0..<n).sorted { radius[$0] != radius[$1] ? radius[$0] > radius[$1] : $0 < $1 }
        out += "<g id=\"states\">\n"
        for k in order {
            let state = network.states[k]
            let stroke = state.major ? SVG.ink : "#ffffff"
            let strokeWidth = state.major ? 1.6 : 1.2
            let tip =
                "\(state.name) (\(state.code)): capability \(NumberFormat.json(state.capability))"
                + (state.major ? ", major power" : "")
            out +=
                "  <circle cx=\"\(SVG.n(points[k].x))\" cy=\"\(SVG.n(points[k].y))\" r=\"\(SVG.n(radius[k]))\" fill=\"\(colour[k])\" fill-opacity=\"0.92\" stroke=\"\(stroke)\" stroke-width=\"\(SVG.n(strokeWidth))\"><title>\(SVG.escape(tip))</title></circle>\n"
        }
        out += "</g>\n"
        let labelSize = n > 80 ? 8.5 : (n > 40 ? 10 : 11.5)
        out +=
            "<g id=\"labels\" font-size=\"\(SVG.n(labelSize))\" fill=\"\(SVG.ink)\" stroke=\"#ffffff\" stroke-width=\"3\" stroke-linejoin=\"round\" paint-order=\"stroke\">\n"
        for k in 0..<n {
            let state = network.states[k]
            let x = points[k].x + radius[k] * 0.72 + 2, y = points[k].y - radius[k] * 0.72 - 2
            out +=
                "  <text x=\"\(SVG.n(x))\" y=\"\(SVG.n(y))\"\(state.major ? " font-weight=\"700\"" : "")>\(SVG.escape(state.code))</text>\n"
        }
        out += "</g>\n"

        // Legend.
        let lx = width - Self.legendWidth - 8
        var ly = top + 28
        out += "<g id=\"legend\" font-size=\"11.5\" fill=\"\(SVG.ink)\">\n"
        out +=
            "  <rect x=\"\(SVG.n(lx - 12))\" y=\"\(SVG.n(top + 8))\" width=\"\(SVG.n(Self.legendWidth))\" height=\"\(SVG.n(height - top - bottom - 8))\" fill=\"#f7f8fa\" stroke=\"#e3e6ec\"/>\n"
        func heading(_ text: String) {
            out +=
                "  <text x=\"\(SVG.n(lx))\" y=\"\(SVG.n(ly))\" font-weight=\"600\" font-size=\"11\" fill=\"\(SVG.muted)\" letter-spacing=\"0.6\">\(SVG.escape(text.uppercased()))</text>\n"
            ly += 18
        }
        if !kindsPresent.isEmpty || !network.rivalries.isEmpty {
            heading("Ties")
            for kind in kindsPresent + [nil] {
                if kind == nil && network.rivalries.isEmpty { continue }
                let style = CommitmentStyle.style(forKind: kind?.rawValue ?? ScenarioGraphMapping.rivalryKind)
                var attributes = "stroke=\"\(style.colour)\" stroke-width=\"\(SVG.n(style.width))\""
                if !style.dashArray.isEmpty { attributes += " stroke-dasharray=\"\(style.dashArray)\"" }
                if style.arrow, let kind { attributes += " marker-end=\"url(#arrow-\(kind.rawValue))\"" }
                out +=
                    "  <line x1=\"\(SVG.n(lx))\" y1=\"\(SVG.n(ly - 4))\" x2=\"\(SVG.n(lx + 34))\" y2=\"\(SVG.n(ly - 4))\" \(attributes)/>\n"
                out += "  <text x=\"\(SVG.n(lx + 44))\" y=\"\(SVG.n(ly))\">\(SVG.escape(style.label))</text>\n"
                ly += 18
            }
            ly += 8
        }
        let shownBlocs = rankedBlocs.filter { blocMembers[$0].count >= 2 }
        if !shownBlocs.isEmpty {
            heading("Blocs (by capability)")
            for bloc in shownBlocs.prefix(9) {
                let members = blocMembers[bloc].sorted {
                    network.states[$0].capability != network.states[$1].capability
                        ? network.states[$0].capability > network.states[$1].capability : $0 < $1
                }
                var text = members.prefix(4).map { network.states[$0].code }.joined(separator: ", ")
                if members.count > 4 { text += " +\(members.count - 4)" }
                out +=
                    "  <circle cx=\"\(SVG.n(lx + 7))\" cy=\"\(SVG.n(ly - 4))\" r=\"6\" fill=\"\(blocColour[bloc])\"/>\n"
                out +=
                    "  <text x=\"\(SVG.n(lx + 20))\" y=\"\(SVG.n(ly))\"><tspan font-weight=\"600\">\(partition.membership[members[0]] + 1)</tspan>  \(SVG.escape(text))</text>\n"
                ly += 18
            }
            if shownBlocs.count > 9 {
                out +=
                    "  <text x=\"\(SVG.n(lx + 20))\" y=\"\(SVG.n(ly))\" fill=\"\(SVG.muted)\">\(shownBlocs.count - 9) more blocs</text>\n"
                ly += 18
            }
            if degree.contains(0) {
                out +=
                    "  <circle cx=\"\(SVG.n(lx + 7))\" cy=\"\(SVG.n(ly - 4))\" r=\"6\" fill=\"\(SVG.isolateColour)\"/>\n"
                out +=
                    "  <text x=\"\(SVG.n(lx + 20))\" y=\"\(SVG.n(ly))\">No alliance ties (\(degree.filter { $0 == 0 }.count))</text>\n"
                ly += 18
            }
            ly += 8
        }
        heading("Capability (node area)")
        let keyValues = [maxCapability, maxCapability / 4, maxCapability / 16].map(Self.roundCapability)
        var kx = lx + 4
        let baseline = ly + rMax * 2 - 2
        for value in keyValues {
            let r = max(2.5, rMax * (value / maxCapability).squareRoot())
            out +=
                "  <circle cx=\"\(SVG.n(kx + r))\" cy=\"\(SVG.n(baseline - r))\" r=\"\(SVG.n(r))\" fill=\"none\" stroke=\"\(SVG.muted)\" stroke-width=\"1\"/>\n"
            out +=
                "  <text x=\"\(SVG.n(kx + r))\" y=\"\(SVG.n(baseline + 14))\" text-anchor=\"middle\" font-size=\"10.5\" fill=\"\(SVG.muted)\">\(SVG.escape(SVG.tickLabel(value)))</text>\n"
            kx += 2 * r + 16
        }
        ly = baseline + 34
        out +=
            "  <circle cx=\"\(SVG.n(lx + 7))\" cy=\"\(SVG.n(ly - 4))\" r=\"6\" fill=\"#ffffff\" stroke=\"\(SVG.ink)\" stroke-width=\"1.6\"/>\n"
        out += "  <text x=\"\(SVG.n(lx + 20))\" y=\"\(SVG.n(ly))\">Major power (bold label)</text>\n"
        out += "</g>\n"

        if showCaption {
            let q = partition.modularity.isNaN ? "n/a" : NumberFormat.fixed(partition.modularity, digits: 3)
            let caption1 =
                "Node area is proportional to capability; colour marks blocs (Leiden modularity maximisation, Q = \(q)). One line per pair of states: its most binding commitment; opacity rises with credibility."
            let caption2 =
                "Layout: Fruchterman\u{2013}Reingold (igraph 0.10), seed \(seed). Red dashed curves: strategic rivalries. Arrows point from guarantor or patron to the protected state."
            out +=
                "<text x=\"24\" y=\"\(SVG.n(height - 32))\" font-size=\"11\" fill=\"\(SVG.muted)\">\(SVG.escape(caption1))</text>\n"
            out +=
                "<text x=\"24\" y=\"\(SVG.n(height - 16))\" font-size=\"11\" fill=\"\(SVG.muted)\">\(SVG.escape(caption2))</text>\n"
        }
        out += "</svg>\n"
        return out
    }

    /// A key value rounded to two significant digits.
    static func roundCapability(_ value: Double) -> Double {
        guard value > 0, value.isFinite else { return value }
        var magnitude = 1.0
        while value >= magnitude * 10 { magnitude *= 10 }
        while value < magnitude { magnitude /= 10 }
        let unit = magnitude / 10
        return (value / unit).rounded() * unit
    }
}
