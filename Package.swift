// swift-tools-version: 6.1
// AllianceGraph: network dynamics of alliances between states.
// Licence: GPL-2.0-or-later (see LICENSE); links the igraph C library (GPL-2.0-or-later).
import PackageDescription

let package = Package(
    name: "AllianceGraph",
    platforms: [.macOS(.v15)],
    products: [
        // The library: the core (model, graph, igraph bridge, kernels, rules, simulation, crisis,
        // metrics, landscape, generator), the file formats and importers, and the pictures.
        .library(name: "AllianceGraph", targets: ["AllianceGraph", "AllianceGraphFormats", "AllianceGraphRender"]),
        .executable(name: "alliancectl", targets: ["alliancectl"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2")
    ],
    targets: [
        .systemLibrary(
            name: "CIgraph",
            pkgConfig: "igraph",
            providers: [.apt(["libigraph-dev", "pkg-config"])]
        ),
        // The results store of parameter sweeps (AllianceGraphExperiments).
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev", "pkg-config"])]
        ),
        // The AVX2 variant of the propagation kernel's multi-source rows, chosen at run time
        // (Swift cannot target one function at a newer instruction set).
        .target(name: "CPropagationKernels"),
        // Two Linux scheduler calls for CrisisEnsemble's start gate (sched_getcpu, sched_setaffinity).
        .target(name: "CThreadPlacement"),
        .target(
            name: "AllianceGraph",
            dependencies: ["CIgraph", "CPropagationKernels", "CThreadPlacement"],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        // Layers, checked by scripts/check_layers.sh: core <- formats <- render <- CLI.
        .target(
            name: "AllianceGraphFormats",
            dependencies: ["AllianceGraph"],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        .target(
            name: "AllianceGraphRender",
            dependencies: ["AllianceGraph", "AllianceGraphFormats"],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        // Experiments: spec, run plan, run seeds, the SQLite store, shards and merge.
        .target(
            name: "AllianceGraphExperiments",
            dependencies: ["AllianceGraph", "AllianceGraphFormats", "CSQLite"],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        .executableTarget(
            name: "alliancectl",
            dependencies: [
                "AllianceGraph", "AllianceGraphFormats", "AllianceGraphRender", "AllianceGraphExperiments",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        .testTarget(
            name: "AllianceGraphTests",
            dependencies: [
                "AllianceGraph", "AllianceGraphFormats", "AllianceGraphRender", "AllianceGraphExperiments", "CIgraph",
                "CThreadPlacement",
            ],
            exclude: ["Fixtures"],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        .testTarget(
            name: "alliancectlTests",
            dependencies: [
                "alliancectl", "AllianceGraph", "AllianceGraphFormats", "AllianceGraphRender", "AllianceGraphExperiments",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
    ]
)
