/// Computes the metrics of `MetricCatalogue` for a network (docs/MODEL.md section 5).
public enum NetworkMetrics {
    /// Leiden restarts; the partition with the highest modularity is kept.
    public static let leidenRestarts = 10

    /// The metrics of `scenario`'s network as in force in `year` (default: the scenario's year),
    /// with the scenario's own parameters (threat, security ratio, arms-race stability) and war
    /// plans (the chain-gang probe crises): what `alliancectl metrics` reports. Prefer this to
    /// `compute(_:seed:environment:warPlans:only:)`, whose defaults are the model's default
    /// parameters and no war plans, not the scenario's.
    public static func compute(
        scenario: Scenario, year: Int? = nil, seed: UInt64 = 0, only: Set<String>? = nil
    ) throws(ComputationError) -> MetricsReport {
        try compute(
            scenario.activeNetwork(year: year), seed: seed, environment: scenario.parameters,
            warPlans: scenario.warPlans, only: only)
    }

    /// The metrics of `network` (use `AllianceNetwork.inForce(in:)` first to pick a year): all of
    /// them, or only those named in `only` (names as in `MetricCatalogue`). A metric that is not
    /// asked for is not computed, so `only: ["degree"]` on a large network skips the costly steps
    /// (betweenness O(N M), signed spinglass, chain-gang probe crises); the report lists the
    /// computed metrics in catalogue order. Randomised steps (Leiden, spinglass) are seeded from
    /// `seed`: same network and seed, same report, whatever subset is asked for.
    /// Threat, security ratio and arms-race stability use `environment` (the scenario's parameters);
    /// `environment` and `warPlans` feed the chain-gang probe crises. Their defaults are the model's
    /// default parameters and no war plans: for a scenario, use `compute(scenario:year:seed:only:)`.
    public static func compute(
        _ network: AllianceNetwork, seed: UInt64 = 0,
        environment: SecurityEnvironment = SecurityEnvironment(),
        warPlans: [WarPlan] = [], only: Set<String>? = nil
    ) throws(ComputationError) -> MetricsReport {
        typealias C = MetricCatalogue
        func wanted(_ definitions: MetricDefinition...) -> Bool {
            guard let only else { return true }
            return definitions.contains { only.contains($0.name) }
        }
        let n = network.count
        if wanted(C.armsRaceStability) { try ArmsRaceStability.checkMemory(states: n) }  // N x N: checked first
        var report = MetricsReport(codes: network.states.map(\.code), names: network.states.map(\.name))

        // The alliance graph and its CSR only for the metrics that read them (on 1M states and
        // 10M ties they took about 3 s and a gigabyte that `--only balance` never used).
        let needsIGraph = wanted(
            C.betweenness, C.closeness, C.harmonic, C.eigenvector, C.coreness,
            C.articulation, C.components, C.transitivity)
        let needsAdjacency = wanted(C.degree, C.strength, C.pagerank)
        let needsView =
            needsIGraph || needsAdjacency || wanted(C.density, C.bloc, C.blocs, C.modularity, C.polarity)
        // Without kinds, the view is the graph without edges (one pass over the commitments).
        let view = AllianceGraphView(network, kinds: needsView ? Set(CommitmentKind.allCases) : [])
        let adjacency = needsAdjacency ? view.adjacency : .empty(vertexCount: n)
        let degree = (0..<n).map { Int(adjacency.offsets[$0 + 1] - adjacency.offsets[$0]) }

        let results = needsIGraph ? try igraphResults(view, seed: seed, wanted: { wanted($0) }) : IGraphResults()
        let pagerank = wanted(C.pagerank) ? try PageRank.compute(adjacency).scores : nil
        let partition =
            wanted(C.bloc, C.blocs, C.modularity, C.polarity)
            ? try BlocPartition.leiden(view, seed: seed, restarts: leidenRestarts) : nil

        func column<T>(_ definition: MetricDefinition, _ values: [T]?, _ wrap: (T) -> MetricValue) {
            if let values, wanted(definition) { report.stateColumns.append((definition, values.map(wrap))) }
        }
        func value(_ definition: MetricDefinition, _ value: @autoclosure () -> MetricValue?) {
            if wanted(definition), let value = value() { report.systemValues.append((definition, value)) }
        }
        column(C.degree, degree, MetricValue.integer)
        column(C.strength, wanted(C.strength) ? adjacency.rowSums : nil, MetricValue.real)
        column(C.betweenness, results.betweenness, MetricValue.real)
        column(C.closeness, results.closeness, MetricValue.real)
        column(C.harmonic, results.harmonic, MetricValue.real)
        column(C.eigenvector, results.eigenvector, MetricValue.real)
        column(C.pagerank, pagerank, MetricValue.real)
        column(C.coreness, results.coreness, MetricValue.integer)
        column(C.articulation, results.articulation, MetricValue.flag)
        column(C.bloc, partition?.membership, { .integer($0 + 1) })
        column(C.power, network.states, { .real($0.power) })

        value(C.density, .real(n < 2 ? Double.nan : 2 * Double(view.edgeCount) / Double(n * (n - 1))))
        value(C.components, results.components.map(MetricValue.integer))
        value(C.transitivity, results.transitivity.map(MetricValue.real))
        value(C.blocs, partition.map { .integer($0.count) })
        value(C.modularity, partition.map { .real($0.modularity) })
        if wanted(C.balance, C.trianglesPPP, C.trianglesPNN, C.trianglesPPN, C.trianglesNNN) {
            let balance = StructuralBalance(SignedGraphView(network))
            value(C.balance, .real(balance.index))
            value(C.trianglesPPP, .integer(balance.positivePositivePositive))
            value(C.trianglesPNN, .integer(balance.positiveNegativeNegative))
            value(C.trianglesPPN, .integer(balance.positivePositiveNegative))
            value(C.trianglesNNN, .integer(balance.negativeNegativeNegative))
        }
        value(C.concentration, .real(CapabilityConcentration.value(network)))
        if wanted(C.threat, C.securityRatio) {
            var threatModel = ThreatModel(network)
            let perception = threatModel.assess(network, environment)
            column(C.threat, perception.totalThreat, MetricValue.real)
            column(C.securityRatio, perception.securityRatio, MetricValue.real)
        }
        value(C.armsRaceStability, .real(ArmsRaceStability.compute(network, environment).margin))
        try appendSignedAndSystemIndicators(&report, network, blocs: partition?.membership, seed: seed, wanted: wanted)
        if wanted(C.exposure, C.fragility) {
            let chainGang: ChainGangExposure
            do {
                chainGang = try ChainGangExposure.compute(network, environment: environment, warPlans: warPlans)
            } catch {
                throw ComputationError(operation: "chain-gang exposure", reason: "\(error)")
            }
            column(C.exposure, chainGang.exposure, MetricValue.real)
            value(C.fragility, .real(chainGang.fragility))
        }
        return report
    }
}

