import ArgumentParser

/// `alliancectl backtest`: the model scored against history (docs/VALIDATION.md).
struct BacktestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backtest",
        abstract: "Score the model against historical data (docs/VALIDATION.md).",
        subcommands: [BacktestWarsCommand.self, BacktestOutcomesCommand.self, BacktestAlliancesCommand.self]
    )
}
