/* test_string.c — String and &str: growth and the ledger, editing, the
 * slicing panics with rustc 1.95's messages, searching, case mapping,
 * splitting and parsing (expected values printed by rustc). */
#include "rt_test.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static RtStr S(const char *s) {
    RtStr r = {(const rt_u8 *)s, strlen(s)};
    return r;
}

static void ck_str(RtStr got, const char *want) {
    ck_assert_msg(got.len == strlen(want) && (got.len == 0 || memcmp(got.ptr, want, got.len) == 0), "got [%.*s], want [%s]",
                  (int)got.len, (const char *)got.ptr, want);
}

static void ck_string(RtString *s, const char *want) {
    ck_str(rt_string_as_str(s), want);
    rt_string_drop(s);
}

START_TEST(string_growth_matches_rawvec) {
    rtt_init();
    RtString s = rt_string_new();
    ck_assert_uint_eq(rt_host_live_count(), 0);
    rt_string_push(&s, 'a');
    ck_assert_uint_eq(s.cap, 8);
    for (int i = 0; i < 8; i++) rt_string_push(&s, 'b');
    ck_assert_uint_eq(s.cap, 16);
    RtKindStats k;
    rt_host_kind_stats(RT_ALLOC_STRING, &k);
    ck_assert_uint_eq(k.allocs, 1);
    ck_assert_uint_eq(k.reallocs, 1);
    ck_assert_uint_eq(k.live_bytes, 16);
    RtString c = rt_string_clone(&s);
    ck_assert_uint_eq(c.cap, 9);   /* a clone allocates exactly len */
    ck_string(&c, "abbbbbbbb");
    rt_string_reserve(&s, 100);
    ck_assert_uint_eq(s.cap, 109);   /* max(2 * cap, len + additional) */
    rt_string_drop(&s);
    RtString w = rt_string_with_capacity(0);
    ck_assert_ptr_null(w.ptr);
    RtString f = rt_string_from_str(S("héllo"));
    ck_assert_uint_eq(f.cap, 6);
    rt_string_drop(&f);
    ck_assert_uint_eq(rt_host_live_count(), 0);
    rt_host_kind_stats(RT_ALLOC_STRING, &k);
    ck_assert_uint_eq(k.allocs, 3);
    ck_assert_uint_eq(k.frees, 3);
}
END_TEST

START_TEST(string_editing) {
    rtt_init();
    RtString s = rt_string_from_str(S("héllo"));
    rt_char c = 0;
    ck_assert(rt_string_pop(&s, &c) && c == 'o');
    rt_string_insert(&s, 1, 0x1F600, RT_LOC(1, 1));
    ck_str(rt_string_as_str(&s), "h\xF0\x9F\x98\x80\xC3\xA9ll");
    ck_assert_uint_eq(rt_string_remove(&s, 5, RT_LOC(1, 1)), 0xE9);
    rt_string_insert_str(&s, 0, S(">>"), RT_LOC(1, 1));
    ck_str(rt_string_as_str(&s), ">>h\xF0\x9F\x98\x80ll");
    rt_string_truncate(&s, 3, RT_LOC(1, 1));
    rt_string_truncate(&s, 99, RT_LOC(1, 1));
    ck_str(rt_string_as_str(&s), ">>h");
    rt_string_clear(&s);
    ck_assert(!rt_string_pop(&s, &c));
    rt_string_drop(&s);
    ck_assert_uint_eq(rt_host_live_count(), 0);
}
END_TEST

