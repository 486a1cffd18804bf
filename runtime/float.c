/* float.c — f64 and f32 formatting exactly as Rust's core::fmt::float and
 * core::num::flt2dec: shortest round-trip digits (Display, Debug, {:e}) and
 * exact digits rounded half to even (precision), computed with the Dragon4
 * algorithm on a fixed 1280-bit bignum. Rust tries Grisu first but falls
 * back to Dragon whenever Grisu is unsure, so both give the same digits. */
#include "rt_internal.h"

/* ---- Big32x40 ---- */

#define BIG_DIGITS 40

typedef struct Big {
    rt_usize size;           /* digits in use; base[size..] are zero */
    rt_u32 base[BIG_DIGITS];
} Big;

static void big_from_u64(Big *b, rt_u64 v) {
    memset(b, 0, sizeof *b);
    while (v) {
        b->base[b->size++] = (rt_u32)v;
        v >>= 32;
    }
}

static rt_bool big_is_zero(const Big *b) {
    for (rt_usize i = 0; i < b->size; i++)
        if (b->base[i]) return 0;
    return 1;
}

static void big_add(Big *a, const Big *b) {
    rt_usize n = a->size > b->size ? a->size : b->size;
    rt_u64 carry = 0;
    for (rt_usize i = 0; i < n; i++) {
        rt_u64 s = (rt_u64)a->base[i] + b->base[i] + carry;
        a->base[i] = (rt_u32)s;
        carry = s >> 32;
    }
    if (carry) {
        if (n == BIG_DIGITS) rti_internal_error("bignum overflow");
        a->base[n++] = (rt_u32)carry;
    }
    a->size = n;
}

static void big_sub(Big *a, const Big *b) {   /* a >= b */
    rt_usize n = a->size > b->size ? a->size : b->size;
    rt_i64 borrow = 0;
    for (rt_usize i = 0; i < n; i++) {
        rt_i64 d = (rt_i64)a->base[i] - (rt_i64)b->base[i] - borrow;
        borrow = d < 0;
        a->base[i] = (rt_u32)(d + (borrow ? ((rt_i64)1 << 32) : 0));
    }
    while (n > 0 && a->base[n - 1] == 0) n--;
    a->size = n;
}

static void big_mul_small(Big *a, rt_u32 m) {
    rt_u64 carry = 0;
    for (rt_usize i = 0; i < a->size; i++) {
        rt_u64 p = (rt_u64)a->base[i] * m + carry;
        a->base[i] = (rt_u32)p;
        carry = p >> 32;
    }
    if (carry) {
        if (a->size == BIG_DIGITS) rti_internal_error("bignum overflow");
        a->base[a->size++] = (rt_u32)carry;
    }
}

static void big_mul_pow2(Big *a, rt_usize bits) {
    rt_usize digits = bits / 32, rem = bits % 32;
    if (a->size == 0) return;
    if (a->size + digits + (rem ? 1 : 0) > BIG_DIGITS) rti_internal_error("bignum overflow");
    for (rt_usize i = a->size; i-- > 0;) a->base[i + digits] = a->base[i];
    for (rt_usize i = 0; i < digits; i++) a->base[i] = 0;
    rt_usize sz = a->size + digits;
    if (rem) {
        rt_u32 over = a->base[sz - 1] >> (32 - rem);
        for (rt_usize i = sz - 1; i > digits; i--)
            a->base[i] = (a->base[i] << rem) | (a->base[i - 1] >> (32 - rem));
        a->base[digits] <<= rem;
        if (over) a->base[sz++] = over;
    }
    a->size = sz;
}

