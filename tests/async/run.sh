#!/bin/sh
# run.sh DYNBOXC LIBRT — the async goldens (tests/async/*.rs) and the
# acceptance programs (../shared/examples/*.rs that have a .out), each under
# both ABIs (abi=vtable-size and abi=callee).
# For each tests/async/NAME.rs and each ABI:
#   1. `dynboxc emit-c --abi=ABI` must succeed; the C must build with
#      `cc -std=c99 -Wall -Wextra -Werror` and `tcc -nostdinc`;
#   2. linked with LIBRT under ASan+UBSan and run natively (the host of
#      tests/programs/host.c exits 3 on allocations live at exit);
#   3. run with `dynboxc run --abi=ABI --stats`;
#   every run must print NAME.out exactly and exit 0 (or NAME.status), with
#   no sanitizer report (and, with NAME.panic, that panic message as a line
#   of stderr); when NAME.boxed exists (or boxed.txt has a line
#   `NAME COUNT`, for the examples), the ledger of `dynboxc run --stats`
#   must show exactly that many boxed-future allocations, none live;
#   (NAME.stderr instead: an error test, `dynboxc check` must fail with
#   exactly those diagnostics)
#   4. differential: unless the first line is `// dynbox-only` (programs
#      using `.box`/dyn_box!, which are not Rust), ../twins/rt.rs (the same
#      executor in Rust) is put in front of the program as `mod dynbox_rt`,
#      its `main` renamed, and rustc's build must print the same output; a
#      `// dynbox-only` program instead has a hand-desugared twin,
#      twins/NAME.rs (`.box` as a method returning Pin<Box<dyn Future>>),
#      which rustc must compile and which must print NAME.out and exit with
#      NAME.status (skipped without rustc).
# Goldens come from that rustc build. An example listed in pending.txt
# (NAME reason...) needs lowering another helper is still writing: emit-c
# must refuse it with "not supported by the lowering yet"; one that
# compiles fails the run until it is taken off the list.
set -u

