import AllianceGraph
import Foundation

/// What an output path names, and so how it is written (docs/RELIABILITY.md, promise 3).
///
/// - nothing or a regular file: a new file is written beside it and renamed over it
///   (`replace`), so a reader sees the old file or the new one, never part of one;
/// - a symbolic link to a regular file: the link is kept and its target is replaced as above
///   (the user named the link, so the file it points to is the output, as with `> link`);
/// - a character device or a FIFO (`/dev/null`, `/dev/full`, `<(...)`, a terminal), directly or
///   through a symbolic link: opened and written into (`direct`), never replaced; a write error
///   such as ENOSPC fails the run;
/// - `-`, `/dev/stdout`, `/dev/fd/1`, `/proc/self/fd/1`: standard output itself;
/// - anything else is refused before anything is written: a folder, a block device, a socket, a
///   dangling symbolic link or a loop of them, a path through a file.
package enum OutputDestination: Equatable {
    case standardOutput
    /// A regular file (or none yet) at `path`, the link's target when the name was a link.
    case replace(path: String)
    /// A character device or FIFO at `path`, written into.
    case direct(path: String)

    /// Names of standard output besides "-".
    static let standardOutputNames: Set<String> = ["/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"]

    /// Classifies `path` without writing anything; throws an `OutputError` naming `path` for a
    /// destination that must not be written.
    package static func resolve(_ path: String) throws(OutputError) -> OutputDestination {
        if path == "-" || standardOutputNames.contains(path) { return .standardOutput }
        if path.isEmpty { throw OutputError(path: "\"\"", message: "an empty output name") }
        var info = stat()
        if lstat(path, &info) != 0 {
            let code = errno
            if code == ENOENT || code == ENOTDIR { try checkFolder(of: path) }
            if code == ENOENT { return .replace(path: path) }
            throw OutputError(path: path, message: "can't be written: \(String(cString: strerror(code)))")
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .replace(path: path)
        case S_IFLNK: return try resolveLink(path)
        default: return try classify(path, mode: info.st_mode, link: false)
        }
    }

    /// The destination a symbolic link leads to.
    private static func resolveLink(_ path: String) throws(OutputError) -> OutputDestination {
        var info = stat()
        if stat(path, &info) != 0 {
            let code = errno
            if code == ELOOP { throw OutputError(path: path, message: "is a loop of symbolic links") }
            if code == ENOENT {
                throw OutputError(
                    path: path, message: "is a symbolic link to a missing file (\(linkTarget(path))); not followed")
            }
            throw OutputError(path: path, message: "can't be written: \(String(cString: strerror(code)))")
        }
        if info.st_mode & S_IFMT == S_IFREG {
            guard let resolved = realpath(path, nil) else {
                throw OutputError(path: path, message: "can't be written: \(String(cString: strerror(errno)))")
            }
            defer { free(resolved) }
            return .replace(path: String(cString: resolved))
        }
        return try classify(path, mode: info.st_mode, link: true)
    }

    private static func classify(_ path: String, mode: mode_t, link: Bool) throws(OutputError) -> OutputDestination {
        let through = link ? "is a symbolic link to " : "is "
        switch mode & S_IFMT {
        case S_IFCHR, S_IFIFO: return .direct(path: path)
        case S_IFDIR: throw OutputError(path: path, message: through + "a folder, not a file")
        case S_IFBLK:
            throw OutputError(
                path: path, message: through + "a block device; outputs go to files, character devices and FIFOs only")
        default:
            throw OutputError(
                path: path, message: through + "a socket or special file; outputs go to files, devices and FIFOs only")
        }
    }

    /// Throws the error for a path whose folder is missing or not a folder; returns when the
    /// folder exists (the path itself is then missing: a new file).
    private static func checkFolder(of path: String) throws(OutputError) {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var info = stat()
        if stat(folder, &info) != 0 {
            if errno == ENOTDIR {
                throw OutputError(path: path, message: "a part of \(folder) is a file, not a folder")
            }
            throw OutputError(path: path, message: "the folder \(folder) does not exist")
        }
        if info.st_mode & S_IFMT != S_IFDIR {
            throw OutputError(path: path, message: "\(folder) is a file, not a folder")
        }
    }

    private static func linkTarget(_ path: String) -> String {
        var buffer = [Int8](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink(path, &buffer, buffer.count - 1)
        guard count >= 0 else { return "unreadable" }
        return String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
