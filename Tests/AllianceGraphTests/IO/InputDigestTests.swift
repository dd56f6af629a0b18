import Foundation
import Testing
@_spi(Internals) @testable import AllianceGraph
@_spi(Internals) @testable import AllianceGraphFormats

/// The input digest written into run records: FNV-1a 64 (known values), the same whether the
/// bytes are hashed in one piece, in pieces, now or on another thread, and through the loader.
@Suite("Input digest")
struct InputDigestTests {
    @Test("FNV-1a 64 of known strings")
    func knownValues() {
        // Published test vectors of FNV-1a 64 (Fowler, Noll & Vo).
        #expect(FNV1a64.hex([UInt8]()) == "cbf29ce484222325")
        #expect(FNV1a64.hex(Array("a".utf8)) == "af63dc4c8601ec8c")
        #expect(FNV1a64.hex(Array("foobar".utf8)) == "85944171f73967e8")
    }

    @Test("in the background, in the foreground and in pieces: the same digest", arguments: [0, 1, 4095, 3 << 20])
    func backgroundEqualsForeground(count: Int) {
        var random = SeededRandom(seed: UInt64(count + 1))
        let bytes = (0..<count).map { _ in UInt8(truncatingIfNeeded: random.next()) }
        let expected = FNV1a64.hex(bytes)
        var pieces = FNV1a64.Running()
        pieces.add(bytes.prefix(count / 3))
        pieces.add(bytes.dropFirst(count / 3))
        #expect(pieces.hex == expected)
        bytes.withUnsafeBufferPointer { buffer in
            for inBackground in [false, true] {
                let digest = InputDigestTask(buffer, release: nil, inBackground: inBackground).value()
                #expect(digest.fnv1a64 == expected && digest.byteCount == count, "background \(inBackground)")
            }
        }
    }

    @Test("a cancelled background digest has stopped when cancel returns")
    func cancel() {
        let bytes = [UInt8](repeating: 7, count: 64 << 20)
        let released = ReleasedRanges()
        var atCancel: [Range<Int>] = []
        bytes.withUnsafeBufferPointer { buffer in
            let task = InputDigestTask(buffer, release: { released.add($0) }, inBackground: true)
            task.cancel()
            atCancel = released.ranges
        }
        // Nothing is read or released after `cancel` returns; what was hashed before it was
        // released block by block, in order.
        Thread.sleep(forTimeInterval: 0.1)
        #expect(released.ranges == atCancel)
        #expect(atCancel.enumerated().allSatisfy { $0.element == ($0.offset << 24)..<(($0.offset + 1) << 24) })
    }

    final class ReleasedRanges: @unchecked Sendable {
        private let lock = NSLock()
        private var list: [Range<Int>] = []
        func add(_ range: Range<Int>) { lock.withLock { list.append(range) } }
        var ranges: [Range<Int>] { lock.withLock { list } }
    }

    @Test("the loader's digest of a file is FNV-1a of its bytes (scenario JSON and snapshot)")
    func loaderDigest() throws {
        let path = TestSupport.network("europe-1914.json")
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let (scenario, digest) = try ScenarioLoader.loadWithDigest(path: path)
        #expect(digest == InputDigest(byteCount: bytes.count, fnv1a64: FNV1a64.hex(bytes)))
        let snapshot = FileManager.default.temporaryDirectory
            .appendingPathComponent("digest-\(getpid()).agsnap").path
        let snapshotBytes = [UInt8](ScenarioSnapshotWriter.encode(scenario))
        try Data(snapshotBytes).write(to: URL(fileURLWithPath: snapshot))
        defer { try? FileManager.default.removeItem(atPath: snapshot) }
        let (fromSnapshot, snapshotDigest) = try ScenarioLoader.loadWithDigest(path: snapshot)
        #expect(fromSnapshot == scenario)
        #expect(snapshotDigest.fnv1a64 == FNV1a64.hex(snapshotBytes))
    }
}
