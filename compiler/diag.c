/* diag.c — building diagnostics and rendering them the way rustc does: the
 * terminal layout (snippets, hanging labels, suggestions, ANSI colours) and
 * the one-object-per-line JSON. Everything it allocates lives in u->arena.
 */
#include "internal.h"

#include <stdio.h>
#include <string.h>

/* ----------------------------------------------------------- construction */

static Diag *diag_make(DbUnit *u, DiagLevel level, const char *code, const char *fmt,
                       va_list ap) {
    Diag *d = arena_alloc(&u->arena, sizeof *d);
    d->level = level;
    d->code = code ? arena_strndup(&u->arena, code, strlen(code)) : NULL;
    d->message = arena_vprintf(&u->arena, fmt, ap);
    return d;
}

static void add_child(DbUnit *u, Diag *parent, Diag *c) {
    if (parent->nchildren == parent->capchildren) {
        int cap = parent->capchildren ? parent->capchildren * 2 : 4;
        Diag **v = arena_alloc(&u->arena, sizeof *v * (size_t)cap);
        if (parent->nchildren) memcpy(v, parent->children, sizeof *v * (size_t)parent->nchildren);
        parent->children = v;
        parent->capchildren = cap;
    }
    parent->children[parent->nchildren++] = c;
}

/* Spans are clamped to the source so that no renderer ever reads past it,
 * whatever a phase computed for an end-of-file or recovery position. */
static DiagSpan *add_span(DbUnit *u, Diag *d, Span sp, bool primary) {
    if (d->nspans == d->capspans) {
        int cap = d->capspans ? d->capspans * 2 : 4;
        DiagSpan *v = arena_alloc(&u->arena, sizeof *v * (size_t)cap);
        if (d->nspans) memcpy(v, d->spans, sizeof *v * (size_t)d->nspans);
        d->spans = v;
        d->capspans = cap;
    }
    if (sp.lo > u->src.len) sp.lo = u->src.len;
    if (sp.hi > u->src.len) sp.hi = u->src.len;
    if (sp.hi < sp.lo) sp.hi = sp.lo;
    DiagSpan *ds = &d->spans[d->nspans++];
    memset(ds, 0, sizeof *ds);
    ds->span = sp;
    ds->primary = primary;
    return ds;
}

Diag *diag_new(DbUnit *u, DiagLevel level, const char *code, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    Diag *d = diag_make(u, level, code, fmt, ap);
    va_end(ap);
    DiagList *l = &u->diags;
    if (l->tail) l->tail->next = d;
    else l->head = d;
    l->tail = d;
    if (level == DIAG_ERROR || level == DIAG_ICE) l->errors++;
    else if (level == DIAG_WARNING) l->warnings++;
    return d;
}

Diag *diag_child(DbUnit *u, Diag *parent, DiagLevel level, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    Diag *c = diag_make(u, level, NULL, fmt, ap);
    va_end(ap);
    add_child(u, parent, c);
    return c;
}

void diag_span(DbUnit *u, Diag *d, Span sp, bool primary, const char *label_fmt, ...) {
    DiagSpan *ds = add_span(u, d, sp, primary);
    if (!label_fmt) return;
    va_list ap;
    va_start(ap, label_fmt);
    ds->label = arena_vprintf(&u->arena, label_fmt, ap);
    va_end(ap);
}

Diag *diag_suggest(DbUnit *u, Diag *parent, Span sp, const char *replacement,
                   Applicability app, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    Diag *c = diag_make(u, DIAG_HELP, NULL, fmt, ap);
    va_end(ap);
    /* rustc marks suggestion spans primary in its JSON. */
    DiagSpan *ds = add_span(u, c, sp, true);
    ds->replacement = arena_strndup(&u->arena, replacement ? replacement : "",
                                    replacement ? strlen(replacement) : 0);
    ds->app = app;
    add_child(u, parent, c);
    return c;
}

Diag *diag_error_at(DbUnit *u, Span sp, const char *code, const char *label,
                    const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    Diag *d = diag_make(u, DIAG_ERROR, code, fmt, ap);
    va_end(ap);
    DiagList *l = &u->diags;
    if (l->tail) l->tail->next = d;
    else l->head = d;
    l->tail = d;
    l->errors++;
    DiagSpan *ds = add_span(u, d, sp, true);
    if (label) ds->label = arena_strndup(&u->arena, label, strlen(label));
    return d;
}

static bool is_suggestion(const Diag *d) {
    for (int i = 0; i < d->nspans; i++)
        if (d->spans[i].replacement) return true;
    return false;
}

/* ---------------------------------------------------------- display text */

/* Length of the valid UTF-8 sequence at p (same rules as buf_json_string),
 * or 0 when the byte starts no valid sequence. */
