#!/usr/bin/env bash
# Browser smoke test (not part of `npm test`): builds dist/, serves the repository on localhost
# and loads spec/browser/index.html in headless Chromium (Debian's `chromium` package:
# apt-get install -y chromium). The page imports the main entry from dist/, runs gemm on the
# auto-selected backend and compares it with the ts backend, and computes a few exact values;
# it prints OK when all ran. Timings are not meaningful here (--virtual-time-budget).
set -euo pipefail
cd "$(dirname "$0")/../.."
npm run build > /dev/null
port=${PORT:-8765}
python3 -m http.server "$port" --bind 127.0.0.1 > /dev/null 2>&1 &
server=$!
trap 'kill $server' EXIT
sleep 1
out=$(timeout 60 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$(mktemp -d)" --virtual-time-budget=20000 \
  --dump-dom "http://127.0.0.1:$port/spec/browser/index.html" 2>/dev/null)
echo "$out" | sed -n '/<pre id="out">/,/<\/pre>/p' | sed 's/<[^>]*>//g'
echo "$out" | grep -q '^OK</pre>' || { echo "browser smoke test FAILED"; exit 1; }
echo "browser smoke test passed"
