import Foundation
import Testing

/// Hostile inputs too big to commit, generated in a temporary folder at test time: 100,000
/// levels of nesting, multi-megabyte strings, a 1 GB sparse file and files over the size limits.
/// Each runs through the built binary; none may crash, overflow the stack, hang or use more than
/// a bounded amount of memory (docs/RELIABILITY.md).
@Suite("Generated hostile inputs through the built binary")
struct HostileGeneratedInputTests {
    /// Peak memory for inputs refused before they are read (KiB).
    static let refusedBound = 256 * 1024

    struct Generated: Sendable, CustomTestStringConvertible {
        var name: String
        /// The file's bytes, or nil for a sparse file of `sparseSize` bytes after `head`.
        var text: String
        var sparseSize: Int?
        var arguments: [String]
        var exit: Int32
        var fragment: String
        var testDescription: String { name }
    }

    static let depth = 100_000
    static let megabytes8 = String(repeating: "x", count: 8 << 20)

    static let nesting: [Generated] = [
        Generated(
            name: "deep.json",
            text: #"{"format": "alliancegraph/1", "name": "x", "states": "# + String(repeating: "[", count: depth)
                + String(repeating: "]", count: depth) + "}", arguments: ["convert", "{file}", "{out}/out.graphml"],
            exit: 65, fragment: "line 1, column 309: malformed JSON: nesting deeper than 256 levels"),
        Generated(
            name: "deep.nodelink.json",
            text: #"{"nodes": [{"id": "AAA", "x": "# + String(repeating: "[", count: depth)
                + String(repeating: "]", count: depth) + "}], \"edges\": []}",
            arguments: ["convert", "{file}", "{out}/out.json"],
            exit: 65, fragment: "line 1, column 284: malformed JSON: nesting deeper than 256 levels"),
        Generated(
            name: "deep.gml",
            text: "graph [\n node [ id 0 name \"AAA\" ]\n x " + String(repeating: "[ y ", count: depth)
                + String(repeating: "]", count: depth) + "\n]\n", arguments: ["convert", "{file}", "{out}/out.json"],
            exit: 65, fragment: "malformed GML: Parse error in GML file, line 3"),
        // Unknown elements are ignored by GraphML readers: 100,000 nested ones are read, iteratively.
        Generated(
            name: "deep.graphml",
            text:
                #"<?xml version="1.0"?><graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph id="G" edgedefault="undirected"><node id="AAA"/>"#
                + String(repeating: "<a>", count: depth) + String(repeating: "</a>", count: depth)
                + "</graph></graphml>\n",
            arguments: ["convert", "{file}", "{out}/out.json"], exit: 0, fragment: #"{"code": "AAA", "capability": 1}"#),
    ]

    static let strings: [Generated] = [
        // A long name is legal and kept whole; a long state code is refused, quoted in part.
        Generated(
            name: "long-name.json",
            text: #"{"format": "alliancegraph/1", "name": ""# + megabytes8
                + #"", "states": [{"code": "AAA", "capability": 1}]}"#,
            arguments: ["convert", "{file}", "{out}/out.json"], exit: 0, fragment: #""name": "xxxxxxxx"#),
        Generated(
            name: "long-code.json",
            text: #"{"format": "alliancegraph/1", "name": "x", "states": [{"code": ""# + megabytes8
                + #"", "capability": 1}]}"#,
            arguments: ["convert", "{file}", "{out}/out.json"], exit: 65,
            fragment: "states[0].code: invalid state code \"" + String(repeating: "x", count: 40) + "\"; use 1 to 16"),
        Generated(
            name: "long-id-nodes.csv", text: "Id,Label\n" + megabytes8 + ",x\n",
            arguments: ["convert", "{file}", "{out}/out.json"],
            exit: 65, fragment: "vertex 0.code: invalid state code"),
        Generated(
            name: "long-field.nodelink.json", text: #"{"nodes": [{"id": ""# + megabytes8 + #""}], "edges": []}"#,
            arguments: ["convert", "{file}", "{out}/out.json"], exit: 65, fragment: "vertex 0.code: invalid state code"),
        Generated(
            name: "long-code.csv",
            text: "mem1,mem2,year,atopally,defense,offense,neutral,nonagg,consul\n200,"
                + String(repeating: "9", count: 4 << 20)
                + ",1902,1,1,0,0,0,1\n",
            arguments: ["import", "atop", "{file}", "--year", "1902", "--output", "{out}/out.json"],
            exit: 65, fragment: "line 2: mem2 \"99999999999999999999\" is not an integer"),
    ]

    static let huge: [Generated] = [
        // 1 GB of NUL bytes (a sparse file): refused from its first bytes, never read in full.
        Generated(
            name: "gigabyte.json", text: "", sparseSize: 1_000_000_000, arguments: ["info", "{file}"], exit: 65,
            fragment: "holds a NUL byte at offset 0: binary data or UTF-16 text, not a UTF-8 text file"),
        Generated(
            name: "gigabyte.graphml", text: "<?xml version=\"1.0\"?>\n<graphml>", sparseSize: 1_000_000_000,
            arguments: ["convert", "{file}", "{out}/out.json"], exit: 65, fragment: "holds a NUL byte at offset 31"),
        Generated(
            name: "gigabyte-nodes.csv", text: "Id,Label\n", sparseSize: 1_000_000_000,
            arguments: ["convert", "{file}", "{out}/out.json"], exit: 65, fragment: "holds a NUL byte at offset 9"),
        Generated(
            name: "gigabyte-atop.csv", text: "mem1,mem2,year\n", sparseSize: 1_000_000_000,
            arguments: ["import", "atop", "{file}", "--year", "1902", "--output", "{out}/out.json"], exit: 65,
            fragment: "holds a NUL byte at offset 15"),
        // Over the size limit of graph files (1 GiB): refused before reading. A scenario file has
        // no size limit (it is mapped and read in one streaming pass, `simulate` included), so
        // 2 GiB + 1 bytes of NUL are refused from their first bytes, as binary data.
        Generated(
            name: "over-limit.gml", text: "graph [\n", sparseSize: (1 << 30) + 1,
            arguments: ["convert", "{file}", "{out}/out.json"],
            exit: 65, fragment: "the file is 1073741825 bytes; the largest accepted is 1073741824 bytes"),
        Generated(
            name: "over-limit.json", text: "{", sparseSize: (2 << 30) + 1,
            arguments: ["simulate", "{file}", "--output", "{out}/run"],
            exit: 65, fragment: "holds a NUL byte at offset 1: binary data"),
    ]

    /// Writes the input, runs the binary, and checks status, message, leftovers and memory.
    static func check(_ input: Generated, memoryBound: Int) throws {
        let binary = try #require(CLITestSupport.binary, "build alliancectl first (swift build)")
        let folder = try CLITestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent(input.name)
        try Data(input.text.utf8).write(to: file)
        if let size = input.sparseSize {
            let handle = try FileHandle(forWritingTo: file)
            try handle.truncate(atOffset: UInt64(size))
            try handle.close()
        }
        let arguments = input.arguments.map {
            $0.replacingOccurrences(of: "{file}", with: file.path).replacingOccurrences(of: "{out}", with: out.path)
        }
        let outcome = try GuardedProcess.run(binary, arguments, logFolder: folder, limit: 120)
        #expect(!outcome.hung, "\(input.name): hung")
        #expect(outcome.signal == nil, "\(input.name): killed by signal \(outcome.signal ?? 0)")
        #expect(outcome.status == input.exit, "\(input.name): \(outcome.stderr.prefix(300))")
        #expect(
            outcome.peakIsBelow(memoryBound),
            "\(input.name): own peak \(outcome.childPeak().map(String.init) ?? "?") KiB (ru_maxrss \(outcome.peakKilobytes), this process \(outcome.parentHighWater))"
        )
        let left = try FileManager.default.contentsOfDirectory(atPath: out.path)
        if input.exit == 0 {
            let text = try String(contentsOf: out.appendingPathComponent("out.json"), encoding: .utf8)
            #expect(text.contains(input.fragment), "\(input.name): \(text.prefix(200))")
        } else {
            #expect(
                outcome.stderr.hasPrefix("error: \(file.path): \(input.fragment)"),
                "\(input.name): \(outcome.stderr.prefix(300))")
            #expect(left.isEmpty, "\(input.name): left \(left)")
        }
    }

