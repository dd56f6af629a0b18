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

/// State codes by their UTF-8 bytes (open addressing, FNV-1a), for resolving the codes of
/// millions of ties without making a `String` or hashing one per code.
///
/// Cost: building is O(total code bytes); a lookup hashes the code's bytes and compares with
/// `memcmp` (a few cache misses on a table of a million codes). Memory: 4 bytes per slot
/// (at least 2 slots per code), 8 per code and the codes' bytes.
struct ScenarioCodeTable {
    private var bytes: [UInt8] = []
    private var spans: [(start: Int32, count: Int32)] = []
    private var slots: [Int32]
    private let mask: Int

    init(codes: [String]) {
        var size = 16
        while size < 2 * codes.count { size <<= 1 }
        slots = Array(repeating: -1, count: size)
        mask = size - 1
        for code in codes {
            let start = bytes.count
            bytes.append(contentsOf: code.utf8)
            let id = Int32(spans.count)
            spans.append((Int32(start), Int32(bytes.count - start)))
            let found = bytes.withUnsafeBufferPointer { buffer in
                lookup(buffer.baseAddress! + start, count: bytes.count - start, codes: buffer)
            }
            if found != nil { continue }  // a duplicate: the reader reports it before any lookup
            var slot = Self.hash(bytes.withUnsafeBufferPointer { $0.baseAddress! + start }, bytes.count - start) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = id
        }
    }

    private static func hash(_ pointer: UnsafePointer<UInt8>, _ count: Int) -> Int {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for k in 0..<count { h = (h ^ UInt64(pointer[k])) &* 0x100_0000_01b3 }
        return Int(truncatingIfNeeded: h ^ (h >> 29))
    }

    /// The id of the code whose bytes are at `pointer`.
    func id(_ pointer: UnsafePointer<UInt8>, count: Int) -> StateID? {
        bytes.withUnsafeBufferPointer { buffer in
            lookup(pointer, count: count, codes: buffer).map { StateID(Int($0)) }
        }
    }

    private func lookup(_ pointer: UnsafePointer<UInt8>, count: Int, codes: UnsafeBufferPointer<UInt8>) -> Int32? {
        var slot = Self.hash(pointer, count) & mask
        while true {
            let id = slots[slot]
            if id < 0 { return nil }
            let span = spans[Int(id)]
            if Int(span.count) == count, memcmp(codes.baseAddress! + Int(span.start), pointer, count) == 0 {
                return id
            }
            slot = (slot + 1) & mask
        }
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The elements of the scenario arrays, in their common shape (see `ScenarioFastReader`).
extension ScenarioFastReader {
    private static let kinds: [(bytes: [UInt8], kind: CommitmentKind)] = CommitmentKind.allCases.map {
        (Array($0.rawValue.utf8), $0)
    }

    mutating func code(_ table: ScenarioCodeTable) -> StateID? {
        guard let range = plainString() else { return nil }
        return table.id(base + range.lowerBound, count: range.count)
    }

    /// `[A, B]` with two different known codes.
    mutating func pair(_ table: ScenarioCodeTable) -> (StateID, StateID)? {
        guard consume(UInt8(ascii: "[")), let a = code(table), consume(UInt8(ascii: ",")), let b = code(table),
            consume(UInt8(ascii: "]")), a != b
        else { return nil }
        return (a, b)
    }

    mutating func commitmentKind() -> CommitmentKind? {
        guard let range = plainString() else { return nil }
        for entry in Self.kinds where entry.bytes.count == range.count {
            if entry.bytes.withUnsafeBufferPointer({ memcmp($0.baseAddress!, base + range.lowerBound, range.count) })
                == 0
            {
                return entry.kind
            }
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

    mutating func commitment(_ table: ScenarioCodeTable) -> Commitment? {
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

    mutating func rivalry(_ table: ScenarioCodeTable) -> Rivalry? {
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

    mutating func contiguity(_ table: ScenarioCodeTable) -> Contiguity? {
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
