/* fmt.c — std::fmt as Rust 1.95 implements it: the format_args driver, the
 * Formatter's padding rules (pad, pad_integral, pad_formatted_parts),
 * integers in every radix and in exponent form, bool/char/str with Debug
 * escapes, and the Debug builders with {:#?}'s pad adapter. Each function
 * follows its counterpart in library/core/src/fmt so output matches byte for
 * byte; floats are in float.c. */
#include "rt_internal.h"

/* ---- writing ---- */

rt_i32 rti_write(RtFormatter *f, const void *p, rt_usize n) {
    return f->out->write_str(f->out, (const rt_u8 *)p, n);
}

static rt_i32 write_cstr(RtFormatter *f, const char *s) {
    return rti_write(f, s, strlen(s));
}

static rt_i32 write_char(RtFormatter *f, rt_char c) {
    rt_u8 b[4];
    return rti_write(f, b, rt_char_encode_utf8(c, b));
}

static rt_i32 string_writer_write(RtWriter *self, const rt_u8 *p, rt_usize n) {
    RtiStringWriter *sw = (RtiStringWriter *)self;
    rt_string_push_str(sw->s, (RtStr){p, n});
    return RT_FMT_OK;
}

void rti_string_writer(RtiStringWriter *sw, RtString *s) {
    sw->w.write_str = string_writer_write;
    sw->s = s;
}

/* ---- options ---- */

static rt_bool has_width(const RtFormatter *f) {
    return (f->spec.flags & RT_FMT_WIDTH) != 0;
}

static rt_bool has_precision(const RtFormatter *f) {
    return (f->spec.flags & RT_FMT_PRECISION) != 0;
}

/* The width Rust compares against: 0 when no width is set. */
static rt_usize width_of(const RtFormatter *f) {
    return has_width(f) ? f->spec.width : 0;
}

static rt_char fill_of(const RtFormatter *f) {
    return f->spec.flags & RT_FMT_FILL_MASK;
}

rt_bool rt_formatter_width(const RtFormatter *f, rt_usize *out) {
    if (!has_width(f)) return 0;
    *out = f->spec.width;
    return 1;
}

rt_bool rt_formatter_precision(const RtFormatter *f, rt_usize *out) {
    if (!has_precision(f)) return 0;
    *out = f->spec.precision;
    return 1;
}

rt_char rt_formatter_fill(const RtFormatter *f) {
    return fill_of(f);
}

rt_bool rt_formatter_alternate(const RtFormatter *f) {
    return (f->spec.flags & RT_FMT_ALTERNATE) != 0;
}

rt_bool rt_formatter_sign_plus(const RtFormatter *f) {
    return (f->spec.flags & RT_FMT_SIGN_PLUS) != 0;
}

rt_bool rt_formatter_sign_minus(const RtFormatter *f) {
    return (f->spec.flags & RT_FMT_SIGN_MINUS) != 0;
}

rt_bool rt_formatter_sign_aware_zero_pad(const RtFormatter *f) {
    return (f->spec.flags & RT_FMT_ZERO_PAD) != 0;
}

static void set_fill_align(RtFormatter *f, rt_char fill, rt_u32 align) {
    f->spec.flags = (f->spec.flags & ~(RT_FMT_FILL_MASK | RT_FMT_ALIGN_MASK)) | fill | align;
}

/* ---- padding (Formatter::padding and friends) ---- */

enum { LEFT, RIGHT, CENTER };

/* Writes the pre-padding and returns the post-padding count. */
static rt_i32 padding(RtFormatter *f, rt_usize pad, int default_align, rt_usize *post) {
    int align;
    switch (f->spec.flags & RT_FMT_ALIGN_MASK) {
    case RT_FMT_ALIGN_LEFT: align = LEFT; break;
    case RT_FMT_ALIGN_RIGHT: align = RIGHT; break;
    case RT_FMT_ALIGN_CENTER: align = CENTER; break;
    default: align = default_align; break;
    }
    rt_usize left = align == LEFT ? 0 : align == RIGHT ? pad : pad / 2;
    rt_char fill = fill_of(f);
    for (rt_usize i = 0; i < left; i++)
        if (write_char(f, fill)) return RT_FMT_ERR;
    *post = pad - left;
    return RT_FMT_OK;
}

