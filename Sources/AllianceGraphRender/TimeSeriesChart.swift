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
        let plot = Plot(
            left: left, top: top, width: plotW, height: plotH, minRound: minRound, maxRound: maxRound, low: low,
            high: high)

        var out = SVG.open(width: width, height: height, title: title)
        out += """
            <text x="\(SVG.n(left))" y="24" font-size="15" font-weight="600" \
            fill="\(SVG.ink)">\(SVG.escape(title))</text>

            """
        writeAxes(plot, yTicks: yTicks, xTicks: xTicks, into: &out)
        writeSeries(plot, into: &out)
        if series.count > 1 { writeLegend(x: width - legendWidth + 4, top: top, into: &out) }
        return out + "</svg>\n"
    }

    /// The plot area in px and the data range it shows.
    private struct Plot {
        let left: Double, top: Double, width: Double, height: Double
        let minRound: Int, maxRound: Int
        let low: Double, high: Double

        func x(_ round: Double) -> Double { left + (round - Double(minRound)) / Double(maxRound - minRound) * width }
        func y(_ value: Double) -> Double { top + (1 - (value - low) / (high - low)) * height }
    }

    /// Horizontal grid lines, the two axes with their ticks, and the axis labels.
    private func writeAxes(_ plot: Plot, yTicks: [Double], xTicks: [Double], into out: inout String) {
        let (left, top, plotW, plotH) = (plot.left, plot.top, plot.width, plot.height)
        out += "<g id=\"grid\" stroke=\"#e6e9ef\" stroke-width=\"1\">\n"
        for t in yTicks {
            let y = SVG.n(plot.y(t))
            out += "  <line x1=\"\(SVG.n(left))\" y1=\"\(y)\" x2=\"\(SVG.n(left + plotW))\" y2=\"\(y)\"/>\n"
        }
        out += "</g>\n"
        out += "<g id=\"axes\" font-size=\"11\" fill=\"\(SVG.muted)\">\n"
        out += """
              <line x1="\(SVG.n(left))" y1="\(SVG.n(top + plotH))" x2="\(SVG.n(left + plotW))" \
            y2="\(SVG.n(top + plotH))" stroke="\(SVG.muted)"/>
              <line x1="\(SVG.n(left))" y1="\(SVG.n(top))" x2="\(SVG.n(left))" y2="\(SVG.n(top + plotH))" \
            stroke="\(SVG.muted)"/>

            """
        for t in yTicks {
            out += """
                  <text x="\(SVG.n(left - 7))" y="\(SVG.n(plot.y(t) + 4))" text-anchor="end">\
                \(SVG.escape(SVG.tickLabel(t)))</text>

                """
        }
        for t in xTicks {
            let x = SVG.n(plot.x(t))
            out += """
                  <line x1="\(x)" y1="\(SVG.n(top + plotH))" x2="\(x)" y2="\(SVG.n(top + plotH + 5))" \
                stroke="\(SVG.muted)"/>
                  <text x="\(x)" y="\(SVG.n(top + plotH + 18))" text-anchor="middle">\
                \(SVG.escape(SVG.tickLabel(t / xLabelScale)))</text>

                """
        }
        out += """
              <text x="\(SVG.n(left + plotW / 2))" y="\(SVG.n(height - 10))" text-anchor="middle" font-size="11.5">\
            \(SVG.escape(xLabel))</text>
              <text transform="translate(16,\(SVG.n(top + plotH / 2))) rotate(-90)" text-anchor="middle" \
            font-size="11.5">\(SVG.escape(yLabel))</text>
            </g>

            """
    }

    /// One path per series; a non-finite value lifts the pen.
    private func writeSeries(_ plot: Plot, into out: inout String) {
        out += "<g id=\"series\" fill=\"none\" stroke-width=\"2\" stroke-linejoin=\"round\" stroke-linecap=\"round\">\n"
        for (k, s) in series.enumerated() {
            let colour = s.colour ?? SVG.palette[k % SVG.palette.count]
            var path = "", pen = false
            for point in s.points.sorted(by: { $0.round < $1.round }) {
                guard point.value.isFinite else { pen = false; continue }
                path +=
                    (pen ? " L" : (path.isEmpty ? "M" : " M"))
                    + "\(SVG.n(plot.x(Double(point.round)))),\(SVG.n(plot.y(point.value)))"
                pen = true
            }
            guard !path.isEmpty else { continue }
            let dash = s.dashed ? " stroke-dasharray=\"6 4\"" : ""
            out += "  <path d=\"\(path)\" stroke=\"\(colour)\"\(dash)><title>\(SVG.escape(s.name))</title></path>\n"
        }
        out += "</g>\n"
    }

    /// The legend right of the plot: the first 14 series, then how many more.
    private func writeLegend(x lx: Double, top: Double, into out: inout String) {
        out += "<g id=\"legend\" font-size=\"11.5\" fill=\"\(SVG.ink)\">\n"
        for (k, s) in series.prefix(14).enumerated() {
            let colour = s.colour ?? SVG.palette[k % SVG.palette.count]
            let ly = top + 8 + Double(k) * 18
            let dash = s.dashed ? " stroke-dasharray=\"6 4\"" : ""
            out += """
                  <line x1="\(SVG.n(lx))" y1="\(SVG.n(ly - 4))" x2="\(SVG.n(lx + 22))" y2="\(SVG.n(ly - 4))" \
                stroke="\(colour)" stroke-width="2.5"\(dash)/>
                  <text x="\(SVG.n(lx + 30))" y="\(SVG.n(ly))">\(SVG.escape(String(s.name.prefix(22))))</text>

                """
        }
        if series.count > 14 {
            out += """
                  <text x="\(SVG.n(lx + 30))" y="\(SVG.n(top + 8 + 14 * 18))" fill="\(SVG.muted)">\
                +\(series.count - 14) more</text>

                """
        }
        out += "</g>\n"
    }
}
