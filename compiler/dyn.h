/* dyn.h — the dyn-compatibility analyzer (DESIGN.md section 4): every trait's
 * verdict under rules=stable (rustc 1.95) and rules=method-scope, each
 * method's dispatch class, vtable layouts, and the diagnostics built from
 * them (E0038, E0191, E0393 at `dyn` types; DB0002-DB0004 at call sites).
 *
 * Ownership in one sentence: every DynTrait, DynMethod, DynViolation and
 * DynSlot lives in the unit's arena and is valid until db_unit_free.
 */
#ifndef DYNBOX_DYN_H
#define DYNBOX_DYN_H

#include "internal.h"

typedef struct DynTrait DynTrait;
typedef struct DynMethod DynMethod;

/* How a method is reached through `dyn Trait` under rules=method-scope. */
typedef enum {
    DYN_VTABLE,   /* a function pointer in the vtable */
    DYN_BOXED,    /* async fn / -> impl Trait: callable only as `x.m().box` */
    DYN_EXCLUDED, /* no slot; a call through `dyn` is an error */
} DynClass;

/* rustc's DynCompatibilityViolation variants, in rustc's declaration order
 * (the order matters: rustc sorts violations and their solutions). */
typedef enum {
    DV_SIZED_SELF,       /* `Self: Sized` on the trait or a supertrait */
    DV_SUPERTRAIT_SELF,  /* `Self` as a type parameter of a supertrait/bound */
    DV_METHOD,           /* a method-level violation, see DynCode */
    DV_ASSOC_CONST,
    DV_GAT,
} DynViolationKind;

/* rustc's MethodViolationCode, in rustc's order, then dynbox's own
 * method-scope exclusions (rustc accepts these traits but cannot call the
 * method through `dyn`). */
typedef enum {
    DC_NONE,
    DC_STATIC,        /* no `self` parameter */
    DC_SELF_INPUT,    /* `Self` in a parameter type */
    DC_SELF_OUTPUT,   /* `Self` in the return type */
    DC_IMPL_TRAIT,    /* `-> impl Trait` */
    DC_ASYNC,         /* `async fn` */
    DC_WHERE_SELF,    /* a `where` clause mentions `Self` */
    DC_GENERIC,       /* type or const parameters (also `x: impl Trait`) */
    DC_RECEIVER,      /* `self: &Box<Self>` and other undispatchable receivers */
    DC_SIZED_BOUND,   /* method-scope only: `where Self: Sized` */
    DC_BY_VALUE,      /* method-scope only: `self` taken by value */
} DynCode;

typedef struct DynViolation {
    DynViolationKind kind;
    DynCode code;           /* DV_METHOD only */
    Sym name;               /* the item, for methods, consts and GATs */
    Span spans[4];          /* where the label goes; none for built-in traits */
    int nspans;
    bool foreign;           /* rustc points into the standard library here */
    const DynTrait *owner;  /* the trait that declares the offending item */
    /* Suggestions (local traits only). DC_STATIC: insert `self_text` at
     * self_at and `where_text` over where_at; DC_RECEIVER: replace spans[0]
     * with `&Self`. */
    Span self_at, where_at;
    const char *self_text, *where_text;
} DynViolation;

struct DynMethod {
    Sym name;
    Span name_span;         /* zero for built-in traits */
    Span sig_span;
    const Item *item;       /* NULL for built-in traits */
    const DynTrait *trait;  /* the declaring trait */
    bool sized_gated;       /* `where Self: Sized` (or implied): exempt */
    bool is_async;
    List violations;        /* DynViolation*: rustc's, empty when gated */
    DynClass cls;           /* under rules=method-scope */
    DynCode code;           /* why boxed/excluded; DC_NONE for vtable */
    const char *reason;     /* rustc's wording of `code`, NULL for vtable */
    Span reason_span;       /* where that reason points (name, type, ...) */
    const char *ret_impl;   /* "impl Iterator" for -> impl Trait, else NULL */
};

/* A required associated type (E0191 when a `dyn` type leaves it out). */
typedef struct DynAssoc {
    Sym name;
    Span span;              /* `type A: Bound` without the `;` */
    const DynTrait *owner;
} DynAssoc;

typedef enum { SLOT_DROP, SLOT_SIZE, SLOT_ALIGN, SLOT_METHOD, SLOT_BOXED, SLOT_VPTR } DynSlotKind;

