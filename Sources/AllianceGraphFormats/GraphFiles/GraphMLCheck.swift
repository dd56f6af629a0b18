@_spi(Internals) import AllianceGraph
import Foundation

/// Checks of a GraphML file that igraph's reader (0.10.2) does not make: it merges nodes that
/// share an id into one vertex and silently creates a vertex for an edge end that names no
/// node, so a typo would add or drop a state without a word.
///
/// A single pass over the bytes reads the start tags of the top-level `<graph>` (comments,
/// CDATA sections, processing instructions and declarations are skipped; nested graphs are
/// ignored, as igraph ignores them) and throws, with the line, for a node id declared twice or
/// an edge `source`/`target` that names no node of the graph, for a `<data>` value of a key
/// declared numeric that is not a number (igraph's own message gives no line), and for a second
/// top-level `<graph>`, which igraph would silently drop. Malformed XML is left to igraph's
/// parser, which reports it. Cost: O(bytes), iterative (no recursion, whatever the nesting).
enum GraphMLCheck {
    static func check(_ bytes: [UInt8]) throws(InputError) {
        var scanner = Scanner(bytes: bytes)
        var nodes: [String: Int] = [:]
        var edgeEnds: [(id: String, role: String, line: Int)] = []
        var graphDepth = 0
        var firstGraphLine: Int?
        var numericKeys = Set<String>()
        while let tag = scanner.nextTag() {
            let name = tag.name.split(separator: ":").last.map(String.init) ?? tag.name
            if tag.isEnd {
                if name == "graph" { graphDepth -= 1 }
                continue
            }
            if name == "key", let id = tag.attributes["id"],
                ["double", "float", "int", "long"].contains(tag.attributes["attr.type"]?.lowercased() ?? "")
            {
                numericKeys.insert(id)
                continue
            }
            if name == "graph" {
                if graphDepth == 0 {
                    if let first = firstGraphLine {
                        throw InputError(
                            location: "line \(tag.line)",
                            "a second <graph> (the first is on line \(first)); igraph reads only the first "
                                + "graph of a file, so the rest would be dropped: put one graph in each file")
                    }
                    firstGraphLine = tag.line
                }
                if !tag.isEmptyElement { graphDepth += 1 }
                continue
            }
            guard graphDepth == 1 else { continue }
            if name == "node", let id = tag.attributes["id"] {
                if let first = nodes[id] {
                    throw InputError(
                        location: "line \(tag.line)",
                        "duplicate node id \"\(id.prefix(40))\" (first declared on line \(first)); "
                            + "node ids must be unique")
                }
                nodes[id] = tag.line
            } else if name == "data", !tag.isEmptyElement, let key = tag.attributes["key"], numericKeys.contains(key) {
                let text = scanner.text().trimmingCharacters(in: .whitespacesAndNewlines)
                if !text.isEmpty && Double(text) == nil {
                    throw InputError(
                        location: "line \(tag.line)",
                        "the value \"\(text.prefix(40))\" of <data key=\"\(key.prefix(40))\"> is not a number "
                            + "(the key is declared numeric)")
                }
            } else if name == "edge" {
                for role in ["source", "target"] {
                    if let id = tag.attributes[role] { edgeEnds.append((id, role, tag.line)) }
                }
            }
        }
        for end in edgeEnds where nodes[end.id] == nil {
            throw InputError(
                location: "line \(end.line)",
                "edge \(end.role) \"\(end.id.prefix(40))\" is not the id of a node in the graph")
        }
    }

    struct Tag {
        var name: String
        var isEnd: Bool
        var isEmptyElement: Bool
        var attributes: [String: String]
        var line: Int
    }

    /// Finds start and end tags in XML bytes, counting lines.
    struct Scanner {
        let bytes: [UInt8]
        var position = 0
        var line = 1

        init(bytes: [UInt8]) { self.bytes = bytes }

        private mutating func advance(to end: Int) {
            let stop = min(end, bytes.count)
            while position < stop {
                if bytes[position] == UInt8(ascii: "\n") { line += 1 }
                position += 1
            }
        }

        /// The offset just past the next occurrence of `pattern` from `position`, or the end.
        private func after(_ pattern: [UInt8]) -> Int {
            var k = position
            while k + pattern.count <= bytes.count {
                if bytes[k] == pattern[0] && Array(bytes[k..<k + pattern.count]) == pattern { return k + pattern.count }
                k += 1
            }
            return bytes.count
        }

