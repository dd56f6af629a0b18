@_spi(Internals) import AllianceGraph
/// networkx node-link JSON (`networkx.node_link_data` / `node_link_graph`, networkx 3.x).
///
/// Written: `{"directed": false, "multigraph": true, "graph": {...}, "nodes": [{"id": ...}],
/// "edges": [{"source": ..., "target": ..., "key": k, ...}]}` with node ids taken from the `name`
/// attribute (the state code), which is therefore not repeated. Missing values are omitted.
/// Read: `"edges"` or the older `"links"`; node ids may be strings or numbers; attributes of any
/// scalar type; nested values are kept as compact JSON text. A simple graph (`multigraph` false,
/// as `convert --simple` writes) has `"multigraph": false` and no edge keys.
package enum NodeLinkJSON {
    package static func encode(_ document: GraphDocument, multigraph: Bool = true) -> String {
        typealias V = GraphDocument.Value
        func json(_ value: V) -> JSONValue {
            switch value {
            case .string(let s): return .string(s)
            case .number(let v): return .number(v)
            case .bool(let b): return .bool(b)
            }
        }
        let idColumn = document.vertexColumn("name")
        let ids: [JSONValue] = (0..<document.vertexCount).map { k in
            idColumn?.values[k].map(json) ?? .integer(k)
        }
        var nodes: [JSONValue] = []
        for k in 0..<document.vertexCount {
            var m = [JSONMember(key: "id", value: ids[k])]
            for column in document.vertexColumns where column.name != "name" && column.name != "id" {
                if let value = column.values[k] { m.append(JSONMember(key: column.name, value: json(value))) }
            }
            nodes.append(.object(m))
        }
        var keys: [StatePairKey: Int] = [:]
        var edges: [JSONValue] = []
        for (e, edge) in document.edges.enumerated() {
            let pair = StatePairKey(a: edge.source, b: edge.target, directed: document.directed)
            let key = keys[pair, default: 0]
            keys[pair] = key + 1
            var m = [
                JSONMember(key: "source", value: ids[edge.source]), JSONMember(key: "target", value: ids[edge.target]),
            ]
            if multigraph { m.append(JSONMember(key: "key", value: .integer(key))) }
            for column in document.edgeColumns where !["source", "target", "key"].contains(column.name) {
                if let value = column.values[e] { m.append(JSONMember(key: column.name, value: json(value))) }
            }
            edges.append(.object(m))
        }
        let graph = JSONValue.object(document.graphAttributes.map { JSONMember(key: $0.name, value: json($0.value)) })
        return JSONWriter.serialize(
            .object([
                JSONMember(key: "directed", value: .bool(document.directed)),
                JSONMember(key: "multigraph", value: .bool(multigraph)),
                JSONMember(key: "graph", value: graph),
                JSONMember(key: "nodes", value: .array(nodes)),
                JSONMember(key: "edges", value: .array(edges)),
            ]))
    }

    private struct StatePairKey: Hashable {
        let low: Int, high: Int
        init(a: Int, b: Int, directed: Bool) {
            if directed || a <= b { low = a; high = b } else { low = b; high = a }
        }
    }

    /// Whether `bytes` look like node-link JSON (an object with `nodes`).
    static func looksLikeNodeLink(_ value: JSONValue) -> Bool {
        guard case .object(let members) = value else { return false }
        return looksLikeNodeLink(keys: members.map(\.key))
    }

    /// Whether a JSON object with these root keys is node-link JSON rather than a scenario: it
    /// has `"nodes"` and no `"format"` (the one rule of format detection by content).
    static func looksLikeNodeLink(keys: [String]) -> Bool {
        keys.contains("nodes") && !keys.contains("format")
    }

    package static func decode(_ bytes: [UInt8]) throws(InputError) -> GraphDocument {
        try decode(JSONParser.parse(bytes))
    }

    static func decode(_ root: JSONValue) throws(InputError) -> GraphDocument {
        guard case .object(let members) = root else { throw InputError("expected a node-link JSON object") }
        func member(_ key: String) -> JSONValue? { members.first { $0.key == key }?.value }
        var directed = false
        if let value = member("directed") {
            guard case .bool(let flag) = value else { throw InputError(location: "directed", "expected true or false") }
            directed = flag
        }
        let graphAttributes = try graphAttributes(member("graph"))
        guard let nodesValue = member("nodes") else {
            throw InputError(location: "nodes", "required array \"nodes\" is missing")
        }
        guard case .array(let nodes) = nodesValue else {
            throw InputError(location: "nodes", "expected an array of node objects, found \(nodesValue.typeName)")
        }
        // Both names at once is ambiguous (networkx writes one): refused, not resolved silently.
        if member("edges") != nil && member("links") != nil {
            throw InputError(location: "links", "both \"edges\" and \"links\" are given; keep one of them")
        }
        let edgeKey = member("edges") != nil ? "edges" : "links"
        guard let linksValue = member(edgeKey) else {
            throw InputError(location: "edges", "required array \"edges\" (or the older \"links\") is missing")
        }
        guard case .array(let links) = linksValue else {
            throw InputError(location: edgeKey, "expected an array of edge objects, found \(linksValue.typeName)")
        }
        let (ids, idValues) = try nodeIDs(nodes)
        let nodeAttributes = try AttributeTable(nodes, "nodes", skip: ["id"])
        let edges = try edgeEnds(links, edgeKey, ids: ids)
        let edgeAttributes = try AttributeTable(links, edgeKey, skip: ["source", "target", "key"])
        var vertexColumns = [
            GraphDocument.Column(name: "id", type: .string, values: idValues.map { $0.map { .string($0.text) } })
        ]
        vertexColumns += nodeAttributes.columns
        return GraphDocument(
            directed: directed, graphAttributes: graphAttributes, vertexCount: nodes.count,
            vertexColumns: vertexColumns, edges: edges, edgeColumns: edgeAttributes.columns)
    }

    /// A JSON value as an attribute value: scalars as they are, arrays and objects as compact
    /// JSON text, null as absent.
    fileprivate static func scalar(_ value: JSONValue) -> GraphDocument.Value? {
        switch value {
        case .null: return nil
        case .bool(let b): return .bool(b)
        case .number(let v, _): return .number(v)
        case .string(let s): return .string(s)
        case .array, .object: return .string(JSONWriter.serialize(value, pretty: false))
        }
    }

    private typealias GraphAttribute = (name: String, value: GraphDocument.Value)

    /// The `graph` member: an object of attributes, or (very old networkx) an array of
    /// `[key, value]` pairs; null values are dropped.
    private static func graphAttributes(_ graph: JSONValue?) throws(InputError) -> [GraphAttribute] {
        var graphAttributes: [GraphAttribute] = []
        guard let graph else { return graphAttributes }
        switch graph {
        case .object(let attributes):
            for attribute in attributes {
                if let v = scalar(attribute.value) { graphAttributes.append((attribute.key, v)) }
            }
        case .array(let pairs):
            for pair in pairs {
                if case .array(let kv) = pair, kv.count == 2, case .string(let key) = kv[0], let v = scalar(kv[1]) {
                    graphAttributes.append((key, v))
                }
            }
        default: throw InputError(location: "graph", "expected an object of graph attributes")
        }
        return graphAttributes
    }

    /// A node id as a key that tells strings from numbers (`"s:7"`, `"n:7"`); numbers in their
    /// shortest form, so that 7 and 7.0 are the same node. Nil for other JSON types.
    private static func idText(_ value: JSONValue) -> String? {
        switch value {
        case .string(let s): return "s:" + s
        case .number(_, let text): return "n:" + (Double(text).map(NumberFormat.json) ?? text)
        default: return nil
        }
    }

    /// Each node's index by id key (`idText`), and each node's id as an attribute value; every
    /// node needs an id, and ids are unique.
    private static func nodeIDs(_ nodes: [JSONValue]) throws(InputError) -> (
        ids: [String: Int], values: [GraphDocument.Value?]
    ) {
        var ids: [String: Int] = [:]
        var idValues: [GraphDocument.Value?] = []
        for (k, node) in nodes.enumerated() {
            guard case .object(let fields) = node, let id = fields.first(where: { $0.key == "id" })?.value,
                let text = idText(id)
            else {
                throw InputError(location: "nodes[\(k)].id", "each node needs an \"id\" (a string or a number)")
            }
            if ids[text] != nil {
                throw InputError(
                    location: "nodes[\(k)].id", "duplicate node id \(String(text.dropFirst(2)).prefix(40))")
            }
            ids[text] = k
            idValues.append(scalar(id))
        }
        return (ids, idValues)
    }

    /// Each link's `source` and `target` as node indices.
    private static func edgeEnds(_ links: [JSONValue], _ edgeKey: String, ids: [String: Int]) throws(InputError)
        -> [GraphDocument.Edge]
    {
        var edges: [GraphDocument.Edge] = []
        for (k, link) in links.enumerated() {
            guard case .object(let fields) = link else {
                throw InputError(location: "\(edgeKey)[\(k)]", "expected an object")
            }
            func end(_ key: String) throws(InputError) -> Int {
                guard let value = fields.first(where: { $0.key == key })?.value, let text = idText(value),
                    let index = ids[text]
                else {
                    throw InputError(location: "\(edgeKey)[\(k)].\(key)", "missing, or names no node id")
                }
                return index
            }
            edges.append(.init(try end("source"), try end("target")))
        }
        return edges
    }
}

