# server/http.mk — dynbox-server (HTTP API, snippet store, cache, metrics)
# and its API tests. Included by the top-level Makefile after server/build.mk,
# whose CLIENT_OBJ (the dynboxd client) it links.

DYNBOX_SERVER := $(BUILD)/dynbox-server
HTTP_OBJ := $(addprefix $(BUILD)/server/,http_main.o http_api.o http_static.o http_hash.o \
              store.o store_sqlite.o store_pg.o daemon_pool.o cache.o ratelimit.o metrics.o)
HTTP_LIBS = $(shell pkg-config --libs libmicrohttpd jansson sqlite3 libpq 2>/dev/null || \
              echo -lmicrohttpd -ljansson -lsqlite3 -lpq) -lpthread -lm

# Migrations are compiled into the binary, so the server needs no files
# besides its database: one {version, name, SQL} initializer per
# migrations/DIALECT/NNNN_name.sql, in file-name order. Both dialects carry
# the same migrations (tests/ops checks the lists agree).
# $(call migrations_inc,DIR) is the recipe writing $@ from DIR/*.sql.
define migrations_inc
	@mkdir -p $(dir $@)
	@rm -f $@.tmp; touch $@.tmp
	@for f in $(sort $(wildcard $(1)/*.sql)); do \
	  b=$$(basename $$f); v=$$(echo $$b | sed 's/^0*\([0-9][0-9]*\)_.*/\1/'); \
	  printf '{%s, "%s",\n' "$$v" "$$b" >> $@.tmp; \
	  sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/"/' -e 's/$$/\\n"/' $$f >> $@.tmp; \
	  printf '},\n' >> $@.tmp; \
	done
	@mv $@.tmp $@
endef
MIGRATIONS_INC := build/gen/migrations_sql.inc
$(MIGRATIONS_INC): $(sort $(wildcard migrations/sqlite/*.sql)) server/http.mk
	$(call migrations_inc,migrations/sqlite)
$(BUILD)/server/store_sqlite.o: $(MIGRATIONS_INC)
MIGRATIONS_PG_INC := build/gen/migrations_pg.inc
$(MIGRATIONS_PG_INC): $(sort $(wildcard migrations/postgres/*.sql)) server/http.mk
	$(call migrations_inc,migrations/postgres)
$(BUILD)/server/store_pg.o: $(MIGRATIONS_PG_INC)
$(BUILD)/server/store_pg.o: CFLAGS += $(shell pkg-config --cflags libpq 2>/dev/null)

$(DYNBOX_SERVER): $(HTTP_OBJ) $(CLIENT_OBJ)
	$(CC) $(LDFLAGS) $^ -o $@ $(HTTP_LIBS)

ALL_TARGETS  += $(DYNBOX_SERVER)
TEST_TARGETS += test-api

.PHONY: test-api
test-api: $(DYNBOX_SERVER) $(DYNBOXD) $(DYNBOXD_WORKER) $(BUILD)/test_api_load $(BUILD)/test_http_unit
	$(BUILD)/test_http_unit
	tests/api/run.sh $(DYNBOX_SERVER) $(BUILD)/test_api_load

# Check unit tests of the hash, the cache and the rate limiter.
$(BUILD)/tests/api/test_http_unit.o: CFLAGS += $(shell pkg-config --cflags check 2>/dev/null)
$(BUILD)/test_http_unit: $(BUILD)/tests/api/test_http_unit.o $(addprefix $(BUILD)/server/,http_hash.o cache.o ratelimit.o daemon_pool.o)
	$(CC) $(LDFLAGS) $^ -o $@ $(shell pkg-config --libs check) -lpthread -lm

# A small load client for the API tests: concurrent keep-alive connections.
$(BUILD)/test_api_load: $(BUILD)/tests/api/load.o
	$(CC) $(LDFLAGS) $^ -o $@ -lpthread

-include $(HTTP_OBJ:.o=.d) $(BUILD)/tests/api/load.d $(BUILD)/tests/api/test_http_unit.d
