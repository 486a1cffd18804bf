/* lower.c — the lowering from the typed AST to one C99 translation unit:
 * fns, statements and expressions. The text starts with rt.h so libtcc needs
 * no include path; the program's entry is `void dynbox_main(void)`.
 * This first version lowers the synchronous, non-generic, drop-free subset
 * (scalars, &str, references, structs, tuples, enums, fns and inherent
 * methods, let, if, loops, scalar/enum match, print/panic/assert macros);
 * anything else is reported as a "not supported yet" error rather than
 * miscompiled. */
#include "lower.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

static const char rt_h_text[] =
#include "rt_h.inc"
    ;

/* Negation is the one checked operator rt.h lacks (Rust's message differs
 * from subtraction's). */
static const char neg_text[] =
    "#define DB_NEG_S(T, MIN) static inline rt_##T db_neg_##T(rt_##T a, RtLoc l) { if (a == MIN) rt_panic_cstr(l, \"attempt to negate with overflow\"); return (rt_##T)(-a); }\n"
    "DB_NEG_S(i8, (-127 - 1))\n"
    "DB_NEG_S(i16, (-32767 - 1))\n"
    "DB_NEG_S(i32, (-2147483647 - 1))\n"
    "DB_NEG_S(i64, (-9223372036854775807LL - 1))\n"
    "DB_NEG_S(isize, (-9223372036854775807L - 1))\n";

void lower_unsupported(Lower *L, Span sp, const char *what) {
    if (L->failed) return; /* one report per program: the rest would cascade */
    L->failed = true;
    diag_error_at(L->u, sp, NULL, "not supported by the lowering yet",
                  "%s cannot be compiled to C yet", what);
}

bool lower_is_unit(Type *ty) {
    return ty->kind == TYPE_TUPLE && ty->nargs == 0;
}

static const char *int_names[INT_KIND_COUNT] = {
    "rt_i8", "rt_i16", "rt_i32", "rt_i64", NULL, "rt_isize",
    "rt_u8", "rt_u16", "rt_u32", "rt_u64", NULL, "rt_usize",
};

static const char *mangle_def(Lower *L, const char *kind, Def *d);

/* Defines the C struct of a user struct (fields f0, f1, ... in order) after
 * the structs its fields contain; Def.lower holds its C name once done. */
static const char *struct_type(Lower *L, Def *d, Span sp) {
    if (d->lower) return d->lower;
    const char *name = arena_printf(L->t->a, "struct %s", mangle_def(L, "S", d));
    d->lower = (void *)name;
    Buf b = { 0 };
    buf_printf(&b, "%s {\n", name);
    for (int i = 0; i < d->nfields; i++)
        buf_printf(&b, "    %s f%d;\n", lower_ctype(L, d->fields[i].ty, sp), i);
    if (!d->nfields) buf_puts(&b, "    rt_u8 zst_;\n"); /* C has no empty structs */
    buf_puts(&b, "};\n");
    buf_put(&L->types, b.s, b.len);
    buf_free(&b);
    return name;
}

/* An enum: a tag (the variant index) and a union of one struct per
 * variant, fields f0, f1, ... */
static const char *enum_type(Lower *L, Def *d, Span sp) {
    if (d->lower) return d->lower;
    const char *name = arena_printf(L->t->a, "struct %s", mangle_def(L, "E", d));
    d->lower = (void *)name;
    Buf b = { 0 };
    buf_printf(&b, "%s {\n    rt_u32 tag;\n    union {\n", name);
    for (int v = 0; v < d->nvariants; v++) {
        Def *var = d->variants[v];
        buf_puts(&b, "        struct {");
        for (int i = 0; i < var->nfields; i++) buf_printf(&b, " %s f%d;", lower_ctype(L, var->fields[i].ty, sp), i);
        if (!var->nfields) buf_puts(&b, " rt_u8 zst_;");
        buf_printf(&b, " } v%d;\n", v);
    }
    buf_puts(&b, "    } u;\n};\n");
    buf_put(&L->types, b.s, b.len);
    buf_free(&b);
    return name;
}

static const char *tuple_type(Lower *L, Type *ty, Span sp) {
    for (int i = 0; i < L->ntuples; i++)
        if (L->tuples[i] == ty) return arena_printf(L->t->a, "struct dbTup%d", i);
    int idx = L->ntuples++;
    Type **nt = arena_alloc(L->t->a, sizeof(Type *) * (size_t)L->ntuples);
    copy_n(nt, L->tuples, sizeof(Type *) * (size_t)idx);
    nt[idx] = ty;
    L->tuples = nt;
    Buf b = { 0 };
    buf_printf(&b, "struct dbTup%d {\n", idx);
    for (int i = 0; i < ty->nargs; i++) buf_printf(&b, "    %s f%d;\n", lower_ctype(L, ty->args[i], sp), i);
    buf_puts(&b, "};\n");
    buf_put(&L->types, b.s, b.len);
    buf_free(&b);
    return arena_printf(L->t->a, "struct dbTup%d", idx);
}

