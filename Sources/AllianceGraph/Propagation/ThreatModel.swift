/// Threat perception and propagation (docs/MODEL.md section 2), the perceive phase of every round.
///
/// **Perceived hostility** of j seen by i:
/// `I_ij = clamp(rho_ij + delta * r_j + (1 - delta) * q_j + eps_ij, 0, 1)` with
/// `q_j = clamp((m_j - m_j(0)) / m_j(0), 0, 1)` and `eps_ij ~ N(0, sigma^2)`,
/// `sigma = sigma0 (1 - tau)`; `I_ij = 0` when i and j are committed partners (a commitment of any
/// kind, either direction, credibility > 0) and on the diagonal.
///
/// **Direct threat** `D_ij = theta * P_j * pi_ij * I_ij` (Walt 1987).
///
/// **Propagation** `T = D[:, S] + alpha W T`: for N <= `DenseThreatSolver.limit` (256) with
/// alpha > 0 and ties in W, solved directly (`DenseThreatSolver`: one LU of `I - alpha W` per
/// set of ties, shared by the next perception and the arms-race margin; `iterations` is then 0);
/// else by Jacobi iteration (`ThreatKernel`), where W is the row-normalised
/// credibility of the aligning obligations i -> l (kinds with a positive sign: defense, offense,
/// guarantee, patronage, consultation; parallel pledges to the same partner merged by their
/// maximum). Neutrality and non-aggression pacts restrain but do not entangle.
///
/// **Support** `A_i = P_i + sum_l kappa_li * reliability * P_l` over the obligations l -> i of the
/// kinds that oblige l to fight (defense, offense, guarantee, patronage; maximum per partner).
///
/// Noise is drawn from the run's generator in a fixed order: for i = 0..<N, for each source s in
/// ascending order with s != i, one normal variate, whether or not i and s are partners (so the
/// stream does not depend on the ties). No variate is drawn when sigma = 0.
///
/// Sources: all states when N <= `allSourcesLimit` (256), else the `topSources` (16) states with the
/// largest noise-free outgoing direct threat `sum_i D_ij` (ties: lowest id), re-chosen each call.
public struct ThreatModel: Sendable {
    /// Result blocks larger than this (entries) don't keep their scratch buffer between calls.
    static let keptScratchLimit = 1 << 20
    /// Largest network in which every state is a threat source.
    public static let allSourcesLimit = 256
    /// Sources kept in larger networks (K).
    public var topSources = 16
    /// Propagation stops when the largest change is below this, or after `maxIterations` passes.
    public var tolerance = 1e-9
    public var maxIterations = 50
    /// Networks of at least this many states (commitments) score sources (build tie snapshots) on
    /// every core; the results are the same bits either way.
    var parallelMinimum = ThreatModel.parallelMinimum

    let proximity: ProximityTable
    /// The ties of the last assessment, kept when the network has at most `allSourcesLimit`
    /// states, or when it was a noise-free assessment made with `keepsTiesForNextPerception`
    /// (nil otherwise): the next assessment of the same network reuses them (`reusingTies`), and
    /// the arms-race margin of the simulation's record reads them.
    private(set) var keptTies: Ties?
    /// Whether a noise-free assessment of a network larger than `allSourcesLimit` keeps its ties
    /// for the next perception (`keptTies`). The simulation sets it when another round follows
    /// its record: the round's perception then reads the ties the record built instead of
    /// building the same snapshots again (two passes over every commitment), at the cost of
    /// holding the partner and rivalry CSRs through the record's propagation. A perception never keeps the
    /// ties of a large network (the rules change the network after it).
    var keepsTiesForNextPerception = false
    /// The factorisation of `I - alpha W` for the kept ties (networks of at most
    /// `DenseThreatSolver.limit` states with arcs in W and alpha > 0), and its alpha.
    private(set) var keptSolver: DenseThreatSolver?
    private var keptSolverAlpha = 0.0
    private var resultBuffer: [Double] = []
    private var scratchBuffer: [Double] = []

    /// A model for `network`'s geography (built once: O(N + contiguity)). The ties and efforts are
    /// read on every `assess` call, so one model serves a whole run.
    public init(_ network: AllianceNetwork) {
        proximity = ProximityTable(network)
    }

