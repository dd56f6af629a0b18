import Testing
@_spi(Internals) @testable import AllianceGraph
@_spi(Internals) @testable import AllianceGraphFormats
@testable import AllianceGraphRender

/// Dense linear algebra for reference answers.
enum Dense {
    /// Solves `A X = B` (A n x n, B n x m, row-major) by Gaussian elimination with partial pivoting.
    static func solve(_ a: [Double], _ b: [Double], n: Int, m: Int) -> [Double] {
        var a = a, b = b
        for col in 0..<n {
            var pivot = col
            for r in col..<n where abs(a[r * n + col]) > abs(a[pivot * n + col]) { pivot = r }
            if pivot != col {
                for k in 0..<n { a.swapAt(col * n + k, pivot * n + k) }
                for k in 0..<m { b.swapAt(col * m + k, pivot * m + k) }
            }
            let p = a[col * n + col]
            for r in 0..<n where r != col {
                let f = a[r * n + col] / p
                if f == 0 { continue }
                for k in 0..<n { a[r * n + k] -= f * a[col * n + k] }
                for k in 0..<m { b[r * m + k] -= f * b[col * m + k] }
            }
        }
        for r in 0..<n { for k in 0..<m { b[r * m + k] /= a[r * n + r] } }
        return b
    }
}

@Suite("Threat perception and propagation")
struct ThreatModelTests {
    /// A random network: `n` states, random capabilities, random commitments and rivalries.
    static func randomNetwork(_ n: Int, seed: UInt64, tieProbability: Double = 0.3) throws -> AllianceNetwork {
        var random = SeededRandom(seed: seed)
        let states = (0..<n).map {
            State(
                code: "S\($0)", capability: 0.01 + random.nextUnit(), effort: 0.02 + 0.02 * random.nextUnit(),
                baselineEffort: 0.02, major: random.nextUnit() < 0.2,
                intent: random.nextUnit() < 0.3 ? random.nextUnit() : 0)
        }
        var commitments: [Commitment] = [], rivalries: [Rivalry] = [], contiguity: [Contiguity] = []
        for a in 0..<n {
            for b in (a + 1)..<max(a + 1, n) {
                let u = random.nextUnit()
                if u < tieProbability {
                    if random.nextUnit() < 0.5 {
                        commitments.append(
                            .symmetric(
                                .defense, StateID(a), StateID(b), credibility: 0.2 + 0.8 * random.nextUnit(),
                                reverseCredibility: 0.2 + 0.8 * random.nextUnit()))
                    } else {
                        commitments.append(
                            .directed(
                                .guarantee, from: StateID(a), to: StateID(b), credibility: 0.1 + 0.9 * random.nextUnit()
                            ))
                    }
                } else if u < tieProbability * 1.5 {
                    rivalries.append(Rivalry(StateID(a), StateID(b), intensity: 0.1 + 0.9 * random.nextUnit()))
                }
                if random.nextUnit() < 0.3 {
                    contiguity.append(Contiguity(StateID(a), StateID(b), type: 1 + Int(random.next() % 5)))
                }
            }
        }
        return try AllianceNetwork(
            states: states, commitments: commitments, rivalries: rivalries, contiguity: contiguity)
    }

    @Test("propagation equals the dense solve (I - alpha W)^-1 D to 1e-9", arguments: [0.0, 0.3, 0.5, 0.6])
    func matchesDenseSolve(alpha: Double) throws {
        for seed in UInt64(1)...12 {
            let n = 3 + Int(seed % 10)
            let network = try Self.randomNetwork(n, seed: seed)
            var environment = SecurityEnvironment()
            environment.entanglement = alpha
            var model = ThreatModel(network)
            model.maxIterations = 200
            var random = SeededRandom(seed: seed &* 7)
            let result = model.assess(network, environment, random: &random)
            #expect(result.converged)
            let ties = ThreatModel.ties(
                network, power: network.states.map(\.power), reliability: environment.reliability)
            var a = [Double](repeating: 0, count: n * n)
            for i in 0..<n {
                a[i * n + i] = 1
                for (j, w) in ties.entanglement.neighbours(of: i) { a[i * n + j] -= alpha * w }
            }
            let expected = Dense.solve(a, result.direct, n: n, m: n)
            for k in expected.indices {
                #expect(abs(expected[k] - result.threat[k]) <= 1e-9, "seed \(seed) entry \(k)")
            }
        }
    }

