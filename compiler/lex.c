/* lex.c — the lexer: the unit's source text becomes one array of tokens
 * (Rust 2024 lexical rules) ending in a single T_EOF, plus the token dump.
 * It never stops early: each problem is a diagnostic and a token to step over.
 */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* 64 KiB of garbage must not become 64k diagnostics: past this many the
 * lexer says so once and goes on silently, so the parser still gets tokens. */
enum { MAX_LEX_ERRORS = 100 };

/* rustc's limit on the `#`s around a raw string. */
enum { MAX_RAW_HASHES = 255 };

/* How a literal's contents are decoded: what escapes and characters mean. */
enum { M_CHAR, M_BYTE, M_STR, M_BYTE_STR };

/* lex_escape's values besides a code point. */
enum { ESC_ERROR = -1, ESC_NOTHING = -2 };

typedef struct Lexer {
    DbUnit *u;
    /* s[len] is NUL, so a loop that stops at NUL needs no bound check; an
     * embedded NUL stops it too, and then p < len still holds. */
    const unsigned char *s;
    uint32_t len, pos;
    Token *toks;
    int ntoks, cap;
    bool space;         /* whitespace, a comment or the file start precedes */
    bool bad_utf8;      /* the file's one invalid-UTF-8 error is out */
    bool muted;         /* MAX_LEX_ERRORS reached */
    int nerrors;
    Sym kwsym[LAST_KEYWORD - FIRST_KEYWORD + 1];
} Lexer;

/* ---------------------------------------------------------------- helpers */

static bool is_digit(unsigned c) { return c - '0' < 10u; }

static bool ascii_id_start(unsigned c) { return (c | 0x20) - 'a' < 26u || c == '_'; }

static bool ascii_id_cont(unsigned c) { return ascii_id_start(c) || is_digit(c); }

static int hexval(unsigned c) {
    if (is_digit(c)) return (int)(c - '0');
    c |= 0x20;
    if (c - 'a' < 6u) return (int)(c - 'a' + 10);
    return -1;
}

/* Length of the valid UTF-8 character at s[p] (p < len) and its code point,
 * or 0 when s[p] does not start one: overlong forms, surrogates and values
 * past U+10FFFF are invalid, as in Rust's `str`. */
static int utf8_len(const unsigned char *s, uint32_t p, uint32_t len, uint32_t *cp) {
    unsigned c = s[p];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    int n;
    uint32_t v, min;
    if (c >= 0xc2 && c <= 0xdf) n = 2, v = c & 0x1f, min = 0x80;
    else if (c >= 0xe0 && c <= 0xef) n = 3, v = c & 0x0f, min = 0x800;
    else if (c >= 0xf0 && c <= 0xf4) n = 4, v = c & 0x07, min = 0x10000;
    else return 0;
    if (len - p < (uint32_t)n) return 0;
    for (int k = 1; k < n; k++) {
        unsigned d = s[p + (uint32_t)k];
        if ((d & 0xc0) != 0x80) return 0;
        v = v << 6 | (d & 0x3f);
    }
    if (v < min || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) return 0;
    *cp = v;
    return n;
}

