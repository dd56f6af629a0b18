/// The frozen state every rule reads in one round (phase one of the two-phase round).
///
/// Holds the network as it stood at the start of the round, the round's perception (with
/// noise) and lookups built once so rules need no searching: each state's rivals and the pairs
/// joined by a commitment of each kind. Rules never see a partly updated network.
public struct RoundSnapshot: Sendable {
    public let round: Int
    public let network: AllianceNetwork
    public let environment: SecurityEnvironment
    public let parameters: RuleParameters
    public let assessment: ThreatAssessment
    /// Support A_i(0) at the start of the run (for `ThreatScale.baseline`).
    public let initialSupport: [Double]
    /// Each state's rivals, ascending.
    public let rivals: [[StateID]]
    let proximity: ProximityTable
    private let kindsByPair: [StatePair: Set<CommitmentKind>]
    private let rivalPairs: Set<StatePair>

    init(round: Int, network: AllianceNetwork, environment: SecurityEnvironment, parameters: RuleParameters,
         assessment: ThreatAssessment, initialSupport: [Double], proximity: ProximityTable) {
        self.round = round
        self.network = network
        self.environment = environment
        self.parameters = parameters
        self.assessment = assessment
        self.initialSupport = initialSupport
        self.proximity = proximity
        var rivals = [[StateID]](repeating: [], count: network.count)
        var pairs = Set<StatePair>()
        for rivalry in network.rivalries {
            rivals[rivalry.pair.low.index].append(rivalry.pair.high)
            rivals[rivalry.pair.high.index].append(rivalry.pair.low)
            pairs.insert(rivalry.pair)
        }
        self.rivals = rivals.map { Array(Set($0)).sorted() }
        rivalPairs = pairs
        var kinds: [StatePair: Set<CommitmentKind>] = [:]
        for commitment in network.commitments { kinds[commitment.pair, default: []].insert(commitment.kind) }
        kindsByPair = kinds
    }

    /// Whether a commitment of `kind` joins `a` and `b` (either direction).
    public func hasCommitment(_ kind: CommitmentKind, between a: StateID, _ b: StateID) -> Bool {
        kindsByPair[StatePair(a, b)]?.contains(kind) ?? false
    }

    /// Whether any commitment joins `a` and `b`.
    public func arePartners(_ a: StateID, _ b: StateID) -> Bool {
        !(kindsByPair[StatePair(a, b)]?.isEmpty ?? true)
    }

    /// Whether `a` and `b` are rivals.
    public func areRivals(_ a: StateID, _ b: StateID) -> Bool { rivalPairs.contains(StatePair(a, b)) }

    /// pi_ij: proximity of `j` seen from `i`.
    public func proximity(of j: StateID, from i: StateID) -> Double { proximity.value(of: j.index, from: i.index) }
}
