@_spi(Internals) import AllianceGraph
#if canImport(Foundation)
    import Foundation
#endif

/// The file formats `alliancectl convert` reads and writes (docs/FORMATS.md).
public enum GraphFormat: String, CaseIterable, Hashable, Sendable {
    /// The project's own scenario JSON (`alliancegraph/1`).
    case scenario
    /// GraphML through igraph, with attributes.
    case graphml
    /// GML through igraph, with attributes.
    case gml
    /// networkx node-link JSON.
    case nodeLink = "node-link"
    /// Gephi nodes/edges CSV tables (`BASE-nodes.csv`, `BASE-edges.csv`).
    case csv
    /// GraphViz DOT (write only).
    case dot
    /// The binary scenario snapshot (`.agsnap`): the scenario JSON's content, loaded at disk
    /// speed (`ScenarioSnapshot`).
    case snapshot

    public var canRead: Bool { self != .dot }

    /// The format implied by a file name: `.graphml`/`.xml`, `.gml`, `.dot`/`.gv`, `.csv`;
    /// `.nodelink.json`/`.node-link.json` is node-link; other `.json` is a scenario when writing
    /// and is sniffed when reading (see `read(path:format:)`); `.agsnap` is a snapshot. Nil when
    /// unknown.
    package static func detect(path: String) -> GraphFormat? {
        let lower = path.lowercased()
        if lower.hasSuffix(ScenarioSnapshot.fileExtension) { return .snapshot }
        if lower.hasSuffix(".graphml") || lower.hasSuffix(".xml") { return .graphml }
        if lower.hasSuffix(".gml") { return .gml }
        if lower.hasSuffix(".dot") || lower.hasSuffix(".gv") { return .dot }
        if lower.hasSuffix(".csv") { return .csv }
        if lower.hasSuffix(".nodelink.json") || lower.hasSuffix(".node-link.json") { return .nodeLink }
        if lower.hasSuffix(".json") { return .scenario }
        return nil
    }
}

