@_spi(Internals) import AllianceGraphFormats
import Foundation

/// A command's output folder (`simulate -o DIR`, `panel -o DIR`), written as one unit.
enum OutputFolder {
    /// Writes `files` (names inside the folder, contents) into `folder` with
    /// `FileOutput.writeAll` (all or none), creating the folder if needed and removing it again
    /// when the write fails. A path that is a file is an error naming it.
    static func write(_ files: [(String, String)], to folder: String) throws {
        var isFolder: ObjCBool = false
        let existed = FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder)
        if existed && !isFolder.boolValue {
            throw OutputError(path: folder, message: "is a file; --output names the folder for the command's files")
        }
        if !existed {
            // Registered first, so that an interruption at any point removes it while empty.
            OutputLedger.shared.created(folder: folder)
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw OutputError(path: folder, message: "can't create the folder: \(error.localizedDescription)")
            }
        }
        let url = URL(fileURLWithPath: folder)
        do {
            try FileOutput.writeAll(files.map { (url.appendingPathComponent($0.0).path, $0.1) })
        } catch {
            if !existed { rmdir(folder) }
            throw error
        }
    }
}
