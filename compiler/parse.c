/* parse.c — recursive-descent parser from tokens to the AST of internal.h.
 *
 * Errors are collected, not fatal: after the first error inside an item or a
 * statement the parser stays quiet until it resynchronizes at the next item
 * or statement boundary, so one mistake gives one diagnostic. Nesting depth
 * is bounded so hostile input cannot overflow the C stack.
 */
#include "internal.h"

#include <string.h>

/* Deeper nesting than this is reported rather than recursed into: it keeps
 * the parser's stack use near 1 MiB even under ASan, far below the worker's
 * 8 MiB stack. A parenthesized expression costs two levels. */
enum { MAX_DEPTH = 512 };

typedef struct Parser {
    DbUnit *u;
    Arena *a;
    Token *t;
    int pos;
    int depth;
    bool quiet;       /* an error was reported; stay silent until resync */
    bool depth_hit;   /* the depth error was reported once already */
    bool no_struct;   /* `if x {` : `x {` is not a struct literal here */
    bool no_plus;     /* `x as u64 + 1`: the cast's type takes no `+ Bound` */
    Sym s_derive, s_dyn_box, s_union, s_auto, s_macro_rules, s_raw;
} Parser;

static Expr *expr(Parser *p);
static Expr *primary(Parser *p);
static Expr *expr_prec(Parser *p, int min_prec);
static Expr *expr_no_struct(Parser *p);
static Ty *type(Parser *p);
static Pat *pattern(Parser *p);
static Block *block(Parser *p);
static Item *item(Parser *p, List *attrs, bool in_trait);
static Path *path_type(Parser *p);
static Path *path_expr(Parser *p);
static void bounds(Parser *p, List *out);
static void generics_params(Parser *p, Generics *g);
static void where_clause(Parser *p, Generics *g);

/* ------------------------------------------------------------ token access */

static Token *cur(Parser *p) { return &p->t[p->pos]; }
static TokenKind peek(Parser *p) { return p->t[p->pos].kind; }
static TokenKind peek_at(Parser *p, int k) {
    int i = p->pos + k;
    if (i >= p->u->ntoks) i = p->u->ntoks - 1;
    return p->t[i].kind;
}
static Token *prev(Parser *p) { return &p->t[p->pos > 0 ? p->pos - 1 : 0]; }

static Token *advance(Parser *p) {
    Token *t = cur(p);
    if (t->kind != T_EOF) p->pos++;
    return t;
}

static bool at(Parser *p, TokenKind k) { return peek(p) == k; }

static bool accept(Parser *p, TokenKind k) {
    if (!at(p, k)) return false;
    advance(p);
    return true;
}

static Span here(Parser *p) { return cur(p)->span; }
static Span since(Parser *p, Span start) {
    Span s = { start.lo, prev(p)->span.hi };
    if (s.hi < s.lo) s.hi = s.lo;
    return s;
}

static bool at_ident(Parser *p, Sym s) { return at(p, T_IDENT) && cur(p)->sym == s; }

/* How a token reads inside a diagnostic: `fn`, `foo`, `"text"`, `<eof>`. */
static const char *describe(Parser *p, Token *t) {
    if (t->kind == T_EOF) return "<eof>";
    uint32_t n = t->span.hi - t->span.lo;
    if (n > 40) return token_kind_name(t->kind);
    return arena_strndup(p->a, p->u->src.text + t->span.lo, n);
}

static void error_at(Parser *p, Span sp, const char *label, const char *msg) {
    if (p->quiet) return;
    p->quiet = true;
    /* Right after an invalid token the lexer's error already explains it. */
    if (cur(p)->after_lex_error) return;
    diag_error_at(p->u, sp, NULL, label, "%s", msg);
}

static void error_expected(Parser *p, const char *what) {
    if (p->quiet) return;
    Token *t = cur(p);
    char *msg = arena_printf(p->a, "expected %s, found `%s`", what, describe(p, t));
    char *label = arena_printf(p->a, "expected %s", what);
    error_at(p, t->span, label, msg);
}

/* Splits a compound token when the grammar wants only its first character:
 * `>>` closing two generic lists, `&&x` as two borrows, `||` as closure bars. */
static bool eat_split(Parser *p, TokenKind want) {
    Token *t = cur(p);
    if (t->kind == want) {
        advance(p);
        return true;
    }
    TokenKind rest;
    if (want == P_GT && t->kind == P_SHR) rest = P_GT;
    else if (want == P_GT && t->kind == P_GE) rest = P_EQ;
    else if (want == P_GT && t->kind == P_SHR_EQ) rest = P_GE;
    else if (want == P_AMP && t->kind == P_ANDAND) rest = P_AMP;
    else if (want == P_PIPE && t->kind == P_OROR) rest = P_PIPE;
    else if (want == P_LT && t->kind == P_SHL) rest = P_LT;
    else return false;
    t->kind = rest;
    t->span.lo += 1;
    t->preceded_by_space = false;
    return true;
}

static bool expect(Parser *p, TokenKind k) {
    if (eat_split(p, k)) return true;
    if (!p->quiet) {
        Token *t = cur(p);
        char *what = arena_printf(p->a, "`%s`", token_kind_name(k));
        if (t->after_lex_error) {
            p->quiet = true;
        } else if (k == P_SEMI && p->pos > 0 && t->kind != T_EOF) {
            /* rustc points just past the previous token for a missing `;`. */
            Span after = { prev(p)->span.hi, prev(p)->span.hi };
            Diag *d = diag_new(p->u, DIAG_ERROR, NULL, "expected `;`, found `%s`", describe(p, t));
            diag_span(p->u, d, after, true, "expected `;`");
            diag_span(p->u, d, t->span, false, "unexpected token");
            p->quiet = true;
        } else {
            error_expected(p, what);
        }
    }
    return false;
}

/* A closing delimiter: at end of file rustc's "unclosed delimiter" points
 * at the opening one, which is where the mistake usually is. */
static void expect_close(Parser *p, TokenKind close, Span open) {
    if (accept(p, close)) return;
    /* After an unterminated string or comment the lexer's error says it all. */
    if (at(p, T_EOF) && cur(p)->after_lex_error) p->quiet = true;
    if (at(p, T_EOF) && !p->quiet) {
        Diag *d = diag_new(p->u, DIAG_ERROR, NULL, "this file contains an unclosed delimiter");
        diag_span(p->u, d, open, false, "unclosed delimiter");
        Span end = { p->u->src.len, p->u->src.len };
        diag_span(p->u, d, end, true, NULL);
        p->quiet = true;
        return;
    }
    expect(p, close);
}

static bool enter(Parser *p) {
    if (p->depth >= MAX_DEPTH) {
        if (!p->depth_hit) {
            p->depth_hit = true;
            p->quiet = false;
            Diag *d = diag_error_at(p->u, here(p), NULL, "nested too deeply",
                                    "this program nests too deeply");
            diag_child(p->u, d, DIAG_NOTE,
                       "dynbox allows %d levels of nested expressions, types, patterns and blocks, "
                       "so that no input can exhaust its stack", MAX_DEPTH);
        }
        p->quiet = true;
        return false;
    }
    p->depth++;
    return true;
}
static void leave(Parser *p) { p->depth--; }

/* ----------------------------------------------------------- node makers */

static Expr *new_expr(Parser *p, ExprKind k, Span sp) {
    Expr *e = arena_alloc(p->a, sizeof *e);
    e->kind = k;
    e->span = sp;
    return e;
}
static Ty *new_ty(Parser *p, TyKind k, Span sp) {
    Ty *t = arena_alloc(p->a, sizeof *t);
    t->kind = k;
    t->span = sp;
    return t;
}
static Pat *new_pat(Parser *p, PatKind k, Span sp) {
    Pat *x = arena_alloc(p->a, sizeof *x);
    x->kind = k;
    x->span = sp;
    return x;
}

/* Skips a balanced token tree: `(...)`, `[...]`, `{...}` or one token. */
static void skip_tree(Parser *p) {
    int depth = 0;
    do {
        TokenKind k = peek(p);
        if (k == T_EOF) return;
        if (k == P_LPAREN || k == P_LBRACKET || k == P_LBRACE) depth++;
        else if (k == P_RPAREN || k == P_RBRACKET || k == P_RBRACE) depth--;
        advance(p);
    } while (depth > 0);
}

/* -------------------------------------------------------------- attributes */

// attr = "#" "!"? "[" path ( "(" tokens ")" | "=" lit )? "]"
static Attr *attribute(Parser *p, bool *inner) {
    Span start = here(p);
    advance(p); /* # */
    *inner = accept(p, P_BANG);
    Span open = here(p);
    if (!expect(p, P_LBRACKET)) return NULL;
    Attr *at_ = arena_alloc(p->a, sizeof *at_);
    if (at(p, T_IDENT) || at(p, K_UNSAFE)) {
        at_->name = cur(p)->sym ? cur(p)->sym : sym_cstr(p->u, "unsafe");
        advance(p);
        while (accept(p, P_COLONCOLON))
            if (at(p, T_IDENT)) at_->name = advance(p)->sym;
    } else {
        error_expected(p, "attribute name");
    }
    if (at(p, P_LPAREN)) {
        Span ostart = here(p);
        advance(p);
        int depth = 1;
        while (depth > 0 && !at(p, T_EOF)) {
            TokenKind k = peek(p);
            if (k == P_LPAREN || k == P_LBRACKET || k == P_LBRACE) depth++;
            else if (k == P_RPAREN || k == P_RBRACKET || k == P_RBRACE) depth--;
            if (depth == 1 && k == T_IDENT) list_push(p->a, &at_->args, (void *)cur(p)->sym);
            if (depth > 0) advance(p);
        }
        expect_close(p, P_RPAREN, ostart);
    } else if (accept(p, P_EQ)) {
        skip_tree(p);
    }
    expect_close(p, P_RBRACKET, open);
    at_->span = since(p, start);
    return at_;
}

static void outer_attrs(Parser *p, List *out) {
    while (at(p, P_POUND)) {
        Span start = here(p);
        bool inner = false;
        Attr *a = attribute(p, &inner);
        if (inner && !p->quiet)
            error_at(p, since(p, start), "not allowed here",
                     "an inner attribute is not permitted in this context");
        if (a) list_push(p->a, out, a);
    }
}

/* ------------------------------------------------------------------ paths */