typedef struct DynSlot {
    DynSlotKind kind;
    int index, offset, size; /* bytes; pointers are 8 bytes */
    const DynMethod *method; /* SLOT_METHOD, SLOT_BOXED */
    const DynTrait *vptr;    /* SLOT_VPTR: the supertrait whose vtable it points to */
} DynSlot;

struct DynTrait {
    Sym name;
    const Item *item;        /* NULL for the built-in table */
    Span name_span;
    bool builtin;
    bool sized;              /* requires `Self: Sized` (elaborated) */
    bool auto_trait;         /* Send, Sync, Unpin: no vtable entries */
    bool rhs_self_default;   /* PartialEq/PartialOrd: E0393 without arguments */
    List supers;             /* DynTrait*: direct supertraits, in written order */
    List super_bounds;       /* Bound* (NULL for built-ins), parallel to supers */
    List methods;            /* DynMethod*: own methods, declaration order */
    List assocs;             /* DynAssoc*: own required associated types */
    List own_violations;     /* this trait's items and bounds, rustc's order */
    List violations;         /* over the trait and all supertraits (stable) */
    List trait_level;        /* the subset that method-scope still rejects */
    List lowering;           /* `Self` in supertrait bounds: reported at lowering */
    List gats;               /* own generic associated types: also at lowering */
    bool ok_stable, ok_method_scope;
    List slots;              /* DynSlot*: the vtable, for the unit's abi */
    int vtable_size;
    bool computing, done;    /* cycle guard for `trait A: B`, `trait B: A` */
};

/* An `impl Trait for Type` the explain report lists. */
typedef struct DynImpl {
    const DynTrait *trait;
    const Item *item;
    const char *type_text;   /* the self type as written, spaces normalised */
    bool self_is_dyn;
    bool blanket;            /* `impl<T> Trait for T` */
} DynImpl;

typedef struct DynInfo {
    List traits;             /* DynTrait*: user traits in source order */
    List builtins;           /* DynTrait*: the built-in table entries made so far */
    List impls;              /* DynImpl* */
} DynInfo;

/* ------------------------------------------------------------- analysis */

/* The phase: analyses every trait and checks every `dyn` type written in the
 * program (E0038, E0191, E0393 under the unit's rules). Runs once. */
void dyn_run(DbUnit *u);

/* A user trait by name, else the built-in table's entry, else NULL. */
const DynTrait *dyn_trait(DbUnit *u, Sym name);
/* The method `name` reachable through `dyn t` (own or a supertrait's). */
const DynMethod *dyn_method(const DynTrait *t, Sym name);
/* The first method that keeps `dyn t: t` from holding (boxed or excluded,
 * supertraits included), or NULL when every method is `vtable`. */
const DynMethod *dyn_first_unimplementable(const DynTrait *t);

/* rustc's wording for a violation, without the "...because " prefix. */
const char *dyn_violation_text(DbUnit *u, const DynViolation *v);
const char *dyn_class_name(DynClass c);
const char *dyn_slot_kind_name(DynSlotKind k);

/* ----------------------------------------------------------- diagnostics */

/* A method called through `dyn t` that the vtable cannot serve: DB0002 for a
 * boxed method called without `.box` (with a machine-applicable `.box`
 * suggestion after `call`), DB0003 for an excluded one. `call` is the whole
 * call expression, `method_name` the name in it. */
void dyn_report_call(DbUnit *u, Span call, Span method_name, const DynTrait *t,
                     const DynMethod *m);
/* DB0004: `.box` (or `dyn_box!`) on a call that returns no `impl Trait`.
 * `box_span` covers `.box` (or the whole macro), `call` the boxed call;
 * `ret` is the call's return type as text, or NULL when unknown. */
void dyn_report_bad_box(DbUnit *u, Span box_span, Span call, bool macro_form, const char *ret);
/* E0277: a `dyn t` value used where `T: t` is required, naming the first
 * method that keeps `dyn t` from implementing `t`. */
void dyn_report_not_impl(DbUnit *u, Span at, const DynTrait *t);

/* dyn_check.c: the walk over every `dyn` type in the program. */
void dyn_check_program(DbUnit *u, DynInfo *info);
/* dyn_syms.c: rustc 1.95's index of a predefined symbol, or -1. rustc sorts
 * its help lines by symbol index, so predefined names come first. */
int dyn_rustc_symbol_index(const char *name);
/* The order rustc gives a name: predefined symbols by index, then the others
 * in order of first appearance in the source. */
long dyn_symbol_rank(DbUnit *u, Sym name);

#endif
