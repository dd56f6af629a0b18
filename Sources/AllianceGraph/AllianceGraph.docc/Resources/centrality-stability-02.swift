import AllianceGraph  // the model, metrics, simulation, crises, landscape
import AllianceGraphFormats  // reading and writing files: ScenarioLoader, ScenarioWriter, importers

let scenario = try ScenarioLoader.load(path: "Networks/europe-1914.json")
let report = try NetworkMetrics.compute(scenario: scenario, seed: 1)
print("betweenness of RUS:", report.value(.betweenness, state: "RUS")!)  // 34.5
print("structural balance:", report.system(.balance)!)

let nato = try ScenarioLoader.load(path: "Networks/nato-2024.json")
var simulation = try Simulation(scenario: nato, configuration: .init(rounds: 10, seed: 1))
try simulation.run()
print("NATO 2024 after \(simulation.round) rounds: \(simulation.network.commitments.count) commitments")
