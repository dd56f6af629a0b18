@_spi(Internals) import AllianceGraph

/// Text, CSV and JSON forms of an `OutcomeBacktestResult` (docs/VALIDATION.md, "Who wins").
package enum OutcomeBacktestOutput {
    static func p(_ x: Double) -> String { NumberFormat.fixed(x, digits: 3) }

    /// Totals (Brier, log loss, accuracy per method and period), then one row per war.
    package static func table(_ result: OutcomeBacktestResult, title: String) -> String {
        var out = title + "\n\n"
        var totals = TextTable(
            headers: ["method", "period", "wars", "Brier", "log loss", "right side of 1/2"],
            alignments: [.left, .left, .right, .right, .right, .right])
        for t in result.totals {
            totals.append([
                t.method, t.period.rawValue, String(t.score.count), NumberFormat.fixed(t.score.brier, digits: 4),
                NumberFormat.fixed(t.score.meanLogLoss, digits: 4),
                NumberFormat.fixed(t.correct, digits: 1) + " / \(t.score.count)",
            ])
        }
        out += totals.render()
        out += "Constant: the initiators' win rate before 1946, \(p(result.baseRate)).\n\n"
        var wars = TextTable(
            headers: ["war", "year", "opening", "initiators", "P model", "P alone", "P capability", "states I/O"],
            alignments: [.right, .right, .left, .left, .right, .right, .right, .right])
        for w in result.scored {
            wars.append([
                String(w.war), String(w.year), "\(w.attacker)->\(w.target)", w.initiatorsWon ? "won" : "lost",
                p(w.model), p(w.alone), p(w.capabilityRatio),
                NumberFormat.fixed(w.statesInitiator, digits: 1) + "/" + NumberFormat.fixed(w.statesOther, digits: 1),
            ])
        }
        out += wars.render()
        if !result.skipped.isEmpty {
            out += "\nSkipped \(result.skipped.count) wars:\n"
            for s in result.skipped { out += "  war \(s.war) (\(s.year)): \(s.reason)\n" }
        }
        return out
    }

    /// One row per scored war.
    package static func csv(_ result: OutcomeBacktestResult) -> String {
        var lines = [
            "war,year,attacker,target,derived,initiators_won,p_model,p_alone,p_capability,states_initiator,states_other"
        ]
        for w in result.scored {
            lines.append(
                [
                    String(w.war), String(w.year), CSV.field(w.attacker), CSV.field(w.target), String(w.derived),
                    w.initiatorsWon ? "1" : "0",
                ]
                .joined(separator: ",") + ","
                    + [w.model, w.alone, w.capabilityRatio, w.statesInitiator, w.statesOther].map(NumberFormat.csv)
                    .joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// JSON: settings, totals, wars and skipped wars.
    package static func json(_ result: OutcomeBacktestResult) -> String {
        let totals: [JSONValue] = result.totals.map { t in
            .object([
                JSONMember(key: "method", value: .string(t.method)),
                JSONMember(key: "period", value: .string(t.period.rawValue)),
                JSONMember(key: "wars", value: .integer(t.score.count)),
                JSONMember(key: "brier", value: .number(t.score.brier)),
                JSONMember(key: "logLoss", value: .number(t.score.meanLogLoss)),
                JSONMember(key: "correct", value: .number(t.correct)),
            ])
        }
        let wars: [JSONValue] = result.scored.map { w in
            .object([
                JSONMember(key: "war", value: .integer(w.war)), JSONMember(key: "year", value: .integer(w.year)),
                JSONMember(key: "attacker", value: .string(w.attacker)),
                JSONMember(key: "target", value: .string(w.target)),
                JSONMember(key: "initiatorsWon", value: .bool(w.initiatorsWon)),
                JSONMember(key: "pModel", value: .number(w.model)), JSONMember(key: "pAlone", value: .number(w.alone)),
                JSONMember(key: "pCapability", value: .number(w.capabilityRatio)),
            ])
        }
        let skipped: [JSONValue] = result.skipped.map { s in
            .object([
                JSONMember(key: "war", value: .integer(s.war)), JSONMember(key: "reason", value: .string(s.reason)),
            ])
        }
        return JSONWriter.serialize(
            .object([
                JSONMember(key: "runs", value: .integer(result.runs)),
                JSONMember(key: "seed", value: .number(Double(result.seed), text: String(result.seed))),
                JSONMember(key: "baseRate", value: .number(result.baseRate)),
                JSONMember(key: "totals", value: .array(totals)), JSONMember(key: "wars", value: .array(wars)),
                JSONMember(key: "skipped", value: .array(skipped)),
            ]))
    }
}