    /// Noise-free perception at the network's current efforts (the `threat` and `securityRatio`
    /// metrics use this).
    public mutating func assess(_ network: AllianceNetwork, _ environment: SecurityEnvironment) -> ThreatAssessment {
        var unused = SeededRandom(seed: 0)
        return assess(network, environment, noise: false, random: &unused)
    }

    /// Perception with misperception noise drawn from `random`.
    @_spi(Internals) public mutating func assess(
        _ network: AllianceNetwork, _ environment: SecurityEnvironment,
        random: inout SeededRandom
    ) -> ThreatAssessment {
        assess(network, environment, noise: true, random: &random)
    }

    /// The snapshot structures the perception reads, built from the ties.
    package struct Ties: Sendable {
        /// Any commitment with a pledge above 0, either direction (symmetric, unweighted).
        var partners: CSRAdjacency
        /// Rivalry intensity (symmetric; the largest when several spells are active).
        var rivals: CSRAdjacency
        /// Row-normalised W.
        var entanglement: CSRAdjacency
        /// Support A_i.
        var support: [Double]
    }

    /// The snapshot structures of `network`'s ties.
    ///
    /// Every pledge that support or W reads joins two partners, so the three are built from one
    /// CSR of the partner arcs (`CSRAdjacency.emittedRows`: one count pass and one fill pass over
    /// the commitments), whose arc `i -> l` carries two weights, each merged over parallel
    /// commitments by its maximum:
    /// - the pledge toward i: l's credibility to i in a kind that obliges l to fight (0 if none),
    ///   which gives `A_i = P_i + sum_l kappa_li * reliability * P_l` over the row's arcs with a
    ///   pledge, in ascending l;
    /// - i's aligning pledge to l (kinds with a positive sign, 0 if none): W is the arcs where it
    ///   is above 0, each row divided by its sum (added in ascending l).
    /// Then the partner rows keep no weight (`CSRAdjacency.isWeighted` false). These are the same
    /// rows, sums and bits as three separate CSRs of the pledges, W and the partners (which took
    /// three count and fill passes, about 3.5 s at 10 million ties), and the partner rows hold 4
    /// bytes an arc instead of 12. The rivals' CSR is built on another core at the same time when
    /// the network has `parallelMinimum` commitments or more.
    static func ties(
        _ network: AllianceNetwork, power: [Double], reliability: Double, parallelMinimum: Int = parallelMinimum
    ) -> Ties {
        let n = network.count
        let commitments = network.commitments
        let rivalries = network.rivalries
        let parallel = commitments.count >= parallelMinimum
        // Rows sorted on every core from this many arcs (lowered with `parallelMinimum` in tests).
        let arcMinimum = min(parallelMinimum, CSRAdjacency.parallelArcMinimum)
        let (rows, rivals) = ConcurrentPair.run(
            parallel: parallel,
            {
                try? CSRAdjacency.emittedRows(
                    vertexCount: n, normalisingRows: false, secondWeights: true, parallelArcMinimum: arcMinimum
                ) { emit in
                    for c in commitments where c.credibility > 0 || (c.reverseCredibility ?? 0) > 0 {
                        // The obligations of `Commitment.forEachObligation`: from -> to with
                        // `credibility`, and to -> from with the reverse one (symmetric only).
                        let forward = c.credibility
                        let reverse = c.isSymmetric ? (c.reverseCredibility ?? 0) : 0
                        let obliges = c.kind.obligesToFight, aligns = c.kind.sign > 0
                        // Arc from -> to: to's pledge toward from; from's aligning pledge to to.
                        emit(
                            c.from.index, c.to.index, obliges && reverse > 0 ? reverse : 0,
                            aligns && forward > 0 ? forward : 0)
                        // Arc to -> from: from's pledge toward to; to's aligning pledge to from.
                        emit(
                            c.to.index, c.from.index, obliges && forward > 0 ? forward : 0,
                            aligns && reverse > 0 ? reverse : 0)
                    }
                }
            },
            {
                (try? CSRAdjacency(vertexCount: n) { emit in
                    for r in rivalries {
                        emit(r.pair.low.index, r.pair.high.index, r.intensity)
                        emit(r.pair.high.index, r.pair.low.index, r.intensity)
                    }
                }) ?? .empty(vertexCount: n)
            })
        guard var rows else {
            return Ties(
                partners: .empty(vertexCount: n), rivals: rivals, entanglement: .empty(vertexCount: n), support: power)
        }
        var support = power
        for i in 0..<n {
            for k in Int(rows.offsets[i])..<Int(rows.offsets[i + 1]) where rows.weights[k] > 0 {
                support[i] += rows.weights[k] * reliability * power[Int(rows.targets[k])]
            }
        }
        rows.weights = []
        let w = Self.entanglement(&rows)
        let partners =
            (try? CSRAdjacency(vertexCount: n, offsets: rows.offsets, targets: rows.targets, weights: []))
            ?? .empty(vertexCount: n)
        return Ties(partners: partners, rivals: rivals, entanglement: w, support: support)
    }

