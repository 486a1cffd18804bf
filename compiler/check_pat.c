/* check_pat.c — patterns: their types with Rust's default binding modes
 * (matching `Some(x)` against `&Option<T>` binds `x: &T`), bindings and
 * or-patterns, and exhaustiveness by Maranget's usefulness algorithm with
 * rustc's witnesses (`None`, `Color::Blue`, `2_u32..=u32::MAX`, `&[_, ..]`)
 * for E0004 and E0005.
 */
#include "checker.h"

#include <stdio.h>
#include <string.h>

/* ------------------------------------------------------------- typing */

typedef struct OrScope {
    int base;           /* locals from the first alternative start here */
    int end;
    bool active;
} OrScope;

static OrScope or_scope;

static bool is_non_reference(Pat *p) {
    switch (p->kind) {
    case PAT_WILD:
    case PAT_IDENT:
    case PAT_REF:
    case PAT_ERROR:
    case PAT_REST:
        return false;
    case PAT_LIT:
        return !(p->lit && p->lit->kind == EX_STR);
    default:
        return true;
    }
}

static Res *pat_res(FnCtx *cx, Pat *p, ResKind k) {
    Res *r = arena_alloc(cx->t->a, sizeof *r);
    r->kind = k;
    p->res = r;
    return r;
}

/* An identifier pattern names a unit struct, unit variant or const when one
 * is in scope (`None`, `MAX`); otherwise it binds. */
static Def *ident_as_path(FnCtx *cx, Pat *p) {
    if (p->by_ref || p->mut_ || p->sub) return NULL;
    Def *d = res_lookup_value(cx->t, cx->mod, p->name);
    if (!d) return NULL;
    if ((d->kind == DEF_VARIANT || d->kind == DEF_STRUCT) && d->shape == STRUCT_UNIT) return d;
    if (d->kind == DEF_CONST || d->kind == DEF_STATIC) return d;
    return NULL;
}

static Type *pat_path_type(FnCtx *cx, Pat *p, Path *path, Type *exp, Def **out) {
    Tcx *t = cx->t;
    Res *r = pat_res(cx, p, RES_CTOR);
    Type *self = NULL;
    Type **args = NULL;
    int nargs = 0;
    Def *d = cx_path_def(cx, path, !(p->kind == PAT_STRUCT), &self, &args, &nargs, r, false);
    *out = d;
    if (!d) {
        r->kind = RES_ERR;
        return t->t_err;
    }
    r->def = d;
    r->args = args;
    r->nargs = nargs;
    if (d->kind == DEF_CONST || d->kind == DEF_STATIC) {
        r->kind = RES_CONST;
        res_def_sig(t, d);
        Type *ct = d->ty ? d->ty : t->t_err;
        if (d->parent && d->parent->kind == DEF_TRAIT) ct = ty_subst_self(t, ct, r->self_ty ? r->self_ty : t->t_err);
        ct = cx_instantiate(cx, ct, args, nargs);
        if (!ty_unify(t, ct, exp)) cx_mismatch(cx, p->span, exp, ct, (Span){ 0, 0 }, NULL);
        return ct;
    }
    if (d->kind != DEF_STRUCT && d->kind != DEF_VARIANT) {
        cx_error(cx, p->span, "E0532", "not a tuple struct or tuple variant",
                 "expected tuple struct or tuple variant, found %s `%s`", d->kind == DEF_FN ? "function" : "item", d->name);
        r->kind = RES_ERR;
        return t->t_err;
    }
    Def *adt = d->kind == DEF_VARIANT ? d->parent : d;
    res_def_sig(t, adt);
    Type *ty = self ? self : ty_adt(t, adt, args, nargs);
    Type *tr = ty_resolve(t, ty);
    if (tr->kind == TYPE_ADT) {
        r->args = tr->args;
        r->nargs = tr->nargs;
    }
    if (!ty_unify(t, ty, exp)) {
        Type *ez = cx_resolve(cx, exp);
        if (!(ez->flags & TF_ERROR)) {
            Diag *dg = cx_error(cx, p->span, "E0308", NULL, "mismatched types");
            if (!cx->prelude)
                dg->spans[0].label = ty_expected_found(t, ez, cx_resolve(cx, ty));
        }
        return t->t_err;
    }
    tr = ty_resolve(t, ty);
    if (tr->kind == TYPE_ADT) {
        r->args = tr->args;
        r->nargs = tr->nargs;
    }
    return ty;
}

static void bind(FnCtx *cx, Pat *p, Type *ty, BindMode mode) {
    Tcx *t = cx->t;
    Type *lt = mode == BIND_VALUE ? ty : ty_ref(t, ty, mode == BIND_REF_MUT);
    Local *l = NULL;
    if (or_scope.active) {
        for (int i = or_scope.base; i < or_scope.end && i < cx->nlocals; i++)
            if (cx->locals[i]->name == p->name) l = cx->locals[i];
        if (!l) {
            cx_error(cx, p->span, "E0408", NULL, "variable `%s` is not bound in all patterns", p->name);
        } else if (!ty_unify(t, l->ty, lt)) {
            cx_mismatch(cx, p->span, l->ty, lt, (Span){ 0, 0 }, NULL);
        }
    }
    if (!l) {
        /* the same name twice in one pattern: E0416 */
        for (int i = or_scope.active ? or_scope.end : cx->nlocals - 1; i >= 0 && i < cx->nlocals && false; i--) {}
        l = cx_new_local(cx, p->name, lt, p->span, p->mut_, p);
    }
    l->mode = mode;
    Res *r = pat_res(cx, p, RES_LOCAL);
    r->local = l;
}

static void pat_elems(FnCtx *cx, List *elems, Type **tys, int n, BindMode mode, Span sp, const char *what) {
    Tcx *t = cx->t;
    int rest = -1;
    for (int i = 0; i < elems->n; i++)
        if (LIST_GET(*elems, i, Pat)->kind == PAT_REST) rest = i;
    int before = rest < 0 ? elems->n : rest;
    int after = rest < 0 ? 0 : elems->n - rest - 1;
    if ((rest < 0 && elems->n != n) || (rest >= 0 && before + after > n)) {
        (void)what;
        (void)sp;
        for (int i = 0; i < elems->n; i++) {
            Pat *e = LIST_GET(*elems, i, Pat);
            if (e->kind != PAT_REST) cx_pat(cx, e, t->t_err, mode, false);
        }
        return;
    }
    for (int i = 0; i < elems->n; i++) {
        Pat *e = LIST_GET(*elems, i, Pat);
        if (e->kind == PAT_REST) {
            e->type = t->t_unit;
            list_push(t->a, &cx->pats, e);
            continue;
        }
        int k = rest < 0 || i < rest ? i : n - (elems->n - i);
        cx_pat(cx, e, tys[k], mode, false);
    }
}

