#!/usr/bin/env python3
"""Compare `alliancectl crisis ... --format json` with the Python/networkx reference cascade.

    python3 scripts/reference/check_crisis_reference.py [--alliancectl PATH] [--all-pairs]

For every bundled network (Networks/*.json) and several attacker/target pairs (every ordered
pair with --all-pairs), with and without opportunism, both implementations run the
deterministic cascade; the script checks that they give the same events (step, state, side,
role, cause and the pledge, plan or rival behind it), the same honour values and the same war
size. It exits 0 when all agree, 1 on a mismatch, and 0 with "skipped" when networkx is not
installed (CI runs it only where it can). The binary defaults to .build/release/alliancectl,
then .build/debug/alliancectl.
"""
import argparse
import json
import math
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent

try:
    import networkx  # noqa: F401
except ImportError:
    print("check_crisis_reference: skipped (networkx is not installed)")
    sys.exit(0)

sys.path.insert(0, str(HERE))
import crisis_cascade  # noqa: E402

# Pairs that matter historically, then a deterministic spread of others (see `pairs`).
NAMED_PAIRS = {
    "europe-1914.json": [("AUH", "YUG"), ("GMY", "FRN"), ("GMY", "RUS"), ("RUS", "AUH"), ("FRN", "GMY"), ("ITA", "AUH")],
    "europe-1936.json": [("GMY", "POL"), ("GMY", "CZE"), ("ITA", "FRN"), ("RUS", "FIN"), ("HUN", "ROM")],
    "cold-war-1962.json": [("USA", "CUB"), ("RUS", "GFR"), ("RUS", "TUR"), ("GDR", "GFR"), ("CUB", "USA")],
    "nato-2024.json": [("RUS", "EST"), ("RUS", "UKR"), ("RUS", "POL"), ("CHN", "USA"), ("BLR", "LIT")],
}


def find_binary(explicit):
    candidates = [Path(explicit)] if explicit else [REPO / ".build/release/alliancectl", REPO / ".build/debug/alliancectl"]
    for c in candidates:
        if c.is_file():
            return c
    sys.exit("check_crisis_reference: no alliancectl binary (build with `swift build -c release` or pass --alliancectl)")


def pairs(name, document, all_pairs):
    codes = [s["code"] for s in document["states"]]
    if all_pairs:
        return [(a, b) for a in codes for b in codes if a != b]
    chosen = list(NAMED_PAIRS.get(name, []))
    # Both directions of every rivalry, and each state against its successor in file order.
    for r in document.get("rivalries", []):
        chosen += [tuple(r["between"]), tuple(reversed(r["between"]))]
    chosen += [(codes[k], codes[(k + 1) % len(codes)]) for k in range(len(codes))]
    seen, result = set(), []
    for p in chosen:
        if p not in seen and p[0] != p[1]:
            seen.add(p)
            result.append(p)
    return result


def normalise(record):
    """Events and war size without the human-readable `text` fields."""
    events = []
    for e in record["events"]:
        cause = {k: v for k, v in e["cause"].items() if k != "text"}
        events.append({**{k: v for k, v in e.items() if k != "cause"}, "cause": cause})
    return events, record["warSize"]


def same(x, y):
    """Equality with a 1e-12 tolerance for numbers (ints and bools exact)."""
    if isinstance(x, dict) and isinstance(y, dict):
        return x.keys() == y.keys() and all(same(x[k], y[k]) for k in x)
    if isinstance(x, list) and isinstance(y, list):
        return len(x) == len(y) and all(same(a, b) for a, b in zip(x, y))
    if isinstance(x, bool) or isinstance(y, bool):
        return x is y
    if isinstance(x, (int, float)) and isinstance(y, (int, float)):
        if isinstance(x, float) and isinstance(y, float) and math.isnan(x) and math.isnan(y):
            return True
        return abs(x - y) <= 1e-12 * max(1.0, abs(x), abs(y))
    return x == y


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--alliancectl", help="path of the alliancectl binary")
    parser.add_argument("--all-pairs", action="store_true", help="every ordered attacker/target pair")
    parser.add_argument("--networks", nargs="*", help="scenario files (default: Networks/*.json)")
    args = parser.parse_args()
    binary = find_binary(args.alliancectl)
    files = [Path(f) for f in args.networks] if args.networks else sorted((REPO / "Networks").glob("*.json"))
    checked, failures = 0, []
    for path in files:
        document = json.loads(path.read_text(encoding="utf-8"))
        scenario = crisis_cascade.Scenario(document)
        for attacker, target in pairs(path.name, document, args.all_pairs):
            for opportunism in (False, True):
                command = [str(binary), "crisis", str(path), "--attacker", attacker, "--target", target, "--format", "json"]
                if opportunism:
                    command.append("--opportunism")
                ours = json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)
                reference = crisis_cascade.simulate(scenario, scenario.index[attacker], scenario.index[target],
                                                    opportunism=opportunism)
                checked += 1
                if not same(normalise(ours), normalise(reference)):
                    failures.append((path.name, attacker, target, opportunism, normalise(ours), normalise(reference)))
    for name, attacker, target, opportunism, ours, reference in failures[:5]:
        print(f"MISMATCH {name} {attacker} -> {target} opportunism={opportunism}")
        print("  alliancectl:", json.dumps(ours))
        print("  reference:  ", json.dumps(reference))
    print(f"check_crisis_reference: {checked - len(failures)}/{checked} crises agree "
          f"({len(files)} networks, with and without opportunism)")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
