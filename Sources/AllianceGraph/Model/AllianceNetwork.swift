/// States and their ties: a typed, weighted, signed multigraph (docs/MODEL.md section 1), as a value.
///
/// The initialiser validates everything (unique codes, ids in range, no self-ties, finite numbers
/// in range, no duplicate ties in force at the same time) and throws an `InputError` whose
/// location is the path of the offending field in the scenario format (`commitments[3].credibility`),
/// so errors read the same whether a network came from a file or from code. Library code that
/// evolves a network (the simulation) mutates the stored arrays and re-checks with `validate()`.
public struct AllianceNetwork: Hashable, Sendable {
    public internal(set) var states: [State]
    public internal(set) var commitments: [Commitment]
    public internal(set) var rivalries: [Rivalry]
    public internal(set) var contiguity: [Contiguity]
    private var idByCode: [String: StateID]

    public init(
        states: [State], commitments: [Commitment] = [], rivalries: [Rivalry] = [],
        contiguity: [Contiguity] = []
    ) throws(InputError) {
        try self.init(
            states: states, commitments: commitments, rivalries: rivalries, contiguity: contiguity, index: nil)
    }

    /// As `init(states:commitments:rivalries:contiguity:)`, with the code index already built by
    /// `codeIndex(states)` (a reader builds it while it reads the ties).
    package init(
        states: [State], commitments: [Commitment], rivalries: [Rivalry], contiguity: [Contiguity],
        codeIndex: [String: StateID]
    ) throws(InputError) {
        try self.init(
            states: states, commitments: commitments, rivalries: rivalries, contiguity: contiguity, index: codeIndex)
    }

    private init(
        states: [State], commitments: [Commitment], rivalries: [Rivalry], contiguity: [Contiguity],
        index: [String: StateID]?
    ) throws(InputError) {
        self.states = states
        self.commitments = commitments
        self.rivalries = rivalries
        self.contiguity = contiguity
        idByCode = index ?? [:]
        idByCode = try checked(indexing: index == nil)
    }

    /// Each code's first state. O(N) hash insertions.
    package static func codeIndex(_ states: [State]) -> [String: StateID] {
        var index: [String: StateID] = [:]
        index.reserveCapacity(states.count)
        for (k, state) in states.enumerated() where index[state.code] == nil {
            index[state.code] = StateID(k)
        }
        return index
    }

    /// Networks of at least this many states and ties search their duplicate ties on one core
    /// while the other checks the fields (below it the thread hand-over costs more than it saves).
    package static let parallelValidationMinimum = 100_000

    private static func validatesInParallel(_ counts: Int...) -> Bool {
        counts.reduce(0, +) >= parallelValidationMinimum
    }

    /// The number of states.
    public var count: Int { states.count }

    /// All state ids, in order.
    public var ids: [StateID] { states.indices.map(StateID.init) }

    public subscript(id: StateID) -> State { states[id.index] }

    /// The id of the state with `code`, if any.
    public func id(forCode code: String) -> StateID? { idByCode[code] }

    /// The id of the state named by `name`: its code, else a COW number (`255`) held by exactly
    /// one state's `ccode`. What the command line accepts wherever a state is named. Cost O(1) for
    /// a code, O(n) for a number.
    package func id(forCodeOrNumber name: String) -> StateID? {
        if let id = idByCode[name] { return id }
        guard let number = Int(name) else { return nil }
        let matches = states.indices.filter { states[$0].ccode == number }
        return matches.count == 1 ? StateID(matches[0]) : nil
    }

    /// The network as it stood in `year`: commitments and rivalries not in force are dropped
    /// (`since <= year <= until`). Returns the network unchanged when `year` is nil.
    public func inForce(in year: Int?) -> AllianceNetwork {
        guard year != nil else { return self }
        var copy = self
        copy.commitments = commitments.filter { $0.isInForce(in: year) }
        copy.rivalries = rivalries.filter { $0.isInForce(in: year) }
        return copy
    }

    /// The network with only the commitments of `kinds` (rivalries, states and contiguity kept).
    public func keeping(kinds: Set<CommitmentKind>) -> AllianceNetwork {
        var copy = self
        copy.commitments = commitments.filter { kinds.contains($0.kind) }
        return copy
    }

