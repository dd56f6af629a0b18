import Foundation
import Testing
@_spi(Internals) @testable import AllianceGraph
@_spi(Internals) @testable import AllianceGraphFormats
@testable import AllianceGraphRender

/// Every fixture in Fixtures/invalid breaks one rule of docs/FORMAT.md; the reader must reject it
/// with the file name, the location (JSON path or line/column) and the expected message listed in
/// Fixtures/invalid/expected.json.
@Suite("Invalid scenario files")
struct InvalidScenarioTests {
    struct Expectation: Decodable {
        let location: String?
        let message: String
    }

    static let folder = TestSupport.fixture("invalid")

    static let expectations: [String: Expectation] = {
        guard let data = try? Data(contentsOf: folder.appendingPathComponent("expected.json")),
            let table = try? JSONDecoder().decode([String: Expectation].self, from: data)
        else { return [:] }
        return table
    }()

    static let names: [String] = expectations.keys.sorted()

    @Test("the corpus has at least 20 fixtures, one file per expectation")
    func corpusIsComplete() throws {
        #expect(Self.names.count >= 20)
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path)
            .filter { $0.hasSuffix(".json") && $0 != "expected.json" }
        #expect(Set(files.map { String($0.dropLast(5)) }) == Set(Self.names))
    }

    @Test("each invalid file is rejected with its file, location and message", arguments: names)
    func rejected(name: String) throws {
        let path = Self.folder.appendingPathComponent("\(name).json").path
        let expectation = try #require(Self.expectations[name])
        do {
            _ = try ScenarioLoader.load(path: path)
            Issue.record("\(name) was accepted")
        } catch {
            #expect(error.file == path)
            #expect(error.location == expectation.location, "\(name): \(error)")
            #expect(error.message.contains(expectation.message), "\(name): \(error)")
            #expect(error.description.hasPrefix(path + ": "))
        }
    }

    @Test("a missing file and a folder are reported by name")
    func missingFile() {
        #expect(throws: InputError(file: "/nonexistent/x.json", "no such file")) {
            try ScenarioLoader.load(path: "/nonexistent/x.json")
        }
        #expect(throws: InputError(file: "/tmp", "is a folder, not a file")) {
            try ScenarioLoader.load(path: "/tmp")
        }
    }
}
