/* dyn.c — the dyn-compatibility rules: for every trait (the program's and a
 * small table of std traits) rustc 1.95's violations, the method-scope
 * verdict, each method's dispatch class and the vtable layout. The walk over
 * `dyn` types and the diagnostics live in dyn_check.c, the report in
 * dyn_explain.c. The rules follow rustc's dyn_compatibility.rs closely, in
 * its order, because the order shows in rustc's diagnostics.
 */
#include "dyn.h"

#include <stdio.h>
#include <string.h>

/* --------------------------------------------------------------- helpers */

static bool sym_is(Sym s, const char *name) { return s && strcmp(s, name) == 0; }

static PathSeg *last_seg(const Path *p) {
    if (!p || p->segs.n == 0) return NULL;
    return LIST_GET(p->segs, p->segs.n - 1, PathSeg);
}

/* `Self` alone (not `Self::A`). */
static bool ty_is_self(const Ty *t) {
    return t && t->kind == TY_PATH && !t->path->qself && t->path->segs.n == 1 &&
           sym_is(LIST_GET(t->path->segs, 0, PathSeg)->name, "Self") &&
           !LIST_GET(t->path->segs, 0, PathSeg)->has_generics;
}

static bool span_empty(Span s) { return s.lo == 0 && s.hi == 0; }

long dyn_symbol_rank(DbUnit *u, Sym name) {
    if (!name) return 200000L + (long)u->src.len; /* an item the parser could not name */
    int idx = dyn_rustc_symbol_index(name);
    if (idx >= 0) return idx;
    /* rustc interns the rest as its lexer meets them: identifiers and the
     * contents of string literals, in source order. */
    for (int i = 0; i < u->ntoks; i++) {
        const Token *t = &u->toks[i];
        if (t->kind == T_IDENT && t->sym == name) return 100000L + (long)t->span.lo;
        if (t->kind == T_STR && t->str && strlen(name) == t->str_len &&
            memcmp(t->str, name, t->str_len) == 0)
            return 100000L + (long)t->span.lo;
    }
    return 100000L + (long)u->src.len;
}

/* ------------------------------------------------------ the built-in table */

/* What dynbox knows of the std traits programs name in `dyn` types and
 * bounds, with rustc's verdicts. Only the methods dynbox's runtime provides
 * are listed; they make the vtables of user traits with these supertraits. */
typedef struct BuiltinMethod {
    const char *name;
    DynCode code;   /* rustc's violation, DC_BY_VALUE, or DC_NONE */
    bool gated;     /* `where Self: Sized` in std */
} BuiltinMethod;

typedef struct BuiltinSpec {
    const char *name;
    const char *supers[3];
    bool sized;          /* declares `Self: Sized` itself */
    bool auto_trait;
    bool rhs_self;       /* a type parameter defaulting to `Self` (E0393) */
    bool super_self;     /* `Self` as a type parameter of its supertraits */
    const char *assocs[3];
    BuiltinMethod methods[4];
} BuiltinSpec;

static const BuiltinSpec builtins[] = {
    { "Sized", { 0 }, true, false, false, false, { 0 }, { { 0 } } },
    { "Send", { 0 }, false, true, false, false, { 0 }, { { 0 } } },
    { "Sync", { 0 }, false, true, false, false, { 0 }, { { 0 } } },
    { "Unpin", { 0 }, false, true, false, false, { 0 }, { { 0 } } },
    { "Clone", { "Sized" }, false, false, false, false, { 0 },
      { { "clone", DC_SELF_OUTPUT, false }, { "clone_from", DC_SELF_INPUT, true } } },
    { "Copy", { "Clone" }, false, false, false, false, { 0 }, { { 0 } } },
    { "Default", { 0 }, true, false, false, false, { 0 }, { { "default", DC_STATIC, false } } },
    { "From", { 0 }, true, false, false, false, { 0 }, { { "from", DC_STATIC, false } } },
    { "Into", { 0 }, true, false, false, false, { 0 }, { { "into", DC_BY_VALUE, false } } },
    { "PartialEq", { 0 }, false, false, true, false, { 0 },
      { { "eq", DC_NONE, false }, { "ne", DC_NONE, false } } },
    { "Eq", { "PartialEq" }, false, false, false, true, { 0 }, { { 0 } } },
    { "PartialOrd", { "PartialEq" }, false, false, true, false, { 0 },
      { { "partial_cmp", DC_NONE, false }, { "lt", DC_NONE, false } } },
    { "Ord", { "Eq", "PartialOrd" }, false, false, false, true, { 0 },
      { { "cmp", DC_SELF_INPUT, false }, { "max", DC_NONE, true } } },
    { "Hash", { 0 }, false, false, false, false, { 0 },
      { { "hash", DC_GENERIC, false }, { "hash_slice", DC_NONE, true } } },
    { "Iterator", { 0 }, false, false, false, false, { "Item" }, { { "next", DC_NONE, false } } },
    { "IntoIterator", { 0 }, false, false, false, false, { "Item", "IntoIter" },
      { { "into_iter", DC_BY_VALUE, false } } },
    { "Future", { 0 }, false, false, false, false, { "Output" }, { { "poll", DC_NONE, false } } },
    { "FnOnce", { 0 }, false, false, false, false, { "Output" },
      { { "call_once", DC_BY_VALUE, false } } },
    { "FnMut", { "FnOnce" }, false, false, false, false, { 0 }, { { "call_mut", DC_NONE, false } } },
    { "Fn", { "FnMut" }, false, false, false, false, { 0 }, { { "call", DC_NONE, false } } },
    { "Display", { 0 }, false, false, false, false, { 0 }, { { "fmt", DC_NONE, false } } },
    { "Debug", { 0 }, false, false, false, false, { 0 }, { { "fmt", DC_NONE, false } } },
    { "Error", { "Debug", "Display" }, false, false, false, false, { 0 },
      { { "source", DC_NONE, false } } },
    { "ToString", { 0 }, false, false, false, false, { 0 }, { { "to_string", DC_NONE, false } } },
    { "AsRef", { 0 }, false, false, false, false, { 0 }, { { "as_ref", DC_NONE, false } } },
    { "AsMut", { 0 }, false, false, false, false, { 0 }, { { "as_mut", DC_NONE, false } } },
    { "Deref", { 0 }, false, false, false, false, { "Target" }, { { "deref", DC_NONE, false } } },
    { "DerefMut", { "Deref" }, false, false, false, false, { 0 },
      { { "deref_mut", DC_NONE, false } } },
    { "Any", { 0 }, false, false, false, false, { 0 }, { { "type_id", DC_NONE, false } } },
    { "Drop", { 0 }, false, false, false, false, { 0 }, { { "drop", DC_NONE, false } } },
};

