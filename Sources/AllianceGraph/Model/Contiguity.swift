/// Geography between two states: a COW direct-contiguity type or an explicit proximity
/// (docs/MODEL.md section 1.2).
public struct Contiguity: Hashable, Sendable {
    /// COW Direct Contiguity v3.2 types: 1 land border; 2-5 separated by at most 12, 24, 150 or
    /// 400 miles of water.
    public enum Kind: Hashable, Sendable {
        case cowType(Int)
        case proximity(Double)
    }

    public var pair: StatePair
    public var kind: Kind
    public var note: String?

    public init(_ a: StateID, _ b: StateID, type: Int, note: String? = nil) {
        pair = StatePair(a, b)
        kind = .cowType(type)
        self.note = note
    }

    public init(_ a: StateID, _ b: StateID, proximity: Double, note: String? = nil) {
        pair = StatePair(a, b)
        kind = .proximity(proximity)
        self.note = note
    }

    /// Proximity pi in [0, 1] implied by this entry: land 1.0; water <= 12 mi 0.8, <= 24 mi 0.6,
    /// <= 150 mi 0.4, <= 400 mi 0.2; or the explicit value.
    public var proximity: Double {
        switch kind {
        case .proximity(let value): return value
        case .cowType(let type): return Contiguity.proximity(forCOWType: type)
        }
    }

    /// The valid COW contiguity types.
    public static let cowTypes = 1...5

    /// Proximity for a COW direct-contiguity type (1 land ... 5 water <= 400 mi).
    public static func proximity(forCOWType type: Int) -> Double {
        switch type {
        case 1: return 1.0
        case 2: return 0.8
        case 3: return 0.6
        case 4: return 0.4
        case 5: return 0.2
        default: return distantProximity
        }
    }

    /// Proximity between states with no contiguity entry.
    public static let distantProximity = 0.1
    /// Floor on the proximity of a major power (global reach).
    public static let majorPowerReach = 0.5

    /// The proximity pi_ij of `j` seen from `i`, from the geography alone (`base`: the contiguity
    /// entry's proximity, or `distantProximity` without one) and whether `j` is a major power.
    ///
    /// A minor power's proximity is its geography. A major power's global reach lifts the floor of
    /// the scale from 0.1 to `majorPowerReach` (0.5), and geography still counts above it:
    ///
    ///     pi = max(r, r + (1 - r) * (base - d) / (1 - d)),   r = 0.5, d = 0.1
    ///
    /// so a major power with no entry is at 0.5, one across a land border at 1, and one across
    /// 12, 24, 150 or 400 miles of water at 0.889, 0.778, 0.667 or 0.556. Boulding's (1962,
    /// *Conflict and Defense*) loss-of-strength gradient: power projected far from home is weaker
    /// than power next door, for a great power too. *Deviation from the plain floor*
    /// `max(base, 0.5)`, under which a great power across the Black Sea (0.4, raised to 0.5) was
    /// exactly as near as one on the far side of Asia (0.5); the values at the two ends of the
    /// scale (no entry, land border) are unchanged (docs/MODEL.md, "Proximity").
    public static func proximity(base: Double, major: Bool) -> Double {
        guard major else { return base }
        let lifted = majorPowerReach + (1 - majorPowerReach) * (base - distantProximity) / (1 - distantProximity)
        return max(majorPowerReach, lifted)
    }
}
