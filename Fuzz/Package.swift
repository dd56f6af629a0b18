// swift-tools-version: 6.1
// libFuzzer targets for AllianceGraph's parsers. Kept out of the main package so that an
// ordinary `swift build` never links them (they have no `main`; libFuzzer provides it).
// Build and run: see Fuzz/README.md.
import PackageDescription

let package = Package(
    name: "AllianceGraphFuzz",
    dependencies: [.package(name: "AllianceGraph", path: "..")],
    targets: [
        .executableTarget(
            name: "FuzzScenarioReader",
            dependencies: [.product(name: "AllianceGraph", package: "AllianceGraph")],
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        ),
    ]
)