    @Test(
        "100,000 levels of nesting are refused (or, for GraphML's unknown elements, read) without overflowing the stack",
        arguments: nesting)
    func deepNesting(_ input: Generated) throws {
        try Self.check(input, memoryBound: 512 * 1024)
    }

    @Test(
        "multi-megabyte strings: a long name is kept, a long code or number is refused in bounded memory",
        arguments: strings)
    func longStrings(_ input: Generated) throws {
        try Self.check(input, memoryBound: 512 * 1024)
    }

    @Test("a 1 GB sparse file and files over the size limits are refused at once, in bounded memory", arguments: huge)
    func hugeFiles(_ input: Generated) throws {
        try Self.check(input, memoryBound: Self.refusedBound)
    }

    @Test("standard input is checked like a file: a NUL byte is refused naming <stdin>; a valid scenario is read")
    func standardInput() throws {
        let binary = try #require(CLITestSupport.binary, "build alliancectl first (swift build)")
        let folder = try CLITestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let binaryInput = folder.appendingPathComponent("binary.json")
        try Data([UInt8(ascii: "{"), 0, UInt8(ascii: "}")]).write(to: binaryInput)
        let refused = try GuardedProcess.run(
            binary, ["info", "-"], logFolder: folder, stdin: binaryInput.path, limit: 120)
        #expect(refused.status == 65)
        #expect(
            refused.stderr.hasPrefix("error: <stdin>: holds a NUL byte at offset 1"), "\(refused.stderr.prefix(300))")
        let valid = folder.appendingPathComponent("valid.json")
        try #"{"format": "alliancegraph/1", "name": "Piped", "states": [{"code": "AAA", "capability": 1}]}"#
            .write(to: valid, atomically: true, encoding: .utf8)
        let read = try GuardedProcess.run(
            binary, ["info", "-", "--format", "json"], logFolder: folder, stdin: valid.path, limit: 120)
        #expect(read.status == 0, "\(read.stderr.prefix(300))")
        #expect(read.stdout.contains(#""name": "Piped""#))
    }
}
