/* lower_intrinsics.c — the standard library surface the runtime implements:
 * every prelude fn declared without a body (or #[intrinsic]) and the
 * compiler-implemented trait methods of the primitive types, each written
 * once in the table below as a runtime call; the C representation of the
 * runtime's types (String, Vec<T>, &str, &[T], Box<T>, str and slice
 * iterators, Formatter); their drop glue, clone and comparison helpers;
 * indexing; deref through Box/String/Vec; operators on strings and on
 * references to scalars; `for` over iterators and the consumers
 * collect/sum/product/extend; vec!/todo!/unreachable!; prelude constants.
 *
 * A table entry is a template. Its first character says what the call
 * returns:
 *   '=' the expression is the call's value;
 *   ';' the text is a statement and the call returns ();
 *   '?' the expression is a runtime call returning rt_bool that writes the
 *       payload of an Option through %o: the call returns Option<payload>;
 *   '{' statements that store the call's value in %o;
 *   '!' a statement (a check that may panic), '|', then the expression of
 *       the call's value, which is not read when the value is ().
 * In the text, %0..%9 are the arguments (the receiver first) as C values,
 * %L the call's source location (a method's name, as #[track_caller]
 * reports it), %t the integer suffix of Self (i32...), %T the C type of
 * the element type (T of Vec<T>, [T], Option<T>), %S its size, %A its
 * alignment, %D its drop fn (RT_NULL without drop glue), %C / %Q its
 * comparison / equality callback, %E / %F the Debug fn of Result's T / E,
 * %J the i_-th element of a [String] or [&str] as an RtStr, %o the out
 * temporary, %R the C type of the call's value. Arguments are side-effect
 * free C values (locals, temporaries, addresses), so a template may use
 * one twice. */
#include "lower.h"

#include <stdlib.h>

/* ------------------------------------------------------------ the table */

typedef struct Intrinsic {
    const char *owner;  /* see owner_of */
    const char *name;
    const char *tmpl;
} Intrinsic;

static const Intrinsic table[] = {
    /* String */
    { "String", "new", "=rt_string_new()" },
    { "String", "with_capacity", "=rt_string_with_capacity(%0)" },
    { "String", "from", "=rt_string_from_str(%0)" },
    { "String", "push_str", ";rt_string_push_str(%0, %1)" },
    { "String", "push", ";rt_string_push(%0, %1)" },
    { "String", "pop", "?rt_string_pop(%0, &%o)" },
    { "String", "as_str", "=rt_string_as_str(%0)" },
    { "String", "len", "=(%0)->len" },
    { "String", "is_empty", "=(rt_bool)((%0)->len == 0)" },
    { "String", "capacity", "=(%0)->cap" },
    { "String", "clear", ";rt_string_clear(%0)" },
    { "String", "truncate", ";rt_string_truncate(%0, %1, %L)" },
    { "String", "insert", ";rt_string_insert(%0, %1, %2, %L)" },
    { "String", "insert_str", ";rt_string_insert_str(%0, %1, %2, %L)" },
    { "String", "remove", "=rt_string_remove(%0, %1, %L)" },
    { "String", "reserve", ";rt_string_reserve(%0, %1)" },
    { "String", "deref", "=rt_string_as_str(%0)" },
    { "String", "add_assign", ";rt_string_push_str(%0, %1)" },
    /* str (a &str receiver is an RtStr) */
    { "str", "len", "=(%0).len" },
    { "str", "is_empty", "=(rt_bool)((%0).len == 0)" },
    { "str", "chars", "=rt_str_chars(%0)" },
    { "str", "char_indices", "=rt_str_chars(%0)" },
    { "str", "lines", "=rt_str_lines(%0)" },
    { "str", "split_whitespace", "=rt_str_split_whitespace(%0)" },
    { "str", "trim", "=rt_str_trim(%0)" },
    { "str", "trim_start", "=rt_str_trim_start(%0)" },
    { "str", "trim_end", "=rt_str_trim_end(%0)" },
    { "str", "to_uppercase", "=rt_str_to_uppercase(%0)" },
    { "str", "to_lowercase", "=rt_str_to_lowercase(%0)" },
    { "str", "to_ascii_uppercase", "=rt_str_to_ascii_uppercase(%0)" },
    { "str", "to_ascii_lowercase", "=rt_str_to_ascii_lowercase(%0)" },
    { "str", "eq_ignore_ascii_case", "=rt_str_eq_ignore_ascii_case(%0, %1)" },
    { "str", "repeat", "=rt_str_repeat(%0, %1, %L)" },
    { "str", "is_char_boundary", "=rt_str_is_char_boundary(%0, %1)" },
    { "str", "char_count", "=rt_str_char_count(%0)" },
    { "str", "to_owned_string", "=rt_string_from_str(%0)" },
    { "str", "to_owned", "=rt_string_from_str(%0)" },
    { "str", "contains", "=rt_str_contains(%0, %1)" },
    { "str", "starts_with", "=rt_str_starts_with(%0, %1)" },
    { "str", "ends_with", "=rt_str_ends_with(%0, %1)" },
    { "str", "find", "?rt_str_find(%0, %1, &%o)" },
    { "str", "rfind", "?rt_str_rfind(%0, %1, &%o)" },
    { "str", "strip_prefix", "?rt_str_strip_prefix(%0, %1, &%o)" },
    { "str", "strip_suffix", "?rt_str_strip_suffix(%0, %1, &%o)" },
    { "str", "replace", "=rt_str_replace(%0, %1, %2)" },
    { "str", "split", "=rt_str_split(%0, %1)" },
    /* Vec<T> (receivers are RtVec *) */
    { "Vec", "new", "=rt_vec_new()" },
    { "Vec", "with_capacity", "=rt_vec_with_capacity(%0, %S, %A)" },
    { "Vec", "push", ";*(%T *)rt_vec_push_slot(%0, %S, %A) = %1" },
    { "Vec", "pop", "?rt_vec_pop(%0, &%o, %S)" },
    { "Vec", "insert", ";{ %T x_ = %2; rt_vec_insert(%0, %1, &x_, %S, %A, %L); }" },
    { "Vec", "remove", "{rt_vec_remove(%0, %1, &%o, %S, %L);" },
    { "Vec", "swap_remove", "{rt_vec_swap_remove(%0, %1, &%o, %S);" },
    { "Vec", "clear", ";rt_vec_clear(%0, %S, %D)" },
    { "Vec", "truncate", ";rt_vec_truncate(%0, %1, %S, %D)" },
    { "Vec", "len", "=(%0)->len" },
    { "Vec", "is_empty", "=(rt_bool)((%0)->len == 0)" },
    { "Vec", "capacity", "=(%0)->cap" },
    { "Vec", "reserve", ";rt_vec_reserve(%0, %1, %S, %A)" },
    { "Vec", "as_slice", "=rt_vec_as_slice(%0)" },
    { "Vec", "as_mut_slice", "=rt_vec_as_slice(%0)" },
    { "Vec", "deref", "=rt_vec_as_slice(%0)" },
    { "Vec", "deref_mut", "=rt_vec_as_slice(%0)" },
    { "Vec", "append", ";rt_vec_append(%0, %1, %S, %A)" },
    { "Vec", "extend_from_slice", ";rt_vec_extend_copy(%0, (%1).ptr, (%1).len, %S, %A)" },
    { "Vec", "into_iter", "{%o.ptr = (%0).ptr; %o.cap = (%0).cap; %o.pos = 0; %o.end = (%0).len;" },
    /* [T] (a &[T] receiver is an RtSlice) */
    { "slice", "len", "=(%0).len" },
    { "slice", "is_empty", "=(rt_bool)((%0).len == 0)" },
    { "slice", "iter", "=(%0)" },
    { "slice", "iter_mut", "=(%0)" },
    { "slice", "first", "?((%0).len ? (%o = (%T *)(%0).ptr, 1) : 0)" },
    { "slice", "first_mut", "?((%0).len ? (%o = (%T *)(%0).ptr, 1) : 0)" },
    { "slice", "last", "?((%0).len ? (%o = (%T *)(%0).ptr + ((%0).len - 1), 1) : 0)" },
    { "slice", "last_mut", "?((%0).len ? (%o = (%T *)(%0).ptr + ((%0).len - 1), 1) : 0)" },
    { "slice", "get", "?((%1) < (%0).len ? (%o = (%T *)(%0).ptr + (%1), 1) : 0)" },
    { "slice", "get_mut", "?((%1) < (%0).len ? (%o = (%T *)(%0).ptr + (%1), 1) : 0)" },
    { "slice", "swap", ";rt_slice_swap(%0, %1, %2, %S, %L)" },
    { "slice", "reverse", ";rt_slice_reverse(%0, %S)" },
    { "slice", "contains", "=rt_slice_contains(%0, %S, %1, %Q, RT_NULL)" },
    { "slice", "sort", ";rt_slice_sort(%0, %S, %C, RT_NULL)" },
    { "slice", "sort_unstable", ";rt_slice_sort(%0, %S, %C, RT_NULL)" },
    { "slice", "join",
      "{%o = rt_string_new(); for (rt_usize i_ = 0; i_ < (%0).len; i_++) { if (i_) rt_string_push_str(&%o, %1); rt_string_push_str(&%o, %J); }" },
    { "slice", "concat",
      "{%o = rt_string_new(); for (rt_usize i_ = 0; i_ < (%0).len; i_++) rt_string_push_str(&%o, %J);" },
    /* iterators the runtime implements */
    { "Chars", "next", "?rt_chars_next(%0, &%o)" },
    { "Chars", "next_back", "?rt_chars_next_back(%0, &%o)" },
    { "Chars", "as_str", "=rt_chars_as_str(%0)" },
    { "CharIndices", "next", "?rt_chars_next_index(%0, &%o.f0, &%o.f1)" },
    { "Split", "next", "?rt_split_next(%0, &%o)" },
    { "SplitWhitespace", "next", "?rt_split_next(%0, &%o)" },
    { "Lines", "next", "?rt_split_next(%0, &%o)" },
    { "Iter", "next", "?((%0)->len ? (%o = (%T *)(%0)->ptr, (%0)->ptr = (%T *)(%0)->ptr + 1, (%0)->len--, 1) : 0)" },
    { "Iter", "next_back", "?((%0)->len ? (%o = (%T *)(%0)->ptr + --(%0)->len, 1) : 0)" },
    { "IterMut", "next", "?((%0)->len ? (%o = (%T *)(%0)->ptr, (%0)->ptr = (%T *)(%0)->ptr + 1, (%0)->len--, 1) : 0)" },
    { "IterMut", "next_back", "?((%0)->len ? (%o = (%T *)(%0)->ptr + --(%0)->len, 1) : 0)" },
    { "IntoIter", "next", "?((%0)->pos < (%0)->end ? (%o = ((%T *)(%0)->ptr)[(%0)->pos++], 1) : 0)" },
    { "IntoIter", "next_back", "?((%0)->pos < (%0)->end ? (%o = ((%T *)(%0)->ptr)[--(%0)->end], 1) : 0)" },
    { "Range", "next", "?((%0)->f0 < (%0)->f1 ? (%o = (%0)->f0++, 1) : 0)" },
    { "Range", "next_back", "?((%0)->f0 < (%0)->f1 ? (%o = --(%0)->f1, 1) : 0)" },
    { "RangeInclusive", "next",
      "?(!(%0)->f2 && (%0)->f0 <= (%0)->f1 ? (%o = (%0)->f0, (%0)->f0 < (%0)->f1 ? (void)(%0)->f0++ : (void)((%0)->f2 = 1), 1) : 0)" },
    { "RangeInclusive", "next_back",
      "?(!(%0)->f2 && (%0)->f0 <= (%0)->f1 ? (%o = (%0)->f1, (%0)->f0 < (%0)->f1 ? (void)(%0)->f1-- : (void)((%0)->f2 = 1), 1) : 0)" },
    /* integers (the Int and SignedInt traits the compiler implements) */
    { "int", "pow", "=rt_pow_%t(%0, %1)" },
    { "int", "abs", "=rt_abs_%t(%0)" },
    { "int", "wrapping_add", "=rt_wrapping_add_%t(%0, %1)" },
    { "int", "wrapping_sub", "=rt_wrapping_sub_%t(%0, %1)" },
    { "int", "wrapping_mul", "=rt_wrapping_mul_%t(%0, %1)" },
    { "int", "wrapping_neg", "=rt_wrapping_neg_%t(%0)" },
    { "int", "wrapping_pow", "=rt_wrapping_pow_%t(%0, %1)" },
    { "int", "wrapping_shl", "=rt_wrapping_shl_%t(%0, %1)" },
    { "int", "wrapping_shr", "=rt_wrapping_shr_%t(%0, %1)" },
    { "int", "wrapping_abs", "=rt_wrapping_abs_%t(%0)" },
    { "int", "wrapping_div", "=rt_div_%t(%0, %1, %L)" },
    { "int", "wrapping_rem", "=rt_rem_%t(%0, %1, %L)" },
    { "int", "checked_add", "?rt_checked_add_%t(%0, %1, &%o)" },
    { "int", "checked_sub", "?rt_checked_sub_%t(%0, %1, &%o)" },
    { "int", "checked_mul", "?rt_checked_mul_%t(%0, %1, &%o)" },
    { "int", "checked_div", "?rt_checked_div_%t(%0, %1, &%o)" },
    { "int", "checked_rem", "?rt_checked_rem_%t(%0, %1, &%o)" },
    { "int", "checked_pow", "?rt_checked_pow_%t(%0, %1, &%o)" },
    { "int", "checked_neg", "?rt_checked_neg_%t(%0, &%o)" },
    { "int", "checked_abs", "?rt_checked_abs_%t(%0, &%o)" },
    { "int", "saturating_add", "=rt_saturating_add_%t(%0, %1)" },
    { "int", "saturating_sub", "=rt_saturating_sub_%t(%0, %1)" },
    { "int", "saturating_mul", "=rt_saturating_mul_%t(%0, %1)" },
    { "int", "saturating_pow", "=rt_saturating_pow_%t(%0, %1)" },
    { "int", "div_euclid", "=rt_div_euclid_%t(%0, %1, %L)" },
    { "int", "rem_euclid", "=rt_rem_euclid_%t(%0, %1, %L)" },
    { "int", "count_ones", "=rt_count_ones_%t(%0)" },
    { "int", "leading_zeros", "=rt_leading_zeros_%t(%0)" },
    { "int", "trailing_zeros", "=rt_trailing_zeros_%t(%0)" },
    { "int", "is_power_of_two", "=(rt_bool)((%0) > 0 && ((%0) & ((%0) - 1)) == 0)" },
    { "int", "signum", "=(%R)((%0) > 0 ? 1 : (%0) < 0 ? -1 : 0)" },
    { "int", "is_positive", "=(rt_bool)((%0) > 0)" },
    { "int", "is_negative", "=(rt_bool)((%0) < 0)" },
    { "int", "abs_diff", "=(%R)((%0) > (%1) ? (%R)(%0) - (%R)(%1) : (%R)(%1) - (%R)(%0))" },
    /* Ord/PartialOrd/PartialEq/Clone the compiler implements for scalars */
    { "scalar", "min", "=((%1) < (%0) ? (%1) : (%0))" },
    { "scalar", "max", "=((%1) < (%0) ? (%0) : (%1))" },
    { "scalar", "clamp", "=((%0) < (%1) ? (%1) : (%0) > (%2) ? (%2) : (%0))" },
    /* floats */
    { "float", "sqrt", "=rt_f64_sqrt(%0)" },
    { "float", "abs", "=rt_f64_abs(%0)" },
    { "float", "powi", "=rt_f64_powi(%0, %1)" },
    { "float", "powf", "=rt_f64_powf(%0, %1)" },
    { "float", "floor", "=rt_f64_floor(%0)" },
    { "float", "ceil", "=rt_f64_ceil(%0)" },
    { "float", "round", "=rt_f64_round(%0)" },
    { "float", "trunc", "=rt_f64_trunc(%0)" },
    { "float", "min", "=rt_f64_min(%0, %1)" },
    { "float", "max", "=rt_f64_max(%0, %1)" },
    /* char */
    { "char", "is_alphabetic", "=rt_char_is_alphabetic(%0)" },
    { "char", "is_numeric", "=rt_char_is_numeric(%0)" },
    { "char", "is_alphanumeric", "=rt_char_is_alphanumeric(%0)" },
    { "char", "is_whitespace", "=rt_char_is_whitespace(%0)" },
    { "char", "is_uppercase", "=rt_char_is_uppercase(%0)" },
    { "char", "is_lowercase", "=rt_char_is_lowercase(%0)" },
    { "char", "is_control", "=rt_char_is_control(%0)" },
    { "char", "is_ascii", "=(rt_bool)(*(%0) < 0x80)" },
    { "char", "is_ascii_digit", "=(rt_bool)(*(%0) >= '0' && *(%0) <= '9')" },
    { "char", "is_ascii_alphabetic", "=(rt_bool)((*(%0) | 0x20) >= 'a' && (*(%0) | 0x20) <= 'z')" },
    { "char", "is_ascii_uppercase", "=(rt_bool)(*(%0) >= 'A' && *(%0) <= 'Z')" },
    { "char", "is_ascii_lowercase", "=(rt_bool)(*(%0) >= 'a' && *(%0) <= 'z')" },
    { "char", "is_ascii_whitespace", "=(rt_bool)(*(%0) == ' ' || *(%0) == '\\t' || *(%0) == '\\n' || *(%0) == '\\f' || *(%0) == '\\r')" },
    { "char", "to_ascii_uppercase", "=(rt_char)(*(%0) >= 'a' && *(%0) <= 'z' ? *(%0) - 32 : *(%0))" },
    { "char", "to_ascii_lowercase", "=(rt_char)(*(%0) >= 'A' && *(%0) <= 'Z' ? *(%0) + 32 : *(%0))" },
    { "char", "to_uppercase", "{%o.len = rt_char_to_upper(%0, %o.chars); %o.pos = 0;" },
    { "char", "to_lowercase", "{%o.len = rt_char_to_lower(%0, %o.chars); %o.pos = 0;" },
    { "ToUppercase", "next", "?((%0)->pos < (%0)->len ? (%o = (%0)->chars[(%0)->pos++], 1) : 0)" },
    { "ToLowercase", "next", "?((%0)->pos < (%0)->len ? (%o = (%0)->chars[(%0)->pos++], 1) : 0)" },
    { "char", "to_digit", "?rt_char_to_digit(%0, %1, &%o)" },
    { "char", "is_digit", "{{ rt_u32 d_; %o = rt_char_to_digit(%0, %1, &d_); }" },
    { "char", "len_utf8", "=rt_char_len_utf8(%0)" },
    { "char", "from_u32", "?rt_char_from_u32(%0, &%o)" },
    { "char", "from_digit", "?rt_char_from_digit(%0, %1, &%o)" },
    /* fmt::Formatter, for hand-written Display/Debug impls */
    { "Formatter", "write_str", "{%o.tag = (rt_u32)rt_formatter_write_str(%0, %1);" },
    { "Formatter", "write_fmt", "{%o.tag = (rt_u32)rt_formatter_write_fmt(%0, &%1);" },
    { "Formatter", "pad", "{%o.tag = (rt_u32)rt_formatter_pad(%0, %1);" },
    { "Formatter", "alternate", "=rt_formatter_alternate(%0)" },
    { "Formatter", "sign_plus", "=rt_formatter_sign_plus(%0)" },
    { "Formatter", "fill", "=rt_formatter_fill(%0)" },
    { "Formatter", "width", "?rt_formatter_width(%0, &%o)" },
    { "Formatter", "precision", "?rt_formatter_precision(%0, &%o)" },
    { "Formatter", "debug_struct", "{rt_debug_struct(&%o, %0, %1);" },
    { "Formatter", "debug_tuple", "{rt_debug_tuple(&%o, %0, %1);" },
    { "Formatter", "debug_list", "{rt_debug_list(&%o, %0);" },
    { "DebugStruct", "field", "{rt_debug_struct_field(%0, %1, %2, %3); %o = %0;" },
    { "DebugStruct", "finish", "{%o.tag = (rt_u32)rt_debug_struct_finish(%0);" },
    { "DebugStruct", "finish_non_exhaustive", "{%o.tag = (rt_u32)rt_debug_struct_finish_non_exhaustive(%0);" },
    { "DebugTuple", "field", "{rt_debug_tuple_field(%0, %1, %2); %o = %0;" },
    { "DebugTuple", "finish", "{%o.tag = (rt_u32)rt_debug_tuple_finish(%0);" },
    { "DebugList", "entry", "{rt_debug_entry(%0, %1, %2); %o = %0;" },
    { "DebugList", "finish", "{%o.tag = (rt_u32)rt_debug_finish(%0);" },
    /* Option/Result: unwrap and expect panic at the caller's location */
    { "Option", "unwrap", "!if (!%0.tag) { rt_panic_unwrap_none(%L); }|%0.u.v1.f0" },
    { "Option", "expect", "!if (!%0.tag) { rt_panic_expect(%L, %1); }|%0.u.v1.f0" },
    { "Result", "unwrap", "!if (%0.tag) { rt_panic_unwrap_err(%L, &%0.u.v1.f0, %F); }|%0.u.v0.f0" },
    { "Result", "expect", "!if (%0.tag) { rt_panic_expect_err(%L, %1, &%0.u.v1.f0, %F); }|%0.u.v0.f0" },
    { "Result", "unwrap_err", "!if (!%0.tag) { rt_panic_unwrap_err_on_ok(%L, &%0.u.v0.f0, %E); }|%0.u.v1.f0" },
    { "Result", "expect_err", "!if (!%0.tag) { rt_panic_expect_err_on_ok(%L, %1, &%0.u.v0.f0, %E); }|%0.u.v1.f0" },
    /* mem, Box, process */
    { "mem", "swap", ";{ %T x_ = *(%0); *(%0) = *(%1); *(%1) = x_; }" },
    { "mem", "replace", "{%o = *(%0); *(%0) = %1;" },
    { "mem", "size_of", "=sizeof(%T)" },
    { "mem", "align_of", "=__alignof__(%T)" },
    { "Box", "new", "{%o = (%T *)rt_alloc(RT_ALLOC_BOX, %S, %A, RT_NULL); *%o = %0;" },
    { "Box", "leak", "=%0" },
    { "Box", "deref", "=(*%0)" },
    { "Box", "deref_mut", "=(*%0)" },
};

