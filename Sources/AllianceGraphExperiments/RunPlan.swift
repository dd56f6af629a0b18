@_spi(Internals) import AllianceGraph

/// The runs of an experiment: cells (scenario x grid point x sample point) times replicates,
/// numbered so that any run can be found, and replayed, from its index alone.
///
/// Cells are numbered with the scenario slowest, then the grid parameters in spec order (the
/// first slowest), then the sample point. Run `r` is replicate `r mod replicates` of cell
/// `r / replicates`, and its seed is `SeededRandom.derivedSeed(seed, stream: r)`: it depends on
/// the experiment seed and the run index only, never on the worker, shard or order of execution.
package struct RunPlan: Sendable {
    /// One varied parameter's column: where its value comes from.
    package enum Source: Hashable, Sendable {
        case grid(Int)
        case sample(Int)
    }

    package let scenarioCount: Int
    package let grid: [[Double]]
    /// Values per sample point (one empty point when nothing is sampled).
    package let samplePoints: [[Double]]
    /// The varied parameters' columns in spec order.
    package let columns: [(name: String, source: Source)]
    package let replicates: Int
    package let seed: UInt64
    package let cellCount: Int
    package var runCount: Int { cellCount * replicates }

    /// The largest number of runs an experiment may have.
    package static let maxRuns = 1 << 40

    package init(spec: ExperimentSpec) throws(InputError) {
        var grid: [[Double]] = [], columns: [(name: String, source: Source)] = []
        var domains: [(min: Double, max: Double, integer: Bool)] = []
        for (name, domain) in spec.parameters {
            switch domain {
            case .values(let values):
                columns.append((name, .grid(grid.count)))
                grid.append(values)
            case .sampled(let low, let high):
                columns.append((name, .sample(domains.count)))
                domains.append((low, high, spec.command.isInteger(name)))
            }
        }
        self.grid = grid
        self.columns = columns
        samplePoints = spec.sample.map { $0.values(domains) } ?? [[]]
        scenarioCount = spec.scenarios.count
        replicates = spec.replicates
        seed = spec.seed
        var cells = scenarioCount
        for factor in grid + [samplePoints.map { _ in 0.0 }] {
            let (product, overflow) = cells.multipliedReportingOverflow(by: factor.count)
            guard !overflow, product <= Self.maxRuns else {
                throw InputError(location: "parameters", "the experiment has more than 2^40 cells")
            }
            cells = product
        }
        let (runs, overflow) = cells.multipliedReportingOverflow(by: replicates)
        guard !overflow, runs <= Self.maxRuns else {
            throw InputError(location: "replicates", "the experiment has more than 2^40 runs (\(cells) cells)")
        }
        cellCount = cells
    }

    /// Cell `c`: its scenario index and the varied parameters' values in column order.
    package func cell(_ c: Int) -> (scenario: Int, values: [Double]) {
        var rest = c / samplePoints.count
        let point = samplePoints[c % samplePoints.count]
        var gridIndex = [Int](repeating: 0, count: grid.count)
        for k in grid.indices.reversed() {
            gridIndex[k] = rest % grid[k].count
            rest /= grid[k].count
        }
        let values = columns.map { column -> Double in
            switch column.source {
            case .grid(let k): return grid[k][gridIndex[k]]
            case .sample(let j): return point[j]
            }
        }
        return (rest, values)
    }

    /// Run `r`'s place in the plan.
    package func run(_ r: Int) -> PlannedRun {
        let c = r / replicates
        let (scenario, values) = cell(c)
        return PlannedRun(
            run: r, cell: c, replicate: r % replicates, seed: SeededRandom.derivedSeed(seed, stream: UInt64(r)),
            scenario: scenario, values: values)
    }
}

/// One run of the plan.
package struct PlannedRun: Hashable, Sendable {
    package var run: Int
    package var cell: Int
    package var replicate: Int
    package var seed: UInt64
    /// Index into the experiment's scenarios.
    package var scenario: Int
    /// The varied parameters' values, in `RunPlan.columns` order.
    package var values: [Double]
}

/// A deterministic slice of an experiment's runs: shard `index` of `count` holds the runs `r`
/// with `r mod count == index` (interleaved, so every shard gets a like mix of cells).
package struct Shard: Hashable, Sendable, CustomStringConvertible {
    package var index: Int
    package var count: Int

    package static let whole = Shard(index: 0, count: 1)

    package init(index: Int, count: Int) {
        self.index = index
        self.count = count
    }

    /// Parses `K/N` with 0 <= K < N (Slurm's `$SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT`).
    package init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]), n >= 1, n <= 1_000_000,
            (0..<n).contains(k)
        else { return nil }
        self.init(index: k, count: n)
    }

    package var description: String { "\(index)/\(count)" }

    /// How many of `runCount` runs belong to this shard.
    package func size(of runCount: Int) -> Int {
        runCount > index ? (runCount - index - 1) / count + 1 : 0
    }

    package func contains(_ run: Int) -> Bool { run % count == index }
}
