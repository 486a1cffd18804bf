/* host.c — one program run as the host drives it: reset every piece of
 * runtime state, call the generated entry point, drop the tasks main left
 * behind, flush. Owns the run's configuration (rti_host). */
#include "rt_internal.h"

RtiHostState rti_host;

void rt_host_init(const RtConfig *cfg) {
    memset(&rti_host, 0, sizeof rti_host);
    if (cfg) rti_host.cfg = *cfg;
    rti_host.file_name = rti_host.cfg.file_name;
    rti_panic_reset();
    rti_exec_reset();
    rti_ledger_reset();
    rti_output_reset(rti_host.cfg.output_cap, rti_host.cfg.write_fds);
}

int rt_host_run(void (*entry)(void)) {
    rti_host.running = 1;
    entry();
    /* DESIGN.md section 6: when main returns, the remaining tasks are
     * dropped in creation order; their drops may still print. */
    rti_exec_shutdown();
    rti_host.running = 0;
    rti_output_flush();
    return 0;
}

void rt_host_release(void) {
    rti_exec_shutdown();
    rti_exec_reset();
    rti_ledger_release();
    rti_output_release();
}

rt_u64 rt_host_now(void) {
    return rti_exec_now();
}
