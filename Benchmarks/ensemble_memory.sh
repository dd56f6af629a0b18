#!/bin/bash
# Peak memory and wall time of crisis ensembles against their number of runs (issue 19, bounded
# memory): the 1914 network, AUH attacks YUG, R = 10^5 ... 10^8 under `/usr/bin/time -f %M`
# (peak resident set, KiB), then 10^9 under `prlimit --as=3000000000` (a 3 GB address-space
# limit), whose exit code is reported (0, or 1 with a message; never a signal).
#
# Usage: Benchmarks/ensemble_memory.sh [BINARY] [MAX_EXPONENT]
#   BINARY        default .build/release/alliancectl (build it with
#                 `swift build -c release --product alliancectl`)
#   MAX_EXPONENT  default 9; 8 skips the 10^9 run (about a minute per 10^8 runs on 2 cores)
set -u
cd "$(dirname "$0")/.."
binary=${1:-.build/release/alliancectl}
max=${2:-9}
network=Networks/europe-1914.json
args=(crisis "$network" --attacker AUH --target YUG --mode stochastic --seed 1 --format json)
out=$(mktemp)
trap 'rm -f "$out" "$out.time"' EXIT
echo "date: $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "binary: $binary"
printf '%-12s %-24s %12s %10s %6s\n' runs limit "peak RSS KiB" "wall s" exit
for exponent in $(seq 5 "$max"); do
    runs=$((10 ** exponent))
    if [ "$exponent" -ge 9 ]; then
        limit="prlimit --as=3000000000"
        /usr/bin/time -f '%M %e' -o "$out.time" prlimit --as=3000000000 \
            "$binary" "${args[@]}" --runs "$runs" > "$out" 2> "$out.err"
    else
        limit="-"
        /usr/bin/time -f '%M %e' -o "$out.time" "$binary" "${args[@]}" --runs "$runs" > "$out" 2> "$out.err"
    fi
    status=$?
    read -r peak wall < <(tail -n 1 "$out.time")
    printf '%-12s %-24s %12s %10s %6s\n' "$runs" "$limit" "$peak" "$wall" "$status"
    if [ "$status" -ne 0 ]; then sed 's/^/    stderr: /' "$out.err"; fi
    rm -f "$out.err"
done
