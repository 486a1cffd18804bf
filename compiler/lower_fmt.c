/* lower_fmt.c — format-like macros (print!, println!, eprint!, eprintln!,
 * format!, panic!, write!, writeln!, assert!/assert_eq!/assert_ne! with
 * their messages, todo!/unreachable!/unimplemented! with a message) to
 * RtArguments, and the Display/Debug fns of every type (lower_fmt_fn:
 * rt_fmt_* or generated helpers for derived Debug, tuples, Vec and slices,
 * references): the format string is split into pieces
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

/* ------------------------------------------------ Debug/Display impls */

/* The impl of `trait` (a wk trait def) for the ADT def d, or NULL. */
static Def *find_impl(Lower *L, Def *trait, Def *d) {
    for (int i = 0; i < L->t->impls.n; i++) {
        Def *impl = LIST_GET(L->t->impls, i, Def);
        if (impl->trait_ref && impl->trait_ref->trait == trait && impl->self_ty && impl->self_ty->kind == TYPE_ADT &&
            impl->self_ty->def == d)
            return impl;
    }
    return NULL;
}

typedef struct FmtHelper {
    const char *trait;
    Type *ty;
    const char *name;
    struct FmtHelper *next;
} FmtHelper;

/* Starts a generated formatting fn `name` for ty: its prototype in decls,
 * its text in *b (closed by end_helper). */
static void begin_helper(Lower *L, Buf *b, const char *name) {
    buf_printf(&L->decls, "static rt_i32 %s(const void *v, RtFormatter *f);\n", name);
    buf_printf(b, "static rt_i32 %s(const void *v, RtFormatter *f) {\n", name);
}

static void end_helper(Lower *L, Buf *b) {
    buf_puts(b, "}\n\n");
    buf_put(&L->helpers, b->s, b->len);
    buf_free(b);
}

/* Debug of one struct-like shape (a struct or an enum variant) at C
 * lvalue `place`: named fields through debug_struct, positional ones
 * through debug_tuple, none as the bare name. */
static bool debug_fields(Lower *L, Buf *b, Def *shape, Type *owner, const char *place, const char *indent, Span sp) {
    Buf nm = { 0 };
    lower_c_string(&nm, shape->name, strlen(shape->name));
    if (!shape->nfields) {
        buf_printf(b, "%sreturn rt_formatter_write_str(f, RT_STR(%s));\n", indent, nm.s);
        buf_free(&nm);
        return true;
    }
    bool named = shape->shape == STRUCT_NAMED;
    buf_printf(b, "%s{\n%s    RtDebugBuilder b;\n%s    rt_debug_%s(&b, f, RT_STR(%s));\n", indent, indent, indent,
               named ? "struct" : "tuple", nm.s);
    buf_free(&nm);
    for (int i = 0; i < shape->nfields; i++) {
        Type *ft = ty_subst(L->t, shape->fields[i].ty, owner->args, owner->nargs);
        const char *fn = lower_fmt_fn(L, ft, "debug", sp);
        if (!fn) return false;
        if (named) {
            Buf fnm = { 0 };
            lower_c_string(&fnm, shape->fields[i].name, strlen(shape->fields[i].name));
            buf_printf(b, "%s    rt_debug_struct_field(&b, RT_STR(%s), &%s.f%d, %s);\n", indent, fnm.s, place, i, fn);
            buf_free(&fnm);
        } else {
            buf_printf(b, "%s    rt_debug_tuple_field(&b, &%s.f%d, %s);\n", indent, place, i, fn);
        }
    }
    buf_printf(b, "%s    return rt_debug_%s_finish(&b);\n%s}\n", indent, named ? "struct" : "tuple", indent);
    return true;
}

