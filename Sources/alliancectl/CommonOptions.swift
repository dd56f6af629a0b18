import AllianceGraph
import AllianceGraphFormats
import AllianceGraphRender
import ArgumentParser
import Foundation

/// Output formats: tables for people, CSV and JSON for programs.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, csv, json
}

/// Options shared by commands that print results.
struct OutputOptions: ParsableArguments {
    @Option(name: .shortAndLong, help: "Output format: table, csv or json.")
    var format: OutputFormat = .table

    @Option(
        name: .shortAndLong,
        help: ArgumentHelp(
            "Write the output to this file instead of standard output.",
            valueName: "file"))
    var output: String?

    @Flag(name: .shortAndLong, help: "Print no progress or notes on standard error.")
    var quiet = false

    /// Writes machine output to `--output` (atomically) or to standard output.
    func emit(_ text: String) throws {
        if let output {
            try FileOutput.write(text, to: output)
        } else {
            try StandardStreams.writeStandardOutput(text)
        }
    }

    /// Refuses (exit 64) an empty `--output` and an `--output` that is one of `inputs`.
    func validateOutput(inputs: [String?]) throws {
        try OutputPathCheck.validate(output, option: "--output", inputs: inputs)
    }

    /// A note for people on standard error, unless `--quiet`.
    func note(_ text: String) {
        if !quiet { Diagnostics.print(text) }
    }
}

/// The sysexits codes the tool uses.
enum ExitStatus {
    static let runtimeFailure: Int32 = 1
    static let usage: Int32 = 64
    static let dataError: Int32 = 65
}

enum Diagnostics {
    static func print(_ text: String) {
        StandardStreams.writeStandardError(text.hasSuffix("\n") ? text : text + "\n")
    }
}

/// Runs a command body and maps library errors to messages on standard error and exit codes:
/// bad input 65, failed computations and unwritable outputs 1.
func reportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as InputError {
        Diagnostics.print("error: \(error)")
        throw ExitCode(ExitStatus.dataError)
    } catch let error as ComputationError {
        Diagnostics.print("error: \(error)")
        throw ExitCode(ExitStatus.runtimeFailure)
    } catch let error as OutputError {
        // A reader that went away (`| head`) is not an error worth a message.
        if !error.isBrokenPipe { Diagnostics.print("error: \(error)") }
        throw ExitCode(ExitStatus.runtimeFailure)
    }
}

/// Loads a scenario, or throws an `InputError` naming the file. A file whose extension names
/// another graph format (`.graphml`, `.gml`, Gephi `.csv`, `.nodelink.json`; `.dot` is refused as
/// write-only) is read through `GraphIO`, so every command accepts what `convert` reads; anything
/// else (`.json`, standard input) is scenario JSON, read by the streaming `ScenarioReader`.
func loadScenario(_ path: String) throws -> Scenario {
    switch GraphFormat.detect(path: path) {
    case .graphml?, .gml?, .csv?, .nodeLink?, .dot?: return try GraphIO.read(path: path)
    case .scenario?, nil: return try ScenarioReader.read(path: path)
    }
}

/// Loads a scenario with the bytes it was read from, for the input digest that run records
/// carry (`simulate`'s run.json, `crisis --format json`). Formats as in `loadScenario`; a Gephi
/// CSV pair is digested by the table named on the command line.
func loadScenarioAndBytes(_ path: String) throws -> (scenario: Scenario, bytes: [UInt8]) {
    let bytes = try FileInput.readBytes(path: path, limit: ScenarioReader.maxFileSize)
    let fallbackName = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
    switch GraphFormat.detect(path: path) {
    case let format? where format == .graphml || format == .gml || format == .nodeLink:
        do { return (try GraphIO.decode(bytes, format: format, fallbackName: fallbackName), bytes) } catch {
            throw error.file == nil ? error.inFile(path) : error
        }
    case .csv?, .dot?, .graphml?, .gml?, .nodeLink?:
        return (try GraphIO.read(path: path), bytes)
    case .scenario?, nil:
        do { return (try ScenarioReader.parse(bytes), bytes) } catch { throw error.inFile(path) }
    }
}
