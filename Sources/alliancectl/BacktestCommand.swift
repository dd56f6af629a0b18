import ArgumentParser

/// `alliancectl backtest ...`: the model scored against history.
struct BacktestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backtest",
        abstract: "Score the model against what states actually did (docs/VALIDATION.md).",
        subcommands: [BacktestAlliancesCommand.self]
    )
}
