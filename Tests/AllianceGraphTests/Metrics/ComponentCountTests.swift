import Testing
@_spi(Internals) @testable import AllianceGraph
@_spi(Internals) @testable import AllianceGraphFormats

/// `NetworkMetrics.componentCount` (union-find over the commitments) against igraph's
/// `igraph_connected_components` on the alliance graph view.
@Suite("Component count")
struct ComponentCountTests {
    static func igraphCount(_ network: AllianceNetwork) throws -> Int {
        let view = AllianceGraphView(network)
        return try IGraph.run { () throws(ComputationError) -> Int in try IGraphSession(view).components().count }
    }

    @Test(
        "same count as igraph on sparse random networks (many components, isolated states)",
        arguments: [(40, 10), (200, 60), (500, 400), (1000, 2000), (300, 3000)])
    func randomNetworks(states: Int, ties: Int) throws {
        for seed: UInt64 in 1...4 {
            for model in SyntheticNetworkModel.allCases {
                let network = try SyntheticNetwork(states: states, ties: ties, seed: seed, model: model).scenario()
                    .network
                let expected = try Self.igraphCount(network)
                #expect(try NetworkMetrics.componentCount(network) == expected, "\(model) \(states)/\(ties) \(seed)")
            }
        }
    }

    @Test("bundled networks and a network without ties")
    func bundled() throws {
        for name in ["europe-1914.json", "europe-1936.json", "cold-war-1962.json", "nato-2024.json"] {
            let network = try ScenarioLoader.load(path: TestSupport.network(name)).network
            #expect(try NetworkMetrics.componentCount(network) == Self.igraphCount(network), "\(name)")
        }
        let lonely = try AllianceNetwork(states: (0..<5).map { State(code: "S\($0)", capability: 0.1) })
        #expect(try NetworkMetrics.componentCount(lonely) == 5)
    }
}
