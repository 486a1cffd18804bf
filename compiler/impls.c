/* impls.c — the impl tables (trait impls by trait and self-type head,
 * inherent members by head and name, trait members by name), the impls that
 * `#[derive]` produces, and the checks of every impl: against its trait
 * (E0046, E0407, E0053, E0050, E0185/E0186, E0049, async), coherence
 * (E0117, E0116, E0390, E0119) and Copy/Drop rules (E0204, E0184).
 */
#include "types.h"
#include "checker.h"

#include <string.h>

/* ------------------------------------------------------------------ env */

void tr_set_env(Tcx *t, Def *d) {
    t->env = NULL;
    t->nenv = 0;
    if (!d) return;
    res_def_generics(t, d);
    int cap = 0;
    for (int i = 0; i < d->gen.npreds; i++) cap += 8;
    Pred *env = arena_alloc(t->a, sizeof(Pred) * (size_t)(cap + 1));
    int n = 0;
    for (int i = 0; i < d->gen.npreds; i++) {
        Pred *p = &d->gen.preds[i];
        TraitRef el[32];
        int ne = tr_elaborate(t, p->self, &p->tr, el, 32);
        for (int k = 0; k < ne; k++) {
            if (n == cap) {
                Pred *bigger = arena_alloc(t->a, sizeof(Pred) * (size_t)(cap * 2 + 8));
                copy_n(bigger, env, sizeof(Pred) * (size_t)n);
                env = bigger;
                cap = cap * 2 + 8;
            }
            env[n] = *p;
            env[n].tr = el[k];
            n++;
        }
    }
    t->env = env;
    t->nenv = n;
}

/* ---------------------------------------------------------------- tables */

static void table_push(Tcx *t, PtrMap *m, const void *k1, const void *k2, Def *d) {
    List *l = ptrmap_get(m, k1, k2);
    if (!l) {
        l = arena_alloc(t->a, sizeof *l);
        ptrmap_put(t->a, m, k1, k2, l);
    }
    list_push(t->a, l, d);
}

static void register_impl(Tcx *t, Def *impl) {
    if (!impl->self_ty) return;
    if (impl->trait_ref) {
        const void *head = ty_head(t, impl->self_ty);
        table_push(t, &t->trait_impls, impl->trait_ref->trait, head, impl);
        if (impl->trait_ref->trait == t->wk.drop && impl->self_ty->kind == TYPE_ADT)
            impl->self_ty->def->has_drop = true;
        if (impl->trait_ref->trait == t->wk.copy && impl->self_ty->kind == TYPE_ADT)
            impl->self_ty->def->is_copy = true;
    } else if (!impl->impl_broken) {
        const void *head = ty_head(t, impl->self_ty);
        if (!head) return;
        for (int i = 0; i < impl->nmembers; i++) {
            Def *m = impl->members[i];
            if (m->kind == DEF_FN || m->kind == DEF_CONST) table_push(t, &t->inherent, head, m->name, m);
        }
    }
}

static DeriveKind derive_kind(Tcx *t, Sym name, Def **trait) {
    static const struct { const char *name; DeriveKind k; } table[] = {
        { "Debug", DERIVE_DEBUG }, { "Clone", DERIVE_CLONE }, { "Copy", DERIVE_COPY },
        { "PartialEq", DERIVE_PARTIAL_EQ }, { "Eq", DERIVE_EQ }, { "PartialOrd", DERIVE_PARTIAL_ORD },
        { "Ord", DERIVE_ORD }, { "Hash", DERIVE_HASH }, { "Default", DERIVE_DEFAULT },
    };
    WellKnown *w = &t->wk;
    Def *traits[] = { w->debug, w->clone, w->copy, w->partial_eq, w->eq, w->partial_ord, w->ord, w->hash, w->default_ };
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
        if (strcmp(name, table[i].name) == 0) {
            *trait = traits[i];
            return table[i].k;
        }
    return DERIVE_NONE;
}

/* `#[derive(Trait)]` on a struct or enum: an impl with `T: Trait` on
 * every type parameter, no members (the lowering generates them). */
