#!/usr/bin/env bash
# A real one-node Slurm cluster on localhost, to test scripts/slurm/ end to end:
#
#   1. installs Debian's slurm-wlm and munge with apt when missing;
#   2. starts munged (its own key and socket), slurmctld and slurmd (a minimal slurm.conf for
#      this host, on ports 16817/16818, state in a temporary folder);
#   3. submits scripts/slurm/ci-sweep.json as a 4-task job array plus the dependent merge job
#      (scripts/slurm/submit.sh), waits for both;
#   4. runs the same sweep in one process and compares the exported tables byte for byte.
# The daemons it started are stopped by their pids on exit (trap), whatever happened.
#
# Usage: scripts/slurm/ci_check.sh [path to alliancectl]   (default .build/debug/alliancectl)
# Needs root or sudo (apt, and the daemons run as the calling user). Exit 0 when identical.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
ctl=$(realpath "${1:-$root/.build/debug/alliancectl}")
[ -x "$ctl" ] || { echo "ci_check: no alliancectl at $ctl (build first)" >&2; exit 1; }
sudo=""
if [ "$(id -u)" != 0 ]; then sudo=sudo; fi

missing=""
for package in slurm-wlm munge; do dpkg -s "$package" >/dev/null 2>&1 || missing="$missing $package"; done
if [ -n "$missing" ]; then
    echo "ci_check: installing$missing with apt-get"
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get install -y -q $missing >/dev/null 2>&1 \
        || { $sudo apt-get update -q >/dev/null && $sudo apt-get install -y -q $missing >/dev/null; }
fi

work=$(mktemp -d /tmp/alliancectl-slurm.XXXXXX)
pids=()
cleanup() {
    status=$?
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do
        for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$pid" 2>/dev/null || true
    done
    if [ "$status" != 0 ]; then
        echo "ci_check: FAILED; logs:" >&2
        tail -n 20 "$work"/*.log "$work"/out/*.out 2>/dev/null >&2 || true
    fi
    rm -rf "$work"
    exit "$status"
}
trap cleanup EXIT

user=$(id -un)
host=$(hostname -s)
mkdir -p "$work/munge" "$work/state" "$work/spool" "$work/out"
chmod 755 "$work/munge"
head -c 1024 /dev/urandom >"$work/munge/munge.key"
chmod 400 "$work/munge/munge.key"
socket="$work/munge/munge.socket"
# --force: munged refuses to run as root, or with a key outside /etc/munge, without it.
munged --force --key-file="$work/munge/munge.key" --socket="$socket" --pid-file="$work/munge/munged.pid" \
    --log-file="$work/munged.log" --seed-file="$work/munge/munge.seed" --foreground >/dev/null 2>&1 &
pids+=($!)
for _ in $(seq 50); do [ -S "$socket" ] && break; sleep 0.1; done
[ -S "$socket" ] || { echo "ci_check: munged did not start" >&2; exit 1; }

cpus=$(nproc)
cat >"$work/slurm.conf" <<CONF
ClusterName=alliancectl-ci
SlurmctldHost=$host(127.0.0.1)
SlurmUser=$user
SlurmdUser=root
SlurmctldPort=16817
SlurmdPort=16818
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$socket
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/slurmctld.log
SlurmdLogFile=$work/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
MpiDefault=none
ReturnToService=2
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
JobCompType=jobcomp/none
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus RealMemory=1000 State=UNKNOWN
PartitionName=ci Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF="$work/slurm.conf"
slurmctld -D -i >/dev/null 2>&1 &
pids+=($!)
slurmd -D >/dev/null 2>&1 &
pids+=($!)
for _ in $(seq 100); do
    if sinfo -h -o %T 2>/dev/null | grep -q idle; then break; fi
    sleep 0.2
done
sinfo -h -o '%P %T %c' | grep -q idle || { echo "ci_check: the Slurm node did not come up" >&2; exit 1; }
echo "ci_check: one-node Slurm cluster up ($host, $cpus CPUs)"

spec="$root/scripts/slurm/ci-sweep.json"
export ALLIANCECTL="$ctl"
read -r array merge < <(bash "$root/scripts/slurm/submit.sh" 4 "$spec" "$work/out")
echo "ci_check: submitted array job $array (4 shards) and merge job $merge"
for _ in $(seq 600); do
    if [ -z "$(squeue -h -j "$array,$merge" 2>/dev/null)" ]; then break; fi
    sleep 0.5
done
[ -z "$(squeue -h -j "$array,$merge" 2>/dev/null)" ] || { echo "ci_check: jobs still queued after 5 min" >&2; exit 1; }
[ -f "$work/out/merged/runs.csv" ] || { echo "ci_check: the merge job wrote no runs.csv" >&2; exit 1; }

"$ctl" sweep "$spec" -o "$work/single" --export csv --quiet
for table in runs.csv rounds.csv experiment.json; do
    cmp "$work/single/$table" "$work/out/merged/$table"
done
echo "ci_check: Slurm 4-shard array + merge == single process, byte for byte" \
    "($(($(wc -l <"$work/single/runs.csv") - 1)) runs; runs.csv, rounds.csv, experiment.json)"