static void big_mul_digits(Big *a, const rt_u32 *other, rt_usize n) {
    rt_u32 ret[BIG_DIGITS] = {0};
    rt_usize retsz = 0;
    for (rt_usize i = 0; i < a->size; i++) {
        rt_u64 carry = 0;
        rt_usize j = 0;
        for (; j < n; j++) {
            if (i + j >= BIG_DIGITS) rti_internal_error("bignum overflow");
            rt_u64 v = (rt_u64)a->base[i] * other[j] + ret[i + j] + carry;
            ret[i + j] = (rt_u32)v;
            carry = v >> 32;
        }
        rt_usize k = i + j;
        while (carry) {
            if (k >= BIG_DIGITS) rti_internal_error("bignum overflow");
            rt_u64 v = (rt_u64)ret[k] + carry;
            ret[k] = (rt_u32)v;
            carry = v >> 32;
            k++;
        }
        if (k > retsz) retsz = k;
    }
    while (retsz > 0 && ret[retsz - 1] == 0) retsz--;
    memcpy(a->base, ret, sizeof ret);
    a->size = retsz;
}

static rt_u32 big_div_rem_small(Big *a, rt_u32 d) {
    rt_u64 rem = 0;
    for (rt_usize i = a->size; i-- > 0;) {
        rt_u64 v = (rem << 32) | a->base[i];
        a->base[i] = (rt_u32)(v / d);
        rem = v % d;
    }
    while (a->size > 0 && a->base[a->size - 1] == 0) a->size--;
    return (rt_u32)rem;
}

static int big_cmp(const Big *a, const Big *b) {
    rt_usize n = a->size > b->size ? a->size : b->size;
    for (rt_usize i = n; i-- > 0;) {
        if (a->base[i] != b->base[i]) return a->base[i] < b->base[i] ? -1 : 1;
    }
    return 0;
}

/* ---- dragon.rs ---- */

static const rt_u32 POW10[10] = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000};
static const rt_u32 POW5TO16[] = {0x86f26fc1, 0x23};
static const rt_u32 POW5TO32[] = {0x85acef81, 0x2d6d415b, 0x4ee};
static const rt_u32 POW5TO64[] = {0xbf6a1f01, 0x6e38ed64, 0xdaa797ed, 0xe93ff9f4, 0x184f03};
static const rt_u32 POW5TO128[] = {0x2e953e01, 0x3df9909,  0xf1538fd,  0x2374e42f, 0xd3cff5ec,
                                   0xc404dc08, 0xbccdb0da, 0xa6337f19, 0xe91f2603, 0x24e};
static const rt_u32 POW5TO256[] = {0x982e7c01, 0xbed3875b, 0xd8d99f72, 0x12152f87, 0x6bde50c6,
                                   0xcf4a6e70, 0xd595d80f, 0x26b2716e, 0xadc666b0, 0x1d153624,
                                   0x3c42d35a, 0x63ff540e, 0xcc5573c0, 0x65f9ef17, 0x55bc28f2,
                                   0x80dcc7f7, 0xf46eeddc, 0x5fdcefce, 0x553f7};
#define LEN(a) (sizeof(a) / sizeof((a)[0]))

static void mul_pow10(Big *x, rt_usize n) {
    if (n < 8) {
        big_mul_small(x, POW10[n & 7]);
        return;
    }
    if (n & 7) big_mul_small(x, POW10[n & 7] >> (n & 7));
    if (n & 8) big_mul_small(x, POW10[8] >> 8);
    if (n & 16) big_mul_digits(x, POW5TO16, LEN(POW5TO16));
    if (n & 32) big_mul_digits(x, POW5TO32, LEN(POW5TO32));
    if (n & 64) big_mul_digits(x, POW5TO64, LEN(POW5TO64));
    if (n & 128) big_mul_digits(x, POW5TO128, LEN(POW5TO128));
    if (n & 256) big_mul_digits(x, POW5TO256, LEN(POW5TO256));
    big_mul_pow2(x, n);
}

static void div_2pow10(Big *x, rt_usize n) {
    rt_usize largest = 9;
    while (n > largest) {
        big_div_rem_small(x, POW10[largest]);
        n -= largest;
    }
    big_div_rem_small(x, POW10[n] << 1);
}