/* ------------------------------------------------------------- helpers */

/* The Item of iterator type ity; () after reporting when the checker cannot
 * project it (a closure made inside a generic fn's instance, whose
 * signature still names the fn's parameters). */
static Type *iter_item(Lower *L, Type *ity) {
    lower_closure_sigs(L, ity); /* a closure made inside a generic fn */
    Type *item = tr_iterator_item(L->t, ity, false);
    if (item) return lower_subst(L, item);
    lower_unsupported(L, (Span){ 0, 0 }, arena_printf(L->t->a, "iterating a `%s` here", ty_str(L->t, ity)));
    return L->t->t_unit;
}

/* The concrete type of ty in the fn instance being lowered. */
static Type *concrete(Lower *L, Type *ty) {
    return lower_subst(L, ty);
}

static bool is_def(Type *ty, Def *d) {
    return ty && d && ty->kind == TYPE_ADT && ty->def == d;
}

static const char *int_suffix(Type *ty) {
    static const char *names[INT_KIND_COUNT] = { "i8", "i16", "i32", "i64", NULL, "isize",
                                                 "u8", "u16", "u32", "u64", NULL, "usize" };
    return ty->kind == TYPE_INT && names[ty->sub] ? names[ty->sub] : NULL;
}

/* Helper fns get a fresh name each: dbH<n>_<what>_<type>. */
static const char *helper_name(Lower *L, const char *what, Type *ty) {
    return arena_printf(L->t->a, "dbH%d_%s_%s", L->nhelpers++, what, lower_type_tag(L, ty));
}

/* A side table of helpers already made for a (kind, type) pair, so each
 * type gets one drop/cmp/eq fn. */
typedef struct MadeHelper {
    const char *kind;
    Type *ty;
    const char *name;
    struct MadeHelper *next;
} MadeHelper;
static const char *find_helper(Lower *L, const char *kind, Type *ty) {
    for (MadeHelper *m = L->made_helpers; m; m = m->next)
        if (m->ty == ty && !strcmp(m->kind, kind)) return m->name;
    return NULL;
}

static const char *remember_helper(Lower *L, const char *kind, Type *ty, const char *name) {
    MadeHelper *m = arena_alloc(L->t->a, sizeof *m);
    m->kind = kind, m->ty = ty, m->name = name, m->next = L->made_helpers;
    L->made_helpers = m;
    return name;
}

/* Whether the prelude item d is declared in the prelude module `name`. */
static bool in_mod(Def *d, const char *name) {
    return d->mod && d->mod->name && !strcmp(d->mod->name, name);
}

/* ------------------------------------------------------------- C types */

const char *lower_intrinsic_ctype(Lower *L, Type *ty, Span sp) {
    Tcx *t = L->t;
    WellKnown *w = &t->wk;
    (void)sp;
    if (ty->kind == TYPE_REF && ty->inner->kind == TYPE_STR) return "RtStr";
    if (ty->kind == TYPE_REF && ty->inner->kind == TYPE_SLICE) return "RtSlice";
    if (ty->kind != TYPE_ADT || !ty->def->prelude) return NULL;
    if (is_def(ty, w->string)) return "RtString";
    if (is_def(ty, w->vec)) return "RtVec";
    if (is_def(ty, w->box) && ty->nargs == 1 && ty->args[0]->kind != TYPE_DYN && ty->args[0]->kind != TYPE_STR &&
        ty->args[0]->kind != TYPE_SLICE)
        return arena_printf(t->a, "%s *", lower_ctype(L, concrete(L, ty->args[0]), sp));
    const char *n = ty->def->name;
    if (in_mod(ty->def, "str") && (!strcmp(n, "Chars") || !strcmp(n, "CharIndices"))) return "RtChars";
    if (in_mod(ty->def, "str") && (!strcmp(n, "Split") || !strcmp(n, "SplitWhitespace") || !strcmp(n, "Lines")))
        return "RtSplit";
    if (in_mod(ty->def, "slice") && (!strcmp(n, "Iter") || !strcmp(n, "IterMut"))) return "RtSlice";
    if (in_mod(ty->def, "vec") && !strcmp(n, "IntoIter")) return "RtVecIter";
    if (!strcmp(n, "ParseIntError") || !strcmp(n, "ParseFloatError")) return "rt_u32";
    if (ty->def == w->formatter) return "RtFormatter";
    if (in_mod(ty->def, "fmt") && (!strcmp(n, "DebugStruct") || !strcmp(n, "DebugTuple") || !strcmp(n, "DebugList")))
        return "RtDebugBuilder";
    if (in_mod(ty->def, "char_methods") && (!strcmp(n, "ToUppercase") || !strcmp(n, "ToLowercase"))) return "RtCaseIter";
    return NULL;
}

/* ----------------------------------------------------------- drop glue */

bool lower_intrinsic_needs_drop(Type *ty) {
    if (ty->kind != TYPE_ADT || !ty->def->prelude) return false;
    const char *n = ty->def->name;
    return !strcmp(n, "String") || !strcmp(n, "Vec") || (!strcmp(n, "Box") && ty->nargs == 1 && ty->args[0]->kind != TYPE_DYN) ||
           (!strcmp(n, "IntoIter") && in_mod(ty->def, "vec"));
}

/* Whether a value of ty owns something to release (String, Vec, Box
 * inside it, or a user Drop impl). */
static bool needs_drop(Lower *L, Type *ty) {
    ty = concrete(L, ty);
    if (lower_intrinsic_needs_drop(ty)) return true;
    if (lower_async_needs_drop(L, ty)) return true; /* futures, JoinHandle, Pin<Box<dyn Future>> */
    if (ty->kind == TYPE_CLOSURE) return lower_closure_needs_drop(L, ty);
    if (ty->kind == TYPE_ARRAY) return ty->id && needs_drop(L, ty->inner);
    if (ty->kind == TYPE_TUPLE) {
        for (int i = 0; i < ty->nargs; i++)
            if (needs_drop(L, ty->args[i])) return true;
        return false;
    }
    if (ty->kind != TYPE_ADT) return false;
    Def *d = ty->def;
    if (d->has_drop || d == L->t->wk.box) return true; /* Box<dyn Trait> too */
    if (d->kind == DEF_STRUCT) {
        for (int i = 0; i < d->nfields; i++)
            if (needs_drop(L, ty_subst(L->t, d->fields[i].ty, ty->args, ty->nargs))) return true;
    } else if (d->kind == DEF_ENUM) {
        for (int v = 0; v < d->nvariants; v++)
            for (int i = 0; i < d->variants[v]->nfields; i++)
                if (needs_drop(L, ty_subst(L->t, d->variants[v]->fields[i].ty, ty->args, ty->nargs))) return true;
    }
    return false;
}

static const char *drop_fn(Lower *L, Type *ty, Span sp);

/* Emits the statements dropping the value at `place` (fields of tuples,
 * structs and enums in declaration order, as Rust does). */
static void drop_value(Lower *L, Type *ty, const char *place, Span sp) {
    ty = concrete(L, ty);
    if (!needs_drop(L, ty)) return;
    if (lower_async_drop(L, ty, place, sp)) return;
    if (lower_intrinsic_drop(L, ty, place, sp)) return;
    if (ty->kind == TYPE_TUPLE) {
        for (int i = 0; i < ty->nargs; i++)
            drop_value(L, ty->args[i], arena_printf(L->t->a, "%s.f%d", place, i), sp);
        return;
    }
    if (ty->kind == TYPE_CLOSURE) {
        lower_closure_drop(L, ty, place, sp);
        return;
    }
    if (ty->kind == TYPE_ARRAY) { /* element by element, in order */
        lower_line(L, "for (rt_usize j_ = 0; j_ < %uu; j_++) {", ty->id);
        L->depth++;
        drop_value(L, ty->inner, arena_printf(L->t->a, "%s.a[j_]", place), sp);
        L->depth--;
        lower_line(L, "}");
        return;
    }
    Def *d = ty->def;
    if (lower_dyn_box_drop(L, ty, place, sp)) return; /* Box<dyn T>: through its vtable */
    if (d == L->t->wk.box || (d->has_drop && !lower_user_drop(L, ty, place, sp))) {
        lower_unsupported(L, sp, arena_printf(L->t->a, "dropping a `%s`", ty_str(L->t, ty)));
        return;
    }
    if (d->kind == DEF_STRUCT) {
        for (int i = 0; i < d->nfields; i++)
            drop_value(L, ty_subst(L->t, d->fields[i].ty, ty->args, ty->nargs), arena_printf(L->t->a, "%s.f%d", place, i), sp);
        return;
    }
    lower_line(L, "switch (%s.tag) {", place);
    for (int v = 0; v < d->nvariants; v++) {
        lower_line(L, "case %d:", v);
        L->depth++;
        for (int i = 0; i < d->variants[v]->nfields; i++)
            drop_value(L, ty_subst(L->t, d->variants[v]->fields[i].ty, ty->args, ty->nargs),
                       arena_printf(L->t->a, "%s.u.v%d.f%d", place, v, i), sp);
        lower_line(L, "break;");
        L->depth--;
    }
    lower_line(L, "}");
}

bool lower_type_needs_drop(Lower *L, Type *ty) {
    return needs_drop(L, ty);
}

void lower_drop_value(Lower *L, Type *ty, const char *place, Span sp) {
    drop_value(L, ty, place, sp);
}