static DynInfo *info_of(DbUnit *u) { return u->dyn; }

static void compute(DbUnit *u, DynTrait *t);

static DynTrait *builtin_trait(DbUnit *u, Sym name) {
    DynInfo *in = info_of(u);
    for (int i = 0; i < in->builtins.n; i++) {
        DynTrait *t = LIST_GET(in->builtins, i, DynTrait);
        if (t->name == name) return t;
    }
    for (size_t i = 0; i < sizeof builtins / sizeof builtins[0]; i++) {
        const BuiltinSpec *b = &builtins[i];
        if (strcmp(b->name, name) != 0) continue;
        DynTrait *t = arena_alloc(&u->arena, sizeof *t);
        t->name = name;
        t->builtin = true;
        t->auto_trait = b->auto_trait;
        t->rhs_self_default = b->rhs_self;
        list_push(&u->arena, &in->builtins, t);
        for (int k = 0; k < 3 && b->supers[k]; k++) {
            DynTrait *s = builtin_trait(u, sym_cstr(u, b->supers[k]));
            list_push(&u->arena, &t->supers, s);
            list_push(&u->arena, &t->super_bounds, NULL);
        }
        /* Sized-ness and `Self` in supertraits are properties of the table,
         * not of source we can point at. */
        t->sized = b->sized;
        for (int k = 0; k < t->supers.n; k++) t->sized |= LIST_GET(t->supers, k, DynTrait)->sized;
        for (int k = 0; k < 3 && b->assocs[k]; k++) {
            DynAssoc *a = arena_alloc(&u->arena, sizeof *a);
            a->name = sym_cstr(u, b->assocs[k]);
            a->owner = t;
            list_push(&u->arena, &t->assocs, a);
        }
        for (int k = 0; k < 4 && b->methods[k].name; k++) {
            DynMethod *m = arena_alloc(&u->arena, sizeof *m);
            m->name = sym_cstr(u, b->methods[k].name);
            m->trait = t;
            m->sized_gated = b->methods[k].gated || t->sized;
            DynCode c = b->methods[k].code;
            if (c != DC_NONE && c != DC_BY_VALUE && !m->sized_gated) {
                DynViolation *v = arena_alloc(&u->arena, sizeof *v);
                v->kind = DV_METHOD;
                v->code = c;
                v->name = m->name;
                v->owner = t;
                v->foreign = true;
                list_push(&u->arena, &m->violations, v);
                list_push(&u->arena, &t->own_violations, v);
            }
            m->code = c == DC_BY_VALUE ? DC_BY_VALUE : DC_NONE;
            list_push(&u->arena, &t->methods, m);
        }
        if (t->sized) {
            DynViolation *v = arena_alloc(&u->arena, sizeof *v);
            v->kind = DV_SIZED_SELF;
            v->owner = t;
            list_push(&u->arena, &t->own_violations, v);
        }
        if (b->super_self) {
            DynViolation *v = arena_alloc(&u->arena, sizeof *v);
            v->kind = DV_SUPERTRAIT_SELF;
            v->owner = t;
            v->foreign = true;
            list_push(&u->arena, &t->own_violations, v);
            list_push(&u->arena, &t->lowering, v);
        }
        compute(u, t);
        return t;
    }
    return NULL;
}

const DynTrait *dyn_trait(DbUnit *u, Sym name) {
    DynInfo *in = info_of(u);
    if (!in || !name) return NULL;
    for (int i = 0; i < in->traits.n; i++) {
        DynTrait *t = LIST_GET(in->traits, i, DynTrait);
        if (t->name == name) return t;
    }
    return builtin_trait(u, name);
}

/* The trait a bound names: user traits by name, std traits by their last
 * path segment (`std::fmt::Display`). */
static DynTrait *bound_trait(DbUnit *u, const Path *p) {
    PathSeg *s = last_seg(p);
    if (!s || p->qself) return NULL;
    return (DynTrait *)dyn_trait(u, s->name);
}

/* -------------------------------------------------------- `Self` in types */

typedef struct SelfScan {
    DbUnit *u;
    const DynTrait *trait;   /* whose supertraits' projections are allowed */
    bool allow_proj;         /* `Self::A` allowed (AllowSelfProjections::Yes) */
    bool into_impl;          /* look inside `impl Trait` (RPITIT is checked apart) */
} SelfScan;

static bool ty_mentions_self(const SelfScan *sc, const Ty *t);

/* Supertrait cycles are rustc's E0391 (not ours to report), so every walk
 * up the supertraits is bounded. */
enum { MAX_SUPER_DEPTH = 32 };

static bool super_or_self(const DynTrait *t, const DynTrait *x, int depth) {
    if (!t || !x || depth > MAX_SUPER_DEPTH) return false;
    if (t == x) return true;
    for (int i = 0; i < t->supers.n; i++)
        if (super_or_self(LIST_GET(t->supers, i, DynTrait), x, depth + 1)) return true;
    return false;
}

static bool is_super_or_self(const DynTrait *t, const DynTrait *x) { return super_or_self(t, x, 0); }