static void derive_impls(Tcx *t, Def *adt) {
    Item *it = adt->item;
    if (!it) return;
    for (int i = 0; i < it->attrs.n; i++) {
        Attr *a = LIST_GET(it->attrs, i, Attr);
        if (strcmp(a->name, "derive") != 0) continue;
        for (int k = 0; k < a->args.n; k++) {
            Sym name = LIST_GET(a->args, k, const char);
            Def *trait = NULL;
            DeriveKind dk = derive_kind(t, name, &trait);
            if (dk == DERIVE_NONE || !trait) {
                if (!adt->prelude)
                    diag_error_at(t->u, a->span, NULL, NULL, "cannot find derive macro `%s` in this scope", name);
                continue;
            }
            res_def_sig(t, adt);
            Def *impl = arena_alloc(t->a, sizeof *impl);
            impl->kind = DEF_IMPL;
            impl->derive = dk;
            impl->prelude = adt->prelude;
            impl->mod = adt->mod;
            impl->span = a->span;
            impl->item_span = a->span;
            impl->parent = adt; /* the deriving type, for diagnostics */
            impl->gen = adt->gen;
            impl->gen_done = impl->sig_done = true;
            impl->self_ty = ty_adt(t, adt, adt->gen.params, adt->gen.n);
            impl->trait_ref = arena_alloc(t->a, sizeof(TraitRef));
            impl->trait_ref->trait = trait;
            res_def_generics(t, trait);
            if (trait->gen.n > 1) {
                impl->trait_ref->nargs = 1;
                impl->trait_ref->args = arena_alloc(t->a, sizeof(Type *));
                impl->trait_ref->args[0] = impl->self_ty;
            }
            int np = adt->gen.npreds + adt->gen.n;
            Pred *preds = arena_alloc(t->a, sizeof(Pred) * (size_t)(np + 1));
            int n = 0;
            for (int p = 0; p < adt->gen.npreds; p++) preds[n++] = adt->gen.preds[p];
            for (int p = 0; p < adt->gen.n; p++) {
                Pred *pr = &preds[n++];
                pr->self = adt->gen.params[p];
                pr->tr = *impl->trait_ref;
                if (pr->tr.nargs) {
                    pr->tr.args = arena_alloc(t->a, sizeof(Type *));
                    pr->tr.args[0] = adt->gen.params[p];
                }
                pr->span = a->span;
                pr->prelude = true;
            }
            impl->gen.preds = preds;
            impl->gen.npreds = n;
            list_push(t->a, &t->impls, impl);
            list_push(t->a, &t->defs, impl);
            register_impl(t, impl);
        }
    }
}

/* Registers what was collected since the last call: the prelude's items
 * (once per unit, possibly before the program is known), then the program's. */
void tr_build_tables(Tcx *t) {
    WellKnown *w = &t->wk;
    Def *autos[] = { w->sized, w->send, w->sync, w->unpin };
    for (int i = 0; i < 4; i++)
        if (autos[i]) autos[i]->builtin_auto = true;
    int ntraits = t->traits.n;
    for (int i = t->tables_traits; i < ntraits; i++) {
        Def *tr = LIST_GET(t->traits, i, Def);
        res_def_generics(t, tr);
        for (int k = 0; k < tr->nmembers; k++) table_push(t, &t->trait_members, NULL, tr->members[k]->name, tr->members[k]);
    }
    t->tables_traits = ntraits;
    int nimpls = t->impls.n;
    for (int i = t->tables_impls; i < nimpls; i++) {
        Def *impl = LIST_GET(t->impls, i, Def);
        res_def_sig(t, impl);
        register_impl(t, impl);
    }
    int ndefs = t->defs.n;
    for (int i = t->tables_defs; i < ndefs; i++) {
        Def *d = LIST_GET(t->defs, i, Def);
        if (d->kind == DEF_STRUCT || d->kind == DEF_ENUM) derive_impls(t, d);
    }
    /* derived impls are registered as they are made */
    t->tables_impls = t->impls.n;
    t->tables_defs = t->defs.n;
}

/* ----------------------------------------------------------- impl checks */

static Span header_span(Def *impl) {
    Item *it = impl->item;
    if (!it || !it->self_ty) return impl->span;
    return (Span){ it->span.lo, it->self_ty->span.hi };
}

static const char *member_word(Def *m) {
    return m->kind == DEF_FN ? "method" : m->kind == DEF_ASSOC_TY ? "type" : "const";
}

static bool user_span(Tcx *t, Def *d) { (void)t; return d && !d->prelude && d->item; }

/* Is `ty` local for the orphan rules: a user type, or a reference or box
 * of one, or `dyn` of a user trait? */
