import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A child process of the built `alliancectl`, started with `posix_spawn` and reaped with `wait4`,
/// so that a test can read its exit status, the signal that ended it and its peak memory, send it
/// signals, and stop it if it hangs (a guard against a hang, never a timing assertion).
///
/// Standard output and standard error go to files in a folder of the caller's choice.
struct GuardedProcess {
    /// True when this test process runs under AddressSanitizer (its runtime's entry is linked in).
    static let underAddressSanitizer = dlsym(nil, "__asan_init") != nil

    let pid: pid_t
    let stdoutPath: String
    let stderrPath: String

    /// How a child ended.
    struct Outcome {
        /// The exit status, or nil when a signal ended the process.
        var status: Int32?
        /// The signal that ended the process, if any.
        var signal: Int32?
        /// Peak resident memory (ru_maxrss), in KiB.
        var peakKilobytes: Int
        /// True when the peak is below `kilobytes`, a bound for an ordinary build. Not checked under
        /// AddressSanitizer (`swift test --sanitize address`, whose children are ASan builds too):
        /// shadow memory and the quarantine inflate every child's peak, and since posix_spawn
        /// starts the child in the parent's address space, Linux counts the (then 1.2 GB) test
        /// process's resident size in the child's ru_maxrss. The ordinary suite checks the bound.
        func peakIsBelow(_ kilobytes: Int) -> Bool {
            GuardedProcess.underAddressSanitizer || peakKilobytes < kilobytes
        }
        /// True when the guard had to kill a process that did not end in time.
        var hung: Bool
        var stdout: String
        var stderr: String
    }

    /// Starts `executable` with `arguments`, writing its output into `logFolder` and reading
    /// standard input from `stdin`.
    static func start(_ executable: URL, _ arguments: [String], logFolder: URL,
                      stdin: String = "/dev/null") throws -> GuardedProcess {
        let stdoutPath = logFolder.appendingPathComponent("stdout-\(UUID().uuidString).log").path
        let stderrPath = logFolder.appendingPathComponent("stderr-\(UUID().uuidString).log").path
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, stdin, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdoutPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, stderrPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let argv = ([executable.path] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let code = posix_spawn(&pid, executable.path, &actions, nil, argv, environ)
        guard code == 0 else { throw POSIXError(POSIXErrorCode(rawValue: code) ?? .EIO) }
        return GuardedProcess(pid: pid, stdoutPath: stdoutPath, stderrPath: stderrPath)
    }

    /// Runs `executable` to its end (killed after `limit` seconds if it hangs).
    static func run(_ executable: URL, _ arguments: [String], logFolder: URL, stdin: String = "/dev/null",
                    limit: Double = 300) throws -> Outcome {
        try start(executable, arguments, logFolder: logFolder, stdin: stdin).wait(limit: limit)
    }

    /// Sends `signal` to the child.
    func send(_ signal: Int32) { kill(pid, signal) }

    /// Whether the child blocks (or ignores, or catches) `signal` yet: read from /proc, so that
    /// a test signals a child only once its handling is installed.
    func handles(_ signal: Int32) -> Bool {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return false }
        let bit = UInt64(1) << UInt64(signal - 1)
        for line in status.split(separator: "\n") where line.hasPrefix("SigBlk:") || line.hasPrefix("SigCgt:") || line.hasPrefix("SigIgn:") {
            if let mask = UInt64(line.split(separator: "\t").last ?? "", radix: 16), mask & bit != 0 { return true }
        }
        return false
    }

    /// CPU time the child has used so far, in clock ticks (utime + stime from /proc).
    func cpuTicks() -> Int {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return 0 }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        // After the command name: state is field 3 of stat(5); utime and stime are 14 and 15.
        guard fields.count > 12, let user = Int(fields[11]), let system = Int(fields[12]) else { return 0 }
        return user + system
    }

    /// Polls until `condition` holds or the child has ended; false when `limit` seconds passed.
    func waitUntil(limit: Double, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(limit)
        while Date() < deadline {
            if condition() { return true }
            if isEnded() { return condition() }
            usleep(10_000)
        }
        return false
    }

    /// Whether the child has ended (a zombie, not yet reaped, or gone).
    private func isEnded() -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return true }
        return stat[stat.index(after: close)...].split(separator: " ").first == "Z"
    }

    /// Waits for the child to end, killing it with SIGKILL after `limit` seconds.
    func wait(limit: Double) throws -> Outcome {
        let deadline = Date().addingTimeInterval(limit)
        var status: Int32 = 0
        var usage = rusage()
        var hung = false
        while true {
            let result = wait4(pid, &status, WNOHANG, &usage)
            if result == pid { break }
            if result < 0 && errno != EINTR { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .ECHILD) }
            if Date() > deadline && !hung {
                hung = true
                kill(pid, SIGKILL)
            }
            usleep(5_000)
        }
        let termination = status & 0x7f
        return Outcome(status: termination == 0 ? (status >> 8) & 0xff : nil,
                       signal: termination == 0 ? nil : termination,
                       peakKilobytes: Int(usage.ru_maxrss), hung: hung,
                       stdout: (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? "",
                       stderr: (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "")
    }
}
