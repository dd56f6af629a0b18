import Foundation
import Testing
@testable import alliancectl

/// Usage errors as the built binary prints them: did-you-mean for subcommands, the subcommand's
/// own usage for errors found while it runs, COW numbers wherever a state is named.
@Suite("CLI: usage errors name the subcommand; states by code or COW number")
struct CommandErrorsCLITests {
    static let europe = CLITestSupport.path("Networks/europe-1914.json")

    @Test("a mistyped subcommand exits 64 with a did-you-mean hint")
    func didYouMean() throws {
        let outcome = try #require(try CLITestSupport.run(["metric", Self.europe]), "build alliancectl first")
        #expect(outcome.status == 64)
        #expect(outcome.stderr.contains("Error: unknown command \"metric\" (did you mean \"metrics\"?)."))
        #expect(!outcome.stderr.contains("unexpected arguments"))
        #expect(CommandErrors.unknownSubcommand(["--version"]) == nil)
        #expect(CommandErrors.unknownSubcommand(["help", "metrics"]) == nil)
    }

    @Test("an unknown --attacker exits 64 with the crisis command's usage, not the tool's")
    func subcommandUsage() throws {
        let outcome = try #require(
            try CLITestSupport.run(["crisis", Self.europe, "--attacker", "XXX", "--target", "YUG"]),
            "build alliancectl first")
        #expect(outcome.status == 64)
        #expect(outcome.stderr.contains("Error: --attacker: no state \"XXX\""))
        #expect(outcome.stderr.contains("Usage: alliancectl crisis"))
        #expect(outcome.stderr.contains("See 'alliancectl crisis --help'"))
        #expect(!outcome.stderr.contains("<subcommand>"))
    }

    @Test("COW numbers name states in crisis, metrics --similarity and landscape --actual")
    func cowNumbers() throws {
        let byNumber = try #require(
            try CLITestSupport.run(["crisis", Self.europe, "--attacker", "300", "--target", "345", "--format", "csv"]))
        let byCode = try #require(
            try CLITestSupport.run(["crisis", Self.europe, "--attacker", "AUH", "--target", "YUG", "--format", "csv"]))
        #expect(byNumber.status == 0)
        #expect(byNumber.stdout == byCode.stdout)
        let similarity = try #require(
            try CLITestSupport.run(["metrics", Self.europe, "--similarity", "220,365", "--format", "json"]))
        let similarityByCode = try #require(
            try CLITestSupport.run(["metrics", Self.europe, "--similarity", "FRN,RUS", "--format", "json"]))
        #expect(similarity.status == 0)
        #expect(similarity.stdout.contains("\"similarity\": 0.5666666666666667"))
        #expect(similarity.stdout == similarityByCode.stdout)
        let europe1936 = CLITestSupport.path("Networks/europe-1936.json")
        let landscapeByNumber = try #require(try CLITestSupport.run(["landscape", europe1936, "--actual", "200,220"]))
        let landscapeByCode = try #require(try CLITestSupport.run(["landscape", europe1936, "--actual", "UKG,FRN"]))
        #expect(landscapeByNumber.status == 0 && landscapeByNumber.stdout == landscapeByCode.stdout)
    }

    @Test("metrics -o says what it wrote")
    func wroteLine() throws {
        let folder = try CLITestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("m.csv").path
        let outcome = try #require(try CLITestSupport.run(["metrics", Self.europe, "-f", "csv", "-o", out]))
        #expect(outcome.status == 0)
        #expect(outcome.stderr.contains("Wrote \(out)"))
    }

    @Test("info and metrics show their stage on a terminal (through script(1)), and nothing in a pipe")
    func stagesOnTerminal() throws {
        guard let binary = CLITestSupport.binary, FileManager.default.isExecutableFile(atPath: "/usr/bin/script")
        else { return }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-qc", "'\(binary.path)' metrics '\(Self.europe)' --only degree", "/dev/null"]
        let out = Pipe()
        process.standardOutput = out
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(text.contains("metrics: reading \(Self.europe)"))
        #expect(text.contains("metrics: computing the metrics of 18 states"))
        let piped = try #require(try CLITestSupport.run(["info", Self.europe]))
        #expect(piped.status == 0 && piped.stderr.isEmpty)
    }
}
