import Foundation
import Testing
@testable import alliancectl

@Suite("metrics and info commands")
struct MetricsCommandTests {
    @Test("metrics --format json lists every NATO 2024 state with its metrics")
    func natoJSON() throws {
        let folder = try CLITestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("nato.json").path
        var command = try AllianceCtl.parseAsRoot([
            "metrics", CLITestSupport.path("Networks/nato-2024.json"),
            "--format", "json", "--output", output,
        ])
        try command.run()
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: output))) as? [String: Any])
        let states = try #require(object["states"] as? [[String: Any]])
        #expect(states.count == 36)
        #expect(states.map { $0["code"] as? String }.contains("EST"))
        for state in states {
            for key in ["degree", "strength", "betweenness", "eigenvector", "pagerank", "bloc"] {
                #expect(state[key] != nil, "\(state["code"] ?? "?") lacks \(key)")
            }
        }
        let estonia = try #require(states.first { $0["code"] as? String == "EST" })
        #expect(estonia["degree"] as? Int == 31, "Estonia is allied to the 31 other members")
        let system = try #require(object["system"] as? [String: Any])
        #expect(system["components"] as? Int == 4)
    }

    @Test("CSV output is tidy: a header and one row per state, NaN as NA")
    func csv() throws {
        let outcome = try #require(
            try CLITestSupport.run(["metrics", "Networks/europe-1914.json", "--format", "csv"]),
            "build alliancectl first (swift build)")
        #expect(outcome.status == 0)
        let lines = outcome.stdout.split(separator: "\n")
        #expect(lines.count == 19)
        #expect(lines[0].hasPrefix("code,name,degree,strength,betweenness,closeness"))
        #expect(outcome.stdout.contains(",NA,"), "isolated states have undefined closeness")
        let system = try #require(
            try CLITestSupport.run(["metrics", "Networks/europe-1914.json", "--format", "csv", "--scope", "system"]),
            "build alliancectl first (swift build)")
        #expect(system.stdout.hasPrefix("metric,value\ndensity,"))
    }

    @Test("--only keeps the named metrics; --list describes every metric")
    func onlyAndList() throws {
        let outcome = try #require(
            try CLITestSupport.run([
                "metrics", "Networks/europe-1914.json", "--format", "csv", "--only", "degree,pagerank",
            ]), "build alliancectl first (swift build)")
        #expect(outcome.stdout.hasPrefix("code,name,degree,pagerank\n"))
        let list = try #require(try CLITestSupport.run(["metrics", "--list"]), "build alliancectl first (swift build)")
        #expect(list.status == 0)
        #expect(list.stdout.contains("betweenness") && list.stdout.contains("lengths 1/credibility"))
    }

    @Test("--skip leaves out the named metrics (comma-separated or repeated); --list gives each metric's cost")
    func skipAndCost() throws {
        let outcome = try #require(
            try CLITestSupport.run([
                "metrics", "Networks/europe-1914.json", "--format", "csv", "--skip", "betweenness,closeness",
                "--skip", "harmonic", "--skip", "bloc",
            ]), "build alliancectl first (swift build)")
        #expect(outcome.status == 0)
        #expect(outcome.stdout.hasPrefix("code,name,degree,strength,eigenvector,pagerank,coreness,articulation,power,"))
        let system = try #require(
            try CLITestSupport.run([
                "metrics", "Networks/europe-1914.json", "--format", "csv", "--scope", "system",
                "--skip", "signed_bloc,signed_blocs,signed_modularity,exposure,fragility,blocs,modularity,polarity",
            ]), "build alliancectl first (swift build)")
        #expect(system.status == 0)
        #expect(system.stdout.contains("\ndensity,") && system.stdout.contains("\nfrustration,"))
        #expect(!system.stdout.contains("signed_blocs") && !system.stdout.contains("\nblocs,"))
        let list = try #require(try CLITestSupport.run(["metrics", "--list"]), "build alliancectl first (swift build)")
        #expect(list.status == 0)
        let rows = list.stdout.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true) }
        #expect(rows.first?.prefix(4) == ["metric", "scope", "cost", "definition"])
        let cost = Dictionary(rows.dropFirst(2).map { (String($0[0]), String($0[2])) }, uniquingKeysWith: { a, _ in a })
        #expect(cost["degree"] == "low" && cost["betweenness"] == "medium" && cost["signed_blocs"] == "high")
        #expect(cost["frustration"] == "high" && cost["exposure"] == "high" && cost["bloc"] == "high")
        let unknown = try #require(
            try CLITestSupport.run(["metrics", "Networks/europe-1914.json", "--skip", "signed_blox"]),
            "build alliancectl first (swift build)")
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("--skip: Unknown metric \"signed_blox\" (did you mean \"signed_bloc"))
    }

    @Test("info summarises a bundled network; --version prints the version")
    func info() throws {
        let outcome = try #require(
            try CLITestSupport.run(["info", "Networks/europe-1914.json", "--format", "json"]),
            "build alliancectl first (swift build)")
        #expect(outcome.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
        #expect(object["states"] as? Int == 18)
        #expect(object["patronage"] as? Int == 1)
        #expect(object["valid"] as? Bool == true)
        let version = try #require(try CLITestSupport.run(["--version"]), "build alliancectl first (swift build)")
        #expect(version.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "0.1.0")
    }
}
