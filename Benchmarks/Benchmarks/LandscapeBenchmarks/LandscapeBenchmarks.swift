@_spi(Internals) import AllianceGraph
@_spi(Internals) import AllianceGraphFormats
import Foundation
import Benchmark

/// A seeded Axelrod-Bennett landscape of `n` states: log-normal sizes and propensities uniform
/// in [-1, 1) for every pair.
private func randomLandscape(_ n: Int, seed: UInt64) -> AlignmentLandscape {
    var random = SeededRandom(seed: seed)
    let sizes = (0..<n).map { _ in exp(random.nextGaussian()) }
    var propensities = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
    for i in 0..<n {
        for j in (i + 1)..<n {
            let p = 2 * random.nextUnit() - 1
            propensities[i][j] = p
            propensities[j][i] = p
        }
    }
    do {
        return try AlignmentLandscape(codes: (0..<n).map { "S\($0)" }, sizes: sizes, propensities: propensities)
    } catch {
        fatalError("benchmark landscape is invalid: \(error)")  // generated here, not user input
    }
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .mallocCountTotal, .peakMemoryResident],
        maxDuration: .seconds(10), maxIterations: 100)
    let landscape20 = randomLandscape(20, seed: 20)
    let landscape24 = randomLandscape(24, seed: 24)

    Benchmark("Landscape exhaustive search, N = 20 (524,288 configurations)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(LandscapeSearch.exhaustive(landscape20))
        }
    }

    Benchmark("Landscape exhaustive search, N = 24 (8,388,608 configurations)", configuration: .init(maxIterations: 20))
    { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(LandscapeSearch.exhaustive(landscape24))
        }
    }
}
