/* test_store.c — the snippet-store interface against every backend: SQLite
 * always, PostgreSQL when DYNBOX_TEST_PG holds a conninfo (tests/ops/store.sh
 * starts a throwaway server on loopback and sets it). The same cases run on
 * both, so the backends cannot drift apart. */
#include "../../server/store.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char sqlite_dir[] = "/tmp/dynbox-store-XXXXXX";
static char spec[512];

/* Each test gets an empty store of the backend under test. */
static Store *open_fresh(void)
{
    char err[512] = "";
    Store *s = store_open(spec, err, sizeof err);
    ck_assert_msg(s != NULL, "store_open(%s): %s", spec, err);
    return s;
}

static StoreSnippet snippet(const char *id, const char *code, size_t len)
{
    StoreSnippet sn;
    memset(&sn, 0, sizeof sn);
    snprintf(sn.id, sizeof sn.id, "%s", id);
    sn.code = (char *)code;
    sn.code_len = len;
    sn.options = (char *)"{\"rules\":\"stable\",\"abi\":\"callee\"}";
    sn.title = NULL;
    sn.created_at = 1764800000;
    return sn;
}

/* Ids are unique per test run so that tests on a shared PostgreSQL database
 * do not see each other's rows. */
static void make_id(char *out, size_t n, const char *what)
{
    snprintf(out, n, "%s%ld%d", what, (long)getpid(), rand() % 100000);
}

START_TEST(put_then_get_round_trips)
{
    Store *s = open_fresh();
    char id[48], err[256];
    make_id(id, sizeof id, "rt");
    const char code[] = "fn main() {\n    println!(\"héllo\");\n}\n";
    StoreSnippet sn = snippet(id, code, strlen(code));
    bool created = false;
    ck_assert_int_eq(s->ops->put(s, &sn, &created, err, sizeof err), STORE_OK);
    ck_assert(created);
    StoreSnippet got;
    ck_assert_int_eq(s->ops->get(s, id, &got, err, sizeof err), STORE_OK);
    ck_assert_str_eq(got.id, id);
    ck_assert_uint_eq(got.code_len, strlen(code));
    ck_assert_str_eq(got.code, code);
    ck_assert_str_eq(got.options, sn.options);
    ck_assert_ptr_null(got.title);
    ck_assert_int_eq(got.created_at, 1764800000);
    store_snippet_free(&got);
    store_close(s);
}
END_TEST

START_TEST(same_id_twice_is_stored_once)
{
    Store *s = open_fresh();
    char id[48], err[256];
    make_id(id, sizeof id, "dup");
    int64_t before = s->ops->count(s);
    StoreSnippet sn = snippet(id, "fn main() {}", 12);
    bool created = false;
    ck_assert_int_eq(s->ops->put(s, &sn, &created, err, sizeof err), STORE_OK);
    ck_assert(created);
    ck_assert_int_eq(s->ops->put(s, &sn, &created, err, sizeof err), STORE_OK);
    ck_assert(!created);
    ck_assert_int_eq(s->ops->count(s), before + 1);
    store_close(s);
}
END_TEST

START_TEST(unknown_id_is_not_found)
{
    Store *s = open_fresh();
    char err[256];
    StoreSnippet got;
    ck_assert_int_eq(s->ops->get(s, "doesNotExist0", &got, err, sizeof err), STORE_NOTFOUND);
    ck_assert_int_eq(s->ops->ping(s, err, sizeof err), STORE_OK);
    store_close(s);
}
END_TEST

START_TEST(code_is_stored_byte_for_byte)
{
    Store *s = open_fresh();
    char id[48], err[256];
    make_id(id, sizeof id, "bin");
    const char code[] = "let s = \"a\0b\";\r\n\t\\x00 '\"";
    StoreSnippet sn = snippet(id, code, sizeof code - 1);
    sn.title = (char *)"a title with 'quotes'";
    bool created;
    ck_assert_int_eq(s->ops->put(s, &sn, &created, err, sizeof err), STORE_OK);
    StoreSnippet got;
    ck_assert_int_eq(s->ops->get(s, id, &got, err, sizeof err), STORE_OK);
    ck_assert_uint_eq(got.code_len, sizeof code - 1);
    ck_assert_mem_eq(got.code, code, sizeof code - 1);
    ck_assert_str_eq(got.title, "a title with 'quotes'");
    store_snippet_free(&got);
    store_close(s);
}
END_TEST