static int utf8_decode(const unsigned char *p, size_t n, uint32_t *cp) {
    unsigned char c = p[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    int len = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 ? 2 : 0;
    if (!len || (size_t)len > n || c > 0xf4) return 0;
    for (int k = 1; k < len; k++)
        if ((p[k] & 0xc0) != 0x80) return 0;
    if (len == 3 && c == 0xe0 && p[1] < 0xa0) return 0;
    if (len == 3 && c == 0xed && p[1] >= 0xa0) return 0;
    if (len == 4 && c == 0xf0 && p[1] < 0x90) return 0;
    if (len == 4 && c == 0xf4 && p[1] >= 0x90) return 0;
    uint32_t v = c & (0xff >> (len + 1));
    for (int k = 1; k < len; k++) v = (v << 6) | (p[k] & 0x3f);
    *cp = v;
    return len;
}

/* Terminal columns of a code point: a small table instead of a full wcwidth,
 * enough to keep carets under CJK text and emoji. */
static int char_width(uint32_t cp) {
    static const uint32_t zero[][2] = {
        { 0x0300, 0x036f }, { 0x0483, 0x0489 }, { 0x1ab0, 0x1aff }, { 0x1dc0, 0x1dff },
        { 0x200b, 0x200f }, { 0x20d0, 0x20ff }, { 0xfe00, 0xfe0f }, { 0xfe20, 0xfe2f },
        { 0xe0100, 0xe01ef },
    };
    static const uint32_t wide[][2] = {
        { 0x1100, 0x115f }, { 0x231a, 0x231b }, { 0x2329, 0x232a }, { 0x23e9, 0x23ec },
        { 0x2e80, 0x303e }, { 0x3041, 0x33ff }, { 0x3400, 0x4dbf }, { 0x4e00, 0x9fff },
        { 0xa000, 0xa4cf }, { 0xac00, 0xd7a3 }, { 0xf900, 0xfaff }, { 0xfe30, 0xfe4f },
        { 0xff00, 0xff60 }, { 0xffe0, 0xffe6 }, { 0x1f300, 0x1f64f }, { 0x1f900, 0x1f9ff },
        { 0x20000, 0x3fffd },
    };
    for (size_t i = 0; i < sizeof zero / sizeof zero[0]; i++)
        if (cp >= zero[i][0] && cp <= zero[i][1]) return 0;
    for (size_t i = 0; i < sizeof wide / sizeof wide[0]; i++)
        if (cp >= wide[i][0] && cp <= wide[i][1]) return 2;
    return 1;
}

static int put_cp(char *o, uint32_t cp) {
    if (cp < 0x80) { o[0] = (char)cp; return 1; }
    if (cp < 0x800) {
        o[0] = (char)(0xc0 | (cp >> 6));
        o[1] = (char)(0x80 | (cp & 0x3f));
        return 2;
    }
    o[0] = (char)(0xe0 | (cp >> 12));
    o[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
    o[2] = (char)(0x80 | (cp & 0x3f));
    return 3;
}

/* How one source character is shown, made safe for a terminal as rustc
 * does: a tab is four spaces, a control byte its Unicode "control picture"
 * (so no source byte can ever emit an escape sequence), a bidi override
 * U+FFFD, a zero-width joiner nothing; we also show invalid UTF-8 as U+FFFD.
 * Each of the `cells` cells shows `out` and takes `width / cells` columns. */
typedef struct Glyph {
    char out[4];
    int n;        /* bytes in out */
    int cells;    /* 0, 1, or 4 for a tab */
    int width;    /* terminal columns in all */
} Glyph;

static size_t glyph(const char *s, size_t n, Glyph *g) {
    uint32_t cp = 0;
    int len = utf8_decode((const unsigned char *)s, n, &cp);
    g->cells = 1;
    g->width = 1;
    if (!len) {
        g->n = put_cp(g->out, 0xfffd);
        return 1;
    }
    if (cp == '\t') {
        g->out[0] = ' ';
        g->n = 1;
        g->cells = g->width = 4;
    } else if (cp < 0x20 || cp == 0x7f) {
        g->n = put_cp(g->out, cp == 0x7f ? 0x2421 : 0x2400 + cp);
    } else if (cp == 0x200d) {
        g->n = 0;
        g->cells = g->width = 0;
    } else if ((cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069)) {
        g->n = put_cp(g->out, 0xfffd);
    } else {
        memcpy(g->out, s, (size_t)len);
        g->n = len;
        g->width = char_width(cp);
    }
    return (size_t)len;
}

/* Safe text for messages and labels (short strings), in the arena. */
static char *display_text(Arena *a, const char *s, size_t n, size_t *len) {
    char *o = arena_alloc(a, n * 4 + 1);
    size_t k = 0;
    Glyph g;
    for (size_t i = 0; i < n;) {
        i += glyph(s + i, n - i, &g);
        for (int c = 0; c < g.cells; c++) {
            memcpy(o + k, g.out, (size_t)g.n);
            k += (size_t)g.n;
        }
    }
    o[k] = 0;
    if (len) *len = k;
    return o;
}

/* Characters (as rustc's columns count them) in s[0, n). */
static uint32_t char_count(const char *s, size_t n) {
    uint32_t c = 0;
    Glyph g;
    for (size_t i = 0; i < n; c++) i += glyph(s + i, n - i, &g);
    return c;
}

/* Byte offset of character `ch` in s[0, n), or n past the end. */
static size_t char_offset(const char *s, size_t n, uint32_t ch) {
    size_t i = 0;
    Glyph g;
    for (uint32_t c = 0; c < ch && i < n; c++) i += glyph(s + i, n - i, &g);
    return i;
}

/* Terminal columns taken by the characters [from, to) of s[0, n). */
static uint32_t width_of(const char *s, size_t n, uint32_t from, uint32_t to) {
    uint32_t w = 0, c = 0;
    Glyph g;
    for (size_t i = 0; i < n && c < to; c++) {
        i += glyph(s + i, n - i, &g);
        if (c >= from) w += (uint32_t)g.width;
    }
    return w;
}

/* --------------------------------------------------------------- styling */

typedef enum {
    S_PLAIN,
    S_BOLD,      /* the main message */
    S_LEVEL,     /* `error`, primary carets and labels: the level's colour */
    S_BLUE,      /* gutter, `-->`, secondary carets and labels */
    S_ADD,       /* suggested code and the `+++` / `~~~` under it */
    S_DEL,       /* code a suggestion removes */
} Style;

typedef struct Edit Edit;

typedef struct R {
    DbUnit *u;
    Buf *out;
    bool color;
    int width;         /* digits of the gutter */
    DiagLevel level;   /* whose colour S_LEVEL takes */
    /* each suggestion applied once per rendering: the gutter needs it first */
    const Diag **edited;
    Edit *edits;
    int nedits, capedits;
} R;

/* The sequences rustc 1.95 writes (bright colours, yellow warnings). */
static const char *level_color(DiagLevel l) {
    switch (l) {
    case DIAG_WARNING: return "\x1b[33m";
    case DIAG_NOTE: return "\x1b[92m";
    case DIAG_HELP: return "\x1b[96m";
    case DIAG_ERROR:
    case DIAG_ICE: break;
    }
    return "\x1b[91m";
}

static void style_on(R *r, Style st) {
    if (!r->color) return;
    switch (st) {
    case S_PLAIN: break;
    case S_BOLD: buf_puts(r->out, "\x1b[1m"); break;
    case S_LEVEL:
        buf_puts(r->out, "\x1b[1m");
        buf_puts(r->out, level_color(r->level));
        break;
    case S_BLUE: buf_puts(r->out, "\x1b[1m\x1b[94m"); break;
    case S_ADD: buf_puts(r->out, "\x1b[92m"); break;
    case S_DEL: buf_puts(r->out, "\x1b[91m"); break;
    }
}

static void style_off(R *r, Style st) {
    if (r->color && st != S_PLAIN) buf_puts(r->out, "\x1b[0m");
}

/* `s` must already be safe to print (ASCII we wrote, or display text). */
static void put(R *r, Style st, const char *s, size_t n) {
    if (!n) return;
    style_on(r, st);
    buf_put(r->out, s, n);
    style_off(r, st);
}

static void puts_(R *r, Style st, const char *s) { put(r, st, s, strlen(s)); }

/* Source text, made safe glyph by glyph as it is written. */
static void put_source(R *r, const char *s, size_t n) {
    Glyph g;
    for (size_t i = 0; i < n;) {
        i += glyph(s + i, n - i, &g);
        for (int c = 0; c < g.cells; c++) buf_put(r->out, g.out, (size_t)g.n);
    }
}

/* Source text with the byte ranges [lo[k], hi[k]) (sorted, disjoint,
 * relative to s) in style `st`: the code a suggestion adds or removes. */
static void put_source_marked(R *r, const char *s, size_t n, const size_t *lo, const size_t *hi,
                              int nr, Style st) {
    size_t at = 0;
    for (int k = 0; k < nr; k++) {
        size_t a = lo[k] < at ? at : lo[k] > n ? n : lo[k];
        size_t b = hi[k] < a ? a : hi[k] > n ? n : hi[k];
        put_source(r, s + at, a - at);
        if (b > a) {
            style_on(r, st);
            put_source(r, s + a, b - a);
            style_off(r, st);
        }
        at = b;
    }
    put_source(r, s + at, n - at);
}

static void spaces(R *r, int n) {
    for (int i = 0; i < n; i++) buf_putc(r->out, ' ');
}

static int digits(uint32_t n) {
    int d = 1;
    while (n >= 10) {
        n /= 10;
        d++;
    }
    return d;
}

/* `   |` : the empty gutter, no trailing space. */
static void bar(R *r) {
    spaces(r, r->width + 1);
    puts_(r, S_BLUE, "|");
}

/* `13 |` and friends: the line number right-aligned, then a mark. */
static void numbered(R *r, uint32_t line, const char *mark, Style mark_style) {
    char num[32];
    snprintf(num, sizeof num, "%*u", r->width, line);
    puts_(r, S_BLUE, num);
    buf_putc(r->out, ' ');
    puts_(r, mark_style, mark);
}

/* `prefix` and a message in one style, its later lines indented by `indent`
 * (inside the style, as rustc writes them) so they align after the `note: `
 * that precedes the first one. */
static void message_lines(R *r, const char *prefix, const char *msg, int indent, Style st) {
    bool first = true;
    for (const char *p = msg;;) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p), len;
        char *t = display_text(&r->u->arena, p, n, &len);
        style_on(r, st);
        if (first) buf_puts(r->out, prefix);
        else spaces(r, indent);
        buf_put(r->out, t, len);
        style_off(r, st);
        buf_putc(r->out, '\n');
        if (!nl) break;
        p = nl + 1;
        first = false;
    }
}

