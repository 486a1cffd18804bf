/* traits.c — trait solving: does `T: Trait` hold (where clauses, impls,
 * `dyn` and `impl Trait` bounds, and the traits the compiler implements for
 * primitives and closures), associated type projection, auto-deref, callable
 * signatures, and method probing in Rust's order.
 */
#include "types.h"
#include "dyn.h"

#include <string.h>

enum { MAX_SOLVE_DEPTH = 40, MAX_DEREF = 16, MAX_ELAB = 32 };

/* ------------------------------------------------------------- helpers */

void tr_fresh_args(Tcx *t, Def *d, Type **args, int from, Span sp) {
    for (int i = from; i < d->gen.n; i++) args[i] = ty_var(t, VAR_TY, sp);
}

static Type **dup_args(Tcx *t, Type **a, int n) {
    Type **r = arena_alloc(t->a, sizeof(Type *) * (size_t)(n + 1));
    if (n) copy_n(r, a, sizeof(Type *) * (size_t)n);
    return r;
}

/* A TraitRef whose arrays live in the arena (callers often build them on
 * the stack). */
TraitRef tr_copy(Tcx *t, const TraitRef *tr) {
    TraitRef r = *tr;
    if (tr->nargs) {
        r.args = arena_alloc(t->a, sizeof(Type *) * (size_t)tr->nargs);
        copy_n(r.args, tr->args, sizeof(Type *) * (size_t)tr->nargs);
    }
    if (tr->nbinds) {
        r.bind_names = arena_alloc(t->a, sizeof(Sym) * (size_t)tr->nbinds);
        r.bind_tys = arena_alloc(t->a, sizeof(Type *) * (size_t)tr->nbinds);
        copy_n(r.bind_names, tr->bind_names, sizeof(Sym) * (size_t)tr->nbinds);
        copy_n(r.bind_tys, tr->bind_tys, sizeof(Type *) * (size_t)tr->nbinds);
    }
    return r;
}

void tr_register(Tcx *t, Type *self, const TraitRef *tr, Span sp, Def *origin, Span bound_span, bool prelude) {
    if (!t->pending) return;
    Obligation *o = arena_alloc(t->a, sizeof *o);
    o->self = self;
    o->tr = tr_copy(t, tr);
    o->span = sp;
    o->origin = origin;
    o->bound_span = bound_span;
    o->bound_prelude = prelude;
    list_push(t->a, t->pending, o);
}

Def *tr_assoc_type(Tcx *t, Def *trait, Sym name, Def **owner) {
    if (!trait) return NULL;
    res_def_generics(t, trait);
    Def *a = res_trait_member(t, trait, name, DEF_ASSOC_TY);
    if (a) {
        if (owner) *owner = trait;
        return a;
    }
    for (int i = 0; i < trait->nsupers; i++) {
        a = tr_assoc_type(t, trait->supers[i].trait, name, owner);
        if (a) return a;
    }
    return NULL;
}

/* Supertraits of `self: tr`, transitively, tr first. Bindings are carried
 * along: they name associated types of whichever trait declares them. */
int tr_elaborate(Tcx *t, Type *self, const TraitRef *tr, TraitRef *out, int max) {
    int n = 0;
    if (max < 1 || !tr->trait) return 0;
    out[n++] = *tr;
    for (int i = 0; i < n && n < max; i++) {
        Def *d = out[i].trait;
        res_def_generics(t, d);
        Type *sub[33];
        if (out[i].nargs > 31) continue;
        sub[0] = self ? self : ty_param(t, 0, t->wk.s_self_upper);
        for (int k = 0; k < out[i].nargs; k++) sub[k + 1] = out[i].args[k];
        for (int k = 0; k < d->nsupers && n < max; k++) {
            TraitRef *s = traitref_subst(t, &d->supers[k], sub, out[i].nargs + 1);
            bool seen = false;
            for (int j = 0; j < n && !seen; j++) seen = out[j].trait == s->trait && out[j].nargs == s->nargs;
            if (seen) continue;
            /* bindings of the elaborated bound apply to every supertrait */
            if (out[i].nbinds && !s->nbinds) {
                s->bind_names = out[i].bind_names;
                s->bind_tys = out[i].bind_tys;
                s->nbinds = out[i].nbinds;
            }
            out[n++] = *s;
        }
    }
    return n;
}

static Type *binding_of(const TraitRef *tr, Sym name) {
    for (int i = 0; i < tr->nbinds; i++)
        if (tr->bind_names[i] == name) return tr->bind_tys[i];
    return NULL;
}

/* The bounds a rigid projection has from its associated type's
 * declaration: `<U as IntoIterator>::IntoIter: Iterator<Item = U::Item>`. */
static int proj_bounds(Tcx *t, Type *p, TraitRef **out) {
    Def *owner = NULL;
    Def *a = tr_assoc_type(t, p->tr->trait, p->name, &owner);
    *out = NULL;
    if (!a) return 0;
    res_def_sig(t, a);
    if (!a->nbounds) return 0;
    Type *sub[33];
    if (p->tr->nargs > 31) return 0;
    sub[0] = p->inner;
    for (int i = 0; i < p->tr->nargs; i++) sub[i + 1] = p->tr->args[i];
    TraitRef *r = arena_alloc(t->a, sizeof(TraitRef) * (size_t)a->nbounds);
    for (int i = 0; i < a->nbounds; i++) r[i] = *traitref_subst(t, &a->bounds[i], sub, p->tr->nargs + 1);
    *out = r;
    return a->nbounds;
}

int tr_opaque_bounds(Tcx *t, Type *op, TraitRef **out) {
    if (op->kind == TYPE_PROJ) return proj_bounds(t, op, out);
    if (op->expr) {
        /* async block: Future<Output = inner> */
        TraitRef *tr = arena_alloc(t->a, sizeof *tr);
        tr->trait = t->wk.future;
        tr->nbinds = 1;
        tr->bind_names = arena_alloc(t->a, sizeof(Sym));
        tr->bind_tys = arena_alloc(t->a, sizeof(Type *));
        tr->bind_names[0] = t->wk.s_output;
        tr->bind_tys[0] = op->inner;
        *out = tr;
        return 1;
    }
    Def *f = op->def;
    if (!f || op->id >= (uint32_t)f->fn.nopaques) {
        *out = NULL;
        return 0;
    }
    Opaque *o = &f->fn.opaques[op->id];
    TraitRef *r = arena_alloc(t->a, sizeof(TraitRef) * (size_t)(o->nbounds + 1));
    for (int i = 0; i < o->nbounds; i++) r[i] = *traitref_subst(t, &o->bounds[i], op->args, op->nargs);
    *out = r;
    return o->nbounds;
}

/* ------------------------------------------------------------- builtins */

static bool is_signed(int k) { return k <= INT_ISIZE; }
static int int_bits(int k) {
    static const int bits[] = { 8, 16, 32, 64, 128, 64, 8, 16, 32, 64, 128, 64 };
    return bits[k];
}

/* Rust's lossless `From` conversions between numbers, bool and char. */
static bool numeric_from(Type *to, Type *from) {
    if (to->kind == TYPE_INT && from->kind == TYPE_INT) {
        int a = to->sub, b = from->sub;
        if (a == b) return false; /* covered by From<T> for T */
        bool ts = is_signed(a), fs = is_signed(b);
        bool tsize = a == INT_ISIZE || a == INT_USIZE, fsize = b == INT_ISIZE || b == INT_USIZE;
        if (tsize || fsize) {
            /* usize/isize: only from u8/u16 (usize) and u8/i8/i16 (isize) */
            if (a == INT_USIZE) return b == INT_U8 || b == INT_U16;
            if (a == INT_ISIZE) return b == INT_U8 || b == INT_I8 || b == INT_I16;
            return false;
        }
        if (ts == fs) return int_bits(a) > int_bits(b);
        if (ts && !fs) return int_bits(a) > int_bits(b);
        return false;
    }
    if (to->kind == TYPE_INT && from->kind == TYPE_BOOL) return true;
    if (to->kind == TYPE_INT && from->kind == TYPE_CHAR)
        return to->sub == INT_U32 || to->sub == INT_U64 || to->sub == INT_U128;
    if (to->kind == TYPE_FLOAT && from->kind == TYPE_FLOAT) return to->sub == FLOAT_F64 && from->sub == FLOAT_F32;
    if (to->kind == TYPE_FLOAT && from->kind == TYPE_INT) {
        int b = from->sub;
        if (b == INT_ISIZE || b == INT_USIZE) return false;
        return int_bits(b) < (to->sub == FLOAT_F64 ? 64 : 32) && int_bits(b) <= (to->sub == FLOAT_F64 ? 32 : 16);
    }
    if (to->kind == TYPE_CHAR && from->kind == TYPE_INT) return from->sub == INT_U8;
    return false;
}