const char *lower_ctype(Lower *L, Type *ty, Span sp) {
    const char *runtime_type = lower_intrinsic_ctype(L, ty, sp);
    if (runtime_type) return runtime_type;
    switch (ty->kind) {
    case TYPE_CLOSURE: return lower_closure_ctype(L, ty, sp);
    case TYPE_ADT:
        if (ty->def->kind == DEF_STRUCT && !ty->def->prelude && !ty->nargs && !ty->def->has_drop)
            return struct_type(L, ty->def, sp);
        if (ty->def->kind == DEF_ENUM && !ty->def->prelude && !ty->nargs && !ty->def->has_drop)
            return enum_type(L, ty->def, sp);
        break;
    case TYPE_TUPLE:
        if (ty->nargs) return tuple_type(L, ty, sp);
        break;
    case TYPE_BOOL: return "rt_bool";
    case TYPE_CHAR: return "rt_char";
    case TYPE_INT:
        if (int_names[ty->sub]) return int_names[ty->sub];
        lower_unsupported(L, sp, "a 128-bit integer");
        return "rt_i64";
    case TYPE_FLOAT: return ty->sub == FLOAT_F32 ? "rt_f32" : "rt_f64";
    case TYPE_REF:
        if (ty->inner->kind == TYPE_STR) return "RtStr";
        if (ty->inner->kind == TYPE_SLICE || ty->inner->kind == TYPE_DYN) break;
        return arena_printf(L->t->a, "%s *", lower_ctype(L, ty->inner, sp));
    case TYPE_NEVER: return "rt_u8";
    default: break;
    }
    lower_unsupported(L, sp, arena_printf(L->t->a, "a value of type `%s`", ty_str(L->t, ty)));
    return "rt_u8";
}

const char *lower_temp(Lower *L) {
    return arena_printf(L->t->a, "t%d", L->ntemp++);
}

void lower_line(Lower *L, const char *fmt, ...) {
    for (int i = 0; i < L->depth + 1; i++) buf_puts(L->cur, "    ");
    va_list ap;
    va_start(ap, fmt);
    buf_vprintf(L->cur, fmt, ap);
    va_end(ap);
    buf_putc(L->cur, '\n');
}

const char *lower_loc(Lower *L, Span sp) {
    uint32_t line, col;
    src_line_col(&L->u->src, sp.lo, &line, &col);
    return arena_printf(L->t->a, "RT_LOC(%u, %u)", line, col);
}

/* A C string literal of n bytes: every byte outside printable ASCII (and
 * the quote, backslash and '?', which could form a trigraph) as an octal
 * escape, so user text never reaches the C compiler raw. */
void lower_c_string(Buf *b, const char *s, size_t n) {
    buf_putc(b, '"');
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '?') buf_putc(b, (char)c);
        else buf_printf(b, "\\%03o", c);
    }
    buf_putc(b, '"');
}

/* User names are mangled: a kind letter, the byte length, and the name's
 * bytes in hex when they are not plain ASCII identifier characters. */
static const char *mangle_def(Lower *L, const char *kind, Def *d) {
    Buf b = { 0 };
    size_t n = strlen(d->name);
    buf_printf(&b, "db%s%zu_", kind, n);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)d->name[i];
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) buf_putc(&b, (char)c);
        else buf_printf(&b, "_%02x", c);
    }
    const char *r = arena_strndup(L->t->a, b.s, b.len);
    buf_free(&b);
    return r;
}

/* Fns get a number too: `Point::new` and `Rect::new` share a name. */
static const char *mangle_fn(Lower *L, Def *d) {
    if (!d->lower) d->lower = (void *)mangle_def(L, arena_printf(L->t->a, "F%d_", L->nfns++), d);
    return d->lower;
}

const char *lower_fn_name(Lower *L, Def *d) {
    return mangle_fn(L, d);
}

/* Non-generic fns only so far: every type is already concrete. */
Type *lower_subst(Lower *L, Type *ty) {
    (void)L;
    return ty;
}

static const char *local_name(Lower *L, Local *l) {
    return arena_printf(L->t->a, "l%d", l->id);
}

const char *lower_local(Lower *L, Local *l) {
    return local_name(L, l);
}

/* ---------------------------------------------------------- expressions */

static const char *lower_block(Lower *L, Block *b, Type *ty);
static bool is_place(Expr *e);

static Expr *strip_paren(Expr *e) {
    while (e->kind == EX_PAREN) e = e->lhs;
    return e;
}

static const char *int_suffix(Type *ty) {
    return int_names[ty->sub] + 3; /* without "rt_" */
}

static const char *binop_name(TokenKind op) {
    switch (op) {
    case P_PLUS: case P_PLUS_EQ: return "add";
    case P_MINUS: case P_MINUS_EQ: return "sub";
    case P_STAR: case P_STAR_EQ: return "mul";
    case P_SLASH: case P_SLASH_EQ: return "div";
    case P_PERCENT: case P_PERCENT_EQ: return "rem";
    case P_SHL: case P_SHL_EQ: return "shl";
    case P_SHR: case P_SHR_EQ: return "shr";
    default: return NULL;
    }
}

static const char *c_binop(TokenKind op) {
    switch (op) {
    case P_PLUS: case P_PLUS_EQ: return "+";
    case P_MINUS: case P_MINUS_EQ: return "-";
    case P_STAR: case P_STAR_EQ: return "*";
    case P_SLASH: case P_SLASH_EQ: return "/";
    case P_PERCENT: case P_PERCENT_EQ: return "%";
    case P_AMP: case P_AMP_EQ: return "&";
    case P_PIPE: case P_PIPE_EQ: return "|";
    case P_CARET: case P_CARET_EQ: return "^";
    case P_EQEQ: return "==";
    case P_NE: return "!=";
    case P_LT: return "<";
    case P_LE: return "<=";
    case P_GT: return ">";
    case P_GE: return ">=";
    default: return NULL;
    }
}

