/* arith.c — integer arithmetic with Rust's debug-build semantics: the
 * operators panic with rustc's messages at the caller's position, the
 * checked/wrapping/saturating families follow core::num, and `as` casts
 * from floats saturate. */
#include "rt_internal.h"

/* Where core::num's macros expand each type's impl block in rustc 1.95:
 * pow and abs are not #[track_caller], so their overflow panics report the
 * library's line (measured with rustc 1.95; column 5 for all). */
#define STD_LINE_i8 346
#define STD_LINE_i16 370
#define STD_LINE_i32 394
#define STD_LINE_i64 418
#define STD_LINE_isize 519
#define STD_LINE_u8 546
#define STD_LINE_u16 1188
#define STD_LINE_u32 1243
#define STD_LINE_u64 1274
#define STD_LINE_usize 1400

RT_NORETURN static void std_overflow(rt_u32 line, rt_u32 op) {
    static const char *const msgs[] = {
        [RT_OP_MUL] = "attempt to multiply with overflow",
        [RT_OP_NEG] = "attempt to negate with overflow",
    };
    const char *m = msgs[op];
    rti_panic_std(rti_std_num_mod, line, 5, (RtStr){(const rt_u8 *)m, strlen(m)});
}

/* Per-type constants: bit width, signedness, limits, and the unsigned type
 * of the same width (for bit operations and wrapping arithmetic). */
#define BITS_i8 8
#define BITS_i16 16
#define BITS_i32 32
#define BITS_i64 64
#define BITS_isize 64
#define BITS_u8 8
#define BITS_u16 16
#define BITS_u32 32
#define BITS_u64 64
#define BITS_usize 64
#define UNS_i8 rt_u8
#define UNS_i16 rt_u16
#define UNS_i32 rt_u32
#define UNS_i64 rt_u64
#define UNS_isize rt_usize
#define UNS_u8 rt_u8
#define UNS_u16 rt_u16
#define UNS_u32 rt_u32
#define UNS_u64 rt_u64
#define UNS_usize rt_usize
#define SIGNED_i8 1
#define SIGNED_i16 1
#define SIGNED_i32 1
#define SIGNED_i64 1
#define SIGNED_isize 1
#define SIGNED_u8 0
#define SIGNED_u16 0
#define SIGNED_u32 0
#define SIGNED_u64 0
#define SIGNED_usize 0

/* MAX and MIN computed from the width so one macro body serves all. */
#define TMAX(T) ((rt_##T)(SIGNED_##T ? (((UNS_##T)-1) >> 1) : (UNS_##T)-1))
#define TMIN(T) ((rt_##T)(SIGNED_##T ? (UNS_##T)(((UNS_##T)-1) ^ (((UNS_##T)-1) >> 1)) : 0))

/* Bit counting on the value's own width. */
static rt_u32 ones64(rt_u64 x) {
    return (rt_u32)__builtin_popcountll(x);
}
static rt_u32 lz64(rt_u64 x, rt_u32 bits) {
    return x == 0 ? bits : (rt_u32)__builtin_clzll(x) - (64 - bits);
}
static rt_u32 tz64(rt_u64 x, rt_u32 bits) {
    return x == 0 ? bits : (rt_u32)__builtin_ctzll(x);
}

/* `as` from a float: truncate toward zero, saturate at the bounds, NaN is 0.
 * lo and hi_excl are MIN and MAX + 1, both exact powers of two in f64. */
#define FLOAT_TO_INT(T)                                                                         \
    rt_##T rt_f64_to_##T(rt_f64 x) {                                                             \
        const rt_f64 lo = (rt_f64)TMIN(T);                                                      \
        const rt_f64 hi_excl = SIGNED_##T ? -lo : 2.0 * ((rt_f64)(TMAX(T) / 2 + 1));           \
        if (x != x) return 0;                                                                   \
        if (x >= hi_excl) return TMAX(T);                                                       \
        if (SIGNED_##T ? x <= lo : x <= -1.0) return TMIN(T);                                   \
        return (rt_##T)x;                                                                       \
    }                                                                                           \
    rt_##T rt_f32_to_##T(rt_f32 x) {                                                             \
        return rt_f64_to_##T((rt_f64)x);                                                        \
    }

