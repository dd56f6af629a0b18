import Testing
@_spi(Internals) @testable import AllianceGraph

@Suite("Backtest: ranking scores")
struct RankingScoreTests {
    @Test("average precision, precision and recall at n match scikit-learn's definitions on a known ranking")
    func knownRanking() {
        // sklearn.metrics.average_precision_score([1, 0, 1, 0], [0.9, 0.8, 0.7, 0.6]) = 0.8333...
        let score = RankingScore(scores: [0.9, 0.8, 0.7, 0.6], labels: [true, false, true, false], top: 2)
        #expect(abs(score.averagePrecision - (0.5 * 1 + 0.5 * 2.0 / 3)) < 1e-12)
        #expect(score.precisionAtN == 0.5 && score.recallAtN == 0.5)
        #expect(score.positives == 2 && score.candidates == 4 && score.prevalence == 0.5)
    }

    @Test("equal scores count as a random order: a constant score earns the prevalence, whatever the input order")
    func tiesAreExpectations() {
        let first = RankingScore(scores: [0, 0, 0, 0], labels: [true, false, false, false], top: 2)
        let last = RankingScore(scores: [0, 0, 0, 0], labels: [false, false, false, true], top: 2)
        #expect(first.averagePrecision == 0.25 && last.averagePrecision == 0.25)
        #expect(first.precisionAtN == 0.25 && first.recallAtN == 0.5)
        // A tie straddling the cut: [1 (positive), 0.5, 0.5 (one positive)], top 2.
        let straddle = RankingScore(scores: [1, 0.5, 0.5], labels: [true, false, true], top: 2)
        #expect(straddle.precisionAtN == 0.75 && straddle.recallAtN == 0.75)
        #expect(abs(straddle.averagePrecision - (0.5 * 1 + 0.5 * 2.0 / 3)) < 1e-12)
    }

    @Test("without positives AP and recall are NaN; without candidates precision is NaN too")
    func degenerate() {
        let none = RankingScore(scores: [0.3, 0.1], labels: [false, false], top: 5)
        #expect(none.averagePrecision.isNaN && none.recallAtN.isNaN && none.precisionAtN == 0)
        let empty = RankingScore(scores: [], labels: [], top: 5)
        #expect(empty.precisionAtN.isNaN && empty.prevalence.isNaN)
        #expect(RankingScore.curve(scores: [0.3], labels: [false]).isEmpty)
    }

    @Test("the precision-recall curve has one point per group of equal scores, ending at recall 1")
    func curve() {
        let points = RankingScore.curve(scores: [0.9, 0.8, 0.8, 0.1], labels: [true, false, true, false])
        #expect(points.count == 3)
        #expect(points[0] == (0.5, 1) && points[1] == (1, 2.0 / 3) && points[2] == (1, 0.5))
    }
}
