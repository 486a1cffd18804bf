#!/usr/bin/env bash
# Differential test of rules=stable against rustc: for every trait in
# tests/dyn/corpus, rustc and dynboxc must agree on the errors (E0038, E0191,
# E0393) and, for E0038, on the set of reasons. Skipped when rustc or jq is
# absent. Usage: tests/dyn/differential.sh path/to/dynboxc [-v]
set -u
DYNBOXC=${1:?usage: differential.sh path/to/dynboxc [-v]}
verbose=${2:-}
here=$(cd "$(dirname "$0")" && pwd)
pass=0 fail=0

# `dynboxc explain` end to end (needs only jq): the report parses and says
# what DESIGN.md section 4 promises for the errors_stable_rules example.
if command -v jq >/dev/null 2>&1; then
  f="$here/corpus/061_shape_example.rs"
  if "$DYNBOXC" explain --json "$f" 2>/dev/null |
     jq -e '.traits[0] | .name == "Shape" and .stable.dyn_compatible == false
            and .method_scope.dyn_compatible == true
            and ([.methods[] | "\(.name):\(.class)"] == ["area:vtable", "unit:excluded", "tag:excluded", "render:boxed"])
            and .vtable.size == 64' >/dev/null; then
    pass=$((pass + 1))
  else
    fail=$((fail + 1)); echo "FAIL explain --json $f"
  fi
  if "$DYNBOXC" explain "$f" 2>/dev/null | grep -q "render  boxed     method \`render\` is \`async\`"; then
    pass=$((pass + 1))
  else
    fail=$((fail + 1)); echo "FAIL explain $f"
  fi
fi

if ! command -v rustc >/dev/null 2>&1 || ! command -v jq >/dev/null 2>&1; then
  echo "differential: skipped (needs rustc and jq)"
  echo "differential: $pass passed, $fail failed"
  [ "$fail" -eq 0 ]
  exit
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for f in "$here"/corpus/*.rs; do
  name=$(basename "$f")
  rustc --edition 2024 --error-format=json --crate-type lib --out-dir "$tmp" "$f" 2>"$tmp/rustc.json" >/dev/null
  "$DYNBOXC" check --rules=stable --error-format=json "$f" 2>"$tmp/dynbox.json" >/dev/null
  jq -r -f "$here/summarize.jq" "$tmp/rustc.json" | sort >"$tmp/want"
  jq -r -f "$here/summarize.jq" "$tmp/dynbox.json" | sort >"$tmp/got"
  if cmp -s "$tmp/want" "$tmp/got"; then
    pass=$((pass + 1))
    [ -n "$verbose" ] && echo "ok   $name: $(tr '\n' ' ' <"$tmp/want")"
  else
    fail=$((fail + 1))
    echo "FAIL $name"
    diff "$tmp/want" "$tmp/got" | sed 's/^</  rustc: /; s/^>/  dynbox:/' | grep -v '^---\|^[0-9]'
  fi
done
echo "differential: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
