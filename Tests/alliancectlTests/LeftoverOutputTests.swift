import Foundation
import Testing

/// Nothing of an earlier or a failed run is left beside a new output, and nothing of the user's
/// is taken for it (issue 19), through the built binary, each case in its own temporary folder.
/// (SIGHUP and SIGQUIT: `BoundsAndBudgetCLITests`; old charts removed: `OutputSafetyCLITests`.)
@Suite("Leftovers through the binary")
struct LeftoverOutputTests {
    @Test("a folder named like a chart is the user's: simulate without --charts keeps it")
    func chartNamedFolderKept() throws {
        let folder = try CLITestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = folder.appendingPathComponent("run").path
        try FileManager.default.createDirectory(atPath: run + "/threat.svg", withIntermediateDirectories: true)
        let network = CLITestSupport.path("Networks/europe-1914.json")
        guard let outcome = try CLITestSupport.run(["simulate", network, "--rounds", "3", "-o", run, "--quiet"]) else {
            return
        }
        #expect(outcome.status == 0)
        var isFolder: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: run + "/threat.svg", isDirectory: &isFolder))
        #expect(isFolder.boolValue)
        #expect(FileManager.default.fileExists(atPath: run + "/rounds.csv"))
    }

    @Test("a simulate that fails into a new folder leaves no folder behind")
    func noEmptyFolder() throws {
        let folder = try CLITestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = folder.appendingPathComponent("new/run").path
        // The parent of the new folder is a file: the run fails at its output.
        try "x".write(toFile: folder.appendingPathComponent("new").path, atomically: true, encoding: .utf8)
        let network = CLITestSupport.path("Networks/europe-1914.json")
        guard let outcome = try CLITestSupport.run(["simulate", network, "--rounds", "3", "-o", run, "--quiet"]) else {
            return
        }
        #expect(outcome.status == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["new"])
    }
}
