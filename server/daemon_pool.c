/* daemon_pool.c — spreading jobs over several dynboxd (daemon_pool.h). */
#include "daemon_pool.h"

void pool_init(DaemonPool *p, unsigned n)
{
    p->n = n > POOL_MAX ? POOL_MAX : n;
    for (unsigned k = 0; k < POOL_MAX; k++) {
        atomic_init(&p->inflight[k], 0);
        atomic_init(&p->healthy[k], true);
        atomic_init(&p->queued[k], 0);
    }
    atomic_init(&p->rr, 0);
}

unsigned pool_order(DaemonPool *p, unsigned order[POOL_MAX])
{
    unsigned n = p->n, start = n ? atomic_fetch_add(&p->rr, 1) % n : 0;
    unsigned cnt = 0, load[POOL_MAX];
    /* healthy daemons, insertion-sorted by load; equal loads keep the
     * rotated order, so ties are taken in turn */
    for (unsigned i = 0; i < n; i++) {
        unsigned k = (start + i) % n;
        if (!atomic_load(&p->healthy[k]))
            continue;
        unsigned l = atomic_load(&p->inflight[k]) + atomic_load(&p->queued[k]), j = cnt++;
        while (j > 0 && load[j - 1] > l) {
            order[j] = order[j - 1];
            load[j] = load[j - 1];
            j--;
        }
        order[j] = k;
        load[j] = l;
    }
    for (unsigned i = 0; i < n; i++) {
        unsigned k = (start + i) % n;
        if (!atomic_load(&p->healthy[k]))
            order[cnt++] = k;
    }
    return cnt;
}

void pool_begin(DaemonPool *p, unsigned k)
{
    atomic_fetch_add(&p->inflight[k], 1);
}

void pool_reported(DaemonPool *p, unsigned k, unsigned queued)
{
    atomic_store(&p->queued[k], queued);
}

void pool_end(DaemonPool *p, unsigned k)
{
    atomic_fetch_sub(&p->inflight[k], 1);
}

void pool_answered(DaemonPool *p, unsigned k)
{
    atomic_store(&p->healthy[k], true);
}

void pool_unreachable(DaemonPool *p, unsigned k)
{
    atomic_store(&p->healthy[k], false);
}

bool pool_healthy(DaemonPool *p, unsigned k)
{
    return atomic_load(&p->healthy[k]);
}
