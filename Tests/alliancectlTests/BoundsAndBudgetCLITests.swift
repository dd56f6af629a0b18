import Foundation
import Testing

/// Valid extremes never trap, and large tables are checked against the memory budget before
/// they are allocated (issue 19), through the built binary.
@Suite("Extremes and memory budget through the binary")
struct BoundsAndBudgetCLITests {
    /// Capability and effort at the documented bounds (1e15, 1e-9).
    static let extreme = """
        {"format": "alliancegraph/1", "name": "Extremes", "year": 1900,
         "states": [
           {"code": "AAA", "name": "A", "capability": 1e15, "effort": 1e-9},
           {"code": "BBB", "name": "B", "capability": 1e-12, "effort": 1},
           {"code": "CCC", "name": "C", "capability": 1e15, "effort": 1e-9}
         ],
         "commitments": [{"kind": "defense", "between": ["AAA", "CCC"], "credibility": 1}],
         "rivalries": [{"between": ["AAA", "BBB"], "intensity": 1}]}
        """

    static func workspace() throws -> URL {
        let folder = try CLITestSupport.temporaryFolder()
        try extreme.write(to: folder.appendingPathComponent("extreme.json"), atomically: true, encoding: .utf8)
        return folder
    }

    @Test("simulate --charts and report --simulate on capability 1e15 and effort 1e-9 succeed")
    func extremeCharts() throws {
        let folder = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("extreme.json").path
        let run = folder.appendingPathComponent("run").path
        guard let simulate = try CLITestSupport.run(["simulate", input, "--rounds", "5", "--charts", "-o", run, "-q"])
        else { return }
        #expect(simulate.status == 0, "\(simulate.stderr)")
        let threat = try String(contentsOfFile: run + "/threat.svg", encoding: .utf8)
        #expect(threat.contains("e+"))
        let report = folder.appendingPathComponent("report.html").path
        let reported = try #require(try CLITestSupport.run(["report", input, "--simulate", "-o", report, "-q"]))
        #expect(reported.status == 0, "\(reported.stderr)")
        let metrics = try #require(try CLITestSupport.run(["metrics", input]))
        #expect(metrics.status == 0, "\(metrics.stderr)")
    }

    @Test("N x N and per-run tables over --max-memory fail with exit 1 naming the option and the limit")
    func memoryBudget() throws {
        let network = CLITestSupport.path("Networks/europe-1914.json")
        let cases: [([String], String)] = [
            (["landscape", network, "--max-memory", "1K"], "alignment landscape failed: needs"),
            (["metrics", network, "--max-memory", "1K"], "arms_race_stability failed: needs"),
            (
                ["metrics", network, "--only", "degree", "--similarity-matrix", "--max-memory", "1K"],
                "portfolio similarity matrix failed: needs"
            ),
            (
                // The runs stream (see `ensembleStreams`); what still grows is one tally per worker.
                [
                    "crisis", network, "--attacker", "AUH", "--target", "YUG", "--mode", "stochastic", "--runs",
                    "1000000000", "--workers", "4096", "--max-memory", "1G",
                ], "crisis ensemble failed: needs 36.0 GiB for the war-size tallies of 4096 workers"
            ),
        ]
        for (arguments, message) in cases {
            guard let outcome = try CLITestSupport.run(arguments) else { return }
            #expect(outcome.status == 1, "\(arguments)")
            #expect(outcome.stderr.contains(message), "\(arguments): \(outcome.stderr)")
            #expect(outcome.stderr.contains("--max-memory"), "\(arguments)")
        }
        let fits = try #require(try CLITestSupport.run(["metrics", network, "--only", "degree", "--max-memory", "1K"]))
        #expect(fits.status == 0)
        let bad = try #require(try CLITestSupport.run(["metrics", network, "--max-memory", "lots"]))
        #expect(bad.status == 64)
    }

    /// An ensemble aggregates its runs as they finish (`EnsembleTally`): 2,000,000 runs, which
    /// the per-run arrays of earlier versions needed 107 MB for (and refused under a 32 MiB
    /// budget), now run in the memory of a few thousand (issue 19).
    @Test("crisis --runs 2000000 under --max-memory 32M streams: exit 0, own peak under 64 MB")
    func ensembleStreams() throws {
        guard let binary = CLITestSupport.binary else { return }
        let folder = try CLITestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = try GuardedProcess.run(
            binary,
            [
                "crisis", CLITestSupport.path("Networks/europe-1914.json"), "--attacker", "AUH", "--target", "YUG",
                "--mode", "stochastic", "--runs", "2000000", "--seed", "1", "--workers", "2", "--max-memory", "32M",
                "--format", "json",
            ], logFolder: folder)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("\"runs\": 2000000") && outcome.stdout.contains("\"belligerentsHistogram\""))
        #expect(
            outcome.peakIsBelow(64 * 1024),
            "own peak \(outcome.childPeak().map(String.init) ?? "?") KiB (ru_maxrss \(outcome.peakKilobytes))")
    }

    @Test(
        "SIGHUP and SIGQUIT end a run like SIGINT: status 128 + signal, the message, no output or temporary",
        arguments: ["SIGHUP", "SIGQUIT"])
    func hangup(name: String) throws {
        guard let binary = CLITestSupport.binary else { return }
        let signal = name == "SIGHUP" ? SIGHUP : SIGQUIT
        let folder = try CLITestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("out.txt").path
        // 50,000,000 runs: the streamed ensemble (about 3 M runs a second here) is still running
        // when the signal comes.
        let process = try GuardedProcess.start(
            binary,
            [
                "crisis", CLITestSupport.path("Networks/europe-1914.json"), "--attacker", "AUH", "--target", "YUG",
                "--mode", "stochastic", "--runs", "50000000", "-o", output,
            ], logFolder: folder)
        #expect(process.waitUntil(limit: 60) { process.handles(signal) && process.cpuTicks() >= 20 })
        process.send(signal)
        let outcome = try process.wait(limit: 60)
        #expect(outcome.status == 128 + signal)
        #expect(outcome.stderr.contains("interrupted by \(name): no output written"))
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(!left.contains { $0 == "out.txt" || $0.contains(".tmp-") }, "\(left)")
    }
}
