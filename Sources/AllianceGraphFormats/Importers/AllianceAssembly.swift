@_spi(Internals) import AllianceGraph

/// The letter code of a COW state in the data being imported: the state list's code, else the
/// NMC file's, else the built-in table's, else `C` and the number.
struct ImportCodeBook {
    var members: [Int: COWDataSources.Member]?
    var nmcCodes: [Int: String]
    /// Whether the German Federal Republic (260) is read as Germany (255).
    var germanyMerged: Bool

    func cowCode(_ ccode: Int) -> String {
        members?[ccode]?.code ?? nmcCodes[ccode] ?? CountryCodes.cowCode(ccode) ?? "C\(ccode)"
    }

    /// The COW number a state is imported under (260 -> 255 when Germany is merged).
    func canonical(_ ccode: Int) -> Int { germanyMerged && ccode == 260 ? 255 : ccode }
}

/// The states of an import: each output code in COW-number order, the COW numbers it merges,
/// and the code of each COW number.
struct ImportStateGroups {
    var order: [String] = []
    var groups: [String: [Int]] = [:]
    var codeOf: [Int: String] = [:]
    var index: [String: StateID] = [:]

    /// The states of a pair of COW numbers, lower id first; nil when either is not imported or
    /// both are one merged state.
    func ids(_ pair: CcodePair) -> (StateID, StateID)? {
        guard let a = codeOf[pair.low], let b = codeOf[pair.high], a != b, let x = index[a], let y = index[b] else {
            return nil
        }
        return x < y ? (x, y) : (y, x)
    }
}

extension AllianceImporter {
    /// The scenario of `options.year` from the data of that year, already read and checked. The
    /// phases: the caveats of the dyad rows, the states kept, their codes (merging those that
    /// share one), the states, then the ties between them, then the scenario.
    static func assemble(_ data: AllianceYearData, options: AllianceImportOptions) throws(InputError) -> ImportResult {
        let book = ImportCodeBook(
            members: data.members, nmcCodes: data.nmcCodes,
            germanyMerged: options.mergeGermany && options.codes == .cow)
        var warnings = data.carried.map { "\($0); carry-forward" }
        warnings += dyadWarnings(data.dyads, year: options.year)
        let universe = try keptStates(data, options: options, book: book, warnings: &warnings)
        var groups = try stateGroups(universe, options: options, book: book, warnings: &warnings)
        let states = importedStates(groups, data, options: options, book: book, warnings: &warnings)
        for (k, code) in groups.order.enumerated() { groups.index[code] = StateID(k) }
        let network: AllianceNetwork
        do {
            network = try AllianceNetwork(
                states: states, commitments: commitments(data.dyads, groups),
                rivalries: data.rivalries.map { rivalries($0, groups) } ?? [],
                contiguity: data.contiguity.map { contiguity($0, groups) } ?? [])
        } catch {
            throw InputError(file: data.allianceFile, "the imported network is invalid: \(error)")
        }
        return ImportResult(scenario: try scenario(network, data, options: options), warnings: warnings)
    }

    /// Warnings about the year's dyad rows: merged duplicates, missing cells, self-dyads.
    static func dyadWarnings(_ dyads: AllianceDyads, year: Int) -> [String] {
        var warnings: [String] = []
        if dyads.duplicateDyadYears > 0 {
            warnings.append(
                "\(dyads.duplicateDyadYears) dyad-year row(s) of \(year) repeat a dyad "
                    + "(several treaties or duplicates); their obligations were merged")
        }
        if dyads.missingCells > 0 {
            warnings.append(
                "\(dyads.missingCells) obligation cell(s) of \(year) are missing (-9 or empty) and were read as absent")
        }
        if dyads.selfDyads > 0 {
            warnings.append("\(dyads.selfDyads) row(s) of \(year) join a state to itself and were skipped")
        }
        return warnings
    }

