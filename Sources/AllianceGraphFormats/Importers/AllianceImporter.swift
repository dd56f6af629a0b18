@_spi(Internals) import AllianceGraph
#if canImport(Foundation)
    import Foundation
#endif

/// What `AllianceImporter` reads and how it filters (the options of `alliancectl import`).
public struct AllianceImportOptions: Sendable {
    /// The alliance data set.
    public enum Source: String, CaseIterable, Sendable {
        /// ATOP 5.1 dyad-year file (Leeds et al. 2002).
        case atop
        /// COW Formal Alliances v4.1 dyad-yearly file (Gibler 2009), supplied by the user.
        case cow
    }

    /// The code system of the scenario's state codes.
    public enum Codes: String, CaseIterable, Sendable {
        /// COW letter codes (`GMY`, `UKG`).
        case cow
        /// ISO 3166-1 alpha-3 (`DEU`, `GBR`), through `CountryCodes.table`.
        case iso3
    }

    /// COW regions by numeric code range.
    public enum Region: String, CaseIterable, Sendable {
        case americas, europe, africa, middleEast = "middle-east", asia, oceania

        /// The COW code range: Americas 2-199, Europe 200-399, Africa 400-626, Middle East
        /// 630-699, Asia 700-899, Oceania 900-999.
        public var ccodes: ClosedRange<Int> {
            switch self {
            case .americas: return 1...199
            case .europe: return 200...399
            case .africa: return 400...626
            case .middleEast: return 630...699
            case .asia: return 700...899
            case .oceania: return 900...999
            }
        }
    }

    public var source: Source
    public var year: Int
    /// COW State System Membership file (`states2016.csv`).
    public var states: String?
    /// COW NMC file (capabilities, CINC).
    public var capabilities: String?
    /// COW Direct Contiguity file (`contdir.csv`).
    public var contiguity: String?
    /// Thompson & Dreyer strategic rivalries.
    public var rivalries: String?
    /// COW major powers file (`majors2016.csv`).
    public var majors: String?
    /// Keep only these states: letter codes in the chosen system, or COW numeric codes.
    public var only: [String] = []
    /// Keep only states in these regions (empty: all).
    public var regions: [Region] = []
    public var codes: Codes = .cow
    /// Treat the German Federal Republic (260, 1955-1990) as Germany (255).
    public var mergeGermany = false
    /// For a year after a side file's last year (state list, NMC, major powers, contiguity,
    /// rivalries), use that last year's data, with a warning and a note in the scenario's
    /// description, instead of failing. The alliance file is never carried forward.
    public var carryForward = false

    public init(source: Source, year: Int) {
        self.source = source
        self.year = year
    }
}

/// The data of one year from every file, read and checked: the input of
/// `AllianceImporter.assemble`.
struct AllianceYearData {
    var allianceFile: String
    var dyads = AllianceDyads()
    var members: [Int: COWDataSources.Member]?
    var cinc: [Int: Double?]?
    var nmcCodes: [Int: String] = [:]
    var majors: Set<Int> = []
    var contiguity: [CcodePair: Int]?
    var rivalries: [COWDataSources.RivalrySpell]?
    /// One note per side file whose last year stood in for the requested year (carry-forward).
    var carried: [String] = []
}

/// A scenario built from data files, with the caveats met on the way.
public struct ImportResult: Sendable {
    public var scenario: Scenario
    /// Notes for people (duplicates merged, codes missing from the state list, imputed values).
    public var warnings: [String]
}

