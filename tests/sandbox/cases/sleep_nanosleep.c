// Really sleeping is a forbidden call: a sandboxed program never needs to
// (dynbox's sleep() is virtual time), and a sleeper would hold a worker.
// expect: verdict=syscall signal=SIGSYS
// load: yes
struct timespec { long tv_sec, tv_nsec; };
int nanosleep(const struct timespec *, struct timespec *);
int main(void)
{
    struct timespec t = {1000, 0};
    nanosleep(&t, 0);
    return 0;
}