static int binop_index(Tcx *t, Def *trait, bool *assign) {
    for (int i = 0; i < 10; i++) {
        if (trait == t->wk.binop[i]) {
            *assign = false;
            return i;
        }
        if (trait == t->wk.binop_assign[i]) {
            *assign = true;
            return i;
        }
    }
    return -1;
}

static SolveResult solve(Tcx *t, Type *self, const TraitRef *tr, bool commit, Selection *sel);

static SolveResult and_result(SolveResult a, SolveResult b) {
    if (a == SOLVE_NO || b == SOLVE_NO) return SOLVE_NO;
    if (a == SOLVE_MAYBE || b == SOLVE_MAYBE) return SOLVE_MAYBE;
    return SOLVE_YES;
}

static SolveResult solve_simple(Tcx *t, Type *self, Def *trait, bool commit) {
    TraitRef tr = { trait, NULL, 0, NULL, NULL, 0 };
    return solve(t, self, &tr, commit, NULL);
}

/* Each element of a tuple/array must implement the same trait. */
static SolveResult all_elems(Tcx *t, Type **el, int n, const TraitRef *tr, bool commit) {
    SolveResult r = SOLVE_YES;
    for (int i = 0; i < n && r != SOLVE_NO; i++) {
        TraitRef same = *tr;
        if (tr->nargs == 1 && (tr->trait == t->wk.partial_eq || tr->trait == t->wk.partial_ord)) {
            /* (A, B): PartialEq<(C, D)> elementwise; here only Rhs = Self */
            same.args = &el[i];
        }
        r = and_result(r, solve(t, el[i], &same, commit, NULL));
    }
    return r;
}

/* Traits the compiler implements itself. Returns -1 when no builtin rule
 * covers (self, trait): impls and where clauses decide then. */
static int builtin(Tcx *t, Type *self, const TraitRef *tr, bool commit) {
    WellKnown *w = &t->wk;
    Def *d = tr->trait;
    TypeKind k = self->kind;
    bool prim = k == TYPE_INT || k == TYPE_FLOAT || k == TYPE_BOOL || k == TYPE_CHAR ||
                (k == TYPE_INFER && self->sub != VAR_TY); /* `{integer}` is some integer type */
    if (d->builtin_auto) return SOLVE_YES;
    if (k == TYPE_INFER && self->sub != VAR_TY) {
        bool is_int = self->sub == VAR_INT;
        if (d == w->int_ || d == w->step) return is_int ? SOLVE_YES : SOLVE_NO;
        if (d == w->float_) return is_int ? SOLVE_NO : SOLVE_YES;
        if (d == w->signed_int) return is_int ? SOLVE_MAYBE : SOLVE_NO;
        if (d == w->eq || d == w->ord || d == w->hash) return is_int ? SOLVE_YES : SOLVE_NO;
    }
    if (d == w->clone || d == w->copy) {
        if (prim || k == TYPE_NEVER || k == TYPE_FNDEF || k == TYPE_FNPTR || k == TYPE_PTR) return SOLVE_YES;
        if (k == TYPE_REF) return self->mut_ ? SOLVE_NO : SOLVE_YES;
        if (k == TYPE_TUPLE) return all_elems(t, self->args, self->nargs, tr, commit);
        if (k == TYPE_ARRAY) return all_elems(t, &self->inner, 1, tr, commit);
        if (k == TYPE_STR || k == TYPE_SLICE || k == TYPE_DYN) return SOLVE_NO;
        if (k == TYPE_CLOSURE) {
            ClosureInfo *ci = self->expr->res ? self->expr->res->closure : NULL;
            if (!ci) return SOLVE_NO;
            for (int i = 0; i < ci->ncaptures; i++)
                if (ci->captures[i].mode == CAPTURE_MUT_REF) return SOLVE_NO;
            return SOLVE_YES;
        }
        if (k == TYPE_OPAQUE) return -1;
        return -1;
    }
    if (d == w->debug) {
        if (prim || k == TYPE_STR || k == TYPE_NEVER || k == TYPE_FNPTR || k == TYPE_PTR) return SOLVE_YES;
        if (k == TYPE_REF) return solve(t, self->inner, tr, commit, NULL);
        if (k == TYPE_TUPLE) return all_elems(t, self->args, self->nargs, tr, commit);
        if (k == TYPE_ARRAY) return all_elems(t, &self->inner, 1, tr, commit);
        if (k == TYPE_CLOSURE || k == TYPE_FNDEF) return SOLVE_NO;
        return -1;
    }
    if (d == w->display) {
        if (prim || k == TYPE_STR || k == TYPE_NEVER) return SOLVE_YES;
        if (k == TYPE_REF) return solve(t, self->inner, tr, commit, NULL);
        if (k == TYPE_TUPLE || k == TYPE_ARRAY || k == TYPE_SLICE || k == TYPE_CLOSURE || k == TYPE_FNDEF ||
            k == TYPE_FNPTR || k == TYPE_PTR)
            return SOLVE_NO;
        return -1;
    }
    if (d == w->partial_eq || d == w->partial_ord || d == w->eq || d == w->ord || d == w->hash) {
        bool total = d == w->eq || d == w->ord || d == w->hash;
        Type *rhs = tr->nargs ? ty_resolve(t, tr->args[0]) : self;
        if (prim || k == TYPE_STR || k == TYPE_NEVER) {
            if (total && k == TYPE_FLOAT) return SOLVE_NO;
            if (k == TYPE_NEVER) return SOLVE_YES;
            if (tr->nargs) {
                if (commit) return ty_unify(t, rhs, self) ? SOLVE_YES : SOLVE_NO;
                Snap snap = ty_snapshot(t);
                bool ok = ty_unify(t, rhs, self);
                ty_rollback(t, snap);
                return ok ? SOLVE_YES : SOLVE_NO;
            }
            return SOLVE_YES;
        }
        if (k == TYPE_REF) {
            /* &A: PartialEq<&B> when A: PartialEq<B> */
            TraitRef inner = *tr;
            Type *ra = NULL;
            if (tr->nargs) {
                if (rhs->kind == TYPE_INFER) return SOLVE_MAYBE;
                if (rhs->kind != TYPE_REF) return -1;
                ra = rhs->inner;
                inner.args = &ra;
            }
            return solve(t, self->inner, &inner, commit, NULL);
        }
        if (k == TYPE_TUPLE) {
            if (tr->nargs && rhs->kind == TYPE_INFER) return SOLVE_MAYBE;
            if (tr->nargs && rhs != self && (rhs->kind != TYPE_TUPLE || rhs->nargs != self->nargs)) {
                if (!commit) {
                    Snap snap = ty_snapshot(t);
                    bool ok = ty_unify(t, rhs, self);
                    ty_rollback(t, snap);
                    if (!ok) return SOLVE_NO;
                } else if (!ty_unify(t, rhs, self)) {
                    return SOLVE_NO;
                }
            }
            TraitRef plain = *tr;
            plain.nargs = 0;
            SolveResult r = SOLVE_YES;
            for (int i = 0; i < self->nargs && r != SOLVE_NO; i++) {
                TraitRef e = *tr;
                Type *arg = self->args[i];
                if (tr->nargs) e.args = &arg;
                r = and_result(r, solve(t, self->args[i], tr->nargs ? &e : &plain, commit, NULL));
            }
            return r;
        }
        if (k == TYPE_ARRAY || k == TYPE_SLICE) {
            if (tr->nargs && rhs->kind == TYPE_INFER) return SOLVE_MAYBE;
            if (tr->nargs && rhs->kind != k) return -1;
            TraitRef e = *tr;
            Type *ra = tr->nargs ? rhs->inner : NULL;
            if (tr->nargs) e.args = &ra;
            return solve(t, self->inner, &e, commit, NULL);
        }
        if (k == TYPE_CLOSURE || k == TYPE_FNDEF) return SOLVE_NO;
        return -1;
    }
    if (d == w->default_) {
        if (prim) return SOLVE_YES;
        if (k == TYPE_TUPLE) return all_elems(t, self->args, self->nargs, tr, commit);
        return -1;
    }
    if (d == w->step) return k == TYPE_INT || k == TYPE_CHAR ? SOLVE_YES : -1;
    if (d == w->int_) return k == TYPE_INT ? SOLVE_YES : SOLVE_NO;
    if (d == w->signed_int) return k == TYPE_INT && is_signed(self->sub) ? SOLVE_YES : SOLVE_NO;
    if (d == w->float_) return k == TYPE_FLOAT ? SOLVE_YES : SOLVE_NO;
    if (d == w->lower_hex || d == w->upper_hex || d == w->binary || d == w->octal) {
        if (k == TYPE_INT || (k == TYPE_INFER && self->sub == VAR_INT)) return SOLVE_YES;
        if (k == TYPE_REF) return solve(t, self->inner, tr, commit, NULL);
        return -1;
    }
    if (d == w->lower_exp || d == w->upper_exp) {
        if (k == TYPE_INT || k == TYPE_FLOAT || (k == TYPE_INFER && self->sub != VAR_TY)) return SOLVE_YES;
        if (k == TYPE_REF) return solve(t, self->inner, tr, commit, NULL);
        return -1;
    }
    if ((d == w->sum || d == w->product) && (k == TYPE_INT || k == TYPE_FLOAT)) {
        Type *a = tr->nargs ? ty_resolve(t, tr->args[0]) : self;
        if (a->kind == TYPE_INFER && a->sub == VAR_TY) return SOLVE_MAYBE;
        if (a->kind == TYPE_REF) a = a->inner;
        Snap snap = ty_snapshot(t);
        bool ok = ty_unify(t, a, self);
        if (!commit) ty_rollback(t, snap);
        return ok ? SOLVE_YES : SOLVE_NO;
    }
    if (d == w->from && tr->nargs == 1 && (prim)) {
        Type *a = ty_resolve(t, tr->args[0]);
        if (a->kind == TYPE_INFER) return -1;
        if (numeric_from(self, a)) return SOLVE_YES;
        return -1;
    }
    bool assign = false;
    int op = binop_index(t, d, &assign);
    if (op >= 0) {
        Type *s = self;
        if (!assign && s->kind == TYPE_REF && !s->mut_) s = ty_resolve(t, s->inner);
        if (assign && s->kind == TYPE_REF) return -1;
        bool num = s->kind == TYPE_INT || s->kind == TYPE_FLOAT || (s->kind == TYPE_INFER && s->sub != VAR_TY);
        bool boolean = s->kind == TYPE_BOOL;
        bool bitop = op >= 5 && op <= 7, shift = op >= 8;
        bool is_float = s->kind == TYPE_FLOAT || (s->kind == TYPE_INFER && s->sub == VAR_FLOAT);
        if (!(num || (boolean && bitop))) return -1;
        if ((bitop || shift) && is_float) return SOLVE_NO;
        if (op == 4 && false) return SOLVE_NO;
        Type *rhs = tr->nargs ? ty_resolve(t, tr->args[0]) : s;
        if (rhs->kind == TYPE_REF && !rhs->mut_) rhs = ty_resolve(t, rhs->inner);
        if (shift) {
            if (rhs->kind == TYPE_INT || (rhs->kind == TYPE_INFER && rhs->sub == VAR_INT)) return SOLVE_YES;
            if (rhs->kind == TYPE_INFER && rhs->sub == VAR_TY) return SOLVE_MAYBE;
            return SOLVE_NO;
        }
        Snap snap = ty_snapshot(t);
        bool ok = ty_unify(t, rhs, s);
        if (!commit) ty_rollback(t, snap);
        return ok ? SOLVE_YES : SOLVE_NO;
    }
    if (d == w->neg) {
        Type *s = self->kind == TYPE_REF ? ty_resolve(t, self->inner) : self;
        if (s->kind == TYPE_FLOAT || (s->kind == TYPE_INT && is_signed(s->sub))) return SOLVE_YES;
        if (s->kind == TYPE_INFER && s->sub != VAR_TY) return SOLVE_YES;
        if (s->kind == TYPE_INT || s->kind == TYPE_BOOL) return SOLVE_NO;
        return -1;
    }
    if (d == w->not) {
        Type *s = self->kind == TYPE_REF ? ty_resolve(t, self->inner) : self;
        if (s->kind == TYPE_INT || s->kind == TYPE_BOOL || (s->kind == TYPE_INFER && s->sub == VAR_INT))
            return SOLVE_YES;
        if (s->kind == TYPE_FLOAT) return SOLVE_NO;
        return -1;
    }
    if (d == w->fn || d == w->fn_mut || d == w->fn_once) {
        Type **params;
        int np;
        Type *ret;
        ClosureKind ck;
        if (k != TYPE_CLOSURE && k != TYPE_FNDEF && k != TYPE_FNPTR) return -1;
        if (!tr_fn_sig(t, self, &params, &np, &ret, &ck)) return SOLVE_MAYBE;
        ClosureKind want = d == w->fn ? CLOSURE_FN : d == w->fn_mut ? CLOSURE_FN_MUT : CLOSURE_FN_ONCE;
        if (ck > want) return SOLVE_NO;
        if (tr->nargs != 1) return SOLVE_NO;
        Type *args = ty_resolve(t, tr->args[0]);
        Type *tup = ty_tuple(t, params, np);
        Snap snap = ty_snapshot(t);
        bool ok = ty_unify(t, args, tup);
        if (!commit) ty_rollback(t, snap);
        return ok ? SOLVE_YES : SOLVE_NO;
    }
    if (d == w->future && k == TYPE_OPAQUE && self->expr) return SOLVE_YES;
    if (d == w->into_iterator && k == TYPE_ARRAY) return SOLVE_YES;
    if (d == w->into_iterator && k == TYPE_REF && ty_resolve(t, self->inner)->kind == TYPE_ARRAY) return SOLVE_YES;
    return -1;
}

