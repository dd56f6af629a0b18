import Foundation
import Testing
@_spi(Internals) @testable import AllianceGraph
@_spi(Internals) @testable import AllianceGraphFormats

/// Inputs that change while they are read: a truncated mapping must give exit 65 "the file
/// changed while it was read", never SIGBUS (issue 19).
@Suite("Inputs that change while read")
struct ChangingInputTests {
    static func scenarioFile(states: Int) throws -> (folder: URL, path: String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("changing-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("big.json").path
        let scenario = try SyntheticNetwork(states: states, ties: states, seed: 1, model: .regional).scenario()
        try ScenarioWriter.write(scenario, to: path)
        return (folder, path)
    }

    @Test("a mapped scenario truncated while it is read gives 'the file changed while it was read'")
    func truncatedMapping() throws {
        let (folder, path) = try Self.scenarioFile(states: 3000)
        defer { try? FileManager.default.removeItem(at: folder) }
        var sawBytes = 0
        #expect {
            try FileInput.withBytes(path: path, streamLimit: 1 << 30) { bytes, _ throws(InputError) in
                // Truncate under the mapping, then read every page past the new end: without the
                // guard this is SIGBUS.
                truncate(path, 4096)
                var sum = 0
                for k in stride(from: 0, to: bytes.count, by: 4096) { sum &+= Int(bytes[k]) }
                sawBytes = bytes.count
                _ = sum
            }
        } throws: { error in
            "\(error)".contains("the file changed while it was read")
        }
        #expect(sawBytes > 100_000)
    }

    @Test("a scenario rewritten with the same size while it is read is reported as changed")
    func rewrittenMapping() throws {
        let (folder, path) = try Self.scenarioFile(states: 50)
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(throws: InputError.self) {
            try FileInput.withBytes(path: path, streamLimit: 1 << 30) { _, _ throws(InputError) in
                // A later modification time (the size is unchanged).
                var times = [timespec(tv_sec: 4_000_000_000, tv_nsec: 0), timespec(tv_sec: 4_000_000_000, tv_nsec: 0)]
                utimensat(AT_FDCWD, path, &times, 0)
            }
        }
    }

    @Test("a SIGBUS outside every guarded mapping is not absorbed")
    func foreignAddress() {
        #expect(!MappingGuardProbe.absorbs(0x1000))
    }
}

/// Test access to the guard's lookup.
enum MappingGuardProbe {
    static func absorbs(_ address: Int) -> Bool { MappingGuard.absorbForTesting(address) }
}
