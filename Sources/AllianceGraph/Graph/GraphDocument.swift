/// A format-neutral attributed multigraph: the middle layer between scenarios and the graph
/// formats (GraphML, GML, node-link JSON, Gephi CSV, DOT).
///
/// Every format reads into and writes from this type, and `ScenarioGraphMapping` alone knows how
/// a scenario's states and ties become vertices, edges and attributes (docs/FORMATS.md), so the
/// mapping is defined once. Attribute order is kept (columns in the order given).
@_spi(Internals) public struct GraphDocument: Hashable, Sendable {
    /// One attribute value. Formats without types (CSV) give strings; the mapping coerces.
    public enum Value: Hashable, Sendable {
        case string(String)
        case number(Double)
        case bool(Bool)

        /// The value as a number: numbers as is, booleans 0/1, strings parsed (nil if not numeric).
        public var number: Double? {
            switch self {
            case .number(let v): return v
            case .bool(let b): return b ? 1 : 0
            case .string(let s):
                let t = s.trimmingCharacters(in: .whitespaces)
                if t.isEmpty || t == "NA" || t.lowercased() == "nan" { return nil }
                return Double(t)
            }
        }

        /// The value as text (numbers in the shortest round-trip form).
        public var text: String {
            switch self {
            case .string(let s): return s
            case .number(let v): return NumberFormat.json(v)
            case .bool(let b): return b ? "true" : "false"
            }
        }

        /// The value as a flag: booleans, non-zero numbers, and "true"/"yes"/"1" strings.
        public var flag: Bool? {
            switch self {
            case .bool(let b): return b
            case .number(let v): return v.isNaN ? nil : v != 0
            case .string(let s):
                switch s.lowercased() {
                case "true", "yes", "1", "t": return true
                case "false", "no", "0", "f", "": return false
                default: return nil
                }
            }
        }
    }

    /// The type of a column, as the typed formats store it.
    public enum ValueType: String, Hashable, Sendable { case string, number, bool }

    /// A named attribute with one value (or nil for missing) per vertex or per edge.
    public struct Column: Hashable, Sendable {
        public var name: String
        public var type: ValueType
        public var values: [Value?]
        public init(name: String, type: ValueType, values: [Value?]) {
            self.name = name
            self.type = type
            self.values = values
        }
    }

    public struct Edge: Hashable, Sendable {
        public var source: Int
        public var target: Int
        public init(_ source: Int, _ target: Int) {
            self.source = source
            self.target = target
        }
    }

    public var directed: Bool
    public var graphAttributes: [(name: String, value: Value)]
    public var vertexCount: Int
    public var vertexColumns: [Column]
    public var edges: [Edge]
    public var edgeColumns: [Column]

    public init(
        directed: Bool = false, graphAttributes: [(name: String, value: Value)] = [], vertexCount: Int,
        vertexColumns: [Column] = [], edges: [Edge] = [], edgeColumns: [Column] = []
    ) {
        self.directed = directed
        self.graphAttributes = graphAttributes
        self.vertexCount = vertexCount
        self.vertexColumns = vertexColumns
        self.edges = edges
        self.edgeColumns = edgeColumns
    }

    public static func == (lhs: GraphDocument, rhs: GraphDocument) -> Bool {
        lhs.directed == rhs.directed && lhs.vertexCount == rhs.vertexCount && lhs.vertexColumns == rhs.vertexColumns
            && lhs.edges == rhs.edges && lhs.edgeColumns == rhs.edgeColumns
            && lhs.graphAttributes.elementsEqual(rhs.graphAttributes) { $0.name == $1.name && $0.value == $1.value }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(directed)
        hasher.combine(vertexCount)
        hasher.combine(vertexColumns)
        hasher.combine(edges)
        hasher.combine(edgeColumns)
        for attribute in graphAttributes { hasher.combine(attribute.name); hasher.combine(attribute.value) }
    }

    /// The vertex column `name`, if any.
    public func vertexColumn(_ name: String) -> Column? { vertexColumns.first { $0.name == name } }
    /// The edge column `name`, if any.
    public func edgeColumn(_ name: String) -> Column? { edgeColumns.first { $0.name == name } }
    /// The graph attribute `name`, if any.
    public func graphAttribute(_ name: String) -> Value? { graphAttributes.first { $0.name == name }?.value }

    /// The most attribute names (graph, vertex and edge attributes together) a graph file may
    /// use. A scenario's files use about 25. Each name is a column with a value for every vertex
    /// or edge, so without a bound a file of n elements that each bring a new name needs n^2
    /// cells.
    public static let maxAttributeNames = 256

    /// The error for a file with more than `maxAttributeNames` attribute names.
    package static func tooManyAttributeNames(_ count: Int, location: String? = nil) -> InputError {
        InputError(
            location: location,
            "the file uses \(count) or more distinct attribute names; at most \(maxAttributeNames) are read "
                + "(a scenario uses about 25)")
    }

    /// Checks that every column has one value per element, that edges name existing vertices
    /// and that there are at most `maxAttributeNames` attribute names.
    public func validate() throws(InputError) {
        let names = graphAttributes.count + vertexColumns.count + edgeColumns.count
        if names > Self.maxAttributeNames { throw Self.tooManyAttributeNames(names) }
        for column in vertexColumns where column.values.count != vertexCount {
            throw InputError(
                location: "vertex attribute \(column.name)",
                "has \(column.values.count) values for \(vertexCount) vertices")
        }
        for column in edgeColumns where column.values.count != edges.count {
            throw InputError(
                location: "edge attribute \(column.name)",
                "has \(column.values.count) values for \(edges.count) edges")
        }
        for (k, edge) in edges.enumerated()
        where !(0..<vertexCount).contains(edge.source) || !(0..<vertexCount).contains(edge.target) {
            throw InputError(location: "edge \(k)", "names a vertex outside 0..<\(vertexCount)")
        }
    }
}

#if canImport(Foundation)
    import Foundation
#endif