# ---- one program (called back through xargs) ------------------------------
if [ "${1:-}" = "--one" ]; then
    rs=$2
    name=$(basename "$rs" .rs)
    dir=$(dirname "$rs")
    w="$TMP/$name"
    mkdir -p "$w"
    log="$w/log"
    failed() { echo "FAIL $name: $1" >> "$log"; [ -f "$w/why" ] && sed 's/^/    /' "$w/why" | head -20 >> "$log"; touch "$w/failed"; exit 0; }
    want_status=0
    [ -f "$dir/$name.status" ] && want_status=$(cat "$dir/$name.status")
    compare() { # OUT STATUS WHAT [ERR]
        if ! cmp -s "$1" "$dir/$name.out"; then
            diff "$dir/$name.out" "$1" | head -20 > "$w/why"; failed "$3: output differs"
        fi
        if [ "$2" != "$want_status" ]; then : > "$w/why"; failed "$3: exit status $2, expected $want_status"; fi
        # NAME.panic: the panic message, a whole line of stderr (its location
        # line differs between dynbox and rustc)
        if [ -n "${4:-}" ] && [ -f "$dir/$name.panic" ] && ! grep -qxF -f "$dir/$name.panic" "$4"; then
            head -5 "$4" > "$w/why"; failed "$3: stderr lacks the panic message of $name.panic"
        fi
    }
    if [ -f "$dir/$name.stderr" ]; then
        # an error test: `dynboxc check` must fail with exactly NAME.stderr
        (cd "$dir" && "$DYNBOXC" check "$name.rs") > /dev/null 2> "$w/stderr"
        st=$?
        [ $st = 1 ] || { : > "$w/why"; failed "check: exit status $st, expected 1"; }
        cmp -s "$w/stderr" "$dir/$name.stderr" || { diff "$dir/$name.stderr" "$w/stderr" > "$w/why"; failed "check: diagnostics differ"; }
        touch "$w/passed"
        exit 0
    fi
    if grep -q "^$name " "$DIR/pending.txt" 2> /dev/null; then
        "$DYNBOXC" emit-c "$rs" > /dev/null 2> "$w/why"
        st=$?
        if [ $st = 0 ]; then : > "$w/why"; failed "pending, but compiles now: take it off pending.txt"; fi
        if [ $st != 1 ] || ! grep -q "not supported by the lowering yet" "$w/why"; then
            failed "pending: emit-c did not report an unsupported construct (exit $st)"
        fi
        touch "$w/pending" "$w/passed"
        exit 0
    fi
    for abi in vtable-size callee; do
        c="$w/$abi.c"
        "$DYNBOXC" emit-c --abi=$abi "$rs" > "$c" 2> "$w/why" || failed "emit-c --abi=$abi"
        if command -v tcc > /dev/null 2>&1 && ! tcc -nostdinc -c "$c" -o "$w/$abi.tcc.o" 2> "$w/why"; then
            failed "abi=$abi: generated C does not compile with tcc"
        fi
        # one cc run: the strict warnings and the ASan/UBSan build together
        $CC -std=c99 -Wall -Wextra -Werror -c -g -fsanitize=address,undefined -fno-sanitize-recover=all \
            "$c" -o "$w/$abi.o" 2> "$w/why" || failed "abi=$abi: generated C does not compile (cc -std=c99 -Wall -Wextra -Werror)"
        $CC -std=c99 -g -fsanitize=address,undefined -fno-sanitize-recover=all -Iruntime \
            "$w/$abi.o" "$HOST_O" "$LIBRT" -lm -o "$w/$abi.native" 2> "$w/why" || failed "abi=$abi: link"
        timeout 20 "$w/$abi.native" > "$w/$abi.native.out" 2> "$w/$abi.native.err"
        st=$?
        if grep -q "ERROR: AddressSanitizer\|runtime error:\|ERROR: LeakSanitizer" "$w/$abi.native.err"; then
            head -20 "$w/$abi.native.err" > "$w/why"; failed "abi=$abi native: sanitizer report"
        fi
        [ "$st" = 3 ] && { : > "$w/why"; failed "abi=$abi native: leaked allocations"; }
        compare "$w/$abi.native.out" "$st" "abi=$abi native" "$w/$abi.native.err"
        timeout 20 "$DYNBOXC" run --abi=$abi --stats "$rs" > "$w/$abi.jit.out" 2> "$w/$abi.jit.err"
        st=$?
        if grep -q "^error" "$w/$abi.jit.err"; then head -20 "$w/$abi.jit.err" > "$w/why"; failed "abi=$abi dynboxc run: error"; fi
        compare "$w/$abi.jit.out" "$st" "abi=$abi dynboxc run" "$w/$abi.jit.err"
        want=
        [ -f "$dir/$name.boxed" ] && want=$(cat "$dir/$name.boxed")
        [ -z "$want" ] && want=$(awk -v n="$name" '$1 == n { print $2 }' "$DIR/boxed.txt")
        if [ -n "$want" ]; then
            got=$(awk '$1 == "boxed" && $2 == "future" { print $3 }' "$w/$abi.jit.err")
            live=$(awk '$1 == "boxed" && $2 == "future" { print $7 }' "$w/$abi.jit.err")
            if [ "$got" != "$want" ] || [ "$live" != 0 ]; then
                grep -A9 '^ledger' "$w/$abi.jit.err" > "$w/why"
                failed "abi=$abi: ledger shows $got boxed-future allocations ($live live), expected $want (0 live)"
            fi
            echo "$name abi=$abi: $got boxed-future allocations, $live live" >> "$w/note"
        fi
    done
    if [ "$HAVE_RUSTC" = 1 ] && [ "$dir" = "$DIR" ] && head -1 "$rs" | grep -q '^// dynbox-only'; then
        # not Rust: its hand-desugared twin must print the same
        twin="$DIR/twins/$name.rs"
        [ -f "$twin" ] || { : > "$w/why"; failed "\`// dynbox-only\` but no rustc twin tests/async/twins/$name.rs"; }
        mkdir -p "$w/twin"
        if ! rustc --edition 2024 -A warnings -C debuginfo=0 "$twin" -o "$w/twin/prog" 2> "$w/why"; then
            failed "rustc does not compile the twin twins/$name.rs"
        fi
        (cd "$w/twin" && timeout 20 ./prog > out 2> err)
        compare "$w/twin/out" "$?" "rustc twin" "$w/twin/err"
        touch "$w/twin_ok"
    elif [ "$HAVE_RUSTC" = 1 ] && [ "$dir" = "$DIR" ]; then
        mkdir -p "$w/rustc"
        if grep -q '^async fn main()' "$rs"; then
            m='fn main() { dynbox_rt::block_on(dynbox_async_main()); dynbox_rt::shutdown(); }'
        else
            m='fn main() { dynbox_sync_main(); dynbox_rt::shutdown(); }'
        fi
        { echo "#[path = \"$RT_RS\"] mod dynbox_rt;"
          echo '#[allow(unused_imports)] use dynbox_rt::{block_on, now, sleep, spawn, yield_now, JoinHandle};'
          sed -e 's/^async fn main()/async fn dynbox_async_main()/' -e 's/^fn main()/fn dynbox_sync_main()/' "$rs"
          echo "$m"; } > "$w/rustc/main.rs"
        if ! (cd "$w/rustc" && rustc --edition 2024 -A warnings -C debuginfo=0 main.rs -o prog) 2> "$w/why"; then
            failed "rustc does not compile it (mark it \`// dynbox-only\` if it is not Rust)"
        fi
        (cd "$w/rustc" && timeout 20 ./prog > out 2> err)
        compare "$w/rustc/out" "$?" "rustc differential" "$w/rustc/err"
        touch "$w/rustc_ok"
    fi
    touch "$w/passed"
    exit 0
