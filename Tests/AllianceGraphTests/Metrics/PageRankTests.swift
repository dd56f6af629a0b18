import Testing
@_spi(Internals) @testable import AllianceGraph
@_spi(Internals) @testable import AllianceGraphFormats
@testable import AllianceGraphRender

/// The native PageRank kernel against igraph's `igraph_pagerank` (PRPACK) and known answers.
@Suite("Native PageRank")
struct PageRankTests {
    /// Largest absolute difference between our PageRank and igraph's on `view`.
    static func differenceFromIGraph(_ view: AllianceGraphView) throws -> Double {
        let ours = try PageRank.compute(view).scores
        let reference = try IGraph.run { () throws(ComputationError) -> [Double] in
            try IGraphSession(view).pagerank()
        }
        #expect(ours.count == reference.count)
        return zip(ours, reference).reduce(0) { max($0, abs($1.0 - $1.1)) }
    }

    /// A seeded random graph of one of several shapes; strengths in (0, 1] or all 1.
    static func randomGraph(seed: UInt64) throws -> (AllianceGraphView, String) {
        var random = SeededRandom(seed: seed)
        let shape = Int(seed % 6)
        let n = 2 + Int(random.next() % (seed % 3 == 0 ? 300 : 60))  // some above PRPACK's 128-vertex switch
        let weighted = random.nextUnit() < 0.7
        func strength() -> Double { weighted ? 0.05 + 0.95 * random.nextUnit() : 1 }
        var edges: [(Int, Int, Double)] = []
        var label: String
        switch shape {
        case 0:  // Erdos-Renyi, mean degree 2-10
            let p = (2 + 8 * random.nextUnit()) / Double(n)
            for a in 0..<n { for b in (a + 1)..<n where random.nextUnit() < p { edges.append((a, b, strength())) } }
            label = "G(n, p)"
        case 1:  // two dense components and isolated states
            let split = n / 2, isolates = min(3, n - split)
            for a in 0..<n - isolates {
                for b in (a + 1)..<(n - isolates) where (a < split) == (b < split) && random.nextUnit() < 0.4 {
                    edges.append((a, b, strength()))
                }
            }
            label = "disconnected with isolates"
        case 2:  // a star, plus isolates
            let leaves = max(1, n - 1 - Int(random.next() % 3))
            for leaf in 1...leaves { edges.append((0, leaf, strength())) }
            label = "star"
        case 3:  // complete
            let size = min(n, 40)
            for a in 0..<size { for b in (a + 1)..<size { edges.append((a, b, strength())) } }
            label = "complete"
        case 4:  // a path (bipartite: the slowest mode alternates)
            for a in 0..<(n - 1) { edges.append((a, a + 1, strength())) }
            label = "path"
        default:  // sparse forest-like graph with many isolated states
            for _ in 0..<(n / 3) {
                let a = Int(random.next() % UInt64(n)), b = Int(random.next() % UInt64(n))
                if a != b && !edges.contains(where: { ($0.0 == a && $0.1 == b) || ($0.0 == b && $0.1 == a) }) {
                    edges.append((a, b, strength()))
                }
            }
            label = "sparse with isolates"
        }
        return (try AllianceGraphView(vertexCount: n, edges: edges), "\(label), n = \(n), seed \(seed)")
    }

    @Test("agrees with igraph's PRPACK to 1e-9 on 300 seeded random graphs of six shapes")
    func agreesWithIGraphOnRandomGraphs() throws {
        var worst = 0.0
        for seed in UInt64(1)...300 {
            let (view, label) = try Self.randomGraph(seed: seed)
            let difference = try Self.differenceFromIGraph(view)
            #expect(difference <= 1e-9, "\(label): max |ours - igraph| = \(difference)")
            worst = max(worst, difference)
        }
        #expect(worst <= 1e-9, "worst difference \(worst)")
    }

