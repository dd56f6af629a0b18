/// A reusable propagation of `T = D + alpha W T` (docs/MODEL.md section 2) over one graph W: the
/// public face of the propagation kernel, for benchmarks and other models.
///
/// The workspace owns every buffer a propagation needs (D, the Jacobi pair on 2 MiB pages, the
/// worker split) and its helper threads, so after `init` and `setDirect`, `pass` and `solve`
/// allocate nothing. It is a class because it owns threads; use one from one thread at a time. D and T are row-major
/// `vertexCount x columns` blocks: entry `(i, c)` is element `i * columns + c`, the threat that
/// source c poses to state i.
///
/// One pass computes `T' = D + alpha W T` and returns the largest `|T' - T|`; `solve` iterates
/// from `T = D` until that change is below the stopping limit (see `solve`). The result does not
/// depend on `workers` or `ordering`: every path does the same arithmetic in the same order, so T
/// is bitwise the same (docs/DYNAMICS.md section 1 describes the kernel).
///
/// ```swift
/// let workspace = try PropagationWorkspace(graph: w, columns: 16, workers: 2)
/// try workspace.setDirect(d)                       // N x 16
/// let outcome = workspace.solve(alpha: 0.5)        // T = (I - 0.5 W)^-1 D to 1e-9
/// workspace.copyThreat(into: &t)
/// ```
@_spi(Internals) public final class PropagationWorkspace {
    /// Rows of D and T (the graph's vertices).
    public let vertexCount: Int
    /// Columns of D and T (threat sources).
    public let columns: Int
    /// The vertex order the kernel runs in (T is always read and written in the graph's order).
    public let ordering: PropagationOrdering
    /// The largest number of threads a pass may use; see `effectiveWorkers`.
    public private(set) var workers: Int

    /// W in kernel order.
    private var kernelGraph: CSRAdjacency
    /// Kernel row -> vertex, and vertex -> kernel row; empty for the natural order.
    private var order: [Int32] = []
    private var rank: [Int32] = []
    /// D, T and the other half of the Jacobi pair, in kernel order.
    private let direct: KernelBuffer
    private var current: KernelBuffer
    private var next: KernelBuffer
    /// Row ranges of the workers (`effectiveWorkers + 1` bounds) and their change cells.
    private var split: [Int] = []
    private var changes: [Double] = []
    private var pool: KernelWorkerPool?
    /// Work per worker below which fewer workers are used (see `ThreatKernel.minimumWorkPerWorker`).
    private let workPerWorker: Int

    /// A workspace for `graph` (W, normally row-normalised: rows summing to at most 1) and
    /// `columns` sources, with D = 0.
    ///
    /// - Parameters:
    ///   - workers: the largest number of threads a pass may use (1: the calling thread only).
    ///     Small problems use fewer (`effectiveWorkers`); results are identical for any value.
    ///   - ordering: `.reverseCuthillMcKee` renumbers the vertices once, here, for locality (see
    ///     Benchmarks/README.md "Propagation" for when it pays).
    /// - Throws: `InputError` when `columns < 1` or `workers < 1`.
    /// - Complexity: O(N x columns + E) memory and time; O(E log d) more for the reordering.
    public convenience init(
        graph: CSRAdjacency, columns: Int, workers: Int = 1,
        ordering: PropagationOrdering = .natural
    ) throws(InputError) {
        try self.init(
            graph: graph, columns: columns, workers: workers, ordering: ordering,
            workPerWorker: ThreatKernel.minimumWorkPerWorker)
    }

    /// As the public init, with the work threshold of `effectiveWorkers` set (tests use 1 to
    /// run several workers on small graphs).
    init(
        graph: CSRAdjacency, columns: Int, workers: Int, ordering: PropagationOrdering,
        workPerWorker: Int
    ) throws(InputError) {
        guard columns >= 1 else {
            throw InputError(location: "columns", "\(columns) is out of range; expected at least 1")
        }
        guard workers >= 1 else {
            throw InputError(location: "workers", "\(workers) is out of range; expected at least 1")
        }
        vertexCount = graph.vertexCount
        self.columns = columns
        self.ordering = ordering
        self.workers = workers
        self.workPerWorker = workPerWorker
        kernelGraph = graph
        let size = graph.vertexCount * columns
        direct = KernelBuffer(count: size)
        current = KernelBuffer(count: size)
        next = KernelBuffer(count: size)
        install(graph)
    }

    deinit { pool?.stop() }

