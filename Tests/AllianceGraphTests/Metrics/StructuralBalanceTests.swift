import Testing
@_spi(Internals) @testable import AllianceGraph
@_spi(Internals) @testable import AllianceGraphFormats
@testable import AllianceGraphRender

@Suite("Structural balance and concentration")
struct StructuralBalanceTests {
    @Test("triangle classes on a hand-counted signed graph")
    func triangles() throws {
        // 0-1 +, 1-2 +, 0-2 + (+++); 2-3 -, 0-3 - (0,2,3: +--); 1-3 + (1,2,3: ++-... signs 1-2 +, 2-3 -, 1-3 + -> ++-);
        // (0,1,3): 0-1 +, 1-3 +, 0-3 - -> ++-.
        let graph = try SignedGraphView(
            vertexCount: 4, edges: [(0, 1, 1), (1, 2, 1), (0, 2, 1), (2, 3, -1), (0, 3, -1), (1, 3, 1)])
        let balance = StructuralBalance(graph)
        #expect(balance.positivePositivePositive == 1)
        #expect(balance.positiveNegativeNegative == 1)
        #expect(balance.positivePositiveNegative == 2)
        #expect(balance.negativeNegativeNegative == 0)
        #expect(balance.index == 0.5)
    }

    /// Every triangle i < j < k by brute force, by number of negative ties.
    static func bruteForce(_ n: Int, _ sign: [[Int]]) -> [Int] {
        var counts = [0, 0, 0, 0]
        for i in 0..<n {
            for j in (i + 1)..<n where sign[i][j] != 0 {
                for k in (j + 1)..<n where sign[i][k] != 0 && sign[j][k] != 0 {
                    counts[[sign[i][j], sign[i][k], sign[j][k]].filter { $0 < 0 }.count] += 1
                }
            }
        }
        return counts
    }

    @Test(
        "the sorted-row count, serial and in parallel chunks, equals brute force on random signed graphs (hubs included)",
        arguments: 1...8)
    func randomGraphs(seed: UInt64) throws {
        var random = SeededRandom(seed: seed)
        let n = 40 + Int(seed) * 7
        var sign = [[Int]](repeating: [Int](repeating: 0, count: n), count: n)
        var edges: [(Int, Int, Int)] = []
        for i in 0..<n {
            for j in (i + 1)..<n {
                // Vertex 0 is a hub tied to almost everyone; elsewhere density varies with the seed.
                let p = i == 0 ? 0.95 : 0.05 + 0.04 * Double(seed)
                guard random.nextUnit() < p else { continue }
                let s = random.nextUnit() < 0.3 ? -1 : 1
                sign[i][j] = s
                sign[j][i] = s
                edges.append((i, j, s))
            }
        }
        let graph = try SignedGraphView(vertexCount: n, edges: edges)
        let expected = Self.bruteForce(n, sign)
        for threshold in [0, Int.max] {
            let balance = StructuralBalance(graph, parallelMinimumEdges: threshold)
            #expect(
                [
                    balance.positivePositivePositive, balance.positivePositiveNegative,
                    balance.positiveNegativeNegative, balance.negativeNegativeNegative,
                ] == expected, "seed \(seed), threshold \(threshold)")
        }
    }

    @Test("an all-negative triangle is imbalanced; no triangles gives NaN")
    func edgeCases() throws {
        let negative = StructuralBalance(
            try SignedGraphView(vertexCount: 3, edges: [(0, 1, -1), (1, 2, -1), (0, 2, -1)]))
        #expect(negative.negativeNegativeNegative == 1 && negative.index == 0)
        #expect(StructuralBalance(try SignedGraphView(vertexCount: 2, edges: [(0, 1, 1)])).index.isNaN)
    }

    @Test("a rivalry makes an allied pair negative in the signed view")
    func rivalryOutweighsPledge() throws {
        let network = try AllianceNetwork(
            states: [State(code: "A", capability: 1), State(code: "B", capability: 1)],
            commitments: [.symmetric(.defense, StateID(0), StateID(1))],
            rivalries: [Rivalry(StateID(0), StateID(1))])
        #expect(SignedGraphView(network).sign(0, 1) == -1)
    }

    @Test("CON is 0 for equal shares and 1 for a monopoly (Ray & Singer 1973)")
    func concentration() {
        #expect(CapabilityConcentration.value(capabilities: [1, 1, 1, 1]) == 0)
        #expect(abs(CapabilityConcentration.value(capabilities: [1, 0, 0, 0]) - 1) < 1e-12)
        // Shares 0.5, 0.3, 0.2: sum of squares 0.38; (0.38 - 1/3) / (2/3) = 0.07; sqrt = 0.264575...
        #expect(abs(CapabilityConcentration.value(capabilities: [5, 3, 2]) - 0.07.squareRoot()) < 1e-12)
        #expect(CapabilityConcentration.value(capabilities: [1]).isNaN)
    }
}
