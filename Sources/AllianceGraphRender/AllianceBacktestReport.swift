@_spi(Internals) import AllianceGraph
@_spi(Internals) import AllianceGraphFormats

/// The alliance backtest as one self-contained HTML page: the totals table, then per horizon the
/// new-pact AUC-PR of every method over the windows' start years and the pooled precision-recall
/// curves. Deterministic: no timestamps; same results, same bytes.
package struct AllianceBacktestReport: Sendable {
    package var results: [BacktestWindowResult]
    package var summary: BacktestSummary
    package var info: BacktestOutput.RunInfo

    package init(results: [BacktestWindowResult], summary: BacktestSummary, info: BacktestOutput.RunInfo) {
        self.results = results
        self.summary = summary
        self.info = info
    }

    /// AUC-PR of each method per window start year, at `horizon`.
    package func precisionChart(horizon: Int) -> TimeSeriesChart {
        var chart = TimeSeriesChart(
            title: "New defence pacts, k = \(horizon): AUC-PR per window", yLabel: "AUC-PR (average precision)",
            series: ForecastMethod.allCases.map { method in
                TimeSeriesChart.Series(
                    name: method.rawValue,
                    points: results.filter { $0.horizon == horizon }.compactMap { w in
                        w.score(method).map { (w.startYear, $0.formation.averagePrecision) }
                    }, dashed: method == .persistence)
            })
        chart.xLabel = "Start year Y (scored against Y + \(horizon))"
        chart.yRange = 0...1
        return chart
    }

    /// The pooled precision-recall curve of each method at `horizon`: the highest precision
    /// reached at each whole percent of recall (interpolated precision).
    package func curveChart(horizon: Int) -> TimeSeriesChart {
        let series = ForecastMethod.allCases.map { method in
            let pooled = BacktestSummary.pooled(results, horizon: horizon, method: method)
            var best: [Int: Double] = [:]
            for point in RankingScore.curve(scores: pooled.scores, labels: pooled.labels, maxPoints: 100_000) {
                let percent = Int((point.recall * 100).rounded())
                best[percent] = max(best[percent] ?? 0, point.precision)
            }
            return TimeSeriesChart.Series(
                name: method.rawValue, points: best.keys.sorted().map { ($0, best[$0]!) },
                dashed: method == .persistence)
        }
        var chart = TimeSeriesChart(
            title: "New defence pacts, k = \(horizon): precision-recall, all windows pooled", yLabel: "Precision",
            series: series)
        chart.xLabel = "Recall (%)"
        chart.yRange = 0...1
        return chart
    }

    package func render() -> String {
        let e = SVG.escape
        let c = info.configuration
        var html = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="generator" content="AllianceGraph \(e(AllianceGraphVersion.string))">
            <title>Alliance backtest \(info.from)-\(info.to)</title>
            <style>\(HTMLReport.css)</style>
            </head>
            <body>
            <main>
            <header>
            <p class="kicker">Alliance backtest against ATOP</p>
            <h1>Defence pacts formed and ended, \(info.from)\u{2013}\(info.to)</h1>
            <p class="meta">\(c.replicates) replicates per window \u{00B7} \(c.roundsPerYear) round(s) per year \
            \u{00B7} seed \(c.seed)\(info.profile.map { " \u{00B7} profile \(e($0))" } ?? "") \u{00B7} \
            rules \(e(c.simulation.rules.map(\.rawValue).joined(separator: ", ")))</p>
            </header>
            <h2>Totals</h2>
            <pre>\(e(BacktestOutput.table(summary, top: c.top)))</pre>
            <p class="meta">Mean AP: mean over windows with a new pact of the area under the precision-recall curve \
            of new defence pacts; pooled AP: all windows ranked together; prevalence: the AP of a random ranking. \
            Ends AP ranks the start year's pacts by how likely they are to end.</p>

            """
        for (k, horizon) in Set(results.map(\.horizon)).sorted().enumerated() {
            html += """
                <figure>
                \(precisionChart(horizon: horizon).svg())<figcaption><strong>Figure \(2 * k + 1).</strong> \
                AUC-PR of new \
                defence pacts per window (start year Y, real network of Y + \(horizon)). Persistence (dashed) scores \
                the window's prevalence.</figcaption>
                </figure>
                <figure>
                \(curveChart(horizon: horizon).svg())<figcaption><strong>Figure \(2 * k + 2).</strong> Precision \
                against recall of new defence pacts, k = \(horizon), all windows pooled (highest precision at each \
                percent of recall).</figcaption>
                </figure>

                """
        }
        html += "</main>\n</body>\n</html>\n"
        return html
    }
}
