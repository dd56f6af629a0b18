import Foundation
import Testing
#if canImport(FoundationXML)
    import FoundationXML
#endif
@_spi(Internals) @testable import AllianceGraph
@_spi(Internals) @testable import AllianceGraphFormats
@testable import AllianceGraphRender

/// Golden files: Tests/AllianceGraphTests/Fixtures/golden/. Regenerate with
/// `ALLIANCEGRAPH_UPDATE_GOLDEN=1 swift test --filter Render` and review the diff.
enum Golden {
    static func check(_ text: String, _ name: String) throws {
        let url = TestSupport.fixture("golden/\(name)")
        if ProcessInfo.processInfo.environment["ALLIANCEGRAPH_UPDATE_GOLDEN"] == "1" {
            try text.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(
            text == expected,
            "\(name) differs from its golden file; regenerate with ALLIANCEGRAPH_UPDATE_GOLDEN=1 if intended")
    }

    /// Parses `text` as XML; returns the element count (throws on malformed XML).
    static func elementCount(_ text: String) throws -> Int {
        final class Counter: NSObject, XMLParserDelegate {
            var count = 0
            var failure: Error?
            func parser(
                _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]
            ) { count += 1 }
            func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) { failure = parseError }
        }
        let parser = XMLParser(data: Data(text.utf8))
        let counter = Counter()
        parser.delegate = counter
        let ok = parser.parse()
        if let failure = counter.failure ?? parser.parserError { throw failure }
        #expect(ok)
        return counter.count
    }
}

enum ChartFixtures {
    /// Synthetic runs: effort of three states over 40 rounds, with a gap (NaN) in one series.
    static func effortChart() -> TimeSeriesChart {
        let specs: [(String, Double, Double)] = [
            ("GMY", 0.030, 0.0008), ("FRN", 0.025, 0.0005), ("UKG & \"Co\"", 0.020, 0.0002),
        ]
        var series: [TimeSeriesChart.Series] = []
        for (name, start, slope) in specs {
            var points: [(round: Int, value: Double)] = []
            for r in 0...40 {
                let gap = name == "FRN" && (18...21).contains(r)
                let value: Double = gap ? .nan : start + slope * Double(r) + 0.002 * sin(Double(r) / 3)
                points.append((r, value))
            }
            series.append(TimeSeriesChart.Series(name: name, points: points))
        }
        let mean: [(round: Int, value: Double)] = (0...40).map { ($0, 0.025 + 0.0005 * Double($0)) }
        series.append(TimeSeriesChart.Series(name: "Mean", points: mean, colour: "#555555", dashed: true))
        return TimeSeriesChart(title: "Military effort over rounds", yLabel: "Effort (share of GDP)", series: series)
    }

    static func timeline() -> CrisisTimeline {
        CrisisTimeline(
            title: "July crisis cascade (synthetic)",
            entries: [
                .init(step: 0, state: "AUH", side: "Central Powers", cause: "initiates war on YUG"),
                .init(step: 0, state: "YUG", side: "Entente", cause: "attacked by AUH"),
                .init(step: 1, state: "RUS", side: "Entente", cause: "patronage of YUG"),
                .init(step: 2, state: "GMY", side: "Central Powers", cause: "defence pact with AUH <blank cheque>"),
                .init(step: 3, state: "FRN", side: "Entente", cause: "defence pact with RUS"),
                .init(step: 3, state: "BEL", side: "Entente", cause: "attacked by GMY (war plan)"),
                .init(step: 4, state: "UKG", side: "Entente", cause: "guarantee of BEL"),
            ])
    }
}

@Suite("Render")
struct RenderTests {
    @Test("the Europe 1914 picture is deterministic, valid XML and matches its golden file")
    func europe1914() throws {
        let scenario = try ScenarioLoader.load(path: TestSupport.network("europe-1914.json"))
        let svg = try NetworkPicture().svg(scenario)
        #expect(try NetworkPicture().svg(scenario) == svg)
        #expect(try Golden.elementCount(svg) > 100)
        #expect(svg.contains("stroke-dasharray=\"5 4\""))  // rivalries dashed
        #expect(svg.contains("marker-end=\"url(#arrow-guarantee)\""))  // guarantees with arrows
        try Golden.check(svg, "europe-1914.svg")
    }

    @Test("a different seed gives a different layout; names with markup are escaped")
    func seedsAndEscaping() throws {
        let scenario = try FormatFixtures.rich()
        var picture = NetworkPicture()
        let a = try picture.svg(scenario)
        picture.seed = 99
        let b = try picture.svg(scenario)
        #expect(a != b)
        #expect(try Golden.elementCount(a) > 20)
        #expect(a.contains("Rich &quot;toy&quot; &lt;scenario&gt; &amp; co"))
    }

    @Test("a single state and a network without ties still draw")
    func edgeCases() throws {
        let one = try Scenario(name: "One", network: AllianceNetwork(states: [State(code: "AAA", capability: 1)]))
        #expect(try Golden.elementCount(try NetworkPicture().svg(one)) > 5)
        let isolated = try Scenario(
            name: "Apart",
            network: AllianceNetwork(states: [
                State(code: "AAA", capability: 1),
                State(code: "BBB", capability: 0.5),
            ]))
        #expect(try Golden.elementCount(try NetworkPicture().svg(isolated)) > 5)
    }

    @Test("the time-series chart matches its golden file and breaks lines at missing values")
    func chart() throws {
        let svg = ChartFixtures.effortChart().svg()
        #expect(try Golden.elementCount(svg) > 30)
        #expect(svg.contains("UKG &amp; &quot;Co&quot;"))
        let frn = try #require(svg.split(separator: "\n").first { $0.contains("<title>FRN</title>") })
        #expect(frn.components(separatedBy: " M").count == 2)  // one gap: two pieces
        try Golden.check(svg, "effort-chart.svg")
    }

    @Test("the crisis timeline matches its golden file")
    func timeline() throws {
        let svg = ChartFixtures.timeline().svg()
        #expect(try Golden.elementCount(svg) > 30)
        #expect(svg.contains("&lt;blank cheque&gt;"))
        try Golden.check(svg, "crisis-timeline.svg")
    }

    @Test("nice axis ticks")
    func ticks() {
        #expect(SVG.ticks(0, 1) == [0, 0.2, 0.4, 0.6000000000000001, 0.8, 1])
        #expect(SVG.ticks(0, 40, count: 6) == [0, 10, 20, 30, 40])
        #expect(SVG.n(12.345) == "12.3" && SVG.n(-0.04) == "0" && SVG.n(-0.06) == "-0.1" && SVG.n(3) == "3")
    }

    @Test("the HTML report is self-contained and carries the picture, tables and extra sections")
    func report() throws {
        let scenario = try ScenarioLoader.load(path: TestSupport.network("europe-1914.json"))
        let html = try HTMLReport(
            scenario: scenario,
            sections: [
                .chart(ChartFixtures.effortChart(), caption: "Synthetic."),
                .timeline(ChartFixtures.timeline()),
            ]
        ).render()
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<svg") && html.contains("Table 1. States") && html.contains("Table 2. System metrics"))
        #expect(html.contains("Military effort over rounds") && html.contains("July crisis cascade"))
        #expect(!html.contains("<script"))
        #expect(!html.contains("src=") && !html.contains("@import") && !html.contains("<link"))
        #expect(try HTMLReport(scenario: scenario).render() == (try HTMLReport(scenario: scenario).render()))
    }
}
