import Foundation
import Testing
@_spi(Internals) @testable import AllianceGraph
@_spi(Internals) @testable import AllianceGraphFormats
@testable import AllianceGraphRender

/// The tuned propagation paths (single column, SIMD blocks across sources, parallel rows,
/// reverse Cuthill-McKee order) against the plain reference loops: they do the same arithmetic
/// in the same order, so the results must be bitwise equal.
@Suite("Propagation kernel paths")
struct PropagationKernelTests {
    /// A random row-normalised W: `n` rows with 0 ... `maxDegree` arcs each (self-arcs and
    /// repeated targets included), weights in (0, 1].
    static func randomW(_ n: Int, maxDegree: Int, seed: UInt64) -> CSRAdjacency {
        var random = SeededRandom(seed: seed)
        var offsets: [Int32] = [0], targets: [Int32] = [], weights: [Double] = []
        for _ in 0..<n {
            let degree = Int(random.next() % UInt64(maxDegree + 1))
            for _ in 0..<degree {
                targets.append(Int32(random.next() % UInt64(n)))
                weights.append(1 - random.nextUnit())
            }
            offsets.append(Int32(targets.count))
        }
        return (try! CSRAdjacency(vertexCount: n, offsets: offsets, targets: targets, weights: weights)).rowNormalised()
    }

    static func randomBlock(_ count: Int, seed: UInt64) -> [Double] {
        var random = SeededRandom(seed: seed)
        // Mixed signs and magnitudes, some exact zeros.
        return (0..<count).map { _ in random.nextUnit() < 0.2 ? 0 : (random.nextUnit() - 0.3) * 10 }
    }

    /// Column counts covering every block width and remainder: 1, 2, 3, 4..7, 8..15, 16, 17, 24, 31, 33, 40.
    static let columnCounts = [1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 15, 16, 17, 24, 31, 33, 40]

    /// One pass on `path` with `parts` row ranges of an equal-cost split.
    /// One pass on `path` with `parts` row ranges of an equal-cost split, `hints` when given (else
    /// the automatic ones), into a 64-byte-aligned output buffer (so non-temporal stores can run).
    static func onePass(
        _ w: CSRAdjacency, alpha: Double, columns: Int, direct: [Double], input: [Double],
        parts: Int, path: ThreatKernel.Path, hints: MemoryHints? = nil
    ) -> (output: [Double], change: Double) {
        let buffer = KernelBuffer(count: input.count)
        buffer.base.update(repeating: .nan, count: input.count)
        var split = [Int](repeating: 0, count: parts + 1)
        var changes = [Double](repeating: 0, count: parts * ThreatKernel.changeStride)
        let change = w.offsets.withUnsafeBufferPointer { off in
            w.targets.withUnsafeBufferPointer { tgt in
                w.weights.withUnsafeBufferPointer { wt in
                    direct.withUnsafeBufferPointer { d in
                        input.withUnsafeBufferPointer { x in
                            split.withUnsafeMutableBufferPointer { s in
                                changes.withUnsafeMutableBufferPointer { ch in
                                    ThreatKernel.balancedSplit(
                                        offsets: off.baseAddress!, rows: w.vertexCount, parts: parts,
                                        into: s.baseAddress!)
                                    let graph = KernelGraph(
                                        offsets: off.baseAddress!, targets: tgt.baseAddress ?? off.baseAddress!,
                                        weights: wt.baseAddress ?? d.baseAddress!, rows: w.vertexCount)
                                    var p = KernelPass(
                                        graph: graph, alpha: alpha, columns: columns, direct: d.baseAddress!,
                                        input: x.baseAddress!, output: buffer.base)
                                    if let hints { p.hints = hints }
                                    return ThreatKernel.pass(
                                        p, split: s.baseAddress!, workers: parts,
                                        changes: ch.baseAddress!, path: path)
                                }
                            }
                        }
                    }
                }
            }
        }
        return (Array(UnsafeBufferPointer(start: buffer.base, count: input.count)), change)
    }

