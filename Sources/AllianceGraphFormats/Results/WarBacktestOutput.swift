import AllianceGraph

/// Text, CSV and JSON forms of a `WarBacktestResult` (docs/VALIDATION.md, "Who joins wars").
package enum WarBacktestOutput {
    static let columns = [
        "war", "year", "attacker", "target", "method", "predicted", "actual", "tp", "fp", "fn", "wrong_side",
        "precision", "recall", "f1", "brier", "log_loss", "note",
    ]

    /// "GMY:A RUS:B", sorted by code.
    static func list(_ sides: [String: CrisisSide]) -> String {
        sides.keys.sorted().map { "\($0):\(sides[$0]!)" }.joined(separator: " ")
    }

    package static func number(_ v: Double, _ digits: Int = 4) -> String {
        v.isNaN ? "" : NumberFormat.fixed(v, digits: digits)
    }

    /// The CSV cells of every row: per war and method, then the skipped wars, then the totals
    /// (war = all, pre1946 or from1946; year empty).
    package static func rows(_ result: WarBacktestResult) -> [[String]] {
        var rows: [[String]] = []
        for war in result.scored {
            for method in WarBacktestMethod.predicting {
                let s = war.scores[method] ?? JoinerScore()
                let p = war.probabilities[method]
                rows.append([
                    "\(war.war)", "\(war.year)", war.attacker, war.target, method.rawValue,
                    list(war.predicted[method] ?? [:]), list(war.actual), "\(s.tp)", "\(s.fp)", "\(s.fn)",
                    "\(s.wrongSide)", number(s.precision), number(s.recall), number(s.f1),
                    number(p?.brier ?? .nan), method == .ensemble ? number(p?.meanLogLoss ?? .nan) : "",
                    war.derived ? "" : "opening from --openings",
                ])
            }
        }
        for skip in result.skipped {
            rows.append(
                ["\(skip.war)", "\(skip.year)", "", "", "skipped"] + Array(repeating: "", count: 11) + [skip.reason])
        }
        for total in result.totals {
            let s = total.score, p = total.probability
            let probabilistic = total.method == .ensemble || total.method == .constant
            rows.append([
                total.period.rawValue, "", "", "", total.method.rawValue, "", "", "\(s.tp)", "\(s.fp)", "\(s.fn)",
                "\(s.wrongSide)", number(s.precision), number(s.recall), number(s.f1), number(p.brier),
                probabilistic ? number(p.meanLogLoss) : "",
                "\(total.wars) wars, \(p.count) forecasts"
                    + (total.method == .constant ? ", rate \(number(result.constantRate, 5)) fitted before 1946" : ""),
            ])
        }
        return rows
    }

    package static func csv(_ result: WarBacktestResult) -> String {
        func cell(_ text: String) -> String {
            text.contains(",") || text.contains("\"")
                ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
        }
        return ([columns] + rows(result)).map { $0.map(cell).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }

    /// Calibration rows: method, bin, forecasts, mean forecast, observed frequency (all wars).
    package static func calibration(_ result: WarBacktestResult, method: WarBacktestMethod)
        -> [(bin: String, count: Int, forecast: Double, observed: Double)]
    {
        guard let total = result.totals.first(where: { $0.method == method && $0.period == .all }) else { return [] }
        let p = total.probability
        return (0..<10).compactMap { k in
            guard p.binCount[k] > 0 else { return nil }
            let c = Double(p.binCount[k])
            return (
                "\(NumberFormat.fixed(Double(k) / 10, digits: 1))-\(NumberFormat.fixed(Double(k + 1) / 10, digits: 1))",
                p.binCount[k], p.binForecast[k] / c, Double(p.binObserved[k]) / c
            )
        }
    }

    /// The tables for people: totals, calibration, per-war F1, skipped wars.
    package static func table(_ result: WarBacktestResult, title: String) -> String {
        var out = title + "\n\n"
        var totals = TextTable(
            headers: [
                "method", "period", "wars", "tp", "fp", "fn", "wrong", "precision", "recall", "F1", "Brier", "log loss",
            ],
            alignments: [.left, .left] + Array(repeating: .right, count: 10))
        for t in result.totals {
            let probabilistic = t.method == .ensemble || t.method == .constant
            totals.append([
                t.method.rawValue, t.period.rawValue, "\(t.wars)", "\(t.score.tp)", "\(t.score.fp)", "\(t.score.fn)",
                "\(t.score.wrongSide)", number(t.score.precision, 3), number(t.score.recall, 3), number(t.score.f1, 3),
                number(t.probability.brier), probabilistic ? number(t.probability.meanLogLoss) : "",
            ])
        }
        out += totals.render()
        out += "\nconstant entry rate fitted on the wars before 1946: \(number(result.constantRate, 5))\n\n"
        var calibration = TextTable(
            headers: ["method", "bin", "forecasts", "mean forecast", "observed"],
            alignments: [.left, .left, .right, .right, .right])
        for method in [WarBacktestMethod.ensemble] {
            for row in Self.calibration(result, method: method) {
                calibration.append([
                    method.rawValue, row.bin, "\(row.count)", number(row.forecast), number(row.observed),
                ])
            }
        }
        out += calibration.render() + "\n"
        var wars = TextTable(
            headers: ["war", "year", "opening", "fought"] + WarBacktestMethod.predicting.map { "F1 \($0.rawValue)" },
            alignments: [.right, .right, .left, .right] + WarBacktestMethod.predicting.map { _ in .right })
        for war in result.scored {
            wars.append(
                ["\(war.war)", "\(war.year)", "\(war.attacker)->\(war.target)", "\(war.actual.count)"]
                    + WarBacktestMethod.predicting.map { number(war.scores[$0]?.f1 ?? .nan, 2) })
        }
        out += wars.render()
        if !result.skipped.isEmpty {
            var skipped = TextTable(headers: ["skipped war", "year", "reason"], alignments: [.right, .right, .left])
            for s in result.skipped { skipped.append(["\(s.war)", "\(s.year)", s.reason]) }
            out += "\n" + skipped.render()
        }
        return out
    }

    package static func json(_ result: WarBacktestResult) -> String {
        func num(_ v: Double) -> JSONValue { v.isNaN ? .null : .number(v, text: NumberFormat.json(v)) }
        func sides(_ s: [String: CrisisSide]) -> JSONValue {
            .object(s.keys.sorted().map { JSONMember(key: $0, value: .string(s[$0]!.description)) })
        }
        func score(_ s: JoinerScore) -> [JSONMember] {
            [
                JSONMember(key: "tp", value: num(Double(s.tp))), JSONMember(key: "fp", value: num(Double(s.fp))),
                JSONMember(key: "fn", value: num(Double(s.fn))),
                JSONMember(key: "wrongSide", value: num(Double(s.wrongSide))),
                JSONMember(key: "precision", value: num(s.precision)), JSONMember(key: "recall", value: num(s.recall)),
                JSONMember(key: "f1", value: num(s.f1)),
            ]
        }
        let wars: [JSONValue] = result.scored.map { war in
            .object([
                JSONMember(key: "war", value: num(Double(war.war))),
                JSONMember(key: "year", value: num(Double(war.year))),
                JSONMember(key: "attacker", value: .string(war.attacker)),
                JSONMember(key: "target", value: .string(war.target)),
                JSONMember(key: "openingDerived", value: .bool(war.derived)),
                JSONMember(key: "actual", value: sides(war.actual)),
                JSONMember(
                    key: "methods",
                    value: .object(
                        WarBacktestMethod.predicting.map { m in
                            JSONMember(
                                key: m.rawValue,
                                value: .object(
                                    [JSONMember(key: "predicted", value: sides(war.predicted[m] ?? [:]))]
                                        + score(war.scores[m] ?? JoinerScore())
                                        + [JSONMember(key: "brier", value: num(war.probabilities[m]?.brier ?? .nan))]))
                        })),
            ])
        }
        let totals: [JSONValue] = result.totals.map { t in
            .object(
                [
                    JSONMember(key: "method", value: .string(t.method.rawValue)),
                    JSONMember(key: "period", value: .string(t.period.rawValue)),
                    JSONMember(key: "wars", value: num(Double(t.wars))),
                ] + score(t.score) + [
                    JSONMember(key: "brier", value: num(t.probability.brier)),
                    JSONMember(key: "logLoss", value: num(t.probability.meanLogLoss)),
                    JSONMember(key: "forecasts", value: num(Double(t.probability.count))),
                ])
        }
        let calibration: [JSONValue] = calibration(result, method: .ensemble).map { row in
            .object([
                JSONMember(key: "bin", value: .string(row.bin)),
                JSONMember(key: "forecasts", value: num(Double(row.count))),
                JSONMember(key: "meanForecast", value: num(row.forecast)),
                JSONMember(key: "observed", value: num(row.observed)),
            ])
        }
        let skipped: [JSONValue] = result.skipped.map { s in
            .object([
                JSONMember(key: "war", value: num(Double(s.war))), JSONMember(key: "year", value: num(Double(s.year))),
                JSONMember(key: "reason", value: .string(s.reason)),
            ])
        }
        return JSONWriter.serialize(
            .object([
                JSONMember(key: "runs", value: num(Double(result.runs))),
                JSONMember(key: "seed", value: .string("\(result.seed)")),
                JSONMember(key: "constantRate", value: num(result.constantRate)),
                JSONMember(key: "totals", value: .array(totals)),
                JSONMember(key: "calibration", value: .array(calibration)),
                JSONMember(key: "wars", value: .array(wars)),
                JSONMember(key: "skipped", value: .array(skipped)),
            ]))
    }
}

#if canImport(Foundation)
    import Foundation
#endif
