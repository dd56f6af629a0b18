import AllianceGraph
import AllianceGraphFormats

/// The HTML page of `backtest wars --report`: the totals, a calibration plot of the ensemble's
/// entry probabilities (and the constant rate), and the per-war table. Self-contained: inline
/// CSS and SVG, no script.
package enum BacktestReport {
    package static func html(_ result: WarBacktestResult, title: String) -> String {
        let e = SVG.escape
        var html = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="generator" content="AllianceGraph \(e(AllianceGraphVersion.string))">
            <title>Who joins wars</title>
            <style>\(HTMLReport.css)</style>
            </head>
            <body>
            <main>
            <header><p class="kicker">Backtest</p><h1>Who joins wars</h1>
            <p class="meta">\(e(title))</p></header>

            """
        html +=
            "<section><h2>Totals</h2>\n"
            + table(
                [
                    "method", "period", "wars", "tp", "fp", "fn", "wrong side", "precision", "recall", "F1", "Brier",
                    "log loss",
                ],
                result.totals.map { t in
                    let probabilistic = t.method == .ensemble || t.method == .constant
                    return [
                        t.method.rawValue, t.period.rawValue, "\(t.wars)", "\(t.score.tp)", "\(t.score.fp)",
                        "\(t.score.fn)", "\(t.score.wrongSide)", WarBacktestOutput.number(t.score.precision, 3),
                        WarBacktestOutput.number(t.score.recall, 3), WarBacktestOutput.number(t.score.f1, 3),
                        WarBacktestOutput.number(t.probability.brier),
                        probabilistic ? WarBacktestOutput.number(t.probability.meanLogLoss) : "",
                    ]
                })
        html +=
            "<p>Constant entry rate fitted on the wars before 1946: "
            + "\(WarBacktestOutput.number(result.constantRate, 5)).</p></section>\n"
        html += "<section><h2>Calibration of the ensemble</h2>\n" + calibrationSVG(result) + "</section>\n"
        html +=
            "<section><h2>Per war</h2>\n"
            + table(
                ["war", "year", "opening", "fought"] + WarBacktestMethod.predicting.map { "F1 \($0.rawValue)" },
                result.scored.map { war in
                    ["\(war.war)", "\(war.year)", "\(war.attacker) \u{2192} \(war.target)", "\(war.actual.count)"]
                        + WarBacktestMethod.predicting.map { WarBacktestOutput.number(war.scores[$0]?.f1 ?? .nan, 2) }
                })
        if !result.skipped.isEmpty {
            html +=
                "<h3>Skipped</h3>\n"
                + table(
                    ["war", "year", "reason"], result.skipped.map { ["\($0.war)", "\($0.year)", $0.reason] })
        }
        html += "</section>\n</main>\n</body>\n</html>\n"
        return html
    }

    static func table(_ headers: [String], _ rows: [[String]]) -> String {
        let e = SVG.escape
        var out = "<table>\n<thead><tr>" + headers.map { "<th>\(e($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for row in rows { out += "<tr>" + row.map { "<td>\(e($0))</td>" }.joined() + "</tr>\n" }
        return out + "</tbody>\n</table>\n"
    }

    /// Mean forecast (x) against observed frequency (y) per decile bin, dot area by count, with
    /// the diagonal of perfect calibration.
    static func calibrationSVG(_ result: WarBacktestResult) -> String {
        let width = 420.0, height = 420.0, left = 56.0, top = 24.0, plot = 320.0
        func x(_ v: Double) -> Double { left + v * plot }
        func y(_ v: Double) -> Double { top + (1 - v) * plot }
        var svg = SVG.open(width: width, height: height, title: "Calibration of the ensemble's entry probabilities")
        svg +=
            "<rect x=\"\(SVG.n(left))\" y=\"\(SVG.n(top))\" width=\"\(SVG.n(plot))\" height=\"\(SVG.n(plot))\" "
            + "fill=\"none\" stroke=\"\(SVG.muted)\"/>\n"
        svg +=
            "<line x1=\"\(SVG.n(x(0)))\" y1=\"\(SVG.n(y(0)))\" x2=\"\(SVG.n(x(1)))\" y2=\"\(SVG.n(y(1)))\" "
            + "stroke=\"\(SVG.muted)\" stroke-dasharray=\"4 3\"/>\n"
        for t in SVG.ticks(0, 1) {
            svg +=
                "<text x=\"\(SVG.n(x(t)))\" y=\"\(SVG.n(top + plot + 16))\" font-size=\"11\" text-anchor=\"middle\" "
                + "fill=\"\(SVG.ink)\">\(SVG.tickLabel(t))</text>\n"
            svg +=
                "<text x=\"\(SVG.n(left - 6))\" y=\"\(SVG.n(y(t) + 4))\" font-size=\"11\" text-anchor=\"end\" "
                + "fill=\"\(SVG.ink)\">\(SVG.tickLabel(t))</text>\n"
        }
        svg +=
            "<text x=\"\(SVG.n(left + plot / 2))\" y=\"\(SVG.n(top + plot + 36))\" font-size=\"12\" "
            + "text-anchor=\"middle\" fill=\"\(SVG.ink)\">mean forecast P(enter)</text>\n"
        svg +=
            "<text x=\"14\" y=\"\(SVG.n(top + plot / 2))\" font-size=\"12\" text-anchor=\"middle\" fill=\"\(SVG.ink)\" "
            + "transform=\"rotate(-90 14 \(SVG.n(top + plot / 2)))\">observed share that fought</text>\n"
        let rows = WarBacktestOutput.calibration(result, method: .ensemble)
        let most = Double(rows.map(\.count).max() ?? 1)
        for row in rows {
            let r = 3 + 9 * (Double(row.count) / most).squareRoot()
            svg +=
                "<circle cx=\"\(SVG.n(x(row.forecast)))\" cy=\"\(SVG.n(y(row.observed)))\" r=\"\(SVG.n(r))\" "
                + "fill=\"\(SVG.palette[0])\" fill-opacity=\"0.8\">"
                + "<title>\(SVG.escape(row.bin)): \(row.count) forecasts"
                + "</title></circle>\n"
        }
        let c = result.constantRate
        svg +=
            "<circle cx=\"\(SVG.n(x(c)))\" cy=\"\(SVG.n(y(c)))\" r=\"4\" fill=\"none\" stroke=\"\(SVG.palette[1])\">"
            + "<title>constant rate</title></circle>\n"
        return svg + "</svg>\n"
    }
}
