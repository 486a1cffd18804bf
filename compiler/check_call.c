/* check_call.c — paths in expressions (locals, fn items, constructors,
 * consts, associated items `T::new`, `<T as Trait>::f`), calls with
 * generic argument inference (E0061, E0057, E0618), method calls through
 * the probe (E0599, E0689, E0034) with the `dyn` call-site hook, how each
 * trait method is dispatched, and the macros (format strings, vec!,
 * assert!, write!, matches!).
 */
#include "checker.h"

#include "dyn.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int cmp_sym_text(const void *a, const void *b) { return strcmp(*(const Sym *)a, *(const Sym *)b); }

/* rustc's typo help for an unresolved name: the closest visible local or
 * item, pointed at when it is the program's, and a suggestion replacing the
 * name (which then needs no "not found" label). */
static void suggest_similar_name(FnCtx *cx, Diag *d, Span at, Sym name, bool value_ns) {
    Tcx *t = cx->t;
    if (cx->prelude || !d) return;
    Sym cands[1024];
    int n = 0;
    if (value_ns)
        for (int i = cx->nlocals - 1; i >= 0 && n < 256; i--) cands[n++] = cx->locals[i]->name;
    n += res_visible_names(t, cx->mod, value_ns, cands + n, 1024 - n);
    Sym best = best_match_for_name(cands, n, name);
    if (!best) return;
    bool local = value_ns && cx_find_local(cx, best);
    Def *def = local ? NULL : value_ns ? res_lookup_value(t, cx->mod, best) : res_lookup_type(t, cx->mod, best);
    if (!local && !def) return;
    const char *what = local ? "local variable" : res_def_word(def);
    if (def && !def->prelude && def->item_span.hi <= cx->u->src.len)
        diag_span(cx->u, d, cx_def_head_span(def), false, "similarly named %s `%s` defined here", what, best);
    d->spans[0].label = NULL;
    diag_suggest(cx->u, d, at, best, APP_MAYBE_INCORRECT, "a %s with a similar name exists", what);
}

static Res *new_res(FnCtx *cx, ResKind k) {
    Res *r = arena_alloc(cx->t->a, sizeof *r);
    r->kind = k;
    return r;
}

/* --------------------------------------------------------------- ctors */

/* Tuple structs and variants are callable: give their Def a fn signature
 * (fields in, the type out) so calls and Fn bounds treat them as fns. */
static void ctor_sig(Tcx *t, Def *d) {
    if (d->fn.call_ret) return;
    Def *adt = d->kind == DEF_VARIANT ? d->parent : d;
    res_def_sig(t, adt);
    if (d->kind == DEF_VARIANT) d->gen = adt->gen;
    d->fn.nparams = d->nfields;
    d->fn.params = arena_alloc(t->a, sizeof(Type *) * (size_t)(d->nfields + 1));
    for (int i = 0; i < d->nfields; i++) d->fn.params[i] = d->fields[i].ty;
    d->fn.ret = ty_adt(t, adt, adt->gen.params, adt->gen.n);
    d->fn.call_ret = d->fn.ret;
}

/* ---------------------------------------------------------------- paths */

static Type *lower_generic(FnCtx *cx, Ty *ty) { return cx_lower_type(cx, ty); }

/* Explicit generic arguments on a segment for d's own parameters
 * [from, d->gen.n); the rest stay fresh. */
static void apply_turbofish(FnCtx *cx, PathSeg *seg, Def *d, int from, Type **args) {
    Tcx *t = cx->t;
    if (!seg || !seg->has_generics || seg->fn_sugar) return;
    int own = d->gen.n - from;
    int synth = 0;
    if (d->gen.synthetic)
        for (int i = from; i < d->gen.n; i++) synth += d->gen.synthetic[i];
    int explicit_ = own - synth;
    if (seg->args.n != explicit_) {
        if (seg->args.n) {
            Diag *dg = cx_error(cx, seg->span, "E0107", NULL, "%s takes %d generic argument%s but %d generic argument%s %s supplied",
                                d->kind == DEF_FN ? (d->fn.has_self ? "method" : "function") : d->kind == DEF_ENUM ? "enum" : "struct",
                                explicit_, explicit_ == 1 ? "" : "s", seg->args.n, seg->args.n == 1 ? "" : "s",
                                seg->args.n == 1 ? "was" : "were");
            (void)dg;
        }
        if (seg->args.n > explicit_) return;
    }
    int k = 0;
    for (int i = from; i < d->gen.n && k < seg->args.n; i++) {
        if (d->gen.synthetic && d->gen.synthetic[i]) continue;
        Type *a = lower_generic(cx, LIST_GET(seg->args, k, Ty));
        k++;
        if (!ty_unify(t, args[i], a)) args[i] = a;
    }
}

static Def *enum_variant(Def *e, Sym name) {
    for (int i = 0; i < e->nvariants; i++)
        if (e->variants[i]->name == name) return e->variants[i];
    return NULL;
}

static bool is_std_path(Path *p) {
    if (p->segs.n < 2) return false;
    Sym s = LIST_GET(p->segs, 0, PathSeg)->name;
    return strcmp(s, "std") == 0 || strcmp(s, "core") == 0 || strcmp(s, "alloc") == 0;
}

/* An associated item `name` of type `self`: inherent first, then traits. */
static Def *assoc_item(FnCtx *cx, Type *self, PathSeg *seg, Res *res, Type ***args_out, int *nargs_out, bool quiet) {
    Tcx *t = cx->t;
    Type *sr = ty_resolve(t, self);
    if (sr->kind == TYPE_ADT && sr->def->kind == DEF_ENUM) {
        Def *v = enum_variant(sr->def, seg->name);
        if (v) {
            res->def = v;
            res->self_ty = self;
            *args_out = sr->args;
            *nargs_out = sr->nargs;
            return v;
        }
    }
    Pick pk;
    t->cause = seg->span;
    if (!tr_probe_assoc(t, self, seg->name, cx_user(cx), &pk)) {
        if (quiet) return NULL;
        if (sr->kind == TYPE_ADT && sr->def->kind == DEF_ENUM)
            cx_error(cx, seg->span, "E0599", arena_printf(t->a, "variant or associated item not found in `%s`", sr->def->name),
                     "no variant or associated item named `%s` found for enum `%s` in the current scope", seg->name,
                     ty_str(t, cx_resolve(cx, self)));
        else
            cx_error(cx, seg->span, "E0599", arena_printf(t->a, "%s not found in `%s`", "function or associated item",
                                                          ty_str(t, cx_resolve(cx, self))),
                     "no function or associated item named `%s` found for %s `%s` in the current scope", seg->name,
                     ty_kind_word(t, sr), ty_str(t, cx_resolve(cx, self)));
        return NULL;
    }
    if (pk.private_ && !quiet)
        cx_error(cx, seg->span, "E0624", "private associated function", "associated function `%s` is private", seg->name);
    Def *m = pk.method;
    res->def = m;
    res->impl = pk.impl;
    res->trait = pk.trait;
    res->self_ty = pk.self_ty;
    res->dispatch = DISPATCH_STATIC;
    if (m->kind == DEF_FN) apply_turbofish(cx, seg, m, m->gen.nparent, pk.args);
    *args_out = pk.args;
    *nargs_out = pk.nargs;
    return m;
}

/* Resolves an expression/pattern/struct-literal path to a Def (without
 * locals). Fills res (def, args, self_ty, trait, impl). */
