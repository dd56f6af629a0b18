#if canImport(Foundation)
    import Foundation
#endif

/// The alliance backtest (docs/VALIDATION.md, "Alliance formation and ends"): from the real
/// network of year Y, run the peacetime rules for k years and score the result against the real
/// network of year Y + k, next to baselines scored the same way (`ForecastMethod`).
///
/// **A round is `1 / roundsPerYear` years**: a window of horizon k runs `k * roundsPerYear`
/// rounds (default one round per year, so that the yearly ATOP snapshots and the rounds line up).
/// Each window runs `replicates` independent runs; replicate r of the window starting in Y with
/// horizon k uses the seed `derivedSeed(derivedSeed(seed, Y * 1024 + k), r)`. Runs are spread
/// over `workers` threads and every result is stored by its index, so the output is identical
/// whatever the worker count. The equilibrium stop is off (a window always covers k years) and
/// the per-round system metrics are `light`.
///
/// Scored per window, over the common states (`BacktestWindow`):
/// - **formation**: candidates are the pairs without a defence pact in Y; the event is a defence
///   pact in Y + k (`RankingScore`: average precision = AUC-PR, precision and recall at n);
/// - **ends**: candidates are the defence pacts of Y; the event is their absence in Y + k;
/// - **indicators** (`BacktestIndicators`): the model's mean over replicates, the real values of
///   Y + k, and the start year's values (persistence).
/// Cost: `windows * replicates` simulations of `k * roundsPerYear` rounds, plus an O(N^2)
/// scoring per window and method.
package enum AllianceBacktest {
    package struct Configuration: Sendable {
        /// The rules and parameters of the runs; its `rounds` and `seed` fields are ignored (the
        /// rounds come from the horizon, the seeds from `seed`).
        package var simulation: Simulation.Configuration
        package var roundsPerYear: Int
        package var replicates: Int
        /// n of precision and recall at n.
        package var top: Int
        package var seed: UInt64
        package var workers: Int

        package init(
            simulation: Simulation.Configuration = Simulation.Configuration(), roundsPerYear: Int = 1,
            replicates: Int = 32, top: Int = 20, seed: UInt64 = 1, workers: Int = 1
        ) {
            self.simulation = simulation
            self.roundsPerYear = roundsPerYear
            self.replicates = replicates
            self.top = top
            self.seed = seed
            self.workers = workers
        }
    }

    /// The outcome of one replicate: its final defence pairs (keys over start indices, sorted)
    /// and indicators.
    struct Replicate: Sendable {
        var defence: [Int]
        var indicators: BacktestIndicators
    }

    /// Scores every window; `progress(done, total)` is called after each replicate run (from
    /// worker threads, serialised).
    package static func run(
        _ windows: [BacktestWindow], configuration: Configuration,
        progress: (@Sendable (Int, Int) -> Void)? = nil
    ) throws -> [BacktestWindowResult] {
        guard configuration.replicates >= 1, configuration.roundsPerYear >= 1, configuration.top >= 1 else {
            throw InputError(location: "backtest", "replicates, rounds per year and top must be >= 1")
        }
        try configuration.simulation.parameters.validate()
        let replicates = configuration.replicates
        let jobs = windows.count * replicates
        let runs = try ParallelMap.run(count: jobs, workers: configuration.workers, progress: progress) { job in
            try replicate(windows[job / replicates], number: job % replicates, configuration: configuration)
        }
        return try ParallelMap.run(count: windows.count, workers: configuration.workers, progress: nil) { w in
            try BacktestWindowResult(
                window: windows[w], replicates: Array(runs[(w * replicates)..<((w + 1) * replicates)]),
                configuration: configuration)
        }
    }

    /// The seed of a window (before the replicate number is derived).
    static func windowSeed(_ seed: UInt64, _ window: BacktestWindow) -> UInt64 {
        SeededRandom.derivedSeed(
            seed, stream: UInt64(max(0, window.startYear)) &* 1024 &+ UInt64(max(0, window.horizon)))
    }

    static func replicate(_ window: BacktestWindow, number: Int, configuration: Configuration) throws -> Replicate {
        let windowSeed = windowSeed(configuration.seed, window)
        var simulationConfiguration = configuration.simulation
        simulationConfiguration.rounds = window.horizon * configuration.roundsPerYear
        simulationConfiguration.seed = SeededRandom.derivedSeed(windowSeed, stream: UInt64(number))
        simulationConfiguration.stopAtEquilibrium = false
        simulationConfiguration.systemMetrics = .light
        var simulation = try Simulation(network: window.start, configuration: simulationConfiguration)
        try simulation.run()
        let final = simulation.network
        let n = window.start.count
        let targetIndex = window.targetIndex
        let keep: (Int) -> Int? = { targetIndex[$0] == nil ? nil : $0 }
        let defence = BacktestWindow.defencePairs(final, n: n, map: keep)
        let indicators = try BacktestIndicators.compute(
            defence: defence, rivals: BacktestWindow.rivalPairs(final, n: n, map: keep), common: window.common, n: n,
            power: final.states.map(\.power), seed: SeededRandom.derivedSeed(windowSeed, stream: 1 << 40))
        return Replicate(defence: defence, indicators: indicators)
    }
}
