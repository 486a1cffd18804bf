// "Sleeping" without a sleep call: busy-wait on the clock. With more CPU
// allowed than wall time, the wall deadline ends it.
// expect: verdict=timeout timeout=wall signal=SIGKILL
// limits: cpu_ms=5000 wall_ms=300
// load: yes
struct timespec { long tv_sec, tv_nsec; };
int clock_gettime(int, struct timespec *);
int main(void)
{
    struct timespec t;
    for (;;)
        clock_gettime(1, &t);
}
