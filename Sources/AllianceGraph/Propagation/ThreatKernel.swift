import CPropagationKernels
import Dispatch

/// The propagation kernel of docs/MODEL.md section 2: `T = D + alpha W T` by Jacobi iteration over a
/// CSR snapshot, with one column per threat source.
///
/// `T` and `D` are row-major `N x C` blocks (C = number of sources), so a state's row is
/// contiguous. One pass computes, for every row i and column c,
/// `s = sum_k W[i, k] * T[k, c]` (arcs in CSR order, starting from 0), then
/// `T'[i, c] = D[i, c] + alpha * s`, and returns the largest `|T'[i, c] - T[i, c]|`.
/// Every path below does exactly this arithmetic in this order, so all of them give bitwise the
/// same T (and the same change, hence the same number of passes):
/// - `referenceRows`: the plain scalar loops, the oracle of the tests;
/// - `singleColumnRows`: C = 1, the CSR SpMV loop with the running arc index;
/// - `blockedRows`: C >= 2, SIMD across sources: the row is cut into blocks of 16, 8, 4, 2 and 1
///   columns, each accumulated in registers over the row's arcs (two `SIMD8<Double>` for 16);
/// - the parallel pass: rows split into contiguous ranges of about equal cost (arcs + rows), one per
///   worker; rows are independent in a Jacobi pass, and the largest change is the maximum of the
///   per-worker maxima, which does not depend on the split.
///
/// Stopping: the largest change of a pass must be below `tolerance` and so must the a-posteriori
/// error bound `change * alpha / (1 - alpha)` (W's rows sum to at most 1, so `||alpha W|| <= alpha`);
/// the returned T is then within `tolerance` of `(I - alpha W)^-1 D` entrywise. One pass costs
/// O(arcs x C + N x C); a pass reads only the buffers handed in, allocates nothing and retains
/// nothing. Iteration stops when the largest absolute change falls below that limit or after
/// `maxIterations` passes.
enum ThreatKernel {
    typealias Outcome = PropagationOutcome

    /// Which loops run a pass: the tuned ones (with the AVX2 rows where the CPU has AVX2), the
    /// tuned Swift loops only (`portable`: baseline x86-64 or any other CPU), or the plain scalar
    /// reference (tests). All three give bitwise the same T.
    enum Path: Sendable {
        case fast, portable, reference
    }

    /// Whether `.fast` passes run the multi-source rows in AVX2 (`CPropagationKernels`): the CPU
    /// and OS support it, and `ALLIANCEGRAPH_SIMD=baseline` is not set. Read once per process.
    static let avx2 = agk_avx2_available() == 1

    /// Below this much work per worker (multiply-adds: (arcs + rows) x columns, about 0.1 ms) a
    /// second worker costs more in hand-off than it saves (waking a parked thread takes some
    /// 10-50 us here).
    static let minimumWorkPerWorker = 1 << 18

    /// The number of workers a pass actually uses: `requested`, reduced so that each has at
    /// least `minimumWorkPerWorker`. Results do not depend on it.
    static func effectiveWorkers(requested: Int, rows: Int, arcs: Int, columns: Int) -> Int {
        let work = (arcs + rows) * max(columns, 1)
        return max(1, min(requested, rows, work / minimumWorkPerWorker))
    }

    /// The default worker count for a problem: all active processors when the work is large
    /// enough to share, else 1.
    static func automaticWorkers(rows: Int, arcs: Int, columns: Int) -> Int {
        effectiveWorkers(requested: ProcessorCount.active, rows: rows, arcs: arcs, columns: columns)
    }

    // MARK: - Row kernels

    /// The plain loops, in the documented order. O((arcs + rows) x columns) for the range.
    static func referenceRows(_ p: KernelPass, _ lo: Int, _ hi: Int) -> Double {
        let columns = p.columns
        var change = 0.0
        for i in lo..<hi {
            let start = Int(p.offsets[i]), end = Int(p.offsets[i + 1])
            for c in 0..<columns {
                var s = 0.0
                for k in start..<end { s += p.weights[k] * p.input[Int(p.targets[k]) * columns + c] }
                let value = p.direct[i * columns + c] + p.alpha * s
                p.output[i * columns + c] = value
                let delta = abs(value - p.input[i * columns + c])
                if delta > change { change = delta }
            }
        }
        return change
    }

