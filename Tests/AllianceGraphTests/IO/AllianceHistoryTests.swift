import Testing
@_spi(Internals) @testable import AllianceGraph
@_spi(Internals) @testable import AllianceGraphFormats

private func fixture(_ name: String) -> String { TestSupport.fixture("import/\(name)").path }

@Suite("Importers: the alliance history builds any year as the importer does")
struct AllianceHistoryTests {
    static func fixtureOptions() -> AllianceImportOptions {
        var options = AllianceImportOptions(source: .atop, year: 1900)
        options.states = fixture("states-small.csv")
        options.capabilities = fixture("nmc-small.csv")
        options.majors = fixture("majors-small.csv")
        options.contiguity = fixture("contdir-small.csv")
        options.rivalries = fixture("rivalries-small.csv")
        return options
    }

    @Test("every year of the fixtures gives the scenario and warnings of AllianceImporter.run")
    func sameAsImporter() throws {
        let options = Self.fixtureOptions()
        let history = try AllianceHistory(
            allianceFile: fixture("atop-small.csv"), options: options, wanted: 1800...2100)
        #expect(history.years.lowerBound >= 1900 && history.years.upperBound <= 1903)
        for year in history.years {
            var single = options
            single.year = year
            let direct = try AllianceImporter.run(allianceFile: fixture("atop-small.csv"), options: single)
            let built = try history.scenario(year: year)
            #expect(built.scenario == direct.scenario, "year \(year)")
            #expect(built.warnings == direct.warnings, "year \(year)")
        }
    }

    @Test("a year outside the files is an error naming the years covered")
    func outside() throws {
        let history = try AllianceHistory(
            allianceFile: fixture("atop-small.csv"), options: Self.fixtureOptions(), wanted: 1900...1903)
        let error = try #require(throws: InputError.self) { try history.scenario(year: 1950) }
        #expect(error.message.contains("outside the years the data files cover together"))
        let cow = AllianceImportOptions(source: .cow, year: 1900)
        #expect(throws: InputError.self) {
            try AllianceHistory(allianceFile: fixture("atop-small.csv"), options: cow, wanted: 1900...1903)
        }
    }

    @Test("real data: 1913 and 1985 from the history equal the direct import")
    func realData() throws {
        guard let atop = TestSupport.sharedDataFile("atop5_1dy.csv"),
            let nmc = TestSupport.sharedDataFile("NMC-60-abridged.csv"),
            let states = TestSupport.sharedDataFile("states2016.csv")
        else {
            print("skipping: ../shared/data files for the alliance history are absent")
            return
        }
        var options = AllianceImportOptions(source: .atop, year: 1913)
        options.capabilities = nmc
        options.states = states
        options.contiguity = TestSupport.sharedDataFile("contdir.csv")
        options.rivalries = TestSupport.sharedDataFile("td_rivalries.csv")
        options.majors = TestSupport.sharedDataFile("majors2016.csv")
        let history = try AllianceHistory(allianceFile: atop, options: options, wanted: 1910...1990)
        for year in [1913, 1985] {
            options.year = year
            let direct = try AllianceImporter.run(allianceFile: atop, options: options)
            #expect(try history.scenario(year: year).scenario == direct.scenario, "year \(year)")
        }
    }
}
