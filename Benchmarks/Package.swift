// swift-tools-version: 6.1
// AllianceGraph benchmarks: a separate package (depends on the root by path) so that users of the
// library never build ordo-one/benchmark. Run: swift package --disable-sandbox benchmark --no-progress
import PackageDescription

let package = Package(
    name: "AllianceGraphBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "AllianceGraph", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        // Benchmarks/Compare/30-metrics: native PageRank against igraph's C igraph_pagerank.
        .systemLibrary(name: "CIgraphReference", path: "Sources/CIgraphReference", pkgConfig: "igraph",
                       providers: [.apt(["libigraph-dev", "pkg-config"])]),
        .target(name: "IGraphPageRankReference", dependencies: ["CIgraphReference"],
                path: "Sources/IGraphPageRankReference"),
        .executableTarget(
            name: "MetricsCompare",
            dependencies: [.product(name: "AllianceGraph", package: "AllianceGraph"), "IGraphPageRankReference"],
            path: "Sources/MetricsCompare",
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        .executableTarget(
            name: "ScaleCheck",
            dependencies: [.product(name: "AllianceGraph", package: "AllianceGraph")],
            // Not beside Benchmarks/: the benchmark plugin runs every target whose folder's parent is
            // named Benchmarks, and this driver is not a benchmark.
            path: "Sources/ScaleCheck",
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        .executableTarget(
            name: "SimulationBenchmarks",
            dependencies: [
                .product(name: "AllianceGraph", package: "AllianceGraph"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/SimulationBenchmarks",
            swiftSettings: [.swiftLanguageMode(.v6)],
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "CrisisBenchmarks",
            dependencies: [
                .product(name: "AllianceGraph", package: "AllianceGraph"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/CrisisBenchmarks",
            swiftSettings: [.swiftLanguageMode(.v6)],
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "DeterrenceBenchmarks",
            dependencies: [
                .product(name: "AllianceGraph", package: "AllianceGraph"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/DeterrenceBenchmarks",
            swiftSettings: [.swiftLanguageMode(.v6)],
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "MetricsBenchmarks",
            dependencies: [
                .product(name: "AllianceGraph", package: "AllianceGraph"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/MetricsBenchmarks",
            swiftSettings: [.swiftLanguageMode(.v6)],
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "LandscapeBenchmarks",
            dependencies: [
                .product(name: "AllianceGraph", package: "AllianceGraph"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/LandscapeBenchmarks",
            swiftSettings: [.swiftLanguageMode(.v6)],
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // The Swift half of Compare/20-crisis (not a benchmark: times taken in-process, JSON out). It
        // lives outside Benchmarks/ because the benchmark plugin runs every target found there.
        .executableTarget(
            name: "CrisisCompare",
            dependencies: [.product(name: "AllianceGraph", package: "AllianceGraph")],
            path: "Compare/CrisisCompare",
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        .executableTarget(
            name: "PropagationBenchmarks",
            dependencies: [
                .product(name: "AllianceGraph", package: "AllianceGraph"),
                .product(name: "Benchmark", package: "benchmark"),
                "PropagationFixtures",
            ],
            path: "Benchmarks/PropagationBenchmarks",
            swiftSettings: [.swiftLanguageMode(.v6)],
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // Seeded synthetic graphs shared by PropagationBenchmarks and PropagationCompare.
        .target(
            name: "PropagationFixtures",
            dependencies: [.product(name: "AllianceGraph", package: "AllianceGraph")],
            path: "Sources/PropagationFixtures",
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        // The C reference kernels of Compare/10-propagation, at clang -O3 with the Swift code's
        // target (no -march of its own; -Xcc -march=... applies to both) and no FMA contraction,
        // which Swift never does either: the outputs stay bitwise comparable.
        .target(
            name: "CPropagation",
            path: "Sources/CPropagation",
            cSettings: [.unsafeFlags(["-O3", "-ffp-contract=off"])]
        ),
        // The timing program of Compare/10-propagation (Swift vs C vs scipy, interleaved).
        .executableTarget(
            name: "PropagationCompare",
            dependencies: [
                .product(name: "AllianceGraph", package: "AllianceGraph"),
                "CPropagation", "PropagationFixtures",
            ],
            path: "Sources/PropagationCompare",
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
    ]
)
