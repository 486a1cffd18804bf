/* internal.h — what the compiler's phases share: the arena, text buffers,
 * interned names, the source map, tokens, the diagnostic model and the AST.
 *
 * Ownership in one sentence: everything here lives in the unit's arena and
 * dies with db_unit_free; nothing is freed piecemeal.
 */
#ifndef DYNBOX_INTERNAL_H
#define DYNBOX_INTERNAL_H

#include "dynbox.h"

#include <stdarg.h>
#include <stdint.h>

/* ------------------------------------------------------------------ arena */

typedef struct ArenaChunk ArenaChunk;
typedef struct Arena {
    ArenaChunk *head;
    size_t bytes;      /* total handed out, for the allocation tests */
    size_t chunks;
} Arena;

/* Zeroed memory from the arena; every compiler allocation goes through here.
 * Exhaustion aborts: the daemon's worker turns that into internal_error. */
void *arena_alloc(Arena *a, size_t size);
char *arena_strndup(Arena *a, const char *s, size_t n);
char *arena_printf(Arena *a, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
char *arena_vprintf(Arena *a, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));
void arena_free_all(Arena *a);
/* Reuse of a dead chunk-sized allocation (util.c); false when it is not one. */
bool arena_recycle(Arena *a, void *p, size_t dirty);

/* A growable array of pointers living in the arena. */
typedef struct List {
    void **v;
    int n, cap;
} List;
void list_push(Arena *a, List *l, void *p);
#define LIST_GET(l, i, T) ((T *)(l).v[(i)])

/* ------------------------------------------------------------------- text */

