// One frame larger than the whole stack: the fault lands far below the
// stack pointer's limit and is still a stack overflow.
// expect: verdict=crashed signal=SIGSEGV stack_overflow=true
int g(void)
{
    volatile char big[64 << 20];
    big[0] = 1;
    return big[0];
}
int main(void)
{
    return g();
}
