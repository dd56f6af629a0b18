@_spi(Internals) import AllianceGraph
/// How a scenario becomes an attributed graph and back (docs/FORMATS.md, "Attribute mapping").
///
/// One vertex per state (`name` = code, `label` = display name, then every state field); one
/// undirected edge per commitment (`kind`, `from`, `to`, `symmetric`, `strength` = credibility
/// of `from`'s pledge, `reverseStrength`, `since`, `until`, `note`) and one per rivalry (`kind` =
/// `rivalry`, `intensity`, ...). Credibility is exported as `strength`, never `weight` (igraph,
/// networkx and R read `weight` as a distance in path measures). Graph attributes hold the
/// scenario's name, year, code system, description, and `scenario`: compact JSON with the
/// sources, parameters, contiguity, war plans and propensities, so that nothing is lost.
@_spi(Internals) public enum ScenarioGraphMapping {
    /// The tag stored in the `format` graph attribute.
    public static let formatTag = ScenarioReader.formatTag

    /// Vertex attribute names, in the order written.
    public static let vertexAttributes = [
        "name", "label", "ccode", "capability", "gdp", "effort", "baselineEffort",
        "major", "hawkishness", "intent", "note",
    ]
    /// Edge attribute names, in the order written.
    public static let edgeAttributes = [
        "kind", "from", "to", "symmetric", "strength", "reverseStrength", "intensity",
        "since", "until", "note",
    ]

    /// The kind value of a rivalry edge.
    public static let rivalryKind = "rivalry"

    // MARK: scenario -> graph

    /// The scenario as an attributed multigraph (every tie of every year; the year is an attribute).
    public static func document(_ scenario: Scenario) -> GraphDocument {
        let network = scenario.network
        let states = network.states
        typealias V = GraphDocument.Value
        func col(_ name: String, _ type: GraphDocument.ValueType, _ values: [V?]) -> GraphDocument.Column {
            GraphDocument.Column(name: name, type: type, values: values)
        }
        let vertexColumns: [GraphDocument.Column] = [
            col("name", .string, states.map { .string($0.code) }),
            col("label", .string, states.map { .string($0.name) }),
            col("ccode", .number, states.map { $0.ccode.map { .number(Double($0)) } }),
            col("capability", .number, states.map { .number($0.capability) }),
            col("gdp", .number, states.map { .number($0.gdp) }),
            col("effort", .number, states.map { .number($0.effort) }),
            col("baselineEffort", .number, states.map { .number($0.baselineEffort) }),
            col("major", .bool, states.map { .bool($0.major) }),
            col("hawkishness", .number, states.map { .number($0.hawkishness) }),
            col("intent", .number, states.map { .number($0.intent) }),
            col("note", .string, states.map { $0.note.map(V.string) }),
        ]
        var edges: [GraphDocument.Edge] = []
        var kind: [V?] = [], from: [V?] = [], to: [V?] = [], symmetric: [V?] = [], strength: [V?] = []
        var reverse: [V?] = [], intensity: [V?] = [], since: [V?] = [], until: [V?] = [], note: [V?] = []
        for c in network.commitments {
            edges.append(.init(c.from.index, c.to.index))
            kind.append(.string(c.kind.rawValue))
            from.append(.string(states[c.from.index].code))
            to.append(.string(states[c.to.index].code))
            symmetric.append(.bool(c.isSymmetric))
            strength.append(.number(c.credibility))
            reverse.append(c.reverseCredibility.map(V.number))
            intensity.append(nil)
            since.append(c.since.map { .number(Double($0)) })
            until.append(c.until.map { .number(Double($0)) })
            note.append(c.note.map(V.string))
        }
        for r in network.rivalries {
            edges.append(.init(r.pair.low.index, r.pair.high.index))
            kind.append(.string(rivalryKind))
            from.append(.string(states[r.pair.low.index].code))
            to.append(.string(states[r.pair.high.index].code))
            symmetric.append(.bool(true))
            strength.append(nil)
            reverse.append(nil)
            intensity.append(.number(r.intensity))
            since.append(r.since.map { .number(Double($0)) })
            until.append(r.until.map { .number(Double($0)) })
            note.append(r.note.map(V.string))
        }
        let edgeColumns = [
            col("kind", .string, kind), col("from", .string, from), col("to", .string, to),
            col("symmetric", .bool, symmetric), col("strength", .number, strength),
            col("reverseStrength", .number, reverse), col("intensity", .number, intensity),
            col("since", .number, since), col("until", .number, until), col("note", .string, note),
        ]
        var graph: [(name: String, value: V)] = [("format", .string(formatTag)), ("name", .string(scenario.name))]
        if let year = scenario.year { graph.append(("year", .number(Double(year)))) }
        graph.append(("codes", .string(scenario.codes.rawValue)))
        if let description = scenario.description { graph.append(("description", .string(description))) }
        graph.append(("scenario", .string(JSONWriter.serialize(extras(scenario), pretty: false))))
        return GraphDocument(
            directed: false, graphAttributes: graph, vertexCount: states.count,
            vertexColumns: vertexColumns, edges: edges, edgeColumns: edgeColumns)
    }