// generic_args = "<" (lifetime | IDENT "=" ty | ty | block | lit) ("," ...)* ","? ">"
static void generic_args(Parser *p, PathSeg *seg) {
    Span open = here(p);
    eat_split(p, P_LT);
    seg->has_generics = true;
    while (!at(p, P_GT) && !at(p, P_SHR) && !at(p, P_GE) && !at(p, P_SHR_EQ) && !at(p, T_EOF)) {
        if (at(p, T_LIFETIME)) {
            advance(p);
        } else if (at(p, T_IDENT) && (peek_at(p, 1) == P_EQ || peek_at(p, 1) == P_COLON)) {
            AssocBinding *b = arena_alloc(p->a, sizeof *b);
            Span s = here(p);
            b->name = advance(p)->sym;
            if (accept(p, P_COLON)) {
                /* `Item: Bound` associated bounds: parsed, kept as a binding-less bound */
                List tmp = { 0 };
                bounds(p, &tmp);
            } else {
                advance(p);
                b->ty = type(p);
                b->span = since(p, s);
                list_push(p->a, &seg->bindings, b);
            }
        } else if (at(p, P_LBRACE) || at(p, T_INT) || at(p, P_MINUS)) {
            /* const generic arguments are parsed so the error can say so */
            Span s = here(p);
            skip_tree(p);
            error_at(p, since(p, s), "const argument", "const generics are not supported in dynbox yet");
        } else {
            list_push(p->a, &seg->args, type(p));
        }
        if (!accept(p, P_COMMA)) break;
    }
    (void)open;
    expect(p, P_GT);
}

// type_path = "::"? seg ("::" seg)*      seg = IDENT generic_args? | IDENT "(" tys ")" ("->" ty)?
static Path *path_type(Parser *p) {
    Path *path = arena_alloc(p->a, sizeof *path);
    Span start = here(p);
    path->global = accept(p, P_COLONCOLON);
    for (;;) {
        PathSeg *seg = arena_alloc(p->a, sizeof *seg);
        seg->span = here(p);
        TokenKind k = peek(p);
        if (k == T_IDENT || k == K_SELF_UPPER || k == K_SELF_LOWER || k == K_SUPER || k == K_CRATE) {
            Token *t = advance(p);
            seg->name = t->sym ? t->sym : sym_cstr(p->u, token_kind_name(k));
        } else {
            error_expected(p, "identifier");
            seg->name = sym_cstr(p->u, "{error}");
            list_push(p->a, &path->segs, seg);
            break;
        }
        if (at(p, P_LT) || at(p, P_SHL) || (at(p, P_COLONCOLON) && (peek_at(p, 1) == P_LT))) {
            accept(p, P_COLONCOLON);
            generic_args(p, seg);
        } else if (at(p, P_LPAREN)) {
            /* Fn(A, B) -> R sugar */
            Span open = here(p);
            advance(p);
            seg->fn_sugar = true;
            while (!at(p, P_RPAREN) && !at(p, T_EOF)) {
                list_push(p->a, &seg->args, type(p));
                if (!accept(p, P_COMMA)) break;
            }
            expect_close(p, P_RPAREN, open);
            if (accept(p, P_ARROW)) seg->fn_ret = type(p);
        }
        seg->span = since(p, seg->span);
        list_push(p->a, &path->segs, seg);
        if (at(p, P_COLONCOLON) && peek_at(p, 1) != P_LT && peek_at(p, 1) != P_LBRACE &&
            peek_at(p, 1) != P_STAR) {
            advance(p);
            continue;
        }
        break;
    }
    path->span = since(p, start);
    return path;
}

// qpath = "<" ty ("as" type_path)? ">" "::" seg ("::" seg)*
static Path *qualified_path(Parser *p, bool in_expr) {
    Span start = here(p);
    eat_split(p, P_LT);
    Path *path = arena_alloc(p->a, sizeof *path);
    path->qself = type(p);
    if (accept(p, K_AS)) path->qtrait = path_type(p);
    expect(p, P_GT);
    expect(p, P_COLONCOLON);
    /* in an expression `<T as Tr>::f(x)` is a call, not `Fn(x)` sugar */
    Path *rest = in_expr ? path_expr(p) : path_type(p);
    path->segs = rest->segs;
    path->span = since(p, start);
    return path;
}

// expr_path = "::"? seg ("::" (seg | generic_args))*     (turbofish required)
static Path *path_expr(Parser *p) {
    Path *path = arena_alloc(p->a, sizeof *path);
    Span start = here(p);
    path->global = accept(p, P_COLONCOLON);
    for (;;) {
        PathSeg *seg = arena_alloc(p->a, sizeof *seg);
        seg->span = here(p);
        TokenKind k = peek(p);
        if (k == T_IDENT || k == K_SELF_UPPER || k == K_SELF_LOWER || k == K_SUPER || k == K_CRATE) {
            Token *t = advance(p);
            seg->name = t->sym ? t->sym : sym_cstr(p->u, token_kind_name(k));
        } else {
            error_expected(p, "identifier");
            seg->name = sym_cstr(p->u, "{error}");
            list_push(p->a, &path->segs, seg);
            break;
        }
        if (at(p, P_COLONCOLON) && (peek_at(p, 1) == P_LT || peek_at(p, 1) == P_SHL)) {
            advance(p);
            generic_args(p, seg);
        }
        seg->span = since(p, seg->span);
        list_push(p->a, &path->segs, seg);
        if (at(p, P_COLONCOLON) && peek_at(p, 1) != P_LBRACE && peek_at(p, 1) != P_STAR) {
            advance(p);
            continue;
        }
        break;
    }
    path->span = since(p, start);
    return path;
}

/* ------------------------------------------------------------------ types */

// bounds = bound ("+" bound)*     bound = lifetime | "?"? type_path | "(" bound ")" | "for" "<" ... ">" bound
static void bounds(Parser *p, List *out) {
    for (;;) {
        if (at(p, T_LIFETIME)) {
            advance(p);
        } else if (at(p, P_QUESTION) || at(p, T_IDENT) || at(p, P_COLONCOLON) ||
                   at(p, K_SELF_UPPER) || at(p, K_FOR) || at(p, P_LPAREN) || at(p, K_ASYNC)) {
            Bound *b = arena_alloc(p->a, sizeof *b);
            Span s = here(p);
            bool paren = accept(p, P_LPAREN);
            if (accept(p, K_FOR)) { /* higher-ranked lifetimes: parsed, ignored */
                Generics g = { 0 };
                generics_params(p, &g);
            }
            if (at(p, K_ASYNC)) {
                error_at(p, here(p), "async closure bound", "async closure bounds are not supported in dynbox");
                advance(p);
            }
            b->maybe = accept(p, P_QUESTION);
            b->path = path_type(p);
            if (paren) expect(p, P_RPAREN);
            b->span = since(p, s);
            list_push(p->a, out, b);
        } else {
            error_expected(p, "trait bound");
            return;
        }
        if (!accept(p, P_PLUS)) return;
        /* a trailing `+` before `{`, `,`, `>` or `=` is allowed */
        if (at(p, P_LBRACE) || at(p, P_COMMA) || at(p, P_GT) || at(p, P_EQ) || at(p, P_SEMI)) return;
    }
}

// ty = "&" lifetime? "mut"? ty | "*" ("const"|"mut") ty | "(" (ty ","?)* ")" | "[" ty (";" expr)? "]"
//    | "!" | "_" | "dyn" bounds | "impl" bounds | "fn" "(" tys ")" ("->" ty)? | qpath | type_path
static Ty *type(Parser *p) {
    Span start = here(p);
    if (!enter(p)) {
        skip_tree(p);
        return new_ty(p, TY_ERROR, start);
    }
    Ty *t;
    switch (peek(p)) {
    case P_AMP:
    case P_ANDAND:
        eat_split(p, P_AMP);
        t = new_ty(p, TY_REF, start);
        accept(p, T_LIFETIME);
        t->mut_ = accept(p, K_MUT);
        t->inner = type(p);
        break;
    case P_STAR:
        advance(p);
        t = new_ty(p, TY_PTR, start);
        if (!accept(p, K_CONST)) {
            if (!accept(p, K_MUT)) error_expected(p, "`mut` or `const`");
            else t->mut_ = true;
        }
        t->inner = type(p);
        break;
    case P_LPAREN: {
        advance(p);
        t = new_ty(p, TY_TUPLE, start);
        bool comma = false;
        while (!at(p, P_RPAREN) && !at(p, T_EOF)) {
            list_push(p->a, &t->elems, type(p));
            comma = accept(p, P_COMMA);
            if (!comma) break;
        }
        expect_close(p, P_RPAREN, start);
        /* `(T)` is just T in parentheses */
        if (t->elems.n == 1 && !comma) t = LIST_GET(t->elems, 0, Ty);
        break;
    }
    case P_LBRACKET:
        advance(p);
        t = new_ty(p, TY_SLICE, start);
        t->inner = type(p);
        if (accept(p, P_SEMI)) {
            t->kind = TY_ARRAY;
            t->len = expr(p);
        }
        expect_close(p, P_RBRACKET, start);
        break;
    case P_BANG:
        advance(p);
        t = new_ty(p, TY_NEVER, start);
        break;
    case P_UNDERSCORE:
        advance(p);
        t = new_ty(p, TY_INFER, start);
        break;
    case K_DYN:
        advance(p);
        t = new_ty(p, TY_DYN, start);
        t->dyn_written = true;
        bounds(p, &t->bounds);
        break;
    case K_IMPL:
        advance(p);
        t = new_ty(p, TY_IMPL, start);
        bounds(p, &t->bounds);
        break;
    case K_FN:
    case K_UNSAFE:
    case K_EXTERN:
        accept(p, K_UNSAFE);
        if (accept(p, K_EXTERN)) accept(p, T_STR);
        t = new_ty(p, TY_FN_PTR, start);
        expect(p, K_FN);
        if (expect(p, P_LPAREN)) {
            while (!at(p, P_RPAREN) && !at(p, T_EOF)) {
                if (at(p, T_IDENT) && peek_at(p, 1) == P_COLON) { advance(p); advance(p); }
                list_push(p->a, &t->elems, type(p));
                if (!accept(p, P_COMMA)) break;
            }
            expect(p, P_RPAREN);
        }
        if (accept(p, P_ARROW)) t->inner = type(p);
        break;
    case P_LT:
    case P_SHL:
        t = new_ty(p, TY_PATH, start);
        t->path = qualified_path(p, false);
        break;
    case T_IDENT:
    case K_SELF_UPPER:
    case K_CRATE:
    case K_SUPER:
    case K_SELF_LOWER:
    case P_COLONCOLON:
        t = new_ty(p, TY_PATH, start);
        t->path = path_type(p);
        /* a bare trait object `Trait + Send` (missing `dyn`) */
        if (at(p, P_PLUS) && !p->no_plus) {
            Bound *b = arena_alloc(p->a, sizeof *b);
            b->path = t->path;
            b->span = t->path->span;
            t->kind = TY_DYN;
            t->path = NULL;
            list_push(p->a, &t->bounds, b);
            advance(p);
            bounds(p, &t->bounds);
        }
        break;
    default:
        error_expected(p, "type");
        t = new_ty(p, TY_ERROR, start);
        break;
    }
    t->span = since(p, start);
    leave(p);
    return t;
}

