/* rt.h — the dynbox runtime as generated programs see it: fixed-width types,
 * strings, vectors, formatting, panics, the allocation ledger and the future
 * ABI of the deterministic executor.
 * Ownership: the runtime owns the ledger, the output buffers and spawned
 * tasks; generated code owns every value it creates and releases heap memory
 * only through the drop/free functions declared here.
 *
 * This text is prepended verbatim to the C the compiler generates and is
 * compiled by libtcc with -nostdinc, so it includes no header and must stay
 * valid C99 for both tcc 0.9.27 and `cc -std=c99 -Wall -Wextra -Werror`.
 * Every exported name starts with rt_ (functions, objects), Rt (types) or RT_
 * (macros). i128/u128 are not supported: tcc has no 128-bit integer type. */
#ifndef DYNBOX_RT_H
#define DYNBOX_RT_H

/* ---- Types -------------------------------------------------------------- */

typedef signed char rt_i8;
typedef unsigned char rt_u8;
typedef short rt_i16;
typedef unsigned short rt_u16;
typedef int rt_i32;
typedef unsigned int rt_u32;
typedef long long rt_i64;
typedef unsigned long long rt_u64;
typedef long rt_isize;          /* LP64: same width as a pointer */
typedef unsigned long rt_usize;
typedef float rt_f32;
typedef double rt_f64;
typedef _Bool rt_bool;
typedef rt_u32 rt_char;         /* a Unicode scalar value */

#define RT_NULL ((void *)0)
#define RT_NORETURN __attribute__((noreturn))

/* A source position in main.rs, for panic messages: 1-based line and column
 * as rustc reports them. Passed by value (8 bytes, one register). */
typedef struct RtLoc {
    rt_u32 line;
    rt_u32 col;
} RtLoc;
#define RT_LOC(l, c) ((RtLoc){(l), (c)})

/* &str: borrowed UTF-8 bytes. ptr may be RT_NULL when len is 0. */
typedef struct RtStr {
    const rt_u8 *ptr;
    rt_usize len;
} RtStr;
/* A string literal as &str: RT_STR("abc"). */
#define RT_STR(lit) ((RtStr){(const rt_u8 *)(lit), sizeof(lit) - 1})

/* String: owned UTF-8 bytes; ptr is RT_NULL exactly when cap is 0. */
typedef struct RtString {
    rt_u8 *ptr;
    rt_usize cap;
    rt_usize len;
} RtString;

/* Vec<T> for any T: the caller passes size_of::<T>() and align_of::<T>() to
 * every operation. ptr is RT_NULL when cap is 0 (and for zero-sized T). */
typedef struct RtVec {
    void *ptr;
    rt_usize cap;
    rt_usize len;
} RtVec;

/* &[T] / &mut [T]. */
typedef struct RtSlice {
    void *ptr;
    rt_usize len;
} RtSlice;

typedef void (*RtDropFn)(void *value);

/* ---- Allocation ledger (alloc.c) ----------------------------------------
 * Every heap allocation of a program goes through rt_alloc so the run result
 * can report counts and bytes by kind, per `.box` call site, and leaks. */

enum {
    RT_ALLOC_BOXED_FUTURE = 0, /* `.box` / dyn_box! futures, Pin<Box<dyn Future>> */
    RT_ALLOC_BOX = 1,          /* Box<T>, Box<dyn Trait> */
    RT_ALLOC_STRING = 2,
    RT_ALLOC_VEC = 3,
    RT_ALLOC_TASK = 4,         /* spawned tasks (allocated by rt_spawn) */
    RT_ALLOC_CLOSURE = 5,      /* boxed closures */
    RT_ALLOC_OTHER = 6,
    RT_ALLOC_KINDS = 7
};

/* A call site of `.box` or dyn_box!. The lowering emits one static RtSite per
 * site, zero-initialising the trailing fields, which the runtime uses to find
 * the site's ledger row without a search. */
typedef struct RtSite {
    rt_u32 line;
    rt_u32 col;
    const char *text;   /* the call's source text, e.g. "client.fetch(url).box" */
    rt_u32 gen_;        /* runtime-private */
    rt_u32 index_;      /* runtime-private */
} RtSite;

/* Returns size bytes aligned to align (a power of two); never RT_NULL: when
 * memory runs out it prints Rust's "memory allocation of N bytes failed" and
 * aborts. site is RT_NULL except for `.box`/dyn_box! allocations. A size of 0
 * still returns a unique pointer and is counted; the lowering does not call
 * rt_alloc where Rust would not allocate (zero-sized types). */
void *rt_alloc(rt_u32 kind, rt_usize size, rt_usize align, RtSite *site);
/* Like rt_alloc but zero-filled. */
void *rt_alloc_zeroed(rt_u32 kind, rt_usize size, rt_usize align, RtSite *site);
/* Grows or shrinks an rt_alloc block, keeping its kind and alignment. */
void *rt_realloc(void *ptr, rt_usize new_size);
/* Frees an rt_alloc block; RT_NULL is ignored. */
void rt_free(void *ptr);

/* ---- Panics (panic.c) ---------------------------------------------------
 * Each prints "thread 'main' panicked at main.rs:LINE:COL:\nMESSAGE\nnote:
 * run with `RUST_BACKTRACE=1` environment variable to display a backtrace\n"
 * to stderr, flushes the output and exits with status 101, as Rust does. */

