/* store_sqlite.c — the SQLite snippet store: WAL journal, synchronous=FULL
 * (a share is acknowledged only after its commit is on disk), migrations
 * from migrations/ compiled into the binary and applied at open.
 *
 * Two connections, each guarded by its mutex: the writer, and a reader
 * that WAL lets proceed while a commit waits for its fsync. Statements are
 * prepared once.
 */
#include "store.h"

#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* build/gen/migrations_sql.inc is generated from migrations/NNNN_*.sql by
 * server/http.mk, in file-name order. */
static const StoreMigration migrations[] = {
#include "migrations_sql.inc"
};
#define NMIGRATIONS (sizeof migrations / sizeof migrations[0])

typedef struct SqliteStore {
    Store base;
    pthread_mutex_t mu, rmu;
    sqlite3 *db, *rdb;
    sqlite3_stmt *ins, *sel, *cnt;
} SqliteStore;

static int fail(SqliteStore *s, const char *what, char *err, size_t errlen)
{
    snprintf(err, errlen, "%s: %s", what, sqlite3_errmsg(s->db));
    return STORE_ERROR;
}

static int exec(SqliteStore *s, const char *sql, char *err, size_t errlen)
{
    char *msg = NULL;
    if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        snprintf(err, errlen, "%s", msg ? msg : sqlite3_errmsg(s->db));
        sqlite3_free(msg);
        return STORE_ERROR;
    }
    return STORE_OK;
}