/* The value of `lhs op rhs` for scalar operands. */
static const char *arith(Lower *L, TokenKind op, Type *ty, const char *a, const char *b, Span sp) {
    const char *name = binop_name(op);
    if (ty->kind == TYPE_INT && name && (op == P_SHL || op == P_SHL_EQ || op == P_SHR || op == P_SHR_EQ))
        return arena_printf(L->t->a, "rt_%s_%s(%s, (rt_u64)%s, %s)", name, int_suffix(ty), a, b, lower_loc(L, sp));
    if (ty->kind == TYPE_INT && name)
        return arena_printf(L->t->a, "rt_%s_%s(%s, %s, %s)", name, int_suffix(ty), a, b, lower_loc(L, sp));
    const char *c = c_binop(op);
    if (!c || (op == P_PERCENT && ty->kind == TYPE_FLOAT)) {
        lower_unsupported(L, sp, "this operator");
        return "0";
    }
    if (op == P_EQEQ || op == P_NE || op == P_LT || op == P_LE || op == P_GT || op == P_GE)
        return arena_printf(L->t->a, "(rt_bool)(%s %s %s)", a, c, b);
    return arena_printf(L->t->a, "(%s)(%s %s %s)", lower_ctype(L, ty, sp), a, c, b);
}

/* A const's value inline: `i32::MAX`-style limits of the integer types,
 * and user consts of scalar type (their initializer is re-lowered at each
 * use, which is what Rust's const semantics amount to for scalars). */
static const char *lower_const(Lower *L, Expr *e) {
    Res *r = e->res;
    Type *ty = e->type;
    if (r->self_ty && r->self_ty->kind == TYPE_INT && ty->kind == TYPE_INT && r->def->prelude &&
        (!strcmp(r->def->name, "MIN") || !strcmp(r->def->name, "MAX"))) {
        bool max = !strcmp(r->def->name, "MAX");
        static const char *lim[INT_KIND_COUNT][2] = {
            { "(-127 - 1)", "127" }, { "(-32767 - 1)", "32767" }, { "(-2147483647 - 1)", "2147483647" },
            { "(-9223372036854775807LL - 1)", "9223372036854775807LL" }, { NULL, NULL },
            { "(-9223372036854775807L - 1)", "9223372036854775807L" },
            { "0", "255" }, { "0", "65535" }, { "0", "4294967295u" }, { "0", "18446744073709551615ull" },
            { NULL, NULL }, { "0", "18446744073709551615ul" },
        };
        if (lim[ty->sub][max])
            return arena_printf(L->t->a, "((%s)%s)", lower_ctype(L, ty, e->span), lim[ty->sub][max]);
    }
    if (!r->def->prelude && r->def->item && r->def->item->value && r->def->kind == DEF_CONST)
        return lower_expr(L, r->def->item->value);
    lower_unsupported(L, e->span, "this constant");
    return "0";
}


/* An lvalue for assignment: only locals so far. */
static const char *apply_derefs(Lower *L, Expr *e, const char *v);

/* An lvalue for e (before e's own adjustments): locals, fields of places,
 * dereferences of references. */
static const char *lower_place(Lower *L, Expr *e) {
    e = strip_paren(e);
    if (e->kind == EX_PATH && e->res && e->res->kind == RES_LOCAL) return local_name(L, e->res->local);
    if (e->kind == EX_FIELD && e->res && e->res->kind == RES_FIELD) {
        const char *base = is_place(e->lhs) ? apply_derefs(L, e->lhs, lower_place(L, e->lhs)) : lower_expr(L, e->lhs);
        return arena_printf(L->t->a, "%s.f%d", base, e->res->field);
    }
    if (e->kind == EX_UNARY && e->op == P_STAR && e->lhs->type->kind == TYPE_REF)
        return arena_printf(L->t->a, "(*%s)", lower_expr(L, e->lhs));
    if (e->kind == EX_INDEX) return lower_intrinsic_index(L, e);
    if (e->kind == EX_UNARY && e->op == P_STAR) {
        const char *v = lower_intrinsic_deref(L, e);
        if (v) return v;
    }
    lower_unsupported(L, e->span, "assignment to this place");
    return "t_invalid";
}

/* A value built field by field: struct literals, tuple-struct constructors
 * and tuples. `vals[i]` is field i's C value (NULL: unit, no field). */
static const char *build_aggregate(Lower *L, Type *ty, const char **vals, int n, Span sp) {
    const char *t = lower_temp(L);
    lower_line(L, "%s %s;", lower_ctype(L, ty, sp), t);
    if (!n) lower_line(L, "%s.zst_ = 0;", t);
    for (int i = 0; i < n; i++)
        if (vals[i] && *vals[i]) lower_line(L, "%s.f%d = %s;", t, i, vals[i]);
    return t;
}

/* An enum value of variant `var` with field values vals. */
static const char *build_variant(Lower *L, Type *ty, Def *var, const char **vals, int n, Span sp) {
    const char *t = lower_temp(L);
    lower_line(L, "%s %s;", lower_ctype(L, ty, sp), t);
    lower_line(L, "%s.tag = %d;", t, var->index);
    if (!n) lower_line(L, "%s.u.v%d.zst_ = 0;", t, var->index);
    for (int i = 0; i < n; i++)
        if (vals[i] && *vals[i]) lower_line(L, "%s.u.v%d.f%d = %s;", t, var->index, i, vals[i]);
    return t;
}

static const char *lower_fn_call(Lower *L, Expr *e, Res *r, Expr *recv);

static const char *lower_call(Lower *L, Expr *e) {
    Res *r = e->lhs->res;
    if (r && r->kind == RES_CTOR && r->def->kind == DEF_VARIANT && e->type->kind == TYPE_ADT) {
        const char **vals = arena_alloc(L->t->a, sizeof(char *) * (size_t)(e->args.n + 1));
        for (int i = 0; i < e->args.n; i++) vals[i] = lower_expr(L, LIST_GET(e->args, i, Expr));
        return build_variant(L, e->type, r->def, vals, e->args.n, e->span);
    }
    if (r && r->kind == RES_CTOR && r->def->kind == DEF_STRUCT) {
        const char **vals = arena_alloc(L->t->a, sizeof(char *) * (size_t)(e->args.n + 1));
        for (int i = 0; i < e->args.n; i++) vals[i] = lower_expr(L, LIST_GET(e->args, i, Expr));
        return build_aggregate(L, e->type, vals, e->args.n, e->span);
    }
    return lower_fn_call(L, e, r, NULL);
}