static bool path_args_mention_self(const SelfScan *sc, const Path *p) {
    if (!p) return false;
    for (int i = 0; i < p->segs.n; i++) {
        PathSeg *s = LIST_GET(p->segs, i, PathSeg);
        for (int k = 0; k < s->args.n; k++)
            if (ty_mentions_self(sc, LIST_GET(s->args, k, Ty))) return true;
        for (int k = 0; k < s->bindings.n; k++)
            if (ty_mentions_self(sc, LIST_GET(s->bindings, k, AssocBinding)->ty)) return true;
        if (s->fn_ret && ty_mentions_self(sc, s->fn_ret)) return true;
    }
    return false;
}

static bool ty_mentions_self(const SelfScan *sc, const Ty *t) {
    if (!t) return false;
    switch (t->kind) {
    case TY_PATH: {
        const Path *p = t->path;
        if (p->qself) {
            /* `<Self as Super>::X` is a projection the object type records. */
            if (sc->allow_proj && ty_is_self(p->qself) && p->qtrait &&
                is_super_or_self(sc->trait, bound_trait(sc->u, p->qtrait)))
                return false;
            return ty_mentions_self(sc, p->qself) || path_args_mention_self(sc, p->qtrait) ||
                   path_args_mention_self(sc, p);
        }
        PathSeg *first = p->segs.n ? LIST_GET(p->segs, 0, PathSeg) : NULL;
        if (first && sym_is(first->name, "Self")) {
            if (p->segs.n == 1) return true;
            if (!sc->allow_proj) return true;
        }
        return path_args_mention_self(sc, p);
    }
    case TY_REF:
    case TY_PTR:
    case TY_SLICE:
    case TY_ARRAY:
        return ty_mentions_self(sc, t->inner);
    case TY_TUPLE:
    case TY_FN_PTR:
        for (int i = 0; i < t->elems.n; i++)
            if (ty_mentions_self(sc, LIST_GET(t->elems, i, Ty))) return true;
        return ty_mentions_self(sc, t->inner);
    case TY_IMPL:
        if (!sc->into_impl) return false;
        /* fallthrough */
    case TY_DYN:
        for (int i = 0; i < t->bounds.n; i++)
            if (path_args_mention_self(sc, LIST_GET(t->bounds, i, Bound)->path)) return true;
        return false;
    default:
        return false;
    }
}

/* The first `impl Trait` inside `t`, in rustc's walk order (preorder). */
static const Ty *find_impl(const Ty *t) {
    if (!t) return NULL;
    if (t->kind == TY_IMPL) return t;
    const Ty *r = NULL;
    switch (t->kind) {
    case TY_PATH:
        for (int i = 0; i < t->path->segs.n && !r; i++) {
            PathSeg *s = LIST_GET(t->path->segs, i, PathSeg);
            for (int k = 0; k < s->args.n && !r; k++) r = find_impl(LIST_GET(s->args, k, Ty));
            for (int k = 0; k < s->bindings.n && !r; k++)
                r = find_impl(LIST_GET(s->bindings, k, AssocBinding)->ty);
            if (!r && s->fn_ret) r = find_impl(s->fn_ret);
        }
        return r;
    case TY_REF: case TY_PTR: case TY_SLICE: case TY_ARRAY:
        return find_impl(t->inner);
    case TY_TUPLE: case TY_FN_PTR:
        for (int i = 0; i < t->elems.n && !r; i++) r = find_impl(LIST_GET(t->elems, i, Ty));
        return r ? r : find_impl(t->inner);
    default:
        return NULL;
    }
}

/* Does a bound's own type arguments mention `Self`? Missing arguments count
 * when their default is `Self` (`PartialEq` means `PartialEq<Self>`). */
static bool bound_args_mention_self(const SelfScan *sc, const Bound *b) {
    if (!b || b->maybe) return false;
    if (path_args_mention_self(sc, b->path)) return true;
    PathSeg *s = last_seg(b->path);
    DynTrait *bt = bound_trait(sc->u, b->path);
    if (s && bt && bt->rhs_self_default && s->args.n == 0) return true;
    if (s && bt && bt->item) {
        /* a user trait whose omitted parameters default to `Self` */
        const Generics *g = &bt->item->generics;
        int k = 0;
        for (int i = 0; i < g->params.n; i++) {
            GenericParam *gp = LIST_GET(g->params, i, GenericParam);
            if (gp->is_lifetime) continue;
            if (k++ >= s->args.n && gp->default_ty && ty_mentions_self(sc, gp->default_ty))
                return true;
        }
    }
    return false;
}

/* ----------------------------------------------------------- Sized-ness */

static bool bound_implies_sized(DbUnit *u, const Bound *b) {
    if (!b || b->maybe) return false;
    PathSeg *s = last_seg(b->path);
    if (s && sym_is(s->name, "Sized")) return true;
    DynTrait *t = bound_trait(u, b->path);
    if (!t) return false;
    compute(u, t);
    return t->sized;
}

/* `where Self: Sized` (or a bound that implies it) among `g`'s predicates. */
static bool where_requires_sized(DbUnit *u, const Generics *g) {
    for (int i = 0; i < g->where_.n; i++) {
        WherePred *w = LIST_GET(g->where_, i, WherePred);
        if (!ty_is_self(w->ty)) continue;
        for (int k = 0; k < w->bounds.n; k++)
            if (bound_implies_sized(u, LIST_GET(w->bounds, k, Bound))) return true;
    }
    return false;
}

/* --------------------------------------------------------------- methods */

static DynViolation *violation(DbUnit *u, DynViolationKind k, DynCode c, Sym name,
                               const DynTrait *owner) {
    DynViolation *v = arena_alloc(&u->arena, sizeof *v);
    v->kind = k;
    v->code = c;
    v->name = name;
    v->owner = owner;
    return v;
}

