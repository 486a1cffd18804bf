/* http_api.c — routing, the JSON API v1 and the hand-off of compile and run
 * jobs to dynboxd.
 *
 * A compile or run request whose result is not cached is suspended in
 * libmicrohttpd and queued for a dispatcher thread, which makes a blocking
 * call to a daemon and resumes the connection; the HTTP threads never wait
 * on a daemon. Every request's memory is freed in http_completed.
 */
#include "http.h"

#include "../compiler/dynbox.h"
#include "daemon_client.h"
#include "http_hash.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

/* A title is a label in a list, not a document. */
#define TITLE_MAX 200
/* Connecting to a daemon that is up takes microseconds. */
#define CONNECT_TIMEOUT_MS 2000

uint64_t http_now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

int http_buf_append(HttpBuf *b, const void *p, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 1024;
        while (cap < b->len + n + 1)
            cap *= 2;
        char *q = realloc(b->p, cap);
        if (!q)
            return -1;
        b->p = q;
        b->cap = cap;
    }
    memcpy(b->p + b->len, p, n);
    b->len += n;
    b->p[b->len] = '\0';
    return 0;
}

/* ---- responses ----------------------------------------------------------------- */

static bool is_api(const HttpReq *r)
{
    return r->path && strncmp(r->path, "/api/", 5) == 0;
}

enum MHD_Result http_respond_h(HttpReq *r, unsigned status, const char *ctype, const char *body, size_t len,
                               const char *const *headers)
{
    struct MHD_Response *resp = MHD_create_response_from_buffer(len, (void *)body, MHD_RESPMEM_MUST_COPY);
    if (!resp)
        return MHD_NO;
    if (ctype)
        MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, ctype);
    if (is_api(r))
        MHD_add_response_header(resp, "Access-Control-Allow-Origin", "*");
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    for (size_t i = 0; headers && headers[i]; i += 2)
        MHD_add_response_header(resp, headers[i], headers[i + 1]);
    enum MHD_Result rc = MHD_queue_response(r->conn, status, resp);
    MHD_destroy_response(resp);
    r->answered = true;
    r->status = status;
    r->resp_bytes = len;
    return rc;
}

enum MHD_Result http_respond(HttpReq *r, unsigned status, const char *ctype, const char *body, size_t len)
{
    return http_respond_h(r, status, ctype, body, len, NULL);
}

enum MHD_Result http_json(HttpReq *r, unsigned status, json_t *o)
{
    char *text = o ? json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
    json_decref(o);
    if (!text)
        return http_respond(r, 500, "application/json",
                            "{\"error\":{\"code\":\"internal_error\",\"message\":\"out of memory\"}}", 61);
    enum MHD_Result rc = http_respond(r, status, "application/json", text, strlen(text));
    free(text);
    return rc;
}

static enum MHD_Result error_h(HttpReq *r, unsigned status, const char *code, const char *msg,
                               const char *const *headers)
{
    json_t *o = json_pack("{s{ssss}}", "error", "code", code, "message", msg);
    char *text = o ? json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
    json_decref(o);
    if (!text)
        return MHD_NO;
    enum MHD_Result rc = http_respond_h(r, status, "application/json", text, strlen(text), headers);
    free(text);
    return rc;
}

enum MHD_Result http_error(HttpReq *r, unsigned status, const char *code, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    return error_h(r, status, code, msg, NULL);
}

static enum MHD_Result error_retry(HttpReq *r, unsigned status, const char *code, unsigned secs,
                                   const char *msg)
{
    char v[16];
    snprintf(v, sizeof v, "%u", secs ? secs : 1);
    const char *h[] = {"Retry-After", v, NULL};
    return error_h(r, status, code, msg, h);
}

static enum MHD_Result not_allowed(HttpReq *r, const char *allow)
{
    char msg[128];
    snprintf(msg, sizeof msg, "method `%s` is not allowed here; use %s", r->method, allow);
    const char *h[] = {"Allow", allow, NULL};
    return error_h(r, 405, "method_not_allowed", msg, h);
}

/* ---- request bodies ------------------------------------------------------------- */

/* Strict UTF-8: no overlong forms, surrogates or code points past U+10FFFF.
 * Returns the offset of the first bad byte, or n. */
static size_t utf8_check(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned c = s[i];
        size_t need;
        unsigned min, cp;
        if (c < 0x80) {
            i++;
            continue;
        } else if (c >= 0xc2 && c <= 0xdf) {
            need = 2, min = 0x80;
        } else if (c >= 0xe0 && c <= 0xef) {
            need = 3, min = 0x800;
        } else if (c >= 0xf0 && c <= 0xf4) {
            need = 4, min = 0x10000;
        } else {
            return i;
        }
        if (n - i < need)
            return i;
        cp = c & (0x7fu >> need);
        for (size_t k = 1; k < need; k++) {
            if ((s[i + k] & 0xc0) != 0x80)
                return i;
            cp = cp << 6 | (s[i + k] & 0x3fu);
        }
        if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
            return i;
        i += need;
    }
    return n;
}