typedef struct RtArguments RtArguments;
typedef struct RtFormatter RtFormatter;
typedef rt_i32 (*RtFmtFn)(const void *value, RtFormatter *f);

RT_NORETURN void rt_panic_str(RtLoc loc, RtStr msg);
RT_NORETURN void rt_panic_cstr(RtLoc loc, const char *msg);
/* panic!("fmt", args...) and assert!(c, "fmt", args...). */
RT_NORETURN void rt_panic_fmt(RtLoc loc, const RtArguments *msg);
RT_NORETURN void rt_panic_explicit(RtLoc loc);   /* panic!() */
/* todo!/unimplemented!/unreachable!; msg is RT_NULL for the bare forms. */
RT_NORETURN void rt_panic_todo(RtLoc loc, const RtArguments *msg);
RT_NORETURN void rt_panic_unimplemented(RtLoc loc, const RtArguments *msg);
RT_NORETURN void rt_panic_unreachable(RtLoc loc, const RtArguments *msg);
RT_NORETURN void rt_panic_bounds(RtLoc loc, rt_usize index, rt_usize len);
/* op is one of RT_OP_*: "attempt to add with overflow" etc. */
enum { RT_OP_ADD, RT_OP_SUB, RT_OP_MUL, RT_OP_DIV, RT_OP_REM, RT_OP_NEG, RT_OP_SHL, RT_OP_SHR };
RT_NORETURN void rt_panic_overflow(RtLoc loc, rt_u32 op);
RT_NORETURN void rt_panic_div_zero(RtLoc loc);
RT_NORETURN void rt_panic_rem_zero(RtLoc loc);
RT_NORETURN void rt_panic_unwrap_none(RtLoc loc);            /* Option::unwrap */
RT_NORETURN void rt_panic_expect(RtLoc loc, RtStr msg);      /* Option::expect */
/* Result::unwrap / Result::expect on Err: the error printed with its Debug. */
RT_NORETURN void rt_panic_unwrap_err(RtLoc loc, const void *err, RtFmtFn err_debug);
RT_NORETURN void rt_panic_expect_err(RtLoc loc, RtStr msg, const void *err, RtFmtFn err_debug);
/* Result::unwrap_err / Result::expect_err on Ok. */
RT_NORETURN void rt_panic_unwrap_err_on_ok(RtLoc loc, const void *val, RtFmtFn val_debug);
RT_NORETURN void rt_panic_expect_err_on_ok(RtLoc loc, RtStr msg, const void *val, RtFmtFn val_debug);
/* assert!(cond): cond is the condition's source text. */
RT_NORETURN void rt_assert_failed(RtLoc loc, RtStr cond);
/* assert_eq!/assert_ne!; msg is RT_NULL without a custom message. */
enum { RT_ASSERT_EQ, RT_ASSERT_NE };
RT_NORETURN void rt_assert_cmp_failed(RtLoc loc, rt_u32 kind, const void *left, RtFmtFn left_debug,
                                      const void *right, RtFmtFn right_debug,
                                      const RtArguments *msg);

/* ---- Integer arithmetic (arith.c) ---------------------------------------
 * Rust debug-build semantics for T in i8 i16 i32 i64 isize u8 u16 u32 u64
 * usize, e.g. rt_add_i32. The plain operators panic with Rust's message at
 * loc; checked_* return 0 on overflow (and leave *out alone), 1 with *out
 * set otherwise; shift amounts are any integer converted to rt_u64 (a
 * negative amount converts to a huge one, which overflows as in Rust).
 * pow and abs panic at the standard library's location, as Rust's do. */

#define RT_INT_TYPES(X) X(i8) X(i16) X(i32) X(i64) X(isize) X(u8) X(u16) X(u32) X(u64) X(usize)
#define RT_SIGNED_TYPES(X) X(i8) X(i16) X(i32) X(i64) X(isize)

