import ArgumentParser
import Foundation
import Testing
@testable import alliancectl
@_spi(Internals) @testable import AllianceGraph
@_spi(Internals) @testable import AllianceGraphFormats
@testable import AllianceGraphRender

@Suite("simulate command")
struct SimulateCommandTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static func network(_ name: String) -> String { root.appendingPathComponent("Networks/\(name)").path }

    static func temporaryFolder() -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "alliancegraph-sim-\(UUID().uuidString)")
        return url.path
    }

    static func simulate(_ arguments: [String]) throws {
        var command = try AllianceCtl.parseAsRoot(["simulate"] + arguments)
        try command.run()
    }

    static func read(_ folder: String, _ name: String) throws -> String {
        try String(contentsOfFile: folder + "/" + name, encoding: .utf8)
    }

    /// run.json without its `timing` member.
    static func runWithoutTiming(_ folder: String) throws -> String {
        let text = try read(folder, "run.json")
        guard let range = text.range(of: ",\n  \"timing\"") else { return text }
        return String(text[..<range.lowerBound])
    }

    @Test("the same seed gives byte-identical files (run.json minus timing); another seed differs")
    func determinism() throws {
        let (a, b, c) = (Self.temporaryFolder(), Self.temporaryFolder(), Self.temporaryFolder())
        defer { for f in [a, b, c] { try? FileManager.default.removeItem(atPath: f) } }
        let base = [
            Self.network("europe-1914.json"), "--rounds", "12", "--seed", "7", "--quiet",
            "--rules", "arming,balancing,bandwagoning,burden-sharing,chain-gang,triads", "--no-equilibrium-stop",
        ]
        try Self.simulate(base + ["--output", a])
        try Self.simulate(base + ["--output", b])
        try Self.simulate([
            Self.network("europe-1914.json"), "--rounds", "12", "--seed", "8", "--quiet",
            "--rules", "arming,balancing,bandwagoning,burden-sharing,chain-gang,triads", "--no-equilibrium-stop",
            "--output", c,
        ])
        for name in ["rounds.csv", "system.csv", "final.json"] {
            #expect(try Self.read(a, name) == Self.read(b, name), "\(name)")
        }
        #expect(try Self.runWithoutTiming(a) == Self.runWithoutTiming(b))
        #expect(try Self.read(a, "run.json").contains("\"timing\""))
        #expect(try Self.read(a, "rounds.csv") != Self.read(c, "rounds.csv"))
    }

    @Test("final.json is a valid scenario of the final network")
    func finalIsAScenario() throws {
        let folder = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Self.simulate([
            Self.network("europe-1936.json"), "--rounds", "5", "--quiet", "--system-metrics", "light", "--output",
            folder,
        ])
        let scenario = try ScenarioLoader.load(path: folder + "/final.json")
        #expect(scenario.network.count == 17)
        let rows = try Self.read(folder, "rounds.csv").split(separator: "\n")
        #expect(rows.first == "round,code,effort,power,threat,security_ratio,main_threat,commitments")
        let system = try Self.read(folder, "system.csv")
        #expect(!system.contains("modularity"))
    }

    @Test("an unknown --set name is a usage error with a hint")
    func unknownParameter() {
        do {
            _ = try AllianceCtl.parseAsRoot(["simulate", "x.json", "--output", "o", "--set", "offenceDefense=2"])
            Issue.record("expected a usage error")
        } catch {
            #expect(AllianceCtl.exitCode(for: error).rawValue == 64)
            #expect(AllianceCtl.message(for: error).contains("offenseDefense"))
        }
        expectExit(64, message: "unknown rule \"balancnig\" (did you mean \"balancing\"?)") {
            _ = try AllianceCtl.parseAsRoot(["simulate", "x.json", "--output", "o", "--rules", "arming,balancnig"])
        }
    }

    @Test("invalid input writes nothing")
    func invalidInputWritesNothing() throws {
        let folder = Self.temporaryFolder()
        let bad = FileManager.default.temporaryDirectory.appendingPathComponent("bad-\(UUID().uuidString).json").path
        try "{\"format\": \"alliancegraph/1\", \"name\": \"x\", \"states\": []}".write(
            toFile: bad, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: bad) }
        expectExit(65) { try Self.simulate([bad, "--output", folder, "--quiet"]) }
        #expect(!FileManager.default.fileExists(atPath: folder))
    }

    @Test(
        "a 50-round run finishes on every bundled network",
        arguments: ["europe-1914.json", "europe-1936.json", "cold-war-1962.json", "nato-2024.json"])
    func bundledNetworks(name: String) throws {
        let folder = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Self.simulate([
            Self.network(name), "--rounds", "50", "--seed", "1", "--quiet", "--system-metrics", "light", "--output",
            folder,
        ])
        let system = try Self.read(folder, "system.csv").split(separator: "\n")
        #expect(system.count >= 2)
        #expect(!(try Self.read(folder, "rounds.csv")).contains("NA"))
    }
}
