@_spi(Internals) import AllianceGraph

/// The sample points of an experiment's sampled parameters (`"min"`/`"max"` domains).
///
/// `random`: point i's value of parameter j is `min_j + (max_j - min_j) * u`, with the uniforms
/// drawn in parameter order from `SeededRandom(seed: derivedSeed(seed, stream: i))`.
/// `latinHypercube`: each parameter's range is cut into `points` equal strata; parameter j's
/// strata are shuffled (Fisher-Yates with `SeededRandom(seed: derivedSeed(seed, stream: 2^32 + j))`)
/// and point i takes a uniform value inside stratum `perm_j[i]` (McKay, Beckman & Conover 1979),
/// so each stratum of each parameter holds exactly one point. Integer parameters are rounded
/// down (and `max` itself is reachable only as `min + floor(...)`). Both are fixed by the seed.
package struct ParameterSample: Hashable, Sendable {
    package enum Method: String, CaseIterable, Sendable {
        case random
        case latinHypercube
    }

    package var method: Method
    package var points: Int
    package var seed: UInt64

    /// `values[i][j]`: point i's value of the j-th of `domains` (each `(min, max, integer)`).
    package func values(_ domains: [(min: Double, max: Double, integer: Bool)]) -> [[Double]] {
        var unit = [[Double]](repeating: [Double](repeating: 0, count: domains.count), count: points)
        switch method {
        case .random:
            for i in 0..<points {
                var random = SeededRandom(seed: SeededRandom.derivedSeed(seed, stream: UInt64(i)))
                for j in domains.indices { unit[i][j] = random.nextUnit() }
            }
        case .latinHypercube:
            for j in domains.indices {
                var random = SeededRandom(seed: SeededRandom.derivedSeed(seed, stream: (1 << 32) + UInt64(j)))
                var strata = Array(0..<points)
                for k in stride(from: points - 1, to: 0, by: -1) {
                    strata.swapAt(k, Int(random.next() % UInt64(k + 1)))
                }
                for i in 0..<points { unit[i][j] = (Double(strata[i]) + random.nextUnit()) / Double(points) }
            }
        }
        return unit.map { row in
            zip(row, domains).map { u, domain in
                let value = domain.min + (domain.max - domain.min) * u
                return domain.integer ? value.rounded(.down) : value
            }
        }
    }
}
