@_spi(Internals) import AllianceGraph
@_spi(Internals) import AllianceGraphFormats
import AllianceGraphRender
import ArgumentParser
import Foundation

extension AllianceImportOptions.Source: ExpressibleByArgument {}
extension AllianceImportOptions.Codes: ExpressibleByArgument {}
extension AllianceImportOptions.Region: ExpressibleByArgument {}
extension GraphFormat: ExpressibleByArgument {}

/// `alliancectl import atop|cow FILE --year Y ...`: a scenario from real alliance data.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Build a scenario for one year from ATOP or COW alliance data and COW side files.",
        discussion: """
            SOURCE is atop (ATOP 5.1 dyad-year file, atop5_1dy layout) or cow (COW Formal Alliances \
            v4.1 dyad-yearly file, which you supply). Each obligation type in force becomes one \
            symmetric commitment. Warnings (merged duplicates, codes missing from the state list, \
            imputed capabilities) go to standard error. See docs/FORMATS.md.
            """
    )

    @Argument(help: "Alliance data set: atop or cow.")
    var source: AllianceImportOptions.Source

    @Argument(help: ArgumentHelp("The alliance dyad-year CSV file.", valueName: "file"))
    var file: String

    @Option(help: "The year to build.")
    var year: Int

    @Option(help: ArgumentHelp("COW State System Membership file (states2016.csv).", valueName: "file"))
    var states: String?

    @Option(help: ArgumentHelp("COW National Material Capabilities file (CINC).", valueName: "file"))
    var nmc: String?

    @Option(help: ArgumentHelp("COW Direct Contiguity file (contdir.csv).", valueName: "file"))
    var contiguity: String?

    @Option(help: ArgumentHelp("Thompson & Dreyer strategic rivalries file.", valueName: "file"))
    var rivalries: String?

    @Option(help: ArgumentHelp("COW major powers file (majors2016.csv).", valueName: "file"))
    var majors: String?

    @Option(
        help: ArgumentHelp(
            "Keep only these states (comma-separated letter codes in --codes, or COW numbers).",
            valueName: "codes"))
    var only: String?

    @Option(
        help: ArgumentHelp(
            "Keep only these regions (comma-separated): americas, europe, africa, middle-east, asia, oceania.",
            valueName: "regions"))
    var region: String?

    @OptionGroup var kindSelection: KindOptions

    @Option(help: "State codes in the scenario: cow (COW letter codes) or iso3.")
    var codes: AllianceImportOptions.Codes = .cow

    @Flag(help: "Treat the German Federal Republic (COW 260, 1955-1990) as Germany (255).")
    var mergeGermany = false

    @Flag(
        help: """
            For a year after a side file's last year (--states, --nmc, --majors, --contiguity, \
            --rivalries), use that last year's data, with a warning and a note in the description.
            """)
    var carryForward = false

    @Option(
        name: .shortAndLong,
        help: ArgumentHelp("Write the scenario here (default: standard output).", valueName: "file"))
    var output: String?

    @Option(help: "Output format (default: from the output file's extension, else scenario JSON).")
    var to: GraphFormat?

    @Flag(name: .shortAndLong, help: "Print no progress or warnings on standard error.")
    var quiet = false

    func validate() throws {
        for name in list(region) where AllianceImportOptions.Region(rawValue: name) == nil {
            let all = AllianceImportOptions.Region.allCases.map(\.rawValue)
            let hint = NameSuggestion.hint(for: name, among: all)
            throw ValidationError("Unknown region \"\(name)\"\(hint); expected one of \(all.joined(separator: ", ")).")
        }
        if to == .csv && output == nil { throw ValidationError("CSV output needs --output (it writes two files).") }
        try OutputPathCheck.validate(
            output, option: "--output", inputs: [file, states, nmc, contiguity, rivalries, majors], csvPair: to == .csv)
    }

    private func list(_ text: String?) -> [String] {
        (text ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    func run() throws {
        try reportingErrors {
            var options = AllianceImportOptions(source: source, year: year)
            options.states = states
            options.capabilities = nmc
            options.contiguity = contiguity
            options.rivalries = rivalries
            options.majors = majors
            options.only = list(only)
            options.regions = list(region).compactMap(AllianceImportOptions.Region.init(rawValue:))
            options.codes = codes
            options.mergeGermany = mergeGermany
            options.carryForward = carryForward
            let progress = ProgressReporter("Reading \(source.rawValue) data", quiet: quiet)
            var result = try AllianceImporter.run(allianceFile: file, options: options, progress: progress)
            progress.finish()
            if kindSelection.selection != nil {
                result.scenario = kindSelection.apply(to: result.scenario)
                result.scenario.description = (result.scenario.description ?? "") + kindSelection.note
            }
            if !quiet {
                for warning in result.warnings { Diagnostics.print("warning: \(warning)") }
            }
            let format = to ?? output.flatMap(GraphFormat.detect(path:)) ?? .scenario
            if let output {
                try GraphIO.write(result.scenario, as: format, to: output)
                if !quiet {
                    let n = result.scenario.network
                    Diagnostics.print(
                        "Wrote \(output): \(n.count) states, \(n.commitments.count) commitments, "
                            + "\(n.rivalries.count) rivalries, \(n.contiguity.count) contiguity entries")
                }
            } else {
                try StandardStreams.writeStandardOutput(try GraphIO.encode(result.scenario, as: format))
            }
        }
    }
}
