@_spi(Internals) import AllianceGraph
import Dispatch
import Synchronization

/// FNV-1a, 64-bit (Fowler, Noll & Vo): the input digest written into every run's metadata.
///
/// `h = 0xcbf29ce484222325; for each byte b: h = (h xor b) * 0x100000001b3 (mod 2^64)`.
/// Not cryptographic: it identifies the input file a run read, nothing more.
package enum FNV1a64 {
    package static func hash(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var running = Running()
        running.add(bytes)
        return running.value
    }

    /// The digest as 16 lowercase hexadecimal digits.
    package static func hex(_ bytes: some Sequence<UInt8>) -> String { hex(hash(bytes)) }

    static func hex(_ hash: UInt64) -> String {
        let text = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - text.count) + text
    }

    /// The hash of bytes given in pieces (the same value as `hash` of them all).
    package struct Running {
        private var h: UInt64 = 0xcbf2_9ce4_8422_2325

        package init() {}

        package mutating func add(_ bytes: some Sequence<UInt8>) {
            var h = self.h
            for byte in bytes {
                h ^= UInt64(byte)
                h = h &* 0x0000_0100_0000_01b3
            }
            self.h = h
        }

        package var value: UInt64 { h }
        package var hex: String { FNV1a64.hex(h) }
    }
}

/// What run records say about their input file: its size and FNV-1a 64 digest.
package struct InputDigest: Hashable, Sendable {
    package var byteCount: Int
    /// 16 lowercase hexadecimal digits (`FNV1a64.hex`).
    package var fnv1a64: String

    package init(byteCount: Int, fnv1a64: String) {
        self.byteCount = byteCount
        self.fnv1a64 = fnv1a64
    }

    package init(bytes: some Collection<UInt8>) {
        byteCount = bytes.count
        fnv1a64 = FNV1a64.hex(bytes)
    }
}

/// The `InputDigest` of a file's bytes, computed now or on another thread while the caller
/// reads the same bytes (`ScenarioLoader.loadWithDigest`: the file is hashed while it is parsed).
///
/// Either way the bytes are hashed in blocks of 16 MB, each released behind the hash (the
/// caller's reader releases the pages it has read too; whichever comes second reads them again
/// from the page cache, so memory stays bounded). `value()` waits for the helper; `cancel()`
/// stops it at the next block and waits. One of them must be called before the bytes go away.
final class InputDigestTask: @unchecked Sendable {
    private let group = DispatchGroup()
    /// Written by the helper before `group` leaves; read after `group.wait()`.
    private var digest: InputDigest?
    private let cancelled = Atomic<Bool>(false)

    init(_ bytes: UnsafeBufferPointer<UInt8>, release: ((Range<Int>) -> Void)?, inBackground: Bool) {
        guard inBackground, ProcessorCount.active > 1 else {
            digest = hash(bytes, release: release)
            return
        }
        let input = Input(bytes: bytes, release: release)
        DispatchQueue.global().async(group: group) { [self] in digest = hash(input.bytes, release: input.release) }
    }

    /// The digest (waits for the helper).
    func value() -> InputDigest {
        group.wait()
        return digest!
    }

    /// Stops the helper at its next block and waits for it (the digest is then not available).
    func cancel() {
        cancelled.store(true, ordering: .relaxed)
        group.wait()
    }

    private func hash(_ bytes: UnsafeBufferPointer<UInt8>, release: ((Range<Int>) -> Void)?) -> InputDigest? {
        var hash = FNV1a64.Running()
        let block = 1 << 24
        for start in Swift.stride(from: 0, to: bytes.count, by: block) {
            if cancelled.load(ordering: .relaxed) { return nil }
            let range = start..<min(bytes.count, start + block)
            hash.add(UnsafeBufferPointer(rebasing: bytes[range]))
            release?(range)
        }
        return InputDigest(byteCount: bytes.count, fnv1a64: hash.hex)
    }

    private struct Input: @unchecked Sendable {
        let bytes: UnsafeBufferPointer<UInt8>
        let release: ((Range<Int>) -> Void)?
    }
}
