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
        func checkYear(_ range: ClosedRange<Int>?, _ file: String, _ what: String) throws(InputError) {
            guard let range else { throw InputError(file: file, "has no data rows") }
            if !range.contains(year) {
                throw InputError(
                    file: file, "\(what) covers \(range.lowerBound)-\(range.upperBound); \(year) is outside it")
            }
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
        try checkYear(
            data.dyads.years, allianceFile, options.source == .atop ? "the ATOP file" : "the COW alliance file")
        if let path = options.states {
            let read = try COWDataSources.members(path: path, year: year)
            try checkYear(read.years, path, "the state list")
            data.members = read.members
        }
        if let path = options.capabilities {
            let read: (cinc: [Int: Double?], codes: [Int: String], years: ClosedRange<Int>?)
            if let cache {
                read = try cache.nmcRows(path: path, progress: progress).year(year)
            } else {
                read = try COWDataSources.capabilities(path: path, year: year, progress: progress)
            }
            try checkYear(read.years, path, "the NMC file")
            data.cinc = read.cinc
            data.nmcCodes = read.codes
        }
        progress.finish()
        data.majors =
            try options.majors.map { (p: String) throws(InputError) in try COWDataSources.majors(path: p, year: year) }
            ?? []
        if let path = options.contiguity { data.contiguity = try COWDataSources.contiguity(path: path, year: year) }
        if let path = options.rivalries { data.rivalries = try COWDataSources.rivalries(path: path, year: year) }
        return try assemble(data, options: options)
    }

    /// The scenario of `options.year` from the data of that year, already read and checked.
    static func assemble(_ data: AllianceYearData, options: AllianceImportOptions) throws(InputError) -> ImportResult {
        let year = options.year
        let allianceFile = data.allianceFile
        let dyads = data.dyads, members = data.members, cinc = data.cinc, nmcCodes = data.nmcCodes
        let majors = data.majors
        var warnings: [String] = []
        if dyads.duplicateDyadYears > 0 {
            warnings.append(
                "\(dyads.duplicateDyadYears) dyad-year row(s) of \(year) repeat a dyad (several treaties or duplicates); their obligations were merged"
            )
        }
        if dyads.missingCells > 0 {
            warnings.append(
                "\(dyads.missingCells) obligation cell(s) of \(year) are missing (-9 or empty) and were read as absent")
        }
        if dyads.selfDyads > 0 {
            warnings.append("\(dyads.selfDyads) row(s) of \(year) join a state to itself and were skipped")
        }

        // The universe of states.
        var universe = Set(members.map { Array($0.keys) } ?? cinc.map { Array($0.keys) } ?? [])
        let allied = Set(dyads.obligations.keys.flatMap { [$0.pair.low, $0.pair.high] })
        universe.formUnion(allied)

        func cowCode(_ ccode: Int) -> String {
            members?[ccode]?.code ?? nmcCodes[ccode] ?? CountryCodes.cowCode(ccode) ?? "C\(ccode)"
        }
        let germanyMerged = options.mergeGermany && options.codes == .cow
        func canonical(_ ccode: Int) -> Int { germanyMerged && ccode == 260 ? 255 : ccode }

        // Filters (by numeric code range and by --only).
        if !options.regions.isEmpty {
            universe = universe.filter { c in options.regions.contains { $0.ccodes.contains(c) } }
        }
        if !options.only.isEmpty {
            var keep = Set<Int>()
            for entry in options.only {
                let matches: [Int]
                if let number = Int(entry) {
                    matches = universe.filter { $0 == number }
                } else if options.codes == .iso3 {
                    matches = universe.filter { CountryCodes.iso3($0) == entry.uppercased() }
                } else {
                    matches = universe.filter {
                        cowCode(canonical($0)) == entry.uppercased() || cowCode($0) == entry.uppercased()
                    }
                }
                if matches.isEmpty {
                    let candidates = universe.sorted().map {
                        options.codes == .iso3 ? (CountryCodes.iso3($0) ?? "") : cowCode($0)
                    }
                    let hint = NameSuggestion.hint(for: entry, among: candidates)
                    throw InputError(
                        location: "only",
                        "\"\(entry.prefix(20))\" is not a state in the data for \(year)\(hint) (codes are \(options.codes.rawValue))"
                    )
                }
                keep.formUnion(matches)
            }
            universe = universe.intersection(keep)
        }
        if universe.isEmpty {
            throw InputError(
                file: allianceFile, "no state is left for \(year) after filtering; widen the state filter (only, region)")
        }
        if let members {
            let missing = allied.intersection(universe).subtracting(members.keys).sorted()
            if !missing.isEmpty {
                let list = missing.map { "\($0)" + (CountryCodes.cowCode($0).map { " (\($0))" } ?? "") }
                warnings.append(
                    "\(missing.count) state(s) with alliances in \(year) are not in the state list for \(year) and were kept: \(list.joined(separator: ", "))"
                )
            }
        }

        // Output codes, merging states that share one.
        var codeOf: [Int: String] = [:]
        var unmapped: [Int] = []
        for ccode in universe.sorted() {
            switch options.codes {
            case .cow: codeOf[ccode] = cowCode(canonical(ccode))
            case .iso3:
                if let iso = CountryCodes.iso3(ccode) { codeOf[ccode] = iso } else { unmapped.append(ccode) }
            }
        }
        if !unmapped.isEmpty {
            let list = unmapped.map { "\($0) (\(cowCode($0)))" }.joined(separator: ", ")
            throw InputError(
                location: "codes",
                "no ISO3 code for COW state(s) \(list) in \(year); use COW codes, or exclude them with the state filter (only, region)"
            )
        }
        var order: [String] = []
        var groups: [String: [Int]] = [:]
        for ccode in universe.sorted() {
            let code = codeOf[ccode]!
            if groups[code] == nil { order.append(code) }
            groups[code, default: []].append(ccode)
        }
        for code in order where groups[code]!.count > 1 {
            warnings.append(
                "COW codes \(groups[code]!.map(String.init).joined(separator: " and ")) both map to \(code) in \(year); merged into one state"
            )
        }

        // States.
        var minimumPositive: Double?
        if let cinc {
            minimumPositive = universe.compactMap { cinc[$0] ?? nil }.filter { $0 > 0 }.min()
        }
        var imputed: [String] = []
        var states: [State] = []
        for code in order {
            let ccodes = groups[code]!
            let first = ccodes[0]
            let name = members?[first]?.name ?? (options.codes == .cow ? cowCode(first) : code)
            var capability = 1 / Double(order.count)
            if let cinc {
                let values = ccodes.compactMap { cinc[$0] ?? nil }
                let total = values.reduce(0, +)
                if values.isEmpty || total <= 0 {
                    capability = minimumPositive ?? 1e-6
                    imputed.append(code)
                } else {
                    capability = total
                }
            }
            let ccode = options.codes == .cow || ccodes.count == 1 ? canonical(first) : first
            states.append(
                State(
                    code: code, ccode: ccode, name: name, capability: capability,
                    major: ccodes.contains { majors.contains($0) }))
        }
        if !imputed.isEmpty {
            warnings.append(
                "\(imputed.count) state(s) have no positive CINC score for \(year); given the year's smallest positive score (\(NumberFormat.json(minimumPositive ?? 1e-6))): \(imputed.joined(separator: ", "))"
            )
        }
        var index: [String: StateID] = [:]
        for (k, code) in order.enumerated() { index[code] = StateID(k) }
        func ids(_ pair: CcodePair) -> (StateID, StateID)? {
            guard let a = codeOf[pair.low], let b = codeOf[pair.high], a != b, let x = index[a], let y = index[b] else {
                return nil
            }
            return x < y ? (x, y) : (y, x)
        }

        // Commitments: one symmetric commitment per obligation type per dyad.
        struct TieKey: Hashable, Comparable {
            var a: StateID, b: StateID, kind: CommitmentKind
            static func < (l: TieKey, r: TieKey) -> Bool { (l.a, l.b, l.kind) < (r.a, r.b, r.kind) }
        }
        var ties: [TieKey: Int?] = [:]
        for (key, since) in dyads.obligations {
            guard let (a, b) = ids(key.pair) else { continue }
            let tie = TieKey(a: a, b: b, kind: key.kind)
            if let existing = ties[tie] {
                ties[tie] = [existing, since].compactMap { $0 }.min()
            } else {
                ties[tie] = since
            }
        }
        let commitments = ties.keys.sorted().map { key in
            Commitment.symmetric(key.kind, key.a, key.b, since: ties[key]!)
        }

        var contiguity: [Contiguity] = []
        if let found = data.contiguity {
            var best: [StatePair: Int] = [:]
            for (pair, type) in found {
                guard let (a, b) = ids(pair) else { continue }
                best[StatePair(a, b)] = min(best[StatePair(a, b)] ?? 5, type)
            }
            contiguity = best.keys.sorted { ($0.low, $0.high) < ($1.low, $1.high) }.map {
                Contiguity($0.low, $0.high, type: best[$0]!)
            }
        }

        var rivalries: [Rivalry] = []
        if let found = data.rivalries {
            var position: [StatePair: Int] = [:]
            for spell in found {
                guard let (a, b) = ids(spell.pair) else { continue }
                let pair = StatePair(a, b)
                if let k = position[pair] {
                    let r = rivalries[k]
                    rivalries[k].since = r.since.flatMap { s in spell.since.map { min(s, $0) } }
                    rivalries[k].until = r.until.flatMap { u in spell.until.map { max(u, $0) } }
                    rivalries[k].note = [r.note, spell.name].compactMap { $0 }.joined(separator: "; ")
                } else {
                    position[pair] = rivalries.count
                    rivalries.append(Rivalry(a, b, since: spell.since, until: spell.until, note: spell.name))
                }
            }
            rivalries.sort { ($0.pair.low, $0.pair.high) < ($1.pair.low, $1.pair.high) }
        }

        let network: AllianceNetwork
        let scenario: Scenario
        do {
            network = try AllianceNetwork(
                states: states, commitments: commitments, rivalries: rivalries, contiguity: contiguity)
            let label = options.source == .atop ? "ATOP 5.1" : "COW Formal Alliances v4.1"
            var description =
                "Alliance obligations in force in \(year) (\(label)), one symmetric commitment per obligation type per dyad."
            description +=
                cinc == nil ? " No capability file: every state has capability 1/n." : " Capability: COW CINC."
            if !options.regions.isEmpty {
                description += " Regions: \(options.regions.map(\.rawValue).joined(separator: ", "))."
            }
            if !options.only.isEmpty { description += " Only: \(options.only.joined(separator: ", "))." }
            if germanyMerged { description += " German Federal Republic (260) merged into Germany (255)." }
            scenario = try Scenario(
                name: "\(label) alliances, \(year)", year: year, description: description,
                codes: options.codes == .cow ? .cow : .iso3,
                sources: sources(allianceFile: allianceFile, options: options),
                network: network)
        } catch {
            throw InputError(file: allianceFile, "the imported network is invalid: \(error)")
        }
        return ImportResult(scenario: scenario, warnings: warnings)
    }

    static func sources(allianceFile: String, options: AllianceImportOptions) -> [String] {
        func name(_ path: String) -> String { URL(fileURLWithPath: path).lastPathComponent }
        var list: [String] = []
        switch options.source {
        case .atop:
            list.append(
                "Leeds, Ritter, Mitchell & Long (2002), Alliance Treaty Obligations and Provisions, 1815-1944, International Interactions 28:237-260; ATOP v5.1 dyad-year data (\(name(allianceFile)))"
            )
        case .cow:
            list.append(
                "Gibler (2009), International Military Alliances, 1648-2008, CQ Press; COW Formal Alliances v4.1 (\(name(allianceFile)))"
            )
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
