/* lower_fmt.c — format-like macros (print!, println!, eprint!, eprintln!,
 * panic!) to RtArguments: the format string is split into pieces
 * and placeholders at compile time; each placeholder names the value's
 * trait impl (rt_fmt_* or generated) and its RtFmtSpec. The checker has
 * already validated the string, so malformed input is not re-reported. */
#include "lower.h"

#include <stdlib.h>

typedef struct Placeholder {
    int arg;            /* index into the macro's value arguments */
    const char *trait;  /* "display", "debug", "lower_hex", ... */
    unsigned flags;
    unsigned width, precision;
} Placeholder;

/* The rt_fmt_* function for a scalar type and trait, or NULL. */
static const char *fmt_fn(Lower *L, Type *ty, const char *trait) {
    static const char *ints[INT_KIND_COUNT] = { "i8", "i16", "i32", "i64", NULL, "isize",
                                                "u8", "u16", "u32", "u64", NULL, "usize" };
    bool dbg = strcmp(trait, "debug") == 0, disp = strcmp(trait, "display") == 0;
    switch (ty->kind) {
    case TYPE_INT:
        if (!ints[ty->sub]) return NULL;
        return arena_printf(L->t->a, "rt_fmt_%s_%s", trait, ints[ty->sub]);
    case TYPE_FLOAT:
        if (!disp && !dbg && strcmp(trait, "lower_exp") && strcmp(trait, "upper_exp")) return NULL;
        return arena_printf(L->t->a, "rt_fmt_%s_%s", trait, ty->sub == FLOAT_F32 ? "f32" : "f64");
    case TYPE_BOOL: return disp || dbg ? arena_printf(L->t->a, "rt_fmt_%s_bool", trait) : NULL;
    case TYPE_CHAR: return disp || dbg ? arena_printf(L->t->a, "rt_fmt_%s_char", trait) : NULL;
    case TYPE_REF:
        if (ty->inner->kind == TYPE_STR && (disp || dbg)) return arena_printf(L->t->a, "rt_fmt_%s_str", trait);
        return NULL;
    default: return NULL;
    }
}

/* One RtStr of the pieces array as a plain initializer: tcc 0.9.27 rejects
 * compound literals (RT_STR) inside array initializers. */
static void put_piece(Buf *b, const char *s, size_t n) {
    buf_puts(b, "{(const rt_u8 *)");
    lower_c_string(b, s, n);
    buf_printf(b, ", %zu}", n);
}

static unsigned parse_num(const char *s, size_t n, size_t *i) {
    unsigned v = 0;
    while (*i < n && s[*i] >= '0' && s[*i] <= '9') v = v * 10 + (unsigned)(s[(*i)++] - '0');
    return v;
}

static bool is_ident_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/* Decodes one UTF-8 scalar at s[*i] (the fill character). */
static unsigned utf8_at(const char *s, size_t n, size_t *i) {
    unsigned char c = (unsigned char)s[*i];
    int len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    unsigned v = len == 1 ? c : len == 2 ? c & 0x1F : len == 3 ? c & 0x0F : c & 0x07;
    for (int k = 1; k < len && *i + (size_t)k < n; k++) v = (v << 6) | ((unsigned char)s[*i + (size_t)k] & 0x3F);
    *i += (size_t)len;
    return v;
}

/* Finds the value argument for `{name}`: an explicit `name = value`
 * argument, else an implicit capture recorded by the checker. Returns the
 * expression or NULL. */
static Expr *named_arg(Expr *e, const char *name, size_t len, int *index) {
    MacroCall *m = e->mac;
    for (int i = 1; i < m->args.n; i++) {
        Sym nm = i < m->names.n ? LIST_GET(m->names, i, const char) : NULL;
        if (nm && strlen(nm) == len && memcmp(nm, name, len) == 0) {
            *index = i - 1;
            return LIST_GET(m->args, i, Expr);
        }
    }
    Res *r = e->res;
    if (r && r->kind == RES_MACRO)
        for (int i = 0; i < r->ncaptures; i++)
            if (strlen(r->capture_names[i]) == len && memcmp(r->capture_names[i], name, len) == 0) {
                *index = m->args.n - 1 + i;
                return r->captures[i];
            }
    return NULL;
}