Def *cx_path_def(FnCtx *cx, Path *p, bool value_ns, Type **self_out, Type ***args_out, int *nargs_out, Res *res,
                 bool quiet) {
    Tcx *t = cx->t;
    *self_out = NULL;
    *args_out = NULL;
    *nargs_out = 0;
    int n = p->segs.n;
    if (n == 0) return NULL;
    PathSeg *last = LIST_GET(p->segs, n - 1, PathSeg);
    /* <T as Trait>::item and <T>::item */
    if (p->qself) {
        Type *self = cx_lower_type(cx, p->qself);
        if (p->qtrait) {
            TraitRef tr;
            Bound b = { p->qtrait->span, p->qtrait, false };
            cx->ts.mod = cx->mod;
            if (!res_bound(t, &cx->ts, self, &b, &tr)) return NULL;
            Def *m = res_trait_member(t, tr.trait, last->name, DEF_FN);
            if (!m) {
                if (!quiet)
                    cx_error(cx, last->span, "E0576", "not found in trait", "cannot find method or associated constant `%s` in trait `%s`",
                             last->name, tr.trait->name);
                return NULL;
            }
            res_def_sig(t, m);
            Type **args = arena_alloc(t->a, sizeof(Type *) * (size_t)(m->gen.n + 1));
            tr_fresh_args(t, m, args, 0, last->span);
            args[0] = self;
            for (int i = 0; i < tr.nargs && i + 1 < m->gen.nparent; i++) args[i + 1] = tr.args[i];
            apply_turbofish(cx, last, m, m->gen.nparent, args);
            res->def = m;
            res->trait = tr.trait;
            res->self_ty = self;
            *args_out = args;
            *nargs_out = m->gen.n;
            TraitRef goal = { tr.trait, args + 1, tr.trait->gen.n - 1, NULL, NULL, 0 };
            cx_obligation(cx, self, &goal, p->span, NULL, (Span){ 0, 0 }, true, OBL_PLAIN);
            return m;
        }
        return assoc_item(cx, self, last, res, args_out, nargs_out, quiet);
    }
    PathSeg *first = LIST_GET(p->segs, 0, PathSeg);
    Module *mod = NULL;
    int i = 0;
    Type *prefix = NULL;
    /* generic parameters and Self start type paths */
    if (!p->global) {
        if (first->name == t->wk.s_self_upper) {
            Type *st = cx->ts.self_ty ? cx->ts.self_ty : cx->ts.self_trait ? ty_param(t, 0, t->wk.s_self_upper) : NULL;
            if (!st) {
                if (!quiet)
                    cx_error(cx, first->span, "E0411", "`Self` is only available in impls, traits, and type definitions",
                             "cannot find type `Self` in this scope");
                return NULL;
            }
            if (n == 1) {
                /* `Self` as a value or struct literal: the struct itself */
                Type *sr = ty_resolve(t, st);
                if (sr->kind == TYPE_ADT && sr->def->kind == DEF_STRUCT) {
                    res->def = sr->def;
                    *self_out = st;
                    *args_out = sr->args;
                    *nargs_out = sr->nargs;
                    return sr->def;
                }
                if (!quiet) cx_error(cx, first->span, "E0423", "not a value", "expected value, found `Self`");
                return NULL;
            }
            prefix = st;
            i = 1;
        } else if (n > 1) {
            for (int k = cx->ts.owner ? cx->ts.owner->gen.n - 1 : -1; k >= 0; k--)
                if (cx->ts.owner->gen.names[k] == first->name) {
                    prefix = cx->ts.owner->gen.params[k];
                    i = 1;
                    break;
                }
        }
    }
    Def *d = NULL;
    for (; !prefix && i < n; i++) {
        PathSeg *seg = LIST_GET(p->segs, i, PathSeg);
        bool is_last = i == n - 1;
        if (i == 0 && !mod && strcmp(seg->name, "crate") == 0) {
            mod = cx->mod->prelude ? t->std_root : t->crate;
            continue;
        }
        if (i == 0 && !mod && (strcmp(seg->name, "self") == 0 || strcmp(seg->name, "super") == 0) && n > 1) {
            mod = cx->mod;
            continue;
        }
        Def *x;
        if (is_last) {
            x = mod ? namemap_get(value_ns ? &mod->values : &mod->types, seg->name)
                    : value_ns ? res_lookup_value(t, cx->mod, seg->name) : res_lookup_type(t, cx->mod, seg->name);
            if (!x && !value_ns)
                x = mod ? namemap_get(&mod->values, seg->name) : res_lookup_value(t, cx->mod, seg->name);
            if (x && !value_ns && x->kind != DEF_STRUCT && x->kind != DEF_VARIANT && x->kind != DEF_ALIAS && x->kind != DEF_ENUM) {
                Def *ty = mod ? namemap_get(&mod->types, seg->name) : res_lookup_type(t, cx->mod, seg->name);
                if (ty) x = ty;
            }
        } else {
            x = mod ? namemap_get(&mod->types, seg->name) : res_lookup_type(t, cx->mod, seg->name);
        }
        if (!x) {
            if (!is_last) {
                /* a primitive type: `u64::MAX`, `str::len` */
                Buf b = { 0 };
                buf_puts(&b, seg->name);
                TyScope s = cx->ts;
                s.quiet = true;
                Ty fake = { 0 };
                Path fp = { 0 };
                fake.kind = TY_PATH;
                fake.path = &fp;
                list_push(t->a, &fp.segs, seg);
                fake.span = seg->span;
                s.mod = cx->mod;
                Type *pt = mod ? NULL : res_type(t, &s, &fake);
                buf_free(&b);
                if (pt && pt->kind != TYPE_ERROR && pt->kind != TYPE_ADT) {
                    prefix = pt;
                    i++;
                    break;
                }
            }
            if (quiet) return NULL;
            /* rustc 1.95's wording */
            Buf b = { 0 };
            for (int k = 0; k < i; k++) buf_printf(&b, "%s%s", k ? "::" : "", LIST_GET(p->segs, k, PathSeg)->name);
            bool std_path = i > 0 && is_std_path(p);
            if (is_last && i > 0)
                cx_error(cx, seg->span, "E0425",
                         std_path ? "not supported in dynbox" : arena_printf(t->a, "not found in `%s`", b.s),
                         "cannot find %s `%s` in module `%s`", value_ns ? "value" : "type", seg->name, b.s);
            else if (is_last)
                suggest_similar_name(cx, cx_error(cx, seg->span, value_ns ? "E0425" : "E0422", "not found in this scope",
                                                  value_ns ? "cannot find value `%s` in this scope"
                                                           : "cannot find struct, variant or union type `%s` in this scope",
                                                  seg->name),
                                     seg->span, seg->name, value_ns);
            else if (i > 0)
                cx_error(cx, seg->span, "E0433",
                         std_path ? "not supported in dynbox" : arena_printf(t->a, "could not find `%s` in `%s`", seg->name, b.s),
                         "cannot find `%s` in `%s`", seg->name, b.s);
            else if (seg->name[0] >= 'A' && seg->name[0] <= 'Z')
                cx_error(cx, seg->span, "E0433", arena_printf(t->a, "use of undeclared type `%s`", seg->name),
                         "cannot find type `%s` in this scope", seg->name);
            else
                cx_error(cx, seg->span, "E0433",
                         arena_printf(t->a, "use of unresolved module or unlinked crate `%s`", seg->name),
                         "cannot find module or crate `%s` in this scope", seg->name);
            buf_free(&b);
            return NULL;
        }
        if (x->kind == DEF_MOD) {
            if (is_last) {
                if (!quiet) cx_error(cx, seg->span, "E0423", "not a value", "expected value, found module `%s`", seg->name);
                return NULL;
            }
            mod = x->inner_mod;
            continue;
        }
        if (is_last) {
            d = x;
            i++;
            break;
        }
        /* a type (or enum, or trait) followed by more segments */
        if (x->kind == DEF_ENUM && i + 1 == n - 1) {
            PathSeg *vs = LIST_GET(p->segs, i + 1, PathSeg);
            Def *v = enum_variant(x, vs->name);
            if (v) {
                res_def_sig(t, x);
                Type **args = arena_alloc(t->a, sizeof(Type *) * (size_t)(x->gen.n + 1));
                tr_fresh_args(t, x, args, 0, seg->span);
                apply_turbofish(cx, seg, x, 0, args);
                if (vs->has_generics) apply_turbofish(cx, vs, x, 0, args);
                res->def = v;
                *args_out = args;
                *nargs_out = x->gen.n;
                return v;
            }
        }
        if (x->kind == DEF_TRAIT && i + 1 == n - 1) {
            /* Trait::method: Self is inferred */
            PathSeg *ms = LIST_GET(p->segs, i + 1, PathSeg);
            Def *m = res_trait_member(t, x, ms->name, DEF_FN);
            if (!m) {
                if (!quiet)
                    cx_error(cx, ms->span, "E0576", "not found", "cannot find method or associated constant `%s` in trait `%s`",
                             ms->name, x->name);
                return NULL;
            }
            res_def_sig(t, m);
            Type **args = arena_alloc(t->a, sizeof(Type *) * (size_t)(m->gen.n + 1));
            tr_fresh_args(t, m, args, 0, ms->span);
            apply_turbofish(cx, ms, m, m->gen.nparent, args);
            res->def = m;
            res->trait = x;
            res->self_ty = args[0];
            *args_out = args;
            *nargs_out = m->gen.n;
            TraitRef goal = { x, args + 1, x->gen.n - 1, NULL, NULL, 0 };
            cx_obligation(cx, args[0], &goal, p->span, NULL, (Span){ 0, 0 }, true, OBL_PLAIN);
            return m;
        }
        if (x->kind == DEF_STRUCT || x->kind == DEF_ENUM || x->kind == DEF_ALIAS) {
            res_def_sig(t, x);
            Type **args = arena_alloc(t->a, sizeof(Type *) * (size_t)(x->gen.n + 1));
            tr_fresh_args(t, x, args, 0, seg->span);
            apply_turbofish(cx, seg, x, 0, args);
            prefix = x->kind == DEF_ALIAS ? cx_instantiate(cx, x->ty, args, x->gen.n) : ty_adt(t, x, args, x->gen.n);
            i++;
            break;
        }
        if (!quiet) cx_error(cx, seg->span, "E0433", NULL, "failed to resolve: `%s` is not a module or type", seg->name);
        return NULL;
    }
    if (prefix) {
        if (i != n - 1) {
            if (!quiet) cx_error(cx, p->span, "E0223", NULL, "ambiguous associated type");
            return NULL;
        }
        return assoc_item(cx, prefix, last, res, args_out, nargs_out, quiet);
    }
    if (!d) return NULL;
    res->def = d;
    switch (d->kind) {
    case DEF_FN: {
        res_def_sig(t, d);
        Type **args = arena_alloc(t->a, sizeof(Type *) * (size_t)(d->gen.n + 1));
        tr_fresh_args(t, d, args, 0, last->span);
        apply_turbofish(cx, last, d, 0, args);
        *args_out = args;
        *nargs_out = d->gen.n;
        break;
    }
    case DEF_STRUCT:
    case DEF_ALIAS: {
        res_def_sig(t, d);
        Type **args = arena_alloc(t->a, sizeof(Type *) * (size_t)(d->gen.n + 1));
        tr_fresh_args(t, d, args, 0, last->span);
        apply_turbofish(cx, last, d, 0, args);
        *args_out = args;
        *nargs_out = d->gen.n;
        if (d->kind == DEF_ALIAS) {
            Type *target = cx_instantiate(cx, d->ty, args, d->gen.n);
            Type *tr = ty_resolve(t, target);
            if (tr->kind == TYPE_ADT) {
                res->def = tr->def;
                *self_out = target;
                *args_out = tr->args;
                *nargs_out = tr->nargs;
                return tr->def;
            }
            return NULL;
        }
        break;
    }
    case DEF_VARIANT: {
        Def *e = d->parent;
        res_def_sig(t, e);
        Type **args = arena_alloc(t->a, sizeof(Type *) * (size_t)(e->gen.n + 1));
        tr_fresh_args(t, e, args, 0, last->span);
        apply_turbofish(cx, last, e, 0, args);
        *args_out = args;
        *nargs_out = e->gen.n;
        break;
    }
    default:
        res_def_sig(t, d);
        break;
    }
    return d;
}

