#!/bin/sh
# run.sh DYNBOXC LIBRT — golden programs of the lowering and the runtime.
# For each tests/programs/NAME.rs:
#   1. `dynboxc emit-c` must succeed; the C must build with
#      `cc -std=c99 -Wall -Wextra -Werror` and with `tcc -nostdinc` (what
#      libtcc does in `dynboxc run`);
#   2. linked with LIBRT under ASan+UBSan (-lm) and run natively;
#   3. run with `dynboxc run` (libtcc in memory);
#   both runs must print NAME.out on stdout, exit with NAME.status (default
#   0), for panics print NAME.err (the `thread 'main' panicked at` line and
#   the message line), report no sanitizer error and leak nothing;
#   4. differential: unless its first line is `// dynbox-only`, the program
#   is compiled with `rustc --edition 2024` (as main.rs, debug build) and
#   must give the same stdout, status and panic lines (skipped with a
#   message when rustc is absent).
# Goldens come from rustc 1.95 on the same program, with the file named
# main.rs and the thread id removed. Programs run two at a time.
# tests/programs/pending.txt lists goldens (NAME reason...) that need a part
# of the lowering still being written: for those, emit-c must refuse with
# dynbox's "not supported by the lowering yet" error (never crash or emit bad
# C), and the rustc differential still checks their goldens; one that
# compiles fails the run until it is taken off the list.
set -u

# ---- one program (called back through xargs) ------------------------------
if [ "${1:-}" = "--one" ]; then
    name=$2
    rs="$DIR/$name.rs"
    w="$TMP/$name"
    mkdir -p "$w"
    log="$w/log"
    failed() { echo "FAIL $name: $1" >> "$log"; [ -f "$w/why" ] && sed 's/^/    /' "$w/why" | head -20 >> "$log"; touch "$w/failed"; exit 0; }
    want_status=0
    [ -f "$DIR/$name.status" ] && want_status=$(cat "$DIR/$name.status")
    # compare OUT ERR STATUS WHAT: a run's results against the goldens
    compare() {
        if ! cmp -s "$1" "$DIR/$name.out"; then
            diff "$DIR/$name.out" "$1" | head -20 > "$w/why"; failed "$4: output differs"
        fi
        if [ "$3" != "$want_status" ]; then
            head -8 "$2" > "$w/why"; failed "$4: exit status $3, expected $want_status"
        fi
        if [ -f "$DIR/$name.err" ]; then
            sed -e "s/^thread 'main' ([0-9]*) panicked/thread 'main' panicked/" "$2" | grep -A1 "^thread 'main'" > "$w/panic"
            if ! cmp -s "$w/panic" "$DIR/$name.err"; then
                diff "$DIR/$name.err" "$w/panic" > "$w/why"; failed "$4: panic message differs"
            fi
        fi
    }
    # build_and_run: the C through cc and tcc, then the native ASan/UBSan
    # run and `dynboxc run`, both against the goldens
    build_and_run() {
        if ! $CC -std=c99 -Wall -Wextra -Werror -c "$w/main.c" -o "$w/main.o" 2> "$w/why"; then
            failed "generated C does not compile"
        fi
        if command -v tcc > /dev/null 2>&1 && ! tcc -nostdinc -c "$w/main.c" -o "$w/main.tcc.o" 2> "$w/why"; then
            failed "generated C does not compile with tcc"
        fi
        if ! $CC -std=c99 -g -fsanitize=address,undefined -fno-sanitize-recover=all -Iruntime \
                "$w/main.c" "$DIR/host.c" "$LIBRT" -lm -o "$w/native" 2> "$w/why"; then
            failed "link"
        fi
        timeout 20 "$w/native" > "$w/native.out" 2> "$w/native.err"
        st=$?
        if grep -q "ERROR: AddressSanitizer\|runtime error:\|ERROR: LeakSanitizer" "$w/native.err"; then
            head -20 "$w/native.err" > "$w/why"; failed "native: sanitizer report"
        fi
        # host.c exits 3 when allocations are still live after a normal run
        [ "$st" = 3 ] && [ "$want_status" != 3 ] && { : > "$w/why"; failed "native: leaked allocations"; }
        compare "$w/native.out" "$w/native.err" "$st" "native"
        timeout 20 "$DYNBOXC" run "$rs" > "$w/jit.out" 2> "$w/jit.err"
        st=$?
        if grep -q "^error: " "$w/jit.err"; then head -20 "$w/jit.err" > "$w/why"; failed "dynboxc run: error"; fi
        compare "$w/jit.out" "$w/jit.err" "$st" "dynboxc run"
    }
    if grep -q "^$name " "$DIR/pending.txt" 2> /dev/null; then
        "$DYNBOXC" emit-c "$rs" > "$w/main.c" 2> "$w/why"
        st=$?
        if [ $st = 0 ]; then : > "$w/why"; failed "pending, but compiles now: take it off pending.txt"; fi
        if [ $st != 1 ] || ! grep -q "not supported by the lowering yet" "$w/why"; then
            failed "pending: emit-c did not report an unsupported construct (exit $st)"
        fi
        touch "$w/pending"
    elif ! "$DYNBOXC" emit-c "$rs" > "$w/main.c" 2> "$w/why"; then
        failed "emit-c"
    else
        build_and_run
    fi
    if [ "$HAVE_RUSTC" = 1 ] && ! head -1 "$rs" | grep -q '^// dynbox-only'; then
        mkdir -p "$w/rustc"
        cp "$rs" "$w/rustc/main.rs"
        if ! (cd "$w/rustc" && rustc --edition 2024 -A warnings -C debuginfo=0 main.rs -o prog) 2> "$w/why"; then
            failed "rustc does not compile it (mark it \`// dynbox-only\` if it is not Rust)"
        fi
        (cd "$w/rustc" && timeout 20 ./prog > out 2> err)
        compare "$w/rustc/out" "$w/rustc/err" "$?" "rustc differential"
        touch "$w/rustc_ok"
    fi
    touch "$w/passed"
    exit 0
