/* check_expr.c — typing of expressions other than paths, calls, method calls
 * and macros (check_call.c): literals, operators, places and mutability
 * (E0384, E0594, E0596), control flow with `break` values and `!`,
 * closures with their captures and Fn/FnMut/FnOnce kind, async blocks,
 * `.await` (E0728), `.box`, `?`, fields, indexing and struct literals.
 */
#include "checker.h"
#include "dyn.h"

#include <string.h>

static Type *expr_inner(FnCtx *cx, Expr *e, Type *expected);

Type *cx_expr(FnCtx *cx, Expr *e, Type *expected) {
    if (!e) return cx->t->t_unit;
    Type *ty = expr_inner(cx, e, expected);
    if (!ty) ty = cx->t->t_err;
    e->type = ty;
    list_push(cx->t->a, &cx->exprs, e);
    return ty;
}

Type *cx_expr_coerce(FnCtx *cx, Expr *e, Type *expected, Span due_to, const char *due_label) {
    cx_expr(cx, e, expected);
    return cx_coerce(cx, e, expected, due_to, due_label);
}

static Type *hint_resolved(FnCtx *cx, Type *expected) {
    if (!expected) return NULL;
    Type *r = ty_resolve(cx->t, expected);
    return r->kind == TYPE_INFER && r->sub == VAR_TY ? NULL : r;
}

/* ----------------------------------------------------------- literals */

static Type *suffix_type(Tcx *t, LitSuffix s) {
    switch (s) {
    case SUF_I8: return t->t_int[INT_I8];
    case SUF_I16: return t->t_int[INT_I16];
    case SUF_I32: return t->t_int[INT_I32];
    case SUF_I64: return t->t_int[INT_I64];
    case SUF_I128: return t->t_int[INT_I128];
    case SUF_ISIZE: return t->t_int[INT_ISIZE];
    case SUF_U8: return t->t_int[INT_U8];
    case SUF_U16: return t->t_int[INT_U16];
    case SUF_U32: return t->t_int[INT_U32];
    case SUF_U64: return t->t_int[INT_U64];
    case SUF_U128: return t->t_int[INT_U128];
    case SUF_USIZE: return t->t_int[INT_USIZE];
    case SUF_F32: return t->t_float[FLOAT_F32];
    case SUF_F64: return t->t_float[FLOAT_F64];
    case SUF_NONE: return NULL;
    }
    return NULL;
}

/* ------------------------------------------------------------ places */

static Span op_span(FnCtx *cx, Expr *e) {
    /* the operator token sits between the operands */
    const char *s = cx->u->src.text;
    uint32_t lo = e->lhs ? e->lhs->span.hi : e->span.lo, hi = e->rhs ? e->rhs->span.lo : e->span.hi;
    if (hi > cx->u->src.len || lo > hi) return e->span;
    while (lo < hi && (s[lo] == ' ' || s[lo] == '\t' || s[lo] == '\n' || s[lo] == '\r')) lo++;
    while (hi > lo && (s[hi - 1] == ' ' || s[hi - 1] == '\t' || s[hi - 1] == '\n' || s[hi - 1] == '\r')) hi--;
    if (hi <= lo) return e->span;
    return (Span){ lo, hi };
}

static const char *expr_text(FnCtx *cx, Expr *e) {
    if (e->span.hi > cx->u->src.len || e->span.hi - e->span.lo > 60) return "value";
    return arena_strndup(cx->t->a, cx->u->src.text + e->span.lo, e->span.hi - e->span.lo);
}

/* Is `e` a place that may be written? Sets the local at its root and
 * whether the path goes through a shared reference. */
bool cx_place_mutable(FnCtx *cx, Expr *e, Local **root, bool *through_ref) {
    Tcx *t = cx->t;
    *root = NULL;
    *through_ref = false;
    for (int depth = 0; e && depth < 128; depth++) {
        switch (e->kind) {
        case EX_PAREN: e = e->lhs; continue;
        case EX_PATH:
            if (e->res && e->res->kind == RES_LOCAL) {
                *root = e->res->local;
                return e->res->local->mut_;
            }
            if (e->res && e->res->kind == RES_STATIC) return e->res->def->item && e->res->def->item->mut_;
            return false;
        case EX_FIELD:
        case EX_INDEX: {
            Adjust *a = e->lhs ? e->lhs->adjust : NULL;
            if (a && a->nderef) {
                /* the last builtin dereference decides: &mut is writable, & is not */
                Type *before = ty_resolve(t, e->lhs->type);
                for (int i = 0; i < a->nderef; i++) {
                    if (!a->overloaded[i] && before->kind == TYPE_REF) {
                        if (!before->mut_) {
                            *through_ref = true;
                            return false;
                        }
                        return true;
                    }
                    before = ty_resolve(t, a->deref_tys[i]);
                }
            }
            e = e->lhs;
            continue;
        }
        case EX_UNARY:
            if (e->op == P_STAR && e->lhs && e->lhs->type) {
                Type *inner = ty_resolve(t, e->lhs->type);
                if (inner->kind == TYPE_REF) {
                    if (!inner->mut_) *through_ref = true;
                    if (e->lhs->kind == EX_PATH && e->lhs->res && e->lhs->res->kind == RES_LOCAL)
                        *root = e->lhs->res->local;
                    return inner->mut_;
                }
                if (inner->kind == TYPE_PTR) return inner->mut_;
                e = e->lhs;
                continue;
            }
            return true;
        default:
            return true;
        }
    }
    return true;
}

static void report_immutable(FnCtx *cx, Expr *place, Span at, bool assign, bool is_op) {
    Tcx *t = cx->t;
    Local *root;
    bool through_ref;
    if (cx_place_mutable(cx, place, &root, &through_ref)) return;
    if (cx->prelude) return;
    const char *pt = expr_text(cx, place);
    if (through_ref) {
        Diag *d = cx_deferred(cx, true, at, assign ? "E0594" : "E0596",
                              "cannot %s `%s`, which is behind a `&` reference", assign ? "assign to" : "borrow", pt);
        if (!assign) d->message = arena_printf(t->a, "cannot borrow `%s` as mutable, as it is behind a `&` reference", pt);
        d->spans[0].label = arena_printf(t->a, "`%s` is a `&` reference, so the data it refers to cannot be %s",
                                         root ? root->name : pt, assign ? "written" : "borrowed as mutable");
        return;
    }
    if (!root) return;
    bool direct = place->kind == EX_PATH;
    if (assign && direct) {
        if (!root->has_init) {
            root->has_init = true; /* `let x; x = 1;` */
            return;
        }
        bool param = root->pat && root->closure_depth >= 0 && !root->has_init;
        (void)param;
        Diag *d = cx_deferred(cx, true, at, "E0384", "cannot assign twice to immutable variable `%s`", root->name);
        d->spans[0].label = "cannot assign twice to immutable variable";
        if (root->span.hi <= cx->u->src.len) {
            diag_span(cx->u, d, root->span, false, "first assignment to `%s`", root->name);
            if (root->pat && root->pat->kind == PAT_IDENT)
                diag_suggest(cx->u, d, (Span){ root->span.lo, root->span.lo }, "mut ", APP_MACHINE_APPLICABLE,
                             "consider making this binding mutable");
        }
        (void)is_op;
        return;
    }
    Diag *d;
    if (assign)
        d = cx_deferred(cx, true, at, "E0594", "cannot assign to `%s`, as `%s` is not declared as mutable", pt,
                        root->name);
    else
        d = cx_deferred(cx, true, at, "E0596", "cannot borrow `%s` as mutable, as it is not declared as mutable", pt);
    d->spans[0].label = assign ? "cannot assign" : "cannot borrow as mutable";
    if (root->span.hi <= cx->u->src.len && root->pat && root->pat->kind == PAT_IDENT)
        diag_suggest(cx->u, d, (Span){ root->span.lo, root->span.lo }, "mut ", APP_MACHINE_APPLICABLE,
                     "consider changing this to be mutable");
}

/* Mutable borrows the checker itself introduces (`&mut self` methods). */
void cx_require_mut_place(FnCtx *cx, Expr *place, Span at) { report_immutable(cx, place, at, false, false); }

/* ---------------------------------------------------------- operators */

static bool is_num(Type *t) { return t->kind == TYPE_INT || t->kind == TYPE_FLOAT || (t->kind == TYPE_INFER && t->sub != VAR_TY); }
static bool is_intlike(Type *t) { return t->kind == TYPE_INT || (t->kind == TYPE_INFER && t->sub == VAR_INT); }
static bool is_floatlike(Type *t) { return t->kind == TYPE_FLOAT || (t->kind == TYPE_INFER && t->sub == VAR_FLOAT); }

static int op_trait_index(TokenKind op) {
    switch (op) {
    case P_PLUS: case P_PLUS_EQ: return 0;
    case P_MINUS: case P_MINUS_EQ: return 1;
    case P_STAR: case P_STAR_EQ: return 2;
    case P_SLASH: case P_SLASH_EQ: return 3;
    case P_PERCENT: case P_PERCENT_EQ: return 4;
    case P_AMP: case P_AMP_EQ: return 5;
    case P_PIPE: case P_PIPE_EQ: return 6;
    case P_CARET: case P_CARET_EQ: return 7;
    case P_SHL: case P_SHL_EQ: return 8;
    case P_SHR: case P_SHR_EQ: return 9;
    default: return -1;
    }
}

static const char *op_message(FnCtx *cx, int k, Type *l, Type *r) {
    Tcx *t = cx->t;
    const char *ls = ty_str(t, l), *rs = ty_str(t, r);
    static const char *const sym[] = { "+", "-", "*", "/", "%", "&", "|", "^", "<<", ">>" };
    switch (k) {
    case 0:
        if (is_floatlike(l) && is_intlike(r)) return "cannot add an integer to a float";
        if (is_intlike(l) && is_floatlike(r)) return "cannot add a float to an integer";
        return arena_printf(t->a, "cannot add `%s` to `%s`", rs, ls);
    case 1:
        if (is_floatlike(l) && is_intlike(r)) return "cannot subtract an integer from a float";
        return arena_printf(t->a, "cannot subtract `%s` from `%s`", rs, ls);
    case 2:
        if (is_floatlike(l) && is_intlike(r)) return "cannot multiply a float by an integer";
        return arena_printf(t->a, "cannot multiply `%s` by `%s`", ls, rs);
    case 3:
        if (is_floatlike(l) && is_intlike(r)) return "cannot divide a float by an integer";
        return arena_printf(t->a, "cannot divide `%s` by `%s`", ls, rs);
    case 4: return arena_printf(t->a, "cannot calculate the remainder of `%s` divided by `%s`", ls, rs);
    default: return arena_printf(t->a, "no implementation for `%s %s %s`", ls, sym[k], rs);
    }
}

/* `l op r` for a type with no implementation of the operator trait at all:
 * E0369; with implementations for other right-hand sides: E0277. */