    /// W from the partner rows' aligning pledges (`rows.second`, which it takes: W's weights are
    /// compacted in place in that array, so no second array of 8 bytes an arc is allocated): the
    /// arcs whose pledge is above 0, in row order, each row divided by its sum.
    private static func entanglement(_ rows: inout CSRAdjacency.EmittedRows) -> CSRAdjacency {
        let n = rows.offsets.count - 1
        var weights = rows.second
        rows.second = []
        var offsets = [Int32](repeating: 0, count: n + 1)
        var targets: [Int32] = []
        targets.reserveCapacity(rows.targets.count)
        var write = 0
        for i in 0..<n {
            let rowStart = write
            for k in Int(rows.offsets[i])..<Int(rows.offsets[i + 1]) where weights[k] > 0 {
                targets.append(rows.targets[k])
                weights[write] = weights[k]
                write += 1
            }
            var sum = 0.0
            for k in rowStart..<write { sum += weights[k] }
            if sum > 0 { for k in rowStart..<write { weights[k] /= sum } }
            offsets[i + 1] = Int32(write)
        }
        weights.removeLast(weights.count - write)
        return (try? CSRAdjacency(vertexCount: n, offsets: offsets, targets: targets, weights: weights))
            ?? .empty(vertexCount: n)
    }

    /// Networks with at least this many states score their candidate sources on every core, and
    /// with at least this many commitments build their tie snapshots two at a time.
    static let parallelMinimum = 100_000

    /// The arming signal `q_j = clamp((m_j - m_j(0)) / m_j(0), 0, 1)`.
    static func armingSignal(_ state: State) -> Double {
        min(1, max(0, (state.effort - state.baselineEffort) / state.baselineEffort))
    }

