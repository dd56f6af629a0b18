@_spi(Internals) import AllianceGraph
/// A JSON document whose root is an object, read so that its arrays never exist as a whole in
/// memory: the scenario reader's path for files of millions of ties.
///
/// `JSONParser.parseRoot` checks the whole document exactly as `JSONParser.parse` does (same
/// grammar, same errors with the same line and column) but keeps only the root's members; a
/// root member that is an array is kept as an empty placeholder, with the offset and element
/// count of the array in the file. `forEachElement` parses such an array again, one element at a
/// time, so the caller builds its compact values from each element and drops the element. A
/// document built from an already parsed `JSONValue` (`init(members:)`) iterates its arrays.
/// Costs: two parses of the arrays' bytes; memory O(largest element) beyond the file's bytes.
struct JSONRootDocument {
    /// The root members in file order; deferred arrays are `.array([])`.
    let members: [JSONMember]
    private let deferred: [String: RootArraySpan]
    private let bytes: UnsafeBufferPointer<UInt8>?
    private let release: ((Range<Int>) -> Void)?

    /// A document over members already parsed.
    init(members: [JSONMember]) {
        self.members = members
        deferred = [:]
        bytes = nil
        release = nil
    }

    fileprivate init(
        members: [JSONMember], deferred: [String: RootArraySpan],
        bytes: UnsafeBufferPointer<UInt8>, release: ((Range<Int>) -> Void)?
    ) {
        self.members = members
        self.deferred = deferred
        self.bytes = bytes
        self.release = release
    }

    /// How many elements the root array `key` has (nil when `key` is absent or not an array).
    func elementCount(_ key: String) -> Int? {
        if let span = deferred[key] { return span.count }
        guard case .array(let elements)? = members.first(where: { $0.key == key })?.value else { return nil }
        return elements.count
    }

    /// The bytes and span of the root array `key` when it was deferred (for `ParallelArrayDecoder`).
    func deferredArray(_ key: String) -> (bytes: UnsafeBufferPointer<UInt8>, span: RootArraySpan)? {
        guard let span = deferred[key], let bytes else { return nil }
        return (bytes, span)
    }

    /// The hook that returns bytes already decoded to the system (nil for documents in memory).
    var releaseHook: ((Range<Int>) -> Void)? { release }

    /// Calls `body` with each element of the root array `key`, in order (nothing when absent).
    func forEachElement(_ key: String, _ body: (Int, JSONValue) throws(InputError) -> Void) throws(InputError) {
        if let span = deferred[key], let bytes {
            var parser = JSONParser(bytes)
            parser.position = span.offset
            try parser.forEachRootArrayElement(release: release) { index, value throws(InputError) in
                try body(index, value)
            }
            return
        }
        guard case .array(let elements)? = members.first(where: { $0.key == key })?.value else { return }
        for (index, element) in elements.enumerated() { try body(index, element) }
    }
}

/// Where a deferred root array is: the offset of its `[`, its element count, and the offset of
/// every `checkpointStride`-th element (element `k * checkpointStride` starts at
/// `checkpoints[k]`), so that chunks of it can be decoded on several threads.
struct RootArraySpan {
    static let checkpointStride = 4096
    let offset: Int
    let count: Int
    let checkpoints: [Int]
}

extension JSONParser {
    /// Bytes parsed between two calls of a `release` hook (the reader returns them to the system).
    static let releaseStride = 64 << 20

