#!/usr/bin/env bash
# Byte-identity of `simulate` and `report --simulate` between two builds of alliancectl: every
# file of the run's folder compared with `diff -r` (run.json without its "timing" member), and
# the exit status and standard error of each run. Prints one line per case and exits 1 on a
# difference.
#
# usage: scripts/compare_simulate_outputs.sh OLD_ALLIANCECTL NEW_ALLIANCECTL   (from the repository root)
set -u
OLD=$1 NEW=$2 W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
fail=0; n=0
check() { # args...
  rm -rf "${W:?}"/*
  $OLD simulate "$@" -o $W/old -q 2>$W/olderr; a=$?
  $NEW simulate "$@" -o $W/new -q 2>$W/newerr; b=$?
  for d in old new; do [ -f $W/$d/run.json ] && python3 -c "import json,sys;p=sys.argv[1];j=json.load(open(p));j.pop('timing',None);open(p+'.nt','w').write(json.dumps(j,sort_keys=True))" $W/$d/run.json && rm $W/$d/run.json; done
  n=$((n+1))
  if [ $a -ne $b ] || ! diff -r $W/old $W/new >/dev/null || ! cmp -s $W/olderr $W/newerr; then echo "DIFF ($a/$b): $*"; fail=1; else echo "same ($a, $(ls $W/new | tr '\n' ' ')): $*"; fi
}
for net in europe-1914 nato-2024 cold-war-1962 europe-1936; do
  check Networks/$net.json --rounds 50 --seed 1
done
N=Networks/nato-2024.json
check $N --rounds 50 --seed 1 --system-metrics light
check $N --rounds 50 --seed 1 --charts
check $N --rounds 50 --seed 2 --rules arming,balancing,bandwagoning,burden-sharing,chain-gang,triads,initiation --charts
check Networks/europe-1914.json --rounds 40 --seed 3 --rules arming,initiation --system-metrics light
check $N --rounds 50 --seed 1 --profile calibrated
check $N --rounds 50 --seed 1 --set offenseDefense=1.5 --rules arming,triads
check Networks/europe-1914.json --rounds 300 --seed 4
check Networks/europe-1914.json --rounds 300 --seed 4 --no-equilibrium-stop --system-metrics light
check Networks/europe-1914.json --rounds 0 --seed 4 --charts
check Networks/cold-war-1962.json --rounds 30 --seed 9 --year 1960 --charts
# equilibrium stopping (10 and 23 rounds of 400)
check Networks/europe-1914.json --rounds 400 --seed 1 --rules balancing --charts
check Networks/europe-1936.json --rounds 400 --seed 1 --rules balancing
# report --simulate (HTML)
rm -rf "${W:?}"/*
$OLD report Networks/europe-1914.json --simulate --rounds 40 --seed 2 -o $W/old.html -q
$NEW report Networks/europe-1914.json --simulate --rounds 40 --seed 2 -o $W/new.html -q
if cmp $W/old.html $W/new.html; then echo "same: report --simulate"; else echo "DIFF: report --simulate"; fail=1; fi
echo "checks: $n simulate + 1 report; failures: $fail"
exit $fail