    /// Perception with noise (`noise`, drawn from `random`) or without. With `reusingTies` the
    /// ties kept from the last call (`keptTies`, when there are any) are used instead of being
    /// rebuilt: the caller promises that the network's ties and powers and the environment are
    /// those of that call (the simulation: its record's assessment and the next round's
    /// perception read one network). The result is the same bits either way.
    mutating func assess(
        _ network: AllianceNetwork, _ environment: SecurityEnvironment, noise: Bool,
        random: inout SeededRandom, reusingTies: Bool = false
    ) -> ThreatAssessment {
        let n = network.count
        let power = network.states.map(\.power)
        var ties: Ties
        if reusingTies, let kept = keptTies, kept.support.count == n {
            ties = kept
        } else {
            ties = Self.ties(
                network, power: power, reliability: environment.reliability, parallelMinimum: parallelMinimum)
            keptSolver = nil
        }
        keptTies = n <= Self.allSourcesLimit || (!noise && keepsTiesForNextPerception) ? ties : nil
        let alpha = environment.entanglement
        let solveDirectly = n <= DenseThreatSolver.limit && alpha != 0 && ties.entanglement.arcCount > 0
        if !solveDirectly {
            keptSolver = nil
        } else if keptSolver == nil || keptSolverAlpha != alpha {
            keptSolver = DenseThreatSolver(ties.entanglement, alpha: alpha)
            keptSolverAlpha = alpha
        }
        let delta = environment.distinguishability
        let theta = environment.offenseDefense
        // Base hostility of each potential source, before rivalry and noise.
        let base = network.states.map { delta * $0.intent + (1 - delta) * Self.armingSignal($0) }
        let sources =
            n <= Self.allSourcesLimit
            ? Array(0..<n) : topSources(network, ties: ties, base: base, power: power, theta: theta)
        let columns = sources.count
        var sourceColumn = [Int](repeating: -1, count: n)
        for (c, s) in sources.enumerated() { sourceColumn[s] = c }

        let sigma = noise ? environment.noiseStandardDeviation : 0
        var direct = [Double](repeating: 0, count: n * columns)
        var partnerMark = [Int](repeating: -1, count: n)
        var rivalRow = [Double](repeating: 0, count: n)
        for i in 0..<n {
            for k in Int(ties.partners.offsets[i])..<Int(ties.partners.offsets[i + 1]) {
                partnerMark[Int(ties.partners.targets[k])] = i
            }
            let rivalStart = Int(ties.rivals.offsets[i]), rivalEnd = Int(ties.rivals.offsets[i + 1])
            for k in rivalStart..<rivalEnd { rivalRow[Int(ties.rivals.targets[k])] = ties.rivals.weights[k] }
            for (c, s) in sources.enumerated() where s != i {
                let eps = sigma > 0 ? sigma * random.nextGaussian() : 0
                if partnerMark[s] == i { continue }
                let hostility = min(1, max(0, rivalRow[s] + base[s] + eps))
                if hostility > 0 {
                    direct[i * columns + c] = theta * power[s] * proximity.value(of: s, from: i) * hostility
                }
            }
            for k in rivalStart..<rivalEnd { rivalRow[Int(ties.rivals.targets[k])] = 0 }
        }

        // The partner and rival CSRs are done with (unless kept); drop them before the
        // propagation's buffers exist (240 MB at 10 million ties).
        if keptTies == nil {
            ties.partners = .empty(vertexCount: 0)
            ties.rivals = .empty(vertexCount: 0)
        }

        let size = n * columns
        if let solver = keptSolver {
            solver.solve(direct: direct, columns: columns, into: &resultBuffer)
            return summary(
                ties: ties, sources: sources, sourceColumn: sourceColumn, direct: direct, power: power,
                outcome: PropagationOutcome(iterations: 0, lastChange: 0, converged: true))
        }
        // A T this large is iterated on huge pages (ThreatKernel.propagate's documented path for
        // `hugeBufferEntries` or more, alpha != 0 and arcs): in a fresh result array advised for
        // them, beside one buffer of the kernel's, never touching `scratch` (handed a one-entry
        // buffer instead of another 128 MB). The last T is released first (its assessment may
        // still hold it; then it is not copied either).
        let hugeResult =
            size >= ThreatKernel.hugeBufferEntries && environment.entanglement != 0
            && ties.entanglement.arcCount > 0
        if hugeResult {
            resultBuffer = []
            resultBuffer = KernelBuffer.zeroedArrayOnHugePages(count: size)
        } else if resultBuffer.count != size {
            resultBuffer = [Double](repeating: 0, count: size)
        }
        let scratchSize = hugeResult ? 1 : size
        if scratchBuffer.count != scratchSize { scratchBuffer = [Double](repeating: 0, count: scratchSize) }
        let outcome = Self.propagate(
            ties.entanglement, alpha: environment.entanglement, columns: columns,
            direct: direct, result: &resultBuffer, scratch: &scratchBuffer,
            tolerance: tolerance, maxIterations: maxIterations, resultOnHugePages: hugeResult)
        // Large networks: don't hold the second Jacobi buffer between calls (128 MB at N = 1M).
        if size > Self.keptScratchLimit { scratchBuffer = [] }
        return summary(
            ties: ties, sources: sources, sourceColumn: sourceColumn, direct: direct, power: power,
            outcome: outcome)
    }