/* ------------------------------------------------------------- solving */

static bool unify_tr_args(Tcx *t, const TraitRef *a, const TraitRef *b) {
    if (a->trait != b->trait || a->nargs != b->nargs) return false;
    for (int i = 0; i < a->nargs; i++)
        if (!ty_unify(t, a->args[i], b->args[i])) return false;
    return true;
}

/* After `self: tr` holds, its bindings must too: `<self as tr>::N == T`. */
static SolveResult check_bindings(Tcx *t, Type *self, const TraitRef *tr, bool commit) {
    SolveResult r = SOLVE_YES;
    for (int i = 0; i < tr->nbinds; i++) {
        TraitRef plain = *tr;
        plain.nbinds = 0;
        Def *owner = NULL;
        if (!tr_assoc_type(t, tr->trait, tr->bind_names[i], &owner)) continue;
        if (owner != tr->trait) {
            TraitRef el[MAX_ELAB];
            int n = tr_elaborate(t, self, &plain, el, MAX_ELAB);
            for (int k = 0; k < n; k++)
                if (el[k].trait == owner) {
                    plain = el[k];
                    plain.nbinds = 0;
                }
        }
        Snap snap = ty_snapshot(t);
        Type *p = tr_project(t, self, &plain, tr->bind_names[i]);
        if (!p) {
            ty_rollback(t, snap);
            continue;
        }
        Type *pr = ty_resolve(t, p);
        if (pr->kind == TYPE_INFER && !commit) {
            ty_rollback(t, snap);
            r = and_result(r, SOLVE_MAYBE);
            continue;
        }
        bool ok = ty_unify(t, p, tr->bind_tys[i]);
        if (!commit) ty_rollback(t, snap);
        if (!ok) return SOLVE_NO;
    }
    return r;
}

typedef struct Cand {
    int kind;           /* 0 env, 1 builtin, 2 object, 3 opaque, 4 impl */
    const Pred *env;
    Def *impl;
    TraitRef tr;        /* the matching bound (env, object, opaque) */
    SolveResult r;
} Cand;

/* Normalizes the arguments and bindings of a substituted bound. */
static TraitRef *norm_tr(Tcx *t, TraitRef *tr) {
    for (int i = 0; i < tr->nargs; i++)
        if (tr->args[i]->flags & TF_PROJ) tr->args[i] = tr_normalize(t, tr->args[i]);
    for (int i = 0; i < tr->nbinds; i++)
        if (tr->bind_tys[i]->flags & TF_PROJ) tr->bind_tys[i] = tr_normalize(t, tr->bind_tys[i]);
    return tr;
}

static SolveResult eval_impl(Tcx *t, Def *impl, Type *self, const TraitRef *tr, bool commit, Type ***args_out) {
    res_def_sig(t, impl);
    if (!impl->trait_ref || impl->impl_broken) return SOLVE_NO;
    Type *args[64];
    if (impl->gen.n > 64) return SOLVE_NO;
    tr_fresh_args(t, impl, args, 0, t->cause);
    Type *st = ty_subst(t, impl->self_ty, args, impl->gen.n);
    if (!ty_unify(t, st, self)) return SOLVE_NO;
    TraitRef *itr = traitref_subst(t, impl->trait_ref, args, impl->gen.n);
    if (!unify_tr_args(t, itr, tr)) return SOLVE_NO;
    SolveResult r = SOLVE_YES;
    for (int i = 0; i < impl->gen.npreds && r != SOLVE_NO; i++) {
        Pred *p = &impl->gen.preds[i];
        Type *ps = ty_subst(t, p->self, args, impl->gen.n);
        TraitRef *ptr = norm_tr(t, traitref_subst(t, &p->tr, args, impl->gen.n));
        ps = tr_normalize(t, ps);
        SolveResult pr;
        if (commit) {
            SolveResult c = solve(t, ps, ptr, true, NULL);
            if (c == SOLVE_MAYBE) tr_register(t, ps, ptr, t->cause, NULL, p->span, true);
            pr = c == SOLVE_NO ? SOLVE_NO : SOLVE_YES;
        } else {
            pr = solve(t, ps, ptr, false, NULL);
        }
        r = and_result(r, pr);
    }
    if (args_out) *args_out = dup_args(t, args, impl->gen.n);
    return r;
}