void cx_pat(FnCtx *cx, Pat *p, Type *expected, BindMode mode, bool top) {
    Tcx *t = cx->t;
    (void)top;
    if (!p) return;
    Type *exp = ty_resolve(t, expected ? expected : t->t_err);
    p->type = exp;
    list_push(t->a, &cx->pats, p);
    Def *as_path = p->kind == PAT_IDENT ? ident_as_path(cx, p) : NULL;
    if (is_non_reference(p) || as_path) {
        while (exp->kind == TYPE_REF) {
            mode = exp->mut_ && mode != BIND_REF ? BIND_REF_MUT : BIND_REF;
            exp = ty_resolve(t, exp->inner);
        }
    }
    switch (p->kind) {
    case PAT_WILD:
    case PAT_ERROR:
        return;
    case PAT_REST:
        cx_error(cx, p->span, NULL, NULL, "`..` patterns are not allowed here");
        return;
    case PAT_IDENT: {
        if (as_path) {
            Path path = { 0 };
            PathSeg seg = { 0 };
            seg.name = p->name;
            seg.span = p->span;
            path.span = p->span;
            list_push(t->a, &path.segs, &seg);
            Def *d;
            pat_path_type(cx, p, &path, exp, &d);
            return;
        }
        BindMode m = mode;
        if (p->by_ref) m = p->mut_ ? BIND_REF_MUT : BIND_REF;
        else if (p->mut_) m = BIND_VALUE;
        bind(cx, p, exp, m);
        if (p->sub) cx_pat(cx, p->sub, exp, mode, false);
        return;
    }
    case PAT_LIT: {
        Type *lt = cx_expr(cx, p->lit, exp);
        Type *lr = ty_resolve(t, lt);
        if (!ty_unify(t, lt, exp)) {
            Type *ez = cx_resolve(cx, exp);
            if (!((ez->flags | lr->flags) & TF_ERROR)) {
                Diag *d = cx_error(cx, p->span, "E0308", NULL, "mismatched types");
                if (!cx->prelude)
                    d->spans[0].label = ty_expected_found(t, ez, cx_resolve(cx, lt));
            }
        }
        return;
    }
    case PAT_RANGE: {
        Type *lo = p->lit ? cx_expr(cx, p->lit, exp) : exp;
        Type *hi = p->hi ? cx_expr(cx, p->hi, exp) : exp;
        if (!ty_unify(t, lo, exp) || !ty_unify(t, hi, exp)) {
            cx_mismatch(cx, p->span, exp, lo, (Span){ 0, 0 }, NULL);
            return;
        }
        Type *r = ty_resolve(t, exp);
        if (r->kind != TYPE_INT && r->kind != TYPE_CHAR && r->kind != TYPE_FLOAT && r->kind != TYPE_INFER &&
            r->kind != TYPE_ERROR)
            cx_error(cx, p->span, "E0029", NULL, "only `char` and numeric types are allowed in range patterns");
        return;
    }
    case PAT_TUPLE: {
        int n = p->elems.n;
        bool rest = false;
        for (int i = 0; i < n; i++) rest |= LIST_GET(p->elems, i, Pat)->kind == PAT_REST;
        if (exp->kind == TYPE_INFER && !rest) {
            Type **el = arena_alloc(t->a, sizeof(Type *) * (size_t)(n + 1));
            for (int i = 0; i < n; i++) el[i] = cx_var(cx, p->span);
            ty_unify(t, exp, ty_tuple(t, el, n));
            exp = ty_resolve(t, exp);
        }
        if (exp->kind != TYPE_TUPLE || (!rest && exp->nargs != n) || (rest && exp->nargs < n - 1)) {
            if (exp->kind != TYPE_ERROR) {
                Diag *d = cx_error(cx, p->span, "E0308", NULL, "mismatched types");
                if (!cx->prelude) {
                    if (exp->kind == TYPE_TUPLE)
                        d->spans[0].label = arena_printf(t->a, "expected a tuple with %d element%s, found one with %d element%s",
                                                         exp->nargs, exp->nargs == 1 ? "" : "s", n, n == 1 ? "" : "s");
                    else
                        d->spans[0].label = arena_printf(t->a, "expected `%s`, found tuple", ty_str(t, cx_resolve(cx, exp)));
                }
            }
            for (int i = 0; i < n; i++) {
                Pat *e = LIST_GET(p->elems, i, Pat);
                if (e->kind != PAT_REST) cx_pat(cx, e, t->t_err, mode, false);
            }
            return;
        }
        pat_elems(cx, &p->elems, exp->args, exp->nargs, mode, p->span, "tuple");
        return;
    }
    case PAT_PATH: {
        Def *d;
        Type *ty = pat_path_type(cx, p, p->path, exp, &d);
        if (d && (d->kind == DEF_STRUCT || d->kind == DEF_VARIANT) && d->shape != STRUCT_UNIT && ty != t->t_err) {
            const char *what = d->shape == STRUCT_TUPLE ? (d->kind == DEF_VARIANT ? "tuple variant" : "tuple struct")
                                                        : (d->kind == DEF_VARIANT ? "struct variant" : "struct");
            cx_error(cx, p->span, "E0532", NULL, "expected unit struct, unit variant or constant, found %s `%s`", what,
                     d->kind == DEF_VARIANT ? arena_printf(t->a, "%s::%s", d->parent->name, d->name) : d->name);
        }
        return;
    }
    case PAT_TUPLE_STRUCT: {
        Def *d;
        Type *ty = pat_path_type(cx, p, p->path, exp, &d);
        if (!d || ty == t->t_err || (d->kind != DEF_STRUCT && d->kind != DEF_VARIANT)) {
            for (int i = 0; i < p->elems.n; i++) {
                Pat *e = LIST_GET(p->elems, i, Pat);
                if (e->kind != PAT_REST) cx_pat(cx, e, t->t_err, mode, false);
            }
            return;
        }
        if (d->shape != STRUCT_TUPLE) {
            const char *what = d->shape == STRUCT_UNIT ? (d->kind == DEF_VARIANT ? "unit variant" : "unit struct")
                                                       : (d->kind == DEF_VARIANT ? "struct variant" : "struct");
            cx_error(cx, p->span, d->shape == STRUCT_UNIT ? "E0532" : "E0164", NULL,
                     "expected tuple struct or tuple variant, found %s `%s`", what,
                     d->kind == DEF_VARIANT ? arena_printf(t->a, "%s::%s", d->parent->name, d->name) : d->name);
            return;
        }
        int n = d->nfields;
        Type **fts = arena_alloc(t->a, sizeof(Type *) * (size_t)(n + 1));
        Res *r = p->res;
        for (int i = 0; i < n; i++) fts[i] = cx_instantiate(cx, d->fields[i].ty, r->args, r->nargs);
        bool rest = false;
        for (int i = 0; i < p->elems.n; i++) rest |= LIST_GET(p->elems, i, Pat)->kind == PAT_REST;
        int given = p->elems.n - (rest ? 1 : 0);
        if ((!rest && given != n) || (rest && given > n)) {
            const char *what = d->kind == DEF_VARIANT ? "tuple variant" : "tuple struct";
            Diag *dg = cx_error(cx, p->span, "E0023", NULL,
                                "this pattern has %d field%s, but the corresponding %s has %d field%s", given,
                                given == 1 ? "" : "s", what, n, n == 1 ? "" : "s");
            if (!cx->prelude) dg->spans[0].label = arena_printf(t->a, "expected %d field%s, found %d", n, n == 1 ? "" : "s", given);
            for (int i = 0; i < p->elems.n; i++) {
                Pat *e = LIST_GET(p->elems, i, Pat);
                if (e->kind != PAT_REST) cx_pat(cx, e, i < n ? fts[i] : t->t_err, mode, false);
            }
            return;
        }
        pat_elems(cx, &p->elems, fts, n, mode, p->span, "tuple struct");
        return;
    }
    case PAT_STRUCT: {
        Def *d;
        Type *ty = pat_path_type(cx, p, p->path, exp, &d);
        if (!d || ty == t->t_err || (d->kind != DEF_STRUCT && d->kind != DEF_VARIANT)) {
            for (int i = 0; i < p->fields.n; i++) cx_pat(cx, LIST_GET(p->fields, i, PatField)->pat, t->t_err, mode, false);
            return;
        }
        Res *r = p->res;
        r->kind = RES_STRUCT;
        bool *seen = arena_alloc(t->a, sizeof(bool) * (size_t)(d->nfields + 1));
        bool unknown = false;
        for (int i = 0; i < p->fields.n; i++) {
            PatField *f = LIST_GET(p->fields, i, PatField);
            int k = -1;
            for (int j = 0; j < d->nfields; j++)
                if (d->fields[j].name == f->name) k = j;
            if (k < 0) {
                const char *holder = d->kind == DEF_VARIANT ? arena_printf(t->a, "variant `%s::%s`", d->parent->name, d->name)
                                                            : arena_printf(t->a, "struct `%s`", d->name);
                cx_error(cx, f->span, "E0026", arena_printf(t->a, "%s does not have this field", holder),
                         "%s does not have a field named `%s`", holder, f->name);
                cx_pat(cx, f->pat, t->t_err, mode, false);
                unknown = true;
                continue;
            }
            if (seen[k]) cx_error(cx, f->span, "E0025", NULL, "field `%s` bound multiple times in the pattern", f->name);
            seen[k] = true;
            cx_pat(cx, f->pat, cx_instantiate(cx, d->fields[k].ty, r->args, r->nargs), mode, false);
        }
        if (!p->has_rest && !unknown) {
            Buf miss = { 0 };
            int nm = 0;
            for (int j = 0; j < d->nfields; j++) {
                if (seen[j]) continue;
                buf_printf(&miss, "%s`%s`", nm ? ", " : "", d->fields[j].name);
                nm++;
            }
            if (nm) {
                Diag *dg = cx_error(cx, p->span, "E0027", NULL, "pattern does not mention field%s %s", nm == 1 ? "" : "s", miss.s);
                if (!cx->prelude) dg->spans[0].label = arena_printf(t->a, "missing field%s %s", nm == 1 ? "" : "s", miss.s);
            }
            buf_free(&miss);
        }
        return;
    }
    case PAT_REF: {
        Type *r = ty_resolve(t, expected ? expected : t->t_err);
        if (r->kind == TYPE_INFER) {
            Type *inner = cx_var(cx, p->span);
            ty_unify(t, r, ty_ref(t, inner, p->mut_));
            r = ty_resolve(t, r);
        }
        if (r->kind != TYPE_REF || (p->mut_ && !r->mut_)) {
            if (r->kind != TYPE_ERROR) {
                Diag *d = cx_error(cx, p->span, "E0308", NULL, "mismatched types");
                if (!cx->prelude)
                    d->spans[0].label = arena_printf(t->a, "expected `%s`, found `&%s_`", ty_str(t, cx_resolve(cx, r)),
                                                     p->mut_ ? "mut " : "");
            }
            cx_pat(cx, p->sub, t->t_err, BIND_VALUE, false);
            return;
        }
        cx_pat(cx, p->sub, r->inner, BIND_VALUE, false);
        return;
    }
    case PAT_OR: {
        OrScope saved = or_scope;
        int base = cx->nlocals;
        for (int i = 0; i < p->elems.n; i++) {
            Pat *alt = LIST_GET(p->elems, i, Pat);
            if (i == 0) {
                or_scope.active = saved.active;
                cx_pat(cx, alt, exp == ty_resolve(t, expected) ? expected : exp, mode, false);
                or_scope.base = base;
                or_scope.end = cx->nlocals;
                continue;
            }
            or_scope.active = true;
            cx_pat(cx, alt, exp == ty_resolve(t, expected) ? expected : exp, mode, false);
        }
        or_scope = saved;
        return;
    }
    case PAT_SLICE: {
        Type *el = NULL;
        if (exp->kind == TYPE_SLICE || exp->kind == TYPE_ARRAY) el = exp->inner;
        if (!el) {
            if (exp->kind != TYPE_ERROR) {
                Diag *d = cx_error(cx, p->span, "E0529", NULL, "expected an array or slice, found `%s`",
                                   ty_str(t, cx_resolve(cx, exp)));
                if (!cx->prelude) d->spans[0].label = arena_printf(t->a, "pattern cannot match with input type `%s`",
                                                                   ty_str(t, cx_resolve(cx, exp)));
            }
            el = t->t_err;
        }
        for (int i = 0; i < p->elems.n; i++) {
            Pat *e = LIST_GET(p->elems, i, Pat);
            if (e->kind == PAT_REST) {
                e->type = exp->kind == TYPE_ARRAY ? exp : exp;
                list_push(t->a, &cx->pats, e);
                continue;
            }
            if (e->kind == PAT_IDENT && e->sub && e->sub->kind == PAT_REST) {
                /* `rest @ ..` binds the remaining slice */
                Type *st = ty_slice(t, el);
                BindMode m = e->by_ref ? (e->mut_ ? BIND_REF_MUT : BIND_REF) : mode;
                if (m == BIND_VALUE && exp->kind == TYPE_SLICE) m = BIND_REF;
                bind(cx, e, st, m);
                e->type = st;
                e->sub->type = st;
                list_push(t->a, &cx->pats, e);
                list_push(t->a, &cx->pats, e->sub);
                continue;
            }
            cx_pat(cx, e, el, mode, false);
        }
        return;
    }
    }
}

