/* cache.c — the LRU behind cache.h: a chained hash table whose entries are
 * also on a recency list; the least recently used go first when the byte
 * budget is exceeded. One mutex guards everything (operations are short).
 */
#include "cache.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* What an entry costs beyond its value: the node and its table slot. */
#define ENTRY_OVERHEAD 96u

typedef struct Entry {
    unsigned char key[32];
    char *val;
    size_t len;
    struct Entry *hnext;       /* bucket chain */
    struct Entry *prev, *next; /* recency list, most recent at head */
} Entry;

struct Cache {
    pthread_mutex_t mu;
    Entry **tab;
    size_t nbuckets; /* a power of two */
    Entry *head, *tail;
    CacheStats st;
};

static size_t bucket(const Cache *c, const unsigned char *key)
{
    uint64_t h;
    memcpy(&h, key, sizeof h); /* the key is already a hash */
    return (size_t)h & (c->nbuckets - 1);
}

Cache *cache_new(size_t max_bytes)
{
    Cache *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->nbuckets = 1024;
    c->tab = calloc(c->nbuckets, sizeof *c->tab);
    if (!c->tab) {
        free(c);
        return NULL;
    }
    pthread_mutex_init(&c->mu, NULL);
    c->st.max_bytes = max_bytes;
    return c;
}

void cache_free(Cache *c)
{
    if (!c)
        return;
    for (Entry *e = c->head, *n; e; e = n) {
        n = e->next;
        free(e->val);
        free(e);
    }
    free(c->tab);
    pthread_mutex_destroy(&c->mu);
    free(c);
}

static void list_unlink(Cache *c, Entry *e)
{
    if (e->prev)
        e->prev->next = e->next;
    else
        c->head = e->next;
    if (e->next)
        e->next->prev = e->prev;
    else
        c->tail = e->prev;
    e->prev = e->next = NULL;
}

static void list_push(Cache *c, Entry *e)
{
    e->prev = NULL;
    e->next = c->head;
    if (c->head)
        c->head->prev = e;
    c->head = e;
    if (!c->tail)
        c->tail = e;
}

static void remove_entry(Cache *c, Entry *e)
{
    Entry **pp = &c->tab[bucket(c, e->key)];
    while (*pp != e)
        pp = &(*pp)->hnext;
    *pp = e->hnext;
    list_unlink(c, e);
    c->st.bytes -= e->len + ENTRY_OVERHEAD;
    c->st.entries--;
    free(e->val);
    free(e);
}

static Entry *find(Cache *c, const unsigned char *key)
{
    for (Entry *e = c->tab[bucket(c, key)]; e; e = e->hnext)
        if (memcmp(e->key, key, 32) == 0)
            return e;
    return NULL;
}

/* Doubles the table when chains grow long; failure just keeps it as is. */
static void grow(Cache *c)
{
    size_t n = c->nbuckets * 2;
    Entry **t = calloc(n, sizeof *t);
    if (!t)
        return;
    Entry **old = c->tab;
    size_t oldn = c->nbuckets;
    c->tab = t;
    c->nbuckets = n;
    for (size_t i = 0; i < oldn; i++)
        for (Entry *e = old[i], *nx; e; e = nx) {
            nx = e->hnext;
            size_t b = bucket(c, e->key);
            e->hnext = t[b];
            t[b] = e;
        }
    free(old);
}

bool cache_get(Cache *c, const unsigned char key[32], char **val, size_t *len)
{
    bool hit = false;
    pthread_mutex_lock(&c->mu);
    Entry *e = find(c, key);
    if (e) {
        char *copy = malloc(e->len + 1);
        if (copy) {
            memcpy(copy, e->val, e->len);
            copy[e->len] = '\0';
            *val = copy;
            *len = e->len;
            list_unlink(c, e);
            list_push(c, e);
            hit = true;
        }
    }
    if (hit)
        c->st.hits++;
    else
        c->st.misses++;
    pthread_mutex_unlock(&c->mu);
    return hit;
}

void cache_put(Cache *c, const unsigned char key[32], const char *val, size_t len)
{
    if (len + ENTRY_OVERHEAD > c->st.max_bytes)
        return;
    Entry *e = calloc(1, sizeof *e);
    char *copy = malloc(len ? len : 1);
    if (!e || !copy) {
        free(e);
        free(copy);
        return;
    }
    memcpy(e->key, key, 32);
    memcpy(copy, val, len);
    e->val = copy;
    e->len = len;
    pthread_mutex_lock(&c->mu);
    Entry *old = find(c, key);
    if (old)
        remove_entry(c, old);
    while (c->tail && c->st.bytes + len + ENTRY_OVERHEAD > c->st.max_bytes) {
        remove_entry(c, c->tail);
        c->st.evictions++;
    }
    if (c->st.entries >= c->nbuckets * 2)
        grow(c);
    size_t b = bucket(c, key);
    e->hnext = c->tab[b];
    c->tab[b] = e;
    list_push(c, e);
    c->st.entries++;
    c->st.bytes += len + ENTRY_OVERHEAD;
    c->st.insertions++;
    pthread_mutex_unlock(&c->mu);
}

void cache_stats(Cache *c, CacheStats *out)
{
    pthread_mutex_lock(&c->mu);
    *out = c->st;
    pthread_mutex_unlock(&c->mu);
}