typedef struct Input {
    json_t *root;
    const char *code;
    size_t code_len;
    const char *rules, *abi; /* NULL when not given */
    const char *title;
} Input;

static bool json_content_type(HttpReq *r)
{
    const char *ct = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_TYPE);
    if (!ct)
        return false;
    while (*ct == ' ')
        ct++;
    size_t n = strcspn(ct, "; \t");
    return n == 16 && strncasecmp(ct, "application/json", 16) == 0;
}

static enum MHD_Result option(HttpReq *r, json_t *opts, json_t *root, const char *key, const char *a,
                              const char *b, const char **out, bool *failed)
{
    json_t *v = opts ? json_object_get(opts, key) : NULL;
    const char *where = "options.";
    if (!v || json_is_null(v)) {
        v = json_object_get(root, key);
        where = "";
    }
    if (!v || json_is_null(v))
        return MHD_YES;
    const char *s = json_string_value(v);
    if (!s || (strcmp(s, a) != 0 && strcmp(s, b) != 0)) {
        *failed = true;
        return http_error(r, 400, "bad_field", "`%s%s` must be \"%s\" or \"%s\"", where, key, a, b);
    }
    *out = s;
    return MHD_YES;
}

/* Validates a compile/run/share body. On a user error answers it and sets
 * *failed; the caller returns the MHD result. */
static enum MHD_Result parse_input(HttpReq *r, Input *in, bool want_title, bool *failed)
{
    memset(in, 0, sizeof *in);
    *failed = true;
    if (!json_content_type(r))
        return http_error(r, 415, "unsupported_media_type", "the body must be `application/json`");
    if (r->too_large)
        return http_error(r, 413, "body_too_large", "the request body is larger than %zu bytes",
                          r->srv->cfg.body_max);
    const char *body = r->body.p ? r->body.p : "";
    size_t bad = utf8_check((const unsigned char *)body, r->body.len);
    if (bad != r->body.len)
        return http_error(r, 400, "invalid_utf8", "the body is not valid UTF-8 (byte %zu)", bad);
    json_error_t je;
    in->root = json_loadb(body, r->body.len, JSON_REJECT_DUPLICATES, &je);
    if (!in->root)
        return http_error(r, 400, "invalid_json", "invalid JSON at line %d, column %d: %s", je.line,
                          je.column, je.text);
    if (!json_is_object(in->root))
        return http_error(r, 400, "invalid_json", "the body must be a JSON object");
    json_t *code = json_object_get(in->root, "code");
    if (!code)
        return http_error(r, 400, "missing_field", "`code` is required");
    if (!json_is_string(code))
        return http_error(r, 400, "bad_field", "`code` must be a string");
    in->code = json_string_value(code);
    in->code_len = json_string_length(code);
    if (in->code_len > DB_MAX_SOURCE)
        return http_error(r, 413, "code_too_large", "`code` is %zu bytes; the limit is %d bytes", in->code_len,
                          DB_MAX_SOURCE);
    json_t *opts = json_object_get(in->root, "options");
    if (opts && !json_is_object(opts) && !json_is_null(opts))
        return http_error(r, 400, "bad_field", "`options` must be an object");
    if (!json_is_object(opts))
        opts = NULL;
    bool f = false;
    enum MHD_Result rc = option(r, opts, in->root, "rules", "method-scope", "stable", &in->rules, &f);
    if (f)
        return rc;
    rc = option(r, opts, in->root, "abi", "vtable-size", "callee", &in->abi, &f);
    if (f)
        return rc;
    if (want_title) {
        json_t *t = json_object_get(in->root, "title");
        if (t && !json_is_null(t)) {
            if (!json_is_string(t))
                return http_error(r, 400, "bad_field", "`title` must be a string");
            if (json_string_length(t) > TITLE_MAX)
                return http_error(r, 400, "bad_field", "`title` is longer than %d bytes", TITLE_MAX);
            in->title = json_string_value(t);
        }
    }
    *failed = false;
    return MHD_YES;
}

static json_t *options_obj(const char *rules, const char *abi)
{
    json_t *o = json_object();
    if (rules)
        json_object_set_new(o, "rules", json_string(rules));
    if (abi)
        json_object_set_new(o, "abi", json_string(abi));
    return o;
}

static void hash_field(HttpSha256 *h, const char *s)
{
    http_sha256_update(h, s ? s : "-", strlen(s ? s : "-") + 1);
}

/* ---- compile and run ------------------------------------------------------------- */

/* The cached form of a body is what follows `{"cached":false,` so that a hit
 * can be answered with `{"cached":true,` in front without parsing. */