START_TEST(string_search_and_trim) {
    rtt_init();
    RtStr h = S("aXbX");
    rt_usize at = 0;
    ck_assert(rt_str_find(h, S("X"), &at) && at == 1);
    ck_assert(rt_str_rfind(h, S("X"), &at) && at == 3);
    ck_assert(rt_str_rfind(S("abc"), S(""), &at) && at == 3);
    ck_assert(!rt_str_find(h, S("Y"), &at));
    ck_assert(rt_str_contains(h, S("bX")) && rt_str_contains(h, S("")));
    ck_assert(rt_str_starts_with(h, S("aX")) && !rt_str_starts_with(h, S("X")));
    ck_assert(rt_str_ends_with(h, S("bX")) && rt_str_ends_with(h, S("")));
    RtStr a, b;
    ck_assert(rt_str_strip_prefix(h, S("aX"), &a));
    ck_str(a, "bX");
    ck_assert(rt_str_strip_suffix(h, S("X"), &a));
    ck_str(a, "aXb");
    ck_assert(rt_str_split_once(S("k=v=w"), S("="), &a, &b));
    ck_str(a, "k");
    ck_str(b, "v=w");
    ck_str(rt_str_trim(S("\u3000 \t x y \n")), "x y");
    ck_str(rt_str_trim_start(S("  x ")), "x ");
    ck_str(rt_str_trim_end(S("  x ")), "  x");
    ck_assert(rt_str_eq(S("ab"), S("ab")) && !rt_str_eq(S("ab"), S("abc")));
    ck_assert_int_eq(rt_str_cmp(S("ab"), S("abc")), -1);
    ck_assert_int_eq(rt_str_cmp(S("b"), S("abc")), 1);
    ck_assert_int_eq(rt_str_cmp(S(""), S("")), 0);
    ck_assert_uint_eq(rt_str_char_count(S("héllo 😀")), 7);
    ck_assert(rt_str_is_char_boundary(S("é"), 0) && !rt_str_is_char_boundary(S("é"), 1));
    ck_assert(!rt_str_is_char_boundary(S("é"), 3));
    ck_str(rt_str_slice(S("héllo"), 1, 3, RT_LOC(1, 1)), "é");
    ck_assert(rt_str_eq_ignore_ascii_case(S("HeLLo"), S("hello")));
}
END_TEST

START_TEST(string_case_repeat_replace) {
    rtt_init();
    RtString s;
    s = rt_str_to_uppercase(S("straße"));
    ck_string(&s, "STRASSE");
    s = rt_str_to_lowercase(S("ΟΔΟΣ"));
    ck_string(&s, "οδος");   /* final sigma */
    s = rt_str_to_lowercase(S("ΣΑ"));
    ck_string(&s, "\xCF\x83\xCE\xB1");
    s = rt_str_to_lowercase(S("AΣ'."));
    ck_string(&s, "a\xCF\x82'.");
    s = rt_str_to_lowercase(S("ǅ"));
    ck_string(&s, "ǆ");
    s = rt_str_to_ascii_uppercase(S("héllo"));
    ck_string(&s, "HéLLO");
    s = rt_str_to_ascii_lowercase(S("HÉLLO"));
    ck_string(&s, "hÉllo");
    s = rt_str_repeat(S("ab"), 3, RT_LOC(1, 1));
    ck_assert_uint_eq(s.cap, 6);
    ck_string(&s, "ababab");
    s = rt_str_repeat(S("ab"), 0, RT_LOC(1, 1));
    ck_assert_ptr_null(s.ptr);
    ck_string(&s, "");
    s = rt_str_replace(S("aaa"), S("a"), S("bb"));
    ck_string(&s, "bbbbbb");
    s = rt_str_replace(S("abc"), S(""), S("-"));
    ck_string(&s, "-a-b-c-");
    s = rt_str_replace(S("a.b.c"), S("."), S("/"));
    ck_assert_uint_eq(s.cap, 5);
    ck_string(&s, "a/b/c");
    s = rt_str_replace(S("hello"), S("ll"), S(""));
    ck_string(&s, "heo");
    ck_assert_uint_eq(rt_host_live_count(), 0);
}
END_TEST

/* char::to_uppercase()'s iterator displays the chars it has not yielded:
 * `format!("{}", 'ß'.to_uppercase())` is "SS", and after one next() "S". */