extension NetworkMetrics {
    /// The metrics computed in igraph, each nil unless asked for.
    private struct IGraphResults: Sendable {
        var betweenness: [Double]?, closeness: [Double]?, harmonic: [Double]?
        var eigenvector: [Double]?, coreness: [Int]?
        var articulation: [Bool]?, components: Int?, transitivity: Double?
    }

    /// The igraph metrics of `view` that `wanted` asks for, in one igraph session.
    private static func igraphResults(
        _ view: AllianceGraphView, seed: UInt64, wanted: (MetricDefinition) -> Bool
    ) throws(ComputationError) -> IGraphResults {
        typealias C = MetricCatalogue
        return try IGraph.run(seed: seed) { () throws(ComputationError) -> IGraphResults in
            let session = try IGraphSession(view)
            var r = IGraphResults()
            if wanted(C.betweenness) { r.betweenness = try session.betweenness() }
            if wanted(C.closeness) { r.closeness = try session.closeness() }
            if wanted(C.harmonic) { r.harmonic = try session.harmonic() }
            if wanted(C.eigenvector) { r.eigenvector = try session.eigenvector() }
            if wanted(C.coreness) { r.coreness = try session.coreness() }
            if wanted(C.articulation) { r.articulation = try session.articulationPoints() }
            if wanted(C.components) { r.components = try session.components().count }
            if wanted(C.transitivity) { r.transitivity = try session.transitivity() }
            return r
        }
    }

