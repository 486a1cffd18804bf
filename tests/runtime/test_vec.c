/* test_vec.c — Vec<T> through the generic element-size API: RawVec growth
 * (and so the ledger counts), insertion/removal, drops of elements in
 * Rust's order, zero-sized elements, the slice algorithms and the index and
 * range panics with rustc 1.95's messages. */
#include "rt_test.h"

#include <stdio.h>
#include <string.h>

#define VEC_OF(T) sizeof(T), _Alignof(T)

static rt_i32 at(const RtVec *v, rt_usize i) {
    return *(rt_i32 *)rt_vec_index(v, i, sizeof(rt_i32), RT_LOC(1, 1));
}

static void ck_ints(const RtVec *v, const char *want) {
    char buf[256];
    size_t n = 0;
    for (rt_usize i = 0; i < v->len; i++) n += (size_t)snprintf(buf + n, sizeof buf - n, i ? ",%d" : "%d", at(v, i));
    buf[n] = 0;
    ck_assert_str_eq(buf, want);
}

START_TEST(vec_growth_matches_rawvec) {
    rtt_init();
    RtVec v = rt_vec_new();
    rt_u64 x = 1;
    rt_vec_push(&v, &x, VEC_OF(rt_u64));
    ck_assert_uint_eq(v.cap, 4);   /* 4 for elements up to 1 KiB */
    for (int i = 0; i < 4; i++) rt_vec_push(&v, &x, VEC_OF(rt_u64));
    ck_assert_uint_eq(v.cap, 8);
    RtVec b = rt_vec_new();
    rt_u8 byte = 7;
    rt_vec_push(&b, &byte, VEC_OF(rt_u8));
    ck_assert_uint_eq(b.cap, 8);
    typedef struct Big {
        rt_u8 b[2000];
    } Big;
    static Big big;
    RtVec g = rt_vec_new();
    rt_vec_push(&g, &big, VEC_OF(Big));
    ck_assert_uint_eq(g.cap, 1);
    RtKindStats k;
    rt_host_kind_stats(RT_ALLOC_VEC, &k);
    ck_assert_uint_eq(k.allocs, 3);
    ck_assert_uint_eq(k.reallocs, 1);
    rt_vec_reserve_exact(&v, 10, VEC_OF(rt_u64));
    ck_assert_uint_eq(v.cap, 15);
    rt_vec_shrink_to_fit(&v, VEC_OF(rt_u64));
    ck_assert_uint_eq(v.cap, 5);
    RtVec c = rt_vec_clone_copy(&v, VEC_OF(rt_u64));
    ck_assert_uint_eq(c.cap, 5);
    RtVec w = rt_vec_with_capacity(3, VEC_OF(rt_u64));
    ck_assert_uint_eq(w.cap, 3);
    rt_vec_drop(&w, VEC_OF(rt_u64), NULL);
    rt_vec_drop(&c, VEC_OF(rt_u64), NULL);
    rt_vec_drop(&v, VEC_OF(rt_u64), NULL);
    rt_vec_drop(&b, VEC_OF(rt_u8), NULL);
    rt_vec_drop(&g, VEC_OF(Big), NULL);
    ck_assert_uint_eq(rt_host_live_count(), 0);
}
END_TEST