static void report_binop(FnCtx *cx, Expr *e, int k, Type *l, Type *r, bool assign) {
    Tcx *t = cx->t;
    if (cx->prelude) {
        cx_error(cx, e->span, "E0369", NULL, "binary operation");
        return;
    }
    l = cx_resolve(cx, l);
    r = cx_resolve(cx, r);
    if ((l->flags | r->flags) & TF_ERROR) return;
    static const char *const sym[] = { "+", "-", "*", "/", "%", "&", "|", "^", "<<", ">>" };
    Type *lb = l->kind == TYPE_REF ? ty_resolve(t, l->inner) : l;
    bool prim = is_num(lb) || lb->kind == TYPE_BOOL;
    Span os = op_span(cx, e);
    if (prim) {
        Diag *d = diag_error_at(cx->u, os, "E0277", NULL, "%s", op_message(cx, k, l, r));
        d->spans[0].label = arena_printf(t->a, "no implementation for `%s %s%s %s`", ty_str(t, l), sym[k],
                                         assign ? "=" : "", ty_str(t, r));
        Def *tr = assign ? t->wk.binop_assign[k] : t->wk.binop[k];
        diag_child(cx->u, d, DIAG_HELP, "the trait `%s<%s>` is not implemented for `%s`", tr ? tr->name : "?",
                   ty_str(t, r), ty_str(t, l));
        return;
    }
    Diag *d;
    if (assign)
        d = diag_error_at(cx->u, os, "E0368", NULL, "binary assignment operation `%s=` cannot be applied to type `%s`",
                          sym[k], ty_str(t, l));
    else
        d = diag_error_at(cx->u, os, "E0369", NULL, "%s", op_message(cx, k, l, r));
    d->spans[0].label = NULL;
    if (assign) {
        diag_span(cx->u, d, e->lhs->span, false, "cannot use `%s=` on type `%s`", sym[k], ty_str(t, l));
    } else {
        diag_span(cx->u, d, e->lhs->span, false, "%s", ty_str(t, l));
        diag_span(cx->u, d, e->rhs->span, false, "%s", ty_str(t, r));
    }
    /* rustc's notes: the program's own type may lack the impl; a std type
     * does not have it (rustc points into the standard library there) */
    Def *tr = assign ? t->wk.binop_assign[k] : t->wk.binop[k];
    if (!tr) return;
    if (lb->kind == TYPE_ADT && !lb->def->prelude) {
        Diag *n = diag_child(cx->u, d, DIAG_NOTE, "an implementation of `%s` might be missing for `%s`", tr->name,
                             ty_str(t, lb));
        diag_span(cx->u, n, cx_def_head_span(lb->def), true, "must implement `%s`", tr->name);
        diag_child(cx->u, d, DIAG_NOTE, "the trait `%s` must be implemented", tr->name);
    } else if (lb->kind == TYPE_ADT) {
        diag_child(cx->u, d, DIAG_NOTE, "`%s` does not implement `%s<%s>`", ty_str(t, lb), tr->name, ty_str(t, r));
        diag_child(cx->u, d, DIAG_NOTE, "`%s` is defined in another crate", ty_str(t, lb));
    }
}

static Type *check_arith(FnCtx *cx, Expr *e, bool assign) {
    Tcx *t = cx->t;
    int k = op_trait_index(e->op);
    Type *l = cx_expr(cx, e->lhs, NULL);
    cx_select(cx); /* rustc resolves the operand with what is known so far */
    Type *lr = ty_resolve(t, l);
    Type *lb = lr->kind == TYPE_REF && !assign ? ty_resolve(t, lr->inner) : lr;
    bool shift = k >= 8;
    Type *r = cx_expr(cx, e->rhs, is_num(lb) && !shift ? lb : NULL);
    Type *rr = ty_resolve(t, r);
    Type *rb = rr->kind == TYPE_REF ? ty_resolve(t, rr->inner) : rr;
    if ((lr->flags | rr->flags) & TF_ERROR) return t->t_err;
    /* numbers and bools: builtin */
    if ((is_num(lb) && is_num(rb)) || (lb->kind == TYPE_BOOL && rb->kind == TYPE_BOOL && k >= 5 && k <= 7)) {
        if (shift) {
            if (!is_intlike(lb) || !is_intlike(rb)) {
                report_binop(cx, e, k, l, r, assign);
                return t->t_err;
            }
            return assign ? t->t_unit : lb;
        }
        if (is_floatlike(lb) != is_floatlike(rb) && !(lb->kind == TYPE_INFER && rb->kind == TYPE_INFER && false)) {
            report_binop(cx, e, k, l, r, assign);
            return t->t_err;
        }
        if (k >= 5 && k <= 7 && (is_floatlike(lb) || is_floatlike(rb))) {
            report_binop(cx, e, k, l, r, assign);
            return t->t_err;
        }
        if (!ty_unify(t, lb, rb)) {
            /* rustc reports both: the operand's type and the missing impl */
            cx_mismatch(cx, e->rhs->span, lb, rb, (Span){ 0, 0 }, NULL);
            report_binop(cx, e, k, l, r, assign);
            return assign ? t->t_unit : lb;
        }
        return assign ? t->t_unit : lb;
    }
    if (lb->kind == TYPE_INFER && lb->sub == VAR_TY) {
        cx_error(cx, e->lhs->span, "E0282", "cannot infer type", "type annotations needed");
        return t->t_err;
    }
    /* overloaded: `l: Add<?R>`; a unique impl fixes ?R and the right operand
     * coerces to it (String + &String gives &str), as rustc's method lookup */
    Def *trait = assign ? t->wk.binop_assign[k] : t->wk.binop[k];
    if (!trait) return t->t_err;
    Type *rv = cx_var(cx, e->rhs->span);
    TraitRef tr = { trait, &rv, 1, NULL, NULL, 0 };
    t->cause = e->span;
    Snap snap = ty_snapshot(t);
    SolveResult res = tr_solve(t, l, &tr, true, NULL);
    if (res == SOLVE_NO) {
        ty_rollback(t, snap);
        report_binop(cx, e, k, l, r, assign);
        return t->t_err;
    }
    Type *rvr = ty_resolve(t, rv);
    if (rvr->kind == TYPE_INFER && rvr->sub == VAR_TY) {
        ty_unify(t, rv, r);
        cx_obligation(cx, l, &tr, e->span, NULL, (Span){ 0, 0 }, true, OBL_PLAIN);
    } else if (!cx_try_coerce(cx, e->rhs, rv)) {
        ty_rollback(t, snap);
        report_binop(cx, e, k, l, r, assign);
        return t->t_err;
    }
    r = rv;
    e->res = arena_alloc(t->a, sizeof(Res));
    e->res->kind = RES_FN;
    e->res->trait = trait;
    e->res->self_ty = l;
    if (assign) return t->t_unit;
    Type *out = tr_project(t, l, &tr, t->wk.s_output);
    return out ? tr_normalize(t, out) : t->t_err;
}

static Type *check_compare(FnCtx *cx, Expr *e) {
    Tcx *t = cx->t;
    bool eq = e->op == P_EQEQ || e->op == P_NE;
    Type *l = cx_expr(cx, e->lhs, NULL);
    cx_select(cx);
    Type *lr = ty_resolve(t, l);
    Type *r = cx_expr(cx, e->rhs, lr->kind == TYPE_INFER && lr->sub == VAR_TY ? NULL : l);
    Type *rr = ty_resolve(t, r);
    if ((lr->flags | rr->flags) & TF_ERROR) return t->t_bool;
    if (is_num(lr) && is_num(rr)) {
        if (!ty_unify(t, lr, rr)) cx_mismatch(cx, e->rhs->span, lr, rr, e->lhs->span, NULL);
        return t->t_bool;
    }
    Def *trait = eq ? t->wk.partial_eq : t->wk.partial_ord;
    TraitRef tr = { trait, &r, 1, NULL, NULL, 0 };
    Snap snap = ty_snapshot(t);
    SolveResult res = tr_solve(t, l, &tr, false, NULL);
    ty_rollback(t, snap);
    if (res == SOLVE_NO) {
        /* when the two sides simply differ, the mismatch is the error */
        Snap s2 = ty_snapshot(t);
        TraitRef same = { trait, &l, 1, NULL, NULL, 0 };
        SolveResult self_ok = tr_solve(t, l, &same, false, NULL);
        ty_rollback(t, s2);
        if (self_ok != SOLVE_NO && !cx->prelude) {
            if (!ty_unify(t, l, r)) {
                Diag *d = diag_error_at(cx->u, op_span(cx, e), "E0277", NULL, "can't compare `%s` with `%s`",
                                        ty_str(t, cx_resolve(cx, l)), ty_str(t, cx_resolve(cx, r)));
                d->spans[0].label = arena_printf(t->a, "no implementation for `%s %s %s`", ty_str(t, cx_resolve(cx, l)),
                                                 eq ? "==" : "<", ty_str(t, cx_resolve(cx, r)));
                diag_child(cx->u, d, DIAG_HELP, "the trait `%s<%s>` is not implemented for `%s`", trait->name,
                           ty_str(t, cx_resolve(cx, r)), ty_str(t, cx_resolve(cx, l)));
            }
            return t->t_bool;
        }
        if (cx->prelude) {
            cx_error(cx, e->span, "E0369", NULL, "binary operation cannot be applied");
            return t->t_bool;
        }
        Diag *d = diag_error_at(cx->u, op_span(cx, e), "E0369", NULL, "binary operation `%s` cannot be applied to type `%s`",
                                token_kind_name(e->op), ty_str(t, cx_resolve(cx, l)));
        d->spans[0].label = NULL;
        diag_span(cx->u, d, e->lhs->span, false, "%s", ty_str(t, cx_resolve(cx, l)));
        diag_span(cx->u, d, e->rhs->span, false, "%s", ty_str(t, cx_resolve(cx, r)));
        Type *lz = cx_resolve(cx, l);
        if (lz->kind == TYPE_ADT && !lz->def->prelude) {
            Diag *n = diag_child(cx->u, d, DIAG_NOTE, "an implementation of `%s` might be missing for `%s`", trait->name,
                                 ty_str(t, lz));
            diag_span(cx->u, n, cx_def_head_span(lz->def), true, "must implement `%s`", trait->name);
            cx_suggest_derive(cx, d, lz->def, trait->name);
        }
        return t->t_bool;
    }
    tr_solve(t, l, &tr, true, NULL);
    if (res == SOLVE_MAYBE) cx_obligation(cx, l, &tr, e->span, NULL, (Span){ 0, 0 }, true, OBL_PLAIN);
    return t->t_bool;
}

static Type *check_unary(FnCtx *cx, Expr *e, Type *expected) {
    Tcx *t = cx->t;
    if (e->op == P_STAR) {
        Type *hint = expected ? ty_ref(t, expected, false) : NULL;
        Type *inner = cx_expr(cx, e->lhs, hint && hint_resolved(cx, expected) ? NULL : NULL);
        (void)hint;
        Type *r = ty_resolve(t, inner);
        if (r->kind == TYPE_ERROR) return r;
        if (r->kind == TYPE_REF || r->kind == TYPE_PTR) return r->inner;
        bool ov;
        Type *d = r->kind == TYPE_INFER ? NULL : tr_deref(t, r, &ov);
        if (d) {
            Adjust *a = cx_adjust(cx, e->lhs);
            (void)a;
            return d;
        }
        if (r->kind == TYPE_INFER && r->sub == VAR_TY) {
            cx_error(cx, e->lhs->span, "E0282", "cannot infer type", "type annotations needed");
            return t->t_err;
        }
        cx_error(cx, e->span, "E0614", "can't be dereferenced", "type `%s` cannot be dereferenced",
                 ty_str(t, cx_resolve(cx, r)));
        return t->t_err;
    }
    Type *hint = expected && is_num(ty_resolve(t, expected)) ? expected : NULL;
    if (e->op == P_BANG && expected && ty_resolve(t, expected)->kind == TYPE_BOOL) hint = expected;
    Type *ty = cx_expr(cx, e->lhs, hint);
    Type *r = ty_resolve(t, ty);
    Type *b = r->kind == TYPE_REF ? ty_resolve(t, r->inner) : r;
    if (r->kind == TYPE_ERROR) return r;
    if (e->op == P_MINUS) {
        if (is_floatlike(b) || (b->kind == TYPE_INFER && b->sub == VAR_INT) || (b->kind == TYPE_INT && b->sub <= INT_ISIZE))
            return b;
        if (b->kind == TYPE_INT) {
            Diag *d = cx_error(cx, e->span, "E0600", "cannot apply unary operator `-`",
                               "cannot apply unary operator `-` to type `%s`", ty_str(t, b));
            if (!cx->prelude) diag_child(cx->u, d, DIAG_NOTE, "unsigned values cannot be negated");
            return t->t_err;
        }
    } else {
        if (b->kind == TYPE_BOOL || is_intlike(b)) return b;
    }
    Def *trait = e->op == P_MINUS ? t->wk.neg : t->wk.not;
    TraitRef tr = { trait, NULL, 0, NULL, NULL, 0 };
    Snap snap = ty_snapshot(t);
    SolveResult res = tr_solve(t, ty, &tr, false, NULL);
    ty_rollback(t, snap);
    if (res == SOLVE_NO || (r->kind == TYPE_INFER && r->sub == VAR_TY)) {
        cx_error(cx, e->span, "E0600", arena_printf(t->a, "cannot apply unary operator `%s`", token_kind_name(e->op)),
                 "cannot apply unary operator `%s` to type `%s`", token_kind_name(e->op), ty_str(t, cx_resolve(cx, r)));
        return t->t_err;
    }
    Type *out = tr_project(t, ty, &tr, t->wk.s_output);
    return out ? out : t->t_err;
}