#define RT_DECL_INT_ARITH(T)                                                             \
    rt_##T rt_add_##T(rt_##T a, rt_##T b, RtLoc loc);                                    \
    rt_##T rt_sub_##T(rt_##T a, rt_##T b, RtLoc loc);                                    \
    rt_##T rt_mul_##T(rt_##T a, rt_##T b, RtLoc loc);                                    \
    rt_##T rt_div_##T(rt_##T a, rt_##T b, RtLoc loc);                                    \
    rt_##T rt_rem_##T(rt_##T a, rt_##T b, RtLoc loc);                                    \
    rt_##T rt_div_euclid_##T(rt_##T a, rt_##T b, RtLoc loc);                             \
    rt_##T rt_rem_euclid_##T(rt_##T a, rt_##T b, RtLoc loc);                             \
    rt_##T rt_shl_##T(rt_##T a, rt_u64 b, RtLoc loc);                                    \
    rt_##T rt_shr_##T(rt_##T a, rt_u64 b, RtLoc loc);                                    \
    rt_##T rt_pow_##T(rt_##T a, rt_u32 e);                                               \
    rt_bool rt_checked_add_##T(rt_##T a, rt_##T b, rt_##T *out);                         \
    rt_bool rt_checked_sub_##T(rt_##T a, rt_##T b, rt_##T *out);                         \
    rt_bool rt_checked_mul_##T(rt_##T a, rt_##T b, rt_##T *out);                         \
    rt_bool rt_checked_div_##T(rt_##T a, rt_##T b, rt_##T *out);                         \
    rt_bool rt_checked_rem_##T(rt_##T a, rt_##T b, rt_##T *out);                         \
    rt_bool rt_checked_shl_##T(rt_##T a, rt_u64 b, rt_##T *out);                         \
    rt_bool rt_checked_shr_##T(rt_##T a, rt_u64 b, rt_##T *out);                         \
    rt_bool rt_checked_pow_##T(rt_##T a, rt_u32 e, rt_##T *out);                         \
    rt_##T rt_wrapping_add_##T(rt_##T a, rt_##T b);                                      \
    rt_##T rt_wrapping_sub_##T(rt_##T a, rt_##T b);                                      \
    rt_##T rt_wrapping_mul_##T(rt_##T a, rt_##T b);                                      \
    rt_##T rt_wrapping_neg_##T(rt_##T a);                                                \
    rt_##T rt_wrapping_shl_##T(rt_##T a, rt_u32 b);                                      \
    rt_##T rt_wrapping_shr_##T(rt_##T a, rt_u32 b);                                      \
    rt_##T rt_wrapping_pow_##T(rt_##T a, rt_u32 e);                                      \
    rt_##T rt_saturating_add_##T(rt_##T a, rt_##T b);                                    \
    rt_##T rt_saturating_sub_##T(rt_##T a, rt_##T b);                                    \
    rt_##T rt_saturating_mul_##T(rt_##T a, rt_##T b);                                    \
    rt_##T rt_saturating_pow_##T(rt_##T a, rt_u32 e);                                    \
    rt_u32 rt_count_ones_##T(rt_##T a);                                                  \
    rt_u32 rt_leading_zeros_##T(rt_##T a);                                               \
    rt_u32 rt_trailing_zeros_##T(rt_##T a);                                              \
    rt_##T rt_f64_to_##T(rt_f64 x); /* `as`: saturating, NaN -> 0 */                     \
    rt_##T rt_f32_to_##T(rt_f32 x);
RT_INT_TYPES(RT_DECL_INT_ARITH)

#define RT_DECL_SIGNED_ARITH(T)                                                          \
    rt_##T rt_neg_##T(rt_##T a, RtLoc loc);                                              \
    rt_##T rt_abs_##T(rt_##T a);                                                         \
    rt_bool rt_checked_neg_##T(rt_##T a, rt_##T *out);                                   \
    rt_bool rt_checked_abs_##T(rt_##T a, rt_##T *out);                                   \
    rt_##T rt_wrapping_abs_##T(rt_##T a);
RT_SIGNED_TYPES(RT_DECL_SIGNED_ARITH)

/* f64 methods whose results match Rust bit for bit (math.c: the same libm
 * where Rust calls it, powi as compiler-rt computes it, cbrt correctly
 * rounded like core's). Programs using them link with -lm. */
rt_f64 rt_f64_powi(rt_f64 x, rt_i32 n);
rt_f64 rt_f64_powf(rt_f64 x, rt_f64 y);
rt_f64 rt_f64_sqrt(rt_f64 x);
rt_f64 rt_f64_cbrt(rt_f64 x);
rt_f64 rt_f64_exp(rt_f64 x);
rt_f64 rt_f64_ln(rt_f64 x);
rt_f64 rt_f64_log10(rt_f64 x);
rt_f64 rt_f64_log2(rt_f64 x);
rt_f64 rt_f64_sin(rt_f64 x);
rt_f64 rt_f64_cos(rt_f64 x);
rt_f64 rt_f64_tan(rt_f64 x);
rt_f64 rt_f64_asin(rt_f64 x);
rt_f64 rt_f64_acos(rt_f64 x);
rt_f64 rt_f64_atan(rt_f64 x);
rt_f64 rt_f64_atan2(rt_f64 y, rt_f64 x);
rt_f64 rt_f64_hypot(rt_f64 x, rt_f64 y);
rt_f64 rt_f64_floor(rt_f64 x);
rt_f64 rt_f64_ceil(rt_f64 x);
rt_f64 rt_f64_round(rt_f64 x);   /* half away from zero */
rt_f64 rt_f64_trunc(rt_f64 x);
rt_f64 rt_f64_fract(rt_f64 x);
rt_f64 rt_f64_abs(rt_f64 x);
rt_f64 rt_f64_signum(rt_f64 x);
rt_f64 rt_f64_mul_add(rt_f64 x, rt_f64 a, rt_f64 b);
rt_f64 rt_f64_rem(rt_f64 x, rt_f64 y);   /* the % operator */
rt_f64 rt_f64_min(rt_f64 x, rt_f64 y);
rt_f64 rt_f64_max(rt_f64 x, rt_f64 y);

/* ---- Chars (unicode.c) --------------------------------------------------
 * Full Unicode, from tables generated with rustc's own (unicode_data.c). */

