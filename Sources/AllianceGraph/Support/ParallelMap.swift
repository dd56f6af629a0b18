#if canImport(Foundation)
    import Foundation
#endif

/// Independent jobs on worker threads with results in job order, so that the output does not
/// depend on the number of workers (the backtests' windows, the panel's years).
package enum ParallelMap {
    /// `body(0..<count)` on `workers` threads (worker w takes w, w + workers, ...), results by index.
    package static func run<T: Sendable>(
        count: Int, workers: Int, progress: (@Sendable (Int, Int) -> Void)?,
        _ body: @Sendable @escaping (Int) throws -> T
    ) throws -> [T] {
        let box = ResultBox<T>(count: count)
        let workerCount = max(1, min(workers, count))
        let work: @Sendable (Int) -> Void = { w in
            var index = w
            while index < count {
                let result = Result { try body(index) }
                box.store(result, at: index, progress: progress, total: count)
                index += workerCount
            }
        }
        if workerCount == 1 {
            work(0)
        } else {
            DispatchQueue.concurrentPerform(iterations: workerCount, execute: work)
        }
        return try box.values()
    }

    /// Results written by worker threads, under a lock.
    private final class ResultBox<T: Sendable>: @unchecked Sendable {
        private let lock = NSLock()
        private var results: [Result<T, any Error>?]
        private var done = 0

        init(count: Int) { results = Array(repeating: nil, count: count) }

        func store(
            _ result: Result<T, any Error>, at index: Int, progress: (@Sendable (Int, Int) -> Void)?, total: Int
        ) {
            lock.lock()
            defer { lock.unlock() }
            results[index] = result
            done += 1
            progress?(done, total)
        }

        /// The values in index order, or the error of the lowest failed index.
        func values() throws -> [T] {
            lock.lock()
            defer { lock.unlock() }
            return try results.map { try $0!.get() }
        }
    }
}
