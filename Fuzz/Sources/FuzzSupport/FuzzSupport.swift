@_spi(Internals) import AllianceGraph
import Foundation
#if canImport(Glibc)
    import Glibc
#endif

/// libFuzzer's driver, linked in by `-sanitize=fuzzer`.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
) -> CInt

/// Hands control to libFuzzer's driver with `callback` as the test function. Each target calls
/// this from its `<Target>_main` (the symbol SwiftPM links as an executable's entry point).
public func runFuzzer(
    _ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
) -> CInt {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments, callback)
}

/// A finding: prints what broke and aborts, so that libFuzzer keeps the input as `crash-*`.
public func fuzzFailure(_ message: String) -> Never {
    let text = Array("FUZZ PROPERTY VIOLATED: \(message)\n".utf8)
    _ = text.withUnsafeBufferPointer { Glibc.write(2, $0.baseAddress, $0.count) }
    abort()
}

/// The checks every graph-format target runs on a scenario it parsed: the scenario is written as
/// scenario JSON and read back unchanged, and written in `format` (GraphML, GML, node-link) and
/// read back unchanged, as docs/FORMATS.md promises ("what survives a round trip: everything"),
/// except that igraph's GraphML and GML writers keep 15 significant digits of a number
/// (`%.15g`), so those two are compared with every number rounded to 15 digits.
public func checkRoundTrips(_ scenario: Scenario, format: GraphFormat) {
    let json = ScenarioWriter.json(scenario)
    do {
        let again = try ScenarioLoader.decode(Array(json.utf8))
        if again != scenario { fuzzFailure("scenario JSON round trip changed the scenario:\n\(json)") }
    } catch {
        fuzzFailure("the scenario JSON written for a parsed scenario does not read back: \(error)\n\(json)")
    }
    guard format != .scenario else { return }
    let text: String
    do {
        text = try ScenarioWriter.encode(scenario, as: format)
    } catch {
        fuzzFailure("writing a parsed scenario as \(format.rawValue) failed: \(error)")
    }
    if format == .csv {
        // Two tables joined by a blank line; CSV keeps states and ties only, so just re-read them.
        return
    }
    do {
        let again = try ScenarioLoader.decode(Array(text.utf8), format: format, name: "fuzz")
        let same =
            format == .nodeLink
            ? again == scenario
            : roundedNumbers(ScenarioWriter.json(again)) == roundedNumbers(json)
        if !same {
            fuzzFailure(
                "\(format.rawValue) round trip changed the scenario:\nfirst:\n\(json)\nthen:\n\(ScenarioWriter.json(again))\nvia:\n\(text)"
            )
        }
    } catch {
        fuzzFailure("the \(format.rawValue) written for a parsed scenario does not read back: \(error)\n\(text)")
    }
}

/// Scratch paths to remove at exit (a crash leaves its folder behind, with the input in it).
nonisolated(unsafe) private var scratchPaths: [String] = []

/// Files in a private temporary folder, for readers that take paths (the importers). The folder
/// and its files are removed when the process exits normally.
public final class ScratchFiles: @unchecked Sendable {
    public let folder: String

    public init() {
        let base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp"
        var template = Array("\(base)/alliancegraph-fuzz-XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        guard made != nil else { fuzzFailure("can't create a scratch folder in \(base)") }
        folder = String(cString: template)
        if scratchPaths.isEmpty {
            atexit {
                for path in scratchPaths.reversed() { _ = unlink(path); _ = rmdir(path) }
            }
        }
        scratchPaths.append(folder)
    }

    /// Writes `bytes` to `name` in the folder and returns its path.
    @discardableResult
    public func write(_ bytes: some Collection<UInt8>, as name: String) -> String {
        let path = "\(folder)/\(name)"
        if !scratchPaths.contains(path) { scratchPaths.append(path) }
        guard let file = fopen(path, "wb") else { fuzzFailure("can't write \(path)") }
        let array = Array(bytes)
        if !array.isEmpty { _ = array.withUnsafeBufferPointer { fwrite($0.baseAddress, 1, $0.count, file) } }
        fclose(file)
        return path
    }
}

/// `json` with every number outside strings rewritten as `%.15g`: what igraph's GraphML and GML
/// writers keep of it.
public func roundedNumbers(_ json: String) -> String {
    var out = ""
    var chars = Array(json.unicodeScalars)[...]
    var inString = false
    while let c = chars.first {
        if inString {
            out.unicodeScalars.append(c); chars.removeFirst()
            if c == "\\", let next = chars.first {
                out.unicodeScalars.append(next); chars.removeFirst()
            } else if c == "\"" {
                inString = false
            }
            continue
        }
        if c == "\"" { inString = true; out.unicodeScalars.append(c); chars.removeFirst(); continue }
        if c == "-" || ("0"..."9").contains(c) {
            var token = ""
            while let d = chars.first,
                d == "-" || d == "+" || d == "." || d == "e" || d == "E" || ("0"..."9").contains(d)
            {
                token.unicodeScalars.append(d); chars.removeFirst()
            }
            out += Double(token).map { String(format: "%.15g", $0) } ?? token
            continue
        }
        out.unicodeScalars.append(c); chars.removeFirst()
    }
    return out
}
