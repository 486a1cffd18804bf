/* types.h — the checker's semantic model, shared by resolve.c, traits.c,
 * check*.c and the phases after them (dyn analysis, lowering): interned types,
 * the item tables (Def), resolution results hung on the AST, inference.
 *
 * Ownership in one sentence: everything here lives in the unit's arena; the
 * Tcx hangs off the DbUnit (u->tcx) and dies with it.
 *
 * What the lowering reads after db_run(u, DB_PHASE_CHECK) with no errors:
 *   Expr->type    the expression's type, fully resolved (no inference variables;
 *                 opaque `impl Trait` types stay opaque: see Opaque.concrete)
 *   Expr->res     paths, calls, method calls, fields, struct literals: Res
 *   Expr->adjust  auto-deref / auto-ref / coercion applied to the value (Adjust)
 *   Pat->type, Pat->res (bindings: Res.local; variants: Res.def)
 *   Item->def     the Def of every item (fns, structs, enums, traits, impls)
 *   ClosureInfo   on a closure's Res: its signature, kind and captures
 */
#ifndef DYNBOX_TYPES_H
#define DYNBOX_TYPES_H

#include "internal.h"

#include <string.h>

/* memcpy that accepts a NULL source when there is nothing to copy. */
static inline void copy_n(void *dst, const void *src, size_t bytes) {
    if (bytes) memcpy(dst, src, bytes);
}

typedef struct Type Type;
typedef struct Def Def;
typedef struct Tcx Tcx;
typedef struct Module Module;
typedef struct Local Local;
typedef struct Res Res;
typedef struct Adjust Adjust;

/* ------------------------------------------------------------------ types */

typedef enum {
    TYPE_ERROR,   /* after a reported error: unifies with anything, silences cascades */
    TYPE_NEVER,   /* ! */
    TYPE_BOOL, TYPE_CHAR, TYPE_STR, TYPE_INT, TYPE_FLOAT,
    TYPE_TUPLE,   /* args; () is the empty tuple */
    TYPE_ADT,     /* def (struct/enum), args */
    TYPE_REF,     /* &inner, &mut inner (mut_) */
    TYPE_PTR,     /* *const / *mut inner */
    TYPE_ARRAY,   /* [inner; id] */
    TYPE_SLICE,   /* [inner] */
    TYPE_PARAM,   /* generic parameter number id called name (Self is 0 in traits) */
    TYPE_PROJ,    /* <inner as tr>::name, rigid: inner is a parameter or opaque */
    TYPE_DYN,     /* dyn tr (auto traits like Send are accepted and dropped) */
    TYPE_OPAQUE,  /* impl Trait: def's opaque number id under args; or an async block (expr, inner = Output) */
    TYPE_FNDEF,   /* the type of a fn item: def with args */
    TYPE_FNPTR,   /* fn(args) -> inner */
    TYPE_CLOSURE, /* the closure expr (its ClosureInfo has the signature) */
    TYPE_INFER,   /* inference variable id of kind sub (VarKind) */
} TypeKind;

typedef enum {
    INT_I8, INT_I16, INT_I32, INT_I64, INT_I128, INT_ISIZE,
    INT_U8, INT_U16, INT_U32, INT_U64, INT_U128, INT_USIZE, INT_KIND_COUNT,
} IntKind;
typedef enum { FLOAT_F32, FLOAT_F64 } FloatKind;
typedef enum { VAR_TY, VAR_INT, VAR_FLOAT } VarKind;

/* `Trait<Args, Name = T>` without its Self type: a bound, a dyn principal,
 * the trait of an impl or a projection. Bindings name associated types of
 * the trait or of its supertraits (`Fn(A) -> R` binds FnOnce's Output). */
typedef struct TraitRef {
    Def *trait;
    Type **args;        /* the trait's own parameters (Self excluded) */
    int nargs;
    Sym *bind_names;
    Type **bind_tys;
    int nbinds;
} TraitRef;

enum { TF_INFER = 1, TF_PARAM = 2, TF_ERROR = 4, TF_PROJ = 8, TF_OPAQUE = 16 };

/* Interned: two equal types are the same pointer, so `==` compares them.
 * Flags summarize the subtree (contains inference variables, parameters,
 * errors, projections), so most walks can stop early. */