    /// The COW numbers of the states kept: the members (or NMC states) plus every allied state,
    /// filtered by region and `only`. Throws when a filter names no state or leaves none.
    static func keptStates(
        _ data: AllianceYearData, options: AllianceImportOptions, book: ImportCodeBook, warnings: inout [String]
    ) throws(InputError) -> Set<Int> {
        let year = options.year
        var universe = Set(data.members.map { Array($0.keys) } ?? data.cinc.map { Array($0.keys) } ?? [])
        let allied = Set(data.dyads.obligations.keys.flatMap { [$0.pair.low, $0.pair.high] })
        universe.formUnion(allied)
        if !options.regions.isEmpty {
            universe = universe.filter { c in options.regions.contains { $0.ccodes.contains(c) } }
        }
        if !options.only.isEmpty {
            var keep = Set<Int>()
            for entry in options.only {
                keep.formUnion(try matches(entry, in: universe, options: options, book: book))
            }
            universe = universe.intersection(keep)
        }
        if universe.isEmpty {
            throw InputError(
                file: data.allianceFile,
                "no state is left for \(year) after filtering; widen the state filter (only, region)")
        }
        if let members = data.members {
            let missing = allied.intersection(universe).subtracting(members.keys).sorted()
            if !missing.isEmpty {
                let list = missing.map { "\($0)" + (CountryCodes.cowCode($0).map { " (\($0))" } ?? "") }
                warnings.append(
                    "\(missing.count) state(s) with alliances in \(year) are not in the state list for \(year) "
                        + "and were kept: \(list.joined(separator: ", "))")
            }
        }
        return universe
    }

    /// The COW numbers in `universe` that an `only` entry names (a COW number, or a letter code
    /// in the chosen system); throws with a hint when it names none.
    static func matches(
        _ entry: String, in universe: Set<Int>, options: AllianceImportOptions, book: ImportCodeBook
    ) throws(InputError) -> [Int] {
        let matches: [Int]
        if let number = Int(entry) {
            matches = universe.filter { $0 == number }
        } else if options.codes == .iso3 {
            matches = universe.filter { CountryCodes.iso3($0) == entry.uppercased() }
        } else {
            matches = universe.filter {
                book.cowCode(book.canonical($0)) == entry.uppercased() || book.cowCode($0) == entry.uppercased()
            }
        }
        if matches.isEmpty {
            let candidates = universe.sorted().map {
                options.codes == .iso3 ? (CountryCodes.iso3($0) ?? "") : book.cowCode($0)
            }
            let hint = NameSuggestion.hint(for: entry, among: candidates)
            throw InputError(
                location: "only",
                "\"\(entry.prefix(20))\" is not a state in the data for \(options.year)\(hint) "
                    + "(codes are \(options.codes.rawValue))")
        }
        return matches
    }

    /// The output code of each kept state and the groups of states that share one (merged, with
    /// a warning). Throws when a state has no ISO3 code.
    static func stateGroups(
        _ universe: Set<Int>, options: AllianceImportOptions, book: ImportCodeBook, warnings: inout [String]
    ) throws(InputError) -> ImportStateGroups {
        var result = ImportStateGroups()
        var unmapped: [Int] = []
        for ccode in universe.sorted() {
            switch options.codes {
            case .cow: result.codeOf[ccode] = book.cowCode(book.canonical(ccode))
            case .iso3:
                if let iso = CountryCodes.iso3(ccode) { result.codeOf[ccode] = iso } else { unmapped.append(ccode) }
            }
        }
        if !unmapped.isEmpty {
            let list = unmapped.map { "\($0) (\(book.cowCode($0)))" }.joined(separator: ", ")
            throw InputError(
                location: "codes",
                "no ISO3 code for COW state(s) \(list) in \(options.year); use COW codes, "
                    + "or exclude them with the state filter (only, region)")
        }
        for ccode in universe.sorted() {
            guard let code = result.codeOf[ccode] else { continue }
            if result.groups[code] == nil { result.order.append(code) }
            result.groups[code, default: []].append(ccode)
        }
        for code in result.order {
            let ccodes = result.groups[code] ?? []
            guard ccodes.count > 1 else { continue }
            warnings.append(
                "COW codes \(ccodes.map(String.init).joined(separator: " and ")) both map to \(code) "
                    + "in \(options.year); merged into one state")
        }
        return result
    }

