@_spi(Internals) import AllianceGraph
@_spi(Internals) import AllianceGraphFormats
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

    /// Writes machine output to `--output` (atomically, then "Wrote FILE" on standard error unless
    /// `--quiet`) or to standard output.
    func emit(_ text: String) throws {
        if let output {
            try FileOutput.write(text, to: output)
            note("Wrote \(output)")
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

/// The command-line flag of each setting that library errors name in `InputError.location`: the
/// library describes a problem in its own terms ("year", "rules"), the CLI names the flag the user
/// typed. Errors about a file keep their JSON path or line.
enum FlagNames {
    static let flags: [String: String] = [
        "rules": "--rules", "parameter assignment": "--set", "states": "--states", "ties": "--ties",
        "year": "--year", "only": "--only", "region": "--region", "codes": "--codes",
    ]

    /// `error` with its location replaced by the flag that sets it, when it names no file.
    static func naming(_ error: InputError) -> InputError {
        guard error.file == nil, let location = error.location, let flag = flags[location] else { return error }
        var named = error
        named.location = flag
        return named
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
        Diagnostics.print("error: \(FlagNames.naming(error))")
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

/// Loads a scenario, or throws an `InputError` naming the file: `ScenarioLoader.load`, the one
/// loader of every command (format by `--from`, the file name, or the JSON root).
func loadScenario(_ path: String, format: GraphFormat? = nil) throws -> Scenario {
    try ScenarioLoader.load(path: path, format: format)
}
