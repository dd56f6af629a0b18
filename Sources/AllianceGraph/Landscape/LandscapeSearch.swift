/// Local minima of an `AlignmentLandscape` and their basins of attraction (docs/MODEL.md section 6).
///
/// Configurations: a configuration and its mirror image (camps swapped) are the same split, so
/// the first state is fixed in camp 0 and there are 2^(N-1) configurations.
///
/// Moves: switching one state's camp changes the energy by `dE_k = x_k h_k`, with spins
/// `x = +1` (camp 0) or `-1` (camp 1) and local fields `h_k = sum_j w_kj x_j`, `w_kj = s_k s_j p_kj`.
/// (Switching the first state gives the mirror of switching all the others.)
///
/// - A **local minimum** is a configuration where no single switch lowers the energy by more
///   than the tolerance `1e-12 x sum |w_ij|` (so plateaus of equal energy can hold several
///   neighbouring minima, each reported).
/// - **Steepest descent** moves to the neighbour with the lowest energy (the most negative
///   dE_k beyond the tolerance; ties broken by the lowest state index) until at a local
///   minimum. Deterministic: every configuration descends to exactly one minimum.
/// - The **basin** of a minimum is the set of configurations whose steepest descent ends
///   there; basin sizes sum to 2^(N-1).
///
/// Exhaustive search (N <= `exhaustiveLimit`): every configuration is visited in Gray-code
/// order, one switch per step, updating the N local fields (hence every dE_k) in O(N); each
/// configuration's steepest-descent successor is stored (one UInt32 each, 2^(N-1) of them) and
/// the basins are resolved by pointer jumping. N = 24 takes well under a second in a release
/// build; memory is 4 x 2^(N-1) bytes (128 MiB at N = 26).
///
/// Beyond: `starts` steepest descents from uniformly random configurations drawn from `seed`;
/// a minimum's basin is estimated as its share of the starts (x 2^(N-1)), and minima with small
/// basins may be missed. Reported as sampled.
public enum LandscapeSearch {
    /// Largest N searched exhaustively by default.
    public static let defaultExhaustiveLimit = 26
    /// Default number of random starts beyond the exhaustive limit.
    public static let defaultStarts = 10_000

    public struct Minimum: Hashable, Sendable {
        /// Camp (0 or 1) of each state; the first state is in camp 0.
        public let camps: [Int]
        public let energy: Double
        /// Configurations whose steepest descent ends here (estimated when sampled).
        public let basin: Double
        /// Basin as a share of all 2^(N-1) configurations.
        public let basinShare: Double
    }

    public struct Result: Hashable, Sendable {
        /// Minima by increasing energy (ties: by camps).
        public let minima: [Minimum]
        /// True when every configuration was visited.
        public let exhaustive: Bool
        /// Configurations visited (exhaustive) or random starts (sampled).
        public let evaluated: Int
        /// 2^(N-1), as a Double (exact up to N = 54).
        public let configurations: Double
    }

    /// Exhaustive search when N <= `exhaustiveLimit`, otherwise seeded multi-start descent.
    public static func search(
        _ landscape: AlignmentLandscape, exhaustiveLimit: Int = defaultExhaustiveLimit,
        starts: Int = defaultStarts, seed: UInt64 = 0
    ) -> Result {
        landscape.count <= min(exhaustiveLimit, 31)
            ? exhaustive(landscape)
            : sampled(landscape, starts: starts, seed: seed)
    }

