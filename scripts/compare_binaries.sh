#!/usr/bin/env bash
# Compares what two builds of alliancectl write, byte for byte, on every bundled network: the
# check that a refactoring changed no result. Usage:
#   scripts/compare_binaries.sh OLD_ALLIANCECTL NEW_ALLIANCECTL
# Runs info, metrics (table and JSON), the crisis of each network's first war plan or of its two
# largest states, a stochastic ensemble, a 10-round simulation (run.json's timing and version
# fields are dropped), convert to every format, render and report, and prints one line per
# output: "same" or "DIFFERS". Exits 1 when any output differs.
set -uo pipefail
old=$1 new=$2
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0

run_both() {  # name, then the arguments; {OUT} stands for an output path
    local name=$1; shift
    for side in old new; do
        local bin=$old; [ "$side" = new ] && bin=$new
        mkdir -p "$work/$side"
        local args=("${@//\{OUT\}/$work/$side/$name}")
        (cd "$root" && "$bin" "${args[@]}" >"$work/$side/$name.stdout" 2>"$work/$side/$name.stderr")
        echo "exit $?" >>"$work/$side/$name.stdout"
    done
}

for network in "$root"/Networks/*.json; do
    base=$(basename "$network" .json)
    codes=$(python3 -c "import json,sys; s=json.load(open(sys.argv[1])); st=sorted(s['states'], key=lambda x: -x.get('capability',0)); print(st[0]['code'], st[1]['code'])" "$network")
    set -- $codes
    run_both "$base-info" info "$network"
    run_both "$base-metrics" metrics "$network"
    run_both "$base-metrics-json" metrics "$network" --format json
    run_both "$base-crisis" crisis "$network" --attacker "$1" --target "$2" --format json
    run_both "$base-ensemble" crisis "$network" --attacker "$1" --target "$2" --mode stochastic --runs 5000 --seed 3 --format csv
    run_both "$base-simulate" simulate "$network" --rounds 10 --seed 1 -o "{OUT}" --quiet
    for ext in graphml gml nodelink.json csv dot; do
        run_both "$base-convert-$ext" convert "$network" "{OUT}.$ext" --quiet
    done
    run_both "$base-render" render "$network" -o "{OUT}.svg" --seed 3 --quiet
done
run_both "europe-1914-report" report "$root/Networks/europe-1914.json" -o "{OUT}.html" --quiet

# run.json records timings and the version: drop those fields before comparing.
for side in old new; do
    for f in "$work/$side"/*/run.json; do
        [ -f "$f" ] && python3 - "$f" <<'PY'
import json, sys
p = sys.argv[1]
d = json.load(open(p))
for key in ("timing", "seconds", "version", "elapsed", "started", "finished", "wallSeconds"):
    d.pop(key, None)
json.dump(d, open(p, "w"), sort_keys=True)
PY
    done
done

(cd "$work/old" && find . -type f | sort) >"$work/files"
while read -r f; do
    if [ ! -f "$work/new/$f" ]; then echo "MISSING in new: $f"; status=1; continue; fi
    if cmp -s "$work/old/$f" "$work/new/$f"; then echo "same     $f"; else echo "DIFFERS  $f"; status=1; fi
done <"$work/files"
count=$(wc -l <"$work/files")
[ "$status" = 0 ] && echo "compare_binaries: all $count outputs identical" || echo "compare_binaries: some of $count outputs differ"
exit $status