static const char *level_name(DiagLevel l) {
    switch (l) {
    case DIAG_ERROR: return "error";
    case DIAG_WARNING: return "warning";
    case DIAG_NOTE: return "note";
    case DIAG_HELP: return "help";
    case DIAG_ICE: return "error: internal compiler error";
    }
    return "error";
}

/* ----------------------------------------------------------------- canvas */

/* Rows drawn cell by cell in rustc's order, later strokes overwriting
 * earlier ones: the trimmed code line, and the carets, `|` connectors and
 * labels under it. A cell holds one character; column 0 is the first
 * column of code. */
typedef struct Cell {
    char ch[4];
    uint8_t n;
    uint8_t style;
} Cell;

typedef struct Canvas {
    Cell *cells;
    int rows, cols;
    int *len;
} Canvas;

static Canvas canvas_new(Arena *a, int rows, int cols) {
    Canvas c = { arena_alloc(a, sizeof(Cell) * (size_t)rows * (size_t)cols), rows, cols,
                 arena_alloc(a, sizeof(int) * (size_t)rows) };
    return c;
}

static void canvas_put(Canvas *c, int row, int col, const char *ch, int n, Style st) {
    if (row < 0 || row >= c->rows || col < 0 || col >= c->cols || n < 0 || n > 4) return;
    Cell *cell = &c->cells[row * c->cols + col];
    memcpy(cell->ch, ch, (size_t)n);
    cell->n = (uint8_t)n;
    cell->style = (uint8_t)st;
    if (c->len[row] < col + 1) c->len[row] = col + 1;
}

/* `s` is display text: valid UTF-8, one cell per character. */
static void canvas_puts(Canvas *c, int row, int col, const char *s, Style st) {
    for (const unsigned char *p = (const unsigned char *)s; *p; col++) {
        int n = *p < 0x80 ? 1 : *p >= 0xf0 ? 4 : *p >= 0xe0 ? 3 : 2;
        canvas_put(c, row, col, (const char *)p, n, st);
        for (int k = 0; k < n && *p; k++) p++;
    }
}

/* rustc's StyledBuffer::replace: cells [start, end) of a row become `s`. */
static void canvas_replace(Canvas *c, int row, int start, int end, const char *s) {
    int n = (int)strlen(s), len = c->len[row];
    if (start >= end || start > len || end > len || len - (end - start) + n > c->cols) return;
    Cell *cells = &c->cells[row * c->cols];
    memmove(cells + start + n, cells + end, sizeof(Cell) * (size_t)(len - end));
    c->len[row] = len - (end - start) + n;
    for (int i = 0; i < n; i++) canvas_put(c, row, start + i, s + i, 1, S_BLUE);
}

/* The cells of a row, after the caller's gutter: ` ` then the cells, or
 * nothing for an empty row (rustc leaves no trailing blank). */
static void canvas_row(R *r, Canvas *c, int row) {
    if (c->len[row]) buf_putc(r->out, ' ');
    Style cur = S_PLAIN;
    for (int col = 0; col < c->len[row]; col++) {
        Cell *cell = &c->cells[row * c->cols + col];
        Style st = cell->n ? (Style)cell->style : S_PLAIN;
        if (st != cur) {
            style_off(r, cur);
            style_on(r, st);
            cur = st;
        }
        if (cell->n) buf_put(r->out, cell->ch, cell->n);
        else buf_putc(r->out, ' ');
    }
    style_off(r, cur);
    buf_putc(r->out, '\n');
}

/* ---------------------------------------------------------------- snippet */

/* One span as it is drawn on one line. Columns: `cstart`/`cend` count
 * characters from the line start (rustc's file columns); `start`/`end` are
 * terminal columns after the margin is cut off, end exclusive. */
typedef struct Ann {
    uint32_t line;
    uint32_t cstart, cend;
    int start, end;
    const char *label;   /* display text, or NULL */
    int label_len;       /* in bytes, which is what rustc's layout measures */
    bool primary;
} Ann;

static bool has_label(const Ann *a) { return a->label && a->label[0]; }

/* rustc's `overlaps`: does a1, widened by `pad` to the right, meet a2? */
static bool overlaps(const Ann *a1, const Ann *a2, int pad) {
    int as = a1->start, ae = a1->end + pad, bs = a2->start, be = a2->end;
    return (bs <= as && as < be) || (as <= bs && bs < ae);
}

static const char *line_at(R *r, uint32_t line, size_t *n) {
    uint32_t ls, le;
    src_line_range(&r->u->src, line, &ls, &le);
    *n = le - ls;
    return r->u->src.text + ls;
}

/* A span that runs over several lines is drawn on its first line, from its
 * start to the end of that line: rustc's `/ ... |_^` art is not worth its
 * complexity for the spans this compiler produces. */