/* --------------------------------------------------------------- patterns */

static bool starts_literal(TokenKind k) {
    return k == T_INT || k == T_FLOAT || k == T_STR || k == T_CHAR || k == T_BYTE ||
           k == T_BYTE_STR || k == K_TRUE || k == K_FALSE;
}

static Expr *literal(Parser *p);

// pat_range_end = "-"? literal | path
static Expr *pat_bound(Parser *p) {
    Span s = here(p);
    if (accept(p, P_MINUS)) {
        Expr *e = new_expr(p, EX_UNARY, s);
        e->op = P_MINUS;
        e->lhs = literal(p);
        e->span = since(p, s);
        return e;
    }
    if (starts_literal(peek(p))) return literal(p);
    Expr *e = new_expr(p, EX_PATH, s);
    e->path = path_expr(p);
    e->span = since(p, s);
    return e;
}

static void pat_list(Parser *p, List *out, TokenKind close, Span open) {
    while (!at(p, close) && !at(p, T_EOF)) {
        list_push(p->a, out, pattern(p));
        if (!accept(p, P_COMMA)) break;
    }
    expect_close(p, close, open);
}

// pat_single = "_" | ".." | "&" "mut"? pat_single | "(" pats ")" | "[" pats "]"
//            | "ref"? "mut"? IDENT ("@" pat_single)? | lit_or_path ((".." | "..=") lit_or_path)?
//            | path "(" pats ")" | path "{" fields "}"
static Pat *pattern_single(Parser *p) {
    Span start = here(p);
    if (!enter(p)) {
        skip_tree(p);
        return new_pat(p, PAT_ERROR, start);
    }
    Pat *x = NULL;
    TokenKind k = peek(p);
    if (k == P_UNDERSCORE) {
        advance(p);
        x = new_pat(p, PAT_WILD, start);
    } else if (k == P_DOTDOT) {
        advance(p);
        x = new_pat(p, PAT_REST, start);
    } else if (k == P_AMP || k == P_ANDAND) {
        eat_split(p, P_AMP);
        x = new_pat(p, PAT_REF, start);
        x->mut_ = accept(p, K_MUT);
        x->sub = pattern_single(p);
    } else if (k == P_LPAREN) {
        advance(p);
        x = new_pat(p, PAT_TUPLE, start);
        bool comma = false;
        while (!at(p, P_RPAREN) && !at(p, T_EOF)) {
            list_push(p->a, &x->elems, pattern(p));
            comma = accept(p, P_COMMA);
            if (!comma) break;
        }
        expect_close(p, P_RPAREN, start);
        if (x->elems.n == 1 && !comma && LIST_GET(x->elems, 0, Pat)->kind != PAT_REST)
            x = LIST_GET(x->elems, 0, Pat);
    } else if (k == P_LBRACKET) {
        advance(p);
        x = new_pat(p, PAT_SLICE, start);
        pat_list(p, &x->elems, P_RBRACKET, start);
    } else if (k == K_REF || k == K_MUT ||
               (k == T_IDENT && peek_at(p, 1) != P_COLONCOLON && peek_at(p, 1) != P_LPAREN &&
                peek_at(p, 1) != P_LBRACE && peek_at(p, 1) != P_DOTDOT &&
                peek_at(p, 1) != P_DOTDOTEQ && peek_at(p, 1) != P_DOTDOTDOT)) {
        x = new_pat(p, PAT_IDENT, start);
        x->by_ref = accept(p, K_REF);
        x->mut_ = accept(p, K_MUT);
        if (at(p, T_IDENT)) x->name = advance(p)->sym;
        else if (at(p, K_SELF_LOWER)) x->name = (advance(p), sym_cstr(p->u, "self"));
        else {
            error_expected(p, "identifier");
            x->name = sym_cstr(p->u, "{error}");
        }
        if (accept(p, P_AT)) x->sub = pattern_single(p);
    } else if (starts_literal(k) || k == P_MINUS || k == T_IDENT || k == K_SELF_UPPER ||
               k == P_COLONCOLON || k == K_CRATE || k == K_SUPER || k == K_SELF_LOWER) {
        Expr *lo = pat_bound(p);
        if (at(p, P_DOTDOTEQ) || at(p, P_DOTDOT) || at(p, P_DOTDOTDOT)) {
            x = new_pat(p, PAT_RANGE, start);
            x->inclusive = !at(p, P_DOTDOT);
            advance(p);
            x->lit = lo;
            if (starts_literal(peek(p)) || at(p, P_MINUS) || at(p, T_IDENT)) x->hi = pat_bound(p);
        } else if (lo->kind != EX_PATH) {
            x = new_pat(p, PAT_LIT, start);
            x->lit = lo;
        } else if (at(p, P_LPAREN)) {
            x = new_pat(p, PAT_TUPLE_STRUCT, start);
            x->path = lo->path;
            Span open = here(p);
            advance(p);
            pat_list(p, &x->elems, P_RPAREN, open);
        } else if (at(p, P_LBRACE)) {
            x = new_pat(p, PAT_STRUCT, start);
            x->path = lo->path;
            Span open = here(p);
            advance(p);
            while (!at(p, P_RBRACE) && !at(p, T_EOF)) {
                if (accept(p, P_DOTDOT)) {
                    x->has_rest = true;
                    break;
                }
                PatField *f = arena_alloc(p->a, sizeof *f);
                Span fs = here(p);
                bool by_ref = accept(p, K_REF), mut_ = accept(p, K_MUT);
                if (at(p, T_IDENT) || at(p, T_INT)) {
                    Token *nt = advance(p);
                    f->name = nt->sym ? nt->sym
                                      : sym_intern(p->u, p->u->src.text + nt->span.lo,
                                                   nt->span.hi - nt->span.lo);
                } else {
                    error_expected(p, "field name");
                    break;
                }
                if (!by_ref && !mut_ && accept(p, P_COLON)) {
                    f->pat = pattern(p);
                } else {
                    f->pat = new_pat(p, PAT_IDENT, fs);
                    f->pat->name = f->name;
                    f->pat->by_ref = by_ref;
                    f->pat->mut_ = mut_;
                    f->pat->span = since(p, fs);
                }
                f->span = since(p, fs);
                list_push(p->a, &x->fields, f);
                if (!accept(p, P_COMMA)) break;
            }
            expect_close(p, P_RBRACE, open);
        } else {
            x = new_pat(p, PAT_PATH, start);
            x->path = lo->path;
            /* a single-segment path is a binding unless name resolution
             * finds a unit variant or constant of that name */
            if (lo->path->segs.n == 1 && !LIST_GET(lo->path->segs, 0, PathSeg)->has_generics &&
                !lo->path->global && !lo->path->qself) {
                x->kind = PAT_IDENT;
                x->name = LIST_GET(lo->path->segs, 0, PathSeg)->name;
            }
        }
    } else {
        error_expected(p, "pattern");
        x = new_pat(p, PAT_ERROR, start);
        if (!at(p, T_EOF) && !at(p, P_RBRACE) && !at(p, P_RPAREN)) advance(p);
    }
    x->span = since(p, start);
    leave(p);
    return x;
}

// pat = "|"? pat_single ("|" pat_single)*
static Pat *pattern(Parser *p) {
    Span start = here(p);
    accept(p, P_PIPE);
    Pat *first = pattern_single(p);
    if (!at(p, P_PIPE)) return first;
    Pat *x = new_pat(p, PAT_OR, start);
    list_push(p->a, &x->elems, first);
    while (accept(p, P_PIPE)) list_push(p->a, &x->elems, pattern_single(p));
    x->span = since(p, start);
    return x;
}

/* ------------------------------------------------------------ expressions */

static Expr *literal(Parser *p) {
    Token *t = cur(p);
    Expr *e;
    switch (t->kind) {
    case T_INT: e = new_expr(p, EX_INT, t->span); break;
    case T_FLOAT: e = new_expr(p, EX_FLOAT, t->span); break;
    case T_STR: e = new_expr(p, EX_STR, t->span); break;
    case T_CHAR: e = new_expr(p, EX_CHAR, t->span); break;
    case T_BYTE: e = new_expr(p, EX_BYTE, t->span); break;
    case T_BYTE_STR: e = new_expr(p, EX_BYTE_STR, t->span); break;
    case K_TRUE:
    case K_FALSE:
        e = new_expr(p, EX_BOOL, t->span);
        e->ival = t->kind == K_TRUE;
        advance(p);
        return e;
    default:
        error_expected(p, "literal");
        return new_expr(p, EX_ERROR, t->span);
    }
    e->ival = t->ival;
    e->int_overflow = t->int_overflow;
    e->fval = t->fval;
    e->str = t->str;
    e->str_len = t->str_len;
    e->suffix = t->suffix;
    advance(p);
    return e;
}

static bool can_start_expr(TokenKind k) {
    switch (k) {
    case T_IDENT: case T_INT: case T_FLOAT: case T_STR: case T_CHAR: case T_BYTE:
    case T_BYTE_STR: case T_LIFETIME: case K_TRUE: case K_FALSE: case K_SELF_LOWER:
    case K_SELF_UPPER: case K_CRATE: case K_SUPER: case K_IF: case K_MATCH: case K_LOOP:
    case K_WHILE: case K_FOR: case K_RETURN: case K_BREAK: case K_CONTINUE: case K_MOVE:
    case K_ASYNC: case K_UNSAFE: case K_LET: case P_LPAREN: case P_LBRACKET: case P_LBRACE:
    case P_MINUS: case P_BANG: case P_STAR: case P_AMP: case P_ANDAND: case P_PIPE:
    case P_OROR: case P_DOTDOT: case P_DOTDOTEQ: case P_LT: case P_COLONCOLON: case P_SHL:
        return true;
    default:
        return false;
    }
}

