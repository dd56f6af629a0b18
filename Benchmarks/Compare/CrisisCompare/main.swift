// CrisisCompare: the Swift half of Benchmarks/Compare/20-crisis (times taken inside the process,
// so start-up and file reading are not counted). Prints one JSON object on stdout.
//
//   CrisisCompare cascade FILE ATTACKER:TARGET... [--repeat K]
//       deterministic cascades (CrisisEngine.simulate, reused scratch), each pair K times in turn;
//       prints the mean time per run and each pair's outcome (sides, entry steps, steps).
//   CrisisCompare ensemble FILE ATTACKER TARGET [--runs N] [--seed S] [--kernel lockstep|unbatched]
//       [--workers W] [--repeat K]
//       K ensembles of N stochastic runs; prints each one's wall-clock and CPU seconds (all
//       threads) and a digest of the result.
@_spi(Internals) import AllianceGraph
@_spi(Internals) import AllianceGraphFormats
import Foundation

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("CrisisCompare: \(message)\n".utf8))
    exit(64)
}

func option(_ name: String, in args: [String], default value: String) -> String {
    guard let k = args.firstIndex(of: name) else { return value }
    guard k + 1 < args.count else { fail("\(name) needs a value") }
    return args[k + 1]
}

func positional(_ args: [String]) -> [String] {
    var result: [String] = [], k = 0
    while k < args.count {
        if args[k].hasPrefix("--") { k += 2 } else { result.append(args[k]); k += 1 }
    }
    return result
}

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9
}

/// User + system CPU seconds of the whole process so far (all threads).
func cpuSeconds() -> Double {
    var usage = rusage()
    #if os(Linux)
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    #else
    getrusage(RUSAGE_SELF, &usage)
    #endif
    func s(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) * 1e-6 }
    return s(usage.ru_utime) + s(usage.ru_stime)
}

func json(_ value: Any) -> String {
    guard let data = try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys]),
          let text = String(data: data, encoding: .utf8) else { fail("cannot write JSON") }
    return text
}

let arguments = Array(CommandLine.arguments.dropFirst())
guard let mode = arguments.first else { fail("usage: CrisisCompare cascade|ensemble FILE ...") }
let rest = Array(arguments.dropFirst())
let words = positional(rest)
guard let file = words.first else { fail("give a scenario file") }
let scenario: Scenario
let engine: CrisisEngine
do {
    scenario = try ScenarioLoader.load(path: file)
    engine = try CrisisEngine(scenario: scenario)
} catch {
    fail("\(file): \(error)")
}
func id(_ code: String) -> StateID {
    guard let id = scenario.network.id(forCode: code) else { fail("no state \(code) in \(file)") }
    return id
}
let repeats = Int(option("--repeat", in: rest, default: "1")) ?? 1

switch mode {
case "cascade":
    let pairs = words.dropFirst().map { pair -> (StateID, StateID) in
        let parts = pair.split(separator: ":").map(String.init)
        guard parts.count == 2 else { fail("pairs are ATTACKER:TARGET, got \(pair)") }
        return (id(parts[0]), id(parts[1]))
    }
    var scratch = engine.makeScratch()
    var outcomes: [[String: Any]] = []
    for (a, b) in pairs {
        engine.simulate(attacker: a.index, target: b.index, stochastic: false, runSeed: 0, scratch: &scratch)
        var sides: [String: String] = [:], steps: [String: Int] = [:]
        for i in 0..<scenario.network.count {
            guard let side = scratch.side(of: i), let step = scratch.entryStep(of: i) else { continue }
            sides[scenario.network.states[i].code] = side.description
            steps[scenario.network.states[i].code] = step
        }
        outcomes.append(["attacker": scenario.network[a].code, "target": scenario.network[b].code,
                         "sides": sides, "entrySteps": steps, "steps": scratch.steps])
    }
    var checksum = 0
    let elapsed = seconds {
        for _ in 0..<repeats {
            for (a, b) in pairs {
                engine.simulate(attacker: a.index, target: b.index, stochastic: false, runSeed: 0, scratch: &scratch)
                checksum &+= scratch.steps
            }
        }
    }
    print(json(["secondsPerRun": elapsed / Double(max(1, repeats * pairs.count)), "runs": repeats * pairs.count,
                "checksum": checksum, "outcomes": outcomes]))
case "ensemble":
    guard words.count >= 3 else { fail("ensemble FILE ATTACKER TARGET") }
    let a = id(words[1]), b = id(words[2])
    let runs = Int(option("--runs", in: rest, default: "100000")) ?? 100_000
    let seed = UInt64(option("--seed", in: rest, default: "1")) ?? 1
    let workers = Int(option("--workers", in: rest, default: "1")) ?? 1
    guard let kernel = CrisisEnsemble.Kernel(rawValue: option("--kernel", in: rest, default: "lockstep")) else {
        fail("--kernel is lockstep or unbatched")
    }
    var times: [Double] = [], cpu: [Double] = []
    var digest = ""
    for _ in 0..<repeats {
        var result: CrisisEnsembleResult?
        let cpuBefore = cpuSeconds()
        defer { cpu.append(cpuSeconds() - cpuBefore) }
        times.append(try seconds {
            result = try CrisisEnsemble.run(engine: engine, attacker: a, target: b, runs: runs, seed: seed,
                                            workers: workers, kernel: kernel,
                                            spreadWorkers: workers > 1)
        })
        if let result {
            // Order-sensitive digest of everything the ensemble returns.
            var h = UInt64(1469598103934665603)
            func mix(_ v: UInt64) { h = (h ^ v) &* 1099511628211 }
            for v in result.enterCount + result.sideACount + result.entryStepSum { mix(UInt64(bitPattern: Int64(v))) }
            for r in 0..<result.runs {
                mix(UInt64(UInt32(bitPattern: result.statesA[r]))); mix(UInt64(UInt32(bitPattern: result.statesB[r])))
                mix(result.capabilityShareA[r].bitPattern); mix(result.capabilityShareB[r].bitPattern)
                mix(UInt64(UInt32(bitPattern: result.steps[r])))
            }
            mix(UInt64(result.runsStoppedAtStepLimit))
            digest = String(h, radix: 16)
        }
    }
    print(json(["seconds": times, "cpuSeconds": cpu, "runs": runs, "workers": workers, "kernel": kernel.rawValue, "digest": digest]))
default:
    fail("unknown mode \(mode); use cascade or ensemble")
}