    /// The number of connected components of the alliance graph (`AllianceGraphView`: the
    /// commitments of positive strength, undirected); isolated states count as one each.
    ///
    /// Union-find over the commitments (union by size, path halving): O(E alpha(N)) time and 8
    /// bytes per state, with no graph built. On 1M states and 10M ties this took 0.3 s where
    /// building the view and igraph's `igraph_connected_components` took about 3 s; the count
    /// is the same (tested against igraph on random networks).
    public static func componentCount(_ network: AllianceNetwork) throws(ComputationError) -> Int {
        let n = network.count
        var parent = [Int32](unsafeUninitializedCapacity: n) { buffer, initialized in
            for v in 0..<n { buffer[v] = Int32(v) }
            initialized = n
        }
        var size = [Int32](repeating: 1, count: n)
        var components = n
        parent.withUnsafeMutableBufferPointer { parent in
            size.withUnsafeMutableBufferPointer { size in
                func root(_ v: Int) -> Int {
                    var v = v
                    while Int(parent[v]) != v {
                        parent[v] = parent[Int(parent[v])]
                        v = Int(parent[v])
                    }
                    return v
                }
                for c in network.commitments where AllianceGraphView.strength(of: c) > 0 {
                    var a = root(c.from.index), b = root(c.to.index)
                    guard a != b else { continue }
                    if size[a] < size[b] { swap(&a, &b) }
                    parent[b] = Int32(a)
                    size[a] += size[b]
                    components -= 1
                }
            }
        }
        return components
    }
}

extension NetworkMetrics {
    /// Signed blocs, the two-camp split and frustration, polarity, burden-sharing and mean
    /// credibility, appended to `report` for those that `wanted` selects (polarity needs `blocs`).
    static func appendSignedAndSystemIndicators(
        _ report: inout MetricsReport, _ network: AllianceNetwork,
        blocs: [Int]?, seed: UInt64,
        wanted: (MetricDefinition...) -> Bool
    ) throws(ComputationError) {
        typealias C = MetricCatalogue
        // The signed view only for the metrics that read it (balance builds its own).
        let wantsBlocs = wanted(C.signedBloc, C.signedBlocs, C.signedModularity)
        let wantsFrustration = wanted(C.camp, C.frustration, C.frustrationLower, C.frustrationUpper)
        let signed = wantsBlocs || wantsFrustration ? SignedGraphView(network) : nil
        let signedBlocs = signed.flatMap { signed in
            wantsBlocs ? SignedBlocPartition.louvain(signed, seed: SeededRandom.derivedSeed(seed, stream: 0x5167)) : nil
        }
        let frustration = signed.flatMap { signed in wantsFrustration ? Frustration(signed, seed: seed) : nil }
        if let signedBlocs, wanted(C.signedBloc) {
            report.stateColumns.append((C.signedBloc, signedBlocs.membership.map { .integer($0 + 1) }))
        }
        if let frustration, wanted(C.camp) {
            report.stateColumns.append((C.camp, frustration.camps.map { .integer($0 + 1) }))
        }
        var values: [(MetricDefinition, MetricValue)] = []
        if let signedBlocs {
            values += [
                (C.signedBlocs, .integer(signedBlocs.count)), (C.signedModularity, .real(signedBlocs.signedModularity)),
            ]
        }
        if let blocs {
            values.append(
                (C.polarity, .integer(SystemIndicators.polarity(blocs: blocs, power: network.states.map(\.power)))))
        }
        if let frustration {
            values += [
                (C.frustration, frustration.value.map(MetricValue.integer) ?? .real(.nan)),
                (C.frustrationLower, .integer(frustration.lowerBound)),
                (C.frustrationUpper, .integer(frustration.upperBound)),
            ]
        }
        values += [
            (C.burdenSharing, .real(SystemIndicators.burdenSharing(network))),
            (C.meanCredibility, .real(SystemIndicators.meanCredibility(network))),
        ]
        report.systemValues += values.filter { wanted($0.0) }
    }

    /// Adds the portfolio similarity S of states `a` and `b` (`similarity`) to `report`.
    public static func appendSimilarity(
        _ report: inout MetricsReport, _ network: AllianceNetwork,
        _ a: StateID, _ b: StateID
    ) {
        report.systemValues.append(
            (
                MetricCatalogue.similarity,
                .real(PortfolioSimilarity.pair(network, a.index, b.index))
            ))
    }
}
