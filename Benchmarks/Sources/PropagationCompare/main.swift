// PropagationCompare: the timing program of Benchmarks/Compare/10-propagation.
//
// Times AllianceGraph's propagation pass (PropagationWorkspace.pass) against the C kernels of
// the CPropagation target (clang -O3) on the identical CSR arrays, alternately in this process,
// and against scipy's `csr @ x` in a python child process fed the same CSR through files in a
// temporary folder; the three are interleaved repetition by repetition, so a ratio compares
// runs made under the same machine load. Prints Markdown tables.
//
//   PropagationCompare --mode ratios  [--quick]   run under `taskset -c 0`: one-core ratios
//   PropagationCompare --mode scaling [--quick]   run on both cores: 2 workers vs 1
//   PropagationCompare --mode isa                 prints the multi-source rows' instruction set
// Options: --python PATH (default python3), --scipy-script PATH (default: beside this package),
//          --reps N, --tmp DIR, --no-reordering (skip the reordering table).
@_spi(Internals) import AllianceGraph
@_spi(Internals) import AllianceGraphFormats
import CPropagation
import Dispatch
import Foundation
import PropagationFixtures

#if canImport(Glibc)
    import Glibc
#endif

// MARK: - Options

struct Options {
    var mode = "ratios"
    var quick = false
    var python = "python3"
    var scipyScript: String?
    var reps: Int?
    var tmp: String?
    var reordering = true

    init(_ arguments: [String]) {
        var it = arguments.dropFirst().makeIterator()
        while let a = it.next() {
            switch a {
            case "--mode": mode = it.next() ?? mode
            case "--quick": quick = true
            case "--python": python = it.next() ?? python
            case "--scipy-script": scipyScript = it.next()
            case "--reps": reps = it.next().flatMap { Int($0) }
            case "--tmp": tmp = it.next()
            case "--no-reordering": reordering = false
            default:
                FileHandle.standardError.write("PropagationCompare: unknown option \(a)\n".data(using: .utf8)!)
                exit(64)
            }
        }
    }
}

let options = Options(CommandLine.arguments)

func now() -> Int64 { cprop_now_ns() }

func log(_ s: String) { FileHandle.standardError.write((s + "\n").data(using: .utf8)!) }

// MARK: - Statistics

/// Type-7 quantile of an unsorted sample.
func quantile(_ values: [Double], _ p: Double) -> Double {
    DistributionSummary.quantile(values.sorted(), p)
}

/// "median (p25 - p75)" of a sample with a formatter.
func spread(_ values: [Double], _ format: (Double) -> String) -> String {
    "\(format(quantile(values, 0.5))) (\(format(quantile(values, 0.25))) - \(format(quantile(values, 0.75))))"
}

func time(_ ns: Double) -> String {
    if ns >= 1e6 { return String(format: "%.2f ms", ns / 1e6) }
    if ns >= 1e3 { return String(format: "%.2f us", ns / 1e3) }
    return String(format: "%.0f ns", ns)
}

func ratio(_ x: Double) -> String { String(format: "%.2f", x) }

// MARK: - Files for the python child

/// Writes an array's bytes to `path` (raw, little-endian, as numpy.fromfile reads them).
func writeRaw<T>(_ array: [T], to path: String) {
    guard let file = fopen(path, "wb") else { log("cannot write \(path)"); exit(1) }
    array.withUnsafeBytes { raw in _ = fwrite(raw.baseAddress, 1, raw.count, file) }
    fclose(file)
}

/// The scipy side: a python process that loads CSRs and times `W @ x` on request.
final class ScipyChild {
    let process = Process()
    let input = Pipe(), output = Pipe()
    var buffer: [UInt8] = []
    private(set) var version = ""