START_TEST(vec_editing) {
    rtt_init();
    rt_i32 xs[] = {1, 2, 3};
    RtVec v = rt_vec_new();
    rt_vec_extend_copy(&v, xs, 3, VEC_OF(rt_i32));
    rt_i32 e = 9, out = 0;
    rt_vec_insert(&v, 0, &e, VEC_OF(rt_i32), RT_LOC(1, 1));
    rt_vec_insert(&v, 4, &e, VEC_OF(rt_i32), RT_LOC(1, 1));
    ck_ints(&v, "9,1,2,3,9");
    rt_vec_remove(&v, 1, &out, sizeof(rt_i32), RT_LOC(1, 1));
    ck_assert_int_eq(out, 1);
    rt_vec_swap_remove(&v, 0, &out, sizeof(rt_i32));
    ck_assert_int_eq(out, 9);
    ck_ints(&v, "9,2,3");
    ck_assert(rt_vec_pop(&v, &out, sizeof(rt_i32)) && out == 3);
    *(rt_i32 *)rt_vec_push_slot(&v, VEC_OF(rt_i32)) = 5;
    ck_ints(&v, "9,2,5");
    RtVec src = rt_vec_from_elem_copy(&e, 2, VEC_OF(rt_i32));
    rt_vec_append(&v, &src, VEC_OF(rt_i32));
    ck_assert_uint_eq(src.len, 0);
    ck_ints(&v, "9,2,5,9,9");
    RtSlice s = rt_vec_as_slice(&v);
    rt_slice_reverse(s, sizeof(rt_i32));
    ck_ints(&v, "9,9,5,2,9");
    rt_slice_swap(s, 0, 3, sizeof(rt_i32), RT_LOC(1, 1));
    ck_ints(&v, "2,9,5,9,9");
    RtSlice sub = rt_slice_range(s, 1, 3, sizeof(rt_i32), RT_LOC(1, 1));
    ck_assert_uint_eq(sub.len, 2);
    ck_assert_int_eq(*(rt_i32 *)rt_slice_index(sub, 1, sizeof(rt_i32), RT_LOC(1, 1)), 5);
    rt_vec_truncate(&v, 2, sizeof(rt_i32), NULL);
    ck_ints(&v, "2,9");
    rt_vec_clear(&v, sizeof(rt_i32), NULL);
    ck_assert(!rt_vec_pop(&v, &out, sizeof(rt_i32)));
    rt_vec_drop(&v, VEC_OF(rt_i32), NULL);
    rt_vec_drop(&src, VEC_OF(rt_i32), NULL);
    ck_assert_uint_eq(rt_host_live_count(), 0);
}
END_TEST

/* Elements with drop glue: Strings, dropped front to back. */
static char drop_log[64];

static void drop_tagged(void *p) {
    RtString *s = p;
    strncat(drop_log, (const char *)s->ptr, s->len);
    rt_string_drop(s);
}

START_TEST(vec_drops_elements_in_order) {
    rtt_init();
    RtVec v = rt_vec_new();
    const char *tags[] = {"a", "b", "c", "d"};
    for (int i = 0; i < 4; i++) {
        RtString s = rt_string_from_str((RtStr){(const rt_u8 *)tags[i], 1});
        rt_vec_push(&v, &s, VEC_OF(RtString));
    }
    drop_log[0] = 0;
    rt_vec_truncate(&v, 2, sizeof(RtString), drop_tagged);
    ck_assert_str_eq(drop_log, "cd");
    rt_vec_drop(&v, VEC_OF(RtString), drop_tagged);
    ck_assert_str_eq(drop_log, "cdab");
    ck_assert_uint_eq(rt_host_live_count(), 0);
}
END_TEST

/* vec::IntoIter: after moving some elements out, the drop releases only
 * the ones not yielded, in order, and the buffer. */
START_TEST(vec_into_iter_drops_the_rest) {
    rtt_init();
    RtVec v = rt_vec_new();
    const char *tags[] = {"a", "b", "c", "d"};
    for (int i = 0; i < 4; i++) {
        RtString s = rt_string_from_str((RtStr){(const rt_u8 *)tags[i], 1});
        rt_vec_push(&v, &s, VEC_OF(RtString));
    }
    RtVecIter it = {v.ptr, v.cap, 0, v.len};
    RtString first = ((RtString *)it.ptr)[it.pos++];
    RtString last = ((RtString *)it.ptr)[--it.end];
    drop_log[0] = 0;
    rt_vec_iter_drop(&it, sizeof(RtString), drop_tagged);
    ck_assert_str_eq(drop_log, "bc");
    ck_assert_ptr_null(it.ptr);
    drop_tagged(&first);
    drop_tagged(&last);
    ck_assert_str_eq(drop_log, "bcad");
    ck_assert_uint_eq(rt_host_live_count(), 0);
}
END_TEST

