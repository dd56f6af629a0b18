"""Benchmarks/Compare/60-blocs: signed blocs, ours against igraph spinglass and leidenalg.

usage: blocs_reference.py ALLIANCECTL WORKDIR REPEATS NAME=SCENARIO[@YEAR] ...

For each network (a scenario JSON; a signed edge list "a,b,sign[,begin,end]" is first written as
a scenario by `scenario_from_signed_csv`: +1 -> consultation commitment, -1 -> rivalry), it
- runs ours: `alliancectl metrics FILE --only signed_bloc,signed_modularity --format json`
  (SignedLouvain, 32 restarts + 64 perturbations, seed 0); its time is the command's CPU time
  (user + system) minus that of `--only degree` on the same file (process start, loading),
  medians: below about 2 ms this difference is within the noise of starting a process;
- rebuilds the signed graph from `alliancectl convert FILE OUT.csv --year Y` (the rules of
  SignedGraphView: +1 for defense/offense/guarantee/patronage/consultation ties with a strength
  above 0, -1 for rivalries, a pair with both is -1) and checks that its signed modularity of
  our membership equals the one we report (to 1e-9): the graph is the one we partitioned;
- runs python-igraph's spinglass with implementation="neg" (gamma = gamma_minus = 1, 25 spins,
  per connected component as ours does, best of 5 seeds: SignedBlocPartition.spinglass's
  settings) and leidenalg's signed modularity (optimise_partition_multiplex over the positive
  and the negative layer, layer weights 1 and -1, ModularityVertexPartition, best of 5 seeds);
- evaluates every partition with one signed modularity (Gomez, Jensen & Arenas 2009):
  Q = (2 w+ Q+ - 2 w- Q-) / (2 w+ + 2 w-), unweighted ties.
Times are CPU-time medians of REPEATS runs, the methods interleaved in each repetition (the
references timed with time.process_time in this process). Prints one Markdown table.
"""
import json
import os
import resource
import statistics
import subprocess
import sys
import time

import igraph as ig
import leidenalg as la

POSITIVE = {"defense", "offense", "guarantee", "patronage", "consultation"}


def scenario_from_signed_csv(path, year, out):
    codes, commitments, rivalries = [], [], []
    seen = set()
    with open(path) as f:
        next(f)
        for line in f:
            fields = [x.strip() for x in line.strip().split(",")]
            if len(fields) < 3:
                continue
            if year is not None and len(fields) >= 5 and not (int(fields[3]) <= year < int(fields[4])):
                continue
            a, b, sign = fields[0], fields[1], int(fields[2])
            for c in (a, b):
                if c not in seen:
                    seen.add(c)
                    codes.append(c)
            if sign > 0:
                commitments.append({"kind": "consultation", "between": [a, b]})
            else:
                rivalries.append({"between": [a, b], "intensity": 1.0})
    scenario = {
        "format": "alliancegraph/1", "name": os.path.basename(path), "year": year or 2000,
        "states": [{"code": c, "name": c, "capability": 0.01} for c in codes],
        "commitments": commitments, "rivalries": rivalries,
    }
    with open(out, "w") as f:
        json.dump(scenario, f)


def signed_graph(ctl, scenario, year, work):
    prefix = os.path.join(work, "signed")
    args = [ctl, "convert", scenario, prefix + ".csv", "--quiet"]
    if year is not None:
        args += ["--year", str(year)]
    subprocess.run(args, check=True)
    import csv
    with open(prefix + "-nodes.csv") as f:
        codes = [row["Id"] for row in csv.DictReader(f)]
    index = {c: k for k, c in enumerate(codes)}
    sign = {}
    with open(prefix + "-edges.csv") as f:
        for row in csv.DictReader(f):
            a, b = index[row["Source"]], index[row["Target"]]
            if a == b:
                continue
            key = (min(a, b), max(a, b))
            if row["kind"] == "rivalry":
                sign[key] = -1
            elif row["kind"] in POSITIVE:
                s = float(row["strength"] or 0)
                r = float(row["reverseStrength"] or 0)
                if (s > 0 or r > 0) and sign.get(key) != -1:
                    sign[key] = 1
    return codes, [(a, b, s) for (a, b), s in sorted(sign.items())]


def signed_modularity(n, edges, membership):
    def part(es):
        if not es:
            return 0.0, 0.0
        m = len(es)
        degree = [0] * n
        inside = 0
        for a, b in es:
            degree[a] += 1
            degree[b] += 1
            if membership[a] == membership[b]:
                inside += 1
        total = {}
        for v in range(n):
            total[membership[v]] = total.get(membership[v], 0) + degree[v]
        q = inside / m - sum(t * t for t in total.values()) / (4.0 * m * m)
        return q, float(m)
    pos = [(a, b) for a, b, s in edges if s > 0]
    neg = [(a, b) for a, b, s in edges if s < 0]
    qp, wp = part(pos)
    qn, wn = part(neg)
    if wp + wn == 0:
        return float("nan")
    return (2 * wp * qp - 2 * wn * qn) / (2 * wp + 2 * wn)


