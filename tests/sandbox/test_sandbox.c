/* test_sandbox.c — dynboxd end to end: every case in tests/sandbox/cases
 * against a live daemon, then the daemon's own behaviour (a worker dying in
 * a compile, a full queue, parallel jobs, the namespace fallback) and a load
 * run of mixed good and hostile jobs with no leaked process, fd or memory.
 *
 * A case is a C file (sent with the test-only op raw_c) or a dynbox program
 * (op run, or `// op: compile`), with its expectations in header comments:
 *   // expect: key=value ...   verdict timeout signal exit_code stack_overflow
 *                              (value may be A|B: either is right)
 *                              stdout_bytes stderr_bytes stdout_truncated
 *                              stderr_truncated events status compile run
 *                              error=TEXT diagnostic=TEXT (TEXT to line end)
 *   // limits: cpu_ms=N ...    the job's limits
 *   // stdout: TEXT            exact output (\n and \xHH escapes); stderr too
 *   // stderr_has: TEXT        a substring of stderr
 *   // forbid: TEXT            appears nowhere in the answer
 *   // same_as: dynboxc        output, events and ledger equal `dynboxc run --json`
 *   // load: yes               part of the load run's mix
 */
#include "harness.h"

#include "../../server/daemon_client.h"

#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_CASES 128
#define WORKERS "2"

typedef struct Case {
    char name[128];
    char *code;
    const char *op;
    char expect[512];
    json_t *limits;
    char *want_stdout, *want_stderr, *stderr_has, *forbid[4];
    int nforbid;
    bool same_as_dynboxc;
    bool load;
} Case;

static Case cases[MAX_CASES];
static int ncases;
static int failures;
static const char *dynboxc_path;

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static void fail(const char *what, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void fail(const char *what, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "FAIL %s: ", what);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    failures++;
}

/* ---- cases ------------------------------------------------------------------ */

static char *unescape(const char *s)
{
    char *out = malloc(strlen(s) + 1), *o = out;
    while (*s) {
        if (s[0] == '\\' && s[1] == 'n') {
            *o++ = '\n';
            s += 2;
        } else if (s[0] == '\\' && s[1] == 'x' && s[2] && s[3]) {
            char hex[3] = {s[2], s[3], 0};
            *o++ = (char)strtol(hex, NULL, 16);
            s += 4;
        } else {
            *o++ = *s++;
        }
    }
    *o = '\0';
    return out;
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    if (fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        fclose(f);
        return NULL;
    }
    buf[n] = '\0';
    fclose(f);
    if (len)
        *len = (size_t)n;
    return buf;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(((const Case *)a)->name, ((const Case *)b)->name);
}

static void load_case(const char *dir, const char *name)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    Case *c = &cases[ncases];
    memset(c, 0, sizeof *c);
    snprintf(c->name, sizeof c->name, "%s", name);
    c->code = read_file(path, NULL);
    if (!c->code) {
        fail(name, "cannot read %s", path);
        return;
    }
    bool is_c = strstr(name, ".c") == name + strlen(name) - 2;
    c->op = is_c ? "raw_c" : "run";
    c->limits = json_object();
    for (char *line = c->code; line && strncmp(line, "//", 2) == 0;) {
        char *nl = strchr(line, '\n');
        char text[1024];
        size_t n = nl ? (size_t)(nl - line) : strlen(line);
        snprintf(text, sizeof text, "%.*s", (int)n, line);
        char *v;
        if ((v = strstr(text, "// expect: ")) == text)
            snprintf(c->expect, sizeof c->expect, "%.500s", text + 11);
        else if ((v = strstr(text, "// op: ")) == text)
            c->op = strcmp(text + 7, "compile") == 0 ? "compile" : "run";
        else if ((v = strstr(text, "// stdout: ")) == text)
            c->want_stdout = unescape(text + 11);
        else if ((v = strstr(text, "// stderr: ")) == text)
            c->want_stderr = unescape(text + 11);
        else if ((v = strstr(text, "// stderr_has: ")) == text)
            c->stderr_has = unescape(text + 15);
        else if ((v = strstr(text, "// forbid: ")) == text && c->nforbid < 4)
            c->forbid[c->nforbid++] = strdup(text + 11);
        else if (strcmp(text, "// same_as: dynboxc") == 0)
            c->same_as_dynboxc = true;
        else if (strcmp(text, "// load: yes") == 0)
            c->load = true;
        else if (strncmp(text, "// limits: ", 11) == 0) {
            char *save = NULL;
            for (char *tok = strtok_r(text + 11, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
                char *eq = strchr(tok, '=');
                if (eq) {
                    *eq = '\0';
                    json_object_set_new(c->limits, tok, json_integer(strtoll(eq + 1, NULL, 10)));
                }
            }
        }
        line = nl ? nl + 1 : NULL;
    }
    if (!c->expect[0]) {
        fail(name, "no `// expect:` line");
        return;
    }
    ncases++;
}

