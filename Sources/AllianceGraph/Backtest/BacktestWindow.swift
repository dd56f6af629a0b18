/// One window of the alliance backtest: the real network of a start year Y and the real network
/// of year Y + k, matched by state code.
///
/// Only the states present in both years are scored (a state born or gone in between can't be
/// forecast from Y): the **common states**, in the start network's order.
package struct BacktestWindow: Sendable {
    package var startYear: Int
    /// k, in years.
    package var horizon: Int
    package var start: AllianceNetwork
    package var target: AllianceNetwork

    package init(startYear: Int, horizon: Int, start: AllianceNetwork, target: AllianceNetwork) {
        self.startYear = startYear
        self.horizon = horizon
        self.start = start
        self.target = target
    }

    /// Gives every start state the capability trend it showed over the `years` before the start
    /// year: `g = ((c_Y / c_{Y - years})^(1 / years))^(1 / roundsPerYear) - 1` per round, from the
    /// capabilities of `earlier` (the network of year Y - years), clamped to [-0.2, 0.2]; states
    /// absent from `earlier`, or with capability 0 in either year, get 0 (no trend).
    package mutating func setCapabilityTrends(from earlier: AllianceNetwork, years: Int, roundsPerYear: Int) {
        guard years > 0, roundsPerYear > 0 else { return }
        for index in start.states.indices {
            let state = start.states[index]
            guard let old = earlier.id(forCode: state.code), earlier[old].capability > 0, state.capability > 0 else {
                start.states[index].growth = 0
                continue
            }
            let perYear = pow(state.capability / earlier[old].capability, 1 / Double(years))
            start.states[index].growth = min(0.2, max(-0.2, pow(perYear, 1 / Double(roundsPerYear)) - 1))
        }
    }

    /// The common states, as start-network indices, ascending.
    var common: [Int] { start.states.indices.filter { target.id(forCode: start.states[$0].code) != nil } }

    /// The target network's id of each start state (nil when it is not in the target year).
    var targetIndex: [Int?] { start.states.map { target.id(forCode: $0.code)?.index } }

    /// A pair of start-network indices as one key, `low * n + high`.
    static func key(_ a: Int, _ b: Int, n: Int) -> Int { min(a, b) * n + max(a, b) }

    /// The pairs of `network` joined by a defence pact with a pledge > 0, as keys over start
    /// indices (`map` turns the network's ids into start indices; nil drops the pair), sorted.
    static func defencePairs(_ network: AllianceNetwork, n: Int, map: (Int) -> Int?) -> [Int] {
        var keys: [Int] = []
        for c in network.commitments where c.kind == .defense && max(c.credibility, c.reverseCredibility ?? 0) > 0 {
            guard let a = map(c.from.index), let b = map(c.to.index), a != b else { continue }
            keys.append(key(a, b, n: n))
        }
        keys.sort()
        var unique: [Int] = []
        for k in keys where unique.last != k { unique.append(k) }
        return unique
    }

    /// The rival pairs of `network` as keys over start indices (see `defencePairs`), sorted.
    static func rivalPairs(_ network: AllianceNetwork, n: Int, map: (Int) -> Int?) -> [Int] {
        var keys: [Int] = []
        for r in network.rivalries {
            guard let a = map(r.pair.low.index), let b = map(r.pair.high.index), a != b else { continue }
            keys.append(key(a, b, n: n))
        }
        return Array(Set(keys)).sorted()
    }
}

/// System indicators of a network of the common states (docs/MODEL.md section 5), compared between the
/// model's final networks, the real target year and the start year (persistence):
/// - `pacts`: defence-pact dyads;
/// - `blocs`: Leiden blocs of the defence-pact graph (`BlocPartition`; an unallied state is a bloc);
/// - `polarity`: blocs holding at least 10 % of the common states' power (`SystemIndicators`);
/// - `balance`: share of balanced triangles of the signed graph of defence pacts (+) and
///   rivalries (-) (`StructuralBalance`; a pair that is both counts as a rivalry); NaN without
///   signed triangles.
package struct BacktestIndicators: Hashable, Sendable {
    package var pacts: Double
    package var blocs: Double
    package var polarity: Double
    package var balance: Double

    package init(pacts: Double, blocs: Double, polarity: Double, balance: Double) {
        self.pacts = pacts
        self.blocs = blocs
        self.polarity = polarity
        self.balance = balance
    }

    /// The indicators over the common states `common` (start indices) from pair keys over start
    /// indices (`n` states) and each start state's power.
    static func compute(
        defence: [Int], rivals: [Int], common: [Int], n: Int, power: [Double], seed: UInt64
    ) throws(ComputationError) -> BacktestIndicators {
        var position = [Int](repeating: -1, count: n)
        for (k, i) in common.enumerated() { position[i] = k }
        let rivalSet = Set(rivals)
        var positive: [(Int, Int, Double)] = []
        var signed: [(Int, Int, Int)] = []
        for key in defence {
            let a = position[key / n], b = position[key % n]
            guard a >= 0, b >= 0 else { continue }
            positive.append((a, b, 1))
            if !rivalSet.contains(key) { signed.append((a, b, 1)) }
        }
        for key in rivals {
            let a = position[key / n], b = position[key % n]
            guard a >= 0, b >= 0 else { continue }
            signed.append((a, b, -1))
        }
        // Valid by construction: distinct pairs of distinct common states.
        guard let view = try? AllianceGraphView(vertexCount: common.count, edges: positive),
            let signedView = try? SignedGraphView(vertexCount: common.count, edges: signed)
        else { throw ComputationError(operation: "backtest indicators", reason: "invalid pair list") }
        let partition = try BlocPartition.leiden(view, seed: seed, restarts: 3)
        let polarity = SystemIndicators.polarity(blocs: partition.membership, power: common.map { power[$0] })
        return BacktestIndicators(
            pacts: Double(positive.count), blocs: Double(partition.count), polarity: Double(polarity),
            balance: StructuralBalance(signedView).index)
    }

    /// The mean of several (NaN values left out of their indicator's mean).
    static func mean(_ list: [BacktestIndicators]) -> BacktestIndicators {
        func average(_ values: [Double]) -> Double {
            let finite = values.filter(\.isFinite)
            return finite.isEmpty ? .nan : finite.reduce(0, +) / Double(finite.count)
        }
        return BacktestIndicators(
            pacts: average(list.map(\.pacts)), blocs: average(list.map(\.blocs)),
            polarity: average(list.map(\.polarity)), balance: average(list.map(\.balance)))
    }
}

#if canImport(Foundation)
    import Foundation
#endif
