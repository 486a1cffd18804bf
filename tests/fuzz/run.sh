#!/usr/bin/env bash
# Runs the front-end fuzz target for a bounded time, seeded with every
# program in the repository. Any crash, sanitizer report or timeout fails.
# Usage: tests/fuzz/run.sh path/to/fuzz_frontend SECONDS
set -euo pipefail
bin=${1:?usage: run.sh FUZZER SECONDS}
seconds=${2:-20}
# A fixed seed inside `make test` keeps CI repeatable; `make fuzz` explores.
seed=${FUZZ_SEED:-0}
corpus=build/fuzz/corpus
mkdir -p "$corpus" build/fuzz/crashes
for f in tests/*/*.rs tests/fuzz/regressions/*.rs examples/*.rs ../shared/examples/*.rs; do
  [ -f "$f" ] && cp "$f" "$corpus/$(echo "$f" | tr '/.' '__')"
done
echo "fuzz: ${seconds}s on $(ls "$corpus" | wc -l) inputs, seed $seed"
"$bin" "$corpus" -seed="$seed" -max_total_time="$seconds" -timeout=5 -rss_limit_mb=2048 -max_len=65536 \
  -artifact_prefix=build/fuzz/crashes/ -print_final_stats=0 >build/fuzz/log.txt 2>&1 || {
  tail -40 build/fuzz/log.txt
  echo "fuzz: FAILED (artifacts in build/fuzz/crashes/)"
  exit 1
}
grep -E '^#[0-9]+ +DONE' build/fuzz/log.txt | tail -1 || tail -2 build/fuzz/log.txt
echo "fuzz: no crash in ${seconds}s"
