/* dyn_check.c — finds every `dyn Trait` type the program writes and rejects
 * the ones rustc rejects (E0038, E0191, E0393), in rustc's order and number:
 * item signatures first (one error per trait per signature), then impl
 * methods, then trait methods, then bodies (one per occurrence). Also builds
 * the call-site diagnostics the checker raises (DB0002, DB0003, DB0004, E0277).
 */
#include "dyn.h"

#include <stdlib.h>
#include <string.h>

static const char vtable_note[] =
    "for a trait to be dyn compatible it needs to allow building a vtable\n"
    "for more information, visit <https://doc.rust-lang.org/reference/items/traits.html#dyn-compatibility>";

enum { MAX_SCOPE = 32 };

typedef struct Checker {
    DbUnit *u;
    DynInfo *in;
    bool stable;
    bool in_body;       /* inside a fn body: one error per occurrence */
    bool in_fn_sig;     /* a fn's parameters or return type (rustc's `impl` help) */
    Span bound_span;    /* inside a generic bound: where rustc points */
    bool in_bound;
    const DynTrait *scope[MAX_SCOPE]; /* traits already reported for this signature */
    int nscope;
} Checker;

static PathSeg *last_seg(const Path *p) {
    if (!p || p->segs.n == 0) return NULL;
    return LIST_GET(p->segs, p->segs.n - 1, PathSeg);
}

static const DynTrait *bound_trait(DbUnit *u, const Path *p) {
    PathSeg *s = last_seg(p);
    if (!s || p->qself) return NULL;
    return dyn_trait(u, s->name);
}

/* ----------------------------------------------------------------- E0038 */

typedef enum { SOL_ADD_SELF, SOL_CHANGE_REF, SOL_MOVE } SolKind;

typedef struct Solution {
    SolKind kind;
    Sym name;
    long rank;
    const DynViolation *v;
} Solution;

static int cmp_solution(const void *a, const void *b) {
    const Solution *x = a, *y = b;
    if (x->kind != y->kind) return x->kind < y->kind ? -1 : 1;
    if (x->rank != y->rank) return x->rank < y->rank ? -1 : 1;
    Span sx = x->v && x->v->nspans ? x->v->spans[0] : (Span){ 0, 0 };
    Span sy = y->v && y->v->nspans ? y->v->spans[0] : (Span){ 0, 0 };
    if (sx.lo != sy.lo) return sx.lo < sy.lo ? -1 : 1;
    return 0;
}

static bool same_violation(const DynViolation *a, const DynViolation *b) {
    if (a->kind != b->kind || a->code != b->code || a->name != b->name || a->nspans != b->nspans)
        return false;
    for (int i = 0; i < a->nspans; i++)
        if (a->spans[i].lo != b->spans[i].lo || a->spans[i].hi != b->spans[i].hi) return false;
    /* spanless ones stand for distinct std spans, except `Self: Sized` */
    if (a->nspans == 0 && a->kind != DV_SIZED_SELF) return a->owner == b->owner;
    return true;
}

/* rustc's report_dyn_incompatibility. `primary` is where the error points;
 * `opaque_at`, when not empty, is the `dyn ` to replace with `impl `. */
