/* ratelimit.h — a token bucket per client address. Thread-safe; owns its
 * table of buckets, which forgets clients whose bucket has refilled.
 */
#ifndef DYNBOX_RATELIMIT_H
#define DYNBOX_RATELIMIT_H

#include <stdbool.h>
#include <stdint.h>

typedef struct RateLimit RateLimit;

/* `rate` tokens per second up to `burst`; rate <= 0 disables limiting. */
RateLimit *rl_new(double rate, double burst);
void rl_free(RateLimit *r);

/* Takes one token for `client` at time now_ns. When none is left returns
 * false and the whole seconds until one will be (at least 1). */
bool rl_take(RateLimit *r, const char *client, uint64_t now_ns, unsigned *retry_after_s);

#endif
