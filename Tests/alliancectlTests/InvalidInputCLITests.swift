import ArgumentParser
import Foundation
import Testing
@testable import alliancectl

/// Bad input through the command line: exit status 65, a message naming the file and field,
/// and no output file.
@Suite("CLI on invalid scenarios")
struct InvalidInputCLITests {
    static let folder = CLITestSupport.path("Tests/AllianceGraphTests/Fixtures/invalid")

    static let fixtures: [String] = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
        .filter { $0.hasSuffix(".json") && $0 != "expected.json" }.sorted()

    static func expectedLocation(_ file: String) throws -> String? {
        let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/expected.json"))
        let table = try JSONSerialization.jsonObject(with: data) as? [String: [String: Any]]
        return table?[String(file.dropLast(5))]?["location"] as? String
    }

    @Test("metrics and info exit 65 and write nothing", arguments: fixtures)
    func exitCodeAndNoOutput(file: String) throws {
        let temporary = try CLITestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: temporary) }
        for subcommand in ["metrics", "info"] {
            let output = temporary.appendingPathComponent("\(subcommand).out").path
            var command = try AllianceCtl.parseAsRoot([
                subcommand, "\(Self.folder)/\(file)", "--output", output, "--quiet",
            ])
            #expect(throws: ExitCode(65)) { try command.run() }
            #expect(!FileManager.default.fileExists(atPath: output), "\(subcommand) wrote \(output)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: temporary.path).isEmpty)
    }

    @Test("the built binary exits 65 with the file and JSON path on stderr", arguments: fixtures.prefix(8))
    func binary(file: String) throws {
        let path = "\(Self.folder)/\(file)"
        let outcome = try #require(try CLITestSupport.run(["metrics", path]), "build alliancectl first (swift build)")
        #expect(outcome.status == 65)
        #expect(outcome.stdout.isEmpty)
        #expect(outcome.stderr.hasPrefix("error: \(path): "))
        if let location = try Self.expectedLocation(file) {
            #expect(outcome.stderr.contains(": \(location): "), "\(outcome.stderr)")
        }
    }

    @Test("usage errors exit 64")
    func usageError() throws {
        let outcome = try #require(
            try CLITestSupport.run(["metrics", "Networks/europe-1914.json", "--format", "xml"]),
            "build alliancectl first (swift build)")
        #expect(outcome.status == 64)
        let missing = try #require(try CLITestSupport.run(["metrics"]), "build alliancectl first (swift build)")
        #expect(missing.status == 64)
    }
}
