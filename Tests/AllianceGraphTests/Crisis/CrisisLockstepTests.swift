import Testing
@_spi(Internals) @testable import AllianceGraph
@_spi(Internals) @testable import AllianceGraphFormats
@testable import AllianceGraphRender

@Suite("Crisis lockstep kernel")
struct CrisisLockstepTests {
    /// The ensemble of both kernels, for 1 and 2 workers; all four must be equal.
    static func expectKernelsAgree(
        _ engine: CrisisEngine, _ a: StateID, _ b: StateID, runs: Int, seed: UInt64,
        _ label: String
    ) throws {
        let reference = try CrisisEnsemble.run(
            engine: engine, attacker: a, target: b, runs: runs, seed: seed,
            workers: 1, kernel: .unbatched)
        for workers in [1, 2] {
            let lockstep = try CrisisEnsemble.run(
                engine: engine, attacker: a, target: b, runs: runs, seed: seed,
                workers: workers, kernel: .lockstep)
            #expect(lockstep == reference, "\(label), seed \(seed), \(workers) worker(s)")
        }
    }

    @Test(
        "lockstep and unbatched ensembles are identical on every bundled network, for many seeds and pairs, 1 and 2 workers"
    )
    func bundledNetworks() throws {
        let crises = [
            ("europe-1914.json", "AUH", "YUG"), ("europe-1914.json", "GMY", "FRN"), ("europe-1914.json", "RUS", "TUR"),
            ("europe-1936.json", "GMY", "POL"), ("europe-1936.json", "ITA", "FRN"),
            ("cold-war-1962.json", "USA", "CUB"), ("cold-war-1962.json", "RUS", "GFR"),
            ("nato-2024.json", "RUS", "EST"), ("nato-2024.json", "USA", "RUS"),
        ]
        for (file, attacker, target) in crises {
            let scenario = try ScenarioLoader.load(path: TestSupport.network(file))
            let engine = try CrisisEngine(scenario: scenario)
            guard let a = scenario.network.id(forCode: attacker), let b = scenario.network.id(forCode: target) else {
                Issue.record("\(file): no \(attacker) or \(target)")
                continue
            }
            for seed: UInt64 in [1, 1914, 0xDEAD_BEEF] {
                // 1,100 runs: a full chunk of 1024 (16 groups) and a chunk of 76 (a partial group of 12 lanes).
                try Self.expectKernelsAgree(engine, a, b, runs: 1_100, seed: seed, "\(file) \(attacker) -> \(target)")
            }
        }
    }

    @Test("the two kernels agree at the step limit, with entry delays, and for a single run")
    func stepLimitAndDelays() throws {
        let scenario = try ScenarioLoader.load(path: TestSupport.network("europe-1914.json"))
        let a = try #require(scenario.network.id(forCode: "AUH")), b = try #require(scenario.network.id(forCode: "YUG"))
        for maxSteps in [1, 2, 3] {
            for theta in [0.3, 0.8, 1.5] {
                var environment = scenario.parameters
                environment.offenseDefense = theta
                var options = CrisisOptions()
                options.maxSteps = maxSteps
                let engine = try CrisisEngine(
                    network: scenario.activeNetwork(), environment: environment,
                    warPlans: scenario.warPlans, options: options)
                let limited = try CrisisEnsemble.run(
                    engine: engine, attacker: a, target: b, runs: 700, seed: 3, kernel: .unbatched)
                // With a delay above 1 an entry decided at step 1 is still pending when the limit stops the run.
                if maxSteps == 1 && theta < 1 {
                    #expect(limited.runsStoppedAtStepLimit > 0, "the limit must bind for the test to mean something")
                }
                try Self.expectKernelsAgree(engine, a, b, runs: 700, seed: 3, "maxSteps \(maxSteps), theta \(theta)")
                try Self.expectKernelsAgree(engine, a, b, runs: 1, seed: 11, "one run")
            }
        }
    }

    /// A random network: every commitment kind, random credibilities, rivalries and war plans.
    static func randomEngine(seed: UInt64) throws -> CrisisEngine {
        var rng = SeededRandom(seed: seed)
        let n = 6 + Int(rng.next() % 10)
        let states = (0..<n).map { State(code: "S\($0)", capability: 0.01 + rng.nextUnit()) }
        var commitments: [Commitment] = []
        var used = Set<String>()
        for _ in 0..<(3 * n) {
            let i = Int(rng.next() % UInt64(n)), j = Int(rng.next() % UInt64(n))
            if i == j { continue }
            let kind = CommitmentKind.allCases[Int(rng.next() % UInt64(CommitmentKind.allCases.count))]
            let key = "\(kind.rawValue) \(min(i, j)) \(max(i, j))"
            if used.contains(key) { continue }
            used.insert(key)
            let kappa = 0.05 + 0.95 * rng.nextUnit()
            if kind.allowsSymmetric && (rng.next() % 2 == 0 || !kind.allowsDirected) {
                commitments.append(
                    .symmetric(
                        kind, StateID(i), StateID(j), credibility: kappa,
                        reverseCredibility: 0.05 + 0.95 * rng.nextUnit()))
            } else {
                commitments.append(.directed(kind, from: StateID(i), to: StateID(j), credibility: kappa))
            }
        }
        var plans: [WarPlan] = []
        for _ in 0..<Int(rng.next() % 3) {
            let actor = Int(rng.next() % UInt64(n))
            let others = (0..<n).filter { $0 != actor }
            let trigger = [others[Int(rng.next() % UInt64(others.count))]]
            let attack = (0..<(1 + Int(rng.next() % 3))).map { _ in others[Int(rng.next() % UInt64(others.count))] }
            plans.append(
                WarPlan(actor: StateID(actor), trigger: trigger.map(StateID.init), attack: attack.map(StateID.init)))
        }
        var environment = SecurityEnvironment()
        environment.offenseDefense = [0.4, 1.0, 2.0][Int(rng.next() % 3)]
        environment.reliability = 0.5 + 0.5 * rng.nextUnit()
        var options = CrisisOptions()
        options.consultationBoost = rng.nextUnit()
        options.maxSteps = [2, 5, 50][Int(rng.next() % 3)]
        options.bothSides = seed % 2 == 0 ? .cancel : .strongest
        return try CrisisEngine(
            network: AllianceNetwork(states: states, commitments: commitments),
            environment: environment, warPlans: plans, options: options)
    }

    @Test(
        "lockstep and unbatched ensembles are identical on 60 random networks with every kind of pledge and war plans")
    func randomNetworks() throws {
        for seed: UInt64 in 1...60 {
            let engine = try Self.randomEngine(seed: seed)
            let n = engine.network.count
            try Self.expectKernelsAgree(
                engine, StateID(Int(seed) % n), StateID((Int(seed) + 1) % n), runs: 300,
                seed: seed &* 31, "random network \(seed)")
        }
    }

    @Test("with opportunism the lockstep kernel falls back to unbatched runs")
    func opportunismFallsBack() throws {
        let scenario = try ScenarioLoader.load(path: TestSupport.network("europe-1914.json"))
        var options = CrisisOptions()
        options.opportunism = true
        let engine = try CrisisEngine(scenario: scenario, options: options)
        #expect(CrisisEnsemble.effectiveKernel(.lockstep, for: engine) == .unbatched)
        #expect(CrisisEnsemble.effectiveKernel(.lockstep, for: try CrisisEngine(scenario: scenario)) == .lockstep)
    }
}