    @Test("agrees with igraph on the bundled networks")
    func agreesWithIGraphOnBundledNetworks() throws {
        for file in ["europe-1914.json", "nato-2024.json"] {
            let network = try ScenarioLoader.load(path: TestSupport.network(file)).activeNetwork()
            let difference = try Self.differenceFromIGraph(AllianceGraphView(network))
            #expect(difference <= 1e-9, "\(file): \(difference)")
        }
    }

    @Test("an unweighted star: centre (1 + alpha k) / (n (1 + alpha)), leaves share the rest")
    func starKnownAnswer() throws {
        let k = 9, n = 10, alpha = 0.85
        let view = try AllianceGraphView(vertexCount: n, edges: (1...k).map { (0, $0, 1.0) })
        let scores = try PageRank.compute(view).scores
        let centre = (1 + alpha * Double(k)) / (Double(n) * (1 + alpha))
        #expect(abs(scores[0] - centre) < 1e-13)
        for leaf in 1...k { #expect(abs(scores[leaf] - (1 - centre) / Double(k)) < 1e-13) }
    }

    @Test("scores sum to 1, isolated states get the uniform jump plus the dangling share")
    func isolatedStates() throws {
        let view = try AllianceGraphView(vertexCount: 5, edges: [(0, 1, 0.5), (1, 2, 1)])
        let result = try PageRank.compute(view)
        #expect(abs(result.scores.reduce(0, +) - 1) < 1e-15)
        #expect(result.converged && result.lastChange < PageRank.defaultTolerance)
        #expect(result.scores[3] == result.scores[4])
        // An isolated state receives (1 - alpha)/n + alpha/n * (mass of the isolated states).
        let isolatedMass = result.scores[3] + result.scores[4]
        #expect(abs(result.scores[3] - (0.15 / 5 + 0.85 / 5 * isolatedMass)) < 1e-13)
    }

    @Test("a graph without ties is uniform; an empty graph has no scores")
    func degenerateGraphs() throws {
        let scores = try PageRank.compute(try AllianceGraphView(vertexCount: 4, edges: [])).scores
        #expect(scores == [0.25, 0.25, 0.25, 0.25])
        #expect(try PageRank.compute(try AllianceGraphView(vertexCount: 0, edges: [])).scores.isEmpty)
    }

    @Test("damping outside [0, 1), non-positive weights and non-convergence are errors")
    func invalidInput() throws {
        let view = try AllianceGraphView(vertexCount: 3, edges: [(0, 1, 1), (1, 2, 1)])
        #expect(throws: ComputationError.self) { try PageRank.compute(view, damping: 1) }
        #expect(throws: ComputationError.self) { try PageRank.compute(view, damping: -0.1) }
        #expect(throws: ComputationError.self) { try PageRank.compute(view, tolerance: 0) }
        #expect(throws: ComputationError.self) { try PageRank.compute(view, maxIterations: 2) }
        let negative = try CSRAdjacency(vertexCount: 2, offsets: [0, 1, 2], targets: [1, 0], weights: [-1, -1])
        #expect(throws: ComputationError.self) { try PageRank.compute(negative) }
    }

    @Test("damping 0 gives the uniform distribution in one step")
    func zeroDamping() throws {
        let view = try AllianceGraphView(vertexCount: 3, edges: [(0, 1, 1), (1, 2, 0.3)])
        let result = try PageRank.compute(view, damping: 0)
        #expect(result.scores.allSatisfy { abs($0 - 1.0 / 3) < 1e-16 })
        #expect(result.iterations == 1)
    }

    @Test("the metric column is the native kernel's result")
    func metricUsesKernel() throws {
        let network = try ScenarioLoader.load(path: TestSupport.network("europe-1914.json")).activeNetwork()
        let report = try NetworkMetrics.compute(network, seed: 0)
        let column = (report.column("pagerank") ?? []).map(\.number)
        #expect(column == (try PageRank.compute(AllianceGraphView(network)).scores))
    }
}
