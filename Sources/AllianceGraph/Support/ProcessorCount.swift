#if canImport(Foundation)
    import Foundation
    /// The number of processors this process may run on (1 where Foundation is unavailable): the
    /// default worker count of ensembles and of parallel propagation passes.
    package enum ProcessorCount {
        package static var active: Int { ProcessInfo.processInfo.activeProcessorCount }
    }
#else
    /// The number of processors this process may run on (1 where Foundation is unavailable): the
    /// default worker count of ensembles and of parallel propagation passes.
    package enum ProcessorCount {
        package static var active: Int { 1 }
    }
#endif