    /// The members of the scenario document that have no vertex or edge form.
    static func extras(_ scenario: Scenario) -> JSONValue {
        guard case .object(let members) = ScenarioWriter.document(scenario) else { return .object([]) }
        let keep: Set<String> = ["sources", "parameters", "contiguity", "warPlans", "propensities"]
        return .object(members.filter { keep.contains($0.key) })
    }

    // MARK: graph -> scenario

    /// Rebuilds a scenario from an attributed graph: ours (lossless) or another program's
    /// (networkx, igraph, Gephi). Foreign graphs: the state code comes from `code`, `name` or
    /// `id`; an edge without `kind` is a defence commitment; credibility from `strength`
    /// (`weight` is never read as strength); capability 1/n where absent. Everything is validated
    /// like a scenario file; errors name the vertex or edge.
    public static func scenario(_ document: GraphDocument, fallbackName: String) throws(InputError) -> Scenario {
        try document.validate()
        let columns = AttributeColumns(document)
        let n = document.vertexCount
        if n == 0 { throw InputError("the graph has no vertices; a scenario needs at least one state") }
        let codeColumn = try stateCodeColumn(columns)
        var codes: [String] = []
        for k in 0..<n {
            guard let value = codeColumn?.values[k] else {
                throw InputError(
                    location: "vertex \(k)",
                    "has no state code; give each vertex a \"name\" (or \"code\" or \"id\") attribute")
            }
            codes.append(Self.codeText(value))
        }
        var states: [JSONValue] = []
        for k in 0..<n {
            states.append(.object(try stateMembers(k, codes: codes, codeColumn: codeColumn, columns: columns)))
        }
        let ties = try EdgeReader(document: document, columns: columns, codes: codes).ties()

        var root = try graphMembers(document, fallbackName: fallbackName)
        root.append(.init(key: "states", value: .array(states)))
        root.append(.init(key: "commitments", value: .array(ties.commitments)))
        root.append(.init(key: "rivalries", value: .array(ties.rivalries)))
        root += try extraMembers(document)
        do {
            return try ScenarioReader.decode(.object(root))
        } catch {
            throw relocated(error, commitmentEdge: ties.commitmentEdge, rivalryEdge: ties.rivalryEdge)
        }
    }

    /// The column of state codes: the first of `code`, `name` and `id` whose values are all valid
    /// state codes (a foreign file's `name` may hold display names such as "United Kingdom");
    /// else the first present, which then fails validation with a message.
    private static func stateCodeColumn(_ columns: AttributeColumns) throws(InputError) -> GraphDocument.Column? {
        let candidates = ["code", "name", "id"].compactMap { columns.vertex[$0] }
        try refuseEmptyCodes(candidates.filter { $0.name != "id" })
        return candidates.first { column in
            column.values.allSatisfy { value in
                guard let value else { return false }
                do { try AllianceNetwork.checkCode(Self.codeText(value), at: ""); return true } catch {
                    return false
                }
            }
        } ?? candidates.first
    }

