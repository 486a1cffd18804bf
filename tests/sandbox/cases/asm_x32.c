// The x32 ABI's numbers (bit 30 set) are rejected, not mapped to allowed calls.
// expect: verdict=syscall signal=SIGSYS
int main(void)
{
    long ret;
    __asm__ volatile("syscall" : "=a"(ret) : "a"(0x40000000L | 39 /* getpid */) : "rcx", "r11", "memory");
    return (int)ret;
}
