import AllianceGraph
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

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the output to this file instead of standard output.",
                                                     valueName: "file"))
    var output: String?

    @Flag(name: .shortAndLong, help: "Print no progress or notes on standard error.")
    var quiet = false

    /// Writes machine output to `--output` (atomically) or to standard output.
    func emit(_ text: String) throws {
        if let output {
            try FileOutput.write(text, to: output)
        } else {
            FileHandle.standardOutput.write(Data(text.utf8))
        }
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
        FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
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
        Diagnostics.print("error: \(error)")
        throw ExitCode(ExitStatus.runtimeFailure)
    }
}

/// Loads a scenario file, or throws an `InputError` naming the file.
func loadScenario(_ path: String) throws -> Scenario {
    try ScenarioReader.read(path: path)
}
