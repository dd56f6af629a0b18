@_spi(Internals) import AllianceGraph
@_spi(Internals) import AllianceGraphFormats
/// Small helpers shared by the SVG drawings: escaping, coordinates rounded to 0.1 px (so that
/// tiny floating-point differences between machines don't change the file), palettes and fonts.
enum SVG {
    /// Text and attribute values with `&`, `<`, `>`, `"` and `'` escaped; control characters
    /// other than tab and newline dropped (they are not allowed in XML 1.0).
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || (0xFFFE...0xFFFF).contains(scalar.value) { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// `text` in lines of at most `width` characters, broken between words; at most `maxLines`
    /// lines, the last ending in "\u{2026}" when text is left over. A word longer than a line is
    /// cut with "\u{2026}" (never silently): "credibility 0.9" never becomes "credibility 0".
    static func wrap(_ text: String, width: Int, maxLines: Int) -> [String] {
        let width = max(width, 2)
        var lines: [String] = []
        var current = ""
        var words = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        while !words.isEmpty {
            var word = words.removeFirst()
            if word.count > width { word = String(word.prefix(width - 1)) + "\u{2026}" }
            if current.isEmpty {
                current = word
            } else if current.count + 1 + word.count <= width {
                current += " " + word
            } else {
                lines.append(current)
                current = word
            }
            if lines.count == maxLines { break }
        }
        if lines.count < maxLines, !current.isEmpty {
            lines.append(current)
            current = ""
        }
        if lines.count == maxLines && (!current.isEmpty || !words.isEmpty) {
            var last = lines[maxLines - 1]
            while last.count > width - 1, let space = last.lastIndex(of: " ") { last = String(last[..<space]) }
            if last.count > width - 1 { last = String(last.prefix(width - 1)) }
            lines[maxLines - 1] = last + "\u{2026}"
        }
        return lines
    }

    /// A coordinate rounded to 0.1 px, without a trailing `.0`.
    static func n(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        // No drawing reaches 1e15 px; larger values (an axis of extreme data) are clamped so
        // that the conversion to Int below can't trap.
        let tenths = (min(max(value, -1e15), 1e15) * 10).rounded()
        if tenths == 0 { return "0" }
        let whole = Int(tenths) / 10, fraction = abs(Int(tenths) % 10)
        let sign = tenths < 0 && whole == 0 ? "-" : ""
        return fraction == 0 ? "\(sign)\(whole)" : "\(sign)\(whole).\(fraction)"
    }

    /// The font stack used by every drawing (system sans-serif; no web fonts).
    static let font = "'Helvetica Neue', Helvetica, Arial, 'Liberation Sans', sans-serif"

    /// Bloc and series colours: a colour-blind-safe qualitative palette (Tableau 10 order,
    /// with red left out so that red stays reserved for rivalries).
    static let palette = [
        "#4e79a7", "#f28e2b", "#59a14f", "#b07aa1", "#76b7b2", "#edc948", "#9c755f", "#ff9da7",
        "#86bcb6", "#d4a6c8", "#8cd17d", "#a0cbe8",
    ]
    /// Colour of states without any tie.
    static let isolateColour = "#c9c9c9"
    static let ink = "#1d2433"
    static let muted = "#5d6778"

    /// The opening `<svg>` tag with a white background.
    static func open(width: Double, height: Double, title: String) -> String {
        """
        <svg xmlns="http://www.w3.org/2000/svg" width="\(n(width))" height="\(n(height))" \
        viewBox="0 0 \(n(width)) \(n(height))" font-family="\(escape(font))" role="img" aria-label="\(escape(title))">
        <title>\(escape(title))</title>
        <rect x="0" y="0" width="\(n(width))" height="\(n(height))" fill="#ffffff"/>

        """
    }

    /// Tick values for an axis from `low` to `high`: about `count` "nice" steps (1, 2, 2.5, 5 x 10^k).
    static func ticks(_ low: Double, _ high: Double, count: Int = 5) -> [Double] {
        guard low.isFinite, high.isFinite else { return [0] }
        if high <= low { return [low] }
        let raw = (high - low) / Double(max(1, count))
        guard raw.isFinite, raw > 0 else { return [low, high] }
        var magnitude = 1.0
        while magnitude * 10 <= raw { magnitude *= 10 }
        while magnitude > raw { magnitude /= 10 }
        let step = [1.0, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? magnitude * 10
        var values: [Double] = []
        var k = (low / step).rounded(.down)
        // Bounded: when low / step is beyond 2^53, `k += 1` may not change k.
        while k * step <= high + step * 1e-9, values.count <= 4 * count + 4 {
            if k * step >= low - step * 1e-9 { values.append(k * step) }
            let next = k + 1
            if next == k { break }
            k = next
        }
        return values
    }

    /// A tick label: integers plain, others with up to 3 decimals (trailing zeros dropped).
    static func tickLabel(_ value: Double) -> String {
        // From 1e15 on, integers are written in scientific form (5e21 does not fit an Int).
        if abs(value) >= 1e15 { return NumberFormat.scientific(value, significant: 3) }
        if abs(value - value.rounded()) < 1e-9 { return String(Int(value.rounded())) }
        var text = NumberFormat.fixed(value, digits: 3)
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }
}
