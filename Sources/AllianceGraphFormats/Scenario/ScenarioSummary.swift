@_spi(Internals) import AllianceGraph
/// A short description of a scenario and a validation report (`alliancectl info`).
package struct ScenarioSummary: Sendable {
    package let scenario: Scenario
    /// The year whose ties are counted as active.
    package let year: Int?
    package let active: AllianceNetwork
    /// Active obligations' parent commitments by kind.
    package let commitmentsByKind: [(kind: CommitmentKind, count: Int)]
    /// Directed obligations of the active commitments (two per symmetric commitment).
    package let obligations: Int
    package let inactiveCommitments: Int
    package let inactiveRivalries: Int
    /// Connected components of the active alliance graph; nil when it could not be computed.
    package let components: Int?
    /// Findings worth a look (not errors: the file is valid).
    package let notes: [String]

    package init(_ scenario: Scenario, year: Int? = nil) {
        self.scenario = scenario
        self.year = year ?? scenario.year
        let active = scenario.activeNetwork(year: year)
        self.active = active
        // One pass over the commitments (a network may hold tens of millions).
        var byKind = [CommitmentKind: Int](uniqueKeysWithValues: CommitmentKind.allCases.map { ($0, 0) })
        var obligations = 0
        var allied = [Bool](repeating: false, count: active.count)
        for c in active.commitments {
            byKind[c.kind, default: 0] += 1
            obligations += c.isSymmetric ? 2 : 1
            allied[c.from.index] = true
            allied[c.to.index] = true
        }
        commitmentsByKind = CommitmentKind.allCases.map { ($0, byKind[$0] ?? 0) }
        self.obligations = obligations
        inactiveCommitments = scenario.network.commitments.count - active.commitments.count
        inactiveRivalries = scenario.network.rivalries.count - active.rivalries.count
        components = try? NetworkMetrics.componentCount(active)

        var notes: [String] = []
        let isolated = active.states.indices.filter { !allied[$0] }.map { active.states[$0].code }
        if !isolated.isEmpty {
            notes.append("\(isolated.count) state(s) without any commitment: \(Self.list(isolated))")
        }
        var located = [Bool](repeating: false, count: active.count)
        for c in active.contiguity {
            located[c.pair.low.index] = true
            located[c.pair.high.index] = true
        }
        if !active.contiguity.isEmpty {
            let noGeography = active.states.indices.filter { !located[$0] }.map {
                active.states[$0].code
            }
            if !noGeography.isEmpty {
                notes.append(
                    "\(noGeography.count) state(s) without contiguity entries (proximity 0.1, or 0.5 toward majors): "
                        + Self.list(noGeography))
            }
        } else {
            notes.append("no contiguity: every proximity is 0.1 (0.5 toward major powers)")
        }
        let totalCapability = active.states.reduce(0) { $0 + $1.capability }
        if totalCapability > 1.000001 {
            let sum = NumberFormat.fixed(totalCapability, digits: 3)
            notes.append("capabilities sum to \(sum); CINC shares of one system sum to at most 1")
        }
        if active.states.allSatisfy({ $0.capability == 0 }) {
            notes.append("every capability is 0: power-based measures are degenerate")
        }
        if inactiveCommitments + inactiveRivalries > 0, let y = self.year {
            notes.append(
                "\(inactiveCommitments) commitment(s) and \(inactiveRivalries) rivalry(ies) are not in force in \(y) "
                    + "and are ignored")
        }
        self.notes = notes
    }

    /// The first 12 codes, comma-separated, then ", ..." when there are more.
    private static func list(_ codes: [String]) -> String {
        codes.prefix(12).joined(separator: ", ") + (codes.count > 12 ? ", ..." : "")
    }

    /// A human-readable summary.
    package func text() -> String {
        // Text from the file is shown with its control characters escaped (TextTable.printable).
        var out = "\(TextTable.printable(scenario.name))\(year.map { " (\($0))" } ?? "")\n"
        if let description = scenario.description {
            out +=
                description.split(separator: "\n", omittingEmptySubsequences: false)
                .map { TextTable.printable(String($0)) }.joined(separator: "\n") + "\n"
        }
        let majors = active.states.filter(\.major).map(\.code)
        var table = TextTable(headers: ["item", "count", "detail"], alignments: [.left, .right, .left])
        table.append([
            "states", String(active.count), majors.isEmpty ? "" : "major powers: " + majors.joined(separator: ", "),
        ])
        table.append([
            "commitments", String(active.commitments.count), "\(obligations) directed obligations",
        ])
        for entry in commitmentsByKind where entry.count > 0 {
            table.append(["  " + entry.kind.rawValue, String(entry.count), ""])
        }
        table.append(["rivalries", String(active.rivalries.count), ""])
        table.append(["contiguity entries", String(active.contiguity.count), ""])
        table.append([
            "war plans", String(scenario.warPlans.count),
            scenario.warPlans.map { active[$0.actor].code }.joined(separator: ", "),
        ])
        table.append([
            "components", components.map(String.init) ?? "?", "of the alliance graph (isolated states count)",
        ])
        out += "\n" + table.render()
        out +=
            "\nvalidation: the file is valid (format \(ScenarioReader.formatTag), codes \(scenario.codes.rawValue))\n"
        for note in notes { out += "note: \(TextTable.printable(note))\n" }
        return out
    }

    /// Tidy CSV: `item,count`.
    package func csv() -> String {
        var lines = ["item,count"]
        for (item, count) in rows { lines.append("\(item),\(count)") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// JSON: the counts, the notes and the validation status.
    package func json() -> String {
        var members = [JSONMember(key: "name", value: .string(scenario.name))]
        if let year { members.append(JSONMember(key: "year", value: .integer(year))) }
        for (item, count) in rows { members.append(JSONMember(key: item, value: .integer(count))) }
        members.append(JSONMember(key: "valid", value: .bool(true)))
        members.append(JSONMember(key: "notes", value: .array(notes.map(JSONValue.string))))
        return JSONWriter.serialize(.object(members))
    }

    private var rows: [(String, Int)] {
        var rows: [(String, Int)] = [
            ("states", active.count), ("majors", active.states.filter(\.major).count),
            ("commitments", active.commitments.count), ("obligations", obligations),
        ]
        for entry in commitmentsByKind { rows.append((entry.kind.rawValue, entry.count)) }
        rows += [
            ("rivalries", active.rivalries.count), ("contiguity", active.contiguity.count),
            ("warPlans", scenario.warPlans.count), ("components", components ?? -1),
            ("inactiveCommitments", inactiveCommitments), ("inactiveRivalries", inactiveRivalries),
        ]
        return rows
    }
}
