/// The scores of one backtest window (`AllianceBacktest`): per method, formation and ends; and the
/// system indicators of the model, the real target year and the start year.
package struct BacktestWindowResult: Sendable {
    /// One method's scores in the window.
    package struct MethodScore: Sendable {
        package var method: ForecastMethod
        package var formation: RankingScore
        package var ends: RankingScore
        /// The formation candidates with a score other than 0 (score, whether a pact formed), for
        /// curves and pooled scores over windows; the rest scored 0.
        package var formationSamples: [(score: Double, formed: Bool)]
        /// Formation candidates scored 0: how many formed a pact and how many did not.
        package var zeroScored: (formed: Int, notFormed: Int)
    }

    package var startYear: Int
    package var horizon: Int
    /// States present in both years.
    package var commonStates: Int
    /// Defence pacts of the start year among the common states.
    package var startPacts: Int
    /// One entry per method, in `ForecastMethod` order.
    package var methods: [MethodScore]
    /// Model (mean over replicates), real (year Y + k) and persistence (year Y) indicators.
    package var model: BacktestIndicators
    package var real: BacktestIndicators
    package var persistence: BacktestIndicators

    package func score(_ method: ForecastMethod) -> MethodScore? { methods.first { $0.method == method } }

    init(
        window: BacktestWindow, replicates: [AllianceBacktest.Replicate], configuration: AllianceBacktest.Configuration
    ) throws {
        startYear = window.startYear
        horizon = window.horizon
        let n = window.start.count
        let common = window.common
        let targetIndex = window.targetIndex
        var startOf = [Int?](repeating: nil, count: window.target.count)
        for (i, t) in targetIndex.enumerated() { if let t { startOf[t] = i } }
        let keep: (Int) -> Int? = { targetIndex[$0] == nil ? nil : $0 }
        let startDefence = BacktestWindow.defencePairs(window.start, n: n, map: keep)
        let targetDefence = Set(BacktestWindow.defencePairs(window.target, n: n) { startOf[$0] })
        commonStates = common.count
        startPacts = startDefence.count
        // Formation candidates: common pairs without a start pact; ends: the start pacts.
        let startSet = Set(startDefence)
        var candidates: [Int] = []
        for (a, i) in common.enumerated() {
            for j in common[(a + 1)...] where !startSet.contains(BacktestWindow.key(i, j, n: n)) {
                candidates.append(BacktestWindow.key(i, j, n: n))
            }
        }
        let formed = candidates.map { targetDefence.contains($0) }
        let ended = startDefence.map { !targetDefence.contains($0) }
        var counts: [Int: Int] = [:]
        for run in replicates { for key in run.defence { counts[key, default: 0] += 1 } }
        let share = { (key: Int) -> Double in Double(counts[key] ?? 0) / Double(replicates.count) }
        var methods: [MethodScore] = []
        for method in ForecastMethod.allCases {
            let formationScores: [Double]
            let endScores: [Double]
            if let matrix = try method.baselineScores(window.start) {
                formationScores = candidates.map { matrix[($0 / n) * n + $0 % n] }
                endScores = startDefence.map { -matrix[($0 / n) * n + $0 % n] }
            } else {
                formationScores = candidates.map(share)
                endScores = startDefence.map { 1 - share($0) }
            }
            var samples: [(score: Double, formed: Bool)] = []
            var zero = (formed: 0, notFormed: 0)
            for (k, score) in formationScores.enumerated() {
                if score != 0 {
                    samples.append((score, formed[k]))
                } else if formed[k] {
                    zero.formed += 1
                } else {
                    zero.notFormed += 1
                }
            }
            methods.append(
                MethodScore(
                    method: method,
                    formation: RankingScore(scores: formationScores, labels: formed, top: configuration.top),
                    ends: RankingScore(scores: endScores, labels: ended, top: configuration.top),
                    formationSamples: samples, zeroScored: zero))
        }
        self.methods = methods
        model = BacktestIndicators.mean(replicates.map(\.indicators))
        let seed = SeededRandom.derivedSeed(AllianceBacktest.windowSeed(configuration.seed, window), stream: 1 << 41)
        real = try BacktestIndicators.compute(
            defence: Array(targetDefence).sorted(),
            rivals: BacktestWindow.rivalPairs(window.target, n: n) { startOf[$0] }, common: common, n: n,
            power: (0..<n).map { i in targetIndex[i].map { window.target.states[$0].capability } ?? 0 }, seed: seed)
        persistence = try BacktestIndicators.compute(
            defence: startDefence, rivals: BacktestWindow.rivalPairs(window.start, n: n, map: keep), common: common,
            n: n, power: window.start.states.map(\.capability), seed: seed)
    }
}