/* ------------------------------------------------------------- fields */

static Type *check_field(FnCtx *cx, Expr *e) {
    Tcx *t = cx->t;
    Type *base = cx_expr(cx, e->lhs, NULL);
    Type *cur = ty_resolve(t, base);
    Type *steps[17];
    bool over[17];
    int n = 0;
    for (int guard = 0; guard < 16 && cur; guard++) {
        cur = tr_normalize(t, ty_resolve(t, cur));
        if (cur->kind == TYPE_ERROR) return cur;
        if (cur->kind == TYPE_INFER) {
            cx_error(cx, e->lhs->span, "E0282", "type must be known at this point", "type annotations needed");
            return t->t_err;
        }
        Def *holder = NULL;
        Type **args = NULL;
        int nargs = 0;
        if (cur->kind == TYPE_ADT && cur->def->kind == DEF_STRUCT) {
            holder = cur->def;
            args = cur->args;
            nargs = cur->nargs;
        }
        if (holder) {
            res_def_sig(t, holder);
            for (int i = 0; i < holder->nfields; i++) {
                if (holder->fields[i].name != e->name) continue;
                if (!holder->fields[i].is_pub && cx_user(cx)) {
                    Diag *d = cx_error(cx, e->name_span, "E0616", "private field", "field `%s` of struct `%s` is private",
                                       e->name, holder->name);
                    Pick pk;
                    Snap snap = ty_snapshot(t);
                    int pr = tr_probe_method(t, base, e->name, true, &pk);
                    ty_rollback(t, snap);
                    if (pr == 0)
                        diag_suggest(cx->u, d, (Span){ e->name_span.hi, e->name_span.hi }, "()", APP_MACHINE_APPLICABLE,
                                     "a method `%s` also exists, call it with parentheses", e->name);
                    return t->t_err;
                }
                if (n) {
                    Adjust *a = cx_adjust(cx, e->lhs);
                    a->nderef = n;
                    a->deref_tys = arena_alloc(t->a, sizeof(Type *) * (size_t)n);
                    a->overloaded = arena_alloc(t->a, sizeof(bool) * (size_t)n);
                    copy_n(a->deref_tys, steps, sizeof(Type *) * (size_t)n);
                    copy_n(a->overloaded, over, sizeof(bool) * (size_t)n);
                    a->source = base;
                    a->target = cur;
                }
                Res *r = arena_alloc(t->a, sizeof *r);
                r->kind = RES_FIELD;
                r->def = holder;
                r->field = i;
                r->self_ty = cur;
                e->res = r;
                return cx_instantiate(cx, holder->fields[i].ty, args, nargs);
            }
        }
        if (cur->kind == TYPE_TUPLE) {
            const char *nm = e->name;
            int idx = 0;
            bool digits = nm[0] != 0;
            for (const char *p = nm; *p; p++) {
                if (*p < '0' || *p > '9') digits = false;
                else idx = idx * 10 + (*p - '0');
                if (idx > 100000) break;
            }
            if (digits && idx < cur->nargs) {
                if (n) {
                    Adjust *a = cx_adjust(cx, e->lhs);
                    a->nderef = n;
                    a->deref_tys = arena_alloc(t->a, sizeof(Type *) * (size_t)n);
                    a->overloaded = arena_alloc(t->a, sizeof(bool) * (size_t)n);
                    copy_n(a->deref_tys, steps, sizeof(Type *) * (size_t)n);
                    copy_n(a->overloaded, over, sizeof(bool) * (size_t)n);
                    a->source = base;
                    a->target = cur;
                }
                Res *r = arena_alloc(t->a, sizeof *r);
                r->kind = RES_FIELD;
                r->field = idx;
                r->self_ty = cur;
                e->res = r;
                return cur->args[idx];
            }
        }
        bool ov;
        Type *next = tr_deref(t, cur, &ov);
        if (!next) break;
        if (n < 16) {
            steps[n] = ty_resolve(t, next);
            over[n] = ov;
            n++;
        }
        cur = next;
    }
    Type *bz = cx_resolve(cx, base);
    /* a method of that name? */
    Pick pk;
    Snap snap = ty_snapshot(t);
    int pr = tr_probe_method(t, bz, e->name, cx_user(cx), &pk);
    ty_rollback(t, snap);
    if (pr == 0) {
        Diag *d = cx_error(cx, e->name_span, "E0615", "method, not a field",
                           "attempted to take value of method `%s` on type `%s`", e->name, ty_str(t, bz));
        if (!cx->prelude)
            diag_suggest(cx->u, d, (Span){ e->name_span.hi, e->name_span.hi }, "()", APP_MAYBE_INCORRECT,
                         "use parentheses to call the method");
        return t->t_err;
    }
    Type *last = ty_resolve(t, cur ? cur : bz);
    if (last->kind == TYPE_INT || last->kind == TYPE_FLOAT || last->kind == TYPE_BOOL || last->kind == TYPE_CHAR)
        cx_error(cx, e->name_span, "E0610", NULL, "`%s` is a primitive type and therefore doesn't have fields",
                 ty_str(t, last));
    else {
        Diag *d = cx_error(cx, e->name_span, "E0609", "unknown field", "no field `%s` on type `%s`", e->name, ty_str(t, bz));
        /* rustc's typo help: the closest field of the struct reached */
        Type *adt = last;
        while (adt->kind == TYPE_REF) adt = ty_resolve(t, adt->inner);
        if (!cx->prelude && adt->kind == TYPE_ADT && adt->def->kind == DEF_STRUCT && adt->def->nfields > 0) {
            Sym names[256];
            int nf = 0;
            for (int i = 0; i < adt->def->nfields && nf < 256; i++) names[nf++] = adt->def->fields[i].name;
            Sym best = best_match_for_name(names, nf, e->name);
            if (best)
                diag_suggest(cx->u, d, e->name_span, best, APP_MAYBE_INCORRECT, "a field with a similar name exists");
        }
    }
    return t->t_err;
}

/* base[index]: auto-deref base until a type implements Index<index>. */
static Type *check_index(FnCtx *cx, Expr *e) {
    Tcx *t = cx->t;
    Type *base = cx_expr(cx, e->lhs, NULL);
    Type *idx = cx_expr(cx, e->rhs, NULL);
    Type *cur = ty_resolve(t, base);
    if (cur->kind == TYPE_ERROR || ty_resolve(t, idx)->kind == TYPE_ERROR) return t->t_err;
    Type *steps[17];
    bool over[17];
    int n = 0;
    for (int guard = 0; guard < 17 && cur; guard++) {
        cur = tr_normalize(t, ty_resolve(t, cur));
        if (cur->kind == TYPE_INFER) break;
        Type *try_ty = cur->kind == TYPE_ARRAY ? ty_slice(t, cur->inner) : cur;
        TraitRef tr = { t->wk.index, &idx, 1, NULL, NULL, 0 };
        Snap snap = ty_snapshot(t);
        SolveResult r = tr_solve(t, try_ty, &tr, false, NULL);
        ty_rollback(t, snap);
        if (r != SOLVE_NO) {
            t->cause = e->span;
            tr_solve(t, try_ty, &tr, true, NULL);
            if (r == SOLVE_MAYBE) cx_obligation(cx, try_ty, &tr, e->span, NULL, (Span){ 0, 0 }, true, OBL_PLAIN);
            if (n) {
                Adjust *a = cx_adjust(cx, e->lhs);
                a->nderef = n;
                a->deref_tys = arena_alloc(t->a, sizeof(Type *) * (size_t)n);
                a->overloaded = arena_alloc(t->a, sizeof(bool) * (size_t)n);
                copy_n(a->deref_tys, steps, sizeof(Type *) * (size_t)n);
                copy_n(a->overloaded, over, sizeof(bool) * (size_t)n);
                a->source = base;
                a->target = cur;
            }
            if (cur->kind == TYPE_ARRAY) {
                Adjust *a = cx_adjust(cx, e->lhs);
                a->unsize_array = true;
                a->target = try_ty;
            }
            Res *res = arena_alloc(t->a, sizeof *res);
            res->kind = RES_FN;
            res->trait = t->wk.index;
            res->self_ty = try_ty;
            res->args = arena_alloc(t->a, sizeof(Type *) * 2);
            res->args[0] = try_ty;
            res->args[1] = idx;
            res->nargs = 2;
            e->res = res;
            Type *out = tr_project(t, try_ty, &tr, t->wk.s_output);
            return out ? tr_normalize(t, out) : t->t_err;
        }
        bool ov;
        Type *next = tr_deref(t, cur, &ov);
        if (!next) break;
        if (n < 16) {
            steps[n] = ty_resolve(t, next);
            over[n] = ov;
            n++;
        }
        cur = next;
    }
    Type *bz = cx_resolve(cx, base);
    Type *last = ty_resolve(t, cur ? cur : bz);
    if (last->kind == TYPE_INFER && last->sub == VAR_TY) {
        cx_error(cx, e->lhs->span, "E0282", "cannot infer type", "type annotations needed");
        return t->t_err;
    }
    if (last->kind == TYPE_SLICE || last->kind == TYPE_ARRAY || last->kind == TYPE_STR ||
        (last->kind == TYPE_ADT && (last->def == t->wk.vec || last->def == t->wk.string))) {
        Type *iz = cx_resolve(cx, idx);
        Diag *d = cx_error(cx, e->rhs->span, "E0277", NULL, "the type `%s` cannot be indexed by `%s`",
                           ty_str(t, last->kind == TYPE_ARRAY ? ty_slice(t, last->inner) : last), ty_str(t, iz));
        if (!cx->prelude) d->spans[0].label = "slice indices are of type `usize` or ranges of `usize`";
        return t->t_err;
    }
    cx_error(cx, e->span, "E0608", NULL, "cannot index into a value of type `%s`", ty_str(t, bz));
    return t->t_err;
}

/* ---------------------------------------------------------------- loops */

