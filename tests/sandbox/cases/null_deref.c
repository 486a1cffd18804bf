// expect: verdict=crashed signal=SIGSEGV stack_overflow=false
// load: yes
int main(void)
{
    volatile int *p = 0;
    return *p;
}