static Ann make_ann(R *r, const DiagSpan *ds) {
    Ann a = { 0 };
    uint32_t col, ls, le;
    src_line_col(&r->u->src, ds->span.lo, &a.line, &col);
    src_line_range(&r->u->src, a.line, &ls, &le);
    const char *text = r->u->src.text + ls;
    uint32_t lo = ds->span.lo > le ? le : ds->span.lo;
    a.cstart = char_count(text, lo - ls);
    a.cend = ds->span.hi <= le ? char_count(text, ds->span.hi - ls) : char_count(text, le - ls);
    a.primary = ds->primary;
    if (ds->label) {
        size_t len;
        a.label = display_text(&r->u->arena, ds->label, strlen(ds->label), &len);
        a.label_len = (int)len;
    }
    return a;
}

/* rustc's Margin: which characters of the snippet's lines are shown. Off a
 * terminal rustc assumes 140 columns, less the gutter; only lines wider
 * than that, or code indented by more than about 26 characters, are cut. */
enum { DEFAULT_COLUMN_WIDTH = 140 };

typedef struct Margin {
    size_t left, right;   /* computed_left, computed_right */
    size_t width;         /* columns available for code */
} Margin;

static size_t sub0(size_t a, size_t b) { return a > b ? a - b : 0; }

static Margin margin_new(R *r, size_t ws, size_t span_l, size_t span_r, size_t label_r,
                         size_t max_len) {
    size_t ws_left = sub0(ws, 6), span_left = sub0(span_l, 6);
    size_t span_right = span_r + 6, label_right = label_r + 6;
    Margin m;
    m.width = sub0(DEFAULT_COLUMN_WIDTH, (size_t)r->width + 3);
    m.left = ws_left > 20 ? ws_left - 16 : 0;
    m.right = max_len > m.left ? max_len : m.left;
    if (m.right - m.left > m.width) {
        if (label_right >= ws_left && label_right - ws_left <= m.width) {
            m.left = ws_left;
            m.right = m.left + m.width;
        } else if (label_right >= span_left && label_right - span_left <= m.width) {
            m.left = sub0(span_left, (m.width - (label_right - span_left)) / 2);
            m.right = m.left + m.width;
        } else if (span_right - span_left <= m.width) {
            m.left = sub0(span_left, (m.width - (span_right - span_left)) / 5 * 2);
            m.right = m.left + m.width;
        } else {
            m.left = span_left;
            m.right = span_right;
        }
    }
    return m;
}

/* Like rustc, `len` here is the line's length in bytes. */
static size_t margin_left(const Margin *m, size_t len) { return m->left < len ? m->left : len; }

static size_t margin_right(const Margin *m, size_t len) {
    if (sub0(len, m->left) <= m->width) return len;
    return m->right < len ? m->right : len;
}

static bool is_lexer_space(uint32_t cp) {
    return cp == ' ' || (cp >= 0x09 && cp <= 0x0d) || cp == 0x85 || cp == 0x200e ||
           cp == 0x200f || cp == 0x2028 || cp == 0x2029;
}

/* Leading whitespace in characters, or -1 for a blank line. */
static long leading_space(const char *s, size_t n) {
    long k = 0;
    for (size_t i = 0; i < n; k++) {
        uint32_t cp = 0;
        int len = utf8_decode((const unsigned char *)s + i, n - i, &cp);
        if (!len || !is_lexer_space(cp)) return k;
        i += (size_t)len;
    }
    return -1;
}

/* The characters of `line` the margin keeps, as cells in row `row`, with
 * `...` where rustc cuts. Returns how many cells it needs when c is NULL. */
static int code_cells(R *r, Canvas *c, int row, uint32_t line, const Margin *m) {
    size_t n;
    const char *s = line_at(r, line, &n);
    size_t left = margin_left(m, n), right = margin_right(m, n);
    size_t lo = char_offset(s, n, (uint32_t)left);
    size_t hi = right > left ? lo + char_offset(s + lo, n - lo, (uint32_t)(right - left)) : lo;
    Glyph g;
    int col = 0, width = 0;
    for (size_t i = lo; i < hi;) {
        i += glyph(s + i, hi - i, &g);
        for (int k = 0; k < g.cells; k++, col++)
            if (c) canvas_put(c, row, col, g.out, g.n, S_PLAIN);
        width += g.width;
    }
    if (!c) return col + 3;
    if (m->left > 0) canvas_puts(c, row, 0, "...", S_BLUE);
    if (hi < n) canvas_puts(c, row, width - 3, "...", S_BLUE);
    return col;
}

/* A line shown for context only: `NN | code`. */
static void source_line(R *r, uint32_t line, const Margin *m) {
    Canvas c = canvas_new(&r->u->arena, 1, code_cells(r, NULL, 0, line, m));
    code_cells(r, &c, 0, line, m);
    numbered(r, line, "|", S_BLUE);
    canvas_row(r, &c, 0);
}

/* The rows under one source line: a port of rustc's render_source_line for
 * single-line annotations. The rightmost label goes on the caret row when it
 * fits; every label that would run into another hangs below its span's
 * start, joined to it by `|`. */
