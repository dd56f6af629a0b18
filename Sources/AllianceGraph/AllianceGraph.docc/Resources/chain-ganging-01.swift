import AllianceGraph  // the model, metrics, simulation, crises, landscape
import AllianceGraphFormats  // reading and writing files: ScenarioLoader, ScenarioWriter, importers

let scenario = try ScenarioLoader.load(path: "Networks/europe-1914.json")
let engine = try CrisisEngine(scenario: scenario)
let july = try engine.run(attacker: "AUH", target: "YUG")
for event in july.events {
    print("step \(event.step): \(engine.network.states[event.state.index].code) joins side \(event.side)")
}
