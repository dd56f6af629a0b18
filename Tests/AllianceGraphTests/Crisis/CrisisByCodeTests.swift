import Testing

@_spi(Internals) @testable import AllianceGraph
@_spi(Internals) import AllianceGraphFormats

/// Crises named by state code or COW number, as a downstream program writes them.
@Suite("Crises named by state code")
struct CrisisByCodeTests {
    @Test("codes and COW numbers give the crisis of the ids; an unknown name is an error naming the field")
    func byCode() throws {
        let scenario = try ScenarioLoader.load(path: TestSupport.network("europe-1914.json"))
        let engine = try CrisisEngine(scenario: scenario)
        let auh = try #require(engine.network.id(forCode: "AUH"))
        let yug = try #require(engine.network.id(forCode: "YUG"))
        let byIDs = try engine.run(attacker: auh, target: yug)
        #expect(try engine.run(attacker: "AUH", target: "YUG") == byIDs)
        if let number = engine.network.states[auh.index].ccode {
            #expect(try engine.stateID(named: String(number)) == auh)
        }
        #expect(throws: InputError.self) { try engine.run(attacker: "AUH", target: "XXX") }
        do {
            _ = try engine.run(attacker: "QQQ", target: "YUG")
            Issue.record("an unknown attacker must throw")
        } catch {
            #expect(error.location == "attacker" && error.message.contains("\"QQQ\""))
        }
        let ensemble = try CrisisEnsemble.run(engine: engine, attacker: "AUH", target: "YUG", runs: 256, seed: 3)
        let same = try CrisisEnsemble.run(engine: engine, attacker: auh, target: yug, runs: 256, seed: 3)
        #expect(ensemble.entryProbability(yug) == same.entryProbability(yug))
        #expect(ensemble == same)
    }
}
