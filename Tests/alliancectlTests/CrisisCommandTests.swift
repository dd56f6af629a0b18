import ArgumentParser
import Foundation
import Testing
@testable import alliancectl

@Suite("crisis command")
struct CrisisCommandTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let europe1914 = root.appendingPathComponent("Networks/europe-1914.json").path

    /// Runs the built binary (see `CLITestSupport`); fails when it was not built.
    static func runBinary(_ arguments: [String]) throws -> CLITestSupport.Outcome {
        try #require(try CLITestSupport.run(arguments), "build alliancectl first (swift build)")
    }

    @Test("crisis parses its options")
    func parses() throws {
        let command = try AllianceCtl.parseAsRoot([
            "crisis", "x.json", "--attacker", "AUH", "--target", "YUG",
            "--mode", "stochastic", "--runs", "500", "--seed", "9",
            "--opportunism", "--format", "csv", "--output", "out.csv", "--both-sides", "strongest",
        ])
        let crisis = try #require(command as? CrisisCommand)
        #expect(crisis.attacker == "AUH" && crisis.target == "YUG")
        #expect(crisis.mode == .stochastic && crisis.runs == 500 && crisis.seed == 9)
        #expect(crisis.opportunism)
        #expect(crisis.output.format == .csv && crisis.output.output == "out.csv")
        #expect(crisis.crisisOptions.opportunism)
        #expect(crisis.crisisOptions.bothSides == .strongest)
        let plain = try #require(
            try AllianceCtl.parseAsRoot(["crisis", "x.json", "--attacker", "A", "--target", "B"]) as? CrisisCommand)
        #expect(plain.crisisOptions.bothSides == .cancel)
    }

    @Test("--runs without stochastic mode, a bad mode and a missing target are usage errors")
    func usageErrors() {
        expectExit(64, message: "--runs needs --mode stochastic.") {
            _ = try AllianceCtl.parseAsRoot([
                "crisis", "x.json", "--attacker", "AUH", "--target", "YUG", "--runs", "10",
            ])
        }
        expectExit(64, message: "The value 'random' is invalid for '--mode <mode>'") {
            _ = try AllianceCtl.parseAsRoot([
                "crisis", "x.json", "--attacker", "AUH", "--target", "YUG", "--mode", "random",
            ])
        }
        expectExit(64, message: "Missing expected argument '--target <code>'") {
            _ = try AllianceCtl.parseAsRoot(["crisis", "x.json", "--attacker", "AUH"])
        }
    }

    @Test("the built binary prints the 1914 timeline and the reasons for staying out")
    func binaryTimeline() throws {
        let run = try Self.runBinary(["crisis", Self.europe1914, "--attacker", "AUH", "--target", "YUG"])
        #expect(run.status == 0)
        let lines = run.stdout.split(separator: "\n").map(String.init)
        // Rows of the timeline: "step state name side role cause".
        let rows = lines.map { $0.split(separator: " ", omittingEmptySubsequences: true).map(String.init) }
            .filter { $0.count > 5 && Int($0[0]) != nil }
        let steps = rows.map { "\($0[0]) \($0[1])" }
        #expect(steps == ["0 AUH", "0 YUG", "1 RUS", "1 GMY", "1 MNG", "2 FRN", "2 BEL", "2 LUX", "3 UKG", "4 JPN"])
        #expect(lines.contains { $0.contains("UKG") && $0.contains("guarantee pledge to BEL (attacked)") })
        #expect(lines.contains { $0.hasPrefix("ITA") && $0.contains("defense to AUH, GMY: not attacked") })
        #expect(lines.contains { $0.hasPrefix("POR") && $0.contains("defense to UKG: not attacked") })
    }

    @Test("the built binary writes CSV and JSON, and rejects an unknown state with exit 64")
    func binaryFormats() throws {
        let csv = try Self.runBinary([
            "crisis", Self.europe1914, "--attacker", "AUH", "--target", "YUG", "--format", "csv",
        ])
        #expect(csv.status == 0)
        let rows = csv.stdout.split(separator: "\n")
        #expect(rows.first == "step,code,name,side,role,cause,via,commitment,credibility,honour,detail")
        #expect(rows.contains { $0.hasPrefix("4,JPN,Japan,B,entrant,pledge,UKG,offense,1,") })
        #expect(rows.count == 1 + 18)
        let json = try Self.runBinary([
            "crisis", Self.europe1914, "--attacker", "AUH", "--target", "YUG",
            "--mode", "stochastic", "--runs", "2000", "--format", "json",
        ])
        #expect(json.status == 0)
        #expect(json.stderr.isEmpty, "no progress when stderr is not a terminal")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let states = try #require(object["states"] as? [[String: Any]])
        let rus = try #require(states.first { $0["code"] as? String == "RUS" })
        let p = try #require(rus["pEnter"] as? Double)
        #expect(p > 0.6 && p < 0.75, "Russia's patronage honoured with probability 0.9 x 0.745 = 0.67")
        let bad = try Self.runBinary(["crisis", Self.europe1914, "--attacker", "AUS", "--target", "YUG"])
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("did you mean \"AUH\""))
    }
}