static void add_span(DynViolation *v, Span s) {
    if (v->nspans < 4) v->spans[v->nspans++] = s;
}

static bool receiver_dispatchable(const Ty *t) {
    if (!t) return false;
    if (t->kind == TY_REF) return ty_is_self(t->inner);
    if (t->kind != TY_PATH || t->path->qself) return false;
    PathSeg *s = last_seg(t->path);
    if (!s || s->args.n != 1) return false;
    const Ty *arg = LIST_GET(s->args, 0, Ty);
    if (sym_is(s->name, "Box") || sym_is(s->name, "Rc") || sym_is(s->name, "Arc"))
        return ty_is_self(arg);
    if (sym_is(s->name, "Pin")) return receiver_dispatchable(arg);
    return false;
}

static bool is_auto_bound(DbUnit *u, const Bound *b) {
    DynTrait *t = bound_trait(u, b->path);
    return t && t->auto_trait;
}

/* rustc's virtual_call_violations_for_method, in its order. */
static void method_violations(DbUnit *u, DynTrait *t, DynMethod *m) {
    const FnSig *sig = &m->item->sig;
    SelfScan sc = { u, t, true, false };
    if (sig->self_kind == SELF_NONE) {
        DynViolation *v = violation(u, DV_METHOD, DC_STATIC, m->name, t);
        add_span(v, m->name_span);
        v->self_at = (Span){ sig->params_span.lo + 1, sig->params_span.lo + 1 };
        v->self_text = sig->params.n ? "&self, " : "&self";
        const Generics *g = &sig->generics;
        if (g->where_.n > 0) {
            WherePred *last = LIST_GET(g->where_, g->where_.n - 1, WherePred);
            uint32_t end = g->where_span.hi;
            /* the predicate span may run into the trailing comma */
            uint32_t lo = last->span.hi;
            while (lo > last->span.lo && u->src.text[lo - 1] == ',') lo--;
            v->where_at = (Span){ lo, end > lo ? end : lo };
            v->where_text = ", Self: Sized";
        } else if (!span_empty(g->where_span) && g->where_span.hi > g->where_span.lo) {
            v->where_at = (Span){ g->where_span.hi, g->where_span.hi };
            v->where_text = " Self: Sized";
        } else {
            uint32_t at = sig->ret ? sig->ret->span.hi : sig->params_span.hi;
            v->where_at = (Span){ at, at };
            v->where_text = " where Self: Sized";
        }
        list_push(&u->arena, &m->violations, v);
        return;
    }
    for (int i = 0; i < sig->params.n; i++) {
        Param *p = LIST_GET(sig->params, i, Param);
        if (ty_mentions_self(&sc, p->ty)) {
            DynViolation *v = violation(u, DV_METHOD, DC_SELF_INPUT, m->name, t);
            add_span(v, p->ty->span);
            list_push(&u->arena, &m->violations, v);
        }
    }
    /* An async fn returns an opaque future: its `Self` is checked later. */
    if (!sig->is_async && ty_mentions_self(&sc, sig->ret)) {
        DynViolation *v = violation(u, DV_METHOD, DC_SELF_OUTPUT, m->name, t);
        add_span(v, sig->ret->span);
        list_push(&u->arena, &m->violations, v);
    }
    const Ty *impl = sig->is_async ? NULL : find_impl(sig->ret);
    if (sig->is_async) {
        DynViolation *v = violation(u, DV_METHOD, DC_ASYNC, m->name, t);
        add_span(v, m->name_span);
        list_push(&u->arena, &m->violations, v);
    } else if (impl) {
        DynViolation *v = violation(u, DV_METHOD, DC_IMPL_TRAIT, m->name, t);
        add_span(v, impl->span);
        list_push(&u->arena, &m->violations, v);
    }
    bool generic = false;
    for (int i = 0; i < sig->generics.params.n; i++)
        generic |= !LIST_GET(sig->generics.params, i, GenericParam)->is_lifetime;
    for (int i = 0; i < sig->params.n; i++)
        generic |= find_impl(LIST_GET(sig->params, i, Param)->ty) != NULL;
    if (generic) {
        DynViolation *v = violation(u, DV_METHOD, DC_GENERIC, m->name, t);
        add_span(v, m->name_span);
        list_push(&u->arena, &m->violations, v);
    }
    if (sig->self_kind == SELF_TYPED && !ty_is_self(sig->self_ty) &&
        !receiver_dispatchable(sig->self_ty)) {
        DynViolation *v = violation(u, DV_METHOD, DC_RECEIVER, m->name, t);
        add_span(v, sig->self_ty->span);
        list_push(&u->arena, &m->violations, v);
    }
    /* Predicates that mention `Self`, except `Self: AutoTrait` and outlives
     * bounds (lifetimes are not kept by the parser). */
    SelfScan wsc = { u, t, true, true };
    bool where_self = false;
    for (int i = 0; i < sig->generics.params.n && !where_self; i++) {
        GenericParam *gp = LIST_GET(sig->generics.params, i, GenericParam);
        for (int k = 0; k < gp->bounds.n && !where_self; k++)
            where_self = bound_args_mention_self(&wsc, LIST_GET(gp->bounds, k, Bound));
    }
    for (int i = 0; i < sig->params.n && !where_self; i++) {
        const Ty *apit = find_impl(LIST_GET(sig->params, i, Param)->ty);
        for (int k = 0; apit && k < apit->bounds.n && !where_self; k++)
            where_self = bound_args_mention_self(&wsc, LIST_GET(apit->bounds, k, Bound));
    }
    for (int i = 0; i < sig->generics.where_.n && !where_self; i++) {
        WherePred *w = LIST_GET(sig->generics.where_, i, WherePred);
        if (!w->ty) continue;
        bool self_ty = ty_mentions_self(&wsc, w->ty);
        for (int k = 0; k < w->bounds.n && !where_self; k++) {
            Bound *b = LIST_GET(w->bounds, k, Bound);
            if (b->maybe) continue;
            if (ty_is_self(w->ty) && is_auto_bound(u, b)) continue;
            where_self = self_ty || bound_args_mention_self(&wsc, b);
        }
    }
    if (where_self) {
        DynViolation *v = violation(u, DV_METHOD, DC_WHERE_SELF, m->name, t);
        add_span(v, m->name_span);
        list_push(&u->arena, &m->violations, v);
    }
}