static void load_cases(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) {
        fail(dir, "%s", strerror(errno));
        return;
    }
    struct dirent *e;
    while ((e = readdir(d)) && ncases < MAX_CASES) {
        size_t n = strlen(e->d_name);
        if ((n > 2 && strcmp(e->d_name + n - 2, ".c") == 0) ||
            (n > 3 && strcmp(e->d_name + n - 3, ".rs") == 0))
            load_case(dir, e->d_name);
    }
    closedir(d);
    qsort(cases, (size_t)ncases, sizeof cases[0], by_name);
}

static json_t *request(const Case *c, json_int_t id)
{
    return json_pack("{sIsssssO}", "id", id, "op", c->op, "code", c->code, "limits", c->limits);
}

/* ---- checking an answer ------------------------------------------------------- */

static const char *str_or_null(json_t *v, char *buf, size_t n)
{
    if (json_is_string(v))
        return json_string_value(v);
    if (json_is_integer(v)) {
        snprintf(buf, n, "%lld", (long long)json_integer_value(v));
        return buf;
    }
    if (json_is_boolean(v))
        return json_is_true(v) ? "true" : "false";
    return "null";
}

static bool diag_has(json_t *resp, const char *text)
{
    json_t *diags = json_object_get(json_object_get(resp, "compile"), "diagnostics");
    size_t i;
    json_t *d;
    json_array_foreach(diags, i, d)
    {
        const char *m = json_string_value(json_object_get(d, "message"));
        const char *r = json_string_value(json_object_get(d, "rendered"));
        if ((m && strstr(m, text)) || (r && strstr(r, text)))
            return true;
    }
    return false;
}

static bool check_one(const char *name, json_t *resp, const char *key, const char *want)
{
    json_t *run = json_object_get(resp, "run");
    json_t *compile = json_object_get(resp, "compile");
    char buf[64];
    const char *got;
    if (strcmp(key, "status") == 0)
        got = str_or_null(json_object_get(resp, "status"), buf, sizeof buf);
    else if (strcmp(key, "compile") == 0)
        got = !json_is_object(compile) ? "null"
              : json_is_true(json_object_get(compile, "success")) ? "ok" : "fail";
    else if (strcmp(key, "run") == 0)
        got = json_is_null(run) || !run ? "null" : "object";
    else if (strcmp(key, "error") == 0) {
        const char *e = json_string_value(json_object_get(resp, "error"));
        if (e && strstr(e, want))
            return true;
        fail(name, "error is `%s`, expected it to contain `%s`", e ? e : "null", want);
        return false;
    } else if (strcmp(key, "diagnostic") == 0) {
        if (diag_has(resp, want))
            return true;
        fail(name, "no diagnostic contains `%s`", want);
        return false;
    } else if (strcmp(key, "stdout_bytes") == 0 || strcmp(key, "stderr_bytes") == 0) {
        json_t *s = json_object_get(run, strcmp(key, "stdout_bytes") == 0 ? "stdout" : "stderr");
        snprintf(buf, sizeof buf, "%zu", json_string_length(s));
        got = buf;
    } else if (strcmp(key, "events") == 0) {
        snprintf(buf, sizeof buf, "%zu", json_array_size(json_object_get(run, "events")));
        got = buf;
    } else {
        got = str_or_null(json_object_get(run, key), buf, sizeof buf);
    }
    /* "A|B": either value is right (for kernels that differ) */
    for (const char *w = want; *w;) {
        size_t n = strcspn(w, "|");
        if (strlen(got) == n && strncmp(got, w, n) == 0)
            return true;
        w += n + (w[n] == '|');
    }
    fail(name, "%s is %s, expected %s", key, got, want);
    return false;
}

