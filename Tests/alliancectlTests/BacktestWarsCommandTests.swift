import Foundation
import Testing

/// `alliancectl backtest wars` on small hand-written files: a known answer and bad inputs.
@Suite("backtest wars command")
struct BacktestWarsCommandTests {
    static let atop = """
        mem1,mem2,year,atopally,defense,offense,neutral,nonagg,consul
        200,220,1900,1,1,0,0,0,0
        200,220,1901,1,1,0,0,0,0
        255,365,1900,1,0,0,0,1,0

        """
    static let states = """
        stateabb,ccode,statenme,styear,stmonth,stday,endyear,endmonth,endday,version
        UKG,200,United Kingdom,1816,1,1,2016,12,31,2016
        FRN,220,France,1816,1,1,2016,12,31,2016
        GMY,255,Germany,1816,1,1,2016,12,31,2016
        RUS,365,Russia,1816,1,1,2016,12,31,2016

        """
    /// War 1 (1901): Germany attacks France; the UK joins France in 1902.
    static let wars = """
        warnum,ccode1,ccode2,year,sidea1,initiator1
        1,255,220,1901,1,1
        1,220,255,1901,2,0
        1,255,200,1902,1,1
        1,200,255,1902,2,0

        """

    static func files(wars: String = wars, openings: String? = nil) throws -> (URL, [String]) {
        let folder = try CLITestSupport.temporaryFolder()
        try atop.write(to: folder.appendingPathComponent("atop.csv"), atomically: true, encoding: .utf8)
        try states.write(to: folder.appendingPathComponent("states.csv"), atomically: true, encoding: .utf8)
        try wars.write(to: folder.appendingPathComponent("wars.csv"), atomically: true, encoding: .utf8)
        var arguments = [
            "backtest", "wars", folder.appendingPathComponent("wars.csv").path,
            "--atop", folder.appendingPathComponent("atop.csv").path,
            "--states", folder.appendingPathComponent("states.csv").path, "--runs", "200",
        ]
        if let openings {
            try openings.write(to: folder.appendingPathComponent("openings.csv"), atomically: true, encoding: .utf8)
            arguments += ["--openings", folder.appendingPathComponent("openings.csv").path]
        }
        return (folder, arguments)
    }

    static func run(_ arguments: [String]) throws -> CLITestSupport.Outcome {
        try #require(try CLITestSupport.run(arguments), "build alliancectl first (swift build)")
    }

    @Test("known answer: the UK's defence pledge to France brings it in; model and allies score it, none misses it")
    func knownAnswer() throws {
        let (folder, arguments) = try Self.files()
        let report = folder.appendingPathComponent("report.html").path
        let outcome = try Self.run(arguments + ["--format", "csv", "--report", report])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let rows = outcome.stdout.split(separator: "\n").map(String.init)
        #expect(rows.first?.hasPrefix("war,year,attacker,target,method,predicted,actual,tp,fp,fn,wrong_side") == true)
        #expect(rows.contains { $0.hasPrefix("1,1901,GMY,FRN,model,UKG:B,UKG:B,1,0,0,0,1.0000,1.0000,1.0000,") })
        #expect(rows.contains { $0.hasPrefix("1,1901,GMY,FRN,allies,UKG:B,UKG:B,1,0,0,0,") })
        #expect(rows.contains { $0.hasPrefix("1,1901,GMY,FRN,none,,UKG:B,0,0,1,0,,0.0000,0.0000,") })
        #expect(rows.contains { $0.hasPrefix("all,,,,model,,,1,0,0,0,") })
        let html = try String(contentsOfFile: report, encoding: .utf8)
        #expect(html.contains("<svg") && html.contains("GMY \u{2192} FRN"))
        #expect(outcome.stderr.contains("without --contiguity"))
        let json = try Self.run(arguments + ["--format", "json", "--quiet"])
        #expect(json.status == 0 && json.stderr.isEmpty)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let wars = try #require(object["wars"] as? [[String: Any]])
        let methods = try #require(wars.first?["methods"] as? [String: [String: Any]])
        #expect(methods["model"]?["tp"] as? Double == 1 && methods["none"]?["fn"] as? Double == 1)
        let totals = try #require(object["totals"] as? [[String: Any]])
        #expect(totals.count == 6 * 3)
        let table = try Self.run(arguments + ["--quiet"])
        #expect(table.stdout.contains("constant entry rate fitted on the wars before 1946"))
    }

    @Test("an override opening is used; one naming a state absent that year is exit 65 naming file and line")
    func openings() throws {
        let (_, good) = try Self.files(openings: "war,attacker,target\n1,255,220\n")
        let outcome = try Self.run(good + ["--format", "csv"])
        #expect(outcome.status == 0)
        #expect(outcome.stdout.contains("opening from --openings"))
        let (folder, bad) = try Self.files(openings: "war,attacker,target\n1,GMY,XYZ\n")
        let output = folder.appendingPathComponent("out.csv").path
        let failed = try Self.run(bad + ["-o", output, "--report", folder.appendingPathComponent("r.html").path])
        #expect(failed.status == 65)
        #expect(
            failed.stderr.contains(
                "openings.csv: line 2: target \"XYZ\" of war 1 is not a state in the network of 1900"))
        #expect(!FileManager.default.fileExists(atPath: output))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("r.html").path))
    }

    @Test("an opening for a war the war file does not hold is exit 65 naming the line")
    func openingForUnknownWar() throws {
        let (_, arguments) = try Self.files(openings: "war,attacker,target\n1,GMY,FRN\n7,GMY,FRN\n")
        let outcome = try Self.run(arguments)
        #expect(outcome.status == 65)
        #expect(outcome.stderr.contains("openings.csv: line 3: war 7 is not in"))
    }

    @Test("a war file with a missing column is exit 65 naming the file and the column; nothing is written")
    func missingColumn() throws {
        let (folder, arguments) = try Self.files(wars: "warnum,ccode1,ccode2,year,initiator1\n1,255,220,1901,1\n")
        let output = folder.appendingPathComponent("out.csv").path
        let outcome = try Self.run(arguments + ["-o", output])
        #expect(outcome.status == 65)
        #expect(outcome.stderr.contains("wars.csv: line 1: missing column \"sidea1\""))
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    @Test("a war whose year before lies outside the alliance data is exit 65 naming the war file and line")
    func yearOutsideData() throws {
        let wars = Self.wars + "2,255,365,1950,1,1\n2,365,255,1950,2,0\n"
        let (folder, arguments) = try Self.files(wars: wars)
        let output = folder.appendingPathComponent("out.json").path
        let outcome = try Self.run(arguments + ["--format", "json", "-o", output])
        #expect(outcome.status == 65)
        #expect(outcome.stderr.contains("wars.csv: line 6: war 2 starts in 1950; the network of 1949 cannot be built"))
        #expect(outcome.stderr.contains("1900-1901; 1949 is outside it"))
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    @Test("a bad cell in the war file is exit 65 naming the line")
    func badCell() throws {
        let (_, arguments) = try Self.files(wars: "warnum,ccode1,ccode2,year,sidea1,initiator1\n1,255,220,1901,3,1\n")
        let outcome = try Self.run(arguments)
        #expect(outcome.status == 65)
        #expect(outcome.stderr.contains("wars.csv: line 2: sidea1 3 is not 1 or 2"))
    }
}
