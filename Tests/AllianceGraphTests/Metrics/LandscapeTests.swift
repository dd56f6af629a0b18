import Testing
@_spi(Internals) @testable import AllianceGraph
@_spi(Internals) @testable import AllianceGraphFormats
@testable import AllianceGraphRender

@Suite("Alignment landscape")
struct LandscapeTests {
    static func randomLandscape(n: Int, seed: UInt64) -> AlignmentLandscape {
        var rng = SeededRandom(seed: seed)
        var p = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
        for i in 0..<n {
            for j in (i + 1)..<max(i + 1, n) {
                p[i][j] = (rng.nextUnit() * 4 - 2).rounded()  // integers -2...2: plateaus happen
                p[j][i] = p[i][j]
            }
        }
        let sizes = (0..<n).map { _ in 0.1 + rng.nextUnit() }
        return try! AlignmentLandscape(codes: (0..<n).map { "S\($0)" }, sizes: sizes, propensities: p)
    }

    /// Naive reference: minima by checking all neighbours, descent by explicit energies.
    static func naive(_ l: AlignmentLandscape) -> [[Int]: Int] {
        let n = l.count
        func camps(_ m: Int) -> [Int] { (0..<n).map { $0 == 0 ? 0 : (m >> ($0 - 1)) & 1 } }
        func canonical(_ c: [Int]) -> [Int] { c[0] == 0 ? c : c.map { 1 - $0 } }
        let tolerance = 1e-12 * l.weights.reduce(0) { $0 + abs($1) }
        var basins: [[Int]: Int] = [:]
        for m in 0..<(1 << (n - 1)) {
            var c = camps(m)
            while true {
                let e = l.energy(camps: c)
                var best = -1, bestE = e - tolerance
                for k in 0..<n {
                    var d = c; d[k] = 1 - d[k]
                    let ed = l.energy(camps: d)
                    if ed < bestE - 1e-15 * abs(bestE) && (best < 0 || ed < bestE) { best = k; bestE = ed }
                }
                if best < 0 { break }
                c[best] = 1 - c[best]
            }
            basins[canonical(c), default: 0] += 1
        }
        return basins
    }

    @Test("Gray-code search finds the same minima and basins as a naive search")
    func exhaustiveMatchesNaive() {
        for seed: UInt64 in 0..<12 {
            let l = Self.randomLandscape(n: 4 + Int(seed) % 7, seed: seed)
            let result = LandscapeSearch.exhaustive(l)
            let naive = Self.naive(l)
            #expect(result.exhaustive)
            #expect(Set(result.minima.map(\.camps)) == Set(naive.keys), "seed \(seed)")
            for m in result.minima {
                #expect(Int(m.basin) == naive[m.camps], "seed \(seed)")
                #expect(abs(m.energy - l.energy(camps: m.camps)) < 1e-12)
            }
            #expect(result.minima.reduce(0) { $0 + $1.basin } == result.configurations)
            #expect(zip(result.minima, result.minima.dropFirst()).allSatisfy { $0.energy <= $1.energy })
        }
    }

    @Test("energy is half the size-weighted sum of state frustrations")
    func energyAndFrustration() {
        let l = Self.randomLandscape(n: 9, seed: 99)
        let camps = [0, 1, 1, 0, 1, 0, 0, 1, 1]
        let f = l.frustration(camps: camps)
        let half = zip(l.sizes, f).reduce(0) { $0 + $1.0 * $1.1 } / 2
        #expect(abs(half - l.energy(camps: camps)) < 1e-12)
    }

    @Test("two antagonistic cliques: one minimum, the cliques, with the whole space as basin")
    func twoCliques() throws {
        let n = 6
        var p = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
        for i in 0..<n { for j in 0..<n where i != j { p[i][j] = (i < 3) == (j < 3) ? 1 : -1 } }
        let l = try AlignmentLandscape(
            codes: (0..<n).map { "S\($0)" }, sizes: [Double](repeating: 1, count: n), propensities: p)
        let result = LandscapeSearch.exhaustive(l)
        #expect(result.minima.count == 1)
        #expect(result.minima[0].camps == [0, 0, 0, 1, 1, 1])
        #expect(result.minima[0].basin == 32)
        #expect(result.minima[0].energy == -9)
    }

    @Test("seeded multi-start descent finds the exhaustive minima and is reproducible")
    func sampledAgrees() {
        let l = Self.randomLandscape(n: 12, seed: 5)
        let exact = LandscapeSearch.exhaustive(l)
        let a = LandscapeSearch.sampled(l, starts: 3000, seed: 11)
        let b = LandscapeSearch.sampled(l, starts: 3000, seed: 11)
        #expect(a == b)
        #expect(!a.exhaustive)
        #expect(Set(a.minima.map(\.camps)).isSubset(of: Set(exact.minima.map(\.camps))))
        #expect(a.minima[0].camps == exact.minima[0].camps)
        for m in a.minima {
            let share = exact.minima.first { $0.camps == m.camps }!.basinShare
            #expect(abs(m.basinShare - share) < 0.05)
        }
    }

    @Test("derived propensities: aligning credibility minus rivalry intensity")
    func derivedPropensities() throws {
        let scenario = try ScenarioReader.parse(TestSupport.toyScenarioJSON)
        let l = try AlignmentLandscape(scenario)
        // 1900: BBB-CCC defense 0.9; AAA->CCC guarantee 0.6; AAA-BBB consultation ended 1899, rivalry 0.8.
        #expect(l.propensity(1, 2) == 0.9)
        #expect(l.propensity(0, 2) == 0.6)
        #expect(l.propensity(0, 1) == -0.8)
        #expect(l.sizes == [0.30, 0.20, 0.05])
    }

    @Test("Europe 1936 with the bundled propensities: one minimum, 12 of 17 on their WWII side")
    func europe1936() throws {
        let scenario = try ScenarioLoader.load(path: TestSupport.network("europe-1936.json"))
        let l = try AlignmentLandscape(scenario)
        #expect(l.count == 17)
        let result = LandscapeSearch.search(l)
        #expect(result.exhaustive)
        #expect(result.configurations == 65536)
        #expect(result.minima.count == 1)
        let allies: Set = ["UKG", "FRN", "RUS", "CZE", "YUG", "GRC", "DEN", "POL", "POR"]
        let actual = l.codes.map { allies.contains($0) ? 0 : 1 }
        let best = result.minima[0]
        #expect(LandscapeSearch.matches(best.camps, actual: actual) == 12)
        let camp0 = Set(l.codes.indices.filter { best.camps[$0] == 0 }.map { l.codes[$0] })
        #expect(camp0 == ["UKG", "FRN", "RUS", "CZE", "DEN", "ROM"])
    }
}
