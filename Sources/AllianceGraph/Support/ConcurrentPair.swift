#if canImport(Foundation)
    import Foundation
#endif

/// Two independent computations run at the same time on two threads, or one after the other.
/// Each result is what its closure computes alone, so the outcome does not depend on whether
/// they ran side by side (the threat model's CSR snapshots of millions of ties).
package enum ConcurrentPair {
    /// `(first(), second())`; on two threads when `parallel` is true and more than one core is
    /// available.
    package static func run<A: Sendable, B: Sendable>(
        parallel: Bool, _ first: @Sendable () -> A, _ second: @Sendable () -> B
    ) -> (A, B) {
        guard parallel, ProcessorCount.active > 1 else { return (first(), second()) }
        #if canImport(Foundation)
            let slots = Slots<A, B>()
            DispatchQueue.concurrentPerform(iterations: 2) { job in
                if job == 0 { slots.first = first() } else { slots.second = second() }
            }
            return (slots.first!, slots.second!)
        #else
            return (first(), second())
        #endif
    }

    /// Each slot is written by one job and read after both have ended.
    private final class Slots<A, B>: @unchecked Sendable {
        var first: A?
        var second: B?
    }
}
