import Foundation
import Testing
@_spi(Internals) @testable import AllianceGraph
@_spi(Internals) @testable import AllianceGraphFormats

/// The reader's fast path (`JSONParser.checkRootArray`, `ParallelArrayDecoder`,
/// `ScenarioFastReader`) against the reference: the whole document parsed into a `JSONValue` tree
/// (`JSONParser.parse`) and decoded element by element, as the reader did before. Both must give
/// the same `Scenario` or the same `InputError` (location and message) on every input.
@Suite("Scenario fast reader")
struct ScenarioFastReaderTests {
    /// The reference reading: full tree, sequential strict decoding.
    static func reference(_ bytes: [UInt8]) -> Result<Scenario, InputError> {
        bytes.withUnsafeBufferPointer { buffer in
            Result { () throws(InputError) in try ScenarioReader.decode(JSONParser.parse(buffer)) }
        }
    }

    /// The reading `ScenarioLoader` does (first pass, then fast parallel decoding), with the
    /// states decoded during the first pass (as for large files) or after it.
    static func fast(_ bytes: [UInt8], statesAhead: Bool) -> Result<Scenario, InputError> {
        Result { () throws(InputError) in try ScenarioReader.parse(bytes, statesAhead: statesAhead) }
    }

    /// Compares both readings (the fast one with and without the states read ahead); returns
    /// the reference's error location ("" when it accepted).
    @discardableResult
    static func expectSame(_ bytes: [UInt8], _ label: String) -> String {
        let expected = reference(bytes)
        for statesAhead in [false, true] {
            let found = fast(bytes, statesAhead: statesAhead)
            let label = "\(label)\(statesAhead ? " (states ahead)" : "")"
            switch (expected, found) {
            case (.success(let a), .success(let b)): #expect(a == b, "\(label): scenarios differ")
            case (.failure(let a), .failure(let b)):
                #expect(a.location == b.location && a.message == b.message, "\(label): \(a) vs \(b)")
            default: Issue.record("\(label): reference \(expected) vs fast \(found)")
            }
        }
        if case .failure(let error) = expected { return error.location ?? "?" }
        return ""
    }