#define INT_ARITH(T)                                                                            \
    rt_##T rt_add_##T(rt_##T a, rt_##T b, RtLoc loc) {                                          \
        rt_##T r;                                                                               \
        if (__builtin_add_overflow(a, b, &r)) rt_panic_overflow(loc, RT_OP_ADD);                \
        return r;                                                                               \
    }                                                                                           \
    rt_##T rt_sub_##T(rt_##T a, rt_##T b, RtLoc loc) {                                          \
        rt_##T r;                                                                               \
        if (__builtin_sub_overflow(a, b, &r)) rt_panic_overflow(loc, RT_OP_SUB);                \
        return r;                                                                               \
    }                                                                                           \
    rt_##T rt_mul_##T(rt_##T a, rt_##T b, RtLoc loc) {                                          \
        rt_##T r;                                                                               \
        if (__builtin_mul_overflow(a, b, &r)) rt_panic_overflow(loc, RT_OP_MUL);                \
        return r;                                                                               \
    }                                                                                           \
    rt_##T rt_div_##T(rt_##T a, rt_##T b, RtLoc loc) {                                          \
        if (b == 0) rt_panic_div_zero(loc);                                                     \
        if (SIGNED_##T && a == TMIN(T) && b == (rt_##T)-1) rt_panic_overflow(loc, RT_OP_DIV);   \
        return a / b;                                                                           \
    }                                                                                           \
    rt_##T rt_rem_##T(rt_##T a, rt_##T b, RtLoc loc) {                                          \
        if (b == 0) rt_panic_rem_zero(loc);                                                     \
        if (SIGNED_##T && a == TMIN(T) && b == (rt_##T)-1) rt_panic_overflow(loc, RT_OP_REM);   \
        return a % b;                                                                           \
    }                                                                                           \
    rt_##T rt_div_euclid_##T(rt_##T a, rt_##T b, RtLoc loc) {                                   \
        rt_##T q = rt_div_##T(a, b, loc);                                                       \
        if (SIGNED_##T && a % b < 0) return b > 0 ? (rt_##T)(q - 1) : (rt_##T)(q + 1);          \
        return q;                                                                               \
    }                                                                                           \
    rt_##T rt_rem_euclid_##T(rt_##T a, rt_##T b, RtLoc loc) {                                   \
        rt_##T r = rt_rem_##T(a, b, loc);                                                       \
        if (SIGNED_##T && r < 0) {                                                              \
            UNS_##T absb = b < 0 ? (UNS_##T)(0 - (UNS_##T)b) : (UNS_##T)b;                      \
            return (rt_##T)((UNS_##T)r + absb);                                                 \
        }                                                                                       \
        return r;                                                                               \
    }                                                                                           \
    rt_##T rt_shl_##T(rt_##T a, rt_u64 b, RtLoc loc) {                                          \
        if (b >= BITS_##T) rt_panic_overflow(loc, RT_OP_SHL);                                   \
        return (rt_##T)((UNS_##T)a << b);                                                       \
    }                                                                                           \
    rt_##T rt_shr_##T(rt_##T a, rt_u64 b, RtLoc loc) {                                          \
        if (b >= BITS_##T) rt_panic_overflow(loc, RT_OP_SHR);                                   \
        return (rt_##T)(a >> b);                                                                \
    }                                                                                           \
    rt_bool rt_checked_add_##T(rt_##T a, rt_##T b, rt_##T *out) {                              \
        rt_##T r;                                                                               \
        if (__builtin_add_overflow(a, b, &r)) return 0;                                         \
        *out = r;                                                                               \
        return 1;                                                                               \
    }                                                                                           \
    rt_bool rt_checked_sub_##T(rt_##T a, rt_##T b, rt_##T *out) {                              \
        rt_##T r;                                                                               \
        if (__builtin_sub_overflow(a, b, &r)) return 0;                                         \
        *out = r;                                                                               \
        return 1;                                                                               \
    }                                                                                           \
    rt_bool rt_checked_mul_##T(rt_##T a, rt_##T b, rt_##T *out) {                              \
        rt_##T r;                                                                               \
        if (__builtin_mul_overflow(a, b, &r)) return 0;                                         \
        *out = r;                                                                               \
        return 1;                                                                               \
    }                                                                                           \
    rt_bool rt_checked_div_##T(rt_##T a, rt_##T b, rt_##T *out) {                              \
        if (b == 0 || (SIGNED_##T && a == TMIN(T) && b == (rt_##T)-1)) return 0;                \
        *out = a / b;                                                                           \
        return 1;                                                                               \
    }                                                                                           \
    rt_bool rt_checked_rem_##T(rt_##T a, rt_##T b, rt_##T *out) {                              \
        if (b == 0 || (SIGNED_##T && a == TMIN(T) && b == (rt_##T)-1)) return 0;                \
        *out = a % b;                                                                           \
        return 1;                                                                               \
    }                                                                                           \
    rt_bool rt_checked_shl_##T(rt_##T a, rt_u64 b, rt_##T *out) {                              \
        if (b >= BITS_##T) return 0;                                                            \
        *out = (rt_##T)((UNS_##T)a << b);                                                       \
        return 1;                                                                               \
    }                                                                                           \
    rt_bool rt_checked_shr_##T(rt_##T a, rt_u64 b, rt_##T *out) {                              \
        if (b >= BITS_##T) return 0;                                                            \
        *out = (rt_##T)(a >> b);                                                                \
        return 1;                                                                               \
    }                                                                                           \
    /* core::num's pow loop, so overflow is detected exactly where Rust's is. */                \
    rt_bool rt_checked_pow_##T(rt_##T a, rt_u32 e, rt_##T *out) {                              \
        rt_##T base = a, acc = 1;                                                               \
        if (e == 0) {                                                                           \
            *out = 1;                                                                           \
            return 1;                                                                           \
        }                                                                                       \
        for (;;) {                                                                              \
            if (e & 1) {                                                                        \
                if (__builtin_mul_overflow(acc, base, &acc)) return 0;                          \
                if (e == 1) {                                                                   \
                    *out = acc;                                                                 \
                    return 1;                                                                   \
                }                                                                               \
            }                                                                                   \
            e /= 2;                                                                             \
            if (__builtin_mul_overflow(base, base, &base)) return 0;                            \
        }                                                                                       \
    }                                                                                           \
    rt_##T rt_pow_##T(rt_##T a, rt_u32 e) {                                                     \
        rt_##T r;                                                                               \
        if (!rt_checked_pow_##T(a, e, &r)) std_overflow(STD_LINE_##T, RT_OP_MUL);               \
        return r;                                                                               \
    }                                                                                           \
    rt_##T rt_wrapping_add_##T(rt_##T a, rt_##T b) {                                            \
        return (rt_##T)((UNS_##T)a + (UNS_##T)b);                                               \
    }                                                                                           \
    rt_##T rt_wrapping_sub_##T(rt_##T a, rt_##T b) {                                            \
        return (rt_##T)((UNS_##T)a - (UNS_##T)b);                                               \
    }                                                                                           \
    rt_##T rt_wrapping_mul_##T(rt_##T a, rt_##T b) {                                            \
        rt_##T r;                                                                               \
        (void)__builtin_mul_overflow(a, b, &r);                                                 \
        return r;                                                                               \
    }                                                                                           \
    rt_##T rt_wrapping_neg_##T(rt_##T a) {                                                      \
        return (rt_##T)(0 - (UNS_##T)a);                                                        \
    }                                                                                           \
    rt_##T rt_wrapping_shl_##T(rt_##T a, rt_u32 b) {                                            \
        return (rt_##T)((UNS_##T)a << (b & (BITS_##T - 1)));                                    \
    }                                                                                           \
    rt_##T rt_wrapping_shr_##T(rt_##T a, rt_u32 b) {                                            \
        return (rt_##T)(a >> (b & (BITS_##T - 1)));                                             \
    }                                                                                           \
    rt_##T rt_wrapping_pow_##T(rt_##T a, rt_u32 e) {                                            \
        rt_##T base = a, acc = 1;                                                               \
        if (e == 0) return 1;                                                                   \
        for (;;) {                                                                              \
            if (e & 1) {                                                                        \
                acc = rt_wrapping_mul_##T(acc, base);                                           \
                if (e == 1) return acc;                                                         \
            }                                                                                   \
            e /= 2;                                                                             \
            base = rt_wrapping_mul_##T(base, base);                                             \
        }                                                                                       \
    }                                                                                           \
    rt_##T rt_saturating_add_##T(rt_##T a, rt_##T b) {                                          \
        rt_##T r;                                                                               \
        if (!__builtin_add_overflow(a, b, &r)) return r;                                        \
        return SIGNED_##T && b < 0 ? TMIN(T) : TMAX(T);                                         \
    }                                                                                           \
    rt_##T rt_saturating_sub_##T(rt_##T a, rt_##T b) {                                          \
        rt_##T r;                                                                               \
        if (!__builtin_sub_overflow(a, b, &r)) return r;                                        \
        return SIGNED_##T && b < 0 ? TMAX(T) : TMIN(T);                                         \
    }                                                                                           \
    rt_##T rt_saturating_mul_##T(rt_##T a, rt_##T b) {                                          \
        rt_##T r;                                                                               \
        if (!__builtin_mul_overflow(a, b, &r)) return r;                                        \
        return SIGNED_##T && ((a < 0) != (b < 0)) ? TMIN(T) : TMAX(T);                          \
    }                                                                                           \
    rt_##T rt_saturating_pow_##T(rt_##T a, rt_u32 e) {                                          \
        rt_##T r;                                                                               \
        if (rt_checked_pow_##T(a, e, &r)) return r;                                             \
        return SIGNED_##T && a < 0 && e % 2 == 1 ? TMIN(T) : TMAX(T);                           \
    }                                                                                           \
    rt_u32 rt_count_ones_##T(rt_##T a) {                                                        \
        return ones64((UNS_##T)a);                                                              \
    }                                                                                           \
    rt_u32 rt_leading_zeros_##T(rt_##T a) {                                                     \
        return lz64((UNS_##T)a, BITS_##T);                                                      \
    }                                                                                           \
    rt_u32 rt_trailing_zeros_##T(rt_##T a) {                                                    \
        return tz64((UNS_##T)a, BITS_##T);                                                      \
    }                                                                                           \
    FLOAT_TO_INT(T)

/* The unsigned instances compare `b < 0` and friends that are always false
 * there; the comparisons are what keeps one body for both. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wtype-limits"
#pragma GCC diagnostic ignored "-Wsign-compare"
RT_INT_TYPES(INT_ARITH)

#define SIGNED_ARITH(T)                                                                         \
    rt_##T rt_neg_##T(rt_##T a, RtLoc loc) {                                                    \
        if (a == TMIN(T)) rt_panic_overflow(loc, RT_OP_NEG);                                    \
        return (rt_##T)-a;                                                                      \
    }                                                                                           \
    rt_##T rt_abs_##T(rt_##T a) {                                                               \
        if (a == TMIN(T)) std_overflow(STD_LINE_##T, RT_OP_NEG);                                \
        return a < 0 ? (rt_##T)-a : a;                                                          \
    }                                                                                           \
    rt_bool rt_checked_neg_##T(rt_##T a, rt_##T *out) {                                         \
        if (a == TMIN(T)) return 0;                                                             \
        *out = (rt_##T)-a;                                                                      \
        return 1;                                                                               \
    }                                                                                           \
    rt_bool rt_checked_abs_##T(rt_##T a, rt_##T *out) {                                         \
        if (a == TMIN(T)) return 0;                                                             \
        *out = a < 0 ? (rt_##T)-a : a;                                                          \
        return 1;                                                                               \
    }                                                                                           \
    rt_##T rt_wrapping_abs_##T(rt_##T a) {                                                      \
        return a < 0 ? rt_wrapping_neg_##T(a) : a;                                              \
    }
RT_SIGNED_TYPES(SIGNED_ARITH)
#pragma GCC diagnostic pop
