#!/usr/bin/env python3
"""Generate known-answer fixtures for AllianceGraph's network metrics.

Run from the repository root with the default python3 (networkx, numpy, scipy):

    python3 scripts/reference/generate_metric_references.py          # (re)write fixtures
    python3 scripts/reference/generate_metric_references.py --check  # verify, write nothing

The expected values come from python-igraph 0.10.2 (Debian's python3-igraph, the
same libigraph 0.10.2 the Swift package links). That half runs in
scripts/reference/igraph_part.py under /usr/bin/python3, fed the graph as JSON on
stdin. Every igraph value is cross-checked here against networkx (and, for
eigenvector centrality and PageRank, against a dense numpy solve); the script
fails if any cross-check disagrees beyond its tolerance. See README.md.
"""
import argparse
import json
import math
import os
import subprocess
import sys
from pathlib import Path

import networkx as nx
import numpy as np

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
OUT_DIR = REPO / "Tests" / "AllianceGraphTests" / "Fixtures" / "reference"
GENERATOR = "scripts/reference/generate_metric_references.py"
IGRAPH_PYTHON = "/usr/bin/python3"
IGRAPH_PART = HERE / "igraph_part.py"
LEIDEN_SEEDS = 50
LEIDEN_ITERATIONS = 10

# Cross-check tolerances: |igraph - reference| <= ATOL + RTOL * |reference|.
RTOL = 1e-9
ATOL = 1e-12
# ARPACK (eigenvector) and PRPACK (PageRank) are iterative; they were allowed 1e-7, but
# with igraph 0.10.2 they meet the same bounds as everything else (see README.md).
RTOL_ITERATIVE = RTOL
ATOL_ITERATIVE = ATOL


# --------------------------------------------------------------------------- graphs

def canonical_edges(pairs_with_weights):
    edges = []
    seen = set()
    for u, v, w in pairs_with_weights:
        u, v = int(u), int(v)
        assert u != v, "self-loop"
        if u > v:
            u, v = v, u
        assert (u, v) not in seen, "multi-edge"
        seen.add((u, v))
        w = float(w)
        assert 0.0 < w <= 1.0, "weight outside (0, 1]"
        edges.append([u, v, w])
    edges.sort(key=lambda e: (e[0], e[1]))
    return edges


def graph_random_weighted():
    g = nx.gnp_random_graph(30, 0.15, seed=7)
    rng = np.random.default_rng(7)
    pairs = sorted((min(u, v), max(u, v)) for u, v in g.edges())
    # One draw per edge in sorted (u, v) order, rounded to 3 decimals.
    return 30, canonical_edges((u, v, round(float(rng.uniform(0.1, 1.0)), 3)) for u, v in pairs)


def graph_weighted_small():
    # 6-cycle 0-1-2-3-4-5-0 with chord 0-3, vertex 6 closing a triangle on 2-3,
    # vertex 7 a pendant on 5.
    e = [(0, 1, 0.9), (1, 2, 0.4), (2, 3, 1.0), (3, 4, 0.2), (4, 5, 0.7), (0, 5, 0.5),
         (0, 3, 0.3), (2, 6, 0.8), (3, 6, 0.6), (5, 7, 0.25)]
    return 8, canonical_edges(e)


def graph_disconnected():
    # Component A (0..5): triangle 0-1-2, path 2-3, triangle 3-4-5.
    # Component B (6..10): 5-cycle 6-7-8-9-10-6 with chord 7-9.
    e = [(0, 1, 0.9), (1, 2, 0.6), (0, 2, 0.35), (2, 3, 0.5), (3, 4, 1.0), (4, 5, 0.8),
         (3, 5, 0.45),
         (6, 7, 0.3), (7, 8, 0.7), (8, 9, 0.95), (9, 10, 0.4), (6, 10, 0.65), (7, 9, 0.2)]
    return 11, canonical_edges(e)


def graph_isolates():
    # 0..6 connected (a 4-cycle with a chord, a triangle hanging off it, a pendant); 7, 8, 9 isolated.
    e = [(0, 1, 0.8), (1, 2, 0.5), (2, 3, 0.9), (0, 3, 0.3), (1, 3, 0.6), (3, 4, 0.75),
         (4, 5, 0.4), (3, 5, 1.0), (5, 6, 0.2)]
    return 10, canonical_edges(e)


def graph_star():
    return 10, canonical_edges((0, i, 1.0) for i in range(1, 10))


def graph_complete():
    return 6, canonical_edges((u, v, 1.0) for u in range(6) for v in range(u + 1, 6))


def graph_karate():
    g = nx.karate_club_graph()  # networkx carries Zachary's interaction counts; we use weight 1
    n = g.number_of_nodes()
    assert sorted(g.nodes()) == list(range(n))
    clubs = {"Mr. Hi": 0, "Officer": 1}
    partition = [clubs[g.nodes[i]["club"]] for i in range(n)]
    return n, canonical_edges((u, v, 1.0) for u, v in g.edges()), partition, "karate club attribute (Mr. Hi = 0, Officer = 1)"


