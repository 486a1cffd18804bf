# runtime/build.mk — the runtime library every generated program links
# (LIBRT), the files generated from rt.h for libtcc (rt_header_text and the
# rt_symbols table), and the runtime's tests. Included by the top Makefile;
# server/build.mk reads LIBRT and RUNTIME_SRC.

LIBRT := $(BUILD)/libdynbox_rt.a

# Generated from rt.h, shared by every build flavour (like the prelude).
RT_GEN_DIR := build/gen
RT_GEN_SRC := $(RT_GEN_DIR)/rt_symbols.c $(RT_GEN_DIR)/rt_header.c

# jit.c is the daemon's libtcc helper, linked by its users, not by programs.
RUNTIME_SRC := $(sort $(filter-out runtime/jit.c,$(wildcard runtime/*.c))) $(RT_GEN_SRC)
RUNTIME_OBJ := $(RUNTIME_SRC:%.c=$(BUILD)/%.o)

$(RT_GEN_DIR)/rt.i: runtime/rt.h | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(CC) -E -P -std=c99 $< -o $@

$(RT_GEN_DIR)/rt_symbols.c: $(RT_GEN_DIR)/rt.i runtime/gen/rt_gen.py
	python3 runtime/gen/rt_gen.py symbols $< $@

$(RT_GEN_DIR)/rt_header.c: runtime/rt.h runtime/gen/rt_gen.py | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	python3 runtime/gen/rt_gen.py header $< $@

$(LIBRT): $(RUNTIME_OBJ)
	@rm -f $@
	ar rcs $@ $^

ALL_TARGETS  += $(LIBRT)
TEST_TARGETS += test-runtime

# ---- tests ----------------------------------------------------------------
# test_runtime: Check unit tests (formatting against rustc's goldens,
# arithmetic and its panics, strings, vectors, the ledger, the executor,
# and libtcc compiling C against rt_header_text + rt_symbols). Then the
# header alone through cc -std=c99 and tcc -nostdinc, and the JIT test's
# program built natively with ASan + UBSan against the library.

RT_TEST_SRC  := $(wildcard tests/runtime/test_*.c)
RT_TEST_OBJ  := $(RT_TEST_SRC:%.c=$(BUILD)/%.o)
RT_TEST      := $(BUILD)/test_runtime
# Deferred (=, not :=): on a fresh machine pkg-config only knows check after
# install-deps has run, which happens after the Makefile is read.
RT_NATIVE    := $(BUILD)/tests/runtime/jit_prog_native
RT_CHECK_CFLAGS = $(shell pkg-config --cflags check 2>/dev/null)
RT_CHECK_LIBS   = $(shell pkg-config --libs check 2>/dev/null || echo -lcheck)

$(RT_TEST_OBJ): CFLAGS += $(RT_CHECK_CFLAGS) -Iruntime

$(RT_TEST): $(RT_TEST_OBJ) $(BUILD)/runtime/jit.o $(LIBRT)
	$(CC) $(LDFLAGS) $^ -o $@ $(RT_CHECK_LIBS) -ltcc -ldl -lm

$(RT_NATIVE): tests/runtime/jit_prog.c tests/runtime/native_host.c runtime/rt.h runtime/rt_host.h $(LIBRT)
	@mkdir -p $(dir $@)
	$(CC) -std=c99 -Wall -Wextra -Werror -g -fsanitize=address,undefined -fno-sanitize-recover=all \
	    -include runtime/rt.h tests/runtime/jit_prog.c -Iruntime tests/runtime/native_host.c $(LIBRT) -lm -o $@

.PHONY: test-runtime
test-runtime: $(RT_TEST) $(RT_NATIVE)
	$(CC) -std=c99 -Wall -Wextra -Werror -fsyntax-only -x c runtime/rt.h
	tcc -nostdinc -nostdlib -c tests/runtime/header_only.c -o $(BUILD)/tests/runtime/header_only.tcc.o
	$(RT_TEST)
	$(RT_NATIVE) > $(BUILD)/tests/runtime/jit_prog.stdout
	cmp tests/runtime/jit_prog.out $(BUILD)/tests/runtime/jit_prog.stdout
	@echo "test-runtime: ok"

-include $(RUNTIME_OBJ:.o=.d) $(RT_TEST_OBJ:.o=.d)