static rt_i32 post_padding(RtFormatter *f, rt_char fill, rt_usize n) {
    for (rt_usize i = 0; i < n; i++)
        if (write_char(f, fill)) return RT_FMT_ERR;
    return RT_FMT_OK;
}

rt_i32 rt_formatter_pad(RtFormatter *f, RtStr s) {
    if (!has_width(f) && !has_precision(f)) return rti_write(f, s.ptr, s.len);
    rt_usize chars;
    if (has_precision(f)) {
        /* The precision truncates to that many chars. */
        rt_usize max = f->spec.precision, n = 0, off = 0;
        while (n < max && off < s.len) {
            rt_char c;
            off += rti_utf8_decode(s.ptr + off, s.ptr + s.len, &c);
            n++;
        }
        s.len = off;
        chars = n;
    } else {
        chars = rt_str_char_count(s);
    }
    if (chars < width_of(f)) {
        rt_usize post;
        rt_char fill = fill_of(f);
        if (padding(f, width_of(f) - chars, LEFT, &post)) return RT_FMT_ERR;
        if (rti_write(f, s.ptr, s.len)) return RT_FMT_ERR;
        return post_padding(f, fill, post);
    }
    return rti_write(f, s.ptr, s.len);
}

static rt_i32 write_prefix(RtFormatter *f, rt_char sign, RtStr prefix, rt_bool use_prefix) {
    if (sign && write_char(f, sign)) return RT_FMT_ERR;
    if (use_prefix) return rti_write(f, prefix.ptr, prefix.len);
    return RT_FMT_OK;
}

rt_i32 rt_formatter_pad_integral(RtFormatter *f, rt_bool is_nonnegative, RtStr prefix, RtStr buf) {
    rt_usize width = buf.len;
    rt_char sign = 0;
    if (!is_nonnegative) {
        sign = '-';
        width++;
    } else if (rt_formatter_sign_plus(f)) {
        sign = '+';
        width++;
    }
    rt_bool use_prefix = rt_formatter_alternate(f);
    if (use_prefix) width += rt_str_char_count(prefix);
    rt_usize min = width_of(f);
    if (width >= min) {
        if (write_prefix(f, sign, prefix, use_prefix)) return RT_FMT_ERR;
        return rti_write(f, buf.ptr, buf.len);
    }
    rt_usize post;
    if (rt_formatter_sign_aware_zero_pad(f)) {
        RtFmtSpec old = f->spec;
        set_fill_align(f, '0', RT_FMT_ALIGN_RIGHT);
        if (write_prefix(f, sign, prefix, use_prefix)) return RT_FMT_ERR;
        if (padding(f, min - width, RIGHT, &post)) return RT_FMT_ERR;
        if (rti_write(f, buf.ptr, buf.len)) return RT_FMT_ERR;
        if (post_padding(f, '0', post)) return RT_FMT_ERR;
        f->spec = old;
        return RT_FMT_OK;
    }
    rt_char fill = fill_of(f);
    if (padding(f, min - width, RIGHT, &post)) return RT_FMT_ERR;
    if (write_prefix(f, sign, prefix, use_prefix)) return RT_FMT_ERR;
    if (rti_write(f, buf.ptr, buf.len)) return RT_FMT_ERR;
    return post_padding(f, fill, post);
}

static rt_usize num_len(rt_u16 v) {
    return v < 10 ? 1 : v < 100 ? 2 : v < 1000 ? 3 : v < 10000 ? 4 : 5;
}

static rt_usize formatted_len(const RtiFormatted *fm) {
    rt_usize n = strlen(fm->sign);
    for (rt_usize i = 0; i < fm->nparts; i++)
        n += fm->parts[i].kind == RTI_PART_NUM ? num_len(fm->parts[i].num) : fm->parts[i].n;
    return n;
}

