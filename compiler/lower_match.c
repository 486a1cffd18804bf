/* lower_match.c — `match`, `if let` and `while let`: each arm tests its
 * pattern against the scrutinee evaluated once, binds, runs its guard, and
 * the first arm that matches runs. Patterns: scalars, literals, ranges,
 * enums and structs of any (monomorphized) type, tuples, `&p`, or-patterns
 * (with bindings: the alternative that matched picks their values); a reference scrutinee is matched through (default
 * binding modes: the bindings are then references). */
#include "lower.h"

static const char *pat_cond(Lower *L, Pat *p, const char *s, Type *vt, Buf *binds);

static const char *and2(Lower *L, const char *a, const char *b) {
    if (!a || !b) return NULL;
    if (!strcmp(a, "1")) return b;
    if (!strcmp(b, "1")) return a;
    return arena_printf(L->t->a, "(%s && %s)", a, b);
}

/* Conditions of sub-patterns elems on the fields `base.fI` whose types are
 * ftys (n of them); a `..` skips the fields between. */
static const char *fields_cond(Lower *L, List *elems, const char *base, Type **ftys, int n, Buf *binds) {
    const char *c = "1";
    int rest = -1;
    for (int i = 0; i < elems->n; i++)
        if (LIST_GET(*elems, i, Pat)->kind == PAT_REST) rest = i;
    for (int i = 0; i < elems->n && c; i++) {
        if (i == rest) continue;
        int k = rest >= 0 && i > rest ? n - (elems->n - i) : i;
        if (k < 0 || k >= n) return c;
        c = and2(L, c, pat_cond(L, LIST_GET(*elems, i, Pat), arena_printf(L->t->a, "%s.f%d", base, k), ftys[k], binds));
    }
    return c;
}

/* The types of the fields of struct/variant d in the concrete type vt. */
static Type **field_types(Lower *L, Def *d, Type *vt) {
    Type **f = arena_alloc(L->t->a, sizeof(Type *) * (size_t)(d->nfields + 1));
    for (int i = 0; i < d->nfields; i++)
        f[i] = lower_subst(L, ty_subst(L->t, d->fields[i].ty, vt->args, vt->nargs));
    return f;
}

/* One binding declaration `CTYPE l<N> = EXPR; ` of a pattern's binds
 * text at *pos: its parts, *pos moved past it; false at the end. */
static bool next_decl(const char *text, size_t len, size_t *pos, const char **ct, size_t *ctn, const char **name, size_t *namen,
                      const char **ex, size_t *exn) {
    if (*pos >= len) return false;
    const char *d = text + *pos, *end = text + len;
    const char *eq = NULL;
    for (const char *q = d; q + 3 <= end; q++)
        if (q[0] == ' ' && q[1] == '=' && q[2] == ' ') {
            eq = q;
            break;
        }
    if (!eq) return false;
    const char *nm = eq;
    while (nm > d && nm[-1] != ' ') nm--;
    const char *semi = eq + 3;
    while (semi + 1 < end && !(semi[0] == ';' && semi[1] == ' ')) semi++;
    if (semi + 1 >= end || nm == d) return false;
    *ct = d, *ctn = (size_t)(nm - 1 - d);
    *name = nm, *namen = (size_t)(eq - nm);
    *ex = eq + 3, *exn = (size_t)(semi - (eq + 3));
    *pos = (size_t)(semi + 2 - text);
    return true;
}

/* The bindings of an or-pattern: each local declared once, its value
 * taken from the alternative `alt` records (qbs[i]: alternative i's
 * declarations). False when the alternatives bind different locals. */