/* Block-like expressions end a statement without `;` (`if x {} -1` is two). */
static bool is_block_like(Expr *e) {
    switch (e->kind) {
    case EX_BLOCK: case EX_IF: case EX_MATCH: case EX_WHILE: case EX_LOOP: case EX_FOR:
    case EX_ASYNC:
        return true;
    default:
        return false;
    }
}

static Expr *block_expr(Parser *p) {
    Span s = here(p);
    Expr *e = new_expr(p, EX_BLOCK, s);
    e->body = block(p);
    e->span = since(p, s);
    return e;
}

// if = "if" cond block ("else" (if | block))?
static Expr *if_expr(Parser *p) {
    Span s = here(p);
    advance(p);
    Expr *e = new_expr(p, EX_IF, s);
    e->cond = expr_no_struct(p);
    e->then = block(p);
    if (accept(p, K_ELSE)) {
        if (at(p, K_IF)) e->else_ = if_expr(p);
        else if (at(p, P_LBRACE)) e->else_ = block_expr(p);
        else error_expected(p, "`{` or `if`");
    }
    e->span = since(p, s);
    return e;
}

// match = "match" expr "{" (pat ("if" expr)? "=>" expr ","?)* "}"
static Expr *match_expr(Parser *p) {
    Span s = here(p);
    advance(p);
    Expr *e = new_expr(p, EX_MATCH, s);
    e->lhs = expr_no_struct(p);
    Span open = here(p);
    if (!expect(p, P_LBRACE)) return e;
    while (!at(p, P_RBRACE) && !at(p, T_EOF)) {
        MatchArm *arm = arena_alloc(p->a, sizeof *arm);
        Span as = here(p);
        List attrs = { 0 };
        outer_attrs(p, &attrs);
        arm->pat = pattern(p);
        if (accept(p, K_IF)) arm->guard = expr(p);
        if (!expect(p, P_FATARROW)) {
            /* skip the rest of this arm */
            while (!at(p, P_COMMA) && !at(p, P_RBRACE) && !at(p, T_EOF)) skip_tree(p);
            accept(p, P_COMMA);
            p->quiet = false;
            continue;
        }
        bool saved = p->no_struct;
        p->no_struct = false;
        /* A block body ends the arm at its `}`: `{} -1 => ..` starts a new arm. */
        if (at(p, P_LBRACE) || (at(p, K_UNSAFE) && peek_at(p, 1) == P_LBRACE)) arm->body = primary(p);
        else arm->body = expr(p);
        p->no_struct = saved;
        arm->span = since(p, as);
        list_push(p->a, &e->arms, arm);
        if (accept(p, P_COMMA)) continue;
        if (is_block_like(arm->body) || at(p, P_RBRACE)) continue;
        expect(p, P_COMMA);
        while (!at(p, P_COMMA) && !at(p, P_RBRACE) && !at(p, T_EOF)) skip_tree(p);
        accept(p, P_COMMA);
    }
    expect_close(p, P_RBRACE, open);
    e->span = since(p, s);
    return e;
}

// closure = "move"? ("|" (pat (":" ty)?),* "|" | "||") ("->" ty block | expr)
static Expr *closure(Parser *p) {
    Span s = here(p);
    Expr *e = new_expr(p, EX_CLOSURE, s);
    e->move_ = accept(p, K_MOVE);
    if (!accept(p, P_OROR)) {
        expect(p, P_PIPE);
        while (!at(p, P_PIPE) && !at(p, T_EOF)) {
            Param *prm = arena_alloc(p->a, sizeof *prm);
            Span ps = here(p);
            prm->pat = pattern_single(p);
            if (accept(p, P_COLON)) prm->ty = type(p);
            prm->span = since(p, ps);
            list_push(p->a, &e->params, prm);
            if (!accept(p, P_COMMA)) break;
        }
        expect(p, P_PIPE);
    }
    if (accept(p, P_ARROW)) {
        e->ty = type(p);
        e->lhs = block_expr(p);
    } else {
        e->lhs = expr(p);
    }
    e->span = since(p, s);
    return e;
}

static bool is_format_macro(const char *n) {
    static const char *const names[] = {
        "println", "print", "eprintln", "eprint", "format", "panic", "assert", "assert_eq",
        "assert_ne", "unreachable", "todo", "unimplemented", "write", "writeln",
        "debug_assert", "debug_assert_eq", "debug_assert_ne", NULL,
    };
    for (int i = 0; names[i]; i++)
        if (strcmp(n, names[i]) == 0) return true;
    return false;
}

// macro = IDENT "!" delim args delim      args = (IDENT "=")? expr ("," ...)* ","?
//       | "vec" "!" "[" expr ";" expr "]"  | "dyn_box" "!" "(" expr ")"
static Expr *macro_call(Parser *p, Span s, Sym name) {
    advance(p); /* ! */
    TokenKind open_k = peek(p), close_k;
    char delim;
    if (open_k == P_LPAREN) { close_k = P_RPAREN; delim = '('; }
    else if (open_k == P_LBRACKET) { close_k = P_RBRACKET; delim = '['; }
    else if (open_k == P_LBRACE) { close_k = P_RBRACE; delim = '{'; }
    else {
        error_expected(p, "one of `(`, `[`, or `{`");
        return new_expr(p, EX_ERROR, s);
    }
    Span open = here(p);
    if (name == p->s_dyn_box) {
        advance(p);
        Expr *e = new_expr(p, EX_BOX, s);
        e->macro_form = true;
        bool saved = p->no_struct;
        p->no_struct = false;
        e->lhs = expr(p);
        p->no_struct = saved;
        accept(p, P_COMMA);
        expect_close(p, close_k, open);
        e->span = since(p, s);
        return e;
    }
    bool known = is_format_macro(name) || strcmp(name, "vec") == 0 || strcmp(name, "matches") == 0;
    if (!known) {
        skip_tree(p);
        Span sp = since(p, s);
        Diag *d = diag_error_at(p->u, (Span){ s.lo, s.lo + (uint32_t)strlen(name) }, NULL, NULL,
                                "cannot find macro `%s` in this scope", name);
        if (strcmp(name, "macro_rules") == 0)
            diag_child(p->u, d, DIAG_NOTE, "defining macros is not supported in dynbox");
        return new_expr(p, EX_ERROR, sp);
    }
    advance(p);
    Expr *e = new_expr(p, EX_MACRO, s);
    MacroCall *m = arena_alloc(p->a, sizeof *m);
    m->name = name;
    m->delim = delim;
    e->mac = m;
    bool saved = p->no_struct;
    p->no_struct = false;
    if (strcmp(name, "matches") == 0 && !at(p, close_k)) {
        list_push(p->a, &m->args, expr(p));
        list_push(p->a, &m->names, NULL);
        if (expect(p, P_COMMA)) {
            e->pat = pattern(p);
            if (accept(p, K_IF)) e->cond = expr(p);
        }
        accept(p, P_COMMA);
    } else {
        while (!at(p, close_k) && !at(p, T_EOF)) {
            Sym arg_name = NULL;
            if (at(p, T_IDENT) && peek_at(p, 1) == P_EQ) {
                arg_name = advance(p)->sym;
                advance(p);
            }
            list_push(p->a, &m->args, expr(p));
            list_push(p->a, &m->names, (void *)arg_name);
            if (strcmp(name, "vec") == 0 && m->args.n == 1 && accept(p, P_SEMI)) {
                m->repeat = true;
                list_push(p->a, &m->args, expr(p));
                list_push(p->a, &m->names, NULL);
                break;
            }
            if (!accept(p, P_COMMA)) break;
        }
    }
    p->no_struct = saved;
    expect_close(p, close_k, open);
    e->span = since(p, s);
    return e;
}

// struct_lit = path "{" (IDENT (":" expr)? | INT ":" expr),* (".." expr)? "}"
static Expr *struct_literal(Parser *p, Expr *e) {
    Span open = here(p);
    advance(p);
    e->kind = EX_STRUCT;
    bool saved = p->no_struct;
    p->no_struct = false;
    while (!at(p, P_RBRACE) && !at(p, T_EOF)) {
        if (accept(p, P_DOTDOT)) {
            e->rhs = expr(p);
            break;
        }
        FieldInit *f = arena_alloc(p->a, sizeof *f);
        Span fs = here(p);
        if (at(p, T_IDENT) || at(p, T_INT)) {
            Token *t = advance(p);
            f->name = t->sym ? t->sym
                             : sym_intern(p->u, p->u->src.text + t->span.lo, t->span.hi - t->span.lo);
        } else {
            error_expected(p, "identifier");
            break;
        }
        if (accept(p, P_COLON)) {
            f->value = expr(p);
        } else {
            /* shorthand `Point { x, y }` */
            Expr *v = new_expr(p, EX_PATH, fs);
            Path *path = arena_alloc(p->a, sizeof *path);
            PathSeg *seg = arena_alloc(p->a, sizeof *seg);
            seg->name = f->name;
            seg->span = fs;
            path->span = fs;
            list_push(p->a, &path->segs, seg);
            v->path = path;
            f->value = v;
        }
        f->span = since(p, fs);
        list_push(p->a, &e->fields, f);
        if (!accept(p, P_COMMA)) break;
    }
    p->no_struct = saved;
    expect_close(p, P_RBRACE, open);
    e->span = since(p, e->span);
    return e;
}

static Sym label_name(Parser *p) {
    return at(p, T_LIFETIME) ? advance(p)->sym : NULL;
}