static bool same_as_dynboxc(const Case *c, const char *dir, json_t *resp);

/* Every expectation of `c` against the answer; false after reporting. */
static bool check_case(const Case *c, json_t *resp, const char *dir)
{
    if (!resp) {
        fail(c->name, "no answer");
        return false;
    }
    bool ok = true;
    char exp[512];
    snprintf(exp, sizeof exp, "%s", c->expect);
    for (char *p = exp; p && *p;) {
        char *eq = strchr(p, '=');
        if (!eq)
            break;
        *eq = '\0';
        const char *key = p, *val = eq + 1;
        char *next = NULL;
        if (strcmp(key, "error") != 0 && strcmp(key, "diagnostic") != 0) {
            next = strchr(val, ' ');
            if (next)
                *next++ = '\0';
        }
        ok &= check_one(c->name, resp, key, val);
        p = next;
    }
    json_t *run = json_object_get(resp, "run");
    const struct {
        const char *want, *field;
    } exact[] = {{c->want_stdout, "stdout"}, {c->want_stderr, "stderr"}};
    for (int i = 0; i < 2; i++) {
        if (!exact[i].want)
            continue;
        const char *got = json_string_value(json_object_get(run, exact[i].field));
        if (!got || strcmp(got, exact[i].want) != 0) {
            fail(c->name, "%s is \"%s\", expected \"%s\"", exact[i].field, got ? got : "(none)",
                 exact[i].want);
            ok = false;
        }
    }
    if (c->stderr_has) {
        const char *got = json_string_value(json_object_get(run, "stderr"));
        if (!got || !strstr(got, c->stderr_has)) {
            fail(c->name, "stderr \"%s\" lacks \"%s\"", got ? got : "(none)", c->stderr_has);
            ok = false;
        }
    }
    if (c->nforbid) {
        char *all = json_dumps(resp, 0);
        for (int i = 0; i < c->nforbid; i++)
            if (all && strstr(all, c->forbid[i])) {
                fail(c->name, "the answer contains the forbidden `%s`", c->forbid[i]);
                ok = false;
            }
        free(all);
    }
    if (dir && c->same_as_dynboxc)
        ok &= same_as_dynboxc(c, dir, resp);
    return ok;
}

/* Runs `dynboxc run --json` on the case and compares what both report. */
static bool same_as_dynboxc(const Case *c, const char *dir, json_t *resp)
{
    if (!dynboxc_path) {
        fail(c->name, "same_as: dynboxc needs --dynboxc PATH");
        return false;
    }
    char cmd[2048];
    snprintf(cmd, sizeof cmd, "'%s' run --json '%s/%s' 2>/dev/null", dynboxc_path, dir, c->name);
    FILE *p = popen(cmd, "r");
    if (!p) {
        fail(c->name, "cannot run %s", cmd);
        return false;
    }
    json_error_t je;
    json_t *ref = json_loadf(p, JSON_DISABLE_EOF_CHECK, &je);
    pclose(p);
    if (!ref) {
        fail(c->name, "dynboxc run --json gave no JSON: %s", je.text);
        return false;
    }
    json_t *run = json_object_get(resp, "run");
    bool ok = true;
    static const char *const fields[] = {"stdout", "stderr", "virtual_ms", "ledger"};
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        if (!json_equal(json_object_get(run, fields[i]), json_object_get(ref, fields[i]))) {
            char *a = json_dumps(json_object_get(run, fields[i]), JSON_ENCODE_ANY);
            char *b = json_dumps(json_object_get(ref, fields[i]), JSON_ENCODE_ANY);
            fail(c->name, "%s differs from dynboxc's:\n  daemon:  %s\n  dynboxc: %s", fields[i], a, b);
            free(a);
            free(b);
            ok = false;
        }
    /* the daemon's events carry the same stream, time and text */
    if (!json_equal(json_object_get(run, "events"), json_object_get(ref, "events"))) {
        fail(c->name, "events differ from dynboxc's");
        ok = false;
    }
    json_t *kinds = json_object_get(json_object_get(run, "ledger"), "kinds");
    if (json_array_size(kinds) == 0) {
        fail(c->name, "the ledger has no allocation kinds");
        ok = false;
    }
    json_decref(ref);
    return ok;
}

