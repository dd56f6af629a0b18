import Foundation
import Testing
@_spi(Internals) @testable import AllianceGraph
@_spi(Internals) @testable import AllianceGraphFormats
@testable import AllianceGraphRender

@Suite("Atomic file output")
struct FileOutputTests {
    @Test("writing over an existing file replaces it, every time, and leaves no temporary file")
    func overwrite() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fileoutput-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("out.json").path
        for k in 0..<5 {
            try FileOutput.write("version \(k)\n", to: path)
            #expect(try String(contentsOfFile: path, encoding: .utf8) == "version \(k)\n")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["out.json"])
    }

    @Test("a missing folder is an output error naming the path")
    func missingFolder() {
        #expect(throws: OutputError.self) { try FileOutput.write("x", to: "/nonexistent-folder/out.json") }
    }
}
