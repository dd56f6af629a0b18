/// A synthetic alliance network for benchmarks and for studying large systems
/// (`alliancectl generate`): N states, M commitments, rivalries and contiguity, all drawn from one
/// seed. The same specification gives the same scenario, and `ScenarioWriter` the same bytes.
///
/// **Map.** Both models place every state on the unit square, `x_i, y_i ~ U[0, 1)`.
/// **Contiguity** comes from the map: each state borders its 3 nearest neighbours (pairs merged);
/// with `s = 1 / sqrt(N)` (the typical spacing) a border of length `d <= 0.75 s` is COW type 1
/// (land), `<= s` type 2, `<= 1.25 s` type 3, `<= 1.5 s` type 4, else type 5.
///
/// **Ties** (M distinct pairs, one commitment each): `regional` (`RegionalTies`) joins mostly near
/// neighbours (90 % of ties among the K nearest, K about twice the mean degree); `scale-free`
/// (`PreferentialAttachmentTies`) grows by preferential attachment (degree tail ~ k^-3).
/// Each tie's kind is drawn independently: defense 50 %, consultation 20 %, neutrality 10 %,
/// nonaggression 10 %, offense 5 %, guarantee 3 %, patronage 2 %. Guarantees and patronage are
/// directed from the more capable state to the less capable one (ties: lower index); the others
/// are symmetric with the same credibility both ways. Credibility, rounded to 2 decimals:
/// defense and offense `0.5 + 0.5 u`, guarantee `0.6 + 0.4 u`, patronage `0.3 + 0.6 u`;
/// consultation, neutrality and nonaggression 1 (u ~ U[0, 1)).
///
/// **Rivalries**: `floor(N / 4)` pairs not joined by a tie; each attempt draws a state i uniformly
/// and, with probability 0.8, a rival among its 8 nearest neighbours (most rivalries are between
/// neighbours: Thompson & Dreyer 2011), otherwise among all states; repeats are dropped.
/// Intensity `0.2 + 0.8 u`, rounded to 2 decimals.
///
/// **States** (codes `S` plus the zero-padded index, names equal to codes):
/// capability from a Pareto distribution of shape 1.2, `x_i = (1 - u)^(-1 / 1.2)`, normalised to
/// `c_i = x_i / sum_j x_j` (sum 1: capability shares, like CINC); the `ceil(log2(N + 1))` most
/// capable states are major powers; effort `0.01 + 0.04 u` rounded to 3 decimals (1 % to 5 % of
/// GDP); hawkishness `u` and intent (revisionism) `u^3`, both rounded to 2 decimals; GDP equals
/// capability. Environment parameters are the defaults.
///
/// Each part draws from its own stream of the seed (`SeededRandom.derivedSeed`: 1 map, 2 states,
/// 3 ties, 4 kinds, 5 rivalries), so changing one part's rule leaves the others' draws alone.
/// Cost: O(N log N + M) time and O(N + M) memory.
public struct SyntheticNetwork: Hashable, Sendable {
    public var states: Int
    /// Number of commitments (distinct pairs).
    public var ties: Int
    public var seed: UInt64
    public var model: SyntheticNetworkModel

    /// Largest number of states (ids and CSR offsets are 32-bit).
    public static let maxStates = 50_000_000
    /// Largest number of ties.
    public static let maxTies = 500_000_000

    public init(states: Int, ties: Int, seed: UInt64 = 0, model: SyntheticNetworkModel = .regional) {
        self.states = states
        self.ties = ties
        self.seed = seed
        self.model = model
    }

    /// The most ties a network of `n` states may be asked for: half of all pairs, n(n-1)/4, so that
    /// random draws keep finding free pairs (and the rivalries fit).
    public static func maxTies(states n: Int) -> Int { min(maxTies, n * (n - 1) / 4) }

    /// Rivalries generated: `floor(N / 4)`.
    public var rivalryCount: Int { states / 4 }

    /// Major powers: the `ceil(log2(N + 1))` most capable states.
    public var majorPowerCount: Int {
        var count = 0
        while (1 << count) < states + 1 { count += 1 }
        return min(states, count)
    }

