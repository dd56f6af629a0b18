@_spi(Internals) import AllianceGraph
@_spi(Internals) import AllianceGraphFormats

/// The 200-state network of the metrics benchmarks: `alliancectl generate --states 200 --ties 2000
/// --seed 200` (`SyntheticNetwork`, regional model: states on a seeded map, ties mostly among near
/// neighbours, log-normal capabilities, 50 rivalries; the model is defined in SyntheticNetwork's
/// doc comment and docs/CLI.md).
func benchmarkNetwork(states: Int = 200, ties: Int = 2_000, seed: UInt64 = 200) -> AllianceNetwork {
    guard let scenario = try? SyntheticNetwork(states: states, ties: ties, seed: seed).scenario() else {
        fatalError("cannot generate \(states) states / \(ties) ties")  // benchmark fixture, not user input
    }
    return scenario.network
}
