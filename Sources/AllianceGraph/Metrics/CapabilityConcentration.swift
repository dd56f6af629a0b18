/// Capability concentration CON (Ray & Singer 1973).
///
/// With capability shares `s_i = c_i / sum_j c_j` over the N states,
/// `CON = sqrt((sum_i s_i^2 - 1/N) / (1 - 1/N))`: 0 when capability is spread evenly, 1 when one
/// state holds all of it. NaN when N < 2 or every capability is 0.
package enum CapabilityConcentration {
    package static func value(capabilities: [Double]) -> Double {
        let n = Double(capabilities.count)
        let total = capabilities.reduce(0, +)
        guard capabilities.count >= 2, total > 0 else { return .nan }
        let sumOfSquares = capabilities.reduce(0) { $0 + ($1 / total) * ($1 / total) }
        return (max(0, sumOfSquares - 1 / n) / (1 - 1 / n)).squareRoot()
    }

    /// CON of the states' military power (capability at t = 0).
    package static func value(_ network: AllianceNetwork) -> Double {
        value(capabilities: network.states.map(\.power))
    }
}