/* The method-scope class: the first exclusion in rustc's order wins, then
 * by-value `self`, then boxing for async fn and -> impl Trait. */
static void classify(DbUnit *u, DynMethod *m) {
    if (m->sized_gated) {
        m->cls = DYN_EXCLUDED;
        m->code = DC_SIZED_BOUND;
    } else {
        DynCode boxed = DC_NONE, excluded = DC_NONE;
        Span boxed_at = { 0, 0 }, excluded_at = { 0, 0 };
        for (int i = 0; i < m->violations.n; i++) {
            DynViolation *v = LIST_GET(m->violations, i, DynViolation);
            Span at = v->nspans ? v->spans[0] : m->name_span;
            if (v->code == DC_ASYNC || v->code == DC_IMPL_TRAIT) {
                if (boxed == DC_NONE) boxed = v->code, boxed_at = at;
            } else if (excluded == DC_NONE) {
                excluded = v->code, excluded_at = at;
            }
        }
        const FnSig *sig = m->item ? &m->item->sig : NULL;
        bool by_value = m->code == DC_BY_VALUE ||
                        (sig && (sig->self_kind == SELF_VALUE ||
                                 (sig->self_kind == SELF_TYPED && ty_is_self(sig->self_ty))));
        if (excluded == DC_NONE && by_value) {
            excluded = DC_BY_VALUE;
            excluded_at = sig ? sig->self_span : m->name_span;
        }
        if (excluded != DC_NONE) {
            m->cls = DYN_EXCLUDED;
            m->code = excluded;
            m->reason_span = excluded_at;
        } else if (boxed != DC_NONE) {
            m->cls = DYN_BOXED;
            m->code = boxed;
            m->reason_span = boxed_at;
        } else {
            m->cls = DYN_VTABLE;
            m->code = DC_NONE;
        }
    }
    if (span_empty(m->reason_span)) m->reason_span = m->name_span;
    if (m->cls != DYN_VTABLE) {
        DynViolation tmp = { .kind = DV_METHOD, .code = m->code, .name = m->name };
        m->reason = dyn_violation_text(u, &tmp);
    }
    if (m->code == DC_IMPL_TRAIT && m->item) {
        const Ty *impl = find_impl(m->item->sig.ret);
        PathSeg *s = impl && impl->bounds.n ? last_seg(LIST_GET(impl->bounds, 0, Bound)->path) : NULL;
        if (s) m->ret_impl = arena_printf(&u->arena, "impl %s", s->name);
    }
}

/* ---------------------------------------------------------------- traits */

static void add_unique(DbUnit *u, List *l, DynTrait *t) {
    for (int i = 0; i < l->n; i++)
        if (LIST_GET(*l, i, DynTrait) == t) return;
    list_push(&u->arena, l, t);
}

/* rustc's supertrait_def_ids: the trait, then a stack walk of supertraits. */
static void supertrait_closure(DbUnit *u, DynTrait *t, List *out) {
    List stack = { 0 };
    list_push(&u->arena, &stack, t);
    add_unique(u, out, t);
    while (stack.n) {
        DynTrait *d = LIST_GET(stack, --stack.n, DynTrait);
        for (int i = 0; i < d->supers.n; i++) {
            DynTrait *s = LIST_GET(d->supers, i, DynTrait);
            int before = out->n;
            add_unique(u, out, s);
            if (out->n > before) list_push(&u->arena, &stack, s);
        }
    }
}

/* The order rustc visits them differs from the order they were found: the
 * stack pops the last pushed first. */
static void supertrait_order(DbUnit *u, DynTrait *t, List *out) {
    List seen = { 0 }, stack = { 0 };
    list_push(&u->arena, &stack, t);
    list_push(&u->arena, &seen, t);
    while (stack.n) {
        DynTrait *d = LIST_GET(stack, --stack.n, DynTrait);
        list_push(&u->arena, out, d);
        for (int i = 0; i < d->supers.n; i++) {
            DynTrait *s = LIST_GET(d->supers, i, DynTrait);
            int before = seen.n;
            add_unique(u, &seen, s);
            if (seen.n > before) list_push(&u->arena, &stack, s);
        }
    }
}

/* `Self` as a type parameter in the trait's supertrait bounds and `where
 * Self: ...` clauses (supertraits_only) or in every predicate. */
static void predicates_reference_self(DbUnit *u, DynTrait *t, bool supertraits_only,
                                      DynViolation *v) {
    SelfScan sc = { u, t, false, true };
    const Item *it = t->item;
    for (int i = 0; i < it->supertraits.n; i++) {
        Bound *b = LIST_GET(it->supertraits, i, Bound);
        if (bound_args_mention_self(&sc, b)) add_span(v, b->span);
    }
    for (int i = 0; i < it->generics.where_.n; i++) {
        WherePred *w = LIST_GET(it->generics.where_, i, WherePred);
        if (!w->ty || (supertraits_only && !ty_is_self(w->ty))) continue;
        for (int k = 0; k < w->bounds.n; k++) {
            Bound *b = LIST_GET(w->bounds, k, Bound);
            if (bound_args_mention_self(&sc, b)) add_span(v, b->span);
        }
    }
}

/* Computes everything about `t` once: supertraits first (so Sized-ness is
 * known), then rustc's violations, the method classes and the vtable. */
static void layout(DbUnit *u, DynTrait *t);