/* decoder.rs: v = mant * 2^exp; anything in (mant - minus, mant + plus) *
 * 2^exp rounds to v, bounds included when inclusive. */
typedef struct Decoded {
    rt_u64 mant, minus, plus;
    rt_i32 exp;
    rt_bool inclusive;
} Decoded;

enum { FD_NAN, FD_INF, FD_ZERO, FD_FINITE };

static int decode(rt_u64 bits, rt_u32 mant_bits, rt_u32 exp_bits, rt_bool *negative, Decoded *d) {
    rt_u64 frac_mask = ((rt_u64)1 << mant_bits) - 1;
    rt_u32 exp_mask = (1u << exp_bits) - 1;
    rt_i32 bias = (rt_i32)(exp_mask >> 1);
    rt_u32 e = (rt_u32)(bits >> mant_bits) & exp_mask;
    rt_u64 frac = bits & frac_mask;
    *negative = (bits >> (mant_bits + exp_bits)) & 1;
    if (e == exp_mask) return frac ? FD_NAN : FD_INF;
    if (e == 0 && frac == 0) return FD_ZERO;
    /* RawFloat::integer_decode */
    rt_u64 mant = e == 0 ? frac << 1 : frac | ((rt_u64)1 << mant_bits);
    rt_i32 exp = (rt_i32)e - bias - (rt_i32)mant_bits;
    d->inclusive = (mant & 1) == 0;
    if (e == 0) {
        d->mant = mant;
        d->minus = d->plus = 1;
        d->exp = exp;
    } else if (mant == ((rt_u64)1 << mant_bits)) {
        /* the smallest mantissa: the gap below is half the gap above */
        d->mant = mant << 2;
        d->minus = 1;
        d->plus = 2;
        d->exp = exp - 2;
    } else {
        d->mant = mant << 1;
        d->minus = d->plus = 1;
        d->exp = exp - 1;
    }
    return FD_FINITE;
}

static rt_i32 estimate_scaling_factor(rt_u64 mant, rt_i32 exp) {
    /* 2^(nbits-1) < mant <= 2^nbits */
    rt_i64 nbits = mant == 1 ? 0 : 64 - __builtin_clzll(mant - 1);
    return (rt_i32)(((nbits + exp) * 1292913986LL) >> 32);
}

/* Returns Some(c) of round_up as c, or 0 for None. */
static char round_up(char *d, rt_usize n) {
    rt_usize i = n;
    while (i > 0 && d[i - 1] == '9') i--;
    if (i > 0) {
        d[i - 1]++;
        for (rt_usize k = i; k < n; k++) d[k] = '0';
        return 0;
    }
    if (n == 0) return '1';
    d[0] = '1';
    for (rt_usize k = 1; k < n; k++) d[k] = '0';
    return '0';
}

static void div_rem_upto_16(Big *x, const Big *s, const Big *s2, const Big *s4, const Big *s8, rt_u32 *digit) {
    rt_u32 d = 0;
    if (big_cmp(x, s8) >= 0) { big_sub(x, s8); d += 8; }
    if (big_cmp(x, s4) >= 0) { big_sub(x, s4); d += 4; }
    if (big_cmp(x, s2) >= 0) { big_sub(x, s2); d += 2; }
    if (big_cmp(x, s) >= 0) { big_sub(x, s); d += 1; }
    *digit = d;
}

#define MAX_SIG_DIGITS 17

/* format_shortest: the shortest digits that round-trip; returns the count,
 * with *k such that v = 0.d1d2... * 10^k. */