fi

# ---- driver ------------------------------------------------------------------
DYNBOXC=${1:?usage: run.sh DYNBOXC LIBRT}
LIBRT=${2:?usage: run.sh DYNBOXC LIBRT}
DIR=$(dirname "$0")
CC=${CC:-cc}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
HAVE_RUSTC=0
if command -v rustc > /dev/null 2>&1; then
    HAVE_RUSTC=1
else
    echo "test-programs: rustc not found: skipping the differential step against rustc"
fi
[ -f "$LIBRT" ] || { echo "test-programs: runtime library '$LIBRT' missing"; exit 1; }
case $DYNBOXC in /*) ;; *) DYNBOXC=$(pwd)/$DYNBOXC ;; esac
case $LIBRT in /*) ;; *) LIBRT=$(pwd)/$LIBRT ;; esac
export DYNBOXC LIBRT DIR CC TMP HAVE_RUSTC

for rs in "$DIR"/*.rs; do basename "$rs" .rs; done | xargs -P2 -n1 sh "$0" --one
total=0 pass=0 fail=0 diffed=0 pending=0
for rs in "$DIR"/*.rs; do
    name=$(basename "$rs" .rs)
    total=$((total + 1))
    if [ -f "$TMP/$name/failed" ]; then
        fail=$((fail + 1)); cat "$TMP/$name/log"
    elif [ -f "$TMP/$name/passed" ] && [ -f "$TMP/$name/pending" ]; then
        pending=$((pending + 1))
    elif [ -f "$TMP/$name/passed" ]; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1)); echo "FAIL $name: the test itself did not finish"
    fi
    [ -f "$TMP/$name/rustc_ok" ] && [ ! -f "$TMP/$name/failed" ] && diffed=$((diffed + 1))
done
echo "test-programs: $pass of $total passed, $fail failed, $pending pending ($diffed identical under rustc)"
[ $pending = 0 ] || echo "test-programs: pending (refused cleanly, see pending.txt): $(cut -d' ' -f1 "$DIR/pending.txt" | tr '\n' ' ')"
[ $fail = 0 ]
