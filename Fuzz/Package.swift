// swift-tools-version: 6.1
// libFuzzer targets for AllianceGraph's parsers. Kept out of the main package so that an
// ordinary `swift build` never links them (they have no `main`; libFuzzer provides it).
// Build and run: see Fuzz/README.md.
import PackageDescription

/// One libFuzzer executable per reader; each depends on the library and the shared driver glue.
func fuzzer(_ name: String) -> Target {
    .executableTarget(
        name: name,
        dependencies: ["FuzzSupport", .product(name: "AllianceGraph", package: "AllianceGraph")],
        swiftSettings: [.unsafeFlags(["-parse-as-library"])]
    )
}

let package = Package(
    name: "AllianceGraphFuzz",
    dependencies: [.package(name: "AllianceGraph", path: "..")],
    targets: [
        .target(name: "FuzzSupport", dependencies: [.product(name: "AllianceGraph", package: "AllianceGraph")]),
        fuzzer("FuzzScenarioReader"),
        fuzzer("FuzzGraphML"),
        fuzzer("FuzzGML"),
        fuzzer("FuzzNodeLink"),
        fuzzer("FuzzGephiCSV"),
        fuzzer("FuzzImporters"),
    ]
)
