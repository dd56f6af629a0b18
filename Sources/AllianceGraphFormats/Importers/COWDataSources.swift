@_spi(Internals) import AllianceGraph
/// Readers for the Correlates of War side files the importer combines with alliance data, each
/// filtered to one year. Layouts as in the COW releases (docs/FORMATS.md); `-9` means missing.
enum COWDataSources {
    /// One state-system member in a year (COW State System Membership 2016).
    struct Member {
        var ccode: Int
        var code: String
        var name: String
    }

    /// Parses an integer cell; nil for empty, `NA` or -9 (missing).
    static func integer(_ text: String) -> Int? {
        let t = text.trimmingCharacters(in: .whitespaces)
        guard let v = Int(t) ?? Double(t).flatMap({ $0 == $0.rounded() && abs($0) < 1e9 ? Int($0) : nil }) else {
            return nil
        }
        return v == -9 ? nil : v
    }

    static func requiredInteger(_ text: String, _ column: String, _ reader: CSVReader, _ line: Int) throws(InputError)
        -> Int
    {
        guard let v = integer(text) else {
            throw InputError(
                file: reader.file, location: "line \(line)", "\(column) \"\(text.prefix(20))\" is not an integer")
        }
        return v
    }

    /// The years the importers accept, in the files and as `--year`.
    static let years = 1...9999

    /// A COW country code (1-999) from a required cell.
    static func requiredCcode(_ text: String, _ column: String, _ reader: CSVReader, _ line: Int) throws(InputError)
        -> Int
    {
        let v = try requiredInteger(text, column, reader, line)
        guard (1...999).contains(v) else {
            throw InputError(
                file: reader.file, location: "line \(line)", "\(column) \(v) is not a COW country code (1-999)")
        }
        return v
    }

    /// A year (1-9999) from a required cell.
    static func requiredYear(_ text: String, _ column: String, _ reader: CSVReader, _ line: Int) throws(InputError)
        -> Int
    {
        let v = try requiredInteger(text, column, reader, line)
        guard years.contains(v) else {
            throw InputError(file: reader.file, location: "line \(line)", "\(column) \(v) is not a year (1-9999)")
        }
        return v
    }

    /// An obligation cell of an alliance file: true for 1, false for 0, nil for missing (-9,
    /// empty or NA); anything else is an error naming the line and the column.
    static func obligation(_ text: String, _ column: String, _ reader: CSVReader, _ line: Int) throws(InputError)
        -> Bool?
    {
        switch text.trimmingCharacters(in: .whitespaces) {
        case "1": return true
        case "0": return false
        case "-9", "", "NA": return nil
        default:
            throw InputError(
                file: reader.file, location: "line \(line)",
                "\(column) \"\(text.prefix(20))\" is not 1, 0 or -9 (missing)")
        }
    }

    /// One membership spell of the state system (COW State System Membership 2016).
    struct MemberSpell {
        var member: Member
        var since: Int
        var until: Int
    }

    /// Every membership spell of a states2016 file, and the years the file covers.
    static func memberSpells(path: String) throws(InputError) -> (spells: [MemberSpell], years: ClosedRange<Int>?) {
        let reader = try CSVReader(path: path)
        let layout = "COW states2016 (stateabb,ccode,statenme,styear,...,endyear,...)"
        let abb = try reader.requireColumn("stateabb", layout: layout),
            cc = try reader.requireColumn("ccode", layout: layout)
        let name = try reader.requireColumn("statenme", layout: layout)
        let start = try reader.requireColumn("styear", layout: layout),
            end = try reader.requireColumn("endyear", layout: layout)
        var spells: [MemberSpell] = []
        var low = Int.max, high = Int.min
        try reader.forEachRow { (f: [String], line: Int) throws(InputError) in
            let ccode = try requiredCcode(f[cc], "ccode", reader, line)
            let s = try requiredYear(f[start], "styear", reader, line),
                e = try requiredYear(f[end], "endyear", reader, line)
            low = min(low, s); high = max(high, e)
            spells.append(MemberSpell(member: Member(ccode: ccode, code: f[abb], name: f[name]), since: s, until: e))
        }
        return (spells, low <= high ? low...high : nil)
    }

    /// The members in `year` among `spells` (`styear <= year <= endyear`), by ccode; a later row
    /// of the file wins.
    static func members(_ spells: [MemberSpell], year: Int) -> [Int: Member] {
        var result: [Int: Member] = [:]
        for spell in spells where spell.since <= year && year <= spell.until {
            result[spell.member.ccode] = spell.member
        }
        return result
    }

    /// A major-power spell (COW majors2016): ccode, first and last year.
    typealias MajorSpell = (ccode: Int, since: Int, until: Int)

