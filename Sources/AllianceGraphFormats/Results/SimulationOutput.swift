@_spi(Internals) import AllianceGraph
/// The files of a simulation run: `rounds.csv`, `system.csv`,
/// `final.json`, `run.json`.
///
/// CSV: a header row, snake_case columns, numbers in `NumberFormat.csv` (shortest round-trip,
/// locale-free; `NA` for NaN or infinity), states by code, an empty main threat when a state
/// faces none. Deterministic: the same records give the same bytes. `run.json` holds the seed,
/// every parameter, the input digest and the version; its `timing` member (wall time) is the
/// only part that differs between two runs of the same input and seed.
package enum SimulationOutput {
    /// One row per round and state: `round,code,effort,power,threat,security_ratio,main_threat,commitments`.
    package static func roundsCSV(_ simulation: Simulation) -> String {
        let codes = simulation.network.states.map(\.code)
        var out = roundsCSVHeader
        for record in simulation.records { out += roundsCSVRows(record, codes: codes) }
        return out
    }

    /// The header row of `roundsCSV` (with its newline).
    package static let roundsCSVHeader = "round,code,effort,power,threat,security_ratio,main_threat,commitments\n"

    /// The rows of `roundsCSV` for one record, one per state (`codes`: the run's states' codes,
    /// in network order), each ending with a newline. `roundsCSV` is the header followed by these
    /// rows for every record in order, so a file written round by round has the same bytes.
    /// Codes, not states: a caller that kept the states array across the rounds would make the
    /// first round's merge copy it (128 MB at a million states).
    package static func roundsCSVRows(_ record: RoundRecord, codes: [String]) -> String {
        var out = ""
        for (i, code) in codes.enumerated() {
            let main = record.mainThreat[i].map { codes[$0.index] } ?? ""
            out += "\(record.round),\(CSV.field(code)),"
            out += "\(NumberFormat.csv(record.effort[i])),\(NumberFormat.csv(record.power[i])),"
            out += "\(NumberFormat.csv(record.threat[i])),\(NumberFormat.csv(record.securityRatio[i])),"
            out += "\(CSV.field(main)),\(record.commitments[i])\n"
        }
        return out
    }

    /// One row per war of the initiation rule: `round,attacker,target,expected_utility,p_prevail,
    /// states_a,states_b,attacker_won,side_a,side_b` (sides as codes joined by `;`).
    package static func warsCSV(_ simulation: Simulation) -> String {
        warsCSVHeader + warsCSVRows(simulation.wars, codes: simulation.network.states.map(\.code))
    }

    /// The header row of `warsCSV` (with its newline).
    package static let warsCSVHeader =
        "round,attacker,target,expected_utility,p_prevail,states_a,states_b,attacker_won,side_a,side_b\n"

    /// The rows of `warsCSV` for `wars` (in the order they were fought), each ending with a newline.
    package static func warsCSVRows(_ wars: [Simulation.War], codes: [String]) -> String {
        var out = ""
        for war in wars {
            let a = war.sideA.map { codes[$0.index] }.joined(separator: ";")
            let b = war.sideB.map { codes[$0.index] }.joined(separator: ";")
            let attacker = codes[war.attacker.index], target = codes[war.target.index]
            out += "\(war.round),\(CSV.field(attacker)),\(CSV.field(target)),"
            out += "\(NumberFormat.csv(war.expectedUtility)),\(NumberFormat.csv(war.prevail)),"
            out += "\(war.sideA.count),\(war.sideB.count),\(war.attackerWon ? 1 : 0),\(CSV.field(a)),\(CSV.field(b))\n"
        }
        return out
    }

    /// One row per round. Columns: round, commitments (total), one count per commitment kind,
    /// rivalries, [blocs, modularity], balance, concentration, mean_effort, mean_credibility,
    /// [arms_race_stability], commitments_added, commitments_removed, abandoned, bandwagons,
    /// triad_flips, propagation_iterations; the bracketed columns only with full system metrics.
    package static func systemCSV(_ simulation: Simulation) -> String {
        let full = simulation.configuration.systemMetrics == .full
        var out = systemCSVHeader(full: full)
        for record in simulation.records { out += systemCSVRow(record, full: full) }
        return out
    }

    /// The header row of `systemCSV` (with its newline); `full` for full system metrics.
    package static func systemCSVHeader(full: Bool) -> String {
        var header = ["round", "commitments"] + CommitmentKind.allCases.map(\.rawValue) + ["rivalries"]
        if full { header += ["blocs", "modularity"] }
        header += ["balance", "concentration", "mean_effort", "mean_credibility"]
        if full { header += ["arms_race_stability"] }
        header += [
            "commitments_added", "commitments_removed", "abandoned", "bandwagons", "triad_flips",
            "propagation_iterations",
        ]
        return header.joined(separator: ",") + "\n"
    }

    /// The row of `systemCSV` for one record (with its newline); `full` for full system metrics.
    package static func systemCSVRow(_ record: RoundRecord, full: Bool) -> String {
        let s = record.system
        var row =
            [String(record.round), String(s.commitmentsByKind.reduce(0, +))] + s.commitmentsByKind.map(String.init)
            + [String(s.rivalries)]
        if full { row += [s.blocs.map(String.init) ?? "NA", NumberFormat.csv(s.modularity ?? .nan)] }
        row += [
            NumberFormat.csv(s.balance), NumberFormat.csv(s.concentration), NumberFormat.csv(s.meanEffort),
            NumberFormat.csv(s.meanCredibility),
        ]
        if full { row += [NumberFormat.csv(s.armsRaceStability ?? .nan)] }
        row += [
            s.commitmentsAdded, s.commitmentsRemoved, s.abandoned, s.bandwagons, s.triadFlips,
            s.propagationIterations,
        ].map(String.init)
        return row.joined(separator: ",") + "\n"
    }

    /// The final network as a scenario file: `scenario` with its network replaced (ties not in
    /// force in the scenario's year were dropped before the run).
    package static func finalScenarioJSON(_ scenario: Scenario, _ simulation: Simulation) throws(InputError) -> String {
        ScenarioWriter.json(try finalScenario(scenario, simulation))
    }

    /// The scenario final.json holds: the run's network with the input's metadata, the run's
    /// security environment and a description that says which run made it.
    package static func finalScenario(_ scenario: Scenario, _ simulation: Simulation) throws(InputError) -> Scenario {
        try finalScenario(ScenarioMetadata(scenario), simulation)
    }

    /// What final.json takes from the input scenario besides its network: a run of millions of
    /// ties keeps this instead of the input scenario.
    package struct ScenarioMetadata: Sendable {
        var name: String
        var year: Int?
        var description: String?
        var codes: Scenario.CodeSystem
        var sources: [String]
        var warPlans: [WarPlan]
        var propensities: [Propensity]?

        package init(_ scenario: Scenario) {
            name = scenario.name
            year = scenario.year
            description = scenario.description
            codes = scenario.codes
            sources = scenario.sources
            warPlans = scenario.warPlans
            propensities = scenario.propensities
        }
    }

    /// `finalScenario(_:_:)` from the input's metadata.
    package static func finalScenario(_ metadata: ScenarioMetadata, _ simulation: Simulation) throws(InputError)
        -> Scenario
    {
        var description =
            "State after \(simulation.round) rounds of alliancectl simulate (seed \(simulation.configuration.seed))."
        if let original = metadata.description { description = original + " " + description }
        let final = try Scenario(
            name: metadata.name, year: metadata.year, description: description, codes: metadata.codes,
            sources: metadata.sources, parameters: simulation.configuration.parameters.environment,
            network: simulation.network, warPlans: metadata.warPlans, propensities: metadata.propensities)
        return final
    }

    /// Run metadata. `inputBytes` are the input file's bytes (for the FNV-1a 64 digest).
    package static func runJSON(
        _ simulation: Simulation, input: String, inputBytes: [UInt8], wallSeconds: Double,
        burdenSharing: BurdenSharingReport?
    ) -> String {
        runJSON(
            simulation, input: input, digest: InputDigest(bytes: inputBytes), wallSeconds: wallSeconds,
            burdenSharing: burdenSharing)
    }

    /// Run metadata; `digest` describes the input file.
    package static func runJSON(
        _ simulation: Simulation, input: String, digest: InputDigest, wallSeconds: Double,
        burdenSharing: BurdenSharingReport?
    ) -> String {
        let configuration = simulation.configuration
        var parameters: [JSONMember] = configuration.parameters.entries.map {
            JSONMember(key: $0.name, value: JSONValue.optionalNumber($0.value))
        }
        parameters.append(
            JSONMember(key: "arming.threatScale", value: .string(configuration.parameters.rules.threatScale.rawValue)))
        var members: [JSONMember] = [
            JSONMember(key: "format", value: .string("alliancegraph-run/1")),
            JSONMember(key: "version", value: .string(AllianceGraphVersion.string)),
            JSONMember(
                key: "input",
                value: .object([
                    JSONMember(key: "file", value: .string(input)),
                    JSONMember(key: "bytes", value: .integer(digest.byteCount)),
                    JSONMember(key: "fnv1a64", value: .string(digest.fnv1a64)),
                ])),
            JSONMember(key: "seed", value: .number(Double(configuration.seed), text: String(configuration.seed))),
            JSONMember(key: "rounds", value: .integer(configuration.rounds)),
            JSONMember(key: "roundsRun", value: .integer(simulation.round)),
            JSONMember(key: "stopAtEquilibrium", value: .bool(configuration.stopAtEquilibrium)),
            JSONMember(key: "reachedEquilibrium", value: .bool(simulation.reachedEquilibrium)),
            JSONMember(key: "rules", value: .array(configuration.rules.map { .string($0.rawValue) })),
            JSONMember(key: "systemMetrics", value: .string(configuration.systemMetrics.rawValue)),
            JSONMember(key: "parameters", value: .object(parameters)),
        ]
        let skipped = simulation.skippedSystemMetrics
        if !skipped.isEmpty {
            members.append(JSONMember(key: "skippedSystemMetrics", value: .array(skipped.map(JSONValue.string))))
        }
        if let report = burdenSharing {
            members.append(
                JSONMember(
                    key: "burdenSharing",
                    value: .object([
                        JSONMember(
                            key: "sizeEffortCorrelationInitial", value: .number(report.initialSizeEffortCorrelation)),
                        JSONMember(key: "sizeEffortCorrelationFinal", value: .number(report.sizeEffortCorrelation)),
                        JSONMember(
                            key: "freeRiderReceivedCredibilityChange",
                            value: .number(report.meanReceivedChange(freeRiders: true))),
                        JSONMember(
                            key: "othersReceivedCredibilityChange",
                            value: .number(report.meanReceivedChange(freeRiders: false))),
                    ])))
        }
        members.append(
            JSONMember(key: "timing", value: .object([JSONMember(key: "wallSeconds", value: .number(wallSeconds))])))
        return JSONWriter.serialize(.object(members))
    }
}