static void compute(DbUnit *u, DynTrait *t) {
    if (t->done || t->computing) return;
    t->computing = true;
    if (!t->builtin) {
        const Item *it = t->item;
        /* supertraits and their Sized-ness */
        for (int i = 0; i < it->supertraits.n; i++) {
            Bound *b = LIST_GET(it->supertraits, i, Bound);
            DynTrait *s = b->maybe ? NULL : bound_trait(u, b->path);
            if (s) {
                compute(u, s);
                list_push(&u->arena, &t->supers, s);
                list_push(&u->arena, &t->super_bounds, b);
            }
        }
        for (int i = 0; i < it->generics.where_.n; i++) {
            WherePred *w = LIST_GET(it->generics.where_, i, WherePred);
            if (!ty_is_self(w->ty)) continue;
            for (int k = 0; k < w->bounds.n; k++) {
                Bound *b = LIST_GET(w->bounds, k, Bound);
                DynTrait *s = b->maybe ? NULL : bound_trait(u, b->path);
                if (s) {
                    compute(u, s);
                    list_push(&u->arena, &t->supers, s);
                    list_push(&u->arena, &t->super_bounds, b);
                }
            }
        }
        DynViolation *sized = violation(u, DV_SIZED_SELF, DC_NONE, NULL, t);
        for (int i = 0; i < it->generics.where_.n; i++) {
            WherePred *w = LIST_GET(it->generics.where_, i, WherePred);
            for (int k = 0; w->ty && k < w->bounds.n; k++) {
                Bound *b = LIST_GET(w->bounds, k, Bound);
                if (bound_implies_sized(u, b)) {
                    add_span(sized, b->span);
                    if (ty_is_self(w->ty)) t->sized = true;
                }
            }
        }
        for (int i = 0; i < it->supertraits.n; i++) {
            Bound *b = LIST_GET(it->supertraits, i, Bound);
            if (bound_implies_sized(u, b)) {
                add_span(sized, b->span);
                t->sized = true;
            }
        }
        /* associated items, in definition order */
        for (int i = 0; i < it->items.n; i++) {
            const Item *m = LIST_GET(it->items, i, Item);
            if (!m->name) continue; /* unnamed: the parser reported it */
            if (m->kind == ITEM_FN) {
                DynMethod *dm = arena_alloc(&u->arena, sizeof *dm);
                dm->name = m->name;
                dm->name_span = m->name_span;
                dm->sig_span = m->sig.span;
                dm->item = m;
                dm->trait = t;
                dm->is_async = m->sig.is_async;
                dm->sized_gated = t->sized || where_requires_sized(u, &m->sig.generics);
                if (!dm->sized_gated) method_violations(u, t, dm);
                list_push(&u->arena, &t->methods, dm);
                for (int k = 0; k < dm->violations.n; k++)
                    list_push(&u->arena, &t->own_violations, dm->violations.v[k]);
            } else if (m->kind == ITEM_CONST) {
                if (t->sized) continue;
                DynViolation *v = violation(u, DV_ASSOC_CONST, DC_NONE, m->name, t);
                add_span(v, m->name_span);
                list_push(&u->arena, &t->own_violations, v);
            } else if (m->kind == ITEM_TYPE) {
                bool gated = t->sized || where_requires_sized(u, &m->generics);
                if (m->generics.params.n > 0) {
                    if (gated) continue;
                    DynViolation *v = violation(u, DV_GAT, DC_NONE, m->name, t);
                    add_span(v, m->name_span);
                    list_push(&u->arena, &t->own_violations, v);
                    list_push(&u->arena, &t->gats, v);
                } else if (!gated) {
                    DynAssoc *a = arena_alloc(&u->arena, sizeof *a);
                    a->name = m->name;
                    a->owner = t;
                    uint32_t hi = m->name_span.hi;
                    for (int k = 0; k < m->bounds.n; k++) {
                        Bound *b = LIST_GET(m->bounds, k, Bound);
                        if (b->span.hi > hi) hi = b->span.hi;
                    }
                    a->span = (Span){ m->span.lo, hi };
                    list_push(&u->arena, &t->assocs, a);
                }
            }
        }
        if (t->sized) list_push(&u->arena, &t->own_violations, sized);
        DynViolation *ss = violation(u, DV_SUPERTRAIT_SELF, DC_NONE, NULL, t);
        predicates_reference_self(u, t, false, ss);
        if (ss->nspans) list_push(&u->arena, &t->own_violations, ss);
        /* associated type bounds may use `Self::X` projections */
        DynViolation *bs = violation(u, DV_SUPERTRAIT_SELF, DC_NONE, NULL, t);
        SelfScan bsc = { u, t, true, true };
        for (int i = 0; i < it->items.n; i++) {
            const Item *m = LIST_GET(it->items, i, Item);
            if (m->kind != ITEM_TYPE) continue;
            for (int k = 0; k < m->bounds.n; k++) {
                Bound *b = LIST_GET(m->bounds, k, Bound);
                if (bound_args_mention_self(&bsc, b)) add_span(bs, b->span);
            }
        }
        if (bs->nspans) list_push(&u->arena, &t->own_violations, bs);
        DynViolation *low = violation(u, DV_SUPERTRAIT_SELF, DC_NONE, NULL, t);
        predicates_reference_self(u, t, true, low);
        if (low->nspans) list_push(&u->arena, &t->lowering, low);
    }
    for (int i = 0; i < t->methods.n; i++) classify(u, LIST_GET(t->methods, i, DynMethod));

    /* over the trait and every supertrait, in rustc's visiting order */
    List order = { 0 };
    supertrait_order(u, t, &order);
    for (int i = 0; i < order.n; i++) {
        DynTrait *d = LIST_GET(order, i, DynTrait);
        if (d != t) compute(u, d);
        for (int k = 0; k < d->own_violations.n; k++) {
            DynViolation *v = LIST_GET(d->own_violations, k, DynViolation);
            list_push(&u->arena, &t->violations, v);
            if (v->kind != DV_METHOD) list_push(&u->arena, &t->trait_level, v);
        }
        if (d != t)
            for (int k = 0; k < d->lowering.n; k++)
                list_push(&u->arena, &t->lowering, d->lowering.v[k]);
    }
    t->ok_stable = t->violations.n == 0;
    t->ok_method_scope = t->trait_level.n == 0;
    t->done = true;
    t->computing = false;
    layout(u, t);
}

