import Testing
@_spi(Internals) @testable import AllianceGraph
@_spi(Internals) @testable import AllianceGraphFormats

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
            ("Id,ID,Label", #"columns "Id" and "ID" differ only in case (columns 1 and 2)"#),
            ("Id,Label,Label", #"column "Label" appears twice (columns 2 and 3)"#),
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

    static func graphML(names: [String]) -> String {
        var text = #"""
            <?xml version="1.0" encoding="UTF-8"?>
            <graphml xmlns="http://graphml.graphdrawing.org/xmlns">
            <key id="v_name" for="node" attr.name="name" attr.type="string"/>
            <graph id="G" edgedefault="undirected">

            """#
        for (k, name) in names.enumerated() {
            text += "<node id=\"n\(k)\"><data key=\"v_name\">\(name)</data></node>\n"
        }
        return text + "<edge source=\"n0\" target=\"n1\"/>\n</graph>\n</graphml>\n"
    }

    @Test("one empty GraphML name among state codes is refused, not replaced by the node ids")
    func emptyName() throws {
        #expect {
            try GraphIO.decode(
                Array(Self.graphML(names: ["AAA", "", "CCC"]).utf8), format: .graphml, fallbackName: "x")
        } throws: { error in
            "\(error)".contains("vertex 1.name: is empty while other vertices' \"name\" are state codes")
        }
        let codes = try GraphIO.decode(
            Array(Self.graphML(names: ["AAA", "BBB", "CCC"]).utf8), format: .graphml, fallbackName: "x")
        #expect(codes.network.states.map(\.code) == ["AAA", "BBB", "CCC"])
        // Display names everywhere: the node ids are the codes, as before.
        let display = try GraphIO.decode(
            Array(Self.graphML(names: ["United Kingdom", "France", "Russian Empire"]).utf8), format: .graphml,
            fallbackName: "x")
        #expect(display.network.states.map(\.code) == ["n0", "n1", "n2"])
    }
}
