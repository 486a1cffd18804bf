/* lower.c — the lowering from the typed AST to one C99 translation unit:
 * fns, statements and expressions. The text starts with rt.h so libtcc needs
 * no include path; the program's entry is `void dynbox_main(void)`.
 * Fn instances come from the worklist of lower_mono.c (generics are
 * monomorphized), drops from lower_drop.c, `dyn` from lower_dyn.c,
 * patterns from lower_match.c; anything else not lowered yet is reported as
 * a "not supported yet" error rather than miscompiled. */
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

/* Whether ty is () in the fn instance being lowered. */
static bool is_unit(Lower *L, Type *ty) {
    return lower_is_unit(lower_subst(L, ty));
}

static const char *int_names[INT_KIND_COUNT] = {
    "rt_i8", "rt_i16", "rt_i32", "rt_i64", NULL, "rt_isize",
    "rt_u8", "rt_u16", "rt_u32", "rt_u64", NULL, "rt_usize",
};

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
    if (ty->kind == TYPE_ARRAY && ty->id && !is_unit(L, ty->inner)) /* [T; N]: a struct, so it copies by value */
        buf_printf(&b, "    %s a[%u];\n", lower_ctype(L, ty->inner, sp), ty->id);
    for (int i = 0; i < ty->nargs; i++)
        if (!is_unit(L, ty->args[i])) buf_printf(&b, "    %s f%d;\n", lower_ctype(L, ty->args[i], sp), i);
    buf_puts(&b, "    rt_u8 zst_;\n};\n");
    buf_put(&L->types, b.s, b.len);
    buf_free(&b);
    return arena_printf(L->t->a, "struct dbTup%d", idx);
}

const char *lower_ctype(Lower *L, Type *ty, Span sp) {
    ty = lower_subst(L, ty);
    const char *future_type = lower_async_ctype(L, ty, sp);
    if (future_type) return future_type;
    const char *fat = lower_dyn_ctype(L, ty, sp); /* &dyn T, Box<dyn T> */
    if (fat) return fat;
    const char *runtime_type = lower_intrinsic_ctype(L, ty, sp);
    if (runtime_type) return runtime_type;
    switch (ty->kind) {
    case TYPE_CLOSURE: return lower_closure_ctype(L, ty, sp);
    case TYPE_ADT:
        if ((ty->def->kind == DEF_STRUCT || ty->def->kind == DEF_ENUM) && !(ty->flags & (TF_PARAM | TF_INFER | TF_ERROR)))
            return lower_adt_ctype(L, ty, sp);
        break;
    case TYPE_TUPLE:
        if (ty->nargs) return tuple_type(L, ty, sp);
        break;
    case TYPE_ARRAY: return tuple_type(L, ty, sp);
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
    case TYPE_FNDEF: return "rt_u8"; /* zero-sized: calls go to the instance its type names */
    default: break;
    }
    lower_unsupported(L, sp, arena_printf(L->t->a, "a value of type `%s`", ty_str(L->t, ty)));
    return "rt_u8";
}

const char *lower_temp(Lower *L) {
    return arena_printf(L->t->a, "t%d", L->ntemp++);
}

