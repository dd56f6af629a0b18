@_spi(Internals) import AllianceGraph
@_spi(Internals) import AllianceGraphFormats
import ArgumentParser
import Foundation

extension AlliancePanel.DyadSelection: ExpressibleByArgument {}

/// `alliancectl panel --data DIR --years 1816-2018 -o DIR`: the state-year, dyad-year and
/// system-year tables of the alliance network of every year, for R and pandas.
struct PanelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "panel",
        abstract: "Write state-year, dyad-year and system-year tables of the alliance metrics for a range of years.",
        discussion: """
            Each year is imported from ATOP and the COW side files exactly as `import atop --year Y` \
            does, and its metrics are those of `metrics` on that scenario (same seed). Writes into \
            the --output folder: state_year.csv (ccode, stateabb, year, state metrics), dyad_year.csv \
            (ccode1, ccode2, year, both orders: tie kinds, strength, S, shared blocs, rivalry), \
            system_year.csv (year, system metrics) and panel.json (sources, options, warnings). \
            Keys and names follow peacesciencer, so a left join on ccode and year adds them to a \
            state-year or dyad-year frame. Years run in parallel; the bytes do not depend on \
            --workers. See docs/PANEL.md.
            """
    )

    @OptionGroup var dataFiles: AllianceDataOptions

    @Option(help: ArgumentHelp("Years to build: FIRST-LAST, or one year.", valueName: "range"))
    var years: String

    @Option(
        name: .shortAndLong,
        help: ArgumentHelp("Folder for the tables (created if missing).", valueName: "dir"))
    var output: String

    @Option(help: "Dyad rows: ties (pairs with a commitment or rivalry in force) or all (every ordered pair).")
    var dyads: AlliancePanel.DyadSelection = .ties

    @Option(help: ArgumentHelp("Only these metrics, comma-separated (see `metrics --list`).", valueName: "names"))
    var only: String?

    @Option(help: "Seed for randomised steps (Leiden restarts), as `metrics --seed`.")
    var seed: UInt64 = 0

    @Flag(
        help: """
            For years after a side file's last year, use that last year's data (as `import \
            --carry-forward`), with the notes in panel.json.
            """)
    var carryForward = false

    @Flag(help: "Treat the German Federal Republic (COW 260, 1955-1990) as Germany (255).")
    var mergeGermany = false

    @OptionGroup var kindSelection: KindOptions

    @Option(help: "Worker threads (default: all cores). The results do not depend on it.")
    var workers: Int?

    @Flag(name: .shortAndLong, help: "Print no progress or warnings on standard error.")
    var quiet = false

    /// The output files, in the folder.
    static let fileNames = ["state_year.csv", "dyad_year.csv", "system_year.csv", "panel.json"]

    /// `--years`: "1816-2018" or "1914".
    var yearRange: ClosedRange<Int>? {
        let parts = years.split(separator: "-", omittingEmptySubsequences: false).map {
            Int($0.trimmingCharacters(in: .whitespaces))
        }
        switch parts.count {
        case 1: return parts[0].map { $0...$0 }
        case 2:
            guard let first = parts[0], let last = parts[1], first <= last else { return nil }
            return first...last
        default: return nil
        }
    }

    private var onlyNames: [String]? {
        only.map { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } }
    }

    func validate() throws {
        guard let range = yearRange, range.lowerBound >= 1, range.upperBound <= 9999 else {
            throw ValidationError("--years takes FIRST-LAST (e.g. 1816-2018) or one year; got \"\(years)\".")
        }
        if let workers, workers < 1 { throw ValidationError("--workers must be at least 1.") }
        if output.isEmpty { throw ValidationError("--output needs a folder name (got an empty one).") }
        if let onlyNames {
            for name in onlyNames where MetricCatalogue.definition(named: name) == nil {
                let hint = NameSuggestion.hint(for: name, among: MetricCatalogue.all.map(\.name))
                throw ValidationError("Unknown metric \"\(name)\"\(hint). See `metrics --list`.")
            }
        }
        let folder = URL(fileURLWithPath: output)
        try OutputPathCheck.validate(
            outputs: Self.fileNames.map { folder.appendingPathComponent($0).path }, option: "--output",
            inputs: [
                dataFiles.path(dataFiles.atop, "atop5_1dy.csv"), dataFiles.path(dataFiles.states, "states2016.csv"),
                dataFiles.path(dataFiles.nmc, "NMC-60-abridged.csv"),
            ])
    }

    func run() throws {
        try reportingErrors {
            guard let range = yearRange else { return }
            let options = importOptions(firstYear: range.lowerBound)
            let allianceFile = dataFiles.path(dataFiles.atop, "atop5_1dy.csv") ?? ""
            let reading = ProgressReporter("panel", quiet: quiet)
            let imported = try AlliancePanel.importYears(
                allianceFile: allianceFile, options: options, years: range, progress: reading)
            reading.finish()
            let scenarios = imported.map { result in
                kindSelection.selection == nil ? result.scenario : kindSelection.apply(to: result.scenario)
            }
            // ParallelMap reports progress under its lock, one call at a time.
            let computing = SerialProgress(ProgressReporter("panel: metrics of each year", quiet: quiet))
            let seed = seed, dyads = dyads, only = onlyNames.map(Set.init)
            let rows = try ParallelMap.run(
                count: scenarios.count, workers: workers ?? ProcessorCount.active,
                progress: { done, total in computing.update(done, of: total) }
            ) { k in
                try AlliancePanel.rows(
                    scenarios[k], year: range.lowerBound + k, seed: seed, dyads: dyads, only: only)
            }
            computing.finish()
            let tables = AlliancePanel.tables(rows)
            let warnings = zip(range, imported).flatMap { year, result in result.warnings.map { (year, $0) } }
            try OutputFolder.write(
                [
                    ("state_year.csv", tables.stateYear), ("dyad_year.csv", tables.dyadYear),
                    ("system_year.csv", tables.systemYear),
                    ("panel.json", manifest(range, allianceFile: allianceFile, options: options, warnings: warnings)),
                ], to: output)
            if !quiet { report(range, rows: rows, scenarios: scenarios, warnings: warnings) }
        }
    }

    /// The importer's settings: the data files of `--data` and the flags.
    private func importOptions(firstYear: Int) -> AllianceImportOptions {
        var options = AllianceImportOptions(source: .atop, year: firstYear)
        options.states = dataFiles.path(dataFiles.states, "states2016.csv")
        options.capabilities = dataFiles.path(dataFiles.nmc, "NMC-60-abridged.csv")
        options.contiguity = dataFiles.path(dataFiles.contiguity, "contdir.csv")
        options.rivalries = dataFiles.path(dataFiles.rivalries, "td_rivalries.csv")
        options.majors = dataFiles.path(dataFiles.majors, "majors2016.csv")
        options.mergeGermany = mergeGermany
        options.carryForward = carryForward
        return options
    }

    /// panel.json: what was built from what, for the methods section and for reproduction.
    private func manifest(
        _ range: ClosedRange<Int>, allianceFile: String, options: AllianceImportOptions, warnings: [(Int, String)]
    ) -> String {
        func name(_ path: String?) -> JSONValue {
            path.map { .string(URL(fileURLWithPath: $0).lastPathComponent) } ?? .null
        }
        let members: [JSONMember] = [
            JSONMember(key: "alliancectl", value: .string(AllianceGraphVersion.string)),
            JSONMember(key: "first_year", value: JSONValue.number(Double(range.lowerBound))),
            JSONMember(key: "last_year", value: JSONValue.number(Double(range.upperBound))),
            JSONMember(key: "seed", value: .string(String(seed))),
            JSONMember(key: "dyads", value: .string(dyads.rawValue)),
            JSONMember(key: "only", value: onlyNames.map { .array($0.map(JSONValue.string)) } ?? .null),
            JSONMember(
                key: "kinds",
                value: .array(
                    CommitmentKind.allCases.filter { kindSelection.selection?.contains($0) ?? true }
                        .map { .string($0.rawValue) })),
            JSONMember(key: "carry_forward", value: .bool(carryForward)),
            JSONMember(key: "merge_germany", value: .bool(mergeGermany)),
            JSONMember(
                key: "sources",
                value: .object([
                    JSONMember(key: "atop", value: name(allianceFile)),
                    JSONMember(key: "states", value: name(options.states)),
                    JSONMember(key: "nmc", value: name(options.capabilities)),
                    JSONMember(key: "contiguity", value: name(options.contiguity)),
                    JSONMember(key: "rivalries", value: name(options.rivalries)),
                    JSONMember(key: "majors", value: name(options.majors)),
                ])),
            JSONMember(
                key: "warnings",
                value: .array(
                    warnings.map { year, text in
                        .object([
                            JSONMember(key: "year", value: JSONValue.number(Double(year))),
                            JSONMember(key: "text", value: .string(text)),
                        ])
                    })),
        ]
        return JSONWriter.serialize(.object(members)) + "\n"
    }

    /// The summary on standard error: what was written, and the distinct warnings (at most five).
    private func report(
        _ range: ClosedRange<Int>, rows: [AlliancePanel.YearRows], scenarios: [Scenario], warnings: [(Int, String)]
    ) {
        let stateRows = rows.reduce(0) { $0 + $1.states.count }
        let dyadRows = rows.reduce(0) { $0 + $1.dyads.count }
        Diagnostics.print(
            "Wrote \(output)/{\(Self.fileNames.joined(separator: ","))}: \(range.count) years "
                + "\(range.lowerBound)-\(range.upperBound), \(stateRows) state-years, \(dyadRows) dyad-years, "
                + "\(rows.first?.stateMetrics.count ?? 0) state metrics")
        var seen = Set<String>()
        var distinct: [String] = []
        for (_, text) in warnings where seen.insert(text).inserted { distinct.append(text) }
        for text in distinct.prefix(5) { Diagnostics.print("warning: \(text)") }
        if distinct.count > 5 {
            Diagnostics.print(
                "warning: \(distinct.count - 5) more distinct warnings; all \(warnings.count) in panel.json")
        }
    }
}
