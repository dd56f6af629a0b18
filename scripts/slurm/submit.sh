#!/usr/bin/env bash
# Submits an alliancectl sweep to Slurm: a job array of N shards, then the merge job, which
# starts only when every shard succeeded (afterok). Prints the two job ids.
#
#   scripts/slurm/submit.sh N SPEC OUTDIR [extra sbatch options for both jobs...]
#
# e.g. scripts/slurm/submit.sh 64 Experiments/1914-transparency-offense.json results/1914 \
#          --partition=short --time=01:00:00
# The merged tables land in OUTDIR/merged/. Set ALLIANCECTL to the binary's path when it is not
# on the compute nodes' PATH (it is passed to the jobs with --export=ALL).
set -euo pipefail
if [ $# -lt 3 ]; then
    echo "usage: $0 N SPEC OUTDIR [sbatch options...]" >&2
    exit 64
fi
shards=$1 spec=$2 out=$3
shift 3
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$out"
array=$(sbatch --parsable --export=ALL --array=0-$((shards - 1)) --chdir="$out" "$@" \
    "$here/sweep-array.sbatch" "$(realpath "$spec")" "$(realpath "$out")")
array=${array%%;*}
merge=$(sbatch --parsable --export=ALL --dependency=afterok:"$array" --chdir="$out" "$@" \
    "$here/merge.sbatch" "$(realpath "$out")")
merge=${merge%%;*}
echo "$array $merge"
