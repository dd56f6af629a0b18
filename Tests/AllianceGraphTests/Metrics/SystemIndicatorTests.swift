import Testing
@_spi(Internals) @testable import AllianceGraph
@_spi(Internals) @testable import AllianceGraphFormats
@testable import AllianceGraphRender

@Suite("Signed blocs, polarity, similarity, burden-sharing, credibility")
struct SystemIndicatorTests {
    /// Expected values from scipy 1.17.1 `scipy.stats.spearmanr(x, y).statistic` (average
    /// ranks for ties), computed once; see docs/METRICS.md.
    @Test(
        "Spearman rank correlation matches scipy, ties included",
        arguments: [
            ([1.0, 2, 3, 4, 5], [5.0, 6, 7, 8, 7], 0.8207826816681233),
            ([0.3, 0.1, 0.1, 0.5, 0.2, 0.5], [0.02, 0.05, 0.01, 0.03, 0.03, 0.04], 0.1343433226559697),
            ([1.0, 1, 2, 2, 3, 3, 4], [7.0, 6, 6, 5, 5, 4, 9], -0.13084683595481034),
            (
                [0.2199, 0.1433, 0.1161, 0.1127, 0.068, 0.0447], [0.01, 0.04, 0.05, 0.03, 0.03, 0.02],
                0.057977103565244846
            ),
        ])
    func spearman(x: [Double], y: [Double], expected: Double) {
        #expect(abs(RankCorrelation.spearman(x, y) - expected) < 1e-12)
    }

    @Test("average ranks and undefined correlations")
    func ranks() {
        #expect(RankCorrelation.ranks([10, 20, 10, 30]) == [1.5, 3, 1.5, 4])
        #expect(RankCorrelation.spearman([1, 2, 3], [4, 4, 4]).isNaN)
        #expect(RankCorrelation.spearman([1], [2]).isNaN)
    }

    static func network(
        _ capabilities: [Double], efforts: [Double]? = nil,
        pacts: [(Int, Int, Double)] = [], rivals: [(Int, Int)] = []
    ) throws -> AllianceNetwork {
        let states = capabilities.enumerated().map { k, c in
            State(code: "S\(k)", capability: c, effort: efforts?[k] ?? 0.02)
        }
        return try AllianceNetwork(
            states: states,
            commitments: pacts.map { .symmetric(.defense, StateID($0.0), StateID($0.1), credibility: $0.2) },
            rivalries: rivals.map { Rivalry(StateID($0.0), StateID($0.1)) })
    }

    @Test("portfolio similarity S: identical portfolios 1, hand-computed valued case")
    func portfolioSimilarity() throws {
        // 0-1 allied at 1, 0-2 at 0.5; 3 unallied. Portfolios (self = 1):
        // x0 = (1, 1, .5, 0), x1 = (1, 1, 0, 0), x2 = (.5, 0, 1, 0), x3 = (0, 0, 0, 1).
        let net = try Self.network([1, 1, 1, 1], pacts: [(0, 1, 1), (0, 2, 0.5)])
        let s = PortfolioSimilarity(net)
        #expect(s.value(0, 1) == 1 - 2 * 0.5 / 4)
        #expect(s.value(0, 2) == 1 - 2 * (0.5 + 1 + 0.5) / 4)
        #expect(s.value(1, 3) == 1 - 2 * 3.0 / 4)
        #expect(s.value(2, 2) == 1)
        #expect(s.value(1, 2) == s.value(2, 1))
        // Weighted by capability: dimension 3 weighs nothing, so 1 and 3 differ on 2 of 3 units.
        let w = PortfolioSimilarity(net, weights: [1, 1, 1, 0])
        #expect(w.value(1, 3) == 1 - 2 * 2.0 / 3)
    }

    @Test("polarity counts Leiden blocs with at least 10 % of power")
    func polarity() {
        #expect(SystemIndicators.polarity(blocs: [0, 0, 1, 1, 2], power: [0.3, 0.2, 0.3, 0.15, 0.05]) == 2)
        #expect(SystemIndicators.polarity(blocs: [0, 1, 2], power: [0.1, 0.1, 0.8]) == 3)
        #expect(SystemIndicators.polarity(blocs: [0, 1], power: [0, 0]) == 0)
    }

    @Test("burden-sharing uses allied states only; mean credibility averages pledges in force")
    func burdenAndCredibility() throws {
        let net = try Self.network(
            [0.4, 0.3, 0.2, 0.1, 0.9], efforts: [0.05, 0.04, 0.02, 0.03, 0.01],
            pacts: [(0, 1, 1), (1, 2, 0.5), (2, 3, 0.6)])
        // State 4 has no ally and is left out: ranks of capability (4,3,2,1), effort (4,3,1,2).
        #expect(abs(SystemIndicators.burdenSharing(net) - 0.8) < 1e-12)
        #expect(abs(SystemIndicators.meanCredibility(net) - (1 + 1 + 0.5 + 0.5 + 0.6 + 0.6) / 6) < 1e-12)
        let toy = try ScenarioReader.parse(TestSupport.toyScenarioJSON).activeNetwork()
        #expect(abs(SystemIndicators.meanCredibility(toy) - 0.8) < 1e-12)  // 0.9, 0.9, 0.6
        #expect(SystemIndicators.meanCredibility(try Self.network([1, 1])).isNaN)
    }

