// Benchmarks/Compare/30-metrics: our native PageRank (AllianceGraph.PageRank, power iteration)
// against igraph's C igraph_pagerank (PRPACK) on the same seeded synthetic graphs, interleaved in
// one process. Checks that the scores agree to 1e-9 and prints a Markdown table.
//
//   MetricsCompare [--quick]
//
// Run with OMP_NUM_THREADS=1 (the section script sets it) so igraph uses one thread.
@_spi(Internals) import AllianceGraph
@_spi(Internals) import AllianceGraphFormats
import Foundation
import IGraphPageRankReference

struct Case {
    let label: String
    let vertices: Int
    let edges: Int
    /// Interleaved samples per side; each sample times `batch` consecutive calls.
    let samples: Int
    let batch: Int
}

let quick = CommandLine.arguments.contains("--quick")
let cases: [Case] =
    quick
    ? [
        Case(label: "200 states / 2,000 ties", vertices: 200, edges: 2_000, samples: 5, batch: 10),
        Case(label: "100k / 1M", vertices: 100_000, edges: 1_000_000, samples: 2, batch: 1),
    ]
    : [
        Case(label: "200 states / 2,000 ties", vertices: 200, edges: 2_000, samples: 31, batch: 50),
        Case(label: "1M / 10M", vertices: 1_000_000, edges: 10_000_000, samples: 5, batch: 1),
    ]
let damping = 0.85
let agreement = 1e-9
let seed: UInt64 = 30

func log(_ message: String) {
    FileHandle.standardError.write(Data("30-metrics: \(message)\n".utf8))
}

func format(_ seconds: Double) -> String {
    if seconds < 1e-3 { return String(format: "%.1f us", seconds * 1e6) }
    if seconds < 1 { return String(format: "%.1f ms", seconds * 1e3) }
    return String(format: "%.2f s", seconds)
}

var rows: [String] = []
var failed = false
for c in cases {
    log("generating \(c.label) (seed \(seed))")
    let graph = SyntheticGraph(vertexCount: c.vertices, edgeCount: c.edges, seed: seed)
    let adjacency = try graph.adjacency()
    guard
        let reference = graph.low.withUnsafeBufferPointer({ low in
            graph.high.withUnsafeBufferPointer { high in
                graph.strengths.withUnsafeBufferPointer { w in
                    reference_graph_create(
                        Int64(graph.vertexCount), Int64(graph.edgeCount),
                        low.baseAddress, high.baseAddress, w.baseAddress)
                }
            }
        })
    else {
        log("igraph could not build the graph"); exit(1)
    }
    defer { reference_graph_destroy(reference) }
    var referenceScores = [Double](repeating: 0, count: graph.vertexCount)
    func runReference() {
        let code = referenceScores.withUnsafeMutableBufferPointer {
            reference_graph_pagerank(reference, damping, $0.baseAddress)
        }
        if code != 0 { log("igraph_pagerank failed with code \(code)"); exit(1) }
    }

    // Warm-up call of each side, which also gives the agreement check.
    var ours = try PageRank.compute(adjacency, damping: damping)
    runReference()
    let difference = zip(ours.scores, referenceScores).reduce(0.0) { max($0, abs($1.0 - $1.1)) }
    if !(difference <= agreement) { failed = true }

    var oursSamples = Samples(), referenceSamples = Samples(), ratios = Samples()
    for sample in 0..<c.samples {
        log("\(c.label): sample \(sample + 1) of \(c.samples)")
        func timeOurs() throws -> Double {
            try seconds { for _ in 0..<c.batch { ours = try PageRank.compute(adjacency, damping: damping) } }
                / Double(c.batch)
        }
        func timeReference() -> Double {
            seconds { for _ in 0..<c.batch { runReference() } } / Double(c.batch)
        }
        // Alternate which side goes first so that neither always inherits a warm or cold cache.
        let a: Double, b: Double
        if sample % 2 == 0 { a = try timeOurs(); b = timeReference() } else { b = timeReference(); a = try timeOurs() }
        oursSamples.append(a)
        referenceSamples.append(b)
        ratios.append(a / b)
    }
    rows.append(
        "| \(c.label) | \(c.samples) x \(c.batch) | \(format(oursSamples.median)) (\(format(oursSamples.minimum)) - \(format(oursSamples.maximum))) | "
            + "\(format(referenceSamples.median)) (\(format(referenceSamples.minimum)) - \(format(referenceSamples.maximum))) | "
            + String(format: "%.3f (%.3f - %.3f)", ratios.median, ratios.minimum, ratios.maximum)
            + " | \(ours.iterations) | " + String(format: "%.1e", difference) + (difference <= agreement ? "" : " FAIL")
            + " |")
}

print("## 30-metrics: PageRank, native power iteration vs igraph_pagerank (PRPACK)")
print()
print(
    "Seeded synthetic graphs (uniform random pairs, strengths uniform in [0.05, 1)), damping \(damping), "
        + "undirected, weighted; OMP_NUM_THREADS=\(ProcessInfo.processInfo.environment["OMP_NUM_THREADS"] ?? "unset"). "
        + "Times per call: median (min - max) over interleaved samples; ratio = ours / igraph per sample pair "
        + "(below 1: ours is faster). Native stopping rule: L1 change < 1e-13. Agreement required: max |difference| <= 1e-9."
        + (quick ? " **--quick: smoke-run sizes, not for the README.**" : ""))
print()
print("| graph | samples x calls | ours | igraph | ratio | steps | max abs diff |")
print("|---|---|---|---|---|---|---|")
for row in rows { print(row) }
if failed {
    log("PageRank scores differ from igraph's by more than \(agreement)")
    exit(1)
}
