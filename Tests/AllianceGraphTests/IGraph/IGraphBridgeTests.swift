import CIgraph
import Foundation
import Testing
@_spi(Internals) @testable import AllianceGraph
@_spi(Internals) @testable import AllianceGraphFormats
@testable import AllianceGraphRender

/// igraph misuse must come back as a Swift error, never abort the process; concurrent use must be
/// safe (the build is not thread-safe, so the bridge serialises every call).
@Suite("igraph bridge")
struct IGraphBridgeTests {
    @Test("an out-of-range vertex id is rejected before igraph sees it")
    func outOfRangeVertex() {
        #expect(throws: ComputationError.self) {
            try IGraph.run { () throws(ComputationError) -> Int in
                let graph = try IGraphGraph(vertexCount: 3, edges: [(0, 1), (1, 7)])
                _ = graph
                return 0
            }
        }
    }

    @Test("NaN, zero and negative lengths are rejected with the edge named")
    func invalidLengths() {
        for bad in [Double.nan, 0, -1, .infinity] {
            #expect(throws: ComputationError.self) {
                _ = try validatedWeights([1, bad], count: 2, positive: true, "betweenness")
            }
        }
    }

    @Test("igraph's own error reaches Swift through the handler and the process survives")
    func igraphErrorBecomesSwiftError() throws {
        // Bypass the Swift validation on purpose: igraph itself rejects a negative length.
        var caught: ComputationError?
        do {
            _ = try IGraph.run { () throws(ComputationError) -> [Double] in
                let graph = try IGraphGraph(vertexCount: 3, edges: [(0, 1), (1, 2)])
                let lengths = IGraphRealVector([1, -1])
                let result = IGraphRealVector()
                try IGraph.check(
                    igraph_betweenness(graph.pointer, result.pointer, igraph_vss_all(), false, lengths.pointer),
                    "betweenness")
                return result.array
            }
        } catch {
            caught = error
        }
        let error = try #require(caught)
        #expect(error.operation == "betweenness")
        #expect(!error.reason.isEmpty && error.reason != "igraph reported an error without a reason", "\(error)")
        // The bridge still works afterwards (the cleanup stack was freed).
        let view = try AllianceGraphView(vertexCount: 3, edges: [(0, 1, 1), (1, 2, 0.5)])
        let betweenness = try IGraph.run { () throws(ComputationError) -> [Double] in
            try IGraphSession(view).betweenness()
        }
        #expect(betweenness == [0, 1, 0])
    }

    @Test("malformed GraphML is an error, not an abort")
    func malformedGraphML() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "malformed-\(UUID().uuidString).graphml")
        try Data("<graphml><graph edgedefault=\"undirected\"><node id=\"a\"/><edge source=\"a\" target=".utf8).write(
            to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(throws: ComputationError.self) {
            try IGraph.run { () throws(ComputationError) -> Int in
                guard let file = fopen(url.path, "r") else {
                    throw ComputationError(operation: "test", reason: "can't open the fixture")
                }
                defer { fclose(file) }
                let graph = UnsafeMutablePointer<igraph_t>.allocate(capacity: 1)
                defer { graph.deallocate() }
                try IGraph.check(igraph_read_graph_graphml(graph, file, 0), "reading GraphML")
                igraph_destroy(graph)
                return 0
            }
        }
    }

    @Test("eight concurrent metric computations equal the sequential results")
    func concurrentMetrics() async throws {
        let scenario = try ScenarioLoader.load(path: TestSupport.network("nato-2024.json"))
        let networks = [
            scenario.activeNetwork(),
            try ScenarioLoader.load(path: TestSupport.network("europe-1914.json")).activeNetwork(),
        ]
        let sequential = try (0..<8).map { try NetworkMetrics.compute(networks[$0 % 2], seed: UInt64($0)) }
        let concurrent = try await withThrowingTaskGroup(of: (Int, MetricsReport).self) { group in
            for k in 0..<8 {
                group.addTask { (k, try NetworkMetrics.compute(networks[k % 2], seed: UInt64(k))) }
            }
            var results = [MetricsReport?](repeating: nil, count: 8)
            for try await (k, report) in group { results[k] = report }
            return results.compactMap { $0 }
        }
        #expect(concurrent.count == 8)
        for k in 0..<8 { #expect(concurrent[k] == sequential[k], "computation \(k) differs") }
    }

    @Test("seeded igraph steps are reproducible")
    func seededReproducible() throws {
        let network = try ScenarioLoader.load(path: TestSupport.network("europe-1914.json")).activeNetwork()
        #expect(try NetworkMetrics.compute(network, seed: 42) == NetworkMetrics.compute(network, seed: 42))
    }
}