/* ---- the suite: every case, pipelined on one connection --------------------------- */

static json_t *recv_by_id(DcConn *conn, json_t **pending, int n, int timeout_ms)
{
    (void)n;
    json_t *resp = NULL;
    if (dc_recv_json(conn, timeout_ms, &resp) != DC_OK)
        return NULL;
    json_t *id = json_object_get(resp, "id");
    if (!json_is_integer(id) || json_integer_value(id) < 0 || json_integer_value(id) >= n) {
        json_decref(resp);
        return NULL;
    }
    pending[json_integer_value(id)] = resp;
    return resp;
}

/* only_c: the raw C cases, minus those that only wait for a time limit
 * (rlimits and the daemon's clock do not depend on namespaces). */
static bool skipped(const Case *c, bool only_c)
{
    return only_c && (strcmp(c->op, "raw_c") != 0 || strstr(c->expect, "timeout"));
}

static void run_suite(const char *addr, const char *dir, const char *label, bool only_c)
{
    DcConn *conn;
    char err[256];
    if (dc_connect(addr, 2000, &conn, err, sizeof err) != DC_OK) {
        fail(label, "%s", err);
        return;
    }
    json_t *answers[MAX_CASES] = {0};
    double t0 = now_ms();
    int sent = 0;
    for (int i = 0; i < ncases; i++) {
        if (skipped(&cases[i], only_c))
            continue;
        json_t *req = request(&cases[i], i);
        if (dc_send_json(conn, req) != DC_OK)
            fail(cases[i].name, "cannot send");
        json_decref(req);
        sent++;
    }
    for (int got = 0; got < sent; got++)
        if (!recv_by_id(conn, answers, ncases, 30000)) {
            fail(label, "an answer did not come (%d of %d)", got, sent);
            break;
        }
    int passed = 0;
    for (int i = 0; i < ncases; i++) {
        if (skipped(&cases[i], only_c))
            continue;
        bool ok = check_case(&cases[i], answers[i], dir);
        passed += ok;
        if (ok && !only_c) {
            json_t *run = json_object_get(answers[i], "run");
            const char *v = json_string_value(json_object_get(run, "verdict"));
            printf("  ok  %-28s %s\n", cases[i].name,
                   v ? v : json_string_value(json_object_get(answers[i], "status")));
        }
        json_decref(answers[i]);
    }
    printf("%s: %d of %d cases as expected (%.0f ms)\n", label, passed, sent, now_ms() - t0);
    dc_close(conn);
}

/* ---- the daemon itself ------------------------------------------------------------- */

static json_t *ping(const char *addr)
{
    json_t *req = json_pack("{ssss}", "op", "ping", "id", "ping");
    json_t *resp = sbxh_call(addr, req, 5000);
    json_decref(req);
    return resp;
}

static json_int_t ping_field(const char *addr, const char *field)
{
    json_t *p = ping(addr);
    json_int_t v = p ? json_integer_value(json_object_get(p, field)) : -1;
    json_decref(p);
    return v;
}

static const char *hello_rs = "fn main() {\n    println!(\"hi\");\n}\n";
static const char *spin_c = "int main(void) { for (;;) { } }\n";

/* A worker that dies in the middle of a compile is the job's internal
 * error; the daemon goes on serving. */
static void test_compile_crash(const char *addr)
{
    json_t *req = json_pack("{sisssss{}}", "id", 1, "op", "crash_compile", "code", hello_rs, "limits");
    json_t *resp = sbxh_call(addr, req, 10000);
    json_decref(req);
    const char *status = json_string_value(json_object_get(resp, "status"));
    const char *error = json_string_value(json_object_get(resp, "error"));
    if (!status || strcmp(status, "internal_error") != 0 || !error || !strstr(error, "SIGSEGV"))
        fail("compile crash", "status %s, error %s", status ? status : "-", error ? error : "-");
    req = json_pack("{sisssss{}}", "id", 2, "op", "run", "code", hello_rs, "limits");
    json_t *after = sbxh_call(addr, req, 10000);
    json_decref(req);
    const char *out = json_string_value(json_object_get(json_object_get(after, "run"), "stdout"));
    if (!out || strcmp(out, "hi\n") != 0)
        fail("compile crash", "the daemon did not serve the next job");
    else
        printf("compile crash: internal_error (%s); the next job ran\n", error);
    json_decref(resp);
    json_decref(after);
}