    /// One column: the CSR SpMV loop `s += w[k] * x[t[k]]`, the arc index running on across rows.
    /// A function of its own (never inlined): inlined into the workspace's pass loop it lost a
    /// register to a spill and ran about 5 % slower at 200 / 2,000 (measured side by side with the
    /// previous build).
    @inline(never)
    static func singleColumnRows(_ p: KernelPass, _ lo: Int, _ hi: Int) -> Double {
        let off = p.offsets, tgt = p.targets, w = p.weights
        let x = p.input, d = p.direct, y = p.output, alpha = p.alpha
        var change = 0.0
        var k = Int(off[lo])
        var i = lo
        while i < hi {
            let end = Int(off[i &+ 1])
            var s = 0.0
            while k < end {
                s += w[k] * x[Int(tgt[k])]
                k &+= 1
            }
            let value = d[i] + alpha * s
            y[i] = value
            let delta = abs(value - x[i])
            if delta > change { change = delta }
            i &+= 1
        }
        return change
    }

    /// Two or more columns: SIMD across sources, blocks of 16, 8, 4, 2, 1 columns per row, from
    /// column `firstColumn` on (0, or the first column the AVX2 rows left). The largest change is
    /// kept lane-wise per block width and reduced once, at the end of the range.
    @inline(__always)
    static func blockedRows(_ p: KernelPass, _ lo: Int, _ hi: Int, firstColumn: Int = 0) -> Double {
        let columns = p.columns
        var m16 = SIMD8<Double>(), m8 = SIMD8<Double>(), m4 = SIMD4<Double>(), m2 = SIMD2<Double>()
        var m1 = 0.0
        let prefetch = p.hints.prefetchDistance, arcEnd = Int(p.offsets[hi])
        var i = lo
        while i < hi {
            let start = Int(p.offsets[i]), end = Int(p.offsets[i &+ 1])
            let rowBase = i &* columns
            var c = firstColumn
            // Blocks of 16 columns: two SIMD8 accumulators over the row's arcs (written out here:
            // a helper function returning the vector was not always inlined).
            while c &+ 16 <= columns {
                var a0 = SIMD8<Double>(), a1 = SIMD8<Double>()
                var k = start
                while k < end {
                    if prefetch > 0 && k &+ prefetch < arcEnd {
                        let ahead = UnsafeRawPointer(p.input + (Int(p.targets[k &+ prefetch]) &* columns &+ c))
                        agk_prefetch(ahead)
                        agk_prefetch(ahead + 64)
                    }
                    let f = SIMD8<Double>(repeating: p.weights[k])
                    let source = UnsafeRawPointer(p.input + (Int(p.targets[k]) &* columns &+ c))
                    a0 += f * source.loadUnaligned(as: SIMD8<Double>.self)
                    a1 += f * source.loadUnaligned(fromByteOffset: 64, as: SIMD8<Double>.self)
                    k &+= 1
                }
                let alpha = SIMD8<Double>(repeating: p.alpha)
                let d = UnsafeRawPointer(p.direct + (rowBase &+ c))
                let old = UnsafeRawPointer(p.input + (rowBase &+ c))
                let out = UnsafeMutableRawPointer(p.output + (rowBase &+ c))
                let v0 = d.loadUnaligned(as: SIMD8<Double>.self) + alpha * a0
                let v1 = d.loadUnaligned(fromByteOffset: 64, as: SIMD8<Double>.self) + alpha * a1
                out.storeBytes(of: v0, as: SIMD8<Double>.self)
                out.storeBytes(of: v1, toByteOffset: 64, as: SIMD8<Double>.self)
                let e0 = magnitude(v0 - old.loadUnaligned(as: SIMD8<Double>.self))
                let e1 = magnitude(v1 - old.loadUnaligned(fromByteOffset: 64, as: SIMD8<Double>.self))
                m16 = lanewiseMax(m16, lanewiseMax(e0, e1))
                c &+= 16
            }
            if c &+ 8 <= columns {
                m8 = lanewiseMax(m8, block8(p, start, end, rowBase, c))
                c &+= 8
            }
            if c &+ 4 <= columns {
                m4 = lanewiseMax(m4, block4(p, start, end, rowBase, c))
                c &+= 4
            }
            if c &+ 2 <= columns {
                m2 = lanewiseMax(m2, block2(p, start, end, rowBase, c))
                c &+= 2
            }
            if c < columns {
                let e = scalarColumn(p, start, end, rowBase, c)
                if e > m1 { m1 = e }
            }
            i &+= 1
        }
        m16 = lanewiseMax(m16, m8)
        m4 = lanewiseMax(m4, lanewiseMax(m16.lowHalf, m16.highHalf))
        m2 = lanewiseMax(m2, lanewiseMax(m4.lowHalf, m4.highHalf))
        return max(m1, max(m2[0], m2[1]))
    }

