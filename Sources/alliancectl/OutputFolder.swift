@_spi(Internals) import AllianceGraphFormats
import Foundation

/// A command's output folder (`simulate -o DIR`, `panel -o DIR`), written as one unit.
enum OutputFolder {
    /// Writes `files` (names inside the folder, contents) into `folder` with
    /// `FileOutput.writeAll` (all or none), creating the folder if needed and removing it again
    /// when the write fails. A path that is a file is an error naming it.
    static func write(_ files: [(String, String)], to folder: String) throws {
        let existed = try prepare(folder)
        let url = URL(fileURLWithPath: folder)
        do {
            try FileOutput.writeAll(files.map { (url.appendingPathComponent($0.0).path, $0.1) })
        } catch {
            if !existed { rmdir(folder) }
            throw error
        }
    }

    /// Creates `folder` if it is missing (registered in the ledger first, so that an
    /// interruption at any point removes it while empty) and returns whether it existed. A path
    /// that is a file is an error naming it. A caller whose write fails removes the folder again
    /// when it did not exist (`rmdir`, which leaves a folder that is not empty).
    static func prepare(_ folder: String) throws -> Bool {
        var isFolder: ObjCBool = false
        let existed = FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder)
        if existed && !isFolder.boolValue {
            throw OutputError(path: folder, message: "is a file; --output names the folder for the command's files")
        }
        if !existed {
            OutputLedger.shared.created(folder: folder)
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw OutputError(path: folder, message: "can't create the folder: \(error.localizedDescription)")
            }
        }
        return existed
    }

    /// Stages the files of a run in `folder` (created if missing) while the run makes them, and
    /// swaps them in as one unit: `body` opens and writes files through the `StagedOutput` (names
    /// inside the folder), and when it returns they are committed (`StagedOutput.commit`, all or
    /// none). When `body` or the commit fails, every staging file is removed, the folder too if
    /// this call created it, and the error is rethrown; nothing of the run is then visible.
    static func staged<Result>(_ folder: String, _ body: (StagedFolder) throws -> Result) throws -> Result {
        let existed = try prepare(folder)
        let output = StagedOutput()
        do {
            let result = try body(StagedFolder(folder: URL(fileURLWithPath: folder), output: output))
            try output.commit()
            return result
        } catch {
            output.discard()
            if !existed { rmdir(folder) }
            throw error
        }
    }

    /// A folder's staged files, named inside the folder.
    struct StagedFolder {
        let folder: URL
        let output: StagedOutput

        /// Opens the staging file of `name` for writing piece by piece.
        func open(_ name: String) throws -> StagedOutput.File {
            try output.open(folder.appendingPathComponent(name).path)
        }
    }
}