/* Writes a helper fn on the side: `proto` is its signature, `body` emits
 * its statements into L->cur. */
typedef void (*HelperBody)(Lower *L, void *ctx);
static void emit_helper(Lower *L, const char *proto, HelperBody body, void *ctx) {
    buf_printf(&L->decls, "%s;\n", proto);
    Buf text = { 0 };
    Buf *saved = L->cur;
    int depth = L->depth;
    L->cur = &text;
    L->depth = 0;
    buf_printf(&text, "%s {\n", proto);
    body(L, ctx);
    buf_puts(&text, "}\n\n");
    L->cur = saved;
    L->depth = depth;
    buf_put(&L->helpers, text.s, text.len);
    buf_free(&text);
}

typedef struct DropCtx {
    Type *ty;
    const char *ctype;
    Span sp;
} DropCtx;

static void drop_fn_body(Lower *L, void *p) {
    DropCtx *c = p;
    drop_value(L, c->ty, arena_printf(L->t->a, "(*(%s *)value)", c->ctype), c->sp);
}

/* The RtDropFn of ty: RT_NULL when it has no drop glue. */
static const char *drop_fn(Lower *L, Type *ty, Span sp) {
    ty = concrete(L, ty);
    if (!needs_drop(L, ty)) return "RT_NULL";
    const char *name = find_helper(L, "drop", ty);
    if (name) return name;
    name = remember_helper(L, "drop", ty, helper_name(L, "drop", ty));
    DropCtx c = { ty, lower_ctype(L, ty, sp), sp };
    emit_helper(L, arena_printf(L->t->a, "static void %s(void *value)", name), drop_fn_body, &c);
    return name;
}

bool lower_intrinsic_drop(Lower *L, Type *ty, const char *place, Span sp) {
    ty = concrete(L, ty);
    if (ty->kind == TYPE_REF) return ty->inner->kind == TYPE_STR || ty->inner->kind == TYPE_SLICE;
    if (!lower_intrinsic_needs_drop(ty)) return lower_intrinsic_ctype(L, ty, sp) != NULL;
    const char *n = ty->def->name;
    if (!strcmp(n, "String")) {
        lower_line(L, "rt_string_drop(&%s);", place);
    } else if (!strcmp(n, "Vec")) {
        const char *et = lower_ctype(L, concrete(L, ty->args[0]), sp);
        lower_line(L, "rt_vec_drop(&%s, sizeof(%s), __alignof__(%s), %s);", place, et, et, drop_fn(L, ty->args[0], sp));
    } else if (!strcmp(n, "IntoIter")) {
        const char *et = lower_ctype(L, concrete(L, ty->args[0]), sp);
        lower_line(L, "rt_vec_iter_drop(&%s, sizeof(%s), %s);", place, et, drop_fn(L, ty->args[0], sp));
    } else { /* Box<T>: T's drop glue as a helper fn, so recursive types (Box<Tree<T>>) end */
        const char *fn = drop_fn(L, ty->args[0], sp);
        if (strcmp(fn, "RT_NULL")) lower_line(L, "%s(%s);", fn, place);
        lower_line(L, "rt_free(%s);", place);
    }
    return true;
}

/* ------------------------------------------------ comparison callbacks */

typedef struct CmpCtx {
    Type *ty;
    const char *ctype;
    bool eq;
} CmpCtx;

static const char *seq_cmp_fn(Lower *L, Type *ty, bool eq);
static const char *adt_cmp_fn(Lower *L, Type *ty, bool eq);
static const char *spill(Lower *L, Type *ty, const char *v, Span sp);
static const char *address_of(Lower *L, Type *ty, const char *v, Span sp);
static const char *adjusted(Lower *L, Expr *x, Type **out_ty);
static bool derives(Lower *L, Def *d, Def *trait);
static bool unsized_ref(Type *ty);

/* The C expression comparing the T values at pointers a and b: <0, 0, >0
 * (eq: nonzero when equal). NULL when T has no built-in comparison. */
static const char *compare_expr(Lower *L, Type *ty, const char *a, const char *b, bool eq) {
    ty = concrete(L, ty);
    const char *ct = NULL;
    switch (ty->kind) {
    case TYPE_INT: case TYPE_CHAR: case TYPE_BOOL: case TYPE_FLOAT:
        ct = lower_ctype(L, ty, (Span){ 0, 0 });
        if (eq) return arena_printf(L->t->a, "(*(const %s *)%s == *(const %s *)%s)", ct, a, ct, b);
        return arena_printf(L->t->a, "(*(const %s *)%s < *(const %s *)%s ? -1 : *(const %s *)%s > *(const %s *)%s)", ct, a,
                            ct, b, ct, a, ct, b);
    case TYPE_REF:
        if (ty->inner->kind == TYPE_STR)
            return arena_printf(L->t->a, eq ? "rt_str_eq(*(const RtStr *)%s, *(const RtStr *)%s)"
                                            : "rt_str_cmp(*(const RtStr *)%s, *(const RtStr *)%s)", a, b);
        return compare_expr(L, ty->inner, arena_printf(L->t->a, "*(void *const *)%s", a),
                            arena_printf(L->t->a, "*(void *const *)%s", b), eq);
    case TYPE_ADT:
        if (is_def(ty, L->t->wk.string))
            return arena_printf(L->t->a, eq ? "rt_str_eq(rt_string_as_str((const RtString *)%s), rt_string_as_str((const RtString *)%s))"
                                            : "rt_str_cmp(rt_string_as_str((const RtString *)%s), rt_string_as_str((const RtString *)%s))", a, b);
        if (is_def(ty, L->t->wk.vec)) {
            const char *fn = seq_cmp_fn(L, ty, eq);
            return fn ? arena_printf(L->t->a, "%s(%s, %s, RT_NULL)", fn, a, b) : NULL;
        }
        if (lower_intrinsic_ctype(L, ty, (Span){ 0, 0 })) return NULL;
        if (!derives(L, ty->def, eq ? L->t->wk.partial_eq : L->t->wk.partial_ord)) return NULL;
        {
            const char *fn = adt_cmp_fn(L, ty, eq);
            return fn ? arena_printf(L->t->a, "%s(%s, %s, RT_NULL)", fn, a, b) : NULL;
        }
    case TYPE_TUPLE: {
        /* lexicographic, element by element */
        ct = lower_ctype(L, ty, (Span){ 0, 0 });
        Buf x = { 0 };
        buf_puts(&x, eq ? "(1" : "(0");
        for (int i = ty->nargs - 1; i >= 0; i--) {
            const char *ea = arena_printf(L->t->a, "&((const %s *)%s)->f%d", ct, a, i);
            const char *eb = arena_printf(L->t->a, "&((const %s *)%s)->f%d", ct, b, i);
            const char *c = compare_expr(L, ty->args[i], ea, eb, eq);
            if (!c) { buf_free(&x); return NULL; }
            Buf y = { 0 };
            if (eq) buf_printf(&y, "(%s && %s)", c, x.s);
            else buf_printf(&y, "((c_ = %s) != 0 ? c_ : %s)", c, x.s);
            buf_free(&x);
            x = y;
        }
        buf_puts(&x, ")");
        const char *r = arena_strndup(L->t->a, x.s, x.len);
        buf_free(&x);
        return r;
    }
    default: return NULL;
    }
}

/* Whether the user or prelude ADT d derives `trait` (Option, Result and
 * Ordering derive PartialEq/PartialOrd in the prelude). */
static bool derives(Lower *L, Def *d, Def *trait) {
    for (int i = 0; i < L->t->impls.n; i++) {
        Def *impl = LIST_GET(L->t->impls, i, Def);
        if (impl->derive != DERIVE_NONE && impl->trait_ref && impl->trait_ref->trait == trait && impl->self_ty &&
            impl->self_ty->kind == TYPE_ADT && impl->self_ty->def == d)
            return true;
    }
    return false;
}

typedef struct SeqCtx {
    Type *ty;           /* Vec<T> */
    bool eq;
} SeqCtx;

/* Vec<T> == / cmp: lengths, then elements in order (Rust's slice order). */
static void seq_cmp_body(Lower *L, void *p) {
    SeqCtx *c = p;
    Type *et = concrete(L, c->ty->args[0]);
    const char *ct = lower_ctype(L, et, (Span){ 0, 0 });
    const char *x = compare_expr(L, et, "((const char *)va->ptr + i_ * sizeof(T_))", "((const char *)vb->ptr + i_ * sizeof(T_))", c->eq);
    lower_line(L, "typedef %s T_;", ct);
    lower_line(L, "const RtVec *va = a, *vb = b;");
    lower_line(L, "rt_i32 c_ = 0;");
    lower_line(L, "(void)ctx; (void)c_;");
    if (c->eq) {
        lower_line(L, "if (va->len != vb->len) return 0;");
        lower_line(L, "for (rt_usize i_ = 0; i_ < va->len; i_++) if (!%s) return 0;", x);
        lower_line(L, "return 1;");
    } else {
        lower_line(L, "for (rt_usize i_ = 0; i_ < va->len && i_ < vb->len; i_++) if ((c_ = %s) != 0) return c_;", x);
        lower_line(L, "return va->len < vb->len ? -1 : va->len > vb->len;");
    }
}

static const char *seq_cmp_fn(Lower *L, Type *ty, bool eq) {
    const char *kind = eq ? "seq_eq" : "seq_cmp";
    const char *name = find_helper(L, kind, ty);
    if (name) return name;
    Type *et = concrete(L, ty->args[0]);
    if (!compare_expr(L, et, "a", "b", eq)) return NULL;
    name = remember_helper(L, kind, ty, helper_name(L, kind, ty));
    SeqCtx c = { ty, eq };
    emit_helper(L, arena_printf(L->t->a, "static %s %s(const void *a, const void *b, void *ctx)", eq ? "rt_bool" : "rt_i32", name),
                seq_cmp_body, &c);
    return name;
}

/* Derived PartialEq/PartialOrd of a struct (fields in order) or an enum
 * (the variant index first, then the fields). */
static void adt_cmp_body(Lower *L, void *p) {
    SeqCtx *c = p;
    Type *ty = c->ty;
    Def *d = ty->def;
    const char *ct = lower_ctype(L, ty, (Span){ 0, 0 });
    lower_line(L, "const %s *x = a, *y = b;", ct);
    lower_line(L, "rt_i32 c_ = 0;");
    lower_line(L, "(void)ctx; (void)c_; (void)x; (void)y;");
    Def *shape = d->kind == DEF_STRUCT ? d : NULL;
    int nv = shape ? 1 : d->nvariants;
    if (!shape) {
        if (c->eq) lower_line(L, "if (x->tag != y->tag) return 0;");
        else lower_line(L, "if (x->tag != y->tag) return x->tag < y->tag ? -1 : 1;");
        lower_line(L, "switch (x->tag) {");
    }
    for (int v = 0; v < nv; v++) {
        Def *sh = shape ? shape : d->variants[v];
        if (!shape) lower_line(L, "case %d:", v);
        for (int i = 0; i < sh->nfields; i++) {
            Type *ft = concrete(L, ty_subst(L->t, sh->fields[i].ty, ty->args, ty->nargs));
            if (lower_is_unit(ft)) continue;
            const char *fa = shape ? arena_printf(L->t->a, "&x->f%d", i) : arena_printf(L->t->a, "&x->u.v%d.f%d", v, i);
            const char *fb = shape ? arena_printf(L->t->a, "&y->f%d", i) : arena_printf(L->t->a, "&y->u.v%d.f%d", v, i);
            const char *x = compare_expr(L, ft, fa, fb, c->eq);
            if (!x) {
                lower_unsupported(L, d->span, arena_printf(L->t->a, "comparing a `%s` field", ty_str(L->t, ft)));
                return;
            }
            if (c->eq) lower_line(L, "if (!%s) return 0;", x);
            else lower_line(L, "if ((c_ = %s) != 0) return c_;", x);
        }
        if (!shape) lower_line(L, "break;");
    }
    if (!shape) lower_line(L, "}");
    lower_line(L, "return %s;", c->eq ? "1" : "0");
}

static const char *adt_cmp_fn(Lower *L, Type *ty, bool eq) {
    const char *kind = eq ? "adt_eq" : "adt_cmp";
    const char *name = find_helper(L, kind, ty);
    if (name) return name;
    name = remember_helper(L, kind, ty, helper_name(L, kind, ty));
    SeqCtx c = { ty, eq };
    emit_helper(L, arena_printf(L->t->a, "static %s %s(const void *a, const void *b, void *ctx)", eq ? "rt_bool" : "rt_i32", name),
                adt_cmp_body, &c);
    return name;
}

const char *lower_intrinsic_eq(Lower *L, Type *ta, const char *pa, Type *tb, const char *pb, Span sp) {
    (void)sp;
    ta = concrete(L, ta), tb = concrete(L, tb);
    while (ta->kind == TYPE_REF && !unsized_ref(ta)) pa = arena_printf(L->t->a, "(*%s)", pa), ta = concrete(L, ta->inner);
    while (tb->kind == TYPE_REF && !unsized_ref(tb)) pb = arena_printf(L->t->a, "(*%s)", pb), tb = concrete(L, tb->inner);
    bool sa = is_def(ta, L->t->wk.string) || (unsized_ref(ta) && ta->inner->kind == TYPE_STR);
    bool sb = is_def(tb, L->t->wk.string) || (unsized_ref(tb) && tb->inner->kind == TYPE_STR);
    if (sa && sb) {
        const char *x = is_def(ta, L->t->wk.string) ? arena_printf(L->t->a, "rt_string_as_str(%s)", pa) : arena_printf(L->t->a, "(*%s)", pa);
        const char *y = is_def(tb, L->t->wk.string) ? arena_printf(L->t->a, "rt_string_as_str(%s)", pb) : arena_printf(L->t->a, "(*%s)", pb);
        return arena_printf(L->t->a, "rt_str_eq(%s, %s)", x, y);
    }
    if (ta != tb) return NULL;
    return compare_expr(L, ta, pa, pb, true);
}

/* A str-like value (String, &str) of type ty as an RtStr. */
static const char *as_str(Lower *L, Type *ty, const char *v, Span sp) {
    if (is_def(ty, L->t->wk.string)) return arena_printf(L->t->a, "rt_string_as_str(%s)", address_of(L, ty, v, sp));
    while (ty->kind == TYPE_REF && !unsized_ref(ty)) v = arena_printf(L->t->a, "(*%s)", v), ty = ty->inner;
    if (is_def(ty, L->t->wk.string)) return arena_printf(L->t->a, "rt_string_as_str(&%s)", v);
    return v;
}

static bool str_like(Lower *L, Type *ty) {
    while (ty->kind == TYPE_REF && !unsized_ref(ty)) ty = ty->inner;
    return is_def(ty, L->t->wk.string) || unsized_ref(ty) || ty->kind == TYPE_STR;
}

static bool is_scalar(Type *ty) {
    return ty->kind == TYPE_INT || ty->kind == TYPE_FLOAT || ty->kind == TYPE_BOOL || ty->kind == TYPE_CHAR;
}

/* An operand v of a comparison (x == y borrows both): an rvalue with drop
 * glue (`f() == "x"` on a String) is owned as a temporary of the statement,
 * dropped at its end. */
static bool is_lvalue(const char *v);
static const char *own_compared(Lower *L, Expr *x, const char *v) {
    Expr *bx = x;
    while (bx->kind == EX_PAREN) bx = bx->lhs;
    bool rvalue = bx->kind == EX_CALL || bx->kind == EX_METHOD || bx->kind == EX_MACRO || bx->kind == EX_BINARY ||
                  bx->kind == EX_STRUCT || bx->kind == EX_BLOCK || bx->kind == EX_IF || bx->kind == EX_MATCH || bx->kind == EX_AWAIT;
    if (x->adjust || !rvalue || L->failed || !lower_type_needs_drop(L, concrete(L, x->type))) return v;
    if (is_lvalue(v) && v[0] == 't' && !strchr(v, '.')) {
        lower_own(L, v, x->type, NULL, x->span);
        return v;
    }
    return lower_own_temp(L, x->type, v, x->span);
}

