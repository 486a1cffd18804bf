/* native_host.c — runs a generated program's dynbox_main under the runtime
 * natively (the counterpart of `dynboxc run` for cc-built programs):
 * output to fds 1 and 2, exit status 3 when anything is still live. */
#include "rt_host.h"

#include <stdio.h>

void dynbox_main(void);

int main(void) {
    RtConfig cfg = {0};
    cfg.write_fds = 1;
    rt_host_init(&cfg);
    rt_host_run(dynbox_main);
    rt_host_flush();
    if (rt_host_live_count()) {
        fprintf(stderr, "leak: %llu allocations (%llu bytes) still live\n", (unsigned long long)rt_host_live_count(),
                (unsigned long long)rt_host_live_bytes());
        return 3;
    }
    return 0;
}
