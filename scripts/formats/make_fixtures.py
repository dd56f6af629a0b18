#!/usr/bin/env python3
"""Writes small graph files with networkx and python-igraph for AllianceGraph's reader tests.

The graphs are hand-made (four states, a few ties), not derived from any data set. Run:

    python3 scripts/formats/make_fixtures.py            # networkx files (default python3, networkx 3.x)
    /usr/bin/python3 scripts/formats/make_fixtures.py   # python-igraph 0.10.2 files (Debian's python3-igraph)

Each interpreter writes the files it can; the outputs go to
Tests/AllianceGraphTests/Fixtures/formats/ and are committed, so the tests need no Python.
"""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "..", "Tests", "AllianceGraphTests", "Fixtures", "formats")

STATES = [
    ("FRN", "France", 0.12, True),
    ("RUS", "Russia", 0.10, True),
    ("GMY", "Germany", 0.15, True),
    ("BEL", "Belgium", 0.01, False),
]
TIES = [  # (a, b, kind, strength, symmetric)
    ("FRN", "RUS", "defense", 0.9, True),
    ("FRN", "RUS", "consultation", 1.0, True),
    ("GMY", "BEL", "nonaggression", 0.5, True),
    ("FRN", "BEL", "guarantee", 0.6, False),
]
RIVALRIES = [("FRN", "GMY", 0.9)]


def networkx_files():
    import networkx as nx
    g = nx.MultiGraph(name="Hand-made 1914 sketch", year=1914)
    for code, name, cap, major in STATES:
        g.add_node(code, label=name, capability=cap, major=major)
    for a, b, kind, strength, symmetric in TIES:
        g.add_edge(a, b, kind=kind, strength=strength, symmetric=symmetric, **({"from": a, "to": b}))
    for a, b, intensity in RIVALRIES:
        g.add_edge(a, b, kind="rivalry", intensity=intensity)
    nx.write_graphml(g, os.path.join(OUT, "networkx.graphml"))
    with open(os.path.join(OUT, "networkx.nodelink.json"), "w") as f:
        json.dump(nx.node_link_data(g, edges="edges"), f, indent=1, sort_keys=True)
    with open(os.path.join(OUT, "networkx-links.nodelink.json"), "w") as f:
        json.dump(nx.node_link_data(g, edges="links"), f, indent=1, sort_keys=True)
    # A foreign graph with no AllianceGraph attributes: integer ids, a "name" attribute, a weight.
    h = nx.Graph()
    h.add_node(0, name="AAA")
    h.add_node(1, name="BBB")
    h.add_node(2, name="CCC")
    h.add_edge(0, 1, weight=3.5)
    h.add_edge(1, 2)
    with open(os.path.join(OUT, "networkx-plain.nodelink.json"), "w") as f:
        json.dump(nx.node_link_data(h, edges="edges"), f, indent=1, sort_keys=True)
    print("wrote networkx fixtures with networkx", nx.__version__)


def igraph_files():
    import igraph as ig
    g = ig.Graph(n=len(STATES), directed=False)
    g["name"] = "Hand-made 1914 sketch"
    g["year"] = 1914
    g.vs["name"] = [s[0] for s in STATES]
    g.vs["label"] = [s[1] for s in STATES]
    g.vs["capability"] = [s[2] for s in STATES]
    g.vs["major"] = [s[3] for s in STATES]
    index = {s[0]: k for k, s in enumerate(STATES)}
    edges = [(index[a], index[b]) for a, b, *_ in TIES] + [(index[a], index[b]) for a, b, _ in RIVALRIES]
    g.add_edges(edges)
    g.es["kind"] = [t[2] for t in TIES] + ["rivalry" for _ in RIVALRIES]
    g.es["strength"] = [t[3] for t in TIES] + [float("nan") for _ in RIVALRIES]
    g.es["from"] = [t[0] for t in TIES] + [r[0] for r in RIVALRIES]
    g.es["to"] = [t[1] for t in TIES] + [r[1] for r in RIVALRIES]
    g.es["intensity"] = [float("nan") for _ in TIES] + [r[2] for r in RIVALRIES]
    g.write_graphml(os.path.join(OUT, "igraph.graphml"))
    g.write_gml(os.path.join(OUT, "igraph.gml"), creator="python-igraph fixture")
    print("wrote python-igraph fixtures with igraph", ig.__version__)


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    done = False
    try:
        networkx_files()
        done = True
    except ImportError:
        pass
    try:
        igraph_files()
        done = True
    except ImportError:
        pass
    if not done:
        sys.exit("neither networkx nor python-igraph is importable")
