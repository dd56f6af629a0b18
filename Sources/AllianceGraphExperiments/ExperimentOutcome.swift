@_spi(Internals) import AllianceGraph

/// One quantity a sweep records per run, named as in the spec's `outcomes` list.
///
/// Simulate: `final.X` (the indicator X after the last round: a column of the runs table) and
/// `rounds.X` (X after every round, round 0 included: a column of the rounds table), where X is
/// one of `SimulationIndicator.names`; `roundsRun` and `equilibrium` (1 if the run stopped at
/// equilibrium, else 0). Crisis (means over the run's `settings.runs` crises): `warSize`,
/// `statesA`, `statesB`, `capabilityShare`, `capabilityShareA`, `capabilityShareB`, `steps`,
/// `stepLimit` (share of crises stopped at the step limit), and per state code C `entry.C`
/// (entry probability), `sideA.C`, `sideB.C`; `entry.*` (likewise `sideA.*`, `sideB.*`) stands
/// for every state of the first scenario.
package enum ExperimentOutcome: Hashable, Sendable {
    case final(SimulationIndicator)
    case perRound(SimulationIndicator)
    case roundsRun
    case equilibrium
    case crisis(CrisisMeasure)
    case entry(code: String, side: CrisisSide?)

    /// The column name (the spec's spelling; `rounds.X` columns are named X in the rounds table).
    package var name: String {
        switch self {
        case .final(let indicator): return "final.\(indicator.name)"
        case .perRound(let indicator): return "rounds.\(indicator.name)"
        case .roundsRun: return "roundsRun"
        case .equilibrium: return "equilibrium"
        case .crisis(let measure): return measure.rawValue
        case .entry(let code, let side): return (side.map { "side\($0)" } ?? "entry") + ".\(code)"
        }
    }

    package var isPerRound: Bool {
        if case .perRound = self { return true }
        return false
    }

    package static let simulateDefaults = [
        "final.commitments", "final.balance", "final.concentration", "final.meanEffort", "final.meanCredibility",
        "roundsRun",
    ]
    package static let crisisDefaults = ["warSize", "capabilityShare", "steps"]

    /// Every name a spec may use for `command` (state codes shown as C).
    package static func catalogue(_ command: ExperimentCommand) -> [String] {
        switch command {
        case .simulate:
            return SimulationIndicator.names.map { "final.\($0)" } + SimulationIndicator.names.map { "rounds.\($0)" }
                + ["roundsRun", "equilibrium"]
        case .crisis:
            return CrisisMeasure.allCases.map(\.rawValue) + ["entry.C", "sideA.C", "sideB.C", "entry.*"]
        }
    }
}

/// The per-run crisis measures: means over the crises of one run.
package enum CrisisMeasure: String, CaseIterable, Hashable, Sendable {
    case warSize, statesA, statesB, capabilityShare, capabilityShareA, capabilityShareB, steps, stepLimit

    /// The measure of `result` (a mean over its crises).
    package func value(_ result: CrisisEnsembleResult) -> Double {
        let runs = result.runs
        switch self {
        case .warSize: return result.warSize("states").mean
        case .statesA: return result.warSize("states_A").mean
        case .statesB: return result.warSize("states_B").mean
        case .capabilityShare: return result.warSize("capability_share").mean
        case .capabilityShareA: return result.warSize("capability_share_A").mean
        case .capabilityShareB: return result.warSize("capability_share_B").mean
        case .steps: return result.warSize("steps").mean
        case .stepLimit: return Double(result.runsStoppedAtStepLimit) / Double(runs)
        }
    }
}

/// A system indicator of a simulation round (the columns of `simulate`'s system.csv, camelCase).
package struct SimulationIndicator: Hashable, Sendable {
    package var name: String

    /// Indicators that need `systemMetrics: full` (Leiden and the arms-race margin).
    package static let fullOnly: Set<String> = ["blocs", "modularity", "armsRaceStability"]

    package static let names: [String] =
        ["commitments"] + CommitmentKind.allCases.map(\.rawValue) + [
            "rivalries", "blocs", "modularity", "balance", "concentration", "meanEffort", "meanCredibility",
            "armsRaceStability", "commitmentsAdded", "commitmentsRemoved", "abandoned", "bandwagons", "triadFlips",
        ]

    /// The indicator's value in `record` (NaN when not computed, e.g. blocs with light metrics).
    package func value(_ record: SystemRecord) -> Double {
        if let kind = CommitmentKind.allCases.firstIndex(where: { $0.rawValue == name }) {
            return Double(record.commitmentsByKind[kind])
        }
        switch name {
        case "commitments": return Double(record.commitmentsByKind.reduce(0, +))
        case "rivalries": return Double(record.rivalries)
        case "blocs": return record.blocs.map(Double.init) ?? .nan
        case "modularity": return record.modularity ?? .nan
        case "balance": return record.balance
        case "concentration": return record.concentration
        case "meanEffort": return record.meanEffort
        case "meanCredibility": return record.meanCredibility
        case "armsRaceStability": return record.armsRaceStability ?? .nan
        case "commitmentsAdded": return Double(record.commitmentsAdded)
        case "commitmentsRemoved": return Double(record.commitmentsRemoved)
        case "abandoned": return Double(record.abandoned)
        case "bandwagons": return Double(record.bandwagons)
        case "triadFlips": return Double(record.triadFlips)
        default: preconditionFailure("unknown indicator \(name)")
        }
    }
}
