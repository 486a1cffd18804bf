// An infinite loop meets the CPU limit (the exact timer, SIGXCPU).
// expect: verdict=timeout timeout=cpu signal=SIGXCPU
// limits: cpu_ms=300 wall_ms=3000
// load: yes
int main(void)
{
    for (volatile unsigned long i = 0;; i++)
        ;
}
