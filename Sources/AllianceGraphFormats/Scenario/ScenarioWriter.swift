@_spi(Internals) import AllianceGraph
/// Writes scenarios in the `alliancegraph/1` format (docs/FORMAT.md), deterministically:
/// fields in a fixed order, defaults omitted, numbers in shortest round-trip form.
public enum ScenarioWriter {
    /// The text of `scenario` in a single-file format: scenario JSON, GraphML, GML, node-link
    /// JSON or DOT (not Gephi CSV, which has two tables: use `write(_:as:to:)`).
    public static func encode(_ scenario: Scenario, as format: GraphFormat) throws(ComputationError) -> String {
        try GraphIO.encode(scenario, as: format)
    }

    /// Writes `scenario` to `path` in `format` (a Gephi CSV pair beside `path` for `.csv`), each
    /// file through a temporary file renamed into place. Returns the paths written.
    public static func write(_ scenario: Scenario, as format: GraphFormat, to path: String) throws -> [String] {
        try GraphIO.write(scenario, as: format, to: path)
    }

    /// The scenario as JSON text; reading it back gives an equal scenario.
    public static func json(_ scenario: Scenario) -> String {
        JSONWriter.serialize(document(scenario))
    }

    static func document(_ scenario: Scenario) -> JSONValue {
        .object(
            parts(scenario).compactMap { part in
                switch part {
                case .member(let member): return member
                case .list(let key, let count, let element, _):
                    return JSONMember(key: key, value: .array((0..<count).map(element)))
                }
            })
    }

    /// A root member of the document, or a list whose elements are built one at a time. A list
    /// may have a byte writer for its elements' one-line form (`inline`), which appends it and
    /// answers true, or appends nothing and answers false when the element needs `element`.
    enum RootPart {
        case member(JSONMember)
        case list(key: String, count: Int, element: @Sendable (Int) -> JSONValue, inline: Line? = nil)

        /// Appends element `index`'s one-line form to the bytes and answers true, or appends
        /// nothing and answers false.
        typealias Line = @Sendable (_ index: Int, _ out: inout [UInt8]) -> Bool
    }

    /// The root members in file order; the four long lists as `.list`.
    static func parts(_ scenario: Scenario) -> [RootPart] {
        let network = scenario.network
        // Through the array's accessor: `network[id]` would copy the whole state.
        func code(_ id: StateID) -> JSONValue { .string(network.states[id.index].code) }
        var root: [RootPart] = [
            .member(JSONMember(key: "format", value: .string(ScenarioReader.formatTag))),
            .member(JSONMember(key: "name", value: .string(scenario.name))),
        ]
        if let year = scenario.year { root.append(.member(JSONMember(key: "year", value: .integer(year)))) }
        if let description = scenario.description {
            root.append(.member(JSONMember(key: "description", value: .string(description))))
        }
        root.append(.member(JSONMember(key: "codes", value: .string(scenario.codes.rawValue))))
        if !scenario.sources.isEmpty {
            root.append(.member(JSONMember(key: "sources", value: .array(scenario.sources.map(JSONValue.string)))))
        }
        let parameters = parametersDocument(scenario.parameters)
        if case .object(let members) = parameters, !members.isEmpty {
            root.append(.member(JSONMember(key: "parameters", value: parameters)))
        }
        let states = network.states, commitments = network.commitments
        let rivalries = network.rivalries, contiguity = network.contiguity
        // The byte writer of the long lists' elements, when one of them is long enough to be
        // streamed (its code table is O(N) to build).
        var commitmentLine: RootPart.Line?, rivalryLine: RootPart.Line?, contiguityLine: RootPart.Line?
        if max(commitments.count, rivalries.count, contiguity.count) >= streamedMinimum,
            let writer = ScenarioInlineWriter(network)
        {
            commitmentLine = { index, out in
                if index + prefetchDistance < commitments.count {
                    writer.prefetchCodes(of: commitments[index + prefetchDistance])
                }
                return writer.commitment(commitments[index], to: &out)
            }
            rivalryLine = { index, out in writer.rivalry(rivalries[index], to: &out) }
            contiguityLine = { index, out in writer.contiguity(contiguity[index], to: &out) }
        }
        root.append(.list(key: "states", count: states.count) { stateDocument(states[$0]) })
        root.append(
            .list(
                key: "commitments", count: commitments.count,
                element: { commitmentDocument(commitments[$0], network) },
                inline: commitmentLine))
        if !rivalries.isEmpty {
            root.append(
                .list(
                    key: "rivalries", count: rivalries.count, element: { rivalryDocument(rivalries[$0], network) },
                    inline: rivalryLine))
        }
        if !contiguity.isEmpty {
            root.append(
                .list(
                    key: "contiguity", count: contiguity.count,
                    element: { contiguityDocument(contiguity[$0], network) },
                    inline: contiguityLine))
        }
        if !scenario.warPlans.isEmpty {
            root.append(
                .member(
                    JSONMember(
                        key: "warPlans",
                        value: .array(
                            scenario.warPlans.map { plan in
                                var m: [JSONMember] = [
                                    JSONMember(key: "actor", value: code(plan.actor)),
                                    JSONMember(key: "trigger", value: .array(plan.trigger.map(code))),
                                    JSONMember(key: "attack", value: .array(plan.attack.map(code))),
                                ]
                                if let note = plan.note { m.append(JSONMember(key: "note", value: .string(note))) }
                                return .object(m)
                            }))))
        }
        if let propensities = scenario.propensities {
            root.append(
                .member(
                    JSONMember(
                        key: "propensities",
                        value: .array(
                            propensities.map { p in
                                .object([
                                    JSONMember(key: "between", value: .array([code(p.pair.low), code(p.pair.high)])),
                                    JSONMember(key: "value", value: .number(p.value)),
                                ])
                            }))))
        }
        return root
    }

