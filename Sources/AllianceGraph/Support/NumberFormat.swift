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
package enum NumberFormat {
    /// The shortest decimal that reads back to the same Double, without a trailing `.0` for
    /// integral values (`1`, `0.745`, `1e-12`); `NaN`, `inf`, `-inf` for non-finite values.
    package static func json(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "inf" : "-inf" }
        if value == value.rounded(), abs(value) < 1e15 {
            return value == 0 ? "0" : String(Int64(value))
        }
        return "\(value)"
    }

    /// CSV form: as `json`, with non-finite values written as `NA` (read as missing by R and
    /// pandas).
    package static func csv(_ value: Double) -> String {
        value.isFinite ? json(value) : "NA"
    }

    /// Fixed-point form with `digits` decimals for tables (`0.1235`), `-` for NaN; scientific
    /// form with 6 significant digits when |value| x 10^digits reaches 9e18.
    package static func fixed(_ value: Double, digits: Int) -> String {
        if value.isNaN { return "-" }
        if value.isInfinite { return value > 0 ? "inf" : "-inf" }
        let scale = pow10(digits)
        // Beyond 9e18 the integer part does not fit an Int64 (the conversion would trap):
        // such magnitudes (capability 1e15 times a large factor) are written in scientific form.
        if abs(value) * scale >= 9e18 { return scientific(value, significant: 6) }
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
    package static func scientific(_ value: Double, significant: Int) -> String {
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
