import AllianceGraph

/// The methods `backtest wars` scores side by side (docs/VALIDATION.md, "Who joins wars").
package enum WarBacktestMethod: String, CaseIterable, Sendable {
    /// The deterministic crisis cascade (docs/CRISIS.md).
    case model
    /// The stochastic cascade over `runs` seeded runs: a state is predicted to join when its
    /// entry probability is at least 0.5, on the side it joins more often.
    case ensemble
    /// No diffusion: nobody beyond the two opening states joins.
    case none
    /// Every state with a `defense` pledge to the target joins the target's side; every other
    /// one with a `defense` pledge to the attacker joins the attacker's side.
    case allies
    /// Every state with a land border (COW contiguity type 1) to the target joins it.
    case contiguity
    /// A constant entry probability for every state, fitted on the wars before 1946
    /// (probability scores only).
    case constant

    /// The methods with a per-war prediction of who joins.
    package static let predicting: [WarBacktestMethod] = [.model, .ensemble, .none, .allies, .contiguity]
}

/// The inputs and settings of a backtest.
package struct WarBacktestOptions: Sendable {
    package var warFile: String
    package var allianceFile: String
    package var states: String?
    package var capabilities: String?
    package var contiguity: String?
    package var rivalries: String?
    /// COW major powers file (great powers' global reach in the proximity of the network).
    package var majors: String?
    /// CSV `war,attacker,target` overriding the derived openings.
    package var openings: String?
    package var runs = 10_000
    package var seed: UInt64 = 1
    package var workers = CrisisEnsemble.defaultWorkers
    package var environment = SecurityEnvironment()
    package var crisis = CrisisOptions()
    /// Wars that start in this year or later are held out (scored, never fitted on).
    package static let holdOutYear = 1946

    package init(warFile: String, allianceFile: String) {
        self.warFile = warFile
        self.allianceFile = allianceFile
    }
}

/// One scored war: the opening, who fought (besides the opening pair) and each method's forecast.
package struct ScoredWar: Sendable {
    package var war: Int
    /// First year of the war; the network is the one in force the year before.
    package var year: Int
    package var attacker: String
    package var target: String
    /// True when the opening came from the derivation rule, false from `--openings`.
    package var derived: Bool
    /// Participants besides the opening pair, COW code -> side (A: the attacker's).
    package var actual: [String: CrisisSide]
    /// Per method: predicted joiners and the score.
    package var predicted: [WarBacktestMethod: [String: CrisisSide]]
    package var scores: [WarBacktestMethod: JoinerScore]
    /// Per method: probability forecasts over the candidates (every state of the network but the
    /// opening pair, and participants missing from the network at p = 0).
    package var probabilities: [WarBacktestMethod: ProbabilityScore]
    /// Candidates and how many of them fought (for the constant baseline).
    package var candidates: Int
    package var joiners: Int
}

/// A war that could not be scored, and why.
package struct SkippedWar: Hashable, Sendable {
    package var war: Int
    package var year: Int
    package var reason: String
}

/// Totals of one method over one period.
package struct WarBacktestTotal: Sendable {
    package enum Period: String, CaseIterable, Sendable {
        case all
        case before1946 = "pre1946"
        case from1946 = "from1946"

        func contains(_ year: Int) -> Bool {
            switch self {
            case .all: return true
            case .before1946: return year < WarBacktestOptions.holdOutYear
            case .from1946: return year >= WarBacktestOptions.holdOutYear
            }
        }
    }

    package var method: WarBacktestMethod
    package var period: Period
    package var wars: Int
    package var score: JoinerScore
    package var probability: ProbabilityScore
}

/// The result of `backtest wars`.
package struct WarBacktestResult: Sendable {
    package var scored: [ScoredWar]
    package var skipped: [SkippedWar]
    /// Share of candidates that joined, over the scored wars before 1946.
    package var constantRate: Double
    package var runs: Int
    package var seed: UInt64
    package var totals: [WarBacktestTotal]
}

