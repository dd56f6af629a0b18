/// Finding duplicate ties: entries with the same key whose years overlap.
///
/// `first` returns the entry a sequential check would stop at: the lowest index `p` that has an
/// earlier entry `q < p` with the same key and an overlapping spell, paired with the lowest such
/// `q`. Sorting (key, index) pairs instead of keeping per-key lists costs 16 bytes per entry and
/// O(E log E) time, so networks of millions of ties validate in bounded memory. Within a group of
/// one key, entries are taken in index order and checked against those before them with a
/// prefix-maximum tree over their start years (`firstInGroup`): O(g log g) for g spells of one
/// pair, where comparing every pair took 22 s for 120,000 yearly spells.
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
            if end - start > 1, let found = firstInGroup(sorted[start..<end], before: best?.index, spell: spell) {
                best = found
            }
            start = end
        }
        return best
    }

    /// The lowest index p in `group` (entries of one key, in index order) below `limit` that has
    /// an earlier entry q overlapping it, with the lowest such q.
    ///
    /// Entries are added in index order to a Fenwick tree of prefix maxima over their start
    /// years (open starts first): the entries started by year u that end latest overlap
    /// [s, u] exactly when that latest end is at least s.
    static func firstInGroup(
        _ group: ArraySlice<Entry>, before limit: Int?, spell: (Int) -> (since: Int?, until: Int?)
    ) -> (index: Int, other: Int)? {
        let spells = group.map { entry -> (start: Int, end: Int, index: Int) in
            let (since, until) = spell(Int(entry.index))
            return (since ?? Int.min, until ?? Int.max, Int(entry.index))
        }
        let starts = Array(Set(spells.map(\.start))).sorted()
        var tree = [Int](repeating: Int.min, count: starts.count + 1)
        /// Positions 1...k hold the starts up to starts[k - 1].
        func position(ofStartsUpTo year: Int) -> Int {
            var low = 0, high = starts.count
            while low < high {
                let middle = (low + high) / 2
                if starts[middle] <= year { low = middle + 1 } else { high = middle }
            }
            return low
        }
        for (k, entry) in spells.enumerated() {
            if let limit, entry.index >= limit { return nil }
            if k > 0 {
                var latest = Int.min
                var i = position(ofStartsUpTo: entry.end)
                while i > 0 {
                    latest = max(latest, tree[i])
                    i -= i & -i
                }
                if latest >= entry.start {
                    // Found p; the lowest q is found by one pass over the earlier entries.
                    for other in spells[..<k] where other.start <= entry.end && entry.start <= other.end {
                        return (entry.index, other.index)
                    }
                }
            }
            var i = position(ofStartsUpTo: entry.start)
            while i < tree.count {
                tree[i] = max(tree[i], entry.end)
                i += i & -i
            }
        }
        return nil
    }
}