START_TEST(case_iter_displays_the_rest) {
    rtt_init();
    RtCaseIter it;
    it.len = rt_char_to_upper(0xDF, it.chars);
    it.pos = 0;
    RtArg arg = {&it, rt_fmt_display_case_iter, RT_SPEC_DEFAULT};
    RtStr piece = S("[");
    RtArguments args = {&piece, 1, &arg, 1};
    RtString s = rt_format(&args);
    ck_string(&s, "[SS");
    it.pos = 1;
    s = rt_format(&args);
    ck_string(&s, "[S");
    it.len = rt_char_to_lower('A', it.chars);
    it.pos = 0;
    s = rt_format(&args);
    ck_string(&s, "[a");
    ck_assert_uint_eq(rt_host_live_count(), 0);
}
END_TEST

/* Collects an iterator into "a|b|c". */
static void ck_split(RtSplit it, const char *want) {
    char buf[256];
    size_t n = 0;
    RtStr piece;
    int first = 1;
    while (rt_split_next(&it, &piece)) {
        if (!first) buf[n++] = '|';
        first = 0;
        memcpy(buf + n, piece.ptr, piece.len);
        n += piece.len;
    }
    buf[n] = 0;
    ck_assert_str_eq(buf, want);
}

START_TEST(string_split_like_rust) {
    rtt_init();
    ck_split(rt_str_split(S("a,b,,c,"), S(",")), "a|b||c|");
    ck_split(rt_str_split(S("abc"), S("")), "|a|b|c|");
    ck_split(rt_str_split(S(""), S("")), "|");
    ck_split(rt_str_split(S(""), S(",")), "");
    ck_split(rt_str_split(S("a--b--"), S("--")), "a|b|");
    ck_split(rt_str_split_char(S("héllo wörld"), 0xF6), "héllo w|rld");
    ck_split(rt_str_split_whitespace(S("  a \t b\u3000c\n")), "a|b|c");
    ck_split(rt_str_split_whitespace(S("   ")), "");
    ck_split(rt_str_lines(S("a\r\nb\n\nc\r")), "a|b||c\r");
    ck_split(rt_str_lines(S("\n")), "");
    ck_split(rt_str_lines(S("x\n\n")), "x|");
    RtChars it = rt_str_chars(S("aé😀"));
    rt_char c;
    rt_usize i;
    ck_assert(rt_chars_next_back(&it, &c) && c == 0x1F600);
    ck_assert(rt_chars_next_index(&it, &i, &c) && c == 'a' && i == 0);
    ck_str(rt_chars_as_str(&it), "é");
    ck_assert(rt_chars_next_index(&it, &i, &c) && c == 0xE9 && i == 1);
    ck_assert(!rt_chars_next(&it, &c) && !rt_chars_next_back(&it, &c));
}
END_TEST