/* Whether calls to d can be lowered: user fns that are not generic, at the
 * crate level or in an impl that is neither generic nor of a trait's
 * default body. */
static bool callable(Res *r) {
    if (!r || r->kind != RES_FN || r->def->prelude || r->nargs || r->def->fn.is_async) return false;
    if (r->dispatch != DISPATCH_STATIC) return false;
    Def *p = r->def->parent;
    return !p || (p->kind == DEF_IMPL && p->gen.n == 0);
}

/* A call of a user fn; `recv` is the method receiver (NULL for a path call). */
static const char *lower_fn_call(Lower *L, Expr *e, Res *r, Expr *recv) {
    if (!callable(r) || !r->def->item || !r->def->item->body) {
        lower_unsupported(L, e->span, "this call");
        return "0";
    }
    Buf b = { 0 };
    buf_printf(&b, "%s(", mangle_fn(L, r->def));
    bool first = true;
    if (recv) {
        const char *v = lower_expr(L, recv);
        buf_puts(&b, v);
        first = false;
    }
    for (int i = 0; i < e->args.n; i++) {
        Expr *a = LIST_GET(e->args, i, Expr);
        const char *v = lower_expr(L, a);
        if (lower_is_unit(a->type)) continue;
        buf_printf(&b, "%s%s", first ? "" : ", ", v);
        first = false;
    }
    buf_puts(&b, ")");
    const char *call = arena_strndup(L->t->a, b.s, b.len);
    buf_free(&b);
    if (lower_is_unit(e->type) || e->type->kind == TYPE_NEVER) {
        lower_line(L, "%s;", call);
        if (e->type->kind == TYPE_NEVER) lower_line(L, "for (;;) {}");
        return "";
    }
    const char *t = lower_temp(L);
    lower_line(L, "%s %s = %s;", lower_ctype(L, e->type, e->span), t, call);
    return t;
}

static const char *lower_if(Lower *L, Expr *e) {
    bool unit = lower_is_unit(e->type) || e->type->kind == TYPE_NEVER;
    const char *t = unit ? "" : lower_temp(L);
    if (!unit) lower_line(L, "%s %s;", lower_ctype(L, e->type, e->span), t);
    if (e->cond->kind == EX_LET) {
        lower_unsupported(L, e->cond->span, "`if let`");
        return t;
    }
    const char *c = lower_expr(L, e->cond);
    lower_line(L, "if (%s) {", c);
    L->depth++;
    const char *v = lower_block(L, e->then, e->type);
    if (!unit && *v) lower_line(L, "%s = %s;", t, v);
    L->depth--;
    if (e->else_) {
        lower_line(L, "} else {");
        L->depth++;
        const char *w = lower_expr(L, e->else_);
        if (!unit && *w) lower_line(L, "%s = %s;", t, w);
        L->depth--;
    }
    lower_line(L, "}");
    return t;
}

static const char *lower_binary(Lower *L, Expr *e) {
    if (e->op == P_ANDAND || e->op == P_OROR) {
        const char *t = lower_temp(L);
        const char *a = lower_expr(L, e->lhs);
        lower_line(L, "rt_bool %s = %s;", t, a);
        lower_line(L, e->op == P_ANDAND ? "if (%s) {" : "if (!%s) {", t);
        L->depth++;
        const char *b = lower_expr(L, e->rhs);
        lower_line(L, "%s = %s;", t, b);
        L->depth--;
        lower_line(L, "}");
        return t;
    }
    const char *a = lower_expr(L, e->lhs);
    const char *b = lower_expr(L, e->rhs);
    Type *ot = e->lhs->type;
    if (ot->kind != TYPE_INT && ot->kind != TYPE_FLOAT && ot->kind != TYPE_BOOL && ot->kind != TYPE_CHAR) {
        lower_unsupported(L, e->span, arena_printf(L->t->a, "an operator on `%s`", ty_str(L->t, ot)));
        return "0";
    }
    const char *t = lower_temp(L);
    const char *v = arith(L, e->op, ot, a, b, e->span);
    lower_line(L, "%s %s = %s;", lower_ctype(L, e->type, e->span), t, v);
    return t;
}

/* Whether e denotes a memory location (so `&e` needs no temporary). */
static bool is_place(Expr *e) {
    e = strip_paren(e);
    if (e->adjust && e->adjust->nderef) return true;
    if (e->kind == EX_PATH) return e->res && e->res->kind == RES_LOCAL;
    if (e->kind == EX_FIELD) return is_place(e->lhs);
    if (e->kind == EX_UNARY) return e->op == P_STAR;
    if (e->kind == EX_INDEX) return true;
    return false;
}

/* Applies e's builtin dereferences to the C value v. */
static const char *apply_derefs(Lower *L, Expr *e, const char *v) {
    Adjust *a = e->adjust;
    for (int i = 0; a && i < a->nderef; i++) {
        if (a->overloaded[i]) {
            lower_unsupported(L, e->span, "an overloaded dereference (`Deref`)");
            return "0";
        }
        v = arena_printf(L->t->a, "(*%s)", v);
    }
    return v;
}

static const char *lower_expr_raw(Lower *L, Expr *e);

/* The value of e after its adjustments: auto-deref through references,
 * auto-ref (a place's address, or a temporary's for an rvalue), and the
 * coercions that change no representation (reborrow, never). */