static bool is_local(Tcx *t, Type *ty) {
    ty = ty_resolve(t, ty);
    switch (ty->kind) {
    case TYPE_ADT:
        if (ty->def == t->wk.box || ty->def == t->wk.pin) return ty->nargs && is_local(t, ty->args[0]);
        return !ty->def->prelude;
    case TYPE_REF: return is_local(t, ty->inner);
    case TYPE_DYN: return !ty->tr->trait->prelude;
    default: return false;
    }
}

static void sig_text(Tcx *t, Buf *b, Def *m, Type **params, int np, Type *ret, int highlight) {
    (void)m;
    buf_puts(b, "fn(");
    for (int i = 0; i < np; i++) {
        if (i) buf_puts(b, ", ");
        if (highlight >= 0 && i != highlight) buf_putc(b, '_');
        else ty_print(t, b, params[i]);
    }
    buf_putc(b, ')');
    if (ret) {
        buf_puts(b, " -> ");
        if (highlight >= 0) buf_putc(b, '_');
        else ty_print(t, b, ret);
    }
}

static Type *param_span_type(Def *m, int i, Span *sp) {
    Item *it = m->item;
    if (!it) return NULL;
    FnSig *sig = &it->sig;
    int k = i - (sig->self_kind != SELF_NONE ? 1 : 0);
    if (k < 0) {
        *sp = sig->self_span;
        return NULL;
    }
    if (k < sig->params.n) {
        Param *p = LIST_GET(sig->params, k, Param);
        *sp = p->ty ? p->ty->span : p->span;
    }
    return NULL;
}