    /// Every directed obligation, in commitment order.
    public var obligations: [Obligation] { commitments.flatMap(\.obligations) }

    /// Proximity pi_ij in [0, 1] of `j` as seen from `i` (docs/MODEL.md 1.2): from the contiguity
    /// entry for the pair when there is one, otherwise 0.1; lifted when `j` is a major power
    /// (global reach, `Contiguity.proximity(base:major:)`). O(number of contiguity entries); hot
    /// loops use `ProximityTable`.
    public func proximity(of j: StateID, from i: StateID) -> Double {
        let pair = StatePair(i, j)
        let base = contiguity.first { $0.pair == pair }?.proximity ?? Contiguity.distantProximity
        return Contiguity.proximity(base: base, major: states[j.index].major)
    }

    /// Applies each state's capability trend once: `c <- c (1 + g)` and `gdp <- gdp (1 + g)`, kept
    /// in `magnitudeRange` (a capability of 0 stays 0). O(N).
    mutating func applyCapabilityTrends() {
        for index in states.indices where states[index].growth != 0 {
            let factor = 1 + states[index].growth
            let range = Self.magnitudeRange
            if states[index].capability > 0 {
                states[index].capability = min(
                    range.upperBound, max(range.lowerBound, states[index].capability * factor))
            }
            states[index].gdp = min(range.upperBound, max(range.lowerBound, states[index].gdp * factor))
        }
    }

    /// Checks every invariant; throws the first violation with the path of the field.
    public func validate() throws(InputError) {
        _ = try checked(indexing: false)
    }

    /// Checks every invariant: the field checks (after building the code index when `indexing`)
    /// on one core and the duplicate-tie search on the other for large networks, then the first
    /// violation in the order of `validate()`. Returns the code index (built or `idByCode`).
    private func checked(indexing: Bool) throws(InputError) -> [String: StateID] {
        let network = self
        let ((index, fields), duplicates) = ConcurrentPair.run(
            parallel: Self.validatesInParallel(states.count, commitments.count, rivalries.count, contiguity.count),
            {
                var network = network
                if indexing { network.idByCode = Self.codeIndex(network.states) }
                return (network.idByCode, network.fieldErrors())
            },
            {
                DuplicateTies(
                    states: network.states.count, commitments: network.commitments, rivalries: network.rivalries,
                    contiguity: network.contiguity)
            }
        )
        try report(fields, duplicates)
        return index
    }

    /// The first violation of each part, found without the duplicate ties (`DuplicateTies`).
    private struct FieldErrors: Sendable {
        var states: InputError?
        var commitments: (index: Int, error: InputError)?
        var rivalries: (index: Int, error: InputError)?
        var contiguity: (index: Int, error: InputError)?
    }

    /// The first duplicate of each kind of tie (`SpellOverlap.first`): an index and the earlier
    /// entry it repeats.
    private struct DuplicateTies: Sendable {
        var commitments: (index: Int, other: Int)?
        var rivalries: (index: Int, other: Int)?
        var contiguity: (index: Int, other: Int)?

        init(states: Int, commitments: [Commitment], rivalries: [Rivalry], contiguity: [Contiguity]) {
            self.commitments = SpellOverlap.first(count: commitments.count, states: states) { index in
                let c = commitments[index]
                let key =
                    c.isSymmetric ? SpellOverlap.pairKey(c.pair.low, c.pair.high) : SpellOverlap.pairKey(c.from, c.to)
                return (key, UInt32(c.kind.ordinal) << 1 | (c.isSymmetric ? 1 : 0))
            } spell: {
                (commitments[$0].since, commitments[$0].until)
            }
            self.rivalries = SpellOverlap.first(count: rivalries.count, states: states) { index in
                (SpellOverlap.pairKey(rivalries[index].pair.low, rivalries[index].pair.high), 0)
            } spell: {
                (rivalries[$0].since, rivalries[$0].until)
            }
            // Every contiguity entry covers all years, so any two with the same pair overlap.
            self.contiguity = SpellOverlap.first(count: contiguity.count, states: states) { index in
                (SpellOverlap.pairKey(contiguity[index].pair.low, contiguity[index].pair.high), 0)
            } spell: { _ in
                (nil, nil)
            }
        }
    }

