@_spi(Internals) import AllianceGraph
@_spi(Internals) import AllianceGraphFormats
/// A line chart of named series over simulation rounds, as SVG (effort, threat, commitments,
/// balance over rounds).
///
/// Input is deliberately plain: each series is a name and `(round, value)` points, so that any
/// run record can be charted. Non-finite values break a line. Axes get "nice" ticks; the y axis
/// starts at zero when all values are non-negative (unless `yRange` is given). Deterministic:
/// coordinates rounded to 0.1 px, colours in series order.
public struct TimeSeriesChart: Sendable {
    public struct Series: Sendable {
        public var name: String
        public var points: [(round: Int, value: Double)]
        /// Optional colour (hex); defaults to the palette in series order.
        public var colour: String?
        /// Draw dashed (e.g. a reference or a mean over replicates).
        public var dashed: Bool

        public init(name: String, points: [(round: Int, value: Double)], colour: String? = nil, dashed: Bool = false) {
            self.name = name
            self.points = points
            self.colour = colour
            self.dashed = dashed
        }
    }

    public var title: String
    public var yLabel: String
    public var xLabel: String = "Round"
    public var series: [Series]
    public var width: Double = 720
    public var height: Double = 340
    /// Fixed y range; nil to fit the data.
    public var yRange: ClosedRange<Double>?
    /// The x tick labels show `round / xLabelScale`: a non-integer x (a parameter value) is
    /// charted as `round = value * xLabelScale` and labelled in its own units.
    package var xLabelScale: Double = 1

    public init(title: String, yLabel: String, series: [Series]) {
        self.title = title
        self.yLabel = yLabel
        self.series = series
    }

