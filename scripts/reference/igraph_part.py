#!/usr/bin/python3
"""python-igraph half of the metric reference generator.

Runs ONLY under Debian's system python (/usr/bin/python3) with Debian's
python3-igraph 0.10.2, which links the same libigraph 0.10.2 as the Swift
package. It is called by generate_metric_references.py; do not run it with the
pyenv python3 on PATH (that one carries the igraph 1.0 wheel).

stdin:  {"n": N, "edges": [[u, v, w], ...], "fixed_partition": [c0, c1, ...],
         "leiden_seeds": K, "leiden_iterations": I}
stdout: {"versions": {...}, "values": {...}} as JSON, NaN written as null.
"""
import json
import math
import random
import sys
import warnings

import igraph

EXPECTED_VERSION = "0.10.2"


def clean(x):
    """Floats -> float (NaN -> None); ints stay ints; recurse into lists."""
    if isinstance(x, (list, tuple)):
        return [clean(v) for v in x]
    if isinstance(x, bool):
        return x
    if isinstance(x, int):
        return x
    x = float(x)
    return None if math.isnan(x) else x


def main():
    if igraph.__version__ != EXPECTED_VERSION or igraph.__igraph_version__ != EXPECTED_VERSION:
        sys.exit("igraph_part.py: expected python-igraph and igraph C core %s, found %s / %s"
                 % (EXPECTED_VERSION, igraph.__version__, igraph.__igraph_version__))

    spec = json.load(sys.stdin)
    n = spec["n"]
    edges = [(int(u), int(v)) for u, v, _ in spec["edges"]]
    w = [float(e[2]) for e in spec["edges"]]
    lengths = [1.0 / x for x in w]

    g = igraph.Graph(n=n, edges=edges, directed=False)
    assert g.vcount() == n and g.ecount() == len(edges) and g.is_simple()

    out = {}
    caught = []
    with warnings.catch_warnings(record=True) as wlist:
        warnings.simplefilter("always")

        out["degree"] = g.degree()
        out["strength"] = g.strength(weights=w)
        out["betweenness"] = g.betweenness(directed=False, weights=lengths)
        out["closeness"] = g.closeness(weights=lengths, normalized=True)
        out["harmonic"] = g.harmonic_centrality(weights=lengths, normalized=True)
        # igraph 0.10.2 draws on its RNG here (ARPACK start vector): unseeded, the last
        # 1-3 ulps change from run to run. Seed it so the fixtures are reproducible.
        random.seed(0)
        ev, ev_value = g.eigenvector_centrality(directed=False, scale=True, weights=w,
                                                return_eigenvalue=True)
        out["eigenvector"] = ev
        out["eigenvector_eigenvalue"] = ev_value
        out["pagerank"] = g.pagerank(directed=False, damping=0.85, weights=w,
                                     implementation="prpack")
        out["coreness"] = g.coreness()
        arts = set(g.articulation_points())
        out["articulation"] = [1 if i in arts else 0 for i in range(n)]
        out["components"] = len(g.connected_components())
        out["density"] = g.density(loops=False)
        out["transitivity"] = g.transitivity_undirected(mode="nan")
        out["average_local_transitivity"] = g.transitivity_avglocal_undirected(mode="zero")
        out["local_transitivity"] = g.transitivity_local_undirected(mode="zero")

        part = spec["fixed_partition"]
        out["modularity_fixed"] = g.modularity(part, weights=w, resolution=1, directed=False)

        # Leiden, modularity objective: python-igraph passes normalize_resolution=True and,
        # with no node weights given, uses strengths as node weights, i.e. CPM with node
        # weights = strength and resolution 1/(2m).
        best = None
        qualities = []
        for k in range(spec["leiden_seeds"]):
            random.seed(k)  # python-igraph installs Python's `random` as igraph's RNG
            cl = g.community_leiden(objective_function="modularity", weights=w,
                                    n_iterations=spec["leiden_iterations"])
            q = g.modularity(cl.membership, weights=w, resolution=1, directed=False)
            qualities.append(q)
            if best is None or q > best[0]:
                best = (q, k, list(cl.membership))

        # Sanity: the explicit CPM form (node weights = strength, resolution 1/(2m))
        # gives the same partition for the same seed.
        strength = g.strength(weights=w)
        two_m = sum(strength)
        if two_m > 0:
            random.seed(best[1])
            a = g.community_leiden(objective_function="modularity", weights=w,
                                   n_iterations=spec["leiden_iterations"]).membership
            random.seed(best[1])
            b = g.community_leiden(objective_function="CPM", weights=w, node_weights=strength,
                                   resolution_parameter=1.0 / two_m,
                                   n_iterations=spec["leiden_iterations"]).membership
            assert a == b == best[2], "Leiden modularity != CPM(strength, 1/2m) or not reproducible"

        out["leiden_best_modularity"] = best[0]
        out["leiden_best_seed"] = best[1]
        out["leiden_best_membership"] = best[2]
        out["leiden_worst_modularity"] = min(qualities)
        caught = [str(x.message) for x in wlist]

    json.dump({"versions": {"python-igraph": igraph.__version__,
                            "igraph-c": igraph.__igraph_version__},
               "values": {k: clean(v) for k, v in out.items()},
               "warnings": caught},
              sys.stdout, sort_keys=True)


if __name__ == "__main__":
    main()
