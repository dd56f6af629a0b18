@_spi(Internals) import AllianceGraph
/// Writes `JSONValue` documents deterministically: keys in the given order, numbers in the
/// shortest form that reads back to the same Double (locale-free), integers without a fraction.
package enum JSONWriter {
    /// Serialises `value`. With `pretty`, objects and arrays of containers are indented by two
    /// spaces, and arrays of scalars and small objects (up to `inlineWidth` characters) stay on
    /// one line, which keeps scenario files readable one state or tie per line.
    package static func serialize(_ value: JSONValue, pretty: Bool = true, inlineWidth: Int = 160) -> String {
        var out = ""
        write(value, into: &out, indent: 0, pretty: pretty, inlineWidth: inlineWidth)
        if pretty { out += "\n" }
        return out
    }

    /// Appends the pretty form of `value` as it appears at `indent` inside a document.
    static func append(_ value: JSONValue, to out: inout String, indent: Int) {
        write(value, into: &out, indent: indent, pretty: true, inlineWidth: 160)
    }

    private static func write(_ value: JSONValue, into out: inout String, indent: Int, pretty: Bool, inlineWidth: Int) {
        switch value {
        case .null: out += "null"
        case .bool(let flag): out += flag ? "true" : "false"
        case .number(_, let text): out += text
        case .string(let string): appendQuoted(string, to: &out)
        case .array(let elements):
            if elements.isEmpty { out += "[]"; return }
            if !pretty {
                out += "[" + elements.map { serialize($0, pretty: false) }.joined(separator: ",") + "]"
                return
            }
            if let inline = inlineForm(value, indent: indent, width: inlineWidth) { out += inline; return }
            let pad = String(repeating: " ", count: indent + 2)
            out += "[\n"
            for (k, element) in elements.enumerated() {
                out += pad
                write(element, into: &out, indent: indent + 2, pretty: true, inlineWidth: inlineWidth)
                out += k + 1 < elements.count ? ",\n" : "\n"
            }
            out += String(repeating: " ", count: indent) + "]"
        case .object(let members):
            if members.isEmpty { out += "{}"; return }
            if !pretty {
                out +=
                    "{"
                    + members.map { quote($0.key) + ":" + serialize($0.value, pretty: false) }.joined(separator: ",")
                    + "}"
                return
            }
            if indent > 0, let inline = inlineForm(value, indent: indent, width: inlineWidth) { out += inline; return }
            let pad = String(repeating: " ", count: indent + 2)
            out += "{\n"
            for (k, member) in members.enumerated() {
                out += pad + quote(member.key) + ": "
                write(member.value, into: &out, indent: indent + 2, pretty: true, inlineWidth: inlineWidth)
                out += k + 1 < members.count ? ",\n" : "\n"
            }
            out += String(repeating: " ", count: indent) + "}"
        }
    }

    /// The one-line form (`{"a": 1, "b": [1, 2]}`) when the value nests at most two levels deep
    /// and fits in the width; nil otherwise.
    private static func inlineForm(_ value: JSONValue, indent: Int, width: Int) -> String? {
        guard depth(value) <= 2 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(width + 32)
        appendCompactSpaced(value, to: &bytes)
        return fits(bytes[...], indent: indent, width: width) ? String(decoding: bytes, as: UTF8.self) : nil
    }

    /// Whether the one-line text `bytes` fits in `width` characters at `indent`. Characters never
    /// outnumber UTF-8 bytes, so the byte count settles most cases without counting characters.
    static func fits(_ bytes: ArraySlice<UInt8>, indent: Int, width: Int) -> Bool {
        if bytes.count + indent <= width { return true }
        return String(decoding: bytes, as: UTF8.self).count + indent <= width
    }

    /// Appends the pretty form of `value` at `indent` to `out` as UTF-8: the same bytes as
    /// `append(_:to:indent:)`, without building a string when the one-line form fits (for
    /// writers that stream millions of list elements).
    package static func append(_ value: JSONValue, to out: inout [UInt8], indent: Int) {
        var tryInline = depth(value) <= 2
        if case .object = value, indent == 0 { tryInline = false }
        if tryInline {
            let start = out.count
            appendCompactSpaced(value, to: &out)
            if fits(out[start...], indent: indent, width: 160) { return }
            out.removeSubrange(start...)
        }
        var text = ""
        append(value, to: &text, indent: indent)
        out.append(contentsOf: text.utf8)
    }

    private static func depth(_ value: JSONValue) -> Int {
        var deepest = 0
        switch value {
        case .array(let elements): for element in elements { deepest = max(deepest, depth(element)) }
        case .object(let members): for member in members { deepest = max(deepest, depth(member.value)) }
        default: return 0
        }
        return 1 + deepest
    }

    /// `[1, 2]`, `{"a": 1, "b": [1, 2]}`: the one-line form, appended to `out` as UTF-8.
    private static func appendCompactSpaced(_ value: JSONValue, to out: inout [UInt8]) {
        switch value {
        case .array(let elements):
            out.append(UInt8(ascii: "["))
            for (k, element) in elements.enumerated() {
                if k > 0 { out.append(contentsOf: [UInt8(ascii: ","), UInt8(ascii: " ")]) }
                appendCompactSpaced(element, to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            for (k, member) in members.enumerated() {
                if k > 0 { out.append(contentsOf: [UInt8(ascii: ","), UInt8(ascii: " ")]) }
                appendQuoted(member.key, to: &out)
                out.append(contentsOf: [UInt8(ascii: ":"), UInt8(ascii: " ")])
                appendCompactSpaced(member.value, to: &out)
            }
            out.append(UInt8(ascii: "}"))
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let flag): out.append(contentsOf: (flag ? "true" : "false").utf8)
        case .number(_, let text): out.append(contentsOf: text.utf8)
        case .string(let string): appendQuoted(string, to: &out)
        }
    }

    /// Appends the JSON string literal for `string` to `out` (`quote`, without a temporary).
    static func appendQuoted(_ string: String, to out: inout String) {
        if !string.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) {
            out += "\""
            out += string
            out += "\""
        } else {
            out += quote(string)
        }
    }

    /// `appendQuoted` as UTF-8 bytes.
    static func appendQuoted(_ string: String, to out: inout [UInt8]) {
        if !string.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) {
            out.append(UInt8(ascii: "\""))
            out.append(contentsOf: string.utf8)
            out.append(UInt8(ascii: "\""))
        } else {
            out.append(contentsOf: quote(string).utf8)
        }
    }

    /// A JSON string literal for `string`.
    package static func quote(_ string: String) -> String {
        // Most strings (codes, kinds, keys) need no escape: one scan of the bytes, one copy.
        if !string.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) {
            return "\"" + string + "\""
        }
        var out = "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}

extension JSONValue {
    /// A number node for `value`, written in the locale-free shortest round-trip form
    /// (`NumberFormat.json`). Non-finite values become `null`.
    package static func number(_ value: Double) -> JSONValue {
        value.isFinite ? .number(value, text: NumberFormat.json(value)) : .null
    }

    package static func integer(_ value: Int) -> JSONValue { .number(Double(value), text: String(value)) }

    package static func optionalNumber(_ value: Double?) -> JSONValue { value.map(JSONValue.number) ?? .null }
}
