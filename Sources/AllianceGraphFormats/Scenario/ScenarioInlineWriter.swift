@_spi(Internals) import AllianceGraph

/// The one-line form of the elements of a scenario's long lists (commitments, rivalries,
/// contiguity entries), as `JSONWriter` writes them in a streamed list
/// (`{"kind": "defense", "between": ["A", "B"]}`), appended as bytes without building the
/// element's document. Each method answers false and appends nothing when the element does not
/// fit `JSONWriter`'s 160-character line; the document then writes it over several lines.
///
/// Every state's code is copied once into a table of 16-byte slots (a valid code is 1 to 16
/// ASCII letters, digits, `_` or `-`, so it is written between quotes without escapes): an
/// element copies its states' codes from the table instead of reading each `State` (about 130
/// bytes) at random in the states array. On a million states that array is 128 MB, so nearly
/// every code read was a cache miss, which took 90 % of the commitment writer's time; the table
/// is 17 MB, one cache line per code.
struct ScenarioInlineWriter: Sendable {
    /// Code `i`'s bytes, little-endian: bytes 0-7 in `codeWords[2 i]`, 8-15 in `codeWords[2 i + 1]`.
    private let codeWords: [UInt64]
    private let codeLengths: [UInt8]

    /// Nil when a code is longer than 16 bytes or needs escaping (no valid network has one):
    /// the caller then writes every element through its document.
    init?(_ network: AllianceNetwork) {
        var words = [UInt64](repeating: 0, count: 2 * network.count)
        var lengths = [UInt8](repeating: 0, count: network.count)
        for (i, state) in network.states.enumerated() {
            var k = 0
            for byte in state.code.utf8 {
                guard k < 16, byte >= 0x20, byte != 0x22, byte != 0x5C else { return nil }
                words[2 * i + k / 8] |= UInt64(byte) << (8 * UInt64(k % 8))
                k += 1
            }
            lengths[i] = UInt8(k)
        }
        codeWords = words
        codeLengths = lengths
    }

    /// Asks the CPU for the code slots of `c`'s states (`CachePrefetch`): the streamed writer
    /// calls it for the commitment a few dozen places ahead of the one it writes, so that the
    /// random reads of the table overlap instead of each waiting for memory.
    func prefetchCodes(of c: Commitment) {
        codeWords.withUnsafeBufferPointer { words in
            CachePrefetch.read(words.baseAddress! + 2 * c.from.index)
            CachePrefetch.read(words.baseAddress! + 2 * c.to.index)
        }
    }

    /// The one-line form of `ScenarioWriter.commitmentDocument(c, network)`.
    func commitment(_ c: Commitment, to out: inout [UInt8]) -> Bool {
        let start = out.count
        out.append(UInt8(ascii: "{"))
        key("kind", start, &out)
        JSONWriter.appendQuoted(c.kind.rawValue, to: &out)
        if c.isSymmetric {
            key("between", start, &out)
            pair(c.from, c.to, &out)
        } else {
            key("from", start, &out)
            code(c.from, &out)
            key("to", start, &out)
            code(c.to, &out)
        }
        if c.credibility != c.kind.defaultCredibility || (c.reverseCredibility.map { $0 != c.credibility } ?? false) {
            key("credibility", start, &out)
            number(c.credibility, &out)
        }
        if let reverse = c.reverseCredibility, reverse != c.credibility {
            key("reverseCredibility", start, &out)
            number(reverse, &out)
        }
        spell(c.since, c.until, c.note, start, &out)
        return close(start, &out)
    }

    /// The one-line form of `ScenarioWriter.rivalryDocument(r, network)`.
    func rivalry(_ r: Rivalry, to out: inout [UInt8]) -> Bool {
        let start = openBetween(r.pair, &out)
        if r.intensity != 1 {
            key("intensity", start, &out)
            number(r.intensity, &out)
        }
        spell(r.since, r.until, r.note, start, &out)
        return close(start, &out)
    }

    /// The one-line form of `ScenarioWriter.contiguityDocument(c, network)`.
    func contiguity(_ c: Contiguity, to out: inout [UInt8]) -> Bool {
        let start = openBetween(c.pair, &out)
        switch c.kind {
        case .cowType(let type):
            key("type", start, &out)
            out.append(contentsOf: String(type).utf8)
        case .proximity(let value):
            key("proximity", start, &out)
            number(value, &out)
        }
        if let note = c.note {
            key("note", start, &out)
            JSONWriter.appendQuoted(note, to: &out)
        }
        return close(start, &out)
    }

    /// `"name": ` after `, ` unless it is the element's first member (right after its `{`).
    private func key(_ name: StaticString, _ start: Int, _ out: inout [UInt8]) {
        if out.count > start + 1 { out.append(contentsOf: [UInt8(ascii: ","), UInt8(ascii: " ")]) }
        out.append(UInt8(ascii: "\""))
        out.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
        out.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":"), UInt8(ascii: " ")])
    }

    /// `"code"`, the bytes taken from the state's slot.
    private func code(_ id: StateID, _ out: inout [UInt8]) {
        let i = id.index
        out.append(UInt8(ascii: "\""))
        var word = codeWords[2 * i]
        for k in 0..<Int(codeLengths[i]) {
            if k == 8 { word = codeWords[2 * i + 1] }
            out.append(UInt8(truncatingIfNeeded: word))
            word >>= 8
        }
        out.append(UInt8(ascii: "\""))
    }

    /// `{"between": ["A", "B"]` for an element that starts with its pair; returns where it starts.
    private func openBetween(_ states: StatePair, _ out: inout [UInt8]) -> Int {
        let start = out.count
        out.append(UInt8(ascii: "{"))
        key("between", start, &out)
        pair(states.low, states.high, &out)
        return start
    }

    /// `["A", "B"]`.
    private func pair(_ first: StateID, _ second: StateID, _ out: inout [UInt8]) {
        out.append(UInt8(ascii: "["))
        code(first, &out)
        out.append(contentsOf: [UInt8(ascii: ","), UInt8(ascii: " ")])
        code(second, &out)
        out.append(UInt8(ascii: "]"))
    }

    /// What `JSONValue.number(value)` writes: the shortest round-trip form, `null` when not finite.
    private func number(_ value: Double, _ out: inout [UInt8]) {
        out.append(contentsOf: (value.isFinite ? NumberFormat.json(value) : "null").utf8)
    }

    /// The optional `since`, `until` and `note` members, in that order.
    private func spell(_ since: Int?, _ until: Int?, _ note: String?, _ start: Int, _ out: inout [UInt8]) {
        if let since {
            key("since", start, &out)
            out.append(contentsOf: String(since).utf8)
        }
        if let until {
            key("until", start, &out)
            out.append(contentsOf: String(until).utf8)
        }
        if let note {
            key("note", start, &out)
            JSONWriter.appendQuoted(note, to: &out)
        }
    }

    /// Ends the element; true when it fits the line, else removes it and answers false.
    private func close(_ start: Int, _ out: inout [UInt8]) -> Bool {
        out.append(UInt8(ascii: "}"))
        if JSONWriter.fits(out[start...], indent: 4, width: 160) { return true }
        out.removeSubrange(start...)
        return false
    }
}
