/// The frozen state every rule reads in one round (phase one of the two-phase round).
///
/// Holds the network as it stood at the start of the round, the round's perception (with
/// noise) and lookups built once so rules need no searching: each state's rivals and the pairs
/// joined by a commitment of each kind. Rules never see a partly updated network.
package struct RoundSnapshot: Sendable {
    package let round: Int
    package let network: AllianceNetwork
    package let environment: SecurityEnvironment
    package let parameters: RuleParameters
    package let assessment: ThreatAssessment
    /// Support A_i(0) at the start of the run (for `ThreatScale.baseline`).
    package let initialSupport: [Double]
    /// Each state's rivals, ascending.
    package let rivals: [[StateID]]
    let proximity: ProximityTable
    private let kindsByPair: PairKindIndex
    private let rivalPairs: Set<StatePair>
    /// `rivalPairs` as a dense N x N table when N <= `PairKindIndex.denseLimit` (else empty).
    private let rivalTable: [Bool]

    init(
        round: Int, network: AllianceNetwork, environment: SecurityEnvironment, parameters: RuleParameters,
        assessment: ThreatAssessment, initialSupport: [Double], proximity: ProximityTable
    ) {
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
        // Sorted without duplicates; most lists are empty and allocate nothing.
        self.rivals = rivals.map { list in
            guard list.count > 1 else { return list }
            var sorted = list.sorted()
            var write = 1
            for k in 1..<sorted.count where sorted[k] != sorted[write - 1] {
                sorted[write] = sorted[k]
                write += 1
            }
            return Array(sorted.prefix(write))
        }
        rivalPairs = pairs
        var table: [Bool] = []
        let n = network.count
        if n <= PairKindIndex.denseLimit {
            table = [Bool](repeating: false, count: n * n)
            for pair in pairs {
                table[pair.low.index * n + pair.high.index] = true
                table[pair.high.index * n + pair.low.index] = true
            }
        }
        rivalTable = table
        kindsByPair = PairKindIndex(network)
    }

    /// Whether a commitment of `kind` joins `a` and `b` (either direction).
    package func hasCommitment(_ kind: CommitmentKind, between a: StateID, _ b: StateID) -> Bool {
        kindsByPair.kinds(a, b) & PairKindIndex.bit(kind) != 0
    }

    /// Whether an aligning commitment (a kind with a positive sign: defense, offense, guarantee,
    /// patronage, consultation) joins `a` and `b`.
    public func areAligned(_ a: StateID, _ b: StateID) -> Bool {
        kindsByPair.kinds(a, b) & Self.aligningKinds != 0
    }

    private static let aligningKinds: UInt8 = CommitmentKind.allCases.filter { $0.sign > 0 }.reduce(0) {
        $0 | PairKindIndex.bit($1)
    }

    /// Whether any commitment joins `a` and `b`.
    package func arePartners(_ a: StateID, _ b: StateID) -> Bool {
        kindsByPair.kinds(a, b) != 0
    }

    /// Whether `a` and `b` are rivals.
    package func areRivals(_ a: StateID, _ b: StateID) -> Bool {
        if !rivalTable.isEmpty { return a != b && rivalTable[a.index * network.count + b.index] }
        return rivalPairs.contains(StatePair(a, b))
    }

    /// pi_ij: proximity of `j` seen from `i`.
    package func proximity(of j: StateID, from i: StateID) -> Double { proximity.value(of: j.index, from: i.index) }
}