static void compare_fn(Tcx *t, Def *impl, Def *im, Def *tm) {
    res_def_sig(t, im);
    res_def_sig(t, tm);
    FnInfo *fi = &im->fn, *ft = &tm->fn;
    Item *ii = im->item;
    if (!ii) return;
    FnSig *isig = &ii->sig;
    /* self */
    if (ft->has_self && !fi->has_self) {
        Diag *d = diag_error_at(t->u, (Span){ isig->span.lo, isig->params_span.hi }, "E0186", NULL,
                                "method `%s` has a `%s` declaration in the trait, but not in the impl", im->name,
                                ft->self_kind == SELF_REF ? "&self" : ft->self_kind == SELF_REF_MUT ? "&mut self" : "self");
        d->spans[0].label = arena_printf(t->a, "expected `%s` in impl",
                                         ft->self_kind == SELF_REF ? "&self" : ft->self_kind == SELF_REF_MUT ? "&mut self" : "self");
        if (user_span(t, tm))
            diag_span(t->u, d, (Span){ tm->item->sig.span.lo, tm->item->sig.params_span.hi }, false, "`%s` used in trait",
                      ft->self_kind == SELF_REF ? "&self" : ft->self_kind == SELF_REF_MUT ? "&mut self" : "self");
        return;
    }
    if (!ft->has_self && fi->has_self) {
        Diag *d = diag_error_at(t->u, (Span){ isig->span.lo, isig->params_span.hi }, "E0185", NULL,
                                "method `%s` has a `%s` declaration in the impl, but not in the trait", im->name,
                                fi->self_kind == SELF_REF ? "&self" : fi->self_kind == SELF_REF_MUT ? "&mut self" : "self");
        d->spans[0].label = arena_printf(t->a, "`%s` used in impl",
                                         fi->self_kind == SELF_REF ? "&self" : fi->self_kind == SELF_REF_MUT ? "&mut self" : "self");
        if (user_span(t, tm))
            diag_span(t->u, d, (Span){ tm->item->sig.span.lo, tm->item->sig.params_span.hi }, false,
                      "trait method declared without `%s`",
                      fi->self_kind == SELF_REF ? "&self" : fi->self_kind == SELF_REF_MUT ? "&mut self" : "self");
        return;
    }
    if (fi->nparams != ft->nparams) {
        Diag *d = diag_error_at(t->u, isig->params_span, "E0050", NULL,
                                "method `%s` has %d parameter%s but the declaration in trait `%s::%s` has %d", im->name,
                                fi->nparams, fi->nparams == 1 ? "" : "s", tm->parent->name, tm->name, ft->nparams);
        d->spans[0].label = arena_printf(t->a, "expected %d parameter%s, found %d", ft->nparams,
                                         ft->nparams == 1 ? "" : "s", fi->nparams);
        if (user_span(t, tm))
            diag_span(t->u, d, tm->item->sig.params_span, false, "trait requires %d parameter%s", ft->nparams,
                      ft->nparams == 1 ? "" : "s");
        return;
    }
    int own_i = im->gen.n - im->gen.nparent, own_t = tm->gen.n - tm->gen.nparent;
    if (own_i != own_t) {
        Span at = isig->generics.span.hi > isig->generics.span.lo ? isig->generics.span : isig->name_span;
        Diag *d = diag_error_at(t->u, at, "E0049", NULL,
                                "method `%s` has %d type parameter%s but its trait declaration has %d type parameter%s",
                                im->name, own_i, own_i == 1 ? "" : "s", own_t, own_t == 1 ? "" : "s");
        d->spans[0].label = arena_printf(t->a, "found %d type parameter%s", own_i, own_i == 1 ? "" : "s");
        if (user_span(t, tm)) {
            Span ts = tm->item->sig.generics.span.hi > tm->item->sig.generics.span.lo ? tm->item->sig.generics.span
                                                                                      : tm->item->sig.name_span;
            diag_span(t->u, d, ts, false, "expected %d type parameter%s", own_t, own_t == 1 ? "" : "s");
        }
        return;
    }
    /* instantiate the trait's signature for this impl */
    Type *args[64];
    if (tm->gen.n > 64) return;
    args[0] = impl->self_ty;
    for (int i = 0; i < impl->trait_ref->nargs && i + 1 < tm->gen.nparent; i++) args[i + 1] = impl->trait_ref->args[i];
    for (int i = 0; i < own_t; i++) args[tm->gen.nparent + i] = im->gen.params[im->gen.nparent + i];
    tr_set_env(t, im);
    if (ft->is_async && !fi->is_async) {
        /* an impl may return `impl Future<Output = T>` for a trait's async fn */
        Type *r = ty_resolve(t, fi->ret);
        bool future = false;
        if (r->kind == TYPE_OPAQUE) {
            TraitRef *b;
            int nb = tr_opaque_bounds(t, r, &b);
            for (int i = 0; i < nb; i++) future |= b[i].trait == t->wk.future;
        }
        if (!future) {
            Diag *d = diag_error_at(t->u, isig->span, NULL, NULL,
                                    "method should be `async` or return a future, but it is synchronous");
            if (user_span(t, tm)) {
                Diag *n = diag_child(t->u, d, DIAG_NOTE, "this method is `async` so it expects a future to be returned");
                diag_span(t->u, n, tm->item->sig.span, true, NULL);
            }
            return;
        }
    }
    for (int i = 0; i < fi->nparams; i++) {
        Type *want = tr_normalize(t, ty_subst(t, ft->params[i], args, tm->gen.n));
        Type *got = tr_normalize(t, fi->params[i]);
        Snap snap = ty_snapshot(t);
        bool ok = ty_unify(t, want, got);
        ty_rollback(t, snap);
        if (ok) continue;
        Span sp = isig->span;
        param_span_type(im, i, &sp);
        Diag *d = diag_error_at(t->u, sp, "E0053", NULL, "method `%s` has an incompatible type for trait", im->name);
        d->spans[0].label = arena_printf(t->a, "expected `%s`, found `%s`", ty_str(t, want), ty_str(t, got));
        if (user_span(t, tm)) {
            Span ts = tm->item->sig.span;
            param_span_type(tm, i, &ts);
            Diag *n = diag_child(t->u, d, DIAG_NOTE, "type in trait");
            diag_span(t->u, n, ts, true, NULL);
        }
        Buf e = { 0 }, f = { 0 };
        Type **wp = arena_alloc(t->a, sizeof(Type *) * (size_t)(fi->nparams + 1));
        for (int k = 0; k < fi->nparams; k++) wp[k] = tr_normalize(t, ty_subst(t, ft->params[k], args, tm->gen.n));
        sig_text(t, &e, tm, wp, fi->nparams, ty_is_unit(fi->ret) ? NULL : fi->ret, i);
        sig_text(t, &f, im, fi->params, fi->nparams, ty_is_unit(fi->ret) ? NULL : fi->ret, i);
        diag_child(t->u, d, DIAG_NOTE, "expected signature `%s`\n   found signature `%s`", e.s, f.s);
        buf_free(&e);
        buf_free(&f);
        return;
    }
    /* return types: an opaque in the trait is checked against the impl's
     * hidden type once bodies are checked */
    Type *want = ty_subst(t, ft->ret, args, tm->gen.n);
    if (fi->is_async && !ft->is_async) {
        Type *tw = ty_resolve(t, tr_normalize(t, want));
        bool want_future = false;
        if (tw->kind == TYPE_OPAQUE) {
            TraitRef *b;
            int nb = tr_opaque_bounds(t, tw, &b);
            for (int i = 0; i < nb; i++) want_future |= b[i].trait == t->wk.future;
        }
        if (!want_future) {
            Span sp = isig->ret ? isig->ret->span : isig->name_span;
            Diag *d = diag_error_at(t->u, sp, "E0053", NULL, "method `%s` has an incompatible type for trait", im->name);
            d->spans[0].label = arena_printf(t->a, "expected `%s`, found future", ty_str(t, tw));
            if (user_span(t, tm) && tm->item->sig.ret) {
                Diag *n = diag_child(t->u, d, DIAG_NOTE, "type in trait");
                diag_span(t->u, n, tm->item->sig.ret->span, true, NULL);
            }
            return;
        }
    }
    if (want->flags & TF_OPAQUE) return;
    want = tr_normalize(t, want);
    Type *got = tr_normalize(t, fi->ret);
    if (got->flags & TF_OPAQUE) return;
    Snap snap = ty_snapshot(t);
    bool ok = ty_unify(t, want, got);
    ty_rollback(t, snap);
    if (!ok) {
        Span sp = isig->ret ? isig->ret->span : isig->params_span;
        Diag *d = diag_error_at(t->u, sp, "E0053", NULL, "method `%s` has an incompatible type for trait", im->name);
        d->spans[0].label = arena_printf(t->a, "expected `%s`, found `%s`", ty_str(t, want), ty_str(t, got));
        if (user_span(t, tm) && tm->item->sig.ret) {
            Diag *n = diag_child(t->u, d, DIAG_NOTE, "type in trait");
            diag_span(t->u, n, tm->item->sig.ret->span, true, NULL);
        }
    }
}

