@_spi(Internals) import AllianceGraph
/// A parsed JSON document that keeps object keys in file order and numbers' source text.
///
/// The library's own reader (`JSONParser`) produces it: strict RFC 8259, duplicate keys rejected,
/// nesting limited, errors with line and column. Foundation's `JSONSerialization` can do none of
/// these, and the scenario format promises all of them.
package enum JSONValue: Hashable, Sendable {
    case null
    case bool(Bool)
    /// A number with its source text (to tell `1914` from `1914.0` where an integer is required).
    case number(Double, text: String)
    case string(String)
    case array([JSONValue])
    case object([JSONMember])

    /// The name of the JSON type, for messages ("expected a number, found a string").
    package var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}

package struct JSONMember: Hashable, Sendable {
    package var key: String
    package var value: JSONValue

    package init(key: String, value: JSONValue) {
        self.key = key
        self.value = value
    }
}

/// A strict JSON parser over UTF-8 bytes.
///
/// Accepts exactly RFC 8259 (plus a leading UTF-8 byte-order mark, which is skipped). Rejects
/// invalid UTF-8, unescaped control characters, lone surrogates, duplicate keys in one object,
/// trailing content and nesting deeper than `maxDepth`. Cost: O(bytes).
package struct JSONParser {
    static let maxDepth = 256
    /// Objects with fewer members than this check a new key against them one by one.
    static let linearKeyScan = 16

    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// Parses a whole document. Errors carry `line L, column C` as their location.
    package static func parse(_ bytes: [UInt8]) throws(InputError) -> JSONValue {
        let result = bytes.withUnsafeBufferPointer { buffer in Result { () throws(InputError) in try parse(buffer) } }
        return try result.get()
    }

    /// Parses a whole document held in `bytes` (which must stay valid during the call).
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) throws(InputError) -> JSONValue {
        var parser = JSONParser(bytes)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { parser.position = 3 }
        parser.skipWhitespace()
        if parser.position >= bytes.count { throw parser.error("the file is empty; expected a JSON object") }
        let value = try parser.parseValue(depth: 0)
        parser.skipWhitespace()
        if parser.position < bytes.count {
            throw parser.error("unexpected content after the end of the JSON document")
        }
        return value
    }

    func error(_ message: String, at offset: Int? = nil) -> InputError {
        let end = min(offset ?? position, bytes.count)
        var line = 1, column = 1
        for byte in bytes[0..<end] {
            if byte == UInt8(ascii: "\n") { line += 1; column = 1 } else if byte & 0xC0 != 0x80 { column += 1 }
        }
        return InputError(location: "line \(line), column \(column)", "malformed JSON: \(message)")
    }

    mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x09, 0x0A, 0x0D: position += 1
            default: return
            }
        }
    }

    mutating func parseValue(depth: Int) throws(InputError) -> JSONValue {
        guard position < bytes.count else { throw error("unexpected end of file; expected a value") }
        switch bytes[position] {
        case UInt8(ascii: "{"): return try parseObject(depth: depth + 1)
        case UInt8(ascii: "["): return try parseArray(depth: depth + 1)
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        default:
            let literal = String(decoding: bytes[position..<min(position + 8, bytes.count)], as: UTF8.self)
            if literal.hasPrefix("NaN") || literal.hasPrefix("Infinity") {
                throw error(
                    "\(literal.hasPrefix("NaN") ? "NaN" : "Infinity") is not valid JSON; numbers must be finite")
            }
            throw error("unexpected character; expected a value (object, array, string, number, true, false or null)")
        }
    }

    private mutating func expectLiteral(_ literal: String) throws(InputError) {
        let utf8 = Array(literal.utf8)
        if position + utf8.count <= bytes.count, Array(bytes[position..<position + utf8.count]) == utf8 {
            position += utf8.count
        } else {
            throw error("unexpected characters; expected \(literal)")
        }
    }

    private mutating func parseObject(depth: Int) throws(InputError) -> JSONValue {
        if depth > Self.maxDepth { throw error("nesting deeper than \(Self.maxDepth) levels") }
        position += 1
        var members: [JSONMember] = []
        // Duplicate keys: a linear scan of the members while there are few (no hashing, no set
        // to allocate: a scenario's objects have up to about 10 keys), a set from then on.
        var keys = Set<String>()
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "}") { position += 1; return .object(members) }
        while true {
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else {
                throw error(
                    position < bytes.count ? "expected a quoted key" : "unexpected end of file inside an object")
            }
            let keyOffset = position
            let key = try parseString()
            let duplicate: Bool
            if members.count < Self.linearKeyScan {
                duplicate = members.contains { $0.key == key }
            } else {
                if keys.isEmpty { keys = Set(members.map(\.key)) }
                duplicate = !keys.insert(key).inserted
            }
            if duplicate {
                throw error("duplicate key \"\(key)\" in one object", at: keyOffset)
            }
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else {
                throw error("expected ':' after the key")
            }
            position += 1
            skipWhitespace()
            // One allocation for the usual object instead of growing 1, 2, 4, 8.
            if members.isEmpty { members.reserveCapacity(8) }
            members.append(JSONMember(key: key, value: try parseValue(depth: depth)))
            skipWhitespace()
            guard position < bytes.count else { throw error("unexpected end of file inside an object") }
            if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
            if bytes[position] == UInt8(ascii: "}") { position += 1; return .object(members) }
            throw error("expected ',' or '}' in an object")
        }
    }

    private mutating func parseArray(depth: Int) throws(InputError) -> JSONValue {
        if depth > Self.maxDepth { throw error("nesting deeper than \(Self.maxDepth) levels") }
        position += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "]") { position += 1; return .array(elements) }
        while true {
            skipWhitespace()
            if elements.isEmpty { elements.reserveCapacity(4) }
            elements.append(try parseValue(depth: depth))
            skipWhitespace()
            guard position < bytes.count else { throw error("unexpected end of file inside an array") }
            if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
            if bytes[position] == UInt8(ascii: "]") { position += 1; return .array(elements) }
            throw error("expected ',' or ']' in an array")
        }
    }

    private mutating func parseNumber() throws(InputError) -> JSONValue {
        let start = position
        func digits() -> Int {
            let begin = position
            while position < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position]) {
                position += 1
            }
            return position - begin
        }
        if bytes[position] == UInt8(ascii: "-") { position += 1 }
        if bytes[position...].starts(with: Array("Infinity".utf8)) {
            throw error("-Infinity is not valid JSON; numbers must be finite")
        }
        let intStart = position
        let intDigits = digits()
        if intDigits == 0 { throw error("invalid number: expected digits") }
        if intDigits > 1 && bytes[intStart] == UInt8(ascii: "0") {
            throw error("invalid number: leading zeros", at: start)
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            position += 1
            if digits() == 0 { throw error("invalid number: expected digits after '.'") }
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E") {
            position += 1
            if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") {
                position += 1
            }
            if digits() == 0 { throw error("invalid number: expected digits in the exponent") }
        }
        let text = String(decoding: bytes[start..<position], as: UTF8.self)
        guard let value = Double(text), value.isFinite else {
            throw error("the number \(text.prefix(40)) is too large", at: start)
        }
        return .number(value, text: text)
    }

    mutating func parseString() throws(InputError) -> String {
        let start = position
        // Fast path: printable ASCII up to the closing quote, no escape (nearly every key, code
        // and name in a scenario) becomes a String in one step (no heap allocation up to 15
        // bytes); anything else is decoded scalar by scalar below, from the opening quote.
        var end = start + 1
        while end < bytes.count {
            let byte = bytes[end]
            if byte == UInt8(ascii: "\"") {
                position = end + 1
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[(start + 1)..<end]), as: UTF8.self)
            }
            if byte == UInt8(ascii: "\\") || byte < 0x20 || byte >= 0x80 { break }
            end += 1
        }
        position += 1
        var scalars = String.UnicodeScalarView()
        while true {
            guard position < bytes.count else { throw error("unterminated string", at: start) }
            let byte = bytes[position]
            switch byte {
            case UInt8(ascii: "\""):
                position += 1
                return String(scalars)
            case UInt8(ascii: "\\"):
                position += 1
                guard position < bytes.count else { throw error("unterminated string", at: start) }
                let escape = bytes[position]
                position += 1
                switch escape {
                case UInt8(ascii: "\""): scalars.append("\"")
                case UInt8(ascii: "\\"): scalars.append("\\")
                case UInt8(ascii: "/"): scalars.append("/")
                case UInt8(ascii: "b"): scalars.append("\u{08}")
                case UInt8(ascii: "f"): scalars.append("\u{0C}")
                case UInt8(ascii: "n"): scalars.append("\n")
                case UInt8(ascii: "r"): scalars.append("\r")
                case UInt8(ascii: "t"): scalars.append("\t")
                case UInt8(ascii: "u"):
                    let first = try parseHex4()
                    if (0xD800...0xDBFF).contains(first) {
                        guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"),
                            bytes[position + 1] == UInt8(ascii: "u")
                        else {
                            throw error("lone UTF-16 surrogate in a \\u escape")
                        }
                        position += 2
                        let second = try parseHex4()
                        guard (0xDC00...0xDFFF).contains(second) else { throw error("invalid UTF-16 surrogate pair") }
                        let combined = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
                        scalars.append(Unicode.Scalar(combined)!)
                    } else if (0xDC00...0xDFFF).contains(first) {
                        throw error("lone UTF-16 surrogate in a \\u escape")
                    } else {
                        scalars.append(Unicode.Scalar(first)!)
                    }
                default:
                    throw error("invalid escape sequence in a string")
                }
            case 0x00..<0x20:
                throw error("unescaped control character in a string")
            case 0x00..<0x80:
                scalars.append(Unicode.Scalar(byte))
                position += 1
            default:
                scalars.append(try parseUTF8Scalar())
            }
        }
    }

    private mutating func parseHex4() throws(InputError) -> UInt32 {
        guard position + 4 <= bytes.count else { throw error("truncated \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[position]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: throw error("invalid hexadecimal digit in a \\u escape")
            }
            value = value << 4 | digit
            position += 1
        }
        return value
    }

    /// Decodes one multi-byte UTF-8 sequence, rejecting overlong forms and surrogates.
    private mutating func parseUTF8Scalar() throws(InputError) -> Unicode.Scalar {
        let lead = bytes[position]
        let length: Int
        var value: UInt32
        switch lead {
        case 0xC2...0xDF: length = 2; value = UInt32(lead & 0x1F)
        case 0xE0...0xEF: length = 3; value = UInt32(lead & 0x0F)
        case 0xF0...0xF4: length = 4; value = UInt32(lead & 0x07)
        default: throw error("invalid UTF-8 byte 0x\(String(lead, radix: 16, uppercase: true))")
        }
        guard position + length <= bytes.count else { throw error("truncated UTF-8 sequence") }
        for k in 1..<length {
            let byte = bytes[position + k]
            guard byte & 0xC0 == 0x80 else { throw error("invalid UTF-8 sequence") }
            value = value << 6 | UInt32(byte & 0x3F)
        }
        let minimum: UInt32 = length == 2 ? 0x80 : (length == 3 ? 0x800 : 0x10000)
        guard value >= minimum, let scalar = Unicode.Scalar(value) else { throw error("invalid UTF-8 sequence") }
        position += length
        return scalar
    }
}
