@_spi(Internals) import AllianceGraph
@_spi(Internals) import AllianceGraphFormats
import AllianceGraphRender
import ArgumentParser
import Foundation
import Testing
@testable import alliancectl

private let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
private func temporary(_ name: String) -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
        "alliancectl-formats-\(ProcessInfo.processInfo.processIdentifier)")
    try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder.appendingPathComponent(name).path
}

@Suite("convert, import, render and report commands")
struct FormatsCommandTests {
    let europe = root.appendingPathComponent("Networks/europe-1914.json").path

    @Test("convert picks formats by extension and round-trips a bundled network through GraphML")
    func convert() throws {
        let graphml = temporary("e.graphml"), back = temporary("e.json")
        var command = try #require(
            try AllianceCtl.parseAsRoot(["convert", europe, graphml, "--quiet"]) as? ConvertCommand)
        try command.run()
        command = try #require(try AllianceCtl.parseAsRoot(["convert", graphml, back, "-q"]) as? ConvertCommand)
        try command.run()
        #expect(try ScenarioLoader.load(path: back) == (try ScenarioLoader.load(path: europe)))
    }

    @Test(
        "metrics and crisis read GraphML and GML files directly, with the same results as the scenario JSON",
        arguments: ["graphml", "gml"])
    func commandsReadGraphFiles(ext: String) throws {
        let graph = temporary("direct.\(ext)")
        let convert = try #require(
            try AllianceCtl.parseAsRoot(["convert", europe, graph, "--quiet"]) as? ConvertCommand)
        try convert.run()
        for arguments in [
            ["metrics", "--format", "csv", "--only", "degree,strength,betweenness,pagerank,bloc"],
            ["crisis", "--attacker", "AUH", "--target", "YUG", "--format", "csv"],
        ] {
            let fromJSON = try #require(
                try CLITestSupport.run([arguments[0], europe] + arguments.dropFirst()),
                "build alliancectl first (swift build)")
            let fromGraph = try #require(try CLITestSupport.run([arguments[0], graph] + arguments.dropFirst()))
            #expect(fromGraph.status == 0, "\(fromGraph.stderr)")
            #expect(fromGraph.stdout == fromJSON.stdout)
        }
    }

    @Test("a snapshot (.agsnap) gives every command the same results as the scenario JSON; a damaged one exits 65")
    func snapshot() throws {
        let snapshot = temporary("e.agsnap"), renamed = temporary("e-snapshot.json"), back = temporary("e-back.json")
        for arguments in [["convert", europe, snapshot, "-q"], ["convert", snapshot, back, "-q"]] {
            let command = try #require(try AllianceCtl.parseAsRoot(arguments) as? ConvertCommand)
            try command.run()
        }
        #expect(
            try String(contentsOfFile: back, encoding: .utf8)
                == ScenarioWriter.json(try ScenarioLoader.load(path: europe)))
        try FileManager.default.copyItem(atPath: snapshot, toPath: renamed)
        let folder = try CLITestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for arguments in [
            ["metrics", "--format", "csv"], ["crisis", "--attacker", "AUH", "--target", "YUG", "--format", "csv"],
            ["info"],
        ] {
            let fromJSON = try #require(
                try CLITestSupport.run([arguments[0], europe] + arguments.dropFirst()),
                "build alliancectl first (swift build)")
            for input in [snapshot, renamed] {
                let fromSnapshot = try #require(try CLITestSupport.run([arguments[0], input] + arguments.dropFirst()))
                #expect(fromSnapshot.status == 0, "\(fromSnapshot.stderr)")
                #expect(fromSnapshot.stdout == fromJSON.stdout, "\(arguments[0]) \(input)")
            }
        }
        // Damaged: one byte changed in the middle. Exit 65, the file named, nothing written.
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: snapshot)))
        bytes[bytes.count / 2] ^= 1
        let damaged = folder.appendingPathComponent("damaged.agsnap").path
        try Data(bytes).write(to: URL(fileURLWithPath: damaged))
        let output = folder.appendingPathComponent("run").path
        let outcome = try #require(
            try CLITestSupport.run(["simulate", damaged, "--rounds", "2", "--seed", "1", "--output", output]))
        #expect(outcome.status == 65)
        #expect(outcome.stderr.contains("damaged.agsnap") && outcome.stderr.contains("checksum"), "\(outcome.stderr)")
        #expect(!FileManager.default.fileExists(atPath: output))
    }

    @Test("one loader: info, metrics and convert read a node-link file named plain .json alike")
    func oneLoaderForNodeLinkJSON() throws {
        let nodeLink = temporary("plain-node-link.nodelink.json"), plain = temporary("plain.json")
        let back = temporary("plain-back.json")
        let convert = try #require(
            try AllianceCtl.parseAsRoot(["convert", europe, nodeLink, "--quiet"]) as? ConvertCommand)
        try convert.run()
        try? FileManager.default.removeItem(atPath: plain)
        try FileManager.default.copyItem(atPath: nodeLink, toPath: plain)
        let info = try #require(try CLITestSupport.run(["info", plain]), "build alliancectl first (swift build)")
        #expect(info.status == 0, "\(info.stderr)")
        #expect(info.stdout.contains("states  ") && info.stdout.contains("18"), "\(info.stdout)")
        let metrics = try #require(try CLITestSupport.run(["metrics", plain, "--format", "csv", "--only", "degree"]))
        let expected = try #require(try CLITestSupport.run(["metrics", europe, "--format", "csv", "--only", "degree"]))
        #expect(metrics.status == 0 && metrics.stdout == expected.stdout, "\(metrics.stderr)")
        let again = try #require(try AllianceCtl.parseAsRoot(["convert", plain, back, "--quiet"]) as? ConvertCommand)
        try again.run()
        #expect(try ScenarioLoader.load(path: back) == (try ScenarioLoader.load(path: plain)))
        #expect(
            try ScenarioLoader.load(path: plain).network.states
                == (try ScenarioLoader.load(path: europe)).network.states)
    }

    @Test("convert: --to overrides the extension; an unknown extension without --to is a usage error")
    func convertOptions() throws {
        let command = try #require(
            try AllianceCtl.parseAsRoot(["convert", "a.json", "b.txt", "--to", "node-link"]) as? ConvertCommand)
        #expect(command.to == .nodeLink)
        expectExit(64, message: "Can't tell the format of \"b.txt\" from its name; give --to.") {
            _ = try AllianceCtl.parseAsRoot(["convert", "a.json", "b.txt"])
        }
        expectExit(64, message: "DOT can be written but not read.") {
            _ = try AllianceCtl.parseAsRoot(["convert", "a.dot", "b.json"])
        }
    }

    @Test("import parses its options; an unknown region is a usage error with a hint")
    func importOptions() throws {
        let command = try #require(
            try AllianceCtl.parseAsRoot([
                "import", "atop", "x.csv", "--year", "1913", "--codes", "iso3",
                "--only", "DEU,FRA", "--region", "europe", "--merge-germany",
            ]) as? ImportCommand)
        #expect(command.source == .atop && command.year == 1913 && command.codes == .iso3 && command.mergeGermany)
        expectExit(64, message: "Unknown region \"eurpe\" (did you mean \"europe\"?)") {
            _ = try AllianceCtl.parseAsRoot(["import", "atop", "x.csv", "--year", "1913", "--region", "eurpe"])
        }
        expectExit(64, message: "The value 'atlas' is invalid for '<source>'") {
            _ = try AllianceCtl.parseAsRoot(["import", "atlas", "x.csv", "--year", "1913"])
        }
    }

    @Test("import writes a scenario from a hand-made ATOP file")
    func importRun() throws {
        let out = temporary("atop.json")
        let atop = root.appendingPathComponent("Tests/AllianceGraphTests/Fixtures/import/atop-small.csv").path
        let command = try #require(
            try AllianceCtl.parseAsRoot(["import", "atop", atop, "--year", "1902", "-o", out, "-q"]) as? ImportCommand)
        try command.run()
        let scenario = try ScenarioLoader.load(path: out)
        #expect(scenario.year == 1902 && scenario.network.commitments.count == 10)
    }

    @Test("import: a side file that ends before --year exits 65 naming it; --carry-forward warns and goes on")
    func importSideFileRange() throws {
        let majors = temporary("majors.csv"), out = temporary("carried.json")
        try """
        stateabb,ccode,styear,stmonth,stday,endyear,endmonth,endday,version
        UKG,200,1816,1,1,1901,12,31,2016

        """.write(toFile: majors, atomically: true, encoding: .utf8)
        let atop = root.appendingPathComponent("Tests/AllianceGraphTests/Fixtures/import/atop-small.csv").path
        let arguments = ["import", "atop", atop, "--year", "1902", "--majors", majors, "-o", out]
        let refused = try #require(try CLITestSupport.run(arguments), "build alliancectl first (swift build)")
        #expect(refused.status == 65)
        #expect(
            refused.stderr.contains(
                "\(majors): the major powers file covers 1816-1901; 1902 is outside it "
                    + "(carry-forward uses its last year, 1901)"))
        #expect(!FileManager.default.fileExists(atPath: out))
        let carried = try #require(try CLITestSupport.run(arguments + ["--carry-forward"]))
        #expect(carried.status == 0)
        #expect(
            carried.stderr.contains(
                "warning: the major powers file (majors.csv) ends in 1901; its 1901 data are used for 1902; carry-forward"
            ))
        #expect(try ScenarioLoader.load(path: out).network.states.filter(\.major).map(\.code) == ["UKG"])
    }

    @Test("render -o net.png writes a real PNG through rsvg-convert (when it is installed)")
    func renderPNG() throws {
        guard PNGConverter.locate() != nil else { return }  // CI installs librsvg2-bin; see the exit-64 test
        let png = temporary("net.png")
        try? FileManager.default.removeItem(atPath: png)
        let outcome = try #require(
            try CLITestSupport.run(["render", europe, "-o", png, "--layout", "kk"]), "build alliancectl first")
        #expect(outcome.status == 0)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: png))
        #expect(bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        #expect(bytes.count > 10_000)
    }

    @Test("render -o net.png without rsvg-convert exits 64 naming the package to install, writing nothing")
    func renderPNGWithoutConverter() throws {
        let png = temporary("none.png")
        try? FileManager.default.removeItem(atPath: png)
        let outcome = try #require(
            try CLITestSupport.run(["render", europe, "-o", png], environment: ["PATH": "/nonexistent"]),
            "build alliancectl first")
        #expect(outcome.status == 64)
        #expect(outcome.stderr.contains("writing PNG needs rsvg-convert, which is not on PATH"))
        #expect(outcome.stderr.contains("apt-get install librsvg2-bin"))
        #expect(!FileManager.default.fileExists(atPath: png))
    }

    @Test("convert: the 1914 crisis survives a Gephi CSV round trip (year and war plans kept)")
    func gephiKeepsYearAndWarPlans() throws {
        let csv = temporary("gephi-1914.csv")
        let written = try #require(try CLITestSupport.run(["convert", europe, csv]), "build alliancectl first")
        #expect(written.status == 0)
        #expect(written.stderr.contains("gephi-1914-graph.csv, which Gephi does not read"))
        let crisis = ["--attacker", "AUH", "--target", "YUG", "--format", "csv"]
        let fromCSV = try #require(try CLITestSupport.run(["crisis", temporary("gephi-1914-nodes.csv")] + crisis))
        let fromJSON = try #require(try CLITestSupport.run(["crisis", europe] + crisis))
        #expect(fromCSV.status == 0)
        #expect(fromCSV.stdout == fromJSON.stdout)
        #expect(fromJSON.stdout.split(separator: "\n").count == 19)
    }

    @Test("convert: a weight attribute in the input is named in a note, not dropped silently")
    func weightNote() throws {
        let graphml = temporary("weighted.graphml"), out = temporary("weighted.json")
        try """
        <?xml version="1.0" encoding="UTF-8"?>
        <graphml xmlns="http://graphml.graphdrawing.org/xmlns">
          <key id="w" for="edge" attr.name="weight" attr.type="double"/>
          <graph edgedefault="undirected">
            <node id="AAA"/><node id="BBB"/>
            <edge source="AAA" target="BBB"><data key="w">0.5</data></edge>
          </graph>
        </graphml>

        """.write(toFile: graphml, atomically: true, encoding: .utf8)
        let outcome = try #require(try CLITestSupport.run(["convert", graphml, out]), "build alliancectl first")
        #expect(outcome.status == 0)
        #expect(outcome.stderr.contains("note: \(graphml): edge attribute \"weight\" is ignored"))
    }

    @Test("convert --simple writes the alliance graph in force; a scenario output is a usage error")
    func convertSimple() throws {
        let graphml = temporary("simple.graphml")
        let outcome = try #require(try CLITestSupport.run(["convert", europe, graphml, "--simple"]))
        #expect(outcome.status == 0)
        #expect(outcome.stderr.contains("18 states, 25 allied pairs"))
        let text = try String(contentsOfFile: graphml, encoding: .utf8)
        #expect(text.contains("attr.name=\"length\"") && !text.contains("weight") && !text.contains("rivalry"))
        let nodeLink = temporary("simple.nodelink.json")
        #expect(try #require(try CLITestSupport.run(["convert", europe, nodeLink, "--simple", "-q"])).status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: nodeLink)))
        let root = try #require(object as? [String: Any])
        #expect(root["multigraph"] as? Bool == false)
        #expect((root["edges"] as? [[String: Any]])?.allSatisfy { $0["key"] == nil } == true)
        expectExit(64, message: "--simple writes a graph format") {
            _ = try AllianceCtl.parseAsRoot(["convert", europe, temporary("s.json"), "--simple"])
        }
    }

    @Test("render and report write SVG and HTML files")
    func renderAndReport() throws {
        let svg = temporary("e.svg"), html = temporary("e.html")
        let render = try #require(
            try AllianceCtl.parseAsRoot(["render", europe, "-o", svg, "--seed", "3", "-q"]) as? RenderCommand)
        try render.run()
        #expect(try String(contentsOfFile: svg, encoding: .utf8).hasPrefix("<svg"))
        let report = try #require(try AllianceCtl.parseAsRoot(["report", europe, "-o", html, "-q"]) as? ReportCommand)
        try report.run()
        #expect(try String(contentsOfFile: html, encoding: .utf8).contains("Table 1. States"))
        expectExit(64, message: "--width must be in 480...8000") {
            _ = try AllianceCtl.parseAsRoot(["render", europe, "--width", "10"])
        }
    }
}
