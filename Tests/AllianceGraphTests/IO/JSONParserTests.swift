import Testing
@_spi(Internals) @testable import AllianceGraph
@_spi(Internals) @testable import AllianceGraphFormats
@testable import AllianceGraphRender

@Suite("Strict JSON parser")
struct JSONParserTests {
    func parse(_ text: String) throws(InputError) -> JSONValue { try JSONParser.parse(Array(text.utf8)) }

    @Test("escapes, surrogate pairs and raw UTF-8 decode to the same string")
    func strings() throws {
        let value = try parse(#"["a\"b\\c\/d\n\t", "\u00e9\ud83d\ude00", "é😀"]"#)
        #expect(value == .array([.string("a\"b\\c/d\n\t"), .string("é😀"), .string("é😀")]))
    }

    @Test("numbers keep their source text and reject non-JSON forms")
    func numbers() throws {
        #expect(
            try parse("[1914, -0.5, 1e-3, 2E+2]")
                == .array([
                    .number(1914, text: "1914"), .number(-0.5, text: "-0.5"), .number(0.001, text: "1e-3"),
                    .number(200, text: "2E+2"),
                ]))
        for bad in ["01", "1.", ".5", "+1", "1e", "-", "0x10", "Infinity", "NaN", "1e999"] {
            #expect(throws: InputError.self, "\(bad)") { try parse("[\(bad)]") }
        }
    }

    @Test("structural errors carry line and column")
    func positions() {
        do {
            _ = try parse("{\n  \"a\": 1,\n  \"b\" 2\n}")
            Issue.record("accepted")
        } catch {
            #expect(error.location == "line 3, column 7")
            #expect(error.message.contains("expected ':'"))
        }
    }

    @Test("duplicate keys, trailing commas, comments and trailing content are rejected")
    func rejected() {
        for bad in [
            #"{"a": 1, "a": 2}"#, "[1, 2,]", #"{"a": 1,}"#, "[1] // c", "[1] [2]", "", "   ", #"{"a" : tru}"#,
            "\"unterminated", "\"bad \\x escape\"", "\"lone \\ud800\"", "\"tab\there\"",
        ] {
            #expect(throws: InputError.self, "\(bad)") { try parse(bad) }
        }
    }

    @Test("duplicate keys are found in small objects (scanned) and large ones (hashed), escaped or not")
    func duplicateKeysAtEverySize() throws {
        for size in [1, 2, 15, 16, 17, 40] {
            let keys = (0..<size).map { "k\($0)" }
            let members = keys.map { "\"\($0)\": 1" }.joined(separator: ", ")
            #expect(throws: Never.self, "\(size) distinct keys") { try parse("{\(members)}") }
            for repeated in Set([0, size / 2, size - 1]) {
                do {
                    _ = try parse("{\(members), \"\(keys[repeated])\": 2}")
                    Issue.record("\(size) keys, k\(repeated) repeated: accepted")
                } catch {
                    #expect(error.message.contains("duplicate key \"k\(repeated)\""), "\(error.message)")
                }
                // The same key spelt with an escape is the same key.
                let escaped = "\\u006b" + keys[repeated].dropFirst()
                #expect(throws: InputError.self, "\(size) keys, escaped repeat") {
                    try parse("{\(members), \"\(escaped)\": 2}")
                }
            }
        }
    }

    @Test("plain ASCII strings (the fast path) and strings that leave it decode alike")
    func stringPaths() throws {
        // (JSON source of the string, without quotes; the decoded value)
        let cases: [(String, String)] = [
            ("", ""), ("GMY", "GMY"), ("a longer name, past fifteen bytes", "a longer name, past fifteen bytes"),
            (#"tail\n"#, "tail\n"), (#"\u0041BC"#, "ABC"), (#"caf\u00e9 x"#, "café x"), ("café", "café"),
            ("~ !#$%&'()*+,-./:;<=>?@[]^_`{|}", "~ !#$%&'()*+,-./:;<=>?@[]^_`{|}"),
        ]
        for (source, expected) in cases {
            #expect(try parse("[\"" + source + "\"]") == .array([.string(expected)]), "\(source)")
        }
        // A control character after plain ASCII, no closing quote, a trailing backslash.
        for bad in ["[\"ab\u{01}c\"]", "[\"abc", "[\"abc\\", "[\"abc\\\"]"] {
            #expect(throws: InputError.self, "\(bad.debugDescription)") { try parse(bad) }
        }
    }

    @Test("nesting beyond the limit is an error, not a stack overflow")
    func deepNesting() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: InputError.self) { try parse(deep) }
        let ok = String(repeating: "[", count: 200) + String(repeating: "]", count: 200)
        #expect(throws: Never.self) { try parse(ok) }
    }

    @Test("a UTF-8 byte-order mark is skipped; invalid UTF-8 is rejected")
    func encoding() throws {
        #expect(try JSONParser.parse([0xEF, 0xBB, 0xBF] + Array("[1]".utf8)) == .array([.number(1, text: "1")]))
        for bytes: [UInt8] in [[0x22, 0xC0, 0xAF, 0x22], [0x22, 0xED, 0xA0, 0x80, 0x22], [0x22, 0xE2, 0x82, 0x22]] {
            #expect(throws: InputError.self) { try JSONParser.parse(bytes) }
        }
    }

    @Test("the writer round-trips values and escapes control characters")
    func writerRoundTrip() throws {
        let value = JSONValue.object([
            JSONMember(key: "s", value: .string("x\u{01}\"y\n")),
            JSONMember(key: "n", value: .number(0.1 + 0.2)),
            JSONMember(key: "a", value: .array([.integer(3), .bool(false), .null])),
        ])
        for pretty in [true, false] {
            let text = JSONWriter.serialize(value, pretty: pretty)
            #expect(try parse(text) == value)
        }
        #expect(JSONWriter.quote("\u{01}") == #""\u0001""#)
    }
}

@Suite("Number formatting")
struct NumberFormatTests {
    @Test("shortest round-trip form without locale, integers without a fraction")
    func json() {
        #expect(NumberFormat.json(1) == "1")
        #expect(NumberFormat.json(-0.0) == "0")
        #expect(NumberFormat.json(0.745) == "0.745")
        #expect(NumberFormat.json(1e-12) == "1e-12")
        #expect(NumberFormat.json(0.1 + 0.2) == "0.30000000000000004")
        #expect(Double(NumberFormat.json(1.0 / 3.0)) == 1.0 / 3.0)
        #expect(NumberFormat.csv(.nan) == "NA")
    }

    @Test("fixed-point form rounds half away from zero and never prints -0")
    func fixed() {
        #expect(NumberFormat.fixed(0.12345, digits: 4) == "0.1235")
        #expect(NumberFormat.fixed(-0.00001, digits: 4) == "0.0000")
        #expect(NumberFormat.fixed(2.99999, digits: 2) == "3.00")
        #expect(NumberFormat.fixed(-1.5, digits: 0) == "-2")
        #expect(NumberFormat.fixed(.nan, digits: 3) == "-")
    }

    @Test("scientific form for huge table values")
    func scientific() {
        #expect(NumberFormat.scientific(255_179_800_000, significant: 3) == "2.55e+11")
        #expect(NumberFormat.scientific(9.996e6, significant: 3) == "1.00e+07")
        #expect(NumberFormat.scientific(-0.00012345, significant: 2) == "-1.2e-04")
    }
}
