/// Which commitment kinds join each pair of states: a CSR over the lower id of each pair, each
/// entry the higher id and a bit set of kinds (`CommitmentKind.allCases` order).
///
/// Replaces a `[StatePair: Set<CommitmentKind>]` (a set per pair: gigabytes at 10 million ties)
/// with 5 bytes per pair. Lookup O(log degree).
struct PairKindIndex: Sendable {
    private let offsets: [Int32]
    private let highs: [Int32]
    private let kinds: [UInt8]
    /// The same bit sets as a dense N x N table (row a, column b, both orders) when N <=
    /// `denseLimit`, else empty: O(1) lookups for the rules' all-pairs scans of small networks.
    private let dense: [UInt8]
    private let count: Int
    static let denseLimit = 256

    init(_ network: AllianceNetwork) {
        let n = network.count
        let commitments = network.commitments
        var start = [Int](repeating: 0, count: n + 1)
        for c in commitments { start[c.pair.low.index + 1] += 1 }
        for i in 0..<n { start[i + 1] += start[i] }
        var fill = start
        var highs = [Int32](repeating: 0, count: commitments.count)
        var kinds = [UInt8](repeating: 0, count: commitments.count)
        for c in commitments {
            let row = c.pair.low.index
            highs[fill[row]] = Int32(c.pair.high.index)
            kinds[fill[row]] = Self.bit(c.kind)
            fill[row] += 1
        }
        // Sort each row by the higher id and merge the kinds of one pair.
        var offsets = [Int32](repeating: 0, count: n + 1)
        var row: [(high: Int32, kinds: UInt8)] = []
        var write = 0
        for i in 0..<n {
            row.removeAll(keepingCapacity: true)
            for k in start[i]..<start[i + 1] { row.append((highs[k], kinds[k])) }
            row.sort { $0.high < $1.high }
            var k = 0
            while k < row.count {
                var mask = row[k].kinds
                var next = k + 1
                while next < row.count && row[next].high == row[k].high { mask |= row[next].kinds; next += 1 }
                highs[write] = row[k].high
                kinds[write] = mask
                write += 1
                k = next
            }
            offsets[i + 1] = Int32(write)
        }
        self.offsets = offsets
        self.highs = Array(highs[0..<write])
        self.kinds = Array(kinds[0..<write])
        count = n
        var dense: [UInt8] = []
        if n <= Self.denseLimit {
            dense = [UInt8](repeating: 0, count: n * n)
            for low in 0..<n {
                for k in Int(offsets[low])..<Int(offsets[low + 1]) {
                    let high = Int(highs[k])
                    dense[low * n + high] = kinds[k]
                    dense[high * n + low] = kinds[k]
                }
            }
        }
        self.dense = dense
    }

    /// The bit of `kind`: 1 << its position in `CommitmentKind.allCases`.
    static func bit(_ kind: CommitmentKind) -> UInt8 {
        switch kind {
        case .defense: return 1 << 0
        case .offense: return 1 << 1
        case .neutrality: return 1 << 2
        case .nonaggression: return 1 << 3
        case .consultation: return 1 << 4
        case .guarantee: return 1 << 5
        case .patronage: return 1 << 6
        }
    }

    /// The kinds joining `a` and `b`, as a bit set (0 when none).
    func kinds(_ a: StateID, _ b: StateID) -> UInt8 {
        if !dense.isEmpty, a.index >= 0, a.index < count, b.index >= 0, b.index < count {
            return dense[a.index * count + b.index]
        }
        let pair = StatePair(a, b)
        let low = pair.low.index, high = Int32(pair.high.index)
        guard low >= 0, low + 1 < offsets.count else { return 0 }
        var lo = Int(offsets[low]), hi = Int(offsets[low + 1])
        while lo < hi {
            let mid = (lo + hi) / 2
            if highs[mid] < high { lo = mid + 1 } else { hi = mid }
        }
        return lo < Int(offsets[low + 1]) && highs[lo] == high ? kinds[lo] : 0
    }
}
