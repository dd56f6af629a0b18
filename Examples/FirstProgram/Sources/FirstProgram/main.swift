// The programs of README.md, "Using the library", as a downstream package writes them. Run from
// the repository root (the bundled networks are read from Networks/):
//   swift run --package-path Examples/FirstProgram
import AllianceGraph  // the model, metrics, simulation, crises, landscape
import AllianceGraphFormats  // reading and writing files: ScenarioLoader, ScenarioWriter, importers

// 1. Centrality and stability of Europe in 1914, with the scenario's own parameters.
let scenario = try ScenarioLoader.load(path: "Networks/europe-1914.json")
let report = try NetworkMetrics.compute(scenario: scenario, seed: 1)
print("betweenness of RUS:", report.value(.betweenness, state: "RUS")!)  // 34.5
print("structural balance:", report.system(.balance)!)

// 2. Chain-ganging: July 1914, Austria-Hungary attacks Serbia, states named by code.
let engine = try CrisisEngine(scenario: scenario)
let july = try engine.run(attacker: "AUH", target: "YUG")
for event in july.events {
    print("step \(event.step): \(engine.network.states[event.state.index].code) joins side \(event.side)")
}
let ensemble = try CrisisEnsemble.run(engine: engine, attacker: "AUH", target: "YUG", runs: 10_000, seed: 1)
let britain = try engine.stateID(named: "UKG")
print("P(UKG enters) over 10,000 stochastic runs:", ensemble.entryProbability(britain))

// 3. Load a network: NATO in 2024, its states and the pledges that bind them.
let nato = try ScenarioLoader.load(path: "Networks/nato-2024.json")
print("\(nato.name): \(nato.network.count) states, \(nato.network.commitments.count) commitments")
let usa = nato.network.id(forCode: "USA")!
let pacts = nato.network.commitments.filter { ($0.from == usa || $0.to == usa) && $0.kind == .defense }
print("defence commitments of the USA:", pacts.count)

// 4. The security dilemma round by round: NATO 2024, ten rounds.
var simulation = try Simulation(scenario: nato, configuration: .init(rounds: 10, seed: 1))
try simulation.run()
print("NATO 2024 after \(simulation.round) rounds: \(simulation.network.commitments.count) commitments")
