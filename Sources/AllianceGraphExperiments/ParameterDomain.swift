@_spi(Internals) import AllianceGraph
@_spi(Internals) import AllianceGraphFormats

/// How one varied parameter of an experiment takes its values.
///
/// - `values`: the listed values, in order.
/// - `range`: `from, from + step, ..., to` (each value computed as `from + k * step`, so that no
///   rounding error accumulates; `to` is included when it is within 1e-9 steps of the grid).
/// - `sampled`: a value in `[min, max]` per sample point, drawn by the experiment's `sample`
///   (uniform random or Latin hypercube).
/// Listed and ranged parameters form a full factorial grid; sampled parameters vary together,
/// one sample point at a time.
package enum ParameterDomain: Hashable, Sendable {
    case values([Double])
    case sampled(min: Double, max: Double)

    /// The grid values (nil for a sampled parameter).
    package var gridValues: [Double]? {
        if case .values(let values) = self { return values }
        return nil
    }

    /// Reads `{"values": [...]}`, `{"from": a, "to": b, "step": s}` or `{"min": a, "max": b}` at `path`.
    static func decode(_ value: JSONValue, path: String, integer: Bool) throws(InputError) -> ParameterDomain {
        if case .array = value {
            return try decode(.object([JSONMember(key: "values", value: value)]), path: path, integer: integer)
        }
        var object = try JSONObjectReader(value, path: path)
        let list = try object.array("values")
        let from = try object.number("from"), to = try object.number("to"), step = try object.number("step")
        let low = try object.number("min"), high = try object.number("max")
        try object.rejectUnknownFields()
        let forms = [list != nil, from != nil || to != nil || step != nil, low != nil || high != nil].filter { $0 }
        guard forms.count == 1 else {
            throw InputError(
                location: path, "give exactly one of \"values\", \"from\"/\"to\"/\"step\" or \"min\"/\"max\"")
        }
        if let list {
            guard !list.isEmpty else { throw InputError(location: object.childPath("values"), "the list is empty") }
            var values: [Double] = []
            for (k, element) in list.enumerated() {
                let number = try JSONObjectReader.number(element, at: "\(path).values[\(k)]")
                try check(number, integer: integer, at: "\(path).values[\(k)]")
                values.append(number)
            }
            return .values(values)
        }
        if low != nil || high != nil {
            guard let low, let high else {
                throw InputError(location: path, "a sampled parameter needs both \"min\" and \"max\"")
            }
            guard low.isFinite, high.isFinite, low <= high else {
                throw InputError(location: object.childPath("max"), "empty range: max \(high) is below min \(low)")
            }
            return .sampled(min: low, max: high)
        }
        return .values(try range(from: from, to: to, step: step, path: path, integer: integer))
    }

    private static func range(from: Double?, to: Double?, step: Double?, path: String, integer: Bool)
        throws(InputError) -> [Double]
    {
        guard let from, let to, let step else {
            let missing = [("from", from), ("to", to), ("step", step)].first { $0.1 == nil }!.0
            throw InputError(location: "\(path).\(missing)", "a range needs \"from\", \"to\" and \"step\"")
        }
        guard step > 0, step.isFinite else {
            throw InputError(location: "\(path).step", "the step must be a positive number, found \(step)")
        }
        guard to >= from else {
            throw InputError(location: "\(path).to", "empty range: to \(to) is below from \(from)")
        }
        let count = Int(((to - from) / step + 1e-9).rounded(.down)) + 1
        guard count <= 1_000_000 else {
            throw InputError(location: "\(path).step", "the range has \(count) values; at most 1000000")
        }
        var values: [Double] = []
        for k in 0..<count {
            let value = from + Double(k) * step
            try check(value, integer: integer, at: path)
            values.append(value)
        }
        return values
    }

    private static func check(_ value: Double, integer: Bool, at path: String) throws(InputError) {
        guard value.isFinite else { throw InputError(location: path, "\(value) is not a finite number") }
        if integer && value != value.rounded() {
            throw InputError(location: path, "\(NumberFormat.json(value)) is not a whole number")
        }
    }
}