static LoopCtx *find_loop(FnCtx *cx, Expr *e, Sym label, bool is_continue) {
    Tcx *t = cx->t;
    (void)t;
    for (LoopCtx *l = cx->loops; l; l = l->outer) {
        if (l->frame != cx->nframes) {
            const char *what = e->kind == EX_BREAK ? "break" : "continue";
            Frame *f = cx_frame(cx);
            Diag *d = cx_error(cx, e->span, "E0267", NULL, "`%s` inside %s", what,
                               f->kind == FRAME_ASYNC ? "`async` block" : "of a closure");
            if (!cx->prelude) {
                d->spans[0].label = arena_printf(t->a, "cannot `%s` inside %s", what,
                                                 f->kind == FRAME_ASYNC ? "`async` block" : "of a closure");
            }
            return NULL;
        }
        if (label ? l->label == label : !l->is_block) {
            if (is_continue && l->is_block) {
                cx_error(cx, e->span, "E0696", NULL, "`continue` pointing to a labeled block");
                return NULL;
            }
            return l;
        }
    }
    Frame *fr = cx_frame(cx);
    if (!label && fr->kind != FRAME_FN) {
        const char *what = e->kind == EX_BREAK ? "break" : "continue";
        cx_error(cx, e->span, "E0267", arena_printf(t->a, "cannot `%s` inside %s", what,
                                                   fr->kind == FRAME_ASYNC ? "`async` block" : "of a closure"),
                 "`%s` inside %s", what, fr->kind == FRAME_ASYNC ? "`async` block" : "of a closure");
        return NULL;
    }
    if (label) cx_error(cx, e->span, "E0426", "undeclared label", "use of undeclared label `'%s`", label);
    else
        cx_error(cx, e->span, "E0268",
                 arena_printf(cx->t->a, "cannot `%s` outside of a loop", e->kind == EX_BREAK ? "break" : "continue"),
                 "`%s` outside of a loop", e->kind == EX_BREAK ? "break" : "continue");
    return NULL;
}

static Type *check_break(FnCtx *cx, Expr *e) {
    Tcx *t = cx->t;
    LoopCtx *l = find_loop(cx, e, e->label, false);
    if (!l) {
        if (e->lhs) cx_expr(cx, e->lhs, NULL);
        return t->t_never;
    }
    l->has_break = true;
    if (e->lhs) {
        if (!l->break_ty) {
            cx_expr(cx, e->lhs, NULL);
            Diag *d = cx_error(cx, e->span, "E0571", "can only break with a value inside `loop` or breakable block",
                               "`break` with value from a `%s` loop", l->e->kind == EX_WHILE ? "while" : "for");
            (void)d;
            return t->t_never;
        }
        cx_expr(cx, e->lhs, l->break_ty);
        cx_coerce(cx, e->lhs, l->break_ty, (Span){ 0, 0 }, NULL);
    } else if (l->break_ty) {
        if (!ty_unify(t, l->break_ty, t->t_unit))
            cx_mismatch(cx, e->span, l->break_ty, t->t_unit, (Span){ 0, 0 }, NULL);
    }
    return t->t_never;
}

/* ---------------------------------------------------- conditions (let) */

/* `if`/`while` conditions: bool expressions, `let` patterns and `&&`
 * chains of both. Bindings stay in scope for the body. */
static void check_cond(FnCtx *cx, Expr *c) {
    Tcx *t = cx->t;
    if (c->kind == EX_LET) {
        Type *ty = cx_expr(cx, c->rhs, NULL);
        cx_pat(cx, c->pat, ty, BIND_VALUE, true);
        c->type = t->t_bool;
        list_push(t->a, &cx->exprs, c);
        return;
    }
    if (c->kind == EX_BINARY && c->op == P_ANDAND && (c->lhs->kind == EX_LET || c->rhs->kind == EX_LET ||
                                                     (c->lhs->kind == EX_BINARY && c->lhs->op == P_ANDAND))) {
        check_cond(cx, c->lhs);
        check_cond(cx, c->rhs);
        c->type = t->t_bool;
        list_push(t->a, &cx->exprs, c);
        return;
    }
    cx_expr(cx, c, t->t_bool);
    cx_coerce(cx, c, t->t_bool, (Span){ 0, 0 }, NULL);
}

/* ------------------------------------------------------- coerce many */

/* The common type of `if`/`match` arms: the expectation when there is
 * one, else the first arm's type; later arms coerce to it. */
/* Unifying the branches of `if`/`else` or the arms of `match` (rustc's
 * CoerceMany): the first branch that is not `!` sets the type, or the
 * expectation when it is known. */
typedef struct CoerceMany {
    Type *target;
    bool from_expectation; /* target came from the context (or array elements): plain E0308 */
    bool is_match;
    Span match_head;       /* `match scrutinee`, for the match error's label */
    Span seen[4];          /* tails of the branches so far (labels) */
    int nseen;
    const Expr *site;      /* the `if` or `match` */
} CoerceMany;

/* Where rustc points for a branch: the value a block ends with. */
static Span branch_tail(const Expr *e) {
    while (e && e->kind == EX_BLOCK && !e->label && !e->unsafe_ && e->body && e->body->stmts.n) {
        const Stmt *s = LIST_GET(e->body->stmts, e->body->stmts.n - 1, Stmt);
        if (s->kind != ST_EXPR || s->semi || !s->expr) break;
        e = s->expr;
    }
    return e->span;
}

void cx_mark_ret_tails(FnCtx *cx, const Expr *e) {
    if (!e || cx->nret_tails >= 32) return;
    if (e->kind == EX_BLOCK && !e->label && !e->unsafe_ && e->body && e->body->stmts.n) {
        const Stmt *s = LIST_GET(e->body->stmts, e->body->stmts.n - 1, Stmt);
        if (s->kind == ST_EXPR && !s->semi) cx_mark_ret_tails(cx, s->expr);
    } else if (e->kind == EX_IF) {
        cx->ret_tails[cx->nret_tails++] = e;
        if (e->else_) cx_mark_ret_tails(cx, e->else_);
    } else if (e->kind == EX_MATCH) {
        cx->ret_tails[cx->nret_tails++] = e;
        for (int i = 0; i < e->arms.n; i++) cx_mark_ret_tails(cx, LIST_GET(e->arms, i, MatchArm)->body);
    }
}

static bool is_ret_tail(const FnCtx *cx, const Expr *e) {
    for (int i = 0; i < cx->nret_tails; i++)
        if (cx->ret_tails[i] == e) return true;
    return false;
}

static void cm_add(FnCtx *cx, CoerceMany *cm, Expr *arm) {
    Tcx *t = cx->t;
    Type *ty = ty_resolve(t, arm->type);
    Span tail = branch_tail(arm);
    if (!cm->target) {
        if (ty->kind == TYPE_NEVER) return;
        cm->target = arm->type;
        if (cm->nseen < 4) cm->seen[cm->nseen++] = tail;
        return;
    }
    if (cx_try_coerce(cx, arm, cm->target)) {
        if (ty->kind != TYPE_NEVER && cm->nseen < 4) cm->seen[cm->nseen++] = tail;
        return;
    }
    /* the other way: an earlier `!` arm, or a later arm the first one coerces to */
    Type *tz = cx_resolve(cx, cm->target), *az = cx_resolve(cx, arm->type);
    if ((tz->flags | az->flags) & TF_ERROR) return;
    /* rustc: arms after an arm that fit are "incompatible"; a branch that
     * misses the type the context wants is "mismatched" */
    bool arms = cm->is_match && (cm->nseen > 0 || !cm->from_expectation);
    const char *msg = arms                  ? "`match` arms have incompatible types"
                      : cm->from_expectation ? "mismatched types"
                                             : "`if` and `else` have incompatible types";
    Diag *d = cx_error(cx, tail, "E0308", NULL, "%s", msg);
    if (cx->prelude) return;
    d->spans[0].label = ty_expected_found(t, tz, az);
    if (!arms && cm->from_expectation) {
        Frame *f = cx->nframes ? cx_frame(cx) : NULL;
        if (f && f->kind == FRAME_FN && f->ret_written && cm->site && is_ret_tail(cx, cm->site))
            diag_span(cx->u, d, f->ret_span, false, "expected `%s` because of return type", ty_str(t, tz));
        return;
    }
    if (!cm->is_match) {
        if (cm->nseen) diag_span(cx->u, d, cm->seen[0], false, "expected because of this");
        return;
    }
    if (cm->match_head.hi > cm->match_head.lo)
        diag_span(cx->u, d, cm->match_head, false, "`match` arms have incompatible types");
    for (int i = 0; i < cm->nseen; i++)
        diag_span(cx->u, d, cm->seen[i], false, "this is found to be of type `%s`", ty_str(t, tz));
}

static Type *cm_result(FnCtx *cx, CoerceMany *cm) { return cm->target ? cm->target : cx->t->t_never; }

static Type *check_if(FnCtx *cx, Expr *e, Type *expected) {
    Tcx *t = cx->t;
    int mark = cx->nlocals;
    check_cond(cx, e->cond);
    Expr then = { 0 };
    then.kind = EX_BLOCK;
    then.body = e->then;
    then.span = e->then ? e->then->span : e->span;
    Type *hint = hint_resolved(cx, expected) ? expected : NULL;
    Expr *thenp = arena_alloc(t->a, sizeof *thenp);
    *thenp = then;
    cx_expr(cx, thenp, hint);
    cx->nlocals = mark;
    if (!e->else_) {
        Type *tt = ty_resolve(t, thenp->type);
        if (tt->kind != TYPE_NEVER && tt->kind != TYPE_ERROR && !ty_unify(t, tt, t->t_unit)) {
            Diag *d = cx_error(cx, e->span, "E0317", NULL, "`if` may be missing an `else` clause");
            if (!cx->prelude) {
                d->spans[0].label = arena_printf(t->a, "expected `%s`, found `()`", ty_str(t, cx_resolve(cx, tt)));
                diag_child(cx->u, d, DIAG_NOTE, "`if` expressions without `else` evaluate to `()`");
                diag_child(cx->u, d, DIAG_HELP, "consider adding an `else` block that evaluates to the expected type");
            }
        }
        /* keep the then-block typed on the real block for the dump */
        return t->t_unit;
    }
    cx_expr(cx, e->else_, hint);
    CoerceMany cm = { 0 };
    cm.target = hint && !(ty_resolve(t, hint)->flags & TF_INFER) ? hint : NULL;
    cm.from_expectation = cm.target != NULL;
    cm.site = e;
    cm_add(cx, &cm, thenp);
    cm_add(cx, &cm, e->else_);
    return cm_result(cx, &cm);
}

static Type *check_match(FnCtx *cx, Expr *e, Type *expected) {
    Tcx *t = cx->t;
    Type *scrut = cx_expr(cx, e->lhs, NULL);
    Type *hint = hint_resolved(cx, expected) ? expected : NULL;
    CoerceMany cm = { 0 };
    cm.target = hint && !(ty_resolve(t, hint)->flags & TF_INFER) ? hint : NULL;
    cm.from_expectation = cm.target != NULL;
    cm.is_match = true;
    cm.site = e;
    cm.match_head = (Span){ e->span.lo, e->lhs->span.hi };
    for (int i = 0; i < e->arms.n; i++) {
        MatchArm *arm = LIST_GET(e->arms, i, MatchArm);
        int mark = cx->nlocals;
        cx_pat(cx, arm->pat, scrut, BIND_VALUE, true);
        if (arm->guard) check_cond(cx, arm->guard);
        cx_expr(cx, arm->body, cm.target ? cm.target : hint);
        cm_add(cx, &cm, arm->body);
        cx->nlocals = mark;
    }
    cx_select(cx);
    cx_match_exhaustive(cx, e, scrut);
    return cm_result(cx, &cm);
}

