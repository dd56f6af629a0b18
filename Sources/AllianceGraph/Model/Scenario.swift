/// A scenario: a network with its security environment, its war plans and, optionally, explicit
/// landscape propensities; what a scenario file (`alliancegraph/1`, docs/FORMAT.md) holds.
public struct Scenario: Hashable, Sendable {
    /// The code systems a scenario may declare.
    public enum CodeSystem: String, CaseIterable, Hashable, Sendable {
        case cow, iso3, custom
    }

    public var name: String
    /// The year the scenario describes; ties not in force that year are inactive.
    public var year: Int?
    public var description: String?
    public var codes: CodeSystem
    public var sources: [String]
    public var parameters: SecurityEnvironment
    /// The network as given, ties of every year included; see `activeNetwork`.
    public var network: AllianceNetwork
    public var warPlans: [WarPlan]
    /// Explicit Axelrod-Bennett propensities; nil when they are to be derived from the ties.
    public var propensities: [Propensity]?

    public init(
        name: String, year: Int? = nil, description: String? = nil, codes: CodeSystem = .cow,
        sources: [String] = [], parameters: SecurityEnvironment = SecurityEnvironment(),
        network: AllianceNetwork, warPlans: [WarPlan] = [], propensities: [Propensity]? = nil
    ) throws(InputError) {
        self.name = name
        self.year = year
        self.description = description
        self.codes = codes
        self.sources = sources
        self.parameters = parameters
        self.network = network
        self.warPlans = warPlans
        self.propensities = propensities
        try validate()
    }

    /// The network in force in `year` (default: the scenario's year).
    public func activeNetwork(year override: Int? = nil) -> AllianceNetwork {
        network.inForce(in: override ?? year)
    }

    /// Checks the parameters, war plans and propensities (the network validates itself).
    public func validate() throws(InputError) {
        try parameters.validate()
        try AllianceNetwork.checkText(name, at: "name", lineBreaks: false)
        try AllianceNetwork.checkText(description, at: "description", lineBreaks: true)
        for (index, source) in sources.enumerated() {
            try AllianceNetwork.checkText(source, at: "sources[\(index)]", lineBreaks: true)
        }
        let n = network.count
        func check(_ id: StateID, _ path: String) throws(InputError) {
            if !(0..<n).contains(id.index) {
                throw InputError(location: path, "state id \(id.index) is out of range; the network has \(n) states")
            }
        }
        for (index, plan) in warPlans.enumerated() {
            let path = "warPlans[\(index)]"
            try check(plan.actor, "\(path).actor")
            for (label, list) in [("trigger", plan.trigger), ("attack", plan.attack)] {
                if list.isEmpty { throw InputError(location: "\(path).\(label)", "give at least one state") }
                for (k, id) in list.enumerated() {
                    try check(id, "\(path).\(label)[\(k)]")
                    if id == plan.actor {
                        throw InputError(location: "\(path).\(label)[\(k)]", "a war plan can't name its own actor here")
                    }
                }
            }
        }
        var seen: [StatePair: Int] = [:]
        for (index, propensity) in (propensities ?? []).enumerated() {
            let path = "propensities[\(index)]"
            try check(propensity.pair.low, "\(path).between[0]")
            try check(propensity.pair.high, "\(path).between[1]")
            if propensity.pair.low == propensity.pair.high {
                throw InputError(location: "\(path).between[1]", "a propensity must join two different states")
            }
            if !propensity.value.isFinite {
                throw InputError(location: "\(path).value", "\(propensity.value) is not a finite number")
            }
            if let other = seen[propensity.pair] {
                throw InputError(location: path, "duplicate propensity (same pair as propensities[\(other)])")
            }
            seen[propensity.pair] = index
        }
    }
}

extension SecurityEnvironment {
    /// The accepted offence-defence balance theta. Far outside it the model means nothing, and
    /// quantities such as the crisis entry delay ceil(1/theta) overflow.
    public static let offenseDefenseRange: ClosedRange<Double> = 0.001...1000

    /// Checks every parameter's range; the location is the scenario-file path.
    public func validate() throws(InputError) {
        let p = "parameters"
        try AllianceNetwork.check(offenseDefense, at: "\(p).offenseDefense", "a number > 0, from 0.001 to 1000") {
            Self.offenseDefenseRange.contains($0)
        }
        try AllianceNetwork.check(distinguishability, at: "\(p).distinguishability", "a number in [0, 1]") {
            (0...1).contains($0)
        }
        try AllianceNetwork.check(transparency, at: "\(p).transparency", "a number in [0, 1]") { (0...1).contains($0) }
        try AllianceNetwork.check(noise, at: "\(p).noise", "a number >= 0") { $0 >= 0 }
        try AllianceNetwork.check(entanglement, at: "\(p).entanglement", "a number in [0, 1)") { $0 >= 0 && $0 < 1 }
        try AllianceNetwork.check(reliability, at: "\(p).reliability", "a number in (0, 1]") { $0 > 0 && $0 <= 1 }
        try AllianceNetwork.check(reaction, at: "\(p).reaction", "a number >= 0") { $0 >= 0 }
        try AllianceNetwork.check(fatigue, at: "\(p).fatigue", "a number >= 0") { $0 >= 0 }
        try AllianceNetwork.check(grievance, at: "\(p).grievance", "a number >= 0") { $0 >= 0 }
        if let armsControl {
            if let growth = armsControl.maxEffortGrowth {
                try AllianceNetwork.check(growth, at: "\(p).armsControl.maxEffortGrowth", "a number >= 0") { $0 >= 0 }
            }
            if let cap = armsControl.maxEffort {
                try AllianceNetwork.check(cap, at: "\(p).armsControl.maxEffort", "a share of GDP in (0, 1]") {
                    $0 > 0 && $0 <= 1
                }
            }
        }
    }
}
