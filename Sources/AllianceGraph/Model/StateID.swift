/// A state's position in its network: a dense index `0..<network.states.count`.
///
/// States are addressed by this typed index everywhere inside the library, never by their code
/// strings, so that an index into one array can't be mistaken for a count or for another kind of
/// id. Codes (`"GMY"`) are for people and files; `AllianceNetwork.id(forCode:)` maps between them.
///
/// Stored in 32 bits (networks hold fewer than 2^31 states), so that ties and pairs stay small
/// in networks of millions of states.
public struct StateID: Hashable, Comparable, Sendable, CustomStringConvertible {
    private let storage: Int32

    /// The zero-based position of the state in `AllianceNetwork.states`.
    public var index: Int { Int(storage) }

    /// The id of position `index`, which must be in `Int32`'s range.
    public init(_ index: Int) {
        storage = Int32(index)
    }

    public static func < (lhs: StateID, rhs: StateID) -> Bool { lhs.index < rhs.index }

    public var description: String { "#\(index)" }
}

/// An unordered pair of states, stored with the lower index first.
public struct StatePair: Hashable, Sendable {
    public let low: StateID
    public let high: StateID

    public init(_ a: StateID, _ b: StateID) {
        if a <= b { low = a; high = b } else { low = b; high = a }
    }

    /// The member of the pair that is not `state` (`state` must be a member).
    public func other(than state: StateID) -> StateID { state == low ? high : low }
}
