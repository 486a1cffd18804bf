/* golden.c — compiletest-style expectations: `//~ ERROR text` on a line (or
 * `//~^ ERROR` for the line above, `//~| ERROR` for the previous
 * annotation's line) must match an error whose primary span is on that line
 * and whose message contains `text` (or whose code is `text`); every error
 * must be expected. Used by the golden suites of every phase.
 */
#include "golden.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct Expect {
    uint32_t line;
    char level[8];
    char text[256];
    bool matched;
} Expect;

char *golden_read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *s = malloc((size_t)n + 1);
    if (s && fread(s, 1, (size_t)n, f) != (size_t)n) {
        free(s);
        s = NULL;
    }
    fclose(f);
    if (s) s[n] = 0;
    *len = (size_t)n;
    return s;
}

static int parse_expectations(const char *src, Expect *out, int max) {
    int n = 0;
    uint32_t line = 1, prev_line = 0;
    for (const char *p = src; *p; p++) {
        if (*p == '\n') {
            line++;
            continue;
        }
        if (strncmp(p, "//~", 3) != 0) continue;
        const char *q = p + 3;
        uint32_t target = line;
        if (*q == '|') {
            target = prev_line;
            q++;
        } else {
            while (*q == '^') {
                target--;
                q++;
            }
        }
        while (*q == ' ') q++;
        Expect e = { .line = target };
        int k = 0;
        while (*q >= 'A' && *q <= 'Z' && k < 7) e.level[k++] = *q++;
        while (*q == ' ') q++;
        k = 0;
        while (*q && *q != '\n' && k < 255) e.text[k++] = *q++;
        while (k > 0 && e.text[k - 1] == ' ') e.text[--k] = 0;
        if (n < max) out[n++] = e;
        prev_line = target;
        p = q - 1;
    }
    return n;
}

static bool diag_matches(DbUnit *u, const Diag *d, const Expect *e) {
    bool is_error = d->level == DIAG_ERROR || d->level == DIAG_ICE;
    if (strcmp(e->level, "ERROR") == 0 && !is_error) return false;
    if (strcmp(e->level, "WARN") == 0 && d->level != DIAG_WARNING) return false;
    uint32_t line = 0, col;
    for (int i = 0; i < d->nspans; i++) {
        if (!d->spans[i].primary) continue;
        src_line_col(&u->src, d->spans[i].span.lo, &line, &col);
        break;
    }
    if (line != e->line) return false;
    if (!e->text[0]) return true;
    if (d->code && strcmp(d->code, e->text) == 0) return true;
    return strstr(d->message, e->text) != NULL;
}

bool golden_check(const char *name, const char *src, size_t len, DbPhase phase, Buf *problems) {
    Expect ex[256];
    int nex = parse_expectations(src, ex, 256);
    DbUnit *u = db_unit_new(name, src, len, NULL);
    db_run(u, phase);
    bool ok = true;
    for (Diag *d = u->diags.head; d; d = d->next) {
        bool found = false;
        for (int i = 0; i < nex && !found; i++) {
            if (ex[i].matched || !diag_matches(u, d, &ex[i])) continue;
            ex[i].matched = found = true;
        }
        if (!found && (d->level == DIAG_ERROR || d->level == DIAG_ICE || d->level == DIAG_WARNING)) {
            ok = false;
            buf_printf(problems, "%s: unexpected diagnostic:\n", name);
            diag_render_human(u, problems, d, false);
        }
    }
    for (int i = 0; i < nex; i++) {
        if (ex[i].matched) continue;
        ok = false;
        buf_printf(problems, "%s:%u: expected %s `%s` was not reported\n", name, ex[i].line,
                   ex[i].level, ex[i].text);
    }
    db_unit_free(u);
    return ok;
}

static int cmp_names(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int golden_run_dir(const char *dir, DbPhase phase, Buf *problems) {
    DIR *dp = opendir(dir);
    if (!dp) {
        buf_printf(problems, "cannot open %s (run the tests from the repository root)\n", dir);
        return -1;
    }
    char *names[1024];
    int n = 0;
    struct dirent *ent;
    while ((ent = readdir(dp)) && n < 1024) {
        size_t l = strlen(ent->d_name);
        if (l > 3 && strcmp(ent->d_name + l - 3, ".rs") == 0) names[n++] = strdup(ent->d_name);
    }
    closedir(dp);
    qsort(names, (size_t)n, sizeof names[0], cmp_names);
    int failures = 0;
    for (int i = 0; i < n; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        size_t len;
        char *src = golden_read_file(path, &len);
        if (!src) {
            buf_printf(problems, "cannot read %s\n", path);
            failures++;
        } else {
            if (!golden_check(names[i], src, len, phase, problems)) failures++;
            free(src);
        }
        free(names[i]);
    }
    return failures;
}

int golden_count_files(const char *dir) {
    DIR *dp = opendir(dir);
    if (!dp) return -1;
    int n = 0;
    struct dirent *ent;
    while ((ent = readdir(dp))) {
        size_t l = strlen(ent->d_name);
        if (l > 3 && strcmp(ent->d_name + l - 3, ".rs") == 0) n++;
    }
    closedir(dp);
    return n;
}