/* ------------------------------------------------------- exhaustiveness */

typedef __int128 I128;

typedef enum { C_WILD, C_SINGLE, C_VARIANT, C_BOOL, C_RANGE, C_SLICE, C_OPAQUE, C_REF } CtorKind;

/* A deconstructed pattern: a constructor and its fields. Ranges stand for
 * integer and char literals/ranges; slices carry their length (varlen: at
 * least that many); opaque constructors (strings, floats) cover nothing
 * but themselves. */
typedef struct DPat DPat;
struct DPat {
    CtorKind k;
    int variant;        /* VARIANT index, BOOL value */
    I128 lo, hi;        /* RANGE, inclusive */
    int len;            /* SLICE */
    bool varlen;
    int prefix;         /* SLICE varlen: elements before `..` */
    Type *ty;           /* the type matched (after implicit derefs) */
    DPat **fields;
    int nfields;
    DPat **alts;        /* or-pattern */
    int nalts;
};

typedef struct Ex {
    FnCtx *cx;
    Tcx *t;
    int budget;         /* bounds the work on hostile input */
} Ex;

static DPat *dp_new(Ex *x, CtorKind k, Type *ty) {
    DPat *d = arena_alloc(x->t->a, sizeof *d);
    d->k = k;
    d->ty = ty;
    return d;
}

static DPat *dp_wild(Ex *x, Type *ty) { return dp_new(x, C_WILD, ty); }

static bool int_bounds(Type *ty, I128 *lo, I128 *hi) {
    if (ty->kind == TYPE_CHAR) {
        *lo = 0;
        *hi = 0x10FFFF;
        return true;
    }
    if (ty->kind != TYPE_INT) return false;
    static const int bits[] = { 8, 16, 32, 64, 128, 64, 8, 16, 32, 64, 128, 64 };
    int b = bits[ty->sub];
    if (ty->sub <= INT_ISIZE) {
        *hi = b == 128 ? (I128)(((unsigned __int128)1 << 127) - 1) : ((I128)1 << (b - 1)) - 1;
        *lo = -*hi - 1;
    } else {
        *lo = 0;
        *hi = b == 128 ? (I128)(((unsigned __int128)1 << 127) - 1) : ((I128)1 << b) - 1;
    }
    return true;
}

static bool lit_value(Ex *x, Expr *e, I128 *v) {
    if (!e) return false;
    if (e->kind == EX_INT || e->kind == EX_CHAR || e->kind == EX_BYTE) {
        *v = (I128)e->ival;
        return true;
    }
    if (e->kind == EX_BOOL) {
        *v = (I128)e->ival;
        return true;
    }
    if (e->kind == EX_UNARY && e->op == P_MINUS && e->lhs && e->lhs->kind == EX_INT) {
        *v = -(I128)e->lhs->ival;
        return true;
    }
    if (e->kind == EX_PATH && e->res && e->res->kind == RES_CONST && e->res->def && e->res->def->item &&
        e->res->def->item->value && e->res->def != x->cx->def) {
        Expr *val = e->res->def->item->value;
        if (val->kind == EX_INT || val->kind == EX_CHAR || (val->kind == EX_UNARY && val->lhs && val->lhs->kind == EX_INT))
            return lit_value(x, val, v);
    }
    return false;
}

