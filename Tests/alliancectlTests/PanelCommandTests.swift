import Foundation
import Testing

/// `alliancectl panel`: the year tables equal `import` + `metrics` of each year, keyed for joins.
@Suite("panel command")
struct PanelCommandTests {
    static let fixtures = "Tests/AllianceGraphTests/Fixtures/import/"
    /// The small hand-written ATOP extract (1900-1903) and its side files, without NMC (which
    /// covers only 1902), so every state gets capability 1/n.
    static let fixtureFiles = [
        "--atop", CLITestSupport.path(fixtures + "atop-small.csv"),
        "--states", CLITestSupport.path(fixtures + "states-small.csv"),
        "--majors", CLITestSupport.path(fixtures + "majors-small.csv"),
        "--rivalries", CLITestSupport.path(fixtures + "rivalries-small.csv"),
        "--contiguity", CLITestSupport.path(fixtures + "contdir-small.csv"),
    ]

    /// The CSV file as rows of named cells.
    static func rows(_ path: String) throws -> [[String: String]] {
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
        let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        return lines.dropFirst().map { line in
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            return Dictionary(uniqueKeysWithValues: zip(header, cells))
        }
    }

    /// Imports `year` with `importArguments` and runs `metrics` (state CSV and system CSV) on it.
    static func singleYear(_ year: Int, importArguments: [String], folder: URL) throws -> (
        states: [[String: String]], system: [String: String]
    )? {
        let scenario = folder.appendingPathComponent("y\(year).json").path
        guard
            let imported = try CLITestSupport.run(
                ["import", "atop"] + importArguments + ["--year", String(year), "-o", scenario, "-q"])
        else { return nil }
        #expect(imported.status == 0, "\(imported.stderr)")
        let states = folder.appendingPathComponent("m\(year).csv").path
        let system = folder.appendingPathComponent("s\(year).csv").path
        _ = try CLITestSupport.run(["metrics", scenario, "--format", "csv", "-o", states])
        _ = try CLITestSupport.run(["metrics", scenario, "--format", "csv", "--scope", "system", "-o", system])
        let systemRows = try rows(system)
        return (
            try rows(states),
            Dictionary(uniqueKeysWithValues: systemRows.map { ($0["metric"]!, $0["value"]!) })
        )
    }

