/// How well a prediction of who joins a war, and on which side, matches who did.
///
/// Both sets leave out the two states of the opening attack (they are given). For a state in both
/// sets on the same side: a true positive (`tp`); on the other side: `wrongSide`. A predicted
/// state that did not fight: a false positive (`fp`); a state that fought but was not predicted:
/// a false negative (`fn`). A wrong side counts against both precision and recall:
/// `precision = tp / (tp + fp + wrongSide)`, `recall = tp / (tp + fn + wrongSide)`,
/// `F1 = 2 P R / (P + R)` (0 when tp = 0). Sums of scores are micro totals.
package struct JoinerScore: Hashable, Sendable {
    package var tp = 0
    package var fp = 0
    package var fn = 0
    package var wrongSide = 0

    package init(tp: Int = 0, fp: Int = 0, fn: Int = 0, wrongSide: Int = 0) {
        self.tp = tp
        self.fp = fp
        self.fn = fn
        self.wrongSide = wrongSide
    }

    /// Scores `predicted` against `actual` (each: state -> side).
    package init<Key: Hashable>(predicted: [Key: CrisisSide], actual: [Key: CrisisSide]) {
        for (state, side) in predicted {
            if let real = actual[state] {
                if real == side { tp += 1 } else { wrongSide += 1 }
            } else {
                fp += 1
            }
        }
        fn = actual.keys.filter { predicted[$0] == nil }.count
    }

    /// tp / (tp + fp + wrongSide); NaN when nothing was predicted.
    package var precision: Double {
        let d = tp + fp + wrongSide
        return d == 0 ? .nan : Double(tp) / Double(d)
    }

    /// tp / (tp + fn + wrongSide); NaN when nobody joined.
    package var recall: Double {
        let d = tp + fn + wrongSide
        return d == 0 ? .nan : Double(tp) / Double(d)
    }

    /// Harmonic mean of precision and recall; 0 when tp = 0, NaN when nobody was predicted
    /// and nobody joined (nothing to score).
    package var f1: Double {
        if tp + fp + fn + wrongSide == 0 { return .nan }
        if tp == 0 { return 0 }
        let p = precision, r = recall
        return 2 * p * r / (p + r)
    }

    package static func + (l: JoinerScore, r: JoinerScore) -> JoinerScore {
        JoinerScore(tp: l.tp + r.tp, fp: l.fp + r.fp, fn: l.fn + r.fn, wrongSide: l.wrongSide + r.wrongSide)
    }
}

/// Accuracy of probabilities that states join a war (outcome 1: it fought, on either side).
///
/// Brier score `mean (p - y)^2`; log loss `-mean(y ln p + (1 - y) ln(1 - p))` with p clipped
/// to `[epsilon, 1 - epsilon]` (so a certain miss costs `-ln epsilon`, not infinity); the
/// calibration table puts each forecast in one of ten bins `[k/10, (k+1)/10)` (1 in the last)
/// and gives per bin the count, mean forecast and observed frequency. Sums are exact counts and
/// floating sums in the order forecasts were added.
package struct ProbabilityScore: Hashable, Sendable {
    package var count = 0
    package var squaredError = 0.0
    package var logLoss = 0.0
    package var binCount = [Int](repeating: 0, count: 10)
    package var binForecast = [Double](repeating: 0, count: 10)
    package var binObserved = [Int](repeating: 0, count: 10)
    /// Clipping of p in the log loss.
    package let epsilon: Double

    package init(epsilon: Double = 1e-4) { self.epsilon = epsilon }

    /// Adds one forecast `p` of an event with outcome `occurred`.
    package mutating func add(_ p: Double, _ occurred: Bool) {
        let y = occurred ? 1.0 : 0.0
        count += 1
        squaredError += (p - y) * (p - y)
        let q = min(max(p, epsilon), 1 - epsilon)
        logLoss -= occurred ? log(q) : log(1 - q)
        let bin = min(9, max(0, Int(p * 10)))
        binCount[bin] += 1
        binForecast[bin] += p
        if occurred { binObserved[bin] += 1 }
    }

    /// Mean squared error of the forecasts; NaN without forecasts.
    package var brier: Double { count == 0 ? .nan : squaredError / Double(count) }
    /// Mean log loss; NaN without forecasts.
    package var meanLogLoss: Double { count == 0 ? .nan : logLoss / Double(count) }

    /// Adds the forecasts of `other` (same epsilon).
    package mutating func merge(_ other: ProbabilityScore) {
        count += other.count
        squaredError += other.squaredError
        logLoss += other.logLoss
        for k in 0..<10 {
            binCount[k] += other.binCount[k]
            binForecast[k] += other.binForecast[k]
            binObserved[k] += other.binObserved[k]
        }
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