// primary = literal | path | path "!" macro | path "{" fields "}" | "(" exprs ")" | "[" exprs "]"
//         | block | "unsafe" block | "async" "move"? block | closure | if | match | loop | while
//         | for | label ":" (loop|while|for|block) | "return" expr? | "break" label? expr?
//         | "continue" label? | "let" pat "=" expr
static Expr *primary(Parser *p) {
    Span s = here(p);
    TokenKind k = peek(p);
    switch (k) {
    case T_INT: case T_FLOAT: case T_STR: case T_CHAR: case T_BYTE: case T_BYTE_STR:
    case K_TRUE: case K_FALSE:
        return literal(p);
    case P_LPAREN: {
        advance(p);
        bool saved = p->no_struct;
        p->no_struct = false;
        Expr *e = new_expr(p, EX_TUPLE, s);
        bool comma = false;
        while (!at(p, P_RPAREN) && !at(p, T_EOF)) {
            list_push(p->a, &e->args, expr(p));
            comma = accept(p, P_COMMA);
            if (!comma) break;
        }
        p->no_struct = saved;
        expect_close(p, P_RPAREN, s);
        if (e->args.n == 1 && !comma) {
            /* each node has one parent: the AST is a tree, never a DAG */
            e->kind = EX_PAREN;
            e->lhs = LIST_GET(e->args, 0, Expr);
            e->args = (List){ 0 };
        }
        e->span = since(p, s);
        return e;
    }
    case P_LBRACKET: {
        advance(p);
        bool saved = p->no_struct;
        p->no_struct = false;
        Expr *e = new_expr(p, EX_ARRAY, s);
        while (!at(p, P_RBRACKET) && !at(p, T_EOF)) {
            list_push(p->a, &e->args, expr(p));
            if (e->args.n == 1 && accept(p, P_SEMI)) {
                e->kind = EX_REPEAT;
                e->lhs = LIST_GET(e->args, 0, Expr);
                e->args = (List){ 0 };
                e->rhs = expr(p);
                break;
            }
            if (!accept(p, P_COMMA)) break;
        }
        p->no_struct = saved;
        expect_close(p, P_RBRACKET, s);
        e->span = since(p, s);
        return e;
    }
    case P_LBRACE:
        return block_expr(p);
    case K_UNSAFE: {
        advance(p);
        Expr *e = block_expr(p);
        e->unsafe_ = true;
        e->span = since(p, s);
        return e;
    }
    case K_ASYNC: {
        advance(p);
        Expr *e = new_expr(p, EX_ASYNC, s);
        e->move_ = accept(p, K_MOVE);
        if (at(p, P_PIPE) || at(p, P_OROR)) {
            error_at(p, here(p), "async closure", "async closures are not supported in dynbox");
            return e;
        }
        e->body = block(p);
        e->span = since(p, s);
        return e;
    }
    case K_MOVE: case P_PIPE: case P_OROR:
        return closure(p);
    case K_IF:
        return if_expr(p);
    case K_MATCH:
        return match_expr(p);
    case T_LIFETIME:
    case K_LOOP: case K_WHILE: case K_FOR: {
        Sym label = NULL;
        if (k == T_LIFETIME) {
            label = label_name(p);
            expect(p, P_COLON);
        }
        Expr *e;
        if (accept(p, K_LOOP)) {
            e = new_expr(p, EX_LOOP, s);
            e->body = block(p);
        } else if (accept(p, K_WHILE)) {
            e = new_expr(p, EX_WHILE, s);
            e->cond = expr_no_struct(p);
            e->body = block(p);
        } else if (accept(p, K_FOR)) {
            e = new_expr(p, EX_FOR, s);
            e->pat = pattern(p);
            expect(p, K_IN);
            e->lhs = expr_no_struct(p);
            e->body = block(p);
        } else if (at(p, P_LBRACE)) {
            e = block_expr(p);
        } else {
            error_expected(p, "`loop`, `while`, `for` or a block after a label");
            return new_expr(p, EX_ERROR, s);
        }
        e->label = label;
        e->span = since(p, s);
        return e;
    }
    case K_RETURN: {
        advance(p);
        Expr *e = new_expr(p, EX_RETURN, s);
        if (can_start_expr(peek(p))) e->lhs = expr(p);
        e->span = since(p, s);
        return e;
    }
    case K_BREAK: {
        advance(p);
        Expr *e = new_expr(p, EX_BREAK, s);
        e->label = label_name(p);
        if (can_start_expr(peek(p)) && !(p->no_struct && at(p, P_LBRACE))) e->lhs = expr(p);
        e->span = since(p, s);
        return e;
    }
    case K_CONTINUE: {
        advance(p);
        Expr *e = new_expr(p, EX_CONTINUE, s);
        e->label = label_name(p);
        e->span = since(p, s);
        return e;
    }
    case K_LET: {
        advance(p);
        Expr *e = new_expr(p, EX_LET, s);
        e->pat = pattern(p);
        expect(p, P_EQ);
        /* the scrutinee binds tighter than `&&` so `let` chains work */
        e->rhs = expr_prec(p, 4);
        e->span = since(p, s);
        return e;
    }
    case P_LT: case P_SHL: {
        Expr *e = new_expr(p, EX_PATH, s);
        e->path = qualified_path(p, true);
        e->span = since(p, s);
        return e;
    }
    case T_IDENT: case K_SELF_LOWER: case K_SELF_UPPER: case K_CRATE: case K_SUPER:
    case P_COLONCOLON: {
        if (k == T_IDENT && peek_at(p, 1) == P_BANG) {
            Sym name = advance(p)->sym;
            return macro_call(p, s, name);
        }
        Expr *e = new_expr(p, EX_PATH, s);
        e->path = path_expr(p);
        e->span = since(p, s);
        if (at(p, P_LBRACE) && !p->no_struct) return struct_literal(p, e);
        return e;
    }
    default:
        error_expected(p, "expression");
        return new_expr(p, EX_ERROR, s);
    }
}

/* `x.0.1` lexes as `x` `.` `0.1`: split the float into two field names. */
static void tuple_field_from_float(Parser *p, Expr **pe, Span s) {
    Token *t = advance(p);
    const char *txt = p->u->src.text + t->span.lo;
    uint32_t n = t->span.hi - t->span.lo, dot = 0;
    while (dot < n && txt[dot] != '.') dot++;
    Expr *e = new_expr(p, EX_FIELD, s);
    e->lhs = *pe;
    e->name = sym_intern(p->u, txt, dot);
    e->name_span = (Span){ t->span.lo, t->span.lo + dot };
    e->span = (Span){ s.lo, t->span.lo + dot };
    if (dot + 1 < n) {
        Expr *e2 = new_expr(p, EX_FIELD, s);
        e2->lhs = e;
        e2->name = sym_intern(p->u, txt + dot + 1, n - dot - 1);
        e2->name_span = (Span){ t->span.lo + dot + 1, t->span.hi };
        e2->span = since(p, s);
        e = e2;
    }
    *pe = e;
}

static void call_args(Parser *p, List *out) {
    Span open = here(p);
    advance(p);
    bool saved = p->no_struct;
    p->no_struct = false;
    while (!at(p, P_RPAREN) && !at(p, T_EOF)) {
        list_push(p->a, out, expr(p));
        if (!accept(p, P_COMMA)) break;
    }
    p->no_struct = saved;
    expect_close(p, P_RPAREN, open);
}

// postfix = primary ( "?" | "." ("await" | "box" | IDENT turbofish? "(" args ")" | IDENT | INT)
//                   | "(" args ")" | "[" expr "]" )*
static Expr *postfix(Parser *p, Expr *e) {
    Span s = e->span;
    for (;;) {
        if (at(p, P_QUESTION)) {
            advance(p);
            Expr *t = new_expr(p, EX_TRY, s);
            t->lhs = e;
            t->span = since(p, s);
            e = t;
        } else if (at(p, P_LPAREN)) {
            Expr *c = new_expr(p, EX_CALL, s);
            c->lhs = e;
            call_args(p, &c->args);
            c->span = since(p, s);
            e = c;
        } else if (at(p, P_LBRACKET)) {
            Span open = here(p);
            advance(p);
            Expr *ix = new_expr(p, EX_INDEX, s);
            ix->lhs = e;
            bool saved = p->no_struct;
            p->no_struct = false;
            ix->rhs = expr(p);
            p->no_struct = saved;
            expect_close(p, P_RBRACKET, open);
            ix->span = since(p, s);
            e = ix;
        } else if (at(p, P_DOT)) {
            advance(p);
            Token *t = cur(p);
            if (t->kind == K_AWAIT || t->kind == K_BOX) {
                advance(p);
                Expr *a = new_expr(p, t->kind == K_AWAIT ? EX_AWAIT : EX_BOX, s);
                a->lhs = e;
                a->name_span = t->span;
                a->span = since(p, s);
                e = a;
            } else if (t->kind == T_FLOAT) {
                tuple_field_from_float(p, &e, s);
            } else if (t->kind == T_INT) {
                advance(p);
                Expr *f = new_expr(p, EX_FIELD, s);
                f->lhs = e;
                f->name = sym_intern(p->u, p->u->src.text + t->span.lo, t->span.hi - t->span.lo);
                f->name_span = t->span;
                f->span = since(p, s);
                e = f;
            } else if (t->kind == T_IDENT) {
                advance(p);
                Expr *m = new_expr(p, EX_FIELD, s);
                m->lhs = e;
                m->name = t->sym;
                m->name_span = t->span;
                if (at(p, P_COLONCOLON) && (peek_at(p, 1) == P_LT || peek_at(p, 1) == P_SHL)) {
                    advance(p);
                    PathSeg tmp = { 0 };
                    generic_args(p, &tmp);
                    m->generics = tmp.args;
                    if (!at(p, P_LPAREN)) expect(p, P_LPAREN);
                }
                if (at(p, P_LPAREN)) {
                    m->kind = EX_METHOD;
                    call_args(p, &m->args);
                }
                m->span = since(p, s);
                e = m;
            } else {
                error_expected(p, "identifier");
                return e;
            }
        } else {
            return e;
        }
    }
}

// unary = ("-" | "!" | "*" | "&" "mut"? | "&&") unary | postfix
static Expr *unary(Parser *p) {
    Span s = here(p);
    if (!enter(p)) {
        skip_tree(p);
        return new_expr(p, EX_ERROR, s);
    }
    Expr *e;
    TokenKind k = peek(p);
    if (k == P_MINUS || k == P_BANG || k == P_STAR) {
        advance(p);
        e = new_expr(p, EX_UNARY, s);
        e->op = k;
        e->lhs = unary(p);
    } else if (k == P_AMP || k == P_ANDAND) {
        eat_split(p, P_AMP);
        e = new_expr(p, EX_REF, s);
        e->mut_ = accept(p, K_MUT);
        e->lhs = unary(p);
    } else {
        e = postfix(p, primary(p));
    }
    e->span = since(p, s);
    leave(p);
    return e;
}

