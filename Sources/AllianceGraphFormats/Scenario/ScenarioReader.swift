@_spi(Internals) import AllianceGraph
import Foundation

/// Reads scenario files in the `alliancegraph/1` format (docs/FORMAT.md), strictly.
///
/// Every error is an `InputError` naming the file, the JSON path of the field and what would be
/// valid. Nothing is built until the whole file has been checked.
package enum ScenarioReader {
    /// The format tag a scenario file must carry.
    package static let formatTag = "alliancegraph/1"

    /// Room left in a loaded commitments array for an eighth more commitments (capacity only:
    /// untouched memory until a simulation appends). Each round's merge appends the commitments
    /// the rules add; an array without room grows by copying, which held both copies at once
    /// (800 MB at 10 million ties, the run's peak). A million-state run adds about a tenth in its
    /// first round.
    package static func spareCommitments(_ count: Int) -> Int { count / 8 }

    /// Largest scenario read from standard input or a pipe (bytes): 2 GiB, so that a runaway
    /// stream fails with a message instead of exhausting memory. Regular files have no limit:
    /// they are mapped, not copied (`FileInput.withBytes`), and read in one streaming pass.
    package static let maxFileSize = 2 << 30

    /// Reads and validates the scenario at `path`. A JSON document whose root is node-link JSON
    /// (`"nodes"` and no `"format"`) is handed to `nodeLink` instead, when given; without it, such a
    /// document fails as a scenario. `ScenarioLoader.load` is the public entry point.
    ///
    /// Memory: the scenario itself plus one JSON element at a time; the file's bytes are mapped
    /// and released behind the parser, so a file of 10 million ties (about 1 GB) loads in well
    /// under 2 GiB.
    static func read(
        path: String, nodeLink: ((JSONValue) throws(InputError) -> Scenario)? = nil
    ) throws(InputError) -> Scenario {
        do {
            return try FileInput.withBytes(path: path, streamLimit: maxFileSize) { bytes, release throws(InputError) in
                try parse(bytes, release: release, nodeLink: nodeLink)
            }
        } catch {
            throw error.file == nil ? error.inFile(path) : error
        }
    }

    /// Parses and validates a scenario from UTF-8 bytes (errors carry no file name).
    /// `statesAhead`: whether the states are decoded during the first pass (nil: for files of
    /// at least `ScenarioStatesAhead.minimumFileSize` bytes on more than one core).
    package static func parse(_ bytes: [UInt8], statesAhead: Bool? = nil) throws(InputError) -> Scenario {
        let result = bytes.withUnsafeBufferPointer { buffer in
            Result { () throws(InputError) in try parse(buffer, release: nil, statesAhead: statesAhead) }
        }
        return try result.get()
    }

    /// Parses in two passes over `bytes`: the whole document is checked first (so malformed JSON
    /// is reported before anything else, as by `JSONParser.parse`; the big arrays' elements are
    /// skipped, not built: `checkRootArray`), then the root's arrays are decoded: states, ties,
    /// rivalries and contiguity in blocks on every core straight from the bytes
    /// (`ParallelArrayDecoder`, `ScenarioFastReader`), any element of another shape by the strict
    /// decoder below, so values and errors are those of a sequential strict read.
    static func parse(
        _ bytes: UnsafeBufferPointer<UInt8>, release: ((Range<Int>) -> Void)?,
        nodeLink: ((JSONValue) throws(InputError) -> Scenario)? = nil, statesAhead: Bool? = nil
    ) throws(InputError) -> Scenario {
        // Large files: the states are decoded on another core while the first pass checks the ties.
        let ahead =
            statesAhead ?? (bytes.count >= ScenarioStatesAhead.minimumFileSize && ProcessorCount.active > 1)
            ? ScenarioStatesAhead() : nil
        defer { ahead?.wait() }
        let checked: ((String, RootArraySpan) -> Void)? = ahead.map { ahead in
            { key, span in
                if key == "states" { ahead.start(bytes, span, release: release) }
            }
        }
        guard let root = try JSONParser.parseRoot(bytes, release: release, arrayChecked: checked) else {
            return try decode(JSONParser.parse(bytes))
        }
        if let nodeLink, NodeLinkJSON.looksLikeNodeLink(keys: root.members.map(\.key)) {
            return try nodeLink(JSONParser.parse(bytes))
        }
        return try decode(root, ahead: ahead)
    }

    /// Parses a scenario from a string.
    package static func parse(_ text: String) throws(InputError) -> Scenario {
        try parse(Array(text.utf8))
    }

    static func decode(_ document: JSONValue) throws(InputError) -> Scenario {
        guard case .object(let members) = document else {
            _ = try JSONObjectReader(document, path: "")  // throws "expected an object"
            throw InputError("expected an object")
        }
        return try decode(JSONRootDocument(members: members))
    }

    /// `ahead`: the states already decoded from the document's bytes, if they were.
    static func decode(_ document: JSONRootDocument, ahead: ScenarioStatesAhead? = nil) throws(InputError)
        -> Scenario
    {
        var root = try JSONObjectReader(.object(document.members), path: "")
        let header = try Header(&root, document)
        guard try root.array("states") != nil else {
            throw InputError(location: "states", "required field \"states\" is missing")
        }
        let prepared = try ahead?.prepared()?.get()
        let states =
            if let prepared { prepared.states } else {
                try ParallelArrayDecoder.decode(document, "states", fast: { $0.state() }) {
                    index, value throws(InputError) in try decodeState(value, path: "states[\(index)]")
                }
            }
        let table = prepared?.table ?? ScenarioCodeTable(codes: states.map(\.code))
        // The first state whose code is malformed or repeats an earlier one, in index order.
        for index in 0..<(table.firstDuplicate ?? states.count) {
            try AllianceNetwork.checkCode(states[index].code, at: "states[\(index)].code")
        }
        if let index = table.firstDuplicate {
            try AllianceNetwork.checkCode(states[index].code, at: "states[\(index)].code")
            throw InputError(
                location: "states[\(index)].code",
                "duplicate state code \"\(states[index].code)\"; codes must be unique")
        }
        let resolver = CodeResolver(table: table, states: states)
        let codes = table.lookup  // pointers into `table`'s memory, kept alive to the end
        defer { withExtendedLifetime(table) {} }

        _ = try root.array("commitments")
        let commitments = try ParallelArrayDecoder.decode(
            document, "commitments", spareCapacity: ScenarioReader.spareCommitments, fast: { $0.commitment(codes) }
        ) { index, value throws(InputError) in
            try decodeCommitment(value, path: "commitments[\(index)]", resolver)
        }
        _ = try root.array("rivalries")
        let rivalries = try ParallelArrayDecoder.decode(document, "rivalries", fast: { $0.rivalry(codes) }) {
            index, value throws(InputError) in try decodeRivalry(value, path: "rivalries[\(index)]", resolver)
        }
        _ = try root.array("contiguity")
        let contiguity = try ParallelArrayDecoder.decode(document, "contiguity", fast: { $0.contiguity(codes) }) {
            index, value throws(InputError) in try decodeContiguity(value, path: "contiguity[\(index)]", resolver)
        }
        let warPlans = try decodeWarPlans(&root, document, resolver)
        let propensities = try decodePropensities(&root, document, resolver)
        try root.rejectUnknownFields()
        let network =
            if let prepared {
                try AllianceNetwork(
                    states: states, commitments: commitments, rivalries: rivalries, contiguity: contiguity,
                    codeIndex: prepared.codeIndex)
            } else {
                try AllianceNetwork(
                    states: states, commitments: commitments, rivalries: rivalries, contiguity: contiguity)
            }
        return try Scenario(
            name: header.name, year: header.year, description: header.description, codes: header.codes,
            sources: header.sources, parameters: header.parameters, network: network, warPlans: warPlans,
            propensities: propensities)
    }

    /// The members before the states: format (which must be `formatTag`), name, year,
    /// description, code system, sources and parameters, read in that order.
    struct Header {
        let name: String
        let year: Int?
        let description: String?
        let codes: Scenario.CodeSystem
        let sources: [String]
        let parameters: SecurityEnvironment

        init(_ root: inout JSONObjectReader, _ document: JSONRootDocument) throws(InputError) {
            let format = try root.requiredString("format")
            if format != formatTag {
                throw InputError(
                    location: "format", "unsupported format \"\(format.prefix(60))\"; expected \"\(formatTag)\"")
            }
            name = try root.requiredString("name")
            year = try root.integer("year")
            description = try root.string("description")
            var codes = Scenario.CodeSystem.cow
            if let text = try root.string("codes") {
                guard let system = Scenario.CodeSystem(rawValue: text) else {
                    throw InputError(
                        location: "codes", "unknown code system \"\(text.prefix(40))\"; expected cow, iso3 or custom")
                }
                codes = system
            }
            self.codes = codes
            var sources: [String] = []
            _ = try root.array("sources")
            try document.forEachElement("sources") { k, item throws(InputError) in
                sources.append(try JSONObjectReader.string(item, at: "sources[\(k)]"))
            }
            self.sources = sources
            parameters = try decodeParameters(root.value("parameters"))
        }
    }

    /// The `states` array at `span` of `bytes` (checked by the first pass), on one core.
    static func decodeStateArray(
        _ bytes: UnsafeBufferPointer<UInt8>, _ span: RootArraySpan, release: ((Range<Int>) -> Void)?
    ) throws(InputError) -> [State] {
        try ParallelArrayDecoder.decode(bytes, span, release: release, workers: 1, fast: { $0.state() }) {
            index, value throws(InputError) in try decodeState(value, path: "states[\(index)]")
        }
    }

    /// One element of the optional `rivalries` array (intensity 1 where absent).
    private static func decodeRivalry(_ value: JSONValue, path: String, _ resolver: CodeResolver)
        throws(InputError) -> Rivalry
    {
        var object = try JSONObjectReader(value, path: path)
        let (a, b) = try resolver.pair(&object)
        let rivalry = Rivalry(
            a, b, intensity: try object.number("intensity") ?? 1,
            since: try object.integer("since"), until: try object.integer("until"),
            note: try object.string("note"))
        try object.rejectUnknownFields()
        return rivalry
    }

    /// One element of the optional `contiguity` array: a COW `type` or a `proximity`, not both.
    private static func decodeContiguity(_ value: JSONValue, path: String, _ resolver: CodeResolver)
        throws(InputError) -> Contiguity
    {
        var object = try JSONObjectReader(value, path: path)
        let (a, b) = try resolver.pair(&object)
        let type = try object.integer("type")
        let proximity = try object.number("proximity")
        let note = try object.string("note")
        try object.rejectUnknownFields()
        switch (type, proximity) {
        case (let type?, nil): return Contiguity(a, b, type: type, note: note)
        case (nil, let value?): return Contiguity(a, b, proximity: value, note: note)
        case (nil, nil):
            throw InputError(location: path, "give either \"type\" (COW 1-5) or \"proximity\" (0-1)")
        default:
            throw InputError(location: "\(path).proximity", "give either \"type\" or \"proximity\", not both")
        }
    }

    /// The optional `warPlans` array.
    static func decodeWarPlans(
        _ root: inout JSONObjectReader, _ document: JSONRootDocument, _ resolver: CodeResolver
    ) throws(InputError) -> [WarPlan] {
        var warPlans: [WarPlan] = []
        _ = try root.array("warPlans")
        try document.forEachElement("warPlans") { index, value throws(InputError) in
            var object = try JSONObjectReader(value, path: "warPlans[\(index)]")
            let actor = try resolver.id(try object.requiredValue("actor"), at: object.childPath("actor"))
            let trigger = try resolver.list(&object, "trigger")
            let attack = try resolver.list(&object, "attack")
            let note = try object.string("note")
            try object.rejectUnknownFields()
            warPlans.append(WarPlan(actor: actor, trigger: trigger, attack: attack, note: note))
        }
        return warPlans
    }

    /// The optional `propensities` array; nil when the member is absent (an empty array is kept).
    static func decodePropensities(
        _ root: inout JSONObjectReader, _ document: JSONRootDocument, _ resolver: CodeResolver
    ) throws(InputError) -> [Propensity]? {
        guard try root.array("propensities") != nil else { return nil }
        var propensities: [Propensity] = []
        try document.forEachElement("propensities") { index, value throws(InputError) in
            var object = try JSONObjectReader(value, path: "propensities[\(index)]")
            let (a, b) = try resolver.pair(&object)
            let propensity = Propensity(a, b, value: try object.requiredNumber("value"))
            try object.rejectUnknownFields()
            propensities.append(propensity)
        }
        return propensities
    }

    private static func decodeState(_ value: JSONValue, path: String) throws(InputError) -> State {
        var object = try JSONObjectReader(value, path: path)
        let code = try object.requiredString("code")
        let ccode = try object.integer("ccode")
        let name = try object.string("name")
        let capability = try object.requiredNumber("capability")
        let gdp = try object.number("gdp")
        let effort = try object.number("effort") ?? State.defaultEffort
        let baseline = try object.number("baselineEffort")
        let major = try object.bool("major") ?? false
        let hawkishness = try object.number("hawkishness") ?? State.defaultHawkishness
        let intent = try object.number("intent") ?? 0
        let growth = try object.number("growth") ?? 0
        let note = try object.string("note")
        try object.rejectUnknownFields()
        if capability == 0 && gdp == nil {
            throw InputError(location: "\(path).gdp", "a state with capability 0 needs a positive \"gdp\"")
        }
        return State(
            code: code, ccode: ccode, name: name, capability: capability, gdp: gdp, effort: effort,
            baselineEffort: baseline, major: major, hawkishness: hawkishness, intent: intent, note: note,
            growth: growth)
    }

    private static func decodeCommitment(_ value: JSONValue, path: String, _ resolver: CodeResolver) throws(InputError)
        -> Commitment
    {
        var object = try JSONObjectReader(value, path: path)
        let kindText = try object.requiredString("kind")
        guard let kind = CommitmentKind(rawValue: kindText) else {
            let kinds = CommitmentKind.allCases.map(\.rawValue)
            let hint = NameSuggestion.hint(for: kindText, among: kinds)
            let expected = kinds.joined(separator: ", ")
            throw InputError(
                location: "\(path).kind",
                "unknown commitment kind \"\(kindText.prefix(40))\"\(hint); expected one of \(expected)")
        }
        let symmetric = object.has("between")
        let credibility = try object.number("credibility")
        let reverse = try object.number("reverseCredibility")
        let since = try object.integer("since")
        let until = try object.integer("until")
        let note = try object.string("note")
        if symmetric {
            if object.has("from") || object.has("to") {
                throw InputError(
                    location: "\(path).from",
                    "give either \"between\" (symmetric) or \"from\" and \"to\" (directed), not both")
            }
            let (a, b) = try resolver.pair(&object)
            try object.rejectUnknownFields()
            if !kind.allowsSymmetric {
                throw InputError(
                    location: "\(path).between",
                    "a \(kind.rawValue) is directed (guarantor/patron -> protected); use \"from\" and \"to\"")
            }
            return .symmetric(
                kind, a, b, credibility: credibility, reverseCredibility: reverse,
                since: since, until: until, note: note)
        }
        guard object.has("from"), object.has("to") else {
            throw InputError(
                location: path, "give the states as \"between\": [A, B] (symmetric) or \"from\" and \"to\" (directed)")
        }
        let from = try resolver.id(try object.requiredValue("from"), at: object.childPath("from"))
        let to = try resolver.id(try object.requiredValue("to"), at: object.childPath("to"))
        _ = object.value("between")
        try object.rejectUnknownFields()
        if reverse != nil {
            throw InputError(
                location: "\(path).reverseCredibility",
                "only a symmetric commitment (\"between\") has a reverse credibility")
        }
        if !kind.allowsDirected {
            throw InputError(location: "\(path).from", "a consultation is symmetric; use \"between\"")
        }
        return .directed(kind, from: from, to: to, credibility: credibility, since: since, until: until, note: note)
    }

    private static func decodeParameters(_ value: JSONValue?) throws(InputError) -> SecurityEnvironment {
        var environment = SecurityEnvironment()
        guard let value else { return environment }
        var object = try JSONObjectReader(value, path: "parameters")
        if let v = try object.number("offenseDefense") { environment.offenseDefense = v }
        if let v = try object.number("distinguishability") { environment.distinguishability = v }
        if let v = try object.number("transparency") { environment.transparency = v }
        if let v = try object.number("noise") { environment.noise = v }
        if let v = try object.number("entanglement") { environment.entanglement = v }
        if let v = try object.number("reliability") { environment.reliability = v }
        if let v = try object.number("reaction") { environment.reaction = v }
        if let v = try object.number("fatigue") { environment.fatigue = v }
        if let v = try object.number("grievance") { environment.grievance = v }
        if let armsValue = object.value("armsControl") {
            var arms = try JSONObjectReader(armsValue, path: "parameters.armsControl")
            environment.armsControl = ArmsControl(
                maxEffortGrowth: try arms.number("maxEffortGrowth"),
                maxEffort: try arms.number("maxEffort"))
            try arms.rejectUnknownFields()
        }
        try object.rejectUnknownFields()
        return environment
    }
}