    /// Major-power spells (COW majors2016), and the years the file covers (first start year to
    /// last end year).
    static func majorSpells(path: String) throws(InputError) -> (spells: [MajorSpell], years: ClosedRange<Int>?) {
        let reader = try CSVReader(path: path)
        let layout = "COW majors2016 (stateabb,ccode,styear,...,endyear,...)"
        let cc = try reader.requireColumn("ccode", layout: layout)
        let start = try reader.requireColumn("styear", layout: layout),
            end = try reader.requireColumn("endyear", layout: layout)
        var result: [MajorSpell] = []
        var low = Int.max, high = Int.min
        try reader.forEachRow { (f: [String], line: Int) throws(InputError) in
            let ccode = try requiredCcode(f[cc], "ccode", reader, line)
            let s = try requiredYear(f[start], "styear", reader, line),
                e = try requiredYear(f[end], "endyear", reader, line)
            low = min(low, s); high = max(high, e)
            result.append((ccode, s, e))
        }
        return (result, low <= high ? low...high : nil)
    }

    /// Major-power status in `year` among `spells`, as a set of ccodes.
    static func majors(_ spells: [MajorSpell], year: Int) -> Set<Int> {
        Set(spells.filter { $0.since <= year && year <= $0.until }.map(\.ccode))
    }

    /// CINC scores of one year: ccode -> cinc (nil when -9), and each state's letter code.
    struct CapabilityYear {
        var cinc: [Int: Double?] = [:]
        var codes: [Int: String] = [:]
    }

    /// CINC scores of the years for which `wanted` is true (COW NMC 6.0), by year, plus the years
    /// the file covers. Every row is checked, whatever its year, and a state-year given twice is
    /// refused.
    static func capabilityYears(path: String, progress: ProgressReporter, wanted: (Int) -> Bool)
        throws(InputError) -> (byYear: [Int: CapabilityYear], years: ClosedRange<Int>?)
    {
        let reader = try CSVReader(path: path)
        let layout = "COW NMC (stateabb,ccode,year,...,cinc,version)"
        let abb = try reader.requireColumn("stateabb", layout: layout),
            cc = try reader.requireColumn("ccode", layout: layout)
        let yr = try reader.requireColumn("year", layout: layout), ci = try reader.requireColumn("cinc", layout: layout)
        var byYear: [Int: CapabilityYear] = [:]
        var low = Int.max, high = Int.min, rows = 0
        // First line of each state-year (ccode * 10,000 + year): a second row for the same
        // state-year is ambiguous (which CINC?) and refused rather than letting the last one win.
        var firstLine: [Int: Int] = [:]
        try reader.forEachRow { (f: [String], line: Int) throws(InputError) in
            rows += 1
            if rows % 2000 == 0 { progress.update(rows, detail: "NMC rows") }
            let y = try requiredYear(f[yr], "year", reader, line)
            low = min(low, y); high = max(high, y)
            let ccode = try requiredCcode(f[cc], "ccode", reader, line)
            if let first = firstLine.updateValue(line, forKey: ccode * 10_000 + y) {
                throw InputError(
                    file: reader.file, location: "line \(line)",
                    "a second row for ccode \(ccode) in \(y) (the first is line \(first)); "
                        + "which CINC to use is ambiguous: keep one row per state and year")
            }
            guard wanted(y) else { return }
            let text = f[ci].trimmingCharacters(in: .whitespaces)
            let value: Double?
            if text.isEmpty || text == "NA" || text == "-9" {
                value = nil
            } else if let v = Double(text) {
                guard v.isFinite, v >= 0, v <= 1 else {
                    throw InputError(
                        file: reader.file, location: "line \(line)",
                        "cinc \(text.prefix(20)) is out of range; expected a share in [0, 1]")
                }
                value = v
            } else {
                throw InputError(
                    file: reader.file, location: "line \(line)",
                    "cinc \"\(text.prefix(20))\" is not a number (give -9, NA or an empty cell when missing)")
            }
            byYear[y, default: CapabilityYear()].cinc[ccode] = .some(value)
            byYear[y, default: CapabilityYear()].codes[ccode] = f[abb]
        }
        return (byYear, low <= high ? low...high : nil)
    }

    /// CINC scores in `year` (COW NMC 6.0): ccode -> cinc, nil when -9; plus each state's letter
    /// code and the years the file covers.
    static func capabilities(path: String, year: Int, progress: ProgressReporter)
        throws(InputError) -> (cinc: [Int: Double?], codes: [Int: String], years: ClosedRange<Int>?)
    {
        let read = try capabilityYears(path: path, progress: progress) { $0 == year }
        let entry = read.byYear[year] ?? CapabilityYear()
        return (entry.cinc, entry.codes, read.years)
    }

