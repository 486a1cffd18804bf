/* string.c — String and &str with Rust's behaviour: growth that allocates
 * when Rust's RawVec would (so ledger counts match a Rust program's), the
 * panics of slicing and of String's index-taking methods with rustc's exact
 * messages, searching, case mapping, splitting and integer/float parsing. */
#include "rt_internal.h"

#include <stdlib.h>

#define ALLOC_STRING RT_ALLOC_STRING

/* ---- String storage ---- */

static void set_cap(RtString *s, rt_usize cap) {
    if (cap == s->cap) return;
    if (s->cap == 0)
        s->ptr = rt_alloc(ALLOC_STRING, cap, 1, RT_NULL);
    else
        s->ptr = rt_realloc(s->ptr, cap);
    s->cap = cap;
}

RtString rt_string_new(void) {
    RtString s = {RT_NULL, 0, 0};
    return s;
}

RtString rt_string_with_capacity(rt_usize cap) {
    RtString s = rt_string_new();
    if (cap) set_cap(&s, rti_checked_bytes(cap, 1));
    return s;
}

RtString rt_string_from_str(RtStr t) {
    RtString s = rt_string_with_capacity(t.len);
    if (t.len) memcpy(s.ptr, t.ptr, t.len);
    s.len = t.len;
    return s;
}

/* Clone allocates exactly len, whatever the source's capacity. */
RtString rt_string_clone(const RtString *s) {
    return rt_string_from_str(rt_string_as_str(s));
}

void rt_string_drop(RtString *s) {
    if (s->cap) rt_free(s->ptr);
    s->ptr = RT_NULL;
    s->cap = s->len = 0;
}

RtStr rt_string_as_str(const RtString *s) {
    RtStr r = {s->ptr, s->len};
    return r;
}

void rt_string_reserve(RtString *s, rt_usize additional) {
    if (s->cap - s->len >= additional) return;
    set_cap(s, rti_grow_amortized(s->cap, s->len, additional, 1));
}

void rt_string_push_str(RtString *s, RtStr t) {
    if (!t.len) return;
    rt_string_reserve(s, t.len);
    memcpy(s->ptr + s->len, t.ptr, t.len);
    s->len += t.len;
}

void rt_string_push(RtString *s, rt_char c) {
    rt_u8 b[4];
    RtStr t = {b, rt_char_encode_utf8(c, b)};
    rt_string_push_str(s, t);
}

rt_bool rt_string_pop(RtString *s, rt_char *out) {
    if (s->len == 0) return 0;
    rt_usize n = rti_utf8_decode_back(s->ptr, s->ptr + s->len, out);
    s->len -= n;
    return 1;
}

static RT_NORETURN void assert_boundary(RtLoc loc, const char *what) {
    rt_panic_cstr(loc, what);
}

void rt_string_insert_str(RtString *s, rt_usize idx, RtStr t, RtLoc loc) {
    if (!rt_str_is_char_boundary(rt_string_as_str(s), idx))
        assert_boundary(loc, "assertion failed: self.is_char_boundary(idx)");
    rt_string_reserve(s, t.len);
    if (t.len) {
        memmove(s->ptr + idx + t.len, s->ptr + idx, s->len - idx);
        memcpy(s->ptr + idx, t.ptr, t.len);
    }
    s->len += t.len;
}

void rt_string_insert(RtString *s, rt_usize idx, rt_char c, RtLoc loc) {
    rt_u8 b[4];
    RtStr t = {b, rt_char_encode_utf8(c, b)};
    rt_string_insert_str(s, idx, t, loc);
}

rt_char rt_string_remove(RtString *s, rt_usize idx, RtLoc loc) {
    /* self[idx..].chars().next(): slicing panics first. */
    RtStr rest = rt_str_slice(rt_string_as_str(s), idx, s->len, loc);
    if (rest.len == 0) rt_panic_cstr(loc, "cannot remove a char from the end of a string");
    rt_char c;
    rt_usize n = rti_utf8_decode(rest.ptr, rest.ptr + rest.len, &c);
    memmove(s->ptr + idx, s->ptr + idx + n, s->len - idx - n);
    s->len -= n;
    return c;
}