static rt_i32 write_formatted_parts(RtFormatter *f, const RtiFormatted *fm) {
    static const char zeroes[] = "0000000000000000000000000000000000000000000000000000000000000000";
    if (fm->sign[0] && write_cstr(f, fm->sign)) return RT_FMT_ERR;
    for (rt_usize i = 0; i < fm->nparts; i++) {
        const RtiPart *p = &fm->parts[i];
        switch (p->kind) {
        case RTI_PART_ZERO: {
            rt_usize n = p->n;
            while (n > 64) {
                if (rti_write(f, zeroes, 64)) return RT_FMT_ERR;
                n -= 64;
            }
            if (n && rti_write(f, zeroes, n)) return RT_FMT_ERR;
            break;
        }
        case RTI_PART_NUM: {
            char s[5];
            rt_usize len = num_len(p->num);
            rt_u16 v = p->num;
            for (rt_usize k = len; k > 0; k--) {
                s[k - 1] = (char)('0' + v % 10);
                v /= 10;
            }
            if (rti_write(f, s, len)) return RT_FMT_ERR;
            break;
        }
        case RTI_PART_COPY:
            if (p->n && rti_write(f, p->ptr, p->n)) return RT_FMT_ERR;
            break;
        }
    }
    return RT_FMT_OK;
}

rt_i32 rti_pad_formatted_parts(RtFormatter *f, const RtiFormatted *fm_in) {
    if (width_of(f) == 0) return write_formatted_parts(f, fm_in);
    RtiFormatted fm = *fm_in;
    rt_usize width = width_of(f);
    RtFmtSpec old = f->spec;
    if (rt_formatter_sign_aware_zero_pad(f)) {
        /* The sign goes first, then zeroes: render as if there were no sign. */
        if (fm.sign[0] && write_cstr(f, fm.sign)) return RT_FMT_ERR;
        rt_usize sl = strlen(fm.sign);
        width = width > sl ? width - sl : 0;
        fm.sign = "";
        set_fill_align(f, '0', RT_FMT_ALIGN_RIGHT);
    }
    rt_usize len = formatted_len(&fm);
    rt_i32 ret;
    if (width <= len) {
        ret = write_formatted_parts(f, &fm);
    } else {
        rt_usize post;
        rt_char fill = fill_of(f);
        ret = padding(f, width - len, RIGHT, &post);
        if (!ret) ret = write_formatted_parts(f, &fm);
        if (!ret) ret = post_padding(f, fill, post);
    }
    f->spec = old;
    return ret;
}

/* ---- the format_args driver ---- */

rt_i32 rt_write_fmt(RtWriter *w, const RtArguments *a) {
    RtFormatter f = {w, RT_SPEC_DEFAULT};
    rt_usize n = a->npieces > a->nargs ? a->npieces : a->nargs;
    for (rt_usize i = 0; i < n; i++) {
        if (i < a->npieces && a->pieces[i].len && w->write_str(w, a->pieces[i].ptr, a->pieces[i].len))
            return RT_FMT_ERR;
        if (i < a->nargs) {
            f.spec = a->args[i].spec;
            if (a->args[i].fmt(a->args[i].value, &f)) return RT_FMT_ERR;
        }
    }
    return RT_FMT_OK;
}

/* Arguments::estimated_capacity: format! preallocates this much, which
 * decides whether (and how often) the String allocates. */
static rt_usize estimated_capacity(const RtArguments *a) {
    rt_usize length = 0;
    rt_bool starts_with_placeholder = 0;
    rt_usize n = a->npieces > a->nargs ? a->npieces : a->nargs;
    for (rt_usize i = 0; i < n; i++) {
        if (i < a->npieces) length += a->pieces[i].len;
        if (i < a->nargs && length == 0) starts_with_placeholder = 1;
    }
    if (a->nargs == 0) return length;
    if (starts_with_placeholder && length < 16) return 0;
    return length * 2;
}

RtString rt_format(const RtArguments *a) {
    RtString s = rt_string_with_capacity(estimated_capacity(a));
    rt_string_write_fmt(&s, a);
    return s;
}

rt_i32 rt_string_write_fmt(RtString *s, const RtArguments *a) {
    RtiStringWriter sw;
    rti_string_writer(&sw, s);
    return rt_write_fmt(&sw.w, a);
}

rt_i32 rt_string_write_str(RtString *s, RtStr t) {
    rt_string_push_str(s, t);
    return RT_FMT_OK;
}

rt_i32 rt_formatter_write_fmt(RtFormatter *f, const RtArguments *a) {
    return rt_write_fmt(f->out, a);
}

