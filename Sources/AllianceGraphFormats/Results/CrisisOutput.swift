@_spi(Internals) import AllianceGraph
/// Writes crisis records and ensembles as timelines for people, tidy CSV or JSON for programs.
package enum CrisisOutput {
    // MARK: - Descriptions

    /// One phrase for a cause: "patronage of YUG (attacked), credibility 0.9, honour 0.6705".
    package static func describe(_ cause: CrisisCause, in engine: CrisisEngine) -> String {
        let network = engine.network
        func code(_ id: StateID) -> String { network[id].code }
        switch cause {
        case .initiator:
            return "starts the war"
        case .initialAttack(let by):
            return "attacked by \(code(by))"
        case .pledge(let o, let honour):
            let condition = isDefensive(o.kind) ? "attacked" : "at war"
            return "\(o.kind.rawValue) pledge to \(code(o.partner)) (\(condition)); credibility "
                + "\(NumberFormat.json(o.credibility)), honour \(NumberFormat.fixed(honour, digits: 4))"
        case .warPlan(let index, let actor):
            let plan = engine.warPlans[index]
            let triggers = plan.trigger.map(code).joined(separator: "/")
            return "attacked under \(code(actor))'s war plan \(index + 1) (at war with \(triggers))"
        case .opportunism(let against, let ratio):
            let powerRatio = NumberFormat.fixed(ratio, digits: 2)
            let rival = code(against)
            return "opportunism: joins the side expected to win (power ratio \(powerRatio)) against its rival \(rival)"
        case .opportunistAttack(let by):
            return "attacked by the opportunist \(code(by))"
        }
    }

    /// One phrase for a pledge judged at the end: "defense to GMY: GMY was not attacked".
    package static func describe(_ check: PledgeCheck, in engine: CrisisEngine, mode: CrisisMode) -> String {
        let network = engine.network
        let o = check.obligation
        let partner = network[o.partner].code
        let honour = NumberFormat.fixed(check.honour, digits: 4)
        switch check.outcome {
        case .partnerNotAttacked:
            return "\(o.kind.rawValue) to \(partner): \(partner) was not attacked"
        case .notHonoured:
            let threshold = NumberFormat.json(engine.options.threshold)
            return mode == .deterministic
                ? "\(o.kind.rawValue) to \(partner): honour \(honour) < threshold \(threshold)"
                : "\(o.kind.rawValue) to \(partner): not honoured in this run (probability \(honour))"
        case .vetoed(let by):
            let pledgee = network[by].code
            return "\(o.kind.rawValue) to \(partner): barred by its neutrality/non-aggression pledge to \(pledgee)"
        case .bothSides:
            return "\(o.kind.rawValue) to \(partner): cancelled (pledged to fight on both sides)"
        case .tie:
            return "\(o.kind.rawValue) to \(partner): honoured, but pledges to the other side are as strong"
        case .restrains:
            return "\(o.kind.rawValue) toward \(partner): may not join side \(check.partnerSide.opposite)"
        case .consultation:
            return "consultation with \(partner): no obligation to fight"
        case .stillPending:
            return "\(o.kind.rawValue) to \(partner): honoured, entry pending at the step limit"
        }
    }

    static func isDefensive(_ kind: CommitmentKind) -> Bool {
        kind == .defense || kind == .guarantee || kind == .patronage
    }

    /// The reason a state stayed out, as one line: its fighting pledges to belligerents and why
    /// each did not bring it in (defensive pledges whose partners were not attacked grouped by
    /// kind), then the belligerents it is pledged not to fight. Consultation is left out of the
    /// line (it never triggers); `json` lists every pledge.
    package static func reason(_ abstention: CrisisAbstention, in engine: CrisisEngine, mode: CrisisMode) -> String {
        let network = engine.network
        var notAttacked: [(CommitmentKind, [String])] = []
        var phrases: [String] = []
        var restrains: [String] = []
        for check in abstention.checks {
            let o = check.obligation, partner = network[o.partner].code
            switch check.outcome {
            case .partnerNotAttacked:
                if let k = notAttacked.firstIndex(where: { $0.0 == o.kind }) {
                    notAttacked[k].1.append(partner)
                } else {
                    notAttacked.append((o.kind, [partner]))
                }
            case .restrains:
                if !restrains.contains(partner) { restrains.append(partner) }
            case .consultation:
                continue
            case .vetoed(let by):
                phrases.append("\(o.kind.rawValue) to \(partner): barred (pledged not to fight \(network[by].code))")
            default:
                phrases.append(describe(check, in: engine, mode: mode))
            }
        }
        var parts = notAttacked.map { "\($0.0.rawValue) to \($0.1.joined(separator: ", ")): not attacked" } + phrases
        if !restrains.isEmpty { parts.append("pledged not to fight \(restrains.joined(separator: ", "))") }
        return parts.isEmpty
            ? (abstention.checks.isEmpty ? "no pledge to a belligerent" : "consultation only")
            : parts.joined(separator: "; ")
    }

    // MARK: - One crisis

    /// The line under a table's title that names the two sides.
    private static func sidesLine(attacker: String, target: String) -> String {
        "Side A: \(attacker) and its side; side B: \(target) and its side.\n\n"
    }

    /// The timeline table: step, state, side, role, cause; then the war size, the states that
    /// stayed out with their reasons, and the broken pledges.
    package static func table(_ result: CrisisResult, engine: CrisisEngine, title: String) -> String {
        let network = engine.network
        var out = title + "\n"
        out += sidesLine(attacker: network[result.attacker].code, target: network[result.target].code)
        var table = TextTable(
            headers: ["step", "state", "name", "side", "role", "cause"],
            alignments: [.right, .left, .left, .left, .left, .left])
        for event in result.events {
            table.append([
                String(event.step), network[event.state].code, String(network[event.state].name.prefix(24)),
                event.side.description, event.role.rawValue, describe(event.cause, in: engine),
            ])
        }
        out += table.render()
        out += "\n" + warSizeLine(result)
        if result.stoppedAtStepLimit {
            out += "Stopped at the step limit (\(engine.options.maxSteps)) with entries pending.\n"
        }
        if !result.abstentions.isEmpty {
            var outTable = TextTable(headers: ["stayed out", "name", "reason"])
            for abstention in result.abstentions {
                outTable.append([
                    network[abstention.state].code, String(network[abstention.state].name.prefix(24)),
                    reason(abstention, in: engine, mode: result.mode),
                ])
            }
            out += "\n" + outTable.render()
        }
        if !result.brokenPledges.isEmpty {
            out +=
                "\nPledges broken by the war: "
                + result.brokenPledges.map {
                    "\(network[$0.committed].code) \($0.kind.rawValue) to \(network[$0.partner].code)"
                }.joined(separator: "; ") + "\n"
        }
        return out
    }

    static func warSizeLine(_ result: CrisisResult) -> String {
        let w = result.warSize
        return "War size: \(w.states) states (A \(w.statesA), B \(w.statesB)); capability share "
            + "\(percent(w.capabilityShare)) (A \(percent(w.capabilityShareA)), B \(percent(w.capabilityShareB))); "
            + "\(result.steps) step\(result.steps == 1 ? "" : "s").\n"
    }

    static func percent(_ share: Double) -> String { NumberFormat.fixed(100 * share, digits: 1) + " %" }

    /// Tidy CSV, one row per state: belligerents in timeline order, then the states that stayed
    /// out (empty step and side, role `out`, the reason in `detail`). Attacks on states already
    /// at war are extra rows with role `attacked`.
    package static func csv(_ result: CrisisResult, engine: CrisisEngine) -> String {
        let network = engine.network
        var lines = ["step,code,name,side,role,cause,via,commitment,credibility,honour,detail"]
        for event in result.events {
            var cause = "", via = "", commitment = "", credibility = "", honour = ""
            switch event.cause {
            case .initiator: cause = "initiator"
            case .initialAttack(let by): cause = "initial_attack"; via = network[by].code
            case .pledge(let o, let h):
                cause = "pledge"; via = network[o.partner].code; commitment = o.kind.rawValue
                credibility = NumberFormat.csv(o.credibility); honour = NumberFormat.csv(h)
            case .warPlan(_, let actor): cause = "war_plan"; via = network[actor].code
            case .opportunism(let against, _): cause = "opportunism"; via = network[against].code
            case .opportunistAttack(let by): cause = "opportunist_attack"; via = network[by].code
            }
            lines.append(
                [
                    String(event.step), network[event.state].code, CSV.field(network[event.state].name),
                    event.side.description, event.role.rawValue, cause, via, commitment, credibility, honour,
                    CSV.field(describe(event.cause, in: engine)),
                ].joined(separator: ","))
        }
        for abstention in result.abstentions {
            lines.append(
                [
                    "", network[abstention.state].code, CSV.field(network[abstention.state].name), "", "out",
                    "", "", "", "", "", CSV.field(reason(abstention, in: engine, mode: result.mode)),
                ].joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// JSON: the crisis, its parameters, the timeline, the states that stayed out with every
    /// judged pledge, the broken pledges and the war size.
    package static func json(
        _ result: CrisisResult, engine: CrisisEngine, scenarioName: String,
        inputDigest: String? = nil
    ) -> String {
        let network = engine.network
        func code(_ id: StateID) -> JSONValue { .string(network[id].code) }
        func obligation(_ o: Obligation) -> JSONValue {
            .object([
                JSONMember(key: "from", value: code(o.committed)), JSONMember(key: "to", value: code(o.partner)),
                JSONMember(key: "kind", value: .string(o.kind.rawValue)),
                JSONMember(key: "credibility", value: .number(o.credibility)),
            ])
        }
        func cause(_ c: CrisisCause) -> JSONValue {
            var members: [JSONMember]
            switch c {
            case .initiator: members = [JSONMember(key: "type", value: .string("initiator"))]
            case .initialAttack(let by):
                members = [
                    JSONMember(key: "type", value: .string("initial_attack")), JSONMember(key: "by", value: code(by)),
                ]
            case .pledge(let o, let h):
                members = [
                    JSONMember(key: "type", value: .string("pledge")), JSONMember(key: "pledge", value: obligation(o)),
                    JSONMember(key: "honour", value: .number(h)),
                ]
            case .warPlan(let index, let actor):
                members = [
                    JSONMember(key: "type", value: .string("war_plan")),
                    JSONMember(key: "plan", value: .integer(index)),
                    JSONMember(key: "actor", value: code(actor)),
                ]
            case .opportunism(let against, let ratio):
                members = [
                    JSONMember(key: "type", value: .string("opportunism")),
                    JSONMember(key: "against", value: code(against)),
                    JSONMember(key: "powerRatio", value: .number(ratio)),
                ]
            case .opportunistAttack(let by):
                members = [
                    JSONMember(key: "type", value: .string("opportunist_attack")),
                    JSONMember(key: "by", value: code(by)),
                ]
            }
            members.append(JSONMember(key: "text", value: .string(describe(c, in: engine))))
            return .object(members)
        }
        let events: [JSONValue] = result.events.map { e in
            .object([
                JSONMember(key: "step", value: .integer(e.step)), JSONMember(key: "state", value: code(e.state)),
                JSONMember(key: "side", value: .string(e.side.description)),
                JSONMember(key: "role", value: .string(e.role.rawValue)),
                JSONMember(key: "cause", value: cause(e.cause)),
            ])
        }
        let stayedOut: [JSONValue] = result.abstentions.map { a in
            .object([
                JSONMember(key: "state", value: code(a.state)),
                JSONMember(key: "reason", value: .string(reason(a, in: engine, mode: result.mode))),
                JSONMember(
                    key: "pledges",
                    value: .array(
                        a.checks.map { check in
                            .object([
                                JSONMember(key: "pledge", value: obligation(check.obligation)),
                                JSONMember(key: "partnerSide", value: .string(check.partnerSide.description)),
                                JSONMember(key: "honour", value: .number(check.honour)),
                                JSONMember(key: "outcome", value: .string(outcomeName(check.outcome))),
                                JSONMember(key: "text", value: .string(describe(check, in: engine, mode: result.mode))),
                            ])
                        })),
            ])
        }
        let w = result.warSize
        let document: JSONValue = .object([
            JSONMember(
                key: "crisis",
                value: header(
                    engine: engine, scenarioName: scenarioName, attacker: result.attacker,
                    target: result.target, mode: result.mode, seed: result.seed, runs: nil,
                    inputDigest: inputDigest)),
            JSONMember(key: "events", value: .array(events)),
            JSONMember(key: "stayedOut", value: .array(stayedOut)),
            JSONMember(key: "brokenPledges", value: .array(result.brokenPledges.map(obligation))),
            JSONMember(
                key: "warSize",
                value: .object([
                    JSONMember(key: "states", value: .integer(w.states)),
                    JSONMember(key: "statesA", value: .integer(w.statesA)),
                    JSONMember(key: "statesB", value: .integer(w.statesB)),
                    JSONMember(key: "capabilityShare", value: .number(w.capabilityShare)),
                    JSONMember(key: "capabilityShareA", value: .number(w.capabilityShareA)),
                    JSONMember(key: "capabilityShareB", value: .number(w.capabilityShareB)),
                    JSONMember(key: "steps", value: .integer(result.steps)),
                    JSONMember(key: "stoppedAtStepLimit", value: .bool(result.stoppedAtStepLimit)),
                ])),
        ])
        return JSONWriter.serialize(document)
    }

    static func outcomeName(_ outcome: PledgeCheck.Outcome) -> String {
        switch outcome {
        case .partnerNotAttacked: return "partner_not_attacked"
        case .notHonoured: return "not_honoured"
        case .vetoed: return "vetoed"
        case .bothSides: return "both_sides"
        case .tie: return "tie"
        case .restrains: return "restrains"
        case .consultation: return "consultation"
        case .stillPending: return "still_pending"
        }
    }

    static func header(
        engine: CrisisEngine, scenarioName: String, attacker: StateID, target: StateID,
        mode: CrisisMode, seed: UInt64, runs: Int?, inputDigest: String?
    ) -> JSONValue {
        let e = engine.environment, o = engine.options
        var members = [
            JSONMember(key: "scenario", value: .string(scenarioName)),
            JSONMember(key: "attacker", value: .string(engine.network[attacker].code)),
            JSONMember(key: "target", value: .string(engine.network[target].code)),
            JSONMember(key: "mode", value: .string(mode.rawValue)),
            JSONMember(key: "seed", value: .number(Double(seed), text: String(seed))),
        ]
        if let runs { members.append(JSONMember(key: "runs", value: .integer(runs))) }
        members += [
            JSONMember(
                key: "parameters",
                value: .object([
                    JSONMember(key: "reliability", value: .number(e.reliability)),
                    JSONMember(key: "offenseDefense", value: .number(e.offenseDefense)),
                    JSONMember(key: "transparency", value: .number(e.transparency)),
                    JSONMember(key: "noise", value: .number(e.noise)),
                    JSONMember(key: "threshold", value: .number(o.threshold)),
                    JSONMember(key: "consultationBoost", value: .number(o.consultationBoost)),
                    JSONMember(key: "entryDelay", value: .integer(engine.entryDelay)),
                    JSONMember(key: "maxSteps", value: .integer(o.maxSteps)),
                    JSONMember(key: "opportunism", value: .bool(o.opportunism)),
                    JSONMember(key: "opportunismFactor", value: .number(o.opportunismFactor)),
                    JSONMember(key: "opportunismDelay", value: .integer(o.opportunismDelay)),
                ])),
            JSONMember(key: "version", value: .string(AllianceGraphVersion.string)),
        ]
        if let inputDigest {
            members.append(
                JSONMember(
                    key: "inputDigest",
                    value: .object([
                        JSONMember(key: "fnv1a64", value: .string(inputDigest))
                    ])))
        }
        return .object(members)
    }

    // MARK: - Ensembles

    /// States ordered by entry probability (highest first, then network order).
    static func ensembleOrder(_ result: CrisisEnsembleResult) -> [Int] {
        result.enterCount.indices.sorted { (-result.enterCount[$0], $0) < (-result.enterCount[$1], $1) }
    }

    /// Per-state entry probabilities and sides, then the war-size distribution.
    package static func table(_ result: CrisisEnsembleResult, engine: CrisisEngine, title: String) -> String {
        let network = engine.network
        var out = title + "\n"
        out += sidesLine(attacker: network[result.attacker].code, target: network[result.target].code)
        var table = TextTable(
            headers: ["state", "name", "P(enter)", "P(side A)", "P(side B)", "mean entry step"],
            alignments: [.left, .left, .right, .right, .right, .right])
        for i in ensembleOrder(result) {
            table.append([
                network.states[i].code, String(network.states[i].name.prefix(24)),
                NumberFormat.fixed(result.entryProbability(StateID(i)), digits: 4),
                NumberFormat.fixed(result.probability(StateID(i), side: .a), digits: 4),
                NumberFormat.fixed(result.probability(StateID(i), side: .b), digits: 4),
                NumberFormat.fixed(result.meanEntryStep(StateID(i)), digits: 2),
            ])
        }
        out += table.render() + "\n"
        var sizes = TextTable(
            headers: ["war size", "mean", "sd", "q05", "q25", "median", "q75", "q95"],
            alignments: [.left] + Array(repeating: .right, count: 7))
        for (name, s) in result.warSizeSummaries {
            sizes.append(
                [name]
                    + [s.mean, s.standardDeviation, s.q05, s.q25, s.median, s.q75, s.q95].map {
                        NumberFormat.fixed($0, digits: name.hasPrefix("capability") ? 4 : 2)
                    })
        }
        out += sizes.render()
        let additional = NumberFormat.fixed(result.meanAdditionalBelligerents, digits: 3)
        out += "\nBelligerents besides the two original parties: mean \(additional).\n"
        if result.capabilitySharesBinned {
            out +=
                "Capability shares: over \(ShareCounts.limit) distinct values; their quantiles and sd "
                + "come from \(ShareCounts.binCount) bins over [0, 1] (within 3.8e-6).\n"
        }
        if result.runsStoppedAtStepLimit > 0 {
            out += "\(result.runsStoppedAtStepLimit) run(s) stopped at the step limit with entries pending.\n"
        }
        return out
    }

    /// Tidy CSV, one row per state in network order.
    package static func csv(_ result: CrisisEnsembleResult, engine: CrisisEngine) -> String {
        var lines = ["code,name,runs,p_enter,p_side_a,p_side_b,mean_entry_step"]
        for (i, state) in engine.network.states.enumerated() {
            lines.append(
                [
                    CSV.field(state.code), CSV.field(state.name), String(result.runs),
                    NumberFormat.csv(result.entryProbability(StateID(i))),
                    NumberFormat.csv(result.probability(StateID(i), side: .a)),
                    NumberFormat.csv(result.probability(StateID(i), side: .b)),
                    NumberFormat.csv(result.meanEntryStep(StateID(i))),
                ]
                .joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// JSON: the crisis and its parameters, per-state probabilities, war-size summaries and the
    /// histogram of the number of belligerents.
    package static func json(
        _ result: CrisisEnsembleResult, engine: CrisisEngine, scenarioName: String,
        inputDigest: String? = nil
    ) -> String {
        let network = engine.network
        let states: [JSONValue] = network.states.indices.map { i in
            .object([
                JSONMember(key: "code", value: .string(network.states[i].code)),
                JSONMember(key: "name", value: .string(network.states[i].name)),
                JSONMember(key: "pEnter", value: .number(result.entryProbability(StateID(i)))),
                JSONMember(key: "pSideA", value: .number(result.probability(StateID(i), side: .a))),
                JSONMember(key: "pSideB", value: .number(result.probability(StateID(i), side: .b))),
                JSONMember(key: "meanEntryStep", value: .number(result.meanEntryStep(StateID(i)))),
            ])
        }
        let sizes: [JSONMember] = result.warSizeSummaries.map { name, s in
            JSONMember(
                key: name,
                value: .object([
                    JSONMember(key: "mean", value: .number(s.mean)),
                    JSONMember(key: "sd", value: .number(s.standardDeviation)),
                    JSONMember(key: "min", value: .number(s.minimum)), JSONMember(key: "q05", value: .number(s.q05)),
                    JSONMember(key: "q25", value: .number(s.q25)), JSONMember(key: "median", value: .number(s.median)),
                    JSONMember(key: "q75", value: .number(s.q75)), JSONMember(key: "q95", value: .number(s.q95)),
                    JSONMember(key: "max", value: .number(s.maximum)),
                ]))
        }
        let document: JSONValue = .object([
            JSONMember(
                key: "crisis",
                value: header(
                    engine: engine, scenarioName: scenarioName, attacker: result.attacker,
                    target: result.target, mode: .stochastic, seed: result.seed, runs: result.runs,
                    inputDigest: inputDigest)),
            JSONMember(key: "states", value: .array(states)),
            JSONMember(key: "warSize", value: .object(sizes)),
            JSONMember(key: "meanAdditionalBelligerents", value: .number(result.meanAdditionalBelligerents)),
            JSONMember(key: "belligerentsHistogram", value: .array(result.warSizeHistogram.map(JSONValue.integer))),
            JSONMember(key: "runsStoppedAtStepLimit", value: .integer(result.runsStoppedAtStepLimit)),
        ])
        return JSONWriter.serialize(document)
    }
}
