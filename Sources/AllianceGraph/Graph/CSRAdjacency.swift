#if canImport(Foundation)
    import Foundation
#endif

/// A compressed sparse row (CSR) adjacency: the only graph input of hot loops.
///
/// Row `i` lists the neighbours `targets[offsets[i] ..< offsets[i + 1]]` with the parallel
/// `weights`. Offsets and targets are `Int32` to halve memory traffic; the structure is validated
/// once on construction (offsets non-decreasing from 0 to the edge count, targets in range,
/// weights finite), so kernels may read it without bounds checks.
@_spi(Internals) public struct CSRAdjacency: Hashable, Sendable {
    public let vertexCount: Int
    public let offsets: [Int32]
    public let targets: [Int32]
    public let weights: [Double]

    /// Builds from arrays that already form a CSR, validating them. Throws when they don't.
    /// `weights` may be empty for an unweighted adjacency (`isWeighted` false): every arc then
    /// weighs 1 (`neighbours(of:)`, `rowSum`), and nothing reads 8 bytes per arc that say so.
    public init(vertexCount: Int, offsets: [Int32], targets: [Int32], weights: [Double]) throws(InputError) {
        guard vertexCount >= 0, vertexCount < Int(Int32.max), offsets.count == vertexCount + 1,
            offsets.first == 0, Int(offsets.last ?? -1) == targets.count,
            targets.count == weights.count || weights.isEmpty
        else {
            throw InputError("inconsistent CSR arrays (offsets, targets and weights don't match)")
        }
        for i in 0..<vertexCount where offsets[i] > offsets[i + 1] {
            throw InputError("CSR offsets decrease at row \(i)")
        }
        for t in targets where t < 0 || Int(t) >= vertexCount {
            throw InputError("CSR target \(t) is out of range 0..<\(vertexCount)")
        }
        for w in weights where !w.isFinite {
            throw InputError("CSR weight \(w) is not finite")
        }
        self.vertexCount = vertexCount
        self.offsets = offsets
        self.targets = targets
        self.weights = weights
    }

    /// Builds from directed weighted arcs `(source, target, weight)`. Rows are sorted by target;
    /// parallel arcs are merged with `merge` (default: keep the largest weight). O(E log E).
    public init(
        vertexCount: Int, arcs: [(source: Int, target: Int, weight: Double)],
        merge: (Double, Double) -> Double = { max($0, $1) }
    ) throws(InputError) {
        var sorted = arcs
        sorted.sort { ($0.source, $0.target) < ($1.source, $1.target) }
        var offsets = [Int32](repeating: 0, count: vertexCount + 1)
        var targets: [Int32] = []
        var weights: [Double] = []
        targets.reserveCapacity(sorted.count)
        weights.reserveCapacity(sorted.count)
        var lastSource = -1, lastTarget = -1
        for arc in sorted {
            guard (0..<vertexCount).contains(arc.source), (0..<vertexCount).contains(arc.target) else {
                throw InputError("arc \(arc.source) -> \(arc.target) is out of range 0..<\(vertexCount)")
            }
            if arc.source == lastSource && arc.target == lastTarget {
                weights[weights.count - 1] = merge(weights[weights.count - 1], arc.weight)
                continue
            }
            targets.append(Int32(arc.target))
            weights.append(arc.weight)
            offsets[arc.source + 1] += 1
            lastSource = arc.source
            lastTarget = arc.target
        }
        for i in 0..<vertexCount { offsets[i + 1] += offsets[i] }
        try self.init(vertexCount: vertexCount, offsets: offsets, targets: targets, weights: weights)
    }

    /// Builds from the directed weighted arcs that `arcs` emits as `(source, target, weight)`.
    /// `arcs` is called twice, once to count each row and once to fill it, so no list of all arcs
    /// is ever held: memory is the CSR itself (12 bytes per arc) plus one row while it is sorted.
    /// Rows are sorted by target and parallel arcs merged by their largest weight: the same CSR
    /// as `init(vertexCount:arcs:)` with the default merge. `arcs` must emit the same arcs both
    /// times. O(E + sum over rows of d log d).
    /// With `normalisingRows`, every row is then scaled to sum 1 in place, exactly as
    /// `rowNormalised()` does, without its copy of the weights.
    /// Graphs with at least this many arcs sort and merge their rows on every core.
    static let parallelArcMinimum = 1 << 18

