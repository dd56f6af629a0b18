@_spi(Internals) import AllianceGraph

/// Writes alliance backtest results (`AllianceBacktest`): a totals table for people, tidy CSV and
/// JSON for programs, with one row per window and method plus one total row per horizon and
/// method (docs/VALIDATION.md defines every column).
package enum BacktestOutput {
    /// What the run was, for the JSON header.
    package struct RunInfo: Sendable {
        package var from: Int
        package var to: Int
        package var configuration: AllianceBacktest.Configuration
        package var profile: String?

        package init(from: Int, to: Int, configuration: AllianceBacktest.Configuration, profile: String? = nil) {
            self.from = from
            self.to = to
            self.configuration = configuration
            self.profile = profile
        }
    }

    /// The CSV columns, shared by window rows (`row` = window) and total rows (`row` = total).
    package static let columns = [
        "row", "horizon", "start_year", "method", "windows", "states", "candidates", "new_pacts", "prevalence",
        "ap", "pooled_ap", "precision_at_n", "recall_at_n", "start_pacts", "ended_pacts", "ends_ap", "pacts",
        "blocs", "polarity", "balance", "real_pacts", "real_blocs", "real_polarity", "real_balance",
        "error_pacts", "error_blocs", "error_polarity", "error_balance",
    ]

    /// The indicators a method forecasts in a window (model: replicate mean; persistence: the
    /// start year; the pair-ranking baselines: none).
    static func indicators(_ method: ForecastMethod, _ window: BacktestWindowResult) -> BacktestIndicators? {
        switch method {
        case .model: return window.model
        case .persistence: return window.persistence
        default: return nil
        }
    }

    static func cells(window w: BacktestWindowResult, score s: BacktestWindowResult.MethodScore) -> [Double?] {
        let i = indicators(s.method, w)
        return [
            nil, Double(w.commonStates), Double(s.formation.candidates), Double(s.formation.positives),
            s.formation.prevalence, s.formation.averagePrecision, nil, s.formation.precisionAtN,
            s.formation.recallAtN, Double(w.startPacts), Double(s.ends.positives), s.ends.averagePrecision,
            i?.pacts, i?.blocs, i?.polarity, i?.balance, w.real.pacts, w.real.blocs, w.real.polarity, w.real.balance,
            nil, nil, nil, nil,
        ]
    }

    static func cells(total r: BacktestSummary.Row) -> [Double?] {
        let e = r.indicatorError
        return [
            Double(r.windows), nil, Double(r.candidates), Double(r.newPacts), r.prevalence, r.meanAveragePrecision,
            r.pooledAveragePrecision, r.meanPrecisionAtN, r.meanRecallAtN, nil, nil, r.meanEndsAveragePrecision,
            nil, nil, nil, nil, nil, nil, nil, nil, e.pacts, e.blocs, e.polarity, e.balance,
        ]
    }

    package static func csv(_ results: [BacktestWindowResult], summary: BacktestSummary) -> String {
        func text(_ value: Double?) -> String { value.map(NumberFormat.csv) ?? "NA" }
        var lines = [columns.joined(separator: ",")]
        for w in results {
            for s in w.methods {
                lines.append(
                    (["window", String(w.horizon), String(w.startYear), s.method.rawValue]
                        + cells(window: w, score: s).map(text)).joined(separator: ","))
            }
        }
        for r in summary.rows {
            lines.append(
                (["total", String(r.horizon), "NA", r.method.rawValue] + cells(total: r).map(text)).joined(
                    separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    package static func json(_ results: [BacktestWindowResult], summary: BacktestSummary, info: RunInfo) -> String {
        func object(_ head: [JSONMember], _ values: [Double?]) -> JSONValue {
            var members = head
            for (name, value) in zip(columns.dropFirst(4), values) {
                members.append(JSONMember(key: name, value: value.map(JSONValue.number) ?? .null))
            }
            return .object(members)
        }
        let windows: [JSONValue] = results.flatMap { w in
            w.methods.map { s in
                object(
                    [
                        JSONMember(key: "horizon", value: .integer(w.horizon)),
                        JSONMember(key: "start_year", value: .integer(w.startYear)),
                        JSONMember(key: "method", value: .string(s.method.rawValue)),
                    ], cells(window: w, score: s))
            }
        }
        let totals: [JSONValue] = summary.rows.map { r in
            object(
                [
                    JSONMember(key: "horizon", value: .integer(r.horizon)),
                    JSONMember(key: "method", value: .string(r.method.rawValue)),
                ], cells(total: r))
        }
        let c = info.configuration
        var parameters: [JSONMember] = c.simulation.parameters.entries.map {
            JSONMember(key: $0.name, value: JSONValue.optionalNumber($0.value))
        }
        parameters.append(
            JSONMember(key: "arming.threatScale", value: .string(c.simulation.parameters.rules.threatScale.rawValue)))
        let members: [JSONMember] = [
            JSONMember(key: "format", value: .string("alliancegraph-backtest/1")),
            JSONMember(key: "version", value: .string(AllianceGraphVersion.string)),
            JSONMember(key: "from", value: .integer(info.from)),
            JSONMember(key: "to", value: .integer(info.to)),
            JSONMember(key: "seed", value: .number(Double(c.seed), text: String(c.seed))),
            JSONMember(key: "replicates", value: .integer(c.replicates)),
            JSONMember(key: "roundsPerYear", value: .integer(c.roundsPerYear)),
            JSONMember(key: "top", value: .integer(c.top)),
            JSONMember(key: "profile", value: info.profile.map(JSONValue.string) ?? .null),
            JSONMember(key: "rules", value: .array(c.simulation.rules.map { .string($0.rawValue) })),
            JSONMember(key: "parameters", value: .object(parameters)),
            JSONMember(key: "totals", value: .array(totals)),
            JSONMember(key: "windows", value: .array(windows)),
        ]
        return JSONWriter.serialize(.object(members))
    }

    /// The totals as a table for people, one block per horizon.
    package static func table(_ summary: BacktestSummary, top: Int) -> String {
        var table = TextTable(
            headers: [
                "k", "method", "windows", "new pacts", "prevalence", "mean AP", "pooled AP", "P@\(top)", "R@\(top)",
                "ends AP", "|pacts err|", "|blocs err|",
            ],
            alignments: [.right, .left] + Array(repeating: .right, count: 10))
        for r in summary.rows {
            func f(_ v: Double, _ d: Int = 4) -> String { NumberFormat.fixed(v, digits: d) }
            table.append([
                String(r.horizon), r.method.rawValue, String(r.windows), String(r.newPacts), f(r.prevalence),
                f(r.meanAveragePrecision), f(r.pooledAveragePrecision), f(r.meanPrecisionAtN), f(r.meanRecallAtN),
                f(r.meanEndsAveragePrecision), f(r.indicatorError.pacts, 1), f(r.indicatorError.blocs, 1),
            ])
        }
        return table.render()
    }
}