/* A path as a value: a local, a fn item, a constructor, a const. */
Type *cx_path_expr(FnCtx *cx, Expr *e, Type *expected) {
    Tcx *t = cx->t;
    (void)expected;
    Path *p = e->path;
    if (p->segs.n == 1 && !p->qself && !p->global) {
        PathSeg *s = LIST_GET(p->segs, 0, PathSeg);
        Local *l = cx_find_local(cx, s->name);
        if (l && !s->has_generics) {
            Res *r = new_res(cx, RES_LOCAL);
            r->local = l;
            e->res = r;
            return l->ty;
        }
        if (s->name == t->wk.s_self_lower) {
            cx_error(cx, s->span, "E0424", "`self` value is a keyword only available in methods with a `self` parameter",
                     "expected value, found module `self`");
            e->res = new_res(cx, RES_ERR);
            return t->t_err;
        }
    }
    Res *r = new_res(cx, RES_ERR);
    e->res = r;
    Type *self = NULL;
    Type **args = NULL;
    int nargs = 0;
    Def *d = cx_path_def(cx, p, true, &self, &args, &nargs, r, false);
    if (!d) return t->t_err;
    r->args = args;
    r->nargs = nargs;
    switch (d->kind) {
    case DEF_FN: {
        r->kind = RES_FN;
        res_def_sig(t, d);
        cx_register_preds(cx, d, args, nargs, e->span);
        return ty_fndef(t, d, args, nargs);
    }
    case DEF_STRUCT:
    case DEF_VARIANT: {
        r->kind = RES_CTOR;
        Def *adt = d->kind == DEF_VARIANT ? d->parent : d;
        res_def_sig(t, adt);
        if (d->shape == STRUCT_NAMED) {
            const char *what = d->kind == DEF_VARIANT ? "struct variant" : "struct";
            Diag *dg = cx_error(cx, e->span, d->kind == DEF_VARIANT ? "E0533" : "E0423", NULL, "expected value, found %s `%s`",
                                what, d->kind == DEF_VARIANT ? arena_printf(t->a, "%s::%s", adt->name, d->name) : d->name);
            if (!cx->prelude) dg->spans[0].label = d->kind == DEF_VARIANT ? "not a value" : NULL;
            r->kind = RES_ERR;
            return t->t_err;
        }
        if (self && ty_resolve(t, self)->kind == TYPE_ADT) {
            args = ty_resolve(t, self)->args;
            nargs = ty_resolve(t, self)->nargs;
            r->args = args;
            r->nargs = nargs;
        }
        Type *ty = ty_adt(t, adt, args, nargs);
        if (d->shape == STRUCT_UNIT) return ty;
        ctor_sig(t, d);
        return ty_fndef(t, d, args, nargs);
    }
    case DEF_CONST:
    case DEF_STATIC: {
        r->kind = d->kind == DEF_CONST ? RES_CONST : RES_STATIC;
        res_def_sig(t, d);
        Type *ty = d->ty ? d->ty : t->t_err;
        if (d->parent && d->parent->kind == DEF_TRAIT) ty = ty_subst_self(t, ty, r->self_ty ? r->self_ty : t->t_err);
        return cx_instantiate(cx, ty, args, nargs);
    }
    default: {
        const char *what = d->kind == DEF_ENUM ? "enum" : d->kind == DEF_TRAIT ? "trait" : d->kind == DEF_ALIAS ? "type alias" : "item";
        cx_error(cx, e->span, "E0423", NULL, "expected value, found %s `%s`", what, d->name);
        r->kind = RES_ERR;
        return t->t_err;
    }
    }
}

/* ------------------------------------------------------------------ calls */

static const char *plural(int n) { return n == 1 ? "" : "s"; }

/* rustc's E0061/E0057 for an argument count that does not match: which
 * arguments are missing (with their types) or unexpected, the parameters
 * they belong to, and the call rewritten with placeholders or without the
 * extra arguments. */
static void report_arg_count(FnCtx *cx, Expr *call, Span callee, int want, int got, const char *what, const char *code,
                             Def *d, Type **params) {
    Tcx *t = cx->t;
    DbUnit *u = cx->u;
    Diag *dg = cx_error(cx, callee, code, NULL, "this %s takes %d argument%s but %d argument%s %s supplied", what, want,
                        plural(want), got, plural(got), got == 1 ? "was" : "were");
    if (cx->prelude) return;
    Span parens = { callee.hi, call->span.hi };
    bool have_parens = parens.hi > parens.lo && parens.hi <= u->src.len && u->src.text[parens.lo] == '(' &&
                       u->src.text[parens.hi - 1] == ')';
    if (got < want) {
        int nmiss = want - got;
        const char *tys[3];
        for (int i = 0; i < nmiss && i < 3; i++) tys[i] = params ? ty_str(t, cx_resolve(cx, params[got + i])) : "_";
        const char *label;
        if (nmiss == 1) label = arena_printf(t->a, "argument #%d of type `%s` is missing", got + 1, tys[0]);
        else if (nmiss == 2) label = arena_printf(t->a, "two arguments of type `%s` and `%s` are missing", tys[0], tys[1]);
        else if (nmiss == 3)
            label = arena_printf(t->a, "three arguments of type `%s`, `%s`, and `%s` are missing", tys[0], tys[1], tys[2]);
        else label = "multiple arguments are missing";
        diag_span(u, dg, parens, false, "%s", label);
        if (have_parens && params) {
            Buf b = { 0 };
            buf_put(&b, u->src.text + parens.lo, parens.hi - parens.lo - 1);
            for (int i = got; i < want; i++)
                buf_printf(&b, "%s/* %s */", i == 0 ? "" : ", ", ty_str(t, cx_resolve(cx, params[i])));
            buf_puts(&b, ")");
            Diag *h = diag_suggest(u, dg, parens, arena_strndup(t->a, b.s, b.len), APP_HAS_PLACEHOLDERS,
                                   "provide the argument%s", plural(nmiss));
            (void)h;
            buf_free(&b);
        }
    } else {
        for (int i = want; i < got; i++) {
            Expr *a = LIST_GET(call->args, i, Expr);
            diag_span(u, dg, a->span, false, "unexpected argument #%d of type `%s`", i + 1,
                      ty_str(t, cx_resolve(cx, a->type ? a->type : t->t_err)));
        }
        /* remove from the end of the last wanted argument (or the paren) */
        Expr *last = LIST_GET(call->args, got - 1, Expr);
        uint32_t from = want > 0 ? LIST_GET(call->args, want - 1, Expr)->span.hi : parens.lo + 1;
        if (have_parens && last->span.hi > from)
            diag_suggest(u, dg, (Span){ from, last->span.hi }, "", APP_HAS_PLACEHOLDERS, "remove the extra argument%s",
                         plural(got - want));
    }
    if (d && d->item && !d->prelude) {
        Diag *n = diag_child(u, dg, DIAG_NOTE, "%s defined here", d->fn.has_self ? "method" : "function");
        diag_span(u, n, d->item->sig.name_span, true, NULL);
        for (int i = got; i < want && i < d->item->sig.params.n; i++)
            diag_span(u, n, LIST_GET(d->item->sig.params, i, Param)->span, false, NULL);
    }
}

/* Expected argument types from the expected result: unify the formal
 * result with the expectation in a snapshot and read the parameters back. */
