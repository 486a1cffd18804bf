# tests/ops/build.mk — operations: the snippet store on both backends
# (SQLite, PostgreSQL), the Dockerfile check, several servers and daemons.
TEST_STORE := $(BUILD)/test_store
$(BUILD)/tests/ops/test_store.o: CFLAGS += $(shell pkg-config --cflags check 2>/dev/null)
$(TEST_STORE): $(BUILD)/tests/ops/test_store.o $(addprefix $(BUILD)/server/,store.o store_sqlite.o store_pg.o)
	$(CC) $(LDFLAGS) $^ -o $@ $(shell pkg-config --libs check sqlite3 libpq) -lpthread

TEST_TARGETS += test-ops
.PHONY: test-ops docker-check
test-ops: $(TEST_STORE) $(DYNBOX_SERVER) $(DYNBOXD) $(DYNBOXD_WORKER)
	DYNBOX_BUILD=$(BUILD) tests/ops/docker_check.sh
	python3 tests/ops/deploy_check.py $(BUILD)
	tests/ops/run.sh $(TEST_STORE) $(BUILD)

# Lints the Dockerfile and checks what it copies and runs (no Docker needed).
docker-check: $(DYNBOX_SERVER)
	DYNBOX_BUILD=$(BUILD) scripts/docker-check

-include $(BUILD)/tests/ops/test_store.d
