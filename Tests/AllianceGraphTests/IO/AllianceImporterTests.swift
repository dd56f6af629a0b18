import Foundation
import Testing
@_spi(Internals) @testable import AllianceGraph
@_spi(Internals) @testable import AllianceGraphFormats
@testable import AllianceGraphRender

private func fixture(_ name: String) -> String { TestSupport.fixture("import/\(name)").path }

private func kinds(_ scenario: Scenario, _ a: String, _ b: String) -> [CommitmentKind] {
    let network = scenario.network
    guard let x = network.id(forCode: a), let y = network.id(forCode: b) else { return [] }
    return network.commitments.filter { StatePair($0.from, $0.to) == StatePair(x, y) }.map(\.kind).sorted()
}

@Suite("Importers: hand-made fixtures")
struct AllianceImporterFixtureTests {
    @Test("ATOP rows become one symmetric commitment per obligation type, with spell starts and data caveats reported")
    func atopSmall() throws {
        var options = AllianceImportOptions(source: .atop, year: 1902)
        options.states = fixture("states-small.csv")
        let result = try AllianceImporter.run(allianceFile: fixture("atop-small.csv"), options: options)
        let s = result.scenario
        #expect(s.year == 1902 && s.codes == .cow)
        #expect(kinds(s, "UKG", "FRN") == [.defense, .consultation])
        #expect(kinds(s, "FRN", "RUS") == [.defense, .consultation])  // duplicate rows merged
        #expect(kinds(s, "GMY", "AUH") == [.defense, .offense])  // neutral = -9 read as absent
        #expect(kinds(s, "USA", "GFR") == [.defense])  // mem1 > mem2 accepted
        #expect(kinds(s, "GMY", "GFR") == [.nonaggression])
        #expect(kinds(s, "AUH", "YUG") == [.neutrality, .nonaggression])
        #expect(s.network.commitments.count == 10)
        #expect(s.network.commitments.allSatisfy { $0.isSymmetric && $0.credibility == 1 })
        let ukgFrn = s.network.commitments.filter { s.network[$0.from].code == "UKG" }
        #expect(ukgFrn.first { $0.kind == .defense }?.since == 1901)
        #expect(ukgFrn.first { $0.kind == .consultation }?.since == 1900)
        // Members of the state list in 1902 plus the two allied states missing from it.
        #expect(s.network.states.map(\.code) == ["USA", "UKG", "FRN", "GMY", "GFR", "AUH", "ITA", "YUG", "RUS"])
        #expect(s.network.states.allSatisfy { abs($0.capability - 1.0 / 9) < 1e-12 })
        let warnings = result.warnings.joined(separator: "\n")
        #expect(warnings.contains("1 dyad-year row(s) of 1902 repeat a dyad"))
        #expect(warnings.contains("1 obligation cell(s) of 1902 are missing"))
        #expect(warnings.contains("1 row(s) of 1902 join a state to itself"))
        #expect(warnings.contains("not in the state list for 1902 and were kept: 260 (GFR), 345 (YUG)"))
    }

