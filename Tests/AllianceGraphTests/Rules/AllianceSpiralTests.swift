import Testing
@_spi(Internals) @testable import AllianceGraph

/// The alliance spiral's derived rivalries (merge steps 8 and 9): each names the pact that
/// provoked it, stays bounded by it in every round, and ends with it.
@Suite("Alliance spiral: derived rivalries bounded by their source every round")
struct AllianceSpiralTests {
    /// R is J's rival; J and K are allied; R fears K through J at `intensity`. No contiguity:
    /// every proximity is 0.1, so the bound is `0.3 * rho_RJ * min(1, P_J / P_K)`.
    static func network(
        j: Double, k: Double, derived intensity: Double = 0.3,
        note: String = "alliance spiral: R fears K, ally of its rival J"
    ) throws -> AllianceNetwork {
        try AllianceNetwork(
            states: [
                State(code: "R", capability: 0.1), State(code: "J", capability: j), State(code: "K", capability: k),
                State(code: "X", capability: 0.1),
            ],
            commitments: [.symmetric(.defense, StateID(1), StateID(2))],
            rivalries: [
                Rivalry(StateID(0), StateID(1), intensity: 1),
                Rivalry(StateID(0), StateID(2), intensity: intensity, note: note),
            ])
    }

    static func derived(_ network: AllianceNetwork) -> Rivalry? {
        network.rivalries.first { $0.pair == StatePair(StateID(0), StateID(2)) }
    }

    @Test("a derived rivalry is lowered to what its source gives at today's powers")
    func lowered() throws {
        // K twice as strong as J: the bound is 0.3 * 1 * 0.5 = 0.15.
        var network = try Self.network(j: 0.1, k: 0.2)
        let removed = RoundProposals.boundDerivedRivalries(in: &network, intensity: 0.3)
        #expect(removed == 0)
        #expect(abs((Self.derived(network)?.intensity ?? 0) - 0.15) < 1e-15)
        // The rivalry it derives from is untouched.
        #expect(network.rivalries.first { $0.pair == StatePair(StateID(0), StateID(1)) }?.intensity == 1)
    }

    @Test("a derived rivalry is never raised, whatever its source would now allow")
    func neverRaised() throws {
        var network = try Self.network(j: 0.4, k: 0.1, derived: 0.05)
        _ = RoundProposals.boundDerivedRivalries(in: &network, intensity: 0.3)
        #expect(Self.derived(network)?.intensity == 0.05)
    }

    @Test("a derived rivalry ends when its pact or the rivalry it derives from has gone")
    func endsWithItsSource() throws {
        var noPact = try Self.network(j: 0.1, k: 0.1)
        noPact.commitments.removeAll()
        #expect(RoundProposals.boundDerivedRivalries(in: &noPact, intensity: 0.3) == 1)
        #expect(Self.derived(noPact) == nil)
        #expect(noPact.rivalries.count == 1)

        var noRivalry = try Self.network(j: 0.1, k: 0.1)
        noRivalry.rivalries.removeFirst()
        #expect(RoundProposals.boundDerivedRivalries(in: &noRivalry, intensity: 0.3) == 1)
        #expect(noRivalry.rivalries.isEmpty)

        // Another defence pact of K (with X, not R's rival) does not keep it alive.
        var otherPact = try Self.network(j: 0.1, k: 0.1)
        otherPact.commitments = [.symmetric(.defense, StateID(2), StateID(3))]
        #expect(RoundProposals.boundDerivedRivalries(in: &otherPact, intensity: 0.3) == 1)
    }

    @Test(
        "a rivalry whose note does not name its source in the written form is never re-bounded",
        arguments: [
            "alliance spiral", "alliance spiral: R fears K", "alliance spiral: R fears K, ally of its rival X ",
            "alliance spiral: R fears K ally of its rival J", "alliance spiral: R fears X, ally of its rival J",
            "alliance spiral: R fears K, ally of its rival R", "alliance spiral: R fears K, ally of its rival Q",
            "Alliance spiral: R fears K, ally of its rival J", "T&D rivalry",
        ])
    func foreignNotes(note: String) throws {
        var network = try Self.network(j: 0.1, k: 0.2, note: note)
        network.commitments.removeAll()
        #expect(RoundProposals.boundDerivedRivalries(in: &network, intensity: 0.3) == 0)
        #expect(Self.derived(network)?.intensity == 0.3)
    }

    @Test("the source's note reads back as the same source")
    func noteRoundTrip() throws {
        let network = try Self.network(j: 0.1, k: 0.1)
        let source = RoundProposals.SpiralSource(r: StateID(0), k: StateID(2), j: StateID(1))
        let note = source.note(in: network)
        #expect(note == "alliance spiral: R fears K, ally of its rival J")
        #expect(RoundProposals.SpiralSource(note: note, pair: StatePair(StateID(2), StateID(0)), in: network) == source)
        // The note must belong to the rivalry it is on.
        #expect(RoundProposals.SpiralSource(note: note, pair: StatePair(StateID(0), StateID(1)), in: network) == nil)
    }

    @Test("nothing changes with the spiral off")
    func offWithoutSpiral() throws {
        let network = try Self.network(j: 0.1, k: 0.2)
        let proposals = RoundProposals(network: network)
        var copy = network
        _ = proposals.apply(to: &copy, parameters: RuleParameters())
        #expect(copy == network)
    }

