import Testing
@_spi(Internals) @testable import AllianceGraph

/// Duplicate ties with overlapping spells: the O(g log g) search per pair gives what comparing
/// every pair gives (issue 19: 120,000 spells of one pair took 22 s).
@Suite("Spell overlap search")
struct SpellOverlapTests {
    typealias Spell = (since: Int?, until: Int?)

    /// The lowest p with an earlier overlapping q of the same key, with the lowest such q.
    static func naive(keys: [UInt64], spells: [Spell]) -> (index: Int, other: Int)? {
        for p in 0..<keys.count {
            for q in 0..<p where keys[q] == keys[p] {
                if AllianceNetwork.overlaps(spells[q].since, spells[q].until, spells[p].since, spells[p].until) {
                    return (p, q)
                }
            }
        }
        return nil
    }

    static func search(keys: [UInt64], spells: [Spell]) -> (index: Int, other: Int)? {
        let states = Int(keys.map { $0 >> 32 }.max() ?? 0) + 1
        return SpellOverlap.first(count: keys.count, states: states) {
            (keys[$0], 0)
        } spell: {
            spells[$0]
        }
    }

    @Test("the search agrees with comparing every pair on random spells", arguments: 0..<200)
    func agreesWithNaive(seed: Int) {
        var random = SeededRandom(seed: UInt64(seed))
        let count = 1 + Int(random.next() % 40)
        let keyCount = 1 + random.next() % 4
        var keys: [UInt64] = []
        var spells: [Spell] = []
        for _ in 0..<count {
            keys.append(random.next() % keyCount)
            let since = random.next() % 5 == 0 ? nil : 1900 + Int(random.next() % 60)
            let until = random.next() % 5 == 0 ? nil : (since ?? 1900) + Int(random.next() % 8)
            spells.append((since, until))
        }
        let expected = Self.naive(keys: keys, spells: spells)
        let found = Self.search(keys: keys, spells: spells)
        #expect(found?.index == expected?.index && found?.other == expected?.other, "seed \(seed)")
    }

    @Test(
        "networks of states: pair keys bucketed by their first state agree with comparing every pair",
        arguments: 0..<60)
    func bucketedPairKeys(seed: Int) {
        var random = SeededRandom(seed: UInt64(1000 + seed))
        let count = 65 + Int(random.next() % 600)
        let states = 2 + random.next() % UInt64(seed % 2 == 0 ? 12 : 200)
        var keys: [UInt64] = []
        var spells: [Spell] = []
        for _ in 0..<count {
            keys.append((random.next() % states) << 32 | random.next() % states)
            let since = random.next() % 5 == 0 ? nil : 1900 + Int(random.next() % 60)
            spells.append((since, since.map { $0 + Int(random.next() % 4) }))
        }
        let expected = Self.naive(keys: keys, spells: spells)
        let found = Self.search(keys: keys, spells: spells)
        #expect(found?.index == expected?.index && found?.other == expected?.other, "seed \(seed)")
        // The bucketed order is the comparison sort's order.
        let reference = (0..<count).map { SpellOverlap.Entry(key: keys[$0], tag: UInt32($0 % 3), index: Int32($0)) }
            .sorted()
        // Bucketed (every first state below the bound) and by comparison (a bound too small).
        for bound in [Int(states), Int(states) - 1] {
            let sorted = SpellOverlap.sortedEntries(count: count, states: bound) { (keys[$0], UInt32($0 % 3)) }
            #expect(sorted == reference, "seed \(seed), bound \(bound)")
        }
    }

    @Test("120,000 yearly spells of one pair: none overlap; one more overlapping the first is found")
    func manySpellsOfOnePair() {
        var spells: [Spell] = (0..<120_000).map { (since: $0, until: $0) }
        var keys = [UInt64](repeating: 7, count: spells.count)
        #expect(Self.search(keys: keys, spells: spells) == nil)
        spells.append((since: 0, until: 0))
        keys.append(7)
        let found = Self.search(keys: keys, spells: spells)
        #expect(found?.index == 120_000 && found?.other == 0)
    }
}
