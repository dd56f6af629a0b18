@_spi(Internals) import AllianceGraph
@_spi(Internals) import AllianceGraphFormats
import AllianceGraphRender
import ArgumentParser

/// `alliancectl landscape FILE`: the Axelrod-Bennett alignment landscape of a scenario.
struct LandscapeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "landscape",
        abstract: "Find the predicted alignments (local energy minima) of a scenario's alignment landscape.",
        discussion: """
            Sizes are capabilities; propensities are the scenario's explicit list when present, \
            otherwise credibility of aligning pledges minus rivalry intensity. Up to \
            \(LandscapeSearch.defaultExhaustiveLimit) states every configuration is visited; beyond, \
            seeded steepest descents estimate the minima and their basins. With --actual, each \
            minimum is compared with the actual partition (the named states against the rest).
            """
    )

    @Argument(
        help: ArgumentHelp(
            "Scenario file (alliancegraph/1 JSON), or a graph file that `convert` reads.", valueName: "file"))
    var file: String

    @Option(help: "Use the ties in force in this year (default: the scenario's year).")
    var year: Int?

    @Option(
        help: ArgumentHelp(
            "One camp of the actual partition, comma-separated codes or COW numbers (e.g. the Allies).",
            valueName: "codes"))
    var actual: String?

    @Option(help: "Seed for the random starts beyond the exhaustive limit.")
    var seed: UInt64 = 0

    @Option(help: "Random starts beyond the exhaustive limit.")
    var starts: Int = LandscapeSearch.defaultStarts

    @Option(help: "Largest number of states searched exhaustively (at most 31; memory 2^(N+1) bytes).")
    var exhaustiveLimit: Int = LandscapeSearch.defaultExhaustiveLimit

    @OptionGroup var output: OutputOptions

    @OptionGroup var resources: ResourceOptions

    func validate() throws {
        if starts < 1 { throw ValidationError("--starts must be at least 1.") }
        if !(1...31).contains(exhaustiveLimit) { throw ValidationError("--exhaustive-limit must be in 1...31.") }
        try output.validateOutput(inputs: [file])
    }

    func run() throws {
        resources.apply()
        try reportingErrors {
            let scenario = try loadScenario(file)
            let landscape = try AlignmentLandscape(scenario, year: year)
            var actualSides: [Int]?
            if let actual {
                let network = scenario.activeNetwork(year: year)
                let codes = actual.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }.map {
                    code in network.id(forCodeOrNumber: code).map { network[$0].code } ?? code  // COW numbers too
                }
                for code in codes where !landscape.codes.contains(code) {
                    let hint = NameSuggestion.hint(for: code, among: landscape.codes)
                    throw ValidationError("--actual: unknown state code \"\(code)\"\(hint).")
                }
                let side = Set(codes)
                actualSides = landscape.codes.map { side.contains($0) ? 0 : 1 }
            }
            if landscape.count > exhaustiveLimit {
                output.note(
                    "\(landscape.count) states: sampling \(starts) seeded descents (seed \(seed)) "
                        + "instead of an exhaustive search.")
            }
            let result = LandscapeSearch.search(landscape, exhaustiveLimit: exhaustiveLimit, starts: starts, seed: seed)
            let effectiveYear = year ?? scenario.year
            let yearSuffix = effectiveYear.map { scenario.name.contains(String($0)) ? "" : " (\($0))" } ?? ""
            let minima = "\(result.minima.count) local minim\(result.minima.count == 1 ? "um" : "a")"
            let title = "\(scenario.name)\(yearSuffix): alignment landscape of \(landscape.count) states, \(minima)"
            let report = LandscapeReport(title: title, landscape: landscape, result: result, actual: actualSides)
            switch output.format {
            case .json: try output.emit(report.json())
            case .csv: try output.emit(report.csv())
            case .table: try output.emit(report.table())
            }
        }
    }
}
