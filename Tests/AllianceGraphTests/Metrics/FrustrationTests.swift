import Testing
@_spi(Internals) @testable import AllianceGraph
@_spi(Internals) @testable import AllianceGraphFormats
@testable import AllianceGraphRender

@Suite("Frustration index")
struct FrustrationTests {
    @Test("exact search equals brute force on random signed graphs, and so does the split count")
    func matchesBruteForce() {
        for trial in 0..<60 {
            let n = 3 + trial % 12
            let graph = SignedTestData.random(
                n: n, density: [0.3, 0.6, 1.0][trial % 3], negative: [0.2, 0.5, 0.8][(trial / 3) % 3],
                seed: UInt64(trial))
            let brute = SignedTestData.bruteForce(graph)
            let result = Frustration(graph, maxSplits: 1 << 14)
            #expect(result.isExact)
            #expect(result.value == brute.value, "trial \(trial)")
            #expect(Frustration.frustratedTies(graph, camps: result.camps) == brute.value)
            for split in result.optimalSplits {
                #expect(Frustration.frustratedTies(graph, camps: split) == brute.value)
            }
            // Brute force fixes state 0 only; the solver fixes the first state of every component.
            let components = SignedComponents(graph).members.count
            #expect(result.optimalSplitCount.map { $0 << (components - 1) } == brute.splits, "trial \(trial)")
        }
    }

    @Test("bounds bracket the exact value on graphs forced out of the exact search")
    func boundsBracketExact() {
        for trial in 0..<20 {
            let graph = SignedTestData.random(n: 18, density: 0.5, negative: 0.5, seed: 100 + UInt64(trial))
            let exact = Frustration(graph)
            let bounded = Frustration(graph, exactLimit: 0, nodeBudget: 0, seed: 7)
            #expect(!bounded.optimalSplits.isEmpty)
            #expect(bounded.lowerBound <= exact.value!)
            #expect(bounded.upperBound >= exact.value!)
            #expect(bounded.lowerBound >= 1)
            #expect(Frustration.frustratedTies(graph, camps: bounded.camps) == bounded.upperBound)
        }
    }

    @Test("a balanced network has frustration 0 and the two camps of its structure")
    func balancedNetwork() throws {
        // Camps {0,1,2} and {3,4}: positive inside, negative across.
        let graph = try SignedGraphView(
            vertexCount: 5,
            edges: [
                (0, 1, 1), (1, 2, 1), (0, 2, 1), (3, 4, 1),
                (0, 3, -1), (2, 4, -1), (1, 3, -1),
            ])
        let result = Frustration(graph)
        #expect(result.value == 0)
        #expect(result.camps == [0, 0, 0, 1, 1])
        #expect(result.optimalSplitCount == 1)
    }

    @Test("an all-negative triangle has frustration 1 with three optimal splits")
    func negativeTriangle() throws {
        let graph = try SignedGraphView(vertexCount: 3, edges: [(0, 1, -1), (1, 2, -1), (0, 2, -1)])
        let result = Frustration(graph)
        #expect(result.value == 1)
        #expect(result.optimalSplitCount == 3)
    }

    @Test("a 40-state random signed network is solved exactly and agrees with local search")
    func fortyStates() {
        let graph = SignedTestData.random(n: 40, density: 0.15, negative: 0.5, seed: 40)
        let result = Frustration(graph)
        #expect(result.isExact)
        let bounded = Frustration(graph, exactLimit: 0, nodeBudget: 0, seed: 1)
        #expect(bounded.lowerBound <= result.value!)
        #expect(bounded.upperBound >= result.value!)
    }
}
