@_spi(Internals) import AllianceGraph

extension ScenarioGraphMapping {
    /// The alliance graph in force in `year` (default: the scenario's year) as a simple graph for
    /// other tools: one undirected edge per pair of allied states, no rivalries, no parallel
    /// edges, so that networkx and igraph read it with their default settings and give the
    /// metrics `alliancectl metrics` gives. Each edge has `strength` (the pair's largest mean
    /// pledge, the weight of our centralities: `AllianceGraphView`) and `length` = 1/strength (what
    /// betweenness and closeness take as distance). Vertices: `name` (code), `label`, `ccode`,
    /// `capability`, `major`. No `weight` attribute: tools disagree on whether it is a distance
    /// or a strength. Graph attributes: `name`, `year`, `codes` and `simple` = true.
    package static func simpleDocument(_ scenario: Scenario, year: Int? = nil, kinds: Set<CommitmentKind>? = nil)
        -> GraphDocument
    {
        let network = scenario.activeNetwork(year: year)
        let view = AllianceGraphView(network, kinds: kinds ?? Set(CommitmentKind.allCases))
        let states = network.states
        typealias V = GraphDocument.Value
        let vertexColumns: [GraphDocument.Column] = [
            .init(name: "name", type: .string, values: states.map { .string($0.code) }),
            .init(name: "label", type: .string, values: states.map { .string($0.name) }),
            .init(name: "ccode", type: .number, values: states.map { $0.ccode.map { .number(Double($0)) } }),
            .init(name: "capability", type: .number, values: states.map { .number($0.capability) }),
            .init(name: "major", type: .bool, values: states.map { .bool($0.major) }),
        ]
        let edgeColumns: [GraphDocument.Column] = [
            .init(name: "strength", type: .number, values: view.strengths.map { .number($0) }),
            .init(name: "length", type: .number, values: view.strengths.map { .number(1 / $0) }),
        ]
        var graph: [(name: String, value: V)] = [("name", .string(scenario.name))]
        if let effective = year ?? scenario.year { graph.append(("year", .number(Double(effective)))) }
        graph.append(("codes", .string(scenario.codes.rawValue)))
        graph.append(("simple", .bool(true)))
        return GraphDocument(
            directed: false, graphAttributes: graph, vertexCount: states.count, vertexColumns: vertexColumns,
            edges: view.edges.map { GraphDocument.Edge($0.low, $0.high) }, edgeColumns: edgeColumns)
    }

    /// Vertex attributes the reader uses (besides the code column `code`, `name` or `id`).
    static let vertexAttributesRead: Set<String> = Set(vertexAttributes + ["code", "id"])
    /// Edge attributes the reader uses; `length` (1/strength, from `--simple` exports) is derived
    /// from `strength` and skipped without a note.
    static let edgeAttributesRead: Set<String> = Set(edgeAttributes + ["length"])
    /// Graph attributes the reader uses; `simple` marks our own simple exports.
    static let graphAttributesRead: Set<String> = [
        "format", "name", "year", "codes", "description", "scenario", "simple", "multigraph",
    ]

    /// Notes for people about the attributes of `document` that reading it as a scenario leaves
    /// out, one per kind of attribute; a `weight` gets its own note, since another program
    /// meant it as strength or as distance and the reader takes neither.
    package static func ignoredAttributes(_ document: GraphDocument) -> [String] {
        var notes: [String] = []
        let edgeNames = document.edgeColumns.map(\.name)
        if edgeNames.contains(where: { $0.lowercased() == "weight" }) {
            notes.append(
                "edge attribute \"weight\" is ignored: tie strength is read from \"strength\" (credibility in "
                    + "[0, 1]), and networkx and igraph take \"weight\" as a distance in path measures; "
                    + "rename the attribute to \"strength\" if it holds tie strengths")
        }
        func list(_ names: [String], _ what: String, known: Set<String>) {
            let ignored = names.filter { !known.contains($0) && $0.lowercased() != "weight" }
            guard !ignored.isEmpty else { return }
            let shown = ignored.prefix(8).map { "\"\($0.prefix(40))\"" }.joined(separator: ", ")
            let more = ignored.count > 8 ? " and \(ignored.count - 8) more" : ""
            notes.append("\(what) attribute(s) \(shown)\(more) are not part of a scenario and are ignored")
        }
        list(document.vertexColumns.map(\.name), "vertex", known: vertexAttributesRead.union(["label"]))
        list(edgeNames, "edge", known: edgeAttributesRead)
        list(document.graphAttributes.map(\.name), "graph", known: graphAttributesRead)
        return notes
    }
}

/// Notes for people gathered while a file is read (attributes left out), printed by the command
/// that read it. A reference, so that it passes through the streaming reader's callbacks.
package final class ReadNotes: @unchecked Sendable {
    package private(set) var items: [String] = []
    package init() {}
    func add(_ notes: [String]) { items += notes }
}