static Type *field_type(Ex *x, Def *holder, int i, Type *adt) {
    Type *r = ty_resolve(x->t, adt);
    Type *ft = holder->fields[i].ty;
    return ty_zonk(x->t, tr_normalize(x->t, ty_subst(x->t, ft, r->args, r->nargs)), false);
}

static DPat *lower_pat(Ex *x, Pat *p, Type *ty);

/* Implicit derefs of default binding modes: wrap in REF constructors. */
static DPat *lower_pat(Ex *x, Pat *p, Type *ty) {
    Tcx *t = x->t;
    ty = ty_zonk(t, ty, false);
    if (!p || --x->budget < 0) return dp_wild(x, ty);
    bool nonref = is_non_reference(p) || (p->kind == PAT_IDENT && p->res && p->res->kind != RES_LOCAL);
    if (nonref && ty->kind == TYPE_REF) {
        DPat *r = dp_new(x, C_REF, ty);
        r->nfields = 1;
        r->fields = arena_alloc(t->a, sizeof(DPat *));
        r->fields[0] = lower_pat(x, p, ty->inner);
        return r;
    }
    switch (p->kind) {
    case PAT_WILD:
    case PAT_ERROR:
    case PAT_REST:
        return dp_wild(x, ty);
    case PAT_IDENT:
        if (p->res && p->res->kind == RES_LOCAL) return p->sub ? lower_pat(x, p->sub, ty) : dp_wild(x, ty);
        /* a unit variant / const named by an identifier */
        /* fallthrough */
    case PAT_PATH: {
        Res *r = p->res;
        if (!r || !r->def) return dp_wild(x, ty);
        if (r->kind == RES_CONST) {
            I128 v;
            if (r->def->item && r->def->item->value && lit_value(x, r->def->item->value, &v) &&
                (ty->kind == TYPE_INT || ty->kind == TYPE_CHAR)) {
                DPat *d = dp_new(x, C_RANGE, ty);
                d->lo = d->hi = v;
                return d;
            }
            return dp_new(x, C_OPAQUE, ty);
        }
        if (r->def->kind == DEF_VARIANT) {
            DPat *d = dp_new(x, C_VARIANT, ty);
            d->variant = r->def->index;
            return d;
        }
        return dp_new(x, C_SINGLE, ty);
    }
    case PAT_LIT: {
        I128 v;
        if (ty->kind == TYPE_BOOL && p->lit && p->lit->kind == EX_BOOL) {
            DPat *d = dp_new(x, C_BOOL, ty);
            d->variant = (int)p->lit->ival;
            return d;
        }
        if ((ty->kind == TYPE_INT || ty->kind == TYPE_CHAR) && lit_value(x, p->lit, &v)) {
            DPat *d = dp_new(x, C_RANGE, ty);
            d->lo = d->hi = v;
            return d;
        }
        if (ty->kind == TYPE_REF && p->lit && (p->lit->kind == EX_STR || p->lit->kind == EX_BYTE_STR)) {
            /* `"a"` against `&str`: a reference to an opaque string (witness `&_`) */
            DPat *r = dp_new(x, C_REF, ty);
            r->nfields = 1;
            r->fields = arena_alloc(t->a, sizeof(DPat *));
            r->fields[0] = dp_new(x, C_OPAQUE, ty->inner);
            return r;
        }
        return dp_new(x, C_OPAQUE, ty);
    }
    case PAT_RANGE: {
        I128 lo, hi, tlo, thi;
        if (!int_bounds(ty, &tlo, &thi)) return dp_new(x, C_OPAQUE, ty);
        if (!p->lit || !lit_value(x, p->lit, &lo)) lo = tlo;
        if (!p->hi) hi = thi;
        else if (!lit_value(x, p->hi, &hi)) return dp_new(x, C_OPAQUE, ty);
        else if (!p->inclusive) hi -= 1;
        DPat *d = dp_new(x, C_RANGE, ty);
        d->lo = lo;
        d->hi = hi;
        return d;
    }
    case PAT_TUPLE: {
        if (ty->kind != TYPE_TUPLE) return dp_wild(x, ty);
        DPat *d = dp_new(x, C_SINGLE, ty);
        d->nfields = ty->nargs;
        d->fields = arena_alloc(t->a, sizeof(DPat *) * (size_t)(ty->nargs + 1));
        int rest = -1;
        for (int i = 0; i < p->elems.n; i++)
            if (LIST_GET(p->elems, i, Pat)->kind == PAT_REST) rest = i;
        for (int i = 0; i < ty->nargs; i++) d->fields[i] = dp_wild(x, ty->args[i]);
        for (int i = 0; i < p->elems.n; i++) {
            if (i == rest) continue;
            int k = rest < 0 || i < rest ? i : ty->nargs - (p->elems.n - i);
            if (k >= 0 && k < ty->nargs) d->fields[k] = lower_pat(x, LIST_GET(p->elems, i, Pat), ty->args[k]);
        }
        return d;
    }
    case PAT_TUPLE_STRUCT:
    case PAT_STRUCT: {
        Res *r = p->res;
        if (!r || !r->def || (r->def->kind != DEF_VARIANT && r->def->kind != DEF_STRUCT) || ty->kind != TYPE_ADT)
            return dp_wild(x, ty);
        Def *h = r->def;
        DPat *d = dp_new(x, h->kind == DEF_VARIANT ? C_VARIANT : C_SINGLE, ty);
        d->variant = h->kind == DEF_VARIANT ? h->index : 0;
        d->nfields = h->nfields;
        d->fields = arena_alloc(t->a, sizeof(DPat *) * (size_t)(h->nfields + 1));
        for (int i = 0; i < h->nfields; i++) d->fields[i] = dp_wild(x, field_type(x, h, i, ty));
        if (p->kind == PAT_STRUCT) {
            for (int i = 0; i < p->fields.n; i++) {
                PatField *f = LIST_GET(p->fields, i, PatField);
                for (int k = 0; k < h->nfields; k++)
                    if (h->fields[k].name == f->name) d->fields[k] = lower_pat(x, f->pat, field_type(x, h, k, ty));
            }
        } else {
            int rest = -1;
            for (int i = 0; i < p->elems.n; i++)
                if (LIST_GET(p->elems, i, Pat)->kind == PAT_REST) rest = i;
            for (int i = 0; i < p->elems.n; i++) {
                if (i == rest) continue;
                int k = rest < 0 || i < rest ? i : h->nfields - (p->elems.n - i);
                if (k >= 0 && k < h->nfields) d->fields[k] = lower_pat(x, LIST_GET(p->elems, i, Pat), field_type(x, h, k, ty));
            }
        }
        return d;
    }
    case PAT_REF: {
        if (ty->kind != TYPE_REF) return dp_wild(x, ty);
        DPat *d = dp_new(x, C_REF, ty);
        d->nfields = 1;
        d->fields = arena_alloc(t->a, sizeof(DPat *));
        d->fields[0] = lower_pat(x, p->sub, ty->inner);
        return d;
    }
    case PAT_OR: {
        DPat *d = dp_new(x, C_WILD, ty);
        d->nalts = p->elems.n;
        d->alts = arena_alloc(t->a, sizeof(DPat *) * (size_t)(p->elems.n + 1));
        for (int i = 0; i < p->elems.n; i++) d->alts[i] = lower_pat(x, LIST_GET(p->elems, i, Pat), ty);
        return d;
    }
    case PAT_SLICE: {
        if (ty->kind != TYPE_SLICE && ty->kind != TYPE_ARRAY) return dp_wild(x, ty);
        Type *el = ty->inner;
        int rest = -1;
        for (int i = 0; i < p->elems.n; i++) {
            Pat *e = LIST_GET(p->elems, i, Pat);
            if (e->kind == PAT_REST || (e->kind == PAT_IDENT && e->sub && e->sub->kind == PAT_REST)) rest = i;
        }
        DPat *d = dp_new(x, C_SLICE, ty);
        d->varlen = rest >= 0;
        d->len = p->elems.n - (rest >= 0 ? 1 : 0);
        d->prefix = rest >= 0 ? rest : d->len;
        d->nfields = d->len;
        d->fields = arena_alloc(t->a, sizeof(DPat *) * (size_t)(d->len + 1));
        int k = 0;
        for (int i = 0; i < p->elems.n; i++) {
            if (i == rest) continue;
            d->fields[k++] = lower_pat(x, LIST_GET(p->elems, i, Pat), el);
        }
        if (ty->kind == TYPE_ARRAY && !d->varlen) {
            /* an array pattern of the array's length is the only constructor */
            d->k = C_SINGLE;
        } else if (ty->kind == TYPE_ARRAY) {
            /* `[a, .., b]` on [T; N]: expand to N fields */
            int n = (int)ty->id;
            DPat *s = dp_new(x, C_SINGLE, ty);
            s->nfields = n;
            s->fields = arena_alloc(t->a, sizeof(DPat *) * (size_t)(n + 1));
            for (int i = 0; i < n; i++) s->fields[i] = dp_wild(x, el);
            for (int i = 0; i < d->prefix && i < n; i++) s->fields[i] = d->fields[i];
            int suffix = d->len - d->prefix;
            for (int i = 0; i < suffix && n - suffix + i >= 0; i++) s->fields[n - suffix + i] = d->fields[d->prefix + i];
            return s;
        }
        return d;
    }
    }
    return dp_wild(x, ty);
}