/* assert!(c) and assert_eq!/assert_ne!(a, b) without a custom message. */
static const char *lower_assert(Lower *L, Expr *e) {
    MacroCall *m = e->mac;
    bool eq = !strcmp(m->name, "assert_eq");
    if (!strcmp(m->name, "assert")) {
        if (m->args.n != 1) {
            lower_unsupported(L, e->span, "`assert!` with a message");
            return "";
        }
        Expr *c = LIST_GET(m->args, 0, Expr);
        const char *v = lower_expr(L, c);
        Buf b = { 0 };
        lower_c_string(&b, L->u->src.text + c->span.lo, c->span.hi - c->span.lo);
        lower_line(L, "if (!%s) rt_assert_failed(%s, RT_STR(%s));", v, lower_loc(L, e->span), b.s);
        buf_free(&b);
        return "";
    }
    if (m->args.n != 2) {
        lower_unsupported(L, e->span, arena_printf(L->t->a, "`%s!` with a message", m->name));
        return "";
    }
    Expr *a = LIST_GET(m->args, 0, Expr), *b = LIST_GET(m->args, 1, Expr);
    const char *va = lower_expr(L, a), *vb = lower_expr(L, b);
    const char *fa = fmt_fn(L, a->type, "debug"), *fb = fmt_fn(L, b->type, "debug");
    if (!fa || !fb || a->type != b->type || a->type->kind == TYPE_REF) {
        lower_unsupported(L, e->span, arena_printf(L->t->a, "`%s!` on `%s`", m->name, ty_str(L->t, a->type)));
        return "";
    }
    const char *ta = lower_temp(L), *tb = lower_temp(L);
    const char *ct = lower_ctype(L, a->type, e->span);
    lower_line(L, "%s %s = %s;", ct, ta, va);
    lower_line(L, "%s %s = %s;", ct, tb, vb);
    lower_line(L, "if (%s%s == %s)) rt_assert_cmp_failed(%s, %s, &%s, %s, &%s, %s, RT_NULL);", eq ? "!(" : "(", ta, tb,
               lower_loc(L, e->span), eq ? "RT_ASSERT_EQ" : "RT_ASSERT_NE", ta, fa, tb, fb);
    return "";
}