/// The attributes of node or link objects as rows, and the attribute names in order of first
/// appearance with their type (a name whose values have different types becomes a string).
private struct AttributeTable {
    typealias V = GraphDocument.Value
    var rows: [[String: V]] = []
    var order: [(String, GraphDocument.ValueType)] = []

    /// Reads `items` (the array `what`), leaving out the fields in `skip`.
    init(_ items: [JSONValue], _ what: String, skip: Set<String>) throws(InputError) {
        var typeIndex: [String: Int] = [:]
        for (k, item) in items.enumerated() {
            guard case .object(let fields) = item else {
                throw InputError(location: "\(what)[\(k)]", "expected an object")
            }
            var row: [String: V] = [:]
            for field in fields where !skip.contains(field.key) {
                guard let v = NodeLinkJSON.scalar(field.value) else { continue }
                let type: GraphDocument.ValueType
                switch v {
                case .string: type = .string;
                case .number: type = .number;
                case .bool: type = .bool
                }
                if let t = typeIndex[field.key] {
                    if order[t].1 != type { order[t].1 = .string }
                } else {
                    if order.count >= GraphDocument.maxAttributeNames {
                        throw GraphDocument.tooManyAttributeNames(
                            order.count + 1, location: "\(what)[\(k)].\(field.key.prefix(40))")
                    }
                    typeIndex[field.key] = order.count
                    order.append((field.key, type))
                }
                row[field.key] = v
            }
            rows.append(row)
        }
    }

    /// One column per attribute name; values of a string column as text.
    var columns: [GraphDocument.Column] {
        order.map { name, type in
            GraphDocument.Column(
                name: name, type: type,
                values: rows.map { row in
                    guard let v = row[name] else { return nil }
                    return type == .string ? .string(v.text) : v
                })
        }
    }
}
