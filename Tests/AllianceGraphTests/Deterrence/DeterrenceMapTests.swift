import Foundation
import Testing
@_spi(Internals) @testable import AllianceGraph
@_spi(Internals) @testable import AllianceGraphFormats

@Suite("Deterrence map")
struct DeterrenceMapTests {
    static func nato() throws -> (Scenario, CrisisEngine) {
        let scenario = try ScenarioLoader.load(path: TestSupport.network("nato-2024.json"))
        return (scenario, try CrisisEngine(scenario: scenario))
    }

    /// NATO 2024, Russia against every other state: the Baltic states are among the five most
    /// exposed members, and without the US pledges Russia's chance against each of them rises.
    @Test("NATO 2024: the Baltic states are among the most exposed members; US withdrawal exposes them more")
    func nato2024() throws {
        let (scenario, engine) = try Self.nato()
        let network = engine.network
        let russia = try #require(network.id(forCode: "RUS")), usa = try #require(network.id(forCode: "USA"))
        let outsiders = Set(["RUS", "BLR", "UKR", "CHN"])
        let pairs = DeterrenceMap.pairs(attackers: [russia], targets: network.ids)
        let analysis = try DeterrenceAnalysis.compute(
            engine: engine, pairs: pairs, drop: [usa], runs: 1000, seed: 1, workers: 2)
        let members = analysis.map.exposures.filter { !outsiders.contains(network[$0.target].code) }
        let topFive = members.prefix(5).map { network[$0.target].code }
        for baltic in ["EST", "LAT", "LIT"] {
            #expect(topFive.contains(baltic), "most exposed members: \(topFive)")
            let id = try #require(network.id(forCode: baltic))
            let before = try #require(analysis.map.outcome(russia, id))
            let after = try #require(analysis.withoutDropped?.outcome(russia, id))
            #expect(after.prevail > before.prevail + 0.1, "\(baltic): \(before.prevail) -> \(after.prevail)")
        }
        #expect(scenario.name.contains("NATO"))
    }

    @Test("the map does not depend on the worker count or on which other pairs are computed")
    func deterministic() throws {
        let scenario = try ScenarioLoader.load(path: TestSupport.network("europe-1914.json"))
        let engine = try CrisisEngine(scenario: scenario)
        let ensemble = try WarOutcomeEnsemble(engine: engine)
        let ids = engine.network.ids
        let all = DeterrenceMap.pairs(attackers: ids, targets: ids)
        let one = try DeterrenceMap.compute(ensemble, pairs: all, runs: 200, seed: 5, workers: 1)
        let two = try DeterrenceMap.compute(ensemble, pairs: all, runs: 200, seed: 5, workers: 3)
        #expect(one.outcomes == two.outcomes)
        let subset = try DeterrenceMap.compute(ensemble, pairs: [all[17]], runs: 200, seed: 5, workers: 1)
        #expect(subset.outcomes.first == one.outcomes[17])
        let other = try DeterrenceMap.compute(ensemble, pairs: [all[17]], runs: 200, seed: 6, workers: 1)
        #expect(other.outcomes.first != one.outcomes[17])
    }

    @Test("bad arguments are input errors naming the setting")
    func badArguments() throws {
        let (_, engine) = try Self.nato()
        let ensemble = try WarOutcomeEnsemble(engine: engine)
        #expect(throws: InputError.self) {
            try DeterrenceMap.compute(ensemble, pairs: [(StateID(0), StateID(1))], runs: 0, seed: 1)
        }
        #expect(throws: InputError.self) {
            try DeterrenceMap.compute(ensemble, pairs: [(StateID(0), StateID(0))], runs: 10, seed: 1)
        }
        #expect(throws: InputError.self) {
            try WarOutcomeEnsemble(engine: engine, model: WarOutcomeModel(gradient: -1))
        }
    }
}
