/* http_static.c — the UI's static files (ETag, Cache-Control), the share
 * page /s/{id} (the UI's index.html with the snippet embedded, or a plain
 * page when the UI is not built) and the examples gallery.
 */
#include "http.h"

#include "../compiler/dynbox.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Static assets are small; index.html even more so. */
#define INDEX_MAX (4u << 20)

static const struct {
    const char *ext, *type;
} mime[] = {
    {".html", "text/html; charset=utf-8"},
    {".js", "text/javascript; charset=utf-8"},
    {".mjs", "text/javascript; charset=utf-8"},
    {".css", "text/css; charset=utf-8"},
    {".json", "application/json"},
    {".map", "application/json"},
    {".svg", "image/svg+xml"},
    {".png", "image/png"},
    {".ico", "image/x-icon"},
    {".woff2", "font/woff2"},
    {".txt", "text/plain; charset=utf-8"},
    {".rs", "text/plain; charset=utf-8"},
    {".wasm", "application/wasm"},
};

static const char *mime_type(const char *path)
{
    const char *dot = strrchr(path, '.');
    if (dot && !strchr(dot, '/'))
        for (size_t i = 0; i < sizeof mime / sizeof mime[0]; i++)
            if (strcmp(dot, mime[i].ext) == 0)
                return mime[i].type;
    return "application/octet-stream";
}

static const char fallback_index[] =
    "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>dynbox</title></head>\n"
    "<body><h1>dynbox-server</h1>\n"
    "<p>The browser UI is not built (no <code>index.html</code> in the static directory); build it "
    "with <code>make</code> or pass <code>--static DIR</code>.</p>\n"
    "<p>The JSON API is up: <a href=\"/api/v1/version\">/api/v1/version</a>, "
    "<a href=\"/api/v1/examples\">/api/v1/examples</a>, <a href=\"/healthz\">/healthz</a>, "
    "<a href=\"/metrics\">/metrics</a>. See docs/api.md.</p>\n</body></html>\n";

enum MHD_Result http_static(HttpReq *r, const char *path)
{
    HttpServer *s = r->srv;
    const char *rel = strcmp(path, "/") == 0 ? "/index.html" : path;
    char full[4096];
    if (snprintf(full, sizeof full, "%s%s", s->cfg.static_dir, rel) >= (int)sizeof full)
        return http_error(r, 404, "not_found", "no file `%.200s`", path);
    int fd = open(full, O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
        if (fd >= 0)
            close(fd);
        if (strcmp(rel, "/index.html") == 0) {
            const char *h[] = {"Cache-Control", "no-cache", NULL};
            return http_respond_h(r, 200, "text/html; charset=utf-8", fallback_index, sizeof fallback_index - 1,
                                  h);
        }
        return http_error(r, 404, "not_found", "no file `%.200s`", path);
    }
    char etag[96];
    snprintf(etag, sizeof etag, "\"%llx-%llx-%llx\"", (unsigned long long)st.st_ino,
             (unsigned long long)st.st_size,
             (unsigned long long)st.st_mtim.tv_sec * 1000000000ull + (unsigned long long)st.st_mtim.tv_nsec);
    /* HTML names never change, hashed assets may be cached for a while;
     * either way the ETag makes revalidation cheap */
    const char *ctype = mime_type(rel);
    const char *cc = strncmp(ctype, "text/html", 9) == 0 ? "no-cache" : "public, max-age=3600";
    const char *inm = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_IF_NONE_MATCH);
    struct MHD_Response *resp;
    unsigned status = 200;
    if (inm && strstr(inm, etag)) {
        close(fd);
        status = 304;
        resp = MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
    } else {
        resp = MHD_create_response_from_fd((uint64_t)st.st_size, fd);
        if (!resp)
            close(fd);
    }
    if (!resp)
        return MHD_NO;
    MHD_add_response_header(resp, MHD_HTTP_HEADER_ETAG, etag);
    MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL, cc);
    MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
    if (status == 200)
        MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, ctype);
    enum MHD_Result rc = MHD_queue_response(r->conn, status, resp);
    MHD_destroy_response(resp);
    r->answered = true;
    r->status = status;
    r->resp_bytes = status == 200 ? (size_t)st.st_size : 0;
    return rc;
}

static char *read_file(const char *path, size_t max, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    HttpBuf b = {0};
    char chunk[8192];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (b.len + n > max || http_buf_append(&b, chunk, n) < 0) {
            free(b.p);
            fclose(f);
            return NULL;
        }
    }
    fclose(f);
    if (!b.p && http_buf_append(&b, "", 0) < 0)
        return NULL;
    *len = b.len;
    return b.p;
}

static int append_html_escaped(HttpBuf *b, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const char *rep = s[i] == '<' ? "&lt;" : s[i] == '>' ? "&gt;" : s[i] == '&' ? "&amp;"
                        : s[i] == '"' ? "&quot;" : NULL;
        if (rep ? http_buf_append(b, rep, strlen(rep)) < 0 : http_buf_append(b, s + i, 1) < 0)
            return -1;
    }
    return 0;
}

