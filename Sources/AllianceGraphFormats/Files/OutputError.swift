import AllianceGraph
import Foundation

/// An output file that can't be written.
package struct OutputError: Error, CustomStringConvertible, Sendable {
    package var path: String
    package var message: String
    /// The reader of standard output went away (EPIPE): the command-line tool exits without a
    /// message, as Unix tools do when their reader stops early (`alliancectl ... | head`).
    package var isBrokenPipe = false
    package var description: String { "\(path): \(message)" }

    package init(path: String, message: String) {
        self.path = path
        self.message = message
    }
}