/* `a op b` where an operand is a reference to a scalar (the std impls of
 * the operator traits for &i32 etc.): the referents, with Rust's checked
 * arithmetic. */
static const char *scalar_ref_binary(Lower *L, Expr *e, Type *ta, Type *tb) {
    const char *a = e->kind == EX_ASSIGN_OP ? NULL : lower_expr(L, e->lhs);
    const char *b = lower_expr(L, e->rhs);
    if (e->kind == EX_ASSIGN_OP) a = lower_expr(L, e->lhs);
    while (tb->kind == TYPE_REF) b = arena_printf(L->t->a, "(*%s)", b), tb = concrete(L, tb->inner);
    bool assign = e->kind == EX_ASSIGN_OP;
    if (!assign)
        while (ta->kind == TYPE_REF) a = arena_printf(L->t->a, "(*%s)", a), ta = concrete(L, ta->inner);
    const char *sfx = int_suffix(ta);
    const char *rt = NULL, *c = NULL;
    switch (e->op) {
    case P_PLUS: case P_PLUS_EQ: rt = "add", c = "+"; break;
    case P_MINUS: case P_MINUS_EQ: rt = "sub", c = "-"; break;
    case P_STAR: case P_STAR_EQ: rt = "mul", c = "*"; break;
    case P_SLASH: case P_SLASH_EQ: rt = "div", c = "/"; break;
    case P_PERCENT: case P_PERCENT_EQ: rt = "rem"; break;
    case P_AMP: case P_AMP_EQ: c = "&"; break;
    case P_PIPE: case P_PIPE_EQ: c = "|"; break;
    case P_CARET: case P_CARET_EQ: c = "^"; break;
    case P_EQEQ: c = "=="; break;
    case P_NE: c = "!="; break;
    case P_LT: c = "<"; break;
    case P_LE: c = "<="; break;
    case P_GT: c = ">"; break;
    case P_GE: c = ">="; break;
    default: break;
    }
    bool cmp = e->op == P_EQEQ || e->op == P_NE || e->op == P_LT || e->op == P_LE || e->op == P_GT || e->op == P_GE;
    const char *v;
    if (cmp) v = arena_printf(L->t->a, "(rt_bool)(%s %s %s)", a, c, b);
    else if (sfx && rt) v = arena_printf(L->t->a, "rt_%s_%s(%s, %s, %s)", rt, sfx, a, b, lower_loc(L, e->span));
    else if (c && (ta->kind != TYPE_FLOAT || rt)) v = arena_printf(L->t->a, "(%s)(%s %s %s)", lower_ctype(L, ta, e->span), a, c, b);
    else if (ta->kind == TYPE_FLOAT && e->op == P_PERCENT) v = arena_printf(L->t->a, "rt_f64_rem(%s, %s)", a, b);
    else {
        lower_unsupported(L, e->span, "this operator on a reference");
        return "0";
    }
    if (assign) {
        lower_line(L, "%s = %s;", a, v);
        return "";
    }
    return spill(L, e->type, v, e->span);
}

const char *lower_intrinsic_binary(Lower *L, Expr *e) {
    Type *ta = concrete(L, e->lhs->type), *tb = concrete(L, e->rhs->type);
    if (e->op != P_ANDAND && e->op != P_OROR && e->op != P_SHL && e->op != P_SHR && e->op != P_SHL_EQ && e->op != P_SHR_EQ &&
        (ta->kind == TYPE_REF || tb->kind == TYPE_REF)) {
        Type *x = ta, *y = tb;
        while (x->kind == TYPE_REF) x = concrete(L, x->inner);
        while (y->kind == TYPE_REF) y = concrete(L, y->inner);
        if (is_scalar(x) && is_scalar(y) && (e->kind != EX_ASSIGN_OP || ta->kind != TYPE_REF))
            return scalar_ref_binary(L, e, ta, tb);
    }
    if (!str_like(L, ta) || !str_like(L, tb)) {
        /* == on Vec, Option, tuples and derived PartialEq types */
        if ((e->op == P_EQEQ || e->op == P_NE) && e->kind == EX_BINARY && ta->kind != TYPE_INT && ta->kind != TYPE_FLOAT &&
            ta->kind != TYPE_BOOL && ta->kind != TYPE_CHAR && ta->kind != TYPE_REF) {
            if (!lower_intrinsic_eq(L, ta, "a_", tb, "b_", e->span)) return NULL;
            const char *a = own_compared(L, e->lhs, lower_expr(L, e->lhs));
            const char *b = own_compared(L, e->rhs, lower_expr(L, e->rhs));
            const char *x = lower_intrinsic_eq(L, ta, address_of(L, ta, a, e->span), tb, address_of(L, tb, b, e->span), e->span);
            if (!x) return NULL;
            return spill(L, L->t->t_bool, arena_printf(L->t->a, e->op == P_NE ? "(rt_bool)!%s" : "(rt_bool)%s", x), e->span);
        }
        return NULL;
    }
    bool append = e->op == P_PLUS || e->op == P_PLUS_EQ;
    if (!append && e->op != P_EQEQ && e->op != P_NE && e->op != P_LT && e->op != P_LE && e->op != P_GT && e->op != P_GE)
        return NULL;
    const char *a = e->kind == EX_ASSIGN_OP ? NULL : adjusted(L, e->lhs, &ta);
    const char *b = adjusted(L, e->rhs, &tb);
    if (e->kind == EX_ASSIGN_OP) a = adjusted(L, e->lhs, &ta);
    if (append) {
        /* String + &str moves the String and appends */
        const char *s = e->kind == EX_ASSIGN_OP ? a : spill(L, ta, a, e->span);
        lower_line(L, "rt_string_push_str(&%s, %s);", s, as_str(L, tb, b, e->span));
        return e->kind == EX_ASSIGN_OP ? "" : s;
    }
    a = own_compared(L, e->lhs, a);
    b = own_compared(L, e->rhs, b);
    const char *x = as_str(L, ta, a, e->span), *y = as_str(L, tb, b, e->span);
    const char *op = e->op == P_LT ? "<" : e->op == P_LE ? "<=" : e->op == P_GT ? ">" : ">=";
    if (e->op == P_EQEQ || e->op == P_NE)
        return spill(L, L->t->t_bool, arena_printf(L->t->a, "(rt_bool)(%srt_str_eq(%s, %s))", e->op == P_NE ? "!" : "", x, y), e->span);
    return spill(L, L->t->t_bool, arena_printf(L->t->a, "(rt_bool)(rt_str_cmp(%s, %s) %s 0)", x, y, op), e->span);
}

static void cmp_fn_body(Lower *L, void *p) {
    CmpCtx *c = p;
    lower_line(L, "rt_i32 c_ = 0;");
    lower_line(L, "(void)ctx; (void)c_;");
    lower_line(L, "return %s;", compare_expr(L, c->ty, "a", "b", c->eq));
}

/* The RtCmpFn (eq: RtEqFn) of T; NULL when T has none built in. */
static const char *cmp_fn(Lower *L, Type *ty, bool eq, Span sp) {
    ty = concrete(L, ty);
    const char *kind = eq ? "eq" : "cmp";
    const char *name = find_helper(L, kind, ty);
    if (name) return name;
    if (!compare_expr(L, ty, "a", "b", eq)) {
        lower_unsupported(L, sp, arena_printf(L->t->a, "comparing values of type `%s` here", ty_str(L->t, ty)));
        return "RT_NULL";
    }
    name = remember_helper(L, kind, ty, helper_name(L, kind, ty));
    CmpCtx c = { ty, lower_ctype(L, ty, sp), eq };
    emit_helper(L, arena_printf(L->t->a, "static %s %s(const void *a, const void *b, void *ctx)", eq ? "rt_bool" : "rt_i32", name),
                cmp_fn_body, &c);
    return name;
}

/* --------------------------------------------------------------- clone */

static const char *clone_expr(Lower *L, Type *ty, const char *ptr, Span sp);

typedef struct CloneCtx {
    Type *ty;           /* Vec<T> */
    Span sp;
} CloneCtx;

static void adt_clone_body(Lower *L, void *p);

static void vec_clone_body(Lower *L, void *p) {
    CloneCtx *c = p;
    Type *et = concrete(L, c->ty->args[0]);
    const char *ct = lower_ctype(L, et, c->sp);
    lower_line(L, "RtVec r = rt_vec_with_capacity(v->len, sizeof(%s), __alignof__(%s));", ct, ct);
    lower_line(L, "for (rt_usize i = 0; i < v->len; i++)");
    lower_line(L, "    *(%s *)rt_vec_push_slot(&r, sizeof(%s), __alignof__(%s)) = %s;", ct, ct, ct,
               clone_expr(L, et, arena_printf(L->t->a, "((const %s *)v->ptr + i)", ct), c->sp));
    lower_line(L, "return r;");
}

/* The C expression cloning the T at pointer ptr: a copy for Copy types,
 * the runtime's clone for String, an element-wise helper for Vec. */
static const char *clone_expr(Lower *L, Type *ty, const char *ptr, Span sp) {
    ty = concrete(L, ty);
    if (ty_is_copy(L->t, ty)) return arena_printf(L->t->a, "(*%s)", ptr);
    if (is_def(ty, L->t->wk.string)) return arena_printf(L->t->a, "rt_string_clone(%s)", ptr);
    if (is_def(ty, L->t->wk.vec)) {
        Type *et = concrete(L, ty->args[0]);
        const char *ct = lower_ctype(L, et, sp);
        if (ty_is_copy(L->t, et)) return arena_printf(L->t->a, "rt_vec_clone_copy(%s, sizeof(%s), __alignof__(%s))", ptr, ct, ct);
        const char *name = find_helper(L, "clone", ty);
        if (!name) {
            name = remember_helper(L, "clone", ty, helper_name(L, "clone", ty));
            CloneCtx c = { ty, sp };
            emit_helper(L, arena_printf(L->t->a, "static RtVec %s(const RtVec *v)", name), vec_clone_body, &c);
        }
        return arena_printf(L->t->a, "%s(%s)", name, ptr);
    }
    if (ty->kind == TYPE_ADT && !ty->def->prelude) {
        /* a hand-written `impl Clone`: its clone, as any method (lower_mono.c) */
        Selection sel = { 0 };
        TraitRef *tr = ty_traitref(L->t, L->t->wk.clone, NULL, 0);
        if (tr_solve(L->t, ty, tr, false, &sel) == SOLVE_YES && sel.impl && sel.impl->derive != DERIVE_CLONE) {
            for (int i = 0; i < sel.impl->nmembers; i++) {
                Def *m = sel.impl->members[i];
                if (m->kind != DEF_FN || strcmp(m->name, "clone")) continue;
                Type **args = arena_alloc(L->t->a, sizeof(Type *) * (size_t)(sel.impl->gen.n + 1));
                for (int k = 0; k < sel.impl->gen.n; k++) args[k] = concrete(L, ty_zonk(L->t, sel.impl_args[k], true));
                return arena_printf(L->t->a, "%s((%s *)%s)", lower_instance(L, m, args, sel.impl->gen.n), lower_ctype(L, ty, sp), ptr);
            }
        }
    }
    bool derived = ty->kind == TYPE_TUPLE || (ty->kind == TYPE_ADT && (ty->def->kind == DEF_STRUCT || ty->def->kind == DEF_ENUM) &&
                                             !lower_intrinsic_ctype(L, ty, sp) && tr_implements(L->t, ty, L->t->wk.clone));
    bool boxed = is_def(ty, L->t->wk.box) && ty->nargs == 1 && ty->args[0]->kind != TYPE_DYN;
    if (derived || boxed) {
        /* #[derive(Clone)] (and tuples, Option, Box): field by field */
        const char *name = find_helper(L, "clone", ty);
        if (!name) {
            name = remember_helper(L, "clone", ty, helper_name(L, "clone", ty));
            CloneCtx c = { ty, sp };
            const char *ct = lower_ctype(L, ty, sp);
            emit_helper(L, arena_printf(L->t->a, "static %s %s(const %s *v)", ct, name, ct), adt_clone_body, &c);
        }
        return arena_printf(L->t->a, "%s(%s)", name, ptr);
    }
    lower_unsupported(L, sp, arena_printf(L->t->a, "cloning a `%s`", ty_str(L->t, ty)));
    return "0";
}

/* A clone helper's body for a derived Clone (struct, enum, tuple) or a Box:
 * each field cloned in declaration order. */
static void adt_clone_body(Lower *L, void *p) {
    CloneCtx *c = p;
    Type *ty = c->ty;
    const char *ct = lower_ctype(L, ty, c->sp);
    if (is_def(ty, L->t->wk.box)) {
        Type *et = concrete(L, ty->args[0]);
        const char *ect = lower_ctype(L, et, c->sp);
        lower_line(L, "%s r = (%s *)rt_alloc(RT_ALLOC_BOX, sizeof(%s), __alignof__(%s), RT_NULL);", ct, ect, ect, ect);
        lower_line(L, "*r = %s;", clone_expr(L, et, "(*v)", c->sp));
        lower_line(L, "return r;");
        return;
    }
    lower_line(L, "%s r = { 0 };", ct);
    if (ty->kind == TYPE_TUPLE) {
        for (int i = 0; i < ty->nargs; i++) {
            Type *ft = concrete(L, ty->args[i]);
            if (!lower_is_unit(ft)) lower_line(L, "r.f%d = %s;", i, clone_expr(L, ft, arena_printf(L->t->a, "(&v->f%d)", i), c->sp));
        }
    } else if (ty->def->kind == DEF_STRUCT) {
        for (int i = 0; i < ty->def->nfields; i++) {
            Type *ft = concrete(L, ty_subst(L->t, ty->def->fields[i].ty, ty->args, ty->nargs));
            if (!lower_is_unit(ft)) lower_line(L, "r.f%d = %s;", i, clone_expr(L, ft, arena_printf(L->t->a, "(&v->f%d)", i), c->sp));
        }
    } else {
        lower_line(L, "r.tag = v->tag;");
        lower_line(L, "switch (v->tag) {");
        for (int k = 0; k < ty->def->nvariants; k++) {
            Def *var = ty->def->variants[k];
            lower_line(L, "case %d:", k);
            for (int i = 0; i < var->nfields; i++) {
                Type *ft = concrete(L, ty_subst(L->t, var->fields[i].ty, ty->args, ty->nargs));
                if (!lower_is_unit(ft))
                    lower_line(L, "    r.u.v%d.f%d = %s;", k, i, clone_expr(L, ft, arena_printf(L->t->a, "(&v->u.v%d.f%d)", k, i), c->sp));
            }
            lower_line(L, "    break;");
        }
        lower_line(L, "}");
    }
    lower_line(L, "return r;");
}

/* --------------------------------------------------------- the owner */

/* Which table rows apply to a call resolved to r: the type or module the
 * fn belongs to. NULL when r is not a prelude fn. */
static const char *owner_of(Lower *L, Res *r) {
    Def *d = r->def;
    if (!d || !d->prelude || d->kind != DEF_FN) return NULL;
    Def *p = d->parent;
    Type *self = r->self_ty ? concrete(L, r->self_ty) : NULL;
    if (p && p->kind == DEF_IMPL && p->self_ty) self = p->self_ty;
    if (p && p->kind == DEF_TRAIT && r->impl && r->impl->self_ty) self = r->impl->self_ty;
    if (!self) return d->parent && d->parent->kind == DEF_TRAIT ? NULL : "mem";
    switch (self->kind) {
    case TYPE_INT:
        if (p && p->kind == DEF_TRAIT && (p == L->t->wk.int_ || p == L->t->wk.signed_int)) return "int";
        return p && p->kind == DEF_TRAIT ? "scalar" : "int";
    case TYPE_FLOAT: return p && p->kind == DEF_TRAIT && p != L->t->wk.float_ ? "scalar" : "float";
    case TYPE_CHAR: return p && p->kind == DEF_TRAIT ? "scalar" : "char";
    case TYPE_BOOL: return "scalar";
    case TYPE_STR: return "str";
    case TYPE_SLICE: return "slice";
    case TYPE_REF:
        if (self->inner->kind == TYPE_STR) return "str";
        return p && p->kind == DEF_TRAIT ? "scalar" : NULL;
    case TYPE_ADT:
        if (!self->def->prelude) return NULL;
        return self->def->name;
    default: return NULL;
    }
}