    /// The assessment of the propagated T in `resultBuffer`: totals, main threats, ratios.
    private func summary(
        ties: Ties, sources: [Int], sourceColumn: [Int], direct: [Double], power: [Double],
        outcome: PropagationOutcome
    ) -> ThreatAssessment {
        let n = sourceColumn.count, columns = sources.count
        let threat = resultBuffer
        var total = [Double](repeating: 0, count: n)
        var main = [StateID?](repeating: nil, count: n)
        for i in 0..<n {
            var sum = 0.0, best = 0.0, bestColumn = -1
            for c in 0..<columns {
                let value = threat[i * columns + c]
                sum += value
                if value > best { best = value; bestColumn = c }
            }
            total[i] = sum
            if bestColumn >= 0 { main[i] = StateID(sources[bestColumn]) }
        }
        let ratio = (0..<n).map { ties.support[$0] / max(total[$0], 1e-12) }
        return ThreatAssessment(
            stateCount: n, sources: sources.map(StateID.init), sourceColumn: sourceColumn,
            direct: direct, threat: threat, totalThreat: total, mainThreat: main, power: power,
            support: ties.support, securityRatio: ratio, iterations: outcome.iterations,
            converged: outcome.converged)
    }

    /// Runs the kernel over `w` with the arrays' buffers hoisted out of the loop, on all cores when
    /// the problem is large enough to share (the result does not depend on the worker count).
    static func propagate(
        _ w: CSRAdjacency, alpha: Double, columns: Int, direct: [Double], result: inout [Double],
        scratch: inout [Double], tolerance: Double, maxIterations: Int, resultOnHugePages: Bool = false
    ) -> ThreatKernel.Outcome {
        precondition(w.isWeighted, "the kernel reads W's weights")
        return w.offsets.withUnsafeBufferPointer { offsets in
            w.targets.withUnsafeBufferPointer { targets in
                w.weights.withUnsafeBufferPointer { weights in
                    direct.withUnsafeBufferPointer { d in
                        result.withUnsafeMutableBufferPointer { r in
                            scratch.withUnsafeMutableBufferPointer { s in
                                ThreatKernel.propagate(
                                    offsets: offsets, targets: targets, weights: weights, alpha: alpha,
                                    rows: w.vertexCount, columns: columns, direct: d, result: r,
                                    scratch: s, tolerance: tolerance, maxIterations: maxIterations,
                                    workers: ThreatKernel.automaticWorkers(
                                        rows: w.vertexCount, arcs: w.arcCount,
                                        columns: columns),
                                    resultOnHugePages: resultOnHugePages)
                            }
                        }
                    }
                }
            }
        }
    }

    /// Solves `T = D + alpha W T` for a dense row-major `N x columns` block D (public face of the
    /// kernel, for tests and other models).
    @_spi(Internals) public static func propagate(
        direct: [Double], columns: Int, entanglement w: CSRAdjacency, alpha: Double,
        tolerance: Double = 1e-9, maxIterations: Int = 50
    ) -> (threat: [Double], iterations: Int, converged: Bool) {
        precondition(direct.count == w.vertexCount * columns, "direct must be N x columns")
        var result = [Double](repeating: 0, count: direct.count)
        var scratch = result
        let outcome = propagate(
            w, alpha: alpha, columns: columns, direct: direct, result: &result, scratch: &scratch,
            tolerance: tolerance, maxIterations: maxIterations)
        return (result, outcome.iterations, outcome.converged)
    }

    /// The K states with the largest noise-free outgoing direct threat, ascending ids.
    /// O(N + contiguity + ties) per call: the sum over all i is split into the default term and
    /// corrections for the states with a contiguity entry, a rivalry or a commitment toward j.
    private func topSources(_ network: AllianceNetwork, ties: Ties, base: [Double], power: [Double], theta: Double)
        -> [Int]
    {
        let n = network.count
        // Each score reads only its own column j: contiguous ranges of j are scored on every core
        // (large networks), each with its own marks; the scores do not depend on the worker count.
        let chunkCount = n >= parallelMinimum ? max(1, ProcessorCount.active) : 1
        let chunkSize = (n + chunkCount - 1) / chunkCount
        let proximity = self.proximity
        let chunks =
            (try? ParallelMap.run(count: chunkCount, workers: chunkCount, progress: nil) { chunk -> [Double] in
                let lower = min(n, chunk * chunkSize), upper = min(n, lower + chunkSize)
                return Self.sourceScores(
                    lower..<upper, count: n, proximity: proximity, ties: ties, base: base, power: power, theta: theta)
            }) ?? []
        return Self.largest(topSources, of: chunkCount == 1 ? chunks[0] : Array(chunks.joined()))
    }

