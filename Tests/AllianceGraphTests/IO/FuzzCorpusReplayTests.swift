import Foundation
import Testing
@_spi(Internals) @testable import AllianceGraph
@_spi(Internals) @testable import AllianceGraphFormats
@testable import AllianceGraphRender

/// Replays what the libFuzzer targets (Fuzz/) found and kept, with no libFuzzer needed: every
/// crash input (`Fixtures/fuzz/<target>/*`) and every file of each target's minimised corpus
/// (`Fixtures/fuzz/<target>/corpus/`) goes through the reader the target fuzzes, by the same input
/// layout (Fuzz/README.md). Each must give a valid scenario that survives the target's round trip,
/// or a clean `InputError` that names the file or the field; a crash fails the whole run.
@Suite("Fuzz corpus replay")
struct FuzzCorpusReplayTests {
    enum Target: String, CaseIterable, CustomTestStringConvertible {
        case scenario = "FuzzScenarioReader"
        case graphml = "FuzzGraphML"
        case gml = "FuzzGML"
        case nodeLink = "FuzzNodeLink"
        case csv = "FuzzGephiCSV"
        case importers = "FuzzImporters"
        var testDescription: String { rawValue }
    }

    struct Input: CustomTestStringConvertible, Sendable {
        var target: Target
        var path: String
        var testDescription: String {
            "\(target.rawValue)/\(path.split(separator: "/").suffix(2).joined(separator: "/"))"
        }
    }

    static let root = TestSupport.fixture("fuzz")

    static func files(_ target: Target, corpus: Bool) -> [String] {
        let folder = root.appendingPathComponent(target.rawValue).appendingPathComponent(corpus ? "corpus" : "")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.sorted().filter { !$0.hasPrefix(".") && $0 != "README.md" }
            .map { folder.appendingPathComponent($0).path }
            .filter { path in
                var isDirectory: ObjCBool = false
                return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
            }
    }

    static let crashInputs: [Input] = Target.allCases.flatMap { t in
        files(t, corpus: false).map { Input(target: t, path: $0) }
    }
    static let corpusInputs: [Input] = Target.allCases.flatMap { t in
        files(t, corpus: true).map { Input(target: t, path: $0) }
    }

