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
