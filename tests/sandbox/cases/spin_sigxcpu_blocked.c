// Blocking SIGXCPU does not escape the CPU limit: RLIMIT_CPU's hard limit
// sends SIGKILL, and the daemon still sees the CPU time in rusage (on a
// machine so loaded that 2 s of CPU take over 6 s, the wall limit is first).
// expect: verdict=timeout timeout=cpu|wall
// limits: cpu_ms=100 wall_ms=6000
long syscall(long, ...);
int main(void)
{
    unsigned long set = 1ul << (24 - 1); /* SIGXCPU */
    syscall(14 /* rt_sigprocmask */, 0 /* SIG_BLOCK */, &set, (void *)0, 8);
    for (volatile unsigned long i = 0;; i++)
        ;
}