        private func starts(with pattern: String) -> Bool {
            let utf8 = Array(pattern.utf8)
            return position + utf8.count <= bytes.count && Array(bytes[position..<position + utf8.count]) == utf8
        }

        /// The character data from here to the next tag (entities decoded).
        mutating func text() -> String {
            let start = position
            var k = position
            while k < bytes.count, bytes[k] != UInt8(ascii: "<") { k += 1 }
            advance(to: k)
            return Self.decodeEntities(String(decoding: bytes[start..<k], as: UTF8.self))
        }

        mutating func nextTag() -> Tag? {
            while position < bytes.count {
                guard bytes[position] == UInt8(ascii: "<") else { advance(to: position + 1); continue }
                if starts(with: "<!--") { advance(to: after(Array("-->".utf8))); continue }
                if starts(with: "<![CDATA[") { advance(to: after(Array("]]>".utf8))); continue }
                if starts(with: "<?") { advance(to: after(Array("?>".utf8))); continue }
                if starts(with: "<!") { advance(to: after(Array(">".utf8))); continue }
                return readTag()
            }
            return nil
        }

        private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }

        private mutating func readTag() -> Tag? {
            let line = self.line
            var k = position + 1
            let isEnd = k < bytes.count && bytes[k] == UInt8(ascii: "/")
            if isEnd { k += 1 }
            let nameStart = k
            while k < bytes.count, !Self.isSpace(bytes[k]), bytes[k] != UInt8(ascii: ">"), bytes[k] != UInt8(ascii: "/")
            { k += 1 }
            let name = String(decoding: bytes[nameStart..<k], as: UTF8.self)
            var attributes: [String: String] = [:]
            var isEmptyElement = false
            var closed = false
            while k < bytes.count {
                let b = bytes[k]
                if Self.isSpace(b) { k += 1; continue }
                if b == UInt8(ascii: ">") { k += 1; closed = true; break }
                if b == UInt8(ascii: "/") { isEmptyElement = true; k += 1; continue }
                // name = "value" or name = 'value'
                let keyStart = k
                while k < bytes.count, !Self.isSpace(bytes[k]), bytes[k] != UInt8(ascii: "="),
                    bytes[k] != UInt8(ascii: ">")
                { k += 1 }
                let key = String(decoding: bytes[keyStart..<k], as: UTF8.self)
                while k < bytes.count, Self.isSpace(bytes[k]) { k += 1 }
                guard k < bytes.count, bytes[k] == UInt8(ascii: "=") else { continue }
                k += 1
                while k < bytes.count, Self.isSpace(bytes[k]) { k += 1 }
                guard k < bytes.count, bytes[k] == UInt8(ascii: "\"") || bytes[k] == UInt8(ascii: "'") else { continue }
                let quote = bytes[k]
                k += 1
                let valueStart = k
                while k < bytes.count, bytes[k] != quote { k += 1 }
                attributes[key] = Self.decodeEntities(
                    String(decoding: bytes[valueStart..<min(k, bytes.count)], as: UTF8.self))
                k += 1
            }
            // A tag cut off by the end of the file: malformed XML, left to igraph's parser.
            guard closed else { return nil }
            advance(to: k)
            return Tag(name: name, isEnd: isEnd, isEmptyElement: isEmptyElement, attributes: attributes, line: line)
        }

        /// Replaces XML's predefined and numeric character references.
        static func decodeEntities(_ text: String) -> String {
            guard text.contains("&") else { return text }
            var result = ""
            var rest = Substring(text)
            while let amp = rest.firstIndex(of: "&") {
                result += rest[..<amp]
                guard let semicolon = rest[amp...].firstIndex(of: ";") else { break }
                let entity = rest[rest.index(after: amp)..<semicolon]
                switch entity {
                case "amp": result += "&"
                case "lt": result += "<"
                case "gt": result += ">"
                case "quot": result += "\""
                case "apos": result += "'"
                default:
                    var scalar: Unicode.Scalar?
                    if entity.hasPrefix("#x") {
                        scalar = UInt32(entity.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init)
                    } else if entity.hasPrefix("#") {
                        scalar = UInt32(entity.dropFirst(1)).flatMap(Unicode.Scalar.init)
                    }
                    if let scalar { result.unicodeScalars.append(scalar) } else { result += rest[amp...semicolon] }
                }
                rest = rest[rest.index(after: semicolon)...]
            }
            return result + rest
        }
    }
}
