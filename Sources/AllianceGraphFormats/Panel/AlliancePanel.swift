@_spi(Internals) import AllianceGraph

/// Year panels: the metrics of the alliance network of every year of a range, as three tidy
/// tables keyed the way the peace-science tools key theirs (peacesciencer in R, and pandas), so
/// that a left join on `ccode, year` or `ccode1, ccode2, year` adds them to a state-year or
/// dyad-year frame (docs/PANEL.md).
///
/// - **state-year**: `ccode, stateabb, year`, then every state metric of `alliancectl metrics`
///   for that year, with the same values (`NetworkMetrics.compute` on the network in force, with
///   the imported scenario's parameters and the same seed).
/// - **dyad-year**: `ccode1, ccode2, year, stateabb1, stateabb2`, then 0/1 for each commitment
///   kind (for a directed kind, 1 where state 1 pledges to state 2), the alliance strength of the
///   pair (`AllianceGraphView`, 0 without a tie), the portfolio similarity S (unweighted, valued
///   ties: `PortfolioSimilarity`), whether both states are in the same Leiden bloc and the same
///   signed bloc (`NA` when those metrics are not computed), and 0/1 for a rivalry in force.
///   Directed: each pair appears in both orders, as in peacesciencer's default dyad-years.
/// - **system-year**: `year`, then every system metric.
///
/// Each year is one `alliancectl import` of that year (the same code path, the files parsed
/// once), so a panel row equals what `import` then `metrics` give for that year.
package enum AlliancePanel {
    /// Which dyads the dyad-year table lists.
    package enum DyadSelection: String, CaseIterable, Sendable {
        /// Pairs joined by a commitment or a rivalry in force (both orders): the rows where
        /// something is recorded; a left join fills the other pairs with NA (read as 0, no tie).
        case ties
        /// Every ordered pair of states in the system (N(N - 1) rows a year).
        case all
    }

    /// The columns of the dyad-year table after the keys.
    package static let dyadColumns: [String] =
        ["ccode1", "ccode2", "year", "stateabb1", "stateabb2"] + CommitmentKind.allCases.map(\.rawValue)
        + ["strength", "s_similarity", "same_bloc", "same_signed_bloc", "rivalry"]

    /// One year's rows: CSV lines without their newline, in table order.
    package struct YearRows: Sendable {
        package var year: Int
        /// The metric columns of the state and system rows (the same every year for one `only`).
        package var stateMetrics: [String]
        package var systemMetrics: [String]
        package var states: [String]
        package var dyads: [String]
        package var system: String
    }

    /// The scenario of each year of `years`, exactly as `AllianceImporter.run` builds it with
    /// `options` (its `year` replaced), parsing the ATOP and NMC files once for all years.
    /// Throws the importer's error for the first year that cannot be built (a year outside a
    /// file's range without `carryForward` names the file and its years).
    package static func importYears(
        allianceFile: String, options: AllianceImportOptions, years: ClosedRange<Int>, progress: ProgressReporter
    ) throws(InputError) -> [ImportResult] {
        let cache = ImportSourceCache()
        var results: [ImportResult] = []
        results.reserveCapacity(years.count)
        for year in years {
            var yearOptions = options
            yearOptions.year = year
            results.append(
                try AllianceImporter.run(
                    allianceFile: allianceFile, options: yearOptions, progress: progress, cache: cache))
            progress.update(results.count, of: years.count, detail: "importing \(year)")
        }
        return results
    }

    /// The rows of one year: the metrics of `scenario`'s network in force in its own year (as
    /// `alliancectl metrics FILE --seed seed` computes them), restricted to `only` when given.
    package static func rows(
        _ scenario: Scenario, year: Int, seed: UInt64, dyads selection: DyadSelection, only: Set<String>?
    ) throws(ComputationError) -> YearRows {
        let network = scenario.activeNetwork()
        let report = try NetworkMetrics.compute(
            network, seed: seed, environment: scenario.parameters, warPlans: scenario.warPlans, only: only)
        let abbreviations = network.states.map { CSV.field($0.code) }
        let ccodes = network.states.map { $0.ccode.map(String.init) ?? "NA" }
        var states: [String] = []
        states.reserveCapacity(network.count)
        for row in report.codes.indices {
            var cells = [ccodes[row], abbreviations[row], String(year)]
            for column in report.stateColumns { cells.append(MetricsOutput.csvCell(column.values[row])) }
            states.append(cells.joined(separator: ","))
        }
        let system = ([String(year)] + report.systemValues.map { MetricsOutput.csvCell($0.value) })
            .joined(separator: ",")
        return YearRows(
            year: year, stateMetrics: report.stateColumns.map(\.definition.name),
            systemMetrics: report.systemValues.map(\.definition.name), states: states,
            dyads: dyadRows(
                network, report: report, year: year, selection: selection, abbreviations: abbreviations,
                ccodes: ccodes),
            system: system)
    }

    /// The dyad-year rows of `network` (see the type's documentation), ordered by state 1, then
    /// state 2, each by COW code (states without one last, in network order).
    static func dyadRows(
        _ network: AllianceNetwork, report: MetricsReport, year: Int, selection: DyadSelection,
        abbreviations: [String], ccodes: [String]
    ) -> [String] {
        let n = network.count
        let kinds = CommitmentKind.allCases
        // Per ordered pair i * n + j: bit k set when a commitment of kinds[k] pledges i to j.
        var kindBits: [Int: UInt16] = [:]
        for commitment in network.commitments {
            let bit = UInt16(1) << UInt16(kinds.firstIndex(of: commitment.kind)!)
            let i = commitment.from.index, j = commitment.to.index
            kindBits[i * n + j, default: 0] |= bit
            if commitment.isSymmetric { kindBits[j * n + i, default: 0] |= bit }
        }
        let view = AllianceGraphView(network)
        var strength: [Int: Double] = [:]
        for (k, edge) in view.edges.enumerated() {
            strength[edge.low * n + edge.high] = view.strengths[k]
            strength[edge.high * n + edge.low] = view.strengths[k]
        }
        var rivals = Set<Int>()
        for rivalry in network.rivalries {
            let a = rivalry.pair.low.index, b = rivalry.pair.high.index
            rivals.insert(a * n + b)
            rivals.insert(b * n + a)
        }
        let bloc = report.stateColumns.first { $0.definition.name == MetricCatalogue.bloc.name }?.values
        let signedBloc = report.stateColumns.first { $0.definition.name == MetricCatalogue.signedBloc.name }?.values
        func same(_ values: [MetricValue]?, _ i: Int, _ j: Int) -> String {
            guard let values else { return "NA" }
            return values[i] == values[j] ? "1" : "0"
        }
        let similarity = PortfolioSimilarity(network)
        let order = network.states.indices.sorted {
            (network.states[$0].ccode ?? Int.max, $0) < (network.states[$1].ccode ?? Int.max, $1)
        }
        var rows: [String] = []
        for i in order {
            for j in order where j != i {
                let key = i * n + j
                let bits = kindBits[key] ?? 0
                let rivalry = rivals.contains(key)
                if selection == .ties && bits == 0 && !rivalry { continue }
                var cells = [ccodes[i], ccodes[j], String(year), abbreviations[i], abbreviations[j]]
                for k in kinds.indices { cells.append(bits & (1 << UInt16(k)) != 0 ? "1" : "0") }
                cells.append(NumberFormat.csv(strength[key] ?? 0))
                cells.append(NumberFormat.csv(similarity.value(i, j)))
                cells.append(same(bloc, i, j))
                cells.append(same(signedBloc, i, j))
                cells.append(rivalry ? "1" : "0")
                rows.append(cells.joined(separator: ","))
            }
        }
        return rows
    }

    /// The three tables as CSV text (header and one line per row), from the years in order.
    package static func tables(_ years: [YearRows]) -> (stateYear: String, dyadYear: String, systemYear: String) {
        let first = years.first
        let stateHeader = (["ccode", "stateabb", "year"] + (first?.stateMetrics ?? [])).map(CSV.field)
        let systemHeader = (["year"] + (first?.systemMetrics ?? [])).map(CSV.field)
        func table(_ header: [String], _ lines: (YearRows) -> [String]) -> String {
            var text = header.joined(separator: ",") + "\n"
            for year in years {
                for line in lines(year) {
                    text += line
                    text += "\n"
                }
            }
            return text
        }
        return (
            table(stateHeader, \.states), table(dyadColumns, \.dyads), table(systemHeader) { [$0.system] }
        )
    }
}
