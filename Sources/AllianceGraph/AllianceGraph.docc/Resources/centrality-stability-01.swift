import AllianceGraph  // the model, metrics, simulation, crises, landscape
import AllianceGraphFormats  // reading and writing files: ScenarioLoader, ScenarioWriter, importers

let scenario = try ScenarioLoader.load(path: "Networks/europe-1914.json")
let report = try NetworkMetrics.compute(scenario: scenario, seed: 1)
print("betweenness of RUS:", report.value(.betweenness, state: "RUS")!)  // 34.5
print("structural balance:", report.system(.balance)!)