    /// Columns `c ..< c + 8` of one row in one `SIMD8<Double>`; returns the lane-wise change.
    @inline(__always)
    static func block8(_ p: KernelPass, _ start: Int, _ end: Int, _ rowBase: Int, _ c: Int) -> SIMD8<Double> {
        let columns = p.columns
        var a = SIMD8<Double>()
        var k = start
        while k < end {
            let source = UnsafeRawPointer(p.input + (Int(p.targets[k]) &* columns &+ c))
            a += SIMD8<Double>(repeating: p.weights[k]) * source.loadUnaligned(as: SIMD8<Double>.self)
            k &+= 1
        }
        let d = UnsafeRawPointer(p.direct + (rowBase &+ c))
        let old = UnsafeRawPointer(p.input + (rowBase &+ c))
        let v = d.loadUnaligned(as: SIMD8<Double>.self) + SIMD8<Double>(repeating: p.alpha) * a
        UnsafeMutableRawPointer(p.output + (rowBase &+ c)).storeBytes(of: v, as: SIMD8<Double>.self)
        return magnitude(v - old.loadUnaligned(as: SIMD8<Double>.self))
    }

    /// Columns `c ..< c + 4` of one row in one `SIMD4<Double>`; returns the lane-wise change.
    @inline(__always)
    static func block4(_ p: KernelPass, _ start: Int, _ end: Int, _ rowBase: Int, _ c: Int) -> SIMD4<Double> {
        let columns = p.columns
        var a = SIMD4<Double>()
        var k = start
        while k < end {
            let source = UnsafeRawPointer(p.input + (Int(p.targets[k]) &* columns &+ c))
            a += SIMD4<Double>(repeating: p.weights[k]) * source.loadUnaligned(as: SIMD4<Double>.self)
            k &+= 1
        }
        let d = UnsafeRawPointer(p.direct + (rowBase &+ c))
        let old = UnsafeRawPointer(p.input + (rowBase &+ c))
        let v = d.loadUnaligned(as: SIMD4<Double>.self) + SIMD4<Double>(repeating: p.alpha) * a
        UnsafeMutableRawPointer(p.output + (rowBase &+ c)).storeBytes(of: v, as: SIMD4<Double>.self)
        return magnitude(v - old.loadUnaligned(as: SIMD4<Double>.self))
    }

    /// Columns `c ..< c + 2` of one row in one `SIMD2<Double>`; returns the lane-wise change.
    @inline(__always)
    static func block2(_ p: KernelPass, _ start: Int, _ end: Int, _ rowBase: Int, _ c: Int) -> SIMD2<Double> {
        let columns = p.columns
        var a = SIMD2<Double>()
        var k = start
        while k < end {
            let source = UnsafeRawPointer(p.input + (Int(p.targets[k]) &* columns &+ c))
            a += SIMD2<Double>(repeating: p.weights[k]) * source.loadUnaligned(as: SIMD2<Double>.self)
            k &+= 1
        }
        let d = UnsafeRawPointer(p.direct + (rowBase &+ c))
        let old = UnsafeRawPointer(p.input + (rowBase &+ c))
        let v = d.loadUnaligned(as: SIMD2<Double>.self) + SIMD2<Double>(repeating: p.alpha) * a
        UnsafeMutableRawPointer(p.output + (rowBase &+ c)).storeBytes(of: v, as: SIMD2<Double>.self)
        return magnitude(v - old.loadUnaligned(as: SIMD2<Double>.self))
    }

