/// Timings of one side of the comparison, in seconds per call.
struct Samples {
    private(set) var values: [Double] = []

    mutating func append(_ seconds: Double) { values.append(seconds) }

    private var sorted: [Double] { values.sorted() }

    /// The median (mean of the two middle values for an even count).
    var median: Double {
        let s = sorted, c = s.count
        return c % 2 == 1 ? s[c / 2] : (s[c / 2 - 1] + s[c / 2]) / 2
    }

    var minimum: Double { values.min() ?? .nan }
    var maximum: Double { values.max() ?? .nan }
}

/// Seconds elapsed while running `body` (monotonic clock).
func seconds(_ body: () throws -> Void) rethrows -> Double {
    let clock = ContinuousClock()
    let elapsed = try clock.measure(body)
    return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
}