    private func fieldErrors() -> FieldErrors {
        var errors = FieldErrors()
        do { try validateStates() } catch { errors.states = error; return errors }
        errors.commitments = Self.firstError(commitments, check: checkCommitment)
        errors.rivalries = Self.firstError(rivalries, check: checkRivalry)
        errors.contiguity = Self.firstError(contiguity, check: checkContiguity)
        return errors
    }

    private static func firstError<Element>(
        _ elements: [Element], check: (Element, Int) throws(InputError) -> Void
    ) -> (index: Int, error: InputError)? {
        for (index, element) in elements.enumerated() {
            do { try check(element, index) } catch { return (index, error) }
        }
        return nil
    }

    /// Throws what a check of the parts in order (states, commitments, rivalries, contiguity),
    /// each element's fields before its duplicate test, would throw first.
    private func report(_ fields: FieldErrors, _ duplicates: DuplicateTies) throws(InputError) {
        if let error = fields.states { throw error }
        try Self.first(fields.commitments, duplicates.commitments) { index, other in
            let commitment = commitments[index]
            return InputError(
                location: "commitments[\(index)]",
                "duplicate \(commitment.kind.rawValue) commitment between "
                    + "\"\(states[commitment.from.index].code)\" and \"\(states[commitment.to.index].code)\" "
                    + "(same as commitments[\(other)] in overlapping years); "
                    + "merge them or give disjoint since/until")
        }
        try Self.first(fields.rivalries, duplicates.rivalries) { index, other in
            InputError(
                location: "rivalries[\(index)]",
                "duplicate rivalry (same pair as rivalries[\(other)] in overlapping years)")
        }
        try Self.first(fields.contiguity, duplicates.contiguity) { index, other in
            InputError(
                location: "contiguity[\(index)]", "duplicate contiguity entry (same pair as contiguity[\(other)])")
        }
    }

    /// The field error, unless a duplicate comes at a lower index.
    private static func first(
        _ field: (index: Int, error: InputError)?, _ duplicate: (index: Int, other: Int)?,
        _ duplicateError: (Int, Int) -> InputError
    ) throws(InputError) {
        if let field, field.index <= duplicate?.index ?? Int.max { throw field.error }
        if let duplicate { throw duplicateError(duplicate.index, duplicate.other) }
    }

    /// States: at least one; unique, well-formed codes; COW codes and numbers in range.
    private func validateStates() throws(InputError) {
        if states.isEmpty {
            throw InputError(location: "states", "the network has no states; give at least one")
        }
        let hasDuplicateCodes = idByCode.count != states.count
        for (index, state) in states.enumerated() {
            // `idByCode` holds each code's first state: a later state with that code is a duplicate
            // (looked up only when there is one: fewer codes than states).
            if hasDuplicateCodes, let first = idByCode[state.code], first.index != index {
                throw InputError(
                    location: "states[\(index)].code",
                    "duplicate state code \"\(state.code)\" (already used by states[\(first.index)]); "
                        + "codes must be unique")
            }
            try Self.checkCode(state.code, at: "states[\(index)].code")
            try Self.checkText(state.name, at: "states[\(index)].name", lineBreaks: false)
            try Self.checkText(state.note, at: "states[\(index)].note", lineBreaks: true)
            if let ccode = state.ccode, !(1...999).contains(ccode) {
                throw InputError(
                    location: "states[\(index)].ccode", "COW code \(ccode) is out of range; expected 1...999")
            }
            try Self.check(
                state.capability, at: "states[\(index)].capability", "a finite number >= 0: 0, or 1e-12 to 1e15"
            ) {
                $0 == 0 || Self.magnitudeRange.contains($0)
            }
            try Self.check(state.gdp, at: "states[\(index)].gdp", "a finite number > 0: 1e-12 to 1e15") {
                Self.magnitudeRange.contains($0)
            }
            try Self.check(state.effort, at: "states[\(index)].effort", "a share of GDP in (0, 1], at least 1e-9") {
                Self.effortRange.contains($0)
            }
            try Self.check(
                state.baselineEffort, at: "states[\(index)].baselineEffort", "a share of GDP in (0, 1], at least 1e-9"
            ) {
                Self.effortRange.contains($0)
            }
            try Self.check(state.hawkishness, at: "states[\(index)].hawkishness", "a number in [0, 1]") {
                (0...1).contains($0)
            }
            try Self.check(state.intent, at: "states[\(index)].intent", "a number in [0, 1]") { (0...1).contains($0) }
            try Self.check(state.growth, at: "states[\(index)].growth", "a number in [-0.5, 0.5]") {
                (-0.5...0.5).contains($0)
            }
        }
    }

