import Foundation
import Testing

/// The hostile-input tests bound a child's peak memory; these tests check that the figure they
/// use is the child's own, not this test process's (see `GuardedProcess.Outcome.childPeak`).
@Suite("Peak memory of a child process")
struct GuardedProcessTests {
    static let python = ["/usr/bin/python3", "/usr/local/bin/python3"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }

    @Test("the isolated measurement sees a child's own allocation and not this process's size")
    func isolatedPeakIsTheChilds() throws {
        guard let python = Self.python else { return }  // neither launcher nor workload: nothing to check
        let haveLauncher = FileManager.default.isExecutableFile(atPath: "/usr/bin/time") || Self.python != nil
        #expect(haveLauncher)
        // Hold 300 MB, touched, then exit.
        let big = GuardedProcess.Command(
            executable: URL(fileURLWithPath: python),
            arguments: ["-c", "b = bytearray(300 * 1024 * 1024)\nfor i in range(0, len(b), 4096): b[i] = 1"],
            stdin: "/dev/null")
        let small = GuardedProcess.Command(
            executable: URL(fileURLWithPath: python), arguments: ["-c", "pass"], stdin: "/dev/null")
        let bigPeak = try #require(GuardedProcess.isolatedPeak(big))
        let smallPeak = try #require(GuardedProcess.isolatedPeak(small))
        #expect(bigPeak > 300 * 1024, "\(bigPeak) KiB")
        #expect(smallPeak < 100 * 1024, "\(smallPeak) KiB")
        // Pad this process past the small child's figure: the isolated figure must not follow it.
        let pad = UnsafeMutableRawPointer.allocate(byteCount: 200 << 20, alignment: 4096)
        defer { pad.deallocate() }
        pad.initializeMemory(as: UInt8.self, repeating: 1, count: 200 << 20)
        #expect(GuardedProcess.ownHighWater() > 200 * 1024)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("guarded-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let outcome = try GuardedProcess.run(small.executable, small.arguments, logFolder: folder, limit: 60)
        #expect(outcome.status == 0)
        #expect(outcome.peakKilobytes >= 200 * 1024, "ru_maxrss counts this process: \(outcome.peakKilobytes) KiB")
        let own = try #require(outcome.childPeak())
        #expect(own < 100 * 1024, "own peak \(own) KiB")
        #expect(outcome.peakIsBelow(100 * 1024))
        if !GuardedProcess.underAddressSanitizer {  // under ASan the bound is not checked at all
            #expect(!outcome.peakIsBelow(10))
        }
    }
}
