#!/usr/bin/env bash
# `make lint`: swift-format's lint with the checked-in .swift-format configuration, then two
# limits swift-format cannot enforce on comments and string literals: no line over 120
# characters, and no function over 100 lines, in Sources/. Exits 1 listing what breaks a rule.
set -euo pipefail
cd "$(dirname "$0")/.."
status=0

if ! swift format lint --strict --recursive Sources Tests; then
    echo "check_style: swift-format lint found the problems above (fix with: swift format format -i -r Sources Tests)"
    status=1
fi

long=$(git ls-files 'Sources/*.swift' | xargs awk 'length > 120 { printf "%s:%d: %d characters\n", FILENAME, FNR, length }')
if [ -n "$long" ]; then
    echo "$long"
    echo "check_style: the lines above are over 120 characters"
    status=1
fi

# A function's length: from its `func`/`init`/`deinit` line to the line where its braces close.
functions=$(git ls-files 'Sources/*.swift' | xargs python3 scripts/function_lengths.py --over 100)
if [ -n "$functions" ]; then
    echo "$functions"
    echo "check_style: the functions above are over 100 lines; split them at their phases"
    status=1
fi

[ "$status" = 0 ] && echo "check_style: swift-format lint clean, no line over 120 characters, no function over 100 lines"
exit $status
