@_spi(Internals) import AllianceGraph
@_spi(Internals) import AllianceGraphFormats
import Foundation

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
    /// How the states are placed.
    public enum Layout: String, CaseIterable, Sendable {
        /// Fruchterman-Reingold (igraph), seeded: blocs pull together. The default.
        case fr
        /// Kamada-Kawai (igraph) with lengths 1/strength: distances on the page follow path
        /// lengths; deterministic without a seed; O(n^2), for up to a few thousand states.
        case kk
        /// A circle: blocs in order of their number, each bloc's states by capability, then the
        /// states without ties.
        case circle

        /// The layout's name in captions.
        var caption: String {
            switch self {
            case .fr: return "Fruchterman\u{2013}Reingold (igraph 0.10)"
            case .kk: return "Kamada\u{2013}Kawai (igraph 0.10, lengths 1/strength)"
            case .circle: return "circle, blocs in order"
            }
        }
    }

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
    /// How the states are placed (default Fruchterman-Reingold).
    public var layout: Layout = .fr
    /// The commitment kinds drawn; nil (the default) draws every kind in networks of up to
    /// `largeNetwork` states, and in larger ones only the binding alliances (`bindingKinds`), the
    /// others counted in the legend under "Not drawn". The layout follows the drawn ties; the
    /// blocs (colours) are those of `alliancectl metrics`, over every kind.
    public var kinds: Set<CommitmentKind>?

    /// Above this many states the picture draws only the binding alliances by default and labels
    /// only the `labelledStates` most capable states and the major powers.
    public static let largeNetwork = 60
    /// The states labelled in a large network (besides the major powers).
    public static let labelledStates = 30
    /// The kinds drawn by default in a large network: pledges to fight.
    public static let bindingKinds: Set<CommitmentKind> = [.defense, .offense, .guarantee, .patronage]

    public init() {}

    /// What a drawing shows, for the captions around it (the report's figure caption).
    package struct Drawn: Sendable {
        /// The kinds of the ties drawn, most binding first.
        package var kinds: [CommitmentKind]
        /// The kinds present but not drawn, with their counts of ties (one per pair and kind).
        package var hidden: [(kind: CommitmentKind, count: Int)]
        /// Whether rivalries are drawn, and whether any arrow (guarantee, patronage) is.
        package var rivalries: Bool, arrows: Bool
        /// The number of states labelled, when not all are.
        package var labelled: Int?
        /// The layout as the caption names it.
        package var layout: String
        /// The modularity of the blocs coloured.
        package var modularity: Double
    }

    /// The kinds drawn in `network` (see `kinds`).
    func drawnKinds(_ network: AllianceNetwork) -> Set<CommitmentKind> {
        if let kinds { return kinds }
        guard network.count > Self.largeNetwork else { return Set(CommitmentKind.allCases) }
        let binding = network.commitments.contains { Self.bindingKinds.contains($0.kind) }
        return binding ? Self.bindingKinds : Set(CommitmentKind.allCases)
    }

    private static let legendWidth = 250.0
    private var top: Double { showHeader ? 64 : 8 }
    private var bottom: Double { showCaption ? 56 : 8 }

    /// The SVG drawing of `scenario`'s network as in force in `year` (default: the scenario's year).
    public func svg(_ scenario: Scenario, year: Int? = nil) throws(ComputationError) -> String {
        try drawing(scenario, year: year).svg
    }

    /// The SVG drawing and what it shows.
    package func drawing(_ scenario: Scenario, year: Int? = nil) throws(ComputationError) -> (svg: String, drawn: Drawn)
    {
        let network = scenario.activeNetwork(year: year)
        let view = AllianceGraphView(network)
        let partition = try BlocPartition.leiden(view, seed: seed, restarts: NetworkMetrics.leidenRestarts)
        let shownKinds = drawnKinds(network)
        let drawnView =
            shownKinds.count == CommitmentKind.allCases.count ? view : AllianceGraphView(network, kinds: shownKinds)
        let raw = try positions(drawnView, network: network, partition: partition)
        let plot = (x: 24.0, y: top + 10, w: width - Self.legendWidth - 48, h: height - top - bottom - 20)
        let layout = NodeLayout(raw, network: network, plot: plot)
        let blocs = BlocColours(network, view: view, partition: partition)
        let ties = DrawnTie.ties(of: network, kinds: shownKinds)
        let kindsPresent = CommitmentStyle.precedence.filter { kind in ties.contains { $0.kind == kind } }
        let hiddenCounts = DrawnTie.pairCounts(of: network, kinds: Set(CommitmentKind.allCases).subtracting(shownKinds))
        let hidden = CommitmentStyle.precedence.compactMap { kind in
            hiddenCounts[kind].map { (kind: kind, count: $0) }
        }
        let labelled = network.count > Self.largeNetwork ? Self.labelled(network) : nil
        let drawn = Drawn(
            kinds: kindsPresent, hidden: hidden, rivalries: !network.rivalries.isEmpty,
            arrows: kindsPresent.contains { CommitmentStyle.style(forKind: $0.rawValue).arrow },
            labelled: labelled.map(\.count), layout: layoutCaption, modularity: partition.modularity)

        let title = self.title ?? scenario.name
        var out = SVG.open(width: width, height: height, title: title)
        Self.writeMarkers(kindsPresent, into: &out)
        if showHeader { writeHeader(title: title, year: year ?? scenario.year, network: network, into: &out) }
        Self.writeRivalries(network, layout, into: &out)
        Self.writeCommitments(ties, network, layout, into: &out)
        Self.writeStates(network, layout, blocs, labelled: labelled, into: &out)
        writeLegend(network, layout, blocs, kindsPresent: kindsPresent, hidden: hidden, into: &out)
        if showCaption { writeCaption(drawn, into: &out) }
        out += "</svg>\n"
        return (out, drawn)
    }

    /// The states labelled in a large network: the `labelledStates` most capable and the major
    /// powers.
    static func labelled(_ network: AllianceNetwork) -> Set<Int> {
        let byCapability = network.states.indices.sorted {
            network.states[$0].capability != network.states[$1].capability
                ? network.states[$0].capability > network.states[$1].capability : $0 < $1
        }
        return Set(byCapability.prefix(labelledStates)).union(
            network.states.indices.filter { network.states[$0].major })
    }

    /// The states' positions in the chosen layout, in the layout's own units.
    private func positions(_ view: AllianceGraphView, network: AllianceNetwork, partition: BlocPartition)
        throws(ComputationError) -> [(x: Double, y: Double)]
    {
        switch layout {
        case .fr: return try IGraphLayout.fruchtermanReingold(view, seed: seed)
        case .kk: return try IGraphLayout.kamadaKawai(view)
        case .circle:
            var degree = [Int](repeating: 0, count: network.count)
            for edge in view.edges { degree[edge.low] += 1; degree[edge.high] += 1 }
            let order = network.states.indices.sorted { a, b in
                let blocA = degree[a] > 0 ? partition.membership[a] : Int.max
                let blocB = degree[b] > 0 ? partition.membership[b] : Int.max
                if blocA != blocB { return blocA < blocB }
                let (ca, cb) = (network.states[a].capability, network.states[b].capability)
                return ca != cb ? ca > cb : a < b
            }
            var points = [(x: Double, y: Double)](repeating: (0, 0), count: network.count)
            for (rank, k) in order.enumerated() {
                let angle = 2 * Double.pi * Double(rank) / Double(max(order.count, 1)) - Double.pi / 2
                points[k] = (cos(angle), sin(angle))
            }
            return points
        }
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

// MARK: The drawing's parts, in the order they are written

extension NetworkPicture {
    /// The arrowheads of the directed tie kinds present.
    private static func writeMarkers(_ kindsPresent: [CommitmentKind], into out: inout String) {
        out += "<defs>\n"
        for kind in kindsPresent where CommitmentStyle.style(forKind: kind.rawValue).arrow {
            let style = CommitmentStyle.style(forKind: kind.rawValue)
            out += """
                  <marker id="arrow-\(kind.rawValue)" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" \
                markerHeight="7" markerUnits="userSpaceOnUse" orient="auto">\
                <path d="M0,0 L10,5 L0,10 z" fill="\(style.colour)"/></marker>

                """
        }
        out += "</defs>\n"
    }

    /// The title, the subtitle (year, counts) and a rule under them.
    private func writeHeader(title: String, year: Int?, network: AllianceNetwork, into out: inout String) {
        out += """
            <text x="24" y="34" font-size="20" font-weight="600" fill="\(SVG.ink)">\(SVG.escape(title))</text>

            """
        var subtitle: [String] = []
        if let year { subtitle.append("Ties in force in \(year)") }
        subtitle.append("\(network.count) states")
        subtitle.append("\(network.commitments.count) commitments")
        if !network.rivalries.isEmpty { subtitle.append("\(network.rivalries.count) rivalries") }
        let subtitleText = SVG.escape(subtitle.joined(separator: " \u{00B7} "))
        out += """
            <text x="24" y="54" font-size="12.5" fill="\(SVG.muted)">\(subtitleText)</text>
            <line x1="24" y1="\(SVG.n(top))" x2="\(SVG.n(width - 24))" y2="\(SVG.n(top))" \
            stroke="#d8dde6" stroke-width="1"/>

            """
    }

    /// Rivalries: dashed red curves bent to one side of the straight line.
    private static func writeRivalries(_ network: AllianceNetwork, _ layout: NodeLayout, into out: inout String) {
        let style = CommitmentStyle.style(forKind: ScenarioGraphMapping.rivalryKind)
        out += """
            <g id="rivalries" fill="none" stroke="\(style.colour)" stroke-width="\(SVG.n(style.width))" \
            stroke-dasharray="\(style.dashArray)" stroke-opacity="0.85">

            """
        for rivalry in network.rivalries {
            let a = layout.points[rivalry.pair.low.index], b = layout.points[rivalry.pair.high.index]
            let mx = (a.x + b.x) / 2, my = (a.y + b.y) / 2
            let dx = b.x - a.x, dy = b.y - a.y
            let bend = 0.12
            let cx = mx - dy * bend, cy = my + dx * bend
            let low = network[rivalry.pair.low].name, high = network[rivalry.pair.high].name
            let tip = "Rivalry: \(low) - \(high), intensity \(NumberFormat.json(rivalry.intensity))"
            out += """
                  <path d="M\(SVG.n(a.x)),\(SVG.n(a.y)) Q\(SVG.n(cx)),\(SVG.n(cy)) \(SVG.n(b.x)),\(SVG.n(b.y))">\
                <title>\(SVG.escape(tip))</title></path>

                """
        }
        out += "</g>\n"
    }

    /// Commitments, one line per pair. Dense pictures (hundreds of lines) get lighter lines so
    /// blocs stay legible.
    private static func writeCommitments(
        _ ties: [DrawnTie], _ network: AllianceNetwork, _ layout: NodeLayout, into out: inout String
    ) {
        let density = min(1, (80 / Double(max(ties.count, 1))).squareRoot())
        out += "<g id=\"commitments\" fill=\"none\" stroke-linecap=\"round\">\n"
        for tie in ties {
            let style = CommitmentStyle.style(forKind: tie.kind.rawValue)
            let a = layout.points[tie.from], b = layout.points[tie.to]
            var end = b
            if style.arrow {
                let dx = b.x - a.x, dy = b.y - a.y
                let length = max((dx * dx + dy * dy).squareRoot(), 1e-9)
                let back = layout.radius[tie.to] + 2
                end = (b.x - dx / length * back, b.y - dy / length * back)
            }
            let opacity = (0.35 + 0.6 * min(max(tie.credibility, 0), 1)) * density
            var attributes = """
                stroke="\(style.colour)" stroke-width="\(SVG.n(style.width))" \
                stroke-opacity="\(NumberFormat.fixed(opacity, digits: 2))"
                """
            if !style.dashArray.isEmpty { attributes += " stroke-dasharray=\"\(style.dashArray)\"" }
            if style.arrow { attributes += " marker-end=\"url(#arrow-\(tie.kind.rawValue))\"" }
            let ends = "\(network.states[tie.from].name) - \(network.states[tie.to].name)"
            let tip = "\(style.label): \(ends), credibility \(NumberFormat.json(tie.credibility))"
            out += """
                  <line x1="\(SVG.n(a.x))" y1="\(SVG.n(a.y))" x2="\(SVG.n(end.x))" y2="\(SVG.n(end.y))" \
                \(attributes)><title>\(SVG.escape(tip))</title></line>

                """
        }
        out += "</g>\n"
    }

    /// The nodes, largest first so small states stay visible, then their labels.
    private static func writeStates(
        _ network: AllianceNetwork, _ layout: NodeLayout, _ blocs: BlocColours, labelled: Set<Int>?,
        into out: inout String
    ) {
        let n = network.count
        let (points, radius) = (layout.points, layout.radius)
        let order = (0..<n).sorted { radius[$0] != radius[$1] ? radius[$0] > radius[$1] : $0 < $1 }
        out += "<g id=\"states\">\n"
        for k in order {
            let state = network.states[k]
            let stroke = state.major ? SVG.ink : "#ffffff"
            let strokeWidth = state.major ? 1.6 : 1.2
            let tip =
                "\(state.name) (\(state.code)): capability \(NumberFormat.json(state.capability))"
                + (state.major ? ", major power" : "")
            out += """
                  <circle cx="\(SVG.n(points[k].x))" cy="\(SVG.n(points[k].y))" r="\(SVG.n(radius[k]))" \
                fill="\(blocs.colour[k])" fill-opacity="0.92" stroke="\(stroke)" stroke-width="\(SVG.n(strokeWidth))">\
                <title>\(SVG.escape(tip))</title></circle>

                """
        }
        out += "</g>\n"
        let labelSize = n > 80 ? 8.5 : (n > 40 ? 10 : 11.5)
        out += """
            <g id="labels" font-size="\(SVG.n(labelSize))" fill="\(SVG.ink)" stroke="#ffffff" stroke-width="3" \
            stroke-linejoin="round" paint-order="stroke">

            """
        for k in 0..<n where labelled?.contains(k) ?? true {
            let state = network.states[k]
            let x = points[k].x + radius[k] * 0.72 + 2, y = points[k].y - radius[k] * 0.72 - 2
            let weight = state.major ? " font-weight=\"700\"" : ""
            out += "  <text x=\"\(SVG.n(x))\" y=\"\(SVG.n(y))\"\(weight)>\(SVG.escape(state.code))</text>\n"
        }
        out += "</g>\n"
    }

    /// The legend panel on the right: tie kinds, blocs, the node-size key.
    private func writeLegend(
        _ network: AllianceNetwork, _ layout: NodeLayout, _ blocs: BlocColours, kindsPresent: [CommitmentKind],
        hidden: [(kind: CommitmentKind, count: Int)], into out: inout String
    ) {
        var legend = Legend(x: width - Self.legendWidth - 8, y: top + 28)
        let lx = legend.x
        out += "<g id=\"legend\" font-size=\"11.5\" fill=\"\(SVG.ink)\">\n"
        out += """
              <rect x="\(SVG.n(lx - 12))" y="\(SVG.n(top + 8))" width="\(SVG.n(Self.legendWidth))" \
            height="\(SVG.n(height - top - bottom - 8))" fill="#f7f8fa" stroke="#e3e6ec"/>

            """
        if !kindsPresent.isEmpty || !network.rivalries.isEmpty {
            legend.tieKinds(kindsPresent, rivalries: !network.rivalries.isEmpty)
        }
        if !hidden.isEmpty { legend.hiddenTies(hidden) }
        legend.blocs(blocs, network: network)
        legend.capabilityKey(layout)
        out += legend.out
        out += "</g>\n"
    }

    /// The layout as a caption states it: its name, and the seed when it draws random numbers.
    var layoutCaption: String { layout.caption + (layout == .fr ? ", seed \(seed)" : "") }

    /// The two caption lines under the drawing: only what is drawn (rivalry curves and arrows
    /// when there are some, hidden kinds and partial labels when the picture leaves some out).
    private func writeCaption(_ drawn: Drawn, into out: inout String) {
        let q = drawn.modularity.isNaN ? "n/a" : NumberFormat.fixed(drawn.modularity, digits: 3)
        let caption1 = """
            Node area is proportional to capability; colour marks blocs (Leiden modularity maximisation, \
            Q = \(q)). One line per pair of states: its most binding commitment; opacity rises with credibility.
            """
        var caption2 = "Layout: \(drawn.layout)."
        if drawn.rivalries { caption2 += " Red dashed curves: strategic rivalries." }
        if drawn.arrows { caption2 += " Arrows point from guarantor or patron to the protected state." }
        if !drawn.hidden.isEmpty { caption2 += " Kinds not drawn are counted in the legend." }
        if let labelled = drawn.labelled { caption2 += " Labels: \(labelled) states (most capable, majors)." }
        out += """
            <text x="24" y="\(SVG.n(height - 32))" font-size="11" fill="\(SVG.muted)">\(SVG.escape(caption1))</text>
            <text x="24" y="\(SVG.n(height - 16))" font-size="11" fill="\(SVG.muted)">\(SVG.escape(caption2))</text>

            """
    }
}

// MARK: What is drawn

/// Where each state is drawn: the igraph layout scaled into the plot area and rounded to 0.1 px,
/// and each node's radius (area proportional to capability, at least 2.5 px).
private struct NodeLayout {
    /// The largest capability (at least 1e-12), the reference of the node-size key.
    let maxCapability: Double
    /// The radius of the largest node: 9 to 30 px, smaller when there are more states.
    let rMax: Double
    let radius: [Double]
    let points: [(x: Double, y: Double)]

    init(
        _ raw: [(x: Double, y: Double)], network: AllianceNetwork, plot: (x: Double, y: Double, w: Double, h: Double)
    ) {
        let n = network.count
        let maxCapability = max(network.states.map(\.capability).max() ?? 1, 1e-12)
        let rMax = min(30, max(9, 220 / Double(max(n, 1)).squareRoot()))
        self.maxCapability = maxCapability
        self.rMax = rMax
        radius = network.states.map { max(2.5, rMax * ($0.capability / maxCapability).squareRoot()) }
        let xs = raw.map(\.x), ys = raw.map(\.y)
        let (minX, maxX) = (xs.min() ?? 0, xs.max() ?? 1), (minY, maxY) = (ys.min() ?? 0, ys.max() ?? 1)
        let pad = rMax + 14
        let scale = min(
            (plot.w - 2 * pad) / max(maxX - minX, 1e-9), (plot.h - 2 * pad) / max(maxY - minY, 1e-9))
        let offsetX = plot.x + pad + ((plot.w - 2 * pad) - (maxX - minX) * scale) / 2
        let offsetY = plot.y + pad + ((plot.h - 2 * pad) - (maxY - minY) * scale) / 2
        points = raw.map {
            (
                ((($0.x - minX) * scale + offsetX) * 10).rounded() / 10,
                ((($0.y - minY) * scale + offsetY) * 10).rounded() / 10
            )
        }
    }
}

/// The colour of each state: blocs in order of their number (by size, as `metrics` numbers
/// them) take the palette in turn; states without alliance ties are grey.
private struct BlocColours {
    /// Alliance ties per state (0: drawn grey, in no bloc).
    let degree: [Int]
    /// Each state's bloc (Leiden membership).
    let membership: [Int]
    /// The states with ties in each bloc.
    let members: [[Int]]
    /// Blocs with tied states, in order of their number (most states first).
    let ranked: [Int]
    /// Each bloc's colour.
    let blocColour: [String]
    /// Each state's colour.
    let colour: [String]

    init(_ network: AllianceNetwork, view: AllianceGraphView, partition: BlocPartition) {
        let n = network.count
        var degree = [Int](repeating: 0, count: n)
        for edge in view.edges { degree[edge.low] += 1; degree[edge.high] += 1 }
        let blocCount = partition.count
        var members = [[Int]](repeating: [], count: blocCount)
        for k in 0..<n where degree[k] > 0 { members[partition.membership[k]].append(k) }
        let ranked = (0..<blocCount).filter { !members[$0].isEmpty }
        var blocColour = [String](repeating: SVG.isolateColour, count: blocCount)
        for (rank, bloc) in ranked.enumerated() { blocColour[bloc] = SVG.palette[rank % SVG.palette.count] }
        self.degree = degree
        membership = partition.membership
        self.members = members
        self.ranked = ranked
        self.blocColour = blocColour
        colour = (0..<n).map { degree[$0] > 0 ? blocColour[partition.membership[$0]] : SVG.isolateColour }
    }
}

/// One drawn tie per pair of states: the most binding kind (`CommitmentStyle.precedence`), with
/// the largest pledge of that kind as credibility.
private struct DrawnTie {
    var kind: CommitmentKind
    var from: Int
    var to: Int
    var credibility: Double

    /// The ties of `network`, least binding kind first (so the most binding are drawn on top),
    /// then by pair.
    static func ties(of network: AllianceNetwork, kinds: Set<CommitmentKind>) -> [DrawnTie] {
        var drawn: [StatePair: DrawnTie] = [:]
        let rank = Dictionary(uniqueKeysWithValues: CommitmentStyle.precedence.enumerated().map { ($1, $0) })
        for c in network.commitments where kinds.contains(c.kind) {
            let pair = StatePair(c.from, c.to)
            let credibility = max(c.credibility, c.reverseCredibility ?? 0)
            let candidate = DrawnTie(kind: c.kind, from: c.from.index, to: c.to.index, credibility: credibility)
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
        return drawn.sorted { a, b in
            if rank[a.value.kind]! != rank[b.value.kind]! { return rank[a.value.kind]! > rank[b.value.kind]! }
            return (a.key.low, a.key.high) < (b.key.low, b.key.high)
        }.map(\.value)
    }
}

extension DrawnTie {
    /// The number of pairs of states joined by a commitment of each of `kinds` (a pair with two
    /// commitments of one kind, in different years, counts once); kinds without one are absent.
    static func pairCounts(of network: AllianceNetwork, kinds: Set<CommitmentKind>) -> [CommitmentKind: Int] {
        struct Key: Hashable {
            let pair: StatePair
            let kind: CommitmentKind
        }
        var seen = Set<Key>()
        var counts: [CommitmentKind: Int] = [:]
        for c in network.commitments where kinds.contains(c.kind) {
            if seen.insert(Key(pair: StatePair(c.from, c.to), kind: c.kind)).inserted {
                counts[c.kind, default: 0] += 1
            }
        }
        return counts
    }
}

/// The legend's entries, written top to bottom from (`x`, `y`): 18 px a line, 8 px between groups.
private struct Legend {
    let x: Double
    var y: Double
    var out = ""

    init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }

    mutating func heading(_ text: String) {
        out += """
              <text x="\(SVG.n(x))" y="\(SVG.n(y))" font-weight="600" font-size="11" fill="\(SVG.muted)" \
            letter-spacing="0.6">\(SVG.escape(text.uppercased()))</text>

            """
        y += 18
    }

    /// A key line per tie kind present, then rivalries when there are any.
    mutating func tieKinds(_ kindsPresent: [CommitmentKind], rivalries: Bool) {
        heading("Ties")
        for kind in kindsPresent + [nil] {
            if kind == nil && !rivalries { continue }
            let style = CommitmentStyle.style(forKind: kind?.rawValue ?? ScenarioGraphMapping.rivalryKind)
            var attributes = "stroke=\"\(style.colour)\" stroke-width=\"\(SVG.n(style.width))\""
            if !style.dashArray.isEmpty { attributes += " stroke-dasharray=\"\(style.dashArray)\"" }
            if style.arrow, let kind { attributes += " marker-end=\"url(#arrow-\(kind.rawValue))\"" }
            out += """
                  <line x1="\(SVG.n(x))" y1="\(SVG.n(y - 4))" x2="\(SVG.n(x + 34))" y2="\(SVG.n(y - 4))" \(attributes)/>
                  <text x="\(SVG.n(x + 44))" y="\(SVG.n(y))">\(SVG.escape(style.label))</text>

                """
            y += 18
        }
        y += 8
    }

    /// The kinds present but not drawn, with their counts.
    mutating func hiddenTies(_ hidden: [(kind: CommitmentKind, count: Int)]) {
        heading("Not drawn")
        for (kind, count) in hidden {
            let label = CommitmentStyle.style(forKind: kind.rawValue).label
            out +=
                "  <text x=\"\(SVG.n(x))\" y=\"\(SVG.n(y))\" fill=\"\(SVG.muted)\">"
                + "\(SVG.escape(label)): \(count) pairs</text>\n"
            y += 18
        }
        y += 8
    }

    /// The blocs of at least two states (at most nine, with their four most capable members),
    /// then the count of states without ties.
    mutating func blocs(_ blocs: BlocColours, network: AllianceNetwork) {
        let shownBlocs = blocs.ranked.filter { blocs.members[$0].count >= 2 }
        guard !shownBlocs.isEmpty else { return }
        heading("Blocs (by size)")
        for bloc in shownBlocs.prefix(9) {
            let members = blocs.members[bloc].sorted {
                network.states[$0].capability != network.states[$1].capability
                    ? network.states[$0].capability > network.states[$1].capability : $0 < $1
            }
            var text = members.prefix(4).map { network.states[$0].code }.joined(separator: ", ")
            if members.count > 4 { text += " +\(members.count - 4)" }
            let number = blocs.membership[members[0]] + 1
            swatch(blocs.blocColour[bloc])
            out += """
                  <text x="\(SVG.n(x + 20))" y="\(SVG.n(y))"><tspan font-weight="600">\(number)</tspan>  \
                \(SVG.escape(text))</text>

                """
            y += 18
        }
        if shownBlocs.count > 9 {
            let more = shownBlocs.count - 9
            out += "  <text x=\"\(SVG.n(x + 20))\" y=\"\(SVG.n(y))\" fill=\"\(SVG.muted)\">\(more) more blocs</text>\n"
            y += 18
        }
        if blocs.degree.contains(0) {
            swatch(SVG.isolateColour)
            let isolated = blocs.degree.filter { $0 == 0 }.count
            out += "  <text x=\"\(SVG.n(x + 20))\" y=\"\(SVG.n(y))\">No alliance ties (\(isolated))</text>\n"
            y += 18
        }
        y += 8
    }

    /// A filled circle of radius 6 at the start of the current line.
    private mutating func swatch(_ colour: String) {
        out += "  <circle cx=\"\(SVG.n(x + 7))\" cy=\"\(SVG.n(y - 4))\" r=\"6\" fill=\"\(colour)\"/>\n"
    }

    /// Three circles for the largest capability, a quarter and a sixteenth of it (rounded to two
    /// significant digits), then the major-power key.
    mutating func capabilityKey(_ layout: NodeLayout) {
        heading("Capability (node area)")
        let (maxCapability, rMax) = (layout.maxCapability, layout.rMax)
        let keyValues = [maxCapability, maxCapability / 4, maxCapability / 16].map(NetworkPicture.roundCapability)
        var kx = x + 4
        let baseline = y + rMax * 2 - 2
        for value in keyValues {
            let r = max(2.5, rMax * (value / maxCapability).squareRoot())
            out += """
                  <circle cx="\(SVG.n(kx + r))" cy="\(SVG.n(baseline - r))" r="\(SVG.n(r))" fill="none" \
                stroke="\(SVG.muted)" stroke-width="1"/>
                  <text x="\(SVG.n(kx + r))" y="\(SVG.n(baseline + 14))" text-anchor="middle" font-size="10.5" \
                fill="\(SVG.muted)">\(SVG.escape(SVG.tickLabel(value)))</text>

                """
            kx += 2 * r + 16
        }
        y = baseline + 34
        out += """
              <circle cx="\(SVG.n(x + 7))" cy="\(SVG.n(y - 4))" r="6" fill="#ffffff" stroke="\(SVG.ink)" \
            stroke-width="1.6"/>
              <text x="\(SVG.n(x + 20))" y="\(SVG.n(y))">Major power (bold label)</text>

            """
    }
}