    @Test("every target has a committed minimised corpus", arguments: Target.allCases)
    func corpusPresent(target: Target) {
        #expect(
            Self.files(target, corpus: true).count >= 5,
            "Fixtures/fuzz/\(target.rawValue)/corpus is missing or nearly empty")
    }

    @Test("each input a fuzzer crashed on now reads cleanly", arguments: crashInputs)
    func crashInputReadsCleanly(input: Input) throws {
        try Self.replay(input)
    }

    @Test("each file of the minimised corpora reads cleanly", arguments: corpusInputs)
    func corpusFileReadsCleanly(input: Input) throws {
        try Self.replay(input)
    }

    /// Feeds one input to its target's reader as that target does, through the reader's file path
    /// (so errors must name the file); on success checks the target's round trip.
    static func replay(_ input: Input) throws {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: input.path)))
        let folder = FormatFixtures.temporaryPath("fuzz-replay-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        func write(_ bytes: some Collection<UInt8>, _ name: String) throws -> String {
            let path = folder + "/" + name
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            return path
        }
        switch input.target {
        case .scenario, .graphml, .gml, .nodeLink:
            let format: GraphFormat = [.scenario: .scenario, .graphml: .graphml, .gml: .gml, .nodeLink: .nodeLink][
                input.target]!
            let path = try write(bytes, "input")
            let scenario: Scenario
            do {
                scenario =
                    format == .scenario
                    ? try ScenarioLoader.load(path: path) : try ScenarioLoader.load(path: path, format: format)
            } catch {
                #expect(error.file == path, "\(input.path): \(error)")
                #expect(!error.message.isEmpty)
                return
            }
            try expectRoundTrips(scenario, format: format, input)
        case .csv:
            let (nodes, edges) = splitTables(bytes)
            if let nodes { _ = try write(nodes, "t-nodes.csv") }
            if let edges { _ = try write(edges, "t-edges.csv") }
            let scenario: Scenario
            do {
                scenario = try ScenarioLoader.load(path: folder + "/t.csv")
            } catch {
                #expect(error.file?.hasPrefix(folder) == true, "\(input.path): \(error)")
                #expect(!error.message.isEmpty)
                return
            }
            try expectRoundTrips(scenario, format: .scenario, input)
            let tables = GephiCSV.encode(ScenarioGraphMapping.document(scenario))
            _ = try GraphIO.decodeCSV(
                nodes: Array(tables.nodes.utf8), edges: Array(tables.edges.utf8), fallbackName: "t")
        case .importers:
            guard bytes.count >= 2 else { return }
            let path = try write(bytes.dropFirst(2), "input.csv")
            let options = importOptions(layout: Int(bytes[0]) % 7, flags: bytes[1], input: path)
            let result: ImportResult
            do {
                result = try AllianceImporter.run(allianceFile: options.alliances, options: options.options)
            } catch {
                #expect(error.file != nil || error.location != nil, "\(input.path): \(error)")
                #expect(!error.message.isEmpty)
                return
            }
            try expectRoundTrips(result.scenario, format: .scenario, input)
        }
    }

    /// As Fuzz/Sources/FuzzGephiCSV: nodes before the first NUL byte, edges after it; empty parts absent.
    static func splitTables(_ bytes: [UInt8]) -> (nodes: [UInt8]?, edges: [UInt8]?) {
        guard let cut = bytes.firstIndex(of: 0) else { return (bytes.isEmpty ? nil : bytes, nil) }
        let nodes = Array(bytes[..<cut]), edges = Array(bytes[(cut + 1)...])
        return (nodes.isEmpty ? nil : nodes, edges.isEmpty ? nil : edges)
    }

    /// As Fuzz/Sources/FuzzImporters: the first byte picks the layout, the second the options.
    static func importOptions(layout: Int, flags: UInt8, input: String) -> (
        alliances: String, options: AllianceImportOptions
    ) {
        let fixture = { (name: String) in TestSupport.fixture("import/\(name)").path }
        var options = AllianceImportOptions(source: layout == 1 ? .cow : .atop, year: layout == 1 ? 1910 : 1902)
        if flags & 1 != 0 { options.codes = .iso3 }
        if flags & 2 != 0 { options.mergeGermany = true }
        if flags & 4 != 0 { options.regions = [.europe] }
        if flags & 8 != 0 { options.only = ["GMY", "FRN", "255"] }
        if flags & 16 != 0 {
            options.states = fixture("states-small.csv"); options.capabilities = fixture("nmc-small.csv")
            options.contiguity = fixture("contdir-small.csv"); options.rivalries = fixture("rivalries-small.csv")
            options.majors = fixture("majors-small.csv")
        }
        switch layout {
        case 0, 1: return (input, options)
        case 2: options.capabilities = input
        case 3: options.states = input
        case 4: options.contiguity = input
        case 5: options.rivalries = input
        default: options.majors = input
        }
        return (fixture("atop-small.csv"), options)
    }

    /// The round trips the fuzz targets check: scenario JSON, and the input's own format (GraphML
    /// and GML keep 15 significant digits of a number: igraph writes `%.15g`).
    static func expectRoundTrips(_ scenario: Scenario, format: GraphFormat, _ input: Input) throws {
        let json = ScenarioWriter.json(scenario)
        #expect(try ScenarioReader.parse(json) == scenario, "\(input.path): scenario JSON round trip")
        if format != .scenario {
            let text = try GraphIO.encode(scenario, as: format)
            let again = try GraphIO.decode(Array(text.utf8), format: format, fallbackName: "fuzz")
            if format == .nodeLink {
                #expect(again == scenario, "\(input.path): node-link round trip")
            } else {
                #expect(
                    roundedNumbers(ScenarioWriter.json(again)) == roundedNumbers(json),
                    "\(input.path): \(format.rawValue) round trip")
            }
        }
    }

    /// As Fuzz/Sources/FuzzSupport: `json` with every number outside strings written as `%.15g`.
    static func roundedNumbers(_ json: String) -> String {
        var out = ""
        var chars = Array(json.unicodeScalars)[...]
        var inString = false
        while let c = chars.first {
            if inString {
                out.unicodeScalars.append(c); chars.removeFirst()
                if c == "\\", let next = chars.first {
                    out.unicodeScalars.append(next); chars.removeFirst()
                } else if c == "\"" {
                    inString = false
                }
                continue
            }
            if c == "\"" { inString = true; out.unicodeScalars.append(c); chars.removeFirst(); continue }
            if c == "-" || ("0"..."9").contains(c) {
                var token = ""
                while let d = chars.first,
                    d == "-" || d == "+" || d == "." || d == "e" || d == "E" || ("0"..."9").contains(d)
                {
                    token.unicodeScalars.append(d); chars.removeFirst()
                }
                out += Double(token).map { String(format: "%.15g", $0) } ?? token
                continue
            }
            out.unicodeScalars.append(c); chars.removeFirst()
        }
        return out
    }
}

