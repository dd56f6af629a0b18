/// An offensive doctrine (docs/MODEL.md section 4): once `actor` is at war with any state in
/// `trigger`, it attacks each state in `attack` that is not already on its side, possibly through
/// transit states (Germany 1914: at war with Russia, attack France through Luxembourg and Belgium).
public struct WarPlan: Hashable, Sendable {
    public var actor: StateID
    public var trigger: [StateID]
    public var attack: [StateID]
    public var note: String?

    public init(actor: StateID, trigger: [StateID], attack: [StateID], note: String? = nil) {
        self.actor = actor
        self.trigger = trigger
        self.attack = attack
        self.note = note
    }
}

/// An explicit Axelrod-Bennett propensity p_ij between two states (positive = affinity).
public struct Propensity: Hashable, Sendable {
    public var pair: StatePair
    public var value: Double
    public init(_ a: StateID, _ b: StateID, value: Double) {
        pair = StatePair(a, b)
        self.value = value
    }
}