void rt_string_truncate(RtString *s, rt_usize len, RtLoc loc) {
    if (len > s->len) return;
    if (!rt_str_is_char_boundary(rt_string_as_str(s), len))
        assert_boundary(loc, "assertion failed: self.is_char_boundary(new_len)");
    s->len = len;
}

void rt_string_clear(RtString *s) {
    s->len = 0;
}

/* ---- comparison and slicing ---- */

rt_bool rt_str_eq(RtStr a, RtStr b) {
    return a.len == b.len && (a.len == 0 || memcmp(a.ptr, b.ptr, a.len) == 0);
}

rt_i32 rt_str_cmp(RtStr a, RtStr b) {
    rt_usize n = a.len < b.len ? a.len : b.len;
    int c = n ? memcmp(a.ptr, b.ptr, n) : 0;
    if (c) return c < 0 ? -1 : 1;
    return a.len < b.len ? -1 : a.len > b.len ? 1 : 0;
}

rt_bool rt_str_is_char_boundary(RtStr s, rt_usize idx) {
    if (idx == 0 || idx == s.len) return 1;
    if (idx > s.len) return 0;
    return (rt_i8)s.ptr[idx] >= -0x40;   /* not a continuation byte */
}

static rt_usize floor_boundary(RtStr s, rt_usize idx) {
    if (idx >= s.len) return s.len;
    while (!rt_str_is_char_boundary(s, idx)) idx--;
    return idx;
}

/* The message arguments of core::str::slice_error_fail_rt. */
typedef struct SliceErr {
    RtStr s;
    rt_usize begin, end;
} SliceErr;

/* `{s_trunc}`{ellipsis}: at most 256 bytes of the string, cut at a char. */
static rt_i32 write_trunc(RtFormatter *f, RtStr s) {
    rt_usize n = floor_boundary(s, 256);
    RtStr t = {s.ptr, n};
    if (rt_formatter_write_str(f, RT_STR("`")) || rt_formatter_write_str(f, t) ||
        rt_formatter_write_str(f, RT_STR("`")))
        return RT_FMT_ERR;
    return n < s.len ? rt_formatter_write_str(f, RT_STR("[...]")) : RT_FMT_OK;
}

static rt_i32 write_usize(RtFormatter *f, rt_usize v) {
    RtFormatter g = {f->out, RT_SPEC_DEFAULT};
    return rt_fmt_display_usize(&v, &g);
}

static rt_i32 slice_err_inside(RtFormatter *f, const char *which, RtStr s, rt_usize idx) {
    rt_usize floor = floor_boundary(s, idx), ceil = idx;
    while (!rt_str_is_char_boundary(s, ceil)) ceil++;
    rt_char c;
    rti_utf8_decode(s.ptr + floor, s.ptr + ceil, &c);
    RtFormatter g = {f->out, RT_SPEC_DEFAULT};
    if (rt_formatter_write_str(f, (RtStr){(const rt_u8 *)which, strlen(which)}) ||
        rt_formatter_write_str(f, RT_STR(" byte index ")) || write_usize(f, idx) ||
        rt_formatter_write_str(f, RT_STR(" is not a char boundary; it is inside ")) || rt_fmt_debug_char(&c, &g) ||
        rt_formatter_write_str(f, RT_STR(" (bytes ")) || write_usize(f, floor) ||
        rt_formatter_write_str(f, RT_STR("..")) || write_usize(f, ceil) || rt_formatter_write_str(f, RT_STR(") of ")))
        return RT_FMT_ERR;
    return write_trunc(f, s);
}

static rt_i32 fmt_slice_err(const void *v, RtFormatter *f) {
    const SliceErr *e = v;
    rt_usize len = e->s.len;
    if (e->begin > len || e->end > len) {
        rt_bool start = e->begin > len;
        if (rt_formatter_write_str(f, start ? RT_STR("start byte index ") : RT_STR("end byte index ")) ||
            write_usize(f, start ? e->begin : e->end) || rt_formatter_write_str(f, RT_STR(" is out of bounds of ")))
            return RT_FMT_ERR;
        return write_trunc(f, e->s);
    }
    if (e->begin > e->end) {
        if (rt_formatter_write_str(f, RT_STR("begin > end (")) || write_usize(f, e->begin) ||
            rt_formatter_write_str(f, RT_STR(" > ")) || write_usize(f, e->end) ||
            rt_formatter_write_str(f, RT_STR(") when slicing ")))
            return RT_FMT_ERR;
        return write_trunc(f, e->s);
    }
    if (!rt_str_is_char_boundary(e->s, e->begin)) return slice_err_inside(f, "start", e->s, e->begin);
    return slice_err_inside(f, "end", e->s, e->end);
}

