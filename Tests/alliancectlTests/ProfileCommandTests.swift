import Foundation
import Testing
@_spi(Internals) @testable import AllianceGraph
@_spi(Internals) @testable import AllianceGraphFormats

/// Parameter profiles beyond the built-in names: `calibrate --output` writes the fitted set as a
/// profile file, and `simulate`, `backtest alliances`, `report --simulate` and sweeps accept it.
@Suite("CLI: profile files written by calibrate and accepted by --profile")
struct ProfileCommandTests {
    static let fixtures = CLITestSupport.path("Tests/AllianceGraphTests/Fixtures/import")

    static func write(_ text: String, _ name: String, in folder: URL) throws -> String {
        let url = folder.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    @Test("calibrate --output writes the fitted set; simulate with the file equals simulate with its assignments")
    func calibrateThenSimulate() throws {
        let folder = try CLITestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("fitted.json").path
        let calibrate = try #require(
            try CLITestSupport.run([
                "calibrate", "--atop", "\(Self.fixtures)/atop-small.csv", "--states",
                "\(Self.fixtures)/states-small.csv", "--from", "1900", "--split", "1902", "--to", "1903",
                "--horizon", "1", "--replicates", "1", "--quiet", "--output", file,
            ]), "build alliancectl first")
        #expect(calibrate.status == 0, "\(calibrate.stderr)")
        let profile = try ProfileReference.resolve(file)
        #expect(profile.name == "fitted")
        // The file holds exactly the assignments the command printed as the fitted profile.
        let printed = try #require(calibrate.stdout.split(separator: "\n").first { $0.hasPrefix("fitted profile: ") })
        #expect(profile.assignments.joined(separator: " ") == printed.dropFirst("fitted profile: ".count))
        #expect(profile.assignments.count == 3)
        // Provenance: the options and every trial.
        let document = try JSONParser.parse(Array(try Data(contentsOf: URL(fileURLWithPath: file))))
        guard case .object(let members) = document,
            case .object(let fitted)? = members.first(where: {
                $0.key == "fitted"
            })?.value
        else {
            Issue.record("no fitted object")
            return
        }
        #expect(fitted.map(\.key).contains("trials") && fitted.map(\.key).contains("heldOutScore"))

        let fromFile = folder.appendingPathComponent("from-file").path
        let bySet = folder.appendingPathComponent("by-set").path
        let common = ["simulate", "Networks/nato-2024.json", "--rounds", "5", "--seed", "2"]
        let a = try #require(try CLITestSupport.run(common + ["--profile", file, "-o", fromFile]))
        let b = try #require(
            try CLITestSupport.run(common + profile.assignments.flatMap { ["--set", $0] } + ["-o", bySet]))
        #expect(a.status == 0 && b.status == 0, "\(a.stderr) \(b.stderr)")
        for name in ["rounds.csv", "system.csv", "final.json"] {
            let x = try Data(contentsOf: URL(fileURLWithPath: fromFile).appendingPathComponent(name))
            let y = try Data(contentsOf: URL(fileURLWithPath: bySet).appendingPathComponent(name))
            #expect(x == y, "\(name)")
        }
    }

    @Test("a profile file with the calibrated assignments gives the same bytes as --profile calibrated")
    func fileEqualsBuiltIn() throws {
        let folder = try CLITestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = ProfileReference.document(
            name: "copy", assignments: ParameterProfile.calibrated.assignments, fitted: [])
        let file = try Self.write(text, "copy.json", in: folder)
        let common = ["simulate", "Networks/europe-1914.json", "--rounds", "8", "--seed", "3"]
        let one = folder.appendingPathComponent("one").path, two = folder.appendingPathComponent("two").path
        let a = try #require(try CLITestSupport.run(common + ["--profile", file, "-o", one]))
        let b = try #require(try CLITestSupport.run(common + ["--profile", "calibrated", "-o", two]))
        #expect(a.status == 0 && b.status == 0)
        for name in ["rounds.csv", "system.csv", "final.json"] {
            #expect(
                try Data(contentsOf: URL(fileURLWithPath: one).appendingPathComponent(name))
                    == Data(contentsOf: URL(fileURLWithPath: two).appendingPathComponent(name)), "\(name)")
        }
    }

    @Test(
        "a bad profile file is exit 65 naming the file and the member, with no output",
        arguments: [
            (#"{"format": "alliancegraph-profile/2", "name": "x", "assignments": []}"#, "format"),
            (#"{"format": "alliancegraph-profile/1", "assignments": []}"#, "name"),
            (#"{"format": "alliancegraph-profile/1", "name": "x"}"#, "assignments"),
            (
                #"{"format": "alliancegraph-profile/1", "name": "x", "assignments": ["balancing.spirall=0.3"]}"#,
                "assignments[0]"
            ),
            (
                #"{"format": "alliancegraph-profile/1", "name": "x", "assignments": ["balancing.spiral=3"]}"#,
                "assignments[0]"
            ),
            (
                #"{"format": "alliancegraph-profile/1", "name": "x", "assignments": ["balancing.spiral"]}"#,
                "assignments[0]"
            ),
            (#"{"format": "alliancegraph-profile/1", "name": "x", "assignments": [0.3]}"#, "assignments[0]"),
            (#"{"format": "alliancegraph-profile/1", "name": "x", "assignments": [], "fitted": 1}"#, "fitted"),
            (#"{"format": "alliancegraph-profile/1", "name": "x", "assignments": [], "extra": 1}"#, "extra"),
            (#"{"format": "alliancegraph-profile/1", "name": "a\u0007b", "assignments": []}"#, "name"),
            (#"{"format": "alliancegraph-profile/1", "name": "x", "assignments": [],}"#, "line 1"),
        ])
    func badFiles(text: String, location: String) throws {
        let folder = try CLITestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = try Self.write(text, "bad.json", in: folder)
        let out = folder.appendingPathComponent("out").path
        let outcome = try #require(
            try CLITestSupport.run(["simulate", "Networks/europe-1914.json", "--profile", file, "-o", out]))
        #expect(outcome.status == 65, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("bad.json") && outcome.stderr.contains(location), "\(outcome.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test("a missing profile file is exit 65; an unknown name is a usage error listing the profiles")
    func missingAndUnknown() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("none-\(UUID().uuidString)").path
        let missing = try #require(
            try CLITestSupport.run(["simulate", "Networks/europe-1914.json", "--profile", "no-such.json", "-o", out]))
        #expect(missing.status == 65 && missing.stderr.contains("no-such.json"))
        let unknown = try #require(
            try CLITestSupport.run(["backtest", "alliances", "--atop", "x.csv", "--profile", "calibratd"]))
        #expect(unknown.status == 64 && unknown.stderr.contains("calibrated"), "\(unknown.stderr)")
        let report = try #require(
            try CLITestSupport.run(["report", "Networks/europe-1914.json", "--profile", "calibrated", "-o", out]))
        #expect(report.status == 64 && report.stderr.contains("--simulate"), "\(report.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test("a sweep's settings.profile applies before the varied parameters and is part of the experiment's identity")
    func sweepProfile() throws {
        let folder = try CLITestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let network = CLITestSupport.path("Networks/europe-1914.json")
        _ = try Self.write(
            ProfileReference.document(
                name: "mine", assignments: ["balancing.threshold=0.25", "balancing.spiral=0.3"], fitted: []),
            "mine.json", in: folder)
        func spec(_ settings: String, _ fixed: String) -> String {
            """
            {"format": "alliancegraph-experiment/1", "command": "simulate", "scenario": "\(network)",
             "settings": {"rounds": 6, "systemMetrics": "light"\(settings)}, "seed": 4, "replicates": 2,
             "fixed": {\(fixed)}, "parameters": {"balancing.share": {"values": [0.25, 0.5]}}}
            """
        }
        let withProfile = try Self.write(spec(#", "profile": "mine.json""#, ""), "a.json", in: folder)
        let byHand = try Self.write(
            spec("", #""balancing.threshold": 0.25, "balancing.spiral": 0.3"#), "b.json", in: folder)
        let a = folder.appendingPathComponent("a").path, b = folder.appendingPathComponent("b").path
        let runA = try #require(try CLITestSupport.run(["sweep", withProfile, "-o", a, "--export", "csv"]))
        let runB = try #require(try CLITestSupport.run(["sweep", byHand, "-o", b, "--export", "csv"]))
        #expect(runA.status == 0 && runB.status == 0, "\(runA.stderr) \(runB.stderr)")
        // Same outcomes (the fixed columns are not in the table: only the varied one is).
        let tableA = try String(contentsOfFile: a + "/runs.csv", encoding: .utf8)
        let tableB = try String(contentsOfFile: b + "/runs.csv", encoding: .utf8)
        func outcomes(_ table: String) -> [String] {
            table.split(separator: "\n").map { $0.split(separator: ",").dropFirst(5).joined(separator: ",") }
        }
        #expect(outcomes(tableA) == outcomes(tableB))
        let record = try String(contentsOfFile: a + "/experiment.json", encoding: .utf8)
        #expect(record.contains("\"profile\"") && record.contains("mine.json"))
        // Editing the profile file changes the experiment's identity: a resume is refused.
        _ = try Self.write(
            ProfileReference.document(name: "mine", assignments: ["balancing.threshold=0.5"], fitted: []),
            "mine.json", in: folder)
        let resumed = try #require(try CLITestSupport.run(["sweep", withProfile, "-o", a, "--resume"]))
        #expect(resumed.status == 65 && resumed.stderr.contains("the profile file changed"), "\(resumed.stderr)")
        // A profile in a crisis experiment's settings is an unknown field.
        let crisis = try Self.write(
            """
            {"format": "alliancegraph-experiment/1", "command": "crisis", "scenario": "\(network)",
             "settings": {"attacker": "AUH", "target": "YUG", "profile": "calibrated"}}
            """, "c.json", in: folder)
        let refused = try #require(try CLITestSupport.run(["sweep", crisis, "-o", folder.path + "/c"]))
        #expect(refused.status == 65 && refused.stderr.contains("settings.profile"), "\(refused.stderr)")
    }
}
