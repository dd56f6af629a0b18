import Testing
@testable import AllianceGraph
@testable import AllianceGraphFormats

@Suite("Import source cache")
struct ImportSourceCacheTests {
    @Test("importing through the cache gives the same scenario as the plain importer, year by year (../shared/data)")
    func sameScenario() throws {
        let names = ["atop5_1dy.csv", "NMC-60-abridged.csv", "states2016.csv", "contdir.csv"]
        let paths = names.compactMap(TestSupport.sharedDataFile)
        guard paths.count == names.count else {
            print("skipping: ../shared/data files for the import cache test are absent")
            return
        }
        let cache = ImportSourceCache()
        for year in [1870, 1938, 2016] {
            var options = AllianceImportOptions(source: .atop, year: year)
            options.capabilities = paths[1]
            options.states = paths[2]
            options.contiguity = paths[3]
            let plain = try AllianceImporter.run(allianceFile: paths[0], options: options)
            let cached = try AllianceImporter.run(allianceFile: paths[0], options: options, cache: cache)
            #expect(plain.scenario.network == cached.scenario.network, "\(year)")
            #expect(plain.warnings == cached.warnings, "\(year)")
            #expect(!plain.scenario.network.commitments.isEmpty)
        }
    }
}
