@_spi(Internals) import AllianceGraph
import Foundation

/// Reading input files with clear errors.
package enum FileInput {
    /// How many leading bytes are checked for NUL bytes before a file is read in full.
    package static let sniffLength = 64 * 1024

    /// The bytes of the file at `path` ("-" reads standard input), refusing files larger than
    /// `limit` bytes before reading them, and files whose first `sniffLength` bytes hold a NUL
    /// byte (binary data, UTF-16 text, or a sparse file): every format read here is UTF-8 text,
    /// which never holds one. Memory: the file's size, read once (no second copy).
    package static func readBytes(path: String, limit: Int) throws(InputError) -> [UInt8] {
        if path == "-" { return try readStream(STDIN_FILENO, file: "<stdin>", limit: limit) }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw InputError(file: path, "no such file")
        }
        if isDirectory.boolValue { throw InputError(file: path, "is a folder, not a file") }
        let descriptor = open(path, O_RDONLY)
        if descriptor < 0 { throw InputError(file: path, "can't be opened for reading (check permissions)") }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            throw InputError(file: path, "can't be read: \(String(cString: strerror(errno)))")
        }
        // A pipe or a device (`<(command)`, /dev/stdin) has no size: read it as a stream.
        if info.st_mode & S_IFMT != S_IFREG { return try readStream(descriptor, file: path, limit: limit) }
        let size = Int(info.st_size)
        if size > limit {
            throw InputError(file: path, "the file is \(size) bytes; the largest accepted is \(limit) bytes")
        }
        // The first bytes are checked before the whole file is read (or its memory reserved).
        var head = [UInt8](repeating: 0, count: min(size, sniffLength))
        let headCount = head.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
        if headCount < 0 { throw InputError(file: path, "can't be read: \(String(cString: strerror(errno)))") }
        if let offset = head[0..<headCount].firstIndex(of: 0) { throw binaryData(file: path, offset: offset) }
        var failure: Int32 = 0
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
            var filled = 0
            while filled < size {
                let count = pread(descriptor, buffer.baseAddress! + filled, min(size - filled, 1 << 24), off_t(filled))
                if count < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    break
                }
                if count == 0 { break }  // the file shrank while being read
                filled += count
            }
            initialized = filled
        }
        if failure != 0 { throw InputError(file: path, "can't be read: \(String(cString: strerror(failure)))") }
        return bytes
    }

    /// A pipe, a device or standard input, read in chunks and refused as soon as it passes
    /// `limit` bytes or shows a NUL byte in its first `sniffLength` bytes.
    static func readStream(_ descriptor: Int32, file: String, limit: Int) throws(InputError) -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress!, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw InputError(file: file, "can't be read: \(String(cString: strerror(errno)))")
            }
            if count == 0 { break }
            if bytes.count + count > limit { throw InputError(file: file, "the input is larger than \(limit) bytes") }
            let before = bytes.count
            bytes.append(contentsOf: chunk[0..<count])
            if before < sniffLength, let offset = bytes[before..<min(bytes.count, sniffLength)].firstIndex(of: 0) {
                throw binaryData(file: file, offset: offset)
            }
        }
        return bytes
    }

    static func binaryData(file: String, offset: Int) -> InputError {
        InputError(
            file: file, "holds a NUL byte at offset \(offset): binary data or UTF-16 text, not a UTF-8 text file")
    }
}

extension FileInput {
    /// Calls `body` with the bytes of the file at `path` and a hook that returns a range of them
    /// to the system. A regular file is mapped read-only (`mmap`), never copied, so its
    /// size is not limited by memory: the pages the parser has passed are dropped from memory
    /// with `madvise(MADV_DONTNEED)` and read again from the file if needed. Standard input ("-"),
    /// pipes and other files that can't be mapped are read into memory, refusing more than
    /// `streamLimit` bytes. The bytes are valid only during `body`.
    package static func withBytes<R>(
        path: String, streamLimit: Int,
        _ body: (UnsafeBufferPointer<UInt8>, ((Range<Int>) -> Void)?) throws(InputError) -> R
    ) throws(InputError) -> R {
        if path != "-", let mapping = try MappedFile(path: path) {
            defer { mapping.unmap() }
            // As `readBytes`: a NUL byte in the first `sniffLength` bytes means binary data.
            if let offset = mapping.bytes.prefix(sniffLength).firstIndex(of: 0) {
                throw binaryData(file: path, offset: offset)
            }
            return try body(mapping.bytes, mapping.release)
        }
        let bytes = try readBytes(path: path, limit: streamLimit)
        let result = bytes.withUnsafeBufferPointer { buffer in Result { () throws(InputError) in try body(buffer, nil) }
        }
        return try result.get()
    }
}

/// A regular file mapped read-only into memory.
private final class MappedFile {
    let bytes: UnsafeBufferPointer<UInt8>
    private let base: UnsafeMutableRawPointer?
    private let length: Int
    private static let pageSize = max(4096, sysconf(Int32(_SC_PAGESIZE)))