/* A row: patterns for each column. */
typedef struct Row {
    DPat **p;
    int n;
} Row;

typedef struct Matrix {
    Row *rows;
    int n, cap;
} Matrix;

static void push_row(Ex *x, Matrix *m, Row r) {
    if (m->n == m->cap) {
        int cap = m->cap ? m->cap * 2 : 8;
        Row *v = arena_alloc(x->t->a, sizeof(Row) * (size_t)cap);
        if (m->n) copy_n(v, m->rows, sizeof(Row) * (size_t)m->n);
        m->rows = v;
        m->cap = cap;
    }
    m->rows[m->n++] = r;
}

/* Or-patterns in the first column expand into several rows. */
static void push_expanded(Ex *x, Matrix *m, Row r, int depth) {
    if (r.n && r.p[0]->nalts && depth < 16) {
        for (int i = 0; i < r.p[0]->nalts; i++) {
            Row nr = { arena_alloc(x->t->a, sizeof(DPat *) * (size_t)r.n), r.n };
            copy_n(nr.p, r.p, sizeof(DPat *) * (size_t)r.n);
            nr.p[0] = r.p[0]->alts[i];
            push_expanded(x, m, nr, depth + 1);
        }
        return;
    }
    push_row(x, m, r);
}

/* The constructor a column value can take, as a DPat template. */
typedef struct Ctor {
    CtorKind k;
    int variant;
    I128 lo, hi;
    int len;
    bool varlen;
} Ctor;

static int ctor_arity(Ex *x, Ctor *c, Type *ty) {
    (void)x;
    switch (c->k) {
    case C_SINGLE:
        if (ty->kind == TYPE_TUPLE) return ty->nargs;
        if (ty->kind == TYPE_ADT && ty->def->kind == DEF_STRUCT) return ty->def->nfields;
        if (ty->kind == TYPE_ARRAY) return (int)ty->id;
        return 0;
    case C_VARIANT:
        if (ty->kind == TYPE_ADT && ty->def->kind == DEF_ENUM && c->variant < ty->def->nvariants)
            return ty->def->variants[c->variant]->nfields;
        return 0;
    case C_REF: return 1;
    case C_SLICE: return c->len;
    default: return 0;
    }
}

static Type *ctor_field_type(Ex *x, Ctor *c, Type *ty, int i) {
    Tcx *t = x->t;
    switch (c->k) {
    case C_SINGLE:
        if (ty->kind == TYPE_TUPLE) return ty->args[i];
        if (ty->kind == TYPE_ADT) return field_type(x, ty->def, i, ty);
        if (ty->kind == TYPE_ARRAY) return ty->inner;
        return t->t_err;
    case C_VARIANT: return field_type(x, ty->def->variants[c->variant], i, ty);
    case C_REF: return ty->inner;
    case C_SLICE: return ty->inner;
    default: return t->t_err;
    }
}

/* Does pattern d (a constructor, not a wildcard) cover constructor c? */
static bool covers(DPat *d, Ctor *c) {
    switch (c->k) {
    case C_SINGLE:
    case C_REF: return d->k == c->k;
    case C_VARIANT:
    case C_BOOL: return d->k == c->k && d->variant == c->variant;
    case C_RANGE: return d->k == C_RANGE && d->lo <= c->lo && c->hi <= d->hi;
    case C_SLICE:
        if (d->k != C_SLICE) return false;
        if (d->varlen) return c->len >= d->len;
        return !c->varlen && c->len == d->len;
    default: return false;
    }
}

/* The fields of row head d seen as constructor c (slices: varlen patterns
 * stretch to c's length). */
static DPat **spec_fields(Ex *x, DPat *d, Ctor *c, Type *ty, int arity) {
    DPat **f = arena_alloc(x->t->a, sizeof(DPat *) * (size_t)(arity + 1));
    if (d->k == C_WILD) {
        for (int i = 0; i < arity; i++) f[i] = dp_wild(x, ctor_field_type(x, c, ty, i));
        return f;
    }
    if (d->k == C_SLICE && d->varlen) {
        int suffix = d->len - d->prefix;
        for (int i = 0; i < arity; i++) f[i] = dp_wild(x, ty->inner);
        for (int i = 0; i < d->prefix && i < arity; i++) f[i] = d->fields[i];
        for (int i = 0; i < suffix; i++)
            if (arity - suffix + i >= 0) f[arity - suffix + i] = d->fields[d->prefix + i];
        return f;
    }
    for (int i = 0; i < arity; i++) f[i] = i < d->nfields ? d->fields[i] : dp_wild(x, ctor_field_type(x, c, ty, i));
    return f;
}

static Matrix specialize(Ex *x, Matrix *m, Ctor *c, Type *ty, int arity) {
    Matrix r = { 0 };
    for (int i = 0; i < m->n; i++) {
        Row *row = &m->rows[i];
        DPat *h = row->p[0];
        if (h->k != C_WILD && !covers(h, c)) continue;
        Row nr = { arena_alloc(x->t->a, sizeof(DPat *) * (size_t)(arity + row->n)), arity + row->n - 1 };
        DPat **f = spec_fields(x, h, c, ty, arity);
        copy_n(nr.p, f, sizeof(DPat *) * (size_t)arity);
        copy_n(nr.p + arity, row->p + 1, sizeof(DPat *) * (size_t)(row->n - 1));
        push_expanded(x, &r, nr, 0);
    }
    return r;
}

/* A witness: patterns (one per column) the matrix does not cover. */
typedef struct Witness {
    DPat **p;
    int n;
} Witness;

typedef struct WList {
    Witness *w;
    int n, cap;
    int total;          /* counted beyond the kept ones */
} WList;

enum { MAX_WITNESSES = 8 };