static void expected_inputs(FnCtx *cx, Type *ret, Type **params, int np, Type *expected, Type **out) {
    Tcx *t = cx->t;
    for (int i = 0; i < np; i++) out[i] = params[i];
    if (!expected || !ret) return;
    Type *er = ty_resolve(t, expected);
    if (er->kind == TYPE_INFER) return;
    Snap snap = ty_snapshot(t);
    if (ty_unify(t, ret, expected))
        for (int i = 0; i < np; i++) out[i] = ty_zonk(t, params[i], false);
    ty_rollback(t, snap);
}

static void check_args(FnCtx *cx, Expr *call, List *args, int skip, Type **params, int np, Type *ret, Type *expected,
                       Span callee) {
    Tcx *t = cx->t;
    Type *hints[64];
    if (np > 64) np = 64;
    expected_inputs(cx, ret, params, np, expected, hints);
    /* closures last, so the other arguments can pin down their types */
    for (int pass = 0; pass < 2; pass++) {
        for (int i = skip; i < args->n; i++) {
            Expr *a = LIST_GET(*args, i, Expr);
            bool is_closure = a->kind == EX_CLOSURE;
            if ((pass == 0) == is_closure) continue;
            int k = i - skip;
            if (k >= np) {
                cx_expr(cx, a, NULL);
                continue;
            }
            if (is_closure) cx_select(cx);
            Span saved = cx->arg_callee;
            cx->arg_callee = is_closure ? callee : (Span){ 0, 0 };
            cx_expr(cx, a, hints[k]);
            cx->arg_callee = saved;
            cx_coerce(cx, a, params[k], callee, "arguments to this function are incorrect");
        }
    }
    (void)call;
    (void)t;
}

Type *cx_call(FnCtx *cx, Expr *e, Type *expected) {
    Tcx *t = cx->t;
    Expr *callee = e->lhs;
    Type *ct;
    /* better messages for an unknown function name */
    if (callee->kind == EX_PATH && callee->path->segs.n == 1 && !callee->path->qself) {
        PathSeg *s = LIST_GET(callee->path->segs, 0, PathSeg);
        if (!cx_find_local(cx, s->name) && !res_lookup_value(t, cx->mod, s->name) && s->name != t->wk.s_self_upper &&
            s->name != t->wk.s_self_lower) {
            suggest_similar_name(cx, cx_error(cx, s->span, "E0425", "not found in this scope", "cannot find function `%s` in this scope", s->name),
                                 s->span, s->name, true);
            callee->type = t->t_err;
            callee->res = new_res(cx, RES_ERR);
            list_push(t->a, &cx->exprs, callee);
            for (int i = 0; i < e->args.n; i++) cx_expr(cx, LIST_GET(e->args, i, Expr), NULL);
            return t->t_err;
        }
    }
    ct = cx_expr(cx, callee, NULL);
    e->res = callee->res;
    Type *cr = ty_resolve(t, ct);
    if (cr->kind == TYPE_ERROR) {
        for (int i = 0; i < e->args.n; i++) cx_expr(cx, LIST_GET(e->args, i, Expr), NULL);
        return t->t_err;
    }
    cx_select(cx);
    Type **params;
    int np;
    Type *ret;
    ClosureKind ck;
    Type *fn_ty = ty_resolve(t, ct);
    int nderef = 0;
    Type *steps[8];
    bool over[8];
    while (!tr_fn_sig(t, fn_ty, &params, &np, &ret, &ck)) {
        bool ov;
        Type *next = nderef < 8 ? tr_deref(t, fn_ty, &ov) : NULL;
        if (!next) {
            Type *z = cx_resolve(cx, ct);
            Diag *d = cx_error(cx, callee->span, "E0618", NULL, "expected function, found `%s`", ty_str(t, z));
            if (!cx->prelude) {
                diag_span(cx->u, d, e->span, false, "call expression requires function");
                if (callee->res && callee->res->kind == RES_LOCAL && callee->res->local->span.hi <= cx->u->src.len)
                    diag_span(cx->u, d, callee->res->local->span, false, "`%s` has type `%s`", callee->res->local->name,
                              ty_str(t, z));
            }
            for (int i = 0; i < e->args.n; i++) cx_expr(cx, LIST_GET(e->args, i, Expr), NULL);
            return t->t_err;
        }
        steps[nderef] = ty_resolve(t, next);
        over[nderef] = ov;
        nderef++;
        fn_ty = ty_resolve(t, next);
    }
    if (nderef) {
        Adjust *a = cx_adjust(cx, callee);
        a->nderef = nderef;
        a->deref_tys = arena_alloc(t->a, sizeof(Type *) * (size_t)nderef);
        a->overloaded = arena_alloc(t->a, sizeof(bool) * (size_t)nderef);
        copy_n(a->deref_tys, steps, sizeof(Type *) * (size_t)nderef);
        copy_n(a->overloaded, over, sizeof(bool) * (size_t)nderef);
        a->source = ct;
        a->target = fn_ty;
    }
    check_args(cx, e, &e->args, 0, params, np, ret, expected, callee->span);
    if (e->args.n != np) {
        Def *d = fn_ty->kind == TYPE_FNDEF ? fn_ty->def : NULL;
        const char *what = "function";
        if (d && d->kind == DEF_VARIANT) what = "enum variant";
        else if (d && d->kind == DEF_STRUCT) what = "struct";
        else if (d && d->fn.has_self) what = "method";
        Span cs = callee->span;
        report_arg_count(cx, e, cs, np, e->args.n, what, fn_ty->kind == TYPE_FNDEF ? "E0061" : "E0057",
                         d && d->kind == DEF_FN ? d : NULL, params);
    }
    if (fn_ty->kind == TYPE_CLOSURE || fn_ty->kind == TYPE_PARAM || fn_ty->kind == TYPE_DYN) {
        /* calling through an Fn bound: FnMut needs a mutable place */
        if (ck == CLOSURE_FN_MUT && nderef == 0 && cx_user(cx)) cx_require_mut_place(cx, callee, callee->span);
    }
    return ret;
}

/* --------------------------------------------------------- method calls */

/* The closest method name (by rustc's measure) that the receiver really
 * has: inherent methods of its type and trait methods, each confirmed by a
 * probe. NULL when none is close. */
static Sym similar_method(FnCtx *cx, Type *recv, Sym name) {
    Tcx *t = cx->t;
    Sym cands[512];
    int n = 0;
    Type *base = ty_resolve(t, recv);
    while (base->kind == TYPE_REF) base = ty_resolve(t, base->inner);
    const void *head = ty_head(t, base);
    for (uint32_t i = 0; i < t->inherent.cap && n < 512; i++)
        if (t->inherent.keys2[i] && head && t->inherent.keys1[i] == head) cands[n++] = (Sym)t->inherent.keys2[i];
    for (uint32_t i = 0; i < t->trait_members.cap && n < 512; i++)
        if (t->trait_members.keys2[i]) cands[n++] = (Sym)t->trait_members.keys2[i];
    qsort(cands, (size_t)n, sizeof *cands, cmp_sym_text);
    while (n > 0) {
        Sym best = best_match_for_name(cands, n, name);
        if (!best) return NULL;
        Pick pk;
        Snap snap = ty_snapshot(t);
        int pr = tr_probe_method(t, recv, best, cx_user(cx), &pk);
        ty_rollback(t, snap);
        if (pr == 0 && !pk.private_) return best;
        int k = 0; /* not the receiver's: drop it and look again */
        for (int i = 0; i < n; i++)
            if (cands[i] != best) cands[k++] = cands[i];
        n = k;
    }
    return NULL;
}

/* rustc's E0599 when a trait's impl for the receiver exists but its where
 * clauses fail (`Vec<Stone>::clone` without `Stone: Clone`). */
static bool report_unmet_bounds(FnCtx *cx, Expr *e, Type *z, const char *ts) {
    Tcx *t = cx->t;
    List *tl = ptrmap_get(&t->trait_members, NULL, e->name);
    Type *base = z;
    while (base->kind == TYPE_REF) base = ty_resolve(t, base->inner);
    for (int i = 0; tl && i < tl->n; i++) {
        Def *m = LIST_GET(*tl, i, Def);
        if (m->kind != DEF_FN || !m->parent || m->parent->kind != DEF_TRAIT) continue;
        const char *unmet[8];
        int n = tr_unmet_impl_bounds(t, base, m->parent, unmet, 8);
        if (!n) continue;
        Diag *d = cx_error(cx, e->name_span, "E0599", NULL,
                           "the method `%s` exists for %s `%s`, but its trait bounds were not satisfied", e->name,
                           ty_kind_word(t, z), ts);
        if (cx->prelude) return true;
        d->spans[0].label = arena_printf(t->a, "method cannot be called on `%s` due to unsatisfied trait bounds", ts);
        Buf b = { 0 };
        buf_puts(&b, "the following trait bounds were not satisfied:");
        const char *req = traitref_str(t, base, &(TraitRef){ m->parent, NULL, 0, NULL, NULL, 0 });
        for (int k = 0; k < n; k++) {
            buf_printf(&b, "\n`%s`", unmet[k]);
            buf_printf(&b, "\nwhich is required by `%s`", req);
        }
        diag_child(cx->u, d, DIAG_NOTE, "%s", b.s);
        buf_free(&b);
        return true;
    }
    return false;
}

