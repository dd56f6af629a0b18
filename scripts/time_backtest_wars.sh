#!/bin/sh
# Times `alliancectl backtest wars` over every COW inter-state war with 10,000-run ensembles on
# one core (release build, one worker pinned with taskset when available). Needs ../shared/data
# (ATOP 5.1 dyad-years, COW NMC, states, contiguity, inter-state wars). Usage, from the root:
#   swift build -c release && scripts/time_backtest_wars.sh [runs]
set -eu
D=${DATA:-../shared/data}
RUNS=${1:-10000}
BIN=.build/release/alliancectl
PIN=""
if command -v taskset >/dev/null 2>&1; then PIN="taskset -c 0"; fi
OUT=$(mktemp)
TIMES=$(mktemp)
START=$(date +%s.%N)
# CPU time (user + system) is what one core spends; wall time also counts waiting for the CPU
# on a loaded machine.
( times >/dev/null; $PIN "$BIN" backtest wars "$D/cow_war_inter_dyadyear.csv" --atop "$D/atop5_1dy.csv" \
    --nmc "$D/NMC-60-abridged.csv" --states "$D/states2016.csv" --contiguity "$D/contdir.csv" \
    --runs "$RUNS" --workers 1 --quiet -o "$OUT"; times >"$TIMES" )
END=$(date +%s.%N)
head -1 "$OUT"
rm -f "$OUT"
echo "wall time: $(echo "$END - $START" | bc) s (runs $RUNS, one worker$( [ -n "$PIN" ] && echo ', pinned to CPU 0'))"
echo "CPU time of the command (user, system): $(tail -1 "$TIMES")"
rm -f "$TIMES"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime)"