    init?(python: String, script: String) {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [python, script]
        var environment = ProcessInfo.processInfo.environment
        for key in ["OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"] { environment[key] = "1" }
        process.environment = environment
        process.standardInput = input
        process.standardOutput = output
        do { try process.run() } catch { log("scipy: cannot start \(python): \(error)"); return nil }
        guard let hello = readLine(), hello.hasPrefix("ready") else {
            log("scipy: the python child did not start (is scipy installed for \(python)?)")
            return nil
        }
        version = String(hello.dropFirst("ready".count)).trimmingCharacters(in: .whitespaces)
    }

    func send(_ line: String) {
        input.fileHandleForWriting.write((line + "\n").data(using: .utf8)!)
    }

    func readLine() -> String? {
        let fd = output.fileHandleForReading.fileDescriptor
        while true {
            if let newline = buffer.firstIndex(of: 10) {
                let line = String(decoding: buffer[..<newline], as: UTF8.self)
                buffer.removeSubrange(...newline)
                return line
            }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let n = read(fd, &chunk, chunk.count)
            if n <= 0 { return nil }
            buffer.append(contentsOf: chunk[0..<n])
        }
    }

    /// Asks for one batch; returns nanoseconds per product.
    func time(_ name: String, columns: Int, batch: Int) -> Double? {
        send("time \(name) \(columns) \(batch)")
        return readLine().flatMap(Double.init)
    }

    func load(_ name: String, prefix: String, rows: Int) -> Bool {
        send("load \(name) \(prefix) \(rows)")
        return readLine() == "ok"
    }

    func quit() {
        send("quit")
        process.waitUntilExit()
    }
}

// MARK: - The C side

/// The C kernel's own d, x and y buffers (2 MiB pages, as the workspace's) over the graph's CSR arrays.
final class CKernel {
    let graph: CSRAdjacency
    let columns: Int
    let alpha: Double
    let count: Int
    let direct: UnsafeMutablePointer<Double>
    var x: UnsafeMutablePointer<Double>
    var y: UnsafeMutablePointer<Double>

    /// Arcs ahead to prefetch in the 16-column pass: the workspace's own figure, so that both
    /// sides run the same memory strategy.
    let prefetchDistance: Int

    init(graph: CSRAdjacency, columns: Int, alpha: Double, direct d: [Double], prefetchDistance: Int = 0) {
        self.graph = graph; self.columns = columns; self.alpha = alpha; self.prefetchDistance = prefetchDistance
        count = d.count
        guard let a = cprop_alloc(Int64(count)), let b = cprop_alloc(Int64(count)), let c = cprop_alloc(Int64(count))
        else {
            log("out of memory"); exit(1)
        }
        direct = a; x = b; y = c
        d.withUnsafeBufferPointer { direct.update(from: $0.baseAddress!, count: count) }
        x.update(from: direct, count: count)
    }

    deinit { cprop_free(direct); cprop_free(x); cprop_free(y) }

    /// One pass from x into y, then swap: as the workspace does.
    func pass() -> Double {
        let rows = Int64(graph.vertexCount), alpha = alpha, columns = columns
        let d = UnsafePointer(direct), input = UnsafePointer(x), output = y, ahead = Int64(prefetchDistance)
        let change = graph.offsets.withUnsafeBufferPointer { off in
            graph.targets.withUnsafeBufferPointer { tgt in
                graph.weights.withUnsafeBufferPointer { w in
                    columns == 1
                        ? cprop_pass_1(rows, off.baseAddress, tgt.baseAddress, w.baseAddress, alpha, d, input, output)
                        : cprop_pass_16(
                            rows, off.baseAddress, tgt.baseAddress, w.baseAddress, alpha, d, input, output, ahead)
                }
            }
        }
        swap(&x, &y)
        return change
    }

    var current: [Double] { Array(UnsafeBufferPointer(start: x, count: count)) }
}

// MARK: - Measurement

let alpha = 0.5
nonisolated(unsafe) var sink = 0.0

