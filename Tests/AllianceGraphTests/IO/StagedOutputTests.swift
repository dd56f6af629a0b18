import Foundation
import Testing
@_spi(Internals) @testable import AllianceGraph
@_spi(Internals) @testable import AllianceGraphFormats

/// `StagedOutput`: files written piece by piece into staging files and renamed in as one unit
/// (the streaming form of `FileOutput.writeAll`, used by `simulate`).
@Suite("Staged multi-file output")
struct StagedOutputTests {
    static func names(_ folder: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
    }

    @Test("pieces larger than the buffer land whole; nothing is visible before commit; the old files are replaced")
    func commit() throws {
        let folder = try OutputLedgerTests.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "old\n".write(to: folder.appendingPathComponent("b.csv"), atomically: false, encoding: .utf8)
        let ledger = OutputLedger()
        let output = StagedOutput(ledger: ledger)
        let a = try output.open(folder.appendingPathComponent("a.csv").path)
        let b = try output.open(folder.appendingPathComponent("b.csv").path)
        var expected = ""
        for k in 0..<20_000 {
            let row = "\(k),\(String(repeating: "x", count: k % 17))\n"
            try a.write(row)
            expected += row
        }
        try b.write("new\n")
        #expect(Self.names(folder) == [".a.csv.tmp-\(getpid())", ".b.csv.tmp-\(getpid())", "b.csv"])
        #expect(try String(contentsOf: folder.appendingPathComponent("b.csv"), encoding: .utf8) == "old\n")
        try output.commit()
        #expect(Self.names(folder) == ["a.csv", "b.csv"])
        #expect(try String(contentsOf: folder.appendingPathComponent("a.csv"), encoding: .utf8) == expected)
        #expect(try String(contentsOf: folder.appendingPathComponent("b.csv"), encoding: .utf8) == "new\n")
    }

    @Test("discard, an interruption, or a destination refused at open leave no staging file")
    func nothingLeft() throws {
        let folder = try OutputLedgerTests.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let discarded = StagedOutput(ledger: OutputLedger())
        try discarded.open(folder.appendingPathComponent("a.csv").path).write(String(repeating: "y", count: 100_000))
        discarded.discard()
        #expect(Self.names(folder).isEmpty)

        let ledger = OutputLedger()
        let interrupted = StagedOutput(ledger: ledger)
        try interrupted.add(folder.appendingPathComponent("a.csv").path, "z\n")
        #expect(Self.names(folder).count == 1)
        #expect(ledger.interrupt().removedTemporaries.count == 1)
        #expect(Self.names(folder).isEmpty)

        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("in-the-way"), withIntermediateDirectories: false)
        let refused = StagedOutput(ledger: OutputLedger())
        _ = try refused.open(folder.appendingPathComponent("a.csv").path)
        #expect(throws: OutputError.self) { try refused.open(folder.appendingPathComponent("in-the-way").path) }
        refused.discard()
        #expect(Self.names(folder) == ["in-the-way"])
    }
}
