#!/usr/bin/env bash
# CLI tests for dynboxc: exit statuses, stdin, dumps, error formats, colour,
# the options line and hostile inputs. Usage: tests/cli/run.sh path/to/dynboxc
set -u
DYNBOXC=${1:?usage: run.sh path/to/dynboxc}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0

# expect STATUS NAME -- CMD...: runs CMD, checks its exit status.
expect() {
  local want=$1 name=$2; shift 3
  "$@" >"$tmp/out" 2>"$tmp/err"
  local got=$?
  if [ "$got" -eq "$want" ]; then pass=$((pass + 1)); else
    fail=$((fail + 1)); echo "FAIL: $name: exit $got, wanted $want"; sed 's/^/  | /' "$tmp/err" | head -20
  fi
}
# contains FILE TEXT NAME
contains() {
  if grep -qF -- "$2" "$tmp/$1"; then pass=$((pass + 1)); else
    fail=$((fail + 1)); echo "FAIL: $3: $1 lacks '$2'"; sed 's/^/  | /' "$tmp/$1" | head -20
  fi
}
lacks() {
  if grep -qF -- "$2" "$tmp/$1"; then fail=$((fail + 1)); echo "FAIL: $3: $1 has '$2'"; else pass=$((pass + 1)); fi
}

printf 'fn main() {\n    let x = 1;\n}\n' >"$tmp/ok.rs"
printf 'fn main() {\n    let x = 1 +;\n}\n' >"$tmp/bad.rs"

expect 0 "check clean file" -- "$DYNBOXC" check "$tmp/ok.rs"
expect 1 "check file with error" -- "$DYNBOXC" check "$tmp/bad.rs"
contains err "error: expected expression, found \`;\`" "human message"
contains err "--> $tmp/bad.rs:2:16" "location line"
contains err "error: aborting due to 1 previous error" "summary"
expect 0 "stdin" -- bash -c "\"$DYNBOXC\" check - <\"$tmp/ok.rs\""
expect 1 "stdin with error" -- bash -c "\"$DYNBOXC\" check - <\"$tmp/bad.rs\""
contains err "<stdin>:2:16" "stdin file name"
expect 1 "missing file" -- "$DYNBOXC" check "$tmp/nope.rs"
contains err "couldn't read" "missing file message"

expect 2 "no arguments" -- "$DYNBOXC"
expect 2 "unknown flag" -- "$DYNBOXC" --frobnicate check "$tmp/ok.rs"
expect 2 "bad dump" -- "$DYNBOXC" --dump=mir "$tmp/ok.rs"
expect 2 "bad error format" -- "$DYNBOXC" --error-format=xml check "$tmp/ok.rs"
expect 2 "bad color" -- "$DYNBOXC" --color=rainbow check "$tmp/ok.rs"
expect 2 "no file" -- "$DYNBOXC" check
expect 0 "help" -- "$DYNBOXC" --help
contains out "usage: dynboxc" "help text"
expect 0 "version" -- "$DYNBOXC" --version

expect 0 "dump tokens" -- "$DYNBOXC" --dump=tokens "$tmp/ok.rs"
contains out "2:5 let" "token dump keyword"
contains out "identifier \`x\`" "token dump identifier"
expect 0 "dump ast" -- "$DYNBOXC" --dump=ast "$tmp/ok.rs"
contains out "Fn main() @1:1" "ast dump"
contains out "PatIdent x" "ast dump pattern"
expect 0 "dump types" -- "$DYNBOXC" --dump=types "$tmp/ok.rs"
contains out "PatIdent x: i32" "types dump: the literal defaults to i32"

expect 1 "json errors" -- "$DYNBOXC" check --error-format=json "$tmp/bad.rs"
if jq -e 'select(.message == "expected expression, found `;`") | .spans[0].line_start == 2 and .spans[0].column_start == 16 and .spans[0].is_primary and (.rendered | contains("-->"))' "$tmp/err" >/dev/null; then
  pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: json diagnostic shape"; cat "$tmp/err"; fi
lacks err "aborting" "json has no human summary"

expect 1 "color always" -- "$DYNBOXC" check --color=always "$tmp/bad.rs"
if grep -q $'\x1b\[' "$tmp/err"; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: color always has no escapes"; fi
expect 1 "color never" -- "$DYNBOXC" check --color=never "$tmp/bad.rs"
if grep -q $'\x1b' "$tmp/err"; then fail=$((fail + 1)); echo "FAIL: color never has escapes"; else pass=$((pass + 1)); fi

expect 0 "explain" -- "$DYNBOXC" --explain E0038
contains out "dyn compatible" "explain text"
expect 0 "explain DB0001" -- "$DYNBOXC" --explain=DB0001
expect 1 "explain unknown" -- "$DYNBOXC" --explain E9999
contains err "E9999 is not a valid error code" "explain unknown message"

printf '// dynbox: rules=stable abi=callee\nfn main() {}\n' >"$tmp/opts.rs"
expect 0 "options line" -- "$DYNBOXC" check "$tmp/opts.rs"
printf '// dynbox: rules=strict colour=blue\nfn main() {}\n' >"$tmp/badopts.rs"
expect 1 "bad options line" -- "$DYNBOXC" check "$tmp/badopts.rs"
contains err "error[DB0001]: unknown value \`strict\` for option \`rules\`" "bad option value"
contains err "error[DB0001]: unknown option \`colour\`" "bad option key"
contains err "dynboxc --explain DB0001" "explain pointer"