/// Turns state codes in a scenario file into ids, with "did you mean" hints.
struct CodeResolver {
    private let lookup: (String) -> StateID?
    private let states: [State]

    /// Codes looked up in the reader's table (`states` are the scenario's, in order).
    init(table: ScenarioCodeTable, states: [State]) {
        lookup = { table.id($0) }
        self.states = states
    }

    /// Codes looked up in a network's own index.
    init(network: AllianceNetwork) {
        lookup = { network.id(forCode: $0) }
        states = network.states
    }

    func id(_ value: JSONValue, at path: String) throws(InputError) -> StateID {
        let code = try JSONObjectReader.string(value, at: path)
        guard let id = lookup(code) else {
            let hint = NameSuggestion.hint(for: code, among: states.map(\.code).sorted())
            throw InputError(
                location: path, "unknown state code \"\(code.prefix(40))\"\(hint); every code must appear in \"states\""
            )
        }
        return id
    }

    /// Reads `"between": [A, B]` from `object`.
    func pair(_ object: inout JSONObjectReader) throws(InputError) -> (StateID, StateID) {
        let path = object.childPath("between")
        let list = try JSONObjectReader.array(try object.requiredValue("between"), at: path)
        guard list.count == 2 else {
            throw InputError(location: path, "expected exactly two state codes, found \(list.count)")
        }
        let a = try id(list[0], at: "\(path)[0]")
        let b = try id(list[1], at: "\(path)[1]")
        if a == b {
            let code = try JSONObjectReader.string(list[1], at: path)
            throw InputError(location: "\(path)[1]", "a tie must join two different states, not \"\(code)\" to itself")
        }
        return (a, b)
    }

    func list(_ object: inout JSONObjectReader, _ key: String) throws(InputError) -> [StateID] {
        let path = object.childPath(key)
        let values = try JSONObjectReader.array(try object.requiredValue(key), at: path)
        var ids: [StateID] = []
        for (k, value) in values.enumerated() { ids.append(try id(value, at: "\(path)[\(k)]")) }
        return ids
    }
}
