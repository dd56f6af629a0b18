import Foundation
#if canImport(Glibc)
    import Glibc
#endif
import Testing
@_spi(Internals) @testable import AllianceGraph
@_spi(Internals) @testable import AllianceGraphFormats
@testable import AllianceGraphRender

/// A scenario that exercises every field the graph formats must carry.
enum FormatFixtures {
    static let richJSON = """
        {
          "format": "alliancegraph/1",
          "name": "Rich \\"toy\\" <scenario> & co",
          "year": 1900,
          "description": "Every field: notes with quotes, ampersands, angle brackets, accents (é, ü), CR LF, LF and tab.",
          "codes": "cow",
          "sources": ["Made up for tests"],
          "parameters": {"offenseDefense": 1.2, "transparency": 0.3, "armsControl": {"maxEffort": 0.05}},
          "states": [
            {"code": "AAA", "ccode": 200, "name": "Åland & \\"Co\\"", "capability": 0.3, "major": true, "note": "a <note>\\nover two lines"},
            {"code": "BBB", "name": "Bland", "capability": 0.2, "effort": 0.03, "baselineEffort": 0.025},
            {"code": "CCC", "name": "Cland", "capability": 0.05, "gdp": 0.07, "hawkishness": 0.2, "intent": 0.4},
            {"code": "DDD", "capability": 0.1234567890123}
          ],
          "commitments": [
            {"kind": "defense", "between": ["CCC", "BBB"], "credibility": 0.9, "reverseCredibility": 0.333333333333333, "since": 1890},
            {"kind": "guarantee", "from": "AAA", "to": "CCC", "credibility": 0.6, "note": "Treaty of \\"London\\" & more\\r\\nsecond line\\tindented"},
            {"kind": "consultation", "between": ["AAA", "BBB"], "until": 1899},
            {"kind": "neutrality", "between": ["AAA", "BBB"], "since": 1880},
            {"kind": "patronage", "from": "DDD", "to": "BBB"},
            {"kind": "defense", "between": ["CCC", "BBB"], "since": 1850, "until": 1860}
          ],
          "rivalries": [{"between": ["AAA", "BBB"], "intensity": 0.8, "since": 1870}, {"between": ["DDD", "CCC"]}],
          "contiguity": [{"between": ["AAA", "BBB"], "type": 1}, {"between": ["BBB", "CCC"], "proximity": 0.7}],
          "warPlans": [{"actor": "AAA", "trigger": ["BBB"], "attack": ["CCC"]}],
          "propensities": [{"between": ["AAA", "DDD"], "value": -2}]
        }
        """

    static func rich() throws -> Scenario { try ScenarioReader.parse(richJSON) }

    static func temporaryPath(_ name: String) -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "alliancegraph-tests-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder.appendingPathComponent(name).path
    }
}

@Suite("Graph formats")
struct GraphFormatsTests {
    @Test(
        "scenario -> GraphML -> scenario keeps every state, tie, credibility and attribute",
        arguments: [GraphFormat.graphml, .gml, .nodeLink])
    func roundTrip(format: GraphFormat) throws {
        let scenario = try FormatFixtures.rich()
        let ext = ["graphml": "graphml", "gml": "gml", "node-link": "nodelink.json"][format.rawValue]!
        let path = FormatFixtures.temporaryPath("rich.\(ext)")
        try GraphIO.write(scenario, as: format, to: path)
        let back = try ScenarioLoader.load(path: path)
        #expect(back == scenario)
        if back != scenario {
            Issue.record("got:\n\(ScenarioWriter.json(back))")
        }
    }