static void report_no_method(FnCtx *cx, Expr *e, Type *recv) {
    Tcx *t = cx->t;
    Type *z = cx_resolve(cx, recv);
    const char *ts = ty_str(t, z);
    if (report_unmet_bounds(cx, e, z, ts)) return;
    Diag *d = cx_error(cx, e->name_span, "E0599", NULL, "no method named `%s` found for %s `%s` in the current scope",
                       e->name, ty_kind_word(t, z), ts);
    if (cx->prelude) return;
    d->spans[0].label = arena_printf(t->a, "method not found in `%s`", ts);
    Type *base = z;
    while (base->kind == TYPE_REF) base = ty_resolve(t, base->inner);
    if (base->kind == TYPE_ADT && !base->def->prelude)
        diag_span(cx->u, d, cx_def_head_span(base->def), false, "method `%s` not found for this %s", e->name,
                  base->def->kind == DEF_ENUM ? "enum" : "struct");
    Sym similar = similar_method(cx, z, e->name);
    if (similar) {
        d->spans[0].label = NULL;
        diag_suggest(cx->u, d, e->name_span, similar, APP_MAYBE_INCORRECT, "there is a method `%s` with a similar name",
                     similar);
        return;
    }
    /* a trait offers it: say so */
    List *tl = ptrmap_get(&t->trait_members, NULL, e->name);
    if (tl && tl->n) {
        Def *m = LIST_GET(*tl, 0, Def);
        if (base->kind == TYPE_PARAM)
            diag_child(cx->u, d, DIAG_HELP, "items from traits can only be used if the type parameter is bounded by the trait");
        else if (m->parent && !m->parent->prelude)
            diag_child(cx->u, d, DIAG_HELP,
                       "items from traits can only be used if the trait is implemented and in scope; the following trait defines an item `%s`: `%s`",
                       e->name, m->parent->name);
    }
}

/* The `dyn` call-site check (DESIGN.md section 4): a method reached through
 * `dyn Trait` must be a `vtable` method, or a `boxed` one called as
 * `x.m(..).box` / `dyn_box!(x.m(..))`. The dyn analyzer (dyn.c) owns the
 * classes and the diagnostics; this asks it. */
static void check_dyn_call(FnCtx *cx, Expr *call, Type *dyn, bool boxed) {
    DbUnit *u = cx->u;
    if (!u->dyn || cx->prelude || u->opts.rules == DB_RULES_STABLE) return;
    Def *principal = dyn->tr->trait;
    if (!principal || principal->prelude) return;
    const DynTrait *dt = dyn_trait(u, principal->name);
    if (!dt) return;
    const DynMethod *m = dyn_method(dt, call->name);
    if (!m || m->cls == DYN_VTABLE) return;
    if (boxed && m->cls == DYN_BOXED) return;
    dyn_report_call(u, call->span, call->name_span, dt, m);
}

Type *cx_method(FnCtx *cx, Expr *e, Type *expected) {
    Tcx *t = cx->t;
    bool boxed = cx->boxing == e;
    cx->boxing = NULL;
    Type *recv = cx_expr(cx, e->lhs, NULL);
    Type *rr = ty_resolve(t, recv);
    if (rr->kind == TYPE_INFER && rr->sub == VAR_TY) {
        cx_select(cx);
        rr = ty_resolve(t, recv);
    }
    Res *res = new_res(cx, RES_FN);
    e->res = res;
    if (rr->kind == TYPE_ERROR) {
        for (int i = 0; i < e->args.n; i++) cx_expr(cx, LIST_GET(e->args, i, Expr), NULL);
        return t->t_err;
    }
    Pick pk;
    t->cause = e->span;
    int pr = tr_probe_method(t, recv, e->name, cx_user(cx), &pk);
    if (pr != 0) {
        if (pr == 2) {
            cx_error(cx, e->lhs->span, "E0282", "type must be known at this point", "type annotations needed");
        } else if (pr == 3) {
            Diag *d = cx_error(cx, e->name_span, "E0689", NULL, "can't call method `%s` on ambiguous numeric type `%s`",
                               e->name, ty_str(t, rr));
            if (!cx->prelude)
                diag_child(cx->u, d, DIAG_HELP, "you must specify a concrete type for this numeric value, like `%s`",
                           rr->sub == VAR_FLOAT ? "f32" : "i32");
        } else {
            report_no_method(cx, e, recv);
        }
        res->kind = RES_ERR;
        for (int i = 0; i < e->args.n; i++) cx_expr(cx, LIST_GET(e->args, i, Expr), NULL);
        return t->t_err;
    }
    if (pk.private_) cx_error(cx, e->name_span, "E0624", "private method", "method `%s` is private", e->name);
    if (pk.ambiguous) {
        Diag *d = cx_error(cx, e->name_span, "E0034", "multiple `%s` found", "multiple applicable items in scope");
        if (!cx->prelude) {
            d->spans[0].label = arena_printf(t->a, "multiple `%s` found", e->name);
            diag_child(cx->u, d, DIAG_NOTE, "candidate #1 is defined in the trait `%s`", pk.trait->name);
            diag_child(cx->u, d, DIAG_NOTE, "candidate #2 is defined in the trait `%s`", pk.other_trait->name);
        }
    }
    Def *m = pk.method;
    /* receiver adjustments */
    if (pk.nderef || pk.autoref || pk.unsize) {
        Adjust *a = cx_adjust(cx, e->lhs);
        a->nderef = pk.nderef;
        if (pk.nderef) {
            a->deref_tys = arena_alloc(t->a, sizeof(Type *) * (size_t)pk.nderef);
            a->overloaded = arena_alloc(t->a, sizeof(bool) * (size_t)pk.nderef);
            copy_n(a->deref_tys, pk.steps, sizeof(Type *) * (size_t)pk.nderef);
            copy_n(a->overloaded, pk.overloaded, sizeof(bool) * (size_t)pk.nderef);
        }
        a->autoref = pk.autoref;
        a->unsize_array = pk.unsize;
        a->source = recv;
        a->target = pk.recv;
    }
    if (pk.autoref == AUTOREF_MUT) {
        /* `&mut *v` through a `&mut` is fine; through `&` it is not; overloaded
         * derefs (Box, Vec to slice) need the place itself mutable */
        Type *cur = ty_resolve(t, recv);
        bool decided = false;
        for (int i = 0; i < pk.nderef && !decided; i++) {
            if (!pk.overloaded[i] && cur->kind == TYPE_REF) {
                decided = true;
                if (!cur->mut_ && cx_user(cx)) {
                    Diag *d = cx_deferred(cx, true, e->lhs->span, "E0596",
                                          "cannot borrow `*%s` as mutable, as it is behind a `&` reference",
                                          e->lhs->kind == EX_PATH ? LIST_GET(e->lhs->path->segs, 0, PathSeg)->name : "value");
                    d->spans[0].label = "cannot borrow as mutable";
                }
            }
            cur = ty_resolve(t, pk.steps[i]);
        }
        if (!decided) cx_require_mut_place(cx, e->lhs, e->lhs->span);
    }
    /* turbofish */
    if (e->generics.n) {
        PathSeg seg = { 0 };
        seg.span = e->name_span;
        seg.name = e->name;
        seg.has_generics = true;
        seg.args = e->generics;
        apply_turbofish(cx, &seg, m, m->gen.nparent, pk.args);
    }
    res->def = m;
    res->args = pk.args;
    res->nargs = pk.nargs;
    res->impl = pk.impl;
    res->trait = pk.trait;
    res->self_ty = pk.self_ty;
    res->dispatch = pk.object ? DISPATCH_DYN : DISPATCH_STATIC;
    if (pk.object) check_dyn_call(cx, e, ty_resolve(t, pk.self_ty), boxed);
    res_def_sig(t, m);
    int np = m->fn.nparams - 1;
    if (np < 0) np = 0;
    Type **params = arena_alloc(t->a, sizeof(Type *) * (size_t)(np + 1));
    for (int i = 0; i < np; i++) params[i] = cx_instantiate(cx, m->fn.params[i + 1], pk.args, pk.nargs);
    Type *ret = cx_instantiate(cx, m->fn.call_ret, pk.args, pk.nargs);
    if (m->parent && m->parent->kind == DEF_TRAIT) ret = tr_normalize(t, ret);
    cx_register_preds(cx, m, pk.args, pk.nargs, e->span);
    check_args(cx, e, &e->args, 0, params, np, ret, expected, e->name_span);
    if (e->args.n != np) report_arg_count(cx, e, e->name_span, np, e->args.n, "method", "E0061", m, params);
    return ret;
}

