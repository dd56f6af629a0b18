import AllianceGraph

/// Parsed copies of the large side files, kept so that importing many years (the war backtest)
/// parses each file once: the ATOP dyad-year rows and the NMC rows, by path.
final class ImportSourceCache {
    private var atop: [String: ATOPRows] = [:]
    private var nmc: [String: NMCRows] = [:]

    func atopRows(path: String, progress: ProgressReporter) throws(InputError) -> ATOPRows {
        if let rows = atop[path] { return rows }
        let rows = try ATOPRows.read(path: path, progress: progress)
        atop[path] = rows
        return rows
    }

    func nmcRows(path: String, progress: ProgressReporter) throws(InputError) -> NMCRows {
        if let rows = nmc[path] { return rows }
        let rows = try NMCRows.read(path: path, progress: progress)
        nmc[path] = rows
        return rows
    }
}

/// Every row of an ATOP dyad-year file (`atop5_1dy` layout) in compact form: year, members and
/// one bit per obligation column (`AllianceDyads.atopColumns` order), present and missing.
struct ATOPRows {
    var year: [Int32] = []
    var mem1: [Int32] = []
    var mem2: [Int32] = []
    var present: [UInt8] = []
    var missing: [UInt8] = []
    var years: ClosedRange<Int>?

    /// Reads and checks every row (codes, years, 0/1/-9 cells; errors name file and line).
    static func read(path: String, progress: ProgressReporter) throws(InputError) -> ATOPRows {
        let reader = try CSVReader(path: path)
        let layout = "ATOP 5.1 dyad-year (mem1,mem2,year,defense,offense,neutral,nonagg,consul)"
        let m1 = try reader.requireColumn("mem1", layout: layout), m2 = try reader.requireColumn("mem2", layout: layout)
        let yr = try reader.requireColumn("year", layout: layout)
        var columns: [Int] = []
        for (name, _) in AllianceDyads.atopColumns { columns.append(try reader.requireColumn(name, layout: layout)) }
        var rows = ATOPRows()
        var low = Int.max, high = Int.min
        try reader.forEachRow { (f: [String], line: Int) throws(InputError) in
            if rows.year.count % 5000 == 4999 { progress.update(rows.year.count + 1, detail: "ATOP dyad-years") }
            let y = try COWDataSources.requiredYear(f[yr], "year", reader, line)
            low = min(low, y); high = max(high, y)
            let a = try COWDataSources.requiredCcode(f[m1], "mem1", reader, line)
            let b = try COWDataSources.requiredCcode(f[m2], "mem2", reader, line)
            var present: UInt8 = 0, missing: UInt8 = 0
            for (bit, column) in columns.enumerated() {
                switch try COWDataSources.obligation(f[column], reader.header[column], reader, line) {
                case true?: present |= 1 << UInt8(bit)
                case false?: break
                case nil: missing |= 1 << UInt8(bit)
                }
            }
            rows.year.append(Int32(y)); rows.mem1.append(Int32(a)); rows.mem2.append(Int32(b))
            rows.present.append(present); rows.missing.append(missing)
        }
        rows.years = low <= high ? low...high : nil
        return rows
    }

    /// The obligations in force in `year`, each with the first year of its unbroken spell.
    func dyads(year: Int) -> AllianceDyads {
        var result = AllianceDyads()
        result.years = years
        var seenThisYear = Set<CcodePair>()
        var inForce = Set<AllianceDyads.Key>()
        let kinds = AllianceDyads.atopColumns.map(\.1)
        for r in self.year.indices where Int(self.year[r]) == year {
            let a = Int(mem1[r]), b = Int(mem2[r])
            if a == b { result.selfDyads += 1; continue }
            let pair = CcodePair(a, b)
            if !seenThisYear.insert(pair).inserted { result.duplicateDyadYears += 1 }
            result.missingCells += missing[r].nonzeroBitCount
            for (bit, kind) in kinds.enumerated() where present[r] & (1 << UInt8(bit)) != 0 {
                inForce.insert(AllianceDyads.Key(pair: pair, kind: kind))
            }
        }
        // Spell starts: the years before `year` in which each obligation in force was present.
        var yearsByKey: [AllianceDyads.Key: Set<Int>] = [:]
        for r in self.year.indices where Int(self.year[r]) < year && mem1[r] != mem2[r] && present[r] != 0 {
            let pair = CcodePair(Int(mem1[r]), Int(mem2[r]))
            for (bit, kind) in kinds.enumerated() where present[r] & (1 << UInt8(bit)) != 0 {
                let key = AllianceDyads.Key(pair: pair, kind: kind)
                if inForce.contains(key) { yearsByKey[key, default: []].insert(Int(self.year[r])) }
            }
        }
        for key in inForce {
            let set = yearsByKey[key] ?? []
            var since = year
            while set.contains(since - 1) { since -= 1 }
            result.obligations[key] = since
        }
        return result
    }
}

/// Every row of a COW NMC file: year, code, CINC (nil when missing) and letter code.
struct NMCRows {
    var rows: [(year: Int, ccode: Int, cinc: Double?, code: String)] = []
    var years: ClosedRange<Int>?

    static func read(path: String, progress: ProgressReporter) throws(InputError) -> NMCRows {
        let reader = try CSVReader(path: path)
        let layout = "COW NMC (stateabb,ccode,year,...,cinc,version)"
        let abb = try reader.requireColumn("stateabb", layout: layout),
            cc = try reader.requireColumn("ccode", layout: layout)
        let yr = try reader.requireColumn("year", layout: layout), ci = try reader.requireColumn("cinc", layout: layout)
        var result = NMCRows()
        var low = Int.max, high = Int.min
        try reader.forEachRow { (f: [String], line: Int) throws(InputError) in
            if result.rows.count % 2000 == 1999 { progress.update(result.rows.count + 1, detail: "NMC rows") }
            let y = try COWDataSources.requiredYear(f[yr], "year", reader, line)
            low = min(low, y); high = max(high, y)
            let ccode = try COWDataSources.requiredCcode(f[cc], "ccode", reader, line)
            let text = f[ci].trimmingCharacters(in: .whitespaces)
            var value: Double?
            if !(text.isEmpty || text == "NA" || text == "-9") {
                guard let v = Double(text) else {
                    throw InputError(
                        file: reader.file, location: "line \(line)",
                        "cinc \"\(text.prefix(20))\" is not a number (give -9, NA or an empty cell when missing)")
                }
                guard v.isFinite, v >= 0, v <= 1 else {
                    throw InputError(
                        file: reader.file, location: "line \(line)",
                        "cinc \(text.prefix(20)) is out of range; expected a share in [0, 1]")
                }
                value = v
            }
            result.rows.append((y, ccode, value, f[abb]))
        }
        result.years = low <= high ? low...high : nil
        return result
    }

    /// CINC by code in `year` (nil values: missing), the letter codes, and the years covered.
    func year(_ year: Int) -> (cinc: [Int: Double?], codes: [Int: String], years: ClosedRange<Int>?) {
        var cinc: [Int: Double?] = [:], codes: [Int: String] = [:]
        for row in rows where row.year == year {
            cinc[row.ccode] = .some(row.cinc)
            codes[row.ccode] = row.code
        }
        return (cinc, codes, years)
    }
}

#if canImport(Foundation)
    import Foundation
#endif
