import Foundation
import Testing

/// Outputs that never destroy and write errors that never trap, through the built binary
/// (issue 19): devices, FIFOs and links at the output path, full and closed standard streams,
/// multi-file outputs with a blocked destination, output = input, long names, stale
/// temporaries. Every test works in its own temporary folder; the devices are made there with
/// mknod (skipped when that is not permitted).
@Suite("Output safety through the binary")
struct OutputSafetyCLITests {
    struct Outcome {
        let status: Int32
        let signaled: Bool
        let stdout: String
        let stderr: String
    }

    /// Runs `/bin/sh -c SCRIPT` in `folder` with "$0" the binary and "$@" `arguments`; the script
    /// does the redirections (`exec "$0" "$@" > /dev/full`). `stdout` may be given (a pipe whose
    /// reading end is already closed).
    static func shell(
        _ script: String, _ arguments: [String], in folder: URL, stdout: Any? = nil
    ) throws -> Outcome? {
        guard let binary = CLITestSupport.binary else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script, binary.path] + arguments
        process.currentDirectoryURL = folder
        var environment = ProcessInfo.processInfo.environment
        environment["LSAN_OPTIONS"] =
            environment["LSAN_OPTIONS"] ?? "suppressions="
            + CLITestSupport.path(
                "Tests/lsan-suppressions.txt")
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = stdout ?? out
        process.standardError = err
        try process.run()
        let outData = stdout == nil ? out.fileHandleForReading.readDataToEndOfFile() : Data()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(
            status: process.terminationStatus, signaled: process.terminationReason == .uncaughtSignal,
            stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
    }

    /// A temporary folder holding `base.json` (a copy of a bundled network).
    static func workspace() throws -> URL {
        let folder = try CLITestSupport.temporaryFolder()
        try FileManager.default.copyItem(
            atPath: CLITestSupport.path("Networks/europe-1914.json"),
            toPath: folder.appendingPathComponent("base.json").path)
        return folder
    }

