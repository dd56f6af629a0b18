/// A computation that failed on valid input, e.g. an igraph routine that reported an error.
///
/// The command-line tool exits with status 1 on this error. igraph's own errors never abort the
/// process: the bridge turns them into this error.
public struct ComputationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What was being computed ("betweenness", "Leiden blocs").
    public var operation: String
    /// The reason given by the routine that failed.
    public var reason: String
    /// The library's numeric error code, when there is one.
    public var code: Int?

    public init(operation: String, reason: String, code: Int? = nil) {
        self.operation = operation
        self.reason = reason
        self.code = code
    }

    public var description: String {
        "\(operation) failed: \(reason)" + (code.map { " (error code \($0))" } ?? "")
    }
}
