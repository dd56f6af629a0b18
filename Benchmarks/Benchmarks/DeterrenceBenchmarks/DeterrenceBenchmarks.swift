@_spi(Internals) import AllianceGraph
@_spi(Internals) import AllianceGraphFormats
import Benchmark
import Foundation

/// The ATOP network of 2016 (about 200 states) built from `../shared/data` beside the repository,
/// as `alliancectl import atop` builds it; nil when the data are absent (the benchmark is then
/// not registered).
private func atop2016() -> CrisisEngine? {
    let data = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("shared/data")
    func file(_ name: String) -> String? {
        let path = data.appendingPathComponent(name).path
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }
    guard let atop = file("atop5_1dy.csv") else { return nil }
    var options = AllianceImportOptions(source: .atop, year: 2016)
    options.states = file("states2016.csv")
    options.capabilities = file("NMC-60-abridged.csv")
    options.contiguity = file("contdir.csv")
    options.majors = file("majors2016.csv")
    options.rivalries = file("td_rivalries.csv")
    guard let scenario = try? AllianceImporter.run(allianceFile: atop, options: options).scenario else { return nil }
    return try? CrisisEngine(scenario: scenario)
}

let benchmarks: @Sendable () -> Void = {
    // Issue 15's target: the deterrence map of a 200-state network, every ordered pair, 1,000
    // stochastic cascades per pair, within 60 s on two cores. Wall clock is the figure; malloc
    // counts grow with the pairs (one strength vector and one outcome per pair), not with runs.
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .mallocCountTotal], maxDuration: .seconds(120), maxIterations: 3)
    guard let engine = atop2016() else {
        print("DeterrenceBenchmarks: ../shared/data is absent; nothing to measure")
        return
    }
    let ids = engine.network.ids
    let pairs = DeterrenceMap.pairs(attackers: ids, targets: ids)
    for (workers, label) in [(CrisisEnsemble.defaultWorkers, "all cores")] {
        Benchmark("Deterrence map ATOP 2016, \(ids.count) states, all \(pairs.count) pairs x 1,000 runs (\(label))") {
            benchmark in
            let ensemble = try WarOutcomeEnsemble(engine: engine)
            for _ in benchmark.scaledIterations {
                blackHole(try DeterrenceMap.compute(ensemble, pairs: pairs, runs: 1_000, seed: 1, workers: workers))
            }
        }
    }
}
