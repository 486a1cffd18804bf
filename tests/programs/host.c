/* host.c — the native host for golden programs built through `dynboxc
 * emit-c`: runs the generated dynbox_main under the runtime, as
 * `dynboxc run` does in memory. */
#include "rt_host.h"

void dynbox_main(void);
int main(void);

int main(void) {
    RtConfig cfg = { 0 };
    cfg.write_fds = 1;
    rt_host_init(&cfg);
    rt_host_run(dynbox_main);
    rt_host_flush();
    return rt_host_live_count() ? 3 : 0;
}
