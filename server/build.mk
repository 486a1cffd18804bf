# server/build.mk — dynboxd, its worker, their tests and benchmark.
# Included by the top-level Makefile; reuses $(BUILD), $(CC), $(CFLAGS),
# $(LDFLAGS), $(DEPS_STAMP), $(LIBDYNBOX) and the $(BUILD)/%.o rule.

DYNBOXD        := $(BUILD)/dynboxd
DYNBOXD_WORKER := $(BUILD)/dynboxd-worker
SBX_TEST       := $(BUILD)/test_sandbox
SBX_UNIT       := $(BUILD)/test_sandbox_unit
BENCH_DAEMON   := $(BUILD)/bench_daemon
# Jobs in test-sandbox's load run: 1,000 mixed jobs, as issue 7 asks. Each
# takes a fresh worker, whose start-up (checking the prelude) bounds the
# rate: about 25 s on an idle 2-core machine; SBX_LOAD=200 for a quick run.
SBX_LOAD       ?= 1000

DAEMON_OBJ := $(addprefix $(BUILD)/server/,dynboxd.o proto.o result.o sandbox.o)
CLIENT_OBJ := $(addprefix $(BUILD)/server/,daemon_client.o proto.o)
DAEMON_LIBS = $(shell pkg-config --libs jansson libseccomp 2>/dev/null || echo -ljansson -lseccomp)
TCC_LIBS    := -ltcc -ldl -lm

# The worker runs untrusted code under RLIMIT_AS, which cannot coexist with
# ASan's terabytes of shadow mappings: in SAN=1 builds the daemon, tests and
# client carry the sanitizers but the worker (and the compiler library and
# runtime inside it) is built again without them, under $(BUILD)/nosan.
ifeq ($(SAN),1)
  WORKER_DIR      := $(BUILD)/nosan
  WORKER_CFLAGS   := $(filter-out -fsanitize=% -fno-sanitize-recover=%,$(CFLAGS))
  WORKER_LDFLAGS  := $(filter-out -fsanitize=%,$(LDFLAGS))
  WORKER_LIBDYNBOX := $(WORKER_DIR)/libdynbox.a
$(WORKER_DIR)/%.o: %.c | $(DEPS_STAMP)
	@mkdir -p $(dir $@)
	$(CC) $(WORKER_CFLAGS) -c $< -o $@
$(WORKER_LIBDYNBOX): $(COMPILER_SRC:%.c=$(WORKER_DIR)/%.o)
	@rm -f $@
	ar rcs $@ $^
else
  WORKER_DIR      := $(BUILD)
  WORKER_LDFLAGS  := $(LDFLAGS)
  WORKER_LIBDYNBOX := $(LIBDYNBOX)
endif

WORKER_OBJ := $(addprefix $(WORKER_DIR)/,server/worker.o server/confine.o runtime/jit.o)

# The worker runs programs on the runtime (runtime/build.mk's LIBRT; for
# SAN=1 its sources rebuilt without sanitizers, jit.o being in WORKER_OBJ).
ifeq ($(SAN),1)
  WORKER_RT := $(filter-out $(WORKER_DIR)/runtime/jit.o,$(RUNTIME_SRC:%.c=$(WORKER_DIR)/%.o))
else
  WORKER_RT := $(LIBRT)
endif

$(DYNBOXD): $(DAEMON_OBJ)
	$(CC) $(LDFLAGS) $^ -o $@ $(DAEMON_LIBS)

$(DYNBOXD_WORKER): $(WORKER_OBJ) $(WORKER_RT) $(WORKER_LIBDYNBOX)
	$(CC) $(WORKER_LDFLAGS) $^ -o $@ $(TCC_LIBS)

SBX_HARNESS := $(BUILD)/tests/sandbox/harness.o
$(SBX_TEST): $(BUILD)/tests/sandbox/test_sandbox.o $(SBX_HARNESS) $(CLIENT_OBJ)
	$(CC) $(LDFLAGS) $^ -o $@ $(DAEMON_LIBS)

$(BUILD)/tests/sandbox/test_sandbox_unit.o: CFLAGS += $(shell pkg-config --cflags check 2>/dev/null)
# The unit test loads the real filter into forked children (confine.o) and
# JITs through runtime/jit.o, which needs the runtime's symbol table.
$(SBX_UNIT): $(BUILD)/tests/sandbox/test_sandbox_unit.o $(BUILD)/runtime/jit.o \
             $(BUILD)/server/sandbox.o $(BUILD)/server/confine.o $(BUILD)/server/proto.o $(LIBRT)
	$(CC) $(LDFLAGS) $^ -o $@ $(DAEMON_LIBS) $(TCC_LIBS) $(shell pkg-config --libs check)

$(BENCH_DAEMON): $(BUILD)/bench/daemon.o $(SBX_HARNESS) $(CLIENT_OBJ)
	$(CC) $(LDFLAGS) $^ -o $@ $(DAEMON_LIBS) -lm

ALL_TARGETS   += $(DYNBOXD) $(DYNBOXD_WORKER)
TEST_TARGETS  += test-sandbox
BENCH_TARGETS += bench-daemon

.PHONY: test-sandbox bench-daemon

test-sandbox: $(SBX_UNIT) $(SBX_TEST) $(DYNBOXD) $(DYNBOXD_WORKER) $(DYNBOXC)
	$(SBX_UNIT)
	$(SBX_TEST) --daemon $(DYNBOXD) --cases tests/sandbox/cases --dynboxc $(DYNBOXC) --load $(SBX_LOAD)

# Writes its part of `make bench` (build/bench/daemon.json).
bench-daemon: $(BENCH_DAEMON) $(DYNBOXD) $(DYNBOXD_WORKER)
	@mkdir -p $(BENCH_DIR)
	$(BENCH_DAEMON) --daemon $(DYNBOXD) --out $(BENCH_DIR)/daemon.json

-include $(DAEMON_OBJ:.o=.d) $(CLIENT_OBJ:.o=.d) $(WORKER_OBJ:.o=.d) \
         $(BUILD)/tests/sandbox/test_sandbox.d $(BUILD)/tests/sandbox/harness.d $(BUILD)/tests/sandbox/test_sandbox_unit.d \
         $(BUILD)/bench/daemon.d