/* E0599's "the method exists but its trait bounds were not satisfied": an
 * impl of `trait` whose self type matches `self` but whose where clauses do
 * not hold. Writes the failing clauses (`Stone: Clone`) to out; returns how
 * many, 0 when no impl matches that way. Leaves no inference bindings. */
int tr_unmet_impl_bounds(Tcx *t, Type *self, Def *trait, const char **out, int max) {
    self = ty_resolve(t, self);
    List *l = ptrmap_get(&t->trait_impls, trait, ty_head(t, self));
    for (int k = 0; l && k < l->n; k++) {
        Def *impl = LIST_GET(*l, k, Def);
        res_def_sig(t, impl);
        if (!impl->trait_ref || impl->impl_broken || impl->gen.n > 64) continue;
        Snap snap = ty_snapshot(t);
        Type *args[64];
        tr_fresh_args(t, impl, args, 0, t->cause);
        int n = 0;
        if (ty_unify(t, ty_subst(t, impl->self_ty, args, impl->gen.n), self)) {
            for (int i = 0; i < impl->gen.npreds && n < max; i++) {
                Pred *p = &impl->gen.preds[i];
                Type *ps = tr_normalize(t, ty_subst(t, p->self, args, impl->gen.n));
                TraitRef *ptr = norm_tr(t, traitref_subst(t, &p->tr, args, impl->gen.n));
                if (solve(t, ps, ptr, false, NULL) == SOLVE_NO) out[n++] = traitref_str(t, ty_zonk(t, ps, false), ptr);
            }
        }
        ty_rollback(t, snap);
        if (n) return n;
    }
    return 0;
}

static void cand_push(Cand *c, int *n, Cand x) {
    if (*n < 16) c[(*n)++] = x;
}

static SolveResult eval_cand(Tcx *t, Cand *c, Type *self, const TraitRef *tr, bool commit, Selection *sel) {
    SolveResult r = SOLVE_NO;
    switch (c->kind) {
    case 0:
    case 2:
    case 3:
        r = ty_unify(t, c->kind == 0 ? c->env->self : self, self) && unify_tr_args(t, &c->tr, tr) ? SOLVE_YES
                                                                                                   : SOLVE_NO;
        /* `dyn Sub: Super` needs only Super's methods (and its supertraits')
         * in the vtable, not every method of Sub */
        if (c->kind == 2 && r == SOLVE_YES && !tr_dyn_implements_trait(t, tr->trait)) r = SOLVE_NO;
        break;
    case 1:
        r = (SolveResult)builtin(t, self, tr, commit);
        break;
    case 4: {
        Type **args = NULL;
        r = eval_impl(t, c->impl, self, tr, commit, &args);
        if (sel && commit) {
            sel->impl = c->impl;
            sel->impl_args = args;
            sel->nimpl_args = c->impl->gen.n;
        }
        break;
    }
    }
    if (r != SOLVE_NO) r = and_result(r, check_bindings(t, self, tr, commit));
    return r;
}

static bool has_vars(Tcx *t, Type *self, const TraitRef *tr) {
    if (ty_resolve(t, self)->flags & TF_INFER) return true;
    for (int i = 0; i < tr->nargs; i++)
        if (ty_resolve(t, tr->args[i])->flags & TF_INFER) return true;
    for (int i = 0; i < tr->nbinds; i++)
        if (ty_resolve(t, tr->bind_tys[i])->flags & TF_INFER) return true;
    return false;
}

/* Does `self: tr` hold? Candidates: where clauses in force, the compiler's
 * own impls, `dyn`/`impl Trait` bounds, then impls. One applicable
 * candidate decides (with commit, it also binds inference variables and
 * registers nested goals); several, or an unknown self type, is MAYBE. */
static SolveResult solve(Tcx *t, Type *self, const TraitRef *tr, bool commit, Selection *sel) {
    /* see through bound variables, so goals that have none can be cached */
    if (self->flags & TF_INFER) self = ty_zonk(t, self, false);
    TraitRef ztr;
    Type *zbuf[32];
    if (tr->nargs + tr->nbinds <= 32) {
        bool any = false;
        for (int i = 0; i < tr->nargs; i++) any |= (tr->args[i]->flags & TF_INFER) != 0;
        for (int i = 0; i < tr->nbinds; i++) any |= (tr->bind_tys[i]->flags & TF_INFER) != 0;
        if (any) {
            ztr = *tr;
            ztr.args = zbuf;
            ztr.bind_tys = zbuf + tr->nargs;
            for (int i = 0; i < tr->nargs; i++) ztr.args[i] = ty_zonk(t, tr->args[i], false);
            for (int i = 0; i < tr->nbinds; i++) ztr.bind_tys[i] = ty_zonk(t, tr->bind_tys[i], false);
            tr = &ztr;
        }
    }
    self = ty_resolve(t, self);
    if (sel) memset(sel, 0, sizeof *sel);
    if (!tr->trait || self->kind == TYPE_ERROR) return SOLVE_YES;
    if (self->flags & TF_ERROR) return SOLVE_YES;
    for (int i = 0; i < tr->nargs; i++)
        if (ty_resolve(t, tr->args[i])->kind == TYPE_ERROR) return SOLVE_YES;
    if (t->solve_depth > MAX_SOLVE_DEPTH) return SOLVE_NO;
    if (tr->trait->builtin_auto) return SOLVE_YES;
    if (self->kind == TYPE_PROJ || (self->flags & TF_PROJ)) {
        Type *n = tr_normalize(t, self);
        if (n != self) self = ty_resolve(t, n);
    }
    if (self->kind == TYPE_INFER && self->sub == VAR_TY) return SOLVE_MAYBE;
    /* goals without variables or parameters are the same everywhere: cache
     * them with their selection (committing binds nothing for them) */
    bool cacheable = !(self->flags & (TF_INFER | TF_PARAM | TF_PROJ)) && !has_vars(t, self, tr);
    Type *key = NULL;
    if (cacheable) {
        bool params = false;
        for (int i = 0; i < tr->nargs; i++) params |= (tr->args[i]->flags & (TF_PARAM | TF_PROJ)) != 0;
        for (int i = 0; i < tr->nbinds; i++) params |= (tr->bind_tys[i]->flags & (TF_PARAM | TF_PROJ)) != 0;
        if (params || self->kind == TYPE_CLOSURE) cacheable = false;
    }
    if (cacheable) {
        key = ty_dyn(t, tr);
        Selection *hit = ptrmap_get(&t->solve_cache, self, key);
        if (hit) {
            if (sel) *sel = *hit;
            return hit->result;
        }
    }
    t->solve_depth++;
    Cand cands[16];
    int nc = 0;
    /* integer/float variables: the builtin rules decide for every integer type */
    if (self->kind == TYPE_INFER) {
        int b = builtin(t, self, tr, false);
        t->solve_depth--;
        if (b == SOLVE_YES && commit) builtin(t, self, tr, true);
        if (b == SOLVE_YES || b == SOLVE_NO) return (SolveResult)b;
        /* otherwise only an impl for some number type can apply */
        bool any = false;
        for (int k = 0; k < INT_KIND_COUNT + 2 && !any; k++) {
            Type *nt = k < INT_KIND_COUNT ? t->t_int[k] : t->t_float[k - INT_KIND_COUNT];
            if ((k < INT_KIND_COUNT) != (self->sub == VAR_INT)) continue;
            any = ptrmap_get(&t->trait_impls, tr->trait, ty_head(t, nt)) != NULL;
        }
        if (!any && ptrmap_get(&t->trait_impls, tr->trait, NULL)) any = true;
        return any ? SOLVE_MAYBE : SOLVE_NO;
    }
    /* where clauses */
    for (int i = 0; i < t->nenv; i++) {
        const Pred *p = &t->env[i];
        if (p->tr.trait != tr->trait) continue;
        Snap snap = ty_snapshot(t);
        bool ok = ty_unify(t, p->self, self) && unify_tr_args(t, &p->tr, tr);
        ty_rollback(t, snap);
        if (ok) cand_push(cands, &nc, (Cand){ 0, p, NULL, p->tr, SOLVE_NO });
    }
    if (nc == 0) {
        int b = builtin(t, self, tr, false);
        if (b >= 0) {
            t->solve_depth--;
            if (b != SOLVE_NO && commit) b = builtin(t, self, tr, true);
            if (b != SOLVE_NO) {
                if (sel) sel->builtin = true;
                b = and_result((SolveResult)b, check_bindings(t, self, tr, commit));
            }
            if (cacheable && b != SOLVE_MAYBE) {
                Selection *c = arena_alloc(t->a, sizeof *c);
                c->result = (SolveResult)b;
                c->builtin = b != SOLVE_NO;
                ptrmap_put(t->a, &t->solve_cache, self, key, c);
            }
            if (sel) sel->result = (SolveResult)b;
            return (SolveResult)b;
        }
    }
    if (self->kind == TYPE_DYN) {
        TraitRef el[MAX_ELAB];
        int n = tr_elaborate(t, self, self->tr, el, MAX_ELAB);
        for (int i = 0; i < n; i++)
            if (el[i].trait == tr->trait) cand_push(cands, &nc, (Cand){ 2, NULL, NULL, el[i], SOLVE_NO });
    }
    if (self->kind == TYPE_OPAQUE || self->kind == TYPE_PROJ) {
        TraitRef *bounds;
        int nb = tr_opaque_bounds(t, self, &bounds);
        for (int b = 0; b < nb; b++) {
            TraitRef el[MAX_ELAB];
            int n = tr_elaborate(t, self, &bounds[b], el, MAX_ELAB);
            for (int i = 0; i < n; i++)
                if (el[i].trait == tr->trait) cand_push(cands, &nc, (Cand){ 3, NULL, NULL, el[i], SOLVE_NO });
        }
    }
    /* impls: those for this head, and blanket ones */
    if (nc == 0 || self->kind != TYPE_PARAM) {
        const void *head = ty_head(t, self);
        for (int pass = 0; pass < 2; pass++) {
            List *l = ptrmap_get(&t->trait_impls, tr->trait, pass ? NULL : head);
            if (!l || (pass == 0 && !head)) continue;
            for (int i = 0; i < l->n; i++) {
                Def *impl = LIST_GET(*l, i, Def);
                Snap snap = ty_snapshot(t);
                SolveResult r = eval_impl(t, impl, self, tr, false, NULL);
                if (r != SOLVE_NO) r = and_result(r, check_bindings(t, self, tr, false));
                ty_rollback(t, snap);
                if (r != SOLVE_NO) cand_push(cands, &nc, (Cand){ 4, NULL, impl, { 0 }, r });
            }
        }
    }
    /* winnow: a where clause beats an impl (rustc prefers the param env) */
    int pick = -1;
    SolveResult result = SOLVE_NO;
    int live = 0;
    for (int i = 0; i < nc; i++) {
        if (cands[i].kind != 4) {
            Snap snap = ty_snapshot(t);
            cands[i].r = eval_cand(t, &cands[i], self, tr, false, NULL);
            ty_rollback(t, snap);
        }
        if (cands[i].r == SOLVE_NO) continue;
        live++;
        if (pick < 0 || (cands[i].kind == 0 && cands[pick].kind != 0)) pick = i;
    }
    if (live > 1) {
        int envs = 0;
        for (int i = 0; i < nc; i++) envs += cands[i].kind == 0 && cands[i].r != SOLVE_NO;
        if (envs != 1 && has_vars(t, self, tr)) {
            t->solve_depth--;
            return SOLVE_MAYBE;
        }
    }
    Selection out;
    memset(&out, 0, sizeof out);
    if (pick >= 0) {
        result = cands[pick].r;
        Cand *c = &cands[pick];
        if (commit || (cacheable && c->kind == 4)) {
            /* committing, or finding the impl's arguments for the cache (in a
             * snapshot: a goal without variables binds nothing of the caller's) */
            Snap snap = ty_snapshot(t);
            SolveResult r = eval_cand(t, c, self, tr, true, &out);
            if (commit) result = r;
            if (out.impl_args) {
                Type **z = arena_alloc(t->a, sizeof(Type *) * (size_t)(out.nimpl_args + 1));
                for (int i = 0; i < out.nimpl_args; i++) z[i] = ty_zonk(t, out.impl_args[i], false);
                out.impl_args = z;
            }
            if (!commit) ty_rollback(t, snap);
        }
        if (c->kind == 4) out.impl = c->impl;
        if (c->kind == 0) out.env = c->env;
        out.object = c->kind == 2;
        out.opaque = c->kind == 3;
    }
    out.result = result;
    t->solve_depth--;
    if (sel) *sel = out;
    if (cacheable && result != SOLVE_MAYBE) {
        bool clean = true;
        for (int i = 0; i < out.nimpl_args; i++) clean &= !(out.impl_args[i]->flags & TF_INFER);
        if (pick >= 0 && cands[pick].kind == 4 && !out.impl_args && cands[pick].impl->gen.n) clean = false;
        if (clean || result == SOLVE_NO) {
            Selection *cached = arena_alloc(t->a, sizeof *cached);
            if (result != SOLVE_NO) *cached = out;
            cached->result = result;
            ptrmap_put(t->a, &t->solve_cache, self, key, cached);
        }
    }
    return result;
}

