import AllianceGraph  // the model, metrics, simulation, crises, landscape
import AllianceGraphFormats  // reading and writing files: ScenarioLoader, ScenarioWriter, importers

let nato = try ScenarioLoader.load(path: "Networks/nato-2024.json")
print("\(nato.name): \(nato.network.count) states, \(nato.network.commitments.count) commitments")
let usa = nato.network.id(forCode: "USA")!
let pacts = nato.network.commitments.filter { ($0.from == usa || $0.to == usa) && $0.kind == .defense }
print("defence commitments of the USA:", pacts.count)
