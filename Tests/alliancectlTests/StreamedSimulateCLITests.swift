import ArgumentParser
import Foundation
import Testing
@testable import alliancectl
@_spi(Internals) @testable import AllianceGraph
@_spi(Internals) @testable import AllianceGraphFormats
@testable import AllianceGraphRender

/// `simulate` writes its per-round files round by round into staging files beside the targets
/// (docs/RELIABILITY.md, "Bounded resources"): memory does not grow with --rounds, the bytes are
/// those of the in-memory API, and an interruption or a failing write mid-run leaves nothing.
@Suite("simulate streams its rounds")
struct StreamedSimulateCLITests {
    /// Every file of a folder, hidden ones included (staging files start with a dot).
    static func entries(_ folder: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
    }

    static func lines(_ url: URL) throws -> Int {
        try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).count - 1
    }

    /// The peak resident memory (KiB) of `arguments` run to its end, measured apart from this
    /// test process (`GuardedProcess.isolatedPeak`, or the child's own figure), with its status.
    static func peak(_ binary: URL, _ arguments: [String], logs: URL) throws -> (status: Int32?, kilobytes: Int?) {
        let command = GuardedProcess.Command(executable: binary, arguments: arguments, stdin: "/dev/null")
        if let kilobytes = GuardedProcess.isolatedPeak(command) { return (0, kilobytes) }
        let outcome = try GuardedProcess.run(binary, arguments, logFolder: logs)
        return (outcome.status, outcome.childPeak())
    }

    @Test(
        "3,000 rounds under a --max-memory the old budget refused: exit 0, every row, peak within 12 MB of 300 rounds")
    func boundedMemory() throws {
        let binary = try #require(CLITestSupport.binary, "build alliancectl first (swift build)")
        let folder = try CLITestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("g40.json")
        try InterruptedRunTests.largeScenario(states: 40, seed: 3).write(to: input, atomically: true, encoding: .utf8)
        // The old check refused 40 x 3,001 x 320 bytes (38 MB) over 8 MB; the run itself needs far less.
        var peaks: [Int: Int] = [:]
        for rounds in [300, 3000] {
            let out = folder.appendingPathComponent("run\(rounds)")
            let arguments = [
                "simulate", input.path, "--rounds", String(rounds), "--no-equilibrium-stop", "--system-metrics",
                "light", "--max-memory", "8M", "-o", out.path, "-q",
            ]
            let (status, kilobytes) = try Self.peak(binary, arguments, logs: folder)
            #expect(status == 0)
            #expect(try Self.lines(out.appendingPathComponent("rounds.csv")) == 1 + 40 * (rounds + 1))
            #expect(try Self.lines(out.appendingPathComponent("system.csv")) == 1 + rounds + 1)
            #expect(Self.entries(out) == ["final.json", "rounds.csv", "run.json", "system.csv"])
            peaks[rounds] = kilobytes
        }
        guard !GuardedProcess.underAddressSanitizer, let small = peaks[300], let large = peaks[3000] else { return }
        // Keeping every round (the old code) added about 28 MB here: 2,700 rounds x 40 states x
        // (64 bytes of record + about 200 of rounds.csv text).
        #expect(large < small + 12 * 1024, "peak \(large) KiB at 3,000 rounds against \(small) KiB at 300")
    }

    /// The files the in-memory API gives for `arguments`' run (a `Simulation` that keeps every
    /// record, written with `SimulationOutput` and `SimulationCharts.charts`).
    static func inMemory(_ input: String, _ configuration: Simulation.Configuration, charts: Bool) throws
        -> [String: String]
    {
        let scenario = try ScenarioLoader.load(path: input)
        var simulation = try Simulation(network: scenario.activeNetwork(year: nil), configuration: configuration)
        try simulation.run()
        var files = [
            "rounds.csv": SimulationOutput.roundsCSV(simulation), "system.csv": SimulationOutput.systemCSV(simulation),
            "final.json": try SimulationOutput.finalScenarioJSON(scenario, simulation),
        ]
        if configuration.rules.contains(.initiation) { files["wars.csv"] = SimulationOutput.warsCSV(simulation) }
        if charts {
            let drawn = SimulationCharts.charts(simulation.records, network: scenario.activeNetwork(year: nil))
            for (name, chart) in zip(SimulationCharts.fileNames, drawn) { files[name] = chart.svg() }
        }
        return files
    }

    struct Variant: Sendable, CustomTestStringConvertible {
        var network: String
        var rules: [RuleKind]
        var metrics: SystemMetricsLevel
        var stop: Bool
        var testDescription: String { "\(network), \(rules.map(\.rawValue)), \(metrics), stop \(stop)" }
    }

    static let variants = [
        Variant(network: "europe-1914.json", rules: RuleKind.defaults, metrics: .full, stop: false),
        Variant(
            network: "nato-2024.json", rules: [.arming, .balancing, .bandwagoning, .initiation], metrics: .light,
            stop: false),
        Variant(network: "europe-1936.json", rules: RuleKind.allCases, metrics: .light, stop: true),
    ]

    @Test("streamed files equal the in-memory API's, byte for byte", arguments: variants)
    func sameBytes(_ variant: Variant) throws {
        let input = CLITestSupport.path("Networks/" + variant.network)
        let folder = try CLITestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("run").path
        var command = try AllianceCtl.parseAsRoot(
            [
                "simulate", input, "--rounds", "12", "--seed", "5", "--rules",
                variant.rules.map(\.rawValue).joined(
                    separator: ","),
                "--system-metrics", variant.metrics.rawValue, "--charts", "-o", out, "-q",
            ] + (variant.stop ? [] : ["--no-equilibrium-stop"]))
        try command.run()
        let scenario = try ScenarioLoader.load(path: input)
        let configuration = Simulation.Configuration(
            parameters: SimulationParameters(environment: scenario.parameters), rules: variant.rules, rounds: 12,
            seed: 5, stopAtEquilibrium: variant.stop, systemMetrics: variant.metrics)
        let expected = try Self.inMemory(input, configuration, charts: true)
        for (name, contents) in expected {
            let written = try String(contentsOfFile: out + "/" + name, encoding: .utf8)
            #expect(written == contents, "\(name)")
        }
        #expect(Set(Self.entries(URL(fileURLWithPath: out))) == Set(expected.keys).union(["run.json"]))
    }

    @Test("SIGHUP while the rounds are being streamed: status 129, no output folder, no staging file")
    func interruptedMidStream() throws {
        let binary = try #require(CLITestSupport.binary, "build alliancectl first (swift build)")
        let folder = try CLITestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("large.json")
        try InterruptedRunTests.largeScenario(states: 300, seed: 7).write(to: input, atomically: true, encoding: .utf8)
        let out = folder.appendingPathComponent("new/run")
        let process = try GuardedProcess.start(
            binary,
            [
                "simulate", input.path, "--rounds", "100000", "--no-equilibrium-stop", "--system-metrics", "light",
                "--charts", "-o", out.path,
            ], logFolder: folder)
        // Signal once rounds.csv's staging file holds more than one 64 KiB buffer: mid-stream.
        let streaming = process.waitUntil(limit: 240) {
            Self.entries(out).contains { name in
                var info = stat()
                return name.hasPrefix(".rounds.csv.tmp-")
                    && stat(out.appendingPathComponent(name).path, &info) == 0 && info.st_size > 1 << 16
            }
        }
        process.send(SIGHUP)
        let outcome = try process.wait(limit: 60)
        #expect(streaming, "the staging file never grew: \(outcome.stderr.prefix(300))")
        #expect(outcome.status == 129)
        #expect(outcome.stderr.contains("interrupted by SIGHUP: no output written"), "\(outcome.stderr.prefix(300))")
        #expect(!FileManager.default.fileExists(atPath: out.path), "the run's folder was left: \(Self.entries(out))")
    }

    @Test("a write that fails mid-stream (EFBIG under ulimit -f): exit 1, the earlier run's files untouched")
    func failingWrite() throws {
        let folder = try OutputSafetyCLITests.workspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = folder.appendingPathComponent("run")
        try FileManager.default.createDirectory(at: run, withIntermediateDirectories: true)
        for name in SimulateCommand.fileNames {
            try "old \(name)\n".write(to: run.appendingPathComponent(name), atomically: false, encoding: .utf8)
        }
        // A file-size limit of 100 blocks (50-100 KiB) with SIGXFSZ ignored: the write past it
        // fails with EFBIG. rounds.csv of 200 rounds of europe-1914 is far larger.
        guard
            let outcome = try OutputSafetyCLITests.shell(
                #"trap '' XFSZ; ulimit -f 100 && exec "$0" "$@""#,
                [
                    "simulate", "base.json", "--rounds", "200", "--no-equilibrium-stop", "--system-metrics", "light",
                    "-o", "run", "-q",
                ],
                in: folder)
        else { return }
        #expect(outcome.status == 1, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("File too large"), "\(outcome.stderr)")
        #expect(Self.entries(run) == SimulateCommand.fileNames.sorted())
        for name in SimulateCommand.fileNames {
            #expect(OutputSafetyCLITests.read(run, name) == "old \(name)\n", "\(name)")
        }
    }
}