fi

# ---- driver ------------------------------------------------------------------
DYNBOXC=${1:?usage: run.sh DYNBOXC LIBRT}
LIBRT=${2:?usage: run.sh DYNBOXC LIBRT}
DIR=$(cd "$(dirname "$0")" && pwd)
EXAMPLES=${EXAMPLES:-$DIR/../../examples}
[ -d "$EXAMPLES" ] || EXAMPLES=$DIR/../../../shared/examples
HOST_C=$DIR/../programs/host.c
CC=${CC:-cc}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
HAVE_RUSTC=0
if command -v rustc > /dev/null 2>&1; then
    HAVE_RUSTC=1
else
    echo "test-async: rustc not found: skipping the differential step against rustc"
fi
[ -f "$LIBRT" ] || { echo "test-async: runtime library '$LIBRT' missing"; exit 1; }
case $DYNBOXC in /*) ;; *) DYNBOXC=$(pwd)/$DYNBOXC ;; esac
case $LIBRT in /*) ;; *) LIBRT=$(pwd)/$LIBRT ;; esac
# the native host (tests/programs/host.c), built once with the sanitizers
HOST_O=$TMP/host.o
$CC -std=c99 -g -fsanitize=address,undefined -fno-sanitize-recover=all -I"$DIR/../../runtime" -c "$HOST_C" -o "$HOST_O" ||
    { echo "test-async: cannot build $HOST_C"; exit 1; }
RT_RS=$(cd "$DIR/../twins" && pwd)/rt.rs
export DYNBOXC LIBRT DIR CC TMP HAVE_RUSTC HOST_O RT_RS

progs=$(ls "$DIR"/*.rs)
for ex in "$EXAMPLES"/*.rs; do
    [ -f "${ex%.rs}.out" ] && progs="$progs $ex"
done
for rs in $progs; do echo "$rs"; done | xargs -P"${JOBS:-4}" -n1 sh "$0" --one
total=0 pass=0 fail=0 diffed=0 twinned=0 pending=0
for rs in $progs; do
    name=$(basename "$rs" .rs)
    total=$((total + 1))
    if [ -f "$TMP/$name/failed" ]; then
        fail=$((fail + 1)); cat "$TMP/$name/log"
    elif [ -f "$TMP/$name/pending" ]; then
        pending=$((pending + 1))
    elif [ -f "$TMP/$name/passed" ]; then
        pass=$((pass + 1)); [ -f "$TMP/$name/note" ] && cat "$TMP/$name/note"
    else
        fail=$((fail + 1)); echo "FAIL $name: the test itself did not finish"
    fi
    [ -f "$TMP/$name/rustc_ok" ] && [ ! -f "$TMP/$name/failed" ] && diffed=$((diffed + 1))
    [ -f "$TMP/$name/twin_ok" ] && [ ! -f "$TMP/$name/failed" ] && twinned=$((twinned + 1))
done
echo "test-async: $pass of $total passed under both ABIs, $fail failed, $pending pending ($diffed identical under rustc, $twinned through a rustc twin)"
[ $pending = 0 ] || echo "test-async: pending (see tests/async/pending.txt): $(cut -d' ' -f1 "$DIR/pending.txt" | tr '\n' ' ')"
[ $fail = 0 ]