    /// Every configuration, in Gray-code order (N <= 31).
    public static func exhaustive(_ landscape: AlignmentLandscape) -> Result {
        let n = landscape.count
        if n <= 1 {
            let camps = [Int](repeating: 0, count: n)
            return Result(
                minima: [Minimum(camps: camps, energy: 0, basin: 1, basinShare: 1)], exhaustive: true,
                evaluated: 1, configurations: 1)
        }
        precondition(n <= 31, "exhaustive landscape search is limited to 31 states")
        let w = landscape.weights
        let tolerance = 1e-12 * max(1e-300, w.reduce(0) { $0 + abs($1) })
        let total = 1 << (n - 1)
        let all = UInt32(truncatingIfNeeded: total - 1)
        var spin = [Double](repeating: 1, count: n)
        var field = [Double](repeating: 0, count: n)
        for k in 0..<n {
            for j in 0..<n { field[k] += w[k * n + j] }
        }
        var successor = [UInt32](repeating: 0, count: total)
        var minimumIndices: [UInt32] = []
        var index: UInt32 = 0
        spin.withUnsafeMutableBufferPointer { x in
            field.withUnsafeMutableBufferPointer { h in
                w.withUnsafeBufferPointer { w in
                    successor.withUnsafeMutableBufferPointer { next in
                        for step in 0..<total {
                            // Steepest descent successor of the current configuration.
                            var bestDelta = -tolerance, bestK = -1
                            for k in 0..<n {
                                let delta = x[k] * h[k]
                                if delta < bestDelta { bestDelta = delta; bestK = k }
                            }
                            if bestK < 0 {
                                next[Int(index)] = index
                                minimumIndices.append(index)
                            } else {
                                next[Int(index)] = bestK == 0 ? index ^ all : index ^ (1 << UInt32(bestK - 1))
                            }
                            if step == total - 1 { break }
                            // Gray code: the next configuration switches state ctz(step + 1) + 1.
                            let k = (step + 1).trailingZeroBitCount + 1
                            x[k] = -x[k]
                            let twice = 2 * x[k]
                            let row = k * n
                            for j in 0..<n { h[j] += twice * w[row + j] }
                            index ^= 1 << UInt32(k - 1)
                        }
                    }
                }
            }
        }
        // Resolve basins by pointer jumping (descent strictly lowers the energy: no cycles).
        var basinCount: [UInt32: Int] = [:]
        for m in minimumIndices { basinCount[m] = 0 }
        successor.withUnsafeMutableBufferPointer { next in
            for start in 0..<total {
                var node = UInt32(start)
                while next[Int(node)] != node {
                    let parent = next[Int(node)]
                    next[Int(node)] = next[Int(parent)]
                    node = parent
                }
                basinCount[node, default: 0] += 1
            }
        }
        let minima = minimumIndices.map { m -> Minimum in
            let camps = Self.camps(of: m, n: n)
            let basin = Double(basinCount[m] ?? 0)
            return Minimum(
                camps: camps, energy: landscape.energy(camps: camps), basin: basin,
                basinShare: basin / Double(total))
        }
        return Result(minima: sorted(minima), exhaustive: true, evaluated: total, configurations: Double(total))
    }

    /// `starts` steepest descents from random configurations.
    public static func sampled(_ landscape: AlignmentLandscape, starts: Int, seed: UInt64) -> Result {
        let n = landscape.count
        let w = landscape.weights
        let tolerance = 1e-12 * max(1e-300, w.reduce(0) { $0 + abs($1) })
        var random = SeededRandom(seed: seed)
        var hits: [[Int]: Int] = [:]
        var order: [[Int]] = []
        let runs = max(1, starts)
        for _ in 0..<runs {
            var x = [Double](repeating: 1, count: n)
            for k in 1..<max(1, n) where random.next() & 1 == 1 { x[k] = -1 }
            var h = [Double](repeating: 0, count: n)
            for k in 0..<n {
                for j in 0..<n { h[k] += w[k * n + j] * x[j] }
            }
            while true {
                var bestDelta = -tolerance, bestK = -1
                for k in 0..<n {
                    let delta = x[k] * h[k]
                    if delta < bestDelta { bestDelta = delta; bestK = k }
                }
                if bestK < 0 { break }
                x[bestK] = -x[bestK]
                for j in 0..<n { h[j] += 2 * x[bestK] * w[bestK * n + j] }
            }
            var camps = x.map { $0 > 0 ? 0 : 1 }
            if camps.first == 1 { camps = camps.map { 1 - $0 } }
            if hits[camps] == nil { order.append(camps) }
            hits[camps, default: 0] += 1
        }
        let configurations = Double(sign: .plus, exponent: n - 1, significand: 1)
        let minima = order.map { camps -> Minimum in
            let share = Double(hits[camps] ?? 0) / Double(runs)
            return Minimum(
                camps: camps, energy: landscape.energy(camps: camps), basin: share * configurations,
                basinShare: share)
        }
        return Result(minima: sorted(minima), exhaustive: false, evaluated: runs, configurations: configurations)
    }

    static func camps(of index: UInt32, n: Int) -> [Int] {
        (0..<n).map { $0 == 0 ? 0 : Int((index >> UInt32($0 - 1)) & 1) }
    }

    static func sorted(_ minima: [Minimum]) -> [Minimum] {
        minima.sorted { $0.energy != $1.energy ? $0.energy < $1.energy : $0.camps.lexicographicallyPrecedes($1.camps) }
    }

    /// The number of states placed on the side of `actual` (0/1 per state), under the better
    /// of the two ways of matching camps to sides.
    public static func matches(_ camps: [Int], actual: [Int]) -> Int {
        let agree = zip(camps, actual).filter { $0 == $1 }.count
        return max(agree, camps.count - agree)
    }
}
