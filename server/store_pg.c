/* store_pg.c — the PostgreSQL snippet store (libpq), for several stateless
 * dynbox-server processes sharing one store. Same interface and the same
 * migrations as the SQLite store, in PostgreSQL's dialect
 * (migrations/postgres/, compiled into the binary).
 *
 * One connection guarded by a mutex, re-established once when a call finds
 * it broken. Writes are acknowledged after COMMIT, which with PostgreSQL's
 * default synchronous_commit means the WAL record is on disk. Code is stored
 * as bytea so that every snippet the SQLite store accepts (NUL bytes
 * included) is stored byte for byte here too.
 */
#include "store.h"

#include <libpq-fe.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* build/gen/migrations_pg.inc is generated from migrations/postgres/NNNN_*.sql by
 * server/pg.mk, in file-name order. */
static const StoreMigration pg_migrations[] = {
#include "migrations_pg.inc"
};
#define NPG_MIGRATIONS (sizeof pg_migrations / sizeof pg_migrations[0])

/* Any constant works: every dynbox-server migrating the same database takes
 * this advisory lock, so two servers starting at once do not race. */
#define MIGRATION_LOCK_KEY 0x64796e626f78LL /* "dynbox" */

typedef struct PgStore {
    Store base;
    pthread_mutex_t mu;
    PGconn *conn;
    char *conninfo;
} PgStore;

static int fail_conn(PgStore *s, const char *what, char *err, size_t errlen)
{
    const char *msg = PQerrorMessage(s->conn);
    size_t n = strlen(msg);
    while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
        n--;
    snprintf(err, errlen, "%s: %.*s", what, (int)n, msg);
    return STORE_ERROR;
}

/* Runs a statement without results; STORE_OK or STORE_ERROR with err set. */
static int exec_cmd(PgStore *s, const char *sql, char *err, size_t errlen)
{
    PGresult *r = PQexec(s->conn, sql);
    ExecStatusType st = PQresultStatus(r);
    int rc = (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK) ? STORE_OK : STORE_ERROR;
    if (rc != STORE_OK)
        fail_conn(s, "postgres", err, errlen);
    PQclear(r);
    return rc;
}

static int apply_migrations(PgStore *s, char *err, size_t errlen)
{
    char lock[96];
    snprintf(lock, sizeof lock, "SELECT pg_advisory_lock(%lld)", MIGRATION_LOCK_KEY);
    if (exec_cmd(s, lock, err, errlen) != STORE_OK)
        return STORE_ERROR;
    int rc = exec_cmd(s,
                      "CREATE TABLE IF NOT EXISTS schema_migrations ("
                      " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)",
                      err, errlen);
    long have = 0;
    if (rc == STORE_OK) {
        PGresult *r = PQexec(s->conn, "SELECT coalesce(max(version), 0) FROM schema_migrations");
        if (PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1)
            have = strtol(PQgetvalue(r, 0, 0), NULL, 10);
        else
            rc = fail_conn(s, "reading the schema version", err, errlen);
        PQclear(r);
    }
    int known = NPG_MIGRATIONS ? pg_migrations[NPG_MIGRATIONS - 1].version : 0;
    if (rc == STORE_OK && have > known) {
        snprintf(err, errlen,
                 "the database is at schema version %ld but this dynbox-server knows only up to "
                 "%d: upgrade dynbox-server",
                 have, known);
        rc = STORE_ERROR;
    }
    for (size_t i = 0; rc == STORE_OK && i < NPG_MIGRATIONS; i++) {
        const StoreMigration *m = &pg_migrations[i];
        if (m->version <= have)
            continue;
        /* Each migration and its record in one transaction. */
        char e2[256];
        if (exec_cmd(s, "BEGIN", err, errlen) != STORE_OK) {
            rc = STORE_ERROR;
            break;
        }
        if (exec_cmd(s, m->sql, e2, sizeof e2) != STORE_OK) {
            snprintf(err, errlen, "migration %s failed: %s", m->name, e2);
            exec_cmd(s, "ROLLBACK", e2, sizeof e2);
            rc = STORE_ERROR;
            break;
        }
        char version[16], at[24];
        snprintf(version, sizeof version, "%d", m->version);
        snprintf(at, sizeof at, "%lld", (long long)time(NULL));
        const char *params[3] = {version, m->name, at};
        PGresult *r = PQexecParams(s->conn, "INSERT INTO schema_migrations VALUES ($1, $2, $3)", 3,
                                   NULL, params, NULL, NULL, 0);
        if (PQresultStatus(r) != PGRES_COMMAND_OK) {
            fail_conn(s, "recording a migration", err, errlen);
            rc = STORE_ERROR;
        }
        PQclear(r);
        if (rc == STORE_OK)
            rc = exec_cmd(s, "COMMIT", err, errlen);
        else
            exec_cmd(s, "ROLLBACK", e2, sizeof e2);
    }
    snprintf(lock, sizeof lock, "SELECT pg_advisory_unlock(%lld)", MIGRATION_LOCK_KEY);
    char e3[256];
    exec_cmd(s, lock, e3, sizeof e3);
    return rc;
}

/* The connection is usable, or was re-established just now. */
static int ensure_conn(PgStore *s, char *err, size_t errlen)
{
    if (PQstatus(s->conn) == CONNECTION_OK)
        return STORE_OK;
    PQreset(s->conn);
    if (PQstatus(s->conn) == CONNECTION_OK)
        return STORE_OK;
    return fail_conn(s, "connecting to postgres", err, errlen);
}

