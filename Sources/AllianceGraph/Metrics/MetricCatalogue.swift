/// The metrics the library computes, each defined once (docs/MODEL.md section 5).
///
/// Each definition carries its cost class (`MetricDefinition.Cost`): `medium` for the O(N M)
/// computations, `high` for the searches and ensembles (Leiden, signed Louvain, the probe crises,
/// the exact frustration index); measured times per metric are in docs/METRICS.md ("Cost").
///
/// Conventions shared by all: the alliance graph is `AllianceGraphView` (undirected, one edge per
/// allied dyad, weight = strength = the largest credibility among the dyad's pledges);
/// path-based measures use length 1/strength; spectral and flow measures use strength.
package enum MetricCatalogue {
    /// Degree: the number of allies (distinct partners through any commitment in force).
    package static let degree = MetricDefinition(
        "degree", .state, "number of allies (distinct partners of any commitment)")

    /// Strength: the sum of the strengths of a state's alliance ties, `s_i = sum_j w_ij`.
    package static let strength = MetricDefinition("strength", .state, "sum of alliance-tie strengths (credibility)")

    /// Betweenness: `b_i = sum_{s != i != t} sigma_st(i) / sigma_st` over unordered pairs, with
    /// shortest paths under length 1/strength; not normalised (igraph_betweenness; equals
    /// networkx `betweenness_centrality(normalized=False)` on undirected graphs). Brandes (2001).
    package static let betweenness = MetricDefinition(
        "betweenness", .state,
        "shortest-path betweenness, lengths 1/credibility, unnormalised (pairs counted once)", cost: .medium)

    /// Closeness: `(r - 1) / sum_j d_ij` over the r - 1 states reachable from i, lengths
    /// 1/strength (igraph_closeness, normalised). NaN for an isolated state. networkx's default
    /// (`wf_improved=True`) further multiplies by (r - 1)/(n - 1); with `wf_improved=False` they agree.
    package static let closeness = MetricDefinition(
        "closeness", .state,
        "inverse mean distance to reachable states, lengths 1/credibility; NaN when isolated", cost: .medium)

    /// Harmonic closeness: `(1 / (n - 1)) sum_{j != i} 1 / d_ij`, lengths 1/strength, 1/inf = 0
    /// (igraph_harmonic_centrality, normalised). networkx's `harmonic_centrality` is n - 1 times
    /// larger. Marchiori & Latora (2000).
    package static let harmonic = MetricDefinition(
        "harmonic", .state,
        "mean of 1/distance over all other states, lengths 1/credibility", cost: .medium)

    /// Eigenvector centrality: the leading eigenvector of the strength-weighted adjacency matrix,
    /// scaled so that the largest entry is 1 (igraph_eigenvector_centrality, scale = true);
    /// networkx scales to unit Euclidean norm instead. On a disconnected graph the weight goes to
    /// the component with the largest leading eigenvalue. Bonacich (1972).
    package static let eigenvector = MetricDefinition(
        "eigenvector", .state,
        "eigenvector centrality with credibility weights, scaled to max 1")

    /// PageRank with damping 0.85 and strength weights, undirected; sums to 1; isolated states
    /// jump uniformly. Computed natively by power iteration (`PageRank`, L1 change < 1e-13), with
    /// igraph_pagerank's (PRPACK) conventions; agrees with it to 1e-9. Brin & Page (1998).
    package static let pagerank = MetricDefinition(
        "pagerank", .state,
        "PageRank, damping 0.85, credibility weights; sums to 1")

    /// Coreness: the largest k such that the state belongs to the k-core (unweighted;
    /// igraph_coreness). Seidman (1983).
    package static let coreness = MetricDefinition("coreness", .state, "k-core number (unweighted)")

    /// Articulation point: removing the state (its defection) splits its alliance component
    /// (igraph_articulation_points). Hopcroft & Tarjan (1973).
    package static let articulation = MetricDefinition(
        "articulation", .state,
        "true when the state's defection would split its alliance component")

    /// Bloc: the state's community in the modularity-maximising Leiden partition (see `blocs`),
    /// numbered from 1 by size (the bloc with the most states is 1; ties: the bloc of the
    /// lowest-numbered state first), so isolated states, blocs of one, have the last numbers.
    package static let bloc = MetricDefinition(
        "bloc", .state, "Leiden (modularity) bloc number, 1 = most states", cost: .high)

    /// Power: `P_i = c_i * m_i / m_i(0)`, capability scaled by effort relative to its baseline.
    package static let power = MetricDefinition(
        "power", .state, "military power: capability x effort / baseline effort")

    /// Density: `2m / (n (n - 1))` over allied dyads; NaN when n < 2.
    package static let density = MetricDefinition("density", .system, "share of state pairs that are allied")

    /// Components: the number of connected components of the alliance graph (isolated states
    /// count as one each; igraph_connected_components).
    package static let components = MetricDefinition(
        "components", .system,
        "connected components of the alliance graph (isolated states included)")

    /// Transitivity: the global clustering coefficient, 3 x triangles / connected triples
    /// (igraph_transitivity_undirected); NaN without connected triples.
    package static let transitivity = MetricDefinition(
        "transitivity", .system,
        "global clustering: 3 x triangles / connected triples")

    /// Blocs: the number of communities of the Leiden partition that maximises modularity
    /// (igraph_community_leiden with node weights = strength and resolution 1/(2m), the best of
    /// 10 seeded restarts). Traag, Waltman & van Eck (2019).
    package static let blocs = MetricDefinition("blocs", .system, "number of Leiden (modularity) blocs", cost: .high)

    /// Modularity of the Leiden partition, `Q = (1/2m) sum_ij (A_ij - s_i s_j / 2m) delta(c_i, c_j)`
    /// with strengths (igraph_modularity, resolution 1); NaN without ties. Newman (2006).
    package static let modularity = MetricDefinition(
        "modularity", .system, "modularity of the Leiden blocs", cost: .high)

    /// Structural balance: the share of closed signed triangles that are balanced (`+++`, `+--`);
    /// see `StructuralBalance`. NaN without triangles.
    package static let balance = MetricDefinition(
        "balance", .system, "share of signed triangles that are balanced (+++ or +--)")
    /// Triangles with three positive ties (balanced).
    package static let trianglesPPP = MetricDefinition("triangles_ppp", .system, "signed triangles +++ (balanced)")
    /// Triangles with one positive and two negative ties (balanced).
    package static let trianglesPNN = MetricDefinition("triangles_pnn", .system, "signed triangles +-- (balanced)")
    /// Triangles with two positive ties and one negative (imbalanced).
    package static let trianglesPPN = MetricDefinition("triangles_ppn", .system, "signed triangles ++- (imbalanced)")
    /// Triangles with three negative ties (imbalanced).
    package static let trianglesNNN = MetricDefinition("triangles_nnn", .system, "signed triangles --- (imbalanced)")
    /// Capability concentration CON (Ray & Singer 1973); see `CapabilityConcentration`.
    package static let concentration = MetricDefinition(
        "concentration", .system,
        "capability concentration CON = sqrt((sum s_i^2 - 1/N) / (1 - 1/N))")

    // Signed blocs, frustration, polarity, portfolio similarity, burden-sharing, credibility.

    /// Signed bloc: the state's bloc in the partition of the signed network of highest signed
    /// modularity found by `SignedBlocPartition.louvain` (Gómez, Jensen & Arenas 2009), from 1.
    package static let signedBloc = MetricDefinition(
        "signed_bloc", .state,
        "bloc in the signed-modularity partition (allies inside, rivals across)", cost: .high)
    /// Camp: the state's side (1 or 2) in the best two-camp split of the signed network, the one
    /// with the fewest frustrated ties (see `Frustration`); camp 1 holds the first state of each
    /// component.
    package static let camp = MetricDefinition(
        "camp", .state,
        "side (1 or 2) in the two-camp split with the fewest frustrated ties", cost: .high)
    /// Signed blocs: the number of blocs of the signed-modularity partition (`signed_bloc`).
    package static let signedBlocs = MetricDefinition(
        "signed_blocs", .system,
        "number of signed-modularity blocs (isolated states count one each)", cost: .high)
    /// Signed modularity of the signed blocs (Gómez, Jensen & Arenas 2009), in [-1, 1].
    package static let signedModularity = MetricDefinition(
        "signed_modularity", .system,
        "signed modularity of the signed blocs (friends inside, enemies across)", cost: .high)
    /// Polarity: the number of Leiden blocs holding >= 10 % of total power; see `SystemIndicators`.
    package static let polarity = MetricDefinition(
        "polarity", .system,
        "number of Leiden blocs holding >= 10 % of total power", cost: .high)
    /// Frustration index: the fewest ties frustrated by any two-camp split (positive across,
    /// negative inside); exact (see `Frustration`), NaN when only bounds are known.
    package static let frustration = MetricDefinition(
        "frustration", .system,
        "fewest frustrated ties over all two-camp splits (exact; NaN if only bounded)", cost: .high)
    /// A proven lower bound on the frustration index (equal to it when exact).
    package static let frustrationLower = MetricDefinition(
        "frustration_lower", .system,
        "proven lower bound on the frustration index", cost: .high)
    /// The frustrated ties of the best split found: an upper bound (equal to the index when exact).
    package static let frustrationUpper = MetricDefinition(
        "frustration_upper", .system,
        "frustrated ties of the best split found (upper bound)", cost: .high)
    /// Burden-sharing: Spearman rank correlation of capability and effort among allied states;
    /// see `SystemIndicators.burdenSharing`.
    package static let burdenSharing = MetricDefinition(
        "burden_sharing", .system,
        "Spearman correlation of capability and effort among allied states")
    /// Mean credibility over the obligations in force; see `SystemIndicators.meanCredibility`.
    package static let meanCredibility = MetricDefinition(
        "mean_credibility", .system,
        "mean credibility of the obligations in force")
    /// Alliance-portfolio similarity S of one pair (Signorino & Ritter 1999), computed only when
    /// a pair is asked for (`metrics --similarity A,B`); see `PortfolioSimilarity`.
    package static let similarity = MetricDefinition(
        "similarity", .system,
        "portfolio similarity S in [-1, 1] of the pair given by --similarity A,B")

    /// Threat: the state's total threat `T_i = sum_s T_is` after propagation (docs/MODEL.md section 2),
    /// noise-free, at the network's current efforts, in capability units; see `ThreatModel`.
    package static let threat = MetricDefinition(
        "threat", .state, "total perceived threat T_i after propagation (noise-free)", cost: .medium)

    /// Security ratio `sigma_i = A_i / max(T_i, 1e-12)`: support (own power plus allies' pledged,
    /// reliability-weighted power) over threat (docs/MODEL.md section 2), noise-free.
    package static let securityRatio = MetricDefinition(
        "security_ratio", .state,
        "support A_i / threat T_i (noise-free); below 1 the state is insecure", cost: .medium)

    /// Arms-race stability: the fatigue margin `a - rho(K)` of the linearised Richardson system,
    /// K the threat-reaction matrix; positive when a race settles, negative when it runs away
    /// (two states: sign of a*b - k*l). See `ArmsRaceStability`.
    package static let armsRaceStability = MetricDefinition(
        "arms_race_stability", .system,
        "fatigue minus the spectral radius of the threat-reaction matrix; < 0: arms races run away", cost: .medium)

    /// Chain-gang exposure: the share of deterministic probe crises (every ordered pair when
    /// N <= 64, else both directions of rival or land-contiguous dyads) not involving the state as
    /// a party in which it is drawn into the war (docs/MODEL.md section 4); see `ChainGangExposure`.
    package static let exposure = MetricDefinition(
        "exposure", .state,
        "share of probe crises (a -> b, deterministic) that draw the state in", cost: .high)
    /// System fragility: the mean share of third states drawn into a probe crisis; see
    /// `ChainGangExposure`.
    package static let fragility = MetricDefinition(
        "fragility", .system,
        "mean share of third states drawn into a probe crisis (chain-ganging)", cost: .high)

    /// Every metric in output order.
    package static let all: [MetricDefinition] = [
        degree, strength, betweenness, closeness, harmonic, eigenvector, pagerank, coreness, articulation,
        bloc, power, density, components, transitivity, blocs, modularity, balance, trianglesPPP, trianglesPNN,
        trianglesPPN, trianglesNNN, concentration,
        signedBloc, camp, signedBlocs, signedModularity, polarity, frustration, frustrationLower, frustrationUpper,
        burdenSharing, meanCredibility, similarity,
        threat, securityRatio, armsRaceStability,
        exposure, fragility,
    ]

    /// The definition named `name`, if any.
    package static func definition(named name: String) -> MetricDefinition? {
        all.first { $0.name == name }
    }
}
