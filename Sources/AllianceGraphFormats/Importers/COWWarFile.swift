import AllianceGraph

/// One war of the COW Inter-State War data, as the backtest reads it.
package struct COWWar: Hashable, Sendable {
    /// COW `warnum`.
    package var number: Int
    /// The first year any dyad of the war is listed.
    package var firstYear: Int
    /// Every participant (COW numeric code) and its COW side: 1 (side A) or 2 (side B); a state
    /// that changed sides has the side of its first year in the war.
    package var sides: [Int: Int]
    /// Participants flagged `initiator1 = 1` on some row.
    package var initiators: Set<Int>
    /// For each participant, its opponents in the war's first year (from the first-year dyads).
    package var firstYearOpponents: [Int: Set<Int>]
    /// The line of the war's first row in the file (for messages).
    package var line: Int
    /// COW `outcome1` codes of the initiators' rows (1 winner, 2 loser, 3 compromise,
    /// 4 transformed, 5 ongoing, 6 stalemate, 7 continuing, 8 changed sides; -9 missing); empty
    /// when the file has no `outcome1` column.
    package var initiatorOutcomes: Set<Int> = []

    /// Whether the initiators won (true) or lost (false): every initiator row says winner, or
    /// every one says loser; nil for other endings and mixed outcomes.
    package var initiatorsWon: Bool? {
        initiatorOutcomes == [1] ? true : initiatorOutcomes == [2] ? false : nil
    }
}

/// Reader for the COW Inter-State War data in directed dyad-year layout
/// (`cow_war_inter_dyadyear.csv`: `warnum,ccode1,ccode2,year,...,sidea1,sidea2,initiator1,...`;
/// Sarkees & Wayman 2010, COW Inter-State War Data v4.0). Columns other than `warnum`, `ccode1`,
/// `ccode2`, `year`, `sidea1` and `initiator1` are ignored; a row lists a state (`ccode1`), an
/// opponent (`ccode2`), a year of their fighting, the state's side (`sidea1`: 1 side A, 2 side B)
/// and whether it initiated the war (`initiator1`: 1 or 0). `outcome1`, when present, gives the
/// war's outcome for the state (read for the initiators: `initiatorsWon`).
package enum COWWarFile {
    static let layout = "COW inter-state war dyad-year (warnum,ccode1,ccode2,year,sidea1,initiator1,...)"

    /// The wars of the file, by war number. Errors name the file and line: missing columns, a
    /// cell that is not a code, year, side (1 or 2) or flag (0 or 1), a state paired with itself,
    /// a state on both sides of one war in one year, a file without rows.
    package static func read(path: String) throws(InputError) -> [COWWar] {
        let reader = try CSVReader(path: path)
        let war = try reader.requireColumn("warnum", layout: layout)
        let c1 = try reader.requireColumn("ccode1", layout: layout),
            c2 = try reader.requireColumn("ccode2", layout: layout)
        let yr = try reader.requireColumn("year", layout: layout)
        let side = try reader.requireColumn("sidea1", layout: layout)
        let initiator = try reader.requireColumn("initiator1", layout: layout)
        let outcome = reader.column("outcome1")
        var wars: [Int: COWWar] = [:]
        var rowsByWar: [Int: [(a: Int, b: Int, year: Int)]] = [:]
        struct SideKey: Hashable { var war: Int, state: Int }
        var sideYear: [SideKey: (side: Int, year: Int)] = [:]
        try reader.forEachRow { (f: [String], line: Int) throws(InputError) in
            let number = try COWDataSources.requiredInteger(f[war], "warnum", reader, line)
            let a = try COWDataSources.requiredCcode(f[c1], "ccode1", reader, line)
            let b = try COWDataSources.requiredCcode(f[c2], "ccode2", reader, line)
            let y = try COWDataSources.requiredYear(f[yr], "year", reader, line)
            guard a != b else {
                throw InputError(file: reader.file, location: "line \(line)", "ccode1 and ccode2 are both \(a)")
            }
            let s = try COWDataSources.requiredInteger(f[side], "sidea1", reader, line)
            guard s == 1 || s == 2 else {
                throw InputError(file: reader.file, location: "line \(line)", "sidea1 \(s) is not 1 or 2")
            }
            let flag = try COWDataSources.requiredInteger(f[initiator], "initiator1", reader, line)
            guard flag == 0 || flag == 1 else {
                throw InputError(file: reader.file, location: "line \(line)", "initiator1 \(flag) is not 0 or 1")
            }
            var entry =
                wars[number]
                ?? COWWar(number: number, firstYear: y, sides: [:], initiators: [], firstYearOpponents: [:], line: line)
            // A state that changed sides (e.g. Germany in war 108) keeps the side of its first year.
            if let known = sideYear[SideKey(war: number, state: a)], known.year <= y {
                if known.year == y && known.side != s {
                    throw InputError(
                        file: reader.file, location: "line \(line)",
                        "state \(a) is on side \(s) of war \(number) in \(y) here and on side \(known.side) "
                            + "on another row"
                    )
                }
            } else {
                sideYear[SideKey(war: number, state: a)] = (s, y)
                entry.sides[a] = s
            }
            if flag == 1 { entry.initiators.insert(a) }
            if flag == 1, let outcome {
                // -9 (missing) is kept as a code: such a war is neither won nor lost.
                guard let code = Int(f[outcome].trimmingCharacters(in: .whitespaces)) else {
                    throw InputError(
                        file: reader.file, location: "line \(line)",
                        "outcome1 \"\(f[outcome].prefix(20))\" is not an integer (COW outcome code or -9)")
                }
                entry.initiatorOutcomes.insert(code)
            }
            entry.firstYear = min(entry.firstYear, y)
            wars[number] = entry
            rowsByWar[number, default: []].append((a, b, y))
        }
        guard !wars.isEmpty else { throw InputError(file: reader.file, "has no data rows; expected \(layout)") }
        for (number, rows) in rowsByWar {
            guard var entry = wars[number] else { continue }
            for row in rows where row.year == entry.firstYear {
                entry.firstYearOpponents[row.a, default: []].insert(row.b)
                entry.firstYearOpponents[row.b, default: []].insert(row.a)
            }
            wars[number] = entry
        }
        return wars.values.sorted { $0.number < $1.number }
    }
}

