import Testing
@_spi(Internals) @testable import AllianceGraph
@_spi(Internals) @testable import AllianceGraphFormats
@testable import AllianceGraphRender

@Suite("Alliance network model")
struct AllianceNetworkTests {
    static func threeStates() -> [State] {
        [
            State(code: "AAA", capability: 0.3, major: true), State(code: "BBB", capability: 0.2),
            State(code: "CCC", capability: 0.05),
        ]
    }

    @Test("a symmetric commitment is two directed obligations with their own credibility")
    func obligations() throws {
        let network = try AllianceNetwork(
            states: Self.threeStates(),
            commitments: [
                .symmetric(.defense, StateID(0), StateID(1), credibility: 0.9, reverseCredibility: 0.4),
                .directed(.patronage, from: StateID(0), to: StateID(2)),
            ])
        #expect(
            network.obligations == [
                Obligation(kind: .defense, committed: StateID(0), partner: StateID(1), credibility: 0.9),
                Obligation(kind: .defense, committed: StateID(1), partner: StateID(0), credibility: 0.4),
                Obligation(kind: .patronage, committed: StateID(0), partner: StateID(2), credibility: 0.7),
            ])
    }

    @Test("validation names the field: self-ties, ids out of range, bad numbers, directed kinds")
    func validation() {
        let states = Self.threeStates()
        let cases: [(build: () throws(InputError) -> AllianceNetwork, path: String)] = [
            (
                { () throws(InputError) in
                    try AllianceNetwork(states: states, commitments: [.symmetric(.defense, StateID(1), StateID(1))])
                }, "commitments[0].between[1]"
            ),
            (
                { () throws(InputError) in
                    try AllianceNetwork(
                        states: states, commitments: [.directed(.offense, from: StateID(0), to: StateID(9))])
                }, "commitments[0].to"
            ),
            (
                { () throws(InputError) in
                    try AllianceNetwork(states: states, commitments: [.symmetric(.guarantee, StateID(0), StateID(1))])
                }, "commitments[0].between"
            ),
            (
                { () throws(InputError) in
                    try AllianceNetwork(
                        states: states, commitments: [.directed(.consultation, from: StateID(0), to: StateID(1))])
                }, "commitments[0].from"
            ),
            (
                { () throws(InputError) in
                    try AllianceNetwork(states: states, rivalries: [Rivalry(StateID(0), StateID(2), intensity: .nan)])
                }, "rivalries[0].intensity"
            ),
            (
                { () throws(InputError) in try AllianceNetwork(states: [State(code: "AAA", capability: -1)]) },
                "states[0].capability"
            ),
            (
                { () throws(InputError) in try AllianceNetwork(states: [State(code: "AAA", capability: 1, effort: 0)])
                },
                "states[0].effort"
            ),
            (
                { () throws(InputError) in try AllianceNetwork(states: [State(code: "A A", capability: 1)]) },
                "states[0].code"
            ),
            (
                { () throws(InputError) in
                    try AllianceNetwork(states: [State(code: "AAA", capability: 1, hawkishness: 2)])
                }, "states[0].hawkishness"
            ),
        ]
        for (build, path) in cases {
            do {
                _ = try build()
                Issue.record("expected an InputError at \(path); the network was accepted")
            } catch {
                #expect(error.location == path)
            }
        }
        #expect(throws: InputError.self) { try AllianceNetwork(states: []) }
    }

    @Test("proximity: contiguity types, the default, and the major-power floor")
    func proximity() throws {
        let network = try AllianceNetwork(
            states: Self.threeStates(),
            contiguity: [
                Contiguity(StateID(1), StateID(2), type: 4)
            ])
        #expect(network.proximity(of: StateID(2), from: StateID(1)) == 0.4)
        #expect(network.proximity(of: StateID(1), from: StateID(2)) == 0.4)
        #expect(network.proximity(of: StateID(2), from: StateID(0)) == 0.1)
        #expect(network.proximity(of: StateID(0), from: StateID(2)) == 0.5, "the major AAA reaches globally")
        #expect((1...5).map(Contiguity.proximity(forCOWType:)) == [1.0, 0.8, 0.6, 0.4, 0.2])
    }

    @Test("ties outside their years are dropped by inForce(in:)")
    func inForce() throws {
        let network = try AllianceNetwork(
            states: Self.threeStates(),
            commitments: [
                .symmetric(.defense, StateID(0), StateID(1), since: 1900, until: 1910),
                .symmetric(.defense, StateID(0), StateID(1), since: 1911),
            ], rivalries: [Rivalry(StateID(1), StateID(2), until: 1905)])
        #expect(network.inForce(in: 1905).commitments.count == 1)
        #expect(network.inForce(in: 1905).rivalries.count == 1)
        #expect(network.inForce(in: 1906).rivalries.isEmpty)
        #expect(network.inForce(in: 1899).commitments.isEmpty)
        #expect(network.inForce(in: nil) == network)
    }

    @Test("power is capability scaled by effort over its baseline")
    func power() {
        var state = State(code: "AAA", capability: 0.2, effort: 0.02)
        #expect(state.power == 0.2)
        state.effort = 0.03
        #expect(abs(state.power - 0.3) < 1e-15)
    }

    @Test("the seeded generator is reproducible and its streams differ")
    func seededRandom() {
        var a = SeededRandom(seed: 7), b = SeededRandom(seed: 7), c = SeededRandom(seed: 8)
        let xs = (0..<5).map { _ in a.next() }
        #expect(xs == (0..<5).map { _ in b.next() })
        #expect(xs != (0..<5).map { _ in c.next() })
        #expect(SeededRandom.derivedSeed(7, stream: 0) != SeededRandom.derivedSeed(7, stream: 1))
        var g = SeededRandom(seed: 1)
        let mean = (0..<20_000).map { _ in g.nextUnit() }.reduce(0, +) / 20_000
        #expect(abs(mean - 0.5) < 0.01)
    }
}