    @Test("CSV keeps states and ties in the two Gephi tables, and the year, parameters and war plans in a third")
    func csvRoundTrip() throws {
        let scenario = try FormatFixtures.rich()
        let path = FormatFixtures.temporaryPath("rich.csv")
        let written = try GraphIO.write(scenario, as: .csv, to: path)
        #expect(
            written.map { URL(fileURLWithPath: $0).lastPathComponent }
                == ["rich-nodes.csv", "rich-edges.csv", "rich-graph.csv"])
        let back = try ScenarioLoader.load(path: written[1])
        #expect(back == scenario)
        // Without the graph table (what Gephi itself reads), states and ties still come back.
        try FileManager.default.removeItem(atPath: written[2])
        let tablesOnly = try ScenarioLoader.load(path: written[0])
        #expect(tablesOnly.network.states == scenario.network.states)
        #expect(tablesOnly.network.commitments == scenario.network.commitments)
        #expect(tablesOnly.name == "rich")
    }

    @Test("--simple: one edge per allied pair in force, strength and length = 1/strength, no rivalries")
    func simpleDocument() throws {
        let europe = try ScenarioLoader.load(path: TestSupport.network("europe-1914.json"))
        let document = ScenarioGraphMapping.simpleDocument(europe)
        let view = AllianceGraphView(europe.activeNetwork(year: nil))
        #expect(document.edges.count == view.edgeCount && view.edgeCount == 25)
        #expect(Set(document.edges.map { "\($0.source)-\($0.target)" }).count == document.edges.count)
        #expect(document.edgeColumns.map(\.name) == ["strength", "length"])
        let strength = try #require(document.edgeColumn("strength")).values.map { $0?.number ?? .nan }
        let length = try #require(document.edgeColumn("length")).values.map { $0?.number ?? .nan }
        #expect(strength == view.strengths)
        #expect(zip(strength, length).allSatisfy { $0 * $1 == 1 || abs($0 * $1 - 1) < 1e-15 })
        #expect(document.graphAttribute("year")?.number == 1914)
        // Read back, it is the alliance graph: the same degrees and strengths.
        let path = FormatFixtures.temporaryPath("simple.graphml")
        try GraphIO.write(document, as: .graphml, to: path, multigraph: false)
        let notes = ReadNotes()
        let back = try ScenarioLoader.load(path: path, format: nil, notes: notes)
        #expect(notes.items.isEmpty)
        #expect(AllianceGraphView(back.network).strengths == view.strengths)
        #expect(back.network.rivalries.isEmpty)
    }

    @Test("a foreign weight attribute, and other attributes a scenario has no place for, are named in notes")
    func ignoredAttributes() throws {
        let document = GraphDocument(
            directed: false, graphAttributes: [("creator", .string("networkx"))], vertexCount: 2,
            vertexColumns: [
                .init(name: "id", type: .string, values: [.string("AAA"), .string("BBB")]),
                .init(name: "population", type: .number, values: [.number(1), .number(2)]),
            ],
            edges: [.init(0, 1)],
            edgeColumns: [.init(name: "weight", type: .number, values: [.number(0.5)])])
        let notes = ScenarioGraphMapping.ignoredAttributes(document)
        #expect(notes.count == 3)
        #expect(notes[0].hasPrefix("edge attribute \"weight\" is ignored: tie strength is read from \"strength\""))
        #expect(notes[1] == "vertex attribute(s) \"population\" are not part of a scenario and are ignored")
        #expect(notes[2] == "graph attribute(s) \"creator\" are not part of a scenario and are ignored")
        let ours = ScenarioGraphMapping.document(try FormatFixtures.rich())
        #expect(ScenarioGraphMapping.ignoredAttributes(ours).isEmpty)
    }

    @Test("credibility is exported as strength, never weight", arguments: [GraphFormat.graphml, .gml, .nodeLink, .dot])
    func strengthNotWeight(format: GraphFormat) throws {
        let text = try GraphIO.encode(try FormatFixtures.rich(), as: format)
        #expect(text.contains("strength"))
        #expect(!text.lowercased().contains("weight"))
    }
}

