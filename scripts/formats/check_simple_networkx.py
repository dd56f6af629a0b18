#!/usr/bin/env python3
"""Checks that networkx, with its default reading settings, gives our metrics on a `--simple` export.

Usage (CI runs it beside check_graphml_networkx.py):

    swift build --product alliancectl
    python3 scripts/formats/check_simple_networkx.py [.build/debug/alliancectl]

For each bundled network and a generated one it writes the alliance graph in force with
`alliancectl convert FILE OUT.graphml --simple`, reads it with `networkx.read_graphml(OUT)` (no
options), and compares, state by state, with `alliancectl metrics FILE --format csv`:

- degree:       G.degree()
- strength:     G.degree(weight="strength")
- betweenness:  nx.betweenness_centrality(G, weight="length", normalized=False)
- pagerank:     nx.pagerank(G, weight="strength", tol=1e-13, max_iter=10000)

to 1e-9 (absolute, or relative for values above 1). The generated network's credibilities have
two decimals, so it has many pairs of paths of mathematically equal length (1/0.3 + 1/0.6 =
1/0.2) whose floating-point sums differ in the last bit: igraph (ours) counts them as ties
(within 1e-10), networkx compares exactly and keeps one, so its betweenness differs by up to
0.25 there. For that network the check gives networkx the lengths as exact fractions (1/strength
with strength read back as a fraction of denominator <= 1000), which removes the rounding, and
prints the plain-float difference for information. The bundled networks pass with plain floats.
PageRank needs `weight="strength"` because
the export has no `weight` attribute (networkx and igraph read `weight` as a distance in path
measures); the tighter tolerance is ours (1e-13), networkx's default 1e-6 agrees to about 1e-7.
Exits 1 on any mismatch, 0 when all agree (and 0 with a message when networkx is missing).
"""
import csv
import io
from fractions import Fraction
import os
import subprocess
import sys
import tempfile

try:
    import networkx as nx
except ImportError:
    print("networkx is not installed; skipping the --simple export check")
    sys.exit(0)

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
CTL = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, ".build", "debug", "alliancectl")
TOLERANCE = 1e-9


def run(*arguments):
    return subprocess.run([CTL, *arguments], check=True, capture_output=True, text=True).stdout


def close(a, b):
    return abs(a - b) <= TOLERANCE * max(1.0, abs(a), abs(b))


def check(label, scenario, folder, exact_lengths=False):
    graphml = os.path.join(folder, label + ".graphml")
    run("convert", scenario, graphml, "--simple", "--quiet")
    ours = {row["code"]: row for row in csv.DictReader(io.StringIO(run("metrics", scenario, "--format", "csv")))}
    g = nx.read_graphml(graphml)
    code = {node: data["name"] for node, data in g.nodes(data=True)}
    betweenness = nx.betweenness_centrality(g, weight="length", normalized=False)
    if exact_lengths:
        plain = max(abs(float(ours[code[n]]["betweenness"]) - v) for n, v in betweenness.items())
        print(f"{label}: betweenness with plain float lengths: largest difference {plain:.2e} (ties, see above)")
        for _, _, data in g.edges(data=True):
            data["exact_length"] = 1 / Fraction(data["strength"]).limit_denominator(1000)
        exact = nx.betweenness_centrality(g, weight="exact_length", normalized=False)
        betweenness = {n: float(v) for n, v in exact.items()}
    theirs = {
        "degree": dict(g.degree()),
        "strength": dict(g.degree(weight="strength")),
        "betweenness": betweenness,
        "pagerank": nx.pagerank(g, weight="strength", tol=1e-13, max_iter=10000),
    }
    failures = []
    if g.is_multigraph() or sorted(code.values()) != sorted(ours):
        failures.append(f"{label}: not a simple graph over the scenario's states")
    for metric, values in theirs.items():
        worst = 0.0
        for node, value in values.items():
            expected = float(ours[code[node]][metric])
            worst = max(worst, abs(expected - value))
            if not close(expected, value):
                failures.append(f"{label}: {metric} of {code[node]}: ours {expected!r}, networkx {value!r}")
        print(f"{label}: {metric:11s} {len(values):4d} states, largest difference {worst:.2e}")
    return failures


def main():
    failures = []
    with tempfile.TemporaryDirectory() as folder:
        networks = sorted(f for f in os.listdir(os.path.join(ROOT, "Networks")) if f.endswith(".json"))
        for name in networks:
            failures += check(name[:-5], os.path.join(ROOT, "Networks", name), folder)
        generated = os.path.join(folder, "generated.json")
        run("generate", "--states", "300", "--ties", "1200", "--seed", "7", "-o", generated, "--quiet")
        failures += check("generated-300", generated, folder, exact_lengths=True)
        data = os.path.join(ROOT, "..", "shared", "data")
        if os.path.exists(os.path.join(data, "atop5_1dy.csv")):  # real data, when it is there
            imported = os.path.join(folder, "atop-1990.json")
            run("import", "atop", os.path.join(data, "atop5_1dy.csv"), "--year", "1990", "-o", imported, "-q")
            failures += check("atop-1990", imported, folder)
    for failure in failures[:40]:
        print("MISMATCH", failure)
    if failures:
        print(f"check_simple_networkx: {len(failures)} mismatches")
        sys.exit(1)
    print("check_simple_networkx: networkx's defaults on --simple exports give our metrics to 1e-9")


if __name__ == "__main__":
    main()
