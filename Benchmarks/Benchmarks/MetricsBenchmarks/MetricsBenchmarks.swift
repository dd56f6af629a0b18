@_spi(Internals) import AllianceGraph
@_spi(Internals) import AllianceGraphFormats
import Benchmark

let benchmarks: @Sendable () -> Void = {
    // Gate: the mallocs of each call (Thresholds/MetricsBenchmarks.*.p90.json, p90, 5 % of slack):
    // the computations are deterministic for a seed, so a rise means new per-node or per-restart
    // allocations (a partition copied per move, a CSR rebuilt per restart). Wall clock is
    // reported, not gated: this machine is shared.
    let allocationGate: [BenchmarkMetric: BenchmarkThresholds] = [.mallocCountTotal: .init(relative: [.p90: 5])]
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .mallocCountTotal, .throughput],
        maxDuration: .seconds(5), maxIterations: 1_000, thresholds: allocationGate)
    let network = benchmarkNetwork()
    let view = AllianceGraphView(network)
    let adjacency = view.adjacency
    let signed = SignedGraphView(network)

    // Seconds per call (igraph's spinglass, kept for comparison): a few samples, up to a minute.
    let slow = Benchmark.Configuration(maxDuration: .seconds(60), maxIterations: 5, thresholds: allocationGate)

    Benchmark("All metrics, 200 states (NetworkMetrics.compute)", configuration: slow) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try NetworkMetrics.compute(network, seed: 1))
        }
    }

    Benchmark("Signed blocs alone, 200 states (igraph spinglass, per component, best of 5)", configuration: slow) {
        benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try SignedBlocPartition.spinglass(signed, seed: 1))
        }
    }

    Benchmark("Signed blocs alone, 200 states (Louvain of signed modularity, 32 runs + 64 perturbations)") {
        benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(SignedBlocPartition.louvain(signed, seed: 1))
        }
    }

    Benchmark("Leiden blocs alone, 200 states (igraph Leiden, best of 10)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try BlocPartition.leiden(view, seed: 1, restarts: NetworkMetrics.leidenRestarts))
        }
    }

    Benchmark("PageRank, native, 200 states (CSR prepared)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try PageRank.compute(adjacency))
        }
    }

    Benchmark("PageRank, native, 200 states (from the alliance view, CSR built each call)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try PageRank.compute(view))
        }
    }
}
