/// Chain-gang exposure and system fragility (docs/MODEL.md section 4), a stability metric.
///
/// For every crisis in a set of probe crises, the deterministic cascade `a -> b` is run (with the
/// scenario's war plans, without opportunism) and the states drawn in are recorded: the
/// belligerents other than `a` and `b`.
/// - Probe crises: every ordered pair (a, b), a != b, when N <= 64; otherwise both directions of
///   every dyad with a rivalry or land contiguity (proximity 1) in force.
/// - `exposure_i`: the share of probe crises not involving i as `a` or `b` in which i is drawn in.
/// - `fragility`: the mean over probe crises of the share of the other N - 2 states drawn in.
/// - `capabilityFragility`: the mean share of the other states' capability drawn in.
/// NaN where nothing is defined (fewer than three states, no probe crisis).
public struct ChainGangExposure: Hashable, Sendable {
    /// Per state, in network order.
    public var exposure: [Double]
    public var fragility: Double
    public var capabilityFragility: Double
    /// The number of probe crises run.
    public var crisisCount: Int

    /// Every ordered pair is probed up to this many states.
    public static let allPairsLimit = 64

    /// Exposure and fragility of `network` (ties already restricted to those in force).
    public static func compute(
        _ network: AllianceNetwork, environment: SecurityEnvironment = SecurityEnvironment(),
        warPlans: [WarPlan] = [], options: CrisisOptions = CrisisOptions()
    ) throws(InputError) -> ChainGangExposure {
        var options = options
        options.opportunism = false
        let engine = try CrisisEngine(network: network, environment: environment, warPlans: warPlans, options: options)
        return compute(engine)
    }

    /// Exposure and fragility under `engine`'s rules (opportunism is used if the engine has it).
    public static func compute(_ engine: CrisisEngine) -> ChainGangExposure {
        let network = engine.network
        let n = network.count
        var pairs: [(Int, Int)] = []
        if n <= allPairsLimit {
            for a in 0..<n { for b in 0..<n where a != b { pairs.append((a, b)) } }
        } else {
            var set = Set<StatePair>()
            for r in network.rivalries { set.insert(r.pair) }
            for c in network.contiguity where c.proximity >= 1 { set.insert(c.pair) }
            for pair in set.sorted(by: { ($0.low, $0.high) < ($1.low, $1.high) }) where pair.low != pair.high {
                pairs.append((pair.low.index, pair.high.index))
                pairs.append((pair.high.index, pair.low.index))
            }
        }
        guard n >= 3, !pairs.isEmpty else {
            return ChainGangExposure(
                exposure: Array(repeating: .nan, count: n), fragility: .nan,
                capabilityFragility: .nan, crisisCount: pairs.count)
        }
        var drawn = [Int](repeating: 0, count: n)
        var eligible = [Int](repeating: 0, count: n)
        var shareSum = 0.0, capabilitySum = 0.0
        var scratch = engine.makeScratch()
        for (a, b) in pairs {
            engine.simulate(attacker: a, target: b, stochastic: false, runSeed: 0, scratch: &scratch)
            var count = 0, capability = 0.0, other = 0.0
            for i in 0..<n where i != a && i != b {
                eligible[i] += 1
                other += engine.capability[i]
                if scratch.side[i] != 0 {
                    drawn[i] += 1
                    count += 1
                    capability += engine.capability[i]
                }
            }
            shareSum += Double(count) / Double(n - 2)
            capabilitySum += other > 0 ? capability / other : 0
        }
        return ChainGangExposure(
            exposure: (0..<n).map { eligible[$0] > 0 ? Double(drawn[$0]) / Double(eligible[$0]) : .nan },
            fragility: shareSum / Double(pairs.count),
            capabilityFragility: capabilitySum / Double(pairs.count),
            crisisCount: pairs.count)
    }
}