/// An opening attack given by the user: `war,attacker,target` (codes as COW letter codes or
/// numeric COW codes), with its line for messages.
package struct WarOpening: Hashable, Sendable {
    package var war: Int
    package var attacker: String
    package var target: String
    package var line: Int
}

/// Reader for `--openings FILE`: CSV with columns `war,attacker,target`.
package enum WarOpeningsFile {
    package static func read(path: String) throws(InputError) -> [Int: WarOpening] {
        let reader = try CSVReader(path: path)
        let layout = "openings (war,attacker,target)"
        let war = try reader.requireColumn("war", layout: layout)
        let attacker = try reader.requireColumn("attacker", layout: layout)
        let target = try reader.requireColumn("target", layout: layout)
        var result: [Int: WarOpening] = [:]
        try reader.forEachRow { (f: [String], line: Int) throws(InputError) in
            let number = try COWDataSources.requiredInteger(f[war], "war", reader, line)
            let a = f[attacker].trimmingCharacters(in: .whitespaces).uppercased()
            let b = f[target].trimmingCharacters(in: .whitespaces).uppercased()
            for (name, value) in [("attacker", a), ("target", b)] where value.isEmpty {
                throw InputError(file: reader.file, location: "line \(line)", "\(name) is empty")
            }
            if a == b {
                throw InputError(file: reader.file, location: "line \(line)", "attacker and target are both \(a)")
            }
            if let earlier = result[number] {
                throw InputError(
                    file: reader.file, location: "line \(line)",
                    "war \(number) is already given on line \(earlier.line)")
            }
            result[number] = WarOpening(war: number, attacker: a, target: b, line: line)
        }
        return result
    }
}

#if canImport(Foundation)
    import Foundation
#endif