static const Intrinsic *find_entry(Lower *L, Res *r) {
    const char *owner = owner_of(L, r);
    if (!owner) return NULL;
    /* only fns the prelude leaves to the runtime, and the scalar impls of
     * the compiler's built-in traits */
    bool bodyless = !r->def->item || !r->def->item->body;
    if (!bodyless && strcmp(owner, "scalar") && r->dispatch != DISPATCH_BUILTIN) return NULL;
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
        if (!strcmp(table[i].owner, owner) && !strcmp(table[i].name, r->def->name)) return &table[i];
    return NULL;
}

static const char *compare_expr(Lower *L, Type *ty, const char *a, const char *b, bool eq);

/* PartialEq/PartialOrd/Ord methods on a type the comparison helpers know
 * (scalars, str, String, Vec, tuples, derived impls): Self, or NULL. */
static Type *comparison_self(Lower *L, Res *r) {
    Def *p = r->def->parent;
    WellKnown *w = &L->t->wk;
    if (!p || p->kind != DEF_TRAIT || (p != w->ord && p != w->partial_ord && p != w->partial_eq)) return NULL;
    const char *n = r->def->name;
    bool known = !strcmp(n, "cmp") || !strcmp(n, "partial_cmp") || !strcmp(n, "eq") || !strcmp(n, "ne") || !strcmp(n, "lt") ||
                 !strcmp(n, "le") || !strcmp(n, "gt") || !strcmp(n, "ge");
    if (!known || (r->impl && r->impl->derive == DERIVE_NONE && !r->impl->prelude)) return NULL;
    Type *self = r->self_ty ? concrete(L, ty_zonk(L->t, r->self_ty, true)) : NULL;
    if (!self && r->impl && r->impl->self_ty) self = concrete(L, ty_subst(L->t, r->impl->self_ty, r->args, r->nargs));
    if (!self || !compare_expr(L, self, "a", "b", !strcmp(n, "eq") || !strcmp(n, "ne"))) return NULL;
    return self;
}

static bool is_comparison(Lower *L, Res *r) {
    return comparison_self(L, r) != NULL;
}

/* Clone::clone on a Copy type, String or Vec (not on user Clone impls or
 * derives of non-Copy types, which are ordinary fns): Self, or NULL. */
static Type *clone_self(Lower *L, Res *r) {
    if (strcmp(r->def->name, "clone") || !r->def->parent || r->def->parent != L->t->wk.clone) return NULL;
    Type *self = r->self_ty ? concrete(L, ty_zonk(L->t, r->self_ty, true)) : NULL;
    if (!self && r->impl && r->impl->self_ty) self = concrete(L, ty_subst(L->t, r->impl->self_ty, r->args, r->nargs));
    if (!self) return NULL;
    if (ty_is_copy(L->t, self) || is_def(self, L->t->wk.string) || is_def(self, L->t->wk.vec)) return self;
    /* derived Clone of structs, enums (Option...), tuples, Box (clone_expr) */
    if (self->kind == TYPE_TUPLE || (self->kind == TYPE_ADT && (self->def->kind == DEF_STRUCT || self->def->kind == DEF_ENUM))) {
        Selection sel = { 0 };
        TraitRef *tr = ty_traitref(L->t, L->t->wk.clone, NULL, 0);
        if (tr_solve(L->t, self, tr, false, &sel) == SOLVE_YES && (!sel.impl || sel.impl->derive == DERIVE_CLONE || !sel.impl->item)) return self;
    }
    return NULL;
}

/* Fns handled by code below rather than a template: parse, to_string
 * through Display, and the #[intrinsic] Iterator consumers. */
static bool is_special(Lower *L, Res *r) {
    const char *n = r->def->name;
    Def *p = r->def->parent;
    if (!strcmp(n, "to_string")) return true;
    const char *owner = owner_of(L, r);
    if (owner && !strcmp(owner, "slice") && !strcmp(n, "to_vec")) return true;
    if (owner && (!strcmp(owner, "Vec") || !strcmp(owner, "String")) && !strcmp(n, "extend")) return true;
    if (is_comparison(L, r) || clone_self(L, r)) return true;
    if (owner && !strcmp(owner, "slice") && !strncmp(n, "sort_", 5) && strcmp(n, "sort_unstable")) return true;
    if (owner && !strcmp(owner, "Vec") && !strcmp(n, "retain")) return true;
    if (p && p->kind == DEF_TRAIT && p == L->t->wk.iterator && r->def->item && !r->def->item->body)
        return !strcmp(n, "collect") || !strcmp(n, "sum") || !strcmp(n, "product");
    return owner && !strcmp(owner, "str") && !strcmp(n, "parse");
}

/* The owner a prelude fn's table rows use (owner_of without a call). */
static const char *owner_of_def(Lower *L, Def *d) {
    Def *p = d->parent;
    WellKnown *w = &L->t->wk;
    if (!p || p->kind == DEF_MOD) return "mem";
    if (p->kind == DEF_TRAIT) {
        if (p == w->int_ || p == w->signed_int) return "int";
        if (p == w->float_) return "float";
        if (p == w->ord || p == w->partial_ord || p == w->partial_eq || p == w->clone) return "scalar";
        return NULL;
    }
    Type *self = p->kind == DEF_IMPL ? p->self_ty : NULL;
    if (!self) return NULL;
    switch (self->kind) {
    case TYPE_CHAR: return "char";
    case TYPE_STR: return "str";
    case TYPE_SLICE: return "slice";
    case TYPE_ADT: return self->def->prelude ? self->def->name : NULL;
    default: return NULL;
    }
}

int lower_intrinsic_unmatched(DbUnit *u, const char **out, int max) {
    Lower L;
    memset(&L, 0, sizeof L);
    L.u = u;
    L.t = u->tcx;
    int n = 0;
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        bool found = false;
        for (int k = 0; k < L.t->defs.n && !found; k++) {
            Def *d = LIST_GET(L.t->defs, k, Def);
            if (!d->prelude || d->kind != DEF_FN || strcmp(d->name, table[i].name)) continue;
            const char *o = owner_of_def(&L, d);
            found = o && !strcmp(o, table[i].owner);
        }
        if (!found) {
            if (n < max) out[n] = arena_printf(L.t->a, "%s::%s", table[i].owner, table[i].name);
            n++;
        }
    }
    return n;
}

bool lower_is_intrinsic(Lower *L, Res *r) {
    if (!r || r->kind != RES_FN || !r->def || !r->def->prelude) return false;
    return is_special(L, r) || find_entry(L, r) != NULL;
}

/* ------------------------------------------------- values and places */

/* Whether the C text v is an lvalue whose address can be taken: a local,
 * a temporary, a field of one, or a dereference. */
static bool is_lvalue(const char *v) {
    if (v[0] == '(' && v[1] == '*') return true;
    if ((v[0] != 'l' && v[0] != 't') || !(v[1] >= '0' && v[1] <= '9')) return false;
    for (const char *p = v + 1; *p; p++)
        if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'z') || *p == '.' || *p == '_' || *p == '[' || *p == ']')) return false;
    return true;
}

static const char *spill(Lower *L, Type *ty, const char *v, Span sp) {
    const char *t = lower_temp(L);
    lower_line(L, "%s %s = %s;", lower_ctype(L, concrete(L, ty), sp), t, v);
    return t;
}

static const char *address_of(Lower *L, Type *ty, const char *v, Span sp) {
    if (!is_lvalue(v)) v = spill(L, ty, v, sp);
    return arena_printf(L->t->a, "(&%s)", v);
}

/* &str and &[T] are RtStr/RtSlice values, which also stand for the str or
 * [T] place they point to: dereferencing or borrowing them is a no-op. */
static bool unsized_ref(Type *ty) {
    return ty->kind == TYPE_REF && (ty->inner->kind == TYPE_STR || ty->inner->kind == TYPE_SLICE);
}
static bool unsized_place(Type *ty) {
    return ty->kind == TYPE_STR || ty->kind == TYPE_SLICE;
}

/* The value of x after its adjustments, with the runtime types' Deref
 * impls (String to str, Vec<T> to [T], Box<T> to T) and the unsized
 * references handled. *out_ty receives the adjusted type. */
static const char *adjusted(Lower *L, Expr *x, Type **out_ty) {
    Adjust *a = x->adjust;
    if (a && (a->coerce == COERCE_UNSIZE || a->unsize_array)) {
        /* to a `dyn` fat pointer or [T; N] to [T]: lower_expr (lower.c, lower_dyn.c) */
        if (out_ty) {
            Type *from = a->nderef ? a->deref_tys[a->nderef - 1] : a->source;
            from = concrete(L, from);
            if (from->kind == TYPE_REF) from = concrete(L, from->inner);
            *out_ty = a->unsize_array && from->kind == TYPE_ARRAY ? ty_ref(L->t, ty_slice(L->t, from->inner), a->autoref == AUTOREF_MUT)
                                                                   : concrete(L, a->target);
        }
        return lower_expr(L, x);
    }
    if (!a) {
        if (out_ty) *out_ty = concrete(L, x->type);
        return lower_expr(L, x);
    }
    x->adjust = NULL;
    bool borrowed = a->autoref || a->nderef; /* read in place: not a move (lower_drop.c) */
    if (borrowed) L->no_move++;
    const char *v = lower_expr(L, x);
    if (borrowed) L->no_move--;
    x->adjust = a;
    Expr *bx = x;
    while (bx->kind == EX_PAREN) bx = bx->lhs;
    bool rvalue = bx->kind == EX_CALL || bx->kind == EX_METHOD || bx->kind == EX_MACRO || bx->kind == EX_BINARY ||
                  bx->kind == EX_STRUCT || bx->kind == EX_BLOCK || bx->kind == EX_IF || bx->kind == EX_MATCH || bx->kind == EX_AWAIT;
    if (borrowed && rvalue && !L->failed && lower_type_needs_drop(L, concrete(L, x->type))) {
        /* a temporary borrowed by the call: dropped with the enclosing scope (lower_drop.c) */
        if (is_lvalue(v) && v[0] == 't' && !strchr(v, '.')) lower_own(L, v, x->type, NULL, x->span);
        else v = lower_own_temp(L, x->type, v, x->span);
    }
    Type *cur = concrete(L, x->type);
    WellKnown *w = &L->t->wk;
    for (int i = 0; i < a->nderef && !L->failed; i++) {
        Type *next = concrete(L, a->deref_tys[i]);
        if (a->overloaded[i]) {
            if (is_def(cur, w->string)) v = arena_printf(L->t->a, "rt_string_as_str(%s)", address_of(L, cur, v, x->span));
            else if (is_def(cur, w->vec)) v = arena_printf(L->t->a, "rt_vec_as_slice(%s)", address_of(L, cur, v, x->span));
            else if (is_def(cur, w->box)) v = arena_printf(L->t->a, "(*%s)", v);
            else lower_unsupported(L, x->span, "a user `Deref` impl on a receiver");
        } else if (!unsized_ref(cur)) {
            v = arena_printf(L->t->a, "(*%s)", v);
        }
        cur = next;
    }
    if (a->autoref) {
        Type *inner = cur;
        if (!unsized_place(cur)) v = address_of(L, cur, v, x->span);
        cur = ty_ref(L->t, inner, a->autoref == AUTOREF_MUT);
    }
    if (a->coerce == COERCE_UNSIZE || a->unsize_array) lower_unsupported(L, x->span, "an unsizing coercion");
    if (a->target && a->coerce != COERCE_NONE) cur = concrete(L, a->target);
    if (out_ty) *out_ty = cur;
    return v;
}

bool lower_intrinsic_adjusts(Lower *L, Expr *e) {
    Adjust *a = e->adjust;
    if (!a) return false;
    Type *cur = concrete(L, e->type);
    for (int i = 0; i < a->nderef; i++) {
        if (a->overloaded[i] || unsized_ref(cur)) return true;
        cur = concrete(L, a->deref_tys[i]);
    }
    return false;
}

const char *lower_intrinsic_adjusted(Lower *L, Expr *e) {
    return adjusted(L, e, NULL);
}

/* An Option<payload> value: Some(payload) when the C condition holds. */
static const char *build_option(Lower *L, Type *opt_ty, const char *ok, const char *payload, Span sp) {
    const char *t = lower_temp(L);
    lower_line(L, "%s %s;", lower_ctype(L, concrete(L, opt_ty), sp), t);
    lower_line(L, "if (%s) { %s.tag = 1; %s.u.v1.f0 = %s; } else { %s.tag = 0; %s.u.v0.zst_ = 0; }", ok, t, t, payload, t, t);
    return t;
}

/* ------------------------------------------------------------- calls */

typedef struct Call {
    Lower *L;
    Expr *e;
    Res *r;
    Type *self;         /* Self of the fn's impl or trait */
    Type *elem;         /* the first generic argument (T of Vec<T>...) */
    const char *vals[10];
    Type *tys[10];
    int nvals;
    const char *out;    /* %o */
} Call;

static const char *elem_ctype(Call *c) {
    if (!c->elem) {
        lower_unsupported(c->L, c->e->span, "this call (no element type)");
        return "rt_u8";
    }
    return lower_ctype(c->L, c->elem, c->e->span);
}

/* The element of a [String] or [&str] receiver at index i_, as an RtStr. */
static const char *join_elem(Call *c) {
    Type *et = c->elem;
    if (et && is_def(et, c->L->t->wk.string)) return arena_printf(c->L->t->a, "rt_string_as_str((RtString *)(%s).ptr + i_)", c->vals[0]);
    return arena_printf(c->L->t->a, "((RtStr *)(%s).ptr)[i_]", c->vals[0]);
}

static const char *expand(Call *c, const char *tmpl) {
    Lower *L = c->L;
    Buf b = { 0 };
    for (const char *p = tmpl; *p; p++) {
        if (*p != '%') {
            buf_putc(&b, *p);
            continue;
        }
        char k = *++p;
        if (k >= '0' && k <= '9') {
            int i = k - '0';
            if (i >= c->nvals) {
                lower_unsupported(L, c->e->span, "this call's arguments");
                break;
            }
            buf_puts(&b, c->vals[i]);
        } else if (k == 'L') buf_puts(&b, lower_loc(L, c->e->kind == EX_METHOD ? c->e->name_span : c->e->span));
        else if (k == 't') {
            const char *sfx = c->self ? int_suffix(c->self) : NULL;
            if (!sfx) lower_unsupported(L, c->e->span, "this integer type");
            buf_puts(&b, sfx ? sfx : "i32");
        } else if (k == 'T') buf_puts(&b, elem_ctype(c));
        else if (k == 'S') buf_printf(&b, "sizeof(%s)", elem_ctype(c));
        else if (k == 'A') buf_printf(&b, "__alignof__(%s)", elem_ctype(c));
        else if (k == 'D') buf_puts(&b, c->elem ? drop_fn(L, c->elem, c->e->span) : "RT_NULL");
        else if (k == 'C') buf_puts(&b, c->elem ? cmp_fn(L, c->elem, false, c->e->span) : "RT_NULL");
        else if (k == 'Q') buf_puts(&b, c->elem ? cmp_fn(L, c->elem, true, c->e->span) : "RT_NULL");
        else if (k == 'E' || k == 'F') {
            /* Debug of Result's T (%E) or E (%F) */
            Type *rt = c->self && c->self->kind == TYPE_ADT && c->self->nargs >= 2 ? concrete(L, c->self->args[k == 'E' ? 0 : 1]) : NULL;
            const char *fn = rt ? lower_fmt_fn(L, rt, "debug", c->e->span) : NULL;
            if (!fn) lower_unsupported(L, c->e->span, "this Result's Debug");
            buf_puts(&b, fn ? fn : "RT_NULL");
        } else if (k == 'J') buf_puts(&b, join_elem(c));
        else if (k == 'o') buf_puts(&b, c->out ? c->out : "o_");
        else if (k == 'R') buf_puts(&b, lower_ctype(L, concrete(L, c->e->type), c->e->span));
        else buf_putc(&b, k);
    }
    const char *r = arena_strndup(L->t->a, b.s ? b.s : "", b.len);
    buf_free(&b);
    return r;
}

