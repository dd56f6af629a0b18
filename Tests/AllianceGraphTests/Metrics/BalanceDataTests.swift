import Testing
@_spi(Internals) @testable import AllianceGraph
@_spi(Internals) @testable import AllianceGraphFormats
@testable import AllianceGraphRender

/// Structural balance on the two classic signed networks of `../shared/data` (skipped when absent).
@Suite("Structural balance on historical signed networks")
struct BalanceDataTests {
    static let akrFile = "akr-great-powers-1872-1907-signed.csv"
    static let gahukuFile = "gahuku-gama-tribes-signed.csv"

    @Test("AKR great powers 1872: 7 closed triangles, 2 of them imbalanced (--- through Britain and France)")
    func greatPowers1872() throws {
        guard let (codes, graph) = try SignedTestData.read(Self.akrFile, year: 1872) else {
            print("skipped: \(Self.akrFile) not found in ../shared/data"); return
        }
        #expect(codes.count == 6)
        let balance = StructuralBalance(graph)
        #expect(balance.triangles == 7)
        #expect(balance.imbalancedTriangles == 2)
        #expect(balance.negativeNegativeNegative == 2)
        #expect(balance.positivePositivePositive == 1)
        #expect(balance.positiveNegativeNegative == 4)
        // The Three Emperors' League against Britain and France, who are rivals too: one tie frustrated.
        let frustration = Frustration(graph)
        #expect(frustration.value == 1)
    }

    @Test(
        "AKR great powers 1907: complete, 20 balanced triangles, frustration 0, Triple Entente against Triple Alliance")
    func greatPowers1907() throws {
        guard let (codes, graph) = try SignedTestData.read(Self.akrFile, year: 1907) else {
            print("skipped: \(Self.akrFile) not found in ../shared/data"); return
        }
        #expect(graph.edges.count == 15)
        let balance = StructuralBalance(graph)
        #expect(balance.triangles == 20)
        #expect(balance.balancedTriangles == 20)
        #expect(balance.index == 1)
        let frustration = Frustration(graph)
        #expect(frustration.value == 0)
        #expect(frustration.optimalSplitCount == 1)
        let camps = frustration.camps
        let camp0 = Set(codes.indices.filter { camps[$0] == camps[codes.firstIndex(of: "GBR")!] }.map { codes[$0] })
        let camp1 = Set(codes).subtracting(camp0)
        #expect(camp0 == ["GBR", "FRA", "RUS"])
        #expect(camp1 == ["AUH", "DEU", "ITA"])
    }

    @Test("AKR great powers: balance only reached in 1907 across the years 1872-1907")
    func greatPowersPath() throws {
        guard (try SignedTestData.read(Self.akrFile, year: 1907)) != nil else {
            print("skipped: \(Self.akrFile) not found in ../shared/data"); return
        }
        for year in 1872...1907 {
            let (_, graph) = try SignedTestData.read(Self.akrFile, year: year)!
            let frustration = Frustration(graph)
            #expect(frustration.isExact)
            #expect(frustration.value == Frustration.frustratedTies(graph, camps: frustration.camps))
            #expect((frustration.value == 0) == (year == 1907), "year \(year)")
        }
    }

    @Test("Gahuku-Gama: 16 tribes, 58 ties, 68 triangles of which 9 imbalanced, frustration 7 with one best split")
    func gahukuGama() throws {
        guard let (codes, graph) = try SignedTestData.read(Self.gahukuFile) else {
            print("skipped: \(Self.gahukuFile) not found in ../shared/data"); return
        }
        #expect(codes.count == 16)
        #expect(graph.edges.count == 58)
        #expect(graph.edges.filter { $0.sign > 0 }.count == 29)
        let balance = StructuralBalance(graph)
        #expect(balance.positivePositivePositive == 19)
        #expect(balance.positiveNegativeNegative == 40)
        #expect(balance.positivePositiveNegative == 2)
        #expect(balance.negativeNegativeNegative == 7)
        #expect(balance.index < 1)  // known not to be balanced
        // Line index of imbalance 7 (Doreian & Mrvar 2009; Aref, Mason & Wilson 2018).
        let frustration = Frustration(graph)
        #expect(frustration.value == 7)
        #expect(SignedTestData.bruteForce(graph) == (7, 1))
        #expect(frustration.optimalSplitCount == 1)
        let gavev = frustration.camps[codes.firstIndex(of: "Gavev")!]
        let small = Set(codes.indices.filter { frustration.camps[$0] == gavev }.map { codes[$0] })
        #expect(small == ["Gavev", "Kotun", "Gama", "Nagad"])
        // The bounds agree with the exact value here.
        let bounded = Frustration(graph, exactLimit: 0, nodeBudget: 0, seed: 3)
        #expect(bounded.upperBound == 7)
        #expect(bounded.lowerBound <= 7)
    }
}
