/* test_lex.c — lexer unit tests: every token class, literal values and
 * suffixes, each lexical error with its message, spans, and hostile inputs
 * (floods, random bytes, invalid UTF-8, NULs, truncated literals).
 */
#include "internal.h"
#include "suites.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* A unit over exactly `n` bytes. The text is re-copied into a malloc'd block
 * of n + 1 bytes so ASan catches any read past the terminating NUL (the
 * arena's copy would hide it inside a larger chunk). */
typedef struct Lexed {
    DbUnit *u;
    char *text;
} Lexed;

static Lexed lex_n(const char *src, size_t n) {
    Lexed l;
    l.u = db_unit_new("t.rs", src, n, NULL);
    ck_assert_ptr_nonnull(l.u);
    l.text = malloc(n + 1);
    memcpy(l.text, src, n);
    l.text[n] = 0;
    l.u->src.text = l.text;
    lex_run(l.u);
    return l;
}

static Lexed lex(const char *src) { return lex_n(src, strlen(src)); }

static void done(Lexed l) {
    db_unit_free(l.u);
    free(l.text);
}

static Token *tok(Lexed l, int i) {
    ck_assert_int_lt(i, l.u->ntoks);
    return &l.u->toks[i];
}

static int nerrors(Lexed l) {
    int n = 0;
    for (Diag *d = l.u->diags.head; d; d = d->next) n += d->level == DIAG_ERROR;
    return n;
}

static int ndiags(Lexed l) {
    int n = 0;
    for (Diag *d = l.u->diags.head; d; d = d->next) n++;
    return n;
}

/* The first error whose message contains `sub`, or NULL. */
static Diag *find_diag(Lexed l, const char *sub) {
    for (Diag *d = l.u->diags.head; d; d = d->next)
        if (d->message && strstr(d->message, sub)) return d;
    return NULL;
}

static const char *all_messages(Lexed l) {
    static char buf[4096];
    buf[0] = 0;
    for (Diag *d = l.u->diags.head; d; d = d->next) {
        strncat(buf, d->message ? d->message : "(null)", sizeof buf - strlen(buf) - 2);
        strncat(buf, "\n", sizeof buf - strlen(buf) - 1);
    }
    return buf;
}

/* Asserts the token kinds of `src` (T_EOF included) and that it is clean. */
static void expect_kinds(const char *src, const TokenKind *kinds, int n) {
    Lexed l = lex(src);
    ck_assert_msg(l.u->ntoks == n, "`%s`: %d tokens, expected %d", src, l.u->ntoks, n);
    for (int i = 0; i < n; i++)
        ck_assert_msg(l.u->toks[i].kind == kinds[i], "`%s` token %d: %s, expected %s", src, i,
                      token_kind_name(l.u->toks[i].kind), token_kind_name(kinds[i]));
    ck_assert_msg(nerrors(l) == 0, "`%s`: unexpected errors:\n%s", src, all_messages(l));
    done(l);
}
#define EXPECT_KINDS(src, ...)                                                  \
    do {                                                                        \
        static const TokenKind k_[] = { __VA_ARGS__ };                          \
        expect_kinds(src, k_, (int)(sizeof k_ / sizeof k_[0]));                 \
    } while (0)

/* Lexes `src`, asserting exactly `errors` errors, one containing `sub`. */
static Lexed expect_error(const char *src, int errors, const char *sub) {
    Lexed l = lex(src);
    ck_assert_msg(nerrors(l) == errors, "`%s`: %d errors, expected %d:\n%s", src, nerrors(l), errors,
                  all_messages(l));
    ck_assert_msg(find_diag(l, sub) != NULL, "`%s`: no error contains `%s`:\n%s", src, sub, all_messages(l));
    ck_assert_int_eq(l.u->toks[l.u->ntoks - 1].kind, T_EOF);
    return l;
}

static void check_error(const char *src, int errors, const char *sub) { done(expect_error(src, errors, sub)); }

/* Every token stream ends in one EOF at {len, len}, spans are ordered and
 * in bounds. */
static void check_stream(Lexed l) {
    uint32_t len = l.u->src.len, prev = 0;
    ck_assert_int_ge(l.u->ntoks, 1);
    for (int i = 0; i < l.u->ntoks; i++) {
        Token *t = &l.u->toks[i];
        ck_assert_uint_le(prev, t->span.lo);
        ck_assert_uint_le(t->span.lo, t->span.hi);
        ck_assert_uint_le(t->span.hi, len);
        ck_assert_int_eq(t->kind == T_EOF, i == l.u->ntoks - 1);
        prev = t->span.hi;
    }
    ck_assert_uint_eq(l.u->toks[l.u->ntoks - 1].span.lo, len);
    ck_assert_uint_eq(l.u->toks[l.u->ntoks - 1].span.hi, len);
    ck_assert(l.u->lexed);
}

/* ------------------------------------------------------------- basics */

START_TEST(empty_input) {
    Lexed l = lex("");
    ck_assert_int_eq(l.u->ntoks, 1);
    ck_assert_int_eq(tok(l, 0)->kind, T_EOF);
    ck_assert_uint_eq(tok(l, 0)->span.lo, 0);
    ck_assert_uint_eq(tok(l, 0)->span.hi, 0);
    check_stream(l);
    ck_assert_int_eq(ndiags(l), 0);
    done(l);
    l = lex("  \t\r\n\f\v // only a comment\n/* and /* nested */ one */");
    ck_assert_int_eq(l.u->ntoks, 1);
    check_stream(l);
    ck_assert_int_eq(ndiags(l), 0);
    done(l);
}
END_TEST

START_TEST(every_keyword) {
    for (int k = FIRST_KEYWORD; k <= LAST_KEYWORD; k++) {
        const char *name = token_kind_name((TokenKind)k);
        Lexed l = lex(name);
        ck_assert_int_eq(l.u->ntoks, 2);
        ck_assert_msg(tok(l, 0)->kind == (TokenKind)k, "`%s` lexed as %s", name, token_kind_name(tok(l, 0)->kind));
        ck_assert_str_eq(tok(l, 0)->sym, name);
        ck_assert_ptr_eq(tok(l, 0)->sym, sym_cstr(l.u, name));
        done(l);
    }
}
END_TEST

START_TEST(every_punctuation) {
    for (int k = FIRST_PUNCT; k < TOKEN_KIND_COUNT; k++) {
        const char *name = token_kind_name((TokenKind)k);
        Lexed l = lex(name);
        ck_assert_msg(l.u->ntoks == 2 && tok(l, 0)->kind == (TokenKind)k, "`%s` lexed as %s (%d tokens)", name,
                      token_kind_name(tok(l, 0)->kind), l.u->ntoks);
        ck_assert_uint_eq(tok(l, 0)->span.hi, strlen(name));
        ck_assert_int_eq(nerrors(l), 0);
        done(l);
    }
    ck_assert_str_eq(token_kind_name(T_IDENT), "identifier");
    ck_assert_str_eq(token_kind_name(T_EOF), "end of file");
    ck_assert_str_eq(token_kind_name(P_SHR_EQ), ">>=");
}
END_TEST

START_TEST(longest_match) {
    EXPECT_KINDS("a >>= b", T_IDENT, P_SHR_EQ, T_IDENT, T_EOF);
    EXPECT_KINDS("a<<=b", T_IDENT, P_SHL_EQ, T_IDENT, T_EOF);
    EXPECT_KINDS(">>>=", P_SHR, P_GE, T_EOF);
    EXPECT_KINDS("<<<", P_SHL, P_LT, T_EOF);
    EXPECT_KINDS("..=...", P_DOTDOTEQ, P_DOTDOTDOT, T_EOF);
    EXPECT_KINDS("....", P_DOTDOTDOT, P_DOT, T_EOF);
    EXPECT_KINDS(":::", P_COLONCOLON, P_COLON, T_EOF);
    EXPECT_KINDS("->=>==!=", P_ARROW, P_FATARROW, P_EQEQ, P_NE, T_EOF);
    EXPECT_KINDS("&&=||=", P_ANDAND, P_EQ, P_OROR, P_EQ, T_EOF);
    EXPECT_KINDS("a&&b", T_IDENT, P_ANDAND, T_IDENT, T_EOF);
    EXPECT_KINDS("Vec<Vec<u8>>", T_IDENT, P_LT, T_IDENT, P_LT, T_IDENT, P_SHR, T_EOF);
    EXPECT_KINDS("x-=1", T_IDENT, P_MINUS_EQ, T_INT, T_EOF);
    EXPECT_KINDS("a/b/=c", T_IDENT, P_SLASH, T_IDENT, P_SLASH_EQ, T_IDENT, T_EOF);
    EXPECT_KINDS("#![x]", P_POUND, P_BANG, P_LBRACKET, T_IDENT, P_RBRACKET, T_EOF);
}
END_TEST

START_TEST(identifiers) {
    Lexed l = lex("foo _bar x1 _ __ Self self café 名前 r#fn r#match selfish");
    TokenKind want[] = { T_IDENT, T_IDENT, T_IDENT, P_UNDERSCORE, T_IDENT, K_SELF_UPPER, K_SELF_LOWER,
                         T_IDENT, T_IDENT, T_IDENT, T_IDENT, T_IDENT, T_EOF };
    const char *syms[] = { "foo", "_bar", "x1", NULL, "__", "Self", "self", "café", "名前", "fn", "match", "selfish" };
    ck_assert_int_eq(l.u->ntoks, 13);
    for (int i = 0; i < 13; i++) ck_assert_int_eq(tok(l, i)->kind, want[i]);
    for (int i = 0; i < 12; i++)
        if (syms[i]) ck_assert_str_eq(tok(l, i)->sym, syms[i]);
    /* Interned: equal names are equal pointers. */
    ck_assert_ptr_eq(tok(l, 0)->sym, sym_cstr(l.u, "foo"));
    /* A raw identifier's span covers `r#`. */
    ck_assert_uint_eq(tok(l, 9)->span.hi - tok(l, 9)->span.lo, 4);
    ck_assert_int_eq(nerrors(l), 0);
    done(l);
    EXPECT_KINDS("await box yield async dyn", K_AWAIT, K_BOX, K_YIELD, K_ASYNC, K_DYN, T_EOF);
    EXPECT_KINDS("union macro_rules gen try", T_IDENT, T_IDENT, T_IDENT, T_IDENT, T_EOF);
    check_error("r#self", 1, "`self` cannot be a raw identifier");
    check_error("r#_", 1, "`_` cannot be a raw identifier");
}
END_TEST

START_TEST(comments) {
    EXPECT_KINDS("a /* x /* y */ z */ b", T_IDENT, T_IDENT, T_EOF);
    EXPECT_KINDS("/// doc\n//! inner doc\n/** block doc */ x // end", T_IDENT, T_EOF);
    EXPECT_KINDS("a/**/b/***/c", T_IDENT, T_IDENT, T_IDENT, T_EOF);
    EXPECT_KINDS("a /*/ still a comment */ b", T_IDENT, T_IDENT, T_EOF);
    EXPECT_KINDS("x//", T_IDENT, T_EOF);
    Lexed l = expect_error("a /* outer /* inner */ b", 1, "unterminated block comment");
    ck_assert_int_eq(l.u->ntoks, 3); /* a, the rest as an invalid token, EOF */
    ck_assert_int_eq(tok(l, 1)->kind, T_ERROR);
    ck_assert_uint_eq(tok(l, 1)->span.lo, 2);
    ck_assert(tok(l, 1)->preceded_by_space);
    Diag *d = l.u->diags.head;
    ck_assert_str_eq(d->code, "E0758");
    ck_assert_int_ge(d->nspans, 1);
    ck_assert_uint_eq(d->spans[0].span.lo, 2);
    check_stream(l);
    done(l);
    check_error("/*", 1, "unterminated block comment");
    check_error("/*/", 1, "unterminated block comment");
}
END_TEST

START_TEST(space_before) {
    Lexed l = lex("a.b .c/**/d\n(e");
    ck_assert(tok(l, 0)->preceded_by_space);  /* file start */
    ck_assert(!tok(l, 1)->preceded_by_space); /* . */
    ck_assert(!tok(l, 2)->preceded_by_space); /* b */
    ck_assert(tok(l, 3)->preceded_by_space);  /* . */
    ck_assert(!tok(l, 4)->preceded_by_space); /* c */
    ck_assert(tok(l, 5)->preceded_by_space);  /* d after a comment */
    ck_assert(tok(l, 6)->preceded_by_space);  /* ( after a newline */
    ck_assert(!tok(l, 7)->preceded_by_space); /* e */
    done(l);
}
END_TEST

/* ------------------------------------------------------------- numbers */

START_TEST(integers) {
    Lexed l = lex("0 42 1_000 0xff 0o17 0b1010 30u64 7i8 255_u8 1usize 0xFF_FFi128 18446744073709551615");
    uint64_t vals[] = { 0, 42, 1000, 255, 15, 10, 30, 7, 255, 1, 0xffff, UINT64_MAX };
    LitSuffix sufs[] = { SUF_NONE, SUF_NONE, SUF_NONE, SUF_NONE, SUF_NONE, SUF_NONE,
                         SUF_U64, SUF_I8, SUF_U8, SUF_USIZE, SUF_I128, SUF_NONE };
    ck_assert_int_eq(l.u->ntoks, 13);
    for (int i = 0; i < 12; i++) {
        ck_assert_int_eq(tok(l, i)->kind, T_INT);
        ck_assert_msg(tok(l, i)->ival == vals[i], "token %d: %llu", i, (unsigned long long)tok(l, i)->ival);
        ck_assert_int_eq(tok(l, i)->suffix, sufs[i]);
        ck_assert(!tok(l, i)->int_overflow);
    }
    ck_assert_int_eq(nerrors(l), 0);
    done(l);

    l = lex("18446744073709551616 0x1_0000_0000_0000_0000u128 340282366920938463463374607431768211455u128");
    for (int i = 0; i < 3; i++) {
        ck_assert_int_eq(tok(l, i)->kind, T_INT);
        ck_assert(tok(l, i)->int_overflow);
    }
    ck_assert_int_eq(tok(l, 1)->suffix, SUF_U128);
    ck_assert_int_eq(nerrors(l), 0); /* too large is the type checker's call */
    done(l);
}
END_TEST

START_TEST(floats) {
    Lexed l = lex("1.5 1e10 1.5e-3 2.0f64 1. 3f32 1_000.000_1 2E+2 6.02e2_3f32");
    double vals[] = { 1.5, 1e10, 1.5e-3, 2.0, 1.0, 3.0, 1000.0001, 200.0, 6.02e23 };
    LitSuffix sufs[] = { SUF_NONE, SUF_NONE, SUF_NONE, SUF_F64, SUF_NONE, SUF_F32, SUF_NONE, SUF_NONE, SUF_F32 };
    ck_assert_int_eq(l.u->ntoks, 10);
    for (int i = 0; i < 9; i++) {
        ck_assert_msg(tok(l, i)->kind == T_FLOAT, "token %d is %s", i, token_kind_name(tok(l, i)->kind));
        ck_assert_double_eq_tol(tok(l, i)->fval, vals[i], vals[i] * 1e-12);
        ck_assert_int_eq(tok(l, i)->suffix, sufs[i]);
    }
    ck_assert_int_eq(nerrors(l), 0);
    done(l);
    /* Not floats: ranges, method calls, and fields. */
    EXPECT_KINDS("1..2", T_INT, P_DOTDOT, T_INT, T_EOF);
    EXPECT_KINDS("1..=2", T_INT, P_DOTDOTEQ, T_INT, T_EOF);
    EXPECT_KINDS("1.max(2)", T_INT, P_DOT, T_IDENT, P_LPAREN, T_INT, P_RPAREN, T_EOF);
    EXPECT_KINDS("1._x", T_INT, P_DOT, T_IDENT, T_EOF);
    EXPECT_KINDS("1.e3", T_INT, P_DOT, T_IDENT, T_EOF);
    EXPECT_KINDS("t.0", T_IDENT, P_DOT, T_INT, T_EOF);
    /* `x.0.1` lexes a float the parser splits; the span is the text. */
    l = lex("x.0.1");
    ck_assert_int_eq(tok(l, 2)->kind, T_FLOAT);
    ck_assert_double_eq(tok(l, 2)->fval, 0.1);
    ck_assert_uint_eq(tok(l, 2)->span.lo, 2);
    ck_assert_uint_eq(tok(l, 2)->span.hi, 5);
    done(l);
    EXPECT_KINDS("1.0.max", T_FLOAT, P_DOT, T_IDENT, T_EOF);
}
END_TEST

START_TEST(number_errors) {
    Lexed l = expect_error("0b102", 1, "invalid digit for a base 2 literal");
    ck_assert_uint_eq(l.u->diags.head->spans[0].span.lo, 4);
    ck_assert_int_eq(tok(l, 0)->kind, T_INT);
    done(l);
    check_error("0o78", 1, "invalid digit for a base 8 literal");
    l = expect_error("1xyz", 1, "invalid suffix `xyz` for number literal");
    ck_assert_int_eq(tok(l, 0)->kind, T_INT);
    ck_assert_uint_eq(tok(l, 0)->ival, 1);
    ck_assert_int_eq(l.u->ntoks, 2);
    done(l);
    check_error("5u7", 1, "invalid suffix `u7` for number literal");
    check_error("1.0u8", 1, "invalid suffix `u8` for float literal");
    check_error("1e5i32", 1, "invalid suffix `i32` for float literal");
    check_error("0x", 1, "no valid digits found for number");
    check_error("0b_", 1, "no valid digits found for number");
    check_error("1e", 1, "expected at least one digit in exponent");
    check_error("1e+_", 1, "expected at least one digit in exponent");
    check_error("0x1.5", 1, "hexadecimal float literal is not supported");
    check_error("0b1e3", 1, "binary float literal is not supported");
    check_error("0b1f32", 1, "binary float literal is not supported");
    /* Hex digits swallow what looks like a float suffix. */
    EXPECT_KINDS("0x1f32", T_INT, T_EOF);
}
END_TEST

/* ------------------------------------------------------------- strings */

static void expect_str(const char *src, TokenKind kind, const char *want, uint32_t want_len) {
    Lexed l = lex(src);
    ck_assert_msg(nerrors(l) == 0, "`%s`:\n%s", src, all_messages(l));
    ck_assert_int_eq(l.u->ntoks, 2);
    ck_assert_int_eq(tok(l, 0)->kind, kind);
    ck_assert_msg(tok(l, 0)->str_len == want_len && memcmp(tok(l, 0)->str, want, want_len) == 0,
                  "`%s` decoded to `%.*s` (%u bytes)", src, (int)tok(l, 0)->str_len, tok(l, 0)->str,
                  tok(l, 0)->str_len);
    ck_assert_int_eq(tok(l, 0)->str[want_len], 0);
    ck_assert_uint_eq(tok(l, 0)->span.hi, strlen(src));
    done(l);
}
#define EXPECT_STR(src, kind, want) expect_str(src, kind, want, sizeof(want) - 1)

START_TEST(strings) {
    EXPECT_STR("\"hello\"", T_STR, "hello");
    EXPECT_STR("\"\"", T_STR, "");
    EXPECT_STR("\"a\\n\\r\\t\\\\\\\"\\'\\0z\"", T_STR, "a\n\r\t\\\"'\0z");
    EXPECT_STR("\"\\x41\\x7F\"", T_STR, "A\x7f");
    EXPECT_STR("\"\\u{1F600}\\u{e9}\\u{0_0_41}\"", T_STR, "\xf0\x9f\x98\x80\xc3\xa9" "A");
    EXPECT_STR("\"caf\xc3\xa9 \xe2\x82\xac\"", T_STR, "caf\xc3\xa9 \xe2\x82\xac");
    EXPECT_STR("\"a\\\n      b\"", T_STR, "ab");
    EXPECT_STR("\"a\\\r\n   \n  b\"", T_STR, "ab");
    EXPECT_STR("\"line\r\nbreak\"", T_STR, "line\nbreak");
    EXPECT_STR("\"multi\nline\"", T_STR, "multi\nline");
    EXPECT_STR("r\"a\\n\"", T_STR, "a\\n");
    EXPECT_STR("r#\"say \"hi\"\"#", T_STR, "say \"hi\"");
    EXPECT_STR("r##\"x\"#y\"##", T_STR, "x\"#y");
    EXPECT_STR("r\"\"", T_STR, "");
    EXPECT_STR("b\"a\\xff\\n\"", T_BYTE_STR, "a\xff\n");
    EXPECT_STR("br\"\\x\"", T_BYTE_STR, "\\x");
    EXPECT_STR("br#\"\"\"#", T_BYTE_STR, "\"");
    /* A NUL inside a string is kept, and str_len counts it. */
    Lexed l = lex_n("\"a\0b\"", 5);
    ck_assert_int_eq(nerrors(l), 0);
    ck_assert_uint_eq(tok(l, 0)->str_len, 3);
    ck_assert_int_eq(memcmp(tok(l, 0)->str, "a\0b", 3), 0);
    done(l);
    /* Prefixes next to other tokens. */
    EXPECT_KINDS("b r br rb x \"\"", T_IDENT, T_IDENT, T_IDENT, T_IDENT, T_IDENT, T_STR, T_EOF);
}
END_TEST

START_TEST(string_errors) {
    Lexed l = expect_error("let s = \"abc;\n}\n", 1, "unterminated double quote string");
    Diag *d = l.u->diags.head;
    ck_assert_str_eq(d->code, "E0765");
    ck_assert_uint_eq(d->spans[0].span.lo, 8);
    ck_assert_int_eq(l.u->ntoks, 5); /* let s = <error> EOF */
    ck_assert_int_eq(tok(l, 3)->kind, T_ERROR);
    ck_assert_uint_eq(tok(l, 3)->span.hi, l.u->src.len);
    check_stream(l);
    done(l);
    l = expect_error("b\"abc", 1, "unterminated double quote byte string");
    ck_assert_str_eq(l.u->diags.head->code, "E0766");
    done(l);
    check_error("\"abc\\\"", 1, "unterminated double quote string");
    check_error("\"\\", 1, "unterminated double quote string");

    l = expect_error("\"a\\qb\"", 1, "unknown character escape: `q`");
    ck_assert_int_eq(tok(l, 0)->kind, T_STR); /* still a string for the parser */
    ck_assert_uint_eq(l.u->diags.head->spans[0].span.lo, 3);
    done(l);
    check_error("\"\\x80\"", 1, "out of range hex escape");
    check_error("\"\\x4\"", 1, "numeric character escape is too short");
    check_error("\"\\xg0\"", 1, "invalid character in numeric character escape: `g`");
    check_error("\"\\u{110000}\"", 1, "invalid unicode character escape");
    check_error("\"\\u{D800}\"", 1, "invalid unicode character escape");
    check_error("\"\\u{1234567}\"", 1, "overlong unicode escape");
    check_error("\"\\u{}\"", 1, "empty unicode escape");
    check_error("\"\\u{12\"", 1, "unterminated unicode escape");
    check_error("\"\\u{_1}\"", 1, "invalid start of unicode escape");
    check_error("\"\\u{1x}\"", 1, "invalid character in unicode escape: `x`");
    check_error("\"\\u41\"", 1, "incorrect unicode escape sequence");
    check_error("b\"\\u{41}\"", 1, "unicode escape in byte string");
    check_error("b\"caf\xc3\xa9\"", 1, "non-ASCII character in byte string literal");
    check_error("br\"\xc3\xa9\"", 1, "non-ASCII character in raw byte string literal");
    check_error("\"a\rb\"", 1, "bare CR not allowed in string");
    check_error("r\"a\rb\"", 1, "bare CR not allowed in raw string");
    check_error("\"a\"suffix", 1, "suffixes on string literals are invalid");
    /* Several bad escapes: one error each. */
    check_error("\"\\q \\w \\e\"", 3, "unknown character escape: `w`");

    l = expect_error("r#\"abc\"", 1, "unterminated raw string");
    ck_assert_str_eq(l.u->diags.head->code, "E0748");
    done(l);
    check_error("r##\"abc\"#", 1, "unterminated raw string");
    check_error("r#", 1, "unterminated raw string");
    check_error("r#!", 1, "only `#` is allowed in raw string delimitation: !");
    check_error("br##x", 1, "only `#` is allowed in raw string delimitation: x");
}
END_TEST

/* ---------------------------------------------------- chars, lifetimes */

START_TEST(chars) {
    Lexed l = lex("'a' '\\n' '\\u{e9}' '\xc3\xa9' '\\'' '\"' '\\x7f' ' ' '\\\\' '\xf0\x9f\x98\x80' '\\0'");
    uint64_t vals[] = { 'a', '\n', 0xe9, 0xe9, '\'', '"', 0x7f, ' ', '\\', 0x1f600, 0 };
    ck_assert_int_eq(l.u->ntoks, 12);
    for (int i = 0; i < 11; i++) {
        ck_assert_msg(tok(l, i)->kind == T_CHAR, "token %d is %s", i, token_kind_name(tok(l, i)->kind));
        ck_assert_msg(tok(l, i)->ival == vals[i], "token %d: %llx", i, (unsigned long long)tok(l, i)->ival);
    }
    ck_assert_int_eq(nerrors(l), 0);
    done(l);

    l = lex("b'x' b'\\xff' b'\\n' b'\\''");
    uint64_t bytes[] = { 'x', 0xff, '\n', '\'' };
    for (int i = 0; i < 4; i++) {
        ck_assert_int_eq(tok(l, i)->kind, T_BYTE);
        ck_assert_uint_eq(tok(l, i)->ival, bytes[i]);
    }
    ck_assert_int_eq(nerrors(l), 0);
    done(l);
}
END_TEST

START_TEST(lifetimes) {
    Lexed l = lex("<'a, 'static, '_> 'outer: loop { break 'outer; } &'b str 'é");
    ck_assert_int_eq(nerrors(l), 0);
    ck_assert_int_eq(tok(l, 1)->kind, T_LIFETIME);
    ck_assert_str_eq(tok(l, 1)->sym, "a");
    ck_assert_uint_eq(tok(l, 1)->span.hi - tok(l, 1)->span.lo, 2);
    ck_assert_int_eq(tok(l, 3)->kind, T_LIFETIME);
    ck_assert_str_eq(tok(l, 3)->sym, "static");
    ck_assert_int_eq(tok(l, 5)->kind, T_LIFETIME);
    ck_assert_str_eq(tok(l, 5)->sym, "_");
    ck_assert_int_eq(tok(l, 7)->kind, T_LIFETIME);
    ck_assert_str_eq(tok(l, 7)->sym, "outer");
    ck_assert_int_eq(tok(l, 8)->kind, P_COLON);
    ck_assert_int_eq(tok(l, 12)->kind, T_LIFETIME);
    ck_assert_int_eq(tok(l, 16)->kind, T_LIFETIME);
    ck_assert_str_eq(tok(l, 16)->sym, "b");
    ck_assert_int_eq(tok(l, 18)->kind, T_LIFETIME);
    ck_assert_str_eq(tok(l, 18)->sym, "é");
    done(l);
    EXPECT_KINDS("'a", T_LIFETIME, T_EOF);
    EXPECT_KINDS("'a'", T_CHAR, T_EOF);
    EXPECT_KINDS("f('a', 'b')", T_IDENT, P_LPAREN, T_CHAR, P_COMMA, T_CHAR, P_RPAREN, T_EOF);
    EXPECT_KINDS("'a'..='z'", T_CHAR, P_DOTDOTEQ, T_CHAR, T_EOF);
}
END_TEST

START_TEST(char_errors) {
    Lexed l = expect_error("'", 1, "unterminated character literal");
    ck_assert_str_eq(l.u->diags.head->code, "E0762");
    ck_assert_int_eq(l.u->ntoks, 2);
    ck_assert_int_eq(tok(l, 0)->kind, T_ERROR);
    check_stream(l);
    done(l);
    check_error("let c = ' ;\nlet d = 1;", 1, "unterminated character literal");
    l = lex("let c = ' ;\nlet d = 1;");
    ck_assert_int_eq(tok(l, l.u->ntoks - 3)->kind, T_INT); /* lexing went on after the line */
    done(l);
    check_error("'\\", 1, "unterminated character literal");
    check_error("'\\'", 1, "unterminated character literal");
    check_error("x = '/", 1, "unterminated character literal");
    l = expect_error("''", 1, "empty character literal");
    ck_assert_int_eq(l.u->ntoks, 2);
    done(l);
    check_error("'ab'", 1, "character literal may only contain one codepoint");
    check_error("'\\n\\n'", 1, "character literal may only contain one codepoint");
    check_error("'''", 1, "character constant must be escaped: `'`");
    check_error("'\t'", 1, "character constant must be escaped: `\\t`");
    check_error("'\\q'", 1, "unknown character escape: `q`");
    check_error("'\\u{d800}'", 1, "invalid unicode character escape");
    check_error("'\\x80'", 1, "out of range hex escape");
    check_error("'1a", 1, "lifetimes cannot start with a number");
    check_error("b'", 1, "unterminated byte constant");
    check_error("b'ab'", 1, "byte literal may only contain one codepoint");
    check_error("b'\xc3\xa9'", 1, "non-ASCII character in byte literal");
    check_error("b'\\u{41}'", 1, "unicode escape in byte string");
    check_error("'a'x", 1, "suffixes on character literals are invalid");
}
END_TEST

/* ------------------------------------------------------- other errors */

START_TEST(unknown_chars) {
    Lexed l = expect_error("let a = 1 \xe2\x82\xac 2;", 1, "unknown start of token: \\u{20ac}");
    ck_assert_int_eq(l.u->ntoks, 8);
    ck_assert_int_eq(tok(l, 4)->kind, T_ERROR);
    ck_assert_int_eq(tok(l, 5)->kind, T_INT);
    done(l);
    check_error("a \x01 b", 1, "unknown start of token: \\u{1}");
    check_error("`", 1, "unknown start of token: `");
    check_error("\\", 1, "unknown start of token: \\");
    check_error("\x7f", 1, "unknown start of token: \\u{7f}");
    check_error("\xc2\xa0x", 1, "unknown start of token: \\u{a0}"); /* no-break space */
    /* A run of one character is one token and one error with a note. */
    l = expect_error("a ```` b", 1, "unknown start of token: `");
    ck_assert_int_eq(l.u->ntoks, 4);
    ck_assert_int_eq(l.u->diags.head->nchildren, 1);
    ck_assert_ptr_nonnull(strstr(l.u->diags.head->children[0]->message, "3 more times"));
    done(l);
    /* Different characters are reported one by one. */
    check_error("\x01\x02", 2, "unknown start of token: \\u{2}");
    /* Rust's Unicode whitespace is whitespace. */
    EXPECT_KINDS("a\xe2\x80\xa8" "b\xc2\x85" "c", T_IDENT, T_IDENT, T_IDENT, T_EOF);
    /* Reserved prefixes (Rust 2021) and guarded strings (Rust 2024). */
    check_error("foo\"bar\"", 1, "prefix `foo` is unknown");
    check_error("c\"x\"", 1, "prefix `c` is unknown");
    check_error("rb\"x\"", 1, "prefix `rb` is unknown");
    check_error("##", 1, "reserved multi-hash token is forbidden");
    check_error("#\"x\"#", 1, "invalid string literal");
}
END_TEST

START_TEST(nul_bytes) {
    Lexed l = lex_n("a\0b", 3);
    ck_assert_int_eq(l.u->ntoks, 4);
    ck_assert_int_eq(tok(l, 0)->kind, T_IDENT);
    ck_assert_int_eq(tok(l, 1)->kind, T_ERROR);
    ck_assert_int_eq(tok(l, 2)->kind, T_IDENT);
    ck_assert_str_eq(tok(l, 2)->sym, "b");
    ck_assert_int_eq(nerrors(l), 1);
    ck_assert_ptr_nonnull(find_diag(l, "unknown start of token: \\u{0}"));
    check_stream(l);
    done(l);
    /* NULs in comments are fine; trailing NULs are one token. */
    const char nuls[] = "// a\0b\nx /* \0 */ y\0\0\0";
    l = lex_n(nuls, sizeof nuls - 1);
    ck_assert_int_eq(l.u->ntoks, 4);
    ck_assert_int_eq(tok(l, 2)->kind, T_ERROR);
    ck_assert_int_eq(nerrors(l), 1);
    check_stream(l);
    done(l);
}
END_TEST

START_TEST(invalid_utf8) {
    const char src[] = "fn \xff\xfe main() { \"\xff\" } // \xc0\n/* \xed\xa0\x80 */ '\xff' x\xe9y";
    Lexed l = lex_n(src, sizeof src - 1);
    ck_assert_msg(nerrors(l) == 1, "%s", all_messages(l));
    Diag *d = l.u->diags.head;
    ck_assert_str_eq(d->message, "stream did not contain valid UTF-8");
    ck_assert_uint_eq(d->spans[0].span.lo, 3);
    ck_assert_int_eq(tok(l, 0)->kind, K_FN);
    ck_assert_int_eq(tok(l, 1)->kind, T_ERROR); /* both bad bytes, one token */
    ck_assert_uint_eq(tok(l, 1)->span.hi, 5);
    ck_assert_int_eq(tok(l, 2)->kind, T_IDENT);
    check_stream(l);
    done(l);
    /* Overlong encodings, surrogates and truncated sequences are invalid too. */
    const char *bad[] = { "\xc0\xaf", "\xe0\x80\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xe2\x82", "\x80", "\xf8" };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        l = lex(bad[i]);
        ck_assert_msg(nerrors(l) == 1 && find_diag(l, "valid UTF-8"), "case %zu:\n%s", i, all_messages(l));
        check_stream(l);
        done(l);
    }
    /* The error is at the first bad byte even if it sits in a comment. */
    l = lex("// \xff\n\xfe");
    ck_assert_int_eq(nerrors(l), 1);
    ck_assert_uint_eq(l.u->diags.head->spans[0].span.lo, 3);
    done(l);
    /* A byte-order mark is not a token. */
    EXPECT_KINDS("\xef\xbb\xbf" "fn", K_FN, T_EOF);
}
END_TEST