static void wl_push(Ex *x, WList *l, Witness w) {
    l->total++;
    if (l->n >= MAX_WITNESSES) return;
    if (l->n == l->cap) {
        int cap = l->cap ? l->cap * 2 : 4;
        Witness *v = arena_alloc(x->t->a, sizeof(Witness) * (size_t)cap);
        if (l->n) copy_n(v, l->w, sizeof(Witness) * (size_t)l->n);
        l->w = v;
        l->cap = cap;
    }
    l->w[l->n++] = w;
}

/* All constructors of a type, split so that every range/slice length in
 * the column is either inside or outside each one. */
static int all_ctors(Ex *x, Type *ty, Matrix *m, Ctor **out, bool *infinite) {
    Tcx *t = x->t;
    *infinite = false;
    Ctor *c = NULL;
    int n = 0;
    if (ty->kind == TYPE_BOOL) {
        c = arena_alloc(t->a, sizeof(Ctor) * 2);
        c[0] = (Ctor){ C_BOOL, 0, 0, 0, 0, false };
        c[1] = (Ctor){ C_BOOL, 1, 0, 0, 0, false };
        n = 2;
    } else if (ty->kind == TYPE_ADT && ty->def->kind == DEF_ENUM) {
        n = ty->def->nvariants;
        c = arena_alloc(t->a, sizeof(Ctor) * (size_t)(n + 1));
        for (int i = 0; i < n; i++) c[i] = (Ctor){ C_VARIANT, i, 0, 0, 0, false };
    } else if (ty->kind == TYPE_ADT || ty->kind == TYPE_TUPLE || ty->kind == TYPE_ARRAY) {
        c = arena_alloc(t->a, sizeof(Ctor));
        c[0] = (Ctor){ C_SINGLE, 0, 0, 0, 0, false };
        n = 1;
    } else if (ty->kind == TYPE_REF) {
        c = arena_alloc(t->a, sizeof(Ctor));
        c[0] = (Ctor){ C_REF, 0, 0, 0, 0, false };
        n = 1;
    } else if (ty->kind == TYPE_INT || ty->kind == TYPE_CHAR) {
        I128 lo, hi;
        int_bounds(ty, &lo, &hi);
        /* boundaries: every range start and end+1 in the column */
        int nb = 0, cap = 2 * m->n + 4;
        I128 *b = arena_alloc(t->a, sizeof(I128) * (size_t)cap);
        b[nb++] = lo;
        if (ty->kind == TYPE_CHAR) {
            b[nb++] = 0xD800;
            b[nb++] = 0xE000;
        }
        for (int i = 0; i < m->n && nb + 2 < cap; i++) {
            DPat *d = m->rows[i].p[0];
            if (d->k != C_RANGE) continue;
            if (d->lo > lo && d->lo <= hi) b[nb++] = d->lo;
            if (d->hi < hi && d->hi >= lo) b[nb++] = d->hi + 1;
        }
        /* sort and dedupe */
        for (int i = 1; i < nb; i++)
            for (int j = i; j > 0 && b[j - 1] > b[j]; j--) {
                I128 tmp = b[j];
                b[j] = b[j - 1];
                b[j - 1] = tmp;
            }
        c = arena_alloc(t->a, sizeof(Ctor) * (size_t)(nb + 1));
        for (int i = 0; i < nb; i++) {
            if (i && b[i] == b[i - 1]) continue;
            I128 e = hi;
            for (int j = i + 1; j < nb; j++)
                if (b[j] > b[i]) {
                    e = b[j] - 1;
                    break;
                }
            if (ty->kind == TYPE_CHAR && b[i] == 0xD800) continue; /* surrogates are not chars */
            c[n++] = (Ctor){ C_RANGE, 0, b[i], e, 0, false };
        }
    } else if (ty->kind == TYPE_SLICE) {
        int maxlen = 0;
        bool any_var = false;
        for (int i = 0; i < m->n; i++) {
            DPat *d = m->rows[i].p[0];
            if (d->k != C_SLICE) continue;
            if (d->len > maxlen) maxlen = d->len;
            any_var |= d->varlen;
        }
        if (maxlen > 64) maxlen = 64;
        (void)any_var;
        c = arena_alloc(t->a, sizeof(Ctor) * (size_t)(maxlen + 2));
        for (int i = 0; i <= maxlen; i++) c[n++] = (Ctor){ C_SLICE, 0, 0, 0, i, false };
        c[n++] = (Ctor){ C_SLICE, 0, 0, 0, maxlen + 1, true };
    } else if (ty->kind == TYPE_NEVER) {
        n = 0;
    } else {
        *infinite = ty->kind != TYPE_ERROR && ty->kind != TYPE_INFER && ty->kind != TYPE_PARAM && ty->kind != TYPE_OPAQUE &&
                    ty->kind != TYPE_DYN && ty->kind != TYPE_CLOSURE && ty->kind != TYPE_FNDEF && ty->kind != TYPE_FNPTR &&
                    ty->kind != TYPE_PROJ;
        if (ty->kind == TYPE_STR || ty->kind == TYPE_FLOAT) *infinite = true;
        n = -1; /* only wildcards can cover it */
    }
    *out = c;
    return n;
}

static DPat *ctor_pat(Ex *x, Ctor *c, Type *ty, DPat **fields, int arity) {
    DPat *d = dp_new(x, c->k, ty);
    d->variant = c->variant;
    d->lo = c->lo;
    d->hi = c->hi;
    d->len = c->len;
    d->varlen = c->varlen;
    d->prefix = c->len;
    d->fields = fields;
    d->nfields = arity;
    return d;
}

/* Witnesses of `q` (all wildcards of the given types) not covered by m. */
static void useful(Ex *x, Matrix *m, Type **tys, int ncol, WList *out) {
    Tcx *t = x->t;
    if (--x->budget < 0) return;
    if (ncol == 0) {
        if (m->n == 0) wl_push(x, out, (Witness){ NULL, 0 });
        return;
    }
    Type *ty = ty_zonk(t, tys[0], false);
    Ctor *ctors;
    bool infinite;
    int nc = all_ctors(x, ty, m, &ctors, &infinite);
    /* which constructors the column's heads use */
    bool wild_only = true;
    for (int i = 0; i < m->n; i++)
        if (m->rows[i].p[0]->k != C_WILD) wild_only = false;
    int nused = 0;
    bool *used = nc > 0 ? arena_alloc(t->a, sizeof(bool) * (size_t)nc) : NULL;
    for (int k = 0; k < nc; k++)
        for (int i = 0; i < m->n && !used[k]; i++)
            if (m->rows[i].p[0]->k != C_WILD && covers(m->rows[i].p[0], &ctors[k])) {
                used[k] = true;
                nused++;
            }
    bool complete = nc >= 0 && nused == nc && !wild_only;
    if (nc == 0) complete = true;
    if (complete && nc > 0) {
        for (int k = 0; k < nc; k++) {
            int arity = ctor_arity(x, &ctors[k], ty);
            Matrix s = specialize(x, m, &ctors[k], ty, arity);
            Type **ft = arena_alloc(t->a, sizeof(Type *) * (size_t)(arity + ncol));
            for (int i = 0; i < arity; i++) ft[i] = ctor_field_type(x, &ctors[k], ty, i);
            copy_n(ft + arity, tys + 1, sizeof(Type *) * (size_t)(ncol - 1));
            WList sub = { 0 };
            useful(x, &s, ft, arity + ncol - 1, &sub);
            for (int w = 0; w < sub.n; w++) {
                Witness nw = { arena_alloc(t->a, sizeof(DPat *) * (size_t)ncol), ncol };
                nw.p[0] = ctor_pat(x, &ctors[k], ty, sub.w[w].p, arity);
                copy_n(nw.p + 1, sub.w[w].p + arity, sizeof(DPat *) * (size_t)(ncol - 1));
                wl_push(x, out, nw);
            }
            out->total += sub.total - sub.n;
        }
        return;
    }
    /* the default matrix: rows whose head is a wildcard */
    Matrix d = { 0 };
    for (int i = 0; i < m->n; i++) {
        if (m->rows[i].p[0]->k != C_WILD) continue;
        Row nr = { m->rows[i].p + 1, m->rows[i].n - 1 };
        push_expanded(x, &d, nr, 0);
    }
    WList sub = { 0 };
    useful(x, &d, tys + 1, ncol - 1, &sub);
    if (!sub.n) return;
    for (int w = 0; w < sub.n; w++) {
        if (nc > 0 && nused > 0) {
            /* one witness per missing constructor, as rustc lists them */
            for (int k = 0; k < nc; k++) {
                if (used[k]) continue;
                int arity = ctor_arity(x, &ctors[k], ty);
                DPat **f = arena_alloc(t->a, sizeof(DPat *) * (size_t)(arity + 1));
                for (int i = 0; i < arity; i++) f[i] = dp_wild(x, ctor_field_type(x, &ctors[k], ty, i));
                Witness nw = { arena_alloc(t->a, sizeof(DPat *) * (size_t)ncol), ncol };
                nw.p[0] = ctor_pat(x, &ctors[k], ty, f, arity);
                copy_n(nw.p + 1, sub.w[w].p, sizeof(DPat *) * (size_t)(ncol - 1));
                wl_push(x, out, nw);
            }
        } else {
            Witness nw = { arena_alloc(t->a, sizeof(DPat *) * (size_t)ncol), ncol };
            nw.p[0] = dp_wild(x, ty);
            copy_n(nw.p + 1, sub.w[w].p, sizeof(DPat *) * (size_t)(ncol - 1));
            wl_push(x, out, nw);
        }
    }
    (void)infinite;
}

