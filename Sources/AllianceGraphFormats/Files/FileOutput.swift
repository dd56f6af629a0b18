import AllianceGraph
import Foundation

/// Writing output files crash-safely. A regular file (or a name where nothing is yet) is written
/// to a temporary file in the same folder and renamed into place, so a reader never sees a
/// partial file; a character device or FIFO is written into, never replaced; "-" is standard
/// output (`OutputDestination` says which is which). Temporary files are registered in an
/// `OutputLedger`, so that an interrupted run removes them (see `OutputLedger.interrupt()`).
/// Every write goes through `StandardStreams.write`, which returns errors (a full disk, a
/// closed pipe) instead of trapping.
package enum FileOutput {
    /// Writes `contents` to `path` atomically ("-" writes standard output).
    package static func write(_ contents: String, to path: String, ledger: OutputLedger = .shared) throws(OutputError) {
        try writeAll([(path, Data(contents.utf8))], ledger: ledger)
    }

    package static func write(_ data: Data, to path: String, ledger: OutputLedger = .shared) throws(OutputError) {
        try writeAll([(path, data)], ledger: ledger)
    }

    /// Writes the text that `produce` emits, chunk by chunk, to `path` ("-" writes standard
    /// output): to a temporary file in the same folder (registered in `ledger`), renamed into
    /// place once everything was written, so a large output never has to fit in memory and a
    /// reader never sees part of it. After the first failed write the remaining chunks are
    /// dropped and the error is thrown.
    package static func streamBytes(
        to path: String, ledger: OutputLedger = .shared,
        _ produce: (_ emit: (UnsafeRawBufferPointer) -> Void) -> Void
    ) throws(OutputError) {
        let destination = try OutputDestination.resolve(path)
        var failure: Int32 = 0
        switch destination {
        case .standardOutput:
            produce { chunk in if failure == 0 { failure = StandardStreams.write(STDOUT_FILENO, chunk) } }
            if failure != 0 { throw OutputError(standardOutputErrno: failure) }
        case .direct(let device):
            ledger.checkpoint()
            let descriptor = try openDirect(device)
            produce { chunk in if failure == 0 { failure = StandardStreams.write(descriptor, chunk) } }
            if close(descriptor) != 0, failure == 0 { failure = errno }
            if failure != 0 { throw writeError(path, failure) }
        case .replace(let target):
            let (temporary, descriptor) = try createTemporary(for: target, shown: path, ledger: ledger)
            produce { chunk in if failure == 0 { failure = StandardStreams.write(descriptor, chunk) } }
            if close(descriptor) != 0, failure == 0 { failure = errno }
            if failure != 0 {
                unlink(temporary)
                ledger.discard(temporary: temporary)
                throw writeError(path, failure)
            }
            if let failure = ledger.commit([(temporary, target)]) {
                throw OutputError(path: failure.path, message: "can't be written: \(failure.reason)")
            }
        }
    }

    /// Writes several files as one unit. Every destination is checked first (`OutputDestination`:
    /// a folder, a dangling link or a missing folder in the way writes nothing); then every
    /// regular file is written to its temporary file; then devices and FIFOs are written into;
    /// and only when all are complete are the temporaries renamed into place, under the ledger's
    /// lock, each replaced file kept as a hard link until the last rename succeeded, so that a
    /// failed rename puts back every file already replaced (`OutputLedger.commit`). A failure or
    /// an interruption before the renames leaves none of the regular files changed.
    package static func writeAll(_ files: [(path: String, contents: String)], ledger: OutputLedger = .shared)
        throws(OutputError)
    {
        try writeAll(files.map { ($0.path, Data($0.contents.utf8)) }, ledger: ledger)
    }

    package static func writeAll(_ files: [(path: String, data: Data)], ledger: OutputLedger = .shared)
        throws(OutputError)
    {
        var destinations: [OutputDestination] = []
        for (path, _) in files { destinations.append(try OutputDestination.resolve(path)) }
        var renames: [(temporary: String, destination: String)] = []
        func removeTemporaries() {
            for item in renames {
                unlink(item.temporary)
                ledger.discard(temporary: item.temporary)
            }
        }
        for (k, (path, data)) in files.enumerated() {
            guard case .replace(let target) = destinations[k] else { continue }
            let created: (path: String, descriptor: Int32)
            do { created = try createTemporary(for: target, shown: path, ledger: ledger) } catch {
                removeTemporaries()
                throw error
            }
            renames.append((created.path, target))
            var failure = data.withUnsafeBytes { StandardStreams.write(created.descriptor, $0) }
            if close(created.descriptor) != 0, failure == 0 { failure = errno }
            if failure != 0 {
                removeTemporaries()
                throw writeError(path, failure)
            }
        }
        for (k, (path, data)) in files.enumerated() {
            do { try writeInto(destinations[k], path: path, data: data, ledger: ledger) } catch {
                removeTemporaries()
                throw error
            }
        }
        if let failure = ledger.commit(renames) {
            throw OutputError(path: failure.path, message: "can't be written: \(failure.reason)")
        }
    }

    /// Writes `data` into a device, a FIFO or standard output; nothing for a regular file.
    private static func writeInto(_ destination: OutputDestination, path: String, data: Data, ledger: OutputLedger)
        throws(OutputError)
    {
        switch destination {
        case .replace: return
        case .standardOutput:
            ledger.checkpoint()
            try StandardStreams.writeStandardOutput(data)
        case .direct(let device):
            ledger.checkpoint()
            let descriptor = try openDirect(device)
            var failure = data.withUnsafeBytes { StandardStreams.write(descriptor, $0) }
            if close(descriptor) != 0, failure == 0 { failure = errno }
            if failure != 0 { throw writeError(path, failure) }
        }
    }

    /// Opens a character device or FIFO for writing, without creating or truncating anything
    /// (a FIFO waits for its reader, as the shell's `>` does).
    static func openDirect(_ path: String) throws(OutputError) -> Int32 {
        while true {
            let descriptor = open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC)
            if descriptor >= 0 { return descriptor }
            if errno != EINTR {
                throw OutputError(path: path, message: "can't be opened for writing: \(describe(errno))")
            }
        }
    }

    /// Creates the temporary file for `target` in its folder (registered in `ledger`), after
    /// removing the temporaries that dead runs left for the same name.
    static func createTemporary(for target: String, shown: String, ledger: OutputLedger)
        throws(OutputError) -> (path: String, descriptor: Int32)
    {
        let url = URL(fileURLWithPath: target)
        let folder = url.deletingLastPathComponent().path
        let name = url.lastPathComponent
        TemporaryNames.removeStale(in: folder, for: name)
        let temporary = (folder as NSString).appendingPathComponent(TemporaryNames.name(for: name, kind: .temporary))
        ledger.begin(temporary: temporary)
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o666)
        if descriptor < 0 {
            let code = errno
            ledger.discard(temporary: temporary)
            throw OutputError(path: shown, message: "can't be written: can't create \(temporary): \(describe(code))")
        }
        return (temporary, descriptor)
    }

    static func writeError(_ path: String, _ code: Int32) -> OutputError {
        OutputError(path: path, message: "can't be written: \(describe(code))")
    }

    static func describe(_ code: Int32) -> String { String(cString: strerror(code)) }
}