#define MISS_PREFIX "{\"cached\":false,"
#define HIT_PREFIX "{\"cached\":true,"

static enum MHD_Result job_request(HttpReq *r, const char *op)
{
    HttpServer *s = r->srv;
    Input in;
    bool failed;
    enum MHD_Result rc = parse_input(r, &in, false, &failed);
    if (failed) {
        json_decref(in.root);
        return rc;
    }
    HttpSha256 h;
    http_sha256_init(&h);
    hash_field(&h, "dynbox-result-v1");
    hash_field(&h, DB_VERSION);
    hash_field(&h, op);
    hash_field(&h, in.rules);
    hash_field(&h, in.abi);
    http_sha256_update(&h, in.code, in.code_len);
    http_sha256_final(&h, r->key);

    char *val;
    size_t len;
    if (s->cache && cache_get(s->cache, r->key, &val, &len)) {
        HttpBuf b = {0};
        int ok = http_buf_append(&b, HIT_PREFIX, sizeof HIT_PREFIX - 1) == 0 &&
                 http_buf_append(&b, val, len) == 0;
        free(val);
        json_decref(in.root);
        r->cached = true;
        rc = ok ? http_respond(r, 200, "application/json", b.p, b.len)
                : http_error(r, 500, "internal_error", "out of memory");
        free(b.p);
        return rc;
    }
    r->cacheable = s->cache != NULL;
    r->job = json_pack("{sissssso}", "id", 1, "op", op, "code", "", "options", options_obj(in.rules, in.abi));
    if (r->job)
        json_object_set_new(r->job, "code", json_stringn(in.code, in.code_len));
    json_decref(in.root);
    if (!r->job)
        return http_error(r, 500, "internal_error", "out of memory");

    pthread_mutex_lock(&s->mu);
    if (s->jobs >= s->cfg.max_jobs || s->stopping) {
        pthread_mutex_unlock(&s->mu);
        metrics_saturated();
        return error_retry(r, 503, "saturated", 1, "every daemon is busy; try again shortly");
    }
    s->jobs++;
    r->waiting = true;
    /* suspend before the job is visible, so the dispatcher's resume cannot
     * come first */
    MHD_suspend_connection(r->conn);
    if (s->qtail)
        s->qtail->next = r;
    else
        s->qhead = r;
    s->qtail = r;
    pthread_cond_signal(&s->cv);
    pthread_mutex_unlock(&s->mu);
    return MHD_YES;
}

/* Turns a daemon's answer into the HTTP status and body of `r`. */
static void finish_job(HttpReq *r, json_t *resp)
{
    const char *status = json_string_value(json_object_get(resp, "status"));
    const char *err = json_string_value(json_object_get(resp, "error"));
    json_t *o = NULL;
    if (status && strcmp(status, "ok") == 0) {
        json_t *run = json_object_get(resp, "run");
        const char *verdict = json_string_value(json_object_get(run, "verdict"));
        if (verdict) {
            metrics_verdict(verdict);
            if (strcmp(verdict, "timeout") == 0 || strcmp(verdict, "internal_error") == 0)
                r->cacheable = false;
        }
        o = json_pack("{sbsOsOso?sO}", "cached", 0, "compile", json_object_get(resp, "compile"), "run",
                      run ? run : json_null(), "note", err ? json_string(err) : NULL, "stages_us",
                      json_object_get(resp, "stages_us") ? json_object_get(resp, "stages_us") : json_null());
        if (o) {
            r->rbody = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
            r->rlen = r->rbody ? strlen(r->rbody) : 0;
            r->rstatus = r->rbody ? 200 : 500;
        }
        json_decref(o);
        if (r->rbody && r->cacheable && r->rlen > sizeof MISS_PREFIX - 1 &&
            memcmp(r->rbody, MISS_PREFIX, sizeof MISS_PREFIX - 1) == 0)
            cache_put(r->srv->cache, r->key, r->rbody + sizeof MISS_PREFIX - 1,
                      r->rlen - (sizeof MISS_PREFIX - 1));
        if (r->rbody)
            return;
        err = "out of memory";
    }
    const char *code = "internal_error";
    unsigned st = 500;
    if (status && strcmp(status, "bad_request") == 0)
        code = "bad_request", st = 400;
    o = json_pack("{s{ssss}}", "error", "code", code, "message", err ? err : "the daemon failed");
    r->rbody = o ? json_dumps(o, JSON_COMPACT) : NULL;
    r->rlen = r->rbody ? strlen(r->rbody) : 0;
    r->rstatus = st;
    json_decref(o);
}

static void fail_job(HttpReq *r, unsigned status, const char *code, const char *msg, unsigned retry)
{
    json_t *o = json_pack("{s{ssss}}", "error", "code", code, "message", msg);
    r->rbody = o ? json_dumps(o, JSON_COMPACT) : NULL;
    r->rlen = r->rbody ? strlen(r->rbody) : 0;
    r->rstatus = status;
    r->retry_after = retry;
    json_decref(o);
}