/* Two spinning jobs on two workers run at the same time. */
static void test_parallel(const char *addr)
{
    DcConn *c;
    char err[256];
    if (dc_connect(addr, 2000, &c, err, sizeof err) != DC_OK) {
        fail("parallel", "%s", err);
        return;
    }
    for (int i = 0; i < 2; i++) {
        json_t *req = json_pack("{sisssss{si}}", "id", i, "op", "raw_c", "code", spin_c, "limits",
                                "cpu_ms", 400);
        dc_send_json(c, req);
        json_decref(req);
    }
    json_int_t running = 0;
    for (int tries = 0; tries < 40 && running < 2; tries++) {
        struct timespec t = {0, 10000000};
        nanosleep(&t, NULL);
        running = ping_field(addr, "running");
    }
    if (running != 2)
        fail("parallel", "%lld jobs running at once, expected 2", (long long)running);
    for (int i = 0; i < 2; i++) {
        json_t *resp = NULL;
        dc_recv_json(c, 10000, &resp);
        const char *v = json_string_value(json_object_get(json_object_get(resp, "run"), "verdict"));
        if (!v || strcmp(v, "timeout") != 0)
            fail("parallel", "verdict %s, expected timeout", v ? v : "-");
        json_decref(resp);
    }
    if (running == 2)
        printf("parallel: 2 jobs ran at once on 2 workers\n");
    dc_close(c);
}

/* One worker, a queue of one: the third job is refused at once, before
 * the first one finishes. */
static void test_busy(const char *exe)
{
    SbxhDaemon d;
    char err[2048];
    const char *args[] = {"--workers", "1", "--queue", "1", "--allow-raw-c", NULL};
    if (sbxh_start(&d, exe, args, err, sizeof err) < 0) {
        fail("busy", "%s", err);
        return;
    }
    for (int tries = 0; tries < 100 && ping_field(d.addr, "ready") < 1; tries++) {
        struct timespec t = {0, 10000000};
        nanosleep(&t, NULL);
    }
    DcConn *c;
    if (dc_connect(d.addr, 2000, &c, err, sizeof err) != DC_OK) {
        fail("busy", "%s", err);
        sbxh_stop(&d);
        return;
    }
    for (int i = 0; i < 3; i++) {
        json_t *req = json_pack("{sisssss{si}}", "id", i, "op", "raw_c", "code", spin_c, "limits",
                                "cpu_ms", 300);
        dc_send_json(c, req);
        json_decref(req);
    }
    int ids[3] = {-1, -1, -1};
    for (int i = 0; i < 3; i++) {
        json_t *resp = NULL;
        if (dc_recv_json(c, 10000, &resp) != DC_OK) {
            fail("busy", "answer %d did not come", i);
            break;
        }
        ids[i] = (int)json_integer_value(json_object_get(resp, "id"));
        const char *st = json_string_value(json_object_get(resp, "status"));
        if (i == 0 && (ids[0] != 2 || !st || strcmp(st, "busy") != 0))
            fail("busy", "first answer: id %d status %s, expected id 2 busy", ids[0], st ? st : "-");
        if (i > 0 && (!st || strcmp(st, "ok") != 0))
            fail("busy", "answer for id %d: status %s", ids[i], st ? st : "-");
        json_decref(resp);
    }
    if (ids[0] == 2)
        printf("busy: with 1 worker and a queue of 1 the third job was refused first\n");
    dc_close(c);
    sbxh_stop(&d);
}

/* The fallback where namespaces are not available: the raw C cases still
 * meet their verdicts on seccomp and rlimits alone. */