    /// Commitments: two different existing states, a form (symmetric or directed) that the kind
    /// allows, credibilities in [0, 1] with one above 0, a valid spell (no two of the same kind
    /// between the same states in overlapping years: `DuplicateTies`).
    private func checkCommitment(_ commitment: Commitment, at index: Int) throws(InputError) {
        let ends = commitment.isSymmetric ? ("between[0]", "between[1]") : ("from", "to")
        try checkID(commitment.from, at: "commitments[\(index)].\(ends.0)")
        try checkID(commitment.to, at: "commitments[\(index)].\(ends.1)")
        if commitment.from == commitment.to {
            throw InputError(
                location: "commitments[\(index)].\(ends.1)",
                "a commitment must join two different states, not \"\(states[commitment.from.index].code)\" "
                    + "to itself")
        }
        if commitment.isSymmetric && !commitment.kind.allowsSymmetric {
            throw InputError(
                location: "commitments[\(index)].between",
                "a \(commitment.kind.rawValue) is directed; use \"from\" and \"to\" instead of \"between\"")
        }
        if !commitment.isSymmetric && !commitment.kind.allowsDirected {
            throw InputError(
                location: "commitments[\(index)].from",
                "a \(commitment.kind.rawValue) is symmetric; use \"between\" instead of \"from\" and \"to\"")
        }
        try Self.check(commitment.credibility, at: "commitments[\(index)].credibility", "a number in [0, 1]") {
            (0...1).contains($0)
        }
        if let reverse = commitment.reverseCredibility {
            try Self.check(reverse, at: "commitments[\(index)].reverseCredibility", "a number in [0, 1]") {
                (0...1).contains($0)
            }
        }
        if commitment.credibility == 0 && (commitment.reverseCredibility ?? 0) == 0 {
            throw InputError(
                location: "commitments[\(index)].credibility",
                "a commitment needs a pledge with credibility > 0 in at least one direction")
        }
        try Self.checkSpell(commitment.since, commitment.until, at: "commitments[\(index)]")
        try Self.checkText(commitment.note, at: "commitments[\(index)].note", lineBreaks: true)
    }

    /// Rivalries: two different existing states, intensity in (0, 1], a valid spell (no two for
    /// the same pair in overlapping years: `DuplicateTies`).
    private func checkRivalry(_ rivalry: Rivalry, at index: Int) throws(InputError) {
        try checkID(rivalry.pair.low, at: "rivalries[\(index)].between[0]")
        try checkID(rivalry.pair.high, at: "rivalries[\(index)].between[1]")
        if rivalry.pair.low == rivalry.pair.high {
            throw InputError(location: "rivalries[\(index)].between[1]", "a rivalry must join two different states")
        }
        try Self.check(rivalry.intensity, at: "rivalries[\(index)].intensity", "a number in (0, 1]") {
            $0 > 0 && $0 <= 1
        }
        try Self.checkSpell(rivalry.since, rivalry.until, at: "rivalries[\(index)]")
        try Self.checkText(rivalry.note, at: "rivalries[\(index)].note", lineBreaks: true)
    }

    /// Contiguity: two different existing states, a COW type (1-5) or a proximity in [0, 1] (at
    /// most one entry per pair: `DuplicateTies`).
    private func checkContiguity(_ entry: Contiguity, at index: Int) throws(InputError) {
        try checkID(entry.pair.low, at: "contiguity[\(index)].between[0]")
        try checkID(entry.pair.high, at: "contiguity[\(index)].between[1]")
        try Self.checkText(entry.note, at: "contiguity[\(index)].note", lineBreaks: true)
        if entry.pair.low == entry.pair.high {
            throw InputError(
                location: "contiguity[\(index)].between[1]", "contiguity must join two different states")
        }
        switch entry.kind {
        case .cowType(let type):
            if !Contiguity.cowTypes.contains(type) {
                throw InputError(
                    location: "contiguity[\(index)].type",
                    "contiguity type \(type) is not a COW type; expected 1 (land) to 5 (water <= 400 miles)")
            }
        case .proximity(let value):
            try Self.check(value, at: "contiguity[\(index)].proximity", "a number in [0, 1]") {
                (0...1).contains($0)
            }
        }
    }

