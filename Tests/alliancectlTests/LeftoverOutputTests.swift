import Foundation
import Testing

/// Nothing of an earlier or an interrupted run is left beside a new output (issue 19), through
/// the built binary, each case in its own temporary folder.
@Suite("Leftovers and SIGQUIT through the binary")
struct LeftoverOutputTests {
    @Test("SIGQUIT ends a run like SIGTERM: status 131, the message, no output, no temporary file")
    func quit() throws {
        guard let binary = CLITestSupport.binary else { return }
        let folder = try CLITestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("out.txt").path
        let process = try GuardedProcess.start(
            binary,
            [
                "crisis", CLITestSupport.path("Networks/europe-1914.json"), "--attacker", "AUH", "--target", "YUG",
                "--mode", "stochastic", "--runs", "5000000", "-o", output,
            ], logFolder: folder)
        #expect(process.waitUntil(limit: 60) { process.handles(SIGQUIT) && process.cpuTicks() >= 20 })
        process.send(SIGQUIT)
        let outcome = try process.wait(limit: 60)
        #expect(outcome.status == 131)
        #expect(outcome.stderr.contains("interrupted by SIGQUIT: no output written"))
        let left = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(!left.contains { $0 == "out.txt" || $0.contains(".tmp-") })
    }

    @Test("simulate without --charts into a folder that holds charts of an earlier run removes them")
    func oldChartsRemoved() throws {
        let folder = try CLITestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = folder.appendingPathComponent("run").path
        let network = CLITestSupport.path("Networks/europe-1914.json")
        let charts = ["effort.svg", "threat.svg", "commitments.svg", "balance.svg"]
        guard
            let first = try CLITestSupport.run([
                "simulate", network, "--rounds", "3", "--seed", "1", "-o", run, "--charts", "--quiet",
            ])
        else { return }
        #expect(first.status == 0)
        let before = Set(try FileManager.default.contentsOfDirectory(atPath: run))
        #expect(before.isSuperset(of: charts))
        let second = try #require(
            try CLITestSupport.run(["simulate", network, "--rounds", "3", "--seed", "2", "-o", run]))
        #expect(second.status == 0)
        let after = Set(try FileManager.default.contentsOfDirectory(atPath: run))
        #expect(after.isDisjoint(with: charts))
        #expect(after == before.subtracting(charts))
        for chart in charts {
            #expect(second.stderr.contains("removed \(run)/\(chart): a chart of an earlier run"))
        }
        // A folder in the way is not a chart: a user's folder named like one stays.
        try FileManager.default.createDirectory(
            atPath: run + "/threat.svg", withIntermediateDirectories: false)
        let third = try #require(try CLITestSupport.run(["simulate", network, "--rounds", "3", "-o", run, "--quiet"]))
        #expect(third.status == 0)
        var isFolder: ObjCBool = false
        #expect(
            FileManager.default.fileExists(atPath: run + "/threat.svg", isDirectory: &isFolder) && isFolder.boolValue)
    }

    @Test("a simulate that fails into a new folder leaves no folder behind")
    func noEmptyFolder() throws {
        let folder = try CLITestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = folder.appendingPathComponent("new/run").path
        // The parent of the new folder is a file: the run fails at its output, after simulating.
        try "x".write(toFile: folder.appendingPathComponent("new").path, atomically: true, encoding: .utf8)
        let network = CLITestSupport.path("Networks/europe-1914.json")
        guard let outcome = try CLITestSupport.run(["simulate", network, "--rounds", "3", "-o", run, "--quiet"]) else {
            return
        }
        #expect(outcome.status == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["new"])
    }
}