    static func solve(
        _ w: CSRAdjacency, alpha: Double, columns: Int, direct: [Double], workers: Int,
        path: ThreatKernel.Path
    ) -> (threat: [Double], outcome: PropagationOutcome) {
        var result = [Double](repeating: 0, count: direct.count), scratch = result
        let outcome = w.offsets.withUnsafeBufferPointer { off in
            w.targets.withUnsafeBufferPointer { tgt in
                w.weights.withUnsafeBufferPointer { wt in
                    direct.withUnsafeBufferPointer { d in
                        result.withUnsafeMutableBufferPointer { r in
                            scratch.withUnsafeMutableBufferPointer { s in
                                ThreatKernel.propagate(
                                    offsets: off, targets: tgt, weights: wt, alpha: alpha, rows: w.vertexCount,
                                    columns: columns, direct: d, result: r, scratch: s, tolerance: 1e-12,
                                    maxIterations: 200, workers: workers, path: path)
                            }
                        }
                    }
                }
            }
        }
        return (result, outcome)
    }

    @Test(
        "one fast pass (AVX2 where the CPU has it) and one portable pass equal the reference pass bitwise, for every block width"
    )
    func fastPassMatchesReference() {
        for seed in UInt64(1)...30 {
            let n = 1 + Int(seed * 7 % 60)
            let w = Self.randomW(n, maxDegree: Int(seed % 12), seed: seed)
            for columns in Self.columnCounts {
                let d = Self.randomBlock(n * columns, seed: seed &+ 1000)
                let x = Self.randomBlock(n * columns, seed: seed &+ 2000)
                let alpha = 0.1 + 0.8 * Double(seed % 5) / 4
                let reference = Self.onePass(
                    w, alpha: alpha, columns: columns, direct: d, input: x, parts: 1, path: .reference)
                for path in [ThreatKernel.Path.fast, .portable] {
                    let fast = Self.onePass(
                        w, alpha: alpha, columns: columns, direct: d, input: x, parts: 1, path: path)
                    #expect(fast.output == reference.output, "seed \(seed), \(columns) columns, \(path)")
                    #expect(fast.change == reference.change, "seed \(seed), \(columns) columns, \(path)")
                }
            }
        }
    }