START_TEST(string_parse_like_rust) {
    rtt_init();
    rt_i64 s = 0;
    rt_u64 u = 0;
    ck_assert_uint_eq(rt_parse_int(S(""), 0, 8, &s, &u), RT_PARSE_EMPTY);
    ck_assert_uint_eq(rt_parse_int(S("+"), 1, 8, &s, &u), RT_PARSE_INVALID_DIGIT);
    ck_assert_uint_eq(rt_parse_int(S("-"), 0, 8, &s, &u), RT_PARSE_INVALID_DIGIT);
    ck_assert_uint_eq(rt_parse_int(S("-0"), 0, 8, &s, &u), RT_PARSE_INVALID_DIGIT);
    ck_assert_uint_eq(rt_parse_int(S("-0"), 1, 8, &s, &u), RT_PARSE_OK);
    ck_assert_uint_eq(rt_parse_int(S("+12"), 0, 8, &s, &u), RT_PARSE_OK);
    ck_assert_uint_eq(u, 12);
    ck_assert_uint_eq(rt_parse_int(S("12a"), 0, 8, &s, &u), RT_PARSE_INVALID_DIGIT);
    ck_assert_uint_eq(rt_parse_int(S("256"), 0, 8, &s, &u), RT_PARSE_POS_OVERFLOW);
    ck_assert_uint_eq(rt_parse_int(S("1000a"), 1, 8, &s, &u), RT_PARSE_POS_OVERFLOW);
    ck_assert_uint_eq(rt_parse_int(S("-129"), 1, 8, &s, &u), RT_PARSE_NEG_OVERFLOW);
    ck_assert_uint_eq(rt_parse_int(S("-128"), 1, 8, &s, &u), RT_PARSE_OK);
    ck_assert_int_eq(s, -128);
    ck_assert_uint_eq(rt_parse_int(S("-9223372036854775808"), 1, 64, &s, &u), RT_PARSE_OK);
    ck_assert(s == -9223372036854775807ll - 1);
    ck_assert_uint_eq(rt_parse_int(S("18446744073709551615"), 0, 64, &s, &u), RT_PARSE_OK);
    ck_assert(u == ~0ull);
    ck_assert_uint_eq(rt_parse_int(S("18446744073709551616"), 0, 64, &s, &u), RT_PARSE_POS_OVERFLOW);
    rt_f64 f = 0;
    static const char *const ok[] = {"1e5", ".5", "5.", "inf", "-Infinity", "NaN", "+nan", "-.5e-3", "1E+2"};
    static const double okv[] = {1e5, .5, 5., INFINITY, -INFINITY, NAN, NAN, -.5e-3, 1e2};
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        ck_assert_msg(rt_parse_f64(S(ok[i]), &f) == RT_PARSE_OK, "%s", ok[i]);
        ck_assert_msg(isnan(okv[i]) ? isnan(f) : f == okv[i], "%s", ok[i]);
    }
    static const char *const bad[] = {".", "e5", "1e", " 1", "1_0", "0x10", "+", "infinit"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        ck_assert_msg(rt_parse_f64(S(bad[i]), &f) == RT_PARSE_FLOAT_INVALID, "%s", bad[i]);
    ck_assert_uint_eq(rt_parse_f64(S(""), &f), RT_PARSE_FLOAT_EMPTY);
    /* Display and Debug of the errors, as rustc prints them */
    rt_u32 kinds[] = {RT_PARSE_INVALID_DIGIT, RT_PARSE_FLOAT_EMPTY, RT_PARSE_EMPTY};
    RtStr pieces[] = {RT_STR(""), RT_STR(" | "), RT_STR(" | "), RT_STR(" | ")};
    RtArg args[] = {{&kinds[0], rt_fmt_display_parse_error, RT_SPEC_DEFAULT},
                    {&kinds[1], rt_fmt_display_parse_error, RT_SPEC_DEFAULT},
                    {&kinds[1], rt_fmt_debug_parse_error, RT_SPEC_DEFAULT},
                    {&kinds[2], rt_fmt_debug_parse_error, {RT_FMT_DEFAULT | RT_FMT_ALTERNATE, 0, 0}}};
    RtArguments a = {pieces, 4, args, 4};
    RtString out = rt_format(&a);
    ck_string(&out, "invalid digit found in string | cannot parse float from empty string | "
                    "ParseFloatError { kind: Empty } | ParseIntError {\n    kind: Empty,\n}");
}
END_TEST