    /// The members of vertex `k`'s object in the scenario's `states`: its code, then the state
    /// fields it has (capability 1/n where absent).
    private static func stateMembers(
        _ k: Int, codes: [String], codeColumn: GraphDocument.Column?, columns: AttributeColumns
    ) throws(InputError) -> [JSONMember] {
        let vertexColumn = { (name: String) in columns.vertex[name] }
        let at = "vertex \(k) (\(codes[k].prefix(20)))"
        var m: [JSONMember] = [JSONMember(key: "code", value: .string(codes[k]))]
        if let ccode = try AttributeColumns.integer(vertexColumn("ccode"), k, "\(at).ccode") {
            m.append(.init(key: "ccode", value: ccode))
        }
        if let label = vertexColumn("label")?.values[k]?.text, codeColumn?.name != "label" {
            m.append(.init(key: "name", value: .string(label)))
        } else if codeColumn?.name != "name", let name = vertexColumn("name")?.values[k]?.text {
            m.append(.init(key: "name", value: .string(name)))
        }
        let defaultCapability = 1 / Double(codes.count)
        let capability =
            try AttributeColumns.number(vertexColumn("capability"), k, "\(at).capability") ?? defaultCapability
        m.append(.init(key: "capability", value: .number(capability)))
        for key in ["gdp", "effort", "baselineEffort"] {
            if let v = try AttributeColumns.number(vertexColumn(key), k, "\(at).\(key)") {
                m.append(.init(key: key, value: .number(v)))
            }
        }
        if let flag = vertexColumn("major")?.values[k] {
            guard let major = flag.flag else {
                throw InputError(location: "\(at).major", "\"\(flag.text.prefix(20))\" is not true or false")
            }
            m.append(.init(key: "major", value: .bool(major)))
        }
        for key in ["hawkishness", "intent"] {
            if let v = try AttributeColumns.number(vertexColumn(key), k, "\(at).\(key)") {
                m.append(.init(key: key, value: .number(v)))
            }
        }
        if let note = vertexColumn("note")?.values[k]?.text { m.append(.init(key: "note", value: .string(note))) }
        return m
    }

    /// The scenario's first members from the graph attributes: format, name (`fallbackName`
    /// when absent), year, codes and description.
    private static func graphMembers(_ document: GraphDocument, fallbackName: String) throws(InputError)
        -> [JSONMember]
    {
        var root: [JSONMember] = [
            .init(key: "format", value: .string(ScenarioReader.formatTag)),
            .init(key: "name", value: .string(document.graphAttribute("name")?.text ?? fallbackName)),
        ]
        if let year = document.graphAttribute("year") {
            guard let v = year.number, v == v.rounded(), abs(v) < 1e6 else {
                throw InputError(location: "graph attribute year", "\"\(year.text.prefix(20))\" is not a year")
            }
            root.append(.init(key: "year", value: .integer(Int(v))))
        }
        if let codes = document.graphAttribute("codes")?.text {
            root.append(.init(key: "codes", value: .string(codes)))
        }
        if let description = document.graphAttribute("description")?.text {
            root.append(.init(key: "description", value: .string(description)))
        }
        return root
    }

    /// The members of the `scenario` graph attribute (the parts with no vertex or edge form),
    /// checked to be a JSON object of the allowed fields; none when it is absent.
    private static func extraMembers(_ document: GraphDocument) throws(InputError) -> [JSONMember] {
        guard let text = document.graphAttribute("scenario")?.text else { return [] }
        let extras: JSONValue
        do { extras = try JSONParser.parse(Array(text.utf8)) } catch {
            throw InputError(location: "graph attribute scenario", error.message)
        }
        guard case .object(let members) = extras else {
            throw InputError(location: "graph attribute scenario", "expected a JSON object")
        }
        let allowed: Set<String> = ["sources", "parameters", "contiguity", "warPlans", "propensities"]
        for member in members where !allowed.contains(member.key) {
            throw InputError(
                location: "graph attribute scenario", "unexpected field \"\(member.key.prefix(40))\"")
        }
        return members
    }

    /// A vertex value as a code: integral numbers without a fraction.
    static func codeText(_ value: GraphDocument.Value) -> String {
        if case .number(let v) = value, v == v.rounded(), abs(v) < 1e15 { return NumberFormat.json(v) }
        return value.text
    }

