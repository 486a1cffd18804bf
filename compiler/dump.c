/* dump.c — `--dump=ast`: the AST as an indented tree, one node per line with
 * its line:column, types and paths printed back as Rust syntax. Meant for
 * people reading it and for golden tests, so the format is kept stable.
 */
#include "internal.h"

#include <string.h>

typedef struct Dumper {
    DbUnit *u;
    Buf *out;
} Dumper;

static void ty_str(Dumper *d, Buf *b, const Ty *t);

static void pos(Dumper *d, Span sp) {
    uint32_t line, col;
    src_line_col(&d->u->src, sp.lo, &line, &col);
    buf_printf(d->out, " @%u:%u\n", line, col);
}

static void indent(Dumper *d, int depth) {
    for (int i = 0; i < depth; i++) buf_puts(d->out, "  ");
}

static void path_str(Dumper *d, Buf *b, const Path *p) {
    if (!p) return;
    if (p->qself) {
        buf_putc(b, '<');
        ty_str(d, b, p->qself);
        if (p->qtrait) {
            buf_puts(b, " as ");
            path_str(d, b, p->qtrait);
        }
        buf_puts(b, ">::");
    }
    if (p->global) buf_puts(b, "::");
    for (int i = 0; i < p->segs.n; i++) {
        PathSeg *s = LIST_GET(p->segs, i, PathSeg);
        if (i) buf_puts(b, "::");
        buf_puts(b, s->name);
        if (s->fn_sugar) {
            buf_putc(b, '(');
            for (int k = 0; k < s->args.n; k++) {
                if (k) buf_puts(b, ", ");
                ty_str(d, b, LIST_GET(s->args, k, Ty));
            }
            buf_putc(b, ')');
            if (s->fn_ret) {
                buf_puts(b, " -> ");
                ty_str(d, b, s->fn_ret);
            }
        } else if (s->has_generics) {
            buf_putc(b, '<');
            int n = 0;
            for (int k = 0; k < s->args.n; k++, n++) {
                if (n) buf_puts(b, ", ");
                ty_str(d, b, LIST_GET(s->args, k, Ty));
            }
            for (int k = 0; k < s->bindings.n; k++, n++) {
                AssocBinding *ab = LIST_GET(s->bindings, k, AssocBinding);
                if (n) buf_puts(b, ", ");
                buf_printf(b, "%s = ", ab->name);
                ty_str(d, b, ab->ty);
            }
            buf_putc(b, '>');
        }
    }
}

static void bounds_str(Dumper *d, Buf *b, const List *bounds) {
    for (int i = 0; i < bounds->n; i++) {
        Bound *bd = LIST_GET(*bounds, i, Bound);
        if (i) buf_puts(b, " + ");
        if (bd->maybe) buf_putc(b, '?');
        path_str(d, b, bd->path);
    }
}

static void ty_str(Dumper *d, Buf *b, const Ty *t) {
    if (!t) {
        buf_puts(b, "()");
        return;
    }
    switch (t->kind) {
    case TY_PATH: path_str(d, b, t->path); break;
    case TY_REF:
        buf_puts(b, t->mut_ ? "&mut " : "&");
        ty_str(d, b, t->inner);
        break;
    case TY_PTR:
        buf_puts(b, t->mut_ ? "*mut " : "*const ");
        ty_str(d, b, t->inner);
        break;
    case TY_TUPLE:
        buf_putc(b, '(');
        for (int i = 0; i < t->elems.n; i++) {
            if (i) buf_puts(b, ", ");
            ty_str(d, b, LIST_GET(t->elems, i, Ty));
        }
        if (t->elems.n == 1) buf_putc(b, ',');
        buf_putc(b, ')');
        break;
    case TY_ARRAY:
    case TY_SLICE:
        buf_putc(b, '[');
        ty_str(d, b, t->inner);
        if (t->kind == TY_ARRAY) buf_puts(b, "; _");
        buf_putc(b, ']');
        break;
    case TY_DYN:
        buf_puts(b, "dyn ");
        bounds_str(d, b, &t->bounds);
        break;
    case TY_IMPL:
        buf_puts(b, "impl ");
        bounds_str(d, b, &t->bounds);
        break;
    case TY_NEVER: buf_putc(b, '!'); break;
    case TY_INFER: buf_putc(b, '_'); break;
    case TY_FN_PTR:
        buf_puts(b, "fn(");
        for (int i = 0; i < t->elems.n; i++) {
            if (i) buf_puts(b, ", ");
            ty_str(d, b, LIST_GET(t->elems, i, Ty));
        }
        buf_putc(b, ')');
        if (t->inner) {
            buf_puts(b, " -> ");
            ty_str(d, b, t->inner);
        }
        break;
    case TY_ERROR: buf_puts(b, "{error}"); break;
    }
}

