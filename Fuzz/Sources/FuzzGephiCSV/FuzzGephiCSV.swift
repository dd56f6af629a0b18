@_spi(Internals) import AllianceGraph
import FuzzSupport

/// libFuzzer entry point for the Gephi nodes/edges CSV reader. The input holds both tables: the
/// bytes before the first NUL byte are the nodes table, the bytes after it the edges table; an
/// empty part means that table is absent (so `\0...` is an edges table alone, and input without
/// a NUL is a nodes table alone). A table set is either a valid scenario that survives scenario
/// JSON and re-reads from the CSV written for it, or an `InputError`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzGephiCSV(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let (nodes, edges) = splitTables(bytes)
    guard let scenario = try? ScenarioLoader.decodeCSV(nodes: nodes, edges: edges, name: "fuzz") else { return 0 }
    checkRoundTrips(scenario, format: .scenario)
    let tables = GephiCSV.encode(ScenarioGraphMapping.document(scenario))
    do {
        _ = try ScenarioLoader.decodeCSV(
            nodes: Array(tables.nodes.utf8), edges: Array(tables.edges.utf8), name: "fuzz")
    } catch {
        fuzzFailure(
            "the CSV tables written for a parsed scenario do not read back: \(error)\n\(tables.nodes)\n\(tables.edges)")
    }
    return 0
}

/// Nodes before the first NUL, edges after it; empty parts are nil.
func splitTables(_ bytes: [UInt8]) -> (nodes: [UInt8]?, edges: [UInt8]?) {
    guard let cut = bytes.firstIndex(of: 0) else { return (bytes.isEmpty ? nil : bytes, nil) }
    let nodes = Array(bytes[..<cut]), edges = Array(bytes[(cut + 1)...])
    return (nodes.isEmpty ? nil : nodes, edges.isEmpty ? nil : edges)
}

@_cdecl("FuzzGephiCSV_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, fuzzGephiCSV)
}
