@_spi(Internals) import AllianceGraph
/// Reads the fields of one JSON object strictly, tracking the JSON path for error messages.
///
/// Callers declare every field they know with the typed accessors and finish with
/// `rejectUnknownFields()`, which reports any other field with a "did you mean" hint.
package struct JSONObjectReader {
    package let path: String
    private let members: [JSONMember]
    private var known: [String] = []

    /// Wraps `value`, which must be an object.
    package init(_ value: JSONValue, path: String) throws(InputError) {
        guard case .object(let members) = value else {
            throw InputError(location: path.isEmpty ? nil : path, "expected an object, found \(value.typeName)")
        }
        self.members = members
        self.path = path
    }

    package func childPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// The raw value of `key`, marking the key as known; nil when absent.
    package mutating func value(_ key: String) -> JSONValue? {
        known.append(key)
        return members.first { $0.key == key }?.value
    }

    package mutating func has(_ key: String) -> Bool {
        members.contains { $0.key == key }
    }

    package mutating func requiredValue(_ key: String) throws(InputError) -> JSONValue {
        guard let value = value(key) else {
            // A misspelt required field reads better as the misspelling than as a missing field.
            if let typo = members.first(where: { member in
                member.key != key && NameSuggestion.closest(to: member.key, among: [key]) != nil
            }) {
                throw InputError(
                    location: childPath(typo.key),
                    "unknown field \"\(typo.key.prefix(60))\" (did you mean \"\(key)\"?); \"\(key)\" is required")
            }
            throw InputError(location: childPath(key), "required field \"\(key)\" is missing")
        }
        return value
    }

    package mutating func string(_ key: String) throws(InputError) -> String? {
        guard let value = value(key) else { return nil }
        return try Self.string(value, at: childPath(key))
    }

    package mutating func requiredString(_ key: String) throws(InputError) -> String {
        try Self.string(try requiredValue(key), at: childPath(key))
    }

    package mutating func number(_ key: String) throws(InputError) -> Double? {
        guard let value = value(key) else { return nil }
        return try Self.number(value, at: childPath(key))
    }

    package mutating func requiredNumber(_ key: String) throws(InputError) -> Double {
        try Self.number(try requiredValue(key), at: childPath(key))
    }

    package mutating func integer(_ key: String) throws(InputError) -> Int? {
        guard let value = value(key) else { return nil }
        return try Self.integer(value, at: childPath(key))
    }

    package mutating func bool(_ key: String) throws(InputError) -> Bool? {
        guard let value = value(key) else { return nil }
        guard case .bool(let flag) = value else {
            throw InputError(location: childPath(key), "expected true or false, found \(value.typeName)")
        }
        return flag
    }

    package mutating func array(_ key: String) throws(InputError) -> [JSONValue]? {
        guard let value = value(key) else { return nil }
        return try Self.array(value, at: childPath(key))
    }

    /// Throws for the first field that no accessor asked for.
    package func rejectUnknownFields() throws(InputError) {
        for member in members where !known.contains(member.key) {
            let hint = NameSuggestion.hint(for: member.key, among: known)
            throw InputError(
                location: childPath(member.key),
                "unknown field \"\(member.key.prefix(60))\"\(hint); valid fields here: \(known.joined(separator: ", "))"
            )
        }
    }

    package static func string(_ value: JSONValue, at path: String) throws(InputError) -> String {
        guard case .string(let string) = value else {
            throw InputError(location: path, "expected a string, found \(value.typeName)")
        }
        return string
    }

    package static func number(_ value: JSONValue, at path: String) throws(InputError) -> Double {
        guard case .number(let number, _) = value else {
            throw InputError(location: path, "expected a number, found \(value.typeName)")
        }
        return number
    }

    package static func integer(_ value: JSONValue, at path: String) throws(InputError) -> Int {
        guard case .number(let number, let text) = value else {
            throw InputError(location: path, "expected an integer, found \(value.typeName)")
        }
        guard number == number.rounded(), abs(number) < 1e15, !text.contains(".") else {
            throw InputError(location: path, "expected an integer, found \(text.prefix(40))")
        }
        return Int(number)
    }

    package static func array(_ value: JSONValue, at path: String) throws(InputError) -> [JSONValue] {
        guard case .array(let elements) = value else {
            throw InputError(location: path, "expected an array, found \(value.typeName)")
        }
        return elements
    }
}