static void report_e0038(Checker *c, Span primary, const DynTrait *t, const List *viol,
                         Span opaque_at) {
    DbUnit *u = c->u;
    Diag *d = diag_new(u, DIAG_ERROR, "E0038", "the trait `%s` is not dyn compatible", t->name);
    diag_span(u, d, primary, true, "`%s` is not dyn compatible", t->name);

    /* the set rustc reports: duplicates and std's spanless `Self: Sized`
     * behind a local one dropped */
    const DynViolation **rep = arena_alloc(&u->arena, sizeof *rep * (size_t)(viol->n + 1));
    int nrep = 0;
    bool sized_marker = false;
    for (int i = 0; i < viol->n; i++) {
        const DynViolation *v = LIST_GET(*viol, i, DynViolation);
        if (v->kind == DV_SIZED_SELF && v->nspans > 0) sized_marker = true;
        else if (v->kind == DV_SIZED_SELF && sized_marker) continue;
        bool dup = false;
        for (int k = 0; k < nrep && !dup; k++) dup = same_violation(rep[k], v);
        if (v->kind == DV_SIZED_SELF && v->nspans == 0)
            for (int k = 0; k < nrep && !dup; k++)
                dup = rep[k]->kind == DV_SIZED_SELF && rep[k]->nspans == 0;
        if (!dup) rep[nrep++] = v;
    }
    bool local = !t->builtin;
    bool any_spans = false, any_foreign = false;
    for (int i = 0; i < nrep; i++) {
        any_spans |= rep[i]->nspans > 0;
        any_foreign |= rep[i]->foreign;
    }
    for (int i = 0; i < nrep; i++) {
        if (rep[i]->nspans || rep[i]->foreign) continue;
        diag_child(u, d, DIAG_NOTE, "the trait is not dyn compatible because %s",
                   dyn_violation_text(u, rep[i]));
    }
    Diag *note = diag_child(u, d, DIAG_NOTE, "%s", vtable_note);
    if (local && (any_spans || any_foreign))
        diag_span(u, note, t->name_span, false, "this trait is not dyn compatible...");
    /* rustc's note locates itself at the first labelled span in the file
     * (MultiSpan::from_spans sorts): add them in source order, a stable
     * sort keeping rustc's order for labels on the same span. */
    typedef struct Label {
        Span span;
        const DynViolation *v;
    } Label;
    Label *labels = arena_alloc(&u->arena, sizeof *labels * (size_t)(4 * nrep + 1));
    int nl = 0;
    for (int i = 0; i < nrep; i++)
        for (int k = 0; k < rep[i]->nspans; k++) {
            Label l = { rep[i]->spans[k], rep[i] };
            int at = nl++;
            while (at > 0 && labels[at - 1].span.lo > l.span.lo) {
                labels[at] = labels[at - 1];
                at--;
            }
            labels[at] = l;
        }
    for (int i = 0; i < nl; i++)
        diag_span(u, note, labels[i].span, true, "...because %s", dyn_violation_text(u, labels[i].v));
    /* rustc points these into the standard library's source, which dynbox
     * does not have: the label becomes a note. */
    for (int i = 0; i < nrep; i++) {
        if (!rep[i]->foreign) continue;
        diag_child(u, d, DIAG_NOTE, "%s%s", local ? "...because " : "the trait is not dyn compatible because ",
                   dyn_violation_text(u, rep[i]));
    }

    /* solutions, only for the program's own traits */
    Solution *sol = arena_alloc(&u->arena, sizeof *sol * (size_t)(nrep + 1));
    int nsol = 0;
    for (int i = 0; local && i < nrep; i++) {
        const DynViolation *v = rep[i];
        if (v->kind == DV_SIZED_SELF || v->kind == DV_SUPERTRAIT_SELF || !v->name) continue;
        Solution s = { SOL_MOVE, v->name, dyn_symbol_rank(u, v->name), NULL };
        if (v->kind == DV_METHOD && v->code == DC_STATIC && !v->foreign) s.kind = SOL_ADD_SELF, s.v = v;
        if (v->kind == DV_METHOD && v->code == DC_RECEIVER && !v->foreign) s.kind = SOL_CHANGE_REF, s.v = v;
        sol[nsol++] = s;
    }
    qsort(sol, (size_t)nsol, sizeof *sol, cmp_solution);
    int w = 0;
    for (int i = 0; i < nsol; i++)
        if (w == 0 || cmp_solution(&sol[w - 1], &sol[i]) != 0 || sol[w - 1].name != sol[i].name)
            sol[w++] = sol[i];
    nsol = w;
    for (int i = 0; i < nsol; i++)
        if (sol[i].kind == SOL_MOVE)
            diag_child(u, d, DIAG_HELP, "consider moving `%s` to another trait", sol[i].name);

    bool opaque = opaque_at.hi > opaque_at.lo;
    if (local && !opaque) {
        /* rustc lists the implementing types (not blanket, not dyn ones) */
        const char *types[10];
        int n = 0;
        bool blanket = false;
        for (int i = 0; i < c->in->impls.n; i++) {
            const DynImpl *im = LIST_GET(c->in->impls, i, DynImpl);
            if (im->trait != t) continue;
            blanket |= im->blanket;
            if (!im->self_is_dyn && n < 10) types[n++] = im->type_text;
        }
        if (!blanket && n == 1) {
            diag_child(u, d, DIAG_HELP, "only type `%s` implements `%s`; consider using it directly instead.",
                       types[0], t->name);
        } else if (!blanket && n > 1 && n <= 9) {
            for (int i = 1; i < n; i++)
                for (int k = i; k > 0 && strcmp(types[k - 1], types[k]) > 0; k--) {
                    const char *x = types[k];
                    types[k] = types[k - 1];
                    types[k - 1] = x;
                }
            Buf b = { 0 };
            buf_printf(&b, "the following types implement `%s`:\n", t->name);
            for (int i = 0; i < n; i++) buf_printf(&b, "  %s\n", types[i]);
            buf_printf(&b, "consider defining an enum where each variant holds one of these types,\n"
                           "implementing `%s` for this new enum and using it instead", t->name);
            diag_child(u, d, DIAG_HELP, "%s", b.s);
            buf_free(&b);
        }
    }
    for (int i = 0; i < nsol; i++) {
        const DynViolation *v = sol[i].v;
        if (sol[i].kind == SOL_ADD_SELF) {
            diag_suggest(u, d, v->self_at, v->self_text, APP_MAYBE_INCORRECT,
                         "consider turning `%s` into a method by giving it a `&self` argument", v->name);
            diag_suggest(u, d, v->where_at, v->where_text, APP_MAYBE_INCORRECT,
                         "alternatively, consider constraining `%s` so it does not apply to trait objects",
                         v->name);
        } else if (sol[i].kind == SOL_CHANGE_REF) {
            diag_suggest(u, d, v->spans[0], "&Self", APP_MACHINE_APPLICABLE,
                         "consider changing method `%s`'s `self` parameter to be `&self`", v->name);
        }
    }
    if (opaque)
        diag_suggest(u, d, opaque_at, "impl ", APP_MAYBE_INCORRECT, "consider using an opaque type instead");
}