typedef struct Dispatcher {
    HttpServer *srv;
    DcConn *conn[HTTP_MAX_DAEMONS];
} Dispatcher;

/* One call to daemon `k`, reconnecting once if a kept connection went
 * stale. Returns the DC_* code. */
static int call_daemon(Dispatcher *d, unsigned k, const json_t *job, json_t **resp)
{
    HttpServer *s = d->srv;
    for (int attempt = 0; attempt < 2; attempt++) {
        if (!d->conn[k]) {
            char err[256];
            int rc = dc_connect(s->cfg.daemons[k], CONNECT_TIMEOUT_MS, &d->conn[k], err, sizeof err);
            if (rc != DC_OK)
                return rc;
        }
        int rc = dc_call(d->conn[k], job, (int)s->cfg.job_timeout_ms, resp);
        if (rc == DC_OK)
            return rc;
        dc_close(d->conn[k]);
        d->conn[k] = NULL;
        if (rc == DC_ETIMEOUT)
            return rc;
    }
    return DC_ECLOSED;
}

static void run_job(Dispatcher *d, HttpReq *r)
{
    HttpServer *s = d->srv;
    unsigned order[POOL_MAX];
    unsigned n = pool_order(&s->pool, order);
    bool busy = false, timeout = false;
    for (unsigned i = 0; i < n; i++) {
        unsigned k = order[i];
        json_t *resp = NULL;
        pool_begin(&s->pool, k);
        int rc = call_daemon(d, k, r->job, &resp);
        pool_end(&s->pool, k);
        if (rc == DC_ETIMEOUT) {
            timeout = true;
            continue;
        }
        if (rc != DC_OK) {
            /* down, or died mid-job: the job goes to the next daemon */
            pool_unreachable(&s->pool, k);
            continue;
        }
        pool_answered(&s->pool, k);
        const char *st = json_string_value(json_object_get(resp, "status"));
        if (st && strcmp(st, "busy") == 0) {
            busy = true;
            json_decref(resp);
            continue;
        }
        finish_job(r, resp);
        json_decref(resp);
        return;
    }
    if (busy) {
        metrics_saturated();
        fail_job(r, 503, "saturated", "every daemon is busy and its queue is full; try again shortly", 1);
    } else if (timeout) {
        fail_job(r, 503, "daemon_timeout", "the daemon did not answer in time", 5);
    } else {
        fail_job(r, 503, "daemon_unavailable", "no compilation daemon is reachable", 5);
    }
}

static void *dispatcher_main(void *arg)
{
    Dispatcher *d = arg;
    HttpServer *s = d->srv;
    for (;;) {
        pthread_mutex_lock(&s->mu);
        while (!s->qhead && !s->stopping)
            pthread_cond_wait(&s->cv, &s->mu);
        HttpReq *r = s->qhead;
        if (!r) {
            pthread_mutex_unlock(&s->mu);
            break;
        }
        s->qhead = r->next;
        if (!s->qhead)
            s->qtail = NULL;
        r->next = NULL;
        pthread_mutex_unlock(&s->mu);

        run_job(d, r);

        pthread_mutex_lock(&s->mu);
        s->jobs--;
        r->done = true;
        pthread_mutex_unlock(&s->mu);
        MHD_resume_connection(r->conn);
    }
    for (unsigned k = 0; k < HTTP_MAX_DAEMONS; k++)
        dc_close(d->conn[k]);
    free(d);
    return NULL;
}

static json_t *ping_daemon(const char *addr);

static bool stopping(HttpServer *s)
{
    pthread_mutex_lock(&s->mu);
    bool v = s->stopping;
    pthread_mutex_unlock(&s->mu);
    return v;
}

/* Every half second, pings every daemon: one marked unhealthy that answers
 * is used again, and each answer's queue length steers the next jobs. (It
 * sleeps rather than waiting on s->cv, whose signals are for the
 * dispatchers.) */
static void *prober_main(void *arg)
{
    HttpServer *s = arg;
    const struct timespec step = {0, 100000000L};
    for (unsigned tick = 1; !stopping(s); tick++) {
        nanosleep(&step, NULL);
        if (tick % 5)
            continue;
        for (unsigned k = 0; k < s->pool.n && !stopping(s); k++) {
            json_t *p = ping_daemon(s->cfg.daemons[k]);
            if (p) {
                json_int_t q = json_integer_value(json_object_get(p, "queue"));
                pool_reported(&s->pool, k, q > 0 ? (unsigned)q : 0);
                pool_answered(&s->pool, k);
            } else if (pool_healthy(&s->pool, k)) {
                pool_unreachable(&s->pool, k);
            }
            json_decref(p);
        }
    }
    return NULL;
}

