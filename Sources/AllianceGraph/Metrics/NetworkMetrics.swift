/// Computes the metrics of `MetricCatalogue` for a network (MODEL.md section 5).
public enum NetworkMetrics {
    /// Leiden restarts; the partition with the highest modularity is kept.
    public static let leidenRestarts = 10

    /// All metrics of `network` (use `AllianceNetwork.inForce(in:)` first to pick a year).
    /// Randomised steps (Leiden) are seeded from `seed`: same network and seed, same report.
    /// `environment` and `warPlans` (a scenario's) feed the chain-gang probe crises.
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
            var eigenvector: [Double] = [], pagerank: [Double] = [], coreness: [Int] = []
            var articulation: [Bool] = [], components = 0, transitivity = 0.0
        }
        let results = try IGraph.run(seed: seed) { () throws(ComputationError) -> IGraphResults in
            let session = try IGraphSession(view)
            var r = IGraphResults()
            r.betweenness = try session.betweenness()
            r.closeness = try session.closeness()
            r.harmonic = try session.harmonic()
            r.eigenvector = try session.eigenvector()
            r.pagerank = try session.pagerank()
            r.coreness = try session.coreness()
            r.articulation = try session.articulationPoints()
            r.components = try session.components().count
            r.transitivity = try session.transitivity()
            return r
        }
        let partition = try BlocPartition.leiden(view, seed: seed, restarts: leidenRestarts)

        typealias C = MetricCatalogue
        report.stateColumns = [
            (C.degree, degree.map(MetricValue.integer)),
            (C.strength, strength.map(MetricValue.real)),
            (C.betweenness, results.betweenness.map(MetricValue.real)),
            (C.closeness, results.closeness.map(MetricValue.real)),
            (C.harmonic, results.harmonic.map(MetricValue.real)),
            (C.eigenvector, results.eigenvector.map(MetricValue.real)),
            (C.pagerank, results.pagerank.map(MetricValue.real)),
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
