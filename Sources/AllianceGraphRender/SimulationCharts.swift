@_spi(Internals) import AllianceGraph
@_spi(Internals) import AllianceGraphFormats
/// The standard charts of a simulation run (issue: effort, threat, commitments and balance over
/// rounds), built from its round records.
package enum SimulationCharts {
    /// At most this many states get their own line in per-state charts: the largest by
    /// capability, so that the lines stay readable; the system mean is always drawn (dashed).
    package static let statesPerChart = 8

    /// Effort (share of GDP), threat (T_i), commitments by kind and structural balance over rounds.
    package static func charts(_ records: [RoundRecord], network: AllianceNetwork) -> [TimeSeriesChart] {
        guard !records.isEmpty else { return [] }
        let shown = network.ids.sorted {
            (network[$0].capability, -$0.index) > (network[$1].capability, -$1.index)
        }.prefix(statesPerChart)

        func perState(_ title: String, _ yLabel: String, _ value: (RoundRecord, Int) -> Double) -> TimeSeriesChart {
            var series = shown.map { id in
                TimeSeriesChart.Series(name: network[id].code, points: records.map { ($0.round, value($0, id.index)) })
            }
            series.append(
                TimeSeriesChart.Series(
                    name: "mean (all \(network.count))",
                    points: records.map { record in
                        (
                            record.round,
                            (0..<network.count).reduce(0.0) { $0 + value(record, $1) } / Double(max(network.count, 1))
                        )
                    },
                    colour: "#444444", dashed: true))
            return TimeSeriesChart(title: title, yLabel: yLabel, series: series)
        }

        let effort = perState("Military effort", "share of GDP") { $0.effort[$1] }
        let threat = perState("Perceived threat after propagation", "threat T_i (capability units)") { $0.threat[$1] }
        let kinds = CommitmentKind.allCases.enumerated().filter { k, _ in
            records.contains { $0.system.commitmentsByKind[k] > 0 }
        }
        var commitments = TimeSeriesChart(
            title: "Commitments by kind", yLabel: "commitments",
            series: kinds.map { k, kind in
                TimeSeriesChart.Series(
                    name: kind.rawValue, points: records.map { ($0.round, Double($0.system.commitmentsByKind[k])) })
            } + [
                TimeSeriesChart.Series(
                    name: "rivalries", points: records.map { ($0.round, Double($0.system.rivalries)) },
                    colour: "#c0392b", dashed: true)
            ])
        commitments.yRange = nil
        var balance = TimeSeriesChart(
            title: "Structural balance and concentration", yLabel: "share / index",
            series: [
                TimeSeriesChart.Series(
                    name: "balanced triangles", points: records.map { ($0.round, $0.system.balance) }),
                TimeSeriesChart.Series(
                    name: "concentration CON", points: records.map { ($0.round, $0.system.concentration) }),
                TimeSeriesChart.Series(
                    name: "mean credibility", points: records.map { ($0.round, $0.system.meanCredibility) }),
            ])
        balance.yRange = 0...1
        return [effort, threat, commitments, balance]
    }

    /// File names for `charts(_:network:)`, in the same order.
    package static let fileNames = ["effort.svg", "threat.svg", "commitments.svg", "balance.svg"]
}

extension CrisisTimeline {
    /// The timeline of a cascade: every belligerent in order of entry, its side and its cause in
    /// words (the same words as `alliancectl crisis`).
    package init(
        _ result: CrisisResult, engine: CrisisEngine, title: String, sideNames: (String, String) = ("A", "B")
    ) {
        let network = engine.network
        let entries = result.events.map { event in
            CrisisTimeline.Entry(
                step: event.step, state: network[event.state].code,
                side: event.side == .a
                    ? "\(sideNames.0) (\(network[result.attacker].code)'s side)"
                    : "\(sideNames.1) (\(network[result.target].code)'s side)",
                cause: CrisisOutput.describe(event.cause, in: engine))
        }
        self.init(title: title, entries: entries)
    }
}
