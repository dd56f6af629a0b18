#!/usr/bin/env bash
# Runs a command (CI: the test suite) with TMPDIR set to a fresh folder and fails when it wrote
# where a test could reach by mistake. This matters because CI and many users run the hostile
# suites as root, where a stray path (an output onto /dev/null, /etc or the repository) would
# succeed. Afterwards:
#   - the repository: `git status` must show nothing new or changed (build folders are ignored);
#   - /etc, /usr/local, /var/tmp, /root and $HOME (outside the compiler and package caches):
#     nothing created or modified since the command started;
#   - /dev: no new regular file (POSIX shared memory in /dev/shm is a process's own);
#   - /tmp outside the fresh folder: no new entry named as the tests and the tool name theirs
#     (alliancectl-*, alliancegraph-*, staging files .NAME.tmp-PID, and the prefixes the tests
#     give their temporary folders: guarded-, peak-, none, bad-, changing-, ... below). /tmp as a whole is shared with the machine (CI logs, the clone itself
#     may live there), so it is checked by name rather than by time.
# Install what the build needs first (`make deps`): a package installed during the run would
# count as a write to /etc.
# Usage: bash scripts/check_test_writes.sh make test
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd -P)
scratch=$(mktemp -d "${TMPDIR:-/tmp}/alliancectl-ci-scratch.XXXXXX")
marker="$scratch.start"
touch "$marker"
status=0
TMPDIR="$scratch" "$@" || status=$?
if [ "$status" != 0 ]; then
    rm -rf "$scratch" "$marker"
    exit "$status"
fi

problems=$(git status --porcelain --untracked-files=all | sed 's/^/repository: /')
home=${HOME:-/root}
places=()
for place in /etc /usr/local /var/tmp /root "$home"; do
    [ -d "$place" ] && places+=("$place")
done
# The places themselves are not listed (a folder's time changes whenever anything comes and goes
# in it), nor the repository if it lies below one of them (git status covers it).
found=$(find "${places[@]}" -xdev -mindepth 1 \
    \( -path "$repo" -o -path "$home/.cache" -o -path "$home/.swiftpm" \
       -o -path "$home/.local/share/swift" -o -path "/etc/ld.so.cache" \) -prune \
    -o -newer "$marker" -print 2>/dev/null | sort -u || true)
found_dev=$(find /dev -xdev -path /dev/shm -prune -o -type f -newer "$marker" -print 2>/dev/null || true)
found_tmp=$(find /tmp -xdev -mindepth 1 \
    \( -path "$scratch" -o -path "$marker" -o -path "$repo" \) -prune \
    -o -newer "$marker" \( -name 'alliancectl-*' -o -name 'alliancegraph-*' -o -name '.*.tmp-*' \
       -o -name 'guarded-*' -o -name 'peak-*' -o -name 'none*' -o -name 'bad-*' -o -name 'changing-*' \
       -o -name 'fileoutput-*' -o -name 'importer-*' -o -name 'kinds-*' -o -name 'ledger-*' \
       -o -name 'outcome-*' -o -name 'malformed-*' -o -name 'rollback-*' -o -name 'streamed-*' -o -name 'synthetic-*' \) \
    -print 2>/dev/null || true)
rm -rf "$scratch" "$marker"
all=$(printf '%s\n%s\n%s\n%s\n' "$problems" "$found" "$found_dev" "$found_tmp" | sed '/^$/d')
if [ -n "$all" ]; then
    echo "check_test_writes: the tests wrote outside their temporary folder:" >&2
    printf '%s\n' "$all" | sed -n '1,50p' >&2
    exit 1
fi
echo "check_test_writes: nothing written outside the temporary folder (repository clean; /etc," \
    "/usr/local, /var/tmp, /root, \$HOME and /dev unchanged; no test file in /tmp)"