static void test_no_namespaces(const char *exe, const char *dir)
{
    SbxhDaemon d;
    char err[2048];
    const char *args[] = {"--workers", WORKERS, "--queue", "256", "--allow-raw-c", "--no-namespaces", NULL};
    if (sbxh_start(&d, exe, args, err, sizeof err) < 0) {
        fail("no namespaces", "%s", err);
        return;
    }
    char *line = sbxh_log_line(&d, "protections:");
    printf("without namespaces: %s\n", line ? line : "(no protections line)");
    if (!line || !strstr(line, "namespaces none"))
        fail("no namespaces", "the protections line does not say so");
    free(line);
    run_suite(d.addr, dir, "suite without namespaces (raw C cases)", true);
    sbxh_stop(&d);
}

/* ---- load ---------------------------------------------------------------------------- */

/* Jobs [from, to) of the mix, pipelined over a few connections; returns
 * how many came back with a wrong answer, or -1 when the daemon failed. */
static int load_round(const SbxhDaemon *d, const int *mix, int nmix, int from, int to)
{
    enum { CONNS = 4, PER_CONN = 4 };
    DcConn *conn[CONNS];
    char err[256];
    for (int k = 0; k < CONNS; k++)
        if (dc_connect(d->addr, 2000, &conn[k], err, sizeof err) != DC_OK) {
            fail("load", "%s", err);
            return -1;
        }
    int sent = from, done = from, wrong = 0, inflight[CONNS] = {0};
    while (done < to) {
        for (int k = 0; k < CONNS; k++)
            while (inflight[k] < PER_CONN && sent < to) {
                json_t *req = request(&cases[mix[sent % nmix]], sent);
                if (dc_send_json(conn[k], req) != DC_OK)
                    fail("load", "cannot send job %d", sent);
                json_decref(req);
                inflight[k]++;
                sent++;
            }
        for (int k = 0; k < CONNS; k++) {
            if (!inflight[k])
                continue;
            json_t *resp = NULL;
            if (dc_recv_json(conn[k], 30000, &resp) != DC_OK) {
                fail("load", "an answer is missing after %d jobs", done);
                wrong = -1;
                goto out;
            }
            int id = (int)json_integer_value(json_object_get(resp, "id"));
            int failed_before = failures;
            if (id < from || id >= to || !check_case(&cases[mix[id % nmix]], resp, NULL))
                wrong++;
            failures = failed_before; /* the round fails once, below, not per job */
            json_decref(resp);
            inflight[k]--;
            done++;
        }
    }
out:
    for (int k = 0; k < CONNS; k++)
        dc_close(conn[k]);
    return wrong;
}

/* Waits until the daemon runs nothing, its pool is full again and its fd
 * count is steady (a closed client is noticed on the next loop turn). */
static int settle(const SbxhDaemon *d)
{
    int fds = -2;
    for (int tries = 0; tries < 200; tries++) {
        json_t *p = ping(d->addr);
        bool idle = p && json_integer_value(json_object_get(p, "running")) == 0 &&
                    json_integer_value(json_object_get(p, "ready")) ==
                        json_integer_value(json_object_get(p, "workers"));
        json_decref(p);
        struct timespec t = {0, 20000000};
        nanosleep(&t, NULL);
        int now = sbxh_fd_count(d->pid);
        if (idle && now == fds)
            return now;
        fds = now;
    }
    return sbxh_fd_count(d->pid);
}

/* `total` jobs of the cases marked `load: yes`, minus those that only wait
 * for a time limit (the suite covers them; here they would only make the
 * run long). A tenth warms up, then the daemon's fds, memory and children
 * are compared between two idle moments. */
