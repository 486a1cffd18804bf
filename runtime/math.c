/* math.c — the f64 methods, bit for bit as rustc 1.95 computes them: the
 * C library's functions where Rust calls them too (LLVM intrinsics and
 * std's cmath), compiler-rt's powi, and core's own correctly rounded cbrt.
 * Kept apart from arith.c so a program that uses no f64 method links
 * without libm. */
#include "rt_internal.h"

#include <math.h>

/* compiler-rt's __powidf2, which LLVM calls for f64::powi. */
rt_f64 rt_f64_powi(rt_f64 x, rt_i32 n) {
    int recip = n < 0;
    rt_f64 r = 1;
    for (;;) {
        if (n & 1) r *= x;
        n /= 2;
        if (n == 0) break;
        x *= x;
    }
    return recip ? 1 / r : r;
}

rt_f64 rt_f64_powf(rt_f64 x, rt_f64 y) { return pow(x, y); }
rt_f64 rt_f64_sqrt(rt_f64 x) { return sqrt(x); }
rt_f64 rt_f64_exp(rt_f64 x) { return exp(x); }
rt_f64 rt_f64_ln(rt_f64 x) { return log(x); }
rt_f64 rt_f64_log10(rt_f64 x) { return log10(x); }
rt_f64 rt_f64_log2(rt_f64 x) { return log2(x); }
rt_f64 rt_f64_sin(rt_f64 x) { return sin(x); }
rt_f64 rt_f64_cos(rt_f64 x) { return cos(x); }
rt_f64 rt_f64_tan(rt_f64 x) { return tan(x); }
rt_f64 rt_f64_asin(rt_f64 x) { return asin(x); }
rt_f64 rt_f64_acos(rt_f64 x) { return acos(x); }
rt_f64 rt_f64_atan(rt_f64 x) { return atan(x); }
rt_f64 rt_f64_atan2(rt_f64 y, rt_f64 x) { return atan2(y, x); }
rt_f64 rt_f64_hypot(rt_f64 x, rt_f64 y) { return hypot(x, y); }
rt_f64 rt_f64_floor(rt_f64 x) { return floor(x); }
rt_f64 rt_f64_ceil(rt_f64 x) { return ceil(x); }
rt_f64 rt_f64_round(rt_f64 x) { return round(x); }
rt_f64 rt_f64_trunc(rt_f64 x) { return trunc(x); }
rt_f64 rt_f64_abs(rt_f64 x) { return fabs(x); }
rt_f64 rt_f64_mul_add(rt_f64 x, rt_f64 a, rt_f64 b) { return fma(x, a, b); }
rt_f64 rt_f64_rem(rt_f64 x, rt_f64 y) { return fmod(x, y); }
rt_f64 rt_f64_min(rt_f64 x, rt_f64 y) { return fmin(x, y); }
rt_f64 rt_f64_max(rt_f64 x, rt_f64 y) { return fmax(x, y); }

/* f64::cbrt is core's own, correctly rounded (rustc 1.95 no longer calls
 * the C library's, which gives 3.0000000000000004 for 27). cbrtl gives a
 * first guess; the result is then the double whose rounding interval holds
 * the true root, decided by cubing the interval's ends in 113-bit floats:
 * a midpoint has 54 significant bits, so its square is exact and the cube
 * is within 2^-112 relative, far closer than any cube can come to x. */
rt_f64 rt_f64_cbrt(rt_f64 x) {
    if (x != x || x == 0.0 || __builtin_isinf(x)) return x;
    rt_f64 ax = fabs(x);
    rt_f64 c = (rt_f64)cbrtl((long double)ax);
    for (int i = 0; i < 4; i++) {
        __float128 up = ((__float128)c + (__float128)nextafter(c, INFINITY)) / 2;
        __float128 down = ((__float128)c + (__float128)nextafter(c, 0.0)) / 2;
        if (up * up * up < (__float128)ax)
            c = nextafter(c, INFINITY);
        else if (down * down * down > (__float128)ax)
            c = nextafter(c, 0.0);
        else
            break;
    }
    return x < 0 ? -c : c;
}

/* f64::fract is `self - self.trunc()`. */
rt_f64 rt_f64_fract(rt_f64 x) { return x - trunc(x); }

/* f64::signum: NaN stays NaN, zeroes keep their sign as +-1.0. */
rt_f64 rt_f64_signum(rt_f64 x) {
    if (x != x) return x;
    return copysign(1.0, x);
}
