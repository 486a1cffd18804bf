/* util.c — the arena every compiler allocation comes from, growable lists and
 * text buffers, the symbol interner and the source map (byte offset to line
 * and column). Nothing here knows about Rust.
 */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <time.h>

/* ------------------------------------------------------------------ arena */

struct ArenaChunk {
    ArenaChunk *next;
    size_t used, cap;
    bool solo;          /* made for one allocation larger than the growth */
    _Alignas(16) unsigned char data[];
};

/* Chunks grow with the unit so a 10,000-line program needs few mallocs while
 * a one-line snippet stays small. */
enum { ARENA_MIN_CHUNK = 16 * 1024, ARENA_MAX_CHUNK = 1024 * 1024 };

static void out_of_memory(void) {
    fputs("dynbox: out of memory\n", stderr);
    abort();
}

void *arena_alloc(Arena *a, size_t size) {
    size = (size + 15) & ~(size_t)15;
    ArenaChunk *c = a->head;
    if (!c || c->cap - c->used < size) {
        size_t cap = c ? c->cap * 2 : ARENA_MIN_CHUNK;
        if (cap > ARENA_MAX_CHUNK) cap = ARENA_MAX_CHUNK;
        if (cap < size) cap = size;
        /* A chunk is mapped whole and populated in one call: every compiler
         * allocation lands in fresh memory the kernel has zeroed, so
         * arena_alloc needs no memset (the arena never hands a byte out
         * twice), and the pages arrive together instead of one page fault
         * at a time, which on a virtual machine is most of a unit's cost
         * (the standard prelude alone fills about 5 MiB). */
        size_t page = 4096, map = (sizeof *c + cap + page - 1) & ~(page - 1);
        void *m = mmap(NULL, map, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
        if (m == MAP_FAILED) out_of_memory();
        c = m;
        c->cap = map - sizeof *c;
        a->chunks++;
        if (cap == size && a->head) {
            /* One allocation larger than the growth: its own chunk, kept
             * behind the current one, which goes on serving the small ones
             * (and arena_recycle can tell the chunk holds nothing else). */
            c->solo = true;
            c->used = size;
            c->next = a->head->next;
            a->head->next = c;
            a->bytes += size;
            return c->data;
        }
        c->next = a->head;
        a->head = c;
    }
    void *p = c->data + c->used;
    c->used += size;
    a->bytes += size;
    return p;
}

/* Hands a dead allocation's memory back for reuse. `p` must be an
 * allocation larger than the chunk growth (a token array: such an allocation
 * gets a chunk of its own, see arena_alloc) and only its first `dirty` bytes
 * may have been written. That much is zeroed and the chunk becomes the one
 * arena_alloc takes from next, so what follows lands in pages already mapped
 * instead of fresh ones. False (and nothing changes) for any other `p`. */
bool arena_recycle(Arena *a, void *p, size_t dirty) {
    ArenaChunk **link = &a->head;
    while (*link && (void *)(*link)->data != p) link = &(*link)->next;
    ArenaChunk *c = *link;
    if (!c || !c->solo || dirty > c->used) return false;
    memset(c->data, 0, dirty);
    c->used = 0;
    c->solo = false;
    *link = c->next;
    c->next = a->head;
    a->head = c;
    return true;
}

char *arena_strndup(Arena *a, const char *s, size_t n) {
    char *p = arena_alloc(a, n + 1);
    memcpy(p, s, n);
    p[n] = 0;
    return p;
}

char *arena_vprintf(Arena *a, const char *fmt, va_list ap) {
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0) n = 0;
    char *p = arena_alloc(a, (size_t)n + 1);
    if (n > 0) vsnprintf(p, (size_t)n + 1, fmt, ap);
    return p;
}

char *arena_printf(Arena *a, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    char *p = arena_vprintf(a, fmt, ap);
    va_end(ap);
    return p;
}

void arena_free_all(Arena *a) {
    ArenaChunk *c = a->head;
    while (c) {
        ArenaChunk *next = c->next;
        munmap(c, sizeof *c + c->cap);
        c = next;
    }
    a->head = NULL;
    a->bytes = 0;
    a->chunks = 0;
}

void list_push(Arena *a, List *l, void *p) {
    if (l->n == l->cap) {
        int cap = l->cap ? l->cap * 2 : 4;
        void **v = arena_alloc(a, sizeof(void *) * (size_t)cap);
        if (l->n) memcpy(v, l->v, sizeof(void *) * (size_t)l->n);
        l->v = v;
        l->cap = cap;
    }
    l->v[l->n++] = p;
}

/* ------------------------------------------------------------------- text */

