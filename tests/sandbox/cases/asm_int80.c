// The 32-bit entry point (int 0x80) is another architecture: killed by the
// filter, or where the kernel has no 32-bit entry at all, a fault.
// expect: verdict=syscall|crashed signal=SIGSYS|SIGSEGV
int main(void)
{
    long ret;
    __asm__ volatile("int $0x80" : "=a"(ret) : "a"(20L /* i386 getpid */) : "memory");
    return (int)ret;
}