/* A pattern argument of a str method (char, &str, &String, &&str) as the
 * RtStr the runtime searches for. */
static const char *str_pattern(Lower *L, Type *ty, const char *v, Span sp) {
    if (ty->kind == TYPE_CHAR) {
        const char *buf = lower_temp(L), *s = lower_temp(L);
        lower_line(L, "rt_u8 %s[4];", buf);
        lower_line(L, "RtStr %s = { %s, 0 };", s, buf);
        lower_line(L, "%s.len = rt_char_encode_utf8(%s, %s);", s, v, buf);
        return s;
    }
    if (ty->kind == TYPE_REF && is_def(ty->inner, L->t->wk.string)) return arena_printf(L->t->a, "rt_string_as_str(%s)", v);
    if (ty->kind == TYPE_REF && unsized_ref(ty->inner)) return arena_printf(L->t->a, "(*%s)", v);
    if (unsized_ref(ty)) return v;
    lower_unsupported(L, sp, arena_printf(L->t->a, "a `%s` pattern", ty_str(L->t, ty)));
    return v;
}

/* s.parse::<F>() for the integer and float types: Result<F, F::Err>. */
static const char *lower_parse(Lower *L, Expr *e, const char *s) {
    Type *res = concrete(L, e->type);
    Type *f = res->nargs == 2 ? concrete(L, res->args[0]) : NULL;
    const char *rc = lower_ctype(L, res, e->span);
    const char *t = lower_temp(L), *k = lower_temp(L);
    lower_line(L, "%s %s;", rc, t);
    if (f && f->kind == TYPE_INT && int_suffix(f)) {
        static const int bits[INT_KIND_COUNT] = { 8, 16, 32, 64, 128, 64, 8, 16, 32, 64, 128, 64 };
        bool is_signed = f->sub <= INT_ISIZE;
        const char *si = lower_temp(L), *ui = lower_temp(L);
        lower_line(L, "rt_i64 %s = 0; rt_u64 %s = 0;", si, ui);
        lower_line(L, "rt_u32 %s = rt_parse_int(%s, %d, %d, &%s, &%s);", k, s, is_signed, bits[f->sub], si, ui);
        lower_line(L, "if (%s == RT_PARSE_OK) { %s.tag = 0; %s.u.v0.f0 = (%s)%s; } else { %s.tag = 1; %s.u.v1.f0 = %s; }", k, t, t,
                   lower_ctype(L, f, e->span), is_signed ? si : ui, t, t, k);
        return t;
    }
    if (f && f->kind == TYPE_FLOAT) {
        const char *d = lower_temp(L);
        lower_line(L, "rt_f64 %s = 0;", d);
        lower_line(L, "rt_u32 %s = rt_parse_f64(%s, &%s);", k, s, d);
        lower_line(L, "if (%s == RT_PARSE_OK) { %s.tag = 0; %s.u.v0.f0 = (%s)%s; } else { %s.tag = 1; %s.u.v1.f0 = %s; }", k, t, t,
                   lower_ctype(L, f, e->span), d, t, t, k);
        return t;
    }
    lower_unsupported(L, e->span, arena_printf(L->t->a, "`parse` into `%s`", f ? ty_str(L->t, f) : "?"));
    return t;
}

/* Self of the call's impl or trait, substituted. */
static Type *self_of(Lower *L, Res *r) {
    Type *self = r->self_ty;
    Def *p = r->def->parent;
    if ((!self || (self->flags & TF_PARAM)) && p && p->kind == DEF_IMPL && p->self_ty)
        self = ty_subst(L->t, p->self_ty, r->args, r->nargs);
    if ((!self || (self->flags & TF_PARAM)) && r->impl && r->impl->self_ty)
        self = ty_subst(L->t, r->impl->self_ty, r->args, r->nargs);
    return self ? concrete(L, ty_zonk(L->t, self, true)) : NULL;
}

/* The element type of the call: T of Vec<T>, Option<T>, slice::Iter<T>,
 * [T]; else the fn's first generic argument (mem::swap<T>). */
static Type *elem_of(Lower *L, Type *self, Res *r) {
    if (self && self->kind == TYPE_ADT && self->nargs) return concrete(L, self->args[0]);
    if (self && self->kind == TYPE_SLICE) return concrete(L, self->inner);
    return r->nargs ? concrete(L, r->args[0]) : NULL;
}

/* ---------------------------------------------------------- iterators */

/* `next` on the runtime iterator at C pointer it: sets *ok to a C rt_bool
 * and *item to the C lvalue of the item (valid when *ok holds); returns
 * the Option<Item> type, NULL when ity is not a runtime iterator. */
static Type *iter_next_raw(Lower *L, Type *ity, const char *it, Span sp, const char **ok, const char **item);

const char *lower_iter_next(Lower *L, Type *ity, const char *it, Span sp) {
    const char *ok, *item;
    Type *opt = iter_next_raw(L, ity, it, sp, &ok, &item);
    if (!opt) return "0";
    return build_option(L, opt, ok, item, sp);
}

static Type *iter_next_raw(Lower *L, Type *ity, const char *it, Span sp, const char **ok_out, const char **item_out) {
    ity = concrete(L, ity);
    /* Box<dyn Iterator>, &mut dyn Iterator: `next` through the vtable */
    const char *dv = lower_dyn_iter_next(L, ity, it, sp);
    if (dv) {
        if (L->failed) return NULL;
        *ok_out = arena_printf(L->t->a, "%s.tag", dv);
        *item_out = arena_printf(L->t->a, "%s.u.v1.f0", dv);
        return ty_adt1(L->t, L->t->wk.option, ty_zonk(L->t, iter_item(L, ity), true));
    }
    /* the impl of Iterator for ity, and its `next` */
    TraitRef tr;
    memset(&tr, 0, sizeof tr);
    tr.trait = L->t->wk.iterator;
    Selection sel;
    memset(&sel, 0, sizeof sel);
    Def *next = NULL;
    lower_closure_sigs(L, ity);
    if (tr_solve(L->t, ity, &tr, true, &sel) == SOLVE_YES && sel.impl)
        for (int i = 0; i < sel.impl->nmembers; i++)
            if (sel.impl->members[i]->kind == DEF_FN && !strcmp(sel.impl->members[i]->name, "next")) next = sel.impl->members[i];
    if (!next) {
        lower_unsupported(L, sp, arena_printf(L->t->a, "iterating a `%s`", ty_str(L->t, ity)));
        return NULL;
    }
    Res r;
    memset(&r, 0, sizeof r);
    r.kind = RES_FN;
    r.def = next;
    r.args = arena_alloc(L->t->a, sizeof(Type *) * (size_t)(sel.nimpl_args + 1));
    for (int i = 0; i < sel.nimpl_args; i++) r.args[i] = ty_zonk(L->t, sel.impl_args[i], true);
    r.nargs = sel.nimpl_args;
    r.impl = sel.impl;
    r.trait = L->t->wk.iterator;
    r.self_ty = ity;
    r.dispatch = DISPATCH_STATIC;
    const Intrinsic *in = find_entry(L, &r);
    Type *opt = ty_adt1(L->t, L->t->wk.option, ty_zonk(L->t, iter_item(L, ity), true));
    if (!in || in->tmpl[0] != '?') {
        /* any other iterator: the method call `(*it).next()` as the rest of
         * the lowering compiles it (the Iterator impl's fn) */
        Local *l = arena_alloc(L->t->a, sizeof *l);
        l->name = sym_cstr(L->u, "iter");
        l->ty = ty_ref(L->t, ity, true);
        l->id = L->t->next_local++;
        l->span = sp;
        l->has_init = true;
        lower_line(L, "%s %s = %s;", lower_ctype(L, l->ty, sp), lower_local(L, l), it);
        Res *lr = arena_alloc(L->t->a, sizeof *lr);
        lr->kind = RES_LOCAL;
        lr->local = l;
        Expr *recv = arena_alloc(L->t->a, sizeof *recv);
        recv->kind = EX_PATH;
        recv->span = sp;
        recv->type = l->ty;
        recv->res = lr;
        Res *mr = arena_alloc(L->t->a, sizeof *mr);
        *mr = r;
        Expr *call = arena_alloc(L->t->a, sizeof *call);
        call->kind = EX_METHOD;
        call->span = call->name_span = sp;
        call->name = r.def->name;
        call->lhs = recv;
        call->type = opt;
        call->res = mr;
        const char *o = lower_expr(L, call);
        if (L->failed) return NULL;
        *ok_out = arena_printf(L->t->a, "%s.tag", o);
        *item_out = arena_printf(L->t->a, "%s.u.v1.f0", o);
        return opt;
    }
    /* a runtime iterator: its template with `it` as the receiver */
    Expr fake;
    memset(&fake, 0, sizeof fake);
    fake.span = sp;
    fake.type = opt;
    Call c = { 0 };
    c.L = L, c.e = &fake, c.r = &r;
    c.self = ity;
    c.elem = elem_of(L, ity, &r);
    c.vals[0] = it;
    c.tys[0] = ty_ref(L->t, ity, true);
    c.nvals = 1;
    Type *payload = concrete(L, opt->args[0]);
    c.out = lower_temp(L);
    lower_line(L, "%s %s;", lower_ctype(L, payload, sp), c.out);
    const char *ok = lower_temp(L);
    lower_line(L, "rt_bool %s = %s;", ok, expand(&c, in->tmpl + 1));
    *ok_out = ok;
    *item_out = c.out;
    return opt;
}

/* The iterator `for` walks for a value of type ty (IntoIterator): Vec<T>
 * by value gives vec::IntoIter, &Vec<T>/&[T] a slice iterator, an
 * iterator itself. *ity receives its type; NULL when not supported. */
static const char *into_iter(Lower *L, Type *ty, const char *v, Type **ity, Span sp) {
    WellKnown *w = &L->t->wk;
    if (is_def(ty, w->vec)) {
        *ity = NULL;
        for (int i = 0; i < L->t->defs.n && !*ity; i++) {
            Def *d = LIST_GET(L->t->defs, i, Def);
            if (d->prelude && d->kind == DEF_STRUCT && !strcmp(d->name, "IntoIter") && in_mod(d, "vec"))
                *ity = ty_adt1(L->t, d, ty->args[0]);
        }
        const char *it = lower_temp(L);
        lower_line(L, "RtVecIter %s = { (%s).ptr, (%s).cap, 0, (%s).len };", it, v, v, v);
        return it;
    }
    Type *inner = ty->kind == TYPE_REF ? concrete(L, ty->inner) : NULL;
    if (inner && (is_def(inner, w->vec) || unsized_ref(ty))) {
        Type *elem = is_def(inner, w->vec) ? concrete(L, inner->args[0]) : concrete(L, inner->inner);
        *ity = NULL;
        for (int i = 0; i < L->t->defs.n && !*ity; i++) {
            Def *d = LIST_GET(L->t->defs, i, Def);
            if (d->prelude && d->kind == DEF_STRUCT && !strcmp(d->name, ty->mut_ ? "IterMut" : "Iter") && in_mod(d, "slice"))
                *ity = ty_adt1(L->t, d, elem);
        }
        const char *it = lower_temp(L);
        lower_line(L, "RtSlice %s = %s;", it, is_def(inner, w->vec) ? arena_printf(L->t->a, "rt_vec_as_slice(%s)", v) : v);
        return it;
    }
    if (tr_implements(L->t, ty, w->iterator)) {
        *ity = ty;
        return spill(L, ty, v, sp);
    }
    lower_unsupported(L, sp, arena_printf(L->t->a, "a `for` loop over `%s`", ty_str(L->t, ty)));
    return NULL;
}

const char *lower_for_iter(Lower *L, Expr *e) {
    if (e->kind != EX_FOR) return NULL;
    Expr *src = e->lhs;
    while (src->kind == EX_PAREN) src = src->lhs;
    if (src->kind == EX_RANGE && src->lhs && src->rhs && concrete(L, src->lhs->type)->kind == TYPE_INT) return NULL;
    if (L->nloops == 64) {
        lower_unsupported(L, e->span, "loops nested this deeply");
        return "";
    }
    Type *ty;
    const char *v = adjusted(L, e->lhs, &ty);
    lower_line(L, "{");
    L->depth++;
    Type *ity = NULL;
    const char *it = into_iter(L, ty, v, &ity, e->span);
    if (!it || !ity) {
        if (!L->failed) lower_unsupported(L, e->span, "this `for` loop");
        return "";
    }
    struct LowerLoop *lp = &L->loops[L->nloops++];
    lp->label = e->label;
    lp->id = L->nlabels++;
    lp->value = NULL;
    lp->brk_used = lp->cont_used = false;
    lp->owned_mark = lower_scope_mark(L);
    lower_line(L, "for (;;) {");
    L->depth++;
    int item_scope = lower_scope_mark(L); /* by-value items are owned by the body */
    const char *ok, *x;
    if (!iter_next_raw(L, ity, arena_printf(L->t->a, "(&%s)", it), e->span, &ok, &x)) return "";
    lower_line(L, "if (!%s) break;", ok);
    Type *item = concrete(L, ty_zonk(L->t, iter_item(L, ity), true));
    lower_bind_pattern(L, e->pat, item, x);
    Expr body;
    memset(&body, 0, sizeof body);
    body.kind = EX_BLOCK;
    body.span = e->span;
    body.body = e->body;
    body.type = L->t->t_unit;
    lower_expr(L, &body);
    if (lp->cont_used) lower_line(L, "dbCont%d:;", lp->id);
    lower_scope_end(L, item_scope);
    L->depth--;
    lower_line(L, "}");
    if (lp->brk_used) lower_line(L, "dbBrk%d:;", lp->id);
    L->nloops--;
    drop_value(L, ity, it, e->span);
    L->depth--;
    lower_line(L, "}");
    return "";
}

/* Pushes one item of type item (C value x) onto the Vec<T> or String at
 * C pointer dst: Extend<T>, Extend<&T> for Copy T, and String's
 * Extend<char / &char / &str / String>. */
static void push_item(Lower *L, Type *dst_ty, const char *dst, Type *item, const char *x, Span sp) {
    WellKnown *w = &L->t->wk;
    Type *val = item;
    const char *deref = "";
    if (item->kind == TYPE_REF && !unsized_ref(item)) val = concrete(L, item->inner), deref = "*";
    if (is_def(dst_ty, w->vec)) {
        const char *et = lower_ctype(L, concrete(L, dst_ty->args[0]), sp);
        bool by_ref = concrete(L, dst_ty->args[0]) != item;
        lower_line(L, "*(%s *)rt_vec_push_slot(%s, sizeof(%s), __alignof__(%s)) = %s%s;", et, dst, et, et, by_ref ? deref : "", x);
    } else if (val->kind == TYPE_CHAR) {
        lower_line(L, "rt_string_push(%s, %s%s);", dst, deref, x);
    } else if (unsized_ref(item) || (item->kind == TYPE_REF && unsized_ref(item->inner))) {
        lower_line(L, "rt_string_push_str(%s, %s%s);", dst, item->kind == TYPE_REF && unsized_ref(item->inner) ? "*" : "", x);
    } else if (is_def(item, w->string)) {
        lower_line(L, "rt_string_push_str(%s, rt_string_as_str(&%s));", dst, x);
        lower_line(L, "rt_string_drop(&%s);", x);
    } else {
        lower_unsupported(L, sp, arena_printf(L->t->a, "adding `%s` items to a String", ty_str(L->t, item)));
    }
}

