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

    /// The first duplicate among `count` ties, where `entry(i)` gives tie i's key and tag (ties
    /// of one key and tag are compared by their spells). The entries are built straight into
    /// their sorted places: bucketed by the key's high 32 bits, a state id below `states` (a
    /// counting sort, stable, so each bucket is in index order), and each bucket sorted by
    /// (key, tag, index): O(E) for a state's handful of ties. When a key's high half is not below
    /// `states` (ids not yet validated), the entries are sorted by comparison instead. Memory: 16
    /// bytes per entry and 8 per state.
    static func first(
        count: Int, states: Int, entry: (Int) -> (key: UInt64, tag: UInt32),
        spell: (Int) -> (since: Int?, until: Int?)
    ) -> (index: Int, other: Int)? {
        var sorted = sortedEntries(count: count, states: states, entry: entry)
        return first(sorted: &sorted, spell: spell)
    }

    /// The entries sorted by (key, tag, index), as `first(count:states:entry:spell:)` describes.
    static func sortedEntries(count: Int, states: Int, entry: (Int) -> (key: UInt64, tag: UInt32)) -> [Entry] {
        func comparisonSorted() -> [Entry] {
            var entries = (0..<count).map { index in
                let (key, tag) = entry(index)
                return Entry(key: key, tag: tag, index: Int32(truncatingIfNeeded: index))
            }
            entries.sort()
            return entries
        }
        guard count > 64, states > 0 else { return comparisonSorted() }
        let buckets = states
        var next = [Int](repeating: 0, count: buckets + 1)
        for index in 0..<count {
            let high = entry(index).key >> 32
            guard high < UInt64(buckets) else { return comparisonSorted() }
            next[Int(high) + 1] += 1
        }
        for b in 0..<buckets { next[b + 1] += next[b] }
        let starts = next
        let entries = [Entry](unsafeUninitializedCapacity: count) { buffer, initialized in
            for index in 0..<count {
                let (key, tag) = entry(index)
                let b = Int(key >> 32)
                (buffer.baseAddress! + next[b]).initialize(to: Entry(key: key, tag: tag, index: Int32(index)))
                next[b] += 1
            }
            initialized = count
            for b in 0..<buckets where starts[b + 1] - starts[b] > 1 {
                var bucket = UnsafeMutableBufferPointer(rebasing: buffer[starts[b]..<starts[b + 1]])
                if bucket.count <= 24 {
                    // Insertion sort: buckets hold a state's ties, a handful on average.
                    for i in 1..<bucket.count {
                        let item = bucket[i]
                        var j = i
                        while j > 0 && item < bucket[j - 1] {
                            bucket[j] = bucket[j - 1]
                            j -= 1
                        }
                        bucket[j] = item
                    }
                } else {
                    bucket.sort()
                }
            }
        }
        return entries
    }

    /// The first duplicate among entries already sorted by (key, tag, index).
    static func first(sorted: inout [Entry], spell: (Int) -> (since: Int?, until: Int?)) -> (index: Int, other: Int)? {
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
