import Foundation
import Testing

/// Messages and exit codes that misled (issue 19): control characters from a file printed raw to
/// the terminal, a /proc file called empty, unknown codes in options given 65 or 64 depending on
/// the option.
@Suite("Messages and exit codes through the binary")
struct MessagesCLITests {
    /// A scenario whose name and a state's name hold terminal escape sequences (valid JSON
    /// escapes: the JSON parser accepts them; the scenario's text rule does not).
    static let escapes = #"""
        {"format": "alliancegraph/1", "name": "Evil\u001b]0;pwned\u0007 name", "year": 1900,
         "states": [{"code": "AAA", "name": "A\u001b[31mred", "capability": 0.5},
                    {"code": "BBB", "name": "B", "capability": 0.5}],
         "commitments": [{"kind": "defense", "between": ["AAA", "BBB"], "credibility": 0.9}]}
        """#

    @Test("terminal escapes in a file's text never reach the terminal: refused, named by field and code point")
    func escapedNames() throws {
        let folder = try CLITestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("escapes.json").path
        try Self.escapes.write(toFile: path, atomically: true, encoding: .utf8)
        for command in ["info", "metrics"] {
            guard let outcome = try CLITestSupport.run([command, path]) else { return }
            #expect(outcome.status == 65)
            #expect(!outcome.stdout.unicodeScalars.contains("\u{1B}"), "\(command)")
            #expect(!outcome.stderr.unicodeScalars.contains("\u{1B}"), "\(command)")
            #expect(
                outcome.stderr.contains(
                    "escapes.json: states[0].name: contains the control character U+001B (character 2)"))
        }
    }

    @Test("a /proc file (size 0 whatever it holds) is read, not called empty")
    func procFile() throws {
        guard let outcome = try CLITestSupport.run(["info", "/proc/self/status"]) else { return }
        #expect(outcome.status == 65)
        #expect(
            outcome.stderr.contains("/proc/self/status: line 1, column 1: malformed JSON: unexpected character"),
            "\(outcome.stderr)")
        #expect(!outcome.stderr.contains("empty"))
    }

    @Test("an unknown state code in any option is a usage error (64), as for --attacker")
    func unknownCodesInOptions() throws {
        let network = CLITestSupport.path("Networks/europe-1914.json")
        let cases: [[String]] = [
            ["crisis", network, "--attacker", "ZZZ", "--target", "YUG"],
            ["landscape", network, "--actual", "ZZZ"],
            ["metrics", network, "--only", "degree", "--similarity", "ZZZ,RUS"],
            ["report", network, "--crisis", "ZZZ:YUG"],
        ]
        for arguments in cases {
            guard let outcome = try CLITestSupport.run(arguments) else { return }
            #expect(outcome.status == 64, "\(arguments): \(outcome.stderr)")
            #expect(outcome.stderr.contains("\"ZZZ\""), "\(arguments)")
        }
    }
}