/* v.extend(iterable) on a Vec or a String. */
static void lower_extend(Lower *L, Type *dst_ty, const char *dst, Type *src_ty, const char *src, Span sp) {
    Type *ity = NULL;
    lower_line(L, "{");
    L->depth++;
    const char *it = into_iter(L, src_ty, src, &ity, sp);
    if (!it || !ity) return;
    Type *item = concrete(L, ty_zonk(L->t, iter_item(L, ity), true));
    lower_line(L, "for (;;) {");
    L->depth++;
    const char *ok, *x;
    if (!iter_next_raw(L, ity, arena_printf(L->t->a, "(&%s)", it), sp, &ok, &x)) return;
    lower_line(L, "if (!%s) break;", ok);
    push_item(L, dst_ty, dst, item, x, sp);
    L->depth--;
    lower_line(L, "}");
    drop_value(L, ity, it, sp);
    L->depth--;
    lower_line(L, "}");
}

/* ------------------------------------------- slice methods with closures */

typedef struct SortCtx {
    Type *elem;
    Type *closure;
    Type *key;          /* sort_by_key: the key type; NULL for sort_by */
    Span sp;
} SortCtx;

static void sort_helper_body(Lower *L, void *p) {
    SortCtx *c = p;
    const char *et = lower_ctype(L, c->elem, c->sp);
    const char *call = lower_closure_call_fn(L, c->closure, c->sp);
    const char *env = arena_printf(L->t->a, "(%s *)ctx", lower_ctype(L, c->closure, c->sp));
    if (!c->key) {
        /* Ordering's variants Less, Equal, Greater are 0, 1, 2 */
        lower_line(L, "return (rt_i32)%s(%s, (%s *)a, (%s *)b).tag - 1;", call, env, et, et);
        return;
    }
    const char *kt = lower_ctype(L, c->key, c->sp);
    lower_line(L, "%s ka = %s(%s, (%s *)a);", kt, call, env, et);
    lower_line(L, "%s kb = %s(%s, (%s *)b);", kt, call, env, et);
    const char *cmp = compare_expr(L, c->key, "(&ka)", "(&kb)", false);
    lower_line(L, "rt_i32 c_ = 0;");
    lower_line(L, "rt_i32 r = %s;", cmp ? cmp : "0");
    lower_line(L, "(void)c_;");
    drop_value(L, c->key, "ka", c->sp);
    drop_value(L, c->key, "kb", c->sp);
    lower_line(L, "return r;");
}

/* sort_by(|a, b| ..) and sort_by_key(|x| ..): the runtime's stable merge
 * sort with a comparison helper that calls the closure (passed as ctx). */
static const char *lower_sort_with(Lower *L, Call *c, bool by_key) {
    Type *cty = c->tys[1];
    if (!lower_closure_call_fn(L, cty, c->e->span) || !c->elem) {
        lower_unsupported(L, c->e->span, "sorting with something other than a closure");
        return "";
    }
    SortCtx sc = { c->elem, cty, NULL, c->e->span };
    if (by_key) {
        ClosureInfo *ci = cty->expr->res->closure;
        sc.key = concrete(L, ci->ret);
        if (!compare_expr(L, sc.key, "a", "b", false)) {
            lower_unsupported(L, c->e->span, arena_printf(L->t->a, "sorting by a `%s` key", ty_str(L->t, sc.key)));
            return "";
        }
    }
    const char *name = helper_name(L, by_key ? "sort_by_key" : "sort_by", c->elem);
    emit_helper(L, arena_printf(L->t->a, "static rt_i32 %s(const void *a, const void *b, void *ctx)", name), sort_helper_body, &sc);
    const char *env = address_of(L, cty, c->vals[1], c->e->span);
    lower_line(L, "rt_slice_sort(%s, sizeof(%s), %s, %s);", c->vals[0], lower_ctype(L, c->elem, c->e->span), name, env);
    return "";
}

/* v.retain(|x| ..): keeps the elements the closure accepts, in order,
 * dropping the others where they are. */
static const char *lower_retain(Lower *L, Call *c) {
    Type *cty = c->tys[1];
    const char *call = lower_closure_call_fn(L, cty, c->e->span);
    if (!call || !c->elem) {
        lower_unsupported(L, c->e->span, "`retain` with something other than a closure");
        return "";
    }
    const char *et = lower_ctype(L, c->elem, c->e->span);
    const char *env = address_of(L, cty, c->vals[1], c->e->span);
    const char *v = c->vals[0], *i = lower_temp(L), *j = lower_temp(L), *p = lower_temp(L);
    lower_line(L, "{");
    L->depth++;
    lower_line(L, "%s *%s = (%s *)(%s)->ptr;", et, p, et, v);
    lower_line(L, "rt_usize %s = 0, %s;", j, i);
    lower_line(L, "for (%s = 0; %s < (%s)->len; %s++) {", i, i, v, i);
    L->depth++;
    lower_line(L, "if (%s(%s, &%s[%s])) {", call, env, p, i);
    lower_line(L, "    if (%s != %s) %s[%s] = %s[%s];", i, j, p, j, p, i);
    lower_line(L, "    %s++;", j);
    lower_line(L, "} else {");
    L->depth++;
    drop_value(L, c->elem, arena_printf(L->t->a, "%s[%s]", p, i), c->e->span);
    L->depth--;
    lower_line(L, "}");
    L->depth--;
    lower_line(L, "}");
    lower_line(L, "(%s)->len = %s;", v, j);
    L->depth--;
    lower_line(L, "}");
    return "";
}

/* collect/sum/product: drain the iterator into the result. */
static const char *lower_consume(Lower *L, Expr *e, Res *r, const char *self, Type *ity) {
    const char *name = r->def->name;
    Type *item = concrete(L, ty_zonk(L->t, iter_item(L, ity), true));
    Type *out = concrete(L, e->type);
    WellKnown *w = &L->t->wk;
    const char *res = lower_temp(L);
    const char *it = spill(L, ity, self, e->span);
    const char *ct = lower_ctype(L, out, e->span);
    Type *item_val = item;
    const char *deref = "";
    if (item->kind == TYPE_REF && !unsized_ref(item)) item_val = concrete(L, item->inner), deref = "*";
    bool sum = !strcmp(name, "sum"), product = !strcmp(name, "product");
    if (sum || product) {
        if ((out->kind != TYPE_INT && out->kind != TYPE_FLOAT) || item_val != out) {
            lower_unsupported(L, e->span, arena_printf(L->t->a, "`%s` into `%s`", name, ty_str(L->t, out)));
            return "0";
        }
        lower_line(L, "%s %s = %s;", ct, res, sum ? "0" : "1");
    } else if (is_def(out, w->vec)) {
        lower_line(L, "RtVec %s = rt_vec_new();", res);
    } else if (is_def(out, w->string)) {
        lower_line(L, "RtString %s = rt_string_new();", res);
    } else {
        lower_unsupported(L, e->span, arena_printf(L->t->a, "`collect` into `%s`", ty_str(L->t, out)));
        return "0";
    }
    lower_line(L, "for (;;) {");
    L->depth++;
    const char *ok, *x;
    if (!iter_next_raw(L, ity, arena_printf(L->t->a, "(&%s)", it), e->span, &ok, &x)) return "0";
    lower_line(L, "if (!%s) break;", ok);
    if (sum || product) {
        const char *sfx = int_suffix(out);
        if (sfx) lower_line(L, "%s = rt_%s_%s(%s, %s%s, %s);", res, sum ? "add" : "mul", sfx, res, deref, x, lower_loc(L, e->span));
        else lower_line(L, "%s = %s %s %s%s;", res, res, sum ? "+" : "*", deref, x);
    } else {
        push_item(L, out, arena_printf(L->t->a, "(&%s)", res), item, x, e->span);
    }
    L->depth--;
    lower_line(L, "}");
    drop_value(L, ity, it, e->span);
    return res;
}

const char *lower_intrinsic_call(Lower *L, Expr *e, Res *r, Expr *recv) {
    Call c = { 0 };
    c.L = L, c.e = e, c.r = r;
    c.self = self_of(L, r);
    c.elem = elem_of(L, c.self, r);
    const char *owner = owner_of(L, r);
    bool str_owner = owner && !strcmp(owner, "str");
    /* the arguments, the receiver first, evaluated once in order */
    if (recv) {
        c.vals[0] = adjusted(L, recv, &c.tys[0]);
        c.nvals = 1;
    }
    bool debug_builder = owner && (!strcmp(owner, "DebugStruct") || !strcmp(owner, "DebugTuple") || !strcmp(owner, "DebugList"));
    for (int i = 0; i < e->args.n && c.nvals < 10; i++) {
        Expr *a = LIST_GET(e->args, i, Expr);
        Type *ty;
        if (debug_builder && a->adjust && a->adjust->coerce == COERCE_UNSIZE) {
            /* a `&dyn Debug` argument: the value's address and its Debug fn */
            Adjust *saved = a->adjust, plain = *saved;
            plain.coerce = COERCE_NONE;
            plain.target = NULL;
            a->adjust = &plain;
            const char *v = adjusted(L, a, &ty);
            a->adjust = saved;
            Type *shown = ty->kind == TYPE_REF ? concrete(L, ty->inner) : ty;
            const char *fn = lower_fmt_fn(L, shown, "debug", a->span);
            if (unsized_ref(ty)) v = address_of(L, ty, v, a->span);
            c.vals[c.nvals] = v;
            c.tys[c.nvals++] = ty;
            c.vals[c.nvals] = fn ? fn : "RT_NULL";
            c.tys[c.nvals++] = ty;
            continue;
        }
        const char *v = adjusted(L, a, &ty);
        /* a value read through a call (v[i], s.as_str()) is read now, before
         * the intrinsic runs: `v.push(v[0])` must not read after a realloc */
        if (strchr(v, '(') && strstr(v, "rt_") && !lower_is_unit(ty)) v = spill(L, ty, v, a->span);
        if (str_owner && c.nvals >= 1 && (ty->kind == TYPE_CHAR || ty->kind == TYPE_REF))
            v = str_pattern(L, ty, v, a->span);
        c.vals[c.nvals] = v;
        c.tys[c.nvals++] = ty;
    }
    if (L->failed) return "0";
    const char *name = r->def->name;
    if (str_owner && !strcmp(name, "parse")) return lower_parse(L, e, c.vals[0]);
    if (r->def->parent == L->t->wk.iterator && recv) return lower_consume(L, e, r, c.vals[0], c.tys[0]);
    if (!strcmp(name, "to_string")) {
        /* ToString: a copy for str and String, else through Display; the
         * receiver is a &T (an RtStr for str) */
        Type *rt = c.tys[0];
        const char *p = c.vals[0];
        if (unsized_ref(rt)) return spill(L, e->type, arena_printf(L->t->a, "rt_string_from_str(%s)", p), e->span);
        if (rt->kind == TYPE_REF) rt = concrete(L, rt->inner);
        if (is_def(rt, L->t->wk.string)) return spill(L, e->type, arena_printf(L->t->a, "rt_string_clone(%s)", p), e->span);
        Type *shown = rt;
        const char *fn = lower_fmt_fn(L, shown, "display", e->span);
        if (!fn) {
            lower_unsupported(L, e->span, arena_printf(L->t->a, "`to_string` on `%s`", ty_str(L->t, shown)));
            return "0";
        }
        return spill(L, e->type, arena_printf(L->t->a, "rt_to_string(%s, %s)", p, fn), e->span);
    }
    if (owner && !strcmp(owner, "String") && !strcmp(name, "from") && c.nvals == 1 && c.tys[0]->kind == TYPE_CHAR) {
        const char *t = lower_temp(L);
        lower_line(L, "RtString %s = rt_string_new();", t);
        lower_line(L, "rt_string_push(&%s, %s);", t, c.vals[0]);
        return t;
    }
    Type *cl_self = clone_self(L, r);
    if (cl_self && c.nvals == 1) {
        const char *p = unsized_ref(c.tys[0]) ? address_of(L, c.tys[0], c.vals[0], e->span) : c.vals[0];
        return spill(L, e->type, clone_expr(L, cl_self, p, e->span), e->span);
    }
    if (owner && !strcmp(owner, "slice") && !strcmp(name, "to_vec")) {
        Type *vt = ty_adt1(L->t, L->t->wk.vec, c.elem);
        const char *tmp = lower_temp(L);
        lower_line(L, "RtVec %s = { (void *)(%s).ptr, (%s).len, (%s).len };", tmp, c.vals[0], c.vals[0], c.vals[0]);
        return spill(L, vt, clone_expr(L, vt, arena_printf(L->t->a, "(&%s)", tmp), e->span), e->span);
    }
    if (owner && (!strcmp(owner, "Vec") || !strcmp(owner, "String")) && !strcmp(name, "extend") && c.nvals == 2) {
        Type *dst = c.tys[0]->kind == TYPE_REF ? concrete(L, c.tys[0]->inner) : c.tys[0];
        lower_extend(L, dst, c.vals[0], c.tys[1], c.vals[1], e->span);
        return "";
    }
    if (owner && !strcmp(owner, "slice") && c.nvals == 2 &&
        (!strcmp(name, "sort_by") || !strcmp(name, "sort_unstable_by") || !strcmp(name, "sort_by_key") ||
         !strcmp(name, "sort_unstable_by_key")))
        return lower_sort_with(L, &c, strstr(name, "_key") != NULL);
    if (owner && !strcmp(owner, "Vec") && !strcmp(name, "retain") && c.nvals == 2) return lower_retain(L, &c);
    Type *cmp_self = comparison_self(L, r);
    if (cmp_self && c.nvals == 2) {
        /* a.cmp(&b), a.eq(&b), a.lt(&b)...: both operands by reference */
        const char *a = c.vals[0], *b = c.vals[1];
        if (unsized_ref(c.tys[0])) a = address_of(L, c.tys[0], a, e->span);
        if (unsized_ref(c.tys[1])) b = address_of(L, c.tys[1], b, e->span);
        Type *self_ref = unsized_place(cmp_self) ? ty_ref(L->t, cmp_self, false) : cmp_self;
        bool eqop = !strcmp(name, "eq") || !strcmp(name, "ne");
        const char *x = compare_expr(L, self_ref, a, b, eqop);
        Type *ret = concrete(L, e->type);
        if (eqop) return spill(L, ret, arena_printf(L->t->a, "(rt_bool)(%s%s)", !strcmp(name, "ne") ? "!" : "", x), e->span);
        const char *cv = spill(L, L->t->t_int[INT_I32], x, e->span);
        if (!strcmp(name, "lt") || !strcmp(name, "le") || !strcmp(name, "gt") || !strcmp(name, "ge")) {
            const char *op = !strcmp(name, "lt") ? "<" : !strcmp(name, "le") ? "<=" : !strcmp(name, "gt") ? ">" : ">=";
            return spill(L, ret, arena_printf(L->t->a, "(rt_bool)(%s %s 0)", cv, op), e->span);
        }
        /* Ordering: Less, Equal, Greater are variants 0, 1, 2 */
        Type *ord_ty = !strcmp(name, "cmp") ? ret : concrete(L, ret->args[0]);
        const char *ord = lower_temp(L);
        lower_line(L, "%s %s;", lower_ctype(L, ord_ty, e->span), ord);
        lower_line(L, "%s.tag = (rt_u32)(%s + 1);", ord, cv);
        if (!strcmp(name, "cmp")) return ord;
        /* partial_cmp: None when a float operand is NaN */
        const char *ok = cmp_self->kind == TYPE_FLOAT ? arena_printf(L->t->a, "(*%s == *%s || %s != 0)", a, b, cv) : "1";
        return build_option(L, ret, ok, ord, e->span);
    }
    const Intrinsic *in = find_entry(L, r);
    if (!in) {
        lower_unsupported(L, e->span, arena_printf(L->t->a, "the standard library fn `%s`", name));
        return "0";
    }
    Type *ret = concrete(L, e->type);
    bool unit = lower_is_unit(ret) || ret->kind == TYPE_NEVER;
    switch (in->tmpl[0]) {
    case '=': {
        const char *v = expand(&c, in->tmpl + 1);
        if (unit) {
            lower_line(L, "%s;", v);
            return "";
        }
        return spill(L, ret, v, e->span);
    }
    case ';':
        lower_line(L, "%s;", expand(&c, in->tmpl + 1));
        return "";
    case '?': {
        Type *payload = ret->kind == TYPE_ADT && ret->nargs == 1 ? concrete(L, ret->args[0]) : NULL;
        if (!payload) {
            lower_unsupported(L, e->span, "this Option-returning call");
            return "0";
        }
        c.out = lower_temp(L);
        lower_line(L, "%s %s;", lower_ctype(L, payload, e->span), c.out);
        const char *ok = lower_temp(L);
        lower_line(L, "rt_bool %s = %s;", ok, expand(&c, in->tmpl + 1));
        return build_option(L, ret, ok, c.out, e->span);
    }
    case '!': {
        const char *bar = strchr(in->tmpl, '|');
        const char *check = arena_strndup(L->t->a, in->tmpl + 1, (size_t)(bar - in->tmpl - 1));
        lower_line(L, "%s", expand(&c, check));
        if (unit) return "";
        return spill(L, ret, expand(&c, bar + 1), e->span);
    }
    case '{': {
        c.out = lower_temp(L);
        lower_line(L, "%s %s;", lower_ctype(L, ret, e->span), c.out);
        lower_line(L, "%s", expand(&c, in->tmpl + 1));
        return c.out;
    }
    default: break;
    }
    lower_unsupported(L, e->span, "this standard library call");
    return "0";
}

