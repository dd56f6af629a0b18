import Foundation
import Testing
@testable import AllianceGraph
@testable import AllianceGraphFormats

@Suite("Outcome backtest")
struct OutcomeBacktestTests {
    static func write(_ text: String, _ name: String) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("outcome-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    @Test("initiators won, lost, or neither: outcome1 of the initiators' rows")
    func readsOutcomes() throws {
        let path = try Self.write(
            """
            warnum,ccode1,ccode2,year,sidea1,initiator1,outcome1
            1,255,220,1901,1,1,1
            1,220,255,1901,2,0,2
            2,255,220,1905,1,1,2
            2,220,255,1905,2,0,1
            3,255,220,1910,1,1,6
            3,220,255,1910,2,0,6
            4,255,220,1911,1,1,1
            4,365,220,1911,1,1,-9

            """, "wars.csv")
        let wars = try COWWarFile.read(path: path)
        #expect(wars.map(\.initiatorsWon) == [true, false, nil, nil])
        let bad = try Self.write(
            "warnum,ccode1,ccode2,year,sidea1,initiator1,outcome1\n1,255,220,1901,1,1,x\n", "w.csv")
        #expect(throws: InputError.self) { try COWWarFile.read(path: bad) }
        let none = try Self.write("warnum,ccode1,ccode2,year,sidea1,initiator1\n1,255,220,1901,1,1\n", "w.csv")
        #expect(try COWWarFile.read(path: none).first?.initiatorsWon == nil)
    }

    /// The 72 COW wars whose initiators all won (48) or all lost (24), scored (../shared/data).
    @Test("the COW wars won or lost by their initiators are all scored (../shared/data)")
    func cowWars() throws {
        let data = [
            "cow_war_inter_dyadyear.csv", "atop5_1dy.csv", "NMC-60-abridged.csv", "states2016.csv", "contdir.csv",
            "majors2016.csv",
        ]
        let paths = data.compactMap(TestSupport.sharedDataFile)
        guard paths.count == data.count else {
            print("skipping: ../shared/data files for the outcome backtest are absent")
            return
        }
        var options = WarBacktestOptions(warFile: paths[0], allianceFile: paths[1])
        options.capabilities = paths[2]
        options.states = paths[3]
        options.contiguity = paths[4]
        options.majors = paths[5]
        options.runs = 64
        let result = try OutcomeBacktest.run(options)
        #expect(result.scored.count == 72 && result.scored.filter(\.initiatorsWon).count == 48)
        #expect(result.skipped.count == 23)
        for t in result.totals where t.period == .all {
            #expect(t.score.count == 72 && t.score.brier > 0 && t.score.brier < 1, "\(t.method)")
        }
        // The constant baseline is the pre-1946 win rate.
        let before = result.scored.filter { $0.year < 1946 }
        #expect(result.baseRate == Double(before.filter(\.initiatorsWon).count) / Double(before.count))
    }
}
