// sleep(3) is clock_nanosleep underneath: forbidden.
// expect: verdict=syscall signal=SIGSYS
unsigned sleep(unsigned);
int main(void)
{
    sleep(100);
    return 0;
}
