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
        var series = Series(network: network)
        for record in records { series.add(record) }
        return series.charts()
    }

    /// The values the charts draw, taken from the records one round at a time, so that a run
    /// that keeps no records (`Simulation(keepingRecords: false)`) can still be charted: per
    /// round, the effort and threat of the `statesPerChart` largest states and their means over
    /// all states, the commitment count of each kind, the rivalries, and three system shares.
    /// That is at most 2 x (8 + 1) + 5 + 1 + 3 = 27 points (16 bytes each) a round, whatever the
    /// number of states; `charts()` gives the same charts as `charts(_:network:)` on all the records.
    package struct Series {
        typealias Point = (round: Int, value: Double)
        let network: AllianceNetwork
        /// The states with a line of their own: the largest by capability, ties by index.
        let shown: [StateID]
        var effort: [[Point]]
        var threat: [[Point]]
        var effortMean: [Point] = []
        var threatMean: [Point] = []
        var kinds: [[Point]]
        /// Whether any round had a commitment of the kind (kinds never in force get no line).
        var kindSeen: [Bool]
        var rivalries: [Point] = []
        var balance: [Point] = []
        var concentration: [Point] = []
        var credibility: [Point] = []

        package init(network: AllianceNetwork) {
            self.network = network
            shown = Array(
                network.ids.sorted {
                    (network[$0].capability, -$0.index) > (network[$1].capability, -$1.index)
                }.prefix(statesPerChart))
            effort = Array(repeating: [], count: shown.count)
            threat = Array(repeating: [], count: shown.count)
            kinds = Array(repeating: [], count: CommitmentKind.allCases.count)
            kindSeen = Array(repeating: false, count: CommitmentKind.allCases.count)
        }

        /// Takes the values of one round's record (records in round order).
        package mutating func add(_ record: RoundRecord) {
            let n = network.count
            for (k, id) in shown.enumerated() {
                effort[k].append((record.round, record.effort[id.index]))
                threat[k].append((record.round, record.threat[id.index]))
            }
            effortMean.append((record.round, (0..<n).reduce(0.0) { $0 + record.effort[$1] } / Double(max(n, 1))))
            threatMean.append((record.round, (0..<n).reduce(0.0) { $0 + record.threat[$1] } / Double(max(n, 1))))
            for (k, count) in record.system.commitmentsByKind.enumerated() {
                kinds[k].append((record.round, Double(count)))
                if count > 0 { kindSeen[k] = true }
            }
            rivalries.append((record.round, Double(record.system.rivalries)))
            balance.append((record.round, record.system.balance))
            concentration.append((record.round, record.system.concentration))
            credibility.append((record.round, record.system.meanCredibility))
        }

        /// The four charts (none before the first record), in `fileNames` order.
        package func charts() -> [TimeSeriesChart] {
            guard !effortMean.isEmpty else { return [] }
            func perState(_ title: String, _ yLabel: String, _ lines: [[Point]], _ mean: [Point])
                -> TimeSeriesChart
            {
                var series = zip(shown, lines).map { id, points in
                    TimeSeriesChart.Series(name: network[id].code, points: points)
                }
                series.append(
                    TimeSeriesChart.Series(
                        name: "mean (all \(network.count))", points: mean, colour: "#444444", dashed: true))
                return TimeSeriesChart(title: title, yLabel: yLabel, series: series)
            }
            let effortChart = perState("Military effort", "share of GDP", effort, effortMean)
            let threatChart = perState(
                "Perceived threat after propagation", "threat T_i (capability units)", threat, threatMean)
            var commitments = TimeSeriesChart(
                title: "Commitments by kind", yLabel: "commitments",
                series: CommitmentKind.allCases.enumerated().filter { k, _ in kindSeen[k] }.map { k, kind in
                    TimeSeriesChart.Series(name: kind.rawValue, points: kinds[k])
                } + [TimeSeriesChart.Series(name: "rivalries", points: rivalries, colour: "#c0392b", dashed: true)])
            commitments.yRange = nil
            var balanceChart = TimeSeriesChart(
                title: "Structural balance and concentration", yLabel: "share / index",
                series: [
                    TimeSeriesChart.Series(name: "balanced triangles", points: balance),
                    TimeSeriesChart.Series(name: "concentration CON", points: concentration),
                    TimeSeriesChart.Series(name: "mean credibility", points: credibility),
                ])
            balanceChart.yRange = 0...1
            return [effortChart, threatChart, commitments, balanceChart]
        }
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
