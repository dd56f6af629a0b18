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
        var entries = keys.enumerated().map { SpellOverlap.Entry(key: $1, tag: 0, index: Int32($0)) }
        return SpellOverlap.first(&entries) { spells[$0] }
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
