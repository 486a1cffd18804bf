// Infinite recursion overflows the stack: crashed, named as such.
// expect: verdict=crashed signal=SIGSEGV stack_overflow=true
// load: yes
int f(int n)
{
    volatile char pad[256];
    pad[0] = (char)n;
    return f(n + 1) + pad[0];
}
int main(void)
{
    return f(0);
}
