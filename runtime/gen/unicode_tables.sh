#!/usr/bin/env bash
# Regenerates runtime/unicode_data.c with the local rustc (see unicode_tables.rs).
# Run by hand after a Rust upgrade: cd to the project root, then runtime/gen/unicode_tables.sh
set -euo pipefail
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
RUSTC_VERSION=$(rustc --version | cut -d' ' -f2) rustc --edition 2024 -O \
  runtime/gen/unicode_tables.rs -o "$tmp/gen"
"$tmp/gen" >runtime/unicode_data.c
echo "wrote runtime/unicode_data.c"
