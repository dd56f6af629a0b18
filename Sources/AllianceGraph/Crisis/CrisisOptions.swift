/// The two sides of a crisis (docs/MODEL.md section 4): A, the initiator's, and B, the target's.
public enum CrisisSide: Int8, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    /// The initiator's side.
    case a = 1
    /// The original target's side.
    case b = 2

    /// The other side.
    public var opposite: CrisisSide { self == .a ? .b : .a }

    public var description: String { self == .a ? "A" : "B" }
}

/// How triggered pledges are honoured (docs/MODEL.md section 4).
public enum CrisisMode: String, Hashable, Sendable, CaseIterable {
    /// A triggered pledge is honoured when its honour value `kappa * l` (raised by consultation,
    /// see `CrisisOptions.consultationBoost`) reaches `CrisisOptions.threshold`.
    case deterministic
    /// A triggered pledge is honoured with probability equal to its honour value, drawn once per
    /// pledge per crisis from the run's seed.
    case stochastic
}

/// `CrisisOptions.BothSidesRule` under its short name, for the crisis code.
package typealias BothSidesRule = CrisisOptions.BothSidesRule

/// The rules' parameters for one crisis (docs/MODEL.md section 4); the security environment
/// (`offenseDefense`, `reliability`, `transparency`, `noise`) comes from the scenario.
public struct CrisisOptions: Hashable, Sendable {
    /// What a state does that holds fighting pledges (`defense`, `offense`, `guarantee`, `patronage`)
    /// to belligerents on both sides, as when two members of one alliance go to war.
    public enum BothSidesRule: String, Hashable, Sendable, CaseIterable {
        /// The pledges cancel: the state stays out, whichever of them is triggered (default). A
        /// defence pact is a promise against outside attack (ATOP codebook, Leeds et al. 2002);
        /// members stood aside in the wars inside NATO (Cyprus 1974) and the Rio pact (1969).
        case cancel
        /// Only triggered pledges count, and the side with the larger honour value wins (the rule
        /// before the cancel rule existed); equal values keep the state out.
        case strongest
    }

    /// Deterministic honouring threshold on `kappa * l` (default 0.5, docs/MODEL.md).
    public var threshold: Double = 0.5
    /// The crisis stops after this many steps even if states are still entering (default 50).
    public var maxSteps: Int = 50
    /// Consultation weight beta in [0, 1]: a triggered pledge's honour value p becomes
    /// `p + beta * kappa_c * (1 - p)`, where kappa_c is the largest credibility of the state's
    /// consultation pledges to belligerents on the side the pledge would make it join. Default
    /// 0.25 (a modelling choice; docs/MODEL.md says only that consultation "raises the probability").
    public var consultationBoost: Double = 0.25
    /// Opportunistic entry on power sums (off by default).
    public var opportunism: Bool = false
    /// Pledges to belligerents on both sides: cancel (default) or the strongest wins.
    public var bothSides: BothSidesRule = .cancel
    /// An opportunist joins the side whose belligerents' summed power is at least this factor
    /// times the other side's (default 1.5, docs/MODEL.md).
    public var opportunismFactor: Double = 1.5
    /// The opportunist's condition must hold in this many consecutive step snapshots before it
    /// enters (default 3); it enters at the step after the last of them.
    public var opportunismDelay: Int = 3

    public init(
        threshold: Double = 0.5, maxSteps: Int = 50, consultationBoost: Double = 0.25,
        opportunism: Bool = false, opportunismFactor: Double = 1.5, opportunismDelay: Int = 3,
        bothSides: BothSidesRule = .cancel
    ) {
        self.bothSides = bothSides
        self.threshold = threshold
        self.maxSteps = maxSteps
        self.consultationBoost = consultationBoost
        self.opportunism = opportunism
        self.opportunismFactor = opportunismFactor
        self.opportunismDelay = opportunismDelay
    }

    /// Checks every option's range.
    public func validate() throws(InputError) {
        try AllianceNetwork.check(threshold, at: "threshold", "a number in [0, 1]") { (0...1).contains($0) }
        try AllianceNetwork.check(consultationBoost, at: "consultationBoost", "a number in [0, 1]") {
            (0...1).contains($0)
        }
        try AllianceNetwork.check(opportunismFactor, at: "opportunismFactor", "a number >= 1") { $0 >= 1 }
        if !(1...100_000).contains(maxSteps) {
            throw InputError(location: "maxSteps", "\(maxSteps) is out of range; expected 1...100000")
        }
        if !(1...1000).contains(opportunismDelay) {
            throw InputError(location: "opportunismDelay", "\(opportunismDelay) is out of range; expected 1...1000")
        }
    }
}
