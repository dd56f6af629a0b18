import AllianceGraph
import Foundation

/// An output file that can't be written.
public struct OutputError: Error, CustomStringConvertible, Sendable {
    public var path: String
    public var message: String
    /// The reader of standard output went away (EPIPE): the command-line tool exits without a
    /// message, as Unix tools do when their reader stops early (`alliancectl ... | head`).
    public var isBrokenPipe = false
    public var description: String { "\(path): \(message)" }

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }
}
