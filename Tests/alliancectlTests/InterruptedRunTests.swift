import Foundation
import Testing

/// SIGINT and SIGTERM in the middle of a long run of the built binary: the run stops with status
/// 130 or 143, says on standard error that no output was written, and leaves neither output nor
/// temporary files (docs/RELIABILITY.md, "Signals").
@Suite("Interrupted runs through the built binary")
struct InterruptedRunTests {
    struct Run: Sendable, CustomTestStringConvertible {
        var command: String
        var signal: Int32
        var testDescription: String { "\(command), \(signal == SIGINT ? "SIGINT" : "SIGTERM")" }
    }

    static let runs: [Run] = ["crisis", "simulate"].flatMap { command in
        [SIGINT, SIGTERM].map { Run(command: command, signal: $0) }
    }

    /// A scenario of `n` states with random defence pacts and rivalries (seeded), large enough
    /// that a simulation takes minutes.
    static func largeScenario(states n: Int, seed: UInt64) -> String {
        var random = SplitMix(seed: seed)
        let states = (0..<n).map { #"{"code": "S\#($0)", "capability": \#(1.0 / Double(n))}"# }
        var pairs = Set<[Int]>()
        var commitments: [String] = [], rivalries: [String] = []
        while pairs.count < 4 * n {
            let a = Int(random.next() % UInt64(n)), b = Int(random.next() % UInt64(n))
            guard a != b, pairs.insert([min(a, b), max(a, b)]).inserted else { continue }
            let tie = #"{"between": ["S\#(a)", "S\#(b)"]"#
            if pairs.count % 4 == 0 {
                rivalries.append(tie + #", "intensity": 0.5}"#)
            } else {
                commitments.append(#"{"kind": "defense", "between": ["S\#(a)", "S\#(b)"], "credibility": 0.6}"#)
            }
        }
        return #"{"format": "alliancegraph/1", "name": "Large", "states": [\#(states.joined(separator: ", "))], "#
            + #""commitments": [\#(commitments.joined(separator: ", "))], "rivalries": [\#(rivalries.joined(separator: ", "))]}"#
    }

    struct SplitMix {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    @Test(
        "a signal mid-run: status 128 + signal, 'no output written' on stderr, no output or temporary file left",
        arguments: runs)
    func interrupted(_ run: Run) throws {
        let binary = try #require(CLITestSupport.binary, "build alliancectl first (swift build)")
        let folder = try CLITestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let logs = try CLITestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: logs) }
        let arguments: [String]
        switch run.command {
        case "crisis":
            arguments = [
                "crisis", CLITestSupport.path("Networks/europe-1914.json"), "--attacker", "AUH", "--target", "YUG",
                "--mode", "stochastic", "--runs", "5000000", "--format", "json", "--output",
                out.appendingPathComponent("crisis.json").path,
            ]
        default:
            let input = folder.appendingPathComponent("large.json")
            try Self.largeScenario(states: 300, seed: 7).write(to: input, atomically: true, encoding: .utf8)
            arguments = [
                "simulate", input.path, "--rounds", "100000", "--no-equilibrium-stop", "--charts",
                "--output", out.appendingPathComponent("run").path,
            ]
        }
        let process = try GuardedProcess.start(binary, arguments, logFolder: logs)
        // Signal only once the handling is installed and the run is well into its work (half a
        // second of CPU time; the whole run takes minutes).
        let ready = process.waitUntil(limit: 120) {
            process.handles(SIGINT) && process.handles(SIGTERM) && process.cpuTicks() >= 50
        }
        process.send(run.signal)
        let outcome = try process.wait(limit: 60)
        #expect(ready, "the run ended or stalled before it could be interrupted: \(outcome.stderr.prefix(300))")
        #expect(!outcome.hung, "the run ignored the signal")
        #expect(outcome.signal == nil, "the signal killed the process instead of being handled")
        #expect(outcome.status == 128 + run.signal)
        let name = run.signal == SIGINT ? "SIGINT" : "SIGTERM"
        #expect(outcome.stderr.contains("interrupted by \(name): no output written"), "\(outcome.stderr.prefix(300))")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).isEmpty, "output left behind")
        let everything = FileManager.default.enumerator(atPath: folder.path)?.allObjects as? [String] ?? []
        #expect(!everything.contains { $0.contains(".tmp-") }, "temporary files left: \(everything)")
    }
}
