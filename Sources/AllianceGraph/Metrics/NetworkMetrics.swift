/// Computes the metrics of `MetricCatalogue` for a network (MODEL.md section 5).
public enum NetworkMetrics {
    /// Leiden restarts; the partition with the highest modularity is kept.
    public static let leidenRestarts = 10

    /// All metrics of `network` (use `AllianceNetwork.inForce(in:)` first to pick a year).
    /// Randomised steps (Leiden) are seeded from `seed`: same network and seed, same report.
    /// Threat, security ratio and arms-race stability use `environment` (the scenario's parameters);
    /// `environment` and `warPlans` feed the chain-gang probe crises.
    public static func compute(_ network: AllianceNetwork, seed: UInt64 = 0,
                               environment: SecurityEnvironment = SecurityEnvironment(),
                               warPlans: [WarPlan] = []) throws(ComputationError) -> MetricsReport {
        let view = AllianceGraphView(network)
        let n = network.count
        var report = MetricsReport(codes: network.states.map(\.code), names: network.states.map(\.name))

        let adjacency = view.adjacency
        let degree = (0..<n).map { Int(adjacency.offsets[$0 + 1] - adjacency.offsets[$0]) }
        let strength = adjacency.rowSums

        struct IGraphResults: Sendable {
            var betweenness: [Double] = [], closeness: [Double] = [], harmonic: [Double] = []
            var eigenvector: [Double] = [], coreness: [Int] = []
            var articulation: [Bool] = [], components = 0, transitivity = 0.0
        }
        let results = try IGraph.run(seed: seed) { () throws(ComputationError) -> IGraphResults in
            let session = try IGraphSession(view)
            var r = IGraphResults()
            r.betweenness = try session.betweenness()
            r.closeness = try session.closeness()
            r.harmonic = try session.harmonic()
            r.eigenvector = try session.eigenvector()
            r.coreness = try session.coreness()
            r.articulation = try session.articulationPoints()
            r.components = try session.components().count
            r.transitivity = try session.transitivity()
            return r
        }
        let pagerank = try PageRank.compute(adjacency).scores
        let partition = try BlocPartition.leiden(view, seed: seed, restarts: leidenRestarts)

        typealias C = MetricCatalogue
        report.stateColumns = [
            (C.degree, degree.map(MetricValue.integer)),
            (C.strength, strength.map(MetricValue.real)),
            (C.betweenness, results.betweenness.map(MetricValue.real)),
            (C.closeness, results.closeness.map(MetricValue.real)),
            (C.harmonic, results.harmonic.map(MetricValue.real)),
            (C.eigenvector, results.eigenvector.map(MetricValue.real)),
            (C.pagerank, pagerank.map(MetricValue.real)),
            (C.coreness, results.coreness.map(MetricValue.integer)),
            (C.articulation, results.articulation.map(MetricValue.flag)),
            (C.bloc, partition.membership.map { .integer($0 + 1) }),
            (C.power, network.states.map { .real($0.power) }),
        ]
        let density = n < 2 ? Double.nan : 2 * Double(view.edgeCount) / Double(n * (n - 1))
        report.systemValues = [
            (C.density, .real(density)),
            (C.components, .integer(results.components)),
            (C.transitivity, .real(results.transitivity)),
            (C.blocs, .integer(partition.count)),
            (C.modularity, .real(partition.modularity)),
        ]
        let balance = StructuralBalance(SignedGraphView(network))
        report.systemValues += [
            (C.balance, .real(balance.index)),
            (C.trianglesPPP, .integer(balance.positivePositivePositive)),
            (C.trianglesPNN, .integer(balance.positiveNegativeNegative)),
            (C.trianglesPPN, .integer(balance.positivePositiveNegative)),
            (C.trianglesNNN, .integer(balance.negativeNegativeNegative)),
            (C.concentration, .real(CapabilityConcentration.value(network))),
        ]
        var threatModel = ThreatModel(network)
        let perception = threatModel.assess(network, environment)
        report.stateColumns += [
            (C.threat, perception.totalThreat.map(MetricValue.real)),
            (C.securityRatio, perception.securityRatio.map(MetricValue.real)),
        ]
        report.systemValues += [
            (C.armsRaceStability, .real(ArmsRaceStability.compute(network, environment).margin)),
        ]
        try appendSignedAndSystemIndicators(&report, network, blocs: partition.membership, seed: seed)
        let chainGang: ChainGangExposure
        do {
            chainGang = try ChainGangExposure.compute(network, environment: environment, warPlans: warPlans)
        } catch {
            throw ComputationError(operation: "chain-gang exposure", reason: "\(error)")
        }
        report.stateColumns.append((C.exposure, chainGang.exposure.map(MetricValue.real)))
        report.systemValues.append((C.fragility, .real(chainGang.fragility)))
        return report
    }
}

extension NetworkMetrics {
    /// The number of connected components of the alliance graph (igraph_connected_components);
    /// isolated states count as one each.
    public static func componentCount(_ network: AllianceNetwork) throws(ComputationError) -> Int {
        let view = AllianceGraphView(network)
        return try IGraph.run { () throws(ComputationError) -> Int in
            try IGraphSession(view).components().count
        }
    }
}

extension NetworkMetrics {
    /// Signed blocs, the two-camp split and frustration, polarity, burden-sharing and mean
    /// credibility, appended to `report`.
    static func appendSignedAndSystemIndicators(_ report: inout MetricsReport, _ network: AllianceNetwork,
                                                blocs: [Int], seed: UInt64) throws(ComputationError) {
        typealias C = MetricCatalogue
        let signed = SignedGraphView(network)
        let signedBlocs = try SignedBlocPartition.spinglass(signed, seed: SeededRandom.derivedSeed(seed, stream: 0x5167))
        let frustration = Frustration(signed, seed: seed)
        report.stateColumns += [
            (C.signedBloc, signedBlocs.membership.map { .integer($0 + 1) }),
            (C.camp, frustration.camps.map { .integer($0 + 1) }),
        ]
        report.systemValues += [
            (C.signedBlocs, .integer(signedBlocs.count)),
            (C.signedModularity, .real(signedBlocs.signedModularity)),
            (C.polarity, .integer(SystemIndicators.polarity(blocs: blocs, power: network.states.map(\.power)))),
            (C.frustration, frustration.value.map(MetricValue.integer) ?? .real(.nan)),
            (C.frustrationLower, .integer(frustration.lowerBound)),
            (C.frustrationUpper, .integer(frustration.upperBound)),
            (C.burdenSharing, .real(SystemIndicators.burdenSharing(network))),
            (C.meanCredibility, .real(SystemIndicators.meanCredibility(network))),
        ]
    }

    /// Adds the portfolio similarity S of states `a` and `b` (`similarity`) to `report`.
    public static func appendSimilarity(_ report: inout MetricsReport, _ network: AllianceNetwork,
                                        _ a: StateID, _ b: StateID) {
        report.systemValues.append((MetricCatalogue.similarity,
                                    .real(PortfolioSimilarity(network).value(a.index, b.index))))
    }
}
