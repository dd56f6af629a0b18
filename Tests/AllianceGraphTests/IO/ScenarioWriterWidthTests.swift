import Foundation
import Testing
@_spi(Internals) @testable import AllianceGraph
@_spi(Internals) @testable import AllianceGraphFormats

/// The one-line rule of the scenario writer (an element stays on one line when its compact form
/// fits in 160 characters at its indent) counted in characters, not bytes or scalars, and the
/// streamed byte writer equal to the document writer around that limit.
@Suite("Scenario writer: the 160-character line counted in characters, streamed as the document")
struct ScenarioWriterWidthTests {
    /// Texts of `characters` characters made of 1-, 2- and 3-byte characters and of combining
    /// sequences (one character, two scalars), with escapes in some.
    static func note(_ characters: Int, style: Int) -> String {
        switch style {
        case 0: return String(repeating: "a", count: characters)
        case 1: return String(repeating: "\u{E9}", count: characters)  // é: 2 bytes
        case 2: return String(repeating: "e\u{301}", count: characters)  // e + combining acute
        case 3: return String(repeating: "\u{20AC}", count: characters)  // €: 3 bytes
        default: return "\"" + String(repeating: "\u{E9}", count: max(0, characters - 3)) + "\\\n"
        }
    }

    @Test("a rivalry line is inline exactly when its compact form has at most 156 characters")
    func widthInCharacters() throws {
        // `{"between": ["A", "B"], "note": "..."}` is 35 characters plus the note's escaped text.
        for style in 0...4 {
            for length in 110...130 {
                let note = Self.note(length, style: style)
                let value = JSONValue.object([
                    JSONMember(key: "between", value: .array([.string("A"), .string("B")])),
                    JSONMember(key: "note", value: .string(note)),
                ])
                var bytes: [UInt8] = []
                JSONWriter.append(value, to: &bytes, indent: 4)
                var text = ""
                JSONWriter.append(value, to: &text, indent: 4)
                #expect(String(decoding: bytes, as: UTF8.self) == text, "style \(style), \(length)")
                let compact = "{\"between\": [\"A\", \"B\"], \"note\": \(JSONWriter.quote(note))}"
                #expect((text == compact) == (compact.count + 4 <= 160), "style \(style), \(length)")
            }
        }
    }

    @Test("the streamed file equals the document writer's for lists of long, escaped, non-ASCII notes")
    func streamedEqualsDocument() throws {
        var states: [State] = []
        for k in 0..<80 {
            var state = State(
                code: "S\(k)", name: Self.note(100 + k % 60, style: k % 4), capability: 0.01 * Double(k + 1))
            state.note = Self.note(90 + k, style: (k + 1) % 5)
            states.append(state)
        }
        var rivalries: [Rivalry] = []
        var commitments: [Commitment] = []
        for k in 0..<79 {
            rivalries.append(
                Rivalry(StateID(k), StateID(k + 1), intensity: 0.5, note: Self.note(80 + k % 50, style: k % 5)))
            commitments.append(
                .symmetric(.defense, StateID(k), StateID((k + 2) % 80), note: Self.note(100 + k, style: (k + 2) % 5)))
        }
        let network = try AllianceNetwork(states: states, commitments: commitments, rivalries: rivalries)
        let scenario = try Scenario(name: "width", network: network)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("width-\(UUID().uuidString).json")
            .path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try ScenarioWriter.write(scenario, to: path)
        let streamed = try String(contentsOfFile: path, encoding: .utf8)
        #expect(streamed == ScenarioWriter.json(scenario))
        #expect(try ScenarioReader.parse(streamed) == scenario)
        // Both forms occur: some elements on one line, some spread over several.
        let lines = streamed.split(separator: "\n")
        #expect(lines.contains { $0.hasPrefix("    {\"between\"") && $0.hasSuffix("},") })
        #expect(lines.contains { $0 == "    {" })
    }
}
