import Foundation
import Testing
@_spi(Internals) @testable import AllianceGraph
@_spi(Internals) @testable import AllianceGraphFormats
@testable import AllianceGraphRender

@Suite("Structural balance: AKR local triad dynamics")
struct TriadDynamicsTests {
    static let full = ProcessInfo.processInfo.environment["ALLIANCEGRAPH_FULL_TESTS"] == "1"

    @Test("on K64 the stationary friendly density is 1 / (sqrt(3(1-2p)) + 1)", arguments: [0.0, 0.25, 0.4])
    func stationaryDensity(p: Double) {
        let n = Self.full ? 128 : 64
        let samples = Self.full ? 2000 : 600
        var random = SeededRandom(seed: 2005 + UInt64(p * 100))
        var dynamics = TriadDynamics.complete(n, friendlyDensity: 0.5, random: &random)
        let m = dynamics.pairs.count
        dynamics.run(updates: 20 * m, p: p, random: &random)
        var sum = 0.0
        for _ in 0..<samples {
            dynamics.run(updates: m / 5, p: p, random: &random)
            sum += dynamics.friendlyDensity
        }
        let expected = 1 / ((3 * (1 - 2 * p)).squareRoot() + 1)
        #expect(abs(sum / Double(samples) - expected) < 0.01, "p = \(p): \(sum / Double(samples)) vs \(expected)")
    }

    @Test("for p >= 1/2 the friendly density reaches 1", arguments: [0.5, 0.75])
    func paradise(p: Double) {
        var random = SeededRandom(seed: 77)
        var dynamics = TriadDynamics.complete(64, friendlyDensity: 0.5, random: &random)
        for _ in 0..<4000 where dynamics.friendlyDensity < 1 {
            dynamics.run(updates: dynamics.pairs.count, p: p, random: &random)
        }
        #expect(dynamics.friendlyDensity == 1)
    }

    @Test("every run on 10 or fewer states ends balanced")
    func smallGraphsEndBalanced() {
        var random = SeededRandom(seed: 11)
        for n in 3...10 {
            for p in [0.0, 0.2, 0.4, 0.6] {
                for _ in 0..<(Self.full ? 20 : 4) {
                    var dynamics = TriadDynamics.complete(n, friendlyDensity: random.nextUnit(), random: &random)
                    var steps = 0
                    while !dynamics.isBalanced && steps < 2_000_000 {
                        dynamics.run(updates: 100, p: p, random: &random)
                        steps += 100
                    }
                    #expect(dynamics.isBalanced, "n = \(n), p = \(p)")
                }
            }
        }
    }

    @Test("as a rule, triad dynamics turn a signed network into a balanced one")
    func ruleEndsBalanced() throws {
        let n = 8
        var random = SeededRandom(seed: 5)
        let states = (0..<n).map { State(code: "S\($0)", capability: 1) }
        var commitments: [Commitment] = [], rivalries: [Rivalry] = []
        for a in 0..<n {
            for b in (a + 1)..<n {
                if random.nextUnit() < 0.5 {
                    commitments.append(.symmetric(.defense, StateID(a), StateID(b)))
                } else {
                    rivalries.append(Rivalry(StateID(a), StateID(b)))
                }
            }
        }
        let network = try AllianceNetwork(states: states, commitments: commitments, rivalries: rivalries)
        var simulation = try Simulation(
            network: network, configuration: .init(rules: [.triads], rounds: 400, seed: 3, systemMetrics: .light))
        try simulation.run()
        #expect(StructuralBalance(SignedGraphView(simulation.network)).index == 1)
        #expect(simulation.reachedEquilibrium)
    }
}