    // Concrete (non-generic) helpers: inside a generic function the SIMD operators resolve to
    // the protocol's lane-by-lane versions, and `.<` then compiled to a scalar loop through memory.

    /// |e| lane-wise, by clearing the sign bits.
    @inline(__always)
    static func magnitude(_ e: SIMD8<Double>) -> SIMD8<Double> {
        unsafeBitCast(
            unsafeBitCast(e, to: SIMD8<UInt64>.self) & SIMD8<UInt64>(repeating: signMask), to: SIMD8<Double>.self)
    }
    @inline(__always)
    static func magnitude(_ e: SIMD4<Double>) -> SIMD4<Double> {
        unsafeBitCast(
            unsafeBitCast(e, to: SIMD4<UInt64>.self) & SIMD4<UInt64>(repeating: signMask), to: SIMD4<Double>.self)
    }
    @inline(__always)
    static func magnitude(_ e: SIMD2<Double>) -> SIMD2<Double> {
        unsafeBitCast(
            unsafeBitCast(e, to: SIMD2<UInt64>.self) & SIMD2<UInt64>(repeating: signMask), to: SIMD2<Double>.self)
    }
    static let signMask: UInt64 = 0x7FFF_FFFF_FFFF_FFFF

    /// Lane-wise maximum (the operands are never NaN: D and W are finite).
    @inline(__always)
    static func lanewiseMax(_ a: SIMD8<Double>, _ b: SIMD8<Double>) -> SIMD8<Double> {
        a.replacing(with: b, where: b .> a)
    }
    @inline(__always)
    static func lanewiseMax(_ a: SIMD4<Double>, _ b: SIMD4<Double>) -> SIMD4<Double> {
        a.replacing(with: b, where: b .> a)
    }
    @inline(__always)
    static func lanewiseMax(_ a: SIMD2<Double>, _ b: SIMD2<Double>) -> SIMD2<Double> {
        a.replacing(with: b, where: b .> a)
    }

    /// Column `c` of one row, scalar; returns its change.
    @inline(__always)
    static func scalarColumn(_ p: KernelPass, _ start: Int, _ end: Int, _ rowBase: Int, _ c: Int) -> Double {
        let columns = p.columns
        var s = 0.0
        var k = start
        while k < end {
            s += p.weights[k] * p.input[Int(p.targets[k]) &* columns &+ c]
            k &+= 1
        }
        let value = p.direct[rowBase &+ c] + p.alpha * s
        p.output[rowBase &+ c] = value
        return abs(value - p.input[rowBase &+ c])
    }

    /// Rows `lo ..< hi` of a pass on `path`; returns their largest change.
    @inline(__always)
    static func rows(_ p: KernelPass, _ lo: Int, _ hi: Int, path: Path) -> Double {
        guard lo < hi else { return 0 }
        switch path {
        case .reference: return referenceRows(p, lo, hi)
        case .portable: return p.columns == 1 ? singleColumnRows(p, lo, hi) : blockedRows(p, lo, hi)
        case .fast:
            if p.columns == 1 { return singleColumnRows(p, lo, hi) }
            if p.columns < 4 || !avx2 { return blockedRows(p, lo, hi) }
            return avx2Rows(p, lo, hi)
        }
    }

