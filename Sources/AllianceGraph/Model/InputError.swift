/// Bad input: a file, field or value that can't be used, with where it is and what would be valid.
///
/// `description` reads `file: location: message`, e.g.
/// `europe.json: commitments[3].between[1]: unknown state code "SRB"; did you mean "SER"?`.
/// The command-line tool exits with status 65 (EX_DATAERR) on this error.
public struct InputError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file the input came from, when it came from one.
    public var file: String?
    /// Where in the input: a JSON path (`states[2].capability`), `line 12`, or `line 3, column 7`.
    public var location: String?
    /// What is wrong and what would be valid.
    public var message: String

    public init(file: String? = nil, location: String? = nil, _ message: String) {
        self.file = file
        self.location = location
        self.message = message
    }

    /// The same error, attributed to `file`.
    public func inFile(_ file: String) -> InputError {
        var copy = self
        copy.file = file
        return copy
    }

    public var description: String {
        ([file, location].compactMap { $0 } + [message]).joined(separator: ": ")
    }
}

/// Suggestions for a mistyped name: the candidates within a small edit distance, closest first.
package enum NameSuggestion {
    /// The closest candidate to `name` when it is within `max(2, name.count / 3)` edits
    /// (case-insensitive Levenshtein distance), ties broken by the candidates' order.
    public static func closest(to name: String, among candidates: some Sequence<String>) -> String? {
        let limit = max(2, name.count / 3)
        var best: (String, Int)?
        for candidate in candidates {
            let distance = editDistance(name.lowercased(), candidate.lowercased())
            if distance <= limit, best == nil || distance < best!.1 { best = (candidate, distance) }
        }
        return best?.0
    }

    /// ` (did you mean "x"?)` or an empty string.
    public static func hint(for name: String, among candidates: some Sequence<String>) -> String {
        closest(to: name, among: candidates).map { " (did you mean \"\($0)\"?)" } ?? ""
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
