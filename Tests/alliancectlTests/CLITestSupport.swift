import Foundation
import Testing
@testable import alliancectl

/// Locating repository files and running the built `alliancectl` binary from the tests.
enum CLITestSupport {
    static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func path(_ relative: String) -> String { repositoryRoot.appendingPathComponent(relative).path }

    /// The `alliancectl` executable built beside the test bundle, when it exists.
    static var binary: URL? {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
            Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent(),
        ]
        for folder in candidates {
            let url = folder.appendingPathComponent("alliancectl")
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return nil
    }

    struct Outcome {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// Runs the binary with `arguments` from the repository root, with `environment` overriding
    /// the test process's variables.
    static func run(_ arguments: [String], environment overrides: [String: String] = [:]) throws -> Outcome? {
        guard let binary else { return nil }
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = repositoryRoot
        // Under `swift test --sanitize address` the child is an ASan build too: give it the
        // toolchain-leak suppressions the test bundle uses (Tests/lsan-suppressions.txt).
        var environment = ProcessInfo.processInfo.environment
        if environment["LSAN_OPTIONS"] == nil {
            environment["LSAN_OPTIONS"] = "suppressions=" + path("Tests/lsan-suppressions.txt")
        }
        environment.merge(overrides) { $1 }
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }

    /// A fresh temporary folder.
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "alliancectl-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// Expects `body` (parsing or running a command) to fail as the tool would exit: with `status`
/// (64 usage, 65 bad input) and, when `message` is given, with a message containing it (what
/// ArgumentParser prints for a usage error; commands that report bad input themselves print to
/// standard error and throw a bare exit code, so for those only the status is checked here).
func expectExit(
    _ status: Int32, message: String? = nil, sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () throws -> Void
) {
    do {
        try body()
        Issue.record("expected exit \(status), but the command succeeded", sourceLocation: sourceLocation)
    } catch {
        #expect(AllianceCtl.exitCode(for: error).rawValue == status, "\(error)", sourceLocation: sourceLocation)
        if let message {
            let printed = AllianceCtl.message(for: error)
            #expect(printed.contains(message), "message: \(printed)", sourceLocation: sourceLocation)
        }
    }
}