    /// Rewrites `commitments[3].x` as `edge 7: x` (and states[k] as vertex k) in an error.
    private static func relocated(_ error: InputError, commitmentEdge: [Int], rivalryEdge: [Int]) -> InputError {
        guard let location = error.location else { return error }
        var copy = error
        for (prefix, map, noun) in [
            ("commitments[", commitmentEdge, "edge"), ("rivalries[", rivalryEdge, "edge"),
            ("states[", [], "vertex"),
        ] where location.hasPrefix(prefix) {
            let rest = location.dropFirst(prefix.count)
            guard let close = rest.firstIndex(of: "]"), let k = Int(rest[..<close]) else { continue }
            let number = map.isEmpty ? k : (k < map.count ? map[k] : k)
            var field = String(rest[rest.index(after: close)...])
            // The graph formats call a commitment's credibility "strength" and a state's name "label".
            for (scenarioName, graphName) in [
                (".credibility", ".strength"), (".reverseCredibility", ".reverseStrength"), (".name", ".label"),
            ]
            where field == scenarioName {
                field = graphName
            }
            copy.location = "\(noun) \(number)" + field
        }
        return copy
    }

    /// Refuses a `code` or `name` column that holds state codes for some vertices and nothing
    /// (missing or empty) for others: the column would be passed over for the node ids, turning
    /// every state's code into its id because of one gap.
    static func refuseEmptyCodes(_ columns: [GraphDocument.Column]) throws(InputError) {
        for column in columns {
            func isCode(_ value: GraphDocument.Value?) -> Bool {
                guard let value else { return false }
                do { try AllianceNetwork.checkCode(codeText(value), at: ""); return true } catch { return false }
            }
            guard column.values.contains(where: isCode) else { continue }
            if let k = column.values.firstIndex(where: { $0 == nil || codeText($0!).isEmpty }) {
                throw InputError(
                    location: "vertex \(k).\(column.name)",
                    "is empty while other vertices' \"\(column.name)\" are state codes; give every vertex its code")
            }
        }
    }
}

/// A graph document's attribute columns by name, looked up once each so that a file with many
/// attribute names stays linear (the first column of a name wins, as in
/// `GraphDocument.vertexColumn(_:)`), and typed reads of their values.
private struct AttributeColumns {
    let vertex: [String: GraphDocument.Column]
    let edge: [String: GraphDocument.Column]