/* loop / while / for over an integer range. Every break and continue is a
 * goto to the loop's own labels, so labeled ones need nothing more. */
static const char *lower_loop(Lower *L, Expr *e) {
    if (L->nloops == 64) {
        lower_unsupported(L, e->span, "loops nested this deeply");
        return "";
    }
    if (e->kind == EX_WHILE && e->cond->kind == EX_LET) {
        lower_unsupported(L, e->span, "`while let`");
        return "";
    }
    bool valued = e->kind == EX_LOOP && !lower_is_unit(e->type) && e->type->kind != TYPE_NEVER;
    const char *t = valued ? lower_temp(L) : NULL;
    if (valued) lower_line(L, "%s %s;", lower_ctype(L, e->type, e->span), t);
    struct LowerLoop *lp = &L->loops[L->nloops++];
    lp->label = e->label;
    lp->id = L->nlabels++;
    lp->value = t;
    lp->brk_used = lp->cont_used = false;
    lower_line(L, "{");
    L->depth++;
    const char *it = NULL, *end = NULL, *done = NULL;
    Local *var = NULL;
    if (e->kind == EX_FOR) {
        Expr *r = strip_paren(e->lhs);
        Type *et = r->kind == EX_RANGE && r->lhs && r->rhs ? r->lhs->type : NULL;
        if (!et || et->kind != TYPE_INT || (e->pat->kind != PAT_IDENT && e->pat->kind != PAT_WILD) ||
            (e->pat->kind == PAT_IDENT && (e->pat->sub || !e->pat->res || !e->pat->res->local))) {
            lower_unsupported(L, e->lhs->span, "a `for` loop over anything but an integer range");
            L->nloops--;
            return "";
        }
        const char *ct = lower_ctype(L, et, e->span);
        const char *lo = lower_expr(L, r->lhs), *hi = lower_expr(L, r->rhs);
        it = lower_temp(L), end = lower_temp(L), done = lower_temp(L);
        lower_line(L, "%s %s = %s, %s = %s;", ct, it, lo, end, hi);
        /* an inclusive range can end at the type's maximum: a flag, not it + 1 */
        lower_line(L, "rt_bool %s = %s %s %s;", done, it, r->inclusive ? ">" : ">=", end);
        if (e->pat->kind == PAT_IDENT) var = e->pat->res->local;
    }
    lower_line(L, "for (;;) {");
    L->depth++;
    if (e->kind == EX_WHILE) {
        const char *c = lower_expr(L, e->cond);
        lower_line(L, "if (!%s) break;", c);
    }
    if (e->kind == EX_FOR) {
        lower_line(L, "if (%s) break;", done);
        if (var) lower_line(L, "%s %s = %s;", lower_ctype(L, var->ty, e->span), local_name(L, var), it);
        Expr *r = strip_paren(e->lhs);
        if (r->inclusive) lower_line(L, "if (%s == %s) %s = 1; else %s++;", it, end, done, it);
        else lower_line(L, "%s++; if (%s >= %s) %s = 1;", it, it, end, done);
    }
    lower_block(L, e->body, L->t->t_unit);
    if (lp->cont_used) lower_line(L, "dbCont%d:;", lp->id);
    L->depth--;
    lower_line(L, "}");
    if (lp->brk_used) lower_line(L, "dbBrk%d:;", lp->id);
    L->depth--;
    lower_line(L, "}");
    L->nloops--;
    return valued ? t : "";
}

const char *lower_expr(Lower *L, Expr *e) {
    if (L->failed) return "0";
    Adjust *a = e->adjust;
    if (!a) return lower_expr_raw(L, e);
    /* auto-deref through String/Vec/Box (and &str/&[T] values) */
    if (lower_intrinsic_adjusts(L, e)) return lower_intrinsic_adjusted(L, e);
    if (a->coerce == COERCE_UNSIZE || a->coerce == COERCE_FNPTR || a->unsize_array) {
        lower_unsupported(L, e->span, "an unsizing or fn-pointer coercion");
        return "0";
    }
    bool place = is_place(e);
    const char *v = place && e->kind != EX_UNARY ? lower_place(L, e) : lower_expr_raw(L, e);
    v = apply_derefs(L, e, v);
    if (a->autoref) {
        if (!place && !a->nderef) {
            const char *t = lower_temp(L);
            lower_line(L, "%s %s = %s;", lower_ctype(L, a->nderef ? a->deref_tys[a->nderef - 1] : e->type, e->span), t, v);
            v = t;
        }
        v = arena_printf(L->t->a, "(&%s)", v);
    }
    return v;
}

