#!/usr/bin/env bash
# The browser test: starts dynbox-server (which starts its own dynboxd) on a
# free port with a fresh database, then drives the UI in headless Chromium
# (tests/web/browser.mjs, playwright-core from web/node_modules).
# usage: tests/web/browser.sh DYNBOX_SERVER BUILD_DIR
# Skips with a message, exit 0, only where a part it needs is absent: no
# server in this tree yet, or no Chromium (scripts/install-deps installs it).
set -u
server=${1:-}
build=${2:?usage: browser.sh DYNBOX_SERVER BUILD_DIR}
root=$(cd "$(dirname "$0")/../.." && pwd)
if [ -z "$server" ] || [ ! -x "$server" ]; then
  echo "test-web-browser: SKIPPED: dynbox-server is not built in this tree (server/http.mk absent)"
  exit 0
fi
chromium=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
if [ -z "$chromium" ]; then
  echo "test-web-browser: SKIPPED: no chromium (run scripts/install-deps)"
  exit 0
fi
art="$build/web-artifacts"
tmp=$(mktemp -d)
rm -rf "$art"; mkdir -p "$art"
pid=
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT

"$server" --listen 127.0.0.1:0 --db "$tmp/snippets.db" --static "$root/web/dist" \
  --examples "$root/examples" --rate 0 >"$tmp/server.out" 2>"$tmp/server.err" &
pid=$!
url=
for _ in $(seq 1 100); do
  url=$(grep -o 'http://[0-9.]*:[0-9]*/' "$tmp/server.out" 2>/dev/null | head -1)
  [ -n "$url" ] && break
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.1
done
if [ -z "$url" ]; then
  echo "test-web-browser: dynbox-server did not start"; cat "$tmp/server.out" "$tmp/server.err"; exit 1
fi
# wait until the API answers (the daemon starts with it)
for _ in $(seq 1 50); do
  curl -fsS "${url}api/v1/version" >/dev/null 2>&1 && break
  sleep 0.1
done
CHROMIUM="$chromium" ARTIFACTS="$art" node "$root/tests/web/browser.mjs" "$url"
rc=$?
if [ $rc -ne 0 ]; then echo "--- server stderr"; tail -30 "$tmp/server.err"; fi
echo "test-web-browser: screenshots in $art"
exit $rc
