/// Finding duplicate ties: entries with the same key whose years overlap.
///
/// `first` returns the entry a sequential check would stop at: the lowest index `p` that has an
/// earlier entry `q < p` with the same key and an overlapping spell, paired with the lowest such
/// `q`. Sorting (key, index) pairs instead of keeping per-key lists costs 16 bytes per entry and
/// O(E log E) time, so networks of millions of ties validate in bounded memory.
enum SpellOverlap {
    struct Entry: Comparable {
        var key: UInt64
        var tag: UInt32
        var index: Int32

        static func < (a: Entry, b: Entry) -> Bool {
            (a.key, a.tag, a.index) < (b.key, b.tag, b.index)
        }
    }

    /// The key of an unordered or ordered pair of ids.
    static func pairKey(_ a: StateID, _ b: StateID) -> UInt64 {
        UInt64(UInt32(truncatingIfNeeded: a.index)) << 32 | UInt64(UInt32(truncatingIfNeeded: b.index))
    }

    /// Sorts `entries` in place (no second copy of millions of entries).
    static func first(_ sorted: inout [Entry], spell: (Int) -> (since: Int?, until: Int?)) -> (index: Int, other: Int)?
    {
        sorted.sort()
        var best: (index: Int, other: Int)?
        var start = 0
        while start < sorted.count {
            var end = start + 1
            while end < sorted.count && sorted[end].key == sorted[start].key && sorted[end].tag == sorted[start].tag {
                end += 1
            }
            if end - start > 1 {
                groupLoop: for p in (start + 1)..<end {
                    let index = Int(sorted[p].index)
                    if let best, index >= best.index { break }
                    let (s2, u2) = spell(index)
                    for q in start..<p {
                        let other = Int(sorted[q].index)
                        let (s1, u1) = spell(other)
                        if AllianceNetwork.overlaps(s1, u1, s2, u2) {
                            best = (index, other)
                            break groupLoop
                        }
                    }
                }
            }
            start = end
        }
        return best
    }
}
