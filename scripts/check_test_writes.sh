#!/usr/bin/env bash
# Runs a command (CI: the test suite) with TMPDIR set to a fresh folder and fails when it wrote
# anywhere else that a test could reach by mistake, which matters because CI and many users run
# the hostile suites as root, where a stray path (an output onto /dev/null, /etc or the
# repository) would succeed:
#   - the repository: `git status` must show nothing new or changed (build folders are ignored);
#   - /tmp and /var/tmp outside the fresh folder, /etc, /usr/local, /root and $HOME (outside the
#     compiler and package caches), /dev (new regular files; POSIX shared memory in /dev/shm is
#     a process's own): nothing created or modified since the command started.
# Usage: bash scripts/check_test_writes.sh make test
set -euo pipefail
cd "$(dirname "$0")/.."
scratch=$(mktemp -d "${TMPDIR:-/tmp}/alliancectl-tests.XXXXXX")
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
for place in /tmp /var/tmp /etc /usr/local /root "$home"; do
    [ -d "$place" ] && places+=("$place")
done
# The places themselves are not listed (a folder's time changes whenever anything, anyone's,
# comes and goes in it); SwiftPM's own scratch folders (/tmp/TemporaryDirectory.*) belong to the
# build tool, not to a test.
found=$(find "${places[@]}" -xdev -mindepth 1 \
    \( -path "$scratch" -o -path "$marker" -o -path "$home/.cache" -o -path "$home/.swiftpm" \
       -o -path "$home/.local/share/swift" -o -path "/etc/ld.so.cache" -o -path "/tmp/TemporaryDirectory.*" \) -prune \
    -o -newer "$marker" -print 2>/dev/null | sort -u || true)
found_dev=$(find /dev -xdev -path /dev/shm -prune -o -type f -newer "$marker" -print 2>/dev/null || true)
rm -rf "$scratch" "$marker"
all=$(printf '%s\n%s\n%s\n' "$problems" "$found" "$found_dev" | sed '/^$/d')
if [ -n "$all" ]; then
    echo "check_test_writes: the tests wrote outside their temporary folder:" >&2
    printf '%s\n' "$all" | sed -n '1,50p' >&2
    exit 1
fi
echo "check_test_writes: nothing written outside the temporary folder (repository clean; /tmp, /var/tmp, /etc, /usr/local, /root, \$HOME and /dev unchanged)"
