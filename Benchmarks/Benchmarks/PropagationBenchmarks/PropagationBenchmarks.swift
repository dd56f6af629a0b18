@_spi(Internals) import AllianceGraph
@_spi(Internals) import AllianceGraphFormats
import Benchmark
import PropagationFixtures

// The propagation kernel (PropagationWorkspace) on seeded synthetic W (SyntheticGraph, targets
// uniform): one pass and a full solve, 200 states / 2,000 ties and 1M states / 10M ties, one
// source column and 16, one worker and two. The malloc count of every benchmark is a gate: the
// workspace is built before the measurement starts, and a pass or a solve then allocates nothing
// (Thresholds/PropagationBenchmarks.*.p90.json hold 0, with no allowed deviation; check with
// `swift package --disable-sandbox benchmark thresholds check --target PropagationBenchmarks --no-progress`).

/// Global lets are built lazily, once per benchmark process, so a process that runs only small
/// benchmarks never builds the large graph.
let smallGraph = SyntheticGraph.make(vertices: SyntheticGraph.small.vertices, arcs: SyntheticGraph.small.arcs, seed: 7)
let largeGraph = SyntheticGraph.make(vertices: SyntheticGraph.large.vertices, arcs: SyntheticGraph.large.arcs, seed: 8)

let alpha = 0.5

func workspace(_ graph: CSRAdjacency, columns: Int, workers: Int) -> PropagationWorkspace {
    do {
        var w = try PropagationWorkspace(graph: graph, columns: columns, workers: workers)
        try w.setDirect(SyntheticGraph.block(count: graph.vertexCount * columns, seed: UInt64(columns)))
        return w
    } catch {
        fatalError("benchmark fixture: \(error)")  // synthetic sizes, not user input
    }
}

/// Zero mallocs, no allowed deviation (the stored p90 thresholds are 0).
func noAllocation() -> [BenchmarkMetric: BenchmarkThresholds] {
    [.mallocCountTotal: .init(absolute: [.p50: 0, .p75: 0, .p90: 0, .p99: 0, .p100: 0])]
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .mallocCountTotal, .throughput],
        maxDuration: .seconds(3), maxIterations: 1_000, thresholds: noAllocation())

    for (columns, sources) in [(1, "1 source"), (16, "16 sources")] {
        for workers in [1, 2] {
            let cores = workers == 1 ? "1 worker" : "2 workers"
            Benchmark("Pass 200x2000 \(sources) \(cores)", configuration: .init(scalingFactor: .kilo)) { benchmark in
                var w = workspace(smallGraph, columns: columns, workers: workers)
                benchmark.startMeasurement()
                for _ in benchmark.scaledIterations { blackHole(w.pass(alpha: alpha)) }
            }
            Benchmark("Pass 1Mx10M \(sources) \(cores)", configuration: .init(maxIterations: 30)) { benchmark in
                var w = workspace(largeGraph, columns: columns, workers: workers)
                _ = w.pass(alpha: alpha)
                benchmark.startMeasurement()
                for _ in benchmark.scaledIterations { blackHole(w.pass(alpha: alpha)) }
            }
            Benchmark("Solve 200x2000 \(sources) \(cores)") { benchmark in
                var w = workspace(smallGraph, columns: columns, workers: workers)
                benchmark.startMeasurement()
                for _ in benchmark.scaledIterations { blackHole(w.solve(alpha: alpha)) }
            }
        }
    }
    for (columns, sources, workers) in [(1, "1 source", 1), (1, "1 source", 2), (16, "16 sources", 2)] {
        let cores = workers == 1 ? "1 worker" : "2 workers"
        Benchmark("Solve 1Mx10M \(sources) \(cores)", configuration: .init(maxDuration: .seconds(10), maxIterations: 5))
        { benchmark in
            var w = workspace(largeGraph, columns: columns, workers: workers)
            _ = w.pass(alpha: alpha)
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations { blackHole(w.solve(alpha: alpha)) }
        }
    }
}