struct Type {
    TypeKind kind;
    uint8_t sub;        /* IntKind, FloatKind, VarKind */
    bool mut_;          /* REF, PTR */
    uint8_t flags;
    uint32_t id;        /* var number, param index, array length, opaque index */
    uint32_t hash;
    Sym name;           /* PARAM, PROJ */
    Def *def;           /* ADT, FNDEF, OPAQUE (the defining fn) */
    Expr *expr;         /* CLOSURE, OPAQUE of an async block */
    Type *inner;
    Type **args;
    int nargs;
    TraitRef *tr;       /* DYN, PROJ */
};

/* -------------------------------------------------------------- items */

typedef enum {
    DEF_STRUCT, DEF_ENUM, DEF_VARIANT, DEF_TRAIT, DEF_FN, DEF_ASSOC_TY,
    DEF_CONST, DEF_STATIC, DEF_ALIAS, DEF_IMPL, DEF_MOD, DEF_PRIM,
} DefKind;

/* A where clause or bound: `self: tr`. */
typedef struct Pred {
    Type *self;
    TraitRef tr;
    Span span;
    bool prelude;       /* declared in the prelude: never point at it */
} Pred;

/* Generic parameters of an item, its parent's first (rustc's layout): a
 * method in `impl<T> Vec<T>` has T at 0 and its own parameters after it; a
 * trait's Self is parameter 0. Lifetimes are dropped. */
typedef struct GenInfo {
    int nparent;
    int n;
    Sym *names;
    Type **params;      /* TYPE_PARAM per index */
    Type **defaults;    /* `Rhs = Self` defaults, or NULL */
    Span *spans;
    bool *synthetic;    /* argument-position `impl Trait` */
    Pred *preds;        /* own and inherited predicates */
    int npreds;
} GenInfo;

typedef struct FieldInfo {
    Sym name;           /* "0", "1", ... for tuple fields */
    Type *ty;
    Span span;
    bool is_pub;
} FieldInfo;

/* An `impl Trait` in a fn's return type (or the future of an async fn). */
typedef struct Opaque {
    TraitRef *bounds;
    int nbounds;
    Span span;
    Type *concrete;     /* the hidden type, known once the fn body is checked */
    bool is_future;     /* the future of an async fn: Future<Output = ret> */
} Opaque;

typedef struct FnInfo {
    Type **params;      /* the self parameter first when has_self */
    int nparams;
    Type *ret;          /* as declared (for async fn: the Output) */
    Type *call_ret;     /* what a call returns: ret, or the async future */
    bool has_self;
    SelfKind self_kind;
    bool is_async;
    bool has_body;
    bool varargs_ok;
    Opaque *opaques;
    int nopaques;
    Def *trait_item;    /* impl methods: the trait's declaration they implement */
    Local *self_local;  /* the `self` parameter's Local once the body is checked */
} FnInfo;

typedef enum {
    DERIVE_NONE, DERIVE_DEBUG, DERIVE_CLONE, DERIVE_COPY, DERIVE_PARTIAL_EQ, DERIVE_EQ,
    DERIVE_PARTIAL_ORD, DERIVE_ORD, DERIVE_HASH, DERIVE_DEFAULT,
} DeriveKind;

struct Def {
    DefKind kind;
    Sym name;
    Span span;          /* the name; whole item in item_span */
    Span item_span;
    Item *item;         /* NULL for derived impls, variants, builtins */
    bool prelude;
    bool is_pub;
    Def *parent;        /* impl or trait of a member; enum of a variant; module owner */
    Module *mod;        /* the module the item is declared in */
    GenInfo gen;
    bool sig_done, sig_busy;  /* lazily lowered signature (cycle detection) */
    /* struct / variant */
    StructShape shape;
    FieldInfo *fields;
    int nfields;
    int index;          /* variant index, member index */
    /* enum */
    Def **variants;
    int nvariants;
    bool is_copy;       /* derived or implemented Copy (structs/enums) */
    bool has_drop;      /* user `impl Drop` */
    /* trait */
    TraitRef *supers;   /* supertraits (Self: Super) */
    int nsupers;
    Def **members;      /* trait/impl members: fns, assoc types, consts */
    int nmembers;
    bool builtin_only;  /* marker traits solved in C (Sized, Copy for prims...) */
    /* fn */
    FnInfo fn;
    /* assoc type / alias / const / static */
    Type *ty;           /* alias target, const type, impl assoc type value */
    TraitRef *bounds;   /* trait assoc type bounds */
    int nbounds;
    bool has_default;   /* trait items with a default (method body, type default) */
    /* impl */
    Type *self_ty;
    TraitRef *trait_ref;/* NULL for inherent impls */
    DeriveKind derive;
    /* prim: the primitive type for `u64::MAX`-style paths */
    Type *prim;
    /* the lowering may stash its own data here */
    void *lower;
    /* bookkeeping */
    Module *inner_mod;  /* DEF_MOD: the module it is */
    bool gen_done, gen_busy, cycle_reported;
    bool impl_broken;   /* the impl's trait did not resolve */
    bool builtin_auto;  /* Send, Sync, Unpin, Sized: dropped from dyn and impl bounds */
    bool checked;       /* body checked */
};

