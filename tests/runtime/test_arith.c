/* test_arith.c — integer arithmetic as Rust debug builds do it (values
 * checked against rustc 1.95), every operator's panic message and location,
 * float-to-int `as` casts, and the f64 methods. */
#include "rt_test.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define L RT_LOC(1, 1)

START_TEST(arith_plain_ops) {
    rtt_init();
    ck_assert_int_eq(rt_add_i32(2, 3, L), 5);
    ck_assert_int_eq(rt_sub_u8(9, 9, L), 0);
    ck_assert_int_eq(rt_mul_i64(-4, 5, L), -20);
    ck_assert_int_eq(rt_div_i32(-7, 2, L), -3);
    ck_assert_int_eq(rt_rem_i32(-7, 2, L), -1);
    ck_assert_int_eq(rt_div_euclid_i32(-7, 2, L), -4);
    ck_assert_int_eq(rt_rem_euclid_i32(-7, -2, L), 1);
    ck_assert_int_eq(rt_div_euclid_i32(-7, -2, L), 4);
    ck_assert_int_eq(rt_rem_euclid_i8(-128, 3, L), 1);
    ck_assert_uint_eq(rt_div_euclid_u32(7, 2, L), 3);
    ck_assert_int_eq(rt_shl_u8(1, 7, L), 128);
    ck_assert_int_eq(rt_shr_i8(-128, 7, L), -1);
    ck_assert_int_eq(rt_shr_u16(0x8000, 15, L), 1);
    ck_assert_int_eq(rt_neg_i32(5, L), -5);
    ck_assert_int_eq(rt_abs_i16(-300), 300);
    ck_assert_int_eq(rt_pow_i32(3, 4), 81);
    ck_assert_int_eq(rt_pow_i8(-2, 7), -128);
    ck_assert_int_eq(rt_pow_u64(0, 0), 1);
    ck_assert_uint_eq(rt_pow_usize(2, 63), 1ull << 63);
}
END_TEST

START_TEST(arith_checked_wrapping_saturating) {
    rtt_init();
    rt_i32 r = 77;
    ck_assert(!rt_checked_add_i32(2147483647, 1, &r));
    ck_assert_int_eq(r, 77);   /* left alone on overflow */
    ck_assert(rt_checked_add_i32(2147483646, 1, &r) && r == 2147483647);
    rt_u8 u = 0;
    ck_assert(!rt_checked_sub_u8(0, 1, &u));
    ck_assert(!rt_checked_mul_u8(16, 16, &u));
    ck_assert(rt_checked_mul_u8(15, 17, &u) && u == 255);
    rt_i8 s = 0;
    ck_assert(!rt_checked_div_i8(-128, -1, &s));
    ck_assert(!rt_checked_div_i8(1, 0, &s));
    ck_assert(!rt_checked_rem_i8(-128, -1, &s));
    ck_assert(!rt_checked_neg_i8(-128, &s));
    ck_assert(!rt_checked_abs_i8(-128, &s));
    ck_assert(rt_checked_abs_i8(-127, &s) && s == 127);
    ck_assert(!rt_checked_shl_i32(1, 32, &r));
    ck_assert(rt_checked_shr_i32(-8, 1, &r) && r == -4);
    ck_assert(!rt_checked_pow_i32(2, 31, &r));
    ck_assert(rt_checked_pow_i32(-2, 31, &r) && r == (rt_i32)0x80000000u);
    ck_assert_int_eq(rt_wrapping_add_i8(127, 1), -128);
    ck_assert_int_eq(rt_wrapping_sub_u32(0, 1), 0xFFFFFFFFu);
    ck_assert_int_eq(rt_wrapping_mul_u8(16, 17), 16);
    ck_assert_int_eq(rt_wrapping_neg_i8(-128), -128);
    ck_assert_int_eq(rt_wrapping_abs_i8(-128), -128);
    ck_assert_uint_eq(rt_wrapping_shl_u32(1, 33), 2);
    ck_assert_int_eq(rt_wrapping_shr_i8(-64, 9), -32);
    ck_assert_int_eq(rt_wrapping_pow_u8(3, 6), 217);
    ck_assert_int_eq(rt_saturating_add_i8(100, 100), 127);
    ck_assert_int_eq(rt_saturating_add_i8(-100, -100), -128);
    ck_assert_int_eq(rt_saturating_sub_u8(3, 5), 0);
    ck_assert_int_eq(rt_saturating_sub_i8(-100, 100), -128);
    ck_assert_int_eq(rt_saturating_sub_i8(100, -100), 127);
    ck_assert_int_eq(rt_saturating_mul_i16(-300, 300), -32768);
    ck_assert_int_eq(rt_saturating_mul_i16(-300, -300), 32767);
    ck_assert_int_eq(rt_saturating_pow_i8(-2, 9), -128);
    ck_assert_int_eq(rt_saturating_pow_i8(-2, 8), 127);
    ck_assert_uint_eq(rt_saturating_pow_u16(10, 5), 65535);
    ck_assert_uint_eq(rt_count_ones_i8(-1), 8);
    ck_assert_uint_eq(rt_count_ones_u64(0xF0F0), 8);
    ck_assert_uint_eq(rt_leading_zeros_u16(1), 15);
    ck_assert_uint_eq(rt_leading_zeros_i32(-1), 0);
    ck_assert_uint_eq(rt_leading_zeros_u8(0), 8);
    ck_assert_uint_eq(rt_trailing_zeros_u32(0), 32);
    ck_assert_uint_eq(rt_trailing_zeros_i64(-8), 3);
}
END_TEST

