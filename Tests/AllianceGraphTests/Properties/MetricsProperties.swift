import Testing
@_spi(Internals) @testable import AllianceGraph
@_spi(Internals) @testable import AllianceGraphFormats
@testable import AllianceGraphRender

/// Properties of the metrics over many seeded random networks (RandomNetworks).
@Suite("Properties: metrics")
struct MetricsProperties {
    /// Per-state metrics that depend only on the structure and the states' attributes, so that
    /// renumbering the states must not change any state's value. (Blocs, signed blocs and camps
    /// are partitions found by randomised searches whose numbering is arbitrary.)
    static let labelFree = [
        "degree", "strength", "betweenness", "closeness", "harmonic", "eigenvector", "pagerank",
        "coreness", "articulation", "power", "threat", "security_ratio", "exposure",
    ]
    /// System metrics that no numbering of the states can change.
    static let systemLabelFree = [
        "density", "components", "transitivity", "balance", "triangles_ppp", "triangles_pnn",
        "triangles_ppn", "triangles_nnn", "concentration", "burden_sharing", "mean_credibility",
        "fragility",
    ]

    @Test("every state's metrics are invariant under a relabelling of the states", arguments: RandomNetworks.seeds)
    func relabelling(seed: UInt64) throws {
        let network = RandomNetworks.network(seed: seed)
        let shuffled = RandomNetworks.relabelled(network, RandomNetworks.permutation(network.count, seed: seed))
        let a = try NetworkMetrics.compute(network, seed: 1)
        let b = try NetworkMetrics.compute(shuffled, seed: 1)
        for name in Self.labelFree {
            let column = try #require(a.column(name), "no metric \(name)")
            for (k, code) in a.codes.enumerated() {
                let other = try #require(b.value(name, state: code)).number
                // ARPACK's eigenvector iteration depends on the vertex order to about 1e-7.
                let tolerance = name == "eigenvector" ? 1e-6 : 1e-9
                #expect(
                    RandomNetworks.close(column[k].number, other, tolerance: tolerance),
                    "seed \(seed): \(name) of \(code): \(column[k]) vs \(other)")
            }
        }
        for name in Self.systemLabelFree {
            let x = try #require(a.system(name), "no system metric \(name)").number
            let y = try #require(b.system(name)).number
            #expect(RandomNetworks.close(x, y), "seed \(seed): \(name): \(x) vs \(y)")
        }
    }

    /// Structural scores that an isolated newcomer cannot change. PageRank (teleportation 1/n)
    /// and harmonic centrality (a mean over the n - 1 other states) are normalised by n by
    /// definition, and threat counts every state's power, so they are not in the list.
    static let isolationFree = [
        "degree", "strength", "betweenness", "closeness", "eigenvector", "coreness", "articulation", "power",
    ]

    @Test("adding an isolated state changes no other state's structural scores", arguments: RandomNetworks.seeds)
    func isolatedState(seed: UInt64) throws {
        let network = RandomNetworks.network(seed: seed)
        let isolate = State(code: "ISOLATED", capability: 0.3)
        let larger = try AllianceNetwork(
            states: network.states + [isolate], commitments: network.commitments,
            rivalries: network.rivalries, contiguity: network.contiguity)
        let a = try NetworkMetrics.compute(network, seed: 1)
        let b = try NetworkMetrics.compute(larger, seed: 1)
        for name in Self.isolationFree {
            let column = try #require(a.column(name))
            for (k, code) in a.codes.enumerated() {
                let other = try #require(b.value(name, state: code)).number
                let tolerance = name == "eigenvector" ? 1e-6 : 1e-9
                #expect(
                    RandomNetworks.close(column[k].number, other, tolerance: tolerance),
                    "seed \(seed): \(name) of \(code): \(column[k]) vs \(other)")
            }
        }
        #expect(b.value("degree", state: "ISOLATED") == .integer(0))
        #expect(try #require(b.system("components")).number == (try #require(a.system("components")).number) + 1)
    }

    @Test(
        "PageRank sums to 1 and is positive, isolated states and several components included",
        arguments: RandomNetworks.seeds)
    func pageRankSumsToOne(seed: UInt64) throws {
        let network = RandomNetworks.network(seed: seed, maxStates: 30)
        let report = try NetworkMetrics.compute(network, seed: seed)
        let values = try #require(report.column("pagerank")).map(\.number)
        #expect(abs(values.reduce(0, +) - 1) < 1e-9, "seed \(seed): sum \(values.reduce(0, +))")
        #expect(values.allSatisfy { $0 > 0 && $0 < 1 || values.count == 1 }, "seed \(seed): \(values)")
    }

    @Test("no bloc spans two components of the alliance graph", arguments: RandomNetworks.seeds)
    func blocsWithinComponents(seed: UInt64) throws {
        // Leiden is randomised, so its blocs are compared with what no seed or numbering may
        // change: states in one component of the alliance graph never share a bloc with states of
        // another (Leiden's blocs are connected).
        let network = RandomNetworks.network(seed: seed)
        let report = try NetworkMetrics.compute(network, seed: 1)
        let blocs = try #require(report.column("bloc")).map(\.number)
        let view = AllianceGraphView(network)
        var component = Array(0..<network.count)
        func root(_ x: Int) -> Int { var x = x; while component[x] != x { x = component[x] }; return x }
        for i in 0..<network.count {
            for k in Int(view.adjacency.offsets[i])..<Int(view.adjacency.offsets[i + 1]) {
                component[root(i)] = root(Int(view.adjacency.targets[k]))
            }
        }
        for i in 0..<network.count {
            for j in 0..<network.count where blocs[i] == blocs[j] {
                #expect(
                    root(i) == root(j),
                    "seed \(seed): \(network[StateID(i)].code) and \(network[StateID(j)].code) share a bloc across components"
                )
            }
        }
    }
}
