import Testing
@_spi(Internals) @testable import AllianceGraph
@_spi(Internals) @testable import AllianceGraphFormats
@testable import AllianceGraphRender

@Suite("Crisis rules")
struct CrisisRulesTests {
    static let a = StateID(0), b = StateID(1), x = StateID(2), y = StateID(3)

    static func network(_ commitments: [Commitment], rivalries: [Rivalry] = []) throws -> AllianceNetwork {
        try AllianceNetwork(
            states: [
                State(code: "AAA", capability: 0.4), State(code: "BBB", capability: 0.1),
                State(code: "XXX", capability: 0.2), State(code: "YYY", capability: 0.3),
            ], commitments: commitments, rivalries: rivalries)
    }

    static func run(
        _ commitments: [Commitment], environment: SecurityEnvironment = SecurityEnvironment(),
        options: CrisisOptions = CrisisOptions(), rivalries: [Rivalry] = []
    ) throws -> CrisisResult {
        let engine = try CrisisEngine(
            network: network(commitments, rivalries: rivalries), environment: environment, options: options)
        return try engine.run(attacker: a, target: b)
    }

    @Test("a defence pledge fires for an attacked partner, not for one that chose to fight")
    func defensiveTrigger() throws {
        // X defends B (attacked) -> enters; Y defends X (X entered by choice) -> stays out.
        let result = try Self.run([
            .directed(.defense, from: Self.x, to: Self.b), .directed(.defense, from: Self.y, to: Self.x),
        ])
        #expect(result.sides[Self.x.index] == .b)
        #expect(result.sides[Self.y.index] == nil)
        #expect(result.abstention(of: Self.y)?.checks.first?.outcome == .partnerNotAttacked)
    }

    @Test("an offensive pledge fires for any belligerent partner, the initiator included")
    func offensiveTrigger() throws {
        let result = try Self.run([
            .directed(.offense, from: Self.x, to: Self.a), .directed(.offense, from: Self.y, to: Self.x),
        ])
        #expect(result.sides[Self.x.index] == .a && result.entrySteps[Self.x.index] == 1)
        #expect(result.sides[Self.y.index] == .a && result.entrySteps[Self.y.index] == 2)
    }

    @Test("with the strongest rule, pledges of equal strength to both sides keep the state out; the stronger one wins")
    func conflictingPledges() throws {
        let options = CrisisOptions(bothSides: .strongest)
        let tie = try Self.run(
            [.directed(.offense, from: Self.x, to: Self.a), .directed(.defense, from: Self.x, to: Self.b)],
            options: options)
        #expect(tie.sides[Self.x.index] == nil)
        #expect(tie.abstention(of: Self.x)?.checks.allSatisfy { $0.outcome == .tie } == true)
        let stronger = try Self.run(
            [
                .directed(.offense, from: Self.x, to: Self.a, credibility: 0.8),
                .directed(.defense, from: Self.x, to: Self.b, credibility: 0.9),
            ], options: options)
        #expect(stronger.sides[Self.x.index] == .b)
    }

    @Test("by default fighting pledges to both sides cancel, even when only one of them is triggered")
    func bothSidesCancel() throws {
        // X defends both A and B: only the pledge to B (attacked) is triggered, yet X stays out.
        let commitments: [Commitment] = [
            .directed(.defense, from: Self.x, to: Self.a), .directed(.defense, from: Self.x, to: Self.b),
        ]
        let cancelled = try Self.run(commitments)
        #expect(cancelled.sides[Self.x.index] == nil)
        let check = cancelled.abstention(of: Self.x)?.checks.first { $0.obligation.partner == Self.b }
        #expect(check?.outcome == .bothSides)
        let strongest = try Self.run(commitments, options: CrisisOptions(bothSides: .strongest))
        #expect(strongest.sides[Self.x.index] == .b)
        // A pledge to one side only is unaffected.
        let single = try Self.run([.directed(.defense, from: Self.x, to: Self.b)])
        #expect(single.sides[Self.x.index] == .b)
    }