    /// The multi-source rows with AVX2: columns `0 ..< columns & ~3` in C
    /// (`agk_blocked_rows_avx2`: the same blocks and the same operations as `blockedRows`, with
    /// 4-lane registers), the last 1 to 3 columns, if any, by `blockedRows`. Every entry's
    /// arithmetic is unchanged, so T is bitwise that of `blockedRows`.
    static func avx2Rows(_ p: KernelPass, _ lo: Int, _ hi: Int) -> Double {
        var change = agk_blocked_rows_avx2(
            p.offsets, p.targets, p.weights, p.direct, p.input, p.output,
            Int64(p.columns), Int64(lo), Int64(hi), p.alpha,
            Int64(p.hints.prefetchDistance), p.hints.stream ? 1 : 0)
        let blocked = p.columns & ~3
        if blocked < p.columns {
            let rest = blockedRows(p, lo, hi, firstColumn: blocked)
            if rest > change { change = rest }
        }
        return change
    }

    // MARK: - Passes

    /// Cuts rows `0 ..< rows` into `parts` contiguous ranges of about equal cost `arcs + rows`:
    /// range q is `split[q] ..< split[q + 1]`, `split[0] = 0`, `split[parts] = rows`.
    /// O(parts x log rows).
    static func balancedSplit(
        offsets: UnsafePointer<Int32>, rows: Int, parts: Int, into split: UnsafeMutablePointer<Int>
    ) {
        split[0] = 0
        let total = Int(offsets[rows]) + rows
        for q in 1..<max(parts, 1) {
            let goal = total * q / parts
            // The first row r with offsets[r] + r >= goal.
            var lo = split[q - 1], hi = rows
            while lo < hi {
                let mid = (lo + hi) / 2
                if Int(offsets[mid]) + mid < goal { lo = mid + 1 } else { hi = mid }
            }
            split[q] = lo
        }
        split[max(parts, 1)] = rows
    }

    /// One pass over all rows: `workers` ranges `split[q] ..< split[q + 1]`, run in parallel when
    /// `workers > 1`, each writing its largest change to `changes[q * changeStride]`. Returns the
    /// largest change. No allocation.
    /// With a `pool` (of `workers` workers) the helpers are its parked threads, else
    /// `DispatchQueue.concurrentPerform`, which allocates a few blocks per call.
    static func pass(
        _ p: KernelPass, split: UnsafePointer<Int>, workers: Int, changes: UnsafeMutablePointer<Double>,
        path: Path, pool: KernelWorkerPool? = nil
    ) -> Double {
        if workers <= 1 { return rows(p, 0, p.rows, path: path) }
        let job = ParallelPass(pass: p, split: split, changes: changes, path: path)
        if let pool, pool.workers == workers {
            pool.run(job)
        } else {
            DispatchQueue.concurrentPerform(iterations: workers) { q in job.run(q) }
        }
        var change = 0.0
        for q in 0..<workers where changes[q * changeStride] > change { change = changes[q * changeStride] }
        return change
    }

    /// Slots between two workers' change cells (one cache line), against false sharing.
    static let changeStride = 8

    /// The stopping limit on the largest change for `alpha` and `tolerance` (see the type's notes).
    static func changeLimit(alpha: Double, tolerance: Double) -> Double {
        alpha < 1 ? tolerance * min(1, (1 - alpha) / alpha) : 0
    }

    /// Solves `T = D + alpha W T` with `pass` from `T(0) = D`; `current`/`next` are the Jacobi pair,
    /// both `rows x columns`. On return `result` (one of the two) holds T. No allocation.
    static func solve(
        _ graph: KernelGraph, alpha: Double, columns: Int, direct: UnsafePointer<Double>,
        result: UnsafeMutablePointer<Double>, scratch: UnsafeMutablePointer<Double>,
        split: UnsafePointer<Int>, workers: Int, changes: UnsafeMutablePointer<Double>,
        tolerance: Double, maxIterations: Int, path: Path
    ) -> Outcome {
        let size = graph.rows * columns
        result.update(from: direct, count: size)
        if alpha == 0 || graph.arcs == 0 {
            return Outcome(iterations: 0, lastChange: 0, converged: true)
        }
        var current = result, next = scratch
        var iterations = 0
        var change = Double.infinity
        let limit = changeLimit(alpha: alpha, tolerance: tolerance)
        while iterations < maxIterations {
            let p = KernelPass(
                graph: graph, alpha: alpha, columns: columns, direct: direct,
                input: UnsafePointer(current), output: next)
            change = pass(p, split: split, workers: workers, changes: changes, path: path)
            iterations += 1
            swap(&current, &next)
            if change < limit { break }
        }
        if current != result { result.update(from: current, count: size) }
        return Outcome(iterations: iterations, lastChange: change, converged: change < limit)
    }

