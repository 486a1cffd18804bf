/* ratelimit.c — token buckets in a chained hash table keyed by the client's
 * address text. Full buckets are dropped when the table grows past its soft
 * limit, so memory stays bounded by the number of recently active clients.
 */
#include "ratelimit.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define NBUCKETS 4096u
/* Past this many tracked clients, full (idle) buckets are swept. */
#define SWEEP_AT 65536u

typedef struct Bucket {
    char *client;
    double tokens;
    uint64_t t_ns;
    struct Bucket *next;
} Bucket;

struct RateLimit {
    pthread_mutex_t mu;
    double rate, burst;
    Bucket *tab[NBUCKETS];
    unsigned n;
};

static unsigned hash(const char *s)
{
    uint32_t h = 2166136261u;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h % NBUCKETS;
}

RateLimit *rl_new(double rate, double burst)
{
    RateLimit *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    pthread_mutex_init(&r->mu, NULL);
    r->rate = rate;
    r->burst = burst < 1 ? 1 : burst;
    return r;
}

void rl_free(RateLimit *r)
{
    if (!r)
        return;
    for (unsigned i = 0; i < NBUCKETS; i++)
        for (Bucket *b = r->tab[i], *n; b; b = n) {
            n = b->next;
            free(b->client);
            free(b);
        }
    pthread_mutex_destroy(&r->mu);
    free(r);
}

static void refill(const RateLimit *r, Bucket *b, uint64_t now)
{
    if (now > b->t_ns) {
        b->tokens += (double)(now - b->t_ns) / 1e9 * r->rate;
        if (b->tokens > r->burst)
            b->tokens = r->burst;
    }
    b->t_ns = now;
}

static void sweep(RateLimit *r, uint64_t now)
{
    for (unsigned i = 0; i < NBUCKETS; i++) {
        Bucket **pp = &r->tab[i];
        while (*pp) {
            Bucket *b = *pp;
            refill(r, b, now);
            if (b->tokens >= r->burst) {
                *pp = b->next;
                free(b->client);
                free(b);
                r->n--;
            } else {
                pp = &b->next;
            }
        }
    }
}

bool rl_take(RateLimit *r, const char *client, uint64_t now, unsigned *retry_after_s)
{
    if (r->rate <= 0)
        return true;
    bool ok = true;
    pthread_mutex_lock(&r->mu);
    unsigned h = hash(client);
    Bucket *b = r->tab[h];
    while (b && strcmp(b->client, client) != 0)
        b = b->next;
    if (!b) {
        if (r->n >= SWEEP_AT)
            sweep(r, now);
        b = calloc(1, sizeof *b);
        char *name = strdup(client);
        if (!b || !name) {
            /* out of memory: let the request through rather than fail it */
            free(b);
            free(name);
            pthread_mutex_unlock(&r->mu);
            return true;
        }
        b->client = name;
        b->tokens = r->burst;
        b->t_ns = now;
        b->next = r->tab[h];
        r->tab[h] = b;
        r->n++;
    }
    refill(r, b, now);
    if (b->tokens >= 1) {
        b->tokens -= 1;
    } else {
        ok = false;
        double wait = (1 - b->tokens) / r->rate;
        unsigned s = (unsigned)ceil(wait);
        *retry_after_s = s ? s : 1;
    }
    pthread_mutex_unlock(&r->mu);
    return ok;
}
