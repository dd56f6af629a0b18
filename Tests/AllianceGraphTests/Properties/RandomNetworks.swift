import Foundation
@_spi(Internals) @testable import AllianceGraph
@_spi(Internals) @testable import AllianceGraphFormats
@testable import AllianceGraphRender

/// Seeded random networks for the property tests: every draw comes from `SeededRandom`, so a
/// failing seed reproduces exactly (the seed is in each test's message).
enum RandomNetworks {
    /// The seeds every property runs over (more with ALLIANCEGRAPH_PROPERTY_SEEDS=N).
    static let seeds: [UInt64] = {
        let count = ProcessInfo.processInfo.environment["ALLIANCEGRAPH_PROPERTY_SEEDS"].flatMap(Int.init) ?? 24
        return (1...UInt64(max(1, count))).map { $0 }
    }()

    /// A network of 2 to `maxStates` states with random capabilities, efforts, major powers,
    /// symmetric and directed commitments of every kind, rivalries and contiguity. Isolated
    /// states and several components happen often.
    static func network(seed: UInt64, maxStates: Int = 14) -> AllianceNetwork {
        var random = SeededRandom(seed: seed)
        func uniform(_ range: ClosedRange<Double>) -> Double {
            range.lowerBound + random.nextUnit() * (range.upperBound - range.lowerBound)
        }
        func index(_ n: Int) -> Int { Int(random.next() % UInt64(n)) }
        let n = 2 + index(maxStates - 1)
        let states = (0..<n).map { k in
            State(
                code: "S\(k)", capability: uniform(0.01...1), effort: uniform(0.01...0.08),
                major: random.nextUnit() < 0.2,
                hawkishness: uniform(0...1), intent: uniform(0...0.5))
        }
        var used = Set<StatePair>()
        var commitments: [Commitment] = [], rivalries: [Rivalry] = [], contiguity: [Contiguity] = []
        let ties = index(2 * n + 1)
        for _ in 0..<ties {
            let a = index(n), b = index(n)
            guard a != b, used.insert(StatePair(StateID(a), StateID(b))).inserted else { continue }
            switch index(6) {
            case 0: rivalries.append(Rivalry(StateID(a), StateID(b), intensity: uniform(0.1...1)))
            case 1:
                commitments.append(
                    .directed(.guarantee, from: StateID(a), to: StateID(b), credibility: uniform(0.1...1)))
            case 2: commitments.append(.symmetric(.consultation, StateID(a), StateID(b), credibility: uniform(0.1...1)))
            case 3: commitments.append(.symmetric(.offense, StateID(a), StateID(b), credibility: uniform(0.1...1)))
            default:
                commitments.append(
                    .symmetric(
                        .defense, StateID(a), StateID(b), credibility: uniform(0.1...1),
                        reverseCredibility: uniform(0.1...1)))
            }
            if random.nextUnit() < 0.5 { contiguity.append(Contiguity(StateID(a), StateID(b), type: 1 + index(5))) }
        }
        // The draws above are valid by construction; a failure here is a bug in this generator.
        do {
            return try AllianceNetwork(
                states: states, commitments: commitments, rivalries: rivalries, contiguity: contiguity)
        } catch {
            preconditionFailure("seed \(seed): generated an invalid network: \(error)")
        }
    }

    /// `network` with its states in the order `permutation` (new position k holds old state
    /// permutation[k]); every tie is renumbered, codes travel with their states.
    static func relabelled(_ network: AllianceNetwork, _ permutation: [Int]) -> AllianceNetwork {
        var newIndex = [Int](repeating: 0, count: permutation.count)
        for (k, old) in permutation.enumerated() { newIndex[old] = k }
        func id(_ old: StateID) -> StateID { StateID(newIndex[old.index]) }
        let commitments = network.commitments.map { c in
            Commitment(
                kind: c.kind, from: id(c.from), to: id(c.to), isSymmetric: c.isSymmetric, credibility: c.credibility,
                reverseCredibility: c.reverseCredibility, since: c.since, until: c.until, note: c.note)
        }
        let rivalries = network.rivalries.map { Rivalry(id($0.pair.low), id($0.pair.high), intensity: $0.intensity) }
        let contiguity = network.contiguity.map { entry -> Contiguity in
            switch entry.kind {
            case .cowType(let type): return Contiguity(id(entry.pair.low), id(entry.pair.high), type: type)
            case .proximity(let value): return Contiguity(id(entry.pair.low), id(entry.pair.high), proximity: value)
            }
        }
        do {
            return try AllianceNetwork(
                states: permutation.map { network.states[$0] }, commitments: commitments,
                rivalries: rivalries, contiguity: contiguity)
        } catch {
            preconditionFailure("relabelling produced an invalid network: \(error)")
        }
    }

    /// A random permutation of 0..<n (Fisher-Yates).
    static func permutation(_ n: Int, seed: UInt64) -> [Int] {
        var random = SeededRandom(seed: SeededRandom.derivedSeed(seed, stream: 77))
        var order = Array(0..<n)
        for k in stride(from: n - 1, to: 0, by: -1) { order.swapAt(k, Int(random.next() % UInt64(k + 1))) }
        return order
    }

    /// Whether two metric values agree to a relative tolerance (NaN agrees with NaN).
    static func close(_ a: Double, _ b: Double, tolerance: Double = 1e-9) -> Bool {
        if a.isNaN || b.isNaN { return a.isNaN && b.isNaN }
        if a.isInfinite || b.isInfinite { return a == b }
        return abs(a - b) <= tolerance * max(1, abs(a), abs(b))
    }
}
