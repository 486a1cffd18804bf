/* unicode.c — chars: UTF-8 encoding and decoding, the char predicates and
 * case mappings of Rust's char, looked up in the tables unicode_data.c was
 * generated with from rustc's own. */
#include "rt_internal.h"

rt_bool rti_in_ranges(const RtRange *r, rt_usize n, rt_char c) {
    rt_usize lo = 0, hi = n;
    while (lo < hi) {
        rt_usize mid = lo + (hi - lo) / 2;
        if (c < r[mid].lo)
            hi = mid;
        else if (c > r[mid].hi)
            lo = mid + 1;
        else
            return 1;
    }
    return 0;
}

static const RtCaseMap *find_map(const RtCaseMap *m, rt_usize n, rt_char c) {
    rt_usize lo = 0, hi = n;
    while (lo < hi) {
        rt_usize mid = lo + (hi - lo) / 2;
        if (c < m[mid].from)
            hi = mid;
        else if (c > m[mid].from)
            lo = mid + 1;
        else
            return &m[mid];
    }
    return RT_NULL;
}

rt_bool rti_char_needs_unicode_escape(rt_char c) {
    return rti_in_ranges(rt_uc_escape, rt_uc_escape_len, c);
}

rt_bool rti_char_is_case_ignorable(rt_char c) {
    return rti_in_ranges(rt_uc_case_ignorable, rt_uc_case_ignorable_len, c);
}

rt_bool rti_char_is_cased(rt_char c) {
    return rti_in_ranges(rt_uc_cased, rt_uc_cased_len, c);
}

rt_bool rt_char_is_whitespace(rt_char c) {
    if (c < 0x80) return c == ' ' || (c >= 0x09 && c <= 0x0d);
    return rti_in_ranges(rt_uc_whitespace, rt_uc_whitespace_len, c);
}

rt_bool rt_char_is_alphabetic(rt_char c) {
    if (c < 0x80) return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
    return rti_in_ranges(rt_uc_alphabetic, rt_uc_alphabetic_len, c);
}

rt_bool rt_char_is_numeric(rt_char c) {
    if (c < 0x80) return c >= '0' && c <= '9';
    return rti_in_ranges(rt_uc_numeric, rt_uc_numeric_len, c);
}

rt_bool rt_char_is_alphanumeric(rt_char c) {
    return rt_char_is_alphabetic(c) || rt_char_is_numeric(c);
}

rt_bool rt_char_is_lowercase(rt_char c) {
    return rti_in_ranges(rt_uc_lowercase, rt_uc_lowercase_len, c);
}

rt_bool rt_char_is_uppercase(rt_char c) {
    return rti_in_ranges(rt_uc_uppercase, rt_uc_uppercase_len, c);
}

rt_bool rt_char_is_control(rt_char c) {
    return c < 0x20 || (c >= 0x7f && c < 0xa0);
}

static rt_u32 map_case(const RtCaseMap *m, rt_usize n, rt_char c, rt_char out[3]) {
    const RtCaseMap *e = find_map(m, n, c);
    if (!e) {
        out[0] = c;
        return 1;
    }
    rt_u32 k = 0;
    for (; k < 3 && (k == 0 || e->to[k]); k++) out[k] = e->to[k];
    return k;
}

rt_u32 rt_char_to_upper(rt_char c, rt_char out[3]) {
    if (c < 0x80) {
        out[0] = (c >= 'a' && c <= 'z') ? c - 32 : c;
        return 1;
    }
    return map_case(rt_uc_to_upper, rt_uc_to_upper_len, c, out);
}

rt_u32 rt_char_to_lower(rt_char c, rt_char out[3]) {
    if (c < 0x80) {
        out[0] = (c >= 'A' && c <= 'Z') ? c + 32 : c;
        return 1;
    }
    return map_case(rt_uc_to_lower, rt_uc_to_lower_len, c, out);
}

rt_i32 rt_fmt_display_case_iter(const void *it, RtFormatter *f) {
    const RtCaseIter *c = it;
    for (rt_u32 i = c->pos; i < c->len && i < 3; i++)
        if (rt_formatter_write_char(f, c->chars[i]) != RT_FMT_OK) return RT_FMT_ERR;
    return RT_FMT_OK;
}

rt_bool rt_char_from_u32(rt_u32 v, rt_char *out) {
    if (v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return 0;
    *out = v;
    return 1;
}

rt_bool rt_char_to_digit(rt_char c, rt_u32 radix, rt_u32 *out) {
    rt_u32 d;
    if (c >= '0' && c <= '9')
        d = c - '0';
    else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')
        d = (c | 0x20) - 'a' + 10;
    else
        return 0;
    if (d >= radix) return 0;
    *out = d;
    return 1;
}

rt_bool rt_char_from_digit(rt_u32 d, rt_u32 radix, rt_char *out) {
    if (d >= radix) return 0;
    *out = d < 10 ? '0' + d : 'a' + d - 10;
    return 1;
}

rt_usize rt_char_len_utf8(rt_char c) {
    return c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
}

rt_usize rt_char_encode_utf8(rt_char c, rt_u8 out[4]) {
    if (c < 0x80) {
        out[0] = (rt_u8)c;
        return 1;
    }
    if (c < 0x800) {
        out[0] = (rt_u8)(0xC0 | (c >> 6));
        out[1] = (rt_u8)(0x80 | (c & 0x3F));
        return 2;
    }
    if (c < 0x10000) {
        out[0] = (rt_u8)(0xE0 | (c >> 12));
        out[1] = (rt_u8)(0x80 | ((c >> 6) & 0x3F));
        out[2] = (rt_u8)(0x80 | (c & 0x3F));
        return 3;
    }
    out[0] = (rt_u8)(0xF0 | (c >> 18));
    out[1] = (rt_u8)(0x80 | ((c >> 12) & 0x3F));
    out[2] = (rt_u8)(0x80 | ((c >> 6) & 0x3F));
    out[3] = (rt_u8)(0x80 | (c & 0x3F));
    return 4;
}

/* The input is valid UTF-8 (Rust's str invariant), but a truncated sequence
 * at `end` is still decoded without reading past it. */
rt_usize rti_utf8_decode(const rt_u8 *p, const rt_u8 *end, rt_char *out) {
    rt_u8 b = p[0];
    rt_usize n = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    if ((rt_usize)(end - p) < n) n = (rt_usize)(end - p);
    rt_char c = n == 1 ? b : n == 2 ? (b & 0x1Fu) : n == 3 ? (b & 0x0Fu) : (b & 0x07u);
    for (rt_usize i = 1; i < n; i++) c = (c << 6) | (p[i] & 0x3Fu);
    *out = c;
    return n;
}

rt_usize rti_utf8_decode_back(const rt_u8 *start, const rt_u8 *end, rt_char *out) {
    const rt_u8 *p = end - 1;
    while (p > start && (*p & 0xC0) == 0x80 && end - p < 4) p--;
    rti_utf8_decode(p, end, out);
    return (rt_usize)(end - p);
}
