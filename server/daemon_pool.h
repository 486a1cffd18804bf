/* daemon_pool.h — which dynboxd gets the next job, for a server pointed at
 * several daemons (`--daemon` repeated). Jobs go to the healthy daemon with
 * the shortest queue: the jobs waiting in its own queue as it last reported
 * them (other servers' jobs included) plus this server's jobs in flight
 * there, ties taken in turn; a daemon
 * that cannot be reached is marked unhealthy and tried only after every
 * healthy one failed, until it answers again (a job, or the server's prober
 * pinging unhealthy daemons, hears from it). Thread-safe (atomics only).
 */
#ifndef DYNBOX_DAEMON_POOL_H
#define DYNBOX_DAEMON_POOL_H

#include <stdatomic.h>
#include <stdbool.h>

#define POOL_MAX 8

typedef struct DaemonPool {
    unsigned n;
    atomic_uint inflight[POOL_MAX];      /* this server's jobs at each daemon */
    atomic_bool healthy[POOL_MAX];
    atomic_uint queued[POOL_MAX];        /* its queue, as it last reported */
    atomic_uint rr;                      /* turn for ties */
} DaemonPool;

void pool_init(DaemonPool *p, unsigned n);
/* The daemons to try for one job, best first: healthy ones by shortest
 * queue, then the unhealthy ones (an answer beats a certain 503). Returns
 * the count, p->n. */
unsigned pool_order(DaemonPool *p, unsigned order[POOL_MAX]);
void pool_begin(DaemonPool *p, unsigned k);
/* What daemon k reported of its queue (the prober asks every half second). */
void pool_reported(DaemonPool *p, unsigned k, unsigned queued);
void pool_end(DaemonPool *p, unsigned k);
/* Daemon k answered (healthy again) / could not be reached. */
void pool_answered(DaemonPool *p, unsigned k);
void pool_unreachable(DaemonPool *p, unsigned k);
bool pool_healthy(DaemonPool *p, unsigned k);

#endif