    @Test("capabilities, majors, contiguity and rivalries come from the side files for the year")
    func sideFiles() throws {
        var options = AllianceImportOptions(source: .atop, year: 1902)
        options.states = fixture("states-small.csv")
        options.capabilities = fixture("nmc-small.csv")
        options.majors = fixture("majors-small.csv")
        options.contiguity = fixture("contdir-small.csv")
        options.rivalries = fixture("rivalries-small.csv")
        options.regions = [.europe]
        let result = try AllianceImporter.run(allianceFile: fixture("atop-small.csv"), options: options)
        let n = result.scenario.network
        #expect(n.states.map(\.code) == ["UKG", "FRN", "GMY", "GFR", "AUH", "ITA", "YUG", "RUS"])
        #expect(n.states.first { $0.code == "UKG" }?.capability == 0.15)
        #expect(n.states.filter(\.major).map(\.code) == ["UKG", "GMY"])
        // AUH's CINC is -9; GFR and YUG have no row: imputed with the smallest positive score (ITA 0.03).
        #expect(n.states.first { $0.code == "AUH" }?.capability == 0.03)
        #expect(
            result.warnings.contains { $0.contains("no positive CINC score for 1902") && $0.contains("GFR, AUH, YUG") })
        let pairs = n.contiguity.map { "\(n[$0.pair.low].code)-\(n[$0.pair.high].code)" }
        #expect(pairs == ["UKG-FRN", "FRN-GMY", "GMY-AUH", "GMY-RUS", "AUH-ITA"])
        #expect(
            n.rivalries.map { "\(n[$0.pair.low].code)-\(n[$0.pair.high].code)" } == ["UKG-GMY", "FRN-GMY", "AUH-RUS"])
        #expect(n.rivalries[1].note == "France-Germany 2" && n.rivalries[1].since == 1871)
    }

    @Test("West Germany stays 260 unless merged into Germany 255; self-ties from the merge are dropped")
    func germany() throws {
        var options = AllianceImportOptions(source: .atop, year: 1902)
        options.mergeGermany = true
        let s = try AllianceImporter.run(allianceFile: fixture("atop-small.csv"), options: options).scenario
        #expect(s.network.id(forCode: "GFR") == nil)
        #expect(kinds(s, "USA", "GMY") == [.defense])
        #expect(s.network.commitments.count == 9)
    }

    @Test("ISO3 codes map through the COW number: COW MNG is Montenegro, not Mongolia; 255 and 260 merge into DEU")
    func iso3() throws {
        var options = AllianceImportOptions(source: .atop, year: 1902)
        options.codes = .iso3
        options.only = ["USA", "DEU", "FRA", "GBR", "345"]
        let result = try AllianceImporter.run(allianceFile: fixture("atop-small.csv"), options: options)
        let s = result.scenario
        #expect(s.codes == .iso3)
        #expect(s.network.states.map(\.code) == ["USA", "GBR", "FRA", "DEU", "SRB"])
        #expect(kinds(s, "USA", "DEU") == [.defense])
        #expect(result.warnings.contains { $0.contains("COW codes 255 and 260 both map to DEU") })
        #expect(CountryCodes.iso3(341) == "MNE" && CountryCodes.iso3(712) == "MNG")
        #expect(CountryCodes.iso3(343) == "MKD" && CountryCodes.iso3(349) == "SVN" && CountryCodes.iso3(92) == "SLV")
        #expect(CountryCodes.iso3(305) == "AUT" && CountryCodes.iso3(900) == "AUS")
    }

    @Test("a state without an ISO3 code is an error naming it, not a guess")
    func iso3Unmapped() throws {
        var options = AllianceImportOptions(source: .atop, year: 1902)
        options.codes = .iso3
        let error = try #require(throws: InputError.self) {
            try AllianceImporter.run(allianceFile: fixture("atop-small.csv"), options: options)
        }
        #expect(error.message.contains("no ISO3 code for COW state(s) 300 (AUH)"))
    }

    @Test("a year outside the file, an unknown --only code and a wrong layout are errors")
    func errors() throws {
        let outside = try #require(throws: InputError.self) {
            try AllianceImporter.run(allianceFile: fixture("atop-small.csv"), options: .init(source: .atop, year: 1950))
        }
        #expect(outside.message.contains("covers 1900-1903"))
        var options = AllianceImportOptions(source: .atop, year: 1902)
        options.only = ["UKH"]
        let only = try #require(throws: InputError.self) {
            try AllianceImporter.run(allianceFile: fixture("atop-small.csv"), options: options)
        }
        #expect(only.message.contains("did you mean \"UKG\""))
        #expect(throws: InputError.self) {
            try AllianceImporter.run(
                allianceFile: fixture("states-small.csv"), options: .init(source: .atop, year: 1902))
        }
    }

    @Test("COW Formal Alliances v4.1 dyad-yearly rows: entente becomes consultation, since is the dyad's start year")
    func cowAlliances() throws {
        var options = AllianceImportOptions(source: .cow, year: 1910)
        options.capabilities = fixture("nmc-small.csv")
        let result = try AllianceImporter.run(allianceFile: fixture("cow-alliance-small.csv"), options: options)
        let s = result.scenario
        #expect(kinds(s, "UKG", "FRN") == [.consultation])
        #expect(kinds(s, "FRN", "RUS") == [.defense, .neutrality, .nonaggression])
        #expect(kinds(s, "GMY", "AUH") == [.defense, .neutrality, .nonaggression])
        #expect(kinds(s, "AUH", "ITA") == [.neutrality, .nonaggression])
        #expect(s.network.commitments.count == 10)
        #expect(s.network.commitments.first { $0.kind == .defense && s.network[$0.from].code == "GMY" }?.since == 1879)
        #expect(result.warnings.contains { $0.contains("1 dyad-year row(s) of 1910 repeat a dyad") })
        #expect(result.warnings.contains { $0.contains("1 obligation cell(s) of 1910 are missing") })
        #expect(s.sources.first?.contains("Gibler (2009)") == true)
    }
}

