@_spi(Internals) import AllianceGraph
import Foundation

/// The one way to load a scenario from a file, used by every command of `alliancectl` and by
/// `convert`: one format detection, one streaming path for JSON.
///
/// Format detection, in this order:
/// 1. the `format` argument when given (the CLI's `--from`);
/// 2. the file name: `.graphml`/`.xml` GraphML, `.gml` GML, `.csv` a Gephi nodes/edges pair,
///    `.nodelink.json`/`.node-link.json` node-link JSON, `.dot`/`.gv` refused (written, never
///    read);
/// 3. anything else (`.json`, another or no extension, standard input `-`) is JSON, and its root
///    decides: an object with `"nodes"` and no `"format"` is networkx node-link JSON, otherwise
///    a scenario (`"format": "alliancegraph/1"`).
///
/// JSON is read in one streaming pass over the mapped file (`ScenarioReader`): memory is the
/// scenario plus one JSON element, whatever the file's size. GraphML and GML go through igraph,
/// Gephi CSV through the CSV reader; files of those formats are limited to `GraphIO.maxFileSize`.
/// Errors name the file (for a CSV pair, the table at fault), the line or JSON path, and the fix.
public enum ScenarioLoader {
    /// Loads the scenario at `path` ("-" is standard input, read as JSON) in `format`, or in the
    /// format detected as described above when `format` is nil.
    public static func load(path: String, format: GraphFormat? = nil) throws(InputError) -> Scenario {
        try load(path: path, format: format, notes: nil)
    }

    /// As `load(path:format:)`, adding to `notes` what a graph file holds that a scenario leaves
    /// out (a `weight` attribute, unknown attributes).
    package static func load(path: String, format: GraphFormat?, notes: ReadNotes?) throws(InputError) -> Scenario {
        switch format ?? detect(path: path) {
        case .snapshot:
            return try ScenarioSnapshotReader.read(path: path)
        case .scenario:
            return try ScenarioReader.read(
                path: path, nodeLink: nodeLink(fallbackName: fallbackName(path), notes: notes))
        case .nodeLink:
            let bytes = try FileInput.readBytes(path: path, limit: GraphIO.maxFileSize)
            return try inFile(path) { () throws(InputError) in
                try GraphIO.decode(bytes, format: .nodeLink, fallbackName: fallbackName(path), notes: notes)
            }
        case .graphml, .gml:
            let detected = format ?? GraphFormat.detect(path: path) ?? .graphml
            let bytes = try FileInput.readBytes(path: path, limit: GraphIO.maxFileSize)
            return try inFile(path) { () throws(InputError) in
                try GraphIO.decode(bytes, format: detected, fallbackName: fallbackName(path), notes: notes)
            }
        case .csv:
            return try GraphIO.readCSV(path: path, notes: notes)
        case .dot:
            throw InputError(file: path, "DOT is written, not read; convert from JSON, GraphML, GML, node-link or CSV")
        }
    }

    /// Decodes a scenario from the bytes of a single-file format held in memory (errors name no
    /// file). JSON (`.scenario`) is sniffed as in `load`: a node-link root is read as node-link.
    /// `name` names a scenario whose bytes give none. Gephi CSV has two tables: use `decodeCSV`.
    public static func decode(_ bytes: [UInt8], format: GraphFormat = .scenario, name: String = "scenario")
        throws(InputError) -> Scenario
    {
        if format == .scenario {
            let result = bytes.withUnsafeBufferPointer { buffer in
                Result { () throws(InputError) in
                    try ScenarioReader.parse(buffer, release: nil, nodeLink: nodeLink(fallbackName: name))
                }
            }
            return try result.get()
        }
        return try GraphIO.decode(bytes, format: format, fallbackName: name)
    }

    /// Decodes a scenario from Gephi nodes/edges tables held in memory (either may be nil, not
    /// both).
    public static func decodeCSV(nodes: [UInt8]?, edges: [UInt8]?, name: String = "scenario") throws(InputError)
        -> Scenario
    {
        try GraphIO.decodeCSV(nodes: nodes, edges: edges, fallbackName: name)
    }

