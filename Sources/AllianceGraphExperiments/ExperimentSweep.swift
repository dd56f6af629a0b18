@_spi(Internals) import AllianceGraph
import Dispatch
import Foundation
import Synchronization

/// Runs a list of an experiment's runs on `workers` threads and stores each as it finishes.
///
/// Workers take run indices in turn from a shared counter; each run is computed on its own with
/// its own seed (`RunPlan.run`), so which worker runs it never changes a value. Finished runs are
/// committed one transaction each, under one lock, so an interruption loses only the runs in
/// flight. The first failure stops the workers (runs already committed stay) and is rethrown.
package enum ExperimentSweep {
    /// Runs `runs` and stores them in `store`; `progress(done, total)` is called under the
    /// store's lock after each commit.
    package static func run(
        _ experiment: Experiment, runs: [Int], store: ExperimentStore, workers: Int,
        progress: ((Int, Int) -> Void)? = nil
    ) throws {
        guard !runs.isEmpty else { return }
        let sink = Sink(store: store, experiment: experiment, total: runs.count, progress: progress)
        let next = Atomic<Int>(0)
        let stop = Atomic<Bool>(false)
        let workerCount = max(1, min(workers, runs.count))
        DispatchQueue.concurrentPerform(iterations: workerCount) { _ in
            while !stop.load(ordering: .relaxed) {
                let k = next.wrappingAdd(1, ordering: .relaxed).oldValue
                if k >= runs.count { break }
                do {
                    let result = try RunExecutor.execute(experiment, experiment.plan.run(runs[k]))
                    try sink.commit(result)
                } catch {
                    sink.fail(error)
                    stop.store(true, ordering: .relaxed)
                }
            }
        }
        if let failure = sink.failure { throw failure }
    }

    /// The store behind a lock, with the count of runs committed.
    private final class Sink: @unchecked Sendable {
        let lock = NSLock()
        let store: ExperimentStore
        let experiment: Experiment
        let total: Int
        let progress: ((Int, Int) -> Void)?
        var done = 0
        var failure: (any Error)?

        init(store: ExperimentStore, experiment: Experiment, total: Int, progress: ((Int, Int) -> Void)?) {
            self.store = store
            self.experiment = experiment
            self.total = total
            self.progress = progress
        }

        func commit(_ result: RunResult) throws {
            lock.lock()
            defer { lock.unlock() }
            try store.insert(result, scenario: experiment.inputs[result.planned.scenario].path)
            done += 1
            progress?(done, total)
        }

        func fail(_ error: any Error) {
            lock.lock()
            if failure == nil { failure = error }
            lock.unlock()
        }
    }
}
