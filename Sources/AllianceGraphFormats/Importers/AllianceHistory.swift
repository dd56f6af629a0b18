@_spi(Internals) import AllianceGraph

/// ATOP and the COW side files read once, for building the scenario of many years (the
/// backtest builds two per window: hundreds of years from the same files).
///
/// `scenario(year:)` gives exactly what `AllianceImporter.run` gives for that year with the same
/// options (same states, ties, capabilities, warnings), without reading the files again: the
/// files are parsed once here (every row checked), the ATOP obligations and the NMC scores are
/// kept for the years in `years`, and the spell files (states, majors, contiguity, rivalries)
/// are kept whole. Cost: one pass over each file; then O(ties + states) per year.
/// Only ATOP is supported (`options.source` must be `.atop`).
package struct AllianceHistory: Sendable {
    package let options: AllianceImportOptions
    /// The years for which `scenario(year:)` can build a scenario: the requested years that every
    /// given file covers, the side files (major powers, contiguity, rivalries) included, so that no
    /// year silently loses them (Thompson & Dreyer's rivalries end in 2010).
    package let years: ClosedRange<Int>
    /// Which files set the first and the last of `years` ("the rivalries file (td_rivalries.csv)
    /// ends in 2010"), for messages about years outside them.
    package let limits: String
    private let allianceFile: String
    private let dyads: [Int: AllianceDyads]
    private let members: [COWDataSources.MemberSpell]?
    private let capabilities: [Int: COWDataSources.CapabilityYear]?
    private let majors: [COWDataSources.MajorSpell]
    private let contiguity: [COWDataSources.ContiguitySpell]?
    private let rivalries: [COWDataSources.RivalrySpell]?

    /// Reads `allianceFile` (ATOP dyad-year) and the side files named in `options` (its `year` is
    /// ignored), keeping the years in `wanted`. Throws when a file is malformed or when no year of
    /// `wanted` is covered by every file (the message names the file and its years).
    package init(
        allianceFile: String, options: AllianceImportOptions, wanted: ClosedRange<Int>,
        progress: ProgressReporter = .silent()
    ) throws(InputError) {
        guard options.source == .atop else {
            throw InputError(location: "source", "the alliance history reads ATOP dyad-year files only")
        }
        self.options = options
        self.allianceFile = allianceFile
        var low = wanted.lowerBound, high = wanted.upperBound
        var first = "", last = ""
        func narrow(_ covered: ClosedRange<Int>?, _ file: String, _ what: String) throws(InputError) {
            guard let covered else { throw InputError(file: file, "has no data rows") }
            let name = "\(what) (\(AllianceImporter.fileName(file)))"
            if covered.lowerBound > low { first = "\(name) starts in \(covered.lowerBound)" }
            if covered.upperBound < high { last = "\(name) ends in \(covered.upperBound)" }
            low = max(low, covered.lowerBound)
            high = min(high, covered.upperBound)
            if low > high {
                throw InputError(
                    file: file,
                    "\(what) covers \(covered.lowerBound)-\(covered.upperBound); no year of "
                        + "\(wanted.lowerBound)-\(wanted.upperBound) is covered by it and the other files together"
                )
            }
        }
        let atop = try AllianceDyads.atopYears(path: allianceFile, progress: progress) { wanted.contains($0) }
        try narrow(atop.years, allianceFile, "the ATOP file")
        dyads = atop.byYear
        if let path = options.states {
            let read = try COWDataSources.memberSpells(path: path)
            try narrow(read.years, path, "the state list")
            members = read.spells
        } else {
            members = nil
        }
        if let path = options.capabilities {
            let read = try COWDataSources.capabilityYears(path: path, progress: progress) { wanted.contains($0) }
            try narrow(read.years, path, "the NMC file")
            capabilities = read.byYear
        } else {
            capabilities = nil
        }
        progress.finish()
        if let path = options.majors {
            let read = try COWDataSources.majorSpells(path: path)
            try narrow(read.years, path, "the major powers file")
            majors = read.spells
        } else {
            majors = []
        }
        if let path = options.contiguity {
            let read = try COWDataSources.contiguitySpells(path: path)
            try narrow(read.years, path, "the contiguity file")
            contiguity = read.spells
        } else {
            contiguity = nil
        }
        if let path = options.rivalries {
            let read = try COWDataSources.rivalrySpells(path: path)
            try narrow(read.years, path, "the rivalries file")
            rivalries = read.spells
        } else {
            rivalries = nil
        }
        years = low...high
        limits = [first, last].filter { !$0.isEmpty }.joined(separator: "; ")
    }

    /// The scenario of `year`, as `AllianceImporter.run` would import it with these options.
    package func scenario(year: Int) throws(InputError) -> ImportResult {
        guard years.contains(year) else {
            throw InputError(
                location: "year",
                "\(year) is outside the years the data files cover together (\(years.lowerBound)-\(years.upperBound))")
        }
        var data = AllianceYearData(allianceFile: allianceFile)
        data.dyads = dyads[year] ?? AllianceDyads()
        data.members = members.map { COWDataSources.members($0, year: year) }
        if let capabilities {
            let entry = capabilities[year] ?? COWDataSources.CapabilityYear()
            data.cinc = entry.cinc
            data.nmcCodes = entry.codes
        }
        data.majors = COWDataSources.majors(majors, year: year)
        data.contiguity = contiguity.map { COWDataSources.contiguity($0, year: year) }
        data.rivalries = rivalries.map { COWDataSources.rivalries($0, year: year) }
        var options = options
        options.year = year
        return try AllianceImporter.assemble(data, options: options)
    }

    /// The backtest windows of every horizon k: start years `from`, `from + step`, ... up to
    /// `to - k`, each scored against year Y + k; each start network carries the capability trends
    /// of the `trendYears` before Y (as many of them as the files cover; none for the first year).
    package func windows(
        horizons: [Int], from: Int, to: Int, step: Int = 1, trendYears: Int = 5, roundsPerYear: Int = 1
    ) throws(InputError) -> [BacktestWindow] {
        var networks: [Int: AllianceNetwork] = [:]
        func network(_ year: Int) throws(InputError) -> AllianceNetwork {
            if let known = networks[year] { return known }
            let built = try scenario(year: year).scenario.network
            networks[year] = built
            return built
        }
        var windows: [BacktestWindow] = []
        for k in horizons where k >= 1 {
            for y in stride(from: from, through: to - k, by: max(1, step)) {
                var window = BacktestWindow(startYear: y, horizon: k, start: try network(y), target: try network(y + k))
                let span = min(trendYears, y - years.lowerBound)
                if span > 0 {
                    window.setCapabilityTrends(from: try network(y - span), years: span, roundsPerYear: roundsPerYear)
                }
                windows.append(window)
            }
        }
        return windows
    }
}