rt_i32 rt_formatter_write_str(RtFormatter *f, RtStr s) {
    return rti_write(f, s.ptr, s.len);
}

rt_i32 rt_formatter_write_char(RtFormatter *f, rt_char c) {
    return write_char(f, c);
}

RtString rt_to_string(const void *value, RtFmtFn display) {
    RtString s = rt_string_new();
    RtiStringWriter sw;
    rti_string_writer(&sw, &s);
    RtFormatter f = {&sw.w, RT_SPEC_DEFAULT};
    display(value, &f);
    return s;
}

rt_u16 rt_fmt_count(rt_usize n, RtLoc loc) {
    if (n > 0xFFFF) rt_panic_str(loc, RT_STR("Formatting argument out of range"));
    return (rt_u16)n;
}

/* ---- integers ---- */

static rt_i32 fmt_decimal(RtFormatter *f, rt_u64 n, rt_bool nonneg) {
    char buf[20];
    rt_usize off = sizeof buf;
    do {
        buf[--off] = (char)('0' + n % 10);
        n /= 10;
    } while (n);
    return rt_formatter_pad_integral(f, nonneg, (RtStr){RT_NULL, 0},
                                     (RtStr){(const rt_u8 *)buf + off, sizeof buf - off});
}

static rt_i32 fmt_radix(RtFormatter *f, rt_u64 n, rt_u32 shift, rt_bool upper) {
    static const char lower_digits[] = "0123456789abcdef", upper_digits[] = "0123456789ABCDEF";
    const char *digits = upper ? upper_digits : lower_digits;
    char buf[64];
    rt_usize off = sizeof buf;
    rt_u64 mask = ((rt_u64)1 << shift) - 1;
    do {
        buf[--off] = digits[n & mask];
        n >>= shift;
    } while (n);
    RtStr prefix = shift == 1 ? RT_STR("0b") : shift == 3 ? RT_STR("0o") : RT_STR("0x");
    return rt_formatter_pad_integral(f, 1, prefix, (RtStr){(const rt_u8 *)buf + off, sizeof buf - off});
}

static rt_u32 ilog10(rt_u64 n) {
    rt_u32 e = 0;
    while (n >= 10) {
        n /= 10;
        e++;
    }
    return e;
}

/* impl_Exp's exp_u64: the integer as d.ddde+N, rounding half to even. */
static rt_i32 fmt_int_exp(RtFormatter *f, rt_u64 n, rt_bool nonneg, char letter_e) {
    rt_usize exp = ilog10(n);
    rt_usize coef_prec = exp;
    rt_u64 coef = n;
    rt_usize more_prec = 0;
    if (!has_precision(f)) {
        while (coef_prec != 0 && coef % 10 == 0) {
            coef /= 10;
            coef_prec--;
        }
    } else if (f->spec.precision >= coef_prec) {
        more_prec = f->spec.precision - coef_prec;
    } else {
        rt_usize less_prec = coef_prec - f->spec.precision;
        rt_u64 scale = 1;
        for (rt_usize i = 0; i < less_prec; i++) scale *= 10;
        rt_u64 floor = coef / scale, over = coef % scale, half = scale / 2;
        rt_u64 round_up = over < half ? 0 : over > half ? 1 : (floor & 1);
        coef = floor + round_up;
        coef_prec = f->spec.precision;
        if (round_up != 0 && ilog10(coef) > coef_prec) {
            coef /= 10;
            exp++;
        }
    }
    char buf[24 + 4];
    rt_usize coef_len;
    rt_u64 lead;
    if (coef_prec == 0 && more_prec == 0) {
        lead = coef;
        coef_len = 1;
    } else {
        buf[1] = '.';
        rt_u64 remain = coef;
        for (rt_usize i = 2 + coef_prec; i > 2; i--) {
            buf[i - 1] = (char)('0' + remain % 10);
            remain /= 10;
        }
        lead = remain;
        coef_len = 2 + coef_prec;
    }
    buf[0] = (char)('0' + lead);
    buf[coef_len] = letter_e;
    rt_usize text_len;
    if (exp < 10) {
        buf[coef_len + 1] = (char)('0' + exp);
        text_len = coef_len + 2;
    } else {
        buf[coef_len + 1] = (char)('0' + exp / 10);
        buf[coef_len + 2] = (char)('0' + exp % 10);
        text_len = coef_len + 3;
    }
    if (more_prec == 0)
        return rt_formatter_pad_integral(f, nonneg, (RtStr){RT_NULL, 0}, (RtStr){(const rt_u8 *)buf, text_len});
    RtiFormatted fm = {!nonneg ? "-" : rt_formatter_sign_plus(f) ? "+" : "", 3, {{0}}};
    fm.parts[0] = (RtiPart){RTI_PART_COPY, (const rt_u8 *)buf, coef_len, 0};
    fm.parts[1] = (RtiPart){RTI_PART_ZERO, RT_NULL, more_prec, 0};
    fm.parts[2] = (RtiPart){RTI_PART_COPY, (const rt_u8 *)buf + coef_len, text_len - coef_len, 0};
    return rti_pad_formatted_parts(f, &fm);
}

