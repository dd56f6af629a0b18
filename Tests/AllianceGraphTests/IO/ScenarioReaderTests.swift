import Testing
@_spi(Internals) @testable import AllianceGraph
@_spi(Internals) @testable import AllianceGraphFormats
@testable import AllianceGraphRender

@Suite("Scenario reader")
struct ScenarioReaderTests {
    @Test("a valid scenario loads with defaults filled in")
    func loadsToyScenario() throws {
        let scenario = try ScenarioReader.parse(TestSupport.toyScenarioJSON)
        #expect(scenario.name == "Toy triangle")
        #expect(scenario.year == 1900)
        #expect(scenario.network.count == 3)
        let c = try #require(scenario.network.id(forCode: "CCC"))
        #expect(scenario.network[c].effort == State.defaultEffort)
        #expect(scenario.network[c].gdp == 0.05)
        #expect(scenario.parameters.offenseDefense == 1.2)
        #expect(scenario.parameters.reliability == 0.745)
        #expect(scenario.parameters.armsControl?.maxEffort == 0.05)
        #expect(scenario.network.commitments.count == 3)
        #expect(scenario.network.obligations.count == 5)
        #expect(scenario.activeNetwork().commitments.count == 2, "the consultation ended in 1899")
        #expect(scenario.warPlans.first?.attack == [c])
    }

    @Test("writing and reading back gives an equal scenario")
    func roundTrip() throws {
        let scenario = try ScenarioReader.parse(TestSupport.toyScenarioJSON)
        let text = ScenarioWriter.json(scenario)
        let again = try ScenarioReader.parse(text)
        #expect(again == scenario)
        #expect(ScenarioWriter.json(again) == text, "writing is deterministic")
    }
}
