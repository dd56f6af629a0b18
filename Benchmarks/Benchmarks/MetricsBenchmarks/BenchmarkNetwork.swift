import AllianceGraph
import Foundation

/// The 200-state network of the metrics benchmarks: the one place that builds it, so that it can
/// be swapped for the library's synthetic generator once that is merged.
///
/// Seeded (`SeededRandom`): `states` states with log-normal capabilities (the 8 largest are major
/// powers), `ties` distinct random pairs joined by one symmetric commitment each (50 % defence,
/// 20 % consultation, 15 % neutrality, 15 % non-aggression; credibility uniform in [0.3, 1)), and
/// `rivalries` rivalries between pairs that are not allied (intensity uniform in [0.2, 1)).
func benchmarkNetwork(states n: Int = 200, ties: Int = 2_000, rivalries rivalryCount: Int = 100,
                      seed: UInt64 = 200) -> AllianceNetwork {
    var random = SeededRandom(seed: seed)
    let capabilities = (0..<n).map { _ in exp(1.2 * random.nextGaussian()) }
    let total = capabilities.reduce(0, +)
    let majors = Set(capabilities.indices.sorted { capabilities[$0] > capabilities[$1] }.prefix(8))
    let states = (0..<n).map { i in
        State(code: "S\(i)", capability: capabilities[i] / total, effort: 0.01 + 0.04 * random.nextUnit(),
              major: majors.contains(i))
    }
    func randomPair() -> (Int, Int) {
        let a = Int(random.next() % UInt64(n))
        var b = Int(random.next() % UInt64(n))
        while b == a { b = Int(random.next() % UInt64(n)) }
        return (min(a, b), max(a, b))
    }
    var used = Set<Int>()
    var commitments: [Commitment] = []
    while commitments.count < ties {
        let (a, b) = randomPair()
        guard used.insert(a * n + b).inserted else { continue }
        let u = random.nextUnit()
        let kind: CommitmentKind = u < 0.5 ? .defense : u < 0.7 ? .consultation : u < 0.85 ? .neutrality : .nonaggression
        commitments.append(.symmetric(kind, StateID(a), StateID(b), credibility: 0.3 + 0.7 * random.nextUnit()))
    }
    var rivalries: [Rivalry] = []
    while rivalries.count < rivalryCount {
        let (a, b) = randomPair()
        guard used.insert(a * n + b).inserted else { continue }
        rivalries.append(Rivalry(StateID(a), StateID(b), intensity: 0.2 + 0.8 * random.nextUnit()))
    }
    do {
        return try AllianceNetwork(states: states, commitments: commitments, rivalries: rivalries)
    } catch {
        fatalError("benchmark network is invalid: \(error)")  // generated here, not user input
    }
}

