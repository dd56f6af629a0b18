import Foundation
import Testing
@_spi(Internals) import AllianceGraph
@_spi(Internals) import AllianceGraphFormats

/// The README's output excerpts, checked against the real output of the commands they quote.
///
/// Every plain fenced block whose paragraph quotes an `alliancectl ...` command (the last one
/// before the block) is an excerpt of that command's output: its lines must appear in the output
/// in order (trailing spaces ignored), a line ending in "..." as a prefix; rules of dashes are
/// skipped (an excerpt's column may be narrower).
@Suite("README excerpts match the commands' real output")
struct ReadmeExcerptTests {
    struct Excerpt {
        var command: [String]
        var lines: [String]
    }

    static func excerpts(_ readme: String) -> [Excerpt] {
        var result: [Excerpt] = []
        let parts = readme.components(separatedBy: "```")
        // Even parts are prose, odd parts are blocks ("sh\n..." or "swift\n..." have a language).
        for k in stride(from: 1, to: parts.count, by: 2) where parts[k].hasPrefix("\n") {
            let prose =
                parts[k - 1].trimmingCharacters(in: .whitespacesAndNewlines).components(separatedBy: "\n\n").last ?? ""
            let spans = prose.components(separatedBy: "`").enumerated().filter { $0.offset % 2 == 1 }.map(\.element)
            guard let command = spans.last(where: { $0.hasPrefix("alliancectl ") }) else { continue }
            let words = command.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)
            let lines = parts[k].split(separator: "\n").map { String($0) }
            result.append(Excerpt(command: Array(words.dropFirst()), lines: lines))
        }
        return result
    }

    @Test("every quoted command's excerpt is in its output, in order (crisis of 1914, metrics)")
    func excerptsMatch() throws {
        let readme = try String(contentsOfFile: CLITestSupport.path("README.md"), encoding: .utf8)
        let excerpts = Self.excerpts(readme)
        #expect(excerpts.count >= 2)
        #expect(
            excerpts.contains { $0.command.first == "crisis" } && excerpts.contains { $0.command.first == "metrics" })
        for excerpt in excerpts {
            let outcome = try #require(try CLITestSupport.run(excerpt.command), "build alliancectl first")
            #expect(outcome.status == 0, "\(excerpt.command)")
            let output = outcome.stdout.split(separator: "\n").map {
                String($0).replacingOccurrences(of: " +$", with: "", options: .regularExpression)
            }
            var position = 0
            for line in excerpt.lines {
                let trimmed = line.replacingOccurrences(of: " +$", with: "", options: .regularExpression)
                if trimmed.isEmpty || trimmed.allSatisfy({ $0 == "-" || $0 == " " }) { continue }
                let prefix = trimmed.hasSuffix("...") ? String(trimmed.dropLast(3)) : nil
                guard let found = output[position...].firstIndex(where: { prefix.map($0.hasPrefix) ?? ($0 == trimmed) })
                else {
                    Issue.record(
                        "README line not in the output of alliancectl \(excerpt.command.joined(separator: " ")):\n\(line)"
                    )
                    break
                }
                position = found + 1
            }
        }
    }

    @Test("the README's library example gives what it says")
    func libraryExample() throws {
        let scenario = try ScenarioLoader.load(path: CLITestSupport.path("Networks/europe-1914.json"))
        let report = try NetworkMetrics.compute(scenario: scenario, seed: 1)
        #expect(report.value("betweenness", state: "RUS") == .real(34.5))
        let run = try Simulation(scenario: scenario, configuration: .init(rounds: 10, seed: 1))
        #expect(run.records.count == 1)
    }
}

/// The lines of Examples/FirstProgram's main.swift, the program CI builds and runs.
enum ExampleProgram {
    static func lines() throws -> [String] {
        try String(
            contentsOfFile: CLITestSupport.path("Examples/FirstProgram/Sources/FirstProgram/main.swift"),
            encoding: .utf8
        ).split(separator: "\n").map(String.init)
    }

    /// The first line of `code` that is not in the program after the previous one (nil: all are,
    /// in order).
    static func firstMissingLine(of code: [String], in program: [String]) -> String? {
        var next = 0
        for line in code {
            guard let found = program[next...].firstIndex(of: line) else { return line }
            next = found + 1
        }
        return nil
    }
}

/// The README's Swift block is the example package's program, which CI builds and runs.
@Suite("README library example is Examples/FirstProgram")
struct ReadmeLibraryExampleTests {
    @Test("every line of the README's swift block is in Examples/FirstProgram's main.swift, in order")
    func swiftBlockIsTheExample() throws {
        let readme = try String(contentsOfFile: CLITestSupport.path("README.md"), encoding: .utf8)
        let block = try #require(readme.components(separatedBy: "```").first { $0.hasPrefix("swift\n") })
        let lines = block.dropFirst("swift\n".count).split(separator: "\n").map(String.init)
        #expect(lines.count >= 10)
        let missing = ExampleProgram.firstMissingLine(of: lines, in: try ExampleProgram.lines())
        #expect(missing == nil, "README line not in main.swift (in order): \(missing ?? "")")
    }
}

/// The DocC tutorials' code is the example package's program, which CI builds and runs.
@Suite("DocC tutorial code is Examples/FirstProgram")
struct TutorialCodeTests {
    @Test("the last step of each tutorial is in Examples/FirstProgram's main.swift, line by line in order")
    func tutorialsCompile() throws {
        let resources = CLITestSupport.path("Sources/AllianceGraph/AllianceGraph.docc/Resources")
        let program = try ExampleProgram.lines()
        for name in ["load-network-02.swift", "chain-ganging-02.swift", "centrality-stability-02.swift"] {
            let code = try String(contentsOfFile: resources + "/" + name, encoding: .utf8)
            let lines = code.split(separator: "\n").map(String.init)
            #expect(lines.count >= 4, "\(name)")
            let missing = ExampleProgram.firstMissingLine(of: lines, in: program)
            #expect(missing == nil, "\(name): line not in main.swift (in order): \(missing ?? "")")
        }
    }
}