/* Binary operator precedence, Rust's table (higher binds tighter). */
static int binary_prec(TokenKind k) {
    switch (k) {
    case P_OROR: return 3;
    case P_ANDAND: return 4;
    case P_EQEQ: case P_NE: case P_LT: case P_GT: case P_LE: case P_GE: return 5;
    case P_PIPE: return 6;
    case P_CARET: return 7;
    case P_AMP: return 8;
    case P_SHL: case P_SHR: return 9;
    case P_PLUS: case P_MINUS: return 10;
    case P_STAR: case P_SLASH: case P_PERCENT: return 11;
    case K_AS: return 12;
    default: return -1;
    }
}

static bool is_assign_op(TokenKind k) {
    switch (k) {
    case P_PLUS_EQ: case P_MINUS_EQ: case P_STAR_EQ: case P_SLASH_EQ: case P_PERCENT_EQ:
    case P_CARET_EQ: case P_AMP_EQ: case P_PIPE_EQ: case P_SHL_EQ: case P_SHR_EQ:
        return true;
    default:
        return false;
    }
}

// binary = unary (binop binary | "as" ty)*      (precedence climbing, left associative;
// comparisons do not chain)
static Expr *expr_binary(Parser *p, Expr *lhs, int min_prec) {
    for (;;) {
        TokenKind op = peek(p);
        int prec = binary_prec(op);
        if (prec < min_prec || prec < 0) return lhs;
        Span s = lhs->span;
        advance(p);
        if (op == K_AS) {
            Expr *c = new_expr(p, EX_CAST, s);
            c->lhs = lhs;
            bool saved = p->no_plus;
            p->no_plus = true;
            c->ty = type(p);
            p->no_plus = saved;
            c->span = since(p, s);
            lhs = c;
            continue;
        }
        Expr *rhs = unary(p);
        while (binary_prec(peek(p)) > prec) rhs = expr_binary(p, rhs, prec + 1);
        Expr *b = new_expr(p, EX_BINARY, s);
        b->op = op;
        b->lhs = lhs;
        b->rhs = rhs;
        b->span = since(p, s);
        lhs = b;
        if (prec == 5 && binary_prec(peek(p)) == 5 && !p->quiet) {
            error_at(p, here(p), NULL, "comparison operators cannot be chained");
            return lhs;
        }
    }
}

static bool range_end_follows(Parser *p) {
    TokenKind k = peek(p);
    if (k == P_LBRACE && p->no_struct) return false;
    return can_start_expr(k) && k != K_LET;
}

// expr_prec: range = binary? (".." | "..=") binary?    assign = range (("=" | op=) assign)?
static Expr *expr_prec(Parser *p, int min_prec) {
    Span s = here(p);
    if (!enter(p)) {
        skip_tree(p);
        return new_expr(p, EX_ERROR, s);
    }
    Expr *e;
    if (at(p, P_DOTDOT) || at(p, P_DOTDOTEQ)) {
        e = new_expr(p, EX_RANGE, s);
        e->inclusive = advance(p)->kind == P_DOTDOTEQ;
        if (range_end_follows(p)) e->rhs = expr_binary(p, unary(p), 3);
    } else {
        e = expr_binary(p, unary(p), min_prec > 3 ? min_prec : 3);
        if (min_prec <= 2 && (at(p, P_DOTDOT) || at(p, P_DOTDOTEQ))) {
            Expr *r = new_expr(p, EX_RANGE, s);
            r->inclusive = advance(p)->kind == P_DOTDOTEQ;
            r->lhs = e;
            if (range_end_follows(p)) r->rhs = expr_binary(p, unary(p), 3);
            e = r;
        }
    }
    if (min_prec <= 1 && (at(p, P_EQ) || is_assign_op(peek(p)))) {
        TokenKind op = advance(p)->kind;
        Expr *a = new_expr(p, op == P_EQ ? EX_ASSIGN : EX_ASSIGN_OP, s);
        a->op = op;
        a->lhs = e;
        a->rhs = expr_prec(p, 1);
        e = a;
    }
    e->span = since(p, s);
    leave(p);
    return e;
}

static Expr *expr(Parser *p) { return expr_prec(p, 1); }

static Expr *expr_no_struct(Parser *p) {
    bool saved = p->no_struct;
    p->no_struct = true;
    Expr *e = expr(p);
    p->no_struct = saved;
    return e;
}

/* ------------------------------------------------------ blocks, statements */

static bool starts_item(Parser *p) {
    switch (peek(p)) {
    case K_FN: case K_STRUCT: case K_ENUM: case K_TRAIT: case K_IMPL: case K_USE: case K_TYPE:
    case K_STATIC: case K_MOD: case K_PUB: case K_EXTERN:
        return true;
    case K_CONST:
        return peek_at(p, 1) == T_IDENT || peek_at(p, 1) == P_UNDERSCORE || peek_at(p, 1) == K_FN ||
               peek_at(p, 1) == K_UNSAFE || peek_at(p, 1) == K_ASYNC;
    case K_ASYNC:
        return peek_at(p, 1) == K_FN || (peek_at(p, 1) == K_UNSAFE && peek_at(p, 2) == K_FN);
    case K_UNSAFE:
        return peek_at(p, 1) == K_FN || peek_at(p, 1) == K_IMPL || peek_at(p, 1) == K_TRAIT;
    case T_IDENT:
        return (cur(p)->sym == p->s_union && peek_at(p, 1) == T_IDENT) ||
               (cur(p)->sym == p->s_auto && peek_at(p, 1) == K_TRAIT) ||
               (cur(p)->sym == p->s_macro_rules && peek_at(p, 1) == P_BANG);
    default:
        return false;
    }
}

/* After an error inside a statement: skip to its end (`;` at this nesting
 * level, consumed) or to the `}` closing the block (not consumed). */
static void sync_stmt(Parser *p) {
    int depth = 0;
    while (!at(p, T_EOF)) {
        TokenKind k = peek(p);
        if (depth == 0 && k == P_SEMI) {
            advance(p);
            break;
        }
        if (depth == 0 && k == P_RBRACE) break;
        if (k == P_LPAREN || k == P_LBRACKET || k == P_LBRACE) depth++;
        if (k == P_RPAREN || k == P_RBRACKET || k == P_RBRACE) depth--;
        advance(p);
        if (depth == 0 && k == P_RBRACE && (starts_item(p) || at(p, K_LET))) break;
        if (depth < 0) depth = 0;
    }
    p->quiet = false;
}

// stmt = ";" | attrs item | "let" pat (":" ty)? ("=" expr ("else" block)?)? ";" | expr ";"? 
static Stmt *statement(Parser *p, bool *is_tail) {
    Span s = here(p);
    Stmt *st = arena_alloc(p->a, sizeof *st);
    *is_tail = false;
    if (accept(p, P_SEMI)) {
        st->kind = ST_EMPTY;
        st->span = s;
        return st;
    }
    List attrs = { 0 };
    outer_attrs(p, &attrs);
    if (starts_item(p)) {
        st->kind = ST_ITEM;
        st->item = item(p, &attrs, false);
        st->span = since(p, s);
        return st;
    }
    if (accept(p, K_LET)) {
        st->kind = ST_LET;
        st->pat = pattern(p);
        if (accept(p, P_COLON)) st->ty = type(p);
        if (accept(p, P_EQ)) {
            st->init = expr(p);
            if (accept(p, K_ELSE)) st->else_ = block(p);
        }
        expect(p, P_SEMI);
        st->span = since(p, s);
        return st;
    }
    st->kind = ST_EXPR;
    Expr *e;
    if (at(p, K_IF) || at(p, K_MATCH) || at(p, K_LOOP) || at(p, K_WHILE) || at(p, K_FOR) ||
        at(p, P_LBRACE) || (at(p, K_UNSAFE) && peek_at(p, 1) == P_LBRACE) ||
        (at(p, T_LIFETIME) && peek_at(p, 1) == P_COLON)) {
        /* A block-like statement ends at its `}` unless a method call or `?`
         * continues it, as in rustc. */
        e = primary(p);
        if (at(p, P_DOT) || at(p, P_QUESTION)) {
            e = postfix(p, e);
            e = expr_binary(p, e, 3);
            if (at(p, P_EQ) || is_assign_op(peek(p))) {
                TokenKind op = advance(p)->kind;
                Expr *a = new_expr(p, op == P_EQ ? EX_ASSIGN : EX_ASSIGN_OP, s);
                a->op = op;
                a->lhs = e;
                a->rhs = expr(p);
                a->span = since(p, s);
                e = a;
            }
        } else {
            st->expr = e;
            st->semi = accept(p, P_SEMI);
            *is_tail = !st->semi && at(p, P_RBRACE);
            st->span = since(p, s);
            return st;
        }
    } else {
        e = expr(p);
    }
    st->expr = e;
    if (accept(p, P_SEMI)) {
        st->semi = true;
    } else if (at(p, P_RBRACE)) {
        *is_tail = true;
    } else {
        expect(p, P_SEMI);
    }
    st->span = since(p, s);
    return st;
}

// block = "{" stmt* "}"
static Block *block(Parser *p) {
    Block *b = arena_alloc(p->a, sizeof *b);
    Span open = here(p);
    b->span = open;
    if (!expect(p, P_LBRACE)) return b;
    if (!enter(p)) {
        /* skip to the matching brace */
        int depth = 1;
        while (depth > 0 && !at(p, T_EOF)) {
            if (at(p, P_LBRACE)) depth++;
            else if (at(p, P_RBRACE)) depth--;
            advance(p);
        }
        b->span = since(p, open);
        return b;
    }
    bool saved = p->no_struct;
    p->no_struct = false;
    while (!at(p, P_RBRACE) && !at(p, T_EOF)) {
        int before = p->pos;
        bool tail;
        Stmt *st = statement(p, &tail);
        list_push(p->a, &b->stmts, st);
        if (p->quiet && !p->depth_hit) sync_stmt(p);
        if (p->pos == before) advance(p); /* never loop without progress */
    }
    p->no_struct = saved;
    leave(p);
    expect_close(p, P_RBRACE, open);
    b->span = since(p, open);
    return b;
}

