/// The ties of the `scale-free` model (`SyntheticNetwork`): preferential attachment
/// (Barabási & Albert 1999, "Emergence of scaling in random networks", Science 286: 509-512).
///
/// States arrive in index order. State t (t = 1 ... N-1) joins
/// `a_t = min(t, m_t + carry)` distinct earlier states, where
/// `m_t = floor(M t / (N - 1)) - floor(M (t - 1) / (N - 1))` spreads the M ties evenly over the
/// arrivals and `carry` is what earlier arrivals could not place (an arrival can join at most the
/// t states before it). Each partner is drawn with probability proportional to `degree + 1`
/// (the +1 lets states without ties be chosen), by drawing uniformly from a list holding every
/// earlier state once and each endpoint of every tie once; a draw that repeats a partner of the
/// same arrival is dropped. Ties left in `carry` after the last arrival (only when M is close to
/// the limit) join two states both drawn the same way. The degree distribution has the
/// power-law tail P(k) ~ k^-3 of the Barabási-Albert model.
enum PreferentialAttachmentTies {
    static func make(states n: Int, ties m: Int, random: inout SeededRandom, joined: inout TieSet) -> [(Int32, Int32)] {
        var ties: [(Int32, Int32)] = []
        ties.reserveCapacity(m)
        guard n > 1, m > 0 else { return ties }
        var urn: [Int32] = [0]
        urn.reserveCapacity(2 * m + n)
        var carry = 0
        var chosen: [Int32] = []
        for t in 1..<n {
            let share = m * t / (n - 1) - m * (t - 1) / (n - 1)
            let wanted = share + carry
            let count = min(t, wanted)
            carry = wanted - count
            chosen.removeAll(keepingCapacity: true)
            while chosen.count < count {
                let partner = urn[random.index(below: urn.count)]
                if !chosen.contains(partner) { chosen.append(partner) }
            }
            for partner in chosen {
                _ = joined.insert(t, Int(partner))
                ties.append((Int32(t), partner))
                urn.append(partner)
                urn.append(Int32(t))
            }
            urn.append(Int32(t))
        }
        while ties.count < m {
            let a = Int(urn[random.index(below: urn.count)]), b = Int(urn[random.index(below: urn.count)])
            if a != b && joined.insert(a, b) {
                ties.append((Int32(a), Int32(b)))
                urn.append(Int32(a))
                urn.append(Int32(b))
            }
        }
        return ties
    }
}