    /// Parses `bytes` as `parse` does when the root is an object, deferring the root's arrays
    /// (see `JSONRootDocument`); nil when the root is not an object (parse it with `parse`).
    /// `release(range)` is called now and then with a range of bytes that is not needed again
    /// until `forEachElement` reads the array again.
    /// `arrayChecked(key, span)` is called as soon as the root array `key` is checked, while the
    /// rest of the document is not yet (a reader may start decoding it on another thread; it
    /// must not report anything before `parseRoot` returns).
    static func parseRoot(
        _ bytes: UnsafeBufferPointer<UInt8>, release: ((Range<Int>) -> Void)? = nil,
        arrayChecked: ((String, RootArraySpan) -> Void)? = nil
    ) throws(InputError) -> JSONRootDocument? {
        var parser = JSONParser(bytes)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { parser.position = 3 }
        parser.skipWhitespace()
        guard parser.position < bytes.count, bytes[parser.position] == UInt8(ascii: "{") else { return nil }
        // As parseObject(depth: 1), but arrays are checked element by element and not kept.
        parser.position += 1
        var members: [JSONMember] = []
        var deferred: [String: RootArraySpan] = [:]
        var keys = Set<String>()
        parser.skipWhitespace()
        if parser.position < bytes.count, bytes[parser.position] == UInt8(ascii: "}") {
            parser.position += 1
        } else {
            objectLoop: while true {
                parser.skipWhitespace()
                guard parser.position < bytes.count, bytes[parser.position] == UInt8(ascii: "\"") else {
                    throw parser.error(
                        parser.position < bytes.count
                            ? "expected a quoted key" : "unexpected end of file inside an object")
                }
                let keyOffset = parser.position
                let key = try parser.parseString()
                if !keys.insert(key).inserted {
                    throw parser.error("duplicate key \"\(key)\" in one object", at: keyOffset)
                }
                parser.skipWhitespace()
                guard parser.position < bytes.count, bytes[parser.position] == UInt8(ascii: ":") else {
                    throw parser.error("expected ':' after the key")
                }
                parser.position += 1
                parser.skipWhitespace()
                if parser.position < bytes.count, bytes[parser.position] == UInt8(ascii: "[") {
                    let offset = parser.position
                    let (count, checkpoints) = try parser.checkRootArray(release: release)
                    let span = RootArraySpan(offset: offset, count: count, checkpoints: checkpoints)
                    deferred[key] = span
                    arrayChecked?(key, span)
                    members.append(JSONMember(key: key, value: .array([])))
                } else {
                    members.append(JSONMember(key: key, value: try parser.parseValue(depth: 1)))
                }
                parser.skipWhitespace()
                guard parser.position < bytes.count else {
                    throw parser.error("unexpected end of file inside an object")
                }
                if bytes[parser.position] == UInt8(ascii: ",") { parser.position += 1; continue }
                if bytes[parser.position] == UInt8(ascii: "}") { parser.position += 1; break objectLoop }
                throw parser.error("expected ',' or '}' in an object")
            }
        }
        parser.skipWhitespace()
        if parser.position < bytes.count {
            throw parser.error("unexpected content after the end of the JSON document")
        }
        return JSONRootDocument(members: members, deferred: deferred, bytes: bytes, release: release)
    }

    /// Checks the array at `position` (a member of the root object) as `forEachRootArrayElement`
    /// does with a body that keeps nothing, with the same errors, but without building the
    /// elements (`skipValue`, falling back to `parseValue` for an element it is not sure of).
    /// Returns the element count and the offsets of every `RootArraySpan.checkpointStride`-th element.
    mutating func checkRootArray(release: ((Range<Int>) -> Void)?) throws(InputError) -> (Int, [Int]) {
        position += 1
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "]") { position += 1; return (0, []) }
        var index = 0
        var checkpoints: [Int] = []
        var released = position
        while true {
            skipWhitespace()
            let start = position
            if index % RootArraySpan.checkpointStride == 0 { checkpoints.append(start) }
            if !skipValue(depth: 2) {
                position = start
                _ = try parseValue(depth: 2)
            }
            index += 1
            if let release, position - released >= Self.releaseStride {
                release(released..<position)
                released = position
            }
            skipWhitespace()
            guard position < bytes.count else { throw error("unexpected end of file inside an array") }
            if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
            if bytes[position] == UInt8(ascii: "]") { position += 1; return (index, checkpoints) }
            throw error("expected ',' or ']' in an array")
        }
    }

    /// Parses the array at `position` (a member of the root object: depth 2) element by element,
    /// as parseArray does, handing each element to `body` and keeping none.
    mutating func forEachRootArrayElement(
        release: ((Range<Int>) -> Void)?,
        _ body: (Int, JSONValue) throws(InputError) -> Void
    ) throws(InputError) {
        let depth = 2
        if depth > Self.maxDepth { throw error("nesting deeper than \(Self.maxDepth) levels") }
        position += 1
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "]") { position += 1; return }
        var index = 0
        var released = position
        while true {
            skipWhitespace()
            try body(index, try parseValue(depth: depth))
            index += 1
            if let release, position - released >= Self.releaseStride {
                release(released..<position)
                released = position
            }
            skipWhitespace()
            guard position < bytes.count else { throw error("unexpected end of file inside an array") }
            if bytes[position] == UInt8(ascii: ",") { position += 1; continue }
            if bytes[position] == UInt8(ascii: "]") { position += 1; return }
            throw error("expected ',' or ']' in an array")
        }
    }
}
