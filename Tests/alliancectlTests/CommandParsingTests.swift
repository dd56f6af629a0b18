import ArgumentParser
import Testing
@testable import alliancectl

@Suite("Command parsing")
struct CommandParsingTests {
    @Test("metrics parses its options")
    func metricsOptions() throws {
        let command = try AllianceCtl.parseAsRoot([
            "metrics", "x.json", "--format", "json", "--only", "degree,pagerank",
        ])
        let metrics = try #require(command as? MetricsCommand)
        #expect(metrics.file == "x.json")
        #expect(metrics.output.format == .json)
        #expect(metrics.only == "degree,pagerank")
    }

    @Test("an unknown metric is a usage error")
    func unknownMetric() {
        expectExit(64, message: "Unknown metric \"degre\" (did you mean \"degree\"?)") {
            _ = try AllianceCtl.parseAsRoot(["metrics", "x.json", "--only", "degre"])
        }
    }
}