rt_bool rt_char_is_whitespace(rt_char c);
rt_bool rt_char_is_alphabetic(rt_char c);
rt_bool rt_char_is_numeric(rt_char c);
rt_bool rt_char_is_alphanumeric(rt_char c);
rt_bool rt_char_is_lowercase(rt_char c);
rt_bool rt_char_is_uppercase(rt_char c);
rt_bool rt_char_is_control(rt_char c);
/* char::to_uppercase/to_lowercase yield 1 to 3 chars: returns the count. */
rt_u32 rt_char_to_upper(rt_char c, rt_char out[3]);
rt_u32 rt_char_to_lower(rt_char c, rt_char out[3]);
/* The ToUppercase/ToLowercase iterator: chars[pos..len] not yet yielded. */
typedef struct RtCaseIter {
    rt_char chars[3];
    rt_u32 len;
    rt_u32 pos;
} RtCaseIter;
/* Display for ToUppercase/ToLowercase: the chars not yet yielded. */
rt_i32 rt_fmt_display_case_iter(const void *it, RtFormatter *f);
/* char::from_u32 (0 for surrogates and values above 0x10FFFF). */
rt_bool rt_char_from_u32(rt_u32 v, rt_char *out);
/* char::to_digit(radix) / char::from_digit(d, radix); radix in 2..=36. */
rt_bool rt_char_to_digit(rt_char c, rt_u32 radix, rt_u32 *out);
rt_bool rt_char_from_digit(rt_u32 d, rt_u32 radix, rt_char *out);
rt_usize rt_char_len_utf8(rt_char c);
/* Writes c's UTF-8 encoding (1 to 4 bytes) and returns its length. */
rt_usize rt_char_encode_utf8(rt_char c, rt_u8 out[4]);

/* ---- Strings (string.c) -------------------------------------------------
 * Capacities grow exactly as Rust's do (RawVec: double, at least 8 bytes),
 * so the ledger's allocation counts match a Rust program's. */

RtString rt_string_new(void);                        /* no allocation */
RtString rt_string_with_capacity(rt_usize cap);
RtString rt_string_from_str(RtStr s);                /* String::from, to_string, to_owned */
RtString rt_string_clone(const RtString *s);
void rt_string_drop(RtString *s);
RtStr rt_string_as_str(const RtString *s);
void rt_string_reserve(RtString *s, rt_usize additional);
void rt_string_push_str(RtString *s, RtStr t);
void rt_string_push(RtString *s, rt_char c);
rt_bool rt_string_pop(RtString *s, rt_char *out);
void rt_string_insert(RtString *s, rt_usize idx, rt_char c, RtLoc loc);
void rt_string_insert_str(RtString *s, rt_usize idx, RtStr t, RtLoc loc);
rt_char rt_string_remove(RtString *s, rt_usize idx, RtLoc loc);
void rt_string_truncate(RtString *s, rt_usize len, RtLoc loc);
void rt_string_clear(RtString *s);

rt_bool rt_str_eq(RtStr a, RtStr b);
rt_i32 rt_str_cmp(RtStr a, RtStr b);                 /* -1, 0, 1 (Ord for str) */
/* &s[begin..end] with Rust's panics (out of bounds, not a char boundary). */
RtStr rt_str_slice(RtStr s, rt_usize begin, rt_usize end, RtLoc loc);
rt_bool rt_str_is_char_boundary(RtStr s, rt_usize idx);
rt_usize rt_str_char_count(RtStr s);                 /* s.chars().count() */
rt_bool rt_str_starts_with(RtStr s, RtStr pat);
rt_bool rt_str_ends_with(RtStr s, RtStr pat);
rt_bool rt_str_contains(RtStr s, RtStr pat);
/* find/rfind: byte index of the first/last match. */
rt_bool rt_str_find(RtStr s, RtStr pat, rt_usize *out);
rt_bool rt_str_rfind(RtStr s, RtStr pat, rt_usize *out);
rt_bool rt_str_strip_prefix(RtStr s, RtStr pat, RtStr *out);
rt_bool rt_str_strip_suffix(RtStr s, RtStr pat, RtStr *out);
rt_bool rt_str_split_once(RtStr s, RtStr pat, RtStr *before, RtStr *after);
RtStr rt_str_trim(RtStr s);                          /* Unicode White_Space */
RtStr rt_str_trim_start(RtStr s);
RtStr rt_str_trim_end(RtStr s);
RtString rt_str_to_uppercase(RtStr s);               /* full Unicode, as Rust */
RtString rt_str_to_lowercase(RtStr s);               /* including final sigma */
RtString rt_str_to_ascii_uppercase(RtStr s);
RtString rt_str_to_ascii_lowercase(RtStr s);
rt_bool rt_str_eq_ignore_ascii_case(RtStr a, RtStr b);
/* s.repeat(n): panics "capacity overflow" like Rust. */
RtString rt_str_repeat(RtStr s, rt_usize n, RtLoc loc);
RtString rt_str_replace(RtStr s, RtStr from, RtStr to);
/* A char pattern is passed as its UTF-8 encoding: see rt_char_encode_utf8. */

/* Iterating chars: decode forward/backward; 0 when exhausted. The iterator
 * holds only pointers into the string, so it may be copied and moved. */
typedef struct RtChars {
    const rt_u8 *start;    /* where the string began, for char_indices */
    const rt_u8 *cur;
    const rt_u8 *end;
} RtChars;
RtChars rt_str_chars(RtStr s);
rt_bool rt_chars_next(RtChars *it, rt_char *out);
rt_bool rt_chars_next_back(RtChars *it, rt_char *out);
/* Like rt_chars_next, also giving the char's byte index (char_indices). */
rt_bool rt_chars_next_index(RtChars *it, rt_usize *index, rt_char *out);
RtStr rt_chars_as_str(const RtChars *it);