static const char *lower_expr_raw(Lower *L, Expr *e) {
    switch (e->kind) {
    case EX_INT:
        if (e->type->kind == TYPE_FLOAT) return arena_printf(L->t->a, "%llu.0", (unsigned long long)e->ival);
        return arena_printf(L->t->a, "((%s)%lluull)", lower_ctype(L, e->type, e->span), (unsigned long long)e->ival);
    case EX_FLOAT: {
        /* always a C floating constant: "0" would make `x / 0.0` integer division */
        const char *v = arena_printf(L->t->a, "%.17g", e->fval);
        if (!strpbrk(v, ".eE")) v = arena_printf(L->t->a, "%s.0", v);
        return arena_printf(L->t->a, "((%s)%s)", lower_ctype(L, e->type, e->span), v);
    }
    case EX_BYTE: return arena_printf(L->t->a, "((rt_u8)%lluu)", (unsigned long long)e->ival);
    case EX_BOOL: return e->ival ? "1" : "0";
    case EX_CHAR: return arena_printf(L->t->a, "((rt_char)%lluu)", (unsigned long long)e->ival);
    case EX_STR: {
        Buf b = { 0 };
        buf_puts(&b, "RT_STR(");
        lower_c_string(&b, e->str, e->str_len);
        buf_puts(&b, ")");
        const char *r = arena_strndup(L->t->a, b.s, b.len);
        buf_free(&b);
        return r;
    }
    case EX_PAREN: return lower_expr(L, e->lhs);
    case EX_PATH:
        if (e->res && e->res->kind == RES_LOCAL) return local_name(L, e->res->local);
        if (e->res && e->res->kind == RES_CONST) {
            const char *v = lower_intrinsic_const(L, e);
            return v ? v : lower_const(L, e);
        }
        if (e->res && e->res->kind == RES_CTOR && e->res->def->kind == DEF_VARIANT && e->type->kind == TYPE_ADT)
            return build_variant(L, e->type, e->res->def, NULL, 0, e->span);
        if (e->res && e->res->kind == RES_CTOR && e->res->def->kind == DEF_STRUCT && e->type->kind == TYPE_ADT)
            return build_aggregate(L, e->type, NULL, 0, e->span);
        lower_unsupported(L, e->span, "this path");
        return "0";
    case EX_REF: {
        if (e->lhs->type->kind == TYPE_STR || e->lhs->type->kind == TYPE_SLICE) return lower_expr(L, e->lhs);
        if (is_place(e->lhs)) {
            const char *pl = apply_derefs(L, e->lhs, lower_place(L, e->lhs));
            return arena_printf(L->t->a, "(&%s)", pl);
        }
        const char *v = lower_expr(L, e->lhs);
        const char *t = lower_temp(L);
        lower_line(L, "%s %s = %s;", lower_ctype(L, e->lhs->type, e->span), t, v);
        return arena_printf(L->t->a, "(&%s)", t);
    }
    case EX_UNARY: {
        if (e->op == P_STAR && e->lhs->type->kind != TYPE_REF) {
            const char *v = lower_intrinsic_deref(L, e);
            if (v) return v;
        }
        if (e->op == P_STAR && e->lhs->type->kind == TYPE_REF)
            return arena_printf(L->t->a, "(*%s)", lower_expr(L, e->lhs));
        /* `-128i8` is one literal in Rust, not the negation of 128 */
        if (e->op == P_MINUS && e->type->kind == TYPE_INT && strip_paren(e->lhs)->kind == EX_INT)
            return arena_printf(L->t->a, "((%s)(0ull - %lluull))", lower_ctype(L, e->type, e->span),
                                (unsigned long long)strip_paren(e->lhs)->ival);
        const char *a = lower_expr(L, e->lhs);
        if (e->op == P_BANG) {
            if (e->type->kind == TYPE_BOOL) return arena_printf(L->t->a, "(!%s)", a);
            return arena_printf(L->t->a, "((%s)~%s)", lower_ctype(L, e->type, e->span), a);
        }
        if (e->op == P_MINUS && e->type->kind == TYPE_INT)
            return arena_printf(L->t->a, "db_neg_%s(%s, %s)", int_suffix(e->type), a, lower_loc(L, e->span));
        if (e->op == P_MINUS && e->type->kind == TYPE_FLOAT) return arena_printf(L->t->a, "(-%s)", a);
        lower_unsupported(L, e->span, "this unary operator");
        return "0";
    }
    case EX_BINARY: {
        const char *v = lower_intrinsic_binary(L, e);
        return v ? v : lower_binary(L, e);
    }
    case EX_ASSIGN: {
        const char *v = lower_expr(L, e->rhs);
        if (!lower_is_unit(e->rhs->type)) lower_line(L, "%s = %s;", lower_place(L, e->lhs), v);
        return "";
    }
    case EX_ASSIGN_OP: {
        if (lower_intrinsic_binary(L, e)) return "";
        const char *v = lower_expr(L, e->rhs);
        const char *p = lower_place(L, e->lhs);
        lower_line(L, "%s = %s;", p, arith(L, e->op, e->lhs->type, p, v, e->span));
        return "";
    }
    case EX_CAST: {
        const char *a = lower_expr(L, e->lhs);
        Type *from = e->lhs->type;
        if (from->kind == TYPE_FLOAT && e->type->kind == TYPE_INT)
            return arena_printf(L->t->a, "rt_%s_to_%s(%s)", from->sub == FLOAT_F32 ? "f32" : "f64",
                                int_suffix(e->type), a);
        return arena_printf(L->t->a, "((%s)%s)", lower_ctype(L, e->type, e->span), a);
    }
    case EX_CALL: {
        const char *closure_call = lower_closure_call(L, e);
        if (closure_call) return closure_call;
        if (lower_is_intrinsic(L, e->lhs->res)) return lower_intrinsic_call(L, e, e->lhs->res, NULL);
        return lower_call(L, e);
    }
    case EX_METHOD:
        if (lower_is_intrinsic(L, e->res)) return lower_intrinsic_call(L, e, e->res, e->lhs);
        return lower_fn_call(L, e, e->res, e->lhs);
    case EX_CLOSURE: return lower_closure(L, e);
    case EX_TRY: return lower_try(L, e);
    case EX_INDEX: return lower_intrinsic_index(L, e);
    case EX_BLOCK: {
        if (e->label) {
            lower_unsupported(L, e->span, "a labeled block");
            return "";
        }
        bool unit = lower_is_unit(e->type) || e->type->kind == TYPE_NEVER;
        const char *t = unit ? "" : lower_temp(L);
        if (!unit) lower_line(L, "%s %s;", lower_ctype(L, e->type, e->span), t);
        lower_line(L, "{");
        L->depth++;
        const char *v = lower_block(L, e->body ? e->body : e->then, e->type);
        if (!unit && *v) lower_line(L, "%s = %s;", t, v);
        L->depth--;
        lower_line(L, "}");
        return t;
    }
    case EX_IF: return lower_if(L, e);
    case EX_WHILE:
    case EX_LOOP:
    case EX_FOR: {
        /* integer ranges here; other iterators in lower_intrinsics.c */
        const char *v = lower_for_iter(L, e);
        return v ? v : lower_loop(L, e);
    }
    case EX_BREAK:
    case EX_CONTINUE: {
        int k = L->nloops - 1;
        if (e->label)
            while (k >= 0 && L->loops[k].label != e->label) k--;
        if (k < 0) {
            lower_unsupported(L, e->span, "a break out of a labeled block");
            return "";
        }
        struct LowerLoop *lp = &L->loops[k];
        if (e->kind == EX_CONTINUE) {
            lp->cont_used = true;
            lower_line(L, "goto dbCont%d;", lp->id);
            return "";
        }
        if (e->lhs) {
            const char *v = lower_expr(L, e->lhs);
            if (lp->value && *v) lower_line(L, "%s = %s;", lp->value, v);
        }
        lp->brk_used = true;
        lower_line(L, "goto dbBrk%d;", lp->id);
        return "";
    }
    case EX_RETURN: {
        const char *v = e->lhs ? lower_expr(L, e->lhs) : "";
        if (lower_is_unit(L->ret_ty)) lower_line(L, "return;");
        else lower_line(L, "return %s;", v);
        return "";
    }
    case EX_TUPLE: {
        if (e->args.n == 0) return "";
        const char **vals = arena_alloc(L->t->a, sizeof(char *) * (size_t)e->args.n);
        for (int i = 0; i < e->args.n; i++) vals[i] = lower_expr(L, LIST_GET(e->args, i, Expr));
        return build_aggregate(L, e->type, vals, e->args.n, e->span);
    }
    case EX_STRUCT: {
        Res *r = e->res;
        if (!r || r->kind != RES_STRUCT || (r->def->kind != DEF_STRUCT && r->def->kind != DEF_VARIANT) || e->rhs) break;
        Def *d = r->def;
        const char **vals = arena_alloc(L->t->a, sizeof(char *) * (size_t)(d->nfields + 1));
        for (int i = 0; i < d->nfields; i++) vals[i] = NULL;
        /* fields are evaluated in the order written */
        for (int i = 0; i < e->fields.n; i++) {
            FieldInit *fi = LIST_GET(e->fields, i, FieldInit);
            for (int k = 0; k < d->nfields; k++)
                if (d->fields[k].name == fi->name) vals[k] = lower_expr(L, fi->value);
        }
        if (d->kind == DEF_VARIANT) return build_variant(L, e->type, d, vals, d->nfields, e->span);
        return build_aggregate(L, e->type, vals, d->nfields, e->span);
    }
    case EX_FIELD: {
        if (!e->res || e->res->kind != RES_FIELD) break;
        /* the adjustment (auto-deref) is checked on e->lhs by lower_expr */
        const char *base = lower_expr(L, e->lhs);
        if (lower_is_unit(e->type)) return "";
        return arena_printf(L->t->a, "%s.f%d", base, e->res->field);
    }
    case EX_MACRO: {
        const char *v = lower_intrinsic_macro(L, e);
        return v ? v : lower_format_macro(L, e);
    }
    case EX_MATCH: return lower_match(L, e);
    default: break;
    }
    lower_unsupported(L, e->span, "this expression");
    return "0";
}