    public init(
        vertexCount: Int, normalisingRows: Bool = false,
        emittingArcs arcs: (_ emit: (Int, Int, Double) -> Void) -> Void
    ) throws(InputError) {
        try self.init(
            vertexCount: vertexCount, normalisingRows: normalisingRows, parallelArcMinimum: Self.parallelArcMinimum,
            emittingArcs: arcs)
    }

    /// The same, with rows sorted on every core from `parallelArcMinimum` arcs (tests lower it).
    init(
        vertexCount: Int, normalisingRows: Bool, parallelArcMinimum: Int,
        emittingArcs arcs: (_ emit: (Int, Int, Double) -> Void) -> Void
    ) throws(InputError) {
        let rows = try Self.emittedRows(
            vertexCount: vertexCount, normalisingRows: normalisingRows, secondWeights: false,
            parallelArcMinimum: parallelArcMinimum
        ) { emit in
            withoutActuallyEscaping(emit) { emit in arcs { source, target, weight in emit(source, target, weight, 0) } }
        }
        try self.init(vertexCount: vertexCount, offsets: rows.offsets, targets: rows.targets, weights: rows.weights)
    }

    /// Rows built from emitted arcs, before validation: `weights` and, when asked for, a second
    /// weight per arc (`second`, empty otherwise), each merged over parallel arcs by its maximum.
    struct EmittedRows {
        var offsets: [Int32]
        var targets: [Int32]
        var weights: [Double]
        var second: [Double]
    }

    /// The rows of the directed arcs that `arcs` emits as `(source, target, weight, second)`:
    /// what `init(vertexCount:normalisingRows:emittingArcs:)` builds, with a second weight per arc
    /// carried beside the first when `secondWeights` is true (merged over parallel arcs by its own
    /// maximum, never normalised). One count pass and one fill pass over the arcs serve both
    /// weights: the threat model's partner rows carry the pledges of support and of entanglement
    /// this way (`ThreatModel.ties`) instead of building three CSRs.
    static func emittedRows(
        vertexCount: Int, normalisingRows: Bool, secondWeights: Bool, parallelArcMinimum: Int,
        emittingArcs arcs: (_ emit: (Int, Int, Double, Double) -> Void) -> Void
    ) throws(InputError) -> EmittedRows {
        // The passes write through buffer pointers: arrays captured by the closure were checked
        // for uniqueness at every write (a tenth of a 20-million-arc build).
        var counts = [Int](repeating: 0, count: vertexCount + 1)
        var outOfRange: (Int, Int)?
        counts.withUnsafeMutableBufferPointer { counts in
            arcs { source, target, _, _ in
                guard (0..<vertexCount).contains(source), (0..<vertexCount).contains(target) else {
                    if outOfRange == nil { outOfRange = (source, target) }
                    return
                }
                counts[source + 1] += 1
            }
        }
        if let (source, target) = outOfRange {
            throw InputError("arc \(source) -> \(target) is out of range 0..<\(vertexCount)")
        }
        for i in 0..<vertexCount { counts[i + 1] += counts[i] }
        let total = counts[vertexCount]
        guard total < Int(Int32.max) else { throw InputError("\(total) arcs are too many for a CSR (limit 2^31 - 1)") }
        var targets = [Int32](repeating: 0, count: total)
        var weights = [Double](repeating: 0, count: total)
        var second = [Double](repeating: 0, count: secondWeights ? total : 0)
        var fill = counts
        var mismatch = false
        counts.withUnsafeBufferPointer { counts in
            fill.withUnsafeMutableBufferPointer { fill in
                targets.withUnsafeMutableBufferPointer { targets in
                    weights.withUnsafeMutableBufferPointer { weights in
                        second.withUnsafeMutableBufferPointer { second in
                            arcs { source, target, weight, other in
                                guard (0..<vertexCount).contains(source), (0..<vertexCount).contains(target),
                                    fill[source] < counts[source + 1]
                                else { mismatch = true; return }
                                let k = fill[source]
                                targets[k] = Int32(target)
                                weights[k] = weight
                                if secondWeights { second[k] = other }
                                fill[source] = k + 1
                            }
                        }
                    }
                }
            }
        }
        if mismatch || fill.dropLast() != counts.dropFirst() {
            throw InputError("the arcs changed between the two passes of the CSR construction")
        }
        let lengths = Self.compactRows(
            counts: counts, targets: &targets, weights: &weights, second: &second, normalising: normalisingRows,
            parallelArcMinimum: parallelArcMinimum)
        var offsets = [Int32](repeating: 0, count: vertexCount + 1)
        for i in 0..<vertexCount { offsets[i + 1] = offsets[i] + lengths[i] }
        // The merged arcs' places are dropped without a copy (the arrays keep their capacity): a
        // copy held each array twice for a moment (up to 440 MB more at 10 million ties).
        let spare = total - Int(offsets[vertexCount])
        if spare > 0 {
            targets.removeLast(spare)
            weights.removeLast(spare)
            if secondWeights { second.removeLast(spare) }
        }
        return EmittedRows(offsets: offsets, targets: targets, weights: weights, second: second)
    }