static void check_trait_impl(Tcx *t, Def *impl) {
    TraitRef *tr = impl->trait_ref;
    Def *trait = tr->trait;
    res_def_generics(t, trait);
    Item *it = impl->item;
    /* members that the trait does not have */
    for (int i = 0; i < impl->nmembers; i++) {
        Def *m = impl->members[i];
        DefKind want = m->kind;
        Def *tm = NULL;
        for (int k = 0; k < trait->nmembers && !tm; k++) {
            Def *c = trait->members[k];
            if (c->name == m->name && (c->kind == DEF_ASSOC_TY) == (want == DEF_ASSOC_TY)) tm = c;
        }
        if (!tm) {
            const char *code = want == DEF_FN ? "E0407" : want == DEF_ASSOC_TY ? "E0437" : "E0438";
            Span sp = m->item ? m->item->span : m->span;
            Diag *d = diag_error_at(t->u, sp, code, NULL, "%s `%s` is not a member of trait `%s`",
                                    member_word(m), m->name, trait->name);
            d->spans[0].label = arena_printf(t->a, "not a member of trait `%s`", trait->name);
            continue;
        }
        if (m->kind == DEF_FN && tm->kind == DEF_FN) {
            m->fn.trait_item = tm;
            res_def_sig(t, m);
            m->fn.trait_item = tm;
            compare_fn(t, impl, m, tm);
        }
    }
    /* trait members the impl leaves out */
    Buf missing = { 0 };
    int nmissing = 0;
    Def *first_missing[16];
    for (int k = 0; k < trait->nmembers; k++) {
        Def *c = trait->members[k];
        if (c->has_default) continue;
        bool found = false;
        for (int i = 0; i < impl->nmembers && !found; i++)
            found = impl->members[i]->name == c->name &&
                    (impl->members[i]->kind == DEF_ASSOC_TY) == (c->kind == DEF_ASSOC_TY);
        if (found) continue;
        if (nmissing < 16) first_missing[nmissing] = c;
        buf_printf(&missing, "%s`%s`", nmissing ? ", " : "", c->name);
        nmissing++;
    }
    if (nmissing) {
        Diag *d = diag_error_at(t->u, header_span(impl), "E0046", NULL,
                                "not all trait items implemented, missing: %s", missing.s);
        d->spans[0].label = arena_printf(t->a, "missing %s in implementation", missing.s);
        for (int i = 0; i < nmissing && i < 16; i++) {
            Def *c = first_missing[i];
            if (!user_span(t, c)) continue;
            Span sp = c->item->span;
            if (c->kind == DEF_FN && c->item->body) sp = c->item->sig.span; /* without a body: up to its `;` */
            diag_span(t->u, d, sp, false, "`%s` from trait", c->name);
        }
    }
    buf_free(&missing);
    /* supertraits must hold for the self type, under the impl's where clauses */
    tr_set_env(t, impl);
    for (int i = 0; i < trait->nsupers; i++) {
        Type *sub[33];
        if (tr->nargs > 31) break;
        sub[0] = impl->self_ty;
        for (int k = 0; k < tr->nargs; k++) sub[k + 1] = tr->args[k];
        TraitRef *s = traitref_subst(t, &trait->supers[i], sub, tr->nargs + 1);
        Snap snap = ty_snapshot(t);
        SolveResult r = tr_solve(t, impl->self_ty, s, false, NULL);
        ty_rollback(t, snap);
        if (r == SOLVE_NO) check_report_unsatisfied(t, impl->self_ty, s, it ? it->self_ty->span : impl->span,
                                                    NULL, (Span){ 0, 0 }, false, OBL_PLAIN);
    }
    /* associated type bounds (`type IntoIter: Iterator`) */
    for (int i = 0; i < impl->nmembers; i++) {
        Def *m = impl->members[i];
        if (m->kind != DEF_ASSOC_TY) continue;
        Def *tm = res_trait_member(t, trait, m->name, DEF_ASSOC_TY);
        if (!tm) continue;
        res_def_sig(t, tm);
        res_def_sig(t, m);
        for (int b = 0; b < tm->nbounds; b++) {
            Type *sub[33];
            if (tr->nargs > 31) break;
            sub[0] = impl->self_ty;
            for (int k = 0; k < tr->nargs; k++) sub[k + 1] = tr->args[k];
            TraitRef *bt = traitref_subst(t, &tm->bounds[b], sub, tr->nargs + 1);
            Snap snap = ty_snapshot(t);
            Type *val = tr_normalize(t, m->ty);
            SolveResult r = tr_solve(t, val, bt, false, NULL);
            ty_rollback(t, snap);
            if (r == SOLVE_NO)
                check_report_unsatisfied(t, val, bt, m->item->ty ? m->item->ty->span : m->span, NULL, (Span){ 0, 0 },
                                         false, OBL_PLAIN);
        }
    }
}