/* --------------------------------------------------------------- results */

typedef enum {
    BIND_VALUE, BIND_REF, BIND_REF_MUT,
} BindMode;

/* A local variable (pattern binding, parameter, `self`). */
struct Local {
    Sym name;
    Type *ty;           /* the binding's type (a reference for ref bindings) */
    Span span;
    bool mut_;
    BindMode mode;
    int id;             /* unique within the unit */
    int closure_depth;  /* how many closures/async blocks enclose its declaration */
    bool has_init;      /* `let x;` without a value can be assigned once */
    Pat *pat;
};

typedef enum {
    RES_NONE,
    RES_LOCAL,      /* local */
    RES_FN,         /* a fn item or associated fn/method: def, args */
    RES_CTOR,       /* struct or variant constructor (tuple or unit): def */
    RES_STRUCT,     /* struct literal / struct pattern: def (struct or variant) */
    RES_CONST,      /* const item or associated const: def (+ impl) */
    RES_STATIC,
    RES_FIELD,      /* field access: field index in def (struct) or tuple index */
    RES_CLOSURE,    /* closure expression: closure */
    RES_MACRO,      /* format-like macro: implicit captures */
    RES_ERR,
} ResKind;

/* How a method or trait item is reached. */
typedef enum {
    DISPATCH_STATIC,    /* inherent method, or trait method with a known impl */
    DISPATCH_PARAM,     /* trait method on a generic parameter: resolved per instance */
    DISPATCH_DYN,       /* through the vtable of `trait` (receiver is dyn) */
    DISPATCH_BUILTIN,   /* a trait implemented by the compiler (Clone for u64, Fn for closures) */
} Dispatch;

typedef enum { CAPTURE_REF, CAPTURE_MUT_REF, CAPTURE_VALUE } CaptureMode;
typedef enum { CLOSURE_FN, CLOSURE_FN_MUT, CLOSURE_FN_ONCE } ClosureKind;

typedef struct Capture {
    Local *local;
    CaptureMode mode;
} Capture;

typedef struct ClosureInfo {
    Type **params;
    int nparams;
    Type *ret;
    ClosureKind kind;
    Capture *captures;
    int ncaptures;
    bool is_async_block;    /* async blocks reuse the capture analysis */
    int depth;              /* frame depth of its body: outer locals are captured */
    ClosureKind expected_kind; /* from the Fn bound it was written against */
    bool expected_kind_set;
} ClosureInfo;

struct Res {
    ResKind kind;
    Local *local;
    Def *def;           /* fn, method (the impl's when static, the trait's otherwise), ctor, const */
    Type **args;        /* generic arguments of def, all levels */
    int nargs;
    Dispatch dispatch;
    Def *impl;          /* DISPATCH_STATIC through a trait: the impl */
    Def *trait;         /* the trait of a trait method (any dispatch) */
    Type *self_ty;      /* Self of a trait method or associated item */
    int field;          /* RES_FIELD */
    ClosureInfo *closure;
    Expr **captures;    /* RES_MACRO: `{name}` arguments as path exprs, by name */
    Sym *capture_names;
    int ncaptures;
    bool boxed_call;    /* EX_BOX: the call was through dyn (false: static call boxed) */
};

typedef enum {
    COERCE_NONE,
    COERCE_NEVER,       /* ! to anything */
    COERCE_REBORROW,    /* &mut T to &T */
    COERCE_UNSIZE,      /* &T/Box<T>/Pin<Box<T>> to dyn, [T; N] to [T], dyn Sub to dyn Super */
    COERCE_FNPTR,       /* fn item or non-capturing closure to fn pointer */
} CoerceKind;