/* split(pat), split_whitespace(), lines(): iterators yielding &str. */
typedef struct RtSplit {
    RtStr rest;
    RtStr pat;             /* for a str pattern; unused when patlen != 0 */
    rt_u8 patbuf[4];       /* a char pattern's bytes, copied in so RtSplit moves freely */
    rt_u8 patlen;
    rt_u8 finished;
    rt_u8 mode;            /* runtime-private */
    rt_u8 pos_;            /* runtime-private */
} RtSplit;
RtSplit rt_str_split(RtStr s, RtStr pat);
RtSplit rt_str_split_char(RtStr s, rt_char c);
RtSplit rt_str_split_whitespace(RtStr s);
RtSplit rt_str_lines(RtStr s);
rt_bool rt_split_next(RtSplit *it, RtStr *out);

/* parse::<T>() for integers: returns 0 and sets *out, or returns the error
 * kind (RT_PARSE_*), with Rust's rules (optional '+', '-' for signed only,
 * no whitespace or underscores). bits is 8, 16, 32 or 64. */
enum { RT_PARSE_OK, RT_PARSE_EMPTY, RT_PARSE_INVALID_DIGIT, RT_PARSE_POS_OVERFLOW,
       RT_PARSE_NEG_OVERFLOW, RT_PARSE_FLOAT_INVALID, RT_PARSE_FLOAT_EMPTY };
rt_u32 rt_parse_int(RtStr s, rt_bool is_signed, rt_u32 bits, rt_i64 *out_signed, rt_u64 *out_unsigned);
/* parse::<f64>(): RT_PARSE_OK, RT_PARSE_FLOAT_EMPTY or RT_PARSE_FLOAT_INVALID
 * (an empty float is its own kind: its Display differs from an integer's). */
rt_u32 rt_parse_f64(RtStr s, rt_f64 *out);
/* The error's Display ("invalid digit found in string") and Debug
 * ("ParseIntError { kind: InvalidDigit }"); value points to an rt_u32 kind. */
rt_i32 rt_fmt_display_parse_error(const void *kind, RtFormatter *f);
rt_i32 rt_fmt_debug_parse_error(const void *kind, RtFormatter *f);

/* ---- Vectors (vec.c) ----------------------------------------------------
 * Generic over the element: size/align are size_of/align_of the element.
 * Growth follows RawVec (double, minimum capacity 8 for 1-byte elements, 4
 * up to 1 KiB, else 1); clones allocate exactly len. drop may be RT_NULL for
 * elements without drop glue. */

typedef rt_i32 (*RtCmpFn)(const void *a, const void *b, void *ctx);   /* <0, 0, >0 */
typedef rt_bool (*RtEqFn)(const void *a, const void *b, void *ctx);

RtVec rt_vec_new(void);                              /* no allocation */
RtVec rt_vec_with_capacity(rt_usize cap, rt_usize size, rt_usize align);
void rt_vec_reserve(RtVec *v, rt_usize additional, rt_usize size, rt_usize align);
void rt_vec_reserve_exact(RtVec *v, rt_usize additional, rt_usize size, rt_usize align);
void rt_vec_shrink_to_fit(RtVec *v, rt_usize size, rt_usize align);
/* Makes room for one more element and returns its slot; len is already
 * incremented, the caller writes the element there. */
void *rt_vec_push_slot(RtVec *v, rt_usize size, rt_usize align);
void rt_vec_push(RtVec *v, const void *elem, rt_usize size, rt_usize align);
/* Moves the last element to *out; 0 when empty. */
rt_bool rt_vec_pop(RtVec *v, void *out, rt_usize size);
void rt_vec_insert(RtVec *v, rt_usize index, const void *elem, rt_usize size, rt_usize align, RtLoc loc);
void rt_vec_remove(RtVec *v, rt_usize index, void *out, rt_usize size, RtLoc loc);
void rt_vec_swap_remove(RtVec *v, rt_usize index, void *out, rt_usize size);
void rt_vec_truncate(RtVec *v, rt_usize len, rt_usize size, RtDropFn drop);
void rt_vec_clear(RtVec *v, rt_usize size, RtDropFn drop);
/* Appends n bitwise copies from src (extend_from_slice for Copy types). */
void rt_vec_extend_copy(RtVec *v, const void *src, rt_usize n, rt_usize size, rt_usize align);
/* Moves all of src's elements to the end of v, leaving src empty (append). */
void rt_vec_append(RtVec *v, RtVec *src, rt_usize size, rt_usize align);
/* vec![elem; n] for a Copy element. */
RtVec rt_vec_from_elem_copy(const void *elem, rt_usize n, rt_usize size, rt_usize align);
/* A bitwise clone with capacity len (Clone for Vec of Copy elements). */
RtVec rt_vec_clone_copy(const RtVec *v, rt_usize size, rt_usize align);
void rt_vec_drop(RtVec *v, rt_usize size, rt_usize align, RtDropFn drop);
/* vec::IntoIter<T>: the Vec's buffer and the elements [pos, end) not yet
 * yielded; the generated code moves elements out and advances pos/end. */
