/* cache.h — the result cache: a bounded, thread-safe LRU from a 32-byte key
 * (a hash of compiler version, operation, options and code) to a response
 * body. The cache owns copies of every value; lookups hand out copies.
 */
#ifndef DYNBOX_CACHE_H
#define DYNBOX_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct Cache Cache;

typedef struct CacheStats {
    uint64_t hits, misses, insertions, evictions;
    size_t entries, bytes, max_bytes;
} CacheStats;

/* max_bytes counts values plus a fixed per-entry overhead; 0 disables. */
Cache *cache_new(size_t max_bytes);
void cache_free(Cache *c);

/* On a hit returns true with a malloc'd copy of the value in *val. */
bool cache_get(Cache *c, const unsigned char key[32], char **val, size_t *len);
/* Stores a copy; a value larger than the whole cache is not stored. */
void cache_put(Cache *c, const unsigned char key[32], const char *val, size_t len);
void cache_stats(Cache *c, CacheStats *out);

#endif