START_TEST(shebang) {
    EXPECT_KINDS("#!/usr/bin/env run-cargo-script\nfn", K_FN, T_EOF);
    EXPECT_KINDS("#![allow(x)]", P_POUND, P_BANG, P_LBRACKET, T_IDENT, P_LPAREN, T_IDENT, P_RPAREN,
                 P_RBRACKET, T_EOF);
    EXPECT_KINDS("#!\n[x]", P_POUND, P_BANG, P_LBRACKET, T_IDENT, P_RBRACKET, T_EOF);
}
END_TEST

/* ------------------------------------------------------ spans and dump */

START_TEST(spans_and_dump) {
    const char *src = "// dynbox: rules=stable\nfn fetch() {\n    let n = 30u64;\n\tx.0 >>= 'a'; // é\n    \"é\" }";
    DbUnit *u = db_unit_new("t.rs", src, strlen(src), NULL);
    const char *dump = db_dump(u, DB_DUMP_TOKENS);
    const char *want =
        "2:1 fn\n"
        "2:4 identifier `fetch`\n"
        "2:9 (\n"
        "2:10 )\n"
        "2:12 {\n"
        "3:5 let\n"
        "3:9 identifier `n`\n"
        "3:11 =\n"
        "3:13 integer literal `30u64`\n"
        "3:18 ;\n"
        "4:2 identifier `x`\n"
        "4:3 .\n"
        "4:4 integer literal `0`\n"
        "4:6 >>=\n"
        "4:10 character literal `'a'`\n"
        "4:13 ;\n"
        "5:5 string literal `\"é\"`\n"
        "5:9 }\n"
        "5:10 end of file\n";
    ck_assert_str_eq(dump, want);
    /* The dump's positions agree with the source map. */
    uint32_t line, col;
    src_line_col(&u->src, u->toks[16].span.lo, &line, &col);
    ck_assert_uint_eq(line, 5);
    ck_assert_uint_eq(col, 5);
    db_unit_free(u);

    /* Line breaks and bad bytes inside a token stay on one dump line. */
    const char bad[] = "\"a\nb\" \x01 \xff";
    u = db_unit_new("t.rs", bad, sizeof bad - 1, NULL);
    dump = db_dump(u, DB_DUMP_TOKENS);
    ck_assert_str_eq(dump, "1:1 string literal `\"a\\nb\"`\n"
                           "2:4 invalid token `\\x01`\n"
                           "2:6 invalid token `\\xff`\n"
                           "2:7 end of file\n");
    db_unit_free(u);
}
END_TEST

