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
        codes = initial.states.map(\.code)
        sizeEffortCorrelation = SystemIndicators.burdenSharing(final)
        initialSizeEffortCorrelation = SystemIndicators.burdenSharing(initial)
        let n = initial.count
        // Pledges in the initial network, keyed by (giver, receiver, kind); their final credibility.
        struct Key: Hashable { var giver: Int; var receiver: Int; var kind: CommitmentKind }
        var finalValue: [Key: Double] = [:]
        for o in final.obligations where o.kind.obligesToFight {
            finalValue[Key(giver: o.committed.index, receiver: o.partner.index, kind: o.kind)] = o.credibility
        }
        var before = [Double](repeating: 0, count: n), after = before, count = before
        var giverEffort = before
        for o in initial.obligations where o.kind.obligesToFight {
            let r = o.partner.index
            before[r] += o.credibility
            after[r] += finalValue[Key(giver: o.committed.index, receiver: r, kind: o.kind)] ?? 0
            giverEffort[r] += initial.states[o.committed.index].effort
            count[r] += 1
        }
        receivedBefore = (0..<n).map { count[$0] > 0 ? before[$0] / count[$0] : .nan }
        receivedAfter = (0..<n).map { count[$0] > 0 ? after[$0] / count[$0] : .nan }
        isFreeRider = (0..<n).map { count[$0] > 0 && initial.states[$0].effort < giverEffort[$0] / count[$0] }
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
