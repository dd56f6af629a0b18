@_spi(Internals) import AllianceGraph
@_spi(Internals) import AllianceGraphFormats
import Benchmark
import Foundation

/// A generated network (`SyntheticNetwork`, regional model); fixtures, not user input.
private func generated(states: Int, ties: Int) -> Scenario {
    guard let scenario = try? SyntheticNetwork(states: states, ties: ties, seed: 1).scenario() else {
        fatalError("cannot generate \(states) states / \(ties) ties")  // benchmark fixture, not user input
    }
    return scenario
}

/// Size of the large network: 1,000,000 states and 10,000,000 ties unless
/// `SIMULATION_BENCHMARK_TIES` sets the ties (states = ties / 10).
private let largeTies = ProcessInfo.processInfo.environment["SIMULATION_BENCHMARK_TIES"].flatMap(Int.init) ?? 10_000_000

/// The large scenario file, generated once per benchmark run into a temporary folder (never
/// committed) and removed at exit.
private let largeFile: String = {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
        "alliancegraph-bench-\(ProcessInfo.processInfo.processIdentifier)")
    try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let path = folder.appendingPathComponent("synthetic-\(largeTies).json").path
    do {
        _ = try ScenarioWriter.write(generated(states: largeTies / 10, ties: largeTies), as: .scenario, to: path)
    } catch {
        fatalError("cannot write \(path): \(error)")
    }
    atexit {
        try? FileManager.default.removeItem(
            at: FileManager.default.temporaryDirectory
                .appendingPathComponent("alliancegraph-bench-\(ProcessInfo.processInfo.processIdentifier)"))
    }
    return path
}()

/// The directed pledges of `network` as a CSR (credibility weights), built in two passes.
private func pledgeCSR(_ network: AllianceNetwork) throws -> CSRAdjacency {
    let commitments = network.commitments
    return try CSRAdjacency(vertexCount: network.count) { emit in
        for c in commitments { c.forEachObligation { emit($0.committed.index, $0.partner.index, $0.credibility) } }
    }
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .mallocCountTotal, .peakMemoryResident],
        maxDuration: .seconds(5), maxIterations: 1_000)
    let small = generated(states: 200, ties: 800)

    for level in SystemMetricsLevel.allCases {
        Benchmark("Simulation round, 200 states / 800 ties, all rules, \(level.rawValue) system metrics") { benchmark in
            let configuration = Simulation.Configuration(
                rules: RuleKind.allCases, rounds: 1_000, seed: 1,
                stopAtEquilibrium: false, systemMetrics: level)
            guard let start = try? Simulation(network: small.activeNetwork(), configuration: configuration) else {
                fatalError("cannot start the simulation")
            }
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                var simulation = start
                blackHole(try simulation.step())
            }
        }
    }

    // The small-network round of `alliancectl simulate` (default rules, as the CLI runs them):
    // 200 states and 2,000 ties, the size of ATOP 2016 (195 states); Benchmarks/README.md,
    // "Small-network rounds".
    // Gate: the mallocs of a round (Thresholds/SimulationBenchmarks.*2,000 ties*.p90.json, p90 with
    // 10 % of slack: a round's allocations follow its ties, which the rules change from round to
    // round). Per-pair sets or a CSR rebuilt per lookup would show there.
    let medium = generated(states: 200, ties: 2_000)
    for level in SystemMetricsLevel.allCases {
        Benchmark(
            "Simulation round, 200 states, 2,000 ties, default rules, \(level.rawValue) system metrics",
            configuration: .init(thresholds: [.mallocCountTotal: .init(relative: [.p90: 10])])
        ) { benchmark in
            let configuration = Simulation.Configuration(
                rounds: 1_000, seed: 1, stopAtEquilibrium: false, systemMetrics: level)
            guard let start = try? Simulation(network: medium.activeNetwork(), configuration: configuration) else {
                fatalError("cannot start the simulation")
            }
            var simulation = start
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                blackHole(try simulation.step())
            }
        }
    }

    Benchmark(
        "Load scenario file, \(largeTies / 10) states / \(largeTies) ties (strict, two-pass)",
        configuration: .init(warmupIterations: 0, maxDuration: .seconds(1), maxIterations: 1)
    ) { benchmark in
        let path = largeFile
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try ScenarioLoader.load(path: path))
        }
    }

    Benchmark(
        "Build pledge CSR, \(largeTies / 10) states / \(largeTies) ties (two passes)",
        configuration: .init(warmupIterations: 0, maxDuration: .seconds(1), maxIterations: 5)
    ) { benchmark in
        let network = try ScenarioLoader.load(path: largeFile).network
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try pledgeCSR(network))
        }
    }

    Benchmark("Build pledge CSR, 200 states / 800 ties (two passes)") { benchmark in
        let network = small.network
        for _ in benchmark.scaledIterations {
            blackHole(try pledgeCSR(network))
        }
    }
}