    /// One state per output code: name, capability (CINC summed over the merged states; the
    /// year's smallest positive CINC when missing, with a warning; 1/n without an NMC file),
    /// major-power status.
    static func importedStates(
        _ groups: ImportStateGroups, _ data: AllianceYearData, options: AllianceImportOptions,
        book: ImportCodeBook, warnings: inout [String]
    ) -> [State] {
        let cinc = data.cinc
        var minimumPositive: Double?
        if let cinc {
            let kept = groups.groups.values.joined()
            minimumPositive = kept.compactMap { cinc[$0] ?? nil }.filter { $0 > 0 }.min()
        }
        var imputed: [String] = []
        var states: [State] = []
        for code in groups.order {
            let ccodes = groups.groups[code] ?? []
            guard let first = ccodes.first else { continue }
            let name = data.members?[first]?.name ?? (options.codes == .cow ? book.cowCode(first) : code)
            var capability = 1 / Double(groups.order.count)
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
            let ccode = options.codes == .cow || ccodes.count == 1 ? book.canonical(first) : first
            states.append(
                State(
                    code: code, ccode: ccode, name: name, capability: capability,
                    major: ccodes.contains { data.majors.contains($0) }))
        }
        if !imputed.isEmpty {
            let smallest = NumberFormat.json(minimumPositive ?? 1e-6)
            warnings.append(
                "\(imputed.count) state(s) have no positive CINC score for \(options.year); given the year's "
                    + "smallest positive score (\(smallest)): \(imputed.joined(separator: ", "))")
        }
        return states
    }

    /// One symmetric commitment per obligation type per pair of imported states; `since` is the
    /// earliest start among the merged dyads.
    static func commitments(_ dyads: AllianceDyads, _ groups: ImportStateGroups) -> [Commitment] {
        struct TieKey: Hashable, Comparable {
            var a: StateID, b: StateID, kind: CommitmentKind
            static func < (l: TieKey, r: TieKey) -> Bool { (l.a, l.b, l.kind) < (r.a, r.b, r.kind) }
        }
        var ties: [TieKey: Int?] = [:]
        for (key, since) in dyads.obligations {
            guard let (a, b) = groups.ids(key.pair) else { continue }
            let tie = TieKey(a: a, b: b, kind: key.kind)
            if let existing = ties[tie] {
                ties[tie] = [existing, since].compactMap { $0 }.min()
            } else {
                ties[tie] = since
            }
        }
        return ties.sorted { $0.key < $1.key }.map {
            Commitment.symmetric($0.key.kind, $0.key.a, $0.key.b, since: $0.value)
        }
    }

    /// The closest contiguity type per pair of imported states.
    static func contiguity(_ found: [CcodePair: Int], _ groups: ImportStateGroups) -> [Contiguity] {
        var best: [StatePair: Int] = [:]
        for (pair, type) in found {
            guard let (a, b) = groups.ids(pair) else { continue }
            best[StatePair(a, b)] = min(best[StatePair(a, b)] ?? 5, type)
        }
        return best.sorted { ($0.key.low, $0.key.high) < ($1.key.low, $1.key.high) }.map {
            Contiguity($0.key.low, $0.key.high, type: $0.value)
        }
    }

    /// One rivalry per pair of imported states; spells of one pair are united (earliest start,
    /// latest end, names joined).
    static func rivalries(_ found: [COWDataSources.RivalrySpell], _ groups: ImportStateGroups) -> [Rivalry] {
        var rivalries: [Rivalry] = []
        var position: [StatePair: Int] = [:]
        for spell in found {
            guard let (a, b) = groups.ids(spell.pair) else { continue }
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
        return rivalries
    }

    /// The scenario around the imported network: name, description (what was built, from what,
    /// with which filters and carried-forward files) and sources.
    static func scenario(_ network: AllianceNetwork, _ data: AllianceYearData, options: AllianceImportOptions)
        throws(InputError) -> Scenario
    {
        let year = options.year
        let label = options.source == .atop ? "ATOP 5.1" : "COW Formal Alliances v4.1"
        var description =
            "Alliance obligations in force in \(year) (\(label)), "
            + "one symmetric commitment per obligation type per dyad."
        description +=
            data.cinc == nil ? " No capability file: every state has capability 1/n." : " Capability: COW CINC."
        if !options.regions.isEmpty {
            description += " Regions: \(options.regions.map(\.rawValue).joined(separator: ", "))."
        }
        if !options.only.isEmpty { description += " Only: \(options.only.joined(separator: ", "))." }
        if options.mergeGermany && options.codes == .cow {
            description += " German Federal Republic (260) merged into Germany (255)."
        }
        if !data.carried.isEmpty {
            description += " Carried forward to \(year): \(data.carried.joined(separator: "; "))."
        }
        do {
            return try Scenario(
                name: "\(label) alliances, \(year)", year: year, description: description,
                codes: options.codes == .cow ? .cow : .iso3,
                sources: sources(allianceFile: data.allianceFile, options: options),
                network: network)
        } catch {
            throw InputError(file: data.allianceFile, "the imported network is invalid: \(error)")
        }
    }
}
