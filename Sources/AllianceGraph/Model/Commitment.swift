/// One commitment between two states (docs/MODEL.md section 1.2).
///
/// A symmetric commitment (`between` in a file) is two directed obligations of the same kind,
/// `from -> to` with `credibility` and `to -> from` with `reverseCredibility`; their credibilities
/// may drift apart under the dynamics. A directed commitment (`from`/`to`) is one obligation: the
/// `from` state owes it to `to` (the guarantor to the protected state, the patron to its client).
///
/// Storage is compact (40 bytes) for networks of millions of ties: ids are 32-bit, an absent
/// reverse credibility is a reserved NaN, and the rarely set `since`, `until` and `note` live in
/// one shared box that is absent when all three are nil. Every property reads and writes as a
/// plain value.
public struct Commitment: Hashable, Sendable {
    /// The committed state of a directed commitment; the first state of a symmetric one.
    public var from: StateID
    /// The partner of a directed commitment; the second state of a symmetric one.
    public var to: StateID
    /// Credibility kappa in [0, 1] of `from`'s pledge to `to`.
    public var credibility: Double
    private var storedReverse: Double
    private var extras: Extras?
    public var kind: CommitmentKind
    public var isSymmetric: Bool

    /// Credibility of `to`'s pledge to `from`; symmetric commitments only (nil otherwise).
    public var reverseCredibility: Double? {
        get { storedReverse.bitPattern == Self.absent.bitPattern ? nil : storedReverse }
        set { storedReverse = newValue ?? Self.absent }
    }
    /// First year in force, inclusive.
    public var since: Int? {
        get { extras?.since }
        set { extras = Extras.make(since: newValue, until: until, note: note) }
    }
    /// Last year in force, inclusive.
    public var until: Int? {
        get { extras?.until }
        set { extras = Extras.make(since: since, until: newValue, note: note) }
    }
    public var note: String? {
        get { extras?.note }
        set { extras = Extras.make(since: since, until: until, note: newValue) }
    }

    /// The NaN pattern that stands for "no reverse credibility" (never the result of arithmetic).
    private static let absent = Double(bitPattern: 0x7FF4_A11C_E000_0001)

    /// The optional, rarely set fields, immutable and shared between copies.
    private final class Extras: Sendable {
        let since: Int?
        let until: Int?
        let note: String?

        private init(since: Int?, until: Int?, note: String?) {
            self.since = since
            self.until = until
            self.note = note
        }

        static func make(since: Int?, until: Int?, note: String?) -> Extras? {
            since == nil && until == nil && note == nil ? nil : Extras(since: since, until: until, note: note)
        }
    }

    public static func == (lhs: Commitment, rhs: Commitment) -> Bool {
        lhs.kind == rhs.kind && lhs.from == rhs.from && lhs.to == rhs.to && lhs.isSymmetric == rhs.isSymmetric
            && lhs.credibility == rhs.credibility && lhs.reverseCredibility == rhs.reverseCredibility
            && lhs.since == rhs.since && lhs.until == rhs.until && lhs.note == rhs.note
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(kind)
        hasher.combine(from)
        hasher.combine(to)
        hasher.combine(isSymmetric)
        hasher.combine(credibility)
        hasher.combine(reverseCredibility)
        hasher.combine(since)
        hasher.combine(until)
        hasher.combine(note)
    }

    /// A symmetric commitment between `a` and `b`.
    public static func symmetric(
        _ kind: CommitmentKind, _ a: StateID, _ b: StateID,
        credibility: Double? = nil, reverseCredibility: Double? = nil,
        since: Int? = nil, until: Int? = nil, note: String? = nil
    ) -> Commitment {
        let kappa = credibility ?? kind.defaultCredibility
        return Commitment(
            kind: kind, from: a, to: b, isSymmetric: true, credibility: kappa,
            reverseCredibility: reverseCredibility ?? kappa, since: since, until: until, note: note)
    }

    /// A directed commitment: `from` owes the obligation to `to`.
    public static func directed(
        _ kind: CommitmentKind, from: StateID, to: StateID,
        credibility: Double? = nil, since: Int? = nil, until: Int? = nil,
        note: String? = nil
    ) -> Commitment {
        Commitment(
            kind: kind, from: from, to: to, isSymmetric: false,
            credibility: credibility ?? kind.defaultCredibility, reverseCredibility: nil,
            since: since, until: until, note: note)
    }

    public init(
        kind: CommitmentKind, from: StateID, to: StateID, isSymmetric: Bool, credibility: Double,
        reverseCredibility: Double?, since: Int?, until: Int?, note: String?
    ) {
        self.kind = kind
        self.from = from
        self.to = to
        self.isSymmetric = isSymmetric
        self.credibility = credibility
        storedReverse = isSymmetric ? (reverseCredibility ?? credibility) : Self.absent
        extras = Extras.make(since: since, until: until, note: note)
    }

    /// The directed obligations this commitment stands for: one for a directed commitment, two
    /// for a symmetric one.
    public var obligations: [Obligation] {
        var result = [Obligation(kind: kind, committed: from, partner: to, credibility: credibility)]
        if isSymmetric, let reverse = reverseCredibility {
            result.append(Obligation(kind: kind, committed: to, partner: from, credibility: reverse))
        }
        return result
    }

    /// Calls `body` with each obligation of `obligations`, in the same order, without building
    /// an array (for loops over millions of commitments).
    public func forEachObligation(_ body: (Obligation) -> Void) {
        body(Obligation(kind: kind, committed: from, partner: to, credibility: credibility))
        if isSymmetric, let reverse = reverseCredibility {
            body(Obligation(kind: kind, committed: to, partner: from, credibility: reverse))
        }
    }

    /// Whether the commitment is in force in `year` (`since <= year <= until`); always true
    /// when `year` is nil.
    public func isInForce(in year: Int?) -> Bool {
        guard let year else { return true }
        if let since, year < since { return false }
        if let until, year > until { return false }
        return true
    }

    /// The unordered pair of states the commitment joins.
    public var pair: StatePair { StatePair(from, to) }
}

/// One directed obligation: `committed` owes a pledge of `kind` to `partner`.
public struct Obligation: Hashable, Sendable {
    public var kind: CommitmentKind
    public var committed: StateID
    public var partner: StateID
    /// Credibility kappa in [0, 1] of the pledge.
    public var credibility: Double
}