static void generics_str(Dumper *d, Buf *b, const Generics *g) {
    if (g->params.n) {
        buf_putc(b, '<');
        for (int i = 0; i < g->params.n; i++) {
            GenericParam *gp = LIST_GET(g->params, i, GenericParam);
            if (i) buf_puts(b, ", ");
            if (gp->is_lifetime) buf_printf(b, "'%s", gp->name);
            else if (gp->is_const) {
                buf_printf(b, "const %s: ", gp->name);
                ty_str(d, b, gp->const_ty);
            } else {
                buf_puts(b, gp->name);
                if (gp->bounds.n) {
                    buf_puts(b, ": ");
                    bounds_str(d, b, &gp->bounds);
                }
            }
        }
        buf_putc(b, '>');
    }
    int shown = 0;
    for (int i = 0; i < g->where_.n; i++) {
        WherePred *w = LIST_GET(g->where_, i, WherePred);
        if (!w->ty) continue;
        buf_puts(b, shown++ ? ", " : " where ");
        ty_str(d, b, w->ty);
        buf_puts(b, ": ");
        bounds_str(d, b, &w->bounds);
    }
}

static void line_ty(Dumper *d, int depth, const char *what, const Ty *t) {
    indent(d, depth);
    buf_printf(d->out, "%s ", what);
    ty_str(d, d->out, t);
    pos(d, t ? t->span : (Span){ 0, 0 });
}

static void dump_expr(Dumper *d, const Expr *e, int depth);
static void dump_block(Dumper *d, const Block *b, int depth);
static void dump_item(Dumper *d, const Item *it, int depth);

static void dump_pat(Dumper *d, const Pat *p, int depth) {
    indent(d, depth);
    Buf *o = d->out;
    switch (p->kind) {
    case PAT_WILD: buf_puts(o, "PatWild"); break;
    case PAT_REST: buf_puts(o, "PatRest"); break;
    case PAT_IDENT:
        buf_printf(o, "PatIdent %s%s%s", p->by_ref ? "ref " : "", p->mut_ ? "mut " : "", p->name);
        break;
    case PAT_LIT: buf_puts(o, "PatLit"); break;
    case PAT_RANGE: buf_printf(o, "PatRange %s", p->inclusive ? "..=" : ".."); break;
    case PAT_TUPLE: buf_puts(o, "PatTuple"); break;
    case PAT_SLICE: buf_puts(o, "PatSlice"); break;
    case PAT_PATH: buf_puts(o, "PatPath "); path_str(d, o, p->path); break;
    case PAT_TUPLE_STRUCT: buf_puts(o, "PatTupleStruct "); path_str(d, o, p->path); break;
    case PAT_STRUCT:
        buf_puts(o, "PatStruct ");
        path_str(d, o, p->path);
        if (p->has_rest) buf_puts(o, " ..");
        break;
    case PAT_REF: buf_printf(o, "PatRef%s", p->mut_ ? " mut" : ""); break;
    case PAT_OR: buf_puts(o, "PatOr"); break;
    case PAT_ERROR: buf_puts(o, "PatError"); break;
    }
    pos(d, p->span);
    if (p->sub) dump_pat(d, p->sub, depth + 1);
    if (p->lit) dump_expr(d, p->lit, depth + 1);
    if (p->hi) dump_expr(d, p->hi, depth + 1);
    for (int i = 0; i < p->elems.n; i++) dump_pat(d, LIST_GET(p->elems, i, Pat), depth + 1);
    for (int i = 0; i < p->fields.n; i++) {
        PatField *f = LIST_GET(p->fields, i, PatField);
        indent(d, depth + 1);
        buf_printf(o, "field %s", f->name);
        pos(d, f->span);
        dump_pat(d, f->pat, depth + 2);
    }
}

