import Foundation
import Testing
@_spi(Internals) @testable import AllianceGraph
@_spi(Internals) @testable import AllianceGraphFormats
@testable import AllianceGraphRender

private func europe1914() throws -> Scenario { try ScenarioLoader.load(path: TestSupport.network("europe-1914.json")) }

/// The values of Table 2 of a report, by metric name (text as shown).
private func systemTable(_ html: String) -> [String: String] {
    var values: [String: String] = [:]
    let table = html.components(separatedBy: "Table 2. System metrics").last ?? ""
    for row in table.components(separatedBy: "<tr><td class=\"code\">").dropFirst() {
        let name = row.prefix { $0 != "<" }
        guard let start = row.range(of: "<td class=\"num\">") else { continue }
        values[String(name)] = String(row[start.upperBound...].prefix { $0 != "<" })
    }
    return values
}

@Suite("Library entry points that take a scenario use its parameters and war plans")
struct ScenarioEntryPointTests {
    @Test("NetworkMetrics.compute(scenario:) is what `metrics` computes, not the default parameters")
    func metricsFromScenario() throws {
        let scenario = try europe1914()
        let fromScenario = try NetworkMetrics.compute(scenario: scenario, seed: 1)
        let explicit = try NetworkMetrics.compute(
            scenario.activeNetwork(year: nil), seed: 1, environment: scenario.parameters,
            warPlans: scenario.warPlans)
        let defaults = try NetworkMetrics.compute(scenario.activeNetwork(year: nil), seed: 1)
        #expect(fromScenario.system("arms_race_stability") == explicit.system("arms_race_stability"))
        #expect(fromScenario.system("fragility") == explicit.system("fragility"))
        #expect(fromScenario.column("threat") == explicit.column("threat"))
        #expect(fromScenario.system("arms_race_stability") != defaults.system("arms_race_stability"))
        guard case .real(let stability)? = fromScenario.system("arms_race_stability") else {
            Issue.record("no arms_race_stability")
            return
        }
        #expect(NumberFormat.fixed(stability, digits: 4) == "-0.3015")
    }

    @Test("Simulation(scenario:) starts from the scenario's environment, not the model's default")
    func simulationFromScenario() throws {
        let scenario = try europe1914()
        let configuration = Simulation.Configuration(rounds: 3, seed: 5)
        let fromScenario = try Simulation(scenario: scenario, configuration: configuration)
        var explicit = configuration
        explicit.parameters.environment = scenario.parameters
        let byHand = try Simulation(network: scenario.activeNetwork(year: nil), configuration: explicit)
        let defaults = try Simulation(network: scenario.activeNetwork(year: nil), configuration: configuration)
        #expect(fromScenario.records == byHand.records)
        #expect(fromScenario.configuration.parameters.environment == scenario.parameters)
        #expect(fromScenario.records[0].threat != defaults.records[0].threat)
    }
}

@Suite("Report and pictures: what they show agrees with the metrics and reads well")
struct ReportReadabilityTests {
    @Test("the report's system table equals `metrics` for the same scenario and seed (1914)")
    func reportAgreesWithMetrics() throws {
        let scenario = try europe1914()
        let html = try HTMLReport(scenario: scenario, seed: 1).render()
        let shown = systemTable(html)
        let metrics = try NetworkMetrics.compute(scenario: scenario, seed: 1)
        #expect(shown.count == metrics.systemValues.count)
        for entry in metrics.systemValues {
            let expected: String
            if case .real(let v) = entry.value {
                expected = v.isNaN ? "\u{2013}" : NumberFormat.fixed(v, digits: 4)
            } else {
                expected = entry.value.description
            }
            #expect(shown[entry.definition.name] == expected, "\(entry.definition.name)")
        }
        #expect(shown["arms_race_stability"] == "-0.3015")
        #expect(shown["fragility"] == "0.1080")
    }