/* Which impl a trait method call reaches, once types are known. */
void cx_resolve_dispatch(FnCtx *cx, Res *r) {
    Tcx *t = cx->t;
    if (r->kind != RES_FN || !r->trait || r->dispatch == DISPATCH_DYN || r->impl) return;
    Type *self = ty_resolve(t, r->self_ty);
    if (!self || self->kind == TYPE_ERROR) return;
    if (self->kind == TYPE_PARAM || self->kind == TYPE_PROJ || (self->kind == TYPE_OPAQUE && !self->expr)) {
        r->dispatch = DISPATCH_PARAM;
        return;
    }
    Def *trait = r->trait;
    int ntr = trait->gen.n - 1;
    Type *targs[32];
    if (ntr > 32) return;
    for (int i = 0; i < ntr; i++) targs[i] = i + 1 < r->nargs ? r->args[i + 1] : t->t_err;
    TraitRef tr = { trait, targs, ntr, NULL, NULL, 0 };
    Selection sel;
    Snap snap = ty_snapshot(t);
    SolveResult res = tr_solve(t, self, &tr, true, &sel);
    if (res == SOLVE_NO) {
        ty_rollback(t, snap);
        return;
    }
    if (sel.builtin) {
        r->dispatch = DISPATCH_BUILTIN;
        return;
    }
    if (sel.object) {
        r->dispatch = DISPATCH_DYN;
        return;
    }
    if (sel.env) {
        r->dispatch = DISPATCH_PARAM;
        return;
    }
    if (!sel.impl) return;
    r->impl = sel.impl;
    r->dispatch = DISPATCH_STATIC;
    Def *m = r->def;
    if (!m || m->parent != trait) return;
    for (int i = 0; i < sel.impl->nmembers; i++) {
        Def *im = sel.impl->members[i];
        if (im->name != m->name || im->kind != m->kind) continue;
        /* the impl's member, with the impl's arguments then the method's own */
        res_def_generics(t, im);
        int own = m->gen.n - m->gen.nparent;
        int n = sel.nimpl_args + own;
        Type **args = arena_alloc(t->a, sizeof(Type *) * (size_t)(n + 1));
        for (int k = 0; k < sel.nimpl_args; k++) args[k] = ty_zonk(t, sel.impl_args[k], true);
        for (int k = 0; k < own; k++) args[sel.nimpl_args + k] = ty_zonk(t, r->args[m->gen.nparent + k], true);
        r->def = im;
        r->args = args;
        r->nargs = n;
        return;
    }
}

/* ---------------------------------------------------------------- macros */

typedef struct FmtArg {
    int index;          /* positional index into the macro's arguments, or -1 */
    Sym name;           /* `{name}` */
    Def *trait;
    Span span;          /* the `{...}` in the source, when known */
    bool is_count;      /* width/precision argument: usize */
} FmtArg;

static Span fmt_span(FnCtx *cx, Expr *lit, size_t lo, size_t hi) {
    /* offsets in the decoded string map to the source when it has no escapes */
    uint32_t s = lit->span.lo + 1, e = lit->span.hi > 0 ? lit->span.hi - 1 : 0;
    const char *src = cx->u->src.text;
    if (lit->span.hi > cx->u->src.len || e < s || src[lit->span.lo] != '"') return lit->span;
    if ((size_t)(e - s) != lit->str_len || memcmp(src + s, lit->str, lit->str_len) != 0) return lit->span;
    return (Span){ s + (uint32_t)lo, s + (uint32_t)hi };
}

static bool is_ident_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
static bool is_ident_char(char c) { return is_ident_start(c) || (c >= '0' && c <= '9'); }

/* Parses one count (`5`, `name$`, `2$`). Adds the argument it names. */
static bool fmt_count(const char *s, size_t n, size_t *i, FmtArg *out, int *nout, int max, bool *star) {
    size_t j = *i;
    if (j < n && s[j] == '*' && star) {
        *star = true;
        *i = j + 1;
        return true;
    }
    size_t k = j;
    if (k < n && is_ident_start(s[k])) {
        while (k < n && is_ident_char(s[k])) k++;
        if (k < n && s[k] == '$') {
            if (*nout < max) out[(*nout)++] = (FmtArg){ -1, NULL, NULL, { (uint32_t)j, (uint32_t)k }, true };
            *i = k + 1;
            return true;
        }
        return false;
    }
    int v = 0;
    while (k < n && s[k] >= '0' && s[k] <= '9') {
        v = v * 10 + (s[k] - '0');
        if (v > 100000) v = 100000;
        k++;
    }
    if (k == j) return true;
    if (k < n && s[k] == '$') {
        if (*nout < max) out[(*nout)++] = (FmtArg){ v, NULL, NULL, { 0, 0 }, true };
        *i = k + 1;
        return true;
    }
    *i = k;
    return true;
}

/* Parses a format string into the arguments it references, rustc's
 * format spec grammar: `{` arg? (`:` spec)? `}`. Returns false (and sets
 * *err) on a malformed string. Names of `name$` counts are filled later. */
static int fmt_parse(FnCtx *cx, const char *s, size_t n, FmtArg *out, int max, const char **err, size_t *err_at,
                     Sym *names) {
    int nout = 0, next = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '}') {
            if (i + 1 < n && s[i + 1] == '}') {
                i++;
                continue;
            }
            *err = "invalid format string: unmatched `}` found";
            *err_at = i;
            return -1;
        }
        if (s[i] != '{') continue;
        if (i + 1 < n && s[i + 1] == '{') {
            i++;
            continue;
        }
        size_t open = i;
        size_t j = i + 1;
        FmtArg a = { -1, NULL, NULL, { 0, 0 }, false };
        while (j < n && s[j] == ' ') j++;
        if (j < n && is_ident_start(s[j])) {
            size_t k = j;
            while (k < n && is_ident_char(s[k])) k++;
            a.name = sym_intern(cx->u, s + j, k - j);
            j = k;
        } else if (j < n && s[j] >= '0' && s[j] <= '9') {
            int v = 0;
            while (j < n && s[j] >= '0' && s[j] <= '9') {
                v = v * 10 + (s[j] - '0');
                if (v > 100000) v = 100000;
                j++;
            }
            a.index = v;
        }
        Def *trait = cx->t->wk.display;
        int first_count = nout;
        if (j < n && s[j] == ':') {
            j++;
            /* fill and align */
            if (j + 1 < n && (s[j + 1] == '<' || s[j + 1] == '^' || s[j + 1] == '>') && s[j] != '}') {
                /* fill may be any char, possibly multibyte */
                j += 2;
            } else if (j < n && (s[j] == '<' || s[j] == '^' || s[j] == '>')) {
                j++;
            } else if (j < n && ((unsigned char)s[j] & 0x80)) {
                size_t k = j + 1;
                while (k < n && ((unsigned char)s[k] & 0xc0) == 0x80) k++;
                if (k < n && (s[k] == '<' || s[k] == '^' || s[k] == '>')) j = k + 1;
            }
            if (j < n && (s[j] == '+' || s[j] == '-')) j++;
            if (j < n && s[j] == '#') j++;
            if (j < n && s[j] == '0' && !(j + 1 < n && s[j + 1] == '$')) j++;
            fmt_count(s, n, &j, out, &nout, max, NULL);
            if (j < n && s[j] == '.') {
                j++;
                bool star = false;
                if (!fmt_count(s, n, &j, out, &nout, max, &star)) {
                    *err = "invalid format string: expected `}`, found an invalid precision";
                    *err_at = j;
                    return -1;
                }
                if (star && nout < max) out[nout++] = (FmtArg){ next++, NULL, NULL, { 0, 0 }, true };
            }
            /* type */
            if (j < n && s[j] == '?') {
                trait = cx->t->wk.debug;
                j++;
            } else if (j + 1 < n && (s[j] == 'x' || s[j] == 'X') && s[j + 1] == '?') {
                trait = cx->t->wk.debug;
                j += 2;
            } else if (j < n && is_ident_start(s[j])) {
                char c = s[j];
                size_t k = j;
                while (k < n && is_ident_char(s[k])) k++;
                if (k - j == 1) {
                    switch (c) {
                    case 'x': trait = cx->t->wk.lower_hex; break;
                    case 'X': trait = cx->t->wk.upper_hex; break;
                    case 'b': trait = cx->t->wk.binary; break;
                    case 'o': trait = cx->t->wk.octal; break;
                    case 'e': trait = cx->t->wk.lower_exp; break;
                    case 'E': trait = cx->t->wk.upper_exp; break;
                    case 'p': trait = NULL; break;
                    default: trait = NULL; break;
                    }
                    if (!trait && c != 'p') {
                        *err = arena_printf(cx->t->a, "unknown format trait `%c`", c);
                        *err_at = j;
                        return -1;
                    }
                } else {
                    *err = arena_printf(cx->t->a, "unknown format trait `%.*s`", (int)(k - j), s + j);
                    *err_at = j;
                    return -1;
                }
                j = k;
            }
        }
        while (j < n && s[j] == ' ') j++;
        if (j >= n || s[j] != '}') {
            *err = j >= n ? "invalid format string: expected `}` but string was terminated"
                          : arena_printf(cx->t->a, "invalid format string: expected `}`, found `%c`", s[j]);
            *err_at = j < n ? j : open;
            return -1;
        }
        /* counts reference arguments by index or name */
        for (int k = first_count; k < nout; k++) {
            if (out[k].index < 0 && !out[k].name && out[k].span.hi > out[k].span.lo) {
                size_t lo = out[k].span.lo, hi = out[k].span.hi;
                out[k].name = sym_intern(cx->u, s + lo, hi - lo);
            }
            out[k].span = (Span){ (uint32_t)open, (uint32_t)(j + 1) };
        }
        if (a.index < 0 && !a.name) a.index = next++;
        a.trait = trait;
        a.span = (Span){ (uint32_t)open, (uint32_t)(j + 1) };
        if (nout < max) out[nout++] = a;
        i = j;
    }
    (void)names;
    return nout;
}

