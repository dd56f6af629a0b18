import AllianceGraph
import Foundation

/// Writing to a file descriptor (standard output, standard error, a device or a FIFO) with
/// POSIX `write(2)` in a loop that returns errors instead of trapping.
///
/// Why not `FileHandle.write(_:)`: on Linux it traps (SIGILL) on any write error, so a full disk
/// (`> /dev/full`), a closed standard output (`>&-`) or a reader that went away (EPIPE with
/// SIGPIPE ignored) killed the process instead of giving an exit status.
package enum StandardStreams {
    /// Writes every byte of `bytes` to `descriptor`, retrying after EINTR and partial writes.
    /// Returns 0, or the `errno` of the failed write (EPIPE, ENOSPC, EBADF, EIO ...).
    package static func write(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) -> Int32 {
        guard var pointer = bytes.baseAddress else { return 0 }
        var left = bytes.count
        while left > 0 {
            let count = Foundation.write(descriptor, pointer, min(left, 1 << 30))
            if count < 0 {
                if errno == EINTR { continue }
                return errno
            }
            if count == 0 { return EIO }
            pointer += count
            left -= count
        }
        return 0
    }

    /// Writes the UTF-8 bytes of `text` to `descriptor`; 0 or the `errno` of the failure.
    package static func write(_ descriptor: Int32, _ text: String) -> Int32 {
        var text = text
        return text.withUTF8 { write(descriptor, UnsafeRawBufferPointer($0)) }
    }

    /// Writes `text` to standard output, or throws an `OutputError` for "standard output"
    /// (`isBrokenPipe` when the reader went away).
    package static func writeStandardOutput(_ text: String) throws(OutputError) {
        let failure = write(STDOUT_FILENO, text)
        if failure != 0 { throw OutputError(standardOutputErrno: failure) }
    }

    /// Writes `data` to standard output, or throws as `writeStandardOutput(_:)` for a string.
    package static func writeStandardOutput(_ data: Data) throws(OutputError) {
        let failure = data.withUnsafeBytes { write(STDOUT_FILENO, $0) }
        if failure != 0 { throw OutputError(standardOutputErrno: failure) }
    }

    /// Writes `text` to standard error and ignores any failure: a message that can't be shown
    /// must not change what the run does or the exit status it ends with.
    package static func writeStandardError(_ text: String) {
        _ = write(STDERR_FILENO, text)
    }
}

extension OutputError {
    /// The name `OutputError.path` carries for standard output.
    package static let standardOutputName = "standard output"

    /// A failed write to standard output with `errno` `code`.
    init(standardOutputErrno code: Int32) {
        self.init(path: Self.standardOutputName, message: String(cString: strerror(code)))
        isBrokenPipe = code == EPIPE
    }
}
