import Foundation
import Testing
@_spi(Internals) @testable import AllianceGraph
@_spi(Internals) @testable import AllianceGraphFormats
@testable import AllianceGraphRender

/// The bookkeeping behind crash-safe output: what an interruption removes and reports, and
/// `FileOutput.writeAll`'s all-or-nothing promise. (The signal path itself is tested through the
/// binary in InterruptedRunTests.)
@Suite("Output ledger and multi-file output")
struct OutputLedgerTests {
    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ledger-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test("an interruption removes temporary files and empty output folders and reports the completed files")
    func interruption() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let ledger = OutputLedger()
        let done = folder.appendingPathComponent("rounds.csv").path
        try FileOutput.write("round\n1\n", to: done, ledger: ledger)
        let pending = folder.appendingPathComponent(".system.csv.tmp-1").path
        ledger.begin(temporary: pending)
        #expect(FileManager.default.createFile(atPath: pending, contents: Data("partial".utf8)))
        let empty = folder.appendingPathComponent("charts").path
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: false)
        ledger.created(folder: empty)

        let outcome = ledger.interrupt()
        #expect(outcome.completed == [done])
        #expect(outcome.removedTemporaries == [pending])
        #expect(outcome.removedFolders == [empty])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["rounds.csv"])
        #expect(try String(contentsOfFile: done, encoding: .utf8) == "round\n1\n")
        #expect(ledger.isInterrupted)
        #expect(
            outcome.message(signal: "SIGTERM")
                == "interrupted by SIGTERM: completed \(done); no other output written (removed 1 temporary file)")
    }

    @Test("an interruption before any output says that no output was written")
    func nothingWritten() {
        let outcome = OutputLedger().interrupt()
        #expect(outcome == OutputLedger.Interruption(completed: [], removedTemporaries: [], removedFolders: []))
        #expect(outcome.message(signal: "SIGINT") == "interrupted by SIGINT: no output written")
    }

    @Test("writeAll writes every file or none: a file that can't be written leaves none of the others")
    func allOrNothing() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let ledger = OutputLedger()
        let good = folder.appendingPathComponent("a.csv").path
        let bad = folder.appendingPathComponent("missing/b.csv").path
        #expect(throws: OutputError.self) {
            try FileOutput.writeAll([(good, "a\n"), (bad, "b\n")], ledger: ledger)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
        #expect(ledger.interrupt().removedTemporaries.isEmpty)

        let second = folder.appendingPathComponent("b.csv").path
        try FileOutput.writeAll([(good, "a\n"), (second, "b\n")], ledger: OutputLedger())
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["a.csv", "b.csv"])
    }
}