    /// Checks the sizes; the location is the option name.
    public func validate() throws(InputError) {
        if states < 1 || states > Self.maxStates {
            throw InputError(location: "states", "\(states) is out of range; expected 1...\(Self.maxStates)")
        }
        let limit = Self.maxTies(states: states)
        if ties < 0 || ties > limit {
            throw InputError(
                location: "ties",
                "\(ties) is out of range; a network of \(states) states takes 0...\(limit) ties "
                    + "(half of all pairs, n(n-1)/4)")
        }
    }

    /// The generated scenario.
    public func scenario() throws(InputError) -> Scenario {
        try validate()
        let n = states
        let (x, y) = mapPositions()

        let stateList = makeStates()
        let capability = stateList.map(\.capability)

        let kNeighbours = max(
            Self.contiguityNeighbours, Self.rivalNeighbours,
            model == .regional ? RegionalTies.neighbourCount(states: n, ties: ties) : 0)
        let neighbours = NearestNeighbours(x: x, y: y, k: kNeighbours)

        var joined = TieSet(capacity: ties)
        var tieRandom = SeededRandom(seed: SeededRandom.derivedSeed(seed, stream: 3))
        let pairs: [(Int32, Int32)]
        switch model {
        case .regional:
            pairs = RegionalTies.make(
                states: n, ties: ties, neighbours: neighbours, random: &tieRandom, joined: &joined)
        case .scaleFree:
            pairs = PreferentialAttachmentTies.make(states: n, ties: ties, random: &tieRandom, joined: &joined)
        }
        var kindRandom = SeededRandom(seed: SeededRandom.derivedSeed(seed, stream: 4))
        var commitments: [Commitment] = []
        commitments.reserveCapacity(pairs.count)
        for (a32, b32) in pairs {
            commitments.append(Self.commitment(Int(a32), Int(b32), capability: capability, random: &kindRandom))
        }
        let rivalries = makeRivalries(neighbours: neighbours, joined: joined)
        let contiguity = Self.contiguity(x: x, y: y, neighbours: neighbours)
        let network = try AllianceNetwork(
            states: stateList, commitments: commitments, rivalries: rivalries,
            contiguity: contiguity)
        return try Scenario(
            name: "Synthetic \(model.rawValue) network, \(n) states, \(ties) ties, seed \(seed)",
            description: "Generated by alliancectl generate (SyntheticNetwork, docs/CLI.md); not historical data.",
            codes: .custom,
            sources: ["alliancectl generate --states \(n) --ties \(ties) --seed \(seed) --model \(model.rawValue)"],
            network: network)
    }

    /// Every state's place on the unit square (stream 1 of the seed).
    public func mapPositions() -> (x: [Double], y: [Double]) {
        var random = SeededRandom(seed: SeededRandom.derivedSeed(seed, stream: 1))
        var x = [Double](repeating: 0, count: max(0, states)), y = x
        for i in x.indices { x[i] = random.nextUnit(); y[i] = random.nextUnit() }
        return (x, y)
    }

    static let contiguityNeighbours = 3
    static let rivalNeighbours = 8

    /// The width of the zero-padded index in state codes.
    private var codeWidth: Int { String(max(0, states - 1)).count }

    /// The code of state `index`: `S` and the zero-padded index (`S0042`).
    public func code(_ index: Int) -> String {
        let digits = String(index)
        return "S" + String(repeating: "0", count: max(0, codeWidth - digits.count)) + digits
    }