static Type *check_loop(FnCtx *cx, Expr *e, Type *expected) {
    Tcx *t = cx->t;
    LoopCtx l = { cx->loops, e->label, e, NULL, e->kind == EX_BLOCK, false, cx->nframes };
    if (e->kind == EX_LOOP || e->kind == EX_BLOCK) l.break_ty = hint_resolved(cx, expected) ? expected : cx_var(cx, e->span);
    cx->loops = &l;
    int mark = cx->nlocals;
    Type *result = t->t_unit;
    switch (e->kind) {
    case EX_LOOP: {
        Type *bt = cx_block(cx, e->body, t->t_unit);
        if (ty_resolve(t, bt)->kind != TYPE_NEVER && !ty_unify(t, bt, t->t_unit))
            cx_mismatch(cx, e->body->span, t->t_unit, bt, (Span){ 0, 0 }, NULL);
        result = l.has_break ? l.break_ty : t->t_never;
        break;
    }
    case EX_BLOCK: {
        Expr inner = *e;
        inner.label = NULL;
        Type *bt = cx_block(cx, e->body, l.break_ty);
        if (ty_resolve(t, bt)->kind != TYPE_NEVER) {
            if (!ty_unify(t, bt, l.break_ty)) cx_mismatch(cx, e->span, l.break_ty, bt, (Span){ 0, 0 }, NULL);
            result = l.break_ty;
        } else {
            result = l.has_break ? l.break_ty : t->t_never;
        }
        (void)inner;
        break;
    }
    case EX_WHILE: {
        check_cond(cx, e->cond);
        Type *bt = cx_block(cx, e->body, t->t_unit);
        if (ty_resolve(t, bt)->kind != TYPE_NEVER && !ty_unify(t, bt, t->t_unit))
            cx_mismatch(cx, e->body->span, t->t_unit, bt, (Span){ 0, 0 }, NULL);
        break;
    }
    case EX_FOR: {
        cx->loops = l.outer; /* the iterable is outside the loop */
        Type *it = cx_expr(cx, e->lhs, NULL);
        cx->loops = &l;
        cx_select(cx);
        Type *item = NULL;
        Type *itz = ty_resolve(t, it);
        if (itz->kind == TYPE_ERROR) {
            item = t->t_err;
        } else if (itz->kind == TYPE_INFER && itz->sub == VAR_TY) {
            cx_error(cx, e->lhs->span, "E0282", "cannot infer type", "type annotations needed");
            item = t->t_err;
        } else {
            t->cause = e->lhs->span;
            TraitRef tr = { t->wk.into_iterator, NULL, 0, NULL, NULL, 0 };
            Snap snap = ty_snapshot(t);
            SolveResult r = tr_solve(t, it, &tr, false, NULL);
            ty_rollback(t, snap);
            if (r == SOLVE_NO) {
                if (cx->prelude) cx_error(cx, e->lhs->span, "E0277", NULL, "not an iterator");
                else check_report_unsatisfied(t, it, &tr, e->lhs->span, NULL, (Span){ 0, 0 }, false, OBL_FOR_LOOP);
                item = t->t_err;
            } else {
                item = tr_iterator_item(t, it, true);
                if (!item) item = t->t_err;
                Res *res = arena_alloc(t->a, sizeof *res);
                res->kind = RES_FN;
                res->trait = t->wk.into_iterator;
                res->self_ty = it;
                e->res = res;
            }
        }
        cx_pat(cx, e->pat, item, BIND_VALUE, true);
        cx_let_irrefutable(cx, e->pat, item, e->pat->span, true);
        Type *bt = cx_block(cx, e->body, t->t_unit);
        if (ty_resolve(t, bt)->kind != TYPE_NEVER && !ty_unify(t, bt, t->t_unit))
            cx_mismatch(cx, e->body->span, t->t_unit, bt, (Span){ 0, 0 }, NULL);
        break;
    }
    default: break;
    }
    cx->nlocals = mark;
    cx->loops = l.outer;
    return result;
}

/* ----------------------------------------------------------- closures */

typedef struct CapWalk {
    FnCtx *cx;
    int depth;          /* locals declared at a frame depth below this are captured */
    Capture *caps;
    int ncaps, cap;
    bool consumed;      /* a captured non-Copy value is moved out: FnOnce */
    bool mutated;       /* FnMut */
    Local *consumed_local, *mutated_local;
    Span consumed_at, mutated_at;
    Span at;            /* the expression being walked */
} CapWalk;

enum { USE_VALUE, USE_REF, USE_MUT };

static void cap_note(CapWalk *w, Local *l, int use) {
    FnCtx *cx = w->cx;
    if (!l || l->closure_depth >= w->depth) return;
    CaptureMode m = CAPTURE_REF;
    if (use == USE_MUT) {
        m = CAPTURE_MUT_REF;
        if (!w->mutated) {
            w->mutated_local = l;
            w->mutated_at = w->at;
        }
        w->mutated = true;
    } else if (use == USE_VALUE) {
        if (!ty_is_copy(cx->t, l->ty)) {
            m = CAPTURE_VALUE;
            if (!w->consumed) {
                w->consumed_local = l;
                w->consumed_at = w->at;
            }
            w->consumed = true;
        }
    }
    for (int i = 0; i < w->ncaps; i++) {
        if (w->caps[i].local != l) continue;
        if (m > w->caps[i].mode) w->caps[i].mode = m;
        return;
    }
    if (w->ncaps == w->cap) {
        int nc = w->cap ? w->cap * 2 : 8;
        Capture *c = arena_alloc(cx->t->a, sizeof(Capture) * (size_t)nc);
        if (w->ncaps) copy_n(c, w->caps, sizeof(Capture) * (size_t)w->ncaps);
        w->caps = c;
        w->cap = nc;
    }
    w->caps[w->ncaps++] = (Capture){ l, m };
}

static void cap_block(CapWalk *w, Block *b);

static void cap_expr(CapWalk *w, Expr *e, int use) {
    if (!e) return;
    FnCtx *cx = w->cx;
    Tcx *t = cx->t;
    if (e->kind == EX_PATH || e->kind == EX_ASSIGN || e->kind == EX_ASSIGN_OP || e->kind == EX_METHOD ||
        e->kind == EX_CALL || e->kind == EX_REF)
        w->at = e->span;
    switch (e->kind) {
    case EX_PATH:
        if (e->res && e->res->kind == RES_LOCAL) {
            Local *l = e->res->local;
            if (use == USE_VALUE && e->type && ty_is_copy(t, e->type)) use = USE_REF;
            cap_note(w, l, use);
        }
        return;
    case EX_PAREN: cap_expr(w, e->lhs, use); return;
    case EX_FIELD:
    case EX_INDEX: {
        int inner = use;
        if (use == USE_VALUE && e->type && ty_is_copy(t, e->type)) inner = USE_REF;
        /* through a reference, mutation needs the reference uniquely */
        if (e->lhs && e->lhs->adjust && e->lhs->adjust->nderef && inner == USE_VALUE) inner = USE_REF;
        cap_expr(w, e->lhs, inner);
        if (e->kind == EX_INDEX) cap_expr(w, e->rhs, USE_VALUE);
        return;
    }
    case EX_UNARY:
        if (e->op == P_STAR) {
            cap_expr(w, e->lhs, use == USE_MUT ? USE_MUT : USE_REF);
            return;
        }
        cap_expr(w, e->lhs, USE_VALUE);
        return;
    case EX_REF: cap_expr(w, e->lhs, e->mut_ ? USE_MUT : USE_REF); return;
    case EX_ASSIGN:
    case EX_ASSIGN_OP:
        cap_expr(w, e->lhs, USE_MUT);
        cap_expr(w, e->rhs, USE_VALUE);
        return;
    case EX_METHOD: {
        int ru = USE_VALUE;
        if (e->lhs && e->lhs->adjust) {
            if (e->lhs->adjust->autoref == AUTOREF_REF) ru = USE_REF;
            else if (e->lhs->adjust->autoref == AUTOREF_MUT) ru = USE_MUT;
            else if (e->lhs->adjust->nderef) ru = USE_REF;
        }
        cap_expr(w, e->lhs, ru);
        for (int i = 0; i < e->args.n; i++) cap_expr(w, LIST_GET(e->args, i, Expr), USE_VALUE);
        return;
    }
    case EX_CALL:
        /* calling a captured FnMut closure mutates it */
        if (e->lhs && e->lhs->type) {
            Type **ps;
            int np;
            Type *ret;
            ClosureKind ck;
            Type *ct = ty_resolve(t, e->lhs->type);
            if (ct->kind != TYPE_FNDEF && tr_fn_sig(t, ct, &ps, &np, &ret, &ck))
                cap_expr(w, e->lhs, ck == CLOSURE_FN_MUT ? USE_MUT : ck == CLOSURE_FN_ONCE ? USE_VALUE : USE_REF);
            else
                cap_expr(w, e->lhs, USE_REF);
        }
        for (int i = 0; i < e->args.n; i++) cap_expr(w, LIST_GET(e->args, i, Expr), USE_VALUE);
        return;
    case EX_MACRO:
        if (e->mac) {
            bool fmt = strcmp(e->mac->name, "vec") != 0;
            for (int i = 0; i < e->mac->args.n; i++) {
                Expr *a = LIST_GET(e->mac->args, i, Expr);
                bool first_write = i == 0 && (strcmp(e->mac->name, "write") == 0 || strcmp(e->mac->name, "writeln") == 0);
                cap_expr(w, a, first_write ? USE_MUT : fmt ? USE_REF : USE_VALUE);
            }
        }
        if (e->res && e->res->kind == RES_MACRO)
            for (int i = 0; i < e->res->ncaptures; i++) cap_expr(w, e->res->captures[i], USE_REF);
        return;
    case EX_CLOSURE:
    case EX_ASYNC:
        /* what a nested closure captures from outside, this one captures too */
        if (e->res && e->res->closure) {
            ClosureInfo *ci = e->res->closure;
            for (int i = 0; i < ci->ncaptures; i++) {
                Capture *c = &ci->captures[i];
                cap_note(w, c->local, c->mode == CAPTURE_VALUE ? USE_VALUE : c->mode == CAPTURE_MUT_REF ? USE_MUT : USE_REF);
            }
        }
        return;
    case EX_LET:
        cap_expr(w, e->rhs, USE_REF);
        return;
    case EX_MATCH:
        cap_expr(w, e->lhs, USE_REF);
        for (int i = 0; i < e->arms.n; i++) {
            MatchArm *a = LIST_GET(e->arms, i, MatchArm);
            cap_expr(w, a->guard, USE_VALUE);
            cap_expr(w, a->body, USE_VALUE);
        }
        return;
    case EX_FOR:
        cap_expr(w, e->lhs, USE_VALUE);
        cap_block(w, e->body);
        return;
    default:
        break;
    }
    cap_expr(w, e->lhs, USE_VALUE);
    cap_expr(w, e->rhs, USE_VALUE);
    cap_expr(w, e->cond, USE_VALUE);
    cap_expr(w, e->else_, USE_VALUE);
    if (e->then) cap_block(w, e->then);
    if (e->body) cap_block(w, e->body);
    for (int i = 0; i < e->args.n; i++) cap_expr(w, LIST_GET(e->args, i, Expr), USE_VALUE);
    for (int i = 0; i < e->fields.n; i++) cap_expr(w, LIST_GET(e->fields, i, FieldInit)->value, USE_VALUE);
}

static void cap_block(CapWalk *w, Block *b) {
    if (!b) return;
    for (int i = 0; i < b->stmts.n; i++) {
        Stmt *s = LIST_GET(b->stmts, i, Stmt);
        if (s->kind == ST_LET) {
            cap_expr(w, s->init, USE_VALUE);
            if (s->else_) cap_block(w, s->else_);
        } else if (s->kind == ST_EXPR) {
            cap_expr(w, s->expr, USE_VALUE);
        }
    }
}

/* Which outer locals the closure uses and how; its kind follows: moving a
 * captured value out makes it FnOnce, mutating one FnMut. */
