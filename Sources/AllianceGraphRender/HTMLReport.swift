@_spi(Internals) import AllianceGraph
@_spi(Internals) import AllianceGraphFormats
/// One self-contained HTML file about a scenario: the network picture, summary figures, the
/// per-state and system metrics tables, and optional extra sections (simulation charts, a crisis
/// timeline). Everything is inline (SVG and CSS); no scripts, fonts or images are fetched, so the
/// file opens offline and prints cleanly.
///
/// Extension point: `sections` takes any number of `HTMLReport.Section`s, built from a
/// `TimeSeriesChart`, a `CrisisTimeline`, raw SVG or escaped HTML; they follow the metrics in the
/// order given. The simulation and crisis commands add theirs there.
public struct HTMLReport: Sendable {
    /// A titled block of the report with a figure caption.
    public struct Section: Sendable {
        public enum Body: Sendable {
            /// An SVG document (inlined as is).
            case svg(String)
            /// HTML that the caller has already escaped.
            case html(String)
        }

        public var title: String
        public var caption: String?
        public var body: Body

        public init(title: String, caption: String? = nil, body: Body) {
            self.title = title
            self.caption = caption
            self.body = body
        }

        /// A section holding a time-series chart (e.g. effort over rounds).
        public static func chart(_ chart: TimeSeriesChart, title: String? = nil, caption: String? = nil) -> Section {
            Section(title: title ?? chart.title, caption: caption, body: .svg(chart.svg()))
        }

        /// A section holding a crisis timeline.
        package static func timeline(
            _ timeline: CrisisTimeline, title: String? = nil, caption: String? = nil
        ) -> Section {
            Section(title: title ?? timeline.title, caption: caption, body: .svg(timeline.svg()))
        }
    }

    public var scenario: Scenario
    /// The year whose ties are shown (default: the scenario's year).
    public var year: Int?
    /// Seed of the layout and of the bloc detection (the report's blocs equal `metrics --seed`).
    public var seed: UInt64 = 1
    /// Extra sections after the metrics.
    public var sections: [Section] = []

    public init(scenario: Scenario, year: Int? = nil, seed: UInt64 = 1, sections: [Section] = []) {
        self.scenario = scenario
        self.year = year
        self.seed = seed
        self.sections = sections
    }

    /// The report as HTML text. Deterministic: no timestamps; same inputs, same bytes.
    public func render() throws(ComputationError) -> String {
        let network = scenario.activeNetwork(year: year)
        var picture = NetworkPicture()
        picture.seed = seed
        picture.showCaption = false
        picture.showHeader = false
        picture.height = 640
        let (networkSVG, drawn) = try picture.drawing(scenario, year: year)
        // The scenario's parameters and war plans, as `alliancectl metrics` uses them.
        let report = try NetworkMetrics.compute(scenario: scenario, year: year, seed: seed)

        var html = header()
        html += Self.summaryCards(network, report)
        html += figure(networkSVG, drawn: drawn, modularity: Self.systemFigure(report, "modularity"))
        html += Self.statesTable(network, report)
        html += Self.systemTable(report)
        html += extraSections()
        html += sourcesAndFooter()
        return html
    }
}

// MARK: The report's parts, in the order they are written