static rt_usize format_shortest(const Decoded *d, char *buf, rt_i32 *kout) {
    /* `a.cmp(b) < rounding` is a <= b when inclusive, a < b otherwise */
    int rounding = d->inclusive ? 1 : 0;
    rt_i32 k = estimate_scaling_factor(d->mant + d->plus, d->exp);
    Big mant, minus, plus, scale, tmp;
    big_from_u64(&mant, d->mant);
    big_from_u64(&minus, d->minus);
    big_from_u64(&plus, d->plus);
    big_from_u64(&scale, 1);
    if (d->exp < 0) {
        big_mul_pow2(&scale, (rt_usize)-d->exp);
    } else {
        big_mul_pow2(&mant, (rt_usize)d->exp);
        big_mul_pow2(&minus, (rt_usize)d->exp);
        big_mul_pow2(&plus, (rt_usize)d->exp);
    }
    if (k >= 0) {
        mul_pow10(&scale, (rt_usize)k);
    } else {
        mul_pow10(&mant, (rt_usize)-k);
        mul_pow10(&minus, (rt_usize)-k);
        mul_pow10(&plus, (rt_usize)-k);
    }
    tmp = mant;
    big_add(&tmp, &plus);
    if (big_cmp(&scale, &tmp) < rounding) {
        k++;
    } else {
        big_mul_small(&mant, 10);
        big_mul_small(&minus, 10);
        big_mul_small(&plus, 10);
    }
    Big scale2 = scale, scale4 = scale, scale8 = scale;
    big_mul_pow2(&scale2, 1);
    big_mul_pow2(&scale4, 2);
    big_mul_pow2(&scale8, 3);
    rt_bool down, up;
    rt_usize i = 0;
    for (;;) {
        rt_u32 digit;
        div_rem_upto_16(&mant, &scale, &scale2, &scale4, &scale8, &digit);
        buf[i++] = (char)('0' + digit);
        down = big_cmp(&mant, &minus) < rounding;
        tmp = mant;
        big_add(&tmp, &plus);
        up = big_cmp(&scale, &tmp) < rounding;
        if (down || up) break;
        big_mul_small(&mant, 10);
        big_mul_small(&minus, 10);
        big_mul_small(&plus, 10);
    }
    if (up) {
        rt_bool round = !down;
        if (!round) {
            big_mul_pow2(&mant, 1);
            round = big_cmp(&mant, &scale) >= 0;
        }
        if (round) {
            char c = round_up(buf, i);
            if (c) {
                buf[i++] = c;
                k++;
            }
        }
    }
    *kout = k;
    return i;
}

/* format_exact: up to len digits, stopping at 10^limit, rounded half to
 * even on the exact value. */
static rt_usize format_exact(const Decoded *d, char *buf, rt_usize buflen, rt_i32 limit, rt_i32 *kout) {
    rt_i32 k = estimate_scaling_factor(d->mant, d->exp);
    Big mant, scale, tmp;
    big_from_u64(&mant, d->mant);
    big_from_u64(&scale, 1);
    if (d->exp < 0)
        big_mul_pow2(&scale, (rt_usize)-d->exp);
    else
        big_mul_pow2(&mant, (rt_usize)d->exp);
    if (k >= 0)
        mul_pow10(&scale, (rt_usize)k);
    else
        mul_pow10(&mant, (rt_usize)-k);
    tmp = scale;
    div_2pow10(&tmp, buflen);
    big_add(&tmp, &mant);
    if (big_cmp(&tmp, &scale) >= 0)
        k++;
    else
        big_mul_small(&mant, 10);
    rt_usize len;
    if (k < limit)
        len = 0;
    else if ((rt_usize)((rt_i64)k - limit) < buflen)
        len = (rt_usize)(k - limit);
    else
        len = buflen;
    if (len > 0) {
        Big scale2 = scale, scale4 = scale, scale8 = scale;
        big_mul_pow2(&scale2, 1);
        big_mul_pow2(&scale4, 2);
        big_mul_pow2(&scale8, 3);
        for (rt_usize i = 0; i < len; i++) {
            if (big_is_zero(&mant)) {
                for (rt_usize j = i; j < len; j++) buf[j] = '0';
                *kout = k;
                return len;
            }
            rt_u32 digit;
            div_rem_upto_16(&mant, &scale, &scale2, &scale4, &scale8, &digit);
            buf[i] = (char)('0' + digit);
            big_mul_small(&mant, 10);
        }
    }
    big_mul_small(&scale, 5);
    int order = big_cmp(&mant, &scale);
    if (order > 0 || (order == 0 && len > 0 && (buf[len - 1] & 1))) {
        char c = round_up(buf, len);
        if (c) {
            k++;
            if (k > limit && len < buflen) buf[len++] = c;
        }
    }
    *kout = k;
    return len;
}

