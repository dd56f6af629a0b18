@_spi(Internals) import AllianceGraph
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