/// Builds a scenario for one year from ATOP or COW alliance data plus COW side files
/// (docs/FORMATS.md, "Importers").
///
/// States: the members of the state system that year (from `states`, else from the NMC file)
/// plus every state named by an alliance in force; a state missing from the state list is kept,
/// with a warning. Each obligation type in force for a dyad becomes one symmetric commitment
/// (credibility 1, `since` = first year of its unbroken spell in ATOP, the dyad's start year in
/// COW). Capability is the CINC score (missing or zero CINC: the year's smallest positive score,
/// with a warning); without an NMC file every state gets 1/n. Codes are mapped through the COW
/// numeric code; states that map to one code (Germany 255 and 260 in ISO3, or with
/// `mergeGermany`) are merged, their capabilities added and their ties united.
public enum AllianceImporter {
    /// Imports the alliance file at `allianceFile` (ATOP dyad-year or COW dyad CSV) with the
    /// side files and settings in `options`: the scenario of `options.year` and its warnings.
    public static func run(allianceFile: String, options: AllianceImportOptions) throws(InputError) -> ImportResult {
        try run(allianceFile: allianceFile, options: options, progress: .silent())
    }

    /// As `run(allianceFile:options:)`, reporting each file's progress to `progress`.
    package static func run(
        allianceFile: String, options: AllianceImportOptions, progress: ProgressReporter
    ) throws(InputError) -> ImportResult {
        try run(allianceFile: allianceFile, options: options, progress: progress, cache: nil)
    }

    /// As `run(allianceFile:options:progress:)`; with a cache, the ATOP and NMC files are parsed
    /// once for all the years imported through it.
    static func run(
        allianceFile: String, options: AllianceImportOptions,
        progress: ProgressReporter = .silent(), cache: ImportSourceCache?
    ) throws(InputError) -> ImportResult {
        let year = options.year
        guard COWDataSources.years.contains(year) else {
            throw InputError(location: "year", "\(year) is not a year (1-9999)")
        }
        var data = AllianceYearData(allianceFile: allianceFile)
        switch options.source {
        case .atop:
            if let cache {
                data.dyads = try cache.atopRows(path: allianceFile, progress: progress).dyads(year: year)
            } else {
                data.dyads = try AllianceDyads.atop(path: allianceFile, year: year, progress: progress)
            }
        case .cow: data.dyads = try AllianceDyads.cow(path: allianceFile, year: year, progress: progress)
        }
        let what = options.source == .atop ? "the ATOP file" : "the COW alliance file"
        try checkYear(data.dyads.years, allianceFile, what, options: options)
        try readStatesAndCapabilities(into: &data, options: options, progress: progress, cache: cache)
        progress.finish()
        try readSpellFiles(into: &data, options: options)
        return try assemble(data, options: options)
    }

    /// Throws unless the file that covers `range` covers `options.year` (the alliance file: its
    /// data are never carried forward).
    static func checkYear(_ range: ClosedRange<Int>?, _ file: String, _ what: String, options: AllianceImportOptions)
        throws(InputError)
    {
        guard let range else { throw InputError(file: file, "has no data rows") }
        if !range.contains(options.year) {
            throw InputError(
                file: file, "\(what) covers \(range.lowerBound)-\(range.upperBound); \(options.year) is outside it")
        }
    }

    /// The year whose data to take from a side file that covers `range`: `options.year` when the
    /// file covers it; with `carryForward` and a year after the file's last, that last year (with
    /// a note appended to `carried`). Otherwise an error naming the file and its years.
    static func yearToRead(
        _ range: ClosedRange<Int>?, _ file: String, _ what: String, options: AllianceImportOptions,
        carried: inout [String]
    ) throws(InputError) -> Int {
        let year = options.year
        guard let range, year > range.upperBound else {
            try checkYear(range, file, what, options: options)
            return year
        }
        guard options.carryForward else {
            throw InputError(
                file: file,
                "\(what) covers \(range.lowerBound)-\(range.upperBound); \(year) is outside it "
                    + "(carry-forward uses its last year, \(range.upperBound))")
        }
        carried.append(
            "\(what) (\(fileName(file))) ends in \(range.upperBound); its \(range.upperBound) data are used for \(year)"
                + (what == "the rivalries file" ? " (rivalries running in \(range.upperBound) taken as ongoing)" : ""))
        return range.upperBound
    }