/// Times `batch` calls of `body`; nanoseconds per call.
@inline(never)
func timeBatch(_ batch: Int, _ body: () -> Double) -> Double {
    let start = now()
    for _ in 0..<batch { sink += body() }
    return Double(now() - start) / Double(batch)
}

/// A batch size making one timed batch last about `target` ns, from one probe call.
func batchSize(perCall ns: Double, target: Double) -> Int { max(1, Int((target / max(ns, 1)).rounded(.up))) }

struct Case {
    let label: String
    let name: String
    let graph: CSRAdjacency
}

func sizeLabel(_ n: Int, _ e: Int) -> String {
    func f(_ v: Int) -> String {
        v >= 1_000_000 && v % 1_000_000 == 0
            ? "\(v / 1_000_000)M" : (v >= 10_000 && v % 1_000 == 0 ? "\(v / 1_000)k" : String(v))
    }
    return "\(f(n)) / \(f(e))"
}

let loadBefore =
    (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3).joined(
        separator: " ") ?? "?"
/// The CPUs this process may run on (`Cpus_allowed_list` of /proc/self/status: "0" under taskset -c 0).
let allowedCPUs: String = {
    let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
    let line = status.split(separator: "\n").first { $0.hasPrefix("Cpus_allowed_list:") }
    return line.map { $0.dropFirst("Cpus_allowed_list:".count).trimmingCharacters(in: .whitespaces) } ?? "?"
}()

let sizes: [(Int, Int)] =
    options.quick ? [(200, 2_000), (100_000, 1_000_000)] : [(200, 2_000), (1_000_000, 10_000_000)]
let reps = options.reps ?? (options.quick ? 5 : 21)
/// About 20 ms per timed batch (2 ms in quick mode), so that small passes are timed in batches.
let batchTarget = options.quick ? 2e6 : 2e7

func buildCases(shape: SyntheticGraph.Shape) -> [Case] {
    sizes.enumerated().map { index, size in
        let start = now()
        let g = SyntheticGraph.make(vertices: size.0, arcs: size.1, seed: 7 + UInt64(index), shape: shape)
        log("built \(shape.rawValue) \(sizeLabel(size.0, size.1)) in \(time(Double(now() - start)))")
        return Case(label: sizeLabel(size.0, size.1), name: "\(shape.rawValue)-\(size.0)", graph: g)
    }
}

func checkIdentical(_ ours: [Double], _ theirs: [Double], _ what: String) {
    if ours != theirs {
        log("MISMATCH: \(what): Swift and C passes differ")
        exit(1)
    }
}

// MARK: - Ratios mode (one core)