/* ------------------------------------------------------------ printing */

static void print_int(Ex *x, Buf *b, I128 v, Type *ty, bool range_end_max) {
    (void)range_end_max;
    static const char *const names[] = { "i8", "i16", "i32", "i64", "i128", "isize", "u8", "u16", "u32", "u64", "u128", "usize" };
    if (ty->kind == TYPE_CHAR) {
        if (v == 0) buf_puts(b, "'\\0'");
        else if (v == '\'') buf_puts(b, "'\\''");
        else if (v == '\\') buf_puts(b, "'\\\\'");
        else if (v >= 0x20 && v < 0x7f) buf_printf(b, "'%c'", (char)v);
        else if (v == '\n') buf_puts(b, "'\\n'");
        else if (v == '\t') buf_puts(b, "'\\t'");
        else if (v == '\r') buf_puts(b, "'\\r'");
        else buf_printf(b, "'\\u{%llx}'", (unsigned long long)v);
        return;
    }
    I128 lo, hi;
    int_bounds(ty, &lo, &hi);
    const char *nm = names[ty->sub];
    if (v == hi && (ty->sub > INT_ISIZE || true) && v != 0) {
        buf_printf(b, "%s::MAX", nm);
        return;
    }
    if (v == lo && v != 0) {
        buf_printf(b, "%s::MIN", nm);
        return;
    }
    (void)x;
    char tmp[64];
    int k = 0;
    unsigned __int128 u = v < 0 ? (unsigned __int128)(-(v + 1)) + 1 : (unsigned __int128)v;
    do {
        tmp[k++] = (char)('0' + (int)(u % 10));
        u /= 10;
    } while (u && k < 60);
    if (v < 0) buf_putc(b, '-');
    while (k) buf_putc(b, tmp[--k]);
    buf_printf(b, "_%s", nm);
}

static void print_witness(Ex *x, Buf *b, DPat *d, int depth) {
    Tcx *t = x->t;
    if (depth > 40) {
        buf_putc(b, '_');
        return;
    }
    Type *ty = ty_zonk(t, d->ty, false);
    switch (d->k) {
    case C_WILD:
    case C_OPAQUE:
        buf_putc(b, '_');
        return;
    case C_BOOL: buf_puts(b, d->variant ? "true" : "false"); return;
    case C_RANGE:
        if (d->lo == d->hi) {
            print_int(x, b, d->lo, ty, false);
        } else {
            print_int(x, b, d->lo, ty, false);
            buf_puts(b, "..=");
            print_int(x, b, d->hi, ty, true);
        }
        return;
    case C_REF:
        buf_putc(b, '&');
        print_witness(x, b, d->fields[0], depth + 1);
        return;
    case C_SLICE:
        buf_putc(b, '[');
        for (int i = 0; i < d->nfields; i++) {
            if (i) buf_puts(b, ", ");
            print_witness(x, b, d->fields[i], depth + 1);
        }
        if (d->varlen) buf_puts(b, d->nfields ? ", .." : "..");
        buf_putc(b, ']');
        return;
    case C_SINGLE:
    case C_VARIANT: {
        Def *h = NULL;
        if (ty->kind == TYPE_TUPLE) {
            buf_putc(b, '(');
            for (int i = 0; i < d->nfields; i++) {
                if (i) buf_puts(b, ", ");
                print_witness(x, b, d->fields[i], depth + 1);
            }
            if (d->nfields == 1) buf_putc(b, ',');
            buf_putc(b, ')');
            return;
        }
        if (ty->kind == TYPE_ARRAY) {
            buf_putc(b, '[');
            for (int i = 0; i < d->nfields; i++) {
                if (i) buf_puts(b, ", ");
                print_witness(x, b, d->fields[i], depth + 1);
            }
            buf_putc(b, ']');
            return;
        }
        if (ty->kind != TYPE_ADT) {
            buf_putc(b, '_');
            return;
        }
        if (d->k == C_VARIANT) {
            h = ty->def->variants[d->variant];
            /* the prelude's Option and Result print bare, as rustc's */
            if (ty->def->prelude && (ty->def == t->wk.option || ty->def == t->wk.result)) buf_puts(b, h->name);
            else buf_printf(b, "%s::%s", ty->def->name, h->name);
        } else {
            h = ty->def;
            buf_puts(b, h->name);
        }
        if (h->shape == STRUCT_TUPLE) {
            buf_putc(b, '(');
            for (int i = 0; i < d->nfields; i++) {
                if (i) buf_puts(b, ", ");
                print_witness(x, b, d->fields[i], depth + 1);
            }
            buf_putc(b, ')');
        } else if (h->shape == STRUCT_NAMED) {
            bool any = false;
            for (int i = 0; i < d->nfields; i++) any |= d->fields[i]->k != C_WILD;
            if (!any) {
                buf_puts(b, " { .. }");
            } else {
                buf_puts(b, " { ");
                bool first = true;
                for (int i = 0; i < d->nfields; i++) {
                    if (d->fields[i]->k == C_WILD) continue;
                    if (!first) buf_puts(b, ", ");
                    first = false;
                    buf_printf(b, "%s: ", h->fields[i].name);
                    print_witness(x, b, d->fields[i], depth + 1);
                }
                buf_puts(b, ", .. }");
            }
        }
        return;
    }
    }
}

/* rustc's joined_uncovered_patterns: up to three listed, then "and N more". */
static const char *witness_list(Ex *x, WList *wl, int *count) {
    Buf b = { 0 };
    int shown = wl->total <= 3 ? wl->n : 3;
    if (shown > wl->n) shown = wl->n;
    for (int i = 0; i < shown; i++) {
        if (i) buf_puts(&b, i == shown - 1 && wl->total == shown ? " and " : ", ");
        buf_putc(&b, '`');
        print_witness(x, &b, wl->w[i].p[0], 0);
        buf_putc(&b, '`');
    }
    if (wl->total > shown) buf_printf(&b, " and %d more", wl->total - shown);
    *count = wl->total;
    const char *s = arena_strndup(x->t->a, b.s ? b.s : "", b.len);
    buf_free(&b);
    return s;
}