static void check_coherence(Tcx *t, Def *impl) {
    Item *it = impl->item;
    if (!it) return;
    Type *self = ty_resolve(t, impl->self_ty);
    if (!impl->trait_ref) {
        if (self->kind == TYPE_ERROR) return;
        if (self->kind == TYPE_INT || self->kind == TYPE_FLOAT || self->kind == TYPE_BOOL || self->kind == TYPE_CHAR ||
            self->kind == TYPE_STR || self->kind == TYPE_SLICE || self->kind == TYPE_ARRAY || self->kind == TYPE_REF ||
            self->kind == TYPE_TUPLE || self->kind == TYPE_NEVER) {
            Diag *d = diag_error_at(t->u, header_span(impl), "E0390", NULL,
                                    "cannot define inherent `impl` for primitive types");
            diag_child(t->u, d, DIAG_HELP, "consider using an extension trait instead");
        } else if (!is_local(t, self) || self->kind == TYPE_PARAM) {
            Diag *d = diag_error_at(t->u, header_span(impl), "E0116", NULL,
                                    "cannot define inherent `impl` for a type outside of the crate where the type is defined");
            d->spans[0].label = "impl for type defined outside of crate";
            diag_child(t->u, d, DIAG_HELP,
                       "consider defining a trait and implementing it for the type or using a newtype wrapper like `struct MyType(ExternalType);` and implement it");
        }
        return;
    }
    TraitRef *tr = impl->trait_ref;
    if (tr->trait->prelude && self->kind != TYPE_ERROR) {
        bool local = is_local(t, self);
        for (int i = 0; i < tr->nargs && !local; i++) local = is_local(t, tr->args[i]);
        if (!local) {
            Span hs = header_span(impl);
            Diag *d = diag_error_at(t->u, hs, "E0117", NULL,
                                    "only traits defined in the current crate can be implemented for types defined outside of the crate");
            if (self->kind == TYPE_ADT)
                diag_span(t->u, d, it->self_ty->span, false, "`%s` is not defined in the current crate", self->def->name);
            else
                diag_span(t->u, d, it->self_ty->span, false, "this is not defined in the current crate because %s",
                          self->kind == TYPE_PARAM ? "it is a type parameter" : "this type is a primitive");
            diag_child(t->u, d, DIAG_NOTE, "impl doesn't have any local type before any uncovered type parameters");
            diag_child(t->u, d, DIAG_NOTE, "define and implement a trait or new type instead");
            return;
        }
    }
    if (tr->trait == t->wk.drop) {
        if (self->kind != TYPE_ADT || self->def->prelude) {
            diag_error_at(t->u, it->self_ty->span, "E0120", "must be a struct, enum, or union in the current crate",
                          "the `Drop` trait may only be implemented for local structs, enums, and unions");
        } else if (self->def->is_copy) {
            Diag *d = diag_error_at(t->u, header_span(impl), "E0184", NULL,
                                    "the trait `Copy` cannot be implemented for this type; the type has a destructor");
            d->spans[0].label = "`Copy` not allowed on types with destructors";
        }
    }
    /* overlapping impls */
    const void *head = ty_head(t, self);
    for (int pass = 0; pass < 2; pass++) {
        List *l = ptrmap_get(&t->trait_impls, tr->trait, pass ? NULL : head);
        if (!l || (pass == 0 && !head)) continue;
        for (int i = 0; i < l->n; i++) {
            Def *o = LIST_GET(*l, i, Def);
            if (o == impl || !o->trait_ref || o->impl_broken) continue;
            /* report at the later one in the source */
            if (!o->prelude && o->span.lo > impl->span.lo) continue;
            Snap snap = ty_snapshot(t);
            Type *a1[64], *a2[64];
            if (o->gen.n > 64 || impl->gen.n > 64) continue;
            tr_fresh_args(t, o, a1, 0, impl->span);
            tr_fresh_args(t, impl, a2, 0, impl->span);
            bool same = ty_unify(t, ty_subst(t, o->self_ty, a1, o->gen.n), ty_subst(t, impl->self_ty, a2, impl->gen.n));
            TraitRef *t1 = traitref_subst(t, o->trait_ref, a1, o->gen.n);
            TraitRef *t2 = traitref_subst(t, tr, a2, impl->gen.n);
            for (int k = 0; same && k < t1->nargs && k < t2->nargs; k++) same = ty_unify(t, t1->args[k], t2->args[k]);
            /* where clauses that cannot both hold keep impls apart (a
             * blanket impl over T: Iterator vs one for a non-iterator) */
            for (int k = 0; same && k < o->gen.npreds; k++) {
                Pred *p = &o->gen.preds[k];
                Type *ps = ty_subst(t, p->self, a1, o->gen.n);
                if (tr_solve(t, ps, traitref_subst(t, &p->tr, a1, o->gen.n), false, NULL) == SOLVE_NO) same = false;
            }
            ty_rollback(t, snap);
            if (!same) continue;
            Diag *d = diag_error_at(t->u, header_span(impl), "E0119", NULL,
                                    "conflicting implementations of trait `%s` for type `%s`", tr->trait->name,
                                    ty_str(t, self));
            d->spans[0].label = arena_printf(t->a, "conflicting implementation for `%s`", ty_str(t, self));
            if (!o->prelude) diag_span(t->u, d, o->item ? header_span(o) : o->span, false, "first implementation here");
            return;
        }
    }
}