/// `alliancectl backtest wars`: for every COW inter-state war, the alliance network in force the
/// year before (ATOP through `AllianceImporter`), the opening attack, and the methods' forecasts
/// of who joins, scored against COW's participants (docs/VALIDATION.md, "Who joins wars").
package enum WarBacktest {
    /// Runs the backtest. Bad input (the war file, openings naming states absent that year,
    /// years outside the alliance or side files) throws an `InputError` naming file and line.
    package static func run(
        _ options: WarBacktestOptions, progress: ((Int, Int) -> Void)? = nil
    ) throws(InputError) -> WarBacktestResult {
        try options.crisis.validate()
        try options.environment.validate()
        if options.runs < 1 || options.runs > 10_000_000 {
            throw InputError(location: "runs", "\(options.runs) is out of range; expected 1...10000000")
        }
        let wars = try COWWarFile.read(path: options.warFile)
        let openings = try options.openings.map { (p: String) throws(InputError) in try WarOpeningsFile.read(path: p) }
        if let openings, let path = options.openings {
            let known = Set(wars.map(\.number))
            for opening in openings.values.sorted(by: { $0.line < $1.line }) where !known.contains(opening.war) {
                throw InputError(
                    file: path, location: "line \(opening.line)", "war \(opening.war) is not in \(options.warFile)")
            }
        }
        let sources = ImportSourceCache()
        var scored: [ScoredWar] = []
        var skipped: [SkippedWar] = []
        for (k, war) in wars.enumerated() {
            progress?(k, wars.count)
            let scenario = try network(for: war, options: options, sources: sources)
            let opening = try choose(war, openings?[war.number], scenario.network, options: options)
            switch opening {
            case .skip(let reason):
                skipped.append(SkippedWar(war: war.number, year: war.firstYear, reason: reason))
            case .play(let a, let b, let derived):
                scored.append(try score(war, scenario.network, a, b, derived: derived, options: options))
            }
        }
        progress?(wars.count, wars.count)
        return finish(scored: scored, skipped: skipped, options: options)
    }

    /// The ATOP network of the year before `war`, with the side files; errors name the war.
    static func network(for war: COWWar, options: WarBacktestOptions, sources: ImportSourceCache)
        throws(InputError) -> Scenario
    {
        var importOptions = AllianceImportOptions(source: .atop, year: war.firstYear - 1)
        importOptions.states = options.states
        importOptions.capabilities = options.capabilities
        importOptions.contiguity = options.contiguity
        importOptions.rivalries = options.rivalries
        importOptions.majors = options.majors
        do {
            return try AllianceImporter.run(allianceFile: options.allianceFile, options: importOptions, cache: sources)
                .scenario
        } catch {
            throw InputError(
                file: options.warFile, location: "line \(war.line)",
                "war \(war.number) starts in \(war.firstYear); the network of \(war.firstYear - 1) cannot be built: "
                    + "\(error)"
            )
        }
    }

    enum Opening {
        case play(StateID, StateID, derived: Bool)
        case skip(String)
    }

    /// The opening attack: the user's, or the derived one (docs/VALIDATION.md): the attacker is
    /// the initiator in the network with the most first-year opponents (then the larger capability,
    /// then the lower COW code); the target is the attacker's first-year opponent in the network
    /// that shares a land border with it when contiguity is given (then the smaller capability,
    /// then the lower COW code).
    static func choose(_ war: COWWar, _ given: WarOpening?, _ network: AllianceNetwork, options: WarBacktestOptions)
        throws(InputError) -> Opening
    {
        var byCcode: [Int: StateID] = [:]
        for (k, state) in network.states.enumerated() { if let c = state.ccode { byCcode[c] = StateID(k) } }
        let year = war.firstYear - 1
        if let given, let path = options.openings {
            func resolve(_ code: String, _ role: String) throws(InputError) -> StateID {
                if let id = Int(code).flatMap({ byCcode[$0] }) ?? network.id(forCode: code) { return id }
                throw InputError(
                    file: path, location: "line \(given.line)",
                    "\(role) \"\(code.prefix(20))\" of war \(war.number) is not a state in the network of \(year) "
                        + "(the year before the war)"
                )
            }
            let a = try resolve(given.attacker, "attacker"), b = try resolve(given.target, "target")
            let sa = network[a].ccode.flatMap { war.sides[$0] }, sb = network[b].ccode.flatMap { war.sides[$0] }
            if sa == nil && sb == nil {
                throw InputError(
                    file: path, location: "line \(given.line)",
                    "neither \(given.attacker) nor \(given.target) fought in war \(war.number)")
            }
            if let sa, let sb, sa == sb {
                throw InputError(
                    file: path, location: "line \(given.line)",
                    "\(given.attacker) and \(given.target) are on the same side of war \(war.number)")
            }
            return .play(a, b, derived: false)
        }
        let capability = { (c: Int) -> Double in byCcode[c].map { network[$0].capability } ?? 0 }
        let opponents = { (c: Int) -> Int in war.firstYearOpponents[c]?.count ?? 0 }
        var initiators = war.initiators.filter { opponents($0) > 0 }
        if initiators.isEmpty { initiators = war.initiators }
        guard !initiators.isEmpty else { return .skip("no participant is flagged as initiator") }
        let present = initiators.filter { byCcode[$0] != nil }
        guard
            let attacker = present.max(by: {
                (opponents($0), capability($0), -$0) < (opponents($1), capability($1), -$1)
            })
        else {
            return .skip("initiator(s) \(codes(initiators)) not in the network of \(year)")
        }
        let land = Set(
            network.contiguity.compactMap { c -> StatePair? in
                if case .cowType(1) = c.kind { return c.pair }
                return nil
            })
        guard let a = byCcode[attacker] else { return .skip("attacker \(attacker) not in the network of \(year)") }
        let targets = (war.firstYearOpponents[attacker] ?? []).compactMap { c in byCcode[c].map { (ccode: c, id: $0) } }
        guard
            let target = targets.min(by: {
                let l0 = land.contains(StatePair(a, $0.id)) ? 0 : 1, l1 = land.contains(StatePair(a, $1.id)) ? 0 : 1
                return (l0, capability($0.ccode), $0.ccode) < (l1, capability($1.ccode), $1.ccode)
            })
        else {
            let all = war.firstYearOpponents[attacker] ?? []
            return .skip(
                "no first-year opponent of \(CountryCodes.cowCode(attacker) ?? "\(attacker)") (\(codes(all))) "
                    + "in the network of \(year)"
            )
        }
        return .play(a, target.id, derived: true)
    }

    static func codes(_ ccodes: Set<Int>) -> String {
        ccodes.sorted().map { "\(CountryCodes.cowCode($0) ?? "?") \($0)" }.joined(separator: ", ")
    }
}

#if canImport(Foundation)
    import Foundation
#endif