const char *lower_format_macro(Lower *L, Expr *e) {
    MacroCall *m = e->mac;
    const char *nm = m->name;
    if (!strcmp(nm, "assert") || !strcmp(nm, "assert_eq") || !strcmp(nm, "assert_ne")) return lower_assert(L, e);
    bool println = !strcmp(nm, "println"), eprintln = !strcmp(nm, "eprintln");
    bool print = !strcmp(nm, "print"), eprint = !strcmp(nm, "eprint"), panic = !strcmp(nm, "panic");
    if (!(println || eprintln || print || eprint || panic)) {
        lower_unsupported(L, e->span, arena_printf(L->t->a, "`%s!`", nm));
        return "0";
    }
    const char *stream = println || print ? "RT_STDOUT" : "RT_STDERR";
    bool newline = println || eprintln;
    if (panic && m->args.n == 0) {
        lower_line(L, "rt_panic_explicit(%s);", lower_loc(L, e->span));
        return "";
    }
    if (m->args.n == 0) {
        lower_line(L, "rt_print_str(%s, RT_STR(\"%s\"));", stream, newline ? "\\n" : "");
        return "";
    }
    Expr *fs = LIST_GET(m->args, 0, Expr);
    if (fs->kind != EX_STR) {
        lower_unsupported(L, fs->span, "a format string that is not a literal");
        return "";
    }
    int nvals = m->args.n - 1 + (e->res && e->res->kind == RES_MACRO ? e->res->ncaptures : 0);
    const char **vals = arena_alloc(L->t->a, sizeof(char *) * (size_t)(nvals + 1));
    Expr **vexprs = arena_alloc(L->t->a, sizeof(Expr *) * (size_t)(nvals + 1));
    for (int i = 0; i < nvals; i++) vals[i] = NULL, vexprs[i] = NULL;
    for (int i = 1; i < m->args.n; i++) vexprs[i - 1] = LIST_GET(m->args, i, Expr);
    if (e->res && e->res->kind == RES_MACRO)
        for (int i = 0; i < e->res->ncaptures; i++) vexprs[m->args.n - 1 + i] = e->res->captures[i];
    /* arguments are evaluated once, in order, before formatting */
    for (int i = 0; i < nvals; i++) {
        const char *v = lower_expr(L, vexprs[i]);
        if (L->failed) return "";
        const char *t = lower_temp(L);
        if (lower_is_unit(vexprs[i]->type)) {
            lower_unsupported(L, vexprs[i]->span, "formatting `()`");
            return "";
        }
        lower_line(L, "%s %s = %s;", lower_ctype(L, vexprs[i]->type, vexprs[i]->span), t, v);
        vals[i] = t;
    }

    const char *s = fs->str;
    size_t n = fs->str_len;
    Buf pieces = { 0 }, cur = { 0 }, args = { 0 };
    int npieces = 0, nargs = 0, next = 0;
    for (size_t i = 0; i < n && !L->failed;) {
        char c = s[i];
        if (c == '{' && i + 1 < n && s[i + 1] == '{') { buf_putc(&cur, '{'); i += 2; continue; }
        if (c == '}' && i + 1 < n && s[i + 1] == '}') { buf_putc(&cur, '}'); i += 2; continue; }
        if (c != '{') { buf_putc(&cur, c); i++; continue; }
        i++;
        /* argument: index, name or next */
        int arg = -1;
        if (i < n && s[i] >= '0' && s[i] <= '9') arg = (int)parse_num(s, n, &i);
        else if (i < n && is_ident_char(s[i])) {
            size_t st = i;
            while (i < n && is_ident_char(s[i])) i++;
            if (!named_arg(e, s + st, i - st, &arg)) {
                lower_unsupported(L, fs->span, "this named format argument");
                break;
            }
        } else arg = next++;
        Placeholder ph = { arg, "display", 0x20u | (3u << 29), 0, 0 };
        if (i < n && s[i] == ':') {
            i++;
            /* [[fill]align][sign]['#']['0'][width]['.' precision][type] */
            size_t save = i;
            unsigned fill = 0;
            if (i < n) {
                size_t j = i;
                unsigned f = utf8_at(s, n, &j);
                if (j < n && (s[j] == '<' || s[j] == '^' || s[j] == '>')) { fill = f; i = j; }
            }
            (void)save;
            unsigned align = 3;
            if (i < n && (s[i] == '<' || s[i] == '^' || s[i] == '>')) {
                align = s[i] == '<' ? 0 : s[i] == '>' ? 1 : 2;
                i++;
            }
            ph.flags = (fill ? fill : 0x20u) | (align << 29);
            if (i < n && s[i] == '+') { ph.flags |= 1u << 21; i++; }
            else if (i < n && s[i] == '-') { ph.flags |= 1u << 22; i++; }
            if (i < n && s[i] == '#') { ph.flags |= 1u << 23; i++; }
            if (i < n && s[i] == '0' && !(i + 1 < n && s[i + 1] == '$')) { ph.flags |= 1u << 24; i++; }
            if (i < n && s[i] >= '0' && s[i] <= '9') {
                ph.width = parse_num(s, n, &i);
                ph.flags |= 1u << 27;
                if (i < n && s[i] == '$') { lower_unsupported(L, fs->span, "a `width$` argument"); break; }
            }
            if (i < n && s[i] == '.') {
                i++;
                if (i < n && s[i] == '*') { lower_unsupported(L, fs->span, "a `.*` precision"); break; }
                ph.precision = parse_num(s, n, &i);
                ph.flags |= 1u << 28;
                if (i < n && s[i] == '$') { lower_unsupported(L, fs->span, "a `.prec$` argument"); break; }
            }
            if (i < n && s[i] == '?') { ph.trait = "debug"; i++; }
            else if (i + 1 < n && (s[i] == 'x' || s[i] == 'X') && s[i + 1] == '?') {
                ph.trait = "debug";
                ph.flags |= s[i] == 'x' ? 1u << 25 : 1u << 26;
                i += 2;
            } else if (i < n && s[i] == 'x') { ph.trait = "lower_hex"; i++; }
            else if (i < n && s[i] == 'X') { ph.trait = "upper_hex"; i++; }
            else if (i < n && s[i] == 'o') { ph.trait = "octal"; i++; }
            else if (i < n && s[i] == 'b') { ph.trait = "binary"; i++; }
            else if (i < n && s[i] == 'e') { ph.trait = "lower_exp"; i++; }
            else if (i < n && s[i] == 'E') { ph.trait = "upper_exp"; i++; }
        }
        while (i < n && s[i] != '}') i++;
        i++;
        if (arg < 0 || arg >= nvals) { lower_unsupported(L, fs->span, "this format argument"); break; }
        /* Display/Debug of &T format the T: pass the referent's address */
        Type *vt = vexprs[arg]->type;
        const char *place = vals[arg];
        while (vt->kind == TYPE_REF && vt->inner->kind != TYPE_STR) {
            place = arena_printf(L->t->a, "(*%s)", place);
            vt = vt->inner;
        }
        const char *addr = arena_printf(L->t->a, "&%s", place);
        const char *fn = fmt_fn(L, vt, ph.trait);
        if (!fn) {
            lower_unsupported(L, vexprs[arg]->span,
                              arena_printf(L->t->a, "formatting a `%s`", ty_str(L->t, vexprs[arg]->type)));
            break;
        }
        /* the piece before this placeholder (possibly empty) */
        buf_puts(&pieces, npieces ? ", " : "");
        put_piece(&pieces, cur.s ? cur.s : "", cur.len);
        npieces++;
        cur.len = 0;
        buf_printf(&args, "%s{%s, %s, {%uu, %u, %u}}", nargs ? ", " : "", addr, fn, ph.flags, ph.width,
                   ph.precision);
        nargs++;
    }
    if (newline) buf_putc(&cur, '\n');
    if (cur.len) {
        buf_puts(&pieces, npieces ? ", " : "");
        put_piece(&pieces, cur.s, cur.len);
        npieces++;
    }
    if (!L->failed) {
        const char *p = lower_temp(L), *a = lower_temp(L), *f = lower_temp(L);
        lower_line(L, "{");
        L->depth++;
        if (npieces) lower_line(L, "const RtStr %s[] = {%s};", p, pieces.s);
        if (nargs) lower_line(L, "const RtArg %s[] = {%s};", a, args.s);
        lower_line(L, "RtArguments %s = {%s, %d, %s, %d};", f, npieces ? p : "RT_NULL", npieces,
                   nargs ? a : "RT_NULL", nargs);
        if (panic) lower_line(L, "rt_panic_fmt(%s, &%s);", lower_loc(L, e->span), f);
        else lower_line(L, "rt_print(%s, &%s);", stream, f);
        L->depth--;
        lower_line(L, "}");
    }
    buf_free(&pieces);
    buf_free(&cur);
    buf_free(&args);
    return "";
}
