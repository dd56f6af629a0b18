@_spi(Internals) import AllianceGraph
@_spi(Internals) import AllianceGraphFormats
import Benchmark
import Foundation

/// The bundled July 1914 scenario, read from the repository beside this package.
private func europe1914() -> (CrisisEngine, StateID, StateID) {
    let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Networks/europe-1914.json")
        .path
    guard let scenario = try? ScenarioLoader.load(path: path),
        let engine = try? CrisisEngine(scenario: scenario),
        let a = scenario.network.id(forCode: "AUH"), let b = scenario.network.id(forCode: "YUG")
    else {
        fatalError("cannot load \(path)")  // benchmark fixture, not user input
    }
    return (engine, a, b)
}

let benchmarks: @Sendable () -> Void = {
    // Allocation counts are the gate: a static p90 threshold per benchmark in Thresholds/, with
    // no tolerance for the runs themselves (a few mallocs of slack for dispatch's thread pool).
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .mallocCountTotal, .throughput],
        maxDuration: .seconds(5), maxIterations: 1_000,
        thresholds: [.mallocCountTotal: .init(absolute: [.p90: 4])])
    let (engine, a, b) = europe1914()

    Benchmark("Crisis 1914 deterministic (one run, with record)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try engine.run(attacker: a, target: b))
        }
    }

    // 1,000 cascades per iteration and no allocation tolerated: one malloc per run or per step fails.
    Benchmark(
        "Crisis 1914 deterministic (cascade only, reused scratch)",
        configuration: .init(scalingFactor: .kilo, thresholds: [.mallocCountTotal: .init(absolute: [.p90: 0])])
    ) { benchmark in
        var scratch = engine.makeScratch()
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            engine.simulate(attacker: a.index, target: b.index, stochastic: false, runSeed: 0, scratch: &scratch)
            blackHole(scratch.steps)
        }
    }

    // Ensembles: 100,000 stochastic runs per iteration, both kernels, one worker and all cores.
    // Their malloc counts are a fixed cost per ensemble (per-worker tallies and their merge, scratch,
    // dispatch): the 10,000- and 100,000-run figures must stay equal, i.e. no allocation per run
    // or per step. Thresholds/*.p90.json pins them (`benchmark thresholds check`).
    Benchmark("Crisis 1914 ensemble 10,000 runs lockstep (1 worker)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(
                try CrisisEnsemble.run(
                    engine: engine, attacker: a, target: b, runs: 10_000, seed: 1, workers: 1,
                    kernel: .lockstep))
        }
    }

    for (kernel, workers, label) in [
        (CrisisEnsemble.Kernel.lockstep, 1, "1 worker"),
        (.lockstep, CrisisEnsemble.defaultWorkers, "all cores"),
        (.unbatched, 1, "1 worker"),
        (.unbatched, CrisisEnsemble.defaultWorkers, "all cores"),
    ] {
        Benchmark(
            "Crisis 1914 ensemble 100,000 runs \(kernel.rawValue) (\(label))",
            configuration: .init(maxIterations: 20)
        ) { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(
                    try CrisisEnsemble.run(
                        engine: engine, attacker: a, target: b, runs: 100_000, seed: 1,
                        workers: workers, kernel: kernel, spreadWorkers: workers > 1))
            }
        }
    }
}