int http_dispatch_start(HttpServer *s)
{
    pool_init(&s->pool, s->cfg.ndaemons);
    if (pthread_create(&s->prober, NULL, prober_main, s) != 0)
        return -1;
    s->prober_started = true;
    s->disp = calloc(s->cfg.dispatchers, sizeof *s->disp);
    if (!s->disp)
        return -1;
    for (unsigned i = 0; i < s->cfg.dispatchers; i++) {
        Dispatcher *d = calloc(1, sizeof *d);
        if (!d)
            return -1;
        d->srv = s;
        if (pthread_create(&s->disp[i], NULL, dispatcher_main, d) != 0) {
            free(d);
            return -1;
        }
        s->ndisp++;
    }
    return 0;
}

/* Lets the dispatchers drain the queue, then joins them. */
void http_dispatch_stop(HttpServer *s)
{
    pthread_mutex_lock(&s->mu);
    s->stopping = true;
    pthread_cond_broadcast(&s->cv);
    pthread_mutex_unlock(&s->mu);
    for (unsigned i = 0; i < s->ndisp; i++)
        pthread_join(s->disp[i], NULL);
    if (s->prober_started)
        pthread_join(s->prober, NULL);
    s->prober_started = false;
    free(s->disp);
    s->disp = NULL;
    s->ndisp = 0;
}

/* ---- snippets ---------------------------------------------------------------------- */

static bool valid_id(const char *id, size_t n)
{
    if (n < 11 || n > 43)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!isalnum((unsigned char)id[i]))
            return false;
    return true;
}

