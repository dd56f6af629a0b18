/// The `k` nearest other points of every point on the unit square: the geography of generated
/// networks (`SyntheticNetwork`).
///
/// Distances are Euclidean; neighbours are listed nearest first, ties broken by the lower index,
/// so the lists depend only on the coordinates. Built with a uniform grid of about two points per
/// cell, searched ring by ring until the k-th candidate is closer than the next ring can be:
/// O(N k log k) time for points spread over the square, O(N k) memory (`Int32` indices).
struct NearestNeighbours: Sendable {
    let k: Int
    /// Row `i` is `lists[i * k ..< (i + 1) * k]`.
    let lists: [Int32]

    init(x: [Double], y: [Double], k requested: Int) {
        let n = x.count
        let k = max(0, min(requested, n - 1))
        self.k = k
        guard k > 0 else { lists = []; return }
        let side = max(1, Int((Double(n) / 2).squareRoot()))
        let cellSize = 1 / Double(side)
        func cell(_ v: Double) -> Int { min(side - 1, max(0, Int(v * Double(side)))) }
        // Points by cell (counting sort): members of cell c are order[start[c] ..< start[c + 1]].
        var start = [Int](repeating: 0, count: side * side + 1)
        for i in 0..<n { start[cell(y[i]) * side + cell(x[i]) + 1] += 1 }
        for c in 0..<(side * side) { start[c + 1] += start[c] }
        var fill = start
        var order = [Int32](repeating: 0, count: n)
        for i in 0..<n {
            let c = cell(y[i]) * side + cell(x[i])
            order[fill[c]] = Int32(i)
            fill[c] += 1
        }
        var lists = [Int32](repeating: 0, count: n * k)
        var candidates: [(distance: Double, index: Int32)] = []
        for i in 0..<n {
            let cx = cell(x[i]), cy = cell(y[i])
            candidates.removeAll(keepingCapacity: true)
            var ring = 0
            while true {
                let lowX = cx - ring, highX = cx + ring, lowY = cy - ring, highY = cy + ring
                for gy in max(0, lowY)...min(side - 1, highY) {
                    for gx in max(0, lowX)...min(side - 1, highX)
                    where gy == lowY || gy == highY || gx == lowX || gx == highX {
                        let c = gy * side + gx
                        for slot in start[c]..<start[c + 1] {
                            let j = Int(order[slot])
                            if j == i { continue }
                            let dx = x[j] - x[i], dy = y[j] - y[i]
                            candidates.append(((dx * dx + dy * dy).squareRoot(), Int32(j)))
                        }
                    }
                }
                // Every point outside the searched block is at least `ring * cellSize` away.
                let coveredAll = lowX <= 0 && lowY <= 0 && highX >= side - 1 && highY >= side - 1
                if candidates.count >= k {
                    candidates.sort { $0.distance != $1.distance ? $0.distance < $1.distance : $0.index < $1.index }
                    if coveredAll || candidates[k - 1].distance <= Double(ring) * cellSize { break }
                } else if coveredAll {
                    break
                }
                ring += 1
            }
            for r in 0..<k { lists[i * k + r] = candidates[r].index }
        }
        self.lists = lists
    }

    /// The `rank`-th nearest neighbour of `i` (rank 0 is the nearest).
    func neighbour(_ i: Int, _ rank: Int) -> Int { Int(lists[i * k + rank]) }
}
