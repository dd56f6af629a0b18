@_spi(Internals) import AllianceGraph
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A one-line progress display on standard error for long work (`\r`-updated).
///
/// It writes only when standard error is a terminal and the user did not ask for `--quiet`, so
/// logs, pipes and test output stay clean; updates are throttled to one per `step` units of work.
/// Not thread-safe: report from the thread doing the work.
package final class ProgressReporter {
    package let isEnabled: Bool
    private let label: String
    private var lastShown = -1
    private var shownLength = 0

    /// A reporter for `label`; silent when `quiet` or when standard error is not a terminal.
    package init(_ label: String, quiet: Bool) {
        self.label = label
        isEnabled = !quiet && isatty(2) == 1
    }

    /// A reporter that never writes.
    package static func silent() -> ProgressReporter { ProgressReporter("", quiet: true) }

    /// Shows `done` of `total` (total 0: a count only), at most once per percent.
    package func update(_ done: Int, of total: Int = 0, detail: String = "") {
        guard isEnabled else { return }
        let key = total > 0 ? done * 100 / max(total, 1) : done / 1000
        if key == lastShown { return }
        lastShown = key
        let text =
            total > 0
            ? "\(label): \(key)% (\(done)/\(total))\(detail.isEmpty ? "" : " " + detail)"
            : "\(label): \(done)\(detail.isEmpty ? "" : " " + detail)"
        emit("\r" + text + String(repeating: " ", count: max(0, shownLength - text.count)))
        shownLength = text.count
    }

    /// Shows the stage of work now under way ("reading europe.json"), replacing the line: for a
    /// command whose steps cannot count their work (a metric over a million states).
    package func stage(_ text: String) {
        guard isEnabled else { return }
        let line = "\(label): \(text)"
        emit("\r" + line + String(repeating: " ", count: max(0, shownLength - line.count)))
        shownLength = line.count
    }

    /// Clears the line (call when the work is done).
    package func finish() {
        guard isEnabled, shownLength > 0 else { return }
        emit("\r" + String(repeating: " ", count: shownLength) + "\r")
        shownLength = 0
    }

    private func emit(_ text: String) {
        let bytes = Array(text.utf8)
        bytes.withUnsafeBytes { buffer in
            if let base = buffer.baseAddress { _ = write(2, base, buffer.count) }
        }
    }
}
