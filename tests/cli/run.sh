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
