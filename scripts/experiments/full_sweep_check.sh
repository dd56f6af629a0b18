#!/usr/bin/env bash
# The issue's full-size checks, too long for the unit tests in a debug build: a sweep of 10,000
# crisis runs and one of 1,000 fifty-round simulations of the 1914 network, each run in one
# process and as 4 shards merged; the exported tables (and experiment.json) must be
# byte-identical. Prints the times. Exit 0 when all match.
#
# Usage: scripts/experiments/full_sweep_check.sh [alliancectl]   (default .build/release/alliancectl)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
ctl=$(realpath "${1:-$root/.build/release/alliancectl}")
work=$(mktemp -d /tmp/alliancectl-full-sweep.XXXXXX)
trap 'rm -rf "$work"' EXIT
network="$root/Networks/europe-1914.json"

cat >"$work/crisis.json" <<SPEC
{"format": "alliancegraph-experiment/1", "name": "crisis-10000", "command": "crisis", "scenario": "$network",
 "seed": 14, "replicates": 500, "settings": {"attacker": "AUH", "target": "YUG"},
 "parameters": {"transparency": [0, 0.5, 1, 0.25, 0.75], "offenseDefense": [0.5, 1, 1.5, 2]},
 "outcomes": ["warSize", "statesA", "statesB", "capabilityShare", "steps", "entry.*"]}
SPEC
cat >"$work/simulate.json" <<SPEC
{"format": "alliancegraph-experiment/1", "name": "simulate-1000", "command": "simulate", "scenario": "$network",
 "seed": 14, "replicates": 500, "settings": {"rounds": 50},
 "parameters": {"offenseDefense": [0.8, 1.6]},
 "outcomes": ["final.balance", "final.commitments", "final.blocs", "final.modularity", "final.meanEffort",
              "final.meanCredibility", "roundsRun", "equilibrium", "rounds.meanEffort", "rounds.balance"]}
SPEC

now() { date +%s.%N; }
for name in crisis simulate; do
    start=$(now)
    "$ctl" sweep "$work/$name.json" -o "$work/$name-single" --export csv --quiet
    single=$(now)
    for k in 0 1 2 3; do "$ctl" sweep "$work/$name.json" -o "$work/$name-shards" --shard "$k/4" --quiet; done
    "$ctl" merge "$work/$name-shards" -o "$work/$name-merged" --export csv --quiet
    sharded=$(now)
    for table in runs.csv rounds.csv experiment.json; do
        [ -f "$work/$name-single/$table" ] || continue
        cmp "$work/$name-single/$table" "$work/$name-merged/$table"
    done
    runs=$(($(wc -l <"$work/$name-single/runs.csv") - 1))
    printf '%s: %d runs, one process %.1f s, 4 shards + merge %.1f s: identical (%s)\n' "$name" "$runs" \
        "$(echo "$single - $start" | bc)" "$(echo "$sharded - $single" | bc)" \
        "$(cd "$work/$name-single" && ls ./*.csv experiment.json | xargs -n1 basename | tr '\n' ' ')"
done
