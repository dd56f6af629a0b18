/// A checker for the common subset of JSON that builds nothing: the first pass over the big
/// arrays of a scenario (`JSONParser.parseRoot`) runs it on every element instead of
/// `parseValue`, which allocated a `JSONValue` tree per element only to drop it.
///
/// `skipValue` accepts only what `parseValue` accepts, and answers false ("not sure") on
/// anything it does not decide itself: any error, `\u` escapes (keys and strings), escapes in
/// keys, non-ASCII bytes, objects of more than `maxSkippedKeys` members, numbers whose
/// finiteness needs an exact conversion. The caller then parses the element again with
/// `parseValue`, which accepts it or throws the usual error at the usual line and column. So
/// the errors, and the documents accepted, are exactly those of `parseValue`.
extension JSONParser {
    /// Objects with more members than this are left to `parseValue` (its duplicate-key check).
    static let maxSkippedKeys = 16

    /// Skips the value at `position` (at nesting `depth`, as `parseValue(depth:)`); true when it
    /// is valid JSON, with `position` after it. On false, `position` is unspecified.
    mutating func skipValue(depth: Int) -> Bool {
        guard position < bytes.count else { return false }
        switch bytes[position] {
        case UInt8(ascii: "{"): return skipObject(depth: depth + 1)
        case UInt8(ascii: "["): return skipArray(depth: depth + 1)
        case UInt8(ascii: "\""): return skipString(key: false)
        case UInt8(ascii: "t"): return skipLiteral("true")
        case UInt8(ascii: "f"): return skipLiteral("false")
        case UInt8(ascii: "n"): return skipLiteral("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return skipNumber()
        default: return false
        }
    }

    private mutating func skipLiteral(_ literal: StaticString) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard position + count <= bytes.count else { return false }
        let text = literal.utf8Start
        for k in 0..<count where bytes[position + k] != text[k] { return false }
        position += count
        return true
    }

    private mutating func skipObject(depth: Int) -> Bool {
        if depth > Self.maxDepth { return false }
        position += 1
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "}") { position += 1; return true }
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: 2 * Self.maxSkippedKeys) { keys in
            var count = 0
            while true {
                skipWhitespace()
                guard position < bytes.count, bytes[position] == UInt8(ascii: "\""), count < Self.maxSkippedKeys else {
                    return false
                }
                let keyStart = position + 1
                guard skipString(key: true) else { return false }
                let keyEnd = position - 1
                for k in 0..<count where keyEnd - keyStart == keys[2 * k + 1] - keys[2 * k] {
                    if memcmp(bytes.baseAddress! + keyStart, bytes.baseAddress! + keys[2 * k], keyEnd - keyStart) == 0 {
                        return false
                    }
                }
                keys[2 * count] = keyStart
                keys[2 * count + 1] = keyEnd
                count += 1
                skipWhitespace()
                guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else { return false }
                position += 1
                skipWhitespace()
                guard skipValue(depth: depth) else { return false }
                skipWhitespace()
                guard position < bytes.count else { return false }
                if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
                if bytes[position] == UInt8(ascii: "}") { position += 1; return true }
                return false
            }
        }
    }

    private mutating func skipArray(depth: Int) -> Bool {
        if depth > Self.maxDepth { return false }
        position += 1
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "]") { position += 1; return true }
        while true {
            skipWhitespace()
            guard skipValue(depth: depth) else { return false }
            skipWhitespace()
            guard position < bytes.count else { return false }
            if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
            if bytes[position] == UInt8(ascii: "]") { position += 1; return true }
            return false
        }
    }

    /// A string of printable ASCII and simple escapes (no escape at all in a key).
    private mutating func skipString(key: Bool) -> Bool {
        var p = position + 1
        let end = bytes.count
        while p < end {
            let byte = bytes[p]
            if byte == UInt8(ascii: "\"") {
                position = p + 1
                return true
            }
            if byte < 0x20 || byte >= 0x80 { return false }
            if byte == UInt8(ascii: "\\") {
                guard !key, p + 1 < end else { return false }
                switch bytes[p + 1] {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                    UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    p += 2
                    continue
                default: return false
                }
            }
            p += 1
        }
        return false
    }

    /// A number of the RFC grammar whose magnitude is certainly below `Double`'s largest.
    private mutating func skipNumber() -> Bool {
        let end = bytes.count
        if bytes[position] == UInt8(ascii: "-") { position += 1 }
        let intStart = position
        while position < end, bytes[position] &- UInt8(ascii: "0") < 10 { position += 1 }
        let intDigits = position - intStart
        if intDigits == 0 || (intDigits > 1 && bytes[intStart] == UInt8(ascii: "0")) { return false }
        if position < end, bytes[position] == UInt8(ascii: ".") {
            position += 1
            let start = position
            while position < end, bytes[position] &- UInt8(ascii: "0") < 10 { position += 1 }
            if position == start { return false }
        }
        var exponent = 0
        if position < end, bytes[position] | 0x20 == UInt8(ascii: "e") {
            position += 1
            var negative = false
            if position < end, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") {
                negative = bytes[position] == UInt8(ascii: "-")
                position += 1
            }
            let start = position
            while position < end, bytes[position] &- UInt8(ascii: "0") < 10 {
                if exponent < 100_000 { exponent = exponent * 10 + Int(bytes[position] &- UInt8(ascii: "0")) }
                position += 1
            }
            if position == start { return false }
            if negative { exponent = -exponent }
        }
        // Below 10^(intDigits + exponent): finite for sure when that is at most 10^300.
        return intDigits + exponent <= 300
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