    /// Replaces W by another graph on the same vertices (e.g. the next round's ties), keeping
    /// the buffers; D and T are kept. O(E) (plus the reordering when `ordering` asks for one).
    /// - Throws: `InputError` when the vertex count differs.
    public func replaceGraph(_ graph: CSRAdjacency) throws(InputError) {
        guard graph.vertexCount == vertexCount else {
            throw InputError(location: "graph", "has \(graph.vertexCount) vertices; the workspace has \(vertexCount)")
        }
        let d = block(direct), t = threat
        install(graph)
        permuteIn(d, into: direct)
        permuteIn(t, into: current)
    }

    /// Sets the worker bound (see `init`).
    public func setWorkers(_ workers: Int) throws(InputError) {
        guard workers >= 1 else {
            throw InputError(location: "workers", "\(workers) is out of range; expected at least 1")
        }
        self.workers = workers
        makeSplit()
    }

    /// The vector instructions of the multi-source rows on this machine: `"avx2"` (x86-64 CPUs with
    /// AVX2, chosen at run time) or `"baseline"` (SSE2 on x86-64, NEON on arm64; also when the
    /// environment sets `ALLIANCEGRAPH_SIMD=baseline`). T is bitwise the same either way.
    public static var instructionSet: String { ThreatKernel.avx2 ? "avx2" : "baseline" }

    /// How many arcs ahead a pass prefetches T rows: 0 for one column and for a T of less than
    /// 1 MiB, else 96 (see `MemoryHints`). Memory strategy only; T does not depend on it.
    public var prefetchDistance: Int { MemoryHints.automatic(rows: vertexCount, columns: columns).prefetchDistance }

    /// Whether a pass writes T' with non-temporal stores: AVX2 rows, T of 8 MiB or more, and a
    /// multiple of 4 columns (the C loops stream only 32-byte-aligned rows; the buffers are aligned).
    public var nonTemporalStores: Bool {
        ThreatKernel.avx2 && columns % 4 == 0 && MemoryHints.automatic(rows: vertexCount, columns: columns).stream
    }

    /// The threads a pass uses: `workers`, reduced so that each has at least 262,144
    /// multiply-adds ((arcs + rows) x columns) to do.
    public var effectiveWorkers: Int { max(1, split.count - 1) }

    /// Sets D (row-major `vertexCount x columns`, graph order) and restarts from `T = D`.
    /// O(N x columns); no allocation.
    /// - Throws: `InputError` when the size is wrong or an entry is not finite.
    public func setDirect(_ d: [Double]) throws(InputError) {
        guard d.count == vertexCount * columns else {
            throw InputError(
                location: "direct",
                "has \(d.count) entries; expected \(vertexCount) x \(columns) = \(vertexCount * columns)")
        }
        if let bad = d.firstIndex(where: { !$0.isFinite }) {
            throw InputError(location: "direct[\(bad)]", "\(d[bad]) is not finite")
        }
        permuteIn(d, into: direct)
        restart()
    }

    /// Restarts from `T = D`. O(N x columns).
    public func restart() { current.copy(from: direct) }

    /// One Jacobi pass `T <- D + alpha W T`; returns the largest absolute change of an entry.
    /// O((E + N) x columns / effectiveWorkers); no allocation.
    public func pass(alpha: Double) -> Double {
        run(alpha: alpha, passes: 1, limit: -1).lastChange
    }

    /// Solves `T = D + alpha W T` from `T = D` by Jacobi passes: stops when the largest change of a
    /// pass is below `tolerance` and so is the a-posteriori error bound
    /// `change * alpha / (1 - alpha)`, or after `maxIterations` passes. With W's rows summing to at
    /// most 1 and 0 <= alpha < 1, T is then within `tolerance` of `(I - alpha W)^-1 D` entrywise.
    /// O(passes x (E + N) x columns / effectiveWorkers); no allocation.
    public func solve(alpha: Double, tolerance: Double = 1e-9, maxIterations: Int = 50) -> PropagationOutcome {
        restart()
        if alpha == 0 || kernelGraph.arcCount == 0 {
            return PropagationOutcome(iterations: 0, lastChange: 0, converged: true)
        }
        return run(
            alpha: alpha, passes: maxIterations, limit: ThreatKernel.changeLimit(alpha: alpha, tolerance: tolerance))
    }

