#!/bin/sh
# Renders an HTML report of a bundled network, screenshots it with headless Chromium (Debian's
# `chromium` package) and checks that the screenshot is not blank. CI runs it; so can you:
#
#   sh scripts/report/screenshot_check.sh [alliancectl] [network.json] [out-folder]
#
# Exit 0 when the PNG shows a real page, 1 when it is blank or missing, 0 with a message when
# Chromium is not installed (install it with: apt-get install -y chromium).
set -eu
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
CTL=${1:-$ROOT/.build/debug/alliancectl}
NETWORK=${2:-$ROOT/Networks/europe-1914.json}
OUT=${3:-$(mktemp -d)}
BROWSER=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
if [ -z "$BROWSER" ]; then
    echo "chromium is not installed; skipping the report screenshot check"
    exit 0
fi
mkdir -p "$OUT"
"$CTL" report "$NETWORK" -o "$OUT/report.html" --quiet
# --no-sandbox: CI containers run as root, where Chromium's sandbox can't start.
timeout 120 "$BROWSER" --headless --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=1 \
    --window-size=1200,1900 --screenshot="$OUT/report.png" "file://$OUT/report.html" >/dev/null 2>&1 || true
python3 "$ROOT/scripts/report/png_not_blank.py" "$OUT/report.png"
echo "screenshot: $OUT/report.png"