static int64_t scalar(SqliteStore *s, const char *sql)
{
    sqlite3_stmt *st;
    int64_t v = -1;
    if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
        return -1;
    if (sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_type(st, 0) == SQLITE_NULL ? 0 : sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

/* Each migration in its own transaction, recorded in schema_migrations; a
 * database that records a version we do not know refuses to open. */
static int migrate(SqliteStore *s, char *err, size_t errlen)
{
    if (exec(s,
             "CREATE TABLE IF NOT EXISTS schema_migrations ("
             " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)",
             err, errlen) != STORE_OK)
        return STORE_ERROR;
    int64_t have = scalar(s, "SELECT max(version) FROM schema_migrations");
    if (have < 0)
        return fail(s, "reading the schema version", err, errlen);
    int known = NMIGRATIONS ? migrations[NMIGRATIONS - 1].version : 0;
    if (have > known) {
        snprintf(err, errlen,
                 "the database is at schema version %lld but this dynbox-server knows only up to "
                 "version %d; run a newer dynbox-server",
                 (long long)have, known);
        return STORE_ERROR;
    }
    for (size_t i = 0; i < NMIGRATIONS; i++) {
        const StoreMigration *m = &migrations[i];
        if (m->version <= have)
            continue;
        char e2[512];
        if (exec(s, "BEGIN IMMEDIATE", e2, sizeof e2) != STORE_OK ||
            exec(s, m->sql, e2, sizeof e2) != STORE_OK) {
            snprintf(err, errlen, "migration %s failed: %.300s", m->name, e2);
            exec(s, "ROLLBACK", e2, sizeof e2);
            return STORE_ERROR;
        }
        sqlite3_stmt *st;
        int rc = sqlite3_prepare_v2(s->db, "INSERT INTO schema_migrations VALUES (?, ?, ?)", -1, &st, NULL);
        if (rc == SQLITE_OK) {
            sqlite3_bind_int(st, 1, m->version);
            sqlite3_bind_text(st, 2, m->name, -1, SQLITE_STATIC);
            sqlite3_bind_int64(st, 3, (sqlite3_int64)time(NULL));
            rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
            sqlite3_finalize(st);
        }
        if (rc != SQLITE_OK || exec(s, "COMMIT", e2, sizeof e2) != STORE_OK) {
            snprintf(err, errlen, "recording migration %s failed: %s", m->name, sqlite3_errmsg(s->db));
            exec(s, "ROLLBACK", e2, sizeof e2);
            return STORE_ERROR;
        }
    }
    return STORE_OK;
}

static char *dup_col(sqlite3_stmt *st, int col, size_t *len)
{
    const unsigned char *t = sqlite3_column_text(st, col);
    if (!t)
        return NULL;
    size_t n = (size_t)sqlite3_column_bytes(st, col);
    char *p = malloc(n + 1);
    if (p) {
        memcpy(p, t, n);
        p[n] = '\0';
    }
    if (len)
        *len = n;
    return p;
}

static int sq_put(Store *base, const StoreSnippet *sn, bool *created, char *err, size_t errlen)
{
    SqliteStore *s = (SqliteStore *)base;
    int rc = STORE_OK;
    pthread_mutex_lock(&s->mu);
    sqlite3_stmt *st = s->ins;
    sqlite3_bind_text(st, 1, sn->id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, sn->code, (int)sn->code_len, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, sn->options, -1, SQLITE_STATIC);
    if (sn->title)
        sqlite3_bind_text(st, 4, sn->title, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, 4);
    sqlite3_bind_int64(st, 5, (sqlite3_int64)sn->code_len);
    sqlite3_bind_int64(st, 6, (sqlite3_int64)sn->created_at);
    if (sqlite3_step(st) != SQLITE_DONE)
        rc = fail(s, "storing the snippet", err, errlen);
    else
        *created = sqlite3_changes(s->db) > 0;
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    pthread_mutex_unlock(&s->mu);
    return rc;
}

static int sq_get(Store *base, const char *id, StoreSnippet *out, char *err, size_t errlen)
{
    SqliteStore *s = (SqliteStore *)base;
    int rc = STORE_NOTFOUND;
    memset(out, 0, sizeof *out);
    pthread_mutex_lock(&s->rmu);
    sqlite3_stmt *st = s->sel;
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    int step = sqlite3_step(st);
    if (step == SQLITE_ROW) {
        snprintf(out->id, sizeof out->id, "%s", id);
        out->code = dup_col(st, 0, &out->code_len);
        out->options = dup_col(st, 1, NULL);
        out->title = dup_col(st, 2, NULL);
        out->created_at = sqlite3_column_int64(st, 3);
        rc = out->code && out->options ? STORE_OK : STORE_ERROR;
        if (rc != STORE_OK) {
            snprintf(err, errlen, "out of memory reading a snippet");
            store_snippet_free(out);
        }
    } else if (step != SQLITE_DONE) {
        snprintf(err, errlen, "reading the snippet: %s", sqlite3_errmsg(s->rdb));
        rc = STORE_ERROR;
    }
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    pthread_mutex_unlock(&s->rmu);
    return rc;
}

static int64_t sq_count(Store *base)
{
    SqliteStore *s = (SqliteStore *)base;
    int64_t n = -1;
    pthread_mutex_lock(&s->rmu);
    if (sqlite3_step(s->cnt) == SQLITE_ROW)
        n = sqlite3_column_int64(s->cnt, 0);
    sqlite3_reset(s->cnt);
    pthread_mutex_unlock(&s->rmu);
    return n;
}

static int sq_ping(Store *base, char *err, size_t errlen)
{
    SqliteStore *s = (SqliteStore *)base;
    pthread_mutex_lock(&s->mu);
    int64_t v = scalar(s, "SELECT 1");
    pthread_mutex_unlock(&s->mu);
    if (v != 1) {
        snprintf(err, errlen, "the database does not answer: %s", sqlite3_errmsg(s->db));
        return STORE_ERROR;
    }
    return STORE_OK;
}

static void sq_close(Store *base)
{
    SqliteStore *s = (SqliteStore *)base;
    sqlite3_finalize(s->ins);
    sqlite3_finalize(s->sel);
    sqlite3_finalize(s->cnt);
    /* a clean close checkpoints the WAL into the main file */
    sqlite3_close(s->rdb);
    sqlite3_close(s->db);
    pthread_mutex_destroy(&s->mu);
    pthread_mutex_destroy(&s->rmu);
    free(s);
}

static const StoreOps sqlite_ops = {sq_put, sq_get, sq_count, sq_ping, sq_close};

Store *store_sqlite_open(const char *path, char *err, size_t errlen)
{
    SqliteStore *s = calloc(1, sizeof *s);
    if (!s) {
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    s->base.ops = &sqlite_ops;
    s->base.backend = "sqlite";
    pthread_mutex_init(&s->mu, NULL);
    pthread_mutex_init(&s->rmu, NULL);
    int rc = sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                             NULL);
    if (rc != SQLITE_OK) {
        snprintf(err, errlen, "cannot open the database `%s`: %s", path,
                 s->db ? sqlite3_errmsg(s->db) : sqlite3_errstr(rc));
        goto fail;
    }
    sqlite3_busy_timeout(s->db, 5000);
    char e2[512];
    if (exec(s, "PRAGMA journal_mode=WAL", e2, sizeof e2) != STORE_OK ||
        exec(s, "PRAGMA synchronous=FULL", e2, sizeof e2) != STORE_OK ||
        exec(s, "PRAGMA foreign_keys=ON", e2, sizeof e2) != STORE_OK) {
        snprintf(err, errlen, "database `%.200s`: %.300s", path, e2);
        goto fail;
    }
    if (migrate(s, e2, sizeof e2) != STORE_OK) {
        snprintf(err, errlen, "database `%.200s`: %.300s", path, e2);
        goto fail;
    }
    if (sqlite3_prepare_v2(s->db,
                           "INSERT OR IGNORE INTO snippets (id, code, options, title, size, created_at) "
                           "VALUES (?, ?, ?, ?, ?, ?)",
                           -1, &s->ins, NULL) != SQLITE_OK ||
        sqlite3_open_v2(path, &s->rdb, SQLITE_OPEN_READONLY | SQLITE_OPEN_FULLMUTEX, NULL) != SQLITE_OK ||
        sqlite3_busy_timeout(s->rdb, 5000) != SQLITE_OK ||
        sqlite3_prepare_v2(s->rdb, "SELECT code, options, title, created_at FROM snippets WHERE id = ?", -1,
                           &s->sel, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(s->rdb, "SELECT count(*) FROM snippets", -1, &s->cnt, NULL) != SQLITE_OK) {
        snprintf(err, errlen, "database `%s`: %s", path, sqlite3_errmsg(s->db));
        goto fail;
    }
    return &s->base;
fail:
    sqlite3_finalize(s->ins);
    sqlite3_finalize(s->sel);
    sqlite3_finalize(s->cnt);
    sqlite3_close(s->rdb);
    sqlite3_close(s->db);
    pthread_mutex_destroy(&s->mu);
    pthread_mutex_destroy(&s->rmu);
    free(s);
    return NULL;
}

/* The online backup API: copies a consistent snapshot of the live database
 * (other processes may keep writing) page by page into DEST.tmp, then
 * renames it to DEST, so DEST is either the old file or a whole backup. */
int store_sqlite_backup(const char *path, const char *dest, char *err, size_t errlen)
{
    sqlite3 *src = NULL, *dst = NULL;
    char tmp[4096];
    if (snprintf(tmp, sizeof tmp, "%s.tmp", dest) >= (int)sizeof tmp) {
        snprintf(err, errlen, "backup path too long");
        return STORE_ERROR;
    }
    remove(tmp);
    int rc = sqlite3_open_v2(path, &src, SQLITE_OPEN_READONLY, NULL);
    if (rc != SQLITE_OK) {
        snprintf(err, errlen, "cannot open the database `%s`: %s", path,
                 src ? sqlite3_errmsg(src) : sqlite3_errstr(rc));
        sqlite3_close(src);
        return STORE_ERROR;
    }
    sqlite3_busy_timeout(src, 5000);
    rc = sqlite3_open_v2(tmp, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
    sqlite3_backup *b = rc == SQLITE_OK ? sqlite3_backup_init(dst, "main", src, "main") : NULL;
    if (!b) {
        snprintf(err, errlen, "cannot write `%s`: %s", tmp, dst ? sqlite3_errmsg(dst) : sqlite3_errstr(rc));
        sqlite3_close(dst);
        sqlite3_close(src);
        remove(tmp);
        return STORE_ERROR;
    }
    /* 256 pages a step; a writer holding the lock makes the step retry. */
    do {
        rc = sqlite3_backup_step(b, 256);
        if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
            sqlite3_sleep(20);
    } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
    sqlite3_backup_finish(b);
    if (rc != SQLITE_DONE) {
        snprintf(err, errlen, "backup of `%s` failed: %s", path, sqlite3_errstr(rc));
        sqlite3_close(dst);
        sqlite3_close(src);
        remove(tmp);
        return STORE_ERROR;
    }
    /* the copy is an ordinary rollback-journal database, fsynced on close */
    rc = sqlite3_exec(dst, "PRAGMA journal_mode=DELETE", NULL, NULL, NULL);
    sqlite3_close(dst);
    sqlite3_close(src);
    if (rc != SQLITE_OK || rename(tmp, dest) != 0) {
        snprintf(err, errlen, "cannot move the backup into place at `%s`", dest);
        remove(tmp);
        return STORE_ERROR;
    }
    return STORE_OK;
}