RtStr rt_str_slice(RtStr s, rt_usize begin, rt_usize end, RtLoc loc) {
    if (begin <= end && rt_str_is_char_boundary(s, begin) && rt_str_is_char_boundary(s, end)) {
        RtStr r = {s.ptr + begin, end - begin};
        return r;
    }
    SliceErr e = {s, begin, end};
    RtArg arg = {&e, fmt_slice_err, RT_SPEC_DEFAULT};
    RtArguments a = {RT_NULL, 0, &arg, 1};
    rt_panic_fmt(loc, &a);
}

rt_usize rt_str_char_count(RtStr s) {
    rt_usize n = 0;
    for (rt_usize i = 0; i < s.len; i++) n += (rt_i8)s.ptr[i] >= -0x40;
    return n;
}

/* ---- searching ---- */

/* First match of pat in s at or after from; empty patterns match at from. */
static rt_bool find_from(RtStr s, RtStr pat, rt_usize from, rt_usize *at) {
    if (pat.len == 0) {
        *at = from;
        return from <= s.len;
    }
    if (from > s.len || s.len - from < pat.len) return 0;
    const rt_u8 *p = memmem(s.ptr + from, s.len - from, pat.ptr, pat.len);
    if (!p) return 0;
    *at = (rt_usize)(p - s.ptr);
    return 1;
}

rt_bool rt_str_starts_with(RtStr s, RtStr pat) {
    return s.len >= pat.len && (pat.len == 0 || memcmp(s.ptr, pat.ptr, pat.len) == 0);
}

rt_bool rt_str_ends_with(RtStr s, RtStr pat) {
    return s.len >= pat.len && (pat.len == 0 || memcmp(s.ptr + s.len - pat.len, pat.ptr, pat.len) == 0);
}

rt_bool rt_str_contains(RtStr s, RtStr pat) {
    rt_usize at;
    return find_from(s, pat, 0, &at);
}

rt_bool rt_str_find(RtStr s, RtStr pat, rt_usize *out) {
    return find_from(s, pat, 0, out);
}

rt_bool rt_str_rfind(RtStr s, RtStr pat, rt_usize *out) {
    if (pat.len > s.len) return 0;
    for (rt_usize i = s.len - pat.len + 1; i-- > 0;) {
        if (pat.len == 0 ? rt_str_is_char_boundary(s, i) : memcmp(s.ptr + i, pat.ptr, pat.len) == 0) {
            *out = i;
            return 1;
        }
    }
    return 0;
}

rt_bool rt_str_strip_prefix(RtStr s, RtStr pat, RtStr *out) {
    if (!rt_str_starts_with(s, pat)) return 0;
    out->ptr = s.ptr + pat.len;
    out->len = s.len - pat.len;
    return 1;
}

rt_bool rt_str_strip_suffix(RtStr s, RtStr pat, RtStr *out) {
    if (!rt_str_ends_with(s, pat)) return 0;
    out->ptr = s.ptr;
    out->len = s.len - pat.len;
    return 1;
}

rt_bool rt_str_split_once(RtStr s, RtStr pat, RtStr *before, RtStr *after) {
    rt_usize at;
    if (!find_from(s, pat, 0, &at)) return 0;
    before->ptr = s.ptr;
    before->len = at;
    after->ptr = s.ptr + at + pat.len;
    after->len = s.len - at - pat.len;
    return 1;
}

/* ---- trimming and case ---- */

RtStr rt_str_trim_start(RtStr s) {
    rt_usize i = 0;
    while (i < s.len) {
        rt_char c;
        rt_usize n = rti_utf8_decode(s.ptr + i, s.ptr + s.len, &c);
        if (!rt_char_is_whitespace(c)) break;
        i += n;
    }
    RtStr r = {s.ptr + i, s.len - i};
    return r;
}

