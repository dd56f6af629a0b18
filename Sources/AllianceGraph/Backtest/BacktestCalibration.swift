/// The small parameter search of `alliancectl calibrate` (docs/VALIDATION.md): a coordinate
/// search that maximises the model's mean AUC-PR of new defence pacts over training windows.
///
/// Starting from `base`, each parameter of `grid` in turn is set to each of its values, the
/// others held at the best found so far; the value with the highest score is kept (ties: the
/// earlier value, so the current one wins a tie when listed first). Settings already scored are
/// not run again. Cost: at most `sum of grid sizes` backtests of the training windows.
/// Deterministic: the backtest is, and the order of the search is fixed.
package enum BacktestCalibration {
    /// One scored setting: the `name=value` assignments on top of the base, and the score.
    package struct Trial: Sendable {
        package var assignments: [String]
        package var score: Double
    }

    /// The search space of `alliancectl calibrate`: balancing threshold, partner share and spiral.
    package static let defaultGrid: [(name: String, values: [String])] = [
        ("balancing.threshold", ["1", "0.5", "0.25"]),
        ("balancing.share", ["0.25", "0.5"]),
        ("balancing.spiral", ["0", "0.3", "0.6"]),
    ]

    /// The score of a backtest: the model's mean AUC-PR of new defence pacts over its windows.
    package static func score(_ results: [BacktestWindowResult]) -> Double {
        BacktestSummary(results).rows.first { $0.method == .model }?.meanAveragePrecision ?? .nan
    }

    /// Every trial in the order run, and the best assignments.
    package static func search(
        windows: [BacktestWindow], configuration: AllianceBacktest.Configuration,
        grid: [(name: String, values: [String])] = defaultGrid,
        progress: ((Trial) -> Void)? = nil
    ) throws -> (trials: [Trial], best: [String]) {
        var current = grid.map { ($0.name, $0.values.first ?? "") }
        var scored: [[String]: Double] = [:]
        var trials: [Trial] = []
        func evaluate(_ setting: [(String, String)]) throws -> Double {
            let assignments = setting.map { "\($0.0)=\($0.1)" }
            if let known = scored[assignments] { return known }
            var trial = configuration
            try trial.simulation.parameters.apply(assignments)
            let value = score(try AllianceBacktest.run(windows, configuration: trial))
            scored[assignments] = value
            trials.append(Trial(assignments: assignments, score: value))
            progress?(trials[trials.count - 1])
            return value
        }
        for (k, parameter) in grid.enumerated() {
            var bestValue = current[k].1
            var bestScore = try evaluate(current)
            for value in parameter.values where value != bestValue {
                var setting = current
                setting[k].1 = value
                let s = try evaluate(setting)
                if s > bestScore { bestScore = s; bestValue = value }
            }
            current[k].1 = bestValue
        }
        return (trials, current.map { "\($0.0)=\($0.1)" })
    }
}
