import Foundation
import Testing
@_spi(Internals) @testable import AllianceGraph
@_spi(Internals) @testable import AllianceGraphFormats
@testable import AllianceGraphRender

/// `Simulation(keepingRecords: false)` with `run(progress:observe:)`: the same rounds, records
/// and wars as a run that keeps them all, seen one round at a time (docs/RELIABILITY.md,
/// "Bounded resources").
@Suite("Streamed simulation records")
struct StreamedRecordsTests {
    static func configuration(_ rules: [RuleKind], seed: UInt64) throws -> (AllianceNetwork, Simulation.Configuration) {
        let scenario = try ScenarioLoader.load(path: TestSupport.network("europe-1914.json"))
        let configuration = Simulation.Configuration(
            parameters: SimulationParameters(environment: scenario.parameters), rules: rules, rounds: 15, seed: seed,
            stopAtEquilibrium: false, systemMetrics: .light)
        return (scenario.activeNetwork(year: nil), configuration)
    }

    @Test(
        "observed records and wars equal the kept ones; only the latest record is kept",
        arguments: [[RuleKind.arming, .balancing, .bandwagoning, .initiation], RuleKind.defaults])
    func observedEqualsKept(_ rules: [RuleKind]) throws {
        let (network, configuration) = try Self.configuration(rules, seed: 11)
        var kept = try Simulation(network: network, configuration: configuration)
        try kept.run()
        var streamed = try Simulation(network: network, configuration: configuration, keepingRecords: false)
        #expect(!streamed.keepsAllRecords && kept.keepsAllRecords)
        var records = [streamed.records[0]]
        var wars: [Simulation.War] = []
        var progress: [Int] = []
        try streamed.run(
            progress: { round, _ in progress.append(round) },
            observe: { record, roundWars in
                records.append(record)
                wars += roundWars
            })
        #expect(records == kept.records)
        #expect(wars.map(\.round) == kept.wars.map(\.round))
        #expect(wars.map(\.sideA) == kept.wars.map(\.sideA))
        #expect(streamed.records == [kept.records[kept.records.count - 1]])
        #expect(streamed.network == kept.network)
        #expect(progress == Array(1...15))
        if rules.contains(.initiation) { #expect(!kept.wars.isEmpty, "no war to compare") }
        // The charts from the series taken round by round are those from all the records.
        var series = SimulationCharts.Series(network: network)
        for record in records { series.add(record) }
        #expect(
            series.charts().map { $0.svg() }
                == SimulationCharts.charts(kept.records, network: network).map { $0.svg() })
    }

    @Test("an observer's error stops the run after that round and is rethrown")
    func observerStops() throws {
        struct Stop: Error {}
        let (network, configuration) = try Self.configuration(RuleKind.defaults, seed: 1)
        var simulation = try Simulation(network: network, configuration: configuration, keepingRecords: false)
        #expect(throws: Stop.self) {
            try simulation.run(observe: { record, _ in if record.round == 4 { throw Stop() } })
        }
        #expect(simulation.round == 4)
    }

    @Test("a run that keeps no records needs no memory budget for its rounds")
    func noBudget() throws {
        let (network, configuration) = try Self.configuration(RuleKind.defaults, seed: 1)
        var huge = configuration
        huge.rounds = Int(Int32.max)
        #expect(throws: ComputationError.self) { try Simulation(network: network, configuration: huge) }
        _ = try Simulation(network: network, configuration: huge, keepingRecords: false)
    }
}
