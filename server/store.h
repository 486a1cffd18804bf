/* store.h — the snippet store, as an interface so that backends other than
 * SQLite (PostgreSQL) can be added without touching the HTTP code.
 *
 * A Store is opened from a URL-like spec; every call is thread-safe. Strings
 * returned in a StoreSnippet are malloc'd and freed by store_snippet_free.
 */
#ifndef DYNBOX_STORE_H
#define DYNBOX_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct StoreSnippet {
    char id[48];
    char *code;
    size_t code_len;
    char *options; /* JSON object text */
    char *title;   /* NULL when none */
    int64_t created_at;
} StoreSnippet;

enum { STORE_OK = 0, STORE_NOTFOUND = 1, STORE_ERROR = -1 };

typedef struct Store Store;

/* One schema step, compiled in from migrations/DIALECT/NNNN_name.sql (the
 * build writes the initializers; server/http.mk). */
typedef struct StoreMigration {
    int version;
    const char *name;
    const char *sql;
} StoreMigration;

typedef struct StoreOps {
    /* Inserts unless a snippet with that id exists; returns only once the
     * write is durable. *created says whether this call inserted it. */
    int (*put)(Store *s, const StoreSnippet *sn, bool *created, char *err, size_t errlen);
    /* STORE_NOTFOUND, or fills *out (free it with store_snippet_free). */
    int (*get)(Store *s, const char *id, StoreSnippet *out, char *err, size_t errlen);
    int64_t (*count)(Store *s);
    /* Cheap liveness check for /healthz. */
    int (*ping)(Store *s, char *err, size_t errlen);
    void (*close)(Store *s);
} StoreOps;

struct Store {
    const StoreOps *ops;
    const char *backend; /* "sqlite" or "postgres" */
};

/* "postgres://..." / "postgresql://..." (PostgreSQL), "sqlite:PATH" or a
 * plain path (SQLite). Applies pending migrations.
 * NULL with a message on failure (including a database newer than us). */
Store *store_open(const char *spec, char *err, size_t errlen);

static inline void store_close(Store *s)
{
    if (s)
        s->ops->close(s);
}

void store_snippet_free(StoreSnippet *sn);

/* `dynbox-server backup DEST`: a consistent copy of the store at spec while
 * it is in use (SQLite's online backup API); PostgreSQL stores are backed up
 * with pg_dump, which the error says. */
int store_backup(const char *spec, const char *dest, char *err, size_t errlen);

/* spec for logs: a URL's password replaced by "***". */
void store_describe(const char *spec, char *out, size_t outlen);

/* The SQLite backend (store_sqlite.c). */
Store *store_sqlite_open(const char *path, char *err, size_t errlen);
int store_sqlite_backup(const char *path, const char *dest, char *err, size_t errlen);
/* The PostgreSQL backend (store_pg.c): a postgres:// or postgresql:// URL
 * (or any libpq conninfo), for several servers sharing one store. */
Store *store_pg_open(const char *conninfo, char *err, size_t errlen);

#endif