    static func commitmentDocument(_ c: Commitment, _ network: AllianceNetwork) -> JSONValue {
        func code(_ id: StateID) -> JSONValue { .string(network.states[id.index].code) }
        var m: [JSONMember] = [JSONMember(key: "kind", value: .string(c.kind.rawValue))]
        if c.isSymmetric {
            m.append(JSONMember(key: "between", value: .array([code(c.from), code(c.to)])))
        } else {
            m.append(JSONMember(key: "from", value: code(c.from)))
            m.append(JSONMember(key: "to", value: code(c.to)))
        }
        if c.credibility != c.kind.defaultCredibility || (c.reverseCredibility.map { $0 != c.credibility } ?? false) {
            m.append(JSONMember(key: "credibility", value: .number(c.credibility)))
        }
        if let reverse = c.reverseCredibility, reverse != c.credibility {
            m.append(JSONMember(key: "reverseCredibility", value: .number(reverse)))
        }
        appendSpell(&m, c.since, c.until, c.note)
        return .object(m)
    }

    static func rivalryDocument(_ r: Rivalry, _ network: AllianceNetwork) -> JSONValue {
        var m: [JSONMember] = [
            JSONMember(
                key: "between",
                value: .array([
                    .string(network.states[r.pair.low.index].code),
                    .string(network.states[r.pair.high.index].code),
                ]))
        ]
        if r.intensity != 1 { m.append(JSONMember(key: "intensity", value: .number(r.intensity))) }
        appendSpell(&m, r.since, r.until, r.note)
        return .object(m)
    }

    static func contiguityDocument(_ c: Contiguity, _ network: AllianceNetwork) -> JSONValue {
        var m: [JSONMember] = [
            JSONMember(
                key: "between",
                value: .array([
                    .string(network.states[c.pair.low.index].code),
                    .string(network.states[c.pair.high.index].code),
                ]))
        ]
        switch c.kind {
        case .cowType(let type): m.append(JSONMember(key: "type", value: .integer(type)))
        case .proximity(let value): m.append(JSONMember(key: "proximity", value: .number(value)))
        }
        if let note = c.note { m.append(JSONMember(key: "note", value: .string(note))) }
        return .object(m)
    }

    /// Writes the same bytes as `json(scenario)` to `path` ("-" for standard output), atomically,
    /// without building the whole document: a list of `streamedMinimum` or more states,
    /// commitments, rivalries or contiguity entries is written one element at a time, so memory
    /// stays O(one element) beyond the scenario itself. For files of millions of ties
    /// (`alliancectl generate`).
    package static func write(_ scenario: Scenario, to path: String) throws(OutputError) {
        try FileOutput.streamBytes(to: path) { emit in
            // `emit` records a failed write itself and never throws.
            do { try streamBytes(scenario) { chunk throws(OutputError) in emit(chunk) } } catch {}
        }
    }