    /// Sorts each row (`counts[i] ..< counts[i + 1]` of the arrays) by target and merges parallel
    /// arcs, compacting in place (normalising each row as it is written); returns each row's
    /// length. Large graphs split the rows into consecutive parts of about equal arc counts, one
    /// per core; each part compacts into the front of its own arcs, then the parts are moved
    /// together. Every row gets the same arithmetic either way.
    private static func compactRows(
        counts: [Int], targets: inout [Int32], weights: inout [Double], second: inout [Double], normalising: Bool,
        parallelArcMinimum: Int
    ) -> [Int32] {
        let vertexCount = counts.count - 1, total = counts[vertexCount]
        let partCount = total >= parallelArcMinimum ? max(1, min(ProcessorCount.active, 16)) : 1
        var boundaries = [0]
        for p in 1..<partCount {
            // The first row whose arcs start at or after p/partCount of the arcs.
            let goal = total * p / partCount
            var lo = boundaries[p - 1], hi = vertexCount
            while lo < hi {
                let mid = (lo + hi) / 2
                if counts[mid] < goal { lo = mid + 1 } else { hi = mid }
            }
            boundaries.append(lo)
        }
        boundaries.append(vertexCount)
        var lengths = [Int32](repeating: 0, count: vertexCount)
        var written = [Int](repeating: 0, count: partCount)
        counts.withUnsafeBufferPointer { counts in
            targets.withUnsafeMutableBufferPointer { targets in
                weights.withUnsafeMutableBufferPointer { weights in
                    second.withUnsafeMutableBufferPointer { second in
                        lengths.withUnsafeMutableBufferPointer { lengths in
                            written.withUnsafeMutableBufferPointer { written in
                                let job = RowCompaction(
                                    counts: counts, targets: targets, weights: weights, second: second,
                                    lengths: lengths, written: written, boundaries: boundaries,
                                    normalising: normalising)
                                if partCount == 1 {
                                    job.run(part: 0)
                                } else {
                                    DispatchQueue.concurrentPerform(iterations: partCount) { job.run(part: $0) }
                                }
                                job.moveParts()
                            }
                        }
                    }
                }
            }
        }
        return lengths
    }

    /// Number of stored arcs (an undirected edge counts twice).
    public var arcCount: Int { targets.count }

    /// False for an adjacency built without weights (every arc weighs 1, `weights` is empty).
    public var isWeighted: Bool { weights.count == targets.count }

    /// The weight of arc `k` (1 in an unweighted adjacency).
    private func weight(_ k: Int) -> Double { isWeighted ? weights[k] : 1 }

    /// The neighbours of `vertex` with their weights.
    public func neighbours(of vertex: Int) -> [(target: Int, weight: Double)] {
        (Int(offsets[vertex])..<Int(offsets[vertex + 1])).map { (Int(targets[$0]), weight($0)) }
    }