typedef struct RtVecIter {
    void *ptr;
    rt_usize cap;
    rt_usize pos;
    rt_usize end;
} RtVecIter;
/* Drops the elements not yet yielded, in order, and frees the buffer. */
void rt_vec_iter_drop(RtVecIter *it, rt_usize size, RtDropFn drop);
/* v[index] with the bounds check: returns the element's address. */
void *rt_vec_index(const RtVec *v, rt_usize index, rt_usize size, RtLoc loc);
void *rt_slice_index(RtSlice s, rt_usize index, rt_usize size, RtLoc loc);
/* &s[begin..end] with Rust's range panics. */
RtSlice rt_slice_range(RtSlice s, rt_usize begin, rt_usize end, rt_usize size, RtLoc loc);
RtSlice rt_vec_as_slice(const RtVec *v);
/* Slice algorithms, also used on Vecs through rt_vec_as_slice. sort is
 * stable (a merge sort) like Rust's sort/sort_by; ctx is passed to cmp/eq. */
void rt_slice_reverse(RtSlice s, rt_usize size);
void rt_slice_sort(RtSlice s, rt_usize size, RtCmpFn cmp, void *ctx);
rt_bool rt_slice_contains(RtSlice s, rt_usize size, const void *x, RtEqFn eq, void *ctx);
void rt_slice_swap(RtSlice s, rt_usize a, rt_usize b, rt_usize size, RtLoc loc);

/* ---- Formatting (fmt.c, float.c) ----------------------------------------
 * std::fmt as Rust implements it. A Formatter writes to an RtWriter (the
 * program's stdout/stderr, a String, or a pretty-printing pad adapter) with
 * the options of one placeholder, whose flag bits are Rust's own layout. */

typedef struct RtWriter RtWriter;
struct RtWriter {
    rt_i32 (*write_str)(RtWriter *self, const rt_u8 *ptr, rt_usize len);
};

/* flags: the fill char in bits 0-20, then the flags below; width/precision
 * are meaningful only with RT_FMT_WIDTH / RT_FMT_PRECISION set. */
typedef struct RtFmtSpec {
    rt_u32 flags;
    rt_u16 width;
    rt_u16 precision;
} RtFmtSpec;
#define RT_FMT_SIGN_PLUS (1u << 21)
#define RT_FMT_SIGN_MINUS (1u << 22)
#define RT_FMT_ALTERNATE (1u << 23)        /* '#' */
#define RT_FMT_ZERO_PAD (1u << 24)         /* '0' */
#define RT_FMT_DEBUG_LOWER_HEX (1u << 25)  /* {:x?} */
#define RT_FMT_DEBUG_UPPER_HEX (1u << 26)  /* {:X?} */
#define RT_FMT_WIDTH (1u << 27)
#define RT_FMT_PRECISION (1u << 28)
#define RT_FMT_ALIGN_LEFT (0u << 29)
#define RT_FMT_ALIGN_RIGHT (1u << 29)
#define RT_FMT_ALIGN_CENTER (2u << 29)
#define RT_FMT_ALIGN_UNKNOWN (3u << 29)
#define RT_FMT_ALIGN_MASK (3u << 29)
#define RT_FMT_FILL_MASK 0x1FFFFFu
/* The options of a bare {} / {:?}. */
#define RT_FMT_DEFAULT ((rt_u32)' ' | RT_FMT_ALIGN_UNKNOWN)
#define RT_SPEC_DEFAULT ((RtFmtSpec){RT_FMT_DEFAULT, 0, 0})

struct RtFormatter {
    RtWriter *out;
    RtFmtSpec spec;
};

/* One placeholder: the value, the trait impl to format it with (one of the
 * rt_fmt_* functions below or a generated one), and its options. */
typedef struct RtArg {
    const void *value;
    RtFmtFn fmt;
    RtFmtSpec spec;
} RtArg;

/* format_args!: pieces[i] is written before args[i]; npieces is nargs or
 * nargs + 1. Positional and named arguments are resolved by the lowering, so
 * an argument used twice appears twice. */
struct RtArguments {
    const RtStr *pieces;
    rt_usize npieces;
    const RtArg *args;
    rt_usize nargs;
};

enum { RT_FMT_OK = 0, RT_FMT_ERR = 1 };   /* fmt::Result */

rt_i32 rt_write_fmt(RtWriter *w, const RtArguments *args);
RtString rt_format(const RtArguments *args);                        /* format! */
rt_i32 rt_string_write_fmt(RtString *s, const RtArguments *args);   /* write!(string, ..) */
rt_i32 rt_string_write_str(RtString *s, RtStr t);
rt_i32 rt_formatter_write_fmt(RtFormatter *f, const RtArguments *args);  /* write!(f, ..) */
rt_i32 rt_formatter_write_str(RtFormatter *f, RtStr s);
rt_i32 rt_formatter_write_char(RtFormatter *f, rt_char c);
rt_i32 rt_formatter_pad(RtFormatter *f, RtStr s);
rt_i32 rt_formatter_pad_integral(RtFormatter *f, rt_bool is_nonnegative, RtStr prefix, RtStr digits);
/* Formatter::width()/precision(): 0 for None. */
rt_bool rt_formatter_width(const RtFormatter *f, rt_usize *out);
rt_bool rt_formatter_precision(const RtFormatter *f, rt_usize *out);
rt_char rt_formatter_fill(const RtFormatter *f);
rt_bool rt_formatter_alternate(const RtFormatter *f);
rt_bool rt_formatter_sign_plus(const RtFormatter *f);
rt_bool rt_formatter_sign_minus(const RtFormatter *f);
rt_bool rt_formatter_sign_aware_zero_pad(const RtFormatter *f);
/* value.to_string() through its Display. */
RtString rt_to_string(const void *value, RtFmtFn display);
/* A width$ / .prec$ / .* argument: panics "Formatting argument out of
 * range" above u16::MAX, like Rust. */
