# dynbox — build, test and run. Plain GNU make; `make help` lists the targets.
#
# Every target that needs system packages first runs scripts/install-deps,
# which installs only what is missing and is silent otherwise.

CC      ?= cc
CLANG   ?= clang
SAN     ?= 0
# Seconds the fuzz target runs inside `make test` and under `make fuzz`.
FUZZ_TEST_SECONDS ?= 20
FUZZ_SECONDS      ?= 300

WARN    := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
           -Wvla -Wpointer-arith -Wformat=2 -Wundef
CSTD    := -std=c11 -D_GNU_SOURCE
ifeq ($(SAN),1)
  BUILD := build/san
  # GCC's UBSan instrumentation inserts null checks that its own format
  # warnings then report as "null format string": known false positives.
  OPT   := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all \
           -Wno-format-truncation -Wno-format-overflow
  LDSAN := -fsanitize=address,undefined
else
  BUILD := build/rel
  OPT   := -O2 -g
  LDSAN :=
endif
CFLAGS  := $(CSTD) $(WARN) $(OPT) -Ibuild/gen -MMD -MP
LDFLAGS := $(LDSAN)

DEPS_STAMP := build/.deps-ok

COMPILER_SRC := $(filter-out compiler/main.c,$(wildcard compiler/*.c))
COMPILER_OBJ := $(COMPILER_SRC:%.c=$(BUILD)/%.o)
LIBDYNBOX    := $(BUILD)/libdynbox.a
DYNBOXC      := $(BUILD)/dynboxc

UNIT_SRC     := $(wildcard tests/unit/*.c)
UNIT_OBJ     := $(UNIT_SRC:%.c=$(BUILD)/%.o)
UNIT_RUNNER  := $(BUILD)/test_unit

# Each component beyond the compiler owns a fragment that adds its build
# rules, appends its binaries to ALL_TARGETS and its test targets to
# TEST_TARGETS. The fragments are listed here so the order is fixed.
.DEFAULT_GOAL := all
ALL_TARGETS  := $(DYNBOXC)
TEST_TARGETS := test-unit test-cli test-dyn test-types test-fuzz
-include runtime/build.mk server/build.mk server/http.mk web/build.mk bench/build.mk tests/programs/build.mk tests/twins/build.mk tests/async/build.mk tests/ops/build.mk

.PHONY: all binaries deps run test test-unit test-cli test-dyn test-fuzz fuzz clean help

all: $(ALL_TARGETS)

# The C programs alone, without the UI bundle: the Dockerfile's build stage.
binaries: $(DYNBOXC) $(DYNBOXD) $(DYNBOXD_WORKER) $(DYNBOX_SERVER)

help:
	@echo "make run        build everything and serve UI + API on http://127.0.0.1:8080/ (RUN_LISTEN=HOST:PORT)"
	@echo "make test       every test this machine can run (installs what is missing)"
	@echo "make SAN=1 ...  the same with ASan + UBSan"
	@echo "make fuzz       libFuzzer on the front end for FUZZ_SECONDS (default $(FUZZ_SECONDS))"

# Installs missing Debian packages once per checkout; delete the stamp to re-check.
$(DEPS_STAMP): scripts/install-deps
	@scripts/install-deps
	@mkdir -p $(dir $@) && touch $@
deps: $(DEPS_STAMP)

$(BUILD)/%.o: %.c | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c $< -o $@

$(LIBDYNBOX): $(COMPILER_OBJ)
	@rm -f $@
	ar rcs $@ $^

# `dynboxc run` JITs programs with libtcc against the runtime (LIBRT).
$(BUILD)/compiler/main.o: CFLAGS += -Iruntime
$(DYNBOXC): $(BUILD)/compiler/main.o $(LIBDYNBOX) $(BUILD)/runtime/jit.o $(LIBRT)
	$(CC) $(LDFLAGS) $^ -o $@ -ltcc -ldl -lm

# The prelude (compiler/prelude.rs) is compiled into the library as a C
# string, so the compiler reads no files at run time.
PRELUDE_INC := build/gen/prelude_rs.inc
$(PRELUDE_INC): compiler/prelude.rs
	@mkdir -p $(dir $@)
	sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/"/' -e 's/$$/\\n"/' $< > $@
$(BUILD)/compiler/prelude.o $(BUILD)/nosan/compiler/prelude.o: $(PRELUDE_INC)

# Unit tests link the private headers' functions straight from the library.
$(BUILD)/tests/unit/%.o: CFLAGS += -Icompiler $(shell pkg-config --cflags check 2>/dev/null)
$(UNIT_RUNNER): $(UNIT_OBJ) $(LIBDYNBOX)
	$(CC) $(LDFLAGS) $^ -o $@ $(shell pkg-config --libs check)

# Builds everything, then runs dynbox-server (which starts its own dynboxd)
# with the snippets in data/dynbox.db; it prints its URL. Ctrl-C stops it.
RUN_LISTEN ?= 127.0.0.1:8080
run: all
	@mkdir -p data
	exec $(DYNBOX_SERVER) --listen $(RUN_LISTEN) --db data/dynbox.db

test: $(TEST_TARGETS)
	@echo "make test: all passed"

test-unit: $(UNIT_RUNNER)
	$(UNIT_RUNNER)

test-cli: $(DYNBOXC)
	tests/cli/run.sh $(DYNBOXC)

# rules=stable against rustc on tests/dyn/corpus (skipped where rustc is absent).
test-dyn: $(DYNBOXC)
	tests/dyn/differential.sh $(DYNBOXC)

# The type checker against rustc on tests/types (skipped where rustc is absent).
test-types: $(DYNBOXC)
	tests/types/differential.sh $(DYNBOXC)

# The fuzz target always builds with clang's sanitizers, whatever SAN says.
FUZZ_BIN := build/fuzz/fuzz_frontend
$(FUZZ_BIN): tests/fuzz/fuzz_frontend.c $(COMPILER_SRC) compiler/*.h $(PRELUDE_INC) | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(CLANG) $(CSTD) -O1 -g -Icompiler -Ibuild/gen -fsanitize=fuzzer,address,undefined \
	  -fno-sanitize-recover=all tests/fuzz/fuzz_frontend.c $(COMPILER_SRC) -o $@

test-fuzz: $(FUZZ_BIN)
	FUZZ_SEED=1 tests/fuzz/run.sh $(FUZZ_BIN) $(FUZZ_TEST_SECONDS)

fuzz: $(FUZZ_BIN)
	tests/fuzz/run.sh $(FUZZ_BIN) $(FUZZ_SECONDS)

clean:
	rm -rf build

-include $(COMPILER_OBJ:.o=.d) $(UNIT_OBJ:.o=.d) $(BUILD)/compiler/main.d