RtStr rt_str_trim_end(RtStr s) {
    rt_usize end = s.len;
    while (end > 0) {
        rt_char c;
        rt_usize n = rti_utf8_decode_back(s.ptr, s.ptr + end, &c);
        if (!rt_char_is_whitespace(c)) break;
        end -= n;
    }
    RtStr r = {s.ptr, end};
    return r;
}

RtStr rt_str_trim(RtStr s) {
    return rt_str_trim_end(rt_str_trim_start(s));
}

/* case_ignorable_then_cased over the chars before (backwards) or after i. */
static rt_bool ignorable_then_cased(RtStr s, rt_usize i, rt_bool backwards) {
    if (backwards) {
        rt_usize end = i;
        while (end > 0) {
            rt_char c;
            end -= rti_utf8_decode_back(s.ptr, s.ptr + end, &c);
            if (!rti_char_is_case_ignorable(c)) return rti_char_is_cased(c);
        }
        return 0;
    }
    while (i < s.len) {
        rt_char c;
        i += rti_utf8_decode(s.ptr + i, s.ptr + s.len, &c);
        if (!rti_char_is_case_ignorable(c)) return rti_char_is_cased(c);
    }
    return 0;
}

/* str::to_uppercase / to_lowercase: String::with_capacity(len), then one
 * push per mapped char, like alloc::str. */
static RtString map_case(RtStr s, rt_bool upper) {
    RtString out = rt_string_with_capacity(s.len);
    rt_usize i = 0;
    while (i < s.len) {
        rt_char c, m[3];
        rt_usize n = rti_utf8_decode(s.ptr + i, s.ptr + s.len, &c);
        if (!upper && c == 0x3A3) {
            /* Final_Sigma: the one contextual mapping of SpecialCasing.txt */
            rt_bool final = ignorable_then_cased(s, i, 1) && !ignorable_then_cased(s, i + n, 0);
            rt_string_push(&out, final ? 0x3C2 : 0x3C3);
        } else {
            rt_u32 k = upper ? rt_char_to_upper(c, m) : rt_char_to_lower(c, m);
            for (rt_u32 j = 0; j < k; j++) rt_string_push(&out, m[j]);
        }
        i += n;
    }
    return out;
}

RtString rt_str_to_uppercase(RtStr s) {
    return map_case(s, 1);
}

RtString rt_str_to_lowercase(RtStr s) {
    return map_case(s, 0);
}

static rt_u8 ascii_upper(rt_u8 b) {
    return b >= 'a' && b <= 'z' ? (rt_u8)(b - 32) : b;
}

static rt_u8 ascii_lower(rt_u8 b) {
    return b >= 'A' && b <= 'Z' ? (rt_u8)(b + 32) : b;
}

RtString rt_str_to_ascii_uppercase(RtStr s) {
    RtString out = rt_string_from_str(s);
    for (rt_usize i = 0; i < out.len; i++) out.ptr[i] = ascii_upper(out.ptr[i]);
    return out;
}

RtString rt_str_to_ascii_lowercase(RtStr s) {
    RtString out = rt_string_from_str(s);
    for (rt_usize i = 0; i < out.len; i++) out.ptr[i] = ascii_lower(out.ptr[i]);
    return out;
}

rt_bool rt_str_eq_ignore_ascii_case(RtStr a, RtStr b) {
    if (a.len != b.len) return 0;
    for (rt_usize i = 0; i < a.len; i++)
        if (ascii_lower(a.ptr[i]) != ascii_lower(b.ptr[i])) return 0;
    return 1;
}

/* [T]::repeat is not #[track_caller]: its overflow reports the library. */
RtString rt_str_repeat(RtStr s, rt_usize n, RtLoc loc) {
    (void)loc;
    rt_usize total;
    if (__builtin_mul_overflow(s.len, n, &total))
        rti_panic_std("/rustc/59807616e1fa2540724bfbac14d7976d7e4a3860/library/alloc/src/slice.rs", 523, 50,
                      RT_STR("capacity overflow"));
    RtString out = rt_string_with_capacity(total);
    for (rt_usize i = 0; i < n && s.len; i++) {
        memcpy(out.ptr + out.len, s.ptr, s.len);
        out.len += s.len;
    }
    return out;
}

/* str::replace, including its single-ASCII-byte fast path (one exact
 * allocation) and its capacity guess, so allocation counts match. */
