/// Proximity pi_ij (docs/MODEL.md 1.2) for every ordered pair, built once per run.
///
/// Geography is static during a run, so the table is built from the contiguity list once and
/// read in the perception loop without searching: `defaults[j]` is the proximity of `j` from a
/// state with no contiguity entry (0.1, or 0.5 when `j` is a major power), and the CSR rows hold
/// the explicit entries, already lifted for major powers (`Contiguity.proximity(base:major:)`).
/// Memory O(N + contiguity).
package struct ProximityTable: Sendable {
    let count: Int
    /// Proximity of `j` from a state without a contiguity entry toward it.
    let defaults: [Double]
    /// Explicit entries: row `i` lists `j` with `pi_ij` (symmetric geography, asymmetric reach).
    let explicit: CSRAdjacency

    init(_ network: AllianceNetwork) {
        count = network.count
        defaults = network.states.map {
            Contiguity.proximity(base: Contiguity.distantProximity, major: $0.major)
        }
        let states = network.states, contiguity = network.contiguity
        // Ids were validated by the network; the CSR cannot fail.
        explicit =
            (try? CSRAdjacency(vertexCount: count) { emit in
                for entry in contiguity {
                    let a = entry.pair.low.index, b = entry.pair.high.index
                    let base = entry.proximity
                    emit(a, b, Contiguity.proximity(base: base, major: states[b].major))
                    emit(b, a, Contiguity.proximity(base: base, major: states[a].major))
                }
            }) ?? CSRAdjacency.empty(vertexCount: count)
    }

    /// pi_ij, the proximity of `j` as seen from `i` (0 on the diagonal). O(log degree).
    func value(of j: Int, from i: Int) -> Double {
        if i == j { return 0 }
        var lo = Int(explicit.offsets[i]), hi = Int(explicit.offsets[i + 1])
        while lo < hi {
            let mid = (lo + hi) / 2
            if Int(explicit.targets[mid]) < j { lo = mid + 1 } else { hi = mid }
        }
        if lo < Int(explicit.offsets[i + 1]) && Int(explicit.targets[lo]) == j { return explicit.weights[lo] }
        return defaults[j]
    }
}

extension CSRAdjacency {
    /// A CSR with `vertexCount` rows and no arcs.
    static func empty(vertexCount: Int) -> CSRAdjacency {
        // Always valid: offsets all zero, no targets.
        try! CSRAdjacency(
            vertexCount: vertexCount, offsets: [Int32](repeating: 0, count: vertexCount + 1),
            targets: [], weights: [])
    }
}