SolveResult tr_solve(Tcx *t, Type *self, const TraitRef *tr, bool commit, Selection *sel) {
    return solve(t, self, tr, commit, sel);
}

bool tr_implements(Tcx *t, Type *self, Def *trait) {
    if (!trait) return false;
    Snap snap = ty_snapshot(t);
    SolveResult r = solve_simple(t, self, trait, false);
    ty_rollback(t, snap);
    return r == SOLVE_YES;
}

bool ty_is_copy(Tcx *t, Type *ty) {
    ty = ty_resolve(t, ty);
    if (ty->kind == TYPE_INFER) return ty->sub != VAR_TY;
    return tr_implements(t, ty, t->wk.copy);
}

bool tr_dyn_implements_trait(Tcx *t, Def *trait) {
    if (!trait || trait->prelude || !t->u->dyn) return true;
    const DynTrait *dt = dyn_trait(t->u, trait->name);
    return !dt || dyn_first_unimplementable(dt) == NULL;
}

/* ---------------------------------------------------------- projection */

static Type *project_impl(Tcx *t, Def *impl, Type **args, Sym name, Def *trait) {
    for (int i = 0; i < impl->nmembers; i++) {
        Def *m = impl->members[i];
        if (m->kind != DEF_ASSOC_TY || m->name != name) continue;
        res_def_sig(t, m);
        return ty_subst(t, m->ty ? m->ty : t->t_err, args, impl->gen.n);
    }
    /* a default in the trait */
    Def *a = res_trait_member(t, trait, name, DEF_ASSOC_TY);
    if (a) {
        res_def_sig(t, a);
        if (a->ty) {
            Type *r = ty_subst(t, a->ty, args, impl->gen.n);
            return ty_subst_self(t, r, ty_subst(t, impl->self_ty, args, impl->gen.n));
        }
    }
    return NULL;
}

static Type *project(Tcx *t, Type *self, const TraitRef *tr, Sym name, int depth);
static Type *normalize(Tcx *t, Type *ty, int depth);
static Type *normalize_inner(Tcx *t, Type *ty, int depth);

static Type *builtin_project(Tcx *t, Type *self, const TraitRef *tr, Sym name) {
    WellKnown *w = &t->wk;
    Def *d = tr->trait;
    bool assign;
    if ((binop_index(t, d, &assign) >= 0 && !assign) || d == w->neg || d == w->not) {
        Type *s = self->kind == TYPE_REF ? ty_resolve(t, self->inner) : self;
        if (s->kind == TYPE_INT || s->kind == TYPE_FLOAT || s->kind == TYPE_BOOL ||
            (s->kind == TYPE_INFER && s->sub != VAR_TY))
            return s;
    }
    if (d == w->fn_once || d == w->fn_mut || d == w->fn) {
        Type **ps;
        int np;
        Type *ret;
        ClosureKind ck;
        if ((self->kind == TYPE_CLOSURE || self->kind == TYPE_FNDEF || self->kind == TYPE_FNPTR) &&
            tr_fn_sig(t, self, &ps, &np, &ret, &ck))
            return ret;
    }
    if (d == w->future && self->kind == TYPE_OPAQUE && self->expr) return self->inner;
    if (d == w->into_iterator) {
        if (self->kind == TYPE_ARRAY) {
            if (name == w->s_item) return self->inner;
            Def *vi = NULL;
            Def *vm = namemap_get(&t->std_root->types, sym_cstr(t->u, "vec"));
            if (vm && vm->inner_mod) vi = namemap_get(&vm->inner_mod->types, sym_cstr(t->u, "IntoIter"));
            return vi ? ty_adt1(t, vi, self->inner) : t->t_err;
        }
        if (self->kind == TYPE_REF && ty_resolve(t, self->inner)->kind == TYPE_ARRAY) {
            Type *el = ty_resolve(t, self->inner)->inner;
            if (name == w->s_item) return ty_ref(t, el, self->mut_);
            TraitRef it = { w->into_iterator, NULL, 0, NULL, NULL, 0 };
            return project(t, ty_ref(t, ty_slice(t, el), self->mut_), &it, name, 1);
        }
    }
    return NULL;
}

