import Testing
@_spi(Internals) @testable import AllianceGraph
@_spi(Internals) @testable import AllianceGraphFormats
@testable import AllianceGraphRender

/// The structures and searches written for networks of millions of states give exactly what the
/// direct definitions give, on networks small enough to check both.
@Suite("Large-network paths agree with the direct definitions")
struct LargeNetworkPathsTests {
    /// A round's snapshot on a generated network, with noisy perception and raised efforts so
    /// that many states feel threatened.
    static func snapshot(states: Int, ties: Int, model: SyntheticNetworkModel, seed: UInt64) throws -> RoundSnapshot {
        var network = try SyntheticNetwork(states: states, ties: ties, seed: seed, model: model).scenario().network
        for i in network.states.indices where i % 3 == 0 {
            network.states[i].effort = min(1, network.states[i].effort * 3)
        }
        var environment = SecurityEnvironment()
        environment.offenseDefense = 2
        var model = ThreatModel(network)
        var random = SeededRandom(seed: seed)
        let assessment = model.assess(network, environment, random: &random)
        return RoundSnapshot(
            round: 1, network: network, environment: environment, parameters: RuleParameters(),
            assessment: assessment, initialSupport: assessment.support, proximity: model.proximity)
    }

    @Test(
        "the ranked balancing search picks the scan's partner for every state",
        arguments: [(120, 400, SyntheticNetworkModel.regional), (300, 1200, .regional), (400, 1500, .scaleFree)])
    func balancingCandidatesMatchScan(states: Int, ties: Int, model: SyntheticNetworkModel) throws {
        let snapshot = try Self.snapshot(states: states, ties: ties, model: model, seed: UInt64(states))
        let candidates = BalancingCandidates(snapshot)
        var found = 0
        for i in snapshot.network.ids {
            let exact = Balancing.partner(for: i, in: snapshot)
            #expect(candidates.partner(for: i, in: snapshot) == exact, "state \(i.index)")
            if exact != nil { found += 1 }
        }
        #expect(found >= 5, "the comparison covers states that do find partners")
        #expect(
            Balancing.partners(in: snapshot) == snapshot.network.ids.map { Balancing.partner(for: $0, in: snapshot) })
    }

    @Test("bandwagoning's one-pass removal matches the per-state definition", arguments: [150, 350])
    func bandwagoningMatchesDefinition(states: Int) throws {
        let snapshot = try Self.snapshot(states: states, ties: states * 3, model: .scaleFree, seed: 11)
        for balancingOn in [false, true] {
            var proposals = RoundProposals(network: snapshot.network)
            Bandwagoning.propose(snapshot, balancingOn: balancingOn, into: &proposals)
            // The definition, state by state (the code before the one-pass version).
            var expected = RoundProposals(network: snapshot.network)
            for i in snapshot.network.ids where Bandwagoning.bandwagons(i, in: snapshot, balancingOn: balancingOn) {
                let threat = snapshot.assessment.mainThreat[i.index]!
                let enemies = Set(snapshot.rivals[threat.index])
                for (index, c) in snapshot.network.commitments.enumerated() where c.from == i || c.to == i {
                    if enemies.contains(c.pair.other(than: i)) { expected.removeCommitment[index] = true }
                }
                if snapshot.areRivals(i, threat) { expected.removeRivalry.append(StatePair(i, threat)) }
                if !snapshot.hasCommitment(.neutrality, between: i, threat) {
                    expected.addCommitments.append(
                        .symmetric(
                            .neutrality, min(i, threat), max(i, threat),
                            note: "bandwagoning, round \(snapshot.round)"))
                }
                expected.bandwagons += 1
            }
            #expect(proposals.removeCommitment == expected.removeCommitment)
            #expect(proposals.removeRivalry == expected.removeRivalry)
            #expect(proposals.addCommitments == expected.addCommitments)
            #expect(proposals.bandwagons == expected.bandwagons)
        }
    }

    @Test("burden-sharing's changes computed on two cores equal the sequential ones", arguments: [150, 400])
    func burdenSharingOnTwoCores(states: Int) throws {
        let snapshot = try Self.snapshot(states: states, ties: states * 4, model: .regional, seed: 21)
        var sequential = RoundProposals(network: snapshot.network)
        BurdenSharing.propose(snapshot, into: &sequential, parallelMinimum: Int.max)
        var split = RoundProposals(network: snapshot.network)
        BurdenSharing.propose(snapshot, into: &split, parallelMinimum: 0)
        let bits = { (p: RoundProposals) in p.credibilityDelta.map { [$0.forward.bitPattern, $0.reverse.bitPattern] } }
        #expect(bits(split) == bits(sequential))
        #expect(sequential.credibilityDelta.contains { $0.forward != 0 && $0.reverse != 0 }, "pledges both ways move")
        #expect(sequential.credibilityDelta.contains { $0.forward < 0 }, "some pledges are lowered")
    }

    @Test("the pair-kind index answers like a dictionary of kind sets")
    func pairKindIndex() throws {
        let network = try ScenarioLoader.load(path: TestSupport.network("europe-1914.json")).network
        let index = PairKindIndex(network)
        var reference: [StatePair: Set<CommitmentKind>] = [:]
        for c in network.commitments { reference[c.pair, default: []].insert(c.kind) }
        #expect(reference.values.contains { $0.count > 1 }, "some pairs have several kinds")
        for a in network.ids {
            for b in network.ids {
                for kind in CommitmentKind.allCases {
                    let expected = a != b && (reference[StatePair(a, b)]?.contains(kind) ?? false)
                    #expect((index.kinds(a, b) & PairKindIndex.bit(kind) != 0) == expected)
                }
            }
        }
    }

    @Test("the two-pass CSR builder gives the arc-list CSR, duplicates merged by their maximum")
    func twoPassCSR() throws {
        var random = SeededRandom(seed: 5)
        let arcs = (0..<3000).map { _ in
            (source: random.index(below: 90), target: random.index(below: 90), weight: random.nextUnit())
        }
        let reference = try CSRAdjacency(vertexCount: 90, arcs: arcs)
        let built = try CSRAdjacency(vertexCount: 90) { emit in for a in arcs { emit(a.source, a.target, a.weight) } }
        #expect(built == reference)
        #expect(built.arcCount < arcs.count, "the arcs had duplicates")
        #expect(throws: InputError.self) { try CSRAdjacency(vertexCount: 3) { emit in emit(0, 3, 1) } }
    }

    @Test("the signed view and its triangles match the dictionary construction")
    func signedViewAndTriangles() throws {
        let synthetic = try SyntheticNetwork(states: 300, ties: 1500, seed: 8).scenario().network
        // Rivalries on every 7th allied pair as well: the rivalry's sign must win over the pledge.
        let overlapping = synthetic.commitments.enumerated().filter { $0.offset % 7 == 0 }.map {
            Rivalry($0.element.pair.low, $0.element.pair.high, intensity: 0.5)
        }
        let network = try AllianceNetwork(
            states: synthetic.states, commitments: synthetic.commitments,
            rivalries: synthetic.rivalries + overlapping, contiguity: synthetic.contiguity)
        #expect(SignedGraphView(network).edges.filter { $0.sign < 0 }.count > synthetic.rivalries.count)
        var signs: [StatePair: Int] = [:]
        for o in network.obligations where o.kind.sign > 0 && o.credibility > 0 {
            signs[StatePair(o.committed, o.partner)] = 1
        }
        for r in network.rivalries { signs[r.pair] = -1 }
        let reference = try SignedGraphView(
            vertexCount: network.count, edges: signs.map { ($0.key.low.index, $0.key.high.index, $0.value) })
        let view = SignedGraphView(network)
        #expect(view == reference)
        // Triangles in the order of the pair-dictionary enumeration.
        let edges = view.edges
        var index: [Int: Int32] = [:]
        for (k, e) in edges.enumerated() { index[e.low * view.vertexCount + e.high] = Int32(k) }
        var lists = [[Int]](repeating: [], count: view.vertexCount)
        for e in edges { lists[e.low].append(e.high) }
        var triangles: [[Int32]] = []
        for a in 0..<view.vertexCount {
            for (x, b) in lists[a].enumerated() {
                for c in lists[a][(x + 1)...] {
                    if let bc = index[b * view.vertexCount + c] {
                        triangles.append([index[a * view.vertexCount + b]!, index[a * view.vertexCount + c]!, bc])
                    }
                }
            }
        }
        let dynamics = TriadDynamics(view)
        #expect(dynamics.triangles.map { [$0.0, $0.1, $0.2] } == triangles)
        #expect(triangles.count > 100)
        // Without the list, triangle t is the same triangle, so a run is the same run.
        var lazy = TriadDynamics(view, listingAtMost: 0)
        #expect(lazy.triangles.isEmpty && lazy.triangleCount == triangles.count)
        #expect(
            (0..<lazy.triangleCount).map { t in
                let x = lazy.triangle(t); return [x.0, x.1, x.2]
            } == triangles)
        var listed = dynamics
        var r1 = SeededRandom(seed: 3), r2 = SeededRandom(seed: 3)
        #expect(listed.run(updates: 5000, p: 0.2, random: &r1) == lazy.run(updates: 5000, p: 0.2, random: &r2))
        #expect(listed.signs == lazy.signs && listed.imbalancedTriangles == lazy.imbalancedTriangles)
        let balance = StructuralBalance(view)
        #expect(balance.triangles == triangles.count)
    }

    @Test("balance counts with hubs (binary-search path) match a direct count of every triple")
    func balanceWithHubs() throws {
        var random = SeededRandom(seed: 12)
        var sign: [[Int]] = Array(repeating: Array(repeating: 0, count: 120), count: 120)
        var edges: [(Int, Int, Int)] = []
        func add(_ a: Int, _ b: Int) {
            guard a != b, sign[a][b] == 0 else { return }
            let s = random.nextUnit() < 0.3 ? -1 : 1
            sign[a][b] = s; sign[b][a] = s
            edges.append((a, b, s))
        }
        for v in 1..<120 { add(0, v); add(119, v) }  // two hubs, a low and a high id
        for _ in 0..<150 { add(1 + random.index(below: 118), 1 + random.index(below: 118)) }
        let balance = StructuralBalance(try SignedGraphView(vertexCount: 120, edges: edges))
        var counts = [0, 0, 0, 0]
        for a in 0..<120 {
            for b in (a + 1)..<120 where sign[a][b] != 0 {
                for c in (b + 1)..<120 where sign[a][c] != 0 && sign[b][c] != 0 {
                    counts[[sign[a][b], sign[a][c], sign[b][c]].filter { $0 < 0 }.count] += 1
                }
            }
        }
        #expect(
            [
                balance.positivePositivePositive, balance.positivePositiveNegative,
                balance.positiveNegativeNegative, balance.negativeNegativeNegative,
            ] == counts)
        #expect(counts.reduce(0, +) > 200)
    }

    @Test("duplicate ties are reported at the same commitment, naming the same earlier one")
    func duplicateReportedFirst() throws {
        let states = (0..<4).map { State(code: "S\($0)", capability: 1) }
        let a = StateID(0), b = StateID(1), c = StateID(2)
        let commitments: [Commitment] = [
            .symmetric(.defense, a, b, since: 1900, until: 1910),
            .symmetric(.defense, b, c),
            .symmetric(.defense, b, a, since: 1911),
            .symmetric(.defense, a, b, since: 1905, until: 1906),
            .symmetric(.defense, c, b),
        ]
        #expect {
            try AllianceNetwork(states: states, commitments: commitments)
        } throws: { error in
            let message = (error as? InputError)?.description ?? ""
            return message.hasPrefix("commitments[3]:") && message.contains("commitments[0]")
        }
    }

    @Test("the alliance graph's edge count without the view equals the view's", arguments: [0, 1, 2, 3])
    func allianceEdgeCount(seed: UInt64) throws {
        let synthetic = try SyntheticNetwork(states: 120, ties: 600, seed: seed, model: .regional).scenario().network
        // Beside the generated ties: more kinds on the same pairs, directed pledges both ways, a
        // pact pledged on one side only, and a pact repeated in a later spell.
        var extra: [Commitment] = []
        let guaranteed = Set(synthetic.commitments.filter { $0.kind == .guarantee }.map(\.pair))
        for (k, c) in synthetic.commitments.enumerated() where k % 5 == 0 && !guaranteed.contains(c.pair) {
            extra.append(.directed(.guarantee, from: c.to, to: c.from, credibility: 0.4))
            extra.append(.directed(.guarantee, from: c.from, to: c.to))
        }
        extra.append(.symmetric(.consultation, StateID(0), StateID(119), credibility: 0, reverseCredibility: 0.5))
        extra.append(.symmetric(.defense, StateID(1), StateID(118), until: 1900))
        extra.append(.symmetric(.defense, StateID(1), StateID(118), since: 1901))
        let network = try AllianceNetwork(
            states: synthetic.states, commitments: synthetic.commitments + extra, rivalries: synthetic.rivalries,
            contiguity: synthetic.contiguity)
        let view = AllianceGraphView(network)
        #expect(AllianceGraphView.edgeCount(of: network) == view.edgeCount)
        #expect(AllianceGraphView.edgeCount(of: synthetic) == AllianceGraphView(synthetic).edgeCount)
        #expect(view.edgeCount > 100 && view.edgeCount < network.commitments.count)
    }

    @Test("commitment additions skip the slots a set of (kind, pair) would, in the same order")
    func commitmentAdditionsLikeASetOfSlots() throws {
        let synthetic = try SyntheticNetwork(states: 80, ties: 300, seed: 5, model: .regional).scenario().network
        let ids = synthetic.ids
        // Rivals on a few pairs, so that aligning additions between them are barred.
        let rivalries = (0..<10).map { Rivalry(ids[$0 * 7], ids[$0 * 7 + 3], intensity: 0.6) }
        let network = try AllianceNetwork(
            states: synthetic.states, commitments: synthetic.commitments, rivalries: rivalries,
            contiguity: synthetic.contiguity)
        var random = SeededRandom(seed: 9)
        var proposals = RoundProposals(network: network)
        let kinds: [CommitmentKind] = [.defense, .neutrality, .consultation, .guarantee]
        for _ in 0..<400 {
            let a = ids[Int(random.next() % 80)], b = ids[Int(random.next() % 80)]
            if a == b { continue }
            let kind = kinds[Int(random.next() % 4)]
            proposals.addCommitments.append(
                kind == .guarantee
                    ? .directed(.guarantee, from: a, to: b, note: "\(random.next() % 3)")
                    : .symmetric(kind, a, b, note: "\(random.next() % 3)"))
        }
        // Existing slots proposed again (in the other direction too), and barred pairs.
        for c in network.commitments.prefix(40) {
            proposals.addCommitments.append(.symmetric(c.kind, c.to, c.from))
        }
        for r in rivalries { proposals.addCommitments.append(.symmetric(.defense, r.pair.high, r.pair.low)) }
        // The reference: the set of slots in force, added to as proposals are taken.
        struct Slot: Hashable {
            var kind: CommitmentKind
            var pair: StatePair
        }
        var existing = Set(network.commitments.map { Slot(kind: $0.kind, pair: $0.pair) })
        let rivalPairs = Set(rivalries.map(\.pair))
        var expected = network.commitments
        for c in proposals.addCommitments.sorted(by: {
            ($0.kind, $0.pair.low, $0.pair.high) < ($1.kind, $1.pair.low, $1.pair.high)
        }) {
            let slot = Slot(kind: c.kind, pair: c.pair)
            if existing.contains(slot) || (c.kind.sign > 0 && rivalPairs.contains(c.pair)) { continue }
            existing.insert(slot)
            expected.append(c)
        }
        var applied = network
        let outcome = proposals.apply(to: &applied, parameters: RuleParameters())
        #expect(applied.commitments == expected)
        #expect(outcome.commitmentsAdded == expected.count - network.commitments.count)
        #expect(outcome.commitmentsAdded > 50, "the proposals add some ties and skip others")
        #expect(outcome.commitmentsAdded < proposals.addCommitments.count - 60)
    }

    @Test("full system metrics leave Leiden blocs out above the pair limit, every round, and say so")
    func blocsAboveThePairLimit() throws {
        let network = try SyntheticNetwork(states: 60, ties: 150, seed: 3, model: .regional).scenario().network
        let pairs = AllianceGraphView(network).edgeCount
        var configuration = Simulation.Configuration(rounds: 3, seed: 1, stopAtEquilibrium: false)
        let within = try Simulation(network: network, configuration: configuration)
        #expect(within.recordsBlocs && within.skippedSystemMetrics.isEmpty)
        #expect(within.records[0].system.blocs != nil)
        configuration.blocsPairLimit = pairs - 1
        var above = try Simulation(network: network, configuration: configuration)
        try above.run()
        #expect(!above.recordsBlocs)
        #expect(above.records.allSatisfy { $0.system.blocs == nil && $0.system.modularity == nil })
        #expect(above.skippedSystemMetrics.count == 1 && above.skippedSystemMetrics[0].contains("\(pairs - 1)"))
        // Everything else is recorded as with the blocs.
        var withBlocs = try Simulation(
            network: network,
            configuration: Simulation.Configuration(
                rounds: 3, seed: 1, stopAtEquilibrium: false))
        try withBlocs.run()
        for (a, b) in zip(above.records, withBlocs.records) {
            #expect(a.system.balance == b.system.balance && a.threat == b.threat)
            #expect(a.system.armsRaceStability == b.system.armsRaceStability)
        }
        let run = SimulationOutput.runJSON(above, input: "n.json", inputBytes: [], wallSeconds: 0, burdenSharing: nil)
        #expect(run.contains("\"skippedSystemMetrics\"") && run.contains("blocs and modularity are NA"))
        let light = try Simulation(
            network: network, configuration: Simulation.Configuration(rounds: 1, seed: 1, systemMetrics: .light))
        #expect(!light.recordsBlocs && light.skippedSystemMetrics.isEmpty)
    }
}