START_TEST(vec_zero_sized_elements_never_allocate) {
    rtt_init();
    RtVec v = rt_vec_new();
    for (int i = 0; i < 100; i++) rt_vec_push(&v, NULL, 0, 1);
    ck_assert_uint_eq(v.len, 100);
    rt_vec_insert(&v, 50, NULL, 0, 1, RT_LOC(1, 1));
    ck_assert(rt_vec_pop(&v, NULL, 0));
    ck_assert_uint_eq(v.len, 100);
    RtKindStats k;
    rt_host_kind_stats(RT_ALLOC_VEC, &k);
    ck_assert_uint_eq(k.allocs, 0);
    rt_vec_drop(&v, 0, 1, NULL);
}
END_TEST

static rt_i32 cmp_key(const void *a, const void *b, void *ctx) {
    (void)ctx;
    rt_i32 x = *(const rt_i32 *)a / 10, y = *(const rt_i32 *)b / 10;
    return x < y ? -1 : x > y;
}

static rt_i32 cmp_thousands(const void *a, const void *b, void *ctx) {
    (void)ctx;
    rt_i32 x = *(const rt_i32 *)a / 1000, y = *(const rt_i32 *)b / 1000;
    return x < y ? -1 : x > y;
}

static rt_bool eq_int(const void *a, const void *b, void *ctx) {
    (void)ctx;
    return *(const rt_i32 *)a == *(const rt_i32 *)b;
}

START_TEST(vec_sort_is_stable) {
    rtt_init();
    /* keys are the thousands; the rest records the original order */
    RtVec v = rt_vec_new();
    rt_u64 st = 7;
    for (rt_i32 i = 0; i < 300; i++) {
        st = st * 6364136223846793005ull + 1442695040888963407ull;
        rt_i32 x = (rt_i32)((st >> 33) % 20) * 1000 + i;   /* key = x / 1000, order = i */
        rt_vec_push(&v, &x, VEC_OF(rt_i32));
    }
    rt_slice_sort(rt_vec_as_slice(&v), sizeof(rt_i32), cmp_thousands, NULL);
    for (rt_usize i = 1; i < v.len; i++) {
        rt_i32 a = at(&v, i - 1), b = at(&v, i);
        ck_assert(a / 1000 < b / 1000 || (a / 1000 == b / 1000 && a % 1000 < b % 1000));
    }
    /* and with coarser keys, equal keys keep their order */
    RtVec w = rt_vec_new();
    rt_i32 ys[] = {31, 12, 35, 10, 33, 14, 2, 1};
    rt_vec_extend_copy(&w, ys, 8, VEC_OF(rt_i32));
    rt_slice_sort(rt_vec_as_slice(&w), sizeof(rt_i32), cmp_key, NULL);
    ck_ints(&w, "2,1,12,10,14,31,35,33");
    rt_i32 probe = 35;
    ck_assert(rt_slice_contains(rt_vec_as_slice(&w), sizeof(rt_i32), &probe, eq_int, NULL));
    probe = 36;
    ck_assert(!rt_slice_contains(rt_vec_as_slice(&w), sizeof(rt_i32), &probe, eq_int, NULL));
    rt_vec_drop(&v, VEC_OF(rt_i32), NULL);
    rt_vec_drop(&w, VEC_OF(rt_i32), NULL);
    ck_assert_uint_eq(rt_host_live_count(), 0);
}
END_TEST

static RtVec three(void) {
    rt_i32 xs[] = {1, 2, 3};
    RtVec v = rt_vec_new();
    rt_vec_extend_copy(&v, xs, 3, VEC_OF(rt_i32));
    return v;
}

#define VPANIC(name, line, col, msg, stmt)                                                       \
    START_TEST(name) {                                                                        \
        rtt_expect_panic(rtt_panic_text(line, col, msg), NULL);                               \
        RtVec v = three();                                                                     \
        rt_i32 x = 0;                                                                          \
        (void)x;                                                                               \
        stmt;                                                                                  \
        ck_abort_msg("did not panic");                                                         \
    }                                                                                          \
    END_TEST