/// A hand-written side file in a temporary folder.
private func sideFile(_ name: String, _ text: String) throws -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("importer-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let url = folder.appendingPathComponent(name)
    try text.write(to: url, atomically: true, encoding: .utf8)
    return url.path
}

@Suite("Importers: a year outside a side file's range")
struct AllianceImporterCoverageTests {
    static let majorsTo1901 = """
        stateabb,ccode,styear,stmonth,stday,endyear,endmonth,endday,version
        UKG,200,1816,1,1,1901,12,31,2016
        GMY,255,1816,1,1,1901,12,31,2016

        """
    static let contiguityTo1901 = """
        statelno,statelab,statehno,statehab,conttype,begin,end
        220,FRN,255,GMY,1,181601,190112

        """
    static let rivalriesTo1901 = """
        rivalryno,rivalryname,ccode1,ccode2,styear,endyear,region,type1,type2,type3
        1,Britain-Germany,200,255,1896,1901,European GPs,positional,,

        """

    @Test(
        "a year after a side file's last year is an error naming the file and its years",
        arguments: ["majors", "contiguity", "rivalries"])
    func yearAfterSideFile(which: String) throws {
        var options = AllianceImportOptions(source: .atop, year: 1902)
        let path: String
        switch which {
        case "majors":
            path = try sideFile("majors.csv", Self.majorsTo1901)
            options.majors = path
        case "contiguity":
            path = try sideFile("contdir.csv", Self.contiguityTo1901)
            options.contiguity = path
        default:
            path = try sideFile("rivalries.csv", Self.rivalriesTo1901)
            options.rivalries = path
        }
        let error = try #require(throws: InputError.self) {
            try AllianceImporter.run(allianceFile: fixture("atop-small.csv"), options: options)
        }
        #expect(error.file == path)
        #expect(error.message.contains("-1901; 1902 is outside it (carry-forward uses its last year, 1901)"))
    }

    @Test("carry-forward uses each side file's last year, with a warning and a note in the description")
    func carryForward() throws {
        var options = AllianceImportOptions(source: .atop, year: 1902)
        options.majors = try sideFile("majors.csv", Self.majorsTo1901)
        options.contiguity = try sideFile("contdir.csv", Self.contiguityTo1901)
        options.rivalries = try sideFile("rivalries.csv", Self.rivalriesTo1901)
        options.carryForward = true
        let result = try AllianceImporter.run(allianceFile: fixture("atop-small.csv"), options: options)
        let n = result.scenario.network
        #expect(n.states.filter(\.major).map(\.code) == ["UKG", "GMY"])
        #expect(n.contiguity.count == 1)
        #expect(n.rivalries.count == 1)
        // The rivalry ran in 1901, the file's last year: taken as ongoing, so it is in force in 1902.
        #expect(result.scenario.activeNetwork(year: nil).rivalries.count == 1)
        let carried = result.warnings.filter { $0.contains("ends in 1901; its 1901 data are used for 1902") }
        #expect(carried.count == 3)
        #expect(carried.allSatisfy { $0.hasSuffix("; carry-forward") })
        #expect(result.scenario.description?.contains("Carried forward to 1902: the major powers file") == true)
    }

    @Test("carry-forward never reaches back before a file's first year, nor carries the alliance file")
    func carryForwardLimits() throws {
        var options = AllianceImportOptions(source: .atop, year: 1902)
        let majorsFrom1903 = Self.majorsTo1901.replacingOccurrences(of: "1816", with: "1903")
            .replacingOccurrences(of: "1901", with: "2016")
        options.majors = try sideFile("majors.csv", majorsFrom1903)
        options.carryForward = true
        let before = try #require(throws: InputError.self) {
            try AllianceImporter.run(allianceFile: fixture("atop-small.csv"), options: options)
        }
        #expect(before.message == "the major powers file covers 1903-2016; 1902 is outside it")
        var late = AllianceImportOptions(source: .atop, year: 1904)
        late.carryForward = true
        let alliances = try #require(throws: InputError.self) {
            try AllianceImporter.run(allianceFile: fixture("atop-small.csv"), options: late)
        }
        #expect(alliances.message == "the ATOP file covers 1900-1903; 1904 is outside it")
    }
}

