@_spi(Internals) import AllianceGraph

/// Reads one element of a scenario array straight from the file's bytes, for the elements of
/// the common shape (plain strings, known fields, valid values), without building a `JSONValue`
/// and without allocating (codes of up to 15 bytes are small strings).
///
/// Runs only over bytes that `JSONParser.parseRoot` has already checked to be valid JSON. Every
/// `read...` answers nil when the element is not of the shape it decides (an escape in a string,
/// a field of the wrong type or unknown, a value the strict reader would reject): the caller then
/// decodes that element with the strict reader (`ScenarioReader`), which gives the same value or
/// the usual error. So a fast read returns exactly what the strict reader returns, or nothing.
struct ScenarioFastReader {
    let base: UnsafePointer<UInt8>
    let end: Int
    var position: Int

    init(_ bytes: UnsafeBufferPointer<UInt8>, at position: Int) {
        base = bytes.baseAddress!
        end = bytes.count
        self.position = position
    }

    @inline(__always) mutating func skipWhitespace() {
        while position < end {
            switch base[position] {
            case 0x20, 0x09, 0x0A, 0x0D: position += 1
            default: return
            }
        }
    }

    @inline(__always) mutating func consume(_ byte: UInt8) -> Bool {
        skipWhitespace()
        guard position < end, base[position] == byte else { return false }
        position += 1
        return true
    }

    /// Calls `member(key)` for each member of the object at `position` (the value is then at
    /// `position`, and `member` must read it); nil as soon as `member` answers false.
    mutating func forEachMember(_ member: (inout ScenarioFastReader, Range<Int>) -> Bool) -> Bool {
        guard consume(UInt8(ascii: "{")) else { return false }
        skipWhitespace()
        if position < end, base[position] == UInt8(ascii: "}") { position += 1; return true }
        while true {
            guard let key = plainString(), consume(UInt8(ascii: ":")) else { return false }
            skipWhitespace()
            guard member(&self, key) else { return false }
            skipWhitespace()
            guard position < end else { return false }
            if base[position] == UInt8(ascii: ",") { position += 1; skipWhitespace(); continue }
            if base[position] == UInt8(ascii: "}") { position += 1; return true }
            return false
        }
    }

    /// Whether the bytes of `range` are those of `text`.
    @inline(__always) func bytes(_ range: Range<Int>, equal text: StaticString) -> Bool {
        let count = text.utf8CodeUnitCount
        guard range.count == count else { return false }
        let utf8 = text.utf8Start
        for k in 0..<count where base[range.lowerBound + k] != utf8[k] { return false }
        return true
    }

    /// The byte range inside the quotes of a string without escapes (valid UTF-8: checked by
    /// the first pass); nil for anything else.
    mutating func plainString() -> Range<Int>? {
        skipWhitespace()
        guard position < end, base[position] == UInt8(ascii: "\"") else { return nil }
        let start = position + 1
        var p = start
        while p < end {
            let byte = base[p]
            if byte == UInt8(ascii: "\"") {
                position = p + 1
                return start..<p
            }
            if byte == UInt8(ascii: "\\") { return nil }
            p += 1
        }
        return nil
    }

    mutating func string() -> String? {
        guard let range = plainString() else { return nil }
        return String(decoding: UnsafeBufferPointer(start: base + range.lowerBound, count: range.count), as: UTF8.self)
    }

    mutating func bool() -> Bool? {
        if matchLiteral("true") { return true }
        if matchLiteral("false") { return false }
        return nil
    }

    private mutating func matchLiteral(_ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard position + count <= end, bytes(position..<position + count, equal: literal) else { return false }
        position += count
        return true
    }

