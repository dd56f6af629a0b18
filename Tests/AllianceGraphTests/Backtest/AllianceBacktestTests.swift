import Testing
@_spi(Internals) @testable import AllianceGraph

@Suite("Backtest: windows scored against the target year")
struct AllianceBacktestTests {
    /// A strong A, rival of the weaker B and C, all contiguous: B and C balance against A.
    static func triangle(pactBC: Bool, extra: [State] = []) throws -> AllianceNetwork {
        let states =
            [
                State(code: "A", capability: 0.6), State(code: "B", capability: 0.2),
                State(code: "C", capability: 0.2),
            ] + extra
        let commitments: [Commitment] = pactBC ? [.symmetric(.defense, StateID(1), StateID(2))] : []
        return try AllianceNetwork(
            states: states, commitments: commitments,
            rivalries: [Rivalry(StateID(0), StateID(1)), Rivalry(StateID(0), StateID(2))],
            contiguity: [
                Contiguity(StateID(0), StateID(1), type: 1), Contiguity(StateID(0), StateID(2), type: 1),
                Contiguity(StateID(1), StateID(2), type: 1),
            ])
    }

    static func window(start: Int = 1900) throws -> BacktestWindow {
        BacktestWindow(
            startYear: start, horizon: 1,
            start: try triangle(pactBC: false, extra: [State(code: "D", capability: 0.1)]),
            target: try triangle(pactBC: true))
    }

    @Test("balancing forms the real B-C pact in every replicate: model AUC-PR 1, persistence the prevalence")
    func balancingForecast() throws {
        let configuration = AllianceBacktest.Configuration(replicates: 4, top: 1, seed: 7)
        let result = try #require(try AllianceBacktest.run([Self.window()], configuration: configuration).first)
        // D is gone in the target year: only A, B, C are scored (3 candidate pairs, 1 new pact).
        #expect(result.commonStates == 3)
        let model = try #require(result.score(.model)), persistence = try #require(result.score(.persistence))
        #expect(model.formation.candidates == 3 && model.formation.positives == 1)
        #expect(model.formation.averagePrecision == 1 && model.formation.precisionAtN == 1)
        #expect(abs(persistence.formation.averagePrecision - 1.0 / 3) < 1e-12)
        #expect(result.real.pacts == 1 && result.persistence.pacts == 0 && result.model.pacts == 1)
    }

    @Test("with every rule off the model is persistence: same formation scores")
    func noRulesIsPersistence() throws {
        let configuration = AllianceBacktest.Configuration(
            simulation: Simulation.Configuration(rules: []), replicates: 3, seed: 2)
        let result = try #require(try AllianceBacktest.run([Self.window()], configuration: configuration).first)
        let model = try #require(result.score(.model)), persistence = try #require(result.score(.persistence))
        #expect(model.formation.averagePrecision == persistence.formation.averagePrecision)
        #expect(result.model.pacts == result.persistence.pacts && result.model.blocs == result.persistence.blocs)
        #expect(result.model.polarity == result.persistence.polarity)
    }

    /// Both profiles: the calibrated one switches the alliance spiral on (merge steps 8 and 9).
    @Test(
        "results are identical for 1 and 3 workers and for repeated runs with the same seed",
        arguments: ParameterProfile.allCases)
    func determinism(profile: ParameterProfile) throws {
        let windows = try (1900..<1906).map { try Self.window(start: $0) }
        var simulation = Simulation.Configuration()
        try profile.apply(to: &simulation.parameters)
        var configuration = AllianceBacktest.Configuration(simulation: simulation, replicates: 5, seed: 11, workers: 1)
        let one = try AllianceBacktest.run(windows, configuration: configuration)
        configuration.workers = 3
        let three = try AllianceBacktest.run(windows, configuration: configuration)
        let again = try AllianceBacktest.run(windows, configuration: configuration)
        func digest(_ results: [BacktestWindowResult]) -> [Double] {
            results.flatMap { w in
                w.methods.flatMap { [$0.formation.averagePrecision, $0.ends.averagePrecision] }
                    + [w.model.pacts, w.model.blocs, w.model.polarity]
            }
        }
        #expect(digest(one).map(\.bitPattern) == digest(three).map(\.bitPattern))
        #expect(digest(three).map(\.bitPattern) == digest(again).map(\.bitPattern))
        let summary = BacktestSummary(three)
        #expect(summary.rows.count == ForecastMethod.allCases.count)
        #expect(summary.row(horizon: 1, method: .model)?.windows == 6)
    }

    @Test("bad configurations are input errors, not crashes")
    func invalidConfiguration() throws {
        let configuration = AllianceBacktest.Configuration(replicates: 0)
        #expect(throws: InputError.self) { try AllianceBacktest.run([try Self.window()], configuration: configuration) }
    }
}
