@_spi(Internals) import AllianceGraph
@_spi(Internals) import AllianceGraphFormats
import AllianceGraphRender
import ArgumentParser
import Foundation

/// `alliancectl convert IN OUT`: between scenario JSON, the binary snapshot, GraphML, GML,
/// node-link JSON, Gephi CSV and (write only) DOT.
struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert between scenario JSON, snapshots, GraphML, GML, node-link JSON, Gephi CSV and DOT.",
        discussion: """
            Formats come from the file extensions (.json scenario, .agsnap snapshot, .nodelink.json, \
            .graphml, .gml, .csv, .dot/.gv) or from --from/--to (scenario, snapshot, graphml, gml, \
            node-link, csv, dot). A .json input with "nodes" and no "format" is read as node-link. A \
            snapshot is the scenario in binary form, for large networks: every command reads it, \
            about half the size and loaded at disk speed. CSV writes OUT-nodes.csv, \
            OUT-edges.csv (what Gephi imports) and OUT-graph.csv (name, year, parameters, contiguity, \
            war plans). Commitment credibility is written as "strength", never "weight". --simple writes \
            the alliance graph in force (one edge per pair with strength and length = 1/strength, no \
            rivalries), which networkx and igraph read with their defaults. OUT "-" writes standard \
            output. See docs/FORMATS.md.
            """
    )

    @Argument(help: ArgumentHelp("Input file.", valueName: "in"))
    var input: String

    @Argument(help: ArgumentHelp("Output file.", valueName: "out"))
    var output: String

    @Option(help: "Input format (default: from the extension).")
    var from: GraphFormat?

    @Option(help: "Output format (default: from the extension).")
    var to: GraphFormat?

    @Option(help: "Keep the ties in force in this year (default: every tie; with --simple, the scenario's year).")
    var year: Int?

    @Flag(
        help: """
            Write the alliance graph in force as a simple graph for other tools: one edge per pair of \
            allied states with strength and length = 1/strength; no rivalries, no parallel edges.
            """)
    var simple = false

    @OptionGroup var kindSelection: KindOptions

    @Flag(name: .shortAndLong, help: "Print no notes on standard error.")
    var quiet = false

    func validate() throws {
        if (from ?? GraphFormat.detect(path: input)) == .dot {
            throw ValidationError("DOT can be written but not read.")
        }
        if from == nil && GraphFormat.detect(path: input) == nil {
            throw ValidationError("Can't tell the format of \"\(input)\" from its name; give --from.")
        }
        if to == nil && GraphFormat.detect(path: output) == nil {
            throw ValidationError("Can't tell the format of \"\(output)\" from its name; give --to.")
        }
        if (to ?? GraphFormat.detect(path: output)) == .csv && output == "-" {
            throw ValidationError("CSV writes two files; give an output name, not \"-\".")
        }
        try OutputPathCheck.validate(
            output, option: "OUT", inputs: [input], csvPair: (to ?? GraphFormat.detect(path: output)) == .csv)
        if simple && [.scenario, .snapshot].contains(to ?? GraphFormat.detect(path: output)) {
            throw ValidationError(
                "--simple writes a graph format (graphml, gml, node-link, csv, dot), not a scenario; "
                    + "name OUT .graphml or give --to.")
        }
    }

    func run() throws {
        try reportingErrors {
            // Steps of seconds at a million states, named on a terminal.
            let progress = ProgressReporter("convert", quiet: quiet)
            defer { progress.finish() }  // also before an error message
            progress.stage("reading \(input)")
            let notes = ReadNotes()
            var scenario = kindSelection.apply(to: try ScenarioLoader.load(path: input, format: from, notes: notes))
            progress.finish()
            if !quiet { for note in notes.items { Diagnostics.print("note: \(input): \(note)") } }
            let format = to ?? GraphFormat.detect(path: output) ?? .scenario
            progress.stage("writing \(output)")
            if simple {
                let document = ScenarioGraphMapping.simpleDocument(scenario, year: year)
                let written = try GraphIO.write(document, as: format, to: output, multigraph: false)
                progress.finish()
                report(written, format, "\(document.vertexCount) states, \(document.edges.count) allied pairs")
                return
            }
            if let year {
                scenario.network = scenario.network.inForce(in: year)
                scenario.year = year
            }
            let written = try GraphIO.write(scenario, as: format, to: output)
            progress.finish()
            let n = scenario.network
            report(
                written, format,
                "\(n.count) states, \(n.commitments.count) commitments, \(n.rivalries.count) rivalries")
            if format == .csv && !quiet && output != "-" {
                Diagnostics.print(
                    "note: Gephi imports the nodes and edges tables; the scenario's name, year, parameters, "
                        + "contiguity and war plans are in \(GraphIO.csvGraphPath(output)), which Gephi does not "
                        + "read (alliancectl reads all three back)")
            }
        }
    }

    /// The "Wrote" line on standard error (not for standard output or with --quiet).
    private func report(_ written: [String], _ format: GraphFormat, _ counts: String) {
        guard !quiet && output != "-" else { return }
        Diagnostics.print("Wrote \(written.joined(separator: ", ")) (\(format.rawValue)): \(counts)")
    }
}
