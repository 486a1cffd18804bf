// tgkill is allowed on the worker itself only (for abort).
// expect: verdict=syscall signal=SIGSYS
long syscall(long, ...);
int getpid(void);
int main(void)
{
    return (int)syscall(234 /* tgkill */, getpid() - 1, getpid() - 1, 9);
}
