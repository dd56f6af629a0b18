/// The unordered pairs already joined while a network is generated: O(1) membership, about
/// 14 bytes per pair. Keys are `low << 32 | high`, so state indices must fit in 32 bits.
struct TieSet {
    private var keys = Set<UInt64>()

    init(capacity: Int) {
        keys.reserveCapacity(capacity)
    }

    static func key(_ a: Int, _ b: Int) -> UInt64 {
        UInt64(min(a, b)) << 32 | UInt64(max(a, b))
    }

    func contains(_ a: Int, _ b: Int) -> Bool { keys.contains(Self.key(a, b)) }

    /// Inserts the pair; false when it was already there.
    mutating func insert(_ a: Int, _ b: Int) -> Bool { keys.insert(Self.key(a, b)).inserted }
}

extension SeededRandom {
    /// A uniform integer in `0..<bound` (`bound > 0`): `next() % bound`, whose bias, below
    /// `bound / 2^64`, is negligible for network sizes.
    mutating func index(below bound: Int) -> Int {
        Int(next() % UInt64(bound))
    }
}