# dynboxc run: JIT in memory, the program's output and exit status
printf 'fn main() {\n    let mut total = 0;\n    for i in 1..=4 {\n        total += i;\n    }\n    println!("total {}", total);\n}\n' >"$tmp/prog.rs"
printf 'fn main() {\n    println!("before");\n    let v: u8 = 200;\n    let w = v + 100;\n    println!("{}", w);\n}\n' >"$tmp/panics.rs"
expect 0 "run" -- "$DYNBOXC" run "$tmp/prog.rs"
if [ "$(cat "$tmp/out")" = "total 10" ]; then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: run output"; cat "$tmp/out"; fi
expect 0 "run from stdin" -- bash -c "\"$DYNBOXC\" run - <\"$tmp/prog.rs\""
contains out "total 10" "run from stdin output"
expect 101 "run panics" -- "$DYNBOXC" run "$tmp/panics.rs"
contains out "before" "output before a panic is flushed"
contains err "thread 'main' panicked at main.rs:4:13:" "panic location"
contains err "attempt to add with overflow" "panic message"
expect 1 "run compile error" -- "$DYNBOXC" run "$tmp/bad.rs"
contains err "error: expected expression" "run reports diagnostics"
expect 0 "run --stats" -- "$DYNBOXC" run --stats "$tmp/prog.rs"
contains err "live at exit: 0 allocations, 0 bytes" "stats live line"
contains err "String" "stats kinds"
lacks out "ledger" "stats stay off stdout"
expect 0 "run --json" -- "$DYNBOXC" run --json "$tmp/prog.rs"
if jq -e '.status == "ok" and .exit_code == 0 and .stdout == "total 10\n" and .ledger.live_count == 0 and (.ledger.kinds | length) == 7 and .events[0].stream == "stdout"' "$tmp/out" >/dev/null; then
  pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: run --json result"; cat "$tmp/out"; fi
# timings are reported (never asserted): compile, tcc and the program's own run
if jq -e '.timings_us | (.compile | type) == "number" and (.tcc | type) == "number" and (.run | type) == "number"' "$tmp/out" >/dev/null; then
  pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: run --json timings_us"; cat "$tmp/out"; fi
expect 101 "run --json panic" -- "$DYNBOXC" run --json "$tmp/panics.rs"
if jq -e '.status == "panicked" and .exit_code == 101 and .stdout == "before\n" and (.stderr | startswith("thread '"'"'main'"'"' panicked at main.rs:4:13:\nattempt to add with overflow\n"))' "$tmp/out" >/dev/null; then
  pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: run --json panic result"; cat "$tmp/out"; fi
expect 1 "run --json compile error" -- "$DYNBOXC" run --json "$tmp/bad.rs"
if jq -e '.status == "compile_error" and .exit_code == 1' "$tmp/out" >/dev/null; then
  pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: run --json compile error"; cat "$tmp/out"; fi
# the ledger: Box::leak leaks on purpose, which `run` reports after the output
# (in a sanitizer build LeakSanitizer would see the program's leak too)
printf 'fn main() {\n    let b = Box::new(41u64);\n    let r: &mut u64 = Box::leak(b);\n    *r += 1;\n    println!("{}", r);\n}\n' >"$tmp/leak.rs"
expect 0 "run a leaking program" -- env ASAN_OPTIONS=detect_leaks=0 "$DYNBOXC" run --stats "$tmp/leak.rs"
contains out "42" "leaking program output"
contains err "error: the program leaked 1 allocation (8 bytes) still live at exit" "leak report"
contains err "live at exit: 1 allocation, 8 bytes" "stats live line after a leak"
expect 0 "run --json a leaking program" -- env ASAN_OPTIONS=detect_leaks=0 "$DYNBOXC" run --json "$tmp/leak.rs"
if jq -e '.status == "ok" and .ledger.live_count == 1 and .ledger.live_bytes == 8 and (.ledger.kinds[] | select(.kind == "Box") | .allocs == 1 and .live_count == 1)' "$tmp/out" >/dev/null; then
  pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: run --json ledger of a leak"; cat "$tmp/out"; fi
expect 2 "--stats without run" -- "$DYNBOXC" check --stats "$tmp/ok.rs"
expect 2 "run without file" -- "$DYNBOXC" run

# hostile inputs: a diagnostic and exit 1, never a crash (exit >= 128) or a hang
: >"$tmp/empty.rs"
expect 0 "empty file" -- "$DYNBOXC" check "$tmp/empty.rs"
head -c 65536 /dev/zero | tr '\0' '(' >"$tmp/parens.rs"
expect 1 "64 KiB of (" -- timeout 10 "$DYNBOXC" check "$tmp/parens.rs"
head -c 60000 /dev/urandom >"$tmp/binary.rs"
expect 1 "binary" -- timeout 10 "$DYNBOXC" check "$tmp/binary.rs"
printf 'fn main() { let s = "\xff\xfe"; }\n' >"$tmp/utf8.rs"
expect 1 "invalid utf-8" -- timeout 10 "$DYNBOXC" check "$tmp/utf8.rs"
contains err "stream did not contain valid UTF-8" "utf-8 message"
printf "'" >"$tmp/quote.rs"
expect 1 "lone quote" -- timeout 10 "$DYNBOXC" check "$tmp/quote.rs"
head -c 70000 /dev/zero | tr '\0' ' ' >"$tmp/big.rs"
expect 1 "over 64 KiB" -- "$DYNBOXC" check "$tmp/big.rs"
contains err "up to 64 KiB" "size message"

echo "cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
