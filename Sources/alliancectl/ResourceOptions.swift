import AllianceGraph
import ArgumentParser

/// `--max-memory`: the memory budget the large tables of a run are checked against before they
/// are allocated (`MemoryBudget`).
struct ResourceOptions: ParsableArguments {
    @Option(
        name: .customLong("max-memory"),
        help: ArgumentHelp(
            "Memory budget for large tables (bytes, or with K, M, G, T: 8G); default: half of the memory available.",
            valueName: "size"))
    var maxMemory: String?

    func validate() throws {
        if let maxMemory, Self.parse(maxMemory) == nil {
            throw ValidationError("--max-memory \(maxMemory): expected a size in bytes, e.g. 2000000000, 512M or 8G.")
        }
    }

    /// Sets `MemoryBudget.bytes` when `--max-memory` was given.
    func apply() {
        if let maxMemory, let bytes = Self.parse(maxMemory) { MemoryBudget.bytes = bytes }
    }

    /// Bytes from `8G`, `512M`, `64K`, `1T` (binary units) or a plain number; nil when invalid or 0.
    static func parse(_ text: String) -> Int? {
        var digits = text.uppercased()
        var unit = 1
        for (suffix, scale) in [("K", 1 << 10), ("M", 1 << 20), ("G", 1 << 30), ("T", 1 << 40)]
        where digits.hasSuffix(suffix) || digits.hasSuffix(suffix + "B") || digits.hasSuffix(suffix + "IB") {
            digits = String(digits.prefix { $0.isNumber })
            unit = scale
        }
        guard !digits.isEmpty, digits.allSatisfy(\.isNumber), let value = Int(digits), value > 0 else { return nil }
        let (bytes, overflow) = value.multipliedReportingOverflow(by: unit)
        return overflow ? nil : bytes
    }
}
