#!/usr/bin/env python3
"""Reference implementation of AllianceGraph's deterministic crisis cascade (chain-ganging).

A straightforward Python/networkx version of the rules of docs/CRISIS.md (MODEL.md section 4),
written from the documentation, independently of the Swift arrays: the obligations are the
edges of a networkx MultiDiGraph (committed -> partner, with kind, credibility and honour value
kappa * l), the rivalries a networkx Graph, and every step reads a frozen snapshot (dict copies).
It reads the same scenario JSON as `alliancectl` (alliancegraph/1, docs/FORMAT.md).

    python3 scripts/reference/crisis_cascade.py Networks/europe-1914.json --attacker AUH --target YUG
        [--opportunism] [--year Y] [--threshold T] [--max-steps M] [--reliability L]
        [--offense-defense THETA] [--consultation-boost B] [--opportunism-factor F]
        [--opportunism-delay D]

prints the events and war size as JSON, in the shape of `alliancectl crisis ... --format json`
(`events`: step, state, side, role, cause; `warSize`). Deterministic mode only: a pledge is
honoured when its honour value reaches the threshold (1e-12 tolerance); an opportunist perceives
power sums without noise. `check_crisis_reference.py` compares this with `alliancectl`.
"""
import argparse
import json
import math
import sys

import networkx as nx

# Kind order of the engine's obligation arrays (CrisisEngine.Kind): ties among equally strong
# pledges go to the first in (partner, kind) order.
KIND_ORDER = ["defense", "offense", "neutrality", "nonaggression", "consultation", "guarantee", "patronage"]
FIGHTING = {"defense", "offense", "guarantee", "patronage"}
DEFENSIVE = {"defense", "guarantee", "patronage"}
RESTRAINING = {"neutrality", "nonaggression"}
A, B = "A", "B"


def other(side):
    return B if side == A else A


class Scenario:
    """The parts of a scenario file a crisis reads: states (power, capability), the obligations
    and rivalries in force in `year`, the security environment and the war plans."""

    def __init__(self, document, year=None):
        self.name = document["name"]
        self.year = year if year is not None else document.get("year")
        params = document.get("parameters", {})
        self.offense_defense = params.get("offenseDefense", 1.0)
        self.reliability = params.get("reliability", 0.745)
        self.codes = [s["code"] for s in document["states"]]
        self.index = {code: k for k, code in enumerate(self.codes)}
        self.capability = [float(s["capability"]) for s in document["states"]]
        # Power P_i = c_i m_i / m_i(0); at the start of a run m_i = m_i(0), so P_i = c_i * m / m.
        self.power = []
        for s in document["states"]:
            effort = float(s.get("effort", 0.02))
            self.power.append(float(s["capability"]) * effort / effort)

        def in_force(tie):
            if self.year is None:
                return True
            if "since" in tie and self.year < tie["since"]:
                return False
            if "until" in tie and self.year > tie["until"]:
                return False
            return True

        self.obligations = nx.MultiDiGraph()
        self.obligations.add_nodes_from(range(len(self.codes)))
        for c in document.get("commitments", []):
            if not in_force(c):
                continue
            kind = c["kind"]
            kappa = c.get("credibility", 0.7 if kind == "patronage" else 1.0)
            if "between" in c:
                i, j = (self.index[x] for x in c["between"])
                pairs = [(i, j, kappa), (j, i, c.get("reverseCredibility", kappa))]
            else:
                pairs = [(self.index[c["from"]], self.index[c["to"]], kappa)]
            for i, j, k in pairs:
                if k > 0:
                    self.obligations.add_edge(i, j, kind=kind, credibility=k)
        self.rivalries = nx.Graph()
        self.rivalries.add_nodes_from(range(len(self.codes)))
        for r in document.get("rivalries", []):
            if in_force(r):
                self.rivalries.add_edge(*(self.index[x] for x in r["between"]))
        self.plans = [{"actor": self.index[p["actor"]], "trigger": [self.index[x] for x in p["trigger"]],
                       "attack": [self.index[x] for x in p["attack"]]} for p in document.get("warPlans", [])]

    def pledges(self, i):
        """State i's obligations in (partner, kind) order: (partner, kind, credibility)."""
        edges = [(j, d["kind"], d["credibility"]) for _, j, d in self.obligations.out_edges(i, data=True)]
        return sorted(edges, key=lambda e: (e[0], KIND_ORDER.index(e[1])))