/* ----------------------------------------------------------- statements */

static void lower_let(Lower *L, Stmt *s) {
    Pat *p = s->pat;
    if (p->kind == PAT_WILD) {
        if (s->init) lower_expr(L, s->init);
        return;
    }
    if (p->kind == PAT_TUPLE && s->init && !s->else_) {
        /* `let (a, b) = pair;`: each element binds one field */
        const char *v = lower_expr(L, s->init);
        const char *t = lower_temp(L);
        lower_line(L, "%s %s = %s;", lower_ctype(L, s->init->type, s->span), t, v);
        for (int i = 0; i < p->elems.n; i++) {
            Pat *q = LIST_GET(p->elems, i, Pat);
            if (q->kind == PAT_WILD) continue;
            if (q->kind != PAT_IDENT || q->sub || q->by_ref || !q->res || !q->res->local) {
                lower_unsupported(L, q->span, "this pattern inside a tuple pattern");
                return;
            }
            Local *l = q->res->local;
            if (lower_is_unit(l->ty)) continue;
            lower_line(L, "%s %s = %s.f%d;", lower_ctype(L, l->ty, q->span), local_name(L, l), t, i);
        }
        return;
    }
    if (p->kind != PAT_IDENT || p->sub || !p->res || !p->res->local || s->else_) {
        lower_unsupported(L, s->span, "this `let` pattern");
        return;
    }
    Local *l = p->res->local;
    const char *v = s->init ? lower_expr(L, s->init) : NULL;
    if (lower_is_unit(l->ty)) return;
    const char *ct = lower_ctype(L, l->ty, s->span);
    if (v) lower_line(L, "%s %s = %s;", ct, local_name(L, l), v);
    else lower_line(L, "%s %s;", ct, local_name(L, l));
}

/* Lowers a block's statements; returns the C value of its tail ("" when
 * the block's value is () or it has no tail). */
static const char *lower_block(Lower *L, Block *b, Type *ty) {
    const char *v = "";
    for (int i = 0; i < b->stmts.n && !L->failed; i++) {
        Stmt *s = LIST_GET(b->stmts, i, Stmt);
        switch (s->kind) {
        case ST_LET: lower_let(L, s); break;
        case ST_EXPR: {
            const char *r = lower_expr(L, s->expr);
            bool tail = !s->semi && i == b->stmts.n - 1;
            if (tail && !lower_is_unit(ty)) v = r;
            else if (*r && !L->failed) lower_line(L, "(void)%s;", r); /* a value discarded */
            break;
        }
        case ST_ITEM: lower_unsupported(L, s->span, "an item inside a block"); break;
        case ST_EMPTY: break;
        }
    }
    return v;
}