/* Generates the Debug helper of a tuple, Vec/slice, struct or enum type. */
static const char *make_debug(Lower *L, Type *ty, const char *name, Span sp) {
    Buf b = { 0 };
    const char *ct = lower_ctype(L, ty, sp);
    begin_helper(L, &b, name);
    bool ok = true;
    if (ty->kind == TYPE_TUPLE) {
        buf_printf(&b, "    const %s *p = v;\n    RtDebugBuilder b;\n    rt_debug_tuple(&b, f, RT_STR(\"\"));\n", ct);
        for (int i = 0; i < ty->nargs && ok; i++) {
            const char *fn = lower_fmt_fn(L, ty->args[i], "debug", sp);
            if (!fn) ok = false;
            else buf_printf(&b, "    rt_debug_tuple_field(&b, &p->f%d, %s);\n", i, fn);
        }
        buf_puts(&b, "    return rt_debug_tuple_finish(&b);\n");
    } else if (ty->kind == TYPE_REF && ty->inner->kind == TYPE_SLICE) {
        const char *fn = lower_fmt_fn(L, ty->inner->inner, "debug", sp);
        ok = fn != NULL;
        buf_printf(&b, "    const RtSlice *p = v;\n    return rt_fmt_debug_slice(p->ptr, p->len, sizeof(%s), %s, f);\n",
                   lower_ctype(L, ty->inner->inner, sp), fn ? fn : "RT_NULL");
    } else if (ty->kind == TYPE_ARRAY) {
        const char *fn = lower_fmt_fn(L, ty->inner, "debug", sp);
        ok = fn != NULL;
        if (ty->id)
            buf_printf(&b, "    const %s *p = v;\n    return rt_fmt_debug_slice(p->a, %uu, sizeof(%s), %s, f);\n", ct, ty->id,
                       lower_ctype(L, ty->inner, sp), fn ? fn : "RT_NULL");
        else
            buf_printf(&b, "    (void)v;\n    return rt_fmt_debug_slice(RT_NULL, 0, 1, %s, f);\n", fn ? fn : "RT_NULL");
    } else if (ty->kind == TYPE_ADT && ty->def == L->t->wk.vec) {
        const char *fn = lower_fmt_fn(L, ty->args[0], "debug", sp);
        ok = fn != NULL;
        buf_printf(&b, "    const RtVec *p = v;\n    return rt_fmt_debug_slice(p->ptr, p->len, sizeof(%s), %s, f);\n",
                   lower_ctype(L, ty->args[0], sp), fn ? fn : "RT_NULL");
    } else if (ty->kind == TYPE_ADT && ty->def->kind == DEF_STRUCT) {
        buf_printf(&b, "    const %s *p = v;\n    (void)p;\n", ct);
        ok = debug_fields(L, &b, ty->def, ty, "(*p)", "    ", sp);
    } else if (ty->kind == TYPE_ADT && ty->def->kind == DEF_ENUM) {
        buf_printf(&b, "    const %s *p = v;\n    switch (p->tag) {\n", ct);
        for (int i = 0; i < ty->def->nvariants && ok; i++) {
            buf_printf(&b, "    case %d:\n", i);
            ok = debug_fields(L, &b, ty->def->variants[i], ty, arena_printf(L->t->a, "p->u.v%d", i), "        ", sp);
        }
        buf_puts(&b, "    }\n    return RT_FMT_OK;\n");
    } else ok = false;
    end_helper(L, &b);
    return ok ? name : NULL;
}

/* A fmt fn for &T: the value is a pointer to the reference. */
static const char *make_deref(Lower *L, const char *inner, const char *name) {
    Buf b = { 0 };
    begin_helper(L, &b, name);
    buf_printf(&b, "    return %s(*(const void *const *)v, f);\n", inner);
    end_helper(L, &b);
    return name;
}