/* ------------------------------------------------------------------ items */

// generics = "<" (lifetime (":" lifetimes)? | "const" IDENT ":" ty | IDENT (":" bounds)? ("=" ty)?),* ">"
static void generics_params(Parser *p, Generics *g) {
    Span s = here(p);
    if (!eat_split(p, P_LT)) return;
    while (!at(p, P_GT) && !at(p, T_EOF)) {
        GenericParam *gp = arena_alloc(p->a, sizeof *gp);
        Span ps = here(p);
        if (at(p, T_LIFETIME)) {
            gp->is_lifetime = true;
            gp->name = advance(p)->sym;
            if (accept(p, P_COLON))
                while (accept(p, T_LIFETIME) && accept(p, P_PLUS)) {}
        } else if (accept(p, K_CONST)) {
            gp->is_const = true;
            if (at(p, T_IDENT)) gp->name = advance(p)->sym;
            else error_expected(p, "identifier");
            expect(p, P_COLON);
            gp->const_ty = type(p);
        } else if (at(p, T_IDENT)) {
            gp->name = advance(p)->sym;
            if (accept(p, P_COLON) && !at(p, P_COMMA) && !at(p, P_GT)) bounds(p, &gp->bounds);
            if (accept(p, P_EQ)) gp->default_ty = type(p);
        } else {
            error_expected(p, "generic parameter");
            break;
        }
        gp->span = since(p, ps);
        list_push(p->a, &g->params, gp);
        if (!accept(p, P_COMMA)) break;
    }
    expect(p, P_GT);
    g->span = since(p, s);
}

// where = "where" (lifetime ":" lifetimes | "for" generics? ty ":" bounds),* ","?
static void where_clause(Parser *p, Generics *g) {
    Span s = here(p);
    if (!accept(p, K_WHERE)) return;
    while (!at(p, P_LBRACE) && !at(p, P_SEMI) && !at(p, T_EOF) && !at(p, P_EQ)) {
        WherePred *w = arena_alloc(p->a, sizeof *w);
        Span ws = here(p);
        if (at(p, T_LIFETIME)) {
            advance(p);
            expect(p, P_COLON);
            while (accept(p, T_LIFETIME) && accept(p, P_PLUS)) {}
        } else {
            if (at(p, K_FOR)) {
                advance(p);
                Generics tmp = { 0 };
                generics_params(p, &tmp);
            }
            w->ty = type(p);
            if (expect(p, P_COLON) && !at(p, P_COMMA) && !at(p, P_LBRACE)) bounds(p, &w->bounds);
        }
        w->span = since(p, ws);
        list_push(p->a, &g->where_, w);
        if (!accept(p, P_COMMA)) break;
    }
    g->where_span = since(p, s);
}

// fn_params = "(" (self_param ","?)? (pat ":" ty),* ")"
// self_param = "&" lifetime? "mut"? "self" | "mut"? "self" (":" ty)?
static void fn_params(Parser *p, FnSig *sig) {
    Span open = here(p);
    if (!expect(p, P_LPAREN)) return;
    /* self parameter */
    Span ss = here(p);
    if (at(p, P_AMP) && (peek_at(p, 1) == K_SELF_LOWER ||
                         (peek_at(p, 1) == K_MUT && peek_at(p, 2) == K_SELF_LOWER) ||
                         (peek_at(p, 1) == T_LIFETIME &&
                          (peek_at(p, 2) == K_SELF_LOWER ||
                           (peek_at(p, 2) == K_MUT && peek_at(p, 3) == K_SELF_LOWER))))) {
        advance(p);
        accept(p, T_LIFETIME);
        sig->self_kind = accept(p, K_MUT) ? SELF_REF_MUT : SELF_REF;
        advance(p);
    } else if (at(p, K_SELF_LOWER) || (at(p, K_MUT) && peek_at(p, 1) == K_SELF_LOWER)) {
        sig->self_mut = accept(p, K_MUT);
        advance(p);
        sig->self_kind = SELF_VALUE;
        if (accept(p, P_COLON)) {
            sig->self_kind = SELF_TYPED;
            sig->self_ty = type(p);
        }
    }
    if (sig->self_kind != SELF_NONE) {
        sig->self_span = since(p, ss);
        if (!accept(p, P_COMMA) && !at(p, P_RPAREN)) expect(p, P_COMMA);
    }
    while (!at(p, P_RPAREN) && !at(p, T_EOF)) {
        Param *prm = arena_alloc(p->a, sizeof *prm);
        Span ps = here(p);
        List attrs = { 0 };
        outer_attrs(p, &attrs);
        prm->pat = pattern_single(p);
        if (expect(p, P_COLON)) prm->ty = type(p);
        prm->span = since(p, ps);
        list_push(p->a, &sig->params, prm);
        if (p->quiet) break;
        if (!accept(p, P_COMMA)) break;
    }
    expect_close(p, P_RPAREN, open);
    sig->params_span = since(p, open);
}

// fn = "const"? "async"? "unsafe"? ("extern" STR?)? "fn" IDENT generics? fn_params ("->" ty)? where? (block | ";")
static void fn_item(Parser *p, Item *it, bool body_optional) {
    FnSig *sig = &it->sig;
    Span s = here(p);
    for (;;) {
        if (accept(p, K_CONST)) sig->is_const = true;
        else if (accept(p, K_ASYNC)) sig->is_async = true;
        else if (accept(p, K_UNSAFE)) sig->is_unsafe = true;
        else if (accept(p, K_EXTERN)) accept(p, T_STR);
        else break;
    }
    expect(p, K_FN);
    it->kind = ITEM_FN;
    if (at(p, T_IDENT)) {
        it->name_span = here(p);
        it->name = advance(p)->sym;
    } else {
        error_expected(p, "identifier");
        it->name = sym_cstr(p->u, "{error}");
    }
    sig->name = it->name;
    sig->name_span = it->name_span;
    generics_params(p, &sig->generics);
    fn_params(p, sig);
    if (accept(p, P_ARROW)) sig->ret = type(p);
    where_clause(p, &sig->generics);
    it->generics = sig->generics;
    sig->span = since(p, s);
    if (at(p, P_LBRACE)) it->body = block(p);
    else if ((body_optional || p->u->parsing_prelude) && accept(p, P_SEMI)) it->body = NULL;
    else if (!body_optional && at(p, P_SEMI)) {
        if (!p->quiet) {
            Diag *d = diag_error_at(p->u, since(p, s), NULL, NULL, "free function without a body");
            diag_suggest(p->u, d, here(p), " { <body> }", APP_HAS_PLACEHOLDERS,
                         "provide a definition for the function");
        }
        advance(p);
    } else expect(p, P_LBRACE);
}

static void field_defs(Parser *p, List *out, bool tuple) {
    TokenKind close = tuple ? P_RPAREN : P_RBRACE;
    Span open = here(p);
    advance(p);
    while (!at(p, close) && !at(p, T_EOF)) {
        FieldDef *f = arena_alloc(p->a, sizeof *f);
        Span fs = here(p);
        outer_attrs(p, &f->attrs);
        if (accept(p, K_PUB)) {
            f->is_pub = true;
            if (at(p, P_LPAREN)) skip_tree(p);
        }
        if (!tuple) {
            if (at(p, T_IDENT)) f->name = advance(p)->sym;
            else {
                error_expected(p, "identifier");
                break;
            }
            expect(p, P_COLON);
        }
        f->ty = type(p);
        f->span = since(p, fs);
        list_push(p->a, out, f);
        if (!accept(p, P_COMMA)) break;
    }
    expect_close(p, close, open);
}

// struct = "struct" IDENT generics? (where? "{" fields "}" | "(" fields ")" where? ";" | where? ";")
static void struct_item(Parser *p, Item *it) {
    advance(p);
    it->kind = ITEM_STRUCT;
    if (at(p, T_IDENT)) {
        it->name_span = here(p);
        it->name = advance(p)->sym;
    } else {
        error_expected(p, "identifier");
    }
    generics_params(p, &it->generics);
    where_clause(p, &it->generics);
    if (at(p, P_LBRACE)) {
        it->shape = STRUCT_NAMED;
        field_defs(p, &it->fields, false);
    } else if (at(p, P_LPAREN)) {
        it->shape = STRUCT_TUPLE;
        field_defs(p, &it->fields, true);
        where_clause(p, &it->generics);
        expect(p, P_SEMI);
    } else {
        it->shape = STRUCT_UNIT;
        expect(p, P_SEMI);
    }
}

// enum = "enum" IDENT generics? where? "{" (attrs IDENT ("(" fields ")" | "{" fields "}")? ("=" expr)?),* "}"
static void enum_item(Parser *p, Item *it) {
    advance(p);
    it->kind = ITEM_ENUM;
    if (at(p, T_IDENT)) {
        it->name_span = here(p);
        it->name = advance(p)->sym;
    } else {
        error_expected(p, "identifier");
    }
    generics_params(p, &it->generics);
    where_clause(p, &it->generics);
    Span open = here(p);
    if (!expect(p, P_LBRACE)) return;
    while (!at(p, P_RBRACE) && !at(p, T_EOF)) {
        Variant *v = arena_alloc(p->a, sizeof *v);
        Span vs = here(p);
        outer_attrs(p, &v->attrs);
        if (at(p, T_IDENT)) v->name = advance(p)->sym;
        else {
            error_expected(p, "identifier");
            break;
        }
        if (at(p, P_LPAREN)) {
            v->shape = VARIANT_TUPLE;
            field_defs(p, &v->fields, true);
        } else if (at(p, P_LBRACE)) {
            v->shape = VARIANT_STRUCT;
            field_defs(p, &v->fields, false);
        }
        if (accept(p, P_EQ)) v->discriminant = expr(p);
        v->span = since(p, vs);
        list_push(p->a, &it->variants, v);
        if (!accept(p, P_COMMA)) break;
    }
    expect_close(p, P_RBRACE, open);
}