/* ----------------------------------------------------- hostile inputs */

START_TEST(flood_of_parens) {
    size_t n = 64 * 1024;
    char *src = malloc(n);
    memset(src, '(', n);
    Lexed l = lex_n(src, n);
    ck_assert_int_eq(l.u->ntoks, 65537);
    ck_assert_int_eq(tok(l, 65535)->kind, P_LPAREN);
    ck_assert_int_eq(tok(l, 65536)->kind, T_EOF);
    ck_assert_int_eq(ndiags(l), 0);
    check_stream(l);
    Buf out = { 0 };
    dump_tokens(l.u, &out); /* linear even on one long line */
    ck_assert_ptr_nonnull(strstr(out.s, "1:65537 end of file\n"));
    buf_free(&out);
    done(l);
    free(src);
}
END_TEST

static uint64_t rng_state;
static uint32_t rng(void) { /* xorshift64*: seeded, so failures reproduce */
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return (uint32_t)((rng_state * 0x2545F4914F6CDD1DULL) >> 32);
}

START_TEST(random_bytes) {
    size_t n = 64 * 1024;
    char *src = malloc(n);
    for (int round = 0; round < 8; round++) {
        rng_state = 0x9E3779B97F4A7C15ULL + (uint64_t)round;
        /* Even rounds: any byte; odd rounds: bytes Rust cares about, so
         * literals and comments open and close at random. */
        static const char alphabet[] = "'\"\\/*#rbx0e._u{}\n \xc3\xa9\xff\r";
        for (size_t i = 0; i < n; i++)
            src[i] = round % 2 ? alphabet[rng() % (sizeof alphabet - 1)] : (char)rng();
        Lexed l = lex_n(src, n);
        check_stream(l);
        ck_assert_int_le(nerrors(l), 100);
        ck_assert_int_le(ndiags(l), 101);
        if (round % 2 == 0) {
            ck_assert_int_eq(nerrors(l), 100);
            ck_assert_ptr_nonnull(find_diag(l, "too many errors"));
        }
        done(l);
    }
    free(src);
}
END_TEST