    /// Loads the scenario at `path` as `load(path:format:)` does and returns the bytes it was read
    /// from too, for the input digest that run records carry. A Gephi CSV pair gives the bytes of
    /// the table named by `path`.
    package static func loadWithBytes(path: String) throws(InputError) -> (scenario: Scenario, bytes: [UInt8]) {
        let format = detect(path: path)
        let bytes = try FileInput.readBytes(path: path, limit: ScenarioReader.maxFileSize, binary: format == .snapshot)
        switch format {
        case .snapshot:
            return (try inFile(path) { () throws(InputError) in try ScenarioSnapshotReader.decode(bytes) }, bytes)
        case .scenario, .nodeLink, .graphml, .gml:
            let scenario = try inFile(path) { () throws(InputError) in
                try GraphIO.decode(bytes, format: format, fallbackName: fallbackName(path))
            }
            return (scenario, bytes)
        case .csv, .dot:
            return (try load(path: path, format: format), bytes)
        }
    }

    /// Loads the scenario at `path` as `load(path:format:)` does, with the digest of the bytes it
    /// was read from (for run records). A scenario JSON file or a snapshot is mapped once: the
    /// digest is taken over the mapping, returning its pages behind it, and the scenario is read
    /// from the same mapping by the streaming reader, so memory stays the scenario's own whatever
    /// the file's size (a JSON file of 10 million ties is never held as bytes or as a document
    /// tree). Other formats and standard input are read into memory as before.
    package static func loadWithDigest(path: String) throws(InputError) -> (scenario: Scenario, digest: InputDigest) {
        let format = detect(path: path)
        guard path != "-", format == .scenario || format == .snapshot else {
            let (scenario, bytes) = try loadWithBytes(path: path)
            return (scenario, InputDigest(bytes: bytes))
        }
        do {
            return try FileInput.withBytes(path: path, streamLimit: ScenarioReader.maxFileSize, binary: true) {
                bytes, release throws(InputError) in
                // As every text reader: a NUL byte near the start means binary data.
                if format != .snapshot, let offset = bytes.prefix(FileInput.sniffLength).firstIndex(of: 0) {
                    throw FileInput.binaryData(file: path, offset: offset)
                }
                // FNV-1a is one multiplication after another (about 1 s for 1 GB): a large file
                // is hashed on another core while it is read (`InputDigestTask`).
                let digest = InputDigestTask(bytes, release: release, inBackground: bytes.count >= 16 << 20)
                let scenario: Scenario
                do throws(InputError) {
                    if format == .snapshot {
                        scenario = try ScenarioSnapshotReader.decode(UnsafeRawBufferPointer(bytes))
                    } else {
                        scenario = try ScenarioReader.parse(
                            bytes, release: release, nodeLink: nodeLink(fallbackName: fallbackName(path)))
                    }
                } catch {
                    digest.cancel()  // the helper reads `bytes`: stopped before they go away
                    throw error
                }
                return (scenario, digest.value())
            }
        } catch {
            throw error.file == nil ? error.inFile(path) : error
        }
    }

    /// The format of the file at `path` by its name (`GraphFormat.detect`); a name that says JSON
    /// or nothing is a snapshot when the file starts with the snapshot's magic bytes.
    static func detect(path: String) -> GraphFormat {
        let named = GraphFormat.detect(path: path)
        guard named == nil || named == .scenario, path != "-", let handle = FileHandle(forReadingAtPath: path) else {
            return named ?? .scenario
        }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: ScenarioSnapshot.magic.count)) ?? Data()
        return ScenarioSnapshot.hasMagic(head) ? .snapshot : .scenario
    }

    /// The name of a scenario whose file gives none: the file's name without its extension.
    static func fallbackName(_ path: String) -> String {
        path == "-" ? "stdin" : URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
    }

    /// The decoder the streaming reader hands a node-link document to.
    private static func nodeLink(fallbackName: String, notes: ReadNotes? = nil)
        -> (JSONValue) throws(InputError) -> Scenario
    {
        { (value: JSONValue) throws(InputError) -> Scenario in
            let document = try NodeLinkJSON.decode(value)
            notes?.add(ScenarioGraphMapping.ignoredAttributes(document))
            return try ScenarioGraphMapping.scenario(document, fallbackName: fallbackName)
        }
    }

    /// Runs `body`, naming `path` in an error that names no file.
    private static func inFile<R>(_ path: String, _ body: () throws(InputError) -> R) throws(InputError) -> R {
        do { return try body() } catch { throw error.file == nil ? error.inFile(path) : error }
    }
}
