"""The NumPy/SciPy round of Benchmarks/Compare/50-round, written for the comparison.

usage: round_numpy.py SCENARIO ROUNDS [ROUNDS_CSV]

Reads a scenario JSON (alliancegraph/1 as `simulate` writes final.json: every tie in force;
contiguity by COW type or explicit proximity; rivalries; the model's default environment, as the
files used here carry no "parameters") and plays ROUNDS rounds of what this script covers of
docs/DYNAMICS.md's round, timing each with time.process_time (CPU), single-threaded BLAS:
  1. the noisy perception with every state a source (N <= 256): hostility with N(0, sigma^2)
     noise (numpy's generator, so not our stream), D, one LU factorisation of (I - alpha W)
     (scipy.linalg.lu_factor) and T = (I - alpha W)^-1 D (lu_solve), total and main threat,
     support A and security ratio;
  2. the arming rule (Richardson, MODEL.md 1.3: eta 1, k 0.1, a 0.2, g 0.05, clamp to
     [0.005, 0.25], no reaction without support); the tie rules (balancing, bandwagoning,
     burden-sharing, chain-ganging, triads) are NOT played: the ties stay as loaded;
  3. the record: the noise-free perception of the new efforts, factorised again (as ours does
     after the ties may have changed) and solved;
  4. the light system metrics: structural balance (signed triangles from dense matrix
     products), capability concentration, mean effort, mean credibility.
With ROUNDS_CSV (a `simulate` rounds.csv whose last round recorded this very network, e.g. the
run that wrote SCENARIO as final.json), it first checks that its noise-free total threat of the
loaded network equals that round's `threat` column and prints the largest absolute difference.
Prints "per_round_seconds MEDIAN" and "max_abs_threat_difference X".
"""
import json
import statistics
import sys
import time

import numpy as np
import scipy.linalg as la

ALIGNING = {"defense", "offense", "guarantee", "patronage", "consultation"}
FIGHTING = {"defense", "offense", "guarantee", "patronage"}
COW_PROXIMITY = {1: 1.0, 2: 0.8, 3: 0.6, 4: 0.4, 5: 0.2}
ENV = dict(theta=1.0, delta=0.5, sigma=0.3 * (1 - 0.5), alpha=0.5, reliability=0.745,
           k=0.1, a=0.2, g=0.05, eta=1.0, m_min=0.005, m_max=0.25)


def load(path):
    doc = json.load(open(path))
    states = doc["states"]
    n = len(states)
    index = {s["code"]: i for i, s in enumerate(states)}
    cap = np.array([s["capability"] for s in states])
    base_effort = np.array([s.get("baselineEffort", s.get("effort", 0.02)) for s in states])
    effort = np.array([s.get("effort", 0.02) for s in states])
    major = np.array([bool(s.get("major", False)) for s in states])
    intent = np.array([s.get("intent", 0.0) for s in states])
    hawk = np.array([s.get("hawkishness", 0.5) for s in states])
    partners = np.zeros((n, n), dtype=bool)
    w = np.zeros((n, n))        # i -> l aligning pledge credibility (max per partner)
    pledge = np.zeros((n, n))   # row = protected state i, column = l pledging to fight for i
    positive = np.zeros((n, n), dtype=bool)
    credibilities = []
    for c in doc["commitments"]:
        if "between" in c:
            a, b = (index[x] for x in c["between"])
            forward = c.get("credibility", 1.0)
            backward = c.get("reverseCredibility", forward)
            obligations = [(a, b, forward), (b, a, backward)]
        else:
            a, b = index[c["from"]], index[c["to"]]
            obligations = [(a, b, c.get("credibility", 1.0))]
        if any(x > 0 for _, _, x in obligations):
            partners[a, b] = partners[b, a] = True
            if c["kind"] in ALIGNING:
                positive[a, b] = positive[b, a] = True
        for committed, partner, x in obligations:
            credibilities.append(x)
            if x <= 0:
                continue
            if c["kind"] in ALIGNING:
                w[committed, partner] = max(w[committed, partner], x)
            if c["kind"] in FIGHTING:
                pledge[partner, committed] = max(pledge[partner, committed], x)
    rho = np.zeros((n, n))
    for r in doc.get("rivalries", []):
        a, b = (index[x] for x in r["between"])
        rho[a, b] = rho[b, a] = max(rho[a, b], r.get("intensity", 1.0))
    default = np.where(major, 0.5, 0.1)
    proximity = np.tile(default, (n, 1))
    for entry in doc.get("contiguity", []):
        a, b = (index[x] for x in entry["between"])
        p = entry["proximity"] if "proximity" in entry else COW_PROXIMITY[entry["type"]]
        proximity[a, b] = max(p, 0.5) if major[b] else p
        proximity[b, a] = max(p, 0.5) if major[a] else p
    np.fill_diagonal(proximity, 0)
    rows = w.sum(axis=1, keepdims=True)
    w = np.divide(w, rows, out=np.zeros_like(w), where=rows > 0)
    signed = np.where(positive, 1.0, 0.0)
    signed[rho > 0] = -1.0
    return dict(n=n, cap=cap, base_effort=base_effort, effort=effort, intent=intent, hawk=hawk,
                partners=partners, w=w, pledge=pledge, rho=rho, proximity=proximity, signed=signed,
                credibilities=np.array(credibilities))