/* ---- flt2dec/mod.rs: digits to parts ---- */

static void part_copy(RtiFormatted *fm, const void *p, rt_usize n) {
    fm->parts[fm->nparts++] = (RtiPart){RTI_PART_COPY, (const rt_u8 *)p, n, 0};
}

static void part_zero(RtiFormatted *fm, rt_usize n) {
    fm->parts[fm->nparts++] = (RtiPart){RTI_PART_ZERO, RT_NULL, n, 0};
}

static void part_num(RtiFormatted *fm, rt_u16 v) {
    fm->parts[fm->nparts++] = (RtiPart){RTI_PART_NUM, RT_NULL, 0, v};
}

static void digits_to_dec_str(const char *buf, rt_usize n, rt_i32 exp, rt_usize frac_digits, RtiFormatted *fm) {
    if (exp <= 0) {
        rt_usize minus_exp = (rt_usize)-exp;
        part_copy(fm, "0.", 2);
        part_zero(fm, minus_exp);
        part_copy(fm, buf, n);
        if (frac_digits > n && frac_digits - n > minus_exp) part_zero(fm, (frac_digits - n) - minus_exp);
    } else {
        rt_usize e = (rt_usize)exp;
        if (e < n) {
            part_copy(fm, buf, e);
            part_copy(fm, ".", 1);
            part_copy(fm, buf + e, n - e);
            if (frac_digits > n - e) part_zero(fm, frac_digits - (n - e));
        } else {
            part_copy(fm, buf, n);
            part_zero(fm, e - n);
            if (frac_digits > 0) {
                part_copy(fm, ".", 1);
                part_zero(fm, frac_digits);
            }
        }
    }
}

static void digits_to_exp_str(const char *buf, rt_usize n, rt_i32 exp, rt_usize min_ndigits, rt_bool upper,
                              RtiFormatted *fm) {
    part_copy(fm, buf, 1);
    if (n > 1 || min_ndigits > 1) {
        part_copy(fm, ".", 1);
        part_copy(fm, buf + 1, n - 1);
        if (min_ndigits > n) part_zero(fm, min_ndigits - n);
    }
    rt_i32 e = exp - 1;
    if (e < 0) {
        part_copy(fm, upper ? "E-" : "e-", 2);
        part_num(fm, (rt_u16)-e);
    } else {
        part_copy(fm, upper ? "E" : "e", 1);
        part_num(fm, (rt_u16)e);
    }
}

static const char *determine_sign(int kind, rt_bool negative, rt_bool plus) {
    if (kind == FD_NAN) return "";
    if (negative) return "-";
    return plus ? "+" : "";
}

static rt_usize estimate_max_buf_len(rt_i32 exp) {
    return 21 + ((rt_usize)((exp < 0 ? -12 : 5) * exp) >> 4);
}

/* A float's bits and layout, so f32 and f64 share one implementation. */
typedef struct Flt {
    rt_u64 bits;
    rt_u32 mant_bits, exp_bits;
} Flt;

/* The digit buffer must outlive the parts that point into it. */
typedef struct Digits {
    char buf[1100];
} Digits;

static void to_shortest_str(Flt v, rt_bool plus, rt_usize frac_digits, Digits *dg, RtiFormatted *fm) {
    rt_bool negative;
    Decoded d;
    int kind = decode(v.bits, v.mant_bits, v.exp_bits, &negative, &d);
    fm->sign = determine_sign(kind, negative, plus);
    fm->nparts = 0;
    if (kind == FD_NAN) {
        part_copy(fm, "NaN", 3);
    } else if (kind == FD_INF) {
        part_copy(fm, "inf", 3);
    } else if (kind == FD_ZERO) {
        if (frac_digits > 0) {
            part_copy(fm, "0.", 2);
            part_zero(fm, frac_digits);
        } else {
            part_copy(fm, "0", 1);
        }
    } else {
        rt_i32 k;
        rt_usize n = format_shortest(&d, dg->buf, &k);
        digits_to_dec_str(dg->buf, n, k, frac_digits, fm);
    }
}

