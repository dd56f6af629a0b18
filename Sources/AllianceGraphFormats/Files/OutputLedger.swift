@_spi(Internals) import AllianceGraph
import Foundation

/// The output files of a run in the making: temporary files not yet renamed into place, folders
/// created for the outputs, and the files completed so far.
///
/// `FileOutput` registers every temporary file here before creating it and renames under the
/// ledger's lock, so that an interruption (`interrupt()`, called by the command-line tool when
/// it receives SIGINT or SIGTERM) sees a consistent picture: it removes every temporary file and
/// every output folder left empty, and reports which files were completed. After `interrupt()`,
/// a thread that tries to start or finish an output waits for the process to exit instead of
/// writing, so nothing appears after the report.
package final class OutputLedger: @unchecked Sendable {
    /// The ledger `FileOutput` uses unless given another (tests use their own).
    package static let shared = OutputLedger()

    /// A pthread mutex (NSLock), which ThreadSanitizer understands.
    private let lock = NSLock()
    // Touched only while `lock` is held.
    private var temporaries: Set<String> = []
    private var folders: [String] = []
    private var completed: [String] = []
    private var interrupted = false

    package init() {}

    /// What an interruption left behind.
    package struct Interruption: Sendable, Equatable {
        /// Output files completed before the interruption, in the order they were completed.
        package var completed: [String]
        /// Temporary files removed.
        package var removedTemporaries: [String]
        /// Output folders created by the run and removed because they were empty.
        package var removedFolders: [String]

        /// One line for standard error: `interrupted by SIGINT: no output written` or the files
        /// that were completed.
        package func message(signal: String) -> String {
            var text = "interrupted by \(signal): "
            text +=
                completed.isEmpty
                ? "no output written"
                : "completed \(completed.joined(separator: ", ")); no other output written"
            if !removedTemporaries.isEmpty {
                text +=
                    " (removed \(removedTemporaries.count) temporary file\(removedTemporaries.count == 1 ? "" : "s"))"
            }
            return text
        }
    }

    /// Whether `interrupt()` has been called.
    package var isInterrupted: Bool {
        lock.lock()
        defer { lock.unlock() }
        return interrupted
    }

    /// Registers a temporary file about to be created. Waits forever once interrupted.
    func begin(temporary path: String) {
        lock.lock()
        if interrupted { lock.unlock(); Self.waitForExit() }
        temporaries.insert(path)
        lock.unlock()
    }

    /// Forgets a temporary file that was removed after a failure.
    func discard(temporary path: String) {
        lock.lock()
        temporaries.remove(path)
        lock.unlock()
    }

    /// Records a folder created for outputs (removed on interruption when still empty).
    package func created(folder path: String) {
        lock.lock()
        if !folders.contains(path) { folders.append(path) }
        lock.unlock()
    }

    /// Waits forever once interrupted (before a write that can't be undone: a device, a FIFO).
    func checkpoint() {
        lock.lock()
        if interrupted { lock.unlock(); Self.waitForExit() }
        lock.unlock()
    }

    /// Called with each destination just before it is renamed onto (tests use it to make a
    /// rename fail after the checks: a folder put in the way).
    package var beforeRename: (@Sendable (String) -> Void)?

    /// Renames each temporary file onto its destination, in order, under the lock, as one unit:
    /// an existing destination is first hard-linked to `.NAME.bak-PID`, and when a rename fails
    /// every destination already renamed onto is put back (its backup renamed back, or removed if
    /// it was new), the remaining temporaries are removed, and the failed destination and reason
    /// are returned. On success the backups are removed. Waits forever once interrupted.
    func commit(_ renames: [(temporary: String, destination: String)]) -> (path: String, reason: String)? {
        lock.lock()
        defer { lock.unlock() }
        if interrupted { lock.unlock(); Self.waitForExit() }
        var done: [(destination: String, backup: String?)] = []
        for (k, item) in renames.enumerated() {
            let backup = Self.linkBackup(of: item.destination)
            beforeRename?(item.destination)
            // rename(2) replaces an existing file atomically. (Foundation's replaceItemAt fails on
            // Linux every other time the destination exists: "The file doesn't exist".)
            if rename(item.temporary, item.destination) != 0 {
                let reason = String(cString: strerror(errno))
                if let backup { unlink(backup) }
                for (destination, backup) in done.reversed() {
                    if let backup { rename(backup, destination) } else { unlink(destination) }
                }
                for rest in renames[k...] {
                    unlink(rest.temporary)
                    temporaries.remove(rest.temporary)
                }
                for item in renames[..<k] { temporaries.remove(item.temporary) }
                return (item.destination, reason)
            }
            done.append((item.destination, backup))
        }
        for (destination, backup) in done {
            if let backup { unlink(backup) }
            completed.append(destination)
        }
        for item in renames { temporaries.remove(item.temporary) }
        return nil
    }

    /// Hard-links an existing regular file at `destination` to its backup name; nil when there
    /// is no such file (or the file system has no hard links: it is then not restored).
    private static func linkBackup(of destination: String) -> String? {
        var info = stat()
        guard lstat(destination, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        let url = URL(fileURLWithPath: destination)
        let backup = (url.deletingLastPathComponent().path as NSString).appendingPathComponent(
            TemporaryNames.name(for: url.lastPathComponent, kind: .backup))
        unlink(backup)
        return link(destination, backup) == 0 ? backup : nil
    }

    /// Stops all output: removes every registered temporary file and every registered folder
    /// that is empty, and returns what was completed and removed. Later calls of `begin` and
    /// `commit` (from other threads) wait for the process to exit.
    @discardableResult
    package func interrupt() -> Interruption {
        lock.lock()
        defer { lock.unlock() }
        interrupted = true
        let removed = temporaries.sorted()
        for path in removed { unlink(path) }
        temporaries.removeAll()
        var removedFolders: [String] = []
        for folder in folders.reversed() where rmdir(folder) == 0 { removedFolders.append(folder) }
        return Interruption(completed: completed, removedTemporaries: removed, removedFolders: removedFolders)
    }

    private static func waitForExit() -> Never {
        while true { sleep(60) }
    }
}
