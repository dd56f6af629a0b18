@_spi(Internals) import AllianceGraph
@_spi(Internals) import AllianceGraphFormats
import AllianceGraphRender
import ArgumentParser
import Foundation
import Testing
@testable import alliancectl

@Suite("generate command")
struct GenerateCommandTests {
    @Test("generate parses its options; too many ties is a usage error")
    func options() throws {
        let command = try #require(
            try AllianceCtl.parseAsRoot([
                "generate", "--states", "50", "--ties", "100", "--seed", "3",
                "--model", "scale-free", "-o", "x.json",
            ]) as? GenerateCommand)
        #expect(command.specification == SyntheticNetwork(states: 50, ties: 100, seed: 3, model: .scaleFree))
        let tiesMessage =
            "--ties: 30 is out of range; a network of 10 states takes 0...22 ties (half of all pairs, n(n-1)/4)"
        expectExit(64, message: tiesMessage) {
            _ = try AllianceCtl.parseAsRoot(["generate", "--states", "10", "--ties", "30"])
        }
        expectExit(64, message: "The value 'random' is invalid for '--model <model>'") {
            _ = try AllianceCtl.parseAsRoot(["generate", "--states", "10", "--ties", "5", "--model", "random"])
        }
    }

    @Test("the same options write the same bytes, and every command reads the file")
    func sameBytes() throws {
        let folder = try CLITestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let a = folder.appendingPathComponent("a.json").path, b = folder.appendingPathComponent("b.json").path
        for path in [a, b] {
            let command = try #require(
                try AllianceCtl.parseAsRoot([
                    "generate", "--states", "120", "--ties", "400", "--seed", "11",
                    "-o", path, "-q",
                ]) as? GenerateCommand)
            try command.run()
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: a)) == (try Data(contentsOf: URL(fileURLWithPath: b))))
        let scenario = try ScenarioLoader.load(path: a)
        #expect(scenario.network.count == 120 && scenario.network.commitments.count == 400)
        guard let info = try CLITestSupport.run(["info", a, "--format", "json"]) else { return }
        #expect(info.status == 0)
        guard
            let run = try CLITestSupport.run([
                "simulate", a, "--rounds", "2", "--seed", "1", "-q", "-o",
                folder.appendingPathComponent("run").path,
            ])
        else { return }
        #expect(run.status == 0, "\(run.stderr)")
    }
}