    /// One contiguity spell (COW Direct Contiguity 3.2): pair, type 1-5, first and last year.
    struct ContiguitySpell {
        var pair: CcodePair
        var type: Int
        var since: Int
        var until: Int
    }

    /// Every contiguity spell of a contdir file (begin/end as YYYYMM, read as years), and the years
    /// the file covers (first begin to last end, over every row). Type 0 rows (spells in which the
    /// pair is not contiguous) are skipped.
    static func contiguitySpells(path: String) throws(InputError) -> (
        spells: [ContiguitySpell], years: ClosedRange<Int>?
    ) {
        let reader = try CSVReader(path: path)
        let layout = "COW contdir 3.2 (statelno,statelab,statehno,statehab,conttype,begin,end)"
        let a = try reader.requireColumn("statelno", layout: layout),
            b = try reader.requireColumn("statehno", layout: layout)
        let type = try reader.requireColumn("conttype", layout: layout)
        let begin = try reader.requireColumn("begin", layout: layout),
            end = try reader.requireColumn("end", layout: layout)
        var result: [ContiguitySpell] = []
        var low = Int.max, high = Int.min
        try reader.forEachRow { (f: [String], line: Int) throws(InputError) in
            let s = try requiredInteger(f[begin], "begin", reader, line) / 100,
                e = try requiredInteger(f[end], "end", reader, line) / 100
            low = min(low, s); high = max(high, e)
            let t = try requiredInteger(f[type], "conttype", reader, line)
            if t == 0 { return }  // a spell in which the pair is not contiguous
            guard (1...5).contains(t) else {
                throw InputError(file: reader.file, location: "line \(line)", "conttype \(t) is not a COW type 1-5")
            }
            let pair = CcodePair(
                try requiredCcode(f[a], "statelno", reader, line), try requiredCcode(f[b], "statehno", reader, line))
            result.append(ContiguitySpell(pair: pair, type: t, since: s, until: e))
        }
        return (result, low <= high ? low...high : nil)
    }

    /// The closest contiguity type per pair in `year` among `spells`.
    static func contiguity(_ spells: [ContiguitySpell], year: Int) -> [CcodePair: Int] {
        var result: [CcodePair: Int] = [:]
        for spell in spells where spell.since <= year && year <= spell.until {
            result[spell.pair] = min(result[spell.pair] ?? 5, spell.type)
        }
        return result
    }

    /// One strategic rivalry active in the year.
    struct RivalrySpell {
        var pair: CcodePair
        var since: Int?
        var until: Int?
        var name: String
    }

    /// Every strategic rivalry of a Thompson & Dreyer file, in file order (an empty end year is an
    /// ongoing rivalry), and the years the file covers (first start year to last year named).
    static func rivalrySpells(path: String) throws(InputError) -> (spells: [RivalrySpell], years: ClosedRange<Int>?) {
        let reader = try CSVReader(path: path)
        let layout = "Thompson-Dreyer (rivalryno,rivalryname,ccode1,ccode2,styear,endyear,...)"
        let name = try reader.requireColumn("rivalryname", layout: layout)
        let a = try reader.requireColumn("ccode1", layout: layout),
            b = try reader.requireColumn("ccode2", layout: layout)
        let start = try reader.requireColumn("styear", layout: layout),
            end = try reader.requireColumn("endyear", layout: layout)
        var result: [RivalrySpell] = []
        var low = Int.max, high = Int.min
        try reader.forEachRow { (f: [String], line: Int) throws(InputError) in
            let spell = RivalrySpell(
                pair: CcodePair(
                    try requiredCcode(f[a], "ccode1", reader, line), try requiredCcode(f[b], "ccode2", reader, line)),
                since: integer(f[start]), until: integer(f[end]), name: f[name])
            for year in [spell.since, spell.until].compactMap({ $0 }) { low = min(low, year); high = max(high, year) }
            result.append(spell)
        }
        return (result, low <= high ? low...high : nil)
    }

    /// The rivalries of `spells` active in `year` (styear <= year <= endyear), in file order.
    static func rivalries(_ spells: [RivalrySpell], year: Int) -> [RivalrySpell] {
        spells.filter { spell in
            if let s = spell.since, year < s { return false }
            if let e = spell.until, year > e { return false }
            return true
        }
    }

}

/// An unordered pair of COW codes, lower first.
struct CcodePair: Hashable, Comparable {
    let low: Int, high: Int
    init(_ a: Int, _ b: Int) { low = min(a, b); high = max(a, b) }
    static func < (l: CcodePair, r: CcodePair) -> Bool { (l.low, l.high) < (r.low, r.high) }
}

#if canImport(Foundation)
    import Foundation
#endif
