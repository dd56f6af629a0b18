#!/usr/bin/env python3
"""Checks that networkx reads AllianceGraph's GraphML, GML and node-link exports faithfully.

Usage (CI runs it when networkx is importable):

    swift build --product alliancectl
    python3 scripts/formats/check_graphml_networkx.py [.build/debug/alliancectl]

For each bundled network it converts the scenario with `alliancectl convert`, reads the result
with networkx, and compares states, ties, strengths and kinds with the scenario JSON. Exits 1 on
any mismatch, 0 when all agree (and 0 with a message when networkx is missing).
"""
import json
import math
import os
import subprocess
import sys
import tempfile

try:
    import networkx as nx
except ImportError:
    print("networkx is not installed; skipping the GraphML check")
    sys.exit(0)

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
CTL = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, ".build", "debug", "alliancectl")
NETWORKS = sorted(f for f in os.listdir(os.path.join(ROOT, "Networks")) if f.endswith(".json"))
failures = []


def expected(scenario):
    states = {s["code"]: s for s in scenario["states"]}
    ties = []
    for c in scenario.get("commitments", []):
        a, b = c.get("between") or [c["from"], c["to"]]
        ties.append((c["kind"], a, b, c.get("credibility", 0.7 if c["kind"] == "patronage" else 1.0)))
    for r in scenario.get("rivalries", []):
        a, b = sorted(r["between"])  # a rivalry is unordered
        ties.append(("rivalry", a, b, r.get("intensity", 1.0)))
    return states, sorted(ties)


def observed(g, code_of):
    ties = []
    for u, v, data in g.edges(data=True):
        a, b = data.get("from", code_of(u)), data.get("to", code_of(v))
        value = data["intensity"] if data["kind"] == "rivalry" else data["strength"]
        if data["kind"] == "rivalry":
            a, b = sorted((a, b))
        ties.append((data["kind"], a, b, value))
    return sorted(ties)


def compare(label, scenario, g, code_of):
    states, ties = expected(scenario)
    codes = sorted(code_of(n) for n in g.nodes)
    if codes != sorted(states):
        failures.append(f"{label}: states differ")
    for node, data in g.nodes(data=True):
        s = states.get(code_of(node))
        if s is None or not math.isclose(data["capability"], s["capability"], rel_tol=1e-12):
            failures.append(f"{label}: capability of {code_of(node)} differs")
        if "weight" in data:
            failures.append(f"{label}: a node carries 'weight'")
    got = observed(g, code_of)
    if len(got) != len(ties) or any(x[:3] != y[:3] or not math.isclose(x[3], y[3], rel_tol=1e-12) for x, y in zip(got, ties)):
        failures.append(f"{label}: ties differ ({len(got)} read, {len(ties)} expected)")
    if any("weight" in d for _, _, d in g.edges(data=True)):
        failures.append(f"{label}: an edge carries 'weight'")


with tempfile.TemporaryDirectory() as tmp:
    for name in NETWORKS:
        path = os.path.join(ROOT, "Networks", name)
        with open(path) as f:
            scenario = json.load(f)
        for ext in ("graphml", "gml", "nodelink.json"):
            out = os.path.join(tmp, name.replace(".json", "." + ext))
            subprocess.run([CTL, "convert", path, out, "--quiet"], check=True)
            if ext == "graphml":
                g = nx.read_graphml(out)
                code_of = lambda n, g=g: g.nodes[n]["name"]
            elif ext == "gml":
                g = nx.read_gml(out, label="id")
                code_of = lambda n, g=g: g.nodes[n]["name"]
            else:
                with open(out) as f:
                    g = nx.node_link_graph(json.load(f), edges="edges")
                code_of = lambda n: n
            compare(f"{name} as {ext}", scenario, g, code_of)
            print(f"ok  {name} -> {ext}: {g.number_of_nodes()} nodes, {g.number_of_edges()} edges read by networkx {nx.__version__}")

if failures:
    print("\n".join(failures))
    sys.exit(1)