static bool or_binds(Lower *L, Buf *qbs, int n, const char *alt, Buf *binds) {
    size_t pos = 0;
    const char *ct, *name, *ex;
    size_t ctn, namen, exn;
    int count0 = 0;
    while (next_decl(qbs[0].s, qbs[0].len, &pos, &ct, &ctn, &name, &namen, &ex, &exn)) {
        count0++;
        buf_printf(binds, "%.*s %.*s = ", (int)ctn, ct, (int)namen, name);
        for (int i = 1; i < n; i++) {
            size_t p2 = 0;
            const char *ct2, *name2, *ex2;
            size_t ctn2, namen2, exn2;
            bool found = false;
            while (!found && next_decl(qbs[i].s, qbs[i].len, &p2, &ct2, &ctn2, &name2, &namen2, &ex2, &exn2))
                found = namen2 == namen && !memcmp(name2, name, namen);
            if (!found) return false;
            buf_printf(binds, "%s == %d ? %.*s : ", alt, i, (int)exn2, ex2);
        }
        buf_printf(binds, "%.*s; ", (int)exn, ex);
    }
    for (int i = 1; i < n; i++) {
        size_t p2 = 0;
        int k = 0;
        while (next_decl(qbs[i].s, qbs[i].len, &p2, &ct, &ctn, &name, &namen, &ex, &exn)) k++;
        if (k != count0) return false;
    }
    (void)L;
    return true;
}

/* The C condition for `p` matching the value `s` of concrete type vt (the
 * types are followed down from the scrutinee's: the checker's pattern
 * types may still name inference variables); appends the bindings'
 * declarations to `binds`. NULL after reporting an unsupported pattern. */
