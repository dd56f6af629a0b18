import ArgumentParser
import Foundation
import Testing
@testable import alliancectl

@Suite("CLI: backtest alliances")
struct BacktestCommandTests {
    static let fixtures = CLITestSupport.path("Tests/AllianceGraphTests/Fixtures/import")

    static func arguments(_ extra: [String]) -> [String] {
        [
            "backtest", "alliances", "--atop", "\(fixtures)/atop-small.csv", "--states",
            "\(fixtures)/states-small.csv", "--from", "1900", "--to", "1903",
            "--horizon", "1,2", "--replicates", "2", "--quiet",
        ] + extra
    }

    @Test("the fixture years give window and total rows in CSV, and an HTML report with the curves")
    func csvAndReport() throws {
        let folder = try CLITestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let csv = folder.appendingPathComponent("bt.csv").path, html = folder.appendingPathComponent("bt.html").path
        var command = try AllianceCtl.parseAsRoot(Self.arguments(["--format", "csv", "-o", csv, "--html", html]))
        try command.run()
        let lines = try String(contentsOfFile: csv, encoding: .utf8).split(separator: "\n")
        #expect(lines.first?.hasPrefix("row,horizon,start_year,method,windows,states,candidates,new_pacts") == true)
        // Windows: 1900-1902 at k = 1 and 1900-1901 at k = 2, six methods each; totals: 2 x 6.
        #expect(lines.filter { $0.hasPrefix("window,") }.count == 5 * 6)
        #expect(lines.filter { $0.hasPrefix("total,") }.count == 2 * 6)
        let report = try String(contentsOfFile: html, encoding: .utf8)
        #expect(report.contains("precision-recall, all windows pooled") && report.contains("<svg"))
    }

    @Test("the same seed gives the same JSON for 1 and 2 workers")
    func deterministicOutput() throws {
        let one = try #require(try CLITestSupport.run(Self.arguments(["--format", "json", "--workers", "1"])))
        let two = try #require(try CLITestSupport.run(Self.arguments(["--format", "json", "--workers", "2"])))
        #expect(one.status == 0 && two.status == 0)
        #expect(one.stdout == two.stdout && one.stdout.contains("\"format\": \"alliancegraph-backtest/1\""))
    }

    @Test("usage errors exit 64: a zero horizon, --from after --to, no data")
    func usageErrors() throws {
        for extra in [["--horizon", "0"], ["--from", "1905"], ["--horizon", "5"]] {
            let outcome = try #require(try CLITestSupport.run(Self.arguments(extra)), "build alliancectl first")
            #expect(outcome.status == 64, "\(extra): \(outcome.stderr)")
        }
        let none = try #require(try CLITestSupport.run(["backtest", "alliances"]))
        #expect(none.status == 64 && none.stderr.contains("--data"))
    }

    @Test("a missing data file or years outside the files exit 65 naming the problem")
    func dataErrors() throws {
        let missing = try #require(
            try CLITestSupport.run(["backtest", "alliances", "--atop", "/nonexistent/atop.csv", "--quiet"]))
        #expect(missing.status == 65 && missing.stderr.contains("/nonexistent/atop.csv"))
        let late = try #require(try CLITestSupport.run(Self.arguments(["--to", "1950"])))
        #expect(late.status == 65 && late.stderr.contains("cover 1900-1903 together"), "\(late.stderr)")
        let nmc = try #require(
            try CLITestSupport.run(Self.arguments(["--nmc", "\(Self.fixtures)/nmc-small.csv"])))
        #expect(nmc.status == 65 && nmc.stderr.contains("cover 1902-1903 together"), "\(nmc.stderr)")
        // A side file that ends early limits the years too (rivalries used to vanish silently after it).
        let folder = try CLITestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let rivalries = folder.appendingPathComponent("rivalries.csv").path
        try """
        rivalryno,rivalryname,ccode1,ccode2,styear,endyear,region,type1,type2,type3
        1,Britain-Germany,200,255,1896,1901,European GPs,positional,,

        """.write(toFile: rivalries, atomically: true, encoding: .utf8)
        let early = try #require(try CLITestSupport.run(Self.arguments(["--rivalries", rivalries])))
        #expect(early.status == 65, "\(early.stderr)")
        #expect(
            early.stderr.contains(
                "cover 1900-1901 together (the ATOP file (atop-small.csv) starts in 1900; "
                    + "the rivalries file (rivalries.csv) ends in 1901); 1900-1903 is not inside"),
            "\(early.stderr)")
    }
}

@Suite("CLI: calibrate")
struct CalibrateCommandTests {
    static let fixtures = CLITestSupport.path("Tests/AllianceGraphTests/Fixtures/import")

    @Test("a search on the fixture years prints every trial, the fitted profile and the held-out score")
    func searchOnFixtures() throws {
        let outcome = try #require(
            try CLITestSupport.run([
                "calibrate", "--atop", "\(Self.fixtures)/atop-small.csv", "--states",
                "\(Self.fixtures)/states-small.csv",
                "--from", "1900", "--split", "1902", "--to", "1903", "--horizon", "1", "--replicates", "1", "--quiet",
            ]), "build alliancectl first")
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("fitted profile: balancing.threshold="))
        #expect(outcome.stdout.contains("held-out 1902-1903, k = 1: mean AUC-PR"))
        // The coordinate search scores 1 + 2 + 1 + 2 distinct settings at most (8 with repeats).
        #expect(outcome.stdout.contains("training AUC-PR"))
    }

    @Test("periods that leave no window are usage errors; an unknown profile is one too")
    func usage() throws {
        let outcome = try #require(
            try CLITestSupport.run([
                "calibrate", "--atop", "x.csv", "--from", "1900", "--split", "1901", "--to", "1903",
            ]))
        #expect(outcome.status == 64)
        let none = FileManager.default.temporaryDirectory.appendingPathComponent("none-\(UUID().uuidString)").path
        let profile = try #require(
            try CLITestSupport.run([
                "simulate", "Networks/europe-1914.json", "-o", none, "--profile", "calibrate",
            ]))
        #expect(!FileManager.default.fileExists(atPath: none))
        #expect(profile.status == 64 && profile.stderr.contains("calibrated"))
    }
}