static const char *expr_kind_name(ExprKind k) {
    static const char *const names[] = {
        [EX_INT] = "Int", [EX_FLOAT] = "Float", [EX_STR] = "Str", [EX_CHAR] = "Char",
        [EX_BOOL] = "Bool", [EX_BYTE] = "Byte", [EX_BYTE_STR] = "ByteStr", [EX_PATH] = "Path",
        [EX_UNARY] = "Unary", [EX_REF] = "Ref", [EX_BINARY] = "Binary", [EX_ASSIGN] = "Assign",
        [EX_ASSIGN_OP] = "AssignOp", [EX_CAST] = "Cast", [EX_CALL] = "Call",
        [EX_METHOD] = "MethodCall", [EX_FIELD] = "Field", [EX_INDEX] = "Index",
        [EX_AWAIT] = "Await", [EX_BOX] = "Box", [EX_TRY] = "Try", [EX_BLOCK] = "Block",
        [EX_ASYNC] = "Async", [EX_CLOSURE] = "Closure", [EX_IF] = "If", [EX_LET] = "Let",
        [EX_MATCH] = "Match", [EX_WHILE] = "While", [EX_LOOP] = "Loop", [EX_FOR] = "For",
        [EX_BREAK] = "Break", [EX_CONTINUE] = "Continue", [EX_RETURN] = "Return",
        [EX_RANGE] = "Range", [EX_TUPLE] = "Tuple", [EX_ARRAY] = "Array", [EX_REPEAT] = "Repeat",
        [EX_STRUCT] = "Struct", [EX_MACRO] = "Macro", [EX_PAREN] = "Paren", [EX_ERROR] = "Error",
    };
    return names[k];
}

static void dump_expr(Dumper *d, const Expr *e, int depth) {
    if (!e) return;
    if (e->kind == EX_BLOCK && !e->label && !e->unsafe_) {
        dump_block(d, e->body, depth);
        return;
    }
    Buf *o = d->out;
    indent(d, depth);
    buf_puts(o, expr_kind_name(e->kind));
    switch (e->kind) {
    case EX_INT: buf_printf(o, " %llu", (unsigned long long)e->ival); break;
    case EX_FLOAT: buf_printf(o, " %g", e->fval); break;
    case EX_STR:
    case EX_BYTE_STR:
        buf_putc(o, ' ');
        buf_json_string(o, e->str ? e->str : "", e->str_len);
        break;
    case EX_CHAR:
    case EX_BYTE: buf_printf(o, " U+%04llX", (unsigned long long)e->ival); break;
    case EX_BOOL: buf_puts(o, e->ival ? " true" : " false"); break;
    case EX_PATH:
    case EX_STRUCT:
        buf_putc(o, ' ');
        path_str(d, o, e->path);
        break;
    case EX_UNARY:
    case EX_BINARY:
    case EX_ASSIGN_OP: buf_printf(o, " %s", token_kind_name(e->op)); break;
    case EX_REF: if (e->mut_) buf_puts(o, " mut"); break;
    case EX_CAST: buf_puts(o, " as "); ty_str(d, o, e->ty); break;
    case EX_METHOD:
    case EX_FIELD: buf_printf(o, " %s", e->name); break;
    case EX_BOX: if (e->macro_form) buf_puts(o, " dyn_box!"); break;
    case EX_ASYNC:
    case EX_CLOSURE: if (e->move_) buf_puts(o, " move"); break;
    case EX_RANGE: buf_puts(o, e->inclusive ? " ..=" : " .."); break;
    case EX_MACRO: buf_printf(o, " %s!", e->mac->name); if (e->mac->repeat) buf_puts(o, " repeat"); break;
    default: break;
    }
    if (e->label) buf_printf(o, " '%s", e->label);
    if (e->unsafe_) buf_puts(o, " unsafe");
    pos(d, e->span);
    if (e->kind == EX_CLOSURE) {
        for (int i = 0; i < e->params.n; i++) {
            Param *prm = LIST_GET(e->params, i, Param);
            dump_pat(d, prm->pat, depth + 1);
            if (prm->ty) line_ty(d, depth + 2, "type", prm->ty);
        }
        if (e->ty) line_ty(d, depth + 1, "returns", e->ty);
    }
    if (e->kind == EX_LET || e->kind == EX_FOR) dump_pat(d, e->pat, depth + 1);
    if (e->cond) dump_expr(d, e->cond, depth + 1);
    dump_expr(d, e->lhs, depth + 1);
    for (int i = 0; i < e->generics.n; i++) line_ty(d, depth + 1, "turbofish", LIST_GET(e->generics, i, Ty));
    for (int i = 0; i < e->args.n; i++) dump_expr(d, LIST_GET(e->args, i, Expr), depth + 1);
    if (e->kind == EX_MACRO) {
        for (int i = 0; i < e->mac->args.n; i++) {
            Sym name = LIST_GET(e->mac->names, i, const char);
            if (name) {
                indent(d, depth + 1);
                buf_printf(o, "named %s\n", name);
            }
            dump_expr(d, LIST_GET(e->mac->args, i, Expr), depth + 1 + (name != NULL));
        }
        if (e->pat) dump_pat(d, e->pat, depth + 1);
    }
    for (int i = 0; i < e->fields.n; i++) {
        FieldInit *f = LIST_GET(e->fields, i, FieldInit);
        indent(d, depth + 1);
        buf_printf(o, "field %s", f->name);
        pos(d, f->span);
        dump_expr(d, f->value, depth + 2);
    }
    dump_expr(d, e->rhs, depth + 1);
    if (e->then) dump_block(d, e->then, depth + 1);
    if (e->body) dump_block(d, e->body, depth + 1);
    for (int i = 0; i < e->arms.n; i++) {
        MatchArm *arm = LIST_GET(e->arms, i, MatchArm);
        indent(d, depth + 1);
        buf_puts(o, "Arm");
        pos(d, arm->span);
        dump_pat(d, arm->pat, depth + 2);
        if (arm->guard) {
            indent(d, depth + 2);
            buf_puts(o, "guard\n");
            dump_expr(d, arm->guard, depth + 3);
        }
        dump_expr(d, arm->body, depth + 2);
    }
    if (e->else_) {
        indent(d, depth + 1);
        buf_puts(o, "else\n");
        dump_expr(d, e->else_, depth + 2);
    }
}