static const char *pat_cond(Lower *L, Pat *p, const char *s, Type *vt, Buf *binds) {
    vt = lower_subst(L, vt);
    bool binding = p->kind == PAT_IDENT && p->res && p->res->local;
    if (p->kind != PAT_WILD && !binding && p->kind != PAT_REF && p->kind != PAT_LIT && p->kind != PAT_RANGE)
        while (vt->kind == TYPE_REF && vt->inner->kind != TYPE_STR && vt->inner->kind != TYPE_SLICE) {
            s = arena_printf(L->t->a, "(*%s)", s);
            vt = lower_subst(L, vt->inner);
        }
    switch (p->kind) {
    case PAT_WILD: return "1";
    case PAT_IDENT: {
        Def *d = p->res && !p->res->local ? p->res->def : NULL;
        if (!p->sub && d && d->kind == DEF_VARIANT) return arena_printf(L->t->a, "(%s.tag == %d)", s, d->index); /* `None` */
        if (!p->sub && d && d->kind == DEF_STRUCT) return "1";
        if (!p->sub && d && d->kind == DEF_CONST && d->item && d->item->value &&
            (vt->kind == TYPE_INT || vt->kind == TYPE_CHAR || vt->kind == TYPE_BOOL))
            return arena_printf(L->t->a, "(%s == %s)", s, lower_expr(L, d->item->value));
        if (p->sub || !binding) break;
        Local *l = p->res->local;
        bool by_ref = l->mode != BIND_VALUE;
        Type *lt = by_ref ? ty_ref(L->t, vt, l->mode == BIND_REF_MUT) : vt;
        l->ty = lt; /* the concrete type of this instance's binding */
        if (lower_is_unit(lt)) return "1";
        buf_printf(binds, "%s l%d = %s%s; ", lower_ctype(L, lt, p->span), l->id, by_ref ? "&" : "", s);
        if (!by_ref) lower_bound_local(L, l);
        return "1";
    }
    case PAT_REF:
        if (vt->kind != TYPE_REF || vt->inner->kind == TYPE_STR || vt->inner->kind == TYPE_SLICE) break;
        return pat_cond(L, p->sub, arena_printf(L->t->a, "(*%s)", s), vt->inner, binds);
    case PAT_TUPLE:
        if (vt->kind != TYPE_TUPLE) break;
        return fields_cond(L, &p->elems, s, vt->args, vt->nargs, binds);
    case PAT_SLICE: {
        /* [a, b, c] on an array of that length */
        if (vt->kind != TYPE_ARRAY || (int)vt->id != p->elems.n) break;
        const char *c = "1";
        for (int i = 0; i < p->elems.n && c; i++) {
            Pat *q = LIST_GET(p->elems, i, Pat);
            if (q->kind == PAT_REST) goto unsupported;
            c = and2(L, c, pat_cond(L, q, arena_printf(L->t->a, "%s.a[%d]", s, i), vt->inner, binds));
        }
        return c;
    }
    case PAT_PATH:
    case PAT_TUPLE_STRUCT:
    case PAT_STRUCT: {
        Def *d = p->res ? p->res->def : NULL;
        if (!d || (d->kind != DEF_VARIANT && d->kind != DEF_STRUCT) || vt->kind != TYPE_ADT) break;
        const char *base = d->kind == DEF_VARIANT ? arena_printf(L->t->a, "%s.u.v%d", s, d->index) : s;
        const char *tag = d->kind == DEF_VARIANT ? arena_printf(L->t->a, "(%s.tag == %d)", s, d->index) : "1";
        if (p->kind == PAT_PATH) return tag;
        Type **ftys = field_types(L, d, vt);
        if (p->kind == PAT_TUPLE_STRUCT) return and2(L, tag, fields_cond(L, &p->elems, base, ftys, d->nfields, binds));
        const char *c = tag;
        for (int i = 0; i < p->fields.n && c; i++) {
            PatField *f = LIST_GET(p->fields, i, PatField);
            int k = 0;
            while (k < d->nfields && d->fields[k].name != f->name) k++;
            if (k == d->nfields) goto unsupported;
            c = and2(L, c, pat_cond(L, f->pat, arena_printf(L->t->a, "%s.f%d", base, k), ftys[k], binds));
        }
        return c;
    }
    case PAT_LIT:
        if (vt->kind == TYPE_REF && vt->inner->kind == TYPE_STR) {
            Expr *x = p->lit;
            while (x->kind == EX_PAREN) x = x->lhs;
            if (x->kind != EX_STR) break;
            return arena_printf(L->t->a, "rt_str_eq(%s, %s)", s, lower_expr(L, x));
        }
        if (vt->kind != TYPE_INT && vt->kind != TYPE_BOOL && vt->kind != TYPE_CHAR && vt->kind != TYPE_FLOAT) break;
        return arena_printf(L->t->a, "(%s == %s)", s, lower_expr(L, p->lit));
    case PAT_RANGE: {
        const char *lo = p->lit ? arena_printf(L->t->a, "%s >= %s", s, lower_expr(L, p->lit)) : "1";
        const char *hi = p->hi ? arena_printf(L->t->a, "%s %s %s", s, p->inclusive ? "<=" : "<", lower_expr(L, p->hi)) : "1";
        return arena_printf(L->t->a, "(%s && %s)", lo, hi);
    }
    case PAT_OR: {
        /* each alternative's condition; with bindings (the same locals in
         * every alternative), the alternative that matched is recorded in
         * a temporary and each binding takes its value from that one */
        int n = p->elems.n, from = L->ntemps;
        const char **conds = arena_alloc(L->t->a, sizeof(char *) * (size_t)(n + 1));
        Buf *qbs = arena_alloc(L->t->a, sizeof(Buf) * (size_t)(n + 1));
        bool binds_any = false;
        for (int i = 0; i < n; i++) {
            Pat *q = LIST_GET(p->elems, i, Pat);
            int at = L->ntemps;
            memset(&qbs[i], 0, sizeof qbs[i]);
            conds[i] = pat_cond(L, q, s, vt, &qbs[i]);
            if (i > 0) L->ntemps = at; /* the same locals: owned once */
            binds_any |= qbs[i].len > 0;
            if (!conds[i]) {
                for (int k = 0; k <= i; k++) buf_free(&qbs[k]);
                L->ntemps = from;
                return NULL;
            }
        }
        Buf b = { 0 };
        buf_puts(&b, "(");
        const char *alt = binds_any ? lower_temp(L) : NULL;
        if (alt) lower_line(L, "rt_i32 %s = -1;", alt);
        for (int i = 0; i < n; i++) {
            if (alt) buf_printf(&b, "(%s) ? (%s = %d, 1) : ", conds[i], alt, i);
            else buf_printf(&b, "%s%s", i ? " || " : "", conds[i]);
        }
        if (alt) buf_puts(&b, "0");
        buf_puts(&b, ")");
        const char *r = arena_strndup(L->t->a, b.s, b.len);
        buf_free(&b);
        if (alt && !or_binds(L, qbs, n, alt, binds)) {
            lower_unsupported(L, p->span, "these bindings inside an or-pattern");
            r = NULL;
        }
        for (int i = 0; i < n; i++) buf_free(&qbs[i]);
        return r;
    }
    default: break;
    }
unsupported:
    lower_unsupported(L, p->span, "this pattern");
    return NULL;
}