static void member_items(Parser *p, Item *it, bool in_trait) {
    Span open = here(p);
    if (!expect(p, P_LBRACE)) return;
    while (!at(p, P_RBRACE) && !at(p, T_EOF)) {
        int before = p->pos;
        List attrs = { 0 };
        outer_attrs(p, &attrs);
        if (at(p, P_RBRACE)) break;
        Item *m = item(p, &attrs, in_trait || it->kind == ITEM_IMPL);
        if (m) list_push(p->a, &it->items, m);
        if (p->quiet) {
            /* skip to the next member */
            int depth = 0;
            while (!at(p, T_EOF)) {
                TokenKind k = peek(p);
                if (depth == 0 && k == P_RBRACE) break;
                if (depth == 0 && (k == K_FN || k == K_TYPE || k == K_CONST || k == K_ASYNC ||
                                   k == K_PUB || k == P_POUND) && p->pos != before)
                    break;
                if (k == P_LBRACE || k == P_LPAREN || k == P_LBRACKET) depth++;
                if (k == P_RBRACE || k == P_RPAREN || k == P_RBRACKET) depth--;
                advance(p);
                if (depth == 0 && k == P_SEMI) break;
                if (depth == 0 && k == P_RBRACE) break;
            }
            p->quiet = false;
        }
        if (p->pos == before) advance(p);
    }
    expect_close(p, P_RBRACE, open);
}

// trait = "unsafe"? "auto"? "trait" IDENT generics? (":" bounds)? where? "{" member* "}"
static void trait_item(Parser *p, Item *it) {
    it->is_unsafe = accept(p, K_UNSAFE);
    if (at_ident(p, p->s_auto)) advance(p);
    expect(p, K_TRAIT);
    it->kind = ITEM_TRAIT;
    if (at(p, T_IDENT)) {
        it->name_span = here(p);
        it->name = advance(p)->sym;
    } else {
        error_expected(p, "identifier");
    }
    generics_params(p, &it->generics);
    if (accept(p, P_COLON) && !at(p, P_LBRACE) && !at(p, K_WHERE)) bounds(p, &it->supertraits);
    where_clause(p, &it->generics);
    member_items(p, it, true);
}

// impl = "unsafe"? "impl" generics? "!"? (type_path "for")? ty where? "{" member* "}"
static void impl_item(Parser *p, Item *it) {
    accept(p, K_UNSAFE);
    expect(p, K_IMPL);
    it->kind = ITEM_IMPL;
    if (at(p, P_LT) && peek_at(p, 1) != P_LT) generics_params(p, &it->generics);
    it->negative = accept(p, P_BANG);
    Ty *first = type(p);
    if (accept(p, K_FOR)) {
        if (first->kind == TY_PATH) it->trait_path = first->path;
        else error_at(p, first->span, "not a trait", "expected a trait, found type");
        it->self_ty = type(p);
    } else {
        it->self_ty = first;
    }
    where_clause(p, &it->generics);
    member_items(p, it, false);
}

// use_tree = (path "::")? ("*" | "{" use_tree,* "}") | path ("as" IDENT)?
static UseTree *use_tree(Parser *p) {
    UseTree *ut = arena_alloc(p->a, sizeof *ut);
    Span s = here(p);
    if (!at(p, P_LBRACE) && !at(p, P_STAR)) {
        ut->prefix = path_expr(p);
        if (!accept(p, P_COLONCOLON)) {
            if (accept(p, K_AS)) {
                if (at(p, T_IDENT)) ut->alias = advance(p)->sym;
                else if (!accept(p, P_UNDERSCORE)) error_expected(p, "identifier");
            }
            ut->span = since(p, s);
            return ut;
        }
    } else {
        accept(p, P_COLONCOLON);
    }
    if (accept(p, P_STAR)) {
        ut->glob = true;
    } else if (at(p, P_LBRACE)) {
        Span open = here(p);
        advance(p);
        ut->has_children = true;
        while (!at(p, P_RBRACE) && !at(p, T_EOF)) {
            list_push(p->a, &ut->children, use_tree(p));
            if (!accept(p, P_COMMA)) break;
        }
        expect_close(p, P_RBRACE, open);
    } else {
        error_expected(p, "identifier, `*` or `{`");
    }
    ut->span = since(p, s);
    return ut;
}

// item = attrs vis? (fn | struct | enum | trait | impl | use | type | const | static | mod)
static Item *item(Parser *p, List *attrs, bool in_member) {
    Item *it = arena_alloc(p->a, sizeof *it);
    Span s = attrs && attrs->n ? LIST_GET(*attrs, 0, Attr)->span : here(p);
    if (attrs) it->attrs = *attrs;
    if (accept(p, K_PUB)) {
        it->is_pub = true;
        if (at(p, P_LPAREN) && (peek_at(p, 1) == K_CRATE || peek_at(p, 1) == K_SUPER ||
                                peek_at(p, 1) == K_SELF_LOWER || peek_at(p, 1) == K_IN))
            skip_tree(p);
    }
    switch (peek(p)) {
    case K_FN: case K_ASYNC: case K_EXTERN:
        fn_item(p, it, in_member);
        break;
    case K_UNSAFE:
        if (peek_at(p, 1) == K_IMPL) impl_item(p, it);
        else if (peek_at(p, 1) == K_TRAIT) trait_item(p, it);
        else fn_item(p, it, in_member);
        break;
    case K_CONST:
        if (peek_at(p, 1) == K_FN || peek_at(p, 1) == K_ASYNC || peek_at(p, 1) == K_UNSAFE) {
            fn_item(p, it, in_member);
            break;
        }
        /* fallthrough */
    case K_STATIC: {
        it->kind = advance(p)->kind == K_CONST ? ITEM_CONST : ITEM_STATIC;
        if (it->kind == ITEM_STATIC) it->mut_ = accept(p, K_MUT);
        if (at(p, T_IDENT)) {
            it->name_span = here(p);
            it->name = advance(p)->sym;
        } else if (!accept(p, P_UNDERSCORE)) {
            error_expected(p, "identifier");
        }
        if (expect(p, P_COLON)) it->ty = type(p);
        if (accept(p, P_EQ)) it->value = expr(p);
        expect(p, P_SEMI);
        break;
    }
    case K_STRUCT:
        struct_item(p, it);
        break;
    case K_ENUM:
        enum_item(p, it);
        break;
    case K_TRAIT:
        trait_item(p, it);
        break;
    case K_IMPL:
        impl_item(p, it);
        break;
    case K_TYPE:
        advance(p);
        it->kind = ITEM_TYPE;
        if (at(p, T_IDENT)) {
            it->name_span = here(p);
            it->name = advance(p)->sym;
        } else {
            error_expected(p, "identifier");
        }
        generics_params(p, &it->generics);
        if (accept(p, P_COLON)) bounds(p, &it->bounds);
        where_clause(p, &it->generics);
        if (accept(p, P_EQ)) it->ty = type(p);
        where_clause(p, &it->generics);
        expect(p, P_SEMI);
        break;
    case K_USE:
        advance(p);
        it->kind = ITEM_USE;
        it->use = use_tree(p);
        expect(p, P_SEMI);
        break;
    case K_MOD: {
        advance(p);
        it->kind = ITEM_MOD;
        if (at(p, T_IDENT)) {
            it->name_span = here(p);
            it->name = advance(p)->sym;
        } else {
            error_expected(p, "identifier");
        }
        if (!accept(p, P_SEMI)) member_items(p, it, false);
        break;
    }
    case T_IDENT:
        if (cur(p)->sym == p->s_auto) {
            trait_item(p, it);
            break;
        }
        if (cur(p)->sym == p->s_macro_rules && peek_at(p, 1) == P_BANG) {
            it->kind = ITEM_MACRO_RULES;
            advance(p);
            advance(p);
            if (at(p, T_IDENT)) it->name = advance(p)->sym;
            skip_tree(p);
            accept(p, P_SEMI);
            break;
        }
        /* fallthrough */
    default:
        it->kind = ITEM_ERROR;
        if (in_member) error_expected(p, "one of `async`, `const`, `fn`, `type`, or `}`");
        else error_expected(p, "item");
        if (!at(p, T_EOF)) advance(p);
        break;
    }
    it->span = since(p, s);
    return it;
}

/* After an error at item level: skip to the next token that can start an
 * item outside any braces, or past the `}` that ends the broken item. */
static void sync_item(Parser *p) {
    int depth = 0;
    while (!at(p, T_EOF)) {
        TokenKind k = peek(p);
        if (depth == 0 && (starts_item(p) || k == P_POUND)) break;
        if (k == P_LBRACE || k == P_LPAREN || k == P_LBRACKET) depth++;
        if (k == P_RBRACE || k == P_RPAREN || k == P_RBRACKET) depth--;
        advance(p);
        if (depth <= 0 && k == P_RBRACE) break;
        if (depth < 0) depth = 0;
    }
    p->quiet = false;
}

// crate = inner_attr* item*
void parse_run(DbUnit *u) {
    if (u->parsed) return;
    u->parsed = true;
    Parser p = { 0 };
    p.u = u;
    p.a = &u->arena;
    /* The lexer reported its invalid tokens already; the grammar never sees them. */
    int n = 0;
    bool after_error = false;
    for (int i = 0; i < u->ntoks; i++) {
        if (u->toks[i].kind == T_ERROR) {
            after_error = true;
            continue;
        }
        u->toks[n] = u->toks[i];
        u->toks[n++].after_lex_error = after_error;
        after_error = false;
    }
    u->ntoks = n;
    p.t = u->toks;
    p.s_derive = sym_cstr(u, "derive");
    p.s_dyn_box = sym_cstr(u, "dyn_box");
    p.s_union = sym_cstr(u, "union");
    p.s_auto = sym_cstr(u, "auto");
    p.s_macro_rules = sym_cstr(u, "macro_rules");
    Crate *c = arena_alloc(p.a, sizeof *c);
    u->crate = c;
    while (at(&p, P_POUND) && peek_at(&p, 1) == P_BANG) {
        bool inner;
        Attr *a = attribute(&p, &inner);
        if (a) list_push(p.a, &c->attrs, a);
    }
    while (!at(&p, T_EOF)) {
        int before = p.pos;
        List attrs = { 0 };
        outer_attrs(&p, &attrs);
        if (at(&p, T_EOF)) break;
        Item *it = item(&p, &attrs, false);
        list_push(p.a, &c->items, it);
        if (p.quiet) {
            if (p.depth_hit) {
                /* the program was cut off by the depth bound: stop here */
                while (!at(&p, T_EOF)) advance(&p);
                break;
            }
            sync_item(&p);
        }
        if (p.pos == before) advance(&p);
        p.depth = 0;
    }
    c->span = (Span){ 0, u->src.len };
}
