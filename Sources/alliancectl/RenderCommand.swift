@_spi(Internals) import AllianceGraph
@_spi(Internals) import AllianceGraphFormats
import AllianceGraphRender
import ArgumentParser
import Foundation

extension NetworkPicture.Layout: ExpressibleByArgument {}

/// `alliancectl render FILE -o net.svg|net.png`: a picture of the alliance network.
struct RenderCommand: ParsableCommand {
    /// The picture formats.
    enum PictureFormat: String, ExpressibleByArgument, CaseIterable {
        case svg, png
    }

    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Draw a scenario's alliance network as SVG or PNG (seeded, deterministic layout).",
        discussion: """
            Node area: capability; colour: bloc (Leiden, as in `metrics`); line style: commitment \
            kind; dashed red: rivalries. The same file and seed give the same SVG byte for byte. PNG \
            (an output ending in .png, or --to png) is drawn from the SVG by rsvg-convert (Debian \
            package librsvg2-bin); without it the command exits 64 naming what to install.
            """
    )

    @Argument(help: ArgumentHelp("Scenario or graph file (any format `convert` reads).", valueName: "file"))
    var file: String

    @Option(
        name: .shortAndLong,
        help: ArgumentHelp("Write the picture here (default: standard output).", valueName: "file"))
    var output: String?

    @Option(help: "Picture format: svg or png (default: from the output's extension, else svg).")
    var to: PictureFormat?

    @Option(help: "Layout: fr (Fruchterman-Reingold, seeded), kk (Kamada-Kawai) or circle (blocs in order).")
    var layout: NetworkPicture.Layout = .fr

    @Option(help: "Draw the ties in force in this year (default: the scenario's year).")
    var year: Int?

    @Option(help: "Seed of the layout and the bloc detection.")
    var seed: UInt64 = 1

    @Option(help: "Width in px.")
    var width: Double = 1000

    @Option(help: "Height in px.")
    var height: Double = 700

    @Option(help: "Title (default: the scenario's name).")
    var title: String?

    @OptionGroup(title: "Ties drawn (default: every kind; above 60 states the binding alliances)")
    var kindSelection: KindOptions

    @Flag(name: .shortAndLong, help: "Print no notes on standard error.")
    var quiet = false

    func validate() throws {
        if !(480...8000).contains(width) || !(360...8000).contains(height) {
            throw ValidationError("--width must be in 480...8000 and --height in 360...8000.")
        }
        try OutputPathCheck.validate(output, option: "--output", inputs: [file])
        if format == .png { try PNGConverter.requireProgram() }
    }

    /// The format asked for: `--to`, else the output's extension.
    var format: PictureFormat {
        to ?? (output?.lowercased().hasSuffix(".png") == true ? .png : .svg)
    }

    func run() throws {
        try reportingErrors {
            let scenario = try loadScenario(file)
            var picture = NetworkPicture()
            picture.width = width
            picture.height = height
            picture.seed = seed
            picture.title = title
            picture.layout = layout
            picture.kinds = kindSelection.selection
            let svg = try picture.svg(scenario, year: year)
            let bytes = format == .png ? try PNGConverter.png(svg) : Data(svg.utf8)
            if let output {
                try FileOutput.write(bytes, to: output)
                if !quiet { Diagnostics.print("Wrote \(output)") }
            } else {
                try StandardStreams.writeStandardOutput(bytes)
            }
        }
    }
}
