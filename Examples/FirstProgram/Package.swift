// swift-tools-version: 6.1
// A downstream package that uses AllianceGraph by path: the programs of README.md ("Using the
// library") compile and run as written. CI builds and runs it (`make example`).
import PackageDescription

let package = Package(
    name: "FirstProgram",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "AllianceGraph", path: "../..")],
    targets: [
        .executableTarget(
            name: "FirstProgram",
            dependencies: [.product(name: "AllianceGraph", package: "AllianceGraph")],
            swiftSettings: [.swiftLanguageMode(.v6)]
        )
    ]
)