/* Every prefix of a source full of literals lexes without reading past the
 * end: the truncated literal at the end is the dangerous case. */
START_TEST(every_prefix) {
    const char src[] = "fn f<'a>() { let s = r##\"x\"# \"##; b'\\x'; '\\u{1F600}'; \"a\\\n b\\u{41}\"; "
                       "/* /* */ */ 0x1_fu8 1.5e-3f32 br#\"\"# 'a' 'b ; c'; r#fn \xc3\xa9 \xe2\x82 }";
    for (size_t n = 0; n <= sizeof src - 1; n++) {
        Lexed l = lex_n(src, n);
        check_stream(l);
        done(l);
    }
}
END_TEST

START_TEST(lexes_fast) {
    /* 10,000 lines of ordinary Rust. */
    Buf b = { 0 };
    for (int i = 0; i < 1000; i++) {
        buf_printf(&b, "/// Doc for f%d.\nfn f%d<'a>(x: &'a str, n: u64) -> Result<u64, String> {\n", i, i);
        buf_printf(&b, "    let v: Vec<u64> = (0..n).map(|i| i * 2 + 0x1f).collect();\n");
        buf_printf(&b, "    if v.len() >= 10 && x != \"stop\\n\" { return Err(format!(\"{} {}\", x, 'c')); }\n");
        buf_printf(&b, "    match n { 0 => Ok(1), 1..=9 => Ok(n << 2), _ => Ok(v[0] as u64) }\n");
        buf_printf(&b, "    // a comment\n    let y = 1.5e3f64; /* block */\n    Ok(y as u64)\n}\n\n");
    }
    clock_t t0 = clock();
    Lexed l = lex_n(b.s, b.len);
    double ms = (double)(clock() - t0) * 1000.0 / CLOCKS_PER_SEC;
    ck_assert_int_eq(nerrors(l), 0);
    ck_assert_int_gt(l.u->ntoks, 100000);
    /* The budget is well under 1 ms per 1,000 lines (10 ms here); the bound
     * is loose so sanitizer builds pass, and still catches quadratic work. */
    ck_assert_msg(ms < 200.0, "lexing 10,000 lines took %.1f ms", ms);
    done(l);
    buf_free(&b);
}
END_TEST

