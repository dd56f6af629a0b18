import Foundation
@_spi(Internals) @testable import AllianceGraph
@testable import AllianceGraphExperiments

/// Spec files, stores and exports for the experiment tests, in a fresh temporary folder each.
final class ExperimentFolder {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("alliancegraph-exp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// Writes a spec (with `format` and the 1914 scenario unless given) and returns its path.
    func spec(_ members: String, name: String = "spec.json", scenario: Bool = true) throws -> String {
        let network = TestSupport.network("europe-1914.json")
        let head = #"{"format": "alliancegraph-experiment/1", "# + (scenario ? #""scenario": "\#(network)", "# : "")
        try (head + members + "}").write(toFile: path(name), atomically: true, encoding: .utf8)
        return path(name)
    }

    /// Runs `runs` (default: all) of `experiment` into a new store at `name`, for `shard`.
    func sweep(
        _ experiment: Experiment, into name: String, shard: Shard = .whole, workers: Int, runs: [Int]? = nil
    ) throws -> ExperimentStore {
        let store = try ExperimentStore.create(
            path: path(name), experiment: experiment, shard: shard, record: ExperimentRecord.json(experiment))
        let mine = runs ?? Array(stride(from: shard.index, to: experiment.plan.runCount, by: shard.count))
        try ExperimentSweep.run(experiment, runs: mine, store: store, workers: workers)
        return store
    }

    /// The exported files of a store as one string per file.
    static func exported(_ store: ExperimentStore, _ format: ExperimentExport.Format = .csv) throws -> [String] {
        try ExperimentExport.files(store, format: format).map { "\($0.0)\n\($0.1)" }
    }
}

/// The error a throwing expression raised, as an `InputError` (nil if none or another type).
func inputError(_ body: () throws -> Void) -> InputError? {
    do {
        try body()
        return nil
    } catch let error as InputError {
        return error
    } catch {
        return nil
    }
}
