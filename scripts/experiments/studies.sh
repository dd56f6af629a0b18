#!/usr/bin/env bash
# The two worked studies of docs/EXPERIMENTS.md: runs each sweep (Experiments/*.json), exports
# its table and draws its charts with `alliancectl plot` (the HTML report's SVG line chart) into
# docs/experiments/. Deterministic: the same binary version gives the same tables and pictures.
#
# Usage: scripts/experiments/studies.sh [alliancectl] [results folder]
#        (defaults: .build/release/alliancectl, a temporary folder removed at the end)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
ctl=$(realpath "${1:-$root/.build/release/alliancectl}")
if [ -n "${2:-}" ]; then
    results=$2
    mkdir -p "$results"
else
    results=$(mktemp -d /tmp/alliancectl-studies.XXXXXX)
    trap 'rm -rf "$results"' EXIT
fi
pictures="$root/docs/experiments"
mkdir -p "$pictures"

# Study 1: transparency x offence-defence balance on the size of the July 1914 war.
"$ctl" sweep "$root/Experiments/1914-transparency-offense.json" -o "$results/1914" --export csv
"$ctl" plot "$results/1914/runs.csv" --x offenseDefense --y warSize --series transparency \
    --title "July 1914 (AUH attacks YUG, opportunism on): belligerents by offence-defence balance" \
    -o "$pictures/1914-war-size.svg"
"$ctl" plot "$results/1914/runs.csv" --x offenseDefense --y entry.TUR --series transparency \
    --title "July 1914: probability that the Ottoman Empire enters, by offence-defence balance" \
    -o "$pictures/1914-entry-ottoman.svg"

# Study 2: burden-sharing loss on the cohesion of NATO (2024) over fifty rounds.
"$ctl" sweep "$root/Experiments/nato-burden-sharing.json" -o "$results/nato" --export csv
"$ctl" plot "$results/nato/runs.csv" --x burdenSharing.loss --y final.meanCredibility \
    --series burdenSharing.recovery \
    --title "NATO 2024 after 50 rounds: mean credibility of pledges by burden-sharing loss" \
    -o "$pictures/nato-credibility.svg"
"$ctl" plot "$results/nato/runs.csv" --x burdenSharing.loss --y final.defense --series burdenSharing.recovery \
    --title "NATO 2024: defence pacts after 50 rounds, by burden-sharing loss" \
    -o "$pictures/nato-defense-pacts.svg"
echo "studies: tables in $results, charts in $pictures"