    init(_ document: GraphDocument) {
        vertex = Dictionary(document.vertexColumns.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        edge = Dictionary(document.edgeColumns.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Value `k` of `column` as a finite number; nil when the column or the value is absent.
    /// `what` locates the value in errors.
    static func number(_ column: GraphDocument.Column?, _ k: Int, _ what: String) throws(InputError) -> Double? {
        guard let value = column?.values[k] else { return nil }
        guard let v = value.number else {
            throw InputError(location: what, "\"\(value.text.prefix(40))\" is not a number")
        }
        guard v.isFinite else {
            throw InputError(location: what, "\(value.text.prefix(40)) is not a finite number")
        }
        return v
    }

    /// Value `k` of `column` as an integer of magnitude below 1e9; nil when absent.
    static func integer(_ column: GraphDocument.Column?, _ k: Int, _ what: String) throws(InputError) -> JSONValue? {
        guard let v = try number(column, k, what) else { return nil }
        guard v == v.rounded(), abs(v) < 1e9 else { throw InputError(location: what, "\(v) is not an integer") }
        return .integer(Int(v))
    }
}

/// The edges of a graph document as the scenario's `commitments` and `rivalries` objects, with
/// the edge each object came from (to name the edge in the scenario's validation errors).
private struct EdgeReader {
    let document: GraphDocument
    let columns: AttributeColumns
    /// The state code of each vertex.
    let codes: [String]

    struct Ties {
        var commitments: [JSONValue] = [], rivalries: [JSONValue] = []
        var commitmentEdge: [Int] = [], rivalryEdge: [Int] = []
    }

    /// The optional `since`, `until` and `note` of an edge, written after its other members.
    struct Spell {
        let since: JSONValue?, until: JSONValue?, note: String?

        func append(to m: inout [JSONMember]) {
            if let since { m.append(.init(key: "since", value: since)) }
            if let until { m.append(.init(key: "until", value: until)) }
            if let note { m.append(.init(key: "note", value: .string(note))) }
        }
    }

    private func edgeColumn(_ name: String) -> GraphDocument.Column? { columns.edge[name] }

    func ties() throws(InputError) -> Ties {
        var ties = Ties()
        for (e, edge) in document.edges.enumerated() {
            let at = "edge \(e) (\(codes[edge.source].prefix(20))-\(codes[edge.target].prefix(20)))"
            let kindText = edgeColumn("kind")?.values[e]?.text ?? CommitmentKind.defense.rawValue
            let (a, b) = try ends(e, edge, at: at)
            let spell = Spell(
                since: try AttributeColumns.integer(edgeColumn("since"), e, "\(at).since"),
                until: try AttributeColumns.integer(edgeColumn("until"), e, "\(at).until"),
                note: edgeColumn("note")?.values[e]?.text)
            if kindText == ScenarioGraphMapping.rivalryKind {
                var m: [JSONMember] = [.init(key: "between", value: .array([.string(codes[a]), .string(codes[b])]))]
                if let v = try AttributeColumns.number(edgeColumn("intensity"), e, "\(at).intensity") {
                    m.append(.init(key: "intensity", value: .number(v)))
                }
                spell.append(to: &m)
                ties.rivalries.append(.object(m))
                ties.rivalryEdge.append(e)
            } else {
                ties.commitments.append(.object(try commitment(kindText, e, a, b, spell, at: at)))
                ties.commitmentEdge.append(e)
            }
        }
        return ties
    }

    /// The edge's ends as vertices, in the order of its `from` and `to` attributes when it has
    /// both (which must name its endpoints), else as stored.
    private func ends(_ e: Int, _ edge: GraphDocument.Edge, at: String) throws(InputError) -> (Int, Int) {
        var a = edge.source, b = edge.target
        if let fromCode = edgeColumn("from")?.values[e]?.text, let toCode = edgeColumn("to")?.values[e]?.text {
            let ends = [codes[edge.source], codes[edge.target]]
            guard ends == [fromCode, toCode] || ends == [toCode, fromCode] else {
                throw InputError(
                    location: "\(at).from",
                    "from/to (\(fromCode.prefix(20)), \(toCode.prefix(20))) don't match the edge's endpoints")
            }
            if ends[0] != fromCode { swap(&a, &b) }
        }
        return (a, b)
    }

    /// The members of a commitment edge: its kind, its states (`between` when symmetric, else
    /// `from` and `to`), credibilities from `strength` and `reverseStrength`, and its spell.
    private func commitment(_ kindText: String, _ e: Int, _ a: Int, _ b: Int, _ spell: Spell, at: String)
        throws(InputError) -> [JSONMember]
    {
        guard let kind = CommitmentKind(rawValue: kindText) else {
            let kinds = CommitmentKind.allCases.map(\.rawValue) + [ScenarioGraphMapping.rivalryKind]
            let hint = NameSuggestion.hint(for: kindText, among: kinds)
            throw InputError(
                location: "\(at).kind",
                "unknown tie kind \"\(kindText.prefix(40))\"\(hint); expected one of \(kinds.joined(separator: ", "))")
        }
        var symmetric = kind.allowsSymmetric && !(document.directed && kind.allowsDirected)
        if let flag = edgeColumn("symmetric")?.values[e] {
            guard let value = flag.flag else {
                throw InputError(location: "\(at).symmetric", "\"\(flag.text.prefix(20))\" is not true or false")
            }
            symmetric = value
        }
        var m: [JSONMember] = [.init(key: "kind", value: .string(kind.rawValue))]
        if symmetric {
            m.append(.init(key: "between", value: .array([.string(codes[a]), .string(codes[b])])))
        } else {
            m.append(.init(key: "from", value: .string(codes[a])))
            m.append(.init(key: "to", value: .string(codes[b])))
        }
        if let v = try AttributeColumns.number(edgeColumn("strength"), e, "\(at).strength") {
            m.append(.init(key: "credibility", value: .number(v)))
        }
        if symmetric, let v = try AttributeColumns.number(edgeColumn("reverseStrength"), e, "\(at).reverseStrength") {
            m.append(.init(key: "reverseCredibility", value: .number(v)))
        }
        spell.append(to: &m)
        return m
    }
}
