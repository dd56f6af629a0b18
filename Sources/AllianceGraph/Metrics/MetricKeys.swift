/// Typed metric keys: `report.value(.betweenness, state: "RUS")` and `report.system(.balance)`
/// instead of name strings, so that a misspelt metric does not compile rather than returning nil.
/// Each key is the catalogue's definition (`MetricCatalogue`, `alliancectl metrics --list`): its
/// `name` is the column of the CSV and JSON outputs, its `summary` the definition.
extension MetricDefinition {
    public static var degree: MetricDefinition { MetricCatalogue.degree }
    public static var strength: MetricDefinition { MetricCatalogue.strength }
    public static var betweenness: MetricDefinition { MetricCatalogue.betweenness }
    public static var closeness: MetricDefinition { MetricCatalogue.closeness }
    public static var harmonic: MetricDefinition { MetricCatalogue.harmonic }
    public static var eigenvector: MetricDefinition { MetricCatalogue.eigenvector }
    public static var pagerank: MetricDefinition { MetricCatalogue.pagerank }
    public static var coreness: MetricDefinition { MetricCatalogue.coreness }
    public static var articulation: MetricDefinition { MetricCatalogue.articulation }
    public static var bloc: MetricDefinition { MetricCatalogue.bloc }
    public static var power: MetricDefinition { MetricCatalogue.power }
    public static var density: MetricDefinition { MetricCatalogue.density }
    public static var components: MetricDefinition { MetricCatalogue.components }
    public static var transitivity: MetricDefinition { MetricCatalogue.transitivity }
    public static var blocs: MetricDefinition { MetricCatalogue.blocs }
    public static var modularity: MetricDefinition { MetricCatalogue.modularity }
    public static var balance: MetricDefinition { MetricCatalogue.balance }
    public static var trianglesPPP: MetricDefinition { MetricCatalogue.trianglesPPP }
    public static var trianglesPNN: MetricDefinition { MetricCatalogue.trianglesPNN }
    public static var trianglesPPN: MetricDefinition { MetricCatalogue.trianglesPPN }
    public static var trianglesNNN: MetricDefinition { MetricCatalogue.trianglesNNN }
    public static var concentration: MetricDefinition { MetricCatalogue.concentration }
    public static var signedBloc: MetricDefinition { MetricCatalogue.signedBloc }
    public static var camp: MetricDefinition { MetricCatalogue.camp }
    public static var signedBlocs: MetricDefinition { MetricCatalogue.signedBlocs }
    public static var signedModularity: MetricDefinition { MetricCatalogue.signedModularity }
    public static var polarity: MetricDefinition { MetricCatalogue.polarity }
    public static var frustration: MetricDefinition { MetricCatalogue.frustration }
    public static var frustrationLower: MetricDefinition { MetricCatalogue.frustrationLower }
    public static var frustrationUpper: MetricDefinition { MetricCatalogue.frustrationUpper }
    public static var burdenSharing: MetricDefinition { MetricCatalogue.burdenSharing }
    public static var meanCredibility: MetricDefinition { MetricCatalogue.meanCredibility }
    public static var similarity: MetricDefinition { MetricCatalogue.similarity }
    public static var threat: MetricDefinition { MetricCatalogue.threat }
    public static var securityRatio: MetricDefinition { MetricCatalogue.securityRatio }
    public static var armsRaceStability: MetricDefinition { MetricCatalogue.armsRaceStability }
    public static var exposure: MetricDefinition { MetricCatalogue.exposure }
    public static var fragility: MetricDefinition { MetricCatalogue.fragility }
}

extension MetricsReport {
    /// The column of state metric `metric`, if computed.
    public func column(_ metric: MetricDefinition) -> [MetricValue]? { column(metric.name) }

    /// The value of state metric `metric` for the state `code`, if both exist.
    public func value(_ metric: MetricDefinition, state code: String) -> MetricValue? {
        value(metric.name, state: code)
    }

    /// The value of system metric `metric`, if computed.
    public func system(_ metric: MetricDefinition) -> MetricValue? { system(metric.name) }
}
