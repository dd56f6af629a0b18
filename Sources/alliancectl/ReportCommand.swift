@_spi(Internals) import AllianceGraph
@_spi(Internals) import AllianceGraphFormats
import AllianceGraphRender
import ArgumentParser
import Foundation

/// `alliancectl report FILE -o report.html`: one self-contained HTML report.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: """
            Write a self-contained HTML report: network picture, summary, metrics tables, and optionally \
            simulation charts and crisis timelines.
            """,
        discussion: """
            The file inlines its SVG and CSS and loads nothing from the network. --simulate adds the \
            charts of a run of the dynamics with the default rules (effort, threat, commitments, balance); \
            --crisis ATTACKER:TARGET (repeatable) adds the timeline of a deterministic crisis.
            """
    )

    @Argument(help: ArgumentHelp("Scenario or graph file (any format `convert` reads).", valueName: "file"))
    var file: String

    @Option(
        name: .shortAndLong, help: ArgumentHelp("Write the HTML here (default: standard output).", valueName: "file"))
    var output: String?

    @Option(help: "Report on the ties in force in this year (default: the scenario's year).")
    var year: Int?

    @Option(help: "Seed of the layout and the bloc detection (same blocs as `metrics --seed`).")
    var seed: UInt64 = 1

    @Flag(help: "Add charts of a simulation run (default rules, --rounds rounds, seeded by --seed).")
    var simulate = false

    @Option(help: "Rounds of the --simulate run.")
    var rounds: Int = 50

    @Option(
        help: ArgumentHelp(
            "Parameter profile of the --simulate run: defaults, calibrated or a profile file written by "
                + "`calibrate --output`.",
            valueName: "name-or-file"))
    var profile: String?

    @Option(
        help: ArgumentHelp(
            "Add the timeline of the deterministic crisis ATTACKER:TARGET (repeatable), e.g. AUH:YUG.",
            valueName: "attacker:target"))
    var crisis: [String] = []

    @Flag(help: "Add the deterrence map: P(prevail) of every attack (1000 runs each, --seed) and the exposures.")
    var deterrence = false

    @Option(
        help: ArgumentHelp(
            "With --deterrence, also show the map without this state's pledges (repeatable).", valueName: "code"))
    var drop: [String] = []

    @Flag(name: .shortAndLong, help: "Print no notes on standard error.")
    var quiet = false

    @OptionGroup(title: "Commitment kinds (as in `metrics --kinds`; the picture, tables and crises use only these)")
    var kindSelection: KindOptions

    @OptionGroup var resources: ResourceOptions

    func validate() throws {
        if rounds < 1 { throw ValidationError("--rounds must be at least 1.") }
        if let profile {
            if !simulate { throw ValidationError("--profile applies to the --simulate run; add --simulate.") }
            do { try ProfileReference.checkName(profile) } catch { throw ValidationError(error.message) }
        }
        try OutputPathCheck.validate(output, option: "--output", inputs: [file])
        for pair in crisis where pair.split(separator: ":").count != 2 {
            throw ValidationError("--crisis \(pair): expected ATTACKER:TARGET, e.g. AUH:YUG.")
        }
    }

    /// The optional sections, built before anything is written.
    func sections(_ scenario: Scenario) throws -> [HTMLReport.Section] {
        var sections: [HTMLReport.Section] = []
        let network = scenario.activeNetwork(year: year)
        for pair in crisis {
            let codes = pair.split(separator: ":").map(String.init)
            let engine = try CrisisEngine(scenario: scenario, year: year)
            var ids: [StateID] = []
            for (code, option) in zip(codes, ["attacker", "target"]) {
                guard let id = network.id(forCodeOrNumber: code) else {
                    let hint = NameSuggestion.hint(for: code, among: network.states.map(\.code))
                    throw ValidationError("--crisis: unknown \(option) \"\(code)\"\(hint).")
                }
                ids.append(id)
            }
            try engine.validate(attacker: ids[0], target: ids[1])
            let result = try engine.run(attacker: ids[0], target: ids[1])
            let title = "Crisis: \(codes[0]) attacks \(codes[1]) (deterministic)"
            sections.append(
                .timeline(
                    CrisisTimeline(result, engine: engine, title: title), title: title,
                    caption: Self.crisisCaption(result, codes: codes)))
        }
        if deterrence { sections.append(try deterrenceSection(scenario, network)) }
        if simulate {
            // The charts' series are taken round by round; the run keeps one round's record.
            var parameters = SimulationParameters(environment: scenario.parameters)
            if let profile { try ProfileReference.resolve(profile).apply(to: &parameters) }
            var run = try Simulation(
                network: network,
                configuration: Simulation.Configuration(parameters: parameters, rounds: rounds, seed: seed),
                keepingRecords: false)
            var series = SimulationCharts.Series(network: network)
            series.add(run.records[0])
            try run.run(observe: { record, _ in series.add(record) })
            let captions = [
                "Effort of the eight largest states and the mean of all states.",
                "Total threat after propagation (noise-free), same states.",
                "Commitments in force by kind, and rivalries.",
                "Share of balanced signed triangles, capability concentration, mean credibility.",
            ]
            for (chart, caption) in zip(series.charts(), captions) {
                sections.append(
                    .chart(
                        chart, title: "Simulation: \(chart.title.lowercased())",
                        caption: caption + " \(run.round) rounds, seed \(seed), default rules."))
            }
        }
        return sections
    }

    /// The deterrence map of every ordered pair as a heat map, with the five most exposed targets.
    private func deterrenceSection(_ scenario: Scenario, _ network: AllianceNetwork) throws -> HTMLReport.Section {
        let engine = try CrisisEngine(scenario: scenario, year: year)
        var dropped: [StateID] = []
        for code in drop {
            guard let id = network.id(forCode: code) else {
                let hint = NameSuggestion.hint(for: code, among: network.states.map(\.code))
                throw ValidationError("--drop: no state \"\(code)\" in \(file)\(hint).")
            }
            dropped.append(id)
        }
        let analysis = try DeterrenceAnalysis.compute(
            engine: engine, pairs: DeterrenceMap.pairs(attackers: network.ids, targets: network.ids), drop: dropped,
            runs: 1000, seed: seed)
        let after = analysis.withoutDropped.map {
            Dictionary(uniqueKeysWithValues: $0.exposures.map { ($0.target, $0) })
        }
        let top = analysis.map.exposures.filter { !$0.exposure.isNaN }.prefix(5).map { e -> String in
            let by = e.attacker.map { network[$0].code } ?? "-"
            var text = "\(network[e.target].code) \(NumberFormat.fixed(e.exposure, digits: 2)) (by \(by)"
            if let a = after?[e.target], !a.exposure.isNaN {
                text +=
                    "; \(NumberFormat.fixed(a.exposure, digits: 2)) without \(DeterrenceOutput.droppedLabel(analysis))"
            }
            return text + ")"
        }
        let theta = NumberFormat.json(engine.environment.offenseDefense)
        let caption =
            "P(attacker's side prevails) of every attack, 1000 stochastic crises each, seed \(seed): power "
            + "discounted by distance to the target, offence-defence balance \(theta). "
            + "Most exposed targets (best P of an attacker with a motive): "
            + (top.isEmpty ? "none (no state has a motive)" : top.joined(separator: ", ")) + ". Model: docs/CRISIS.md."
        let title = "Deterrence map"
        return HTMLReport.Section(
            title: title, caption: caption,
            body: .svg(DeterrenceHeatMap(analysis, title: "\(scenario.name): deterrence map").svg()))
    }

    /// The caption of a crisis timeline: the war's size and the two sides' capability shares.
    private static func crisisCaption(_ result: CrisisResult, codes: [String]) -> String {
        let shareA = NumberFormat.fixed(result.warSize.capabilityShareA, digits: 3)
        let shareB = NumberFormat.fixed(result.warSize.capabilityShareB, digits: 3)
        return "\(result.warSize.states) belligerents after \(result.steps) steps; capability share \(shareA) "
            + "(\(codes[0])'s side) against \(shareB). Honouring threshold: credibility x reliability >= 0.5."
    }

    func run() throws {
        resources.apply()
        try reportingErrors {
            let scenario = kindSelection.apply(to: try loadScenario(file))
            let html = try HTMLReport(scenario: scenario, year: year, seed: seed, sections: try sections(scenario))
                .render()
            if let output {
                try FileOutput.write(html, to: output)
                if !quiet { Diagnostics.print("Wrote \(output)") }
            } else {
                try StandardStreams.writeStandardOutput(html)
            }
        }
    }
}