/* The fields of a type with a derived or written `Copy` must be Copy;
 * derived traits need their fields to implement them. */
static void check_derive(Tcx *t, Def *impl) {
    Def *adt = impl->parent;
    if (!adt || adt->prelude) return;
    Def *trait = impl->trait_ref->trait;
    tr_set_env(t, impl);
    List fields = { 0 };
    if (adt->kind == DEF_STRUCT) {
        for (int i = 0; i < adt->nfields; i++) list_push(t->a, &fields, &adt->fields[i]);
    } else {
        for (int v = 0; v < adt->nvariants; v++)
            for (int i = 0; i < adt->variants[v]->nfields; i++) list_push(t->a, &fields, &adt->variants[v]->fields[i]);
    }
    if (impl->derive == DERIVE_DEFAULT && adt->kind == DEF_ENUM) {
        diag_error_at(t->u, impl->span, "E0665", NULL, "`#[derive(Default)]` on enum with no `#[default]`");
        return;
    }
    for (int i = 0; i < fields.n; i++) {
        FieldInfo *f = LIST_GET(fields, i, FieldInfo);
        Type *ft = tr_normalize(t, f->ty);
        TraitRef tr = *impl->trait_ref;
        if (tr.nargs) {
            tr.args = arena_alloc(t->a, sizeof(Type *));
            tr.args[0] = ft;
        }
        Snap snap = ty_snapshot(t);
        SolveResult r = tr_solve(t, ft, &tr, false, NULL);
        ty_rollback(t, snap);
        if (r != SOLVE_NO) continue;
        if (trait == t->wk.copy) {
            Diag *d = diag_error_at(t->u, adt->span, "E0204", NULL, "the trait `Copy` cannot be implemented for this type");
            diag_span(t->u, d, impl->span, false, "in this derive macro expansion");
            diag_span(t->u, d, f->span, false, "this field does not implement `Copy`");
            return;
        }
        check_report_unsatisfied(t, ft, &tr, f->span, NULL, (Span){ 0, 0 }, false, OBL_PLAIN);
        return;
    }
    /* Copy needs Clone, Eq needs PartialEq, Ord needs PartialOrd + Eq */
    for (int i = 0; i < trait->nsupers; i++) {
        TraitRef *s = traitref_subst(t, &trait->supers[i], &impl->self_ty, 1);
        if (s->trait == t->wk.partial_eq || s->trait == t->wk.partial_ord) {
            s->nargs = 1;
            s->args = arena_alloc(t->a, sizeof(Type *));
            s->args[0] = impl->self_ty;
        }
        Snap snap = ty_snapshot(t);
        SolveResult r = tr_solve(t, impl->self_ty, s, false, NULL);
        ty_rollback(t, snap);
        if (r == SOLVE_NO) check_report_unsatisfied(t, impl->self_ty, s, impl->span, NULL, (Span){ 0, 0 }, false, OBL_PLAIN);
    }
}

