@_spi(Internals) import AllianceGraph
/// Gephi's spreadsheet import: a nodes table (`Id,Label,...`) and an edges table
/// (`Source,Target,Type,...`), both RFC 4180 CSV with a header.
///
/// Graph attributes (the scenario's name, year, parameters, contiguity, war plans) have no place
/// in these tables; they go to a third table, `BASE-graph.csv` (`key,value`), which Gephi does not
/// import and AllianceGraph reads back. Missing values are empty cells. Numbers are locale-free.
@_spi(Internals) public enum GephiCSV {
    /// The two tables of `document`: node ids from the `name` attribute (state codes), `Label`
    /// from `label`; `Type` is `Undirected` or `Directed`.
    public static func encode(_ document: GraphDocument) -> (nodes: String, edges: String) {
        let idColumn = document.vertexColumn("name")
        let ids = (0..<document.vertexCount).map { idColumn?.values[$0]?.text ?? String($0) }
        let others = document.vertexColumns.filter { $0.name != "name" && $0.name != "label" && $0.name != "id" }
        var lines = [(["Id", "Label"] + others.map(\.name)).map(CSV.field).joined(separator: ",")]
        for k in 0..<document.vertexCount {
            let label = document.vertexColumn("label")?.values[k]?.text ?? ids[k]
            lines.append(
                ([ids[k], label] + others.map { $0.values[k]?.text ?? "" }).map(CSV.field).joined(separator: ","))
        }
        let nodes = lines.joined(separator: "\n") + "\n"
        let type = document.directed ? "Directed" : "Undirected"
        let edgeOthers = document.edgeColumns.filter {
            !["source", "target", "type", "id"].contains($0.name.lowercased())
        }
        lines = [(["Source", "Target", "Type", "Id"] + edgeOthers.map(\.name)).map(CSV.field).joined(separator: ",")]
        for (e, edge) in document.edges.enumerated() {
            lines.append(
                ([ids[edge.source], ids[edge.target], type, String(e)] + edgeOthers.map { $0.values[e]?.text ?? "" })
                    .map(CSV.field).joined(separator: ","))
        }
        return (nodes, lines.joined(separator: "\n") + "\n")
    }

    /// Reads the tables (the nodes table may be nil: nodes then come from the edges, in order of
    /// first appearance). Every value is read as text; the scenario mapping converts numbers.
    package static func decode(nodes: CSVReader?, edges: CSVReader?) throws(InputError) -> GraphDocument {
        var ids: [String] = []
        var index: [String: Int] = [:]
        var vertexValues: [[GraphDocument.Value?]] = []
        var vertexNames: [String] = []
        if let nodes {
            guard let idColumn = nodes.column("Id") else {
                throw InputError(file: nodes.file, location: "line 1", "the nodes table needs an \"Id\" column")
            }
            vertexNames = nodes.header.enumerated().map {
                $0.offset == idColumn ? "id" : ($0.element.lowercased() == "label" ? "label" : $0.element)
            }
            vertexValues = nodes.header.map { _ in [] }
            try nodes.forEachRow { (fields: [String], line: Int) throws(InputError) in
                let id = fields[idColumn]
                if id.isEmpty { throw InputError(file: nodes.file, location: "line \(line)", "empty Id") }
                if index[id] != nil {
                    throw InputError(file: nodes.file, location: "line \(line)", "duplicate Id \"\(id.prefix(40))\"")
                }
                index[id] = ids.count
                ids.append(id)
                for (k, field) in fields.enumerated() { vertexValues[k].append(field.isEmpty ? nil : .string(field)) }
            }
        }
        var documentEdges: [GraphDocument.Edge] = []
        var edgeNames: [String] = []
        var edgeValues: [[GraphDocument.Value?]] = []
        var directed = false
        if let edges {
            let source = try edges.requireColumn("Source", layout: "Gephi edges (Source,Target,...)")
            let target = try edges.requireColumn("Target", layout: "Gephi edges (Source,Target,...)")
            let type = edges.column("Type")
            let keep = edges.header.indices.filter {
                ![source, target, type ?? -1].contains($0) && edges.header[$0].lowercased() != "id"
            }
            edgeNames = keep.map { edges.header[$0] }
            edgeValues = keep.map { _ in [] }
            let derive = nodes == nil
            var types = Set<String>()
            try edges.forEachRow { (fields: [String], line: Int) throws(InputError) in
                var ends: [Int] = []
                for column in [source, target] {
                    let id = fields[column]
                    if let k = index[id] { ends.append(k); continue }
                    guard derive, !id.isEmpty else {
                        throw InputError(
                            file: edges.file, location: "line \(line)",
                            "\"\(id.prefix(40))\" is not an Id in the nodes table")
                    }
                    index[id] = ids.count
                    ids.append(id)
                    ends.append(ids.count - 1)
                }
                documentEdges.append(.init(ends[0], ends[1]))
                if let type { types.insert(fields[type].lowercased()) }
                for (k, column) in keep.enumerated() {
                    edgeValues[k].append(fields[column].isEmpty ? nil : .string(fields[column]))
                }
            }
            directed = types == ["directed"]
        }
        if nodes == nil {
            vertexNames = ["id"]
            vertexValues = [ids.map { .string($0) }]
        }
        return GraphDocument(
            directed: directed, vertexCount: ids.count,
            vertexColumns: zip(vertexNames, vertexValues).map { .init(name: $0, type: .string, values: $1) },
            edges: documentEdges,
            edgeColumns: zip(edgeNames, edgeValues).map { .init(name: $0, type: .string, values: $1) })
    }

    /// The graph table: one `key,value` row per graph attribute.
    public static func encodeGraph(_ document: GraphDocument) -> String {
        var lines = ["key,value"]
        for (name, value) in document.graphAttributes { lines.append(CSV.field(name) + "," + CSV.field(value.text)) }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Reads a graph table (`key,value`), values as text.
    package static func decodeGraph(_ table: CSVReader) throws(InputError)
        -> [(name: String, value: GraphDocument.Value)]
    {
        let key = try table.requireColumn("key", layout: "graph attributes (key,value)")
        let value = try table.requireColumn("value", layout: "graph attributes (key,value)")
        var attributes: [(name: String, value: GraphDocument.Value)] = []
        try table.forEachRow { (fields: [String], line: Int) throws(InputError) in
            if attributes.count >= GraphDocument.maxAttributeNames {
                var error = GraphDocument.tooManyAttributeNames(attributes.count + 1, location: "line \(line)")
                error.file = table.file
                throw error
            }
            attributes.append((fields[key], .string(fields[value])))
        }
        return attributes
    }
}
