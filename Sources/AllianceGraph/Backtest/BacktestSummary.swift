/// Totals of a backtest over its windows, per horizon and method (docs/VALIDATION.md).
///
/// - `meanAveragePrecision`, `meanPrecisionAtN`, `meanRecallAtN`, `meanEndsAveragePrecision`:
///   means over the windows where the measure is defined (a window without a new pact has no
///   formation AP or recall; one without a start pact has no ends AP);
/// - `pooledAveragePrecision`: the AP of all windows' formation candidates ranked together (the
///   model's probabilities are comparable across windows; the similarity scores less so);
/// - `newPacts` and `candidates`: summed over windows; `prevalence` is their ratio, the AP of a
///   random ranking;
/// - indicator errors (model and persistence only): the mean over windows of |value - real|.
package struct BacktestSummary: Sendable {
    package struct Row: Sendable {
        package var horizon: Int
        package var method: ForecastMethod
        package var windows: Int
        package var candidates: Int
        package var newPacts: Int
        package var meanAveragePrecision: Double
        package var pooledAveragePrecision: Double
        package var meanPrecisionAtN: Double
        package var meanRecallAtN: Double
        package var meanEndsAveragePrecision: Double
        /// Mean absolute error of the indicators against the real target year (NaN for baselines
        /// that forecast pairs only).
        package var indicatorError: BacktestIndicators

        package var prevalence: Double { candidates == 0 ? .nan : Double(newPacts) / Double(candidates) }
    }

    package var rows: [Row]

    package init(_ results: [BacktestWindowResult]) {
        var rows: [Row] = []
        for horizon in Set(results.map(\.horizon)).sorted() {
            let windows = results.filter { $0.horizon == horizon }
            for method in ForecastMethod.allCases {
                let scores = windows.compactMap { $0.score(method) }
                rows.append(Self.row(horizon: horizon, method: method, windows: windows, scores: scores))
            }
        }
        self.rows = rows
    }

    package func row(horizon: Int, method: ForecastMethod) -> Row? {
        rows.first { $0.horizon == horizon && $0.method == method }
    }

    static func mean(_ values: [Double]) -> Double {
        let finite = values.filter(\.isFinite)
        return finite.isEmpty ? .nan : finite.reduce(0, +) / Double(finite.count)
    }

    /// All windows' formation candidates of `method` at `horizon`, pooled: scores and labels.
    package static func pooled(
        _ results: [BacktestWindowResult], horizon: Int, method: ForecastMethod
    ) -> (scores: [Double], labels: [Bool]) {
        var scores: [Double] = [], labels: [Bool] = []
        for window in results where window.horizon == horizon {
            guard let score = window.score(method) else { continue }
            for sample in score.formationSamples {
                scores.append(sample.score)
                labels.append(sample.formed)
            }
            scores += [Double](repeating: 0, count: score.zeroScored.formed + score.zeroScored.notFormed)
            labels += [Bool](repeating: true, count: score.zeroScored.formed)
            labels += [Bool](repeating: false, count: score.zeroScored.notFormed)
        }
        return (scores, labels)
    }

    private static func row(
        horizon: Int, method: ForecastMethod, windows: [BacktestWindowResult],
        scores: [BacktestWindowResult.MethodScore]
    ) -> Row {
        let (pooledScores, pooledLabels) = pooled(windows, horizon: horizon, method: method)
        let pooled = RankingScore(scores: pooledScores, labels: pooledLabels, top: 1)
        let error: BacktestIndicators
        switch method {
        case .model, .persistence:
            func errors(_ pick: (BacktestIndicators) -> Double) -> Double {
                mean(
                    windows.map { w in
                        abs(pick(method == .model ? w.model : w.persistence) - pick(w.real))
                    })
            }
            error = BacktestIndicators(
                pacts: errors(\.pacts), blocs: errors(\.blocs), polarity: errors(\.polarity),
                balance: errors(\.balance))
        default:
            error = BacktestIndicators(pacts: .nan, blocs: .nan, polarity: .nan, balance: .nan)
        }
        return Row(
            horizon: horizon, method: method, windows: windows.count,
            candidates: scores.reduce(0) { $0 + $1.formation.candidates },
            newPacts: scores.reduce(0) { $0 + $1.formation.positives },
            meanAveragePrecision: mean(scores.map(\.formation.averagePrecision)),
            pooledAveragePrecision: pooled.averagePrecision,
            meanPrecisionAtN: mean(scores.map(\.formation.precisionAtN)),
            meanRecallAtN: mean(scores.map(\.formation.recallAtN)),
            meanEndsAveragePrecision: mean(scores.map(\.ends.averagePrecision)), indicatorError: error)
    }
}