static void check_copy_impl(Tcx *t, Def *impl) {
    Type *self = ty_resolve(t, impl->self_ty);
    if (self->kind != TYPE_ADT || !impl->item) return;
    Def *adt = self->def;
    tr_set_env(t, impl);
    for (int v = -1; v < adt->nvariants; v++) {
        Def *holder = v < 0 ? adt : adt->variants[v];
        if (v < 0 && adt->kind == DEF_ENUM) continue;
        for (int i = 0; i < holder->nfields; i++) {
            Type *ft = tr_normalize(t, ty_subst(t, holder->fields[i].ty, self->args, self->nargs));
            if (ty_is_copy(t, ft)) continue;
            Diag *d = diag_error_at(t->u, impl->item->self_ty->span, "E0204", NULL,
                                    "the trait `Copy` cannot be implemented for this type");
            diag_span(t->u, d, holder->fields[i].span, false, "this field does not implement `Copy`");
            return;
        }
        if (adt->kind == DEF_STRUCT) break;
    }
}

void tr_check_impls(Tcx *t) {
    for (int i = 0; i < t->impls.n; i++) {
        Def *impl = LIST_GET(t->impls, i, Def);
        if (impl->prelude || impl->impl_broken) continue;
        if (impl->derive != DERIVE_NONE) {
            check_derive(t, impl);
            continue;
        }
        tr_set_env(t, impl);
        check_coherence(t, impl);
        if (impl->trait_ref) {
            check_trait_impl(t, impl);
            if (impl->trait_ref->trait == t->wk.copy) check_copy_impl(t, impl);
        } else {
            for (int k = 0; k < impl->nmembers; k++) {
                Def *m = impl->members[k];
                if (m->kind == DEF_ASSOC_TY && m->item) {
                    diag_error_at(t->u, m->item->span, "E0658", NULL, "inherent associated types are unstable");
                } else if (m->kind == DEF_FN && m->item && !m->item->body) {
                    Diag *d = diag_error_at(t->u, m->item->span, NULL, NULL, "associated function in `impl` without body");
                    diag_suggest(t->u, d, (Span){ m->item->span.hi - 1, m->item->span.hi }, " { <body> }",
                                 APP_HAS_PLACEHOLDERS, "provide a definition for the function");
                }
            }
        }
        if (impl->trait_ref)
            for (int k = 0; k < impl->nmembers; k++) {
                Def *m = impl->members[k];
                if (m->kind == DEF_FN && m->item && !m->item->body) {
                    Diag *d = diag_error_at(t->u, m->item->span, NULL, NULL, "associated function in `impl` without body");
                    diag_suggest(t->u, d, (Span){ m->item->span.hi - 1, m->item->span.hi }, " { <body> }",
                                 APP_HAS_PLACEHOLDERS, "provide a definition for the function");
                }
            }
    }
    t->env = NULL;
    t->nenv = 0;
}
