@_spi(Internals) import AllianceGraph
import AllianceGraphExperiments
@_spi(Internals) import AllianceGraphFormats
import ArgumentParser
import Foundation

/// Worker processes for sweeps whose runs call igraph.
///
/// igraph's globals make every igraph call in a process hold one lock (`IGraph.run`); a
/// fifty-round simulation with full system metrics spends most of its time in Leiden (ten restarts
/// a round), so worker threads of one process would mostly wait for each other. Such sweeps run
/// in `count` child processes instead: child w (`sweep ... --worker-stripe w/count`) runs the
/// pending runs whose position in the shard's run list is w modulo `count`, one at a time, and
/// commits them to the same store (SQLite serialises the writers; WAL lets the parent read). The
/// values do not depend on `count`: each run is computed alone from its own seed.
///
/// The parent shows the progress from the store, waits for the children, and fails (stopping the
/// others) as soon as one fails. An interruption of the parent stops the children (SIGTERM);
/// a child whose parent has gone (SIGKILL) stops by itself within a quarter of a second.
enum SweepWorkerProcesses {
    /// Whether the runs of `experiment` call igraph (so that threads would serialise on its lock).
    static func needed(_ experiment: Experiment) -> Bool {
        experiment.spec.command == .simulate && experiment.spec.settings.systemMetrics == .full
    }

    /// Runs the pending runs of `shard` in `count` child processes; `arguments` are the sweep's
    /// own (spec, output, shard), `meter` shows the progress.
    static func run(
        arguments: [String], count: Int, storePath: String, shard: Shard, pending: Int, meter: SweepProgress
    ) throws {
        let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var children: [Process] = []
        defer {
            for child in children where child.isRunning { child.terminate() }
            // Forgotten once ended, so that an interruption never signals a reused process id.
            InterruptHandling.children.withLock { $0.removeAll() }
        }
        for w in 0..<count {
            let child = Process()
            child.executableURL = executable
            child.arguments = arguments + ["--worker-stripe", "\(w)/\(count)", "--quiet"]
            child.standardInput = FileHandle.nullDevice
            child.standardOutput = FileHandle.nullDevice
            do { try child.run() } catch {
                throw OutputError(path: executable.path, message: "can't start a worker process: \(error)")
            }
            InterruptHandling.children.withLock { $0.append(child.processIdentifier) }
            children.append(child)
        }
        let reader = try ExperimentStore.open(path: storePath, readOnly: true)
        let before = try reader.storedRuns().count
        while children.contains(where: \.isRunning) {
            if let failed = children.first(where: { !$0.isRunning && $0.terminationStatus != 0 }) {
                throw ExitCode(failed.terminationStatus)
            }
            if meter.isEnabled { meter.update(try reader.storedRuns().count - before, pending) }
            usleep(250_000)
        }
        if let failed = children.first(where: { $0.terminationStatus != 0 }) {
            throw ExitCode(failed.terminationStatus)
        }
        if meter.isEnabled { meter.update(pending, pending) }
    }

    /// In a child: exits when the parent is gone (the parent was killed), checking four times a second.
    static func watchParent() {
        let parent = getppid()
        let watcher = Thread {
            while getppid() == parent { usleep(250_000) }
            _exit(ExitStatus.runtimeFailure)
        }
        watcher.name = "alliancectl sweep worker: parent watch"
        watcher.start()
    }
}
