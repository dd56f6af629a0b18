import CIgraph
import Foundation

/// The one door to the igraph C library (0.10.2, built with `IGRAPH_THREAD_SAFE 0`).
///
/// igraph keeps its error state, cleanup stack, random generator and attribute table in process
/// globals, so every igraph call in the library runs inside `IGraph.run`, which holds one global,
/// non-re-entrant lock. On first use, inside the lock, it installs:
/// - an error handler that records the first non-empty reason, frees igraph's cleanup stack
///   (`IGRAPH_FINALLY_FREE`) and returns, so that errors come back as codes and become Swift
///   `ComputationError`s instead of aborting the process (igraph's default);
/// - a warning handler that collects warnings instead of printing them;
/// - the C attribute table (GraphML/GML attributes), before any graph exists.
enum IGraph {
    /// A pthread mutex (NSLock), which ThreadSanitizer understands; `Synchronization.Mutex`
    /// is a bare futex on Linux that TSan can't see, so it reported every access to the globals
    /// below as a race.
    private static let lock = NSLock()

    // Touched only while `lock` is held.
    nonisolated(unsafe) private static var isInitialised = false
    nonisolated(unsafe) fileprivate static var pendingReason: String?
    nonisolated(unsafe) fileprivate static var warnings: [String] = []

    /// Runs `body` with exclusive access to igraph. When `seed` is given, igraph's default random
    /// generator is seeded with it first, inside the same lock, so that randomised routines
    /// (Leiden, spinglass, layouts, ARPACK start vectors) are reproducible.
    ///
    /// `body` must not call `run` again (the lock is not re-entrant) and must not let any igraph
    /// object escape.
    static func run<R: Sendable>(
        seed: UInt64? = nil,
        _ body: () throws(ComputationError) -> R
    ) throws(ComputationError) -> R {
        lock.lock()
        defer { lock.unlock() }
        let outcome: Result<R, ComputationError> = {
            if !isInitialised {
                _ = igraph_set_error_handler(igraphErrorHandler)
                _ = igraph_set_warning_handler(igraphWarningHandler)
                allianceGraphInstallAttributeTable()
                isInitialised = true
            }
            pendingReason = nil
            warnings.removeAll()
            do throws(ComputationError) {
                if let seed { try self.seed(seed) }
                return .success(try body())
            } catch {
                return .failure(error)
            }
        }()
        return try outcome.get()
    }

    /// Seeds igraph's default random generator with `seed` (call inside `run`): what
    /// `run(seed:)` does first, for a body that runs several seeded routines on one graph.
    static func seed(_ seed: UInt64) throws(ComputationError) {
        let code = igraph_rng_seed(igraph_rng_default(), igraph_uint_t(truncatingIfNeeded: seed))
        if code != IGRAPH_SUCCESS {
            throw ComputationError(
                operation: "seeding igraph's random generator", reason: takeReason(), code: Int(code.rawValue))
        }
    }

    /// Turns an igraph return code into a Swift error (call inside `run`).
    static func check(_ code: igraph_error_t, _ operation: @autoclosure () -> String) throws(ComputationError) {
        if code != IGRAPH_SUCCESS {
            throw ComputationError(operation: operation(), reason: takeReason(), code: Int(code.rawValue))
        }
    }

    /// The warnings igraph raised during the current `run` (call inside `run`).
    static var currentWarnings: [String] { warnings }

    private static func takeReason() -> String {
        defer { pendingReason = nil }
        return pendingReason ?? "igraph reported an error without a reason"
    }
}

private func igraphErrorHandler(
    reason: UnsafePointer<CChar>?, file: UnsafePointer<CChar>?, line: Int32,
    code: igraph_error_t
) {
    if IGraph.pendingReason == nil, let reason, reason.pointee != 0 {
        IGraph.pendingReason = String(cString: reason)
    }
    IGRAPH_FINALLY_FREE()
}

private func igraphWarningHandler(reason: UnsafePointer<CChar>?, file: UnsafePointer<CChar>?, line: Int32) {
    if let reason, IGraph.warnings.count < 100 {
        IGraph.warnings.append(String(cString: reason))
    }
}