START_TEST(writes_survive_reopening)
{
    char id[48], err[256];
    make_id(id, sizeof id, "dur");
    Store *s = open_fresh();
    StoreSnippet sn = snippet(id, "fn main() {}", 12);
    bool created;
    ck_assert_int_eq(s->ops->put(s, &sn, &created, err, sizeof err), STORE_OK);
    store_close(s);
    s = open_fresh(); /* migrations already applied: a no-op now */
    StoreSnippet got;
    ck_assert_int_eq(s->ops->get(s, id, &got, err, sizeof err), STORE_OK);
    ck_assert_str_eq(got.code, "fn main() {}");
    store_snippet_free(&got);
    store_close(s);
}
END_TEST

START_TEST(unknown_backend_is_a_clear_error)
{
    char err[256] = "";
    ck_assert_ptr_null(store_open("mysql://localhost/db", err, sizeof err));
    ck_assert_msg(strstr(err, "mysql://localhost/db") != NULL, "error names the spec: %s", err);
}
END_TEST

START_TEST(backup_is_a_whole_copy)
{
    char id[48], err[256], dest[600];
    make_id(id, sizeof id, "bak");
    Store *s = open_fresh();
    StoreSnippet sn = snippet(id, "fn main() {}", 12);
    bool created;
    ck_assert_int_eq(s->ops->put(s, &sn, &created, err, sizeof err), STORE_OK);
    snprintf(dest, sizeof dest, "%s/backup.db", sqlite_dir);
    int rc = store_backup(spec, dest, err, sizeof err);
    if (strcmp(s->backend, "postgres") == 0) {
        /* pg_dump's job: the error says so */
        ck_assert_int_eq(rc, STORE_ERROR);
        ck_assert_msg(strstr(err, "pg_dump") != NULL, "%s", err);
        store_close(s);
        return;
    }
    ck_assert_msg(rc == STORE_OK, "backup: %s", err);
    store_close(s); /* the backup was taken with the store open */
    char backup_spec[640];
    snprintf(backup_spec, sizeof backup_spec, "sqlite:%s", dest);
    Store *b = store_open(backup_spec, err, sizeof err);
    ck_assert_msg(b != NULL, "opening the backup: %s", err);
    StoreSnippet got;
    ck_assert_int_eq(b->ops->get(b, id, &got, err, sizeof err), STORE_OK);
    ck_assert_str_eq(got.code, "fn main() {}");
    store_snippet_free(&got);
    store_close(b);
    remove(dest);
}
END_TEST

START_TEST(passwords_stay_out_of_logs)
{
    char out[256];
    store_describe("postgres://dynbox:s3cret@db.internal:5432/play", out, sizeof out);
    ck_assert_str_eq(out, "postgres://dynbox:***@db.internal:5432/play");
    store_describe("postgresql://dynbox@127.0.0.1/postgres", out, sizeof out);
    ck_assert_str_eq(out, "postgresql://dynbox@127.0.0.1/postgres");
    store_describe("data/dynbox.db", out, sizeof out);
    ck_assert_str_eq(out, "data/dynbox.db");
}
END_TEST

static Suite *store_suite(const char *backend)
{
    Suite *su = suite_create(backend);
    TCase *tc = tcase_create("store");
    tcase_add_test(tc, put_then_get_round_trips);
    tcase_add_test(tc, same_id_twice_is_stored_once);
    tcase_add_test(tc, unknown_id_is_not_found);
    tcase_add_test(tc, code_is_stored_byte_for_byte);
    tcase_add_test(tc, writes_survive_reopening);
    tcase_add_test(tc, unknown_backend_is_a_clear_error);
    tcase_add_test(tc, backup_is_a_whole_copy);
    tcase_add_test(tc, passwords_stay_out_of_logs);
    suite_add_tcase(su, tc);
    return su;
}

static int run_backend(const char *backend)
{
    SRunner *sr = srunner_create(store_suite(backend));
    srunner_set_fork_status(sr, CK_NOFORK);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed;
}

int main(void)
{
    srand((unsigned)getpid());
    int failed = 0;
    if (!mkdtemp(sqlite_dir)) {
        perror("mkdtemp");
        return 1;
    }
    snprintf(spec, sizeof spec, "sqlite:%s/snippets.db", sqlite_dir);
    failed += run_backend("sqlite");

    const char *pg = getenv("DYNBOX_TEST_PG");
    if (pg && *pg) {
        snprintf(spec, sizeof spec, "%s", pg);
        failed += run_backend("postgres");
    } else {
        printf("test_store: postgres skipped (DYNBOX_TEST_PG is not set; tests/ops/store.sh sets it)\n");
    }
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", sqlite_dir);
    if (system(cmd) != 0)
        fprintf(stderr, "test_store: could not remove %s\n", sqlite_dir);
    return failed ? 1 : 0;
}
