// A raw `syscall` instruction meets the same filter.
// expect: verdict=syscall signal=SIGSYS
// load: yes
int main(void)
{
    long ret;
    __asm__ volatile("syscall" : "=a"(ret) : "a"(110L /* getppid */) : "rcx", "r11", "memory");
    return (int)ret;
}