const char *lower_pat_cond(Lower *L, Pat *p, const char *s, Type *ty, Buf *binds) {
    return pat_cond(L, p, s, ty, binds);
}

/* The scrutinee x as a C lvalue: a place is matched where it is (through
 * a pointer, so `ref mut` bindings reach it), an rvalue from a temporary
 * the enclosing scope owns. */
const char *lower_scrutinee(Lower *L, Expr *x) {
    Type *st = lower_subst(L, x->type);
    if (lower_is_unit(st)) {
        lower_expr(L, x);
        const char *u = lower_temp(L);
        lower_line(L, "rt_u8 %s = 0;", u);
        lower_line(L, "(void)%s;", u);
        return u;
    }
    Expr *y = x;
    while (y->kind == EX_PAREN) y = y->lhs;
    bool place = lower_is_place(y) && !(y->adjust && (y->adjust->autoref || y->adjust->coerce));
    L->no_move++;
    const char *v = lower_expr(L, x);
    L->no_move--;
    const char *ct = lower_ctype(L, st, x->span);
    const char *t = lower_temp(L);
    if (place) {
        lower_line(L, "%s *%s = &%s;", ct, t, v);
        return arena_printf(L->t->a, "(*%s)", t);
    }
    lower_line(L, "%s %s = %s;", ct, t, v);
    lower_own(L, t, st, NULL, x->span);
    return t;
}

void lower_scrutinee_moved(Lower *L, Expr *x, const char *sv) {
    while (x->kind == EX_PAREN) x = x->lhs;
    if (lower_disown(L, sv)) return;
    if (x->kind == EX_PATH && x->res && x->res->kind == RES_LOCAL && !(x->adjust && x->adjust->autoref))
        lower_moved_local(L, x->res->local);
}

const char *lower_match(Lower *L, Expr *e) {
    Type *st = lower_subst(L, e->lhs->type);
    const char *s = lower_scrutinee(L, e->lhs);
    const char *done = lower_temp(L);
    lower_line(L, "rt_bool %s = 0;", done);
    bool unit = lower_is_unit(lower_subst(L, e->type)) || e->type->kind == TYPE_NEVER;
    const char *t = unit ? "" : lower_temp(L);
    if (!unit) lower_line(L, "%s %s;", lower_ctype(L, e->type, e->span), t);
    for (int i = 0; i < e->arms.n && !L->failed; i++) {
        MatchArm *arm = LIST_GET(e->arms, i, MatchArm);
        Buf binds = { 0 };
        int mark = lower_scope_mark(L);
        int from = L->ntemps;
        const char *c = pat_cond(L, arm->pat, s, st, &binds);
        if (!c) {
            buf_free(&binds);
            break;
        }
        lower_line(L, "if (!%s && %s) {", done, c);
        L->depth++;
        if (binds.len) lower_line(L, "%.*s", (int)binds.len, binds.s);
        buf_free(&binds);
        if (lower_own_bound(L, from)) lower_scrutinee_moved(L, e->lhs, s);
        if (arm->guard) {
            const char *g = lower_expr(L, arm->guard);
            lower_line(L, "if (%s) {", g);
            L->depth++;
        }
        lower_line(L, "%s = 1;", done);
        const char *r = lower_expr(L, arm->body);
        if (!unit && *r) lower_line(L, "%s = %s;", t, r);
        lower_scope_end(L, mark);
        if (arm->guard) {
            L->depth--;
            lower_line(L, "}");
        }
        L->depth--;
        lower_line(L, "}");
    }
    return t;
}