@Suite("Importers: real data in ../shared/data")
struct AllianceImporterRealDataTests {
    static func defenceDyads(_ year: Int) throws -> Int? {
        guard let atop = TestSupport.sharedDataFile("atop5_1dy.csv") else {
            print("skipping: ../shared/data/atop5_1dy.csv is absent")
            return nil
        }
        let s = try AllianceImporter.run(allianceFile: atop, options: .init(source: .atop, year: year)).scenario
        return Set(s.network.commitments.filter { $0.kind == .defense }.map { StatePair($0.from, $0.to) }).count
    }

    @Test(
        "ATOP 5.1: 8 undirected defence dyads in 1900, 12 in 1913, 1,104 in 2000",
        arguments: [(1900, 8), (1913, 12), (2000, 1104)])
    func defenceCounts(year: Int, expected: Int) throws {
        guard let count = try Self.defenceDyads(year) else { return }
        #expect(count == expected)
    }

    @Test("the 1913 import with NMC and the state list is a scenario the metrics accept")
    func acceptance1913() throws {
        guard let atop = TestSupport.sharedDataFile("atop5_1dy.csv"),
            let nmc = TestSupport.sharedDataFile("NMC-60-abridged.csv"),
            let states = TestSupport.sharedDataFile("states2016.csv")
        else {
            print("skipping: ../shared/data files for the 1913 import are absent")
            return
        }
        var options = AllianceImportOptions(source: .atop, year: 1913)
        options.capabilities = nmc
        options.states = states
        options.contiguity = TestSupport.sharedDataFile("contdir.csv")
        options.rivalries = TestSupport.sharedDataFile("td_rivalries.csv")
        options.majors = TestSupport.sharedDataFile("majors2016.csv")
        let result = try AllianceImporter.run(allianceFile: atop, options: options)
        let scenario = try ScenarioReader.parse(ScenarioWriter.json(result.scenario))
        #expect(scenario == result.scenario)
        let report = try NetworkMetrics.compute(scenario.activeNetwork(), seed: 1)
        #expect(report.codes.count == scenario.network.count)
        #expect(scenario.network.states.contains { $0.code == "GMY" && $0.major })
        // Montenegro (341) allied in 1913 but is in COW's list only from 2006: kept, with a warning.
        #expect(scenario.network.id(forCode: "MNG") != nil)
        #expect(result.warnings.contains { $0.contains("341 (MNG)") })
    }
}