static void appendf(RtString *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void appendf(RtString *s, const char *fmt, ...) {
    char buf[128];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    rt_string_push_str(s, (RtStr){(const rt_u8 *)buf, (rt_usize)n});
}

static void append_map(RtString *s, const rt_char *m, rt_u32 n) {
    for (rt_u32 i = 0; i < n; i++) appendf(s, i ? ",%x" : "%x", m[i]);
}

/* Every scalar value's properties and case maps against rustc's
 * (unicode_chars.rs): the tables of unicode_data.c and Debug's escapes. */
START_TEST(chars_match_rustc_everywhere) {
    rtt_init();
    size_t glen;
    char *golden = rtt_read_file("tests/runtime/unicode_chars.out", &glen);
    ck_assert_msg(golden != NULL, "run from the project root");
    RtString out = rt_string_new();
    rt_u32 last = ~0u;
    for (rt_u32 v = 0; v <= 0x10FFFF; v++) {
        rt_char c;
        if (!rt_char_from_u32(v, &c)) continue;
        RtArg arg = {&c, rt_fmt_debug_char, RT_SPEC_DEFAULT};
        RtArguments a = {NULL, 0, &arg, 1};
        RtString dbg = rt_format(&a);
        rt_bool escaped = memmem(dbg.ptr, dbg.len, "\\u", 2) != NULL;
        rt_string_drop(&dbg);
        rt_u32 mask = (rt_u32)rt_char_is_whitespace(c) | (rt_u32)rt_char_is_alphabetic(c) << 1 |
                      (rt_u32)rt_char_is_numeric(c) << 2 | (rt_u32)rt_char_is_alphanumeric(c) << 3 |
                      (rt_u32)rt_char_is_lowercase(c) << 4 | (rt_u32)rt_char_is_uppercase(c) << 5 |
                      (rt_u32)rt_char_is_control(c) << 6 | (rt_u32)escaped << 7;
        if (mask != last) appendf(&out, "%x %u\n", v, mask);
        last = mask;
    }
    appendf(&out, "case\n");
    for (rt_u32 v = 0; v <= 0x10FFFF; v++) {
        rt_char c, up[3], lo[3];
        if (!rt_char_from_u32(v, &c)) continue;
        rt_u32 nu = rt_char_to_upper(c, up), nl = rt_char_to_lower(c, lo);
        if (nu != 1 || nl != 1 || up[0] != c || lo[0] != c) {
            appendf(&out, "%x ", v);
            append_map(&out, up, nu);
            appendf(&out, " ");
            append_map(&out, lo, nl);
            appendf(&out, "\n");
        }
    }
    ck_assert_uint_eq(out.len, glen);
    ck_assert_msg(memcmp(out.ptr, golden, glen) == 0, "char properties differ from rustc");
    rt_string_drop(&out);
    free(golden);
    ck_assert(!rt_char_from_u32(0xD800, &last) && !rt_char_from_u32(0x110000, &last));
    rt_u32 d;
    ck_assert(rt_char_to_digit('z', 36, &d) && d == 35);
    ck_assert(!rt_char_to_digit('8', 8, &d));
    rt_char ch;
    ck_assert(rt_char_from_digit(11, 16, &ch) && ch == 'b');
    ck_assert(!rt_char_from_digit(10, 10, &ch));
    ck_assert_uint_eq(rt_char_len_utf8(0x10FFFF), 4);
}
END_TEST

#define SPANIC(name, msg, stmt)                                                                  \
    START_TEST(name) {                                                                        \
        rtt_expect_panic(rtt_panic_text(14, 72, msg), NULL);                                  \
        stmt;                                                                                  \
        ck_abort_msg("did not panic");                                                         \
    }                                                                                          \
    END_TEST

SPANIC(slice_end_inside_char, "end byte index 2 is not a char boundary; it is inside 'é' (bytes 1..3) of `héllo`",
       rt_str_slice(S("héllo"), 0, 2, RT_LOC(14, 72)))
SPANIC(slice_start_inside_char, "start byte index 2 is not a char boundary; it is inside 'é' (bytes 1..3) of `héllo`",
       rt_str_slice(S("héllo"), 2, 6, RT_LOC(14, 72)))
SPANIC(slice_end_out_of_bounds, "end byte index 9 is out of bounds of `hello`", rt_str_slice(S("hello"), 0, 9, RT_LOC(14, 72)))
SPANIC(slice_start_out_of_bounds, "start byte index 9 is out of bounds of `hello`",
       rt_str_slice(S("hello"), 9, 5, RT_LOC(14, 72)))
SPANIC(slice_backwards, "begin > end (3 > 2) when slicing `hello`", rt_str_slice(S("hello"), 3, 2, RT_LOC(14, 72)))
SPANIC(string_insert_not_boundary, "assertion failed: self.is_char_boundary(idx)", {
    RtString s = rt_string_from_str(S("héllo"));
    rt_string_insert(&s, 2, 'x', RT_LOC(14, 72));
})
SPANIC(string_insert_past_end, "assertion failed: self.is_char_boundary(idx)", {
    RtString s = rt_string_from_str(S("héllo"));
    rt_string_insert_str(&s, 9, S("x"), RT_LOC(14, 72));
})
SPANIC(string_remove_inside_char, "start byte index 2 is not a char boundary; it is inside 'é' (bytes 1..3) of `héllo`", {
    RtString s = rt_string_from_str(S("héllo"));
    rt_string_remove(&s, 2, RT_LOC(14, 72));
})
SPANIC(string_remove_at_end, "cannot remove a char from the end of a string", {
    RtString s = rt_string_from_str(S("héllo"));
    rt_string_remove(&s, 6, RT_LOC(14, 72));
})
SPANIC(string_truncate_inside_char, "assertion failed: self.is_char_boundary(new_len)", {
    RtString s = rt_string_from_str(S("héllo"));
    rt_string_truncate(&s, 2, RT_LOC(14, 72));
})

/* Long strings are cut at 256 bytes (on a char boundary) with "[...]". */
START_TEST(slice_message_truncates_long_strings) {
    static char text[400], want[600];
    memset(text, 'a', 255);
    strcpy(text + 255, "é and more");
    snprintf(want, sizeof want, "end byte index 999 is out of bounds of `%.255s`[...]", text);
    rtt_expect_panic(rtt_panic_text(14, 72, want), NULL);
    rt_str_slice(S(text), 0, 999, RT_LOC(14, 72));
}
END_TEST

START_TEST(repeat_overflow_reports_std) {
    rtt_expect_panic("thread 'main' panicked at /rustc/59807616e1fa2540724bfbac14d7976d7e4a3860/library/alloc/src/slice.rs:523:50:\n"
                     "capacity overflow\nnote: run with `RUST_BACKTRACE=1` environment variable to display a backtrace\n",
                     NULL);
    rt_str_repeat(S("ab"), ~(rt_usize)0, RT_LOC(1, 1));
}
END_TEST

Suite *rtt_suite_string(void) {
    Suite *s = suite_create("string");
    TCase *tc = tcase_create("string");
    tcase_add_test(tc, string_growth_matches_rawvec);
    tcase_add_test(tc, case_iter_displays_the_rest);
    tcase_add_test(tc, string_editing);
    tcase_add_test(tc, string_search_and_trim);
    tcase_add_test(tc, string_case_repeat_replace);
    tcase_add_test(tc, string_split_like_rust);
    tcase_add_test(tc, string_parse_like_rust);
    tcase_add_test(tc, chars_match_rustc_everywhere);
    tcase_add_exit_test(tc, slice_end_inside_char, 101);
    tcase_add_exit_test(tc, slice_start_inside_char, 101);
    tcase_add_exit_test(tc, slice_end_out_of_bounds, 101);
    tcase_add_exit_test(tc, slice_start_out_of_bounds, 101);
    tcase_add_exit_test(tc, slice_backwards, 101);
    tcase_add_exit_test(tc, string_insert_not_boundary, 101);
    tcase_add_exit_test(tc, string_insert_past_end, 101);
    tcase_add_exit_test(tc, string_remove_inside_char, 101);
    tcase_add_exit_test(tc, string_remove_at_end, 101);
    tcase_add_exit_test(tc, string_truncate_inside_char, 101);
    tcase_add_exit_test(tc, slice_message_truncates_long_strings, 101);
    tcase_add_exit_test(tc, repeat_overflow_reports_std, 101);
    suite_add_tcase(s, tc);
    return s;
}
