@_spi(Internals) import AllianceGraph
/// FNV-1a, 64-bit (Fowler, Noll & Vo): the input digest written into every run's metadata.
///
/// `h = 0xcbf29ce484222325; for each byte b: h = (h xor b) * 0x100000001b3 (mod 2^64)`.
/// Not cryptographic: it identifies the input file a run read, nothing more.
package enum FNV1a64 {
    package static func hash(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            h ^= UInt64(byte)
            h = h &* 0x0000_0100_0000_01b3
        }
        return h
    }

    /// The digest as 16 lowercase hexadecimal digits.
    package static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let text = String(hash(bytes), radix: 16)
        return String(repeating: "0", count: 16 - text.count) + text
    }
}
