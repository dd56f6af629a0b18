@_spi(Internals) import AllianceGraph

/// Text, CSV and JSON forms of a `DeterrenceAnalysis` (docs/CRISIS.md, "Expected war outcome and
/// deterrence"; docs/CLI.md, `deterrence`).
package enum DeterrenceOutput {
    /// The verdict on an attack: no motive (stake 0), deterred (EU <= 0) or attractive (EU > 0).
    package static func verdict(_ o: WarOutcome) -> String {
        !o.motivated ? "no motive" : o.attractive ? "attractive" : "deterred"
    }

    static func p(_ x: Double) -> String { NumberFormat.fixed(x, digits: 3) }

    /// Attacks in the order of the tables: by the target's exposure rank, then P(prevail), then attacker.
    package static func ordered(_ analysis: DeterrenceAnalysis) -> [WarOutcome] {
        var rank: [StateID: Int] = [:]
        for (k, e) in analysis.map.exposures.enumerated() { rank[e.target] = k }
        return analysis.map.outcomes.sorted {
            (rank[$0.target] ?? 0, -$0.prevail, $0.attacker) < (rank[$1.target] ?? 0, -$1.prevail, $1.attacker)
        }
    }

    /// The dropped states' codes joined with "+" ("USA").
    package static func droppedLabel(_ analysis: DeterrenceAnalysis) -> String {
        analysis.dropped.map { analysis.engine.network[$0].code }.joined(separator: "+")
    }

    /// Exposure of each target, then the attacks with a motive (all with `all`), then for a single
    /// attack its expected coalitions.
    package static func table(_ analysis: DeterrenceAnalysis, title: String, all: Bool) -> String {
        let network = analysis.engine.network
        let without = analysis.withoutDropped, label = droppedLabel(analysis)
        var out =
            title + "\n\nMost exposed targets (exposure: the best P(attacker's side prevails) of an attacker "
            + "with a motive)\n"
        var headers = ["target", "name", "exposure", "by", "worst case", "by"]
        if without != nil { headers += ["exposure w/o \(label)", "change"] }
        var exposures = TextTable(
            headers: headers, alignments: [.left, .left, .right, .left, .right, .left, .right, .right])
        let after = without.map { Dictionary(uniqueKeysWithValues: $0.exposures.map { ($0.target, $0) }) } ?? [:]
        for e in analysis.map.exposures {
            var row = [
                network[e.target].code, String(network[e.target].name.prefix(24)),
                e.exposure.isNaN ? "-" : p(e.exposure),
                e.attacker.map { network[$0].code } ?? "-", p(e.worstCase), network[e.worstAttacker].code,
            ]
            if let a = after[e.target] {
                row += [
                    a.exposure.isNaN ? "-" : p(a.exposure), e.exposure.isNaN ? "-" : signed(a.exposure - e.exposure),
                ]
            }
            exposures.append(row)
        }
        out += exposures.render()
        out += "\n" + attacksTable(analysis, all: all)
        if let detail = analysis.detail { out += "\n" + coalitions(analysis, detail, analysis.detailWithoutDropped) }
        return out
    }

    static func signed(_ x: Double) -> String { (x >= 0 ? "+" : "") + p(x) }

    /// The per-attack table.
    static func attacksTable(_ analysis: DeterrenceAnalysis, all: Bool) -> String {
        let network = analysis.engine.network, label = droppedLabel(analysis)
        var headers = [
            "attacker", "target", "P(prevail)", "P alone", "states A", "states B", "war size", "stake", "EU",
        ]
        if analysis.withoutDropped != nil { headers += ["P w/o \(label)", "EU w/o \(label)"] }
        headers.append("verdict")
        var table = TextTable(
            headers: headers, alignments: [.left, .left] + Array(repeating: .right, count: headers.count - 3) + [.left])
        var shown = 0, hidden = 0
        for o in ordered(analysis) {
            if !all && !o.motivated {
                hidden += 1
                continue
            }
            var row = [
                network[o.attacker].code, network[o.target].code, p(o.prevail), p(o.prevailAlone),
                NumberFormat.fixed(o.statesA, digits: 2), NumberFormat.fixed(o.statesB, digits: 2), p(o.warSize),
                p(o.stake), signed(o.expectedUtility),
            ]
            if let w = analysis.withoutDropped?.outcome(o.attacker, o.target) {
                row += [p(w.prevail), signed(w.expectedUtility)]
            }
            row.append(verdict(o))
            table.append(row)
            shown += 1
        }
        var out = "Attacks (\(shown) shown"
        out += hidden > 0 ? "; \(hidden) without a motive hidden, --all shows them)\n" : ")\n"
        return out + table.render()
    }

    /// The expected coalitions of a single attack: each state's probability of fighting per side.
    static func coalitions(_ analysis: DeterrenceAnalysis, _ o: WarOutcome, _ without: WarOutcome?) -> String {
        let network = analysis.engine.network, label = droppedLabel(analysis)
        var headers = ["state", "name", "P(side A)", "P(side B)"]
        if without != nil { headers += ["P(side A) w/o \(label)", "P(side B) w/o \(label)"] }
        var table = TextTable(
            headers: headers, alignments: [.left, .left] + Array(repeating: .right, count: headers.count - 2))
        for i in network.states.indices {
            let id = StateID(i)
            let probabilities =
                [o.probability(id, side: .a), o.probability(id, side: .b)]
                + (without.map { [$0.probability(id, side: .a), $0.probability(id, side: .b)] } ?? [])
            if probabilities.allSatisfy({ $0 == 0 }) { continue }
            table.append([network.states[i].code, String(network.states[i].name.prefix(24))] + probabilities.map(p))
        }
        return "Expected coalitions of \(network[o.attacker].code) -> \(network[o.target].code)\n" + table.render()
    }

    /// Tidy CSV, one row per attack in pair order.
    package static func csv(_ analysis: DeterrenceAnalysis) -> String {
        let network = analysis.engine.network
        var header =
            "attacker,target,runs,p_prevail,p_prevail_alone,strength_a,strength_b,states_a,states_b,"
            + "war_size,stake,expected_utility,verdict"
        if analysis.withoutDropped != nil { header += ",dropped,p_prevail_dropped,expected_utility_dropped" }
        var lines = [header]
        for o in analysis.map.outcomes {
            var fields = [
                CSV.field(network[o.attacker].code), CSV.field(network[o.target].code), String(o.runs),
            ]
            fields += [
                o.prevail, o.prevailAlone, o.strengthA, o.strengthB, o.statesA, o.statesB, o.warSize, o.stake,
                o.expectedUtility,
            ].map(NumberFormat.csv)
            fields.append(verdict(o))
            if let w = analysis.withoutDropped?.outcome(o.attacker, o.target) {
                fields += [
                    CSV.field(droppedLabel(analysis)), NumberFormat.csv(w.prevail), NumberFormat.csv(w.expectedUtility),
                ]
            }
            lines.append(fields.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
