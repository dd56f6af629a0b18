import Foundation
@_spi(Internals) @testable import AllianceGraph
@_spi(Internals) @testable import AllianceGraphFormats
@testable import AllianceGraphRender

/// Signed networks from `../shared/data` for the balance tests (nil when the file is absent).
enum SignedTestData {
    /// Reads a `a,b,sign[,begin,end]` CSV; with `year`, keeps the rows with begin <= year < end.
    static func read(_ name: String, year: Int? = nil) throws -> (codes: [String], graph: SignedGraphView)? {
        guard let path = TestSupport.sharedDataFile(name) else { return nil }
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var codes: [String] = []
        var index: [String: Int] = [:]
        var edges: [(Int, Int, Int)] = []
        func id(_ code: String) -> Int {
            if let k = index[code] { return k }
            index[code] = codes.count
            codes.append(code)
            return codes.count - 1
        }
        for line in text.split(whereSeparator: \.isNewline).dropFirst() {
            let f = line.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
            guard f.count >= 3, let sign = Int(f[2]) else { continue }
            let a = id(f[0]), b = id(f[1])
            if let year, f.count >= 5, let begin = Int(f[3]), let end = Int(f[4]), !(begin <= year && year < end) {
                continue
            }
            edges.append((a, b, sign))
        }
        return (codes, try SignedGraphView(vertexCount: codes.count, edges: edges))
    }

    /// A random signed graph: each pair joined with probability `density`, negative with
    /// probability `negative`.
    static func random(n: Int, density: Double, negative: Double, seed: UInt64) -> SignedGraphView {
        var rng = SeededRandom(seed: seed)
        var edges: [(Int, Int, Int)] = []
        for a in 0..<n {
            for b in (a + 1)..<max(a + 1, n) where rng.nextUnit() < density {
                edges.append((a, b, rng.nextUnit() < negative ? -1 : 1))
            }
        }
        return try! SignedGraphView(vertexCount: n, edges: edges)
    }

    /// Frustration by enumerating all 2^(n-1) splits (state 0 fixed), for cross-checks.
    static func bruteForce(_ graph: SignedGraphView) -> (value: Int, splits: Int) {
        let n = graph.vertexCount
        var best = Int.max, count = 0
        for mask in 0..<(1 << max(0, n - 1)) {
            let camps = (0..<n).map { $0 == 0 ? 0 : (mask >> ($0 - 1)) & 1 }
            let cost = Frustration.frustratedTies(graph, camps: camps)
            if cost < best { best = cost; count = 1 } else if cost == best { count += 1 }
        }
        return (best, count)
    }
}