    @Test("the public kernel entry matches the dense solve on a hand-made W")
    func kernelOnHandMadeW() throws {
        // A 4-cycle with a chord, two sources.
        let w = try CSRAdjacency(
            vertexCount: 4, arcs: [(0, 1, 1), (1, 2, 2), (1, 0, 1), (2, 3, 1), (3, 0, 3), (3, 2, 1)]
        ).rowNormalised()
        let d: [Double] = [1, 0, 0, 2, 0.5, 0, 0, 0.25]
        let (t, _, converged) = ThreatModel.propagate(direct: d, columns: 2, entanglement: w, alpha: 0.45)
        #expect(converged)
        var a = [Double](repeating: 0, count: 16)
        for i in 0..<4 { a[i * 4 + i] = 1; for (j, x) in w.neighbours(of: i) { a[i * 4 + j] -= 0.45 * x } }
        let expected = Dense.solve(a, d, n: 4, m: 2)
        for k in 0..<8 { #expect(abs(t[k] - expected[k]) <= 1e-9) }
    }

    @Test("the iteration cap is reported when alpha is close to 1")
    func iterationCap() throws {
        let w = try CSRAdjacency(vertexCount: 2, arcs: [(0, 1, 1), (1, 0, 1)]).rowNormalised()
        let (_, iterations, converged) = ThreatModel.propagate(
            direct: [1, 0, 0, 1], columns: 2, entanglement: w, alpha: 0.99)
        #expect(iterations == 50)
        #expect(!converged)
    }

    @Test("direct threat is theta * P_j * pi_ij * I_ij, zero between partners")
    func directThreatKnownAnswer() throws {
        let states = [
            State(code: "A", capability: 1, effort: 0.04, baselineEffort: 0.02),
            State(code: "B", capability: 2, intent: 0.4),
            State(code: "C", capability: 0.5, major: true),
        ]
        let network = try AllianceNetwork(
            states: states,
            commitments: [.symmetric(.nonaggression, StateID(1), StateID(2))],
            rivalries: [Rivalry(StateID(0), StateID(1), intensity: 0.3)],
            contiguity: [Contiguity(StateID(0), StateID(1), type: 2)])
        var environment = SecurityEnvironment()
        environment.offenseDefense = 1.5
        environment.distinguishability = 0.25
        environment.entanglement = 0
        var model = ThreatModel(network)
        let result = model.assess(network, environment)
        // B seen by A: rho 0.3 + 0.25 * 0.4 + 0.75 * 0 = 0.4; P_B = 2; pi = 0.8.
        #expect(abs(result.directThreat(to: StateID(0), from: StateID(1)) - 1.5 * 2 * 0.8 * 0.4) < 1e-12)
        // A seen by B: rho 0.3 + 0.75 * q_A (q = 1) = 1.05 -> 1; P_A = 2; pi = 0.8.
        #expect(abs(result.directThreat(to: StateID(1), from: StateID(0)) - 1.5 * 2 * 0.8 * 1) < 1e-12)
        // A seen by C: 0.75 * 1; pi = 0.1 (A is not major).
        #expect(abs(result.directThreat(to: StateID(2), from: StateID(0)) - 1.5 * 2 * 0.1 * 0.75) < 1e-12)
        // B and C are partners (non-aggression): no threat either way.
        #expect(result.directThreat(to: StateID(2), from: StateID(1)) == 0)
        #expect(result.directThreat(to: StateID(1), from: StateID(2)) == 0)
        // C's main threat is A; A's is B.
        #expect(result.mainThreat[2] == StateID(0))
        #expect(result.mainThreat[0] == StateID(1))
        // Nobody fights for anybody: support = own power.
        #expect(result.support == [2, 2, 0.5])
    }

    @Test("support counts fighting pledges toward the state, weighted by credibility and reliability")
    func supportKnownAnswer() throws {
        let states = [
            State(code: "A", capability: 1), State(code: "B", capability: 2), State(code: "C", capability: 4),
        ]
        let network = try AllianceNetwork(
            states: states,
            commitments: [
                .directed(.guarantee, from: StateID(1), to: StateID(0), credibility: 0.5),
                .symmetric(.consultation, StateID(0), StateID(2)),
            ])
        var model = ThreatModel(network)
        let result = model.assess(network, SecurityEnvironment())
        #expect(abs(result.support[0] - (1 + 0.5 * 0.745 * 2)) < 1e-12)
        #expect(result.support[1] == 2)
        #expect(result.support[2] == 4)
    }

    @Test("noise comes from the seed: same seed same perception, other seed differs")
    func noiseIsSeeded() throws {
        let network = try Self.randomNetwork(12, seed: 3)
        var model = ThreatModel(network)
        var r1 = SeededRandom(seed: 9), r2 = SeededRandom(seed: 9), r3 = SeededRandom(seed: 10)
        let a = model.assess(network, SecurityEnvironment(), random: &r1)
        let b = model.assess(network, SecurityEnvironment(), random: &r2)
        let c = model.assess(network, SecurityEnvironment(), random: &r3)
        #expect(a == b)
        #expect(a.direct != c.direct)
    }

    @Test("large networks keep the top-K sources by outgoing threat")
    func topSources() throws {
        let n = 300
        var states = (0..<n).map { State(code: "S\($0)", capability: 0.001) }
        states[7] = State(code: "S7", capability: 10)
        states[250] = State(code: "S250", capability: 5, major: true)
        let network = try AllianceNetwork(
            states: states,
            rivalries: (0..<n).filter { $0 != 7 }.map { Rivalry(StateID(7), StateID($0), intensity: 0.5) })
        var model = ThreatModel(network)
        let result = model.assess(network, SecurityEnvironment())
        #expect(result.sources.count == 16)
        #expect(result.sources.contains(StateID(7)))
        #expect(result.sources == result.sources.sorted())
        #expect(result.mainThreat[0] == StateID(7))
    }

    @Test("source scores equal the direct sum over every state i of pi_ij * I_ij", arguments: 1...16)
    func sourceScoresByDefinition(seed: UInt64) throws {
        let network = RandomNetworks.network(seed: seed, maxStates: 60)
        let n = network.count
        let model = ThreatModel(network)
        let power = network.states.map(\.power)
        let ties = ThreatModel.ties(network, power: power, reliability: 0.8)
        let base = network.states.map { 0.5 * $0.intent + 0.5 * ThreatModel.armingSignal($0) }
        let theta = 0.7
        let scores = ThreatModel.sourceScores(
            0..<n, count: n, proximity: model.proximity, ties: ties, base: base, power: power, theta: theta)
        // By the definition: partners (any commitment with a pledge above 0) perceive no hostility.
        var partners = Set<StatePair>()
        for c in network.commitments where c.credibility > 0 || (c.reverseCredibility ?? 0) > 0 {
            partners.insert(c.pair)
        }
        var rho: [StatePair: Double] = [:]
        for r in network.rivalries { rho[r.pair] = max(rho[r.pair] ?? 0, r.intensity) }
        for j in 0..<n {
            var sum = 0.0
            for i in 0..<n where i != j {
                let pair = StatePair(StateID(i), StateID(j))
                if partners.contains(pair) { continue }
                sum += model.proximity.value(of: j, from: i) * min(1, max(0, (rho[pair] ?? 0) + base[j]))
            }
            let expected = theta * power[j] * sum
            #expect(abs(scores[j] - expected) <= 1e-12 * max(1, abs(expected)), "seed \(seed), state \(j)")
        }
    }

    @Test("the top-K selection equals sorting by score (descending, ties by lowest index)", arguments: 0..<40)
    func largestScores(seed: UInt64) {
        var random = SeededRandom(seed: seed)
        let n = Int(random.next() % 400)
        // Few distinct values, so that ties are common.
        let score = (0..<n).map { _ in Double(random.next() % 12) * (random.next() % 3 == 0 ? -1 : 1) }
        for k in [0, 1, 5, 16, n, n + 3] {
            let sorted = (0..<n).sorted { score[$0] != score[$1] ? score[$0] > score[$1] : $0 < $1 }
            #expect(ThreatModel.largest(k, of: score) == Array(sorted.prefix(max(0, min(k, n)))).sorted(), "k \(k)")
        }
    }
    @Test(
        "a large network's perception reading the ties its record kept equals one that builds them",
        arguments: [300, 700])
    func keptTiesOfLargeNetworks(states: Int) throws {
        let network = try SyntheticNetwork(states: states, ties: states * 4, seed: UInt64(states)).scenario().network
        let environment = SecurityEnvironment()
        var keeping = ThreatModel(network)
        keeping.keepsTiesForNextPerception = true
        let record = keeping.assess(network, environment)
        #expect(keeping.keptTies != nil, "a noise-free assessment made to keep its ties keeps them")
        var random = SeededRandom(seed: 4)
        let reused = keeping.assess(network, environment, noise: true, random: &random, reusingTies: true)
        #expect(keeping.keptTies == nil, "a perception of a large network keeps nothing")
        var fresh = ThreatModel(network)
        var same = SeededRandom(seed: 4)
        let built = fresh.assess(network, environment, noise: true, random: &same)
        #expect(reused == built)
        #expect(record != built, "the noise changed the perception, so the comparison is not vacuous")
        // Without the flag nothing is kept, as before.
        var plain = ThreatModel(network)
        _ = plain.assess(network, environment)
        #expect(plain.keptTies == nil)
    }

    @Test(
        "the tie snapshots from one partner CSR equal separate CSRs of the partners, the pledges and W",
        arguments: 1...6)
    func tiesFromOnePartnerCSR(seed: UInt64) throws {
        // Every kind, both forms, credibilities of 0 in either direction, several kinds on a pair.
        var random = SeededRandom(seed: seed)
        let n = 30 + Int(seed) * 17
        let states = (0..<n).map { State(code: "S\($0)", capability: 0.5 + random.nextUnit()) }
        let levels = [0, 0, 0.2, 0.55, 1]
        func credibility() -> Double {
            random.next() % 3 == 0 ? levels[Int(random.next() % 5)] : random.nextUnit()
        }
        var commitments: [Commitment] = []
        var slots = Set<[Int]>()
        for _ in 0..<(n * 4) {
            let a = Int(random.next() % UInt64(n)), b = Int(random.next() % UInt64(n))
            let kind = CommitmentKind.allCases[Int(random.next() % UInt64(CommitmentKind.allCases.count))]
            guard a != b, slots.insert([kind.ordinal, min(a, b), max(a, b)]).inserted else { continue }
            let symmetric = kind.allowsSymmetric && (!kind.allowsDirected || random.next() % 2 == 0)
            // A valid commitment has a pledge above 0 in one direction at least.
            let reverse = symmetric ? credibility() : nil
            let forward = (reverse ?? 0) > 0 ? credibility() : max(0.3, credibility())
            commitments.append(
                Commitment(
                    kind: kind, from: StateID(a), to: StateID(b), isSymmetric: symmetric, credibility: forward,
                    reverseCredibility: reverse, since: nil, until: nil, note: nil))
        }
        let network = try AllianceNetwork(states: states, commitments: commitments)
        let power = network.states.map(\.power)
        let reliability = 0.8

        // The definitions, one CSR each.
        let partners = try CSRAdjacency(vertexCount: n) { emit in
            for c in commitments where c.credibility > 0 || (c.reverseCredibility ?? 0) > 0 {
                emit(c.from.index, c.to.index, 1)
                emit(c.to.index, c.from.index, 1)
            }
        }
        let pledges = try CSRAdjacency(vertexCount: n) { emit in
            for c in commitments where c.kind.obligesToFight {
                c.forEachObligation { o in
                    if o.credibility > 0 { emit(o.partner.index, o.committed.index, o.credibility) }
                }
            }
        }
        var support = power
        for i in 0..<n {
            for (l, kappa) in pledges.neighbours(of: i) { support[i] += kappa * reliability * power[l] }
        }
        let w = try CSRAdjacency(vertexCount: n, normalisingRows: true) { emit in
            for c in commitments where c.kind.sign > 0 {
                c.forEachObligation { o in
                    if o.credibility > 0 { emit(o.committed.index, o.partner.index, o.credibility) }
                }
            }
        }
        #expect(pledges.arcCount > 0 && pledges.arcCount < partners.arcCount && w.arcCount < partners.arcCount)

        for minimum in [Int.max, 0] {
            let ties = ThreatModel.ties(network, power: power, reliability: reliability, parallelMinimum: minimum)
            #expect(ties.partners.offsets == partners.offsets && ties.partners.targets == partners.targets)
            #expect(!ties.partners.isWeighted)
            #expect(ties.entanglement == w)
            #expect(ties.support == support)
        }
    }
}
