/// A state's position in its network: a dense index `0..<network.states.count`.
///
/// States are addressed by this typed index everywhere inside the library, never by their code
/// strings, so that an index into one array can't be mistaken for a count or for another kind of
/// id. Codes (`"GMY"`) are for people and files; `AllianceNetwork.id(forCode:)` maps between them.
public struct StateID: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The zero-based position of the state in `AllianceNetwork.states`.
    public let index: Int

    public init(_ index: Int) {
        self.index = index
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
