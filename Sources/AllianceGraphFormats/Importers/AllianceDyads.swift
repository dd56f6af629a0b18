@_spi(Internals) import AllianceGraph
/// Alliance obligations in force in one year, read from a dyad-year file: ATOP 5.1
/// (`atop5_1dy` layout) or COW Formal Alliances v4.1 (`alliance_v4.1_by_dyad_yearly` layout).
struct AllianceDyads {
    struct Key: Hashable, Comparable {
        var pair: CcodePair
        var kind: CommitmentKind
        static func < (l: Key, r: Key) -> Bool { (l.pair, l.kind) < (r.pair, r.kind) }
    }

    /// Each obligation in force in the year, with the first year of its unbroken spell (ATOP)
    /// or the dyad's start year (COW); nil when unknown.
    var obligations: [Key: Int?] = [:]
    /// The years the file covers.
    var years: ClosedRange<Int>?
    /// Dyad-years of the requested year that appeared more than once (merged: union of clauses).
    var duplicateDyadYears = 0
    /// Obligation cells of the requested year coded -9 or empty (read as absent).
    var missingCells = 0
    /// Rows of the requested year joining a state to itself (skipped).
    var selfDyads = 0

    /// ATOP's obligation columns and the kinds they become.
    static let atopColumns: [(String, CommitmentKind)] = [
        ("defense", .defense), ("offense", .offense), ("neutral", .neutrality),
        ("nonagg", .nonaggression), ("consul", .consultation),
    ]
    /// COW Formal Alliances' type columns; an entente (consultation pact) becomes `consultation`.
    static let cowColumns: [(String, CommitmentKind)] = [
        ("defense", .defense), ("neutrality", .neutrality),
        ("nonaggression", .nonaggression), ("entente", .consultation),
    ]

    /// Reads the obligations of `year` from an ATOP dyad-year file.
    static func atop(path: String, year: Int, progress: ProgressReporter) throws(InputError) -> AllianceDyads {
        try ATOPRows.read(path: path, progress: progress).dyads(year: year)
    }

    /// Reads an ATOP dyad-year file once and returns the obligations of every year for which
    /// `wanted` is true (each with `years` set to the file's years). A spell's first year is found
    /// over all the file's years, wanted or not. Every row is checked.
    static func atopYears(path: String, progress: ProgressReporter, wanted: (Int) -> Bool) throws(InputError) -> (
        byYear: [Int: AllianceDyads], years: ClosedRange<Int>?
    ) {
        let reader = try CSVReader(path: path)
        let layout = "ATOP 5.1 dyad-year (mem1,mem2,year,defense,offense,neutral,nonagg,consul)"
        let m1 = try reader.requireColumn("mem1", layout: layout), m2 = try reader.requireColumn("mem2", layout: layout)
        let yr = try reader.requireColumn("year", layout: layout)
        var columns: [(Int, CommitmentKind)] = []
        for (name, kind) in atopColumns { columns.append((try reader.requireColumn(name, layout: layout), kind)) }
        var counters: [Int: AllianceDyads] = [:]
        var present: [Int: Set<Key>] = [:]
        var seen: [Int: Set<CcodePair>] = [:]
        var low = Int.max, high = Int.min, rows = 0
        try reader.forEachRow { (f: [String], line: Int) throws(InputError) in
            rows += 1
            if rows % 5000 == 0 { progress.update(rows, detail: "ATOP dyad-years") }
            let y = try COWDataSources.requiredYear(f[yr], "year", reader, line)
            low = min(low, y); high = max(high, y)
            let a = try COWDataSources.requiredCcode(f[m1], "mem1", reader, line)
            let b = try COWDataSources.requiredCcode(f[m2], "mem2", reader, line)
            let isWanted = wanted(y)
            if a == b {
                if isWanted { counters[y, default: AllianceDyads()].selfDyads += 1 }
                return
            }
            let pair = CcodePair(a, b)
            if isWanted, !seen[y, default: []].insert(pair).inserted {
                counters[y, default: AllianceDyads()].duplicateDyadYears += 1
            }
            for (column, kind) in columns {
                switch try COWDataSources.obligation(f[column], reader.header[column], reader, line) {
                case true?: present[y, default: []].insert(Key(pair: pair, kind: kind))
                case false?: continue
                case nil: if isWanted { counters[y, default: AllianceDyads()].missingCells += 1 }
                }
            }
        }
        let years = low <= high ? low...high : nil
        var byYear: [Int: AllianceDyads] = [:]
        guard let years else { return (byYear, nil) }
        // Spell starts, year by year: a key present in y - 1 keeps its start.
        var since: [Key: Int] = [:]
        for y in years {
            let keys = present[y] ?? []
            var next: [Key: Int] = [:]
            next.reserveCapacity(keys.count)
            for key in keys { next[key] = since[key] ?? y }
            since = next
            guard wanted(y) else { continue }
            var result = counters[y] ?? AllianceDyads()
            result.years = years
            for (key, start) in since { result.obligations[key] = start }
            byYear[y] = result
        }
        return (byYear, years)
    }

    /// Reads the obligations of `year` from a COW Formal Alliances v4.1 dyad-yearly file.
    static func cow(path: String, year: Int, progress: ProgressReporter) throws(InputError) -> AllianceDyads {
        let reader = try CSVReader(path: path)
        let layout =
            "COW Formal Alliances v4.1 dyad-yearly (version4id,ccode1,...,ccode2,...,dyad_st_year,...,"
            + "defense,neutrality,nonaggression,entente,year,version)"
        let c1 = try reader.requireColumn("ccode1", layout: layout),
            c2 = try reader.requireColumn("ccode2", layout: layout)
        let yr = try reader.requireColumn("year", layout: layout)
        let start = reader.column("dyad_st_year")
        var columns: [(Int, CommitmentKind)] = []
        for (name, kind) in cowColumns { columns.append((try reader.requireColumn(name, layout: layout), kind)) }
        var result = AllianceDyads()
        var seen = Set<CcodePair>()
        var low = Int.max, high = Int.min, rows = 0
        try reader.forEachRow { (f: [String], line: Int) throws(InputError) in
            rows += 1
            if rows % 5000 == 0 { progress.update(rows, detail: "COW alliance dyad-years") }
            let y = try COWDataSources.requiredYear(f[yr], "year", reader, line)
            low = min(low, y); high = max(high, y)
            guard y == year else { return }
            let a = try COWDataSources.requiredCcode(f[c1], "ccode1", reader, line)
            let b = try COWDataSources.requiredCcode(f[c2], "ccode2", reader, line)
            if a == b { result.selfDyads += 1; return }
            let pair = CcodePair(a, b)
            if !seen.insert(pair).inserted { result.duplicateDyadYears += 1 }
            let since = start.flatMap { COWDataSources.integer(f[$0]) }
            for (column, kind) in columns {
                switch try COWDataSources.obligation(f[column], reader.header[column], reader, line) {
                case true?:
                    let key = Key(pair: pair, kind: kind)
                    if let existing = result.obligations[key] {
                        result.obligations[key] = [existing, since].compactMap { $0 }.min()
                    } else {
                        result.obligations[key] = since
                    }
                case false?: continue
                case nil: result.missingCells += 1
                }
            }
        }
        result.years = low <= high ? low...high : nil
        return result
    }
}