static enum MHD_Result snippet_create(HttpReq *r)
{
    HttpServer *s = r->srv;
    Input in;
    bool failed;
    enum MHD_Result rc = parse_input(r, &in, true, &failed);
    if (failed) {
        json_decref(in.root);
        return rc;
    }
    json_t *opts = options_obj(in.rules, in.abi);
    char *opts_text = opts ? json_dumps(opts, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
    json_decref(opts);
    if (!opts_text) {
        json_decref(in.root);
        return http_error(r, 500, "internal_error", "out of memory");
    }
    unsigned char digest[32];
    HttpSha256 h;
    http_sha256_init(&h);
    hash_field(&h, "dynbox-snippet-v1");
    hash_field(&h, in.rules);
    hash_field(&h, in.abi);
    http_sha256_update(&h, in.code, in.code_len);
    http_sha256_final(&h, digest);

    StoreSnippet sn = {.code = (char *)in.code, .code_len = in.code_len, .options = opts_text,
                       .title = (char *)in.title, .created_at = (int64_t)time(NULL)};
    bool created = false;
    char err[256];
    /* 11 characters (64 bits) normally; on the rare collision with another
     * snippet, the longer 22-character form of the same hash */
    int res = STORE_ERROR;
    for (size_t nchars = 11; nchars <= 22; nchars += 11) {
        http_base62(digest, nchars == 11 ? 8 : 16, sn.id, nchars);
        res = s->store->ops->put(s->store, &sn, &created, err, sizeof err);
        if (res != STORE_OK || created)
            break;
        StoreSnippet old;
        int g = s->store->ops->get(s->store, sn.id, &old, err, sizeof err);
        if (g != STORE_OK) {
            res = STORE_ERROR;
            break;
        }
        bool same = old.code_len == in.code_len && memcmp(old.code, in.code, in.code_len) == 0 &&
                    strcmp(old.options, opts_text) == 0;
        store_snippet_free(&old);
        if (same)
            break;
        res = STORE_ERROR;
        snprintf(err, sizeof err, "snippet id collision");
    }
    free(opts_text);
    json_decref(in.root);
    if (res != STORE_OK) {
        fprintf(stderr, "dynbox-server: store: %s\n", err);
        return http_error(r, 500, "store_error", "the snippet could not be stored");
    }
    char url[64], raw[64];
    snprintf(url, sizeof url, "/s/%s", sn.id);
    snprintf(raw, sizeof raw, "/s/%s.rs", sn.id);
    return http_json(r, created ? 201 : 200,
                     json_pack("{sssssssb}", "id", sn.id, "url", url, "raw_url", raw, "created", created));
}

static enum MHD_Result with_snippet(HttpReq *r, const char *id, size_t n, int kind)
{
    HttpServer *s = r->srv;
    char idbuf[48];
    if (!valid_id(id, n))
        return http_error(r, 404, "not_found", "no snippet `%.*s`", (int)(n > 60 ? 60 : n), id);
    memcpy(idbuf, id, n);
    idbuf[n] = '\0';
    StoreSnippet sn;
    char err[256];
    int rc = s->store->ops->get(s->store, idbuf, &sn, err, sizeof err);
    if (rc == STORE_NOTFOUND)
        return http_error(r, 404, "not_found", "no snippet `%s`", idbuf);
    if (rc != STORE_OK) {
        fprintf(stderr, "dynbox-server: store: %s\n", err);
        return http_error(r, 500, "store_error", "the snippet could not be read");
    }
    enum MHD_Result res;
    if (kind == 0) {
        json_t *opts = json_loads(sn.options, 0, NULL);
        res = http_json(r, 200,
                        json_pack("{sssosososIsI}", "id", idbuf, "code", json_stringn(sn.code, sn.code_len),
                                  "options", opts ? opts : json_object(), "title",
                                  sn.title ? json_string(sn.title) : json_null(), "size",
                                  (json_int_t)sn.code_len, "created_at", (json_int_t)sn.created_at));
    } else if (kind == 1) {
        const char *h[] = {"Cache-Control", "public, max-age=31536000, immutable", NULL};
        res = http_respond_h(r, 200, "text/plain; charset=utf-8", sn.code, sn.code_len, h);
    } else {
        res = http_share_page(r, &sn);
    }
    store_snippet_free(&sn);
    return res;
}

/* ---- small endpoints ----------------------------------------------------------------- */

static json_t *ping_daemon(const char *addr)
{
    DcConn *c;
    char err[256];
    json_t *resp = NULL;
    if (dc_connect(addr, CONNECT_TIMEOUT_MS, &c, err, sizeof err) != DC_OK)
        return NULL;
    json_t *req = json_pack("{siss}", "id", 1, "op", "ping");
    if (dc_call(c, req, 2000, &resp) != DC_OK)
        resp = NULL;
    json_decref(req);
    dc_close(c);
    return resp;
}

static enum MHD_Result healthz(HttpReq *r)
{
    HttpServer *s = r->srv;
    char err[256];
    bool db_ok = s->store->ops->ping(s->store, err, sizeof err) == STORE_OK;
    unsigned up = 0;
    json_t *ds = json_array();
    for (unsigned i = 0; i < s->cfg.ndaemons; i++) {
        json_t *p = ping_daemon(s->cfg.daemons[i]);
        up += p != NULL;
        json_array_append_new(ds, json_pack("{sssb}", "address", s->cfg.daemons[i], "up", p != NULL));
        json_decref(p);
    }
    bool ok = db_ok && up > 0;
    return http_json(r, ok ? 200 : 503,
                     json_pack("{sssssoso}", "status", ok ? "ok" : "unavailable", "database",
                               db_ok ? "ok" : "unavailable", "daemons", ds, "cache",
                               json_boolean(s->cache != NULL)));
}

static enum MHD_Result version(HttpReq *r)
{
    return http_json(r, 200,
                     json_pack("{sssssss[ss]s[ss]si}", "version", DB_VERSION, "api", "v1", "server",
                               "dynbox-server " DB_VERSION, "rules", "method-scope", "stable", "abi",
                               "vtable-size", "callee", "max_code_bytes", DB_MAX_SOURCE));
}

static enum MHD_Result metrics_page(HttpReq *r)
{
    HttpServer *s = r->srv;
    MetricsGauges g;
    memset(&g, 0, sizeof g);
    if (s->cache) {
        CacheStats cs;
        cache_stats(s->cache, &cs);
        g.cache_hits = cs.hits;
        g.cache_misses = cs.misses;
        g.cache_evictions = cs.evictions;
        g.cache_entries = cs.entries;
        g.cache_bytes = cs.bytes;
        g.cache_max_bytes = cs.max_bytes;
    }
    g.snippets = s->store->ops->count(s->store);
    g.ndaemons = s->cfg.ndaemons;
    for (unsigned i = 0; i < s->cfg.ndaemons && i < 8; i++) {
        json_t *p = ping_daemon(s->cfg.daemons[i]);
        g.daemon[i].addr = s->cfg.daemons[i];
        g.daemon[i].up = p != NULL;
        g.daemon[i].healthy = pool_healthy(&s->pool, i);
        g.daemon[i].inflight = atomic_load(&s->pool.inflight[i]);
        g.daemon[i].workers = json_integer_value(json_object_get(p, "workers"));
        g.daemon[i].ready = json_integer_value(json_object_get(p, "ready"));
        g.daemon[i].queue = json_integer_value(json_object_get(p, "queue"));
        g.daemon[i].running = json_integer_value(json_object_get(p, "running"));
        json_decref(p);
    }
    pthread_mutex_lock(&s->mu);
    g.inflight_jobs = s->jobs;
    pthread_mutex_unlock(&s->mu);
    g.inflight_requests = atomic_load(&s->inflight);
    size_t len;
    char *text = metrics_render(&g, &len);
    if (!text)
        return http_error(r, 500, "internal_error", "out of memory");
    enum MHD_Result rc = http_respond(r, 200, "text/plain; version=0.0.4; charset=utf-8", text, len);
    free(text);
    return rc;
}

/* ---- routing ---------------------------------------------------------------------------- */

static bool has_dotdot(const char *path)
{
    for (const char *p = path; *p;) {
        size_t n = strcspn(p, "/");
        if (n == 2 && p[0] == '.' && p[1] == '.')
            return true;
        p += n;
        if (*p == '/')
            p++;
    }
    return false;
}

static MetricRoute classify(const char *path, const char *method)
{
    if (strcmp(method, "OPTIONS") == 0)
        return MR_PREFLIGHT;
    if (strcmp(path, "/api/v1/compile") == 0)
        return MR_COMPILE;
    if (strcmp(path, "/api/v1/run") == 0)
        return MR_RUN;
    if (strcmp(path, "/api/v1/snippets") == 0)
        return MR_SNIPPET_CREATE;
    if (strncmp(path, "/api/v1/snippets/", 17) == 0)
        return MR_SNIPPET_GET;
    if (strcmp(path, "/api/v1/examples") == 0)
        return MR_EXAMPLES;
    if (strcmp(path, "/api/v1/version") == 0)
        return MR_VERSION;
    if (strcmp(path, "/healthz") == 0)
        return MR_HEALTHZ;
    if (strcmp(path, "/metrics") == 0)
        return MR_METRICS;
    if (strncmp(path, "/s/", 3) == 0) {
        size_t n = strlen(path);
        return n > 6 && strcmp(path + n - 3, ".rs") == 0 ? MR_SHARE_RAW : MR_SHARE_PAGE;
    }
    if (strncmp(path, "/api/", 5) == 0)
        return MR_OTHER;
    return MR_STATIC;
}

static bool is_get(const HttpReq *r)
{
    return strcmp(r->method, "GET") == 0 || strcmp(r->method, "HEAD") == 0;
}

static enum MHD_Result route(HttpReq *r)
{
    const char *p = r->path;
    bool post = strcmp(r->method, "POST") == 0;
    if (has_dotdot(p))
        return http_error(r, 400, "bad_path", "the path may not contain `..`");
    switch (r->route) {
    case MR_PREFLIGHT: {
        const char *h[] = {"Access-Control-Allow-Methods", "GET, POST, OPTIONS",
                           "Access-Control-Allow-Headers", "Content-Type",
                           "Access-Control-Max-Age", "86400",
                           "Allow", "GET, HEAD, POST, OPTIONS", NULL};
        return http_respond_h(r, 204, NULL, "", 0, h);
    }
    case MR_COMPILE:
    case MR_RUN:
        if (!post)
            return not_allowed(r, "POST, OPTIONS");
        return job_request(r, r->route == MR_COMPILE ? "compile" : "run");
    case MR_SNIPPET_CREATE:
        if (!post)
            return not_allowed(r, "POST, OPTIONS");
        return snippet_create(r);
    case MR_SNIPPET_GET:
        if (!is_get(r))
            return not_allowed(r, "GET, HEAD, OPTIONS");
        return with_snippet(r, p + 17, strlen(p + 17), 0);
    case MR_SHARE_RAW:
        if (!is_get(r))
            return not_allowed(r, "GET, HEAD");
        return with_snippet(r, p + 3, strlen(p + 3) - 3, 1);
    case MR_SHARE_PAGE:
        if (!is_get(r))
            return not_allowed(r, "GET, HEAD");
        return with_snippet(r, p + 3, strlen(p + 3), 2);
    case MR_EXAMPLES:
        if (!is_get(r))
            return not_allowed(r, "GET, HEAD, OPTIONS");
        return http_examples(r);
    case MR_VERSION:
        if (!is_get(r))
            return not_allowed(r, "GET, HEAD, OPTIONS");
        return version(r);
    case MR_HEALTHZ:
        if (!is_get(r))
            return not_allowed(r, "GET, HEAD");
        return healthz(r);
    case MR_METRICS:
        if (!is_get(r))
            return not_allowed(r, "GET, HEAD");
        return metrics_page(r);
    case MR_STATIC:
        if (!is_get(r))
            return not_allowed(r, "GET, HEAD");
        return http_static(r, p);
    default:
        return http_error(r, 404, "not_found", "no API endpoint `%.200s`", p);
    }
}

static void client_addr(struct MHD_Connection *conn, char *out, size_t n)
{
    const union MHD_ConnectionInfo *ci = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    snprintf(out, n, "unknown");
    if (!ci || !ci->client_addr)
        return;
    const struct sockaddr *sa = ci->client_addr;
    if (sa->sa_family == AF_INET)
        inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, out, (socklen_t)n);
    else if (sa->sa_family == AF_INET6)
        inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, out, (socklen_t)n);
}

