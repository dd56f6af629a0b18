@_spi(Internals) import AllianceGraph
/// How each tie kind is drawn, shared by the SVG drawings and the DOT writer, so that a
/// picture's legend and a GraphViz rendering agree.
///
/// Line style carries the kind (solid for pledges to fight, dashed/dotted for weaker clauses),
/// so the pictures stay readable in greyscale print; rivalries are dashed red.
package struct CommitmentStyle: Hashable, Sendable {
    /// Legend text.
    package let label: String
    /// SVG `stroke-dasharray` ("" for a solid line).
    package let dashArray: String
    /// GraphViz `style`.
    package let dotStyle: String
    /// Stroke colour (hex).
    package let colour: String
    /// Stroke width (px).
    package let width: Double
    /// Whether to draw an arrowhead at the partner's end (directed kinds).
    package let arrow: Bool

    /// The style of a commitment kind, of `rivalry`, or a neutral style for unknown kinds.
    package static func style(forKind kind: String) -> CommitmentStyle {
        switch kind {
        case CommitmentKind.defense.rawValue:
            return .init(
                label: "Defence pact", dashArray: "", dotStyle: "solid", colour: "#2f3e56", width: 2.4, arrow: false)
        case CommitmentKind.offense.rawValue:
            return .init(
                label: "Offence pact", dashArray: "", dotStyle: "bold", colour: "#5b2a86", width: 3.4, arrow: false)
        case CommitmentKind.guarantee.rawValue:
            return .init(
                label: "Guarantee (guarantor \u{2192} protected)", dashArray: "", dotStyle: "solid", colour: "#2f3e56",
                width: 1.5, arrow: true)
        case CommitmentKind.patronage.rawValue:
            return .init(
                label: "Patronage (patron \u{2192} client)", dashArray: "2 3", dotStyle: "dotted", colour: "#2f3e56",
                width: 1.6, arrow: true)
        case CommitmentKind.consultation.rawValue:
            return .init(
                label: "Consultation / entente", dashArray: "7 4", dotStyle: "dashed", colour: "#7d8799", width: 1.4,
                arrow: false)
        case CommitmentKind.neutrality.rawValue:
            return .init(
                label: "Neutrality", dashArray: "1.5 3", dotStyle: "dotted", colour: "#7d8799", width: 1.5, arrow: false
            )
        case CommitmentKind.nonaggression.rawValue:
            return .init(
                label: "Non-aggression", dashArray: "8 3 2 3", dotStyle: "dashed", colour: "#7d8799", width: 1.4,
                arrow: false)
        case "rivalry":
            return .init(
                label: "Strategic rivalry", dashArray: "5 4", dotStyle: "dashed", colour: "#c0392b", width: 1.8,
                arrow: false)
        default:
            return .init(label: kind, dashArray: "", dotStyle: "solid", colour: "#999999", width: 1, arrow: false)
        }
    }

    /// Drawing precedence when several commitments join one pair: the most binding is drawn.
    package static let precedence: [CommitmentKind] = [
        .offense, .defense, .guarantee, .patronage, .consultation,
        .neutrality, .nonaggression,
    ]
}