/* Debug for integers honours {:x?} / {:X?}. */
static rt_i32 fmt_int_debug(RtFormatter *f, rt_u64 bits, rt_u64 abs, rt_bool nonneg) {
    if (f->spec.flags & RT_FMT_DEBUG_LOWER_HEX) return fmt_radix(f, bits, 4, 0);
    if (f->spec.flags & RT_FMT_DEBUG_UPPER_HEX) return fmt_radix(f, bits, 4, 1);
    return fmt_decimal(f, abs, nonneg);
}

/* bits: the two's complement pattern at the type's width (what {:x} shows);
 * abs/nonneg: the magnitude and sign (what {} shows). */
#define INT_FMT_BODY(T, BITS, ABS, NONNEG)                                                     \
    rt_i32 rt_fmt_display_##T(const void *v, RtFormatter *f) {                                 \
        rt_##T x = *(const rt_##T *)v;                                                         \
        return fmt_decimal(f, ABS, NONNEG);                                                    \
    }                                                                                          \
    rt_i32 rt_fmt_debug_##T(const void *v, RtFormatter *f) {                                   \
        rt_##T x = *(const rt_##T *)v;                                                         \
        return fmt_int_debug(f, BITS, ABS, NONNEG);                                            \
    }                                                                                          \
    rt_i32 rt_fmt_lower_hex_##T(const void *v, RtFormatter *f) {                               \
        rt_##T x = *(const rt_##T *)v;                                                         \
        return fmt_radix(f, BITS, 4, 0);                                                       \
    }                                                                                          \
    rt_i32 rt_fmt_upper_hex_##T(const void *v, RtFormatter *f) {                               \
        rt_##T x = *(const rt_##T *)v;                                                         \
        return fmt_radix(f, BITS, 4, 1);                                                       \
    }                                                                                          \
    rt_i32 rt_fmt_octal_##T(const void *v, RtFormatter *f) {                                   \
        rt_##T x = *(const rt_##T *)v;                                                         \
        return fmt_radix(f, BITS, 3, 0);                                                       \
    }                                                                                          \
    rt_i32 rt_fmt_binary_##T(const void *v, RtFormatter *f) {                                  \
        rt_##T x = *(const rt_##T *)v;                                                         \
        return fmt_radix(f, BITS, 1, 0);                                                       \
    }                                                                                          \
    rt_i32 rt_fmt_lower_exp_##T(const void *v, RtFormatter *f) {                               \
        rt_##T x = *(const rt_##T *)v;                                                         \
        return fmt_int_exp(f, ABS, NONNEG, 'e');                                               \
    }                                                                                          \
    rt_i32 rt_fmt_upper_exp_##T(const void *v, RtFormatter *f) {                               \
        rt_##T x = *(const rt_##T *)v;                                                         \
        return fmt_int_exp(f, ABS, NONNEG, 'E');                                               \
    }