/* ------------------------------------------------------------ indexing */

const char *lower_intrinsic_index(Lower *L, Expr *e) {
    Type *bt;
    const char *base = adjusted(L, e->lhs, &bt);
    /* through references to the container */
    while (bt->kind == TYPE_REF && !unsized_ref(bt)) {
        base = arena_printf(L->t->a, "(*%s)", base);
        bt = concrete(L, bt->inner);
    }
    Expr *ix = e->rhs;
    while (ix->kind == EX_PAREN) ix = ix->lhs;
    WellKnown *w = &L->t->wk;
    /* rustc reports Vec and str indexing (Index::index, #[track_caller]) at
     * the `[`, a builtin slice index at the expression's start */
    Span at = e->span;
    if (is_def(bt, w->vec) || is_def(bt, w->string) || bt->kind == TYPE_STR || (bt->kind == TYPE_REF && bt->inner->kind == TYPE_STR)) {
        uint32_t p = e->lhs->span.hi;
        while (p < e->span.hi && L->u->src.text[p] != '[') p++;
        if (p < e->span.hi) at.lo = p;
    }
    const char *loc = lower_loc(L, at);
    bool is_str = is_def(bt, w->string) || bt->kind == TYPE_STR || (bt->kind == TYPE_REF && bt->inner->kind == TYPE_STR);
    const char *as_unsized = is_def(bt, w->string) ? arena_printf(L->t->a, "rt_string_as_str(%s)", address_of(L, bt, base, e->span))
                           : is_def(bt, w->vec)    ? arena_printf(L->t->a, "rt_vec_as_slice(%s)", address_of(L, bt, base, e->span))
                                                   : base;
    Type *elem = NULL;
    if (is_def(bt, w->vec)) elem = concrete(L, bt->args[0]);
    else if (bt->kind == TYPE_SLICE) elem = concrete(L, bt->inner);
    else if (bt->kind == TYPE_REF && bt->inner->kind == TYPE_SLICE) elem = concrete(L, bt->inner->inner);
    if (ix->kind == EX_RANGE) {
        const char *lo = ix->lhs ? lower_expr(L, ix->lhs) : "0";
        const char *hi = ix->rhs ? lower_expr(L, ix->rhs) : NULL;
        const char *whole = spill(L, is_str ? L->t->t_static_str : ty_ref(L->t, ty_slice(L->t, elem ? elem : L->t->t_unit), false),
                                  as_unsized, e->span);
        if (!hi) hi = arena_printf(L->t->a, "%s.len", whole);
        else if (ix->inclusive) hi = arena_printf(L->t->a, "rt_add_usize(%s, 1, %s)", hi, loc);
        if (is_str) return spill(L, L->t->t_static_str, arena_printf(L->t->a, "rt_str_slice(%s, %s, %s, %s)", whole, lo, hi, loc), e->span);
        if (!elem) {
            lower_unsupported(L, e->span, "this range index");
            return "0";
        }
        const char *ct = lower_ctype(L, elem, e->span);
        return spill(L, ty_ref(L->t, ty_slice(L->t, elem), false),
                     arena_printf(L->t->a, "rt_slice_range(%s, %s, %s, sizeof(%s), %s)", whole, lo, hi, ct, loc), e->span);
    }
    if (!elem) {
        lower_unsupported(L, e->span, arena_printf(L->t->a, "indexing a `%s`", ty_str(L->t, bt)));
        return "0";
    }
    const char *i = lower_expr(L, ix);
    const char *ct = lower_ctype(L, elem, e->span);
    if (is_def(bt, w->vec))
        return arena_printf(L->t->a, "(*(%s *)rt_vec_index(%s, %s, sizeof(%s), %s))", ct, address_of(L, bt, base, e->span), i, ct, loc);
    return arena_printf(L->t->a, "(*(%s *)rt_slice_index(%s, %s, sizeof(%s), %s))", ct, as_unsized, i, ct, loc);
}

const char *lower_intrinsic_deref(Lower *L, Expr *e) {
    Type *ty = concrete(L, e->lhs->type);
    WellKnown *w = &L->t->wk;
    if (!is_def(ty, w->box) && !is_def(ty, w->string) && !is_def(ty, w->vec)) return NULL;
    const char *v = adjusted(L, e->lhs, &ty);
    if (is_def(ty, w->box)) return arena_printf(L->t->a, "(*%s)", v);
    if (is_def(ty, w->string)) return spill(L, L->t->t_static_str, arena_printf(L->t->a, "rt_string_as_str(%s)", address_of(L, ty, v, e->span)), e->span);
    return spill(L, ty_ref(L->t, ty_slice(L->t, concrete(L, ty->args[0])), false),
                 arena_printf(L->t->a, "rt_vec_as_slice(%s)", address_of(L, ty, v, e->span)), e->span);
}

/* ----------------------------------------------------------------- `?` */

/* A fake local holding a C value, so lowered code can name it as a path. */
static Expr *value_expr(Lower *L, Type *ty, const char *init, Span sp) {
    Local *l = arena_alloc(L->t->a, sizeof *l);
    l->name = sym_cstr(L->u, "tmp");
    l->ty = ty;
    l->id = L->t->next_local++;
    l->span = sp;
    l->has_init = true;
    if (init) lower_line(L, "%s %s = %s;", lower_ctype(L, ty, sp), lower_local(L, l), init);
    else lower_line(L, "%s %s;", lower_ctype(L, ty, sp), lower_local(L, l));
    Res *r = arena_alloc(L->t->a, sizeof *r);
    r->kind = RES_LOCAL;
    r->local = l;
    Expr *x = arena_alloc(L->t->a, sizeof *x);
    x->kind = EX_PATH;
    x->span = sp;
    x->type = ty;
    x->res = r;
    return x;
}

const char *lower_try(Lower *L, Expr *e) {
    WellKnown *w = &L->t->wk;
    Type *src = concrete(L, e->lhs->type), *ret = L->ret_ty ? concrete(L, L->ret_ty) : NULL;
    bool is_opt = is_def(src, w->option), is_res = is_def(src, w->result);
    const char *conv = NULL; /* From::from of the error, when the types differ */
    if (is_res && ret && is_def(ret, w->result) && concrete(L, ret->args[1]) != concrete(L, src->args[1]) && w->from) {
        Type *to = concrete(L, ret->args[1]), *from = concrete(L, src->args[1]);
        Selection sel = { 0 };
        Type *fa[1] = { from };
        TraitRef *tr = ty_traitref(L->t, w->from, fa, 1);
        if (tr_solve(L->t, to, tr, false, &sel) == SOLVE_YES && sel.impl && sel.impl->item) {
            for (int i = 0; i < sel.impl->nmembers; i++) {
                Def *m = sel.impl->members[i];
                if (m->kind != DEF_FN || strcmp(m->name, "from")) continue;
                Type **args = arena_alloc(L->t->a, sizeof(Type *) * (size_t)(sel.impl->gen.n + 1));
                for (int k = 0; k < sel.impl->gen.n; k++) args[k] = concrete(L, ty_zonk(L->t, sel.impl_args[k], true));
                conv = lower_instance(L, m, args, sel.impl->gen.n);
            }
        }
    }
    if (!(is_opt || is_res) || !ret || ret->kind != TYPE_ADT || ret->def != src->def ||
        (is_res && concrete(L, ret->args[1]) != concrete(L, src->args[1]) && !conv)) {
        lower_unsupported(L, e->span, "this `?` (a conversion of its error)");
        return "0";
    }
    const char *v = spill(L, src, lower_expr(L, e->lhs), e->span);
    /* None / Err(e) returns from the fn through a `return` expression, so
     * whatever a return does on the way out (drops) happens here too */
    lower_line(L, "if (%s.tag == %d) {", v, is_opt ? 0 : 1);
    L->depth++;
    Expr *out = value_expr(L, ret, NULL, e->span);
    const char *o = lower_local(L, out->res->local);
    if (is_opt) lower_line(L, "%s.tag = 0; %s.u.v0.zst_ = 0;", o, o);
    else if (lower_is_unit(concrete(L, src->args[1]))) lower_line(L, "%s.tag = 1;", o);
    else if (conv) lower_line(L, "%s.tag = 1; %s.u.v1.f0 = %s(%s.u.v1.f0);", o, o, conv, v);
    else lower_line(L, "%s.tag = 1; %s.u.v1.f0 = %s.u.v1.f0;", o, o, v);
    Expr *r = arena_alloc(L->t->a, sizeof *r);
    r->kind = EX_RETURN;
    r->span = e->span;
    r->lhs = out;
    r->type = L->t->t_never;
    lower_expr(L, r);
    L->depth--;
    lower_line(L, "}");
    if (lower_is_unit(concrete(L, e->type))) return "";
    return arena_printf(L->t->a, "%s.u.v%d.f0", v, is_opt ? 1 : 0);
}

/* ---------------------------------------------------------- constants */

/* A literal (possibly negated) as C text, or NULL. */
static const char *literal_text(Lower *L, Expr *x, Type *ty) {
    bool neg = false;
    while (x && (x->kind == EX_PAREN || (x->kind == EX_UNARY && x->op == P_MINUS))) {
        if (x->kind == EX_UNARY) neg = !neg;
        x = x->lhs;
    }
    if (!x) return NULL;
    if (ty->kind == TYPE_FLOAT && (x->kind == EX_FLOAT || x->kind == EX_INT)) {
        double v = x->kind == EX_FLOAT ? x->fval : (double)x->ival;
        const char *t = arena_printf(L->t->a, "%.17g", neg ? -v : v);
        if (!strpbrk(t, ".eE")) t = arena_printf(L->t->a, "%s.0", t);
        return arena_printf(L->t->a, "((%s)%s)", ty->sub == FLOAT_F32 ? "rt_f32" : "rt_f64", t);
    }
    if (ty->kind == TYPE_INT && x->kind == EX_INT)
        return arena_printf(L->t->a, "((%s)(%s%lluull))", lower_ctype(L, ty, x->span), neg ? "0ull - " : "", (unsigned long long)x->ival);
    if (ty->kind == TYPE_CHAR && x->kind == EX_CHAR) return arena_printf(L->t->a, "((rt_char)%lluu)", (unsigned long long)x->ival);
    return NULL;
}

const char *lower_intrinsic_const(Lower *L, Expr *e) {
    Res *r = e->res;
    Type *ty = concrete(L, e->type);
    if (!r || !r->def || !r->def->prelude) return NULL;
    const char *n = r->def->name;
    Type *self = r->self_ty ? concrete(L, r->self_ty) : NULL;
    if (self && self->kind == TYPE_FLOAT && ty->kind == TYPE_FLOAT) {
        bool f32 = ty->sub == FLOAT_F32;
        const char *ct = f32 ? "rt_f32" : "rt_f64";
        const char *v = !strcmp(n, "INFINITY") ? "(1.0 / 0.0)"
                      : !strcmp(n, "NEG_INFINITY") ? "(-1.0 / 0.0)"
                      : !strcmp(n, "NAN") ? "(0.0 / 0.0)"
                      : !strcmp(n, "MAX") ? (f32 ? "3.40282347e+38" : "1.7976931348623157e+308")
                      : !strcmp(n, "MIN") ? (f32 ? "-3.40282347e+38" : "-1.7976931348623157e+308")
                      : !strcmp(n, "EPSILON") ? (f32 ? "1.1920929e-07" : "2.2204460492503131e-16")
                      : !strcmp(n, "MIN_POSITIVE") ? (f32 ? "1.17549435e-38" : "2.2250738585072014e-308")
                      : NULL;
        return v ? arena_printf(L->t->a, "((%s)%s)", ct, v) : NULL;
    }
    /* `pub const PI: f64 = 3.14...;` in a prelude module */
    if (r->def->kind == DEF_CONST && r->def->item && r->def->item->value && !self)
        return literal_text(L, r->def->item->value, ty);
    return NULL;
}

/* ------------------------------------------------------------- macros */

const char *lower_intrinsic_macro(Lower *L, Expr *e) {
    MacroCall *m = e->mac;
    const char *nm = m->name;
    if (!strcmp(nm, "vec")) {
        Type *vt = concrete(L, e->type);
        Type *et = vt->nargs == 1 ? concrete(L, vt->args[0]) : NULL;
        if (!et) {
            lower_unsupported(L, e->span, "this `vec!`");
            return "0";
        }
        const char *ct = lower_ctype(L, et, e->span);
        const char *v = lower_temp(L);
        if (m->repeat) {
            Expr *x = LIST_GET(m->args, 0, Expr), *n = LIST_GET(m->args, 1, Expr);
            const char *xv = spill(L, et, lower_expr(L, x), e->span);
            const char *nv = lower_expr(L, n);
            if (needs_drop(L, et)) {
                lower_unsupported(L, e->span, "`vec![x; n]` of a type with drop glue");
                return "0";
            }
            lower_line(L, "RtVec %s = rt_vec_from_elem_copy(&%s, %s, sizeof(%s), __alignof__(%s));", v, xv, nv, ct, ct);
            return v;
        }
        lower_line(L, "RtVec %s = rt_vec_with_capacity(%d, sizeof(%s), __alignof__(%s));", v, m->args.n, ct, ct);
        for (int i = 0; i < m->args.n; i++) {
            const char *x = lower_expr(L, LIST_GET(m->args, i, Expr));
            lower_line(L, "*(%s *)rt_vec_push_slot(&%s, sizeof(%s), __alignof__(%s)) = %s;", ct, v, ct, ct, x);
        }
        return v;
    }
    const char *panic_fn = !strcmp(nm, "todo") ? "rt_panic_todo" : !strcmp(nm, "unreachable") ? "rt_panic_unreachable"
                         : !strcmp(nm, "unimplemented") ? "rt_panic_unimplemented" : NULL;
    if (panic_fn && m->args.n == 0) {
        lower_line(L, "%s(%s, RT_NULL);", panic_fn, lower_loc(L, e->span));
        return "";
    }
    return NULL; /* with a message: lower_fmt.c */
}