def simulate(sc, attacker, target, threshold=0.5, max_steps=50, boost=0.25, opportunism=False,
             opportunism_factor=1.5, opportunism_delay=3, reliability=None, offense_defense=None,
             both_sides="cancel"):
    """Runs the deterministic cascade attacker -> target; returns the record as a dict.

    Neutrality/non-aggression toward j bars the side against j only while j is a victim (an
    opportunist obeys any such pledge); fighting pledges to both sides cancel unless
    both_sides == "strongest"; a pledge entry due at step t is called off when, after the war
    plans of step t, a restraining partner is a victim on the other side or (cancel) the state
    holds fighting pledges to belligerents on both sides."""
    l = sc.reliability if reliability is None else reliability
    theta = sc.offense_defense if offense_defense is None else offense_defense
    delay = 1 if theta >= 1 else max(1, math.ceil(1 / theta))
    n = len(sc.codes)
    side, entered, attacked = {attacker: A, target: B}, {attacker: 0, target: 0}, {target: 0}
    cause = {attacker: {"type": "initiator"}, target: {"type": "initial_attack", "by": attacker}}
    attack_cause = {target: {"type": "initial_attack", "by": attacker}}
    pending = {}   # state -> (side, due step, cause)
    watching = {}  # opportunist -> (side, first step of the run of snapshots)
    plan_due = {}  # plan -> due step; "done" once executed
    last_step, limited, t = 0, False, 1
    while True:
        scheduled = [p for p, due in plan_due.items() if due != "done"]
        if t > max_steps:
            limited = bool(pending or watching or scheduled)
            break
        prev = t - 1
        # The frozen snapshot of step t - 1.
        snap = {j: side[j] for j, step in entered.items() if step <= prev}
        victims = {j for j, step in attacked.items() if step <= prev}
        power = {A: 0.0, B: 0.0}
        for j in range(n):
            if j in snap:
                power[snap[j]] += sc.power[j]
        # 1. Decisions of the states still out and undecided.
        for i in range(n):
            if i in entered or i in pending:
                continue
            vetoed, any_veto, consult, fight = set(), set(), {A: 0.0, B: 0.0}, set()
            pledges = [(j, kind, kappa) for j, kind, kappa in sc.pledges(i) if j in snap]
            for j, kind, kappa in pledges:
                if kind in RESTRAINING:
                    any_veto.add(other(snap[j]))
                    if j in victims:
                        vetoed.add(other(snap[j]))
                elif kind == "consultation":
                    consult[snap[j]] = max(consult[snap[j]], kappa)
                elif kind in FIGHTING:
                    fight.add(snap[j])
            best = {}
            cancelled = both_sides == "cancel" and len(fight) == 2
            for j, kind, kappa in ([] if cancelled else pledges):
                if kind not in FIGHTING or (kind in DEFENSIVE and j not in victims) or snap[j] in vetoed:
                    continue
                s, p = snap[j], kappa * l
                v = p + boost * consult[s] * (1 - p)
                if v >= threshold - 1e-12 and (s not in best or v > best[s][0]):
                    best[s] = (v, {"type": "pledge", "pledge": (i, j, kind, kappa), "honour": v})
            choice = None
            if len(best) == 2:
                if best[A][0] != best[B][0]:
                    choice = A if best[A][0] > best[B][0] else B
            elif best:
                choice = next(iter(best))
            if choice is not None:
                pending[i] = (choice, prev + delay, best[choice][1])
                watching.pop(i, None)
                continue
            if not opportunism:
                continue
            # Opportunism: join the side expected to win, against a rival on the losing side.
            winner, ratio = None, 0.0
            if power[A] > 0 or power[B] > 0:
                ratio = power[A] / power[B] if power[B] > 0 else math.inf
                if ratio >= opportunism_factor:
                    winner = A
                elif ratio * opportunism_factor <= 1:
                    winner = B
            rival = None
            if winner is not None and winner not in any_veto:
                rival = next((j for j in sorted(sc.rivalries[i]) if snap.get(j) == other(winner)), None)
            if rival is None:
                watching.pop(i, None)
                continue
            if watching.get(i, (None,))[0] != winner:
                watching[i] = (winner, prev)
            if prev - watching[i][1] + 1 >= opportunism_delay:
                del watching[i]
                pending[i] = (winner, t, {"type": "opportunism", "against": rival,
                                          "powerRatio": ratio if winner == A else 1 / ratio})
        # 2. War plans whose condition holds in the snapshot are scheduled.
        for p, plan in enumerate(sc.plans):
            if p in plan_due or plan["actor"] not in snap:
                continue
            if any(snap.get(z) == other(snap[plan["actor"]]) for z in plan["trigger"]):
                plan_due[p] = prev + delay
        changed = False
        # 3. War plans due now, in plan order.
        for p, plan in enumerate(sc.plans):
            if plan_due.get(p) != t:
                continue
            plan_due[p] = "done"
            own = side[plan["actor"]]
            plan_cause = {"type": "war_plan", "plan": p, "actor": plan["actor"]}
            for z in plan["attack"]:
                if z in entered:
                    if side[z] == other(own) and z not in attacked:
                        attacked[z], attack_cause[z], changed = t, plan_cause, True
                    continue
                if z in pending and pending[z][0] == own:
                    continue
                pending.pop(z, None)
                watching.pop(z, None)
                side[z], entered[z], attacked[z] = other(own), t, t
                cause[z], attack_cause[z], changed = plan_cause, plan_cause, True
        # 4. Pledge entries due now that the war as it now stands forbids are called off (all
        # judged before any enters).
        called_off = False
        for i in range(n):
            if i not in pending or pending[i][1] != t or pending[i][2]["type"] != "pledge":
                continue
            s_i, fight = pending[i][0], set()
            blocked = False
            for j, kind, _ in sc.pledges(i):
                if j not in entered:
                    continue
                if kind in RESTRAINING and side[j] != s_i and j in attacked:
                    blocked = True
                elif kind in FIGHTING:
                    fight.add(side[j])
            if blocked or (both_sides == "cancel" and len(fight) == 2):
                del pending[i]
                called_off = True
        # 5. Decided entries due now, in state order.
        for i in range(n):
            if i not in pending or pending[i][1] != t:
                continue
            s, _, why = pending.pop(i)
            side[i], entered[i], cause[i], changed = s, t, why, True
            if why["type"] == "opportunism":
                for j in sorted(sc.rivalries[i]):
                    if j in entered and side[j] == other(s) and j not in attacked:
                        attacked[j], attack_cause[j] = t, {"type": "opportunist_attack", "by": i}
        if changed:
            last_step = t
        if not changed and not called_off and not pending and not watching and not [p for p, d in plan_due.items() if d != "done"]:
            break
        t += 1
    return record(sc, side, entered, attacked, cause, attack_cause, last_step, limited)


