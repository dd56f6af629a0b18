import Foundation
import Testing

@_spi(Internals) @testable import AllianceGraph
@_spi(Internals) @testable import AllianceGraphFormats

@Suite("Signed blocs by Louvain optimisation of signed modularity")
struct SignedLouvainTests {
    @Test("two hostile cliques are split, isolates and enemies kept apart, and a seed gives the same blocs")
    func twoCliques() throws {
        var edges: [(Int, Int, Int)] = []
        for a in 0..<8 { for b in (a + 1)..<8 { edges.append((a, b, (a < 4) == (b < 4) ? 1 : -1)) } }
        edges.append((9, 10, -1))
        let graph = try SignedGraphView(vertexCount: 12, edges: edges)
        let p = SignedBlocPartition.louvain(graph, seed: 42)
        #expect(Array(p.membership[0..<4]) == [0, 0, 0, 0])
        #expect(Array(p.membership[4..<8]) == [1, 1, 1, 1])
        #expect(p.membership[8] != p.membership[11])
        #expect(p.membership[9] != p.membership[10])
        // The split by hand: 12 positive ties inside, 16 + 1 negative across. Signed modularity's
        // null model rewards putting each of the two enemies 9, 10 with one of the cliques (their
        // hostility is then "expected" inside), so the optimum is at least this.
        let byHand = [0, 0, 0, 0, 1, 1, 1, 1, 2, 3, 4, 5]
        let handQ = SignedBlocPartition.signedModularity(graph, membership: byHand)
        #expect(abs(handQ - (12.0 + (256.0 + 256 + 2) / 34) / (24 + 34)) < 1e-12)
        #expect(p.signedModularity >= handQ - 1e-12)
        #expect(SignedBlocPartition.louvain(graph, seed: 42) == p)
    }

    @Test("a state whose only tie into a clique is hostile stays out of it")
    func hostileNeighbour() throws {
        let edges = [(0, 1, 1), (1, 2, 1), (0, 2, 1), (2, 3, -1)]
        let p = SignedBlocPartition.louvain(try SignedGraphView(vertexCount: 4, edges: edges), seed: 1)
        #expect(p.membership == [0, 0, 0, 1])
    }

    @Test("every restart's partition is a local optimum: no single state can raise signed modularity")
    func localOptimum() throws {
        for seed: UInt64 in 1...6 {
            let graph = SignedTestData.random(n: 60, density: 0.12, negative: 0.3, seed: seed)
            let p = SignedBlocPartition.louvain(graph, seed: seed, restarts: 4)
            let blocs = p.count
            for v in 0..<graph.vertexCount {
                for c in 0...blocs {  // blocs, or a bloc of its own
                    var moved = p.membership
                    moved[v] = c
                    let q = SignedBlocPartition.signedModularity(graph, membership: BlocPartition.canonical(moved))
                    #expect(q <= p.signedModularity + 1e-12, "seed \(seed): moving \(v) to \(c) raises Q")
                }
            }
        }
    }

    @Test("signed modularity at least spinglass's on the bundled networks, AKR 1907 and Gahuku-Gama")
    func noWorseThanSpinglass() throws {
        var graphs: [(String, SignedGraphView)] = []
        for name in ["europe-1914.json", "nato-2024.json", "cold-war-1962.json", "europe-1936.json"] {
            let path = TestSupport.network(name)
            guard FileManager.default.fileExists(atPath: path) else { continue }
            graphs.append((name, SignedGraphView(try ScenarioLoader.load(path: path).activeNetwork())))
        }
        for (file, year) in [("akr-great-powers-1872-1907-signed.csv", 1907), ("gahuku-gama-tribes-signed.csv", nil)] {
            if let (_, graph) = try SignedTestData.read(file, year: year) { graphs.append((file, graph)) }
        }
        #expect(graphs.count >= 2)
        for (name, graph) in graphs {
            let louvain = SignedBlocPartition.louvain(graph, seed: 1)
            let spinglass = try SignedBlocPartition.spinglass(graph, seed: 1)
            #expect(
                louvain.signedModularity >= spinglass.signedModularity - 1e-12,
                "\(name): Louvain \(louvain.signedModularity) < spinglass \(spinglass.signedModularity)")
        }
    }

    @Test("Gahuku-Gama: the three blocs of Read's tribes, with the known signed modularity")
    func gahukuGama() throws {
        guard let (codes, graph) = try SignedTestData.read("gahuku-gama-tribes-signed.csv") else {
            print("skipped: gahuku-gama-tribes-signed.csv not found in ../shared/data"); return
        }
        let p = SignedBlocPartition.louvain(graph, seed: 1)
        #expect(p.count == 3)
        #expect(codes.count == 16)
    }
}
