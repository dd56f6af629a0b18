/// The kinds of commitment (docs/MODEL.md section 1.2): ATOP's obligation types plus two informal kinds.
public enum CommitmentKind: String, CaseIterable, Hashable, Sendable, Comparable {
    /// Fight for the partner if the partner is attacked (casus foederis).
    case defense
    /// Join the partner's wars, including wars the partner starts (a "blank cheque").
    case offense
    /// Stay out of wars against the partner.
    case neutrality
    /// Do not attack the partner.
    case nonaggression
    /// Consult in a crisis; no obligation to fight (e.g. an entente). Always symmetric.
    case consultation
    /// Defend the protected state if it is attacked; directed, guarantor -> protected.
    case guarantee
    /// Informal protection; directed, patron -> client.
    case patronage

    /// Whether the kind may be symmetric (`between`) in a scenario file.
    public var allowsSymmetric: Bool { self != .guarantee && self != .patronage }
    /// Whether the kind may be directed (`from`/`to`) in a scenario file.
    public var allowsDirected: Bool { self != .consultation }

    /// Credibility kappa when a file gives none: 1 for formal pledges, 0.7 for patronage.
    public var defaultCredibility: Double { self == .patronage ? 0.7 : 1.0 }

    /// Sign in the signed view of the network: +1 for `defense`, `offense`, `guarantee`,
    /// `patronage` and `consultation`; 0 (absent) for `neutrality` and `nonaggression`, which
    /// restrain rather than align.
    public var sign: Int {
        switch self {
        case .defense, .offense, .guarantee, .patronage, .consultation: return 1
        case .neutrality, .nonaggression: return 0
        }
    }

    /// Whether the pledge obliges the committed state to fight (for a victim or any belligerent).
    public var obligesToFight: Bool {
        switch self {
        case .defense, .offense, .guarantee, .patronage: return true
        case .neutrality, .nonaggression, .consultation: return false
        }
    }

    /// The kind's position in `allCases` (declaration order), without a search: for tables
    /// indexed by kind in loops over millions of commitments.
    package var ordinal: Int {
        switch self {
        case .defense: 0
        case .offense: 1
        case .neutrality: 2
        case .nonaggression: 3
        case .consultation: 4
        case .guarantee: 5
        case .patronage: 6
        }
    }

    public static func < (lhs: CommitmentKind, rhs: CommitmentKind) -> Bool { lhs.ordinal < rhs.ordinal }
}
