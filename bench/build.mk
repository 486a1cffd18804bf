# bench/build.mk — `make bench`: the performance table of issue 10.
# Each bench-* target writes one JSON part into build/bench/; bench/report.py
# prints the table and writes bench/results.json. Other fragments add their
# own parts to BENCH_TARGETS (server/build.mk: bench-daemon).

BENCH_DIR      := build/bench
BENCH_FRONTEND := $(BUILD)/bench/frontend
BENCH_LOAD     := $(BUILD)/bench/load
BENCH_PROGRAM  := $(BENCH_DIR)/program_10k.rs

$(BENCH_PROGRAM): bench/gen_program.py | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	python3 $< 10000 > $@

$(BUILD)/bench/frontend.o: CFLAGS += -Icompiler -Iruntime
$(BENCH_FRONTEND): $(BUILD)/bench/frontend.o $(LIBDYNBOX) $(BUILD)/runtime/jit.o $(LIBRT)
	$(CC) $(LDFLAGS) $^ -o $@ -ltcc -ldl -lm

$(BENCH_LOAD): $(BUILD)/bench/load.o
	$(CC) $(LDFLAGS) $^ -o $@ -pthread

BENCH_TARGETS += bench-e2e bench-rustc bench-frontend bench-calls

.PHONY: bench bench-e2e bench-frontend bench-rustc bench-calls

# 4. 1,000,000 awaited calls: static, .box through dyn (both ABIs), and a
# trait returning Pin<Box<dyn Future>>; ns and allocations per call.
BENCH_CALLS ?= 1000000
bench-calls: $(DYNBOXC)
	@mkdir -p $(BENCH_DIR)
	python3 bench/calls.py $(DYNBOXC) $(BENCH_CALLS) 5 > $(BENCH_DIR)/calls.json

# 1. POST /api/v1/run of the gallery's http_client through dynbox-server and
# its dynboxd: uncached at concurrency 1 and 8, cached at 8.
BENCH_E2E_SECONDS ?= 5
bench-e2e: $(BENCH_LOAD) $(DYNBOX_SERVER) $(DYNBOXD) $(DYNBOXD_WORKER)
	@mkdir -p $(BENCH_DIR)
	python3 bench/e2e.py $(BUILD) examples/http_client.rs $(BENCH_E2E_SECONDS) > $(BENCH_DIR)/e2e.json

# 3. The front end on a generated 10,000-line program, per phase.
bench-frontend: $(BENCH_FRONTEND) $(BENCH_PROGRAM)
	@mkdir -p $(BENCH_DIR)
	$(BENCH_FRONTEND) $(BENCH_PROGRAM) 9 > $(BENCH_DIR)/frontend.json

# 2. dynbox against rustc on http_client (its hand-desugared twin for rustc).
BENCH_EXAMPLES := ../shared/examples
bench-rustc: $(DYNBOXC)
	@mkdir -p $(BENCH_DIR)
	@if [ -f $(BENCH_EXAMPLES)/http_client.rs ]; then \
	  python3 bench/vs_rustc.py $(DYNBOXC) $(BENCH_EXAMPLES)/http_client.rs tests/twins/http_client.rs \
	    $(BENCH_EXAMPLES)/http_client.out 20 > $(BENCH_DIR)/rustc.json; \
	else echo "bench-rustc: skipped ($(BENCH_EXAMPLES) is not beside this checkout)"; fi

# The exact budgets (allocations per call) in the committed results.
TEST_TARGETS += test-budgets
.PHONY: test-budgets
test-budgets:
	python3 tests/bench/budgets.py bench/results.json

bench: $(BENCH_TARGETS)
	python3 bench/report.py $(BENCH_DIR) bench/results.json

-include $(BUILD)/bench/frontend.d $(BUILD)/bench/load.d