#define SIGNED_FMT(T, U)                                                                       \
    INT_FMT_BODY(T, (rt_u64)(rt_##U)x, (x < 0 ? (rt_u64)0 - (rt_u64)(rt_i64)x : (rt_u64)x), x >= 0)
#define UNSIGNED_FMT(T) INT_FMT_BODY(T, (rt_u64)x, (rt_u64)x, 1)

SIGNED_FMT(i8, u8)
SIGNED_FMT(i16, u16)
SIGNED_FMT(i32, u32)
SIGNED_FMT(i64, u64)
SIGNED_FMT(isize, usize)
UNSIGNED_FMT(u8)
UNSIGNED_FMT(u16)
UNSIGNED_FMT(u32)
UNSIGNED_FMT(u64)
UNSIGNED_FMT(usize)

/* ---- bool, char, str ---- */

rt_i32 rt_fmt_display_bool(const void *v, RtFormatter *f) {
    return rt_formatter_pad(f, *(const rt_bool *)v ? RT_STR("true") : RT_STR("false"));
}

rt_i32 rt_fmt_debug_bool(const void *v, RtFormatter *f) {
    return rt_fmt_display_bool(v, f);
}

rt_i32 rt_fmt_display_char(const void *v, RtFormatter *f) {
    rt_char c = *(const rt_char *)v;
    if (!has_width(f) && !has_precision(f)) return write_char(f, c);
    rt_u8 b[4];
    return rt_formatter_pad(f, (RtStr){b, rt_char_encode_utf8(c, b)});
}

/* char::escape_debug_ext: which escape a char gets inside '...' or "...". */
static rt_i32 write_escaped(RtFormatter *f, rt_char c, rt_bool in_str) {
    switch (c) {
    case 0: return write_cstr(f, "\\0");
    case '\t': return write_cstr(f, "\\t");
    case '\r': return write_cstr(f, "\\r");
    case '\n': return write_cstr(f, "\\n");
    case '\\': return write_cstr(f, "\\\\");
    case '"':
        if (in_str) return write_cstr(f, "\\\"");
        break;
    case '\'':
        if (!in_str) return write_cstr(f, "\\'");
        break;
    default: break;
    }
    if (rti_char_needs_unicode_escape(c)) {
        static const char hex[] = "0123456789abcdef";
        char buf[10];
        rt_usize n = 0;
        buf[n++] = '\\';
        buf[n++] = 'u';
        buf[n++] = '{';
        int shift = 20;
        while (shift > 0 && ((c >> shift) & 0xF) == 0) shift -= 4;
        for (; shift >= 0; shift -= 4) buf[n++] = hex[(c >> shift) & 0xF];
        buf[n++] = '}';
        return rti_write(f, buf, n);
    }
    return write_char(f, c);
}

rt_i32 rt_fmt_debug_char(const void *v, RtFormatter *f) {
    if (write_char(f, '\'') || write_escaped(f, *(const rt_char *)v, 0)) return RT_FMT_ERR;
    return write_char(f, '\'');
}

rt_i32 rt_fmt_display_str(const void *v, RtFormatter *f) {
    return rt_formatter_pad(f, *(const RtStr *)v);
}

static rt_i32 debug_str(RtFormatter *f, RtStr s) {
    if (write_char(f, '"')) return RT_FMT_ERR;
    const rt_u8 *p = s.ptr, *end = s.ptr + s.len, *run = p;
    while (p < end) {
        rt_u8 b = *p;
        if (b >= 0x20 && b <= 0x7E && b != '\\' && b != '"') {
            p++;   /* printable ASCII is written in runs, as Rust does */
            continue;
        }
        rt_char c;
        rt_usize n = rti_utf8_decode(p, end, &c);
        rt_bool plain = c >= 0x80 && c != 0 && !rti_char_needs_unicode_escape(c);
        if (!plain) {
            if (p > run && rti_write(f, run, (rt_usize)(p - run))) return RT_FMT_ERR;
            if (write_escaped(f, c, 1)) return RT_FMT_ERR;
            run = p + n;
        }
        p += n;
    }
    if (p > run && rti_write(f, run, (rt_usize)(p - run))) return RT_FMT_ERR;
    return write_char(f, '"');
}

rt_i32 rt_fmt_debug_str(const void *v, RtFormatter *f) {
    return debug_str(f, *(const RtStr *)v);
}

rt_i32 rt_fmt_display_string(const void *v, RtFormatter *f) {
    return rt_formatter_pad(f, rt_string_as_str((const RtString *)v));
}

rt_i32 rt_fmt_debug_string(const void *v, RtFormatter *f) {
    return debug_str(f, rt_string_as_str((const RtString *)v));
}

rt_i32 rt_fmt_debug_unit(const void *v, RtFormatter *f) {
    (void)v;
    return rt_formatter_pad(f, RT_STR("()"));
}

/* ---- Debug builders ---- */

/* PadAdapter: indents every line written through it by four spaces. */
typedef struct PadAdapter {
    RtWriter w;
    RtWriter *inner;
    rt_bool *on_newline;
} PadAdapter;

static rt_i32 pad_adapter_write(RtWriter *self, const rt_u8 *p, rt_usize n) {
    PadAdapter *pa = (PadAdapter *)self;
    while (n > 0) {
        rt_usize k = 0;
        while (k < n && p[k] != '\n') k++;
        if (k < n) k++;   /* split_inclusive keeps the '\n' */
        if (*pa->on_newline && pa->inner->write_str(pa->inner, (const rt_u8 *)"    ", 4)) return RT_FMT_ERR;
        *pa->on_newline = p[k - 1] == '\n';
        if (pa->inner->write_str(pa->inner, p, k)) return RT_FMT_ERR;
        p += k;
        n -= k;
    }
    return RT_FMT_OK;
}

/* A Formatter over a fresh pad adapter, keeping f's options (wrap_buf). */
static void pad_wrap(PadAdapter *pa, rt_bool *state, RtFormatter *f, RtFormatter *out) {
    pa->w.write_str = pad_adapter_write;
    pa->inner = f->out;
    pa->on_newline = state;
    out->out = &pa->w;
    out->spec = f->spec;
}

enum { B_STRUCT, B_TUPLE, B_LIST, B_SET, B_MAP };

static rt_bool pretty(const RtDebugBuilder *b) {
    return rt_formatter_alternate(b->fmt);
}

static void builder_init(RtDebugBuilder *b, RtFormatter *f, rt_u8 kind, rt_i32 result) {
    b->fmt = f;
    b->result = result;
    b->fields = 0;
    b->empty_name = 0;
    b->kind_ = kind;
}

void rt_debug_struct(RtDebugBuilder *b, RtFormatter *f, RtStr name) {
    builder_init(b, f, B_STRUCT, rti_write(f, name.ptr, name.len));
}

void rt_debug_struct_field(RtDebugBuilder *b, RtStr name, const void *value, RtFmtFn fmt) {
    if (!b->result) {
        if (pretty(b)) {
            if (!b->fields && write_cstr(b->fmt, " {\n")) {
                b->result = RT_FMT_ERR;
            } else {
                PadAdapter pa;
                rt_bool state = 1;
                RtFormatter w;
                pad_wrap(&pa, &state, b->fmt, &w);
                b->result = rti_write(&w, name.ptr, name.len) || write_cstr(&w, ": ") || fmt(value, &w) ||
                            write_cstr(&w, ",\n");
            }
        } else {
            b->result = write_cstr(b->fmt, b->fields ? ", " : " { ") || rti_write(b->fmt, name.ptr, name.len) ||
                        write_cstr(b->fmt, ": ") || fmt(value, b->fmt);
        }
    }
    b->fields++;
}

rt_i32 rt_debug_struct_finish(RtDebugBuilder *b) {
    if (b->fields && !b->result) b->result = write_cstr(b->fmt, pretty(b) ? "}" : " }");
    return b->result;
}

/* The "..\n" / ", .." tail of finish_non_exhaustive, for every builder. */
static rt_i32 non_exhaustive(RtDebugBuilder *b, const char *close, const char *flat, const char *empty) {
    if (b->result) return b->result;
    if (b->fields) {
        if (pretty(b)) {
            PadAdapter pa;
            rt_bool state = 1;
            RtFormatter w;
            pad_wrap(&pa, &state, b->fmt, &w);
            b->result = write_cstr(&w, "..\n") || write_cstr(b->fmt, close);
        } else {
            b->result = write_cstr(b->fmt, flat);
        }
    } else {
        b->result = write_cstr(b->fmt, empty);
    }
    return b->result;
}

rt_i32 rt_debug_struct_finish_non_exhaustive(RtDebugBuilder *b) {
    return non_exhaustive(b, "}", ", .. }", " { .. }");
}

void rt_debug_tuple(RtDebugBuilder *b, RtFormatter *f, RtStr name) {
    builder_init(b, f, B_TUPLE, rti_write(f, name.ptr, name.len));
    b->empty_name = name.len == 0;
}

void rt_debug_tuple_field(RtDebugBuilder *b, const void *value, RtFmtFn fmt) {
    if (!b->result) {
        if (pretty(b)) {
            if (!b->fields && write_cstr(b->fmt, "(\n")) {
                b->result = RT_FMT_ERR;
            } else {
                PadAdapter pa;
                rt_bool state = 1;
                RtFormatter w;
                pad_wrap(&pa, &state, b->fmt, &w);
                b->result = fmt(value, &w) || write_cstr(&w, ",\n");
            }
        } else {
            b->result = write_cstr(b->fmt, b->fields ? ", " : "(") || fmt(value, b->fmt);
        }
    }
    b->fields++;
}

rt_i32 rt_debug_tuple_finish(RtDebugBuilder *b) {
    if (b->fields && !b->result) {
        if (b->fields == 1 && b->empty_name && !pretty(b) && write_cstr(b->fmt, ",")) {
            b->result = RT_FMT_ERR;
            return b->result;
        }
        b->result = write_cstr(b->fmt, ")");
    }
    return b->result;
}

void rt_debug_list(RtDebugBuilder *b, RtFormatter *f) {
    builder_init(b, f, B_LIST, write_cstr(f, "["));
}

void rt_debug_set(RtDebugBuilder *b, RtFormatter *f) {
    builder_init(b, f, B_SET, write_cstr(f, "{"));
}

void rt_debug_map(RtDebugBuilder *b, RtFormatter *f) {
    builder_init(b, f, B_MAP, write_cstr(f, "{"));
}

void rt_debug_entry(RtDebugBuilder *b, const void *value, RtFmtFn fmt) {
    if (!b->result) {
        if (pretty(b)) {
            if (!b->fields && write_cstr(b->fmt, "\n")) {
                b->result = RT_FMT_ERR;
            } else {
                PadAdapter pa;
                rt_bool state = 1;
                RtFormatter w;
                pad_wrap(&pa, &state, b->fmt, &w);
                b->result = fmt(value, &w) || write_cstr(&w, ",\n");
            }
        } else {
            b->result = (b->fields && write_cstr(b->fmt, ", ")) || fmt(value, b->fmt);
        }
    }
    b->fields++;
}

void rt_debug_map_entry(RtDebugBuilder *b, const void *key, RtFmtFn key_fmt, const void *value,
                        RtFmtFn value_fmt) {
    if (!b->result) {
        if (pretty(b)) {
            if (!b->fields && write_cstr(b->fmt, "\n")) {
                b->result = RT_FMT_ERR;
            } else {
                /* One pad state runs across key and value, as in DebugMap. */
                PadAdapter pa;
                rt_bool state = 1;
                RtFormatter w;
                pad_wrap(&pa, &state, b->fmt, &w);
                b->result = key_fmt(key, &w) || write_cstr(&w, ": ");
                if (!b->result) {
                    pad_wrap(&pa, &state, b->fmt, &w);
                    b->result = value_fmt(value, &w) || write_cstr(&w, ",\n");
                }
            }
        } else {
            b->result = (b->fields && write_cstr(b->fmt, ", ")) || key_fmt(key, b->fmt) ||
                        write_cstr(b->fmt, ": ") || value_fmt(value, b->fmt);
        }
    }
    b->fields++;
}

rt_i32 rt_debug_finish(RtDebugBuilder *b) {
    if (!b->result) b->result = write_cstr(b->fmt, b->kind_ == B_LIST ? "]" : "}");
    return b->result;
}

rt_i32 rt_fmt_debug_slice(const void *ptr, rt_usize len, rt_usize size, RtFmtFn elem_debug, RtFormatter *f) {
    RtDebugBuilder b;
    rt_debug_list(&b, f);
    for (rt_usize i = 0; i < len; i++) rt_debug_entry(&b, (const rt_u8 *)ptr + i * size, elem_debug);
    return rt_debug_finish(&b);
}
