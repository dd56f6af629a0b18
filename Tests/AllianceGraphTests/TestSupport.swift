import Foundation
@_spi(Internals) @testable import AllianceGraph
@_spi(Internals) @testable import AllianceGraphFormats
@testable import AllianceGraphRender

/// Paths and helpers shared by the tests.
enum TestSupport {
    /// The repository root (two levels above this file's folder).
    static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `../shared/data` beside the repository, when present.
    static let sharedData: URL = repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/data")

    /// The path of a shared data file, or nil (tests then skip with a message naming the file).
    static func sharedDataFile(_ name: String) -> String? {
        let path = sharedData.appendingPathComponent(name).path
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }

    static func fixture(_ relativePath: String) -> URL {
        repositoryRoot.appendingPathComponent("Tests/AllianceGraphTests/Fixtures").appendingPathComponent(relativePath)
    }

    static func network(_ name: String) -> String {
        repositoryRoot.appendingPathComponent("Networks/\(name)").path
    }

    /// A small scenario: three states, a defence pact and a guarantee, a rivalry, geography.
    static let toyScenarioJSON = """
        {
          "format": "alliancegraph/1",
          "name": "Toy triangle",
          "year": 1900,
          "parameters": {"offenseDefense": 1.2, "transparency": 0.3, "armsControl": {"maxEffort": 0.05}},
          "states": [
            {"code": "AAA", "name": "Aland", "capability": 0.30, "major": true},
            {"code": "BBB", "name": "Bland", "capability": 0.20, "effort": 0.03},
            {"code": "CCC", "name": "Cland", "capability": 0.05, "hawkishness": 0.2}
          ],
          "commitments": [
            {"kind": "defense", "between": ["BBB", "CCC"], "credibility": 0.9, "since": 1890},
            {"kind": "guarantee", "from": "AAA", "to": "CCC", "credibility": 0.6},
            {"kind": "consultation", "between": ["AAA", "BBB"], "until": 1899}
          ],
          "rivalries": [{"between": ["AAA", "BBB"], "intensity": 0.8}],
          "contiguity": [{"between": ["AAA", "BBB"], "type": 1}, {"between": ["BBB", "CCC"], "proximity": 0.7}],
          "warPlans": [{"actor": "AAA", "trigger": ["BBB"], "attack": ["CCC"]}]
        }
        """
}
