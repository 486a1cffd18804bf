/* check.c — the checker's driver and the parts of body checking every
 * expression uses: the phase itself (prelude, names, impls, bodies), local
 * scopes, blocks and statements, coercions (`!`, deref `&String` to `&str`,
 * unsizing to `dyn`, fn items to pointers), pending trait goals and their
 * E0277 reports, and the final resolution of every recorded type.
 */
#include "checker.h"
#include "dyn.h"

#include <stdio.h>
#include <string.h>

/* ----------------------------------------------------------- diagnostics */

bool cx_user(FnCtx *cx) { return !cx->prelude; }

/* Errors in prelude code are dynbox bugs: one ICE, never a prelude span. */
Diag *cx_error(FnCtx *cx, Span sp, const char *code, const char *label, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    Buf b = { 0 };
    buf_vprintf(&b, fmt, ap);
    va_end(ap);
    Diag *d;
    if (cx->prelude) {
        prelude_ice(cx->t, arena_printf(cx->t->a, "%s (in `%s`)", b.s ? b.s : "", cx->def && cx->def->name ? cx->def->name : "?"));
        /* a detached diagnostic the caller may decorate; never rendered */
        d = arena_alloc(cx->t->a, sizeof *d);
        d->level = DIAG_NOTE;
        d->message = "";
        diag_span(cx->u, d, sp, true, NULL);
    } else {
        d = diag_new(cx->u, DIAG_ERROR, code, "%s", b.s ? b.s : "");
        diag_span(cx->u, d, sp, true, "%s", label ? label : "");
        if (!label) d->spans[d->nspans - 1].label = NULL;
    }
    buf_free(&b);
    return d;
}


Type *cx_resolve(FnCtx *cx, Type *ty) { return ty_zonk(cx->t, ty, false); }

/* rustc reports exhaustiveness (E0004, E0005) only for bodies that type-check,
 * and borrow-checking errors (E0384, E0594, E0596) only for programs without
 * other errors. These diagnostics are built detached and added later. */
Diag *cx_deferred(FnCtx *cx, bool borrowck, Span sp, const char *code, const char *fmt, ...) {
    Tcx *t = cx->t;
    va_list ap;
    va_start(ap, fmt);
    Buf b = { 0 };
    buf_vprintf(&b, fmt, ap);
    va_end(ap);
    Diag *d = arena_alloc(t->a, sizeof *d);
    d->level = DIAG_ERROR;
    d->code = code;
    d->message = arena_strndup(t->a, b.s ? b.s : "", b.len);
    buf_free(&b);
    diag_span(cx->u, d, sp, true, NULL);
    if (!cx->prelude) list_push(t->a, borrowck ? &cx->deferred_bck : &cx->deferred, d);
    return d;
}

static void emit_late(DbUnit *u, List *l) {
    for (int i = 0; i < l->n; i++) {
        Diag *d = LIST_GET(*l, i, Diag);
        if (u->diags.tail) u->diags.tail->next = d;
        else u->diags.head = d;
        u->diags.tail = d;
        u->diags.errors++;
    }
    l->n = 0;
}

/* A body's pattern-check errors when it type-checked, and its borrow-check
 * errors when nothing else was wrong with it, queued for after all bodies. */
static void queue_deferred(FnCtx *cx) {
    Tcx *t = cx->t;
    if (cx->u->diags.errors != cx->errors_at_start) return;
    for (int i = 0; i < cx->deferred.n; i++) list_push(t->a, &t->late_diags, LIST_GET(cx->deferred, i, Diag));
    if (cx->deferred.n == 0)
        for (int i = 0; i < cx->deferred_bck.n; i++) list_push(t->a, &t->late_diags, LIST_GET(cx->deferred_bck, i, Diag));
    cx->deferred.n = cx->deferred_bck.n = 0;
}

/* E0308 with rustc's labels: "expected `X`, found `Y`" and, when the
 * expectation comes from a written type, "expected due to this". */
static bool is_digit_(char c) { return c >= '0' && c <= '9'; }
static bool int_signed(IntKind k) { return k <= INT_ISIZE; }
static int int_bits(IntKind k) {
    static const int bits[INT_KIND_COUNT] = { 8, 16, 32, 64, 128, 64, 8, 16, 32, 64, 128, 64 };
    return bits[k];
}

/* `From` between integer types: lossless on every target, as Rust's impls
 * (usize/isize only take u8/u16 and i8/i16/u8). */
static bool int_widens(IntKind from, IntKind to) {
    if (to == INT_USIZE) return from == INT_U8 || from == INT_U16;
    if (to == INT_ISIZE) return from == INT_I8 || from == INT_I16 || from == INT_U8;
    if (from == INT_USIZE || from == INT_ISIZE) return false;
    if (int_signed(from) && !int_signed(to)) return false;
    return int_bits(to) > int_bits(from);
}

/* A method call can be appended to the expression at sp without
 * parentheses: a path, field, call, index or literal chain. */