    @Test("neutrality or non-aggression toward the aggressor does not bar defending its victim")
    func neutralityTowardAggressor() throws {
        for kind in [CommitmentKind.neutrality, .nonaggression] {
            let result = try Self.run([
                .directed(.defense, from: Self.x, to: Self.b), .directed(kind, from: Self.x, to: Self.a),
            ])
            #expect(result.sides[Self.x.index] == .b, "\(kind)")
            #expect(result.abstention(of: Self.x) == nil)
        }
    }

    @Test("a war-plan attack in the step an entry is due calls the entry off when it makes a veto apply")
    func sameStepWarPlanAttack() throws {
        // A at war with B attacks X at step 1; Y (offense to A, neutrality toward X) decided at
        // step 1 from the snapshot of step 0 to join A at step 1.
        let network = try Self.network([
            .directed(.offense, from: Self.y, to: Self.a), .directed(.neutrality, from: Self.y, to: Self.x),
        ])
        let engine = try CrisisEngine(
            network: network, warPlans: [WarPlan(actor: Self.a, trigger: [Self.b], attack: [Self.x])])
        let result = try engine.run(attacker: Self.a, target: Self.b)
        #expect(result.entry(of: Self.x)?.role == .victim && result.entrySteps[Self.x.index] == 1)
        #expect(result.sides[Self.y.index] == nil)
        let check = result.abstention(of: Self.y)?.checks.first { $0.obligation.kind == .offense }
        #expect(check?.outcome == .vetoed(by: Self.x))
        #expect(!result.stoppedAtStepLimit)
        // Without the attack Y enters at step 1.
        let plain = try CrisisEngine(network: network).run(attacker: Self.a, target: Self.b)
        #expect(plain.sides[Self.y.index] == .a && plain.entrySteps[Self.y.index] == 1)
    }

    @Test("neutrality toward a victim vetoes joining the side against it")
    func neutralityVeto() throws {
        let result = try Self.run([
            .directed(.offense, from: Self.x, to: Self.a), .directed(.neutrality, from: Self.x, to: Self.b),
        ])
        #expect(result.sides[Self.x.index] == nil)
        let check = result.abstention(of: Self.x)?.checks.first { $0.obligation.kind == .offense }
        #expect(check?.outcome == .vetoed(by: Self.b))
    }

    @Test("deterministic honouring: credibility x reliability against the threshold, raised by consultation")
    func threshold() throws {
        // 0.6 x 0.745 = 0.447 < 0.5: out.
        let weak = try Self.run([.directed(.defense, from: Self.x, to: Self.b, credibility: 0.6)])
        #expect(weak.sides[Self.x.index] == nil)
        #expect(weak.abstention(of: Self.x)?.checks.first?.outcome == .notHonoured)
        // Consultation with B: 0.447 + 0.25 x 1 x 0.553 = 0.585 >= 0.5: in.
        let consulted = try Self.run([
            .directed(.defense, from: Self.x, to: Self.b, credibility: 0.6),
            .symmetric(.consultation, Self.x, Self.b),
        ])
        #expect(consulted.sides[Self.x.index] == .b)
        guard case .pledge(_, let honour)? = consulted.entry(of: Self.x)?.cause else {
            Issue.record("X should enter on its pledge"); return
        }
        #expect(abs(honour - (0.447 + 0.25 * 0.553)) < 1e-12)
    }

    @Test("entry delay: one step when theta >= 1, ceil(1 / theta) steps when defence dominates")
    func entryDelay() throws {
        var environment = SecurityEnvironment()
        environment.offenseDefense = 0.4
        let slow = try Self.run(
            [.directed(.defense, from: Self.x, to: Self.b), .directed(.offense, from: Self.y, to: Self.x)],
            environment: environment)
        #expect(slow.entrySteps[Self.x.index] == 3)
        #expect(slow.entrySteps[Self.y.index] == 6)
        environment.offenseDefense = 1
        let fast = try Self.run([.directed(.defense, from: Self.x, to: Self.b)], environment: environment)
        #expect(fast.entrySteps[Self.x.index] == 1)
    }