/* ----------------------------------------------------------- E0191, E0393 */

typedef struct Missing {
    const DynAssoc *a;
    long rank;
} Missing;

static bool specified(const PathSeg *s, Sym name) {
    if (!s) return false;
    if (s->fn_sugar && strcmp(name, "Output") == 0) return true;
    for (int i = 0; i < s->bindings.n; i++)
        if (LIST_GET(s->bindings, i, AssocBinding)->name == name) return true;
    return false;
}

/* Associated types a supertrait bound fixes (`trait T: Iterator<Item = u8>`). */
static bool fixed_by_supers(const DynTrait *t, Sym name, int depth) {
    if (depth > 16) return false;
    for (int i = 0; i < t->supers.n; i++) {
        const Bound *b = LIST_GET(t->super_bounds, i, Bound);
        if (b && specified(last_seg(b->path), name)) return true;
        if (fixed_by_supers(LIST_GET(t->supers, i, DynTrait), name, depth + 1)) return true;
    }
    return false;
}

static void add_missing(const DynTrait *t, const DynTrait *root, const PathSeg *seg, Missing *out,
                        int *n, const DynTrait **seen, int *nseen) {
    for (int i = 0; i < *nseen; i++)
        if (seen[i] == t) return;
    if (*nseen < 32) seen[(*nseen)++] = t;
    for (int i = 0; i < t->assocs.n && *n < 32; i++) {
        const DynAssoc *a = LIST_GET(t->assocs, i, DynAssoc);
        if (specified(seg, a->name) || fixed_by_supers(root, a->name, 0)) continue;
        out[(*n)++] = (Missing){ a, 0 };
    }
    for (int i = 0; i < t->supers.n; i++)
        add_missing(LIST_GET(t->supers, i, DynTrait), root, seg, out, n, seen, nseen);
}

static int cmp_missing(const void *a, const void *b) {
    const Missing *x = a, *y = b;
    return x->rank < y->rank ? -1 : x->rank > y->rank;
}

