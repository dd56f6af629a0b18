import Foundation

/// LeakSanitizer asks for built-in suppressions through this weak C hook when it checks for
/// leaks at exit (only in `swift test --sanitize address` builds; otherwise nothing calls it).
/// The list is Tests/lsan-suppressions.txt, read when called, so this test bundle and the
/// `alliancectl` children the CLI tests run (`LSAN_OPTIONS=suppressions=...`, see
/// CLITestSupport) share one list of toolchain leaks and none of ours is hidden.
@_cdecl("__lsan_default_suppressions")
public func lsanDefaultSuppressions() -> UnsafePointer<CChar>? {
    UnsafePointer(LeakSuppressions.text)
}

enum LeakSuppressions {
    static let path = TestSupport.repositoryRoot.appendingPathComponent("Tests/lsan-suppressions.txt").path
    /// The list as a NUL-terminated C string, allocated once and kept for the life of the process.
    nonisolated(unsafe) static let text: UnsafeMutablePointer<CChar>? = strdup(
        (try? String(contentsOfFile: path, encoding: .utf8)) ?? "")
}
