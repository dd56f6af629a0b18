extension AllianceNetwork {
    /// The network without the pledges that `states` owe to others: every obligation whose
    /// committed state is in `states` is removed (a directed commitment from such a state is
    /// dropped; a symmetric one keeps only the partner's direction, its own set to credibility 0;
    /// a symmetric commitment between two dropped states is dropped). Pledges owed *to* those
    /// states stay. State ids, rivalries and geography are unchanged, so analyses of the two
    /// networks compare state by state ("what if the USA withdrew its guarantees"). O(ties).
    package func withoutPledges(of states: Set<StateID>) -> AllianceNetwork {
        guard !states.isEmpty else { return self }
        var copy = self
        copy.commitments = commitments.compactMap { c -> Commitment? in
            var c = c
            if states.contains(c.from) { c.credibility = 0 }
            if c.isSymmetric && states.contains(c.to) { c.reverseCredibility = 0 }
            return c.credibility == 0 && (c.reverseCredibility ?? 0) == 0 ? nil : c
        }
        return copy
    }
}