void cx_closure_captures(FnCtx *cx, Expr *e) {
    ClosureInfo *ci = e->res->closure;
    CapWalk w;
    memset(&w, 0, sizeof w);
    w.cx = cx;
    w.depth = ci->depth;
    if (e->kind == EX_CLOSURE) cap_expr(&w, e->lhs, USE_VALUE);
    else cap_block(&w, e->body);
    if (e->move_)
        for (int i = 0; i < w.ncaps; i++) w.caps[i].mode = CAPTURE_VALUE;
    ci->captures = w.caps;
    ci->ncaptures = w.ncaps;
    ci->kind = w.consumed ? CLOSURE_FN_ONCE : w.mutated ? CLOSURE_FN_MUT : CLOSURE_FN;
    /* a closure written where an Fn/FnMut bound expects it takes that kind, as
     * in rustc; a body that needs more is a borrow-check error there */
    if (ci->expected_kind_set && ci->kind > ci->expected_kind && e->kind == EX_CLOSURE) {
        const char *kn = ci->expected_kind == CLOSURE_FN ? "Fn" : "FnMut";
        if (w.consumed && ci->expected_kind <= CLOSURE_FN_MUT) {
            Diag *d = cx_deferred(cx, true, w.consumed_at, "E0507",
                                  "cannot move out of `%s`, a captured variable in an `%s` closure",
                                  w.consumed_local->name, kn);
            d->spans[0].label = arena_printf(cx->t->a, "move occurs because `%s` has type `%s`, which does not implement the `Copy` trait",
                                             w.consumed_local->name, ty_str(cx->t, ty_zonk(cx->t, w.consumed_local->ty, true)));
        } else if (w.mutated && ci->expected_kind == CLOSURE_FN) {
            Diag *d = cx_deferred(cx, true, w.mutated_at, "E0594",
                                  "cannot assign to `%s`, as it is a captured variable in a `Fn` closure",
                                  w.mutated_local->name);
            d->spans[0].label = "cannot assign";
        }
        ci->kind = ci->expected_kind;
    }
}

static Type *check_closure(FnCtx *cx, Expr *e, Type *expected) {
    Tcx *t = cx->t;
    Type **eps = NULL;
    int nep = -1;
    Type *eret = NULL;
    ClosureKind ek;
    if (expected) {
        Type *ex = ty_resolve(t, expected);
        if (ex->kind == TYPE_FNPTR || ex->kind == TYPE_INFER || ex->kind == TYPE_PARAM || ex->kind == TYPE_DYN ||
            ex->kind == TYPE_OPAQUE) {
            cx_select(cx);
            if (!tr_fn_sig(t, ex, &eps, &nep, &eret, &ek)) nep = -1;
        }
    }
    ClosureInfo *ci = arena_alloc(t->a, sizeof *ci);
    Res *res = arena_alloc(t->a, sizeof *res);
    res->kind = RES_CLOSURE;
    res->closure = ci;
    e->res = res;
    ci->nparams = e->params.n;
    ci->params = arena_alloc(t->a, sizeof(Type *) * (size_t)(e->params.n + 1));
    if (nep >= 0 && nep != e->params.n) {
        /* rustc points at the callee that expects it, when there is one */
        Span at = cx->arg_callee.hi > cx->arg_callee.lo ? cx->arg_callee : e->span;
        Diag *d = cx_error(cx, at, "E0593", NULL, "closure is expected to take %d argument%s, but it takes %d argument%s",
                           nep, nep == 1 ? "" : "s", e->params.n, e->params.n == 1 ? "" : "s");
        if (!cx->prelude) {
            d->spans[0].label = arena_printf(t->a, "expected closure that takes %d argument%s", nep, nep == 1 ? "" : "s");
            if (at.lo != e->span.lo)
                diag_span(cx->u, d, (Span){ e->span.lo, e->lhs ? e->lhs->span.lo : e->span.hi }, false, "takes %d argument%s",
                          e->params.n, e->params.n == 1 ? "" : "s");
        }
        nep = -1;
    }
    if (nep >= 0) {
        ci->expected_kind = ek;
        ci->expected_kind_set = true;
    }
    int mark = cx->nlocals;
    Type *ret = e->ty ? cx_lower_type(cx, e->ty) : eret ? eret : cx_var(cx, e->span);
    if (cx->nframes >= 63) return t->t_err;
    Frame *f = &cx->frames[cx->nframes++];
    memset(f, 0, sizeof *f);
    f->kind = FRAME_CLOSURE;
    f->ret = ret;
    f->ret_span = e->ty ? e->ty->span : e->span;
    f->ret_written = e->ty != NULL;
    f->e = e;
    f->fn_span = e->span;
    f->locals_base = cx->nlocals;
    ci->depth = cx->nframes;
    for (int i = 0; i < e->params.n; i++) {
        Param *p = LIST_GET(e->params, i, Param);
        Type *pt = p->ty ? cx_lower_type(cx, p->ty) : nep >= 0 ? eps[i] : cx_var(cx, p->span);
        if (p->ty && nep >= 0 && !ty_unify(t, pt, eps[i])) cx_mismatch(cx, p->ty->span, eps[i], pt, (Span){ 0, 0 }, NULL);
        ci->params[i] = pt;
        cx_pat(cx, p->pat, pt, BIND_VALUE, true);
    }
    ci->ret = ret;
    Type *bt = cx_expr(cx, e->lhs, ret);
    (void)bt;
    cx_coerce(cx, e->lhs, ret, f->ret_span, e->ty ? "expected due to this" : NULL);
    cx->nframes--;
    cx->nlocals = mark;
    cx_closure_captures(cx, e);
    list_push(t->a, &cx->closures, e);
    return ty_closure(t, e);
}

static Type *check_async_block(FnCtx *cx, Expr *e) {
    Tcx *t = cx->t;
    ClosureInfo *ci = arena_alloc(t->a, sizeof *ci);
    ci->is_async_block = true;
    Res *res = arena_alloc(t->a, sizeof *res);
    res->kind = RES_CLOSURE;
    res->closure = ci;
    e->res = res;
    Type *out = cx_var(cx, e->span);
    if (cx->nframes >= 63) return t->t_err;
    Frame *f = &cx->frames[cx->nframes++];
    memset(f, 0, sizeof *f);
    f->kind = FRAME_ASYNC;
    f->ret = out;
    f->is_async = true;
    f->e = e;
    f->fn_span = e->span;
    ci->depth = cx->nframes;
    int mark = cx->nlocals;
    LoopCtx *saved_loops = cx->loops;
    Expr inner = { 0 };
    inner.kind = EX_BLOCK;
    inner.body = e->body;
    inner.span = e->body ? e->body->span : e->span;
    Expr *ip = arena_alloc(t->a, sizeof *ip);
    *ip = inner;
    cx_expr(cx, ip, out);
    cx_coerce(cx, ip, out, (Span){ 0, 0 }, NULL);
    cx->loops = saved_loops;
    cx->nlocals = mark;
    cx->nframes--;
    ci->ret = out;
    cx_closure_captures(cx, e);
    return ty_async_block(t, e, out);
}

/* ------------------------------------------------------ async: await, box */

static Type *check_await(FnCtx *cx, Expr *e) {
    Tcx *t = cx->t;
    Type *ty = cx_expr(cx, e->lhs, NULL);
    Frame *f = cx_frame(cx);
    if (!f->is_async) {
        Span at = e->name_span.hi > e->name_span.lo ? e->name_span : e->span;
        Diag *d = cx_error(cx, at, "E0728", "only allowed inside `async` functions and blocks",
                           "`await` is only allowed inside `async` functions and blocks");
        if (!cx->prelude && f->fn_span.hi > f->fn_span.lo)
            diag_span(cx->u, d, f->kind == FRAME_CLOSURE ? f->e->span : f->fn_span, false, "this is not `async`");
    }
    Type *r = ty_resolve(t, ty);
    if (r->kind == TYPE_ERROR) return r;
    cx_select(cx);
    r = ty_resolve(t, ty);
    if (r->kind == TYPE_INFER && r->sub == VAR_TY) {
        cx_error(cx, e->lhs->span, "E0282", "cannot infer type", "type annotations needed");
        return t->t_err;
    }
    TraitRef tr = { t->wk.future, NULL, 0, NULL, NULL, 0 };
    Snap snap = ty_snapshot(t);
    SolveResult res = tr_solve(t, ty, &tr, false, NULL);
    ty_rollback(t, snap);
    if (res == SOLVE_NO) {
        if (cx->prelude) cx_error(cx, e->lhs->span, "E0277", NULL, "not a future");
        else check_report_unsatisfied(t, ty, &tr, e->lhs->span, NULL, (Span){ 0, 0 }, false, OBL_AWAIT);
        return t->t_err;
    }
    t->cause = e->span;
    /* E0733: an async fn awaiting its own call directly would hold its own
     * future inline (dynbox: `.box` the call, as the help says) */
    Expr *rc = e->lhs;
    while (rc->kind == EX_PAREN) rc = rc->lhs;
    Res *rr = rc->kind == EX_CALL ? rc->lhs->res : rc->kind == EX_METHOD ? rc->res : NULL;
    Span sig = cx->def && cx->def->item && cx->def->item->sig.span.hi > cx->def->item->sig.span.lo ? cx->def->item->sig.span
                                                                                                : f->fn_span;
    bool reported = false; /* once per fn, as rustc */
    for (Diag *p = cx->u->diags.head; p && !reported; p = p->next)
        reported = p->code && !strcmp(p->code, "E0733") && p->nspans && p->spans[0].span.lo == sig.lo;
    if (f->kind == FRAME_FN && f->is_async && !cx->prelude && rr && rr->kind == RES_FN && rr->def == cx->def && !reported) {
        Diag *d = cx_error(cx, sig, "E0733", NULL, "recursion in an async fn requires boxing");
        diag_span(cx->u, d, e->span, false, "recursive call here");
        diag_child(cx->u, d, DIAG_NOTE, "a recursive `async fn` call must introduce indirection such as `Box::pin` to avoid an infinitely sized future");
        diag_suggest(cx->u, d, (Span){ rc->span.hi, rc->span.hi }, ".box", APP_MACHINE_APPLICABLE,
                     "box the recursive call's future at the call site");
    }
    Type *out = tr_future_output(t, ty);
    return out ? out : t->t_err;
}

/* `call.box` / `dyn_box!(call)`: a call returning `impl Trait` (an async
 * fn's future included) boxed behind `dyn`: Pin<Box<dyn Future<Output = T>>>
 * for futures, Box<dyn Trait<..>> otherwise. */
static Type *check_box(FnCtx *cx, Expr *e) {
    Tcx *t = cx->t;
    Expr *call = e->lhs;
    while (call && call->kind == EX_PAREN) call = call->lhs;
    cx->boxing = call;
    Type *ty = cx_expr(cx, e->lhs, NULL);
    cx->boxing = NULL;
    Type *r = ty_resolve(t, ty);
    Span box_span = e->macro_form ? e->span : (Span){ e->lhs->span.hi, e->span.hi };
    if (r->kind == TYPE_ERROR) return r;
    bool is_call = call && (call->kind == EX_CALL || call->kind == EX_METHOD);
    if (!is_call || r->kind != TYPE_OPAQUE || r->expr) {
        if (cx->prelude) {
            cx_error(cx, e->span, NULL, NULL, ".box on a non-impl-Trait call");
        } else {
            const char *rs = ty_str(t, cx_resolve(cx, ty));
            dyn_report_bad_box(cx->u, box_span, e->lhs->span, e->macro_form, rs);
        }
        return t->t_err;
    }
    TraitRef *bounds;
    int nb = tr_opaque_bounds(t, r, &bounds);
    Res *res = arena_alloc(t->a, sizeof *res);
    res->kind = RES_FN;
    res->boxed_call = call->res && call->res->dispatch == DISPATCH_DYN;
    e->res = res;
    for (int i = 0; i < nb; i++) {
        if (bounds[i].trait == t->wk.future) {
            Type *out = tr_future_output(t, ty);
            TraitRef fut = { t->wk.future, NULL, 0, &t->wk.s_output, &out, 1 };
            Type *dyn = ty_dyn(t, &fut);
            return ty_adt1(t, t->wk.pin, ty_adt1(t, t->wk.box, dyn));
        }
    }
    if (nb == 0) {
        cx_error(cx, e->span, NULL, NULL, "cannot box an `impl Trait` without a trait bound");
        return t->t_err;
    }
    TraitRef tr = bounds[0];
    for (int i = 0; i < nb; i++)
        if (!bounds[i].trait->builtin_auto) {
            tr = bounds[i];
            break;
        }
    /* normalize the bindings the dyn type names */
    TraitRef copy = tr;
    if (tr.nbinds) {
        copy.bind_tys = arena_alloc(t->a, sizeof(Type *) * (size_t)tr.nbinds);
        for (int i = 0; i < tr.nbinds; i++) copy.bind_tys[i] = tr_normalize(t, tr.bind_tys[i]);
    }
    return ty_adt1(t, t->wk.box, ty_dyn(t, &copy));
}

