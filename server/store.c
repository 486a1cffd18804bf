/* store.c — picks a snippet-store backend from the spec's scheme. */
#include "store.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool is_postgres(const char *spec)
{
    return strncmp(spec, "postgres://", 11) == 0 || strncmp(spec, "postgresql://", 13) == 0;
}

Store *store_open(const char *spec, char *err, size_t errlen)
{
    if (strncmp(spec, "sqlite:", 7) == 0)
        return store_sqlite_open(spec + 7, err, errlen);
    if (is_postgres(spec))
        return store_pg_open(spec, err, errlen);
    if (strstr(spec, "://")) {
        snprintf(err, errlen,
                 "store `%s`: unknown backend (use a SQLite path, sqlite:PATH or postgres://...)", spec);
        return NULL;
    }
    return store_sqlite_open(spec, err, errlen);
}

int store_backup(const char *spec, const char *dest, char *err, size_t errlen)
{
    if (is_postgres(spec)) {
        snprintf(err, errlen, "the store is PostgreSQL: back it up with pg_dump (docs/operations.md)");
        return STORE_ERROR;
    }
    if (strstr(spec, "://")) {
        snprintf(err, errlen, "store `%s`: unknown backend", spec);
        return STORE_ERROR;
    }
    return store_sqlite_backup(strncmp(spec, "sqlite:", 7) == 0 ? spec + 7 : spec, dest, err, errlen);
}

void store_describe(const char *spec, char *out, size_t outlen)
{
    /* scheme://user:password@host... -> scheme://user:***@host... */
    const char *auth = strstr(spec, "://");
    const char *at = auth ? strchr(auth + 3, '@') : NULL;
    const char *colon = auth ? strchr(auth + 3, ':') : NULL;
    if (!at || !colon || colon > at) {
        snprintf(out, outlen, "%s", spec);
        return;
    }
    snprintf(out, outlen, "%.*s:***%s", (int)(colon - spec), spec, at);
}

void store_snippet_free(StoreSnippet *sn)
{
    free(sn->code);
    free(sn->options);
    free(sn->title);
    sn->code = sn->options = sn->title = NULL;
}
