@_spi(Internals) import AllianceGraphFormats
import ArgumentParser
import Foundation

/// SVG to PNG through `rsvg-convert` (librsvg; Debian and Ubuntu package `librsvg2-bin`), the one
/// external program the tool calls: it draws the SVG exactly as browsers do (fonts, markers,
/// opacity) without pulling a graphics library into the build.
enum PNGConverter {
    /// The program's name, looked up on `PATH`.
    static let program = "rsvg-convert"

    /// What to install when the program is missing.
    static let installHint =
        "writing PNG needs \(program), which is not on PATH; install it (Debian/Ubuntu: "
        + "apt-get install librsvg2-bin; macOS: brew install librsvg) or write SVG (-o FILE.svg)"

    /// The program's path on `PATH`, or nil.
    static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        for folder in (environment["PATH"] ?? "").split(separator: ":") where !folder.isEmpty {
            let candidate = "\(folder)/\(program)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Throws a usage error (exit 64) naming the package to install when the program is missing.
    static func requireProgram() throws {
        if locate() == nil { throw ValidationError(installHint) }
    }

    /// The PNG bytes of `svg` at the SVG's own size in px. Throws an `OutputError` (exit 1) when
    /// the program fails, with its message.
    static func png(_ svg: String) throws -> Data {
        guard let path = locate() else { throw ValidationError(installHint) }
        let input = FileManager.default.temporaryDirectory.appendingPathComponent(
            "alliancectl-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString).svg")
        defer { try? FileManager.default.removeItem(at: input) }
        do {
            try Data(svg.utf8).write(to: input)
        } catch {
            throw OutputError(path: input.path, message: "can't write the SVG for \(program): \(error)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["--format", "png", input.path]
        process.standardInput = FileHandle.nullDevice
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        do { try process.run() } catch {
            throw OutputError(path: path, message: "can't start \(program): \(error)")
        }
        let png = out.fileHandleForReading.readDataToEndOfFile()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0, png.starts(with: [0x89, 0x50, 0x4E, 0x47]) else {
            let reason = message.trimmingCharacters(in: .whitespacesAndNewlines)
            throw OutputError(
                path: path, message: "\(program) failed (status \(process.terminationStatus)): \(reason.prefix(300))")
        }
        return png
    }
}