/* `<self as tr>::name`. Normalizes through where clauses, `dyn`/opaque
 * bindings, builtin rules and impls; stays a rigid projection for
 * parameters without a binding; a fresh variable (and a pending goal) when
 * the self type is not known yet. */
static Type *project_inner(Tcx *t, Type *self, const TraitRef *tr, Sym name, int depth);

static Type *project(Tcx *t, Type *self, const TraitRef *tr, Sym name, int depth) {
    /* normalization recurses through impls and back: bound it globally */
    if (t->proj_depth > 48) {
        return t->t_err;
    }
    t->proj_depth++;
    Type *r = project_inner(t, self, tr, name, depth);
    t->proj_depth--;
    return r;
}

static Type *project_inner(Tcx *t, Type *self, const TraitRef *tr, Sym name, int depth) {
    self = ty_resolve(t, self);
    if (depth > 24) return t->t_err;
    if (self->kind == TYPE_ERROR) return t->t_err;
    if (self->kind == TYPE_PROJ) {
        Type *n = project(t, self->inner, self->tr, self->name, depth + 1);
        if (n && ty_resolve(t, n) != self) self = ty_resolve(t, n);
    }
    if (self->kind == TYPE_INFER) {
        if (self->sub != VAR_TY) {
            Type *b = builtin_project(t, self, tr, name);
            if (b) return b;
        }
        Type *v = ty_var(t, VAR_TY, t->cause);
        TraitRef with = *tr;
        with.bind_names = &name;
        with.bind_tys = &v;
        with.nbinds = 1;
        tr_register(t, self, &with, t->cause, NULL, (Span){ 0, 0 }, true);
        return v;
    }
    /* where clauses */
    bool env_hit = false;
    for (int i = 0; i < t->nenv; i++) {
        const Pred *p = &t->env[i];
        if (p->tr.trait != tr->trait) continue;
        Snap snap = ty_snapshot(t);
        bool ok = ty_unify(t, p->self, self) && unify_tr_args(t, &p->tr, tr);
        if (!ok) {
            ty_rollback(t, snap);
            continue;
        }
        env_hit = true;
        Type *b = binding_of(&p->tr, name);
        if (b) return b;
        ty_rollback(t, snap);
    }
    if (self->kind == TYPE_DYN || self->kind == TYPE_OPAQUE || self->kind == TYPE_PROJ) {
        TraitRef *bounds;
        int nb;
        if (self->kind == TYPE_DYN) {
            bounds = self->tr;
            nb = 1;
        } else {
            nb = tr_opaque_bounds(t, self, &bounds);
        }
        for (int b = 0; b < nb; b++) {
            TraitRef el[MAX_ELAB];
            int n = tr_elaborate(t, self, &bounds[b], el, MAX_ELAB);
            for (int i = 0; i < n; i++) {
                if (el[i].trait != tr->trait) continue;
                Type *bt = binding_of(&el[i], name);
                if (bt) return bt;
            }
        }
        if (self->kind == TYPE_OPAQUE && self->expr && tr->trait == t->wk.future) return self->inner;
    }
    /* a parameter's projection stays rigid under its own where clause; without
     * one a blanket impl may still decide it (`<I as IntoIterator>::Item` is
     * `<I as Iterator>::Item` by `impl<I: Iterator> IntoIterator for I`) */
    if (env_hit && (self->kind == TYPE_PARAM || self->kind == TYPE_PROJ)) return ty_proj(t, self, tr, name);
    Type *b = builtin_project(t, self, tr, name);
    if (b) return b;
    if (self->kind == TYPE_PROJ || self->kind == TYPE_OPAQUE) return ty_proj(t, self, tr, name);
    /* an impl; the answer for a type without variables is remembered */
    Type *memo_key = NULL;
    if (!(self->flags & (TF_INFER | TF_PARAM | TF_ERROR))) {
        bool clean = true;
        for (int i = 0; i < tr->nargs; i++) clean &= !(ty_resolve(t, tr->args[i])->flags & (TF_INFER | TF_PARAM));
        if (clean) {
            memo_key = ty_proj(t, self, tr, name);
            Type *hit = ptrmap_get(&t->norm_cache, memo_key, NULL);
            if (hit) return hit;
        }
    }
    Selection sel;
    TraitRef plain = *tr;
    plain.nbinds = 0;
    Snap snap = ty_snapshot(t);
    SolveResult r = solve(t, self, &plain, false, &sel);
    if (r == SOLVE_NO || !sel.impl) {
        ty_rollback(t, snap);
        if (self->kind == TYPE_PARAM) return ty_proj(t, self, tr, name);
        if (r == SOLVE_MAYBE) {
            Type *v = ty_var(t, VAR_TY, t->cause);
            TraitRef with = *tr;
            with.bind_names = &name;
            with.bind_tys = &v;
            with.nbinds = 1;
            tr_register(t, self, &with, t->cause, NULL, (Span){ 0, 0 }, true);
            return v;
        }
        return r == SOLVE_NO ? NULL : ty_proj(t, self, tr, name);
    }
    Selection csel;
    solve(t, self, &plain, true, &csel);
    if (!csel.impl) return ty_proj(t, self, tr, name);
    Type *v = project_impl(t, csel.impl, csel.impl_args, name, tr->trait);
    if (!v) return t->t_err;
    v = tr_normalize(t, v);
    if (memo_key && !(ty_resolve(t, v)->flags & TF_INFER)) ptrmap_put(t->a, &t->norm_cache, memo_key, NULL, v);
    return v;
}

Type *tr_project(Tcx *t, Type *self, const TraitRef *tr, Sym name) { return project(t, self, tr, name, 0); }

static Type *normalize(Tcx *t, Type *ty, int depth) {
    ty = ty_resolve(t, ty);
    if (!(ty->flags & TF_PROJ) || depth > 40) return ty;
    /* projections without variables or parameters normalize the same way
     * everywhere: remember them (types are interned, so the key is the pointer) */
    bool memo = !(ty->flags & (TF_INFER | TF_PARAM | TF_ERROR | TF_OPAQUE));
    if (memo) {
        Type *hit = ptrmap_get(&t->norm_cache, ty, NULL);
        if (hit) return hit;
    }
    Type *r = normalize_inner(t, ty, depth);
    if (memo && !(ty_resolve(t, r)->flags & TF_INFER)) ptrmap_put(t->a, &t->norm_cache, ty, NULL, r);
    return r;
}

static Type *normalize_inner(Tcx *t, Type *ty, int depth) {
    if (ty->kind == TYPE_PROJ) {
        Type *self = normalize(t, ty->inner, depth + 1);
        TraitRef tr = *ty->tr;
        Type *args[16];
        if (tr.nargs <= 16) {
            for (int i = 0; i < tr.nargs; i++) args[i] = normalize(t, tr.args[i], depth + 1);
            tr.args = args;
        }
        Type *r = project(t, self, &tr, ty->name, depth + 1);
        if (!r) return t->t_err;
        r = ty_resolve(t, r);
        if (r->kind == TYPE_PROJ && r->inner == self && r->name == ty->name) return r;
        return normalize(t, r, depth + 1);
    }
    Type p = *ty;
    bool changed = false;
    Type *buf[16];
    Type **a = ty->nargs <= 16 ? buf : arena_alloc(t->a, sizeof(Type *) * (size_t)ty->nargs);
    for (int i = 0; i < ty->nargs; i++) {
        a[i] = normalize(t, ty->args[i], depth + 1);
        changed |= a[i] != ty->args[i];
    }
    p.args = a;
    if (ty->inner) {
        p.inner = normalize(t, ty->inner, depth + 1);
        changed |= p.inner != ty->inner;
    }
    TraitRef tr;
    Type *tbuf[32];
    if (ty->tr && ty->tr->nargs + ty->tr->nbinds <= 32) {
        tr = *ty->tr;
        tr.args = tbuf;
        tr.bind_tys = tbuf + tr.nargs;
        for (int i = 0; i < tr.nargs; i++) {
            tr.args[i] = normalize(t, ty->tr->args[i], depth + 1);
            changed |= tr.args[i] != ty->tr->args[i];
        }
        for (int i = 0; i < tr.nbinds; i++) {
            tr.bind_tys[i] = normalize(t, ty->tr->bind_tys[i], depth + 1);
            changed |= tr.bind_tys[i] != ty->tr->bind_tys[i];
        }
        p.tr = &tr;
    }
    return changed ? ty_intern(t, &p) : ty;
}

Type *tr_normalize(Tcx *t, Type *ty) {
    if (!ty) return ty;
    return normalize(t, ty, 0);
}

/* --------------------------------------------------------------- deref */

