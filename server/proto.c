/* proto.c — framing, addresses, request parsing and JSON helpers for
 * dynboxd's protocol.
 *
 * Used by the daemon and by daemon_client.c; owns nothing beyond the values
 * it returns.
 */
#include "proto.h"

#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/un.h>

/* ---- addresses -------------------------------------------------------------- */

int proto_parse_addr(const char *spec, struct sockaddr_storage *ss, socklen_t *len,
                     char *err, size_t errlen)
{
    memset(ss, 0, sizeof *ss);
    if (strncmp(spec, "unix:", 5) == 0) {
        struct sockaddr_un *un = (struct sockaddr_un *)ss;
        size_t n = strlen(spec + 5);
        if (n == 0 || n >= sizeof un->sun_path) {
            snprintf(err, errlen, "unix socket path is empty or longer than %zu bytes",
                     sizeof un->sun_path - 1);
            return -1;
        }
        un->sun_family = AF_UNIX;
        memcpy(un->sun_path, spec + 5, n + 1);
        *len = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + n + 1);
        return 0;
    }
    if (strncmp(spec, "tcp:", 4) != 0) {
        snprintf(err, errlen, "address `%s` is neither unix:PATH nor tcp:HOST:PORT", spec);
        return -1;
    }
    char host[256];
    const char *h = spec + 4, *port;
    size_t hl;
    if (*h == '[') {
        const char *close = strchr(h, ']');
        if (!close || close[1] != ':') {
            snprintf(err, errlen, "address `%s`: expected [HOST]:PORT", spec);
            return -1;
        }
        hl = (size_t)(close - h - 1);
        h++;
        port = close + 2;
    } else {
        const char *colon = strrchr(h, ':');
        if (!colon) {
            snprintf(err, errlen, "address `%s`: expected tcp:HOST:PORT", spec);
            return -1;
        }
        hl = (size_t)(colon - h);
        port = colon + 1;
    }
    if (hl == 0 || hl >= sizeof host || !*port) {
        snprintf(err, errlen, "address `%s`: bad host or port", spec);
        return -1;
    }
    memcpy(host, h, hl);
    host[hl] = '\0';
    struct addrinfo hints, *res = NULL;
    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_NUMERICSERV;
    int e = getaddrinfo(host, port, &hints, &res);
    if (e != 0 || !res) {
        snprintf(err, errlen, "address `%s`: %s", spec, gai_strerror(e));
        return -1;
    }
    memcpy(ss, res->ai_addr, res->ai_addrlen);
    *len = res->ai_addrlen;
    freeaddrinfo(res);
    return 0;
}

/* ---- frames ------------------------------------------------------------------ */

void proto_put_len(unsigned char hdr[4], uint32_t n)
{
    hdr[0] = (unsigned char)(n >> 24);
    hdr[1] = (unsigned char)(n >> 16);
    hdr[2] = (unsigned char)(n >> 8);
    hdr[3] = (unsigned char)n;
}

uint32_t proto_get_len(const unsigned char hdr[4])
{
    return (uint32_t)hdr[0] << 24 | (uint32_t)hdr[1] << 16 | (uint32_t)hdr[2] << 8 | hdr[3];
}

int proto_encode(const json_t *msg, char **frame, size_t *len)
{
    size_t n = json_dumpb(msg, NULL, 0, JSON_COMPACT);
    if (n == 0 || n > PROTO_MAX_RESPONSE)
        return -1;
    char *buf = malloc(n + 4);
    if (!buf)
        return -1;
    if (json_dumpb(msg, buf + 4, n, JSON_COMPACT) != n) {
        free(buf);
        return -1;
    }
    proto_put_len((unsigned char *)buf, (uint32_t)n);
    *frame = buf;
    *len = n + 4;
    return 0;
}

int proto_status_frame(json_t *id, const char *status, const char *error, char **frame, size_t *len)
{
    json_t *o = json_object();
    int rc = -1;
    if (!o)
        return -1;
    if (json_object_set(o, "id", id ? id : json_null()) < 0 ||
        json_object_set_new(o, "status", json_string(status)) < 0)
        goto done;
    if (error && json_object_set_new(o, "error", json_string(error)) < 0)
        goto done;
    rc = proto_encode(o, frame, len);
done:
    json_decref(o);
    return rc;
}

/* ---- UTF-8 ----------------------------------------------------------------------- */

/* Length of the valid UTF-8 sequence at s (1-4), or 0 when invalid:
 * overlong forms, surrogates and code points past U+10FFFF are invalid. */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
    unsigned c = s[0];
    if (c < 0x80)
        return 1;
    size_t need;
    unsigned min;
    if (c >= 0xc2 && c <= 0xdf) {
        need = 2;
        min = 0x80;
    } else if (c >= 0xe0 && c <= 0xef) {
        need = 3;
        min = 0x800;
    } else if (c >= 0xf0 && c <= 0xf4) {
        need = 4;
        min = 0x10000;
    } else {
        return 0;
    }
    if (n < need)
        return 0;
    unsigned cp = c & (0x7fu >> need);
    for (size_t i = 1; i < need; i++) {
        if ((s[i] & 0xc0) != 0x80)
            return 0;
        cp = cp << 6 | (s[i] & 0x3fu);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
        return 0;
    return need;
}

