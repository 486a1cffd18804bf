// expect: verdict=syscall signal=SIGSYS
// load: yes
void *malloc(unsigned long);
int mprotect(void *, unsigned long, int);
int main(void)
{
    char *p = malloc(8192);
    p = (char *)(((unsigned long)p + 4095) & ~4095ul);
    p[0] = (char)0xc3; /* ret */
    mprotect(p, 4096, 1 | 4 /* READ|EXEC */);
    ((void (*)(void))p)();
    return 0;
}