enum MHD_Result http_handler(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
                             const char *ver, const char *upload, size_t *upload_size, void **con_cls)
{
    HttpServer *s = cls;
    HttpReq *r = *con_cls;
    (void)ver;
    if (!r) {
        r = calloc(1, sizeof *r);
        if (!r)
            return MHD_NO;
        r->srv = s;
        r->conn = conn;
        r->t0 = http_now_ns();
        snprintf(r->method, sizeof r->method, "%s", method);
        r->path = strdup(url);
        if (!r->path) {
            free(r);
            return MHD_NO;
        }
        client_addr(conn, r->client, sizeof r->client);
        r->route = classify(url, method);
        *con_cls = r;
        atomic_fetch_add(&s->inflight, 1);
        /* refuse what cannot succeed before reading a byte of the body */
        if (strncmp(url, "/api/", 5) == 0 && r->route != MR_PREFLIGHT) {
            unsigned retry = 1;
            if (s->rl && !rl_take(s->rl, r->client, r->t0, &retry)) {
                metrics_rate_limited();
                return error_retry(r, 429, "rate_limited", retry, "too many requests; slow down");
            }
        }
        const char *cl = MHD_lookup_connection_value(conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
        if (cl && strtoull(cl, NULL, 10) > s->cfg.body_max) {
            r->too_large = true;
            return http_error(r, 413, "body_too_large", "the request body is larger than %zu bytes",
                              s->cfg.body_max);
        }
        return MHD_YES;
    }
    if (r->answered) {
        *upload_size = 0; /* an early answer: discard the rest of the body */
        return MHD_YES;
    }
    if (*upload_size) {
        /* A body that outgrows the cap without announcing its length is
         * read and dropped, so the client sees the 413 at its end; one that
         * goes on past four times the cap is cut off. */
        if (r->too_large || r->body.len + *upload_size > s->cfg.body_max) {
            if (!r->too_large) {
                r->too_large = true;
                free(r->body.p);
                r->body = (HttpBuf){0};
            }
            r->body.len += *upload_size; /* counted, not kept */
            *upload_size = 0;
            return r->body.len > 4 * s->cfg.body_max ? MHD_NO : MHD_YES;
        }
        if (http_buf_append(&r->body, upload, *upload_size) < 0)
            return MHD_NO;
        *upload_size = 0;
        return MHD_YES;
    }
    if (r->waiting) {
        if (!r->done)
            return MHD_YES;
        r->waiting = false;
        enum MHD_Result rc;
        if (!r->rbody) {
            rc = http_error(r, 500, "internal_error", "out of memory");
        } else if (r->retry_after) {
            char v[16];
            snprintf(v, sizeof v, "%u", r->retry_after);
            const char *h[] = {"Retry-After", v, NULL};
            rc = http_respond_h(r, r->rstatus, "application/json", r->rbody, r->rlen, h);
        } else {
            rc = http_respond(r, r->rstatus, "application/json", r->rbody, r->rlen);
        }
        return rc;
    }
    return route(r);
}

static void json_escape(FILE *f, const char *s)
{
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            fprintf(f, "\\%c", c);
        else if (c < 0x20)
            fprintf(f, "\\u%04x", c);
        else
            fputc(c, f);
    }
}

