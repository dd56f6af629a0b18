import CPropagationKernels

/// A software prefetch for loops that know which scattered addresses they will read a little
/// later: `read(address)` asks the CPU to bring the cache line at `address` into its caches and
/// returns at once (it never faults, whatever the address). Without it a loop whose every
/// iteration reads a random line of a large table waits for memory each time, because the
/// out-of-order core only looks one or two iterations ahead. For modules that cannot import the
/// C shim (the scenario writer's code table).
@_spi(Internals) public enum CachePrefetch {
    /// Prefetches the cache line at `address` for reading, into every cache level.
    public static func read(_ address: UnsafeRawPointer) {
        agk_prefetch(address)
    }
}
