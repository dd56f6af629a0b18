/// The ties of the `regional` model (`SyntheticNetwork`): alliances among neighbours on the map.
///
/// With K = min(N - 1, max(4, 2 * ceil(2M / N))) nearest neighbours per state (twice the mean
/// degree), each attempt draws a state i uniformly; with probability 0.9 its partner j is drawn
/// uniformly from i's K nearest neighbours (a local tie), otherwise uniformly from all other
/// states (a long-range tie). An attempt that repeats a joined pair is dropped; attempts continue
/// until M distinct pairs are joined. Since K >= 4M / N, the K-nearest pairs number at least 2M,
/// so the local draws never run dry. Ties are returned in the order they were made.
enum RegionalTies {
    static let localShare = 0.9

    static func neighbourCount(states n: Int, ties m: Int) -> Int {
        guard n > 1 else { return 0 }
        let meanDegree = (2 * m + n - 1) / n
        return min(n - 1, max(4, 2 * meanDegree))
    }

    static func make(
        states n: Int, ties m: Int, neighbours: NearestNeighbours, random: inout SeededRandom,
        joined: inout TieSet
    ) -> [(Int32, Int32)] {
        var ties: [(Int32, Int32)] = []
        ties.reserveCapacity(m)
        while ties.count < m {
            let i = random.index(below: n)
            let j: Int
            if random.nextUnit() < localShare {
                j = neighbours.neighbour(i, random.index(below: neighbours.k))
            } else {
                let draw = random.index(below: n - 1)
                j = draw >= i ? draw + 1 : draw
            }
            if joined.insert(i, j) { ties.append((Int32(i), Int32(j))) }
        }
        return ties
    }
}
