@_spi(Internals) import AllianceGraph
import Foundation

/// Reads binary scenario snapshots (layout: `ScenarioSnapshot`), strictly: the checksum first,
/// then every field bounds-checked, then the same validation as a scenario file, so a snapshot
/// never gives a network that its JSON form would refuse. Errors name the file and the field in
/// the scenario format's terms (`commitments[7].kind`).
package enum ScenarioSnapshotReader {
    /// Reads the snapshot at `path` ("-" is standard input, limited to `ScenarioReader.maxFileSize`).
    /// A regular file is mapped, not copied.
    package static func read(path: String) throws(InputError) -> Scenario {
        do {
            return try FileInput.withBytes(path: path, streamLimit: ScenarioReader.maxFileSize, binary: true) {
                bytes, _ throws(InputError) in try decode(UnsafeRawBufferPointer(bytes))
            }
        } catch {
            throw error.file == nil ? error.inFile(path) : error
        }
    }

    /// Decodes a snapshot held in memory (errors carry no file name).
    package static func decode(_ bytes: [UInt8]) throws(InputError) -> Scenario {
        let result = bytes.withUnsafeBytes { buffer in Result { () throws(InputError) in try decode(buffer) } }
        return try result.get()
    }

    static func decode(_ bytes: UnsafeRawBufferPointer) throws(InputError) -> Scenario {
        guard ScenarioSnapshot.hasMagic(bytes) else {
            throw InputError("not an AllianceGraph snapshot (it does not start with the snapshot's magic bytes)")
        }
        var cursor = Cursor(bytes: bytes, end: bytes.count)
        cursor.offset = ScenarioSnapshot.magic.count
        let version = try cursor.u32("version")
        if version != ScenarioSnapshot.version {
            throw InputError(
                location: "version",
                "snapshot version \(version) is not supported; this build reads version \(ScenarioSnapshot.version) "
                    + "(convert the scenario again with this build)")
        }
        guard bytes.count >= cursor.offset + 12 else { throw Cursor.truncated("header") }
        let stored = bytes.loadUnaligned(fromByteOffset: bytes.count - 8, as: UInt64.self)
        let body = UnsafeRawBufferPointer(rebasing: bytes[..<(bytes.count - 8)])
        if UInt64(littleEndian: stored) != ScenarioSnapshot.checksum(body) {
            throw InputError(
                "the snapshot is damaged: its checksum does not match its contents (truncated or altered); "
                    + "write it again with alliancectl convert")
        }
        cursor.end = bytes.count - 8
        _ = try cursor.u32("reserved")

        let headerLength = try cursor.count("header", minimumElementSize: 1)
        let headerBytes = try cursor.take(headerLength, "header")
        let headerValue = try JSONParser.parse(Array(headerBytes))
        guard case .object(let members) = headerValue else {
            throw InputError(location: "header", "the snapshot's header is not a JSON object")
        }
        let document = JSONRootDocument(members: members)
        var root = try JSONObjectReader(headerValue, path: "")
        let header = try ScenarioReader.Header(&root, document)

        let states = try decodeStates(&cursor)
        let commitments = try decodeCommitments(&cursor)
        let rivalries = try decodeRivalries(&cursor)
        let contiguity = try decodeContiguity(&cursor)
        if cursor.offset != cursor.end {
            throw InputError(
                location: "contiguity", "\(cursor.end - cursor.offset) bytes follow the last section; expected the end")
        }
        // The network checks the codes (well-formed, unique) and everything else.
        let network = try AllianceNetwork(
            states: states, commitments: commitments, rivalries: rivalries, contiguity: contiguity)
        // War plans and propensities name states by code: the network's index resolves them.
        let resolver = CodeResolver(network: network)
        let warPlans = try ScenarioReader.decodeWarPlans(&root, document, resolver)
        let propensities = try ScenarioReader.decodePropensities(&root, document, resolver)
        try root.rejectUnknownFields()
        return try Scenario(
            name: header.name, year: header.year, description: header.description, codes: header.codes,
            sources: header.sources, parameters: header.parameters, network: network, warPlans: warPlans,
            propensities: propensities)
    }

    private static func decodeStates(_ cursor: inout Cursor) throws(InputError) -> [State] {
        // code and name lengths, note length, flags, ccode, seven doubles.
        let count = try cursor.count("states", minimumElementSize: 4 + 4 + 4 + 1 + 4 + 56)
        var states: [State] = []
        states.reserveCapacity(count)
        for index in 0..<count {
            let code = try cursor.string("states[\(index)].code")
            let name = try cursor.string("states[\(index)].name")
            let note = try cursor.optionalString("states[\(index)].note")
            let flags = try cursor.flags(
                "states[\(index)]", allowed: ScenarioSnapshot.majorFlag | ScenarioSnapshot.ccodeFlag)
            let ccode = Int(Int32(bitPattern: try cursor.u32("states[\(index)].ccode")))
            // capability, gdp, effort, baselineEffort, hawkishness, intent, growth.
            let values = try cursor.take(56, "states[\(index)]")
            func value(_ k: Int) -> Double {
                Double(bitPattern: UInt64(littleEndian: values.loadUnaligned(fromByteOffset: 8 * k, as: UInt64.self)))
            }
            states.append(
                State(
                    code: code, ccode: flags & ScenarioSnapshot.ccodeFlag != 0 ? ccode : nil, name: name,
                    capability: value(0), gdp: value(1), effort: value(2), baselineEffort: value(3),
                    major: flags & ScenarioSnapshot.majorFlag != 0, hawkishness: value(4), intent: value(5),
                    note: note, growth: value(6)))
        }
        return states
    }

    private static func decodeCommitments(_ cursor: inout Cursor) throws(InputError) -> [Commitment] {
        let kinds = ScenarioSnapshot.kinds
        let count = try cursor.count("commitments", minimumElementSize: 2 + 8 + 8)
        var commitments: [Commitment] = []
        commitments.reserveCapacity(count + ScenarioReader.spareCommitments(count))
        let allowed =
            ScenarioSnapshot.symmetricFlag | ScenarioSnapshot.sinceFlag | ScenarioSnapshot.untilFlag
            | ScenarioSnapshot.noteFlag
        for index in 0..<count {
            // The fixed part in one bounds check: kind, flags, two ids, one credibility.
            guard cursor.end - cursor.offset >= 18 else { throw Cursor.truncated("commitments[\(index)]") }
            let kindIndex = Int(cursor.unchecked(UInt8.self, at: 0))
            let flags = cursor.unchecked(UInt8.self, at: 1)
            let from = UInt32(littleEndian: cursor.unchecked(UInt32.self, at: 2))
            let to = UInt32(littleEndian: cursor.unchecked(UInt32.self, at: 6))
            let credibility = Double(bitPattern: UInt64(littleEndian: cursor.unchecked(UInt64.self, at: 10)))
            cursor.offset += 18
            guard kindIndex < kinds.count else {
                throw InputError(
                    location: "commitments[\(index)].kind",
                    "kind number \(kindIndex) is unknown; this build knows \(kinds.count) kinds")
            }
            if flags & ~allowed != 0 { throw Cursor.unknownFlags(flags, "commitments[\(index)]") }
            let symmetric = flags & ScenarioSnapshot.symmetricFlag != 0
            let reverse = symmetric ? try cursor.f64("commitments[\(index)].reverseCredibility") : nil
            let (since, until, note) = try cursor.optionals(flags, "commitments[\(index)]")
            let ends = symmetric ? ("between[0]", "between[1]") : ("from", "to")
            let fromID = try Cursor.id(from, "commitments[\(index)].\(ends.0)")
            let toID = try Cursor.id(to, "commitments[\(index)].\(ends.1)")
            commitments.append(
                Commitment(
                    kind: kinds[kindIndex], from: fromID, to: toID, isSymmetric: symmetric,
                    credibility: credibility, reverseCredibility: reverse, since: since, until: until, note: note))
        }
        return commitments
    }

    private static func decodeRivalries(_ cursor: inout Cursor) throws(InputError) -> [Rivalry] {
        let count = try cursor.count("rivalries", minimumElementSize: 1 + 8 + 8)
        var rivalries: [Rivalry] = []
        rivalries.reserveCapacity(count)
        let allowed = ScenarioSnapshot.sinceFlag | ScenarioSnapshot.untilFlag | ScenarioSnapshot.noteFlag
        for index in 0..<count {
            let flags = try cursor.flags("rivalries[\(index)]", allowed: allowed)
            let a = try cursor.id("rivalries[\(index)].between[0]"), b = try cursor.id("rivalries[\(index)].between[1]")
            let intensity = try cursor.f64("rivalries[\(index)].intensity")
            let (since, until, note) = try cursor.optionals(flags, "rivalries[\(index)]")
            rivalries.append(
                Rivalry(a, b, intensity: intensity, since: since, until: until, note: note))
        }
        return rivalries
    }

    private static func decodeContiguity(_ cursor: inout Cursor) throws(InputError) -> [Contiguity] {
        let count = try cursor.count("contiguity", minimumElementSize: 1 + 8 + 8)
        var entries: [Contiguity] = []
        entries.reserveCapacity(count)
        for index in 0..<count {
            let flags = try cursor.flags(
                "contiguity[\(index)]", allowed: ScenarioSnapshot.proximityFlag | ScenarioSnapshot.noteFlag)
            let a = try cursor.id("contiguity[\(index)].between[0]"),
                b = try cursor.id("contiguity[\(index)].between[1]")
            let raw = try cursor.u64("contiguity[\(index)]")
            let note = flags & ScenarioSnapshot.noteFlag != 0 ? try cursor.string("contiguity[\(index)].note") : nil
            if flags & ScenarioSnapshot.proximityFlag != 0 {
                entries.append(Contiguity(a, b, proximity: Double(bitPattern: raw), note: note))
            } else {
                let type = Int64(bitPattern: raw)
                guard let small = Int(exactly: type), Int32(exactly: type) != nil else {
                    throw InputError(
                        location: "contiguity[\(index)].type",
                        "contiguity type \(type) is not a COW type; expected 1 (land) to 5 (water <= 400 miles)")
                }
                entries.append(Contiguity(a, b, type: small, note: note))
            }
        }
        return entries
    }

    /// A bounds-checked position in the snapshot's bytes.
    struct Cursor {
        let bytes: UnsafeRawBufferPointer
        var end: Int
        var offset = 0

        init(bytes: UnsafeRawBufferPointer, end: Int) {
            self.bytes = bytes
            self.end = end
        }

        static func truncated(_ path: @autoclosure () -> String) -> InputError {
            InputError(location: path(), "the snapshot ends inside this field; it is truncated")
        }

        static func unknownFlags(_ flags: UInt8, _ path: @autoclosure () -> String) -> InputError {
            let hex = String(flags, radix: 16, uppercase: true)
            return InputError(location: "\(path()).flags", "unknown flags 0x\(hex) (written by a newer version?)")
        }

        /// Reads `T` at `offset + delta` without a bounds check (the caller checked the record).
        func unchecked<T: FixedWidthInteger>(_: T.Type, at delta: Int) -> T {
            bytes.loadUnaligned(fromByteOffset: offset + delta, as: T.self)
        }

        mutating func take(_ length: Int, _ path: @autoclosure () -> String) throws(InputError)
            -> UnsafeRawBufferPointer
        {
            guard length >= 0, end - offset >= length else { throw Self.truncated(path()) }
            defer { offset += length }
            return UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + length)])
        }

        mutating func u8(_ path: @autoclosure () -> String) throws(InputError) -> UInt8 { try take(1, path())[0] }

        mutating func u32(_ path: @autoclosure () -> String) throws(InputError) -> UInt32 {
            UInt32(littleEndian: try take(4, path()).loadUnaligned(as: UInt32.self))
        }

        mutating func u64(_ path: @autoclosure () -> String) throws(InputError) -> UInt64 {
            UInt64(littleEndian: try take(8, path()).loadUnaligned(as: UInt64.self))
        }

        /// A state index (u32); the network checks that it is in range.
        mutating func id(_ path: @autoclosure () -> String) throws(InputError) -> StateID {
            try Self.id(try u32(path()), path())
        }

        static func id(_ raw: UInt32, _ path: @autoclosure () -> String) throws(InputError) -> StateID {
            guard raw <= UInt32(Int32.max) else {
                throw InputError(location: path(), "state id \(raw) is out of range")
            }
            return StateID(Int(raw))
        }

        mutating func f64(_ path: @autoclosure () -> String) throws(InputError) -> Double {
            Double(bitPattern: try u64(path()))
        }

        /// A count of elements that can't hold more than the bytes left (`minimumElementSize`
        /// each), so a damaged count never reserves memory the file does not back.
        mutating func count(_ path: @autoclosure () -> String, minimumElementSize: Int) throws(InputError) -> Int {
            let value = try u64("\(path()) (count)")
            guard value <= UInt64((end - offset) / minimumElementSize) else {
                throw InputError(
                    location: path(), "the count \(value) is larger than the \(end - offset) bytes left can hold")
            }
            return Int(value)
        }

        mutating func flags(_ path: @autoclosure () -> String, allowed: UInt8) throws(InputError) -> UInt8 {
            let flags = try u8("\(path()).flags")
            if flags & ~allowed != 0 { throw Self.unknownFlags(flags, path()) }
            return flags
        }

        mutating func string(_ path: @autoclosure () -> String) throws(InputError) -> String {
            guard let text = try optionalString(path()) else {
                throw InputError(location: path(), "a required string is marked absent")
            }
            return text
        }

        mutating func optionalString(_ path: @autoclosure () -> String) throws(InputError) -> String? {
            let length = try u32(path())
            if length == ScenarioSnapshot.absentString { return nil }
            let raw = try take(Int(length), path())
            guard let text = String(validating: raw.assumingMemoryBound(to: UInt8.self), as: UTF8.self) else {
                throw InputError(location: path(), "is not valid UTF-8")
            }
            return text
        }

        /// since, until and note, each when its flag is set.
        mutating func optionals(_ flags: UInt8, _ path: @autoclosure () -> String) throws(InputError) -> (
            Int?, Int?, String?
        ) {
            let since = flags & ScenarioSnapshot.sinceFlag != 0 ? try year("\(path()).since") : nil
            let until = flags & ScenarioSnapshot.untilFlag != 0 ? try year("\(path()).until") : nil
            let note = flags & ScenarioSnapshot.noteFlag != 0 ? try string("\(path()).note") : nil
            return (since, until, note)
        }

        private mutating func year(_ path: @autoclosure () -> String) throws(InputError) -> Int {
            Int(Int64(bitPattern: try u64(path())))
        }
    }
}