typedef enum { AUTOREF_NONE, AUTOREF_REF, AUTOREF_MUT } AutoRef;

/* Adjustments applied to an expression's value, in order: `nderef`
 * dereferences (builtin through references, or overloaded through a Deref
 * impl: String to str, Box<T> to T, Vec<T> to [T]), then an auto-reference,
 * then a coercion. `target` is the type after all of them. */
struct Adjust {
    int nderef;
    Type **deref_tys;   /* the type after each dereference */
    bool *overloaded;   /* per dereference: through `Deref` (else builtin) */
    AutoRef autoref;
    bool unsize_array;  /* method receiver [T; N] to [T] after the autoref */
    CoerceKind coerce;
    Type *source;       /* the expression's own type */
    Type *target;
};

/* -------------------------------------------------------------- modules */

/* A namespace: the user's crate root, and the prelude's `std` modules.
 * Types and values are separate namespaces, as in Rust. */
typedef struct NameMap {
    Sym *keys;
    void **vals;
    uint32_t cap, count;
} NameMap;

struct Module {
    Sym name;
    Module *parent;
    Def *def;
    NameMap types, values;
    bool prelude;
};

/* ----------------------------------------------------------- the context */

typedef struct PtrMap {
    const void **keys1;
    const void **keys2;
    void **vals;
    uint32_t cap, count;
} PtrMap;

typedef struct InferVar {
    Type *binding;      /* NULL while unbound */
    Span origin;
    VarKind kind;
} InferVar;

/* Well-known prelude items the checker refers to by role. */
typedef struct WellKnown {
    Def *option, *result, *string, *vec, *box, *pin, *join_handle, *formatter;
    Def *range, *range_inclusive, *range_from, *range_to, *range_full, *range_to_inclusive;
    Def *future, *into_future, *iterator, *into_iterator, *fn, *fn_mut, *fn_once;
    Def *clone, *copy, *debug, *display, *partial_eq, *eq, *partial_ord, *ord, *hash;
    Def *default_, *drop, *from, *into, *deref, *deref_mut, *sized, *send, *sync, *unpin;
    Def *to_string, *step, *int_, *signed_int, *float_, *from_iterator, *sum, *product;
    Def *neg, *not;
    Def *fmt_result, *fmt_error, *arguments, *ordering, *index, *index_mut, *error, *fmt_write;
    Def *lower_hex, *upper_hex, *binary, *octal, *lower_exp, *upper_exp, *mem_replace;
    Def *binop[10], *binop_assign[10]; /* Add Sub Mul Div Rem BitAnd BitOr BitXor Shl Shr */
    Sym s_output, s_item, s_into_iter, s_target, s_self_upper, s_self_lower;
} WellKnown;

struct Tcx {
    DbUnit *u;
    Arena *a;
    /* interning */
    Type **tab;
    uint32_t *tab_hash;
    uint32_t tab_cap, tab_count;
    /* common types */
    Type *t_err, *t_never, *t_unit, *t_bool, *t_char, *t_str, *t_static_str;
    Type *t_int[INT_KIND_COUNT], *t_float[2];
    /* inference variables of the body being checked; bindings undone to a snapshot */
    InferVar *vars;
    uint32_t nvars, cap_vars;
    uint32_t *trail;
    uint32_t ntrail, cap_trail;
    /* modules and items */
    Module *std_root;   /* `std::...` (also `core`, `alloc`) */
    Module *prelude;    /* names every program sees without `use` */
    Module *crate;      /* the user's items */
    Crate *prelude_crate;
    Source prelude_src;
    List defs;          /* every Def, in declaration order */
    List fns;           /* fns with bodies to check (prelude ones first) */
    int nprelude_fns;
    int tables_traits, tables_impls, tables_defs; /* registered so far (tr_build_tables) */
    List consts;        /* consts and statics with values */
    PtrMap block_mods;  /* Block* -> the anonymous Module of its items */
    List impls;         /* every impl (derived included) */
    List traits;
    /* lookup tables */
    PtrMap trait_impls;     /* (trait, head) -> List* of impls; head NULL: blanket */
    PtrMap inherent;        /* (head, name) -> List* of methods/consts of inherent impls */
    PtrMap trait_members;   /* (NULL, name) -> List* of trait members with that name */
    WellKnown wk;
    int next_local;
    int errors_at_start;
    /* trait solving: the where clauses in force in the body being checked */
    Pred *env;
    int nenv;
    int solve_depth;
    int proj_depth;
    bool in_probe;      /* no diagnostics while probing */
    List *pending;      /* Obligation*: undecided goals of the body being checked */
    bool prelude_ice;   /* the prelude failed to check: reported once */
    List late_diags;    /* Diag*: pattern and borrow checks of clean bodies,
                           reported after every body's type errors (rustc's order) */
    Span cause;         /* span for obligations registered while solving */
    PtrMap solve_cache; /* (self, dyn-interned trait ref) -> result, for goals without variables */
    PtrMap norm_cache;  /* projection type -> its normal form, for types without variables */
};

