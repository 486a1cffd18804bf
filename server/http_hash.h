/* http_hash.h — SHA-256 and base62, used for content-addressed snippet ids
 * and result-cache keys. Pure functions; own nothing.
 */
#ifndef DYNBOX_HTTP_HASH_H
#define DYNBOX_HTTP_HASH_H

#include <stddef.h>
#include <stdint.h>

typedef struct HttpSha256 {
    uint32_t h[8];
    uint64_t len;
    unsigned char buf[64];
    size_t nbuf;
} HttpSha256;

void http_sha256_init(HttpSha256 *s);
void http_sha256_update(HttpSha256 *s, const void *p, size_t n);
void http_sha256_final(HttpSha256 *s, unsigned char out[32]);

/* Writes `nchars` base62 characters for the big-endian integer in `in`
 * (taken modulo 62^nchars) and a NUL; out must hold nchars + 1 bytes. */
void http_base62(const unsigned char *in, size_t inlen, char *out, size_t nchars);

#endif