    @Test("blocs are numbered 1..k by size, most states first, isolated states last")
    func blocsBySize() throws {
        #expect(BlocPartition.canonical([5, 5, 2, 7, 7, 7, 9]) == [1, 1, 2, 0, 0, 0, 3])
        for name in ["europe-1914.json", "nato-2024.json", "cold-war-1962.json"] {
            let scenario = try ScenarioLoader.load(path: TestSupport.network(name))
            let report = try NetworkMetrics.compute(scenario: scenario, seed: 1, only: ["bloc"])
            let blocs = try #require(report.column("bloc")).compactMap { value -> Int? in
                if case .integer(let b) = value { return b }
                return nil
            }
            let sizes = (1...(blocs.max() ?? 0)).map { b in blocs.filter { $0 == b }.count }
            #expect(sizes == sizes.sorted(by: >), "\(name): \(sizes)")
        }
    }

    @Test("the crisis timeline wraps causes between words: no token is cut (\"credibility 0\" for 0.9)")
    func timelineWraps() throws {
        let cause = "patronage pledge to YUG (attacked); credibility 0.9, honour 0.6705"
        let timeline = CrisisTimeline(
            title: "t", entries: [.init(step: 1, state: "Montenegro-and-more", side: "B", cause: cause)])
        let svg = timeline.svg()
        #expect(svg.contains("0.9, honour 0.6705"))
        #expect(!svg.contains("credibility 0<") && !svg.contains("credibility 0\""))
        #expect(svg.contains("Montenegro-an\u{2026}"))
        #expect(try Golden.elementCount(svg) > 5)
        #expect(SVG.wrap("credibility 0.9, honour 0.81", width: 12, maxLines: 1) == ["credibility\u{2026}"])
        #expect(SVG.wrap("a bb ccc", width: 4, maxLines: 3) == ["a bb", "ccc"])
        #expect(SVG.wrap("one two three four", width: 7, maxLines: 2) == ["one two", "three\u{2026}"])
    }

    @Test("captions name rivalry curves and arrows only when some are drawn")
    func captionsDescribeWhatIsDrawn() throws {
        let states = (0..<4).map { State(code: "S\($0)", capability: 0.25) }
        let network = try AllianceNetwork(
            states: states, commitments: [.symmetric(.defense, StateID(0), StateID(1))])
        let scenario = try Scenario(name: "plain", year: 2000, network: network)
        let svg = try NetworkPicture().svg(scenario)
        #expect(!svg.contains("Red dashed curves") && !svg.contains("Arrows point"))
        let html = try HTMLReport(scenario: scenario).render()
        #expect(!html.contains("rivalries.") && !html.contains("Arrows point"))
        let europe = try NetworkPicture().svg(try europe1914())
        #expect(europe.contains("Red dashed curves: strategic rivalries.") && europe.contains("Arrows point"))
    }

    @Test("a large network draws the binding alliances, counts the hidden kinds and labels the largest states")
    func largeNetworks() throws {
        let n = 100
        let states = (0..<n).map { State(code: "S\($0)", capability: Double(n - $0) / 5050, major: $0 < 3) }
        var commitments: [Commitment] = []
        for k in 0..<n { commitments.append(.symmetric(.defense, StateID(k), StateID((k + 1) % n))) }
        for k in 0..<n where k % 2 == 0 {
            for j in stride(from: k + 2, to: n, by: 7) {
                commitments.append(.symmetric(.nonaggression, StateID(k), StateID(j)))
            }
        }
        let nonaggression = commitments.filter { $0.kind == .nonaggression }.count
        let scenario = try Scenario(
            name: "large", year: 2000, network: try AllianceNetwork(states: states, commitments: commitments))
        var picture = NetworkPicture()
        let (svg, drawn) = try picture.drawing(scenario)
        #expect(drawn.kinds == [.defense])
        #expect(drawn.hidden.map(\.kind) == [.nonaggression] && drawn.hidden.first?.count == nonaggression)
        #expect(svg.contains("Non-aggression") && svg.contains("\(nonaggression) pairs"))
        let lines = svg.components(separatedBy: "<g id=\"commitments\"")[1].components(separatedBy: "</g>")[0]
        #expect(lines.components(separatedBy: "<line ").count - 1 == n)
        let labels = svg.components(separatedBy: "<g id=\"labels\"")[1].components(separatedBy: "</g>")[0]
        #expect(labels.components(separatedBy: "<text ").count - 1 == NetworkPicture.labelledStates)
        #expect(svg.contains("Kinds not drawn are counted in the legend."))
        let html = try HTMLReport(scenario: scenario).render()
        #expect(html.contains("Only defense ties are drawn; not drawn: \(nonaggression) nonaggression"))
        // Every kind on request.
        picture.kinds = Set(CommitmentKind.allCases)
        let all = try picture.drawing(scenario)
        #expect(all.drawn.hidden.isEmpty && all.drawn.kinds.contains(.nonaggression))
    }
}
