@_spi(Internals) import AllianceGraph

extension DeterrenceOutput {
    /// JSON: the settings, the exposures (most exposed first) and every attack in pair order.
    package static func json(_ analysis: DeterrenceAnalysis, scenarioName: String, inputDigest: String? = nil) -> String
    {
        let network = analysis.engine.network
        func code(_ id: StateID) -> JSONValue { .string(network[id].code) }
        func attack(_ o: WarOutcome) -> [JSONMember] {
            [
                JSONMember(key: "attacker", value: code(o.attacker)), JSONMember(key: "target", value: code(o.target)),
                JSONMember(key: "pPrevail", value: .number(o.prevail)),
                JSONMember(key: "pPrevailAlone", value: .number(o.prevailAlone)),
                JSONMember(key: "strengthA", value: .number(o.strengthA)),
                JSONMember(key: "strengthB", value: .number(o.strengthB)),
                JSONMember(key: "statesA", value: .number(o.statesA)),
                JSONMember(key: "statesB", value: .number(o.statesB)),
                JSONMember(key: "warSize", value: .number(o.warSize)),
                JSONMember(key: "stake", value: .number(o.stake)),
                JSONMember(key: "expectedUtility", value: .number(o.expectedUtility)),
                JSONMember(key: "verdict", value: .string(verdict(o))),
            ]
        }
        let attacks: [JSONValue] = analysis.map.outcomes.map { o in
            var members = attack(o)
            if let w = analysis.withoutDropped?.outcome(o.attacker, o.target) {
                members.append(JSONMember(key: "withoutDropped", value: .object(attack(w))))
            }
            return .object(members)
        }
        let after = analysis.withoutDropped.map {
            Dictionary(uniqueKeysWithValues: $0.exposures.map { ($0.target, $0) })
        }
        let exposures: [JSONValue] = analysis.map.exposures.map { e in
            var members = [
                JSONMember(key: "target", value: code(e.target)),
                JSONMember(key: "exposure", value: .number(e.exposure)),
                JSONMember(key: "attacker", value: e.attacker.map(code) ?? .null),
                JSONMember(key: "worstCase", value: .number(e.worstCase)),
                JSONMember(key: "worstAttacker", value: code(e.worstAttacker)),
            ]
            if let a = after?[e.target] {
                members.append(JSONMember(key: "exposureWithoutDropped", value: .number(a.exposure)))
            }
            return .object(members)
        }
        var settings = [
            JSONMember(key: "scenario", value: .string(scenarioName)),
            JSONMember(key: "runs", value: .integer(analysis.map.runs)),
            JSONMember(key: "seed", value: .number(Double(analysis.map.seed), text: String(analysis.map.seed))),
            JSONMember(key: "offenseDefense", value: .number(analysis.engine.environment.offenseDefense)),
            JSONMember(key: "reliability", value: .number(analysis.engine.environment.reliability)),
            JSONMember(key: "gradient", value: .number(analysis.model.gradient)),
            JSONMember(key: "costWeight", value: .number(analysis.model.costWeight)),
            JSONMember(key: "dropped", value: .array(analysis.dropped.map(code))),
        ]
        if let inputDigest {
            settings.append(
                JSONMember(
                    key: "inputDigest", value: .object([JSONMember(key: "fnv1a64", value: .string(inputDigest))])))
        }
        var document = [
            JSONMember(key: "deterrence", value: .object(settings)),
            JSONMember(key: "exposures", value: .array(exposures)), JSONMember(key: "attacks", value: .array(attacks)),
        ]
        if let detail = analysis.detail {
            let states: [JSONValue] = network.states.indices.map { i in
                .object([
                    JSONMember(key: "code", value: .string(network.states[i].code)),
                    JSONMember(key: "pSideA", value: .number(detail.probability(StateID(i), side: .a))),
                    JSONMember(key: "pSideB", value: .number(detail.probability(StateID(i), side: .b))),
                ])
            }
            document.append(JSONMember(key: "coalitions", value: .array(states)))
        }
        return JSONWriter.serialize(.object(document))
    }
}