TraitRef tr_copy(Tcx *t, const TraitRef *tr);
/* Adds a goal to the body's pending list (nested goals of a selection). */
void tr_register(Tcx *t, Type *self, const TraitRef *tr, Span sp, Def *origin, Span bound_span, bool prelude);

/* ------------------------------------------------------ types.c: types */

Tcx *ty_context(DbUnit *u);
Type *ty_intern(Tcx *t, const Type *proto);
Type *ty_int(Tcx *t, IntKind k);
Type *ty_float(Tcx *t, FloatKind k);
Type *ty_ref(Tcx *t, Type *inner, bool mut_);
Type *ty_ptr(Tcx *t, Type *inner, bool mut_);
Type *ty_tuple(Tcx *t, Type **elems, int n);
Type *ty_adt(Tcx *t, Def *d, Type **args, int n);
Type *ty_adt1(Tcx *t, Def *d, Type *arg);
Type *ty_array(Tcx *t, Type *elem, uint32_t len);
Type *ty_slice(Tcx *t, Type *elem);
Type *ty_param(Tcx *t, uint32_t index, Sym name);
Type *ty_proj(Tcx *t, Type *self, const TraitRef *tr, Sym name);
Type *ty_dyn(Tcx *t, const TraitRef *tr);
Type *ty_opaque(Tcx *t, Def *fn, uint32_t index, Type **args, int n);
Type *ty_async_block(Tcx *t, Expr *e, Type *output);
Type *ty_fndef(Tcx *t, Def *fn, Type **args, int n);
Type *ty_fnptr(Tcx *t, Type **params, int n, Type *ret);
Type *ty_closure(Tcx *t, Expr *e);
Type *ty_var(Tcx *t, VarKind k, Span origin);
TraitRef *ty_traitref(Tcx *t, Def *trait, Type **args, int nargs);
bool traitref_eq(const TraitRef *a, const TraitRef *b);

/* Rust's spelling for diagnostics: `Vec<{integer}>`, `&dyn Shape`,
 * `impl Future<Output = u64>`, `{closure@main.rs:3:13: 3:20}`. */
const char *ty_str(Tcx *t, Type *ty);
void ty_print(Tcx *t, Buf *b, Type *ty);
const char *traitref_str(Tcx *t, Type *self, const TraitRef *tr);
void traitref_print(Tcx *t, Buf *b, const TraitRef *tr);
const char *ty_kind_word(Tcx *t, Type *ty); /* "struct", "enum", "type", ... for E0599 */
/* E0308's label: "expected `u32`, found `&str`", "expected integer, found `&str`". */
const char *ty_expected_found(Tcx *t, Type *expected, Type *found);

/* Replaces TYPE_PARAM i with args[i] (i < n); other parameters stay. */
Type *ty_subst(Tcx *t, Type *ty, Type **args, int n);
TraitRef *traitref_subst(Tcx *t, const TraitRef *tr, Type **args, int n);
/* Replaces every TYPE_PARAM `Self` (index 0 of a trait) with self. */
Type *ty_subst_self(Tcx *t, Type *ty, Type *self);

/* Inference. `ty_resolve` follows bindings at the top; `ty_zonk` everywhere
 * (unbound integer/float variables stay unless `dflt` is set: then they
 * become i32/f64 and other unbound variables the error type). */
Type *ty_resolve(Tcx *t, Type *ty);
Type *ty_zonk(Tcx *t, Type *ty, bool dflt);
bool ty_unify(Tcx *t, Type *a, Type *b);
typedef struct Snap {
    uint32_t trail;
    int pending;
} Snap;
Snap ty_snapshot(Tcx *t);
void ty_rollback(Tcx *t, Snap snap);
void ty_reset_vars(Tcx *t);
bool ty_is_unresolved_var(Tcx *t, Type *ty);
bool ty_is_integral(Tcx *t, Type *ty);   /* int types and {integer} */
bool ty_is_numeric(Tcx *t, Type *ty);
bool ty_is_unit(Type *ty);
bool ty_occurs(Tcx *t, uint32_t var, Type *ty);
const void *ty_head(Tcx *t, Type *ty);   /* key for impl tables; NULL for params/vars */