START_TEST(arith_float_casts_saturate) {
    rtt_init();
    ck_assert_int_eq(rt_f64_to_u8(300.7), 255);
    ck_assert_int_eq(rt_f64_to_u8(-5.0), 0);
    ck_assert_int_eq(rt_f64_to_u8(254.99), 254);
    ck_assert_int_eq(rt_f64_to_i8(-128.9), -128);
    ck_assert_int_eq(rt_f64_to_i8(127.9), 127);
    ck_assert_int_eq(rt_f64_to_i32(NAN), 0);
    ck_assert_int_eq(rt_f64_to_i32(-2147483648.9), -2147483647 - 1);
    ck_assert_int_eq(rt_f64_to_i32(-1.9), -1);
    ck_assert(rt_f64_to_i64(1e19) == 9223372036854775807ll);
    ck_assert(rt_f64_to_i64(-INFINITY) == -9223372036854775807ll - 1);
    ck_assert_uint_eq(rt_f64_to_u64(-0.9), 0);
    ck_assert(rt_f64_to_usize(18446744073709551615.0) == ~(rt_usize)0);
    ck_assert(rt_f64_to_u64(9007199254740993.0) == 9007199254740992ull);
    ck_assert_uint_eq(rt_f32_to_u32(4294967296.0f), 0xFFFFFFFFu);
    ck_assert_uint_eq(rt_f32_to_u16(INFINITY), 65535);
    ck_assert_int_eq(rt_f32_to_i16(-1e10f), -32768);
}
END_TEST

START_TEST(arith_f64_methods) {
    rtt_init();
    ck_assert(rt_f64_powi(2.0, -2) == 0.25);
    ck_assert(rt_f64_powi(1.5, 0) == 1.0);
    ck_assert(rt_f64_round(2.5) == 3.0 && rt_f64_round(-2.5) == -3.0);
    ck_assert(rt_f64_signum(-0.0) == -1.0 && rt_f64_signum(0.0) == 1.0);
    ck_assert(isnan(rt_f64_signum(NAN)));
    ck_assert(rt_f64_fract(-1.25) == -0.25);
    ck_assert(rt_f64_rem(-7.5, 2.0) == -1.5);
    ck_assert(rt_f64_min(NAN, 1.0) == 1.0 && rt_f64_max(2.0, NAN) == 2.0);
    ck_assert(rt_f64_sqrt(2.25) == 1.5 && rt_f64_cbrt(27.0) == 3.0 && rt_f64_cbrt(-8.0) == -2.0);
    ck_assert(rt_f64_trunc(-2.7) == -2.0 && rt_f64_floor(-2.5) == -3.0 && rt_f64_ceil(2.1) == 3.0);
    ck_assert(rt_f64_abs(-3.0) == 3.0 && rt_f64_hypot(3.0, 4.0) == 5.0);
    ck_assert(rt_f64_mul_add(2.0, 3.0, 1.0) == 7.0);
    ck_assert(rt_f64_ln(1.0) == 0.0 && rt_f64_log2(8.0) == 3.0 && rt_f64_log10(1000.0) == 3.0);
    ck_assert(rt_f64_exp(0.0) == 1.0 && rt_f64_powf(2.0, 10.0) == 1024.0);
    ck_assert(rt_f64_atan2(0.0, -1.0) == rt_f64_acos(-1.0));
    ck_assert(rt_f64_sin(0.0) == 0.0 && rt_f64_cos(0.0) == 1.0 && rt_f64_tan(0.0) == 0.0);
    ck_assert(rt_f64_asin(0.0) == 0.0 && rt_f64_atan(0.0) == 0.0);
}
END_TEST

