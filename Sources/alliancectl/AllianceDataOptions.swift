@_spi(Internals) import AllianceGraph
@_spi(Internals) import AllianceGraphFormats
import ArgumentParser
import Foundation

/// The data files of the backtest and calibration commands: a folder with the usual names, or
/// single files that override it.
struct AllianceDataOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Folder with the data files under their usual names.", valueName: "dir"))
    var data: String?

    @Option(help: ArgumentHelp("ATOP 5.1 dyad-year file (atop5_1dy layout).", valueName: "file"))
    var atop: String?

    @Option(help: ArgumentHelp("COW National Material Capabilities file.", valueName: "file"))
    var nmc: String?

    @Option(help: ArgumentHelp("COW State System Membership file.", valueName: "file"))
    var states: String?

    @Option(help: ArgumentHelp("COW Direct Contiguity file.", valueName: "file"))
    var contiguity: String?

    @Option(help: ArgumentHelp("Thompson & Dreyer strategic rivalries file.", valueName: "file"))
    var rivalries: String?

    @Option(help: ArgumentHelp("COW major powers file.", valueName: "file"))
    var majors: String?

    func validate() throws {
        if data == nil && atop == nil { throw ValidationError("give --data (a folder) or --atop (the ATOP file).") }
    }

    /// The path of a data file: the explicit option, else the usual name in `--data`.
    func path(_ explicit: String?, _ name: String) -> String? {
        explicit ?? data.map { URL(fileURLWithPath: $0).appendingPathComponent(name).path }
    }

    /// Every data file the options name (for output-path checks).
    var paths: [String?] {
        [
            path(atop, "atop5_1dy.csv"), path(nmc, "NMC-60-abridged.csv"), path(states, "states2016.csv"),
            path(contiguity, "contdir.csv"), path(rivalries, "td_rivalries.csv"), path(majors, "majors2016.csv"),
        ]
    }

    /// The files read once for `years`; throws an input error when they do not cover them.
    func history(years: ClosedRange<Int>, quiet: Bool) throws -> AllianceHistory {
        var options = AllianceImportOptions(source: .atop, year: years.lowerBound)
        options.states = path(states, "states2016.csv")
        options.capabilities = path(nmc, "NMC-60-abridged.csv")
        options.contiguity = path(contiguity, "contdir.csv")
        options.rivalries = path(rivalries, "td_rivalries.csv")
        options.majors = path(majors, "majors2016.csv")
        let reading = ProgressReporter("Reading ATOP and COW data", quiet: quiet)
        return try AllianceHistory(
            allianceFile: path(atop, "atop5_1dy.csv") ?? "", options: options, wanted: years, progress: reading)
    }
}
