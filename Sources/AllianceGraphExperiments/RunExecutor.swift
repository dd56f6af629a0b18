@_spi(Internals) import AllianceGraph

/// What one run computes: its outcomes, and for simulations the per-round indicators.
package struct RunResult: Sendable {
    package var planned: PlannedRun
    /// One value per `Experiment.outcomes` (NaN where undefined).
    package var outcomes: [Double]
    /// Per recorded round (round 0 first): one value per `Experiment.roundIndicators`.
    package var rounds: [[Double]]
}

/// Runs one planned run of an experiment, on the calling thread.
package enum RunExecutor {
    /// The command's settings for one cell: the scenario's parameters, then the spec's fixed
    /// values, then the cell's varied values.
    package enum Configuration: Sendable {
        case simulate(SimulationParameters)
        case crisis(SecurityEnvironment, CrisisOptions)
    }

    /// The configuration of a cell; throws (with the parameter as location) when a value is out
    /// of its range.
    package static func configure(_ experiment: Experiment, scenario: Int, values: [Double]) throws(InputError)
        -> Configuration
    {
        let spec = experiment.spec
        let assignments = spec.fixed + zip(experiment.plan.columns, values).map { ($0.name, $1) }
        let environment = experiment.inputs[scenario].scenario.parameters
        switch spec.command {
        case .simulate:
            var parameters = SimulationParameters(environment: environment)
            try experiment.profile?.apply(to: &parameters)
            for (name, value) in assignments { try parameters.set(name, to: NumberFormat.json(value)) }
            return .simulate(parameters)
        case .crisis:
            var environment = environment
            var options = CrisisOptions()
            options.opportunism = spec.settings.opportunism
            for (name, value) in assignments {
                CrisisParameters.apply(name, value, environment: &environment, options: &options)
            }
            try environment.validate()
            try options.validate()
            return .crisis(environment, options)
        }
    }

    /// Runs `planned` and returns its outcomes.
    package static func execute(_ experiment: Experiment, _ planned: PlannedRun) throws -> RunResult {
        switch experiment.spec.command {
        case .simulate:
            return result(of: try simulation(experiment, planned), planned, experiment)
        case .crisis:
            let (_, ensemble) = try crisis(experiment, planned)
            let network = experiment.inputs[planned.scenario].network
            let outcomes = experiment.outcomes.map { outcome -> Double in
                switch outcome {
                case .crisis(let measure): return measure.value(ensemble)
                case .entry(let code, let side):
                    let i = network.id(forCode: code)!
                    return side.map { ensemble.probability(i, side: $0) } ?? ensemble.entryProbability(i)
                default: return .nan
                }
            }
            return RunResult(planned: planned, outcomes: outcomes, rounds: [])
        }
    }

    /// The finished simulation of a `simulate` experiment's run.
    package static func simulation(_ experiment: Experiment, _ planned: PlannedRun) throws -> Simulation {
        guard
            case .simulate(let parameters) = try configure(
                experiment, scenario: planned.scenario, values: planned.values)
        else { preconditionFailure("not a simulate experiment") }
        let settings = experiment.spec.settings
        let configuration = Simulation.Configuration(
            parameters: parameters, rules: settings.rules, rounds: settings.rounds, seed: planned.seed,
            stopAtEquilibrium: settings.stopAtEquilibrium, systemMetrics: settings.systemMetrics)
        var simulation = try Simulation(
            network: experiment.inputs[planned.scenario].network, configuration: configuration)
        try simulation.run()
        return simulation
    }

    /// The engine and the ensemble of a `crisis` experiment's run.
    package static func crisis(_ experiment: Experiment, _ planned: PlannedRun) throws -> (
        CrisisEngine, CrisisEnsembleResult
    ) {
        guard
            case .crisis(let environment, let options) = try configure(
                experiment, scenario: planned.scenario, values: planned.values)
        else { preconditionFailure("not a crisis experiment") }
        let input = experiment.inputs[planned.scenario]
        let engine = try CrisisEngine(
            network: input.network, environment: environment, warPlans: input.scenario.warPlans, options: options)
        let ensemble = try CrisisEnsemble.run(
            engine: engine, attacker: input.attacker!, target: input.target!, runs: experiment.spec.settings.runs,
            seed: planned.seed, workers: 1)
        return (engine, ensemble)
    }

    private static func result(of simulation: Simulation, _ planned: PlannedRun, _ experiment: Experiment) -> RunResult
    {
        let last = simulation.records[simulation.records.count - 1].system
        let outcomes = experiment.outcomes.map { outcome -> Double in
            switch outcome {
            case .final(let indicator): return indicator.value(last)
            case .roundsRun: return Double(simulation.round)
            case .equilibrium: return simulation.reachedEquilibrium ? 1 : 0
            default: return .nan
            }
        }
        let rounds =
            experiment.roundIndicators.isEmpty
            ? [] : simulation.records.map { record in experiment.roundIndicators.map { $0.value(record.system) } }
        return RunResult(planned: planned, outcomes: outcomes, rounds: rounds)
    }
}
