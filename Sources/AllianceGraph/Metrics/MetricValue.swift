/// One value in a metrics table: an integer, a real, a flag or a label.
public enum MetricValue: Hashable, Sendable, CustomStringConvertible {
    case integer(Int)
    case real(Double)
    case flag(Bool)
    case label(String)

    /// Equality that treats NaN as equal to NaN (a metric undefined in both reports agrees).
    public static func == (lhs: MetricValue, rhs: MetricValue) -> Bool {
        switch (lhs, rhs) {
        case let (.integer(a), .integer(b)): return a == b
        case let (.real(a), .real(b)): return a == b || (a.isNaN && b.isNaN)
        case let (.flag(a), .flag(b)): return a == b
        case let (.label(a), .label(b)): return a == b
        default: return false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .integer(let v): hasher.combine(0); hasher.combine(v)
        case .real(let v):
            hasher.combine(1); hasher.combine(v.isNaN ? Double.nan.bitPattern : (v == 0 ? 0 : v.bitPattern))
        case .flag(let v): hasher.combine(2); hasher.combine(v)
        case .label(let v): hasher.combine(3); hasher.combine(v)
        }
    }

    /// The value as a Double (flags as 0/1; NaN for labels).
    public var number: Double {
        switch self {
        case .integer(let v): return Double(v)
        case .real(let v): return v
        case .flag(let v): return v ? 1 : 0
        case .label: return .nan
        }
    }

    public var description: String {
        switch self {
        case .integer(let v): return String(v)
        case .real(let v): return NumberFormat.json(v)
        case .flag(let v): return v ? "true" : "false"
        case .label(let v): return v
        }
    }
}

/// A metric's name, scope, cost class and one-line definition (the catalogue behind `metrics --list`).
public struct MetricDefinition: Hashable, Sendable {
    public enum Scope: String, Hashable, Sendable { case state, system }

    /// How a metric's computation grows with the network (N states, M alliance ties), in three
    /// classes; the per-metric complexities and timings are in docs/METRICS.md ("Cost").
    public enum Cost: String, Hashable, Sendable, CaseIterable {
        /// O(N + M) or a few passes over the ties (PageRank, eigenvector: tens of passes).
        case low
        /// O(N M) or more, deterministic: shortest paths from every state, the threat propagation
        /// (sources x ties x passes), the dense N x N arms-race margin.
        case medium
        /// Searches and ensembles that dominate the report: Leiden (10 restarts), signed Louvain
        /// (32 runs + 64 perturbations), the chain-gang probe crises (one cascade per probe pair), and
        /// the exact frustration index (branch and bound, exponential in the worst case, capped by
        /// a node budget).
        case high
    }

    /// Column name in tables, CSV and JSON (`betweenness`).
    public let name: String
    public let scope: Scope
    /// One line: what it measures, with its formula or convention.
    public let summary: String
    /// The metric's cost class (`metrics --list`; `metrics --skip` leaves metrics out).
    public let cost: Cost

    public init(_ name: String, _ scope: Scope, _ summary: String, cost: Cost = .low) {
        self.name = name
        self.scope = scope
        self.summary = summary
        self.cost = cost
    }
}

/// Metrics of one network: a column per state metric and a value per system metric, in
/// catalogue order.
public struct MetricsReport: Hashable, Sendable {
    /// State codes, in network order.
    public var codes: [String]
    public var names: [String]
    public var stateColumns: [(definition: MetricDefinition, values: [MetricValue])]
    public var systemValues: [(definition: MetricDefinition, value: MetricValue)]

    public init(codes: [String], names: [String]) {
        self.codes = codes
        self.names = names
        stateColumns = []
        systemValues = []
    }

    public static func == (lhs: MetricsReport, rhs: MetricsReport) -> Bool {
        lhs.codes == rhs.codes && lhs.names == rhs.names
            && lhs.stateColumns.elementsEqual(rhs.stateColumns) {
                $0.definition == $1.definition && $0.values == $1.values
            }
            && lhs.systemValues.elementsEqual(rhs.systemValues) {
                $0.definition == $1.definition && $0.value == $1.value
            }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(codes)
        for column in stateColumns { hasher.combine(column.definition); hasher.combine(column.values) }
        for entry in systemValues { hasher.combine(entry.definition); hasher.combine(entry.value) }
    }

    /// The column of state metric `name`, if computed.
    public func column(_ name: String) -> [MetricValue]? {
        stateColumns.first { $0.definition.name == name }?.values
    }

    /// The value of state metric `name` for the state `code`.
    public func value(_ name: String, state code: String) -> MetricValue? {
        guard let index = codes.firstIndex(of: code) else { return nil }
        return column(name)?[index]
    }

    /// The value of system metric `name`, if computed.
    public func system(_ name: String) -> MetricValue? {
        systemValues.first { $0.definition.name == name }?.value
    }

    /// A report with only the metrics named in `names` (state and system alike).
    public func only(_ names: Set<String>) -> MetricsReport {
        var copy = self
        copy.stateColumns = stateColumns.filter { names.contains($0.definition.name) }
        copy.systemValues = systemValues.filter { names.contains($0.definition.name) }
        return copy
    }
}