    /// A number, converted exactly as `Double(text)` does (Clinger's fast path when the digits
    /// fit 2^53 and the power of ten 10^22, `Double(String)` otherwise).
    mutating func number() -> Double? {
        guard let (mantissa, exponent, negative, span) = scanNumber() else { return nil }
        if mantissa <= 1 << 53, exponent >= -22, exponent <= 22 {
            let magnitude = Double(mantissa)
            let value = exponent < 0 ? magnitude / Self.powersOfTen[-exponent] : magnitude * Self.powersOfTen[exponent]
            return negative ? -value : value
        }
        let text = String(
            decoding: UnsafeBufferPointer(start: base + span.lowerBound, count: span.count), as: UTF8.self)
        guard let value = Double(text), value.isFinite else { return nil }
        return value
    }

    /// An integer written as plain digits (what `JSONObjectReader.integer` accepts; other forms,
    /// such as `1e3`, are left to it).
    mutating func integer() -> Int? {
        skipWhitespace()
        var p = position
        var negative = false
        if p < end, base[p] == UInt8(ascii: "-") { negative = true; p += 1 }
        let start = p
        var value = 0
        while p < end, base[p] &- UInt8(ascii: "0") < 10, p - start < 16 {
            value = value * 10 + Int(base[p] &- UInt8(ascii: "0"))
            p += 1
        }
        let digits = p - start
        guard digits > 0, digits <= 15, p >= end || !Self.continuesNumber(base[p]) else { return nil }
        position = p
        return negative ? -value : value
    }

    private static func continuesNumber(_ byte: UInt8) -> Bool {
        byte &- UInt8(ascii: "0") < 10 || byte == UInt8(ascii: ".") || byte | 0x20 == UInt8(ascii: "e")
    }

    /// Digits of the number at `position` as mantissa * 10^exponent (nil beyond 19 significant digits).
    private mutating func scanNumber() -> (UInt64, Int, Bool, Range<Int>)? {
        skipWhitespace()
        let start = position
        var p = position
        var negative = false
        if p < end, base[p] == UInt8(ascii: "-") { negative = true; p += 1 }
        var mantissa: UInt64 = 0
        var significant = 0
        var exponent = 0
        while p < end, base[p] &- UInt8(ascii: "0") < 10 {
            if mantissa != 0 || base[p] != UInt8(ascii: "0") { significant += 1 }
            mantissa = mantissa &* 10 &+ UInt64(base[p] &- UInt8(ascii: "0"))
            p += 1
        }
        if p < end, base[p] == UInt8(ascii: ".") {
            p += 1
            while p < end, base[p] &- UInt8(ascii: "0") < 10 {
                if mantissa != 0 || base[p] != UInt8(ascii: "0") { significant += 1 }
                mantissa = mantissa &* 10 &+ UInt64(base[p] &- UInt8(ascii: "0"))
                exponent -= 1
                p += 1
            }
        }
        if p < end, base[p] | 0x20 == UInt8(ascii: "e") {
            p += 1
            var negativeExponent = false
            if p < end, base[p] == UInt8(ascii: "+") || base[p] == UInt8(ascii: "-") {
                negativeExponent = base[p] == UInt8(ascii: "-")
                p += 1
            }
            var value = 0
            while p < end, base[p] &- UInt8(ascii: "0") < 10 {
                if value < 100_000 { value = value * 10 + Int(base[p] &- UInt8(ascii: "0")) }
                p += 1
            }
            exponent += negativeExponent ? -value : value
        }
        guard p > start + (negative ? 1 : 0) else { return nil }
        position = p
        if significant > 19 { return (UInt64.max, 0, negative, start..<p) }
        return (mantissa, exponent, negative, start..<p)
    }

    private static let powersOfTen: [Double] = (0...22).map { k in
        var value = 1.0
        for _ in 0..<k { value *= 10 }
        return value
    }
}

