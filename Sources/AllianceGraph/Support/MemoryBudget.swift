import Foundation
import Synchronization

/// The memory a computation may reserve for its large tables, checked before they are allocated,
/// so that an input too large for the machine fails with a message instead of being killed by the
/// kernel's out-of-memory killer or aborting in the allocator.
///
/// Checked: every table that grows with N x N (the alignment landscape, the arms-race reaction
/// matrix, the portfolio-similarity matrix), the per-worker tallies of crisis ensembles (not
/// their runs: those are aggregated as they finish) and the per-round records of a simulation.
/// The default is half of the smallest of physical memory, the address-space limit
/// (`RLIMIT_AS`, e.g. `prlimit --as`) and the data-segment limit (`RLIMIT_DATA`);
/// `alliancectl --max-memory` sets another.
package enum MemoryBudget {
    private static let current = Mutex<Int?>(nil)

    /// Half of the smallest of physical memory, RLIMIT_AS and RLIMIT_DATA, in bytes.
    package static var defaultBytes: Int {
        var limit = Int(clamping: ProcessInfo.processInfo.physicalMemory)
        for resource in [RLIMIT_AS, RLIMIT_DATA] {
            var value = rlimit()
            if getrlimit(__rlimit_resource_t(resource.rawValue), &value) == 0, value.rlim_cur != rlim_t.max {
                limit = min(limit, Int(clamping: value.rlim_cur))
            }
        }
        return limit / 2
    }

    /// The budget in bytes (`defaultBytes` until set).
    package static var bytes: Int {
        get { current.withLock { $0 } ?? defaultBytes }
        set { current.withLock { $0 = newValue } }
    }

    /// Throws a `ComputationError` for `operation` when `count` elements of `elementSize` bytes
    /// exceed the budget (or overflow an Int). `what` describes the table ("a 50000 x 50000
    /// matrix of doubles"), `avoid` what makes it smaller ("fewer states").
    package static func check(
        _ operation: String, count: Int, elementSize: Int, what: String, avoid: String
    ) throws(ComputationError) {
        let (total, overflow) = count.multipliedReportingOverflow(by: elementSize)
        let budget = bytes
        if overflow || count < 0 || total > budget {
            let needed = overflow ? "more than 9 EB" : describe(total)
            throw ComputationError(
                operation: operation,
                reason: "needs \(needed) for \(what), over the memory budget of \(describe(budget)) "
                    + "(\(budgetOption)); \(avoid)")
        }
    }

    /// The product of `factors`, saturating at Int.max (which no budget allows).
    package static func product(_ factors: Int...) -> Int {
        var result = 1
        for factor in factors {
            let (next, overflow) = result.multipliedReportingOverflow(by: max(0, factor))
            if overflow { return Int.max }
            result = next
        }
        return result
    }

    /// How users raise the budget.
    package static let budgetOption =
        "alliancectl --max-memory BYTES raises it; default: half of the memory available"

    /// Bytes in binary units with one decimal: `20.0 GiB`.
    package static func describe(_ bytes: Int) -> String {
        let units = ["bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"]
        var value = Double(bytes)
        var unit = 0
        while value >= 1024 && unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return unit == 0 ? "\(bytes) bytes" : NumberFormat.fixed(value, digits: 1) + " " + units[unit]
    }
}