/* --------------------------------------------------------------- `?` */

static Type *check_try(FnCtx *cx, Expr *e) {
    Tcx *t = cx->t;
    Type *ty = cx_expr(cx, e->lhs, NULL);
    Type *r = ty_resolve(t, ty);
    if (r->kind == TYPE_ERROR) return r;
    cx_select(cx);
    r = ty_resolve(t, ty);
    Frame *f = cx_frame(cx);
    Type *ret = ty_resolve(t, f->ret);
    bool is_result = r->kind == TYPE_ADT && r->def == t->wk.result;
    bool is_option = r->kind == TYPE_ADT && r->def == t->wk.option;
    if (!is_result && !is_option) {
        if (r->kind == TYPE_INFER && r->sub == VAR_TY) {
            cx_error(cx, e->lhs->span, "E0282", "cannot infer type", "type annotations needed");
            return t->t_err;
        }
        Diag *d = cx_error(cx, e->span, "E0277", NULL,
                           "the `?` operator can only be applied to values that implement `Try`");
        if (!cx->prelude) d->spans[0].label = arena_printf(t->a, "the `?` operator cannot be applied to type `%s`",
                                                           ty_str(t, cx_resolve(cx, r)));
        return t->t_err;
    }
    /* the enclosing fn/closure/async block must return a compatible type */
    if (ret->kind == TYPE_INFER && ret->sub == VAR_TY) {
        Type *a[2] = { cx_var(cx, e->span), is_result ? cx_var(cx, e->span) : NULL };
        ty_unify(t, ret, is_result ? ty_adt(t, t->wk.result, a, 2) : ty_adt1(t, t->wk.option, a[0]));
        ret = ty_resolve(t, ret);
    }
    bool ret_result = ret->kind == TYPE_ADT && ret->def == t->wk.result;
    bool ret_option = ret->kind == TYPE_ADT && ret->def == t->wk.option;
    Span qs = { e->span.hi > 0 ? e->span.hi - 1 : 0, e->span.hi };
    if (ret->kind == TYPE_ERROR) return is_result ? r->args[0] : r->args[0];
    if (!(ret_result || ret_option)) {
        Diag *d = cx_error(cx, qs, "E0277", NULL,
                           "the `?` operator can only be used in %s that returns `Result` or `Option` (or another type that implements `FromResidual`)",
                           f->kind == FRAME_FN ? (cx->def && cx->def->parent && cx->def->parent->kind != DEF_MOD ? "a method" : "a function")
                           : f->kind == FRAME_CLOSURE ? "a closure" : "an async block");
        if (!cx->prelude) {
            d->spans[0].label = arena_printf(t->a, "cannot use the `?` operator in %s that returns `%s`",
                                             f->kind == FRAME_FN ? "a function" : f->kind == FRAME_CLOSURE ? "a closure" : "an async block",
                                             ty_str(t, cx_resolve(cx, ret)));
        }
        return r->args[0];
    }
    if (is_result && ret_option) {
        Diag *d = cx_error(cx, qs, "E0277", NULL,
                           "the `?` operator can only be used on `Option`s, not `Result`s, in a function that returns `Option`");
        if (!cx->prelude) d->spans[0].label = "use `.ok()?` if you want to discard the `Result<T, E>` error information";
        return r->args[0];
    }
    if (is_option && ret_result) {
        Diag *d = cx_error(cx, qs, "E0277", NULL,
                           "the `?` operator can only be used on `Result`s, not `Option`s, in a function that returns `Result`");
        if (!cx->prelude) d->spans[0].label = "use `.ok_or(...)?` to provide an error compatible with `Result`";
        return r->args[0];
    }
    if (is_result) {
        /* F: From<E> */
        Type *from_e = r->args[1];
        Type *to_f = ret->args[1];
        TraitRef tr = { t->wk.from, &from_e, 1, NULL, NULL, 0 };
        cx_obligation(cx, to_f, &tr, qs, NULL, (Span){ 0, 0 }, true, OBL_QUESTION);
        Res *res = arena_alloc(t->a, sizeof *res);
        res->kind = RES_FN;
        res->trait = t->wk.from;
        res->self_ty = to_f;
        res->args = arena_alloc(t->a, sizeof(Type *) * 2);
        res->args[0] = to_f;
        res->args[1] = from_e;
        res->nargs = 2;
        e->res = res;
    }
    return r->args[0];
}

/* ------------------------------------------------------- struct literal */

static Type *check_struct_lit(FnCtx *cx, Expr *e, Type *expected) {
    Tcx *t = cx->t;
    Res *res = arena_alloc(t->a, sizeof *res);
    res->kind = RES_STRUCT;
    e->res = res;
    Type *self = NULL;
    Type **args = NULL;
    int nargs = 0;
    Def *d = cx_path_def(cx, e->path, false, &self, &args, &nargs, res, false);
    if (!d) {
        for (int i = 0; i < e->fields.n; i++) cx_expr(cx, LIST_GET(e->fields, i, FieldInit)->value, NULL);
        if (e->rhs) cx_expr(cx, e->rhs, NULL);
        return t->t_err;
    }
    if (d->kind != DEF_STRUCT && d->kind != DEF_VARIANT) {
        cx_error(cx, e->path->span, "E0574", "not a struct", "expected struct, variant or union type, found %s `%s`",
                 d->kind == DEF_ENUM ? "enum" : d->kind == DEF_TRAIT ? "trait" : "item", d->name);
        for (int i = 0; i < e->fields.n; i++) cx_expr(cx, LIST_GET(e->fields, i, FieldInit)->value, NULL);
        return t->t_err;
    }
    res->def = d;
    Def *adt = d->kind == DEF_VARIANT ? d->parent : d;
    res_def_sig(t, adt);
    Type *ty = self ? self : ty_adt(t, adt, args, nargs);
    if (expected) {
        Snap snap = ty_snapshot(t);
        if (!ty_unify(t, ty, expected)) ty_rollback(t, snap);
    }
    Type *rt = ty_resolve(t, ty);
    if (rt->kind == TYPE_ADT) {
        args = rt->args;
        nargs = rt->nargs;
    }
    res->args = args;
    res->nargs = nargs;
    res->self_ty = ty;
    bool *seen = arena_alloc(t->a, sizeof(bool) * (size_t)(d->nfields + 1));
    for (int i = 0; i < e->fields.n; i++) {
        FieldInit *fi = LIST_GET(e->fields, i, FieldInit);
        int k = -1;
        for (int j = 0; j < d->nfields; j++)
            if (d->fields[j].name == fi->name) k = j;
        if (k < 0) {
            cx_expr(cx, fi->value, NULL);
            if (d->kind == DEF_VARIANT)
                cx_error(cx, fi->span, "E0559", "unknown field", "variant `%s::%s` has no field named `%s`", adt->name,
                         d->name, fi->name);
            else
                cx_error(cx, fi->span, "E0560", "unknown field", "struct `%s` has no field named `%s`", d->name, fi->name);
            continue;
        }
        if (seen[k]) {
            cx_expr(cx, fi->value, NULL);
            cx_error(cx, fi->span, "E0062", "used more than once", "field `%s` specified more than once", fi->name);
            continue;
        }
        seen[k] = true;
        if (!d->fields[k].is_pub && cx_user(cx))
            cx_error(cx, fi->span, "E0451", "private field", "field `%s` of struct `%s` is private", fi->name, d->name);
        Type *ft = cx_instantiate(cx, d->fields[k].ty, args, nargs);
        cx_expr_coerce(cx, fi->value, ft, (Span){ 0, 0 }, NULL);
    }
    if (e->rhs) {
        cx_expr_coerce(cx, e->rhs, ty, (Span){ 0, 0 }, NULL);
        return ty;
    }
    Buf missing = { 0 };
    int nmiss = 0;
    for (int j = 0; j < d->nfields; j++) {
        if (seen[j]) continue;
        if (nmiss < 3) {
            if (nmiss) buf_puts(&missing, nmiss == 2 || j == d->nfields - 1 ? "" : "");
        }
        nmiss++;
    }
    if (nmiss) {
        /* rustc: `a`, `a` and `b`, `a`, `b` and `c`, `a`, `b`, `c` and N other fields */
        Sym names[4];
        int k = 0;
        for (int j = 0; j < d->nfields && k < 4; j++)
            if (!seen[j]) names[k++] = d->fields[j].name;
        if (nmiss == 1) buf_printf(&missing, "`%s`", names[0]);
        else if (nmiss == 2) buf_printf(&missing, "`%s` and `%s`", names[0], names[1]);
        else if (nmiss == 3) buf_printf(&missing, "`%s`, `%s` and `%s`", names[0], names[1], names[2]);
        else buf_printf(&missing, "`%s`, `%s`, `%s` and %d other field%s", names[0], names[1], names[2], nmiss - 3,
                        nmiss - 3 == 1 ? "" : "s");
        const char *holder = d->kind == DEF_VARIANT ? arena_printf(t->a, "%s::%s", adt->name, d->name) : d->name;
        Diag *dg = cx_error(cx, e->path->span, "E0063", NULL, "missing field%s %s in initializer of `%s`",
                            nmiss == 1 ? "" : "s", missing.s, holder);
        if (!cx->prelude) dg->spans[0].label = arena_printf(t->a, "missing %s", missing.s);
    }
    buf_free(&missing);
    return ty;
}

/* -------------------------------------------------------------- assign */

static Type *check_assign(FnCtx *cx, Expr *e) {
    Tcx *t = cx->t;
    if (e->lhs->kind == EX_PATH && e->lhs->path->segs.n == 1 &&
        strcmp(LIST_GET(e->lhs->path->segs, 0, PathSeg)->name, "_") == 0) {
        cx_expr(cx, e->rhs, NULL);
        return t->t_unit;
    }
    Type *l = cx_expr(cx, e->lhs, NULL);
    bool place = e->lhs->kind == EX_PATH || e->lhs->kind == EX_FIELD || e->lhs->kind == EX_INDEX ||
                 (e->lhs->kind == EX_UNARY && e->lhs->op == P_STAR) || e->lhs->kind == EX_PAREN;
    if (!place) {
        Diag *d = cx_error(cx, op_span(cx, e), "E0070", NULL, "invalid left-hand side of assignment");
        if (!cx->prelude) diag_span(cx->u, d, e->lhs->span, false, "cannot assign to this expression");
        cx_expr(cx, e->rhs, NULL);
        return t->t_unit;
    }
    if (e->lhs->kind == EX_PATH && e->lhs->res && e->lhs->res->kind != RES_LOCAL && e->lhs->res->kind != RES_STATIC &&
        e->lhs->res->kind != RES_ERR) {
        Diag *d = cx_error(cx, op_span(cx, e), "E0070", NULL, "invalid left-hand side of assignment");
        if (!cx->prelude) diag_span(cx->u, d, e->lhs->span, false, "cannot assign to this expression");
    }
    cx_expr(cx, e->rhs, l);
    cx_coerce(cx, e->rhs, l, e->lhs->span, "expected due to the type of this binding");
    if (e->kind == EX_ASSIGN) report_immutable(cx, e->lhs, e->span, true, false);
    return t->t_unit;
}

/* ----------------------------------------------------------- dispatcher */

