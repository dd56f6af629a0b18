import Foundation
import Testing
@_spi(Internals) @testable import AllianceGraph
@testable import AllianceGraphExperiments

/// A bad experiment file is refused with an error naming the file and the field, before any run.
@Suite("Experiment spec validation")
struct ExperimentSpecTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var label: String
        var members: String
        var location: String
        var fragment: String
        var testDescription: String { label }
    }

    static let crisis = #""command": "crisis", "settings": {"attacker": "AUH", "target": "YUG"}, "#

    static let cases: [Case] = [
        Case(
            label: "unknown parameter, with a suggestion",
            members: crisis + #""parameters": {"transparancy": {"values": [0.1]}}"#,
            location: "parameters.transparancy", fragment: "did you mean \"transparency\""),
        Case(
            label: "empty range",
            members: crisis + #""parameters": {"offenseDefense": {"from": 2, "to": 1, "step": 0.5}}"#,
            location: "parameters.offenseDefense.to", fragment: "empty range"),
        Case(
            label: "empty list", members: crisis + #""parameters": {"transparency": {"values": []}}"#,
            location: "parameters.transparency.values", fragment: "empty"),
        Case(
            label: "zero step", members: crisis + #""parameters": {"offenseDefense": {"from": 1, "to": 2, "step": 0}}"#,
            location: "parameters.offenseDefense.step", fragment: "positive"),
        Case(
            label: "replicates 0", members: crisis + #""replicates": 0"#, location: "replicates",
            fragment: "out of range"),
        Case(
            label: "value outside the parameter's domain",
            members: crisis + #""parameters": {"transparency": {"values": [0.5, 1.5]}}"#,
            location: "parameters.transparency", fragment: "transparency=1.5"),
        Case(
            label: "unknown outcome", members: crisis + #""outcomes": ["warsize"]"#, location: "outcomes[0]",
            fragment: "did you mean \"warSize\""),
        Case(
            label: "entry of a state not in the scenario", members: crisis + #""outcomes": ["entry.XYZ"]"#,
            location: "outcomes[0]", fragment: "no state \"XYZ\""),
        Case(
            label: "unknown attacker",
            members: #""command": "crisis", "settings": {"attacker": "AUX", "target": "YUG"}"#,
            location: "settings.attacker", fragment: "did you mean \"AUH\""),
        Case(
            label: "unknown top-level field", members: crisis + #""replicate": 3"#, location: "replicate",
            fragment: "did you mean \"replicates\""),
        Case(
            label: "unknown command", members: #""command": "simulat""#, location: "command",
            fragment: "did you mean \"simulate\""),
        Case(
            label: "min above max",
            members: crisis
                + #""parameters": {"reliability": {"min": 0.9, "max": 0.2}}, "sample": {"method": "random", "points": 4}"#,
            location: "parameters.reliability.max", fragment: "empty range"),
        Case(
            label: "sampled parameter without a sample",
            members: crisis + #""parameters": {"reliability": {"min": 0.2, "max": 0.9}}"#,
            location: "sample", fragment: "need a sample"),
        Case(
            label: "light metrics and a Leiden outcome",
            members: #""command": "simulate", "settings": {"systemMetrics": "light"}, "outcomes": ["final.blocs"]"#,
            location: "outcomes[0]", fragment: "needs settings.systemMetrics"),
        Case(
            label: "a crisis setting given to simulate",
            members: #""command": "simulate", "settings": {"attacker": "AUH"}"#,
            location: "settings.attacker", fragment: "unknown field"),
        Case(
            label: "integer parameter given a fraction",
            members: crisis + #""parameters": {"maxSteps": {"values": [10, 12.5]}}"#,
            location: "parameters.maxSteps.values[1]", fragment: "not a whole number"),
    ]

    @Test("A bad spec names the file and the field", arguments: cases)
    func badSpecNamesTheField(_ bad: Case) throws {
        let folder = try ExperimentFolder()
        let path = try folder.spec(bad.members)
        let error = try #require(inputError { _ = try Experiment.load(path: path) }, "no error for \(bad.label)")
        #expect(error.file == path)
        #expect(error.location == bad.location, "\(error)")
        #expect(error.message.contains(bad.fragment), "\(error)")
    }

    @Test("A missing scenario file names the scenario field and the path")
    func missingScenario() throws {
        let folder = try ExperimentFolder()
        let path = try folder.spec(
            #""scenario": "nowhere/europe.json", "command": "simulate""#, scenario: false)
        let error = try #require(inputError { _ = try Experiment.load(path: path) })
        #expect(error.location == "scenario")
        #expect(error.message.contains("nowhere/europe.json"))
    }

    @Test("Scenario paths are relative to the spec file's folder")
    func relativeScenario() throws {
        let folder = try ExperimentFolder()
        let relative =
            String(repeating: "../", count: folder.url.pathComponents.count - 1)
            + TestSupport.network("europe-1914.json").dropFirst()
        let path = try folder.spec(#""scenario": "\#(relative)", "command": "simulate""#, scenario: false)
        let experiment = try Experiment.load(path: path)
        #expect(experiment.inputs[0].network.id(forCode: "GMY") != nil)
    }

    @Test("entry.* stands for every state of the scenario, in network order")
    func entryWildcard() throws {
        let folder = try ExperimentFolder()
        let experiment = try Experiment.load(
            path: try folder.spec(Self.crisis + #""outcomes": ["warSize", "entry.*"]"#))
        let codes = experiment.inputs[0].network.states.map(\.code)
        #expect(experiment.outcomes.map(\.name) == ["warSize"] + codes.map { "entry.\($0)" })
    }
}
