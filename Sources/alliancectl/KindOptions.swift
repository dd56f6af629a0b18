@_spi(Internals) import AllianceGraph
import ArgumentParser
import Foundation

/// `--kinds` and `--drop-kinds`: which commitment kinds a command keeps (import, convert,
/// metrics, crisis) or draws (render). Kinds are the scenario's names: defense, offense,
/// neutrality, nonaggression, consultation, guarantee, patronage.
struct KindOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Keep only these commitment kinds (comma-separated: defense, offense, neutrality, nonaggression, "
                + "consultation, guarantee, patronage).",
            valueName: "kinds"))
    var kinds: String?

    @Option(help: ArgumentHelp("Leave out these commitment kinds (comma-separated).", valueName: "kinds"))
    var dropKinds: String?

    /// The kinds kept: `--kinds` (default every kind) less `--drop-kinds`; nil when neither is given.
    var selection: Set<CommitmentKind>? {
        guard kinds != nil || dropKinds != nil else { return nil }
        let kept = kinds.map { Set(Self.parse($0)) } ?? Set(CommitmentKind.allCases)
        return kept.subtracting(Self.parse(dropKinds ?? ""))
    }

    func validate() throws {
        for (option, text) in [("--kinds", kinds), ("--drop-kinds", dropKinds)] {
            guard let text else { continue }
            let names = Self.names(text)
            if names.isEmpty { throw ValidationError("\(option) needs at least one kind.") }
            let all = CommitmentKind.allCases.map(\.rawValue)
            for name in names where CommitmentKind(rawValue: name.lowercased()) == nil {
                let hint = NameSuggestion.hint(for: name, among: all)
                throw ValidationError(
                    "\(option): unknown commitment kind \"\(name.prefix(40))\"\(hint); "
                        + "expected some of \(all.joined(separator: ", ")).")
            }
        }
        if selection?.isEmpty == true { throw ValidationError("--kinds and --drop-kinds leave no kind.") }
    }

    /// `scenario` with only the selected kinds of commitment (unchanged without the options).
    func apply(to scenario: Scenario) -> Scenario {
        guard let selection else { return scenario }
        var filtered = scenario
        filtered.network = scenario.network.keeping(kinds: selection)
        return filtered
    }

    /// A sentence for descriptions: "Kinds kept: defense, offense." (empty without the options).
    var note: String {
        guard let selection else { return "" }
        let kept = CommitmentKind.allCases.filter { selection.contains($0) }.map(\.rawValue)
        return " Commitment kinds kept: \(kept.joined(separator: ", "))."
    }

    private static func names(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    private static func parse(_ text: String) -> [CommitmentKind] {
        names(text).compactMap { CommitmentKind(rawValue: $0.lowercased()) }
    }
}
