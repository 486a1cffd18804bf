#!/bin/sh
# run.sh — the rustc twins of the acceptance programs (see rt.rs): each
# tests/twins/NAME.rs is compiled by rustc (edition 2024) with rt.rs, the
# executor of DESIGN.md section 6 in plain Rust, and must print exactly
# ../shared/examples/NAME.out. This keeps the expected outputs, the runtime's
# rules and the twins bench/ times against rustc in agreement.
set -u
dir=$(dirname "$0")
examples="$dir/../../../shared/examples"
if [ ! -d "$examples" ]; then
    echo "test-twins: skipped (../shared/examples is not beside this checkout)"
    exit 0
fi
if ! command -v rustc > /dev/null 2>&1; then
    echo "test-twins: skipped (rustc is not installed)"
    exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
for rs in "$dir"/*.rs; do
    name=$(basename "$rs" .rs)
    [ "$name" = rt ] && continue
    if ! rustc --edition 2024 -o "$tmp/$name" "$rs" 2> "$tmp/$name.err"; then
        echo "FAIL $name: rustc rejected the twin"; head -20 "$tmp/$name.err"
        fail=$((fail + 1)); continue
    fi
    if ! "$tmp/$name" > "$tmp/$name.out" 2> "$tmp/$name.stderr"; then
        echo "FAIL $name: exited with status $?"; head -5 "$tmp/$name.stderr"
        fail=$((fail + 1)); continue
    fi
    if ! diff "$examples/$name.out" "$tmp/$name.out" > "$tmp/$name.diff"; then
        echo "FAIL $name: output differs from $name.out"; head -20 "$tmp/$name.diff"
        fail=$((fail + 1)); continue
    fi
    pass=$((pass + 1))
done
echo "test-twins: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
