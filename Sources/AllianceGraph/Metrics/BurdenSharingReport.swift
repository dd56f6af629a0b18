/// Burden-sharing in an alliance network (MODEL.md section 5; Olson & Zeckhauser 1966).
///
/// - **Size-effort rank correlation**: Spearman's rho between the states' capability and their
///   effort (share of GDP spent on defence), over the states that are party to at least one
///   commitment, ties given average ranks. Olson and Zeckhauser's exploitation hypothesis
///   predicts a positive value: the large carry a disproportionate share.
/// - **Received credibility**: the mean credibility of the fighting pledges (defense, offense,
///   guarantee, patronage) made *to* a state; a pledge that dissolved counts as 0.
/// - **Free rider**: a state whose initial effort is below the mean initial effort of the states
///   pledged to it.
public struct BurdenSharingReport: Hashable, Sendable {
    public let codes: [String]
    /// Spearman's rho of capability and effort in the final network.
    public let sizeEffortCorrelation: Double
    /// The same at the start.
    public let initialSizeEffortCorrelation: Double
    /// Per state: received credibility at the start and at the end (NaN with no pledge received).
    public let receivedBefore: [Double]
    public let receivedAfter: [Double]
    public let isFreeRider: [Bool]

    /// Compares `initial` with `final`, the same states after a run.
    public init(initial: AllianceNetwork, final: AllianceNetwork) {
        codes = initial.states.map(\.code)
        sizeEffortCorrelation = Self.sizeEffort(final)
        initialSizeEffortCorrelation = Self.sizeEffort(initial)
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
    public func meanReceivedChange(freeRiders: Bool) -> Double {
        var sum = 0.0, k = 0
        for i in codes.indices where receivedBefore[i].isFinite && isFreeRider[i] == freeRiders {
            sum += receivedAfter[i] - receivedBefore[i]
            k += 1
        }
        return k == 0 ? .nan : sum / Double(k)
    }

    /// Spearman's rho of capability and effort over the states with a commitment.
    public static func sizeEffort(_ network: AllianceNetwork) -> Double {
        var member = [Bool](repeating: false, count: network.count)
        for c in network.commitments { member[c.from.index] = true; member[c.to.index] = true }
        let states = network.states.indices.filter { member[$0] }.map { network.states[$0] }
        return spearman(states.map(\.capability), states.map(\.effort))
    }

    /// Spearman's rank correlation (Pearson correlation of average ranks); NaN when fewer than
    /// two values or when either variable is constant.
    public static func spearman(_ x: [Double], _ y: [Double]) -> Double {
        guard x.count == y.count, x.count >= 2 else { return .nan }
        let rx = ranks(x), ry = ranks(y)
        let n = Double(x.count)
        let mx = rx.reduce(0, +) / n, my = ry.reduce(0, +) / n
        var sxy = 0.0, sxx = 0.0, syy = 0.0
        for k in rx.indices {
            sxy += (rx[k] - mx) * (ry[k] - my)
            sxx += (rx[k] - mx) * (rx[k] - mx)
            syy += (ry[k] - my) * (ry[k] - my)
        }
        return sxx > 0 && syy > 0 ? sxy / (sxx * syy).squareRoot() : .nan
    }

    /// Average ranks (1-based), ties sharing their mean rank.
    static func ranks(_ values: [Double]) -> [Double] {
        let order = values.indices.sorted { values[$0] != values[$1] ? values[$0] < values[$1] : $0 < $1 }
        var result = [Double](repeating: 0, count: values.count)
        var start = 0
        while start < order.count {
            var end = start
            while end + 1 < order.count && values[order[end + 1]] == values[order[start]] { end += 1 }
            let rank = Double(start + end) / 2 + 1
            for k in start...end { result[order[k]] = rank }
            start = end + 1
        }
        return result
    }
}
