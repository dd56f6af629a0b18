/// Writes `JSONValue` documents deterministically: keys in the given order, numbers in the
/// shortest form that reads back to the same Double (locale-free), integers without a fraction.
enum JSONWriter {
    /// Serialises `value`. With `pretty`, objects and arrays of containers are indented by two
    /// spaces, and arrays of scalars and small objects (up to `inlineWidth` characters) stay on
    /// one line, which keeps scenario files readable one state or tie per line.
    static func serialize(_ value: JSONValue, pretty: Bool = true, inlineWidth: Int = 160) -> String {
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
        case .string(let string): out += quote(string)
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
                out += "{" + members.map { quote($0.key) + ":" + serialize($0.value, pretty: false) }.joined(separator: ",") + "}"
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
        let text = compactSpaced(value)
        return text.count + indent <= width ? text : nil
    }

    private static func depth(_ value: JSONValue) -> Int {
        switch value {
        case .array(let elements): return 1 + (elements.map(depth).max() ?? 0)
        case .object(let members): return 1 + (members.map { depth($0.value) }.max() ?? 0)
        default: return 0
        }
    }

    private static func compactSpaced(_ value: JSONValue) -> String {
        switch value {
        case .array(let elements): return "[" + elements.map(compactSpaced).joined(separator: ", ") + "]"
        case .object(let members):
            return "{" + members.map { quote($0.key) + ": " + compactSpaced($0.value) }.joined(separator: ", ") + "}"
        default: return serialize(value, pretty: false)
        }
    }

    /// A JSON string literal for `string`.
    static func quote(_ string: String) -> String {
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
    static func number(_ value: Double) -> JSONValue {
        value.isFinite ? .number(value, text: NumberFormat.json(value)) : .null
    }

    static func integer(_ value: Int) -> JSONValue { .number(Double(value), text: String(value)) }

    static func optionalNumber(_ value: Double?) -> JSONValue { value.map(JSONValue.number) ?? .null }
}

extension Double {
    /// floor(log10(|x|)) for finite non-zero x, computed without Foundation.
    fileprivate var log10Floor: Int {
        var exponent = 0
        var x = abs(self)
        while x >= 10 { x /= 10; exponent += 1 }
        while x < 1 { x *= 10; exponent -= 1 }
        return exponent
    }
}

/// Locale-free number formatting shared by every writer.
public enum NumberFormat {
    /// The shortest decimal that reads back to the same Double, without a trailing `.0` for
    /// integral values (`1`, `0.745`, `1e-12`); `NaN`, `inf`, `-inf` for non-finite values.
    public static func json(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "inf" : "-inf" }
        if value == value.rounded(), abs(value) < 1e15 {
            return value == 0 ? "0" : String(Int64(value))
        }
        return "\(value)"
    }

    /// CSV form: as `json`, with non-finite values written as `NA` (read as missing by R and
    /// pandas).
    public static func csv(_ value: Double) -> String {
        value.isFinite ? json(value) : "NA"
    }

    /// Fixed-point form with `digits` decimals for tables (`0.1235`), `-` for NaN.
    public static func fixed(_ value: Double, digits: Int) -> String {
        if value.isNaN { return "-" }
        if value.isInfinite { return value > 0 ? "inf" : "-inf" }
        let scale = pow10(digits)
        let rounded = (abs(value) * scale).rounded() / scale
        let integerPart = Int64(rounded)
        var fraction = Int64(((rounded - Double(integerPart)) * scale).rounded())
        var whole = integerPart
        if fraction >= Int64(scale) { whole += 1; fraction -= Int64(scale) }
        let sign = value < 0 && (whole != 0 || fraction != 0) ? "-" : ""
        guard digits > 0 else { return sign + String(whole) }
        let fractionText = String(fraction)
        return sign + String(whole) + "." + String(repeating: "0", count: digits - fractionText.count) + fractionText
    }

    /// Scientific form with `significant` digits for very large or small magnitudes in tables
    /// (`2.55e+11`); `fixed` for zero and non-finite values.
    public static func scientific(_ value: Double, significant: Int) -> String {
        guard value.isFinite, value != 0 else { return fixed(value, digits: 0) }
        var exponent = Int((abs(value)).log10Floor)
        var mantissa = value / pow10Signed(exponent)
        let digits = max(0, significant - 1)
        if abs((mantissa * pow10(digits)).rounded() / pow10(digits)) >= 10 { exponent += 1; mantissa /= 10 }
        let sign = exponent < 0 ? "-" : "+"
        let magnitude = abs(exponent)
        return fixed(mantissa, digits: digits) + "e" + sign + (magnitude < 10 ? "0" : "") + String(magnitude)
    }

    private static func pow10Signed(_ n: Int) -> Double {
        n >= 0 ? pow10(n) : 1 / pow10(-n)
    }

    private static func pow10(_ n: Int) -> Double {
        var result = 1.0
        for _ in 0..<n { result *= 10 }
        return result
    }
}
