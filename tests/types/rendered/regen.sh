#!/usr/bin/env bash
# Regenerates each program's .rustc.stderr from rustc (run from anywhere);
# the unit test `rendered_like_rustc` compares dynbox's human output to them.
set -euo pipefail
cd "$(dirname "$0")"
tmp=$(mktemp -d)
for f in *.rs; do
  rustc --edition 2024 --crate-type bin --emit=metadata -o "$tmp/x.rmeta" "$f" 2> "${f%.rs}.rustc.stderr" || true
done
rm -rf "$tmp"
