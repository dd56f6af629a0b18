/// The methods the alliance backtest scores side by side (docs/VALIDATION.md).
///
/// Each gives every candidate pair of a window a score; higher means "more likely to hold a
/// defence pact k years on" (formation) or, for pairs that hold one, "more likely to have ended
/// it" (ends). The baselines read only the start year's network:
/// - `model`: the share of the replicate runs whose final network joins the pair by a defence
///   pact (formation), or no longer does (ends): the ensemble probability;
/// - `persistence`: nothing changes, so every pair scores 0 (the prevalence in every measure);
/// - `commonNeighbours`, `jaccard`, `adamicAdar`: igraph's vertex similarity on the start year's
///   alliance graph (any commitment kind; `IGraphSimilarity`); for ends, the negated similarity;
/// - `preferentialAttachment`: the product of the two states' alliance-graph degrees (Barabasi &
///   Albert 1999; Liben-Nowell & Kleinberg 2007); for ends, its negation.
package enum ForecastMethod: String, CaseIterable, Hashable, Sendable, Comparable {
    case model
    case persistence
    case commonNeighbours = "common-neighbours"
    case jaccard
    case adamicAdar = "adamic-adar"
    case preferentialAttachment = "preferential-attachment"

    /// The igraph link-prediction baselines.
    package static let linkPrediction: [ForecastMethod] = [.commonNeighbours, .jaccard, .adamicAdar]

    package static func < (lhs: ForecastMethod, rhs: ForecastMethod) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// The N x N score matrix (row-major, symmetric, diagonal 0) of a baseline on `network`'s
    /// alliance graph; nil for `model`. igraph methods run inside the igraph lock.
    package func baselineScores(_ network: AllianceNetwork) throws(ComputationError) -> [Double]? {
        let n = network.count
        switch self {
        case .model: return nil
        case .persistence: return [Double](repeating: 0, count: n * n)
        case .preferentialAttachment:
            var degree = [Double](repeating: 0, count: n)
            let view = AllianceGraphView(network)
            for edge in view.edges { degree[edge.low] += 1; degree[edge.high] += 1 }
            var result = [Double](repeating: 0, count: n * n)
            for i in 0..<n { for j in 0..<n where j != i { result[i * n + j] = degree[i] * degree[j] } }
            return result
        case .commonNeighbours, .jaccard, .adamicAdar:
            let view = AllianceGraphView(network)
            return try IGraph.run { () throws(ComputationError) -> [Double] in
                let session = try IGraphSession(view)
                switch self {
                case .commonNeighbours: return try session.commonNeighbours()
                case .jaccard: return try session.jaccard()
                default: return try session.adamicAdar()
                }
            }
        }
    }
}