static void annotate_line(R *r, uint32_t line, const Margin *m, Ann **anns, int n) {
    Arena *a = &r->u->arena;
    /* Rightmost first, stable for equal starts. */
    for (int i = 1; i < n; i++) {
        Ann *x = anns[i];
        int j = i;
        while (j > 0 && anns[j - 1]->start < x->start) {
            anns[j] = anns[j - 1];
            j--;
        }
        anns[j] = x;
    }
    int *pos = arena_alloc(a, sizeof(int) * (size_t)n);
    bool *overlap = arena_alloc(a, sizeof(bool) * (size_t)n);
    int p = 0, line_len = 0;
    for (int i = 0; i < n; i++) {
        Ann *an = anns[i];
        for (int j = i + 1; j < n; j++)
            if (overlaps(anns[j], an, 0)) overlap[i] = overlap[j] = true;
        for (int j = i + 1; j < n && p == 0; j++) {
            Ann *next = anns[j];
            if (overlaps(next, an, 0) && has_label(an)) {
                /* an unlabelled twin of the same span merges into this one */
                if (next->start == an->start && next->end == an->end && !has_label(next))
                    continue;
                p++;
                break;
            }
        }
        pos[i] = p;
        for (int j = i + 1; j < n; j++) {
            Ann *next = anns[j];
            int l = next->label ? next->label_len + 2 : 0;
            if ((overlaps(next, an, l) && has_label(an) && has_label(next)) ||
                (overlaps(next, an, l) && next->end <= an->end && has_label(next) && p == 0)) {
                p++;
                break;
            }
        }
        if (p > line_len) line_len = p;
    }
    if (line_len) line_len++;

    /* Row 0 is the code, row 1 the carets, then the hanging labels. */
    int cols = code_cells(r, NULL, 0, line, m);
    for (int i = 0; i < n; i++) {
        int need = anns[i]->end + 2 + anns[i]->label_len;
        if (need > cols) cols = need;
    }
    Canvas c = canvas_new(a, line_len + 2, cols + 3);
    code_cells(r, &c, 0, line, m);

    /* `|` from the caret row down to a hanging label */
    for (int i = 0; i < n; i++) {
        Style st = anns[i]->primary ? S_LEVEL : S_BLUE;
        if (pos[i] + 1 > 1 && has_label(anns[i]))
            for (int row = 1; row <= pos[i] + 1; row++) canvas_put(&c, row, anns[i]->start, "|", 1, st);
    }
    /* labels: after the carets on the caret row, or under the span start */
    for (int i = 0; i < n; i++) {
        if (!anns[i]->label) continue;
        Style st = anns[i]->primary ? S_LEVEL : S_BLUE;
        if (pos[i] == 0) canvas_puts(&c, 1, anns[i]->end + 1, anns[i]->label, st);
        else canvas_puts(&c, pos[i] + 2, anns[i]->start, anns[i]->label, st);
    }
    /* carets last, longest first, so short spans stay visible inside long
     * ones and a primary wins over a secondary of the same length */
    Ann **order = arena_alloc(a, sizeof(Ann *) * (size_t)n);
    memcpy(order, anns, sizeof(Ann *) * (size_t)n);
    for (int i = 1; i < n; i++) {
        Ann *x = order[i];
        int j = i;
        while (j > 0) {
            Ann *y = order[j - 1];
            int lx = x->end - x->start, ly = y->end - y->start;
            if (ly > lx || (ly == lx && (!y->primary || x->primary))) break;
            order[j] = y;
            j--;
        }
        order[j] = x;
    }
    for (int i = 0; i < n; i++) {
        Style st = order[i]->primary ? S_LEVEL : S_BLUE;
        const char *ch = order[i]->primary ? "^" : "-";
        for (int col = order[i]->start; col < order[i]->end; col++) canvas_put(&c, 1, col, ch, 1, st);
    }
    /* A span wider than twice the window loses its middle, code and carets
     * alike. rustc measures the cut in file columns from the gutter's left
     * edge; we keep that quirk so the output stays the same. */
    int code_offset = r->width + 3;
    int keep = (int)m->width / 3 > 5 ? (int)m->width / 3 : 5;
    for (int i = 0; i < n; i++) {
        int w = anns[i]->end - anns[i]->start;
        if (overlap[i] || w <= 2 * (int)m->width || w <= 10) continue;
        int from = (int)anns[i]->cstart + keep - code_offset;
        int to = (int)anns[i]->cend - keep - code_offset;
        if (from < 0) from = 0;
        canvas_replace(&c, 0, from, to, "...");
        canvas_replace(&c, 1, from, to, "...");
    }
    numbered(r, line, "|", S_BLUE);
    canvas_row(r, &c, 0);
    for (int row = 1; row < c.rows; row++) {
        bar(r);
        canvas_row(r, &c, row);
    }
}

/* `--> file:line:col`, `|`, then each annotated line with its marks. Lines
 * between two annotated ones: one is shown, more become `...`. */
static void snippet(R *r, const Diag *d) {
    Arena *a = &r->u->arena;
    int n = d->nspans;
    Ann *anns = arena_alloc(a, sizeof(Ann) * (size_t)n);
    /* rustc's order: labelled spans, then the bare ones */
    int k = 0;
    for (int pass = 0; pass < 2; pass++)
        for (int i = 0; i < n; i++)
            if ((d->spans[i].label != NULL) == (pass == 0)) anns[k++] = make_ann(r, &d->spans[i]);

    const DiagSpan *first = &d->spans[0];
    for (int i = 0; i < n; i++)
        if (d->spans[i].primary) {
            first = &d->spans[i];
            break;
        }
    uint32_t line, col;
    src_line_col(&r->u->src, first->span.lo, &line, &col);
    const char *name = r->u->src.name ? r->u->src.name : "<input>";
    spaces(r, r->width);
    puts_(r, S_BLUE, "--> ");
    buf_printf(r->out, "%s:%u:%u\n", display_text(a, name, strlen(name), NULL), line, col);
    bar(r);
    buf_putc(r->out, '\n');

    uint32_t *lines = arena_alloc(a, sizeof(uint32_t) * (size_t)n);
    int nlines = 0;
    for (int i = 0; i < n; i++) {
        int j = 0;
        while (j < nlines && lines[j] < anns[i].line) j++;
        if (j < nlines && lines[j] == anns[i].line) continue;
        memmove(lines + j + 1, lines + j, sizeof(uint32_t) * (size_t)(nlines - j));
        lines[j] = anns[i].line;
        nlines++;
    }

    /* One margin for the whole snippet, from its annotated lines. */
    long ws = -1;
    size_t max_len = 0, span_l = (size_t)-1, span_r = 0, label_r = 0;
    for (int li = 0; li < nlines; li++) {
        size_t len;
        const char *s = line_at(r, lines[li], &len);
        long lead = leading_space(s, len);
        if (lead >= 0 && (ws < 0 || lead < ws)) ws = lead;
        if (len > max_len) max_len = len;
    }
    for (int i = 0; i < n; i++) {
        if (anns[i].cstart < span_l) span_l = anns[i].cstart;
        if (anns[i].cend > span_r) span_r = anns[i].cend;
        size_t lr = anns[i].cend + (anns[i].label ? (size_t)anns[i].label_len + 1 : 0);
        if (lr > label_r) label_r = lr;
    }
    Margin m = margin_new(r, ws < 0 ? 0 : (size_t)ws, span_l, span_r, label_r, max_len);
    for (int i = 0; i < n; i++) {
        size_t len;
        const char *s = line_at(r, anns[i].line, &len);
        uint32_t left = (uint32_t)margin_left(&m, len);
        uint32_t cs = anns[i].cstart > left ? anns[i].cstart : left;
        uint32_t ce = anns[i].cend > cs ? anns[i].cend : cs;
        anns[i].start = (int)width_of(s, len, left, cs);
        anns[i].end = anns[i].start + (int)width_of(s, len, cs, ce);
        /* an empty span still gets one caret, as in rustc */
        if (anns[i].end <= anns[i].start) anns[i].end = anns[i].start + 1;
    }

    Ann **on = arena_alloc(a, sizeof(Ann *) * (size_t)n);
    for (int li = 0; li < nlines; li++) {
        int cnt = 0;
        for (int i = 0; i < n; i++)
            if (anns[i].line == lines[li]) on[cnt++] = &anns[i];
        annotate_line(r, lines[li], &m, on, cnt);
        if (li + 1 < nlines) {
            uint32_t delta = lines[li + 1] - lines[li];
            if (delta > 2) {
                puts_(r, S_BLUE, "...");
                buf_putc(r->out, '\n');
            } else if (delta == 2) {
                source_line(r, lines[li] + 1, &m);
            }
        }
    }
}