/// State codes by their UTF-8 bytes (open addressing, linear probing), for resolving the codes
/// of millions of ties without making a `String` or hashing one per code.
///
/// A slot holds the code's first 8 bytes and its id, so a code of at most 8 bytes is found by
/// touching one slot: one cache miss on a table of a million codes, where the first version read
/// a slot, a span and the bytes (three dependent misses, 55 % of loading a 1M/10M scenario).
/// Slots are 12 bytes and the table is filled to about 70 %, so a million codes take 17 MB and
/// stay in a large last-level cache. Codes hold no NUL byte (`AllianceNetwork.checkCode`), so the
/// zero padding of a short code's head is never part of a code; longer codes are marked and
/// compare their remaining bytes with the stored copy.
///
/// Cost: building is O(total code bytes); a lookup hashes the first 8 bytes as one word (and any
/// further bytes one by one). Memory: 12 bytes per slot (1.43 slots per code), 4 bytes per code
/// and the codes' bytes.
struct ScenarioCodeTable: @unchecked Sendable {
    /// 12 bytes: the code's first 8 bytes (little-endian, zero beyond its length) in two
    /// halves, and the id, with `longCode` set for codes of more than 8 bytes.
    fileprivate struct Slot {
        var low: UInt32
        var high: UInt32
        var tag: UInt32

        static let emptyTag = UInt32.max
        static let longCode: UInt32 = 1 << 31
        var head: UInt64 { UInt64(high) << 32 | UInt64(low) }
    }

    /// Owns the memory that `lookup`'s pointers read.
    private final class Storage {
        let slots: UnsafeMutableBufferPointer<Slot>
        let bytes: UnsafeMutableBufferPointer<UInt8>
        let starts: UnsafeMutableBufferPointer<Int32>

        init(slotCount: Int, byteCount: Int, codeCount: Int) {
            slots = .allocate(capacity: slotCount)
            slots.initialize(repeating: Slot(low: 0, high: 0, tag: Slot.emptyTag))
            bytes = .allocate(capacity: max(byteCount, 1))
            starts = .allocate(capacity: codeCount + 1)
        }

        deinit {
            slots.deallocate()
            bytes.deallocate()
            starts.deallocate()
        }
    }

    private let storage: Storage
    /// The lookups: plain pointers into `storage`, so copying it (into each closure and call
    /// that resolves codes) costs no reference counting. Valid while this table lives.
    let lookup: ScenarioCodeLookup
    /// The index of the first code that repeats an earlier one (that code keeps its first id).
    let firstDuplicate: Int?

    init(codes: [String]) {
        let byteCount = codes.reduce(0) { $0 + $1.utf8.count }
        let slotCount = max(16, codes.count + codes.count * 3 / 7 + 1)
        storage = Storage(slotCount: slotCount, byteCount: byteCount, codeCount: codes.count)
        var offset = 0
        for (id, code) in codes.enumerated() {
            storage.starts[id] = Int32(offset)
            for byte in code.utf8 {
                storage.bytes[offset] = byte
                offset += 1
            }
        }
        storage.starts[codes.count] = Int32(offset)
        var lookup = ScenarioCodeLookup(
            slots: storage.slots.baseAddress!, size: UInt64(slotCount), bytes: storage.bytes.baseAddress!,
            starts: storage.starts.baseAddress!)
        firstDuplicate = lookup.insert(count: codes.count)
        self.lookup = lookup
    }

    /// The id of `code` (nil for a code with a NUL byte, which no valid code has).
    func id(_ code: String) -> StateID? {
        var code = code
        return withExtendedLifetime(storage) {
            code.withUTF8 { utf8 in
                utf8.isEmpty || utf8.contains(0) ? nil : lookup.id(utf8.baseAddress!, count: utf8.count)
            }
        }
    }
}

/// The lookups of a `ScenarioCodeTable` (open addressing, linear probing over its slots).
struct ScenarioCodeLookup: @unchecked Sendable {
    fileprivate typealias Slot = ScenarioCodeTable.Slot
    fileprivate let slots: UnsafeMutablePointer<Slot>
    fileprivate let size: UInt64
    /// Every code's bytes, one after the other; code `id` is `bytes[starts[id] ..< starts[id + 1]]`.
    fileprivate let bytes: UnsafePointer<UInt8>
    fileprivate let starts: UnsafePointer<Int32>