static rt_u64 splitmix(rt_u64 *st) {
    *st += 0x9E3779B97F4A7C15ull;
    rt_u64 z = *st;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static rt_f64 from_bits(rt_u64 b) {
    rt_f64 f;
    memcpy(&f, &b, 8);
    return f;
}

/* The same inputs as math_floats.rs; every result's bits as rustc's. */
START_TEST(arith_f64_methods_match_rustc_bits) {
    rtt_init();
    char *golden = rtt_read_file("tests/runtime/math_floats.out", NULL);
    ck_assert_msg(golden != NULL, "run from the project root");
    static const char *const names[] = {"cbrt", "sin", "cos", "tan", "exp", "ln", "log10", "log2", "asin",
                                        "acos", "atan", "sqrt", "powf", "powi", "hypot", "atan2", "round",
                                        "fract", "signum", "min", "max", "mul_add", "rem", "floor", "ceil",
                                        "trunc", "abs"};
    char *g = golden;
    rt_u64 st = 7;
    int bad = 0;
    for (rt_u64 i = 0; i < 2000; i++) {
        rt_u64 r = splitmix(&st);
        rt_f64 x;
        switch (i % 4) {
        case 0: x = from_bits(r); break;
        case 1: x = ((rt_f64)(r >> 11)) / ((rt_f64)(1ull << 53)) * 2.0 - 1.0; break;
        case 2: x = ((rt_f64)(r % 2000000) - 1000000.0) / 1000.0; break;
        default: x = ((rt_f64)(r >> 11)) * rt_f64_powi(2.0, (rt_i32)(i % 64) - 80); break;
        }
        rt_f64 y = rt_f64_rem(from_bits(splitmix(&st)), 100.0);
        rt_f64 v[] = {rt_f64_cbrt(x), rt_f64_sin(x), rt_f64_cos(x), rt_f64_tan(x), rt_f64_exp(x), rt_f64_ln(x),
                      rt_f64_log10(x), rt_f64_log2(x), rt_f64_asin(x), rt_f64_acos(x), rt_f64_atan(x),
                      rt_f64_sqrt(x), rt_f64_powf(x, y), rt_f64_powi(x, (rt_i32)(i % 21) - 10), rt_f64_hypot(x, y),
                      rt_f64_atan2(x, y), rt_f64_round(x), rt_f64_fract(x), rt_f64_signum(x), rt_f64_min(x, y),
                      rt_f64_max(x, y), rt_f64_mul_add(x, y, 1.5), rt_f64_rem(x, y), rt_f64_floor(x),
                      rt_f64_ceil(x), rt_f64_trunc(x), rt_f64_abs(x)};
        for (size_t k = 0; k < sizeof v / sizeof v[0]; k++) {
            char *end;
            rt_u64 want = strtoull(g, &end, 16);
            ck_assert_msg(end != g, "math_floats.out is short");
            g = end;
            rt_u64 got;
            memcpy(&got, &v[k], 8);
            /* NaN payloads are not part of Rust's contract */
            if (got != want && !(isnan(v[k]) && isnan(from_bits(want)))) {
                if (bad < 10)
                    fprintf(stderr, "%s(%a, %a): want %016llx got %016llx\n", names[k], x, y,
                            (unsigned long long)want, (unsigned long long)got);
                bad++;
            }
        }
    }
    ck_assert_msg(bad == 0, "%d f64 results differ from rustc", bad);
    free(golden);
}
END_TEST

/* ---- panics: message and position as rustc 1.95 prints them ---- */

#define PANIC_TEST(name, line, col, msg, stmt)                                                   \
    START_TEST(name) {                                                                        \
        rtt_expect_panic(rtt_panic_text(line, col, msg), NULL);                               \
        stmt;                                                                                  \
        ck_abort_msg("did not panic");                                                         \
    }                                                                                          \
    END_TEST

PANIC_TEST(panic_add, 3, 13, "attempt to add with overflow", rt_add_i32(2147483647, 1, RT_LOC(3, 13)))
PANIC_TEST(panic_sub, 4, 5, "attempt to subtract with overflow", rt_sub_u8(0, 1, RT_LOC(4, 5)))
PANIC_TEST(panic_mul, 5, 5, "attempt to multiply with overflow", rt_mul_i64(1ll << 62, 2, RT_LOC(5, 5)))
PANIC_TEST(panic_div_zero, 2, 5, "attempt to divide by zero", rt_div_u32(1, 0, RT_LOC(2, 5)))
PANIC_TEST(panic_rem_zero, 2, 5, "attempt to calculate the remainder with a divisor of zero",
           rt_rem_i16(1, 0, RT_LOC(2, 5)))
PANIC_TEST(panic_div_overflow, 9, 67, "attempt to divide with overflow", rt_div_euclid_i32(-2147483647 - 1, -1, RT_LOC(9, 67)))
PANIC_TEST(panic_rem_overflow, 12, 67, "attempt to calculate the remainder with overflow",
           rt_rem_euclid_i32(-2147483647 - 1, -1, RT_LOC(12, 67)))
PANIC_TEST(panic_neg, 1, 9, "attempt to negate with overflow", rt_neg_i8(-128, RT_LOC(1, 9)))
PANIC_TEST(panic_shl, 1, 9, "attempt to shift left with overflow", rt_shl_u32(1, 32, RT_LOC(1, 9)))
PANIC_TEST(panic_shr, 1, 9, "attempt to shift right with overflow", rt_shr_i64(1, ~(rt_u64)0, RT_LOC(1, 9)))
PANIC_TEST(panic_bounds, 27, 66, "index out of bounds: the len is 3 but the index is 5", rt_panic_bounds(RT_LOC(27, 66), 5, 3))
PANIC_TEST(panic_unwrap_none, 6, 7, "called `Option::unwrap()` on a `None` value", rt_panic_unwrap_none(RT_LOC(6, 7)))
PANIC_TEST(panic_explicit, 6, 7, "explicit panic", rt_panic_explicit(RT_LOC(6, 7)))
PANIC_TEST(panic_unreachable, 6, 7, "internal error: entered unreachable code", rt_panic_unreachable(RT_LOC(6, 7), NULL))
PANIC_TEST(panic_todo, 6, 7, "not yet implemented", rt_panic_todo(RT_LOC(6, 7), NULL))
PANIC_TEST(panic_assert, 6, 5, "assertion failed: x > 1", rt_assert_failed(RT_LOC(6, 5), RT_STR("x > 1")))

/* pow and abs are not #[track_caller]: rustc 1.95 reports core's line for
 * each integer type's impl block. */
#define STD_NUM "/rustc/59807616e1fa2540724bfbac14d7976d7e4a3860/library/core/src/num/mod.rs"
#define STD_PANIC(line, msg)                                                                   \
    "thread 'main' panicked at " STD_NUM ":" #line ":5:\n" msg                                  \
    "\nnote: run with `RUST_BACKTRACE=1` environment variable to display a backtrace\n"

START_TEST(panic_pow_i32_std_location) {
    rtt_expect_panic(STD_PANIC(394, "attempt to multiply with overflow"), NULL);
    rt_pow_i32(2147483647, 2);
}
END_TEST

START_TEST(panic_pow_u8_std_location) {
    rtt_expect_panic(STD_PANIC(546, "attempt to multiply with overflow"), NULL);
    rt_pow_u8(3, 9);
}
END_TEST

START_TEST(panic_abs_i64_std_location) {
    rtt_expect_panic(STD_PANIC(418, "attempt to negate with overflow"), NULL);
    rt_abs_i64(-9223372036854775807ll - 1);
}
END_TEST

/* Result::unwrap on Err(String): the error's Debug; assert_eq! layout. */
START_TEST(panic_unwrap_err_debug) {
    rtt_expect_panic(rtt_panic_text(8, 10, "called `Result::unwrap()` on an `Err` value: \"bad \\\"x\\\"\""), NULL);
    RtStr e = RT_STR("bad \"x\"");
    rt_panic_unwrap_err(RT_LOC(8, 10), &e, rt_fmt_debug_str);
}
END_TEST

START_TEST(panic_assert_eq_layout) {
    rtt_expect_panic(rtt_panic_text(6, 5, "assertion `left == right` failed: sum 7\n  left: 3\n right: 4"), "before\n");
    rt_print_str(RT_STDOUT, RT_STR("before\n"));
    rt_i32 l = 3, r = 4, n = 7;
    RtStr pieces[] = {RT_STR("sum ")};
    RtArg args[] = {{&n, rt_fmt_display_i32, RT_SPEC_DEFAULT}};
    RtArguments msg = {pieces, 1, args, 1};
    rt_assert_cmp_failed(RT_LOC(6, 5), RT_ASSERT_EQ, &l, rt_fmt_debug_i32, &r, rt_fmt_debug_i32, &msg);
}
END_TEST

START_TEST(panic_expect_err) {
    rtt_expect_panic(rtt_panic_text(2, 3, "boom: 5"), NULL);
    rt_i32 v = 5;
    rt_panic_expect_err(RT_LOC(2, 3), RT_STR("boom"), &v, rt_fmt_debug_i32);
}
END_TEST

Suite *rtt_suite_arith(void) {
    Suite *s = suite_create("arith");
    TCase *tc = tcase_create("values");
    tcase_add_test(tc, arith_plain_ops);
    tcase_add_test(tc, arith_checked_wrapping_saturating);
    tcase_add_test(tc, arith_float_casts_saturate);
    tcase_add_test(tc, arith_f64_methods);
    tcase_add_test(tc, arith_f64_methods_match_rustc_bits);
    suite_add_tcase(s, tc);
    TCase *p = tcase_create("panics");
    tcase_add_exit_test(p, panic_add, 101);
    tcase_add_exit_test(p, panic_sub, 101);
    tcase_add_exit_test(p, panic_mul, 101);
    tcase_add_exit_test(p, panic_div_zero, 101);
    tcase_add_exit_test(p, panic_rem_zero, 101);
    tcase_add_exit_test(p, panic_div_overflow, 101);
    tcase_add_exit_test(p, panic_rem_overflow, 101);
    tcase_add_exit_test(p, panic_neg, 101);
    tcase_add_exit_test(p, panic_shl, 101);
    tcase_add_exit_test(p, panic_shr, 101);
    tcase_add_exit_test(p, panic_bounds, 101);
    tcase_add_exit_test(p, panic_unwrap_none, 101);
    tcase_add_exit_test(p, panic_explicit, 101);
    tcase_add_exit_test(p, panic_unreachable, 101);
    tcase_add_exit_test(p, panic_todo, 101);
    tcase_add_exit_test(p, panic_assert, 101);
    tcase_add_exit_test(p, panic_pow_i32_std_location, 101);
    tcase_add_exit_test(p, panic_pow_u8_std_location, 101);
    tcase_add_exit_test(p, panic_abs_i64_std_location, 101);
    tcase_add_exit_test(p, panic_unwrap_err_debug, 101);
    tcase_add_exit_test(p, panic_assert_eq_layout, 101);
    tcase_add_exit_test(p, panic_expect_err, 101);
    suite_add_tcase(s, p);
    return s;
}