    /// Solves `T = D + alpha W T` in place: on return `result` holds T.
    ///
    /// - Parameters:
    ///   - offsets, targets, weights: the row-normalised CSR W (validated).
    ///   - direct: D, `rows x columns`, row-major.
    ///   - result: receives T; `rows x columns`.
    ///   - scratch: a second buffer of the same size (the other half of the Jacobi pair).
    ///   - workers: an upper bound on the threads of a pass (see `effectiveWorkers`); T does not
    ///     depend on it.
    /// - Complexity: O(passes x (arcs + rows) x columns). The split and the per-worker change cells
    ///   live on the stack; a T of `hugeBufferEntries` or more is iterated in two huge-page buffers
    ///   allocated for the call. Parallel passes go through `DispatchQueue.concurrentPerform`.
    static func propagate(
        offsets: UnsafeBufferPointer<Int32>, targets: UnsafeBufferPointer<Int32>,
        weights: UnsafeBufferPointer<Double>, alpha: Double, rows: Int, columns: Int,
        direct: UnsafeBufferPointer<Double>, result: UnsafeMutableBufferPointer<Double>,
        scratch: UnsafeMutableBufferPointer<Double>, tolerance: Double,
        maxIterations: Int, workers: Int = 1, path: Path = .fast, resultOnHugePages: Bool = false
    ) -> Outcome {
        let size = rows * columns
        guard size > 0, let d = direct.baseAddress, let r = result.baseAddress, let s = scratch.baseAddress,
            let off = offsets.baseAddress
        else {
            return Outcome(iterations: 0, lastChange: 0, converged: true)
        }
        guard let tgt = targets.baseAddress, let w = weights.baseAddress else {
            r.update(from: d, count: size)
            return Outcome(iterations: 0, lastChange: 0, converged: true)
        }
        let graph = KernelGraph(offsets: off, targets: tgt, weights: w, rows: rows)
        let parts = effectiveWorkers(requested: workers, rows: rows, arcs: targets.count, columns: columns)
        // A large T is iterated in buffers on 2 MiB pages (see `KernelBuffer`), then copied out;
        // a `result` already on such pages (`resultOnHugePages`) is iterated in place, beside one
        // buffer of the kernel's.
        let huge = size >= hugeBufferEntries && alpha != 0 && !targets.isEmpty
        let first = huge && !resultOnHugePages ? KernelBuffer(count: size) : nil
        let second = huge ? KernelBuffer(count: size) : nil
        let outcome = withUnsafeTemporaryAllocation(of: Int.self, capacity: parts + 1) { split in
            withUnsafeTemporaryAllocation(of: Double.self, capacity: parts * changeStride) { changes in
                balancedSplit(offsets: off, rows: rows, parts: parts, into: split.baseAddress!)
                return solve(
                    graph, alpha: alpha, columns: columns, direct: d, result: first?.base ?? r,
                    scratch: second?.base ?? s, split: split.baseAddress!, workers: parts,
                    changes: changes.baseAddress!, tolerance: tolerance, maxIterations: maxIterations, path: path)
            }
        }
        if let first { r.update(from: first.base, count: size) }
        return outcome
    }

    /// From this many entries of T (16 MiB) `propagate` iterates in huge-page buffers: with 16
    /// sources on 1M states that halved the time of a pass (Benchmarks/README.md "Propagation").
    static let hugeBufferEntries = 2 << 20
}

/// Raw views of a validated CSR, valid for the duration of one call.
struct KernelGraph: @unchecked Sendable {
    let offsets: UnsafePointer<Int32>
    let targets: UnsafePointer<Int32>
    let weights: UnsafePointer<Double>
    let rows: Int
    var arcs: Int { Int(offsets[rows]) }
}