/* ------------------------------------------------------------ suggestions */

/* A suggestion applied to the lines it touches. */
struct Edit {
    uint32_t first, last;      /* original lines covered */
    char *text;                /* those lines after the edit, '\n'-separated */
    size_t len;
    int nparts;
    const DiagSpan **parts;    /* by position; NULL where a part overlapped */
    size_t *at;                /* where each part's replacement starts in text */
    int nlines;                /* lines of text */
    int shown;                 /* lines up to the last one the edit touches */
    bool deletes;              /* a part removes code and inserts nothing */
};

/* How much of text[lb, lend) is new: 0 none, 1 some, 2 all of it. */
static int line_mark(const Edit *e, size_t lb, size_t lend) {
    int mark = 0;
    for (int i = 0; i < e->nparts; i++) {
        if (!e->parts[i]) continue;
        size_t a = e->at[i], b = a + strlen(e->parts[i]->replacement);
        if (lend > lb && a <= lb && b >= lend) return 2;
        if ((a > lb ? a : lb) < (b < lend ? b : lend)) mark = 1;
    }
    return mark;
}

static size_t line_end(const Edit *e, size_t lb) {
    while (lb < e->len && e->text[lb] != '\n') lb++;
    return lb;
}

/* rustc's as_substr: when the replacement is the original text with
 * something inserted into it, narrow the part to that insertion. */
static bool trim_to_insertion(Arena *a, const char *text, DiagSpan *ds) {
    const char *orig = text + ds->span.lo, *rep = ds->replacement;
    size_t ol = ds->span.hi - ds->span.lo, rl = strlen(rep), pre = 0;
    while (pre < ol && pre < rl && orig[pre] == rep[pre]) pre++;
    while (pre > 0 && pre < ol && ((unsigned char)orig[pre] & 0xC0) == 0x80) pre--; /* whole chars */
    size_t rest = ol - pre;
    if (rl - pre < rest || memcmp(rep + rl - rest, orig + pre, rest) != 0) return false;
    ds->span.lo += (uint32_t)pre;
    ds->span.hi = ds->span.lo;
    ds->replacement = arena_strndup(a, rep + pre, rl - pre - rest);
    return true;
}

static void apply_edit(R *r, const Diag *c, Edit *e) {
    Arena *a = &r->u->arena;
    Source *src = &r->u->src;
    memset(e, 0, sizeof *e);
    e->parts = arena_alloc(a, sizeof(DiagSpan *) * (size_t)c->nspans);
    e->at = arena_alloc(a, sizeof(size_t) * (size_t)c->nspans);
    size_t extra = 0;
    for (int i = 0; i < c->nspans; i++) {
        const DiagSpan *ds = &c->spans[i];
        if (!ds->replacement) continue;
        if (ds->span.hi > ds->span.lo && ds->span.hi <= src->len && *ds->replacement) {
            /* rustc shows a replacement that only adds text (`compte` ->
             * `compute`) as the insertion, and any other as a diff */
            DiagSpan *t = arena_alloc(a, sizeof *t);
            *t = *ds;
            if (trim_to_insertion(a, src->text, t)) ds = t;
            else e->deletes = true;
        }
        int j = e->nparts++;
        while (j > 0 && e->parts[j - 1]->span.lo > ds->span.lo) {
            e->parts[j] = e->parts[j - 1];
            j--;
        }
        e->parts[j] = ds;
        extra += strlen(ds->replacement);
    }
    uint32_t col, ls, le, line;
    src_line_col(src, e->parts[0]->span.lo, &e->first, &col);
    e->last = e->first;
    for (int i = 0; i < e->nparts; i++) {
        src_line_col(src, e->parts[i]->span.hi, &line, &col);
        if (line > e->last) e->last = line;
    }
    src_line_range(src, e->first, &ls, &le);
    src_line_range(src, e->last, &line, &le);
    e->text = arena_alloc(a, (le - ls) + extra + 1);
    uint32_t cur = ls;
    for (int i = 0; i < e->nparts; i++) {
        const DiagSpan *ds = e->parts[i];
        uint32_t lo = ds->span.lo > le ? le : ds->span.lo;
        uint32_t hi = ds->span.hi > le ? le : ds->span.hi;
        if (lo < cur) {
            e->parts[i] = NULL; /* overlapping parts: rustc refuses them too */
            continue;
        }
        memcpy(e->text + e->len, src->text + cur, lo - cur);
        e->len += lo - cur;
        e->at[i] = e->len;
        size_t rl = strlen(ds->replacement);
        memcpy(e->text + e->len, ds->replacement, rl);
        e->len += rl;
        cur = hi;
        if (rl == 0 && hi > lo) e->deletes = true;
    }
    if (cur < le) {
        memcpy(e->text + e->len, src->text + cur, le - cur);
        e->len += le - cur;
    }
    e->text[e->len] = 0;
    e->nlines = 1;
    for (size_t i = 0; i < e->len; i++) e->nlines += e->text[i] == '\n';
    /* rustc leaves out the untouched lines after the last edited one */
    e->shown = 1;
    size_t lb = 0;
    for (int li = 0; li < e->nlines; li++) {
        size_t lend = line_end(e, lb);
        if (line_mark(e, lb, lend)) e->shown = li + 1;
        lb = lend + 1;
    }
    /* but shows the item under an added attribute line (`#[derive(..)]`) */
    if (e->nparts == 1 && e->parts[0] && e->shown < e->nlines) {
        const char *rep = e->parts[0]->replacement;
        while (*rep == ' ' || *rep == '\t') rep++;
        size_t rl = strlen(rep);
        if (rep[0] == '#' && rep[1] == '[' && rl && rep[rl - 1] == '\n') e->shown++;
    }
}

static const Edit *get_edit(R *r, const Diag *c) {
    for (int i = 0; i < r->nedits; i++)
        if (r->edited[i] == c) return &r->edits[i];
    if (r->nedits == r->capedits) {
        int cap = r->capedits ? r->capedits * 2 : 4;
        const Diag **k = arena_alloc(&r->u->arena, sizeof *k * (size_t)cap);
        Edit *v = arena_alloc(&r->u->arena, sizeof *v * (size_t)cap);
        if (r->nedits) {
            memcpy(k, r->edited, sizeof *k * (size_t)r->nedits);
            memcpy(v, r->edits, sizeof *v * (size_t)r->nedits);
        }
        r->edited = k;
        r->edits = v;
        r->capedits = cap;
    }
    r->edited[r->nedits] = c;
    apply_edit(r, c, &r->edits[r->nedits]);
    return &r->edits[r->nedits++];
}