    /// Inserts codes 0 ..< count; returns the first that repeats an earlier one (a duplicate
    /// keeps the first id: the reader reports it before any lookup).
    fileprivate mutating func insert(count codeCount: Int) -> Int? {
        var firstDuplicate: Int?
        for id in 0..<codeCount {
            let start = Int(starts[id]), count = Int(starts[id + 1]) - start
            let pointer = bytes + start
            if self.id(pointer, count: count) != nil {
                if firstDuplicate == nil { firstDuplicate = id }
                continue
            }
            let head = Self.head(pointer, count)
            var slot = self.slot(Self.hash(head, pointer, count))
            while slots[slot].tag != Slot.emptyTag { slot = next(slot) }
            slots[slot] = Slot(
                low: UInt32(truncatingIfNeeded: head), high: UInt32(truncatingIfNeeded: head >> 32),
                tag: UInt32(id) | (count > 8 ? Slot.longCode : 0))
        }
        return firstDuplicate
    }

    /// The first 8 bytes at `pointer` (fewer when `count` < 8) as a little-endian word.
    @inline(__always) private static func head(_ pointer: UnsafePointer<UInt8>, _ count: Int) -> UInt64 {
        if count >= 8 { return UInt64(littleEndian: UnsafeRawPointer(pointer).loadUnaligned(as: UInt64.self)) }
        var word: UInt64 = 0
        for k in 0..<count { word |= UInt64(pointer[k]) << (8 * k) }
        return word
    }

    /// A multiplicative hash of the head word, mixed with the length and the bytes beyond 8.
    @inline(__always) private static func hash(_ head: UInt64, _ pointer: UnsafePointer<UInt8>, _ count: Int) -> UInt64
    {
        var h = (head ^ UInt64(truncatingIfNeeded: count) << 59) &* 0x9E37_79B9_7F4A_7C15
        if count > 8 {
            for k in 8..<count { h = (h ^ UInt64(pointer[k])) &* 0x100_0000_01b3 }
        }
        h ^= h >> 29
        h = h &* 0xBF58_476D_1CE4_E5B9
        return h ^ (h >> 32)
    }

    /// The slot of a hash: its high 64 bits times the table's size (any size, not a power of 2).
    @inline(__always) private func slot(_ hash: UInt64) -> Int { Int(hash.multipliedFullWidth(by: size).high) }

    @inline(__always) private func next(_ slot: Int) -> Int { slot + 1 == Int(size) ? 0 : slot + 1 }

    /// The id of the code whose bytes are at `pointer`.
    @inline(__always) func id(_ pointer: UnsafePointer<UInt8>, count: Int) -> StateID? {
        let head = Self.head(pointer, count)
        var slot = self.slot(Self.hash(head, pointer, count))
        if count <= 8 { return probeShort(from: slot, slots[slot], head: head).map { StateID(Int($0)) } }
        while true {
            let entry = slots[slot]
            if entry.tag == Slot.emptyTag { return nil }
            if entry.tag & Slot.longCode != 0, entry.head == head {
                let id = Int(entry.tag & ~Slot.longCode)
                let start = Int(starts[id]), stored = Int(starts[id + 1]) - start
                if stored == count, memcmp(bytes + start + 8, pointer + 8, count - 8) == 0 { return StateID(id) }
            }
            slot = next(slot)
        }
    }