VPANIC(vec_index_oob, 22, 66, "index out of bounds: the len is 3 but the index is 5",
       rt_vec_index(&v, 5, sizeof(rt_i32), RT_LOC(22, 66)))
VPANIC(vec_insert_oob, 19, 66, "insertion index (is 5) should be <= len (is 3)",
       rt_vec_insert(&v, 5, &x, VEC_OF(rt_i32), RT_LOC(19, 66)))
VPANIC(vec_remove_oob, 20, 66, "removal index (is 5) should be < len (is 3)",
       rt_vec_remove(&v, 5, &x, sizeof(rt_i32), RT_LOC(20, 66)))
VPANIC(vec_range_end_oob, 17, 79, "range end index 5 out of range for slice of length 3",
       rt_slice_range(rt_vec_as_slice(&v), 1, 5, sizeof(rt_i32), RT_LOC(17, 79)))
VPANIC(vec_range_start_oob, 32, 79, "range start index 5 out of range for slice of length 3",
       rt_slice_range(rt_vec_as_slice(&v), 5, 3, sizeof(rt_i32), RT_LOC(32, 79)))
VPANIC(vec_range_backwards, 18, 101, "slice index starts at 2 but ends at 1",
       rt_slice_range(rt_vec_as_slice(&v), 2, 1, sizeof(rt_i32), RT_LOC(18, 101)))
VPANIC(vec_swap_oob, 27, 66, "index out of bounds: the len is 3 but the index is 5",
       rt_slice_swap(rt_vec_as_slice(&v), 0, 5, sizeof(rt_i32), RT_LOC(27, 66)))

START_TEST(vec_swap_remove_reports_std) {
    rtt_expect_panic("thread 'main' panicked at /rustc/59807616e1fa2540724bfbac14d7976d7e4a3860/library/alloc/src/vec/mod.rs:2202:13:\n"
                     "swap_remove index (is 5) should be < len (is 3)\n"
                     "note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace\n",
                     NULL);
    RtVec v = three();
    rt_i32 x;
    rt_vec_swap_remove(&v, 5, &x, sizeof(rt_i32));
}
END_TEST

START_TEST(vec_capacity_overflow_reports_std) {
    rtt_expect_panic("thread 'main' panicked at /rustc/59807616e1fa2540724bfbac14d7976d7e4a3860/library/alloc/src/raw_vec/mod.rs:28:5:\n"
                     "capacity overflow\n"
                     "note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace\n",
                     NULL);
    RtVec v = rt_vec_new();
    rt_vec_reserve(&v, ~(rt_usize)0 / 4, VEC_OF(rt_u64));
}
END_TEST

Suite *rtt_suite_vec(void) {
    Suite *s = suite_create("vec");
    TCase *tc = tcase_create("vec");
    tcase_add_test(tc, vec_growth_matches_rawvec);
    tcase_add_test(tc, vec_editing);
    tcase_add_test(tc, vec_drops_elements_in_order);
    tcase_add_test(tc, vec_into_iter_drops_the_rest);
    tcase_add_test(tc, vec_zero_sized_elements_never_allocate);
    tcase_add_test(tc, vec_sort_is_stable);
    tcase_add_exit_test(tc, vec_index_oob, 101);
    tcase_add_exit_test(tc, vec_insert_oob, 101);
    tcase_add_exit_test(tc, vec_remove_oob, 101);
    tcase_add_exit_test(tc, vec_range_end_oob, 101);
    tcase_add_exit_test(tc, vec_range_start_oob, 101);
    tcase_add_exit_test(tc, vec_range_backwards, 101);
    tcase_add_exit_test(tc, vec_swap_oob, 101);
    tcase_add_exit_test(tc, vec_swap_remove_reports_std, 101);
    tcase_add_exit_test(tc, vec_capacity_overflow_reports_std, 101);
    suite_add_tcase(s, tc);
    return s;
}
