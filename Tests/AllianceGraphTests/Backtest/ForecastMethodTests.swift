import Testing
@_spi(Internals) @testable import AllianceGraph

@Suite("Backtest: link-prediction baselines through igraph")
struct ForecastMethodTests {
    /// Edges 0-1, 0-2, 1-2, 2-3 (defence pacts); degrees 2, 2, 3, 1.
    static func network() throws -> AllianceNetwork {
        let states = (0..<4).map { State(code: "S\($0)", capability: 0.25) }
        let pairs = [(0, 1), (0, 2), (1, 2), (2, 3)]
        return try AllianceNetwork(
            states: states, commitments: pairs.map { .symmetric(.defense, StateID($0.0), StateID($0.1)) })
    }

    @Test("common neighbours, Jaccard, Adamic-Adar and preferential attachment give the hand-computed scores")
    func knownScores() throws {
        let network = try Self.network()
        func score(_ method: ForecastMethod, _ i: Int, _ j: Int) throws -> Double {
            try #require(try method.baselineScores(network))[i * 4 + j]
        }
        #expect(try score(.commonNeighbours, 0, 3) == 1 && score(.commonNeighbours, 0, 1) == 1)
        #expect(try score(.commonNeighbours, 1, 3) == 1 && score(.commonNeighbours, 3, 3) == 0)
        // Jaccard(0, 3) = |{2}| / |{1, 2}|; Jaccard(0, 1) = |{2}| / |{0, 1, 2}|.
        #expect(try score(.jaccard, 0, 3) == 0.5 && abs(score(.jaccard, 0, 1) - 1.0 / 3) < 1e-12)
        // Adamic-Adar(0, 3): the one common neighbour 2 has degree 3.
        #expect(try abs(score(.adamicAdar, 0, 3) - 1 / log(3.0)) < 1e-12)
        #expect(try score(.preferentialAttachment, 0, 3) == 2 && score(.preferentialAttachment, 2, 1) == 6)
        #expect(try #require(try ForecastMethod.persistence.baselineScores(network)).allSatisfy { $0 == 0 })
        #expect(try ForecastMethod.model.baselineScores(network) == nil)
    }

    @Test("the similarity matrices are symmetric with a zero diagonal, also on a network without ties")
    func symmetry() throws {
        let network = try Self.network()
        for method in ForecastMethod.linkPrediction {
            let m = try #require(try method.baselineScores(network))
            for i in 0..<4 {
                #expect(m[i * 4 + i] == 0)
                for j in 0..<4 { #expect(m[i * 4 + j] == m[j * 4 + i]) }
            }
        }
        let bare = try AllianceNetwork(states: [State(code: "A", capability: 1), State(code: "B", capability: 1)])
        #expect(try #require(try ForecastMethod.jaccard.baselineScores(bare)) == [0, 0, 0, 0])
    }
}

#if canImport(Foundation)
    import Foundation
#endif