static uint32_t utf8_encode(char *o, uint32_t cp) {
    if (cp < 0x80) {
        o[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (char)(0xc0 | cp >> 6);
        o[1] = (char)(0x80 | (cp & 0x3f));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (char)(0xe0 | cp >> 12);
        o[1] = (char)(0x80 | (cp >> 6 & 0x3f));
        o[2] = (char)(0x80 | (cp & 0x3f));
        return 3;
    }
    o[0] = (char)(0xf0 | cp >> 18);
    o[1] = (char)(0x80 | (cp >> 12 & 0x3f));
    o[2] = (char)(0x80 | (cp >> 6 & 0x3f));
    o[3] = (char)(0x80 | (cp & 0x3f));
    return 4;
}

/* Rust's Pattern_White_Space beyond ASCII. */
static bool uni_space(uint32_t cp) {
    return cp == 0x85 || cp == 0x200e || cp == 0x200f || cp == 0x2028 || cp == 0x2029;
}

/* An approximation of XID_Continue for code points >= 0x80: every script's
 * letters pass, the punctuation, symbol, space and private-use blocks fail
 * (so `€` or a no-break space is an unknown token, as in rustc). Exact tables
 * would be most of this file for no gain in the programs we see. */
static bool uni_ident(uint32_t cp) {
    if (cp < 0xc0) return cp == 0xaa || cp == 0xb5 || cp == 0xba;
    if (cp == 0xd7 || cp == 0xf7) return false;
    if (cp < 0x2000) return cp != 0x1680 && cp != 0x180e;
    if (cp <= 0x206f) return cp == 0x203f || cp == 0x2040 || cp == 0x2054;
    if (cp >= 0x20a0 && cp <= 0x20cf) return false;
    if (cp >= 0x2190 && cp <= 0x2bff) return false;
    if (cp >= 0x2e00 && cp <= 0x2e7f) return false;
    if (cp >= 0x3000 && cp <= 0x3004) return false;
    if (cp >= 0x3008 && cp <= 0x3020) return false;
    if (cp >= 0xd800 && cp <= 0xf8ff) return false;
    if (cp >= 0xfe10 && cp <= 0xfe1f) return false;
    if (cp >= 0xfe30 && cp <= 0xfe6f) return cp == 0xfe33 || cp == 0xfe34 || (cp >= 0xfe4d && cp <= 0xfe4f);
    if (cp == 0xfeff) return false;
    if (cp >= 0xff00 && cp <= 0xff0f) return false;
    if (cp >= 0xff1a && cp <= 0xff20) return false;
    if (cp >= 0xff3b && cp <= 0xff40) return cp == 0xff3f;
    if (cp >= 0xff5b && cp <= 0xff65) return false;
    if (cp >= 0xffe0 && cp <= 0xffff) return false;
    if (cp >= 0x1f000 && cp <= 0x1faff) return false;
    if (cp >= 0xe0000) return cp >= 0xe0100 && cp <= 0xe01ef;
    return true;
}

/* Byte length of the identifier character at p, or 0. Invalid UTF-8 is not
 * an identifier character; it is reported when lexed as an unknown token. */
static uint32_t id_char_len(const Lexer *L, uint32_t p, bool start) {
    if (p >= L->len) return 0;
    unsigned c = L->s[p];
    if (c < 0x80) return (start ? ascii_id_start(c) : ascii_id_cont(c)) ? 1 : 0;
    uint32_t cp;
    int n = utf8_len(L->s, p, L->len, &cp);
    return n && uni_ident(cp) ? (uint32_t)n : 0;
}

/* The end of the identifier whose later characters start at p. */
static uint32_t scan_ident(const Lexer *L, uint32_t p) {
    for (;;) {
        unsigned c = L->s[p];
        if (ascii_id_cont(c)) {
            p++;
            continue;
        }
        if (c < 0x80) return p;
        uint32_t n = id_char_len(L, p, false);
        if (!n) return p;
        p += n;
    }
}

/* rustc's `escaped_char`: printable ASCII as itself, the rest escaped. */
static const char *show_char(char buf[16], int32_t cp) {
    if (cp >= 0x20 && cp <= 0x7e) {
        buf[0] = (char)cp;
        buf[1] = 0;
    } else if (cp == '\n') {
        strcpy(buf, "\\n");
    } else if (cp == '\r') {
        strcpy(buf, "\\r");
    } else if (cp == '\t') {
        strcpy(buf, "\\t");
    } else {
        snprintf(buf, 16, "\\u{%x}", (unsigned)(cp < 0 ? 0xfffd : cp));
    }
    return buf;
}

/* ------------------------------------------------------------ diagnostics */

static Diag *lex_error(Lexer *L, uint32_t lo, uint32_t hi, const char *code,
                       const char *label, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

/* Every lexer error goes through here so the cap holds. Returns NULL when
 * muted, so callers add notes only to a diagnostic that exists. */
static Diag *lex_error(Lexer *L, uint32_t lo, uint32_t hi, const char *code,
                       const char *label, const char *fmt, ...) {
    if (L->muted) return NULL;
    Span sp = { lo, hi };
    if (L->nerrors == MAX_LEX_ERRORS) {
        L->muted = true;
        Diag *d = diag_new(L->u, DIAG_NOTE, NULL,
                           "too many errors while lexing, further lexer errors are not reported");
        diag_span(L->u, d, sp, true, "%s", "no lexer errors are reported after this point");
        return NULL;
    }
    L->nerrors++;
    va_list ap;
    va_start(ap, fmt);
    char *msg = arena_vprintf(&L->u->arena, fmt, ap);
    va_end(ap);
    return diag_error_at(L->u, sp, code, label, "%s", msg);
}

/* rustc refuses a file that is not UTF-8; we say it once, at the first bad
 * byte, and lex on so the rest of the file still gets checked. */
static void bad_utf8(Lexer *L, uint32_t p) {
    if (L->bad_utf8) return;
    L->bad_utf8 = true;
    lex_error(L, p, p + 1, NULL, NULL, "stream did not contain valid UTF-8");
}

/* Length of the character at p (p < len) and its code point, -1 for an
 * invalid byte (reported if it is the file's first). */
static uint32_t char_at(Lexer *L, uint32_t p, int32_t *cp) {
    unsigned c = L->s[p];
    if (c < 0x80) {
        *cp = (int32_t)c;
        return 1;
    }
    uint32_t v;
    int n = utf8_len(L->s, p, L->len, &v);
    if (n) {
        *cp = (int32_t)v;
        return (uint32_t)n;
    }
    bad_utf8(L, p);
    *cp = -1;
    return 1;
}

/* Checks text the lexer skips (comments, a shebang) for invalid UTF-8. */
static void check_utf8(Lexer *L, uint32_t p, uint32_t end) {
    if (L->bad_utf8) return;
    while (p < end) {
        if (L->s[p] < 0x80) {
            p++;
            continue;
        }
        int32_t cp;
        p += char_at(L, p, &cp);
        if (cp < 0) return;
    }
}

/* ----------------------------------------------------------------- tokens */

static Token *push(Lexer *L, TokenKind kind, uint32_t lo, uint32_t hi) {
    if (L->ntoks == L->cap) {
        int cap = L->cap * 2;
        Token *t = arena_alloc(&L->u->arena, sizeof(Token) * (size_t)cap);
        memcpy(t, L->toks, sizeof(Token) * (size_t)L->ntoks);
        L->toks = t;
        L->cap = cap;
    }
    Token *t = &L->toks[L->ntoks++];
    t->kind = kind;
    t->span.lo = lo;
    t->span.hi = hi;
    t->preceded_by_space = L->space;
    L->space = false;
    L->pos = hi;
    return t;
}

/* Keywords by first letter and length; a test checks this agrees with the
 * TOKEN_KINDS names, which stay the one place keywords are spelled for
 * messages. */
static TokenKind keyword(const unsigned char *s, uint32_t n) {
#define KW(str, k) \
    if (n == sizeof(str) - 1 && memcmp(s, str, n) == 0) return k
    if (n < 2 || n > 8) return T_IDENT;
    switch (s[0]) {
    case 'a': KW("as", K_AS); KW("async", K_ASYNC); KW("await", K_AWAIT); break;
    case 'b': KW("box", K_BOX); KW("break", K_BREAK); break;
    case 'c': KW("const", K_CONST); KW("continue", K_CONTINUE); KW("crate", K_CRATE); break;
    case 'd': KW("dyn", K_DYN); break;
    case 'e': KW("else", K_ELSE); KW("enum", K_ENUM); KW("extern", K_EXTERN); break;
    case 'f': KW("false", K_FALSE); KW("fn", K_FN); KW("for", K_FOR); break;
    case 'i': KW("if", K_IF); KW("impl", K_IMPL); KW("in", K_IN); break;
    case 'l': KW("let", K_LET); KW("loop", K_LOOP); break;
    case 'm': KW("match", K_MATCH); KW("mod", K_MOD); KW("move", K_MOVE); KW("mut", K_MUT); break;
    case 'p': KW("pub", K_PUB); break;
    case 'r': KW("ref", K_REF); KW("return", K_RETURN); break;
    case 's':
        KW("self", K_SELF_LOWER); KW("static", K_STATIC); KW("struct", K_STRUCT);
        KW("super", K_SUPER);
        break;
    case 'S': KW("Self", K_SELF_UPPER); break;
    case 't': KW("trait", K_TRAIT); KW("true", K_TRUE); KW("type", K_TYPE); break;
    case 'u': KW("unsafe", K_UNSAFE); KW("use", K_USE); break;
    case 'w': KW("where", K_WHERE); KW("while", K_WHILE); break;
    case 'y': KW("yield", K_YIELD); break;
    }
    return T_IDENT;
#undef KW
}

static const char *suffix_label(Lexer *L, uint32_t lo, uint32_t hi) {
    return arena_printf(&L->u->arena, "invalid suffix `%.*s`", (int)(hi - lo), (const char *)L->s + lo);
}

/* rustc lexes a suffix after every literal and rejects it later; doing the
 * same keeps `"a"b` one error instead of a string and a stray identifier. */
static uint32_t literal_suffix(Lexer *L, uint32_t p, const char *what) {
    uint32_t n = id_char_len(L, p, true);
    if (!n) return p;
    uint32_t end = scan_ident(L, p + n);
    lex_error(L, p, end, NULL, suffix_label(L, p, end), "suffixes on %s literals are invalid", what);
    return end;
}

/* ------------------------------------------------------- trivia, comments */

/* Returns the end of the block comment opening at p (comments nest), or 0
 * when it runs off the end of the file. */
static uint32_t block_comment(Lexer *L, uint32_t p) {
    const unsigned char *s = L->s;
    uint32_t start = p, depth = 1;
    p += 2;
    while (p < L->len) {
        unsigned c = s[p];
        if (c == '*' && s[p + 1] == '/') {
            p += 2;
            if (--depth == 0) return p;
        } else if (c == '/' && s[p + 1] == '*') {
            p += 2;
            depth++;
        } else if (c >= 0x80 && !L->bad_utf8) {
            int32_t cp;
            p += char_at(L, p, &cp);
        } else {
            p++;
        }
    }
    lex_error(L, start, start + 2, "E0758", NULL, "unterminated block comment");
    return 0;
}

static void skip_trivia(Lexer *L) {
    const unsigned char *s = L->s;
    uint32_t p = L->pos;
    for (;;) {
        unsigned c = s[p];
        switch (c) {
        case ' ': case '\t': case '\n': case '\r': case '\v': case '\f':
            p++;
            continue;
        case '/':
            if (s[p + 1] == '/') {
                const unsigned char *nl = memchr(s + p, '\n', L->len - p);
                uint32_t end = nl ? (uint32_t)(nl - s) : L->len;
                check_utf8(L, p, end);
                p = end;
                continue;
            }
            if (s[p + 1] == '*') {
                uint32_t end = block_comment(L, p);
                if (end) {
                    p = end;
                    continue;
                }
                /* Like every unterminated construct, the rest of the file
                 * becomes one invalid token, so the parser knows not to
                 * add its own complaint about the missing `}`. */
                if (p != L->pos) L->space = true;
                push(L, T_ERROR, p, L->len);
                return;
            }
            break;
        default:
            if (c >= 0x80) {
                uint32_t cp;
                int n = utf8_len(s, p, L->len, &cp);
                if (n && uni_space(cp)) {
                    p += (uint32_t)n;
                    continue;
                }
            }
            break;
        }
        break;
    }
    if (p != L->pos) L->space = true;
    L->pos = p;
}

/* A byte-order mark and a `#!` interpreter line are not Rust; `#![` starts
 * an inner attribute, not a shebang. */
static void skip_file_start(Lexer *L) {
    const unsigned char *s = L->s;
    uint32_t p = 0;
    if (L->len >= 3 && s[0] == 0xef && s[1] == 0xbb && s[2] == 0xbf) p = 3;
    if (s[p] == '#' && s[p + 1] == '!') {
        uint32_t q = p + 2;
        while (s[q] == ' ' || s[q] == '\t' || s[q] == '\n' || s[q] == '\r') q++;
        if (s[q] != '[') {
            const unsigned char *nl = memchr(s + p, '\n', L->len - p);
            uint32_t end = nl ? (uint32_t)(nl - s) : L->len;
            check_utf8(L, p, end);
            p = end;
        }
    }
    L->pos = p;
}

/* ---------------------------------------------------------------- numbers */

static const struct {
    const char *name;
    LitSuffix suf;
} suffixes[] = {
    { "i8", SUF_I8 }, { "i16", SUF_I16 }, { "i32", SUF_I32 }, { "i64", SUF_I64 },
    { "i128", SUF_I128 }, { "isize", SUF_ISIZE }, { "u8", SUF_U8 }, { "u16", SUF_U16 },
    { "u32", SUF_U32 }, { "u64", SUF_U64 }, { "u128", SUF_U128 }, { "usize", SUF_USIZE },
    { "f32", SUF_F32 }, { "f64", SUF_F64 },
};

/* The suffix named s[0..n), or -1. */
static int find_suffix(const unsigned char *s, uint32_t n) {
    for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++)
        if (strlen(suffixes[i].name) == n && memcmp(suffixes[i].name, s, n) == 0)
            return (int)suffixes[i].suf;
    return -1;
}

/* strtod over s[lo..hi) without the `_` separators. */
static double parse_float(Lexer *L, uint32_t lo, uint32_t hi) {
    char small[64];
    char *buf = hi - lo < sizeof small ? small : arena_alloc(&L->u->arena, hi - lo + 1);
    size_t n = 0;
    for (uint32_t p = lo; p < hi; p++)
        if (L->s[p] != '_') buf[n++] = (char)L->s[p];
    buf[n] = 0;
    return strtod(buf, NULL);
}

/* After the `e` at p: an optional sign and digits. */
static uint32_t exponent(const Lexer *L, uint32_t p, bool *empty) {
    const unsigned char *s = L->s;
    p++;
    if (s[p] == '+' || s[p] == '-') p++;
    bool any = false;
    for (; is_digit(s[p]) || s[p] == '_'; p++) any |= s[p] != '_';
    *empty = !any;
    return p;
}

static const char *base_name(int base) {
    return base == 16 ? "hexadecimal" : base == 8 ? "octal" : "binary";
}

/* Integer and float literals, following rustc_lexer: `1.` is a float unless
 * a `.` or an identifier follows (`1..2`, `1.max(2)`), and `x.0.1` lexes as
 * a float the parser splits. */
static void lex_number(Lexer *L) {
    const unsigned char *s = L->s;
    uint32_t lo = L->pos;
    int base = 10;
    if (s[lo] == '0') {
        if (s[lo + 1] == 'x') base = 16;
        else if (s[lo + 1] == 'o') base = 8;
        else if (s[lo + 1] == 'b') base = 2;
    }
    uint32_t dlo = base == 10 ? lo : lo + 2, p = dlo;
    bool any = false;
    for (;; p++) {
        unsigned c = s[p];
        if (is_digit(c) || (base == 16 && hexval(c) >= 0)) any = true;
        else if (c != '_') break;
    }
    uint32_t dhi = p;
    bool is_float = false, empty_exp = false;
    if (any) {
        if (s[p] == '.' && s[p + 1] != '.' && !id_char_len(L, p + 1, true)) {
            is_float = true;
            p++;
            if (is_digit(s[p])) {
                while (is_digit(s[p]) || s[p] == '_') p++;
                if (s[p] == 'e' || s[p] == 'E') p = exponent(L, p, &empty_exp);
            }
        } else if (s[p] == 'e' || s[p] == 'E') {
            is_float = true;
            p = exponent(L, p, &empty_exp);
        }
    }
    uint32_t slo = p, n = id_char_len(L, p, true);
    if (n) p = scan_ident(L, p + n);
    uint32_t slen = p - slo;
    int suf = slen ? find_suffix(s + slo, slen) : SUF_NONE;
    bool float_suf = suf == SUF_F32 || suf == SUF_F64;

    Token *t = push(L, is_float ? T_FLOAT : T_INT, lo, p);
    if (!any) {
        lex_error(L, lo, p, "E0768", NULL, "no valid digits found for number");
        return;
    }
    if (base != 10 && (is_float || float_suf)) {
        lex_error(L, lo, p, NULL, NULL, "%s float literal is not supported", base_name(base));
        return;
    }
    if (empty_exp) lex_error(L, lo, p, NULL, NULL, "expected at least one digit in exponent");
    if (suf < 0 || (is_float && !float_suf && slen)) {
        const char *kind = is_float ? "float" : "number";
        Diag *d = lex_error(L, lo, p, NULL, suffix_label(L, slo, p), "invalid suffix `%.*s` for %s literal",
                            (int)slen, (const char *)s + slo, kind);
        if (d && is_float)
            diag_child(L->u, d, DIAG_HELP, "valid suffixes are `f32` and `f64`");
        else if (d)
            diag_child(L->u, d, DIAG_HELP,
                       "the suffix must be one of the numeric types (`u32`, `isize`, `f32`, etc.)");
        suf = SUF_NONE;
    }
    t->suffix = (LitSuffix)suf;
    if (is_float || float_suf) {
        t->kind = T_FLOAT;
        t->fval = parse_float(L, lo, slo);
        return;
    }
    uint64_t v = 0;
    bool bad_digit = false;
    for (uint32_t q = dlo; q < dhi; q++) {
        if (s[q] == '_') continue;
        int d = hexval(s[q]);
        if (d >= base) {
            if (!bad_digit) lex_error(L, q, q + 1, NULL, NULL, "invalid digit for a base %d literal", base);
            bad_digit = true;
            continue;
        }
        if (t->int_overflow) continue;
        if (v > (UINT64_MAX - (uint64_t)d) / (uint64_t)base) t->int_overflow = true;
        else v = v * (uint64_t)base + (uint64_t)d;
    }
    t->ival = t->int_overflow ? 0 : v;
}

/* --------------------------------------------------- strings, characters */

/* Decodes the escape at the backslash s[p] of literal contents ending at
 * `end`. Returns where it ends; *v is the value, ESC_ERROR after a reported
 * error, or ESC_NOTHING for a line continuation. Messages are rustc's. */
static uint32_t lex_escape(Lexer *L, uint32_t p, uint32_t end, int mode, int32_t *v) {
    const unsigned char *s = L->s;
    bool bytes = mode == M_BYTE || mode == M_BYTE_STR;
    char b[16];
    int32_t cp;
    *v = ESC_ERROR;
    if (p + 1 >= end) { /* cannot happen: the delimiter scan pairs backslashes */
        *v = '\\';
        return end;
    }
    unsigned c = s[p + 1];
    switch (c) {
    case 'n': *v = '\n'; return p + 2;
    case 'r': *v = '\r'; return p + 2;
    case 't': *v = '\t'; return p + 2;
    case '0': *v = 0; return p + 2;
    case '\\': case '\'': case '"': *v = (int32_t)c; return p + 2;
    case 'x': {
        uint32_t q = p + 2;
        int32_t x = 0;
        for (int i = 0; i < 2; i++) {
            if (q >= end) {
                lex_error(L, p, q, NULL, NULL, "numeric character escape is too short");
                return q;
            }
            int h = hexval(s[q]);
            if (h < 0) {
                uint32_t n = char_at(L, q, &cp);
                lex_error(L, q, q + n, NULL, "invalid character in numeric character escape",
                          "invalid character in numeric character escape: `%s`", show_char(b, cp));
                return q + n;
            }
            x = x * 16 + h;
            q++;
        }
        if (!bytes && x > 0x7f) {
            lex_error(L, p, q, NULL, "must be a character in the range [\\x00-\\x7f]",
                      "out of range hex escape");
            return q;
        }
        *v = x;
        return q;
    }
    case 'u': {
        uint32_t q = p + 2;
        if (q >= end || s[q] != '{') {
            Diag *d = lex_error(L, p, q, NULL, "incorrect unicode escape sequence",
                                "incorrect unicode escape sequence");
            if (d) diag_child(L->u, d, DIAG_HELP, "format of unicode escape sequences is `\\u{...}`");
            return q;
        }
        q++;
        if (q < end && s[q] == '_') {
            lex_error(L, q, q + 1, NULL, "invalid start of unicode escape",
                      "invalid start of unicode escape: `_`");
            return q + 1;
        }
        if (q < end && s[q] == '}') {
            lex_error(L, p, q + 1, NULL, "this escape must have at least 1 hex digit",
                      "empty unicode escape");
            return q + 1;
        }
        uint32_t val = 0;
        int nd = 0;
        for (;;) {
            if (q >= end) {
                lex_error(L, p, q, NULL, "missing a closing `}`", "unterminated unicode escape");
                return q;
            }
            unsigned d = s[q];
            if (d == '}') break;
            if (d != '_') {
                int h = hexval(d);
                if (h < 0) {
                    uint32_t n = char_at(L, q, &cp);
                    lex_error(L, q, q + n, NULL, "invalid character in unicode escape",
                              "invalid character in unicode escape: `%s`", show_char(b, cp));
                    return q + n;
                }
                if (++nd <= 6) val = val * 16 + (uint32_t)h;
            }
            q++;
        }
        q++;
        if (nd > 6) {
            lex_error(L, p, q, NULL, "must have at most 6 hex digits", "overlong unicode escape");
            return q;
        }
        if (bytes) {
            Diag *d = lex_error(L, p, q, NULL, "unicode escape in byte string",
                                "unicode escape in byte string");
            if (d)
                diag_child(L->u, d, DIAG_HELP,
                           "unicode escape sequences cannot be used as a byte or in a byte string");
            return q;
        }
        if (val > 0x10ffff || (val >= 0xd800 && val <= 0xdfff)) {
            Diag *d = lex_error(L, p, q, NULL, "invalid escape", "invalid unicode character escape");
            if (d) diag_child(L->u, d, DIAG_HELP, val > 0x10ffff ? "unicode escape must be at most 10FFFF"
                                                             : "unicode escape must not be a surrogate");
            return q;
        }
        *v = (int32_t)val;
        return q;
    }
    case '\n': case '\r':
        /* A line continuation skips the line break and the next line's
         * indentation; a CR only counts as part of CRLF. */
        if ((mode == M_STR || mode == M_BYTE_STR) &&
            (c == '\n' || (p + 2 < end && s[p + 2] == '\n'))) {
            uint32_t q = p + 1;
            while (q < end && (s[q] == ' ' || s[q] == '\t' || s[q] == '\n' || s[q] == '\r')) q++;
            *v = ESC_NOTHING;
            return q;
        }
        break;
    default:
        break;
    }
    uint32_t n = char_at(L, p + 1, &cp);
    Diag *d = lex_error(L, p + 1, p + 1 + n, NULL, "unknown character escape",
                        "unknown character escape: `%s`", show_char(b, cp));
    if (d)
        diag_child(L->u, d, DIAG_HELP,
                   "for more information, visit <https://doc.rust-lang.org/reference/tokens.html#literals>");
    return p + 1 + n;
}

/* Decodes the contents s[a..b) of a (raw, byte) string literal into t. */
static void decode_string(Lexer *L, Token *t, uint32_t a, uint32_t b, int mode, bool raw) {
    const unsigned char *s = L->s;
    bool bytes = mode == M_BYTE_STR;
    /* Every escape is at least as long as what it decodes to. */
    char *out = arena_alloc(&L->u->arena, (size_t)(b - a) + 1);
    uint32_t n = 0, p = a;
    while (p < b) {
        unsigned c = s[p];
        if (c == '\\' && !raw) {
            int32_t v;
            p = lex_escape(L, p, b, mode, &v);
            if (v < 0) continue;
            if (bytes) out[n++] = (char)v;
            else n += utf8_encode(out + n, (uint32_t)v);
        } else if (c == '\r') {
            /* CRLF is a line break (rustc normalizes it away before lexing). */
            if (p + 1 < b && s[p + 1] == '\n') {
                p++;
                continue;
            }
            lex_error(L, p, p + 1, NULL, NULL, raw ? "bare CR not allowed in raw string"
                                                   : "bare CR not allowed in string, use `\\r` instead");
            out[n++] = '\r';
            p++;
        } else if (c >= 0x80) {
            int32_t cp;
            uint32_t k = char_at(L, p, &cp);
            if (bytes && cp >= 0)
                lex_error(L, p, p + k, NULL, "must be ASCII", "non-ASCII character in %s literal",
                          raw ? "raw byte string" : "byte string");
            memcpy(out + n, s + p, k);
            n += k;
            p += k;
        } else {
            out[n++] = (char)c;
            p++;
        }
    }
    out[n] = 0;
    t->str = out;
    t->str_len = n;
}

/* "..." and b"..." from lo (the prefix), the quote at q. */
static void lex_string(Lexer *L, uint32_t lo, uint32_t q, int mode) {
    const unsigned char *s = L->s;
    uint32_t p = q + 1;
    while (p < L->len && s[p] != '"') p += s[p] == '\\' && p + 1 < L->len ? 2 : 1;
    if (p >= L->len) {
        if (mode == M_STR) lex_error(L, lo, q + 1, "E0765", NULL, "unterminated double quote string");
        else lex_error(L, lo, q + 1, "E0766", NULL, "unterminated double quote byte string");
        check_utf8(L, q, L->len);
        push(L, T_ERROR, lo, L->len);
        return;
    }
    Token *t = push(L, mode == M_STR ? T_STR : T_BYTE_STR, lo, p + 1);
    decode_string(L, t, q + 1, p, mode, false);
    t->span.hi = L->pos = literal_suffix(L, p + 1, mode == M_STR ? "string" : "byte string");
}

/* r"...", r#"..."#, br"..." from lo, the first `#` or `"` at q. */
static void lex_raw_string(Lexer *L, uint32_t lo, uint32_t q, bool bytes) {
    const unsigned char *s = L->s;
    uint32_t nh = 0;
    while (s[q] == '#') q++, nh++;
    if (q >= L->len) {
        lex_error(L, lo, lo + 1, "E0748", "unterminated raw string", "unterminated raw string");
        push(L, T_ERROR, lo, q);
        return;
    }
    if (s[q] != '"') {
        int32_t cp;
        char b[16];
        uint32_t n = char_at(L, q, &cp);
        lex_error(L, q, q + n, NULL, NULL,
                  "found invalid character; only `#` is allowed in raw string delimitation: %s",
                  show_char(b, cp));
        push(L, T_ERROR, lo, q);
        return;
    }
    if (nh > MAX_RAW_HASHES)
        lex_error(L, lo, q + 1, NULL, NULL,
                  "too many `#` symbols: raw strings may be delimited by up to %d `#` symbols, but found %u",
                  MAX_RAW_HASHES, nh);
    uint32_t a = q + 1, p = a;
    for (;;) {
        const unsigned char *hit = memchr(s + p, '"', L->len - p);
        if (!hit) {
            Diag *d = lex_error(L, lo, lo + 1, "E0748", "unterminated raw string", "unterminated raw string");
            if (d) {
                char *hashes = arena_alloc(&L->u->arena, nh + 1);
                memset(hashes, '#', nh);
                diag_child(L->u, d, DIAG_NOTE, "this raw string should be terminated with `\"%s`", hashes);
            }
            check_utf8(L, a, L->len);
            push(L, T_ERROR, lo, L->len);
            return;
        }
        uint32_t e = (uint32_t)(hit - s), h = 0;
        while (h < nh && e + 1 + h < L->len && s[e + 1 + h] == '#') h++;
        if (h == nh) {
            Token *t = push(L, bytes ? T_BYTE_STR : T_STR, lo, e + 1 + nh);
            decode_string(L, t, a, e, bytes ? M_BYTE_STR : M_STR, true);
            t->span.hi = L->pos = literal_suffix(L, e + 1 + nh, bytes ? "byte string" : "string");
            return;
        }
        p = e + 1;
    }
}

/* The end of a char or byte literal whose contents start at p, found the
 * way rustc_lexer does: an unterminated one stops at a `/` or at the line
 * end, so it swallows as little as possible. */
static uint32_t quote_end(const Lexer *L, uint32_t p, bool *terminated) {
    const unsigned char *s = L->s;
    *terminated = false;
    if (p < L->len && s[p] != '\\') {
        uint32_t cp;
        int n = utf8_len(s, p, L->len, &cp);
        uint32_t q = p + (uint32_t)(n ? n : 1);
        if (q < L->len && s[q] == '\'') {
            *terminated = true;
            return q + 1;
        }
    }
    while (p < L->len) {
        unsigned c = s[p];
        if (c == '\'') {
            *terminated = true;
            return p + 1;
        }
        if (c == '/') break;
        if (c == '\n' && !(p + 1 < L->len && s[p + 1] == '\'')) break;
        p += c == '\\' && p + 1 < L->len ? 2 : 1;
    }
    return p;
}

/* The contents s[a..b) of a terminated char or byte literal into t->ival. */
static void decode_char(Lexer *L, Token *t, uint32_t a, uint32_t b, bool bytes) {
    const unsigned char *s = L->s;
    const char *what = bytes ? "byte" : "character";
    check_utf8(L, a, b);
    if (a == b) {
        lex_error(L, a - 1, b + 1, NULL, "empty character literal", "empty character literal");
        return;
    }
    int32_t v;
    uint32_t p;
    if (s[a] == '\\') {
        p = lex_escape(L, a, b, bytes ? M_BYTE : M_CHAR, &v);
        if (v < 0) return; /* reported; more errors about the rest would be noise */
    } else {
        p = a + char_at(L, a, &v);
        if (v == '\'' || v == '\n' || v == '\r' || v == '\t') {
            char b16[16];
            Diag *d = lex_error(L, a, p, NULL, NULL, "%s constant must be escaped: `%s`", what,
                                show_char(b16, v));
            if (d) diag_suggest(L->u, d, (Span){ a, p }, v == '\'' ? "\\'" : show_char(b16, v),
                                APP_MACHINE_APPLICABLE, "escape the character");
        } else if (bytes && v >= 0x80) {
            lex_error(L, a, p, NULL, "byte constant must be ASCII", "non-ASCII character in byte literal");
        }
        if (v < 0) v = 0xfffd;
    }
    if (p < b) {
        Diag *d = lex_error(L, a - 1, b + 1, NULL, NULL, "%s literal may only contain one codepoint", what);
        if (d) {
            char *rep = arena_printf(&L->u->arena, "%s\"%.*s\"", bytes ? "b" : "", (int)(b - a),
                                     (const char *)s + a);
            diag_suggest(L->u, d, (Span){ bytes ? a - 2 : a - 1, b + 1 }, rep, APP_MACHINE_APPLICABLE,
                         "if you meant to write a %sstring literal, use double quotes", bytes ? "byte " : "");
        }
    }
    t->ival = (uint64_t)v;
}

/* b'x' from lo, the quote at q. */
static void lex_byte(Lexer *L, uint32_t lo, uint32_t q) {
    bool terminated;
    uint32_t end = quote_end(L, q + 1, &terminated);
    if (!terminated) {
        lex_error(L, lo, end, "E0763", NULL, "unterminated byte constant");
        check_utf8(L, q, end);
        push(L, T_ERROR, lo, end);
        return;
    }
    Token *t = push(L, T_BYTE, lo, end);
    decode_char(L, t, q + 1, end - 1, true);
    t->span.hi = L->pos = literal_suffix(L, end, "byte");
}

/* After `'`: a lifetime when an identifier follows that is not closed by
 * another `'` (`'a`, `'static`), else a character literal (`'a'`, `'\n'`). */
static void lex_quote(Lexer *L) {
    const unsigned char *s = L->s;
    uint32_t lo = L->pos, p = lo + 1;
    if (p >= L->len) {
        lex_error(L, lo, p, "E0762", NULL, "unterminated character literal");
        push(L, T_ERROR, lo, p);
        return;
    }
    /* rustc_lexer's rule: the first character may start a lifetime (a digit
     * too, for a better error) unless a `'` follows it right away. */
    uint32_t n = id_char_len(L, p, true);
    bool digit = is_digit(s[p]);
    if (digit) n = 1;
    if (n && s[p + n] != '\'') {
        uint32_t q = scan_ident(L, p + n);
        if (s[q] == '\'') { /* 'ab': rustc lexes a char literal and rejects it */
            Token *t = push(L, T_CHAR, lo, q + 1);
            decode_char(L, t, p, q, false);
            t->span.hi = L->pos = literal_suffix(L, q + 1, "character");
            return;
        }
        Token *t = push(L, T_LIFETIME, lo, q);
        t->sym = sym_intern(L->u, (const char *)s + p, q - p);
        if (digit) lex_error(L, lo, q, NULL, NULL, "lifetimes cannot start with a number");
        return;
    }
    bool terminated;
    uint32_t end = quote_end(L, p, &terminated);
    if (!terminated) {
        lex_error(L, lo, end, "E0762", NULL, "unterminated character literal");
        check_utf8(L, p, end);
        push(L, T_ERROR, lo, end);
        return;
    }
    Token *t = push(L, T_CHAR, lo, end);
    decode_char(L, t, p, end - 1, false);
    t->span.hi = L->pos = literal_suffix(L, end, "character");
}

/* ------------------------------------------------ identifiers, the rest */

static void lex_ident(Lexer *L) {
    const unsigned char *s = L->s;
    uint32_t lo = L->pos;
    uint32_t p = scan_ident(L, lo + id_char_len(L, lo, true));
    uint32_t n = p - lo;
    if (n == 1 && s[lo] == '_') {
        push(L, P_UNDERSCORE, lo, p);
        return;
    }
    TokenKind k = keyword(s + lo, n);
    Token *t = push(L, k, lo, p);
    t->sym = k == T_IDENT ? sym_intern(L->u, (const char *)s + lo, n) : L->kwsym[k - FIRST_KEYWORD];
    /* Rust 2021 reserves `prefix"..."`, `prefix'...'` and `prefix#`. */
    if (s[p] == '"' || s[p] == '\'' || s[p] == '#') {
        Diag *d = lex_error(L, lo, p, NULL, "unknown prefix", "prefix `%.*s` is unknown", (int)n,
                            (const char *)s + lo);
        if (d) {
            diag_child(L->u, d, DIAG_NOTE, "prefixed identifiers and literals are reserved since Rust 2021");
            if (n == 2 && s[lo] == 'r' && s[lo + 1] == 'b')
                diag_suggest(L->u, d, (Span){ lo, p }, "br", APP_MAYBE_INCORRECT,
                             "use `br` for a raw byte string");
            else
                diag_suggest(L->u, d, (Span){ p, p }, " ", APP_MAYBE_INCORRECT,
                             "consider inserting whitespace here");
        }
    }
}

/* r#name: an identifier even when `name` is a keyword. */
static void lex_raw_ident(Lexer *L) {
    const unsigned char *s = L->s;
    uint32_t lo = L->pos, a = lo + 2;
    uint32_t p = scan_ident(L, a + id_char_len(L, a, true));
    Token *t = push(L, T_IDENT, lo, p);
    t->sym = sym_intern(L->u, (const char *)s + a, p - a);
    TokenKind k = keyword(s + a, p - a);
    if ((p - a == 1 && s[a] == '_') || k == K_SELF_LOWER || k == K_SELF_UPPER || k == K_SUPER || k == K_CRATE)
        lex_error(L, lo, p, NULL, NULL, "`%s` cannot be a raw identifier", t->sym);
}

/* Rust 2024 reserves `#"..."#` and `##`; each `#` still becomes a token. */
static void lex_hashes(Lexer *L) {
    const unsigned char *s = L->s;
    uint32_t lo = L->pos, q = lo;
    while (s[q] == '#') q++;
    Diag *d;
    if (s[q] == '"') {
        d = lex_error(L, lo, q + 1, NULL, NULL, "invalid string literal");
        if (d)
            diag_child(L->u, d, DIAG_NOTE,
                       "unprefixed guarded string literals are reserved for future use since Rust 2024");
    } else {
        d = lex_error(L, lo, q, NULL, NULL, "reserved multi-hash token is forbidden");
        if (d)
            diag_child(L->u, d, DIAG_NOTE,
                       "sequences of two or more # are reserved for future use since Rust 2024");
    }
    if (d)
        diag_suggest(L->u, d, (Span){ lo + 1, lo + 1 }, " ", APP_MAYBE_INCORRECT,
                     "consider inserting whitespace here");
    for (uint32_t p = lo; p < q; p++) push(L, P_POUND, p, p + 1);
}

/* A run of one unknown character is one token and one error, the way rustc
 * counts repeats; a run of invalid bytes is one silent token (the file's
 * UTF-8 error covers it). */
static void lex_unknown(Lexer *L) {
    const unsigned char *s = L->s;
    uint32_t lo = L->pos, p;
    int32_t cp;
    uint32_t n = char_at(L, lo, &cp);
    if (cp < 0) {
        uint32_t v;
        for (p = lo + 1; p < L->len && s[p] >= 0x80 && !utf8_len(s, p, L->len, &v); p++) {}
        push(L, T_ERROR, lo, p);
        return;
    }
    uint32_t reps = 0;
    for (p = lo + n; p + n <= L->len && memcmp(s + p, s + lo, n) == 0; p += n) reps++;
    char b[16];
    Diag *d = lex_error(L, lo, lo + n, NULL, NULL, "unknown start of token: %s", show_char(b, cp));
    if (d && reps == 1) diag_child(L->u, d, DIAG_NOTE, "character appears once more");
    else if (d && reps > 1) diag_child(L->u, d, DIAG_NOTE, "character appears %u more times", reps);
    push(L, T_ERROR, lo, p);
}

static void lex_token(Lexer *L) {
    const unsigned char *s = L->s;
    uint32_t p = L->pos, n = 1;
    unsigned c = s[p];
    TokenKind k;
    /* s[p] is not NUL in each case below, so s[p + 1] is in bounds, and so is
     * s[p + 2] once s[p + 1] matched a non-NUL byte. */
#define TWO(ch, kind) \
    if (s[p + 1] == (ch)) { k = (kind); n = 2; break; }
    switch (c) {
    case '"': lex_string(L, p, p, M_STR); return;
    case '\'': lex_quote(L); return;
    case 'b':
        if (s[p + 1] == '\'') { lex_byte(L, p, p + 1); return; }
        if (s[p + 1] == '"') { lex_string(L, p, p + 1, M_BYTE_STR); return; }
        if (s[p + 1] == 'r' && (s[p + 2] == '"' || s[p + 2] == '#')) {
            lex_raw_string(L, p, p + 2, true);
            return;
        }
        lex_ident(L);
        return;
    case 'r':
        if (s[p + 1] == '#' && id_char_len(L, p + 2, true)) { lex_raw_ident(L); return; }
        if (s[p + 1] == '"' || s[p + 1] == '#') { lex_raw_string(L, p, p + 1, false); return; }
        lex_ident(L);
        return;
    case '_':
        if (id_char_len(L, p + 1, false)) { lex_ident(L); return; }
        k = P_UNDERSCORE;
        break;
    case '<':
        if (s[p + 1] == '<' && s[p + 2] == '=') { k = P_SHL_EQ; n = 3; break; }
        TWO('<', P_SHL); TWO('=', P_LE);
        k = P_LT;
        break;
    case '>':
        if (s[p + 1] == '>' && s[p + 2] == '=') { k = P_SHR_EQ; n = 3; break; }
        TWO('>', P_SHR); TWO('=', P_GE);
        k = P_GT;
        break;
    case '.':
        if (s[p + 1] == '.' && s[p + 2] == '.') { k = P_DOTDOTDOT; n = 3; break; }
        if (s[p + 1] == '.' && s[p + 2] == '=') { k = P_DOTDOTEQ; n = 3; break; }
        TWO('.', P_DOTDOT);
        k = P_DOT;
        break;
    case '+': TWO('=', P_PLUS_EQ); k = P_PLUS; break;
    case '-': TWO('=', P_MINUS_EQ); TWO('>', P_ARROW); k = P_MINUS; break;
    case '*': TWO('=', P_STAR_EQ); k = P_STAR; break;
    case '/': TWO('=', P_SLASH_EQ); k = P_SLASH; break;
    case '%': TWO('=', P_PERCENT_EQ); k = P_PERCENT; break;
    case '^': TWO('=', P_CARET_EQ); k = P_CARET; break;
    case '!': TWO('=', P_NE); k = P_BANG; break;
    case '&': TWO('&', P_ANDAND); TWO('=', P_AMP_EQ); k = P_AMP; break;
    case '|': TWO('|', P_OROR); TWO('=', P_PIPE_EQ); k = P_PIPE; break;
    case '=': TWO('=', P_EQEQ); TWO('>', P_FATARROW); k = P_EQ; break;
    case ':': TWO(':', P_COLONCOLON); k = P_COLON; break;
    case '#':
        if (s[p + 1] == '#' || s[p + 1] == '"') { lex_hashes(L); return; }
        k = P_POUND;
        break;
    case '@': k = P_AT; break;
    case ',': k = P_COMMA; break;
    case ';': k = P_SEMI; break;
    case '$': k = P_DOLLAR; break;
    case '?': k = P_QUESTION; break;
    case '~': k = P_TILDE; break;
    case '{': k = P_LBRACE; break;
    case '}': k = P_RBRACE; break;
    case '[': k = P_LBRACKET; break;
    case ']': k = P_RBRACKET; break;
    case '(': k = P_LPAREN; break;
    case ')': k = P_RPAREN; break;
    default:
        if (is_digit(c)) lex_number(L);
        else if (id_char_len(L, p, true)) lex_ident(L);
        else lex_unknown(L);
        return;
    }
#undef TWO
    push(L, k, p, p + n);
}

/* Fills u->toks: every byte of the source belongs to one token or to
 * trivia, each step consumes at least one byte, and T_EOF ends the array. */
void lex_run(DbUnit *u) {
    if (u->lexed) return;
    Lexer L = { 0 };
    L.u = u;
    L.s = (const unsigned char *)(u->src.text ? u->src.text : "");
    L.len = u->src.text ? u->src.len : 0;
    /* Dense Rust runs about three bytes a token, so this rarely grows. */
    L.cap = (int)(L.len / 3) + 16;
    L.toks = arena_alloc(&u->arena, sizeof(Token) * (size_t)L.cap);
    L.space = true;
    for (int k = FIRST_KEYWORD; k <= LAST_KEYWORD; k++)
        L.kwsym[k - FIRST_KEYWORD] = sym_cstr(u, token_kind_name((TokenKind)k));
    skip_file_start(&L);
    for (;;) {
        skip_trivia(&L);
        if (L.pos >= L.len) break;
        lex_token(&L);
    }
    push(&L, T_EOF, L.len, L.len);
    u->toks = L.toks;
    u->ntoks = L.ntoks;
    u->lexed = true;
}

const char *token_kind_name(TokenKind k) {
    static const char *const names[] = {
#define X(kind, str) str,
        TOKEN_KINDS(X)
#undef X
    };
    if ((unsigned)k >= TOKEN_KIND_COUNT) return "?";
    return names[k];
}

/* ------------------------------------------------------------------- dump */

/* Token text on one line: line breaks, control bytes and invalid UTF-8 are
 * escaped, valid UTF-8 is kept. */
static void dump_text(Buf *out, const unsigned char *s, uint32_t lo, uint32_t hi) {
    uint32_t run = lo;
    for (uint32_t p = lo; p < hi;) {
        unsigned c = s[p];
        uint32_t cp;
        int n = 1;
        if (c >= 0x20 && c < 0x7f) {
            p++;
            continue;
        }
        if (c >= 0x80 && (n = utf8_len(s, p, hi, &cp)) > 0) {
            p += (uint32_t)n;
            continue;
        }
        buf_put(out, (const char *)s + run, p - run);
        if (c == '\n') buf_puts(out, "\\n");
        else if (c == '\r') buf_puts(out, "\\r");
        else if (c == '\t') buf_puts(out, "\\t");
        else buf_printf(out, "\\x%02x", c);
        run = ++p;
    }
    buf_put(out, (const char *)s + run, hi - run);
}

/* One line a token: "LINE:COL KIND `TEXT`", keywords and punctuation as
 * their text alone. Lines and columns are counted in one walk, since a
 * lookup per token would be quadratic on a long line. */
void dump_tokens(DbUnit *u, Buf *out) {
    if (!u->lexed) lex_run(u);
    const unsigned char *s = (const unsigned char *)u->src.text;
    uint32_t off = 0, line = 1, col = 1;
    for (int i = 0; i < u->ntoks; i++) {
        const Token *t = &u->toks[i];
        for (; off < t->span.lo && off < u->src.len; off++) {
            if (s[off] == '\n') line++, col = 1;
            else if ((s[off] & 0xc0) != 0x80) col++;
        }
        buf_printf(out, "%u:%u %s", line, col, token_kind_name(t->kind));
        if (t->kind < FIRST_KEYWORD && t->kind != T_EOF) {
            buf_puts(out, " `");
            dump_text(out, s, t->span.lo, t->span.hi);
            buf_putc(out, '`');
        }
        buf_putc(out, '\n');
    }
}