    private func makeStates() -> [State] {
        let n = states
        var random = SeededRandom(seed: SeededRandom.derivedSeed(seed, stream: 2))
        var raw = [Double](repeating: 0, count: n)
        var effort = raw, hawkishness = raw, intent = raw
        for i in 0..<n {
            raw[i] = pow(1 - random.nextUnit(), -1 / 1.2)
            effort[i] = Self.rounded(0.01 + 0.04 * random.nextUnit(), digits: 3)
            hawkishness[i] = Self.rounded(random.nextUnit(), digits: 2)
            let u = random.nextUnit()
            intent[i] = Self.rounded(u * u * u, digits: 2)
        }
        let total = raw.reduce(0, +)
        let capability = raw.map { $0 / total }
        var isMajor = [Bool](repeating: false, count: n)
        let ranked = (0..<n).sorted { capability[$0] != capability[$1] ? capability[$0] > capability[$1] : $0 < $1 }
        for i in ranked.prefix(majorPowerCount) { isMajor[i] = true }
        return (0..<n).map { i in
            State(
                code: code(i), capability: capability[i], effort: effort[i], major: isMajor[i],
                hawkishness: hawkishness[i], intent: intent[i])
        }
    }

    /// One commitment on the pair (a, b): its kind, direction and credibility.
    private static func commitment(_ a: Int, _ b: Int, capability: [Double], random: inout SeededRandom) -> Commitment {
        let u = random.nextUnit(), v = random.nextUnit()
        let low = StateID(min(a, b)), high = StateID(max(a, b))
        let (strong, weak) =
            capability[a] != capability[b]
            ? (capability[a] > capability[b] ? (StateID(a), StateID(b)) : (StateID(b), StateID(a)))
            : (low, high)
        switch u {
        case ..<0.50: return .symmetric(.defense, low, high, credibility: rounded(0.5 + 0.5 * v, digits: 2))
        case ..<0.70: return .symmetric(.consultation, low, high)
        case ..<0.80: return .symmetric(.neutrality, low, high)
        case ..<0.90: return .symmetric(.nonaggression, low, high)
        case ..<0.95: return .symmetric(.offense, low, high, credibility: rounded(0.5 + 0.5 * v, digits: 2))
        case ..<0.98:
            return .directed(.guarantee, from: strong, to: weak, credibility: rounded(0.6 + 0.4 * v, digits: 2))
        default: return .directed(.patronage, from: strong, to: weak, credibility: rounded(0.3 + 0.6 * v, digits: 2))
        }
    }

    private func makeRivalries(neighbours: NearestNeighbours, joined: TieSet) -> [Rivalry] {
        let n = states, count = rivalryCount
        var random = SeededRandom(seed: SeededRandom.derivedSeed(seed, stream: 5))
        var rivals = TieSet(capacity: count)
        var result: [Rivalry] = []
        result.reserveCapacity(count)
        let near = min(Self.rivalNeighbours, neighbours.k)
        while result.count < count {
            let i = random.index(below: n)
            let j: Int
            if near > 0 && random.nextUnit() < 0.8 {
                j = neighbours.neighbour(i, random.index(below: near))
            } else {
                let draw = random.index(below: n - 1)
                j = draw >= i ? draw + 1 : draw
            }
            let intensity = Self.rounded(0.2 + 0.8 * random.nextUnit(), digits: 2)
            if joined.contains(i, j) || !rivals.insert(i, j) { continue }
            result.append(Rivalry(StateID(min(i, j)), StateID(max(i, j)), intensity: intensity))
        }
        return result
    }

    private static func contiguity(x: [Double], y: [Double], neighbours: NearestNeighbours) -> [Contiguity] {
        let n = x.count
        let spacing = 1 / Double(n).squareRoot()
        let near = min(contiguityNeighbours, neighbours.k)
        var seen = TieSet(capacity: n * near)
        var result: [Contiguity] = []
        for i in 0..<n {
            for rank in 0..<near {
                let j = neighbours.neighbour(i, rank)
                guard seen.insert(i, j) else { continue }
                let dx = x[i] - x[j], dy = y[i] - y[j]
                let d = (dx * dx + dy * dy).squareRoot() / spacing
                let type = d <= 0.75 ? 1 : d <= 1 ? 2 : d <= 1.25 ? 3 : d <= 1.5 ? 4 : 5
                result.append(Contiguity(StateID(min(i, j)), StateID(max(i, j)), type: type))
            }
        }
        return result
    }

    /// `value` rounded to `digits` decimals (half away from zero).
    static func rounded(_ value: Double, digits: Int) -> Double {
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        return (value * scale).rounded() / scale
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