    /// The bytes of `json(scenario)` in chunks of about 1 MiB, handed to `emit` as they are made
    /// (each chunk ends at an element's end, so it is whole UTF-8): a list of `streamedMinimum` or
    /// more states, commitments, rivalries or contiguity entries is written one element at a
    /// time, so memory stays O(one element) beyond the scenario itself. Lists of
    /// `parallelMinimum` or more elements are written in consecutive blocks of `blockSize`
    /// elements, one block per core at a time, emitted in order (the same bytes). When a list is
    /// that long, `emit` runs on a thread of its own (`BackgroundEmission`), one chunk at a time
    /// in file order, while the next blocks are made; it has been called for every chunk when
    /// this returns.
    package static func streamBytes(
        _ scenario: Scenario, parallelMinimum: Int = parallelMinimum, blockSize: Int = blockSize,
        _ emit: (UnsafeRawBufferPointer) throws(OutputError) -> Void
    ) throws(OutputError) {
        let parts = parts(scenario)
        let large = parts.contains { part in
            if case .list(_, let count, _, _) = part { return count >= parallelMinimum }
            return false
        }
        guard large else {
            return try streamParts(parts, parallelMinimum: parallelMinimum, blockSize: blockSize) {
                chunk throws(OutputError) in
                var failed: OutputError?
                chunk.withUnsafeBytes { bytes in
                    do throws(OutputError) { try emit(bytes) } catch let error { failed = error }
                }
                if let failed { throw failed }
            }
        }
        // The writer thread holds at most two rounds of blocks (about 1 MiB each).
        let depth = 2 * max(1, ProcessorCount.active)
        let failed: OutputError? = withoutActuallyEscaping(emit) { emit in
            let emission = BackgroundEmission(depth: depth, emit: emit)
            var failed: OutputError?
            do throws(OutputError) {
                try streamParts(parts, parallelMinimum: parallelMinimum, blockSize: blockSize) {
                    chunk throws(OutputError) in try emission.push(chunk)
                }
            } catch let error { failed = error }
            // Always joined before `emit` goes out of scope, even after a failure.
            do throws(OutputError) { try emission.finish() } catch let error { failed = failed ?? error }
            return failed
        }
        if let failed { throw failed }
    }

    /// The chunks of `parts` in file order, to `emit`.
    private static func streamParts(
        _ parts: [RootPart], parallelMinimum: Int, blockSize: Int, _ emit: ([UInt8]) throws(OutputError) -> Void
    ) throws(OutputError) {
        var text = "{\n"
        for (k, part) in parts.enumerated() {
            if k > 0 { text += ",\n" }
            switch part {
            case .member(let member):
                text += "  " + JSONWriter.quote(member.key) + ": "
                JSONWriter.append(member.value, to: &text, indent: 2)
            case .list(let key, let count, let element, _) where count < streamedMinimum:
                text += "  " + JSONWriter.quote(key) + ": "
                JSONWriter.append(.array((0..<count).map(element)), to: &text, indent: 2)
            case .list(let key, let count, let element, let inline):
                // What `JSONWriter` writes for a list too long for one line, built as bytes.
                text += "  " + JSONWriter.quote(key) + ": [\n"
                try emit(Array(text.utf8))
                text = ""
                // Consecutive blocks of elements are written on every core and emitted in order:
                // the bytes do not depend on the worker count.
                let workers = count >= parallelMinimum ? max(1, ProcessorCount.active) : 1
                var start = 0
                while start < count {
                    let blocks = (0..<workers).map { w in
                        min(count, start + w * blockSize)..<min(count, start + (w + 1) * blockSize)
                    }.filter { !$0.isEmpty }
                    let written = try? ParallelMap.run(count: blocks.count, workers: blocks.count, progress: nil) {
                        b -> [UInt8] in
                        var bytes: [UInt8] = []
                        bytes.reserveCapacity(blocks[b].count * 64)
                        for index in blocks[b] {
                            bytes.append(contentsOf: [0x20, 0x20, 0x20, 0x20])
                            if inline?(index, &bytes) != true {
                                JSONWriter.append(element(index), to: &bytes, indent: 4)
                            }
                            if index + 1 < count { bytes.append(UInt8(ascii: ",")) }
                            bytes.append(UInt8(ascii: "\n"))
                        }
                        return bytes
                    }
                    for bytes in written ?? [] { try emit(bytes) }
                    start = blocks.last?.upperBound ?? count
                }
                text = "  ]"
            }
        }
        text += "\n}\n"
        try emit(Array(text.utf8))
    }

