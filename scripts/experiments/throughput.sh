#!/usr/bin/env bash
# Throughput of `alliancectl sweep` against single `simulate` runs, per core, on fifty-round
# simulations of the 1914 network (full system metrics, as `simulate` runs by default).
#
# Single: one loop per core, each running `alliancectl simulate europe-1914.json --rounds 50
# --seed S -o DIR -q` R times (a process per run: start, read, simulate, write its four files).
# Sweep: `alliancectl sweep` of the same number of runs (same settings, one run per seed) with
# --workers = cores, into its SQLite store. The two are timed alternately, PASSES times each, so
# that a machine shared with other work loads both alike; the medians are compared.
# Two measures: wall-clock rate (runs/s; what a user waits for, but noisy on a shared machine)
# and CPU time per run (user + system of all processes; what a core spends per run, so
# 1 / CPU time is the per-core rate, insensitive to other work on the machine).
#
# Usage: scripts/experiments/throughput.sh [alliancectl] [runs per core R] [passes]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
ctl=$(realpath "${1:-$root/.build/release/alliancectl}")
per_core=${2:-20}
passes=${3:-5}
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
cat >"$work/single.sh" <<'LOOPS'
ctl=$1 network=$2 cores=$3 per_core=$4 work=$5
for core in $(seq 0 $((cores - 1))); do
    (
        for r in $(seq 0 $((per_core - 1))); do
            "$ctl" simulate "$network" --rounds 50 --seed $((core * per_core + r)) -o "$work/single-$core" -q
        done
    ) &
done
wait
LOOPS

single_rates=() sweep_rates=() single_cpu=() sweep_cpu=()
measure() { # label, command...: appends "wall user system" to $work/$label
    /usr/bin/time -f "%e %U %S" -o "$work/time" "${@:2}"
    read -r wall user system <"$work/time"
    echo "$(echo "$runs / $wall" | bc -l) $(echo "($user + $system) / $runs" | bc -l)"
}
for pass in $(seq "$passes"); do
    read -r rate cpu < <(measure single bash "$work/single.sh" "$ctl" "$network" "$cores" "$per_core" "$work")
    single_rates+=("$rate") single_cpu+=("$cpu")
    rm -rf "$work"/single-*
    read -r rate cpu < <(measure sweep "$ctl" sweep "$work/spec.json" -o "$work/sweep" --workers "$cores" --quiet)
    sweep_rates+=("$rate") sweep_cpu+=("$cpu")
    rm -rf "$work/sweep"
    printf 'pass %d: single %.2f runs/s, %.3f CPU s/run; sweep %.2f runs/s, %.3f CPU s/run\n' "$pass" \
        "${single_rates[-1]}" "${single_cpu[-1]}" "${sweep_rates[-1]}" "${sweep_cpu[-1]}"
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
s_rate=$(median "${single_rates[@]}") w_rate=$(median "${sweep_rates[@]}")
s_cpu=$(median "${single_cpu[@]}") w_cpu=$(median "${sweep_cpu[@]}")
printf 'cores %d, %d runs per pass, %d passes; load average at the end: %s\n' "$cores" "$runs" "$passes" \
    "$(cut -d' ' -f1-3 /proc/loadavg)"
printf 'wall:  single simulate %.2f runs/s, sweep %.2f runs/s: sweep/single = %.2f\n' "$s_rate" "$w_rate" \
    "$(echo "$w_rate / $s_rate" | bc -l)"
printf 'CPU:   single simulate %.3f s/run, sweep %.3f s/run: per-core rate sweep/single = %.2f\n' "$s_cpu" "$w_cpu" \
    "$(echo "$s_cpu / $w_cpu" | bc -l)"