const char *lower_fmt_fn(Lower *L, Type *ty, const char *trait, Span sp) {
    const char *fn = fmt_fn(L, ty, trait);
    if (fn) return fn;
    if ((fn = lower_dyn_fmt_fn(L, ty, trait, sp))) return fn; /* &dyn Display, Box<dyn Debug>: the vtable's */
    bool dbg = !strcmp(trait, "debug"), disp = !strcmp(trait, "display");
    if (ty->kind == TYPE_TUPLE && !ty->nargs) return dbg ? "rt_fmt_debug_unit" : NULL;
    if (ty->kind == TYPE_ADT && ty->def == L->t->wk.string) return dbg || disp ? arena_printf(L->t->a, "rt_fmt_%s_string", trait) : NULL;
    if (ty->kind == TYPE_ADT && ty->def->prelude && (!strcmp(ty->def->name, "ParseIntError") || !strcmp(ty->def->name, "ParseFloatError")))
        return dbg || disp ? arena_printf(L->t->a, "rt_fmt_%s_parse_error", trait) : NULL;
    if (ty->kind == TYPE_ADT && ty->def->prelude && (!strcmp(ty->def->name, "ToUppercase") || !strcmp(ty->def->name, "ToLowercase")))
        return disp ? "rt_fmt_display_case_iter" : NULL;
    for (FmtHelper *h = L->fmt_helpers; h; h = h->next)
        if (h->ty == ty && !strcmp(h->trait, trait)) return h->name;
    const char *name = arena_printf(L->t->a, "dbH%d_%s", L->nhelpers++, trait);
    {
        /* readable: dbH<n>_debug_Point */
        const char *s = ty_str(L->t, ty);
        Buf b = { 0 };
        buf_puts(&b, name);
        buf_putc(&b, '_');
        for (const char *p = s; *p && b.len < 64; p++)
            if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9')) buf_putc(&b, *p);
            else if (b.s[b.len - 1] != '_') buf_putc(&b, '_');
        while (b.s[b.len - 1] == '_') b.len--;
        name = arena_strndup(L->t->a, b.s, b.len);
        buf_free(&b);
    }
    FmtHelper *h = arena_alloc(L->t->a, sizeof *h);
    h->trait = trait, h->ty = ty, h->name = name, h->next = L->fmt_helpers;
    L->fmt_helpers = h; /* before recursing: a recursive type refers to itself */
    /* &T and Box<T> format their referent */
    if (ty->kind == TYPE_REF && !(ty->inner->kind == TYPE_SLICE && dbg)) {
        const char *inner = lower_fmt_fn(L, ty->inner, trait, sp);
        return inner ? make_deref(L, inner, name) : (h->name = NULL);
    }
    if (ty->kind == TYPE_ADT && ty->def == L->t->wk.box && ty->nargs == 1) {
        const char *inner = lower_fmt_fn(L, ty->args[0], trait, sp);
        return inner ? make_deref(L, inner, name) : (h->name = NULL);
    }
    /* a hand-written impl of the trait: call its fmt */
    Def *trait_def = dbg ? L->t->wk.debug : disp ? L->t->wk.display : NULL;
    Def *impl = trait_def && ty->kind == TYPE_ADT && !ty->def->prelude ? find_impl(L, trait_def, ty->def) : NULL;
    if (impl && impl->derive == DERIVE_NONE) {
        Def *fmt = NULL;
        for (int i = 0; i < impl->nmembers; i++)
            if (impl->members[i]->kind == DEF_FN && !strcmp(impl->members[i]->name, "fmt")) fmt = impl->members[i];
        Selection sel = { 0 };
        if (!fmt || tr_solve(L->t, ty, ty_traitref(L->t, trait_def, NULL, 0), false, &sel) != SOLVE_YES || sel.impl != impl) {
            lower_unsupported(L, sp, arena_printf(L->t->a, "this `%s` impl for `%s`", trait_def->name, ty_str(L->t, ty)));
            return h->name = NULL;
        }
        /* the impl's fmt for this instance (lower_mono.c) */
        Type **iargs = arena_alloc(L->t->a, sizeof(Type *) * (size_t)(impl->gen.n + 1));
        for (int i = 0; i < impl->gen.n; i++) iargs[i] = lower_subst(L, ty_zonk(L->t, sel.impl_args[i], true));
        Buf b = { 0 };
        begin_helper(L, &b, name);
        buf_printf(&b, "    return (rt_i32)%s((%s *)v, f).tag;\n", lower_instance(L, fmt, iargs, impl->gen.n), lower_ctype(L, ty, sp));
        end_helper(L, &b);
        return name;
    }
    if (!dbg) return h->name = NULL;
    if (ty->kind == TYPE_ADT && !ty->def->prelude && !impl) return h->name = NULL;
    return h->name = make_debug(L, ty, name, sp);
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
static Expr *named_arg(Expr *e, int first, const char *name, size_t len, int *index) {
    MacroCall *m = e->mac;
    for (int i = first + 1; i < m->args.n; i++) {
        Sym nm = i < m->names.n ? LIST_GET(m->names, i, const char) : NULL;
        if (nm && strlen(nm) == len && memcmp(nm, name, len) == 0) {
            *index = i - first - 1;
            return LIST_GET(m->args, i, Expr);
        }
    }
    Res *r = e->res;
    if (r && r->kind == RES_MACRO)
        for (int i = 0; i < r->ncaptures; i++)
            if (strlen(r->capture_names[i]) == len && memcmp(r->capture_names[i], name, len) == 0) {
                *index = m->args.n - first - 1 + i;
                return r->captures[i];
            }
    return NULL;
}

/* Lowers the format string m->args[first] and the value arguments after
 * it into an RtArguments temporary; returns its name (NULL on failure).
 * `newline` appends "\n" to the last piece (println!, writeln!). */
static const char *format_args(Lower *L, Expr *e, int first, bool newline) {
    MacroCall *m = e->mac;
    if (m->args.n <= first) {
        /* no format string at all: just the newline, if any */
        const char *p = lower_temp(L), *f = lower_temp(L);
        if (newline) lower_line(L, "const RtStr %s[] = {{(const rt_u8 *)\"\\n\", 1}};", p);
        lower_line(L, "RtArguments %s = {%s, %d, RT_NULL, 0};", f, newline ? p : "RT_NULL", newline ? 1 : 0);
        return f;
    }
    Expr *fs = LIST_GET(m->args, first, Expr);
    if (fs->kind != EX_STR) {
        lower_unsupported(L, fs->span, "a format string that is not a literal");
        return NULL;
    }
    int nexplicit = m->args.n - first - 1;
    int ncapt = e->res && e->res->kind == RES_MACRO ? e->res->ncaptures : 0;
    int nvals = nexplicit + ncapt;
    const char **vals = arena_alloc(L->t->a, sizeof(char *) * (size_t)(nvals + 1));
    Expr **vexprs = arena_alloc(L->t->a, sizeof(Expr *) * (size_t)(nvals + 1));
    for (int i = 0; i < nexplicit; i++) vexprs[i] = LIST_GET(m->args, first + 1 + i, Expr);
    for (int i = 0; i < ncapt; i++) vexprs[nexplicit + i] = e->res->captures[i];
    /* arguments are evaluated once, in order, before formatting */
    for (int i = 0; i < nvals; i++) {
        const char *v = lower_borrowed(L, vexprs[i]); /* format arguments are borrowed */
        if (L->failed) return NULL;
        if (lower_is_unit(lower_subst(L, vexprs[i]->type))) {
            vals[i] = "dbUnit_";
            continue;
        }
        Expr *x = vexprs[i];
        while (x->kind == EX_PAREN) x = x->lhs;
        if (x->kind == EX_CALL || x->kind == EX_METHOD || x->kind == EX_MACRO || x->kind == EX_BINARY ||
            x->kind == EX_AWAIT) {
            /* a value made for the format (format!("{}", f(x))) is dropped with its scope */
            vals[i] = lower_own_temp(L, vexprs[i]->type, v, vexprs[i]->span);
            continue;
        }
        const char *t = lower_temp(L);
        lower_line(L, "%s %s = %s;", lower_ctype(L, lower_subst(L, vexprs[i]->type), vexprs[i]->span), t, v);
        vals[i] = t;
    }

    const char *s = fs->str;
    size_t n = fs->str_len;
    Buf pieces = { 0 }, cur = { 0 }, args = { 0 }, counts = { 0 };
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
            if (!named_arg(e, first, s + st, i - st, &arg)) {
                lower_unsupported(L, fs->span, "this named format argument");
                break;
            }
        } else arg = -2; /* the next one, taken after a `.*` precision */
        Placeholder ph = { arg, "display", 0x20u | (3u << 29), 0, 0 };
        const char *width_arg = NULL, *prec_arg = NULL;
        if (i < n && s[i] == ':') {
            i++;
            /* [[fill]align][sign]['#']['0'][width]['.' precision][type] */
            unsigned fill = 0;
            if (i < n) {
                size_t j = i;
                unsigned f = utf8_at(s, n, &j);
                if (j < n && (s[j] == '<' || s[j] == '^' || s[j] == '>')) { fill = f; i = j; }
            }
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
            /* width: a number, or `N$` / `name$` naming a usize argument */
            size_t st = i;
            while (i < n && is_ident_char(s[i])) i++;
            if (i < n && s[i] == '$' && i > st) {
                int wa = -1;
                if (s[st] >= '0' && s[st] <= '9') wa = atoi(s + st);
                else if (!named_arg(e, first, s + st, i - st, &wa)) wa = -1;
                if (wa < 0 || wa >= nvals) { lower_unsupported(L, fs->span, "this `width$` argument"); break; }
                width_arg = vals[wa];
                ph.flags |= 1u << 27;
                i++;
            } else {
                i = st;
                if (i < n && s[i] >= '0' && s[i] <= '9') {
                    ph.width = parse_num(s, n, &i);
                    ph.flags |= 1u << 27;
                }
            }
            if (i < n && s[i] == '.') {
                i++;
                ph.flags |= 1u << 28;
                if (i < n && s[i] == '*') {
                    /* `.*` takes the precision, then the value, from the next arguments */
                    if (next >= nvals) { lower_unsupported(L, fs->span, "this `.*` precision"); break; }
                    prec_arg = vals[next++];
                    i++;
                } else {
                    st = i;
                    while (i < n && is_ident_char(s[i])) i++;
                    if (i < n && s[i] == '$' && i > st) {
                        int pa = -1;
                        if (s[st] >= '0' && s[st] <= '9') pa = atoi(s + st);
                        else if (!named_arg(e, first, s + st, i - st, &pa)) pa = -1;
                        if (pa < 0 || pa >= nvals) { lower_unsupported(L, fs->span, "this `.prec$` argument"); break; }
                        prec_arg = vals[pa];
                        i++;
                    } else {
                        i = st;
                        ph.precision = parse_num(s, n, &i);
                    }
                }
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
        if (arg == -2) arg = next++;
        if (arg < 0 || arg >= nvals) { lower_unsupported(L, fs->span, "this format argument"); break; }
        /* Display/Debug of &T format the T: pass the referent's address */
        Type *vt = lower_subst(L, vexprs[arg]->type);
        const char *place = vals[arg];
        while (vt->kind == TYPE_REF && vt->inner->kind != TYPE_STR && vt->inner->kind != TYPE_SLICE && vt->inner->kind != TYPE_DYN) {
            place = arena_printf(L->t->a, "(*%s)", place);
            vt = vt->inner;
        }
        if (lower_is_unit(vt)) {
            place = lower_temp(L);
            lower_line(L, "rt_u8 %s = 0;", place);
        }
        const char *addr = arena_printf(L->t->a, "&%s", place);
        const char *fn = lower_fmt_fn(L, vt, ph.trait, vexprs[arg]->span);
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
        /* counts from arguments are patched in after the array is built */
        if (width_arg) buf_printf(&counts, "@%d.spec.width = rt_fmt_count(%s, %s);", nargs, width_arg, lower_loc(L, fs->span));
        if (prec_arg) buf_printf(&counts, "@%d.spec.precision = rt_fmt_count(%s, %s);", nargs, prec_arg, lower_loc(L, fs->span));
        nargs++;
    }
    if (newline) buf_putc(&cur, '\n');
    if (cur.len) {
        buf_puts(&pieces, npieces ? ", " : "");
        put_piece(&pieces, cur.s, cur.len);
        npieces++;
    }
    const char *f = NULL;
    if (!L->failed) {
        const char *p = lower_temp(L), *a = lower_temp(L);
        f = lower_temp(L);
        if (npieces) lower_line(L, "const RtStr %s[] = {%s};", p, pieces.s);
        if (nargs) lower_line(L, "RtArg %s[] = {%s};", a, args.s);
        for (char *q = counts.s; q && *q;) {
            char *end = strchr(q, ';');
            int idx = atoi(q + 1);
            char *dot = strchr(q, '.');
            lower_line(L, "%s[%d]%.*s;", a, idx, (int)(end - dot), dot);
            q = end + 1;
        }
        lower_line(L, "RtArguments %s = {%s, %d, %s, %d};", f, npieces ? p : "RT_NULL", npieces,
                   nargs ? a : "RT_NULL", nargs);
    }
    buf_free(&pieces);
    buf_free(&cur);
    buf_free(&args);
    buf_free(&counts);
    return f;
}

/* A fmt::Result value from an rt_i32 (RT_FMT_OK / RT_FMT_ERR). */
static const char *fmt_result(Lower *L, Expr *e, const char *rc) {
    const char *t = lower_temp(L);
    lower_line(L, "%s %s;", lower_ctype(L, lower_subst(L, e->type), e->span), t);
    lower_line(L, "%s.tag = (rt_u32)%s;", t, rc);
    return t;
}

/* assert!, assert_eq!, assert_ne!, with or without a message. */
static const char *lower_assert(Lower *L, Expr *e) {
    MacroCall *m = e->mac;
    bool eq = !strcmp(m->name, "assert_eq");
    if (!strcmp(m->name, "assert")) {
        Expr *c = LIST_GET(m->args, 0, Expr);
        const char *v = lower_expr(L, c);
        lower_line(L, "if (!%s) {", v);
        L->depth++;
        if (m->args.n > 1) {
            const char *f = format_args(L, e, 1, false);
            if (f) lower_line(L, "rt_panic_fmt(%s, &%s);", lower_loc(L, e->span), f);
        } else {
            Buf b = { 0 };
            lower_c_string(&b, L->u->src.text + c->span.lo, c->span.hi - c->span.lo);
            lower_line(L, "rt_assert_failed(%s, RT_STR(%s));", lower_loc(L, e->span), b.s);
            buf_free(&b);
        }
        L->depth--;
        lower_line(L, "}");
        return "";
    }
    Expr *a = LIST_GET(m->args, 0, Expr), *b = LIST_GET(m->args, 1, Expr);
    const char *va = lower_borrowed(L, a), *vb = lower_borrowed(L, b);
    if (L->failed) return "";
    Type *at = lower_subst(L, a->type), *bt = lower_subst(L, b->type);
    const char *ta = lower_temp(L), *tb = lower_temp(L);
    lower_line(L, "%s %s = %s;", lower_ctype(L, at, a->span), ta, va);
    lower_line(L, "%s %s = %s;", lower_ctype(L, bt, b->span), tb, vb);
    const char *same = lower_intrinsic_eq(L, at, arena_printf(L->t->a, "&%s", ta), bt, arena_printf(L->t->a, "&%s", tb), e->span);
    const char *fa = lower_fmt_fn(L, at, "debug", a->span), *fb = lower_fmt_fn(L, bt, "debug", b->span);
    if (!same || !fa || !fb) {
        lower_unsupported(L, e->span, arena_printf(L->t->a, "`%s!` on `%s`", m->name, ty_str(L->t, a->type)));
        return "";
    }
    lower_line(L, "if (%s%s) {", eq ? "!" : "", same);
    L->depth++;
    const char *f = m->args.n > 2 ? format_args(L, e, 2, false) : NULL;
    lower_line(L, "rt_assert_cmp_failed(%s, %s, &%s, %s, &%s, %s, %s%s);", lower_loc(L, e->span),
               eq ? "RT_ASSERT_EQ" : "RT_ASSERT_NE", ta, fa, tb, fb, f ? "&" : "RT_NULL", f ? f : "");
    L->depth--;
    lower_line(L, "}");
    return "";
}

const char *lower_format_macro(Lower *L, Expr *e) {
    MacroCall *m = e->mac;
    const char *nm = m->name;
    if (!strcmp(nm, "assert") || !strcmp(nm, "assert_eq") || !strcmp(nm, "assert_ne") || !strcmp(nm, "debug_assert") ||
        !strcmp(nm, "debug_assert_eq") || !strcmp(nm, "debug_assert_ne"))
        return lower_assert(L, e);
    bool println = !strcmp(nm, "println"), eprintln = !strcmp(nm, "eprintln");
    bool print = !strcmp(nm, "print"), eprint = !strcmp(nm, "eprint"), panic = !strcmp(nm, "panic");
    bool format = !strcmp(nm, "format"), write = !strcmp(nm, "write"), writeln = !strcmp(nm, "writeln");
    const char *prefixed = !strcmp(nm, "todo") ? "rt_panic_todo" : !strcmp(nm, "unreachable") ? "rt_panic_unreachable"
                         : !strcmp(nm, "unimplemented") ? "rt_panic_unimplemented" : NULL;
    if (!(println || eprintln || print || eprint || panic || format || write || writeln || prefixed)) {
        lower_unsupported(L, e->span, arena_printf(L->t->a, "`%s!`", nm));
        return "0";
    }
    if (panic && m->args.n == 0) {
        lower_line(L, "rt_panic_explicit(%s);", lower_loc(L, e->span));
        return "";
    }
    if (write || writeln) {
        /* write!(dst, ...): dst is a String or a Formatter, by &mut */
        Expr *dst = LIST_GET(m->args, 0, Expr);
        const char *d = lower_borrowed(L, dst);
        /* the destination's type after its adjustments (write_fmt's &mut self) */
        Type *dt = lower_subst(L, dst->type);
        if (dst->adjust && dst->adjust->nderef) dt = lower_subst(L, dst->adjust->deref_tys[dst->adjust->nderef - 1]);
        if (dst->adjust && dst->adjust->autoref) dt = ty_ref(L->t, dt, true);
        while (dt->kind == TYPE_REF) {
            if (dt->inner->kind != TYPE_REF) break;
            d = arena_printf(L->t->a, "(*%s)", d);
            dt = dt->inner;
        }
        Type *target = dt->kind == TYPE_REF ? dt->inner : dt;
        const char *ptr = dt->kind == TYPE_REF ? d : arena_printf(L->t->a, "(&%s)", d);
        const char *f = format_args(L, e, 1, writeln);
        if (!f) return "";
        const char *rc = lower_temp(L);
        if (target->kind == TYPE_ADT && target->def == L->t->wk.string)
            lower_line(L, "rt_i32 %s = rt_string_write_fmt(%s, &%s);", rc, ptr, f);
        else if (target->kind == TYPE_ADT && target->def == L->t->wk.formatter)
            lower_line(L, "rt_i32 %s = rt_formatter_write_fmt(%s, &%s);", rc, ptr, f);
        else {
            lower_unsupported(L, dst->span, arena_printf(L->t->a, "`write!` into a `%s`", ty_str(L->t, target)));
            return "";
        }
        return fmt_result(L, e, rc);
    }
    const char *f = format_args(L, e, 0, println || eprintln);
    if (!f) return "";
    if (format) {
        const char *t = lower_temp(L);
        lower_line(L, "RtString %s = rt_format(&%s);", t, f);
        return t;
    }
    if (prefixed) lower_line(L, "%s(%s, &%s);", prefixed, lower_loc(L, e->span), f);
    else if (panic) lower_line(L, "rt_panic_fmt(%s, &%s);", lower_loc(L, e->span), f);
    else lower_line(L, "rt_print(%s, &%s);", println || print ? "RT_STDOUT" : "RT_STDERR", f);
    return "";
}