static void dump_block(Dumper *d, const Block *b, int depth) {
    indent(d, depth);
    buf_puts(d->out, "Block");
    pos(d, b->span);
    for (int i = 0; i < b->stmts.n; i++) {
        Stmt *s = LIST_GET(b->stmts, i, Stmt);
        switch (s->kind) {
        case ST_LET:
            indent(d, depth + 1);
            buf_puts(d->out, "Let");
            if (s->ty) {
                buf_puts(d->out, ": ");
                ty_str(d, d->out, s->ty);
            }
            pos(d, s->span);
            dump_pat(d, s->pat, depth + 2);
            dump_expr(d, s->init, depth + 2);
            if (s->else_) dump_block(d, s->else_, depth + 2);
            break;
        case ST_EXPR:
            indent(d, depth + 1);
            buf_puts(d->out, s->semi ? "Stmt" : "Tail");
            pos(d, s->span);
            dump_expr(d, s->expr, depth + 2);
            break;
        case ST_ITEM: dump_item(d, s->item, depth + 1); break;
        case ST_EMPTY: break;
        }
    }
}

static void dump_fields(Dumper *d, const List *fields, int depth) {
    for (int i = 0; i < fields->n; i++) {
        FieldDef *f = LIST_GET(*fields, i, FieldDef);
        indent(d, depth);
        buf_printf(d->out, "field %s: ", f->name ? f->name : "_");
        ty_str(d, d->out, f->ty);
        pos(d, f->span);
    }
}

static void dump_use(Dumper *d, Buf *b, const UseTree *ut) {
    if (ut->prefix) path_str(d, b, ut->prefix);
    if (ut->glob) buf_puts(b, ut->prefix ? "::*" : "*");
    if (ut->has_children) {
        buf_puts(b, ut->prefix ? "::{" : "{");
        for (int i = 0; i < ut->children.n; i++) {
            if (i) buf_puts(b, ", ");
            dump_use(d, b, LIST_GET(ut->children, i, UseTree));
        }
        buf_putc(b, '}');
    }
    if (ut->alias) buf_printf(b, " as %s", ut->alias);
}

static void dump_sig(Dumper *d, const FnSig *sig) {
    Buf *o = d->out;
    generics_str(d, o, &sig->generics);
    buf_putc(o, '(');
    int n = 0;
    switch (sig->self_kind) {
    case SELF_NONE: break;
    case SELF_VALUE: buf_puts(o, sig->self_mut ? "mut self" : "self"); n++; break;
    case SELF_REF: buf_puts(o, "&self"); n++; break;
    case SELF_REF_MUT: buf_puts(o, "&mut self"); n++; break;
    case SELF_TYPED:
        buf_puts(o, "self: ");
        ty_str(d, o, sig->self_ty);
        n++;
        break;
    }
    for (int i = 0; i < sig->params.n; i++) {
        Param *prm = LIST_GET(sig->params, i, Param);
        if (n++) buf_puts(o, ", ");
        if (prm->pat->kind == PAT_IDENT) buf_puts(o, prm->pat->name);
        else buf_puts(o, "_");
        buf_puts(o, ": ");
        ty_str(d, o, prm->ty);
    }
    buf_putc(o, ')');
    if (sig->ret) {
        buf_puts(o, " -> ");
        ty_str(d, o, sig->ret);
    }
}

