/// The rules of the peacetime round (docs/MODEL.md section 3), in the engine's fixed order.
///
/// The order is the order in which rules are asked for proposals (it matters only for the
/// random stream: the triad rule is the only rule that draws numbers) and never the order in which
/// proposals are applied; see `RoundProposals` for the merge order.
public enum RuleKind: String, CaseIterable, Hashable, Sendable, Comparable {
    /// Richardson arming under a budget and an arms-control cap (`Arming`).
    case arming
    /// Walt balancing: threatened states seek defence pacts (`Balancing`).
    case balancing
    /// Weak, isolated states align with their main threat (`Bandwagoning`).
    case bandwagoning
    /// Olson-Zeckhauser burden-sharing: credibility drift and abandonment (`BurdenSharing`).
    case burdenSharing = "burden-sharing"
    /// Christensen-Snyder chain-ganging or buck-passing stance (`ChainGang`).
    case chainGang = "chain-gang"
    /// Antal-Krapivsky-Redner local triad dynamics on the signed graph (`TriadDynamics`).
    case triads
    /// War initiation after the merge: motivated states attack when the expected utility of
    /// attacking exceeds a threshold (`Initiation`); off by default.
    case initiation

    /// The rules on by default: all but the optional structural-balance triad dynamics.
    public static let defaults: [RuleKind] = [.arming, .balancing, .bandwagoning, .burdenSharing, .chainGang]

    public static func < (lhs: RuleKind, rhs: RuleKind) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// Parses a comma-separated list (`arming,balancing`); throws with a did-you-mean hint. A
    /// leading `+` adds the listed rules to the defaults (`+initiation`).
    public static func parseList(_ text: String) throws(InputError) -> [RuleKind] {
        var result: [RuleKind] = text.hasPrefix("+") ? defaults : []
        let text = text.hasPrefix("+") ? String(text.dropFirst()) : text
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let name = part.trimmingCharacters(in: .whitespaces)
            if name.isEmpty { continue }
            guard let kind = RuleKind(rawValue: name) else {
                let names = allCases.map(\.rawValue)
                let hint = NameSuggestion.hint(for: name, among: names)
                throw InputError(
                    location: "rules",
                    "unknown rule \"\(name.prefix(40))\"\(hint); rules: \(names.joined(separator: ", "))")
            }
            if !result.contains(kind) { result.append(kind) }
        }
        return result.sorted()
    }
}

#if canImport(Foundation)
    import Foundation
#endif