/// Reading and writing scenarios in every graph format.
package enum GraphIO {
    /// Largest graph file read (bytes).
    package static let maxFileSize = 1 << 30

    /// Reads a Gephi nodes/edges pair: `path` may be `BASE-nodes.csv`, `BASE-edges.csv` or
    /// `BASE.csv`; both tables are looked up beside it (either may be missing, not both). An
    /// error names the table at fault. `ScenarioLoader.load` is the public entry point.
    package static func readCSV(path: String, notes: ReadNotes? = nil) throws(InputError) -> Scenario {
        let (nodesPath, edgesPath) = csvPaths(path)
        let fm = FileManager.default
        let nodes = fm.fileExists(atPath: nodesPath) ? try CSVReader(path: nodesPath, limit: maxFileSize) : nil
        let edges = fm.fileExists(atPath: edgesPath) ? try CSVReader(path: edgesPath, limit: maxFileSize) : nil
        if nodes == nil && edges == nil {
            throw InputError(file: path, "found neither \(nodesPath) nor \(edgesPath)")
        }
        let name = URL(fileURLWithPath: csvBase(path)).lastPathComponent
        let graphPath = csvGraphPath(path)
        let graph = fm.fileExists(atPath: graphPath) ? try CSVReader(path: graphPath, limit: maxFileSize) : nil
        do throws(InputError) {
            var document = try GephiCSV.decode(nodes: nodes, edges: edges)
            if let graph { document.graphAttributes = try GephiCSV.decodeGraph(graph) }
            notes?.add(ScenarioGraphMapping.ignoredAttributes(document))
            return try ScenarioGraphMapping.scenario(document, fallbackName: name)
        } catch  where error.file == nil {
            // A vertex's error is in the nodes table, an edge's in the edges table.
            let location = error.location ?? ""
            if location.hasPrefix("vertex"), nodes != nil { throw error.inFile(nodesPath) }
            if location.hasPrefix("edge"), edges != nil { throw error.inFile(edgesPath) }
            throw error.inFile(path)
        }
    }

    /// Reads a scenario from the bytes of a single-file format held in memory (errors carry no
    /// file name). `.scenario` bytes holding `"nodes"` and no `"format"` are read as node-link
    /// JSON, as `read(path:format:)` does; `fallbackName` names a scenario whose file gives none.
    /// CSV (two tables) and DOT (write only) are rejected.
    package static func decode(
        _ bytes: [UInt8], format: GraphFormat, fallbackName: String, notes: ReadNotes? = nil
    ) throws(InputError) -> Scenario {
        switch format {
        case .scenario, .nodeLink:
            let value = try JSONParser.parse(bytes)
            if format == .nodeLink || NodeLinkJSON.looksLikeNodeLink(value) {
                let document = try NodeLinkJSON.decode(value)
                notes?.add(ScenarioGraphMapping.ignoredAttributes(document))
                return try ScenarioGraphMapping.scenario(document, fallbackName: fallbackName)
            }
            return try ScenarioReader.decode(value)
        case .snapshot:
            return try ScenarioSnapshotReader.decode(bytes)
        case .graphml, .gml:
            if format == .graphml { try GraphMLCheck.check(bytes) } else { try GMLCheck.check(bytes) }
            let document = try IGraphForeign.read(bytes, format: format == .graphml ? .graphml : .gml)
            notes?.add(ScenarioGraphMapping.ignoredAttributes(document))
            return try ScenarioGraphMapping.scenario(document, fallbackName: fallbackName)
        case .csv:
            throw InputError("Gephi CSV has two tables; read it with decodeCSV(nodes:edges:fallbackName:)")
        case .dot:
            throw InputError("DOT is written, not read; convert from JSON, GraphML, GML, node-link or CSV")
        }
    }

    /// Reads a scenario from Gephi nodes/edges tables held in memory (either may be nil, not both).
    package static func decodeCSV(nodes: [UInt8]?, edges: [UInt8]?, fallbackName: String) throws(InputError) -> Scenario
    {
        let nodeTable = try nodes.map { (b: [UInt8]) throws(InputError) in try CSVReader(bytes: b, file: "nodes table")
        }
        let edgeTable = try edges.map { (b: [UInt8]) throws(InputError) in try CSVReader(bytes: b, file: "edges table")
        }
        if nodeTable == nil && edgeTable == nil { throw InputError("neither a nodes nor an edges table was given") }
        return try ScenarioGraphMapping.scenario(
            try GephiCSV.decode(nodes: nodeTable, edges: edgeTable), fallbackName: fallbackName)
    }

    /// The text of `scenario` in a single-file format (CSV: its tables one after the other).
    /// A snapshot is binary, not text: write it with `write(_:as:to:)`.
    package static func encode(_ scenario: Scenario, as format: GraphFormat) throws(ComputationError) -> String {
        if format == .scenario { return ScenarioWriter.json(scenario) }
        if format == .snapshot {
            throw ComputationError(operation: "encode", reason: "a snapshot is binary, not text; write it to a file")
        }
        return try encode(ScenarioGraphMapping.document(scenario), as: format, multigraph: true)
    }

    /// The text of a graph document in a graph format (not `.scenario`). `multigraph` writes
    /// GML's `multigraph 1`, which tells networkx's GML reader to accept parallel edges (several
    /// commitments between one pair; igraph ignores it), and node-link's `"multigraph": true`
    /// with edge keys; a simple graph (`convert --simple`) has neither.
    package static func encode(_ document: GraphDocument, as format: GraphFormat, multigraph: Bool = false)
        throws(ComputationError) -> String
    {
        switch format {
        case .scenario, .snapshot:
            throw ComputationError(operation: "encode", reason: "a graph document is not a scenario file")
        case .graphml:
            // igraph writes a carriage return in a value as the raw byte, which every XML parser
            // turns into a line feed (XML 1.0, 2.11); as a character reference it survives. igraph's
            // own line ends are "\n", so every CR in its output comes from a value.
            let text = try IGraphForeign.write(document, format: .graphml)
            return text.utf8.contains(0x0D) ? text.replacingOccurrences(of: "\r", with: "&#13;") : text
        case .gml:
            var document = document
            if multigraph { document.graphAttributes.insert(("multigraph", .number(1)), at: 0) }
            return try IGraphForeign.write(document, format: .gml)
        case .nodeLink: return NodeLinkJSON.encode(document, multigraph: multigraph)
        case .dot: return DOTWriter.encode(document)
        case .csv:
            let tables = GephiCSV.encode(document)
            return tables.nodes + "\n" + tables.edges + "\n" + GephiCSV.encodeGraph(document)
        }
    }

    /// Writes `scenario` to `path` (atomically); CSV writes `BASE-nodes.csv`, `BASE-edges.csv`
    /// and `BASE-graph.csv` (the scenario's year, parameters, contiguity and war plans, which
    /// Gephi's two tables cannot hold) as one unit (all or none). Returns the paths written.
    @discardableResult
    package static func write(_ scenario: Scenario, as format: GraphFormat, to path: String) throws -> [String] {
        if format == .scenario {
            // Streamed: the same bytes as `ScenarioWriter.json`, without the whole text in memory.
            try ScenarioWriter.write(scenario, to: path)
            return [path]
        }
        if format == .snapshot {
            try FileOutput.write(ScenarioSnapshotWriter.encode(scenario), to: path)
            return [path]
        }
        return try write(ScenarioGraphMapping.document(scenario), as: format, to: path, multigraph: true)
    }

    /// Writes a graph document to `path` in a graph format, as `write(_:as:to:)` does.
    @discardableResult
    package static func write(_ document: GraphDocument, as format: GraphFormat, to path: String, multigraph: Bool)
        throws -> [String]
    {
        if format == .csv {
            let tables = GephiCSV.encode(document)
            let (nodesPath, edgesPath) = csvPaths(path)
            let graphPath = csvGraphPath(path)
            try FileOutput.writeAll([
                (nodesPath, tables.nodes), (edgesPath, tables.edges), (graphPath, GephiCSV.encodeGraph(document)),
            ])
            return [nodesPath, edgesPath, graphPath]
        }
        try FileOutput.write(try encode(document, as: format, multigraph: multigraph), to: path)
        return [path]
    }

    static func csvBase(_ path: String) -> String {
        for suffix in ["-nodes.csv", "-edges.csv", "-graph.csv", ".csv"] where path.lowercased().hasSuffix(suffix) {
            return String(path.dropLast(suffix.count))
        }
        return path
    }

    /// The graph table (graph attributes as `key,value` rows) for a CSV path.
    package static func csvGraphPath(_ path: String) -> String { csvBase(path) + "-graph.csv" }

    /// The nodes and edges tables for a CSV path.
    package static func csvPaths(_ path: String) -> (nodes: String, edges: String) {
        let base = csvBase(path)
        return (base + "-nodes.csv", base + "-edges.csv")
    }
}