static uint32_t edit_max_line(const Edit *e) {
    if (e->nlines == 1 && e->deletes) return e->last;
    return e->first + (uint32_t)e->shown - 1;
}

static bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/* The marks under an edited line: `+` under inserted text, `~` under text
 * that replaces something, neither under leading or trailing blanks. Parts
 * are in order and disjoint, so the row is written left to right. */
static void mark_edits(R *r, const Edit *e) {
    bar(r);
    uint32_t done = 0;
    for (int i = 0; i < e->nparts; i++) {
        const DiagSpan *ds = e->parts[i];
        if (!ds) continue;
        const char *rep = ds->replacement;
        size_t rl = strlen(rep), lead = 0, trail = 0;
        if (!rl) continue;
        size_t ol = ds->span.hi - ds->span.lo;
        if (ol == rl && memcmp(r->u->src.text + ds->span.lo, rep, rl) == 0) continue;
        while (lead < rl && is_space(rep[lead])) lead++;
        if (lead == rl) lead = 0; /* blanks only: mark them all */
        else
            while (is_space(rep[rl - 1 - trail])) trail++;
        uint32_t c0 = char_count(e->text, e->at[i] + lead);
        uint32_t c1 = char_count(e->text, e->at[i] + rl - trail);
        uint32_t from = width_of(e->text, e->len, 0, c0);
        uint32_t to = from + width_of(e->text, e->len, c0, c1);
        if (from < done) from = done;
        if (!done) buf_putc(r->out, ' ');
        spaces(r, (int)(from - done));
        style_on(r, S_ADD);
        for (uint32_t x = from; x < to; x++) buf_putc(r->out, ds->span.lo == ds->span.hi ? '+' : '~');
        style_off(r, S_ADD);
        done = to > from ? to : from;
    }
    buf_putc(r->out, '\n');
}

/* The parts' replacements that fall in text[lb, le), relative to lb. */
static int edit_ranges(const Edit *e, size_t lb, size_t le, size_t *lo, size_t *hi) {
    int n = 0;
    for (int i = 0; i < e->nparts; i++) {
        if (!e->parts[i]) continue;
        size_t a = e->at[i], b = a + strlen(e->parts[i]->replacement);
        if (a < lb) a = lb;
        if (b > le) b = le;
        if (a >= b) continue;
        lo[n] = a - lb;
        hi[n++] = b - lb;
    }
    return n;
}

/* One line of a multi-line suggestion: `+` when all of it is new, `~` when
 * part of it is, `|` when it is only context. */
static void edit_line(R *r, const Edit *e, uint32_t line, size_t lb, size_t le) {
    size_t *lo = arena_alloc(&r->u->arena, sizeof(size_t) * 2 * (size_t)(e->nparts + 1));
    size_t *hi = lo + e->nparts + 1;
    int mark = line_mark(e, lb, le), nr = edit_ranges(e, lb, le, lo, hi);
    numbered(r, line, mark == 2 ? "+ " : mark == 1 ? "~ " : "|", mark ? S_ADD : S_BLUE);
    if (!mark && le > lb) buf_putc(r->out, ' ');
    put_source_marked(r, e->text + lb, le - lb, lo, hi, nr, S_ADD);
    buf_putc(r->out, '\n');
}

/* rustc's verbose suggestion: the edited line(s) with marks under the edit;
 * a pure deletion shows the old and new line as a diff. */
static void suggestion(R *r, const Diag *c) {
    r->level = c->level;
    puts_(r, S_LEVEL, level_name(c->level));
    message_lines(r, ": ", c->message, (int)strlen(level_name(c->level)) + 2, S_PLAIN);
    const Edit e = *get_edit(r, c);
    bar(r);
    buf_putc(r->out, '\n');
    size_t *lo = arena_alloc(&r->u->arena, sizeof(size_t) * 2 * (size_t)(e.nparts + 1));
    size_t *hi = lo + e.nparts + 1;
    if (e.nlines == 1 && e.deletes) {
        for (uint32_t line = e.first; line <= e.last; line++) {
            uint32_t ls, le;
            src_line_range(&r->u->src, line, &ls, &le);
            int nr = 0;
            for (int i = 0; i < e.nparts; i++) {
                const DiagSpan *ds = e.parts[i];
                if (!ds || ds->span.hi <= ls || ds->span.lo >= le) continue;
                lo[nr] = (ds->span.lo > ls ? ds->span.lo : ls) - ls;
                hi[nr++] = (ds->span.hi < le ? ds->span.hi : le) - ls;
            }
            numbered(r, line, "- ", S_DEL);
            put_source_marked(r, r->u->src.text + ls, le - ls, lo, hi, nr, S_DEL);
            buf_putc(r->out, '\n');
        }
        bool blank = true;
        for (size_t i = 0; i < e.len; i++) blank &= is_space(e.text[i]);
        if (!blank) {
            numbered(r, e.first, "+ ", S_ADD);
            put_source_marked(r, e.text, e.len, lo, hi, edit_ranges(&e, 0, e.len, lo, hi), S_ADD);
            buf_putc(r->out, '\n');
        }
        bar(r);
        buf_putc(r->out, '\n');
        return;
    }
    if (e.nlines == 1) {
        numbered(r, e.first, "| ", S_BLUE);
        put_source_marked(r, e.text, e.len, lo, hi, edit_ranges(&e, 0, e.len, lo, hi), S_ADD);
        buf_putc(r->out, '\n');
        mark_edits(r, &e);
        return;
    }
    /* Several lines: rustc marks each one in the gutter instead, and
     * shortens a run of more than three untouched lines to `...`. */
    size_t *lb = arena_alloc(&r->u->arena, sizeof(size_t) * (size_t)(e.shown + 1));
    for (int li = 0; li < e.shown; li++) lb[li + 1] = line_end(&e, lb[li]) + 1;
    int run = 0;
    for (int li = 0; li < e.shown; li++) {
        if (!line_mark(&e, lb[li], lb[li + 1] - 1)) {
            run++;
            continue;
        }
        for (int k = li - run; k < li; k++) {
            if (run <= 3 || k == li - run || k == li - 1)
                edit_line(r, &e, e.first + (uint32_t)k, lb[k], lb[k + 1] - 1);
            else if (k == li - run + 1) {
                puts_(r, S_BLUE, "...");
                buf_putc(r->out, '\n');
            }
        }
        run = 0;
        edit_line(r, &e, e.first + (uint32_t)li, lb[li], lb[li + 1] - 1);
    }
    /* context kept after the edit (the item under an added attribute) */
    for (int k = e.shown - run; k < e.shown; k++) edit_line(r, &e, e.first + (uint32_t)k, lb[k], lb[k + 1] - 1);
    bar(r);
    buf_putc(r->out, '\n');
}

