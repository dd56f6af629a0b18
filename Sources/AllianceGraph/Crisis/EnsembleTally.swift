/// One worker's running tally of the per-run war sizes of a crisis ensemble: the distributions
/// are aggregated as the runs finish, so an ensemble's memory does not grow with its number of
/// runs (10^9 runs take the same few MiB as 10^3).
///
/// The belligerent counts (side A, side B, both) and the last step are integers bounded by N and
/// by `CrisisOptions.maxSteps`, counted in histograms (`N + 1` and `maxSteps + 1` slots): their
/// means, minima, maxima and quantiles are exact, the same as from the stored runs. The three
/// capability shares (`ShareCounts`) are counted by exact value while the ensemble has at most
/// `ShareCounts.limit` distinct values of a share, which keeps their quantiles exact; past that
/// the share is counted in `ShareCounts.binCount` bins over [0, 1]. Whether a share is binned
/// depends only on the set of values, never on which worker saw which, so the merged result is
/// identical for any worker count.
///
/// A plain struct over raw storage, owned by one worker (no class, so no dynamic exclusivity
/// checks per run); `release()` frees it.
struct EnsembleTally {
    let stateCount: Int
    let maxSteps: Int
    /// Histograms, one after the other: states on side A, on side B, on both (`stateCount + 1`
    /// slots each), last step (`maxSteps + 1` slots). Slot k counts runs with value k.
    let counts: UnsafeMutablePointer<Int>
    var shareA = ShareCounts()
    var shareB = ShareCounts()
    var shareTotal = ShareCounts()

    /// Slots of `counts`: 3 (N + 1) + maxSteps + 1.
    static func histogramSlots(stateCount n: Int, maxSteps: Int) -> Int { 3 * (n + 1) + maxSteps + 1 }

    init(stateCount: Int, maxSteps: Int) {
        self.stateCount = stateCount
        self.maxSteps = maxSteps
        let size = Self.histogramSlots(stateCount: stateCount, maxSteps: maxSteps)
        counts = .allocate(capacity: size)
        counts.initialize(repeating: 0, count: size)
    }

    /// Frees the storage (once, by the owner).
    mutating func release() {
        counts.deallocate()
        shareA.release()
        shareB.release()
        shareTotal.release()
    }

    /// The most a tally can hold, in bytes, for the memory check: the histograms and three share
    /// counts at their largest (`ShareCounts.maximumBytes`). It does not depend on the runs.
    static func maximumBytes(stateCount: Int, maxSteps: Int) -> Int {
        8 * histogramSlots(stateCount: stateCount, maxSteps: maxSteps) + 3 * ShareCounts.maximumBytes
    }

    /// Counts one run: `statesA`, `statesB` belligerents on each side, capability shares `a`
    /// and `b` of the sides (NaN when the network has no capability), last step `steps`.
    @inline(__always)
    mutating func add(statesA: Int32, statesB: Int32, shareA a: Double, shareB b: Double, steps: Int32) {
        let n1 = stateCount + 1
        counts[Int(statesA)] += 1
        counts[n1 + Int(statesB)] += 1
        counts[2 * n1 + Int(statesA) + Int(statesB)] += 1
        counts[3 * n1 + Int(steps)] += 1
        shareA.add(a)
        shareB.add(b)
        shareTotal.add(a + b)
    }

    /// The merged tallies of all workers.
    struct Merged {
        /// In the order of `CrisisEnsembleResult.warSizeNames`.
        var summaries: [DistributionSummary]
        /// Runs by total number of belligerents (`N + 1` slots).
        var histogram: [Int]
        /// True when any capability share was binned (more than `ShareCounts.limit` values).
        var binned: Bool
    }

    /// The war-size summaries and the histogram of belligerents of `tallies` together. Integer
    /// counts are added, so the order of the tallies does not matter.
    static func merge(_ tallies: [EnsembleTally], stateCount n: Int, maxSteps: Int) -> Merged {
        let n1 = n + 1
        var merged = [Int](repeating: 0, count: histogramSlots(stateCount: n, maxSteps: maxSteps))
        for tally in tallies {
            for i in merged.indices { merged[i] += tally.counts[i] }
        }
        func integers(_ start: Int, _ size: Int) -> DistributionSummary {
            var pairs: [(value: Double, count: Int)] = []
            for k in 0..<size where merged[start + k] > 0 { pairs.append((Double(k), merged[start + k])) }
            return DistributionSummary(counts: pairs)
        }
        let total = ShareCounts.merge(tallies.map(\.shareTotal))
        let a = ShareCounts.merge(tallies.map(\.shareA))
        let b = ShareCounts.merge(tallies.map(\.shareB))
        let summaries = [
            integers(2 * n1, n1), integers(0, n1), integers(n1, n1), total, a, b, integers(3 * n1, maxSteps + 1),
        ]
        let binned = [total, a, b].contains(where: \.approximate)
        return Merged(summaries: summaries, histogram: Array(merged[(2 * n1)..<(3 * n1)]), binned: binned)
    }
}