    /// The outgoing noise-free direct threat score `theta * P_j * sum_i pi_ij * I_ij` of each j in
    /// `columns`, in order.
    static func sourceScores(
        _ columns: Range<Int>, count n: Int, proximity: ProximityTable, ties: Ties, base: [Double], power: [Double],
        theta: Double
    ) -> [Double] {
        var score = [Double](repeating: 0, count: columns.count)
        // Stamps (the column j that set them): touched, partner of j, rival of j (with rho).
        var mark = [Int32](repeating: -1, count: n)
        var partnerOf = [Int32](repeating: -1, count: n)
        var rivalOf = [Int32](repeating: -1, count: n)
        var rivalry = [Double](repeating: 0, count: n)
        var touched: [Int] = []
        for j in columns {
            let stamp = Int32(j)
            let defaultHostility = min(1, max(0, base[j]))
            var sum = proximity.defaults[j] * defaultHostility * Double(n - 1)
            touched.removeAll(keepingCapacity: true)
            // The three rows one after the other (no array of matrices per state: at a million
            // states that was a million allocations).
            func touch(_ matrix: CSRAdjacency) {
                for k in Int(matrix.offsets[j])..<Int(matrix.offsets[j + 1]) {
                    let i = Int(matrix.targets[k])
                    if mark[i] != stamp {
                        mark[i] = stamp
                        touched.append(i)
                    }
                }
            }
            touch(proximity.explicit)
            let explicitCount = touched.count
            touch(ties.rivals)
            touch(ties.partners)
            // The partner and rivalry CSRs are symmetric (each tie emitted both ways, parallel
            // ties merged by their maximum), so row j answers for row i: "i is a partner of j" and
            // "rho_ij" without a search of row i.
            for k in Int(ties.partners.offsets[j])..<Int(ties.partners.offsets[j + 1]) {
                partnerOf[Int(ties.partners.targets[k])] = stamp
            }
            for k in Int(ties.rivals.offsets[j])..<Int(ties.rivals.offsets[j + 1]) {
                let i = Int(ties.rivals.targets[k])
                rivalOf[i] = stamp
                rivalry[i] = ties.rivals.weights[k]
            }
            for (position, i) in touched.enumerated() {
                sum -= proximity.defaults[j] * defaultHostility
                if partnerOf[i] == stamp { continue }
                let rho = rivalOf[i] == stamp ? rivalry[i] : 0
                // Only the states of j's contiguity row have an explicit entry toward j.
                let pi = position < explicitCount ? proximity.value(of: j, from: i) : proximity.defaults[j]
                sum += pi * min(1, max(0, rho + base[j]))
            }
            score[j - columns.lowerBound] = theta * power[j] * sum
        }
        return score
    }

    /// The indices of the `k` largest scores (ties: lowest index first), in ascending index
    /// order: the first `k` of the indices sorted by score descending, then index ascending,
    /// found in one pass with a sorted list of at most `k` (O(n k) at worst, O(n) typically).
    static func largest(_ k: Int, of score: [Double]) -> [Int] {
        guard k > 0 else { return [] }
        var best: [Int] = []
        best.reserveCapacity(k + 1)
        /// Whether index a ranks before index b.
        func before(_ a: Int, _ b: Int) -> Bool { score[a] != score[b] ? score[a] > score[b] : a < b }
        for j in score.indices {
            if best.count == k, !before(j, best[k - 1]) { continue }
            var position = best.count
            while position > 0 && before(j, best[position - 1]) { position -= 1 }
            best.insert(j, at: position)
            if best.count > k { best.removeLast() }
        }
        return best.sorted()
    }
}