    /// Maps `path`; nil when it is not a regular file (read it as a stream instead).
    init?(path: String) throws(InputError) {
        var info = stat()
        guard stat(path, &info) == 0 else {
            if errno == ENOENT { throw InputError(file: path, "no such file") }
            return nil
        }
        if (info.st_mode & S_IFMT) == S_IFDIR { throw InputError(file: path, "is a folder, not a file") }
        guard (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw InputError(file: path, "can't be opened for reading (check permissions)") }
        defer { close(descriptor) }
        length = Int(info.st_size)
        if length == 0 {
            base = nil
            bytes = UnsafeBufferPointer(start: nil, count: 0)
            return
        }
        guard let pointer = mmap(nil, length, PROT_READ, MAP_PRIVATE, descriptor, 0), pointer != MAP_FAILED else {
            throw InputError(file: path, "can't be read: \(String(cString: strerror(errno)))")
        }
        base = pointer
        bytes = UnsafeBufferPointer(start: pointer.assumingMemoryBound(to: UInt8.self), count: length)
    }

    /// Drops the whole pages inside `range` from memory (they stay readable: the kernel reads
    /// them again from the file on access).
    func release(_ range: Range<Int>) {
        guard let base else { return }
        let start = (max(0, range.lowerBound) + Self.pageSize - 1) / Self.pageSize * Self.pageSize
        let end = min(range.upperBound, length) / Self.pageSize * Self.pageSize
        guard end > start else { return }
        _ = madvise(base + start, end - start, MADV_DONTNEED)
    }

    func unmap() {
        if let base { _ = munmap(base, length) }
    }
}

/// An output file that can't be written.
package struct OutputError: Error, CustomStringConvertible, Sendable {
    package var path: String
    package var message: String
    package var description: String { "\(path): \(message)" }

    package init(path: String, message: String) {
        self.path = path
        self.message = message
    }
}

/// Writing output files crash-safely: each file goes to a temporary file in the same folder and
/// is renamed into place, so a reader never sees a partial file. Temporary files are registered
/// in an `OutputLedger`, so that an interrupted run removes them (see `OutputLedger.interrupt()`).
package enum FileOutput {
    /// Writes `contents` to `path` atomically ("-" writes standard output).
    package static func write(_ contents: String, to path: String, ledger: OutputLedger = .shared) throws(OutputError) {
        try write(Data(contents.utf8), to: path, ledger: ledger)
    }

    /// Writes the text that `produce` emits, chunk by chunk, to `path` ("-" writes standard
    /// output): to a temporary file in the same folder (registered in `ledger`), renamed into
    /// place once everything was written, so a large output never has to fit in memory and a
    /// reader never sees part of it. After the first failed write the remaining chunks are
    /// dropped and the error is thrown.
    package static func stream(
        to path: String, ledger: OutputLedger = .shared,
        _ produce: (_ emit: (String) -> Void) -> Void
    ) throws(OutputError) {
        if path == "-" {
            produce { FileHandle.standardOutput.write(Data($0.utf8)) }
            return
        }
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue
        else {
            throw OutputError(path: path, message: "the folder \(folder.path) does not exist")
        }
        let temporary = folder.appendingPathComponent(
            ".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)")
        ledger.begin(temporary: temporary.path)
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil),
            let handle = FileHandle(forWritingAtPath: temporary.path)
        else {
            ledger.discard(temporary: temporary.path)
            throw OutputError(path: path, message: "can't be written: can't create \(temporary.path)")
        }
        var failure: String?
        produce { chunk in
            guard failure == nil else { return }
            do { try handle.write(contentsOf: Data(chunk.utf8)) } catch { failure = error.localizedDescription }
        }
        do { try handle.close() } catch { failure = failure ?? error.localizedDescription }
        if let failure {
            unlink(temporary.path)
            ledger.discard(temporary: temporary.path)
            throw OutputError(path: path, message: "can't be written: \(failure)")
        }
        if let failure = ledger.commit([(temporary.path, url.path)]) {
            throw OutputError(path: failure.path, message: "can't be written: \(failure.reason)")
        }
    }

    package static func write(_ data: Data, to path: String, ledger: OutputLedger = .shared) throws(OutputError) {
        if path == "-" {
            FileHandle.standardOutput.write(data)
            return
        }
        try writeAll([(path, data)], ledger: ledger)
    }

    /// Writes several files as one unit: every file is written to its temporary file first, and
    /// only when all are complete are they renamed into place, one after another under the
    /// ledger's lock. A failure or an interruption before the renames leaves none of them.
    package static func writeAll(_ files: [(path: String, contents: String)], ledger: OutputLedger = .shared)
        throws(OutputError)
    {
        try writeAll(files.map { ($0.path, Data($0.contents.utf8)) }, ledger: ledger)
    }

    package static func writeAll(_ files: [(path: String, data: Data)], ledger: OutputLedger = .shared)
        throws(OutputError)
    {
        var renames: [(temporary: String, destination: String)] = []
        func removeTemporaries() {
            for item in renames {
                unlink(item.temporary)
                ledger.discard(temporary: item.temporary)
            }
        }
        for (path, data) in files {
            let url = URL(fileURLWithPath: path)
            let folder = url.deletingLastPathComponent()
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue
            else {
                removeTemporaries()
                throw OutputError(path: path, message: "the folder \(folder.path) does not exist")
            }
            let temporary = folder.appendingPathComponent(
                ".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)")
            ledger.begin(temporary: temporary.path)
            renames.append((temporary.path, url.path))
            do {
                try data.write(to: temporary)
            } catch {
                removeTemporaries()
                throw OutputError(path: path, message: "can't be written: \(error.localizedDescription)")
            }
        }
        if let failure = ledger.commit(renames) {
            throw OutputError(path: failure.path, message: "can't be written: \(failure.reason)")
        }
    }
}