static Expr *synth_path(FnCtx *cx, Sym name, Span sp) {
    Tcx *t = cx->t;
    Expr *e = arena_alloc(t->a, sizeof *e);
    e->kind = EX_PATH;
    e->span = sp;
    Path *p = arena_alloc(t->a, sizeof *p);
    PathSeg *seg = arena_alloc(t->a, sizeof *seg);
    seg->name = name;
    seg->span = sp;
    p->span = sp;
    list_push(t->a, &p->segs, seg);
    e->path = p;
    return e;
}

/* Checks the format string at args[first] against args[first+1..]. */
static void check_format(FnCtx *cx, Expr *e, int first) {
    Tcx *t = cx->t;
    MacroCall *m = e->mac;
    int nargs = m->args.n;
    if (first >= nargs) return;
    Expr *lit = LIST_GET(m->args, first, Expr);
    if (lit->kind != EX_STR) {
        cx_expr(cx, lit, NULL);
        if (strcmp(m->name, "panic") == 0 && nargs == first + 1) return; /* panic!(payload) */
        cx_error(cx, lit->span, NULL, NULL, "format argument must be a string literal");
        for (int i = first + 1; i < nargs; i++) cx_expr(cx, LIST_GET(m->args, i, Expr), NULL);
        return;
    }
    lit->type = t->t_static_str;
    list_push(t->a, &cx->exprs, lit);
    FmtArg refs[128];
    const char *err = NULL;
    size_t err_at = 0;
    int nr = fmt_parse(cx, lit->str ? lit->str : "", lit->str_len, refs, 128, &err, &err_at, NULL);
    /* the value arguments: positional first, then named */
    int npos = 0, nvals = nargs - first - 1;
    bool *used = arena_alloc(t->a, sizeof(bool) * (size_t)(nvals + 1));
    Type **types = arena_alloc(t->a, sizeof(Type *) * (size_t)(nvals + 1));
    for (int i = 0; i < nvals; i++) {
        Expr *a = LIST_GET(m->args, first + 1 + i, Expr);
        types[i] = cx_expr(cx, a, NULL);
        if (!LIST_GET(m->names, first + 1 + i, const char)) npos = i + 1;
    }
    if (nr < 0) {
        Span sp = fmt_span(cx, lit, err_at, err_at + 1);
        cx_error(cx, sp, NULL, NULL, "%s", err);
        return;
    }
    Res *res = arena_alloc(t->a, sizeof *res);
    res->kind = RES_MACRO;
    e->res = res;
    int max_index = -1;
    for (int k = 0; k < nr; k++) {
        FmtArg *a = &refs[k];
        int vi = -1;
        if (a->name) {
            for (int i = 0; i < nvals; i++)
                if (LIST_GET(m->names, first + 1 + i, const char) == a->name) vi = i;
            if (vi < 0) {
                /* an implicit capture of a variable in scope */
                int c = 0;
                for (; c < res->ncaptures; c++)
                    if (res->capture_names[c] == a->name) break;
                Expr *pe;
                if (c < res->ncaptures) {
                    pe = res->captures[c];
                } else {
                    Span sp = fmt_span(cx, lit, a->span.lo + 1, a->span.lo + 1 + strlen(a->name));
                    pe = synth_path(cx, a->name, sp);
                    cx_expr(cx, pe, NULL);
                    Expr **caps = arena_alloc(t->a, sizeof(Expr *) * (size_t)(res->ncaptures + 1));
                    Sym *names = arena_alloc(t->a, sizeof(Sym) * (size_t)(res->ncaptures + 1));
                    if (res->ncaptures) {
                        copy_n(caps, res->captures, sizeof(Expr *) * (size_t)res->ncaptures);
                        copy_n(names, res->capture_names, sizeof(Sym) * (size_t)res->ncaptures);
                    }
                    caps[res->ncaptures] = pe;
                    names[res->ncaptures] = a->name;
                    res->captures = caps;
                    res->capture_names = names;
                    res->ncaptures++;
                }
                if (a->is_count) {
                    if (!ty_unify(t, pe->type, t->t_int[INT_USIZE]))
                        cx_mismatch(cx, pe->span, t->t_int[INT_USIZE], pe->type, (Span){ 0, 0 }, NULL);
                } else if (a->trait) {
                    TraitRef tr = { a->trait, NULL, 0, NULL, NULL, 0 };
                    cx_obligation(cx, pe->type, &tr, pe->span, NULL, fmt_span(cx, lit, a->span.lo, a->span.hi), true,
                                  a->trait == t->wk.display ? OBL_FMT_DISPLAY : OBL_FMT_DEBUG);
                }
                continue;
            }
        } else {
            vi = a->index;
            if (vi > max_index) max_index = vi;
            if (vi >= npos) {
                if (nvals == 0 || a->index >= npos) {
                    /* reported once below */
                }
                continue;
            }
        }
        used[vi] = true;
        Expr *arg = LIST_GET(m->args, first + 1 + vi, Expr);
        if (a->is_count) {
            if (!ty_unify(t, types[vi], t->t_int[INT_USIZE]))
                cx_mismatch(cx, arg->span, t->t_int[INT_USIZE], types[vi], (Span){ 0, 0 }, NULL);
        } else if (a->trait) {
            TraitRef tr = { a->trait, NULL, 0, NULL, NULL, 0 };
            cx_obligation(cx, types[vi], &tr, arg->span, NULL, fmt_span(cx, lit, a->span.lo, a->span.hi), true,
                          a->trait == t->wk.display ? OBL_FMT_DISPLAY : a->trait == t->wk.debug ? OBL_FMT_DEBUG : OBL_FMT_OTHER);
        }
    }
    /* positional references past the arguments */
    int implicit = 0;
    for (int k = 0; k < nr; k++) implicit += !refs[k].name && refs[k].index >= 0;
    if (max_index >= npos) {
        bool any_explicit = false;
        for (int k = 0; k < nr; k++)
            if (refs[k].index >= npos && refs[k].index >= 0 && !refs[k].name) {
                Span sp = fmt_span(cx, lit, refs[k].span.lo, refs[k].span.hi);
                (void)sp;
            }
        int want = max_index + 1;
        if (cx->prelude) {
            cx_error(cx, lit->span, NULL, NULL, "format arguments");
        } else {
            Diag *d = NULL;
            for (int k = 0; k < nr && !any_explicit; k++) {
                /* an explicit `{1}` past the end gets rustc's own message */
                const char *s = lit->str;
                if (refs[k].index >= npos && !refs[k].name && refs[k].span.lo + 1 < lit->str_len &&
                    s[refs[k].span.lo + 1] >= '0' && s[refs[k].span.lo + 1] <= '9') {
                    any_explicit = true;
                    Span sp = fmt_span(cx, lit, refs[k].span.lo + 1, refs[k].span.hi - 1);
                    d = diag_error_at(cx->u, sp, NULL, NULL, "invalid reference to positional argument %d (%s)",
                                      refs[k].index, npos == 0 ? "no arguments were given"
                                                               : arena_printf(t->a, "there %s %d argument%s", npos == 1 ? "is" : "are",
                                                                              npos, plural(npos)));
                    d->spans[0].label = NULL;
                    diag_child(cx->u, d, DIAG_NOTE, "positional arguments are zero-based");
                }
            }
            if (!any_explicit) {
                d = diag_new(cx->u, DIAG_ERROR, NULL, "%d positional argument%s in format string, but %s", want, plural(want),
                             npos == 0 ? "no arguments were given"
                                       : arena_printf(t->a, "there %s %d argument%s", npos == 1 ? "is" : "are", npos, plural(npos)));
                bool first_span = true;
                for (int k = 0; k < nr; k++) {
                    if (refs[k].name || refs[k].is_count) continue;
                    Span sp = fmt_span(cx, lit, refs[k].span.lo, refs[k].span.hi);
                    diag_span(cx->u, d, sp, first_span || sp.lo != lit->span.lo, NULL);
                    first_span = false;
                    if (sp.lo == lit->span.lo) break;
                }
                if (first_span) diag_span(cx->u, d, lit->span, true, NULL);
                for (int i = 0; i < npos; i++)
                    diag_span(cx->u, d, LIST_GET(m->args, first + 1 + i, Expr)->span, false, NULL);
            }
        }
    }
    (void)implicit;
    /* arguments no placeholder uses */
    if (max_index < npos || npos == 0) {
        int unused = 0;
        for (int i = 0; i < nvals; i++) unused += !used[i];
        if (unused) {
            if (cx->prelude) {
                cx_error(cx, lit->span, NULL, NULL, "argument never used");
                return;
            }
            Diag *d = diag_new(cx->u, DIAG_ERROR, NULL, unused == 1 ? "argument never used" : "multiple unused formatting arguments");
            bool prim = true;
            for (int i = 0; i < nvals; i++) {
                if (used[i]) continue;
                Expr *a = LIST_GET(m->args, first + 1 + i, Expr);
                diag_span(cx->u, d, a->span, unused == 1 || prim, unused == 1 ? "argument never used" : "argument never used");
                prim = false;
            }
            diag_span(cx->u, d, lit->span, unused > 1, unused == 1 ? "formatting specifier missing" : "multiple missing formatting specifiers");
        }
    }
}

