import CIgraph
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// GraphML and GML through igraph's readers and writers (`igraph_read_graph_graphml`,
/// `igraph_write_graph_graphml`, `igraph_read_graph_gml`, `igraph_write_graph_gml`), with
/// attributes through igraph's C attribute table (installed by `IGraph.run`).
///
/// Files go through in-memory `FILE*` streams (`fmemopen`, `open_memstream`); nothing touches
/// the disk. Reading errors (malformed XML, bad GML syntax) come back as `InputError`s, never
/// as aborts.
package enum IGraphForeign {
    package enum Format: String, Sendable {
        case graphml = "GraphML"
        case gml = "GML"
    }

    /// Parses GraphML (the first graph in the file) or GML into a `GraphDocument`.
    package static func read(_ bytes: [UInt8], format: Format) throws(InputError) -> GraphDocument {
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            throw InputError("the \(format.rawValue) file is empty")
        }
        // igraph keeps a value of every attribute for every vertex or edge: bound the names
        // before it allocates (GraphDocument.maxAttributeNames).
        let names = format == .graphml ? graphMLKeyCount(bytes) : gmlKeyNameCount(bytes)
        if names > GraphDocument.maxAttributeNames { throw GraphDocument.tooManyAttributeNames(names) }
        let document: GraphDocument
        do {
            document = try IGraph.run { () throws(ComputationError) -> GraphDocument in
                let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: bytes.count)
                defer { buffer.deallocate() }
                buffer.initialize(from: bytes, count: bytes.count)
                guard let stream = fmemopen(buffer, bytes.count, "r") else {
                    throw ComputationError(
                        operation: "reading \(format.rawValue)", reason: "can't open an in-memory stream")
                }
                let storage = UnsafeMutablePointer<igraph_t>.allocate(capacity: 1)
                let code: igraph_error_t
                switch format {
                case .graphml: code = igraph_read_graph_graphml(storage, stream, 0)
                case .gml: code = igraph_read_graph_gml(storage, stream)
                }
                fclose(stream)
                if code != IGRAPH_SUCCESS {
                    storage.deallocate()
                    try IGraph.check(code, "reading \(format.rawValue)")
                }
                let graph = IGraphGraph(adopting: storage)
                return try extract(graph)
            }
        } catch {
            throw InputError("malformed \(format.rawValue): \(error.reason)")
        }
        try document.validate()
        return document
    }

    /// The number of `<key` elements (attribute declarations) in GraphML bytes, counting up to
    /// one past the bound.
    static func graphMLKeyCount(_ bytes: [UInt8]) -> Int {
        let pattern = Array("<key".utf8)
        var count = 0, k = 0
        while k + pattern.count < bytes.count, count <= GraphDocument.maxAttributeNames {
            if bytes[k] == pattern[0], bytes[k + 1] == pattern[1], bytes[k + 2] == pattern[2],
                bytes[k + 3] == pattern[3]
            {
                let next = bytes[k + 4]
                if next == 0x20 || next == 0x09 || next == 0x0A || next == 0x0D || next == UInt8(ascii: "/")
                    || next == UInt8(ascii: ">")
                {
                    count += 1
                }
                k += 4
            } else {
                k += 1
            }
        }
        return count
    }

    /// The number of distinct keys in GML bytes, counting up to one past the bound: in GML every
    /// word outside a quoted string that starts with a letter or `_` is a key (values are
    /// numbers, strings or lists); `#` starts a comment line.
    static func gmlKeyNameCount(_ bytes: [UInt8]) -> Int {
        var names = Set<ArraySlice<UInt8>>()
        var k = 0
        func isLetter(_ b: UInt8) -> Bool {
            (b | 0x20) >= UInt8(ascii: "a") && (b | 0x20) <= UInt8(ascii: "z") || b == UInt8(ascii: "_")
        }
        func isWordByte(_ b: UInt8) -> Bool { isLetter(b) || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) }
        while k < bytes.count, names.count <= GraphDocument.maxAttributeNames {
            let b = bytes[k]
            if b == UInt8(ascii: "\"") {
                k += 1
                while k < bytes.count, bytes[k] != UInt8(ascii: "\"") { k += 1 }
                k += 1
            } else if b == UInt8(ascii: "#") {
                while k < bytes.count, bytes[k] != 0x0A { k += 1 }
            } else if isLetter(b) {
                let start = k
                while k < bytes.count, isWordByte(bytes[k]) { k += 1 }
                names.insert(bytes[start..<k])
            } else if isWordByte(b) || b == UInt8(ascii: ".") || b == UInt8(ascii: "-") || b == UInt8(ascii: "+") {
                // A number, exponent letters included (1e5, 2E-3): not a key.
                while k < bytes.count,
                    isWordByte(bytes[k]) || bytes[k] == UInt8(ascii: ".") || bytes[k] == UInt8(ascii: "-")
                        || bytes[k] == UInt8(ascii: "+")
                { k += 1 }
            } else {
                k += 1
            }
        }
        // The structural keys (graph, node, edge, id, source, target, ...) are keys too, but few.
        return names.count
    }

    /// Writes `document` as GraphML (attribute keys prefixed `g_`, `v_`, `e_` so that vertex and
    /// edge attributes of the same name don't clash; `attr.name` is the plain name) or GML.
    package static func write(_ document: GraphDocument, format: Format) throws(ComputationError) -> String {
        try IGraph.run { () throws(ComputationError) -> String in
            let graph = try IGraphGraph(
                vertexCount: document.vertexCount,
                edges: document.edges.map { ($0.source, $0.target) },
                directed: document.directed)
            try apply(document, to: graph)
            var buffer: UnsafeMutablePointer<CChar>?
            var size = 0
            guard let stream = open_memstream(&buffer, &size) else {
                throw ComputationError(
                    operation: "writing \(format.rawValue)", reason: "can't open an in-memory stream")
            }
            let code: igraph_error_t
            switch format {
            case .graphml: code = igraph_write_graph_graphml(graph.pointer, stream, true)
            case .gml:
                code = igraph_write_graph_gml(
                    graph.pointer, stream, igraph_write_gml_sw_t(IGRAPH_WRITE_GML_DEFAULT_SW),
                    nil, "AllianceGraph")
            }
            fclose(stream)
            defer { free(buffer) }
            try IGraph.check(code, "writing \(format.rawValue)")
            guard let buffer else { return "" }
            return buffer.withMemoryRebound(to: UInt8.self, capacity: size) {
                String(decoding: UnsafeBufferPointer(start: $0, count: size), as: UTF8.self)
            }
        }
    }

    private static func apply(_ document: GraphDocument, to graph: borrowing IGraphGraph) throws(ComputationError) {
        let g = graph.pointer
        for attribute in document.graphAttributes {
            switch attribute.value {
            case .string(let s):
                try IGraph.check(igraph_cattribute_GAS_set(g, attribute.name, s), "setting a graph attribute")
            case .number(let v):
                try IGraph.check(igraph_cattribute_GAN_set(g, attribute.name, v), "setting a graph attribute")
            case .bool(let b):
                try IGraph.check(igraph_cattribute_GAB_set(g, attribute.name, b), "setting a graph attribute")
            }
        }
        for column in document.vertexColumns {
            for (k, value) in column.values.enumerated() {
                let id = igraph_integer_t(k)
                switch column.type {
                case .string:
                    try IGraph.check(
                        igraph_cattribute_VAS_set(g, column.name, id, value?.text ?? ""), "setting a vertex attribute")
                case .number:
                    try IGraph.check(
                        igraph_cattribute_VAN_set(g, column.name, id, value?.number ?? .nan),
                        "setting a vertex attribute")
                case .bool:
                    try IGraph.check(
                        igraph_cattribute_VAB_set(g, column.name, id, value?.flag ?? false),
                        "setting a vertex attribute")
                }
            }
        }
        for column in document.edgeColumns {
            for (k, value) in column.values.enumerated() {
                let id = igraph_integer_t(k)
                switch column.type {
                case .string:
                    try IGraph.check(
                        igraph_cattribute_EAS_set(g, column.name, id, value?.text ?? ""), "setting an edge attribute")
                case .number:
                    try IGraph.check(
                        igraph_cattribute_EAN_set(g, column.name, id, value?.number ?? .nan),
                        "setting an edge attribute")
                case .bool:
                    try IGraph.check(
                        igraph_cattribute_EAB_set(g, column.name, id, value?.flag ?? false), "setting an edge attribute"
                    )
                }
            }
        }
    }

    /// Reads the structure and every attribute of `graph`. Empty strings and NaN numbers are
    /// read as missing values.
    private static func extract(_ graph: borrowing IGraphGraph) throws(ComputationError) -> GraphDocument {
        let g = graph.pointer
        let n = Int(igraph_vcount(g))
        let list = IGraphIntegerVector()
        try IGraph.check(igraph_get_edgelist(g, list.pointer, false), "reading the edge list")
        let flat = list.array
        var edges: [GraphDocument.Edge] = []
        edges.reserveCapacity(flat.count / 2)
        var k = 0
        while k + 1 < flat.count { edges.append(GraphDocument.Edge(flat[k], flat[k + 1])); k += 2 }

        let gnames = IGraphStringVector(), vnames = IGraphStringVector(), enames = IGraphStringVector()
        let gtypes = IGraphIntegerVector(), vtypes = IGraphIntegerVector(), etypes = IGraphIntegerVector()
        try IGraph.check(
            igraph_cattribute_list(
                g, gnames.pointer, gtypes.pointer, vnames.pointer, vtypes.pointer,
                enames.pointer, etypes.pointer), "listing attributes")
        var graphAttributes: [(name: String, value: GraphDocument.Value)] = []
        for (name, type) in zip(gnames.array, gtypes.array) {
            switch igraph_attribute_type_t(UInt32(type)) {
            case IGRAPH_ATTRIBUTE_NUMERIC:
                let v = igraph_cattribute_GAN(g, name)
                if !v.isNaN { graphAttributes.append((name, .number(v))) }
            case IGRAPH_ATTRIBUTE_BOOLEAN:
                graphAttributes.append((name, .bool(igraph_cattribute_GAB(g, name))))
            case IGRAPH_ATTRIBUTE_STRING:
                let s = igraph_cattribute_GAS(g, name).map { String(cString: $0) } ?? ""
                if !s.isEmpty { graphAttributes.append((name, .string(s))) }
            default: continue
            }
        }
        func columns(_ names: [String], _ types: [Int], vertex: Bool) throws(ComputationError) -> [GraphDocument.Column]
        {
            var result: [GraphDocument.Column] = []
            for (name, type) in zip(names, types) {
                switch igraph_attribute_type_t(UInt32(type)) {
                case IGRAPH_ATTRIBUTE_NUMERIC:
                    let values = IGraphRealVector()
                    if vertex {
                        try IGraph.check(
                            igraph_cattribute_VANV(g, name, igraph_vss_all(), values.pointer), "reading \(name)")
                    } else {
                        try IGraph.check(
                            igraph_cattribute_EANV(g, name, igraph_ess_all(IGRAPH_EDGEORDER_ID), values.pointer),
                            "reading \(name)")
                    }
                    result.append(
                        .init(
                            name: name, type: .number,
                            values: values.array.map { $0.isNaN ? nil : .number($0) }))
                case IGRAPH_ATTRIBUTE_BOOLEAN:
                    let count = vertex ? n : edges.count
                    var values: [GraphDocument.Value?] = []
                    values.reserveCapacity(count)
                    for id in 0..<count {
                        let flag =
                            vertex
                            ? igraph_cattribute_VAB(g, name, igraph_integer_t(id))
                            : igraph_cattribute_EAB(g, name, igraph_integer_t(id))
                        values.append(.bool(flag))
                    }
                    result.append(.init(name: name, type: .bool, values: values))
                case IGRAPH_ATTRIBUTE_STRING:
                    let values = IGraphStringVector()
                    if vertex {
                        try IGraph.check(
                            igraph_cattribute_VASV(g, name, igraph_vss_all(), values.pointer), "reading \(name)")
                    } else {
                        try IGraph.check(
                            igraph_cattribute_EASV(g, name, igraph_ess_all(IGRAPH_EDGEORDER_ID), values.pointer),
                            "reading \(name)")
                    }
                    result.append(
                        .init(
                            name: name, type: .string,
                            values: values.array.map { $0.isEmpty ? nil : .string($0) }))
                default: continue
                }
            }
            return result
        }
        return GraphDocument(
            directed: igraph_is_directed(g), graphAttributes: graphAttributes, vertexCount: n,
            vertexColumns: try columns(vnames.array, vtypes.array, vertex: true),
            edges: edges,
            edgeColumns: try columns(enames.array, etypes.array, vertex: false))
    }
}

extension IGraphGraph {
    /// Takes ownership of a graph that igraph initialised (e.g. by a reader).
    init(adopting storage: UnsafeMutablePointer<igraph_t>) {
        pointer = storage
    }
}

/// An `igraph_strvector_t`, owned; destroyed in `deinit`.
struct IGraphStringVector: ~Copyable {
    let pointer: UnsafeMutablePointer<igraph_strvector_t>

    init() {
        pointer = .allocate(capacity: 1)
        precondition(igraph_strvector_init(pointer, 0) == IGRAPH_SUCCESS, "igraph: out of memory")
    }

    var array: [String] {
        let count = Int(igraph_strvector_size(pointer))
        return (0..<count).map { k in
            igraph_strvector_get(pointer, igraph_integer_t(k)).map { String(cString: $0) } ?? ""
        }
    }

    deinit {
        igraph_strvector_destroy(pointer)
        pointer.deallocate()
    }
}