static Type *array_len(FnCtx *cx, Expr *n, uint64_t *len) {
    Tcx *t = cx->t;
    Type *ty = cx_expr(cx, n, t->t_int[INT_USIZE]);
    cx_coerce(cx, n, t->t_int[INT_USIZE], (Span){ 0, 0 }, NULL);
    *len = 0;
    if (n->kind == EX_INT) *len = n->ival;
    else if (n->kind == EX_PATH && n->res && n->res->kind == RES_CONST && n->res->def->item && n->res->def->item->value &&
             n->res->def->item->value->kind == EX_INT)
        *len = n->res->def->item->value->ival;
    else cx_error(cx, n->span, NULL, NULL, "array lengths must be integer constants in dynbox");
    return ty;
}

static Type *expr_inner(FnCtx *cx, Expr *e, Type *expected) {
    Tcx *t = cx->t;
    switch (e->kind) {
    case EX_INT: {
        Type *s = suffix_type(t, e->suffix);
        if (s) return s;
        Type *h = expected ? ty_resolve(t, expected) : NULL;
        if (h && (h->kind == TYPE_INT || (h->kind == TYPE_INFER && h->sub == VAR_INT))) return h;
        return ty_var(t, VAR_INT, e->span);
    }
    case EX_FLOAT: {
        Type *s = suffix_type(t, e->suffix);
        if (s) return s;
        Type *h = expected ? ty_resolve(t, expected) : NULL;
        if (h && (h->kind == TYPE_FLOAT || (h->kind == TYPE_INFER && h->sub == VAR_FLOAT))) return h;
        return ty_var(t, VAR_FLOAT, e->span);
    }
    case EX_STR: return t->t_static_str;
    case EX_BYTE_STR: return ty_ref(t, ty_array(t, t->t_int[INT_U8], e->str_len), false);
    case EX_CHAR: return t->t_char;
    case EX_BYTE: return t->t_int[INT_U8];
    case EX_BOOL: return t->t_bool;
    case EX_PATH: return cx_path_expr(cx, e, expected);
    case EX_UNARY: return check_unary(cx, e, expected);
    case EX_REF: {
        Type *h = expected ? ty_resolve(t, expected) : NULL;
        Type *inner_hint = h && h->kind == TYPE_REF ? h->inner : NULL;
        if (inner_hint && ty_resolve(t, inner_hint)->kind == TYPE_DYN) inner_hint = NULL;
        if (inner_hint && ty_resolve(t, inner_hint)->kind == TYPE_SLICE) inner_hint = NULL;
        if (inner_hint && ty_resolve(t, inner_hint)->kind == TYPE_STR) inner_hint = NULL;
        Type *inner = cx_expr(cx, e->lhs, inner_hint);
        if (e->mut_) report_immutable(cx, e->lhs, e->span, false, false);
        return ty_ref(t, inner, e->mut_);
    }
    case EX_BINARY:
        switch (e->op) {
        case P_ANDAND:
        case P_OROR:
            if (e->lhs->kind == EX_LET || e->rhs->kind == EX_LET) {
                cx_error(cx, e->span, NULL, NULL, "expected expression, found `let` statement");
                return t->t_bool;
            }
            cx_expr_coerce(cx, e->lhs, t->t_bool, (Span){ 0, 0 }, NULL);
            cx_expr_coerce(cx, e->rhs, t->t_bool, (Span){ 0, 0 }, NULL);
            return t->t_bool;
        case P_EQEQ: case P_NE: case P_LT: case P_GT: case P_LE: case P_GE:
            return check_compare(cx, e);
        default:
            return check_arith(cx, e, false);
        }
    case EX_ASSIGN: return check_assign(cx, e);
    case EX_ASSIGN_OP: {
        Type *r = check_arith(cx, e, true);
        report_immutable(cx, e->lhs, e->span, true, true);
        return r == t->t_err ? t->t_unit : r;
    }
    case EX_CAST: {
        Type *target = cx_lower_type(cx, e->ty);
        Type *src = cx_expr(cx, e->lhs, NULL);
        Type *s = ty_resolve(t, src), *d = ty_resolve(t, target);
        if ((s->flags | d->flags) & TF_ERROR) return target;
        bool num_s = is_num(s) || s->kind == TYPE_BOOL || s->kind == TYPE_CHAR;
        bool ok = false;
        if (is_num(d) && num_s) ok = !(d->kind == TYPE_FLOAT && (s->kind == TYPE_BOOL || s->kind == TYPE_CHAR));
        else if (d->kind == TYPE_CHAR && (s->kind == TYPE_CHAR || (s->kind == TYPE_INT && s->sub == INT_U8) ||
                                          (s->kind == TYPE_INFER && s->sub == VAR_INT)))
            ok = true;
        else if (d->kind == TYPE_INT && s->kind == TYPE_ADT && s->def->kind == DEF_ENUM) {
            ok = true;
            for (int i = 0; i < s->def->nvariants; i++) ok &= s->def->variants[i]->shape == STRUCT_UNIT;
        } else if (d->kind == TYPE_PTR && (s->kind == TYPE_REF || s->kind == TYPE_PTR)) ok = true;
        else if (d->kind == TYPE_INT && (s->kind == TYPE_PTR || s->kind == TYPE_FNDEF || s->kind == TYPE_FNPTR)) ok = true;
        else if (d->kind == TYPE_FNPTR && (s->kind == TYPE_FNDEF || s->kind == TYPE_CLOSURE)) ok = cx_try_coerce(cx, e->lhs, d);
        else if (d->kind == TYPE_INFER || (s->kind == TYPE_INFER && s->sub == VAR_TY)) ok = ty_unify(t, s, d) || s->kind == TYPE_INFER;
        else {
            Snap snap = ty_snapshot(t);
            ok = ty_unify(t, s, d) || cx_try_coerce(cx, e->lhs, d);
            if (!ok) ty_rollback(t, snap);
        }
        if (!ok) {
            bool prim = is_num(s) || s->kind == TYPE_BOOL || s->kind == TYPE_CHAR || s->kind == TYPE_REF;
            if (prim && d->kind != TYPE_ADT)
                cx_error(cx, e->span, "E0606", NULL, "casting `%s` as `%s` is invalid", ty_str(t, cx_resolve(cx, s)),
                         ty_str(t, d));
            else
                cx_error(cx, e->span, "E0605", "an `as` expression can only be used to convert between primitive types or to coerce to a specific trait object",
                         "non-primitive cast: `%s` as `%s`", ty_str(t, cx_resolve(cx, s)), ty_str(t, d));
        }
        return target;
    }
    case EX_CALL: return cx_call(cx, e, expected);
    case EX_METHOD: return cx_method(cx, e, expected);
    case EX_FIELD: return check_field(cx, e);
    case EX_INDEX: return check_index(cx, e);
    case EX_AWAIT: return check_await(cx, e);
    case EX_BOX: return check_box(cx, e);
    case EX_TRY: return check_try(cx, e);
    case EX_BLOCK:
        if (e->label) return check_loop(cx, e, expected);
        return cx_block(cx, e->body, expected);
    case EX_ASYNC: return check_async_block(cx, e);
    case EX_CLOSURE: return check_closure(cx, e, expected);
    case EX_IF: return check_if(cx, e, expected);
    case EX_LET:
        cx_error(cx, e->span, NULL, NULL, "expected expression, found `let` statement");
        if (e->rhs) cx_expr(cx, e->rhs, NULL);
        return t->t_bool;
    case EX_MATCH: return check_match(cx, e, expected);
    case EX_WHILE:
    case EX_LOOP:
    case EX_FOR: return check_loop(cx, e, expected);
    case EX_BREAK: return check_break(cx, e);
    case EX_CONTINUE:
        find_loop(cx, e, e->label, true);
        return t->t_never;
    case EX_RETURN: {
        Frame *f = cx_frame(cx);
        if (e->lhs) {
            cx_expr(cx, e->lhs, f->ret);
            cx_coerce(cx, e->lhs, f->ret, f->ret_span,
                      f->ret_written ? arena_printf(t->a, "expected `%s` because of return type", ty_str(t, cx_resolve(cx, f->ret)))
                                     : NULL);
        } else if (!ty_unify(t, f->ret, t->t_unit)) {
            Diag *d = cx_error(cx, e->span, "E0069", NULL, "`return;` in a function whose return type is not `()`");
            if (!cx->prelude) {
                d->spans[0].label = "return type is not `()`";
                if (f->ret_written) diag_span(cx->u, d, f->ret_span, false, "expected `%s` because of this return type",
                                              ty_str(t, cx_resolve(cx, f->ret)));
            }
        }
        return t->t_never;
    }
    case EX_RANGE: {
        Type *h = hint_resolved(cx, expected);
        Type *elem_hint = h && h->kind == TYPE_ADT && h->nargs == 1 ? h->args[0] : NULL;
        Type *el = NULL;
        if (e->lhs) el = cx_expr(cx, e->lhs, elem_hint);
        if (e->rhs) {
            Type *r = cx_expr(cx, e->rhs, el ? el : elem_hint);
            if (el) {
                if (!ty_unify(t, el, r)) cx_mismatch(cx, e->rhs->span, el, r, (Span){ 0, 0 }, NULL);
            } else {
                el = r;
            }
        }
        Def *d;
        if (!e->lhs && !e->rhs) return ty_adt(t, t->wk.range_full, NULL, 0);
        if (!e->lhs) d = e->inclusive ? t->wk.range_to_inclusive : t->wk.range_to;
        else if (!e->rhs) d = t->wk.range_from;
        else d = e->inclusive ? t->wk.range_inclusive : t->wk.range;
        return d ? ty_adt1(t, d, el) : t->t_err;
    }
    case EX_TUPLE: {
        Type *h = hint_resolved(cx, expected);
        Type **el = arena_alloc(t->a, sizeof(Type *) * (size_t)(e->args.n + 1));
        for (int i = 0; i < e->args.n; i++) {
            Type *eh = h && h->kind == TYPE_TUPLE && h->nargs == e->args.n ? h->args[i] : NULL;
            Expr *a = LIST_GET(e->args, i, Expr);
            el[i] = cx_expr(cx, a, eh);
            if (eh && !(ty_resolve(t, eh)->flags & TF_INFER) && cx_try_coerce(cx, a, eh)) el[i] = eh;
        }
        return ty_tuple(t, el, e->args.n);
    }
    case EX_ARRAY: {
        Type *h = hint_resolved(cx, expected);
        Type *elem = h && (h->kind == TYPE_ARRAY || h->kind == TYPE_SLICE) ? h->inner : NULL;
        if (elem && (ty_resolve(t, elem)->flags & TF_INFER)) elem = NULL;
        CoerceMany cm = { 0 };
        cm.target = elem;
        cm.from_expectation = true; /* rustc: plain "mismatched types" for elements */
        for (int i = 0; i < e->args.n; i++) {
            Expr *a = LIST_GET(e->args, i, Expr);
            cx_expr(cx, a, cm.target);
            cm_add(cx, &cm, a);
        }
        Type *et = cm.target ? cm.target : e->args.n ? t->t_never : cx_var(cx, e->span);
        return ty_array(t, et, (uint32_t)e->args.n);
    }
    case EX_REPEAT: {
        Type *h = hint_resolved(cx, expected);
        Type *el = cx_expr(cx, e->lhs, h && h->kind == TYPE_ARRAY ? h->inner : NULL);
        uint64_t n;
        array_len(cx, e->rhs, &n);
        return ty_array(t, el, (uint32_t)n);
    }
    case EX_STRUCT: return check_struct_lit(cx, e, expected);
    case EX_MACRO: return cx_macro(cx, e, expected);
    case EX_PAREN: return cx_expr(cx, e->lhs, expected);
    case EX_ERROR: return t->t_err;
    }
    return t->t_err;
}
