import Foundation
#if canImport(FoundationXML)
    import FoundationXML
#endif
import Testing
@testable import alliancectl

/// `report --simulate --crisis` and `simulate --charts`: the charts and the timeline reach the
/// outputs and are well-formed.
@Suite("Report sections and simulation charts")
struct ReportSectionsTests {
    static func isWellFormedXML(_ text: String) -> Bool {
        XMLParser(data: Data(text.utf8)).parse()
    }

    @Test("the report carries the 1914 crisis timeline and four simulation charts")
    func reportSections() throws {
        let folder = try CLITestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("report.html").path
        var command = try AllianceCtl.parseAsRoot([
            "report", CLITestSupport.path("Networks/europe-1914.json"), "--simulate",
            "--rounds", "5", "--crisis", "AUH:YUG", "-o", output, "--quiet",
        ])
        try command.run()
        let html = try String(contentsOfFile: output, encoding: .utf8)
        #expect(html.contains("Crisis: AUH attacks YUG (deterministic)"))
        for title in [
            "Simulation: military effort", "Simulation: commitments by kind", "Simulation: structural balance",
        ] {
            #expect(html.contains(title), "missing \(title)")
        }
        #expect(html.contains("guarantee pledge to BEL"), "the UK's cause in the timeline")
        #expect(!html.contains("http://") || !html.contains("<script src"), "no external assets")
        #expect(html.components(separatedBy: "<svg").count - 1 >= 6)
    }

    @Test("an unknown crisis state is a usage error (exit 64) and nothing is written")
    func badCrisis() throws {
        let folder = try CLITestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let output = folder.appendingPathComponent("report.html").path
        var command = try AllianceCtl.parseAsRoot([
            "report", CLITestSupport.path("Networks/europe-1914.json"),
            "--crisis", "AUH:SRB", "-o", output, "--quiet",
        ])
        expectExit(64, message: "--crisis: unknown target \"SRB\"") { try command.run() }
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    @Test("simulate --charts writes four well-formed SVG charts beside the CSVs")
    func simulateCharts() throws {
        let folder = try CLITestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var command = try AllianceCtl.parseAsRoot([
            "simulate", CLITestSupport.path("Networks/nato-2024.json"), "--rounds", "4",
            "--seed", "2", "--charts", "-o", folder.path, "--quiet",
        ])
        try command.run()
        for name in ["effort.svg", "threat.svg", "commitments.svg", "balance.svg"] {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            #expect(text.hasPrefix("<svg") || text.hasPrefix("<?xml"), "\(name)")
            #expect(Self.isWellFormedXML(text), "\(name) is not well-formed XML")
        }
        let effort = try String(contentsOf: folder.appendingPathComponent("effort.svg"), encoding: .utf8)
        #expect(effort.contains(">USA<") && effort.contains("mean (all 36)"))
    }
}
