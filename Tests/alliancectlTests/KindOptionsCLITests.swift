import Foundation
import Testing
@_spi(Internals) import AllianceGraph
@_spi(Internals) import AllianceGraphFormats
@testable import alliancectl

/// `--kinds` and `--drop-kinds` on import, convert, metrics, crisis and render.
@Suite("CLI: --kinds and --drop-kinds choose commitment kinds")
struct KindOptionsCLITests {
    static let europe = CLITestSupport.path("Networks/europe-1914.json")
    static let atop = CLITestSupport.path("Tests/AllianceGraphTests/Fixtures/import/atop-small.csv")

    @Test("the selection is --kinds (default all) less --drop-kinds; unknown kinds are usage errors with a hint")
    func parsing() throws {
        let both = try KindOptions.parse(["--kinds", "defense,offense, consultation", "--drop-kinds", "offense"])
        #expect(both.selection == [.defense, .consultation])
        let dropOnly = try KindOptions.parse(["--drop-kinds", "nonaggression"])
        #expect(dropOnly.selection == Set(CommitmentKind.allCases).subtracting([.nonaggression]))
        #expect(try KindOptions.parse([]).selection == nil)
        expectExit(64, message: "unknown commitment kind \"defence\" (did you mean \"defense\"?)") {
            _ = try AllianceCtl.parseAsRoot(["metrics", Self.europe, "--kinds", "defence"])
        }
        expectExit(64, message: "leave no kind") {
            _ = try AllianceCtl.parseAsRoot([
                "crisis", Self.europe, "--attacker", "AUH", "--target", "YUG",
                "--kinds", "defense", "--drop-kinds", "defense",
            ])
        }
    }

    @Test("metrics and convert --simple count only the kinds kept")
    func metricsAndConvert() throws {
        let all = try #require(
            try CLITestSupport.run(["metrics", Self.europe, "--only", "degree", "--format", "csv"]), "build alliancectl"
        )
        let binding = try #require(
            try CLITestSupport.run([
                "metrics", Self.europe, "--only", "degree", "--format", "csv", "--kinds", "defense,offense",
            ]))
        #expect(all.stdout.contains("AUH,Austria-Hungary,4"))
        #expect(binding.stdout.contains("AUH,Austria-Hungary,3"))
        let folder = try CLITestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let graphml = folder.appendingPathComponent("d.graphml").path
        let convert = try #require(
            try CLITestSupport.run(["convert", Self.europe, graphml, "--simple", "--kinds", "defense"]))
        #expect(convert.status == 0 && convert.stderr.contains("18 states, 10 allied pairs"))
    }

    @Test("import --kinds keeps those obligations and says so in the description")
    func importKinds() throws {
        let command = try #require(
            try AllianceCtl.parseAsRoot([
                "import", "atop", Self.atop, "--year", "1902", "--kinds", "defense", "-o",
                FileManager.default.temporaryDirectory.appendingPathComponent("kinds-\(UUID()).json").path, "-q",
            ]) as? ImportCommand)
        try command.run()
        let scenario = try ScenarioLoader.load(path: try #require(command.output))
        #expect(!scenario.network.commitments.isEmpty)
        #expect(scenario.network.commitments.allSatisfy { $0.kind == .defense })
        #expect(scenario.description?.hasSuffix("Commitment kinds kept: defense.") == true)
    }

    @Test("crisis --drop-kinds leaves those pledges out of the cascade")
    func crisisDrop() throws {
        let arguments = ["crisis", Self.europe, "--attacker", "AUH", "--target", "YUG", "--format", "csv"]
        let all = try #require(try CLITestSupport.run(arguments), "build alliancectl")
        let dropped = try #require(try CLITestSupport.run(arguments + ["--drop-kinds", "patronage"]))
        #expect(all.stdout.contains(",patronage,"))
        #expect(dropped.status == 0 && !dropped.stdout.contains(",patronage,"))
    }

    @Test("report --kinds reports the same network as metrics --kinds (density of the defence pacts)")
    func reportKinds() throws {
        let metrics = try #require(
            try CLITestSupport.run([
                "metrics", Self.europe, "--kinds", "defense", "--scope", "system", "--format", "csv",
            ]), "build alliancectl")
        let density = try #require(metrics.stdout.split(separator: "\n").first { $0.hasPrefix("density,") })
        let value = try #require(Double(density.dropFirst("density,".count)))
        let report = try #require(try CLITestSupport.run(["report", Self.europe, "--kinds", "defense"]))
        #expect(report.status == 0)
        let shown = String(format: "%.4f", value)
        #expect(report.stdout.contains("<td class=\"code\">density</td><td class=\"num\">\(shown)</td>"))
        #expect(shown == "0.0654")
    }
}
