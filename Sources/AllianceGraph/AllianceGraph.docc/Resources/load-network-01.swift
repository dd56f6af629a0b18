import AllianceGraph  // the model, metrics, simulation, crises, landscape
import AllianceGraphFormats  // reading and writing files: ScenarioLoader, ScenarioWriter, importers

let nato = try ScenarioLoader.load(path: "Networks/nato-2024.json")