    @Test("signed spinglass separates two hostile cliques, keeps isolates apart, and is reproducible")
    func signedBlocs() throws {
        var edges: [(Int, Int, Int)] = []
        for a in 0..<8 { for b in (a + 1)..<8 { edges.append((a, b, (a < 4) == (b < 4) ? 1 : -1)) } }
        edges.append((9, 10, -1))  // a second component: two enemies
        let graph = try SignedGraphView(vertexCount: 12, edges: edges)  // 8 and 11 isolated
        let p = try SignedBlocPartition.spinglass(graph, seed: 42)
        #expect(Array(p.membership[0..<4]) == [0, 0, 0, 0])
        #expect(Array(p.membership[4..<8]) == [1, 1, 1, 1])
        #expect(Set(p.membership).count == p.count)
        #expect(p.membership[8] != p.membership[11])
        #expect(p.membership[9] != p.membership[10])
        #expect(p.signedModularity > 0.4)
        #expect(try SignedBlocPartition.spinglass(graph, seed: 42) == p)
    }

    @Test("signed blocs of the AKR great powers in 1907 are the Entente and the Triple Alliance")
    func signedBlocsAKR() throws {
        guard let (codes, graph) = try SignedTestData.read("akr-great-powers-1872-1907-signed.csv", year: 1907) else {
            print("skipped: akr-great-powers-1872-1907-signed.csv not found in ../shared/data"); return
        }
        let p = try SignedBlocPartition.spinglass(graph, seed: 1)
        #expect(p.count == 2)
        #expect(SignedBlocPartition.louvain(graph, seed: 1).membership == p.membership)
        let bloc = { (code: String) in p.membership[codes.firstIndex(of: code)!] }
        #expect(bloc("GBR") == bloc("FRA") && bloc("FRA") == bloc("RUS"))
        #expect(bloc("AUH") == bloc("DEU") && bloc("DEU") == bloc("ITA"))
        #expect(bloc("GBR") != bloc("DEU"))
    }

    @Test("signed modularity of a perfect two-camp split, by hand")
    func signedModularityByHand() {
        // Path 0 +1 1 -1 2: camps {0,1} {2}. Q+ part: 2*1 - (2^2 + 0)/2 = 0; Q- part: 0 - (1 + 1)/2 = -1.
        let q = SignedBlocPartition.signedModularity(
            vertexCount: 3, edges: [(0, 1, 1), (1, 2, -1)], membership: [0, 0, 1])
        #expect(abs(q - (0 - -1) / 4) < 1e-15)
    }

    @Test("the metrics report carries the new metrics, deterministic for a seed")
    func report() throws {
        let scenario = try ScenarioLoader.load(path: TestSupport.network("europe-1914.json"))
        let a = try NetworkMetrics.compute(scenario.activeNetwork(), seed: 3)
        let b = try NetworkMetrics.compute(scenario.activeNetwork(), seed: 3)
        #expect(MetricsOutput.json(a) == MetricsOutput.json(b))  // NaN != NaN, so compare the bytes
        for name in [
            "signed_blocs", "signed_modularity", "polarity", "frustration", "frustration_lower",
            "frustration_upper", "burden_sharing", "mean_credibility",
        ] {
            #expect(a.system(name) != nil, "\(name)")
        }
        #expect(a.column("signed_bloc")?.count == 18)
        #expect(a.column("camp")?.count == 18)
        #expect(a.system("frustration") == .integer(10))
        #expect(a.system("frustration_lower") == a.system("frustration_upper"))
        for name in MetricCatalogue.all.map(\.name) where name != "similarity" {
            #expect(a.column(name) != nil || a.system(name) != nil, "\(name) not computed")
        }
    }

    @Test(
        "metrics asked for by name equal the same metrics of the full report, and nothing else is computed",
        arguments: [
            ["degree"], ["pagerank", "bloc"], ["polarity"], ["camp", "fragility", "threat"],
            ["signed_modularity", "triangles_ppn", "components", "harmonic"],
        ])
    func onlyRequestedMetrics(names: [String]) throws {
        let scenario = try ScenarioLoader.load(path: TestSupport.network("europe-1914.json"))
        let network = scenario.activeNetwork()
        let full = try NetworkMetrics.compute(
            network, seed: 5, environment: scenario.parameters, warPlans: scenario.warPlans)
        let subset = try NetworkMetrics.compute(
            network, seed: 5, environment: scenario.parameters,
            warPlans: scenario.warPlans, only: Set(names))
        #expect(MetricsOutput.json(subset) == MetricsOutput.json(full.only(Set(names))))
        let computed = Set(subset.stateColumns.map(\.definition.name) + subset.systemValues.map(\.definition.name))
        #expect(computed == Set(names))
    }
}
