#!/bin/sh
# run.sh DYNBOXC [LIBRT] — golden programs of the lowering. For each
# tests/programs/NAME.rs: `dynboxc emit-c` must succeed, and the C must
# build with `cc -std=c99 -Wall -Wextra -Werror` and with `tcc -nostdinc`
# (what libtcc does in `dynboxc run`). When the runtime library LIBRT
# exists, the program is also linked with it under ASan+UBSan and run; its
# stdout and exit status must equal NAME.out and NAME.status (default 0),
# and for panics the `thread 'main' panicked at` line and the message line
# must equal NAME.err. Goldens come from rustc 1.95 on the same program,
# with the file named main.rs and the thread id removed.
set -u
dynboxc=$1
librt=${2:-}
dir=$(dirname "$0")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cc=${CC:-cc}
pass=0 fail=0 built=0
run_native=0
if [ -n "$librt" ] && [ -f "$librt" ]; then
    run_native=1
else
    echo "test-programs: runtime library not built yet (LIBRT='$librt'): checking emit-c and C compilation only"
fi
for rs in "$dir"/*.rs; do
    name=$(basename "$rs" .rs)
    if ! "$dynboxc" emit-c "$rs" > "$tmp/$name.c" 2> "$tmp/$name.err"; then
        echo "FAIL $name: emit-c"; sed 's/^/    /' "$tmp/$name.err" | head -20
        fail=$((fail + 1)); continue
    fi
    if ! $cc -std=c99 -Wall -Wextra -Werror -c "$tmp/$name.c" -o "$tmp/$name.o" 2> "$tmp/$name.err"; then
        echo "FAIL $name: generated C does not compile"; head -20 "$tmp/$name.err" | sed 's/^/    /'
        fail=$((fail + 1)); continue
    fi
    # libtcc runs the same text in `dynboxc run`: check it with tcc too
    if command -v tcc > /dev/null 2>&1 && ! tcc -nostdinc -c "$tmp/$name.c" -o "$tmp/$name.tcc.o" 2> "$tmp/$name.err"; then
        echo "FAIL $name: generated C does not compile with tcc"; head -20 "$tmp/$name.err" | sed 's/^/    /'
        fail=$((fail + 1)); continue
    fi
    built=$((built + 1))
    [ $run_native = 1 ] || { pass=$((pass + 1)); continue; }
    if ! $cc -std=c99 -g -fsanitize=address,undefined -fno-sanitize-recover=all -Iruntime \
            "$tmp/$name.c" "$dir/host.c" "$librt" -o "$tmp/$name" 2> "$tmp/$name.err"; then
        echo "FAIL $name: link"; head -20 "$tmp/$name.err" | sed 's/^/    /'
        fail=$((fail + 1)); continue
    fi
    "$tmp/$name" > "$tmp/$name.stdout" 2> "$tmp/$name.stderr"
    status=$?
    want_status=0
    [ -f "$dir/$name.status" ] && want_status=$(cat "$dir/$name.status")
    if ! cmp -s "$tmp/$name.stdout" "$dir/$name.out"; then
        echo "FAIL $name: output differs"; diff "$dir/$name.out" "$tmp/$name.stdout" | head -20 | sed 's/^/    /'
        fail=$((fail + 1)); continue
    fi
    if [ "$status" != "$want_status" ]; then
        echo "FAIL $name: exit status $status, expected $want_status"; head -5 "$tmp/$name.stderr" | sed 's/^/    /'
        fail=$((fail + 1)); continue
    fi
    if [ -f "$dir/$name.err" ] && ! grep -A1 "^thread 'main'" "$tmp/$name.stderr" | cmp -s - "$dir/$name.err"; then
        echo "FAIL $name: panic message differs"; grep -A1 "^thread 'main'" "$tmp/$name.stderr" | diff "$dir/$name.err" - | sed 's/^/    /'
        fail=$((fail + 1)); continue
    fi
    pass=$((pass + 1))
done
echo "test-programs: $pass passed, $fail failed ($built built to C)"
[ $fail = 0 ]
