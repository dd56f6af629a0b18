import Testing
@_spi(Internals) @testable import AllianceGraph
@_spi(Internals) @testable import AllianceGraphFormats
@testable import AllianceGraphRender

/// Properties of the chain-ganging cascade over many seeded random networks with war plans.
@Suite("Properties: crises")
struct CrisisProperties {
    /// A random network, random war plans (when it has 3 states or more) and an engine.
    static func engine(seed: UInt64, opportunism: Bool, maxSteps: Int = 50) throws -> CrisisEngine {
        let network = RandomNetworks.network(seed: seed, maxStates: 16)
        var random = SeededRandom(seed: SeededRandom.derivedSeed(seed, stream: 3))
        let n = network.count
        var plans: [WarPlan] = []
        if n >= 3 {
            for _ in 0..<Int(random.next() % 3) {
                let actor = Int(random.next() % UInt64(n))
                let others = (0..<n).filter { $0 != actor }
                let trigger = StateID(others[Int(random.next() % UInt64(others.count))])
                let attack = StateID(others[Int(random.next() % UInt64(others.count))])
                plans.append(WarPlan(actor: StateID(actor), trigger: [trigger], attack: [attack]))
            }
        }
        var options = CrisisOptions()
        options.opportunism = opportunism
        options.maxSteps = maxSteps
        return try CrisisEngine(network: network, environment: SecurityEnvironment(), warPlans: plans, options: options)
    }

    @Test(
        "every crisis ends within the step limit and its belligerents only grow, step by step",
        arguments: RandomNetworks.seeds)
    func boundedAndGrowing(seed: UInt64) throws {
        for opportunism in [false, true] {
            let engine = try Self.engine(seed: seed, opportunism: opportunism, maxSteps: 12)
            let n = engine.stateCount
            for (mode, runSeed) in [
                (CrisisMode.deterministic, UInt64(0)), (.stochastic, seed), (.stochastic, seed &+ 99),
            ] {
                let result = try engine.run(attacker: StateID(0), target: StateID(n - 1), mode: mode, seed: runSeed)
                let label = "seed \(seed), \(mode), opportunism \(opportunism)"
                #expect(result.steps <= engine.options.maxSteps, "\(label): \(result.steps) steps")
                // Events come in step order. A state may have several (entering, then being
                // attacked by a war plan), but once in it stays in, always on the same side, and
                // its first event is its entry.
                #expect(zip(result.events, result.events.dropFirst()).allSatisfy { $0.step <= $1.step }, "\(label)")
                var firstStep: [Int: Int] = [:]
                for event in result.events {
                    #expect(result.sides[event.state.index] == event.side, "\(label): \(event.state) changed side")
                    #expect(event.step <= result.steps, "\(label)")
                    if firstStep[event.state.index] == nil { firstStep[event.state.index] = event.step }
                }
                for (state, step) in firstStep {
                    #expect(result.entrySteps[state] == step, "\(label): entry step of #\(state)")
                }
                // Belligerents per step never decrease and every belligerent has an entry event.
                let belligerents = result.sides.enumerated().filter { $0.element != nil }.map(\.offset)
                #expect(Set(belligerents) == Set(firstStep.keys), "\(label)")
                var counts: [Int] = []
                for step in 0...result.steps { counts.append(firstStep.values.filter { $0 <= step }.count) }
                #expect(zip(counts, counts.dropFirst()).allSatisfy { $0 <= $1 }, "\(label)")
                #expect(
                    result.sides[0] != nil && result.sides[n - 1] != nil && result.sides[0] != result.sides[n - 1],
                    "\(label)")
                #expect(result.warSize.states == belligerents.count, "\(label)")
            }
        }
    }

    @Test("crisis ensembles are identical for 1 and 2 worker threads", arguments: RandomNetworks.seeds.prefix(10))
    func workerCountFree(seed: UInt64) throws {
        let engine = try Self.engine(seed: seed, opportunism: seed % 2 == 0)
        let runs = 2 * CrisisEnsemble.chunkSize + 137  // several chunks, the last one partial
        let target = StateID(engine.stateCount - 1)
        let one = try CrisisEnsemble.run(
            engine: engine, attacker: StateID(0), target: target, runs: runs, seed: seed, workers: 1)
        let two = try CrisisEnsemble.run(
            engine: engine, attacker: StateID(0), target: target, runs: runs, seed: seed, workers: 2)
        #expect(one == two, "seed \(seed)")
        // And the ensemble's war sizes are those of the single runs with their derived seeds.
        var total: [Double] = [], sideA: [Double] = []
        for r in 0..<runs {
            let single = try engine.run(
                attacker: StateID(0), target: target, mode: .stochastic,
                seed: SeededRandom.derivedSeed(seed, stream: UInt64(r)))
            total.append(Double(single.warSize.states))
            sideA.append(Double(single.warSize.statesA))
        }
        #expect(one.warSize("states").median == DistributionSummary(total).median, "seed \(seed)")
        #expect(one.warSize("states_A").q95 == DistributionSummary(sideA).q95, "seed \(seed)")
    }
}
