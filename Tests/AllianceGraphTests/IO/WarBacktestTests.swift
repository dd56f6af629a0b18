import Testing
@testable import AllianceGraph
@testable import AllianceGraphFormats

@Suite("War backtest")
struct WarBacktestTests {
    @Test("joiner scores: a wrong side counts against precision and recall; micro totals add counts")
    func joinerScore() {
        let s = JoinerScore(
            predicted: ["A": CrisisSide.a, "B": .b, "C": .b], actual: ["A": .a, "B": .a, "D": .b, "E": .a])
        #expect(s == JoinerScore(tp: 1, fp: 1, fn: 2, wrongSide: 1))
        #expect(s.precision == 1.0 / 3 && s.recall == 1.0 / 4)
        #expect(abs(s.f1 - 2 * (1.0 / 3) * 0.25 / (1.0 / 3 + 0.25)) < 1e-15)
        let none = JoinerScore(predicted: [String: CrisisSide](), actual: ["A": .a])
        #expect(none.precision.isNaN && none.recall == 0 && none.f1 == 0)
        #expect((s + none) == JoinerScore(tp: 1, fp: 1, fn: 3, wrongSide: 1))
    }

    @Test("probability scores: Brier, clipped log loss and calibration bins by hand")
    func probabilityScore() {
        var p = ProbabilityScore(epsilon: 1e-4)
        p.add(0.8, true)
        p.add(0.8, false)
        p.add(0, true)
        #expect(abs(p.brier - (0.04 + 0.64 + 1) / 3) < 1e-15)
        #expect(abs(p.meanLogLoss - (-log(0.8) - log(0.2) - log(1e-4)) / 3) < 1e-12)
        #expect(p.binCount[8] == 2 && p.binObserved[8] == 1 && p.binCount[0] == 1)
    }

    @Test("all 95 COW wars are scored or skipped with a reason (../shared/data)")
    func everyWar() throws {
        let data = [
            "cow_war_inter_dyadyear.csv", "atop5_1dy.csv", "NMC-60-abridged.csv", "states2016.csv", "contdir.csv",
        ]
        let paths = data.compactMap(TestSupport.sharedDataFile)
        guard paths.count == data.count else {
            print("skipping: ../shared/data files for the war backtest are absent")
            return
        }
        var options = WarBacktestOptions(warFile: paths[0], allianceFile: paths[1])
        options.capabilities = paths[2]
        options.states = paths[3]
        options.contiguity = paths[4]
        options.runs = 64
        options.workers = 1
        let result = try WarBacktest.run(options)
        #expect(result.scored.count + result.skipped.count == 95)
        #expect(result.scored.count >= 90)
        #expect(result.skipped.allSatisfy { !$0.reason.isEmpty })
        let ww1 = try #require(result.scored.first { $0.war == 106 })
        #expect(ww1.attacker == "AUH" && ww1.target == "YUG")
        let ww2 = try #require(result.scored.first { $0.war == 139 })
        #expect(ww2.attacker == "GMY" && ww2.target == "POL")
        // The constant rate is fitted on the wars before 1946 only.
        let before = result.scored.filter { $0.year < 1946 }
        let rate = Double(before.reduce(0) { $0 + $1.joiners }) / Double(before.reduce(0) { $0 + $1.candidates })
        #expect(result.constantRate == rate)
    }
}

#if canImport(Glibc)
    import Glibc
#endif