    /// How many commitments ahead the streamed writer prefetches the code slots
    /// (`ScenarioInlineWriter.prefetchCodes`).
    static let prefetchDistance = 32

    /// Lists at least this long are streamed by `write(_:to:)`. No element of these lists writes
    /// shorter than 3 characters, so 64 of them never fit `JSONWriter`'s 160-character line.
    static let streamedMinimum = 64

    /// Streamed lists of at least this many elements are written on every core, in blocks of
    /// `blockSize` elements (about 1 MiB of text for commitments).
    static let parallelMinimum = 1 << 15
    static let blockSize = 1 << 14

    private static func appendSpell(_ members: inout [JSONMember], _ since: Int?, _ until: Int?, _ note: String?) {
        if let since { members.append(JSONMember(key: "since", value: .integer(since))) }
        if let until { members.append(JSONMember(key: "until", value: .integer(until))) }
        if let note { members.append(JSONMember(key: "note", value: .string(note))) }
    }

    private static func stateDocument(_ state: State) -> JSONValue {
        var m: [JSONMember] = [JSONMember(key: "code", value: .string(state.code))]
        if let ccode = state.ccode { m.append(JSONMember(key: "ccode", value: .integer(ccode))) }
        if state.name != state.code { m.append(JSONMember(key: "name", value: .string(state.name))) }
        m.append(JSONMember(key: "capability", value: .number(state.capability)))
        if state.gdp != state.capability { m.append(JSONMember(key: "gdp", value: .number(state.gdp))) }
        if state.effort != State.defaultEffort { m.append(JSONMember(key: "effort", value: .number(state.effort))) }
        if state.baselineEffort != state.effort {
            m.append(JSONMember(key: "baselineEffort", value: .number(state.baselineEffort)))
        }
        if state.major { m.append(JSONMember(key: "major", value: .bool(true))) }
        if state.hawkishness != State.defaultHawkishness {
            m.append(JSONMember(key: "hawkishness", value: .number(state.hawkishness)))
        }
        if state.intent != 0 { m.append(JSONMember(key: "intent", value: .number(state.intent))) }
        if state.growth != 0 { m.append(JSONMember(key: "growth", value: .number(state.growth))) }
        if let note = state.note { m.append(JSONMember(key: "note", value: .string(note))) }
        return .object(m)
    }

    private static func parametersDocument(_ p: SecurityEnvironment) -> JSONValue {
        let defaults = SecurityEnvironment()
        var m: [JSONMember] = []
        func add(_ key: String, _ value: Double, _ defaultValue: Double) {
            if value != defaultValue { m.append(JSONMember(key: key, value: .number(value))) }
        }
        add("offenseDefense", p.offenseDefense, defaults.offenseDefense)
        add("distinguishability", p.distinguishability, defaults.distinguishability)
        add("transparency", p.transparency, defaults.transparency)
        add("noise", p.noise, defaults.noise)
        add("entanglement", p.entanglement, defaults.entanglement)
        add("reliability", p.reliability, defaults.reliability)
        add("reaction", p.reaction, defaults.reaction)
        add("fatigue", p.fatigue, defaults.fatigue)
        add("grievance", p.grievance, defaults.grievance)
        if let arms = p.armsControl {
            var a: [JSONMember] = []
            if let growth = arms.maxEffortGrowth {
                a.append(JSONMember(key: "maxEffortGrowth", value: .number(growth)))
            }
            if let cap = arms.maxEffort { a.append(JSONMember(key: "maxEffort", value: .number(cap))) }
            m.append(JSONMember(key: "armsControl", value: .object(a)))
        }
        return .object(m)
    }
}