/* ----------------------------------------------------------------- vtable */

static bool has_own_entries(const DynTrait *t) {
    for (int i = 0; i < t->methods.n; i++) {
        const DynMethod *m = LIST_GET(t->methods, i, DynMethod);
        if (m->cls != DYN_EXCLUDED) return true;
    }
    return false;
}

static bool has_entries(DbUnit *u, DynTrait *t) {
    List all = { 0 };
    supertrait_closure(u, t, &all);
    for (int i = 0; i < all.n; i++)
        if (has_own_entries(LIST_GET(all, i, DynTrait))) return true;
    return false;
}

static void push_slot(DbUnit *u, DynTrait *t, DynSlotKind k, int size, const DynMethod *m,
                      const DynTrait *vptr) {
    DynSlot *s = arena_alloc(&u->arena, sizeof *s);
    s->kind = k;
    s->index = t->slots.n;
    s->offset = t->vtable_size;
    s->size = size;
    s->method = m;
    s->vptr = vptr;
    t->vtable_size += size;
    list_push(&u->arena, &t->slots, s);
}

static void emit_segment(DbUnit *u, DynTrait *t, DynTrait *seg, bool vptr) {
    int boxed_size = u->opts.abi == DB_ABI_CALLEE ? 8 : 32;
    for (int i = 0; i < seg->methods.n; i++) {
        const DynMethod *m = LIST_GET(seg->methods, i, DynMethod);
        if (m->cls == DYN_VTABLE) push_slot(u, t, SLOT_METHOD, 8, m, NULL);
        else if (m->cls == DYN_BOXED) push_slot(u, t, SLOT_BOXED, boxed_size, m, NULL);
    }
    if (vptr) push_slot(u, t, SLOT_VPTR, 8, NULL, seg);
}

static bool visited_has(List *l, DynTrait *t) {
    for (int i = 0; i < l->n; i++)
        if (LIST_GET(*l, i, DynTrait) == t) return true;
    return false;
}

/* rustc's prepare_vtable_segments: the first supertrait's whole vtable is a
 * prefix, other supertraits follow with a pointer to their own vtable (for
 * upcasting), and the trait's own methods come last. */
typedef struct Frame {
    DynTrait *trait;
    bool emit_vptr;
    DynTrait *from;   /* whose supertrait list the siblings come from */
    int next;         /* next sibling index in from->supers */
} Frame;

static DynTrait *next_unvisited(DbUnit *u, DynTrait *from, int *next, List *visited) {
    while (from && *next < from->supers.n) {
        DynTrait *s = LIST_GET(from->supers, (*next)++, DynTrait);
        if (!visited_has(visited, s)) {
            list_push(&u->arena, visited, s);
            return s;
        }
    }
    return NULL;
}

static void layout(DbUnit *u, DynTrait *t) {
    t->slots.n = 0;
    t->vtable_size = 0;
    push_slot(u, t, SLOT_DROP, 8, NULL, NULL);
    push_slot(u, t, SLOT_SIZE, 8, NULL, NULL);
    push_slot(u, t, SLOT_ALIGN, 8, NULL, NULL);
    List visited = { 0 };
    list_push(&u->arena, &visited, t);
    Frame stack[64];
    int sp = 0;
    bool emit_vptr_on_new = false;
    stack[sp++] = (Frame){ t, false, NULL, 0 };
    for (;;) {
        /* dive: follow the first unvisited supertrait */
        for (;;) {
            Frame *top = &stack[sp - 1];
            int next = 0;
            DynTrait *s = next_unvisited(u, top->trait, &next, &visited);
            if (!s || sp == 64) break;
            stack[sp++] = (Frame){ s, emit_vptr_on_new, top->trait, next };
        }
        bool pushed = false;
        while (sp > 0) {
            Frame f = stack[--sp];
            bool entries = has_entries(u, f.trait);
            emit_segment(u, t, f.trait, f.emit_vptr && entries);
            emit_vptr_on_new |= entries;
            DynTrait *sib = next_unvisited(u, f.from, &f.next, &visited);
            if (sib) {
                stack[sp++] = (Frame){ sib, emit_vptr_on_new, f.from, f.next };
                pushed = true;
                break;
            }
        }
        if (!pushed) return;
    }
}

/* ---------------------------------------------------------------- queries */

static const DynMethod *find_method(const DynTrait *t, Sym name, int depth) {
    if (!t || depth > MAX_SUPER_DEPTH) return NULL;
    for (int i = 0; i < t->methods.n; i++) {
        const DynMethod *m = LIST_GET(t->methods, i, DynMethod);
        if (m->name == name) return m;
    }
    for (int i = 0; i < t->supers.n; i++) {
        const DynMethod *m = find_method(LIST_GET(t->supers, i, DynTrait), name, depth + 1);
        if (m) return m;
    }
    return NULL;
}

const DynMethod *dyn_method(const DynTrait *t, Sym name) { return find_method(t, name, 0); }

static const DynMethod *first_unimplementable(const DynTrait *t, int depth) {
    if (!t || depth > MAX_SUPER_DEPTH) return NULL;
    for (int i = 0; i < t->supers.n; i++) {
        const DynMethod *m = first_unimplementable(LIST_GET(t->supers, i, DynTrait), depth + 1);
        if (m) return m;
    }
    for (int i = 0; i < t->methods.n; i++) {
        const DynMethod *m = LIST_GET(t->methods, i, DynMethod);
        if (m->cls != DYN_VTABLE) return m;
    }
    return NULL;
}