Type *tr_deref(Tcx *t, Type *ty, bool *overloaded) {
    ty = ty_resolve(t, ty);
    *overloaded = false;
    if (ty->kind == TYPE_REF) return ty->inner;
    if (ty->kind != TYPE_ADT && ty->kind != TYPE_PARAM && ty->kind != TYPE_OPAQUE && ty->kind != TYPE_PROJ)
        return NULL;
    if (!t->wk.deref) return NULL;
    TraitRef tr = { t->wk.deref, NULL, 0, NULL, NULL, 0 };
    Snap snap = ty_snapshot(t);
    if (solve(t, ty, &tr, false, NULL) != SOLVE_YES) {
        ty_rollback(t, snap);
        return NULL;
    }
    ty_rollback(t, snap);
    Type *target = tr_project(t, ty, &tr, t->wk.s_target);
    if (!target) return NULL;
    *overloaded = true;
    return tr_normalize(t, target);
}

/* ------------------------------------------------------- callable types */

bool tr_fn_sig(Tcx *t, Type *callee, Type ***params, int *nparams, Type **ret, ClosureKind *kind) {
    callee = ty_resolve(t, callee);
    *kind = CLOSURE_FN;
    switch (callee->kind) {
    case TYPE_CLOSURE: {
        ClosureInfo *ci = callee->expr->res ? callee->expr->res->closure : NULL;
        if (!ci) return false;
        *params = ci->params;
        *nparams = ci->nparams;
        *ret = ci->ret;
        *kind = ci->kind;
        return true;
    }
    case TYPE_FNDEF: {
        Def *d = callee->def;
        res_def_sig(t, d);
        Type **ps = arena_alloc(t->a, sizeof(Type *) * (size_t)(d->fn.nparams + 1));
        for (int i = 0; i < d->fn.nparams; i++)
            ps[i] = tr_normalize(t, ty_subst(t, d->fn.params[i], callee->args, callee->nargs));
        *params = ps;
        *nparams = d->fn.nparams;
        *ret = tr_normalize(t, ty_subst(t, d->fn.call_ret, callee->args, callee->nargs));
        return true;
    }
    case TYPE_FNPTR:
        *params = callee->args;
        *nparams = callee->nargs;
        *ret = callee->inner;
        return true;
    default:
        break;
    }
    /* a type with an Fn-family bound: parameters, dyn Fn, impl Fn */
    TraitRef *bounds = NULL;
    int nb = 0;
    TraitRef tmp[64];
    if (callee->kind == TYPE_DYN) {
        bounds = callee->tr;
        nb = 1;
    } else if (callee->kind == TYPE_OPAQUE) {
        nb = tr_opaque_bounds(t, callee, &bounds);
    } else if (callee->kind == TYPE_PARAM || callee->kind == TYPE_PROJ || callee->kind == TYPE_INFER) {
        for (int i = 0; i < t->nenv && nb < 64; i++)
            if (t->env[i].self == callee) tmp[nb++] = t->env[i].tr;
        if (callee->kind == TYPE_INFER && t->pending)
            for (int i = 0; i < t->pending->n && nb < 64; i++) {
                Obligation *o = LIST_GET(*t->pending, i, Obligation);
                if (ty_resolve(t, o->self) == callee) tmp[nb++] = o->tr;
            }
        bounds = tmp;
    }
    Def *best = NULL;
    for (int i = 0; i < nb; i++) {
        Def *d = bounds[i].trait;
        if (d != t->wk.fn && d != t->wk.fn_mut && d != t->wk.fn_once) continue;
        if (bounds[i].nargs != 1) continue;
        Type *a = ty_resolve(t, bounds[i].args[0]);
        if (a->kind != TYPE_TUPLE) continue;
        *params = a->args;
        *nparams = a->nargs;
        Type *r = binding_of(&bounds[i], t->wk.s_output);
        if (!r) {
            TraitRef once = bounds[i];
            once.trait = t->wk.fn_once;
            once.nbinds = 0;
            r = tr_project(t, callee, &once, t->wk.s_output);
        }
        *ret = r ? r : t->t_unit;
        *kind = d == t->wk.fn ? CLOSURE_FN : d == t->wk.fn_mut ? CLOSURE_FN_MUT : CLOSURE_FN_ONCE;
        best = d;
        if (binding_of(&bounds[i], t->wk.s_output)) break;
    }
    return best != NULL;
}

Type *tr_future_output(Tcx *t, Type *ty) {
    TraitRef tr = { t->wk.future, NULL, 0, NULL, NULL, 0 };
    Selection sel;
    SolveResult r = solve(t, ty, &tr, true, &sel);
    if (r == SOLVE_NO) return NULL;
    Type *o = tr_project(t, ty, &tr, t->wk.s_output);
    return o ? tr_normalize(t, o) : NULL;
}

Type *tr_iterator_item(Tcx *t, Type *ty, bool into) {
    Def *trait = into ? t->wk.into_iterator : t->wk.iterator;
    TraitRef tr = { trait, NULL, 0, NULL, NULL, 0 };
    SolveResult r = solve(t, ty, &tr, true, NULL);
    if (r == SOLVE_NO) return NULL;
    if (r == SOLVE_MAYBE) tr_register(t, ty, &tr, t->cause, NULL, (Span){ 0, 0 }, true);
    Type *o = tr_project(t, ty, &tr, t->wk.s_item);
    return o ? tr_normalize(t, o) : NULL;
}

/* ------------------------------------------------------------- probing */

static bool visible(Def *m, bool user_code) { return !user_code || !m->prelude || m->is_pub || (m->parent && m->parent->kind == DEF_TRAIT); }

/* The receiver type a method expects, with Self and the parent's
 * parameters substituted by args. */
static Type *recv_type(Tcx *t, Def *m, Type **args, int n) {
    res_def_sig(t, m);
    if (!m->fn.has_self || m->fn.nparams == 0) return NULL;
    return tr_normalize(t, ty_subst(t, m->fn.params[0], args, n));
}

/* Tries an inherent impl's method for receiver type `adj`. */
static bool try_inherent(Tcx *t, Def *m, Type *adj, Pick *out) {
    Def *impl = m->parent;
    res_def_sig(t, impl);
    res_def_sig(t, m);
    if (!m->fn.has_self) return false;
    Type *args[64];
    if (m->gen.n > 64) return false;
    tr_fresh_args(t, m, args, 0, t->cause);
    Type *r = recv_type(t, m, args, m->gen.n);
    if (!r || !ty_unify(t, r, adj)) return false;
    /* the impl's where clauses must hold (`impl<T: Copy> Option<&T>`) */
    for (int i = 0; i < impl->gen.npreds; i++) {
        Pred *p = &impl->gen.preds[i];
        TraitRef *ptr = norm_tr(t, traitref_subst(t, &p->tr, args, impl->gen.n));
        Type *ps = tr_normalize(t, ty_subst(t, p->self, args, impl->gen.n));
        if (solve(t, ps, ptr, false, NULL) == SOLVE_NO) return false;
    }
    out->method = m;
    out->impl = impl;
    out->trait = NULL;
    out->args = dup_args(t, args, m->gen.n);
    out->nargs = m->gen.n;
    out->self_ty = tr_normalize(t, ty_subst(t, impl->self_ty, args, impl->gen.n));
    return true;
}

/* Tries a trait's method for `adj`: Self must make the receiver match and
 * may implement the trait. */
static bool try_trait(Tcx *t, Def *m, Type *adj, Type *obj, Pick *out) {
    Def *trait = m->parent;
    res_def_generics(t, trait);
    res_def_sig(t, m);
    if (!m->fn.has_self) return false;
    Type *args[64];
    if (m->gen.n > 64) return false;
    tr_fresh_args(t, m, args, 0, t->cause);
    if (obj) args[0] = obj;
    Type *r = recv_type(t, m, args, m->gen.n);
    if (!r || !ty_unify(t, r, adj)) return false;
    Type *self = ty_resolve(t, args[0]);
    if (!obj) {
        TraitRef tr = { trait, args + 1, trait->gen.n - 1, NULL, NULL, 0 };
        if (self->kind == TYPE_INFER && self->sub == VAR_TY) return false;
        if (solve(t, self, &tr, false, NULL) == SOLVE_NO) return false;
    }
    out->method = m;
    out->impl = NULL;
    out->trait = trait;
    out->args = dup_args(t, args, m->gen.n);
    out->nargs = m->gen.n;
    out->self_ty = self;
    out->object = obj != NULL;
    return true;
}

static bool inherent_like(Tcx *t, Def *trait) {
    return trait == t->wk.int_ || trait == t->wk.signed_int || trait == t->wk.float_;
}

/* Methods named `name` that `dyn` offers (its trait and supertraits). */
static bool try_object(Tcx *t, Type *step, Type *adj, Sym name, Pick *out) {
    TraitRef el[MAX_ELAB];
    int n = tr_elaborate(t, step, step->tr, el, MAX_ELAB);
    for (int i = 0; i < n; i++) {
        Def *m = res_trait_member(t, el[i].trait, name, DEF_FN);
        if (!m) continue;
        Snap snap = ty_snapshot(t);
        if (try_trait(t, m, adj, step, out)) {
            /* the trait's own parameters come from the dyn type */
            for (int k = 0; k < el[i].nargs && k + 1 < out->nargs; k++) ty_unify(t, out->args[k + 1], el[i].args[k]);
            return true;
        }
        ty_rollback(t, snap);
    }
    return false;
}