enum MHD_Result http_share_page(HttpReq *r, const StoreSnippet *sn)
{
    HttpServer *s = r->srv;
    char path[4096];
    snprintf(path, sizeof path, "%s/index.html", s->cfg.static_dir);
    size_t ilen = 0;
    char *index = read_file(path, INDEX_MAX, &ilen);
    HttpBuf b = {0};
    int ok = 0;
    if (index) {
        /* The snippet goes into the page as JSON in a script element; every
         * `<` is escaped so no text in the code can close the element. */
        json_t *opts = json_loads(sn->options, 0, NULL);
        json_t *o = json_pack("{sssososo?}", "id", sn->id, "code", json_stringn(sn->code, sn->code_len),
                              "options", opts ? opts : json_object(), "title",
                              sn->title ? json_string(sn->title) : NULL);
        char *js = o ? json_dumps(o, JSON_COMPACT) : NULL;
        json_decref(o);
        HttpBuf script = {0};
        ok = js != NULL;
        if (ok && !strstr(index, "<base"))
            ok = http_buf_append(&script, "<base href=\"/\">", 15) == 0;
        ok = ok && http_buf_append(&script, "<script>window.DYNBOX_SNIPPET=", 30) == 0;
        for (const char *p = js; ok && *p; p++)
            ok = *p == '<' ? http_buf_append(&script, "\\u003c", 6) == 0 : http_buf_append(&script, p, 1) == 0;
        ok = ok && http_buf_append(&script, ";</script>", 10) == 0;
        free(js);
        char *at = strstr(index, "</head>");
        size_t pre = at ? (size_t)(at - index) : 0;
        ok = ok && http_buf_append(&b, index, pre) == 0 && http_buf_append(&b, script.p, script.len) == 0 &&
             http_buf_append(&b, index + pre, ilen - pre) == 0;
        free(script.p);
        free(index);
    } else {
        char head[512];
        snprintf(head, sizeof head,
                 "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>dynbox snippet %s</title>"
                 "</head>\n<body><h1>dynbox snippet <code>%s</code></h1>\n"
                 "<p>The browser UI is not built; here is the code (<a href=\"/s/%s.rs\">raw</a>, "
                 "<a href=\"/api/v1/snippets/%s\">JSON</a>).</p>\n<pre><code>",
                 sn->id, sn->id, sn->id, sn->id);
        ok = http_buf_append(&b, head, strlen(head)) == 0 && append_html_escaped(&b, sn->code, sn->code_len) == 0 &&
             http_buf_append(&b, "</code></pre>\n</body></html>\n", 29) == 0;
    }
    enum MHD_Result rc;
    if (ok) {
        const char *h[] = {"Cache-Control", "no-cache", NULL};
        rc = http_respond_h(r, 200, "text/html; charset=utf-8", b.p, b.len, h);
    } else {
        rc = http_error(r, 500, "internal_error", "out of memory");
    }
    free(b.p);
    return rc;
}

/* `// dynbox: rules=stable abi=callee` into {"rules": ..., "abi": ...}. */
static json_t *parse_options_line(const char *line, size_t n)
{
    json_t *o = json_object();
    const char *p = line, *end = line + n;
    while (p < end) {
        while (p < end && (*p == ' ' || *p == '\t'))
            p++;
        const char *w = p;
        while (p < end && *p != ' ' && *p != '\t')
            p++;
        const char *eq = memchr(w, '=', (size_t)(p - w));
        if (eq && eq > w) {
            char key[32];
            size_t kl = (size_t)(eq - w);
            if (kl < sizeof key) {
                memcpy(key, w, kl);
                key[kl] = '\0';
                json_object_set_new(o, key, json_stringn(eq + 1, (size_t)(p - eq - 1)));
            }
        }
    }
    return o;
}

static json_t *example(const char *dir, const char *file)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, file);
    size_t len;
    char *code = read_file(path, DB_MAX_SOURCE, &len);
    if (!code)
        return NULL;
    json_t *opts = NULL, *desc = NULL;
    /* the header: an optional `// dynbox:` line, then `//!` lines */
    for (const char *p = code; p < code + len;) {
        const char *nl = memchr(p, '\n', (size_t)(code + len - p));
        size_t n = nl ? (size_t)(nl - p) : (size_t)(code + len - p);
        if (n >= 10 && strncmp(p, "// dynbox:", 10) == 0 && !opts) {
            opts = parse_options_line(p + 10, n - 10);
        } else if (n >= 3 && strncmp(p, "//!", 3) == 0) {
            if (!desc) {
                size_t skip = n > 3 && p[3] == ' ' ? 4 : 3;
                desc = json_stringn(p + skip, n - skip);
            }
        } else if (n > 0) {
            break;
        }
        p += n + 1;
    }
    char name[256];
    snprintf(name, sizeof name, "%.*s", (int)(strlen(file) - 3), file);
    const char *d = json_string_value(desc);
    json_t *o = json_pack("{sssososbso}", "name", name, "description", desc ? desc : json_string(""), "options",
                          opts ? opts : json_object(), "expect_error", d && strncmp(d, "error:", 6) == 0,
                          "code", json_stringn(code, len));
    free(code);
    return o;
}

static int rs_filter(const struct dirent *e)
{
    size_t n = strlen(e->d_name);
    return e->d_name[0] != '.' && n > 3 && strcmp(e->d_name + n - 3, ".rs") == 0;
}

enum MHD_Result http_examples(HttpReq *r)
{
    struct dirent **list = NULL;
    json_t *arr = json_array();
    int n = scandir(r->srv->cfg.examples_dir, &list, rs_filter, alphasort);
    for (int i = 0; i < n; i++) {
        json_t *e = example(r->srv->cfg.examples_dir, list[i]->d_name);
        if (e)
            json_array_append_new(arr, e);
        free(list[i]);
    }
    free(list);
    return http_json(r, 200, json_pack("{so}", "examples", arr));
}
