import Foundation

/// Byte chunks handed, in order, to a writer running on a thread of its own, so that making the
/// next chunks (on every core) overlaps writing the last ones. A writer of a large file spends
/// about a third of its time in `write(2)` (the kernel copying into the page cache); done in
/// turn with the making, that time added to the wall time instead of overlapping it.
///
/// At most `depth` chunks wait: `push` blocks while that many do, so memory stays bounded. After
/// the first failed emission the later chunks are dropped, `push` throws its error, and so does
/// `finish()`. `finish()` must be called before `emit`'s captures go (it joins the thread).
final class BackgroundEmission: @unchecked Sendable {
    private let condition = NSCondition()
    private var queue: [[UInt8]] = []
    private var closed = false
    private var running = true
    private var failure: OutputError?
    private let depth: Int
    /// Dropped by `finish()`: a caller that passes a closure made escaping with
    /// `withoutActuallyEscaping` needs it released before that call returns (the thread object
    /// may outlive `finish()` for a moment).
    private var emit: ((UnsafeRawBufferPointer) throws(OutputError) -> Void)?

    init(depth: Int, emit: @escaping (UnsafeRawBufferPointer) throws(OutputError) -> Void) {
        self.depth = max(1, depth)
        self.emit = emit
        let thread = Thread { [self] in run() }
        thread.start()
    }

    private func run() {
        while true {
            condition.lock()
            while queue.isEmpty && !closed { condition.wait() }
            if queue.isEmpty {
                running = false
                condition.broadcast()
                condition.unlock()
                return
            }
            let chunk = queue.removeFirst()
            let dropped = failure != nil
            let emit = self.emit!
            condition.broadcast()
            condition.unlock()
            if dropped { continue }
            var failed: OutputError?
            chunk.withUnsafeBytes { bytes in
                do throws(OutputError) { try emit(bytes) } catch let error { failed = error }
            }
            if let failed {
                condition.lock()
                failure = failed
                condition.broadcast()
                condition.unlock()
            }
        }
    }

    /// Queues `chunk` for the writer; waits while `depth` chunks are queued. Throws the error of
    /// an earlier failed emission (the chunk is then dropped).
    func push(_ chunk: [UInt8]) throws(OutputError) {
        condition.lock()
        defer { condition.unlock() }
        while queue.count >= depth && failure == nil { condition.wait() }
        if let failure { throw failure }
        queue.append(chunk)
        condition.broadcast()
    }

    /// Waits until every queued chunk has been emitted and the thread has ended; throws the
    /// first emission's error.
    func finish() throws(OutputError) {
        condition.lock()
        closed = true
        condition.broadcast()
        while running { condition.wait() }
        emit = nil
        let failure = self.failure
        condition.unlock()
        if let failure { throw failure }
    }
}
