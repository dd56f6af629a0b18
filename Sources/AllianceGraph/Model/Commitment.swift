/// One commitment between two states (MODEL.md section 1.2).
///
/// A symmetric commitment (`between` in a file) is two directed obligations of the same kind,
/// `from -> to` with `credibility` and `to -> from` with `reverseCredibility`; their credibilities
/// may drift apart under the dynamics. A directed commitment (`from`/`to`) is one obligation: the
/// `from` state owes it to `to` (the guarantor to the protected state, the patron to its client).
public struct Commitment: Hashable, Sendable {
    public var kind: CommitmentKind
    /// The committed state of a directed commitment; the first state of a symmetric one.
    public var from: StateID
    /// The partner of a directed commitment; the second state of a symmetric one.
    public var to: StateID
    public var isSymmetric: Bool
    /// Credibility kappa in [0, 1] of `from`'s pledge to `to`.
    public var credibility: Double
    /// Credibility of `to`'s pledge to `from`; symmetric commitments only (nil otherwise).
    public var reverseCredibility: Double?
    /// First year in force, inclusive.
    public var since: Int?
    /// Last year in force, inclusive.
    public var until: Int?
    public var note: String?

    /// A symmetric commitment between `a` and `b`.
    public static func symmetric(_ kind: CommitmentKind, _ a: StateID, _ b: StateID,
                                 credibility: Double? = nil, reverseCredibility: Double? = nil,
                                 since: Int? = nil, until: Int? = nil, note: String? = nil) -> Commitment {
        let kappa = credibility ?? kind.defaultCredibility
        return Commitment(kind: kind, from: a, to: b, isSymmetric: true, credibility: kappa,
                          reverseCredibility: reverseCredibility ?? kappa, since: since, until: until, note: note)
    }

    /// A directed commitment: `from` owes the obligation to `to`.
    public static func directed(_ kind: CommitmentKind, from: StateID, to: StateID,
                                credibility: Double? = nil, since: Int? = nil, until: Int? = nil,
                                note: String? = nil) -> Commitment {
        Commitment(kind: kind, from: from, to: to, isSymmetric: false,
                   credibility: credibility ?? kind.defaultCredibility, reverseCredibility: nil,
                   since: since, until: until, note: note)
    }

    public init(kind: CommitmentKind, from: StateID, to: StateID, isSymmetric: Bool, credibility: Double,
                reverseCredibility: Double?, since: Int?, until: Int?, note: String?) {
        self.kind = kind
        self.from = from
        self.to = to
        self.isSymmetric = isSymmetric
        self.credibility = credibility
        self.reverseCredibility = isSymmetric ? (reverseCredibility ?? credibility) : nil
        self.since = since
        self.until = until
        self.note = note
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