/// `GraphIO.decode` and `decodeCSV` (the in-memory entry points the fuzz targets call) read what
/// `ScenarioLoader.load(path:)` reads from a file.
@Suite("Graph formats from memory")
struct InMemoryGraphReadingTests {
    @Test(
        "decode gives the scenario read(path:) gives, for every single-file format",
        arguments: [GraphFormat.scenario, .graphml, .gml, .nodeLink])
    func decodeMatchesRead(format: GraphFormat) throws {
        let scenario = try FormatFixtures.rich()
        let text = try GraphIO.encode(scenario, as: format)
        let ext = ["scenario": "json", "graphml": "graphml", "gml": "gml", "node-link": "nodelink.json"][
            format.rawValue]!
        let path = FormatFixtures.temporaryPath("memory.\(ext)")
        try GraphIO.write(scenario, as: format, to: path)
        let fromFile = try ScenarioLoader.load(path: path)
        #expect(try GraphIO.decode(Array(text.utf8), format: format, fallbackName: "memory") == fromFile)
        #expect(fromFile == scenario)
    }

    @Test("decodeCSV reads both tables, or the edges table alone, and refuses neither")
    func decodeCSVTables() throws {
        let scenario = try FormatFixtures.rich()
        let tables = GephiCSV.encode(ScenarioGraphMapping.document(scenario))
        let both = try GraphIO.decodeCSV(
            nodes: Array(tables.nodes.utf8), edges: Array(tables.edges.utf8), fallbackName: "t")
        #expect(both.network.states.map(\.code) == scenario.network.states.map(\.code))
        let edgesOnly = try GraphIO.decodeCSV(nodes: nil, edges: Array(tables.edges.utf8), fallbackName: "t")
        #expect(Set(edgesOnly.network.states.map(\.code)) == Set(scenario.network.states.map(\.code)))
        #expect(throws: InputError.self) { try GraphIO.decodeCSV(nodes: nil, edges: nil, fallbackName: "t") }
        #expect(throws: InputError.self) { try GraphIO.decode([], format: .csv, fallbackName: "t") }
        #expect(throws: InputError.self) { try GraphIO.decode([], format: .dot, fallbackName: "t") }
    }

    @Test(
        "GraphML and GML keep 15 significant digits of a number; node-link and scenario JSON keep all",
        arguments: [GraphFormat.graphml, .gml, .nodeLink, .scenario])
    func numberPrecision(format: GraphFormat) throws {
        let scenario = try ScenarioReader.parse(
            """
            {"format": "alliancegraph/1", "name": "digits", "states": [
              {"code": "AAA", "capability": 0.12345678901234567}, {"code": "BBB", "capability": 0.5}]}
            """)
        let text = try GraphIO.encode(scenario, as: format)
        let back = try GraphIO.decode(Array(text.utf8), format: format, fallbackName: "digits")
        let capability = back.network.states[0].capability
        if format == .graphml || format == .gml {
            #expect(capability == 0.123456789012346)
        } else {
            #expect(capability == 0.12345678901234567)
        }
    }
}

