#!/usr/bin/env bash
# Differential check of the type checker against rustc: every program in
# tests/types that rustc accepts dynbox must accept, and for every program
# rustc rejects dynbox must report the same set of error codes. A file whose
# first line is `// differential: skip (why)` uses dynbox-only features.
# Usage: tests/types/differential.sh path/to/dynboxc [files...]
set -u
DYNBOXC=${1:?usage: differential.sh path/to/dynboxc [files...]}
shift
if ! command -v rustc >/dev/null 2>&1; then
  echo "differential: skipped (rustc is not installed on this machine)"
  exit 0
fi
files=("$@")
[ ${#files[@]} -eq 0 ] && files=(tests/types/*.rs)
tmp=$(mktemp -d)
trait_codes() { grep -E '^error' | grep -v 'aborting due to' | grep -oE '^error\[[A-Z]+[0-9]+\]|^error:' |
  sed 's/error\[\([A-Z]*[0-9]*\)\]/\1/; s/error:/-/' | sort -u | tr '\n' ' '; }
pass=0 fail=0 skip=0
for f in "${files[@]}"; do
  if head -1 "$f" | grep -q '^// differential: skip'; then skip=$((skip + 1)); continue; fi
  want=$(rustc --edition 2024 --crate-type bin --emit=metadata -o "$tmp/out.rmeta" "$f" 2>&1 | trait_codes)
  got=$("$DYNBOXC" check "$f" 2>&1 | trait_codes)
  if [ "$want" == "$got" ]; then
    pass=$((pass + 1))
  else
    fail=$((fail + 1))
    echo "DIFF $f: rustc [${want}] dynbox [${got}]"
  fi
done
rm -rf "$tmp"
echo "differential: $pass agree, $fail differ, $skip skipped (dynbox-only)"
[ "$fail" -eq 0 ]
