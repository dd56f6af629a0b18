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

/// Networks of at least `AllianceNetwork.parallelValidationMinimum` states and ties search their
/// duplicate ties on one core while the other checks the fields; the error must still be the one
/// a check in order (states, then each commitment's fields before its duplicate test, then
/// rivalries and contiguity) meets first.
@Suite("Alliance network validation on two cores")
struct ParallelValidationTests {
    static let stateCount = 60_000
    static let commitmentCount = 50_000

    static func states() -> [State] {
        (0..<stateCount).map { State(code: "S\($0)", capability: 1e-3) }
    }

    /// Commitment k joins k and k + 1 + k % 7: no two share a pair and kind.
    static func commitments() -> [Commitment] {
        (0..<commitmentCount).map { k in
            .symmetric(.defense, StateID(k), StateID((k + 1 + k % 7) % stateCount), credibility: 0.8)
        }
    }

    /// The error of `AllianceNetwork(...)` and of `validate()` on the same arrays set after a
    /// valid start; both must agree.
    static func errors(
        states: [State], commitments: [Commitment], rivalries: [Rivalry] = []
    ) throws -> (initialiser: InputError?, validate: InputError?) {
        #expect(states.count + commitments.count >= AllianceNetwork.parallelValidationMinimum)
        var initialiser: InputError?
        do { _ = try AllianceNetwork(states: states, commitments: commitments, rivalries: rivalries) } catch {
            initialiser = error
        }
        var network = try AllianceNetwork(states: Self.states(), commitments: Self.commitments())
        network.states = states
        network.commitments = commitments
        network.rivalries = rivalries
        var validate: InputError?
        do { try network.validate() } catch { validate = error }
        return (initialiser, validate)
    }

    static func expectError(
        states: [State] = states(), commitments: [Commitment], rivalries: [Rivalry] = [], at location: String,
        containing text: String
    ) throws {
        let (initialiser, validate) = try errors(states: states, commitments: commitments, rivalries: rivalries)
        for error in [initialiser, validate] {
            #expect(error?.location == location, "\(String(describing: error))")
            #expect(error?.message.contains(text) == true, "\(String(describing: error))")
        }
    }

    @Test("a valid large network passes both ways")
    func valid() throws {
        let (initialiser, validate) = try Self.errors(states: Self.states(), commitments: Self.commitments())
        #expect(initialiser == nil && validate == nil)
    }

    @Test("a field error before a duplicate is reported, and a duplicate before a field error")
    func fieldAndDuplicateOrder() throws {
        var commitments = Self.commitments()
        commitments[40_000] = commitments[10]
        commitments[30_000] = .symmetric(.defense, StateID(30_000), StateID(30_001), credibility: 2)
        try Self.expectError(commitments: commitments, at: "commitments[30000].credibility", containing: "out of range")

        commitments = Self.commitments()
        commitments[20_000] = commitments[3]
        commitments[45_000] = .symmetric(.defense, StateID(45_000), StateID(45_000))
        try Self.expectError(
            commitments: commitments, at: "commitments[20000]", containing: "same as commitments[3]")
    }

    @Test("at one index the field error comes before the duplicate test")
    func sameIndex() throws {
        var commitments = Self.commitments()
        let original = commitments[5]
        commitments[25_000] = .symmetric(.defense, original.pair.low, original.pair.high, credibility: 1.5)
        try Self.expectError(commitments: commitments, at: "commitments[25000].credibility", containing: "out of range")
    }

    @Test("states come before commitments, commitments before rivalries")
    func partOrder() throws {
        var states = Self.states()
        states[59_999] = State(code: "S59999", capability: -1)
        var commitments = Self.commitments()
        commitments[0] = commitments[1]
        try Self.expectError(
            states: states, commitments: commitments, at: "states[59999].capability", containing: "out of range")

        let rivalries = [Rivalry(StateID(0), StateID(1), intensity: 2)]
        commitments = Self.commitments()
        commitments[49_999] = commitments[49_998]
        try Self.expectError(
            commitments: commitments, rivalries: rivalries, at: "commitments[49999]", containing: "duplicate defense")
    }
}
