import Testing

@_spi(Internals) @testable import AllianceGraph
@_spi(Internals) import AllianceGraphFormats

/// Typed metric keys: one per catalogue entry, the same values as the name lookups.
@Suite("Typed metric keys")
struct MetricKeysTests {
    @Test("the typed keys are the catalogue, in its order")
    func keysAreTheCatalogue() {
        let keys: [MetricDefinition] = [
            .degree, .strength, .betweenness, .closeness, .harmonic, .eigenvector, .pagerank, .coreness, .articulation,
            .bloc, .power, .density, .components, .transitivity, .blocs, .modularity, .balance, .trianglesPPP,
            .trianglesPNN, .trianglesPPN, .trianglesNNN, .concentration, .signedBloc, .camp, .signedBlocs,
            .signedModularity, .polarity, .frustration, .frustrationLower, .frustrationUpper, .burdenSharing,
            .meanCredibility, .similarity, .threat, .securityRatio, .armsRaceStability, .exposure, .fragility,
        ]
        #expect(keys == MetricCatalogue.all)
    }

    @Test("value(.key, state:) and system(.key) equal the lookups by name on 1914")
    func sameValues() throws {
        let scenario = try ScenarioLoader.load(path: TestSupport.network("europe-1914.json"))
        let report = try NetworkMetrics.compute(scenario: scenario, seed: 1)
        #expect(report.value(.betweenness, state: "RUS") == report.value("betweenness", state: "RUS"))
        #expect(report.value(.betweenness, state: "RUS") == .real(34.5))
        #expect(report.system(.balance) == report.system("balance"))
        #expect(report.column(.degree)?.count == scenario.network.count)
        #expect(report.value(.degree, state: "XXX") == nil)
    }
}