extension HTMLReport {
    /// The document head (with the inline CSS) and the page header: kicker, title, facts, the
    /// scenario's description.
    private func header() -> String {
        let e = SVG.escape
        var html = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="generator" content="AllianceGraph \(e(AllianceGraphVersion.string))">
            <title>\(e(scenario.name))</title>
            <style>\(Self.css)</style>
            </head>
            <body>
            <main>
            <header>
            <p class="kicker">Alliance network report</p>
            <h1>\(e(scenario.name))</h1>

            """
        var facts: [String] = []
        if let effectiveYear = year ?? scenario.year { facts.append("Ties in force in \(effectiveYear)") }
        facts.append("codes: \(scenario.codes.rawValue.uppercased())")
        facts.append("seed \(seed)")
        html += "<p class=\"meta\">\(e(facts.joined(separator: " \u{00B7} ")))</p>\n"
        if let description = scenario.description { html += "<p class=\"lede\">\(e(description))</p>\n" }
        html += "</header>\n"
        return html
    }

    /// System metric `name` for the summary: 3 decimals, a dash when absent or NaN.
    private static func systemFigure(_ report: MetricsReport, _ name: String) -> String {
        guard let value = report.system(name) else { return "\u{2013}" }
        if case .real(let v) = value { return v.isNaN ? "\u{2013}" : NumberFormat.fixed(v, digits: 3) }
        return value.description
    }

    /// Six cards of summary figures: states, commitments (the three commonest kinds), rivalries,
    /// blocs, density, structural balance.
    private static func summaryCards(_ network: AllianceNetwork, _ report: MetricsReport) -> String {
        let e = SVG.escape
        let system = { (name: String) in systemFigure(report, name) }
        var kindCounts: [String] = []
        for kind in CommitmentKind.allCases {
            let count = network.commitments.filter { $0.kind == kind }.count
            if count > 0 { kindCounts.append("\(count) \(kind.rawValue)") }
        }
        let cards: [(String, String, String)] = [
            ("States", "\(network.count)", "\(network.states.filter(\.major).count) major powers"),
            ("Commitments", "\(network.commitments.count)", kindCounts.prefix(3).joined(separator: ", ")),
            ("Rivalries", "\(network.rivalries.count)", "hostile ties (negative edges)"),
            ("Blocs", system("blocs"), "modularity Q = \(system("modularity"))"),
            ("Density", system("density"), "\(system("components")) components"),
            ("Structural balance", system("balance"), "share of balanced signed triangles"),
        ]
        var html = "<section class=\"cards\">\n"
        for (label, value, note) in cards {
            html += """
                <div class="card"><div class="label">\(e(label))</div><div class="value">\(e(value))</div>\
                <div class="note">\(e(note))</div></div>

                """
        }
        html += "</section>\n"
        return html
    }

    /// Figure 1: the network picture and its caption (`modularity` as shown in the summary), which
    /// names only what the picture draws.
    private func figure(_ networkSVG: String, drawn: NetworkPicture.Drawn, modularity q: String) -> String {
        let e = SVG.escape
        let when = (year ?? scenario.year).map { " in \($0)" } ?? ""
        var caption = """
            <strong>Figure 1.</strong> The alliance network\(when). Node area is proportional to capability; \
            colour marks blocs found by Leiden modularity maximisation (Q = \(e(q)); blocs numbered by size as \
            in Table 1). One line per pair of states shows its most binding commitment, opacity rising with \
            credibility.
            """
        if drawn.arrows { caption += " Arrows point from guarantor or patron to the protected state." }
        if drawn.rivalries { caption += " Red dashed curves are strategic rivalries." }
        if !drawn.hidden.isEmpty {
            let hidden = drawn.hidden.map { "\($0.count) \($0.kind.rawValue)" }.joined(separator: ", ")
            caption +=
                " Only \(drawn.kinds.map(\.rawValue).joined(separator: ", ")) ties are drawn; not drawn: "
                + "\(e(hidden)) (counted in the metrics)."
        }
        if let labelled = drawn.labelled {
            caption +=
                " Labels: \(labelled) states, the \(NetworkPicture.labelledStates) most capable and the major powers."
        }
        caption += " Layout: \(e(drawn.layout))."
        return "<figure>\n\(networkSVG)<figcaption>\(caption)</figcaption>\n</figure>\n\n"
    }

    /// Table 1: one row per state, most capable first, with the main centralities and the bloc.
    private static func statesTable(_ network: AllianceNetwork, _ report: MetricsReport) -> String {
        let e = SVG.escape
        let columns = ["degree", "strength", "betweenness", "eigenvector", "pagerank", "coreness", "bloc"]
        let order = network.states.indices.sorted {
            network.states[$0].capability != network.states[$1].capability
                ? network.states[$0].capability > network.states[$1].capability : $0 < $1
        }
        var html = """
            <section>
            <h2>Table 1. States</h2>
            <div class="scroll"><table>
            <thead><tr><th>Code</th><th>State</th><th class="num">Capability</th>
            """
        for name in columns { html += "<th class=\"num\">\(e(name.prefix(1).uppercased() + name.dropFirst()))</th>" }
        html += "</tr></thead>\n<tbody>\n"
        for k in order {
            let state = network.states[k]
            let mark = state.major ? "<span class=\"major\" title=\"major power\">\u{25CF}</span>" : ""
            html += """
                <tr><td class="code">\(e(state.code))\(mark)</td><td>\(e(state.name))</td>\
                <td class="num">\(NumberFormat.fixed(state.capability, digits: 4))</td>
                """
            for name in columns {
                let value = report.column(name)?[k]
                let text: String
                switch value {
                case .real(let v)?:
                    text = v.isNaN ? "\u{2013}" : NumberFormat.fixed(v, digits: name == "strength" ? 2 : 3)
                case let v?: text = v.description
                case nil: text = "\u{2013}"
                }
                html += "<td class=\"num\">\(e(text))</td>"
            }
            html += "</tr>\n"
        }
        html += """
            </tbody>
            </table></div>
            <p class="caption">Sorted by capability. \u{25CF} major power. Strength: sum of tie strengths \
            (credibility, the largest pledge per pair). Betweenness uses lengths 1/strength; eigenvector centrality \
            is scaled to a maximum of 1; PageRank uses damping 0.85. Definitions: \
            <code>alliancectl metrics --list</code>.</p>
            </section>

            """
        return html
    }

    /// Table 2: every system metric with its value (4 decimals) and definition.
    private static func systemTable(_ report: MetricsReport) -> String {
        let e = SVG.escape
        var html = """
            <section>
            <h2>Table 2. System metrics</h2>
            <table class="system">
            <thead><tr><th>Metric</th><th class="num">Value</th><th>Definition</th></tr></thead>
            <tbody>

            """
        for entry in report.systemValues {
            let text: String
            if case .real(let v) = entry.value {
                text = v.isNaN ? "\u{2013}" : NumberFormat.fixed(v, digits: 4)
            } else {
                text = entry.value.description
            }
            html += """
                <tr><td class="code">\(e(entry.definition.name))</td><td class="num">\(e(text))</td>\
                <td>\(e(entry.definition.summary))</td></tr>

                """
        }
        html += "</tbody>\n</table>\n</section>\n"
        return html
    }

    /// The caller's `sections`, numbered as figures 2, 3, ...
    private func extraSections() -> String {
        let e = SVG.escape
        var html = ""
        for (k, section) in sections.enumerated() {
            html += "<section>\n<h2>\(e(section.title))</h2>\n<figure>\n"
            switch section.body {
            case .svg(let svg): html += svg
            case .html(let fragment): html += fragment + "\n"
            }
            if let caption = section.caption {
                html += "<figcaption><strong>Figure \(k + 2).</strong> \(e(caption))</figcaption>\n"
            }
            html += "</figure>\n</section>\n"
        }
        return html
    }

    /// The scenario's sources (when it has any), the footer and the closing tags.
    private func sourcesAndFooter() -> String {
        let e = SVG.escape
        var html = ""
        if !scenario.sources.isEmpty {
            html += "<section class=\"sources\">\n<h2>Sources</h2>\n<ol>\n"
            for source in scenario.sources { html += "<li>\(e(source))</li>\n" }
            html += "</ol>\n</section>\n"
        }
        html += """
            <footer>Generated by AllianceGraph \(e(AllianceGraphVersion.string)) with igraph 0.10. Self-contained \
            file: no scripts, fonts or images are loaded from elsewhere.</footer>
            </main>
            </body>
            </html>

            """
        return html
    }

    static let css = """

        :root { --ink: #1d2433; --muted: #5d6778; --rule: #d8dde6; --panel: #f7f8fa; --accent: #4e79a7; }
        * { box-sizing: border-box; }
        html { -webkit-text-size-adjust: 100%; }
        body { margin: 0; background: #eef1f5; color: var(--ink); \
        font: 15px/1.55 'Helvetica Neue', Helvetica, Arial, 'Liberation Sans', sans-serif; }
        main { max-width: 1080px; margin: 24px auto; background: #fff; padding: 36px 40px 28px; \
        box-shadow: 0 1px 3px rgba(20,30,50,.08); }
        header { border-bottom: 2px solid var(--ink); padding-bottom: 14px; margin-bottom: 20px; }
        .kicker { margin: 0; text-transform: uppercase; letter-spacing: .12em; font-size: 11.5px; \
        color: var(--accent); font-weight: 600; }
        h1 { margin: 4px 0 6px; font: 600 30px/1.2 Georgia, 'Times New Roman', 'Liberation Serif', serif; }
        h2 { font: 600 18px/1.3 Georgia, 'Times New Roman', 'Liberation Serif', serif; margin: 28px 0 10px; }
        .meta { margin: 0; color: var(--muted); font-size: 13px; }
        .lede { margin: 10px 0 0; max-width: 820px; }
        .cards { display: grid; grid-template-columns: repeat(6, 1fr); gap: 10px; margin: 0 0 18px; }
        .card { background: var(--panel); border: 1px solid #e3e6ec; padding: 10px 12px; }
        .card .label { font-size: 11px; text-transform: uppercase; letter-spacing: .08em; color: var(--muted); }
        .card .value { font-size: 24px; font-weight: 600; font-variant-numeric: tabular-nums; }
        .card .note { font-size: 11.5px; color: var(--muted); line-height: 1.35; }
        figure { margin: 0 0 8px; }
        figure svg { display: block; max-width: 100%; height: auto; border: 1px solid #e3e6ec; }
        figcaption, .caption { font-size: 12.5px; color: var(--muted); margin-top: 8px; max-width: 900px; }
        .scroll { overflow-x: auto; }
        table { border-collapse: collapse; width: 100%; font-size: 13px; font-variant-numeric: tabular-nums; }
        thead th { border-top: 1.5px solid var(--ink); border-bottom: 1px solid var(--ink); text-align: left; \
        padding: 6px 8px; font-weight: 600; }
        tbody td { padding: 4px 8px; border-bottom: 1px solid #eef0f4; }
        tbody tr:last-child td { border-bottom: 1.5px solid var(--ink); }
        .num { text-align: right; }
        .code { font-family: 'SFMono-Regular', Menlo, Consolas, 'Liberation Mono', monospace; font-size: 12.5px; }
        .major { color: var(--ink); font-size: 9px; margin-left: 4px; vertical-align: middle; }
        table.system td:last-child { color: var(--muted); }
        code { font-family: 'SFMono-Regular', Menlo, Consolas, 'Liberation Mono', monospace; font-size: 12px; \
        background: var(--panel); padding: 1px 4px; }
        .sources ol { padding-left: 20px; font-size: 13px; color: var(--muted); }
        footer { margin-top: 28px; padding-top: 10px; border-top: 1px solid var(--rule); font-size: 11.5px; \
        color: var(--muted); }
        @media (max-width: 800px) { .cards { grid-template-columns: repeat(2, 1fr); } main { padding: 20px; } }
        @media print { body { background: #fff; } main { box-shadow: none; margin: 0; max-width: none; } \
        figure, table { break-inside: avoid; } }

        """
}