/* ------------------------------------------------------------------ items */

static void lower_fn(Lower *L, Item *it) {
    Def *d = it->def;
    if (d->gen.n || d->fn.is_async) {
        lower_unsupported(L, it->span, d->fn.is_async ? "an `async fn`" : "a generic fn");
        return;
    }
    L->ret_ty = d->fn.ret;
    bool is_main = strcmp(d->name, "main") == 0 && !d->parent;
    const char *ret = lower_is_unit(d->fn.ret) || d->fn.ret->kind == TYPE_NEVER ? "void" : lower_ctype(L, d->fn.ret, it->span);
    Buf sig = { 0 };
    buf_printf(&sig, "static %s %s(", ret, mangle_fn(L, d));
    int np = 0;
    if (d->fn.has_self) {
        Local *sl = d->fn.self_local;
        if (!sl) {
            lower_unsupported(L, it->span, "this `self` parameter");
            buf_free(&sig);
            return;
        }
        buf_printf(&sig, "%s %s", lower_ctype(L, sl->ty, it->span), local_name(L, sl));
        np++;
    }
    for (int i = 0; i < it->sig.params.n; i++) {
        Param *pm = LIST_GET(it->sig.params, i, Param);
        if (pm->pat->kind != PAT_IDENT || !pm->pat->res || !pm->pat->res->local) {
            lower_unsupported(L, pm->span, "this parameter pattern");
            buf_free(&sig);
            return;
        }
        Local *l = pm->pat->res->local;
        if (lower_is_unit(l->ty)) continue;
        buf_printf(&sig, "%s%s %s", np++ ? ", " : "", lower_ctype(L, l->ty, pm->span), local_name(L, l));
    }
    if (!np) buf_puts(&sig, "void");
    buf_puts(&sig, ")");
    buf_printf(&L->decls, "%s;\n", sig.s);
    buf_printf(&L->body, "%s {\n", sig.s);
    buf_free(&sig);
    L->cur = &L->body;
    L->depth = 0;
    const char *v = lower_block(L, it->body, d->fn.ret);
    if (*v && strcmp(ret, "void") != 0) lower_line(L, "return %s;", v);
    buf_puts(&L->body, "}\n\n");
    if (is_main) {
        if (d->fn.nparams || !lower_is_unit(d->fn.ret)) lower_unsupported(L, it->span, "this signature of `main`");
        buf_printf(&L->body, "void dynbox_main(void) {\n    %s();\n}\n", mangle_fn(L, d));
    }
}

static void lower_items(Lower *L, List *items) {
    for (int i = 0; i < items->n && !L->failed; i++) {
        Item *it = LIST_GET(*items, i, Item);
        switch (it->kind) {
        case ITEM_FN: lower_fn(L, it); break;
        case ITEM_USE: break;
        case ITEM_CONST: break; /* inlined at each use (lower_const) */
        case ITEM_STRUCT:
        case ITEM_ENUM: break; /* defined when a type first needs it */
        case ITEM_IMPL:
            if (it->generics.params.n) {
                lower_unsupported(L, it->span, "a generic impl");
                break;
            }
            for (int k = 0; k < it->items.n && !L->failed; k++) {
                Item *m = LIST_GET(it->items, k, Item);
                if (m->kind == ITEM_FN && m->body) lower_fn(L, m);
                else if (m->kind != ITEM_CONST) lower_unsupported(L, m->span, "this impl member");
            }
            break;
        default: lower_unsupported(L, it->span, "this kind of item"); break;
        }
    }
}

const char *db_emit_c(DbUnit *u, size_t *len) {
    if (db_run(u, DB_PHASE_CHECK) || !u->crate || !u->tcx) return NULL;
    if (u->lowered) {
        if (len) *len = u->lower_out.len;
        return u->lower_out.s;
    }
    uint64_t t0 = clock_ns();
    Lower L = { 0 };
    L.u = u;
    L.t = u->tcx;
    lower_items(&L, &u->crate->items);
    bool has_main = strstr(L.body.s ? L.body.s : "", "void dynbox_main(void)") != NULL;
    if (!L.failed && !has_main)
        diag_new(u, DIAG_ERROR, "E0601", "`main` function not found in crate `main`");
    if (!L.failed && has_main) {
        buf_puts(&u->lower_out, rt_h_text);
        buf_puts(&u->lower_out, "\n/* ---- generated by dynboxc ---- */\n");
        buf_puts(&u->lower_out, neg_text);
        buf_puts(&u->lower_out, "void dynbox_main(void);\n");
        buf_put(&u->lower_out, L.types.s ? L.types.s : "", L.types.len);
        buf_put(&u->lower_out, L.decls.s ? L.decls.s : "", L.decls.len);
        buf_puts(&u->lower_out, "\n");
        buf_put(&u->lower_out, L.helpers.s ? L.helpers.s : "", L.helpers.len);
        buf_put(&u->lower_out, L.body.s ? L.body.s : "", L.body.len);
        u->lowered = true;
    }
    buf_free(&L.types);
    buf_free(&L.decls);
    buf_free(&L.body);
    buf_free(&L.helpers);
    buf_free(&L.out);
    u->phase_ns[DB_TIME_LOWER] += clock_ns() - t0;
    if (!u->lowered) return NULL;
    if (len) *len = u->lower_out.len;
    return u->lower_out.s;
}