/* A query with text parameters; a broken connection is retried once. */
static PGresult *query(PgStore *s, const char *sql, int n, const char *const *params,
                       const int *lengths, const int *formats, char *err, size_t errlen)
{
    for (int attempt = 0; attempt < 2; attempt++) {
        if (ensure_conn(s, err, errlen) != STORE_OK)
            return NULL;
        PGresult *r = PQexecParams(s->conn, sql, n, NULL, params, lengths, formats, 0);
        ExecStatusType st = PQresultStatus(r);
        if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK)
            return r;
        PQclear(r);
        if (PQstatus(s->conn) == CONNECTION_OK) /* a real SQL error: no retry */
            break;
    }
    fail_conn(s, "postgres", err, errlen);
    return NULL;
}

static int pg_put(Store *base, const StoreSnippet *sn, bool *created, char *err, size_t errlen)
{
    PgStore *s = (PgStore *)base;
    char size[24], at[24];
    snprintf(size, sizeof size, "%zu", sn->code_len);
    snprintf(at, sizeof at, "%lld", (long long)sn->created_at);
    const char *params[6] = {sn->id, sn->code, sn->options, sn->title, size, at};
    int lengths[6] = {0, (int)sn->code_len, 0, 0, 0, 0};
    int formats[6] = {0, 1, 0, 0, 0, 0}; /* code goes in binary: bytea */
    pthread_mutex_lock(&s->mu);
    PGresult *r = query(s,
                        "INSERT INTO snippets (id, code, options, title, size, created_at) "
                        "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING RETURNING id",
                        6, params, lengths, formats, err, errlen);
    int rc = STORE_ERROR;
    if (r) {
        *created = PQntuples(r) == 1;
        rc = STORE_OK;
        PQclear(r);
    }
    pthread_mutex_unlock(&s->mu);
    return rc;
}

static char *dup_value(const PGresult *r, int col)
{
    if (PQgetisnull(r, 0, col))
        return NULL;
    return strdup(PQgetvalue(r, 0, col));
}

static int pg_get(Store *base, const char *id, StoreSnippet *out, char *err, size_t errlen)
{
    PgStore *s = (PgStore *)base;
    const char *params[1] = {id};
    int formats[1] = {0};
    pthread_mutex_lock(&s->mu);
    PGresult *r = query(s, "SELECT code, options, title, created_at FROM snippets WHERE id = $1", 1,
                        params, NULL, formats, err, errlen);
    pthread_mutex_unlock(&s->mu);
    if (!r)
        return STORE_ERROR;
    if (PQntuples(r) == 0) {
        PQclear(r);
        return STORE_NOTFOUND;
    }
    memset(out, 0, sizeof *out);
    snprintf(out->id, sizeof out->id, "%s", id);
    size_t n = 0;
    unsigned char *code = PQunescapeBytea((const unsigned char *)PQgetvalue(r, 0, 0), &n);
    int rc = STORE_OK;
    if (!code) {
        snprintf(err, errlen, "postgres: cannot decode the stored code");
        rc = STORE_ERROR;
    } else {
        out->code = malloc(n + 1);
        if (out->code) {
            memcpy(out->code, code, n);
            out->code[n] = '\0';
        }
        out->code_len = n;
        PQfreemem(code);
        out->options = dup_value(r, 1);
        out->title = dup_value(r, 2);
        out->created_at = strtoll(PQgetvalue(r, 0, 3), NULL, 10);
        if (!out->code || !out->options) {
            store_snippet_free(out);
            snprintf(err, errlen, "out of memory reading a snippet");
            rc = STORE_ERROR;
        }
    }
    PQclear(r);
    return rc;
}

static int64_t pg_count(Store *base)
{
    PgStore *s = (PgStore *)base;
    char err[256];
    pthread_mutex_lock(&s->mu);
    PGresult *r = query(s, "SELECT count(*) FROM snippets", 0, NULL, NULL, NULL, err, sizeof err);
    pthread_mutex_unlock(&s->mu);
    if (!r)
        return -1;
    int64_t n = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
    PQclear(r);
    return n;
}

static int pg_ping(Store *base, char *err, size_t errlen)
{
    PgStore *s = (PgStore *)base;
    pthread_mutex_lock(&s->mu);
    PGresult *r = query(s, "SELECT 1", 0, NULL, NULL, NULL, err, errlen);
    pthread_mutex_unlock(&s->mu);
    if (!r)
        return STORE_ERROR;
    PQclear(r);
    return STORE_OK;
}

static void pg_close(Store *base)
{
    PgStore *s = (PgStore *)base;
    PQfinish(s->conn);
    pthread_mutex_destroy(&s->mu);
    free(s->conninfo);
    free(s);
}

static void ignore_notice(void *arg, const char *message)
{
    (void)arg;
    (void)message;
}

static const StoreOps pg_ops = {pg_put, pg_get, pg_count, pg_ping, pg_close};

Store *store_pg_open(const char *conninfo, char *err, size_t errlen)
{
    PgStore *s = calloc(1, sizeof *s);
    if (!s || !(s->conninfo = strdup(conninfo))) {
        free(s);
        snprintf(err, errlen, "out of memory");
        return NULL;
    }
    s->base.ops = &pg_ops;
    s->base.backend = "postgres";
    pthread_mutex_init(&s->mu, NULL);
    s->conn = PQconnectdb(conninfo);
    if (PQstatus(s->conn) != CONNECTION_OK) {
        fail_conn(s, "connecting to postgres", err, errlen);
        pg_close(&s->base);
        return NULL;
    }
    /* Notices (e.g. "relation already exists, skipping") are not errors. */
    PQsetNoticeProcessor(s->conn, ignore_notice, NULL);
    if (apply_migrations(s, err, errlen) != STORE_OK) {
        pg_close(&s->base);
        return NULL;
    }
    return &s->base;
}