RtString rt_str_replace(RtStr s, RtStr from, RtStr to) {
    if (from.len == 1 && from.ptr[0] < 0x80 && to.len == 1) {
        RtString out = rt_string_from_str(s);
        for (rt_usize i = 0; i < out.len; i++)
            if (out.ptr[i] == from.ptr[0]) out.ptr[i] = to.ptr[0];
        return out;
    }
    RtString out = rt_string_with_capacity(from.len <= to.len ? s.len : 0);
    rt_usize last = 0, at, from_pos = 0;
    while (find_from(s, from, from_pos, &at)) {
        rt_string_push_str(&out, (RtStr){s.ptr + last, at - last});
        rt_string_push_str(&out, to);
        last = at + from.len;
        if (from.len) {
            from_pos = last;
        } else {
            /* an empty pattern matches at every char boundary once */
            if (at == s.len) break;
            rt_char c;
            from_pos = at + rti_utf8_decode(s.ptr + at, s.ptr + s.len, &c);
        }
    }
    rt_string_push_str(&out, (RtStr){s.ptr + last, s.len - last});
    return out;
}

/* ---- chars ---- */

RtChars rt_str_chars(RtStr s) {
    RtChars it = {s.ptr, s.ptr, s.ptr + s.len};
    return it;
}

rt_bool rt_chars_next(RtChars *it, rt_char *out) {
    if (it->cur >= it->end) return 0;
    it->cur += rti_utf8_decode(it->cur, it->end, out);
    return 1;
}

rt_bool rt_chars_next_back(RtChars *it, rt_char *out) {
    if (it->cur >= it->end) return 0;
    it->end -= rti_utf8_decode_back(it->cur, it->end, out);
    return 1;
}

rt_bool rt_chars_next_index(RtChars *it, rt_usize *index, rt_char *out) {
    if (it->cur >= it->end) return 0;
    *index = (rt_usize)(it->cur - it->start);
    return rt_chars_next(it, out);
}

RtStr rt_chars_as_str(const RtChars *it) {
    RtStr r = {it->cur, (rt_usize)(it->end - it->cur)};
    return r;
}

/* ---- split, split_whitespace, lines ---- */

enum { SPLIT_STR, SPLIT_WHITESPACE, SPLIT_LINES };

RtSplit rt_str_split(RtStr s, RtStr pat) {
    RtSplit it;
    memset(&it, 0, sizeof it);
    it.rest = s;
    it.pat = pat;
    it.mode = SPLIT_STR;
    return it;
}

RtSplit rt_str_split_char(RtStr s, rt_char c) {
    RtSplit it = rt_str_split(s, (RtStr){RT_NULL, 0});
    it.patlen = (rt_u8)rt_char_encode_utf8(c, it.patbuf);
    return it;
}

RtSplit rt_str_split_whitespace(RtStr s) {
    RtSplit it = rt_str_split(s, (RtStr){RT_NULL, 0});
    it.mode = SPLIT_WHITESPACE;
    return it;
}

RtSplit rt_str_lines(RtStr s) {
    RtSplit it = rt_str_split(s, (RtStr){RT_NULL, 0});
    it.mode = SPLIT_LINES;
    return it;
}

/* SplitInternal::next with allow_trailing_empty; for an empty pattern,
 * pos_ records that the match at the start of rest has been used. */
static rt_bool split_str_next(RtSplit *it, RtStr *out) {
    if (it->finished) return 0;
    RtStr pat = it->patlen ? (RtStr){it->patbuf, it->patlen} : it->pat;
    RtStr s = it->rest;
    if (pat.len == 0) {
        if (!it->pos_) {
            it->pos_ = 1;
            *out = (RtStr){s.ptr, 0};
            return 1;
        }
        if (s.len == 0) {
            it->finished = 1;
            *out = s;
            return 1;
        }
        rt_char c;
        rt_usize n = rti_utf8_decode(s.ptr, s.ptr + s.len, &c);
        *out = (RtStr){s.ptr, n};
        it->rest = (RtStr){s.ptr + n, s.len - n};
        return 1;
    }
    rt_usize at;
    if (find_from(s, pat, 0, &at)) {
        *out = (RtStr){s.ptr, at};
        it->rest = (RtStr){s.ptr + at + pat.len, s.len - at - pat.len};
        return 1;
    }
    it->finished = 1;
    *out = s;
    return 1;
}