def graph_path():
    ws = [0.5, 1.0, 0.25, 1.0, 0.8, 0.6]
    return 7, canonical_edges((i, i + 1, ws[i]) for i in range(6))


def bundled_network(file_name):
    """The alliance graph of a bundled scenario (Networks/<file>), as AllianceGraphView builds it:
    states in file order; commitments in force in the scenario's year (since <= year <= until);
    one edge per allied pair, weight = the largest credibility among the pair's pledges in either
    direction (symmetric pledges carry `credibility` and `reverseCredibility`)."""
    def make():
        doc = json.loads((REPO / "Networks" / file_name).read_text())
        year = doc.get("year")
        index = {s["code"]: k for k, s in enumerate(doc["states"])}
        best = {}
        for c in doc.get("commitments", []):
            if year is not None and (c.get("since", -10**9) > year or c.get("until", 10**9) < year):
                continue
            default = 0.7 if c["kind"] == "patronage" else 1.0
            kappa = c.get("credibility", default)
            if "between" in c:
                a, b = (index[x] for x in c["between"])
                kappas = [kappa, c.get("reverseCredibility", kappa)]
            else:
                a, b = index[c["from"]], index[c["to"]]
                kappas = [kappa]
            key = (min(a, b), max(a, b))
            for k in kappas:
                if k > 0:
                    best[key] = max(best.get(key, 0.0), k)
        return len(doc["states"]), canonical_edges((u, v, w) for (u, v), w in best.items())
    return make


GRAPHS = {
    "random-weighted": graph_random_weighted,
    "weighted-small": graph_weighted_small,
    "disconnected": graph_disconnected,
    "isolates": graph_isolates,
    "star": graph_star,
    "complete": graph_complete,
    "karate": graph_karate,
    "path": graph_path,
    "network-europe-1914": bundled_network("europe-1914.json"),
    "network-nato-2024": bundled_network("nato-2024.json"),
}


def to_networkx(n, edges):
    g = nx.Graph()
    g.add_nodes_from(range(n))
    for u, v, w in edges:
        g.add_edge(u, v, weight=w, length=1.0 / w)
    return g


def greedy_partition(g):
    comms = nx.community.greedy_modularity_communities(g, weight="weight", resolution=1)
    comms = sorted((sorted(c) for c in comms), key=lambda c: c[0])
    part = [None] * g.number_of_nodes()
    for cid, c in enumerate(comms):
        for v in c:
            part[v] = cid
    return part


# --------------------------------------------------------------------------- igraph half

def run_igraph_part(n, edges, partition):
    env = {"PATH": "/usr/bin:/bin", "OMP_NUM_THREADS": "1", "LC_ALL": "C.UTF-8"}
    payload = json.dumps({"n": n, "edges": edges, "fixed_partition": partition,
                          "leiden_seeds": LEIDEN_SEEDS, "leiden_iterations": LEIDEN_ITERATIONS})
    proc = subprocess.run([IGRAPH_PYTHON, "-I", str(IGRAPH_PART)], input=payload,
                          capture_output=True, text=True, env=env, check=False)
    if proc.returncode != 0:
        sys.exit("igraph_part.py failed:\n" + proc.stderr)
    return json.loads(proc.stdout)


# --------------------------------------------------------------------------- references

def dense_eigenvector(n, edges):
    a = np.zeros((n, n))
    for u, v, w in edges:
        a[u, v] = a[v, u] = w
    vals, vecs = np.linalg.eigh(a)
    x = np.abs(vecs[:, -1])
    return list(x / x.max()), float(vals[-1]), float(vals[-1] - vals[-2]) if n > 1 else math.inf


def dense_pagerank(n, edges, alpha=0.85):
    a = np.zeros((n, n))
    for u, v, w in edges:
        a[u, v] = a[v, u] = w
    s = a.sum(axis=1)
    p = np.empty((n, n))
    for i in range(n):
        p[i] = a[i] / s[i] if s[i] > 0 else 1.0 / n  # dangling (isolated) rows jump uniformly
    x = np.linalg.solve(np.eye(n) - alpha * p.T, np.full(n, (1.0 - alpha) / n))
    return list(x / x.sum())


