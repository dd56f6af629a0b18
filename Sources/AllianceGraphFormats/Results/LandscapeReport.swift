@_spi(Internals) import AllianceGraph
/// Writes the result of a landscape search as a table for people, tidy CSV or JSON.
///
/// Camps are labelled A and B. With an actual partition, each minimum is oriented so that camp
/// A is the side of the actual partition it matches best (`--actual` names the states of side
/// A); without one, camp A holds the first state.
package struct LandscapeReport: Sendable {
    package let title: String
    package let landscape: AlignmentLandscape
    package let result: LandscapeSearch.Result
    /// Actual side (0 = A, 1 = B) of each state, if known.
    package let actual: [Int]?

    package init(title: String, landscape: AlignmentLandscape, result: LandscapeSearch.Result, actual: [Int]? = nil) {
        self.title = title
        self.landscape = landscape
        self.result = result
        self.actual = actual
    }

    /// Camps of minimum `k`, oriented as described in the type's documentation.
    package func orientedCamps(_ k: Int) -> [Int] {
        let camps = result.minima[k].camps
        guard let actual else { return camps }
        let agree = zip(camps, actual).filter { $0 == $1 }.count
        return agree * 2 >= camps.count ? camps : camps.map { 1 - $0 }
    }

    /// States of minimum `k` on the actual side, or nil without an actual partition.
    package func matches(_ k: Int) -> Int? {
        actual.map { LandscapeSearch.matches(result.minima[k].camps, actual: $0) }
    }

    private var searchLine: String {
        result.exhaustive
            ? "exhaustive search of all \(Int(result.configurations)) configurations (Gray code)"
            : "seeded steepest descent from \(result.evaluated) random configurations "
                + "(of \(LandscapeReport.significant(result.configurations, 4))); basins estimated"
    }

    private static func campName(_ c: Int) -> String { c == 0 ? "A" : "B" }

    /// The table for people: the minima, then the lowest minimum state by state.
    package func table() -> String {
        let codes = landscape.codes
        var out = "\(title)\n"
        out += "Sizes: capability. Propensities: \(landscape.propensitySource). Search: \(searchLine).\n"
        out +=
            "Energy E = sum_{i<j} s_i s_j p_ij d_ij (lower = more stable); frustration F_i = sum_j s_j p_ij d_ij.\n\n"
        var headers = ["minimum", "energy", "basin", "share", "camp A", "camp B"]
        if actual != nil { headers.append("on actual side") }
        var table = TextTable(headers: headers, alignments: [.right, .right, .right, .right, .left, .left, .right])
        for (k, minimum) in result.minima.enumerated() {
            let camps = orientedCamps(k)
            var row = [
                String(k + 1), Self.significant(minimum.energy, 5),
                result.exhaustive ? String(Int(minimum.basin)) : Self.significant(minimum.basin, 3),
                NumberFormat.fixed(100 * minimum.basinShare, digits: 1) + "%",
                codes.indices.filter { camps[$0] == 0 }.map { codes[$0] }.joined(separator: " "),
                codes.indices.filter { camps[$0] == 1 }.map { codes[$0] }.joined(separator: " "),
            ]
            if let m = matches(k) { row.append("\(m)/\(codes.count)") }
            table.append(row)
        }
        out += table.render()
        guard !result.minima.isEmpty else { return out }
        let camps = orientedCamps(0)
        let frustration = landscape.frustration(camps: camps)
        out += "\nLowest minimum (1), state by state:\n"
        var headers2 = ["code", "size", "camp"]
        if actual != nil { headers2 += ["actual", "match"] }
        headers2.append("frustration")
        var detail = TextTable(
            headers: headers2,
            alignments: headers2.map {
                $0 == "code" || $0 == "camp" || $0 == "actual" || $0 == "match" ? .left : .right
            })
        for i in codes.indices {
            var row = [codes[i], Self.significant(landscape.sizes[i], 4), Self.campName(camps[i])]
            if let actual { row += [Self.campName(actual[i]), actual[i] == camps[i] ? "yes" : "NO"] }
            row.append(Self.significant(frustration[i], 4))
            detail.append(row)
        }
        out += detail.render()
        return out
    }

    /// Tidy CSV: one row per minimum and state.
    package func csv() -> String {
        var lines = ["minimum,energy,basin,basin_share,code,camp,actual,frustration"]
        for (k, minimum) in result.minima.enumerated() {
            let camps = orientedCamps(k)
            let frustration = landscape.frustration(camps: camps)
            for i in landscape.codes.indices {
                lines.append(
                    [
                        String(k + 1), NumberFormat.csv(minimum.energy), NumberFormat.csv(minimum.basin),
                        NumberFormat.csv(minimum.basinShare), CSV.field(landscape.codes[i]), Self.campName(camps[i]),
                        actual.map { Self.campName($0[i]) } ?? "NA", NumberFormat.csv(frustration[i]),
                    ].joined(separator: ","))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// JSON: `{"states": [...], "propensities": ..., "search": {...}, "minima": [{"energy", "basin",
    /// "basinShare", "campA", "campB", "matches", "frustration": {code: F_i}}]}`.
    package func json() -> String {
        let codes = landscape.codes
        var minima: [JSONValue] = []
        for (k, minimum) in result.minima.enumerated() {
            let camps = orientedCamps(k)
            let frustration = landscape.frustration(camps: camps)
            var members = [
                JSONMember(key: "energy", value: .number(minimum.energy)),
                JSONMember(key: "basin", value: .number(minimum.basin)),
                JSONMember(key: "basinShare", value: .number(minimum.basinShare)),
                JSONMember(
                    key: "campA", value: .array(codes.indices.filter { camps[$0] == 0 }.map { .string(codes[$0]) })),
                JSONMember(
                    key: "campB", value: .array(codes.indices.filter { camps[$0] == 1 }.map { .string(codes[$0]) })),
            ]
            if let m = matches(k) { members.append(JSONMember(key: "matches", value: .integer(m))) }
            members.append(
                JSONMember(
                    key: "frustration",
                    value: .object(
                        codes.indices.map {
                            JSONMember(key: codes[$0], value: .number(frustration[$0]))
                        })))
            minima.append(.object(members))
        }
        var root = [
            JSONMember(key: "title", value: .string(title)),
            JSONMember(key: "states", value: .array(codes.map { .string($0) })),
            JSONMember(key: "propensities", value: .string(landscape.propensitySource)),
            JSONMember(
                key: "search",
                value: .object([
                    JSONMember(key: "exhaustive", value: .bool(result.exhaustive)),
                    JSONMember(key: "evaluated", value: .integer(result.evaluated)),
                    JSONMember(key: "configurations", value: .number(result.configurations)),
                ])),
        ]
        if let actual {
            root.append(
                JSONMember(
                    key: "actualCampA",
                    value: .array(codes.indices.filter { actual[$0] == 0 }.map { .string(codes[$0]) })))
        }
        root.append(JSONMember(key: "minima", value: .array(minima)))
        return JSONWriter.serialize(.object(root))
    }

    /// `value` with `digits` significant digits, locale-free (`-0.0012346`, `1.5e-07`).
    static func significant(_ value: Double, _ digits: Int) -> String {
        guard value.isFinite, value != 0 else { return value == 0 ? "0" : NumberFormat.fixed(value, digits: 0) }
        var exponent = 0
        var scaled = abs(value)
        while scaled >= 10 { scaled /= 10; exponent += 1 }
        while scaled < 1 { scaled *= 10; exponent -= 1 }
        if exponent >= -4 && exponent < 9 {
            return NumberFormat.fixed(value, digits: max(0, digits - 1 - exponent))
        }
        let mantissa = NumberFormat.fixed(value < 0 ? -scaled : scaled, digits: digits - 1)
        return mantissa + "e" + (exponent < 0 ? "-" : "+") + (abs(exponent) < 10 ? "0" : "") + String(abs(exponent))
    }
}
