import AllianceGraph

/// The binary scenario snapshot (`.agsnap`, `alliancectl convert big.json big.agsnap`): the same
/// scenario as a scenario JSON file, laid out so that it loads at the speed of the disk instead of
/// the speed of a JSON parser (docs/FORMATS.md, "Binary snapshot").
///
/// Layout (all integers and doubles little-endian, no padding; docs/FORMATS.md has the table):
/// - magic, 8 bytes: `89 41 47 53 4E 41 50 0A` ("\x89AGSNAP\n": not text; detects line-ending
///   damage);
/// - version (u32, 1) and a reserved u32 (0);
/// - the header: its length H (u64) and H bytes of UTF-8 JSON holding the scenario's root members
///   other than the four long lists (`format`, `name`, `year`, `description`, `codes`, `sources`,
///   `parameters`, `warPlans`, `propensities`), exactly as in scenario JSON;
/// - states: a count (u64), then per state: code, name (strings), note (optional string), flags
///   (u8: 1 major, 2 ccode given), ccode (i32, 0 when absent), capability, gdp, effort,
///   baselineEffort, hawkishness, intent, growth (7 doubles);
/// - commitments: a count, then per commitment: kind (u8, its position in `kinds`), flags (u8:
///   1 symmetric, 2 since, 4 until, 8 note), from, to (u32 state positions), credibility (double),
///   reverse credibility (double, symmetric only), since, until (i64, when flagged), note (when
///   flagged);
/// - rivalries: a count, then per rivalry: flags (u8: 2 since, 4 until, 8 note), the two states
///   (u32), intensity (double), since, until, note as for commitments;
/// - contiguity: a count, then per entry: flags (u8: 1 proximity given, 8 note), the two states
///   (u32), the COW type (i64) or the proximity (double), the note when flagged;
/// - the checksum (`checksum(_:)`, u64) of every byte before it; the file ends there.
///
/// A string is its UTF-8 length (u32) and its bytes; an optional string has length 0xFFFFFFFF
/// when absent. Reading checks the checksum first (a truncated or altered file is refused as a
/// whole), then bounds-checks every field and validates the result exactly as a scenario file is
/// validated (`AllianceNetwork`, `Scenario`), with the same error locations (`states[3].code`).
package enum ScenarioSnapshot {
    /// The first 8 bytes of every snapshot.
    package static let magic: [UInt8] = [0x89, 0x41, 0x47, 0x53, 0x4E, 0x41, 0x50, 0x0A]
    /// The layout version this build writes and reads.
    package static let version: UInt32 = 1
    /// The file extension `GraphFormat.detect` maps to the snapshot.
    package static let fileExtension = ".agsnap"
    /// Commitment kinds by their number in the file (version 1). Fixed here, not taken from the
    /// enum's declaration order, so that reordering the enum never changes the format; a new kind
    /// is appended.
    package static let kinds: [CommitmentKind] = [
        .defense, .offense, .neutrality, .nonaggression, .consultation, .guarantee, .patronage,
    ]
    /// The length of an absent optional string.
    static let absentString = UInt32.max

    /// Commitment and rivalry flags.
    static let symmetricFlag: UInt8 = 1
    static let sinceFlag: UInt8 = 2
    static let untilFlag: UInt8 = 4
    static let noteFlag: UInt8 = 8
    /// State flags.
    static let majorFlag: UInt8 = 1
    static let ccodeFlag: UInt8 = 2
    /// Contiguity flag: the entry gives a proximity, not a COW type.
    static let proximityFlag: UInt8 = 1

    /// Whether `bytes` start with the snapshot magic.
    package static func hasMagic(_ bytes: some Collection<UInt8>) -> Bool {
        bytes.count >= magic.count && bytes.prefix(magic.count).elementsEqual(magic)
    }

    /// A 64-bit integrity check of `bytes` (not cryptographic): each 8-byte little-endian word
    /// `w` in turn, `h = rotl(h ^ w, 29) * 0x9E3779B97F4A7C15`, the last partial word padded with
    /// zeros, then the length mixed in the same way and the result finished by
    /// `h ^= h >> 32`. It detects truncation and any single changed byte; about 1 ns per word.
    package static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        let prime: UInt64 = 0x9E37_79B9_7F4A_7C15
        var h: UInt64 = 0x6A09_E667_F3BC_C908
        func mix(_ word: UInt64) {
            let x = h ^ word
            h = ((x << 29) | (x >> 35)) &* prime
        }
        let words = bytes.count / 8
        for k in 0..<words { mix(UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: k * 8, as: UInt64.self))) }
        var tail: UInt64 = 0
        for (shift, byte) in bytes[(words * 8)...].enumerated() { tail |= UInt64(byte) << (8 * UInt64(shift)) }
        mix(tail)
        mix(UInt64(bytes.count))
        return h ^ (h >> 32)
    }
}