    /// Reads the state list and the NMC file of `options` (when given) into `data`.
    private static func readStatesAndCapabilities(
        into data: inout AllianceYearData, options: AllianceImportOptions, progress: ProgressReporter,
        cache: ImportSourceCache?
    ) throws(InputError) {
        if let path = options.states {
            let read = try COWDataSources.memberSpells(path: path)
            let year = try yearToRead(read.years, path, "the state list", options: options, carried: &data.carried)
            data.members = COWDataSources.members(read.spells, year: year)
        }
        guard let path = options.capabilities else { return }
        typealias Capabilities = (cinc: [Int: Double?], codes: [Int: String], years: ClosedRange<Int>?)
        func read(_ year: Int) throws(InputError) -> Capabilities {
            if let cache { return try cache.nmcRows(path: path, progress: progress).year(year) }
            return try COWDataSources.capabilities(path: path, year: year, progress: progress)
        }
        var found = try read(options.year)
        let year = try yearToRead(found.years, path, "the NMC file", options: options, carried: &data.carried)
        if year != options.year { found = try read(year) }
        data.cinc = found.cinc
        data.nmcCodes = found.codes
    }

    /// Reads the major powers, contiguity and rivalry files of `options` (when given) into `data`.
    private static func readSpellFiles(into data: inout AllianceYearData, options: AllianceImportOptions)
        throws(InputError)
    {
        if let path = options.majors {
            let read = try COWDataSources.majorSpells(path: path)
            let year = try yearToRead(
                read.years, path, "the major powers file", options: options, carried: &data.carried)
            data.majors = COWDataSources.majors(read.spells, year: year)
        }
        if let path = options.contiguity {
            let read = try COWDataSources.contiguitySpells(path: path)
            let year = try yearToRead(read.years, path, "the contiguity file", options: options, carried: &data.carried)
            data.contiguity = COWDataSources.contiguity(read.spells, year: year)
        }
        if let path = options.rivalries {
            let read = try COWDataSources.rivalrySpells(path: path)
            let year = try yearToRead(read.years, path, "the rivalries file", options: options, carried: &data.carried)
            data.rivalries = COWDataSources.rivalries(read.spells, year: year)
            if year != options.year {
                // Carried forward: a rivalry still running in the file's last year is taken as ongoing,
                // or the scenario's own year would filter it out again.
                for k in data.rivalries?.indices ?? 0..<0 where data.rivalries?[k].until == year {
                    data.rivalries?[k].until = nil
                }
            }
        }
    }

    static func fileName(_ path: String) -> String { URL(fileURLWithPath: path).lastPathComponent }

    static func sources(allianceFile: String, options: AllianceImportOptions) -> [String] {
        func name(_ path: String) -> String { URL(fileURLWithPath: path).lastPathComponent }
        var list: [String] = []
        switch options.source {
        case .atop:
            list.append(
                "Leeds, Ritter, Mitchell & Long (2002), Alliance Treaty Obligations and Provisions, 1815-1944, "
                    + "International Interactions 28:237-260; ATOP v5.1 dyad-year data (\(name(allianceFile)))")
        case .cow:
            list.append(
                "Gibler (2009), International Military Alliances, 1648-2008, CQ Press; "
                    + "COW Formal Alliances v4.1 (\(name(allianceFile)))")
        }
        if let p = options.states {
            list.append("Correlates of War Project (2017), State System Membership List v2016 (\(name(p)))")
        }
        if let p = options.capabilities {
            list.append("Singer, Bremer & Stuckey (1972); COW National Material Capabilities v6.0 (\(name(p)))")
        }
        if let p = options.majors { list.append("Correlates of War Project (2017), major powers 2016 (\(name(p)))") }
        if let p = options.contiguity { list.append("Stinnett et al. (2002); COW Direct Contiguity v3.2 (\(name(p)))") }
        if let p = options.rivalries {
            list.append(
                "Thompson & Dreyer (2011), Handbook of International Rivalries, 1494-2010, CQ Press (\(name(p)))")
        }
        return list
    }
}