@Suite("Graph formats: bad input")
struct GraphFormatsErrorTests {
    static let malformed: [(String, String)] = [
        (
            "truncated.graphml",
            "<?xml version=\"1.0\"?><graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"><graph edgedefault=\"undirected\"><node id=\"a\"/>"
        ),
        ("notxml.graphml", "this is not XML at all"),
        ("empty.graphml", ""),
        (
            "badedge.graphml",
            "<?xml version=\"1.0\"?><graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"><graph edgedefault=\"undirected\"><node id=\"a\"/><edge source=\"a\"/></graph></graphml>"
        ),
        ("bad.gml", "graph [ node [ id 0 ] edge [ source 0 target 7 ] "),
        ("garbage.gml", "\u{01}\u{02} not gml ]]]"),
        ("nonodes.nodelink.json", "{\"directed\": false, \"edges\": []}"),
        (
            "badsource.nodelink.json",
            "{\"nodes\": [{\"id\": \"A\"}], \"links\": [{\"source\": \"A\", \"target\": \"B\"}]}"
        ),
    ]

    @Test("malformed GraphML, GML and node-link files are InputErrors, never aborts", arguments: 0..<8)
    func malformedFiles(index: Int) throws {
        let (name, text) = Self.malformed[index]
        let path = FormatFixtures.temporaryPath(name)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: InputError.self) { try ScenarioLoader.load(path: path) }
    }

    @Test("an unknown tie kind names the edge and suggests the closest kind")
    func unknownKind() throws {
        let text = """
            {"nodes": [{"id": "A"}, {"id": "B"}], "edges": [{"source": "A", "target": "B", "kind": "defence"}]}
            """
        let path = FormatFixtures.temporaryPath("kind.nodelink.json")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        let error = try #require(throws: InputError.self) { try ScenarioLoader.load(path: path) }
        #expect(error.location?.hasPrefix("edge 0") == true)
        #expect(error.message.contains("did you mean \"defense\""))
    }

    @Test("a GML string over 64 KiB is refused with its line before igraph's quadratic reader sees it")
    func longGMLString() throws {
        func gml(_ length: Int) -> [UInt8] {
            Array(
                ("# a comment with a \" quote\ngraph [\n  node [ id 0 name \"AAA\" label \""
                    + String(repeating: "x", count: length) + "\" ]\n  node [ id 1 name \"BBB\" ]\n]\n").utf8)
        }
        let limit = GMLCheck.maxStringLength
        let accepted = try GraphIO.decode(gml(limit), format: .gml, fallbackName: "x")
        #expect(accepted.network.states[0].name.count == limit)
        #expect {
            try GraphIO.decode(gml(limit + 1), format: .gml, fallbackName: "x")
        } throws: { error in
            "\(error)" == "line 3: a string of 65537 bytes; GML strings are limited to 65536 bytes "
                + "(igraph's reader slows quadratically with a string's length): shorten it"
        }
        // 4 MiB: refused by the scan (igraph alone took 12 s on it).
        #expect(throws: InputError.self) { try GraphIO.decode(gml(4 << 20), format: .gml, fallbackName: "x") }
    }

    @Test("DOT is write-only")
    func dotNotRead() {
        #expect(throws: InputError.self) { try ScenarioLoader.load(path: "x.dot") }
    }
}

@Suite("Graph formats: bundled networks")
struct BundledNetworkRoundTripTests {
    @Test(
        "every bundled network survives GraphML, GML and node-link unchanged",
        arguments: ["europe-1914.json", "europe-1936.json", "cold-war-1962.json", "nato-2024.json"])
    func roundTrip(name: String) throws {
        let scenario = try ScenarioLoader.load(path: TestSupport.network(name))
        for format in [GraphFormat.graphml, .gml, .nodeLink] {
            let ext = format == .nodeLink ? "nodelink.json" : format.rawValue
            let path = FormatFixtures.temporaryPath(name.replacingOccurrences(of: ".json", with: ".\(ext)"))
            try GraphIO.write(scenario, as: format, to: path)
            #expect(try ScenarioLoader.load(path: path) == scenario, "\(name) as \(format.rawValue)")
        }
    }
}

@Suite("Progress reporter")
struct ProgressReporterTests {
    @Test("--quiet silences progress; so does a standard error that is not a terminal")
    func silence() {
        #expect(!ProgressReporter("x", quiet: true).isEnabled)
        #expect(ProgressReporter("x", quiet: false).isEnabled == (isatty(2) == 1))
    }
}