    @Test(
        "in a simulation every derived rivalry is within its source's bound after every round",
        arguments: [1, 2] as [UInt64])
    func boundHoldsEveryRound(seed: UInt64) throws {
        // Two blocs arming against each other: pacts form, powers move, the spiral fires.
        let network = try Self.blocs()
        var parameters = SimulationParameters()
        parameters.rules.spiralIntensity = 0.3
        var simulation = try Simulation(
            network: network,
            configuration: .init(
                parameters: parameters, rules: [.arming, .balancing, .burdenSharing], rounds: 30, seed: seed,
                stopAtEquilibrium: false, systemMetrics: .light))
        var derivedSeen = 0
        for _ in 0..<30 {
            _ = try simulation.step()
            let now = simulation.network
            let proximity = ProximityTable(now)
            for rivalry in now.rivalries {
                guard let source = RoundProposals.SpiralSource(note: rivalry.note, pair: rivalry.pair, in: now) else {
                    continue
                }
                derivedSeen += 1
                let pact = now.commitments.contains { $0.kind == .defense && $0.pair == StatePair(source.j, source.k) }
                let rho = try #require(now.rivalries.first { $0.pair == StatePair(source.r, source.j) }?.intensity)
                #expect(pact)
                let fromJ = now[source.j].power * proximity.value(of: source.j.index, from: source.r.index)
                let fromK = now[source.k].power * proximity.value(of: source.k.index, from: source.r.index)
                // Powers moved after the merge by the capability trend only (none here).
                #expect(rivalry.intensity <= 0.3 * rho * min(1, fromJ / fromK) + 1e-12)
            }
        }
        #expect(derivedSeen > 0)
    }

    /// A strong revisionist (A, intent 1) facing six small states on land, two of which are
    /// rivals of three outsiders: balancing pacts among the small states provoke derived
    /// rivalries with the outsiders.
    static func blocs() throws -> AllianceNetwork {
        var states = [State(code: "A", capability: 1, intent: 1)]
        for index in 1...6 { states.append(State(code: "S\(index)", capability: 0.1 + 0.02 * Double(index))) }
        for index in 1...3 { states.append(State(code: "O\(index)", capability: 0.3 * Double(index))) }
        var contiguity: [Contiguity] = []
        for index in 1...6 { contiguity.append(Contiguity(StateID(0), StateID(index), type: 1)) }
        for index in 1...5 { contiguity.append(Contiguity(StateID(index), StateID(index + 1), type: 2)) }
        var rivalries = (1...6).map { Rivalry(StateID(0), StateID($0), intensity: 0.8) }
        for outsider in 7...9 {
            rivalries.append(Rivalry(StateID(outsider), StateID(1), intensity: 0.9))
            rivalries.append(Rivalry(StateID(outsider), StateID(2), intensity: 0.6))
        }
        return try AllianceNetwork(states: states, rivalries: rivalries, contiguity: contiguity)
    }
}

@Suite("Proximity: a great power's reach lifts the floor, geography still counts")
struct MajorPowerProximityTests {
    @Test("the lifted scale's values: 0.5 with no entry, 1 over land, the water classes in between")
    func values() {
        #expect(Contiguity.proximity(base: 0.1, major: true) == 0.5)
        #expect(Contiguity.proximity(base: 1, major: true) == 1)
        let water = [0.8, 0.6, 0.4, 0.2].map { Contiguity.proximity(base: $0, major: true) }
        let expected = [8.0 / 9, 7.0 / 9, 6.0 / 9, 5.0 / 9]
        for (value, wanted) in zip(water, expected) { #expect(abs(value - wanted) < 1e-15) }
        // Explicit proximities below the distant value are raised to the floor.
        #expect(Contiguity.proximity(base: 0, major: true) == 0.5)
        #expect(Contiguity.proximity(base: 0.05, major: true) == 0.5)
        // Minor powers keep their geography.
        for base in [0, 0.05, 0.1, 0.4, 1] { #expect(Contiguity.proximity(base: base, major: false) == base) }
    }

    @Test("the lifted scale is at least the floor and the geography, and increasing in it")
    func properties() {
        var previous = -1.0
        for step in 0...1000 {
            let base = Double(step) / 1000
            let value = Contiguity.proximity(base: base, major: true)
            #expect(value >= 0.5 && value >= base && value <= 1)
            #expect(value >= previous)
            previous = value
        }
    }

    @Test("the table, the network's own lookup and the function agree for every ordered pair")
    func tableAgrees() throws {
        let network = try AllianceNetwork(
            states: [
                State(code: "A", capability: 0.3, major: true), State(code: "B", capability: 0.1),
                State(code: "C", capability: 0.2, major: true), State(code: "D", capability: 0.1),
            ],
            contiguity: [
                Contiguity(StateID(0), StateID(1), type: 4), Contiguity(StateID(1), StateID(2), type: 1),
                Contiguity(StateID(2), StateID(3), proximity: 0.3),
            ])
        let table = ProximityTable(network)
        for i in 0..<4 {
            for j in 0..<4 where i != j {
                let lookup = network.proximity(of: StateID(j), from: StateID(i))
                #expect(table.value(of: j, from: i) == lookup)
            }
        }
        // B sees the great power A across 150 miles of water at 0.667 (A sees B at the plain 0.4);
        // D sees A (no entry) at the reach 0.5, and C (explicit 0.3) above it.
        #expect(abs(network.proximity(of: StateID(0), from: StateID(1)) - 6.0 / 9) < 1e-15)
        #expect(network.proximity(of: StateID(1), from: StateID(0)) == 0.4)
        #expect(network.proximity(of: StateID(0), from: StateID(3)) == 0.5)
        #expect(abs(network.proximity(of: StateID(2), from: StateID(3)) - (0.5 + 0.5 * 0.2 / 0.9)) < 1e-15)
    }
}