/* Inherent candidates come from every auto-deref step's type at once (as
 * in rustc), so `(&&w).get()` finds `W::get` at the `&W` step by value. */
typedef struct ProbeCands {
    Def *inh[64];
    int ninh;
    Type *objs[8];
    int nobj;
} ProbeCands;

static void add_step_cands(Tcx *t, ProbeCands *c, Type *step, Sym name) {
    step = ty_resolve(t, step);
    const void *head = ty_head(t, step);
    List *l = head ? ptrmap_get(&t->inherent, head, name) : NULL;
    for (int i = 0; l && i < l->n; i++) {
        Def *m = LIST_GET(*l, i, Def);
        if (m->kind != DEF_FN) continue;
        bool dup = false;
        for (int k = 0; k < c->ninh && !dup; k++) dup = c->inh[k] == m;
        if (!dup && c->ninh < 64) c->inh[c->ninh++] = m;
    }
    if (step->kind == TYPE_DYN && c->nobj < 8) c->objs[c->nobj++] = step;
}

static int probe_at(Tcx *t, ProbeCands *c, Type *adj, Sym name, bool user_code, Pick *out) {
    for (int i = 0; i < c->ninh; i++) {
        Def *m = c->inh[i];
        Snap snap = ty_snapshot(t);
        if (try_inherent(t, m, adj, out)) {
            if (!visible(m, user_code)) out->private_ = true;
            return 1;
        }
        ty_rollback(t, snap);
    }
    for (int i = 0; i < c->nobj; i++) {
        Snap snap = ty_snapshot(t);
        if (try_object(t, c->objs[i], adj, name, out)) return 1;
        ty_rollback(t, snap);
    }
    /* traits offering the name */
    List *tl = ptrmap_get(&t->trait_members, NULL, name);
    int found = 0;
    Pick first = { 0 };
    for (int pass = 0; pass < 2 && !found; pass++) {
        for (int i = 0; tl && i < tl->n; i++) {
            Def *m = LIST_GET(*tl, i, Def);
            if (m->kind != DEF_FN || !m->parent) continue;
            if ((pass == 0) != inherent_like(t, m->parent)) continue;
            Snap snap = ty_snapshot(t);
            Pick p = { 0 };
            if (try_trait(t, m, adj, NULL, &p)) {
                ty_rollback(t, snap);
                if (found == 0) first = p;
                else if (p.trait != first.trait) {
                    first.ambiguous = true;
                    first.other_trait = p.trait;
                }
                found++;
            } else {
                ty_rollback(t, snap);
            }
        }
    }
    if (found) {
        /* redo the unique pick so its bindings stay */
        if (!first.ambiguous) {
            Pick p = { 0 };
            if (try_trait(t, first.method, adj, NULL, &p)) first = p;
        }
        *out = first;
        return 1;
    }
    return 0;
}

int tr_probe_method(Tcx *t, Type *recv, Sym name, bool user_code, Pick *out) {
    memset(out, 0, sizeof *out);
    Type *steps[MAX_DEREF + 1];
    bool over[MAX_DEREF + 1];
    int n = 0;
    Type *cur = ty_resolve(t, recv);
    if (cur->kind == TYPE_INFER) {
        if (cur->sub == VAR_TY) return 2;
        /* `{integer}`: trait methods every integer type has are fine
         * (`7.max(3)`); the integer-only ones (`pow`) are E0689, as rustc */
        List *tl = ptrmap_get(&t->trait_members, NULL, name);
        for (int ar = 0; ar < 3; ar++) {
            Type *adj = ar == 0 ? cur : ty_ref(t, cur, ar == 2);
            for (int i = 0; tl && i < tl->n; i++) {
                Def *m = LIST_GET(*tl, i, Def);
                if (m->kind != DEF_FN || !m->parent || inherent_like(t, m->parent)) continue;
                Snap snap = ty_snapshot(t);
                if (try_trait(t, m, adj, NULL, out)) {
                    out->autoref = ar == 0 ? AUTOREF_NONE : ar == 1 ? AUTOREF_REF : AUTOREF_MUT;
                    out->recv = adj;
                    return 0;
                }
                ty_rollback(t, snap);
            }
        }
        /* E0689 only when some numeric type has the method (`pow`); rustc
         * says E0599 for a name none has (`push`) */
        for (int i = 0; tl && i < tl->n; i++) {
            Def *m = LIST_GET(*tl, i, Def);
            if (m->kind == DEF_FN && m->parent && inherent_like(t, m->parent)) return 3;
        }
        return 1;
    }
    over[0] = false;
    while (cur && n < MAX_DEREF) {
        cur = tr_normalize(t, ty_resolve(t, cur));
        if (cur->kind == TYPE_INFER) break;
        steps[n++] = cur;
        bool ov;
        Type *next = tr_deref(t, cur, &ov);
        if (!next) break;
        over[n] = ov;
        cur = next;
    }
    bool array_tail = n > 0 && steps[n - 1]->kind == TYPE_ARRAY;
    int total = n + (array_tail ? 1 : 0);
    ProbeCands cands;
    cands.ninh = cands.nobj = 0;
    for (int i = 0; i < total; i++) add_step_cands(t, &cands, i < n ? steps[i] : ty_slice(t, steps[n - 1]->inner), name);
    for (int i = 0; i < total; i++) {
        Type *step = i < n ? steps[i] : ty_slice(t, steps[n - 1]->inner);
        if (step->kind == TYPE_INFER) continue;
        for (int ar = 0; ar < 3; ar++) {
            Type *adj = ar == 0 ? step : ty_ref(t, step, ar == 2);
            Snap snap = ty_snapshot(t);
            if (probe_at(t, &cands, adj, name, user_code, out)) {
                out->nderef = i < n ? i : n - 1;
                for (int k = 0; k < out->nderef && k < 16; k++) {
                    out->steps[k] = steps[k + 1];
                    out->overloaded[k] = over[k + 1];
                }
                out->autoref = ar == 0 ? AUTOREF_NONE : ar == 1 ? AUTOREF_REF : AUTOREF_MUT;
                out->unsize = i >= n;
                out->recv = adj;
                return 0;
            }
            ty_rollback(t, snap);
        }
    }
    return 1;
}

bool tr_probe_assoc(Tcx *t, Type *self, Sym name, bool user_code, Pick *out) {
    memset(out, 0, sizeof *out);
    self = ty_resolve(t, self);
    const void *head = ty_head(t, self);
    List *l = head ? ptrmap_get(&t->inherent, head, name) : NULL;
    for (int i = 0; l && i < l->n; i++) {
        Def *m = LIST_GET(*l, i, Def);
        Def *impl = m->parent;
        res_def_sig(t, impl);
        Snap snap = ty_snapshot(t);
        Type *args[64];
        if (m->gen.n > 64 || impl->gen.n > 64) continue;
        res_def_generics(t, m);
        tr_fresh_args(t, m->kind == DEF_FN ? m : impl, args, 0, t->cause);
        Type *st = ty_subst(t, impl->self_ty, args, impl->gen.n);
        if (ty_unify(t, st, self)) {
            out->method = m;
            out->impl = impl;
            int na = m->kind == DEF_FN ? m->gen.n : impl->gen.n;
            out->args = dup_args(t, args, na);
            out->nargs = na;
            out->self_ty = tr_normalize(t, st);
            out->private_ = !visible(m, user_code);
            return true;
        }
        ty_rollback(t, snap);
    }
    /* dyn Trait::method and traits the type may implement */
    List *tl = ptrmap_get(&t->trait_members, NULL, name);
    for (int pass = 0; pass < 2; pass++) {
        for (int i = 0; tl && i < tl->n; i++) {
            Def *m = LIST_GET(*tl, i, Def);
            Def *trait = m->parent;
            if ((pass == 0) != inherent_like(t, trait)) continue;
            res_def_generics(t, trait);
            res_def_generics(t, m);
            Type *args[64];
            if (m->gen.n > 64) continue;
            tr_fresh_args(t, m, args, 0, t->cause);
            args[0] = self;
            TraitRef tr = { trait, args + 1, trait->gen.n - 1, NULL, NULL, 0 };
            Snap snap = ty_snapshot(t);
            SolveResult r = solve(t, self, &tr, false, NULL);
            ty_rollback(t, snap);
            if (r == SOLVE_NO) continue;
            out->method = m;
            out->trait = trait;
            out->args = dup_args(t, args, m->gen.n);
            out->nargs = m->gen.n;
            out->self_ty = self;
            return true;
        }
    }
    return false;
}