def record(sc, side, entered, attacked, cause, attack_cause, last_step, limited):
    """The timeline and war size in the shape of `alliancectl crisis --format json`."""
    code = sc.codes

    def cause_json(c):
        out = {"type": c["type"]}
        if c["type"] == "pledge":
            i, j, kind, kappa = c["pledge"]
            out["pledge"] = {"from": code[i], "to": code[j], "kind": kind, "credibility": kappa}
            out["honour"] = c["honour"]
        elif c["type"] == "war_plan":
            out["plan"], out["actor"] = c["plan"], code[c["actor"]]
        elif c["type"] == "opportunism":
            out["against"], out["powerRatio"] = code[c["against"]], c["powerRatio"]
        elif "by" in c:
            out["by"] = code[c["by"]]
        return out

    rank = {"initiator": 0, "victim": 1, "entrant": 2, "attacked": 3}
    events = []
    for i, step in entered.items():
        kind = cause[i]["type"]
        role = "initiator" if kind == "initiator" else "victim" if kind in ("initial_attack", "war_plan") else "entrant"
        events.append((step, rank[role], i, {"step": step, "state": code[i], "side": side[i], "role": role,
                                             "cause": cause_json(cause[i])}))
        if i in attacked and role != "victim":
            events.append((attacked[i], rank["attacked"], i, {"step": attacked[i], "state": code[i], "side": side[i],
                                                              "role": "attacked", "cause": cause_json(attack_cause[i])}))
    events.sort(key=lambda e: e[:3])
    total = sum(sc.capability)
    cap = {s: sum(sc.capability[i] for i in range(len(code)) if side.get(i) == s) for s in (A, B)}
    count = {s: sum(1 for i in side if side[i] == s) for s in (A, B)}
    share = {s: cap[s] / total if total > 0 else math.nan for s in (A, B)}
    return {"events": [e[3] for e in events],
            "warSize": {"states": count[A] + count[B], "statesA": count[A], "statesB": count[B],
                        "capabilityShare": share[A] + share[B], "capabilityShareA": share[A],
                        "capabilityShareB": share[B], "steps": last_step, "stoppedAtStepLimit": limited}}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("file")
    parser.add_argument("--attacker", required=True)
    parser.add_argument("--target", required=True)
    parser.add_argument("--year", type=int)
    parser.add_argument("--threshold", type=float, default=0.5)
    parser.add_argument("--max-steps", type=int, default=50)
    parser.add_argument("--consultation-boost", type=float, default=0.25)
    parser.add_argument("--reliability", type=float)
    parser.add_argument("--offense-defense", type=float)
    parser.add_argument("--opportunism", action="store_true")
    parser.add_argument("--opportunism-factor", type=float, default=1.5)
    parser.add_argument("--opportunism-delay", type=int, default=3)
    args = parser.parse_args(argv)
    with open(args.file, encoding="utf-8") as f:
        sc = Scenario(json.load(f), year=args.year)
    for code in (args.attacker, args.target):
        if code not in sc.index:
            parser.error(f"no state {code!r} in {args.file}")
    result = simulate(sc, sc.index[args.attacker], sc.index[args.target], threshold=args.threshold,
                      max_steps=args.max_steps, boost=args.consultation_boost, opportunism=args.opportunism,
                      opportunism_factor=args.opportunism_factor, opportunism_delay=args.opportunism_delay,
                      reliability=args.reliability, offense_defense=args.offense_defense)
    json.dump(result, sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main()