    @Test("a war plan attacks through transit states, making them victims whose guarantors enter")
    func warPlan() throws {
        // A at war with B attacks X; Y guarantees X.
        let network = try Self.network([.directed(.guarantee, from: Self.y, to: Self.x)])
        let engine = try CrisisEngine(
            network: network, warPlans: [WarPlan(actor: Self.a, trigger: [Self.b], attack: [Self.x])])
        let result = try engine.run(attacker: Self.a, target: Self.b)
        #expect(result.entry(of: Self.x)?.role == .victim && result.entrySteps[Self.x.index] == 1)
        #expect(result.sides[Self.y.index] == .b && result.entrySteps[Self.y.index] == 2)
    }

    @Test("opportunism: a rival of the weaker side joins the stronger side after the delay and attacks its rival")
    func opportunism() throws {
        // A (0.4) vs B (0.1): ratio 4 >= 1.5. Y is B's rival: joins A after 3 snapshots; X defends B.
        var options = CrisisOptions()
        options.opportunism = true
        let result = try Self.run(
            [.directed(.defense, from: Self.x, to: Self.b, credibility: 0.3)], options: options,
            rivalries: [Rivalry(Self.y, Self.b)])
        #expect(result.sides[Self.y.index] == .a)
        #expect(result.entrySteps[Self.y.index] == 3)
        if case .opportunism(let against, let ratio)? = result.entry(of: Self.y)?.cause {
            #expect(against == Self.b && abs(ratio - 4) < 1e-12)
        } else {
            Issue.record("Y should enter by opportunism")
        }
        let off = try Self.run([], rivalries: [Rivalry(Self.y, Self.b)])
        #expect(off.sides[Self.y.index] == nil, "opportunism is off by default")
    }

    @Test("stochastic runs: same seed, same record; pledges drawn with probability credibility x reliability")
    func stochastic() throws {
        let engine = try CrisisEngine(network: Self.network([.directed(.defense, from: Self.x, to: Self.b)]))
        let first = try engine.run(attacker: Self.a, target: Self.b, mode: .stochastic, seed: 11)
        let again = try engine.run(attacker: Self.a, target: Self.b, mode: .stochastic, seed: 11)
        #expect(first == again)
        let ensemble = try CrisisEnsemble.run(engine: engine, attacker: Self.a, target: Self.b, runs: 20_000, seed: 5)
        let se = (0.745 * 0.255 / 20_000).squareRoot()
        #expect(abs(ensemble.entryProbability(Self.x) - 0.745) < 5 * se)
        #expect(ensemble.entryProbability(Self.a) == 1 && ensemble.entryProbability(Self.b) == 1)
        #expect(ensemble.meanEntryStep(Self.x) == 1)
    }

    @Test("invalid crises are input errors")
    func invalid() throws {
        let engine = try CrisisEngine(network: Self.network([]))
        #expect(throws: InputError.self) { try engine.run(attacker: Self.a, target: Self.a) }
        #expect(throws: InputError.self) { try engine.run(attacker: Self.a, target: StateID(9)) }
        var options = CrisisOptions()
        options.threshold = 2
        #expect(throws: InputError.self) { try CrisisEngine(network: Self.network([]), options: options) }
    }

    @Test("chain-gang exposure and fragility: known answer on a pact and a bystander")
    func exposure() throws {
        // A and B defend each other; X stands apart; 3 states -> 6 ordered probe crises.
        let network = try AllianceNetwork(
            states: [
                State(code: "AAA", capability: 0.5), State(code: "BBB", capability: 0.3),
                State(code: "XXX", capability: 0.2),
            ],
            commitments: [.symmetric(.defense, Self.a, Self.b)])
        let result = try ChainGangExposure.compute(network)
        #expect(result.crisisCount == 6)
        #expect(result.exposure == [0.5, 0.5, 0])
        #expect(abs(result.fragility - 2.0 / 6) < 1e-12)
        // X -> A draws in B (0.3 of the 0.3 others' capability = 1); X -> B draws in A (1).
        #expect(abs(result.capabilityFragility - 2.0 / 6) < 1e-12)
        let single = try ChainGangExposure.compute(AllianceNetwork(states: [State(code: "AAA", capability: 1)]))
        #expect(single.fragility.isNaN && single.crisisCount == 0)
    }
}
