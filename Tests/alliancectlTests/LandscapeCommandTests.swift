import ArgumentParser
import Testing
@testable import alliancectl

@Suite("landscape and similarity options")
struct LandscapeCommandTests {
    @Test("landscape parses --actual, --seed and --format")
    func landscapeOptions() throws {
        let command = try AllianceCtl.parseAsRoot([
            "landscape", "x.json", "--actual", "UKG,FRN", "--seed", "7",
            "--format", "csv",
        ])
        let landscape = try #require(command as? LandscapeCommand)
        #expect(landscape.actual == "UKG,FRN")
        #expect(landscape.seed == 7)
        #expect(landscape.output.format == .csv)
    }

    @Test("an exhaustive limit beyond 31 is a usage error")
    func exhaustiveLimit() {
        expectExit(64, message: "--exhaustive-limit must be in 1...31") {
            _ = try AllianceCtl.parseAsRoot(["landscape", "x.json", "--exhaustive-limit", "40"])
        }
    }

    @Test("metrics --similarity needs exactly two codes")
    func similarityPair() throws {
        let command = try AllianceCtl.parseAsRoot([
            "metrics", "x.json", "--similarity", "FRN,RUS", "--similarity-matrix",
        ])
        let metrics = try #require(command as? MetricsCommand)
        #expect(metrics.similarity == "FRN,RUS")
        #expect(metrics.similarityMatrix)
        expectExit(64, message: "--similarity takes two state codes") {
            _ = try AllianceCtl.parseAsRoot(["metrics", "x.json", "--similarity", "FRN"])
        }
    }
}