/// A graph file may use at most `GraphDocument.maxAttributeNames` attribute names: each name is a
/// column with a value for every vertex, so n vertices each bringing a new name cost n^2 (a
/// 100 KB node-link, GraphML or GML file took 10-13 s and 300 MB before the bound).
@Suite("Attribute-name bound")
struct AttributeNameBoundTests {
    /// A file in `format` whose first `names` vertices each carry an attribute of their own, of
    /// 2,000 vertices in a path of defence ties.
    static func file(_ format: GraphFormat, names: Int) -> [UInt8] {
        let n = 2000
        switch format {
        case .nodeLink:
            let nodes = (0..<n).map { k in k < names ? "{\"id\":\"S\(k)\",\"k\(k)\":1}" : "{\"id\":\"S\(k)\"}" }
            let edges = (1..<n).map { k in "{\"source\":\"S\(k - 1)\",\"target\":\"S\(k)\"}" }
            return Array(
                "{\"nodes\":[\(nodes.joined(separator: ","))],\"edges\":[\(edges.joined(separator: ","))]}".utf8)
        case .graphml:
            let keys = (0..<names).map { "<key id=\"k\($0)\" for=\"node\" attr.name=\"k\($0)\" attr.type=\"double\"/>" }
            let nodes = (0..<n).map { k in
                k < names ? "<node id=\"S\(k)\"><data key=\"k\(k)\">1</data></node>" : "<node id=\"S\(k)\"/>"
            }
            let edges = (1..<n).map { "<edge source=\"S\($0 - 1)\" target=\"S\($0)\"/>" }
            return Array(
                ("<?xml version=\"1.0\"?>\n<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">" + keys.joined()
                    + "<graph edgedefault=\"undirected\">" + nodes.joined() + edges.joined() + "</graph></graphml>\n")
                    .utf8)
        default:
            let nodes = (0..<n).map { k in "node [ id \(k) name \"S\(k)\"" + (k < names ? " k\(k) 1" : "") + " ]" }
            let edges = (1..<n).map { "edge [ source \($0 - 1) target \($0) ]" }
            return Array(("graph [ " + nodes.joined(separator: " ") + " " + edges.joined(separator: " ") + " ]\n").utf8)
        }
    }

    @Test(
        "more names than the bound is an InputError saying so, before igraph allocates",
        arguments: [GraphFormat.nodeLink, .graphml, .gml])
    func tooManyNames(format: GraphFormat) {
        do {
            _ = try GraphIO.decode(
                Self.file(format, names: GraphDocument.maxAttributeNames + 50), format: format, fallbackName: "wide")
            Issue.record("a \(format.rawValue) file with too many attribute names was accepted")
        } catch {
            #expect(error.message.contains("at most \(GraphDocument.maxAttributeNames) are read"), "\(error)")
        }
    }

    @Test(
        "up to the bound, 2,000 vertices with 200 names read quickly",
        arguments: [GraphFormat.nodeLink, .graphml, .gml])
    func namesWithinBound(format: GraphFormat) throws {
        let clock = ContinuousClock()
        let start = clock.now
        let scenario = try GraphIO.decode(Self.file(format, names: 200), format: format, fallbackName: "wide")
        #expect(scenario.network.states.count == 2000)
        #expect(scenario.network.commitments.count == 1999)
        #expect(clock.now - start < .seconds(20))
    }

    @Test("the GraphML and GML pre-scans count declarations and keys, not values or strings")
    func preScanCounts() {
        #expect(
            IGraphForeign.graphMLKeyCount(
                Array("<graphml><key id=\"a\"/><key\nid=\"b\"/><keys/><graph/></graphml>".utf8)) == 2)
        #expect(
            IGraphForeign.gmlKeyNameCount(
                Array("graph [ node [ id 1 label \"x y z\" w 1e5 ] # comment words\n node [ id 2 ] ]".utf8)) == 5)
    }
}
