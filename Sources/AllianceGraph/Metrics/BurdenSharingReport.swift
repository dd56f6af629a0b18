/// Burden-sharing in an alliance network (docs/MODEL.md section 5; Olson & Zeckhauser 1966).
///
/// - **Size-effort rank correlation**: the `burden_sharing` metric (`SystemIndicators.burdenSharing`:
///   Spearman's rho of capability and effort over the allied states). Olson and Zeckhauser's
///   exploitation hypothesis predicts a positive value: the large carry a disproportionate share.
/// - **Received credibility**: the mean credibility of the fighting pledges (defense, offense,
///   guarantee, patronage) made *to* a state; a pledge that dissolved counts as 0.
/// - **Free rider**: a state whose initial effort is below the mean initial effort of the states
///   pledged to it.
package struct BurdenSharingReport: Hashable, Sendable {
    package let codes: [String]
    /// Spearman's rho of capability and effort in the final network.
    package let sizeEffortCorrelation: Double
    /// The same at the start.
    package let initialSizeEffortCorrelation: Double
    /// Per state: received credibility at the start and at the end (NaN with no pledge received).
    package let receivedBefore: [Double]
    package let receivedAfter: [Double]
    package let isFreeRider: [Bool]

    /// Compares `initial` with `final`, the same states after a run.
    package init(initial: AllianceNetwork, final: AllianceNetwork) {
        self.init(baseline: Baseline(initial: initial), final: final)
    }

    /// What the report needs of the initial network, kept instead of the network itself (a run
    /// of millions of ties need not hold its input beside its own copy): the codes, the initial
    /// rank correlation, the received sums per state and each fighting pledge's (giver, receiver,
    /// kind) in order, 9 bytes a pledge.
    package struct Baseline: Sendable {
        let codes: [String]
        let sizeEffortCorrelation: Double
        let before: [Double]
        let count: [Double]
        /// Initial effort below the mean initial effort of the states pledged to it.
        let isFreeRider: [Bool]
        let givers: [Int32]
        let receivers: [Int32]
        let kinds: [CommitmentKind]

        package init(initial: AllianceNetwork) {
            codes = initial.states.map(\.code)
            sizeEffortCorrelation = SystemIndicators.burdenSharing(initial)
            let n = initial.count
            var before = [Double](repeating: 0, count: n), count = before, giverEffort = before
            var givers: [Int32] = [], receivers: [Int32] = [], kinds: [CommitmentKind] = []
            let pledges = initial.commitments.reduce(0) { $0 + ($1.kind.obligesToFight ? 2 : 0) }
            givers.reserveCapacity(pledges)
            receivers.reserveCapacity(pledges)
            kinds.reserveCapacity(pledges)
            for commitment in initial.commitments where commitment.kind.obligesToFight {
                commitment.forEachObligation { o in
                    let r = o.partner.index
                    before[r] += o.credibility
                    giverEffort[r] += initial.states[o.committed.index].effort
                    count[r] += 1
                    givers.append(Int32(o.committed.index))
                    receivers.append(Int32(r))
                    kinds.append(o.kind)
                }
            }
            self.before = before
            self.count = count
            isFreeRider = (0..<n).map { count[$0] > 0 && initial.states[$0].effort < giverEffort[$0] / count[$0] }
            self.givers = givers
            self.receivers = receivers
            self.kinds = kinds
        }
    }

    /// Compares the run's start (`baseline`) with `final`, the same states after the run. From
    /// `parallelMinimumPledges` initial pledges the lookups run on two cores (tests lower it);
    /// the report is the same either way.
    package init(
        baseline: Baseline, final: AllianceNetwork,
        parallelMinimumPledges: Int = BurdenSharingReport.parallelMinimumPledges
    ) {
        codes = baseline.codes
        sizeEffortCorrelation = SystemIndicators.burdenSharing(final)
        initialSizeEffortCorrelation = baseline.sizeEffortCorrelation
        let n = baseline.codes.count
        // The final network's fighting pledges bucketed by giver (a counting sort that keeps their
        // order), so that each initial pledge finds its final credibility by a scan of its giver's
        // pledges (`FinalBuckets`): O(pledges) memory in flat arrays, no dictionary of millions of
        // keys.
        var offsets = [Int](repeating: 0, count: n + 1)
        for commitment in final.commitments where commitment.kind.obligesToFight {
            commitment.forEachObligation { offsets[$0.committed.index + 1] += 1 }
        }
        for i in 0..<n { offsets[i + 1] += offsets[i] }
        var fill = offsets
        var receivers = [Int32](repeating: 0, count: offsets[n])
        var kinds = [CommitmentKind](repeating: .defense, count: offsets[n])
        var credibilities = [Double](repeating: 0, count: offsets[n])
        for commitment in final.commitments where commitment.kind.obligesToFight {
            commitment.forEachObligation { o in
                let slot = fill[o.committed.index]
                receivers[slot] = Int32(o.partner.index)
                kinds[slot] = o.kind
                credibilities[slot] = o.credibility
                fill[o.committed.index] = slot + 1
            }
        }
        // Each initial pledge's final credibility (0 when it dissolved), found for the two halves of
        // the pledges on two cores when there are millions; then summed per receiver in pledge
        // order, so the sums are the same bits either way.
        let finalBuckets = FinalBuckets(
            offsets: offsets, receivers: receivers, kinds: kinds, credibilities: credibilities)
        let pledges = baseline.givers.count, half = pledges / 2
        let (first, second) = ConcurrentPair.run(
            parallel: pledges >= parallelMinimumPledges,
            { finalBuckets.credibilities(of: baseline, 0..<half) },
            { finalBuckets.credibilities(of: baseline, half..<pledges) })
        var after = [Double](repeating: 0, count: n)
        for k in 0..<half { after[Int(baseline.receivers[k])] += first[k] }
        for k in half..<pledges { after[Int(baseline.receivers[k])] += second[k - half] }
        let before = baseline.before, count = baseline.count
        receivedBefore = (0..<n).map { count[$0] > 0 ? before[$0] / count[$0] : .nan }
        receivedAfter = (0..<n).map { count[$0] > 0 ? after[$0] / count[$0] : .nan }
        isFreeRider = baseline.isFreeRider
    }

    /// Reports with at least this many initial pledges look up their final credibilities on two
    /// cores.
    static let parallelMinimumPledges = 1_000_000

    /// The final network's fighting pledges, bucketed by giver in their order.
    private struct FinalBuckets: Sendable {
        let offsets: [Int]
        let receivers: [Int32]
        let kinds: [CommitmentKind]
        let credibilities: [Double]

        /// The final credibility of each initial pledge in `range` (0 when none matches): the
        /// giver's bucket scanned from its end, stopping at the first pledge to the same receiver
        /// of the same kind, so that the later of two such pledges wins, as a map filled in order.
        func credibilities(of baseline: Baseline, _ range: Range<Int>) -> [Double] {
            var result = [Double](repeating: 0, count: range.count)
            for k in range {
                let giver = Int(baseline.givers[k]), receiver = baseline.receivers[k], kind = baseline.kinds[k]
                var slot = offsets[giver + 1]
                while slot > offsets[giver] {
                    slot -= 1
                    if receivers[slot] == receiver && kinds[slot] == kind {
                        result[k - range.lowerBound] = credibilities[slot]
                        break
                    }
                }
            }
            return result
        }
    }

    /// Mean change of received credibility over the free riders (or over the other states that
    /// receive pledges); NaN when the group is empty.
    package func meanReceivedChange(freeRiders: Bool) -> Double {
        var sum = 0.0, k = 0
        for i in codes.indices where receivedBefore[i].isFinite && isFreeRider[i] == freeRiders {
            sum += receivedAfter[i] - receivedBefore[i]
            k += 1
        }
        return k == 0 ? .nan : sum / Double(k)
    }
}