static void buf_reserve(Buf *b, size_t extra) {
    if (b->len + extra + 1 <= b->cap) return;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + extra + 1) cap *= 2;
    char *s = realloc(b->s, cap);
    if (!s) out_of_memory();
    b->s = s;
    b->cap = cap;
}

void buf_put(Buf *b, const char *s, size_t n) {
    buf_reserve(b, n);
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = 0;
}

void buf_puts(Buf *b, const char *s) { buf_put(b, s, strlen(s)); }

void buf_putc(Buf *b, char c) { buf_put(b, &c, 1); }

void buf_vprintf(Buf *b, const char *fmt, va_list ap) {
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0) return;
    buf_reserve(b, (size_t)n);
    vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
}

void buf_printf(Buf *b, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(b, fmt, ap);
    va_end(ap);
}

/* JSON string with the escapes RFC 8259 requires. Bytes that are not valid
 * UTF-8 become U+FFFD so the output is always valid JSON. */
void buf_json_string(Buf *b, const char *s, size_t n) {
    buf_putc(b, '"');
    const unsigned char *p = (const unsigned char *)s;
    for (size_t i = 0; i < n;) {
        unsigned char c = p[i];
        if (c == '"' || c == '\\') {
            buf_putc(b, '\\');
            buf_putc(b, (char)c);
            i++;
        } else if (c == '\n') { buf_puts(b, "\\n"); i++; }
        else if (c == '\t') { buf_puts(b, "\\t"); i++; }
        else if (c == '\r') { buf_puts(b, "\\r"); i++; }
        else if (c < 0x20 || c == 0x7f) { buf_printf(b, "\\u%04x", c); i++; }
        else if (c < 0x80) { buf_putc(b, (char)c); i++; }
        else {
            int len = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 ? 2 : 0;
            bool ok = len && i + (size_t)len <= n && c <= 0xf4;
            for (int k = 1; ok && k < len; k++) ok = (p[i + (size_t)k] & 0xc0) == 0x80;
            if (ok && len == 3 && c == 0xe0 && p[i + 1] < 0xa0) ok = false;
            if (ok && len == 3 && c == 0xed && p[i + 1] >= 0xa0) ok = false;
            if (ok && len == 4 && c == 0xf0 && p[i + 1] < 0x90) ok = false;
            if (ok && len == 4 && c == 0xf4 && p[i + 1] >= 0x90) ok = false;
            if (ok) {
                buf_put(b, s + i, (size_t)len);
                i += (size_t)len;
            } else {
                buf_puts(b, "\\ufffd");
                i++;
            }
        }
    }
    buf_putc(b, '"');
}

void buf_free(Buf *b) {
    free(b->s);
    b->s = NULL;
    b->len = b->cap = 0;
}

/* ----------------------------------------------------------------- source */

static void src_index_lines(Source *s) {
    if (s->line_starts) return;
    uint32_t n = 1;
    for (uint32_t i = 0; i < s->len; i++)
        if (s->text[i] == '\n') n++;
    s->line_starts = malloc(sizeof(uint32_t) * n);
    if (!s->line_starts) out_of_memory();
    s->line_starts[0] = 0;
    uint32_t k = 1;
    for (uint32_t i = 0; i < s->len; i++)
        if (s->text[i] == '\n') s->line_starts[k++] = i + 1;
    s->nlines = n;
}

uint32_t src_line_count(Source *s) {
    src_index_lines(s);
    return s->nlines;
}

void src_line_col(Source *s, uint32_t off, uint32_t *line, uint32_t *col) {
    src_index_lines(s);
    if (off > s->len) off = s->len;
    uint32_t lo = 0, hi = s->nlines;
    while (hi - lo > 1) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (s->line_starts[mid] <= off) lo = mid;
        else hi = mid;
    }
    /* Columns count characters: skip UTF-8 continuation bytes. */
    uint32_t c = 1;
    for (uint32_t i = s->line_starts[lo]; i < off; i++)
        if (((unsigned char)s->text[i] & 0xc0) != 0x80) c++;
    *line = lo + 1;
    *col = c;
}

void src_line_range(Source *s, uint32_t line, uint32_t *lo, uint32_t *hi) {
    src_index_lines(s);
    if (line < 1) line = 1;
    if (line > s->nlines) line = s->nlines;
    *lo = s->line_starts[line - 1];
    uint32_t end = line < s->nlines ? s->line_starts[line] - 1 : s->len;
    if (end > *lo && s->text[end - 1] == '\r') end--;
    *hi = end;
}

/* ---------------------------------------------------------------- symbols */

static uint32_t hash_bytes(const char *s, size_t n) {
    uint32_t h = 2166136261u; /* FNV-1a */
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 16777619u;
    }
    return h;
}

