import AllianceGraph
import Foundation

/// The names of the files an output is staged in beside its destination NAME:
/// `.NAME.tmp-PID` (the new file, renamed onto NAME) and `.NAME.bak-PID` (a hard link to the
/// old NAME, kept while a set of files is renamed, so that a failed rename can put it back).
///
/// A name never exceeds NAME_MAX (255 bytes): for a long NAME, NAME is shortened (whole
/// characters) so that a 250-byte output name can still be written. Staging files whose PID is no
/// longer a running process (a run killed with SIGKILL, a power loss) are removed the next time
/// an output of the same name is written in that folder.
enum TemporaryNames {
    enum Kind: String {
        case temporary = "tmp"
        case backup = "bak"
    }

    /// The longest file name (bytes) on the file systems in use (NAME_MAX).
    static let nameMax = 255

    static func name(for name: String, kind: Kind, pid: Int32 = getpid()) -> String {
        let suffix = ".\(kind.rawValue)-\(pid)"
        let room = nameMax - 1 - suffix.utf8.count
        var kept = ""
        var bytes = 0
        for character in name {
            let size = character.utf8.count
            if bytes + size > room { break }
            kept.append(character)
            bytes += size
        }
        return "." + kept + suffix
    }

    /// Removes the staging files of `name` in `folder` that belong to processes that no longer
    /// exist (`kill(pid, 0)` fails with ESRCH). Other files are never touched.
    static func removeStale(in folder: String, for name: String) {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        let own = getpid()
        for entry in entries where entry.hasPrefix(".") {
            for kind in [Kind.temporary, .backup] {
                let marker = ".\(kind.rawValue)-"
                guard let range = entry.range(of: marker, options: .backwards),
                    let pid = Int32(entry[range.upperBound...]), pid > 0, pid != own,
                    entry == Self.name(for: name, kind: kind, pid: pid)
                else { continue }
                if kill(pid, 0) != 0 && errno == ESRCH {
                    unlink((folder as NSString).appendingPathComponent(entry))
                }
            }
        }
    }
}