class Checker:
    def __init__(self):
        self.worst = {}  # metric -> (abs diff, rel diff, graph)
        self.failures = []

    def compare(self, graph, metric, got, ref, rtol=RTOL, atol=ATOL, skip=None):
        got = got if isinstance(got, list) else [got]
        ref = ref if isinstance(ref, list) else [ref]
        assert len(got) == len(ref), (graph, metric)
        worst_abs, worst_rel = 0.0, 0.0
        for i, (a, b) in enumerate(zip(got, ref)):
            if skip is not None and skip(i):
                continue
            if a is None or b is None or (isinstance(b, float) and math.isnan(b)):
                if not ((a is None) and (b is None or math.isnan(b))):
                    self.failures.append(f"{graph}/{metric}[{i}]: igraph {a!r} vs reference {b!r}")
                continue
            d = abs(float(a) - float(b))
            worst_abs = max(worst_abs, d)
            if b != 0:
                worst_rel = max(worst_rel, d / abs(float(b)))
            if d > atol + rtol * abs(float(b)):
                self.failures.append(f"{graph}/{metric}[{i}]: igraph {a!r} vs reference {b!r} (diff {d:.3g})")
        prev = self.worst.get(metric)
        if prev is None or worst_abs > prev[0]:
            self.worst[metric] = (worst_abs, max(worst_rel, prev[1] if prev else 0.0), graph)
        elif worst_rel > prev[1]:
            self.worst[metric] = (prev[0], worst_rel, prev[2])

    def expect(self, graph, what, ok):
        if not ok:
            self.failures.append(f"{graph}: {what}")