/* ------------------------------------------------------------ human form */

static uint32_t max_line(R *r, const Diag *d) {
    uint32_t m = 0, line, col;
    if (is_suggestion(d)) {
        m = edit_max_line(get_edit(r, d));
    } else {
        for (int i = 0; i < d->nspans; i++) {
            src_line_col(&r->u->src, d->spans[i].span.lo, &line, &col);
            if (line > m) m = line;
        }
    }
    for (int i = 0; i < d->nchildren; i++) {
        uint32_t c = max_line(r, d->children[i]);
        if (c > m) m = c;
    }
    return m;
}

static void child(R *r, const Diag *c) {
    r->level = c->level;
    const char *name = level_name(c->level);
    if (c->nspans == 0) {
        spaces(r, r->width + 1);
        puts_(r, S_BLUE, "= ");
        puts_(r, S_BOLD, name);
        /* rustc pads as if every level were `note` */
        message_lines(r, ": ", c->message, r->width + 9, S_PLAIN);
        return;
    }
    puts_(r, S_LEVEL, name);
    message_lines(r, ": ", c->message, (int)strlen(name) + 2, S_PLAIN);
    snippet(r, c);
}

void diag_render_human(DbUnit *u, Buf *out, const Diag *d, bool color) {
    R r = { u, out, color, 1, d->level, NULL, NULL, 0, 0 };
    r.width = digits(max_line(&r, d));

    const char *name = level_name(d->level);
    const char *head = d->code ? arena_printf(&u->arena, "%s[%s]", name, d->code) : name;
    puts_(&r, S_LEVEL, display_text(&u->arena, head, strlen(head), NULL));
    message_lines(&r, ": ", d->message, (int)strlen(head) + 2, S_BOLD);
    if (d->nspans) snippet(&r, d);

    if (d->nchildren) {
        bar(&r);
        buf_putc(out, '\n');
    }
    for (int i = 0; i < d->nchildren; i++)
        if (!is_suggestion(d->children[i])) child(&r, d->children[i]);
    for (int i = 0; i < d->nchildren; i++)
        if (is_suggestion(d->children[i])) suggestion(&r, d->children[i]);
    buf_putc(out, '\n');
}

/* ------------------------------------------------------------- JSON form */

static const char *level_json(DiagLevel l) { return level_name(l); }

static const char *applicability_name(Applicability a) {
    switch (a) {
    case APP_MACHINE_APPLICABLE: return "MachineApplicable";
    case APP_MAYBE_INCORRECT: return "MaybeIncorrect";
    case APP_HAS_PLACEHOLDERS: return "HasPlaceholders";
    case APP_UNSPECIFIED: break;
    }
    return "Unspecified";
}

static void json_str(Buf *out, const char *s) {
    if (s) buf_json_string(out, s, strlen(s));
    else buf_puts(out, "null");
}

static uint32_t chars_in(const char *s, uint32_t lo, uint32_t hi) {
    uint32_t n = 0;
    for (uint32_t i = lo; i < hi; i++) n += ((unsigned char)s[i] & 0xc0) != 0x80;
    return n;
}

/* rustc's DiagnosticSpan: positions 1-based, columns in characters, and the
 * text of every line the span touches with the highlighted columns. */
static void json_span(DbUnit *u, Buf *out, const DiagSpan *ds) {
    Source *s = &u->src;
    uint32_t l0, c0, l1, c1;
    src_line_col(s, ds->span.lo, &l0, &c0);
    src_line_col(s, ds->span.hi, &l1, &c1);
    buf_puts(out, "{\"file_name\":");
    json_str(out, s->name ? s->name : "<input>");
    buf_printf(out,
               ",\"byte_start\":%u,\"byte_end\":%u,\"line_start\":%u,\"line_end\":%u,"
               "\"column_start\":%u,\"column_end\":%u,\"is_primary\":%s,\"text\":[",
               ds->span.lo, ds->span.hi, l0, l1, c0, c1, ds->primary ? "true" : "false");
    for (uint32_t line = l0; line <= l1; line++) {
        uint32_t ls, le;
        src_line_range(s, line, &ls, &le);
        if (line > l0) buf_putc(out, ',');
        buf_puts(out, "{\"text\":");
        buf_json_string(out, s->text + ls, le - ls);
        buf_printf(out, ",\"highlight_start\":%u,\"highlight_end\":%u}", line == l0 ? c0 : 1,
                   line == l1 ? c1 : chars_in(s->text, ls, le) + 1);
    }
    buf_puts(out, "],\"label\":");
    json_str(out, ds->label);
    buf_puts(out, ",\"suggested_replacement\":");
    json_str(out, ds->replacement);
    buf_puts(out, ",\"suggestion_applicability\":");
    if (ds->replacement) buf_printf(out, "\"%s\"", applicability_name(ds->app));
    else buf_puts(out, "null");
    buf_puts(out, ",\"expansion\":null}");
}

/* Children carry no "$message_type" and a null "rendered", as in rustc;
 * suggestions come after the other children, as rustc lists them. */
static void json_diag(DbUnit *u, Buf *out, const Diag *d, bool top) {
    buf_puts(out, "{");
    if (top) buf_puts(out, "\"$message_type\":\"diagnostic\",");
    buf_puts(out, "\"message\":");
    json_str(out, d->message);
    buf_puts(out, ",\"code\":");
    if (d->code) {
        buf_puts(out, "{\"code\":");
        json_str(out, d->code);
        buf_puts(out, ",\"explanation\":");
        json_str(out, db_explain(d->code));
        buf_puts(out, "}");
    } else {
        buf_puts(out, "null");
    }
    buf_puts(out, ",\"level\":");
    json_str(out, level_json(d->level));
    buf_puts(out, ",\"spans\":[");
    for (int i = 0; i < d->nspans; i++) {
        if (i) buf_putc(out, ',');
        json_span(u, out, &d->spans[i]);
    }
    buf_puts(out, "],\"children\":[");
    int n = 0;
    for (int pass = 0; pass < 2; pass++)
        for (int i = 0; i < d->nchildren; i++) {
            if (is_suggestion(d->children[i]) != (pass == 1)) continue;
            if (n++) buf_putc(out, ',');
            json_diag(u, out, d->children[i], false);
        }
    buf_puts(out, "],\"rendered\":");
    if (top) {
        Buf text = { 0 };
        diag_render_human(u, &text, d, false);
        buf_json_string(out, text.s, text.len);
        buf_free(&text);
    } else {
        buf_puts(out, "null");
    }
    buf_puts(out, "}");
}

void diag_render_json(DbUnit *u, Buf *out, const Diag *d) {
    json_diag(u, out, d, true);
    buf_putc(out, '\n');
}