    /// The ids of two codes, looked up side by side: both slots are loaded before either is
    /// compared, so the two cache misses of a tie's `between` can overlap.
    @inline(__always) func ids(
        _ first: UnsafePointer<UInt8>, count firstCount: Int, _ second: UnsafePointer<UInt8>, count secondCount: Int
    ) -> (StateID, StateID)? {
        guard firstCount <= 8, secondCount <= 8 else {
            guard let a = id(first, count: firstCount), let b = id(second, count: secondCount) else { return nil }
            return (a, b)
        }
        let headA = Self.head(first, firstCount), headB = Self.head(second, secondCount)
        let slotA = slot(Self.hash(headA, first, firstCount)), slotB = slot(Self.hash(headB, second, secondCount))
        let entryA = slots[slotA], entryB = slots[slotB]
        guard let a = probeShort(from: slotA, entryA, head: headA),
            let b = probeShort(from: slotB, entryB, head: headB)
        else { return nil }
        return (StateID(Int(a)), StateID(Int(b)))
    }

    /// Linear probing for a code of at most 8 bytes from `slot`, whose entry is `entry`.
    @inline(__always) private func probeShort(from slot: Int, _ entry: Slot, head: UInt64) -> UInt32? {
        var slot = slot, entry = entry
        while entry.tag != Slot.emptyTag {
            if entry.tag & Slot.longCode == 0, entry.head == head { return entry.tag }
            slot = next(slot)
            entry = slots[slot]
        }
        return nil
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The elements of the scenario arrays, in their common shape (see `ScenarioFastReader`).
extension ScenarioFastReader {
    mutating func code(_ table: ScenarioCodeLookup) -> StateID? {
        guard let range = plainString() else { return nil }
        return table.id(base + range.lowerBound, count: range.count)
    }

    /// `[A, B]` with two different known codes.
    mutating func pair(_ table: ScenarioCodeLookup) -> (StateID, StateID)? {
        guard consume(UInt8(ascii: "[")), let a = plainString(), consume(UInt8(ascii: ",")), let b = plainString(),
            consume(UInt8(ascii: "]")),
            let (first, second) = table.ids(
                base + a.lowerBound, count: a.count, base + b.lowerBound, count: b.count),
            first != second
        else { return nil }
        return (first, second)
    }

    /// A kind by its raw value, compared byte by byte (no array or string per tie); a kind this
    /// switch does not name is left to the strict reader (a test checks that it names them all).
    mutating func commitmentKind() -> CommitmentKind? {
        guard let range = plainString() else { return nil }
        switch range.count {
        case 7:
            if bytes(range, equal: "defense") { return .defense }
            if bytes(range, equal: "offense") { return .offense }
        case 9:
            if bytes(range, equal: "guarantee") { return .guarantee }
            if bytes(range, equal: "patronage") { return .patronage }
        case 10: if bytes(range, equal: "neutrality") { return .neutrality }
        case 12: if bytes(range, equal: "consultation") { return .consultation }
        case 13: if bytes(range, equal: "nonaggression") { return .nonaggression }
        default: break
        }
        return nil
    }

    /// Common optional fields of ties: since, until, note.
    private mutating func spell(_ key: Range<Int>, _ since: inout Int?, _ until: inout Int?, _ note: inout String?)
        -> Bool?
    {
        if bytes(key, equal: "since") { since = integer(); return since != nil }
        if bytes(key, equal: "until") { until = integer(); return until != nil }
        if bytes(key, equal: "note") { note = string(); return note != nil }
        return nil
    }

    mutating func commitment(_ table: ScenarioCodeLookup) -> Commitment? {
        var kind: CommitmentKind?
        var pair: (StateID, StateID)?
        var from: StateID?, to: StateID?
        var credibility: Double?, reverse: Double?
        var since: Int?, until: Int?, note: String?
        let ok = forEachMember { r, key in
            if r.bytes(key, equal: "kind") { kind = r.commitmentKind(); return kind != nil }
            if r.bytes(key, equal: "between") { pair = r.pair(table); return pair != nil }
            if r.bytes(key, equal: "credibility") { credibility = r.number(); return credibility != nil }
            if r.bytes(key, equal: "from") { from = r.code(table); return from != nil }
            if r.bytes(key, equal: "to") { to = r.code(table); return to != nil }
            if r.bytes(key, equal: "reverseCredibility") { reverse = r.number(); return reverse != nil }
            return r.spell(key, &since, &until, &note) ?? false
        }
        guard ok, let kind else { return nil }
        if let (a, b) = pair {
            guard from == nil, to == nil, kind.allowsSymmetric else { return nil }
            return .symmetric(
                kind, a, b, credibility: credibility, reverseCredibility: reverse, since: since, until: until,
                note: note)
        }
        guard let from, let to, reverse == nil, kind.allowsDirected else { return nil }
        return .directed(kind, from: from, to: to, credibility: credibility, since: since, until: until, note: note)
    }

    mutating func rivalry(_ table: ScenarioCodeLookup) -> Rivalry? {
        var pair: (StateID, StateID)?
        var intensity: Double?
        var since: Int?, until: Int?, note: String?
        let ok = forEachMember { r, key in
            if r.bytes(key, equal: "between") { pair = r.pair(table); return pair != nil }
            if r.bytes(key, equal: "intensity") { intensity = r.number(); return intensity != nil }
            return r.spell(key, &since, &until, &note) ?? false
        }
        guard ok, let (a, b) = pair else { return nil }
        return Rivalry(a, b, intensity: intensity ?? 1, since: since, until: until, note: note)
    }

    mutating func contiguity(_ table: ScenarioCodeLookup) -> Contiguity? {
        var pair: (StateID, StateID)?
        var type: Int?
        var proximity: Double?
        var note: String?
        let ok = forEachMember { r, key in
            if r.bytes(key, equal: "between") { pair = r.pair(table); return pair != nil }
            if r.bytes(key, equal: "type") { type = r.integer(); return type != nil }
            if r.bytes(key, equal: "proximity") { proximity = r.number(); return proximity != nil }
            if r.bytes(key, equal: "note") { note = r.string(); return note != nil }
            return false
        }
        guard ok, let (a, b) = pair else { return nil }
        switch (type, proximity) {
        case (let type?, nil): return Contiguity(a, b, type: type, note: note)
        case (nil, let value?): return Contiguity(a, b, proximity: value, note: note)
        default: return nil
        }
    }

    mutating func state() -> State? {
        var code: String?, name: String?, note: String?
        var ccode: Int?
        var capability: Double?, gdp: Double?, effort: Double?, baseline: Double?
        var hawkishness: Double?, intent: Double?, growth: Double?
        var major: Bool?
        let ok = forEachMember { r, key in
            if r.bytes(key, equal: "code") { code = r.string(); return code != nil }
            if r.bytes(key, equal: "capability") { capability = r.number(); return capability != nil }
            if r.bytes(key, equal: "name") { name = r.string(); return name != nil }
            if r.bytes(key, equal: "ccode") { ccode = r.integer(); return ccode != nil }
            if r.bytes(key, equal: "gdp") { gdp = r.number(); return gdp != nil }
            if r.bytes(key, equal: "effort") { effort = r.number(); return effort != nil }
            if r.bytes(key, equal: "baselineEffort") { baseline = r.number(); return baseline != nil }
            if r.bytes(key, equal: "major") { major = r.bool(); return major != nil }
            if r.bytes(key, equal: "hawkishness") { hawkishness = r.number(); return hawkishness != nil }
            if r.bytes(key, equal: "intent") { intent = r.number(); return intent != nil }
            if r.bytes(key, equal: "growth") { growth = r.number(); return growth != nil }
            if r.bytes(key, equal: "note") { note = r.string(); return note != nil }
            return false
        }
        guard ok, let code, let capability, capability != 0 || gdp != nil else { return nil }
        return State(
            code: code, ccode: ccode, name: name, capability: capability, gdp: gdp,
            effort: effort ?? State.defaultEffort, baselineEffort: baseline, major: major ?? false,
            hawkishness: hawkishness ?? State.defaultHawkishness, intent: intent ?? 0, note: note, growth: growth ?? 0)
    }
}
