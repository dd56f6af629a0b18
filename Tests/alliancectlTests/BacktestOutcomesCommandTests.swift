import ArgumentParser
import Foundation
import Testing
@testable import alliancectl

@Suite("backtest outcomes command")
struct BacktestOutcomesCommandTests {
    @Test("backtest outcomes parses its options; --nmc is required")
    func parses() throws {
        let command = try AllianceCtl.parseAsRoot([
            "backtest", "outcomes", "wars.csv", "--atop", "a.csv", "--nmc", "n.csv", "--majors", "m.csv",
            "--runs", "50", "--gradient", "0",
        ])
        let outcomes = try #require(command as? BacktestOutcomesCommand)
        #expect(outcomes.runs == 50 && outcomes.gradient == 0 && outcomes.majors == "m.csv")
        expectExit(64, message: "Missing expected argument '--nmc <file>'") {
            _ = try AllianceCtl.parseAsRoot(["backtest", "outcomes", "wars.csv", "--atop", "a.csv"])
        }
    }
}
