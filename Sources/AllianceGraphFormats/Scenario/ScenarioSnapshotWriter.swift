@_spi(Internals) import AllianceGraph
import Foundation

/// Writes a scenario as a binary snapshot (layout: `ScenarioSnapshot`). Deterministic: the same
/// scenario gives the same bytes. Reading the snapshot back gives an equal scenario.
package enum ScenarioSnapshotWriter {
    /// The snapshot's bytes. Memory: about 30 bytes per commitment beside the scenario.
    package static func encode(_ scenario: Scenario) -> Data {
        let network = scenario.network
        var out = ByteSink(
            capacity: 64 + network.states.count * 96 + network.commitments.count * 34
                + network.rivalries.count * 30 + network.contiguity.count * 30)
        out.bytes.append(contentsOf: ScenarioSnapshot.magic)
        out.u32(ScenarioSnapshot.version)
        out.u32(0)
        let header = Array(headerJSON(scenario).utf8)
        out.u64(UInt64(header.count))
        out.bytes.append(contentsOf: header)

        out.u64(UInt64(network.states.count))
        for state in network.states {
            out.string(state.code)
            out.string(state.name)
            out.optionalString(state.note)
            out.u8(
                (state.major ? ScenarioSnapshot.majorFlag : 0) | (state.ccode != nil ? ScenarioSnapshot.ccodeFlag : 0))
            out.u32(UInt32(bitPattern: Int32(truncatingIfNeeded: state.ccode ?? 0)))
            for value in [
                state.capability, state.gdp, state.effort, state.baselineEffort, state.hawkishness, state.intent,
                state.growth,
            ] {
                out.f64(value)
            }
        }

        let kinds = ScenarioSnapshot.kinds
        out.u64(UInt64(network.commitments.count))
        for c in network.commitments {
            out.u8(UInt8(kinds.firstIndex(of: c.kind) ?? 0))
            out.u8((c.isSymmetric ? ScenarioSnapshot.symmetricFlag : 0) | optionalFlags(c.since, c.until, c.note))
            out.u32(UInt32(c.from.index))
            out.u32(UInt32(c.to.index))
            out.f64(c.credibility)
            if c.isSymmetric { out.f64(c.reverseCredibility ?? c.credibility) }
            out.optionals(c.since, c.until, c.note)
        }

        out.u64(UInt64(network.rivalries.count))
        for r in network.rivalries {
            out.u8(optionalFlags(r.since, r.until, r.note))
            out.u32(UInt32(r.pair.low.index))
            out.u32(UInt32(r.pair.high.index))
            out.f64(r.intensity)
            out.optionals(r.since, r.until, r.note)
        }

        out.u64(UInt64(network.contiguity.count))
        for entry in network.contiguity {
            var flags = entry.note != nil ? ScenarioSnapshot.noteFlag : 0
            if case .proximity = entry.kind { flags |= ScenarioSnapshot.proximityFlag }
            out.u8(flags)
            out.u32(UInt32(entry.pair.low.index))
            out.u32(UInt32(entry.pair.high.index))
            switch entry.kind {
            case .cowType(let type): out.u64(UInt64(bitPattern: Int64(type)))
            case .proximity(let value): out.f64(value)
            }
            if let note = entry.note { out.string(note) }
        }

        let sum = out.bytes.withUnsafeBytes { ScenarioSnapshot.checksum($0) }
        out.u64(sum)
        return Data(out.bytes)
    }

    /// The header: the scenario JSON's root members other than the four long lists.
    static func headerJSON(_ scenario: Scenario) -> String {
        let members = ScenarioWriter.parts(scenario).compactMap { part -> JSONMember? in
            if case .member(let member) = part { return member }
            return nil
        }
        return JSONWriter.serialize(.object(members))
    }

    private static func optionalFlags(_ since: Int?, _ until: Int?, _ note: String?) -> UInt8 {
        (since != nil ? ScenarioSnapshot.sinceFlag : 0) | (until != nil ? ScenarioSnapshot.untilFlag : 0)
            | (note != nil ? ScenarioSnapshot.noteFlag : 0)
    }

    /// Little-endian appends to a growing byte array.
    private struct ByteSink {
        var bytes: [UInt8] = []

        init(capacity: Int) { bytes.reserveCapacity(capacity) }

        mutating func u8(_ value: UInt8) { bytes.append(value) }
        mutating func u32(_ value: UInt32) { withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) } }
        mutating func u64(_ value: UInt64) { withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) } }
        mutating func f64(_ value: Double) { u64(value.bitPattern) }

        mutating func string(_ text: String) {
            let utf8 = text.utf8
            u32(UInt32(utf8.count))
            bytes.append(contentsOf: utf8)
        }

        mutating func optionalString(_ text: String?) {
            if let text { string(text) } else { u32(ScenarioSnapshot.absentString) }
        }

        mutating func optionals(_ since: Int?, _ until: Int?, _ note: String?) {
            if let since { u64(UInt64(bitPattern: Int64(since))) }
            if let until { u64(UInt64(bitPattern: Int64(until))) }
            if let note { string(note) }
        }
    }
}