def perceive(net, effort, rng):
    n = net["n"]
    power = net["cap"] * effort / net["base_effort"]
    q = np.clip((effort - net["base_effort"]) / net["base_effort"], 0, 1)
    base = ENV["delta"] * net["intent"] + (1 - ENV["delta"]) * q
    eps = rng.normal(0, ENV["sigma"], (n, n)) if rng is not None else 0.0
    hostility = np.clip(net["rho"] + base[None, :] + eps, 0, 1)
    hostility[net["partners"]] = 0
    np.fill_diagonal(hostility, 0)
    d = ENV["theta"] * power[None, :] * net["proximity"] * hostility
    lu = la.lu_factor(np.eye(n) - ENV["alpha"] * net["w"], check_finite=False)
    t = la.lu_solve(lu, d, check_finite=False)
    total = t.sum(axis=1)
    main = np.where(total > 0, t.argmax(axis=1), -1)
    support = power + ENV["reliability"] * (net["pledge"] @ power)
    ratio = support / np.maximum(total, 1e-12)
    return total, main, support, ratio


def arming(net, effort, total, support):
    x = effort / net["base_effort"]
    reacting = support > 0
    drive = np.where(reacting, ENV["k"] * total / np.where(reacting, support, 1), 0)
    dm = net["base_effort"] * ENV["eta"] * (drive - ENV["a"] * (x - 1) + ENV["g"] * (2 * net["hawk"] - 1))
    return np.clip(effort + dm, ENV["m_min"], ENV["m_max"])


def light_metrics(net, effort):
    s = net["signed"]
    a = np.abs(s)
    all_triangles = np.trace(a @ a @ a) / 6
    signed_sum = np.trace(s @ s @ s) / 6  # balanced - unbalanced
    balance = (all_triangles + signed_sum) / 2 / all_triangles if all_triangles else float("nan")
    power = net["cap"] * effort / net["base_effort"]
    share = power / power.sum()
    n = net["n"]
    concentration = np.sqrt(max(0.0, (np.sum(share ** 2) - 1 / n) / (1 - 1 / n)))
    pledges = net["credibilities"][net["credibilities"] > 0]
    return balance, concentration, effort.mean(), pledges.mean() if len(pledges) else float("nan")


def main():
    path, rounds = sys.argv[1], int(sys.argv[2])
    net = load(path)
    if len(sys.argv) > 3:
        import csv
        rows = list(csv.DictReader(open(sys.argv[3])))
        last = max(int(r["round"]) for r in rows)
        ours = np.array([float(r["threat"]) for r in rows if int(r["round"]) == last])
        total, _, _, _ = perceive(net, net["effort"], None)
        print(f"max_abs_threat_difference {np.max(np.abs(total - ours)):.3e}")
        print(f"max_threat {np.max(np.abs(ours)):.6g}")
    rng = np.random.default_rng(1)
    effort = net["effort"].copy()
    times = []
    for _ in range(rounds):
        start = time.process_time()
        total, main_threat, support, ratio = perceive(net, effort, rng)
        effort = arming(net, effort, total, support)
        perceive(net, effort, None)
        light_metrics(net, effort)
        times.append(time.process_time() - start)
    print(f"per_round_seconds {statistics.median(times):.6e}")


if __name__ == "__main__":
    main()