static rt_bool split_whitespace_next(RtSplit *it, RtStr *out) {
    RtStr s = rt_str_trim_start(it->rest);
    if (s.len == 0) {
        it->rest = s;
        return 0;
    }
    rt_usize i = 0;
    while (i < s.len) {
        rt_char c;
        rt_usize n = rti_utf8_decode(s.ptr + i, s.ptr + s.len, &c);
        if (rt_char_is_whitespace(c)) break;
        i += n;
    }
    *out = (RtStr){s.ptr, i};
    it->rest = (RtStr){s.ptr + i, s.len - i};
    return 1;
}

/* split_inclusive('\n') without a trailing empty piece, then one "\n" and
 * one "\r" before it stripped. */
static rt_bool lines_next(RtSplit *it, RtStr *out) {
    RtStr s = it->rest;
    if (s.len == 0) return 0;
    const rt_u8 *nl = memchr(s.ptr, '\n', s.len);
    rt_usize n = nl ? (rt_usize)(nl - s.ptr) + 1 : s.len;
    RtStr line = {s.ptr, n};
    it->rest = (RtStr){s.ptr + n, s.len - n};
    if (nl) {
        line.len--;
        if (line.len && line.ptr[line.len - 1] == '\r') line.len--;
    }
    *out = line;
    return 1;
}

rt_bool rt_split_next(RtSplit *it, RtStr *out) {
    switch (it->mode) {
    case SPLIT_WHITESPACE: return split_whitespace_next(it, out);
    case SPLIT_LINES: return lines_next(it, out);
    default: return split_str_next(it, out);
    }
}

/* ---- parsing ---- */

rt_u32 rt_parse_int(RtStr s, rt_bool is_signed, rt_u32 bits, rt_i64 *out_signed, rt_u64 *out_unsigned) {
    if (s.len == 0) return RT_PARSE_EMPTY;
    rt_usize i = 0;
    rt_bool neg = 0;
    if (s.ptr[0] == '+' || (s.ptr[0] == '-' && is_signed)) {
        neg = s.ptr[0] == '-';
        i = 1;
        if (s.len == 1) return RT_PARSE_INVALID_DIGIT;
    }
    /* Magnitude limit: MAX for positive, MAX + 1 for negative. */
    rt_u64 max = is_signed ? ((rt_u64)1 << (bits - 1)) - 1 + neg
                           : (bits == 64 ? ~(rt_u64)0 : ((rt_u64)1 << bits) - 1);
    rt_u64 v = 0;
    for (; i < s.len; i++) {
        rt_u8 b = s.ptr[i];
        if (b < '0' || b > '9') return RT_PARSE_INVALID_DIGIT;
        if (__builtin_mul_overflow(v, 10, &v) || __builtin_add_overflow(v, (rt_u64)(b - '0'), &v) || v > max) {
            /* Rust reports overflow at the first digit that overflows, even if
             * an invalid digit follows. */
            return neg ? RT_PARSE_NEG_OVERFLOW : RT_PARSE_POS_OVERFLOW;
        }
    }
    if (is_signed) {
        if (out_signed) *out_signed = neg ? (rt_i64)(0 - v) : (rt_i64)v;
    } else if (out_unsigned) {
        *out_unsigned = v;
    }
    return RT_PARSE_OK;
}

static rt_bool ascii_ieq(const rt_u8 *p, rt_usize n, const char *word) {
    rt_usize wl = strlen(word);
    if (n != wl) return 0;
    for (rt_usize i = 0; i < n; i++)
        if (ascii_lower(p[i]) != (rt_u8)word[i]) return 0;
    return 1;
}

/* core's dec2flt grammar: [+-] then inf, infinity, nan (any case) or
 * digits [. digits] [e [+-] digits] with digits on at least one side of the
 * point. Valid text is then converted by strtod, which rounds correctly. */
