@_spi(Internals) import AllianceGraph
@_spi(Internals) import AllianceGraphFormats
import AllianceGraphRender
import ArgumentParser
import Foundation

/// `alliancectl convert IN OUT`: between scenario JSON, GraphML, GML, node-link JSON, Gephi CSV
/// and (write only) DOT.
struct ConvertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Convert between scenario JSON, GraphML, GML, node-link JSON, Gephi CSV and DOT.",
        discussion: """
            Formats come from the file extensions (.json scenario, .nodelink.json, .graphml, .gml, \
            .csv, .dot/.gv) or from --from/--to (scenario, graphml, gml, node-link, csv, dot). A .json \
            input with "nodes" and no "format" is read as node-link. CSV writes OUT-nodes.csv and \
            OUT-edges.csv. Commitment credibility is written as "strength", never "weight". OUT "-" \
            writes standard output. See docs/FORMATS.md.
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
    }

    func run() throws {
        try reportingErrors {
            let scenario = try loadScenario(input, format: from)
            let format = to ?? GraphFormat.detect(path: output) ?? .scenario
            let written = try GraphIO.write(scenario, as: format, to: output)
            if !quiet && output != "-" {
                let n = scenario.network
                let files = written.joined(separator: ", ")
                Diagnostics.print(
                    "Wrote \(files) (\(format.rawValue)): \(n.count) states, \(n.commitments.count) commitments, "
                        + "\(n.rivalries.count) rivalries")
            }
        }
    }
}
