/// Arms-race stability (docs/MODEL.md section 5): the fatigue margin `a - rho(K)` of the linearised
/// Richardson system. Positive: a race settles; negative: it runs away.
///
/// Linearising the arming rule around the current efforts, with `x_j = m_j / m_j(0)` and the
/// reaction scaled by the current support A_i held fixed, gives `dx/dt = eta (K x - a x + ...)`
/// with the nonnegative **threat-reaction matrix**
/// `K = k * diag(1 / A) * (I - alpha W)^-1 * G`,
/// `G_lj = dD_lj / dx_j = theta * pi_lj * c_j * (I_lj + x_j * dI_lj/dx_j)`,
/// where I_lj is the noise-free hostility (0 between partners) and `dI_lj/dx_j = 1 - delta` while
/// the arming signal q_j is in [0, 1) and I_lj < 1 (the security dilemma: arming reads as
/// hostility), else 0. Since K is nonnegative its spectral radius rho(K) is its dominant
/// eigenvalue (Perron-Frobenius) and the system `K - a I` is stable iff `rho(K) < a`.
///
/// Two states with K = [[0, k], [l, 0]] and fatigue a = b: rho(K) = sqrt(k * l), so the margin
/// is positive exactly when `a * b > k * l`, Richardson's condition. The threat propagation's
/// inverse is applied with the kernel (one column per state), so the cost is O(passes x arcs x N)
/// plus the power iteration's O(iterations x N^2); meant for N up to a few thousand.
package enum ArmsRaceStability {
    /// Largest network for which the simulation's `full` system metrics include the margin: K is
    /// dense (N x N doubles: 8 MB at N = 1,000, 8 TB at N = 1,000,000). Above it the margin is
    /// not recorded (nil, as with `light` metrics).
    package static let denseLimit = 5_000

    /// Throws when the dense matrices of `compute` (G, the propagated threat and K: about four
    /// N x N tables of doubles with the propagation's scratch) exceed `MemoryBudget`.
    package static func checkMemory(states n: Int) throws(ComputationError) {
        try MemoryBudget.check(
            "arms_race_stability", count: MemoryBudget.product(4, n, n), elementSize: 8,
            what: "four \(n) x \(n) tables of doubles",
            avoid: "leave it out with --only (every other metric needs memory proportional to N)")
    }

    /// The result: K's spectral radius, the fatigue and their difference.
    package struct Result: Hashable, Sendable {
        /// rho(K).
        package var spectralRadius: Double
        /// a, the fatigue coefficient.
        package var fatigue: Double
        /// a - rho(K): positive when a race settles.
        package var margin: Double { fatigue - spectralRadius }
        /// Whether the linearised race settles.
        package var isStable: Bool { margin > 0 }
    }

    /// The threat-reaction matrix K, row-major N x N. `ties` and `proximity`, when given, must be
    /// those of `network` and `environment` (a `ThreatModel`'s kept ties and its table, in the
    /// simulation's record); otherwise they are built here. `solver`, when given, must be the
    /// factorisation of those ties (`ThreatModel.keptSolver`); networks of at most
    /// `DenseThreatSolver.limit` states propagate G by that direct solve, larger ones iterate.
    package static func reactionMatrix(
        _ network: AllianceNetwork, _ environment: SecurityEnvironment,
        ties: ThreatModel.Ties? = nil, proximity: ProximityTable? = nil, solver: DenseThreatSolver? = nil
    ) -> [Double] {
        let n = network.count
        let power = network.states.map(\.power)
        let ties = ties ?? ThreatModel.ties(network, power: power, reliability: environment.reliability)
        let proximity = proximity ?? ProximityTable(network)
        let delta = environment.distinguishability
        var g = [Double](repeating: 0, count: n * n)
        var partnerMark = [Int](repeating: -1, count: n)
        var rivalRow = [Double](repeating: 0, count: n)
        for l in 0..<n {
            for k in Int(ties.partners.offsets[l])..<Int(ties.partners.offsets[l + 1]) {
                partnerMark[Int(ties.partners.targets[k])] = l
            }
            for k in Int(ties.rivals.offsets[l])..<Int(ties.rivals.offsets[l + 1]) {
                rivalRow[Int(ties.rivals.targets[k])] = ties.rivals.weights[k]
            }
            for j in 0..<n where j != l && partnerMark[j] != l {
                let state = network.states[j]
                let q = ThreatModel.armingSignal(state)
                let raw = rivalRow[j] + delta * state.intent + (1 - delta) * q
                let hostility = min(1, max(0, raw))
                let x = state.effort / state.baselineEffort
                let slope = (raw < 1 && q < 1) ? (1 - delta) : 0
                g[l * n + j] =
                    environment.offenseDefense * proximity.value(of: j, from: l) * state.capability
                    * (hostility + x * slope)
            }
            for k in Int(ties.rivals.offsets[l])..<Int(ties.rivals.offsets[l + 1]) {
                rivalRow[Int(ties.rivals.targets[k])] = 0
            }
        }
        let alpha = environment.entanglement
        var k: [Double]
        if n <= DenseThreatSolver.limit && alpha != 0 && ties.entanglement.arcCount > 0 {
            // Small networks: the direct solve (the one the perception uses), exact to rounding.
            k = []
            (solver ?? DenseThreatSolver(ties.entanglement, alpha: alpha)).solve(direct: g, columns: n, into: &k)
        } else {
            k =
                ThreatModel.propagate(
                    direct: g, columns: n, entanglement: ties.entanglement, alpha: alpha, tolerance: 1e-12,
                    maxIterations: 1000
                ).threat
        }
        for i in 0..<n {
            let scale = ties.support[i] > 0 ? environment.reaction / ties.support[i] : 0
            for j in 0..<n { k[i * n + j] *= scale }
        }
        return k
    }

    /// Arms-race stability of `network` under `environment` (`ties` and `proximity` as in
    /// `reactionMatrix`).
    package static func compute(
        _ network: AllianceNetwork, _ environment: SecurityEnvironment,
        ties: ThreatModel.Ties? = nil, proximity: ProximityTable? = nil, solver: DenseThreatSolver? = nil
    ) -> Result {
        let k = reactionMatrix(network, environment, ties: ties, proximity: proximity, solver: solver)
        return Result(spectralRadius: spectralRadius(k, n: network.count), fatigue: environment.fatigue)
    }

    /// The spectral radius of a nonnegative N x N matrix (row-major): power iteration on K + I
    /// (primitive shift, so periodic matrices such as [[0, k], [l, 0]] converge) from the all-ones
    /// vector, until the growth rate changes by less than 1e-14 relative, or 100,000 steps.
    /// O(steps x N^2).
    package static func spectralRadius(_ matrix: [Double], n: Int) -> Double {
        guard n > 0 else { return 0 }
        var x = [Double](repeating: 1, count: n)
        var y = x
        var rate = 0.0
        matrix.withUnsafeBufferPointer { m in
            for _ in 0..<100_000 {
                let norm = shiftedProduct(m, n: n, x: x, into: &y)
                let previousNorm = x.reduce(0, +)
                let newRate = norm / previousNorm
                for i in 0..<n { x[i] = y[i] / norm }
                if abs(newRate - rate) <= 1e-14 * newRate { rate = newRate; break }
                rate = newRate
            }
        }
        return max(0, rate - 1)
    }

    /// `y = (K + I) x` and the sum of y. Row i is `x_i + sum_j K_ij x_j`, added in j order and the
    /// rows summed in i order, as a row-at-a-time loop does; four rows run side by side, so that
    /// four independent additions are in flight instead of one (the same operations, in the same
    /// order per row: the same bits).
    private static func shiftedProduct(
        _ m: UnsafeBufferPointer<Double>, n: Int, x: [Double], into y: inout [Double]
    ) -> Double {
        x.withUnsafeBufferPointer { x in
            y.withUnsafeMutableBufferPointer { y in
                let m = m.baseAddress!, x = x.baseAddress!, y = y.baseAddress!
                var norm = 0.0
                var i = 0
                while i + 4 <= n {
                    let r0 = m + i * n, r1 = r0 + n, r2 = r1 + n, r3 = r2 + n
                    var s0 = x[i], s1 = x[i + 1], s2 = x[i + 2], s3 = x[i + 3]
                    for j in 0..<n {
                        let xj = x[j]
                        s0 += r0[j] * xj
                        s1 += r1[j] * xj
                        s2 += r2[j] * xj
                        s3 += r3[j] * xj
                    }
                    y[i] = s0; y[i + 1] = s1; y[i + 2] = s2; y[i + 3] = s3
                    norm += s0; norm += s1; norm += s2; norm += s3
                    i += 4
                }
                while i < n {
                    let row = m + i * n
                    var sum = x[i]
                    for j in 0..<n { sum += row[j] * x[j] }
                    y[i] = sum
                    norm += sum
                    i += 1
                }
                return norm
            }
        }
    }
}