rt_u32 rt_parse_f64(RtStr s, rt_f64 *out) {
    if (s.len == 0) return RT_PARSE_FLOAT_EMPTY;
    const rt_u8 *p = s.ptr, *end = s.ptr + s.len;
    rt_bool neg = 0;
    if (*p == '+' || *p == '-') {
        neg = *p == '-';
        p++;
    }
    rt_usize rest = (rt_usize)(end - p);
    if (ascii_ieq(p, rest, "inf") || ascii_ieq(p, rest, "infinity")) {
        *out = neg ? -__builtin_inf() : __builtin_inf();
        return RT_PARSE_OK;
    }
    if (ascii_ieq(p, rest, "nan")) {
        *out = __builtin_nan("");
        return RT_PARSE_OK;
    }
    const rt_u8 *q = p;
    rt_usize int_digits = 0, frac_digits = 0;
    while (q < end && *q >= '0' && *q <= '9') q++, int_digits++;
    if (q < end && *q == '.') {
        q++;
        while (q < end && *q >= '0' && *q <= '9') q++, frac_digits++;
    }
    if (int_digits + frac_digits == 0) return RT_PARSE_FLOAT_INVALID;
    if (q < end && (*q == 'e' || *q == 'E')) {
        q++;
        if (q < end && (*q == '+' || *q == '-')) q++;
        rt_usize exp_digits = 0;
        while (q < end && *q >= '0' && *q <= '9') q++, exp_digits++;
        if (exp_digits == 0) return RT_PARSE_FLOAT_INVALID;
    }
    if (q != end) return RT_PARSE_FLOAT_INVALID;
    char small[128];
    char *buf = s.len < sizeof small ? small : malloc(s.len + 1);
    if (!buf) rti_internal_error("out of memory parsing a float");
    memcpy(buf, s.ptr, s.len);
    buf[s.len] = 0;
    *out = strtod(buf, RT_NULL);
    if (buf != small) free(buf);
    return RT_PARSE_OK;
}

static const char *parse_error_text(rt_u32 kind) {
    switch (kind) {
    case RT_PARSE_EMPTY: return "cannot parse integer from empty string";
    case RT_PARSE_INVALID_DIGIT: return "invalid digit found in string";
    case RT_PARSE_POS_OVERFLOW: return "number too large to fit in target type";
    case RT_PARSE_NEG_OVERFLOW: return "number too small to fit in target type";
    case RT_PARSE_FLOAT_INVALID: return "invalid float literal";
    case RT_PARSE_FLOAT_EMPTY: return "cannot parse float from empty string";
    default: rti_internal_error("formatting an unknown parse error kind");
    }
}

/* Display pads (Rust's impl calls description().fmt(f)); Debug is derived,
 * written through the struct builder so {:#?} works. */
rt_i32 rt_fmt_display_parse_error(const void *kind, RtFormatter *f) {
    const char *t = parse_error_text(*(const rt_u32 *)kind);
    return rt_formatter_pad(f, (RtStr){(const rt_u8 *)t, strlen(t)});
}

static rt_i32 fmt_kind_name(const void *v, RtFormatter *f) {
    const char *t = v;
    return rt_formatter_write_str(f, (RtStr){(const rt_u8 *)t, strlen(t)});
}

rt_i32 rt_fmt_debug_parse_error(const void *kind, RtFormatter *f) {
    rt_u32 k = *(const rt_u32 *)kind;
    static const char *const names[] = {
        [RT_PARSE_EMPTY] = "Empty",           [RT_PARSE_INVALID_DIGIT] = "InvalidDigit",
        [RT_PARSE_POS_OVERFLOW] = "PosOverflow", [RT_PARSE_NEG_OVERFLOW] = "NegOverflow",
        [RT_PARSE_FLOAT_INVALID] = "Invalid", [RT_PARSE_FLOAT_EMPTY] = "Empty",
    };
    if (k == RT_PARSE_OK || k > RT_PARSE_FLOAT_EMPTY) rti_internal_error("formatting an unknown parse error kind");
    rt_bool is_float = k == RT_PARSE_FLOAT_INVALID || k == RT_PARSE_FLOAT_EMPTY;
    RtDebugBuilder b;
    rt_debug_struct(&b, f, is_float ? RT_STR("ParseFloatError") : RT_STR("ParseIntError"));
    rt_debug_struct_field(&b, RT_STR("kind"), names[k], fmt_kind_name);
    return rt_debug_struct_finish(&b);
}