/* ------------------------------------------------------------ reports */

void cx_match_exhaustive(FnCtx *cx, Expr *match, Type *scrut) {
    Tcx *t = cx->t;
    Type *st = ty_zonk(t, scrut, false);
    if (st->flags & TF_ERROR) return;
    Ex x = { cx, t, 20000 };
    Matrix m = { 0 };
    for (int i = 0; i < match->arms.n; i++) {
        MatchArm *arm = LIST_GET(match->arms, i, MatchArm);
        if (arm->guard) continue;
        if (arm->pat->type && (ty_zonk(t, arm->pat->type, false)->flags & TF_ERROR)) return;
        Row r = { arena_alloc(t->a, sizeof(DPat *)), 1 };
        r.p[0] = lower_pat(&x, arm->pat, st);
        push_expanded(&x, &m, r, 0);
    }
    WList wl = { 0 };
    Type *tys[1] = { st };
    useful(&x, &m, tys, 1, &wl);
    if (x.budget < 0 || wl.total == 0) return;
    int count;
    const char *list = witness_list(&x, &wl, &count);
    Span sp = match->lhs ? match->lhs->span : match->span;
    Diag *d = cx_deferred(cx, false, sp, "E0004", "non-exhaustive patterns: %s not covered", list);
    if (cx->prelude) return;
    d->spans[0].label = arena_printf(t->a, "pattern%s %s not covered", count == 1 ? "" : "s", list);
    Type *base = st;
    while (base->kind == TYPE_REF) base = ty_resolve(t, base->inner);
    if (base->kind == TYPE_ADT && !base->def->prelude && base->def->kind == DEF_ENUM) {
        Diag *n = diag_child(cx->u, d, DIAG_NOTE, "`%s` defined here", ty_str(t, base));
        diag_span(cx->u, n, base->def->span, true, NULL);
        for (int i = 0; i < wl.n; i++) {
            DPat *w = wl.w[i].p[0];
            while (w->k == C_REF && w->nfields) w = w->fields[0];
            if (w->k == C_VARIANT && w->variant < base->def->nvariants)
                diag_span(cx->u, n, base->def->variants[w->variant]->span, false, "not covered");
        }
    }
    diag_child(cx->u, d, DIAG_NOTE, "the matched value is of type `%s`", ty_str(t, st));
    if (st->kind == TYPE_REF && ty_resolve(t, st->inner)->kind == TYPE_STR)
        diag_child(cx->u, d, DIAG_NOTE, "`&str` cannot be matched exhaustively, so a wildcard `_` is necessary");
    /* the suggested arm goes after the last one */
    Buf arm = { 0 };
    for (int i = 0; i < wl.n && i < 4; i++) {
        if (i) buf_puts(&arm, " | ");
        print_witness(&x, &arm, wl.w[i].p[0], 0);
    }
    if (wl.total > 4) {
        arm.len = 0;
        buf_putc(&arm, '_');
    }
    const char *how = count == 1 ? "by adding a match arm with a wildcard pattern or an explicit pattern as shown"
                      : wl.total > 4 ? "by adding a match arm with a wildcard pattern as shown, or multiple match arms"
                                     : "by adding a match arm with a wildcard pattern, a match arm with multiple or-patterns as shown, or multiple match arms";
    if (match->arms.n) {
        MatchArm *last = LIST_GET(match->arms, match->arms.n - 1, MatchArm);
        Span at = { last->span.hi, last->span.hi };
        /* indented like the last arm */
        uint32_t ls, le, line, col;
        src_line_col(&cx->u->src, last->span.lo, &line, &col);
        src_line_range(&cx->u->src, line, &ls, &le);
        uint32_t ind = ls;
        while (ind < le && (cx->u->src.text[ind] == ' ' || cx->u->src.text[ind] == '\t')) ind++;
        diag_suggest(cx->u, d, at,
                     arena_printf(t->a, ",\n%.*s%s => todo!()", (int)(ind - ls), cx->u->src.text + ls, arm.s ? arm.s : "_"),
                     APP_HAS_PLACEHOLDERS,
                     "ensure that all possible cases are being handled %s", how);
    } else {
        diag_child(cx->u, d, DIAG_HELP, "ensure that all possible cases are being handled %s", how);
    }
    buf_free(&arm);
}

bool cx_pat_refutable(FnCtx *cx, Pat *p) {
    Tcx *t = cx->t;
    if (!p || !p->type) return false;
    Type *st = ty_zonk(t, p->type, false);
    if (st->flags & TF_ERROR) return false;
    Ex x = { cx, t, 5000 };
    Matrix m = { 0 };
    Row r = { arena_alloc(t->a, sizeof(DPat *)), 1 };
    r.p[0] = lower_pat(&x, p, st);
    push_expanded(&x, &m, r, 0);
    WList wl = { 0 };
    Type *tys[1] = { st };
    useful(&x, &m, tys, 1, &wl);
    return x.budget >= 0 && wl.total > 0;
}

typedef struct Irrefutable {
    Pat *p;
    Type *ty;
    Span sp;
    bool is_for;
} Irrefutable;

/* `let`, `for` and parameter patterns must be irrefutable; checked once the
 * body's types are known (finish_body calls cx_check_irrefutable). */
void cx_let_irrefutable(FnCtx *cx, Pat *p, Type *ty, Span sp, bool is_for) {
    if (!p || p->kind == PAT_WILD) return;
    if (p->kind == PAT_IDENT && (!p->res || p->res->kind == RES_LOCAL)) return;
    Irrefutable *r = arena_alloc(cx->t->a, sizeof *r);
    *r = (Irrefutable){ p, ty, sp, is_for };
    list_push(cx->t->a, &cx->irrefutable, r);
}

static void check_irrefutable(FnCtx *cx, Pat *p, Type *ty, Span sp, bool is_for);

void cx_check_irrefutable(FnCtx *cx) {
    for (int i = 0; i < cx->irrefutable.n; i++) {
        Irrefutable *r = LIST_GET(cx->irrefutable, i, Irrefutable);
        check_irrefutable(cx, r->p, r->ty, r->sp, r->is_for);
    }
}

static void check_irrefutable(FnCtx *cx, Pat *p, Type *ty, Span sp, bool is_for) {
    Tcx *t = cx->t;
    Type *st = ty_zonk(t, ty, false);
    if (st->flags & (TF_ERROR | TF_INFER)) return;
    Ex x = { cx, t, 5000 };
    Matrix m = { 0 };
    Row r = { arena_alloc(t->a, sizeof(DPat *)), 1 };
    r.p[0] = lower_pat(&x, p, st);
    push_expanded(&x, &m, r, 0);
    WList wl = { 0 };
    Type *tys[1] = { st };
    useful(&x, &m, tys, 1, &wl);
    if (x.budget < 0 || wl.total == 0) return;
    int count;
    const char *list = witness_list(&x, &wl, &count);
    Diag *d = cx_deferred(cx, false, sp, "E0005", "refutable pattern in %s", is_for ? "`for` loop binding" : "local binding");
    if (cx->prelude) return;
    d->spans[0].label = arena_printf(t->a, "pattern%s %s not covered", count == 1 ? "" : "s", list);
    if (!is_for) {
        diag_child(cx->u, d, DIAG_NOTE,
                   "`let` bindings require an \"irrefutable pattern\", like a `struct` or an `enum` with only one variant");
    }
    diag_child(cx->u, d, DIAG_NOTE, "the matched value is of type `%s`", ty_str(t, st));
    if (!is_for) diag_child(cx->u, d, DIAG_HELP, "you might want to use `let...else` to handle the variant%s that %s matched",
                            count == 1 ? "" : "s", count == 1 ? "isn't" : "aren't");
}