rt_u16 rt_fmt_count(rt_usize n, RtLoc loc);

/* Debug builders (Formatter::debug_struct etc.), with {:#?} pretty printing. */
typedef struct RtDebugBuilder {
    RtFormatter *fmt;
    rt_i32 result;
    rt_u32 fields;
    rt_bool empty_name;
    rt_u8 kind_;            /* runtime-private */
} RtDebugBuilder;
void rt_debug_struct(RtDebugBuilder *b, RtFormatter *f, RtStr name);
void rt_debug_struct_field(RtDebugBuilder *b, RtStr name, const void *value, RtFmtFn fmt);
rt_i32 rt_debug_struct_finish(RtDebugBuilder *b);
rt_i32 rt_debug_struct_finish_non_exhaustive(RtDebugBuilder *b);
void rt_debug_tuple(RtDebugBuilder *b, RtFormatter *f, RtStr name);   /* "" for tuples */
void rt_debug_tuple_field(RtDebugBuilder *b, const void *value, RtFmtFn fmt);
rt_i32 rt_debug_tuple_finish(RtDebugBuilder *b);
void rt_debug_list(RtDebugBuilder *b, RtFormatter *f);
void rt_debug_set(RtDebugBuilder *b, RtFormatter *f);
void rt_debug_map(RtDebugBuilder *b, RtFormatter *f);
void rt_debug_entry(RtDebugBuilder *b, const void *value, RtFmtFn fmt);   /* list/set */
void rt_debug_map_entry(RtDebugBuilder *b, const void *key, RtFmtFn key_fmt,
                        const void *value, RtFmtFn value_fmt);
rt_i32 rt_debug_finish(RtDebugBuilder *b);                                /* list/set/map */
/* Debug for a slice or Vec: [a, b, c] through the list builder. */
rt_i32 rt_fmt_debug_slice(const void *ptr, rt_usize len, rt_usize size, RtFmtFn elem_debug,
                          RtFormatter *f);

/* Built-in impls, usable as RtArg.fmt. value points to the typed value:
 * rt_T for integers and floats, rt_bool, rt_char, RtStr (str), RtString
 * (String). */
#define RT_DECL_INT_FMT(T)                                                               \
    rt_i32 rt_fmt_display_##T(const void *v, RtFormatter *f);                            \
    rt_i32 rt_fmt_debug_##T(const void *v, RtFormatter *f);                              \
    rt_i32 rt_fmt_lower_hex_##T(const void *v, RtFormatter *f);                          \
    rt_i32 rt_fmt_upper_hex_##T(const void *v, RtFormatter *f);                          \
    rt_i32 rt_fmt_octal_##T(const void *v, RtFormatter *f);                              \
    rt_i32 rt_fmt_binary_##T(const void *v, RtFormatter *f);                             \
    rt_i32 rt_fmt_lower_exp_##T(const void *v, RtFormatter *f);                          \
    rt_i32 rt_fmt_upper_exp_##T(const void *v, RtFormatter *f);
RT_INT_TYPES(RT_DECL_INT_FMT)
#define RT_DECL_FLOAT_FMT(T)                                                             \
    rt_i32 rt_fmt_display_##T(const void *v, RtFormatter *f);                            \
    rt_i32 rt_fmt_debug_##T(const void *v, RtFormatter *f);                              \
    rt_i32 rt_fmt_lower_exp_##T(const void *v, RtFormatter *f);                          \
    rt_i32 rt_fmt_upper_exp_##T(const void *v, RtFormatter *f);
RT_DECL_FLOAT_FMT(f32)
RT_DECL_FLOAT_FMT(f64)
rt_i32 rt_fmt_display_bool(const void *v, RtFormatter *f);
rt_i32 rt_fmt_debug_bool(const void *v, RtFormatter *f);
rt_i32 rt_fmt_display_char(const void *v, RtFormatter *f);
rt_i32 rt_fmt_debug_char(const void *v, RtFormatter *f);
rt_i32 rt_fmt_display_str(const void *v, RtFormatter *f);
rt_i32 rt_fmt_debug_str(const void *v, RtFormatter *f);
rt_i32 rt_fmt_display_string(const void *v, RtFormatter *f);
rt_i32 rt_fmt_debug_string(const void *v, RtFormatter *f);
rt_i32 rt_fmt_debug_unit(const void *v, RtFormatter *f);   /* () */

/* ---- Output (output.c) --------------------------------------------------
 * print!/eprint!: one output event per call, stamped with the virtual time;
 * println! passes its "\n" as the last piece. */
enum { RT_STDOUT = 1, RT_STDERR = 2 };
void rt_print(rt_u32 stream, const RtArguments *args);
void rt_print_str(rt_u32 stream, RtStr s);

