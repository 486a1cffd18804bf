// expect: verdict=syscall signal=SIGSYS
long syscall(long, ...);
int main(void)
{
    unsigned long args[11] = {0};
    args[4] = 17; /* exit_signal = SIGCHLD */
    return (int)syscall(435 /* clone3 */, args, sizeof args);
}