void lower_line(Lower *L, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    if (lower_async_active(L)) { /* declarations hoisted into the future */
        lower_async_line(L, fmt, ap);
        va_end(ap);
        return;
    }
    for (int i = 0; i < L->depth + 1; i++) buf_puts(L->cur, "    ");
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

const char *lower_fn_name(Lower *L, Def *d) {
    return lower_instance(L, d, NULL, 0);
}

static void fix_local(Lower *L, Local *l);

static const char *local_name(Lower *L, Local *l) {
    fix_local(L, l);
    return arena_printf(L->t->a, "l%d", l->id);
}

/* A binding the checker left unzonked (its inference variables are reset
 * once the prelude's bodies are checked for the lowering) gets its type
 * from its pattern, which the checker resolved. */
static void fix_local(Lower *L, Local *l) {
    if ((l->ty->flags & TF_INFER) && l->pat && l->pat->kind == PAT_IDENT && l->mode == BIND_VALUE && l->pat->type &&
        !(l->pat->type->flags & TF_INFER))
        l->ty = l->pat->type;
    if (!(l->ty->flags & TF_INFER) || !l->pat || !l->pat->type || (l->pat->type->flags & TF_INFER)) return;
    Type *pt = l->pat->type;
    if (l->mode == BIND_VALUE && !l->pat->by_ref) l->ty = pt;
    else if (l->ty->kind == TYPE_REF) l->ty = ty_ref(L->t, pt, l->ty->mut_);
}

const char *lower_local(Lower *L, Local *l) {
    fix_local(L, l);
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


/* `base[i]` reads the base in place (a copy of the element is the move). */
static const char *apply_derefs(Lower *L, Expr *e, const char *v);
static const char *lower_place(Lower *L, Expr *e);
static bool is_place(Expr *e);
static const char *lower_block(Lower *L, Block *b, Type *ty);

static const char *index_place(Lower *L, Expr *e) {
    L->no_move++;
    Type *bt = lower_subst(L, e->lhs->type);
    Adjust *a = e->lhs->adjust;
    if (a && a->nderef) bt = lower_subst(L, a->deref_tys[a->nderef - 1]);
    while (bt->kind == TYPE_REF) bt = lower_subst(L, bt->inner);
    const char *v;
    if (bt->kind == TYPE_ARRAY && lower_subst(L, e->rhs->type)->kind == TYPE_INT) {
        /* [T; N][i], bounds checked with Rust's panic */
        const char *base = is_place(e->lhs) ? apply_derefs(L, e->lhs, lower_place(L, e->lhs)) : lower_expr(L, e->lhs);
        Type *lt = lower_subst(L, e->lhs->type);
        if (!(a && a->nderef))
            for (; lt->kind == TYPE_REF; lt = lower_subst(L, lt->inner)) base = arena_printf(L->t->a, "(*%s)", base);
        const char *i = lower_temp(L);
        lower_line(L, "rt_usize %s = (rt_usize)%s;", i, lower_expr(L, e->rhs));
        lower_line(L, "if (%s >= %uu) rt_panic_bounds(%s, %s, %uu);", i, bt->id, lower_loc(L, e->span), i, bt->id);
        v = arena_printf(L->t->a, "%s.a[%s]", base, i);
    } else {
        v = lower_intrinsic_index(L, e);
    }
    L->no_move--;
    return v;
}

/* `for PAT in [a, b, c]` / `for PAT in &array`: by index over a copy (by
 * value) or the array itself (by reference). NULL for other loops. */
static const char *array_for(Lower *L, Expr *e) {
    if (e->kind != EX_FOR) return NULL;
    Type *t0 = lower_subst(L, e->lhs->type);
    Type *at = t0->kind == TYPE_REF ? lower_subst(L, t0->inner) : t0;
    if (at->kind != TYPE_ARRAY || (e->lhs->adjust && (e->lhs->adjust->nderef || e->lhs->adjust->autoref))) return NULL;
    if (L->nloops == 64) {
        lower_unsupported(L, e->span, "loops nested this deeply");
        return "";
    }
    Type *et = lower_subst(L, at->inner);
    bool owned = t0->kind != TYPE_REF && lower_type_needs_drop(L, et);
    const char *v = lower_expr(L, e->lhs);
    lower_line(L, "{");
    L->depth++;
    const char *arr = lower_temp(L), *i = lower_temp(L), *pos = lower_temp(L);
    int arr_mark = lower_scope_mark(L);
    if (t0->kind == TYPE_REF) lower_line(L, "%s *%s = %s;", lower_ctype(L, at, e->span), arr, v);
    else {
        const char *copy = lower_temp(L);
        lower_line(L, "%s %s = %s;", lower_ctype(L, at, e->span), copy, v);
        lower_line(L, "%s *%s = &%s;", lower_ctype(L, at, e->span), arr, copy);
        if (owned) {
            /* elements move into the loop one by one; the rest drop when it ends */
            lower_line(L, "rt_usize %s = 0;", pos);
            lower_own_array_from(L, copy, at, pos, e->span);
        }
    }
    struct LowerLoop *lp = &L->loops[L->nloops++];
    lp->label = e->label;
    lp->id = L->nlabels++;
    lp->value = NULL;
    lp->brk_used = lp->cont_used = false;
    lp->owned_mark = lower_scope_mark(L);
    lower_line(L, "for (rt_usize %s = 0; %s < %uu; %s++) {", i, i, at->id, i);
    L->depth++;
    int item_scope = lower_scope_mark(L);
    Type *item = t0->kind == TYPE_REF ? ty_ref(L->t, et, t0->mut_) : et;
    lower_bind_pattern(L, e->pat, item, arena_printf(L->t->a, "%s(%s->a[%s])", t0->kind == TYPE_REF ? "&" : "", arr, i));
    if (owned) lower_line(L, "%s = %s + 1;", pos, i);
    lower_block(L, e->body, L->t->t_unit);
    if (lp->cont_used) lower_line(L, "dbCont%d:;", lp->id);
    lower_scope_end(L, item_scope);
    L->depth--;
    lower_line(L, "}");
    if (lp->brk_used) lower_line(L, "dbBrk%d:;", lp->id);
    L->nloops--;
    lower_scope_end(L, arr_mark);
    L->depth--;
    lower_line(L, "}");
    return "";
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
    if (e->kind == EX_INDEX) return index_place(L, e);
    if (e->kind == EX_UNARY && e->op == P_STAR) {
        L->no_move++;
        const char *v = lower_intrinsic_deref(L, e);
        L->no_move--;
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

/* A call of a user or prelude fn with a body; `recv` is the method
 * receiver (NULL for a path call). Generic callees and trait methods are
 * resolved to their instance for the current fn's generic arguments. */
static const char *lower_fn_call(Lower *L, Expr *e, Res *r0, Expr *recv) {
    Res *r = lower_resolve(L, r0, e->span);
    if (L->failed) return "0";
    const char *async_call = lower_async_call(L, e, r, recv);
    if (async_call) return async_call;
    if (lower_is_intrinsic(L, r)) {
        Expr *saved = L->borrowed_recv;
        if (recv && (r->def->fn.self_kind == SELF_REF || r->def->fn.self_kind == SELF_REF_MUT)) L->borrowed_recv = recv;
        const char *v = lower_intrinsic_call(L, e, r, recv);
        L->borrowed_recv = saved;
        return v;
    }
    if (r && r->kind == RES_FN && r->dispatch == DISPATCH_DYN) return lower_dyn_call(L, e, r, recv);
    if (!r || r->kind != RES_FN || r->dispatch == DISPATCH_DYN) {
        lower_unsupported(L, e->span, r && r->dispatch == DISPATCH_DYN ? "a call through `dyn`" : "this call");
        return "0";
    }
    if (r->def->fn.is_async || !r->def->item || !r->def->item->body) {
        lower_unsupported(L, e->span, r->def->fn.is_async ? "a call of an `async fn`" : "this call");
        return "0";
    }
    Buf b = { 0 };
    buf_printf(&b, "%s(", lower_instance(L, r->def, r->args, r->nargs));
    bool first = true;
    if (recv) {
        const char *v = lower_expr(L, recv);
        buf_puts(&b, v);
        first = false;
    }
    for (int i = 0; i < e->args.n; i++) {
        Expr *a = LIST_GET(e->args, i, Expr);
        const char *v = lower_expr(L, a);
        if (is_unit(L, a->type)) continue;
        buf_printf(&b, "%s%s", first ? "" : ", ", v);
        first = false;
    }
    buf_puts(&b, ")");
    const char *call = arena_strndup(L->t->a, b.s, b.len);
    buf_free(&b);
    if (is_unit(L, e->type) || e->type->kind == TYPE_NEVER) {
        lower_line(L, "%s;", call);
        if (e->type->kind == TYPE_NEVER) lower_line(L, "for (;;) {}");
        return "";
    }
    const char *t = lower_temp(L);
    lower_line(L, "%s %s = %s;", lower_ctype(L, e->type, e->span), t, call);
    return t;
}

/* `let PAT = EXPR` as a condition: opens `if (matches) {` with the
 * bindings declared (and owned) inside; NULL after an unsupported pattern.
 * A place scrutinee is moved out of only by by-value bindings. */
static const char *let_cond(Lower *L, Expr *let, int *scrut_end) {
    const char *sv = lower_scrutinee(L, let->rhs);
    if (scrut_end) *scrut_end = L->nowned; /* the scrutinee's temporaries end here */
    Buf binds = { 0 };
    int from = L->ntemps;
    const char *c = lower_pat_cond(L, let->pat, sv, lower_subst(L, let->rhs->type), &binds);
    if (!c) {
        buf_free(&binds);
        return NULL;
    }
    lower_line(L, "if (%s) {", c);
    L->depth++;
    if (binds.len) lower_line(L, "%.*s", (int)binds.len, binds.s);
    buf_free(&binds);
    if (lower_own_bound(L, from)) lower_scrutinee_moved(L, let->rhs, sv);
    return c;
}

static const char *lower_if(Lower *L, Expr *e) {
    bool unit = is_unit(L, e->type) || e->type->kind == TYPE_NEVER;
    const char *t = unit ? "" : lower_temp(L);
    if (!unit) lower_line(L, "%s %s;", lower_ctype(L, e->type, e->span), t);
    const char *c;
    int mark = lower_scope_mark(L);
    int scrut_end = -1; /* `if let`: the scrutinee's owned temporaries are [mark, scrut_end) */
    if (e->cond->kind == EX_LET) {
        c = let_cond(L, e->cond, &scrut_end);
        if (!c) return t;
    } else {
        /* the condition's temporaries drop before either branch (Rust's
         * order: an `if` condition is a temporary scope of its own) */
        int cond_mark = L->nowned;
        c = lower_expr(L, e->cond);
        if (L->nowned > cond_mark) {
            const char *cv = lower_temp(L);
            lower_line(L, "rt_bool %s = %s;", cv, c);
            lower_stmt_end(L, cond_mark);
            c = cv;
        }
        lower_line(L, "if (%s) {", c);
        L->depth++;
    }
    const char *v = lower_block(L, e->then, e->type);
    if (!unit && *v) lower_line(L, "%s = %s;", t, v);
    bool split = scrut_end > mark && e->else_;
    if (split) {
        /* Rust 2024: the scrutinee's temporaries live to the end of the
         * `then` block and drop before the `else` branch runs */
        lower_scope_end(L, scrut_end);
        lower_drop_to(L, mark);
    } else {
        lower_scope_end(L, mark);
    }
    L->depth--;
    if (e->else_) {
        lower_line(L, "} else {");
        L->depth++;
        if (split) {
            lower_drop_to(L, mark);
            L->nowned = mark; /* dropped on both paths */
        }
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
        int lhs_mark = lower_scope_mark(L);
        const char *a = lower_expr(L, e->lhs);
        lower_line(L, "rt_bool %s = %s;", t, a);
        lower_stmt_end(L, lhs_mark); /* each operand is a temporary scope */
        lower_line(L, e->op == P_ANDAND ? "if (%s) {" : "if (!%s) {", t);
        L->depth++;
        int rhs_mark = lower_scope_mark(L);
        const char *b = lower_expr(L, e->rhs);
        lower_line(L, "%s = %s;", t, b);
        lower_stmt_end(L, rhs_mark); /* temporaries of the right operand */
        L->depth--;
        lower_line(L, "}");
        return t;
    }
    const char *a = lower_expr(L, e->lhs);
    const char *b = lower_expr(L, e->rhs);
    Type *ot = lower_subst(L, e->lhs->type);
    if (ot->kind != TYPE_INT && ot->kind != TYPE_FLOAT && ot->kind != TYPE_BOOL && ot->kind != TYPE_CHAR) {
        lower_unsupported(L, e->span, arena_printf(L->t->a, "an operator on `%s`", ty_str(L->t, ot)));
        return "0";
    }
    const char *t = lower_temp(L);
    const char *v = arith(L, e->op, ot, a, b, e->span);
    lower_line(L, "%s %s = %s;", lower_ctype(L, e->type, e->span), t, v);
    return t;
}

bool lower_is_place(Expr *e) {
    return is_place(e);
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
    bool valued = e->kind == EX_LOOP && !is_unit(L, e->type) && e->type->kind != TYPE_NEVER;
    const char *t = valued ? lower_temp(L) : NULL;
    if (valued) lower_line(L, "%s %s;", lower_ctype(L, e->type, e->span), t);
    struct LowerLoop *lp = &L->loops[L->nloops++];
    lp->label = e->label;
    lp->id = L->nlabels++;
    lp->value = t;
    lp->brk_used = lp->cont_used = false;
    lp->owned_mark = lower_scope_mark(L);
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
    int let_mark = lower_scope_mark(L);
    bool while_let = e->kind == EX_WHILE && e->cond->kind == EX_LET;
    if (while_let) {
        /* while let: if (matches) { bindings; body } else break; */
        if (!let_cond(L, e->cond, NULL)) {
            L->nloops--;
            return "";
        }
    } else if (e->kind == EX_WHILE) {
        int cond_mark = lower_scope_mark(L);
        const char *c = lower_expr(L, e->cond);
        const char *cv = lower_temp(L);
        lower_line(L, "rt_bool %s = %s;", cv, c);
        lower_stmt_end(L, cond_mark); /* the condition's temporaries */
        lower_line(L, "if (!%s) break;", cv);
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
    lower_scope_end(L, let_mark);
    if (while_let) {
        L->depth--;
        lower_line(L, "} else break;");
    }
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
    if (!a || (!a->autoref && !a->nderef && a->coerce != COERCE_UNSIZE && !a->unsize_array && !lower_intrinsic_adjusts(L, e))) {
        const char *v = lower_expr_raw(L, e);
        lower_moved(L, e); /* a local read by value is moved out (no-op for Copy types) */
        return v;
    }
    /* auto-deref through String/Vec/Box (and &str/&[T] values) */
    if (a->unsize_array || (a->coerce == COERCE_UNSIZE && a->target && lower_subst(L, a->target)->kind == TYPE_REF &&
                            lower_subst(L, a->target)->inner->kind == TYPE_SLICE)) {
        /* &[T; N] to &[T]: {pointer to the elements, N} */
        Adjust a2 = *a;
        a2.unsize_array = false;
        a2.coerce = COERCE_NONE;
        e->adjust = &a2;
        const char *v = lower_expr(L, e);
        e->adjust = a;
        Type *from = a->source;
        if (a->nderef) from = a->deref_tys[a->nderef - 1];
        from = lower_subst(L, from);
        if (a->autoref || from->kind == TYPE_REF) {
            Type *arr = from->kind == TYPE_REF ? lower_subst(L, from->inner) : from;
            if (arr->kind == TYPE_ARRAY) {
                if (!arr->id || is_unit(L, arr->inner)) return arena_printf(L->t->a, "((RtSlice){ RT_NULL, %uu })", arr->id);
                return arena_printf(L->t->a, "((RtSlice){ (void *)(%s)->a, %uu })", v, arr->id);
            }
        }
        lower_unsupported(L, e->span, "this unsizing coercion");
        return "0";
    }
    if (a->coerce == COERCE_UNSIZE && !a->unsize_array) {
        /* &T / Box<T> to dyn, dyn Sub to dyn Super: the value before the
         * coercion, then its fat pointer */
        Adjust a2 = *a;
        a2.coerce = COERCE_NONE;
        e->adjust = &a2;
        const char *v = lower_expr(L, e);
        e->adjust = a;
        Type *from = a->source;
        if (a->nderef) from = a->deref_tys[a->nderef - 1];
        if (a->autoref) from = ty_ref(L->t, from, a->autoref == AUTOREF_MUT);
        const char *r = lower_dyn_coerce(L, from, a->target, v, e->span);
        if (r) return r;
        lower_unsupported(L, e->span, "this unsizing coercion");
        return "0";
    }
    if (lower_intrinsic_adjusts(L, e)) return lower_intrinsic_adjusted(L, e);
    if (a->coerce == COERCE_UNSIZE || a->coerce == COERCE_FNPTR || a->unsize_array) {
        lower_unsupported(L, e->span, "an unsizing or fn-pointer coercion");
        return "0";
    }
    if (a->autoref && a->nderef && !a->coerce && lower_subst(L, a->deref_tys[a->nderef - 1])->kind == TYPE_DYN) {
        /* `&*fat` implied (a reborrow through dyn): the fat pointer itself */
        Adjust a2 = *a;
        a2.nderef--;
        a2.autoref = AUTOREF_NONE;
        e->adjust = a2.nderef ? &a2 : NULL;
        L->no_move++;
        const char *v = lower_expr(L, e);
        L->no_move--;
        e->adjust = a;
        return v;
    }
    bool place = is_place(e);
    const char *v = place && e->kind != EX_UNARY ? lower_place(L, e) : lower_expr_raw(L, e);
    v = apply_derefs(L, e, v);
    if (a->autoref) {
        if (!place && !a->nderef) v = lower_own_temp(L, e->type, v, e->span);
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
        if (e->res && e->res->kind == RES_FN && lower_subst(L, e->type)->kind == TYPE_FNDEF)
            return "((rt_u8)0)"; /* a fn item is a zero-sized value: its type names the fn */
        lower_unsupported(L, e->span, "this path");
        return "0";
    case EX_REF: {
        if (e->lhs->type->kind == TYPE_STR || e->lhs->type->kind == TYPE_SLICE) return lower_expr(L, e->lhs);
        if (lower_subst(L, e->lhs->type)->kind == TYPE_DYN) {
            /* `&*fat`: the same fat pointer */
            Expr *x = strip_paren(e->lhs);
            if (x->kind == EX_UNARY && x->op == P_STAR && !x->adjust) {
                L->no_move++;
                const char *v = lower_expr(L, x->lhs);
                L->no_move--;
                return v;
            }
            lower_unsupported(L, e->span, "this borrow of a `dyn` value");
            return "0";
        }
        if (is_place(e->lhs)) {
            const char *pl = apply_derefs(L, e->lhs, lower_place(L, e->lhs));
            return arena_printf(L->t->a, "(&%s)", pl);
        }
        const char *v = lower_expr(L, e->lhs);
        return arena_printf(L->t->a, "(&%s)", lower_own_temp(L, e->lhs->type, v, e->span));
    }
    case EX_UNARY: {
        if (e->op == P_STAR && e->lhs->type->kind != TYPE_REF) {
            L->no_move++; /* `*boxed` reads through the box */
            const char *v = lower_intrinsic_deref(L, e);
            L->no_move--;
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
        /* comparisons borrow their operands; `String + &str` consumes the left */
        bool borrow = e->op != P_PLUS;
        if (borrow) L->no_move++;
        const char *v = lower_intrinsic_binary(L, e);
        if (borrow) L->no_move--;
        return v ? v : lower_binary(L, e);
    }
    case EX_ASSIGN: {
        const char *v = lower_expr(L, e->rhs);
        if (is_unit(L, e->rhs->type)) return "";
        Expr *lhs = strip_paren(e->lhs);
        Type *lt = lower_subst(L, e->lhs->type);
        const char *pl = lower_place(L, e->lhs);
        if (lower_type_needs_drop(L, lt)) {
            /* the old value is dropped first (if a local still holds one) */
            bool local = lhs->kind == EX_PATH && lhs->res && lhs->res->kind == RES_LOCAL;
            if (local && lower_is_owned(L, lhs->res->local)) {
                const char *nv = lower_temp(L);
                lower_line(L, "%s %s = %s;", lower_ctype(L, lt, e->span), nv, v);
                lower_line(L, "if (%s_d) {", pl);
                L->depth++;
                lower_drop_value(L, lt, pl, e->span);
                L->depth--;
                lower_line(L, "}");
                lower_line(L, "%s = %s; %s_d = 1;", pl, nv, pl);
                return "";
            }
            if (!local) {
                const char *nv = lower_temp(L);
                lower_line(L, "%s %s = %s;", lower_ctype(L, lt, e->span), nv, v);
                lower_drop_value(L, lt, pl, e->span);
                v = nv;
            }
        }
        lower_line(L, "%s = %s;", pl, v);
        return "";
    }
    case EX_ASSIGN_OP: {
        L->no_move++; /* `s += &t`: s is modified in place */
        const char *ia = lower_intrinsic_binary(L, e);
        L->no_move--;
        if (ia) return "";
        const char *v = lower_expr(L, e->rhs);
        const char *p = lower_place(L, e->lhs);
        lower_line(L, "%s = %s;", p, arith(L, e->op, lower_subst(L, e->lhs->type), p, v, e->span));
        return "";
    }
    case EX_CAST: {
        const char *a = lower_expr(L, e->lhs);
        Type *from = lower_subst(L, e->lhs->type);
        if (from->kind == TYPE_FLOAT && lower_subst(L, e->type)->kind == TYPE_INT)
            return arena_printf(L->t->a, "rt_%s_to_%s(%s)", from->sub == FLOAT_F32 ? "f32" : "f64",
                                int_suffix(e->type), a);
        return arena_printf(L->t->a, "((%s)%s)", lower_ctype(L, e->type, e->span), a);
    }
    case EX_CALL: {
        /* a fn item as a value (`opt.map(half)` passes `half`): a call of
         * it is a direct call of its instance */
        Type *ct = lower_subst(L, e->lhs->type);
        while (ct->kind == TYPE_REF) ct = ct->inner;
        if (ct->kind == TYPE_FNDEF && !(e->lhs->res && (e->lhs->res->kind == RES_FN || e->lhs->res->kind == RES_CTOR))) {
            Res *fr = arena_alloc(L->t->a, sizeof *fr);
            fr->kind = RES_FN;
            fr->def = ct->def;
            fr->args = ct->args;
            fr->nargs = ct->nargs;
            fr->dispatch = DISPATCH_STATIC;
            if (ct->def->parent && ct->def->parent->kind == DEF_TRAIT) fr->dispatch = DISPATCH_PARAM;
            return lower_fn_call(L, e, fr, NULL);
        }
        /* calling an Fn/FnMut closure borrows it; an FnOnce one is consumed */
        Type *cal = lower_subst(L, e->lhs->type);
        Expr *saved_recv = L->borrowed_recv;
        if (cal->kind == TYPE_CLOSURE && cal->expr && cal->expr->res && cal->expr->res->closure &&
            cal->expr->res->closure->kind != CLOSURE_FN_ONCE)
            L->borrowed_recv = e->lhs;
        const char *closure_call = lower_closure_call(L, e);
        L->borrowed_recv = saved_recv;
        if (closure_call) return closure_call;
        return lower_call(L, e);
    }
    case EX_METHOD: return lower_fn_call(L, e, e->res, e->lhs);
    case EX_CLOSURE: return lower_closure(L, e);
    case EX_TRY: return lower_try(L, e);
    case EX_INDEX: return index_place(L, e);
    case EX_BLOCK: {
        if (e->label) {
            lower_unsupported(L, e->span, "a labeled block");
            return "";
        }
        bool unit = is_unit(L, e->type) || e->type->kind == TYPE_NEVER;
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
        /* integer ranges here; arrays by index; other iterators in lower_intrinsics.c */
        const char *v = array_for(L, e);
        if (!v) v = lower_for_iter(L, e);
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
            lower_drop_to(L, lp->owned_mark);
            lp->cont_used = true;
            lower_line(L, "goto dbCont%d;", lp->id);
            return "";
        }
        if (e->lhs) {
            const char *v = lower_expr(L, e->lhs);
            if (lp->value && *v) lower_line(L, "%s = %s;", lp->value, v);
        }
        lower_drop_to(L, lp->owned_mark);
        lp->brk_used = true;
        lower_line(L, "goto dbBrk%d;", lp->id);
        return "";
    }
    case EX_RETURN: {
        if (lower_async_active(L)) return lower_async_return(L, e);
        const char *v = e->lhs ? lower_expr(L, e->lhs) : "";
        if (*v && !is_unit(L, L->ret_ty) && L->nowned > L->owned_base) {
            const char *rv = lower_temp(L);
            lower_line(L, "%s %s = %s;", lower_ctype(L, L->ret_ty, e->span), rv, v);
            v = rv;
        }
        lower_drop_to(L, L->owned_base);
        if (is_unit(L, L->ret_ty)) lower_line(L, "return;");
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
        if (!r || r->kind != RES_STRUCT || (r->def->kind != DEF_STRUCT && r->def->kind != DEF_VARIANT)) break;
        Def *d = r->def;
        const char **vals = arena_alloc(L->t->a, sizeof(char *) * (size_t)(d->nfields + 1));
        for (int i = 0; i < d->nfields; i++) vals[i] = NULL;
        /* fields are evaluated in the order written */
        for (int i = 0; i < e->fields.n; i++) {
            FieldInit *fi = LIST_GET(e->fields, i, FieldInit);
            for (int k = 0; k < d->nfields; k++)
                if (d->fields[k].name == fi->name) vals[k] = lower_expr(L, fi->value);
        }
        if (e->rhs) {
            /* `..base`: the other fields move out of base; what stays in
             * base (the fields given here) is dropped with it, so base's
             * drop glue must be in the fields taken */
            Type *ty = lower_subst(L, e->type);
            const char *base = lower_scrutinee(L, e->rhs);
            bool left_owned = false, taken_owned = false;
            for (int k = 0; k < d->nfields; k++) {
                Type *ft = lower_subst(L, ty_subst(L->t, d->fields[k].ty, ty->args, ty->nargs));
                if (is_unit(L, ft)) continue;
                if (vals[k]) left_owned |= lower_type_needs_drop(L, ft);
                else taken_owned |= lower_type_needs_drop(L, ft);
                if (!vals[k]) vals[k] = arena_printf(L->t->a, "%s.f%d", base, k);
            }
            if (left_owned) {
                /* those fields of base are dropped now (base is a temporary or moved) */
                for (int k = 0; k < d->nfields; k++) {
                    Type *ft = lower_subst(L, ty_subst(L->t, d->fields[k].ty, ty->args, ty->nargs));
                    bool given = false;
                    for (int i = 0; i < e->fields.n; i++)
                        if (LIST_GET(e->fields, i, FieldInit)->name == d->fields[k].name) given = true;
                    if (given && lower_type_needs_drop(L, ft)) {
                        if (!lower_disown(L, base) && strip_paren(e->rhs)->kind == EX_PATH) {
                            lower_unsupported(L, e->rhs->span, "struct update syntax leaving owned fields in a variable");
                            return "0";
                        }
                        lower_drop_value(L, ft, arena_printf(L->t->a, "%s.f%d", base, k), e->span);
                    }
                }
            }
            if (taken_owned || left_owned) lower_scrutinee_moved(L, e->rhs, base);
        }
        if (d->kind == DEF_VARIANT) return build_variant(L, e->type, d, vals, d->nfields, e->span);
        return build_aggregate(L, e->type, vals, d->nfields, e->span);
    }
    case EX_FIELD: {
        if (!e->res || e->res->kind != RES_FIELD) break;
        /* the adjustment (auto-deref) is checked on e->lhs by lower_expr;
         * reading a field moves the field, not the base */
        L->no_move++;
        const char *base = lower_expr(L, e->lhs);
        L->no_move--;
        Type *bt = lower_subst(L, e->lhs->type);
        if (!is_place(e->lhs) && !(e->lhs->adjust && e->lhs->adjust->nderef) && lower_type_needs_drop(L, bt)) {
            /* a field of a temporary (`make().0`): the temporary is dropped with the scope */
            if (lower_type_needs_drop(L, lower_subst(L, e->type)) && !L->no_move) {
                lower_unsupported(L, e->span, "moving a field out of a temporary");
                return "0";
            }
            base = lower_own_temp(L, bt, base, e->span);
        }
        if (!L->no_move && e != L->borrowed_recv && !e->adjust && lower_type_needs_drop(L, lower_subst(L, e->type))) {
            Expr *b = strip_paren(e->lhs);
            if (b->kind == EX_PATH && b->res && b->res->kind == RES_LOCAL && lower_is_owned(L, b->res->local) &&
                !(b->adjust && b->adjust->nderef) && !lower_moved_field(L, b->res->local, e->res->field)) {
                lower_unsupported(L, e->span, "moving a field out of a value that is dropped later");
                return "0";
            }
            /* `p.inner.name`: a field of a field of an owned variable */
            bool nested = false;
            while (b->kind == EX_FIELD && !(b->adjust && b->adjust->nderef)) b = strip_paren(b->lhs), nested = true;
            if (nested && b->kind == EX_PATH && b->res && b->res->kind == RES_LOCAL && lower_is_owned(L, b->res->local) &&
                !(b->adjust && b->adjust->nderef)) {
                /* the path of field indices from the variable down to e */
                int path[9], len = 0;
                for (Expr *f = e; f->kind == EX_FIELD && len < 9; f = strip_paren(f->lhs)) path[len++] = f->res->field;
                for (int i = 0; i < len / 2; i++) {
                    int tmp = path[i];
                    path[i] = path[len - 1 - i];
                    path[len - 1 - i] = tmp;
                }
                if (len > 8 || !lower_moved_path(L, b->res->local, path, len)) {
                    lower_unsupported(L, e->span, "moving a field out of a nested field of this variable");
                    return "0";
                }
            }
        }
        if (is_unit(L, e->type)) return "";
        return arena_printf(L->t->a, "%s.f%d", base, e->res->field);
    }
    case EX_MACRO: {
        const char *v = lower_intrinsic_macro(L, e);
        return v ? v : lower_format_macro(L, e);
    }
    case EX_MATCH: return lower_match(L, e);
    case EX_ARRAY:
    case EX_REPEAT: {
        Type *ty = lower_subst(L, e->type);
        if (ty->kind != TYPE_ARRAY) break;
        const char *t = lower_temp(L);
        lower_line(L, "%s %s;", lower_ctype(L, ty, e->span), t);
        if (!ty->id || is_unit(L, ty->inner)) {
            lower_line(L, "%s.zst_ = 0;", t);
            return t;
        }
        if (e->kind == EX_ARRAY) {
            for (int i = 0; i < e->args.n; i++) {
                const char *v = lower_expr(L, LIST_GET(e->args, i, Expr));
                lower_line(L, "%s.a[%d] = %s;", t, i, v);
            }
            return t;
        }
        if (lower_type_needs_drop(L, lower_subst(L, ty->inner))) {
            /* `[CONST; N]`: each element a fresh value of the constant */
            Expr *x = strip_paren(e->lhs);
            Def *cd = x->kind == EX_PATH && x->res && x->res->kind == RES_CONST ? x->res->def : NULL;
            if (!cd || cd->kind != DEF_CONST || cd->prelude || !cd->item || !cd->item->value) {
                lower_unsupported(L, e->span, "`[x; N]` of a type with drop glue (not a constant)");
                return "0";
            }
            const char *i = lower_temp(L);
            lower_line(L, "for (rt_usize %s = 0; %s < %uu; %s++) {", i, i, ty->id, i);
            L->depth++;
            const char *v = lower_expr(L, e->lhs);
            lower_line(L, "%s.a[%s] = %s;", t, i, v);
            L->depth--;
            lower_line(L, "}");
            return t;
        }
        const char *v = lower_expr(L, e->lhs);
        lower_line(L, "for (rt_usize i_ = 0; i_ < %uu; i_++) %s.a[i_] = %s;", ty->id, t, v);
        return t;
    }
    case EX_RANGE: {
        /* a..b, a..=b, a.., ..b, .. as the prelude's Range structs */
        Type *ty = lower_subst(L, e->type);
        if (ty->kind != TYPE_ADT || ty->def->kind != DEF_STRUCT) break;
        Def *d = ty->def;
        const char **vals = arena_alloc(L->t->a, sizeof(char *) * (size_t)(d->nfields + 1));
        const char *lo = e->lhs ? lower_expr(L, e->lhs) : NULL, *hi = e->rhs ? lower_expr(L, e->rhs) : NULL;
        for (int i = 0; i < d->nfields; i++) {
            const char *n = d->fields[i].name;
            vals[i] = !strcmp(n, "start") ? lo : !strcmp(n, "end") ? hi : !strcmp(n, "exhausted") ? "0" : NULL;
            if (!vals[i]) {
                lower_unsupported(L, e->span, "this range");
                return "0";
            }
        }
        return build_aggregate(L, ty, vals, d->nfields, e->span);
    }
    case EX_AWAIT:
    case EX_BOX:
    case EX_ASYNC: return lower_async_expr(L, e);
    default: break;
    }
    lower_unsupported(L, e->span, "this expression");
    return "0";
}

/* ----------------------------------------------------------- statements */

static void lower_let(Lower *L, Stmt *s) {
    Pat *p = s->pat;
    if (p->kind == PAT_WILD) {
        /* `let _ = e;` drops a value right away, and moves nothing */
        if (!s->init) return;
        L->no_move++;
        const char *v = lower_expr(L, s->init);
        L->no_move--;
        if (!is_place(s->init) && lower_type_needs_drop(L, lower_subst(L, s->init->type))) {
            const char *t = lower_temp(L);
            lower_line(L, "%s %s = %s;", lower_ctype(L, s->init->type, s->span), t, v);
            lower_drop_value(L, lower_subst(L, s->init->type), t, s->span);
        } else if (*v) {
            lower_line(L, "(void)%s;", v);
        }
        return;
    }
    if (p->kind != PAT_IDENT && s->init && !s->else_) {
        /* `let (a, ref b) = pair;` and other irrefutable patterns: as a
         * one-arm match (lower_match.c) */
        const char *sv = lower_scrutinee(L, s->init);
        Buf binds = { 0 };
        int from = L->ntemps;
        const char *c = lower_pat_cond(L, p, sv, lower_subst(L, s->init->type), &binds);
        if (!c) {
            buf_free(&binds);
            return;
        }
        if (binds.len) lower_line(L, "%.*s", (int)binds.len, binds.s);
        buf_free(&binds);
        if (lower_own_bound(L, from)) lower_scrutinee_moved(L, s->init, sv);
        return;
    }
    if (s->else_ && s->init) {
        /* `let PAT = e else { diverge };` */
        const char *t = lower_scrutinee(L, s->init);
        Buf binds = { 0 };
        int from = L->ntemps;
        const char *c = lower_pat_cond(L, p, t, lower_subst(L, s->init->type), &binds);
        if (!c) {
            buf_free(&binds);
            return;
        }
        lower_line(L, "if (!%s) {", c);
        L->depth++;
        lower_block(L, s->else_, L->t->t_unit);
        L->depth--;
        lower_line(L, "}");
        if (binds.len) lower_line(L, "%.*s", (int)binds.len, binds.s);
        buf_free(&binds);
        if (lower_own_bound(L, from)) lower_scrutinee_moved(L, s->init, t);
        return;
    }
    if (p->kind != PAT_IDENT || p->sub || !p->res || !p->res->local || s->else_) {
        lower_unsupported(L, s->span, "this `let` pattern");
        return;
    }
    Local *l = p->res->local;
    fix_local(L, l);
    if ((l->ty->flags & TF_INFER) && s->init && l->mode == BIND_VALUE)
        l->ty = s->init->adjust && s->init->adjust->target ? s->init->adjust->target : s->init->type;
    const char *v = s->init ? lower_expr(L, s->init) : NULL;
    if (is_unit(L, l->ty)) return;
    const char *ct = lower_ctype(L, l->ty, s->span);
    if (v) lower_line(L, "%s %s = %s;", ct, local_name(L, l), v);
    else lower_line(L, "%s %s;", ct, local_name(L, l));
    if (v) lower_line(L, "(void)%s;", local_name(L, l)); /* `let _unused = ...` */
    lower_own_local(L, l);
    if (!v && lower_is_owned(L, l)) lower_line(L, "%s_d = 0;", local_name(L, l)); /* assigned later */
}

/* Lowers a block's statements; returns the C value of its tail ("" when
 * the block's value is () or it has no tail). */
const char *lower_block_value(Lower *L, Block *b, Type *ty) {
    return lower_block(L, b, ty);
}

static const char *lower_block(Lower *L, Block *b, Type *ty) {
    const char *v = "";
    int mark = lower_scope_mark(L);
    for (int i = 0; i < b->stmts.n && !L->failed; i++) {
        Stmt *s = LIST_GET(b->stmts, i, Stmt);
        int stmt_mark = lower_scope_mark(L);
        bool tail = s->kind == ST_EXPR && !s->semi && i == b->stmts.n - 1;
        switch (s->kind) {
        case ST_LET:
            lower_let(L, s);
            /* `let r = &temp();` extends the temporary to the block */
            if (s->init && strip_paren(s->init)->kind == EX_REF) stmt_mark = L->nowned;
            break;
        case ST_EXPR: {
            const char *r = lower_expr(L, s->expr);
            if (tail && !is_unit(L, ty)) v = r;
            else if (*r && !L->failed && !is_place(s->expr) && lower_type_needs_drop(L, lower_subst(L, s->expr->type))) {
                /* a value discarded is dropped at once */
                const char *t = lower_temp(L);
                lower_line(L, "%s %s = %s;", lower_ctype(L, s->expr->type, s->span), t, r);
                lower_drop_value(L, lower_subst(L, s->expr->type), t, s->span);
            } else if (*r && !L->failed) lower_line(L, "(void)%s;", r); /* a value discarded */
            break;
        }
        case ST_ITEM: lower_unsupported(L, s->span, "an item inside a block"); break;
        case ST_EMPTY: break;
        }
        if (!tail && !L->failed) lower_stmt_end(L, stmt_mark);
    }
    if (L->nowned > mark && *v && !L->failed) {
        /* the value outlives the block's locals */
        const char *t = lower_temp(L);
        lower_line(L, "%s %s = %s;", lower_ctype(L, ty, b->span), t, v);
        v = t;
    }
    lower_scope_end(L, mark);
    return v;
}

/* ------------------------------------------------------------------ items */

void lower_fn_instance(Lower *L, Item *it, Type **args, int nargs, const char *name) {
    Def *d = it->def;
    if (d->fn.is_async) {
        lower_async_fn_instance(L, it, args, nargs, name);
        return;
    }
    L->subst = args;
    L->nsubst = nargs;
    L->ret_ty = lower_subst(L, d->fn.ret);
    bool is_main = strcmp(d->name, "main") == 0 && !d->parent;
    const char *ret = is_unit(L, L->ret_ty) || L->ret_ty->kind == TYPE_NEVER ? "void" : lower_ctype(L, L->ret_ty, it->span);
    Buf sig = { 0 };
    buf_printf(&sig, "static %s %s(", ret, name);
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
        fix_local(L, l);
        if (is_unit(L, l->ty)) continue;
        buf_printf(&sig, "%s%s %s", np++ ? ", " : "", lower_ctype(L, l->ty, pm->span), local_name(L, l));
    }
    if (!np) buf_puts(&sig, "void");
    buf_puts(&sig, ")");
    buf_printf(&L->decls, "%s;\n", sig.s);
    buf_printf(&L->body, "%s {\n", sig.s);
    buf_free(&sig);
    L->cur = &L->body;
    L->depth = 0;
    L->nowned = L->owned_base = 0;
    L->ntemps = 0;
    L->no_move = 0;
    /* parameters a body (or an instance of a default body) leaves unused */
    if (d->fn.has_self && d->fn.self_local) lower_line(L, "(void)%s;", local_name(L, d->fn.self_local));
    for (int i = 0; i < it->sig.params.n; i++) {
        Local *pl = LIST_GET(it->sig.params, i, Param)->pat->res->local;
        if (!is_unit(L, pl->ty)) lower_line(L, "(void)%s;", local_name(L, pl));
    }
    if (d->fn.has_self && d->fn.self_local) lower_own_local(L, d->fn.self_local);
    for (int i = 0; i < it->sig.params.n; i++) lower_own_local(L, LIST_GET(it->sig.params, i, Param)->pat->res->local);
    const char *v = lower_block(L, it->body, L->ret_ty);
    if (*v && strcmp(ret, "void") != 0 && L->nowned) {
        const char *t = lower_temp(L);
        lower_line(L, "%s %s = %s;", ret, t, v);
        v = t;
    }
    lower_scope_end(L, 0);
    if (*v && strcmp(ret, "void") != 0) lower_line(L, "return %s;", v);
    buf_puts(&L->body, "}\n\n");
    if (is_main) {
        if (d->fn.nparams || !is_unit(L, d->fn.ret)) lower_unsupported(L, it->span, "this signature of `main`");
        buf_printf(&L->body, "void dynbox_main(void) {\n    %s();\n}\n", name);
    }
}

/* The crate's `main` starts the worklist: every fn it reaches, and every
 * instance of a generic one, is lowered once (fns nothing calls are not,
 * as rustc's codegen leaves them out). */
static void lower_items(Lower *L, List *items) {
    lower_dyn_install(L);
    for (int i = 0; i < items->n && !L->failed; i++) {
        Item *it = LIST_GET(*items, i, Item);
        if (it->kind == ITEM_FN && it->def && !strcmp(it->def->name, "main")) lower_instance(L, it->def, NULL, 0);
    }
    lower_drain_instances(L);
}

const char *db_emit_c(DbUnit *u, size_t *len) {
    if (db_run(u, DB_PHASE_CHECK) || !u->crate || !u->tcx) return NULL;
    if (u->lowered) {
        if (len) *len = u->lower_out.len;
        return u->lower_out.s;
    }
    check_prelude_bodies(u); /* generic prelude code is lowered per instance */
    uint64_t t0 = clock_ns();
    Lower L = { 0 };
    L.u = u;
    L.t = u->tcx;
    lower_items(&L, &u->crate->items);
    lower_async_finish(&L); /* also when the lowering failed: it frees the futures' buffers */
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
