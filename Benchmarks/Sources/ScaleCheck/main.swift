@_spi(Internals) import AllianceGraph
@_spi(Internals) import AllianceGraphFormats
import Foundation

/// `ScaleCheck FILE [ROUNDS]`: loads a scenario, builds the simulation's CSR snapshots (the
/// round-0 perception), plays ROUNDS (1) rounds with every rule on and light system metrics, and
/// prints the wall time of each phase. ROUNDS -1 stops after loading (the load benchmark). Run under `/usr/bin/time -v` for the peak memory
/// (`Benchmarks/scale-check` does both).
let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
    FileHandle.standardError.write(Data("usage: ScaleCheck FILE [ROUNDS]\n".utf8))
    exit(64)
}
let rounds = arguments.count >= 3 ? Int(arguments[2]) ?? 1 : 1

/// Writes a line to standard output at once (unbuffered, also into a pipe).
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

func seconds(since start: ContinuousClock.Instant) -> String {
    let d = ContinuousClock.now - start
    let s = Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    return String(format: "%.2f s", s)
}

/// Current and peak resident memory of this process (`/proc/self/status`: VmRSS, VmHWM).
func memory() -> String {
    guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return "" }
    func field(_ name: String) -> String {
        let line = text.split(separator: "\n").first { $0.hasPrefix(name) } ?? ""
        let kb = Double(line.split(separator: " ").dropFirst().first.map(String.init) ?? "") ?? 0
        return String(format: "%.0f MiB", kb / 1024)
    }
    return "[resident \(field("VmRSS:")), peak \(field("VmHWM:"))]"
}

/// The rules to play: all, or the comma-separated list in the environment variable RULES.
let rules: [RuleKind]
do {
    rules = try ProcessInfo.processInfo.environment["RULES"].map { try RuleKind.parseList($0) } ?? RuleKind.allCases
} catch {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(64)
}

do {
    var start = ContinuousClock.now
    let scenario = try ScenarioLoader.load(path: arguments[1])
    let network = scenario.activeNetwork()
    say(
        "load: \(seconds(since: start)) (\(network.count) states, \(network.commitments.count) commitments, \(network.rivalries.count) rivalries, \(network.contiguity.count) contiguity) \(memory())"
    )
    if rounds < 0 { exit(0) }
    start = ContinuousClock.now
    let configuration = Simulation.Configuration(
        parameters: SimulationParameters(environment: scenario.parameters),
        rules: rules, rounds: rounds, seed: 1,
        stopAtEquilibrium: false, systemMetrics: .light)
    var simulation = try Simulation(network: network, configuration: configuration)
    say("CSR snapshots and round-0 perception: \(seconds(since: start)) \(memory())")
    for _ in 0..<rounds {
        start = ContinuousClock.now
        let record = try simulation.step()
        let s = record.system
        say(
            "round \(record.round) (all rules): \(seconds(since: start)); commitments +\(s.commitmentsAdded) -\(s.commitmentsRemoved), bandwagons \(s.bandwagons), triad flips \(s.triadFlips), propagation passes \(s.propagationIterations) \(memory())"
        )
    }
} catch {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(65)
}
