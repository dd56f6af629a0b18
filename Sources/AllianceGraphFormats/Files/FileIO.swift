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
    /// `binary` turns the NUL check off, for binary formats (the scenario snapshot).
    package static func readBytes(path: String, limit: Int, binary: Bool = false) throws(InputError) -> [UInt8] {
        if path == "-" { return try readStream(STDIN_FILENO, file: "<stdin>", limit: limit, binary: binary) }
        var status = stat()
        guard stat(path, &status) == 0 else { throw missing(file: path, errno) }
        if status.st_mode & S_IFMT == S_IFDIR { throw InputError(file: path, "is a folder, not a file") }
        let descriptor = open(path, O_RDONLY)
        if descriptor < 0 { throw InputError(file: path, "can't be opened for reading (check permissions)") }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else {
            throw InputError(file: path, "can't be read: \(String(cString: strerror(errno)))")
        }
        // A pipe or a device (`<(command)`, /dev/stdin) has no size, and a /proc or /sys file
        // reports 0 whatever it holds: read them as a stream.
        if info.st_mode & S_IFMT != S_IFREG || info.st_size == 0 {
            return try readStream(descriptor, file: path, limit: limit, binary: binary)
        }
        let size = Int(info.st_size)
        if size > limit {
            throw InputError(file: path, "the file is \(size) bytes; the largest accepted is \(limit) bytes")
        }
        // The first bytes are checked before the whole file is read (or its memory reserved).
        var head = [UInt8](repeating: 0, count: min(size, sniffLength))
        let headCount = head.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, $0.count, 0) }
        if headCount < 0 { throw InputError(file: path, "can't be read: \(String(cString: strerror(errno)))") }
        if !binary, let offset = head[0..<headCount].firstIndex(of: 0) { throw binaryData(file: path, offset: offset) }
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
        var after = stat()
        if bytes.count != size || fstat(descriptor, &after) != 0 || !FileSnapshot(info).matches(after) {
            throw changedWhileRead(file: path)
        }
        return bytes
    }

    /// A pipe, a device or standard input, read in chunks and refused as soon as it passes
    /// `limit` bytes or shows a NUL byte in its first `sniffLength` bytes.
    static func readStream(_ descriptor: Int32, file: String, limit: Int, binary: Bool = false) throws(InputError)
        -> [UInt8]
    {
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
            if !binary, before < sniffLength,
                let offset = bytes[before..<min(bytes.count, sniffLength)].firstIndex(of: 0)
            {
                throw binaryData(file: file, offset: offset)
            }
        }
        return bytes
    }

    /// The error for a path `stat` refused with `code`.
    static func missing(file: String, _ code: Int32) -> InputError {
        switch code {
        case ENOENT: InputError(file: file, "no such file")
        case ELOOP: InputError(file: file, "is a loop of symbolic links")
        case ENOTDIR: InputError(file: file, "a part of the path is a file, not a folder")
        default: InputError(file: file, "can't be read: \(String(cString: strerror(code)))")
        }
    }

    /// The error for a file truncated, extended or rewritten while it was read.
    static func changedWhileRead(file: String) -> InputError {
        InputError(
            file: file, "the file changed while it was read (truncated or rewritten); read it again when it is complete"
        )
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
        path: String, streamLimit: Int, binary: Bool = false,
        _ body: (UnsafeBufferPointer<UInt8>, ((Range<Int>) -> Void)?) throws(InputError) -> R
    ) throws(InputError) -> R {
        if path != "-", let mapping = try MappedFile(path: path) {
            defer { mapping.unmap() }
            // As `readBytes`: a NUL byte in the first `sniffLength` bytes means binary data
            // (unless binary data is what the caller reads).
            let result = Result { () throws(InputError) -> R in
                if !binary, let offset = mapping.bytes.prefix(sniffLength).firstIndex(of: 0) {
                    throw binaryData(file: path, offset: offset)
                }
                return try body(mapping.bytes, mapping.release)
            }
            // Checked first: the zero pages that replace truncated ones read as NUL bytes or
            // malformed JSON, which is not the user's error.
            if mapping.changed() { throw changedWhileRead(file: path) }
            return try result.get()
        }
        let bytes = try readBytes(path: path, limit: streamLimit, binary: binary)
        let result = bytes.withUnsafeBufferPointer { buffer in Result { () throws(InputError) in try body(buffer, nil) }
        }
        return try result.get()
    }
}
