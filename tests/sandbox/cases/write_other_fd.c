// Writes go to fds 1 and 2 only; fd 0 (the job socket) is refused.
// expect: verdict=syscall signal=SIGSYS
long write(int, const void *, unsigned long);
int main(void)
{
    write(0, "x", 1);
    return 0;
}