json_t *proto_lossy_string(const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        size_t k = utf8_seq(u + i, n - i);
        if (!k)
            break;
        i += k;
    }
    if (i == n)
        return json_stringn_nocheck(s, n);
    /* each invalid byte becomes the 3-byte U+FFFD */
    char *out = malloc(n * 3 + 1);
    if (!out)
        return NULL;
    size_t o = 0;
    for (i = 0; i < n;) {
        size_t k = utf8_seq(u + i, n - i);
        if (k) {
            memcpy(out + o, s + i, k);
            o += k;
            i += k;
        } else {
            memcpy(out + o, "\xef\xbf\xbd", 3);
            o += 3;
            i++;
        }
    }
    json_t *j = json_stringn_nocheck(out, o);
    free(out);
    return j;
}

/* ---- requests ------------------------------------------------------------------- */

static int get_limit(json_t *limits, const char *key, uint64_t *out, char *err, size_t errlen)
{
    json_t *v = json_object_get(limits, key);
    if (!v)
        return 0;
    if (!json_is_integer(v) || json_integer_value(v) <= 0) {
        snprintf(err, errlen, "`limits.%s` must be a positive integer", key);
        return -1;
    }
    *out = (uint64_t)json_integer_value(v);
    return 0;
}

int proto_parse_request(const char *buf, size_t len, ProtoRequest *req, char *err, size_t errlen)
{
    static const char *const ops[] = {"ping", "compile", "run", "raw_c", "crash_compile"};
    memset(req, 0, sizeof *req);
    req->id = json_null();
    req->rules = req->abi = -1;
    json_error_t je;
    /* NUL is legal in a program's text; duplicate keys are ambiguous */
    req->root = json_loadb(buf, len, JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL, &je);
    if (!req->root) {
        snprintf(err, errlen, "invalid JSON: %s", je.text);
        return -1;
    }
    if (!json_is_object(req->root)) {
        snprintf(err, errlen, "a request must be a JSON object");
        return -1;
    }
    json_t *id = json_object_get(req->root, "id");
    if (id)
        req->id = id;
    const char *op = json_string_value(json_object_get(req->root, "op"));
    if (!op) {
        snprintf(err, errlen, "`op` must be one of \"compile\", \"run\", \"ping\"");
        return -1;
    }
    size_t k = 0;
    while (k < sizeof ops / sizeof ops[0] && strcmp(op, ops[k]) != 0)
        k++;
    if (k == sizeof ops / sizeof ops[0]) {
        snprintf(err, errlen, "unknown op `%.40s`", op);
        return -1;
    }
    req->op = (ProtoOp)k;
    if (req->op == PROTO_PING)
        return 0;

    json_t *code = json_object_get(req->root, "code");
    if (!json_is_string(code)) {
        snprintf(err, errlen, "`code` must be a string");
        return -1;
    }
    req->code = json_string_value(code);
    req->code_len = json_string_length(code);

    json_t *opts = json_object_get(req->root, "options");
    if (opts && !json_is_object(opts) && !json_is_null(opts)) {
        snprintf(err, errlen, "`options` must be an object");
        return -1;
    }
    if (json_is_object(opts)) {
        json_t *rules = json_object_get(opts, "rules");
        json_t *abi = json_object_get(opts, "abi");
        const char *rv = json_string_value(rules), *av = json_string_value(abi);
        if (rules && !(rv && (strcmp(rv, "method-scope") == 0 || strcmp(rv, "stable") == 0))) {
            snprintf(err, errlen, "`options.rules` must be \"method-scope\" or \"stable\"");
            return -1;
        }
        if (abi && !(av && (strcmp(av, "vtable-size") == 0 || strcmp(av, "callee") == 0))) {
            snprintf(err, errlen, "`options.abi` must be \"vtable-size\" or \"callee\"");
            return -1;
        }
        static const char *const flags[] = {"c", "explain"};
        bool *dst[] = {&req->want_c, &req->want_explain};
        for (size_t i = 0; i < 2; i++) {
            json_t *v = json_object_get(opts, flags[i]);
            if (v && !json_is_boolean(v)) {
                snprintf(err, errlen, "`options.%s` must be true or false", flags[i]);
                return -1;
            }
            *dst[i] = v && json_is_true(v);
        }
        /* values follow DbRules and DbAbi's order */
        if (rv)
            req->rules = strcmp(rv, "stable") == 0;
        if (av)
            req->abi = strcmp(av, "callee") == 0;
    }

    json_t *limits = json_object_get(req->root, "limits");
    if (limits && !json_is_object(limits) && !json_is_null(limits)) {
        snprintf(err, errlen, "`limits` must be an object");
        return -1;
    }
    if (json_is_object(limits) &&
        (get_limit(limits, "cpu_ms", &req->limits.cpu_ms, err, errlen) < 0 ||
         get_limit(limits, "wall_ms", &req->limits.wall_ms, err, errlen) < 0 ||
         get_limit(limits, "mem_bytes", &req->limits.mem_bytes, err, errlen) < 0 ||
         get_limit(limits, "output_bytes", &req->limits.output_bytes, err, errlen) < 0 ||
         get_limit(limits, "stack_bytes", &req->limits.stack_bytes, err, errlen) < 0))
        return -1;
    return 0;
}

void proto_request_free(ProtoRequest *req)
{
    if (req->root)
        json_decref(req->root);
    req->root = NULL;
    req->id = NULL;
}