def spinglass(n, edges, seeds=5):
    g = ig.Graph(n=n, edges=[(a, b) for a, b, _ in edges])
    g.es["weight"] = [float(s) for _, _, s in edges]
    membership = [0] * n
    label = 0
    for component in g.connected_components():
        if len(component) == 1:
            membership[component[0]] = label
            label += 1
            continue
        sub = g.subgraph(component)
        local_edges = [(e.source, e.target, int(e["weight"])) for e in sub.es]
        best = None
        for seed in range(seeds):
            ig.set_random_number_generator(__import__("random").Random(seed))
            c = sub.community_spinglass(weights="weight", spins=25, implementation="neg", gamma=1.0,
                                        lambda_=1.0)
            q = signed_modularity(len(component), local_edges, c.membership)
            if best is None or q > best[0]:
                best = (q, c.membership)
        for v, m in zip(component, best[1]):
            membership[v] = label + m
        label += max(best[1]) + 1
    return membership


def leiden_signed(n, edges, seeds=5):
    gp = ig.Graph(n=n, edges=[(a, b) for a, b, s in edges if s > 0])
    gn = ig.Graph(n=n, edges=[(a, b) for a, b, s in edges if s < 0])
    best = None
    for seed in range(seeds):
        pp = la.ModularityVertexPartition(gp)
        pn = la.ModularityVertexPartition(gn)
        opt = la.Optimiser()
        opt.set_rng_seed(seed)
        opt.optimise_partition_multiplex([pp, pn], layer_weights=[1, -1])
        q = signed_modularity(n, edges, pp.membership)
        if best is None or q > best[0]:
            best = (q, list(pp.membership))
    return best[1]


def child_cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed_ctl(args):
    """CPU seconds (user + system) of one alliancectl command, and its output."""
    start = child_cpu()
    out = subprocess.run(args, check=True, capture_output=True, text=True).stdout
    return child_cpu() - start, out


def main():
    ctl, work, repeats = sys.argv[1], sys.argv[2], int(sys.argv[3])
    rows = []
    for spec in sys.argv[4:]:
        name, path = spec.split("=", 1)
        year = None
        if "@" in path:
            path, y = path.rsplit("@", 1)
            year = int(y)
        if path.endswith(".csv"):
            scenario = os.path.join(work, name.replace(" ", "_") + ".json")
            scenario_from_signed_csv(path, year, scenario)
            year = None
        else:
            scenario = path
        codes, edges = signed_graph(ctl, scenario, year, work)
        n = len(codes)
        base = [ctl, "metrics", scenario, "--format", "json", "--quiet"] + (["--year", str(year)] if year else [])
        t_ours, t_base, t_spin, t_leiden = [], [], [], []
        ours = spin = lei = None
        for _ in range(repeats):
            t, out = timed_ctl(base + ["--only", "signed_bloc,signed_modularity"])
            t_ours.append(t)
            ours = json.loads(out)
            t, _ = timed_ctl(base + ["--only", "degree"])
            t_base.append(t)
            start = time.process_time()
            spin = spinglass(n, edges)
            t_spin.append(time.process_time() - start)
            start = time.process_time()
            lei = leiden_signed(n, edges)
            t_leiden.append(time.process_time() - start)
        by_code = {s["code"]: s["signed_bloc"] for s in ours["states"]}
        membership = [by_code[c] for c in codes]
        q_ours = signed_modularity(n, edges, membership)
        reported = ours["system"]["signed_modularity"]
        if abs(q_ours - reported) > 1e-9:
            sys.exit(f"{name}: our reported Q {reported} != {q_ours} recomputed: the signed graphs differ")
        ours_s = max(statistics.median(t_ours) - statistics.median(t_base), 1e-6)
        rows.append((name, n, len(edges), sum(1 for e in edges if e[2] < 0), ours_s, q_ours, len(set(membership)),
                     statistics.median(t_spin), signed_modularity(n, edges, spin), len(set(spin)),
                     statistics.median(t_leiden), signed_modularity(n, edges, lei), len(set(lei))))
    print("| network | states | signed ties (negative) | ours: time, Q, blocs | spinglass neg: time, Q, blocs "
          "| leidenalg signed: time, Q, blocs | ratio ours/spinglass | ratio ours/leidenalg |")
    print("|---|---|---|---|---|---|---|---|")
    for r in rows:
        # Below 1 ms the difference of two process CPU times is noise: no time, no ratio.
        ours_time = f"{r[4]*1e3:.1f} ms" if r[4] >= 1e-3 else "< 1 ms"
        ratios = f"{r[4]/r[7]:.3f} | {r[4]/r[10]:.3f}" if r[4] >= 1e-3 else "n/a | n/a"
        print(f"| {r[0]} | {r[1]} | {r[2]} ({r[3]}) | {ours_time}, {r[5]:.4f}, {r[6]} "
              f"| {r[7]*1e3:.1f} ms, {r[8]:.4f}, {r[9]} | {r[10]*1e3:.1f} ms, {r[11]:.4f}, {r[12]} "
              f"| {ratios} |")


if __name__ == "__main__":
    main()