func ratiosMode() {
    print("## Propagation kernel (`10-propagation`)")
    print()
    print("One Jacobi pass `T' = D + 0.5 W T` (returns the largest change) on seeded synthetic W (targets uniform),")
    print("timed in one process, interleaved repetition by repetition: **Swift** = `PropagationWorkspace.pass`")
    print("(1 worker), **C** = the same loops in C (`cprop_pass_1`/`cprop_pass_16`, clang -O3, same CSR arrays;")
    print("outputs checked bitwise equal), **scipy** = `W @ x` (`csr_matrix`, float64; x is N or N x 16) in a python")
    print(
        "child on the same CSR. Multi-source rows on this run: **\(PropagationWorkspace.instructionSet)** (AVX2 is chosen at run"
    )
    print(
        "time where the CPU has it; `ALLIANCEGRAPH_SIMD=baseline` forces the SSE2 loops). For a 16-column T of 1 MiB or more"
    )
    print(
        "both Swift and C prefetch the T row of an arc further on (the workspace's `prefetchDistance`); the C loops are baseline x86-64."
    )
    print("Ratios are Swift / reference per repetition (below 1: Swift faster):")
    print(
        "median (p25 - p75) over \(reps) repetitions. CPUs allowed: \(allowedCPUs) (run under `taskset -c 0` for one core);"
    )
    print("load average before: \(loadBefore).")
    print()
    let script =
        options.scipyScript
        ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Compare/propagation_scipy.py").path
    let folder = options.tmp ?? NSTemporaryDirectory() + "alliancegraph-propagation-\(getpid())"
    try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let scipy = ScipyChild(python: options.python, script: script)
    if let scipy { log("scipy child: \(scipy.version)") }

    let cases = buildCases(shape: .uniform)
    var rows: [String] = []
    var throughputRows: [String] = []
    for item in cases {
        let g = item.graph, n = g.vertexCount
        let d1 = SyntheticGraph.block(count: n, seed: 1), d16 = SyntheticGraph.block(count: n * 16, seed: 16)
        var scipyReady = false
        if let scipy {
            let prefix = folder + "/" + item.name
            writeRaw(g.offsets, to: prefix + ".offsets.i32")
            writeRaw(g.targets, to: prefix + ".targets.i32")
            writeRaw(g.weights, to: prefix + ".weights.f64")
            writeRaw(d1, to: prefix + ".x1.f64")
            writeRaw(d16, to: prefix + ".x16.f64")
            scipyReady = scipy.load(item.name, prefix: prefix, rows: n)
            if !scipyReady { log("scipy: could not load \(item.name)") }
        }
        var perColumns: [Int: [Double]] = [:]
        for columns in [1, 16] {
            let d = columns == 1 ? d1 : d16
            let ours = try! PropagationWorkspace(graph: g, columns: columns, workers: 1)
            try! ours.setDirect(d)
            let c = CKernel(
                graph: g, columns: columns, alpha: alpha, direct: d, prefetchDistance: ours.prefetchDistance)
            // Same start, one pass each: bitwise equal outputs and changes.
            let changeOurs = ours.pass(alpha: alpha), changeC = c.pass()
            checkIdentical(ours.threat, c.current, "\(item.label), \(columns) columns")
            if changeOurs != changeC { log("MISMATCH: change \(changeOurs) vs \(changeC)"); exit(1) }
            // Warm up and size the batches.
            let probe = timeBatch(3) { ours.pass(alpha: alpha) }
            _ = timeBatch(3) { c.pass() }
            let batch = batchSize(perCall: probe, target: batchTarget)
            var tOurs: [Double] = [], tC: [Double] = [], tPy: [Double] = []
            if scipyReady { _ = scipy!.time(item.name, columns: columns, batch: max(1, batch / 4)) }
            for r in 0..<reps {
                // Rotate the order so that no side always runs first.
                for slot in 0..<3 {
                    switch (slot + r) % 3 {
                    case 0: tOurs.append(timeBatch(batch) { ours.pass(alpha: alpha) })
                    case 1: tC.append(timeBatch(batch) { c.pass() })
                    default:
                        if scipyReady, let t = scipy!.time(item.name, columns: columns, batch: batch) { tPy.append(t) }
                    }
                }
            }
            perColumns[columns] = tOurs
            let vsC = zip(tOurs, tC).map { $0 / $1 }
            let vsPy = zip(tOurs, tPy).map { $0 / $1 }
            let edgesPerSecond = Double(g.arcCount * columns) / (quantile(tOurs, 0.5) * 1e-9)
            rows.append(
                "| \(item.label) | \(columns) | \(spread(tOurs, time)) | \(spread(tC, time)) | "
                    + "\(tPy.isEmpty ? "n/a" : spread(tPy, time)) | **\(spread(vsC, ratio))** | "
                    + "\(vsPy.isEmpty ? "n/a" : spread(vsPy, ratio)) | \(String(format: "%.2f", edgesPerSecond / 1e9)) |"
            )
            log("\(item.label), \(columns) column(s) done")
        }
        _ = perColumns
    }
    print(
        "| states / ties | sources | Swift | C -O3 | scipy `W @ x` | Swift / C | Swift / scipy | Swift G edge-columns/s |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for row in rows { print(row) }
    print()

    // Multi-source throughput: 16 columns vs 1, both ours, interleaved.
    for item in cases {
        let g = item.graph, n = g.vertexCount
        let one = try! PropagationWorkspace(graph: g, columns: 1)
        try! one.setDirect(SyntheticGraph.block(count: n, seed: 1))
        let sixteen = try! PropagationWorkspace(graph: g, columns: 16)
        try! sixteen.setDirect(SyntheticGraph.block(count: n * 16, seed: 16))
        let b1 = batchSize(perCall: timeBatch(3) { one.pass(alpha: alpha) }, target: batchTarget)
        let b16 = batchSize(perCall: timeBatch(3) { sixteen.pass(alpha: alpha) }, target: batchTarget)
        var gains: [Double] = []
        for _ in 0..<reps {
            let t1 = timeBatch(b1) { one.pass(alpha: alpha) }
            let t16 = timeBatch(b16) { sixteen.pass(alpha: alpha) }
            gains.append(16 * t1 / t16)
        }
        throughputRows.append(
            "| \(item.label) | **\(spread(gains, ratio))** | \(quantile(gains, 0.5) >= 4 ? "met" : "not met") |")
    }
    print(
        "Per-edge throughput of the 16-source pass over the single-column pass (edges x columns / time; target >= 4),")
    print("both Swift, one worker, interleaved:")
    print()
    print("| states / ties | 16-source / 1-source throughput | target >= 4x |")
    print("|---|---|---|")
    for row in throughputRows { print(row) }
    print()
    if options.reordering { reorderingTable() }
    scipy?.quit()
}

// MARK: - Reordering

/// Natural order vs reverse Cuthill-McKee on the largest size, both graph shapes.
func reorderingTable() {
    guard let size = sizes.last else { return }
    print(
        "Vertex reordering (reverse Cuthill-McKee, `ordering: .reverseCuthillMcKee`) on \(sizeLabel(size.0, size.1)):")
    print("pass time in RCM order / natural order, interleaved (below 1: reordering pays), and the one-time cost of")
    print("computing the order and permuting W, in passes of the natural order:")
    print()
    print("| graph | sources | natural | RCM order | RCM / natural | ordering cost (passes) |")
    print("|---|---|---|---|---|---|")
    for shape in SyntheticGraph.Shape.allCases {
        let g = SyntheticGraph.make(vertices: size.0, arcs: size.1, seed: 7 + UInt64(sizes.count - 1), shape: shape)
        for columns in [1, 16] {
            let d = SyntheticGraph.block(count: g.vertexCount * columns, seed: UInt64(columns))
            let natural = try! PropagationWorkspace(graph: g, columns: columns)
            try! natural.setDirect(d)
            let start = now()
            let reordered = try! PropagationWorkspace(graph: g, columns: columns, ordering: .reverseCuthillMcKee)
            let cost = Double(now() - start)
            try! reordered.setDirect(d)
            let bN = batchSize(perCall: timeBatch(2) { natural.pass(alpha: alpha) }, target: batchTarget)
            _ = timeBatch(2) { reordered.pass(alpha: alpha) }
            var tN: [Double] = [], tR: [Double] = []
            for _ in 0..<max(3, reps / 2) {
                tN.append(timeBatch(bN) { natural.pass(alpha: alpha) })
                tR.append(timeBatch(bN) { reordered.pass(alpha: alpha) })
            }
            let gain = zip(tR, tN).map { $0 / $1 }
            print(
                "| \(shape.rawValue) | \(columns) | \(spread(tN, time)) | \(spread(tR, time)) | **\(spread(gain, ratio))** | "
                    + "\(time(cost)) (\(String(format: "%.0f", cost / quantile(tN, 0.5)))) |")
        }
    }
    print()
}

// MARK: - Scaling mode (two cores)

/// How many cores two busy threads get right now: process CPU time / wall time while two threads
/// spin for a fixed count (about 2 on an idle 2-core machine).
func coresAvailable() -> Double {
    let c0 = cprop_process_cpu_ns(), w0 = now()
    DispatchQueue.concurrentPerform(iterations: 2) { _ in
        var x = 0.0
        for i in 0..<150_000_000 { x += Double(i & 1) }
        if x < 0 { print(x) }
    }
    return Double(cprop_process_cpu_ns() - c0) / Double(now() - w0)
}

func scalingMode() {
    let coresBefore = coresAvailable()
    print(
        "Two cores: `PropagationWorkspace.pass` with `workers: 2` vs `workers: 1` (same process, interleaved; target:")
    print("2 workers at least 1.6x faster on 1M / 10M, one column). Speed-up = time(1 worker) / time(2 workers),")
    print(
        "median (p25 - p75) over \(reps) repetitions. CPUs allowed: \(allowedCPUs); load average before: \(loadBefore)."
    )
    print()
    print("The last column is the process's CPU time over wall time while the 2-worker passes ran: about 2 when both")
    print("workers had a core, near 1 when other work held the second core (then the speed-up says nothing).")
    print()
    print("| states / ties | sources | 1 worker | 2 workers | speed-up | effective workers | CPU / wall, 2 workers |")
    print("|---|---|---|---|---|---|---|")
    guard let size = sizes.last else { return }
    let g = SyntheticGraph.make(vertices: size.0, arcs: size.1, seed: 7 + UInt64(sizes.count - 1), shape: .uniform)
    for columns in [1, 16] {
        let d = SyntheticGraph.block(count: g.vertexCount * columns, seed: UInt64(columns))
        let one = try! PropagationWorkspace(graph: g, columns: columns, workers: 1)
        try! one.setDirect(d)
        let two = try! PropagationWorkspace(graph: g, columns: columns, workers: 2)
        try! two.setDirect(d)
        let b = batchSize(perCall: timeBatch(2) { one.pass(alpha: alpha) }, target: batchTarget)
        _ = timeBatch(2) { two.pass(alpha: alpha) }
        var t1: [Double] = [], t2: [Double] = []
        var cpu2 = 0.0, wall2 = 0.0
        func timeTwo() {
            let c0 = cprop_process_cpu_ns(), w0 = now()
            t2.append(timeBatch(b) { two.pass(alpha: alpha) })
            cpu2 += Double(cprop_process_cpu_ns() - c0)
            wall2 += Double(now() - w0)
        }
        for r in 0..<reps {
            if r % 2 == 0 {
                t1.append(timeBatch(b) { one.pass(alpha: alpha) })
                timeTwo()
            } else {
                timeTwo()
                t1.append(timeBatch(b) { one.pass(alpha: alpha) })
            }
        }
        if one.threat != two.threat { log("MISMATCH: 1 and 2 workers differ"); exit(1) }
        let speedup = zip(t1, t2).map { $0 / $1 }
        print(
            "| \(sizeLabel(size.0, size.1)) | \(columns) | \(spread(t1, time)) | \(spread(t2, time)) | **\(spread(speedup, ratio))** | "
                + "\(two.effectiveWorkers) | \(String(format: "%.2f", cpu2 / wall2)) |")
    }
    let coresAfter = coresAvailable()
    let loadAfter =
        (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3).joined(
            separator: " ") ?? "?"
    print()
    print("Load average after: \(loadAfter) (a load near or above 2 means other work shared the cores). Two busy")
    print(
        "threads got \(String(format: "%.2f", coresBefore)) cores before and \(String(format: "%.2f", coresAfter)) after this table "
            + "(about 2 when the machine is idle: only then does the speed-up measure the kernel).")
}

switch options.mode {
case "ratios": ratiosMode()
case "scaling": scalingMode()
case "isa": print(PropagationWorkspace.instructionSet)
default:
    log("PropagationCompare: --mode must be ratios, scaling or isa")
    exit(64)
}
if sink.isNaN { print("") }
