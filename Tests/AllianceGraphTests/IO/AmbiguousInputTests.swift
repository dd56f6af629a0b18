import Testing
@testable import AllianceGraph
@testable import AllianceGraphFormats

/// Ambiguous inputs are refused, not resolved silently (issue 19).
@Suite("Ambiguous graph inputs")
struct AmbiguousInputTests {
    @Test("node-link JSON with both \"edges\" and \"links\" is refused")
    func edgesAndLinks() {
        let text = #"""
            {"directed": false, "multigraph": false, "graph": {},
             "nodes": [{"id": "AAA"}, {"id": "BBB"}],
             "edges": [{"source": "AAA", "target": "BBB"}],
             "links": [{"source": "BBB", "target": "AAA"}]}
            """#
        #expect {
            try GraphIO.decode(Array(text.utf8), format: .nodeLink, fallbackName: "x")
        } throws: { error in
            "\(error)".contains("links: both \"edges\" and \"links\" are given; keep one of them")
        }
        let linksOnly = text.replacingOccurrences(of: #""edges": [{"source": "AAA", "target": "BBB"}],"#, with: "")
        #expect(throws: Never.self) { try GraphIO.decode(Array(linksOnly.utf8), format: .nodeLink, fallbackName: "x") }
    }

    @Test("a Gephi table with columns Id and ID (or a column twice) is refused")
    func caseOnlyColumns() {
        let edges = Array("Source,Target,Type\nAAA,BBB,Undirected\n".utf8)
        for (header, message) in [
            ("Id,ID,Label", #"columns "Id" and "ID" differ only in case"#),
            ("Id,Label,Label", #"column "Label" appears twice"#),
        ] {
            let nodes = Array("\(header)\nAAA,x,A\nBBB,y,B\n".utf8)
            #expect {
                try GraphIO.decodeCSV(nodes: nodes, edges: edges, fallbackName: "x")
            } throws: { error in
                "\(error)".contains("line 1: " + message)
            }
        }
        let plain = Array("Id,Label\nAAA,A\nBBB,B\n".utf8)
        #expect(throws: Never.self) { try GraphIO.decodeCSV(nodes: plain, edges: edges, fallbackName: "x") }
    }
}