void http_completed(void *cls, struct MHD_Connection *conn, void **con_cls, enum MHD_RequestTerminationCode toe)
{
    HttpServer *s = cls;
    HttpReq *r = *con_cls;
    (void)conn;
    if (!r)
        return;
    uint64_t ns = http_now_ns() - r->t0;
    unsigned status = r->answered ? r->status : 0;
    metrics_request(r->route, status, ns);
    if (s->cfg.access_log) {
        /* one line per request; flockfile keeps concurrent lines whole */
        char ts[32];
        time_t now = time(NULL);
        struct tm tm;
        gmtime_r(&now, &tm);
        strftime(ts, sizeof ts, "%Y-%m-%dT%H:%M:%SZ", &tm);
        flockfile(stderr);
        fprintf(stderr, "{\"ts\":\"%s\",\"client\":\"%s\",\"method\":\"", ts, r->client);
        json_escape(stderr, r->method);
        fputs("\",\"path\":\"", stderr);
        json_escape(stderr, r->path ? r->path : "");
        fprintf(stderr, "\",\"route\":\"%s\",\"status\":%u,\"bytes\":%zu,\"ms\":%.3f,\"cached\":%s%s}\n",
                metrics_route_name(r->route), status, r->resp_bytes, (double)ns / 1e6,
                r->cached ? "true" : "false", toe == MHD_REQUEST_TERMINATED_COMPLETED_OK ? "" : ",\"aborted\":true");
        funlockfile(stderr);
    }
    json_decref(r->job);
    free(r->rbody);
    free(r->body.p);
    free(r->path);
    free(r);
    *con_cls = NULL;
    atomic_fetch_sub(&s->inflight, 1);
}