/// Counts of capability shares (Doubles in [0, 1]) by exact value: an open-addressing table keyed
/// by bit pattern that doubles as it fills, up to `limit` distinct values; when a new value would
/// pass that, every count moves into `binCount` equal bins over [0, 1] (bin k holds
/// [k / binCount, (k + 1) / binCount); 1 goes to the last bin). Kept exactly besides, in any
/// mode: the minimum, the maximum, and the sum in fixed point (`fixedSum`), from which the mean
/// is taken. NaN (a network without capability) is counted apart.
package struct ShareCounts {
    /// Distinct values kept exactly, per worker and for the merged ensemble.
    package static let limit = 1 << 16
    /// Bins over [0, 1] once the distinct values pass `limit`; half a bin is 2^-18 (3.8e-6).
    package static let binCount = 1 << 17
    /// The largest a table gets (2 x limit slots of a key and a count) plus the bins it is moved
    /// into: 3 MiB.
    static let maximumBytes = 2 * limit * 16 + binCount * 8
    /// The fixed-point unit of `fixedSum`: 2^-63, so a share in [0, 2) fits a UInt64.
    static let fixedScale = 0x1p63

    private var keys: UnsafeMutablePointer<UInt64>?
    /// Count of the value in the same slot of `keys`; 0 marks an empty slot.
    private var slots: UnsafeMutablePointer<Int>?
    private var capacity = 0
    private(set) var entries = 0
    /// Non-nil once binned.
    private(set) var bins: UnsafeMutablePointer<Int>?
    /// Values counted (NaN apart).
    private(set) var count = 0
    private(set) var nanCount = 0
    /// Σ round(v · 2^63) over the values: exact integer addition, so the same in any order.
    /// A share of at least 2^-11 is a multiple of 2^-63, hence exact; below that the rounding
    /// is at most 2^-64 per value.
    private(set) var fixedSum: UInt128 = 0
    private(set) var minimum = Double.infinity
    private(set) var maximum = -Double.infinity
    /// The slot of the last value added (runs often repeat the most common outcome).
    private var last = -1

    @inline(__always)
    mutating func add(_ value: Double) {
        if value.isNaN {
            nanCount += 1
            return
        }
        count += 1
        fixedSum &+= UInt128(UInt64((min(max(value, 0), 1.5) * Self.fixedScale).rounded()))
        if value < minimum { minimum = value }
        if value > maximum { maximum = value }
        if let bins {
            bins[Self.bin(value)] += 1
            return
        }
        let key = value.bitPattern
        if last >= 0, keys![last] == key {
            slots![last] += 1
            return
        }
        if entries * 2 >= capacity && entries < Self.limit { grow() }
        let mask = capacity - 1
        var i = Self.hash(key) & mask
        while slots![i] != 0 && keys![i] != key { i = (i + 1) & mask }
        if slots![i] == 0 {
            // A new value: past `limit` distinct values, everything goes into the bins.
            if entries >= Self.limit {
                moveToBins()
                bins![Self.bin(value)] += 1
                return
            }
            keys![i] = key
            entries += 1
        }
        slots![i] += 1
        last = i
    }

    @inline(__always)
    static func hash(_ key: UInt64) -> Int { Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) }

    /// The bin of a share: floor(v · binCount), clamped to the bins.
    @inline(__always)
    static func bin(_ value: Double) -> Int { value <= 0 ? 0 : min(binCount - 1, Int(value * Double(binCount))) }

    /// Doubles the table (from 256 slots), which stays at most half full until `limit` entries.
    private mutating func grow() {
        let old = (keys, slots, capacity)
        capacity = max(256, capacity * 2)
        keys = .allocate(capacity: capacity)
        slots = .allocate(capacity: capacity)
        slots!.initialize(repeating: 0, count: capacity)
        last = -1
        guard let oldKeys = old.0, let oldSlots = old.1 else { return }
        let mask = capacity - 1
        for j in 0..<old.2 where oldSlots[j] != 0 {
            var i = Self.hash(oldKeys[j]) & mask
            while slots![i] != 0 { i = (i + 1) & mask }
            keys![i] = oldKeys[j]
            slots![i] = oldSlots[j]
        }
        oldKeys.deallocate()
        oldSlots.deallocate()
    }

    private mutating func moveToBins() {
        let bins = UnsafeMutablePointer<Int>.allocate(capacity: Self.binCount)
        bins.initialize(repeating: 0, count: Self.binCount)
        forEach { value, count in bins[Self.bin(value)] += count }
        releaseTable()
        self.bins = bins
    }

    /// Calls `body` with each exact value and its count (in table order).
    func forEach(_ body: (Double, Int) -> Void) {
        guard let keys, let slots else { return }
        for i in 0..<capacity where slots[i] != 0 { body(Double(bitPattern: keys[i]), slots[i]) }
    }

    private mutating func releaseTable() {
        keys?.deallocate()
        slots?.deallocate()
        keys = nil
        slots = nil
        capacity = 0
        entries = 0
        last = -1
    }

    /// Frees the storage (once, by the owner).
    mutating func release() {
        releaseTable()
        bins?.deallocate()
        bins = nil
    }

    /// The summary of `parts` together. Exact values while the ensemble has at most `limit` of
    /// them (no part was binned and the union is no larger): the same as the summary of the
    /// stored runs, except that the mean is Σ v / n from `fixedSum` (correctly rounded up to the
    /// fixed point) and the standard deviation sums c (v - mean)^2 in ascending order of v.
    /// Otherwise from the bins (`DistributionSummary.approximate` set): exact count, mean,
    /// minimum and maximum; quantiles at bin midpoints clamped to [minimum, maximum], within half
    /// a bin (2^-18, 3.8e-6) of the exact ones; the standard deviation from the midpoints. Any
    /// NaN makes every statistic NaN, as in the stored-runs summary.
    static func merge(_ parts: [ShareCounts]) -> DistributionSummary {
        let nan = parts.reduce(0) { $0 + $1.nanCount }
        let count = parts.reduce(0) { $0 + $1.count }
        if nan > 0 { return DistributionSummary(counts: [(.nan, nan + count)]) }
        guard count > 0 else { return DistributionSummary(counts: []) }
        let sum = parts.reduce(UInt128(0)) { $0 &+ $1.fixedSum }
        let mean = fixedMean(sum, count: count)
        let minimum = parts.map(\.minimum).min()!, maximum = parts.map(\.maximum).max()!
        var exact: [UInt64: Int] = [:]
        var binned = parts.contains { $0.bins != nil }
        if !binned {
            for part in parts {
                part.forEach { value, count in exact[value.bitPattern, default: 0] += count }
                if exact.count > limit {
                    binned = true
                    break
                }
            }
        }
        if !binned {
            let pairs = exact.map { (value: Double(bitPattern: $0.key), count: $0.value) }
            return DistributionSummary(counts: pairs.sorted { $0.value < $1.value }, mean: mean)
        }
        var bins = [Int](repeating: 0, count: binCount)
        for part in parts {
            part.forEach { value, count in bins[bin(value)] += count }
            if let partBins = part.bins { for k in 0..<binCount { bins[k] += partBins[k] } }
        }
        var pairs: [(value: Double, count: Int)] = []
        for k in 0..<binCount where bins[k] > 0 {
            pairs.append((min(max((Double(k) + 0.5) / Double(binCount), minimum), maximum), bins[k]))
        }
        var summary = DistributionSummary(counts: pairs, mean: mean)
        summary.minimum = minimum
        summary.maximum = maximum
        summary.approximate = true
        return summary
    }

    /// Σ / (count · 2^63) for a fixed-point sum: the integer quotient and the remainder are
    /// exact, so the only roundings are those of the quotient (64 bits into 53) and of the
    /// final sum and scaling; n equal values v >= 2^-11 give exactly v.
    static func fixedMean(_ sum: UInt128, count: Int) -> Double {
        let n = UInt128(count)
        let quotient = sum / n, remainder = sum % n
        return (Double(quotient) + Double(remainder) / Double(count)) / fixedScale
    }
}