    /// Every state row and the system row of `year` in the panel equal `metrics` on that year.
    static func expectPanelEqualsMetrics(
        panel: URL, year: Int, importArguments: [String], folder: URL
    ) throws {
        guard let single = try singleYear(year, importArguments: importArguments, folder: folder) else { return }
        let stateYears = try rows(panel.appendingPathComponent("state_year.csv").path).filter {
            $0["year"] == String(year)
        }
        #expect(stateYears.count == single.states.count && !stateYears.isEmpty)
        let byCode = Dictionary(uniqueKeysWithValues: single.states.map { ($0["code"]!, $0) })
        var compared = 0
        for row in stateYears {
            let expected = try #require(byCode[row["stateabb"]!], "state \(row["stateabb"]!) of \(year)")
            for (column, value) in row where !["ccode", "stateabb", "year"].contains(column) {
                #expect(expected[column] == value, "\(year) \(row["stateabb"]!) \(column)")
                compared += 1
            }
        }
        #expect(compared > 10 * stateYears.count)
        let systemYear = try #require(
            try rows(panel.appendingPathComponent("system_year.csv").path).first { $0["year"] == String(year) })
        for (metric, value) in single.system {
            #expect(systemYear[metric] == value, "\(year) system \(metric)")
        }
    }

    @Test("each year of the panel equals import + metrics of that year; the bytes do not depend on --workers")
    func equalsMetricsPerYear() throws {
        let folder = try CLITestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let one = folder.appendingPathComponent("one"), two = folder.appendingPathComponent("two")
        guard
            let first = try CLITestSupport.run(
                ["panel"] + Self.fixtureFiles + ["--years", "1900-1903", "-o", one.path, "--workers", "1"])
        else { return }
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.contains("Wrote \(one.path)/{state_year.csv,dyad_year.csv,system_year.csv,panel.json}"))
        #expect(first.stderr.contains("4 years 1900-1903"))
        let second = try #require(
            try CLITestSupport.run(
                ["panel"] + Self.fixtureFiles + ["--years", "1900-1903", "-o", two.path, "--workers", "3"]))
        #expect(second.status == 0)
        for name in ["state_year.csv", "dyad_year.csv", "system_year.csv", "panel.json"] {
            let a = try Data(contentsOf: one.appendingPathComponent(name))
            let b = try Data(contentsOf: two.appendingPathComponent(name))
            #expect(a == b && !a.isEmpty, "\(name)")
        }
        for year in [1901, 1902] {
            try Self.expectPanelEqualsMetrics(
                panel: one, year: year, importArguments: [Self.fixtureFiles[1]] + Self.fixtureFiles.dropFirst(2),
                folder: folder)
        }
        let states = try Self.rows(one.appendingPathComponent("state_year.csv").path)
        #expect(states.first.map { Array($0.keys).contains("ccode") } == true)
        #expect(Set(states.map { $0["year"]! }) == ["1900", "1901", "1902", "1903"])
    }

    @Test("dyad-years: both orders, the kinds in force, strength, S, shared blocs and rivalry")
    func dyadRows() throws {
        let folder = try CLITestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        guard
            let outcome = try CLITestSupport.run(
                ["panel"] + Self.fixtureFiles + ["--years", "1901-1902", "-o", folder.path])
        else { return }
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let dyads = try Self.rows(folder.appendingPathComponent("dyad_year.csv").path)
        func row(_ a: String, _ b: String, _ year: String) -> [String: String]? {
            dyads.first { $0["ccode1"] == a && $0["ccode2"] == b && $0["year"] == year }
        }
        // UKG-FRN 1901: defence and consultation (ATOP), a tie of strength 1, in both orders.
        let ukFrance = try #require(row("200", "220", "1901"))
        let franceUk = try #require(row("220", "200", "1901"))
        #expect(ukFrance["defense"] == "1" && ukFrance["consultation"] == "1" && ukFrance["offense"] == "0")
        #expect(ukFrance["strength"] == "1" && ukFrance["same_bloc"] == "1" && ukFrance["rivalry"] == "0")
        #expect(ukFrance["stateabb1"] == "UKG" && franceUk["stateabb1"] == "FRN")
        #expect(ukFrance["s_similarity"] == franceUk["s_similarity"])
        // UKG-GMY: no alliance, a rivalry in force (1896-1918): listed for the rivalry.
        let rivals = try #require(row("200", "255", "1901"))
        #expect(rivals["rivalry"] == "1" && rivals["strength"] == "0" && rivals["defense"] == "0")
        // 1901 has no tie between France and Russia; 1902 has one.
        #expect(row("220", "365", "1901") == nil)
        #expect(row("220", "365", "1902")?["defense"] == "1")
        // Rows are ordered by year, then ccode1, then ccode2.
        let keys = dyads.map { (Int($0["year"]!)!, Int($0["ccode1"]!)!, Int($0["ccode2"]!)!) }
        #expect(zip(keys, keys.dropFirst()).allSatisfy { $0 < $1 })
        // --dyads all lists every ordered pair of the system.
        let all = folder.appendingPathComponent("all")
        let everyPair = try #require(
            try CLITestSupport.run(
                ["panel"] + Self.fixtureFiles + ["--years", "1901", "-o", all.path, "--dyads", "all"]))
        #expect(everyPair.status == 0)
        let states = try Self.rows(all.appendingPathComponent("state_year.csv").path).count
        let pairs = try Self.rows(all.appendingPathComponent("dyad_year.csv").path).count
        #expect(states > 2 && pairs == states * (states - 1))
    }

    @Test("a year outside a file's range is exit 65 naming the file; --carry-forward notes it; no folder is left")
    func yearsOutsideTheFiles() throws {
        let folder = try CLITestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("panel")
        guard
            let outside = try CLITestSupport.run(
                ["panel"] + Self.fixtureFiles + ["--years", "1899-1901", "-o", output.path])
        else { return }
        #expect(outside.status == 65)
        #expect(outside.stderr.contains("atop-small.csv: the ATOP file covers 1900-1903; 1899 is outside it"))
        #expect(!FileManager.default.fileExists(atPath: output.path))
        // A rivalries file that ends in 1901: 1902 needs --carry-forward, which panel.json records.
        let shortRivalries = folder.appendingPathComponent("rivalries-to-1901.csv")
        try """
        rivalryno,rivalryname,ccode1,ccode2,styear,endyear,region,type1,type2,type3
        1,Britain-Germany,200,255,1896,1901,European GPs,positional,,

        """.write(to: shortRivalries, atomically: true, encoding: .utf8)
        let files = Array(Self.fixtureFiles.prefix(6)) + ["--rivalries", shortRivalries.path]
        let refused = try #require(
            try CLITestSupport.run(["panel"] + files + ["--years", "1901-1902", "-o", output.path]))
        #expect(
            refused.status == 65 && refused.stderr.contains("the rivalries file covers 1896-1901; 1902 is outside it"))
        let carried = try #require(
            try CLITestSupport.run(["panel"] + files + ["--years", "1901-1902", "-o", output.path, "--carry-forward"]))
        #expect(carried.status == 0, "\(carried.stderr)")
        let manifest = try String(contentsOf: output.appendingPathComponent("panel.json"), encoding: .utf8)
        #expect(manifest.contains("ends in 1901; its 1901 data are used for 1902"))
        #expect(manifest.contains("\"carry_forward\": true"))
        let dyads = try Self.rows(output.appendingPathComponent("dyad_year.csv").path)
        #expect(
            dyads.contains {
                $0["ccode1"] == "200" && $0["ccode2"] == "255" && $0["year"] == "1902" && $0["rivalry"] == "1"
            })
        try FileManager.default.removeItem(at: output)
        let badRange = try #require(
            try CLITestSupport.run(["panel"] + Self.fixtureFiles + ["--years", "1903-1900", "-o", output.path]))
        #expect(badRange.status == 64 && badRange.stderr.contains("--years takes FIRST-LAST"))
        let unknown = try #require(
            try CLITestSupport.run(
                ["panel"] + Self.fixtureFiles + ["--years", "1901", "-o", output.path, "--only", "degre"]))
        #expect(unknown.status == 64 && unknown.stderr.contains("Unknown metric \"degre\" (did you mean \"degree\"?)"))
        #expect(!FileManager.default.fileExists(atPath: output.path))
    }

    /// `../shared/data` beside the repository, when present.
    static var realData: String? {
        let folder = CLITestSupport.repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/data")
        let names = [
            "atop5_1dy.csv", "states2016.csv", "NMC-60-abridged.csv", "contdir.csv", "td_rivalries.csv",
            "majors2016.csv",
        ]
        let present = names.allSatisfy {
            FileManager.default.fileExists(atPath: folder.appendingPathComponent($0).path)
        }
        return present ? folder.path : nil
    }

    @Test("ATOP and COW: 1914 and 2010 of a panel equal import + metrics of those years")
    func realDataYears() throws {
        guard let data = Self.realData else {
            print("skipping: ../shared/data (ATOP and the COW side files) is absent")
            return
        }
        let folder = try CLITestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for year in [1914, 2010] {
            let panel = folder.appendingPathComponent("panel\(year)")
            guard
                let outcome = try CLITestSupport.run(
                    ["panel", "--data", data, "--years", "\(year - 1)-\(year)", "-o", panel.path])
            else { return }
            #expect(outcome.status == 0, "\(outcome.stderr)")
            let d = URL(fileURLWithPath: data)
            let importArguments = [
                d.appendingPathComponent("atop5_1dy.csv").path,
                "--states", d.appendingPathComponent("states2016.csv").path,
                "--nmc", d.appendingPathComponent("NMC-60-abridged.csv").path,
                "--contiguity", d.appendingPathComponent("contdir.csv").path,
                "--rivalries", d.appendingPathComponent("td_rivalries.csv").path,
                "--majors", d.appendingPathComponent("majors2016.csv").path,
            ]
            try Self.expectPanelEqualsMetrics(
                panel: panel, year: year, importArguments: importArguments, folder: folder)
        }
    }
}