    /// Copies T (graph order) into `threat`, resizing it only when its size differs. O(N x columns).
    public func copyThreat(into threat: inout [Double]) {
        if threat.count != current.count { threat = [Double](repeating: 0, count: current.count) }
        let t = current.base, columns = columns
        threat.withUnsafeMutableBufferPointer { out in
            if order.isEmpty {
                out.baseAddress!.update(from: t, count: out.count)
                return
            }
            order.withUnsafeBufferPointer { order in
                for p in 0..<order.count {
                    let v = Int(order[p])
                    for c in 0..<columns { out[v * columns + c] = t[p * columns + c] }
                }
            }
        }
    }

    /// T in graph order (a new array; `copyThreat(into:)` reuses one).
    public var threat: [Double] {
        var t: [Double] = []
        copyThreat(into: &t)
        return t
    }

    // MARK: - Internals

    private func install(_ graph: CSRAdjacency) {
        switch ordering {
        case .natural:
            order = []
            rank = []
            kernelGraph = graph
        case .reverseCuthillMcKee:
            order = VertexOrdering.reverseCuthillMcKee(graph)
            rank = VertexOrdering.inverse(order)
            kernelGraph = VertexOrdering.permute(graph, order: order, rank: rank)
        }
        makeSplit()
    }

    private func makeSplit() {
        let work = (kernelGraph.arcCount + vertexCount) * columns
        let parts = max(1, min(workers, vertexCount, work / max(workPerWorker, 1)))
        split = [Int](repeating: 0, count: parts + 1)
        changes = [Double](repeating: 0, count: parts * ThreatKernel.changeStride)
        kernelGraph.offsets.withUnsafeBufferPointer { off in
            split.withUnsafeMutableBufferPointer { s in
                ThreatKernel.balancedSplit(
                    offsets: off.baseAddress!, rows: vertexCount, parts: parts, into: s.baseAddress!)
            }
        }
        if pool?.workers != parts {
            pool?.stop()
            pool = parts > 1 ? KernelWorkerPool(workers: parts) : nil
        }
    }

    /// A kernel-order buffer as a graph-order array.
    private func block(_ buffer: KernelBuffer) -> [Double] {
        var out = [Double](repeating: 0, count: buffer.count)
        for p in 0..<vertexCount {
            let v = order.isEmpty ? p : Int(order[p])
            for c in 0..<columns { out[v * columns + c] = buffer.base[p * columns + c] }
        }
        return out
    }

    /// Copies a graph-order block into kernel order.
    private func permuteIn(_ source: [Double], into target: KernelBuffer) {
        let columns = columns, t = target.base
        source.withUnsafeBufferPointer { s in
            if order.isEmpty {
                if let b = s.baseAddress { t.update(from: b, count: s.count) }
                return
            }
            order.withUnsafeBufferPointer { order in
                for p in 0..<order.count {
                    let v = Int(order[p])
                    for c in 0..<columns { t[p * columns + c] = s[v * columns + c] }
                }
            }
        }
    }

    /// Runs up to `passes` passes from the current T, stopping after a pass whose change is
    /// below `limit` (never, for a negative limit). Leaves T in `current`. No allocation.
    private func run(alpha: Double, passes: Int, limit: Double) -> PropagationOutcome {
        let rows = vertexCount, columns = columns
        guard rows * columns > 0 else { return PropagationOutcome(iterations: 0, lastChange: 0, converged: true) }
        let parts = effectiveWorkers, pool = pool
        let d = UnsafePointer(direct.base)
        var iterations = 0
        var change = 0.0
        kernelGraph.offsets.withUnsafeBufferPointer { off in
            kernelGraph.targets.withUnsafeBufferPointer { tgt in
                kernelGraph.weights.withUnsafeBufferPointer { w in
                    split.withUnsafeBufferPointer { s in
                        changes.withUnsafeMutableBufferPointer { ch in
                            let off = off.baseAddress!
                            // Without arcs the target and weight pointers are never read.
                            let graph = KernelGraph(
                                offsets: off, targets: tgt.baseAddress ?? off,
                                weights: w.baseAddress ?? d, rows: rows)
                            while iterations < passes {
                                let p = KernelPass(
                                    graph: graph, alpha: alpha, columns: columns, direct: d,
                                    input: UnsafePointer(current.base), output: next.base)
                                change = ThreatKernel.pass(
                                    p, split: s.baseAddress!, workers: parts,
                                    changes: ch.baseAddress!, path: .fast, pool: pool)
                                swap(&current, &next)
                                iterations += 1
                                if change < limit { break }
                            }
                        }
                    }
                }
            }
        }
        return PropagationOutcome(iterations: iterations, lastChange: change, converged: change < limit)
    }
}