START_TEST(lex_runs_once) {
    DbUnit *u = db_unit_new("t.rs", "a b", 3, NULL);
    lex_run(u);
    Token *first = u->toks;
    lex_run(u);
    ck_assert_ptr_eq(u->toks, first);
    ck_assert_int_eq(u->ntoks, 3);
    db_unit_free(u);
}
END_TEST

Suite *lex_suite(void) {
    Suite *s = suite_create("lex");
    TCase *tc = tcase_create("tokens");
    tcase_add_test(tc, empty_input);
    tcase_add_test(tc, every_keyword);
    tcase_add_test(tc, every_punctuation);
    tcase_add_test(tc, longest_match);
    tcase_add_test(tc, identifiers);
    tcase_add_test(tc, comments);
    tcase_add_test(tc, space_before);
    tcase_add_test(tc, integers);
    tcase_add_test(tc, floats);
    tcase_add_test(tc, number_errors);
    tcase_add_test(tc, strings);
    tcase_add_test(tc, string_errors);
    tcase_add_test(tc, chars);
    tcase_add_test(tc, lifetimes);
    tcase_add_test(tc, char_errors);
    tcase_add_test(tc, unknown_chars);
    tcase_add_test(tc, nul_bytes);
    tcase_add_test(tc, invalid_utf8);
    tcase_add_test(tc, shebang);
    tcase_add_test(tc, spans_and_dump);
    tcase_add_test(tc, lex_runs_once);
    suite_add_tcase(s, tc);
    TCase *hostile = tcase_create("hostile");
    tcase_set_timeout(hostile, 60);
    tcase_add_test(hostile, flood_of_parens);
    tcase_add_test(hostile, random_bytes);
    tcase_add_test(hostile, every_prefix);
    tcase_add_test(hostile, lexes_fast);
    suite_add_tcase(s, hostile);
    return s;
}