    static func fileType(_ path: String) -> mode_t? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        return info.st_mode & S_IFMT
    }

    static func read(_ url: URL, _ name: String) -> String? {
        try? String(contentsOf: url.appendingPathComponent(name), encoding: .utf8)
    }

    @Test("-o onto a character device writes into it: /dev/full gives exit 1 with ENOSPC, the device stays")
    func characterDevice() throws {
        let folder = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        let full = folder.appendingPathComponent("full").path
        let null = folder.appendingPathComponent("null").path
        guard mknod(full, S_IFCHR | 0o666, dev_t(0x107)) == 0, mknod(null, S_IFCHR | 0o666, dev_t(0x103)) == 0
        else { return }  // mknod needs root (CAP_MKNOD)
        guard let outcome = try Self.shell(#"exec "$0" "$@""#, ["info", "base.json", "-o", "full"], in: folder)
        else { return }
        #expect(outcome.status == 1 && !outcome.signaled)
        #expect(outcome.stderr.contains("error: full: can't be written: No space left on device"))
        #expect(Self.fileType(full) == S_IFCHR)
        let intoNull = try #require(
            try Self.shell(#"exec "$0" "$@""#, ["info", "base.json", "-o", "null"], in: folder))
        #expect(intoNull.status == 0)
        #expect(Self.fileType(null) == S_IFCHR)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["base.json", "full", "null"])
    }

    @Test("-o onto a FIFO writes into it and leaves the FIFO")
    func fifo() throws {
        let folder = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        let fifo = folder.appendingPathComponent("pipe").path
        try #require(mkfifo(fifo, 0o644) == 0)
        // The reader is stopped after the run, in case the FIFO was never opened for writing.
        let script = #"""
            cat pipe > got.txt 2> /dev/null < /dev/null & reader=$!
            "$0" "$@"; status=$?
            sleep 0.3; kill -9 $reader 2> /dev/null; wait $reader 2> /dev/null
            exit $status
            """#
        guard let outcome = try Self.shell(script, ["info", "base.json", "-o", "pipe"], in: folder) else { return }
        #expect(outcome.status == 0)
        #expect(Self.fileType(fifo) == S_IFIFO)
        #expect(Self.read(folder, "got.txt")?.contains("states") == true)
    }

    @Test("-o through a symbolic link replaces the link's target and keeps the link; a dangling link is refused")
    func symbolicLinks() throws {
        let folder = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "old\n".write(to: folder.appendingPathComponent("target.txt"), atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(
            atPath: folder.appendingPathComponent("link.txt").path,
            withDestinationPath: "target.txt")
        guard let outcome = try Self.shell(#"exec "$0" "$@""#, ["info", "base.json", "-o", "link.txt"], in: folder)
        else { return }
        #expect(outcome.status == 0)
        #expect(Self.fileType(folder.appendingPathComponent("link.txt").path) == S_IFLNK)
        #expect(Self.read(folder, "target.txt")?.contains("states") == true)
        try FileManager.default.createSymbolicLink(
            atPath: folder.appendingPathComponent("dangling.txt").path,
            withDestinationPath: "missing.txt")
        let dangling = try #require(
            try Self.shell(#"exec "$0" "$@""#, ["info", "base.json", "-o", "dangling.txt"], in: folder))
        #expect(dangling.status == 1)
        #expect(dangling.stderr.contains("dangling.txt: is a symbolic link to a missing file (missing.txt)"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("missing.txt").path))
    }

    @Test("write errors on standard output and standard error never trap")
    func standardStreams() throws {
        let folder = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "{".write(to: folder.appendingPathComponent("bad.json"), atomically: true, encoding: .utf8)
        guard let full = try Self.shell(#"exec "$0" "$@" > /dev/full"#, ["info", "base.json"], in: folder)
        else { return }
        #expect(full.status == 1 && !full.signaled)
        #expect(full.stderr == "error: standard output: No space left on device\n")
        let closed = try #require(try Self.shell(#"exec "$0" "$@" >&-"#, ["info", "base.json"], in: folder))
        #expect(closed.status == 1 && !closed.signaled)
        #expect(closed.stderr == "error: standard output: Bad file descriptor\n")
        let errorFull = try #require(try Self.shell(#"exec "$0" "$@" 2> /dev/full"#, ["info", "bad.json"], in: folder))
        #expect(errorFull.status == 65 && !errorFull.signaled)
        let bothClosed = try #require(try Self.shell(#"exec "$0" "$@" >&- 2>&-"#, ["info", "base.json"], in: folder))
        #expect(bothClosed.status == 1 && !bothClosed.signaled)
    }

    @Test("a reader that went away (EPIPE, SIGPIPE ignored) ends the run with exit 1 and no message")
    func brokenPipe() throws {
        let folder = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        let pipe = Pipe()
        try pipe.fileHandleForReading.close()
        guard
            let outcome = try Self.shell(
                #"trap '' PIPE; exec "$0" "$@""#, ["info", "base.json"], in: folder, stdout: pipe)
        else { return }
        #expect(outcome.status == 1 && !outcome.signaled)
        #expect(outcome.stderr == "")
    }

    @Test("simulate with a folder in the way of run.json replaces none of the run's files")
    func simulateAllOrNothing() throws {
        let folder = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = folder.appendingPathComponent("run")
        try FileManager.default.createDirectory(
            at: run.appendingPathComponent("run.json"), withIntermediateDirectories: true)
        for name in ["rounds.csv", "system.csv", "final.json"] {
            try "old \(name)\n".write(to: run.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        guard
            let outcome = try Self.shell(
                #"exec "$0" "$@""#, ["simulate", "base.json", "--rounds", "2", "-o", "run", "-q"], in: folder)
        else { return }
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("run.json: is a folder, not a file"))
        for name in ["rounds.csv", "system.csv", "final.json"] { #expect(Self.read(run, name) == "old \(name)\n") }
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: run.path).sorted()
                == ["final.json", "rounds.csv", "run.json", "system.csv"])
    }

    @Test("simulate without --charts removes the charts of an earlier run from its folder")
    func simulateFolder() throws {
        let folder = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        guard CLITestSupport.binary != nil else { return }
        let charted = try #require(
            try Self.shell(
                #"exec "$0" "$@""#, ["simulate", "base.json", "--rounds", "1", "--charts", "-o", "run", "-q"],
                in: folder))
        #expect(charted.status == 0)
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("run/effort.svg").path))
        let plain = try #require(
            try Self.shell(
                #"exec "$0" "$@""#, ["simulate", "base.json", "--rounds", "1", "-o", "run", "-q"], in: folder))
        #expect(plain.status == 0)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("run").path).sorted()
                == ["final.json", "rounds.csv", "run.json", "system.csv"])
    }

    @Test("a Gephi CSV pair whose edges table is blocked leaves the nodes table as it was")
    func csvPairAllOrNothing() throws {
        let folder = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "old nodes\n".write(to: folder.appendingPathComponent("out-nodes.csv"), atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("out-edges.csv"), withIntermediateDirectories: true)
        guard let outcome = try Self.shell(#"exec "$0" "$@""#, ["convert", "base.json", "out.csv"], in: folder)
        else { return }
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("out-edges.csv: is a folder, not a file"))
        #expect(Self.read(folder, "out-nodes.csv") == "old nodes\n")
    }

    @Test("output = input is refused with exit 64 before anything is written")
    func outputIsInput() throws {
        let folder = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        let before = Self.read(folder, "base.json")
        for arguments in [
            ["convert", "base.json", "base.json"], ["report", "base.json", "-o", "base.json"],
            ["info", "base.json", "-o", "./base.json"], ["render", "base.json", "-o", "base.json"],
        ] {
            guard let outcome = try Self.shell(#"exec "$0" "$@""#, arguments, in: folder) else { return }
            #expect(outcome.status == 64, "\(arguments)")
            #expect(outcome.stderr.contains("is the input file"), "\(arguments)")
        }
        #expect(Self.read(folder, "base.json") == before)
        let empty = try #require(try Self.shell(#"exec "$0" "$@""#, ["info", "base.json", "-o", ""], in: folder))
        #expect(empty.status == 64)
        #expect(empty.stderr.contains("--output needs a file name"))
    }

    @Test("a 250-byte output name is written (the temporary name is shortened to fit NAME_MAX)")
    func longName() throws {
        let folder = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        let name = String(repeating: "n", count: 245) + ".json"
        guard let outcome = try Self.shell(#"exec "$0" "$@""#, ["info", "base.json", "-o", name], in: folder)
        else { return }
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(Self.read(folder, name)?.contains("states") == true)
    }

    @Test("temporaries left by a killed run are removed by the next write of that output; others are kept")
    func staleTemporaries() throws {
        let folder = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        // A pid that is not running: a finished child's.
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/bin/true")
        try child.run()
        child.waitUntilExit()
        let dead = child.processIdentifier
        for name in [".out.json.tmp-\(dead)", ".out.json.bak-\(dead)", ".other.json.tmp-\(dead)", ".out.json.tmp-1"] {
            try "stale".write(to: folder.appendingPathComponent(name), atomically: false, encoding: .utf8)
        }
        guard let outcome = try Self.shell(#"exec "$0" "$@""#, ["info", "base.json", "-o", "out.json"], in: folder)
        else { return }
        #expect(outcome.status == 0)
        // pid 1 is alive; .other.json is another output.
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
                == [".other.json.tmp-\(dead)", ".out.json.tmp-1", "base.json", "out.json"])
    }

    @Test("misleading output messages: a file in the folder path, a link loop")
    func messages() throws {
        let folder = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        guard
            let throughFile = try Self.shell(
                #"exec "$0" "$@""#, ["info", "base.json", "-o", "base.json/x"], in: folder)
        else { return }
        #expect(throughFile.status == 1)
        #expect(throughFile.stderr.contains("is a file, not a folder"), "\(throughFile.stderr)")
        try FileManager.default.createSymbolicLink(
            atPath: folder.appendingPathComponent("a").path, withDestinationPath: "b")
        try FileManager.default.createSymbolicLink(
            atPath: folder.appendingPathComponent("b").path, withDestinationPath: "a")
        let loop = try #require(try Self.shell(#"exec "$0" "$@""#, ["info", "base.json", "-o", "a"], in: folder))
        #expect(loop.status == 1)
        #expect(loop.stderr.contains("a: is a loop of symbolic links"))
        let loopIn = try #require(try Self.shell(#"exec "$0" "$@""#, ["info", "a"], in: folder))
        #expect(loopIn.status == 65)
        #expect(loopIn.stderr.contains("is a loop of symbolic links"), "\(loopIn.stderr)")
    }

    /// A 64 KiB tmpfs mounted at `folder/tiny` for `body` (skipped when mounting is not
    /// permitted: it needs root).
    static func withTinyDisk(in folder: URL, _ body: (URL) throws -> Void) throws {
        let tiny = folder.appendingPathComponent("tiny")
        try FileManager.default.createDirectory(at: tiny, withIntermediateDirectories: true)
        let mount = Process()
        mount.executableURL = URL(fileURLWithPath: "/bin/mount")
        mount.arguments = ["-t", "tmpfs", "-o", "size=64k", "tmpfs", tiny.path]
        mount.standardError = FileHandle.nullDevice
        guard (try? mount.run()) != nil else { return }
        mount.waitUntilExit()
        guard mount.terminationStatus == 0 else { return }
        defer {
            let umount = Process()
            umount.executableURL = URL(fileURLWithPath: "/bin/umount")
            umount.arguments = [tiny.path]
            try? umount.run()
            umount.waitUntilExit()
        }
        try body(tiny)
    }

    @Test("a full disk: exit 1 with ENOSPC, the old file kept, no temporary and no new folder left")
    func tinyDisk() throws {
        let folder = try Self.workspace()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.withTinyDisk(in: folder) { tiny in
            try "old\n".write(to: tiny.appendingPathComponent("out.json"), atomically: false, encoding: .utf8)
            // About 600 KB of scenario JSON.
            guard
                let outcome = try Self.shell(
                    #"exec "$0" "$@""#, ["generate", "--states", "2000", "--ties", "4000", "-o", "tiny/out.json"],
                    in: folder)
            else { return }
            #expect(outcome.status == 1)
            #expect(outcome.stderr.contains("tiny/out.json: can't be written: No space left on device"))
            #expect(Self.read(tiny, "out.json") == "old\n")
            let simulate = try #require(
                try Self.shell(
                    #"exec "$0" "$@""#,
                    ["simulate", "base.json", "--rounds", "100", "--no-equilibrium-stop", "-o", "tiny/run", "-q"],
                    in: folder))
            #expect(simulate.status == 1)
            #expect(simulate.stderr.contains("No space left on device"))
            #expect(try FileManager.default.contentsOfDirectory(atPath: tiny.path) == ["out.json"])
        }
    }
}
