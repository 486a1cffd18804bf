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

$(BUILD)/bench/frontend.o: CFLAGS += -Icompiler
$(BENCH_FRONTEND): $(BUILD)/bench/frontend.o $(LIBDYNBOX)
	$(CC) $(LDFLAGS) $^ -o $@

$(BENCH_LOAD): $(BUILD)/bench/load.o
	$(CC) $(LDFLAGS) $^ -o $@ -pthread

BENCH_TARGETS += bench-frontend

.PHONY: bench bench-frontend

# 3. The front end on a generated 10,000-line program, per phase.
bench-frontend: $(BENCH_FRONTEND) $(BENCH_PROGRAM)
	@mkdir -p $(BENCH_DIR)
	$(BENCH_FRONTEND) $(BENCH_PROGRAM) 9 > $(BENCH_DIR)/frontend.json

bench: $(BENCH_TARGETS)
	python3 bench/report.py $(BENCH_DIR) bench/results.json

-include $(BUILD)/bench/frontend.d $(BUILD)/bench/load.d
