import AllianceGraph
/// How a scenario becomes an attributed graph and back (docs/FORMATS.md, "Attribute mapping").
///
/// One vertex per state (`name` = code, `label` = display name, then every state field); one
/// undirected edge per commitment (`kind`, `from`, `to`, `symmetric`, `strength` = credibility
/// of `from`'s pledge, `reverseStrength`, `since`, `until`, `note`) and one per rivalry (`kind` =
/// `rivalry`, `intensity`, ...). Credibility is exported as `strength`, never `weight` (igraph,
/// networkx and R read `weight` as a distance in path measures). Graph attributes hold the
/// scenario's name, year, code system, description, and `scenario`: compact JSON with the
/// sources, parameters, contiguity, war plans and propensities, so that nothing is lost.
public enum ScenarioGraphMapping {
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
        typealias V = GraphDocument.Value
        // Columns by name, looked up once each (the first of a name wins, as in vertexColumn(_:)):
        // a per-vertex linear search made a file with many attribute names quadratic.
        let vertexColumns = Dictionary(
            document.vertexColumns.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let edgeColumns = Dictionary(
            document.edgeColumns.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        func vertexColumn(_ name: String) -> GraphDocument.Column? { vertexColumns[name] }
        func edgeColumn(_ name: String) -> GraphDocument.Column? { edgeColumns[name] }
        let n = document.vertexCount
        if n == 0 { throw InputError("the graph has no vertices; a scenario needs at least one state") }
        // The first of code/name/id whose values are all valid state codes (a foreign file's
        // `name` may hold display names such as "United Kingdom"); else the first present, which
        // then fails validation with a message.
        let candidates = ["code", "name", "id"].compactMap { vertexColumn($0) }
        try refuseEmptyCodes(candidates.filter { $0.name != "id" })
        let codeColumn =
            candidates.first { column in
                column.values.allSatisfy { value in
                    guard let value else { return false }
                    do { try AllianceNetwork.checkCode(Self.codeText(value), at: ""); return true } catch {
                        return false
                    }
                }
            } ?? candidates.first
        let labelColumn = vertexColumn("label")
        var codes: [String] = []
        for k in 0..<n {
            guard let value = codeColumn?.values[k] else {
                throw InputError(
                    location: "vertex \(k)",
                    "has no state code; give each vertex a \"name\" (or \"code\" or \"id\") attribute")
            }
            codes.append(Self.codeText(value))
        }
        var index: [String: Int] = [:]
        for (k, code) in codes.enumerated() { if index[code] == nil { index[code] = k } }

        func number(_ column: GraphDocument.Column?, _ k: Int, _ what: String) throws(InputError) -> Double? {
            guard let value = column?.values[k] else { return nil }
            guard let v = value.number else {
                throw InputError(location: what, "\"\(value.text.prefix(40))\" is not a number")
            }
            guard v.isFinite else {
                throw InputError(location: what, "\(value.text.prefix(40)) is not a finite number")
            }
            return v
        }
        func integer(_ column: GraphDocument.Column?, _ k: Int, _ what: String) throws(InputError) -> JSONValue? {
            guard let v = try number(column, k, what) else { return nil }
            guard v == v.rounded(), abs(v) < 1e9 else { throw InputError(location: what, "\(v) is not an integer") }
            return .integer(Int(v))
        }

        var states: [JSONValue] = []
        let defaultCapability = 1 / Double(n)
        for k in 0..<n {
            let at = "vertex \(k) (\(codes[k].prefix(20)))"
            var m: [JSONMember] = [JSONMember(key: "code", value: .string(codes[k]))]
            if let ccode = try integer(vertexColumn("ccode"), k, "\(at).ccode") {
                m.append(.init(key: "ccode", value: ccode))
            }
            if let label = labelColumn?.values[k]?.text, codeColumn?.name != "label" {
                m.append(.init(key: "name", value: .string(label)))
            } else if codeColumn?.name != "name", let name = vertexColumn("name")?.values[k]?.text {
                m.append(.init(key: "name", value: .string(name)))
            }
            let capability = try number(vertexColumn("capability"), k, "\(at).capability") ?? defaultCapability
            m.append(.init(key: "capability", value: .number(capability)))
            for key in ["gdp", "effort", "baselineEffort"] {
                if let v = try number(vertexColumn(key), k, "\(at).\(key)") {
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
                if let v = try number(vertexColumn(key), k, "\(at).\(key)") {
                    m.append(.init(key: key, value: .number(v)))
                }
            }
            if let note = vertexColumn("note")?.values[k]?.text { m.append(.init(key: "note", value: .string(note))) }
            states.append(.object(m))
        }

        var commitments: [JSONValue] = [], rivalries: [JSONValue] = []
        var commitmentEdge: [Int] = [], rivalryEdge: [Int] = []
        let kinds = CommitmentKind.allCases.map(\.rawValue) + [rivalryKind]
        for (e, edge) in document.edges.enumerated() {
            let at = "edge \(e) (\(codes[edge.source].prefix(20))-\(codes[edge.target].prefix(20)))"
            let kindText = edgeColumn("kind")?.values[e]?.text ?? CommitmentKind.defense.rawValue
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
            var m: [JSONMember] = []
            let since = try integer(edgeColumn("since"), e, "\(at).since")
            let until = try integer(edgeColumn("until"), e, "\(at).until")
            let note = edgeColumn("note")?.values[e]?.text
            func spell(_ m: inout [JSONMember]) {
                if let since { m.append(.init(key: "since", value: since)) }
                if let until { m.append(.init(key: "until", value: until)) }
                if let note { m.append(.init(key: "note", value: .string(note))) }
            }
            if kindText == rivalryKind {
                m.append(.init(key: "between", value: .array([.string(codes[a]), .string(codes[b])])))
                if let v = try number(edgeColumn("intensity"), e, "\(at).intensity") {
                    m.append(.init(key: "intensity", value: .number(v)))
                }
                spell(&m)
                rivalries.append(.object(m))
                rivalryEdge.append(e)
                continue
            }
            guard let kind = CommitmentKind(rawValue: kindText) else {
                let hint = NameSuggestion.hint(for: kindText, among: kinds)
                throw InputError(
                    location: "\(at).kind",
                    "unknown tie kind \"\(kindText.prefix(40))\"\(hint); expected one of \(kinds.joined(separator: ", "))"
                )
            }
            var symmetric = kind.allowsSymmetric && !(document.directed && kind.allowsDirected)
            if let flag = edgeColumn("symmetric")?.values[e] {
                guard let value = flag.flag else {
                    throw InputError(location: "\(at).symmetric", "\"\(flag.text.prefix(20))\" is not true or false")
                }
                symmetric = value
            }
            m.append(.init(key: "kind", value: .string(kind.rawValue)))
            if symmetric {
                m.append(.init(key: "between", value: .array([.string(codes[a]), .string(codes[b])])))
            } else {
                m.append(.init(key: "from", value: .string(codes[a])))
                m.append(.init(key: "to", value: .string(codes[b])))
            }
            if let v = try number(edgeColumn("strength"), e, "\(at).strength") {
                m.append(.init(key: "credibility", value: .number(v)))
            }
            if symmetric, let v = try number(edgeColumn("reverseStrength"), e, "\(at).reverseStrength") {
                m.append(.init(key: "reverseCredibility", value: .number(v)))
            }
            spell(&m)
            commitments.append(.object(m))
            commitmentEdge.append(e)
        }

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
        root.append(.init(key: "states", value: .array(states)))
        root.append(.init(key: "commitments", value: .array(commitments)))
        root.append(.init(key: "rivalries", value: .array(rivalries)))
        if let text = document.graphAttribute("scenario")?.text {
            let extras: JSONValue
            do { extras = try JSONParser.parse(Array(text.utf8)) } catch {
                throw InputError(location: "graph attribute scenario", error.message)
            }
            guard case .object(let members) = extras else {
                throw InputError(location: "graph attribute scenario", "expected a JSON object")
            }
            let allowed: Set<String> = ["sources", "parameters", "contiguity", "warPlans", "propensities"]
            for member in members {
                guard allowed.contains(member.key) else {
                    throw InputError(
                        location: "graph attribute scenario", "unexpected field \"\(member.key.prefix(40))\"")
                }
                root.append(member)
            }
        }
        do {
            return try ScenarioReader.decode(.object(root))
        } catch {
            throw relocated(error, commitmentEdge: commitmentEdge, rivalryEdge: rivalryEdge)
        }
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
            // The graph formats call a commitment's credibility "strength".
            for (scenarioName, graphName) in [
                (".credibility", ".strength"), (".reverseCredibility", ".reverseStrength"),
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