Sym sym_intern(DbUnit *u, const char *s, size_t n) {
    Interner *in = &u->syms;
    if (in->count * 2 >= in->cap) {
        uint32_t cap = in->cap ? in->cap * 2 : 1024;
        Sym *slots = arena_alloc(&u->arena, sizeof(Sym) * cap);
        for (uint32_t i = 0; i < in->cap; i++) {
            Sym old = in->slots[i];
            if (!old) continue;
            uint32_t j = hash_bytes(old, strlen(old)) & (cap - 1);
            while (slots[j]) j = (j + 1) & (cap - 1);
            slots[j] = old;
        }
        in->slots = slots;
        in->cap = cap;
    }
    uint32_t j = hash_bytes(s, n) & (in->cap - 1);
    while (in->slots[j]) {
        if (strncmp(in->slots[j], s, n) == 0 && in->slots[j][n] == 0) return in->slots[j];
        j = (j + 1) & (in->cap - 1);
    }
    Sym sym = arena_strndup(&u->arena, s, n);
    in->slots[j] = sym;
    in->count++;
    return sym;
}

uint64_t clock_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* ------------------------------------------------- similar names (typos) */

/* rustc's edit_distance: optimal string alignment (Levenshtein plus
 * transpositions of neighbours), or -1 when it exceeds limit. */
static int edit_distance(const char *a, const char *b, int limit) {
    int la = (int)strlen(a), lb = (int)strlen(b);
    if (la < lb) {
        const char *s = a;
        a = b, b = s;
        int l = la;
        la = lb, lb = l;
    }
    if (la - lb > limit || la > 64) return -1;
    int d[65][65];
    for (int i = 0; i <= la; i++) d[i][0] = i;
    for (int j = 0; j <= lb; j++) d[0][j] = j;
    for (int i = 1; i <= la; i++)
        for (int j = 1; j <= lb; j++) {
            int cost = a[i - 1] != b[j - 1];
            int v = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < v) v = d[i][j - 1] + 1;
            if (d[i - 1][j - 1] + cost < v) v = d[i - 1][j - 1] + cost;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && d[i - 2][j - 2] + 1 < v)
                v = d[i - 2][j - 2] + 1;
            d[i][j] = v;
        }
    return d[la][lb] <= limit ? d[la][lb] : -1;
}

/* `a_b_c` with its `_`-separated words sorted, for rustc's last resort. */
static void sorted_words(const char *s, char *out, size_t cap) {
    const char *words[32];
    size_t lens[32];
    int n = 0;
    for (const char *p = s; n < 32;) {
        const char *e = strchr(p, '_');
        words[n] = p;
        lens[n++] = e ? (size_t)(e - p) : strlen(p);
        if (!e) break;
        p = e + 1;
    }
    for (int i = 1; i < n; i++)
        for (int k = i; k > 0; k--) {
            size_t m = lens[k] < lens[k - 1] ? lens[k] : lens[k - 1];
            int c = strncmp(words[k], words[k - 1], m);
            if (c > 0 || (c == 0 && lens[k] >= lens[k - 1])) break;
            const char *w = words[k];
            words[k] = words[k - 1], words[k - 1] = w;
            size_t l = lens[k];
            lens[k] = lens[k - 1], lens[k - 1] = l;
        }
    size_t o = 0;
    for (int i = 0; i < n && o + lens[i] + 2 < cap; i++) {
        if (i) out[o++] = '_';
        memcpy(out + o, words[i], lens[i]);
        o += lens[i];
    }
    out[o] = 0;
}

Sym best_match_for_name(const Sym *cands, int n, Sym lookup) {
    if (!lookup) return NULL;
    for (int i = 0; i < n; i++)
        if (cands[i] && cands[i] != lookup && strcasecmp(cands[i], lookup) == 0) return cands[i];
    int len = (int)strlen(lookup);
    int limit = (len > 3 ? len : 3) / 3;
    Sym best = NULL;
    for (int i = 0; i < n; i++) {
        if (!cands[i] || cands[i] == lookup) continue;
        int d = edit_distance(lookup, cands[i], limit);
        if (d < 0) continue;
        if (d == 0) return cands[i];
        limit = d - 1;
        best = cands[i];
    }
    if (best) return best;
    char want[256], got[256];
    sorted_words(lookup, want, sizeof want);
    for (int i = n - 1; i >= 0; i--) {
        if (!cands[i] || cands[i] == lookup || !strchr(cands[i], '_')) continue;
        sorted_words(cands[i], got, sizeof got);
        if (strcmp(want, got) == 0) return cands[i];
    }
    return NULL;
}
