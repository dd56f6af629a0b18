/// How well a score ranks candidate pairs against what happened: the measures of the alliance
/// backtest (docs/VALIDATION.md).
///
/// Candidates are ranked by score, highest first. Candidates with equal scores form one group
/// whose order is unknown, and every measure takes its **expectation over random orders within
/// groups** (so a method that gives every pair the same score, such as persistence, scores the
/// prevalence, whatever the input order):
/// - **average precision** (area under the precision-recall curve, step-wise as in scikit-learn's
///   `average_precision_score`): `AP = sum over groups g of (R_g - R_{g-1}) * P_g`, where R_g and
///   P_g are recall and precision after the whole group g; NaN without positives;
/// - **precision at n**: the expected share of positives among the first n candidates
///   (n = `top`, at most the number of candidates); NaN without candidates;
/// - **recall at n**: the expected share of all positives found among the first n; NaN without
///   positives.
/// `prevalence` (positives / candidates) is what a random ranking scores on average in AP and
/// precision. Cost O(C log C) for C candidates.
package struct RankingScore: Hashable, Sendable {
    package var candidates: Int
    package var positives: Int
    package var averagePrecision: Double
    package var precisionAtN: Double
    package var recallAtN: Double
    /// The n of precision and recall at n.
    package var top: Int

    package var prevalence: Double { candidates == 0 ? .nan : Double(positives) / Double(candidates) }

    /// Scores `scores` (one per candidate) against `labels` (true: the event happened).
    package init(scores: [Double], labels: [Bool], top: Int) {
        precondition(scores.count == labels.count, "one label per score")
        let groups = Self.groups(scores: scores, labels: labels)
        candidates = scores.count
        positives = labels.reduce(0) { $0 + ($1 ? 1 : 0) }
        self.top = top
        let cut = min(top, candidates)
        var seen = 0, hits = 0, ap = 0.0, hitsAtN = 0.0
        for group in groups {
            let before = seen
            seen += group.size
            hits += group.positives
            if positives > 0 { ap += Double(group.positives) / Double(positives) * Double(hits) / Double(seen) }
            if before < cut {
                let taken = min(cut, seen) - before
                hitsAtN += Double(taken) * Double(group.positives) / Double(group.size)
            }
        }
        averagePrecision = positives == 0 ? .nan : ap
        precisionAtN = cut == 0 ? .nan : hitsAtN / Double(cut)
        recallAtN = positives == 0 ? .nan : hitsAtN / Double(positives)
    }

    /// The candidates grouped by equal score, highest score first: size and positives per group.
    static func groups(scores: [Double], labels: [Bool]) -> [(score: Double, size: Int, positives: Int)] {
        let order = scores.indices.sorted { scores[$0] > scores[$1] }
        var result: [(score: Double, size: Int, positives: Int)] = []
        for k in order {
            if let last = result.last, last.score == scores[k] {
                result[result.count - 1].size += 1
                result[result.count - 1].positives += labels[k] ? 1 : 0
            } else {
                result.append((scores[k], 1, labels[k] ? 1 : 0))
            }
        }
        return result
    }

    /// The precision-recall curve: one (recall, precision) point after each group of equal
    /// scores, at most `maxPoints` of them (evenly thinned, the last point kept). Empty without
    /// positives.
    package static func curve(scores: [Double], labels: [Bool], maxPoints: Int = 200) -> [(
        recall: Double, precision: Double
    )] {
        let groups = groups(scores: scores, labels: labels)
        let positives = groups.reduce(0) { $0 + $1.positives }
        guard positives > 0 else { return [] }
        var points: [(recall: Double, precision: Double)] = []
        var seen = 0, hits = 0
        for group in groups {
            seen += group.size
            hits += group.positives
            points.append((Double(hits) / Double(positives), Double(hits) / Double(seen)))
        }
        guard points.count > maxPoints, maxPoints >= 2 else { return points }
        let step = Double(points.count - 1) / Double(maxPoints - 1)
        return (0..<maxPoints).map { points[Int((Double($0) * step).rounded())] }
    }
}