    static func fixtures(_ folder: URL) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".json") && $0 != "expected.json" }.sorted()
            .map { folder.appendingPathComponent($0) }
    }

    @Test("bundled networks: same scenario, also read from the mapped file")
    func bundledNetworks() throws {
        let folder = TestSupport.repositoryRoot.appendingPathComponent("Networks")
        let files = Self.fixtures(folder)
        #expect(!files.isEmpty)
        for file in files {
            let bytes = [UInt8](try Data(contentsOf: file))
            Self.expectSame(bytes, file.lastPathComponent)
            if case .success(let expected) = Self.reference(bytes) {
                #expect(try ScenarioReader.read(path: file.path) == expected, "\(file.lastPathComponent)")
            }
        }
    }

    @Test("hostile and invalid fixtures: same value or same error")
    func hostileAndInvalid() {
        let files =
            Self.fixtures(TestSupport.fixture("hostile/scenario")) + Self.fixtures(TestSupport.fixture("invalid"))
        #expect(files.count > 20)
        for file in files {
            guard let data = try? Data(contentsOf: file) else { continue }
            Self.expectSame([UInt8](data), file.lastPathComponent)
        }
    }

    @Test(
        "generated networks (several blocks of 4096 ties, both models), from memory and from a file",
        arguments: SyntheticNetworkModel.allCases)
    func generated(model: SyntheticNetworkModel) throws {
        for (states, ties) in [(50, 120), (400, 5000), (1500, 9000)] {
            let scenario = try SyntheticNetwork(states: states, ties: ties, seed: 5, model: model).scenario()
            let bytes = Array(ScenarioWriter.json(scenario).utf8)
            #expect(try ScenarioReader.parse(bytes) == scenario)
            Self.expectSame(bytes, "\(model) \(states)/\(ties)")
            let path = FileManager.default.temporaryDirectory
                .appendingPathComponent("fast-reader-\(model)-\(ties)-\(getpid()).json").path
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            defer { try? FileManager.default.removeItem(atPath: path) }
            #expect(try ScenarioReader.read(path: path) == scenario)
        }
    }

    /// Replacements aimed at the fast path's decisions (keys, kinds, codes, numbers, escapes, types).
    static let edits: [(String, String)] = [
        ("\"kind\"", "\"knid\""), ("\"kind\"", "\"kind\": \"defense\", \"kind\""), ("\"between\"", "\"from\""),
        ("\"from\"", "\"between\""), ("\"to\"", "\"too\""), ("\"defense\"", "\"defence\""),
        ("\"consultation\"", "\"guarantee\""), ("\"defense\"", "\"consultation\""), ("\", \"", "\", \"Q"),
        ("\", \"", "\", \"\\u0041"), ("\"]", "\", \"A\"]"), ("\"]", "\\n\"]"), ("[\"", "[\"\\/"),
        ("\"credibility\": ", "\"credibility\": -"), ("\"credibility\": ", "\"credibility\": 1e3 , \"x\": "),
        ("\"credibility\": 0.", "\"credibility\": 0.12345678901234567890123"),
        ("\"credibility\": 0.", "\"credibility\": 1e400"), ("\"credibility\": 0.", "\"credibility\": 0.5e-1"),
        ("\"credibility\"", "\"reverseCredibility\""), ("\"credibility\": ", "\"credibility\": \"0.5\", \"n\": "),
        ("\"capability\": ", "\"capability\": 0"), ("\"capability\": ", "\"capability\": 1E2, \"gdp\": "),
        ("\"code\": \"", "\"code\": \"\\u00e9"), ("\"code\": \"", "\"code\": \"é"), ("\"since\": ", "\"since\": 1."),
        ("\"since\": ", "\"since\": 1234567890123456"), ("\"since\": ", "\"since\": 1e1, \"until\": "),
        ("\"major\": true", "\"major\": 1"), ("}", ", \"extra\": null}"), ("}", ", \"notes\": \"x\"}"),
        (": ", ":\t\r\n "), (", ", " ,"), ("}", "}}"), ("]", "]]"), ("\"note\": \"", "\"note\": \"\\\""),
        ("\"intensity\": ", "\"intensity\": -0.0e0, \"t\": "), ("\"type\": ", "\"type\": 2.0, \"q\": "),
        ("\"type\": ", "\"proximity\": 0.5, \"type\": "), ("{", "{\"a\": [[[[1]]]], "),
    ]

    /// `count` seeded mutations of `text`: one or two edits at random occurrences, sometimes a random byte.
    static func mutations(of text: String, count: Int, seed: UInt64) -> [[UInt8]] {
        var random = SplitMix(seed: seed)
        let base = Array(text.utf8)
        var results: [[UInt8]] = []
        for _ in 0..<count {
            var bytes = base
            for _ in 0...(random.next() % 2) {
                if random.next() % 8 == 0 {
                    let position = Int(random.next() % UInt64(bytes.count))
                    let pool = Array("\"\\,:{}[]01e-. aZ".utf8)
                    bytes[position] = pool[Int(random.next() % UInt64(pool.count))]
                    continue
                }
                let (old, new) = edits[Int(random.next() % UInt64(edits.count))]
                let needle = Array(old.utf8)
                let hits = occurrences(of: needle, in: bytes)
                guard !hits.isEmpty else { continue }
                let at = hits[Int(random.next() % UInt64(hits.count))]
                bytes.replaceSubrange(at..<at + needle.count, with: Array(new.utf8))
            }
            results.append(bytes)
        }
        return results
    }

    static func occurrences(of needle: [UInt8], in bytes: [UInt8]) -> [Int] {
        guard needle.count <= bytes.count else { return [] }
        var hits: [Int] = []
        for start in 0...(bytes.count - needle.count) where bytes[start] == needle[0] {
            if bytes[start..<start + needle.count].elementsEqual(needle) { hits.append(start) }
        }
        return hits
    }

    struct SplitMix {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    @Test("seeded mutations of a bundled network: same value or same error")
    func mutatedBundled() throws {
        let text = try String(contentsOfFile: TestSupport.network("europe-1914.json"), encoding: .utf8)
        var locations: [String] = []
        for (k, bytes) in Self.mutations(of: text, count: 400, seed: 17).enumerated() {
            locations.append(Self.expectSame(bytes, "europe-1914 mutation \(k)"))
        }
        // Not vacuous: some mutants are accepted, many are refused in the decoded arrays.
        #expect(locations.contains(""))
        #expect(locations.filter { $0.hasPrefix("commitments[") }.count > 50)
        #expect(locations.contains { $0.hasPrefix("states[") })
    }

    @Test("seeded mutations of a generated network of three blocks: the lowest failing tie is reported")
    func mutatedGenerated() throws {
        let scenario = try SyntheticNetwork(states: 300, ties: 9000, seed: 2, model: .regional).scenario()
        let text = ScenarioWriter.json(scenario)
        var locations: [String] = []
        for (k, bytes) in Self.mutations(of: text, count: 40, seed: 23).enumerated() {
            locations.append(Self.expectSame(bytes, "generated mutation \(k)"))
        }
        // Errors past the first block of 4096 ties (decoded by another worker) are among them.
        let indices = locations.compactMap { location -> Int? in
            guard location.hasPrefix("commitments[") else { return nil }
            return Int(location.dropFirst(12).prefix { $0.isNumber })
        }
        #expect(indices.contains { $0 >= 4096 })
    }

    /// Codes of 1 to 16 bytes that share 8-byte heads and prefixes, looked up in the code table
    /// and in a dictionary: same ids, and nil for every code that is not there (prefixes,
    /// extensions, a NUL byte).
    @Test("code table: same ids as a dictionary, for codes sharing heads and prefixes", arguments: [0, 1, 2])
    func codeTable(seed: Int) {
        var random = SplitMix(seed: UInt64(100 + seed))
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-".utf8)
        var codes: [String] = ["ABCDEFGH", "ABCDEFGHI", "ABCDEFGHIJKLMNOP", "A", "AB", "ABCDEFG"]
        var seen = Set(codes)
        let count = seed == 0 ? 40 : 20_000
        while codes.count < count {
            let length = 1 + Int(random.next() % 16)
            let prefix = random.next() % 3 == 0 ? Array(codes[Int(random.next() % UInt64(codes.count))].utf8) : []
            var bytes = Array(prefix.prefix(length))
            while bytes.count < length { bytes.append(alphabet[Int(random.next() % UInt64(alphabet.count))]) }
            let code = String(decoding: bytes, as: UTF8.self)
            if seen.insert(code).inserted { codes.append(code) }
        }
        let table = ScenarioCodeTable(codes: codes)
        #expect(table.firstDuplicate == nil)
        let index = Dictionary(uniqueKeysWithValues: codes.enumerated().map { ($1, StateID($0)) })
        var absent: [String] = ["", "ABCDEFGHIJ", "ABCDEFGHIJKLMNOPQ", "A\u{0}", "ABCDEFGH\u{0}", "abcdefgh"]
        for code in codes {
            #expect(table.id(code) == index[code], "\(code)")
            var bytes = Array(code.utf8)
            bytes.withUnsafeBufferPointer { buffer in
                #expect(table.lookup.id(buffer.baseAddress!, count: buffer.count) == index[code])
            }
            absent.append(String(code.dropLast()))
            absent.append(code + "Z")
            bytes[bytes.count - 1] ^= 0x20
            absent.append(String(decoding: bytes, as: UTF8.self))
        }
        for code in absent where index[code] == nil {
            #expect(table.id(code) == nil, "\(code) is not a code")
        }
        // Pairs, looked up side by side, as a tie's `between`.
        for _ in 0..<200 {
            let a = codes[Int(random.next() % UInt64(codes.count))], b = codes[Int(random.next() % UInt64(codes.count))]
            var bytesA = Array(a.utf8), bytesB = Array(b.utf8)
            let found = bytesA.withUnsafeBufferPointer { pa in
                bytesB.withUnsafeBufferPointer { pb in
                    table.lookup.ids(pa.baseAddress!, count: pa.count, pb.baseAddress!, count: pb.count)
                }
            }
            #expect(found?.0 == index[a] && found?.1 == index[b], "\(a), \(b)")
            bytesB.append(UInt8(ascii: "Z"))
            let missing = bytesA.withUnsafeBufferPointer { pa in
                bytesB.withUnsafeBufferPointer { pb in
                    table.lookup.ids(pa.baseAddress!, count: pa.count, pb.baseAddress!, count: pb.count)
                }
            }
            #expect(missing == nil || index[b + "Z"] != nil)
            _ = bytesA.popLast()
        }
    }

    @Test("code table: the first repeated code, which keeps its first id")
    func codeTableDuplicates() {
        let table = ScenarioCodeTable(codes: ["AAA", "LONGCODE12345", "BBB", "LONGCODE12345", "AAA"])
        #expect(table.firstDuplicate == 3)
        #expect(table.id("LONGCODE12345") == StateID(1))
        #expect(table.id("AAA") == StateID(0))
    }

    @Test("every commitment kind is read by the fast path, not left to the strict reader")
    func everyKindIsFast() {
        for kind in CommitmentKind.allCases {
            let bytes = Array("\"\(kind.rawValue)\"".utf8)
            bytes.withUnsafeBufferPointer { buffer in
                var reader = ScenarioFastReader(buffer, at: 0)
                #expect(reader.commitmentKind() == kind, "\(kind)")
            }
        }
        for text in ["\"defence\"", "\"Defense\"", "\"guarantees\"", "\"\""] {
            let bytes = Array(text.utf8)
            bytes.withUnsafeBufferPointer { buffer in
                var reader = ScenarioFastReader(buffer, at: 0)
                #expect(reader.commitmentKind() == nil, "\(text)")
            }
        }
    }
}