    /// Capabilities (when not 0) and GDP: wide enough for CINC shares and for absolute figures,
    /// narrow enough that sums over millions of states and products in the threat model stay
    /// finite, and that power `c * m / m0` never underflows to 0 (docs/MODEL.md: power > 0 where c > 0).
    public static let magnitudeRange: ClosedRange<Double> = 1e-12...1e15
    /// Efforts (shares of GDP): above 0, with a floor that keeps power from underflowing.
    public static let effortRange: ClosedRange<Double> = 1e-9...1

    private func checkID(_ id: StateID, at path: @autoclosure () -> String) throws(InputError) {
        if !states.indices.contains(id.index) {
            throw InputError(
                location: path(), "state id \(id.index) is out of range; the network has \(states.count) states")
        }
    }

    package static func checkCode(_ code: String, at path: @autoclosure () -> String) throws(InputError) {
        // Byte by byte: the allowed characters are ASCII, so any other byte (a UTF-8 lead or
        // continuation byte included) makes the code invalid.
        let utf8 = code.utf8
        let allowed = utf8.allSatisfy { byte in
            (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39)
                || byte == 0x5F || byte == 0x2D
        }
        if utf8.isEmpty || utf8.count > 16 || !allowed {
            throw InputError(
                location: path(),
                "invalid state code \"\(code.prefix(40))\"; use 1 to 16 ASCII letters, digits, '_' or '-'")
        }
    }

    /// Checks free text from a file (a name, a note, a description) against what every writer can
    /// carry: no control character (Unicode general category Cc: U+0000-001F, DEL, U+0080-009F)
    /// and no noncharacter (U+FFFE, U+FFFF, U+FDD0-FDEF, ...). XML 1.0 (GraphML) can't hold them,
    /// our Gephi CSV reader refuses NUL, and in a terminal they are commands. With `lineBreaks`,
    /// tab, line feed and carriage return are allowed (notes and descriptions); names allow none.
    /// O(length); an ASCII-printable string is checked byte by byte.
    package static func checkText(_ text: String?, at path: @autoclosure () -> String, lineBreaks: Bool)
        throws(InputError)
    {
        guard let text, !text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) else { return }
        for (offset, scalar) in text.unicodeScalars.enumerated() {
            let isBreak = scalar == "\t" || scalar == "\n" || scalar == "\r"
            let isControl = scalar.properties.generalCategory == .control
            guard (isControl && !(lineBreaks && isBreak)) || scalar.properties.isNoncharacterCodePoint else {
                continue
            }
            let hex = String(scalar.value, radix: 16, uppercase: true)
            let code = "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
            let what = isControl ? "the control character" : "the noncharacter"
            let allowed = lineBreaks ? " other than tab and line breaks" : ""
            throw InputError(
                location: path(),
                "contains \(what) \(code) (character \(offset + 1)); text can't hold control "
                    + "characters\(allowed) or noncharacters, which GraphML, GML, CSV and terminals can't carry")
        }
    }

    static func check(
        _ value: Double, at path: @autoclosure () -> String, _ expected: String,
        _ isValid: (Double) -> Bool
    ) throws(InputError) {
        if !value.isFinite || !isValid(value) {
            throw InputError(location: path(), "\(value) is out of range; expected \(expected)")
        }
    }

    static func checkSpell(_ since: Int?, _ until: Int?, at path: @autoclosure () -> String) throws(InputError) {
        if let since, let until, since > until {
            throw InputError(location: "\(path()).until", "until (\(until)) is before since (\(since))")
        }
    }

    static func overlaps(_ s1: Int?, _ u1: Int?, _ s2: Int?, _ u2: Int?) -> Bool {
        let start1 = s1 ?? Int.min, end1 = u1 ?? Int.max, start2 = s2 ?? Int.min, end2 = u2 ?? Int.max
        return start1 <= end2 && start2 <= end1
    }
}
