#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import Dispatch
import Foundation

/// A fixed-size buffer of doubles owned by a propagation workspace, aligned to 2 MiB and, on
/// Linux, advised for transparent huge pages before its first touch.
///
/// A pass reads the rows `T[t]` of its arcs' targets at random: with 16 columns, T on 1M states
/// is 128 MB, 32,768 ordinary 4 KiB pages, far more than the TLB holds, so nearly every read paid
/// a page walk (measured: 0.77 s per pass with 4 KiB pages; Benchmarks/README.md "Propagation").
/// With 2 MiB pages the same T is 64 pages.
final class KernelBuffer: @unchecked Sendable {
    let base: UnsafeMutablePointer<Double>
    let count: Int

    /// Huge pages are 2 MiB on x86-64 and arm64 Linux.
    static let hugePage = 2 << 20

    /// `count` doubles, all zero. O(count).
    init(count: Int) {
        self.count = count
        let bytes = max(count, 1) * MemoryLayout<Double>.stride
        let large = bytes >= Self.hugePage
        let alignment = large ? Self.hugePage : 64
        let rounded = (bytes + alignment - 1) / alignment * alignment
        var raw: UnsafeMutableRawPointer?
        if posix_memalign(&raw, alignment, rounded) != 0 || raw == nil {
            // Out of memory: there is no recovering in a numerical kernel.
            fatalError("cannot allocate \(rounded) bytes for a propagation buffer")
        }
        #if os(Linux)
            if large { _ = madvise(raw, rounded, Int32(MADV_HUGEPAGE)) }
        #endif
        base = raw!.bindMemory(to: Double.self, capacity: max(count, 1))
        base.initialize(repeating: 0, count: max(count, 1))
    }

    deinit { free(base) }

    /// `count` zeros in an array whose storage is advised for transparent huge pages before its
    /// first touch (the whole 2 MiB pages inside it; the array's header and edges stay on 4 KiB
    /// pages), so that a T the kernel iterates in place needs no buffer of its own: one
    /// `KernelBuffer` fewer (128 MB at 1M states and 16 sources) and no copy of the result.
    /// Arrays this large are fresh `mmap` memory, untouched until initialised here.
    static func zeroedArrayOnHugePages(count: Int) -> [Double] {
        [Double](unsafeUninitializedCapacity: count) { buffer, initialized in
            #if os(Linux)
                if let base = buffer.baseAddress, count * MemoryLayout<Double>.stride >= 2 * hugePage {
                    let mask = UInt(hugePage - 1)
                    let start = (UInt(bitPattern: base) + mask) & ~mask
                    let end = UInt(bitPattern: base + count) & ~mask
                    if end > start {
                        _ = madvise(UnsafeMutableRawPointer(bitPattern: start), Int(end - start), Int32(MADV_HUGEPAGE))
                    }
                }
            #endif
            buffer.initialize(repeating: 0)
            initialized = count
        }
    }

    func copy(from other: KernelBuffer) { base.update(from: other.base, count: count) }
}

/// Helper threads that run the rows of a parallel pass: worker 0 is the calling thread, workers
/// 1 ..< `workers` are threads started once and parked on a semaphore between passes, so a pass
/// allocates nothing (`DispatchQueue.concurrentPerform` allocated 3 to 4 blocks per call).
final class KernelWorkerPool: @unchecked Sendable {
    let workers: Int
    private let start: [DispatchSemaphore]
    private let done = DispatchSemaphore(value: 0)
    /// Written by the calling thread before it signals `start`; read by the helpers after their
    /// wait returns (the semaphore orders the accesses).
    private var job: ParallelPass?
    private var stopping = false

    init(workers: Int) {
        self.workers = workers
        start = (1..<max(workers, 1)).map { _ in DispatchSemaphore(value: 0) }
        for q in 1..<max(workers, 1) {
            let thread = Thread { [self] in loop(q) }
            thread.name = "AllianceGraph propagation \(q)"
            thread.start()
        }
    }

    private func loop(_ q: Int) {
        while true {
            start[q - 1].wait()
            if stopping { return }
            job!.run(q)
            done.signal()
        }
    }

    /// Runs `job` on all workers and returns when every range is done.
    func run(_ job: ParallelPass) {
        self.job = job
        for s in start { s.signal() }
        job.run(0)
        for _ in start { done.wait() }
    }

    /// Lets the helper threads finish; the pool is freed when the last one has returned.
    func stop() {
        stopping = true
        for s in start { s.signal() }
    }
}
