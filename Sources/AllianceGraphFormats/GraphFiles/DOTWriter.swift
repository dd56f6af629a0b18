@_spi(Internals) import AllianceGraph
/// GraphViz DOT (write only): an undirected `graph` with every vertex and edge attribute, plus
/// drawing hints: line style by commitment kind (`CommitmentStyle`), rivalries dashed red,
/// directed commitments (guarantee, patronage) with an arrow (`dir=forward`). Node ids are the
/// state codes. `neato -Tsvg` or `dot -Tsvg` draws it.
package enum DOTWriter {
    package static func encode(_ document: GraphDocument) -> String {
        let idColumn = document.vertexColumn("name")
        let ids = (0..<document.vertexCount).map { idColumn?.values[$0]?.text ?? String($0) }
        let graphName = document.graphAttribute("name")?.text ?? "alliances"
        var out = "\(document.directed ? "digraph" : "graph") \(quote(graphName)) {\n"
        var graphLine: [String] = []
        for attribute in document.graphAttributes where attribute.name != "scenario" && attribute.name != "name" {
            graphLine.append("\(quote(attribute.name))=\(quote(attribute.value.text))")
        }
        graphLine.append("overlap=false")
        out += "  graph [\(graphLine.joined(separator: ", "))];\n"
        out += "  node [shape=circle, style=filled, fillcolor=\"#dde6f0\", fontname=\"Helvetica\"];\n"
        for k in 0..<document.vertexCount {
            var attributes: [String] = []
            for column in document.vertexColumns where column.name != "name" {
                guard let value = column.values[k] else { continue }
                attributes.append("\(quote(column.name))=\(quote(value.text))")
            }
            out += "  \(quote(ids[k]))" + (attributes.isEmpty ? "" : " [\(attributes.joined(separator: ", "))]") + ";\n"
        }
        let arrow = document.directed ? "->" : "--"
        for (e, edge) in document.edges.enumerated() {
            var attributes: [String] = []
            var a = edge.source, b = edge.target
            for column in document.edgeColumns {
                guard let value = column.values[e] else { continue }
                attributes.append("\(quote(column.name))=\(quote(value.text))")
            }
            if let from = document.edgeColumn("from")?.values[e]?.text, ids[b] == from { swap(&a, &b) }
            let kind = document.edgeColumn("kind")?.values[e]?.text
            let symmetric = document.edgeColumn("symmetric")?.values[e]?.flag ?? true
            if let kind {
                let style = CommitmentStyle.style(forKind: kind)
                attributes.append("style=\(quote(style.dotStyle))")
                attributes.append("color=\(quote(style.colour))")
                attributes.append("penwidth=\(NumberFormat.json(style.width))")
            }
            if !symmetric && !document.directed { attributes.append("dir=forward") }
            out +=
                "  \(quote(ids[a])) \(arrow) \(quote(ids[b]))"
                + (attributes.isEmpty ? "" : " [\(attributes.joined(separator: ", "))]") + ";\n"
        }
        return out + "}\n"
    }

    /// A DOT double-quoted string: backslashes and quotes escaped, newlines as `\n`.
    static func quote(_ text: String) -> String {
        var out = "\""
        for character in text {
            switch character {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": continue
            default: out.append(character)
            }
        }
        return out + "\""
    }
}