static int cmp_cstr(const void *a, const void *b) {
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* E0191 when `dyn T` leaves out associated types; true when reported. */
static bool check_assoc(Checker *c, const Bound *b, const DynTrait *t) {
    DbUnit *u = c->u;
    const PathSeg *seg = last_seg(b->path);
    Missing miss[32];
    const DynTrait *seen[32];
    int n = 0, nseen = 0;
    add_missing(t, t, seg, miss, &n, seen, &nseen);
    if (n == 0) return false;
    /* the message: per trait, names in symbol order; groups sorted as text */
    Missing sorted[32];
    memcpy(sorted, miss, sizeof miss[0] * (size_t)n);
    for (int i = 0; i < n; i++) sorted[i].rank = dyn_symbol_rank(u, sorted[i].a->name);
    qsort(sorted, (size_t)n, sizeof sorted[0], cmp_missing);
    const char *groups[32];
    int ng = 0;
    for (int i = 0; i < n; i++) {
        const DynTrait *owner = sorted[i].a->owner;
        bool done = false;
        for (int k = 0; k < i; k++) done |= sorted[k].a->owner == owner;
        if (done) continue;
        const char *names[32];
        int nn = 0;
        for (int k = i; k < n; k++)
            if (sorted[k].a->owner == owner) names[nn++] = sorted[k].a->name;
        Buf g = { 0 };
        for (int k = 0; k < nn; k++) {
            if (k > 0) buf_puts(&g, k == nn - 1 ? " and " : ", ");
            buf_printf(&g, "`%s`", names[k]);
        }
        buf_printf(&g, " in `%s`", owner->name);
        groups[ng++] = arena_strndup(&u->arena, g.s, g.len);
        buf_free(&g);
    }
    qsort(groups, (size_t)ng, sizeof groups[0], cmp_cstr);
    Buf m = { 0 };
    for (int i = 0; i < ng; i++) buf_printf(&m, "%s%s", i ? ", " : "", groups[i]);
    Diag *d = diag_new(u, DIAG_ERROR, "E0191", "the value of the associated type%s %s must be specified",
                       n > 1 ? "s" : "", m.s);
    buf_free(&m);
    diag_span(u, d, b->path->span, true, NULL);
    for (int i = 0; i < n; i++)
        if (!miss[i].a->owner->builtin)
            diag_span(u, d, miss[i].a->span, false, "`%s` defined here", miss[i].a->name);
    Buf s = { 0 };
    uint32_t at = b->path->span.hi;
    bool has_args = seg && seg->has_generics && (seg->args.n || seg->bindings.n);
    if (has_args) {
        /* after the last argument, before the `>` */
        at = b->path->span.hi;
        while (at > b->path->span.lo && u->src.text[at - 1] != '>') at--;
        if (at > b->path->span.lo) at--;
        while (at > b->path->span.lo && (u->src.text[at - 1] == ' ' || u->src.text[at - 1] == ','))
            at--;
    }
    buf_puts(&s, has_args ? ", " : "<");
    for (int i = 0; i < n; i++) buf_printf(&s, "%s%s = /* Type */", i ? ", " : "", miss[i].a->name);
    if (!has_args) buf_puts(&s, ">");
    diag_suggest(u, d, (Span){ at, at }, s.s, APP_HAS_PLACEHOLDERS, "specify the associated type%s",
                 n > 1 ? "s" : "");
    buf_free(&s);
    return true;
}

/* E0393: `dyn PartialEq` without the `Rhs` that defaults to `Self`. */
static bool check_rhs(Checker *c, const Bound *b, const DynTrait *t) {
    const PathSeg *seg = last_seg(b->path);
    if (!t->rhs_self_default || !seg || seg->args.n > 0 || seg->fn_sugar) return false;
    DbUnit *u = c->u;
    Diag *d = diag_new(u, DIAG_ERROR, "E0393", "the type parameter `Rhs` must be explicitly specified");
    diag_span(u, d, b->path->span, true, NULL);
    diag_child(u, d, DIAG_NOTE, "type parameter `Rhs` must be specified for this");
    diag_child(u, d, DIAG_NOTE, "because the parameter default references `Self`, the parameter must be "
                                "specified on the trait object type");
    Span at = { b->path->span.hi, b->path->span.hi };
    diag_suggest(u, d, at, "</* Rhs */>", APP_HAS_PLACEHOLDERS, "explicitly specify the type parameter");
    return true;
}

/* ------------------------------------------------------------- the walk */

static void walk_ty(Checker *c, const Ty *t);

static void walk_path_args(Checker *c, const Path *p) {
    if (!p) return;
    if (p->qself) walk_ty(c, p->qself);
    if (p->qtrait) walk_path_args(c, p->qtrait);
    for (int i = 0; i < p->segs.n; i++) {
        PathSeg *s = LIST_GET(p->segs, i, PathSeg);
        for (int k = 0; k < s->args.n; k++) walk_ty(c, LIST_GET(s->args, k, Ty));
        for (int k = 0; k < s->bindings.n; k++) walk_ty(c, LIST_GET(s->bindings, k, AssocBinding)->ty);
        if (s->fn_ret) walk_ty(c, s->fn_ret);
    }
}

static bool in_scope(Checker *c, const DynTrait *t) {
    for (int i = 0; i < c->nscope; i++)
        if (c->scope[i] == t) return true;
    return false;
}

/* `dyn A + B` without the parentheses the parser may have included. */
static Span dyn_span(DbUnit *u, const Ty *t) {
    Span s = t->span;
    while (s.lo < s.hi && (u->src.text[s.lo] == '(' || u->src.text[s.lo] == ' ')) s.lo++;
    if (t->bounds.n) s.hi = LIST_GET(t->bounds, t->bounds.n - 1, Bound)->span.hi;
    return s;
}

/* Generic associated types are also rejected while lowering the type, at
 * every occurrence, in the name of the trait that declares them. */
static bool report_gats(Checker *c, const Bound *b, const DynTrait *tr) {
    const DynTrait *seen[32];
    int nseen = 0, reported = 0;
    const DynTrait *stack[32];
    int sp = 0;
    stack[sp++] = tr;
    seen[nseen++] = tr;
    while (sp > 0) {
        const DynTrait *d = stack[--sp];
        if (d->gats.n) {
            report_e0038(c, b->path->span, d, &d->gats, (Span){ 0, 0 });
            reported++;
        }
        for (int i = 0; i < d->supers.n; i++) {
            const DynTrait *s = LIST_GET(d->supers, i, DynTrait);
            bool dup = false;
            for (int k = 0; k < nseen; k++) dup |= seen[k] == s;
            if (dup || nseen == 32 || sp == 32) continue;
            seen[nseen++] = s;
            stack[sp++] = s;
        }
    }
    return reported > 0;
}

static void check_dyn(Checker *c, const Ty *t) {
    DbUnit *u = c->u;
    for (int i = 0; i < t->bounds.n; i++) {
        const Bound *b = LIST_GET(t->bounds, i, Bound);
        const DynTrait *tr = b->maybe ? NULL : bound_trait(u, b->path);
        if (!tr) continue;
        if (check_rhs(c, b, tr) || check_assoc(c, b, tr)) continue;
        const List *viol = c->stable ? &tr->violations : &tr->trait_level;
        if (viol->n == 0) continue;
        if (tr->lowering.n && !c->in_body) {
            /* `Self` in a supertrait: rustc reports it while lowering the
             * type, at every occurrence, with only those reasons */
            Span opaque = { 0, 0 };
            if (c->in_fn_sig && !c->in_bound) opaque = (Span){ dyn_span(u, t).lo, b->path->span.lo };
            report_e0038(c, b->path->span, tr, &tr->lowering, opaque);
            continue;
        }
        if (!c->in_body && report_gats(c, b, tr)) continue;
        if (c->in_body) {
            report_e0038(c, b->path->span, tr, viol, (Span){ 0, 0 });
            continue;
        }
        if (in_scope(c, tr)) continue;
        if (c->nscope < MAX_SCOPE) c->scope[c->nscope++] = tr;
        report_e0038(c, c->in_bound ? c->bound_span : dyn_span(u, t), tr, viol, (Span){ 0, 0 });
    }
}

static void walk_ty(Checker *c, const Ty *t) {
    if (!t) return;
    switch (t->kind) {
    case TY_DYN:
        check_dyn(c, t);
        /* fallthrough */
    case TY_IMPL:
        for (int i = 0; i < t->bounds.n; i++) walk_path_args(c, LIST_GET(t->bounds, i, Bound)->path);
        break;
    case TY_PATH:
        walk_path_args(c, t->path);
        break;
    case TY_REF: case TY_PTR: case TY_SLICE: case TY_ARRAY:
        walk_ty(c, t->inner);
        break;
    case TY_TUPLE: case TY_FN_PTR:
        for (int i = 0; i < t->elems.n; i++) walk_ty(c, LIST_GET(t->elems, i, Ty));
        walk_ty(c, t->inner);
        break;
    default:
        break;
    }
}

static void walk_bounds(Checker *c, const List *bounds) {
    for (int i = 0; i < bounds->n; i++) {
        const Bound *b = LIST_GET(*bounds, i, Bound);
        bool was = c->in_bound;
        Span sp = c->bound_span;
        c->in_bound = true;
        c->bound_span = b->span;
        walk_path_args(c, b->path);
        c->in_bound = was;
        c->bound_span = sp;
    }
}

static void walk_generics(Checker *c, const Generics *g) {
    for (int i = 0; i < g->params.n; i++) {
        GenericParam *gp = LIST_GET(g->params, i, GenericParam);
        walk_bounds(c, &gp->bounds);
    }
    for (int i = 0; i < g->where_.n; i++) {
        WherePred *w = LIST_GET(g->where_, i, WherePred);
        walk_ty(c, w->ty);
        walk_bounds(c, &w->bounds);
    }
}

static void begin_scope(Checker *c) {
    c->nscope = 0;
    c->in_body = false;
    c->in_fn_sig = false;
    c->in_bound = false;
}

/* A fn signature: parameters and return type first, then its bounds. */
static void walk_sig(Checker *c, const FnSig *sig) {
    c->in_fn_sig = true;
    for (int i = 0; i < sig->params.n; i++) walk_ty(c, LIST_GET(sig->params, i, Param)->ty);
    walk_ty(c, sig->ret);
    c->in_fn_sig = false;
    walk_generics(c, &sig->generics);
}

/* --------------------------------------------------------------- bodies */

static void walk_block(Checker *c, const Block *b);

static void walk_expr(Checker *c, const Expr *e) {
    if (!e) return;
    walk_expr(c, e->lhs);
    walk_expr(c, e->rhs);
    walk_expr(c, e->cond);
    walk_block(c, e->then);
    walk_block(c, e->body);
    walk_expr(c, e->else_);
    if (e->kind == EX_CAST || e->kind == EX_CLOSURE) walk_ty(c, e->ty);
    if (e->kind == EX_PATH || e->kind == EX_STRUCT) walk_path_args(c, e->path);
    for (int i = 0; i < e->generics.n; i++) walk_ty(c, LIST_GET(e->generics, i, Ty));
    for (int i = 0; i < e->params.n; i++) walk_ty(c, LIST_GET(e->params, i, Param)->ty);
    for (int i = 0; i < e->args.n; i++) walk_expr(c, LIST_GET(e->args, i, Expr));
    for (int i = 0; i < e->arms.n; i++) {
        MatchArm *a = LIST_GET(e->arms, i, MatchArm);
        walk_expr(c, a->guard);
        walk_expr(c, a->body);
    }
    for (int i = 0; i < e->fields.n; i++) walk_expr(c, LIST_GET(e->fields, i, FieldInit)->value);
    if (e->mac)
        for (int i = 0; i < e->mac->args.n; i++) walk_expr(c, LIST_GET(e->mac->args, i, Expr));
}

static void walk_block(Checker *c, const Block *b) {
    if (!b) return;
    for (int i = 0; i < b->stmts.n; i++) {
        const Stmt *s = LIST_GET(b->stmts, i, Stmt);
        if (s->kind == ST_LET) {
            walk_ty(c, s->ty);
            walk_expr(c, s->init);
            walk_block(c, s->else_);
        } else if (s->kind == ST_EXPR) {
            walk_expr(c, s->expr);
        }
    }
}

/* ------------------------------------------------------------ the order */

/* rustc checks item signatures, then impl items, then trait items, then
 * bodies, each in definition order (a preorder walk, nested items
 * included). */
typedef struct Order {
    List free, impl_items, impl_parents, trait_items, bodies;
} Order;

static void collect_item(DbUnit *u, Order *o, const Item *it, const Item *parent);

static void collect_block(DbUnit *u, Order *o, const Block *b);

static void collect_expr(DbUnit *u, Order *o, const Expr *e) {
    if (!e) return;
    collect_expr(u, o, e->lhs);
    collect_expr(u, o, e->rhs);
    collect_expr(u, o, e->cond);
    collect_block(u, o, e->then);
    collect_block(u, o, e->body);
    collect_expr(u, o, e->else_);
    for (int i = 0; i < e->args.n; i++) collect_expr(u, o, LIST_GET(e->args, i, Expr));
    for (int i = 0; i < e->arms.n; i++) {
        MatchArm *a = LIST_GET(e->arms, i, MatchArm);
        collect_expr(u, o, a->guard);
        collect_expr(u, o, a->body);
    }
    for (int i = 0; i < e->fields.n; i++) collect_expr(u, o, LIST_GET(e->fields, i, FieldInit)->value);
    if (e->mac)
        for (int i = 0; i < e->mac->args.n; i++) collect_expr(u, o, LIST_GET(e->mac->args, i, Expr));
}

static void collect_block(DbUnit *u, Order *o, const Block *b) {
    if (!b) return;
    for (int i = 0; i < b->stmts.n; i++) {
        const Stmt *s = LIST_GET(b->stmts, i, Stmt);
        if (s->kind == ST_ITEM && s->item) collect_item(u, o, s->item, NULL);
        else if (s->kind == ST_LET) {
            collect_expr(u, o, s->init);
            collect_block(u, o, s->else_);
        } else if (s->kind == ST_EXPR) {
            collect_expr(u, o, s->expr);
        }
    }
}

static void collect_item(DbUnit *u, Order *o, const Item *it, const Item *parent) {
    Arena *a = &u->arena;
    if (it->prelude) return;
    if (it->kind == ITEM_FN && parent) {
        if (parent->kind == ITEM_IMPL) {
            list_push(a, &o->impl_items, (void *)it);
            list_push(a, &o->impl_parents, (void *)parent);
        } else {
            list_push(a, &o->trait_items, (void *)it);
        }
    } else {
        list_push(a, &o->free, (void *)it);
    }
    if (it->kind == ITEM_FN && it->body) list_push(a, &o->bodies, (void *)it);
    if (it->kind == ITEM_IMPL || it->kind == ITEM_TRAIT)
        for (int i = 0; i < it->items.n; i++) collect_item(u, o, LIST_GET(it->items, i, Item), it);
    if (it->kind == ITEM_MOD)
        for (int i = 0; i < it->items.n; i++) collect_item(u, o, LIST_GET(it->items, i, Item), NULL);
    if (it->kind == ITEM_FN) collect_block(u, o, it->body);
}

/* `impl Other for S { fn o(&self, x: &dyn Shape) }`: rustc also reports the
 * `dyn` types while comparing the method with the trait's, at the whole
 * signature, once per trait per method. */
static bool ty_has_bad_dyn(Checker *c, const Ty *t, const DynTrait **out, int *n);

static bool path_has_bad_dyn(Checker *c, const Path *p, const DynTrait **out, int *n) {
    if (!p) return false;
    bool any = false;
    for (int i = 0; i < p->segs.n; i++) {
        PathSeg *s = LIST_GET(p->segs, i, PathSeg);
        for (int k = 0; k < s->args.n; k++) any |= ty_has_bad_dyn(c, LIST_GET(s->args, k, Ty), out, n);
        for (int k = 0; k < s->bindings.n; k++)
            any |= ty_has_bad_dyn(c, LIST_GET(s->bindings, k, AssocBinding)->ty, out, n);
        if (s->fn_ret) any |= ty_has_bad_dyn(c, s->fn_ret, out, n);
    }
    return any;
}

static bool ty_has_bad_dyn(Checker *c, const Ty *t, const DynTrait **out, int *n) {
    if (!t) return false;
    bool any = false;
    switch (t->kind) {
    case TY_DYN:
        for (int i = 0; i < t->bounds.n; i++) {
            const Bound *b = LIST_GET(t->bounds, i, Bound);
            const DynTrait *tr = b->maybe ? NULL : bound_trait(c->u, b->path);
            const List *viol = tr ? (c->stable ? &tr->violations : &tr->trait_level) : NULL;
            if (tr && viol->n && !tr->lowering.n) {
                bool dup = false;
                for (int k = 0; k < *n; k++) dup |= out[k] == tr;
                if (!dup && *n < MAX_SCOPE) out[(*n)++] = tr;
                any = true;
            }
            any |= path_has_bad_dyn(c, b->path, out, n);
        }
        return any;
    case TY_IMPL:
        for (int i = 0; i < t->bounds.n; i++)
            any |= path_has_bad_dyn(c, LIST_GET(t->bounds, i, Bound)->path, out, n);
        return any;
    case TY_PATH:
        return path_has_bad_dyn(c, t->path, out, n);
    case TY_REF: case TY_PTR: case TY_SLICE: case TY_ARRAY:
        return ty_has_bad_dyn(c, t->inner, out, n);
    case TY_TUPLE: case TY_FN_PTR:
        for (int i = 0; i < t->elems.n; i++) any |= ty_has_bad_dyn(c, LIST_GET(t->elems, i, Ty), out, n);
        return ty_has_bad_dyn(c, t->inner, out, n) || any;
    default:
        return false;
    }
}

static void compare_errors(Checker *c, const Item *impl) {
    const DynTrait *self_bad[MAX_SCOPE];
    int nself = 0;
    ty_has_bad_dyn(c, impl->self_ty, self_bad, &nself);
    for (int i = 0; i < impl->items.n; i++) {
        const Item *m = LIST_GET(impl->items, i, Item);
        if (m->kind != ITEM_FN) continue;
        const DynTrait *bad[MAX_SCOPE];
        int n = 0;
        if (m->sig.self_kind != SELF_NONE)
            for (int k = 0; k < nself; k++) bad[n++] = self_bad[k];
        for (int k = 0; k < m->sig.params.n; k++)
            ty_has_bad_dyn(c, LIST_GET(m->sig.params, k, Param)->ty, bad, &n);
        ty_has_bad_dyn(c, m->sig.ret, bad, &n);
        for (int k = 0; k < n; k++)
            report_e0038(c, m->sig.span, bad[k], c->stable ? &bad[k]->violations : &bad[k]->trait_level,
                         (Span){ 0, 0 });
    }
}

/* The `self` of a method in `impl dyn Shape` or `impl X for Box<dyn Shape>`:
 * its type holds the impl's `dyn`. */
static void self_param_errors(Checker *c, const Item *impl, const Item *m) {
    const FnSig *sig = &m->sig;
    if (sig->self_kind == SELF_NONE) return;
    const DynTrait *bad[MAX_SCOPE];
    int n = 0;
    ty_has_bad_dyn(c, impl->self_ty, bad, &n);
    Span at = sig->self_span;
    if (sig->self_kind == SELF_TYPED) at = sig->self_ty->span;
    else if (at.hi >= at.lo + 4) at.lo = at.hi - 4;
    for (int k = 0; k < n; k++) {
        if (in_scope(c, bad[k])) continue;
        if (c->nscope < MAX_SCOPE) c->scope[c->nscope++] = bad[k];
        report_e0038(c, at, bad[k], c->stable ? &bad[k]->violations : &bad[k]->trait_level,
                     (Span){ 0, 0 });
    }
}

static void check_free_item(Checker *c, const Item *it) {
    begin_scope(c);
    switch (it->kind) {
    case ITEM_FN:
        walk_sig(c, &it->sig);
        break;
    case ITEM_STRUCT:
        for (int i = 0; i < it->fields.n; i++) walk_ty(c, LIST_GET(it->fields, i, FieldDef)->ty);
        walk_generics(c, &it->generics);
        break;
    case ITEM_ENUM:
        for (int i = 0; i < it->variants.n; i++) {
            Variant *v = LIST_GET(it->variants, i, Variant);
            for (int k = 0; k < v->fields.n; k++) walk_ty(c, LIST_GET(v->fields, k, FieldDef)->ty);
        }
        walk_generics(c, &it->generics);
        break;
    case ITEM_STATIC:
    case ITEM_CONST:
        walk_ty(c, it->ty);
        break;
    case ITEM_IMPL:
        if (it->trait_path) compare_errors(c, it);
        begin_scope(c);
        /* rustc points at the whole self type here */
        c->in_bound = true;
        c->bound_span = it->self_ty->span;
        walk_ty(c, it->self_ty);
        c->in_bound = false;
        walk_path_args(c, it->trait_path);
        walk_generics(c, &it->generics);
        break;
    case ITEM_TRAIT:
        walk_bounds(c, &it->supertraits);
        walk_generics(c, &it->generics);
        break;
    default:
        break;
    }
}

void dyn_check_program(DbUnit *u, DynInfo *in) {
    Checker c = { 0 };
    c.u = u;
    c.in = in;
    c.stable = u->opts.rules == DB_RULES_STABLE;
    Order o = { 0 };
    for (int i = 0; i < u->crate->items.n; i++) collect_item(u, &o, LIST_GET(u->crate->items, i, Item), NULL);
    for (int i = 0; i < o.free.n; i++) check_free_item(&c, LIST_GET(o.free, i, Item));
    for (int i = 0; i < o.impl_items.n; i++) {
        begin_scope(&c);
        const Item *m = LIST_GET(o.impl_items, i, Item);
        self_param_errors(&c, LIST_GET(o.impl_parents, i, Item), m);
        walk_sig(&c, &m->sig);
    }
    for (int i = 0; i < o.trait_items.n; i++) {
        begin_scope(&c);
        walk_sig(&c, &LIST_GET(o.trait_items, i, Item)->sig);
    }
    for (int i = 0; i < o.bodies.n; i++) {
        begin_scope(&c);
        c.in_body = true;
        walk_block(&c, LIST_GET(o.bodies, i, Item)->body);
    }
}

/* ----------------------------------------------------- call-site errors */

/* The reason as the end of a sentence about the method ("because it ..."). */
static const char *call_reason(const DynMethod *m) {
    switch (m->code) {
    case DC_STATIC: return "it has no `self` parameter";
    case DC_SELF_INPUT: return "it references the `Self` type in a parameter";
    case DC_SELF_OUTPUT: return "it references the `Self` type in its return type";
    case DC_WHERE_SELF: return "it references the `Self` type in its `where` clause";
    case DC_GENERIC: return "it has generic type parameters";
    case DC_RECEIVER: return "its `self` parameter cannot be dispatched on";
    case DC_SIZED_BOUND: return "it requires `Self: Sized`";
    case DC_BY_VALUE: return "it takes `self` by value";
    default: return "it is not in the vtable";
    }
}

void dyn_report_call(DbUnit *u, Span call, Span method_name, const DynTrait *t, const DynMethod *m) {
    if (!t || !m || m->cls == DYN_VTABLE) return;
    Diag *d;
    if (m->cls == DYN_BOXED) {
        if (m->code == DC_ASYNC)
            d = diag_new(u, DIAG_ERROR, "DB0002",
                         "`%s` is async, so calling it through `dyn %s` needs `.box`", m->name, t->name);
        else
            d = diag_new(u, DIAG_ERROR, "DB0002",
                         "`%s` returns `%s`, so calling it through `dyn %s` needs `.box`", m->name,
                         m->ret_impl ? m->ret_impl : "impl Trait", t->name);
        diag_span(u, d, call, true, "the %s returned through `dyn %s` has no size known here",
                  m->code == DC_ASYNC ? "future" : "value", t->name);
    } else {
        d = diag_new(u, DIAG_ERROR, "DB0003", "the method `%s` cannot be called through `dyn %s` because %s",
                     m->name, t->name, call_reason(m));
        diag_span(u, d, call, true, "`%s` is not in the vtable of `dyn %s`", m->name, t->name);
    }
    (void)method_name;
    if (m->reason) {
        Diag *n = diag_child(u, d, DIAG_NOTE, "%s", m->reason);
        if (m->reason_span.hi > m->reason_span.lo) diag_span(u, n, m->reason_span, true, NULL);
    }
    if (m->cls == DYN_BOXED) {
        Span at = { call.hi, call.hi };
        diag_suggest(u, d, at, ".box", APP_MACHINE_APPLICABLE,
                     "box the %s at the call site: one allocation, sized by the vtable",
                     m->code == DC_ASYNC ? "future" : "returned value");
    } else if (m->code == DC_SIZED_BOUND || m->code == DC_BY_VALUE) {
        diag_child(u, d, DIAG_HELP, "call `%s` on a concrete type, or through a generic `T: %s`",
                   m->name, t->name);
    } else {
        diag_child(u, d, DIAG_HELP, "call `%s` on a concrete type, or through a generic `T: %s`; "
                   "or move it to another trait", m->name, t->name);
    }
}

void dyn_report_bad_box(DbUnit *u, Span box_span, Span call, bool macro_form, const char *ret) {
    Diag *d = diag_new(u, DIAG_ERROR, "DB0004", "`%s` needs a call that returns `impl Trait`",
                       macro_form ? "dyn_box!" : ".box");
    diag_span(u, d, box_span, true, "nothing to box here");
    if (ret) diag_span(u, d, call, false, "this call returns `%s`", ret);
    else diag_span(u, d, call, false, "this call does not return `impl Trait`");
    diag_child(u, d, DIAG_NOTE, "`.box` boxes the future of an `async fn` or the value of a "
                                "`-> impl Trait` method so it can be used through `dyn`");
    if (macro_form) {
        const char *inner = arena_strndup(&u->arena, u->src.text + call.lo, call.hi - call.lo);
        diag_suggest(u, d, box_span, inner, APP_MACHINE_APPLICABLE, "remove `dyn_box!`");
    } else {
        diag_suggest(u, d, box_span, "", APP_MACHINE_APPLICABLE, "remove `.box`");
    }
}

void dyn_report_not_impl(DbUnit *u, Span at, const DynTrait *t) {
    const DynMethod *m = dyn_first_unimplementable(t);
    if (!m) return;
    Diag *d = diag_new(u, DIAG_ERROR, "E0277", "the trait bound `dyn %s: %s` is not satisfied", t->name,
                       t->name);
    diag_span(u, d, at, true, "the trait `%s` is not implemented for `dyn %s`", t->name, t->name);
    Diag *n = diag_child(u, d, DIAG_NOTE, "`dyn %s` implements `%s` only when every method is in its vtable, "
                         "and `%s` is %s: %s", t->name, t->name, m->name, dyn_class_name(m->cls), m->reason);
    if (m->name_span.hi > m->name_span.lo) diag_span(u, n, m->name_span, true, NULL);
}
