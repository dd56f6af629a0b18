@_spi(Internals) import AllianceGraph
@_spi(Internals) import AllianceGraphFormats
@_spi(Internals) import AllianceGraphRender
import ArgumentParser
import Foundation

/// `alliancectl plot TABLE.csv --x COL --y COL [--series COL] -o FILE.svg`: a line chart of a
/// sweep's exported table, the mean of y over the rows (replicates) at each x, one line per
/// value of the series column.
struct PlotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plot",
        abstract: "Chart a sweep's table (runs.csv or rounds.csv): mean of a column against another, per series.",
        discussion: """
            Rows are grouped by (--series value, --x value) and --y is averaged over each group (NA values \
            are left out), so replicates become one mean line per series. Lines are drawn with the HTML \
            report's SVG chart; a non-integer x is charted at a scale of 10^k that makes it whole and \
            labelled in its own units. --where COL=VALUE (repeatable) keeps only the rows with that text in \
            that column. See docs/EXPERIMENTS.md.
            """
    )

    @Argument(help: ArgumentHelp("A CSV table with a header row (alliancectl sweep --export csv).", valueName: "table"))
    var table: String

    @Option(help: ArgumentHelp("Column on the x axis (numbers).", valueName: "column"))
    var x: String

    @Option(help: ArgumentHelp("Column averaged on the y axis (numbers; NA skipped).", valueName: "column"))
    var y: String

    @Option(help: ArgumentHelp("Column whose values make the lines (default: one line).", valueName: "column"))
    var series: String?

    @Option(
        name: .customLong("where"), help: ArgumentHelp("Keep rows with COL=VALUE (repeatable).", valueName: "col=value")
    )
    var filters: [String] = []

    @Flag(help: "Start the y axis at zero (default: fit the range of the means).")
    var fromZero = false

    @Option(help: "Chart title (default: y by x).")
    var title: String?

    @Option(name: .shortAndLong, help: ArgumentHelp("The SVG file to write.", valueName: "file"))
    var output: String

    func run() throws {
        try reportingErrors {
            let reader = try CSVReader(path: table)
            let layout = "a table with a header row"
            let xColumn = try reader.requireColumn(x, layout: layout)
            let yColumn = try reader.requireColumn(y, layout: layout)
            let seriesColumn = try series.map { name throws(InputError) in
                try reader.requireColumn(name, layout: layout)
            }
            var conditions: [(Int, String)] = []
            for filter in filters {
                guard let equals = filter.firstIndex(of: "=") else {
                    throw ValidationError("--where \(filter): expected COL=VALUE.")
                }
                conditions.append(
                    (
                        try reader.requireColumn(String(filter[..<equals]), layout: layout),
                        String(filter[filter.index(after: equals)...])
                    ))
            }
            var sums: [String: [Double: (sum: Double, count: Int)]] = [:]
            var order: [String] = []
            try reader.forEachRow { fields, line throws(InputError) in
                guard conditions.allSatisfy({ fields[$0.0] == $0.1 }) else { return }
                guard let xValue = Double(fields[xColumn]), xValue.isFinite else {
                    throw InputError(
                        file: table, location: "line \(line)", "\(x) is not a number: \(fields[xColumn].prefix(40))")
                }
                guard let yValue = Double(fields[yColumn]), yValue.isFinite else { return }
                let key = seriesColumn.map { "\(series!) = \(fields[$0])" } ?? y
                if sums[key] == nil { order.append(key) }
                let entry = sums[key, default: [:]][xValue] ?? (0, 0)
                sums[key, default: [:]][xValue] = (entry.sum + yValue, entry.count + 1)
            }
            guard !order.isEmpty else { throw InputError(file: table, "no rows with a number in \(y) to chart") }
            let xs = sums.values.flatMap(\.keys)
            let scale = Self.integerScale(xs)
            let lines = order.map { key in
                TimeSeriesChart.Series(
                    name: key,
                    points: sums[key]!.sorted { $0.key < $1.key }.map {
                        (Int(($0.key * scale).rounded()), $0.value.sum / Double($0.value.count))
                    })
            }
            var chart = TimeSeriesChart(title: title ?? "\(y) by \(x)", yLabel: "mean \(y)", series: lines)
            chart.xLabel = x
            chart.xLabelScale = scale
            let means = lines.flatMap { $0.points.map(\.value) }
            if !fromZero, let low = means.min(), let high = means.max() {
                let pad = max((high - low) * 0.08, abs(high) * 1e-3, 1e-9)
                chart.yRange = (low - pad)...(high + pad)
            }
            try FileOutput.write(chart.svg(), to: output)
        }
    }

    /// The smallest 10^k (k <= 6) that makes every value whole (within 1e-6).
    static func integerScale(_ values: [Double]) -> Double {
        var scale = 1.0
        for _ in 0..<6 {
            if values.allSatisfy({ abs($0 * scale - ($0 * scale).rounded()) < 1e-6 }) { break }
            scale *= 10
        }
        return scale
    }
}
