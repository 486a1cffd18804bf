/* test_http_unit.c — Check unit tests for the server's pure parts: SHA-256
 * and base62 (snippet ids, cache keys), the LRU result cache and the token
 * bucket rate limiter.
 */
#include "../../server/cache.h"
#include "../../server/daemon_pool.h"
#include "../../server/http_hash.h"
#include "../../server/ratelimit.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void hex(const unsigned char *d, char *out)
{
    for (int i = 0; i < 32; i++)
        sprintf(out + 2 * i, "%02x", d[i]);
}

static void sha(const char *msg, size_t n, char *out)
{
    HttpSha256 s;
    unsigned char d[32];
    http_sha256_init(&s);
    /* in uneven pieces, to cross block boundaries inside update */
    for (size_t i = 0; i < n;) {
        size_t k = n - i < 7 ? n - i : 7;
        http_sha256_update(&s, msg + i, k);
        i += k;
    }
    http_sha256_final(&s, d);
    hex(d, out);
}

START_TEST(sha256_vectors)
{
    char h[65];
    sha("", 0, h);
    ck_assert_str_eq(h, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    sha("abc", 3, h);
    ck_assert_str_eq(h, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    const char *m = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    sha(m, strlen(m), h);
    ck_assert_str_eq(h, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    char *a = malloc(1000);
    memset(a, 'a', 1000);
    sha(a, 1000, h);
    free(a);
    ck_assert_str_eq(h, "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3");
}
END_TEST

START_TEST(base62_fixed_width)
{
    unsigned char zero[8] = {0}, ones[8];
    memset(ones, 0xff, sizeof ones);
    char out[32];
    http_base62(zero, 8, out, 11);
    ck_assert_str_eq(out, "00000000000");
    http_base62(ones, 8, out, 11);
    ck_assert_str_eq(out, "LygHa16AHYF");
    unsigned char one[8] = {0, 0, 0, 0, 0, 0, 0, 62};
    http_base62(one, 8, out, 11);
    ck_assert_str_eq(out, "00000000010");
}
END_TEST

static void key(unsigned char k[32], int n)
{
    memset(k, 0, 32);
    k[0] = (unsigned char)n;
    k[31] = (unsigned char)(n * 7);
}

START_TEST(cache_hit_miss_and_lru)
{
    /* room for three 100-byte values (96 bytes of overhead each) */
    Cache *c = cache_new(3 * (100 + 96));
    unsigned char k[32];
    char v[100], *got;
    size_t len;
    memset(v, 'x', sizeof v);
    for (int i = 1; i <= 3; i++) {
        key(k, i);
        v[0] = (char)('0' + i);
        cache_put(c, k, v, sizeof v);
    }
    key(k, 1);
    ck_assert(cache_get(c, k, &got, &len)); /* 1 is now the most recent */
    ck_assert_uint_eq(len, 100);
    ck_assert_int_eq(got[0], '1');
    free(got);
    key(k, 4);
    cache_put(c, k, v, sizeof v); /* evicts 2, the least recent */
    key(k, 2);
    ck_assert(!cache_get(c, k, &got, &len));
    key(k, 1);
    ck_assert(cache_get(c, k, &got, &len));
    free(got);
    key(k, 3);
    ck_assert(cache_get(c, k, &got, &len));
    free(got);
    CacheStats st;
    cache_stats(c, &st);
    ck_assert_uint_eq(st.hits, 3);
    ck_assert_uint_eq(st.misses, 1);
    ck_assert_uint_eq(st.evictions, 1);
    ck_assert_uint_eq(st.entries, 3);
    ck_assert_uint_le(st.bytes, st.max_bytes);
    cache_free(c);
}
END_TEST

START_TEST(cache_oversize_and_replace)
{
    Cache *c = cache_new(1000);
    unsigned char k[32];
    char big[2000], *got;
    size_t len;
    memset(big, 'b', sizeof big);
    key(k, 9);
    cache_put(c, k, big, sizeof big); /* larger than the whole budget */
    ck_assert(!cache_get(c, k, &got, &len));
    cache_put(c, k, "one", 3);
    cache_put(c, k, "two!", 4);
    ck_assert(cache_get(c, k, &got, &len));
    ck_assert_uint_eq(len, 4);
    ck_assert_str_eq(got, "two!");
    free(got);
    CacheStats st;
    cache_stats(c, &st);
    ck_assert_uint_eq(st.entries, 1);
    ck_assert_uint_eq(st.bytes, 4 + 96);
    cache_free(c);
}
END_TEST

START_TEST(cache_many_entries_grow)
{
    Cache *c = cache_new(64u << 20);
    unsigned char k[32];
    char *got;
    size_t len;
    for (int i = 0; i < 5000; i++) {
        memset(k, 0, sizeof k);
        memcpy(k, &i, sizeof i);
        cache_put(c, k, (char *)&i, sizeof i);
    }
    for (int i = 0; i < 5000; i += 97) {
        memset(k, 0, sizeof k);
        memcpy(k, &i, sizeof i);
        ck_assert(cache_get(c, k, &got, &len));
        ck_assert_int_eq(*(int *)got, i);
        free(got);
    }
    cache_free(c);
}
END_TEST

START_TEST(ratelimit_bucket)
{
    RateLimit *r = rl_new(2, 3);
    unsigned retry = 0;
    uint64_t t = 1000000000ull;
    for (int i = 0; i < 3; i++)
        ck_assert(rl_take(r, "10.0.0.1", t, &retry));
    ck_assert(!rl_take(r, "10.0.0.1", t, &retry));
    ck_assert_uint_eq(retry, 1);
    ck_assert(rl_take(r, "10.0.0.2", t, &retry)); /* another client has its own bucket */
    ck_assert(rl_take(r, "10.0.0.1", t + 500000000ull, &retry)); /* 2/s refills one in 0.5 s */
    ck_assert(!rl_take(r, "10.0.0.1", t + 500000000ull, &retry));
    /* a long pause refills to the burst, not beyond */
    for (int i = 0; i < 3; i++)
        ck_assert(rl_take(r, "10.0.0.1", t + 100000000000ull, &retry));
    ck_assert(!rl_take(r, "10.0.0.1", t + 100000000000ull, &retry));
    rl_free(r);
    RateLimit *off = rl_new(0, 1);
    for (int i = 0; i < 100; i++)
        ck_assert(rl_take(off, "x", t, &retry));
    rl_free(off);
}
END_TEST

START_TEST(ratelimit_slow_rate_retry_after)
{
    RateLimit *r = rl_new(0.1, 1); /* one request per 10 s */
    unsigned retry = 0;
    ck_assert(rl_take(r, "c", 0, &retry));
    ck_assert(!rl_take(r, "c", 0, &retry));
    ck_assert_uint_eq(retry, 10);
    rl_free(r);
}
END_TEST

START_TEST(pool_prefers_healthy_and_least_loaded)
{
    DaemonPool p;
    pool_init(&p, 3);
    unsigned order[POOL_MAX];
    pool_begin(&p, 0);
    pool_begin(&p, 0);
    pool_begin(&p, 2);
    ck_assert_uint_eq(pool_order(&p, order), 3);
    ck_assert_uint_eq(order[0], 1); /* no jobs in flight */
    ck_assert_uint_eq(order[1], 2);
    ck_assert_uint_eq(order[2], 0);
    pool_unreachable(&p, 1);
    ck_assert(!pool_healthy(&p, 1));
    ck_assert_uint_eq(pool_order(&p, order), 3);
    ck_assert_uint_eq(order[0], 2);
    ck_assert_uint_eq(order[1], 0);
    ck_assert_uint_eq(order[2], 1); /* unhealthy: only after the others */
    pool_answered(&p, 1);
    pool_order(&p, order);
    ck_assert_uint_eq(order[0], 1);
    pool_end(&p, 0);
    pool_end(&p, 0);
    pool_end(&p, 2);
}
END_TEST

START_TEST(pool_counts_the_daemons_own_queue)
{
    DaemonPool p;
    pool_init(&p, 2);
    unsigned order[POOL_MAX];
    pool_begin(&p, 0);          /* one job of ours at daemon 0 */
    pool_reported(&p, 1, 3);    /* daemon 1 has 3 waiting (other servers') */
    pool_order(&p, order);
    ck_assert_uint_eq(order[0], 0);
    pool_reported(&p, 1, 0);
    pool_order(&p, order);
    ck_assert_uint_eq(order[0], 1);
    pool_end(&p, 0);
}
END_TEST

START_TEST(pool_takes_ties_in_turn)
{
    DaemonPool p;
    pool_init(&p, 2);
    unsigned order[POOL_MAX], first[4];
    for (int i = 0; i < 4; i++) {
        pool_order(&p, order);
        first[i] = order[0];
    }
    ck_assert_uint_ne(first[0], first[1]);
    ck_assert_uint_eq(first[0], first[2]);
    ck_assert_uint_eq(first[1], first[3]);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("http");
    TCase *tc = tcase_create("units");
    tcase_add_test(tc, sha256_vectors);
    tcase_add_test(tc, base62_fixed_width);
    tcase_add_test(tc, cache_hit_miss_and_lru);
    tcase_add_test(tc, cache_oversize_and_replace);
    tcase_add_test(tc, cache_many_entries_grow);
    tcase_add_test(tc, ratelimit_bucket);
    tcase_add_test(tc, ratelimit_slow_rate_retry_after);
    tcase_add_test(tc, pool_prefers_healthy_and_least_loaded);
    tcase_add_test(tc, pool_takes_ties_in_turn);
    tcase_add_test(tc, pool_counts_the_daemons_own_queue);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
