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
    /// What was started, to run it again when its peak memory must be measured apart (see `Outcome`).
    let command: Command
    /// This test process's resident high-water mark (VmHWM) just before the spawn, in KiB.
    let parentHighWater: Int

    struct Command {
        var executable: URL
        var arguments: [String]
        var stdin: String
    }

    /// How a child ended.
    struct Outcome {
        /// The exit status, or nil when a signal ended the process.
        var status: Int32?
        /// The signal that ended the process, if any.
        var signal: Int32?
        /// Peak resident memory (ru_maxrss), in KiB: at least this test process's high-water mark at
        /// the spawn, so not necessarily the child's own peak (see `childPeak`).
        var peakKilobytes: Int
        /// The command and this process's high-water mark at the spawn.
        var command: Command
        var parentHighWater: Int

        /// The child's own peak resident memory in KiB, or nil when it cannot be measured here.
        ///
        /// ru_maxrss alone is not that: when a process execs, Linux records the high-water mark of
        /// the memory image it leaves (`setmax_mm_hiwater_rss` in `exec_mmap`), and a child made by
        /// posix_spawn (vfork) or fork leaves this test process's image, so its ru_maxrss is at
        /// least this process's peak (about 260 MB by the time the suite reaches the hostile
        /// tests). When ru_maxrss is clearly above the parent's mark it is the child's own peak. Otherwise
        /// the command is run again under a small launcher (`/usr/bin/time -f %M`, else a python3
        /// one-liner), whose child starts from the launcher's small image, so its figure is exact.
        func childPeak() -> Int? {
            if ownPeakIsExact { return peakKilobytes }
            return GuardedProcess.isolatedPeak(command)
        }

        /// ru_maxrss is the child's own peak when clearly above the parent's mark read before the
        /// spawn (16 MB of margin: this process, or another test's thread, may grow a little
        /// between that read and the exec).
        var ownPeakIsExact: Bool { peakKilobytes > parentHighWater + 16 * 1024 }

        /// True when the child's own peak is below `kilobytes`, a bound for an ordinary build. Not
        /// checked under AddressSanitizer (`swift test --sanitize address`, whose children are ASan
        /// builds too: shadow memory and the quarantine inflate every child's peak). When the
        /// peak is hidden under the parent's mark and neither launcher exists, the bound holds if
        /// the parent's mark is below it; otherwise the check says so on standard error and passes.
        func peakIsBelow(_ kilobytes: Int) -> Bool {
            if GuardedProcess.underAddressSanitizer { return true }
            if ownPeakIsExact { return peakKilobytes < kilobytes }
            if parentHighWater < kilobytes { return true }
            guard let peak = childPeak() else {
                FileHandle.standardError.write(
                    Data(
                        "note: peak memory of \(command.executable.lastPathComponent) not measurable here (no /usr/bin/time or python3)\n"
                            .utf8))
                return true
            }
            return peak < kilobytes
        }
        /// True when the guard had to kill a process that did not end in time.
        var hung: Bool
        var stdout: String
        var stderr: String
    }

    /// Starts `executable` with `arguments`, writing its output into `logFolder` and reading
    /// standard input from `stdin`.
    static func start(
        _ executable: URL, _ arguments: [String], logFolder: URL,
        stdin: String = "/dev/null"
    ) throws -> GuardedProcess {
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
        let highWater = Self.ownHighWater()
        let code = posix_spawn(&pid, executable.path, &actions, nil, argv, environ)
        guard code == 0 else { throw POSIXError(POSIXErrorCode(rawValue: code) ?? .EIO) }
        return GuardedProcess(
            pid: pid, stdoutPath: stdoutPath, stderrPath: stderrPath,
            command: Command(executable: executable, arguments: arguments, stdin: stdin),
            parentHighWater: highWater)
    }

    /// This process's resident high-water mark (VmHWM of /proc/self/status) in KiB; 0 if unknown.
    static func ownHighWater() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") })
        else { return 0 }
        return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") ?? 0
    }

    /// Runs `command` again under a launcher that forks it from a small process and reports its
    /// ru_maxrss: `/usr/bin/time -f %M -o FILE`, else python3's `os.wait4`. Nil without either.
    static func isolatedPeak(_ command: Command) -> Int? {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("peak-\(UUID().uuidString)")
        guard (try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)) != nil else {
            return nil
        }
        defer { try? FileManager.default.removeItem(at: folder) }
        let report = folder.appendingPathComponent("peak").path
        let launcher: [String]
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/time") {
            launcher = ["/usr/bin/time", "-f", "%M", "-o", report]
        } else if let python = ["/usr/bin/python3", "/usr/local/bin/python3"].first(where: {
            FileManager.default.isExecutableFile(atPath: $0)
        }) {
            let script =
                "import os,sys\npid=os.fork()\nif pid==0:\n os.execv(sys.argv[2],sys.argv[2:])\n"
                + "_,st,ru=os.wait4(pid,0)\nopen(sys.argv[1],'w').write(str(ru.ru_maxrss))\n"
            launcher = [python, "-c", script, report]
        } else {
            return nil
        }
        guard let tool = launcher.first,
            let child = try? start(
                URL(fileURLWithPath: tool), Array(launcher.dropFirst()) + [command.executable.path] + command.arguments,
                logFolder: folder, stdin: command.stdin),
            (try? child.wait(limit: 300)) != nil,
            let text = try? String(contentsOfFile: report, encoding: .utf8)
        else { return nil }
        return Int(text.split(separator: "\n").last.map { $0.trimmingCharacters(in: .whitespaces) } ?? "")
    }

    /// Runs `executable` to its end (killed after `limit` seconds if it hangs).
    static func run(
        _ executable: URL, _ arguments: [String], logFolder: URL, stdin: String = "/dev/null",
        limit: Double = 300
    ) throws -> Outcome {
        try start(executable, arguments, logFolder: logFolder, stdin: stdin).wait(limit: limit)
    }

    /// Sends `signal` to the child.
    func send(_ signal: Int32) { kill(pid, signal) }

    /// Whether the child blocks (or ignores, or catches) `signal` yet: read from /proc, so that
    /// a test signals a child only once its handling is installed.
    func handles(_ signal: Int32) -> Bool {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return false }
        let bit = UInt64(1) << UInt64(signal - 1)
        for line in status.split(separator: "\n")
        where line.hasPrefix("SigBlk:") || line.hasPrefix("SigCgt:") || line.hasPrefix("SigIgn:") {
            if let mask = UInt64(line.split(separator: "\t").last ?? "", radix: 16), mask & bit != 0 { return true }
        }
        return false
    }

    /// CPU time the child has used so far, in clock ticks (utime + stime from /proc).
    func cpuTicks() -> Int {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return 0 }
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
            let close = stat.lastIndex(of: ")")
        else { return true }
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
        return Outcome(
            status: termination == 0 ? (status >> 8) & 0xff : nil,
            signal: termination == 0 ? nil : termination,
            peakKilobytes: Int(usage.ru_maxrss), command: command, parentHighWater: parentHighWater, hung: hung,
            stdout: (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "")
    }
}