const DynMethod *dyn_first_unimplementable(const DynTrait *t) { return first_unimplementable(t, 0); }

const char *dyn_class_name(DynClass c) {
    switch (c) {
    case DYN_VTABLE: return "vtable";
    case DYN_BOXED: return "boxed";
    case DYN_EXCLUDED: return "excluded";
    }
    return "?";
}

const char *dyn_slot_kind_name(DynSlotKind k) {
    switch (k) {
    case SLOT_DROP: return "drop";
    case SLOT_SIZE: return "size";
    case SLOT_ALIGN: return "align";
    case SLOT_METHOD: return "method";
    case SLOT_BOXED: return "boxed";
    case SLOT_VPTR: return "vptr";
    }
    return "?";
}

/* rustc's DynCompatibilityViolation::error_msg (1.95 wording). */
const char *dyn_violation_text(DbUnit *u, const DynViolation *v) {
    Arena *a = &u->arena;
    const char *n = v->name ? v->name : "?";
    switch (v->kind) {
    case DV_SIZED_SELF: return "it requires `Self: Sized`";
    case DV_SUPERTRAIT_SELF: return "it uses `Self` as a type parameter";
    case DV_ASSOC_CONST: return arena_printf(a, "it contains associated const `%s`", n);
    case DV_GAT: return arena_printf(a, "it contains generic associated type `%s`", n);
    case DV_METHOD: break;
    }
    switch (v->code) {
    case DC_STATIC: return arena_printf(a, "associated function `%s` has no `self` parameter", n);
    case DC_SELF_INPUT:
        return arena_printf(a, "method `%s` references the `Self` type in this parameter", n);
    case DC_SELF_OUTPUT:
        return arena_printf(a, "method `%s` references the `Self` type in its return type", n);
    case DC_IMPL_TRAIT:
        return arena_printf(a, "method `%s` references an `impl Trait` type in its return type", n);
    case DC_ASYNC: return arena_printf(a, "method `%s` is `async`", n);
    case DC_WHERE_SELF:
        return arena_printf(a, "method `%s` references the `Self` type in its `where` clause", n);
    case DC_GENERIC: return arena_printf(a, "method `%s` has generic type parameters", n);
    case DC_RECEIVER:
        return arena_printf(a, "method `%s`'s `self` parameter cannot be dispatched on", n);
    case DC_SIZED_BOUND: return arena_printf(a, "method `%s` requires `Self: Sized`", n);
    case DC_BY_VALUE: return arena_printf(a, "method `%s` takes `self` by value", n);
    case DC_NONE: break;
    }
    return "?";
}

/* ------------------------------------------------------------------ phase */

static void collect_traits(DbUnit *u, DynInfo *in, const List *items) {
    for (int i = 0; i < items->n; i++) {
        const Item *it = LIST_GET(*items, i, Item);
        /* the prelude's items stand for std's: the built-in table speaks
         * for those, with rustc's verdicts */
        if (it->prelude) continue;
        if (it->kind == ITEM_MOD) collect_traits(u, in, &it->items);
        if (it->kind != ITEM_TRAIT || !it->name) continue;
        bool dup = false;
        for (int k = 0; k < in->traits.n; k++) dup |= LIST_GET(in->traits, k, DynTrait)->name == it->name;
        if (dup) continue;
        DynTrait *t = arena_alloc(&u->arena, sizeof *t);
        t->name = it->name;
        t->item = it;
        t->name_span = it->name_span;
        list_push(&u->arena, &in->traits, t);
    }
}

/* The self type as rustc prints it in its impl lists: as written, with runs
 * of spaces collapsed. */
static const char *type_text(DbUnit *u, Span s) {
    char *out = arena_alloc(&u->arena, s.hi - s.lo + 1);
    size_t n = 0;
    bool space = false;
    for (uint32_t i = s.lo; i < s.hi; i++) {
        char c = u->src.text[i];
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
            space = n > 0;
            continue;
        }
        if (space && c != '>' && c != ',' && out[n - 1] != '<') out[n++] = ' ';
        space = false;
        out[n++] = c;
    }
    out[n] = 0;
    return out;
}

static void collect_impls(DbUnit *u, DynInfo *in, const List *items) {
    for (int i = 0; i < items->n; i++) {
        const Item *it = LIST_GET(*items, i, Item);
        if (it->prelude) continue;
        if (it->kind == ITEM_MOD) collect_impls(u, in, &it->items);
        if (it->kind != ITEM_IMPL || !it->trait_path || !it->self_ty || it->negative) continue;
        const DynTrait *t = bound_trait(u, it->trait_path);
        if (!t || t->builtin) continue;
        DynImpl *im = arena_alloc(&u->arena, sizeof *im);
        im->trait = t;
        im->item = it;
        im->type_text = type_text(u, it->self_ty->span);
        im->self_is_dyn = it->self_ty->kind == TY_DYN;
        if (it->self_ty->kind == TY_PATH && it->self_ty->path->segs.n == 1) {
            Sym n = LIST_GET(it->self_ty->path->segs, 0, PathSeg)->name;
            for (int k = 0; k < it->generics.params.n; k++) {
                GenericParam *gp = LIST_GET(it->generics.params, k, GenericParam);
                if (!gp->is_lifetime && gp->name == n) im->blanket = true;
            }
        }
        list_push(&u->arena, &in->impls, im);
    }
}

void dyn_run(DbUnit *u) {
    if (u->dyn || !u->crate) return;
    options_read(u);
    DynInfo *in = arena_alloc(&u->arena, sizeof *in);
    u->dyn = in;
    collect_traits(u, in, &u->crate->items);
    for (int i = 0; i < in->traits.n; i++) compute(u, LIST_GET(in->traits, i, DynTrait));
    collect_impls(u, in, &u->crate->items);
    dyn_check_program(u, in);
}
