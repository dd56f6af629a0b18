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
        #expect(metrics.only == ["degree,pagerank"])
    }

    @Test("an unknown metric is a usage error")
    func unknownMetric() {
        expectExit(64, message: "Unknown metric \"degre\" (did you mean \"degree\"?)") {
            _ = try AllianceCtl.parseAsRoot(["metrics", "x.json", "--only", "degre"])
        }
    }

    @Test("--skip names the flag and the closest metric for an unknown name; skipping all is a usage error")
    func unknownSkippedMetric() throws {
        expectExit(64, message: "--skip: Unknown metric \"betweeness\" (did you mean \"betweenness\"?). See --list.") {
            _ = try AllianceCtl.parseAsRoot(["metrics", "x.json", "--skip", "signed_blocs", "--skip", "betweeness"])
        }
        expectExit(64, message: "--skip leaves no metric to compute") {
            _ = try AllianceCtl.parseAsRoot(["metrics", "x.json", "--only", "degree,bloc", "--skip", "bloc,degree"])
        }
        let command = try AllianceCtl.parseAsRoot([
            "metrics", "x.json", "--only", "degree,bloc", "--only", "pagerank", "--skip", "bloc",
        ])
        let metrics = try #require(command as? MetricsCommand)
        #expect(metrics.selectedNames == ["degree", "pagerank"])
    }
}
