@_spi(Internals) import AllianceGraph
import ArgumentParser

/// The two usage errors ArgumentParser words poorly for this tool: a mistyped subcommand (it says
/// "2 unexpected arguments") and a usage error found while a subcommand runs (it prints the
/// top-level usage). Both exit 64.
enum CommandErrors {
    /// The subcommands' names, as typed.
    static var commandNames: [String] {
        AllianceCtl.configuration.subcommands.map { $0._commandName }
    }

    /// The message for a first argument that is neither an option nor a subcommand, with the
    /// closest subcommand as a hint; nil when the arguments start well.
    static func unknownSubcommand(_ arguments: [String]) -> String? {
        guard let first = arguments.first, !first.hasPrefix("-"), first != "help" else { return nil }
        let names = commandNames
        if names.contains(first) { return nil }
        let hint = NameSuggestion.hint(for: first, among: names)
        return """
            Error: unknown command "\(first.prefix(40))"\(hint).
            Commands: \(names.joined(separator: ", ")).
              See 'alliancectl --help' for more information.
            """
    }

    /// The names from the root to `command` (`["backtest", "wars"]`), or nil when it is not in
    /// the tree.
    static func path(to command: ParsableCommand.Type, from root: ParsableCommand.Type = AllianceCtl.self)
        -> [String]?
    {
        for child in root.configuration.subcommands {
            if child == command { return [child._commandName] }
            if let rest = path(to: command, from: child) { return [child._commandName] + rest }
        }
        return nil
    }

    /// For a `ValidationError` thrown while `command` ran: the error with that subcommand's own
    /// usage (not the tool's); nil for other errors.
    static func usageMessage(for error: Error, command: ParsableCommand.Type) -> String? {
        guard error is ValidationError, let path = path(to: command) else { return nil }
        let name = (["alliancectl"] + path).joined(separator: " ")
        return """
            Error: \(AllianceCtl.message(for: error))
            Usage: \(AllianceCtl.usageString(for: command))
              See '\(name) --help' for more information.
            """
    }
}
