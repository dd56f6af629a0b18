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

    /// Renames each temporary file onto its destination, in order, under the lock; returns the
    /// first failure's destination and reason (the remaining temporaries are then removed).
    /// Waits forever once interrupted.
    func commit(_ renames: [(temporary: String, destination: String)]) -> (path: String, reason: String)? {
        lock.lock()
        defer { lock.unlock() }
        if interrupted { lock.unlock(); Self.waitForExit() }
        for (k, item) in renames.enumerated() {
            // rename(2) replaces an existing file atomically. (Foundation's replaceItemAt fails on
            // Linux every other time the destination exists: "The file doesn't exist".)
            if rename(item.temporary, item.destination) != 0 {
                let reason = String(cString: strerror(errno))
                for rest in renames[k...] {
                    unlink(rest.temporary)
                    temporaries.remove(rest.temporary)
                }
                return (item.destination, reason)
            }
            temporaries.remove(item.temporary)
            completed.append(item.destination)
        }
        return nil
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
