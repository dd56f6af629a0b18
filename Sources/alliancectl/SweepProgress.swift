@_spi(Internals) import AllianceGraph
import Foundation

/// The progress line of a sweep on standard error: runs done, rate and estimated time left.
///
/// Only on a terminal (the caller decides); updated at most four times a second, from the
/// thread that commits runs (under the store's lock). The ETA is the runs left divided by the
/// mean rate since the start.
final class SweepProgress: @unchecked Sendable {
    let isEnabled: Bool
    private let started: Date
    private var lastShown = Date.distantPast

    init(enabled: Bool, started: Date) {
        isEnabled = enabled
        self.started = started
    }

    func update(_ done: Int, _ total: Int) {
        let now = Date()
        guard isEnabled, done == total || now.timeIntervalSince(lastShown) >= 0.25 else { return }
        lastShown = now
        let elapsed = now.timeIntervalSince(started)
        let rate = Double(done) / max(elapsed, 1e-9)
        let left = Double(total - done) / max(rate, 1e-9)
        Diagnostics.write(
            "\rsweep: \(done)/\(total) runs (\(done * 100 / max(total, 1))%), "
                + "\(NumberFormat.fixed(rate, digits: 1)) runs/s, ETA \(Self.duration(left))   ")
    }

    func finish() {
        if isEnabled { Diagnostics.write("\n") }
    }

    /// `1h02m`, `3m05s` or `12s`.
    static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        if s >= 3600 { return "\(s / 3600)h" + String(format: "%02dm", (s % 3600) / 60) }
        if s >= 60 { return "\(s / 60)m" + String(format: "%02ds", s % 60) }
        return "\(s)s"
    }
}