static Type *write_target(FnCtx *cx, Expr *e) {
    Tcx *t = cx->t;
    MacroCall *m = e->mac;
    if (m->args.n == 0) {
        cx_error(cx, e->span, NULL, NULL, "requires a destination and format arguments, like `%s!(dest, \"format string\", args...)`",
                 m->name);
        return t->t_err;
    }
    Expr *dst = LIST_GET(m->args, 0, Expr);
    Type *dt = cx_expr(cx, dst, NULL);
    if (ty_resolve(t, dt)->kind == TYPE_ERROR) return t->t_err;
    Pick pk;
    Sym wf = sym_cstr(cx->u, "write_fmt");
    t->cause = e->span;
    if (tr_probe_method(t, dt, wf, false, &pk) != 0) {
        cx_error(cx, dst->span, "E0599", NULL, "cannot write into `%s`", ty_str(t, cx_resolve(cx, dt)));
        return t->t_err;
    }
    if (pk.nderef || pk.autoref) {
        Adjust *a = cx_adjust(cx, dst);
        a->nderef = pk.nderef;
        if (pk.nderef) {
            a->deref_tys = arena_alloc(t->a, sizeof(Type *) * (size_t)pk.nderef);
            a->overloaded = arena_alloc(t->a, sizeof(bool) * (size_t)pk.nderef);
            copy_n(a->deref_tys, pk.steps, sizeof(Type *) * (size_t)pk.nderef);
            copy_n(a->overloaded, pk.overloaded, sizeof(bool) * (size_t)pk.nderef);
        }
        a->autoref = pk.autoref;
        a->source = dt;
        a->target = pk.recv;
    }
    res_def_sig(t, pk.method);
    return cx_instantiate(cx, pk.method->fn.call_ret, pk.args, pk.nargs);
}

Type *cx_macro(FnCtx *cx, Expr *e, Type *expected) {
    Tcx *t = cx->t;
    MacroCall *m = e->mac;
    const char *n = m->name;
    if (strcmp(n, "vec") == 0) {
        Type *h = expected ? ty_resolve(t, expected) : NULL;
        Type *elem = h && h->kind == TYPE_ADT && h->def == t->wk.vec && h->nargs == 1 ? h->args[0] : NULL;
        if (elem && (ty_resolve(t, elem)->flags & TF_INFER)) elem = NULL;
        if (m->repeat && m->args.n == 2) {
            Expr *x = LIST_GET(m->args, 0, Expr);
            Type *xt = cx_expr(cx, x, elem);
            if (elem && cx_try_coerce(cx, x, elem)) xt = elem;
            Expr *cnt = LIST_GET(m->args, 1, Expr);
            cx_expr_coerce(cx, cnt, t->t_int[INT_USIZE], (Span){ 0, 0 }, NULL);
            TraitRef tr = { t->wk.clone, NULL, 0, NULL, NULL, 0 };
            cx_obligation(cx, xt, &tr, x->span, NULL, (Span){ 0, 0 }, true, OBL_PLAIN);
            return ty_adt1(t, t->wk.vec, xt);
        }
        Type *target = elem;
        Span first_span = { 0, 0 };
        for (int i = 0; i < m->args.n; i++) {
            Expr *a = LIST_GET(m->args, i, Expr);
            cx_expr(cx, a, target);
            if (!target) {
                if (ty_resolve(t, a->type)->kind != TYPE_NEVER) {
                    target = a->type;
                    first_span = a->span;
                }
                continue;
            }
            if (!cx_try_coerce(cx, a, target)) {
                Type *tz = cx_resolve(cx, target), *az = cx_resolve(cx, a->type);
                if (!((tz->flags | az->flags) & TF_ERROR)) {
                    Diag *d = cx_error(cx, a->span, "E0308", NULL, "mismatched types");
                    if (!cx->prelude) {
                        d->spans[0].label = ty_expected_found(t, tz, az);
                        (void)first_span;
                    }
                }
            }
        }
        return ty_adt1(t, t->wk.vec, target ? target : cx_var(cx, e->span));
    }
    if (strcmp(n, "matches") == 0) {
        if (m->args.n < 1) return t->t_bool;
        Expr *x = LIST_GET(m->args, 0, Expr);
        Type *xt = cx_expr(cx, x, NULL);
        int mark = cx->nlocals;
        if (e->pat) cx_pat(cx, e->pat, xt, BIND_VALUE, true);
        if (e->cond) cx_expr_coerce(cx, e->cond, t->t_bool, (Span){ 0, 0 }, NULL);
        cx->nlocals = mark;
        return t->t_bool;
    }
    if (strcmp(n, "assert") == 0 || strcmp(n, "debug_assert") == 0) {
        if (m->args.n == 0) {
            cx_error(cx, e->span, NULL, NULL, "macro requires a boolean expression as an argument");
            return t->t_unit;
        }
        Expr *c = LIST_GET(m->args, 0, Expr);
        cx_expr_coerce(cx, c, t->t_bool, (Span){ 0, 0 }, NULL);
        if (m->args.n > 1) check_format(cx, e, 1);
        return t->t_unit;
    }
    if (strcmp(n, "assert_eq") == 0 || strcmp(n, "assert_ne") == 0 || strcmp(n, "debug_assert_eq") == 0 ||
        strcmp(n, "debug_assert_ne") == 0) {
        if (m->args.n < 2) {
            cx_error(cx, e->span, NULL, NULL, "macro requires two arguments");
            for (int i = 0; i < m->args.n; i++) cx_expr(cx, LIST_GET(m->args, i, Expr), NULL);
            return t->t_unit;
        }
        Expr *a = LIST_GET(m->args, 0, Expr), *b = LIST_GET(m->args, 1, Expr);
        Type *at = cx_expr(cx, a, NULL);
        Type *bt = cx_expr(cx, b, at);
        Type *ar = ty_resolve(t, at), *br = ty_resolve(t, bt);
        if (!((ar->flags | br->flags) & TF_ERROR)) {
            if ((ar->kind == TYPE_INT || ar->kind == TYPE_FLOAT || ar->kind == TYPE_INFER) &&
                (br->kind == TYPE_INT || br->kind == TYPE_FLOAT || br->kind == TYPE_INFER)) {
                if (!ty_unify(t, at, bt)) cx_mismatch(cx, b->span, at, bt, (Span){ 0, 0 }, NULL);
            } else {
                TraitRef tr = { t->wk.partial_eq, &bt, 1, NULL, NULL, 0 };
                cx_obligation(cx, at, &tr, e->span, NULL, (Span){ 0, 0 }, true, OBL_PLAIN);
            }
            TraitRef dbg = { t->wk.debug, NULL, 0, NULL, NULL, 0 };
            cx_obligation(cx, at, &dbg, a->span, NULL, (Span){ 0, 0 }, true, OBL_FMT_DEBUG);
            cx_obligation(cx, bt, &dbg, b->span, NULL, (Span){ 0, 0 }, true, OBL_FMT_DEBUG);
        }
        if (m->args.n > 2) check_format(cx, e, 2);
        return t->t_unit;
    }
    if (strcmp(n, "write") == 0 || strcmp(n, "writeln") == 0) {
        Type *r = write_target(cx, e);
        if (m->args.n > 1) check_format(cx, e, 1);
        else if (strcmp(n, "write") == 0 && m->args.n == 1)
            cx_error(cx, e->span, NULL, NULL, "requires at least a format string argument");
        return r;
    }
    bool diverges = strcmp(n, "panic") == 0 || strcmp(n, "unreachable") == 0 || strcmp(n, "todo") == 0 ||
                    strcmp(n, "unimplemented") == 0;
    if (m->args.n) check_format(cx, e, 0);
    if (diverges) return t->t_never;
    if (strcmp(n, "format") == 0) {
        if (m->args.n == 0) cx_error(cx, e->span, NULL, NULL, "requires at least a format string argument");
        return ty_adt(t, t->wk.string, NULL, 0);
    }
    if ((strcmp(n, "print") == 0 || strcmp(n, "eprint") == 0) && m->args.n == 0)
        cx_error(cx, e->span, NULL, NULL, "requires at least a format string argument");
    return t->t_unit;
}
