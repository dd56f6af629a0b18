#!/usr/bin/env bash
# Throughput of `alliancectl sweep` against single `simulate` runs, per core, on fifty-round
# simulations of the 1914 network (full system metrics, as `simulate` runs by default).
#
# Single: one loop per core, each running `alliancectl simulate europe-1914.json --rounds 50
# --seed S -o DIR -q` R times (a process per run: start, read, simulate, write its four files).
# Sweep: `alliancectl sweep` of the same number of runs (same settings, one run per seed) with
# --workers = cores, into its SQLite store. The two are timed alternately, PASSES times each, so
# that a machine shared with other work loads both alike; the median rates are compared.
# Prints runs/s for each and the ratio sweep/single (the target is >= 0.9).
#
# Usage: scripts/experiments/throughput.sh [alliancectl] [runs per core R] [passes]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
ctl=$(realpath "${1:-$root/.build/release/alliancectl}")
per_core=${2:-20}
passes=${3:-3}
cores=$(nproc)
runs=$((cores * per_core))
work=$(mktemp -d /tmp/alliancectl-throughput.XXXXXX)
trap 'rm -rf "$work"' EXIT
network="$root/Networks/europe-1914.json"
cat >"$work/spec.json" <<SPEC
{"format": "alliancegraph-experiment/1", "name": "throughput", "command": "simulate", "scenario": "$network",
 "seed": 1, "replicates": $runs, "settings": {"rounds": 50},
 "outcomes": ["final.balance", "final.commitments", "final.blocs", "final.meanEffort", "roundsRun"]}
SPEC

now() { date +%s.%N; }
single_rates=() sweep_rates=()
for pass in $(seq "$passes"); do
    start=$(now)
    for core in $(seq 0 $((cores - 1))); do
        (
            for r in $(seq 0 $((per_core - 1))); do
                "$ctl" simulate "$network" --rounds 50 --seed $((core * per_core + r)) -o "$work/single-$core" -q
            done
        ) &
    done
    wait
    end=$(now)
    single_rates+=("$(echo "$runs / ($end - $start)" | bc -l)")
    rm -rf "$work"/single-* "$work/sweep"
    start=$(now)
    "$ctl" sweep "$work/spec.json" -o "$work/sweep" --workers "$cores" --quiet
    end=$(now)
    sweep_rates+=("$(echo "$runs / ($end - $start)" | bc -l)")
    rm -rf "$work/sweep"
    printf 'pass %d: single %.2f runs/s, sweep %.2f runs/s\n' "$pass" "${single_rates[-1]}" "${sweep_rates[-1]}"
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
single=$(median "${single_rates[@]}")
sweep=$(median "${sweep_rates[@]}")
printf 'cores %d, %d runs per pass, %d passes; load average at the end: %s\n' "$cores" "$runs" "$passes" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf 'median: single simulate %.2f runs/s (%.3f s per run per core), sweep %.2f runs/s; sweep/single = %.2f\n' \
    "$single" "$(echo "$cores / $single" | bc -l)" "$sweep" "$(echo "$sweep / $single" | bc -l)"
