import AllianceGraph
import Foundation

/// Several output files written piece by piece and made visible as one unit: the streaming form
/// of `FileOutput.writeAll`, for outputs too large to hold in memory (a simulation's per-round
/// rows).
///
/// `open(_:)` checks a destination (`OutputDestination`) and creates its staging file beside it,
/// `.NAME.tmp-PID` (registered in the ledger, so that an interruption removes it); `File.write`
/// appends text to it through a buffer of `File.bufferBytes` (64 KiB), so the memory held per
/// file does not grow with the output. For a character device, a FIFO or standard output the
/// staging file is a spill file beside the name, copied into the destination at `commit()`, as
/// `writeAll` writes those after every regular file is complete. `commit()` finishes every file
/// and renames the staging files into place under the ledger's lock as one unit
/// (`OutputLedger.commit`: all or none). `discard()` removes every staging file: the caller
/// calls it after a failed `open`, `add` or `write` (`commit()` does on its own failure);
/// nothing is visible before `commit()`.
package final class StagedOutput {
    private let ledger: OutputLedger
    private var files: [File] = []
    private var finished = false

    package init(ledger: OutputLedger = .shared) {
        self.ledger = ledger
    }

    /// A staged output dropped without `commit()` leaves nothing behind.
    deinit { discard() }

    /// One staged file: its destination, staging file and write buffer.
    package final class File {
        /// Bytes of text buffered before a write to the staging file.
        package static let bufferBytes = 1 << 16
        let shown: String
        let destination: OutputDestination
        let staging: String
        fileprivate var descriptor: Int32
        private var buffer: [UInt8] = []
        fileprivate var failure: OutputError?

        fileprivate init(shown: String, destination: OutputDestination, staging: String, descriptor: Int32) {
            self.shown = shown
            self.destination = destination
            self.staging = staging
            self.descriptor = descriptor
            buffer.reserveCapacity(Self.bufferBytes)
        }

        /// Appends `text`; throws (and keeps failing) after a write error such as ENOSPC or EFBIG.
        package func write(_ text: String) throws(OutputError) {
            if let failure { throw failure }
            buffer.append(contentsOf: text.utf8)
            if buffer.count >= Self.bufferBytes { try flush() }
        }

        /// Appends `bytes` (written at once, without a copy into the buffer, when they fill it
        /// alone); throws as `write(_:)`.
        package func write(bytes: UnsafeRawBufferPointer) throws(OutputError) {
            if let failure { throw failure }
            if buffer.count + bytes.count < Self.bufferBytes {
                buffer.append(contentsOf: bytes)
                return
            }
            try flush()
            let code = StandardStreams.write(descriptor, bytes)
            if code != 0 { return try fail(code) }
        }

        fileprivate func flush() throws(OutputError) {
            if let failure { throw failure }
            guard !buffer.isEmpty else { return }
            let code = buffer.withUnsafeBytes { StandardStreams.write(descriptor, $0) }
            buffer.removeAll(keepingCapacity: true)
            if code != 0 { return try fail(code) }
        }

        /// Writes what is buffered and closes the staging file.
        fileprivate func finish() throws(OutputError) {
            try flush()
            let status = close(descriptor)
            descriptor = -1
            if status != 0 { try fail(errno) }
        }

        private func fail(_ code: Int32) throws(OutputError) {
            let error = FileOutput.writeError(shown, code)
            failure = error
            throw error
        }
    }

    /// Checks `path` and creates its staging file. Throws for a destination `writeAll` refuses (a
    /// folder, a dangling link, a missing folder) or a staging file that can't be created.
    package func open(_ path: String) throws(OutputError) -> File {
        let destination = try OutputDestination.resolve(path)
        // A regular file is staged beside its target (a link's target); anything else is spilled
        // beside the name given.
        let target: String
        if case .replace(let resolved) = destination { target = resolved } else { target = path }
        let created = try FileOutput.createTemporary(for: target, shown: path, ledger: ledger)
        let file = File(shown: path, destination: destination, staging: created.path, descriptor: created.descriptor)
        files.append(file)
        return file
    }

    /// Opens `path` and writes all of `contents` into its staging file.
    package func add(_ path: String, _ contents: String) throws(OutputError) {
        try open(path).write(contents)
    }

    /// Finishes every file, writes the spilled ones into their devices, FIFOs or standard output,
    /// then renames the staging files into place as one unit. On failure nothing is renamed and
    /// every staging file is removed.
    package func commit() throws(OutputError) {
        precondition(!finished, "StagedOutput committed or discarded twice")
        do {
            for file in files { try file.finish() }
            for file in files { try copySpill(file) }
        } catch {
            discard()
            throw error
        }
        finished = true
        let renames: [(temporary: String, destination: String)] = files.compactMap { file in
            guard case .replace(let target) = file.destination else { return nil }
            return (file.staging, target)
        }
        if let failure = ledger.commit(renames) {
            throw OutputError(path: failure.path, message: "can't be written: \(failure.reason)")
        }
    }

    /// Removes every staging file (nothing was renamed into place). Safe to call more than once.
    package func discard() {
        if finished { return }
        finished = true
        for file in files {
            if file.descriptor >= 0 { close(file.descriptor) }
            file.descriptor = -1
            unlink(file.staging)
            ledger.discard(temporary: file.staging)
        }
    }

    /// Copies a spill file into its device, FIFO or standard output, then removes it.
    private func copySpill(_ file: File) throws(OutputError) {
        guard !isReplace(file.destination) else { return }
        ledger.checkpoint()
        let input = Foundation.open(file.staging, O_RDONLY | O_CLOEXEC)
        if input < 0 { throw FileOutput.writeError(file.shown, errno) }
        defer { close(input) }
        let output: Int32
        switch file.destination {
        case .standardOutput: output = STDOUT_FILENO
        case .direct(let device): output = try FileOutput.openDirect(device)
        case .replace: return
        }
        var chunk = [UInt8](repeating: 0, count: File.bufferBytes)
        var failure: Int32 = 0
        while failure == 0 {
            let count = chunk.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            if count < 0 { failure = errno; break }
            if count == 0 { break }
            failure = chunk.withUnsafeBytes {
                StandardStreams.write(output, UnsafeRawBufferPointer(rebasing: $0[..<count]))
            }
        }
        if output != STDOUT_FILENO, close(output) != 0, failure == 0 { failure = errno }
        if failure != 0 {
            if case .standardOutput = file.destination { throw OutputError(standardOutputErrno: failure) }
            throw FileOutput.writeError(file.shown, failure)
        }
        unlink(file.staging)
        ledger.discard(temporary: file.staging)
    }

    private func isReplace(_ destination: OutputDestination) -> Bool {
        if case .replace = destination { return true }
        return false
    }
}
