@_spi(Internals) import AllianceGraph
@_spi(Internals) import AllianceGraphFormats
import AllianceGraphRender
import Foundation
import Synchronization

/// SIGINT, SIGTERM, SIGHUP and SIGQUIT: stop cleanly, leaving complete output files or none.
///
/// `install()` blocks the four signals in every thread (it runs first in `main`, before any other
/// thread exists, and threads inherit the mask) and starts one watcher thread that takes them
/// with `sigwait`. On a signal the watcher runs in an ordinary thread context (no async-signal
/// restrictions): it stops all output through `OutputLedger.shared.interrupt()` (temporary files
/// removed, empty output folders removed, later writes held), prints what was completed on
/// standard error and exits with 128 + the signal number (130 for SIGINT, 143 for SIGTERM, 129
/// for SIGHUP, 131 for SIGQUIT: a closed terminal or Ctrl-\\ clean up as Ctrl-C does).
///
/// The watcher ends the process itself rather than setting a flag for the work to notice: the
/// long stretches of work (igraph calls, parallel ensembles, a simulation round) check nothing,
/// and the ledger's lock is what makes the outputs consistent.
enum InterruptHandling {
    static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]

    /// A sentence added to the interruption message (e.g. where a sweep's committed runs are).
    static let note = Mutex<String?>(nil)
    /// Child processes to stop (SIGTERM) before exiting: a sweep's worker processes.
    static let children = Mutex<[pid_t]>([])
    /// No message on an interruption (a sweep's worker process: its parent reports).
    static let silent = Mutex<Bool>(false)

    static func install() {
        var set = signalSet()
        pthread_sigmask(SIG_BLOCK, &set, nil)
        let watcher = Thread {
            var set = signalSet()
            while true {
                var received: Int32 = 0
                if sigwait(&set, &received) == 0, signals.contains(received) { stop(received) }
            }
        }
        watcher.name = "alliancectl signal watcher"
        watcher.start()
    }

    private static func signalSet() -> sigset_t {
        var set = sigset_t()
        sigemptyset(&set)
        for signal in signals { sigaddset(&set, signal) }
        return set
    }

    /// The exit status for `signal`: 128 + its number.
    static func exitStatus(_ signal: Int32) -> Int32 { 128 + signal }

    static func name(_ signal: Int32) -> String {
        switch signal {
        case SIGINT: "SIGINT"
        case SIGTERM: "SIGTERM"
        case SIGHUP: "SIGHUP"
        case SIGQUIT: "SIGQUIT"
        default: "signal \(signal)"
        }
    }

    private static func stop(_ signal: Int32) -> Never {
        let outcome = OutputLedger.shared.interrupt()
        for child in children.withLock({ $0 }) { kill(child, SIGTERM) }
        let extra = note.withLock { $0 }.map { "; " + $0 } ?? ""
        let line = silent.withLock { $0 } ? "" : outcome.message(signal: name(signal)) + extra + "\n"
        _ = line.utf8CString.withUnsafeBufferPointer { write(STDERR_FILENO, $0.baseAddress, $0.count - 1) }
        _exit(exitStatus(signal))
    }
}
