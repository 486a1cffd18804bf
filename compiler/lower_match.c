/* lower_match.c — `match` on scalar values (integers, bool, char): each arm
 * tests its pattern against the scrutinee evaluated once, binds, runs its
 * guard, and the first arm that matches runs. Patterns over data (enums,
 * structs, tuples, strings) are reported as not supported yet. */
#include "lower.h"

static bool scalar(Type *ty) {
    return ty->kind == TYPE_INT || ty->kind == TYPE_BOOL || ty->kind == TYPE_CHAR;
}

/* Conditions of sub-patterns on fields: `base.fI` for each elems[i]. */
static const char *fields_cond(Lower *L, List *elems, const char *base, Buf *binds);

static const char *and2(Lower *L, const char *a, const char *b) {
    if (!a || !b) return NULL;
    if (!strcmp(a, "1")) return b;
    if (!strcmp(b, "1")) return a;
    return arena_printf(L->t->a, "(%s && %s)", a, b);
}

/* The C condition for `p` matching the value `s`; appends bindings'
 * declarations to `binds`. NULL after reporting an unsupported pattern. */
static const char *pat_cond(Lower *L, Pat *p, const char *s, Buf *binds) {
    switch (p->kind) {
    case PAT_WILD: return "1";
    case PAT_IDENT:
        if (p->sub || p->by_ref || !p->res || !p->res->local) break;
        buf_printf(binds, "%s l%d = %s; ", lower_ctype(L, p->res->local->ty, p->span), p->res->local->id, s);
        return "1";
    case PAT_TUPLE:
        for (int i = 0; i < p->elems.n; i++)
            if (LIST_GET(p->elems, i, Pat)->kind == PAT_REST) goto unsupported;
        return fields_cond(L, &p->elems, s, binds);
    case PAT_PATH:
    case PAT_TUPLE_STRUCT:
    case PAT_STRUCT: {
        Def *d = p->res ? p->res->def : NULL;
        if (!d || (d->kind != DEF_VARIANT && d->kind != DEF_STRUCT)) break;
        const char *base = d->kind == DEF_VARIANT ? arena_printf(L->t->a, "%s.u.v%d", s, d->index) : s;
        const char *tag = d->kind == DEF_VARIANT ? arena_printf(L->t->a, "(%s.tag == %d)", s, d->index) : "1";
        if (p->kind == PAT_PATH) return tag;
        if (p->kind == PAT_TUPLE_STRUCT) {
            for (int i = 0; i < p->elems.n; i++)
                if (LIST_GET(p->elems, i, Pat)->kind == PAT_REST) goto unsupported;
            return and2(L, tag, fields_cond(L, &p->elems, base, binds));
        }
        const char *c = tag;
        for (int i = 0; i < p->fields.n && c; i++) {
            PatField *f = LIST_GET(p->fields, i, PatField);
            int k = 0;
            while (k < d->nfields && d->fields[k].name != f->name) k++;
            if (k == d->nfields) goto unsupported;
            c = and2(L, c, pat_cond(L, f->pat, arena_printf(L->t->a, "%s.f%d", base, k), binds));
        }
        return c;
    }
    case PAT_LIT: return arena_printf(L->t->a, "(%s == %s)", s, lower_expr(L, p->lit));
    case PAT_RANGE: {
        const char *lo = p->lit ? arena_printf(L->t->a, "%s >= %s", s, lower_expr(L, p->lit)) : "1";
        const char *hi = p->hi ? arena_printf(L->t->a, "%s %s %s", s, p->inclusive ? "<=" : "<", lower_expr(L, p->hi)) : "1";
        return arena_printf(L->t->a, "(%s && %s)", lo, hi);
    }
    case PAT_OR: {
        Buf b = { 0 };
        buf_puts(&b, "(");
        for (int i = 0; i < p->elems.n; i++) {
            Pat *q = LIST_GET(p->elems, i, Pat);
            Buf qb = { 0 };
            const char *c = pat_cond(L, q, s, &qb);
            bool binds_any = qb.len > 0;
            buf_free(&qb);
            if (!c || binds_any) {
                buf_free(&b);
                if (c) lower_unsupported(L, q->span, "a binding inside an or-pattern");
                return NULL;
            }
            buf_printf(&b, "%s%s", i ? " || " : "", c);
        }
        buf_puts(&b, ")");
        const char *r = arena_strndup(L->t->a, b.s, b.len);
        buf_free(&b);
        return r;
    }
    default: break;
    }
unsupported:
    lower_unsupported(L, p->span, "this pattern");
    return NULL;
}

static const char *fields_cond(Lower *L, List *elems, const char *base, Buf *binds) {
    const char *c = "1";
    for (int i = 0; i < elems->n && c; i++)
        c = and2(L, c, pat_cond(L, LIST_GET(*elems, i, Pat), arena_printf(L->t->a, "%s.f%d", base, i), binds));
    return c;
}

const char *lower_match(Lower *L, Expr *e) {
    Type *st = e->lhs->type;
    bool data = (st->kind == TYPE_ADT && !st->def->prelude && !st->nargs) || (st->kind == TYPE_TUPLE && st->nargs);
    if (!scalar(st) && !data) {
        lower_unsupported(L, e->span, arena_printf(L->t->a, "a `match` on `%s`", ty_str(L->t, st)));
        return "";
    }
    const char *v = lower_expr(L, e->lhs);
    const char *s = lower_temp(L), *done = lower_temp(L);
    lower_line(L, "%s %s = %s;", lower_ctype(L, st, e->lhs->span), s, v);
    lower_line(L, "rt_bool %s = 0;", done);
    bool unit = lower_is_unit(e->type) || e->type->kind == TYPE_NEVER;
    const char *t = unit ? "" : lower_temp(L);
    if (!unit) lower_line(L, "%s %s;", lower_ctype(L, e->type, e->span), t);
    for (int i = 0; i < e->arms.n && !L->failed; i++) {
        MatchArm *arm = LIST_GET(e->arms, i, MatchArm);
        Buf binds = { 0 };
        const char *c = pat_cond(L, arm->pat, s, &binds);
        if (!c) {
            buf_free(&binds);
            break;
        }
        lower_line(L, "if (!%s && %s) {", done, c);
        L->depth++;
        if (binds.len) lower_line(L, "%.*s", (int)binds.len, binds.s);
        buf_free(&binds);
        if (arm->guard) {
            const char *g = lower_expr(L, arm->guard);
            lower_line(L, "if (%s) {", g);
            L->depth++;
        }
        lower_line(L, "%s = 1;", done);
        const char *r = lower_expr(L, arm->body);
        if (!unit && *r) lower_line(L, "%s = %s;", t, r);
        if (arm->guard) {
            L->depth--;
            lower_line(L, "}");
        }
        L->depth--;
        lower_line(L, "}");
    }
    return t;
}
