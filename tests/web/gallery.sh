#!/usr/bin/env bash
# The examples gallery (examples/*.rs): every program has a one-line
# `//! description` (after an optional `// dynbox:` line) and checks clean,
# except those whose description starts with `error:`, which must be rejected.
# A program with NAME.out must print exactly that under both ABIs; where the
# lowering reports a construct it cannot compile to C yet, that run is
# counted as skipped and named.
# usage: tests/web/gallery.sh DYNBOXC
set -u
dynboxc=${1:?usage: gallery.sh DYNBOXC}
dir=$(cd "$(dirname "$0")/../.." && pwd)/examples
pass=0 fail=0 skip=0
tmp_err=$(mktemp)
trap 'rm -f "$tmp_err"' EXIT
shopt -s nullglob
files=("$dir"/*.rs)
if [ ${#files[@]} -lt 6 ]; then
  echo "gallery: expected at least 6 programs in examples/, found ${#files[@]}"; exit 1
fi
for f in "${files[@]}"; do
  name=$(basename "$f")
  first=$(sed -n 1p "$f")
  if [[ $first == "// dynbox:"* ]]; then desc=$(sed -n 2p "$f"); else desc=$first; fi
  if [[ $desc != "//! "?* ]]; then
    echo "FAIL $name: no \`//! description\` on its first line (or after the \`// dynbox:\` line)"
    fail=$((fail + 1)); continue
  fi
  out=$("$dynboxc" check --color=never "$f" 2>&1); rc=$?
  if [[ $desc == "//! error:"* ]]; then
    if [ $rc -eq 1 ] && grep -q '^error' <<<"$out"; then pass=$((pass + 1))
    else echo "FAIL $name: marked \`//! error:\` but dynboxc check exited $rc"; fail=$((fail + 1)); fi
  else
    if [ $rc -eq 0 ]; then pass=$((pass + 1))
    else echo "FAIL $name: dynboxc check exited $rc"; echo "$out" | head -20; fail=$((fail + 1)); fi
  fi
  want="${f%.rs}.out"
  [ -f "$want" ] || continue
  for abi in vtable-size callee; do
    got=$("$dynboxc" run --color=never --abi=$abi "$f" 2>"$tmp_err"); rc=$?
    if [ $rc -ne 0 ] && grep -q 'cannot be compiled to C yet' "$tmp_err"; then
      echo "SKIP $name (abi=$abi): $(grep -m1 'cannot be compiled to C yet' "$tmp_err")"
      skip=$((skip + 1))
    elif [ $rc -eq 0 ] && [ "$got" == "$(cat "$want")" ]; then
      pass=$((pass + 1))
    else
      echo "FAIL $name (abi=$abi): exit $rc, output differs from $(basename "$want")"
      diff <(printf '%s\n' "$got") "$want" | head -10; head -5 "$tmp_err"
      fail=$((fail + 1))
    fi
  done
done
echo "gallery: $pass passed, $fail failed, $skip skipped"
[ $fail -eq 0 ]
