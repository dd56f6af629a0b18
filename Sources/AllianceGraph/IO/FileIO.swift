import Foundation

/// Reading input files with clear errors.
public enum FileInput {
    /// How many leading bytes are checked for NUL bytes before a file is read in full.
    public static let sniffLength = 64 * 1024

    /// The bytes of the file at `path` ("-" reads standard input), refusing files larger than
    /// `limit` bytes before reading them, and files whose first `sniffLength` bytes hold a NUL
    /// byte (binary data, UTF-16 text, or a sparse file): every format read here is UTF-8 text,
    /// which never holds one. Memory: the file's size, read once (no second copy).
    public static func readBytes(path: String, limit: Int) throws(InputError) -> [UInt8] {
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
        guard fstat(descriptor, &info) == 0 else { throw InputError(file: path, "can't be read: \(String(cString: strerror(errno)))") }
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
                if count == 0 { break } // the file shrank while being read
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

    private static func binaryData(file: String, offset: Int) -> InputError {
        InputError(file: file, "holds a NUL byte at offset \(offset): binary data or UTF-16 text, not a UTF-8 text file")
    }
}

/// An output file that can't be written.
public struct OutputError: Error, CustomStringConvertible, Sendable {
    public var path: String
    public var message: String
    public var description: String { "\(path): \(message)" }

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }
}

/// Writing output files crash-safely: each file goes to a temporary file in the same folder and
/// is renamed into place, so a reader never sees a partial file. Temporary files are registered
/// in an `OutputLedger`, so that an interrupted run removes them (see `OutputLedger.interrupt()`).
public enum FileOutput {
    /// Writes `contents` to `path` atomically ("-" writes standard output).
    public static func write(_ contents: String, to path: String, ledger: OutputLedger = .shared) throws(OutputError) {
        try write(Data(contents.utf8), to: path, ledger: ledger)
    }

    public static func write(_ data: Data, to path: String, ledger: OutputLedger = .shared) throws(OutputError) {
        if path == "-" {
            FileHandle.standardOutput.write(data)
            return
        }
        try writeAll([(path, data)], ledger: ledger)
    }

    /// Writes several files as one unit: every file is written to its temporary file first, and
    /// only when all are complete are they renamed into place, one after another under the
    /// ledger's lock. A failure or an interruption before the renames leaves none of them.
    public static func writeAll(_ files: [(path: String, contents: String)], ledger: OutputLedger = .shared) throws(OutputError) {
        try writeAll(files.map { ($0.path, Data($0.contents.utf8)) }, ledger: ledger)
    }

    public static func writeAll(_ files: [(path: String, data: Data)], ledger: OutputLedger = .shared) throws(OutputError) {
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
            guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
                removeTemporaries()
                throw OutputError(path: path, message: "the folder \(folder.path) does not exist")
            }
            let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)")
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