/* ---- Futures and the executor (exec.c) ----------------------------------
 * A future is memory laid out by the lowering plus a vtable {poll, drop,
 * size, align} (DESIGN.md section 5's fut_vtable). It may be moved (copied
 * bytewise) until its first poll and never after.
 *
 * poll(fut, cx, out) returns RT_READY after writing the output to *out, or
 * RT_PENDING. A future returning RT_PENDING must have recorded why on the
 * current task: leaf futures (sleep, yield_now, JoinHandle) do this
 * themselves, and a generated future returns RT_PENDING only when a child
 * it polled with the same cx did. There are no wakers: the executor knows
 * from the record when the task can progress. drop(fut) releases what the
 * future holds in whatever state it is in (nothing after RT_READY unless the
 * lowering says otherwise); it does not free the future's own memory. */

enum { RT_PENDING = 0, RT_READY = 1 };
typedef struct RtContext RtContext;          /* the task being polled */
typedef rt_i32 (*RtPollFn)(void *fut, RtContext *cx, void *out);

typedef struct RtFutVtable {
    RtPollFn poll;
    RtDropFn drop;
    rt_usize size;
    rt_usize align;
} RtFutVtable;

/* Pin<Box<dyn Future<Output = T>>>: a future itself (rt_boxfut_vtable),
 * whose drop runs the inner drop and frees the box. rt_boxfut_new makes the
 * one allocation of a `.box` call (vt->size/vt->align, kind boxed future, at
 * site); the caller then constructs the future in .ptr. */
typedef struct RtBoxFuture {
    void *ptr;
    const RtFutVtable *vt;
} RtBoxFuture;
RtBoxFuture rt_boxfut_new(const RtFutVtable *vt, RtSite *site);
rt_i32 rt_boxfut_poll(void *boxfut, RtContext *cx, void *out);
void rt_boxfut_drop(void *boxfut);
extern const RtFutVtable rt_boxfut_vtable;
/* The same allocation with the size and alignment read from a vtable slot
 * (abi=vtable-size): the caller then runs the slot's init in .ptr. */
RtBoxFuture rt_boxfut_new_sized(rt_usize size, rt_usize align, const RtFutVtable *vt, RtSite *site);

/* The vtable slot of a `boxed`-class method of a `dyn Trait` (an async fn
 * or `-> impl Trait` method), DESIGN.md section 5. The fn pointers are
 * stored type-erased (RtAnyFn); the call site casts them back:
 *   abi=vtable-size: RtBoxedSlot, init is
 *       void init(void *slot, void *self, ARGS...)
 *     constructing the future in the fut_size/fut_align bytes at slot;
 *   abi=callee: RtCalleeSlot, construct is
 *       RtBoxFuture construct(void *self, ARGS..., RtSite *site)
 *     the callee making the one allocation itself. */
typedef void (*RtAnyFn)(void);
typedef struct RtBoxedSlot {
    rt_usize fut_size;
    rt_usize fut_align;
    RtAnyFn init;
    const RtFutVtable *fut_vtable;
} RtBoxedSlot;
typedef struct RtCalleeSlot {
    RtAnyFn construct;
} RtCalleeSlot;

/* sleep(ms): starts counting at its first poll; Output = (). */
typedef struct RtSleep {
    rt_u64 ms;
    rt_u64 deadline;
    rt_u32 started;
} RtSleep;
RtSleep rt_sleep(rt_u64 ms);
rt_i32 rt_sleep_poll(void *fut, RtContext *cx, void *out);
void rt_sleep_drop(void *fut);
extern const RtFutVtable rt_sleep_vtable;

/* yield_now(): pending once, ready when polled in a later pass. */
typedef struct RtYield {
    rt_u32 yielded;
} RtYield;
RtYield rt_yield_now(void);
rt_i32 rt_yield_poll(void *fut, RtContext *cx, void *out);
void rt_yield_drop(void *fut);
extern const RtFutVtable rt_yield_vtable;

/* std::future::pending(): never ready; a task awaiting it can progress
 * only by being dropped (main stuck on it with no timer left: deadlock). */
typedef struct RtPending {
    rt_u8 unused;
} RtPending;
RtPending rt_pending(void);
rt_i32 rt_pending_poll(void *fut, RtContext *cx, void *out);
void rt_pending_drop(void *fut);
extern const RtFutVtable rt_pending_vtable;

/* spawn(fut) -> JoinHandle<T>: moves the unpolled future (vt->size bytes at
 * fut; the caller must not drop its copy) into a new task appended to the
 * task list. out_drop drops a T nobody awaited (RT_NULL if T has no drop
 * glue). Awaiting the handle moves the task's output to *out; dropping it
 * unawaited detaches the task, which keeps running. */
typedef struct RtJoinHandle {
    struct RtTask *task;
} RtJoinHandle;
RtJoinHandle rt_spawn(const void *fut, const RtFutVtable *vt, rt_usize out_size,
                      rt_usize out_align, RtDropFn out_drop);
rt_i32 rt_join_poll(void *handle, RtContext *cx, void *out);
void rt_join_drop(void *handle);
extern const RtFutVtable rt_join_vtable;

/* block_on(fut), and the body of `async fn main`: runs the executor until
 * fut (polled first in every pass, never moved) is ready, writes its output
 * to *out, then drops it. Tasks still pending stay queued; the host drops
 * them in creation order when the program ends. loc is where a deadlock is
 * reported. Calling it from inside a task panics. */
void rt_block_on(void *fut, const RtFutVtable *vt, void *out, RtLoc loc);
/* now(): virtual milliseconds since the program started. */
rt_u64 rt_now(void);

#endif /* DYNBOX_RT_H */