static void to_shortest_exp_str(Flt v, rt_bool plus, rt_bool upper, Digits *dg, RtiFormatted *fm) {
    rt_bool negative;
    Decoded d;
    int kind = decode(v.bits, v.mant_bits, v.exp_bits, &negative, &d);
    fm->sign = determine_sign(kind, negative, plus);
    fm->nparts = 0;
    if (kind == FD_NAN) {
        part_copy(fm, "NaN", 3);
    } else if (kind == FD_INF) {
        part_copy(fm, "inf", 3);
    } else if (kind == FD_ZERO) {
        /* dec_bounds is (0, 0) for every caller: always the exp form */
        part_copy(fm, upper ? "0E0" : "0e0", 3);
    } else {
        rt_i32 k;
        rt_usize n = format_shortest(&d, dg->buf, &k);
        digits_to_exp_str(dg->buf, n, k, 0, upper, fm);
    }
}

static void to_exact_exp_str(Flt v, rt_bool plus, rt_usize ndigits, rt_bool upper, Digits *dg, RtiFormatted *fm) {
    rt_bool negative;
    Decoded d;
    int kind = decode(v.bits, v.mant_bits, v.exp_bits, &negative, &d);
    fm->sign = determine_sign(kind, negative, plus);
    fm->nparts = 0;
    if (kind == FD_NAN) {
        part_copy(fm, "NaN", 3);
    } else if (kind == FD_INF) {
        part_copy(fm, "inf", 3);
    } else if (kind == FD_ZERO) {
        if (ndigits > 1) {
            part_copy(fm, "0.", 2);
            part_zero(fm, ndigits - 1);
            part_copy(fm, upper ? "E0" : "e0", 2);
        } else {
            part_copy(fm, upper ? "0E0" : "0e0", 3);
        }
    } else {
        rt_usize maxlen = estimate_max_buf_len(d.exp);
        rt_usize trunc = ndigits < maxlen ? ndigits : maxlen;
        rt_i32 k;
        rt_usize n = format_exact(&d, dg->buf, trunc, -32768, &k);
        digits_to_exp_str(dg->buf, n, k, ndigits, upper, fm);
    }
}

static void to_exact_fixed_str(Flt v, rt_bool plus, rt_usize frac_digits, Digits *dg, RtiFormatted *fm) {
    rt_bool negative;
    Decoded d;
    int kind = decode(v.bits, v.mant_bits, v.exp_bits, &negative, &d);
    fm->sign = determine_sign(kind, negative, plus);
    fm->nparts = 0;
    if (kind == FD_NAN) {
        part_copy(fm, "NaN", 3);
    } else if (kind == FD_INF) {
        part_copy(fm, "inf", 3);
    } else if (kind == FD_ZERO) {
        if (frac_digits > 0) {
            part_copy(fm, "0.", 2);
            part_zero(fm, frac_digits);
        } else {
            part_copy(fm, "0", 1);
        }
    } else {
        rt_usize maxlen = estimate_max_buf_len(d.exp);
        rt_i32 limit = frac_digits < 0x8000 ? -(rt_i32)frac_digits : -32768;
        rt_i32 k;
        rt_usize n = format_exact(&d, dg->buf, maxlen, limit, &k);
        if (k <= limit) {
            if (frac_digits > 0) {
                part_copy(fm, "0.", 2);
                part_zero(fm, frac_digits);
            } else {
                part_copy(fm, "0", 1);
            }
        } else {
            digits_to_dec_str(dg->buf, n, k, frac_digits, fm);
        }
    }
}