/* Hash maps in the arena. */
void *ptrmap_get(PtrMap *m, const void *k1, const void *k2);
void ptrmap_put(Arena *a, PtrMap *m, const void *k1, const void *k2, void *v);
void *namemap_get(NameMap *m, Sym k);
void namemap_put(Arena *a, NameMap *m, Sym k, void *v);

/* ------------------------------------------------- resolve.c: names */

void res_prelude_load(Tcx *t);
void res_collect_prelude(Tcx *t);
void res_collect_user(Tcx *t);
/* Lowers an AST type in the scope of `gen` (an item's generics) with
 * `self_ty` for `Self` (NULL inside traits: the Self parameter). */
typedef struct TyScope {
    Def *owner;         /* the item whose generics are in scope */
    Type *self_ty;      /* what `Self` means; NULL outside impls and traits */
    Def *self_trait;    /* inside a trait: its Def */
    Module *mod;
    bool allow_infer;   /* `_` allowed (let, casts, turbofish) */
    bool in_prelude;
    Def *opaque_owner;  /* return type being lowered: `impl Trait` becomes an opaque of it */
    bool apit;          /* parameter types: `impl Trait` becomes a synthetic parameter */
    TraitRef *impl_trait; /* inside `impl Trait for X`: for `Self::Item` */
    bool quiet;         /* probing: no diagnostics */
    int depth;
    /* `_` and omitted arguments in bodies become inference variables */
    Type *(*fresh)(void *ctx, Span sp);
    void *fresh_ctx;
} TyScope;
void res_scope_for(Tcx *t, Def *d, TyScope *s);
void res_def_generics(Tcx *t, Def *d);
void prelude_ice(Tcx *t, const char *msg);
Type *res_type(Tcx *t, TyScope *s, Ty *ty);
bool res_bound(Tcx *t, TyScope *s, Type *self, Bound *b, TraitRef *out);
void res_def_sig(Tcx *t, Def *d);       /* lower a Def's signature on first use */
Def *res_lookup_type(Tcx *t, Module *m, Sym name);
Def *res_lookup_value(Tcx *t, Module *m, Sym name);
/* Every name visible from m in one namespace (for typo suggestions). */
int res_visible_names(Tcx *t, Module *m, bool value_ns, Sym *out, int max);
/* "function", "struct", "constant", ... */
const char *res_def_word(const Def *d);
Module *res_module_of_path(Tcx *t, Module *from, Path *p, int nsegs, Span *err_span);
Def *res_trait_member(Tcx *t, Def *trait, Sym name, DefKind kind);
bool res_is_prelude_span(Tcx *t, Def *d);

/* ------------------------------------------ traits.c: impls and solving */

typedef enum { SOLVE_NO, SOLVE_YES, SOLVE_MAYBE } SolveResult;

/* A goal the body being checked must satisfy: `self: tr` (with tr's
 * bindings as projection equalities). Kept until it is decided. */
typedef struct Obligation {
    Type *self;
    TraitRef tr;
    Span span;          /* where the requirement arises (an argument, a call) */
    Def *origin;        /* "required by a bound in `origin`" */
    Span bound_span;    /* the bound's span in origin */
    bool bound_prelude;
    int kind;           /* OBL_* */
    bool reported;
} Obligation;
enum { OBL_PLAIN, OBL_FMT_DISPLAY, OBL_FMT_DEBUG, OBL_FOR_LOOP, OBL_AWAIT, OBL_QUESTION, OBL_FMT_OTHER };

/* How a goal `self: tr` holds. */
typedef struct Selection {
    SolveResult result;
    Def *impl;          /* an impl (args in impl_args) */
    Type **impl_args;
    int nimpl_args;
    const Pred *env;    /* a where clause in force */
    bool builtin;       /* implemented by the compiler */
    bool object;        /* dyn Trait: Trait */
    bool opaque;        /* from an opaque type's bounds */
} Selection;

void tr_build_tables(Tcx *t);
void tr_check_impls(Tcx *t);
/* Does `self: tr` hold? With `commit`, a unique answer binds inference
 * variables (and nested goals are added to `nested` when given). */