static bool simple_expr(DbUnit *u, Span sp) {
    if (sp.hi <= sp.lo || sp.hi > u->src.len) return false;
    int depth = 0;
    for (uint32_t i = sp.lo; i < sp.hi; i++) {
        char c = u->src.text[i];
        if (c == '(' || c == '[') depth++;
        else if (c == ')' || c == ']') depth--;
        else if (depth == 0 && !(c == '_' || c == '.' || c == ':' || (c >= '0' && c <= '9') ||
                                 (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')))
            return false;
    }
    return depth == 0;
}

/* `&found` would coerce to `expected` (a reference): found itself or what
 * it derefs to (`String` to `str`, `Vec<T>` to `[T]`, `Box<T>` to `T`). */
static bool borrow_coerces(Tcx *t, Type *expected, Type *found) {
    Type *want = ty_resolve(t, expected->inner), *cur = found;
    for (int i = 0; cur && i < 4; i++) {
        Snap snap = ty_snapshot(t);
        bool ok = ty_unify(t, want, cur);
        ty_rollback(t, snap);
        if (ok) return true;
        bool ov;
        cur = tr_deref(t, ty_resolve(t, cur), &ov);
    }
    return false;
}

void cx_mismatch(FnCtx *cx, Span sp, Type *expected, Type *found, Span due_to, const char *due_label) {
    Tcx *t = cx->t;
    expected = cx_resolve(cx, expected);
    found = cx_resolve(cx, found);
    if ((expected->flags | found->flags) & TF_ERROR) return;
    const char *es = ty_str(t, expected), *fs = ty_str(t, found);
    Diag *d = cx_error(cx, sp, "E0308", NULL, "mismatched types");
    if (cx->prelude) return;
    if (found->kind == TYPE_OPAQUE && found->expr == NULL && found->def && found->def->fn.is_async)
        d->spans[0].label = arena_printf(t->a, "expected `%s`, found future", es);
    else if (strcmp(es, fs) == 0)
        d->spans[0].label = arena_printf(t->a, "expected `%s`, found a different `%s`", es, fs);
    else
        d->spans[0].label = ty_expected_found(t, expected, found);
    if (due_label && due_to.hi > due_to.lo) diag_span(cx->u, d, due_to, false, "%s", due_label);
    /* the conversions people reach for */
    if (expected->kind == TYPE_ADT && expected->def == t->wk.string && found->kind == TYPE_REF &&
        ty_resolve(t, found->inner)->kind == TYPE_STR)
        diag_suggest(cx->u, d, (Span){ sp.hi, sp.hi }, ".to_string()", APP_MACHINE_APPLICABLE,
                     "try using a conversion method");
    else if (expected->kind == TYPE_ADT && expected->def == t->wk.string && simple_expr(cx->u, sp) &&
             (found->kind == TYPE_INT || found->kind == TYPE_FLOAT || found->kind == TYPE_CHAR ||
              found->kind == TYPE_BOOL || (found->kind != TYPE_INFER && tr_implements(t, found, t->wk.display))))
        diag_suggest(cx->u, d, (Span){ sp.hi, sp.hi }, ".to_string()", APP_MAYBE_INCORRECT,
                     "try using a conversion method");
    else if (expected->kind == TYPE_REF && found->kind != TYPE_REF && borrow_coerces(t, expected, found))
        diag_suggest(cx->u, d, (Span){ sp.lo, sp.lo }, expected->mut_ ? "&mut " : "&", APP_MACHINE_APPLICABLE,
                     "consider %sborrowing here", expected->mut_ ? "mutably " : "");
    else if (expected->kind == TYPE_INT && found->kind == TYPE_INT && simple_expr(cx->u, sp) &&
             !is_digit_(cx->u->src.text[sp.lo])) {
        const char *fa = int_signed((IntKind)found->sub) ? "an" : "a", *ea = int_signed((IntKind)expected->sub) ? "an" : "a";
        if (int_widens((IntKind)found->sub, (IntKind)expected->sub))
            diag_suggest(cx->u, d, (Span){ sp.hi, sp.hi }, ".into()", APP_MACHINE_APPLICABLE,
                         "you can convert %s `%s` to %s `%s`", fa, fs, ea, es);
        else
            diag_suggest(cx->u, d, (Span){ sp.hi, sp.hi }, ".try_into().unwrap()", APP_MAYBE_INCORRECT,
                         "you can convert %s `%s` to %s `%s` and panic if the converted value doesn't fit", fa, fs, ea, es);
    } else if (expected->kind == TYPE_FLOAT && found->kind == TYPE_FLOAT && expected->sub == FLOAT_F64 &&
               simple_expr(cx->u, sp) && !is_digit_(cx->u->src.text[sp.lo]))
        diag_suggest(cx->u, d, (Span){ sp.hi, sp.hi }, ".into()", APP_MACHINE_APPLICABLE,
                     "you can convert an `f32` to an `f64`");
    else if (found->kind == TYPE_OPAQUE && found->def && found->def->fn.is_async) {
        Type *out = tr_future_output(t, found);
        if (out) {
            Snap snap = ty_snapshot(t);
            bool ok = ty_unify(t, out, expected);
            ty_rollback(t, snap);
            if (ok)
                diag_suggest(cx->u, d, (Span){ sp.hi, sp.hi }, ".await", APP_MAYBE_INCORRECT,
                             "consider `await`ing on the `Future`");
        }
    }
}

Type *cx_var(FnCtx *cx, Span sp) { return ty_var(cx->t, VAR_TY, sp); }

static Type *fresh_cb(void *ctx, Span sp) { return cx_var(ctx, sp); }

Type *cx_lower_type(FnCtx *cx, Ty *ty) {
    cx->ts.allow_infer = true;
    cx->ts.mod = cx->mod;
    Type *r = res_type(cx->t, &cx->ts, ty);
    return tr_normalize(cx->t, r);
}

Frame *cx_frame(FnCtx *cx) { return &cx->frames[cx->nframes - 1]; }

Adjust *cx_adjust(FnCtx *cx, Expr *e) {
    if (!e->adjust) e->adjust = arena_alloc(cx->t->a, sizeof(Adjust));
    return e->adjust;
}

/* ----------------------------------------------------------------- locals */

Local *cx_new_local(FnCtx *cx, Sym name, Type *ty, Span sp, bool mut_, Pat *p) {
    Local *l = arena_alloc(cx->t->a, sizeof *l);
    l->name = name;
    l->ty = ty;
    l->span = sp;
    l->mut_ = mut_;
    l->id = cx->t->next_local++;
    l->pat = p;
    l->has_init = true;
    l->closure_depth = cx->nframes;
    if (cx->nlocals == cx->caplocals) {
        int cap = cx->caplocals ? cx->caplocals * 2 : 32;
        Local **v = arena_alloc(cx->t->a, sizeof(Local *) * (size_t)cap);
        if (cx->nlocals) copy_n(v, cx->locals, sizeof(Local *) * (size_t)cx->nlocals);
        cx->locals = v;
        cx->caplocals = cap;
    }
    cx->locals[cx->nlocals++] = l;
    return l;
}

/* Innermost first, so shadowing works. */
Local *cx_find_local(FnCtx *cx, Sym name) {
    for (int i = cx->nlocals - 1; i >= 0; i--)
        if (cx->locals[i]->name == name) return cx->locals[i];
    return NULL;
}

/* ---------------------------------------------------------- obligations */

void cx_obligation(FnCtx *cx, Type *self, const TraitRef *tr, Span sp, Def *origin, Span bound_span, bool prelude,
                   int kind) {
    Obligation *o = arena_alloc(cx->t->a, sizeof *o);
    o->self = self;
    o->tr = tr_copy(cx->t, tr);
    o->span = sp;
    o->origin = origin;
    o->bound_span = bound_span;
    o->bound_prelude = prelude;
    o->kind = kind;
    list_push(cx->t->a, &cx->pending, o);
}

/* The where clauses of `d` instantiated with `args` become goals. */
void cx_register_preds(FnCtx *cx, Def *d, Type **args, int n, Span sp) {
    Tcx *t = cx->t;
    res_def_generics(t, d);
    for (int i = 0; i < d->gen.npreds; i++) {
        Pred *p = &d->gen.preds[i];
        Type *self = cx_instantiate(cx, p->self, args, n);
        TraitRef *tr = traitref_subst(t, &p->tr, args, n);
        for (int k = 0; k < tr->nargs; k++) tr->args[k] = tr_normalize(t, tr->args[k]);
        for (int k = 0; k < tr->nbinds; k++) tr->bind_tys[k] = tr_normalize(t, tr->bind_tys[k]);
        Def *origin = d;
        if (d->kind == DEF_FN && d->parent && d->parent->kind == DEF_TRAIT && p->tr.trait == d->parent &&
            p->self->kind == TYPE_PARAM && p->self->id == 0 && p->tr.nbinds == 0)
            continue; /* `Self: Trait` of a trait's own method: the probe checked it */
        cx_obligation(cx, self, tr, sp, origin, p->span, p->prelude, OBL_PLAIN);
    }
}

Type *cx_instantiate(FnCtx *cx, Type *ty, Type **args, int n) {
    return tr_normalize(cx->t, ty_subst(cx->t, ty, args, n));
}

static const char *trait_display_name(Tcx *t, Def *d) {
    if (d == t->wk.display) return "std::fmt::Display";
    return d->name;
}

Span cx_def_head_span(const Def *d) {
    if (d->kind == DEF_FN && d->item) return d->item->sig.span;
    if (d->item_span.lo < d->span.lo && d->item_span.hi >= d->span.hi) return (Span){ d->item_span.lo, d->span.hi };
    return d->span;
}

static void suggest_derive(DbUnit *u, Diag *d, const Def *def, const char *trait);

void cx_suggest_derive(FnCtx *cx, Diag *d, const Def *def, const char *trait) {
    if (cx->prelude) return;
    suggest_derive(cx->u, d, def, trait);
}

/* rustc's "consider annotating `P` with `#[derive(Trait)]`": the attribute
 * on its own line above the item, indented like it. */
static void suggest_derive(DbUnit *u, Diag *d, const Def *def, const char *trait) {
    if (!def->item || def->prelude || def->item_span.hi > u->src.len) return;
    uint32_t line, col, ls, le;
    src_line_col(&u->src, def->item_span.lo, &line, &col);
    src_line_range(&u->src, line, &ls, &le);
    uint32_t ind = ls;
    while (ind < le && (u->src.text[ind] == ' ' || u->src.text[ind] == '\t')) ind++;
    if (ind != def->item_span.lo) return; /* not first on its line */
    diag_suggest(u, d, (Span){ ls, ls }, arena_printf(&u->arena, "%.*s#[derive(%s)]\n", (int)(ind - ls), u->src.text + ls, trait),
                 APP_MAYBE_INCORRECT, "consider annotating `%s` with `#[derive(%s)]`", def->name, trait);
}

void check_report_unsatisfied(Tcx *t, Type *self, const TraitRef *tr, Span at, Def *origin, Span bound_span,
                              bool bound_prelude, int kind) {
    WellKnown *w = &t->wk;
    DbUnit *u = t->u;
    self = ty_zonk(t, self, false);
    if (self->flags & TF_ERROR) return;
    if (at.hi > u->src.len) return; /* prelude spans: reported elsewhere */
    Def *d = tr->trait;
    const char *ss = ty_str(t, self);
    /* `dyn Trait` whose methods are not all `vtable` */
    if (self->kind == TYPE_DYN && u->dyn) {
        TraitRef el[32];
        int n = tr_elaborate(t, self, self->tr, el, 32);
        for (int i = 0; i < n; i++)
            if (el[i].trait == d && !tr_dyn_implements_trait(t, d)) {
                const DynTrait *dt = dyn_trait(u, d->name);
                if (dt) {
                    dyn_report_not_impl(u, at, dt);
                    return;
                }
            }
    }
    Diag *g;
    bool user_adt = self->kind == TYPE_ADT && !self->def->prelude;
    bool fmt = (kind == OBL_FMT_DISPLAY || kind == OBL_FMT_DEBUG) && bound_span.hi > bound_span.lo &&
               bound_span.hi <= u->src.len;
    if (d == w->display) {
        g = diag_error_at(u, at, "E0277", NULL, "`%s` doesn't implement `std::fmt::Display`", ss);
        g->spans[0].label = arena_printf(t->a, "`%s` cannot be formatted with the default formatter", ss);
        if (fmt) diag_span(u, g, bound_span, false, "required by this formatting parameter");
        Diag *h = diag_child(u, g, DIAG_HELP, "the trait `std::fmt::Display` is not implemented for `%s`", ss);
        if (user_adt) diag_span(u, h, cx_def_head_span(self->def), true, NULL);
        diag_child(u, g, DIAG_NOTE, "in format strings you may be able to use `{:?}` (or {:#?} for pretty-print) instead");
    } else if (d == w->debug) {
        g = diag_error_at(u, at, "E0277", NULL, "`%s` doesn't implement `Debug`", ss);
        g->spans[0].label = arena_printf(t->a, "`%s` cannot be formatted using `{:?}` because it doesn't implement `Debug`", ss);
        if (fmt) diag_span(u, g, bound_span, false, "required by this formatting parameter");
        diag_child(u, g, DIAG_HELP, "the trait `Debug` is not implemented for `%s`", ss);
        if (user_adt) {
            diag_child(u, g, DIAG_NOTE, "add `#[derive(Debug)]` to `%s` or manually `impl Debug for %s`", ss, ss);
            suggest_derive(u, g, self->def, "Debug");
        }
    } else if (d == w->iterator || (d == w->into_iterator && kind == OBL_FOR_LOOP)) {
        g = diag_error_at(u, at, "E0277", NULL, "`%s` is not an iterator", ss);
        g->spans[0].label = arena_printf(t->a, "`%s` is not an iterator", ss);
        diag_child(u, g, DIAG_HELP, "the trait `Iterator` is not implemented for `%s`", ss);
        if (d == w->into_iterator) diag_child(u, g, DIAG_NOTE, "required for `%s` to implement `IntoIterator`", ss);
    } else if (d == w->future || d == w->into_future) {
        g = diag_error_at(u, at, "E0277", NULL, "`%s` is not a future", ss);
        g->spans[0].label = arena_printf(t->a, "`%s` is not a future", ss);
        diag_child(u, g, DIAG_HELP, "the trait `Future` is not implemented for `%s`", ss);
        diag_child(u, g, DIAG_NOTE, "%s must be a future or must implement `IntoFuture` to be awaited", ss);
    } else if (d == w->from && kind == OBL_QUESTION && tr->nargs == 1) {
        const char *es = ty_str(t, ty_zonk(t, tr->args[0], false));
        g = diag_error_at(u, at, "E0277", NULL, "`?` couldn't convert the error to `%s`", ss);
        g->spans[0].label = arena_printf(t->a, "the trait `From<%s>` is not implemented for `%s`", es, ss);
        diag_child(u, g, DIAG_NOTE, "the question mark operation (`?`) implicitly performs a conversion on the error value using the `From` trait");
    } else if ((d == w->sum || d == w->product) && tr->nargs == 1) {
        const char *es = ty_str(t, ty_zonk(t, tr->args[0], false));
        g = diag_error_at(u, at, "E0277", NULL, "a value of type `%s` cannot be made by %s an iterator over elements of type `%s`",
                          ss, d == w->sum ? "summing" : "multiplying", es);
        g->spans[0].label = arena_printf(t->a, "value of type `%s` cannot be made by %s a `std::iter::Iterator<Item=%s>`", ss,
                                         d == w->sum ? "summing" : "multiplying", es);
    } else if (d == w->from_iterator && tr->nargs == 1) {
        const char *es = ty_str(t, ty_zonk(t, tr->args[0], false));
        g = diag_error_at(u, at, "E0277", NULL, "a value of type `%s` cannot be built from an iterator over elements of type `%s`",
                          ss, es);
        g->spans[0].label = arena_printf(t->a, "value of type `%s` cannot be built from `std::iter::Iterator<Item=%s>`", ss, es);
    } else if ((d == w->fn || d == w->fn_mut || d == w->fn_once) && tr->nargs == 1) {
        TraitRef plain = *tr;
        Buf b = { 0 };
        traitref_print(t, &b, &plain);
        if (self->kind == TYPE_CLOSURE) {
            ClosureInfo *ci = self->expr->res ? self->expr->res->closure : NULL;
            ClosureKind want = d == w->fn ? CLOSURE_FN : d == w->fn_mut ? CLOSURE_FN_MUT : CLOSURE_FN_ONCE;
            if (!ci || ci->kind <= want) {
                /* not the kind: the arguments differ, already reported (E0593, E0308) */
                buf_free(&b);
                return;
            }
            const char *have = ci->kind == CLOSURE_FN_MUT ? "FnMut" : "FnOnce";
            g = diag_error_at(u, self->expr->span, "E0525", NULL,
                              "expected a closure that implements the `%s` trait, but this closure only implements `%s`",
                              d->name, have);
            g->spans[0].label = arena_printf(t->a, "this closure implements `%s`, not `%s`", have, d->name);
            if (at.lo != self->expr->span.lo) diag_span(u, g, at, false, "the requirement to implement `%s` derives from here", d->name);
        } else {
            g = diag_error_at(u, at, "E0277", NULL, "expected a `%s` closure, found `%s`", b.s, ss);
            g->spans[0].label = arena_printf(t->a, "expected an `%s` closure, found `%s`", b.s, ss);
        }
        buf_free(&b);
    } else {
        const char *trs = traitref_str(t, NULL, tr);
        g = diag_error_at(u, at, "E0277", NULL, "the trait bound `%s: %s` is not satisfied", ss, trs);
        g->spans[0].label = arena_printf(t->a, "the trait `%s` is not implemented for `%s`", trs, ss);
        (void)trait_display_name;
    }
    if (origin && origin->name && !bound_prelude && bound_span.hi > bound_span.lo && bound_span.hi <= u->src.len) {
        Diag *n = diag_child(u, g, DIAG_NOTE, "required by a bound in `%s`", origin->name);
        diag_span(u, n, bound_span, true, "required by this bound in `%s`", origin->name);
    } else if (origin && origin->name && origin->prelude) {
        diag_child(u, g, DIAG_NOTE, "required by a bound in `%s`", origin->name);
    }
}

/* Decides what can be decided now: YES goals leave the list, NO goals are
 * reported, MAYBE goals wait for more inference. Repeats while progress. */
void cx_select(FnCtx *cx) {
    Tcx *t = cx->t;
    for (int round = 0; round < 16; round++) {
        bool progress = false;
        int keep = 0;
        for (int i = 0; i < cx->pending.n; i++) {
            Obligation *o = LIST_GET(cx->pending, i, Obligation);
            t->cause = o->span;
            Selection sel;
            SolveResult r = tr_solve(t, o->self, &o->tr, true, &sel);
            if (r == SOLVE_MAYBE) {
                cx->pending.v[keep++] = o;
                continue;
            }
            progress = true;
            if (r == SOLVE_NO && !o->reported) {
                o->reported = true;
                Type *self = ty_resolve(t, o->self);
                Def *d = o->tr.trait;
                if (self->kind == TYPE_CLOSURE && (d == t->wk.fn || d == t->wk.fn_mut || d == t->wk.fn_once) &&
                    !cx->prelude) {
                    /* the closure's kind: like rustc, only when the body has no other error */
                    ClosureInfo *ci = self->expr->res ? self->expr->res->closure : NULL;
                    ClosureKind want = d == t->wk.fn ? CLOSURE_FN : d == t->wk.fn_mut ? CLOSURE_FN_MUT : CLOSURE_FN_ONCE;
                    if (ci && ci->kind > want) {
                        const char *have = ci->kind == CLOSURE_FN_MUT ? "FnMut" : "FnOnce";
                        Diag *g = cx_deferred(cx, false, self->expr->span, "E0525",
                                              "expected a closure that implements the `%s` trait, but this closure only implements `%s`",
                                              d->name, have);
                        g->spans[0].label = arena_printf(t->a, "this closure implements `%s`, not `%s`", have, d->name);
                        if (o->span.lo != self->expr->span.lo && o->span.hi <= cx->u->src.len)
                            diag_span(cx->u, g, o->span, false, "the requirement to implement `%s` derives from here", d->name);
                    }
                    continue;
                }
                if (cx->prelude) {
                    cx_error(cx, o->span, "E0277", NULL, "the trait bound `%s` is not satisfied",
                             traitref_str(t, ty_zonk(t, o->self, false), &o->tr));
                } else {
                    check_report_unsatisfied(t, o->self, &o->tr, o->span, o->origin, o->bound_span, o->bound_prelude,
                                             o->kind);
                }
            }
        }
        cx->pending.n = keep;
        if (!progress) break;
    }
}

/* ------------------------------------------------------------ coercions */

static bool is_adt(Type *ty, Def *d) { return ty->kind == TYPE_ADT && ty->def == d && d; }

/* Unsizing `src` to `dst` (`S` to `dyn T`, `[T; N]` to `[T]`, `dyn Sub`
 * to `dyn Super`): true when it applies (goals registered). */
static bool unsize(FnCtx *cx, Type *src, Type *dst, Span sp) {
    Tcx *t = cx->t;
    src = ty_resolve(t, src);
    dst = ty_resolve(t, dst);
    if (dst->kind == TYPE_DYN) {
        if (src->kind == TYPE_DYN) {
            if (src->tr->trait == dst->tr->trait) return false;
            TraitRef el[32];
            int n = tr_elaborate(t, src, src->tr, el, 32);
            for (int i = 1; i < n; i++)
                if (el[i].trait == dst->tr->trait) return true; /* upcast */
            return false;
        }
        if (src->kind == TYPE_INFER && src->sub == VAR_TY) return false;
        /* S: Trait, with the dyn's bindings */
        cx_obligation(cx, src, dst->tr, sp, NULL, (Span){ 0, 0 }, true, OBL_PLAIN);
        return true;
    }
    if (dst->kind == TYPE_SLICE && src->kind == TYPE_ARRAY) return ty_unify(t, src->inner, dst->inner);
    return false;
}

/* Tries to coerce e (already checked) to `dst`; records the adjustment.
 * False leaves no trace (the caller reports). */
static bool coerce(FnCtx *cx, Expr *e, Type *dst) {
    Tcx *t = cx->t;
    Type *src = ty_resolve(t, e->type);
    dst = ty_resolve(t, dst);
    if (src == dst) return true;
    if (src->kind == TYPE_NEVER) {
        if (dst->kind != TYPE_NEVER) {
            Adjust *a = cx_adjust(cx, e);
            a->coerce = COERCE_NEVER;
            a->source = src;
            a->target = dst;
        }
        return true;
    }
    if (dst->kind == TYPE_INFER || src->kind == TYPE_INFER) return ty_unify(t, src, dst);
    Snap snap = ty_snapshot(t);
    if (src->kind == TYPE_REF && dst->kind == TYPE_REF) {
        if (dst->mut_ && !src->mut_) return ty_unify(t, src, dst);
        Type *target = ty_resolve(t, dst->inner);
        Type *inner = ty_resolve(t, src->inner);
        if ((target->kind == TYPE_DYN && inner->kind != TYPE_INFER) || (target->kind == TYPE_SLICE && inner->kind == TYPE_ARRAY)) {
            if (inner->kind == TYPE_DYN && inner->tr->trait == target->tr->trait) {
                if (ty_unify(t, inner, target)) goto reborrow;
                ty_rollback(t, snap);
                return false;
            }
            if (unsize(cx, inner, target, e->span)) {
                Adjust *a = cx_adjust(cx, e);
                a->coerce = COERCE_UNSIZE;
                a->source = src;
                a->target = dst;
                return true;
            }
            ty_rollback(t, snap);
        }
        /* deref coercion: &&T, &String, &Box<T>, &Vec<T> */
        Type *cur = inner;
        bool over[16];
        Type *steps[16];
        for (int k = 0; k < 12 && cur; k++) {
            Snap s2 = ty_snapshot(t);
            if (ty_unify(t, cur, target)) {
                if (k == 0) goto reborrow;
                Adjust *a = cx_adjust(cx, e);
                a->nderef = k + 1;
                a->deref_tys = arena_alloc(t->a, sizeof(Type *) * (size_t)(k + 1));
                a->overloaded = arena_alloc(t->a, sizeof(bool) * (size_t)(k + 1));
                a->deref_tys[0] = inner;
                a->overloaded[0] = false;
                for (int j = 0; j < k; j++) {
                    a->deref_tys[j + 1] = steps[j];
                    a->overloaded[j + 1] = over[j];
                }
                a->autoref = dst->mut_ ? AUTOREF_MUT : AUTOREF_REF;
                a->source = src;
                a->target = dst;
                return true;
            }
            ty_rollback(t, s2);
            bool ov;
            Type *next = tr_deref(t, cur, &ov);
            if (!next) break;
            cur = ty_resolve(t, next);
            steps[k] = cur;
            over[k] = ov;
            if (cur->kind == TYPE_INFER) break;
        }
        ty_rollback(t, snap);
        return false;
    reborrow:
        if (src->mut_ && !dst->mut_) {
            Adjust *a = cx_adjust(cx, e);
            a->coerce = COERCE_REBORROW;
            a->source = src;
            a->target = dst;
        }
        return true;
    }
    /* Box<S> / Pin<Box<S>> to Box<dyn T> / Pin<Box<dyn T>> */
    if (src->kind == TYPE_ADT && dst->kind == TYPE_ADT && src->def == dst->def &&
        (is_adt(src, t->wk.box) || is_adt(src, t->wk.pin)) && src->nargs == 1) {
        Type *si = ty_resolve(t, src->args[0]), *di = ty_resolve(t, dst->args[0]);
        if (is_adt(src, t->wk.pin)) {
            if (si->kind == TYPE_ADT && di->kind == TYPE_ADT && si->def == di->def && is_adt(si, t->wk.box)) {
                si = ty_resolve(t, si->args[0]);
                di = ty_resolve(t, di->args[0]);
            } else {
                return ty_unify(t, src, dst);
            }
        }
        if (di->kind == TYPE_DYN && !(si->kind == TYPE_DYN && si->tr->trait == di->tr->trait) && si->kind != TYPE_INFER) {
            if (unsize(cx, si, di, e->span)) {
                Adjust *a = cx_adjust(cx, e);
                a->coerce = COERCE_UNSIZE;
                a->source = src;
                a->target = dst;
                return true;
            }
            ty_rollback(t, snap);
            return false;
        }
        if (di->kind == TYPE_SLICE && si->kind == TYPE_ARRAY && ty_unify(t, si->inner, di->inner)) {
            Adjust *a = cx_adjust(cx, e);
            a->coerce = COERCE_UNSIZE;
            a->source = src;
            a->target = dst;
            return true;
        }
        ty_rollback(t, snap);
    }
    /* fn items and closures to fn pointers */
    if (dst->kind == TYPE_FNPTR && (src->kind == TYPE_FNDEF || src->kind == TYPE_CLOSURE)) {
        Type **ps;
        int np;
        Type *ret;
        ClosureKind ck;
        if (tr_fn_sig(t, src, &ps, &np, &ret, &ck) && np == dst->nargs) {
            bool ok = true;
            for (int i = 0; i < np && ok; i++) ok = ty_unify(t, ps[i], dst->args[i]);
            ok = ok && ty_unify(t, ret, dst->inner);
            if (ok) {
                Adjust *a = cx_adjust(cx, e);
                a->coerce = COERCE_FNPTR;
                a->source = src;
                a->target = dst;
                return true;
            }
        }
        ty_rollback(t, snap);
        return false;
    }
    if (ty_unify(t, src, dst)) return true;
    ty_rollback(t, snap);
    return false;
}

/* A block's (or parenthesized expression's) coercion applies to its value:
 * the lowering finds it on the expression that produces it. */
static Expr *value_expr(Expr *e) {
    for (int depth = 0; depth < 64 && e; depth++) {
        if (e->kind == EX_PAREN && e->lhs) {
            e = e->lhs;
            continue;
        }
        if (e->kind == EX_BLOCK && !e->label && e->body && e->body->stmts.n) {
            Stmt *last = LIST_GET(e->body->stmts, e->body->stmts.n - 1, Stmt);
            if (last->kind == ST_EXPR && !last->semi && last->expr && last->expr->type) {
                e = last->expr;
                continue;
            }
        }
        break;
    }
    return e;
}

bool cx_try_coerce(FnCtx *cx, Expr *e, Type *expected) {
    Expr *v = value_expr(e);
    if (v != e && v->type && ty_resolve(cx->t, e->type) == ty_resolve(cx->t, v->type)) {
        if (!coerce(cx, v, expected)) return false;
        /* the enclosing blocks now have the target type */
        for (Expr *x = e; x && x != v;) {
            x->type = expected;
            if (x->kind == EX_PAREN) x = x->lhs;
            else x = LIST_GET(x->body->stmts, x->body->stmts.n - 1, Stmt)->expr;
        }
        return true;
    }
    return coerce(cx, e, expected);
}

Type *cx_coerce(FnCtx *cx, Expr *e, Type *expected, Span due_to, const char *due_label) {
    if (!expected) return e->type;
    if (cx_try_coerce(cx, e, expected)) return expected;
    cx_mismatch(cx, value_expr(e)->span, expected, e->type, due_to, due_label);
    return expected;
}

/* ----------------------------------------------------------- statements */

static void check_let(FnCtx *cx, Stmt *s) {
    Tcx *t = cx->t;
    Type *declared = s->ty ? cx_lower_type(cx, s->ty) : NULL;
    Type *ty = declared;
    if (s->init) {
        if (declared) {
            cx_expr(cx, s->init, declared);
            cx_coerce(cx, s->init, declared, s->ty->span, "expected due to this");
        } else {
            ty = cx_expr(cx, s->init, NULL);
        }
    }
    if (!ty) ty = cx_var(cx, s->pat->span);
    if (s->else_) {
        /* let-else: the else block must diverge */
        Type *et = cx_block(cx, s->else_, NULL);
        Type *r = ty_resolve(t, et);
        if (r->kind != TYPE_NEVER && r->kind != TYPE_ERROR) {
            Diag *d = cx_error(cx, s->else_->span, "E0308", NULL, "`else` clause of `let...else` does not diverge");
            if (!cx->prelude) {
                d->spans[0].label = arena_printf(t->a, "expected `!`, found `%s`", ty_str(t, et));
                diag_child(cx->u, d, DIAG_HELP, "try adding a diverging expression, such as `return` or `panic!(..)`");
            }
        }
    }
    int before = cx->nlocals;
    cx_pat(cx, s->pat, ty, BIND_VALUE, true);
    if (!s->else_) cx_let_irrefutable(cx, s->pat, ty, s->pat->span, false);
    for (int i = before; i < cx->nlocals; i++) {
        Local *l = cx->locals[i];
        l->has_init = s->init != NULL;
        if (!declared) list_push(t->a, &cx->let_locals, l);
    }
}

/* block = stmt* tail?  Its type is the tail's, `()` without one, `!` when a
 * statement diverges and there is no tail. */
Type *cx_block(FnCtx *cx, Block *b, Type *expected) {
    Tcx *t = cx->t;
    if (!b) return t->t_unit;
    int mark = cx->nlocals;
    Module *saved = cx->mod;
    Module *bm = ptrmap_get(&t->block_mods, b, NULL);
    if (bm) cx->mod = bm;
    bool diverges = false;
    Type *result = NULL;
    for (int i = 0; i < b->stmts.n; i++) {
        Stmt *s = LIST_GET(b->stmts, i, Stmt);
        bool last = i == b->stmts.n - 1;
        switch (s->kind) {
        case ST_LET:
            check_let(cx, s);
            if (s->init && s->init->type && ty_resolve(t, s->init->type)->kind == TYPE_NEVER) diverges = true;
            break;
        case ST_EXPR: {
            if (!s->expr) break;
            if (last && !s->semi) {
                result = cx_expr(cx, s->expr, expected);
                break;
            }
            Type *ty = cx_expr(cx, s->expr, s->semi ? NULL : t->t_unit);
            Type *r = ty_resolve(t, ty);
            if (r->kind == TYPE_NEVER) diverges = true;
            /* a block-like expression statement without `;` must be () */
            if (!s->semi && r->kind != TYPE_NEVER && !ty_unify(t, ty, t->t_unit))
                cx_mismatch(cx, value_expr(s->expr)->span, t->t_unit, ty, (Span){ 0, 0 }, NULL);
            break;
        }
        case ST_ITEM:
        case ST_EMPTY:
            break;
        }
    }
    cx->nlocals = mark;
    cx->mod = saved;
    if (result) return result;
    return diverges ? t->t_never : t->t_unit;
}

/* ------------------------------------------------------------ functions */

/* The fn's own `impl Trait` types stand for inference variables inside
 * its body; what they resolve to is the hidden type the lowering needs. */
static Type *hide_opaques(FnCtx *cx, Type *ty) {
    Tcx *t = cx->t;
    ty = ty_resolve(t, ty);
    if (!(ty->flags & TF_OPAQUE)) return ty;
    if (ty->kind == TYPE_OPAQUE && ty->def == cx->def && !ty->expr && ty->id < (uint32_t)cx->nopaque)
        return cx->opaque_vars[ty->id];
    Type p = *ty;
    Type *buf[16];
    if (ty->nargs > 16) return ty;
    for (int i = 0; i < ty->nargs; i++) buf[i] = hide_opaques(cx, ty->args[i]);
    p.args = buf;
    if (ty->inner) p.inner = hide_opaques(cx, ty->inner);
    if (ty->tr) return ty;
    return ty_intern(t, &p);
}

static void zonk_adjust(Tcx *t, Adjust *a) {
    if (!a) return;
    for (int i = 0; i < a->nderef; i++) a->deref_tys[i] = ty_zonk(t, a->deref_tys[i], true);
    a->source = ty_zonk(t, a->source, true);
    a->target = ty_zonk(t, a->target, true);
}

static void zonk_res(FnCtx *cx, Res *r) {
    Tcx *t = cx->t;
    if (!r) return;
    for (int i = 0; i < r->nargs; i++) r->args[i] = ty_zonk(t, r->args[i], true);
    r->self_ty = ty_zonk(t, r->self_ty, true);
    if (r->closure) {
        ClosureInfo *ci = r->closure;
        for (int i = 0; i < ci->nparams; i++) ci->params[i] = ty_zonk(t, ci->params[i], true);
        ci->ret = ty_zonk(t, ci->ret, true);
    }
    if (r->local) r->local->ty = ty_zonk(t, r->local->ty, true);
    cx_resolve_dispatch(cx, r);
}

/* Unconstrained `{integer}` is i32 and `{float}` f64, as in Rust. */
static void default_numeric_vars(FnCtx *cx) {
    Tcx *t = cx->t;
    for (uint32_t i = cx->var_base; i < t->nvars; i++) {
        if (t->vars[i].binding || t->vars[i].kind == VAR_TY) continue;
        Type p = { 0 };
        p.kind = TYPE_INFER;
        p.id = i;
        p.sub = (uint8_t)t->vars[i].kind;
        Type *v = ty_intern(t, &p);
        ty_unify(t, v, t->vars[i].kind == VAR_INT ? t->t_int[INT_I32] : t->t_float[FLOAT_F64]);
    }
}

static void report_uninferred(FnCtx *cx) {
    Tcx *t = cx->t;
    if (cx->u->diags.errors != cx->errors_at_start) return; /* rustc: not after other errors */
    for (int i = 0; i < cx->let_locals.n && !cx->reported_infer; i++) {
        Local *l = LIST_GET(cx->let_locals, i, Local);
        Type *z = ty_zonk(t, l->ty, false);
        if ((z->flags & TF_INFER) && !(z->flags & TF_ERROR)) {
            cx->reported_infer = true;
            Diag *d = cx_error(cx, l->span, "E0282", NULL, "type annotations needed%s%s%s",
                               z->kind == TYPE_INFER ? "" : " for `", z->kind == TYPE_INFER ? "" : ty_str(t, z),
                               z->kind == TYPE_INFER ? "" : "`");
            if (!cx->prelude) diag_child(cx->u, d, DIAG_HELP, "consider giving `%s` an explicit type", l->name);
        }
    }
    if (cx->reported_infer) return;
    for (int i = 0; i < cx->pending.n; i++) {
        Obligation *o = LIST_GET(cx->pending, i, Obligation);
        Type *z = ty_zonk(t, o->self, false);
        if (z->flags & TF_ERROR) continue;
        if (o->span.hi == 0) continue;
        cx->reported_infer = true;
        cx_error(cx, o->span, "E0283", "cannot infer type", "type annotations needed");
        break;
    }
}

static void set_frame(FnCtx *cx, FrameKind k, Type *ret, Span ret_span, bool written, bool is_async, Expr *e,
                      Span fn_span) {
    if (cx->nframes >= 64) return;
    Frame *f = &cx->frames[cx->nframes++];
    memset(f, 0, sizeof *f);
    f->kind = k;
    f->ret = ret;
    f->ret_span = ret_span;
    f->ret_written = written;
    f->is_async = is_async;
    f->e = e;
    f->fn_span = fn_span;
    f->locals_base = cx->nlocals;
}

static void finish_body(FnCtx *cx) {
    Tcx *t = cx->t;
    cx_select(cx);
    default_numeric_vars(cx);
    cx_select(cx);
    report_uninferred(cx);
    cx_check_irrefutable(cx);
    /* rustc checks patterns of bodies that type-check, and borrow-checks
     * bodies without any error */
    queue_deferred(cx);
    /* hidden types of `impl Trait` and their bounds */
    Def *d = cx->def;
    for (int i = 0; i < cx->nopaque; i++) {
        Opaque *o = &d->fn.opaques[i];
        if (o->is_future) continue;
        /* its bounds were goals of the body (registered in check_fn) */
        o->concrete = ty_zonk(t, cx->opaque_vars[i], true);
    }
    for (int i = 0; i < cx->exprs.n; i++) {
        Expr *e = LIST_GET(cx->exprs, i, Expr);
        e->type = ty_zonk(t, e->type, true);
        zonk_adjust(t, e->adjust);
        zonk_res(cx, e->res);
    }
    for (int i = 0; i < cx->pats.n; i++) {
        Pat *p = LIST_GET(cx->pats, i, Pat);
        p->type = ty_zonk(t, p->type, true);
        zonk_res(cx, p->res);
    }
}

static void init_ctx(FnCtx *cx, Tcx *t, Def *d) {
    memset(cx, 0, sizeof *cx);
    cx->t = t;
    cx->u = t->u;
    cx->def = d;
    cx->prelude = d->prelude;
    cx->mod = d->mod ? d->mod : t->crate;
    res_scope_for(t, d, &cx->ts);
    cx->ts.fresh = fresh_cb;
    cx->ts.fresh_ctx = cx;
    cx->var_base = t->nvars;
    cx->errors_at_start = t->u->diags.errors;
    t->pending = &cx->pending;
    tr_set_env(t, d);
}

static void check_fn(Tcx *t, Def *d) {
    Item *it = d->item;
    if (!it || !it->body || d->checked) return;
    d->checked = true;
    res_def_sig(t, d);
    FnCtx cx;
    init_ctx(&cx, t, d);
    FnInfo *f = &d->fn;
    cx.nopaque = f->nopaques;
    if (f->nopaques) {
        cx.opaque_vars = arena_alloc(t->a, sizeof(Type *) * (size_t)f->nopaques);
        for (int i = 0; i < f->nopaques; i++) cx.opaque_vars[i] = cx_var(&cx, f->opaques[i].span);
    }
    Type *ret = hide_opaques(&cx, tr_normalize(t, f->ret));
    for (int i = 0; i < cx.nopaque; i++) {
        Opaque *o = &f->opaques[i];
        if (o->is_future) continue;
        for (int b = 0; b < o->nbounds; b++) {
            TraitRef *tr = traitref_subst(t, &o->bounds[b], NULL, 0);
            for (int k = 0; k < tr->nbinds; k++) tr->bind_tys[k] = hide_opaques(&cx, tr->bind_tys[k]);
            for (int k = 0; k < tr->nargs; k++) tr->args[k] = hide_opaques(&cx, tr->args[k]);
            cx_obligation(&cx, cx.opaque_vars[i], tr, o->span, NULL, (Span){ 0, 0 }, true, OBL_PLAIN);
        }
    }
    Span ret_span = it->sig.ret ? it->sig.ret->span : (Span){ it->sig.params_span.hi, it->sig.params_span.hi };
    set_frame(&cx, FRAME_FN, ret, ret_span, it->sig.ret != NULL, f->is_async, NULL,
              (Span){ it->sig.span.lo, it->sig.name_span.hi });
    /* parameters */
    int k = 0;
    if (f->has_self) {
        Local *l = cx_new_local(&cx, t->wk.s_self_lower, tr_normalize(t, f->params[0]), it->sig.self_span,
                                it->sig.self_mut, NULL);
        f->self_local = l;
        k = 1;
    }
    for (int i = 0; i < it->sig.params.n; i++, k++) {
        Param *p = LIST_GET(it->sig.params, i, Param);
        Type *pt = k < f->nparams ? tr_normalize(t, f->params[k]) : t->t_err;
        cx_pat(&cx, p->pat, pt, BIND_VALUE, true);
        cx_let_irrefutable(&cx, p->pat, pt, p->pat->span, false);
    }
    Expr body = { 0 };
    body.kind = EX_BLOCK;
    body.body = it->body;
    body.span = it->body->span;
    if (it->sig.ret) cx_mark_ret_tails(&cx, &body);
    cx_expr(&cx, &body, ret);
    cx_coerce(&cx, &body, ret, ret_span,
              it->sig.ret ? arena_printf(t->a, "expected `%s` because of return type", ty_str(t, ty_zonk(t, ret, false))) : NULL);
    finish_body(&cx);
    t->pending = NULL;
    ty_reset_vars(t);
}

static void check_const(Tcx *t, Def *d) {
    Item *it = d->item;
    if (!it || !it->value || d->checked) return;
    d->checked = true;
    res_def_sig(t, d);
    FnCtx cx;
    init_ctx(&cx, t, d);
    set_frame(&cx, FRAME_FN, d->ty, it->ty ? it->ty->span : it->span, true, false, NULL, it->span);
    cx_expr(&cx, it->value, d->ty);
    cx_coerce(&cx, it->value, d->ty, it->ty ? it->ty->span : it->span, "expected due to this");
    finish_body(&cx);
    t->pending = NULL;
    ty_reset_vars(t);
}

/* ---------------------------------------------------------------- phase */

/* A file without `main` checks as a library would (the dyn corpus and
 * snippets); running it is where `main` is required. */
static void check_main(Tcx *t) {
    Def *m = namemap_get(&t->crate->values, sym_cstr(t->u, "main"));
    if (!m || m->kind != DEF_FN) return;
    res_def_sig(t, m);
    if (m->fn.nparams) {
        diag_error_at(t->u, m->item->sig.params_span, "E0580", "expected function type `fn()`",
                      "`main` function has wrong type");
    }
}

/* The prelude's share of checking, which needs no program: a daemon's
 * pre-forked worker does it while it waits (db_unit_new_preloaded). */
void check_preload(DbUnit *u) {
    if (u->tcx) return;
    Tcx *t = ty_context(u);
    u->tcx = t;
    res_prelude_load(t);
    res_collect_prelude(t);
    tr_build_tables(t);
}

void check_run(DbUnit *u) {
    if (u->checked) return;
    u->checked = true;
    if (!u->crate) return;
    check_preload(u);
    Tcx *t = u->tcx;
    res_collect_user(t);
    tr_build_tables(t);
    /* signatures of every item, so their errors come in source order */
    for (int i = 0; i < t->defs.n; i++) {
        Def *d = LIST_GET(t->defs, i, Def);
        if (d->prelude) continue;
        if (d->kind == DEF_STRUCT || d->kind == DEF_ENUM || d->kind == DEF_FN || d->kind == DEF_ALIAS ||
            d->kind == DEF_CONST || d->kind == DEF_STATIC || d->kind == DEF_ASSOC_TY || d->kind == DEF_TRAIT)
            res_def_sig(t, d);
    }
    tr_check_impls(t);
    for (int i = t->nprelude_fns; i < t->fns.n; i++) check_fn(t, LIST_GET(t->fns, i, Def));
    for (int i = 0; i < t->consts.n; i++) check_const(t, LIST_GET(t->consts, i, Def));
    check_main(t);
    emit_late(u, &t->late_diags);
    ty_reset_vars(t);
}

/* Checks the prelude's own bodies: the lowering compiles them like user
 * code, and a test asserts they type-check. */
void check_prelude_bodies(DbUnit *u) {
    Tcx *t = u->tcx;
    if (!t) return;
    for (int i = 0; i < t->nprelude_fns; i++) check_fn(t, LIST_GET(t->fns, i, Def));
    ty_reset_vars(t);
}
