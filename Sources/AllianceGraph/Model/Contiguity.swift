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
}