SolveResult tr_solve(Tcx *t, Type *self, const TraitRef *tr, bool commit, Selection *sel);
bool tr_implements(Tcx *t, Type *self, Def *trait);
/* An impl of `trait` matching `self` whose where clauses fail: the failing
 * clauses as text (`Stone: Clone`); the count, 0 when there is none. */
int tr_unmet_impl_bounds(Tcx *t, Type *self, Def *trait, const char **out, int max);
bool ty_is_copy(Tcx *t, Type *ty);
/* `<self as trait>::name`, normalized when possible; NULL when the trait has
 * no such associated type. May return a fresh variable (ambiguous). */
Type *tr_project(Tcx *t, Type *self, const TraitRef *tr, Sym name);
/* Normalizes every projection inside ty. */
Type *tr_normalize(Tcx *t, Type *ty);
/* The associated type `name` of `trait` or of its supertraits. */
Def *tr_assoc_type(Tcx *t, Def *trait, Sym name, Def **owner);
/* Supertraits of tr (with Self = self), transitively, tr first. */
int tr_elaborate(Tcx *t, Type *self, const TraitRef *tr, TraitRef *out, int max);
/* Makes d's where clauses (elaborated with supertraits) the ones in force. */
void tr_set_env(Tcx *t, Def *d);
/* `dyn trait: trait` (DESIGN.md section 4: only when every method is `vtable`). */
bool tr_dyn_implements_trait(Tcx *t, Def *trait);

/* Method lookup with Rust's probe order: for each auto-deref step of the
 * receiver, by value, then `&`, then `&mut`; inherent methods before trait
 * methods; trait methods only when the receiver may implement the trait. */
typedef struct Pick {
    Def *method;        /* the method (an impl's, or the trait's declaration) */
    Def *impl;          /* inherent impl or the statically known trait impl */
    Def *trait;         /* trait methods */
    Type **args;        /* method's generic arguments (all levels, fresh where unknown) */
    int nargs;
    Type *self_ty;      /* Self */
    Type *recv;         /* the receiver after adjustment */
    int nderef;
    Type *steps[16];
    bool overloaded[16];
    AutoRef autoref;
    bool unsize;
    bool object;        /* through `dyn`: self_ty is the dyn type */
    bool ambiguous;     /* several traits offer the method (E0034) */
    Def *other_trait;
    bool private_;      /* found but not visible (a prelude private) */
} Pick;
/* 0 found, 1 not found, 2 receiver type unknown (E0282), 3 ambiguous numeric (E0689). */
int tr_probe_method(Tcx *t, Type *recv, Sym name, bool user_code, Pick *out);
/* `Type::name` (no receiver): an associated fn/const of an inherent impl, or
 * of a trait the type may implement. */
bool tr_probe_assoc(Tcx *t, Type *self, Sym name, bool user_code, Pick *out);
/* Fresh inference variables for d's generic parameters from index `from`. */
void tr_fresh_args(Tcx *t, Def *d, Type **args, int from, Span sp);
/* One dereference of ty (builtin through refs, or through a Deref impl);
 * NULL when ty cannot be dereferenced. */
Type *tr_deref(Tcx *t, Type *ty, bool *overloaded);
/* Fn-family signature of a callable type: params as a tuple's elements and return. */
bool tr_fn_sig(Tcx *t, Type *callee, Type ***params, int *nparams, Type **ret, ClosureKind *kind);
/* The Output of a future type, or NULL when ty is not a future. */
Type *tr_future_output(Tcx *t, Type *ty);
/* The Item of an iterator type (through IntoIterator when into is set). */
Type *tr_iterator_item(Tcx *t, Type *ty, bool into);
/* Bounds of an opaque type, substituted. */
int tr_opaque_bounds(Tcx *t, Type *op, TraitRef **out);

/* ------------------------------------------- check*.c: function bodies */

extern const char prelude_text[];  /* prelude.c: compiler/prelude.rs */
/* The prelude's own fn bodies are checked on request (the lowering and a
 * test need them typed; user programs do not). */
void check_prelude_bodies(DbUnit *u);
void check_dump_fns(DbUnit *u, Buf *out, bool prelude);

/* Diagnostics that never point into the prelude. */
bool ty_span_ok(Tcx *t, Span sp, bool prelude);

#endif