    /// The weight of the arc `source -> target`, nil when there is none, by binary search:
    /// rows must be sorted by target, as in every CSR built from arcs. O(log degree), no
    /// allocation (unlike `neighbours(of:)`).
    func sortedRowWeight(from source: Int, to target: Int) -> Double? {
        var lo = Int(offsets[source]), hi = Int(offsets[source + 1])
        let end = hi
        while lo < hi {
            let mid = (lo + hi) / 2
            if Int(targets[mid]) < target { lo = mid + 1 } else { hi = mid }
        }
        return lo < end && Int(targets[lo]) == target ? weight(lo) : nil
    }

    /// The sum of row `vertex`'s weights.
    public func rowSum(_ vertex: Int) -> Double {
        var sum = 0.0
        for k in Int(offsets[vertex])..<Int(offsets[vertex + 1]) { sum += weight(k) }
        return sum
    }

    /// The same structure with every row scaled to sum 1 (rows summing to 0 stay 0): the
    /// row-normalised matrix W of docs/MODEL.md section 2.
    public func rowNormalised() -> CSRAdjacency {
        var normalised = isWeighted ? weights : [Double](repeating: 1, count: arcCount)
        for i in 0..<vertexCount {
            let sum = rowSum(i)
            guard sum > 0 else { continue }
            for k in Int(offsets[i])..<Int(offsets[i + 1]) { normalised[k] /= sum }
        }
        return try! CSRAdjacency(vertexCount: vertexCount, offsets: offsets, targets: targets, weights: normalised)
    }
}

/// One part of `CSRAdjacency.emittedRows`'s row pass: the rows
/// `boundaries[part] ..< boundaries[part + 1]`, whose arcs start at `counts[first row]`, each sorted
/// by target with parallel arcs merged by their maximum (each weight by its own; the first divided
/// by the row's sum when `normalising`), written from the front of the part's own arcs. Parts
/// touch disjoint memory. `second` is empty when the rows carry one weight.
private struct RowCompaction: @unchecked Sendable {
    let counts: UnsafeBufferPointer<Int>
    let targets: UnsafeMutableBufferPointer<Int32>
    let weights: UnsafeMutableBufferPointer<Double>
    let second: UnsafeMutableBufferPointer<Double>
    let lengths: UnsafeMutableBufferPointer<Int32>
    let written: UnsafeMutableBufferPointer<Int>
    let boundaries: [Int]
    let normalising: Bool

    func run(part: Int) {
        let first = boundaries[part], last = boundaries[part + 1]
        let hasSecond = second.count > 0
        var row: [(target: Int32, weight: Double, second: Double)] = []
        var write = counts[first]
        for i in first..<last {
            let start = counts[i], end = counts[i + 1]
            row.removeAll(keepingCapacity: true)
            for k in start..<end { row.append((targets[k], weights[k], hasSecond ? second[k] : 0)) }
            row.sort { $0.target < $1.target }
            let rowStart = write
            var k = 0
            while k < row.count {
                var weight = row[k].weight, other = row[k].second
                let target = row[k].target
                var next = k + 1
                while next < row.count && row[next].target == target {
                    weight = max(weight, row[next].weight)
                    other = max(other, row[next].second)
                    next += 1
                }
                targets[write] = target
                weights[write] = weight
                if hasSecond { second[write] = other }
                write += 1
                k = next
            }
            if normalising {
                var sum = 0.0
                for k in rowStart..<write { sum += weights[k] }
                if sum > 0 { for k in rowStart..<write { weights[k] /= sum } }
            }
            lengths[i] = Int32(write - rowStart)
        }
        written[part] = write - counts[first]
    }

    /// After every part has run: each part's compacted arcs moved down to follow the previous
    /// parts' (in order).
    func moveParts() {
        var write = written[0]
        for p in 1..<max(1, boundaries.count - 1) {
            let from = counts[boundaries[p]], count = written[p]
            if from != write, count > 0 {
                memmove(targets.baseAddress! + write, targets.baseAddress! + from, count * 4)
                memmove(weights.baseAddress! + write, weights.baseAddress! + from, count * 8)
                if second.count > 0 { memmove(second.baseAddress! + write, second.baseAddress! + from, count * 8) }
            }
            write += count
        }
    }
}