static void dump_item(Dumper *d, const Item *it, int depth) {
    Buf *o = d->out;
    indent(d, depth);
    for (int i = 0; i < it->attrs.n; i++) {
        Attr *a = LIST_GET(it->attrs, i, Attr);
        buf_printf(o, "#[%s", a->name);
        if (a->args.n) {
            buf_putc(o, '(');
            for (int k = 0; k < a->args.n; k++) buf_printf(o, "%s%s", k ? ", " : "", LIST_GET(a->args, k, const char));
            buf_putc(o, ')');
        }
        buf_puts(o, "] ");
    }
    if (it->is_pub) buf_puts(o, "pub ");
    switch (it->kind) {
    case ITEM_FN:
        buf_printf(o, "Fn %s%s%s", it->sig.is_async ? "async " : "", it->sig.is_const ? "const " : "", it->name);
        dump_sig(d, &it->sig);
        if (!it->body) buf_puts(o, ";");
        pos(d, it->span);
        if (it->body) dump_block(d, it->body, depth + 1);
        break;
    case ITEM_STRUCT:
        buf_printf(o, "Struct %s", it->name ? it->name : "{error}");
        generics_str(d, o, &it->generics);
        buf_puts(o, it->shape == STRUCT_TUPLE ? " (tuple)" : it->shape == STRUCT_UNIT ? " (unit)" : "");
        pos(d, it->span);
        dump_fields(d, &it->fields, depth + 1);
        break;
    case ITEM_ENUM:
        buf_printf(o, "Enum %s", it->name ? it->name : "{error}");
        generics_str(d, o, &it->generics);
        pos(d, it->span);
        for (int i = 0; i < it->variants.n; i++) {
            Variant *v = LIST_GET(it->variants, i, Variant);
            indent(d, depth + 1);
            buf_printf(o, "variant %s%s", v->name,
                       v->shape == VARIANT_TUPLE ? " (tuple)" : v->shape == VARIANT_STRUCT ? " (struct)" : "");
            pos(d, v->span);
            dump_fields(d, &v->fields, depth + 2);
            if (v->discriminant) dump_expr(d, v->discriminant, depth + 2);
        }
        break;
    case ITEM_TRAIT:
        buf_printf(o, "Trait %s", it->name ? it->name : "{error}");
        generics_str(d, o, &it->generics);
        if (it->supertraits.n) {
            buf_puts(o, ": ");
            bounds_str(d, o, &it->supertraits);
        }
        pos(d, it->span);
        for (int i = 0; i < it->items.n; i++) dump_item(d, LIST_GET(it->items, i, Item), depth + 1);
        break;
    case ITEM_IMPL:
        buf_puts(o, "Impl");
        generics_str(d, o, &it->generics);
        buf_putc(o, ' ');
        if (it->trait_path) {
            if (it->negative) buf_putc(o, '!');
            path_str(d, o, it->trait_path);
            buf_puts(o, " for ");
        }
        ty_str(d, o, it->self_ty);
        pos(d, it->span);
        for (int i = 0; i < it->items.n; i++) dump_item(d, LIST_GET(it->items, i, Item), depth + 1);
        break;
    case ITEM_USE:
        buf_puts(o, "Use ");
        dump_use(d, o, it->use);
        pos(d, it->span);
        break;
    case ITEM_TYPE:
        buf_printf(o, "Type %s", it->name ? it->name : "{error}");
        if (it->bounds.n) {
            buf_puts(o, ": ");
            bounds_str(d, o, &it->bounds);
        }
        if (it->ty) {
            buf_puts(o, " = ");
            ty_str(d, o, it->ty);
        }
        pos(d, it->span);
        break;
    case ITEM_CONST:
    case ITEM_STATIC:
        buf_printf(o, "%s %s: ", it->kind == ITEM_CONST ? "Const" : "Static", it->name ? it->name : "_");
        ty_str(d, o, it->ty);
        pos(d, it->span);
        if (it->value) dump_expr(d, it->value, depth + 1);
        break;
    case ITEM_MOD:
        buf_printf(o, "Mod %s", it->name ? it->name : "{error}");
        pos(d, it->span);
        for (int i = 0; i < it->items.n; i++) dump_item(d, LIST_GET(it->items, i, Item), depth + 1);
        break;
    case ITEM_MACRO_RULES:
        buf_printf(o, "MacroRules %s", it->name ? it->name : "{error}");
        pos(d, it->span);
        break;
    case ITEM_ERROR:
        buf_puts(o, "ItemError");
        pos(d, it->span);
        break;
    }
}

void dump_ast(DbUnit *u, Buf *out) {
    Dumper d = { u, out };
    buf_printf(out, "Crate %s\n", u->src.name);
    if (!u->crate) return;
    for (int i = 0; i < u->crate->items.n; i++) dump_item(&d, LIST_GET(u->crate->items, i, Item), 1);
}