/* ---- core::fmt::float ---- */

static rt_bool has_precision(const RtFormatter *f) {
    return (f->spec.flags & RT_FMT_PRECISION) != 0;
}

static rt_i32 float_display(RtFormatter *f, Flt v) {
    Digits dg;
    RtiFormatted fm;
    rt_bool plus = rt_formatter_sign_plus(f);
    if (has_precision(f))
        to_exact_fixed_str(v, plus, f->spec.precision, &dg, &fm);
    else
        to_shortest_str(v, plus, 0, &dg, &fm);
    return rti_pad_formatted_parts(f, &fm);
}

static rt_i32 float_exp(RtFormatter *f, Flt v, rt_bool upper) {
    Digits dg;
    RtiFormatted fm;
    rt_bool plus = rt_formatter_sign_plus(f);
    if (has_precision(f))
        to_exact_exp_str(v, plus, (rt_usize)f->spec.precision + 1, upper, &dg, &fm);
    else
        to_shortest_exp_str(v, plus, upper, &dg, &fm);
    return rti_pad_formatted_parts(f, &fm);
}

/* float_to_general_debug: decimal with at least one fractional digit, or
 * the exponent form outside [1e-4, 1e16). */
static rt_i32 float_debug(RtFormatter *f, Flt v, rt_f64 abs) {
    Digits dg;
    RtiFormatted fm;
    rt_bool plus = rt_formatter_sign_plus(f);
    if (has_precision(f))
        to_exact_fixed_str(v, plus, f->spec.precision, &dg, &fm);
    else if ((abs != 0.0 && abs < 1e-4) || abs >= 1e16)
        to_shortest_exp_str(v, plus, 0, &dg, &fm);
    else
        to_shortest_str(v, plus, 1, &dg, &fm);
    return rti_pad_formatted_parts(f, &fm);
}

static Flt flt64(const void *v) {
    Flt x = {0, 52, 11};
    memcpy(&x.bits, v, 8);
    return x;
}

static Flt flt32(const void *v) {
    rt_u32 b;
    memcpy(&b, v, 4);
    Flt x = {b, 23, 8};
    return x;
}

static rt_f64 abs64(const void *v) {
    rt_f64 x = *(const rt_f64 *)v;
    return x < 0 ? -x : x;
}

/* f32's abs is compared in f32, as Rust's f32 impl does (1e-4f rounds). */
static rt_bool f32_exp_form(const void *v) {
    rt_f32 x = *(const rt_f32 *)v;
    rt_f32 a = x < 0 ? -x : x;
    return (a != 0.0f && a < 1e-4f) || a >= 1e16f;
}

rt_i32 rt_fmt_display_f64(const void *v, RtFormatter *f) {
    return float_display(f, flt64(v));
}

rt_i32 rt_fmt_debug_f64(const void *v, RtFormatter *f) {
    return float_debug(f, flt64(v), abs64(v));
}

rt_i32 rt_fmt_lower_exp_f64(const void *v, RtFormatter *f) {
    return float_exp(f, flt64(v), 0);
}

rt_i32 rt_fmt_upper_exp_f64(const void *v, RtFormatter *f) {
    return float_exp(f, flt64(v), 1);
}

rt_i32 rt_fmt_display_f32(const void *v, RtFormatter *f) {
    return float_display(f, flt32(v));
}

rt_i32 rt_fmt_debug_f32(const void *v, RtFormatter *f) {
    /* float_debug decides on an f64 abs; pass one on the same side of the
     * bounds as the f32 comparison. */
    return float_debug(f, flt32(v), f32_exp_form(v) ? 1e17 : 1.0);
}

rt_i32 rt_fmt_lower_exp_f32(const void *v, RtFormatter *f) {
    return float_exp(f, flt32(v), 0);
}

rt_i32 rt_fmt_upper_exp_f32(const void *v, RtFormatter *f) {
    return float_exp(f, flt32(v), 1);
}
