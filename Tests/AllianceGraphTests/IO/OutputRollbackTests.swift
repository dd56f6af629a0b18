import Foundation
import Testing
@_spi(Internals) @testable import AllianceGraph
@_spi(Internals) @testable import AllianceGraphFormats
@testable import AllianceGraphRender

/// All-or-nothing multi-file outputs when a rename fails after every check passed, and staging
/// names that fit NAME_MAX (issue 19).
@Suite("Multi-file output rollback")
struct OutputRollbackTests {
    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("rollback-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test("a rename that fails after the checks puts back every file already replaced and removes new ones")
    func rollback() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let a = folder.appendingPathComponent("a.txt").path
        let b = folder.appendingPathComponent("b.txt").path
        let c = folder.appendingPathComponent("c.txt").path
        try "old a".write(toFile: a, atomically: false, encoding: .utf8)
        try "old c".write(toFile: c, atomically: false, encoding: .utf8)
        let ledger = OutputLedger()
        // A folder appears at c.txt's place between the checks and its rename.
        ledger.beforeRename = { destination in
            if destination == c {
                unlink(c)
                mkdir(c, 0o755)
                mkdir(c + "/inside", 0o755)
            }
        }
        #expect(throws: OutputError.self) {
            try FileOutput.writeAll([(a, "new a"), (b, "new b"), (c, "new c")], ledger: ledger)
        }
        #expect(try String(contentsOfFile: a, encoding: .utf8) == "old a")
        #expect(!FileManager.default.fileExists(atPath: b))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["a.txt", "c.txt"])
    }

    @Test("staging names never exceed 255 bytes and keep whole characters")
    func stagingNames() {
        for name in [String(repeating: "n", count: 250), String(repeating: "é", count: 127), "short.json"] {
            for kind in [TemporaryNames.Kind.temporary, .backup] {
                let staged = TemporaryNames.name(for: name, kind: kind, pid: 4_194_304)
                #expect(staged.utf8.count <= 255)
                #expect(staged.hasPrefix("."))
                #expect(staged.hasSuffix(".\(kind.rawValue)-4194304"))
            }
        }
        #expect(TemporaryNames.name(for: "out.json", kind: .temporary, pid: 12) == ".out.json.tmp-12")
    }

    @Test("number and tick formats never trap over the whole range of doubles")
    func extremeFormats() {
        var magnitudes: [Double] = [0, .leastNonzeroMagnitude, .greatestFiniteMagnitude, 9.2e18, 9.3e18, 5e21]
        var x = 1e-300
        while x < 1e300 {
            magnitudes.append(x)
            x *= 7.3
        }
        for value in magnitudes.flatMap({ [$0, -$0] }) {
            for digits in [0, 1, 3, 6] { #expect(!NumberFormat.fixed(value, digits: digits).isEmpty) }
            #expect(!NumberFormat.scientific(value, significant: 3).isEmpty)
            #expect(!SVG.tickLabel(value).isEmpty)
            #expect(!SVG.n(value).isEmpty)
            let ticks = SVG.ticks(value, value * 1.5 + 1)
            #expect(ticks.count <= 24)
        }
        #expect(SVG.tickLabel(5e21) == "5.00e+21")
        #expect(SVG.ticks(-.greatestFiniteMagnitude, .greatestFiniteMagnitude).count <= 24)
        #expect(SVG.ticks(1e22, 1e22 * (1 + 4e-16)).count <= 24)
    }
}
