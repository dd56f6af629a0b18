import Foundation
import Testing

/// The hostile-input corpus (Tests/AllianceGraphTests/Fixtures/hostile, listed in its
/// manifest.json) through the built binary: every fixture gives its exit status; a refused input
/// names the file and the field, path or line on standard error and leaves no output and no
/// temporary file; an accepted one gives the expected result. None may crash, hang or use more
/// than a bounded amount of memory. docs/RELIABILITY.md explains the rules.
@Suite("Hostile input fixtures through the built binary")
struct HostileInputCLITests {
    struct Case: Decodable, Sendable, CustomTestStringConvertible {
        var file: String
        var args: [String]?
        var exit: Int32
        var message: String?
        var errorFile: String?
        var contains: String?
        var testDescription: String { file }
    }

    struct Manifest: Decodable {
        var commands: [String: [String]]
        var cases: [Case]
    }

    static let folder = CLITestSupport.path("Tests/AllianceGraphTests/Fixtures/hostile")

    static let manifest: Manifest? = {
        guard let data = FileManager.default.contents(atPath: folder + "/manifest.json") else { return nil }
        return try? JSONDecoder().decode(Manifest.self, from: data)
    }()

    static let cases: [Case] = manifest?.cases ?? []

    /// Peak memory any fixture may use (KiB): far below the machine, far above the few MB used.
    static let memoryBound = 512 * 1024

    /// The fixture files a case reads: the file itself, or for a Gephi CSV case BASE-nodes.csv
    /// and/or BASE-edges.csv.
    static func files(of item: Case) -> [String] {
        guard item.file.hasPrefix("csv/") else { return [item.file] }
        let base = String(item.file.dropLast(4))
        return [base + "-nodes.csv", base + "-edges.csv"].filter {
            FileManager.default.fileExists(atPath: "\(folder)/\($0)")
        }
    }

    @Test("the corpus has at least 40 fixtures, every file is in the manifest and every case has its file")
    func corpusIsComplete() throws {
        let manifest = try #require(Self.manifest, "manifest.json is missing or malformed")
        #expect(manifest.cases.count >= 40)
        let enumerator = try #require(FileManager.default.enumerator(atPath: Self.folder))
        var onDisk = Set<String>()
        for case let path as String in enumerator where path != "manifest.json" {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: "\(Self.folder)/\(path)", isDirectory: &isFolder),
                !isFolder.boolValue
            {
                onDisk.insert(path)
            }
        }
        let listed = manifest.cases.flatMap(Self.files(of:))
        #expect(
            onDisk.subtracting(listed).isEmpty,
            "fixtures missing from manifest.json: \(onDisk.subtracting(listed).sorted())")
        #expect(
            Set(listed).subtracting(onDisk).isEmpty, "cases without a file: \(Set(listed).subtracting(onDisk).sorted())"
        )
        #expect(Set(manifest.cases.map(\.file)).count == manifest.cases.count, "a file is listed twice")
        for item in manifest.cases {
            #expect(!Self.files(of: item).isEmpty, "\(item.file) has no fixture file")
            let folder = String(item.file.prefix { $0 != "/" })
            #expect(item.args != nil || manifest.commands[folder] != nil, "no command for the folder \(folder)")
            #expect(item.exit == 0 ? item.contains != nil : item.message != nil, "\(item.file): say what to expect")
        }
    }

    @Test(
        "each hostile fixture: its exit status, a message naming the file and location, no stray output",
        arguments: cases)
    func fixture(_ item: Case) throws {
        let binary = try #require(CLITestSupport.binary, "build alliancectl first (swift build)")
        let manifest = try #require(Self.manifest)
        let out = try CLITestSupport.temporaryFolder()
        let logs = try CLITestSupport.temporaryFolder()
        defer {
            try? FileManager.default.removeItem(at: out)
            try? FileManager.default.removeItem(at: logs)
        }
        let template = try #require(item.args ?? manifest.commands[String(item.file.prefix { $0 != "/" })])
        let arguments = template.map {
            $0.replacingOccurrences(of: "{file}", with: "\(Self.folder)/\(item.file)")
                .replacingOccurrences(of: "{out}", with: out.path)
                .replacingOccurrences(of: "{fixtures}", with: CLITestSupport.path("Tests/AllianceGraphTests/Fixtures"))
        }
        let outcome = try GuardedProcess.run(binary, arguments, logFolder: logs, limit: 120)
        #expect(!outcome.hung, "\(item.file): hung")
        #expect(
            outcome.signal == nil,
            "\(item.file): killed by signal \(outcome.signal ?? 0)\n\(outcome.stderr.prefix(2000))")
        #expect(outcome.status == item.exit, "\(item.file): \(outcome.stderr.prefix(500))")
        #expect(
            outcome.peakIsBelow(Self.memoryBound),
            "\(item.file): own peak \(outcome.childPeak().map(String.init) ?? "?") KiB (ru_maxrss \(outcome.peakKilobytes), this process \(outcome.parentHighWater))"
        )
        let left = try FileManager.default.contentsOfDirectory(atPath: out.path)
        if item.exit == 0 {
            #expect(left == ["out.json"], "\(item.file): left \(left)")
            let text = try String(contentsOf: out.appendingPathComponent("out.json"), encoding: .utf8)
            if let expected = item.contains { #expect(text.contains(expected), "\(item.file): \(text.prefix(400))") }
            #expect(
                !text.contains("\r") && !text.contains("\u{FEFF}"), "\(item.file): CR or BOM leaked into the output")
        } else {
            let named = "\(Self.folder)/\(item.errorFile ?? item.file)"
            let expected = "error: \(named): \(item.message ?? "")"
            #expect(
                outcome.stderr.hasPrefix(expected),
                "\(item.file):\n  expected: \(expected)\n  stderr:   \(outcome.stderr.prefix(400))")
            #expect(outcome.stdout.isEmpty)
            #expect(left.isEmpty, "\(item.file): a refused input left \(left)")
        }
    }
}