/* A growable byte buffer on the C heap (outputs outlive phases). */
typedef struct Buf {
    char *s;
    size_t len, cap;
} Buf;
void buf_put(Buf *b, const char *s, size_t n);
void buf_puts(Buf *b, const char *s);
void buf_putc(Buf *b, char c);
void buf_printf(Buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_vprintf(Buf *b, const char *fmt, va_list ap);
void buf_json_string(Buf *b, const char *s, size_t n); /* quoted, escaped */
void buf_free(Buf *b);

/* ----------------------------------------------------------------- source */

typedef struct Span {
    uint32_t lo, hi;   /* byte offsets, hi exclusive */
} Span;

static inline Span span_join(Span a, Span b) {
    Span s = { a.lo < b.lo ? a.lo : b.lo, a.hi > b.hi ? a.hi : b.hi };
    return s;
}

typedef struct Source {
    const char *name;
    const char *text;   /* NUL-terminated copy; may contain NULs inside */
    uint32_t len;
    uint32_t *line_starts; /* computed on first use */
    uint32_t nlines;
} Source;

/* 1-based line and column (columns count characters, as rustc's do). */
void src_line_col(Source *s, uint32_t off, uint32_t *line, uint32_t *col);
/* Byte range of 1-based `line` without its newline. */
void src_line_range(Source *s, uint32_t line, uint32_t *lo, uint32_t *hi);
uint32_t src_line_count(Source *s);

/* ---------------------------------------------------------------- symbols */

typedef const char *Sym; /* interned: equal names are equal pointers */

typedef struct Interner {
    Sym *slots;
    uint32_t cap, count;
} Interner;

/* -------------------------------------------------------------- diagnostics */

typedef enum {
    DIAG_ERROR,
    DIAG_WARNING,
    DIAG_NOTE,
    DIAG_HELP,
    DIAG_ICE, /* internal compiler error: a bug in dynbox, not in the program */
} DiagLevel;

typedef enum {
    APP_UNSPECIFIED,
    APP_MACHINE_APPLICABLE,
    APP_MAYBE_INCORRECT,
    APP_HAS_PLACEHOLDERS,
} Applicability;

typedef struct DiagSpan {
    Span span;
    const char *label;        /* may be NULL */
    bool primary;
    const char *replacement;  /* set on suggestion spans only */
    Applicability app;
} DiagSpan;

/* One diagnostic, shaped like rustc's JSON: a child with no spans renders as
 * `= note: ...`, a child with spans as its own snippet, and a child whose
 * spans carry replacements as a suggestion. */
typedef struct Diag Diag;
struct Diag {
    DiagLevel level;
    const char *code;     /* "E0038", "DB0001", or NULL */
    const char *message;
    DiagSpan *spans;
    int nspans, capspans;
    Diag **children;
    int nchildren, capchildren;
    Diag *next;
};

typedef struct DiagList {
    Diag *head, *tail;
    int errors, warnings;
} DiagList;

/* ------------------------------------------------------------------ tokens */

#define TOKEN_KINDS(X)                                                     \
    X(T_EOF, "end of file") X(T_IDENT, "identifier")                       \
    X(T_LIFETIME, "lifetime") X(T_INT, "integer literal")                  \
    X(T_FLOAT, "float literal") X(T_STR, "string literal")                 \
    X(T_CHAR, "character literal") X(T_BYTE, "byte literal")               \
    X(T_BYTE_STR, "byte string literal") X(T_ERROR, "invalid token")       \
    /* keywords */                                                         \
    X(K_AS, "as") X(K_ASYNC, "async") X(K_AWAIT, "await") X(K_BOX, "box")  \
    X(K_BREAK, "break") X(K_CONST, "const") X(K_CONTINUE, "continue")      \
    X(K_CRATE, "crate") X(K_DYN, "dyn") X(K_ELSE, "else")                  \
    X(K_ENUM, "enum") X(K_EXTERN, "extern") X(K_FALSE, "false")            \
    X(K_FN, "fn") X(K_FOR, "for") X(K_IF, "if") X(K_IMPL, "impl")          \
    X(K_IN, "in") X(K_LET, "let") X(K_LOOP, "loop") X(K_MATCH, "match")    \
    X(K_MOD, "mod") X(K_MOVE, "move") X(K_MUT, "mut") X(K_PUB, "pub")      \
    X(K_REF, "ref") X(K_RETURN, "return") X(K_SELF_LOWER, "self")          \
    X(K_SELF_UPPER, "Self") X(K_STATIC, "static") X(K_STRUCT, "struct")    \
    X(K_SUPER, "super") X(K_TRAIT, "trait") X(K_TRUE, "true")              \
    X(K_TYPE, "type") X(K_UNSAFE, "unsafe") X(K_USE, "use")                \
    X(K_WHERE, "where") X(K_WHILE, "while") X(K_YIELD, "yield")            \
    /* punctuation, longest first where prefixes overlap */                \
    X(P_SHL_EQ, "<<=") X(P_SHR_EQ, ">>=") X(P_DOTDOTDOT, "...")            \
    X(P_DOTDOTEQ, "..=") X(P_PLUS_EQ, "+=") X(P_MINUS_EQ, "-=")            \
    X(P_STAR_EQ, "*=") X(P_SLASH_EQ, "/=") X(P_PERCENT_EQ, "%=")           \
    X(P_CARET_EQ, "^=") X(P_AMP_EQ, "&=") X(P_PIPE_EQ, "|=")               \
    X(P_EQEQ, "==") X(P_NE, "!=") X(P_LE, "<=") X(P_GE, ">=")              \
    X(P_ANDAND, "&&") X(P_OROR, "||") X(P_SHL, "<<") X(P_SHR, ">>")        \
    X(P_DOTDOT, "..") X(P_COLONCOLON, "::") X(P_ARROW, "->")               \
    X(P_FATARROW, "=>") X(P_PLUS, "+") X(P_MINUS, "-") X(P_STAR, "*")      \
    X(P_SLASH, "/") X(P_PERCENT, "%") X(P_CARET, "^") X(P_BANG, "!")       \
    X(P_AMP, "&") X(P_PIPE, "|") X(P_EQ, "=") X(P_LT, "<") X(P_GT, ">")    \
    X(P_AT, "@") X(P_DOT, ".") X(P_COMMA, ",") X(P_SEMI, ";")              \
    X(P_COLON, ":") X(P_POUND, "#") X(P_DOLLAR, "$") X(P_QUESTION, "?")    \
    X(P_TILDE, "~") X(P_LBRACE, "{") X(P_RBRACE, "}") X(P_LBRACKET, "[")   \
    X(P_RBRACKET, "]") X(P_LPAREN, "(") X(P_RPAREN, ")") X(P_UNDERSCORE, "_")

typedef enum {
#define X(k, s) k,
    TOKEN_KINDS(X)
#undef X
    TOKEN_KIND_COUNT
} TokenKind;

#define FIRST_KEYWORD K_AS
#define LAST_KEYWORD K_YIELD
#define FIRST_PUNCT P_SHL_EQ

/* Literal suffixes (`1u8`, `2.0f64`); NONE means the type is inferred. */
typedef enum {
    SUF_NONE, SUF_I8, SUF_I16, SUF_I32, SUF_I64, SUF_I128, SUF_ISIZE,
    SUF_U8, SUF_U16, SUF_U32, SUF_U64, SUF_U128, SUF_USIZE, SUF_F32, SUF_F64,
} LitSuffix;

typedef struct Token {
    TokenKind kind;
    Span span;
    Sym sym;            /* identifiers, lifetimes (without the quote) */
    LitSuffix suffix;
    bool int_overflow;  /* integer literal does not fit in 64 bits */
    bool preceded_by_space; /* for `a.0.1` splitting and macro rendering */
    bool after_lex_error;   /* an invalid token (already reported) preceded it */
    uint64_t ival;      /* T_INT, T_CHAR, T_BYTE: the value */
    double fval;        /* T_FLOAT */
    const char *str;    /* T_STR, T_BYTE_STR: decoded contents */
    uint32_t str_len;
} Token;

const char *token_kind_name(TokenKind k);

/* -------------------------------------------------------------------- AST */

typedef struct Ty Ty;
typedef struct Pat Pat;
typedef struct Expr Expr;
typedef struct Stmt Stmt;
typedef struct Block Block;
typedef struct Item Item;
typedef struct Path Path;

/* `Output = T` inside generic arguments. */
typedef struct AssocBinding {
    Span span;
    Sym name;
    Ty *ty;
} AssocBinding;

/* One path segment: `Vec::<u64>`, `Iterator<Item = u64>`, `Fn(u64) -> u64`. */
typedef struct PathSeg {
    Span span;
    Sym name;           /* also `self`, `Self`, `super`, `crate` */
    List args;          /* Ty* */
    List bindings;      /* AssocBinding* */
    bool has_generics;  /* `<...>` was written, even if empty */
    bool fn_sugar;      /* Fn(A, B) -> R: args are the inputs */
    Ty *fn_ret;         /* NULL means `()` */
} PathSeg;

/* `a::b::<T>::c`, or `<T as Trait>::c` (qself + qtrait, segs after them). */
struct Path {
    Span span;
    Ty *qself;
    Path *qtrait;
    bool global;        /* leading `::` */
    List segs;          /* PathSeg* */
};

/* A trait bound inside `T: A + ?Sized + 'a`. Lifetimes are parsed, dropped. */
typedef struct Bound {
    Span span;
    Path *path;
    bool maybe;         /* `?Sized` */
} Bound;

typedef enum {
    TY_PATH,    /* path */
    TY_REF,     /* &'a mut inner */
    TY_PTR,     /* *const / *mut inner */
    TY_TUPLE,   /* elems; () is a tuple of none */
    TY_ARRAY,   /* [inner; len] */
    TY_SLICE,   /* [inner] */
    TY_DYN,     /* dyn bounds */
    TY_IMPL,    /* impl bounds */
    TY_NEVER,   /* ! */
    TY_INFER,   /* _ */
    TY_FN_PTR,  /* fn(elems) -> inner */
    TY_ERROR,
} TyKind;

struct Ty {
    TyKind kind;
    Span span;
    Path *path;
    Ty *inner;
    bool mut_;
    List elems;         /* Ty* */
    List bounds;        /* Bound* */
    Expr *len;
    bool dyn_written;   /* `dyn` keyword present (bare trait objects are errors) */
};

typedef enum {
    PAT_WILD,       /* _ */
    PAT_IDENT,      /* ref? mut? name (@ sub)? */
    PAT_LIT,        /* lit (Expr, possibly negated) */
    PAT_RANGE,      /* lo ..= hi  /  lo .. hi */
    PAT_TUPLE,      /* (elems) */
    PAT_PATH,       /* None, Color::Red, CONST */
    PAT_TUPLE_STRUCT, /* Some(elems) */
    PAT_STRUCT,     /* Point { fields, .. } */
    PAT_REF,        /* &mut? sub */
    PAT_OR,         /* elems separated by | */
    PAT_REST,       /* .. inside tuples and slices */
    PAT_SLICE,      /* [elems] */
    PAT_ERROR,
} PatKind;

typedef struct PatField {
    Span span;
    Sym name;
    Pat *pat;           /* shorthand `x` makes an ident pattern */
} PatField;

struct Pat {
    PatKind kind;
    Span span;
    Sym name;
    bool by_ref, mut_;
    Pat *sub;
    Path *path;
    List elems;         /* Pat* */
    List fields;        /* PatField* */
    bool has_rest;      /* struct pattern ends with `..` */
    Expr *lit, *hi;     /* literal / range bounds (lo in lit) */
    bool inclusive;
    /* filled by the checker (types.h) */
    struct Type *type;  /* the type of the value matched here */
    struct Res *res;    /* bindings: the Local; variants/structs/consts: the Def */
};

typedef enum {
    EX_INT, EX_FLOAT, EX_STR, EX_CHAR, EX_BOOL, EX_BYTE, EX_BYTE_STR,
    EX_PATH,        /* path */
    EX_UNARY,       /* op lhs: P_MINUS, P_BANG, P_STAR */
    EX_REF,         /* &mut? lhs */
    EX_BINARY,      /* lhs op rhs */
    EX_ASSIGN,      /* lhs = rhs */
    EX_ASSIGN_OP,   /* lhs op= rhs; op is the compound token */
    EX_CAST,        /* lhs as ty */
    EX_CALL,        /* lhs(args) */
    EX_METHOD,      /* lhs.name::<generics>(args) */
    EX_FIELD,       /* lhs.name, or lhs.0 (name is "0") */
    EX_INDEX,       /* lhs[rhs] */
    EX_AWAIT,       /* lhs.await */
    EX_BOX,         /* lhs.box, and dyn_box!(lhs) with macro_form set */
    EX_TRY,         /* lhs? */
    EX_BLOCK,       /* block (unsafe_ for `unsafe {}`, label) */
    EX_ASYNC,       /* async move? block */
    EX_CLOSURE,     /* move? |params| -> ret body */
    EX_IF,          /* if cond then else_ */
    EX_LET,         /* let pat = rhs, inside if/while conditions */
    EX_MATCH,       /* match lhs { arms } */
    EX_WHILE,       /* label: while cond body */
    EX_LOOP,        /* label: loop body */
    EX_FOR,         /* label: for pat in lhs body */
    EX_BREAK,       /* break label lhs? */
    EX_CONTINUE,    /* continue label */
    EX_RETURN,      /* return lhs? */
    EX_RANGE,       /* lhs? .. rhs? (inclusive) */
    EX_TUPLE,       /* (args) */
    EX_ARRAY,       /* [args] */
    EX_REPEAT,      /* [lhs; rhs] */
    EX_STRUCT,      /* path { fields, ..rhs } */
    EX_MACRO,       /* name!(args): see MacroCall */
    EX_PAREN,       /* (lhs) */
    EX_ERROR,
} ExprKind;

typedef struct FieldInit {
    Span span;
    Sym name;
    Expr *value;        /* shorthand `x` makes a path expression */
} FieldInit;

typedef struct MatchArm {
    Span span;
    Pat *pat;
    Expr *guard;
    Expr *body;
} MatchArm;

typedef struct Param {
    Span span;
    Pat *pat;
    Ty *ty;             /* NULL for untyped closure parameters */
} Param;

/* A macro invocation. Format-like macros keep their arguments as parsed
 * expressions; `name = value` arguments set `names` at that index. */
typedef struct MacroCall {
    Sym name;
    List args;          /* Expr* */
    List names;         /* Sym (or NULL) per argument */
    bool repeat;        /* vec![x; n] */
    char delim;         /* '(', '[' or '{' */
} MacroCall;

struct Expr {
    ExprKind kind;
    Span span;
    TokenKind op;
    Expr *lhs, *rhs;
    Expr *cond;
    Block *then, *body;
    Expr *else_;        /* an EX_BLOCK or EX_IF */
    Path *path;
    Ty *ty;             /* cast target, closure return type */
    Sym name;           /* field, method, label of loops/blocks/break */
    Sym label;
    List args;          /* Expr* (call/method/tuple/array arguments) */
    List generics;      /* Ty* turbofish on methods */
    List arms;          /* MatchArm* */
    List fields;        /* FieldInit* */
    List params;        /* Param* for closures */
    Pat *pat;
    MacroCall *mac;
    Span name_span;     /* the method/field name, for diagnostics */
    bool mut_;          /* &mut */
    bool move_;         /* move closures / async move */
    bool inclusive;     /* ..= */
    bool unsafe_;
    bool macro_form;    /* EX_BOX written as dyn_box!(...) */
    /* literal values */
    uint64_t ival;
    bool int_overflow;
    double fval;
    const char *str;
    uint32_t str_len;
    LitSuffix suffix;
    /* filled by the checker (types.h) */
    struct Type *type;      /* the type after inference */
    struct Res *res;        /* what a path, call, method, field or closure resolved to */
    struct Adjust *adjust;  /* auto-deref, auto-ref and coercion applied to the value */
};

typedef enum { ST_LET, ST_EXPR, ST_ITEM, ST_EMPTY } StmtKind;

struct Stmt {
    StmtKind kind;
    Span span;
    Pat *pat;           /* let */
    Ty *ty;
    Expr *init;
    Block *else_;       /* let-else */
    Expr *expr;         /* ST_EXPR */
    bool semi;          /* expression statement ended with `;` */
    Item *item;
};

struct Block {
    Span span;
    List stmts;         /* Stmt*; a trailing expression is an ST_EXPR without semi */
};

typedef struct GenericParam {
    Span span;
    Sym name;
    bool is_lifetime;
    bool is_const;
    Ty *const_ty;
    List bounds;        /* Bound* */
    Ty *default_ty;
} GenericParam;

typedef struct WherePred {
    Span span;
    Ty *ty;             /* NULL for lifetime predicates (ignored) */
    List bounds;        /* Bound* */
} WherePred;

typedef struct Generics {
    Span span;
    List params;        /* GenericParam* */
    List where_;        /* WherePred* */
    Span where_span;    /* empty when no where clause */
} Generics;

typedef enum { SELF_NONE, SELF_VALUE, SELF_REF, SELF_REF_MUT, SELF_TYPED } SelfKind;

typedef struct FnSig {
    Span span;
    Sym name;
    Span name_span;
    bool is_async, is_const, is_unsafe;
    Generics generics;
    SelfKind self_kind;
    bool self_mut;      /* `mut self` */
    Ty *self_ty;        /* `self: Box<Self>` */
    Span self_span;
    Span params_span;   /* the parentheses, for suggestions */
    List params;        /* Param* (without the self parameter) */
    Ty *ret;            /* NULL means `()` */
} FnSig;

typedef struct Attr {
    Span span;
    Sym name;           /* derive, allow, ... */
    List args;          /* Sym: the identifiers inside the parentheses */
} Attr;

typedef struct FieldDef {
    Span span;
    Sym name;           /* NULL for tuple fields */
    Ty *ty;
    bool is_pub;
    List attrs;
} FieldDef;

typedef enum { VARIANT_UNIT, VARIANT_TUPLE, VARIANT_STRUCT } VariantShape;

typedef struct Variant {
    Span span;
    Sym name;
    VariantShape shape;
    List fields;        /* FieldDef* */
    Expr *discriminant;
    List attrs;
} Variant;

typedef struct UseTree {
    Span span;
    Path *prefix;       /* may be NULL for `use {a, b}` */
    bool glob;
    Sym alias;          /* `as name` */
    List children;      /* UseTree* for `a::{b, c}` */
    bool has_children;
} UseTree;

typedef enum {
    ITEM_FN, ITEM_STRUCT, ITEM_ENUM, ITEM_TRAIT, ITEM_IMPL, ITEM_USE,
    ITEM_TYPE, ITEM_CONST, ITEM_STATIC, ITEM_MOD, ITEM_MACRO_RULES, ITEM_ERROR,
} ItemKind;

typedef enum { STRUCT_NAMED, STRUCT_TUPLE, STRUCT_UNIT } StructShape;

struct Item {
    ItemKind kind;
    Span span;
    Sym name;
    Span name_span;
    bool is_pub;
    List attrs;         /* Attr* */
    Generics generics;
    /* fn */
    FnSig sig;
    Block *body;        /* NULL for required trait methods */
    /* struct / enum */
    StructShape shape;
    List fields;        /* FieldDef* */
    List variants;      /* Variant* */
    /* trait */
    List supertraits;   /* Bound* */
    bool is_unsafe;
    /* trait, impl, mod: members */
    List items;         /* Item* */
    /* impl */
    Path *trait_path;   /* NULL for inherent impls */
    bool negative;
    Ty *self_ty;
    /* type alias / associated type */
    Ty *ty;             /* also const/static type */
    List bounds;        /* associated type bounds */
    Expr *value;        /* const/static value */
    bool mut_;          /* static mut */
    /* use */
    UseTree *use;
    /* filled by the checker (types.h) */
    struct Def *def;
    bool prelude;       /* part of the prelude: diagnostics never point here */
};

typedef struct Crate {
    Span span;
    List attrs;         /* inner attributes #![...] */
    List items;         /* Item* */
} Crate;

/* -------------------------------------------------------------------- unit */

struct DbUnit {
    Arena arena;
    Source src;
    Interner syms;
    DbOptions opts;
    DbOptions forced;
    bool forced_set;
    DiagList diags;
    bool options_read, lexed, parsed;
    Token *toks;
    int ntoks;
    Crate *crate;
    Buf dump, rendered, summary;
    struct DynInfo *dyn;  /* dyn.c: trait verdicts and vtables, once checked */
    /* check.c (types.h): semantic types and item tables, once checked */
    struct Tcx *tcx;
    bool checked;
    bool parsing_prelude;   /* body-less free fns are intrinsics there */
    /* lower.c: the C translation unit of db_emit_c, once lowered */
    Buf lower_out;
    bool lowered;
    uint64_t phase_ns[DB_PHASE_TIMERS]; /* db_phase_ns: time spent per phase */
    /* explain's future layouts: lower_async.c records the C type of each
     * boxed vtable slot's future it makes (newest first, in the arena);
     * dyn_explain.c keeps what a host measured of them */
    struct FutProbe *fut_probe;
    struct FutLayouts *fut_layouts;
};

/* A boxed slot's future: method `method` of the impl whose item starts at
 * byte impl_lo, lowered to C type ctype (one per instance of the impl). */
typedef struct FutProbe {
    struct FutProbe *next;
    uint32_t impl_lo;
    const char *method;
    const char *ctype;
} FutProbe;

/* A monotonic clock for db_phase_ns; TIMED adds a statement's time to a
 * phase's total. */
uint64_t clock_ns(void);
#define TIMED(u, timer, stmt)                                  \
    do {                                                       \
        uint64_t timed_start_ = clock_ns();                    \
        stmt;                                                  \
        (u)->phase_ns[timer] += clock_ns() - timed_start_;     \
    } while (0)

/* rustc's find_best_match_for_name: the candidate equal to `lookup` up to
 * case, else the closest within an edit distance of max(len, 3) / 3 (the
 * first of equals), else one with the same `_`-words in another order;
 * NULL when none is close. For "a ... with a similar name exists". */
Sym best_match_for_name(const Sym *cands, int n, Sym lookup);

Sym sym_intern(DbUnit *u, const char *s, size_t n);
static inline Sym sym_cstr(DbUnit *u, const char *s);

/* ------------------------------------------------------------ diagnostics */

/* Starts a diagnostic and appends it to the unit's list. `message` is
 * printf-formatted. Add spans and children, then leave it: it is already in
 * the list. */
Diag *diag_new(DbUnit *u, DiagLevel level, const char *code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* A child (note/help) of `parent`, not in the unit's list. */
Diag *diag_child(DbUnit *u, Diag *parent, DiagLevel level, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void diag_span(DbUnit *u, Diag *d, Span sp, bool primary, const char *label_fmt, ...)
    __attribute__((format(printf, 5, 6)));
/* A suggestion: child help whose span is replaced by `replacement`. */
Diag *diag_suggest(DbUnit *u, Diag *parent, Span sp, const char *replacement,
                   Applicability app, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
/* Shorthand: an error with one primary span and label. */
Diag *diag_error_at(DbUnit *u, Span sp, const char *code, const char *label,
                    const char *fmt, ...) __attribute__((format(printf, 5, 6)));

void diag_render_human(DbUnit *u, Buf *out, const Diag *d, bool color);
void diag_render_json(DbUnit *u, Buf *out, const Diag *d);

/* ---------------------------------------------------------------- phases */

void options_read(DbUnit *u);     /* options.c: the `// dynbox:` line */
void lex_run(DbUnit *u);          /* lex.c */
void parse_run(DbUnit *u);        /* parse.c */
void dyn_run(DbUnit *u);          /* dyn.c: dyn compatibility (needs a crate) */
void dump_tokens(DbUnit *u, Buf *out);
void dump_ast(DbUnit *u, Buf *out); /* dump.c */
void check_run(DbUnit *u);        /* check.c: resolve and type-check */
void check_preload(DbUnit *u);    /* check.c: the prelude's share, before any source */
void check_dump_types(DbUnit *u, Buf *out);

static inline Sym sym_cstr(DbUnit *u, const char *s) {
    size_t n = 0;
    while (s[n]) n++;
    return sym_intern(u, s, n);
}

#endif