    @Test(
        "prefetching and non-temporal stores change nothing: forced on small T, both paths equal the reference bitwise")
    func memoryHintsChangeNothing() {
        let hints = [
            MemoryHints(prefetchDistance: 1, stream: false), MemoryHints(prefetchDistance: 3, stream: true),
            MemoryHints(prefetchDistance: 96, stream: true), MemoryHints(prefetchDistance: 0, stream: true),
        ]
        for seed in UInt64(1)...12 {
            let n = 2 + Int(seed * 11 % 90)
            let w = Self.randomW(n, maxDegree: 14, seed: seed &+ 70)
            for columns in [2, 4, 8, 12, 16, 20, 32, 35] {
                let d = Self.randomBlock(n * columns, seed: seed &+ 7000)
                let x = Self.randomBlock(n * columns, seed: seed &+ 8000)
                let reference = Self.onePass(
                    w, alpha: 0.55, columns: columns, direct: d, input: x, parts: 1, path: .reference)
                for hint in hints {
                    for path in [ThreatKernel.Path.fast, .portable] {
                        for parts in [1, 3] where parts <= n {
                            let run = Self.onePass(
                                w, alpha: 0.55, columns: columns, direct: d, input: x, parts: parts,
                                path: path, hints: hint)
                            #expect(
                                run.output == reference.output,
                                "seed \(seed), \(columns) columns, \(hint), \(path), \(parts) ranges")
                            #expect(run.change == reference.change)
                        }
                    }
                }
            }
        }
    }

    @Test(
        "the hints switch on by the size of T: none in L2, prefetch beyond 1 MiB, streaming beyond 8 MiB, never for one column"
    )
    func automaticMemoryHints() {
        #expect(MemoryHints.automatic(rows: 200, columns: 16) == .none)
        #expect(MemoryHints.automatic(rows: 10_000_000, columns: 1) == .none)
        #expect(
            MemoryHints.automatic(rows: 8_192, columns: 16)
                == MemoryHints(prefetchDistance: MemoryHints.distance, stream: false))
        #expect(
            MemoryHints.automatic(rows: 100_000, columns: 16)
                == MemoryHints(prefetchDistance: MemoryHints.distance, stream: true))
    }

    @Test("AVX2 is used exactly when the CPU reports it and ALLIANCEGRAPH_SIMD does not ask for the baseline")
    func avx2Detection() throws {
        let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        guard !cpuinfo.isEmpty else { return }  // not Linux: nothing to compare with
        let flags =
            cpuinfo.split(separator: "\n").first { $0.hasPrefix("flags") }.map {
                $0.split(separator: " ").map(String.init)
            } ?? []
        #if arch(x86_64)
            let forcedBaseline = ProcessInfo.processInfo.environment["ALLIANCEGRAPH_SIMD"] == "baseline"
            #expect(ThreatKernel.avx2 == (flags.contains("avx2") && flags.contains("avx") && !forcedBaseline))
        #else
            #expect(!ThreatKernel.avx2)
        #endif
    }

    @Test("a parallel pass equals the one-worker pass bitwise, for any number of row ranges")
    func parallelPassMatches() {
        for seed in UInt64(1)...20 {
            let n = 5 + Int(seed * 13 % 200)
            let w = Self.randomW(n, maxDegree: 15, seed: seed)
            for columns in [1, 3, 16, 21] {
                let d = Self.randomBlock(n * columns, seed: seed &+ 3000)
                let x = Self.randomBlock(n * columns, seed: seed &+ 4000)
                let reference = Self.onePass(
                    w, alpha: 0.6, columns: columns, direct: d, input: x, parts: 1, path: .reference)
                for parts in [2, 3, 4, 7] where parts <= n {
                    let parallel = Self.onePass(
                        w, alpha: 0.6, columns: columns, direct: d, input: x, parts: parts, path: .fast)
                    #expect(parallel.output == reference.output, "seed \(seed), \(columns) columns, \(parts) workers")
                    #expect(parallel.change == reference.change)
                }
            }
        }
    }

    @Test("a full solve is bitwise the same on every path and worker count, and matches the dense solve")
    func solveMatchesReference() {
        for seed in UInt64(1)...12 {
            let n = 2 + Int(seed * 5 % 40)
            let w = Self.randomW(n, maxDegree: 6, seed: seed)
            for columns in [1, 4, 16, 19] {
                let d = Self.randomBlock(n * columns, seed: seed &+ 5000)
                let alpha = 0.3 + 0.05 * Double(seed % 7)
                let reference = Self.solve(w, alpha: alpha, columns: columns, direct: d, workers: 1, path: .reference)
                #expect(reference.outcome.converged)
                for workers in [1, 2, 3] {
                    for path in [ThreatKernel.Path.fast, .portable] {
                        let fast = Self.solve(
                            w, alpha: alpha, columns: columns, direct: d, workers: workers, path: path)
                        #expect(
                            fast.threat == reference.threat,
                            "seed \(seed), \(columns) columns, \(workers) workers, \(path)")
                        #expect(fast.outcome == reference.outcome)
                    }
                }
                var a = [Double](repeating: 0, count: n * n)
                for i in 0..<n {
                    a[i * n + i] += 1
                    for (j, x) in w.neighbours(of: i) { a[i * n + j] -= alpha * x }
                }
                let dense = Dense.solve(a, d, n: n, m: columns)
                for k in dense.indices { #expect(abs(dense[k] - reference.threat[k]) <= 1e-9 * max(1, abs(dense[k]))) }
            }
        }
    }

    @Test("the equal-cost split covers every row once, in order")
    func balancedSplitCoversRows() {
        for seed in UInt64(1)...20 {
            let n = 1 + Int(seed * 11 % 300)
            let w = Self.randomW(n, maxDegree: Int(seed % 30), seed: seed)
            for parts in 1...min(8, n) {
                var split = [Int](repeating: -1, count: parts + 1)
                w.offsets.withUnsafeBufferPointer { off in
                    split.withUnsafeMutableBufferPointer {
                        ThreatKernel.balancedSplit(
                            offsets: off.baseAddress!, rows: n, parts: parts, into: $0.baseAddress!)
                    }
                }
                #expect(split.first == 0 && split.last == n)
                #expect(zip(split, split.dropFirst()).allSatisfy { $0 <= $1 })
            }
        }
    }

    @Test("the workspace gives bitwise the same T for any worker count and either ordering")
    func workspaceIndependentOfWorkersAndOrdering() throws {
        for seed in UInt64(1)...4 {
            let n = 300 + Int(seed) * 37
            let w = Self.randomW(n, maxDegree: 20, seed: seed)
            for columns in [1, 16] {
                let d = Self.randomBlock(n * columns, seed: seed &+ 6000)
                let natural = try PropagationWorkspace(graph: w, columns: columns, workers: 1)
                try natural.setDirect(d)
                let expected = natural.solve(alpha: 0.55)
                let t = natural.threat
                for ordering in [PropagationOrdering.natural, .reverseCuthillMcKee] {
                    for workers in [1, 2, 3, 4] {
                        // Work threshold 1: every requested worker (a parked helper thread) is used.
                        let other = try PropagationWorkspace(
                            graph: w, columns: columns, workers: workers, ordering: ordering,
                            workPerWorker: 1)
                        #expect(other.effectiveWorkers == workers)
                        try other.setDirect(d)
                        let outcome = other.solve(alpha: 0.55)
                        #expect(
                            outcome == expected, "seed \(seed), \(columns) columns, \(workers) workers, \(ordering)")
                        #expect(other.threat == t, "seed \(seed), \(columns) columns, \(workers) workers, \(ordering)")
                    }
                }
            }
        }
    }

    @Test("the workspace solve equals the reference solve and the ThreatModel entry")
    func workspaceMatchesReference() throws {
        for seed in UInt64(1)...10 {
            let n = 1 + Int(seed * 17 % 90)
            let w = Self.randomW(n, maxDegree: 8, seed: seed)
            for columns in [1, 2, 8, 16, 18] {
                let d = Self.randomBlock(n * columns, seed: seed &+ 7000)
                let reference = Self.solve(w, alpha: 0.45, columns: columns, direct: d, workers: 1, path: .reference)
                let workspace = try PropagationWorkspace(
                    graph: w, columns: columns, ordering: seed % 2 == 0 ? .natural : .reverseCuthillMcKee)
                try workspace.setDirect(d)
                let outcome = workspace.solve(alpha: 0.45, tolerance: 1e-12, maxIterations: 200)
                #expect(outcome == reference.outcome)
                #expect(workspace.threat == reference.threat)
                let entry = ThreatModel.propagate(
                    direct: d, columns: columns, entanglement: w, alpha: 0.45,
                    tolerance: 1e-12, maxIterations: 200)
                #expect(entry.threat == reference.threat)
                #expect(entry.iterations == reference.outcome.iterations)
            }
        }
    }

    @Test("passes continue from the current T and match repeated reference passes")
    func repeatedPasses() throws {
        let n = 150
        let w = Self.randomW(n, maxDegree: 9, seed: 42)
        for ordering in [PropagationOrdering.natural, .reverseCuthillMcKee] {
            for columns in [1, 16] {
                let d = Self.randomBlock(n * columns, seed: 43)
                let workspace = try PropagationWorkspace(
                    graph: w, columns: columns, workers: 2, ordering: ordering,
                    workPerWorker: 1)
                #expect(workspace.effectiveWorkers == 2)
                try workspace.setDirect(d)
                var x = d
                for _ in 0..<7 {
                    let reference = Self.onePass(
                        w, alpha: 0.7, columns: columns, direct: d, input: x, parts: 1, path: .reference)
                    let change = workspace.pass(alpha: 0.7)
                    #expect(change == reference.change)
                    x = reference.output
                    #expect(workspace.threat == x)
                }
            }
        }
    }

    @Test("reverse Cuthill-McKee is a permutation and recovers a shuffled path's bandwidth")
    func reverseCuthillMcKeeOrder() throws {
        let n = 500
        var random = SeededRandom(seed: 9)
        var label = Array(0..<n)
        for i in stride(from: n - 1, to: 0, by: -1) { label.swapAt(i, Int(random.next() % UInt64(i + 1))) }
        var arcs: [(source: Int, target: Int, weight: Double)] = []
        for i in 0..<(n - 1) {
            arcs.append((label[i], label[i + 1], 1))
            arcs.append((label[i + 1], label[i], 1))
        }
        let w = try CSRAdjacency(vertexCount: n, arcs: arcs)
        let order = VertexOrdering.reverseCuthillMcKee(w)
        #expect(Set(order.map(Int.init)) == Set(0..<n))
        let rank = VertexOrdering.inverse(order)
        let permuted = VertexOrdering.permute(w, order: order, rank: rank)
        var bandwidth = 0
        for p in 0..<n { for (q, _) in permuted.neighbours(of: p) { bandwidth = max(bandwidth, abs(p - q)) } }
        #expect(bandwidth == 1)
        // Row sums and arc order are kept.
        for p in 0..<n { #expect(permuted.rowSum(p) == w.rowSum(Int(order[p]))) }
    }

    @Test("a T large enough for huge-page buffers gives the same solve through ThreatModel's entry")
    func hugeBufferEntry() throws {
        let n = ThreatKernel.hugeBufferEntries / 16 + 5
        let w = Self.randomW(n, maxDegree: 2, seed: 77)
        let d = Self.randomBlock(n * 16, seed: 78)
        let workspace = try PropagationWorkspace(graph: w, columns: 16)
        try workspace.setDirect(d)
        let outcome = workspace.solve(alpha: 0.2, tolerance: 1e-6)
        let entry = ThreatModel.propagate(direct: d, columns: 16, entanglement: w, alpha: 0.2, tolerance: 1e-6)
        #expect(entry.iterations == outcome.iterations)
        #expect(entry.threat == workspace.threat)
        // The perception's path: T iterated in place in a result array on huge pages, beside one
        // kernel buffer (scratch unused), ending after an odd and after an even number of passes.
        var parities = Set<Int>()
        for tolerance in [1e-6, 1e-7, 1e-8] {
            let reference = ThreatModel.propagate(
                direct: d, columns: 16, entanglement: w, alpha: 0.2, tolerance: tolerance)
            var result = KernelBuffer.zeroedArrayOnHugePages(count: d.count)
            var scratch = [0.0]
            let inPlace = ThreatModel.propagate(
                w, alpha: 0.2, columns: 16, direct: d, result: &result, scratch: &scratch, tolerance: tolerance,
                maxIterations: 50, resultOnHugePages: true)
            #expect(inPlace.iterations == reference.iterations)
            #expect(result == reference.threat)
            parities.insert(inPlace.iterations % 2)
        }
        #expect(parities.count == 2, "both parities of the pass count were checked")
    }

    @Test("the default work threshold keeps small problems on one thread and shares large ones")
    func effectiveWorkers() throws {
        let small = try PropagationWorkspace(graph: Self.randomW(200, maxDegree: 20, seed: 3), columns: 16, workers: 2)
        #expect(small.effectiveWorkers == 1)
        let large = try PropagationWorkspace(
            graph: Self.randomW(60_000, maxDegree: 20, seed: 3), columns: 1, workers: 2)
        #expect(large.effectiveWorkers == 2)
        try large.setWorkers(1)
        #expect(large.effectiveWorkers == 1)
        #expect(throws: InputError.self) { try large.setWorkers(0) }
    }

    @Test("the workspace rejects bad sizes and non-finite D, and keeps D and T across a graph change")
    func workspaceErrors() throws {
        let w = Self.randomW(10, maxDegree: 3, seed: 1)
        #expect(throws: InputError.self) { try PropagationWorkspace(graph: w, columns: 0) }
        #expect(throws: InputError.self) { try PropagationWorkspace(graph: w, columns: 2, workers: 0) }
        let workspace = try PropagationWorkspace(graph: w, columns: 2, ordering: .reverseCuthillMcKee)
        #expect(throws: InputError.self) { try workspace.setDirect([1, 2, 3]) }
        var bad = [Double](repeating: 0, count: 20)
        bad[7] = .nan
        #expect(throws: InputError.self) { try workspace.setDirect(bad) }
        #expect(throws: InputError.self) { try workspace.replaceGraph(Self.randomW(11, maxDegree: 3, seed: 1)) }
        let d = Self.randomBlock(20, seed: 5)
        try workspace.setDirect(d)
        _ = workspace.pass(alpha: 0.5)
        let before = workspace.threat
        try workspace.replaceGraph(Self.randomW(10, maxDegree: 4, seed: 2))
        #expect(workspace.threat == before)
        // Solving after the change restarts from D under the new graph.
        let w2 = Self.randomW(10, maxDegree: 4, seed: 2)
        let reference = Self.solve(w2, alpha: 0.5, columns: 2, direct: d, workers: 1, path: .reference)
        let outcome = workspace.solve(alpha: 0.5, tolerance: 1e-12, maxIterations: 200)
        #expect(outcome == reference.outcome)
        #expect(workspace.threat == reference.threat)
        // No arcs: T = D, no pass.
        let empty = try PropagationWorkspace(graph: .empty(vertexCount: 4), columns: 3)
        let d4 = Self.randomBlock(12, seed: 3)
        try empty.setDirect(d4)
        #expect(empty.solve(alpha: 0.5).iterations == 0)
        #expect(empty.threat == d4)
        #expect(empty.pass(alpha: 0.5) == 0)
        #expect(empty.threat == d4)
    }
}