def cross_check(name, n, edges, partition, ig, chk):
    g = to_networkx(n, edges)
    m = len(edges)
    isolated = [g.degree(i) == 0 for i in range(n)]
    connected = n > 0 and nx.is_connected(g)

    chk.compare(name, "degree", ig["degree"], [g.degree(i) for i in range(n)], rtol=0, atol=0)
    chk.compare(name, "strength", ig["strength"],
                [math.fsum(d["weight"] for _, _, d in g.edges(i, data=True)) for i in range(n)])

    bc = nx.betweenness_centrality(g, normalized=False, weight="length")
    chk.compare(name, "betweenness", ig["betweenness"], [bc[i] for i in range(n)])

    cc = nx.closeness_centrality(g, distance="length", wf_improved=False)
    chk.compare(name, "closeness", ig["closeness"], [cc[i] for i in range(n)],
                skip=lambda i: isolated[i])
    for i in range(n):
        if isolated[i]:
            chk.expect(name, f"closeness of isolated vertex {i} should be NaN (igraph) / 0 (networkx)",
                       ig["closeness"][i] is None and cc[i] == 0)

    hc = nx.harmonic_centrality(g, distance="length")
    chk.compare(name, "harmonic", ig["harmonic"], [hc[i] / (n - 1) for i in range(n)])

    ev_dense, lam, gap = dense_eigenvector(n, edges)
    chk.compare(name, "eigenvector_eigenvalue", ig["eigenvector_eigenvalue"], lam)
    if connected:
        evn = nx.eigenvector_centrality_numpy(g, weight="weight", max_iter=10000, tol=0)
        vals = [abs(evn[i]) for i in range(n)]
        top = max(vals)
        chk.compare(name, "eigenvector(networkx)", ig["eigenvector"], [x / top for x in vals],
                    rtol=RTOL_ITERATIVE, atol=ATOL_ITERATIVE)
    # Dense symmetric eigensolver; for disconnected graphs this is meaningful because the
    # leading eigenvalue is simple (gap > 0): the other components must come out ~0.
    chk.expect(name, f"leading eigenvalue not simple (gap {gap})", gap > 1e-6)
    chk.compare(name, "eigenvector(dense)", ig["eigenvector"], ev_dense,
                rtol=RTOL_ITERATIVE, atol=ATOL_ITERATIVE)

    pr = nx.pagerank(g, alpha=0.85, weight="weight", tol=1e-14, max_iter=10000)
    chk.compare(name, "pagerank(networkx)", ig["pagerank"], [pr[i] for i in range(n)],
                rtol=RTOL_ITERATIVE, atol=ATOL_ITERATIVE)
    chk.compare(name, "pagerank(dense)", ig["pagerank"], dense_pagerank(n, edges),
                rtol=RTOL_ITERATIVE, atol=ATOL_ITERATIVE)

    core = nx.core_number(g)
    chk.compare(name, "coreness", ig["coreness"], [core[i] for i in range(n)], rtol=0, atol=0)
    arts = set(nx.articulation_points(g))
    chk.compare(name, "articulation", ig["articulation"], [1 if i in arts else 0 for i in range(n)],
                rtol=0, atol=0)

    density = 2.0 * m / (n * (n - 1))
    chk.compare(name, "density", ig["density"], density)
    chk.compare(name, "density", ig["density"], nx.density(g))
    chk.compare(name, "components", ig["components"], nx.number_connected_components(g), rtol=0, atol=0)

    triples = sum(d * (d - 1) // 2 for _, d in g.degree())
    chk.compare(name, "transitivity", ig["transitivity"],
                nx.transitivity(g) if triples > 0 else None)
    chk.compare(name, "average_local_transitivity", ig["average_local_transitivity"],
                nx.average_clustering(g))
    cl = nx.clustering(g)
    chk.compare(name, "local_transitivity", ig["local_transitivity"], [cl[i] for i in range(n)])

    def communities(part):
        groups = {}
        for v, c in enumerate(part):
            groups.setdefault(c, set()).add(v)
        return list(groups.values())

    chk.compare(name, "modularity_fixed", ig["modularity_fixed"],
                nx.community.modularity(g, communities(partition), weight="weight", resolution=1))
    chk.compare(name, "leiden_best_modularity", ig["leiden_best_modularity"],
                nx.community.modularity(g, communities(ig["leiden_best_membership"]),
                                        weight="weight", resolution=1))
    return connected


# --------------------------------------------------------------------------- output

def dumps(obj, indent=0):
    """Deterministic JSON: sorted keys, one key per line, scalar lists inline, floats via repr."""
    pad = "  " * indent
    if isinstance(obj, dict):
        if not obj:
            return "{}"
        items = [f'{pad}  {json.dumps(k)}: {dumps(obj[k], indent + 1)}' for k in sorted(obj)]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if isinstance(obj, list):
        if all(not isinstance(x, (dict, list)) for x in obj):
            return "[" + ", ".join(dumps(x) for x in obj) + "]"
        items = [pad + "  " + dumps(x, indent + 1) for x in obj]
        return "[\n" + ",\n".join(items) + "\n" + pad + "]"
    if isinstance(obj, float):
        if math.isnan(obj):
            return "null"
        assert math.isfinite(obj), obj
        return repr(obj)  # shortest repr: round-trips exactly (<= 17 significant digits)
    return json.dumps(obj, allow_nan=False)


def build(name, chk):
    made = GRAPHS[name]()
    if len(made) == 4:
        n, edges, partition, partition_source = made
    else:
        n, edges = made
        partition = greedy_partition(to_networkx(n, edges))
        partition_source = "networkx greedy_modularity_communities(weight='weight'), ids by smallest member"
    res = run_igraph_part(n, edges, partition)
    ig = res["values"]
    connected = cross_check(name, n, edges, partition, ig, chk)
    chk.expect(name, f"igraph warnings: {res['warnings']}", not res["warnings"])

    expected = {k: ig[k] for k in (
        "degree", "strength", "betweenness", "closeness", "harmonic", "eigenvector",
        "eigenvector_eigenvalue", "pagerank", "coreness", "articulation", "density",
        "components", "transitivity", "average_local_transitivity", "local_transitivity",
        "modularity_fixed", "leiden_best_modularity", "leiden_best_seed",
        "leiden_best_membership", "leiden_worst_modularity")}
    expected["eigenvector_connected"] = connected
    return {
        "name": name,
        "n": n,
        "m": len(edges),
        "edges": edges,
        "fixed_partition": partition,
        "fixed_partition_source": partition_source,
        "leiden": {"runs": LEIDEN_SEEDS, "seeds": f"random.seed(k), k = 0..{LEIDEN_SEEDS - 1}",
                   "n_iterations": LEIDEN_ITERATIONS, "objective_function": "modularity",
                   "beta": 0.01},
        "generator": GENERATOR,
        "versions": {"networkx": nx.__version__, "numpy": np.__version__,
                     "python-igraph": res["versions"]["python-igraph"],
                     "igraph-c": res["versions"]["igraph-c"]},
        "expected": expected,
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true",
                    help="regenerate in memory and compare with the committed fixtures; write nothing")
    ap.add_argument("--out", type=Path, default=OUT_DIR)
    args = ap.parse_args()

    chk = Checker()
    texts = {name: dumps(build(name, chk)) + "\n" for name in GRAPHS}

    print(f"{'cross-check':32s} {'max |diff|':>12s} {'max rel':>12s}  worst graph")
    for metric in sorted(chk.worst):
        a, r, gname = chk.worst[metric]
        print(f"{metric:32s} {a:12.3g} {r:12.3g}  {gname}")
    if chk.failures:
        print("\nCROSS-CHECK FAILURES:", file=sys.stderr)
        for f in chk.failures:
            print("  " + f, file=sys.stderr)
        sys.exit(1)

    stale = []
    if not args.check:
        args.out.mkdir(parents=True, exist_ok=True)
    for name, text in texts.items():
        path = args.out / f"{name}.json"
        if args.check:
            if not path.exists() or path.read_text() != text:
                stale.append(str(path))
        else:
            path.write_text(text)
            print(f"wrote {path.relative_to(REPO) if path.is_relative_to(REPO) else path}")
    if stale:
        sys.exit("fixtures differ from a fresh generation:\n  " + "\n  ".join(stale))
    if args.check:
        print("all fixtures match")


if __name__ == "__main__":
    main()