    public func svg() -> String {
        let legendWidth = series.count > 1 ? 170.0 : 0
        let left = 64.0, right = 20 + legendWidth, top = 44.0, bottom = 48.0
        let plotW = width - left - right, plotH = height - top - bottom
        let all = series.flatMap(\.points)
        let finite = all.filter { $0.value.isFinite }
        let minRound = all.map(\.round).min() ?? 0, maxRound = max(all.map(\.round).max() ?? 1, minRound + 1)
        var low = finite.map(\.value).min() ?? 0, high = finite.map(\.value).max() ?? 1
        if let yRange {
            low = yRange.lowerBound; high = yRange.upperBound
        } else {
            if low >= 0 { low = 0 }
            if high <= low { high = low + 1 }
            let span = high - low
            high += span * 0.05
            if low < 0 { low -= span * 0.05 }
        }
        let yTicks = SVG.ticks(low, high)
        if yRange == nil, let first = yTicks.first, let last = yTicks.last {
            low = min(low, first); high = max(high, last)
        }
        let xTicks = SVG.ticks(Double(minRound), Double(maxRound), count: 6).filter { $0 == $0.rounded() }
        func x(_ round: Double) -> Double { left + (round - Double(minRound)) / Double(maxRound - minRound) * plotW }
        func y(_ value: Double) -> Double { top + (1 - (value - low) / (high - low)) * plotH }

        var out = SVG.open(width: width, height: height, title: title)
        out +=
            "<text x=\"\(SVG.n(left))\" y=\"24\" font-size=\"15\" font-weight=\"600\" fill=\"\(SVG.ink)\">\(SVG.escape(title))</text>\n"
        out += "<g id=\"grid\" stroke=\"#e6e9ef\" stroke-width=\"1\">\n"
        for t in yTicks {
            out +=
                "  <line x1=\"\(SVG.n(left))\" y1=\"\(SVG.n(y(t)))\" x2=\"\(SVG.n(left + plotW))\" y2=\"\(SVG.n(y(t)))\"/>\n"
        }
        out += "</g>\n"
        out += "<g id=\"axes\" font-size=\"11\" fill=\"\(SVG.muted)\">\n"
        out +=
            "  <line x1=\"\(SVG.n(left))\" y1=\"\(SVG.n(top + plotH))\" x2=\"\(SVG.n(left + plotW))\" y2=\"\(SVG.n(top + plotH))\" stroke=\"\(SVG.muted)\"/>\n"
        out +=
            "  <line x1=\"\(SVG.n(left))\" y1=\"\(SVG.n(top))\" x2=\"\(SVG.n(left))\" y2=\"\(SVG.n(top + plotH))\" stroke=\"\(SVG.muted)\"/>\n"
        for t in yTicks {
            out +=
                "  <text x=\"\(SVG.n(left - 7))\" y=\"\(SVG.n(y(t) + 4))\" text-anchor=\"end\">\(SVG.escape(SVG.tickLabel(t)))</text>\n"
        }
        for t in xTicks {
            out +=
                "  <line x1=\"\(SVG.n(x(t)))\" y1=\"\(SVG.n(top + plotH))\" x2=\"\(SVG.n(x(t)))\" y2=\"\(SVG.n(top + plotH + 5))\" stroke=\"\(SVG.muted)\"/>\n"
            out +=
                "  <text x=\"\(SVG.n(x(t)))\" y=\"\(SVG.n(top + plotH + 18))\" text-anchor=\"middle\">"
                + "\(SVG.escape(SVG.tickLabel(t / xLabelScale)))</text>\n"
        }
        out +=
            "  <text x=\"\(SVG.n(left + plotW / 2))\" y=\"\(SVG.n(height - 10))\" text-anchor=\"middle\" font-size=\"11.5\">\(SVG.escape(xLabel))</text>\n"
        out +=
            "  <text transform=\"translate(16,\(SVG.n(top + plotH / 2))) rotate(-90)\" text-anchor=\"middle\" font-size=\"11.5\">\(SVG.escape(yLabel))</text>\n"
        out += "</g>\n"
        out += "<g id=\"series\" fill=\"none\" stroke-width=\"2\" stroke-linejoin=\"round\" stroke-linecap=\"round\">\n"
        for (k, s) in series.enumerated() {
            let colour = s.colour ?? SVG.palette[k % SVG.palette.count]
            var path = "", pen = false
            for point in s.points.sorted(by: { $0.round < $1.round }) {
                guard point.value.isFinite else { pen = false; continue }
                path +=
                    (pen ? " L" : (path.isEmpty ? "M" : " M"))
                    + "\(SVG.n(x(Double(point.round)))),\(SVG.n(y(point.value)))"
                pen = true
            }
            guard !path.isEmpty else { continue }
            out +=
                "  <path d=\"\(path)\" stroke=\"\(colour)\"\(s.dashed ? " stroke-dasharray=\"6 4\"" : "")><title>\(SVG.escape(s.name))</title></path>\n"
        }
        out += "</g>\n"
        if series.count > 1 {
            let lx = width - legendWidth + 4
            out += "<g id=\"legend\" font-size=\"11.5\" fill=\"\(SVG.ink)\">\n"
            for (k, s) in series.prefix(14).enumerated() {
                let colour = s.colour ?? SVG.palette[k % SVG.palette.count]
                let ly = top + 8 + Double(k) * 18
                out +=
                    "  <line x1=\"\(SVG.n(lx))\" y1=\"\(SVG.n(ly - 4))\" x2=\"\(SVG.n(lx + 22))\" y2=\"\(SVG.n(ly - 4))\" stroke=\"\(colour)\" stroke-width=\"2.5\"\(s.dashed ? " stroke-dasharray=\"6 4\"" : "")/>\n"
                out +=
                    "  <text x=\"\(SVG.n(lx + 30))\" y=\"\(SVG.n(ly))\">\(SVG.escape(String(s.name.prefix(22))))</text>\n"
            }
            if series.count > 14 {
                out +=
                    "  <text x=\"\(SVG.n(lx + 30))\" y=\"\(SVG.n(top + 8 + 14 * 18))\" fill=\"\(SVG.muted)\">+\(series.count - 14) more</text>\n"
            }
            out += "</g>\n"
        }
        return out + "</svg>\n"
    }
}
