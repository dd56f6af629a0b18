import Foundation

/// Reading input files with clear errors.
public enum FileInput {
    /// The bytes of the file at `path` ("-" reads standard input), refusing files larger than
    /// `limit` bytes before reading them.
    public static func readBytes(path: String, limit: Int) throws(InputError) -> [UInt8] {
        if path == "-" {
            let data = FileHandle.standardInput.readDataToEndOfFile()
            if data.count > limit { throw InputError(file: "<stdin>", "input is larger than \(limit) bytes") }
            return [UInt8](data)
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw InputError(file: path, "no such file")
        }
        if isDirectory.boolValue { throw InputError(file: path, "is a folder, not a file") }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw InputError(file: path, "can't be opened for reading (check permissions)")
        }
        defer { try? handle.close() }
        let size = (try? handle.seekToEnd()).map(Int.init) ?? 0
        if size > limit {
            throw InputError(file: path, "the file is \(size) bytes; the largest accepted is \(limit) bytes")
        }
        do {
            try handle.seek(toOffset: 0)
            let data = try handle.readToEnd() ?? Data()
            return [UInt8](data)
        } catch {
            throw InputError(file: path, "can't be read: \(error.localizedDescription)")
        }
    }
}

extension FileInput {
    /// Calls `body` with the bytes of the file at `path` and a hook that returns a range of them
    /// to the system. A regular file is mapped read-only (`mmap`), never copied, so its
    /// size is not limited by memory: the pages the parser has passed are dropped from memory
    /// with `madvise(MADV_DONTNEED)` and read again from the file if needed. Standard input ("-"),
    /// pipes and other files that can't be mapped are read into memory, refusing more than
    /// `streamLimit` bytes. The bytes are valid only during `body`.
    public static func withBytes<R>(path: String, streamLimit: Int,
                                    _ body: (UnsafeBufferPointer<UInt8>, ((Range<Int>) -> Void)?) throws(InputError) -> R) throws(InputError) -> R {
        if path != "-", let mapping = try MappedFile(path: path) {
            defer { mapping.unmap() }
            return try body(mapping.bytes, mapping.release)
        }
        let bytes = try readBytes(path: path, limit: streamLimit)
        let result = bytes.withUnsafeBufferPointer { buffer in Result { () throws(InputError) in try body(buffer, nil) } }
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
/// is renamed into place, so a reader never sees a partial file.
public enum FileOutput {
    /// Writes `contents` to `path` atomically ("-" writes standard output).
    public static func write(_ contents: String, to path: String) throws(OutputError) {
        try write(Data(contents.utf8), to: path)
    }

    /// Writes the text that `produce` emits, chunk by chunk, to `path` ("-" writes standard
    /// output): to a temporary file in the same folder, renamed into place once everything was
    /// written, so a large output never has to fit in memory and a reader never sees part of it.
    /// After the first failed write the remaining chunks are dropped and the error is thrown.
    public static func stream(to path: String, _ produce: (_ emit: (String) -> Void) -> Void) throws(OutputError) {
        if path == "-" {
            produce { FileHandle.standardOutput.write(Data($0.utf8)) }
            return
        }
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw OutputError(path: path, message: "the folder \(folder.path) does not exist")
        }
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)")
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil),
              let handle = FileHandle(forWritingAtPath: temporary.path) else {
            throw OutputError(path: path, message: "can't be written: can't create \(temporary.path)")
        }
        var failure: String?
        produce { chunk in
            guard failure == nil else { return }
            do { try handle.write(contentsOf: Data(chunk.utf8)) } catch { failure = error.localizedDescription }
        }
        do { try handle.close() } catch { failure = failure ?? error.localizedDescription }
        if failure == nil, rename(temporary.path, url.path) != 0 { failure = String(cString: strerror(errno)) }
        if let failure {
            try? FileManager.default.removeItem(at: temporary)
            throw OutputError(path: path, message: "can't be written: \(failure)")
        }
    }

    public static func write(_ data: Data, to path: String) throws(OutputError) {
        if path == "-" {
            FileHandle.standardOutput.write(data)
            return
        }
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw OutputError(path: path, message: "the folder \(folder.path) does not exist")
        }
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)")
        do {
            try data.write(to: temporary)
            // rename(2) replaces an existing file atomically. (Foundation's replaceItemAt fails on
            // Linux every other time the destination exists: "The file doesn't exist".)
            if rename(temporary.path, url.path) != 0 {
                let reason = String(cString: strerror(errno))
                try? FileManager.default.removeItem(at: temporary)
                throw OutputError(path: path, message: "can't be written: \(reason)")
            }
        } catch let error as OutputError {
            throw error
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw OutputError(path: path, message: "can't be written: \(error.localizedDescription)")
        }
    }
}