/// How the multi-source rows treat memory (never what they compute): software prefetch of the T
/// row of the arc `prefetchDistance` ahead (0: none), and non-temporal stores of T' (AVX2 rows
/// only, when the rows are 32-byte aligned).
///
/// `automatic` turns each on by the size of T, from measurements on this project's 2-core
/// AMD EPYC (L2 1 MiB per core, L3 32 MiB; Benchmarks/README.md "Propagation", 16 sources):
/// once T no longer fits in L2 every arc's row comes from L3 or memory, and the out-of-order core
/// alone keeps too few of those reads in flight. Prefetching 96 arcs ahead took the AVX2 pass on
/// 1M / 10M from 132 ms to 41 ms (16, 32, 64, 128 and 192 arcs: 88, 64, 45, 43 and 44 ms) and on
/// 100k / 1M from 7.4 ms to 2.8 ms; non-temporal stores saved another 10 % at 100k / 1M
/// (T of 12.8 MB), where T' would otherwise evict the T the next pass reads. Below 1 MiB
/// (T in L2) both only cost instructions. The one-column pass gains nothing from prefetching
/// (its x, 8 MB on 1M states, is read at L3 speed already; measured 14-15 ms either way), so it
/// has none.
struct MemoryHints: Sendable, Hashable {
    var prefetchDistance: Int
    var stream: Bool

    static let none = MemoryHints(prefetchDistance: 0, stream: false)
    /// T from this many bytes on: prefetch.
    static let prefetchFromBytes = 1 << 20
    /// T from this many bytes on: non-temporal stores too.
    static let streamFromBytes = 8 << 20
    /// Arcs ahead.
    static let distance = 96

    /// The hints for a T of `rows x columns` doubles with `columns >= 2` (none for one column).
    static func automatic(rows: Int, columns: Int) -> MemoryHints {
        guard columns >= 2 else { return .none }
        let bytes = rows &* columns &* MemoryLayout<Double>.stride
        return MemoryHints(
            prefetchDistance: bytes >= prefetchFromBytes ? distance : 0, stream: bytes >= streamFromBytes)
    }
}

/// The operands of one pass `output = direct + alpha W input` (all `rows x columns`).
struct KernelPass: @unchecked Sendable {
    let offsets: UnsafePointer<Int32>
    let targets: UnsafePointer<Int32>
    let weights: UnsafePointer<Double>
    let rows: Int
    let alpha: Double
    let columns: Int
    let direct: UnsafePointer<Double>
    let input: UnsafePointer<Double>
    let output: UnsafeMutablePointer<Double>
    /// `MemoryHints.automatic` for this size unless set (tests force each on for small T).
    var hints: MemoryHints

    init(
        graph: KernelGraph, alpha: Double, columns: Int, direct: UnsafePointer<Double>,
        input: UnsafePointer<Double>, output: UnsafeMutablePointer<Double>
    ) {
        offsets = graph.offsets; targets = graph.targets; weights = graph.weights; rows = graph.rows
        self.alpha = alpha; self.columns = columns
        self.direct = direct; self.input = input; self.output = output
        hints = .automatic(rows: graph.rows, columns: columns)
    }
}

/// One worker's share of a parallel pass: rows `split[q] ..< split[q + 1]`. Workers write disjoint
/// rows of `output` and their own change cell, and only read everything else.
struct ParallelPass: @unchecked Sendable {
    let pass: KernelPass
    let split: UnsafePointer<Int>
    let changes: UnsafeMutablePointer<Double>
    let path: ThreatKernel.Path

    func run(_ q: Int) {
        changes[q * ThreatKernel.changeStride] = ThreatKernel.rows(pass, split[q], split[q + 1], path: path)
    }
}

/// The outcome of a propagation: passes run, the largest change of the last pass, and whether it
/// met the stopping limit (see `PropagationWorkspace.solve`).
@_spi(Internals) public struct PropagationOutcome: Sendable, Hashable {
    public var iterations: Int
    public var lastChange: Double
    public var converged: Bool

    public init(iterations: Int, lastChange: Double, converged: Bool) {
        self.iterations = iterations
        self.lastChange = lastChange
        self.converged = converged
    }
}
