import ArgumentParser
import Foundation
import Testing
@testable import alliancectl

@Suite("deterrence command")
struct DeterrenceCommandTests {
    static let nato = CLITestSupport.path("Networks/nato-2024.json")

    static func runBinary(_ arguments: [String]) throws -> CLITestSupport.Outcome {
        try #require(try CLITestSupport.run(arguments), "build alliancectl first (swift build)")
    }

    @Test("deterrence parses its options; comma-separated codes are split")
    func parses() throws {
        let command = try AllianceCtl.parseAsRoot([
            "deterrence", "x.json", "--attacker", "RUS,BLR", "--target", "EST", "--drop", "USA", "--runs", "500",
            "--gradient", "2", "--cost-weight", "0.5", "--svg", "map.svg", "--all", "--format", "json",
        ])
        let deterrence = try #require(command as? DeterrenceCommand)
        #expect(deterrence.attacker == ["RUS,BLR"] && deterrence.target == ["EST"] && deterrence.drop == ["USA"])
        #expect(deterrence.runs == 500 && deterrence.gradient == 2 && deterrence.costWeight == 0.5)
        #expect(deterrence.svg == "map.svg" && deterrence.all && deterrence.output.format == .json)
    }

    @Test("bad --runs and an empty --svg are usage errors")
    func usageErrors() {
        expectExit(64, message: "--runs must be in 1...100000000.") {
            _ = try AllianceCtl.parseAsRoot(["deterrence", "x.json", "--runs", "0"])
        }
        expectExit(64, message: "--svg needs a file name") {
            _ = try AllianceCtl.parseAsRoot(["deterrence", "x.json", "--svg", ""])
        }
    }

    @Test("NATO 2024: table, CSV and SVG; an unknown code is a usage error naming the option")
    func nato2024() throws {
        let folder = try CLITestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let svg = folder.appendingPathComponent("map.svg").path
        let table = try Self.runBinary([
            "deterrence", Self.nato, "--attacker", "RUS", "--drop", "USA", "--runs", "200", "--svg", svg, "-q",
        ])
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdout.contains("Most exposed targets") && table.stdout.contains("exposure w/o USA"))
        #expect(table.stdout.contains("RUS       EST"))
        let picture = try String(contentsOfFile: svg, encoding: .utf8)
        #expect(picture.hasPrefix("<svg") && picture.contains("without the pledges of USA"))
        let csv = try Self.runBinary(["deterrence", Self.nato, "--attacker", "RUS", "--target", "EST", "-f", "csv"])
        #expect(csv.status == 0)
        let lines = csv.stdout.split(separator: "\n")
        #expect(lines.count == 2 && lines[0].hasPrefix("attacker,target,runs,p_prevail,"))
        #expect(lines[1].hasPrefix("RUS,EST,1000,"))
        let unknown = try Self.runBinary(["deterrence", Self.nato, "--drop", "XXX"])
        #expect(unknown.status == 64 && unknown.stderr.contains("--drop: no state \"XXX\""))
    }

    @Test("same seed, same bytes; the worker count does not change the output")
    func reproducible() throws {
        let arguments = ["deterrence", CLITestSupport.path("Networks/europe-1914.json"), "--runs", "128", "-f", "json"]
        let one = try Self.runBinary(arguments + ["--workers", "1"])
        let two = try Self.runBinary(arguments + ["--workers", "2"])
        #expect(one.status == 0 && one.stdout == two.stdout)
        #expect(one.stdout.contains("\"pPrevail\""))
    }
}