static void load_run(const SbxhDaemon *d, int total)
{
    int mix[MAX_CASES], nmix = 0;
    for (int i = 0; i < ncases; i++)
        if (cases[i].load && !cases[i].same_as_dynboxc && !strstr(cases[i].expect, "timeout"))
            mix[nmix++] = i;
    if (nmix == 0) {
        fail("load", "no case is marked `load: yes`");
        return;
    }
    int warmup = total / 10;
    double t0 = now_ms();
    int wrong = load_round(d, mix, nmix, 0, warmup);
    int fds0 = settle(d);
    long rss0 = sbxh_rss_kib(d->pid);
    if (wrong >= 0) {
        int w = load_round(d, mix, nmix, warmup, total);
        wrong = w < 0 ? w : wrong + w;
    }
    double elapsed = now_ms() - t0;
    int fds1 = settle(d), children = sbxh_children(d->pid);
    long rss1 = sbxh_rss_kib(d->pid);
    printf("load: %d jobs (%d kinds) on %s workers in %.0f ms (%.0f jobs/s); wrong answers %d;\n"
           "      daemon fds %d -> %d, rss %ld -> %ld KiB, worker processes %d\n",
           total, nmix, WORKERS, elapsed, total / (elapsed / 1000), wrong, fds0, fds1, rss0, rss1,
           children);
    if (wrong)
        fail("load", "%d of %d jobs had a wrong answer", wrong, total);
    if (fds1 != fds0)
        fail("load", "the daemon's fds went from %d to %d", fds0, fds1);
    /* flat memory: a leak of even 1 KiB per job would show as 900 KiB here */
    if (rss1 - rss0 > 512)
        fail("load", "the daemon's memory grew from %ld to %ld KiB", rss0, rss1);
    if (children != atoi(WORKERS))
        fail("load", "%d worker processes alive when idle, expected %s", children, WORKERS);
}

/* ---- main ------------------------------------------------------------------------------ */

static void usage(void)
{
    fputs("usage: test_sandbox --daemon PATH --cases DIR [--dynboxc PATH] [--load N]\n", stderr);
    exit(2);
}

int main(int argc, char **argv)
{
    const char *exe = NULL, *dir = NULL;
    int load = 1000;
    for (int i = 1; i < argc; i++) {
        if (i + 1 >= argc)
            usage();
        if (strcmp(argv[i], "--daemon") == 0)
            exe = argv[++i];
        else if (strcmp(argv[i], "--cases") == 0)
            dir = argv[++i];
        else if (strcmp(argv[i], "--dynboxc") == 0)
            dynboxc_path = argv[++i];
        else if (strcmp(argv[i], "--load") == 0)
            load = atoi(argv[++i]);
        else
            usage();
    }
    if (!exe || !dir)
        usage();
    setvbuf(stdout, NULL, _IOLBF, 0);
    /* orphaned workers would come to this process: none may appear */
    prctl(PR_SET_CHILD_SUBREAPER, 1);
    double t0 = now_ms();
    load_cases(dir);

    SbxhDaemon d;
    char err[2048];
    const char *args[] = {"--workers", WORKERS, "--queue", "256", "--allow-raw-c", NULL};
    if (sbxh_start(&d, exe, args, err, sizeof err) < 0) {
        fprintf(stderr, "FAIL start: %s\n", err);
        return 1;
    }
    char *line = sbxh_log_line(&d, "protections:");
    printf("%s\n", line ? line : "FAIL: no protections line in the daemon's log");
    if (!line)
        failures++;
    free(line);

    run_suite(d.addr, dir, "suite", false);
    json_t *p = ping(d.addr);
    if (!p || json_integer_value(json_object_get(p, "running")) != 0 ||
        json_integer_value(json_object_get(p, "queue")) != 0)
        fail("after the suite", "the daemon does not answer a ping, or still runs jobs");
    json_decref(p);
    test_compile_crash(d.addr);
    test_parallel(d.addr);
    if (load > 0)
        load_run(&d, load);
    pid_t daemon_pid = d.pid;
    int st = sbxh_stop(&d);
    if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
        fail("stop", "dynboxd ended with status %#x", st);

    test_busy(exe);
    test_no_namespaces(exe, dir);

    /* every worker died with its daemon and was reaped: nothing is left
     * under this process (the subreaper) */
    struct timespec t = {0, 100000000};
    nanosleep(&t, NULL);
    while (waitpid(-1, NULL, WNOHANG) > 0)
        ;
    int left = sbxh_children(getpid());
    if (left != 0)
        fail("leftovers", "%d processes left behind by dynboxd %d", left, (int)daemon_pid);

    printf("test_sandbox: %s (%d cases, %.1f s)\n", failures ? "FAILED" : "ok", ncases,
           (now_ms() - t0) / 1000);
    return failures ? 1 : 0;
}
